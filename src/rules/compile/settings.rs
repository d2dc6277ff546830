//! The `settings` sections: the pack's one set of tunable numbers, each checked against its
//! range. The base pack gives every setting; an extension may give some, which replace the
//! base pack's, the later extension winning (`claimclash.yaml`'s `same_time_days` comes on
//! top of them all, in the binary).

use super::sections::Sections;
use crate::rules::diagnostic::locate::Step;
use crate::rules::diagnostic::{Diagnostic, Faults, k};
use crate::rules::schema::{SettingsSpec, default_max_block_claims};
use crate::rules::set::Change;
use crate::rules::{Origin, RuleSource, Settings};

/// The most conflicts or agreements a claim may keep.
pub const MAX_PAIRS_PER_CLAIM: usize = 100;

/// The range of `max_block_claims`: the most claims of one block compared at once.
pub const MIN_BLOCK_CLAIMS: usize = 10;
pub const MAX_BLOCK_CLAIMS: usize = 100_000_000;

/// The keys of `settings`, in the order they are shown.
pub const KEYS: [&str; 6] = [
    "same_time_days",
    "quantity_tolerance",
    "max_gap_words",
    "cue_reach_words",
    "max_pairs_per_claim",
    "max_block_claims",
];

/// How many of [`KEYS`], from the first, the base pack must give; the others have a
/// default.
const REQUIRED: usize = 5;

/// What a pack whose settings cannot be read runs with, so that its other faults are still
/// found: the bundled pack's values.
const FALLBACK: Settings = Settings {
    same_time_days: 7,
    quantity_tolerance: 0.15,
    max_gap_words: 4,
    cue_reach_words: 6,
    max_pairs_per_claim: 20,
    max_block_claims: default_max_block_claims(),
};

/// The settings of the pack and where each was given. `unread` says a file did not parse:
/// it may hold the settings, and its own error says enough, so their absence is not
/// reported then.
pub(super) fn compile(
    cx: &mut Faults,
    pack: &mut Sections,
    unread: bool,
    sources: &[RuleSource],
) -> (Settings, Vec<(&'static str, Origin)>) {
    let mut values = FALLBACK;
    let mut from: Vec<Option<Origin>> = vec![None; KEYS.len()];
    let base = pack.settings.iter().find(|(_, layer, _)| *layer == 0);
    match base {
        Some(&(fi, _, s)) => {
            for (n, key) in KEYS.iter().enumerate().take(REQUIRED) {
                if !given(s, n) {
                    cx.error(
                        fi,
                        &[k("settings")],
                        format!("`{key}` is missing; the base pack gives every setting (claimclash rules export DIR writes the bundled ones)"),
                    );
                }
            }
        }
        None if unread => {}
        // A pack of general knowledge only (no beat rules at all) runs on the defaults.
        None if sources.iter().all(|s| s.text.trim().is_empty()) => {}
        None => {
            let file = sources
                .first()
                .map(|s| s.name.clone())
                .unwrap_or_else(|| "claims".into());
            cx.push(Diagnostic::at_top(
                file.clone(),
                "settings",
                format!(
                    "the pack has no `settings` section; if {} is an extension of the bundled pack, use it with --extra-rules (claimclash rules check --extra-rules DIR); a pack of its own needs one (claimclash rules export DIR writes the bundled pack to start from)",
                    folder_of(&file)
                ),
            ));
        }
    }
    for &(fi, layer, s) in &pack.settings {
        check_ranges(cx, fi, s);
        for (n, key) in KEYS.iter().enumerate() {
            if !given(s, n) {
                continue;
            }
            let origin = cx.origin(fi, &[k("settings"), k(key)]);
            let was = show(&values, n);
            set(&mut values, s, n);
            if layer > 0
                && let Some(ext) = pack.changes.get_mut(layer - 1)
            {
                ext.changes.push(Change::Setting {
                    key,
                    value: show(&values, n),
                    was,
                    at: origin.clone(),
                });
            }
            from[n] = Some(origin);
        }
    }
    let from = KEYS
        .iter()
        .zip(from)
        .filter_map(|(key, o)| o.map(|o| (*key, o)))
        .collect();
    (values, from)
}

/// The folder a rule file is in, as messages name it.
fn folder_of(file: &str) -> String {
    std::path::Path::new(file)
        .parent()
        .map(|p| p.display().to_string())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "this folder".into())
}

