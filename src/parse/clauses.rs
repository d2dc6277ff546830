//! Clauses: one per verb group, with its subject, object, complement, prepositional
//! phrases and the clause it hangs from.

use super::link::{is_relative, link_of, opener_before};
use super::setoff::{
    appositive_subject, contact_relative, noun_before_relative, participle_after_complement,
    past_set_off_relative, reduced_relative, reduced_relative_before, set_off_participle,
    set_off_relative_before,
};
use super::verbs::is_finite;
use super::{Clause, Complement, Form, Link, Parse, Prep, REACH, VerbGroup, Word};
use crate::tags::Upos;

/// Prepositions that also open a clause with its own subject ("lasted an hour before the
/// managers walked out"); the tagger often calls them prepositions there (English grammar).
const CLAUSE_PREPOSITIONS: &[&str] = &["before", "after", "until", "till", "since", "as"];

/// Verbs whose object does a bare infinitive after it ("saw them leave", "let them go");
/// after a verb of saying the same words are a clause of their own ("say the troops
/// leave") (English grammar).
pub(super) const BARE_INFINITIVE_VERBS: &[&str] = &[
    "see", "watch", "hear", "feel", "notice", "observe", "make", "let", "help",
];

/// Whether word `o` opens a clause whose subject stands between it and the verb at `verb`.
pub(super) fn opens_clause(w: &Word, o: usize, verb: usize) -> bool {
    w.upos == Upos::Sconj
        || (w.upos == Upos::Adp && o + 1 < verb && CLAUSE_PREPOSITIONS.iter().any(|x| w.is(x)))
}

/// Clauses for the verb groups, with subjects, objects, complements and parents.
pub(super) fn clauses(p: &Parse, groups: Vec<VerbGroup>) -> Vec<Clause> {
    let words = &p.words;
    let mut out: Vec<Clause> = Vec::with_capacity(groups.len());
    for (k, g) in groups.iter().enumerate() {
        let limit = groups.get(k + 1).map_or(words.len(), |n| n.first);
        let reduced =
            reduced_relative_before(p, g, &mut out).or_else(|| contact_relative(p, g, &mut out));
        let (link, parent, subject, inherited) = match reduced {
            Some(r) => {
                let (link, parent) = r.place.unwrap_or((Link::Main, None));
                (link, parent, r.subject, false)
            }
            None => match take_back_subject(p, g, &mut out) {
                Some(phrase) => (Link::That, Some(out.len() - 1), vec![phrase], false),
                None if let Some((q, noun)) = past_set_off_relative(p, g, &mut out) => {
                    (Link::That, Some(q), vec![noun], false)
                }
                None => {
                    let (link, parent) = link_of(p, &groups, k, &out);
                    let (subject, inherited) = subject_of(p, g, link, parent, &out);
                    (link, parent, subject, inherited)
                }
            },
        };
        let subject = match link {
            Link::Main => reduced_relative(p, &subject, &mut out).unwrap_or(subject),
            _ => subject,
        };
        let (link, parent) = match subject.as_slice() {
            &[ph] if link == Link::Main && !inherited => {
                that_before(p, ph, &out).map_or((link, parent), |q| (Link::That, Some(q)))
            }
            _ => (link, parent),
        };
        let (link, parent, subject, inherited) = match set_off_participle(p, &groups, k, &out) {
            Some(ph) if link == Link::Main && inherited => (Link::Relative, None, vec![ph], true),
            _ => match participle_after_complement(p, g, &out) {
                Some(own) if link == Link::Main => (Link::Relative, None, own, true),
                _ => (link, parent, subject, inherited),
            },
        };
        let (object, complement, preps, end) = after_verb(p, g, limit);
        let first = subject
            .iter()
            .map(|&s| p.phrases[s].first)
            .min()
            .filter(|_| !inherited)
            .unwrap_or(g.first)
            .min(g.first);
        // An adverbial clause's preposition is its opener, not the noun's.
        let under = first
            .checked_sub(2)
            .filter(|_| !matches!(link, Link::Adverbial(_)))
            .filter(|&x| p.words[x + 1].upos == Upos::Adp)
            .and_then(|x| p.phrase_at(x))
            .filter(|&ph| p.phrases[ph].last + 2 == first)
            .or_else(|| noun_content(p, link, first, inherited));
        out.push(Clause {
            under,
            subject,
            subject_inherited: inherited,
            verb: g.clone(),
            object,
            complement,
            preps,
            parent,
            link,
            first,
            last: end,
        });
    }
    // A parent's range covers its children, so a word maps to its innermost clause.
    for k in (0..out.len()).rev() {
        if let Some(parent) = out[k].parent {
            let last = out[k].last;
            if out[parent].last < last {
                out[parent].last = last;
            }
        }
    }
    out
}

