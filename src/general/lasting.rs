//! Lengths in passing: a duration made an adjective of a noun ("a tense 90-minute phone
//! call", "their roughly hour-long call", "a three-hour meeting") says how long that event
//! lasted, as "the call lasted 90 minutes" does. It becomes a `last` claim about the thing
//! the noun names, said by whoever says the clause it stands in, at that clause's time.

use super::amount::Amount;
use super::gist::{Gist, InPassing, folded, said_by, unreal};
use super::who::{Who, thing_key};
use super::{Context, SentenceAt};
use crate::parse::Parse;
use crate::proposition::Proposition;
use crate::quantity::find_duration;
use crate::tags::Upos;

/// Words before a noun that make it one more of its kind (English grammar).
const ONE_MORE: &[&str] = &[
    "another", "other", "first", "second", "third", "next", "earlier", "previous",
];

/// The lengths in passing of one sentence. `reporter_of` gives the clause that reports a
/// proposition, as for its own claim.
pub(super) fn lastings(
    s: &SentenceAt,
    props: &[Proposition],
    cx: &Context,
    reporter_of: impl Fn(&Proposition) -> Option<usize>,
) -> Vec<InPassing> {
    let p = s.parse;
    let mut out = Vec::new();
    for (i, ph) in p.phrases.iter().enumerate() {
        let Some((amount, from)) = duration_modifier(s, i) else {
            continue;
        };
        // A phrase past the end of every clause ("warnings during a 90-minute call on
        // Saturday") belongs to the last clause before it.
        let clause = p
            .clause_at(ph.head)
            .or_else(|| (0..ph.first).rev().find_map(|w| p.clause_at(w)));
        let q = clause.and_then(|c| props.iter().find(|q| q.clause == c));
        if q.is_some_and(unreal) {
            continue;
        }
        let reporter = q.and_then(&reporter_of);
        let head = &p.words[ph.head];
        let mut gist = Gist::in_passing(
            Who::Thing {
                key: thing_key(cx.lexicon, head),
            },
            p.words_text(from, ph.head),
            folded(p, cx.lexicon, std::iter::once(ph.head)),
            "last".into(),
            format!("{} lasted {}", head.text, amount.text),
            vec!["last".into()],
            s.words.clone(),
        )
        .said_as(said_by(s, reporter, props, cx));
        gist.amounts = vec![amount];
        out.push(InPassing {
            noun: ph.head,
            clause,
            reporter,
            what: "a length in passing",
            gist,
        });
    }
    out
}

/// The duration that stands before phrase `i`'s head as its modifier, joined to its unit
/// by a hyphen ("90-minute", "three-hour", "hour-long"), with only nouns and adjectives
/// after it up to the head; and the first word of the duration.
fn duration_modifier(s: &SentenceAt, i: usize) -> Option<(Amount, usize)> {
    let p = s.parse;
    let ph = &p.phrases[i];
    if p.words[ph.head].upos != Upos::Noun || ph.head <= ph.first || ph.negative {
        return None;
    }
    let (from, to) = (p.words[ph.first].start, p.words[ph.head - 1].end);
    // Only a unit made an adjective by a hyphen measures the noun ("lasted two hours" is
    // the verb's); a phrase without one is passed over before any pattern runs.
    if !s.body[from..to].contains('-') {
        return None;
    }
    // "another eight-minute video", "a second two-hour meeting": one more of its kind,
    // not the one another article measures.
    let one_more = |w: usize| {
        ONE_MORE
            .iter()
            .any(|o| o.eq_ignore_ascii_case(&p.words[w].lemma))
    };
    if (ph.first..ph.head).any(one_more) {
        return None;
    }
    let (start, end, d) = find_duration(&s.body[from..to])?;
    let text = &s.body[from + start..from + end];
    let adjective = text.contains('-') && !text.ends_with('-');
    let first = (ph.first..ph.head).find(|&w| p.words[w].end > from + start)?;
    let last = (ph.first..ph.head).rfind(|&w| p.words[w].start < from + end)?;
    let only_modifiers = (last + 1..ph.head).all(|w| is_modifier(p, w));
    (adjective && only_modifiers).then(|| (Amount::duration(d), first))
}

fn is_modifier(p: &Parse, w: usize) -> bool {
    matches!(p.words[w].upos, Upos::Noun | Upos::Adj | Upos::Propn)
}
