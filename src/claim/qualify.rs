//! Qualifiers: how a trigger is meant. Polarity (affirmed or negated), stance (asserted or
//! disputed) and modality (asserted, hedged or conditional) come from the cues before the
//! trigger in its clause; a `reported` cue that no dispute takes up means the claim is
//! someone else's.

use super::scope::Scope;
use super::{Modality, Polarity, Stance};
use crate::extract::{SentenceFacts, TriggerHit, word_count};
use crate::proposition::Certainty;
use crate::rules::RuleSet;
use crate::rules::schema::CueKind;

/// The polarity, stance and modality of one trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Qualifiers {
    pub(super) polarity: Polarity,
    pub(super) stance: Stance,
    pub(super) modality: Modality,
}

impl Qualifiers {
    /// The reason line a claim carries for its qualifiers.
    pub(super) fn reason(&self) -> String {
        let Qualifiers {
            polarity,
            stance,
            modality,
        } = self;
        format!("polarity {polarity:?}, modality {modality:?}, stance {stance:?}").to_lowercase()
    }
}

/// Qualifies a trigger in `clause`; `content_start` is where the speaker's content starts.
/// `Err` says why the trigger makes no claim: "claims of a buildup" is someone else's
/// claim; only a dispute makes it the speaker's own; what the parse reads as wished,
/// demanded or only talked about is no claim either. With a parse (`scope`), cues count
/// only in the clauses that govern the trigger.
pub(super) fn qualify(
    body: &str,
    f: &SentenceFacts,
    t: &TriggerHit,
    clause: (usize, usize),
    content_start: usize,
    rules: &RuleSet,
    scope: Option<&Scope>,
) -> Result<Qualifiers, String> {
    if let Some(why) = scope.and_then(|s| s.not_claimed.clone()) {
        return Err(why);
    }
    if asked(body, f, t) {
        return Err("asked in a question, not claimed".into());
    }
    let cx = Cues {
        body,
        f,
        t,
        clause,
        scope,
    };
    let stance = stance_of(f, clause, content_start);
    let reach = rules.settings.cue_reach_words;
    let reported = cx.governs(CueKind::Reported, reach);
    if reported && stance == Stance::Asserts {
        return Err(
            "introduced as someone else's claim (a `reported` cue) and not disputed".into(),
        );
    }
    Ok(Qualifiers {
        polarity: polarity_of(&cx, rules),
        stance,
        modality: modality_of(&cx, rules),
    })
}

/// Whether the trigger stands in a direct question: the first mark that ends its clause of
/// speech after it is a question mark ("Is the army pulling back?", "'Will they withdraw?'
/// she asked."). A closing quotation mark ends the search: what follows is someone else's.
pub(super) fn asked(body: &str, f: &SentenceFacts, t: &TriggerHit) -> bool {
    let rest = body.get(t.end..f.text.1.max(t.end)).unwrap_or("");
    rest.chars()
        .find(|c| matches!(c, '?' | '.' | '!' | '"' | '\u{201d}' | '\u{bb}'))
        == Some('?')
}

/// Whether the trigger's words alone stand in quotation marks ("crows about 'withdrawal'",
/// "the much-hyped \"pullback\""): the writer mentions someone else's word and keeps
/// their distance, as a `reported` cue does.
pub(super) fn scare_quoted(body: &str, t: &TriggerHit) -> bool {
    const OPENING: &[char] = &['"', '\'', '\u{2018}', '\u{201c}'];
    const CLOSING: &[char] = &['"', '\'', '\u{2019}', '\u{201d}'];
    let before = body[..t.start].chars().next_back();
    let after = body[t.end..].chars().next();
    // An apostrophe of a word ("the mayor's") is no opening mark: the mark follows a space.
    let opened = before.is_some_and(|c| OPENING.contains(&c))
        && body[..t.start]
            .chars()
            .rev()
            .nth(1)
            .is_none_or(|c| c.is_whitespace() || c == '(');
    opened && after.is_some_and(|c| CLOSING.contains(&c))
}

