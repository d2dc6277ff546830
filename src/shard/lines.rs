//! The line protocol of `claimclash map`, `tile`, `reduce` and `assemble`: UTF-8 lines
//! that any engine can pipe, sort and shuffle without reading JSON. This is line format
//! [`FORMAT`] (2: general claims travel; 1 had beat claims only); `#article` and `#stats`
//! lines name it as `"v"`, and every step's pack digest includes it.
//!
//! - `KEY<TAB>CLAIM` — a claim under its blocking key (see [`super::key`]); `CLAIM` is one
//!   line of JSON: the article's id, path, fingerprint and case, the claim's place among
//!   its article's claims (`seq`), and the claim itself as the serde form of [`Claim`]
//!   (so every field of a claim travels). A general claim carries its gist (`general`:
//!   subject and speaker as `{"pack": INDEX}`, `{"name": {"key", "kind"}}` or
//!   `{"thing": {"key"}}`, relation, content words, amounts, value, denial, allegation,
//!   rejection) with its subject, speaker and predicate indices not yet placed
//!   (`usize::MAX`): `reduce` and `assemble` place them ([`crate::general::resolve`]). A
//!   `"copy": true` claim is a tile's copy of a claim whose home is another tile: only its
//!   comparison fields are kept, and it never reaches the report.
//! - `#article<TAB>{…}` — an article's metadata (every article, with or without claims),
//!   and what the language layer read of it (`read`: sentences and bytes).
//! - `#problem<TAB>{…}` — an input that could not be used.
//! - `#finding<TAB>{…}` — a pair a reduce found, naming its claims by id.
//! - `#stats<TAB>{…}` — the last line each step writes: lines read and written, so the
//!   caller can tell a child that stopped early from one that finished.
//!
//! Every step passes `#` lines through; only `assemble` reads them all.

use super::{
    Finding, Tile, chunk_of, chunks_for, find_block, find_tile, gather, key_of, order, rank,
};
use crate::article::{Article, ArticleInfo, Problem};
use crate::claim::Claim;
use crate::general::Read;
use crate::lexicon::Lexicon;
use crate::rules::RuleSet;
use crate::{Analysis, graph};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

pub const ARTICLE: &str = "#article";
pub const PROBLEM: &str = "#problem";
pub const FINDING: &str = "#finding";
pub const STATS: &str = "#stats";

/// The version of the line format.
pub const FORMAT: u32 = 2;

/// An article's metadata line.
#[derive(Debug, Serialize, Deserialize)]
struct ArticleLine<'a> {
    /// The line format ([`FORMAT`]); 0 when a line does not say (format 1).
    #[serde(default)]
    v: u32,
    /// The rule pack's digest ([`super::pack_digest`]) at the map.
    pack: Cow<'a, str>,
    print: u64,
    info: Cow<'a, ArticleInfo>,
    /// What the language layer read of the article.
    #[serde(default)]
    read: Read,
}

/// A claim line's JSON.
#[derive(Debug, Serialize, Deserialize)]
struct ClaimLine<'a> {
    article: Cow<'a, str>,
    path: Cow<'a, str>,
    print: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    case: Option<Cow<'a, str>>,
    /// Place among the article's claims as read (before they are ordered).
    seq: u32,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    copy: bool,
    claim: Cow<'a, Claim>,
}

/// The trailer of a step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// The line format ([`FORMAT`]).
    #[serde(default)]
    pub v: u32,
    pub role: String,
    /// Lines read.
    #[serde(rename = "in")]
    pub lines_in: u64,
    /// Lines written before this one.
    pub out: u64,
    pub pack: String,
    #[serde(default)]
    pub articles: u64,
    #[serde(default)]
    pub claims: u64,
    #[serde(default)]
    pub problems: u64,
    #[serde(default)]
    pub groups: u64,
    #[serde(default)]
    pub max_group: u64,
}

impl Stats {
    /// A step's trailer of this line format.
    pub fn new(role: &str, pack: String) -> Stats {
        Stats {
            v: FORMAT,
            role: role.into(),
            pack,
            ..Default::default()
        }
    }

    pub fn line(&self) -> String {
        format!("{STATS}\t{}\n", json(self))
    }
}

fn json<T: Serialize>(value: &T) -> String {
    // Serialising plain data to a string cannot fail: no map has non-string keys.
    serde_json::to_string(value).unwrap_or_default()
}

/// The line of a problem.
pub fn problem_line(p: &Problem) -> String {
    format!("{PROBLEM}\t{}\n", json(p))
}

