//! Disputes: the pairs of the verdict stage grouped by proposition, each with its sides.
//!
//! The verdict stage (`conflict`) judges pairs of claims. A fact-checker reads propositions:
//! "did Ruritania interfere in the election?", who says yes, who says no, when. This stage
//! folds the pairs into findings of four kinds:
//!
//! - a **dispute**: claims joined by contradictions (one proposition: the pairs only ever
//!   join claims of one case, subject, family and time window), split into sides by the
//!   position each claim takes (affirms, denies or disputes, or one of the quantities);
//! - a **timeline**: claims joined by changes over time, in time order;
//! - a **revised statement**: a speaker whose own claims conflict (a speaker never
//!   contradicts himself in a dispute);
//! - a **corroboration**: claims on one side from independent sources. Voices that speak
//!   for one organisation (`speaks_for`, to its end) are one voice, not independent sources,
//!   and a speaker never corroborates himself; such agreements are dropped.
//!
//! Grouping is generic over the pairs: whatever kinds of conflict the verdict stage finds,
//! the claims a pair joins belong to one proposition. Every finding keeps the pairs it
//! folds, so tools still have them. Ids derive from the claims' ids.

use crate::article::ArticleInfo;
use crate::claim::{Claim, Subject, Voice};
use crate::conflict::{Agreement, Conflict, Kind, Verdict as PairVerdict, pair_id};
use crate::rules::RuleSet;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What a finding of this stage is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Contradiction,
    ChangedOverTime,
    RevisedStatement,
    Corroboration,
}

/// Who a claim is heard from. Two claims of one `Who` are one speaker.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Who {
    /// A speaker of the pack (entity index).
    Entity(usize),
    /// A speaker the pack does not know, heard through an outlet.
    Voice { voice: Voice, outlet: String },
    /// No source in the text: the article states it; by its outlet.
    Unattributed { outlet: String },
}

impl Who {
    /// The speaker of a claim.
    pub fn of(c: &Claim, articles: &[ArticleInfo]) -> Who {
        if let Some(e) = c.speaker {
            return Who::Entity(e);
        }
        let outlet = outlet(&articles[c.article]);
        match &c.voice {
            Some(v) => Who::Voice {
                voice: v.clone(),
                outlet,
            },
            None => Who::Unattributed { outlet },
        }
    }

    /// Every speaker of a claim: its speaker and those who make it with them.
    pub fn all_of(c: &Claim, articles: &[ArticleInfo]) -> Vec<Who> {
        let mut out = vec![Who::of(c, articles)];
        for s in &c.also {
            let w = match (&s.entity, &s.voice) {
                (Some(e), _) => Who::Entity(*e),
                (None, Some(v)) => Who::Voice {
                    voice: v.clone(),
                    outlet: outlet(&articles[c.article]),
                },
                (None, None) => continue,
            };
            if !out.contains(&w) {
                out.push(w);
            }
        }
        out
    }

    /// The voice it is part of: the end of an entity's `speaks_for` chain, or itself.
    pub fn voice(&self, rules: &RuleSet) -> Who {
        match self {
            Who::Entity(e) => Who::Entity(rules.root(*e)),
            other => other.clone(),
        }
    }

    /// How reports name it: "Petr Hale", "a senior intelligence official (via APS)",
    /// "unattributed (APS)".
    pub fn name(&self, rules: &RuleSet) -> String {
        match self {
            Who::Entity(e) => rules.entities[*e].name.clone(),
            Who::Voice { voice, outlet } => format!("{} (via {outlet})", voice.name),
            Who::Unattributed { outlet } => format!("unattributed ({outlet})"),
        }
    }

    /// A stable key for ids, filters and JSON: the entity id, or the kind and name.
    pub fn key(&self, rules: &RuleSet) -> String {
        match self {
            Who::Entity(e) => rules.entity_id(*e).to_string(),
            Who::Voice { voice, outlet } => format!("{}@{outlet}", voice.name.to_lowercase()),
            Who::Unattributed { outlet } => format!("unattributed@{outlet}"),
        }
    }
}

/// The outlet of an article: its source, or the article itself.
pub fn outlet(a: &ArticleInfo) -> String {
    a.source
        .clone()
        .unwrap_or_else(|| format!("article {}", a.id))
}

