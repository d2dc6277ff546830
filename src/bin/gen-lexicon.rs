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

use claimclash::lexicon::Lexicon;
use claimclash::rules::{RuleSource, render_all};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

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

/// WordNet's file letter (`n`, `v`, `a`, `r`) and byte offset: a synset.
type Key = (char, u32);

struct Ptr {
    sym: String,
    to: Key,
    /// 1-based word numbers of a lexical pointer; 0 for a pointer between whole synsets.
    src: usize,
    tgt: usize,
}

struct Synset {
    /// `n`, `v`, `a`, `s` (adjective satellite) or `r`.
    ss: char,
    lexfile: u32,
    /// As written, adjective markers removed: `Soviet_Union`, `pull_back`.
    words: Vec<String>,
    lex_ids: Vec<u32>,
    ptrs: Vec<Ptr>,
}

struct WordNet {
    synsets: BTreeMap<Key, Synset>,
    /// (lowercase lemma, synset) → tag count.
    counts: HashMap<(String, Key), u32>,
    /// (lowercase lemma, file letter) → tag count over its senses.
    totals: HashMap<(String, char), u32>,
    /// (lowercase lemma, file letter) → its synsets, in key order.
    senses: HashMap<(String, char), Vec<Key>>,
    /// (file letter, lowercase lemma) → irregular forms.
    exceptions: BTreeMap<(char, String), BTreeSet<String>>,
    version: String,
    licence: String,
    fingerprint: u64,
}

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

// ---------------------------------------------------------------- reading WordNet

/// An adjective's syntactic marker removed: `galore(ip)` → `galore`.
fn unmarked(word: &str) -> &str {
    match word.find('(') {
        Some(i) if word.ends_with(')') => &word[..i],
        _ => word,
    }
}

fn field<'a>(it: &mut impl Iterator<Item = &'a str>, what: &str) -> Result<&'a str, String> {
    it.next()
        .ok_or(format!("a data line ends before its {what}"))
}

fn number(text: &str, radix: u32) -> Result<u32, String> {
    u32::from_str_radix(text, radix).map_err(|_| format!("`{text}` is not a number"))
}

fn file_letter(pos: &str) -> Result<char, String> {
    match pos {
        "n" | "v" | "a" | "r" => Ok(pos.chars().next().unwrap_or('n')),
        "s" => Ok('a'),
        _ => Err(format!("unknown part of speech `{pos}`")),
    }
}

fn parse_ptr<'a>(it: &mut impl Iterator<Item = &'a str>) -> Result<Ptr, String> {
    let sym = field(it, "pointer")?.to_string();
    let offset = number(field(it, "pointer offset")?, 10)?;
    let pos = file_letter(field(it, "pointer part of speech")?)?;
    let st = field(it, "pointer words")?;
    let (src, tgt) = (st.get(..2).unwrap_or("0"), st.get(2..).unwrap_or("0"));
    Ok(Ptr {
        sym,
        to: (pos, offset),
        src: number(src, 16)? as usize,
        tgt: number(tgt, 16)? as usize,
    })
}

/// One line of a `data.*` file: `offset lexfile ss w_cnt (word lex_id)* p_cnt ptr* ... | gloss`.
fn parse_synset(line: &str) -> Result<(u32, Synset), String> {
    let body = line.split(" | ").next().unwrap_or(line);
    let mut it = body.split_ascii_whitespace();
    let offset = number(field(&mut it, "offset")?, 10)?;
    let lexfile = number(field(&mut it, "lexicographer file")?, 10)?;
    let ss = field(&mut it, "synset type")?.chars().next().unwrap_or('n');
    let count = number(field(&mut it, "word count")?, 16)?;
    let (mut words, mut lex_ids) = (Vec::new(), Vec::new());
    for _ in 0..count {
        words.push(unmarked(field(&mut it, "word")?).to_string());
        lex_ids.push(number(field(&mut it, "lex id")?, 16)?);
    }
    let pointers = number(field(&mut it, "pointer count")?, 10)?;
    let ptrs = (0..pointers)
        .map(|_| parse_ptr(&mut it))
        .collect::<Result<_, _>>()?;
    let synset = Synset {
        ss,
        lexfile,
        words,
        lex_ids,
        ptrs,
    };
    Ok((offset, synset))
}

/// The licence at the head of a data file, its line numbers removed, and the version it names.
fn licence_of(data: &str) -> Result<(String, String), String> {
    let lines: Vec<&str> = data
        .lines()
        .take_while(|l| l.starts_with("  "))
        .map(|l| {
            let l = l
                .trim_start()
                .trim_start_matches(|c: char| c.is_ascii_digit());
            l.strip_prefix(' ').unwrap_or(l).trim_end()
        })
        .collect();
    let version = lines
        .iter()
        .find_map(|l| l.strip_prefix("WordNet ")?.split(' ').next())
        .ok_or("the data file names no WordNet version")?;
    Ok((lines.join("\n"), version.to_string()))
}

