//! Pairs with general claims: what the general judge finds between two gists, made a
//! finding of the report (a verdict and kind), and its reason for `explain`.

use super::{Found, Kind, Probe, Verdict, aimed_probes};
use crate::claim::Claim;
use crate::general::{self, Clash, Finding};
use crate::lexicon::Lexicon;
use crate::rules::RuleSet;

/// Whether a general claim gives a length of time (a duration, in minutes).
pub(super) fn lasted(c: &Claim) -> bool {
    c.general
        .as_deref()
        .is_some_and(|g| g.amounts.iter().any(general::Amount::is_duration))
}

/// A pair with a general claim: both must be general, and their gists clash or agree.
pub(super) fn judge_general(
    a: &Probe,
    b: &Probe,
    claims: &[Claim],
    same_time: bool,
    rules: &RuleSet,
    lex: &Lexicon,
) -> Option<Found> {
    let (ga, gb) = (
        claims[a.claim].general.as_deref()?,
        claims[b.claim].general.as_deref()?,
    );
    // What one writer says of two things in passing ("the five-minute video", "another
    // eight-minute video") is about two things, not a writer contradicting themself.
    if a.article == b.article && ga.described && gb.described {
        return None;
    }
    match general::judge(ga, gb, lex, rules.settings.quantity_tolerance)? {
        // A rejection answers what was alleged at the time, never a later change.
        Finding::Clash {
            clash: Clash::Denial,
            ..
        } if !same_time && !aimed_probes(a, b) => None,
        Finding::Clash { clash, .. } => Some(Found::Conflict(
            Verdict::Contradiction,
            match clash {
                Clash::Negation => Kind::Negation,
                Clash::Denial => Kind::Dispute,
                Clash::Opposite => Kind::Opposite,
                Clash::Amount => Kind::Quantity,
                Clash::Value => Kind::Functional,
            },
        )),
        Finding::Agree => {
            let one_voice = claims[a.claim].speaker.is_some()
                && claims[a.claim].speaker == claims[b.claim].speaker;
            (a.article != b.article && same_time && !one_voice).then_some(Found::Agreement)
        }
    }
}

/// Whether the functional relation a general claim gives a value is one whose value never
/// changes (`changes: never` in the lexicon).
pub(super) fn never_changes(c: &Claim, lexicon: &Lexicon) -> bool {
    let Some((id, _)) = c.general.as_deref().and_then(|g| g.value.as_ref()) else {
        return false;
    };
    lexicon
        .relations()
        .iter()
        .any(|f| &f.id == id && f.changes == crate::lexicon::schema::Changes::Never)
}

/// Why two general claims clash, as the general judge says (for `explain` and reports).
pub fn general_reason(a: &Claim, b: &Claim, rules: &RuleSet) -> Option<String> {
    let (ga, gb) = (a.general.as_deref()?, b.general.as_deref()?);
    let lex = Lexicon::bundled().ok()?;
    match general::judge(ga, gb, lex, rules.settings.quantity_tolerance)? {
        Finding::Clash { why, .. } => Some(format!("general knowledge: {why}")),
        Finding::Agree => None,
    }
}
