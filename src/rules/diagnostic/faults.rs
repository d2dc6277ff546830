//! Gathers the faults of a pack while it compiles, each placed at file:line:col from its key
//! path, and turns serde's messages and near misses into plain words.

use super::locate::{Locator, Step, show};
use super::{Diagnostic, Origin, Severity};
use crate::rules::RuleSource;
use regex::Regex;
use std::sync::LazyLock;

/// The diagnostics found so far, and what is needed to place new ones.
pub struct Faults<'a> {
    sources: &'a [RuleSource],
    /// One per source, so that placing every rule costs one walk over each file.
    locators: Vec<Locator<'a>>,
    diags: Vec<Diagnostic>,
    /// Per file, the key paths (as shown) of stand-ins put where a wrong value or a missing
    /// key was: what is found at or under them is about the stand-in, so it is not said.
    stand_ins: Vec<Vec<String>>,
}

impl<'a> Faults<'a> {
    pub fn new(sources: &'a [RuleSource]) -> Faults<'a> {
        Faults {
            sources,
            locators: sources.iter().map(|s| Locator::new(&s.text)).collect(),
            diags: Vec::new(),
            stand_ins: vec![Vec::new(); sources.len()],
        }
    }

    pub fn at(&mut self, file: usize, path: &[Step], severity: Severity, message: String) {
        let place = self.locators[file].locate(path);
        self.placed(file, path, place, severity, message);
    }

    /// A diagnostic about `path` with its caret at `place`.
    fn placed(
        &mut self,
        file: usize,
        path: &[Step],
        (line, column): (usize, usize),
        severity: Severity,
        message: String,
    ) {
        let key = show(path);
        let hidden = self.stand_ins[file].iter().any(|p| {
            key.strip_prefix(p.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
        });
        if hidden {
            return;
        }
        self.diags.push(Diagnostic {
            file: self.sources[file].name.clone(),
            line,
            column,
            severity,
            key,
            message,
        });
    }

    /// Where the key that ends `path` is written.
    pub fn key_place(&self, file: usize, path: &[Step]) -> (usize, usize) {
        self.locators[file].locate_key(path)
    }

    /// An error about `path` with its caret at `place` (found with [`Faults::key_place`]).
    pub fn error_placed(
        &mut self,
        file: usize,
        path: &[Step],
        place: (usize, usize),
        message: String,
    ) {
        self.placed(file, path, place, Severity::Error, message);
    }

    /// Stand-ins put into `file` while its faults were read: nothing more is said of them.
    pub fn hide_stand_ins(&mut self, file: usize, paths: Vec<String>) {
        self.stand_ins[file].extend(paths);
    }

    pub fn error(&mut self, file: usize, path: &[Step], message: String) {
        self.at(file, path, Severity::Error, message);
    }

    /// A diagnostic placed by other means (serde's position, or the top of a file).
    pub fn push(&mut self, diag: Diagnostic) {
        self.diags.push(diag);
    }

    /// The file and line of the value at `path`; shown as `file:line`, it names the other
    /// place of a clash.
    pub fn origin(&self, file: usize, path: &[Step]) -> Origin {
        Origin {
            file: self.sources[file].name.clone(),
            line: self.locators[file].locate(path).0,
        }
    }

    /// The name source `file` is reported under.
    pub fn name(&self, file: usize) -> &str {
        &self.sources[file].name
    }

    pub fn has_errors(&self) -> bool {
        self.diags.iter().any(|d| d.severity == Severity::Error)
    }

    /// Every diagnostic, in order, each once: what a pack with errors returns.
    pub fn into_errors(self) -> Vec<Diagnostic> {
        let mut d = self.diags;
        d.sort();
        d.dedup();
        d
    }

    /// The warnings of a pack without errors, in order.
    pub fn into_warnings(self) -> Vec<Diagnostic> {
        let mut d = self.diags;
        d.sort();
        d
    }

    /// A file serde could not read, at the place serde names.
    pub fn yaml(&mut self, file: usize, e: &serde_yaml::Error) {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        let (key, message) = parse_message(&e.to_string());
        self.diags.push(Diagnostic {
            file: self.sources[file].name.clone(),
            line,
            column,
            severity: Severity::Error,
            key,
            message,
        });
    }
}

pub fn k(s: &str) -> Step {
    Step::Key(s.to_string())
}

pub fn ix(i: usize) -> Step {
    Step::Index(i)
}

/// The existing id nearest to `wanted`, for "did you mean".
pub fn nearest<'a>(wanted: &str, ids: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    ids.map(|id| (strsim::jaro_winkler(wanted, id), id))
        .filter(|(s, _)| *s >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, id)| id)
}

pub fn did_you_mean(s: Option<&str>) -> String {
    s.map(|id| format!("; did you mean `{id}`?"))
        .unwrap_or_default()
}

/// Turns serde's message into plain words, with a suggestion for a misspelt key.
pub(crate) fn parse_message(raw: &str) -> (String, String) {
    // serde_yaml: "predicates[3]: unknown field `alises`, expected one of `a`, `b` at line 4
    // column 5"; the place goes in front, so the first " at line L column C" is dropped and
    // any later one (where a list or mapping began) is said in words.
    static AT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r" at line (\d+) column \d+").unwrap_or_else(|e| panic!("{e}"))
    });
    let mut first = true;
    let plain = AT.replace_all(raw, |c: &regex::Captures<'_>| {
        if std::mem::take(&mut first) {
            String::new()
        } else {
            format!(" that starts on line {}", &c[1])
        }
    });
    let (key, message) = match plain.split_once(": ") {
        Some((k, m)) if !k.contains(' ') => (k.to_string(), m.to_string()),
        _ => (String::new(), plain.to_string()),
    };
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let hint = did_you_mean(nearest(field, expected.iter().copied()));
        let known = if expected.is_empty() {
            String::new()
        } else {
            format!(" (known keys: {})", expected.join(", "))
        };
        return (key, format!("unknown key `{field}`{hint}{known}"));
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let hint = did_you_mean(nearest(value, expected.iter().copied()));
        let allowed: Vec<String> = expected.iter().map(|e| format!("`{e}`")).collect();
        return (
            key,
            format!(
                "`{value}` is not a value this key takes{hint} (it takes {})",
                allowed.join(", ")
            ),
        );
    }
    static STRUCT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"expected struct [A-Za-z]+").unwrap_or_else(|e| panic!("{e}"))
    });
    let message = STRUCT
        .replace_all(&message, "expected a mapping of keys")
        .into_owned();
    // Rust type names mean nothing to a rule author.
    let message = message
        .replace("expected i64", "expected a whole number")
        .replace("expected u64", "expected a whole number")
        .replace("expected usize", "expected a whole number")
        .replace("expected f64", "expected a number")
        .replace("expected a sequence", "expected a list")
        .replace("invalid type: ", "wrong type: ")
        .replace("while parsing a flow sequence", "in the `[...]` list")
        .replace("while parsing a flow mapping", "in the `{...}` mapping")
        .replace("while parsing a block mapping", "in the mapping")
        .replace(
            "did not find expected ',' or ']'",
            "a `,` or `]` is missing",
        );
    (key, message)
}
