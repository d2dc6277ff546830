//! Faults in rule files: what a [`Diagnostic`] says, where it is, and how it is shown.
//!
//! [`Faults`] gathers them while a pack compiles, placing each at file:line:col with
//! [`locate`]; [`Diagnostic::render`] and [`render_all`] show them with their line and a caret.

mod faults;
pub mod locate;

pub use faults::nearest;
pub(super) use faults::{Faults, did_you_mean, ix, k, parse_message};

use super::RuleSource;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// A fault in a rule file, at a place, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    /// Where in the data the fault is: `predicates[3].opposite`.
    pub key: String,
    pub message: String,
}

/// Where a rule item was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: usize,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

impl Diagnostic {
    /// An error about a whole file or the whole pack, placed at the top of `file`.
    pub fn at_top(file: String, key: &str, message: String) -> Diagnostic {
        Diagnostic {
            file,
            line: 1,
            column: 1,
            severity: Severity::Error,
            key: key.to_string(),
            message,
        }
    }

    /// `file:line:col: error: key: message`, then the line of the file with a caret under the place.
    pub fn render(&self, sources: &[RuleSource]) -> String {
        let line = sources
            .iter()
            .find(|s| s.name == self.file)
            .and_then(|s| s.text.lines().nth(self.line.saturating_sub(1)));
        self.render_at(line)
    }

    /// The rendering, given the text of the diagnostic's line when there is one.
    fn render_at(&self, line: Option<&str>) -> String {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let key = if self.key.is_empty() {
            String::new()
        } else {
            format!("{}: ", self.key)
        };
        let mut out = format!(
            "{}:{}:{}: {level}: {}{}\n",
            self.file,
            self.line,
            self.column,
            crate::printable::cut_values(&key),
            crate::printable::cut_values(&self.message)
        );
        if let Some(text) = line {
            let gutter = self.line.to_string().len();
            let (shown, caret) = excerpt(text, self.column.saturating_sub(1));
            let caret_at = shown
                .chars()
                .take(caret)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect::<String>();
            out.push_str(&format!(
                "{:gutter$} |\n{} | {}\n{:gutter$} | {}^\n",
                "", self.line, shown, "", caret_at
            ));
        }
        out
    }
}

/// The most characters of a source line a diagnostic shows.
const EXCERPT_CHARS: usize = 120;

/// A window of at most [`EXCERPT_CHARS`] characters of `line` around the character at
/// `column` (0-based), with `…` where it is cut, and where the caret goes in it.
fn excerpt(line: &str, column: usize) -> (String, usize) {
    let total = line.chars().count();
    if total <= EXCERPT_CHARS {
        return (line.to_string(), column);
    }
    let from = column
        .saturating_sub(EXCERPT_CHARS / 3)
        .min(total - EXCERPT_CHARS);
    let mut shown: String = line.chars().skip(from).take(EXCERPT_CHARS).collect();
    let mut caret = column - from.min(column);
    if from > 0 {
        shown.insert(0, '…');
        caret += 1;
    }
    if from + EXCERPT_CHARS < total {
        shown.push('…');
    }
    (shown, caret)
}

/// Renders many diagnostics, splitting each source into lines once rather than once per
/// diagnostic (a large pack can have thousands of warnings).
pub fn render_all(diags: &[Diagnostic], sources: &[RuleSource]) -> String {
    let lines: Vec<Vec<&str>> = sources.iter().map(|s| s.text.lines().collect()).collect();
    diags
        .iter()
        .map(|d| {
            let line = sources
                .iter()
                .position(|s| s.name == d.file)
                .and_then(|f| lines[f].get(d.line.checked_sub(1)?).copied());
            d.render_at(line)
        })
        .collect()
}
