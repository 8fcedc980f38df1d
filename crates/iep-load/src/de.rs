//! A serde deserializer over the position-keeping tree (`span.rs`), for the
//! slow path: every error knows the node it is about.
//!
//! To report every problem of a file, not just the first, the loader runs it
//! repeatedly, each time skipping the list item (or the unknown field) the
//! previous error was about.

use std::cell::{Cell, RefCell};
use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;

use crate::span::{NodeId, NodeKind, Seg, Style, Tree};

/// Alias resolutions allowed per run: an alias bomb stops here.
const ALIAS_BUDGET: usize = 10_000;

#[derive(Debug, Clone)]
pub enum ErrorKind {
    UnknownField {
        field: String,
        expected: &'static [&'static str],
    },
    MissingField(&'static str),
    DuplicateField(&'static str),
    /// A key of a free-form group given again (`raw::UniqueKeys`).
    RepeatedKey(String),
    /// Message, and a help text when there is one.
    Custom(String, Option<String>),
    /// The run was stopped (alias budget).
    Fatal(String),
}

/// Where an error is: the node, the path to it, and whether the key is meant.
#[derive(Debug, Clone)]
pub struct At {
    pub node: NodeId,
    pub path: Vec<Seg>,
    pub key: bool,
}

#[derive(Debug, Clone)]
pub struct Error {
    pub kind: ErrorKind,
    pub at: Option<At>,
}

/// Starts the custom error of a key given again, followed by the key, so that
/// it points at the repeat.
pub const REPEATED_KEY: &str = "\u{1e}repeated key: ";

/// Splits the `message\u{1f}help` convention the custom types use.
pub fn split_help(text: &str) -> (String, Option<String>) {
    match text.split_once('\u{1f}') {
        Some((m, h)) => (m.to_owned(), Some(h.to_owned())),
        None => (text.to_owned(), None),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.kind)
    }
}

impl std::error::Error for Error {}

fn describe_expected(exp: &dyn de::Expected) -> String {
    let text = exp.to_string();
    if text.contains("u32") || text.contains("u64") || text.contains("integer") || text.contains("u8") {
        "a whole number".to_owned()
    } else if text.contains("f64") || text.contains("float") {
        "a number".to_owned()
    } else if text.contains("sequence") {
        "a list".to_owned()
    } else if text.starts_with("struct") || text.contains("map") {
        "a group of `field: value` lines".to_owned()
    } else if text.contains("identifier") {
        "a field name".to_owned()
    } else if text.contains("string") {
        "text".to_owned()
    } else {
        text
    }
}

fn describe_unexpected(unexp: de::Unexpected<'_>) -> String {
    match unexp {
        de::Unexpected::Str(s) => format!("`{s}`"),
        de::Unexpected::Unsigned(n) => format!("`{n}`"),
        de::Unexpected::Signed(n) => format!("`{n}`"),
        de::Unexpected::Float(n) => format!("`{n}`"),
        de::Unexpected::Bool(b) => format!("`{b}`"),
        de::Unexpected::Seq => "a list".to_owned(),
        de::Unexpected::Map => "a group of `field: value` lines".to_owned(),
        de::Unexpected::Unit => "nothing".to_owned(),
        other => other.to_string(),
    }
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        let text = msg.to_string();
        if let Some(key) = text.strip_prefix(REPEATED_KEY) {
            return Error { kind: ErrorKind::RepeatedKey(key.to_owned()), at: None };
        }
        let (m, h) = split_help(&text);
        Error { kind: ErrorKind::Custom(m, h), at: None }
    }
    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        let what = describe_expected(exp);
        let found = describe_unexpected(unexp);
        if let (de::Unexpected::Float(n), "a whole number") = (unexp, what.as_str()) {
            if n.is_finite() && n.fract() == 0.0 {
                // `3e1`, `30.0`: whole, but not written as one.
                let message = format!("`{n}` is not written as a whole number: minutes and sessions are plain digits");
                return Error { kind: ErrorKind::Custom(message, Some(format!("write `{n}`"))), at: None };
            }
            let message = format!("`{n}` is not a whole number: minutes and sessions are counted whole");
            let help = format!("write the whole number, like `{}`", n.trunc().max(0.0));
            return Error { kind: ErrorKind::Custom(message, Some(help)), at: None };
        }
        let message = match unexp {
            de::Unexpected::Unit => format!("a value is missing here: expected {what}"),
            _ => format!("expected {what} here, found {found}"),
        };
        let help = match what.as_str() {
            "a whole number" => Some("write a whole number without quotes, like `30`".to_owned()),
            "a number" => Some("write a number without quotes, like `48` or `2.5`".to_owned()),
            "a list" => Some("write a list as `[a, b]` or as lines starting with `- `".to_owned()),
            // A complex key (`? [a, b]`, `[a]: 1`): YAML allows it, a case file does not.
            "a field name" => Some(
                "a field name is one word before `: `, like `date: 2025-09-16`; a list or a group cannot name a field"
                    .to_owned(),
            ),
            _ => None,
        };
        Error { kind: ErrorKind::Custom(message, help), at: None }
    }
    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Self::invalid_type(unexp, exp)
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Error { kind: ErrorKind::UnknownField { field: field.to_owned(), expected }, at: None }
    }
    fn missing_field(field: &'static str) -> Self {
        Error { kind: ErrorKind::MissingField(field), at: None }
    }
    fn duplicate_field(field: &'static str) -> Self {
        Error { kind: ErrorKind::DuplicateField(field), at: None }
    }
}

