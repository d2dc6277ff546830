//! Content gates: which triggers of a sentence may make a claim. A trigger must stand in the
//! part of the sentence attributed to the speaker, and a trigger of a family with context
//! words ("troops" for a withdrawal) must stand beside one.

use super::SentenceView;
use crate::extract::TriggerHit;

/// Whether a trigger lies inside the part of its sentence attributed to the speaker.
pub(super) fn in_content(s: &SentenceView, t: &TriggerHit) -> bool {
    let (c0, c1) = s.att.content;
    t.start >= c0 && t.end <= c1
}

/// Why a trigger outside the content makes no claim.
pub(super) fn outside_content(s: &SentenceView) -> String {
    let (c0, c1) = s.att.content;
    format!(
        "outside the content attributed to the speaker ({}..{})",
        c0, c1
    )
}

/// Whether a trigger whose predicate needs context word set `set` counts: a context word
/// in its sentence, or in the one before or after, or a definite reference ("the
/// withdrawal") when an earlier claim of the family exists. `Ok` is the reason it counts.
pub(super) fn context_reason(
    s: &SentenceView,
    t: &TriggerHit,
    set: usize,
    has_antecedent: bool,
) -> Result<String, String> {
    let (f, facts, i) = (s.f, s.facts, s.index);
    let here = f.has_context(set);
    let before = (i > 0 && facts[i - 1].has_context(set))
        || facts.get(i + 1).is_some_and(|n| n.has_context(set));
    let head = s.body[f.text.0..t.start].trim_end().to_ascii_lowercase();
    let definite = has_antecedent && ["the", "this", "that"].iter().any(|w| head.ends_with(w));
    if !(here || before || definite) {
        return Err("no context word of the family in this sentence or the ones next to it".into());
    }
    Ok(if here {
        "context word in the sentence".into()
    } else if before {
        "context word in the sentence before or after".into()
    } else {
        "definite reference to an earlier claim".into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::tests::Fixture;

    /// The context word set of the troop-movement family.
    fn troop_context(fx: &Fixture, index: usize, words: &str) -> usize {
        let t = fx.trigger(index, words);
        let rules = crate::claim::tests::bundled();
        match rules.predicates[t.predicate].context {
            Some(set) => set,
            None => panic!("`{words}` needs no context"),
        }
    }

    #[test]
    fn a_trigger_after_a_set_off_attribution_is_outside_the_content() {
        let fx = Fixture::new("The soldiers are withdrawing, Lavrov said, as tanks keep massing.");
        let s = fx.view(0, 0);
        assert!(in_content(&s, fx.trigger(0, "withdrawing")));
        assert!(!in_content(&s, fx.trigger(0, "massing")));
        assert_eq!(
            outside_content(&s),
            "outside the content attributed to the speaker (0..28)"
        );
    }

    #[test]
    fn a_context_word_may_stand_in_the_sentence_or_next_to_it() {
        let fx =
            Fixture::new("The soldiers are withdrawing. Tanks lined the road. It is withdrawing.");
        let set = troop_context(&fx, 0, "withdrawing");
        let here = context_reason(&fx.view(0, 0), fx.trigger(0, "withdrawing"), set, false);
        assert_eq!(here.as_deref(), Ok("context word in the sentence"));
        let next = context_reason(&fx.view(2, 0), fx.trigger(2, "withdrawing"), set, false);
        assert_eq!(
            next.as_deref(),
            Ok("context word in the sentence before or after")
        );
    }

    #[test]
    fn a_definite_reference_needs_an_earlier_claim() {
        let fx = Fixture::new("Talks went on. Nobody mentioned the withdrawal.");
        let set = troop_context(&fx, 1, "withdrawal");
        let t = fx.trigger(1, "withdrawal");
        let with = context_reason(&fx.view(1, 0), t, set, true);
        assert_eq!(
            with.as_deref(),
            Ok("definite reference to an earlier claim")
        );
        let without = context_reason(&fx.view(1, 0), t, set, false);
        let why = "no context word of the family in this sentence or the ones next to it";
        assert_eq!(without, Err(why.to_string()));
    }
}
