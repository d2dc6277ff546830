//! Conflicts: within each block of claims (case × subject × family), decides which pairs
//! contradict, which show a change over time, and which agree.
//!
//! Pairs are only sought inside blocks, never across the corpus, and each claim keeps at
//! most `max_pairs_per_claim` partners (nearest in time first), so the report cannot grow
//! with the square of a busy subject.

use crate::claim::{Claim, Modality, Polarity, Stance, Subject};
use crate::graph::Block;
use crate::rules::RuleSet;
use crate::rules::schema::Aspect;
use crate::time::TimeBasis;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Contradiction,
    ChangedOverTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// One claim disputes or denies the other.
    Dispute,
    /// The same predicate, affirmed by one and negated by the other.
    Negation,
    /// Opposite predicates.
    Opposite,
    /// Quantities that cannot both hold.
    Quantity,
    /// The same event placed at different times.
    Time,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub id: String,
    pub verdict: Verdict,
    pub kind: Kind,
    #[serde(skip)]
    pub subject: Subject,
    /// Claim indices; `a` is the earlier claim.
    #[serde(skip)]
    pub a: usize,
    #[serde(skip)]
    pub b: usize,
    pub score: f64,
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    pub id: String,
    #[serde(skip)]
    pub subject: Subject,
    #[serde(skip)]
    pub a: usize,
    #[serde(skip)]
    pub b: usize,
    pub explanation: String,
}

/// A pair found in a block: days apart, the two claims, and the verdict (`None` for an
/// agreement).
type Candidate = (i64, usize, usize, Option<(Verdict, Kind)>);

