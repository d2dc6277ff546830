//! Conflicts: within each block of claims (case × subject × family), decides which pairs
//! contradict, which show a change over time, and which agree.
//!
//! Pairs are only sought inside blocks, never across the corpus. Inside a block the claims
//! are sorted by time and swept: a claim is compared with the claims that follow it while
//! their times overlap, and for changes over time with the nearest earlier claims that do
//! not overlap (found by binary search). Each claim keeps at most `max_pairs_per_claim`
//! partners and looks at no more than a fixed number of neighbours, so the cost grows with
//! the number of claims, not its square, however busy a subject is.

use crate::claim::{Claim, Modality, Polarity, Stance, Subject};
use crate::graph::Block;
use crate::rules::RuleSet;
use crate::rules::schema::Aspect;
use crate::time::{TimeBasis, days_between};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Contradiction,
    ChangedOverTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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

/// Two claims that cannot both be true (at one time).
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub verdict: Verdict,
    pub kind: Kind,
    /// Claim indices; `a` is the earlier claim. Subject and score follow from the claims,
    /// so a pair is a few bytes however many there are.
    pub a: usize,
    pub b: usize,
}

impl Conflict {
    /// Derived from the two claims' ids, so the same pair always has the same id.
    pub fn id(&self, claims: &[Claim]) -> String {
        pair_id("k", &claims[self.a].id, &claims[self.b].id)
    }
    /// What both claims are about.
    pub fn subject(&self, claims: &[Claim]) -> Subject {
        claims[self.a].subject
    }
    /// How sure the finding is: by kind, lower for hedged or undated claims.
    pub fn score(&self, claims: &[Claim]) -> f64 {
        score(self.kind, &claims[self.a], &claims[self.b])
    }
}

/// The same claim made in two articles.
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    pub a: usize,
    pub b: usize,
}

impl Agreement {
    /// Derived from the two claims' ids.
    pub fn id(&self, claims: &[Claim]) -> String {
        pair_id("g", &claims[self.a].id, &claims[self.b].id)
    }
    pub fn subject(&self, claims: &[Claim]) -> Subject {
        claims[self.a].subject
    }
}

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

fn aimed(a: &Claim, b: &Claim) -> bool {
    a.target.as_deref() == Some(b.id.as_str()) || b.target.as_deref() == Some(a.id.as_str())
}

/// The one-line reason for a conflict.
pub fn explain(
    k: &Conflict,
    claims: &[Claim],
    rules: &RuleSet,
    source_of: &dyn Fn(usize) -> String,
) -> String {
    let (ca, cb) = (&claims[k.a], &claims[k.b]);
    let family = &rules.families[rules.predicates[ca.predicate].family];
    let times = format!("{} and {}", when_label(ca), when_label(cb));
    let why = match (k.verdict, k.kind) {
        (Verdict::ChangedOverTime, _) => format!(
            "more than {} days apart ({times}), so this reads as a change over time",
            family.same_time_days
        ),
        (_, Kind::Quantity) => format!(
            "the quantities cannot both hold for the same {} ({times})",
            family.name
        ),
        (_, Kind::Dispute) if aimed(ca, cb) => {
            "the dispute is aimed at this very claim".to_string()
        }
        _ if ca.when.is_none() || cb.when.is_none() => {
            format!("at times that cannot be told apart ({times})")
        }
        _ => format!("at overlapping times ({times})"),
    };
    format!(
        "{}; but {}: {why}",
        describe(ca, rules, &source_of(ca.article)),
        describe(cb, rules, &source_of(cb.article))
    )
}

/// The one-line account of an agreement.
pub fn explain_agreement(
    g: &Agreement,
    claims: &[Claim],
    rules: &RuleSet,
    source_of: &dyn Fn(usize) -> String,
) -> String {
    let (ca, cb) = (&claims[g.a], &claims[g.b]);
    format!(
        "{}; {} likewise ({} and {})",
        describe(ca, rules, &source_of(ca.article)),
        describe(cb, rules, &source_of(cb.article)),
        when_label(ca),
        when_label(cb)
    )
}

/// What a pair of claims comes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    Conflict(Verdict, Kind),
    Agreement,
}

