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
//! - [`printable`], [`files`], [`yaml`]: text from hostile places made safe to show
//!   (controls escaped, long values cut), files opened only when regular, never past a
//!   limit, and YAML refused past a nesting depth before it is parsed; `yaml::tree`, the
//!   nodes of a YAML text with the exact line and column of each, for carets.
//! - [`time`], [`quantity`]: small parsers for dates and amounts, used by the stages below.
//! - [`article`]: `Article`, `Problem` and the pure `.txt`/`.md` parser; `article::jsonl`,
//!   the pure JSONL parser and the streaming reader; `article::load`, the loader that walks
//!   paths and reads files and standard input in batches (file system).
//! - [`sentence`]: sentence spans that tile a body.
//! - [`tokens`]: a sentence's words as byte spans, cut as UD English EWT cuts them.
//! - [`tags`]: UPOS and Penn tags of a sentence's words, by an averaged perceptron whose
//!   weights (`model/tagger.bin`) are compiled in: `tagset` (the two tag sets and their
//!   names), `features` (hashed word pieces and feature templates, shared with training),
//!   `model` (the model file: encoder and checked decoder).
//! - [`lemma`]: the dictionary form of a tagged word: rules, then a table learnt from EWT
//!   (`model/lemmas.bin`).
//! - [`parse`]: a shallow clause parse of a tagged sentence: `phrases` (noun phrases),
//!   `verbs` (verb groups: negation, modal, tense, voice), `clauses` (subjects, objects,
//!   complements and clauses under clauses), `link` (how a clause hangs from the one
//!   before: relative, that-clause, infinitive, gerund, adverbial, what a verb of saying
//!   says), `setoff` (what a participle, relative or apposition set off by commas
//!   qualifies, and so the verb's subject after it).
//! - [`proposition`]: what each clause asserts once the clauses above it are read ("failed
//!   to", "denied that", "called on … to", "if", "may").
//! - [`names`]: proper names in the parse as the article's own entities, with coreference.
//! - [`rules`]: the rule pack: `schema` (serde mirror), `diagnostic` (faults placed at the
//!   file:line:col of a key path, and rendered), `phrase` (phrase syntax and the matcher:
//!   `index`, one automaton over anchor words; `trie`, for first words many phrases share;
//!   `text`, words, separators and gaps as phrases read them), `set` (the checked
//!   `RuleSet`), `compile` (one module per section of the pack, plus the checks across
//!   them; `recover` reads a file serde refuses fault by fault; `sections` lays extensions
//!   over the base pack: `disable`, `override`, what each changed), and the loader (file
//!   system).
//! - [`lexicon`]: general English knowledge from `claims/general/` (antonyms, synonyms,
//!   inflections, derivations, countries, implicative verbs, functional relations): `schema`
//!   (serde mirror, depending on nothing, so the pack's schema can take its sections),
//!   `compile` (one module per section, and `examples`) and the checked `Lexicon` with its
//!   lookups; `widen`, a pack's verb triggers (`verbs:`) given their forms and synonyms as
//!   phrases of the pack (the one place the pack and the lexicon meet before reading).
//! - [`extract`]: a screening automaton pass per article, and for the few that may claim a
//!   full pass → per-sentence facts (mentions, triggers and cues with overlaps resolved,
//!   clause breaks); also the pronoun and word-count helpers the claim steps use.
//! - [`claim`]: facts → `Claim`s (speaker, subject, predicate, polarity, stance, modality,
//!   quantity, time), with references resolved inside the article. `read_article` runs named
//!   steps, a module each: `attribution` and `quotation` (who speaks, which part is the
//!   content; `voices` reads the speaker through the parse: `segment` where the speaker stands, `naming` what its words name, `refer` back-references, `headline` a headline's source), `content` (which triggers count), `qualify` (polarity, stance, modality),
//!   `subject`, `measure` (quantity, time), `reference` (antecedents, "this claim"), with
//!   `discourse` holding what the article has said so far.
//! - [`general`]: general claims: the clauses of sentences no beat rule claimed, read through
//!   the parse into claims (`gist` with `who` and `amount`, `mention` for what is only
//!   mentioned, `source` for who reports a clause beyond its own verb ("…, said X",
//!   "according to X"), `description` for what a noun beside a name says it is, `holder` for who
//!   holds a post one thing has one of ("the mayor of Y is X"), `lasting` for lengths in
//!   passing, `judge`,
//!   `vocabulary`), their subjects and speakers added after the pack's entities as runtime
//!   entities; a clause's speaker is the subject of the verb that reports it (above it,
//!   after it, or inverted) or the source after "according to", an unnamed one as the
//!   `voice` (`also` stays empty).
//! - [`graph`]: the petgraph subject graph and the blocks conflict detection compares.
//! - [`conflict`]: verdicts for pairs inside blocks: contradiction, change over time, agreement
//!   (`general_pair`: pairs of general claims, as the general judge finds them).
//! - [`dispute`]: the pairs grouped by proposition: disputes with their sides, timelines,
//!   revised statements (a speaker against himself) and corroborations by independent
//!   sources (`speaks_for` colleagues are one voice).
//! - [`shard`]: the back of the pipeline as pure pieces that run apart: claims under their
//!   blocking keys, each block (or tile of a hot block) reduced alone to findings, and the
//!   assembly in report order (general claims placed by `general::resolve` over the claims
//!   at hand; keys are ids, which a claim's content gives before the corpus is read);
//!   `shard::lines` is the versioned line protocol of `claimclash map`,
//!   `reduce`, `tile` and `assemble`, which the Spark driver (`spark/`) runs. `check`
//!   goes through the same functions in memory.
//! - [`report`]: pure rendering of an [`Analysis`], one module per format: `markdown` (and
//!   its terminal styling), `json`, `csv`, `dot`, and `html` (with an inline SVG laid out by
//!   layout-rs). `report` itself holds what they share: the summary counts and the findings
//!   as sections of cards; `pretty` writes the JSON in pieces on all threads, byte for byte
//!   what one pretty-printer would.
//!
//! Tools around the pipeline, each pure over the data it is given:
//!
//! - [`trace`]: how one text becomes claims, step by step (`claimclash trace`).
//! - [`explain`]: which rules and comparison gave a verdict in a saved report
//!   (`claimclash explain`).
//! - [`examples`]: runs the examples every rule carries (`claimclash rules test`), and in
//!   `examples::lexicon` those of the general knowledge, through the whole pipeline.
//! - [`suggest`]: proposes entities (kinds from the pack's `names` words and the lexicon's
//!   countries), predicates (from sentences said, denied or disputed that make no claim,
//!   read through tokens, tags and lemmas), aliases and phrases from a corpus, as YAML that
//!   `rules check` accepts (`claimclash rules suggest`).
//! - [`baseline`]: compares a new JSON report with a saved one.
//! - [`config`]: `claimclash.yaml` (parsing is pure; discovery reads the file system).
//! - `train` (feature `train`): CoNLL-U → the bytes of `model/`, and the accuracy measures;
//!   `src/bin/train-tagger.rs` reads the treebank, writes the files and prints the numbers.
//! - [`Pipeline`]: the pipeline fed in batches, keeping only claims and article metadata.
//! - `main.rs` and `cli/`, the binary: `main.rs` parses the arguments, runs one command and
//!   picks the exit code; `cli/` has a module per command or mode (`check`, `watch`,
//!   `baseline`, `rules`, `trace` with `explain`, `config`, `manual` for completions and the
//!   man page, `skeleton` for `rules new` and `rules export`, and the steps of the line
//!   protocol `map`, `tile`, `reduce`, `assemble` with `stream`, their counted standard
//!   input and output) and what they share (`flags`: the clap definitions; `pack`: the rule pack the
//!   flags name; `output`: safe atomic report files, standard output and error, colour,
//!   clean-up on signals and `--stats`).
//!
//! # Invariants
//!
//! - No stage does I/O: only the loaders (`article::load_each`, `rules::read_dir`,
//!   `config::read`) read files, only the binary (`main.rs`, `cli/`) prints.
//! - Work per sentence is bounded (see `extract::MAX_TRIGGERS` and friends) and conflicts
//!   are sought only inside blocks with a bounded number of neighbours per claim, so cost
//!   grows linearly with the corpus.
//! - Spans are absolute byte offsets into the article body; `Claim::text` is exactly
//!   `body[span]`.
//! - Same corpus and rules give a byte-identical report, whatever the input order or thread
//!   count: articles are ordered by id, ids derive from content, and every map that reaches
//!   output is ordered.
//! - A contradiction is a finding, not an error; a bad article is a problem, not a crash.
//! - Behaviour lives in code, knowledge in `claims/`: no code names a country, person or
//!   phrase of the news.
//! - Time is resolved against the article's date, never against the clock.
//!
//! # Cost bounds
//!
//! Corpora are scraped and rule packs shared, so no input may make a stage superlinear.
//! `tests/it/hostile.rs` checks each bound; `cargo bench -- --hostile` times them.
//!
//! - Walk: each folder entered and each file read once (device and inode), every step taken
//!   from the open folder above, so O(folders + entries + links); depth ≤ `article::MAX_DEPTH`.
//! - Reading: regular files only; front matter ≤ 64 KB, a rule file ≤ 4 MB,
//!   `claimclash.yaml` ≤ 1 MB; YAML nesting ≤ `yaml::MAX_DEPTH`, checked in linear time.
//! - Claims: a claim's paragraph context is sought in 300 bytes each side, never to the
//!   paragraph's start.
//! - Matching, per automaton hit: at most 16 phrases of whole words tried one by one, beyond
//!   that a trie walk over at most a phrase's words of text (each read to 200 characters)
//!   and the phrases that match case-folded; phrases with a gap or a later anchor one by
//!   one, memoised over (place, rest) from two gaps on.
//! - Rule compile: each alias compared with 64 neighbours for near duplicates (≤ 100
//!   warnings), a first word's shorter first words looked up among its ≤ 200 prefixes, a
//!   DFA only up to 10,000 first words.
//! - Conflicts: per claim ≤ 2 × `max_pairs_per_claim` + 16 comparisons and ≤
//!   `max_pairs_per_claim` (≤ 100) pairs kept; a block of more than `max_block_claims`
//!   claims is compared as tiles of at most two chunks of that size (`shard`).
//! - HTML picture: ≤ 20 speakers, 12 subjects and 30 edges of each kind laid out.
//! - Messages: a quoted value ≤ 120 characters, a message ≤ 1,000, a source excerpt ≤ 120.
//! - The binary: `--jobs` ≤ 1024; a report replaces only a regular file.

