//! Content gates: which triggers of a sentence may make a claim. A trigger must stand in the
//! part of the sentence attributed to the speaker, and a trigger of a family with context
//! words ("troops" for a withdrawal) must stand beside one.

use super::SentenceView;
use crate::extract::TriggerHit;
use crate::rules::{Owner, RuleSet};

/// Words that open a noun phrase right after a verb: a trigger followed by one may have an
/// object (English grammar).
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "that", "these",
    "those", "some", "all", "many", "several",
];

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

/// A trigger verb with an object moves that object: a trigger of a family with context
/// words counts only when its object (with the phrase its "of" adds) holds one ("scaling
/// back the group's advance" moves no troops; "pulled back its forces" does). `Err` says
/// why not. The parse is read only when a determiner follows the trigger.
pub(super) fn object_moved(
    s: &SentenceView,
    t: &TriggerHit,
    set: usize,
    rules: &RuleSet,
) -> Result<(), String> {
    let after = s.body.get(t.end..s.f.text.1.max(t.end)).unwrap_or("");
    let next = after
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty());
    let opens = after.starts_with(char::is_whitespace)
        && next.is_some_and(|w| DETERMINERS.iter().any(|d| w.eq_ignore_ascii_case(d)));
    if !opens {
        return Ok(());
    }
    let p = s.parse();
    // The trigger is a verb (not "the pullback") and the phrase right after it its object.
    let Some(first) = p.word_at_offset(t.start) else {
        return Ok(());
    };
    // An active verb: a passive has no object, a copula none that it moves.
    let verbal = p
        .clauses
        .iter()
        .any(|c| c.verb.main == first && !c.verb.copula && !c.verb.passive);
    let Some(next) = p.words.iter().position(|w| w.start >= t.end) else {
        return Ok(());
    };
    // "moved … away from the border": a trigger that ends in a preposition has taken its
    // phrase as a place, not an object.
    if next == 0 || p.words[next - 1].upos == crate::tags::Upos::Adp {
        return Ok(());
    }
    let Some(mut o) = p.phrase_at(next).filter(|&o| p.phrases[o].first == next) else {
        return Ok(());
    };
    if !verbal {
        return Ok(());
    }
    let start = p.phrases[o].first;
    // "the group's advance": the possessed noun is the object, its owner part of it.
    if let Some(owned) = p.phrases.iter().position(|ph| ph.possessor == Some(o)) {
        o = owned;
    }
    let ph = &p.phrases[o];
    let last = ph
        .of
        .map_or(ph.last, |of| p.phrases[of.phrase].last.max(ph.last));
    let (a, b) = (p.words[start].start, p.words[last].end);
    let text = &s.body[a..b];
    let moved =
        rules.phrases.find_all(text).iter().any(
            |m| matches!(rules.phrases.phrases[m.phrase].owner, Owner::Context(k) if k == set),
        );
    if moved {
        Ok(())
    } else {
        Err(format!(
            "its object `{}` holds no context word of the family: not what the family moves (parse)",
            crate::printable::cut_to(text, 60)
        ))
    }
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
        let fx = Fixture::new("The soldiers are withdrawing, Ivanova said, as tanks keep massing.");
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
