//! Subjects: whom a claim is about. A family's claims are about one actor (named before
//! or after the trigger, a pronoun, an earlier claim, or the speaker's own side) or about a
//! pair of sides (the two named nearest the trigger, or the pair the article spoke of).

use super::discourse::{Discourse, can_be_side, is_person, sides_by_distance};
use super::{Claim, SentenceView, Subject};
use crate::extract::{PronounClass, SentenceFacts, TriggerHit, pronouns_in, word_count};
use crate::rules::RuleSet;
use crate::rules::schema::CueKind;

/// How many sentences back a claim of the family may stand for a later one that names no
/// actor to go on about the same actor.
const GOES_ON_SENTENCES: usize = 12;

/// Whether `word` is a possessive pronoun that can stand for an earlier name of its kind:
/// "its"/"their" for a country or organisation, "his"/"her" for a person.
fn possessive_of(word: &str, class: PronounClass, person: bool) -> bool {
    let possessive = ["its", "their", "his", "her"]
        .iter()
        .any(|p| word.eq_ignore_ascii_case(p));
    possessive
        && match class {
            PronounClass::Thing => !person,
            PronounClass::Person => person,
            PronounClass::Speaker => false,
        }
}

/// The end of the last verb of seeing ("has seen", "recorded") between `lo` and the
/// trigger at `hi`, or `lo`. The parse is read only when some word there may be one.
fn after_perception_verb(s: &SentenceView, lo: usize, hi: usize, rules: &RuleSet) -> usize {
    let words = &rules.words;
    let lemmas = crate::lemma::Lemmas::bundled();
    let mut tokens = Vec::new();
    crate::tokens::tokenize_into(s.body, lo, hi, &mut tokens);
    let may = tokens.iter().any(|t| {
        let word = t.text(s.body);
        words.perception_verb_forms.may_pass(word)
            && lemmas.may_give(word, |l| words.is_perception_verb(l))
    });
    if !may {
        return lo;
    }
    let p = s.parses.of(s.index);
    p.words
        .iter()
        .filter(|w| w.start >= lo && w.end <= hi)
        .filter(|w| w.upos == crate::tags::Upos::Verb && words.is_perception_verb(&w.lemma))
        .map(|w| w.end)
        .max()
        .unwrap_or(lo)
}

/// Whether a name or pronoun ending at byte `end` stands within the noun phrase of the
/// trigger starting at `trigger`: a few words with no article between ("Norlandic troop
/// withdrawal"), or after a possessive ("Norland's full-scale withdrawal"); an article
/// starts another phrase ("welcomed a withdrawal").
fn modifies_trigger(body: &str, end: usize, trigger: usize) -> bool {
    let between = &body[end..trigger];
    let possessive = ["'s", "’s", "' ", "’ "]
        .iter()
        .any(|x| between.starts_with(x));
    let words: Vec<&str> = between.split_whitespace().collect();
    let article = words
        .iter()
        .any(|w| ["a", "an", "the"].iter().any(|a| w.eq_ignore_ascii_case(a)));
    words.len() <= 4 && (possessive || (!article && words.len() <= 2))
}

/// Prepositions of place: a name after one is where something is, not who acts
/// (English grammar).
const PLACE_PREPOSITIONS: &[&str] = &[
    "near", "in", "into", "inside", "along", "towards", "toward", "at", "around", "across",
    "within", "outside", "off", "from", "to", "on",
];

/// Whether `before` (the text up to a name) ends in a preposition of place.
fn after_place_preposition(before: &str) -> bool {
    let last = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    PLACE_PREPOSITIONS
        .iter()
        .any(|p| last.eq_ignore_ascii_case(p))
}

/// The mention right after a nominal trigger's "of" or "by" ("the pullback of the northern
/// forces", "interference by the regime"), within its clause.
fn actor_after<'f>(
    body: &str,
    f: &'f SentenceFacts,
    t: &TriggerHit,
    clause: (usize, usize),
) -> Option<&'f crate::extract::Mention> {
    let after = &body[t.end..clause.1];
    let lead = after.trim_start();
    if !(lead.starts_with("of ") || lead.starts_with("by ")) {
        return None;
    }
    let from = t.end + (after.len() - lead.len()) + 3;
    f.mentions
        .iter()
        .find(|m| m.start >= from && m.end <= clause.1)
        .filter(|m| word_count(&body[from..m.start]) <= 2)
}

