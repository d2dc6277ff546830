//! The `families` and `predicates` sections: each predicate with its family and opposite
//! resolved and its side fixed, the context word sets of both, and their phrases.

use super::checks;
use super::phrases::{self, ClaimsPhrases};
use super::sections::{Placed, Sections, index_of};
use crate::rules::diagnostic::locate::Step;
use crate::rules::diagnostic::{Faults, ix, k};
use crate::rules::phrase::{Elem, Phrase};
use crate::rules::schema::{FamilySpec, PredicateSpec};
use crate::rules::{Family, Owner, Predicate, Settings, VerbTrigger};

/// A set of context words, numbered by its place in the list: a family's, then a
/// predicate's own.
pub(super) struct ContextWords<'a> {
    pub words: &'a [String],
    pub file: usize,
    pub path: Vec<Step>,
}

/// The families, the predicates, and the context word sets they use.
pub(super) fn compile<'a>(
    cx: &mut Faults,
    pack: &Sections<'a>,
    settings: &Settings,
) -> (Vec<Family>, Vec<Predicate>, Vec<ContextWords<'a>>) {
    let mut contexts = Vec::new();
    let families = families(cx, &pack.families, settings, &mut contexts);
    let mut predicates = predicates(cx, pack, &mut contexts);
    checks::opposites(cx, &pack.predicates, &predicates);
    // Opposites fix each predicate's side.
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
    (families, predicates, contexts)
}

/// The families, each with its context words, if it has any, as a new set.
fn families<'a>(
    cx: &mut Faults,
    items: &[Placed<'a, FamilySpec>],
    settings: &Settings,
    contexts: &mut Vec<ContextWords<'a>>,
) -> Vec<Family> {
    let mut families = Vec::new();
    for p in items {
        let (fi, f) = (p.file, p.spec);
        let context = if f.context.is_empty() {
            None
        } else {
            contexts.push(ContextWords {
                words: &f.context,
                file: fi,
                path: p.at(&[k("context")]),
            });
            Some(contexts.len() - 1)
        };
        if f.context_in_object && context.is_none() {
            cx.error(
                fi,
                &p.at(&[k("context_in_object")]),
                "needs the family's `context` words: they name what an object must hold".into(),
            );
        }
        if let Some(d) = f.same_time_days
            && !(0..=3650).contains(&d)
        {
            cx.error(
                fi,
                &p.at(&[k("same_time_days")]),
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
            context_in_object: f.context_in_object,
            origin: cx.origin(fi, &p.base),
        });
    }
    families
}

/// The predicates with their family and opposite resolved; a family that does not resolve
/// is `usize::MAX`, and each predicate is on the positive side until its opposite is seen.
fn predicates<'a>(
    cx: &mut Faults,
    pack: &Sections<'a>,
    contexts: &mut Vec<ContextWords<'a>>,
) -> Vec<Predicate> {
    let family_index = index_of(&pack.families);
    let predicate_index = index_of(&pack.predicates);
    let mut predicates = Vec::new();
    let disabled = &pack.disabled;
    for placed in &pack.predicates {
        let (fi, p) = (placed.file, placed.spec);
        let path = placed.at(&[k("family")]);
        let of = ("families", "family");
        let family = checks::reference(cx, fi, &path, &p.family, &family_index, of, disabled)
            .unwrap_or(usize::MAX);
        let opposite = p.opposite.as_deref().and_then(|id| {
            let path = placed.at(&[k("opposite")]);
            let of = ("predicates", "predicate");
            checks::reference(cx, fi, &path, id, &predicate_index, of, disabled)
        });
        if p.triggers.is_empty() && p.verbs.is_empty() {
            cx.error(
                fi,
                &placed.at(&[k("triggers")]),
                "trigger list is empty; give at least one phrase (in `triggers` or `verbs`)".into(),
            );
        }
        let context = p.context.as_ref().map(|words| {
            contexts.push(ContextWords {
                words,
                file: fi,
                path: placed.at(&[k("context")]),
            });
            contexts.len() - 1
        });
        predicates.push(Predicate {
            id: p.id.clone(),
            family,
            says: p.says.clone(),
            opposite,
            side: 1,
            context,
            quantity: p.quantity,
            origin: cx.origin(fi, &placed.base),
        });
    }
    predicates
}

