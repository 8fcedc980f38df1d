//! Services and data: `services-concern` (one item per service: the
//! sessions missed, the minutes owed, or for a health or safety service the
//! staffing and a plan) and `data-request` (one item per goal or service
//! whose reported data do not add up).

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use iep_model::{Context, Evidence, Finding, ItemPath, LetterType, long_date};
use iep_services::{AccountingAsAgreed, PeriodAccount, ServiceAccount, Status, Unit};

use super::law::{self, ask_reply};
use super::{Letter, LetterContext, RequestItem, document_of, non_blank};
use crate::wording::{
    self, capitalize, dates_in_words, item_name, listed_days, minutes, minutes_figures, service_log_title,
    version_title,
};

/// The findings of one subject, in date order.
fn by_subject(findings: Vec<&Finding>) -> Vec<(&str, Vec<&Finding>)> {
    let mut groups: Vec<(&str, Vec<&Finding>)> = Vec::new();
    for f in findings {
        match groups.iter_mut().find(|(s, _)| *s == f.subject) {
            Some((_, list)) => list.push(f),
            None => groups.push((&f.subject, vec![f])),
        }
    }
    groups
}

/// More days than a sentence can list are named by their count and span.
const DAYS_LISTED: usize = 8;

/// "On October 7, 9 and 14, 2025", or "On 26 days from September 23, 2025 to April 16, 2026".
fn on_days(days: &[NaiveDate]) -> String {
    match (days.iter().min(), days.iter().max()) {
        (Some(first), Some(last)) if days.len() > DAYS_LISTED => {
            format!("On {} days from {} to {}", days.len(), long_date(*first), long_date(*last))
        }
        _ => format!("On {}", dates_in_words(days)),
    }
}

