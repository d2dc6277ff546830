//! Scope: where a trigger stands in its sentence's parse. A cue counts for a trigger only
//! inside the clauses that govern it (its own clause and those above it), so "officials who
//! would not give their names said troops withdrew" is neither negated nor hedged; and a
//! trigger that is only wished, demanded, planned or talked about makes no claim ("called on
//! Norland to withdraw", "could not yet talk about the withdrawal").

use crate::extract::{SentenceFacts, TriggerHit};
use crate::parse::{Link, Parse};
use crate::proposition::{Certainty, Proposition, TIME_CONDITIONS, propositions};
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
    let words = || {
        before
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    };
    let is_any = |w: &str, of: &[&str]| of.iter().any(|o| w.eq_ignore_ascii_case(o));
    // "When we see them leave, we will believe in a withdrawal": a time conjunction
    // anywhere before may make the trigger's clause a condition.
    cue || hedge_after
        || words()
            .rev()
            .take(OPENER_REACH)
            .any(|w| is_any(w, OPENERS) || may_leave_open(w))
        || body[f.text.0..t.start]
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| is_any(w, TIME_CONDITIONS))
}

/// Whether `word` may be a form of a verb that leaves what it takes open ("want",
/// "demand", "call"), read cheaply from the lemma table and the lexicon.
fn may_leave_open(word: &str) -> bool {
    crate::lemma::Lemmas::bundled().may_give(word, leaves_open)
}

/// Whether the lexicon says verb `lemma` leaves its to-complement open when affirmed
/// ("planned to withdraw", "called on them to withdraw"): a wish, demand or plan.
fn leaves_open(lemma: &str) -> bool {
    crate::lexicon::Lexicon::bundled()
        .ok()
        .and_then(|x| x.clause_signature(lemma, Link::To, None))
        .is_some_and(|sig| sig.affirmed == crate::lexicon::schema::Truth::Unknown)
}

/// "despite pullback claims", "the invasion allegations": a trigger that names what a
/// noun of saying says (a noun whose verb the lexicon knows as a verb of saying: "claim",
/// "report", "allegation" → allege) is what those say, not a claim of the sentence's
/// speaker. A document's noun is no such noun: "the hacked emails" were hacked.
pub(super) fn said_by_noun(body: &str, t: &TriggerHit) -> Option<String> {
    let rest = &body[t.end..];
    let next = rest.trim_start();
    if next.len() == rest.len() {
        return None;
    }
    let word = next.split(|c: char| !c.is_alphabetic()).next()?;
    if word.is_empty() || !word.starts_with(|c: char| c.is_lowercase()) {
        return None;
    }
    let noun = crate::tags::Tag {
        upos: crate::tags::Upos::Noun,
        xpos: crate::tags::Xpos::Nns,
    };
    let lemma = crate::lemma::Lemmas::bundled().lemma(word, noun);
    let saying = crate::lexicon::Lexicon::bundled()
        .ok()?
        .is_saying_noun(&lemma);
    saying.then(|| format!("what the `{word}` say, not claimed"))
}

/// How many words before a trigger an opener may stand ("about the planned withdrawal").
const OPENER_REACH: usize = 4;

/// The parse's account of one trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Scope {
    /// Byte ranges of the words that belong to clauses governing the trigger, or to no
    /// clause at all.
    governing: Vec<(usize, usize)>,
    /// The same for negation, which stops where a clause of its own proposition hangs from
    /// a noun: a relative clause ("was not the only group that was hacked") or a noun's
    /// complement ("had never shown any prowess at hacking"). A negative noun keeps its
    /// reach ("no sign of troops pulling back").
    negating: Vec<(usize, usize)>,
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

    /// Whether a negation cue starting at byte `offset` negates the trigger.
    pub(super) fn negates(&self, offset: usize) -> bool {
        self.negating
            .iter()
            .any(|&(s, e)| s <= offset && offset < e)
    }
}

