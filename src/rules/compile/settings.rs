//! The `settings` section: the pack's one set of tunable numbers, each checked against its
//! range.

use crate::rules::RuleSource;
use crate::rules::Settings;
use crate::rules::diagnostic::{Diagnostic, Faults, k};
use crate::rules::schema::{SettingsSpec, default_max_block_claims};

/// The most conflicts or agreements a claim may keep.
pub const MAX_PAIRS_PER_CLAIM: usize = 100;

/// The range of `max_block_claims`: the most claims of one block compared at once.
pub const MIN_BLOCK_CLAIMS: usize = 10;
pub const MAX_BLOCK_CLAIMS: usize = 100_000_000;

/// The settings of the pack. `unread` says a file did not parse: it may hold the settings,
/// and its own error says enough, so their absence is not reported then.
pub(super) fn compile(
    cx: &mut Faults,
    spec: Option<(usize, &SettingsSpec)>,
    unread: bool,
    sources: &[RuleSource],
) -> Settings {
    match spec {
        Some((fi, s)) => checked(cx, fi, s),
        None if unread => Settings {
            same_time_days: 7,
            quantity_tolerance: 0.15,
            max_gap_words: 4,
            cue_reach_words: 6,
            max_pairs_per_claim: 20,
            max_block_claims: default_max_block_claims(),
        },
        None => {
            let file = sources
                .first()
                .map(|s| s.name.clone())
                .unwrap_or_else(|| "claims".into());
            cx.push(Diagnostic::at_top(
                file,
                "settings",
                "the pack has no `settings` section; add one (see claims/settings.yaml)".into(),
            ));
            Settings {
                same_time_days: 7,
                quantity_tolerance: 0.2,
                max_gap_words: 4,
                cue_reach_words: 6,
                max_pairs_per_claim: 50,
                max_block_claims: default_max_block_claims(),
            }
        }
    }
}

/// The settings as given, with each value outside its range reported.
fn checked(cx: &mut Faults, fi: usize, s: &SettingsSpec) -> Settings {
    let mut bad = |key: &str, msg: &str| cx.error(fi, &[k("settings"), k(key)], msg.to_string());
    if !(0..=3650).contains(&s.same_time_days) {
        bad("same_time_days", "must be between 0 and 3650 days");
    }
    if !(0.0..=10.0).contains(&s.quantity_tolerance) || s.quantity_tolerance.is_nan() {
        bad(
            "quantity_tolerance",
            "must be a fraction between 0 and 10 (0.2 means 20 %)",
        );
    }
    if s.max_gap_words > 12 {
        bad(
            "max_gap_words",
            "must be at most 12; longer gaps match unrelated words",
        );
    }
    if s.cue_reach_words == 0 || s.cue_reach_words > 30 {
        bad("cue_reach_words", "must be between 1 and 30");
    }
    // Each claim looks at 2 × max_pairs_per_claim + 16 neighbours, and keeps as many pairs:
    // 10,000 with 10,000 claims of one subject and day filled 24 GB.
    if s.max_pairs_per_claim == 0 || s.max_pairs_per_claim > MAX_PAIRS_PER_CLAIM {
        bad(
            "max_pairs_per_claim",
            "must be between 1 and 100: each claim's work and pairs grow with it",
        );
    }
    if !(MIN_BLOCK_CLAIMS..=MAX_BLOCK_CLAIMS).contains(&s.max_block_claims) {
        bad(
            "max_block_claims",
            "must be between 10 and 100,000,000: a block larger than this is split into tiles",
        );
    }
    Settings {
        same_time_days: s.same_time_days,
        quantity_tolerance: s.quantity_tolerance,
        max_gap_words: s.max_gap_words,
        cue_reach_words: s.cue_reach_words,
        max_pairs_per_claim: s.max_pairs_per_claim,
        max_block_claims: s.max_block_claims,
    }
}