/// Where the cues of one trigger are sought.
pub(super) struct Cues<'a> {
    pub(super) body: &'a str,
    pub(super) f: &'a SentenceFacts,
    pub(super) t: &'a TriggerHit,
    pub(super) clause: (usize, usize),
    pub(super) scope: Option<&'a Scope>,
}

impl Cues<'_> {
    /// Whether a cue of `kind` stands before the trigger in its clause, fewer than `reach`
    /// words away (and, with a parse, in a clause that governs the trigger).
    fn governs(&self, kind: CueKind, reach: usize) -> bool {
        let (body, t, clause) = (self.body, self.t, self.clause);
        self.f.cues_of(kind).any(|c| {
            c.start >= clause.0
                && c.end <= t.start
                && word_count(&body[c.end..t.start]) < reach
                && self.scope.is_none_or(|s| {
                    if kind == CueKind::Negation {
                        s.negates(c.start)
                    } else {
                        s.governs(c.start)
                    }
                })
        })
    }

    /// Whether a cue of `kind` after the trigger, in its clause, stands in a clause the parse
    /// says governs it: the noun a hedged verb speaks of ("an invasion would cause …"). Only
    /// with a parse, which keeps "troops pulled back, which may ease fears" asserted.
    fn governs_after(&self, kind: CueKind) -> bool {
        let Some(scope) = self.scope else {
            return false;
        };
        self.f
            .cues_of(kind)
            .any(|c| c.start >= self.t.end && c.end <= self.clause.1 && scope.governs(c.start))
    }
}

/// Negated when a negation cue governs the trigger.
pub(super) fn polarity_of(cx: &Cues, rules: &RuleSet) -> Polarity {
    let reach = rules.settings.cue_reach_words;
    if cx.governs(CueKind::Negation, reach) {
        Polarity::Negated
    } else {
        Polarity::Affirmed
    }
}

/// Disputes when a dispute cue stands anywhere in the clause, or right where the speaker's
/// content starts.
pub(super) fn stance_of(f: &SentenceFacts, clause: (usize, usize), content_start: usize) -> Stance {
    let disputed = f
        .cues_of(CueKind::Dispute)
        .any(|c| (c.start >= clause.0 && c.end <= clause.1) || (c.start == content_start));
    if disputed {
        Stance::Disputes
    } else {
        Stance::Asserts
    }
}

