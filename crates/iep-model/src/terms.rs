//! Which terms are in force: each version with the parent's written
//! rejections applied (checks.md, "Which version is in force").

use chrono::NaiveDate;

use crate::case::{Accommodation, Case, Goal, IepVersion, Placement, Service};
use crate::path::{ItemPath, ItemRef};
use crate::similarity::similarity_of;

/// Text at least this similar lets an item whose id is gone match a new item.
pub const RENAME_SIMILARITY: f64 = 0.80;

/// An item of the lists a version holds: services, goals, accommodations.
pub trait ListItem: Clone {
    fn id(&self) -> &str;
    /// The text used to match an item whose id changed.
    fn match_text(&self) -> &str;
    fn path_for(id: &str) -> ItemPath;
    fn path(&self) -> ItemPath {
        Self::path_for(self.id())
    }
}

impl ListItem for Service {
    fn id(&self) -> &str {
        &self.id
    }
    fn match_text(&self) -> &str {
        &self.service
    }
    fn path_for(id: &str) -> ItemPath {
        ItemPath::Service(id.to_owned())
    }
}

impl ListItem for Goal {
    fn id(&self) -> &str {
        &self.id
    }
    fn match_text(&self) -> &str {
        &self.statement
    }
    fn path_for(id: &str) -> ItemPath {
        ItemPath::Goal(id.to_owned())
    }
}

impl ListItem for Accommodation {
    fn id(&self) -> &str {
        &self.id
    }
    fn match_text(&self) -> &str {
        &self.text
    }
    fn path_for(id: &str) -> ItemPath {
        ItemPath::Accommodation(id.to_owned())
    }
}

/// How the items of two lists correspond.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matching {
    /// (old index, new index), in old order.
    pub pairs: Vec<(usize, usize)>,
    /// Old items with no counterpart.
    pub removed: Vec<usize>,
    /// New items with no counterpart.
    pub added: Vec<usize>,
}

