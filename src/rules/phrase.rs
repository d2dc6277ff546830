//! The phrases of a pack and the matcher that finds them in a text: the phrase syntax
//! (`word*`, `...`, hyphenated words), one Aho-Corasick automaton over the anchor word of
//! every phrase, and the word-boundary and letter-case checks that verify each candidate.
//!
//! Compiling the pack builds a [`PhraseIndex`]; the extraction stage runs it.

use super::diagnostic::Origin;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::{BTreeMap, HashMap};

/// Longest phrase, in bytes.
pub const MAX_PHRASE_BYTES: usize = 200;

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

impl Phrase {
    /// A parsed phrase, anchored on the word its automaton should look for.
    pub fn new(
        written: String,
        elems: Vec<Elem>,
        owner: Owner,
        exact_case: bool,
        origin: Origin,
    ) -> Phrase {
        Phrase {
            written,
            anchor: anchor_of(&elems),
            elems,
            owner,
            exact_case,
            origin,
        }
    }
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

/// Whether `c` is invisible in print: controls, zero-width and joining characters, the soft
/// hyphen, bidirectional marks and overrides, variation selectors, tag characters. Copied
/// from a web page into a phrase, one hides there, and the phrase then matches only text
/// that hides the same character at the same place.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{34f}'
                | '\u{61c}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{17b4}'
                | '\u{17b5}'
                | '\u{180b}'..='\u{180f}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206f}'
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

/// Parses `written` into elements, or says why it can never match.
pub(super) fn parse_phrase(written: &str, exact: bool) -> Result<Vec<Elem>, String> {
    if written.len() > MAX_PHRASE_BYTES {
        return Err(format!("phrase is longer than {MAX_PHRASE_BYTES} bytes"));
    }
    if let Some(c) = written
        .chars()
        .find(|&c| is_invisible(c) && !c.is_whitespace())
    {
        return Err(format!(
            "`{}` has an invisible character (U+{:04X}), so it matches only text that hides the same one; delete it",
            crate::printable::escape_controls(written),
            u32::from(c)
        ));
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
    /// The phrases of whole words from their first word on (at most the last one a prefix)
    /// whose first word is shared by more than `TRIED_ONE_BY_ONE` such phrases, by their
    /// words: at a place, the words of the text lead to the phrases that may match there,
    /// however many share a first word. `starts` keeps the others.
    trie: Vec<TrieNode>,
    /// For each first word, whether a hit on it walks the trie.
    walks_trie: Vec<bool>,
    max_gap_words: usize,
}

/// One node of the word trie: the words written so far lead here.
#[derive(Debug, Clone, Default)]
struct TrieNode {
    /// The next word (folded) → its node.
    next: HashMap<Box<str>, u32>,
    /// Phrases whose last word (folded) follows here.
    ends: HashMap<Box<str>, Vec<u32>>,
    /// Phrases whose last word is a prefix (`word*`, folded, without the star) following here.
    prefix_ends: HashMap<Box<str>, Vec<u32>>,
    /// The lengths, in characters, of the prefixes in `prefix_ends`: the only ones probed.
    prefix_lens: Vec<usize>,
}

/// Whether a phrase can be found through the word trie: anchored on its first word, no gap,
/// and a prefix (`word*`) only as its last word.
fn in_trie(phrase: &Phrase) -> bool {
    let n = phrase.elems.len();
    phrase.anchor == 0
        && phrase.elems.iter().enumerate().all(|(i, e)| match e {
            Elem::Word { prefix, .. } => !prefix || i + 1 == n,
            Elem::Gap => false,
        })
}

/// A word as the trie keys it: every character folded (exact-case phrases are checked for
/// case afterwards).
fn trie_key(word: &str) -> String {
    word.chars().map(fold).collect()
}

/// The most distinct first words matched with a DFA, the fastest automaton. Its size and
/// building time grow faster than the words once it no longer fits in the caches, so a
/// larger pack gets a contiguous NFA (linear in the words, a little slower to run).
const MAX_DFA_WORDS: usize = 10_000;

/// The most phrases of whole words sharing a first word that are tried one by one; beyond,
/// they are found through the trie. Each hit so costs at most this many tries plus a walk.
const TRIED_ONE_BY_ONE: usize = 16;

/// The longest token the trie looks at, in characters: no phrase word is longer.
const MAX_TOKEN_CHARS: usize = MAX_PHRASE_BYTES;

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

/// A character as phrases compare it: apostrophes and hyphens in one form, letters in lower
/// case.
pub(super) fn fold(c: char) -> char {
    match c {
        '’' | '‘' | '`' => '\'',
        '‐' | '‑' | '–' => '-',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

impl PhraseIndex {
    /// Builds the automaton over the phrases `include` accepts. Phrase numbers stay those of the
    /// whole pack, so matches from any index mean the same phrases.
    pub(super) fn build(
        phrases: &[Phrase],
        include: &dyn Fn(&Phrase) -> bool,
        max_gap_words: usize,
    ) -> Result<PhraseIndex, String> {
        Self::build_with(phrases, include, max_gap_words, TRIED_ONE_BY_ONE)
    }

    /// [`PhraseIndex::build`] with the number of phrases of a first word tried one by one
    /// (the tests route every phrase, or none, through the trie).
    fn build_with(
        phrases: &[Phrase],
        include: &dyn Fn(&Phrase) -> bool,
        max_gap_words: usize,
        one_by_one: usize,
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
        // Each word's shorter first words are its own prefixes, looked up one by one: at
        // most a phrase's length per word, never every pair of words (20,000 distinct first
        // words made that 400 million comparisons).
        let exact_starts = starts.clone();
        for (slot, word) in first_words.iter().enumerate() {
            for (cut, _) in word.char_indices().skip(1) {
                if let Some(&other) = first_index.get(&word[..cut]) {
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
        // The trie takes the phrases of a first word shared by more than TRIED_ONE_BY_ONE
        // phrases it can hold; the others are tried one by one, which is quicker for a few.
        let mut routed = vec![false; phrases.len()];
        for list in &exact_starts {
            let held: Vec<usize> = list
                .iter()
                .copied()
                .filter(|&p| in_trie(&phrases[p]))
                .collect();
            if held.len() > one_by_one {
                for p in held {
                    routed[p] = true;
                }
            }
        }
        let mut trie = vec![TrieNode::default()];
        for (p, phrase) in phrases.iter().enumerate() {
            if !include(phrase) || !routed[p] {
                continue;
            }
            let mut node = 0usize;
            let (last, init) = match phrase.elems.split_last() {
                Some(split) => split,
                None => continue,
            };
            for elem in init {
                let Elem::Word { text, .. } = elem else {
                    continue;
                };
                let key: Box<str> = trie_key(text).into();
                node = match trie[node].next.get(&key) {
                    Some(&child) => child as usize,
                    None => {
                        trie.push(TrieNode::default());
                        let child = trie.len() - 1;
                        trie[node].next.insert(key, child as u32);
                        child
                    }
                };
            }
            let Elem::Word { text, prefix } = last else {
                continue;
            };
            let key = trie_key(text);
            let here = &mut trie[node];
            if *prefix {
                let len = key.chars().count();
                if !here.prefix_lens.contains(&len) {
                    here.prefix_lens.push(len);
                }
                here.prefix_ends
                    .entry(key.into())
                    .or_default()
                    .push(p as u32);
            } else {
                here.ends.entry(key.into()).or_default().push(p as u32);
            }
        }
        // A hit walks the trie when a phrase its word may begin was routed there.
        let walks_trie: Vec<bool> = starts
            .iter()
            .map(|list| list.iter().any(|&p| routed[p]))
            .collect();
        for list in &mut starts {
            list.retain(|&p| !routed[p]);
        }
        let automaton = AhoCorasick::builder()
            .kind(Some(if first_words.len() > MAX_DFA_WORDS {
                AhoCorasickKind::ContiguousNFA
            } else {
                AhoCorasickKind::DFA
            }))
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&first_words);
        let automaton =
            automaton.map_err(|e| format!("the phrases do not fit in a matcher: {e}"))?;
        Ok(PhraseIndex {
            phrases: phrases.to_vec(),
            automaton,
            starts,
            first_words,
            next_letters,
            trie,
            walks_trie,
            max_gap_words,
        })
    }

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

    /// Where `elems` end when they match from `at`. With two gaps or more, each (place, rest
    /// of the phrase) is tried once and remembered: tried afresh, a phrase of k gaps costs
    /// (max_gap_words + 1)^k tries where it fails.
    fn rest_matches(&self, text: &str, at: usize, elems: &[Elem], exact: bool) -> Option<usize> {
        let gaps = elems.iter().filter(|e| **e == Elem::Gap).count();
        if gaps < 2 {
            return self.rest_from(text, at, elems, exact, &mut None);
        }
        self.rest_from(text, at, elems, exact, &mut Some(HashMap::new()))
    }

    fn rest_from(
        &self,
        text: &str,
        at: usize,
        elems: &[Elem],
        exact: bool,
        memo: &mut Option<HashMap<(usize, usize), Option<usize>>>,
    ) -> Option<usize> {
        let Some((first, rest)) = elems.split_first() else {
            return Some(at);
        };
        if let Some(known) = memo.as_ref().and_then(|m| m.get(&(elems.len(), at))) {
            return *known;
        }
        let found = match first {
            Elem::Word { text: w, prefix } => Self::separator(text, at)
                .and_then(|i| Self::word_at(text, i, w, *prefix, exact))
                .and_then(|end| self.rest_from(text, end, rest, exact, memo)),
            Elem::Gap => {
                // Try the shortest gap first; the number of tries is bounded by max_gap_words.
                let mut pos = Some(at);
                let mut found = None;
                for _ in 0..=self.max_gap_words {
                    let Some(here) = pos else { break };
                    if let Some(end) = self.rest_from(text, here, rest, exact, memo) {
                        found = Some(end);
                        break;
                    }
                    pos = Self::skip_word(text, here);
                }
                found
            }
        };
        if let Some(m) = memo.as_mut() {
            m.insert((elems.len(), at), found);
        }
        found
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
            if self.walks_trie[slot] {
                self.trie_matches(text, start, &mut out);
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

    /// The phrase `p`, anchored on its first word, matched at `start`.
    fn match_at(&self, text: &str, start: usize, p: usize) -> Option<PhraseMatch> {
        let phrase = &self.phrases[p];
        let (Elem::Word { text: w, prefix }, rest) = phrase.elems.split_first()? else {
            return None;
        };
        let end = Self::word_at(text, start, w, *prefix, phrase.exact_case)?;
        let end = self.rest_matches(text, end, rest, phrase.exact_case)?;
        Some(PhraseMatch {
            start,
            end,
            phrase: p,
        })
    }

    /// The trie's phrases at `start`. The text is read as tokens (runs of characters between
    /// separators); a phrase word before the last must be a whole token, the last word a
    /// start of one that ends before a non-letter (or, for a prefix, any start of one). Each
    /// phrase met so is then checked as the others are (letter case, boundaries). The work
    /// is the tokens walked (at most a phrase's words, each read to at most 200 characters)
    /// and the phrases that match when case is folded, never the phrases sharing a word.
    fn trie_matches(&self, text: &str, start: usize, out: &mut Vec<PhraseMatch>) {
        let mut node = 0usize;
        let mut at = start;
        let mut folded = String::new();
        // (byte offset in `folded`, whether the character there ends a word) per character.
        let mut cuts: Vec<(usize, bool)> = Vec::new();
        loop {
            folded.clear();
            cuts.clear();
            let mut end = at;
            for c in text[at..].chars() {
                if is_separator(c) || cuts.len() > MAX_TOKEN_CHARS {
                    break;
                }
                cuts.push((folded.len(), !is_word_char(c)));
                folded.push(fold(c));
                end += c.len_utf8();
            }
            let here = &self.trie[node];
            let whole = cuts.len() <= MAX_TOKEN_CHARS;
            // The last word: the token up to a non-letter, or the whole token.
            let ends = cuts
                .iter()
                .skip(1)
                .filter(|(_, breaks)| *breaks)
                .map(|(b, _)| *b)
                .chain(whole.then_some(folded.len()));
            for cut in ends {
                if let Some(list) = here.ends.get(&folded[..cut]) {
                    self.verify(text, start, list, out);
                }
            }
            for &len in &here.prefix_lens {
                let cut = match cuts.get(len) {
                    Some((b, _)) => *b,
                    None if cuts.len() == len => folded.len(),
                    None => continue,
                };
                if let Some(list) = here.prefix_ends.get(&folded[..cut]) {
                    self.verify(text, start, list, out);
                }
            }
            // A word before the last: the whole token, then a separator.
            let Some(&child) = (whole && !folded.is_empty())
                .then(|| here.next.get(folded.as_str()))
                .flatten()
            else {
                return;
            };
            let Some(next) = Self::separator(text, end) else {
                return;
            };
            node = child as usize;
            at = next;
        }
    }

    fn verify(&self, text: &str, start: usize, list: &[u32], out: &mut Vec<PhraseMatch>) {
        for &p in list {
            if let Some(found) = self.match_at(text, start, p as usize) {
                out.push(found);
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

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
                let origin = Origin {
                    file: String::new(),
                    line: 0,
                };
                Phrase::new((*w).to_string(), elems, Owner::Cue(0), false, origin)
            })
            .collect();
        PhraseIndex::build(&phrases, &|_| true, 3).unwrap_or_else(|e| panic!("{e}"))
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
    fn the_trie_finds_what_trying_one_by_one_finds() {
        let written = [
            "peskov",
            "dmitry peskov",
            "dmitri peskov",
            "u.s",
            "u.s.a",
            "pull*",
            "pullback",
            "pulled back",
            "withdr*",
            "troops withdr*",
            "no talks",
            "talks",
            "US",
            "us army",
            "o'brien",
            "russia's army",
            "Kremlin",
            "kremlin spokesman",
            "build-up",
            "moved ... away",
            "pull* ... back",
            "de-escalat*",
            "état",
            "naïve plan",
        ];
        let phrases: Vec<Phrase> = written
            .iter()
            .map(|w| {
                let exact = w.chars().all(|c| !c.is_lowercase());
                let elems = parse_phrase(w, exact).unwrap_or_default();
                let origin = Origin {
                    file: String::new(),
                    line: 0,
                };
                Phrase::new((*w).to_string(), elems, Owner::Cue(0), exact, origin)
            })
            .collect();
        let each = PhraseIndex::build_with(&phrases, &|_| true, 3, usize::MAX).expect("index");
        let trie = PhraseIndex::build_with(&phrases, &|_| true, 3, 0).expect("index");
        assert!(trie.walks_trie.iter().any(|&w| w), "the trie is used");
        for text in [
            "Dmitry Peskov's aide, Peskov, and Dmitri  Peskov said; U.S.A. and U.S. troops withdrew.",
            "They pulled back, a pullback, pulling the tanks back; troops withdrawing, no talks.",
            "The US army and us army; O’Brien and o'brien; Russia’s army; KREMLIN, Kremlin spokesman.",
            "A build up, a build-up, moved them away, de-escalation; État, ÉTAT, naïve plan.",
            "peskov\u{a0}peskov peskov-peskov peskovx xpeskov Peskov.",
        ] {
            let expected = found(&each, text);
            assert!(expected.len() >= 3, "{text}: {expected:?}");
            assert_eq!(expected, found(&trie, text), "{text}");
        }
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
