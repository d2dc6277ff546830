//! Compiles parsed rule files into a checked [`RuleSet`]: ids resolved to indices, phrases
//! parsed, one Aho-Corasick automaton over the first word of every phrase.
//!
//! All faults of a pack are gathered and returned together, each placed at file:line:col
//! with its key path, so an author fixes a pack in one round.

use super::locate::{Locator, Step, show};
use super::schema::{self, Aspect, CaseRule, CueKind, EntityKind, Measure, RuleFile, SubjectRule};
use super::{Diagnostic, RuleSource, Severity};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// A rule file larger than this is refused before parsing.
pub const MAX_RULE_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// Most phrases a pack may hold; the automaton's size grows with them.
pub const MAX_PHRASES: usize = 50_000;
/// Longest phrase, in bytes.
pub const MAX_PHRASE_BYTES: usize = 200;

/// Where a rule item was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: usize,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

#[derive(Debug, Clone)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub speaks_for: Option<usize>,
    /// The entity at the end of the `speaks_for` chain; claims are grouped by it.
    pub root: usize,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Family {
    pub id: String,
    pub name: String,
    pub aspect: Aspect,
    pub subject: SubjectRule,
    pub same_time_days: i64,
    /// Whether the window comes from the settings (and so follows a change of them).
    pub window_from_settings: bool,
    /// Index of this family's context word set, if it has context words.
    pub context: Option<usize>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Predicate {
    pub id: String,
    pub family: usize,
    pub says: String,
    pub opposite: Option<usize>,
    /// +1 or -1: which side of its opposition the predicate is on. Claims on opposite
    /// sides of one family contradict each other.
    pub side: i8,
    pub context: Option<usize>,
    pub quantity: Option<Measure>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Cue {
    pub id: String,
    pub kind: CueKind,
    pub origin: Origin,
}

/// Which rule an example belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExampleOf {
    Entity(usize),
    Predicate(usize),
    Cue(usize),
}

/// A sentence a rule must match (with what it must yield) or must not match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub of: ExampleOf,
    pub text: String,
    pub date: Option<String>,
    pub must_match: bool,
    /// Expected claim fields, as ids or enum names: subject, predicate, polarity, stance,
    /// modality, speaker. Empty for `no_match` examples.
    pub expect: Vec<(&'static str, String)>,
    pub origin: Origin,
}

/// What a phrase stands for when it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    Alias(usize),
    Trigger(usize),
    Context(usize),
    Cue(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Elem {
    /// A word in lower case; `prefix` when written with a trailing `*`.
    Word { text: String, prefix: bool },
    /// `...`: up to `max_gap_words` words.
    Gap,
}

#[derive(Debug, Clone)]
pub struct Phrase {
    pub written: String,
    pub elems: Vec<Elem>,
    pub owner: Owner,
    pub exact_case: bool,
    pub origin: Origin,
    /// Which word the automaton looks for: 0, or a later word when the first ones are so
    /// short or common ("no", "the") that looking for them would stop the scan at every
    /// other word (see `anchor_of`).
    pub anchor: usize,
}

/// Function words too frequent to anchor a phrase on, when a later word can anchor it.
/// English grammar, not knowledge of the news.
const COMMON_FIRST_WORDS: &[&str] = &[
    "the", "a", "an", "in", "on", "at", "of", "to", "for", "by", "with", "these", "those", "such",
    "its", "their", "his", "her",
];

/// The anchor of a phrase: the word its automaton looks for. A word shorter than three
/// letters or a common function word ("no talks", "on the mend") appears all over a text,
/// and every appearance costs a check, so the phrase is anchored on the first stronger word
/// of its opening run of whole words instead. The words before the anchor are then checked
/// backwards from it, which needs their length in the text: they must be plain ASCII whole
/// words, else the phrase keeps its first word.
fn anchor_of(elems: &[Elem]) -> usize {
    for (i, elem) in elems.iter().enumerate() {
        let Elem::Word { text, prefix } = elem else {
            return 0;
        };
        let lower = text.to_lowercase();
        let weak = lower.len() < 3 || COMMON_FIRST_WORDS.contains(&lower.as_str());
        if !weak {
            return i;
        }
        if *prefix || !text.is_ascii() || text.contains('\'') {
            return 0;
        }
    }
    0
}

#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub same_time_days: i64,
    pub quantity_tolerance: f64,
    pub max_gap_words: usize,
    pub cue_reach_words: usize,
    pub max_pairs_per_claim: usize,
}

/// A phrase found in a text: its byte span and which phrase it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PhraseMatch {
    pub start: usize,
    pub end: usize,
    pub phrase: usize,
}

/// Every phrase of the pack behind one automaton over their first words.
#[derive(Debug, Clone)]
pub struct PhraseIndex {
    pub phrases: Vec<Phrase>,
    automaton: AhoCorasick,
    /// For each automaton pattern, the phrases that start with it.
    starts: Vec<Vec<usize>>,
    /// The first words themselves, for the reference scan in benchmarks.
    pub first_words: Vec<String>,
    /// For each first word whose phrases all go on with a further ASCII word (no one-word
    /// phrase, no prefix or gap after it): the letters those next words start with.
    next_letters: Vec<Option<u32>>,
    max_gap_words: usize,
}

/// The compiled rule pack.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// The sentences rules carry to show what they must and must not match.
    pub examples: Vec<Example>,
    pub entities: Vec<Entity>,
    pub families: Vec<Family>,
    pub predicates: Vec<Predicate>,
    pub cues: Vec<Cue>,
    /// Number of distinct context word sets (family or predicate level).
    pub context_sets: usize,
    pub phrases: PhraseIndex,
    /// Triggers and context words only: a cheap first scan that tells whether an article
    /// can make any claim at all before the full scan.
    pub screen: PhraseIndex,
    pub settings: Settings,
}

impl RuleSet {
    /// Sets the default "same time" window, for families that do not set their own.
    pub fn set_same_time_days(&mut self, days: i64) {
        self.settings.same_time_days = days;
        for f in self.families.iter_mut().filter(|f| f.window_from_settings) {
            f.same_time_days = days;
        }
    }