/// map: an article's lines (its `#article` line, then a line per claim) appended to `out`;
/// returns how many. With a lexicon, general claims are read too, as `check` reads them.
pub fn map_article(
    article: &Article,
    rules: &RuleSet,
    general: Option<&Lexicon>,
    pack: &str,
    out: &mut String,
) -> usize {
    let print = super::fingerprint(&article.body);
    let info = &article.info;
    let (claims, read) = crate::article_claims_with(0, article, rules, general);
    let head = ArticleLine {
        v: FORMAT,
        pack: pack.into(),
        print,
        info: Cow::Borrowed(info),
        read,
    };
    out.push_str(&format!("{ARTICLE}\t{}\n", json(&head)));
    for (seq, claim) in claims.iter().enumerate() {
        let line = ClaimLine {
            article: info.id.as_str().into(),
            path: info.path.as_str().into(),
            print,
            case: info.case.as_deref().map(Cow::Borrowed),
            seq: u32::try_from(seq).unwrap_or(u32::MAX),
            copy: false,
            claim: Cow::Borrowed(claim),
        };
        out.push_str(&key_of(claim, info.case.as_deref(), rules));
        out.push('\t');
        out.push_str(&json(&line));
        out.push('\n');
    }
    1 + claims.len()
}

/// A keyed line split into key and JSON.
pub fn split(line: &str) -> Result<(&str, &str), String> {
    line.split_once('\t')
        .ok_or_else(|| "a line without a tab: expected KEY<TAB>JSON".to_string())
}

fn claim_of(json: &str) -> Result<ClaimLine<'static>, String> {
    serde_json::from_str(json).map_err(|e| format!("not a claim line: {e}"))
}

/// tile: a claim line of a key whose block has `count` claims. Under the bound it passes
/// as it is; over it, it goes to its home tile whole and to every other tile of its chunk
/// as a copy. Returns how many lines were appended.
pub fn tile_line(line: &str, count: u64, bound: usize, out: &mut String) -> Result<usize, String> {
    let of = chunks_for(usize::try_from(count).unwrap_or(usize::MAX), bound);
    if of == 1 {
        out.push_str(line);
        out.push('\n');
        return Ok(1);
    }
    let (key, json) = split(line)?;
    if Tile::parse(key).is_some() {
        return Err(format!("key `{key}` is already a tile's"));
    }
    let mut c = claim_of(json)?;
    let home = chunk_of(&c.claim.id, of);
    out.push_str(&format!(
        "{key}{}\t{json}\n",
        Tile::of_pair(home, home, of).suffix()
    ));
    c.copy = true;
    let claim = c.claim.to_mut();
    claim.text.clear();
    claim.context = (String::new(), String::new());
    claim.reasons.clear();
    let copy = self::json(&c);
    for other in (0..of).filter(|&o| o != home) {
        let tile = Tile::of_pair(home, other, of);
        out.push_str(&format!("{key}{}\t{copy}\n", tile.suffix()));
    }
    Ok(of as usize)
}

/// What one reduce of a group came to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reduced {
    pub lines: usize,
    pub claims: usize,
}

/// One group's claim lines parsed: the claims that take part, in claim order, each with
/// its line.
struct Parsed<'a> {
    key: &'a str,
    claims: Vec<(ClaimLine<'static>, &'a str)>,
}

/// reduce: groups of claim lines (each all of one key, in any order) → for each group, the
/// claims that belong to the report, passed on as they came, then the group's findings.
/// Groups are parsed and reduced on all threads; the general claims of all of them are
/// placed in one vocabulary. Lines from two blocks under one key, or bad JSON, are errors:
/// the input was not made by `map`.
pub fn reduce_groups(
    groups: &[(String, Vec<String>)],
    rules: &RuleSet,
    lexicon: &Lexicon,
) -> Result<Vec<(String, Reduced)>, String> {
    let parsed: Vec<Parsed> = groups
        .par_iter()
        .map(|(key, group)| parse_group(key, group, rules))
        .collect::<Result<_, String>>()?;
    // One claim list for the batch, each group a run of it; article indices only tell an
    // article's claims apart from another's, so they count up across the batch.
    let mut claims: Vec<Claim> = Vec::with_capacity(parsed.iter().map(|p| p.claims.len()).sum());
    let mut runs = Vec::with_capacity(parsed.len());
    let mut article = 0;
    for p in &parsed {
        let start = claims.len();
        for (n, (c, _)) in p.claims.iter().enumerate() {
            if n > 0 && stamp(&p.claims[n - 1].0) != stamp(c) {
                article += 1;
            }
            let mut claim = c.claim.clone().into_owned();
            claim.article = article;
            claims.push(claim);
        }
        article += 1;
        runs.push(start..claims.len());
    }
    let vocabulary = crate::general::resolve(&mut claims, rules);
    let placed = vocabulary.as_ref().unwrap_or(rules);
    parsed
        .par_iter()
        .zip(runs)
        .map(|(p, run)| reduce_run(p, &claims, run, (placed, lexicon)))
        .collect()
}

