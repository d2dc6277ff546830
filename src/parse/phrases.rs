//! Noun phrases: maximal runs ending in their head, with possessors and "of" attachments.

use super::link::is_relative;
use super::{Form, NounPhrase, Prep, Word};
use crate::tags::Upos;

/// Whether a word can stand inside a noun phrase before its head.
fn np_inner(w: &Word) -> bool {
    matches!(
        w.upos,
        Upos::Det | Upos::Adj | Upos::Num | Upos::Noun | Upos::Propn
    ) || (w.upos == Upos::Pron && is_possessive_pronoun(w))
}

/// A participle or gerund used as an adjective inside a phrase ("the hacked emails"):
/// after the phrase's first word and before a noun or adjective. A participle right after
/// a noun is no modifier: "exports of steel increased last year" has its verb there (a
/// gerund is: "a product unveiling event").
fn modifies_next(words: &[Word], first: usize, j: usize) -> bool {
    j > first
        && !(words[j].form == Form::Participle
            && matches!(words[j - 1].upos, Upos::Noun | Upos::Propn))
        && words[j].upos == Upos::Verb
        && matches!(words[j].form, Form::Participle | Form::Gerund)
        && words
            .get(j + 1)
            .is_some_and(|n| matches!(n.upos, Upos::Noun | Upos::Propn | Upos::Adj))
}

fn is_possessive_pronoun(w: &Word) -> bool {
    ["my", "your", "his", "her", "its", "our", "their"]
        .iter()
        .any(|p| w.text.eq_ignore_ascii_case(p))
}

fn is_negative_word(w: &Word) -> bool {
    ["no", "neither", "nobody", "nothing", "none", "nowhere"]
        .iter()
        .any(|p| w.text.eq_ignore_ascii_case(p))
}

/// The possessive clitic ("'s", "’s", or a bare apostrophe after a plural).
fn is_possessive_mark(w: &Word) -> bool {
    matches!(w.upos, Upos::Part | Upos::Punct | Upos::X)
        && matches!(w.text, "'s" | "’s" | "'" | "’" | "'S" | "’S")
}

/// Noun phrases, left to right, each a maximal run ending in its head; a possessive ends
/// one phrase and opens the next, which records its possessor.
pub(super) fn noun_phrases(words: &[Word]) -> Vec<NounPhrase> {
    let mut out: Vec<NounPhrase> = Vec::new();
    let mut i = 0;
    let mut possessor = None;
    while i < words.len() {
        let w = &words[i];
        // A personal pronoun is a phrase on its own.
        if w.upos == Upos::Pron && !is_possessive_pronoun(w) && !is_relative(w) {
            out.push(simple_phrase(i, is_negative_word(w), possessor.take()));
            i += 1;
            // "nobody's fault", "someone's car".
            if i < words.len() && is_possessive_mark(&words[i]) {
                possessor = Some(out.len() - 1);
                i += 1;
            }
            continue;
        }
        if !np_inner(w) {
            possessor = None;
            i += 1;
            continue;
        }
        let first = i;
        let mut head = None;
        let mut j = i;
        while j < words.len()
            && (np_inner(&words[j])
                || modifies_next(words, first, j)
                || (j > first && super::joins_words(words, j)))
        {
            // A determiner after the first word starts a new phrase ("gave the troops a
            // rest"), unless it follows a possessive pronoun or a predeterminer ("all the").
            if j > first && words[j].upos == Upos::Det && !words[j - 1].is("all") {
                break;
            }
            if words[j].is_nominal() {
                head = Some(j);
            }
            j += 1;
        }
        let Some(h) = head else {
            possessor = None;
            i = j.max(i + 1);
            continue;
        };
        // "nobody's fault", "no country's troops": a negative possessor denies the phrase.
        let negative = words[first..=h].iter().any(is_negative_word)
            || possessor.is_some_and(|o: usize| out[o].negative);
        out.push(NounPhrase {
            first,
            last: h,
            head: h,
            negative,
            possessor: possessor.take(),
            of: None,
        });
        i = h + 1;
        if i < words.len() && is_possessive_mark(&words[i]) {
            possessor = Some(out.len() - 1);
            i += 1;
        }
    }
    attach_of_phrases(words, &mut out);
    out
}

fn simple_phrase(i: usize, negative: bool, possessor: Option<usize>) -> NounPhrase {
    NounPhrase {
        first: i,
        last: i,
        head: i,
        negative,
        possessor,
        of: None,
    }
}

/// "the withdrawal of troops", "no sign of de-escalation": a noun phrase directly followed
/// by "of" and another noun phrase takes it as its modifier.
fn attach_of_phrases(words: &[Word], phrases: &mut [NounPhrase]) {
    for k in 0..phrases.len().saturating_sub(1) {
        let after = phrases[k].last + 1;
        if after < words.len() && words[after].is("of") && phrases[k + 1].first == after + 1 {
            phrases[k].of = Some(Prep {
                word: after,
                phrase: k + 1,
            });
        }
    }
}
