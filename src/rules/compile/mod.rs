//! Compiles parsed rule files into a checked [`RuleSet`]: ids resolved to indices, phrases
//! parsed, one Aho-Corasick automaton over the first word of every phrase.
//!
//! All faults of a pack are gathered and returned together, each placed at file:line:col
//! with its key path, so an author fixes a pack in one round.
//!
//! [`sections`] gathers each section's items from every file; then one module per section
//! checks its items and makes their runtime types and phrases, and [`checks`] holds the
//! checks that span items. A new section is a field of `schema::RuleFile`, a list in
//! `Sections`, a module here and its call in [`compile`].

mod checks;
mod cues;
mod entities;
mod examples;
mod phrases;
mod predicates;
mod sections;
mod settings;
mod words;

use super::diagnostic::{Diagnostic, Faults};
use super::schema::RuleFile;
use super::{RuleSet, RuleSource};
use sections::Sections;

/// A rule file larger than this is refused before parsing.
pub const MAX_RULE_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// Most phrases a pack may hold; the automaton's size grows with them.
pub const MAX_PHRASES: usize = 50_000;

/// Compiles the sources into a rule set, or returns every diagnostic.
pub fn compile(sources: &[RuleSource]) -> Result<(RuleSet, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut cx = Faults::new(sources);
    let files = parse_files(&mut cx, sources);
    let unread = files.len() < sources.iter().filter(|s| !s.text.trim().is_empty()).count();
    let pack = Sections::gather(&mut cx, &files);
    let settings = settings::compile(&mut cx, pack.settings, unread, sources);
    let entities = entities::compile(&mut cx, &pack.entities);
    let (families, predicates, contexts) = predicates::compile(&mut cx, &pack, &settings);
    let cues = cues::compile(&mut cx, &pack.cues);
    let words = words::compile(&mut cx, &files);

    // Phrases are numbered in this order: aliases, triggers, context words, cue phrases.
    let mut phrases = Vec::new();
    let aliases = entities::alias_phrases(&mut cx, &pack.entities, &entities, &mut phrases);
    aliases.near_duplicates(&mut cx, &entities);
    predicates::trigger_phrases(&mut cx, &pack.predicates, &mut phrases);
    predicates::context_phrases(&mut cx, &contexts, &mut phrases);
    cues::cue_phrases(&mut cx, &pack.cues, &mut phrases);
    phrases::check_count(&mut cx, sources, phrases.len());

    if cx.has_errors() {
        return Err(cx.into_errors());
    }
    let (phrase_index, screen_index) =
        phrases::build_indexes(&phrases, settings.max_gap_words, sources).map_err(|d| vec![d])?;
    let examples = examples::collect(&cx, &pack);
    let rules = RuleSet {
        examples,
        entities,
        families,
        predicates,
        cues,
        context_sets: contexts.len(),
        phrases: phrase_index,
        screen: screen_index,
        settings,
        words,
    };
    Ok((rules, cx.into_warnings()))
}

/// Parses every source that is not empty, reporting files too large, nested too deep (both
/// checked before parsing, so the parse costs linear time) or not valid YAML for the pack.
fn parse_files(cx: &mut Faults, sources: &[RuleSource]) -> Vec<(usize, RuleFile)> {
    let mut files = Vec::new();
    for (fi, src) in sources.iter().enumerate() {
        if src.text.len() as u64 > MAX_RULE_FILE_BYTES {
            cx.push(Diagnostic::at_top(
                src.name.clone(),
                "",
                format!("file is larger than {MAX_RULE_FILE_BYTES} bytes"),
            ));
            continue;
        }
        if src.text.trim().is_empty() {
            continue;
        }
        if let Err(deep) = crate::yaml::check_depth(&src.text) {
            cx.push(Diagnostic {
                line: deep.line,
                column: deep.column,
                ..Diagnostic::at_top(src.name.clone(), "", deep.to_string())
            });
            continue;
        }
        match serde_yaml::from_str::<RuleFile>(&src.text) {
            Ok(f) => files.push((fi, f)),
            Err(e) => cx.yaml(fi, &e),
        }
    }
    files
}