    pub fn entity_id(&self, i: usize) -> &str {
        &self.entities[i].id
    }
    pub fn root(&self, i: usize) -> usize {
        self.entities[i].root
    }
    pub fn entity_index(&self, id: &str) -> Option<usize> {
        self.entities.iter().position(|e| e.id == id)
    }
    pub fn predicate_index(&self, id: &str) -> Option<usize> {
        self.predicates.iter().position(|p| p.id == id)
    }
    /// The chain of entities `i` speaks for, nearest first, `i` excluded.
    pub fn speaks_for_chain(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut at = self.entities[i].speaks_for;
        while let Some(j) = at {
            if out.contains(&j) || out.len() > self.entities.len() {
                break;
            }
            out.push(j);
            at = self.entities[j].speaks_for;
        }
        out
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// What may stand between two words of a phrase: white space and hyphens.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '‐' | '‑')
}

fn fold(c: char) -> char {
    match c {
        '’' | '‘' | '`' => '\'',
        '‐' | '‑' | '–' => '-',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

impl PhraseIndex {
    /// Compares `word` with the text at `at`; returns the end of the matched word.
    fn word_at(text: &str, at: usize, word: &str, prefix: bool, exact: bool) -> Option<usize> {
        let mut i = at;
        // Fast path: an ASCII word without apostrophes compares byte by byte.
        if word.is_ascii() && !word.contains('\'') {
            let bytes = text.as_bytes();
            let end = at.checked_add(word.len())?;
            let here = bytes.get(at..end)?;
            let same = if exact {
                here == word.as_bytes()
            } else {
                here.eq_ignore_ascii_case(word.as_bytes())
            };
            if !same {
                return None;
            }
            i = end;
            if prefix {
                while let Some(c) = char_at(text, i) {
                    if !is_word_char(c) {
                        break;
                    }
                    i += c.len_utf8();
                }
                return Some(i);
            }
            return if char_at(text, i).is_some_and(is_word_char) {
                None
            } else {
                Some(i)
            };
        }
        for wc in word.chars() {
            let tc = char_at(text, i)?;
            let same = if exact {
                tc == wc || fold(tc) == '\'' && wc == '\''
            } else {
                fold(tc) == wc
            };
            if !same {
                return None;
            }
            i += tc.len_utf8();
        }
        if prefix {
            while let Some(c) = char_at(text, i) {
                if !is_word_char(c) {
                    break;
                }
                i += c.len_utf8();
            }
            Some(i)
        } else if char_at(text, i).is_some_and(is_word_char) {
            None
        } else {
            Some(i)
        }
    }

    /// Skips the white space (and a hyphen) between two words of a phrase; at least one
    /// separator is required.
    fn separator(text: &str, at: usize) -> Option<usize> {
        let mut i = at;
        let mut seen = false;
        while let Some(c) = char_at(text, i) {
            if is_separator(c) {
                seen = true;
                i += c.len_utf8();
            } else {
                break;
            }
        }
        seen.then_some(i)
    }

    /// Skips one word (and the non-clause punctuation around it) for a gap.
    fn skip_word(text: &str, at: usize) -> Option<usize> {
        let mut i = at;
        let mut in_word = false;
        while let Some(c) = char_at(text, i) {
            // "7,000" and "3.5" are one word: a comma or point between digits.
            let in_number = matches!(c, ',' | '.')
                && char_before(text, i).is_some_and(|p| p.is_ascii_digit())
                && char_at(text, i + 1).is_some_and(|n| n.is_ascii_digit());
            if is_word_char(c) || c == '\'' || c == '’' || in_number {
                in_word = true;
            } else if in_word {
                break;
            } else if matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '(' | ')') {
                return None;
            }
            i += c.len_utf8();
        }
        in_word.then_some(i)
    }

    fn rest_matches(&self, text: &str, at: usize, elems: &[Elem], exact: bool) -> Option<usize> {
        let Some((first, rest)) = elems.split_first() else {
            return Some(at);
        };
        match first {
            Elem::Word { text: w, prefix } => {
                let i = Self::separator(text, at)?;
                let end = Self::word_at(text, i, w, *prefix, exact)?;
                self.rest_matches(text, end, rest, exact)
            }
            Elem::Gap => {
                // Try the shortest gap first; the number of tries is bounded by max_gap_words.
                let mut pos = at;
                for _ in 0..=self.max_gap_words {
                    if let Some(end) = self.rest_matches(text, pos, rest, exact) {
                        return Some(end);
                    }
                    pos = Self::skip_word(text, pos)?;
                }
                None
            }
        }
    }

    /// Every phrase occurrence in `text`, sorted by start, then end, then phrase.
    /// One automaton pass; each candidate is checked for word boundaries and letter case,
    /// then the rest of its phrase is verified word by word.
    pub fn find_all(&self, text: &str) -> Vec<PhraseMatch> {
        let mut out = Vec::new();
        // Leftmost-longest reports the longest first word at each place; `starts` lists for
        // it every phrase whose first word is a prefix of it, so none is lost.
        for m in self.automaton.find_iter(text) {
            let start = m.start();
            if !text.is_char_boundary(start) || char_before(text, start).is_some_and(is_word_char) {
                continue;
            }
            let slot = m.pattern().as_usize();
            // Quick reject: no phrase of this first word can go on with the next word's letter.
            if let Some(mask) = self.next_letters[slot] {
                let next = text[m.end()..]
                    .trim_start_matches(is_separator)
                    .bytes()
                    .next()
                    .map(|b| b.to_ascii_lowercase());
                let ok =
                    next.is_some_and(|b| b.is_ascii_lowercase() && mask & (1 << (b - b'a')) != 0);
                if !ok {
                    continue;
                }
            }
            for &p in &self.starts[slot] {
                let phrase = &self.phrases[p];
                if phrase.anchor > 0 {
                    if let Some(found) = self.anchored_later(text, start, phrase, p) {
                        out.push(found);
                    }
                    continue;
                }
                let Some((Elem::Word { text: w, prefix }, rest)) = phrase.elems.split_first()
                else {
                    continue;
                };
                let Some(end) = Self::word_at(text, start, w, *prefix, phrase.exact_case) else {
                    continue;
                };
                if let Some(end) = self.rest_matches(text, end, rest, phrase.exact_case) {
                    out.push(PhraseMatch {
                        start,
                        end,
                        phrase: p,
                    });
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// A phrase anchored on a later word, found at `at`: checks that word there, the words
    /// before it backwards (each a whole word, with a separator after it), and the rest after.
    fn anchored_later(
        &self,
        text: &str,
        at: usize,
        phrase: &Phrase,
        p: usize,
    ) -> Option<PhraseMatch> {
        let k = phrase.anchor;
        let Some(Elem::Word { text: word, prefix }) = phrase.elems.get(k) else {
            return None;
        };
        let end = Self::word_at(text, at, word, *prefix, phrase.exact_case)?;
        let mut start = at;
        for elem in phrase.elems[..k].iter().rev() {
            let Elem::Word { text: before, .. } = elem else {
                return None;
            };
            // Back over the separator, as `separator` skips it forwards.
            let head = &text[..start];
            let trimmed = head.trim_end_matches(is_separator);
            if trimmed.len() == head.len() {
                return None;
            }
            let from = trimmed.len().checked_sub(before.len())?;
            if !text.is_char_boundary(from) || char_before(text, from).is_some_and(is_word_char) {
                return None;
            }
            Self::word_at(text, from, before, false, phrase.exact_case)
                .filter(|&e| e == trimmed.len())?;
            start = from;
        }
        let end = self.rest_matches(text, end, &phrase.elems[k + 1..], phrase.exact_case)?;
        Some(PhraseMatch {
            start,
            end,
            phrase: p,
        })
    }

    /// A bare scan with the same automaton and nothing else; the benchmark's reference.
    pub fn count_raw(&self, text: &str) -> usize {
        self.automaton.find_iter(text).count()
    }
}

/// Parses `written` into elements, or says why it can never match.
fn parse_phrase(written: &str, exact: bool) -> Result<Vec<Elem>, String> {
    if written.len() > MAX_PHRASE_BYTES {
        return Err(format!("phrase is longer than {MAX_PHRASE_BYTES} bytes"));
    }
    let mut elems = Vec::new();
    for raw in written.split_whitespace() {
        if raw == "..." || raw == "…" {
            if elems.is_empty() {
                return Err(format!(
                    "`{written}` starts with `...`; a phrase must start with a word"
                ));
            }
            if elems.last() == Some(&Elem::Gap) {
                return Err(format!("`{written}` has two `...` in a row"));
            }
            elems.push(Elem::Gap);
            continue;
        }
        let (body, prefix) = match raw.strip_suffix('*') {
            Some(b) => (b, true),
            None => (raw, false),
        };
        if body.contains('*') {
            return Err(format!(
                "`{raw}` has `*` inside a word; `*` may only end a word"
            ));
        }
        if !body.chars().any(char::is_alphanumeric) {
            return Err(format!(
                "`{raw}` has no letter or digit, so it can never match a word"
            ));
        }
        if prefix && body.chars().filter(|c| c.is_alphanumeric()).count() < 3 {
            return Err(format!(
                "`{raw}` is too short a prefix; give at least three letters before `*`"
            ));
        }
        // Parts split on hyphens match hyphens or spaces in the text.
        for (k, part) in body.split(['-', '‐']).filter(|p| !p.is_empty()).enumerate() {
            let is_last = k + 1 == body.split(['-', '‐']).filter(|p| !p.is_empty()).count();
            elems.push(Elem::Word {
                // Exact-case phrases keep their letters; only apostrophes are folded.
                text: if exact {
                    part.chars()
                        .map(|c| if fold(c) == '\'' { '\'' } else { c })
                        .collect()
                } else {
                    part.chars().map(fold).collect()
                },
                prefix: prefix && is_last,
            });
        }
    }
    if elems.is_empty() {
        return Err("phrase is empty".into());
    }
    if elems.last() == Some(&Elem::Gap) {
        return Err(format!(
            "`{written}` ends with `...`; a phrase must end with a word"
        ));
    }
    Ok(elems)
}

struct Ctx<'a> {
    sources: &'a [RuleSource],
    /// One per source, so that placing every rule costs one walk over each file.
    locators: Vec<Locator<'a>>,
    diags: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn at(&mut self, file: usize, path: &[Step], severity: Severity, message: String) {
        let (line, column) = self.locators[file].locate(path);
        self.diags.push(Diagnostic {
            file: self.sources[file].name.clone(),
            line,
            column,
            severity,
            key: show(path),
            message,
        });
    }
    fn error(&mut self, file: usize, path: &[Step], message: String) {
        self.at(file, path, Severity::Error, message);
    }
    fn origin(&self, file: usize, path: &[Step]) -> Origin {
        Origin {
            file: self.sources[file].name.clone(),
            line: self.locators[file].locate(path).0,
        }
    }
}

fn k(s: &str) -> Step {
    Step::Key(s.to_string())
}

fn ix(i: usize) -> Step {
    Step::Index(i)
}

/// The existing id nearest to `wanted`, for "did you mean".
pub fn nearest<'a>(wanted: &str, ids: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    ids.map(|id| (strsim::jaro_winkler(wanted, id), id))
        .filter(|(s, _)| *s >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, id)| id)
}

fn did_you_mean(s: Option<&str>) -> String {
    s.map(|id| format!("; did you mean `{id}`?"))
        .unwrap_or_default()
}

/// Turns serde's message into plain words, with a suggestion for a misspelt key.
fn parse_message(raw: &str) -> (String, String) {
    // serde_yaml: "predicates[3]: unknown field `alises`, expected one of `a`, `b` at line 4
    // column 5"; the place goes in front, so the first " at line L column C" is dropped and
    // any later one (where a list or mapping began) is said in words.
    static AT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r" at line (\d+) column \d+").unwrap_or_else(|e| panic!("{e}"))
    });
    let mut first = true;
    let plain = AT.replace_all(raw, |c: &regex::Captures<'_>| {
        if std::mem::take(&mut first) {
            String::new()
        } else {
            format!(" that starts on line {}", &c[1])
        }
    });
    let (key, message) = match plain.split_once(": ") {
        Some((k, m)) if !k.contains(' ') => (k.to_string(), m.to_string()),
        _ => (String::new(), plain.to_string()),
    };
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let hint = did_you_mean(nearest(field, expected.iter().copied()));
        let known = if expected.is_empty() {
            String::new()
        } else {
            format!(" (known keys: {})", expected.join(", "))
        };
        return (key, format!("unknown key `{field}`{hint}{known}"));
    }
    // Rust type names mean nothing to a rule author.
    let message = message
        .replace("expected i64", "expected a whole number")
        .replace("expected u64", "expected a whole number")
        .replace("expected usize", "expected a whole number")
        .replace("expected f64", "expected a number")
        .replace("expected a sequence", "expected a list")
        .replace("invalid type: ", "wrong type: ")
        .replace("while parsing a flow sequence", "in the `[...]` list")
        .replace("while parsing a flow mapping", "in the `{...}` mapping")
        .replace("while parsing a block mapping", "in the mapping")
        .replace(
            "did not find expected ',' or ']'",
            "a `,` or `]` is missing",
        );
    (key, message)
}