impl WordNet {
    fn load(dir: &Path) -> Result<WordNet, String> {
        let mut wn = WordNet {
            synsets: BTreeMap::new(),
            counts: HashMap::new(),
            totals: HashMap::new(),
            senses: HashMap::new(),
            exceptions: BTreeMap::new(),
            version: String::new(),
            licence: String::new(),
            fingerprint: FNV_START,
        };
        for (letter, name) in [('n', "noun"), ('v', "verb"), ('a', "adj"), ('r', "adv")] {
            let text = read(&dir.join(format!("data.{name}")))?;
            wn.fingerprint = fnv(wn.fingerprint, text.as_bytes());
            wn.read_data(letter, &text)
                .map_err(|e| format!("data.{name}: {e}"))?;
            if letter == 'v' {
                (wn.licence, wn.version) = licence_of(&text)?;
            }
        }
        for (letter, name) in [('n', "noun"), ('v', "verb"), ('a', "adj")] {
            let text = read(&dir.join(format!("{name}.exc")))?;
            wn.fingerprint = fnv(wn.fingerprint, text.as_bytes());
            wn.read_exceptions(letter, &text);
        }
        let text = read(&dir.join("cntlist.rev"))?;
        wn.fingerprint = fnv(wn.fingerprint, text.as_bytes());
        wn.read_counts(&text);
        Ok(wn)
    }

    fn read_data(&mut self, letter: char, text: &str) -> Result<(), String> {
        for line in text.lines().filter(|l| !l.starts_with(' ')) {
            let (offset, s) = parse_synset(line)?;
            for w in &s.words {
                let senses = self.senses.entry((w.to_lowercase(), letter));
                senses.or_default().push((letter, offset));
            }
            self.synsets.insert((letter, offset), s);
        }
        Ok(())
    }

    fn read_exceptions(&mut self, letter: char, text: &str) {
        for line in text.lines() {
            let mut it = line.split_ascii_whitespace();
            let Some(form) = it.next() else { continue };
            for lemma in it {
                let forms = self.exceptions.entry((letter, lemma.to_string()));
                forms.or_default().insert(form.replace('_', " "));
            }
        }
    }

    /// Tag counts by sense key (`lemma%ss:lexfile:lex_id:head:head_id`). Keys of senses that
    /// are no longer in the database are left out.
    fn read_counts(&mut self, text: &str) {
        let keys = self.sense_keys();
        for line in text.lines() {
            let mut it = line.split_ascii_whitespace();
            let (Some(key), Some(_), Some(count)) = (it.next(), it.next(), it.next()) else {
                continue;
            };
            let key = key
                .replace("(a)", "")
                .replace("(p)", "")
                .replace("(ip)", "");
            let (Some((lemma, synset)), Ok(count)) = (keys.get(&key), count.parse::<u32>()) else {
                continue;
            };
            *self.counts.entry((lemma.clone(), *synset)).or_default() += count;
            *self.totals.entry((lemma.clone(), synset.0)).or_default() += count;
        }
    }

    fn sense_keys(&self) -> HashMap<String, (String, Key)> {
        let mut keys = HashMap::new();
        for (&key, s) in &self.synsets {
            let head = self.head_of(s).unwrap_or_default();
            let ss = match s.ss {
                'n' => 1,
                'v' => 2,
                'a' => 3,
                'r' => 4,
                _ => 5,
            };
            for (w, id) in s.words.iter().zip(&s.lex_ids) {
                let lemma = w.to_lowercase();
                let sense = format!("{lemma}%{ss}:{:02}:{id:02}:{head}", s.lexfile);
                keys.insert(sense, (lemma, key));
            }
        }
        keys
    }

    /// A satellite's `head:head_id` for its sense keys; `:` for any other synset.
    fn head_of(&self, s: &Synset) -> Option<String> {
        if s.ss != 's' {
            return Some(":".into());
        }
        let head = s.ptrs.iter().find(|p| p.sym == "&")?;
        let h = self.synsets.get(&head.to)?;
        let (w, id) = (h.words.first()?, h.lex_ids.first()?);
        Some(format!("{}:{id:02}", w.to_lowercase()))
    }

    fn count(&self, word: &str, key: Key) -> u32 {
        let k = (word.to_lowercase(), key);
        self.counts.get(&k).copied().unwrap_or(0)
    }

    fn total(&self, word: &str, letter: char) -> u32 {
        let k = (word.to_lowercase(), letter);
        self.totals.get(&k).copied().unwrap_or(0)
    }

    fn common(&self, word: &str, letter: char) -> bool {
        self.total(word, letter) >= COMMON
    }

    /// The word a lexical pointer points at.
    fn target_word(&self, p: &Ptr) -> Option<&str> {
        let s = self.synsets.get(&p.to)?;
        s.words.get(p.tgt.checked_sub(1)?).map(String::as_str)
    }
}

// ---------------------------------------------------------------- writing YAML

/// A scalar plain when YAML reads it back as the same string, double-quoted otherwise.
fn q(s: &str) -> String {
    let plain = s.chars().next().is_some_and(char::is_alphabetic)
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '\'' | '-' | '’'))
        && !s.ends_with(' ')
        && !matches!(
            s.to_lowercase().as_str(),
            "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
        );
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

fn list(words: &[String]) -> String {
    let items: Vec<String> = words.iter().map(|w| q(w)).collect();
    format!("[{}]", items.join(", "))
}

/// A WordNet lemma as the lexicon writes it: `pull_back` → `pull back`.
fn lemma(word: &str) -> String {
    word.replace('_', " ").to_lowercase()
}

fn phrase(word: &str) -> String {
    word.replace('_', " ")
}

fn synset_id(wn: &WordNet, key: Key) -> String {
    let ss = wn.synsets.get(&key).map_or(key.0, |s| s.ss);
    format!("{:08}-{ss}", key.1)
}

fn pos_name(letter: char) -> &'static str {
    match letter {
        'n' => "noun",
        'v' => "verb",
        'a' | 's' => "adj",
        _ => "adv",
    }
}