/// "said that Hale, the deputy minister, had resigned": a main clause whose own subject
/// stands right after a "that" that follows a verb group with no object is that verb's
/// that-clause (what stood between the subject and its verb, an apposition, kept the
/// opener from being seen). Returns the verb's clause; not a relative's or a copula's.
fn that_before(p: &Parse, ph: usize, done: &[Clause]) -> Option<usize> {
    let first = p.phrases[ph].first;
    let that = first.checked_sub(1).filter(|&t| p.words[t].is("that"))?;
    let q = done.iter().rposition(|c| c.verb.last + 1 == that)?;
    let c = &done[q];
    (c.object.is_none() && c.complement.is_none() && !c.verb.copula && c.link != Link::Relative)
        .then_some(q)
}

/// "rumours that the car was stolen", "the mayor's claim that funds were lost": a
/// that-clause with its own subject right after a common noun is that noun's content, the
/// noun it hangs from.
fn noun_content(p: &Parse, link: Link, first: usize, inherited: bool) -> Option<usize> {
    // The subject starts at its first possessor ("that the mayor's car …").
    let mut first = first;
    while let Some(o) = p.phrase_at(first).and_then(|ph| p.phrases[ph].possessor) {
        first = p.phrases[o].first;
    }
    if link != Link::That || inherited || first < 2 || !p.words[first - 1].is("that") {
        return None;
    }
    p.phrase_at(first - 2)
        .filter(|&ph| p.phrases[ph].last + 2 == first)
        .filter(|&ph| p.words[p.phrases[ph].head].upos == Upos::Noun)
}

/// "said troops were moving": the phrase read as the previous verb's object is the subject
/// of this finite verb group that follows it directly, so the previous clause gives it up.
/// When the phrase's own modifiers stand between ("said talks with the union on Monday,
/// March 4, lasted three hours"), the verb has no subject of its own either: the phrase
/// is returned as its subject, and the verb's clause is what the previous verb reports.
fn take_back_subject(p: &Parse, g: &VerbGroup, done: &mut [Clause]) -> Option<usize> {
    let finite = is_finite(&p.words, g);
    let prev = done.last_mut()?;
    // "helped astronomers precisely calculate": a bare infinitive, done by the object.
    let bare = BARE_INFINITIVE_VERBS
        .iter()
        .any(|v| p.words[prev.verb.main].is(v));
    let o = prev.object.filter(|_| finite && !bare)?;
    // Adverbs may stand between ("said she personally hired").
    let adverbs_only = (p.phrases[o].last + 1..g.first).all(|x| p.words[x].upos == Upos::Adv);
    if adverbs_only && prev.preps.is_empty() {
        prev.object = None;
        prev.last = prev.verb.last;
        return None;
    }
    if !only_modifiers(p, p.phrases[o].last + 1, g.first) {
        return None;
    }
    prev.object = None;
    prev.preps.clear();
    prev.last = prev.verb.last;
    Some(o)
}

/// Whether the words `from..to` are only what qualifies a noun phrase before them:
/// prepositions, noun-phrase words, and commas in pairs (a date or apposition set off),
/// with no clause opener and no conjunction right before `to`.
fn only_modifiers(p: &Parse, from: usize, to: usize) -> bool {
    let words = &p.words[from..to];
    let nominal = |w: &Word| {
        matches!(
            w.upos,
            Upos::Adp | Upos::Det | Upos::Noun | Upos::Propn | Upos::Num | Upos::Adj | Upos::Part
        ) || (w.upos == Upos::Cconj && w.is("and"))
            || w.text == ","
    };
    let commas = words.iter().filter(|w| w.text == ",").count();
    !words.is_empty()
        && words.iter().all(nominal)
        && commas % 2 == 0
        && words.last().is_some_and(|w| w.upos != Upos::Cconj)
        && !words
            .iter()
            .enumerate()
            .any(|(i, w)| opens_clause(w, from + i, to))
}