/// Adds every trigger as a phrase; a trigger two predicates give goes to the one
/// [`checks::Claimed`] picks, with a warning.
pub(super) fn trigger_phrases(
    cx: &mut Faults,
    items: &[Placed<PredicateSpec>],
    predicates: &[Predicate],
    phrases: &mut Vec<Option<Phrase>>,
) {
    phrases::add_claimed(cx, items, &|n| predicates[n].id.clone(), phrases);
}

/// Adds every verb trigger as the phrase it is written as (so it matches as written even
/// without the general knowledge), and returns them for `lexicon::widen`. A verb trigger
/// must open with a whole word: the verb.
pub(super) fn verb_phrases(
    cx: &mut Faults,
    items: &[Placed<PredicateSpec>],
    phrases: &mut Vec<Option<Phrase>>,
) -> Vec<VerbTrigger> {
    let mut out = Vec::new();
    for (n, p) in items.iter().enumerate() {
        for (w, written) in p.spec.verbs.iter().enumerate() {
            let path = p.at(&[k("verbs"), ix(w)]);
            let (text, synonyms) = match written.trim().strip_prefix('=') {
                Some(rest) => (rest.trim().to_string(), false),
                None => (written.trim().to_string(), true),
            };
            let Some(elems) = phrases::parse_at(cx, p.file, &path, &text, false) else {
                continue;
            };
            if !matches!(elems.first(), Some(Elem::Word { prefix: false, .. })) {
                let msg = format!(
                    "verb `{text}` must start with the verb as a whole word in its dictionary form (`withdraw`, not `withdr*`); put `word*` phrases in `triggers`"
                );
                cx.error(p.file, &path, msg);
                continue;
            }
            let origin = cx.origin(p.file, &path);
            let phrase = Phrase::new(
                text.clone(),
                elems.clone(),
                Owner::Trigger(n),
                false,
                origin.clone(),
            );
            phrases.push(Some(phrase));
            out.push(VerbTrigger {
                predicate: n,
                written: text,
                elems,
                synonyms,
                origin,
            });
        }
    }
    out
}

impl ClaimsPhrases for PredicateSpec {
    const WHAT: &'static str = "trigger";
    const KEY: &'static str = "triggers";

    fn priority(&self) -> i32 {
        self.priority
    }

    fn phrases(&self) -> &[String] {
        &self.triggers
    }

    fn exact(&self, _: &str) -> bool {
        false
    }

    fn norm(_: &str, _: bool, elems: &[Elem]) -> String {
        phrases::key(elems)
    }

    fn owner(n: usize) -> Owner {
        Owner::Trigger(n)
    }
}

/// The items with their indices, higher `priority` first, then later layer first, then in
/// pack order.
pub(super) fn by_priority<'i, 'a, T>(
    items: &'i [Placed<'a, T>],
    priority: impl Fn(&Placed<'a, T>) -> i32,
) -> Vec<(usize, &'i Placed<'a, T>)> {
    let mut order: Vec<(usize, &Placed<T>)> = items.iter().enumerate().collect();
    order.sort_by_key(|(n, p)| {
        (
            std::cmp::Reverse(priority(p)),
            std::cmp::Reverse(p.layer),
            *n,
        )
    });
    order
}

pub(super) fn context_phrases(
    cx: &mut Faults,
    contexts: &[ContextWords],
    phrases: &mut Vec<Option<Phrase>>,
) {
    for (set, c) in contexts.iter().enumerate() {
        for (w, word) in c.words.iter().enumerate() {
            let mut path = c.path.clone();
            path.push(ix(w));
            phrases::add(cx, c.file, &path, word, Owner::Context(set), phrases);
        }
    }
}