pub mod article;
pub mod baseline;
pub mod claim;
pub mod config;
pub mod conflict;
pub mod dispute;
pub mod examples;
pub mod explain;
pub mod extract;
pub mod files;
pub mod general;
pub mod graph;
pub mod lemma;
pub mod lexicon;
pub mod names;
pub mod parse;
pub mod printable;
pub mod proposition;
pub mod quantity;
pub mod report;
pub mod rules;
pub mod sentence;
pub mod shard;
pub mod suggest;
pub mod tags;
pub mod time;
pub mod tokens;
pub mod trace;
#[cfg(feature = "train")]
pub mod train;
pub mod yaml;

pub use article::ArticleInfo;
use article::{Article, Problem};
use claim::Claim;
use conflict::{Agreement, Conflict};
use rayon::prelude::*;
use rules::RuleSet;
use std::time::{Duration, Instant};

/// Everything one run found.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub articles: Vec<ArticleInfo>,
    pub claims: Vec<Claim>,
    pub conflicts: Vec<Conflict>,
    /// Agreements between independent sources (not one speaker, not one organisation).
    pub agreements: Vec<Agreement>,
    /// The pairs grouped by proposition, in report order.
    pub disputes: Vec<dispute::Dispute>,
    pub problems: Vec<Problem>,
    pub graph: graph::GraphSize,
    pub times: StageTimes,
    /// The pack extended with the entities and relations general claims found, when there
    /// are any: claims' subject, speaker and predicate indices point into it.
    pub vocabulary: Option<std::sync::Arc<RuleSet>>,
    /// Articles of which no claim was read (by index), for coverage.
    pub silent: Vec<usize>,
    /// Sentences and bytes the language layer read for general claims.
    pub general_read: general::Read,
}