/// Clause `k` and the clauses it hangs from, innermost first.
pub(super) fn chain_of(done: &[Clause], k: usize) -> Vec<usize> {
    let mut out = vec![k];
    while let Some(q) = done[*out.last().unwrap_or(&k)].parent {
        if out.contains(&q) {
            break;
        }
        out.push(q);
    }
    out
}

/// The subject of a clause: the noun phrases just before its verb group, or, for
/// infinitives, relatives and subjectless clauses, the right phrase of the parent.
fn subject_of(
    p: &Parse,
    g: &VerbGroup,
    link: Link,
    parent: Option<usize>,
    done: &[Clause],
) -> (Vec<usize>, bool) {
    if link == Link::To || link == Link::Gerund {
        let Some(q) = parent else {
            return (Vec::new(), true);
        };
        // "urged the club to appeal", "accused the firm of lying": the parent's object
        // does it (past the phrases that qualify it and one preposition); "called on
        // Norland to withdraw": with no object, the phrase after the preposition;
        // "Norland agreed to withdraw": the parent's subject.
        let c = &done[q];
        let control = match c.object {
            Some(o) => Some(o).filter(|&o| reaches(p, c, p.phrases[o].last + 1, g.first)),
            // A passive verb's "by" phrase is its agent, not the one it acts on.
            None => c
                .preps
                .last()
                .filter(|pr| !(c.verb.passive && p.words[pr.word].is("by")))
                .map(|pr| pr.phrase)
                .filter(|&o| reaches(p, c, p.phrases[o].last + 1, g.first)),
        };
        return match control {
            Some(o) => (vec![o], true),
            None => (done[q].subject.clone(), true),
        };
    }
    if link == Link::Relative
        && let Some(o) = opener_before(p, g)
        && let Some(ph) = noun_before_relative(p, o)
    {
        return (vec![ph], true);
    }
    let own = coordinated_before(p, g.first);
    // "The claim that it was pulling back from the border was false": a phrase of the
    // noun's content clause just before the verb is that clause's; the noun is the subject.
    if link == Link::Main
        && let Some(&ph) = own.first()
        && let Some(c) = done.iter().rev().find(|c| c.verb.last < g.first)
        && let (Some(u), None, Link::That) = (c.under, c.parent, c.link)
        && (c.first..=c.last).contains(&p.phrases[ph].first)
    {
        return (vec![u], false);
    }
    // "People familiar with the matter said", "sources close to the inquiry told": the
    // phrase before the verb is under an adjective that qualifies the noun before it.
    if link == Link::Main
        && let Some(&ph) = own.first()
        && let Some(noun) = noun_before_adjective(p, before_its_prepositions(p, ph, g.first))
    {
        return (vec![noun], false);
    }
    // "A man who lives near the scene says": the phrase before the verb is the relative
    // clause's own; the noun the relative clause is on is the subject.
    if link == Link::Main
        && let Some(&ph) = own.first()
        && let Some(r) = relative_holding(p, ph, done)
    {
        return (done[r].subject.clone(), false);
    }
    if !own.is_empty() {
        return (own, false);
    }
    // "…, and then withdrew": a verb with no subject of its own shares the previous one.
    match (link, parent) {
        (Link::Main, _) => {
            if let Some(r) = set_off_relative_before(p, g.first, done) {
                return (done[r].subject.clone(), false);
            }
            if let Some(ph) = appositive_subject(p, g, done) {
                return (vec![ph], false);
            }
            let last = done.iter().rev().find(|c| c.verb.last < g.first);
            // "Rumours that the car was stolen have been exaggerated": the noun whose
            // content the clause before is, is this verb's subject.
            if let Some(c) = last
                && let (Some(u), None, Link::That) = (c.under, c.parent, c.link)
            {
                return (vec![u], false);
            }
            (last.map(|c| c.subject.clone()).unwrap_or_default(), true)
        }
        _ => (Vec::new(), false),
    }
}

