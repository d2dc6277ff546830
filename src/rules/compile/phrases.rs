//! Phrases while a pack compiles: each parsed at the place it was written, the pack's limit
//! on their number, and the two automata built over them.

use super::MAX_PHRASES;
use super::sections::Placed;
use crate::rules::diagnostic::locate::Step;
use crate::rules::diagnostic::{Diagnostic, Faults, ix, k};
use crate::rules::phrase::{Elem, Phrase, PhraseIndex, parse_phrase};
use crate::rules::{Owner, RuleSource};

/// The elements of the phrase written at `path`, or an error saying why it can never match.
pub(super) fn parse_at(
    cx: &mut Faults,
    fi: usize,
    path: &[Step],
    written: &str,
    exact: bool,
) -> Option<Vec<Elem>> {
    match parse_phrase(written, exact) {
        Ok(elems) => Some(elems),
        Err(msg) => {
            cx.error(fi, path, msg);
            None
        }
    }
}

/// Adds the phrase written at `path`, matching in any letter case.
pub(super) fn add(
    cx: &mut Faults,
    fi: usize,
    path: &[Step],
    written: &str,
    owner: Owner,
    phrases: &mut Vec<Option<Phrase>>,
) {
    if let Some(elems) = parse_at(cx, fi, path, written, false) {
        let origin = cx.origin(fi, path);
        phrases.push(Some(Phrase::new(
            written.to_string(),
            elems,
            owner,
            false,
            origin,
        )));
    }
}

/// A phrase as two rules giving it are compared: its words (`*` kept) and gaps.
pub(super) fn key(elems: &[Elem]) -> String {
    let words: Vec<String> = elems
        .iter()
        .map(|e| match e {
            Elem::Word { text, prefix } => format!("{text}{}", if *prefix { "*" } else { "" }),
            Elem::Gap => "...".to_string(),
        })
        .collect();
    words.join(" ")
}

/// Adds the phrases of one list (`key`) of every item of a section, each owned by its item.
pub(super) fn add_lists<T>(
    cx: &mut Faults,
    items: &[Placed<T>],
    key: &str,
    list: impl Fn(&T) -> &[String],
    owner: fn(usize) -> Owner,
    phrases: &mut Vec<Option<Phrase>>,
) {
    for (n, item) in items.iter().enumerate() {
        for (w, written) in list(item.spec).iter().enumerate() {
            let path = item.at(&[k(key), ix(w)]);
            add(cx, item.file, &path, written, owner(n), phrases);
        }
    }
}

/// Reports a pack with more than [`MAX_PHRASES`] phrases.
pub(super) fn check_count(cx: &mut Faults, sources: &[RuleSource], count: usize) {
    if count > MAX_PHRASES {
        let file = sources.first().map(|s| s.name.clone()).unwrap_or_default();
        cx.push(Diagnostic::at_top(
            file,
            "",
            format!("the pack has {count} phrases; at most {MAX_PHRASES} are allowed"),
        ));
    }
}

/// The index over every phrase, and the screen over triggers and context words only.
pub(super) fn build_indexes(
    phrases: &[Phrase],
    max_gap_words: usize,
    sources: &[RuleSource],
) -> Result<(PhraseIndex, PhraseIndex), Diagnostic> {
    let built = PhraseIndex::build(phrases, &|_| true, max_gap_words).and_then(|all| {
        let screen = PhraseIndex::build(
            phrases,
            &|p| matches!(p.owner, Owner::Trigger(_) | Owner::Context(_)),
            max_gap_words,
        )?;
        Ok((all, screen))
    });
    built.map_err(|message| {
        let file = sources.first().map(|s| s.name.clone()).unwrap_or_default();
        Diagnostic::at_top(file, "", message)
    })
}
