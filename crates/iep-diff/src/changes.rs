//! Item-by-item comparison of two sets of IEP terms (checks.md, "Changes
//! nobody agreed to"): matching, then one [`Change`] per item that differs.

use chrono::NaiveDate;
use iep_model::wording::{accommodation_name, goal_name, number, service_name};
use iep_model::{
    Accommodation, Amount, Case, Direction, Dose, Goal, IepVersion, ItemPath, ListItem, Period, Placement, Service,
    Terms, match_items, normalize_ws,
};
use serde::Serialize;

pub use iep_model::{ChangeDirection, ChangeKind, Field, Trend};

use crate::words::{WordEdit, word_edits};

/// One side of a comparison: the items of a version as written, or the terms
/// in force on a day (rejections applied).
#[derive(Debug, Clone, Default)]
pub struct Side {
    pub services: Vec<Service>,
    pub goals: Vec<Goal>,
    /// When each goal's target is due if it gives no `by`: the `end` of the
    /// version the goal comes from (case-format.md).
    pub goal_default_by: Vec<Option<NaiveDate>>,
    pub accommodations: Vec<Accommodation>,
    pub placement: Option<Placement>,
}

impl Side {
    /// The items of one version, as the school wrote them.
    pub fn of_version(version: &IepVersion) -> Side {
        Side {
            services: version.services.clone(),
            goals: version.goals.clone(),
            goal_default_by: vec![version.end; version.goals.len()],
            accommodations: version.accommodations.clone(),
            placement: version.placement.clone(),
        }
    }

    /// The items in force under `terms` (each item's own fields, so a
    /// service's `start`/`end` are what its version stated, not defaults).
    pub fn of_terms(terms: &Terms, case: &Case) -> Side {
        let end_of = |from: usize| case.versions.get(from).and_then(|v| v.end);
        Side {
            services: terms.services.iter().map(|t| t.item.clone()).collect(),
            goals: terms.goals.iter().map(|t| t.item.clone()).collect(),
            goal_default_by: terms.goals.iter().map(|t| end_of(t.from)).collect(),
            accommodations: terms.accommodations.iter().map(|t| t.item.clone()).collect(),
            placement: terms.placement.as_ref().map(|t| t.item.clone()),
        }
    }
}

/// How the comparison treats dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiffOptions {
    /// Compare a service's `start`/`end` and a goal's baseline and target
    /// dates. Off for a new annual plan, which moves every date forward.
    pub compare_dates: bool,
    /// The calendar's school weeks around the newer version's date, for
    /// comparing amounts per term or year (checks.md, Direction).
    pub weeks: SchoolWeeks,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions { compare_dates: true, weeks: SchoolWeeks::default() }
    }
}

/// School weeks (weeks with an open day) of a school year and of a term, as
/// the calendar gives them; `None`: no calendar (or no `terms`), so a year
/// counts 36 weeks and a term its share of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SchoolWeeks {
    pub year: Option<u32>,
    pub term: Option<u32>,
}

impl SchoolWeeks {
    /// The weeks of the school year and term holding `day`, from the case's calendar.
    pub fn on(case: &iep_model::Case, day: chrono::NaiveDate) -> SchoolWeeks {
        let Some(calendar) = case.calendar_for(day) else { return SchoolWeeks::default() };
        let term = case.term_of(day).or_else(|| calendar.terms.first().copied());
        SchoolWeeks {
            year: case.school_weeks(calendar.first_day, calendar.last_day),
            term: term.and_then(|t| case.school_weeks(t.from, t.to)),
        }
    }

    /// The calendar's school weeks in one period of `per`: a term's or the
    /// year's; `None` for the other periods, or without a calendar.
    fn weeks_of(self, per: Period) -> Option<u32> {
        match per {
            Period::Term(_) => self.term,
            Period::Year => self.year,
            _ => None,
        }
    }

    /// An amount per week: a term or year over these weeks (checks.md, Direction).
    pub fn per_week(self, dose: &Dose) -> f64 {
        dose.per_week(self.weeks_of(dose.per).map(f64::from)).value()
    }

    /// A weekly amount restated per `per`, over these weeks for a term or year.
    pub fn in_period(self, weekly: f64, per: Period) -> f64 {
        match self.weeks_of(per).filter(|w| *w > 0) {
            Some(w) => weekly * f64::from(w),
            None => iep_model::period::in_period(weekly, per),
        }
    }
}

