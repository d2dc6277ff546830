//! Tests of whole-article reading, and the fixture every step's tests build on: invented
//! sentences read with the bundled rule pack and invented entities.

use super::*;
use crate::rules::{RuleSource, from_sources};
use std::sync::OnceLock;

/// The bundled rule pack with the tests' invented entities over it, compiled once for all
/// tests and its verb triggers widened as `check` widens them: real rules, no real country
/// or person.
pub(super) fn bundled() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        let rules = crate::rules::with_invented_entities().clone();
        let lexicon = crate::lexicon::Lexicon::bundled().expect("the bundled lexicon");
        crate::lexicon::widen::widen(rules, lexicon).expect("widened")
    })
}

/// The index of an entity of the bundled pack.
pub(super) fn entity(id: &str) -> usize {
    match bundled().entity_index(id) {
        Some(e) => e,
        None => panic!("no entity `{id}` in the bundled pack"),
    }
}

/// An invented article dated 2024-05-02, split and matched with `rules` and attributed.
pub(super) struct Fixture {
    pub(super) article: Article,
    pub(super) facts: Vec<SentenceFacts>,
    pub(super) atts: Vec<Attribution>,
    pub(super) lines: Lines,
}

impl Fixture {
    pub(super) fn with(body: &str, rules: &RuleSet) -> Fixture {
        let article = Article::in_memory("t", "2024-05-02", body);
        let sentences = crate::sentence::split(body);
        let facts = crate::extract::extract(body, &sentences, rules);
        let mut atts = attribution::attribute_sentences(body, &facts, rules);
        let lines = Lines::new(body, 0);
        quotation::attribute_quotations(&facts, &lines, &quotation::Quotes::new(body), &mut atts);
        Fixture {
            article,
            facts,
            atts,
            lines,
        }
    }

    /// The article read with the bundled pack.
    pub(super) fn new(body: &str) -> Fixture {
        Fixture::with(body, bundled())
    }

    pub(super) fn body(&self) -> &str {
        &self.article.body
    }

    /// Sentence `index` as the steps see it, with `first_claim` claims before it.
    pub(super) fn view(&self, index: usize, first_claim: usize) -> SentenceView<'_, '_> {
        SentenceView {
            article: &self.article,
            article_index: 0,
            body: self.body(),
            lines: &self.lines,
            facts: &self.facts,
            index,
            f: &self.facts[index],
            att: &self.atts[index],
            first_claim,
            times: OnceCell::new(),
            // The parses borrow the fixture's own article, so they cannot be its field;
            // a test makes a handful of views, and leaking their parses is harmless.
            parses: Box::leak(Box::new(Parses::new(self.body(), &self.facts))),
            keeps_reasons: true,
        }
    }

    /// The trigger of sentence `index` whose words are `words`.
    pub(super) fn trigger(&self, index: usize, words: &str) -> &TriggerHit {
        let found = self.facts[index]
            .triggers
            .iter()
            .find(|t| &self.body()[t.start..t.end] == words);
        match found {
            Some(t) => t,
            None => panic!("no trigger `{words}` in sentence {index}"),
        }
    }

    /// The clause of a trigger, within the content of its sentence.
    pub(super) fn clause(&self, index: usize, t: &TriggerHit) -> (usize, usize) {
        let (c0, c1) = self.atts[index].content;
        self.facts[index].clause(t.start, t.end, c0, c1)
    }

    /// The article's reading with the bundled pack.
    pub(super) fn read(&self) -> Reading {
        read_article(0, &self.article, &self.facts, bundled())
    }
}

/// The id of an entity, or "-" for none, for assertions on speakers.
pub(super) fn id_of(e: Option<usize>) -> &'static str {
    e.map_or("-", |e| bundled().entity_id(e))
}

/// A small pack about made-up countries, so these tests depend on no real news.
const PACK: &str = r#"
entities:
  - {id: ruritania, name: Ruritania, kind: country, aliases: [Ruritania, Ruritanian]}
  - {id: freedonia, name: Freedonia, kind: country, aliases: [Freedonia, Freedonian]}
  - {id: gazette, name: the Gazette, kind: outlet, aliases: [Gazette]}
  - {id: alliance, name: the Alliance, kind: organisation, aliases: [Alliance]}
  - {id: palace, name: the Palace, kind: organisation, aliases: [Palace], speaks_for: ruritania}
  - {id: ivanova, name: Anna Ivanova, kind: person, aliases: [Anna Ivanova, Ivanova], speaks_for: palace}
