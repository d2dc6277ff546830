//! Suggest: reads a corpus and proposes rules to paste into the pack: names that speak but
//! are no entity yet (one proposal per person, its kind guessed from its words), spellings
//! close to an existing alias, phrases that keep standing next to existing triggers, and
//! predicates for what is said, denied or disputed but makes no claim. Each proposal comes
//! with its count and one example sentence; [`render`] writes them as YAML that `rules
//! check --extra-rules` accepts pasted as it is.
//!
//! [`entities`] merges the names that speak and guesses their kind; [`predicates`] reads
//! the sentences that make no claim through the language layer; [`render`] writes YAML.

mod entities;
mod predicates;
mod render;

pub use render::render;

use crate::article::Article;
use crate::claim::claims_for_article;
use crate::extract::{SentenceFacts, extract};
use crate::rules::schema::{CueKind, EntityKind};
use crate::rules::{Owner, RuleSet};
use crate::sentence::{STARTERS, split};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SuggestionKind {
    /// A name that speaks (before "said", after "according to") but is no entity.
    Entity,
    /// A spelling close to an alias of an existing entity.
    Alias,
    /// A word that often stands right next to a trigger.
    Phrase,
    /// A verb said, denied or disputed in sentences that make no claim.
    Predicate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub kind: SuggestionKind,
    pub text: String,
    /// The entity or predicate it belongs to, for aliases and phrases.
    pub target: Option<String>,
    pub count: usize,
    pub example: String,
    /// What an entity or predicate proposal proposes.
    pub detail: Detail,
}

/// The rule an entity or predicate proposal writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    None,
    Entity {
        id: String,
        kind: EntityKind,
        /// Every name to list: the full name first, then the surname of a person.
        aliases: Vec<String>,
        /// Why a kind or alias is left for the author to decide, if one is.
        note: Option<String>,
    },
    Predicate {
        /// The family and the predicate (one family a verb).
        family: String,
        id: String,
        /// The verb's forms, from the general lexicon.
        triggers: Vec<String>,
        /// The verb's antonym in the general lexicon, as a predicate: id and forms.
        opposite: Option<(String, Vec<String>)>,
    },
}

/// Capitalised words that are never names, beyond the sentence starters. Grammar, not news.
const NOT_NAMES: &[&str] = &[
    "You", "Or", "Before", "If", "Our", "Some", "Many", "Both", "Also", "Mr", "Mrs", "Ms", "Dr",
];

/// Capitalised words in a row (a name with its title), as byte spans.
fn capitalised_run(text: &str) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let part = c.is_alphanumeric() || c == '-' || c == '\'' || c == '’' || c == '.';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    words
}

fn is_name_word(w: &str) -> bool {
    let w = w.trim_end_matches(['.', '’', '\'']);
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().skip(1).any(char::is_lowercase)
        && !NOT_NAMES.contains(&w)
        && !STARTERS.contains(&w)
}

/// Words that put a name in a place or object role ("in the capital said"), not the speaker's.
const PREPOSITIONS: &[&str] = &[
    "in", "at", "from", "on", "of", "to", "by", "with", "for", "about", "near", "into",
];

/// The most words of a name: "Lindmoor Parish Council", "Ana Maria Reyes Ortega".
const MAX_NAME_WORDS: usize = 4;

/// The name (the capitalised words of a run joined by spaces only, at most four) ending
/// right before `end`, where only spaces or an auxiliary ("has", "also") stand between.
fn name_before(sentence: &str, end: usize) -> Option<String> {
    let words = capitalised_run(&sentence[..end]);
    let mut name: Vec<(usize, usize)> = Vec::new();
    let mut gap_end = end;
    for &(s, e) in words.iter().rev() {
        let w = &sentence[s..e];
        if !sentence[e..gap_end].chars().all(char::is_whitespace) {
            break;
        }
        if name.is_empty()
            && matches!(
                w,
                "has" | "had" | "also" | "have" | "once" | "again" | "previously"
            )
        {
            gap_end = s;
            continue;
        }
        if !is_name_word(w) || crate::time::is_time_word(w) {
            break;
        }
        name.push((s, e));
        gap_end = s;
        if name.len() == MAX_NAME_WORDS {
            break;
        }
    }
    name.reverse();
    let &(first_start, _) = name.first()?;
    // A place after a preposition is where something was said, not who said it.
    let before = sentence[..first_start]
        .split_whitespace()
        .last()
        .unwrap_or("");
    if PREPOSITIONS.contains(&before.to_lowercase().as_str()) {
        return None;
    }
    let words: Vec<&str> = name
        .iter()
        .map(|&(s, e)| sentence[s..e].trim_end_matches(['’', '\'']))
        .collect();
    Some(words.join(" "))
}

/// The name right after `start` ("according to Sergei Ryabkov"), joined by spaces only.
fn name_after(sentence: &str, start: usize) -> Option<String> {
    let words = capitalised_run(&sentence[start..]);
    let mut name: Vec<&str> = Vec::new();
    let mut prev_end = 0;
    for &(s, e) in &words {
        let w = &sentence[start + s..start + e];
        let joined = sentence[start + prev_end..start + s]
            .chars()
            .all(char::is_whitespace);
        if !joined
            || !is_name_word(w)
            || crate::time::is_time_word(w)
            || name.len() == MAX_NAME_WORDS
        {
            break;
        }
        name.push(w.trim_end_matches(['.', '’', '\'']));
        prev_end = e;
    }
    let name = name.join(" ");
    (!name.is_empty()).then_some(name)
}

fn slug(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_string()
}

/// Counts, each with the first sentence it was met in as its example.
type Tally<K> = BTreeMap<K, (usize, String)>;

