//! The checks that span items: ids unique in their section, references that name an
//! existing item, `speaks_for` without cycles, opposites that agree, and aliases that name
//! one entity and do not nearly repeat another's.

use super::sections::{Disabled, Placed};
use crate::rules::diagnostic::locate::Step;
use crate::rules::diagnostic::{Faults, did_you_mean, k, nearest};
use crate::rules::schema::{EntitySpec, PredicateSpec};
use crate::rules::{Entity, Predicate, Severity};
use std::collections::HashMap;

/// The index of the `what` (entity, family, …) of `section` a reference at `path` names,
/// or an error: with the nearest id, or naming the extension that disabled it.
#[allow(clippy::too_many_arguments)]
pub(super) fn reference(
    cx: &mut Faults,
    fi: usize,
    path: &[Step],
    id: &str,
    index: &HashMap<&str, usize>,
    (section, what): (&'static str, &str),
    disabled: &Disabled,
) -> Option<usize> {
    if let Some(&j) = index.get(id) {
        return Some(j);
    }
    if let Some((df, dpath)) = disabled.get(&(section, id.to_string())) {
        let by = cx.origin(*df, dpath);
        cx.error(
            fi,
            path,
            format!("`{id}` is disabled ({by}), but this rule still names it; disable or override this rule too"),
        );
        return None;
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
                    let (fi, path) = (items[n].file, items[n].at(&[k("speaks_for")]));
                    let mut names: Vec<&str> =
                        cycle.iter().map(|&j| entities[j].id.as_str()).collect();
                    names.push(entities[n].id.as_str());
                    cx.error(fi, &path, format!("`speaks_for` goes round in a circle: {}; one of them must speak for no one or for someone outside it", names.join(" -> ")));
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
        let (fi, path) = (items[n].file, items[n].at(&[k("opposite")]));
        if o == n {
            cx.error(fi, &path, "a predicate cannot be its own opposite".into());
            continue;
        }
        let unknown = |f: usize| f == usize::MAX;
        if predicates[o].family != predicates[n].family
            && !unknown(predicates[o].family)
            && !unknown(predicates[n].family)
        {
            cx.error(
                fi,
                &path,
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
                    &path,
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

/// Where a rule gave a phrase (an alias, a trigger): which rule, where, and how strongly.
pub(super) struct Claim {
    /// The entity or predicate, by index.
    pub owner: usize,
    /// The phrase's slot in the pack's list of phrases.
    pub slot: usize,
    pub file: usize,
    /// The key path of the phrase.
    pub path: Vec<Step>,
    pub priority: i32,
    pub layer: usize,
    pub written: String,
}

/// Which rule keeps a phrase two rules give: the higher `priority`; at equal priority the
/// later layer (an extension's rule over the pack it extends); in one layer, the first
/// written. Deterministic whatever the file order.
fn beats(new: &Claim, old: &Claim) -> Option<&'static str> {
    if new.priority != old.priority {
        return (new.priority > old.priority).then_some("its `priority` is higher");
    }
    (new.layer > old.layer).then_some("an extension's rule comes before the packs it extends")
}

/// The phrases of one kind (aliases, or triggers) and the rule that keeps each, by its
/// normalised form.
#[derive(Default)]
pub(super) struct Claimed {
    first: HashMap<String, Claim>,
}

impl Claimed {
    /// Records that `claim` gives the phrase `norm` (`what`: "alias", "trigger"; `ids`:
    /// the owners' ids). True when its phrase goes into the pack's list at `claim.slot`;
    /// when it takes the phrase from an earlier rule, that rule's phrase is taken out of
    /// `phrases`. Two rules giving one phrase is a warning naming both places.
    pub fn claim<P>(
        &mut self,
        cx: &mut Faults,
        what: &str,
        norm: String,
        claim: Claim,
        ids: &dyn Fn(usize) -> String,
        phrases: &mut [Option<P>],
    ) -> bool {
        let Some(before) = self.first.get(&norm) else {
            self.first.insert(norm, claim);
            return true;
        };
        if before.owner == claim.owner {
            return false;
        }
        let (winner, loser, why, new_wins) = match beats(&claim, before) {
            Some(why) => (&claim, before, why, true),
            None => {
                let why = if claim.priority == before.priority && claim.layer == before.layer {
                    "it is written first"
                } else if claim.priority == before.priority {
                    "an extension's rule comes before the packs it extends"
                } else {
                    "its `priority` is higher"
                };
                (before, &claim, why, false)
            }
        };
        let (w_at, l_at) = (
            cx.origin(winner.file, &winner.path),
            cx.origin(loser.file, &loser.path),
        );
        let message = format!(
            "{what} `{}` is given by `{}` ({l_at}) and by `{}` ({w_at}); `{}` takes it, as {why}; set `priority:` on one of them to choose",
            loser.written,
            ids(loser.owner),
            ids(winner.owner),
            ids(winner.owner),
        );
        cx.at(loser.file, &loser.path, Severity::Warning, message);
        if new_wins {
            if let Some(slot) = phrases.get_mut(before.slot) {
                *slot = None;
            }
            self.first.insert(norm, claim);
        }
        new_wins
    }

    /// Warns of near-duplicate aliases across entities: probably one person under two ids.
    ///
    /// Each alias is compared with the [`NEAR_WINDOW`] aliases after it in alphabetical order
    /// and in the order of their reversed spellings (a slip early in a name leaves the end in
    /// order, a slip late leaves the start), never with every other alias: the work is
    /// linear in the aliases whatever the pack (20,000 anagrams, which pass every cheap
    /// filter, took 83 s). At most [`MAX_NEAR_WARNINGS`] are listed, then a count.
    pub fn near_duplicates(&self, cx: &mut Faults, entities: &[Entity]) {
        let mut alias_list: Vec<(&String, &Claim)> = self
            .first
            .iter()
            .filter(|(a, _)| a.chars().count() >= 6)
            .collect();
        alias_list.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let profiles: Vec<CharProfile> = alias_list
            .iter()
            .map(|(a, place)| CharProfile::of(a, place.owner))
            .collect();
        let mut reversed: Vec<(String, usize)> = alias_list
            .iter()
            .enumerate()
            .map(|(x, (a, _))| (a.chars().rev().collect(), x))
            .collect();
        reversed.sort_unstable();
        let forward: Vec<usize> = (0..alias_list.len()).collect();
        let backward: Vec<usize> = reversed.into_iter().map(|(_, x)| x).collect();
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(2 * NEAR_WINDOW * forward.len());
        for order in [&forward, &backward] {
            for (at, &x) in order.iter().enumerate() {
                for &y in order.iter().skip(at + 1).take(NEAR_WINDOW) {
                    pairs.push((x.min(y) as u32, x.max(y) as u32));
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut more = 0usize;
        let mut shown = 0usize;
        for (x, y) in pairs {
            let (x, y) = (x as usize, y as usize);
            let ((a, ea), (b, eb)) = (alias_list[x], alias_list[y]);
            if !profiles[x].may_be_near(&profiles[y]) || strsim::jaro_winkler(a, b) < 0.95 {
                continue;
            }
            if shown == MAX_NEAR_WARNINGS {
                more += 1;
                continue;
            }
            shown += 1;
            let place = cx.origin(eb.file, item_of(&eb.path));
            cx.at(ea.file, &ea.path, Severity::Warning, format!("alias `{}` of `{}` is nearly the same as `{}` of `{}` ({place}); if they are one entity, merge them", ea.written, entities[ea.owner].id, eb.written, entities[eb.owner].id));
        }
        if more > 0
            && let Some((_, first)) = alias_list.first()
        {
            let path = [k("entities")];
            cx.at(
                first.file,
                &path,
                Severity::Warning,
                format!("{more} more pairs of nearly the same aliases are not listed; merge the ones above and check again"),
            );
        }
    }
}

/// The item a phrase's path (`entities[3].aliases[1]`) is in.
fn item_of(path: &[Step]) -> &[Step] {
    &path[..path.len().saturating_sub(2)]
}

/// How many neighbours of an alias, in each of two orders, the near-duplicate check compares
/// it with.
pub(super) const NEAR_WINDOW: usize = 32;

/// The most near-duplicate warnings listed; the rest are counted.
pub(super) const MAX_NEAR_WARNINGS: usize = 100;

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
