//! The rule pack: loading `claims/*.yaml` (embedded default, or a directory), checking it,
//! and the compiled [`RuleSet`] every later stage reads.
//!
//! Two steps, as in nlprule: [`schema`] mirrors the YAML exactly; [`compile`] validates it
//! into runtime types and reports every fault at once with file, line, column and key path.

pub mod compile;
pub mod locate;
pub mod schema;

pub use compile::{
    Cue, Elem, Entity, Example, ExampleOf, Family, Origin, Owner, PhraseIndex, PhraseMatch,
    Predicate, RuleSet, Settings,
};

use std::path::Path;

/// One rule file's text and the name it is reported under.
#[derive(Debug, Clone)]
pub struct RuleSource {
    pub name: String,
    pub text: String,
}

/// The bundled pack, compiled into the binary so that claimclash works with no files around.
pub fn embedded_sources() -> Vec<RuleSource> {
    EMBEDDED
        .iter()
        .map(|(name, text)| RuleSource {
            name: format!("claims/{name}"),
            text: (*text).to_string(),
        })
        .collect()
}

/// Every file of the bundled pack. A test checks this list against the `claims/` folder.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("cues.yaml", include_str!("../../claims/cues.yaml")),
    ("entities.yaml", include_str!("../../claims/entities.yaml")),
    (
        "predicates.yaml",
        include_str!("../../claims/predicates.yaml"),
    ),
    ("settings.yaml", include_str!("../../claims/settings.yaml")),
];

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

impl Diagnostic {
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
            "{}:{}:{}: {level}: {key}{}\n",
            self.file, self.line, self.column, self.message
        );
        if let Some(text) = line {
            let gutter = self.line.to_string().len();
            let caret_at = text
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect::<String>();
            out.push_str(&format!(
                "{:gutter$} |\n{} | {}\n{:gutter$} | {}^\n",
                "", self.line, text, "", caret_at
            ));
        }
        out
    }
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

/// Reads every `*.yaml` / `*.yml` file of a directory, sorted by name.
pub fn read_dir(dir: &Path) -> Result<Vec<RuleSource>, Diagnostic> {
    let shown = dir.display().to_string();
    let fail = |message: String| Diagnostic {
        file: shown.clone(),
        line: 1,
        column: 1,
        severity: Severity::Error,
        key: String::new(),
        message,
    };
    let entries =
        std::fs::read_dir(dir).map_err(|e| fail(format!("cannot read rule directory: {e}")))?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e == "yaml" || e == "yml")
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(fail("no .yaml rule files in this directory".into()));
    }
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(&path)
            .map_err(|e| fail(format!("cannot read {}: {e}", path.display())))?;
        // A rule file is written by hand; anything this large is a mistake or an attack.
        if meta.len() > compile::MAX_RULE_FILE_BYTES {
            return Err(fail(format!(
                "{} is larger than {} bytes; split it or check it is a rule file",
                path.display(),
                compile::MAX_RULE_FILE_BYTES
            )));
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|e| fail(format!("cannot read {}: {e}", path.display())))?;
        out.push(RuleSource {
            name: path.display().to_string(),
            text,
        });
    }
    Ok(out)
}

/// Parses and compiles sources. Returns the rule set and its warnings, or every diagnostic
/// (errors and warnings) when there is at least one error.
pub fn from_sources(sources: &[RuleSource]) -> Result<(RuleSet, Vec<Diagnostic>), Vec<Diagnostic>> {
    compile::compile(sources)
}

/// The bundled pack, compiled. It is checked by the test suite, so a failure here is a bug.
pub fn embedded() -> Result<RuleSet, Vec<Diagnostic>> {
    from_sources(&embedded_sources()).map(|(r, _)| r)
}