fn tally<K: Ord>(map: &mut Tally<K>, key: K, example: &str) {
    let entry = map.entry(key).or_insert((0, example.to_string()));
    entry.0 += 1;
}

/// What the corpus shows, counted: names that speak, two-word names anywhere, and the word
/// after each trigger (keyed by predicate and phrase).
#[derive(Default)]
struct Seen {
    speakers: Tally<String>,
    runs: Tally<String>,
    phrases: Tally<(String, String)>,
    /// Verb lemmas said, denied or disputed in sentences that make no claim.
    verbs: Tally<String>,
}

impl Seen {
    fn sentence(&mut self, f: &SentenceFacts, body: &str, rules: &RuleSet, claimed: bool) {
        self.speakers(f, body, rules);
        self.runs(f, body);
        self.phrases(f, body, rules);
        if !claimed && let Some(lemma) = predicates::said_verb(f, body) {
            tally(&mut self.verbs, lemma, &body[f.text.0..f.text.1]);
        }
    }

    /// The name at each attribution cue ("X said", "according to X") that no alias covers.
    fn speakers(&mut self, f: &SentenceFacts, body: &str, rules: &RuleSet) {
        let text = &body[f.text.0..f.text.1];
        for cue in f.cues_of(CueKind::Attribution) {
            let (cs, ce) = (cue.start - f.text.0, cue.end - f.text.0);
            let according = rules.phrases.phrases[cue.phrase]
                .written
                .starts_with("according");
            let found = if according {
                name_after(text, ce)
            } else {
                name_before(text, cs).or_else(|| {
                    name_after(text, ce)
                        .filter(|_| text[..cs].trim_end().ends_with([',', '”', '"']))
                })
            };
            let Some(name) = found else { continue };
            let at = text.find(&name).unwrap_or(0);
            if named(f, at, at + name.len()) {
                continue;
            }
            tally(&mut self.speakers, name, text);
        }
    }

    /// Names anywhere, for spellings close to a known alias.
    fn runs(&mut self, f: &SentenceFacts, body: &str) {
        let text = &body[f.text.0..f.text.1];
        let words = capitalised_run(text);
        for pair in words.windows(2) {
            let (s, e) = (pair[0].0, pair[1].1);
            let run = &text[s..e];
            if run.split_whitespace().count() == 2
                && run.split_whitespace().all(is_name_word)
                && !named(f, s, e)
            {
                tally(&mut self.runs, run.to_string(), text);
            }
        }
    }

    /// The word right after each trigger, when it is longer than three letters.
    fn phrases(&mut self, f: &SentenceFacts, body: &str, rules: &RuleSet) {
        let text = &body[f.text.0..f.text.1];
        for t in &f.triggers {
            let pred = &rules.predicates[t.predicate].id;
            let after = body[t.end..f.text.1].split_whitespace().next().map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            });
            if let Some(w) = after.filter(|w| w.len() > 3) {
                let phrase = format!("{} {w}", body[t.start..t.end].to_lowercase());
                tally(&mut self.phrases, (pred.clone(), phrase), text);
            }
        }
    }
}

/// Whether an alias of the pack covers part of `[s, e)`, a span of the sentence's text.
fn named(f: &SentenceFacts, s: usize, e: usize) -> bool {
    f.mentions
        .iter()
        .any(|m| m.start < f.text.0 + e && m.end > f.text.0 + s)
}

/// Reads the corpus and returns proposals, most frequent first.
pub fn suggest(articles: &[Article], rules: &RuleSet) -> Vec<Suggestion> {
    let mut seen = Seen::default();
    for (n, article) in articles.iter().enumerate() {
        let body = article.body.as_str();
        let sentences = split(body);
        let facts = extract(body, &sentences, rules);
        let claims = claims_for_article(n, article, &facts, rules);
        for f in &facts {
            let claimed = claims
                .iter()
                .any(|c| c.span.0 >= f.span.0 && c.span.0 < f.span.1);
            seen.sentence(f, body, rules, claimed);
        }
    }
    let mut out: Vec<Suggestion> = entities::proposals(seen.speakers, rules);
    out.extend(close_spellings(seen.runs, rules));
    out.extend(predicates::proposals(seen.verbs, rules));
    for ((pred, phrase), (count, example)) in seen.phrases {
        if count >= 2 {
            out.push(Suggestion {
                kind: SuggestionKind::Phrase,
                text: phrase,
                target: Some(pred),
                count,
                example,
                detail: Detail::None,
            });
        }
    }
    out.sort_by(|a, b| {
        (a.kind, std::cmp::Reverse(a.count), &a.text).cmp(&(
            b.kind,
            std::cmp::Reverse(b.count),
            &b.text,
        ))
    });
    out
}

/// The names that are spelled close to an alias of the pack, but not the same.
fn close_spellings(runs: Tally<String>, rules: &RuleSet) -> Vec<Suggestion> {
    let known: Vec<(String, usize)> = rules
        .phrases
        .phrases
        .iter()
        .filter_map(|p| match p.owner {
            Owner::Alias(e) => Some((p.written.to_lowercase(), e)),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for (run, (count, example)) in runs {
        let lower = run.to_lowercase();
        if lower.len() < 6 || known.iter().any(|(k, _)| *k == lower) {
            continue;
        }
        let best = known
            .iter()
            .filter(|(k, _)| k.len() >= 6)
            .map(|(k, e)| (strsim::jaro_winkler(&lower, k), *e))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, e)) = best.filter(|(s, _)| *s >= 0.93) {
            out.push(Suggestion {
                kind: SuggestionKind::Alias,
                text: run,
                target: Some(rules.entities[e].id.clone()),
                count,
                example,
                detail: Detail::None,
            });
        }
    }
    out
}
