//! Links: how a clause hangs from the one before it — a relative, a that-clause, an
//! infinitive, a gerund, an adverbial clause, what a verb of saying says, or none (a main
//! clause) — read from the word that opens it and the verbs around it.

use super::clauses::{BARE_INFINITIVE_VERBS, before_its_prepositions, opens_clause};
use super::verbs::is_modal;
use super::{Clause, Form, Link, Parse, REACH, VerbGroup, Word};
use crate::tags::Upos;

/// Prepositions that take a gerund as a verb's complement (English grammar, not news).
const GERUND_PREPOSITIONS: &[&str] = &["in", "from", "at", "of", "by", "on", "into", "about"];

/// Adverbs that open a clause themselves ("when troops left"), not ones inside it.
const OPENING_ADVERBS: &[&str] = &["when", "where", "why", "how", "whenever", "wherever"];

/// What stands between two words: the lemmas of a subordinating conjunction or relative
/// pronoun just before `g`, skipping its subject.
pub(super) fn opener_before(p: &Parse, g: &VerbGroup) -> Option<usize> {
    let words = &p.words;
    let mut k = g.first;
    // "that there really is": adverbs between the subject and its verb are the clause's.
    while k > 1
        && words[k - 1].upos == Upos::Adv
        && !is_relative(&words[k - 1])
        && !OPENING_ADVERBS.iter().any(|x| words[k - 1].is(x))
        && p.phrase_at(k - 2).is_some()
    {
        k -= 1;
    }
    // Skip back over the clause's own subject phrase, with the phrases it qualifies
    // through prepositions ("that the man in the video was …").
    if k > 0
        && let Some(ph) = p.phrase_at(k - 1)
    {
        k = p.phrases[before_its_prepositions(p, ph, g.first)].first;
    }
    if k == 0 {
        return None;
    }
    // "that the mayor's car had": the possessor is part of the subject too.
    while let Some(ph) = p.phrase_at(k).and_then(|ph| p.phrases[ph].possessor)
        && p.phrases[ph].first < k
    {
        k = p.phrases[ph].first;
    }
    if k == 0 {
        return None;
    }
    let w = &words[k - 1];
    let clause_preposition = w.upos == Upos::Adp && opens_clause(w, k - 1, g.first);
    (clause_preposition
        || (matches!(w.upos, Upos::Sconj | Upos::Pron | Upos::Det | Upos::Adv)
            && (w.upos == Upos::Sconj || is_relative(w) || w.is("when"))))
    .then_some(k - 1)
}

pub(super) fn is_relative(w: &Word) -> bool {
    ["who", "which", "that", "whom", "whose"]
        .iter()
        .any(|r| w.text.eq_ignore_ascii_case(r))
}