/// The noun phrase right before "ADJ PREP `ph`" ("people familiar with the matter").
fn noun_before_adjective(p: &Parse, ph: usize) -> Option<usize> {
    let prep = p.phrases[ph].first.checked_sub(1)?;
    let adjective = prep.checked_sub(1)?;
    if p.words[prep].upos != Upos::Adp || p.words[adjective].upos != Upos::Adj {
        return None;
    }
    p.phrase_at(adjective.checked_sub(1)?)
        .filter(|&n| p.phrases[n].last + 1 == adjective)
        .filter(|&n| p.words[p.phrases[n].head].upos != Upos::Pron)
}

/// The relative clause opened by a relative pronoun right after its noun ("a man who
/// lives near the scene") whose object or prepositional phrase is `ph`.
fn relative_holding(p: &Parse, ph: usize, done: &[Clause]) -> Option<usize> {
    let at = p.phrases[ph].first;
    (0..done.len()).rev().find(|&r| {
        let c = &done[r];
        let opened = c.verb.first.checked_sub(1).is_some_and(|o| {
            is_relative(&p.words[o])
                && c.subject
                    .first()
                    .is_some_and(|&n| p.phrases[n].last + 1 == o)
        });
        let holds = c.object == Some(ph) || c.preps.iter().any(|pr| pr.phrase == ph);
        c.link == Link::Relative && c.subject_inherited && opened && holds && c.verb.last < at
    })
}

/// Whether the words `from..to` between a controller and its verb are only the parent's
/// prepositional phrases and at most one linking preposition right before the verb.
fn reaches(p: &Parse, parent: &Clause, from: usize, to: usize) -> bool {
    let mut k = from;
    while k < to {
        if let Some(pr) = parent.preps.iter().find(|pr| pr.word == k) {
            k = p.phrases[pr.phrase].last + 1;
        } else if k + 1 == to && matches!(p.words[k].upos, Upos::Adp | Upos::Sconj) {
            k += 1;
        } else {
            return false;
        }
    }
    k == to
}

/// The phrases that end right before word `at`, joined by "and"/"or"/"," ("the union and
/// the company", "Ostia, Valdor and Norland").
pub(super) fn coordinated_before(p: &Parse, at: usize) -> Vec<usize> {
    let words = &p.words;
    let mut k = at;
    // Adverbs between the subject and its verb ("Norland also said").
    while k > 0 && words[k - 1].upos == Upos::Adv {
        k -= 1;
    }
    let Some(mut first) = k.checked_sub(1).and_then(|x| p.phrase_at(x)) else {
        return Vec::new();
    };
    if p.phrases[first].last + 1 != k {
        return Vec::new();
    }
    // "The union on Tuesday accused", "the head of the agency said": a phrase after a
    // preposition is its object, so a finite verb's subject is the phrase before the
    // preposition ("no sign of Valdor pulling back": a gerund's is the phrase itself).
    let finite = words
        .get(at)
        .is_some_and(|w| matches!(w.form, Form::Past | Form::Present))
        || words.get(at).is_some_and(|w| w.upos == Upos::Aux);
    if finite {
        first = before_its_prepositions(p, first, at);
    }
    let mut out = vec![first];
    let mut cur = first;
    while out.len() < REACH / 4 {
        let start = p.phrases[cur].first;
        let Some(joint) = start.checked_sub(1) else {
            break;
        };
        let mut j = joint;
        let mut joined = words[j].upos == Upos::Cconj && (words[j].is("and") || words[j].is("or"));
        // ", and" joins a list ("Ostia, Valdor, and Norland") but more often two clauses
        // ("…, and he said"): only a phrase that itself follows a comma makes it a list.
        if joined && j > 0 && words[j - 1].text == "," {
            let listed = p
                .phrase_at(j.saturating_sub(2))
                .map(|x| p.phrases[x].first)
                .is_some_and(|f| f > 0 && words[f - 1].text == ",");
            if !listed {
                break;
            }
            j -= 1;
        }
        joined |= words[j].text == "," && out.len() > 1;
        if !joined || j == 0 {
            break;
        }
        // "both Ostia and …": a correlative before the first conjunct.
        let Some(prev) = p.phrase_at(j - 1).filter(|&x| p.phrases[x].last + 1 == j) else {
            break;
        };
        out.push(prev);
        cur = prev;
    }
    out.reverse();
    out
}

