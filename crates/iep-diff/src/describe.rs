//! A change in a parent's words: "Speech-language therapy went from 2 x 30 min
//! per week (60 min) to 1 x 30 min per week (30 min)".

use iep_model::ItemPath;

use crate::changes::{Change, ChangeKind, Field, FieldChange, Trend};
use iep_model::wording::{capitalize, join_and, number, quote};

use crate::words::summarize;

/// Texts longer than this are summarised by their edits instead of quoted whole.
const QUOTE_LIMIT: usize = 90;

impl Change {
    /// What changed, as the start of a sentence (capitalised, no full stop).
    pub fn describe(&self) -> String {
        let label = &self.label;
        let sentence = match self.kind {
            ChangeKind::Added => match (&self.path, self.after.as_deref()) {
                (ItemPath::Service(_), Some(after)) => format!("{label} was added ({after})"),
                // An accommodation's name quotes its words already.
                (ItemPath::Accommodation(_), Some(after)) if !label.contains(after) => {
                    format!("{label} was added ({})", quote(after))
                }
                (ItemPath::Placement, Some(after)) => format!("a placement was added ({after})"),
                _ => format!("{label} was added"),
            },
            ChangeKind::Removed => match (&self.path, self.before.as_deref()) {
                (ItemPath::Service(_), Some(before)) => format!("{label} was removed (it was {before})"),
                (ItemPath::Accommodation(_), Some(before)) if !label.contains(before) => {
                    format!("{label} was removed (it read {})", quote(before))
                }
                _ => format!("{label} was removed"),
            },
            ChangeKind::Changed => {
                let clauses: Vec<String> =
                    self.fields.iter().enumerate().map(|(i, f)| clause(label, f, i == 0)).collect();
                join_and(&clauses)
            }
        };
        capitalize(&sentence)
    }
}

/// The new amount, and where its period differs from the old one's, the same
/// amount in the old one's period: "3 x 25 min per week, about 325 min per month".
fn with_old_unit(
    new: &crate::AmountView,
    doses: Option<(iep_model::Dose, iep_model::Dose)>,
    weeks: crate::SchoolWeeks,
) -> String {
    let phrase = new.phrase();
    let Some((old, new_dose)) = doses else { return phrase };
    if old.per == new_dose.per || old.minutes.is_none() || new_dose.minutes.is_none() {
        return phrase;
    }
    let restated = weeks.in_period(weeks.per_week(&new_dose), old.per);
    let about = format!("about {} min per {}", number(restated.round()), old.per);
    match phrase.strip_suffix(')') {
        Some(open) => format!("{open}; {about})"),
        None => format!("{phrase} ({about})"),
    }
}

fn quoted(value: Option<&str>) -> String {
    match value {
        Some(v) => quote(v),
        None => "nothing".to_owned(),
    }
}

fn plain(value: Option<&str>) -> String {
    value.unwrap_or("not stated").to_owned()
}

/// One field's change; the first names the item, the rest say "its".
fn clause(label: &str, change: &FieldChange, first: bool) -> String {
    let owner =
        if first { format!("the {} of {label}", change.field.noun()) } else { format!("its {}", change.field.noun()) };
    let (before, after) = (change.before.as_deref(), change.after.as_deref());
    match change.field {
        Field::Amount => {
            let (a, b) = match &change.amounts {
                Some((a, b)) => (a.phrase(), with_old_unit(b, change.doses, change.weeks)),
                None => (plain(before), plain(after)),
            };
            let subject = if first { label.to_owned() } else { "its amount".to_owned() };
            format!("{subject} went from {a} to {b}")
        }
        Field::Text | Field::Statement | Field::Description => {
            let subject = if first && change.field == Field::Text { label.to_owned() } else { owner };
            let short = before.is_none_or(|t| t.len() <= QUOTE_LIMIT) && after.is_none_or(|t| t.len() <= QUOTE_LIMIT);
            // An accommodation's name already quotes the words it had.
            let named_by_before = first && before.is_some_and(|b| label.contains(&quote(b)));
            if (short || change.words.is_empty()) && named_by_before {
                format!("{subject} now reads {}", quoted(after))
            } else if short || change.words.is_empty() {
                format!("{subject} went from {} to {}", quoted(before), quoted(after))
            } else {
                format!("{subject} changed: {}", summarize(&change.words))
            }
        }
        Field::TargetValue => format!("{owner} went from {} to {}{}", plain(before), plain(after), bar_note(change)),
        Field::ObjectiveAdded
        | Field::ObjectiveRemoved
        | Field::ObjectiveText
        | Field::ObjectiveTarget
        | Field::ObjectiveTargetDate => objective_clause(label, change, first),
        Field::Start | Field::End | Field::BaselineDate | Field::TargetDate => {
            format!("{owner} moved from {} to {}", plain(before), plain(after))
        }
        _ => match (before, after) {
            (None, Some(a)) => format!("{owner} was set to {a}"),
            (Some(b), None) => format!("{owner} was taken out (it was {b})"),
            _ => format!("{owner} went from {} to {}", plain(before), plain(after)),
        },
    }
}

fn bar_note(change: &FieldChange) -> &'static str {
    match change.trend {
        Some(Trend::LowerBar) => " (an easier target)",
        Some(Trend::HigherBar) => " (a harder target)",
        _ => "",
    }
}

/// A change of one of the goal's objectives, named as the IEP numbers it:
/// "the target of objective G1.1 of the goal in Reading went from 80 to 70".
fn objective_clause(label: &str, change: &FieldChange, first: bool) -> String {
    let id = change.objective.as_deref().unwrap_or("?");
    let whose = if first { format!("objective {id} of {label}") } else { format!("its objective {id}") };
    let (before, after) = (change.before.as_deref(), change.after.as_deref());
    match change.field {
        Field::ObjectiveAdded => format!("{whose} was added ({})", quoted(after)),
        Field::ObjectiveRemoved => format!("{whose} was removed (it read {})", quoted(before)),
        Field::ObjectiveText => {
            let short = before.is_none_or(|t| t.len() <= QUOTE_LIMIT) && after.is_none_or(|t| t.len() <= QUOTE_LIMIT);
            if short || change.words.is_empty() {
                format!("{whose} went from {} to {}", quoted(before), quoted(after))
            } else {
                format!("{whose} changed: {}", summarize(&change.words))
            }
        }
        Field::ObjectiveTargetDate => {
            format!("the target date of {whose} moved from {} to {}", plain(before), plain(after))
        }
        _ => format!("the target of {whose} went from {} to {}{}", plain(before), plain(after), bar_note(change)),
    }
}