/// How the clause of group `k` hangs from an earlier one, and which.
pub(super) fn link_of(
    p: &Parse,
    groups: &[VerbGroup],
    k: usize,
    done: &[Clause],
) -> (Link, Option<usize>) {
    let g = &groups[k];
    let words = &p.words;
    let prev = k.checked_sub(1);
    if g.infinitive {
        return (
            Link::To,
            prev.filter(|&q| g.first - groups[q].last <= REACH / 4),
        );
    }
    // "saw the troops leave", "made them sign", "helped them quickly find": a bare
    // infinitive right after the object of the verb before, or after adverbs, is that
    // verb's complement, done by its object.
    if let Some(q) = prev
        && matches!(words[g.first].form, Form::Base | Form::Present)
        && !is_modal(&words[g.first])
        && BARE_INFINITIVE_VERBS
            .iter()
            .any(|v| words[done[q].verb.main].is(v))
        && done[q]
            .object
            .is_some_and(|o| (p.phrases[o].last + 1..g.first).all(|x| words[x].upos == Upos::Adv))
    {
        return (Link::To, Some(q));
    }
    if let Some(o) = opener_before(p, g) {
        let w = &words[o];
        let that = w.is("that") || w.is("whether");
        let directly_after_phrase =
            o > 0 && p.phrase_at(o - 1).is_some() && !that_after_verb(p, groups, o);
        // "claims that it had shelled the city": a "that" followed by a clause with its own
        // subject is the noun's content, not a relative clause.
        let own_subject = w.is("that") && o + 1 < g.first && p.phrase_at(o + 1).is_some();
        if is_relative(w) && ((directly_after_phrase && !own_subject) || !w.is("that")) {
            return (Link::Relative, prev);
        }
        if that {
            // "said the talks would resume and that a deal was near": a "that" after "and"
            // or "or" opens the twin of the that-clause before it, under the same verb.
            if let Some(q) = prev
                && o > 0
                && words[o - 1].upos == Upos::Cconj
                && done[q].link == Link::That
                && done[q].parent.is_some()
            {
                return (Link::That, done[q].parent);
            }
            return (Link::That, prev);
        }
        // "succeeded in taking", "prevented them from entering": a preposition before a
        // gerund makes it the verb's complement, not an adverbial clause.
        if w.upos == Upos::Sconj
            && o + 1 == g.first
            && words[g.first].form == Form::Gerund
            && GERUND_PREPOSITIONS.iter().any(|x| w.is(x))
        {
            return (Link::Gerund, prev);
        }
        if opens_clause(w, o, g.first) || w.is("when") {
            return (Link::Adverbial(o), prev);
        }
    }
    if let Some(q) = prev
        && speech_follows(p, g, &done[q])
    {
        return (Link::That, Some(q));
    }
    // "fighting terrorism and improving relations": a verb group right after "and" or
    // "or" that follows a subordinate clause is its twin, hanging from the same parent.
    if let Some(q) = prev
        && g.first > 0
        && words[g.first - 1].upos == Upos::Cconj
        && done[q].parent.is_some()
        && done[q].last + 2 >= g.first
    {
        return (done[q].link, done[q].parent);
    }
    // "denied interfering", "focused on fighting", "shown prowess at hacking": a gerund
    // right after a verb, or after a preposition, hangs from the clause before it.
    let after_preposition =
        g.first > 0 && matches!(words[g.first - 1].upos, Upos::Adp | Upos::Sconj);
    if let Some(q) = prev
        && words[g.main].form == Form::Gerund
        && words[g.first].form == Form::Gerund
        && (g.first == groups[q].last + 1 || after_preposition)
    {
        return (Link::Gerund, Some(q));
    }
    (Link::Main, None)
}

/// Whether verb group `g`, right after clause `said`, is what that clause's verb says.
fn speech_follows(p: &Parse, g: &VerbGroup, said: &Clause) -> bool {
    // "said troops were moving", "said: “Troops are moving”", "told the BBC: “Crews
    // were …”": a verb group right after a speech verb's group (and its object, before a
    // colon) and a subject, with nothing between but the subject, after a colon or an
    // opening quotation mark if there is one.
    // After an object, only a colon that opens a quotation marks speech ("has three
    // goals: …" lists).
    let words = &p.words;
    let colon_after_object = said
        .object
        .map(|o| p.phrases[o].last + 1)
        .filter(|&a| words.get(a).is_some_and(|w| w.text == ":"))
        .filter(|&a| {
            words
                .get(a + 1)
                .is_some_and(|w| w.quote_mark().is_some_and(|m| m.opens))
        });
    if (said.object.is_some() && colon_after_object.is_none())
        || said.complement.is_some()
        || said.verb.copula
        || g.first <= said.verb.last
    {
        return false;
    }
    let from = colon_after_object.unwrap_or(said.verb.last + 1);
    let start = (from..g.first)
        .find(|&x| {
            let w = &words[x];
            !matches!(w.text, ":" | ",") && !w.quote_mark().is_some_and(|m| m.opens)
        })
        .unwrap_or(g.first);
    // A comma alone is no mark of speech ("police arrived, troops left").
    let skipped = &words[from.min(start)..start];
    let marked = skipped.is_empty() || skipped.iter().any(|w| w.text != ",");
    let subject_first = p.phrase_at(start).is_some();
    let only_subject =
        (start..g.first).all(|x| p.phrase_at(x).is_some() || words[x].upos == Upos::Adv);
    marked && g.first > start && subject_first && only_subject
}

/// Whether "that" at `o` opens a complement after a verb ("said that").
fn that_after_verb(p: &Parse, groups: &[VerbGroup], o: usize) -> bool {
    groups.iter().any(|g| g.last + 1 == o)
        || (o > 1 && groups.iter().any(|g| g.last + 2 == o) && p.phrase_at(o - 1).is_some())
}
