//! The phrases of a pack and the matcher that finds them in a text: the phrase syntax
//! (`word*`, `...`, hyphenated words), one Aho-Corasick automaton over the anchor word of
//! every phrase, and the word-boundary and letter-case checks that verify each candidate.
//!
//! Compiling the pack builds a [`PhraseIndex`]; the extraction stage runs it.
//!
//! This module holds the phrase syntax; `index` the automaton and the matching of a
//! phrase's words from its anchor, `trie` the word trie for first words shared by many
//! phrases, `text` the reading of words, separators and gaps in a text.

mod index;
mod text;
mod trie;

pub use index::{PhraseIndex, PhraseMatch};
pub(super) use text::fold;

use super::diagnostic::Origin;

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

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
    /// How the phrase was made from the one written at `origin`, when it was not written
    /// itself: "form `spoke ... for` of the verb", "synonym `retreat` (synset 01994460-v)".
    pub via: Option<String>,
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
            via: None,
        }
    }
}

/// A phrase's elements as a pack writes them: words (`*` kept) and `...` for gaps.
pub fn written(elems: &[Elem]) -> String {
    let words: Vec<String> = elems
        .iter()
        .map(|e| match e {
            Elem::Word { text, prefix } => format!("{text}{}", if *prefix { "*" } else { "" }),
            Elem::Gap => "...".to_string(),
        })
        .collect();
    words.join(" ")
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

#[cfg(test)]
mod tests;