/// Whether a person (or, with `person` false, a thing) is what a pronoun of `class` can
/// stand for; a speaker's pronoun ("we") stands for no one named.
fn fits(class: PronounClass, person: bool) -> bool {
    match class {
        PronounClass::Person => person,
        PronounClass::Thing => !person,
        PronounClass::Speaker => false,
    }
}

/// The subject of a trigger with `subject: actor`: the actor the sentence names, else the
/// one it refers back to or goes on about.
pub(super) fn actor_subject(
    s: &SentenceView,
    t: &TriggerHit,
    clause: (usize, usize),
    d: &Discourse,
    antecedent: Option<&Claim>,
    rules: &RuleSet,
) -> Option<(Subject, String)> {
    // In "they saw no evidence of a retreat" the words before the denial belong to the
    // one who denies, not to the retreat: the actor is sought after the last dispute cue.
    // So do the words before a verb of seeing: in "the alliance has seen no withdrawal"
    // the alliance watches the withdrawal.
    let perceived = after_perception_verb(s, clause.0, t.start, rules);
    named_actor(s, t, (clause.0.max(perceived), clause.1), clause, d, rules)
        .or_else(|| unnamed_actor(s, t, clause, antecedent, perceived > clause.0, rules))
}

/// The actor the sentence names for a trigger: after it ("the pullback of the northern
/// forces"), before it in its clause after `within.0`, or a pronoun's referent.
fn named_actor(
    s: &SentenceView,
    t: &TriggerHit,
    within: (usize, usize),
    clause: (usize, usize),
    d: &Discourse,
    rules: &RuleSet,
) -> Option<(Subject, String)> {
    let (body, f, att) = (s.body, s.f, s.att);
    let speaker_span = att.speaker_span;
    let root = |e: usize| Subject::One(rules.root(e));
    let from = f
        .cues_of(CueKind::Dispute)
        .filter(|c| c.end <= t.start && c.start >= clause.0)
        .map(|c| c.end)
        .max()
        .unwrap_or(clause.0)
        .max(within.0);
    // "the pullback of the northern forces", "interference by the regime": the actor
    // follows the trigger after "of" or "by".
    let after = actor_after(body, f, t, clause).map(|m| {
        (
            root(m.entity),
            format!("`{}` after the trigger", &body[m.start..m.end]),
        )
    });
    // A mention before the trigger in its clause (not the speaker's own name, nor a
    // place: "units near Norland would return").
    let mention = f.mentions.iter().rev().find(|m| {
        m.start >= from
            && m.end <= t.start
            && Some((m.start, m.end)) != speaker_span
            && !after_place_preposition(&body[..m.start])
    });
    let pronoun = pronouns_in(body, from, t.start).into_iter().next_back();
    // A name or pronoun a verb away ("the alliance called for a withdrawal of Norland's
    // troops") gives way to the actor after the trigger; one that modifies it ("its
    // withdrawal of troops") does not.
    let modifies = mention.is_some_and(|m| modifies_trigger(body, m.end, t.start))
        || pronoun.is_some_and(|p| modifies_trigger(body, p.1, t.start));
    if let Some(found) = after.clone().filter(|_| !modifies) {
        return Some(found);
    }
    match (mention, pronoun) {
        // "Norland had kept up its build-up": a possessive after the name in the clause is
        // the name's own, when the two agree.
        (Some(m), p)
            if p.is_none_or(|p| {
                p.0 < m.start || possessive_of(&body[p.0..p.1], p.2, is_person(rules, m.entity))
            }) =>
        {
            return Some((
                root(m.entity),
                format!("`{}` before the trigger", &body[m.start..m.end]),
            ));
        }
        (_, Some((ps, pe, class))) => {
            let word = &body[ps..pe];
            let agrees = att.speaker.is_some_and(|s| {
                class == PronounClass::Speaker || fits(class, is_person(rules, s))
            });
            if agrees {
                let s = att.speaker?;
                return Some((root(s), format!("pronoun `{word}` refers to the speaker")));
            }
            // "The Norlandic claim that it was pulling back": a name before the pronoun in
            // its clause that agrees with it is nearer than any earlier sentence's.
            let near = mention.filter(|m| m.end <= ps && fits(class, is_person(rules, m.entity)));
            if let Some(m) = near {
                let name = &body[m.start..m.end];
                return Some((
                    root(m.entity),
                    format!("pronoun `{word}` refers to `{name}`"),
                ));
            }
            if let Some(e) = d.resolve(class) {
                return Some((
                    root(e),
                    format!("pronoun `{word}` refers to {}", rules.entity_id(e)),
                ));
            }
        }
        _ => {}
    }
    None
}

