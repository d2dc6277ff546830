//! The benchmark: `cargo bench` (or `cargo bench -- CORPUS.jsonl`; `cargo bench --
//! --conflicts-only` times conflict detection alone).
//!
//! In one run it measures, on the same text: the whole `check` pipeline as a user runs it
//! (a child `claimclash check … --format json --stats`, so each size has its own peak
//! memory), and as the reference a bare Aho-Corasick DFA scan over every phrase of the
//! loaded rule pack on one core; the best of three runs of each. It does so for a corpus
//! replicated ×10 and ×40 with unique ids (default `../shared/data/fnc1/articles.jsonl` when
//! present) and for a synthetic corpus it generates deterministically, so it also runs on a
//! fresh clone. Then it times conflict detection alone on 1 and 2 million synthetic claims
//! (best of five fresh processes each), and the compiling of large rule packs.
//!
//! `cargo bench -- --hostile` runs only the growth cases of hostile input (issue 15): each
//! at four doubling sizes, the largest at least the size the issue names, with the time per
//! size and the growth per doubling (linear is ×2; the goal is at most ×2.3, and at most
//! 2 s at the largest size).

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use claimclash::claim::{Claim, Modality, Polarity, Stance, Subject};
use claimclash::rules::{Elem, Owner, RuleSet};
use claimclash::time::{TimeBasis, When};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// A small deterministic generator (xorshift64*), so every run builds the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One measured run of the pipeline, as reported by `--stats`.
struct Run {
    label: String,
    stats: serde_json::Value,
    reference_mb_s: f64,
}

fn fail(msg: String) -> ! {
    eprintln!("bench: {msg}");
    std::process::exit(2);
}

/// Writes the corpus `times` times over with ids made unique, line by line.
fn replicate(src: &Path, times: usize, out: &Path) {
    let text = std::fs::read_to_string(src)
        .unwrap_or_else(|e| fail(format!("cannot read {}: {e}", src.display())));
    let mut w = std::io::BufWriter::new(
        std::fs::File::create(out)
            .unwrap_or_else(|e| fail(format!("cannot write {}: {e}", out.display()))),
    );
    for k in 0..times {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let Ok(mut v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let id = v
                .get("id")
                .map(|i| i.to_string().trim_matches('"').to_string())
                .unwrap_or_default();
            v["id"] = serde_json::Value::String(format!("x{k}-{id}"));
            let _ = writeln!(w, "{v}");
        }
    }
    let _ = w.flush();
}

const FILLER: &[&str] = &[
    "the",
    "officials",
    "said",
    "on",
    "a",
    "report",
    "new",
    "city",
    "council",
    "weather",
    "market",
    "and",
    "of",
    "to",
    "in",
    "company",
    "shares",
    "rose",
    "fell",
    "after",
    "week",
    "people",
    "school",
    "local",
    "team",
    "game",
    "season",
    "water",
    "plan",
    "budget",
    "court",
    "case",
    "police",
    "residents",
    "hospital",
    "study",
    "found",
    "year",
    "percent",
    "group",
];
const DAYS: &[&str] = &[
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "this week",
    "last week",
];

