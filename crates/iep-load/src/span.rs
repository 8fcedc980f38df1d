//! A YAML tree that keeps where each node starts, built from yaml-rust2's
//! event parser. Only files with a problem are read this way: the fast path
//! (serde_yaml) keeps no positions.
//!
//! Hostile input stays bounded: nesting is capped, aliases are not expanded
//! here (the deserializer resolves them against a budget), and a file whose
//! aliases would expand it a hundredfold is found before any is followed.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

/// Deeper than any case file needs; serde_yaml stops at 128 as well.
pub const MAX_DEPTH: usize = 100;

/// Nodes a file may expand to through aliases whatever its size: small files
/// may repeat a few values freely.
pub const ALIAS_EXPANSION_FLOOR: u64 = 10_000;

pub type NodeId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Quoted,
    Block,
}

#[derive(Debug)]
pub enum NodeKind {
    Scalar {
        text: String,
        style: Style,
    },
    Seq(Vec<NodeId>),
    /// Key and value ids; `flow` is a one-line `{...}` mapping.
    Map {
        pairs: Vec<(NodeId, NodeId)>,
        flow: bool,
    },
    /// An `*alias`, by anchor id.
    Alias(usize),
}

#[derive(Debug)]
pub struct Node {
    pub kind: NodeKind,
    /// 1-based line and column (in characters).
    pub line: usize,
    pub column: usize,
}

#[derive(Debug)]
pub struct Tree {
    pub nodes: Vec<Node>,
    pub anchors: HashMap<usize, NodeId>,
    pub root: Option<NodeId>,
}

/// Why the tree could not be built.
#[derive(Debug)]
pub struct TreeError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// One step of a path into the tree: a mapping key or a list index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

