//! Reports: pure rendering of an [`Analysis`] as Markdown (for people, `markdown`), JSON
//! (`claimclash.report/1`, for tools, `json`), HTML (`html`), DOT (`dot`) and CSV (`csv`).
//! Order is fixed by the analysis, never by input order. This module holds what the formats
//! share: the summary counts, the findings as sections of cards, and their labels.

mod csv;
mod dot;
pub mod html;
mod json;
mod markdown;
mod pretty;

pub use csv::{csv, csv_pairs};
pub use dot::dot;
pub use json::{json, json_to};
pub use markdown::{markdown, markdown_pairs, md_code, md_escape, terminal};

use crate::Analysis;
use crate::article::DateBasis;
use crate::claim::Claim;
use crate::conflict::{Kind, Verdict};
use crate::rules::RuleSet;
use serde::Serialize;

pub const SCHEMA: &str = "claimclash.report/1";

/// The counts every report opens with.
#[derive(Serialize)]
pub(crate) struct Summary {
    pub articles: usize,
    pub undated_articles: usize,
    pub claims: usize,
    pub contradictions: usize,
    pub changed_over_time: usize,
    pub agreements: usize,
    pub problems: usize,
    /// Findings by proposition: disputes (contradictions), propositions changed over time,
    /// revised statements and corroborations.
    pub disputes: usize,
    pub timelines: usize,
    pub revised_statements: usize,
    pub corroborations: usize,
}

pub(crate) fn summary(a: &Analysis) -> Summary {
    use crate::dispute::Verdict as Verdict3;
    let verdicts = |v: Verdict3| a.disputes.iter().filter(|d| d.verdict == v).count();
    Summary {
        articles: a.articles.len(),
        undated_articles: a.articles.iter().filter(|x| x.date.is_none()).count(),
        claims: a.claims.len(),
        contradictions: a.contradictions(),
        changed_over_time: a.changes(),
        agreements: a.agreements.len(),
        problems: a.problems.len(),
        disputes: verdicts(Verdict3::Contradiction),
        timelines: verdicts(Verdict3::ChangedOverTime),
        revised_statements: verdicts(Verdict3::RevisedStatement),
        corroborations: verdicts(Verdict3::Corroboration),
    }
}

/// The findings of one verdict under their headings ("Ostland — troop movements"), in
/// report order.
fn grouped<'a>(
    a: &'a Analysis,
    verdict: Verdict,
    rules: &RuleSet,
) -> Vec<(String, Vec<&'a crate::conflict::Conflict>)> {
    let mut out: Vec<(String, Vec<&crate::conflict::Conflict>)> = Vec::new();
    for k in a.conflicts.iter().filter(|k| k.verdict == verdict) {
        let family = &rules.families[rules.predicates[a.claims[k.a].predicate].family].name;
        let heading = format!("{} — {family}", k.subject(&a.claims).name(rules));
        match out.last_mut() {
            Some((h, list)) if *h == heading => list.push(k),
            _ => out.push((heading, vec![k])),
        }
    }
    out
}

/// For each article without a given date, what the report says of its date.
pub(crate) fn date_notes(a: &Analysis) -> Vec<(String, String)> {
    a.articles
        .iter()
        .filter(|x| x.date_basis != DateBasis::Given)
        .map(|x| match x.date {
            Some(d) => (
                x.path.clone(),
                format!("no date given; {d} read from its text"),
            ),
            None => (
                x.path.clone(),
                "undated; its claims are compared as if at the same time".to_string(),
            ),
        })
        .collect()
}

/// One finding as the Markdown and HTML reports show it: a conflict or an agreement.
pub(crate) struct Card {
    pub lead: Lead,
    pub id: String,
    /// The one-line reason.
    pub why: String,
    /// The two claims, as indices into `Analysis::claims`.
    pub a: usize,
    pub b: usize,
}

/// What a card says first: the verdict, kind and score of a conflict, or what an agreement
/// is about.
pub(crate) enum Lead {
    Conflict {
        verdict: Verdict,
        kind: Kind,
        score: f64,
    },
    Agreement {
        subject: String,
    },
}