families:
  - {id: troops, name: troop movements, aspect: state, context: [troops, forces]}
predicates:
  - {id: pull-back, family: troops, says: is pulling troops back, opposite: build-up, triggers: [withdr*, pull* ... back]}
  - {id: build-up, family: troops, says: is building up troops, opposite: pull-back, triggers: [massing, mov* ... closer]}
cues:
  - {id: said, kind: attribution, phrases: [said, told, insisted]}
  - {id: dispute, kind: dispute, phrases: [dispute, disputes, denied]}
  - {id: ref, kind: reference, phrases: [this claim]}
  - {id: neg, kind: negation, phrases: [not, "no"]}
settings: {same_time_days: 7, quantity_tolerance: 0.15, max_gap_words: 4, cue_reach_words: 6, max_pairs_per_claim: 50}
words: {sources: [spokesman], perception_verbs: [see]}
"#;

/// The invented test pack, compiled once.
pub(super) fn invented() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        match from_sources(&[RuleSource {
            name: "test.yaml".into(),
            text: PACK.into(),
        }]) {
            Ok((r, _)) => r,
            Err(d) => panic!("test pack: {d:?}"),
        }
    })
}

fn read(body: &str) -> (Vec<Claim>, RuleSet) {
    let rules = invented().clone();
    let fx = Fixture::with(body, &rules);
    let claims = claims_for_article(0, &fx.article, &fx.facts, &rules);
    (claims, rules)
}

#[test]
fn this_claim_disputes_the_claim_before() {
    let (claims, rules) =
        read("Ruritania said its troops were pulling back. The Alliance disputes this claim.");
    assert_eq!(claims.len(), 2);
    assert_eq!(claims[1].stance, Stance::Disputes);
    assert_eq!(claims[1].target.as_deref(), Some(claims[0].id.as_str()));
    assert_eq!(claims[1].subject.id(&rules), "ruritania");
    assert_eq!(
        claims[1].speaker.map(|s| rules.entity_id(s)),
        Some("alliance")
    );
}

#[test]
fn the_withdrawal_refers_to_the_earlier_claims_actor() {
    let (claims, rules) = read(
        "The Alliance said Freedonia was massing troops. Ivanova insisted that the withdrawal is under way.",
    );
    assert_eq!(claims.len(), 2);
    assert_eq!(rules.predicates[claims[1].predicate].id, "pull-back");
    assert_eq!(claims[1].subject.id(&rules), "freedonia");
}

#[test]
fn who_sees_no_withdrawal_is_not_its_actor() {
    let (claims, rules) = read(
        "Ruritania said its troops were pulling back. The Alliance has seen no withdrawal of troops.",
    );
    assert_eq!(claims.len(), 2);
    assert_eq!(claims[1].subject.id(&rules), "ruritania");
    assert_eq!(claims[1].polarity, Polarity::Negated);
}

#[test]
fn a_speech_verb_in_a_free_relative_names_no_speaker() {
    let (claims, rules) = read(
        "Freedonia was massing troops, the spokesman said, adding that the Alliance would judge Freedonia on what it said.",
    );
    assert_eq!(claims.len(), 1);
    assert_eq!(
        claims[0].speaker, None,
        "Freedonia speaks only in `what it said`"
    );
    let voice = claims[0].voice.as_ref().map(|v| v.name.as_str());
    assert_eq!(voice, Some("the spokesman"));
    assert_eq!(claims[0].subject.id(&rules), "freedonia");
}

#[test]
fn a_possessive_after_a_name_is_the_names_own() {
    let got = only_subject(
        "The Alliance met on Monday. Ivanova said Freedonia and its allies were massing troops.",
    );
    assert_eq!(got, "freedonia");
}

/// The subject of the one claim `body` makes.
fn only_subject(body: &str) -> String {
    let (claims, rules) = read(body);
    assert_eq!(claims.len(), 1, "{body}");
    claims[0].subject.id(&rules)
}

#[test]
fn a_withdrawal_called_for_or_claimed_is_no_claim() {
    for body in [
        "The Alliance called for a withdrawal of Freedonian troops.",
        "Freedonia wants a withdrawal of troops.",
        "Freedonia kept massing troops, despite withdrawal claims.",
    ] {
        let (claims, rules) = read(body);
        let ids: Vec<&str> = claims
            .iter()
            .map(|c| rules.predicates[c.predicate].id.as_str())
            .collect();
        assert!(!ids.contains(&"pull-back"), "{body}: {ids:?}");
    }
}