/// The scope of the trigger at bytes `start..end` in a parsed sentence; `None` when the
/// parse does not reach it.
pub(super) fn scope_of(
    p: &Parse,
    start: usize,
    signature: &crate::proposition::SignatureOf<'_>,
) -> Option<Scope> {
    let w = p.word_at_offset(start)?;
    let props = propositions(p, signature);
    let clause = p.clause_at(w);
    let chain = clause.map(|c| p.chain(c)).unwrap_or_default();
    // Each word's innermost clause, found once for both spans.
    let innermost: Vec<Option<usize>> = (0..p.words.len()).map(|i| p.clause_at(i)).collect();
    let governing = governing_words(p, &innermost, &chain);
    let mut negating = governing_words(p, &innermost, &chain[..negation_reach(p, &chain)]);
    if let Some(u) = chain.iter().find_map(|&c| p.clauses[c].under)
        && p.phrases[u].negative
    {
        let ph = &p.phrases[u];
        negating.push((p.words[ph.first].start, p.words[ph.last].end));
    }
    let prop = clause.and_then(|c| props.iter().find(|q| q.clause == c));
    Some(Scope {
        governing,
        negating,
        not_claimed: prop
            .and_then(|q| not_claimed(p, q))
            .or_else(|| topic(p, w))
            .or_else(|| wished_for(p, w, signature))
            .or_else(|| about_a_noun(p, clause?)),
        certainty: prop.map_or(Certainty::Asserted, |q| q.certainty),
    })
}

/// Byte ranges of the words whose innermost clause (`innermost`, by word) is in `chain`, or
/// that are in no clause.
fn governing_words(p: &Parse, innermost: &[Option<usize>], chain: &[usize]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, word) in p.words.iter().enumerate() {
        let inside = innermost[i].is_none_or(|c| chain.contains(&c));
        if !inside {
            continue;
        }
        match out.last_mut() {
            // Merged with the range before when the word before is in the same clause.
            Some(last) if last.1 <= word.start && i > 0 && innermost[i - 1] == innermost[i] => {
                last.1 = word.end
            }
            _ => out.push((word.start, word.end)),
        }
    }
    out
}

/// How many clauses of `chain` (the trigger's and those above it) a negation reaches: up
/// to the first that hangs from a noun as a relative clause or a noun's complement. A
/// cleft keeps its reach: in "it wasn't the Ruritanians who provided the emails" the
/// relative clause is what the negation denies.
fn negation_reach(p: &Parse, chain: &[usize]) -> usize {
    for (i, pair) in chain.windows(2).enumerate() {
        let (child, parent) = (&p.clauses[pair[0]], &p.clauses[pair[1]]);
        let from_noun = match child.link {
            Link::Relative => !is_cleft(p, parent),
            Link::That => false,
            _ => child.under.is_some(),
        };
        if from_noun {
            return i + 1;
        }
    }
    chain.len()
}

/// "It was X who …": a copula whose subject is a bare "it" and whose complement is a noun.
fn is_cleft(p: &Parse, c: &crate::parse::Clause) -> bool {
    c.verb.copula
        && matches!(c.complement, Some(crate::parse::Complement::Phrase(_)))
        && c.subject.first().is_some_and(|&s| {
            let ph = &p.phrases[s];
            ph.first == ph.last && p.words[ph.head].text.eq_ignore_ascii_case("it")
        })
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

/// "had never shown any prowess at hacking": a clause hanging from a noun by a
/// preposition is what the noun is about, not something that happened; under a negative
/// noun ("no sign of troops pulling back") it is denied, which the negation reads.
fn about_a_noun(p: &Parse, clause: usize) -> Option<String> {
    let c = &p.clauses[clause];
    let u = c.under.filter(|_| c.link != Link::That)?;
    (!p.phrases[u].negative).then(|| {
        format!(
            "what the noun `{}` is about, not claimed (parse)",
            p.words[p.phrases[u].head].text
        )
    })
}

/// "called for a withdrawal", "demanded a pullback", "wants a ceasefire": a noun that is
/// the object of a verb of wishing, demanding or planning, or follows it after one
/// preposition, is left open as that verb's to-complement would be.
fn wished_for(
    p: &Parse,
    w: usize,
    signature: &crate::proposition::SignatureOf<'_>,
) -> Option<String> {
    // The phrase and its possessors ("the troops' withdrawal"): the verb takes the first.
    let mut phrases = vec![p.phrase_at(w)?];
    while let Some(o) = p.phrases[phrases[phrases.len() - 1]].possessor {
        if phrases.contains(&o) {
            break;
        }
        phrases.push(o);
    }
    let first = p.phrases[phrases[phrases.len() - 1]].first;
    let c = p.clauses.iter().find(|c| {
        let taken = c.object.is_some_and(|o| phrases.contains(&o))
            || c.preps.iter().any(|x| phrases.contains(&x.phrase));
        taken && first > c.verb.last && first <= c.verb.last + 2
    })?;
    let verb = &p.words[c.verb.main];
    let open = signature(&verb.lemma, Link::To, None)
        .is_some_and(|sig| sig.affirmed == crate::lexicon::schema::Truth::Unknown);
    open.then(|| {
        format!(
            "wished, demanded or planned by `{}`, not claimed (parse)",
            verb.text
        )
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