/// An amount per week: minutes, or sessions for a sessions-only amount
/// (checks.md "Direction", the factors of `iep_model::period`), without a calendar.
pub fn per_week(dose: &Dose) -> f64 {
    dose.per_week(None).value()
}

/// A service amount with the numbers that follow from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AmountView {
    /// The canonical form (`2 x 30 min per week`, `as needed`).
    pub text: String,
    pub sessions: Option<u32>,
    pub minutes: Option<f64>,
    /// The period (`week`, `6-day cycle`); none for `as needed`.
    pub per: Option<String>,
    pub minutes_per_period: Option<f64>,
    pub minutes_per_week: Option<f64>,
}

impl AmountView {
    pub fn of(amount: &Amount) -> AmountView {
        let dose = amount.dose.as_ref();
        AmountView {
            text: amount.to_string(),
            sessions: dose.and_then(|d| d.sessions),
            minutes: dose.and_then(|d| d.minutes).map(f64::from),
            per: dose.map(|d| d.per.to_string()),
            minutes_per_period: dose.and_then(|d| d.minutes_per_period()),
            minutes_per_week: dose.and_then(|d| d.minutes_per_week()),
        }
    }

    /// The amount as a parent reads it: `2 x 30 min per week (60 min)`.
    pub fn phrase(&self) -> String {
        match (self.sessions, self.minutes_per_period) {
            (Some(_), Some(total)) => format!("{} ({} min)", self.text, number(total)),
            _ => self.text.clone(),
        }
    }
}

/// One field of a matched item that differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: Field,
    /// The old value as text; none when the old version left it out.
    pub before: Option<String>,
    pub after: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend: Option<Trend>,
    /// For a service amount: both amounts with their numbers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amounts: Option<(AmountView, AmountView)>,
    /// For a service amount: both amounts as parsed, when both commit to one.
    #[serde(skip)]
    pub doses: Option<(Dose, Dose)>,
    /// The calendar's school weeks the amounts were compared over.
    #[serde(skip)]
    pub weeks: SchoolWeeks,
    /// For a text: the word-level edit from old to new.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<WordEdit>,
    /// For a change of one of a goal's objectives: the objective's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub objective: Option<String>,
}

impl FieldChange {
    fn new(field: Field, before: Option<String>, after: Option<String>) -> FieldChange {
        FieldChange {
            field,
            before,
            after,
            trend: None,
            amounts: None,
            doses: None,
            weeks: SchoolWeeks::default(),
            words: Vec::new(),
            objective: None,
        }
    }

    /// An objective's change in brief, as evidence names it: "objective G1.1: target 80 -> 70".
    pub fn objective_brief(&self) -> Option<String> {
        let id = self.objective.as_deref()?;
        let side = |v: Option<&str>| v.unwrap_or("none").to_owned();
        Some(match self.field {
            Field::ObjectiveAdded => format!("objective {id}: added"),
            Field::ObjectiveRemoved => format!("objective {id}: removed"),
            Field::ObjectiveText => format!("objective {id}: text changed"),
            Field::ObjectiveTargetDate => {
                format!(
                    "objective {id}: target date {} -> {}",
                    side(self.before.as_deref()),
                    side(self.after.as_deref())
                )
            }
            _ => format!("objective {id}: target {} -> {}", side(self.before.as_deref()), side(self.after.as_deref())),
        })
    }
}

/// One item that differs between the two sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The old path for a matched or removed item; the new path for an added one.
    pub path: ItemPath,
    /// The new path, when the item's id changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_path: Option<ItemPath>,
    pub kind: ChangeKind,
    /// The item in plain words, lower case ("the goal in Social - peer interaction").
    pub label: String,
    /// The whole old item, summarised; none for an added item.
    pub before: Option<String>,
    pub after: Option<String>,
    /// The fields that differ (a matched item only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
}