/// An alias's owner, its length in characters and a histogram of its characters (folded
/// into 32 buckets), for a cheap test that rules out most pairs before Jaro-Winkler: a
/// large pack has tens of millions of pairs.
struct CharProfile {
    owner: usize,
    len: usize,
    counts: [u16; 32],
}

impl CharProfile {
    fn of(text: &str, owner: usize) -> CharProfile {
        let mut counts = [0u16; 32];
        let mut len = 0;
        for c in text.chars() {
            len += 1;
            let bucket = (u32::from(c) % 32) as usize;
            counts[bucket] = counts[bucket].saturating_add(1);
        }
        CharProfile { owner, len, counts }
    }

    /// False when the pair need not be compared: aliases of one entity, words under six
    /// characters, or a Jaro-Winkler similarity that must be below 0.95. That similarity is
    /// at most 0.6 j + 0.4 (a prefix of four adds 0.4 of what Jaro j lacks), so j must be at
    /// least 11/12, which needs m/|a| + m/|b| >= 1.75 for the m matching characters: m is at
    /// least 3/4 of the longer word. Matching characters are equal, so m is at most the
    /// characters the two histograms share (buckets only add to that count).
    fn may_be_near(&self, other: &CharProfile) -> bool {
        if self.owner == other.owner || self.len < 6 || other.len < 6 {
            return false;
        }
        let longer = self.len.max(other.len);
        // A small allowance keeps the test on the safe side of rounding.
        if 100 * self.len.min(other.len) < 74 * longer {
            return false;
        }
        let shared: usize = self
            .counts
            .iter()
            .zip(&other.counts)
            .map(|(a, b)| usize::from(*a.min(b)))
            .sum();
        100 * shared >= 74 * longer
    }
}

