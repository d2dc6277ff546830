//! Predicate proposals: sentences that carry an attribution, denial or dispute cue but make
//! no claim are where a new beat's claims are. Each is read through the language layer
//! (tokens, tags, lemmas); the verb the cue reports is its claim, and sentences are grouped
//! by that verb's lemma. Each lemma becomes a family with a predicate whose triggers are
//! the verb's forms, and, when the general lexicon gives the verb an antonym, the opposite
//! predicate; the first sentence is its `match` example.

use super::entities::fresh_id;
use super::{Detail, Suggestion, SuggestionKind, Tally};
use crate::extract::SentenceFacts;
use crate::lexicon::{Complement, Lexicon, Pos};
use crate::rules::RuleSet;
use crate::rules::schema::CueKind;
use crate::tags::{Tagger, Upos, Xpos};
use std::collections::BTreeSet;

/// The most predicates proposed: the most frequent verbs.
const MAX_PREDICATES: usize = 20;

/// The lemma of the verb a sentence's attribution or dispute cue reports, when the sentence
/// has such a cue: the first verb after the cue, else the last one before it. Verbs inside
/// a cue, auxiliaries and implicative verbs ("plan to", "fail to": they take the claim as
/// their complement) are passed over.
pub(super) fn said_verb(f: &SentenceFacts, body: &str) -> Option<String> {
    let cues: Vec<(usize, usize)> = f
        .cues
        .iter()
        .filter(|c| matches!(c.kind, CueKind::Attribution | CueKind::Dispute))
        .map(|c| (c.start, c.end))
        .collect();
    let &(first_start, first_end) = cues.first()?;
    let tokens = crate::tokens::tokenize(body, f.text.0, f.text.1);
    let words: Vec<&str> = tokens.iter().map(|t| t.text(body)).collect();
    let tags = Tagger::bundled().tag(&words);
    let lexicon = Lexicon::bundled().ok();
    let implicative = |lemma: &str| {
        lexicon.is_some_and(|l| {
            [
                Complement::To,
                Complement::That,
                Complement::Ing,
                Complement::From,
            ]
            .iter()
            .any(|&c| l.implicative(lemma, c).is_some())
        })
    };
    // A participle right after a noun describes it ("the water seen below the bridge"):
    // the clause's own verb comes later.
    let describes = |i: usize| {
        tags[i].xpos == Xpos::Vbn && i > 0 && matches!(tags[i - 1].upos, Upos::Noun | Upos::Propn)
    };
    let verbs: Vec<(usize, String)> = tokens
        .iter()
        .zip(&tags)
        .enumerate()
        .filter(|&(i, (t, tag))| {
            tag.upos == Upos::Verb
                && !describes(i)
                && !cues.iter().any(|&(s, e)| t.start < e && t.end > s)
        })
        .map(|(_, pair)| pair)
        .map(|(t, &tag)| {
            (
                t.start,
                crate::lemma::lemma(t.text(body), tag).to_lowercase(),
            )
        })
        .filter(|(_, lemma)| {
            lemma.len() >= 3
                && lemma.chars().all(|c| c.is_ascii_alphabetic())
                && !implicative(lemma)
        })
        .collect();
    verbs
        .iter()
        .find(|(at, _)| *at >= first_end)
        .or_else(|| verbs.iter().rev().find(|(at, _)| *at < first_start))
        .map(|(_, lemma)| lemma.clone())
}

/// The verbs as predicate proposals, most frequent first, ids fresh in the pack.
pub(super) fn proposals(verbs: Tally<String>, rules: &RuleSet) -> Vec<Suggestion> {
    let lexicon = Lexicon::bundled().ok();
    let mut by_count: Vec<(String, (usize, String))> = verbs.into_iter().collect();
    by_count.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(&b.0)));
    let mut families: BTreeSet<String> = rules.families.iter().map(|f| f.id.clone()).collect();
    let mut predicates: BTreeSet<String> = rules.predicates.iter().map(|p| p.id.clone()).collect();
    let forms = |lemma: &str| -> Vec<String> {
        match lexicon {
            Some(l) => l.inflections(lemma, Pos::Verb),
            None => vec![lemma.to_string()],
        }
    };
    let mut out = Vec::new();
    for (lemma, (count, example)) in by_count.into_iter().take(MAX_PREDICATES) {
        let antonym = lexicon.and_then(|l| {
            l.antonyms(&lemma, Pos::Verb)
                .iter()
                .find(|a| a.via.is_none() && a.lemma.chars().all(|c| c.is_ascii_alphabetic()))
                .map(|a| a.lemma.clone())
        });
        let family = fresh_id(&lemma, &mut families);
        let id = fresh_id(&lemma, &mut predicates);
        let opposite = antonym.map(|a| (fresh_id(&a, &mut predicates), forms(&a)));
        out.push(Suggestion {
            kind: SuggestionKind::Predicate,
            text: lemma.clone(),
            target: None,
            count,
            example,
            detail: Detail::Predicate {
                family,
                id,
                triggers: forms(&lemma),
                opposite,
            },
        });
    }
    out
}
