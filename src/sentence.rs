//! Sentences: splits an article body into sentences with absolute byte spans and no gaps.
//!
//! Written by hand rather than taken from a crate because it must run at the speed of the
//! matcher (hundreds of MB/s) and must hold up on wire copy: "U.S.", "Mr.", "Gen.", "Dec. 7",
//! "No. 2", "3:35 p.m. Lisbon time", decimals, ellipses, quotes that hold several
//! sentences, and headlines without a full stop. One pass over the bytes, so linear in the
//! body whatever it holds.

/// A sentence of a body. `span` tiles the body (the spans of all sentences cover it with no
/// gap); `text` is the same span without surrounding white space, which is what reports quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: (usize, usize),
    pub text: (usize, usize),
}

/// Abbreviations that do not end a sentence when followed by a capitalised word.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "maj", "capt", "cpt", "sgt",
    "adm", "cmdr", "prof", "st", "jr", "sr", "rev", "hon", "pres", "amb", "insp", "supt", "fr",
    "inc", "corp", "ltd", "co", "bros", "vs", "v", "gens", "reps", "sens", "messrs", "mt", "ft",
];
/// Abbreviations that do not end a sentence when a number follows ("Dec. 7", "No. 2").
const BEFORE_NUMBERS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "nos", "vol", "art", "p", "pp", "fig", "ch", "sec",
];
/// Words that open a new sentence even after an abbreviation such as "U.S.". None of them
/// is a name, so rule suggestions use the list too.
pub(crate) const STARTERS: &[&str] = &[
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "In",
    "On",
    "At",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Their",
    "Its",
    "However",
    "Meanwhile",
    "Earlier",
    "Later",
    "Still",
    "And",
    "Yet",
    "As",
    "After",
    "When",
    "While",
    "There",
    "Officials",
];

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Byte length of a closing quote or bracket at `i`, if one is there.
fn closer_len(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b'"' | b'\'' | b')' | b']') => 1,
        // ” and ’ (E2 80 9D / E2 80 99), » (C2 BB)
        Some(0xE2)
            if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0x9D | 0x99)) =>
        {
            3
        }
        Some(0xC2) if bytes.get(i + 1) == Some(&0xBB) => 2,
        _ => 0,
    }
}

/// The word (ASCII letters and dots) ending just before byte `dot`.
fn word_before(bytes: &[u8], dot: usize) -> &[u8] {
    let mut s = dot;
    while s > 0 && (bytes[s - 1].is_ascii_alphanumeric() || bytes[s - 1] == b'.') {
        s -= 1;
    }
    &bytes[s..dot]
}

/// The word starting at byte `i` (letters only).
fn word_at(text: &str, i: usize) -> &str {
    let rest = &text[i..];
    let end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    &rest[..end]
}

fn opens_sentence(text: &str, i: usize) -> bool {
    let Some(c) = text[i..].chars().next() else {
        return true;
    };
    if c.is_uppercase() || c.is_ascii_digit() {
        return true;
    }
    // Opening quotes, dashes and brackets open a sentence when a capital or digit follows.
    if matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '—' | '–' | '-' | '•' | '*'
    ) {
        let j = i + c.len_utf8();
        return text[j..]
            .chars()
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘')
            });
    }
    false
}

/// Whether a full stop at `dot`, followed by the word at `next`, is part of an abbreviation.
fn is_abbreviation(text: &str, dot: usize, next: usize) -> bool {
    let bytes = text.as_bytes();
    let word = word_before(bytes, dot);
    if word.is_empty() {
        return false;
    }
    let lower = word.to_ascii_lowercase();
    let bare: Vec<u8> = lower.iter().copied().filter(|b| *b != b'.').collect();
    let next_word = word_at(text, next);
    let next_is_number = next_word.bytes().next().is_some_and(|b| b.is_ascii_digit());
    // "p.m." and "a.m.": a time zone or "time" may follow without a new sentence.
    if bare == b"pm" || bare == b"am" {
        if lower.contains(&b'.') {
            let after = &text[next + next_word.len()..];
            let zone = next_word.len() <= 4 && next_word.chars().all(|c| c.is_ascii_uppercase());
            let then_time = after.trim_start().to_ascii_lowercase().starts_with("time");
            return zone || then_time;
        }
        return false;
    }
    if next_is_number
        && BEFORE_NUMBERS
            .iter()
            .any(|a| a.as_bytes() == bare.as_slice())
    {
        return true;
    }
    if TITLES.iter().any(|a| a.as_bytes() == bare.as_slice()) && !lower.contains(&b'.') {
        return true;
    }
    // Dotted initials and acronyms: "U.S.", "D.C.", "A." in "Mark A. Milley".
    let single_initial = word.len() == 1 && word[0].is_ascii_uppercase();
    let dotted =
        lower.contains(&b'.') && word.iter().filter(|b| b.is_ascii_alphabetic()).count() <= 4;
    if single_initial || dotted {
        return !STARTERS.contains(&next_word);
    }
    false
}