impl Analysis {
    /// "3 of 12 articles gave no claim", with a warning when nothing at all was
    /// understood; `None` when every article gave a claim. Reports and stderr say it alike.
    pub fn coverage_line(&self) -> Option<String> {
        (!self.silent.is_empty()).then(|| {
            format!(
                "{} of {} articles gave no claim{}",
                self.silent.len(),
                self.articles.len(),
                if self.claims.is_empty() {
                    " (nothing was understood, so no finding means nothing)"
                } else {
                    ""
                }
            )
        })
    }

    /// The rule set the analysis's indices point into: the extended vocabulary when
    /// general claims were found, else the pack it was run with.
    pub fn rules<'a>(&'a self, pack: &'a RuleSet) -> &'a RuleSet {
        self.vocabulary.as_deref().unwrap_or(pack)
    }
    pub fn contradictions(&self) -> usize {
        self.conflicts
            .iter()
            .filter(|c| c.verdict == conflict::Verdict::Contradiction)
            .count()
    }
    /// Who an article's unattributed claims belong to: its source, or the article itself.
    pub fn source_name(&self, article: usize) -> String {
        let a = &self.articles[article];
        a.source
            .clone()
            .unwrap_or_else(|| format!("article {}", a.id))
    }
    /// The one-line reason for a conflict.
    pub fn explain(&self, k: &Conflict, rules: &RuleSet) -> String {
        conflict::explain(k, &self.claims, rules, &|i| self.source_name(i))
    }
    /// The one-line account of an agreement.
    pub fn explain_agreement(&self, g: &Agreement, rules: &RuleSet) -> String {
        conflict::explain_agreement(g, &self.claims, rules, &|i| self.source_name(i))
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
    /// General claims: the language layer over sentences no beat rule claimed.
    pub general: Duration,
    pub graph: Duration,
    pub conflicts: Duration,
    pub disputes: Duration,
}

impl std::ops::Add for StageTimes {
    type Output = StageTimes;
    fn add(self, o: StageTimes) -> StageTimes {
        StageTimes {
            segment: self.segment + o.segment,
            matching: self.matching + o.matching,
            claims: self.claims + o.claims,
            general: self.general + o.general,
            graph: self.graph + o.graph,
            conflicts: self.conflicts + o.conflicts,
            disputes: self.disputes + o.disputes,
        }
    }
}

/// Claims of one article; the unit of parallel work.
pub fn article_claims(index: usize, article: &Article, rules: &RuleSet) -> Vec<Claim> {
    timed_article_claims(index, article, rules, Some(bundled_lexicon())).0
}

/// Claims of one article as a [`Pipeline`] reads them: its beat claims, then with a
/// lexicon its general claims (placed only by [`general::resolve`] over the corpus), and
/// what the language layer read. `claimclash map` writes them.
pub fn article_claims_with(
    index: usize,
    article: &Article,
    rules: &RuleSet,
    general: Option<&lexicon::Lexicon>,
) -> (Vec<Claim>, general::Read) {
    let (claims, _, read) = timed_article_claims(index, article, rules, general);
    (claims, read)
}

fn timed_article_claims(
    index: usize,
    article: &Article,
    rules: &RuleSet,
    general: Option<&lexicon::Lexicon>,
) -> (Vec<Claim>, StageTimes, general::Read) {
    let body = article.body.as_str();
    let mut times = StageTimes::default();
    // An article none of whose triggers can count makes no beat claim: a small screening
    // scan (triggers and context words only) tells, and most articles stop there.
    let t = Instant::now();
    let screened = rules.screen.find_all(body);
    let has_trigger = screened.iter().any(|m| {
        matches!(
            rules.phrases.phrases[m.phrase].owner,
            rules::Owner::Trigger(_)
        )
    });
    // Paragraphs first (cheap), sentences only when a trigger may count.
    let may = has_trigger && extract::may_claim_by_paragraph(&screened, body, rules);
    times.matching += t.elapsed();
    if !may && general.is_none() {
        return (Vec::new(), times, general::Read::default());
    }
    let t = Instant::now();
    let sentences = sentence::split(body);
    times.segment += t.elapsed();
    let t = Instant::now();
    let may = may && extract::may_claim(&screened, &sentences, rules);
    let matches = if may || general.is_some() {
        rules.phrases.find_all(body)
    } else {
        Vec::new()
    };
    let facts = if may {
        extract::facts_from_matches(body, &sentences, rules, &matches)
    } else {
        Vec::new()
    };
    times.matching += t.elapsed();
    let t = Instant::now();
    let mut claims = if may {
        claim::claims_for_article(index, article, &facts, rules)
    } else {
        Vec::new()
    };
    times.claims += t.elapsed();
    let mut read = general::Read::default();
    if let Some(lexicon) = general {
        let t = Instant::now();
        let (more, r) = general_claims(
            index, article, &sentences, &matches, &claims, rules, lexicon,
        );
        claims.extend(more);
        read = r;
        times.general += t.elapsed();
    }
    (claims, times, read)
}

/// The general claims of an article, from the sentences that gave no beat claim.
fn general_claims(
    index: usize,
    article: &Article,
    sentences: &[sentence::Sentence],
    matches: &[rules::PhraseMatch],
    beat: &[Claim],
    rules: &RuleSet,
    lexicon: &lexicon::Lexicon,
) -> (Vec<Claim>, general::Read) {
    let spans: Vec<(usize, usize)> = sentences.iter().map(|s| s.text).collect();
    general::Context::of_article(rules, lexicon, matches, beat, |cx| {
        general::read_article(index, article, &spans, cx)
    })
}

/// Runs the whole pipeline over articles held in memory.
pub fn analyze(articles: &[Article], rules: &RuleSet) -> Analysis {
    let mut pipeline = Pipeline::new(rules);
    pipeline.add(articles.to_vec());
    pipeline.finish()
}

fn info_of(a: &Article) -> ArticleInfo {
    a.info.clone()
}

/// The pipeline fed in batches: each batch's articles are read on all threads, then only
/// their claims and metadata are kept, so memory follows the claims, not the corpus.
pub struct Pipeline<'r> {
    rules: &'r RuleSet,
    lexicon: &'r lexicon::Lexicon,
    general: bool,
    read: general::Read,
    articles: Vec<(ArticleInfo, u64)>,
    claims: Vec<Claim>,
    times: StageTimes,
    bytes: usize,
}

