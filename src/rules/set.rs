//! The compiled rule pack every later stage reads: the [`RuleSet`] and its items, with ids
//! resolved to indices.

use super::diagnostic::Origin;
use super::phrase::PhraseIndex;
use super::schema::{Aspect, CueKind, EntityKind, Measure, SubjectRule};

#[derive(Debug, Clone)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub speaks_for: Option<usize>,
    /// The entity at the end of the `speaks_for` chain; claims are grouped by it.
    pub root: usize,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Family {
    pub id: String,
    pub name: String,
    pub aspect: Aspect,
    pub subject: SubjectRule,
    pub same_time_days: i64,
    /// Whether the window comes from the settings (and so follows a change of them).
    pub window_from_settings: bool,
    /// Index of this family's context word set, if it has context words.
    pub context: Option<usize>,
    /// A trigger verb's object must hold a context word (see `FamilySpec`).
    pub context_in_object: bool,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Predicate {
    pub id: String,
    pub family: usize,
    pub says: String,
    pub opposite: Option<usize>,
    /// +1 or -1: which side of its opposition the predicate is on. Claims on opposite
    /// sides of one family contradict each other.
    pub side: i8,
    pub context: Option<usize>,
    pub quantity: Option<Measure>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Cue {
    pub id: String,
    pub kind: CueKind,
    pub origin: Origin,
}

/// A trigger written as a verb in its dictionary form (a predicate's `verbs`), kept so that
/// the general knowledge can add the verb's forms and synonyms (`lexicon::widen`).
#[derive(Debug, Clone)]
pub struct VerbTrigger {
    pub predicate: usize,
    /// As written, without the `=` that keeps synonyms out.
    pub written: String,
    pub elems: Vec<super::phrase::Elem>,
    /// Its synonyms match too (it was not written with `=`).
    pub synonyms: bool,
    pub origin: Origin,
}

/// Which rule an example belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExampleOf {
    Entity(usize),
    Predicate(usize),
    Cue(usize),
}

/// A sentence a rule must match (with what it must yield) or must not match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub of: ExampleOf,
    pub text: String,
    pub date: Option<String>,
    pub must_match: bool,
    /// Expected claim fields, as ids or enum names: subject, predicate, polarity, stance,
    /// modality, speaker. Empty for `no_match` examples.
    pub expect: Vec<(&'static str, String)>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub same_time_days: i64,
    pub quantity_tolerance: f64,
    pub max_gap_words: usize,
    pub cue_reach_words: usize,
    pub max_pairs_per_claim: usize,
    pub max_block_claims: usize,
}

/// One change an extension makes to the packs before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A new rule.
    Added {
        section: &'static str,
        id: String,
        at: Origin,
    },
    /// A rule defined anew under its id (`override:`); `was` is the definition replaced.
    Overridden {
        section: &'static str,
        id: String,
        was: Origin,
        at: Origin,
    },
    /// A rule left out (`disable:`).
    Disabled {
        section: &'static str,
        id: String,
        was: Origin,
        at: Origin,
    },
    /// A setting given anew; `was` is the value before.
    Setting {
        key: &'static str,
        value: String,
        was: String,
        at: Origin,
    },
}

/// What one extension (`--extra-rules DIR`) changed, in the order it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtensionChanges {
    /// The folder, as given.
    pub name: String,
    pub changes: Vec<Change>,
}

/// The compiled rule pack.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// The sentences rules carry to show what they must and must not match.
    pub examples: Vec<Example>,
    pub entities: Vec<Entity>,
    pub families: Vec<Family>,
    pub predicates: Vec<Predicate>,
    pub cues: Vec<Cue>,
    /// Number of distinct context word sets (family or predicate level).
    pub context_sets: usize,
    pub phrases: PhraseIndex,
    /// Triggers and context words only: a cheap first scan that tells whether an article
    /// can make any claim at all before the full scan.
    pub screen: PhraseIndex,
    /// The triggers written as verbs, which `lexicon::widen` inflects.
    pub verbs: Vec<VerbTrigger>,
    pub settings: Settings,
    /// Where each setting's value was given: (key, file:line), in the order of `settings`.
    pub settings_from: Vec<(&'static str, Origin)>,
    /// What each extension changed, in the order they were given.
    pub extensions: Vec<ExtensionChanges>,
    /// Words that tell a name's kind (the `names` sections of every file, lower case).
    pub name_words: crate::names::NameWords,
    /// Words that tell who speaks (the `words` sections of every file).
    pub words: Words,
}

