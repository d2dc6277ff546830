//! Verb groups: auxiliaries, negation and adverbs up to the main verb, with modal, tense,
//! voice and particle.

use super::{Form, NounPhrase, Tense, VerbGroup, Word};
use crate::tags::Upos;

/// Whether a verb group is finite: it opens with a past or present verb, or a modal, and
/// is no infinitive.
pub(super) fn is_finite(words: &[Word], g: &VerbGroup) -> bool {
    !g.infinitive && matches!(words[g.first].form, Form::Past | Form::Present)
        || is_modal(&words[g.first])
}

pub(super) fn is_modal(w: &Word) -> bool {
    w.upos == Upos::Aux
        && [
            "may", "might", "can", "could", "will", "would", "shall", "should", "must",
        ]
        .iter()
        .any(|m| w.is(m))
}

/// Adverbs that may stand inside a verb group without ending it.
fn group_adverb(w: &Word) -> bool {
    w.upos == Upos::Adv && !w.is("there") && !w.is("here") && !is_particle(w)
}

/// Whether word `k` denies the verb group it stands in or before: "not", "never", or
/// "neither"/"nor" with a verb right after ("neither confirmed nor denied").
fn negates(words: &[Word], k: usize) -> bool {
    words[k].is_negation()
        || (words[k].is_paired_negation()
            && words
                .get(k + 1)
                .is_some_and(|w| matches!(w.upos, Upos::Verb | Upos::Aux)))
}

/// Verb groups, left to right: auxiliaries, negation and adverbs up to the main verb.
pub(super) fn verb_groups(words: &[Word], phrases: &[NounPhrase]) -> Vec<VerbGroup> {
    let mut out = Vec::new();
    let mut i = 0;
    // Participles inside a noun phrase ("the hacked emails") modify it; they open no group.
    let in_phrase = |i: usize| {
        let k = phrases.partition_point(|p| p.last < i);
        k < phrases.len() && phrases[k].first <= i && words[i].upos == Upos::Verb
    };
    while i < words.len() {
        if in_phrase(i) {
            i += 1;
            continue;
        }
        let infinitive = words[i].upos == Upos::Part
            && words[i].is("to")
            && words
                .get(i + 1)
                .is_some_and(|w| w.upos == Upos::Verb || w.upos == Upos::Aux);
        let starts = matches!(words[i].upos, Upos::Aux | Upos::Verb) || infinitive;
        if !starts {
            i += 1;
            continue;
        }
        let first = negation_before(words, i, out.last().map_or(0, |g: &VerbGroup| g.last + 1));
        let mut j = if infinitive { i + 1 } else { i };
        let mut verbs = Vec::new();
        while j < words.len() {
            let w = &words[j];
            if matches!(w.upos, Upos::Aux | Upos::Verb) {
                // A second full verb after a full verb opens a new group ("said troops").
                if w.upos == Upos::Verb
                    && verbs
                        .last()
                        .is_some_and(|&v: &usize| !auxiliary_before(&words[v], w))
                {
                    break;
                }
                // An auxiliary after the main verb opens the next group ("that were not
                // needed were pulling back").
                if w.upos == Upos::Aux
                    && verbs
                        .last()
                        .is_some_and(|&v: &usize| words[v].upos == Upos::Verb)
                {
                    break;
                }
                verbs.push(j);
            } else if words[j].is("nor") && negates(words, j) && !verbs.is_empty() {
                // "neither confirmed nor denied": "nor" opens the next group, which it denies.
                break;
            } else if !(negates(words, j) || group_adverb(w) || is_quote_mark(w)) {
                break;
            }
            j += 1;
        }
        // Trailing adverbs belong to what follows, not to the group.
        let mut last = j.saturating_sub(1);
        while last > first && !matches!(words[last].upos, Upos::Aux | Upos::Verb) {
            if negates(words, last) {
                break;
            }
            last -= 1;
        }
        if let Some(g) = group(words, first, last, &verbs, infinitive) {
            out.push(g);
        }
        i = j.max(first + 1);
    }
    out
}