/// The literal words a phrase begins with, for building sentences that the pack matches.
fn literal(rules: &RuleSet, p: usize) -> Option<String> {
    let words: Vec<&str> = rules.phrases.phrases[p]
        .elems
        .iter()
        .map_while(|e| match e {
            Elem::Word {
                text,
                prefix: false,
            } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    (words.len() == rules.phrases.phrases[p].elems.len()).then(|| words.join(" "))
}

/// A synthetic JSONL corpus of about `bytes` bytes: filler prose in which one article in
/// four carries a claim built from the pack's own names, context words and triggers (news
/// archives hold far fewer claims than sentences).
fn synthetic(rules: &RuleSet, bytes: usize, out: &Path) {
    let mut rng = Rng(0x5eed_cafe_f00d_1234);
    let names: Vec<String> = (0..rules.phrases.phrases.len())
        .filter(|&p| matches!(rules.phrases.phrases[p].owner, Owner::Alias(_)))
        .filter_map(|p| literal(rules, p))
        .filter(|s| s.len() > 4)
        .collect();
    let triggers: Vec<String> = (0..rules.phrases.phrases.len())
        .filter(|&p| matches!(rules.phrases.phrases[p].owner, Owner::Trigger(_)))
        .filter_map(|p| literal(rules, p))
        .collect();
    let contexts: Vec<String> = (0..rules.phrases.phrases.len())
        .filter(|&p| matches!(rules.phrases.phrases[p].owner, Owner::Context(_)))
        .filter_map(|p| literal(rules, p))
        .collect();
    if names.is_empty() || triggers.is_empty() {
        fail(
            "the rule pack has no literal names or triggers to build a synthetic corpus from"
                .into(),
        );
    }
    let mut w = std::io::BufWriter::new(
        std::fs::File::create(out)
            .unwrap_or_else(|e| fail(format!("cannot write {}: {e}", out.display()))),
    );
    let (mut written, mut n) = (0, 0);
    while written < bytes {
        let mut body = String::new();
        for s in 0..20 {
            if s == 3 && rng.below(4) == 0 {
                let speaker = rng.pick(&names);
                let subject = rng.pick(&names);
                let context = if contexts.is_empty() {
                    "troops".to_string()
                } else {
                    rng.pick(&contexts).clone()
                };
                let not = if rng.below(5) == 0 { "not " } else { "" };
                body.push_str(&format!(
                    "{speaker} said {subject} {context} were {not}{} {}. ",
                    rng.pick(&triggers),
                    rng.pick(DAYS)
                ));
            } else {
                let len = 12 + rng.below(14);
                let words: Vec<&str> = (0..len).map(|_| *rng.pick(FILLER)).collect();
                let mut sentence = words.join(" ");
                sentence[..1].make_ascii_uppercase();
                body.push_str(&sentence);
                body.push_str(". ");
            }
        }
        let date = format!("2024-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
        let line =
            serde_json::json!({"id": format!("syn-{n}"), "date": date, "text": body}).to_string();
        written += line.len() + 1;
        n += 1;
        let _ = writeln!(w, "{line}");
    }
    let _ = w.flush();
}

/// The reference: one core, a DFA over every phrase of the pack (its literal words), every
/// match reported, over the bodies of the corpus.
fn reference_scan(rules: &RuleSet, corpus: &Path) -> f64 {
    let patterns: Vec<String> = rules
        .phrases
        .phrases
        .iter()
        .map(|p| {
            p.elems
                .iter()
                .map_while(|e| {
                    if let Elem::Word { text, .. } = e {
                        Some(text.as_str())
                    } else {
                        None
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|s| !s.is_empty())
        .collect();
    let ac = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(true)
        .build(&patterns)
        .unwrap_or_else(|e| fail(format!("reference automaton: {e}")));
    let mut bytes = 0usize;
    let mut matches = 0usize;
    let mut secs = 0.0;
    let problems = claimclash::article::load_each(
        &[corpus.to_path_buf()],
        &mut std::io::empty(),
        &mut |batch| {
            let t = Instant::now();
            for a in &batch {
                matches += ac.find_overlapping_iter(&a.body).count();
                bytes += a.body.len();
            }
            secs += t.elapsed().as_secs_f64();
        },
    );
    if !problems.is_empty() {
        eprintln!(
            "bench: {} problems reading {}",
            problems.len(),
            corpus.display()
        );
    }
    std::hint::black_box(matches);
    bytes as f64 / 1e6 / secs.max(1e-9)
}

/// `check --stats` on a corpus, with `extra` arguments (`--general off`).
fn run_check(bin: &str, corpus: &Path, extra: &[&str]) -> serde_json::Value {
    let out = Command::new(bin)
        .args([
            "check",
            &corpus.display().to_string(),
            "--format",
            "json",
            "--stats",
            "--fail-on",
            "never",
        ])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap_or_else(|e| fail(format!("cannot run {bin}: {e}")));
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err
        .lines()
        .find_map(|l| l.strip_prefix("claimclash-stats "))
        .unwrap_or_else(|| fail(format!("no stats from claimclash: {err}")));
    serde_json::from_str(line).unwrap_or_else(|e| fail(format!("bad stats line: {e}")))
}

/// `n` synthetic claims over a few subjects, spread over ten years. Most are dated to a day;
/// some span a month, some are undated, hedged, conditional, about a vague earlier period,
/// carry a quantity or dispute an earlier claim, and a tenth of the articles belong to one
/// of three cases, so every path of conflict detection is exercised.
fn synthetic_claims(rules: &RuleSet, n: usize) -> (Vec<claimclash::ArticleInfo>, Vec<Claim>) {
    let mut rng = Rng(0xdead_beef_0bad_f00d ^ n as u64);
    let countries: Vec<usize> = (0..rules.entities.len())
        .filter(|&e| rules.entities[e].speaks_for.is_none())
        .take(6)
        .collect();
    let start = claimclash::time::parse_iso_date("2015-01-01").unwrap_or_else(|e| fail(e));
    let articles: Vec<claimclash::ArticleInfo> = (0..n / 10 + 1)
        .map(|i| claimclash::ArticleInfo {
            id: format!("a{i:07}"),
            path: "synthetic".into(),
            title: None,
            date: None,
            date_basis: claimclash::article::DateBasis::Given,
            source: None,
            url: None,
            case: (i % 10 == 0).then(|| format!("case-{}", i % 3)),
            line: None,
        })
        .collect();
    let mut keys: Vec<(usize, usize)> = (0..n).map(|i| (rng.below(articles.len()), i)).collect();
    keys.sort_unstable();
    let mut claims: Vec<Claim> = Vec::with_capacity(n);
    for (i, &(article, _)) in keys.iter().enumerate() {
        let predicate = rng.below(rules.predicates.len());
        let day = |offset: usize| {
            start
                .checked_add(jiff::Span::new().days(offset as i64))
                .unwrap_or(start)
        };
        let first = rng.below(3650);
        let when = match rng.below(100) {
            0..=4 => None,
            5..=9 => Some(When {
                start: day(first),
                end: day(first + 30),
                basis: TimeBasis::Stated,
                text: None,
            }),
            10 => Some(When::day(day(first), TimeBasis::Earlier, None)),
            _ => Some(When::day(day(first), TimeBasis::Stated, None)),
        };
        let subject = match rules.families[rules.predicates[predicate].family].subject {
            claimclash::rules::schema::SubjectRule::Pair => {
                Subject::pair(*rng.pick(&countries), *rng.pick(&countries))
            }
            claimclash::rules::schema::SubjectRule::Actor => Subject::One(*rng.pick(&countries)),
        };
        let quantity = (rng.below(20) == 0).then(|| claimclash::quantity::Quantity {
            value: (10 + rng.below(200)) as f64,
            unit: "minutes",
            bound: claimclash::quantity::Bound::Exact,
            text: String::new(),
        });
        let stance = if rng.below(10) == 0 {
            Stance::Disputes
        } else {
            Stance::Asserts
        };
        // A dispute now and then answers a claim made shortly before it.
        let target = (stance == Stance::Disputes && i > 0 && rng.below(4) == 0)
            .then(|| claims[i - 1 - rng.below(i.min(50))].id.clone());
        claims.push(Claim {
            id: format!(
                "{}:{i}:{}",
                articles[article].id, rules.predicates[predicate].id
            ),
            article,
            text: String::new(),
            span: (i, i + 1),
            line: 1,
            trigger: String::new(),
            trigger_span: (i, i + 1),
            speaker: None,
            voice: None,
            also: Vec::new(),
            subject,
            predicate,
            polarity: if rng.below(4) == 0 {
                Polarity::Negated
            } else {
                Polarity::Affirmed
            },
            stance,
            target,
            modality: match rng.below(50) {
                0 => Modality::Conditional,
                1..=3 => Modality::Hedged,
                _ => Modality::Asserted,
            },
            quantity,
            when,
            reasons: Vec::new(),
            context: (String::new(), String::new()),
            general: None,
        });
    }
    (articles, claims)
}

fn main() {
    let bin = env!("CARGO_BIN_EXE_claimclash");
    let rules = claimclash::bundled_pack().unwrap_or_else(|d| fail(format!("bundled pack: {d}")));
    // `--conflicts-only` skips the corpus runs and times conflict detection alone.
    let conflicts_only = std::env::args().any(|a| a == "--conflicts-only");
    if let Some(n) = std::env::args().find_map(|a| {
        a.strip_prefix("--conflict-run=")
            .and_then(|n| n.parse::<usize>().ok())
    }) {
        conflict_run(&rules, n);
        return;
    }
    if std::env::args().any(|a| a == "--hostile") {
        hostile_runs(&rules);
        return;
    }
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let corpus: Option<PathBuf> = args
        .first()
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var("CLAIMCLASH_BENCH_CORPUS")
                .ok()
                .map(PathBuf::from)
        })
        .or_else(|| {
            let default = PathBuf::from("../shared/data/fnc1/articles.jsonl");
            default.exists().then_some(default)
        });
    let tmp = std::env::temp_dir().join(format!("claimclash-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp)
        .unwrap_or_else(|e| fail(format!("cannot make {}: {e}", tmp.display())));
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    println!(
        "claimclash bench: pipeline on {threads} threads, reference scan on 1 core; best of 3 runs each\n"
    );

    if !conflicts_only {
        corpus_runs(&rules, bin, corpus.as_deref(), &tmp);
    }
    let _ = std::fs::remove_dir_all(&tmp);
    conflict_runs();
    if !conflicts_only {
        pack_runs();
    }
}

/// The bundled pack with `n` invented people added, each with a full name and a surname as
/// aliases and an example, as a desk's own entity list would add them.
fn large_pack(n: usize) -> Vec<claimclash::rules::RuleSource> {
    let mut rng = Rng(0x5eed ^ n as u64);
    let syllables = [
        "ka", "ro", "mi", "ta", "len", "vor", "zu", "pe", "sha", "dim", "ov", "ina", "berg", "ko",
        "lu", "ni", "ra", "sel", "tav", "un",
    ];
    let word = |rng: &mut Rng| {
        let w: String = (0..2 + rng.below(3))
            .map(|_| *rng.pick(&syllables))
            .collect();
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
            .unwrap_or_default()
    };
    let mut seen = std::collections::HashSet::new();
    let mut extra = String::new();
    let mut added = 0;
    while added < n {
        let (first, last) = (word(&mut rng), word(&mut rng));
        let full = format!("{first} {last}");
        if !seen.insert(full.clone()) || !seen.insert(last.clone()) {
            continue;
        }
        extra.push_str(&format!(
            "  - id: person-{added}\n    name: {full}\n    kind: person\n    aliases: [{full}, {last}]\n    examples:\n      match:\n        - text: \"{full} said the talks went well.\"\n          speaker: person-{added}\n      no_match:\n        - \"Nobody said anything.\"\n"
        ));
        added += 1;
    }
    let mut sources = claimclash::rules::embedded_sources();
    for s in &mut sources {
        if s.name.ends_with("entities.yaml") {
            s.text = format!("{}\n{extra}", s.text.trim_end());
        }
    }
    sources
}

/// Compiling large rule packs: a rule author's wait after every edit.
fn pack_runs() {
    println!("\nrule pack compile (bundled pack plus invented people; best of 3)");
    let mut previous = None;
    for n in [2_500, 5_000] {
        let sources = large_pack(n);
        let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
        let mut best = f64::INFINITY;
        let mut counts = (0, 0);
        for _ in 0..3 {
            let t = Instant::now();
            let result = claimclash::rules::from_sources(&sources);
            best = best.min(t.elapsed().as_secs_f64());
            counts = match result {
                Ok((rules, warnings)) => (rules.phrases.phrases.len(), warnings.len()),
                Err(diags) => fail(format!("the large pack does not compile: {diags:?}")),
            };
        }
        println!(
            "{n:>9} people: {best:>6.2} s, {:.1} MB of YAML, {} phrases, {} warnings",
            bytes as f64 / 1e6,
            counts.0,
            counts.1
        );
        if let Some(p) = previous {
            println!("          5000 / 2500 time: {:.2}×", best / p);
        }
        previous = Some(best);
    }
}

/// The pipeline and the reference scan on the corpus ×1, ×10 and ×40 and on the synthetic
/// corpus, then their table.
fn corpus_runs(rules: &RuleSet, bin: &str, corpus: Option<&Path>, tmp: &Path) {
    let mut runs: Vec<Run> = Vec::new();
    // Three rounds of each, taking turns, and the best of each: the machine's noise only
    // ever slows a run down.
    let mut measure = |label: String, file: &Path, extra: &[&str]| {
        let mut reference_mb_s: f64 = 0.0;
        let mut stats = serde_json::Value::Null;
        let total = |v: &serde_json::Value| {
            v.get("total_ms")
                .and_then(serde_json::Value::as_f64)
                .unwrap_or(f64::INFINITY)
        };
        for _ in 0..3 {
            reference_mb_s = reference_mb_s.max(reference_scan(rules, file));
            let run = run_check(bin, file, extra);
            if total(&run) < total(&stats) {
                stats = run;
            }
        }
        runs.push(Run {
            label,
            stats,
            reference_mb_s,
        });
    };
    if let Some(src) = &corpus {
        let name = src
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("corpus")
            .to_string();
        for times in [1, 10, 40] {
            let file = tmp.join(format!("{name}-x{times}.jsonl"));
            replicate(src, times, &file);
            measure(format!("{name} ×{times}"), &file, &[]);
            // Beat claims only, still read through the language layer's sentences.
            if times == 10 {
                measure(format!("{name} ×10 beat"), &file, &["--general", "off"]);
            }
            let _ = std::fs::remove_file(&file);
        }
    } else {
        println!(
            "(no corpus given and ../shared/data/fnc1/articles.jsonl not found: synthetic corpus only)\n"
        );
    }
    let syn = tmp.join("synthetic.jsonl");
    synthetic(rules, 60_000_000, &syn);
    measure("synthetic 60 MB".into(), &syn, &[]);
    let _ = std::fs::remove_file(&syn);

    let f = |v: &serde_json::Value, k: &str| {
        v.get(k).and_then(serde_json::Value::as_f64).unwrap_or(0.0)
    };
    println!(
        "{:<20} {:>8} {:>9} {:>8} {:>8} {:>9} {:>10} {:>6} {:>8} {:>7}",
        "corpus",
        "MB",
        "articles",
        "secs",
        "MB/s",
        "art/s",
        "ref MB/s",
        "ratio",
        "peak MB",
        "read %"
    );
    for r in &runs {
        let mb = f(&r.stats, "bytes") / 1e6;
        let secs = f(&r.stats, "total_ms") / 1000.0;
        let mbs = mb / secs.max(1e-9);
        println!(
            "{:<20} {:>8.1} {:>9} {:>8.2} {:>8.1} {:>9.0} {:>10.1} {:>6.2} {:>8.1} {:>7.1}",
            r.label,
            mb,
            f(&r.stats, "articles"),
            secs,
            mbs,
            f(&r.stats, "articles") / secs.max(1e-9),
            r.reference_mb_s,
            r.reference_mb_s / mbs.max(1e-9),
            f(&r.stats, "peak_kb") / 1024.0,
            100.0 * f(&r.stats, "read_bytes") / f(&r.stats, "bytes").max(1.0)
        );
    }
    println!(
        "(read %: the share of the text the language layer reads for general claims; beat: --general off)"
    );
    println!("\nstage split (ms, summed over threads)");
    let stages = [
        "load",
        "segment",
        "match",
        "claims",
        "general",
        "graph",
        "conflicts",
        "disputes",
        "render",
    ];
    println!(
        "{:<20} {}",
        "corpus",
        stages
            .iter()
            .map(|s| format!("{s:>10}"))
            .collect::<String>()
    );
    for r in &runs {
        println!(
            "{:<20} {}",
            r.label,
            stages
                .iter()
                .map(|s| format!("{:>10.1}", f(&r.stats, &format!("{s}_ms"))))
                .collect::<String>()
        );
    }
    if let (Some(x10), Some(x40)) = (
        runs.iter().find(|r| r.label.ends_with("×10")),
        runs.iter().find(|r| r.label.ends_with("×40")),
    ) {
        let t = f(&x40.stats, "total_ms") / f(&x10.stats, "total_ms").max(1e-9);
        let m = f(&x40.stats, "peak_kb") / f(&x10.stats, "peak_kb").max(1e-9);
        println!("\n×40 / ×10: time {t:.2}× (input 4×), peak memory {m:.2}×");
    }
}

/// Conflict detection alone on 1 and 2 million synthetic claims.
fn conflict_runs() {
    println!("\nconflict detection alone (graph, blocks, sweeps)");
    const SIZES: [usize; 2] = [1_000_000, 2_000_000];
    const ROUNDS: usize = 5;
    let mut runs: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    let mut counts = [String::new(), String::new()];
    // Each run is a fresh process, as a real check is, so no run finds memory that an
    // earlier one left behind; the sizes take turns, so both meet the same state of the
    // machine; each size keeps its best run, the one least disturbed.
    let exe =
        std::env::current_exe().unwrap_or_else(|e| fail(format!("cannot find the bench: {e}")));
    for _ in 0..ROUNDS {
        for (k, n) in SIZES.iter().enumerate() {
            let out = Command::new(&exe)
                .arg(format!("--conflict-run={n}"))
                .stderr(Stdio::inherit())
                .output()
                .unwrap_or_else(|e| fail(format!("cannot run the bench: {e}")));
            let text = String::from_utf8_lossy(&out.stdout);
            let (secs, found) = text
                .trim()
                .split_once(' ')
                .unwrap_or_else(|| fail(format!("bad conflict run output: {text}")));
            runs[k].push(
                secs.parse()
                    .unwrap_or_else(|e| fail(format!("{e}: {secs}"))),
            );
            counts[k] = found.to_string();
        }
    }
    let best: Vec<f64> = runs
        .iter()
        .map(|r| r.iter().copied().fold(f64::INFINITY, f64::min))
        .collect();
    for (k, n) in SIZES.iter().enumerate() {
        let all: Vec<String> = runs[k].iter().map(|s| format!("{s:.2}")).collect();
        println!(
            "{n:>9} claims: {:>6.2} s (best of {ROUNDS} processes: {}), {}",
            best[k],
            all.join(" "),
            counts[k]
        );
    }
    println!("          2M / 1M time: {:.2}×", best[1] / best[0]);
}

/// One timed conflict detection over `n` synthetic claims, in this process: prints the
/// seconds and what was found.
fn conflict_run(rules: &RuleSet, n: usize) {
    let (articles, claims) = synthetic_claims(rules, n);
    let t = Instant::now();
    let analysis = claimclash::analyze_claims(articles, claims, rules);
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{secs:.4} {} contradictions, {} changes over time, {} agreements",
        analysis.contradictions(),
        analysis.changes(),
        analysis.agreements.len()
    );
}

/// The best of five timings of `work`, in seconds.
fn best_of_5(work: &mut dyn FnMut()) -> f64 {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            work();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// What one growth case measured.
struct Growth {
    /// The growth per doubling over the whole range: (largest / smallest)^(1/3).
    overall: f64,
    /// The largest growth of one doubling (steps under a millisecond are not judged).
    worst_step: f64,
    largest: f64,
}

/// One growth case: `work(size)` timed at four doubling sizes (after a warm-up at the
/// smallest), printed with the growth per doubling.
fn growth(case: &str, unit: &str, sizes: [usize; 4], work: &mut dyn FnMut(usize)) -> Growth {
    work(sizes[0]);
    let times: Vec<f64> = sizes.iter().map(|&n| best_of_5(&mut || work(n))).collect();
    let mut worst_step: f64 = 0.0;
    for (i, (&n, &t)) in sizes.iter().zip(&times).enumerate() {
        let ratio = if i == 0 {
            String::from("     ")
        } else {
            let r = t / times[i - 1];
            if times[i - 1] > 1e-3 {
                worst_step = worst_step.max(r);
            }
            format!("×{r:.2}")
        };
        println!("  {case:<40} {n:>9} {unit:<9} {t:>9.4} s  {ratio}");
    }
    let overall = (times[3] / times[0].max(1e-9)).powf(1.0 / 3.0);
    Growth {
        overall,
        worst_step,
        largest: times[3],
    }
}

/// The growth cases of issue 15, each generated here deterministically.
fn hostile_runs(rules: &RuleSet) {
    println!(
        "claimclash bench --hostile: growth per doubling (best of 5 each; goal ≤ ×2.3, ≤ 2 s at the largest)\n"
    );
    let tmp = std::env::temp_dir().join(format!("claimclash-hostile-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&tmp);
    let mut summary: Vec<(String, Growth)> = Vec::new();
    let mut record = |case: &str, result: Growth| summary.push((case.to_string(), result));

    // 3. A lattice of links: two per level to the next level. Each folder holds a few
    // articles, so that the times are long enough to compare.
    const FILES_PER_FOLDER: usize = 20;
    let lattice = |depth: usize| -> PathBuf {
        let root = tmp.join(format!("lattice{depth}"));
        if !root.exists() {
            for i in 0..=depth {
                let level = root.join(format!("l{i}"));
                let _ = std::fs::create_dir_all(&level);
                for k in 0..FILES_PER_FOLDER {
                    let _ = std::fs::write(level.join(format!("n{i}-{k}.txt")), "A quiet day.\n");
                }
                if i > 0 {
                    for name in ["a", "b"] {
                        let _ = std::os::unix::fs::symlink(
                            &level,
                            root.join(format!("l{}", i - 1)).join(name),
                        );
                    }
                }
            }
        }
        root.join("l0")
    };
    record(
        "walk: lattice of links (depth)",
        growth(
            "walk: lattice of links",
            "levels",
            [8, 16, 32, 64],
            &mut |d| {
                let dir = lattice(d);
                let loaded = claimclash::article::load(&[dir], &mut std::io::empty());
                assert_eq!(loaded.articles.len(), (d + 1) * FILES_PER_FOLDER);
            },
        ),
    );
    // The walk's depth: one folder in the next.
    let nested = |depth: usize| -> PathBuf {
        let root = tmp.join(format!("nested{depth}"));
        if !root.exists() {
            let mut path = root.clone();
            for i in 0..depth {
                let _ = std::fs::create_dir_all(&path);
                for k in 0..FILES_PER_FOLDER {
                    let _ = std::fs::write(path.join(format!("n{i}-{k}.txt")), "A quiet day.\n");
                }
                path = path.join("d");
            }
        }
        root
    };
    record(
        "walk: nested folders (depth)",
        growth(
            "walk: nested folders",
            "levels",
            [8, 16, 32, 64],
            &mut |d| {
                let _ = claimclash::article::load(&[nested(d)], &mut std::io::empty());
            },
        ),
    );

    // 4. The HTML picture with many outlets.
    let outlets = |n: usize| -> claimclash::Analysis {
        let articles: Vec<claimclash::article::Article> = (0..n)
            .map(|i| {
                let not = if i % 2 == 0 { "" } else { "not " };
                let text = format!("---\nid: o{i}\ndate: 2024-05-02\nsource: Outlet {i}\n---\nRussian troops were {not}pulling back from the border.\n");
                claimclash::article::from_text_str("x", "x.md", &text)
                    .unwrap_or_else(|p| fail(p.to_string()))
            })
            .collect();
        claimclash::analyze(&articles, rules)
    };
    let analyses: Vec<(usize, claimclash::Analysis)> = [25, 50, 100, 200]
        .iter()
        .map(|&n| (n, outlets(n)))
        .collect();
    record(
        "HTML report: outlets",
        growth(
            "HTML report: distinct outlets",
            "outlets",
            [25, 50, 100, 200],
            &mut |n| {
                let a = &analyses.iter().find(|(m, _)| *m == n).map(|(_, a)| a);
                if let Some(a) = a {
                    let _ = claimclash::report::html::html(a, rules);
                }
            },
        ),
    );

    // 5. One long paragraph.
    let sentence = "Russia's Defense Ministry said on Thursday that Russian troops were pulling back from the border. ";
    record(
        "claims: one long paragraph (bytes)",
        growth(
            "claims: one long paragraph",
            "bytes",
            [1_250_000, 2_500_000, 5_000_000, 10_000_000],
            &mut |bytes| {
                let text = format!(
                    "---\nid: p\ndate: 2024-05-02\n---\n{}",
                    sentence.repeat(bytes / sentence.len())
                );
                let article = claimclash::article::from_text_str("p", "p.md", &text)
                    .unwrap_or_else(|p| fail(p.to_string()));
                let _ = claimclash::article_claims(0, &article, rules);
            },
        ),
    );

    // 6. Many aliases sharing a first word: the same 1 MB text matched with more aliases.
    let with_entities =
        |n: usize, alias: &dyn Fn(usize) -> String| -> Vec<claimclash::rules::RuleSource> {
            let mut extra = String::from("entities:\n");
            for i in 0..n {
                extra.push_str(&format!(
                    "  - id: e{i}\n    name: E{i}\n    kind: person\n    aliases: [\"{}\"]\n",
                    alias(i)
                ));
            }
            let mut sources = claimclash::rules::embedded_sources();
            sources.push(claimclash::rules::RuleSource {
                name: "extra.yaml".into(),
                text: extra,
            });
            sources
        };
    let text = "John Q1234 met the press; John Smith and John Doe said nothing. ".repeat(16_000);
    let packs: Vec<(usize, RuleSet)> = [1_250, 2_500, 5_000, 10_000]
        .iter()
        .map(|&n| {
            let pack = with_entities(n, &|i| format!("John Q{i}"));
            let rules = claimclash::rules::from_sources(&pack)
                .map(|(r, _)| r)
                .unwrap_or_else(|_| fail("the alias pack does not compile".into()));
            (n, rules)
        })
        .collect();
    record(
        "matching: aliases sharing a first word",
        growth(
            "matching 1 MB: aliases sharing a word",
            "aliases",
            [1_250, 2_500, 5_000, 10_000],
            &mut |n| {
                if let Some((_, r)) = packs.iter().find(|(m, _)| *m == n) {
                    let _ = r.phrases.find_all(&text);
                }
            },
        ),
    );

    // 7. Rule compile with anagram aliases, which pass every cheap near-duplicate filter.
    let anagram = |i: usize| -> String {
        let mut letters: Vec<char> = "claimbrestdu".chars().collect();
        let mut k = i;
        let mut out = String::new();
        while !letters.is_empty() {
            let at = k % letters.len();
            k /= letters.len();
            out.push(letters.remove(at));
        }
        out
    };
    record(
        "rule compile: anagram aliases",
        growth(
            "rule compile: anagram aliases",
            "aliases",
            [2_500, 5_000, 10_000, 20_000],
            &mut |n| {
                let _ = claimclash::rules::from_sources(&with_entities(n, &anagram));
            },
        ),
    );

    // 8. max_pairs_per_claim at its largest, claims of one subject and day.
    let most_pairs: Vec<claimclash::rules::RuleSource> = claimclash::rules::embedded_sources()
        .into_iter()
        .map(|mut s| {
            s.text = s
                .text
                .replace("max_pairs_per_claim: 20", "max_pairs_per_claim: 100");
            s
        })
        .collect();
    let pair_rules = claimclash::rules::from_sources(&most_pairs)
        .map(|(r, _)| r)
        .unwrap_or_else(|_| fail("max_pairs_per_claim 100 does not compile".into()));
    let claims_articles: Vec<claimclash::article::Article> = (0..10_000)
        .map(|i| {
            let not = if i % 2 == 0 { "" } else { "not " };
            let text = format!("---\nid: a{i}\ndate: 2024-05-02\nsource: Wire {i}\n---\nRussia's Defense Ministry said on Thursday that Russian troops were {not}pulling back from the border.\n");
            claimclash::article::from_text_str("x", "x.md", &text)
                .unwrap_or_else(|p| fail(p.to_string()))
        })
        .collect();
    record(
        "conflicts: max_pairs_per_claim 100",
        growth(
            "conflicts: one subject and day, 100 pairs",
            "claims",
            [1_250, 2_500, 5_000, 10_000],
            &mut |n| {
                let _ = claimclash::analyze(&claims_articles[..n], &pair_rules);
            },
        ),
    );

    // 9. Deep YAML nesting, in a rule file and in front matter.
    record(
        "YAML: rule file nesting",
        growth(
            "YAML rule file: `[` nesting",
            "brackets",
            [12_500, 25_000, 50_000, 100_000],
            &mut |n| {
                let sources = vec![claimclash::rules::RuleSource {
                    name: "deep.yaml".into(),
                    text: format!("entities: {}", "[".repeat(n)),
                }];
                let _ = claimclash::rules::from_sources(&sources);
            },
        ),
    );
    record(
        "YAML: front matter nesting",
        growth(
            "YAML front matter: `{` nesting",
            "brackets",
            [12_500, 25_000, 50_000, 100_000],
            &mut |n| {
                let text = format!("---\ntags: {}\n---\nText.\n", "{".repeat(n));
                let _ = claimclash::article::from_text_str("x", "x.md", &text);
            },
        ),
    );
    let _ = std::fs::remove_dir_all(&tmp);

    println!(
        "\n  {:<40} {:>10} {:>10} {:>12}  verdict",
        "case", "per ×2", "worst step", "largest (s)"
    );
    for (case, g) in &summary {
        let ok = g.overall <= 2.3 && g.largest <= 2.0;
        let worst = if g.worst_step > 0.0 {
            format!("×{:.2}", g.worst_step)
        } else {
            "(sub-ms)".into()
        };
        println!(
            "  {case:<40} {:>10} {worst:>10} {:>12.4}  {}",
            format!("×{:.2}", g.overall),
            g.largest,
            if ok { "ok" } else { "OVER" }
        );
    }
}