/// The head comment of a generated file: what it is, how it was made, and the licence.
fn header(wn: &WordNet, what: &str, kept: &str) -> String {
    let mut h = String::new();
    let _ = writeln!(
        h,
        "# GENERATED by gen-lexicon: do not edit; the next run overwrites it."
    );
    let _ = writeln!(
        h,
        "# Additions, removals and examples go in the hand-written"
    );
    let _ = writeln!(h, "# *-extra.yaml files of this folder (see README.md).");
    let _ = writeln!(h, "#\n# {what}");
    for line in kept.lines() {
        let _ = writeln!(h, "# {line}");
    }
    let _ = writeln!(
        h,
        "#\n# Made with:\n#   {}",
        COMMAND.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    let _ = writeln!(
        h,
        "# From WordNet {} (inputs' FNV-1a 64: {:016x}).",
        wn.version, wn.fingerprint
    );
    let _ = writeln!(
        h,
        "#\n# Derived from WordNet {}, whose licence notice follows",
        wn.version
    );
    let _ = writeln!(h, "# (the full text is in WORDNET-LICENSE):\n#");
    for line in wn.licence.lines() {
        let _ = writeln!(h, "#   {line}");
    }
    h.push('\n');
    h
}

// ---------------------------------------------------------------- antonyms

struct Pair {
    pos: char,
    a: String,
    b: String,
    synsets: (Key, Key),
    via: Option<String>,
    score: u32,
}

type PairKey = (char, String, String);

fn sorted_key(pos: char, a: &str, b: &str) -> PairKey {
    let (x, y) = if a <= b { (a, b) } else { (b, a) };
    (pos, x.to_string(), y.to_string())
}

fn keep_direct(wn: &WordNet, letter: char, (a, b): (&str, &str), score: u32) -> bool {
    if letter == 'n' {
        let t = NOUN_ANTONYM_TOTAL;
        score >= NOUN_ANTONYM_SENSE && wn.total(a, 'n') >= t && wn.total(b, 'n') >= t
    } else {
        score >= 1 && wn.common(a, letter) && wn.common(b, letter)
    }
}

/// Keeps the pair, or the one already kept when it is at least as frequent.
fn offer(pairs: &mut BTreeMap<PairKey, Pair>, key: PairKey, pair: Pair) {
    if pairs.get(&key).is_none_or(|old| old.score < pair.score) {
        pairs.insert(key, pair);
    }
}

/// `!` pointers between words of common verbs, adjectives and (a few) nouns.
fn direct_antonyms(wn: &WordNet) -> BTreeMap<PairKey, Pair> {
    let mut pairs = BTreeMap::new();
    for (&key, s) in wn.synsets.iter().filter(|(k, _)| "van".contains(k.0)) {
        for p in s.ptrs.iter().filter(|p| p.sym == "!" && p.src > 0) {
            let (Some(a), Some(b)) = (s.words.get(p.src - 1), wn.target_word(p)) else {
                continue;
            };
            let score = wn.count(a, key).min(wn.count(b, p.to));
            let (la, lb) = (lemma(a), lemma(b));
            if la == lb || !keep_direct(wn, key.0, (a, b), score) {
                continue;
            }
            let (a, b, synsets) = if la <= lb {
                (la, lb, (key, p.to))
            } else {
                (lb, la, (p.to, key))
            };
            let k = (key.0, a.clone(), b.clone());
            let via = None;
            offer(
                &mut pairs,
                k,
                Pair {
                    pos: key.0,
                    a,
                    b,
                    synsets,
                    via,
                    score,
                },
            );
        }
    }
    pairs
}

/// Satellite adjectives and the antonyms of their heads: deceased (like dead) / alive.
fn indirect_antonyms(wn: &WordNet, direct: &BTreeMap<PairKey, Pair>) -> BTreeMap<PairKey, Pair> {
    let mut pairs = BTreeMap::new();
    for (&key, s) in wn.synsets.iter().filter(|(_, s)| s.ss == 's') {
        let Some(head) = s.ptrs.iter().find(|p| p.sym == "&") else {
            continue;
        };
        let Some(h) = wn.synsets.get(&head.to) else {
            continue;
        };
        for p in h.ptrs.iter().filter(|p| p.sym == "!" && p.src > 0) {
            let (Some(via), Some(b)) = (h.words.get(p.src - 1), wn.target_word(p)) else {
                continue;
            };
            if wn.total(b, 'a') < INDIRECT_TOTAL {
                continue;
            }
            for x in &s.words {
                let score = wn.count(x, key);
                let first = top_senses(wn, &x.to_lowercase(), 'a').first() == Some(&key);
                if !first || score < INDIRECT_SENSE || wn.total(x, 'a') < INDIRECT_TOTAL {
                    continue;
                }
                let (a, b) = (lemma(x), lemma(b));
                let k = sorted_key('a', &a, &b);
                if a == b || direct.contains_key(&k) {
                    continue;
                }
                let (synsets, via) = ((key, p.to), Some(lemma(via)));
                offer(
                    &mut pairs,
                    k,
                    Pair {
                        pos: 'a',
                        a,
                        b,
                        synsets,
                        via,
                        score,
                    },
                );
            }
        }
    }
    pairs
}

fn pos_order(letter: char) -> u8 {
    match letter {
        'v' => 0,
        'a' => 1,
        'n' => 2,
        _ => 3,
    }
}

fn antonyms_yaml(wn: &WordNet, words: &mut BTreeSet<(char, String)>) -> String {
    let direct = direct_antonyms(wn);
    let indirect = indirect_antonyms(wn, &direct);
    let mut pairs: Vec<&Pair> = direct.values().chain(indirect.values()).collect();
    pairs.sort_by(|x, y| (pos_order(x.pos), &x.a, &x.b).cmp(&(pos_order(y.pos), &y.a, &y.b)));
    let kept = format!(
        "Kept: direct antonyms (`!`) of verbs and adjectives whose lemmas are tagged at least\n\
         {COMMON} times, in a sense tagged at least once; of nouns tagged at least\n\
         {NOUN_ANTONYM_TOTAL} times, in a sense tagged at least {NOUN_ANTONYM_SENSE} times; and \
         indirect adjective\nantonyms (`via`: the head the word is similar to) of words tagged \
         at least\n{INDIRECT_TOTAL} times, {INDIRECT_SENSE} of them in that sense, their most \
         frequent. {} direct and\n{} indirect pairs.",
        direct.len(),
        indirect.len()
    );
    let mut out = header(
        wn,
        "Antonyms: pairs of words of opposite meaning, from WordNet.",
        &kept,
    );
    out.push_str("antonyms:\n  pairs:\n");
    for p in pairs {
        words.insert((p.pos, p.a.clone()));
        words.insert((p.pos, p.b.clone()));
        let ids = [synset_id(wn, p.synsets.0), synset_id(wn, p.synsets.1)];
        let via = p
            .via
            .as_ref()
            .map(|v| format!(", via: {}", q(v)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    - {{a: {}, b: {}, pos: {}, synsets: [{}, {}]{via}}}",
            q(&p.a),
            q(&p.b),
            pos_name(p.pos),
            ids[0],
            ids[1]
        );
    }
    out
}

// ---------------------------------------------------------------- synonyms

/// A word's senses, the most frequent first.
fn ranked_senses(wn: &WordNet, word: &str, letter: char) -> Vec<Key> {
    let Some(senses) = wn.senses.get(&(word.to_string(), letter)) else {
        return Vec::new();
    };
    let mut senses = senses.clone();
    senses.sort_by_key(|&k| (std::cmp::Reverse(wn.count(word, k)), k));
    senses
}

/// A word's most frequent senses, enough tagged to count.
fn top_senses(wn: &WordNet, word: &str, letter: char) -> Vec<Key> {
    let senses = ranked_senses(wn, word, letter);
    let best = senses.first().map_or(0, |&k| wn.count(word, k));
    senses
        .into_iter()
        .take(SYNONYM_SENSES)
        .filter(|&k| wn.count(word, k) >= SYNONYM_SENSE && 4 * wn.count(word, k) >= best)
        .collect()
}

/// Whether a set is one of the word's own few most frequent senses, tagged at least once:
/// "have" is no synonym of "accept", though WordNet has a sense where it is.
fn member(wn: &WordNet, word: &str, key: Key) -> bool {
    let lower = word.to_lowercase();
    let own = ranked_senses(wn, &lower, key.0);
    wn.count(word, key) >= 1 && own.iter().take(SYNONYM_SENSES).any(|&k| k == key)
}

fn synonym_sets(wn: &WordNet) -> BTreeMap<Key, Vec<String>> {
    let mut sets = BTreeMap::new();
    for ((word, letter), &total) in &wn.totals {
        if !"va".contains(*letter) || total < COMMON {
            continue;
        }
        for key in top_senses(wn, word, *letter) {
            let Some(s) = wn.synsets.get(&key) else {
                continue;
            };
            let members: BTreeSet<String> = s
                .words
                .iter()
                .filter(|w| member(wn, w, key))
                .map(|w| lemma(w))
                .collect();
            if members.len() >= 2 {
                sets.insert(key, members.into_iter().collect());
            }
        }
    }
    sets
}

fn synonyms_yaml(wn: &WordNet, words: &mut BTreeSet<(char, String)>) -> String {
    let sets = synonym_sets(wn);
    let mut order: Vec<(&Key, &Vec<String>)> = sets.iter().collect();
    order.sort_by(|x, y| (pos_order(x.0.0), x.1, x.0).cmp(&(pos_order(y.0.0), y.1, y.0)));
    let kept = format!(
        "Kept: for every verb and adjective tagged at least {COMMON} times, its (at most)\n\
         {SYNONYM_SENSES} most frequent senses tagged at least {SYNONYM_SENSE} times and at \
         least a quarter as\noften as its first; of each, the words tagged at least once in \
         that sense, when\nit is one of their own {SYNONYM_SENSES} most frequent, if there are \
         two or more. {} sets.",
        sets.len()
    );
    let what = "Synonyms: sets of words that say the same in their common sense, from WordNet.";
    let mut out = header(wn, what, &kept);
    out.push_str("synonyms:\n  sets:\n");
    for (&key, members) in order {
        for w in members {
            words.insert((key.0, w.clone()));
        }
        let id = synset_id(wn, key);
        let pos = pos_name(key.0);
        let _ = writeln!(
            out,
            "    - {{id: {id}, pos: {pos}, words: {}}}",
            list(members)
        );
    }
    out
}

// ---------------------------------------------------------------- derivations

type Links = BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>;

/// `+` pointers from common verbs, in senses tagged at least once, to tagged nouns.
fn derivation_links(wn: &WordNet) -> Links {
    let mut links = Links::new();
    for (&key, s) in wn.synsets.iter().filter(|(k, _)| k.0 == 'v') {
        for p in s
            .ptrs
            .iter()
            .filter(|p| p.sym == "+" && p.to.0 == 'n' && p.src > 0)
        {
            let (Some(v), Some(n)) = (s.words.get(p.src - 1), wn.target_word(p)) else {
                continue;
            };
            if !wn.common(v, 'v') || wn.count(v, key) < 1 || wn.total(n, 'n') < 1 {
                continue;
            }
            let agent = wn
                .synsets
                .get(&p.to)
                .is_some_and(|t| t.lexfile == NOUN_PERSON);
            let (nouns, agents) = links.entry(lemma(v)).or_default();
            if agent { agents } else { nouns }.insert(lemma(n));
        }
    }
    for (nouns, agents) in links.values_mut() {
        nouns.retain(|n| !agents.contains(n));
    }
    links
}

/// WordNet's lexicographer files for people and for places.
const NOUN_PERSON: u32 = 18;
const NOUN_LOCATION: u32 = 15;

fn derivations_yaml(wn: &WordNet, words: &mut BTreeSet<(char, String)>) -> String {
    let links = derivation_links(wn);
    let kept = format!(
        "Kept: derivational links (`+`) from verbs tagged at least {COMMON} times, in senses\n\
         tagged at least once, to nouns tagged at least once: `nouns` for acts and states,\n\
         `agents` for people (noun.person). {} verbs.",
        links.len()
    );
    let what = "Derivations: verbs and the nouns made from them, from WordNet.";
    let mut out = header(wn, what, &kept);
    out.push_str("derivations:\n  links:\n");
    for (verb, (nouns, agents)) in &links {
        words.insert(('v', verb.clone()));
        words.extend(nouns.iter().chain(agents).map(|n| ('n', n.clone())));
        let mut line = format!("    - {{verb: {}", q(verb));
        for (key, set) in [("nouns", nouns), ("agents", agents)] {
            if !set.is_empty() {
                let set: Vec<String> = set.iter().cloned().collect();
                let _ = write!(line, ", {key}: {}", list(&set));
            }
        }
        let _ = writeln!(out, "{line}}}");
    }
    out
}

// ---------------------------------------------------------------- morphology

/// `-man` and `-woman` nouns of people whose first part is a word: spokesman → spokesmen.
fn man_plural(wn: &WordNet, word: &str) -> Option<String> {
    let (stem, plural) = match word.strip_suffix("woman") {
        Some(stem) => (stem, "women"),
        None => (word.strip_suffix("man")?, "men"),
    };
    let is_word = "nvar"
        .chars()
        .any(|l| wn.senses.contains_key(&(stem.to_string(), l)));
    let person = is_person(wn, word);
    let simple = stem.len() >= 3 && stem.chars().all(|c| c.is_ascii_lowercase());
    (is_word && person && simple).then(|| format!("{stem}{plural}"))
}

fn irregular_forms(
    wn: &WordNet,
    wanted: &BTreeSet<(char, String)>,
) -> BTreeMap<(char, String), BTreeSet<String>> {
    let keep = |letter: char, word: &str| {
        wn.common(word, letter) || wanted.contains(&(letter, lemma(word)))
    };
    let mut out: BTreeMap<(char, String), BTreeSet<String>> = BTreeMap::new();
    for ((letter, word), forms) in &wn.exceptions {
        let l = lemma(word);
        let forms: BTreeSet<String> = forms
            .iter()
            .map(|f| f.to_lowercase())
            .filter(|f| *f != l)
            .collect();
        if keep(*letter, word) && !forms.is_empty() {
            out.insert((*letter, l), forms);
        }
    }
    for (word, _) in wn
        .senses
        .keys()
        .filter(|(w, l)| *l == 'n' && w.ends_with("man"))
    {
        let key = ('n', lemma(word));
        if keep('n', word)
            && !out.contains_key(&key)
            && let Some(p) = man_plural(wn, word)
        {
            out.insert(key, BTreeSet::from([p]));
        }
    }
    out
}

fn morphology_yaml(wn: &WordNet, wanted: &BTreeSet<(char, String)>) -> String {
    let forms = irregular_forms(wn, wanted);
    let mut order: Vec<_> = forms.iter().collect();
    order.sort_by(|x, y| (pos_order(x.0.0), &x.0.1).cmp(&(pos_order(y.0.0), &y.0.1)));
    let kept = format!(
        "Kept: the exceptions of verb.exc, noun.exc and adj.exc for lemmas tagged at least\n\
         {COMMON} times or found in antonyms.yaml, synonyms.yaml or derivations.yaml, and the\n\
         plurals of such nouns of people in -man and -woman whose first part is a word\n\
         (spokesman → spokesmen). Regular forms are rules in code. {} lemmas.",
        forms.len()
    );
    let what = "Morphology: irregular inflections, lemma → forms, from WordNet.";
    let mut out = header(wn, what, &kept);
    out.push_str("morphology:\n  irregular:\n");
    for ((letter, word), forms) in order {
        let forms: Vec<String> = forms.iter().cloned().collect();
        let pos = pos_name(*letter);
        let _ = writeln!(
            out,
            "    - {{lemma: {}, pos: {pos}, forms: {}}}",
            q(word),
            list(&forms)
        );
    }
    out
}

// ---------------------------------------------------------------- countries

#[derive(Deserialize)]
struct IsoFile {
    #[serde(rename = "3166-1")]
    entries: Vec<Iso>,
}

#[derive(Deserialize)]
struct Iso {
    alpha_2: String,
    alpha_3: String,
    name: String,
    official_name: Option<String>,
    common_name: Option<String>,
}

impl Iso {
    /// The names ISO gives: name, official name, common name.
    fn names(&self) -> Vec<String> {
        let mut names = vec![self.name.clone()];
        names.extend(self.official_name.iter().chain(&self.common_name).cloned());
        names
    }
}

/// A country's words as found.
#[derive(Default)]
struct Found {
    synset: Option<Key>,
    aliases: BTreeSet<String>,
    adjectives: BTreeSet<String>,
    demonyms: BTreeSet<String>,
}

/// Latin letters without their diacritics: WordNet is written in ASCII.
fn fold(s: &str) -> String {
    const FROM: &str = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿ";
    const TO: &str = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyy";
    let to: Vec<char> = TO.chars().collect();
    let swap = |c: char| {
        FROM.chars()
            .position(|f| f == c)
            .and_then(|i| to.get(i).copied())
    };
    s.chars().map(|c| swap(c).unwrap_or(c)).collect()
}

fn norm(s: &str) -> String {
    fold(s).replace('_', " ").to_lowercase()
}

/// ISO's names and the forms text uses: "Korea, Republic of" → "Republic of Korea" and
/// "Korea"; "Côte d'Ivoire" → "Cote d'Ivoire".
fn iso_forms(iso: &Iso) -> Vec<String> {
    let mut names = iso.names();
    if let Some((head, tail)) = iso.name.split_once(", ") {
        if tail.ends_with(" of") || tail.ends_with(" of the") || !tail.contains(' ') {
            let whole = format!("{tail} {head}");
            names.push(whole.strip_prefix("The ").unwrap_or(&whole).to_string());
        }
        names.push(head.to_string());
    }
    let folded: Vec<String> = names.iter().map(|n| fold(n)).collect();
    names.extend(folded);
    let mut seen = BTreeSet::new();
    names.retain(|n| seen.insert(n.clone()));
    names
}

/// Places (noun.location) by normalised word.
fn places(wn: &WordNet) -> HashMap<String, Vec<Key>> {
    let mut map: HashMap<String, Vec<Key>> = HashMap::new();
    let locations = wn
        .synsets
        .iter()
        .filter(|(k, s)| k.0 == 'n' && s.lexfile == NOUN_LOCATION);
    for (&key, s) in locations {
        for w in &s.words {
            map.entry(norm(w)).or_default().push(key);
        }
    }
    map
}

fn candidates(forms: &[String], places: &HashMap<String, Vec<Key>>) -> BTreeSet<Key> {
    forms
        .iter()
        .filter_map(|f| places.get(&norm(f)))
        .flatten()
        .copied()
        .collect()
}

fn hypernyms(s: &Synset) -> impl Iterator<Item = Key> + '_ {
    s.ptrs
        .iter()
        .filter(|p| p.sym == "@i" || p.sym == "@")
        .map(|p| p.to)
}

/// How often each hypernym heads the places that only one country's names find: the kind
/// of place countries are, learnt from the data.
fn popular_hypernyms(wn: &WordNet, all: &[BTreeSet<Key>]) -> HashMap<Key, usize> {
    let mut counts = HashMap::new();
    for only in all.iter().filter(|c| c.len() == 1).flatten() {
        for h in wn.synsets.get(only).into_iter().flat_map(hypernyms) {
            *counts.entry(h).or_default() += 1;
        }
    }
    counts
}

/// The place that matches most of the country's names, of the most usual kind.
fn pick(
    wn: &WordNet,
    forms: &[String],
    cands: &BTreeSet<Key>,
    popular: &HashMap<Key, usize>,
) -> Option<Key> {
    let wanted: BTreeSet<String> = forms.iter().map(|f| norm(f)).collect();
    let score = |k: &Key| {
        let s = wn.synsets.get(k)?;
        let matched = s.words.iter().filter(|w| wanted.contains(&norm(w))).count();
        let kind = hypernyms(s)
            .filter_map(|h| popular.get(&h))
            .max()
            .copied()
            .unwrap_or(0);
        Some((matched, kind, std::cmp::Reverse(*k)))
    };
    cands.iter().max_by_key(|k| score(k)).copied()
}

/// Who a place belongs to: the country that picked it, or else every country one of whose
/// words the place (or its word `only`) is, when it is a place no country picked.
struct Owners {
    picked: HashMap<Key, usize>,
    by_word: HashMap<String, BTreeSet<usize>>,
}

impl Owners {
    fn new(wn: &WordNet, isos: &[Iso], found: &[Found]) -> Owners {
        let picked: HashMap<Key, usize> = found
            .iter()
            .enumerate()
            .filter_map(|(i, f)| Some((f.synset?, i)))
            .collect();
        let taken: HashMap<String, usize> = isos
            .iter()
            .enumerate()
            .flat_map(|(i, iso)| iso.names().into_iter().map(move |n| (norm(&n), i)))
            .collect();
        let mut by_word: HashMap<String, BTreeSet<usize>> = HashMap::new();
        for (i, (iso, f)) in isos.iter().zip(found).enumerate() {
            let own = f.synset.and_then(|k| wn.synsets.get(&k));
            let words = iso_forms(iso)
                .into_iter()
                .chain(own.into_iter().flat_map(|s| s.words.clone()));
            for w in words.map(|w| norm(&w)) {
                if taken.get(&w).is_none_or(|&t| t == i) {
                    by_word.entry(w).or_default().insert(i);
                }
            }
        }
        Owners { picked, by_word }
    }

    fn of(&self, wn: &WordNet, place: Key, only: Option<&str>) -> BTreeSet<usize> {
        if let Some(&i) = self.picked.get(&place) {
            return BTreeSet::from([i]);
        }
        let Some(s) = wn
            .synsets
            .get(&place)
            .filter(|s| s.lexfile == NOUN_LOCATION)
        else {
            return BTreeSet::new();
        };
        let words: Vec<&str> =
            only.map_or_else(|| s.words.iter().map(String::as_str).collect(), |w| vec![w]);
        words
            .iter()
            .filter_map(|w| self.by_word.get(&norm(w)))
            .flatten()
            .copied()
            .collect()
    }
}

fn proper(words: &[String]) -> impl Iterator<Item = String> + '_ {
    words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .map(|w| phrase(w))
}

