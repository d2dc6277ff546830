//! Set-off phrases: what a comma-bounded participle, relative clause or apposition between
//! a subject and its verb qualifies, so the verb after it takes the right subject ("The
//! tower, finished in 1974, has …", "Smith, who founded the firm, sold it", "Skyline, the
//! national airline, operates …", "Economists interviewed by the Courier said").

use super::clauses::{before_its_prepositions, chain_of, coordinated_before, opens_clause};
use super::link::is_relative;
use super::verbs::{is_finite, is_modal};
use super::{Clause, Complement, Form, Link, Parse, VerbGroup};
use crate::tags::Upos;

/// "Economists interviewed by the Courier said": a verb of one word right after its
/// subject, whose "by" phrase stands where the next verb's subject would, is a reduced
/// relative clause on that subject, and the subject is the next verb's. The earlier
/// clause becomes a relative clause; the next verb's subject is returned.
pub(super) fn reduced_relative(
    p: &Parse,
    subject: &[usize],
    done: &mut [Clause],
) -> Option<Vec<usize>> {
    let &[ph] = subject else { return None };
    let prev = done.last_mut()?;
    let by = agent_of_participle(p, prev)?;
    (by == ph && prev.object.is_none()).then(|| into_relative(prev))
}

/// "A report released Tuesday by the ministry concluded", "children adopted by the
/// president receive": the same reduced relative clause when the next verb group, finite,
/// follows its "by" phrase with nothing between but noun phrases, prepositions and adverbs
/// (a time word read as the participle's object, the agent, "recently"). Read before the
/// next verb is taken for what the participle reports ("released [that] Tuesday
/// concluded") or given a subject of its own. The next verb's subject is returned, and
/// the link and parent it takes over when the participle had been read as a complement.
pub(super) fn reduced_relative_before(
    p: &Parse,
    g: &VerbGroup,
    done: &mut [Clause],
) -> Option<Reduced> {
    let prev = done.last_mut()?;
    let follows = verb_follows(p, prev.verb.last + 1, g);
    // A passive has no object but a bare word ("released Tuesday", "held hostage"); "the
    // issue prompted an investigation by …" is a clause of its own.
    let bare_object = prev
        .object
        .is_none_or(|o| p.phrases[o].first == p.phrases[o].last);
    let reduced = follows
        && bare_object
        && (agent_of_participle(p, prev).is_some() || placed_participle(p, prev));
    // A complement keeps its place ("thought the image sent by a follower showed …").
    let place = (prev.link == Link::That).then_some((prev.link, prev.parent));
    // The noun the participle's noun qualifies ("the video of his beheading released in
    // August showed"): the video showed.
    reduced.then(|| Reduced {
        subject: into_relative(prev)
            .into_iter()
            .map(|s| before_its_prepositions(p, s, g.first))
            .collect(),
        place,
    })
}

/// Whether verb group `g`, finite, follows word `from` with nothing between but noun
/// phrases, the prepositions that join them and adverbs, commas in pairs, and ends them
/// with an adverb or a phrase under a preposition: a phrase of its own right before the
/// verb ("the areas it has captured", "said by phone he knows") is the verb's subject.
fn verb_follows(p: &Parse, from: usize, g: &VerbGroup) -> bool {
    // The tagger reads "receive" after a noun as a base form as often as a present one.
    let finite = !g.infinitive
        && matches!(
            p.words[g.first].form,
            Form::Past | Form::Present | Form::Base
        );
    if !finite || from > g.first {
        return false;
    }
    let between = from..g.first;
    if between.is_empty() {
        return true;
    }
    let commas = between.clone().filter(|&x| p.words[x].text == ",").count();
    // A clause opener between ("spoken to that her mother …") opens another clause.
    let opener = |w: &super::Word| w.upos == Upos::Sconj || w.is("that") || is_relative(w);
    // So does a preposition that opens a clause ("rallied after the spokesman said").
    let only_phrases = commas % 2 == 0
        && between.clone().all(|x| {
            let w = &p.words[x];
            let joins = p.phrase_at(x).is_some() || matches!(w.upos, Upos::Adp | Upos::Adv);
            (joins || w.text == ",") && !opener(w) && !opens_clause(w, x, g.first)
        });
    let before = g.first - 1;
    let under_preposition = p.phrase_at(before).is_some_and(|ph| {
        let first = p.phrases[ph].first;
        first > 0 && p.words[first - 1].upos == Upos::Adp
    });
    only_phrases && (p.words[before].upos == Upos::Adv || under_preposition)
}