/// Judges a pair; `same_time` says whether their times overlap (or cannot be told apart).
fn judge(a: &Claim, b: &Claim, aspect: Aspect, same_time: bool, rules: &RuleSet) -> Option<Found> {
    if a.article == b.article && a.span == b.span {
        return None;
    }
    let aimed = aimed(a, b);
    // A claim about a vague earlier period ("under the previous government") is context for
    // its own article, too loose to set against other claims.
    let vague = |c: &Claim| {
        c.when
            .as_ref()
            .is_some_and(|w| w.basis == TimeBasis::Earlier)
    };
    if (vague(a) || vague(b)) && !aimed {
        return None;
    }
    // Undated events cannot be told apart, so they are not compared.
    if (a.when.is_none() || b.when.is_none()) && aspect == Aspect::Event && !aimed {
        return None;
    }
    let verdict = |kind: Kind| -> Option<Found> {
        if same_time || aimed {
            Some(Found::Conflict(Verdict::Contradiction, kind))
        } else if aspect == Aspect::State && a.article != b.article {
            // One article telling how things changed is no news to a checker.
            Some(Found::Conflict(Verdict::ChangedOverTime, kind))
        } else {
            None
        }
    };
    if a.side(rules) != b.side(rules) {
        let kind = if a.stance == Stance::Disputes || b.stance == Stance::Disputes {
            Kind::Dispute
        } else if a.predicate != b.predicate {
            Kind::Opposite
        } else {
            Kind::Negation
        };
        return verdict(kind);
    }
    if let (Some(qa), Some(qb)) = (&a.quantity, &b.quantity)
        && !qa.compatible(qb, rules.settings.quantity_tolerance)
    {
        return verdict(Kind::Quantity);
    }
    (a.article != b.article && same_time && a.stance == b.stance).then_some(Found::Agreement)
}

fn score(kind: Kind, a: &Claim, b: &Claim) -> f64 {
    let mut score: f64 = match kind {
        Kind::Dispute => 0.9,
        Kind::Opposite | Kind::Negation => 0.85,
        Kind::Quantity | Kind::Time => 0.8,
    };
    for c in [a, b] {
        if c.modality == Modality::Hedged {
            score *= 0.6;
        }
        if c.when.is_none() {
            score *= 0.8;
        }
    }
    (score * 100.0).round() / 100.0
}

/// Collects the pairs of one block, keeping at most `cap` partners per claim.
struct Collector<'a> {
    claims: &'a [Claim],
    cap: u32,
    /// Partners so far, per claim index; shared by all blocks (a claim is in one block).
    count: &'a mut [u32],
    /// Pairs already taken through an aimed dispute, which the sweep may meet again.
    aimed_pairs: std::collections::HashSet<(usize, usize)>,
    conflicts: Vec<Conflict>,
    agreements: Vec<Agreement>,
}

impl Collector<'_> {
    fn full(&self, i: usize) -> bool {
        self.count[i] >= self.cap
    }

    fn add(&mut self, i: usize, j: usize, found: Found) {
        if self.full(i) || self.full(j) {
            return;
        }
        let claims = self.claims;
        // Sweeps meet each pair once; only pairs joined by an aimed dispute can come twice.
        if aimed(&claims[i], &claims[j]) && !self.aimed_pairs.insert((i.min(j), i.max(j))) {
            return;
        }
        self.count[i] += 1;
        self.count[j] += 1;
        // The earlier claim first; ties broken by claim order.
        let start = |k: usize| claims[k].when.as_ref().map(|w| w.start);
        let (a, b) = if (start(i), i) <= (start(j), j) {
            (i, j)
        } else {
            (j, i)
        };
        match found {
            Found::Conflict(verdict, kind) => self.conflicts.push(Conflict {
                verdict,
                kind,
                a,
                b,
            }),
            Found::Agreement => self.agreements.push(Agreement { a, b }),
        }
    }
}

/// Orders claims by the day their time starts, keeping claim order within a day. A
/// counting sort over days (linear) when the days span a range comparable to the count,
/// else a stable comparison sort.
fn sort_by_start_day(items: &mut Vec<usize>, claims: &[Claim]) {
    let day = |i: usize| {
        claims[i]
            .when
            .as_ref()
            .map_or(0, |w| crate::time::day_number(w.start))
    };
    let (Some(lo), Some(hi)) = (
        items.iter().map(|&i| day(i)).min(),
        items.iter().map(|&i| day(i)).max(),
    ) else {
        return;
    };
    let range = usize::try_from(hi - lo).unwrap_or(usize::MAX);
    if range > 4 * items.len() + 4096 {
        items.sort_by_key(|&i| day(i));
        return;
    }
    let mut counts = vec![0usize; range + 2];
    for &i in items.iter() {
        counts[usize::try_from(day(i) - lo).unwrap_or(0) + 1] += 1;
    }
    for k in 1..counts.len() {
        counts[k] += counts[k - 1];
    }
    let mut out = vec![0usize; items.len()];
    for &i in items.iter() {
        let slot = &mut counts[usize::try_from(day(i) - lo).unwrap_or(0)];
        out[*slot] = i;
        *slot += 1;
    }
    *items = out;
}

