//! The `entities` section: each entity with its `speaks_for` resolved and its root found,
//! and its aliases as phrases, each matching the letter case its `case` rule gives.

use super::checks::{self, Claim, Claimed};
use super::phrases;
use super::sections::{Placed, Sections, index_of};
use crate::rules::diagnostic::{Faults, ix, k};
use crate::rules::phrase::{Phrase, fold};
use crate::rules::schema::{CaseRule, EntitySpec};
use crate::rules::{Entity, Owner};

pub(super) fn compile(cx: &mut Faults, pack: &Sections) -> Vec<Entity> {
    let items = &pack.entities;
    let index = index_of(items);
    let mut entities = Vec::new();
    for p in items {
        let (fi, e) = (p.file, p.spec);
        let speaks_for = e.speaks_for.as_deref().and_then(|id| {
            let path = p.at(&[k("speaks_for")]);
            let of = ("entities", "entity");
            checks::reference(cx, fi, &path, id, &index, of, &pack.disabled)
        });
        if e.aliases.is_empty() {
            cx.error(
                fi,
                &p.at(&[k("aliases")]),
                "alias list is empty; give at least one name the entity goes by".into(),
            );
        }
        entities.push(Entity {
            id: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind,
            speaks_for,
            root: 0,
            origin: cx.origin(fi, &p.base),
        });
    }
    checks::speaks_for_roots(cx, items, &mut entities);
    entities
}

/// Adds every alias as a phrase, each once; an alias two entities give goes to the one
/// [`checks::Claimed`] picks, with a warning.
pub(super) fn alias_phrases(
    cx: &mut Faults,
    items: &[Placed<EntitySpec>],
    entities: &[Entity],
    phrases: &mut Vec<Option<Phrase>>,
) -> Claimed {
    let mut aliases = Claimed::default();
    let ids = |n: usize| entities[n].id.clone();
    // In priority order, as triggers are (see `predicates::by_priority`).
    for (n, p) in super::predicates::by_priority(items, |p| p.spec.priority) {
        let (fi, e) = (p.file, p.spec);
        for (a, alias) in e.aliases.iter().enumerate() {
            let path = p.at(&[k("aliases"), ix(a)]);
            let exact = exact_case(e.case, alias);
            let Some(elems) = phrases::parse_at(cx, fi, &path, alias, exact) else {
                continue;
            };
            let claim = Claim {
                owner: n,
                slot: phrases.len(),
                file: fi,
                path: path.clone(),
                priority: e.priority,
                layer: p.layer,
                written: alias.clone(),
            };
            let norm = normalise(alias, exact);
            if !aliases.claim(cx, "alias", norm, claim, &ids, phrases) {
                continue;
            }
            let origin = cx.origin(fi, &path);
            phrases.push(Some(Phrase::new(
                alias.clone(),
                elems,
                Owner::Alias(n),
                exact,
                origin,
            )));
        }
    }
    aliases
}

/// Whether an alias matches only in the letter case it is written in.
fn exact_case(rule: CaseRule, alias: &str) -> bool {
    match rule {
        CaseRule::Exact => true,
        CaseRule::Any => false,
        CaseRule::Auto => {
            let letters: Vec<char> = alias.chars().filter(|c| c.is_alphabetic()).collect();
            letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
        }
    }
}

/// An alias as aliases are compared for clashes: words joined by one space, folded unless
/// the alias matches in its own letter case.
fn normalise(alias: &str, exact: bool) -> String {
    let words: Vec<String> = alias
        .split_whitespace()
        .map(|w| {
            if exact {
                w.to_string()
            } else {
                w.chars().map(fold).collect()
            }
        })
        .collect();
    words.join(" ")
}
