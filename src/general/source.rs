//! Who reports a clause, beyond the verb it stands under: a verb of saying after it ("…,"
//! Hale said), the same verb inverted ("…," said Hale), and "according to …" anywhere in
//! the sentence; and the phrase that names that source.

use super::gist::is_saying;
use crate::lexicon::Lexicon;
use crate::parse::{Link, Parse, Word};
use crate::proposition::Proposition;

/// "…," Hale said, "…," said Hale: a verb of saying after clause `k`, with no clause of its
/// own under it (a relative or adverbial clause, "in a story that went viral", reports
/// nothing), reports what stands before it. A negated one ("…, the Pentagon did not
/// confirm") says it was not said.
pub(super) fn trailing_reporter(p: &Parse, k: usize, lex: &Lexicon) -> Option<usize> {
    let end = p.clauses[k].last;
    let reports_own = |r: usize| {
        p.clauses
            .iter()
            .any(|d| d.parent == Some(r) && matches!(d.link, Link::That | Link::To | Link::Gerund))
    };
    (0..p.clauses.len()).find(|&r| {
        let c = &p.clauses[r];
        r != k
            && c.verb.first > end
            && (!c.subject_inherited || inverted(p, r))
            && !reports_own(r)
            && is_saying(lex, &p.words[c.verb.main].lemma)
    })
}

/// "…," said Hale, "…, says the ministry.": a verb right after a comma or a closing
/// quotation mark, read as taking the clause before's subject, whose object is the last
/// phrase of the sentence. Its object is who speaks.
fn inverted(p: &Parse, r: usize) -> bool {
    let c = &p.clauses[r];
    let after_break = c.verb.first.checked_sub(1).is_some_and(|b| {
        let w = &p.words[b];
        w.text == "," || closes_quote(w)
    });
    // A phrase between a closing quotation mark and the verb ("…,” Donnell Conner, her
    // father, told KMOV") is the verb's subject, set off by commas.
    let quote = (0..c.verb.first).rev().find(|&w| closes_quote(&p.words[w]));
    let closes_clause =
        quote.is_none_or(|q| (q + 1..c.verb.first).all(|w| p.phrase_at(w).is_none()));
    // The object ends the sentence, or only what qualifies it follows: an apposition or a
    // relative clause after a comma ("said Dana Holt, the county's engineer"), a
    // prepositional phrase ("added Priya Ramsden of the union").
    let last_phrase = c.object.is_some_and(|o| {
        let after = p.phrases[o].last + 1;
        let qualified = (after..p.words.len())
            .find(|&w| p.words[w].upos != crate::tags::Upos::Adp && p.phrase_at(w).is_none())
            .is_none_or(|w| matches!(p.words[w].text, "," | "." | "!"));
        qualified && p.words.get(after).is_none_or(|w| w.text != "that")
    });
    // Inversion is of a finite verb ("said X"), never a participle ("telling him, …").
    let finite = matches!(
        p.words[c.verb.first].form,
        crate::parse::Form::Past | crate::parse::Form::Present
    );
    c.subject_inherited && finite && after_break && closes_clause && last_phrase
}

fn closes_quote(w: &Word) -> bool {
    w.quote_mark().is_some_and(|m| m.closes)
}

/// "According to the ministry, …", "…, according to people familiar with the plans": the
/// clause of "according to" in the sentence, when clause `k` is not under it.
pub(super) fn according_to(p: &Parse, k: usize) -> Option<usize> {
    let above = p.chain(k);
    (0..p.clauses.len()).find(|&r| !above.contains(&r) && names_source(p, r))
}

/// Whether clause `r` is "according to X": it names a source, and claims nothing.
pub(super) fn names_source(p: &Parse, r: usize) -> bool {
    let c = &p.clauses[r];
    let to = c
        .preps
        .first()
        .is_some_and(|pr| p.words[pr.word].text.eq_ignore_ascii_case("to"));
    p.words[c.verb.main].text.eq_ignore_ascii_case("according") && to
}

/// The phrase that names who speaks in reporting clause `r`: the phrase after "according
/// to", the object of an inverted verb of saying, else the clause's subject.
pub(super) fn source_phrase(p: &Parse, r: usize, all: &[Proposition]) -> Option<usize> {
    let c = &p.clauses[r];
    if names_source(p, r) {
        return c.preps.first().map(|pr| pr.phrase);
    }
    if inverted(p, r) {
        return c.object;
    }
    all.iter()
        .find(|o| o.clause == r)
        .and_then(|o| o.subject.first().copied())
}