/// Adjectives whose pertainym (`\`) points at a country: Russian → Russia.
fn find_adjectives(wn: &WordNet, owners: &Owners, found: &mut [Found]) {
    for s in wn
        .synsets
        .iter()
        .filter(|(k, _)| k.0 == 'a')
        .map(|(_, s)| s)
    {
        for p in s.ptrs.iter().filter(|p| p.sym == "\\" && p.to.0 == 'n') {
            let who = owners.of(wn, p.to, wn.target_word(p));
            let words = match p.src {
                0 => s.words.clone(),
                n => s.words.get(n - 1).cloned().into_iter().collect(),
            };
            for i in who {
                found[i].adjectives.extend(proper(&words));
            }
        }
    }
}

/// People who are members (`#m`) of a country and whose word shares its first letters with
/// one of the country's names or adjectives (Frenchman: France; Briton: British), with their
/// plurals. The rule leaves out the peoples of a country (Komi, Mari) and of several.
fn find_demonyms(wn: &WordNet, isos: &[Iso], owners: &Owners, found: &mut [Found]) {
    let people = wn
        .synsets
        .iter()
        .filter(|(k, s)| k.0 == 'n' && s.lexfile == NOUN_PERSON);
    for (_, s) in people {
        for p in s.ptrs.iter().filter(|p| p.sym == "#m") {
            for i in owners.of(wn, p.to, None) {
                let f = &found[i];
                let own: Vec<String> = iso_forms(&isos[i])
                    .into_iter()
                    .chain(f.aliases.iter().chain(&f.adjectives).cloned())
                    .collect();
                let words: Vec<String> = proper(&s.words)
                    .filter(|w| own.iter().any(|o| akin(w, o)))
                    .collect();
                for w in words {
                    let plural = demonym_plural(wn, &w);
                    found[i].demonyms.extend(plural);
                    found[i].demonyms.insert(w);
                }
            }
        }
    }
}

