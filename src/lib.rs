//! claimclash finds contradictions in the news.
//!
//! It reads articles, splits them into sentences, matches the YAML rule pack against them,
//! turns sentences into normalised, attributed claims, groups the claims by subject in a
//! graph and reports the pairs that conflict, with both sentences and the reason.
//!
//! # Codemap
//!
//! The pipeline runs top to bottom; each module imports only the ones above it.
//!
//! - [`time`], [`quantity`]: small parsers for dates and amounts, used by the stages below.
//! - [`article`]: `Article`, the pure `from_*_str` parsers, and the loader (file system).
//! - [`sentence`]: sentence spans that tile a body.
//! - [`rules`]: the rule pack: `schema` (serde mirror), `compile` (checked `RuleSet`, one
//!   automaton), `locate` (file:line:col of a key path), and the loader (file system).
//! - [`extract`]: one automaton pass per article → per-sentence facts.
//! - [`claim`]: facts → `Claim`s (speaker, subject, predicate, polarity, stance, modality,
//!   quantity, time), with references resolved inside the article.
//! - [`graph`]: the petgraph subject graph and the blocks conflict detection compares.
//! - [`conflict`]: verdicts for pairs inside blocks: contradiction, change over time, agreement.
//! - [`report`]: pure rendering of an [`Analysis`] as Markdown or JSON.
//! - `main.rs`: arguments, printing and the exit code; nothing else.
//!
//! # Invariants
//!
//! - No stage does I/O: only `article::load` and `rules::read_dir` read files, only
//!   `main.rs` prints.
//! - Spans are absolute byte offsets into the article body; `Claim::text` is exactly
//!   `body[span]`.
//! - Same corpus and rules give a byte-identical report, whatever the input order or thread
//!   count: articles are ordered by id, ids derive from content, and every map that reaches
//!   output is ordered.
//! - A contradiction is a finding, not an error; a bad article is a problem, not a crash.
//! - Behaviour lives in code, knowledge in `claims/`: no code names a country, person or
//!   phrase of the news.
//! - Time is resolved against the article's date, never against the clock.

pub mod article;
pub mod claim;
pub mod conflict;
pub mod examples;
pub mod extract;
pub mod graph;
pub mod quantity;
pub mod report;
pub mod rules;
pub mod sentence;
pub mod time;
pub mod trace;

use article::{Article, DateBasis, Problem};
use claim::Claim;
use conflict::{Agreement, Conflict};
use jiff::civil::Date;
use rayon::prelude::*;
use rules::RuleSet;
use std::time::{Duration, Instant};

/// What the report needs of an article once its claims are out; the body is not kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleInfo {
    pub id: String,
    pub path: String,
    pub title: Option<String>,
    pub date: Option<Date>,
    pub date_basis: DateBasis,
    pub source: Option<String>,
    pub url: Option<String>,
    pub case: Option<String>,
}

/// Everything one run found.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub articles: Vec<ArticleInfo>,
    pub claims: Vec<Claim>,
    pub conflicts: Vec<Conflict>,
    pub agreements: Vec<Agreement>,
    pub problems: Vec<Problem>,
    pub graph: graph::GraphSize,
    pub times: StageTimes,
}

impl Analysis {
    pub fn contradictions(&self) -> usize {
        self.conflicts
            .iter()
            .filter(|c| c.verdict == conflict::Verdict::Contradiction)
            .count()
    }
    pub fn changes(&self) -> usize {
        self.conflicts
            .iter()
            .filter(|c| c.verdict == conflict::Verdict::ChangedOverTime)
            .count()
    }
}

/// Time spent in each stage, summed over worker threads; for `--stats` and the benchmark.
/// It never reaches a report, which stays deterministic.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StageTimes {
    pub segment: Duration,
    pub matching: Duration,
    pub claims: Duration,
    pub graph: Duration,
    pub conflicts: Duration,
}

