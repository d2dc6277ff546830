//! References: the earlier claims of the article a claim leans on. A claim's antecedent is
//! the last claim of its family ("the withdrawal"); a dispute is aimed at the last assertion
//! of its predicate and subject; and a sentence that disputes "this claim" without a
//! trigger of its own makes a dispute of the claim it refers to.

use super::{Claim, Modality, SentenceView, Stance, Subject};
use crate::extract::TriggerHit;
use crate::rules::RuleSet;
use crate::rules::schema::CueKind;

/// How many earlier claims of the article a reference may reach back over ("the
/// withdrawal", "this claim"): enough for any real article, and a bound on the work.
const ANTECEDENT_REACH: usize = 64;

/// The nearest fitting antecedent among the last `ANTECEDENT_REACH` claims: the last one
/// of `family`.
pub(super) fn antecedent<'c>(
    claims: &'c [Claim],
    family: usize,
    rules: &RuleSet,
) -> Option<&'c Claim> {
    claims
        .iter()
        .rev()
        .take(ANTECEDENT_REACH)
        .find(|c| rules.predicates[c.predicate].family == family)
}

/// The id of the claim a dispute by trigger `t` about `subject` is aimed at: the last
/// assertion of the same predicate and subject among `earlier` (claims of sentences before).
pub(super) fn dispute_target(
    earlier: &[Claim],
    t: &TriggerHit,
    subject: Subject,
) -> Option<String> {
    earlier
        .iter()
        .rev()
        .take(ANTECEDENT_REACH)
        .find(|c| c.predicate == t.predicate && c.subject == subject && c.stance == Stance::Asserts)
        .map(|c| c.id.clone())
}

/// How many sentences back "this claim" may refer.
const REFERENCE_SENTENCES: usize = 3;

/// A dispute aimed at an earlier claim by reference: "The alliance disputes this claim."
/// A dispute cue and a reference cue in the content make a dispute of the last assertion at
/// most three lines and three sentences back, with its subject, predicate, polarity,
/// quantity and time.
pub(super) fn dispute_by_reference(
    s: &SentenceView,
    claims: &[Claim],
    rules: &RuleSet,
) -> Option<Claim> {
    let (body, f) = (s.body, s.f);
    let (c0, c1) = s.att.content;
    let dispute = f
        .cues_of(CueKind::Dispute)
        .find(|c| c.start >= c0 && c.end <= c1);
    let reference = f
        .cues_of(CueKind::Reference)
        .find(|c| c.start >= c0 && c.end <= c1);
    let line_here = s.lines.line_of(f.text.0);
    let (Some(dc), Some(rc)) = (dispute, reference) else {
        return None;
    };
    // Near in lines and in sentences: a line of a JSON lines file holds a whole article.
    let from = s.facts[s.index.saturating_sub(REFERENCE_SENTENCES)].text.0;
    let target = claims
        .iter()
        .rev()
        .take(ANTECEDENT_REACH)
        .find(|c| c.stance == Stance::Asserts && c.line + 3 >= line_here && c.span.0 >= from)?;
    if !one_governs_the_other(s.parse(), dc.start, rc.start) {
        return None;
    }
    let hedged = f
        .cues_of(CueKind::Hedge)
        .any(|c| c.start >= c0 && c.end <= c1);
    let reasons = vec![
        format!(
            "dispute cue `{}` with reference `{}` ({})",
            &body[dc.start..dc.end],
            &body[rc.start..rc.end],
            rules.cues[rc.cue].origin
        ),
        format!("speaker: {}", s.att.how),
        format!("refers to the claim on line {}: {}", target.line, target.id),
    ];
    Some(Claim {
        polarity: target.polarity,
        stance: Stance::Disputes,
        target: Some(target.id.clone()),
        modality: if hedged {
            Modality::Hedged
        } else {
            Modality::Asserted
        },
        quantity: target.quantity.clone(),
        when: target.when.clone(),
        reasons,
        ..s.claim((dc.start, dc.end), target.predicate, target.subject, rules)
    })
}