/// The phrase that `ph` (before the verb at `at`) qualifies through up to four
/// prepositions ("the head of the agency", "the Harbour Tower in Eastport"), or `ph`.
pub(super) fn before_its_prepositions(p: &Parse, ph: usize, at: usize) -> usize {
    let words = &p.words;
    let mut first = ph;
    for _ in 0..4 {
        let start = p.phrases[first].first;
        let Some(prep) = start
            .checked_sub(1)
            .filter(|&j| words[j].upos == Upos::Adp && !opens_clause(&words[j], j, at))
        else {
            break;
        };
        match prep
            .checked_sub(1)
            .and_then(|x| p.phrase_at(x))
            .filter(|&x| p.phrases[x].last + 1 == prep)
        {
            Some(before) => first = before,
            None => break,
        }
    }
    first
}

/// Where the amount a verb takes begins, past the words that bound it ("lasted more than
/// three hours", "rose by nearly five"): the number, or `at` when no number follows them.
fn amount_start(p: &Parse, at: usize, limit: usize) -> usize {
    let words = &p.words;
    let bounding = |w: &Word| {
        w.upos == Upos::Adv
            || ["more", "less", "fewer", "than", "at", "least", "most"]
                .iter()
                .any(|x| w.is(x))
    };
    let mut k = at;
    while k < limit && k < at + 3 && bounding(&words[k]) {
        k += 1;
    }
    if k > at && k < limit && words[k].upos == Upos::Num {
        k
    } else {
        at
    }
}

/// The phrase that phrase `ph` owns, and what that one owns in turn ("Norland's envoy":
/// the envoy), or `ph`: a verb takes what is owned, not its owner.
fn possessed(p: &Parse, ph: usize) -> usize {
    let mut at = ph;
    for _ in 0..4 {
        match p.phrases.iter().position(|o| o.possessor == Some(at)) {
            Some(o) if o != at => at = o,
            _ => break,
        }
    }
    at
}

/// The object, copula complement and prepositional phrases after a verb group, up to the
/// next group (`limit`); returns them with the last word they reach.
fn after_verb(
    p: &Parse,
    g: &VerbGroup,
    limit: usize,
) -> (Option<usize>, Option<Complement>, Vec<Prep>, usize) {
    let words = &p.words;
    let mut at = g.last + 1;
    let mut object = None;
    let mut complement = None;
    let mut end = g.last;
    if g.copula {
        // Adverbs before an adjective complement ("is now dead"), and a quotation mark
        // that quotes it ("was 'desperate' to leave").
        let mut k = at;
        while k < limit
            && ((words[k].upos == Upos::Adv && !words[k].is_negation())
                || words[k].quote_mark().is_some())
        {
            k += 1;
        }
        if k < limit && words[k].upos == Upos::Adj && p.phrase_at(k).is_none() {
            complement = Some(Complement::Adjective(k));
            at = k + 1;
            end = k;
        } else if let Some(ph) = p.phrase_at(k).filter(|&ph| p.phrases[ph].first == k) {
            let ph = possessed(p, ph);
            complement = Some(match p.phrases[ph].head {
                h if words[h].upos == Upos::Adj => Complement::Adjective(h),
                _ => Complement::Phrase(ph),
            });
            at = p.phrases[ph].last + 1;
            end = p.phrases[ph].last;
        }
    } else if let Some(ph) = p
        .phrase_at(amount_start(p, at, limit))
        .filter(|&ph| p.phrases[ph].first == amount_start(p, at, limit))
    {
        let ph = possessed(p, ph);
        object = Some(ph);
        at = p.phrases[ph].last + 1;
        end = p.phrases[ph].last;
    }
    let mut preps = Vec::new();
    while at + 1 < limit && preps.len() < 8 {
        let w = &words[at];
        if w.upos != Upos::Adp {
            // The "of" phrase of the object is part of it.
            if let Some(ph) = p.phrase_at(at).filter(|&ph| p.phrases[ph].first == at) {
                at = p.phrases[ph].last + 1;
                end = p.phrases[ph].last;
                continue;
            }
            break;
        }
        let Some(ph) = p
            .phrase_at(at + 1)
            .filter(|&ph| p.phrases[ph].first == at + 1)
        else {
            break;
        };
        preps.push(Prep {
            word: at,
            phrase: ph,
        });
        at = p.phrases[ph].last + 1;
        end = p.phrases[ph].last;
    }
    (
        object,
        complement,
        preps,
        end.min(limit.saturating_sub(1)).max(g.last),
    )
}