pub fn path_text(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

enum Open {
    Seq(NodeId, Vec<NodeId>),
    Map(NodeId, Vec<NodeId>),
}

impl Tree {
    /// Parses the first document of `source`.
    pub fn parse(source: &str) -> Result<Tree, TreeError> {
        let lines: Vec<&str> = source.lines().collect();
        let mut parser = Parser::new_from_str(source);
        let mut tree = Tree { nodes: Vec::new(), anchors: HashMap::new(), root: None };
        let mut stack: Vec<Open> = Vec::new();
        let mut documents = 0;
        loop {
            let (event, mark) = parser.next_token().map_err(|e| TreeError {
                line: e.marker().line(),
                column: e.marker().col() + 1,
                message: e.info().to_owned(),
            })?;
            let (line, column) = (mark.line(), mark.col() + 1);
            let new_node = match event {
                Event::StreamEnd => break,
                Event::DocumentStart => {
                    documents += 1;
                    if documents > 1 {
                        return Err(TreeError { line, column, message: "a second document starts here".to_owned() });
                    }
                    continue;
                }
                Event::Scalar(text, style, anchor, _) => {
                    let style = match style {
                        TScalarStyle::Plain => Style::Plain,
                        TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => Style::Quoted,
                        _ => Style::Block,
                    };
                    let id = tree.push(NodeKind::Scalar { text, style }, line, column);
                    tree.anchor(anchor, id);
                    Some(id)
                }
                Event::Alias(anchor) => Some(tree.push(NodeKind::Alias(anchor), line, column)),
                Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                    if stack.len() >= MAX_DEPTH {
                        return Err(TreeError {
                            line,
                            column,
                            message: format!("the file nests more than {MAX_DEPTH} levels deep"),
                        });
                    }
                    let is_map = matches!(event, Event::MappingStart(..));
                    let kind = if is_map {
                        let flow = lines
                            .get(line.wrapping_sub(1))
                            .and_then(|l| l.chars().nth(column - 1))
                            .is_some_and(|c| c == '{');
                        NodeKind::Map { pairs: Vec::new(), flow }
                    } else {
                        NodeKind::Seq(Vec::new())
                    };
                    let id = tree.push(kind, line, column);
                    tree.anchor(anchor, id);
                    stack.push(if is_map { Open::Map(id, Vec::new()) } else { Open::Seq(id, Vec::new()) });
                    None
                }
                Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                    Some(Open::Seq(id, items)) => {
                        tree.nodes[id].kind = NodeKind::Seq(items);
                        Some(id)
                    }
                    Some(Open::Map(id, items)) => {
                        let pairs = items.chunks(2).filter(|c| c.len() == 2).map(|c| (c[0], c[1])).collect();
                        if let NodeKind::Map { pairs: p, .. } = &mut tree.nodes[id].kind {
                            *p = pairs;
                        }
                        Some(id)
                    }
                    None => None,
                },
                _ => continue,
            };
            if let Some(id) = new_node {
                match stack.last_mut() {
                    Some(Open::Seq(_, items) | Open::Map(_, items)) => items.push(id),
                    None => {
                        if tree.root.is_none() {
                            tree.root = Some(id);
                        }
                    }
                }
            }
        }
        Ok(tree)
    }

    fn push(&mut self, kind: NodeKind, line: usize, column: usize) -> NodeId {
        self.nodes.push(Node { kind, line, column });
        self.nodes.len() - 1
    }

    fn anchor(&mut self, anchor: usize, id: NodeId) {
        if anchor > 0 {
            self.anchors.insert(anchor, id);
        }
    }

    /// The alias that makes the file an alias bomb: written out, the file
    /// would hold more than 100 times its nodes (serde_yaml's own bound) and
    /// more than [`ALIAS_EXPANSION_FLOOR`]. Of those aliases, the one that
    /// expands most (the first such in the file).
    pub fn alias_bomb(&self) -> Option<NodeId> {
        let root = self.root?;
        let sizes = self.expanded_sizes();
        let allowed = (self.nodes.len() as u64).saturating_mul(100).max(ALIAS_EXPANSION_FLOOR);
        if sizes[root] <= allowed {
            return None;
        }
        let aliases = (0..self.nodes.len()).filter(|&id| matches!(self.nodes[id].kind, NodeKind::Alias(_)));
        aliases.max_by_key(|&id| (sizes[id], std::cmp::Reverse(id)))
    }

    /// For every node, how many nodes a reader visits with every alias
    /// written out (saturating). An alias to a node still open (itself or an
    /// ancestor) counts one. Iterative: a hostile file must not overflow the stack.
    fn expanded_sizes(&self) -> Vec<u64> {
        const NEW: u8 = 0;
        const OPEN: u8 = 1;
        const DONE: u8 = 2;
        let mut state = vec![NEW; self.nodes.len()];
        let mut sizes = vec![1u64; self.nodes.len()];
        let needs = |id: NodeId| -> Vec<NodeId> {
            match &self.nodes[id].kind {
                NodeKind::Scalar { .. } => Vec::new(),
                NodeKind::Seq(items) => items.clone(),
                NodeKind::Map { pairs, .. } => pairs.iter().flat_map(|&(k, v)| [k, v]).collect(),
                NodeKind::Alias(anchor) => self.anchors.get(anchor).copied().into_iter().collect(),
            }
        };
        for start in 0..self.nodes.len() {
            let mut stack = vec![(start, false)];
            while let Some((id, children_done)) = stack.pop() {
                if children_done {
                    let total = needs(id).into_iter().map(|c| if state[c] == DONE { sizes[c] } else { 1 });
                    sizes[id] = match self.nodes[id].kind {
                        NodeKind::Alias(_) => total.sum::<u64>().max(1),
                        _ => total.fold(1u64, u64::saturating_add),
                    };
                    state[id] = DONE;
                } else if state[id] == NEW {
                    state[id] = OPEN;
                    stack.push((id, true));
                    stack.extend(needs(id).into_iter().filter(|&c| state[c] == NEW).map(|c| (c, false)));
                }
            }
        }
        sizes
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    /// Follows aliases (at most a few steps; an alias names an earlier node).
    pub fn resolve(&self, mut id: NodeId) -> NodeId {
        for _ in 0..16 {
            match self.nodes[id].kind {
                NodeKind::Alias(anchor) => match self.anchors.get(&anchor) {
                    Some(&target) if target != id => id = target,
                    _ => return id,
                },
                _ => return id,
            }
        }
        id
    }

    pub fn scalar(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[self.resolve(id)].kind {
            NodeKind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The pair of `map` whose key is `key`.
    pub fn pair(&self, map: NodeId, key: &str) -> Option<(NodeId, NodeId)> {
        match &self.nodes[self.resolve(map)].kind {
            NodeKind::Map { pairs, .. } => pairs.iter().copied().find(|(k, _)| self.scalar(*k) == Some(key)),
            _ => None,
        }
    }

    /// Finds the node at `path`, skipping `removed` list items and pairs (as
    /// the deserializer did). `key`: the key node of the last step instead.
    pub fn find(&self, path: &[Seg], key: bool, removed: &[NodeId]) -> Option<NodeId> {
        let mut at = self.root?;
        let mut key_node = None;
        for seg in path {
            at = self.resolve(at);
            match (seg, &self.nodes[at].kind) {
                (Seg::Key(name), NodeKind::Map { pairs, .. }) => {
                    let (k, v) = pairs
                        .iter()
                        .copied()
                        .filter(|(k, _)| !removed.contains(k))
                        .find(|(k, _)| self.scalar(*k) == Some(name.as_str()))?;
                    key_node = Some(k);
                    at = v;
                }
                (Seg::Index(i), NodeKind::Seq(items)) => {
                    at = items.iter().copied().filter(|n| !removed.contains(n)).nth(*i)?;
                    key_node = None;
                }
                _ => return None,
            }
        }
        if key { key_node.or(Some(at)) } else { Some(at) }
    }

    /// How many characters a caret under node `id` should mark on its line.
    pub fn width(&self, id: NodeId, source_line: &str) -> usize {
        let node = &self.nodes[id];
        let rest: String = source_line.chars().skip(node.column.saturating_sub(1)).collect();
        match &node.kind {
            NodeKind::Scalar { text, style: Style::Plain } if !text.contains('\n') => {
                let n = text.chars().count();
                if rest.starts_with(text.as_str()) { n } else { 1 }
            }
            NodeKind::Scalar { style: Style::Quoted, .. } => {
                let mut chars = rest.chars();
                match chars.next() {
                    Some(q @ ('"' | '\'')) => {
                        let mut n = 1;
                        let mut escaped = false;
                        for c in chars {
                            n += 1;
                            if c == q && !escaped {
                                return n;
                            }
                            escaped = q == '"' && c == '\\' && !escaped;
                        }
                        1
                    }
                    _ => 1,
                }
            }
            _ => 1,
        }
    }
}
