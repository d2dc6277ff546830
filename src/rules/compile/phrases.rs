//! Phrases while a pack compiles: each parsed at the place it was written, the pack's limit
//! on their number, and the two automata built over them.

use super::MAX_PHRASES;
use super::checks::{Claim, Claimed};
use super::predicates::by_priority;
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
    crate::rules::phrase::written(elems)
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

/// A section whose items own phrases that no two items may share, each kept by the item
/// [`Claimed`] picks: the entities' aliases, the predicates' triggers.
pub(super) trait ClaimsPhrases {
    /// One phrase, as a warning names it: "alias", "trigger".
    const WHAT: &'static str;
    /// The key of the item's list of phrases: "aliases", "triggers".
    const KEY: &'static str;
    fn priority(&self) -> i32;
    fn phrases(&self) -> &[String];
    /// Whether `written` matches only in the letter case it is written in.
    fn exact(&self, written: &str) -> bool;
    /// The phrase as two items giving it are compared.
    fn norm(written: &str, exact: bool, elems: &[Elem]) -> String;
    fn owner(n: usize) -> Owner;
}

/// Adds the phrases of every item; a phrase two items give goes to the one [`Claimed`]
/// picks, with a warning (`ids`: the items' ids). Phrases are numbered in priority order,
/// so that of two that match the same words ("withdr*" and "withdrawing") the one of higher
/// priority, then of the later layer, is kept: the matcher keeps the first-numbered of
/// equal matches.
pub(super) fn add_claimed<T: ClaimsPhrases>(
    cx: &mut Faults,
    items: &[Placed<T>],
    ids: &dyn Fn(usize) -> String,
    phrases: &mut Vec<Option<Phrase>>,
) -> Claimed {
    let mut claimed = Claimed::default();
    for (n, p) in by_priority(items, |p| p.spec.priority()) {
        for (w, written) in p.spec.phrases().iter().enumerate() {
            let path = p.at(&[k(T::KEY), ix(w)]);
            let exact = p.spec.exact(written);
            let Some(elems) = parse_at(cx, p.file, &path, written, exact) else {
                continue;
            };
            let claim = Claim {
                owner: n,
                slot: phrases.len(),
                file: p.file,
                path: path.clone(),
                priority: p.spec.priority(),
                layer: p.layer,
                written: written.clone(),
            };
            let norm = T::norm(written, exact, &elems);
            if !claimed.claim(cx, T::WHAT, norm, claim, ids, phrases) {
                continue;
            }
            let origin = cx.origin(p.file, &path);
            let phrase = Phrase::new(written.clone(), elems, T::owner(n), exact, origin);
            phrases.push(Some(phrase));
        }
    }
    claimed
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
    PhraseIndex::index_and_screen(phrases, max_gap_words).map_err(|message| {
        let file = sources.first().map(|s| s.name.clone()).unwrap_or_default();
        Diagnostic::at_top(file, "", message)
    })
}
