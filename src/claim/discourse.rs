//! Discourse: what an article has said so far (who spoke, whom it named, which pair it
//! spoke of), for resolving pronouns and sides named only once.
//!
//! It is read in reading order and updated after each sentence, so that a sentence only
//! ever leans on the ones before it.

use super::{Claim, Subject};
use crate::extract::{Mention, PronounClass, SentenceFacts};
use crate::rules::RuleSet;
use crate::rules::schema::{EntityKind, SubjectRule};

/// What the article has said so far, for resolving references.
#[derive(Debug, Clone, Default)]
pub(super) struct Discourse {
    last_person_speaker: Option<usize>,
    last_person: Option<usize>,
    last_thing_speaker: Option<usize>,
    last_thing: Option<usize>,
    last_pair: Option<(usize, usize)>,
}

impl Discourse {
    /// Remembers who spoke in a sentence and whom it named, for the sentences after it.
    pub(super) fn note(&mut self, speaker: Option<usize>, f: &SentenceFacts, rules: &RuleSet) {
        if let Some(s) = speaker {
            if is_person(rules, s) {
                self.last_person_speaker = Some(s);
            } else {
                self.last_thing_speaker = Some(s);
            }
        }
        for m in &f.mentions {
            if is_person(rules, m.entity) {
                self.last_person = Some(m.entity);
            } else {
                self.last_thing = Some(m.entity);
            }
        }
    }

    /// Whom a pronoun of `class` stands for: the last speaker of its kind, else the last one
    /// named.
    pub(super) fn resolve(&self, class: PronounClass) -> Option<usize> {
        match class {
            PronounClass::Person => self.last_person_speaker.or(self.last_person),
            PronounClass::Thing => self.last_thing_speaker.or(self.last_thing),
            PronounClass::Speaker => None,
        }
    }

    /// The pair the article spoke of last.
    pub(super) fn last_pair(&self) -> Option<(usize, usize)> {
        self.last_pair
    }

    /// Remembers the pair a sentence spoke of: that of its first pair claim, else, when it
    /// has a context word of a pair family, the two sides named nearest its first trigger.
    pub(super) fn note_pair(&mut self, claims: &[Claim], f: &SentenceFacts, rules: &RuleSet) {
        let pair_anchor = claims.iter().find_map(|c| match c.subject {
            Subject::Pair(a, b) => Some((a, b)),
            _ => None,
        });
        let context_anchor = || {
            rules
                .families
                .iter()
                .filter(|fam| fam.subject == SubjectRule::Pair)
                .find_map(|fam| fam.context.filter(|&s| f.has_context(s)).map(|_| f.text.0))
        };
        if let Some(p) = pair_anchor {
            self.last_pair = Some(p);
        } else if let Some(anchor) = context_anchor()
            && let Some(p) = sentence_pair(f, rules, f.triggers.first().map_or(anchor, |t| t.start))
        {
            self.last_pair = Some(p);
        }
    }
}

/// Whether an entity is a person (spoken of as "he" or "she", not "it" or "they").
pub(super) fn is_person(rules: &RuleSet, e: usize) -> bool {
    rules.entities[e].kind == EntityKind::Person
}

/// Whether an entity's root can be one side of a relation: a country, organisation or
/// group, not a news outlet that only reports on it.
pub(super) fn can_be_side(rules: &RuleSet, e: usize) -> bool {
    matches!(
        rules.entities[rules.root(e)].kind,
        EntityKind::Country | EntityKind::Organisation | EntityKind::Group
    )
}

/// The pair a sentence speaks of, for later sentences that name only one side.
fn sentence_pair(f: &SentenceFacts, rules: &RuleSet, anchor: usize) -> Option<(usize, usize)> {
    let roots = sides_by_distance(f, rules, |m| Some(m.start.abs_diff(anchor)));
    (roots.len() >= 2).then(|| (roots[0].min(roots[1]), roots[0].max(roots[1])))
}

/// The distinct roots of the sentence's mentions that can be a side, nearest first by
/// `distance` (then by root index).
pub(super) fn sides_by_distance(
    f: &SentenceFacts,
    rules: &RuleSet,
    distance: impl Fn(&Mention) -> Option<usize>,
) -> Vec<usize> {
    let mut by_distance: Vec<(usize, usize)> = f
        .mentions
        .iter()
        .filter(|m| can_be_side(rules, m.entity))
        .filter_map(|m| Some((distance(m)?, rules.root(m.entity))))
        .collect();
    by_distance.sort_unstable();
    let mut roots: Vec<usize> = Vec::new();
    for (_, r) in by_distance {
        if !roots.contains(&r) {
            roots.push(r);
        }
    }
    roots
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::tests::{Fixture, bundled, entity, invented};

    fn id(name: &str) -> usize {
        invented()
            .entity_index(name)
            .expect("an entity of the test pack")
    }

    #[test]
    fn pronouns_resolve_to_the_last_speaker_of_their_kind_then_the_last_named() {
        let fx = Fixture::with("Ivanova met Alliance envoys in Freedonia.", invented());
        let mut d = Discourse::default();
        d.note(None, &fx.facts[0], invented());
        assert_eq!(d.resolve(PronounClass::Person), Some(id("ivanova")));
        assert_eq!(d.resolve(PronounClass::Thing), Some(id("freedonia")));
        assert_eq!(d.resolve(PronounClass::Speaker), None);
        d.note(
            Some(id("alliance")),
            &Fixture::with("Calm.", invented()).facts[0],
            invented(),
        );
        assert_eq!(d.resolve(PronounClass::Thing), Some(id("alliance")));
    }

    #[test]
    fn a_news_outlet_is_no_side() {
        assert!(can_be_side(invented(), id("ivanova")));
        assert!(!can_be_side(invented(), id("gazette")));
    }

    #[test]
    fn the_pair_of_a_sentence_comes_from_its_claims_first() {
        let fx = Fixture::new("Relations between Ruritania and Freedonia are friendly.");
        let claims = fx.read().claims;
        let mut d = Discourse::default();
        d.note_pair(&claims, &fx.facts[0], bundled());
        let (ruritania, freedonia) = (entity("ruritania"), entity("freedonia"));
        assert_eq!(
            d.last_pair(),
            Some((ruritania.min(freedonia), ruritania.max(freedonia)))
        );
    }

    #[test]
    fn a_sentence_without_a_pair_context_leaves_the_pair() {
        let mut d = Discourse::default();
        d.note_pair(
            &[],
            &Fixture::new("Ruritania and Freedonia met.").facts[0],
            bundled(),
        );
        assert_eq!(d.last_pair(), None);
    }
}
