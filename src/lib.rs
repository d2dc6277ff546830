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

/// Claims of one article, with its sentence count; the unit of parallel work.
pub fn article_claims(index: usize, article: &Article, rules: &RuleSet) -> Vec<Claim> {
    let sentences = sentence::split(&article.body);
    let facts = extract::extract(&article.body, &sentences, rules);
    claim::claims_for_article(index, article, &facts, rules)
}

/// Runs the whole pipeline. Articles are taken in id order, so the result does not depend
/// on the order they are given in; work is spread over rayon's threads.
pub fn analyze(articles: &[Article], rules: &RuleSet) -> Analysis {
    let mut order: Vec<&Article> = articles.iter().collect();
    order.sort_by(|a, b| (&a.id, &a.path).cmp(&(&b.id, &b.path)));
    let claims: Vec<Claim> = order
        .par_iter()
        .enumerate()
        .map(|(i, a)| article_claims(i, a, rules))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
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
    analyze_claims(infos, claims, rules)
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
    let graph = graph::SubjectGraph::build(&claims, &case_of);
    let blocks = graph.blocks(&claims, rules, &case_of);
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
    Analysis {
        articles,
        claims,
        conflicts,
        agreements,
        problems: Vec::new(),
        graph: size,
    }
}