/// The `words` sections of the pack, lower case, sorted for lookup.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words {
    pub titles: Vec<String>,
    pub sources: Vec<String>,
    pub documents: Vec<String>,
    pub organisations: Vec<String>,
    pub document_verbs: Vec<String>,
    /// Which words may be a form of a document's verb, told cheaply (from `document_verbs`).
    pub document_verb_forms: crate::lemma::LemmaFilter,
    /// Verbs whose subject perceives what their object tells of (dictionary form).
    pub perception_verbs: Vec<String>,
    /// Which words may be a form of a verb of seeing, told cheaply (from `perception_verbs`).
    pub perception_verb_forms: crate::lemma::LemmaFilter,
}

impl Words {
    fn has(list: &[String], word: &str) -> bool {
        // Lower-casing leaves a word alone when all its letters are lower case already
        // (and spares the allocation: this runs for every word of a parsed sentence).
        let lowered = |c: char| c.is_uppercase() || c.is_alphabetic() && !c.is_lowercase();
        if word.chars().any(lowered) {
            let w = word.to_lowercase();
            return list.binary_search(&w).is_ok();
        }
        list.binary_search_by(|x| x.as_str().cmp(word)).is_ok()
    }
    pub fn is_title(&self, word: &str) -> bool {
        Self::has(&self.titles, word)
    }
    pub fn is_source(&self, word: &str) -> bool {
        Self::has(&self.sources, word)
    }
    pub fn is_document(&self, word: &str) -> bool {
        Self::has(&self.documents, word)
    }
    pub fn is_organisation(&self, word: &str) -> bool {
        Self::has(&self.organisations, word)
    }
    pub fn is_document_verb(&self, word: &str) -> bool {
        Self::has(&self.document_verbs, word)
    }
    pub fn is_perception_verb(&self, word: &str) -> bool {
        Self::has(&self.perception_verbs, word)
    }
}

impl RuleSet {
    /// Sets the default "same time" window, for families that do not set their own.
    pub fn set_same_time_days(&mut self, days: i64) {
        self.settings.same_time_days = days;
        for f in self.families.iter_mut().filter(|f| f.window_from_settings) {
            f.same_time_days = days;
        }
    }

    /// The pack with `extra` phrases after its own (numbered from the end of its list, so
    /// a written phrase keeps precedence over a made one) and both indexes built anew; the
    /// phrase limit of a pack still holds.
    pub fn with_phrases(mut self, extra: Vec<super::phrase::Phrase>) -> Result<RuleSet, String> {
        let mut phrases = std::mem::take(&mut self.phrases.phrases);
        phrases.extend(extra);
        if phrases.len() > super::compile::MAX_PHRASES {
            return Err(format!(
                "the pack and the forms and synonyms of its verbs make {} phrases; at most {} are allowed",
                phrases.len(),
                super::compile::MAX_PHRASES
            ));
        }
        (self.phrases, self.screen) =
            PhraseIndex::index_and_screen(&phrases, self.settings.max_gap_words)?;
        Ok(self)
    }

    pub fn entity_id(&self, i: usize) -> &str {
        &self.entities[i].id
    }
    pub fn root(&self, i: usize) -> usize {
        self.entities[i].root
    }
    pub fn entity_index(&self, id: &str) -> Option<usize> {
        self.entities.iter().position(|e| e.id == id)
    }
    pub fn predicate_index(&self, id: &str) -> Option<usize> {
        self.predicates.iter().position(|p| p.id == id)
    }
    /// The chain of entities `i` speaks for, nearest first, `i` excluded.
    pub fn speaks_for_chain(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut at = self.entities[i].speaks_for;
        while let Some(j) = at {
            if out.contains(&j) || out.len() > self.entities.len() {
                break;
            }
            out.push(j);
            at = self.entities[j].speaks_for;
        }
        out
    }
}
