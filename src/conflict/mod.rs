//! Conflicts: within each block of claims (case × subject × family), decides which pairs
//! contradict, which show a change over time, and which agree.
//!
//! Pairs are only sought inside blocks, never across the corpus. Inside a block the claims
//! are sorted by time and swept: a claim is compared with the claims that follow it while
//! their times overlap, and for changes over time with the nearest earlier claims that do
//! not overlap. Each claim keeps at most `max_pairs_per_claim` partners and looks at no more
//! than a fixed number of neighbours, so the cost grows with the number of claims, not its
//! square, however busy a subject is. The sweeps read small copies of the claims (`Probe`)
//! laid out in sweep order, so memory is read in order too, and the time per claim stays
//! the same as the corpus grows.

use crate::claim::{Claim, Modality, Polarity, Stance, Subject};
use crate::lexicon::Lexicon;
use crate::rules::schema::Aspect;
use crate::rules::{Family, RuleSet};
use crate::time::TimeBasis;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

mod general_pair;
pub use general_pair::general_reason;
use general_pair::{judge_general, lasted, never_changes};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Contradiction,
    ChangedOverTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
    /// Two values of a relation that has only one (general knowledge: born in, capital of).
    Functional,
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

/// `id` and `subject` of a finding about two claims, `a` and `b`, whose ids start with
/// `prefix`.
macro_rules! claim_pair {
    ($finding:ty, $prefix:literal) => {
        impl $finding {
            /// Derived from the two claims' ids, so the same pair always has the same id.
            pub fn id(&self, claims: &[Claim]) -> String {
                pair_id($prefix, &claims[self.a].id, &claims[self.b].id)
            }
            /// What both claims are about.
            pub fn subject(&self, claims: &[Claim]) -> Subject {
                claims[self.a].subject
            }
        }
    };
}
claim_pair!(Conflict, "k");
claim_pair!(Agreement, "g");

impl Conflict {
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
    if let Some(g) = c.general.as_deref() {
        let who = who_says(c, rules, article_source).unwrap_or_else(|| article_source.into());
        let verb = if g.disputed { "denies that" } else { "says" };
        let hedge = hedge_note(c.modality);
        return format!("{who} {verb} {} {}{hedge}", g.subject_text, g.said);
    }
    let pred = &rules.predicates[c.predicate];
    let who = who_says(c, rules, article_source)
        .unwrap_or_else(|| format!("unattributed ({article_source})"));
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
    let hedge = hedge_note(c.modality);
    format!("{who} {verb} {not}{subject} {}{q}{hedge}", pred.says)
}

/// How a claim's modality reads after it: " (hedged)", " (conditional)" or nothing.
fn hedge_note(m: Modality) -> &'static str {
    match m {
        Modality::Hedged => " (hedged)",
        Modality::Conditional => " (conditional)",
        Modality::Asserted => "",
    }
}

