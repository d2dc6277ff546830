//! The word trie: the phrases of whole words whose first word is shared by more than
//! `TRIED_ONE_BY_ONE` phrases, found at a place by walking the words of the text instead of
//! trying each phrase.

use super::text::{fold, is_separator, is_word_char};
use super::{Elem, MAX_PHRASE_BYTES, Phrase, PhraseIndex, PhraseMatch};
use std::collections::HashMap;

/// One node of the word trie: the words written so far lead here.
#[derive(Debug, Clone, Default)]
pub(super) struct TrieNode {
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

/// The longest token the trie looks at, in characters: no phrase word is longer.
const MAX_TOKEN_CHARS: usize = MAX_PHRASE_BYTES;

/// Which phrases go to the trie: those it can hold whose first word is shared by more than
/// `one_by_one` of them; the others are tried one by one, which is quicker for a few.
pub(super) fn routed(
    phrases: &[Phrase],
    exact_starts: &[Vec<usize>],
    one_by_one: usize,
) -> Vec<bool> {
    let mut routed = vec![false; phrases.len()];
    for list in exact_starts {
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
    routed
}

/// The trie of the routed phrases `include` accepts.
pub(super) fn build(
    phrases: &[Phrase],
    include: &dyn Fn(&Phrase) -> bool,
    routed: &[bool],
) -> Vec<TrieNode> {
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
    trie
}

impl PhraseIndex {
    /// The trie's phrases at `start`. The text is read as tokens (runs of characters between
    /// separators); a phrase word before the last must be a whole token, the last word a
    /// start of one that ends before a non-letter (or, for a prefix, any start of one). Each
    /// phrase met so is then checked as the others are (letter case, boundaries). The work
    /// is the tokens walked (at most a phrase's words, each read to at most 200 characters)
    /// and the phrases that match when case is folded, never the phrases sharing a word.
    pub(super) fn trie_matches(&self, text: &str, start: usize, out: &mut Vec<PhraseMatch>) {
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
}