fn month_start(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// The accounting `iep services` prints: against the terms in force, with
/// the figures against the agreed terms beside them; the run's one
/// computation, shared with the checks and the packet.
fn accounting(cx: &Context<'_>) -> Arc<AccountingAsAgreed> {
    iep_services::accounting_as_agreed(cx, &iep_diff::case_changes(cx).unagreed())
}

/// What one service's months since `since` owe, in force and as agreed.
struct Owed {
    unit: Unit,
    in_force: f64,
    as_agreed: f64,
    /// A line per judged month that owes something, in force or as agreed,
    /// each named by its real span and led by the misses the log shows.
    months: Vec<String>,
    /// The last day of the last month judged: the totals run through it.
    through: Option<NaiveDate>,
    logs: Vec<NaiveDate>,
}

fn owed_since(service: &ServiceAccount, since: Option<NaiveDate>, plan: &str, terse: bool) -> Owed {
    let periods: Vec<&PeriodAccount> = service
        .periods
        .iter()
        .filter(|p| p.status == Status::Judged && since.is_none_or(|s| p.last_day >= s))
        .collect();
    // A sessions-only amount (a health service): its judged months count sessions.
    let sessions_only = !periods.is_empty() && periods.iter().all(|p| p.unit == Unit::Sessions);
    let unit = if sessions_only { Unit::Sessions } else { Unit::Minutes };
    let through = periods.iter().map(|p| p.last_day).max();
    let mut owed = Owed { unit, in_force: 0.0, as_agreed: 0.0, months: Vec::new(), through, logs: Vec::new() };
    for p in periods.into_iter().filter(|p| p.unit == unit) {
        owed.in_force += p.owed();
        let agreed = p.owed_as_agreed.unwrap_or(p.owed());
        owed.as_agreed += agreed;
        let misses = wording::owed_misses(service, p);
        let span = wording::period_dates(p);
        let line = match unit {
            Unit::Sessions if p.owed() > 0.0 => {
                let missed =
                    if misses.is_empty() { String::new() } else { format!("; not given on {}", listed_days(&misses)) };
                format!(
                    "{span}: {} of {} sessions given{missed}.",
                    wording::number(p.delivered.round()),
                    wording::number(p.required.round())
                )
            }
            Unit::Sessions => continue,
            Unit::Minutes => {
                let as_agreed = match (p.required_as_agreed, p.owed_as_agreed) {
                    (Some(required), Some(owed_agreed)) if owed_agreed > 0.0 => {
                        Some(minutes_figures(required, p.delivered, owed_agreed, &misses, terse))
                    }
                    _ => None,
                };
                match (p.owed() > 0.0, as_agreed) {
                    (false, None) => continue,
                    (true, None) => {
                        format!("{span}: {}.", minutes_figures(p.required, p.delivered, p.owed(), &misses, terse))
                    }
                    (false, Some(agreed)) => format!("{span}, under the {plan} as I accepted it: {agreed}."),
                    (true, Some(agreed)) => format!(
                        "{span}: {}; under the {plan} as I accepted it, {agreed}.",
                        minutes_figures(p.required, p.delivered, p.owed(), &misses, terse)
                    ),
                }
            }
        };
        if p.owed() > 0.0 || agreed > 0.0 {
            owed.logs.push(month_start(p.first_day));
        }
        owed.months.push(line);
    }
    owed
}

/// For each service whose time owed under the plan as the parent accepted it
/// differs from the time owed under the plan as changed without agreement:
/// one sentence with both figures, from the same accounting as the services
/// letter, so a dispute and the services letter never disagree.
pub(crate) fn owed_as_accepted(letter: &Letter) -> Vec<String> {
    let accounting = accounting(letter.cx);
    let since = super::plan_year_start(letter.case, letter.request.date);
    let plan = letter.plan_name();
    accounting
        .services
        .iter()
        .filter_map(|service| {
            let owed = owed_since(service, since, plan, true);
            if owed.unit != Unit::Minutes || (owed.as_agreed - owed.in_force).abs() < 0.5 {
                return None;
            }
            let through = owed.through.map(|d| format!("through {}, ", long_date(d))).unwrap_or_default();
            Some(format!(
                "{}: {through}{} are owed under the {plan} as I accepted it, against {} under the {plan} as changed without my agreement.",
                capitalize(&service.name),
                minutes(owed.as_agreed),
                minutes(owed.in_force)
            ))
        })
        .collect()
}

pub(crate) fn services_concern(letter: &Letter, context: &mut LetterContext) {
    let case = letter.case;
    let plan = letter.plan_name();
    context.subject = format!("Services missed in {}'s {plan}", letter.first_name());
    let accounting = accounting(letter.cx);
    let since = super::plan_year_start(case, letter.request.date);
    // Accommodations have their own items (`accommodations.rs`).
    let by_service = by_subject(
        letter
            .findings_for(LetterType::ServicesConcern)
            .into_iter()
            .filter(|f| !matches!(ItemPath::parse(&f.subject), Some(ItemPath::Accommodation(_))))
            .collect(),
    );
    let subjects = services_named(&by_service, &accounting, since, plan);
    // Months that go to the attachment page, whose title gives the unit.
    let month_lines: usize = subjects
        .iter()
        .filter_map(|s| match ItemPath::parse(s) {
            Some(ItemPath::Service(id)) => accounting.service(&id),
            _ => None,
        })
        .map(|a| owed_since(a, since, plan, false).months.len())
        .sum();
    let at = ServiceLetter {
        letter,
        accounting: &accounting,
        since,
        terse: month_lines > super::MAX_DETAILS_IN_BODY,
        changes: super::changes::ChangeSet::of(case, letter.findings),
    };
    let mut totals = Totals { health_only: true, ..Totals::default() };
    for subject in &subjects {
        let findings: &[&Finding] =
            by_service.iter().find(|(s, _)| s == subject).map(|(_, f)| f.as_slice()).unwrap_or_default();
        context.items.push(at.service_item(subject, findings, &mut totals));
    }
    let accommodations = super::accommodations::accommodation_items(letter, context);
    finish_services(letter, context, totals, !subjects.is_empty(), accommodations);
}

/// The services the findings name, then any other that owes time.
fn services_named(
    by_service: &[(&str, Vec<&Finding>)],
    accounting: &AccountingAsAgreed,
    since: Option<NaiveDate>,
    plan: &str,
) -> Vec<String> {
    let mut subjects: Vec<String> = by_service.iter().map(|(s, _)| s.to_string()).collect();
    for service in &accounting.services {
        let subject = ItemPath::Service(service.id.clone()).to_string();
        // Owing under the terms in force or, where they differ, under the agreed terms (zero in force too).
        let owed = owed_since(service, since, plan, false);
        if !subjects.contains(&subject) && (owed.in_force > 0.0 || owed.as_agreed > 0.0) {
            subjects.push(subject);
        }
    }
    subjects
}

/// What the services letter reads for each service it names.
struct ServiceLetter<'a> {
    letter: &'a Letter<'a>,
    accounting: &'a AccountingAsAgreed,
    since: Option<NaiveDate>,
    /// Many months: the per-month figures go to the attachment page.
    terse: bool,
    changes: super::changes::ChangeSet<'a>,
}