impl Lead {
    /// "contradiction", "changed over time" or "agreement".
    pub(crate) fn badge(&self) -> &'static str {
        match self {
            Lead::Conflict { verdict, .. } => verdict_label(*verdict),
            Lead::Agreement { .. } => "agreement",
        }
    }
}

/// A part of the report: its title and its cards, under headings where it has them.
pub(crate) struct Section {
    pub title: &'static str,
    pub groups: Vec<(Option<String>, Vec<Card>)>,
}

impl Section {
    pub(crate) fn total(&self) -> usize {
        self.groups.iter().map(|(_, cards)| cards.len()).sum()
    }

    /// Writes the section as a format spells it: its title, `none` when it has no cards, a
    /// heading before each group that has one, and every card.
    pub(crate) fn write(
        &self,
        out: &mut String,
        (title, none): (String, &str),
        heading: impl Fn(&str) -> String,
        mut card: impl FnMut(&mut String, &Card),
    ) {
        out.push_str(&title);
        if self.groups.is_empty() {
            out.push_str(none);
        }
        for (h, cards) in &self.groups {
            if let Some(h) = h {
                out.push_str(&heading(h));
            }
            for c in cards {
                card(out, c);
            }
        }
    }
}

/// The findings in report order, as three sections: contradictions and changes over time
/// grouped under their headings, then the agreements. Shared by the Markdown and HTML reports.
pub(crate) fn sections(a: &Analysis, rules: &RuleSet) -> [Section; 3] {
    let conflicts = |verdict: Verdict, title: &'static str| Section {
        title,
        groups: grouped(a, verdict, rules)
            .into_iter()
            .map(|(heading, list)| {
                let cards = list
                    .into_iter()
                    .map(|k| Card {
                        lead: Lead::Conflict {
                            verdict: k.verdict,
                            kind: k.kind,
                            score: k.score(&a.claims),
                        },
                        id: k.id(&a.claims),
                        why: a.explain(k, rules),
                        a: k.a,
                        b: k.b,
                    })
                    .collect();
                (Some(heading), cards)
            })
            .collect(),
    };
    let agreements: Vec<Card> = a
        .agreements
        .iter()
        .map(|g| Card {
            lead: Lead::Agreement {
                subject: g.subject(&a.claims).name(rules),
            },
            id: g.id(&a.claims),
            why: a.explain_agreement(g, rules),
            a: g.a,
            b: g.b,
        })
        .collect();
    [
        conflicts(Verdict::Contradiction, "Contradictions"),
        conflicts(Verdict::ChangedOverTime, "Changed over time"),
        Section {
            title: "Agreements",
            groups: if agreements.is_empty() {
                Vec::new()
            } else {
                vec![(None, agreements)]
            },
        },
    ]
}

/// What a side of a card names besides its sentence: the article's path, who says it and
/// when it holds.
pub(crate) fn byline<'a>(c: &Claim, a: &'a Analysis, rules: &RuleSet) -> (&'a str, String, String) {
    (&a.articles[c.article].path, who(c, a, rules), when_label(c))
}

/// When a claim holds, as the reports label it.
pub(crate) fn when_label(c: &Claim) -> String {
    c.when
        .as_ref()
        .map(|w| w.label())
        .unwrap_or_else(|| "undated".into())
}

/// How the reports name a verdict.
pub(crate) fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Contradiction => "contradiction",
        Verdict::ChangedOverTime => "changed over time",
    }
}

/// How the reports name a kind of conflict.
pub(crate) fn kind_label(k: Kind) -> &'static str {
    match k {
        Kind::Dispute => "dispute",
        Kind::Negation => "negation",
        Kind::Opposite => "opposite",
        Kind::Quantity => "quantity",
        Kind::Time => "time",
        Kind::Functional => "functional",
    }
}

/// How findings are listed: by proposition (the default) or pair by pair (`--group pairs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Group {
    #[default]
    Disputes,
    Pairs,
}

/// The dispute findings of one verdict under their headings ("Ostland — troop
/// movements"), in report order.
pub(crate) fn disputes_of(
    a: &Analysis,
    verdict: crate::dispute::Verdict,
    rules: &RuleSet,
) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, d) in a.disputes.iter().enumerate() {
        if d.verdict != verdict {
            continue;
        }
        let heading = heading(d, rules);
        match out.last_mut() {
            Some((h, list)) if *h == heading => list.push(i),
            _ => out.push((heading, vec![i])),
        }
    }
    out
}