/// Compiles the sources into a rule set, or returns every diagnostic.
pub fn compile(
    sources: &[RuleSource],
) -> Result<(super::RuleSet, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut cx = Ctx {
        sources,
        locators: sources.iter().map(|s| Locator::new(&s.text)).collect(),
        diags: Vec::new(),
    };
    let mut files: Vec<(usize, RuleFile)> = Vec::new();
    for (fi, src) in sources.iter().enumerate() {
        if src.text.len() as u64 > MAX_RULE_FILE_BYTES {
            cx.diags.push(Diagnostic {
                file: src.name.clone(),
                line: 1,
                column: 1,
                severity: Severity::Error,
                key: String::new(),
                message: format!("file is larger than {MAX_RULE_FILE_BYTES} bytes"),
            });
            continue;
        }
        if src.text.trim().is_empty() {
            continue;
        }
        match serde_yaml::from_str::<RuleFile>(&src.text) {
            Ok(f) => files.push((fi, f)),
            Err(e) => {
                let (line, column) = e
                    .location()
                    .map(|l| (l.line(), l.column()))
                    .unwrap_or((1, 1));
                let (key, message) = parse_message(&e.to_string());
                cx.diags.push(Diagnostic {
                    file: src.name.clone(),
                    line,
                    column,
                    severity: Severity::Error,
                    key,
                    message,
                });
            }
        }
    }

    // Ids first, so references can be checked in any order across files.
    let mut entity_ids: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new(); // id -> (global index, file, item)
    let mut family_ids: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut predicate_ids: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut cue_ids: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut all_entities = Vec::new();
    let mut all_families = Vec::new();
    let mut all_predicates = Vec::new();
    let mut all_cues = Vec::new();
    let mut settings_spec: Option<(usize, &schema::SettingsSpec)> = None;
    for (fi, f) in &files {
        let fi = *fi;
        register(
            &mut cx,
            fi,
            "entities",
            f.entities.iter().map(|e| e.id.as_str()),
            &mut entity_ids,
        );
        register(
            &mut cx,
            fi,
            "families",
            f.families.iter().map(|e| e.id.as_str()),
            &mut family_ids,
        );
        register(
            &mut cx,
            fi,
            "predicates",
            f.predicates.iter().map(|e| e.id.as_str()),
            &mut predicate_ids,
        );
        register(
            &mut cx,
            fi,
            "cues",
            f.cues.iter().map(|e| e.id.as_str()),
            &mut cue_ids,
        );
        all_entities.extend(f.entities.iter().enumerate().map(|(i, e)| (fi, i, e)));
        all_families.extend(f.families.iter().enumerate().map(|(i, e)| (fi, i, e)));
        all_predicates.extend(f.predicates.iter().enumerate().map(|(i, e)| (fi, i, e)));
        all_cues.extend(f.cues.iter().enumerate().map(|(i, e)| (fi, i, e)));
        if let Some(s) = &f.settings {
            if let Some((first, _)) = settings_spec {
                let other = sources[first].name.clone();
                cx.error(
                    fi,
                    &[k("settings")],
                    format!("settings are already given in {other}; keep one `settings` section"),
                );
            } else {
                settings_spec = Some((fi, s));
            }
        }
    }
    // Keep only the first of duplicated ids so indices stay aligned with the maps.
    let keep = |list: &mut Vec<(usize, usize, &str)>,
                map: &BTreeMap<String, (usize, usize, usize)>| {
        list.retain(|(f, i, id)| map.get(*id).is_some_and(|(_, mf, mi)| mf == f && mi == i));
    };
    let mut e_keys: Vec<(usize, usize, &str)> = all_entities
        .iter()
        .map(|(f, i, e)| (*f, *i, e.id.as_str()))
        .collect();
    keep(&mut e_keys, &entity_ids);
    all_entities.retain(|(f, i, _)| e_keys.iter().any(|(kf, ki, _)| kf == f && ki == i));
    let mut f_keys: Vec<(usize, usize, &str)> = all_families
        .iter()
        .map(|(f, i, e)| (*f, *i, e.id.as_str()))
        .collect();
    keep(&mut f_keys, &family_ids);
    all_families.retain(|(f, i, _)| f_keys.iter().any(|(kf, ki, _)| kf == f && ki == i));
    let mut p_keys: Vec<(usize, usize, &str)> = all_predicates
        .iter()
        .map(|(f, i, e)| (*f, *i, e.id.as_str()))
        .collect();
    keep(&mut p_keys, &predicate_ids);
    all_predicates.retain(|(f, i, _)| p_keys.iter().any(|(kf, ki, _)| kf == f && ki == i));
    let mut c_keys: Vec<(usize, usize, &str)> = all_cues
        .iter()
        .map(|(f, i, e)| (*f, *i, e.id.as_str()))
        .collect();
    keep(&mut c_keys, &cue_ids);
    all_cues.retain(|(f, i, _)| c_keys.iter().any(|(kf, ki, _)| kf == f && ki == i));

    let e_index: HashMap<&str, usize> = all_entities
        .iter()
        .enumerate()
        .map(|(n, (_, _, e))| (e.id.as_str(), n))
        .collect();
    let f_index: HashMap<&str, usize> = all_families
        .iter()
        .enumerate()
        .map(|(n, (_, _, e))| (e.id.as_str(), n))
        .collect();
    let p_index: HashMap<&str, usize> = all_predicates
        .iter()
        .enumerate()
        .map(|(n, (_, _, e))| (e.id.as_str(), n))
        .collect();

    let settings = match settings_spec {
        Some((fi, s)) => {
            let mut bad =
                |key: &str, msg: &str| cx.error(fi, &[k("settings"), k(key)], msg.to_string());
            if !(0..=3650).contains(&s.same_time_days) {
                bad("same_time_days", "must be between 0 and 3650 days");
            }
            if !(0.0..=10.0).contains(&s.quantity_tolerance) || s.quantity_tolerance.is_nan() {
                bad(
                    "quantity_tolerance",
                    "must be a fraction between 0 and 10 (0.2 means 20 %)",
                );
            }
            if s.max_gap_words > 12 {
                bad(
                    "max_gap_words",
                    "must be at most 12; longer gaps match unrelated words",
                );
            }
            if s.cue_reach_words == 0 || s.cue_reach_words > 30 {
                bad("cue_reach_words", "must be between 1 and 30");
            }
            if s.max_pairs_per_claim == 0 || s.max_pairs_per_claim > 10_000 {
                bad("max_pairs_per_claim", "must be between 1 and 10000");
            }
            Settings {
                same_time_days: s.same_time_days,
                quantity_tolerance: s.quantity_tolerance,
                max_gap_words: s.max_gap_words,
                cue_reach_words: s.cue_reach_words,
                max_pairs_per_claim: s.max_pairs_per_claim,
            }
        }
        // A file that did not parse may hold the settings; its own error says enough.
        None if files.len() < sources.iter().filter(|s| !s.text.trim().is_empty()).count() => {
            Settings {
                same_time_days: 7,
                quantity_tolerance: 0.15,
                max_gap_words: 4,
                cue_reach_words: 6,
                max_pairs_per_claim: 20,
            }
        }
        None => {
            let file = sources
                .first()
                .map(|s| s.name.clone())
                .unwrap_or_else(|| "claims".into());
            cx.diags.push(Diagnostic {
                file,
                line: 1,
                column: 1,
                severity: Severity::Error,
                key: "settings".into(),
                message: "the pack has no `settings` section; add one (see claims/settings.yaml)"
                    .into(),
            });
            Settings {
                same_time_days: 7,
                quantity_tolerance: 0.2,
                max_gap_words: 4,
                cue_reach_words: 6,
                max_pairs_per_claim: 50,
            }
        }
    };

    // Entities.
    let mut entities = Vec::new();
    for (fi, i, e) in &all_entities {
        let base = [k("entities"), ix(*i)];
        let speaks_for = e
            .speaks_for
            .as_deref()
            .and_then(|id| match e_index.get(id) {
                Some(&j) => Some(j),
                None => {
                    let hint = did_you_mean(nearest(id, e_index.keys().copied()));
                    cx.error(
                        *fi,
                        &[k("entities"), ix(*i), k("speaks_for")],
                        format!("no entity has the id `{id}`{hint}"),
                    );
                    None
                }
            });
        if e.aliases.is_empty() {
            cx.error(
                *fi,
                &[k("entities"), ix(*i), k("aliases")],
                "alias list is empty; give at least one name the entity goes by".into(),
            );
        }
        entities.push(Entity {
            id: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind,
            speaks_for,
            root: 0,
            origin: cx.origin(*fi, &base),
        });
    }
    // Roots, and cycles in speaks_for. A cycle is reported once, at its first member in
    // pack order, listing its members in the order they speak for each other.
    for n in 0..entities.len() {
        let mut seen = vec![n];
        let mut at = n;
        let mut cycle_start = None;
        while let Some(next) = entities[at].speaks_for {
            if let Some(pos) = seen.iter().position(|&j| j == next) {
                cycle_start = Some(pos);
                break;
            }
            seen.push(next);
            at = next;
        }
        match cycle_start {
            Some(pos) => {
                let cycle = &seen[pos..];
                if cycle.first() == Some(&n) && cycle.iter().all(|&j| j >= n) {
                    let (fi, i, _) = all_entities[n];
                    let mut names: Vec<&str> =
                        cycle.iter().map(|&j| entities[j].id.as_str()).collect();
                    names.push(entities[n].id.as_str());
                    cx.error(fi, &[k("entities"), ix(i), k("speaks_for")], format!("`speaks_for` goes round in a circle: {}; one of them must speak for no one or for someone outside it", names.join(" -> ")));
                }
                entities[n].root = n;
            }
            None => entities[n].root = at,
        }
    }

    // Families.
    let mut context_words: Vec<(usize, Vec<String>, usize, Vec<Step>)> = Vec::new(); // (set, words, file, path)
    let mut families = Vec::new();
    for (fi, i, f) in &all_families {
        let base = vec![k("families"), ix(*i)];
        let context = if f.context.is_empty() {
            None
        } else {
            let set = context_words.len();
            let mut path = base.clone();
            path.push(k("context"));
            context_words.push((set, f.context.clone(), *fi, path));
            Some(set)
        };
        if let Some(d) = f.same_time_days
            && !(0..=3650).contains(&d)
        {
            cx.error(
                *fi,
                &[k("families"), ix(*i), k("same_time_days")],
                "must be between 0 and 3650 days".into(),
            );
        }
        families.push(Family {
            id: f.id.clone(),
            name: f.name.clone(),
            aspect: f.aspect,
            subject: f.subject,
            same_time_days: f.same_time_days.unwrap_or(settings.same_time_days),
            window_from_settings: f.same_time_days.is_none(),
            context,
            origin: cx.origin(*fi, &base),
        });
    }

    // Predicates.
    let mut predicates = Vec::new();
    for (fi, i, p) in &all_predicates {
        let base = vec![k("predicates"), ix(*i)];
        let family = match f_index.get(p.family.as_str()) {
            Some(&f) => f,
            None => {
                let hint = did_you_mean(nearest(&p.family, f_index.keys().copied()));
                cx.error(
                    *fi,
                    &[k("predicates"), ix(*i), k("family")],
                    format!("no family has the id `{}`{hint}", p.family),
                );
                usize::MAX
            }
        };
        let opposite = p.opposite.as_deref().and_then(|id| match p_index.get(id) {
            Some(&j) => Some(j),
            None => {
                let hint = did_you_mean(nearest(id, p_index.keys().copied()));
                cx.error(
                    *fi,
                    &[k("predicates"), ix(*i), k("opposite")],
                    format!("no predicate has the id `{id}`{hint}"),
                );
                None
            }
        });
        if p.triggers.is_empty() {
            cx.error(
                *fi,
                &[k("predicates"), ix(*i), k("triggers")],
                "trigger list is empty; give at least one phrase".into(),
            );
        }
        let context = p.context.as_ref().map(|words| {
            let set = context_words.len();
            context_words.push((
                set,
                words.clone(),
                *fi,
                vec![k("predicates"), ix(*i), k("context")],
            ));
            set
        });
        predicates.push(Predicate {
            id: p.id.clone(),
            family,
            says: p.says.clone(),
            opposite,
            side: 1,
            context,
            quantity: p.quantity,
            origin: cx.origin(*fi, &base),
        });
    }
    // Opposites must agree both ways and stay in one family; they fix each predicate's side.
    for n in 0..predicates.len() {
        let Some(o) = predicates[n].opposite else {
            continue;
        };
        let (fi, i, _) = all_predicates[n];
        if o == n {
            cx.error(
                fi,
                &[k("predicates"), ix(i), k("opposite")],
                "a predicate cannot be its own opposite".into(),
            );
            continue;
        }
        let unknown = |f: usize| f == usize::MAX;
        if predicates[o].family != predicates[n].family
            && !unknown(predicates[o].family)
            && !unknown(predicates[n].family)
        {
            cx.error(
                fi,
                &[k("predicates"), ix(i), k("opposite")],
                format!(
                    "`{}` is in another family; opposites must share a family",
                    predicates[o].id
                ),
            );
        }
        match predicates[o].opposite {
            Some(back) if back != n => {
                cx.error(
                    fi,
                    &[k("predicates"), ix(i), k("opposite")],
                    format!(
                        "`{}` names `{}` as its opposite, not `{}`",
                        predicates[o].id, predicates[back].id, predicates[n].id
                    ),
                );
            }
            _ => {}
        }
    }
    for n in 0..predicates.len() {
        if let Some(o) = predicates[n].opposite {
            if predicates[o].opposite.is_none() {
                predicates[o].opposite = Some(n);
            }
            // The one written first in the pack is the positive side.
            predicates[n].side = if n < o { 1 } else { -1 };
        }
    }
    for p in predicates.iter_mut() {
        if p.context.is_none() && p.family != usize::MAX {
            p.context = families[p.family].context;
        }
    }

    let cues: Vec<Cue> = all_cues
        .iter()
        .map(|(fi, i, c)| {
            if c.phrases.is_empty() {
                cx.error(
                    *fi,
                    &[k("cues"), ix(*i), k("phrases")],
                    "phrase list is empty; give at least one phrase".into(),
                );
            }
            Cue {
                id: c.id.clone(),
                kind: c.kind,
                origin: cx.origin(*fi, &[k("cues"), ix(*i)]),
            }
        })
        .collect();

    // Phrases.
    let mut phrases = Vec::new();
    let mut alias_owner: HashMap<String, AliasPlace> = HashMap::new(); // normalised alias -> (entity, file, item, alias index, as written)
    for (n, (fi, i, e)) in all_entities.iter().enumerate() {
        for (a, alias) in e.aliases.iter().enumerate() {
            let path = [k("entities"), ix(*i), k("aliases"), ix(a)];
            let exact = match e.case {
                CaseRule::Exact => true,
                CaseRule::Any => false,
                CaseRule::Auto => {
                    let letters: Vec<char> = alias.chars().filter(|c| c.is_alphabetic()).collect();
                    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
                }
            };
            match parse_phrase(alias, exact) {
                Ok(elems) => {
                    let norm = normalise(alias, exact);
                    if let Some((other, ofi, oi, _, _)) = alias_owner.get(&norm) {
                        if *other != n {
                            let where_ = format!(
                                "{}:{}",
                                sources[*ofi].name,
                                cx.locators[*ofi].locate(&[k("entities"), ix(*oi)]).0
                            );
                            cx.error(*fi, &path, format!("alias `{alias}` is also an alias of `{}` ({where_}); an alias must name one entity", entities[*other].id));
                        }
                        continue;
                    }
                    alias_owner.insert(norm, (n, *fi, *i, a, alias.clone()));
                    phrases.push(Phrase {
                        written: alias.clone(),
                        anchor: anchor_of(&elems),
                        elems,
                        owner: Owner::Alias(n),
                        exact_case: exact,
                        origin: cx.origin(*fi, &path),
                    });
                }
                Err(msg) => cx.error(*fi, &path, msg),
            }
        }
    }
    // Near-duplicate aliases across entities: probably one person under two ids.
    let mut alias_list: Vec<(&String, &AliasPlace)> = alias_owner.iter().collect();
    alias_list.sort();
    let profiles: Vec<CharProfile> = alias_list
        .iter()
        .map(|(a, place)| CharProfile::of(a, place.0))
        .collect();
    for (x, (a, ea)) in alias_list.iter().enumerate() {
        if profiles[x].len < 6 {
            continue;
        }
        for (y, (b, eb)) in alias_list.iter().enumerate().skip(x + 1) {
            if !profiles[x].may_be_near(&profiles[y]) {
                continue;
            }
            if strsim::jaro_winkler(a, b) >= 0.95 {
                let (n, fi, i, ai, written) = &**ea;
                let (other, ofi, oi, _, other_written) = &**eb;
                let place = format!(
                    "{}:{}",
                    sources[*ofi].name,
                    cx.locators[*ofi].locate(&[k("entities"), ix(*oi)]).0
                );
                cx.at(*fi, &[k("entities"), ix(*i), k("aliases"), ix(*ai)], Severity::Warning, format!("alias `{written}` of `{}` is nearly the same as `{other_written}` of `{}` ({place}); if they are one entity, merge them", entities[*n].id, entities[*other].id));
            }
        }
    }
    for (n, (fi, i, p)) in all_predicates.iter().enumerate() {
        for (t, trigger) in p.triggers.iter().enumerate() {
            let path = [k("predicates"), ix(*i), k("triggers"), ix(t)];
            match parse_phrase(trigger, false) {
                Ok(elems) => phrases.push(Phrase {
                    written: trigger.clone(),
                    anchor: anchor_of(&elems),
                    elems,
                    owner: Owner::Trigger(n),
                    exact_case: false,
                    origin: cx.origin(*fi, &path),
                }),
                Err(msg) => cx.error(*fi, &path, msg),
            }
        }
    }
    for (set, words, fi, path) in &context_words {
        for (w, word) in words.iter().enumerate() {
            let mut p = path.clone();
            p.push(ix(w));
            match parse_phrase(word, false) {
                Ok(elems) => phrases.push(Phrase {
                    written: word.clone(),
                    anchor: anchor_of(&elems),
                    elems,
                    owner: Owner::Context(*set),
                    exact_case: false,
                    origin: cx.origin(*fi, &p),
                }),
                Err(msg) => cx.error(*fi, &p, msg),
            }
        }
    }
    for (n, (fi, i, c)) in all_cues.iter().enumerate() {
        for (w, phrase) in c.phrases.iter().enumerate() {
            let path = [k("cues"), ix(*i), k("phrases"), ix(w)];
            match parse_phrase(phrase, false) {
                Ok(elems) => phrases.push(Phrase {
                    written: phrase.clone(),
                    anchor: anchor_of(&elems),
                    elems,
                    owner: Owner::Cue(n),
                    exact_case: false,
                    origin: cx.origin(*fi, &path),
                }),
                Err(msg) => cx.error(*fi, &path, msg),
            }
        }
    }
    if phrases.len() > MAX_PHRASES {
        let file = sources.first().map(|s| s.name.clone()).unwrap_or_default();
        cx.diags.push(Diagnostic {
            file,
            line: 1,
            column: 1,
            severity: Severity::Error,
            key: String::new(),
            message: format!(
                "the pack has {} phrases; at most {MAX_PHRASES} are allowed",
                phrases.len()
            ),
        });
    }

    if cx.diags.iter().any(|d| d.severity == Severity::Error) {
        let mut d = cx.diags;
        d.sort();
        d.dedup();
        return Err(d);
    }

    let built = build_index(&phrases, &|_| true, settings.max_gap_words).and_then(|all| {
        let screen = build_index(
            &phrases,
            &|p| matches!(p.owner, Owner::Trigger(_) | Owner::Context(_)),
            settings.max_gap_words,
        )?;
        Ok((all, screen))
    });
    let (phrase_index, screen_index) = match built {
        Ok(pair) => pair,
        Err(message) => {
            let file = sources.first().map(|s| s.name.clone()).unwrap_or_default();
            return Err(vec![Diagnostic {
                file,
                line: 1,
                column: 1,
                severity: Severity::Error,
                key: String::new(),
                message,
            }]);
        }
    };
    let mut examples = Vec::new();
    for (n, (fi, i, e)) in all_entities.iter().enumerate() {
        collect_examples(
            &cx,
            *fi,
            &[k("entities"), ix(*i)],
            &e.examples,
            ExampleOf::Entity(n),
            &mut examples,
        );
    }
    for (n, (fi, i, p)) in all_predicates.iter().enumerate() {
        collect_examples(
            &cx,
            *fi,
            &[k("predicates"), ix(*i)],
            &p.examples,
            ExampleOf::Predicate(n),
            &mut examples,
        );
    }
    for (n, (fi, i, c)) in all_cues.iter().enumerate() {
        collect_examples(
            &cx,
            *fi,
            &[k("cues"), ix(*i)],
            &c.examples,
            ExampleOf::Cue(n),
            &mut examples,
        );
    }
    let context_sets = context_words.len();
    let mut warnings = cx.diags;
    warnings.sort();
    Ok((
        super::RuleSet {
            examples,
            entities,
            families,
            predicates,
            cues,
            context_sets,
            phrases: phrase_index,
            screen: screen_index,
            settings,
        },
        warnings,
    ))
}

