//! Shards: the back of the pipeline cut into pure pieces that run apart, so the same
//! report comes from one process or from a cluster. `check` runs them in memory (on
//! rayon); `claimclash map | sort | reduce | assemble` and the Spark driver run them as
//! processes joined by lines ([`lines`]).
//!
//! - **map**: an article → its claims, each under the blocking [`key`] (case, subject,
//!   family) of the block it belongs to. Keys are made of ids, never of indices: a general
//!   claim's subject and relation get their indices only once the whole corpus is read
//!   ([`general::resolve`]), but their ids come from the claim's content alone
//!   ([`general::who_id`], family [`general::GENERAL_STATE`]).
//! - **reduce**: one block's claims → its findings ([`find_block`]). General claims are
//!   placed among the entities and relations of the claims at hand: findings depend on
//!   which claims share a subject, speaker or relation, never on the indices themselves,
//!   so a vocabulary of the block gives the findings of the corpus's. Nothing outside the
//!   block is read: dispute targets are claim ids, and only a target inside the block can
//!   make a pair. A block of more than `max_block_claims` claims is cut into `C` chunks by
//!   claim id and compared as `C (C + 1) / 2` tiles: tile `(i, j)` holds chunks `i` and
//!   `j` and keeps only the pairs across them (within chunk `i` when `i = j`), so every
//!   pair of the block is in exactly one tile, and each claim keeps at most `⌈cap / C⌉`
//!   partners per tile. A tile can be reduced alone (key suffix `|t=i.j/C`), so one hot
//!   subject spreads over many tasks.
//! - **assemble**: articles, claims and findings → the [`Analysis`]: articles ordered by
//!   id ([`gather`]), findings in report order ([`order`]).

pub mod lines;

use crate::article::{ArticleInfo, Problem};
use crate::claim::{Claim, Subject};
use crate::conflict::{self, Agreement, BlockPairs, Conflict, Kind, Verdict};
use crate::general;
use crate::graph::Block;
use crate::lexicon::Lexicon;
use crate::rules::RuleSet;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// The blocking key of a block: `s=SUBJECT|f=FAMILY`, then `|c=CASE` for a case. Each part
/// is escaped (bytes other than ASCII letters, digits and `.+-_` as `%XX`), so a key has
/// no tab, newline or `|` of its own and never starts with `#`.
pub fn key(case: Option<&str>, subject: &str, family: &str) -> String {
    let mut k = format!("s={}|f={}", escape(subject), escape(family));
    if let Some(case) = case {
        k.push_str("|c=");
        k.push_str(&escape(case));
    }
    k
}

/// The key of a claim of an article of `case`: a beat claim's by its subject and
/// family in the pack, a general claim's by the ids its gist will get.
pub fn key_of(claim: &Claim, case: Option<&str>, rules: &RuleSet) -> String {
    match claim.general.as_deref() {
        Some(g) => key(
            case,
            &general::who_id(&g.subject, rules),
            general::GENERAL_STATE,
        ),
        None => key(
            case,
            &claim.subject.id(rules),
            &rules.families[rules.predicates[claim.predicate].family].id,
        ),
    }
}