/// Whether the clauses of the words at two offsets are one, or one stands above the other:
/// a dispute cue in one clause and a reference in another that it does not govern
/// ("proxies pushed misleading claims …, and it singled out X as a conduit for those
/// claims") are not one act of disputing. Words outside every clause pass.
fn one_governs_the_other(p: &crate::parse::Parse, a: usize, b: usize) -> bool {
    let clause = |at: usize| p.word_at_offset(at).and_then(|w| p.clause_at(w));
    match (clause(a), clause(b)) {
        (Some(ca), Some(cb)) => p.chain(ca).contains(&cb) || p.chain(cb).contains(&ca),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::Reading;
    use crate::claim::tests::{Fixture, bundled, invented};

    /// The fixture of a text of two claims, and its claims.
    fn two_claims(text: &str) -> (Fixture, Vec<Claim>) {
        let fx = Fixture::new(text);
        let claims = fx.read().claims;
        assert_eq!(claims.len(), 2, "{text}");
        (fx, claims)
    }

    #[test]
    fn the_antecedent_is_the_last_claim_of_the_family() {
        let (_, claims) = two_claims(
            "Ruritanian soldiers are massing. Relations between Ruritania and Freedonia are friendly.",
        );
        let rules = bundled();
        let family_of = |c: &Claim| rules.predicates[c.predicate].family;
        let troops = antecedent(&claims, family_of(&claims[0]), rules);
        assert_eq!(troops.map(|c| c.id.as_str()), Some(claims[0].id.as_str()));
        let relations = antecedent(&claims, family_of(&claims[1]), rules);
        assert_eq!(
            relations.map(|c| c.id.as_str()),
            Some(claims[1].id.as_str())
        );
        assert!(antecedent(&claims[..1], family_of(&claims[1]), rules).is_none());
    }

    /// The fixture of `text` read with the invented pack, and its reading.
    fn invented_reading(text: &str) -> (Fixture, Reading) {
        let fx = Fixture::with(text, invented());
        let reading = crate::claim::read_article(0, &fx.article, &fx.facts, invented());
        (fx, reading)
    }

    #[test]
    fn a_dispute_is_aimed_at_the_last_assertion_of_its_predicate_and_subject() {
        let (fx, reading) = invented_reading(
            "Ruritanian troops are pulling back. The Alliance disputes that Ruritanian troops are pulling back.",
        );
        let claims = reading.claims;
        assert_eq!(claims.len(), 2);
        let t = fx.trigger(1, "pulling back");
        let target = dispute_target(&claims[..1], t, claims[0].subject);
        assert_eq!(target.as_deref(), Some(claims[0].id.as_str()));
        assert_eq!(claims[1].target, target);
        let freedonia = invented().entity_index("freedonia").expect("freedonia");
        assert_eq!(
            dispute_target(&claims[..1], t, Subject::One(freedonia)),
            None
        );
    }

    #[test]
    fn this_claim_makes_a_dispute_of_the_claim_referred_to() {
        let (fx, reading) = invented_reading(
            "Ruritanian troops are pulling back. The Alliance disputes this claim.",
        );
        let earlier = &reading.claims[..1];
        let made = dispute_by_reference(&fx.view(1, 1), earlier, invented());
        let Some(c) = made else {
            panic!("no dispute by reference");
        };
        assert_eq!(c.stance, Stance::Disputes);
        assert_eq!(c.target.as_deref(), Some(earlier[0].id.as_str()));
        assert_eq!(
            (c.subject, c.predicate),
            (earlier[0].subject, earlier[0].predicate)
        );
        assert_eq!(c.trigger, "disputes");
        assert_eq!(
            c.reasons[2],
            format!("refers to the claim on line 1: {}", earlier[0].id)
        );
    }

    #[test]
    fn a_dispute_cue_and_a_reference_in_unrelated_clauses_dispute_nothing() {
        let (fx, reading) = invented_reading(
            "Ruritanian troops are pulling back. The Gazette said Freedonian officials denied the reports, and it singled out a lawmaker as the source of this claim.",
        );
        let made = dispute_by_reference(&fx.view(1, 1), &reading.claims[..1], invented());
        assert!(made.is_none(), "{made:?}");
        // In one clause, the cue disputes what the reference names.
        let (fx, reading) = invented_reading(
            "Ruritanian troops are pulling back. Freedonian officials denied this claim on Monday.",
        );
        let made = dispute_by_reference(&fx.view(1, 1), &reading.claims[..1], invented());
        assert!(made.is_some());
    }

    #[test]
    fn this_claim_reaches_back_three_lines_at_most() {
        let body =
            "Ruritanian troops are pulling back.\n\nA.\n\nB.\n\nThe Alliance disputes this claim.";
        let (fx, reading) = invented_reading(body);
        assert_eq!(reading.claims.len(), 1);
        let last = fx.facts.len() - 1;
        let made = dispute_by_reference(&fx.view(last, 1), &reading.claims[..1], invented());
        assert!(made.is_none());
    }
}
