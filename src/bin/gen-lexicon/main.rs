//! gen-lexicon: writes the generated files of `claims/general/` from WordNet 3.0 and the ISO
//! 3166-1 list of the iso-codes package.
//!
//! ```text
//! cargo run --release --features train --bin gen-lexicon -- \
//!     --wordnet /usr/share/wordnet --iso-codes /usr/share/iso-codes/json --out claims/general
//! ```
//!
//! The output is deterministic (every list sorted, no clock, no paths of this machine), and
//! it is committed, so neither users nor CI need WordNet. Only common words are kept, by the
//! sense tag counts of `cntlist.rev`. Before writing, the generated files are compiled with
//! the hand-written ones of the folder, so a run never leaves a lexicon that does not load.
//! Which words are kept is decided by the constants below; no word of English is named here.
//!
//! `wordnet` reads the inputs, `yaml` writes scalars and headers, and one module makes each
//! generated file: `antonyms`, `synonyms`, `derivations`, `morphology`, `countries` (with
//! `country_words`, a country's adjectives, demonyms and aliases).

use crate::antonyms::antonyms_yaml;
use crate::countries::countries_yaml;
use crate::derivations::derivations_yaml;
use crate::morphology::morphology_yaml;
use crate::synonyms::synonyms_yaml;
use crate::wordnet::WordNet;
use claimclash::lexicon::Lexicon;
use claimclash::rules::{RuleSource, render_all};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

mod antonyms;
mod countries;
mod country_words;
mod derivations;
mod morphology;
mod synonyms;
mod wordnet;
mod yaml;

/// The command the header of every generated file names.
const COMMAND: &str = "cargo run --release --features train --bin gen-lexicon -- \
    --wordnet /usr/share/wordnet --iso-codes /usr/share/iso-codes/json --out claims/general";

/// A lemma is common for a part of speech when its senses were tagged at least this often in
/// WordNet's sense-tagged corpora.
const COMMON: u32 = 3;
/// Noun antonyms are kept only for frequent nouns in a frequent sense.
const NOUN_ANTONYM_TOTAL: u32 = 10;
const NOUN_ANTONYM_SENSE: u32 = 3;
/// Indirect adjective antonyms: the similar word's tag count in that sense (which must be its
/// most frequent), and both words' totals.
const INDIRECT_SENSE: u32 = 3;
const INDIRECT_TOTAL: u32 = 10;
/// Synonym sets: how many of a word's most frequent senses, and the least tag count a sense
/// needs (also at least a quarter of the word's most frequent sense).
const SYNONYM_SENSES: usize = 2;
const SYNONYM_SENSE: u32 = 2;

struct Args {
    wordnet: PathBuf,
    iso: PathBuf,
    out: PathBuf,
}

fn main() {
    if let Err(e) = run() {
        eprintln!("gen-lexicon: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let args = parse_args(std::env::args().skip(1).collect())?;
    let wn = WordNet::load(&args.wordnet)?;
    let iso = read(&args.iso.join("iso_3166-1.json"))?;
    let mut files = generate(&wn, &iso)?;
    files.push(("WORDNET-LICENSE".into(), format!("{}\n", wn.licence)));
    check_with_hand_written(&files, &args.out)?;
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    for (name, text) in &files {
        let path = args.out.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("wrote {} ({} bytes)", path.display(), text.len());
    }
    Ok(())
}

const USAGE: &str = "usage: gen-lexicon --wordnet DIR --iso-codes DIR --out DIR";

fn parse_args(args: Vec<String>) -> Result<Args, String> {
    let mut found: HashMap<String, PathBuf> = HashMap::new();
    let mut it = args.into_iter();
    while let Some(flag) = it.next() {
        if !matches!(flag.as_str(), "--wordnet" | "--iso-codes" | "--out") {
            return Err(format!("unknown argument `{flag}`\n{USAGE}"));
        }
        let value = it
            .next()
            .ok_or(format!("{flag} needs a directory\n{USAGE}"))?;
        found.insert(flag, PathBuf::from(value));
    }
    let mut take = |k: &str| found.remove(k).ok_or(format!("{k} is missing\n{USAGE}"));
    Ok(Args {
        wordnet: take("--wordnet")?,
        iso: take("--iso-codes")?,
        out: take("--out")?,
    })
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// FNV-1a, to name the exact input files in the headers.
fn fnv(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

fn generate(wn: &WordNet, iso_text: &str) -> Result<Vec<(String, String)>, String> {
    let mut words = BTreeSet::new();
    let antonyms = antonyms_yaml(wn, &mut words);
    let synonyms = synonyms_yaml(wn, &mut words);
    let derivations = derivations_yaml(wn, &mut words);
    let morphology = morphology_yaml(wn, &words);
    Ok(vec![
        ("antonyms.yaml".into(), antonyms),
        ("countries.yaml".into(), countries_yaml(wn, iso_text)?),
        ("derivations.yaml".into(), derivations),
        ("morphology.yaml".into(), morphology),
        ("synonyms.yaml".into(), synonyms),
    ])
}

/// Compiles the new files with the hand-written ones already in `out`; refuses on any error.
fn check_with_hand_written(files: &[(String, String)], out: &Path) -> Result<(), String> {
    let mut sources: Vec<RuleSource> = files
        .iter()
        .filter(|(n, _)| n.ends_with(".yaml"))
        .map(|(n, t)| RuleSource {
            name: format!("{}/{n}", out.display()),
            text: t.clone(),
        })
        .collect();
    let generated: BTreeSet<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let mut hand: Vec<PathBuf> = std::fs::read_dir(out)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    hand.retain(|p| p.extension().is_some_and(|e| e == "yaml"));
    hand.retain(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| !generated.contains(n))
    });
    hand.sort();
    for p in hand {
        sources.push(RuleSource {
            name: p.display().to_string(),
            text: read(&p)?,
        });
    }
    let lexicon = Lexicon::compile(&sources).map_err(|d| {
        format!(
            "the new files do not compile with the hand-written ones:\n{}",
            render_all(&d, &sources)
        )
    })?;
    for (what, n) in lexicon.counts() {
        eprintln!("{n:>7} {what}");
    }
    Ok(())
}