/// A group's lines parsed and put in claim order, as `check` has it: by article, then
/// place, then the order the article's claims were read in; the first of two claims with
/// one id (an article given twice) is kept.
fn parse_group<'a>(
    key: &'a str,
    group: &'a [String],
    rules: &RuleSet,
) -> Result<Parsed<'a>, String> {
    let mut claims: Vec<(ClaimLine<'static>, &str)> = Vec::with_capacity(group.len());
    for line in group {
        let (_, json) = split(line)?;
        claims.push((claim_of(json)?, line));
    }
    claims.sort_by(|(a, _), (b, _)| order_key(a).cmp(&order_key(b)));
    let mut ids: HashSet<String> = HashSet::with_capacity(claims.len());
    claims.retain(|(c, _)| ids.insert(c.claim.id.clone()));
    let block = Tile::parse(key).map_or(key, |(block, _)| block);
    for (c, _) in &claims {
        let pred = c.claim.predicate;
        if c.claim.general.is_none() && pred >= rules.predicates.len() {
            return Err(format!(
                "key `{key}`: a predicate this rule pack does not have"
            ));
        }
        let own = key_of(&c.claim, c.case.as_deref(), rules);
        if own != block {
            return Err(format!(
                "key `{key}` holds claim `{}` of block `{own}`; is the pack the map's?",
                c.claim.id
            ));
        }
    }
    Ok(Parsed { key, claims })
}

/// The findings of one group, whose claims are `claims[run]`, written after its lines.
fn reduce_run(
    p: &Parsed,
    claims: &[Claim],
    run: std::ops::Range<usize>,
    (rules, lexicon): (&RuleSet, &Lexicon),
) -> Result<(String, Reduced), String> {
    let mut out = String::new();
    let Some(first) = claims.get(run.start).filter(|_| !run.is_empty()) else {
        return Ok((out, Reduced::default()));
    };
    let family = rules
        .predicates
        .get(first.predicate)
        .ok_or_else(|| format!("key `{}`: a claim not placed in the vocabulary", p.key))?
        .family;
    let members: Vec<usize> = run.clone().collect();
    let found = match Tile::parse(p.key) {
        None => find_block(claims, &members, family, (rules, lexicon)),
        Some((_, tile)) => find_tile(claims, &members, family, tile, (rules, lexicon)),
    };
    let mut lines = 0;
    for (c, line) in &p.claims {
        if !c.copy {
            out.push_str(line);
            out.push('\n');
            lines += 1;
        }
    }
    for f in found {
        let named = f.map(&mut |i: usize| Some(claims[i].id.as_str()));
        if let Some(named) = named {
            out.push_str(&format!("{FINDING}\t{}\n", json(&named)));
            lines += 1;
        }
    }
    Ok((
        out,
        Reduced {
            lines,
            claims: run.len(),
        },
    ))
}

fn stamp<'a>(c: &'a ClaimLine) -> (&'a str, &'a str, u64) {
    (&c.article, &c.path, c.print)
}

/// Claim order as `check` sorts claims (a general claim's predicate is not placed yet
/// there either), then the order the article's claims were read in.
fn order_key<'a>(c: &'a ClaimLine) -> (&'a str, &'a str, u64, usize, usize, usize, u32) {
    (
        &c.article,
        &c.path,
        c.print,
        c.claim.span.0,
        c.claim.trigger_span.0,
        c.claim.predicate,
        c.seq,
    )
}

/// assemble: gathers every line the steps wrote, in any order, into the analysis.
#[derive(Default)]
pub struct Assembly {
    pack: String,
    articles: Vec<(ArticleInfo, u64)>,
    claims: Vec<ClaimLine<'static>>,
    findings: Vec<Finding<String>>,
    problems: Vec<Problem>,
    read: Read,
}

impl Assembly {
    /// An assembly of lines written with the pack of digest `pack` ([`super::pack_digest`]).
    pub fn new(pack: String) -> Assembly {
        Assembly {
            pack,
            ..Default::default()
        }
    }

    fn same_pack(&self, v: u32, pack: &str) -> Result<(), String> {
        if v != FORMAT {
            return Err(format!(
                "written in line format {} (this claimclash reads format {FORMAT}); run every step with one claimclash",
                v.max(1)
            ));
        }
        if pack == self.pack {
            Ok(())
        } else {
            Err(format!(
                "written with another rule pack or lexicon (digest {pack}, here {}); run every step with the same pack",
                self.pack
            ))
        }
    }