impl<'r> Pipeline<'r> {
    pub fn new(rules: &'r RuleSet) -> Pipeline<'r> {
        Pipeline {
            rules,
            lexicon: bundled_lexicon(),
            general: true,
            read: general::Read::default(),
            articles: Vec::new(),
            claims: Vec::new(),
            times: StageTimes::default(),
            bytes: 0,
        }
    }

    /// The general knowledge to read with (the bundled lexicon unless given).
    pub fn with_lexicon(mut self, lexicon: &'r lexicon::Lexicon) -> Pipeline<'r> {
        self.lexicon = lexicon;
        self
    }

    /// Whether general claims are read (on by default); off, only the pack's beat claims.
    pub fn with_general(mut self, on: bool) -> Pipeline<'r> {
        self.general = on;
        self
    }

    /// Bytes of article text read so far.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Reads a batch of articles; their bodies are dropped when this returns.
    pub fn add(&mut self, batch: Vec<Article>) {
        let offset = self.articles.len();
        let rules = self.rules;
        self.bytes += batch.iter().map(|a| a.body.len()).sum::<usize>();
        // Each article is dropped on the thread that read it, not one by one afterwards.
        let general = self.general.then_some(self.lexicon);
        let results: Vec<(ArticleInfo, u64, Vec<Claim>, StageTimes, general::Read)> = batch
            .into_par_iter()
            .enumerate()
            .map(|(i, a)| {
                let (claims, times, read) = timed_article_claims(offset + i, &a, rules, general);
                (
                    info_of(&a),
                    shard::fingerprint(&a.body),
                    claims,
                    times,
                    read,
                )
            })
            .collect();
        for (info, print, claims, times, read) in results {
            self.articles.push((info, print));
            self.claims.extend(claims);
            self.times = self.times + times;
            self.read.sentences += read.sentences;
            self.read.bytes += read.bytes;
        }
    }

    /// Orders articles by id (then path and content, so that nothing depends on input order),
    /// keeps the first of articles that share an id, and finds the conflicts.
    pub fn finish(self) -> Analysis {
        let mut gathered = shard::gather(self.articles, self.claims);
        let vocabulary =
            general::resolve(&mut gathered.claims, self.rules).map(std::sync::Arc::new);
        let rules = vocabulary.as_deref().unwrap_or(self.rules);
        let mut analysis =
            analyze_claims_with(gathered.articles, gathered.claims, rules, self.lexicon);
        analysis.vocabulary = vocabulary;
        analysis.times = self.times + analysis.times;
        analysis.problems = gathered.problems;
        analysis.general_read = self.read;
        analysis
    }
}

/// The bundled lexicon, or an empty one if it could not compile (the test suite checks it
/// does).
pub fn bundled_lexicon() -> &'static lexicon::Lexicon {
    static EMPTY: std::sync::OnceLock<lexicon::Lexicon> = std::sync::OnceLock::new();
    lexicon::Lexicon::bundled().unwrap_or_else(|_| EMPTY.get_or_init(Default::default))
}