/// Splits `body` into sentences. Never fails; every byte belongs to exactly one sentence.
pub fn split(body: &str) -> Vec<Sentence> {
    let bytes = body.as_bytes();
    let mut cuts = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            // A blank line always ends a sentence; a single line break does unless the next
            // line carries on in lower case (hard-wrapped text).
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j >= bytes.len() {
                break;
            }
            let blank = bytes[j] == b'\n';
            if blank || !text_starts_lower(body, j) {
                cuts.push(i + 1);
            }
            i += 1;
            continue;
        }
        let terminal_len = match b {
            b'.' | b'!' | b'?' => 1,
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA6) => 3, // …
            _ => 0,
        };
        if terminal_len == 0 {
            i += 1;
            continue;
        }
        // Take the whole run of terminal marks and closing quotes: "?!", "...", ".”", ".)".
        let mut j = i + terminal_len;
        loop {
            if j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?') {
                j += 1;
                continue;
            }
            if bytes.get(j) == Some(&0xE2)
                && bytes.get(j + 1) == Some(&0x80)
                && bytes.get(j + 2) == Some(&0xA6)
            {
                j += 3;
                continue;
            }
            let c = closer_len(bytes, j);
            if c > 0 {
                j += c;
                continue;
            }
            break;
        }
        // A boundary needs white space after the run, then the start of a sentence.
        if j < bytes.len() && !is_space(bytes[j]) {
            i = j;
            continue;
        }
        let mut k = j;
        while k < bytes.len() && matches!(bytes[k], b' ' | b'\t') {
            k += 1;
        }
        if k >= bytes.len() {
            break;
        }
        if matches!(bytes[k], b'\n' | b'\r') {
            // The line break handler cuts here.
            i = k;
            continue;
        }
        let single_dot = b == b'.' && j == i + 1;
        if opens_sentence(body, k) && !(single_dot && is_abbreviation(body, i, k)) {
            cuts.push(k);
        }
        i = k;
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for cut in cuts.into_iter().chain(std::iter::once(body.len())) {
        if cut <= start {
            continue;
        }
        push(body, &mut out, start, cut);
        start = cut;
    }
    if out.is_empty() && !body.is_empty() {
        push(body, &mut out, 0, body.len());
    }
    out
}

fn text_starts_lower(body: &str, i: usize) -> bool {
    body[i..].chars().next().is_some_and(|c| c.is_lowercase())
}

/// Appends the sentence covering `start..end`; a piece that is only white space joins the
/// sentence before it so that spans stay gap-free and every sentence has text.
fn push(body: &str, out: &mut Vec<Sentence>, start: usize, end: usize) {
    let piece = &body[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if piece.trim().is_empty() {
        if let Some(last) = out.last_mut() {
            last.span.1 = end;
            return;
        }
        out.push(Sentence {
            span: (start, end),
            text: (start, start),
        });
        return;
    }
    if let Some(last) = out.last_mut()
        && last.text.0 == last.text.1
    {
        // A leading white-space-only piece joins the first real sentence.
        let s = last.span.0;
        *last = Sentence {
            span: (s, end),
            text: (start + lead, end - trail),
        };
        return;
    }
    out.push(Sentence {
        span: (start, end),
        text: (start + lead, end - trail),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<&str> {
        split(body)
            .iter()
            .map(|s| &body[s.text.0..s.text.1])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        let body = "The U.S. Senate met Mr. Smith and Gen. Mark A. Milley on Dec. 7 at 3:35 p.m. Lisbon time. \
                    It voted 3.5 to 1 on No. 2. Sen. Jane Doe left.";
        assert_eq!(
            texts(body),
            vec![
                "The U.S. Senate met Mr. Smith and Gen. Mark A. Milley on Dec. 7 at 3:35 p.m. Lisbon time.",
                "It voted 3.5 to 1 on No. 2.",
                "Sen. Jane Doe left."
            ]
        );
    }

    #[test]
    fn acronym_then_sentence_starter_splits() {
        assert_eq!(
            texts("Sanctions came from the U.S. The next day it ended."),
            vec!["Sanctions came from the U.S.", "The next day it ended."]
        );
        assert_eq!(
            texts("It ended at 4 p.m. The talks resume."),
            vec!["It ended at 4 p.m.", "The talks resume."]
        );
    }

    #[test]
    fn quotes_ellipses_and_questions() {
        let body = "“We are not leaving. We are regrouping,” he said. Why? “Nobody knows…” She left... Then rain.";
        assert_eq!(
            texts(body),
            vec![
                "“We are not leaving.",
                "We are regrouping,” he said.",
                "Why?",
                "“Nobody knows…”",
                "She left...",
                "Then rain."
            ]
        );
        assert_eq!(
            texts("“Why?” she asked. Done."),
            vec!["“Why?” she asked.", "Done."]
        );
    }

    #[test]
    fn headlines_and_paragraphs() {
        let body = "Ministry Says Ties Improve\n\nFirst line of text.\nSecond paragraph here.\r\n\r\nthird, hard\nwrapped line.";
        assert_eq!(
            texts(body),
            vec![
                "Ministry Says Ties Improve",
                "First line of text.",
                "Second paragraph here.",
                "third, hard\nwrapped line."
            ]
        );
    }

    #[test]
    fn spans_tile_the_body() {
        for body in [
            "",
            " ",
            "\n\nA. B.\n",
            "No end",
            "x.  Y!  \n\n Z?\n",
            "Ünïcödé… Straße. Ok",
        ] {
            let s = split(body);
            let mut at = 0;
            for sent in &s {
                assert_eq!(sent.span.0, at, "{body:?}");
                assert!(body.is_char_boundary(sent.span.1));
                assert!(sent.text.0 >= sent.span.0 && sent.text.1 <= sent.span.1);
                at = sent.span.1;
            }
            assert_eq!(at, body.len(), "{body:?}");
        }
    }
}
