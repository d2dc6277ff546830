//! A YAML text as a tree of nodes that know where they were written: the exact line and
//! column of every key, value and list item, in block and flow style alike, so a fault can
//! put its caret on the very token it is about (`aspect: events` → under `events`, the
//! third item of a `[...]` list wrapped over two lines → on the second line).
//!
//! Built from libyaml's own events (the parser serde reads with), so the tree and serde
//! never disagree about what is where. A text that breaks off keeps the part before.

use super::Scanner;
use libyaml_rs as sys;
use std::mem::MaybeUninit;

/// One node: where it starts (1-based line and column, in characters), whether it was
/// written in flow style (`[...]`, `{...}`), and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub line: usize,
    pub column: usize,
    pub flow: bool,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Scalar(String),
    Seq(Vec<Node>),
    /// Key and value nodes, in the order written.
    Map(Vec<(Node, Node)>),
    /// `*name`: the node it names is not copied.
    Alias,
}

impl Node {
    /// The value under `key` in a mapping, with the key's own node.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| matches!(&k.value, Value::Scalar(s) if s == key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// The `n`th item of a sequence.
    pub fn item(&self, n: usize) -> Option<&Node> {
        match &self.value {
            Value::Seq(items) => items.get(n),
            _ => None,
        }
    }

    /// Whether this is a mapping or sequence in block style (it starts on its own lines).
    pub fn is_block_collection(&self) -> bool {
        !self.flow && matches!(self.value, Value::Seq(_) | Value::Map(_))
    }
}

/// What an event opens, closes or is.
enum Event {
    Scalar(String),
    SeqStart {
        flow: bool,
    },
    MapStart {
        flow: bool,
    },
    End,
    Alias,
    /// Stream and document marks: nothing to build.
    Other,
}

impl Scanner<'_> {
    /// The next parser event with its 0-based line and column; `None` at the end of the
    /// first document or on an error.
    fn event(&mut self) -> Option<(Event, usize, usize)> {
        if self.done {
            return None;
        }
        let mut event = MaybeUninit::<sys::yaml_event_t>::uninit();
        // SAFETY: the parser was initialised (`done` is false) and only ever parses, never
        // scans, once this is called; `event` is memory for one event, which
        // `yaml_parser_parse` fills; each filled event is read, then deleted once here. A
        // scalar's value points at `length` bytes the event owns, copied before the delete.
        unsafe {
            if sys::yaml_parser_parse(self.parser.as_mut_ptr(), event.as_mut_ptr()).fail {
                self.done = true;
                return None;
            }
            let e = event.as_mut_ptr();
            let mark = (*e).start_mark;
            let out = match (*e).type_ {
                sys::YAML_SCALAR_EVENT => {
                    let s = (*e).data.scalar;
                    let bytes = std::slice::from_raw_parts(s.value, s.length as usize);
                    Event::Scalar(String::from_utf8_lossy(bytes).into_owned())
                }
                sys::YAML_SEQUENCE_START_EVENT => Event::SeqStart {
                    flow: (*e).data.sequence_start.style == sys::YAML_FLOW_SEQUENCE_STYLE,
                },
                sys::YAML_MAPPING_START_EVENT => Event::MapStart {
                    flow: (*e).data.mapping_start.style == sys::YAML_FLOW_MAPPING_STYLE,
                },
                sys::YAML_SEQUENCE_END_EVENT | sys::YAML_MAPPING_END_EVENT => Event::End,
                sys::YAML_ALIAS_EVENT => Event::Alias,
                sys::YAML_DOCUMENT_END_EVENT | sys::YAML_STREAM_END_EVENT | sys::YAML_NO_EVENT => {
                    self.done = true;
                    Event::Other
                }
                _ => Event::Other,
            };
            sys::yaml_event_delete(e);
            Some((out, mark.line as usize, mark.column as usize))
        }
    }
}

/// A collection being built, and in a mapping the key waiting for its value.
struct Frame {
    node: Node,
    key: Option<Node>,
}

impl Frame {
    fn add(&mut self, child: Node) {
        match &mut self.node.value {
            Value::Seq(items) => items.push(child),
            Value::Map(entries) => match self.key.take() {
                Some(key) => entries.push((key, child)),
                None => self.key = Some(child),
            },
            _ => {}
        }
    }
}

/// The first document of `text` as a tree; `None` when it is empty or nests deeper than
/// [`super::MAX_DEPTH`] (it is never parsed then). A text with an error keeps the nodes
/// read before it.
pub fn tree(text: &str) -> Option<Node> {
    super::check_depth(text).ok()?;
    let mut events = Scanner::new(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    let node = |line: usize, column: usize, flow: bool, value: Value| Node {
        line: line + 1,
        column: column + 1,
        flow,
        value,
    };
    while let Some((event, line, column)) = events.event() {
        let done = match event {
            Event::Other => continue,
            Event::SeqStart { flow } => {
                let n = node(line, column, flow, Value::Seq(Vec::new()));
                stack.push(Frame { node: n, key: None });
                continue;
            }
            Event::MapStart { flow } => {
                let n = node(line, column, flow, Value::Map(Vec::new()));
                stack.push(Frame { node: n, key: None });
                continue;
            }
            Event::Scalar(s) => node(line, column, false, Value::Scalar(s)),
            Event::Alias => node(line, column, false, Value::Alias),
            Event::End => match stack.pop() {
                Some(frame) => frame.node,
                None => continue,
            },
        };
        match stack.last_mut() {
            Some(parent) => parent.add(done),
            None => {
                root = Some(done);
                break;
            }
        }
    }
    // A text that broke off: close what is open, keeping what was read.
    while let Some(frame) = stack.pop() {
        match stack.last_mut() {
            Some(parent) => parent.add(frame.node),
            None => root = Some(frame.node),
        }
    }
    root
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(n: &Node) -> (usize, usize) {
        (n.line, n.column)
    }

    #[test]
    fn every_node_knows_its_place_in_block_and_flow_style() {
        let text = "predicates:\n  - id: a\n    aspect: events\n    triggers: [one, two,\n      three]\n  - id: b\n    triggers:\n      - x\n";
        let root = tree(text).unwrap();
        let (_, preds) = root.entry("predicates").unwrap();
        let first = preds.item(0).unwrap();
        assert_eq!(at(first), (2, 5));
        let (key, value) = first.entry("aspect").unwrap();
        assert_eq!((at(key), at(value)), ((3, 5), (3, 13)));
        let (_, triggers) = first.entry("triggers").unwrap();
        assert!(triggers.flow);
        assert_eq!(at(triggers.item(1).unwrap()), (4, 21));
        // The item after the line break is on the next line.
        assert_eq!(at(triggers.item(2).unwrap()), (5, 7));
        let (_, block) = preds.item(1).unwrap().entry("triggers").unwrap();
        assert!(block.is_block_collection());
        assert_eq!(at(block.item(0).unwrap()), (8, 9));
    }

    #[test]
    fn a_broken_text_keeps_what_came_before_and_deep_text_is_not_parsed() {
        let root = tree("a: 1\nb: [x, y\nc: 2\n").unwrap();
        assert!(root.entry("a").is_some());
        assert!(tree(&format!("k: {}", "[".repeat(1000))).is_none());
        assert!(tree("").is_none());
        // Columns count characters, as the caret is drawn.
        let root = tree("é: [ü, x]\n").unwrap();
        assert_eq!(at(root.entry("é").unwrap().1.item(1).unwrap()), (1, 8));
    }
}