/// The bundled pack as `check` reads with it: compiled, and its verb triggers widened by
/// the bundled lexicon (their forms and synonyms).
pub fn bundled_pack() -> Result<RuleSet, String> {
    let rules = rules::embedded().map_err(|d| format!("the bundled rules: {d:?}"))?;
    let lexicon = lexicon::Lexicon::bundled().map_err(|d| format!("the bundled lexicon: {d:?}"))?;
    lexicon::widen::widen(rules, lexicon)
}

/// The back half of the pipeline: graph and conflicts over claims already extracted.
pub fn analyze_claims(articles: Vec<ArticleInfo>, claims: Vec<Claim>, rules: &RuleSet) -> Analysis {
    analyze_claims_with(articles, claims, rules, bundled_lexicon())
}

/// As [`analyze_claims`], judging general claims with the given lexicon.
pub fn analyze_claims_with(
    articles: Vec<ArticleInfo>,
    claims: Vec<Claim>,
    rules: &RuleSet,
    lexicon: &lexicon::Lexicon,
) -> Analysis {
    let case_of = |i: usize| articles[i].case.as_deref();
    let t0 = Instant::now();
    let graph = graph::SubjectGraph::build(&claims, rules, &case_of);
    let blocks = graph.blocks();
    let t1 = Instant::now();
    // Each block reduced alone (as `claimclash reduce` does), then put in report order.
    let found = shard::find_all(&claims, &blocks, rules, lexicon);
    let (conflicts, agreements) = shard::order(found);
    // Report order: verdict, subject id, family id, claim order.
    let t2 = Instant::now();
    let grouped = dispute::group(&claims, &conflicts, &agreements, &articles, rules);
    let size = graph.size();
    let times = StageTimes {
        graph: t1 - t0,
        conflicts: t2 - t1,
        disputes: t2.elapsed(),
        ..Default::default()
    };
    let silent = silent_articles(articles.len(), &claims);
    Analysis {
        articles,
        claims,
        conflicts,
        agreements: grouped.agreements,
        disputes: grouped.disputes,
        problems: Vec::new(),
        graph: size,
        times,
        vocabulary: None,
        silent,
        general_read: general::Read::default(),
    }
}

/// The articles (of `articles`) of which no claim was read, for coverage.
pub fn silent_articles(articles: usize, claims: &[Claim]) -> Vec<usize> {
    let mut said = vec![false; articles];
    for c in claims {
        if let Some(x) = said.get_mut(c.article) {
            *x = true;
        }
    }
    (0..articles).filter(|&i| !said[i]).collect()
}