/// What the items add up to, for the summary, the documents and the next step.
#[derive(Default)]
struct Totals {
    logs: Vec<NaiveDate>,
    owed: f64,
    owed_as_agreed: f64,
    /// The services owing minutes, and the last day the totals run through.
    minute_services: usize,
    through: Option<NaiveDate>,
    /// Every service named is a health or safety service (counted in sessions).
    health_only: bool,
}

impl ServiceLetter<'_> {
    /// One service's item: what the records show, what is owed, and the asks.
    fn service_item(&self, subject: &str, findings: &[&Finding], totals: &mut Totals) -> RequestItem {
        let (letter, plan) = (self.letter, self.letter.plan_name());
        let name = item_name(letter.case, subject).unwrap_or_else(|| "A service".to_string());
        let account = match ItemPath::parse(subject) {
            Some(ItemPath::Service(id)) => self.accounting.service(&id),
            _ => None,
        };
        let owed = account.map(|a| owed_since(a, self.since, plan, self.terse));
        let mut missed_days: Vec<NaiveDate> = Vec::new();
        let mut wrong_setting: Vec<(NaiveDate, String, String)> = Vec::new();
        for f in findings {
            match &f.evidence {
                Evidence::RepeatedMisses(e) => missed_days.extend(&e.dates),
                Evidence::SettingMismatch(e) => {
                    wrong_setting.extend(e.entries.iter().map(|e| (e.date, e.logged.clone(), e.expected.clone())))
                }
                Evidence::ServiceShortfall(e) => totals.logs.push(month_start(e.from)),
                _ => {}
            }
        }
        let mut text = format!("{}:", capitalize(&name));
        let sessions_only = owed.as_ref().is_some_and(|o| o.unit == Unit::Sessions)
            || findings.iter().any(|f| f.evidence.in_sessions());
        // A health or safety service is stated by the checks missed, with their dates.
        let health_misses = match account {
            Some(a) if sessions_only => missed_since(a, self.since),
            _ => Vec::new(),
        };
        text.push_str(&self.misses_sentence(&health_misses, &missed_days, &mut totals.logs));
        if !wrong_setting.is_empty() {
            text.push_str(&self.setting_sentence(account, &wrong_setting));
        }
        totals.health_only &= sessions_only;
        match &owed {
            _ if sessions_only => text.push_str(&format!(
                " This service keeps {} safe and healthy at school. Please tell me in writing who provides it each school day, who provides it when that person is absent, and the plan that makes sure it is not missed again.",
                letter.first_name()
            )),
            Some(o) if o.in_force > 0.0 || o.as_agreed > 0.0 => text.push_str(&self.owed_sentence(subject, o, totals)),
            _ if !missed_days.is_empty() => text.push_str(
                " Please tell me in writing whether these sessions were made up, and if not, when and by whom they will be.",
            ),
            _ => {}
        }
        if let Some((_, _, expected)) = wrong_setting.first() {
            text.push_str(&format!(" Please provide it as {expected} sessions, as the {plan} states."));
        }
        let details = owed.map(|o| {
            totals.logs.extend(o.logs);
            o.months
        });
        RequestItem { heading: capitalize(&name), text, details: details.unwrap_or_default() }
    }

    /// The misses the records show: a health service's days not given, else a run of missed sessions.
    fn misses_sentence(
        &self,
        health_misses: &[(NaiveDate, iep_model::Source)],
        missed_days: &[NaiveDate],
        logs: &mut Vec<NaiveDate>,
    ) -> String {
        if !health_misses.is_empty() {
            let days: Vec<NaiveDate> = health_misses.iter().map(|(d, _)| *d).collect();
            let record = match Record::of(&health_misses.iter().map(|(_, s)| *s).collect::<Vec<_>>()) {
                Record::School => "your service log shows".to_string(),
                Record::Parent => "my notes show".to_string(),
                Record::Child => format!("{} told me", self.letter.first_name()),
            };
            logs.extend(days.iter().map(|d| month_start(*d)));
            return format!(
                " {record} it was not given on {} school {}: {}.",
                days.len(),
                if days.len() == 1 { "day" } else { "days" },
                dates_in_words(&days)
            );
        }
        if missed_days.is_empty() {
            return String::new();
        }
        let when = match (missed_days.iter().min(), missed_days.iter().max()) {
            (Some(first), Some(last)) if missed_days.len() > DAYS_LISTED => {
                format!("from {} to {}", long_date(*first), long_date(*last))
            }
            _ => format!("on {}", dates_in_words(missed_days)),
        };
        logs.extend(missed_days.iter().map(|d| month_start(*d)));
        format!(" {} sessions in a row were missed, {when}.", missed_days.len())
    }

    /// Sessions logged in another setting than the plan's, by whose record says so.
    fn setting_sentence(
        &self,
        account: Option<&ServiceAccount>,
        wrong_setting: &[(NaiveDate, String, String)],
    ) -> String {
        let days: Vec<NaiveDate> = wrong_setting.iter().map(|(d, ..)| *d).collect();
        let (_, logged, expected) = &wrong_setting[0];
        // Whose record says so: the school's log, or the family's account
        // (the counted entries of those days), never credited to the school.
        let sources: Vec<iep_model::Source> = account
            .map(|a| a.counted.iter().filter(|e| days.contains(&e.entry.date)).map(|e| e.entry.source).collect())
            .unwrap_or_default();
        let record = match Record::of(&sources) {
            Record::School => "your log shows".to_string(),
            Record::Parent => "my notes show".to_string(),
            Record::Child => format!("{} told me of", self.letter.first_name()),
        };
        format!(
            " {}, {record} {logged} sessions where the {} calls for {expected} sessions.",
            on_days(&days),
            self.letter.plan_name()
        )
    }

    /// The time owed, under the terms in force and, where they differ, as the parent accepted them.
    fn owed_sentence(&self, subject: &str, o: &Owed, totals: &mut Totals) -> String {
        let plan = self.letter.plan_name();
        totals.owed += o.in_force;
        totals.owed_as_agreed += o.as_agreed;
        let accepted = accepted_terms(self.letter, &self.changes, subject);
        totals.minute_services += 1;
        totals.through = totals.through.max(o.through);
        let through = through_words(o.through);
        if (o.as_agreed - o.in_force).abs() >= 0.5 {
            format!(
                " {through}{} under the {plan} as changed{}; under {}, which I have not agreed to change, {} are owed. Please make up the {} and tell me in writing when and by whom the sessions will be given.",
                owed_words(o.in_force),
                accepted.as_ref().map(|(changed, _)| format!(" by the {changed}")).unwrap_or_default(),
                accepted
                    .as_ref()
                    .map(|(_, terms)| terms.clone())
                    .unwrap_or_else(|| format!("the {plan} as I accepted it")),
                minutes(o.as_agreed),
                minutes(o.as_agreed)
            )
        } else {
            format!(
                " {through}{} are owed. Please make up the {} and tell me in writing when and by whom the sessions will be given.",
                minutes(o.in_force),
                minutes(o.in_force)
            )
        }
    }
}

