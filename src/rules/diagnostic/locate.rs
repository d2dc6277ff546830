//! Finds the line and column of a key path (`predicates[3].opposite`) in a YAML text.
//!
//! serde reports positions only for syntax errors; every other fault is placed by its key
//! path on the tree of the text's nodes ([`crate::yaml::tree`]), exactly, in block and
//! flow style alike.

use crate::yaml::tree::{self, Node};
use std::cell::OnceCell;

/// One step of a key path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// Formats a path as `predicates[3].opposite`.
pub fn show(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// The 1-based line and column of the value at `path`, or of the deepest part found.
pub fn locate(text: &str, path: &[Step]) -> (usize, usize) {
    Locator::new(text).locate(path)
}

/// Locates key paths in one YAML text, on the tree of its nodes (built on first use, once).
pub struct Locator<'t> {
    text: &'t str,
    tree: OnceCell<Option<Node>>,
}

impl<'t> Locator<'t> {
    pub fn new(text: &'t str) -> Locator<'t> {
        Locator {
            text,
            tree: OnceCell::new(),
        }
    }

    /// The token the value at `path` is: a scalar itself, the `[` or `{` of a flow
    /// collection, or for a block collection the key it stands under (its own lines start
    /// below). A path that goes further than the text gives the deepest part found.
    pub fn locate(&self, path: &[Step]) -> (usize, usize) {
        self.find(path, false)
    }

    /// Where the key that ends `path` is written (for an unknown key, the key itself).
    pub fn locate_key(&self, path: &[Step]) -> (usize, usize) {
        self.find(path, true)
    }

    fn find(&self, path: &[Step], key_wanted: bool) -> (usize, usize) {
        let Some(root) = self.tree.get_or_init(|| tree::tree(self.text)) else {
            return (1, 1);
        };
        let mut at = root;
        let mut best = (root.line, root.column);
        for (n, step) in path.iter().enumerate() {
            let last = n + 1 == path.len();
            match step {
                Step::Key(key) => {
                    let Some((k, v)) = at.entry(key) else {
                        return best;
                    };
                    best = if (last && key_wanted) || v.is_block_collection() {
                        (k.line, k.column)
                    } else {
                        (v.line, v.column)
                    };
                    at = v;
                }
                Step::Index(i) => {
                    let Some(item) = at.item(*i) else {
                        return best;
                    };
                    best = (item.line, item.column);
                    at = item;
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_keys_and_items() {
        let text = "predicates:\n  - id: a\n    triggers: [x, y]\n  - id: b\n    opposite: c\n    triggers:\n      - one\n      - two\n";
        let p = |s: &[Step]| locate(text, s);
        use Step::*;
        assert_eq!(
            p(&[Key("predicates".into()), Index(1), Key("opposite".into())]),
            (5, 15)
        );
        let key = Locator::new(text).locate_key(&[
            Key("predicates".into()),
            Index(1),
            Key("opposite".into()),
        ]);
        assert_eq!(key, (5, 5));
        assert_eq!(
            p(&[
                Key("predicates".into()),
                Index(0),
                Key("triggers".into()),
                Index(1)
            ]),
            (3, 19)
        );
        assert_eq!(
            p(&[
                Key("predicates".into()),
                Index(1),
                Key("triggers".into()),
                Index(1)
            ]),
            (8, 9)
        );
        assert_eq!(
            p(&[Key("predicates".into()), Index(1), Key("id".into())]),
            (4, 9)
        );
        // A block list stands under its key; a flow list wrapped over two lines has its
        // later items on the second line.
        assert_eq!(
            p(&[Key("predicates".into()), Index(1), Key("triggers".into())]),
            (6, 5)
        );
        let wrapped = "entities:\n  - aliases: [One,\n      Two]\n";
        let item = [
            Key("entities".into()),
            Index(0),
            Key("aliases".into()),
            Index(1),
        ];
        assert_eq!(locate(wrapped, &item), (3, 7));
        assert_eq!(
            show(&[Key("predicates".into()), Index(1), Key("opposite".into())]),
            "predicates[1].opposite"
        );
    }

    #[test]
    fn a_locator_answers_the_same_in_any_order() {
        let text = "entities:\n  - id: a\n    aliases: [x, y]\n  - id: b\n    aliases:\n      - p\n      - q\n    speaks_for: a\npredicates:\n  - id: c\n";
        use Step::*;
        let key = |s: &str| Key(s.to_string());
        let paths: Vec<Vec<Step>> = vec![
            vec![key("entities"), Index(1), key("aliases"), Index(1)],
            vec![key("entities"), Index(0), key("aliases"), Index(1)],
            vec![key("entities"), Index(1), key("speaks_for")],
            vec![key("entities"), Index(5), key("id")],
            vec![key("predicates"), Index(0), key("id")],
            vec![key("predicates"), key("missing")],
            vec![key("entities"), Index(1)],
            vec![key("entities")],
        ];
        let fresh: Vec<(usize, usize)> = paths.iter().map(|p| locate(text, p)).collect();
        assert_eq!(fresh[0], (7, 9));
        assert_eq!(fresh[1], (3, 18));
        assert_eq!(fresh[2], (8, 17));
        let shared = Locator::new(text);
        let backwards: Vec<(usize, usize)> = paths.iter().rev().map(|p| shared.locate(p)).collect();
        assert_eq!(backwards.into_iter().rev().collect::<Vec<_>>(), fresh);
        let again: Vec<(usize, usize)> = paths.iter().map(|p| shared.locate(p)).collect();
        assert_eq!(again, fresh);
    }
}