/// Conditional when a condition cue stands before the trigger in its clause (at any
/// distance) or the parse puts it under "if", else hedged when a hedge cue governs it. (The
/// parse's own hedges — a plan, an attempt — are left to the pack's hedge cues, which a desk
/// can tune: "tried to influence" is the pack's claim of interference.)
pub(super) fn modality_of(cx: &Cues, rules: &RuleSet) -> Modality {
    let (t, clause) = (cx.t, cx.clause);
    let conditional = cx.f.cues_of(CueKind::Conditional).any(|c| {
        c.start >= clause.0 && c.end <= t.start && cx.scope.is_none_or(|s| s.governs(c.start))
    });
    let parsed = cx.scope.map_or(Certainty::Asserted, |s| s.certainty);
    let reach = rules.settings.cue_reach_words;
    if conditional || parsed == Certainty::Conditional {
        Modality::Conditional
    } else if cx.governs(CueKind::Hedge, reach) || cx.governs_after(CueKind::Hedge) {
        Modality::Hedged
    } else {
        Modality::Asserted
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::tests::{Fixture, bundled};

    /// The qualifiers of the trigger `words` in a one-sentence article.
    fn qualified(body: &str, words: &str) -> Result<Qualifiers, String> {
        let fx = Fixture::new(body);
        let t = fx.trigger(0, words);
        let clause = fx.clause(0, t);
        qualify(
            body,
            &fx.facts[0],
            t,
            clause,
            fx.atts[0].content.0,
            bundled(),
            None,
        )
    }

    /// A one-sentence article, its trigger's words, and the trigger's qualifiers as `reason`
    /// gives them (or why it has none).
    const CASES: &[(&str, &str, &str)] = &[
        // A plain statement.
        (
            "The soldiers pulled back.",
            "pulled back",
            "polarity affirmed, modality asserted, stance asserts",
        ),
        // A negation before the trigger.
        (
            "The soldiers did not pull back.",
            "pull back",
            "polarity negated, modality asserted, stance asserts",
        ),
        // A negation beyond a clause break does not count.
        (
            "Not far away, the soldiers pulled back.",
            "pulled back",
            "polarity affirmed, modality asserted, stance asserts",
        ),
        // A hedge hedges, and a condition wins over it.
        (
            "The soldiers may pull back.",
            "pull back",
            "polarity affirmed, modality hedged, stance asserts",
        ),
        (
            "The soldiers might want to pull back.",
            "pull back",
            "polarity affirmed, modality conditional, stance asserts",
        ),
        // A dispute in the clause.
        (
            "The council rejected that the soldiers pulled back.",
            "pulled back",
            "polarity affirmed, modality asserted, stance disputes",
        ),
        // Someone else's claim counts only when disputed.
        (
            "Reports that the soldiers pulled back spread.",
            "pulled back",
            "introduced as someone else's claim (a `reported` cue) and not disputed",
        ),
        (
            "The council dismissed reports that the soldiers pulled back.",
            "pulled back",
            "polarity affirmed, modality asserted, stance disputes",
        ),
    ];

    #[test]
    fn each_trigger_is_qualified_as_its_sentence_says() {
        for &(body, words, want) in CASES {
            let got = match qualified(body, words) {
                Ok(q) => q.reason(),
                Err(why) => why,
            };
            assert_eq!(got, want, "{body}");
        }
    }

    #[test]
    fn a_question_claims_nothing_but_a_question_after_a_quote_does_not_undo_it() {
        let asked = qualified("Are the soldiers pulling back?", "pulling back");
        assert_eq!(asked, Err("asked in a question, not claimed".into()));
        let quoted = qualified("\"Will the soldiers pull back?\" she asked.", "pull back");
        assert!(quoted.is_err());
        let answered = qualified(
            "\"The soldiers pulled back,\" she said, \"so why worry?\"",
            "pulled back",
        );
        assert_eq!(answered.map(|q| q.polarity), Ok(Polarity::Affirmed));
    }

    #[test]
    fn a_break_inside_a_longer_cue_does_not_cut_it() {
        let open = qualified(
            "The council has not yet verified that the soldiers pulled back.",
            "pulled back",
        );
        assert!(open.is_err(), "{open:?}");
        let negated = qualified("The soldiers have not yet pulled back.", "pulled back");
        assert_eq!(negated.map(|q| q.polarity), Ok(Polarity::Negated));
    }

    #[test]
    fn a_word_alone_in_quotation_marks_is_scare_quoted() {
        let at = |body: &str, words: &str| {
            let fx = Fixture::new(body);
            scare_quoted(body, fx.trigger(0, words))
        };
        assert!(at(
            "The mayor boasts of its 'withdrawal' of soldiers.",
            "withdrawal"
        ));
        assert!(at(
            "The \u{201c}withdrawal\u{201d} of soldiers.",
            "withdrawal"
        ));
        assert!(!at("\"The soldiers withdrew,\" she said.", "withdrew"));
        assert!(!at("The mayor's withdrawal' of soldiers.", "withdrawal"));
    }

    #[test]
    fn the_reason_names_all_three_in_lower_case() {
        let all = Qualifiers {
            polarity: Polarity::Negated,
            stance: Stance::Disputes,
            modality: Modality::Hedged,
        };
        assert_eq!(
            all.reason(),
            "polarity negated, modality hedged, stance disputes"
        );
    }
}
