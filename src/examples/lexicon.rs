//! The general knowledge's examples: every sentence and pair of `claims/general/` read
//! through the whole pipeline, so that an edit to the lexicon (or to the language layer)
//! that breaks what an entry promises is caught by `claimclash rules test`.
//!
//! - A pair (`text`, `other`, `relation`) is two articles of one day by two writers: a
//!   `contradiction` must be reported as one, a `change` as a change over time and not a
//!   contradiction, and `agreement` or `neither` as no conflict at all. (Agreements are
//!   reported only between claims that share more than their relation, so an agreement
//!   example asks that nothing be set against it, not that it be listed.)
//!
//! An example with a `todo` is a known miss: it is listed apart, with its reason, and it
//! fails once it holds, so that the note does not outlive the miss.
//! - An implicative's sentence must leave its complement as `complement` says.
//! - A morphology sentence must read its form (`words: [lemma, form]`) as the lemma.
//! - A countries sentence must name the country through the word it gives.

use super::{DEFAULT_EXAMPLE_DATE, Failure};
use crate::article::Article;
use crate::conflict::Verdict;
use crate::lexicon::schema::{Relation, Truth};
use crate::lexicon::{LexExample, Lexicon, Section};
use crate::parse::Reader;
use crate::rules::RuleSet;
use crate::{Analysis, Pipeline};

/// What the lexicon's examples came to.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Examples not read as they say, and known misses that hold now.
    pub failures: Vec<Failure>,
    /// Known misses (`todo`), with their reasons.
    pub known: Vec<(Failure, String)>,
}

/// Runs every example of the lexicon, in file order.
pub fn run(rules: &RuleSet, lexicon: &Lexicon) -> Outcome {
    let mut reader = Reader::default();
    let mut out = Outcome::default();
    for ex in lexicon.examples() {
        match (run_one(rules, lexicon, &mut reader, ex), &ex.todo) {
            (Some(f), Some(why)) => out.known.push((f, why.clone())),
            (Some(f), None) => out.failures.push(f),
            (None, Some(why)) if kind(ex).is_some() => out.failures.push(Failure {
                origin: ex.origin.clone(),
                rule: format!("{} example", ex.section.key()),
                text: ex.text.clone(),
                expected: format!("a known miss ({why})"),
                got: "it is read as it says now: take its `todo` away".into(),
            }),
            (None, _) => {}
        }
    }
    out
}

/// How many of the lexicon's examples [`run`] can read: the others (an entry's words
/// shown in a sentence, with nothing to come out) are checked by `rules check` alone.
pub fn runnable(lexicon: &Lexicon) -> usize {
    lexicon
        .examples()
        .iter()
        .filter(|e| kind(e).is_some())
        .count()
}

/// What an example asks of the pipeline.
enum Kind<'e> {
    Pair(&'e str, Relation),
    Complement(&'e str, Truth),
    Lemma(&'e str, &'e str),
    Country(&'e str, &'e str),
}

fn kind(ex: &LexExample) -> Option<Kind<'_>> {
    if let (Some(other), Some(relation)) = (&ex.other, ex.relation) {
        return Some(Kind::Pair(other, relation));
    }
    match ex.section {
        Section::Implicatives => {
            let verb = &ex.implicative.as_ref()?.0;
            Some(Kind::Complement(verb, ex.complement?))
        }
        Section::Morphology => match ex.words.as_slice() {
            [lemma, form] => Some(Kind::Lemma(lemma, form)),
            _ => None,
        },
        Section::Countries => Some(Kind::Country(ex.country.as_deref()?, ex.words.first()?)),
        _ => None,
    }
}

/// Runs one example; `None` when it holds or is not one [`run`] reads.
pub fn run_one(
    rules: &RuleSet,
    lexicon: &Lexicon,
    reader: &mut Reader,
    ex: &LexExample,
) -> Option<Failure> {
    let (text, expected, got) = match kind(ex)? {
        Kind::Pair(other, relation) => {
            let (want, got) = pair(rules, lexicon, &ex.text, other, relation)?;
            (format!("{} / {other}", ex.text), want, got)
        }
        Kind::Complement(verb, want) => {
            let signature = |lemma: &str, link, marker: Option<&str>| {
                lexicon.clause_signature(lemma, link, marker)
            };
            let got = crate::proposition::complement_truth(reader, &ex.text, verb, &signature);
            if got == Some(want) {
                return None;
            }
            let got = got.map_or("no clause under the verb".into(), |t| truth_name(t).into());
            let want = format!("the clause under `{verb}` {}", truth_name(want));
            (ex.text.clone(), want, got)
        }
        Kind::Lemma(lemma, form) => {
            let got = lemma_in(reader, &ex.text, form);
            if got == lemma {
                return None;
            }
            (ex.text.clone(), format!("`{form}` read as `{lemma}`"), got)
        }
        Kind::Country(id, word) => {
            let got = country_in(lexicon, &ex.text, word);
            if got == id {
                return None;
            }
            (ex.text.clone(), format!("`{word}` names {id}"), got)
        }
    };
    Some(Failure {
        origin: ex.origin.clone(),
        rule: format!("{} example", ex.section.key()),
        text,
        expected,
        got,
    })
}