fn escape(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    for b in part.bytes() {
        if b.is_ascii_alphanumeric() || b"+-._".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One tile of a split block: chunks `i ≤ j` of `of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Tile {
    pub i: u32,
    pub j: u32,
    pub of: u32,
}

impl Tile {
    /// The whole block, unsplit.
    pub const WHOLE: Tile = Tile { i: 0, j: 0, of: 1 };

    /// Every tile of a block cut into `of` chunks, in order.
    pub fn all(of: u32) -> impl Iterator<Item = Tile> {
        (0..of).flat_map(move |i| (i..of).map(move |j| Tile { i, j, of }))
    }

    /// The tile of two chunks.
    pub fn of_pair(a: u32, b: u32, of: u32) -> Tile {
        Tile {
            i: a.min(b),
            j: a.max(b),
            of,
        }
    }

    /// Whether a claim of chunk `c` belongs in this tile.
    pub fn holds(&self, c: u32) -> bool {
        c == self.i || c == self.j
    }

    /// Whether a pair of claims of chunks `a` and `b` is this tile's to compare.
    pub fn takes(&self, a: u32, b: u32) -> bool {
        (a.min(b), a.max(b)) == (self.i, self.j)
    }

    /// The key suffix that names the tile, `|t=i.j/of`.
    pub fn suffix(&self) -> String {
        format!("|t={}.{}/{}", self.i, self.j, self.of)
    }

    /// The tile a key names, and the block key without it; `None` for a whole block.
    pub fn parse(key: &str) -> Option<(&str, Tile)> {
        let (block, t) = key.rsplit_once("|t=")?;
        let (pair, of) = t.split_once('/')?;
        let (i, j) = pair.split_once('.')?;
        let tile = Tile {
            i: i.parse().ok()?,
            j: j.parse().ok()?,
            of: of.parse().ok()?,
        };
        (tile.i <= tile.j && tile.j < tile.of).then_some((block, tile))
    }
}

/// How many chunks a block of `n` claims is cut into under a bound of `bound` claims.
pub fn chunks_for(n: usize, bound: usize) -> u32 {
    let bound = bound.max(1);
    u32::try_from(n.div_ceil(bound).max(1)).unwrap_or(u32::MAX)
}

/// The chunk of a claim among `of`: from its id alone (FNV-1a), so every process agrees.
pub fn chunk_of(claim_id: &str, of: u32) -> u32 {
    if of <= 1 {
        return 0;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in claim_id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // The high bits mix best.
    u32::try_from((h >> 32) % u64::from(of)).unwrap_or(0)
}

/// Which list of the report a finding goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum List {
    Contradiction,
    Change,
    Agreement,
}

/// A pair found in a block, with where the sweep met it (tile and place in the tile's
/// list), so findings reduced anywhere come back in one order. `C` names a claim: an index
/// in memory, a claim id on a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding<C> {
    pub list: List,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    pub tile: (u32, u32),
    pub seq: u32,
    pub a: C,
    pub b: C,
}

impl<C> Finding<C> {
    /// The same finding with its claims named another way.
    pub fn map<D>(self, f: &mut dyn FnMut(C) -> Option<D>) -> Option<Finding<D>> {
        Some(Finding {
            list: self.list,
            kind: self.kind,
            tile: self.tile,
            seq: self.seq,
            a: f(self.a)?,
            b: f(self.b)?,
        })
    }
}

/// The findings of one block of `family`: `members` are claim indices in claim order. A
/// block over the bound is compared tile by tile.
pub fn find_block(
    claims: &[Claim],
    members: &[usize],
    family: usize,
    (rules, lexicon): (&RuleSet, &Lexicon),
) -> Vec<Finding<usize>> {
    let of = chunks_for(members.len(), rules.settings.max_block_claims);
    if of == 1 {
        return find_tile(claims, members, family, Tile::WHOLE, (rules, lexicon));
    }
    // Each chunk's members, in claim order; a tile merges two of them.
    let mut chunks: Vec<Vec<usize>> = vec![Vec::new(); of as usize];
    for &m in members {
        chunks[chunk_of(&claims[m].id, of) as usize].push(m);
    }
    let mut found = Vec::new();
    for tile in Tile::all(of) {
        let mut held = chunks[tile.i as usize].clone();
        if tile.j != tile.i {
            held.extend_from_slice(&chunks[tile.j as usize]);
            held.sort_unstable();
        }
        found.extend(find_tile(claims, &held, family, tile, (rules, lexicon)));
    }
    found
}

/// The findings of one tile: `members` are the claims of its chunks, in claim order (for
/// [`Tile::WHOLE`], the whole block).
pub fn find_tile(
    claims: &[Claim],
    members: &[usize],
    family: usize,
    tile: Tile,
    (rules, lexicon): (&RuleSet, &Lexicon),
) -> Vec<Finding<usize>> {
    let cap = rules
        .settings
        .max_pairs_per_claim
        .div_ceil(tile.of as usize);
    let chunk = |c: usize| chunk_of(&claims[c].id, tile.of);
    let allow = |a: usize, b: usize| tile.of == 1 || tile.takes(chunk(a), chunk(b));
    let pairs = conflict::detect_block(claims, members, family, cap, &allow, rules, lexicon);
    findings_of(pairs, tile)
}

fn findings_of(pairs: BlockPairs, tile: Tile) -> Vec<Finding<usize>> {
    let at = (tile.i, tile.j);
    let conflict = |list: List| {
        move |(seq, k): (usize, Conflict)| Finding {
            list,
            kind: Some(k.kind),
            tile: at,
            seq: u32::try_from(seq).unwrap_or(u32::MAX),
            a: k.a,
            b: k.b,
        }
    };
    let mut out: Vec<Finding<usize>> = Vec::new();
    out.extend(
        pairs
            .contradictions
            .into_iter()
            .enumerate()
            .map(conflict(List::Contradiction)),
    );
    out.extend(
        pairs
            .changes
            .into_iter()
            .enumerate()
            .map(conflict(List::Change)),
    );
    out.extend(
        pairs
            .agreements
            .into_iter()
            .enumerate()
            .map(|(seq, g)| Finding {
                list: List::Agreement,
                kind: None,
                tile: at,
                seq: u32::try_from(seq).unwrap_or(u32::MAX),
                a: g.a,
                b: g.b,
            }),
    );
    out
}

/// The findings of every block, reduced on all threads, each with its block's place in
/// report order (so that [`order`] finds them in order and sorts nothing).
pub fn find_all(
    claims: &[Claim],
    blocks: &[Block],
    rules: &RuleSet,
    lexicon: &Lexicon,
) -> Vec<(usize, Finding<usize>)> {
    let mut ranked: Vec<&Block> = blocks.iter().collect();
    ranked.sort_by_cached_key(|b| block_order(b.subject, b.family, b.case.as_deref(), rules));
    ranked
        .par_iter()
        .enumerate()
        .flat_map_iter(|(rank, b)| {
            find_block(claims, &b.claims, b.family, (rules, lexicon))
                .into_iter()
                .map(move |f| (rank, f))
        })
        .collect()
}

/// Where a block stands in the report: by subject id, family id, case.
fn block_order(
    subject: Subject,
    family: usize,
    case: Option<&str>,
    rules: &RuleSet,
) -> (String, String, Option<String>) {
    (
        subject.id(rules),
        rules.families[family].id.clone(),
        case.map(str::to_string),
    )
}

/// Each finding with its block's place in report order, for findings gathered from
/// anywhere (`assemble`).
pub fn rank<'a>(
    found: Vec<Finding<usize>>,
    claims: &[Claim],
    case_of: &dyn Fn(usize) -> Option<&'a str>,
    rules: &RuleSet,
) -> Vec<(usize, Finding<usize>)> {
    let block = |f: &Finding<usize>| {
        let c = &claims[f.a];
        (
            c.subject,
            rules.predicates[c.predicate].family,
            case_of(c.article),
        )
    };
    let mut blocks: Vec<(Subject, usize, Option<&str>)> = found.iter().map(block).collect();
    blocks.sort_unstable();
    blocks.dedup();
    blocks.sort_by_cached_key(|&(s, f, c)| block_order(s, f, c, rules));
    let ranks: std::collections::HashMap<(Subject, usize, Option<&str>), usize> = blocks
        .into_iter()
        .enumerate()
        .map(|(r, b)| (b, r))
        .collect();
    found
        .into_iter()
        .map(|f| (ranks.get(&block(&f)).copied().unwrap_or(usize::MAX), f))
        .collect()
}

/// Findings in report order: contradictions, then changes over time, then agreements;
/// each list block by block (subject id, family id, case), and within a block tile by
/// tile in the order the sweeps met the pairs. Findings that come block by block, as
/// [`find_all`] gives them, are only split into the lists.
pub fn order(mut found: Vec<(usize, Finding<usize>)>) -> (Vec<Conflict>, Vec<Agreement>) {
    let key = |(rank, f): &(usize, Finding<usize>)| (*rank, f.tile, f.list, f.seq);
    if !found.is_sorted_by_key(key) {
        found.sort_unstable_by_key(key);
    }
    let mut contradictions = Vec::new();
    let mut changes = Vec::new();
    let mut agreements = Vec::new();
    for (_, f) in found {
        let conflict = |verdict| Conflict {
            verdict,
            kind: f.kind.unwrap_or(Kind::Opposite),
            a: f.a,
            b: f.b,
        };
        match f.list {
            List::Contradiction => contradictions.push(conflict(Verdict::Contradiction)),
            List::Change => changes.push(conflict(Verdict::ChangedOverTime)),
            List::Agreement => agreements.push(Agreement { a: f.a, b: f.b }),
        }
    }
    contradictions.append(&mut changes);
    (contradictions, agreements)
}

/// Articles in a fixed order and the claims that go with them.
pub struct Gathered {
    pub articles: Vec<ArticleInfo>,
    pub claims: Vec<Claim>,
    /// Articles left out because an earlier one has their id.
    pub problems: Vec<Problem>,
}

/// Orders articles by id (then path and content fingerprint, so that nothing depends on
/// input order), keeps the first of articles that share an id, and gives each claim its
/// article's new index, in claim order (article, sentence, trigger, predicate). A claim's
/// `article` indexes `articles` on the way in.
pub fn gather(articles: Vec<(ArticleInfo, u64)>, claims: Vec<Claim>) -> Gathered {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&x, &y| {
        let (a, b) = (&articles[x], &articles[y]);
        (&a.0.id, &a.0.path, a.1).cmp(&(&b.0.id, &b.0.path, b.1))
    });
    let mut new_index: Vec<Option<usize>> = vec![None; articles.len()];
    let mut infos: Vec<ArticleInfo> = Vec::with_capacity(order.len());
    let mut problems = Vec::new();
    let mut articles: Vec<Option<ArticleInfo>> =
        articles.into_iter().map(|(info, _)| Some(info)).collect();
    for &old in &order {
        let Some(info) = articles[old].take() else {
            continue;
        };
        if let Some(kept) = infos.last().filter(|k: &&ArticleInfo| k.id == info.id) {
            problems.push(Problem::new(
                &info.path,
                info.line,
                format!(
                    "article id `{}` is already used by {}; give each article its own id",
                    info.id, kept.path
                ),
            ));
            continue;
        }
        new_index[old] = Some(infos.len());
        infos.push(info);
    }
    let mut claims: Vec<Claim> = claims
        .into_iter()
        .filter_map(|mut c| {
            c.article = new_index.get(c.article).copied().flatten()?;
            Some(c)
        })
        .collect();
    claims.sort_by_key(claim_order);
    Gathered {
        articles: infos,
        claims,
        problems,
    }
}

/// Claims of one article in reading order (article index first).
fn claim_order(c: &Claim) -> (usize, usize, usize, usize) {
    (c.article, c.span.0, c.trigger_span.0, c.predicate)
}

/// A body's fingerprint, to order articles that share an id and path. It reads eight bytes
/// per step (little-endian, so the value is the same on every platform): a byte-at-a-time
/// hash cost as much as a tenth of the whole run on large archives.
pub fn fingerprint(text: &str) -> u64 {
    const MUL: u64 = 0x9e37_79b9_7f4a_7c15;
    let mix = |h: u64, w: u64| (h ^ w).wrapping_mul(MUL).rotate_left(29);
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let mut h = 0xcbf2_9ce4_8422_2325 ^ bytes.len() as u64;
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(w));
    }
    let mut w = [0u8; 8];
    w[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    mix(h, u64::from_le_bytes(w))
}

/// A digest of what claim lines depend on: the line format ([`lines::FORMAT`]), the rule
/// pack (entity, family and predicate ids in index order, and the settings) and the
/// general knowledge (`lexicon`: a print of the pack's own lexicon files, 0 for the
/// bundled one), so that a step run with another pack or lexicon is caught.
pub fn pack_digest(rules: &RuleSet, lexicon: u64) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |s: &str| {
        for b in s.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for e in &rules.entities {
        eat(&e.id);
        eat(&e.root.to_string());
    }
    for f in &rules.families {
        eat(&f.id);
        eat(&f.same_time_days.to_string());
    }
    for p in &rules.predicates {
        eat(&p.id);
        eat(&format!("{}:{}", p.family, p.side));
    }
    eat(&format!("{:?}", rules.settings));
    eat(&format!(
        "format {} lexicon {lexicon:016x} of claimclash {}",
        lines::FORMAT,
        env!("CARGO_PKG_VERSION")
    ));
    format!("{h:016x}")
}

#[cfg(test)]
mod tests;