impl Change {
    /// Which way the change goes: a matched item is `reduced` when any field
    /// moved against the child, `increased` when every field moved for them.
    pub fn direction(&self) -> ChangeDirection {
        match self.kind {
            ChangeKind::Added => return ChangeDirection::Added,
            ChangeKind::Removed => return ChangeDirection::Removed,
            ChangeKind::Changed => {}
        }
        let each: Vec<ChangeDirection> = self
            .fields
            .iter()
            .map(|f| match (f.field, f.trend) {
                (Field::Amount, Some(Trend::Reduced))
                | (Field::TargetValue | Field::ObjectiveTarget, Some(Trend::LowerBar)) => ChangeDirection::Reduced,
                (Field::TargetDate | Field::ObjectiveTargetDate, Some(Trend::Later)) => ChangeDirection::Reduced,
                (Field::Amount, Some(Trend::Increased))
                | (Field::TargetValue | Field::ObjectiveTarget, Some(Trend::HigherBar)) => ChangeDirection::Increased,
                (Field::TargetDate | Field::ObjectiveTargetDate, Some(Trend::Earlier)) => ChangeDirection::Increased,
                _ => ChangeDirection::Changed,
            })
            .collect();
        if each.contains(&ChangeDirection::Reduced) {
            ChangeDirection::Reduced
        } else if !each.is_empty() && each.iter().all(|d| *d == ChangeDirection::Increased) {
            ChangeDirection::Increased
        } else {
            ChangeDirection::Changed
        }
    }

    /// A change that only adds an item or only increases an amount: worth
    /// raising, not an alert (checks.md, "Direction").
    pub fn only_adds(&self) -> bool {
        match self.direction() {
            ChangeDirection::Added => true,
            ChangeDirection::Increased => self.fields.iter().all(|f| f.field == Field::Amount),
            _ => false,
        }
    }

    /// The paths the change may be named by: old and new.
    pub fn paths(&self) -> Vec<&ItemPath> {
        let mut paths = vec![&self.path];
        paths.extend(self.new_path.as_ref());
        paths
    }

    pub fn field(&self, field: Field) -> Option<&FieldChange> {
        self.fields.iter().find(|f| f.field == field)
    }

    /// The old and new wording of the item (accommodation text, goal
    /// statement, service name) when both sides have the item.
    pub fn wording(&self) -> Option<(&str, &str)> {
        let f = self.fields.iter().find(|f| f.field.is_wording())?;
        Some((f.before.as_deref()?, f.after.as_deref()?))
    }
}

fn text(value: &str) -> Option<String> {
    let value = normalize_ws(value);
    if value.is_empty() { None } else { Some(value) }
}

fn opt_text(value: Option<&str>) -> Option<String> {
    value.and_then(text)
}

fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Compares the two sides item by item: services, goals, accommodations, then placement.
pub fn diff(old: &Side, new: &Side, options: DiffOptions) -> Vec<Change> {
    let mut changes = Vec::new();
    list_changes(&old.services, &new.services, &mut changes, |o, n| service_fields(o, n, options));
    let goal_fields = |o: usize, n: usize| {
        goal_fields(
            &old.goals[o],
            &new.goals[n],
            old.goal_default_by.get(o).copied().flatten(),
            new.goal_default_by.get(n).copied().flatten(),
            options,
        )
    };
    list_changes_indexed(&old.goals, &new.goals, &mut changes, goal_fields);
    list_changes(&old.accommodations, &new.accommodations, &mut changes, |o, n| {
        let mut fields = Vec::new();
        text_field(&mut fields, Field::Text, &o.text, &n.text);
        fields
    });
    match (&old.placement, &new.placement) {
        (None, None) => {}
        (Some(o), None) => changes.push(Change {
            path: ItemPath::Placement,
            new_path: None,
            kind: ChangeKind::Removed,
            label: "the placement".to_owned(),
            before: Some(placement_summary(o)),
            after: None,
            fields: Vec::new(),
        }),
        (None, Some(n)) => changes.push(Change {
            path: ItemPath::Placement,
            new_path: None,
            kind: ChangeKind::Added,
            label: "the placement".to_owned(),
            before: None,
            after: Some(placement_summary(n)),
            fields: Vec::new(),
        }),
        (Some(o), Some(n)) => {
            let fields = placement_fields(o, n);
            if !fields.is_empty() {
                changes.push(Change {
                    path: ItemPath::Placement,
                    new_path: None,
                    kind: ChangeKind::Changed,
                    label: "the placement".to_owned(),
                    before: Some(placement_summary(o)),
                    after: Some(placement_summary(n)),
                    fields,
                });
            }
        }
    }
    changes
}