/// "Norland — election interference" (with the case, when there is one).
pub(crate) fn heading(d: &crate::dispute::Dispute, rules: &RuleSet) -> String {
    let family = &rules.families[d.family].name;
    match &d.case {
        Some(case) => format!("{} — {family} (case {case})", d.subject.name(rules)),
        None => format!("{} — {family}", d.subject.name(rules)),
    }
}

/// The parts of the dispute report, in order: title, verdict, and what a card of it is.
pub(crate) const DISPUTE_SECTIONS: [(&str, crate::dispute::Verdict, &str); 4] = [
    (
        "Disputes",
        crate::dispute::Verdict::Contradiction,
        "One proposition, its sides, who takes each and when.",
    ),
    (
        "Changed over time",
        crate::dispute::Verdict::ChangedOverTime,
        "One proposition whose answer changed: who said what, when.",
    ),
    (
        "Revised statements",
        crate::dispute::Verdict::RevisedStatement,
        "A speaker whose own statements conflict.",
    ),
    (
        "Corroborations",
        crate::dispute::Verdict::Corroboration,
        "One position taken by independent sources (people who speak for one organisation count once).",
    ),
];

/// How a dispute verdict is named.
pub(crate) fn dispute_label(v: crate::dispute::Verdict) -> &'static str {
    use crate::dispute::Verdict as V;
    match v {
        V::Contradiction => "contradiction",
        V::ChangedOverTime => "changed over time",
        V::RevisedStatement => "revised statement",
        V::Corroboration => "corroboration",
    }
}

/// Who says a claim, as the reports name them.
pub(crate) fn who(c: &Claim, a: &Analysis, rules: &RuleSet) -> String {
    let all: Vec<String> = crate::dispute::Who::all_of(c, &a.articles)
        .iter()
        .map(|w| w.name(rules))
        .collect();
    all.join(" and ")
}

/// The speakers of a side grouped by voice, in order of first claim: the voice's name and
/// the names of its speakers.
pub(crate) fn side_voice_groups(
    side: &crate::dispute::Side,
    a: &Analysis,
    rules: &RuleSet,
) -> Vec<(String, Vec<String>)> {
    let mut voices: Vec<(crate::dispute::Who, Vec<String>)> = Vec::new();
    for w in side.speakers(&a.claims, &a.articles) {
        let v = w.voice(rules);
        let name = w.name(rules);
        match voices.iter_mut().find(|(x, _)| *x == v) {
            Some((_, names)) => names.push(name),
            None => voices.push((v, vec![name])),
        }
    }
    voices
        .into_iter()
        .map(|(v, names)| (v.name(rules), names))
        .collect()
}

/// The speakers of a side as the reports list them: "Norland: Ana Reyes, Tomas
/// Reyd" for colleagues of one voice, the name alone for one who speaks alone.
pub(crate) fn side_voices(
    side: &crate::dispute::Side,
    a: &Analysis,
    rules: &RuleSet,
) -> Vec<String> {
    side_voice_groups(side, a, rules)
        .into_iter()
        .map(|(root, names)| {
            if names.len() == 1 && names[0] == root {
                root
            } else {
                format!("{root}: {}", names.join(", "))
            }
        })
        .collect()
}

/// "2024-03-11", "2024-03-11 to 2024-03-13", or "undated".
pub(crate) fn window_label(d: &crate::dispute::Dispute, claims: &[Claim]) -> String {
    match d.window(claims) {
        Some((s, e)) if s == e => s.to_string(),
        Some((s, e)) => format!("{s} to {e}"),
        None => "undated".into(),
    }
}

/// A sentence cut around its trigger: (before, trigger, after), the trigger's words exactly
/// as they stand.
pub(crate) fn trigger_parts(c: &Claim) -> (&str, &str, &str) {
    let (s, e) = (
        c.trigger_span.0.saturating_sub(c.span.0),
        c.trigger_span.1.saturating_sub(c.span.0),
    );
    match (c.text.get(..s), c.text.get(s..e), c.text.get(e..)) {
        (Some(x), Some(y), Some(z)) if s <= e => (x, y, z),
        _ => (c.text.as_str(), "", ""),
    }
}
