//! The small vocabularies the analyses share with findings: what changed in a
//! plan, which way, the unit a service is counted in, what a review date is
//! counted from. They live here so a finding's evidence can hold them typed.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// Which field of an item changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// A service's `service` text: what it is.
    Description,
    Provider,
    Amount,
    Setting,
    Group,
    Start,
    End,
    Area,
    Statement,
    Measure,
    Baseline,
    BaselineDate,
    TargetValue,
    TargetDate,
    Direction,
    /// An accommodation's text.
    Text,
    GeneralEdPercent,
    /// A goal's objective was added (format 1.2: a change to an objective is a change of its goal).
    ObjectiveAdded,
    ObjectiveRemoved,
    /// An objective's text.
    ObjectiveText,
    /// An objective's target value.
    ObjectiveTarget,
    /// An objective's target date.
    ObjectiveTargetDate,
}

impl Field {
    /// The field in a parent's words ("the setting").
    pub fn noun(self) -> &'static str {
        match self {
            Field::Description => "name",
            Field::Provider => "provider",
            Field::Amount => "amount",
            Field::Setting => "setting",
            Field::Group => "grouping",
            Field::Start => "start date",
            Field::End => "end date",
            Field::Area => "area",
            Field::Statement => "wording",
            Field::Measure => "measure",
            Field::Baseline => "baseline",
            Field::BaselineDate => "baseline date",
            Field::TargetValue => "target",
            Field::TargetDate => "target date",
            Field::Direction => "direction",
            Field::Text => "wording",
            Field::GeneralEdPercent => "time in general education",
            Field::ObjectiveAdded | Field::ObjectiveRemoved => "objective",
            Field::ObjectiveText => "objective's wording",
            Field::ObjectiveTarget => "objective's target",
            Field::ObjectiveTargetDate => "objective's target date",
        }
    }

    /// Whether the field is a text whose softening phrases can be counted.
    pub fn is_wording(self) -> bool {
        matches!(self, Field::Description | Field::Statement | Field::Text)
    }
}

/// Which way a field moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// Less of a service, or a lower number.
    Reduced,
    /// More of a service, or a higher number.
    Increased,
    Earlier,
    Later,
    /// A goal's target is easier to reach (for `direction: down`, a higher number).
    LowerBar,
    /// A goal's target is harder to reach.
    HigherBar,
}

/// Which way a change goes (checks.md, "Direction").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeDirection {
    Removed,
    Added,
    /// Less of a service, an easier goal target or a later target date.
    Reduced,
    /// More of a service, a harder target or an earlier date.
    Increased,
    Changed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Minutes,
    Sessions,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Minutes => "minutes",
            Unit::Sessions => "sessions",
        }
    }
}

/// What the annual review date is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewBasis {
    /// The latest meeting of type `annual-review`.
    AnnualReviewMeeting,
    /// The `meeting` date of the latest annual version (no `amends`) in force.
    VersionMeeting,
    /// That version's `effective` date.
    VersionEffective,
    /// No review on record: the `end` of the version in force is the date.
    VersionEnd,
}