/// What the diff needs of an item besides [`ListItem`].
trait Describe: ListItem {
    fn label(&self) -> String;
    fn summary(&self) -> String;
}

impl Describe for Service {
    fn label(&self) -> String {
        service_name(self)
    }
    fn summary(&self) -> String {
        let mut parts = vec![AmountView::of(&self.amount).phrase()];
        parts.extend(self.setting.as_deref().map(normalize_ws));
        parts.extend(self.group.as_deref().map(normalize_ws));
        parts.extend(self.provider.as_deref().map(|p| format!("by {}", normalize_ws(p))));
        parts.join(", ")
    }
}

impl Describe for Goal {
    fn label(&self) -> String {
        goal_name(self)
    }
    fn summary(&self) -> String {
        let mut out = normalize_ws(&self.statement);
        let baseline = self.baseline.as_ref().and_then(|b| b.value);
        let target = self.target.as_ref().and_then(|t| t.value);
        if let Some(b) = baseline {
            out.push_str(&format!(" (baseline {}", number(b)));
            if let Some(t) = target {
                out.push_str(&format!(", target {}", number(t)));
            }
            out.push(')');
        } else if let Some(t) = target {
            out.push_str(&format!(" (target {})", number(t)));
        }
        out
    }
}

impl Describe for Accommodation {
    fn label(&self) -> String {
        accommodation_name(self)
    }
    fn summary(&self) -> String {
        normalize_ws(&self.text)
    }
}

fn placement_summary(p: &Placement) -> String {
    let setting = p.setting.as_deref().map(normalize_ws);
    match (setting, p.general_ed_percent) {
        (Some(s), Some(pct)) => format!("{s}, {}% in general education", number(pct)),
        (Some(s), None) => s,
        (None, Some(pct)) => format!("{}% in general education", number(pct)),
        (None, None) => "no setting given".to_owned(),
    }
}

fn list_changes<T: Describe>(old: &[T], new: &[T], out: &mut Vec<Change>, fields: impl Fn(&T, &T) -> Vec<FieldChange>) {
    list_changes_indexed(old, new, out, |o, n| fields(&old[o], &new[n]));
}

fn list_changes_indexed<T: Describe>(
    old: &[T],
    new: &[T],
    out: &mut Vec<Change>,
    fields: impl Fn(usize, usize) -> Vec<FieldChange>,
) {
    let matching = match_items(old, new);
    // Matched and removed items in old order, then added ones in new order.
    let mut by_old: Vec<(usize, Option<usize>)> = matching.pairs.iter().map(|&(o, n)| (o, Some(n))).collect();
    by_old.extend(matching.removed.iter().map(|&o| (o, None)));
    by_old.sort_by_key(|(o, _)| *o);
    for (o, n) in by_old {
        let old_item = &old[o];
        match n {
            None => out.push(Change {
                path: old_item.path(),
                new_path: None,
                kind: ChangeKind::Removed,
                label: old_item.label(),
                before: Some(old_item.summary()),
                after: None,
                fields: Vec::new(),
            }),
            Some(n) => {
                let new_item = &new[n];
                let changed = fields(o, n);
                if changed.is_empty() {
                    // Nothing but (perhaps) the id differs: a renamed id is no change.
                    continue;
                }
                let new_path = (new_item.id() != old_item.id()).then(|| new_item.path());
                let mut label = old_item.label();
                if new_path.is_some() {
                    label.push_str(&format!(" (now {})", new_item.id()));
                }
                out.push(Change {
                    path: old_item.path(),
                    new_path,
                    kind: ChangeKind::Changed,
                    label,
                    before: Some(old_item.summary()),
                    after: Some(new_item.summary()),
                    fields: changed,
                });
            }
        }
    }
    for &n in &matching.added {
        let item = &new[n];
        out.push(Change {
            path: item.path(),
            new_path: None,
            kind: ChangeKind::Added,
            label: item.label(),
            before: None,
            after: Some(item.summary()),
            fields: Vec::new(),
        });
    }
}

