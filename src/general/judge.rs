//! Judging two general claims about one subject: whether they cannot both hold — one
//! denies what the other's sentence states, their relations are opposites, their amounts
//! or a functional relation's values differ — or say the same, and why, naming the lexicon
//! knowledge it used.

use super::gist::{Gist, same_word};
use crate::lexicon::Lexicon;
use crate::lexicon::schema::Pos;
use crate::quantity::{Bound, Quantity};

/// How two general claims clash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clash {
    /// One says the relation does not hold where the other's sentence says it does.
    Negation,
    /// As `Negation`, with one side a denial ("denied that …").
    Denial,
    /// Opposite relations from the lexicon's antonyms (rise/fall).
    Opposite,
    /// Amounts of the same thing that cannot both be true.
    Amount,
    /// Two values of a relation that has only one (born in, capital of).
    Value,
}

/// What two general claims come to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    Clash { clash: Clash, why: String },
    Agree,
}

/// Judges two general claims about one subject. `tolerance` widens amounts as the pack's
/// `quantity_tolerance` does.
pub fn judge(a: &Gist, b: &Gist, lex: &Lexicon, tolerance: f64) -> Option<Finding> {
    if let Some(f) = rejected(a, b).or_else(|| rejected(b, a)) {
        return Some(f);
    }
    // "will be charged" against "has not been charged yet": what will be and what is are
    // about different times.
    if a.future != b.future {
        return None;
    }
    // "not allow her to get surgery" and "let me back": a relation whose content is a
    // clause says nothing of the same relation with other content, or with none.
    if !same_content(lex, a, b) {
        return None;
    }
    if a.holds() != b.holds() {
        let (no, yes) = if a.holds() { (b, a) } else { (a, b) };
        return negation(no, yes, lex).map(|why| Finding::Clash {
            clash: if a.disputed || b.disputed {
                Clash::Denial
            } else {
                Clash::Negation
            },
            why,
        });
    }
    if let Some(f) = value(a, b).or_else(|| opposite(a, b, lex)) {
        return Some(f);
    }
    if let Some(f) = amount(a, b, lex, tolerance) {
        return Some(f);
    }
    (a.holds()
        && !a.described
        && !b.described
        && a.core.len() >= 2
        && a.core == b.core
        && same_relation(lex, &a.relation, &b.relation))
    .then_some(Finding::Agree)
}

/// `no` rejects the allegations about its subject, and `said` is one: an allegation about
/// that subject made by someone else.
fn rejected(no: &Gist, said: &Gist) -> Option<Finding> {
    if no.rejects != Some(super::Rejects::Allegations)
        || !said.alleged
        || !said.holds()
        || said.rejects.is_some()
        || said.speaker.is_none()
        || said.speaker.as_ref() == Some(&no.subject)
    {
        return None;
    }
    Some(Finding::Clash {
        clash: Clash::Denial,
        why: format!(
            "`{}` rejects what is alleged about it, and `{}` alleges it (a verb of dispute on a noun of saying, claims/general/implicatives.yaml)",
            no.subject_text,
            said.speaker_text.as_deref().unwrap_or("another source")
        ),
    })
}

/// Whether two relations take the same clausal content: none, or each one's words
/// standing in the other's.
fn same_content(lex: &Lexicon, a: &Gist, b: &Gist) -> bool {
    covered(lex, &a.content, &b.content) && covered(lex, &b.content, &a.content)
}

/// Whether every content word of `few` has its like among `many`.
fn covered(lex: &Lexicon, few: &[String], many: &[String]) -> bool {
    few.iter()
        .all(|w| many.iter().any(|m| same_word(lex, w, m)))
}

fn shares(lex: &Lexicon, a: &[String], b: &[String]) -> bool {
    a.iter().any(|w| b.iter().any(|m| same_word(lex, w, m)))
}