/// Who makes a claim, in words: a speaker of the pack, or one the text names without a
/// name, heard through `article_source`, the article's outlet; `None` for nobody.
fn who_says(c: &Claim, rules: &RuleSet, article_source: &str) -> Option<String> {
    match (c.speaker, &c.voice) {
        (Some(s), _) => Some(rules.entities[s].name.clone()),
        (None, Some(v)) => Some(format!("{} (via {article_source})", v.name)),
        (None, None) => None,
    }
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
    let general = general_reason(ca, cb, rules);
    let why = match (k.verdict, k.kind) {
        (Verdict::Contradiction, _) if general.is_some() => general.unwrap_or_default(),
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

/// What conflict detection reads of a claim, packed small and copied into each block in
/// sweep order, so that the sweeps read memory in order instead of jumping between claims
/// (which are large and scattered). Only rare cases (two quantities, two claims of one
/// article) look at the claims themselves.
#[derive(Debug, Clone, Copy)]
struct Probe {
    claim: usize,
    article: usize,
    /// Position among the block's members, for counting partners.
    slot: usize,
    /// Day numbers of the claim's time; meaningful only when `dated`.
    start: i64,
    end: i64,
    predicate: usize,
    side: i8,
    stance: Stance,
    dated: bool,
    /// About a vague earlier period.
    vague: bool,
    /// The sentence states its time ("in 2015"), rather than the publication date standing in.
    stated: bool,
    quantity: bool,
    /// A general claim (read by the language layer), judged by its gist.
    general: bool,
    /// The claim this one disputes, when its target is a claim of the corpus.
    aims_at: Option<usize>,
}

impl Probe {
    fn of(
        claims: &[Claim],
        claim: usize,
        slot: usize,
        by_id: &HashMap<&str, usize>,
        rules: &RuleSet,
    ) -> Probe {
        let c = &claims[claim];
        let day = |d| crate::time::day_number(d);
        Probe {
            claim,
            article: c.article,
            slot,
            start: c.when.as_ref().map_or(0, |w| day(w.start)),
            end: c.when.as_ref().map_or(0, |w| day(w.end)),
            predicate: c.predicate,
            side: c.side(rules),
            stance: c.stance,
            dated: c.when.is_some(),
            vague: c
                .when
                .as_ref()
                .is_some_and(|w| w.basis == TimeBasis::Earlier),
            stated: c
                .when
                .as_ref()
                .is_some_and(|w| w.basis == TimeBasis::Stated),
            quantity: c.quantity.is_some(),
            general: c.general.is_some(),
            aims_at: c.target.as_deref().and_then(|t| by_id.get(t).copied()),
        }
    }

    /// Sort key for "earlier first": undated before dated, then by start, then claim order.
    /// (An undated probe's start is 0, so it never tells two undated claims apart.)
    fn order(&self) -> (bool, i64, usize) {
        (self.dated, self.start, self.claim)
    }
}

/// Whether a dispute of one is aimed at the other.
fn aimed_probes(a: &Probe, b: &Probe) -> bool {
    a.aims_at == Some(b.claim) || b.aims_at == Some(a.claim)
}

/// Judges a pair; `same_time` says whether their times overlap (or cannot be told apart).
fn judge(
    a: &Probe,
    b: &Probe,
    claims: &[Claim],
    aspect: Aspect,
    same_time: bool,
    rules: &RuleSet,
    lexicon: &Lexicon,
) -> Option<Found> {
    if a.article == b.article && claims[a.claim].span == claims[b.claim].span {
        return None;
    }
    let aimed = aimed_probes(a, b);
    // A claim about a vague earlier period ("under the previous government") is context for
    // its own article, too loose to set against other claims.
    if (a.vague || b.vague) && !aimed {
        return None;
    }
    // Undated events cannot be told apart, so they are not compared.
    if (!a.dated || !b.dated) && aspect == Aspect::Event && !aimed {
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
    if a.general || b.general {
        return judge_general(a, b, claims, same_time, rules, lexicon).and_then(|f| match f {
            // Two values of a relation that never changes (born in) conflict at any time.
            Found::Conflict(_, Kind::Functional) if never_changes(&claims[a.claim], lexicon) => {
                Some(Found::Conflict(Verdict::Contradiction, Kind::Functional))
            }
            // How long something lasted is said of one event: at another time it is
            // another event (another call), never a change.
            Found::Conflict(_, Kind::Quantity) if !same_time && lasted(&claims[a.claim]) => None,
            Found::Conflict(_, kind) => verdict(kind),
            agreement => Some(agreement),
        });
    }
    if a.side != b.side {
        let kind = if a.stance == Stance::Disputes || b.stance == Stance::Disputes {
            Kind::Dispute
        } else if a.predicate != b.predicate {
            Kind::Opposite
        } else {
            Kind::Negation
        };
        return verdict(kind);
    }
    if a.quantity
        && b.quantity
        && let (Some(qa), Some(qb)) = (&claims[a.claim].quantity, &claims[b.claim].quantity)
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
        Kind::Quantity | Kind::Time | Kind::Functional => 0.8,
    };
    // General claims are read without beat knowledge: less sure than a beat rule.
    if a.general.is_some() {
        score *= 0.8;
    }
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

/// The pairs one block (or one tile of a split block) yields, each list in the order the
/// sweeps meet them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BlockPairs {
    pub contradictions: Vec<Conflict>,
    pub changes: Vec<Conflict>,
    pub agreements: Vec<Agreement>,
}

/// Collects the pairs of one block, keeping at most `cap` partners per claim and only the
/// pairs `allow` accepts (a tile of a split block takes the pairs across its two chunks).
struct Collector<'a> {
    cap: u32,
    /// Partners so far, per member slot of the block.
    count: Vec<u32>,
    /// Pairs already taken through an aimed dispute, which the sweep may meet again.
    aimed_pairs: std::collections::HashSet<(usize, usize)>,
    allow: &'a dyn Fn(usize, usize) -> bool,
    pairs: BlockPairs,
}

impl Collector<'_> {
    fn full(&self, p: &Probe) -> bool {
        self.count[p.slot] >= self.cap
    }

    fn add(&mut self, i: &Probe, j: &Probe, found: Found) {
        if self.full(i) || self.full(j) || !(self.allow)(i.claim, j.claim) {
            return;
        }
        // Sweeps meet each pair once; only pairs joined by an aimed dispute can come twice.
        if aimed_probes(i, j)
            && !self
                .aimed_pairs
                .insert((i.claim.min(j.claim), i.claim.max(j.claim)))
        {
            return;
        }
        self.count[i.slot] += 1;
        self.count[j.slot] += 1;
        // The earlier claim first; ties broken by claim order.
        let (a, b) = if i.order() <= j.order() {
            (i.claim, j.claim)
        } else {
            (j.claim, i.claim)
        };
        match found {
            Found::Conflict(verdict, kind) => {
                let k = Conflict {
                    verdict,
                    kind,
                    a,
                    b,
                };
                match verdict {
                    Verdict::Contradiction => self.pairs.contradictions.push(k),
                    Verdict::ChangedOverTime => self.pairs.changes.push(k),
                }
            }
            Found::Agreement => self.pairs.agreements.push(Agreement { a, b }),
        }
    }
}