fn text_field(out: &mut Vec<FieldChange>, field: Field, old: &str, new: &str) {
    let (before, after) = (text(old), text(new));
    if before != after {
        let mut change = FieldChange::new(field, before.clone(), after.clone());
        change.words = word_edits(before.as_deref().unwrap_or(""), after.as_deref().unwrap_or(""));
        out.push(change);
    }
}

fn opt_text_field(out: &mut Vec<FieldChange>, field: Field, old: Option<&str>, new: Option<&str>) {
    let (before, after) = (opt_text(old), opt_text(new));
    if before != after {
        out.push(FieldChange::new(field, before, after));
    }
}

fn date_field(out: &mut Vec<FieldChange>, field: Field, old: Option<NaiveDate>, new: Option<NaiveDate>) {
    // Dates are compared only where both sides state them.
    if let (Some(o), Some(n)) = (old, new)
        && o != n
    {
        let mut change = FieldChange::new(field, Some(date_text(o)), Some(date_text(n)));
        change.trend = Some(if n < o { Trend::Earlier } else { Trend::Later });
        out.push(change);
    }
}

fn number_trend(old: Option<f64>, new: Option<f64>) -> Option<Trend> {
    match (old, new) {
        (Some(o), Some(n)) if n < o => Some(Trend::Reduced),
        (Some(o), Some(n)) if n > o => Some(Trend::Increased),
        _ => None,
    }
}

fn amount_trend(
    old: &AmountView,
    new: &AmountView,
    old_amount: &Amount,
    new_amount: &Amount,
    weeks: SchoolWeeks,
) -> Option<Trend> {
    match (&old_amount.dose, &new_amount.dose) {
        (Some(_), None) => return Some(Trend::Reduced),
        (None, Some(_)) => return Some(Trend::Increased),
        (None, None) => return None,
        (Some(o), Some(n)) => {
            let _ = (old, new);
            // Minutes per week; sessions per week when both are sessions-only.
            if o.minutes.is_some() == n.minutes.is_some() {
                return number_trend(Some(weeks.per_week(o)), Some(weeks.per_week(n)));
            }
        }
    }
    None
}

fn service_fields(old: &Service, new: &Service, options: DiffOptions) -> Vec<FieldChange> {
    let mut out = Vec::new();
    if old.amount != new.amount {
        let (a, b) = (AmountView::of(&old.amount), AmountView::of(&new.amount));
        let mut change = FieldChange::new(Field::Amount, Some(a.text.clone()), Some(b.text.clone()));
        change.trend = amount_trend(&a, &b, &old.amount, &new.amount, options.weeks);
        change.amounts = Some((a, b));
        change.doses = old.amount.dose.zip(new.amount.dose);
        change.weeks = options.weeks;
        out.push(change);
    }
    opt_text_field(&mut out, Field::Setting, old.setting.as_deref(), new.setting.as_deref());
    opt_text_field(&mut out, Field::Group, old.group.as_deref(), new.group.as_deref());
    opt_text_field(&mut out, Field::Provider, old.provider.as_deref(), new.provider.as_deref());
    text_field(&mut out, Field::Description, &old.service, &new.service);
    if options.compare_dates {
        date_field(&mut out, Field::Start, old.start, new.start);
        date_field(&mut out, Field::End, old.end, new.end);
    }
    out
}