/// Finds conflicts and agreements in every block.
pub fn detect(
    claims: &[Claim],
    blocks: &[Block],
    rules: &RuleSet,
) -> (Vec<Conflict>, Vec<Agreement>) {
    let cap = rules.settings.max_pairs_per_claim;
    // How many neighbours one claim looks at in each search: the bound on work per claim.
    let scan = 2 * cap + 16;
    let mut count = vec![0u32; claims.len()];
    // Blocks in report order: subject id, family id, case. Each block's pairs are sorted on
    // their own, so no sort over all pairs is needed.
    let mut order: Vec<&Block> = blocks.iter().collect();
    order.sort_by_cached_key(|b| {
        (
            b.subject.id(rules),
            rules.families[b.family].id.clone(),
            b.case.clone(),
        )
    });
    let mut contradictions = Vec::new();
    let mut changes = Vec::new();
    let mut agreements = Vec::new();
    for block in order {
        let family = &rules.families[block.family];
        let (aspect, window) = (family.aspect, family.same_time_days);
        let members: Vec<usize> = block
            .claims
            .iter()
            .copied()
            .filter(|&i| claims[i].modality != Modality::Conditional)
            .collect();
        let mut c = Collector {
            claims,
            cap: u32::try_from(cap).unwrap_or(u32::MAX),
            count: &mut count,
            aimed_pairs: Default::default(),
            conflicts: Vec::new(),
            agreements: Vec::new(),
        };

        // Disputes aimed at a claim conflict with it whatever the time.
        let any_target = members.iter().any(|&i| claims[i].target.is_some());
        let by_id: HashMap<&str, usize> = if any_target {
            members
                .iter()
                .map(|&i| (claims[i].id.as_str(), i))
                .collect()
        } else {
            HashMap::new()
        };
        for &i in &members {
            if let Some(&j) = claims[i].target.as_deref().and_then(|t| by_id.get(t))
                && let Some(found) = judge(&claims[j], &claims[i], aspect, true, rules)
            {
                c.add(j, i, found);
            }
        }

        let (mut dated, undated): (Vec<usize>, Vec<usize>) =
            members.iter().partition(|&&i| claims[i].when.is_some());
        let span = |i: usize| claims[i].when.as_ref().map(|w| (w.start, w.end));
        sort_by_start_day(&mut dated, claims);

        // Overlapping times: sweep forward while the next claim starts within the window.
        for (x, &i) in dated.iter().enumerate() {
            let Some((_, end_i)) = span(i) else { continue };
            for &j in dated[x + 1..].iter().take(scan) {
                let Some((start_j, _)) = span(j) else {
                    continue;
                };
                if days_between(end_i, start_j) > window {
                    break;
                }
                if c.full(i) {
                    break;
                }
                if let Some(found) = judge(&claims[i], &claims[j], aspect, true, rules) {
                    c.add(i, j, found);
                }
            }
        }

        // Changes over time: the nearest earlier claims that end before this one's window.
        if aspect == Aspect::State {
            for (x, &i) in dated.iter().enumerate() {
                let Some((start_i, _)) = span(i) else {
                    continue;
                };
                // Claims before index `q` start early enough that they may not overlap.
                let q = dated[..x].partition_point(|&j| {
                    span(j).is_some_and(|(s, _)| days_between(s, start_i) > window)
                });
                for &j in dated[..q].iter().rev().take(scan) {
                    if c.full(i) {
                        break;
                    }
                    let Some((_, end_j)) = span(j) else { continue };
                    if days_between(end_j, start_i) <= window {
                        continue;
                    }
                    if let Some(found @ Found::Conflict(..)) =
                        judge(&claims[j], &claims[i], aspect, false, rules)
                    {
                        c.add(j, i, found);
                    }
                }
            }
        }

        // Undated claims cannot be placed in time, so they are set only against the other
        // claims of their own article (which share its unknown date), as if at the same
        // time. Members are in claim order, so an article's claims are a contiguous run.
        for &i in &undated {
            let art = claims[i].article;
            let from = members.partition_point(|&j| claims[j].article < art);
            let to = members.partition_point(|&j| claims[j].article <= art);
            for &j in members[from..to].iter().filter(|&&j| j != i).take(scan) {
                if c.full(i) {
                    break;
                }
                // Each pair of undated claims once; a dated partner is met only from here.
                if claims[j].when.is_none() && j < i {
                    continue;
                }
                if let Some(found) = judge(&claims[i], &claims[j], aspect, true, rules) {
                    c.add(i, j, found);
                }
            }
        }
        // Pairs stay in the order the sweep met them: by time, then claim order.
        let (found, mut agreed) = (c.conflicts, c.agreements);
        for k in found {
            match k.verdict {
                Verdict::Contradiction => contradictions.push(k),
                Verdict::ChangedOverTime => changes.push(k),
            }
        }
        agreements.append(&mut agreed);
    }
    contradictions.append(&mut changes);
    (contradictions, agreements)
}