/// Verbs that take a clause with its subject moved before them ("the weapons it says were
/// meant for …", "a man police believe was armed"): grammar, the same in any news.
const BRIDGE_VERBS: &[&str] = &[
    "say", "believe", "think", "claim", "allege", "suspect", "fear", "know", "expect", "hope",
    "report", "suggest",
];

/// "Some of the forces it has gathered were leaving", "the money he stole was found": a
/// clause whose subject is a personal pronoun right after a noun phrase, and which has no
/// object (the noun is what it gathered), followed by a finite verb group, is a relative
/// clause on that noun, and the noun (with what it qualifies: "some of the forces") is
/// the next verb's subject. A "that" before the noun ("said that the forces it gathered
/// were leaving") makes the next verb the complement of the clause before.
pub(super) fn contact_relative(p: &Parse, g: &VerbGroup, done: &mut [Clause]) -> Option<Reduced> {
    let n = done.len();
    let prev = done.last_mut()?;
    let &[pronoun] = prev.subject.as_slice() else {
        return None;
    };
    let pr = &p.phrases[pronoun];
    let personal = pr.first == pr.last && p.words[pr.head].upos == Upos::Pron;
    let noun = pr
        .first
        .checked_sub(1)
        .and_then(|b| p.phrase_at(b))
        .filter(|&ph| p.phrases[ph].last + 1 == pr.first)
        .filter(|&ph| matches!(p.words[p.phrases[ph].head].upos, Upos::Noun | Upos::Propn))?;
    let gap = prev.object.is_none() && prev.complement.is_none() && !prev.verb.copula;
    let contact = personal
        && gap
        && !prev.subject_inherited
        && prev.verb.first == pr.last + 1
        && verb_follows(p, prev.verb.last + 1, g);
    if !contact {
        return None;
    }
    let subject = before_its_prepositions(p, noun, g.first);
    // "weapons it says were intended for …": after a verb that takes a clause, the next verb
    // is what it says of the noun.
    if g.first == prev.verb.last + 1 && BRIDGE_VERBS.iter().any(|v| p.words[prev.verb.main].is(v)) {
        prev.link = Link::Relative;
        prev.parent = None;
        return Some(Reduced {
            subject: vec![subject],
            place: Some((Link::That, Some(n - 1))),
        });
    }
    // It hangs from the next verb's clause, the one of its noun, so whoever reports that
    // clause reports it too.
    prev.link = Link::Relative;
    prev.parent = Some(n);
    // The "that" may stand before a quantifier the phrase does not hold ("that some of
    // the forces").
    let start = p.phrases[subject].first;
    let that = (start.saturating_sub(4)..start).rev().find(|&t| {
        p.words[t].text.eq_ignore_ascii_case("that")
            && p.words[t + 1..start]
                .iter()
                .all(|w| matches!(w.upos, Upos::Det | Upos::Adp | Upos::Num | Upos::Pron))
    });
    let place = that.and_then(|t| {
        (0..n - 1)
            .rev()
            .find(|&q| done[q].verb.last < t)
            .map(|q| (Link::That, Some(q)))
    });
    Some(Reduced {
        subject: vec![subject],
        place,
    })
}

/// The verb after a reduced relative clause: its subject, and the link and parent it
/// takes over from the participle when that had been read as a complement.
pub(super) struct Reduced {
    pub subject: Vec<usize>,
    pub place: Option<(Link, Option<usize>)>,
}

/// The "by" phrase of a clause that may be a reduced relative: one past or participle
/// verb right after its own subject.
fn agent_of_participle(p: &Parse, c: &Clause) -> Option<usize> {
    let by = c.preps.iter().find(|pr| p.words[pr.word].is("by"))?;
    participle_after_subject(p, c).then_some(by.phrase)
}

/// Whether clause `c` is one past or participle verb right after its own subject.
fn participle_after_subject(p: &Parse, c: &Clause) -> bool {
    let v = &c.verb;
    c.subject.last().is_some_and(|&own| {
        // Right after the phrase and the "of" phrases it holds ("the video of his
        // beheading released in August").
        let mut end = p.phrases[own].last;
        let mut at = own;
        while let Some(of) = p.phrases[at].of {
            end = p.phrases[of.phrase].last;
            at = of.phrase;
        }
        v.first == v.main
            && v.main == v.last
            && matches!(p.words[v.main].form, Form::Past | Form::Participle)
            && !c.subject_inherited
            && (p.phrases[own].last + 1 == v.first || end + 1 == v.first)
    })
}