/// The letter's summary, documents, reply date and next step, once the items are written.
fn finish_services(
    letter: &Letter,
    context: &mut LetterContext,
    totals: Totals,
    names_services: bool,
    accommodations: usize,
) {
    let plan = letter.plan_name();
    if context.items.is_empty() && accommodations == 0 {
        context.items.push(RequestItem {
            text: format!(
                "Please send me the service logs of every service in {}'s {plan} for this school year.",
                letter.first_name()
            ),
            ..Default::default()
        });
    }
    // A total that only repeats one service's figure is left out.
    if totals.minute_services > 1 && totals.owed > 0.0 {
        let through = through_words(totals.through);
        context.summary = Some(if (totals.owed_as_agreed - totals.owed).abs() >= 0.5 {
            format!(
                "{through}{} are owed in all under the {plan} as changed, and {} under the {plan} as I accepted it.",
                minutes(totals.owed),
                minutes(totals.owed_as_agreed)
            )
        } else {
            format!("{through}{} are owed in all.", minutes(totals.owed))
        });
    }
    let mut logs = totals.logs;
    logs.sort();
    logs.dedup();
    let mut documents: Vec<String> = logs.into_iter().map(service_log_title).collect();
    documents.append(&mut context.documents);
    context.documents = documents;
    ask_reply(context, law::reply(letter, None, None));
    // Health and safety services are owed staffing, never make-up time.
    let decide = if totals.minute_services == 0 && totals.health_only && names_services {
        "who will provide each service and how it will not be missed again"
    } else {
        "how the time will be made up"
    };
    context.next_step = format!(
        "If I do not have your plan {}, I will {} to decide {decide}.",
        context.respond_by.clone().unwrap_or_default(),
        super::ask_the_team(letter, context)
    );
    if !context.items.is_empty() && accommodations > 0 {
        context.subject = format!("Services and accommodations missed in {}'s {plan}", letter.first_name());
    }
    if context.items.is_empty() && accommodations > 0 {
        // Only accommodations: nothing is made up in time.
        context.subject = format!("Accommodations not given under {}'s {plan}", letter.first_name());
        context.next_step = format!(
            "If I do not have your answer {}, I will {} to make sure the {plan} is followed.",
            context.respond_by.clone().unwrap_or_default(),
            super::ask_the_team(letter, context)
        );
    }
}