/// Builds the automaton over the phrases `include` accepts. Phrase numbers stay those of the
/// whole pack, so matches from any index mean the same phrases.
fn build_index(
    phrases: &[Phrase],
    include: &dyn Fn(&Phrase) -> bool,
    max_gap_words: usize,
) -> Result<PhraseIndex, String> {
    // One automaton over the distinct first words. Apostrophes are folded in phrases, so
    // each first word with one is added with both apostrophe forms.
    let mut first_index: BTreeMap<String, usize> = BTreeMap::new();
    let mut starts: Vec<Vec<usize>> = Vec::new();
    let mut first_words = Vec::new();
    for (p, phrase) in phrases.iter().enumerate() {
        if !include(phrase) {
            continue;
        }
        let Some(Elem::Word { text, .. }) = phrase.elems.get(phrase.anchor) else {
            continue;
        };
        let mut forms = vec![text.to_lowercase()];
        if text.contains('\'') {
            forms.push(text.to_lowercase().replace('\'', "’"));
        }
        for form in forms {
            let slot = *first_index.entry(form.clone()).or_insert_with(|| {
                starts.push(Vec::new());
                first_words.push(form);
                starts.len() - 1
            });
            starts[slot].push(p);
        }
    }
    // The automaton reports only the longest first word at a place, so each first word also
    // carries the phrases of the shorter first words it begins with ("pull" in "pullback").
    let exact_starts = starts.clone();
    for (slot, word) in first_words.iter().enumerate() {
        for (other, shorter) in first_words.iter().enumerate() {
            if other != slot && word.starts_with(shorter.as_str()) {
                let more = exact_starts[other].clone();
                starts[slot].extend(more);
            }
        }
        starts[slot].sort_unstable();
        starts[slot].dedup();
    }
    let next_letters: Vec<Option<u32>> = starts
        .iter()
        .map(|list| {
            let mut mask = 0u32;
            for &p in list {
                if phrases[p].anchor != 0 {
                    return None;
                }
                match (phrases[p].elems.first(), phrases[p].elems.get(1)) {
                    (Some(Elem::Word { prefix: false, .. }), Some(Elem::Word { text, .. })) => {
                        match text.bytes().next() {
                            Some(b) if b.is_ascii_alphabetic() => {
                                mask |= 1 << (b.to_ascii_lowercase() - b'a')
                            }
                            _ => return None,
                        }
                    }
                    _ => return None,
                }
            }
            Some(mask)
        })
        .collect();
    let automaton = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&first_words);
    let automaton = automaton.map_err(|e| format!("the phrases do not fit in a matcher: {e}"))?;
    Ok(PhraseIndex {
        phrases: phrases.to_vec(),
        automaton,
        starts,
        first_words,
        next_letters,
        max_gap_words,
    })
}

