//! The checks that span items: ids unique in their section, references that name an
//! existing item, `speaks_for` without cycles, opposites that agree, and aliases that name
//! one entity and do not nearly repeat another's.

use super::sections::Placed;
use crate::rules::diagnostic::locate::Step;
use crate::rules::diagnostic::{Faults, did_you_mean, ix, k, nearest};
use crate::rules::schema::{EntitySpec, PredicateSpec};
use crate::rules::{Entity, Predicate, Severity};
use std::collections::{BTreeMap, HashMap};

/// Records the ids of one section of one file, reporting duplicates with both places.
pub(super) fn unique_ids<'a>(
    cx: &mut Faults,
    fi: usize,
    section: &str,
    ids: impl Iterator<Item = &'a str>,
    map: &mut BTreeMap<String, (usize, usize)>,
) {
    for (i, id) in ids.enumerate() {
        let path = [k(section), ix(i), k("id")];
        if id.trim().is_empty() {
            cx.error(fi, &path, "id is empty".into());
            continue;
        }
        if let Some((of, oi)) = map.get(id) {
            let other = cx.origin(*of, &[k(section), ix(*oi), k("id")]);
            cx.error(
                fi,
                &path,
                format!("id `{id}` is already used at {other}; ids must be unique"),
            );
            continue;
        }
        map.insert(id.to_string(), (fi, i));
    }
}

/// The index of the `what` (entity, family, …) a reference at `path` names, or an error
/// with the nearest id.
pub(super) fn reference(
    cx: &mut Faults,
    fi: usize,
    path: &[Step],
    id: &str,
    index: &HashMap<&str, usize>,
    what: &str,
) -> Option<usize> {
    if let Some(&j) = index.get(id) {
        return Some(j);
    }
    let hint = did_you_mean(nearest(id, index.keys().copied()));
    cx.error(fi, path, format!("no {what} has the id `{id}`{hint}"));
    None
}

/// Sets each entity's root, and reports cycles in speaks_for. A cycle is reported once, at
/// its first member in pack order, listing its members in the order they speak for each
/// other.
pub(super) fn speaks_for_roots(
    cx: &mut Faults,
    items: &[Placed<EntitySpec>],
    entities: &mut [Entity],
) {
    for n in 0..entities.len() {
        let mut seen = vec![n];
        let mut at = n;
        let mut cycle_start = None;
        while let Some(next) = entities[at].speaks_for {
            if let Some(pos) = seen.iter().position(|&j| j == next) {
                cycle_start = Some(pos);
                break;
            }
            seen.push(next);
            at = next;
        }
        match cycle_start {
            Some(pos) => {
                let cycle = &seen[pos..];
                if cycle.first() == Some(&n) && cycle.iter().all(|&j| j >= n) {
                    let (fi, i) = (items[n].file, items[n].item);
                    let mut names: Vec<&str> =
                        cycle.iter().map(|&j| entities[j].id.as_str()).collect();
                    names.push(entities[n].id.as_str());
                    cx.error(fi, &[k("entities"), ix(i), k("speaks_for")], format!("`speaks_for` goes round in a circle: {}; one of them must speak for no one or for someone outside it", names.join(" -> ")));
                }
                entities[n].root = n;
            }
            None => entities[n].root = at,
        }
    }
}

/// Opposites must agree both ways and stay in one family.
pub(super) fn opposites(
    cx: &mut Faults,
    items: &[Placed<PredicateSpec>],
    predicates: &[Predicate],
) {
    for n in 0..predicates.len() {
        let Some(o) = predicates[n].opposite else {
            continue;
        };
        let (fi, i) = (items[n].file, items[n].item);
        if o == n {
            cx.error(
                fi,
                &[k("predicates"), ix(i), k("opposite")],
                "a predicate cannot be its own opposite".into(),
            );
            continue;
        }
        let unknown = |f: usize| f == usize::MAX;
        if predicates[o].family != predicates[n].family
            && !unknown(predicates[o].family)
            && !unknown(predicates[n].family)
        {
            cx.error(
                fi,
                &[k("predicates"), ix(i), k("opposite")],
                format!(
                    "`{}` is in another family; opposites must share a family",
                    predicates[o].id
                ),
            );
        }
        match predicates[o].opposite {
            Some(back) if back != n => {
                cx.error(
                    fi,
                    &[k("predicates"), ix(i), k("opposite")],
                    format!(
                        "`{}` names `{}` as its opposite, not `{}`",
                        predicates[o].id, predicates[back].id, predicates[n].id
                    ),
                );
            }
            _ => {}
        }
    }
}

/// Where an alias was given.
pub(super) struct AliasPlace {
    pub entity: usize,
    pub file: usize,
    /// The entity's position in its file's section.
    pub item: usize,
    /// The alias's position in the entity's list.
    pub alias: usize,
    pub written: String,
}

/// The first place each alias was given, by its normalised form, for the checks that an
/// alias names one entity.
#[derive(Default)]
pub(super) struct Aliases {
    first: HashMap<String, AliasPlace>,
}

