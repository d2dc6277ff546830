//! Scope: where a trigger stands in its sentence's parse. A cue counts for a trigger only
//! inside the clauses that govern it (its own clause and those above it), so "officials who
//! would not give their names said troops withdrew" is neither negated nor hedged; and a
//! trigger that is only wished, demanded, planned or talked about makes no claim ("called on
//! Norland to withdraw", "could not yet talk about the withdrawal").

use crate::extract::{SentenceFacts, TriggerHit};
use crate::lexicon::Signature;
use crate::parse::{Link, Parse};
use crate::proposition::{Certainty, Proposition, propositions};
use crate::rules::schema::CueKind;

/// Prepositions that make their noun phrase the topic of talk, not a thing that happened.
const TOPIC_PREPOSITIONS: &[&str] = &["about", "regarding", "concerning"];

/// Words before a trigger that let the parse change a claim: an infinitive's marker (a
/// demand or plan) and the topic prepositions.
const OPENERS: &[&str] = &["to", "about", "regarding", "concerning"];

/// Whether the parse can change what the cues say of a trigger in `clause`: only a cue
/// before the trigger (whose reach the parse may cut) or an opener word can, so the other
/// triggers (most of them) are never parsed. This is what keeps the language layer to a
/// small share of the text.
pub(super) fn may_change(
    body: &str,
    f: &SentenceFacts,
    t: &TriggerHit,
    clause: (usize, usize),
) -> bool {
    let cue = [
        CueKind::Negation,
        CueKind::Hedge,
        CueKind::Conditional,
        CueKind::Reported,
    ]
    .into_iter()
    .any(|k| {
        f.cues_of(k)
            .any(|c| c.start >= clause.0 && c.end <= t.start)
    });
    // A hedge after the trigger may still be its verb's ("an invasion would cause …").
    let hedge_after = [CueKind::Hedge, CueKind::Conditional]
        .into_iter()
        .any(|k| f.cues_of(k).any(|c| c.start >= t.end && c.end <= clause.1));
    // The opener stands just before the trigger's words ("to pull back", "about a
    // withdrawal"), a few words at most.
    let before = &body[clause.0.max(f.text.0)..t.start];
    cue || hedge_after
        || before
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .rev()
            .take(OPENER_REACH)
            .any(|w| OPENERS.iter().any(|o| w.eq_ignore_ascii_case(o)))
}

/// How many words before a trigger an opener may stand ("about the planned withdrawal").
const OPENER_REACH: usize = 4;

/// The parse's account of one trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Scope {
    /// Byte ranges of the words that belong to clauses governing the trigger, or to no
    /// clause at all.
    governing: Vec<(usize, usize)>,
    /// Why the trigger makes no claim, when the parse says so.
    pub(super) not_claimed: Option<String>,
    /// The trigger's clause is conditional or hedged by its verbs ("may", "if").
    pub(super) certainty: Certainty,
}

impl Scope {
    /// Whether a cue starting at byte `offset` stands in a clause that governs the trigger.
    pub(super) fn governs(&self, offset: usize) -> bool {
        self.governing
            .iter()
            .any(|&(s, e)| s <= offset && offset < e)
    }
}

/// The scope of the trigger at bytes `start..end` in a parsed sentence; `None` when the
/// parse does not reach it.
pub(super) fn scope_of(
    p: &Parse,
    start: usize,
    signature: &dyn Fn(&str, Link) -> Option<Signature>,
) -> Option<Scope> {
    let w = p.word_at_offset(start)?;
    let props = propositions(p, signature);
    let clause = p.clause_at(w);
    let chain = clause.map(|c| p.chain(c)).unwrap_or_default();
    let governing = governing_words(p, &chain);
    let prop = clause.and_then(|c| props.iter().find(|q| q.clause == c));
    Some(Scope {
        governing,
        not_claimed: prop.and_then(|q| not_claimed(p, q)).or_else(|| topic(p, w)),
        certainty: prop.map_or(Certainty::Asserted, |q| q.certainty),
    })
}

/// Byte ranges of the words whose innermost clause is in `chain`, or that are in no clause.
fn governing_words(p: &Parse, chain: &[usize]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, word) in p.words.iter().enumerate() {
        let inside = p.clause_at(i).is_none_or(|c| chain.contains(&c));
        if !inside {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.1 <= word.start && is_next(p, i) => last.1 = word.end,
            _ => out.push((word.start, word.end)),
        }
    }
    out
}

/// Whether word `i` directly follows a word already taken (so ranges merge).
fn is_next(p: &Parse, i: usize) -> bool {
    i > 0 && p.clause_at(i - 1) == p.clause_at(i)
}

fn not_claimed(p: &Parse, q: &Proposition) -> Option<String> {
    (q.certainty == Certainty::NotClaimed).then(|| {
        let verb = q
            .reported_by
            .or(p.clauses[q.clause].parent)
            .map(|c| p.words[p.clauses[c].verb.main].text)
            .unwrap_or("its verb");
        format!("wished, demanded, planned or left open by `{verb}`, not claimed (parse)")
    })
}

/// "could not yet talk about the withdrawal": a trigger inside a phrase introduced by a
/// topic preposition is what is talked about, not what happened.
fn topic(p: &Parse, w: usize) -> Option<String> {
    let ph = p.phrase_at(w)?;
    let first = p.phrases[ph].first;
    let prep = &p.words[first.checked_sub(1)?];
    TOPIC_PREPOSITIONS
        .iter()
        .any(|x| prep.text.eq_ignore_ascii_case(x))
        .then(|| format!("the topic of talk (`{}` …), not claimed (parse)", prep.text))
}