/// "0 minutes are owed" reads oddly: no minutes in force is said as such.
fn owed_words(owed: f64) -> String {
    if owed < 0.5 { "no minutes are owed".to_string() } else { format!("{} are owed", minutes(owed)) }
}

/// The school's misses of a service not made up, on or after `since`, with
/// whose record each is: what a health service's item states.
fn missed_since(service: &ServiceAccount, since: Option<NaiveDate>) -> Vec<(NaiveDate, iep_model::Source)> {
    let mut days: Vec<(NaiveDate, iep_model::Source)> = service
        .counted
        .iter()
        .filter(|e| e.is_owed_miss() && since.is_none_or(|s| e.entry.date >= s))
        .map(|e| (e.entry.date, e.entry.source))
        .collect();
    days.dedup_by_key(|(d, _)| *d);
    days
}

/// Whose record says so: the school's log, or the family's account, never credited to the school.
enum Record {
    School,
    Parent,
    Child,
}

impl Record {
    fn of(sources: &[iep_model::Source]) -> Record {
        let family_only = !sources.is_empty()
            && sources.iter().all(|s| matches!(s, iep_model::Source::Parent | iep_model::Source::Child));
        if !family_only {
            Record::School
        } else if sources.contains(&iep_model::Source::Child) {
            Record::Child
        } else {
            Record::Parent
        }
    }
}

/// "Through April 5, 2026, ": the month under way is not judged (checks.md
/// "School months"), so a total says where it stops. Why it stops there is
/// the tool's explanation, for the parent's report, not for the letter.
fn through_words(through: Option<NaiveDate>) -> String {
    match through {
        Some(day) => format!("Through {}, ", long_date(day)),
        None => "In all, ".to_string(),
    }
}