/// Whether the settings give key number `n` of [`KEYS`].
fn given(s: &SettingsSpec, n: usize) -> bool {
    match n {
        0 => s.same_time_days.is_some(),
        1 => s.quantity_tolerance.is_some(),
        2 => s.max_gap_words.is_some(),
        3 => s.cue_reach_words.is_some(),
        4 => s.max_pairs_per_claim.is_some(),
        _ => s.max_block_claims.is_some(),
    }
}

/// Takes key number `n` of [`KEYS`] from `s` when it gives it.
fn set(v: &mut Settings, s: &SettingsSpec, n: usize) {
    match n {
        0 => v.same_time_days = s.same_time_days.unwrap_or(v.same_time_days),
        1 => v.quantity_tolerance = s.quantity_tolerance.unwrap_or(v.quantity_tolerance),
        2 => v.max_gap_words = s.max_gap_words.unwrap_or(v.max_gap_words),
        3 => v.cue_reach_words = s.cue_reach_words.unwrap_or(v.cue_reach_words),
        4 => v.max_pairs_per_claim = s.max_pairs_per_claim.unwrap_or(v.max_pairs_per_claim),
        _ => v.max_block_claims = s.max_block_claims.unwrap_or(v.max_block_claims),
    }
}

/// Key number `n` of [`KEYS`] as written.
pub fn show(v: &Settings, n: usize) -> String {
    match n {
        0 => v.same_time_days.to_string(),
        1 => v.quantity_tolerance.to_string(),
        2 => v.max_gap_words.to_string(),
        3 => v.cue_reach_words.to_string(),
        4 => v.max_pairs_per_claim.to_string(),
        _ => v.max_block_claims.to_string(),
    }
}

/// Reports each value given outside its range.
fn check_ranges(cx: &mut Faults, fi: usize, s: &SettingsSpec) {
    let mut bad = |key: &str, msg: &str| {
        let path: [Step; 2] = [k("settings"), k(key)];
        cx.error(fi, &path, msg.to_string())
    };
    if s.same_time_days.is_some_and(|d| !(0..=3650).contains(&d)) {
        bad("same_time_days", "must be between 0 and 3650 days");
    }
    if s.quantity_tolerance
        .is_some_and(|q| !(0.0..=10.0).contains(&q) || q.is_nan())
    {
        bad(
            "quantity_tolerance",
            "must be a fraction between 0 and 10 (0.2 means 20 %)",
        );
    }
    if s.max_gap_words.is_some_and(|g| g > 12) {
        bad(
            "max_gap_words",
            "must be at most 12; longer gaps match unrelated words",
        );
    }
    if s.cue_reach_words.is_some_and(|r| r == 0 || r > 30) {
        bad("cue_reach_words", "must be between 1 and 30");
    }
    // Each claim looks at 2 × max_pairs_per_claim + 16 neighbours, and keeps as many pairs:
    // 10,000 with 10,000 claims of one subject and day filled 24 GB.
    if s.max_pairs_per_claim
        .is_some_and(|m| m == 0 || m > MAX_PAIRS_PER_CLAIM)
    {
        bad(
            "max_pairs_per_claim",
            "must be between 1 and 100: each claim's work and pairs grow with it",
        );
    }
    if s.max_block_claims
        .is_some_and(|b| !(MIN_BLOCK_CLAIMS..=MAX_BLOCK_CLAIMS).contains(&b))
    {
        bad(
            "max_block_claims",
            "must be between 10 and 100,000,000: a block larger than this is split into tiles",
        );
    }
}