/// `err` with the value as read (`shown`) quoted as it was written (`text`).
fn as_written(err: Error, shown: &str, text: &str) -> Error {
    match err.kind {
        ErrorKind::Custom(message, help) if shown != text => {
            let message = message.replacen(&format!("`{shown}`"), &format!("`{text}`"), 1);
            Error { kind: ErrorKind::Custom(message, help), at: err.at }
        }
        kind => Error { kind, at: err.at },
    }
}

/// State shared by one run over a tree.
pub struct Ctx<'t> {
    pub tree: &'t Tree,
    /// List items and unknown-field keys earlier runs skipped.
    pub removed: &'t [NodeId],
    path: RefCell<Vec<Seg>>,
    aliases: Cell<usize>,
    last_key: Cell<Option<NodeId>>,
}

impl<'t> Ctx<'t> {
    pub fn new(tree: &'t Tree, removed: &'t [NodeId]) -> Ctx<'t> {
        Ctx { tree, removed, path: RefCell::new(Vec::new()), aliases: Cell::new(0), last_key: Cell::new(None) }
    }

    fn attach(&self, mut err: Error, node: NodeId, key: bool) -> Error {
        if err.at.is_none() {
            let (node, key) = match (&err.kind, self.last_key.get()) {
                (ErrorKind::DuplicateField(_) | ErrorKind::RepeatedKey(_), Some(k)) => (k, true),
                _ => (node, key),
            };
            err.at = Some(At { node, path: self.path.borrow().clone(), key });
        }
        err
    }

    fn resolve(&self, id: NodeId) -> Result<NodeId, Error> {
        if matches!(self.tree.nodes[id].kind, NodeKind::Alias(_)) {
            let n = self.aliases.get() + 1;
            self.aliases.set(n);
            if n > ALIAS_BUDGET {
                return Err(Error {
                    kind: ErrorKind::Fatal("the file repeats `*alias` references too many times".to_owned()),
                    at: Some(At { node: id, path: Vec::new(), key: false }),
                });
            }
        }
        Ok(self.tree.resolve(id))
    }
}

/// Deserializes node `id`.
pub struct NodeDe<'c, 't> {
    pub ctx: &'c Ctx<'t>,
    pub id: NodeId,
}

fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