/// One position taken on a proposition, and the claims that take it, earliest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// Which side of its family's opposition the claims stand on (`Claim::side`).
    pub side: i8,
    /// Whether they affirm the finding's proposition (else they deny or dispute it).
    pub affirms: bool,
    /// Among quantities that cannot both hold: the claims' quantity, as the first states it.
    pub quantity: Option<String>,
    pub claims: Vec<usize>,
}

impl Side {
    /// "affirms", "denies or disputes", or "says 50 minutes".
    pub fn label(&self) -> String {
        match (&self.quantity, self.affirms) {
            (Some(q), _) => format!("says {q}"),
            (None, true) => "affirms".into(),
            (None, false) => "denies or disputes".into(),
        }
    }
    /// The speakers of the side, each once, in order of first claim.
    pub fn speakers(&self, claims: &[Claim], articles: &[ArticleInfo]) -> Vec<Who> {
        let mut out: Vec<Who> = Vec::new();
        for &i in &self.claims {
            for w in Who::all_of(&claims[i], articles) {
                if !out.contains(&w) {
                    out.push(w);
                }
            }
        }
        out
    }
    /// How many independent sources the side has: its distinct voices.
    pub fn sources(&self, claims: &[Claim], articles: &[ArticleInfo], rules: &RuleSet) -> usize {
        let voices: BTreeSet<Who> = self
            .speakers(claims, articles)
            .iter()
            .map(|w| w.voice(rules))
            .collect();
        voices.len()
    }
}

/// One finding over one proposition.
#[derive(Debug, Clone, PartialEq)]
pub struct Dispute {
    pub verdict: Verdict,
    pub case: Option<String>,
    pub subject: Subject,
    pub family: usize,
    /// The predicate that names the proposition: the one most of its claims use.
    pub predicate: usize,
    pub sides: Vec<Side>,
    /// The pairs it folds: indices into `Analysis::conflicts` and `Analysis::agreements`.
    pub conflicts: Vec<usize>,
    pub agreements: Vec<usize>,
}

impl Dispute {
    /// Every claim of the finding, ascending.
    pub fn claims(&self) -> Vec<usize> {
        let mut all: Vec<usize> = self.sides.iter().flat_map(|s| s.claims.clone()).collect();
        all.sort_unstable();
        all.dedup();
        all
    }
    /// Derived from its verdict and its claims' ids, so the same finding keeps its id.
    pub fn id(&self, claims: &[Claim]) -> String {
        let ids: Vec<&str> = self
            .claims()
            .iter()
            .map(|&i| claims[i].id.as_str())
            .collect();
        let prefix = match self.verdict {
            Verdict::Contradiction => "d",
            Verdict::ChangedOverTime => "t",
            Verdict::RevisedStatement => "r",
            Verdict::Corroboration => "c",
        };
        pair_id(prefix, &ids.join("\u{1f}"), "")
    }
    /// How many sentences it folds (a sentence that makes two claims counts once).
    pub fn sentences(&self, claims: &[Claim]) -> usize {
        let s: BTreeSet<(usize, usize)> = self
            .claims()
            .iter()
            .map(|&i| (claims[i].article, claims[i].span.0))
            .collect();
        s.len()
    }
    /// The kinds of conflict among its pairs, in order.
    pub fn kinds(&self, conflicts: &[Conflict]) -> Vec<Kind> {
        let k: BTreeSet<Kind> = self.conflicts.iter().map(|&i| conflicts[i].kind).collect();
        k.into_iter().collect()
    }
    /// The time its claims span, first day to last; `None` when none is dated.
    pub fn window(&self, claims: &[Claim]) -> Option<(jiff::civil::Date, jiff::civil::Date)> {
        let whens = self
            .claims()
            .into_iter()
            .filter_map(|i| claims[i].when.as_ref());
        whens.fold(None, |acc, w| match acc {
            None => Some((w.start, w.end)),
            Some((s, e)) => Some((s.min(w.start), e.max(w.end))),
        })
    }
    /// What the proposition is, in words: "Ruritania is pulling troops back".
    pub fn proposition(&self, rules: &RuleSet) -> String {
        let says = &rules.predicates[self.predicate].says;
        format!("{} {says}", self.subject.name(rules))
    }
}