/// The actor of a trigger whose sentence names none: a definite reference to an earlier
/// claim of the family, the actor the article goes on about, or the speaker's own side,
/// unless the speaker only `watches` another side.
fn unnamed_actor(
    s: &SentenceView,
    t: &TriggerHit,
    clause: (usize, usize),
    antecedent: Option<&Claim>,
    watches: bool,
    rules: &RuleSet,
) -> Option<(Subject, String)> {
    let (body, f, att) = (s.body, s.f, s.att);
    let root = |e: usize| Subject::One(rules.root(e));
    // "the withdrawal": a definite reference to an earlier claim of the family.
    let head = body[clause.0.min(t.start)..t.start]
        .trim_end()
        .to_ascii_lowercase();
    let definite = ["the", "this", "that", "such"]
        .iter()
        .any(|w| head.ends_with(w));
    if definite && let Some(a) = antecedent {
        return Some((
            a.subject,
            format!("`{}` refers back to line {}", &body[t.start..t.end], a.line),
        ));
    }
    // No actor named: the article goes on about the actor of its last claim of this family,
    // if that claim is recent (a passage, not the article's far side) or the actor is named
    // again in this sentence or the one before ("U.S. forces on the ground"); failing that,
    // a speaker speaks of its own side.
    let goes_on = |a: &&Claim| {
        let at = s.facts.partition_point(|g| g.text.1 <= a.span.0);
        let named = |g: &SentenceFacts| {
            g.mentions
                .iter()
                .any(|m| Subject::One(rules.root(m.entity)) == a.subject)
        };
        s.index.saturating_sub(at) <= GOES_ON_SENTENCES
            || named(f)
            || s.index.checked_sub(1).is_some_and(|i| named(&s.facts[i]))
    };
    if let Some(a) = antecedent.filter(goes_on) {
        return Some((
            a.subject,
            format!("no actor named: as in the claim on line {}", a.line),
        ));
    }
    // One who sees troops moving ("the US was seeing units moving toward the border")
    // watches another side: the speaker's own is not the actor.
    if watches {
        return None;
    }
    att.speaker
        .map(|s| (root(s), "no actor named: the speaker's own side".into()))
}

/// The subject of a trigger with `subject: pair`: the two distinct root entities nearest
/// the trigger in what the speaker says, or the pair the article spoke of last; failing
/// both, the two nearest anywhere in the sentence ("Asked about relations with X, the envoy
/// said …").
pub(super) fn pair_subject(
    f: &SentenceFacts,
    t: &TriggerHit,
    d: &Discourse,
    rules: &RuleSet,
    speaker: Option<usize>,
    content: (usize, usize),
) -> Option<(Subject, String)> {
    // The sides named in what the speaker says come first: "as the sides traded
    // accusations over X, the envoy said relations had hit rock bottom" is about her own.
    let inside = |m: &crate::extract::Mention| m.start >= content.0 && m.end <= content.1;
    pair_among(f, t, d, rules, speaker, &inside)
        .or_else(|| {
            pair_among(f, t, d, rules, speaker, &|_| true).filter(|p| p.1 == PairFrom::Named)
        })
        .map(|(pair, from)| (pair, from.reason().into()))
}

/// Where the two sides of a pair were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PairFrom {
    /// Both named in the sentence.
    Named,
    /// One named; the other from the pair the article spoke of.
    OneNamed,
    /// Neither named: the pair the article spoke of last.
    Discourse,
}

impl PairFrom {
    fn reason(self) -> &'static str {
        match self {
            PairFrom::Named => "the two sides named nearest the trigger",
            PairFrom::OneNamed => "one side named; the other from the pair the article spoke of",
            PairFrom::Discourse => "the pair the article spoke of last",
        }
    }
}