fn collect_examples(
    cx: &Ctx,
    fi: usize,
    base: &[Step],
    spec: &schema::Examples,
    of: ExampleOf,
    out: &mut Vec<Example>,
) {
    for (n, m) in spec.matching.iter().enumerate() {
        let mut path = base.to_vec();
        path.extend([k("examples"), k("match"), ix(n)]);
        let fields = [
            ("subject", &m.subject),
            ("predicate", &m.predicate),
            ("polarity", &m.polarity),
            ("stance", &m.stance),
            ("modality", &m.modality),
            ("speaker", &m.speaker),
        ];
        let expect = fields
            .iter()
            .filter_map(|(name, v)| v.as_ref().map(|v| (*name, v.clone())))
            .collect();
        out.push(Example {
            of,
            text: m.text.clone(),
            date: m.date.clone(),
            must_match: true,
            expect,
            origin: cx.origin(fi, &path),
        });
    }
    for (n, text) in spec.no_match.iter().enumerate() {
        let mut path = base.to_vec();
        path.extend([k("examples"), k("no_match"), ix(n)]);
        out.push(Example {
            of,
            text: text.clone(),
            date: None,
            must_match: false,
            expect: Vec::new(),
            origin: cx.origin(fi, &path),
        });
    }
}

/// Where an alias was given: (entity, file, entity item, alias index, alias as written).
type AliasPlace = (usize, usize, usize, usize, String);