/// Reads a pair as two articles; `(expected, got)` when the verdict is not the relation's.
fn pair(
    rules: &RuleSet,
    lexicon: &Lexicon,
    text: &str,
    other: &str,
    relation: Relation,
) -> Option<(String, String)> {
    let analysis = two_articles(rules, lexicon, text, other);
    let verdicts = verdicts(&analysis);
    let (contradiction, change, _) = verdicts;
    let holds = match relation {
        Relation::Contradiction => contradiction,
        Relation::Change => change && !contradiction,
        Relation::Agreement | Relation::Neither => !contradiction && !change,
    };
    if holds {
        return None;
    }
    let want = match relation {
        Relation::Contradiction => "a contradiction",
        Relation::Change => "a change over time, no contradiction",
        Relation::Agreement => "no conflict (they say the same)",
        Relation::Neither => "no conflict",
    };
    Some((want.into(), found(&analysis, verdicts)))
}

/// The two sentences as articles `example-a` and `example-b` of the default day.
fn two_articles(rules: &RuleSet, lexicon: &Lexicon, text: &str, other: &str) -> Analysis {
    let article = |id: &str, body: &str| Article::in_memory(id, DEFAULT_EXAMPLE_DATE, body);
    let mut pipeline = Pipeline::new(rules).with_lexicon(lexicon);
    pipeline.add(vec![
        article("example-a", text),
        article("example-b", other),
    ]);
    pipeline.finish()
}

/// Whether the two articles were found to contradict, to change, to agree.
fn verdicts(a: &Analysis) -> (bool, bool, bool) {
    let across = |x: usize, y: usize| a.claims[x].article != a.claims[y].article;
    let has = |v: Verdict| {
        a.conflicts
            .iter()
            .any(|k| k.verdict == v && across(k.a, k.b))
    };
    let agreement = a.agreements.iter().any(|g| across(g.a, g.b));
    (
        has(Verdict::Contradiction),
        has(Verdict::ChangedOverTime),
        agreement,
    )
}

/// What came out of a pair, in words: the verdicts, else how many claims each side gave.
fn found(a: &Analysis, (contradiction, change, agreement): (bool, bool, bool)) -> String {
    let named: Vec<&str> = [
        (contradiction, "a contradiction"),
        (change, "a change over time"),
        (agreement, "an agreement"),
    ]
    .into_iter()
    .filter_map(|(on, name)| on.then_some(name))
    .collect();
    if !named.is_empty() {
        return named.join(" and ");
    }
    let count = |i: usize| a.claims.iter().filter(|c| c.article == i).count();
    format!(
        "no verdict ({} claim(s) from the first sentence, {} from the other)",
        count(0),
        count(1)
    )
}

/// The lemma the parse gives the first word spelt `form`, or why there is none.
fn lemma_in(reader: &mut Reader, text: &str, form: &str) -> String {
    let p = reader.read(text, 0, text.len());
    let word = p.words.iter().find(|w| w.text.eq_ignore_ascii_case(form));
    word.map_or_else(
        || format!("no word `{form}` in the sentence"),
        |w| w.lemma.to_lowercase(),
    )
}

/// The country `word` names as it stands in the text, or why none.
fn country_in(lexicon: &Lexicon, text: &str, word: &str) -> String {
    if !text.contains(word) {
        return format!("no `{word}` in the sentence");
    }
    lexicon
        .country_of(word)
        .map_or_else(|| "no country".into(), str::to_string)
}

fn truth_name(t: Truth) -> &'static str {
    match t {
        Truth::Affirmed => "affirmed",
        Truth::Negated => "negated",
        Truth::Unknown => "left unknown",
    }
}