/// The change nobody agreed to behind a service's figures: the version that
/// made it, and when the parent accepted the terms it replaced.
fn accepted_terms(letter: &Letter, changes: &super::changes::ChangeSet, subject: &str) -> Option<(String, String)> {
    let change =
        changes.without_notice.iter().chain(&changes.to_object).find(|c| c.unagreed && c.subject == subject)?;
    let case = letter.case;
    let changed = case.versions.iter().find(|v| v.id == change.version).map(|v| version_title(v))?;
    let accepted = change.compared_with.and_then(|id| case.versions.iter().find(|v| v.id == id))?;
    Some((changed, super::facts::accepted_version(case, accepted)))
}

/// The legend's own words for a status code, where the finding quotes them: " (“Minimal Progress”)".
fn legend_of(legend: Option<&String>) -> String {
    non_blank(legend).map(|text| format!(" ({})", wording::quote(text))).unwrap_or_default()
}

pub(crate) fn data_request(letter: &Letter, context: &mut LetterContext) {
    let case = letter.case;
    context.subject = format!("Request for the data behind {}'s progress reports", letter.first_name());
    for (subject, findings) in by_subject(letter.findings_for(LetterType::DataRequest)) {
        let name = item_name(case, subject);
        let mut facts: Vec<String> = Vec::new();
        for f in &findings {
            if let Some(doc) = document_of(case, f) {
                context.documents.push(doc);
            }
            // The earlier report a copied narrative is compared with is referred to as well.
            if let Evidence::ProgressCopyPaste(e) = &f.evidence
                && let Some(earlier) = case.reports.iter().find(|r| r.date == e.earlier_report)
            {
                context.documents.extend(wording::document_title(case, &earlier.path));
            }
            let fact = data_fact(letter, f);
            if let Some(fact) = fact
                && !facts.contains(&fact)
            {
                facts.push(fact);
            }
        }
        // Each item is what is asked for, a noun phrase under the letter's
        // "Please send me the following:", then the facts that call for it.
        let ask = match &name {
            Some(_) if wording::is_service(subject) => {
                "the session notes, with the date, minutes, setting and provider of each session.".to_string()
            }
            Some(_) => "each measurement taken for this goal, with its date, and the data sheets behind the reports."
                .to_string(),
            None => format!(
                "the progress reports due under {}'s {}, with the data behind them.",
                letter.first_name(),
                letter.plan_name()
            ),
        };
        let text = match name {
            Some(n) => format!("{}: {ask} {}", capitalize(&n), facts.join(" ")),
            None => format!("{} {}", capitalize(&ask), facts.join(" ")),
        };
        context.items.push(RequestItem { text: text.trim_end().to_string(), ..Default::default() });
    }
    if context.items.is_empty() {
        // A report is named only when one is on file.
        let text = if letter.case.reports.is_empty() {
            format!(
                "The progress reports on the goals of {}'s {}, and the data behind them: each measurement, with its date.",
                letter.first_name(),
                letter.plan_name()
            )
        } else {
            format!(
                "The data behind each goal in {}'s most recent progress report: each measurement, with its date.",
                letter.first_name()
            )
        };
        context.items.push(RequestItem { text, ..Default::default() });
    }
    name_open_records_request(letter, context);
    super::requests::records_law(letter, context);
    let rule = super::requests::records_rule(letter);
    ask_reply(context, law::reply(letter, rule, super::requests::day_before(letter.request.next_meeting)));
    // What the parent will do (letters.md): take the question to the team.
    context.next_step = format!(
        "If I do not have the data {}, I will {} to review {}'s progress.",
        context.respond_by.clone().unwrap_or_default(),
        super::ask_the_team(letter, context),
        letter.first_name()
    );
    // The data are part of the records an overdue request already asked for.
    super::facts::ask_at_once(letter, context, LetterType::RecordsRequest, "my records request");
}