/// Whether two words begin with the same four letters (or all of the shorter one).
fn akin(a: &str, b: &str) -> bool {
    let (a, b) = (norm(a), norm(b));
    let shared = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    shared >= 4.min(a.chars().count()).min(b.chars().count())
}

/// Adjectives that WordNet also has as nouns of people: Estonian (a native of Estonia).
fn adjectives_as_people(wn: &WordNet, found: &mut [Found]) {
    for f in found.iter_mut() {
        let people: Vec<String> = f
            .adjectives
            .iter()
            .filter(|a| is_person(wn, &a.replace(' ', "_").to_lowercase()))
            .cloned()
            .collect();
        for w in people {
            f.demonyms.extend(demonym_plural(wn, &w));
            f.demonyms.insert(w);
        }
    }
}

fn is_person(wn: &WordNet, word: &str) -> bool {
    let senses = wn.senses.get(&(word.to_string(), 'n'));
    senses
        .into_iter()
        .flatten()
        .any(|k| wn.synsets.get(k).is_some_and(|s| s.lexfile == NOUN_PERSON))
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Russians, Frenchmen, Iraqis, South Africans; Swiss and Chinese stay as they are, and so
/// does a phrase whose last word is no name ("French person").
fn demonym_plural(wn: &WordNet, word: &str) -> Option<String> {
    if let Some((front, last)) = word.rsplit_once(' ') {
        let proper = last.starts_with(char::is_uppercase);
        return proper
            .then(|| demonym_plural(wn, last))
            .flatten()
            .map(|p| format!("{front} {p}"));
    }
    let lower = word.to_lowercase();
    if word.contains('-') {
        return None;
    }
    if let Some(form) = wn
        .exceptions
        .get(&('n', lower.clone()))
        .and_then(|f| f.first())
    {
        return Some(capitalised(form));
    }
    if let Some(p) = man_plural(wn, &lower) {
        return Some(capitalised(&p));
    }
    let same = ["s", "sh", "ch", "x", "z", "ese"]
        .iter()
        .any(|e| lower.ends_with(e));
    (!same).then(|| format!("{word}s"))
}

/// The places' other names, and ISO's names as text writes them.
fn find_aliases(wn: &WordNet, isos: &[Iso], found: &mut [Found]) {
    for (iso, f) in isos.iter().zip(found.iter_mut()) {
        let own: BTreeSet<String> = iso.names().into_iter().collect();
        let synset = f.synset.and_then(|k| wn.synsets.get(&k));
        let words = synset
            .into_iter()
            .flat_map(|s| s.words.iter().map(|w| phrase(w)));
        f.aliases = words
            .chain(iso_forms(iso))
            .filter(|w| !own.contains(w) && !w.contains(','))
            .collect();
    }
}

/// A word given to several countries is kept by the one whose ISO name it is, and dropped
/// from all otherwise; returns the dropped ones.
fn resolve(isos: &[Iso], found: &mut [Found]) -> Vec<String> {
    let mut owners: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (i, f) in found.iter().enumerate() {
        for w in f.aliases.iter().chain(&f.adjectives).chain(&f.demonyms) {
            owners.entry(w.clone()).or_default().insert(i);
        }
    }
    let named: HashMap<String, usize> = isos
        .iter()
        .enumerate()
        .flat_map(|(i, iso)| iso.names().into_iter().map(move |n| (n, i)))
        .collect();
    let mut dropped = Vec::new();
    for (w, who) in owners {
        let keeper = named.get(&w).copied();
        if who.len() < 2 && keeper.is_none_or(|k| who.contains(&k)) {
            continue;
        }
        for &i in who.iter().filter(|&&i| Some(i) != keeper) {
            let f = &mut found[i];
            f.aliases.remove(&w);
            f.adjectives.remove(&w);
            f.demonyms.remove(&w);
        }
        if keeper.is_none() {
            let ids: Vec<&str> = who.iter().map(|&i| isos[i].alpha_2.as_str()).collect();
            dropped.push(format!("{w} ({})", ids.join(", ")));
        }
    }
    dropped
}

fn find_countries(wn: &WordNet, isos: &[Iso]) -> (Vec<Found>, Vec<String>) {
    let places = places(wn);
    let forms: Vec<Vec<String>> = isos.iter().map(iso_forms).collect();
    let cands: Vec<BTreeSet<Key>> = forms.iter().map(|f| candidates(f, &places)).collect();
    let popular = popular_hypernyms(wn, &cands);
    let mut found: Vec<Found> = forms
        .iter()
        .zip(&cands)
        .map(|(f, c)| Found {
            synset: pick(wn, f, c, &popular),
            ..Found::default()
        })
        .collect();
    let owners = Owners::new(wn, isos, &found);
    find_aliases(wn, isos, &mut found);
    find_adjectives(wn, &owners, &mut found);
    find_demonyms(wn, isos, &owners, &mut found);
    adjectives_as_people(wn, &mut found);
    let dropped = resolve(isos, &mut found);
    (found, dropped)
}

/// Comment lines listing, wrapped, the ids of countries for which a part was not found.
fn missing(label: &str, isos: &[Iso], found: &[Found], lacks: impl Fn(&Found) -> bool) -> String {
    let ids: Vec<&str> = isos
        .iter()
        .zip(found)
        .filter(|(_, f)| lacks(f))
        .map(|(i, _)| i.alpha_2.as_str())
        .collect();
    wrap(&format!("{label} ({}): {}", ids.len(), ids.join(" ")))
}

fn wrap(text: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if line.len() + word.len() > 86 {
            out.push_str(line.trim_end());
            out.push('\n');
            line = "  ".into();
        }
        line.push_str(word);
        line.push(' ');
    }
    out.push_str(line.trim_end());
    out
}