/// A quotation mark inside a verb group ("would not be “intimidated”", "would “not be
/// intimidated”") quotes words of the group; it does not end it.
fn is_quote_mark(w: &Word) -> bool {
    w.upos == Upos::Punct && w.quote_mark().is_some()
}

/// Where a group that opens at word `i` starts: at a negation just before it, across
/// adverbs ("never hired", "never really closed"), when no earlier group took it; a verb
/// with no auxiliary carries its negation in front. `from` is the first word after the
/// group before.
fn negation_before(words: &[Word], i: usize, from: usize) -> usize {
    let mut k = i;
    let mut first = i;
    while k > from
        && (negates(words, k - 1) || group_adverb(&words[k - 1]) || is_quote_mark(&words[k - 1]))
    {
        k -= 1;
        if negates(words, k) {
            first = k;
        }
    }
    first
}

/// Whether `prev` is an auxiliary of the verb `next` ("had never shown", "was being
/// moved"): the tagger sometimes tags an auxiliary "have" or "be" as a full verb.
fn auxiliary_before(prev: &Word, next: &Word) -> bool {
    prev.upos == Upos::Aux
        || ((prev.is("have") || prev.is("be") || prev.is("get"))
            && matches!(next.form, Form::Participle | Form::Gerund))
}

/// Builds one verb group from its words.
fn group(
    words: &[Word],
    first: usize,
    last: usize,
    verbs: &[usize],
    infinitive: bool,
) -> Option<VerbGroup> {
    let main = verbs
        .iter()
        .rev()
        .find(|&&v| words[v].upos == Upos::Verb)
        .or(verbs.last())
        .copied()?;
    let auxes: Vec<&Word> = verbs
        .iter()
        .filter(|&&v| v != main)
        .map(|&v| &words[v])
        .collect();
    let negation = (first..=last).find(|&k| negates(words, k));
    let modal = verbs.iter().copied().find(|&v| is_modal(&words[v]));
    let m = &words[main];
    let copula = m.is("be") && main == *verbs.last()?;
    let passive =
        !copula && m.form == Form::Participle && auxes.iter().any(|a| a.is("be") || a.is("get"));
    let perfect = auxes.iter().any(|a| a.is("have")) && !passive
        || auxes.iter().any(|a| a.is("have")) && auxes.iter().any(|a| a.form == Form::Participle);
    let progressive = m.form == Form::Gerund && auxes.iter().any(|a| a.is("be"));
    let tense = tense_of(words, verbs, modal);
    let particle = (last + 1 < words.len()
        && matches!(words[last + 1].upos, Upos::Adp | Upos::Adv)
        && is_particle(&words[last + 1])
        && !words
            .get(last + 2)
            .is_some_and(|w| w.is_nominal() || w.upos == Upos::Det))
    .then_some(last + 1);
    Some(VerbGroup {
        first,
        last: particle.unwrap_or(last),
        main,
        particle,
        negation,
        modal,
        tense,
        passive,
        perfect,
        progressive,
        copula,
        infinitive,
    })
}

/// Words that may be a verb's particle when nothing nominal follows them ("pulled back.").
fn is_particle(w: &Word) -> bool {
    [
        "back", "out", "up", "down", "off", "away", "over", "in", "on",
    ]
    .iter()
    .any(|p| w.is(p))
}

fn tense_of(words: &[Word], verbs: &[usize], modal: Option<usize>) -> Tense {
    if let Some(m) = modal {
        return if words[m].is("will") || words[m].is("shall") {
            Tense::Future
        } else if words[m].form == Form::Past {
            Tense::Past
        } else {
            Tense::Present
        };
    }
    match verbs.first().map(|&v| words[v].form) {
        Some(Form::Past) => Tense::Past,
        _ => Tense::Present,
    }
}