/// The fact a data-request finding adds to its item, in the letter's words.
fn data_fact(letter: &Letter, f: &Finding) -> Option<String> {
    let case = letter.case;
    let report = f.evidence.report().map(|d| wording::report_date(case, d));
    match &f.evidence {
        Evidence::ProgressNoData(e) => report.map(|r| match non_blank(e.status.as_ref()) {
            Some(status) => {
                format!("The progress report {r} says \u{201c}{status}\u{201d} without a measurement.")
            }
            None => format!("The progress report {r} gives no measurement."),
        }),
        Evidence::ProgressCopyPaste(e) => Some(format!(
            "The progress reports of {} and {} give the same narrative word for word.",
            long_date(e.earlier_report),
            long_date(e.report)
        )),
        Evidence::StatusContradictsData(e) => match (report, non_blank(Some(&e.status)), e.latest, e.target) {
            (Some(r), Some(status), Some(latest), Some(target)) => Some(format!(
                "The progress report {r} says \u{201c}{status}\u{201d}{}, while {}.",
                legend_of(e.legend.as_ref()),
                wording::latest_toward_target(case, &f.subject, latest, target, None)
            )),
            _ => None,
        },
        // The report's two answers, each in its own words; the letter does not choose.
        Evidence::ProgressRatingInconsistent(e) => match (report, non_blank(Some(&e.status)), e.sufficient) {
            (Some(r), Some(status), sufficient) => Some(format!(
                "The progress report {r} rates this goal \u{201c}{status}\u{201d}{} and answers \u{201c}{}\u{201d} to whether progress is sufficient to meet it by the end of the {}; please tell me which is right, and on what data.",
                legend_of(e.legend.as_ref()),
                if sufficient { "yes" } else { "no" },
                letter.plan_name()
            )),
            _ => None,
        },
        Evidence::ProgressGoalMissing(_) => {
            report.map(|r| format!("The progress report {r} does not report on this goal."))
        }
        // Named by the report card it was to come with: the check's date is a grace day, not a due date.
        Evidence::ProgressReportOverdue(e) => {
            Some(format!("No progress report came with the report card of {}.", long_date(e.report_card)))
        }
        Evidence::LogConflict(e) => {
            // Each record by whose it is: the child's account is never called the parent's.
            let mut records: Vec<String> = Vec::new();
            for source in std::iter::once(e.counted_source).chain(e.others.iter().map(|o| o.source)) {
                let words = record_words(source, &letter.first_name());
                if !records.contains(&words) {
                    records.push(words);
                }
            }
            Some(format!("For {}, {} of the session disagree.", long_date(e.date), wording::join_and(&records)))
        }
        _ => None,
    }
}

/// The records request still open is named, so the school reads the data
/// request as part of it, not a new clock.
fn name_open_records_request(letter: &Letter, context: &mut LetterContext) {
    if let Some((sent, answered)) = super::facts::open_request(letter, LetterType::RecordsRequest) {
        let overdue = super::facts::overdue_open_request(letter, LetterType::RecordsRequest);
        let answer = match (answered, overdue) {
            (Some(on), _) => format!("you answered it only in part on {}", long_date(on)),
            (None, Some((_, due, why))) => {
                format!("it was due by {}{why}, and I have had no answer to it", long_date(due))
            }
            (None, None) => "I have had no answer to it".to_string(),
        };
        context.background.push(format!(
            "My request for {}'s education records of {} is still open: {answer}. The data I ask for here are part of those records.",
            letter.first_name(),
            long_date(sent)
        ));
        context.documents.push(format!("My letter of {}", long_date(sent)));
    }
}

/// Whose record of a session, in the letter's voice: "your service log", "Maya's account".
fn record_words(source: iep_model::Source, first_name: &str) -> String {
    match source {
        iep_model::Source::Provider => "the provider's log".to_string(),
        iep_model::Source::School => "your service log".to_string(),
        iep_model::Source::Parent => "my own record".to_string(),
        iep_model::Source::Child => format!("{first_name}'s account"),
    }
}
