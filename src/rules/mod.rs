//! The rule pack: loading `claims/*.yaml` (embedded default, or a directory), checking it,
//! and the compiled [`RuleSet`] every later stage reads.
//!
//! Two steps, as in nlprule: [`schema`] mirrors the YAML exactly; [`compile`] validates it
//! into runtime types and reports every fault at once with file, line, column and key path.
//!
//! Inside, a ladder as in the crate: [`schema`]; [`diagnostic`] (faults, their places, their
//! rendering); [`phrase`] (phrase syntax and the matcher); [`set`] (the `RuleSet`);
//! [`compile`]. Each uses only those before it and [`RuleSource`]; the loader here uses them.

pub mod compile;
pub mod diagnostic;
pub mod phrase;
pub mod schema;
pub mod set;

pub use compile::Layers;
pub use diagnostic::{Diagnostic, Origin, Severity, render_all};
pub use phrase::{Elem, Owner, Phrase, PhraseIndex, PhraseMatch};
pub use set::{
    Change, Cue, Entity, Example, ExampleOf, ExtensionChanges, Family, Predicate, RuleSet,
    Settings, VerbTrigger,
};

use std::path::Path;

/// One rule file's text and the name it is reported under.
#[derive(Debug, Clone)]
pub struct RuleSource {
    pub name: String,
    pub text: String,
}

impl RuleSource {
    /// Files compiled into the binary, (name, text), each reported as `folder/name`.
    pub fn compiled_in(folder: &str, files: &[(&str, &str)]) -> Vec<RuleSource> {
        let source = |(name, text): &(&str, &str)| RuleSource {
            name: format!("{folder}/{name}"),
            text: (*text).to_string(),
        };
        files.iter().map(source).collect()
    }
}

/// The bundled pack, compiled into the binary so that claimclash works with no files around.
pub fn embedded_sources() -> Vec<RuleSource> {
    RuleSource::compiled_in("claims", EMBEDDED)
}

/// Every file of the bundled pack. A test checks this list against the `claims/` folder.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("cues.yaml", include_str!("../../claims/cues.yaml")),
    ("entities.yaml", include_str!("../../claims/entities.yaml")),
    ("names.yaml", include_str!("../../claims/names.yaml")),
    (
        "predicates.yaml",
        include_str!("../../claims/predicates.yaml"),
    ),
    ("settings.yaml", include_str!("../../claims/settings.yaml")),
    ("words.yaml", include_str!("../../claims/words.yaml")),
];

/// Reads every `*.yaml` / `*.yml` file of a directory, sorted by name.
pub fn read_dir(dir: &Path) -> Result<Vec<RuleSource>, Diagnostic> {
    let shown = dir.display().to_string();
    let fail = |message: String| Diagnostic::at_top(shown.clone(), "", message);
    let entries =
        std::fs::read_dir(dir).map_err(|e| fail(format!("cannot read rule directory: {e}")))?;
    let is_yaml = |p: &std::path::PathBuf| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e == "yaml" || e == "yml")
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(is_yaml)
        .collect();
    // General knowledge may sit in a `general/` folder beside the beat rules, as in the
    // bundled pack.
    if let Ok(general) = std::fs::read_dir(dir.join("general")) {
        paths.extend(
            general
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(is_yaml),
        );
    }
    paths.sort();
    if paths.is_empty() {
        return Err(fail("no .yaml rule files in this directory".into()));
    }
    let mut out = Vec::new();
    for path in paths {
        // A rule file is written by hand; anything this large is a mistake or an attack, and
        // a FIFO or device under a rule's name is never waited on or read.
        let text =
            crate::files::read_regular_text(&path, compile::MAX_RULE_FILE_BYTES).map_err(|e| {
                fail(format!(
                    "{}: {e}; a rule file is a regular YAML file of at most {} bytes",
                    path.display(),
                    compile::MAX_RULE_FILE_BYTES
                ))
            })?;
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

/// Parses and compiles a pack in layers: the base pack's sources, then each extension's
/// (see [`Layers`]).
pub fn from_layers(
    sources: &[RuleSource],
    layers: &Layers,
) -> Result<(RuleSet, Vec<Diagnostic>), Vec<Diagnostic>> {
    compile::compile_layers(sources, layers)
}

/// The bundled pack, compiled. It is checked by the test suite, so a failure here is a bug.
pub fn embedded() -> Result<RuleSet, Vec<Diagnostic>> {
    from_sources(&embedded_sources()).map(|(r, _)| r)
}

/// The entities unit tests speak of, all invented, laid as an extension over the bundled
/// pack: its predicates and cues are plain English, so tests read real rules about no real
/// country or person.
#[cfg(test)]
const INVENTED_ENTITIES: &str = r#"
entities:
  - {id: ruritania, name: Ruritania, kind: country, aliases: [Ruritania, Ruritanian, Ruritanians]}
  - {id: freedonia, name: Freedonia, kind: country, aliases: [Freedonia, Freedonian, Freedonians]}
  - {id: palace, name: the Palace, kind: organisation, aliases: [Palace], speaks_for: ruritania}
  - {id: ivanova, name: Anna Ivanova, kind: person, aliases: [Anna Ivanova, Ivanova], speaks_for: ruritania}
  - {id: hale, name: Petr Hale, kind: person, aliases: [Petr Hale, Hale], speaks_for: palace}
  - {id: league, name: the League, kind: organisation, aliases: [League, LEAGUE]}
  - {id: alder, name: Jon Alder, kind: person, aliases: [Jon Alder, Alder], speaks_for: league}
"#;

/// The bundled pack with [`INVENTED_ENTITIES`] over it, compiled once.
#[cfg(test)]
pub(crate) fn with_invented_entities() -> &'static RuleSet {
    static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        let mut sources = embedded_sources();
        sources.push(RuleSource {
            name: "invented/entities.yaml".into(),
            text: INVENTED_ENTITIES.into(),
        });
        let layers = Layers {
            extensions: vec![("invented".into(), 1)],
        };
        match from_layers(&sources, &layers) {
            Ok((r, _)) => r,
            Err(d) => panic!("the invented entities: {d:?}"),
        }
    })
}
