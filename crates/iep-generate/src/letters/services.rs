//! Services and data: `services-concern` (one item per service: the
//! sessions missed, the minutes owed, or for a health or safety service the
//! staffing and a plan) and `data-request` (one item per goal or service
//! whose reported data do not add up).

use chrono::{Datelike, NaiveDate};
use iep_model::{Finding, LetterType, long_date};

use super::law::{self, ask_reply};
use super::{Letter, LetterContext, RequestItem, document_of, ev_date, ev_num, ev_str};
use crate::wording::{self, capitalize, dates_in_words, item_name, minutes, service_log_title};

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

fn dates_of(f: &Finding, key: &str) -> Vec<NaiveDate> {
    match f.evidence.get(key) {
        Some(serde_json::Value::Array(items)) => items.iter().filter_map(|v| v.as_str()?.parse().ok()).collect(),
        _ => Vec::new(),
    }
}

fn month_start(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

pub(crate) fn services_concern(letter: &Letter, context: &mut LetterContext) {
    let case = letter.case;
    context.subject = format!("Services missed in {}'s {}", letter.first_name(), letter.plan_name());
    let mut logs: Vec<NaiveDate> = Vec::new();
    for (subject, findings) in by_subject(letter.findings_for(LetterType::ServicesConcern)) {
        let name = item_name(case, subject).unwrap_or_else(|| "A service".to_string());
        let mut details = Vec::new();
        let mut owed = 0.0;
        let mut sessions_only = false;
        let mut missed_days: Vec<NaiveDate> = Vec::new();
        let mut wrong_setting: Vec<(NaiveDate, String, String)> = Vec::new();
        for f in &findings {
            match f.code {
                "service-shortfall" => {
                    let unit = ev_str(f, "unit").unwrap_or("minutes");
                    sessions_only |= unit == "sessions";
                    let (required, delivered) =
                        (ev_num(f, "required").unwrap_or(0.0), ev_num(f, "delivered").unwrap_or(0.0));
                    let month =
                        ev_str(f, "month").map(String::from).or_else(|| f.date.map(long_date)).unwrap_or_default();
                    if unit == "sessions" {
                        details.push(format!(
                            "{month}: {} of the {} sessions required were provided.",
                            wording::number(delivered),
                            wording::number(required)
                        ));
                    } else {
                        let gap = ev_num(f, "minutes_owed").unwrap_or(required - delivered);
                        owed += gap;
                        details.push(format!(
                            "{month}: {} of the {} required were delivered; {} not made up.",
                            wording::number(delivered.round()),
                            minutes(required),
                            minutes(gap)
                        ));
                    }
                    logs.extend(ev_date(f, "from").or(f.date).map(month_start));
                }
                "repeated-misses" => missed_days.extend(dates_of(f, "dates")),
                "setting-mismatch" => {
                    if let Some(serde_json::Value::Array(entries)) = f.evidence.get("entries") {
                        for e in entries {
                            let get = |k: &str| e.get(k).and_then(|v| v.as_str()).map(String::from);
                            if let (Some(date), Some(logged), Some(expected)) =
                                (get("date"), get("logged"), get("expected"))
                                && let Ok(date) = date.parse()
                            {
                                wrong_setting.push((date, logged, expected));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        let mut text = format!("{}:", capitalize(&name));
        if !missed_days.is_empty() {
            text.push_str(&format!(
                " {} sessions in a row were missed, on {}.",
                missed_days.len(),
                dates_in_words(&missed_days)
            ));
            logs.extend(missed_days.iter().map(|d| month_start(*d)));
        }
        if !wrong_setting.is_empty() {
            let days: Vec<NaiveDate> = wrong_setting.iter().map(|(d, ..)| *d).collect();
            let (_, logged, expected) = &wrong_setting[0];
            text.push_str(&format!(
                " On {}, your log shows {logged} sessions where the {} calls for {expected} sessions.",
                dates_in_words(&days),
                letter.plan_name()
            ));
        }
        if sessions_only {
            text.push_str(&format!(
                " This service keeps {} safe and healthy at school. Please tell me in writing who provides it each school day, who provides it when that person is absent, and the plan that makes sure it is not missed again.",
                letter.first_name()
            ));
        } else if owed > 0.0 {
            text.push_str(&format!(
                " In all, {} required by the {} were not delivered. Please make up the {} and tell me in writing when and by whom the sessions will be given.",
                minutes(owed),
                letter.plan_name(),
                minutes(owed)
            ));
        } else if !missed_days.is_empty() {
            text.push_str(" Please tell me in writing whether these sessions were made up, and if not, when and by whom they will be.");
        }
        if let Some((_, _, expected)) = wrong_setting.first() {
            text.push_str(&format!(" Please provide it as {expected} sessions, as the {} states.", letter.plan_name()));
        }
        context.items.push(RequestItem { heading: capitalize(&name), text, details });
    }
    if context.items.is_empty() {
        context.items.push(RequestItem {
            text: format!(
                "Please send me the service logs of every service in {}'s {} for this school year.",
                letter.first_name(),
                letter.plan_name()
            ),
            ..Default::default()
        });
    }
    logs.sort();
    logs.dedup();
    let mut documents: Vec<String> = logs.into_iter().map(service_log_title).collect();
    documents.append(&mut context.documents);
    context.documents = documents;
    ask_reply(context, law::reply(letter, None, None));
    context.next_step = format!(
        "If I do not have your plan {}, I will ask for {} to decide how the time will be made up.",
        context.respond_by.clone().unwrap_or_default(),
        context.meeting_name
    );
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
            let report = ev_date(f, "report").map(long_date);
            let fact = match f.code {
                "progress-no-data" => report.map(|r| match ev_str(f, "status") {
                    Some(status) => {
                        format!("The progress report of {r} says \u{201c}{status}\u{201d} without a measurement.")
                    }
                    None => format!("The progress report of {r} gives no measurement."),
                }),
                "progress-copy-paste" => match (ev_date(f, "earlier_report"), ev_date(f, "report")) {
                    (Some(a), Some(b)) => Some(format!(
                        "The progress reports of {} and {} give the same narrative word for word.",
                        long_date(a),
                        long_date(b)
                    )),
                    _ => None,
                },
                "status-contradicts-data" => {
                    match (report, ev_str(f, "status"), ev_num(f, "latest"), ev_num(f, "target")) {
                        (Some(r), Some(status), Some(latest), Some(target)) => Some(format!(
                            "The progress report of {r} says \u{201c}{status}\u{201d}, while the latest measure is {} toward a target of {}.",
                            wording::number(latest),
                            wording::number(target)
                        )),
                        _ => None,
                    }
                }
                "progress-goal-missing" => {
                    report.map(|r| format!("The progress report of {r} does not report on this goal."))
                }
                "progress-report-overdue" => {
                    f.date.map(|d| format!("No progress report has reached me since the one due on {}.", long_date(d)))
                }
                "log-conflict" => ev_date(f, "date").map(|d| {
                    format!("For {}, your service log and my own record of the session disagree.", long_date(d))
                }),
                _ => None,
            };
            if let Some(fact) = fact
                && !facts.contains(&fact)
            {
                facts.push(fact);
            }
        }
        let ask = match &name {
            Some(_) if wording::is_service(subject) => {
                "Please send me the session notes for the dates named, with the minutes, setting and provider of each session.".to_string()
            }
            Some(_) => "Please send me each measurement taken for this goal, with its date, and the data sheets behind the reports.".to_string(),
            None => format!("Please send me the progress reports due under {}'s {}, with the data behind them.", letter.first_name(), letter.plan_name()),
        };
        let lead = name.map(|n| format!("{}: ", capitalize(&n))).unwrap_or_default();
        context.items.push(RequestItem {
            text: format!("{lead}{} {ask}", facts.join(" ")).replace("  ", " "),
            ..Default::default()
        });
    }
    if context.items.is_empty() {
        context.items.push(RequestItem {
            text: format!("Please send me the data behind each goal in {}'s most recent progress report: each measurement, with its date.", letter.first_name()),
            ..Default::default()
        });
    }
    super::requests::records_law(letter, context);
    let rule = super::requests::records_rule(letter);
    ask_reply(context, law::reply(letter, rule, super::requests::day_before(letter.request.next_meeting)));
    context.next_step = format!(
        "If I do not have the data {}, I will ask the district to explain in writing why.",
        context.respond_by.clone().unwrap_or_default()
    );
}
