//! The text as phrases read it: word characters, separators between words, letter case
//! folded, one word compared at a place, one word skipped for a gap.

use super::PhraseIndex;

pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

pub(super) fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

pub(super) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// What may stand between two words of a phrase: white space and hyphens.
pub(super) fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '‐' | '‑')
}

/// A character as phrases compare it: apostrophes and hyphens in one form, letters in lower
/// case.
pub(in crate::rules) fn fold(c: char) -> char {
    match c {
        '’' | '‘' | '`' => '\'',
        '‐' | '‑' | '–' => '-',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

impl PhraseIndex {
    /// Compares `word` with the text at `at`; returns the end of the matched word.
    pub(super) fn word_at(
        text: &str,
        at: usize,
        word: &str,
        prefix: bool,
        exact: bool,
    ) -> Option<usize> {
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
    pub(super) fn separator(text: &str, at: usize) -> Option<usize> {
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
    pub(super) fn skip_word(text: &str, at: usize) -> Option<usize> {
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
}
