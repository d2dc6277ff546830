//! Reports: pure rendering of an [`Analysis`] as Markdown (for people, `markdown`), JSON
//! (`claimclash.report/1`, for tools, `json`), HTML (`html`), DOT (`dot`) and CSV (`csv`).
//! Order is fixed by the analysis, never by input order. This module holds what the formats
//! share: the summary counts, the findings as sections of cards, and their labels.

mod csv;
mod dot;
pub mod html;
mod json;
mod markdown;

pub use csv::csv;
pub use dot::dot;
pub use json::json;
pub use markdown::{markdown, md_code, md_escape, terminal};

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
}

pub(crate) fn summary(a: &Analysis) -> Summary {
    Summary {
        articles: a.articles.len(),
        undated_articles: a.articles.iter().filter(|x| x.date.is_none()).count(),
        claims: a.claims.len(),
        contradictions: a.contradictions(),
        changed_over_time: a.changes(),
        agreements: a.agreements.len(),
        problems: a.problems.len(),
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

/// The name of the entity who made a claim, when the claim is attributed.
pub(crate) fn speaker_name(c: &Claim, rules: &RuleSet) -> Option<String> {
    c.speaker.map(|s| rules.entities[s].name.clone())
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