/// What the stage makes: the findings in report order, and the agreements that stand
/// (between independent sources).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grouped {
    pub disputes: Vec<Dispute>,
    pub agreements: Vec<Agreement>,
}

/// Numbers for speakers and voices, for the claims that take part in a pair: an entity is
/// its own index, any other speaker a number after the entities. Two claims of one speaker
/// have the same number; a voice number is the end of the `speaks_for` chain.
struct Speakers {
    speaker: Vec<u32>,
    voice: Vec<u32>,
}

const NONE: u32 = u32::MAX;

impl Speakers {
    fn of<'c>(
        claims: &'c [Claim],
        involved: impl Iterator<Item = usize>,
        articles: &[ArticleInfo],
        rules: &RuleSet,
    ) -> Speakers {
        use std::collections::HashMap;
        let mut speaker = vec![NONE; claims.len()];
        let mut voice = vec![NONE; claims.len()];
        let base = rules.entities.len() as u32;
        // Outlets by article, numbered by name, so two articles of one outlet share it.
        let mut outlet_of: Vec<u32> = vec![NONE; articles.len()];
        let mut outlet_ids: HashMap<String, u32> = HashMap::new();
        let mut others: HashMap<(u32, Option<&'c Voice>), u32> = HashMap::new();
        for i in involved {
            if speaker[i] != NONE {
                continue;
            }
            let c = &claims[i];
            let (s, v) = match c.speaker {
                Some(e) => (e as u32, rules.root(e) as u32),
                None => {
                    if outlet_of[c.article] == NONE {
                        let next = outlet_ids.len() as u32;
                        outlet_of[c.article] = *outlet_ids
                            .entry(outlet(&articles[c.article]))
                            .or_insert(next);
                    }
                    let next = base + others.len() as u32;
                    let n = *others
                        .entry((outlet_of[c.article], c.voice.as_ref()))
                        .or_insert(next);
                    (n, n)
                }
            };
            speaker[i] = s;
            voice[i] = v;
        }
        Speakers { speaker, voice }
    }
}

/// Claim sets joined by pairs: union-find over claim indices, with the sets numbered in
/// the order of the first pair that reaches them.
struct Components {
    parent: Vec<u32>,
}

impl Components {
    fn new(n: usize) -> Components {
        Components {
            parent: (0..n as u32).collect(),
        }
    }
    fn find(&mut self, x: usize) -> usize {
        let mut x = x as u32;
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x as usize
    }
    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb) as u32;
        }
    }
    /// The sets `pairs` make: for each, its pairs (indices into `pairs`) in order, in the
    /// order of their first pair. Touches only the pairs' claims after they are joined.
    fn sets(&mut self, pairs: &[(usize, usize)]) -> Vec<Vec<usize>> {
        for &(a, b) in pairs {
            self.join(a, b);
        }
        let mut number: std::collections::HashMap<usize, usize> = Default::default();
        let mut out: Vec<Vec<usize>> = Vec::new();
        for (j, &(a, _)) in pairs.iter().enumerate() {
            let r = self.find(a);
            let k = *number.entry(r).or_insert_with(|| {
                out.push(Vec::new());
                out.len() - 1
            });
            out[k].push(j);
        }
        // Leave the claims as they were, for the next use.
        for &(a, b) in pairs {
            self.parent[a] = a as u32;
            self.parent[b] = b as u32;
        }
        out
    }
}