impl Aliases {
    /// Records an alias at `place`. False if it was given before, with an error when that
    /// was for another entity.
    pub fn first_use(
        &mut self,
        cx: &mut Faults,
        norm: String,
        place: AliasPlace,
        entities: &[Entity],
    ) -> bool {
        let Some(before) = self.first.get(&norm) else {
            self.first.insert(norm, place);
            return true;
        };
        if before.entity != place.entity {
            let where_ = cx.origin(before.file, &[k("entities"), ix(before.item)]);
            let path = [k("entities"), ix(place.item), k("aliases"), ix(place.alias)];
            cx.error(
                place.file,
                &path,
                format!(
                    "alias `{}` is also an alias of `{}` ({where_}); an alias must name one entity",
                    place.written, entities[before.entity].id
                ),
            );
        }
        false
    }

    /// Warns of near-duplicate aliases across entities: probably one person under two ids.
    pub fn near_duplicates(&self, cx: &mut Faults, entities: &[Entity]) {
        let mut alias_list: Vec<(&String, &AliasPlace)> = self.first.iter().collect();
        alias_list.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let profiles: Vec<CharProfile> = alias_list
            .iter()
            .map(|(a, place)| CharProfile::of(a, place.entity))
            .collect();
        for (x, (a, ea)) in alias_list.iter().enumerate() {
            if profiles[x].len < 6 {
                continue;
            }
            for (y, (b, eb)) in alias_list.iter().enumerate().skip(x + 1) {
                if !profiles[x].may_be_near(&profiles[y]) {
                    continue;
                }
                if strsim::jaro_winkler(a, b) >= 0.95 {
                    let place = cx.origin(eb.file, &[k("entities"), ix(eb.item)]);
                    let path = [k("entities"), ix(ea.item), k("aliases"), ix(ea.alias)];
                    cx.at(ea.file, &path, Severity::Warning, format!("alias `{}` of `{}` is nearly the same as `{}` of `{}` ({place}); if they are one entity, merge them", ea.written, entities[ea.entity].id, eb.written, entities[eb.entity].id));
                }
            }
        }
    }
}

/// An alias's owner, its length in characters and a histogram of its characters (folded
/// into 32 buckets), for a cheap test that rules out most pairs before Jaro-Winkler: a
/// large pack has tens of millions of pairs.
struct CharProfile {
    owner: usize,
    len: usize,
    counts: [u16; 32],
}

impl CharProfile {
    fn of(text: &str, owner: usize) -> CharProfile {
        let mut counts = [0u16; 32];
        let mut len = 0;
        for c in text.chars() {
            len += 1;
            let bucket = (u32::from(c) % 32) as usize;
            counts[bucket] = counts[bucket].saturating_add(1);
        }
        CharProfile { owner, len, counts }
    }

    /// False when the pair need not be compared: aliases of one entity, words under six
    /// characters, or a Jaro-Winkler similarity that must be below 0.95. That similarity is
    /// at most 0.6 j + 0.4 (a prefix of four adds 0.4 of what Jaro j lacks), so j must be at
    /// least 11/12, which needs m/|a| + m/|b| >= 1.75 for the m matching characters: m is at
    /// least 3/4 of the longer word. Matching characters are equal, so m is at most the
    /// characters the two histograms share (buckets only add to that count).
    fn may_be_near(&self, other: &CharProfile) -> bool {
        if self.owner == other.owner || self.len < 6 || other.len < 6 {
            return false;
        }
        let longer = self.len.max(other.len);
        // A small allowance keeps the test on the safe side of rounding.
        if 100 * self.len.min(other.len) < 74 * longer {
            return false;
        }
        let shared: usize = self
            .counts
            .iter()
            .zip(&other.counts)
            .map(|(a, b)| usize::from(*a.min(b)))
            .sum();
        100 * shared >= 74 * longer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_near_duplicate_filter_never_drops_a_near_pair() {
        // Words and their misspellings (substitutions, swaps, insertions, deletions), from a
        // fixed generator: every pair Jaro-Winkler calls near must pass the filter.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let letters: Vec<char> = "aeiourstnlkmvz-é".chars().collect();
        let (mut near, mut kept) = (0, 0);
        for _ in 0..20_000 {
            let len = 6 + next(14);
            let a: Vec<char> = (0..len).map(|_| letters[next(letters.len())]).collect();
            let mut b = a.clone();
            for _ in 0..1 + next(3) {
                let at = next(b.len());
                match next(4) {
                    0 => b[at] = letters[next(letters.len())],
                    1 if at + 1 < b.len() => b.swap(at, at + 1),
                    2 => b.insert(at, letters[next(letters.len())]),
                    _ if b.len() > 6 => {
                        b.remove(at);
                    }
                    _ => {}
                }
            }
            let (a, b): (String, String) = (a.into_iter().collect(), b.into_iter().collect());
            let pass = CharProfile::of(&a, 0).may_be_near(&CharProfile::of(&b, 1));
            if strsim::jaro_winkler(&a, &b) >= 0.95 {
                near += 1;
                assert!(pass, "`{a}` and `{b}` are near but were filtered out");
            }
            kept += usize::from(pass);
        }
        assert!(near > 1000, "the generator makes near pairs ({near})");
        assert!(kept < 20_000, "the filter drops some pairs");
        // Aliases of one entity are never compared.
        assert!(!CharProfile::of("Ostland", 3).may_be_near(&CharProfile::of("Ostlands", 3)));
    }
}
