//! `train-tagger`: trains the bundled language model (`model/tagger.bin`, `model/lemmas.bin`)
//! on UD English EWT and prints its accuracy on dev and test, the tokenizer's agreement with
//! EWT and the tagging speed. Deterministic: the same treebank gives the same bytes.
//!
//! `cargo run --release --features train --bin train-tagger -- --treebank ../shared/data/ud-ewt --out model`

use claimclash::lemma::Lemmas;
use claimclash::tags::{TagBuffer, Tagger};
use claimclash::train::{self, Sentence, TaggerOptions, percent};
use clap::Parser;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(about = "Train the bundled tagger and lemmatiser on UD English EWT")]
struct Args {
    /// Folder with en_ewt-ud-{train,dev,test}.conllu.
    #[arg(long)]
    treebank: PathBuf,
    /// Folder to write tagger.bin and lemmas.bin into.
    #[arg(long)]
    out: PathBuf,
    #[arg(long, default_value_t = TaggerOptions::default().epochs)]
    epochs: usize,
    #[arg(long, default_value_t = TaggerOptions::default().prune)]
    prune: f64,
    #[arg(long, default_value_t = TaggerOptions::default().dictionary_min_count)]
    dictionary_min_count: usize,
    #[arg(long, default_value_t = TaggerOptions::default().dictionary_min_share)]
    dictionary_min_share: f64,
    /// A lemma exception is kept when it is right this many more times than the rules.
    #[arg(long, default_value_t = 2)]
    lemma_min_gain: usize,
    /// Measure the model already in --out instead of training one.
    #[arg(long)]
    measure_only: bool,
}

fn main() -> ExitCode {
    match run(&Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-tagger: {e}");
            ExitCode::FAILURE
        }
    }
}

fn read(treebank: &Path, part: &str) -> Result<Vec<Sentence>, String> {
    let path = treebank.join(format!("en_ewt-ud-{part}.conllu"));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    train::parse_conllu(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("wrote {} ({} bytes)", path.display(), bytes.len());
    Ok(())
}

fn run(args: &Args) -> Result<(), String> {
    let (train_set, dev, test) = (
        read(&args.treebank, "train")?,
        read(&args.treebank, "dev")?,
        read(&args.treebank, "test")?,
    );
    let options = TaggerOptions {
        epochs: args.epochs,
        prune: args.prune,
        dictionary_min_count: args.dictionary_min_count,
        dictionary_min_share: args.dictionary_min_share,
        ..TaggerOptions::default()
    };
    let (model, lemma_table) = if args.measure_only {
        let read = |name: &str| {
            let path = args.out.join(name);
            std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))
        };
        (read("tagger.bin")?, read("lemmas.bin")?)
    } else {
        let started = Instant::now();
        let model = train::train_tagger(&train_set, &options, &mut |r| {
            let accuracy = percent(r.correct, r.total);
            println!("epoch {:2}: train accuracy {accuracy:.2} %", r.epoch);
        });
        let lemma_table = train::train_lemmas(&train_set, args.lemma_min_gain);
        println!("trained in {:.1} s", started.elapsed().as_secs_f64());
        std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
        write(&args.out.join("tagger.bin"), &model)?;
        write(&args.out.join("lemmas.bin"), &lemma_table)?;
        (model, lemma_table)
    };

    let tagger = Tagger::from_bytes(&model).map_err(|e| e.to_string())?;
    let lemmas = Lemmas::from_bytes(&lemma_table).map_err(|e| e.to_string())?;
    let seen: HashSet<&str> = train_set
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.form.as_str()))
        .collect();
    println!("lemma table: {} forms", lemmas.len());
    for (name, part) in [("dev", &dev), ("test", &test)] {
        report(name, part, &tagger, &lemmas, &seen);
    }
    measure_speed(&tagger, &dev, &test);
    Ok(())
}

fn report(name: &str, part: &[Sentence], tagger: &Tagger, lemmas: &Lemmas, seen: &HashSet<&str>) {
    let t = train::evaluate_tagger(tagger, part, seen);
    println!(
        "{name}: {} words: UPOS {:.2} %, XPOS {:.2} %, both {:.2} %; unseen words {} UPOS {:.2} %",
        t.words,
        percent(t.upos, t.words),
        percent(t.xpos, t.words),
        percent(t.both, t.words),
        t.unseen,
        percent(t.unseen_upos, t.unseen),
    );
    let l = train::evaluate_lemmas(lemmas, tagger, part);
    println!(
        "{name}: lemma {:.2} % with gold tags, {:.2} % with predicted tags",
        percent(l.gold_tags, l.words),
        percent(l.predicted_tags, l.words),
    );
    let k = train::evaluate_tokenizer(part);
    let (p, r) = (percent(k.matched, k.predicted), percent(k.matched, k.gold));
    println!(
        "{name}: tokenizer on {} sentences: precision {p:.2} %, recall {r:.2} %, F1 {:.2} %, \
         {:.1} % of sentences exact",
        k.sentences,
        2.0 * p * r / (p + r).max(1e-9),
        percent(k.exact_sentences, k.sentences),
    );
}

/// Nanoseconds this thread has run on a CPU (Linux), so that a busy machine's waiting
/// does not count against the tagger; wall-clock time elsewhere.
fn thread_cpu_nanos(wall: Instant) -> u128 {
    let on_cpu = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u128>().ok())
        .filter(|&n| n > 0);
    on_cpu.unwrap_or_else(|| wall.elapsed().as_nanos())
}

/// Words per second on one thread, tagging dev and test over and over and keeping the best
/// of five rounds of about half a second of CPU time each.
fn measure_speed(tagger: &Tagger, dev: &[Sentence], test: &[Sentence]) {
    let sentences: Vec<Vec<&str>> = dev
        .iter()
        .chain(test)
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let words: usize = sentences.iter().map(Vec::len).sum();
    let mut buffer = TagBuffer::new();
    let mut best = 0.0f64;
    let origin = Instant::now();
    for _ in 0..5 {
        let started = thread_cpu_nanos(origin);
        let mut rounds = 0;
        let mut spent = 0;
        while rounds < 4 || spent < 500_000_000 {
            for s in &sentences {
                std::hint::black_box(tagger.tag_into(s, &mut buffer));
            }
            rounds += 1;
            spent = thread_cpu_nanos(origin) - started;
        }
        best = best.max((rounds * words) as f64 * 1e9 / spent as f64);
    }
    println!(
        "speed: {:.2} M words/s on one thread (CPU time)",
        best / 1e6
    );
}