/// Orders probes by the day their time starts, keeping their order within a day. A
/// counting sort over days (linear) when the days span a range comparable to the count,
/// else a stable comparison sort.
fn sort_by_start_day(items: &mut Vec<Probe>) {
    let (Some(lo), Some(hi)) = (
        items.iter().map(|p| p.start).min(),
        items.iter().map(|p| p.start).max(),
    ) else {
        return;
    };
    let range = usize::try_from(hi - lo).unwrap_or(usize::MAX);
    if range > 4 * items.len() + 4096 {
        items.sort_by_key(|p| p.start);
        return;
    }
    let offset = |p: &Probe| usize::try_from(p.start - lo).unwrap_or(0);
    let mut counts = vec![0usize; range + 2];
    for p in items.iter() {
        counts[offset(p) + 1] += 1;
    }
    for k in 1..counts.len() {
        counts[k] += counts[k - 1];
    }
    let mut out = items.clone();
    for p in items.iter() {
        let slot = &mut counts[offset(p)];
        out[*slot] = *p;
        *slot += 1;
    }
    *items = out;
}

/// A block's members (all but conditional claims) as probes, in claim order, so an
/// article's claims are a contiguous run. `members` are claim indices, ascending.
fn gather(claims: &[Claim], members: &[usize], rules: &RuleSet) -> Vec<Probe> {
    // Targets of disputes, resolved to the block's own claims once: only a target inside
    // the block can make a pair. Claim ids are unique in a corpus: article ids are, and a
    // sentence gives at most one claim per predicate.
    let wanted: std::collections::HashSet<&str> = members
        .iter()
        .filter_map(|&i| claims[i].target.as_deref())
        .collect();
    let by_id: HashMap<&str, usize> = if wanted.is_empty() {
        HashMap::new()
    } else {
        members
            .iter()
            .filter(|&&i| wanted.contains(claims[i].id.as_str()))
            .map(|&i| (claims[i].id.as_str(), i))
            .collect()
    };
    let mut probes = Vec::with_capacity(members.len());
    for &i in members {
        if claims[i].modality != Modality::Conditional {
            let slot = probes.len();
            probes.push(Probe::of(claims, i, slot, &by_id, rules));
        }
    }
    probes
}