fn goal_fields(
    old: &Goal,
    new: &Goal,
    old_default_by: Option<NaiveDate>,
    new_default_by: Option<NaiveDate>,
    options: DiffOptions,
) -> Vec<FieldChange> {
    let mut out = Vec::new();
    opt_text_field(&mut out, Field::Area, old.area.as_deref(), new.area.as_deref());
    text_field(&mut out, Field::Statement, &old.statement, &new.statement);
    opt_text_field(&mut out, Field::Measure, old.measure.as_deref(), new.measure.as_deref());
    let old_base = old.baseline.as_ref().and_then(|b| b.value);
    let new_base = new.baseline.as_ref().and_then(|b| b.value);
    if old_base != new_base {
        let mut change = FieldChange::new(Field::Baseline, old_base.map(number), new_base.map(number));
        change.trend = number_trend(old_base, new_base);
        out.push(change);
    }
    if options.compare_dates {
        let old_date = old.baseline.as_ref().and_then(|b| b.date);
        let new_date = new.baseline.as_ref().and_then(|b| b.date);
        date_field(&mut out, Field::BaselineDate, old_date, new_date);
    }
    let old_target = old.target.as_ref().and_then(|t| t.value);
    let new_target = new.target.as_ref().and_then(|t| t.value);
    if old_target != new_target {
        let mut change = FieldChange::new(Field::TargetValue, old_target.map(number), new_target.map(number));
        change.trend = bar_trend(old, new, old_target, new_target);
        out.push(change);
    }
    let old_by = old.target.as_ref().and_then(|t| t.by);
    let new_by = new.target.as_ref().and_then(|t| t.by);
    // A field both versions leave out is equal: a plan whose `end` moves does
    // not change a target neither version dates. Where one side dates it,
    // the other's is due at the end of its version.
    if options.compare_dates && (old_by.is_some() || new_by.is_some()) {
        date_field(&mut out, Field::TargetDate, old_by.or(old_default_by), new_by.or(new_default_by));
    }
    if old.direction != new.direction {
        out.push(FieldChange::new(
            Field::Direction,
            Some(direction_text(old.direction).to_owned()),
            Some(direction_text(new.direction).to_owned()),
        ));
    }
    objective_fields(&mut out, old, new, options);
    out
}

/// Whether a target moved the bar down or up: it depends on which way the
/// goal points; if the direction itself changed there is no telling.
fn bar_trend(old: &Goal, new: &Goal, old_target: Option<f64>, new_target: Option<f64>) -> Option<Trend> {
    match (number_trend(old_target, new_target), old.direction == new.direction) {
        (Some(trend), true) => Some(match (trend, new.direction) {
            (Trend::Reduced, Direction::Up) | (Trend::Increased, Direction::Down) => Trend::LowerBar,
            _ => Trend::HigherBar,
        }),
        _ => None,
    }
}

/// The goal's objectives, matched by id (checks.md, "Objectives (format
/// 1.2)"): each one added, removed, reworded, or whose target moved is a
/// change of the goal.
fn objective_fields(out: &mut Vec<FieldChange>, old: &Goal, new: &Goal, options: DiffOptions) {
    let with_id = |mut change: FieldChange, id: &str| {
        change.objective = Some(id.to_owned());
        change
    };
    for o in &old.objectives {
        let Some(n) = new.objective(&o.id) else {
            out.push(with_id(FieldChange::new(Field::ObjectiveRemoved, text(&o.text), None), &o.id));
            continue;
        };
        let mut fields = Vec::new();
        text_field(&mut fields, Field::ObjectiveText, &o.text, &n.text);
        let old_target = o.target.as_ref().and_then(|t| t.value);
        let new_target = n.target.as_ref().and_then(|t| t.value);
        if old_target != new_target {
            let mut change = FieldChange::new(Field::ObjectiveTarget, old_target.map(number), new_target.map(number));
            change.trend = bar_trend(old, new, old_target, new_target);
            fields.push(change);
        }
        if options.compare_dates {
            let old_by = o.target.as_ref().and_then(|t| t.by);
            let new_by = n.target.as_ref().and_then(|t| t.by);
            date_field(&mut fields, Field::ObjectiveTargetDate, old_by, new_by);
        }
        out.extend(fields.into_iter().map(|f| with_id(f, &o.id)));
    }
    for n in new.objectives.iter().filter(|n| old.objective(&n.id).is_none()) {
        out.push(with_id(FieldChange::new(Field::ObjectiveAdded, None, text(&n.text)), &n.id));
    }
}

fn direction_text(direction: Direction) -> &'static str {
    match direction {
        Direction::Up => "up",
        Direction::Down => "down",
    }
}

fn placement_fields(old: &Placement, new: &Placement) -> Vec<FieldChange> {
    let mut out = Vec::new();
    opt_text_field(&mut out, Field::Setting, old.setting.as_deref(), new.setting.as_deref());
    if old.general_ed_percent != new.general_ed_percent {
        let mut change = FieldChange::new(
            Field::GeneralEdPercent,
            old.general_ed_percent.map(|p| format!("{}%", number(p))),
            new.general_ed_percent.map(|p| format!("{}%", number(p))),
        );
        change.trend = number_trend(old.general_ed_percent, new.general_ed_percent);
        out.push(change);
    }
    out
}