/// "Officials briefed on the talks said": a participle with no object whose prepositional
/// phrase starts right after it, on a noun (a pronoun takes no reduced relative clause).
fn placed_participle(p: &Parse, c: &Clause) -> bool {
    let prep_next = p
        .words
        .get(c.verb.last + 1)
        .is_some_and(|w| w.upos == Upos::Adp && !w.is("that"));
    let noun = c
        .subject
        .last()
        .is_some_and(|&s| p.words[p.phrases[s].head].upos != Upos::Pron);
    c.object.is_none() && prep_next && noun && participle_after_subject(p, c)
}

/// Makes clause `c` a relative clause on its subject, which is returned.
fn into_relative(c: &mut Clause) -> Vec<usize> {
    c.link = Link::Relative;
    c.parent = None;
    c.subject.clone()
}

/// "Smith, who founded the firm, …", "the city, which …": the noun phrase a relative
/// pronoun at `o` modifies, right before it or before the comma that sets it off.
pub(super) fn noun_before_relative(p: &Parse, o: usize) -> Option<usize> {
    let before = o.checked_sub(1)?;
    if p.words[before].text == "," {
        return p
            .phrase_at(before.checked_sub(1)?)
            .filter(|&ph| p.phrases[ph].last + 1 == before)
            .map(|ph| before_its_prepositions(p, ph, o));
    }
    p.phrase_at(before)
}

/// "The tower, finished in 1974, has …", "the minister, speaking on Monday, said": a
/// participle of one word right after a subject phrase and a comma, closed by a comma and
/// a finite verb with no subject of its own, qualifies that phrase; the phrase is
/// returned. A phrase another verb already took ("met the minister, signed the deal") is
/// that verb's object, and the participle is a verb of the same subject.
pub(super) fn set_off_participle(
    p: &Parse,
    groups: &[VerbGroup],
    k: usize,
    done: &[Clause],
) -> Option<usize> {
    let g = &groups[k];
    let w = &p.words;
    let single = g.first == g.main && g.main == g.last;
    if !single || !matches!(w[g.main].form, Form::Participle | Form::Past | Form::Gerund) {
        return None;
    }
    let comma = g.first.checked_sub(1).filter(|&c| w[c].text == ",")?;
    let ph = p
        .phrase_at(comma.checked_sub(1)?)
        .filter(|&ph| p.phrases[ph].last + 1 == comma)
        .map(|ph| before_its_prepositions(p, ph, g.first))?;
    let taken = done.iter().any(|c| {
        c.object == Some(ph) || c.subject.contains(&ph) || c.preps.iter().any(|x| x.phrase == ph)
    });
    let next = groups.get(k + 1)?;
    let finite = matches!(w[next.first].form, Form::Past | Form::Present)
        || is_modal(&w[next.first])
        || w[next.first].upos == Upos::Aux;
    let closed = next.first > g.last + 1
        && w[next.first - 1].text == ","
        && coordinated_before(p, next.first).is_empty();
    (!taken && finite && closed).then_some(ph)
}

/// "X is a team based in Y", "it was a law passed in 1990": a participle of one word right
/// after the noun phrase a copula takes as its complement modifies that phrase, which is
/// the copula's subject: X is based in Y. The copula's subject is returned, unless the
/// copula is denied. A copula has no object a second verb could follow.
pub(super) fn participle_after_complement(
    p: &Parse,
    g: &VerbGroup,
    done: &[Clause],
) -> Option<Vec<usize>> {
    let single = !g.infinitive && g.first == g.main && g.main == g.last;
    if !single || !matches!(p.words[g.main].form, Form::Participle | Form::Past) {
        return None;
    }
    let prev = done.last()?;
    let Some(Complement::Phrase(ph)) = prev.complement else {
        return None;
    };
    // "X was not a man known for Y" says nothing of what X is known for.
    let affirmed = prev.verb.negation.is_none() && !p.phrases[ph].negative;
    let follows = prev.verb.copula && affirmed && p.phrases[ph].last + 1 == g.first;
    (follows && !prev.subject.is_empty()).then(|| prev.subject.clone())
}

