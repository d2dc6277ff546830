//! Parse tests for readings that decide whose clause is whose: reduced and contact
//! relative clauses, participles and adjectives after a noun, "neither … nor", and what a
//! speech verb's colon or quotation mark opens.

use super::Link;
use super::tests::{head, parse};
use crate::tags::Upos;

#[test]
fn a_reduced_relative_with_a_time_and_an_agent_leaves_its_noun_the_next_verbs_subject() {
    let p = parse(
        "A/DET report/NOUN released/VERB:Past=release Tuesday/PROPN by/ADP the/DET ministry/NOUN concluded/VERB:Past=conclude that/SCONJ prices/NOUN rose/VERB:Past=rise",
    );
    assert_eq!(p.clauses[0].link, Link::Relative);
    let concluded = &p.clauses[1];
    assert_eq!(concluded.link, Link::Main);
    assert_eq!(head(&p, concluded.subject[0]), "report");
    assert_eq!(p.clauses[2].parent, Some(1));
}

#[test]
fn a_verb_with_an_object_or_a_subject_of_its_own_after_by_is_no_reduced_relative() {
    let p = parse(
        "The/DET issue/NOUN prompted/VERB:Past=prompt an/DET inquiry/NOUN by/ADP the/DET league/NOUN as/ADP Hale/PROPN was/AUX:Past=be summoned/VERB:Part=summon",
    );
    assert_eq!(p.clauses[0].link, Link::Main);
    assert_eq!(head(&p, p.clauses[0].subject[0]), "issue");
    let p = parse("Hale/PROPN said/VERB:Past=say by/ADP phone/NOUN he/PRON knows/VERB:Pres=know");
    assert_eq!(p.clauses[0].link, Link::Main);
    assert_eq!(head(&p, p.clauses[1].subject[0]), "he");
}

#[test]
fn a_participle_after_a_copulas_complement_is_said_of_the_copulas_subject() {
    let p = parse(
        "Skyline/PROPN is/AUX:Pres=be an/DET airline/NOUN based/VERB:Part=base in/ADP Eastport/PROPN",
    );
    let based = &p.clauses[1];
    assert_eq!(based.link, Link::Relative);
    assert!(based.subject_inherited);
    assert_eq!(head(&p, based.subject[0]), "Skyline");
    // Denied, the copula says nothing of where it is based.
    let p = parse(
        "Skyline/PROPN is/AUX:Pres=be not/PART an/DET airline/NOUN based/VERB:Part=base in/ADP Eastport/PROPN",
    );
    assert_ne!(head(&p, p.clauses[1].subject[0]), "Skyline");
}

#[test]
fn a_clause_of_a_pronoun_right_after_a_noun_is_a_relative_clause_on_it() {
    // "the money he stole was found": the noun is the next verb's subject.
    let p = parse(
        "The/DET money/NOUN he/PRON stole/VERB:Past=steal was/AUX:Past=be found/VERB:Part=find",
    );
    assert_eq!(p.clauses[0].link, Link::Relative);
    assert_eq!(head(&p, p.clauses[1].subject[0]), "money");
    assert_eq!(p.clauses[1].link, Link::Main);
    // After "said that", the next verb stays what is said; the relative clause hangs from it.
    let p = parse(
        "Hale/PROPN said/VERB:Past=say that/SCONJ the/DET units/NOUN it/PRON gathered/VERB:Past=gather were/AUX:Past=be leaving/VERB:Ger=leave",
    );
    let leaving = &p.clauses[2];
    assert_eq!((leaving.link, leaving.parent), (Link::That, Some(0)));
    assert_eq!(head(&p, leaving.subject[0]), "units");
    assert_eq!(p.clauses[1].parent, Some(2));
    // After a verb of saying, the next verb is what it says of the noun.
    let p = parse(
        "Hale/PROPN showed/VERB:Past=show rifles/NOUN he/PRON says/VERB:Pres=say were/AUX:Past=be stolen/VERB:Part=steal",
    );
    let stolen = &p.clauses[2];
    assert_eq!((stolen.link, stolen.parent), (Link::That, Some(1)));
    assert_eq!(head(&p, stolen.subject[0]), "rifles");
}

#[test]
fn neither_and_nor_before_verbs_deny_both() {
    let p = parse(
        "The/DET ministry/NOUN neither/ADV confirmed/VERB:Past=confirm nor/CCONJ denied/VERB:Past=deny that/SCONJ troops/NOUN left/VERB:Past=leave",
    );
    assert!(p.clauses[0].verb.negation.is_some());
    assert!(p.clauses[1].verb.negation.is_some());
    assert_eq!(p.words[p.clauses[1].verb.main].text, "denied");
    assert!(p.clauses[2].verb.negation.is_none());
    // Before a noun, "neither" is a determiner: the phrase denies, not the verb.
    let p = parse("Neither/DET side/NOUN confirmed/VERB:Past=confirm the/DET deal/NOUN");
    assert!(p.clauses[0].verb.negation.is_none());
}

/// The tagger reads the verb after "nor" as an adverb or noun and its object as the
/// verb; the pair with "neither" restores both.
#[test]
fn the_word_after_nor_is_the_verb_its_neither_pairs_with() {
    let text = "The ministry would neither confirm nor deny reports that troops had left.";
    let mut reader = super::Reader::default();
    let p = reader.read(text, 0, text.len());
    let tag = |t: &str| p.words.iter().find(|w| w.text == t).map(|w| w.upos);
    assert_eq!(tag("deny"), Some(Upos::Verb));
    assert_eq!(tag("reports"), Some(Upos::Noun));
    assert!(p.clauses[1].verb.negation.is_some());
}