/// `no` denies what `yes`'s sentence states: every content word of `no`'s clause stands
/// in `yes`'s sentence, and some in `yes`'s own clause.
fn negation(no: &Gist, yes: &Gist, lex: &Lexicon) -> Option<String> {
    // The same relation, clause to clause: the other sentence holding the words in some
    // other clause says nothing of this one.
    if !same_relation(lex, &no.relation, &yes.relation) {
        return None;
    }
    let mut own = yes.core.clone();
    own.extend(yes.subject_words.iter().cloned());
    // One proposition, read both ways: each clause's content stands in the other's
    // sentence, so a clause that says more (another place, another time) is not denied.
    // Denied of anything at all ("not withdrawing from anything"), it denies the other
    // clause whatever more it says.
    let same = covered(lex, &no.core, &yes.sentence)
        && (no.universal || covered(lex, &yes.core, &no.sentence));
    (same && shares(lex, &no.core, &own)).then(|| {
        format!(
            "one says `{}` does not hold, the other's sentence states all of it ({})",
            no.relation,
            no.core.join(", ")
        )
    })
}

/// Whether two relations are the same: equal, or their heads synonyms.
fn same_relation(lex: &Lexicon, a: &str, b: &str) -> bool {
    let ((ha, pa), (hb, pb)) = (relation_head(a), relation_head(b));
    a == b || same_word(lex, a, b) || (pa == pb && same_word(lex, ha, hb))
}

/// The word that carries a relation, with its part of speech: "be guilty" → guilty (Adj).
fn relation_head(relation: &str) -> (&str, Pos) {
    match relation.strip_prefix("be ") {
        Some(rest) => (rest, Pos::Adj),
        None => (relation.split(' ').next().unwrap_or(relation), Pos::Verb),
    }
}

/// Opposite relations, the rest of one claim's content standing in the other's sentence.
fn opposite(a: &Gist, b: &Gist, lex: &Lexicon) -> Option<Finding> {
    let ((ha, pa), (hb, pb)) = (relation_head(&a.relation), relation_head(&b.relation));
    if pa != pb || !lex.are_antonyms(ha, hb, pa) {
        return None;
    }
    let rest =
        |g: &Gist, h: &str| -> Vec<String> { g.core.iter().filter(|w| *w != h).cloned().collect() };
    let (ra, rb) = (rest(a, ha), rest(b, hb));
    // The words that tell which one a common noun is ("grain" of "grain prices"): the
    // fewer of them stand among the other's words, so "oil prices" is not "grain prices".
    let (ma, mb) = (modifiers(a, lex), modifiers(b, lex));
    let all = |g: &Gist| -> Vec<String> { [&g.core[..], &g.subject_words[..]].concat() };
    let which = if ma.len() <= mb.len() {
        covered(lex, &ma, &all(b))
    } else {
        covered(lex, &mb, &all(a))
    };
    // Opposite relations of the same thing: what else each clause says stands in the other
    // clause, and there is something else ("rose" against "fell" alone says too little).
    let says_more = |r: &[String], m: &[String]| !r.is_empty() || !m.is_empty();
    let same = says_more(&ra, &ma)
        && says_more(&rb, &mb)
        && which
        && covered(lex, &ra, &b.core)
        && covered(lex, &rb, &a.core);
    let few = &ra;
    same.then(|| Finding::Clash {
        clash: Clash::Opposite,
        why: format!(
            "`{ha}` and `{hb}` are opposites (claims/general/antonyms.yaml), about the same {}",
            if few.is_empty() {
                "subject".to_string()
            } else {
                few.join(", ")
            }
        ),
    })
}

/// Two values of one functional relation that share no word.
fn value(a: &Gist, b: &Gist) -> Option<Finding> {
    let ((fa, va), (fb, vb)) = (a.value.as_ref()?, b.value.as_ref()?);
    // Only one named thing has one value: "militants were killed in …" are many.
    if fa != fb || !a.holds() || !b.holds() || matches!(a.subject, super::Who::Thing { .. }) {
        return None;
    }
    let words = |v: &str| v.split(' ').map(str::to_string).collect::<Vec<_>>();
    values_differ(&words(va), &words(vb)).then(|| Finding::Clash {
        clash: Clash::Value,
        why: format!("`{fa}` has one value (claims/general/functional.yaml): {va} against {vb}"),
    })
}

