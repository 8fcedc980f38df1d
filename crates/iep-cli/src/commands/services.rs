//! `iep services`: per service and month, what the IEP in force required,
//! what the log shows was delivered, what was missed and what is owed.

use std::fmt::Write as _;

use iep_model::wording::number1 as number;
use iep_services::{Accounting, PeriodAccount, ServiceAccount, Status, Unit};
use serde_json::json;

use crate::common::{CaseArgs, CmdResult, Format, Outcome, load_case, print_json};
use crate::render::{BOLD, DIM, ERROR};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub case: CaseArgs,
    /// How to print the result.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(args: Args) -> CmdResult {
    let case = load_case(&args.case)?;
    let as_of = args.case.as_of();
    let cut = case.as_of(as_of);
    // Judged against the terms in force, with the figures against the terms
    // the parent agreed to beside them where a change nobody agreed to differs.
    // The same computation the checks, the packet and the services letter read.
    let cx = iep_model::Context::new(&cut, as_of);
    let accounting = iep_services::accounting_as_agreed(&cx, &iep_diff::case_changes(&cx).unagreed());
    let min_delivery = cut.info.settings.min_delivery;
    match args.format {
        Format::Json => print_json(&to_json(&cut.name, &accounting, min_delivery))?,
        Format::Text => {
            let text = to_text(&cut.info.child.name, &accounting, min_delivery);
            crate::common::print(&text)?;
        }
    }
    Ok(Outcome::Done)
}

fn status_words(p: &PeriodAccount) -> &'static str {
    p.status.words()
}

fn to_json(case_name: &str, accounting: &Accounting, min_delivery: f64) -> serde_json::Value {
    let round = |v: f64| (v * 100.0).round() / 100.0;
    let services: Vec<serde_json::Value> = accounting
        .services
        .iter()
        .map(|s| {
            let months: Vec<serde_json::Value> = s
                .periods
                .iter()
                .map(|p| {
                    let mut month = json!({
                        "month": p.label(),
                        "kind": p.kind,
                        "from": p.first_day.to_string(),
                        "to": p.last_day.to_string(),
                        "unit": p.unit,
                        "required": round(p.required),
                        "delivered": round(p.delivered),
                        "missed": p.missed,
                        "made_up": p.made_up,
                        "missed_by_student": p.by_student,
                        "excused": round(p.excused),
                        "owed": p.owed(),
                        "percent": p.percent_shown(),
                        "status": p.status,
                        "shortfall": p.is_shortfall(min_delivery),
                    });
                    if let (Some(required), Some(owed), Some(obj)) = (p.required_as_agreed, p.owed_as_agreed, month.as_object_mut()) {
                        obj.insert("required_as_agreed".into(), json!(round(required)));
                        obj.insert("owed_as_agreed".into(), json!(owed));
                    }
                    month
                })
                .collect();
            let judged = s.periods.iter().filter(|p| p.status == Status::Judged && p.unit == Unit::Minutes);
            let (required, delivered) = judged.fold((0.0, 0.0), |(r, d), p| (r + p.required, d + p.delivered));
            let mut service = json!({
                "id": s.id,
                "service": s.name,
                "amount": s.amount,
                "months": months,
                "judged_minutes": {"required": round(required), "delivered": round(delivered), "owed": s.owed(Unit::Minutes)},
            });
            if s.periods.iter().any(|p| p.unit == Unit::Sessions && p.status == Status::Judged)
                && let Some(obj) = service.as_object_mut()
            {
                obj.insert("sessions_owed".into(), json!(s.owed(Unit::Sessions)));
            }
            if s.differs_as_agreed()
                && let Some(obj) = service.as_object_mut()
            {
                obj.insert("minutes_owed_as_agreed".into(), json!(s.owed_as_agreed(Unit::Minutes)));
            }
            service
        })
        .collect();
    json!({
        "case": case_name,
        "as_of": accounting.as_of.to_string(),
        "min_delivery": min_delivery,
        "services": services,
        "minutes_owed": accounting.minutes_owed(),
        "minutes_owed_in_shortfalls": accounting.minutes_owed_in_shortfalls(min_delivery),
        "minutes_owed_as_agreed": accounting.minutes_owed_as_agreed(),
    })
}

fn to_text(child: &str, accounting: &Accounting, min_delivery: f64) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}{child}: services as of {}{}", BOLD.render(), accounting.as_of, BOLD.render_reset());
    let _ = writeln!(
        out,
        "{}Weeks run Monday to Sunday and count in the month their Monday falls in. A month is judged once it is\n\
         over; a month with nothing in the log is not judged, and days past what the logs cover are not required.\n\
         Below {}% of the required amount is a shortfall. Owed: at least one session for each miss not made up.{}",
        DIM.render(),
        number(min_delivery * 100.0),
        DIM.render_reset()
    );
    if accounting.services.is_empty() {
        let _ = writeln!(out, "\nNo IEP version lists a service yet.");
    }
    for service in &accounting.services {
        service_text(&mut out, service, min_delivery);
    }
    totals_text(&mut out, accounting, min_delivery);
    out
}