impl<'de, 'c, 't> de::Deserializer<'de> for NodeDe<'c, 't> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let id = self.ctx.resolve(self.id)?;
        match &self.ctx.tree.nodes[id].kind {
            NodeKind::Scalar { text, style } => {
                if *style != Style::Plain {
                    return visitor.visit_str(text);
                }
                // YAML 1.2 core schema: `on`, `yes` and `no` stay text.
                if is_null(text) {
                    return visitor.visit_unit();
                }
                match text.as_str() {
                    "true" | "True" | "TRUE" => return visitor.visit_bool(true),
                    "false" | "False" | "FALSE" => return visitor.visit_bool(false),
                    _ => {}
                }
                // The core schema's special floats, read as serde_yaml reads them,
                // so that the converter can say they are not numbers.
                match text.as_str() {
                    ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return visitor.visit_f64(f64::INFINITY),
                    "-.inf" | "-.Inf" | "-.INF" => return visitor.visit_f64(f64::NEG_INFINITY),
                    ".nan" | ".NaN" | ".NAN" => return visitor.visit_f64(f64::NAN),
                    _ => {}
                }
                // Errors quote the number as it was written, not as read.
                if let Ok(n) = text.parse::<u64>() {
                    return visitor.visit_u64(n).map_err(|e| as_written(e, &n.to_string(), text));
                }
                if let Ok(n) = text.parse::<i64>() {
                    return visitor.visit_i64(n).map_err(|e| as_written(e, &n.to_string(), text));
                }
                let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
                if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
                    return Err(Error {
                        kind: ErrorKind::Custom(
                            format!("`{text}` is too large a number for any field of a case file"),
                            Some("check the number on the paper: a digit too many is likely".to_owned()),
                        ),
                        at: None,
                    });
                }
                let looks_numeric = text.chars().next().is_some_and(|c| c.is_ascii_digit() || "+-.".contains(c))
                    && text.chars().all(|c| c.is_ascii_digit() || "+-.eE".contains(c));
                if looks_numeric && let Ok(n) = text.parse::<f64>() {
                    return visitor.visit_f64(n).map_err(|e| as_written(e, &n.to_string(), text));
                }
                visitor.visit_str(text)
            }
            NodeKind::Seq(_) => self.deserialize_seq(visitor),
            NodeKind::Map { .. } => self.deserialize_map(visitor),
            NodeKind::Alias(_) => visitor.visit_unit(),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let id = self.ctx.resolve(self.id)?;
        match &self.ctx.tree.nodes[id].kind {
            NodeKind::Scalar { text, .. } => visitor.visit_str(text),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let id = self.ctx.resolve(self.id)?;
        match &self.ctx.tree.nodes[id].kind {
            NodeKind::Scalar { text, style: Style::Plain } if is_null(text) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let id = self.ctx.resolve(self.id)?;
        match &self.ctx.tree.nodes[id].kind {
            NodeKind::Seq(items) => {
                let items: Vec<NodeId> = items.iter().copied().filter(|i| !self.ctx.removed.contains(i)).collect();
                visitor.visit_seq(SeqAcc { ctx: self.ctx, items, next: 0 })
            }
            NodeKind::Scalar { text, style: Style::Plain } if is_null(text) => {
                visitor.visit_seq(SeqAcc { ctx: self.ctx, items: Vec::new(), next: 0 })
            }
            _ => self.deserialize_any_other(visitor),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let id = self.ctx.resolve(self.id)?;
        match &self.ctx.tree.nodes[id].kind {
            NodeKind::Map { pairs, .. } => {
                let pairs: Vec<(NodeId, NodeId)> =
                    pairs.iter().copied().filter(|(k, _)| !self.ctx.removed.contains(k)).collect();
                visitor.visit_map(MapAcc { ctx: self.ctx, pairs, next: 0, value: None })
            }
            _ => self.deserialize_any_other(visitor),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let id = self.ctx.resolve(self.id)?;
        match &self.ctx.tree.nodes[id].kind {
            NodeKind::Scalar { text, .. } => visitor.visit_enum(text.as_str().into_deserializer()),
            _ => self.deserialize_any_other(visitor),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit unit_struct tuple tuple_struct identifier
    }
}

impl<'c, 't> NodeDe<'c, 't> {
    /// A value of the wrong shape: let the visitor say what it expected.
    fn deserialize_any_other<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let id = self.ctx.resolve(self.id)?;
        let unexp = match &self.ctx.tree.nodes[id].kind {
            NodeKind::Scalar { text, style } if *style == Style::Plain && is_null(text) => de::Unexpected::Unit,
            NodeKind::Scalar { text, .. } => de::Unexpected::Str(text),
            NodeKind::Seq(_) => de::Unexpected::Seq,
            NodeKind::Map { .. } => de::Unexpected::Map,
            NodeKind::Alias(_) => de::Unexpected::Unit,
        };
        Err(de::Error::invalid_type(unexp, &visitor))
    }
}

struct SeqAcc<'c, 't> {
    ctx: &'c Ctx<'t>,
    items: Vec<NodeId>,
    next: usize,
}

impl<'de> SeqAccess<'de> for SeqAcc<'_, '_> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let Some(&id) = self.items.get(self.next) else { return Ok(None) };
        self.ctx.path.borrow_mut().push(Seg::Index(self.next));
        self.next += 1;
        let result = seed.deserialize(NodeDe { ctx: self.ctx, id }).map_err(|e| self.ctx.attach(e, id, false));
        self.ctx.path.borrow_mut().pop();
        result.map(Some)
    }
}

struct MapAcc<'c, 't> {
    ctx: &'c Ctx<'t>,
    pairs: Vec<(NodeId, NodeId)>,
    next: usize,
    value: Option<NodeId>,
}

impl<'de> MapAccess<'de> for MapAcc<'_, '_> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some(&(key, value)) = self.pairs.get(self.next) else { return Ok(None) };
        self.next += 1;
        self.value = Some(value);
        self.ctx.last_key.set(Some(key));
        let name = self.ctx.tree.scalar(key).unwrap_or("").to_owned();
        self.ctx.path.borrow_mut().push(Seg::Key(name));
        let result = seed.deserialize(NodeDe { ctx: self.ctx, id: key }).map_err(|e| self.ctx.attach(e, key, true));
        if result.is_err() {
            self.ctx.path.borrow_mut().pop();
        }
        result.map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some(id) = self.value.take() else {
            return Err(de::Error::custom("a value was read without its key"));
        };
        let result = seed.deserialize(NodeDe { ctx: self.ctx, id }).map_err(|e| self.ctx.attach(e, id, false));
        self.ctx.path.borrow_mut().pop();
        result
    }
}

/// Deserializes the whole tree once.
pub fn from_tree<T: de::DeserializeOwned>(ctx: &Ctx<'_>) -> Result<T, Error> {
    let Some(root) = ctx.tree.root else {
        return Err(de::Error::custom("the file is empty"));
    };
    T::deserialize(NodeDe { ctx, id: root }).map_err(|e| ctx.attach(e, root, false))
}