#[test]
fn a_clause_after_a_colon_or_an_opening_quotation_mark_is_what_the_verb_before_says() {
    let p = parse(
        "Hale/PROPN said/VERB:Past=say :/PUNCT “/PUNCT The/DET talks/NOUN failed/VERB:Past=fail",
    );
    assert_eq!(
        (p.clauses[1].link, p.clauses[1].parent),
        (Link::That, Some(0))
    );
    let p =
        parse("Hale/PROPN added/VERB:Past=add ,/PUNCT “/PUNCT Talks/NOUN failed/VERB:Past=fail");
    assert_eq!(
        (p.clauses[1].link, p.clauses[1].parent),
        (Link::That, Some(0))
    );
    // After the verb's object, a colon that opens a quotation.
    let p = parse(
        "Hale/PROPN told/VERB:Past=tell the/DET court/NOUN :/PUNCT “/PUNCT Talks/NOUN failed/VERB:Past=fail",
    );
    assert_eq!(
        (p.clauses[1].link, p.clauses[1].parent),
        (Link::That, Some(0))
    );
    assert!(p.clauses[0].object.is_some());
    // A comma alone marks no speech, nor a colon after an object with no quotation.
    let p = parse("Police/NOUN arrived/VERB:Past=arrive ,/PUNCT troops/NOUN left/VERB:Past=leave");
    assert_eq!(p.clauses[1].link, Link::Main);
    let p = parse(
        "Hale/PROPN had/VERB:Past=have two/NUM aims/NOUN :/PUNCT talks/NOUN resumed/VERB:Past=resume",
    );
    assert_eq!(p.clauses[1].link, Link::Main);
}

#[test]
fn adverbs_before_a_reported_verb_and_a_relative_clause_before_a_verb() {
    // "said she personally hired": the adverb keeps the clause what is said.
    let p = parse(
        "Hale/PROPN said/VERB:Past=say she/PRON personally/ADV hired/VERB:Past=hire a/DET crew/NOUN",
    );
    assert_eq!(
        (p.clauses[1].link, p.clauses[1].parent),
        (Link::That, Some(0))
    );
    // "helped them quickly find" is still a bare infinitive done by the object.
    let p =
        parse("Hale/PROPN helped/VERB:Past=help them/PRON quickly/ADV find/VERB:Base=find it/PRON");
    assert_eq!(p.clauses[1].link, Link::To);
    // "a man who lives near the pier says": the man says, not the pier.
    let p = parse(
        "A/DET man/NOUN who/PRON lives/VERB:Pres=live near/ADP the/DET pier/NOUN says/VERB:Pres=say",
    );
    assert_eq!(head(&p, p.clauses[1].subject[0]), "man");
}

#[test]
fn a_noun_qualified_by_an_adjective_or_a_placed_participle_is_the_next_verbs_subject() {
    let p = parse(
        "People/NOUN familiar/ADJ with/ADP the/DET plans/NOUN said/VERB:Past=say talks/NOUN failed/VERB:Past=fail",
    );
    assert_eq!(head(&p, p.clauses[0].subject[0]), "People");
    let p = parse(
        "Officials/NOUN briefed/VERB:Part=brief on/ADP the/DET talks/NOUN said/VERB:Past=say Hale/PROPN left/VERB:Past=leave",
    );
    assert_eq!(p.clauses[0].link, Link::Relative);
    assert_eq!(head(&p, p.clauses[1].subject[0]), "Officials");
    // A verb of its own: "Hale arrived in Eastport on Monday" is no relative clause.
    let p = parse("Hale/PROPN arrived/VERB:Past=arrive in/ADP Eastport/PROPN on/ADP Monday/PROPN");
    assert_eq!(p.clauses[0].link, Link::Main);
}

#[test]
fn a_verb_after_a_relative_set_off_on_what_a_verb_reports_is_what_it_reports() {
    // After "that" or as the object: the coerced client is what the lawyer says.
    for spec in [
        "The/DET lawyer/NOUN said/VERB:Past=say that/SCONJ his/PRON client/NOUN ,/PUNCT who/PRON was/AUX:Past=be 17/NUM ,/PUNCT had/AUX:Past=have been/AUX:Part=be coerced/VERB:Part=coerce",
        "The/DET lawyer/NOUN said/VERB:Past=say his/PRON client/NOUN ,/PUNCT who/PRON was/AUX:Past=be 17/NUM ,/PUNCT had/AUX:Past=have been/AUX:Part=be coerced/VERB:Part=coerce",
    ] {
        let p = parse(spec);
        let coerced = &p.clauses[2];
        assert_eq!(
            (coerced.link, coerced.parent),
            (Link::That, Some(0)),
            "{spec}"
        );
        assert_eq!(head(&p, coerced.subject[0]), "client");
        assert_eq!(p.clauses[0].object, None);
    }
    // A relative clause's verb reports nothing: the next verb is not under it.
    let p = parse(
        "The/DET firm/NOUN that/PRON hired/VERB:Past=hire the/DET consultant/NOUN ,/PUNCT who/PRON was/AUX:Past=be 34/NUM ,/PUNCT lost/VERB:Past=lose money/NOUN",
    );
    assert_ne!(p.clauses.last().map(|c| c.link), Some(Link::That));
}

#[test]
fn a_subject_set_off_by_an_apposition_after_that_is_the_verbs_that_clause() {
    let p = parse(
        "The/DET ministry/NOUN said/VERB:Past=say that/SCONJ Hale/PROPN ,/PUNCT the/DET deputy/NOUN minister/NOUN ,/PUNCT had/AUX:Past=have resigned/VERB:Part=resign",
    );
    let resigned = &p.clauses[1];
    assert_eq!((resigned.link, resigned.parent), (Link::That, Some(0)));
    assert_eq!(head(&p, resigned.subject[0]), "Hale");
}