/// Finds the conflicts and agreements of one block of `family`: `members` are claim
/// indices, ascending; each claim keeps at most `cap` partners and looks at no more than
/// `2 × max_pairs_per_claim + 16` neighbours in each search; only the pairs `allow`
/// accepts are kept. `shard` calls this for every block, or every tile of a split one.
pub fn detect_block(
    claims: &[Claim],
    members: &[usize],
    family: usize,
    cap: usize,
    allow: &dyn Fn(usize, usize) -> bool,
    rules: &RuleSet,
    lexicon: &Lexicon,
) -> BlockPairs {
    // How many neighbours one claim looks at in each search: the bound on work per claim.
    let scan = 2 * rules.settings.max_pairs_per_claim + 16;
    let probes = gather(claims, members, rules);
    let mut c = Collector {
        cap: u32::try_from(cap).unwrap_or(u32::MAX),
        count: vec![0; probes.len()],
        aimed_pairs: Default::default(),
        allow,
        pairs: BlockPairs::default(),
    };
    sweep(
        &probes,
        &rules.families[family],
        scan,
        claims,
        (rules, lexicon),
        &mut c,
    );
    c.pairs
}

/// Finds the pairs of one block: `members` are its probes in claim order, and each claim
/// looks at no more than `scan` neighbours in each search.
/// Two stated periods longer than the window that do not overlap ("in 2015", "in 2016")
/// are different times: the window is the slack of a day's date, and a stated month or
/// year gives its own bounds.
fn distinct_periods(i: &Probe, j: &Probe, window: i64) -> bool {
    let long = |p: &Probe| p.stated && p.end - p.start >= window;
    long(i) && long(j) && (j.start > i.end || i.start > j.end)
}

fn sweep(
    members: &[Probe],
    family: &Family,
    scan: usize,
    claims: &[Claim],
    (rules, lexicon): (&RuleSet, &Lexicon),
    c: &mut Collector,
) {
    let (aspect, window) = (family.aspect, family.same_time_days);
    // Disputes aimed at a claim conflict with it whatever the time. Members are in claim
    // order, so the target is found by binary search.
    for i in members {
        if let Some(t) = i.aims_at
            && let Ok(x) = members.binary_search_by_key(&t, |p| p.claim)
            && let Some(found) = judge(&members[x], i, claims, aspect, true, rules, lexicon)
        {
            c.add(&members[x], i, found);
        }
    }

    let (mut dated, undated): (Vec<Probe>, Vec<Probe>) = members.iter().partition(|p| p.dated);
    sort_by_start_day(&mut dated);

    // Overlapping times: sweep forward while the next claim starts within the window.
    for (x, i) in dated.iter().enumerate() {
        for j in dated[x + 1..].iter().take(scan) {
            if j.start - i.end > window || c.full(i) {
                break;
            }
            if distinct_periods(i, j, window) {
                continue;
            }
            if let Some(found) = judge(i, j, claims, aspect, true, rules, lexicon) {
                c.add(i, j, found);
            }
        }
    }

    // Changes over time: the nearest earlier claims that end before this one's window.
    if aspect == Aspect::State {
        // Claims before index `q` start early enough that they may not overlap; starts
        // only grow along the sweep, so `q` only moves forward.
        let mut q = 0;
        for (x, i) in dated.iter().enumerate() {
            while q < x && i.start - dated[q].start > window {
                q += 1;
            }
            for j in dated[..q].iter().rev().take(scan) {
                if c.full(i) {
                    break;
                }
                if i.start - j.end <= window {
                    continue;
                }
                if let Some(found @ Found::Conflict(..)) =
                    judge(j, i, claims, aspect, false, rules, lexicon)
                {
                    c.add(j, i, found);
                }
            }
        }
    }

    // Undated claims cannot be placed in time, so they are set only against the other
    // claims of their own article that share its unknown date, as if at the same time.
    for i in &undated {
        let from = members.partition_point(|j| j.article < i.article);
        let to = members.partition_point(|j| j.article <= i.article);
        for j in members[from..to]
            .iter()
            .filter(|j| j.claim != i.claim)
            .take(scan)
        {
            if c.full(i) {
                break;
            }
            // Each pair of undated claims once; a dated partner is met only from here.
            if !j.dated && j.claim < i.claim {
                continue;
            }
            // A partner whose sentence states its own time ("withdrew in 2011") is not at
            // the article's unknown date, which the undated claim shares.
            if j.stated && !aimed_probes(i, j) {
                continue;
            }
            if let Some(found) = judge(i, j, claims, aspect, true, rules, lexicon) {
                c.add(i, j, found);
            }
        }
    }
}
