//! Item paths: how meetings, notices and letters name a part of an IEP.

use std::fmt;

use serde::{Serialize, Serializer};

/// One item of an IEP version: `services.<id>`, `goals.<id>`,
/// `accommodations.<id>` or `placement`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemPath {
    Service(String),
    Goal(String),
    Accommodation(String),
    Placement,
}

impl ItemPath {
    /// Parses `services.speech`; `None` when the text is not an item path.
    pub fn parse(text: &str) -> Option<ItemPath> {
        let text = text.trim();
        if text == "placement" {
            return Some(ItemPath::Placement);
        }
        let (list, id) = text.split_once('.')?;
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return None;
        }
        match list {
            "services" => Some(ItemPath::Service(id.to_owned())),
            "goals" => Some(ItemPath::Goal(id.to_owned())),
            "accommodations" => Some(ItemPath::Accommodation(id.to_owned())),
            _ => None,
        }
    }

    pub fn id(&self) -> Option<&str> {
        match self {
            ItemPath::Service(id) | ItemPath::Goal(id) | ItemPath::Accommodation(id) => Some(id),
            ItemPath::Placement => None,
        }
    }

    /// The list's name as a path prefix (`services`), or `placement`.
    pub fn list(&self) -> &'static str {
        match self {
            ItemPath::Service(_) => "services",
            ItemPath::Goal(_) => "goals",
            ItemPath::Accommodation(_) => "accommodations",
            ItemPath::Placement => "placement",
        }
    }
}

impl fmt::Display for ItemPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.id() {
            Some(id) => write!(f, "{}.{id}", self.list()),
            None => f.write_str("placement"),
        }
    }
}

impl Serialize for ItemPath {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// An entry of `agreed`, `covers` or `parent_rejected`: an item, or `all`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ItemRef {
    All,
    Item(ItemPath),
}

impl ItemRef {
    pub fn parse(text: &str) -> Option<ItemRef> {
        if text.trim() == "all" { Some(ItemRef::All) } else { ItemPath::parse(text).map(ItemRef::Item) }
    }
}

impl fmt::Display for ItemRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ItemRef::All => f.write_str("all"),
            ItemRef::Item(p) => p.fmt(f),
        }
    }
}

impl Serialize for ItemRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A list of item references, as `agreed`, `covers` and `parent_rejected` hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ItemRefs(pub Vec<ItemRef>);

impl ItemRefs {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn has_all(&self) -> bool {
        self.0.contains(&ItemRef::All)
    }
    /// Whether the list names any of `paths` (an item's old and new path), or `all`.
    pub fn covers_any(&self, paths: &[&ItemPath]) -> bool {
        self.0.iter().any(|r| match r {
            ItemRef::All => true,
            ItemRef::Item(p) => paths.contains(&p),
        })
    }
    /// Whether the list names one of `paths` by path (`all` does not count).
    pub fn names_any(&self, paths: &[&ItemPath]) -> bool {
        self.0.iter().any(|r| matches!(r, ItemRef::Item(p) if paths.contains(&p)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip() {
        for text in ["services.speech", "goals.G1", "accommodations.A6", "placement"] {
            assert_eq!(ItemPath::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn bad_paths_are_rejected() {
        for text in ["service.speech", "goals.", "speech", "goals.G 1", "placement.x"] {
            assert_eq!(ItemPath::parse(text), None, "{text}");
        }
    }
}