/// Matches items by id, then an old item whose id is gone to an unmatched new
/// item whose text is at least 0.80 similar, best first.
pub fn match_items<T: ListItem>(old: &[T], new: &[T]) -> Matching {
    let mut new_taken = vec![false; new.len()];
    let mut old_match: Vec<Option<usize>> = vec![None; old.len()];
    for (o, item) in old.iter().enumerate() {
        if let Some(n) = new.iter().position(|x| x.id() == item.id())
            && !new_taken[n]
        {
            new_taken[n] = true;
            old_match[o] = Some(n);
        }
    }
    let mut candidates = Vec::new();
    for (o, item) in old.iter().enumerate() {
        if old_match[o].is_some() || new.iter().any(|x| x.id() == item.id()) {
            continue;
        }
        for (n, other) in new.iter().enumerate() {
            if new_taken[n] {
                continue;
            }
            let score = similarity_of(item.match_text(), other.match_text());
            if score.at_least(RENAME_SIMILARITY) {
                candidates.push((score, o, n));
            }
        }
    }
    // Best first; ties keep list order so the result is stable.
    candidates.sort_by(|a, b| b.0.cmp_ratio(a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, o, n) in candidates {
        if old_match[o].is_none() && !new_taken[n] {
            old_match[o] = Some(n);
            new_taken[n] = true;
        }
    }
    let mut m = Matching::default();
    for (o, matched) in old_match.iter().enumerate() {
        match matched {
            Some(n) => m.pairs.push((o, *n)),
            None => m.removed.push(o),
        }
    }
    m.added = (0..new.len()).filter(|n| !new_taken[*n]).collect();
    m
}

/// One item in force, and where its terms come from.
#[derive(Debug, Clone, PartialEq)]
pub struct TermsItem<T> {
    pub item: T,
    /// Index (in `Case::versions`) of the version whose text this is.
    pub from: usize,
    /// The item's first and last day in force (a service's `start`/`end`
    /// with the version's defaults applied; the version's dates otherwise).
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

/// The terms in force from one version's `effective` date until the next.
#[derive(Debug, Clone, PartialEq)]
pub struct Terms {
    /// Index of the version whose `effective` date starts these terms.
    pub since: usize,
    /// Index of the version in force: `since`, or for a wholly rejected
    /// version the one whose terms stayed.
    pub version: usize,
    pub effective: NaiveDate,
    /// The in-force version's `end` (its annual review date).
    pub end: Option<NaiveDate>,
    pub services: Vec<TermsItem<Service>>,
    pub goals: Vec<TermsItem<Goal>>,
    pub accommodations: Vec<TermsItem<Accommodation>>,
    pub placement: Option<TermsItem<Placement>>,
}

impl Terms {
    pub fn service(&self, id: &str) -> Option<&TermsItem<Service>> {
        self.services.iter().find(|s| s.item.id == id)
    }
    pub fn goal(&self, id: &str) -> Option<&TermsItem<Goal>> {
        self.goals.iter().find(|g| g.item.id == id)
    }
    /// Whether the service `id` is in force on `day` under these terms.
    pub fn service_on(&self, id: &str, day: NaiveDate) -> Option<&Service> {
        self.service(id).filter(|s| s.start <= day && s.end.is_none_or(|end| day <= end)).map(|s| &s.item)
    }
}

/// The terms in force after each version, in version order.
#[derive(Debug, Clone, Default)]
pub struct TermsHistory {
    /// `None` where nothing is in force (a first version wholly rejected).
    pub after: Vec<Option<Terms>>,
    /// The `effective` date of each version, for lookups by day.
    effective: Vec<NaiveDate>,
}

impl TermsHistory {
    pub fn new(case: &Case) -> TermsHistory {
        let mut after: Vec<Option<Terms>> = Vec::with_capacity(case.versions.len());
        for (i, version) in case.versions.iter().enumerate() {
            let before = after.last().cloned().flatten();
            after.push(apply(before, version, i));
        }
        TermsHistory { after, effective: case.versions.iter().map(|v| v.effective).collect() }
    }

    /// The terms the parent agreed to (checks.md, "As agreed"): the terms
    /// in force with each change nobody agreed to undone, as a written
    /// rejection would undo it. `unagreed`: (the index of the version that
    /// made the change, the item's paths). `None` when there is none.
    pub fn agreed(case: &Case, unagreed: &[(usize, Vec<ItemPath>)]) -> Option<TermsHistory> {
        if unagreed.is_empty() {
            return None;
        }
        let mut after: Vec<Option<Terms>> = Vec::with_capacity(case.versions.len());
        for (i, version) in case.versions.iter().enumerate() {
            let before = after.last().cloned().flatten();
            let mut undone = unagreed.iter().filter(|(index, _)| *index == i).flat_map(|(_, paths)| paths).peekable();
            let terms = if undone.peek().is_none() {
                apply(before, version, i)
            } else {
                let mut rejecting = version.value.clone();
                for path in undone {
                    let rejection = ItemRef::Item(path.clone());
                    if !rejecting.parent_rejected.0.contains(&rejection) {
                        rejecting.parent_rejected.0.push(rejection);
                    }
                }
                apply(before, &rejecting, i)
            };
            after.push(terms);
        }
        Some(TermsHistory { after, effective: case.versions.iter().map(|v| v.effective).collect() })
    }

    /// The terms in force on `day`.
    pub fn on(&self, day: NaiveDate) -> Option<&Terms> {
        self.index_on(day).and_then(|i| self.after[i].as_ref())
    }

    /// The index of the version whose `effective` date starts the terms of `day`.
    pub fn index_on(&self, day: NaiveDate) -> Option<usize> {
        self.effective.partition_point(|e| *e <= day).checked_sub(1)
    }

    /// The terms in force the day before version `index` took effect.
    pub fn before(&self, index: usize) -> Option<&Terms> {
        index.checked_sub(1).and_then(|i| self.after[i].as_ref())
    }
}

fn service_dates(service: &Service, version: &IepVersion) -> (NaiveDate, Option<NaiveDate>) {
    (service.start.unwrap_or(version.effective), service.end.or(version.end))
}

/// The terms after `version` takes effect over `before`.
fn apply(before: Option<Terms>, version: &IepVersion, index: usize) -> Option<Terms> {
    let rejected = &version.parent_rejected;
    if rejected.has_all() {
        return before.map(|t| Terms { since: index, ..t });
    }
    let services = apply_list(before.as_ref().map(|b| b.services.as_slice()), &version.services, version, index, |s| {
        service_dates(s, version)
    });
    let goals = apply_list(before.as_ref().map(|b| b.goals.as_slice()), &version.goals, version, index, |_| {
        (version.effective, version.end)
    });
    let accommodations = apply_list(
        before.as_ref().map(|b| b.accommodations.as_slice()),
        &version.accommodations,
        version,
        index,
        |_| (version.effective, version.end),
    );
    let old_placement = before.as_ref().and_then(|b| b.placement.clone());
    let placement = if rejected.names_any(&[&ItemPath::Placement]) {
        old_placement.map(|p| TermsItem { start: version.effective, end: version.end, ..p })
    } else {
        version.placement.clone().map(|item| TermsItem {
            item,
            from: index,
            start: version.effective,
            end: version.end,
        })
    };
    Some(Terms {
        since: index,
        version: index,
        effective: version.effective,
        end: version.end,
        services,
        goals,
        accommodations,
        placement,
    })
}

fn apply_list<T: ListItem>(
    before: Option<&[TermsItem<T>]>,
    new: &[T],
    version: &IepVersion,
    index: usize,
    dates: impl Fn(&T) -> (NaiveDate, Option<NaiveDate>),
) -> Vec<TermsItem<T>> {
    let rejected = &version.parent_rejected;
    let fresh = |item: &T| {
        let (start, end) = dates(item);
        TermsItem { item: item.clone(), from: index, start, end }
    };
    let Some(before) = before else {
        // Everything is an addition; a rejected addition is not in force.
        return new.iter().filter(|n| !rejected.names_any(&[&n.path()])).map(fresh).collect();
    };
    let old_items: Vec<T> = before.iter().map(|t| t.item.clone()).collect();
    let m = match_items(&old_items, new);
    let mut out = Vec::with_capacity(new.len());
    for &(o, n) in &m.pairs {
        let (old, item) = (&before[o], &new[n]);
        if rejected.names_any(&[&old.item.path(), &item.path()]) {
            // The old terms stay, for the dates the new version gives the item.
            let (start, end) = dates(item);
            out.push(TermsItem { item: old.item.clone(), from: old.from, start, end });
        } else {
            out.push(fresh(item));
        }
    }
    for &o in &m.removed {
        let old = &before[o];
        if rejected.names_any(&[&old.item.path()]) {
            // A rejected removal keeps the item, for the new version's dates.
            out.push(TermsItem {
                item: old.item.clone(),
                from: old.from,
                start: version.effective,
                end: version.end.or(old.end),
            });
        }
    }
    for &n in &m.added {
        if !rejected.names_any(&[&new[n].path()]) {
            out.push(fresh(&new[n]));
        }
    }
    out
}

/// Which accommodation an id names on a day, following renamed ids as the
/// diff matches them (checks.md, "Are the accommodations given"): a check-in
/// may name an accommodation by the id it had before a version renamed it.
#[derive(Debug, Clone, Default)]
pub struct AccommodationIds {
    /// For each version (by index), the ids it renamed: (old id, new id).
    renamed: Vec<Vec<(String, String)>>,
}

impl AccommodationIds {
    pub fn new(case: &Case, history: &TermsHistory) -> AccommodationIds {
        let renamed = case
            .versions
            .iter()
            .enumerate()
            .map(|(i, version)| {
                let Some(before) = history.before(i) else { return Vec::new() };
                let after = history.after[i].as_ref();
                let old: Vec<Accommodation> = before.accommodations.iter().map(|t| t.item.clone()).collect();
                // A rename counts where it took effect: a rejection keeps the old id.
                let in_force = |id: &str| after.is_some_and(|t| t.accommodations.iter().any(|a| a.item.id == id));
                match_items(&old, &version.accommodations)
                    .pairs
                    .into_iter()
                    .map(|(o, n)| (old[o].id.clone(), version.accommodations[n].id.clone()))
                    .filter(|(old, new)| old != new && in_force(new) && !in_force(old))
                    .collect()
            })
            .collect();
        AccommodationIds { renamed }
    }

    /// The accommodation in force on `day` that `id` names: by its own id, or
    /// by an id it was renamed from. `None` when nothing in force is it.
    pub fn in_force<'h>(
        &self,
        history: &'h TermsHistory,
        id: &str,
        day: NaiveDate,
    ) -> Option<&'h TermsItem<Accommodation>> {
        let index = history.index_on(day)?;
        let terms = history.after[index].as_ref()?;
        let find = |id: &str| terms.accommodations.iter().find(|a| a.item.id == id);
        if let Some(item) = find(id) {
            return Some(item);
        }
        find(self.forward(id, 0, index).as_str())
    }

    /// The id that `id`, as it was in force under version `from`, has under
    /// version `to` (renames applied in order). Check-ins of one
    /// accommodation share it, whatever id each used.
    pub fn forward(&self, id: &str, from: usize, to: usize) -> String {
        let mut current = id.to_owned();
        for renames in self.renamed.iter().take(to + 1).skip(from + 1) {
            if let Some((_, new)) = renames.iter().find(|(old, _)| *old == current) {
                current = new.clone();
            }
        }
        current
    }

    /// How many versions the ids run through.
    pub fn versions(&self) -> usize {
        self.renamed.len()
    }
}