#[test]
fn the_actor_after_of_wins_over_a_name_a_verb_away() {
    let (claims, rules) = read("The Alliance welcomed a withdrawal of Freedonian troops.");
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].subject.id(&rules), "freedonia");
    let (claims, rules) = read("Freedonia's long withdrawal of Ruritanian troops began.");
    assert_eq!(
        claims[0].subject.id(&rules),
        "freedonia",
        "a possessor is the actor"
    );
}

#[test]
fn a_withdrawal_looked_for_when_troops_leave_is_conditional() {
    let (claims, _) = read(
        "Freedonia is massing troops. “When we see the troops leave, we will believe in the withdrawal,” Ivanova said.",
    );
    let last = claims.last().expect("a claim");
    assert_eq!(last.modality, Modality::Conditional, "{}", last.text);
}

#[test]
fn a_name_after_a_place_preposition_is_no_actor() {
    let got = only_subject("Ivanova said some troops near Freedonia were pulling back.");
    assert_eq!(got, "ruritania", "Ivanova's own side");
}

#[test]
fn a_scene_set_before_the_speaker_is_not_what_she_says() {
    let said = |body| {
        let (claims, rules) = read(body);
        let got: Vec<_> = claims
            .iter()
            .map(|c| {
                (
                    c.trigger.clone(),
                    c.speaker.map(|s| rules.entity_id(s).to_owned()),
                )
            })
            .collect();
        got
    };
    // The same words are hers when she says them, and nobody's beat claim as her scene.
    let hers = said("Ivanova said Freedonia kept massing troops.");
    assert_eq!(hers, [("massing".to_owned(), Some("ivanova".to_owned()))]);
    let scene = said("As Freedonia kept massing troops, Ivanova said the talks would go on.");
    assert_eq!(scene, []);
}

#[test]
fn a_speaker_stands_after_the_word_that_opens_his_clause() {
    let (claims, _) = read(
        "Markets - bonds rallied after the spokesman said Freedonian troops were pulling back.",
    );
    let voice = claims[0].voice.as_ref().map(|v| v.name.as_str());
    assert_eq!(voice, Some("the spokesman"));
}

#[test]
fn he_said_resolves_to_the_person_named_before() {
    let (claims, rules) = read(
        "Anna Ivanova spoke on Monday. “We are not withdrawing. Troops are moving closer,” she said.",
    );
    assert_eq!(claims.len(), 2);
    for c in &claims {
        assert_eq!(
            c.speaker.map(|s| rules.entity_id(s)),
            Some("ivanova"),
            "{}",
            c.text
        );
        assert_eq!(
            c.subject.id(&rules),
            "ruritania",
            "a speaker's `we` is her side"
        );
    }
    assert_eq!(claims[0].polarity, Polarity::Negated);
}

#[test]
fn speaker_speaks_for_her_country() {
    let (claims, rules) = read("Ivanova said troops were pulling back.");
    assert_eq!(claims[0].subject.id(&rules), "ruritania");
    let chain: Vec<&str> = rules
        .speaks_for_chain(claims[0].speaker.expect("a speaker"))
        .into_iter()
        .map(|e| rules.entity_id(e))
        .collect();
    assert_eq!(chain, vec!["palace", "ruritania"]);
}

#[test]
fn subject_pair_is_ordered() {
    assert_eq!(Subject::pair(3, 1), Subject::Pair(1, 3));
}

#[test]
fn a_sentence_claim_carries_the_sentence_and_the_speaker() {
    let fx = Fixture::new("Intro line.\nIvanova said the brigades were pulling back.");
    let s = fx.view(1, 0);
    let t = fx.trigger(1, "pulling back");
    let c = s.claim((t.start, t.end), t.predicate, Subject::One(0), bundled());
    assert_eq!(c.id, format!("t:{}:troops-pull-back", fx.facts[1].text.0));
    assert_eq!(c.text, "Ivanova said the brigades were pulling back.");
    assert_eq!(c.line, 2);
    assert_eq!(c.trigger, "pulling back");
    assert_eq!(id_of(c.speaker), "ivanova");
    assert_eq!(
        (c.polarity, c.stance, c.modality),
        (Polarity::Affirmed, Stance::Asserts, Modality::Asserted)
    );
    assert_eq!(c.context, ("".to_string(), "".to_string()));
}

