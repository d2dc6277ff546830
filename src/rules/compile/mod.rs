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
mod recover;
mod sections;
mod settings;
mod words;

use super::diagnostic::{Diagnostic, Faults};
use super::schema::RuleFile;
use super::{RuleSet, RuleSource};
use sections::Sections;

pub use settings::{KEYS as SETTING_KEYS, show as setting_text};

/// A rule file larger than this is refused before parsing.
pub const MAX_RULE_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// Most phrases a pack may hold; the automaton's size grows with them.
pub const MAX_PHRASES: usize = 50_000;

/// Compiles the sources, all of one pack, into a rule set, or returns every diagnostic.
pub fn compile(sources: &[RuleSource]) -> Result<(RuleSet, Vec<Diagnostic>), Vec<Diagnostic>> {
    compile_layers(sources, &Layers::default())
}

/// Compiles a pack in layers: the sources of the base pack first, then those of each
/// extension (see [`Layers`]).
pub fn compile_layers(
    sources: &[RuleSource],
    layers: &Layers,
) -> Result<(RuleSet, Vec<Diagnostic>), Vec<Diagnostic>> {
    let layer_of = layers.layer_of(sources.len());
    let names: Vec<String> = layers.extensions.iter().map(|(n, _)| n.clone()).collect();
    let mut cx = Faults::new(sources);
    let files = parse_files(&mut cx, sources);
    let unread = files.len() < sources.iter().filter(|s| !s.text.trim().is_empty()).count();
    let mut pack = Sections::gather(&mut cx, &files, &layer_of, &names);
    let (settings, settings_from) = settings::compile(&mut cx, &mut pack, unread, sources);
    let entities = entities::compile(&mut cx, &pack);
    let (families, predicates, contexts) = predicates::compile(&mut cx, &pack, &settings);
    let cues = cues::compile(&mut cx, &pack.cues);
    let words = words::compile(&mut cx, &files);
    examples::check_expectations(&mut cx, &pack);

    // Phrases are numbered in this order: aliases, triggers, context words, cue phrases.
    let mut phrases = Vec::new();
    let aliases = entities::alias_phrases(&mut cx, &pack.entities, &entities, &mut phrases);
    aliases.near_duplicates(&mut cx, &entities);
    predicates::trigger_phrases(&mut cx, &pack.predicates, &predicates, &mut phrases);
    let verbs = predicates::verb_phrases(&mut cx, &pack.predicates, &mut phrases);
    predicates::context_phrases(&mut cx, &contexts, &mut phrases);
    cues::cue_phrases(&mut cx, &pack.cues, &mut phrases);
    let phrases: Vec<_> = phrases.into_iter().flatten().collect();
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
        verbs,
        settings,
        words,
        settings_from,
        extensions: pack.changes,
        name_words: name_words(&files),
    };
    Ok((rules, cx.into_warnings()))
}

/// The `names` sections of every file, each word in lower case, each once.
fn name_words(files: &[(usize, RuleFile)]) -> crate::names::NameWords {
    let mut out = crate::names::NameWords::default();
    for n in files.iter().filter_map(|(_, f)| f.names.as_ref()) {
        let lists = [
            (&mut out.titles, &n.titles),
            (&mut out.organisation, &n.organisation),
            (&mut out.place, &n.place),
            (&mut out.female, &n.female),
            (&mut out.male, &n.male),
        ];
        for (to, from) in lists {
            to.extend(from.iter().map(|w| w.trim().to_lowercase()));
        }
    }
    let lists = [
        &mut out.titles,
        &mut out.organisation,
        &mut out.place,
        &mut out.female,
        &mut out.male,
    ];
    for list in lists {
        list.retain(|w| !w.is_empty());
        list.sort();
        list.dedup();
    }
    out
}

/// How the sources of a pack fall into layers: the base pack's files come first, then each
/// extension's, in the order given; `extensions` holds each extension's name (its folder)
/// and how many files it has.
#[derive(Debug, Clone, Default)]
pub struct Layers {
    pub extensions: Vec<(String, usize)>,
}

impl Layers {
    /// The layer of each of `count` sources: 0 for the base pack, n for the nth extension.
    fn layer_of(&self, count: usize) -> Vec<usize> {
        let ext: usize = self.extensions.iter().map(|(_, n)| n).sum();
        let mut out = vec![0; count.saturating_sub(ext)];
        for (n, (_, files)) in self.extensions.iter().enumerate() {
            out.extend(std::iter::repeat_n(n + 1, *files));
        }
        out.resize(count, self.extensions.len());
        out
    }
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
            // Not YAML at all: serde's place is the place.
            Err(e) if serde_yaml::from_str::<serde_yaml::Value>(&src.text).is_err() => {
                cx.yaml(fi, &e)
            }
            // YAML, but not a rule file: every fault of it, each at its place.
            Err(e) => match recover::mend(cx, fi, &src.text) {
                Some(mended) => {
                    cx.hide_stand_ins(fi, mended.stand_ins);
                    files.push((fi, mended.file));
                }
                None => cx.yaml(fi, &e),
            },
        }
    }
    files
}