/// A stable short id from the ids of a pair (FNV-1a, 64 bits).
pub fn pair_id(prefix: &str, a: &str, b: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in a.bytes().chain([0u8]).chain(b.bytes()) {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{prefix}{:010x}", h >> 24)
}

/// How a claim reads in one line: "the defence minister says Ruritania is building up troops".
pub fn describe(c: &Claim, rules: &RuleSet, article_source: &str) -> String {
    let pred = &rules.predicates[c.predicate];
    let who = c
        .speaker
        .map(|s| rules.entities[s].name.clone())
        .unwrap_or_else(|| article_source.to_string());
    let subject = c.subject.name(rules);
    let not = if c.polarity == Polarity::Negated {
        "it is not so that "
    } else {
        ""
    };
    let verb = if c.stance == Stance::Disputes {
        "disputes that"
    } else {
        "says"
    };
    let q = c
        .quantity
        .as_ref()
        .map(|q| format!(" {}", q.text))
        .unwrap_or_default();
    let hedge = match c.modality {
        Modality::Hedged => " (hedged)",
        Modality::Conditional => " (conditional)",
        Modality::Asserted => "",
    };
    format!("{who} {verb} {not}{subject} {}{q}{hedge}", pred.says)
}

fn when_label(c: &Claim) -> String {
    c.when
        .as_ref()
        .map(|w| w.label())
        .unwrap_or_else(|| "undated".into())
}

/// Finds conflicts and agreements in every block.
pub fn detect(
    claims: &[Claim],
    blocks: &[Block],
    rules: &RuleSet,
    source_of: &dyn Fn(usize) -> String,
) -> (Vec<Conflict>, Vec<Agreement>) {
    let mut conflicts = Vec::new();
    let mut agreements = Vec::new();
    let cap = rules.settings.max_pairs_per_claim;
    let tolerance = rules.settings.quantity_tolerance;
    for block in blocks {
        let family = &rules.families[block.family];
        let window = family.same_time_days;
        let members: Vec<usize> = block
            .claims
            .iter()
            .copied()
            .filter(|&i| claims[i].modality != Modality::Conditional)
            .collect();
        // Candidate pairs, with their time distance so the nearest are kept first.
        let mut found: Vec<Candidate> = Vec::new();
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                let (a, b) = (&claims[i], &claims[j]);
                if a.article == b.article && a.span == b.span {
                    continue;
                }
                let aimed = a.target.as_deref() == Some(b.id.as_str())
                    || b.target.as_deref() == Some(a.id.as_str());
                // A claim about a vague earlier period ("under the previous government") is
                // context for its own article, too loose to set against other claims.
                let vague = |c: &Claim| {
                    c.when
                        .as_ref()
                        .is_some_and(|w| w.basis == TimeBasis::Earlier)
                };
                if (vague(a) || vague(b)) && !aimed {
                    continue;
                }
                // Undated claims of a state are compared as if at the same time (and scored
                // lower); undated events cannot be told apart, so they are not compared.
                let undated = a.when.is_none() || b.when.is_none();
                if undated && family.aspect == Aspect::Event && !aimed {
                    continue;
                }
                let same_time = match (&a.when, &b.when) {
                    (Some(x), Some(y)) => x.overlaps(y, window),
                    _ => true,
                };
                let distance = match (&a.when, &b.when) {
                    (Some(x), Some(y)) => crate::time::days_between(x.start, y.start).abs(),
                    _ => 0,
                };
                let (sa, sb) = (a.side(rules), b.side(rules));
                let verdict_for = |kind: Kind| -> Option<(Verdict, Kind)> {
                    if same_time || aimed {
                        Some((Verdict::Contradiction, kind))
                    } else if family.aspect == Aspect::State && a.article != b.article {
                        // One article telling how things changed is no news to a checker.
                        Some((Verdict::ChangedOverTime, kind))
                    } else {
                        None
                    }
                };
                let outcome = if sa != sb {
                    let kind = if a.stance == Stance::Disputes || b.stance == Stance::Disputes {
                        Kind::Dispute
                    } else if a.predicate != b.predicate {
                        Kind::Opposite
                    } else {
                        Kind::Negation
                    };
                    verdict_for(kind)
                } else {
                    match (&a.quantity, &b.quantity) {
                        (Some(qa), Some(qb)) if !qa.compatible(qb, tolerance) => {
                            verdict_for(Kind::Quantity)
                        }
                        _ => {
                            if a.article != b.article && same_time && a.stance == b.stance {
                                found.push((distance, i, j, None));
                            }
                            continue;
                        }
                    }
                };
                if let Some(v) = outcome {
                    found.push((distance, i, j, Some(v)));
                }
            }
        }
        found.sort_by(|x, y| {
            (x.0, &claims[x.1].id, &claims[x.2].id).cmp(&(y.0, &claims[y.1].id, &claims[y.2].id))
        });
        let mut used: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        for (_, i, j, outcome) in found {
            if used.get(&i).copied().unwrap_or(0) >= cap
                || used.get(&j).copied().unwrap_or(0) >= cap
            {
                continue;
            }
            *used.entry(i).or_default() += 1;
            *used.entry(j).or_default() += 1;
            // The earlier claim first; ties broken by id.
            let key = |k: usize| {
                (
                    claims[k].when.as_ref().map(|w| w.start),
                    claims[k].id.clone(),
                )
            };
            let (a, b) = if key(i) <= key(j) { (i, j) } else { (j, i) };
            let (ca, cb) = (&claims[a], &claims[b]);
            let da = describe(ca, rules, &source_of(ca.article));
            let db = describe(cb, rules, &source_of(cb.article));
            match outcome {
                Some((verdict, kind)) => {
                    let times = format!("{} and {}", when_label(ca), when_label(cb));
                    let why = match (verdict, kind) {
                        (Verdict::ChangedOverTime, _) => format!(
                            "more than {window} days apart ({times}), so this reads as a change over time"
                        ),
                        (_, Kind::Quantity) => format!(
                            "the quantities cannot both hold for the same {} ({times})",
                            family.name
                        ),
                        (_, Kind::Dispute)
                            if ca.target.as_deref() == Some(cb.id.as_str())
                                || cb.target.as_deref() == Some(ca.id.as_str()) =>
                        {
                            "the dispute is aimed at this very claim".to_string()
                        }
                        _ => format!("at overlapping times ({times})"),
                    };
                    let mut score: f64 = match kind {
                        Kind::Dispute => 0.9,
                        Kind::Opposite | Kind::Negation => 0.85,
                        Kind::Quantity | Kind::Time => 0.8,
                    };
                    for c in [ca, cb] {
                        if c.modality == Modality::Hedged {
                            score *= 0.6;
                        }
                        if c.when.is_none() {
                            score *= 0.8;
                        }
                    }
                    conflicts.push(Conflict {
                        id: pair_id("k", &ca.id, &cb.id),
                        verdict,
                        kind,
                        subject: block.subject,
                        a,
                        b,
                        score: (score * 100.0).round() / 100.0,
                        explanation: format!("{da}; but {db}: {why}"),
                    });
                }
                None => agreements.push(Agreement {
                    id: pair_id("g", &ca.id, &cb.id),
                    subject: block.subject,
                    a,
                    b,
                    explanation: format!(
                        "{da}; {db} likewise ({} and {})",
                        when_label(ca),
                        when_label(cb)
                    ),
                }),
            }
        }
    }
    (conflicts, agreements)
}