    /// Takes one line (without its newline).
    pub fn add(&mut self, line: &str) -> Result<(), String> {
        let (head, json) = split(line)?;
        let bad = |what: &str, e: serde_json::Error| format!("not a{what} line: {e}");
        match head {
            ARTICLE => {
                let a: ArticleLine = serde_json::from_str(json).map_err(|e| bad("n article", e))?;
                self.same_pack(a.v, &a.pack)?;
                // As `check` counts it: every article read, kept or not.
                self.read.sentences += a.read.sentences;
                self.read.bytes += a.read.bytes;
                self.articles.push((a.info.into_owned(), a.print));
            }
            PROBLEM => self
                .problems
                .push(serde_json::from_str(json).map_err(|e| bad(" problem", e))?),
            FINDING => {
                let f: Finding<String> =
                    serde_json::from_str(json).map_err(|e| bad(" finding", e))?;
                if (f.list == super::List::Agreement) != f.kind.is_none() {
                    return Err("a finding's kind goes with a conflict, and only there".into());
                }
                self.findings.push(f);
            }
            STATS => {
                let s: Stats = serde_json::from_str(json).map_err(|e| bad(" stats", e))?;
                self.same_pack(s.v, &s.pack)?;
            }
            _ if head.starts_with('#') => return Err(format!("unknown line `{head}`")),
            _ => {
                let c = claim_of(json)?;
                if !c.copy {
                    self.claims.push(c);
                }
            }
        }
        Ok(())
    }

    /// The analysis, as `check` makes it: articles ordered by id (the first of those that
    /// share an id kept), claims in order, general claims placed in the vocabulary of the
    /// whole corpus, findings in report order. A finding whose claim never came is an
    /// error: a reduce's output was lost.
    pub fn finish(self, rules: &RuleSet) -> Result<Analysis, String> {
        let Assembly {
            articles,
            mut claims,
            findings,
            mut problems,
            read,
            ..
        } = self;
        let index: HashMap<(&str, &str, u64), usize> = articles
            .iter()
            .enumerate()
            .map(|(i, (a, print))| ((a.id.as_str(), a.path.as_str(), *print), i))
            .collect();
        // Each article's claims in the order it read them, as `check` gathers them.
        claims.sort_by(|a, b| (stamp(a), a.seq).cmp(&(stamp(b), b.seq)));
        let mut seen: HashSet<String> = HashSet::new();
        let mut owned: Vec<Claim> = Vec::with_capacity(claims.len());
        for c in claims {
            let Some(&i) = index.get(&stamp(&c)) else {
                return Err(format!(
                    "claim `{}` names article `{}`, which no #article line gives; a map's output was lost",
                    c.claim.id, c.article
                ));
            };
            if !seen.insert(c.claim.id.clone()) {
                continue;
            }
            let mut claim = c.claim.into_owned();
            claim.article = i;
            owned.push(claim);
        }
        let mut gathered = gather(articles, owned);
        let vocabulary = crate::general::resolve(&mut gathered.claims, rules).map(Arc::new);
        let placed = vocabulary.as_deref().unwrap_or(rules);
        let by_id: HashMap<&str, usize> = gathered
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let mut found = Vec::with_capacity(findings.len());
        for f in findings {
            if !seen.contains(&f.a) || !seen.contains(&f.b) {
                return Err(format!(
                    "a finding names claim `{}` or `{}`, which no claim line gives; a reduce's output was lost",
                    f.a, f.b
                ));
            }
            // Claims of an article left out (its id taken) drop their findings.
            found.extend(f.map(&mut |id: String| by_id.get(id.as_str()).copied()));
        }
        let (articles, claims) = (gathered.articles, gathered.claims);
        let case_of = |i: usize| articles[i].case.as_deref();
        let (conflicts, agreements) = order(rank(found, &claims, &case_of, placed));
        let size = graph::SubjectGraph::build(&claims, placed, &case_of).size();
        problems.extend(gathered.problems);
        problems.sort();
        let silent = crate::silent_articles(articles.len(), &claims);
        let grouped = crate::dispute::group(&claims, &conflicts, &agreements, &articles, placed);
        Ok(Analysis {
            articles,
            claims,
            conflicts,
            agreements: grouped.agreements,
            disputes: grouped.disputes,
            problems,
            graph: size,
            times: Default::default(),
            vocabulary,
            silent,
            general_read: read,
        })
    }
}