fn normalise(alias: &str, exact: bool) -> String {
    let words: Vec<String> = alias
        .split_whitespace()
        .map(|w| {
            if exact {
                w.to_string()
            } else {
                w.chars().map(fold).collect()
            }
        })
        .collect();
    words.join(" ")
}

/// Records the ids of one section of one file, reporting duplicates with both places.
fn register<'a>(
    cx: &mut Ctx,
    fi: usize,
    section: &str,
    ids: impl Iterator<Item = &'a str>,
    map: &mut BTreeMap<String, (usize, usize, usize)>,
) {
    for (i, id) in ids.enumerate() {
        let path = [k(section), ix(i), k("id")];
        if id.trim().is_empty() {
            cx.error(fi, &path, "id is empty".into());
            continue;
        }
        if let Some((_, of, oi)) = map.get(id) {
            let (line, _) = cx.locators[*of].locate(&[k(section), ix(*oi), k("id")]);
            let other = format!("{}:{line}", cx.sources[*of].name);
            cx.error(
                fi,
                &path,
                format!("id `{id}` is already used at {other}; ids must be unique"),
            );
            continue;
        }
        let n = map.len();
        map.insert(id.to_string(), (n, fi, i));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_near_duplicate_filter_never_drops_a_near_pair() {
        // Words and their misspellings (substitutions, swaps, insertions, deletions), from a
        // fixed generator: every pair Jaro-Winkler calls near must pass the filter.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let letters: Vec<char> = "aeiourstnlkmvz-é".chars().collect();
        let (mut near, mut kept) = (0, 0);
        for _ in 0..20_000 {
            let len = 6 + next(14);
            let a: Vec<char> = (0..len).map(|_| letters[next(letters.len())]).collect();
            let mut b = a.clone();
            for _ in 0..1 + next(3) {
                let at = next(b.len());
                match next(4) {
                    0 => b[at] = letters[next(letters.len())],
                    1 if at + 1 < b.len() => b.swap(at, at + 1),
                    2 => b.insert(at, letters[next(letters.len())]),
                    _ if b.len() > 6 => {
                        b.remove(at);
                    }
                    _ => {}
                }
            }
            let (a, b): (String, String) = (a.into_iter().collect(), b.into_iter().collect());
            let pass = CharProfile::of(&a, 0).may_be_near(&CharProfile::of(&b, 1));
            if strsim::jaro_winkler(&a, &b) >= 0.95 {
                near += 1;
                assert!(pass, "`{a}` and `{b}` are near but were filtered out");
            }
            kept += usize::from(pass);
        }
        assert!(near > 1000, "the generator makes near pairs ({near})");
        assert!(kept < 20_000, "the filter drops some pairs");
        // Aliases of one entity are never compared.
        assert!(!CharProfile::of("Ostland", 3).may_be_near(&CharProfile::of("Ostlands", 3)));
    }

    #[test]
    fn phrases_parse_and_refuse() {
        assert_eq!(parse_phrase("pull* back", false).map(|e| e.len()), Ok(2));
        assert_eq!(
            parse_phrase("moved ... away from", false).map(|e| e.len()),
            Ok(4)
        );
        assert!(parse_phrase("... away", false).is_err());
        assert!(parse_phrase("away ...", false).is_err());
        assert!(parse_phrase("w*ithdraw", false).is_err());
        assert!(parse_phrase("!!", false).is_err());
        assert!(parse_phrase("ab*", false).is_err());
        assert_eq!(parse_phrase("build-up", false).map(|e| e.len()), Ok(2));
    }

    fn index_of(written: &[&str]) -> PhraseIndex {
        let phrases: Vec<Phrase> = written
            .iter()
            .map(|w| {
                let elems = parse_phrase(w, false).unwrap_or_default();
                Phrase {
                    written: (*w).to_string(),
                    anchor: anchor_of(&elems),
                    elems,
                    owner: Owner::Cue(0),
                    exact_case: false,
                    origin: Origin {
                        file: String::new(),
                        line: 0,
                    },
                }
            })
            .collect();
        build_index(&phrases, &|_| true, 3).unwrap_or_else(|e| panic!("{e}"))
    }

    fn found(index: &PhraseIndex, text: &str) -> Vec<String> {
        index
            .find_all(text)
            .iter()
            .map(|m| {
                format!(
                    "{}={}",
                    index.phrases[m.phrase].written,
                    &text[m.start..m.end]
                )
            })
            .collect()
    }

    #[test]
    fn weak_leading_words_move_the_anchor_but_not_the_match() {
        let index = index_of(&["on the mend", "no talks", "de-escalat*", "no", "in the"]);
        let anchors: Vec<usize> = index.phrases.iter().map(|p| p.anchor).collect();
        assert_eq!(anchors, [2, 1, 1, 0, 0]);
        assert_eq!(
            found(
                &index,
                "Ties are On the\u{a0}mend; NO  talks yet, only de-escalation."
            ),
            [
                "on the mend=On the\u{a0}mend",
                "no=NO",
                "no talks=NO  talks",
                "de-escalat*=de-escalation",
            ]
        );
        // Any separator `separator` accepts passes the next-letter reject too.
        let index = index_of(&["pulled back"]);
        assert_eq!(
            found(&index, "They pulled\u{a0}back, then pulled out."),
            ["pulled back=pulled\u{a0}back"]
        );
        let index = index_of(&["on the mend", "no talks", "de-escalat*", "no", "in the"]);
        // The words before the anchor must be whole words with a separator after them.
        assert!(
            found(
                &index,
                "moon the mend, casino talks, node-escalation, onthe mend"
            )
            .is_empty()
        );
    }
}