/// "Skyline, the national airline, operates …", "its engineer, Lena Marsh, left": a name
/// and a common noun phrase in apposition, set off by commas right before a finite verb
/// with no subject of its own; the name is the verb's subject. Phrases a verb already took
/// are no subject, and "…, X, and Y" is a list.
pub(super) fn appositive_subject(p: &Parse, g: &VerbGroup, done: &[Clause]) -> Option<usize> {
    let w = &p.words;
    let finite = matches!(w[g.first].form, Form::Past | Form::Present)
        || is_modal(&w[g.first])
        || w[g.first].upos == Upos::Aux;
    let phrase_before = |comma: usize| {
        p.phrase_at(comma.checked_sub(1)?)
            .filter(|&x| p.phrases[x].last + 1 == comma)
            .map(|x| before_its_prepositions(p, x, g.first))
    };
    let comma = |i: Option<usize>| i.filter(|&c| w[c].text == ",");
    let second = phrase_before(comma(g.first.checked_sub(1))?)?;
    let first = phrase_before(comma(p.phrases[second].first.checked_sub(1))?)?;
    let taken = |ph: usize| {
        done.iter().any(|c| {
            c.object == Some(ph)
                || c.subject.contains(&ph)
                || c.preps.iter().any(|x| x.phrase == ph)
        })
    };
    if !finite || taken(first) || taken(second) {
        return None;
    }
    let proper = |x: usize| w[p.phrases[x].head].upos == Upos::Propn;
    let common = |x: usize| w[p.phrases[x].head].upos == Upos::Noun;
    // "Smith, 45, said": an age set off after a name.
    let age = |x: usize| {
        p.phrases[x].first == p.phrases[x].last && w[p.phrases[x].head].upos == Upos::Num
    };
    match (proper(first), proper(second)) {
        (true, false) if common(second) || age(second) => Some(first),
        (false, true) if common(first) => Some(second),
        _ => None,
    }
}

/// The relative clause set off by commas that ends right before the comma before word
/// `at` ("Smith, who founded the firm in 1990, sold it"), with the clauses under it: the
/// verb at `at` is its noun's.
pub(super) fn set_off_relative_before(p: &Parse, at: usize, done: &[Clause]) -> Option<usize> {
    let comma = at.checked_sub(1).filter(|&c| p.words[c].text == ",")?;
    let last = done.len().checked_sub(1)?;
    let chain = chain_of(done, last);
    let r = chain
        .into_iter()
        .find(|&j| done[j].link == Link::Relative)?;
    let &[ph] = done[r].subject.as_slice() else {
        return None;
    };
    // The comma before the relative pronoun, or before the participle itself.
    let v = done[r].verb.first;
    let opener = v
        .checked_sub(1)
        .filter(|&j| is_relative(&p.words[j]))
        .unwrap_or(v);
    let set_off = opener
        .checked_sub(1)
        .is_some_and(|j| p.words[j].text == "," && j > p.phrases[ph].last);
    let ends = done[last].last < comma && done[r].verb.first > p.phrases[ph].last;
    (set_off && ends && (r..=last).all(|j| chain_of(done, j).contains(&r))).then_some(r)
}

/// "said (that) his client, who was 17 at the time, had been coerced": a finite verb right
/// after a relative clause set off on the object of a verb, or on the subject of its
/// that-clause, is what that verb reports, and the relative's noun is its subject (the
/// verb gives the noun up as its object). Returns the reporting clause and the noun.
pub(super) fn past_set_off_relative(
    p: &Parse,
    g: &VerbGroup,
    done: &mut [Clause],
) -> Option<(usize, usize)> {
    if !is_finite(&p.words, g) {
        return None;
    }
    let r = set_off_relative_before(p, g.first, done)?;
    let &[noun] = done[r].subject.as_slice() else {
        return None;
    };
    let q = done[r].parent?;
    let reporter = &done[q];
    let after_verb = reporter.verb.last + 1;
    let first = p.phrases[noun].first;
    let object = reporter.object == Some(noun) && reporter.preps.is_empty();
    let that =
        reporter.object.is_none() && first == after_verb + 1 && p.words[after_verb].is("that");
    // A relative clause's verb reports nothing here ("the firm that hired the consultant,
    // who was 34, lost money": the firm lost it).
    let relative = reporter.link == Link::Relative;
    if !(object || that) || relative || reporter.verb.copula || reporter.complement.is_some() {
        return None;
    }
    let reporter = &mut done[q];
    reporter.object = None;
    Some((q, noun))
}
