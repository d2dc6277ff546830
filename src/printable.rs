//! Text from hostile places made safe to show: control characters escaped, long values cut.
//!
//! File names, front-matter keys and values and rule text come from corpora and packs
//! nobody vetted. Shown raw, an ESC or a C1 control drives the reader's terminal (moves the
//! cursor, retitles the window, hides lines), and a bidirectional override reorders what a
//! reader sees. Every human-readable sink passes its text through [`escape_controls`].

use std::borrow::Cow;

/// Whether `c` must not reach a reader raw: C0 controls other than newline and tab, DEL,
/// C1 controls, and the bidirectional embeddings, overrides and isolates.
pub fn is_hostile(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every hostile character written as an escape: `\e` for ESC, `\r`, `\0`,
/// `\x07` for the other C0 controls and DEL, `\u{9b}` for C1 controls and bidi controls.
/// Text without any comes back borrowed.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hostile) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if !is_hostile(c) {
            out.push(c);
            continue;
        }
        match c {
            '\u{1b}' => out.push_str("\\e"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// The most characters of one value a message shows.
pub const MAX_SHOWN: usize = 120;

/// `value` cut to [`MAX_SHOWN`] characters, saying how long it was when it was cut.
pub fn cut(value: &str) -> Cow<'_, str> {
    cut_to(value, MAX_SHOWN)
}

/// `value` cut to `max` characters (on a character boundary), with `… (N characters)`.
pub fn cut_to(value: &str, max: usize) -> Cow<'_, str> {
    match value.char_indices().nth(max) {
        None => Cow::Borrowed(value),
        Some((end, _)) => Cow::Owned(format!(
            "{}… ({} characters)",
            &value[..end],
            value.chars().count()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_plain_text_is_kept() {
        assert_eq!(
            escape_controls("plain — text\n\ttab"),
            "plain — text\n\ttab"
        );
        assert!(matches!(escape_controls("plain"), Cow::Borrowed(_)));
        assert_eq!(
            escape_controls("a\u{1b}[2Jb\u{9b}c\u{7}\u{7f}\r\u{202e}"),
            "a\\e[2Jb\\u{9b}c\\x07\\x7f\\r\\u{202e}"
        );
    }

    #[test]
    fn long_values_are_cut_on_a_character() {
        assert_eq!(cut("short"), "short");
        let long = "é".repeat(5_000);
        let shown = cut(&long);
        assert!(shown.starts_with(&"é".repeat(MAX_SHOWN)));
        assert!(shown.ends_with("… (5000 characters)"), "{shown}");
    }
}