/// Groups pairs into findings: `conflicts` and `agreements` as the verdict stage made them
/// (in report order, which the findings keep). Linear in the pairs, but for sorting each
/// finding's claims by time.
pub fn group(
    claims: &[Claim],
    conflicts: &[Conflict],
    agreements: &[Agreement],
    articles: &[ArticleInfo],
    rules: &RuleSet,
) -> Grouped {
    if conflicts.is_empty() && agreements.is_empty() {
        return Grouped::default();
    }
    let involved = conflicts
        .iter()
        .flat_map(|k| [k.a, k.b])
        .chain(agreements.iter().flat_map(|g| [g.a, g.b]));
    let who = Speakers::of(claims, involved, articles, rules);
    // Pairs by what they make: a revised statement when one speaker says both.
    let mut by_verdict: [Vec<usize>; 3] = Default::default();
    for (i, k) in conflicts.iter().enumerate() {
        let slot = if who.speaker[k.a] == who.speaker[k.b] {
            2
        } else {
            match k.verdict {
                PairVerdict::Contradiction => 0,
                PairVerdict::ChangedOverTime => 1,
            }
        };
        by_verdict[slot].push(i);
    }
    let verdicts = [
        Verdict::Contradiction,
        Verdict::ChangedOverTime,
        Verdict::RevisedStatement,
    ];
    let mut sets = Components::new(claims.len());
    let mut disputes: Vec<Dispute> = Vec::new();
    for (verdict, list) in verdicts.into_iter().zip(&by_verdict) {
        let pairs: Vec<(usize, usize)> = list
            .iter()
            .map(|&i| (conflicts[i].a, conflicts[i].b))
            .collect();
        for set in sets.sets(&pairs) {
            let folded: Vec<usize> = set.iter().map(|&j| list[j]).collect();
            let quantities = folded.iter().any(|&i| conflicts[i].kind == Kind::Quantity);
            let mut members: Vec<usize> =
                set.iter().flat_map(|&j| [pairs[j].0, pairs[j].1]).collect();
            members.sort_unstable();
            members.dedup();
            disputes.push(finding(
                verdict, &members, quantities, folded, claims, articles, rules,
            ));
        }
    }
    let kept = corroborate(
        &mut disputes,
        claims,
        agreements,
        &who,
        &mut sets,
        articles,
        rules,
    );
    Grouped {
        disputes,
        agreements: kept,
    }
}

/// One finding from a set of claims (ascending): the proposition's predicate, sides by
/// position, claims earliest first.
fn finding(
    verdict: Verdict,
    members: &[usize],
    quantities: bool,
    conflicts: Vec<usize>,
    claims: &[Claim],
    articles: &[ArticleInfo],
    rules: &RuleSet,
) -> Dispute {
    let first = &claims[members[0]];
    // The predicate most claims use; on a tie, the one used first.
    let mut uses: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for (k, &i) in members.iter().enumerate() {
        let e = uses.entry(claims[i].predicate).or_insert((0, k));
        e.0 += 1;
    }
    let predicate = uses
        .iter()
        .max_by(|x, y| x.1.0.cmp(&y.1.0).then(y.1.1.cmp(&x.1.1)))
        .map_or(first.predicate, |(&p, _)| p);
    let mut sides = sides_of(members, quantities, claims, rules);
    for s in &mut sides {
        s.affirms = s.side == rules.predicates[predicate].side;
    }
    sides.sort_by_key(|s| !s.affirms);
    Dispute {
        verdict,
        case: articles[first.article].case.clone(),
        subject: first.subject,
        family: rules.predicates[first.predicate].family,
        predicate,
        sides,
        conflicts,
        agreements: Vec::new(),
    }
}

/// Earlier first: dated by start day, undated last, then claim order.
fn time_key(c: &Claim, i: usize) -> (bool, Option<jiff::civil::Date>, usize) {
    (c.when.is_none(), c.when.as_ref().map(|w| w.start), i)
}

