//! The JSON report (`claimclash.report/1`): the whole analysis for tools, with ids in place
//! of indices.

use super::{SCHEMA, Summary, summary};
use crate::Analysis;
use crate::article::DateBasis;
use crate::claim::Claim;
use crate::conflict::{Kind, Verdict};
use crate::rules::RuleSet;
use serde::Serialize;

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: &'static str,
    summary: Summary,
    articles: Vec<JsonArticle<'a>>,
    claims: Vec<JsonClaim<'a>>,
    conflicts: Vec<JsonConflict<'a>>,
    agreements: Vec<JsonAgreement<'a>>,
    /// What was read: the articles that gave no claim, and the language layer's share.
    coverage: JsonCoverage<'a>,
    problems: &'a [crate::article::Problem],
}

#[derive(Serialize)]
struct JsonCoverage<'a> {
    articles_without_claims: Vec<&'a str>,
    general_sentences_read: usize,
}

#[derive(Serialize)]
struct JsonArticle<'a> {
    id: &'a str,
    path: &'a str,
    title: Option<&'a str>,
    date: Option<String>,
    /// given | from_text | undated
    dated: DateBasis,
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    case: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonClaim<'a> {
    id: &'a str,
    article: &'a str,
    text: &'a str,
    span: [usize; 2],
    line: usize,
    speaker: Option<&'a str>,
    speaks_for: Vec<&'a str>,
    subject: String,
    predicate: &'a str,
    family: &'a str,
    polarity: crate::claim::Polarity,
    stance: crate::claim::Stance,
    target: Option<&'a str>,
    modality: crate::claim::Modality,
    quantity: Option<&'a crate::quantity::Quantity>,
    when: Option<&'a crate::time::When>,
    trigger: &'a str,
    /// How each decision about the claim was reached, for `claimclash explain`.
    /// `beat` (a rule of the pack) or `general` (the language layer).
    source: &'static str,
    reasons: &'a [String],
}

#[derive(Serialize)]
struct JsonConflict<'a> {
    id: String,
    verdict: Verdict,
    kind: Kind,
    subject: String,
    a: &'a str,
    b: &'a str,
    score: f64,
    explanation: String,
}

#[derive(Serialize)]
struct JsonAgreement<'a> {
    id: String,
    subject: String,
    a: &'a str,
    b: &'a str,
    explanation: String,
}

/// The JSON report, pretty-printed, ending with a newline.
pub fn json(analysis: &Analysis, rules: &RuleSet) -> String {
    let a = analysis;
    let report = JsonReport {
        schema: SCHEMA,
        summary: summary(a),
        articles: a
            .articles
            .iter()
            .map(|x| JsonArticle {
                id: &x.id,
                path: &x.path,
                title: x.title.as_deref(),
                date: x.date.map(|d| d.to_string()),
                dated: x.date_basis,
                source: x.source.as_deref(),
                url: x.url.as_deref(),
                case: x.case.as_deref(),
            })
            .collect(),
        claims: a.claims.iter().map(|c| json_claim(c, a, rules)).collect(),
        conflicts: a
            .conflicts
            .iter()
            .map(|k| JsonConflict {
                id: k.id(&a.claims),
                verdict: k.verdict,
                kind: k.kind,
                subject: k.subject(&a.claims).id(rules),
                a: &a.claims[k.a].id,
                b: &a.claims[k.b].id,
                score: k.score(&a.claims),
                explanation: a.explain(k, rules),
            })
            .collect(),
        agreements: a
            .agreements
            .iter()
            .map(|g| JsonAgreement {
                id: g.id(&a.claims),
                subject: g.subject(&a.claims).id(rules),
                a: &a.claims[g.a].id,
                b: &a.claims[g.b].id,
                explanation: a.explain_agreement(g, rules),
            })
            .collect(),
        coverage: JsonCoverage {
            articles_without_claims: a
                .silent
                .iter()
                .map(|&i| a.articles[i].id.as_str())
                .collect(),
            general_sentences_read: a.general_read.sentences,
        },
        problems: &a.problems,
    };
    let mut out =
        serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

/// One claim, its indices replaced by the ids of its article, entities and predicate.
fn json_claim<'a>(c: &'a Claim, a: &'a Analysis, rules: &'a RuleSet) -> JsonClaim<'a> {
    JsonClaim {
        id: &c.id,
        article: &a.articles[c.article].id,
        text: &c.text,
        span: [c.span.0, c.span.1],
        line: c.line,
        speaker: c.speaker.map(|s| rules.entity_id(s)),
        speaks_for: c
            .speaker
            .map(|s| {
                rules
                    .speaks_for_chain(s)
                    .into_iter()
                    .map(|e| rules.entity_id(e))
                    .collect()
            })
            .unwrap_or_default(),
        subject: c.subject.id(rules),
        predicate: &rules.predicates[c.predicate].id,
        family: &rules.families[rules.predicates[c.predicate].family].id,
        polarity: c.polarity,
        stance: c.stance,
        target: c.target.as_deref(),
        modality: c.modality,
        quantity: c.quantity.as_ref(),
        when: c.when.as_ref(),
        trigger: &c.trigger,
        source: if c.general.is_some() {
            "general"
        } else {
            "beat"
        },
        reasons: &c.reasons,
    }
}
