//! Finds the line and column of a key path (`predicates[3].opposite`) in a YAML text.
//!
//! serde reports positions only for syntax and type errors; faults found after parsing
//! (a duplicate id, a dangling reference) are placed with this indentation-based walk.

use std::cell::RefCell;
use std::collections::HashMap;

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

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// The 1-based line and column of the value at `path`, or of the deepest part found.
pub fn locate(text: &str, path: &[Step]) -> (usize, usize) {
    Locator::new(text).locate(path)
}

/// Where the walk stands after some steps of a path.
#[derive(Debug, Clone, Copy)]
enum Walk {
    /// Inside lines `from..to`, whose content is indented at least `min_indent`; `best` is
    /// the place found so far, and `key_line` the line of the key just found, if the last
    /// step was a key.
    Open {
        from: usize,
        to: usize,
        min_indent: usize,
        best: (usize, usize),
        key_line: Option<usize>,
    },
    /// The walk has stopped at this place: the path goes no deeper, or a flow item was found.
    Done((usize, usize)),
}

/// The items of a block sequence: the indent of their dashes and the line of each.
type Items = (usize, Vec<usize>);

/// Locates many key paths in one YAML text. Each prefix of a path is walked once and
/// remembered, and so are the items of each sequence, so placing every item of a large
/// rule file costs about one pass over it rather than one pass per item.
pub struct Locator<'t> {
    lines: Vec<&'t str>,
    walks: RefCell<HashMap<Vec<Step>, Walk>>,
    /// For the region a path prefix leads to: its sequence items, if it has any.
    items: RefCell<HashMap<Vec<Step>, Option<Items>>>,
}

impl<'t> Locator<'t> {
    pub fn new(text: &'t str) -> Locator<'t> {
        Locator {
            lines: text.lines().collect(),
            walks: RefCell::new(HashMap::new()),
            items: RefCell::new(HashMap::new()),
        }
    }

    /// The 1-based line and column of the value at `path`, or of the deepest part found.
    pub fn locate(&self, path: &[Step]) -> (usize, usize) {
        match self.walk(path) {
            Walk::Open { best, .. } | Walk::Done(best) => best,
        }
    }

    fn walk(&self, path: &[Step]) -> Walk {
        let Some((step, parent)) = path.split_last() else {
            return Walk::Open {
                from: 0,
                to: self.lines.len(),
                min_indent: 0,
                best: (1, 1),
                key_line: None,
            };
        };
        if let Some(w) = self.walks.borrow().get(path) {
            return *w;
        }
        let w = match self.walk(parent) {
            done @ Walk::Done(_) => done,
            Walk::Open {
                from,
                to,
                min_indent,
                best,
                key_line,
            } => match step {
                Step::Key(key) => self.key_step(key, from, to, min_indent, best),
                Step::Index(n) => self.index_step(parent, *n, (from, to), best, key_line),
            },
        };
        self.walks.borrow_mut().insert(path.to_vec(), w);
        w
    }

    fn key_step(
        &self,
        key: &str,
        from: usize,
        to: usize,
        min_indent: usize,
        best: (usize, usize),
    ) -> Walk {
        let lines = &self.lines;
        let label = format!("{key}:");
        let found = (from..to).find(|&i| {
            let l = lines[i];
            let body = l.trim_start_matches(' ').trim_start_matches("- ");
            indent(l) >= min_indent && is_content(l) && body.starts_with(&label)
        });
        let Some(i) = found else {
            return Walk::Done(best);
        };
        let col = lines[i].find(&label).unwrap_or(0);
        // The key's block: following lines indented deeper than the key.
        let end = (i + 1..to)
            .find(|&j| {
                is_content(lines[j])
                    && indent(lines[j]) <= col
                    && !(lines[j].trim_start().starts_with("- ") && indent(lines[j]) == col)
            })
            .unwrap_or(to);
        Walk::Open {
            from: i + 1,
            to: end,
            min_indent: col,
            best: (i + 1, col + 1),
            key_line: Some(i),
        }
    }

    fn index_step(
        &self,
        parent: &[Step],
        n: usize,
        (from, to): (usize, usize),
        best: (usize, usize),
        key_line: Option<usize>,
    ) -> Walk {
        let lines = &self.lines;
        // Flow sequence on the key's own line: `aliases: [a, b]`.
        if let Some(i) = key_line
            && let Some(open) = lines[i].find('[')
        {
            let l = lines[i];
            let mut at = open + 1;
            for (k, item) in l[open + 1..].split(',').enumerate() {
                if k == n {
                    let lead = item.len() - item.trim_start().len();
                    return Walk::Done((i + 1, at + lead + 1));
                }
                at += item.len() + 1;
            }
            return Walk::Done(best);
        }
        let mut cache = self.items.borrow_mut();
        let entry = cache.entry(parent.to_vec()).or_insert_with(|| {
            let dashes: Vec<usize> = (from..to)
                .filter(|&i| lines[i].trim_start().starts_with("- ") || lines[i].trim() == "-")
                .collect();
            let dash_indent = indent(lines[*dashes.first()?]);
            let items = dashes
                .into_iter()
                .filter(|&i| indent(lines[i]) == dash_indent)
                .collect();
            Some((dash_indent, items))
        });
        let Some((dash_indent, items)) = entry.as_ref() else {
            return Walk::Done(best);
        };
        let Some(&i) = items.get(n) else {
            return Walk::Done(best);
        };
        Walk::Open {
            from: i,
            to: items.get(n + 1).copied().unwrap_or(to),
            min_indent: *dash_indent,
            best: (i + 1, dash_indent + 3),
            key_line: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_keys_and_items() {
        let text = "predicates:\n  - id: a\n    triggers: [x, y]\n  - id: b\n    opposite: c\n    triggers:\n      - one\n      - two\n";
        // A key path from its parts: a number is an index, anything else a key.
        let path = |parts: &[&str]| -> Vec<Step> {
            let step = |p: &&str| {
                p.parse()
                    .map_or_else(|_| Step::Key(p.to_string()), Step::Index)
            };
            parts.iter().map(step).collect()
        };
        let p = |parts: &[&str]| locate(text, &path(parts));
        assert_eq!(p(&["predicates", "1", "opposite"]), (5, 5));
        assert_eq!(p(&["predicates", "0", "triggers", "1"]), (3, 19));
        assert_eq!(p(&["predicates", "1", "triggers", "1"]), (8, 9));
        assert_eq!(p(&["predicates", "1", "id"]), (4, 5));
        assert_eq!(
            show(&path(&["predicates", "1", "opposite"])),
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
        assert_eq!(fresh[2], (8, 5));
        let shared = Locator::new(text);
        let backwards: Vec<(usize, usize)> = paths.iter().rev().map(|p| shared.locate(p)).collect();
        assert_eq!(backwards.into_iter().rev().collect::<Vec<_>>(), fresh);
        let again: Vec<(usize, usize)> = paths.iter().map(|p| shared.locate(p)).collect();
        assert_eq!(again, fresh);
    }
}