/// [`pair_subject`] among the mentions `keep` keeps.
fn pair_among(
    f: &SentenceFacts,
    t: &TriggerHit,
    d: &Discourse,
    rules: &RuleSet,
    speaker: Option<usize>,
    keep: &dyn Fn(&crate::extract::Mention) -> bool,
) -> Option<(Subject, PairFrom)> {
    let mut roots = sides_by_distance(f, rules, |m| {
        keep(m).then(|| {
            if m.end <= t.start {
                t.start - m.end
            } else {
                m.start.saturating_sub(t.end)
            }
        })
    });
    if let Some(s) = speaker
        .filter(|&s| can_be_side(rules, s))
        .map(|s| rules.root(s))
        && !roots.contains(&s)
    {
        roots.push(s);
    }
    match roots.as_slice() {
        [a, b, ..] => Some((Subject::pair(*a, *b), PairFrom::Named)),
        [a] => d
            .last_pair()
            .filter(|(x, y)| x == a || y == a)
            .map(|(x, y)| (Subject::pair(x, y), PairFrom::OneNamed)),
        [] => d
            .last_pair()
            .map(|(x, y)| (Subject::pair(x, y), PairFrom::Discourse)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::tests::{Fixture, bundled};
    use crate::rules::schema::SubjectRule;

    /// The subject id and how it was found for trigger `words` of sentence `index`.
    fn subject(
        fx: &Fixture,
        index: usize,
        words: &str,
        d: &Discourse,
        antecedent: Option<&Claim>,
    ) -> Option<(String, String)> {
        let rules = bundled();
        let t = fx.trigger(index, words);
        let family = &rules.families[rules.predicates[t.predicate].family];
        let s = fx.view(index, 0);
        let clause = fx.clause(index, t);
        match family.subject {
            SubjectRule::Actor => actor_subject(&s, t, clause, d, antecedent, rules),
            SubjectRule::Pair => pair_subject(s.f, t, d, rules, s.att.speaker, s.att.content),
        }
        .map(|(subject, how)| (subject.id(rules), how))
    }

    /// The subject of trigger `words` in a one-sentence article, with nothing said before.
    fn alone(body: &str, words: &str) -> Option<(String, String)> {
        subject(&Fixture::new(body), 0, words, &Discourse::default(), None)
    }

    fn named(id: &str, how: &str) -> Option<(String, String)> {
        Some((id.to_string(), how.to_string()))
    }

    #[test]
    fn an_actor_is_named_before_or_after_the_trigger_or_is_a_pronoun() {
        let before = alone(
            "Ivanova said Freedonian soldiers were pulling back.",
            "pulling back",
        );
        assert_eq!(
            before,
            named("freedonia", "`Freedonian` before the trigger")
        );
        let pronoun = alone(
            "The Palace said its soldiers were pulling back.",
            "pulling back",
        );
        let how = "pronoun `its` refers to the speaker";
        assert_eq!(pronoun, named("ruritania", how));
        let after = alone(
            "The League confirmed the pullback of Ruritanian tanks.",
            "pullback",
        );
        assert_eq!(after, named("ruritania", "`Ruritanian` after the trigger"));
    }

    #[test]
    fn a_pronoun_takes_the_name_before_it_and_a_watcher_is_not_the_actor() {
        let near = alone(
            "Observers doubted the Ruritanian claim that it was pulling back.",
            "pulling back",
        );
        let how = "pronoun `it` refers to `Ruritanian`";
        assert_eq!(near, named("ruritania", how));
        // Whoever sees troops moving watches another side: no subject, not the speaker's.
        let seen = alone(
            "Alder said the League was seeing soldiers moving toward the border.",
            "moving toward",
        );
        assert_eq!(seen, None);
    }

    #[test]
    fn a_definite_trigger_takes_the_antecedents_subject() {
        let fx = Fixture::new("Freedonian soldiers are massing. Observers doubted the withdrawal.");
        let claims = fx.read().claims;
        let got = subject(&fx, 1, "withdrawal", &Discourse::default(), claims.first());
        assert_eq!(
            got,
            named("freedonia", "`withdrawal` refers back to line 1")
        );
    }

    #[test]
    fn no_actor_and_no_speaker_is_no_subject() {
        assert_eq!(
            alone("The soldiers are pulling back.", "pulling back"),
            None
        );
    }

    #[test]
    fn a_pair_is_the_two_sides_nearest_the_trigger() {
        let got = alone(
            "Relations between Ruritania and Freedonia are friendly.",
            "friendly",
        );
        let how = "the two sides named nearest the trigger";
        assert_eq!(got, named("freedonia+ruritania", how));
    }

    #[test]
    fn one_side_named_takes_the_other_from_the_pair_spoken_of() {
        let fx = Fixture::new(
            "Relations between Ruritania and Freedonia matter. Freedonia calls ties cordial.",
        );
        let mut d = Discourse::default();
        d.note_pair(&[], &fx.facts[0], bundled());
        let got = subject(&fx, 1, "cordial", &d, None);
        let how = "one side named; the other from the pair the article spoke of";
        assert_eq!(got, named("freedonia+ruritania", how));
    }
}