impl std::ops::Add for StageTimes {
    type Output = StageTimes;
    fn add(self, o: StageTimes) -> StageTimes {
        StageTimes {
            segment: self.segment + o.segment,
            matching: self.matching + o.matching,
            claims: self.claims + o.claims,
            graph: self.graph + o.graph,
            conflicts: self.conflicts + o.conflicts,
        }
    }
}

/// Claims of one article; the unit of parallel work.
pub fn article_claims(index: usize, article: &Article, rules: &RuleSet) -> Vec<Claim> {
    timed_article_claims(index, article, rules).0
}

fn timed_article_claims(
    index: usize,
    article: &Article,
    rules: &RuleSet,
) -> (Vec<Claim>, StageTimes) {
    let t0 = Instant::now();
    let sentences = sentence::split(&article.body);
    let t1 = Instant::now();
    let facts = extract::extract(&article.body, &sentences, rules);
    let t2 = Instant::now();
    let claims = claim::claims_for_article(index, article, &facts, rules);
    let t3 = Instant::now();
    (
        claims,
        StageTimes {
            segment: t1 - t0,
            matching: t2 - t1,
            claims: t3 - t2,
            ..Default::default()
        },
    )
}

/// Runs the whole pipeline. Articles are taken in id order, so the result does not depend
/// on the order they are given in; work is spread over rayon's threads.
pub fn analyze(articles: &[Article], rules: &RuleSet) -> Analysis {
    let mut order: Vec<&Article> = articles.iter().collect();
    order.sort_by(|a, b| (&a.id, &a.path).cmp(&(&b.id, &b.path)));
    let per_article: Vec<(Vec<Claim>, StageTimes)> = order
        .par_iter()
        .enumerate()
        .map(|(i, a)| timed_article_claims(i, a, rules))
        .collect();
    let mut times = StageTimes::default();
    let mut claims = Vec::new();
    for (c, t) in per_article {
        claims.extend(c);
        times = times + t;
    }
    let infos: Vec<ArticleInfo> = order
        .iter()
        .map(|a| ArticleInfo {
            id: a.id.clone(),
            path: a.path.clone(),
            title: a.title.clone(),
            date: a.date,
            date_basis: a.date_basis,
            source: a.source.clone(),
            url: a.url.clone(),
            case: a.case.clone(),
        })
        .collect();
    let mut analysis = analyze_claims(infos, claims, rules);
    analysis.times = times + analysis.times;
    analysis
}

/// The back half of the pipeline: graph and conflicts over claims already extracted.
pub fn analyze_claims(articles: Vec<ArticleInfo>, claims: Vec<Claim>, rules: &RuleSet) -> Analysis {
    let case_of = |i: usize| articles[i].case.clone();
    let source_of = |i: usize| {
        articles[i]
            .source
            .clone()
            .unwrap_or_else(|| format!("article {}", articles[i].id))
    };
    let t0 = Instant::now();
    let graph = graph::SubjectGraph::build(&claims, &case_of);
    let blocks = graph.blocks(&claims, rules, &case_of);
    let t1 = Instant::now();
    let (mut conflicts, mut agreements) = conflict::detect(&claims, &blocks, rules, &source_of);
    let subject_key = |s: &claim::Subject| s.id(rules);
    // Report order: verdict, then subject, then family, then the claims' own ids; none of
    // it depends on input order or threads.
    let family_of = |c: usize| {
        rules.families[rules.predicates[claims[c].predicate].family]
            .id
            .as_str()
    };
    conflicts.sort_by_cached_key(|k| {
        (
            k.verdict,
            subject_key(&k.subject),
            family_of(k.a).to_string(),
            claims[k.a].id.clone(),
            claims[k.b].id.clone(),
        )
    });
    agreements.sort_by_cached_key(|g| {
        (
            subject_key(&g.subject),
            family_of(g.a).to_string(),
            claims[g.a].id.clone(),
            claims[g.b].id.clone(),
        )
    });
    let size = graph.size();
    let times = StageTimes {
        graph: t1 - t0,
        conflicts: t1.elapsed(),
        ..Default::default()
    };
    Analysis {
        articles,
        claims,
        conflicts,
        agreements,
        problems: Vec::new(),
        graph: size,
        times,
    }
}
