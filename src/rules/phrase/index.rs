//! The phrase index: one Aho-Corasick automaton over the anchor words of the phrases, the
//! phrases each anchor word may begin, and the matching of a phrase's other words around it.

use super::text::{char_before, is_separator, is_word_char};
use super::trie::{self, TrieNode};
use super::{Elem, Phrase};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::{BTreeMap, HashMap};

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
    pub(super) trie: Vec<TrieNode>,
    /// For each first word, whether a hit on it walks the trie.
    pub(super) walks_trie: Vec<bool>,
    max_gap_words: usize,
}

/// The most distinct first words matched with a DFA, the fastest automaton. Its size and
/// building time grow faster than the words once it no longer fits in the caches, so a
/// larger pack gets a contiguous NFA (linear in the words, a little slower to run).
const MAX_DFA_WORDS: usize = 10_000;

/// The most phrases of whole words sharing a first word that are tried one by one; beyond,
/// they are found through the trie. Each hit so costs at most this many tries plus a walk.
const TRIED_ONE_BY_ONE: usize = 16;

/// The distinct anchor words of the phrases `include` accepts, each with the phrases it
/// anchors, and the index of each word. Apostrophes are folded in phrases, so each anchor
/// word with one is added with both apostrophe forms.
type FirstWords = (BTreeMap<String, usize>, Vec<Vec<usize>>, Vec<String>);

fn first_words(phrases: &[Phrase], include: &dyn Fn(&Phrase) -> bool) -> FirstWords {
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
    (first_index, starts, first_words)
}

/// Adds to each first word the phrases of the shorter first words it begins with, and
/// returns the lists as they were.
fn add_shorter_first_words(
    first_index: &BTreeMap<String, usize>,
    first_words: &[String],
    starts: &mut [Vec<usize>],
) -> Vec<Vec<usize>> {
    // The automaton reports only the longest first word at a place, so each first word also
    // carries the phrases of the shorter first words it begins with ("pull" in "pullback").
    // Each word's shorter first words are its own prefixes, looked up one by one: at
    // most a phrase's length per word, never every pair of words (20,000 distinct first
    // words made that 400 million comparisons).
    let exact_starts = starts.to_vec();
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
    exact_starts
}

/// For each first word whose phrases all go on with a further ASCII word (no one-word
/// phrase, no prefix or gap after it): the letters those next words start with.
fn next_letters(phrases: &[Phrase], starts: &[Vec<usize>]) -> Vec<Option<u32>> {
    starts
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
        .collect()
}

fn automaton(first_words: &[String]) -> Result<AhoCorasick, String> {
    let automaton = AhoCorasick::builder()
        .kind(Some(if first_words.len() > MAX_DFA_WORDS {
            AhoCorasickKind::ContiguousNFA
        } else {
            AhoCorasickKind::DFA
        }))
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(first_words);
    automaton.map_err(|e| format!("the phrases do not fit in a matcher: {e}"))
}

impl PhraseIndex {
    /// The index over every phrase, and the screen over triggers and context words only
    /// (the cheap first scan that tells whether an article can claim anything).
    pub(in crate::rules) fn index_and_screen(
        phrases: &[Phrase],
        max_gap_words: usize,
    ) -> Result<(PhraseIndex, PhraseIndex), String> {
        let all = Self::build(phrases, &|_| true, max_gap_words)?;
        let screen = Self::build(
            phrases,
            &|p| matches!(p.owner, super::Owner::Trigger(_) | super::Owner::Context(_)),
            max_gap_words,
        )?;
        Ok((all, screen))
    }

    /// Builds the automaton over the phrases `include` accepts. Phrase numbers stay those of the
    /// whole pack, so matches from any index mean the same phrases.
    pub(in crate::rules) fn build(
        phrases: &[Phrase],
        include: &dyn Fn(&Phrase) -> bool,
        max_gap_words: usize,
    ) -> Result<PhraseIndex, String> {
        Self::build_with(phrases, include, max_gap_words, TRIED_ONE_BY_ONE)
    }

    /// [`PhraseIndex::build`] with the number of phrases of a first word tried one by one
    /// (the tests route every phrase, or none, through the trie).
    pub(super) fn build_with(
        phrases: &[Phrase],
        include: &dyn Fn(&Phrase) -> bool,
        max_gap_words: usize,
        one_by_one: usize,
    ) -> Result<PhraseIndex, String> {
        let (first_index, mut starts, first_words) = first_words(phrases, include);
        let exact_starts = add_shorter_first_words(&first_index, &first_words, &mut starts);
        let next_letters = next_letters(phrases, &starts);
        let routed = trie::routed(phrases, &exact_starts, one_by_one);
        let trie = trie::build(phrases, include, &routed);
        // A hit walks the trie when a phrase its word may begin was routed there.
        let walks_trie: Vec<bool> = starts
            .iter()
            .map(|list| list.iter().any(|&p| routed[p]))
            .collect();
        for list in &mut starts {
            list.retain(|&p| !routed[p]);
        }
        let automaton = automaton(&first_words)?;
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
    pub(super) fn match_at(&self, text: &str, start: usize, p: usize) -> Option<PhraseMatch> {
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