/// The words of a common-noun subject but its head ("grain" of "grain prices"); none
/// for a name.
fn modifiers(g: &Gist, lex: &Lexicon) -> Vec<String> {
    let super::Who::Thing { key } = &g.subject else {
        return Vec::new();
    };
    g.subject_words
        .iter()
        .filter(|w| *w != key && !same_word(lex, w, key))
        .cloned()
        .collect()
}

/// Whether two values of a relation (folded words) exclude each other. Names and places
/// differ when they share no word ("New York" is not set against "York"). Dates differ
/// part by part: years, days of the month and other words (months) each must meet where
/// both give them, so "1987 or 1988" allows "Sept. 26, 1987", and "3 May 2019" is not
/// "9 May 2019".
fn values_differ(a: &[String], b: &[String]) -> bool {
    let numeric = |v: &[String]| {
        v.iter()
            .any(|w| w.starts_with(|c: char| c.is_ascii_digit()))
    };
    if !numeric(a) || !numeric(b) {
        return !a.iter().any(|w| b.contains(w));
    }
    let part = |v: &[String], which: u8| -> Vec<String> {
        v.iter()
            .filter(|w| date_part(w) == which)
            .cloned()
            .collect()
    };
    (0..3).any(|which| {
        let (x, y) = (part(a, which), part(b, which));
        !x.is_empty() && !y.is_empty() && !x.iter().any(|w| y.contains(w))
    })
}

/// The part of a date a folded word gives: 0 a year (or any other number), 1 a day of the
/// month, 2 a word (a month's name).
fn date_part(w: &str) -> u8 {
    match w.parse::<u32>() {
        Ok(1..=31) => 1,
        Ok(_) => 0,
        Err(_) if w.starts_with(|c: char| c.is_ascii_digit()) => 0,
        Err(_) => 2,
    }
}

/// Amounts of the same noun under the same relation that cannot both be true.
fn amount(a: &Gist, b: &Gist, lex: &Lexicon, tolerance: f64) -> Option<Finding> {
    if !a.holds() || !same_relation(lex, &a.relation, &b.relation) {
        return None;
    }
    // Amounts of one thing: the rest of one clause's content (not the numbers) stands in
    // the other's clause ("4 hours of tracking" is not "19 hours of battery life").
    let rest = |g: &Gist| -> Vec<String> {
        g.core
            .iter()
            .filter(|w| {
                !w.chars().next().is_some_and(|c| c.is_ascii_digit())
                    && !g.amounts.iter().any(|x| &x.unit == *w)
                    && **w != relation_head(&g.relation).0
            })
            .cloned()
            .collect()
    };
    let (ra, rb) = (rest(a), rest(b));
    let (few, many) = if ra.len() <= rb.len() {
        (&ra, &rb)
    } else {
        (&rb, &ra)
    };
    // Amounts of different things: both clauses name what they measure, and nothing is
    // shared ("targeted 4 hours of exercise" against "targeted battery life at 19 hours").
    let apart =
        !a.measured.is_empty() && !b.measured.is_empty() && !shares(lex, &a.measured, &b.measured);
    if !covered(lex, few, many) || apart {
        return None;
    }
    let q = |x: &super::Amount| Quantity {
        value: x.value,
        unit: "",
        bound: x.bound,
        text: x.text.clone(),
    };
    // Amounts in the same unit, each of one claim against each of the other. A clause may
    // hold several ("revised down from 2.3 million to 1.6 million"): when any of one can be
    // any of the other, they may tell the same facts, and nothing clashes (a wire story
    // reprinted word for word never contradicts itself).
    let pairs: Vec<_> = a
        .amounts
        .iter()
        .flat_map(|x| {
            b.amounts
                .iter()
                .filter(|y| y.unit == x.unit)
                .map(move |y| (x, y))
        })
        .collect();
    if pairs.iter().any(|(x, y)| q(x).compatible(&q(y), tolerance)) {
        return None;
    }
    let (x, y) = pairs.first()?;
    let exact = x.bound == Bound::Exact && y.bound == Bound::Exact;
    Some(Finding::Clash {
        clash: Clash::Amount,
        why: format!(
            "`{}` with {} against {}{}",
            a.relation,
            x.text,
            y.text,
            if exact {
                ""
            } else {
                " (bounds read as ranges)"
            }
        ),
    })
}