#[test]
fn a_trigger_goes_through_every_step_into_a_claim() {
    let fx = Fixture::new("Ivanova said the brigades were not pulling back.");
    let s = fx.view(0, 0);
    let t = fx.trigger(0, "pulling back");
    let c = match claim_from_trigger(&s, t, &Discourse::default(), &[], bundled()) {
        Ok(c) => c,
        Err(why) => panic!("no claim: {why}"),
    };
    assert_eq!(c.polarity, Polarity::Negated);
    assert_eq!(c.subject.id(bundled()), "ruritania");
    assert_eq!(
        c.reasons,
        vec![
            "trigger `pulling back` (claims/predicates.yaml:96) for troops-pull-back",
            "speaker: named before the cue: `Ivanova`",
            "context word in the sentence",
            "polarity negated, modality asserted, stance asserts",
            "subject ruritania: no actor named: the speaker's own side",
        ]
    );
    assert_eq!(
        c.when.map(|w| w.basis),
        Some(crate::time::TimeBasis::Published)
    );
}

#[test]
fn a_trigger_that_fails_a_step_says_which() {
    let fx = Fixture::new("The ministry said the talks were pulling back.");
    let s = fx.view(0, 0);
    let t = fx.trigger(0, "pulling back");
    let why = claim_from_trigger(&s, t, &Discourse::default(), &[], bundled()).err();
    assert_eq!(
        why.as_deref(),
        Some("no context word of the family in this sentence or the ones next to it")
    );
}

#[test]
fn a_sentence_skips_triggers_outside_its_content_first() {
    let fx = Fixture::new("The soldiers are withdrawing, Ivanova said, as tanks keep massing.");
    let mut reading = Reading::default();
    read_sentence(
        &fx.view(0, 0),
        &mut Discourse::default(),
        &mut reading,
        bundled(),
    );
    assert_eq!(reading.claims.len(), 1);
    assert_eq!(reading.claims[0].trigger, "withdrawing");
    let massing = fx.trigger(0, "massing").start;
    assert_eq!(reading.skipped.len(), 1);
    assert_eq!(reading.skipped[0].0, massing);
    assert!(reading.skipped[0].1.starts_with("outside the content"));
}

#[test]
fn one_claim_per_predicate_keeps_the_most_certain() {
    let fx =
        Fixture::new("Ruritanian soldiers may pull back and Ruritanian tanks are pulling back.");
    let claims = fx.read().claims;
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].trigger, "pulling back");
    assert_eq!(claims[0].modality, Modality::Asserted);
}

#[test]
fn context_is_the_paragraph_around_the_sentence() {
    let body = "Heading\n\nFirst one. Second one. Third one.\nNext paragraph.";
    let at = body.find("Second").unwrap_or(0);
    let span = (at, at + "Second one.".len());
    assert_eq!(
        context_of(body, span),
        ("First one. ".to_string(), " Third one.".to_string())
    );
}

#[test]
fn a_check_drops_a_subjectless_trigger_early_and_a_trace_keeps_the_first_reason() {
    // No context word and no subject: the trace gives the reason that comes first in the
    // steps; a check, which keeps no reasons, may give the other; neither makes a claim.
    let fx = Fixture::new("Sales pulled back sharply last quarter.");
    let traced = fx.read();
    assert!(traced.claims.is_empty());
    assert!(traced.skipped[0].1.starts_with("no context word"));
    let checked = read_with(0, &fx.article, &fx.facts, bundled(), false);
    assert!(checked.claims.is_empty());
    assert_eq!(checked.skipped[0].1, NO_SUBJECT);
}

#[test]
fn the_claims_are_the_same_whether_the_reasons_are_kept_or_not() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let mut files: Vec<_> = match std::fs::read_dir(dir) {
        Ok(d) => d.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => panic!("{dir}: {e}"),
    };
    files.sort();
    let mut claims = 0;
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let name = path.display().to_string();
        let (articles, _) = crate::article::from_named_str(&name, &text);
        for article in articles {
            let body = article.body.as_str();
            let sentences = crate::sentence::split(body);
            let facts = crate::extract::extract(body, &sentences, bundled());
            let kept = read_with(0, &article, &facts, bundled(), true).claims;
            let quick = read_with(0, &article, &facts, bundled(), false).claims;
            assert_eq!(kept, quick, "{name}");
            claims += kept.len();
        }
    }
    assert!(claims > 20, "the corpus makes claims: {claims}");
}
