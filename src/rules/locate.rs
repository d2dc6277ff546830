//! Finds the line and column of a key path (`predicates[3].opposite`) in a YAML text.
//!
//! serde reports positions only for syntax and type errors; faults found after parsing
//! (a duplicate id, a dangling reference) are placed with this indentation-based walk.

/// One step of a key path.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    let lines: Vec<&str> = text.lines().collect();
    // The region we search: lines [from, to) and the column where its content starts.
    let (mut from, mut to) = (0usize, lines.len());
    let mut best = (1, 1);
    let mut min_indent = 0usize;
    let mut steps = path.iter().peekable();
    while let Some(step) = steps.next() {
        match step {
            Step::Key(key) => {
                let found = (from..to).find(|&i| {
                    let l = lines[i];
                    let body = l.trim_start_matches(' ').trim_start_matches("- ");
                    indent(l) >= min_indent
                        && is_content(l)
                        && (body.starts_with(&format!("{key}:")))
                });
                let Some(i) = found else { return best };
                let l = lines[i];
                let col = l.find(&format!("{key}:")).unwrap_or(0);
                best = (i + 1, col + 1);
                // The key's block: following lines indented deeper than the key.
                let key_indent = col;
                let end = (i + 1..to)
                    .find(|&j| {
                        is_content(lines[j])
                            && indent(lines[j]) <= key_indent
                            && !(lines[j].trim_start().starts_with("- ")
                                && indent(lines[j]) == key_indent)
                    })
                    .unwrap_or(to);
                // Flow sequence on the key's own line: `aliases: [a, b]`.
                if let Some(Step::Index(n)) = steps.peek()
                    && let Some(open) = l.find('[')
                {
                    let items = &l[open + 1..];
                    let mut at = open + 1;
                    for (k, item) in items.split(',').enumerate() {
                        if k == *n {
                            let lead = item.len() - item.trim_start().len();
                            return (i + 1, at + lead + 1);
                        }
                        at += item.len() + 1;
                    }
                    return best;
                }
                from = i + 1;
                to = end;
                min_indent = key_indent;
            }
            Step::Index(n) => {
                let dashes: Vec<usize> = (from..to)
                    .filter(|&i| lines[i].trim_start().starts_with("- ") || lines[i].trim() == "-")
                    .collect();
                let Some(first) = dashes.first() else {
                    return best;
                };
                let dash_indent = indent(lines[*first]);
                let items: Vec<usize> = dashes
                    .into_iter()
                    .filter(|&i| indent(lines[i]) == dash_indent)
                    .collect();
                let Some(&i) = items.get(*n) else { return best };
                best = (i + 1, dash_indent + 3);
                let end = items.get(n + 1).copied().unwrap_or(to);
                from = i;
                to = end;
                min_indent = dash_indent;
            }
        }
    }
    best
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
            (5, 5)
        );
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
            (4, 5)
        );
        assert_eq!(
            show(&[Key("predicates".into()), Index(1), Key("opposite".into())]),
            "predicates[1].opposite"
        );
    }
}