/// One service: its amount, a row per period shown, and what its judged months owe.
fn service_text(out: &mut String, service: &ServiceAccount, min_delivery: f64) {
    let amount = service.amount.as_deref().unwrap_or("as needed");
    let _ = writeln!(
        out,
        "\n{}{} (services.{}){}: {amount} in force now",
        BOLD.render(),
        service.name,
        service.id,
        BOLD.render_reset()
    );
    let shown: Vec<&PeriodAccount> =
        service.periods.iter().filter(|p| p.status != Status::NothingRequired || p.delivered > 0.0).collect();
    if shown.is_empty() {
        let _ = writeln!(out, "  nothing required or logged yet");
        return;
    }
    // A term's label is longer than a month's: the column fits the longest.
    let width = shown.iter().map(|p| p.label().chars().count()).max().unwrap_or(0).max(20);
    let _ = writeln!(
        out,
        "  {:<width$} {:>9} {:>10} {:>7} {:>7} {:>6}  status",
        "month", "required", "delivered", "missed", "owed", "%"
    );
    let mut no_calendar_shown: Option<String> = None;
    for p in shown {
        // A school year without a calendar is one line, not a row of zeros.
        if p.status == Status::NoCalendar {
            let year = p.school_year();
            if no_calendar_shown.as_deref() != Some(year.as_str()) {
                let _ = writeln!(
                    out,
                    "  {}no school calendar for {year}: nothing judged{}",
                    DIM.render(),
                    DIM.render_reset()
                );
                no_calendar_shown = Some(year);
            }
            continue;
        }
        let line = period_row(p, width);
        if p.is_shortfall(min_delivery) {
            let _ = writeln!(out, "{}{line}  SHORTFALL{}", ERROR.render(), ERROR.render_reset());
        } else {
            let _ = writeln!(out, "{line}");
        }
    }
    let judged: Vec<&PeriodAccount> =
        service.periods.iter().filter(|p| p.status == Status::Judged && p.unit == Unit::Minutes).collect();
    if !judged.is_empty() {
        let required: f64 = judged.iter().map(|p| p.required).sum();
        let delivered: f64 = judged.iter().map(|p| p.delivered).sum();
        let _ = writeln!(
            out,
            "  judged months: {} minutes required, {} delivered; {} minutes owed (extra minutes in one month\n  \
             do not make up another month's)",
            number(required),
            number(delivered),
            number(service.owed(Unit::Minutes))
        );
    }
    let sessions_owed = service.owed(Unit::Sessions);
    if sessions_owed > 0.0 {
        let _ = writeln!(out, "  judged months: {} sessions not delivered", number(sessions_owed));
    }
    if service.differs_as_agreed() {
        let _ = writeln!(
            out,
            "  as agreed (without the changes nobody agreed to): {} minutes owed",
            number(service.owed_as_agreed(Unit::Minutes))
        );
    }
}

/// One period's row of the table, its status in words.
fn period_row(p: &PeriodAccount, width: usize) -> String {
    let unit = if p.unit == Unit::Sessions { " sessions" } else { "" };
    let owed = if p.status == Status::Judged { number(p.owed()) } else { "-".to_owned() };
    let percent = p.percent_shown().map(|v| format!("{}%", number(v))).unwrap_or_else(|| "-".to_owned());
    let mut status = status_words(p).to_owned();
    if p.by_student > 0 {
        status.push_str(&format!("; {} missed by the child, not owed", p.by_student));
    }
    if p.made_up > 0 {
        status.push_str(&format!("; {} made up", p.made_up));
    }
    if let (Some(required), Some(owed_agreed)) = (p.required_as_agreed, p.owed_as_agreed) {
        status.push_str(&format!(
            "; as agreed: {} required, {} owed",
            number(required),
            if p.status == Status::Judged { number(owed_agreed) } else { "-".to_owned() }
        ));
    }
    // Past the logs' coverage nothing is known: no zeros.
    let (required, delivered, missed) = if p.status == Status::NotLoggedYet {
        ("-".to_owned(), "-".to_owned(), "-".to_owned())
    } else {
        (number(p.required), number(p.delivered), p.missed.to_string())
    };
    format!(
        "  {:<width$} {:>9} {:>10} {:>7} {:>7} {:>6}  {status}{unit}",
        p.label(),
        required,
        delivered,
        missed,
        owed,
        percent,
    )
}

/// The minutes owed over every service, and against the agreed terms.
fn totals_text(out: &mut String, accounting: &Accounting, min_delivery: f64) {
    let shortfall_months = accounting
        .services
        .iter()
        .flat_map(|s| &s.periods)
        .filter(|p| p.is_shortfall(min_delivery) && p.unit == Unit::Minutes)
        .count();
    let _ = writeln!(
        out,
        "\n{}Compensatory minutes owed to date: {}{} (the sum of every judged month's owed minutes; {} of them in the {} below {}%)",
        BOLD.render(),
        number(accounting.minutes_owed()),
        BOLD.render_reset(),
        number(accounting.minutes_owed_in_shortfalls(min_delivery)),
        if shortfall_months == 1 { "1 month".to_owned() } else { format!("{shortfall_months} months") },
        number(min_delivery * 100.0),
    );
    if accounting.services.iter().any(|s| s.differs_as_agreed()) {
        let _ = writeln!(
            out,
            "{}Against the terms you agreed to (the changes nobody agreed to undone): {}{}",
            BOLD.render(),
            number(accounting.minutes_owed_as_agreed()),
            BOLD.render_reset(),
        );
    }
}
