//! Rule examples: runs the sentences every rule of the pack carries and reports the ones
//! that do not come out as the rule says, so a rule edit that breaks one is caught; the
//! general knowledge's examples run in `lexicon`.

pub mod lexicon;

use crate::article::Article;
use crate::claim::{Claim, Modality, Polarity, Stance, claims_for_article};
use crate::extract::extract;
use crate::rules::{Example, ExampleOf, Origin, RuleSet};
use crate::sentence::split;

/// The date examples are read against when they give none: a fixed day, so that results
/// never depend on the clock.
pub const DEFAULT_EXAMPLE_DATE: &str = "2024-06-14";

/// An example that did not come out as its rule says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub origin: Origin,
    /// "predicate troops-pull-back", "entity ivanova", "cue negations".
    pub rule: String,
    pub text: String,
    pub expected: String,
    pub got: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}\n  sentence: {}\n  expected: {}\n  got:      {}",
            self.origin, self.rule, self.text, self.expected, self.got
        )
    }
}

fn field(c: &Claim, name: &str, rules: &RuleSet) -> String {
    match name {
        "subject" => c.subject.id(rules),
        "predicate" => rules.predicates[c.predicate].id.clone(),
        "polarity" => match c.polarity {
            Polarity::Affirmed => "affirmed".into(),
            Polarity::Negated => "negated".into(),
        },
        "stance" => match c.stance {
            Stance::Asserts => "asserts".into(),
            Stance::Disputes => "disputes".into(),
        },
        "modality" => match c.modality {
            Modality::Asserted => "asserted".into(),
            Modality::Hedged => "hedged".into(),
            Modality::Conditional => "conditional".into(),
        },
        "speaker" => c
            .speaker
            .map(|s| rules.entity_id(s).to_string())
            .unwrap_or_else(|| "(none)".into()),
        _ => String::new(),
    }
}

fn summary(claims: &[&Claim], rules: &RuleSet) -> String {
    if claims.is_empty() {
        return "no claim".into();
    }
    claims
        .iter()
        .map(|c| {
            [
                "predicate",
                "subject",
                "speaker",
                "polarity",
                "stance",
                "modality",
            ]
            .iter()
            .map(|n| format!("{n}={}", field(c, n, rules)))
            .collect::<Vec<_>>()
            .join(" ")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Runs one example; `None` when it holds.
pub fn run_one(rules: &RuleSet, ex: &Example) -> Option<Failure> {
    let date = ex.date.as_deref().unwrap_or(DEFAULT_EXAMPLE_DATE);
    let article = Article::in_memory("example", date, &ex.text);
    let sentences = split(&article.body);
    let facts = extract(&article.body, &sentences, rules);
    let claims = claims_for_article(0, &article, &facts, rules);
    let (rule, fired, relevant): (String, bool, Vec<&Claim>) = match ex.of {
        ExampleOf::Entity(e) => (
            format!("entity {}", rules.entities[e].id),
            facts
                .iter()
                .any(|f| f.mentions.iter().any(|m| m.entity == e)),
            claims.iter().collect(),
        ),
        ExampleOf::Predicate(p) => {
            let mine: Vec<&Claim> = claims.iter().filter(|c| c.predicate == p).collect();
            (
                format!("predicate {}", rules.predicates[p].id),
                !mine.is_empty(),
                mine,
            )
        }
        ExampleOf::Cue(c) => (
            format!("cue {}", rules.cues[c].id),
            facts.iter().any(|f| f.cues.iter().any(|h| h.cue == c)),
            claims.iter().collect(),
        ),
    };
    let fail = |expected: String, got: String| {
        Some(Failure {
            origin: ex.origin.clone(),
            rule: rule.clone(),
            text: ex.text.clone(),
            expected,
            got,
        })
    };
    if !ex.must_match {
        return if fired {
            fail(
                "no match".into(),
                format!("it matched ({})", summary(&relevant, rules)),
            )
        } else {
            None
        };
    }
    if !fired {
        return fail(
            "a match".into(),
            format!(
                "no match ({})",
                summary(&claims.iter().collect::<Vec<_>>(), rules)
            ),
        );
    }
    if ex.expect.is_empty() {
        return None;
    }
    let holds = relevant.iter().any(|c| {
        ex.expect
            .iter()
            .all(|(name, want)| field(c, name, rules) == *want)
    });
    if holds {
        None
    } else {
        let wanted = ex
            .expect
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join(" ");
        fail(format!("a claim with {wanted}"), summary(&relevant, rules))
    }
}

/// Runs every example of the pack, in pack order.
pub fn run(rules: &RuleSet) -> Vec<Failure> {
    rules
        .examples
        .iter()
        .filter_map(|ex| run_one(rules, ex))
        .collect()
}
