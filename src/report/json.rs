//! The JSON report (`claimclash.report/1`): the whole analysis for tools, with ids in place
//! of indices.

use super::pretty::Object;
use super::when_label;
use super::{SCHEMA, summary};
use crate::Analysis;
use crate::article::DateBasis;
use crate::claim::{Claim, VoiceKind};
use crate::conflict::{Kind, Verdict};
use crate::dispute::{Dispute, Side, Who};
use crate::rules::RuleSet;
use serde::Serialize;

#[derive(Serialize)]
struct JsonCoverage<'a> {
    articles_without_claims: Vec<&'a str>,
    general_sentences_read: usize,
}

#[derive(Serialize)]
struct JsonDispute<'a> {
    id: String,
    verdict: crate::dispute::Verdict,
    case: Option<&'a str>,
    subject: String,
    family: &'a str,
    proposition: String,
    /// First and last day its claims speak of; `null` when none is dated.
    window: Option<[String; 2]>,
    kinds: Vec<Kind>,
    sentences: usize,
    sides: Vec<JsonSide<'a>>,
    conflicts: Vec<String>,
    agreements: Vec<String>,
}

#[derive(Serialize)]
struct JsonSide<'a> {
    /// affirms | denies
    position: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    quantity: Option<&'a str>,
    label: String,
    /// Independent sources: distinct voices, colleagues of one organisation counted once.
    sources: usize,
    speakers: Vec<JsonSpeaker>,
    claims: Vec<&'a str>,
    articles: Vec<&'a str>,
    dates: Vec<String>,
}

#[derive(Serialize)]
struct JsonSpeaker {
    name: String,
    /// entity | person | organisation | unnamed | document | outlet | unattributed
    kind: &'static str,
    /// The entity id, for speakers of the pack.
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<String>,
    /// The voice it is part of: the end of its `speaks_for` chain, or its own key.
    voice: String,
    /// The outlet that reports a speaker the pack does not know.
    #[serde(skip_serializing_if = "Option::is_none")]
    via: Option<String>,
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
    /// Who says it as reports name them (a speaker the pack does not know, or
    /// "unattributed (outlet)"), and what kind of speaker that is.
    speaker_name: String,
    speaker_kind: &'static str,
    /// Who makes the claim with the speaker ("X and Y said").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    also: Vec<JsonSpeaker>,
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
    /// `beat` (a rule of the pack) or `general` (the language layer).
    source: &'static str,
    /// How each decision about the claim was reached, for `claimclash explain`.
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
    /// The finding of `disputes` this pair is folded into.
    dispute: Option<String>,
}

#[derive(Serialize)]
struct JsonAgreement<'a> {
    id: String,
    subject: String,
    a: &'a str,
    b: &'a str,
    explanation: String,
    /// The finding of `disputes` this pair is folded into.
    dispute: Option<String>,
}

/// The JSON report, pretty-printed, ending with a newline. Its fields, in order: `schema`,
/// `summary`, `articles`, `claims`, `conflicts`, `agreements`, `disputes` (the pairs grouped
/// by proposition, added in claimclash.report/1; see README), `coverage` (the articles that
/// gave no claim, and the language layer's share) and `problems`.
pub fn json(analysis: &Analysis, rules: &RuleSet) -> String {
    let a = analysis;
    let capacity = 800 * a.claims.len() + 400 * a.agreements.len() + 300 * a.articles.len();
    let o = Object::with_capacity(capacity + 500 * a.conflicts.len() + 4096);
    match json_object(a, rules, o).and_then(Object::finish_text) {
        Ok(text) => text,
        Err(e) => format!("{{\"error\": \"{e}\"}}\n"),
    }
}

/// The JSON report written to `out` as it is made, byte for byte what [`json`] returns:
/// a large corpus's report is never held whole in memory.
pub fn json_to<W: std::io::Write>(
    analysis: &Analysis,
    rules: &RuleSet,
    out: W,
) -> std::io::Result<W> {
    json_object(analysis, rules, Object::to(out))?.finish()
}

/// The report's fields, in order, written into `o`.
fn json_object<W: std::io::Write>(
    analysis: &Analysis,
    rules: &RuleSet,
    mut o: Object<W>,
) -> std::io::Result<Object<W>> {
    let a = analysis;
    // Which finding each pair is folded into.
    let mut conflict_dispute: Vec<Option<String>> = vec![None; a.conflicts.len()];
    let mut agreement_dispute: Vec<Option<String>> = vec![None; a.agreements.len()];
    let disputes: Vec<JsonDispute> = a
        .disputes
        .iter()
        .map(|d| {
            let j = json_dispute(d, a, rules);
            for &k in &d.conflicts {
                conflict_dispute[k] = Some(j.id.clone());
            }
            for &g in &d.agreements {
                agreement_dispute[g] = Some(j.id.clone());
            }
            j
        })
        .collect();
    let disputes_of_conflicts = conflict_dispute;
    let disputes_of_agreements = agreement_dispute;
    // The fields of `JsonReport`, in its order; the long lists are written on all threads.
    o.field("schema", SCHEMA)?;
    o.field("summary", &summary(a))?;
    o.list("articles", &a.articles, |_, x| json_article(x))?;
    o.list("claims", &a.claims, |_, c| json_claim(c, a, rules))?;
    o.list("conflicts", &a.conflicts, |i, k| JsonConflict {
        id: k.id(&a.claims),
        verdict: k.verdict,
        kind: k.kind,
        subject: k.subject(&a.claims).id(rules),
        a: &a.claims[k.a].id,
        b: &a.claims[k.b].id,
        score: k.score(&a.claims),
        explanation: a.explain(k, rules),
        dispute: disputes_of_conflicts[i].clone(),
    })?;
    o.list("agreements", &a.agreements, |i, g| JsonAgreement {
        id: g.id(&a.claims),
        subject: g.subject(&a.claims).id(rules),
        a: &a.claims[g.a].id,
        b: &a.claims[g.b].id,
        explanation: a.explain_agreement(g, rules),
        dispute: disputes_of_agreements[i].clone(),
    })?;
    o.field("disputes", &disputes)?;
    o.field("coverage", &coverage(a))?;
    o.field("problems", &a.problems)?;
    Ok(o)
}