fn country_yaml(out: &mut String, iso: &Iso, f: &Found, wn: &WordNet) {
    let _ = writeln!(
        out,
        "    - id: {}\n      alpha3: {}",
        iso.alpha_2, iso.alpha_3
    );
    let _ = writeln!(out, "      name: {}", q(&iso.name));
    for (key, v) in [
        ("official", &iso.official_name),
        ("common", &iso.common_name),
    ] {
        if let Some(v) = v {
            let _ = writeln!(out, "      {key}: {}", q(v));
        }
    }
    if let Some(k) = f.synset {
        let _ = writeln!(out, "      wordnet: {}", synset_id(wn, k));
    }
    for (key, set) in [
        ("aliases", &f.aliases),
        ("adjectives", &f.adjectives),
        ("demonyms", &f.demonyms),
    ] {
        if !set.is_empty() {
            let v: Vec<String> = set.iter().cloned().collect();
            let _ = writeln!(out, "      {key}: {}", list(&v));
        }
    }
}

fn countries_yaml(wn: &WordNet, iso_text: &str) -> Result<String, String> {
    let file: IsoFile =
        serde_json::from_str(iso_text).map_err(|e| format!("iso_3166-1.json: {e}"))?;
    let mut isos = file.entries;
    isos.sort_by(|a, b| a.alpha_2.cmp(&b.alpha_2));
    let (found, dropped) = find_countries(wn, &isos);
    let kept = [
        format!("Every country of ISO 3166-1 (iso_3166-1.json of Debian's iso-codes, LGPL-2.1+;\nFNV-1a 64: {:016x}),", fnv(FNV_START, iso_text.as_bytes())),
        "with the WordNet place (noun.location) that matches most of its names, that place's\nother names as `aliases`, the adjectives that pertain to it (`\\`), and as `demonyms`\nthe people who are its members (`#m`) and are named like it, and the adjectives that\nare also nouns of people, with their plurals. A word found for several countries is kept\nby the one whose ISO name it is and dropped otherwise.".into(),
        "\nNot derived (filled by hand, where obvious, in countries-extra.yaml):".into(),
        missing("no WordNet place", &isos, &found, |f| f.synset.is_none()),
        missing("no adjective", &isos, &found, |f| f.adjectives.is_empty()),
        missing("no demonym", &isos, &found, |f| f.demonyms.is_empty()),
        wrap(&format!("dropped as ambiguous ({}): {}", dropped.len(), dropped.join(", "))),
    ];
    let what = "Countries: ISO 3166-1 codes and names, with words for them from WordNet.";
    let mut out = header(wn, what, &kept.join("\n"));
    out.push_str("countries:\n  entries:\n");
    for (iso, f) in isos.iter().zip(&found) {
        country_yaml(&mut out, iso, f, wn);
    }
    Ok(out)
}

// ---------------------------------------------------------------- the run

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