/// Splits claims into sides: by side of the opposition and, among quantities that cannot
/// both hold, into groups of quantities that can (in order of value, each compatible with
/// its group's first).
fn sides_of(members: &[usize], quantities: bool, claims: &[Claim], rules: &RuleSet) -> Vec<Side> {
    let tolerance = rules.settings.quantity_tolerance;
    let value = |i: usize| claims[i].quantity.as_ref().map_or(0.0, |q| q.value);
    // (side, the first claim of its quantity group) → claims.
    let mut groups: BTreeMap<(i8, Option<usize>), Vec<usize>> = BTreeMap::new();
    let mut measured: Vec<usize> = Vec::new();
    for &i in members {
        if quantities && claims[i].quantity.is_some() {
            measured.push(i);
        } else {
            groups
                .entry((claims[i].side(rules), None))
                .or_default()
                .push(i);
        }
    }
    measured.sort_by(|&x, &y| value(x).total_cmp(&value(y)).then(x.cmp(&y)));
    let mut heads: BTreeMap<i8, usize> = BTreeMap::new();
    for &i in &measured {
        let side = claims[i].side(rules);
        let q = claims[i].quantity.as_ref();
        let head = match heads.get(&side) {
            Some(&h)
                if claims[h]
                    .quantity
                    .as_ref()
                    .zip(q)
                    .is_some_and(|(hq, q)| hq.compatible(q, tolerance)) =>
            {
                h
            }
            _ => {
                heads.insert(side, i);
                i
            }
        };
        groups.entry((side, Some(head))).or_default().push(i);
    }
    let mut sides: Vec<(f64, Side)> = groups
        .into_iter()
        .map(|((side, head), mut list)| {
            list.sort_by_key(|&i| time_key(&claims[i], i));
            let quantity = head.and_then(|h| claims[h].quantity.as_ref().map(|q| q.text.clone()));
            (
                head.map_or(0.0, value),
                Side {
                    side,
                    affirms: side > 0,
                    quantity,
                    claims: list,
                },
            )
        })
        .collect();
    // By side, then by quantity, then by first claim; `finding` puts the affirming first.
    sides.sort_by(|(vx, x), (vy, y)| {
        y.side
            .cmp(&x.side)
            .then(vx.total_cmp(vy))
            .then(x.claims.first().cmp(&y.claims.first()))
    });
    sides.into_iter().map(|(_, s)| s).collect()
}

/// Agreements between independent sources: one joined to a dispute's claim corroborates
/// its side (the other claim joins that side), the rest make corroborations of their own.
/// Returns the agreements that stand; findings refer to them by their new index.
fn corroborate(
    disputes: &mut Vec<Dispute>,
    claims: &[Claim],
    agreements: &[Agreement],
    who: &Speakers,
    sets: &mut Components,
    articles: &[ArticleInfo],
    rules: &RuleSet,
) -> Vec<Agreement> {
    let kept: Vec<Agreement> = agreements
        .iter()
        .filter(|g| who.voice[g.a] != who.voice[g.b])
        .cloned()
        .collect();
    // Which contradiction dispute and side each claim is on.
    let mut place: Vec<(u32, u32)> = Vec::new();
    let placed = |c: usize, place: &[(u32, u32)]| -> Option<(usize, usize)> {
        place
            .get(c)
            .filter(|p| p.0 != NONE)
            .map(|p| (p.0 as usize, p.1 as usize))
    };
    if !kept.is_empty() {
        place = vec![(NONE, NONE); claims.len()];
        for (d, dispute) in disputes.iter().enumerate() {
            if dispute.verdict != Verdict::Contradiction {
                continue;
            }
            for (s, side) in dispute.sides.iter().enumerate() {
                for &c in &side.claims {
                    place[c] = (d as u32, s as u32);
                }
            }
        }
    }
    let mut touched: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut alone: Vec<(usize, usize)> = Vec::new();
    let mut alone_index: Vec<usize> = Vec::new();
    for (k, g) in kept.iter().enumerate() {
        match placed(g.a, &place).or_else(|| placed(g.b, &place)) {
            Some((d, s)) => {
                for c in [g.a, g.b] {
                    if placed(c, &place).is_none() {
                        disputes[d].sides[s].claims.push(c);
                        place[c] = (d as u32, s as u32);
                        touched.insert((d, s));
                    }
                }
                disputes[d].agreements.push(k);
            }
            None => {
                alone.push((g.a, g.b));
                alone_index.push(k);
            }
        }
    }
    for (d, s) in touched {
        disputes[d].sides[s]
            .claims
            .sort_by_key(|&c| time_key(&claims[c], c));
    }
    for set in sets.sets(&alone) {
        let mut members: Vec<usize> = set.iter().flat_map(|&j| [alone[j].0, alone[j].1]).collect();
        members.sort_unstable();
        members.dedup();
        let mut d = finding(
            Verdict::Corroboration,
            &members,
            false,
            Vec::new(),
            claims,
            articles,
            rules,
        );
        d.agreements = set.iter().map(|&j| alone_index[j]).collect();
        disputes.push(d);
    }
    kept
}

#[cfg(test)]
#[path = "dispute/tests.rs"]
mod tests;