fn json_article(x: &crate::article::ArticleInfo) -> JsonArticle<'_> {
    JsonArticle {
        id: &x.id,
        path: &x.path,
        title: x.title.as_deref(),
        date: x.date.map(|d| d.to_string()),
        dated: x.date_basis,
        source: x.source.as_deref(),
        url: x.url.as_deref(),
        case: x.case.as_deref(),
    }
}

fn coverage(a: &Analysis) -> JsonCoverage<'_> {
    JsonCoverage {
        articles_without_claims: a
            .silent
            .iter()
            .map(|&i| a.articles[i].id.as_str())
            .collect(),
        general_sentences_read: a.general_read.sentences,
    }
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
        speaker_name: super::who(c, a, rules),
        speaker_kind: match (c.speaker, &c.voice) {
            (Some(_), _) => "entity",
            (None, Some(v)) => voice_kind(v.kind),
            (None, None) => "unattributed",
        },
        also: Who::all_of(c, &a.articles)
            .iter()
            .skip(1)
            .map(|w| json_speaker(w, rules))
            .collect(),
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

/// One finding, its indices replaced by ids.
fn json_dispute<'a>(d: &'a Dispute, a: &'a Analysis, rules: &'a RuleSet) -> JsonDispute<'a> {
    JsonDispute {
        id: d.id(&a.claims),
        verdict: d.verdict,
        case: d.case.as_deref(),
        subject: d.subject.id(rules),
        family: &rules.families[d.family].id,
        proposition: d.proposition(rules),
        window: d
            .window(&a.claims)
            .map(|(s, e)| [s.to_string(), e.to_string()]),
        kinds: d.kinds(&a.conflicts),
        sentences: d.sentences(&a.claims),
        sides: d.sides.iter().map(|s| json_side(s, a, rules)).collect(),
        conflicts: d
            .conflicts
            .iter()
            .map(|&k| a.conflicts[k].id(&a.claims))
            .collect(),
        agreements: d
            .agreements
            .iter()
            .map(|&g| a.agreements[g].id(&a.claims))
            .collect(),
    }
}

fn json_side<'a>(s: &'a Side, a: &'a Analysis, rules: &'a RuleSet) -> JsonSide<'a> {
    let mut articles: Vec<&str> = s
        .claims
        .iter()
        .map(|&i| a.articles[a.claims[i].article].id.as_str())
        .collect();
    articles.sort_unstable();
    articles.dedup();
    let mut dates: Vec<String> = s.claims.iter().map(|&i| when_label(&a.claims[i])).collect();
    dates.sort();
    dates.dedup();
    JsonSide {
        position: if s.affirms { "affirms" } else { "denies" },
        quantity: s.quantity.as_deref(),
        label: s.label(),
        sources: s.sources(&a.claims, &a.articles, rules),
        speakers: s
            .speakers(&a.claims, &a.articles)
            .iter()
            .map(|w| json_speaker(w, rules))
            .collect(),
        claims: s.claims.iter().map(|&i| a.claims[i].id.as_str()).collect(),
        articles,
        dates,
    }
}

fn json_speaker(w: &Who, rules: &RuleSet) -> JsonSpeaker {
    let (kind, entity, via) = match w {
        Who::Entity(e) => ("entity", Some(rules.entity_id(*e).to_string()), None),
        Who::Voice { voice, outlet } => (voice_kind(voice.kind), None, Some(outlet.clone())),
        Who::Unattributed { outlet } => ("unattributed", None, Some(outlet.clone())),
    };
    JsonSpeaker {
        name: match w {
            Who::Voice { voice, .. } => voice.name.clone(),
            other => other.name(rules),
        },
        kind,
        entity,
        voice: w.voice(rules).key(rules),
        via,
    }
}

/// How JSON names a kind of voice.
pub(crate) fn voice_kind(k: VoiceKind) -> &'static str {
    match k {
        VoiceKind::Person => "person",
        VoiceKind::Organisation => "organisation",
        VoiceKind::Unnamed => "unnamed",
        VoiceKind::Document => "document",
        VoiceKind::Outlet => "outlet",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Article;

    /// The report written as it is made is, byte for byte, the report made in memory.
    #[test]
    fn the_report_written_as_it_is_made_is_the_report_made_whole() {
        let rules = crate::rules::with_invented_entities();
        let articles = [
            Article::in_memory(
                "a",
                "2024-05-02",
                "Ruritania said it had withdrawn its troops.",
            ),
            Article::in_memory(
                "b",
                "2024-05-03",
                "Freedonia said Ruritania had not withdrawn.",
            ),
        ];
        let analysis = crate::analyze(&articles, rules);
        let rules = analysis.rules(rules);
        let whole = json(&analysis, rules);
        let written = json_to(&analysis, rules, Vec::new()).expect("writes to memory");
        assert!(whole.contains("\"claims\": ["), "{whole}");
        assert_eq!(String::from_utf8(written).expect("utf-8"), whole);
    }
}
