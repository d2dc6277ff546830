//! Verb triggers widened by the general knowledge: a predicate's `verbs` ("withdraw from",
//! "speak ... for") match every form of their verb ("withdrew from", "spoken by phone for")
//! and, unless written with `=`, the verbs of its synonym sets in every form ("retreated
//! from", "pulling back from"). Each phrase made says how (`Phrase::via`), for `trace`.

use super::{Lexicon, Pos};
use crate::rules::{Elem, Phrase, RuleSet, VerbTrigger};
use std::collections::HashSet;

/// The pack with the forms and synonyms of its verb triggers added; the pack itself when
/// it has none. Fails only when they make more phrases than a pack may hold.
pub fn widen(rules: RuleSet, lex: &Lexicon) -> Result<RuleSet, String> {
    if rules.verbs.is_empty() {
        return Ok(rules);
    }
    let mut seen: HashSet<Vec<Elem>> = rules
        .phrases
        .phrases
        .iter()
        .map(|p| p.elems.clone())
        .collect();
    let mut extra = Vec::new();
    for verb in &rules.verbs {
        for (elems, via) in variants(verb, lex) {
            if seen.insert(elems.clone()) {
                let written = crate::rules::phrase::written(&elems);
                let owner = crate::rules::Owner::Trigger(verb.predicate);
                let mut phrase = Phrase::new(written, elems, owner, false, verb.origin.clone());
                phrase.via = Some(via);
                extra.push(phrase);
            }
        }
    }
    rules.with_phrases(extra)
}

/// The phrases one verb trigger stands for besides itself, each with how it was made.
fn variants(verb: &VerbTrigger, lex: &Lexicon) -> Vec<(Vec<Elem>, String)> {
    let Some(Elem::Word { text: head, .. }) = verb.elems.first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // Its own forms: the verb inflects, the words after it stay.
    for form in lex.inflections(head, Pos::Verb).into_iter().skip(1) {
        let elems = with_head(&form, &verb.elems[1..]);
        out.push((
            elems,
            format!("form `{form}` of the verb `{}`", verb.written),
        ));
    }
    if !verb.synonyms {
        return out;
    }
    // The synonyms of the verb with its particle when the lexicon knows the pair ("pull
    // back"), else of the verb alone; what follows them stays.
    let particle = match verb.elems.get(1) {
        Some(Elem::Word {
            text,
            prefix: false,
        }) => Some(format!("{head} {text}")),
        _ => None,
    };
    let (lemma, rest) = match particle {
        Some(pair) if !lex.synsets(&pair, Pos::Verb).is_empty() => (pair, &verb.elems[2..]),
        _ => (head.clone(), &verb.elems[1..]),
    };
    for set in lex.synsets(&lemma, Pos::Verb) {
        for word in set.words.iter().filter(|w| **w != lemma) {
            for form in lex.inflections(word, Pos::Verb) {
                let via = format!(
                    "synonym `{word}` of `{lemma}` (synset {}) in the verb `{}`, form `{form}`",
                    set.id, verb.written
                );
                out.push((with_head(&form, rest), via));
            }
        }
    }
    out
}

/// The elements of `head` (one or more words) followed by `rest`.
fn with_head(head: &str, rest: &[Elem]) -> Vec<Elem> {
    head.split_whitespace()
        .map(|w| Elem::Word {
            text: w.to_string(),
            prefix: false,
        })
        .chain(rest.iter().cloned())
        .collect()
}
