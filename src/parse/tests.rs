use super::*;

/// Builds words from `text/UPOS[:Form][=lemma]` items separated by spaces, with invented
/// byte offsets (the lemma defaults to the text in lower case). `proposition`'s tests write
/// their sentences so too.
pub(crate) fn words(spec: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    for item in spec.split(' ') {
        let (text, rest) = item.rsplit_once('/').expect("text/TAG");
        let (tag, lemma) = rest
            .split_once('=')
            .map_or((rest, None), |(t, l)| (t, Some(l)));
        let (upos, form) = tag
            .split_once(':')
            .map_or((tag, None), |(u, f)| (u, Some(f)));
        let upos = match upos {
            "ADJ" => Upos::Adj,
            "ADP" => Upos::Adp,
            "ADV" => Upos::Adv,
            "AUX" => Upos::Aux,
            "CCONJ" => Upos::Cconj,
            "DET" => Upos::Det,
            "NOUN" => Upos::Noun,
            "NUM" => Upos::Num,
            "PART" => Upos::Part,
            "PRON" => Upos::Pron,
            "PROPN" => Upos::Propn,
            "PUNCT" => Upos::Punct,
            "SCONJ" => Upos::Sconj,
            "VERB" => Upos::Verb,
            other => panic!("unknown tag {other}"),
        };
        let form = match form {
            Some("Past") => Form::Past,
            Some("Part") => Form::Participle,
            Some("Ger") => Form::Gerund,
            Some("Pres") => Form::Present,
            Some("Base") => Form::Base,
            _ if matches!(upos, Upos::Verb | Upos::Aux) => Form::Base,
            _ => Form::None,
        };
        let lemma = lemma.map_or_else(|| Cow::Owned(text.to_lowercase()), Cow::Borrowed);
        out.push(Word {
            text,
            lemma,
            upos,
            form,
            start: at,
            end: at + text.len(),
        });
        at += text.len() + 1;
    }
    out
}

pub(super) fn parse(spec: &str) -> Parse<'_> {
    Parse::new(words(spec))
}

pub(super) fn head<'a>(p: &'a Parse, phrase: usize) -> &'a str {
    p.words[p.phrases[phrase].head].text
}

/// A sentence and one of its clauses: how many clauses there are, which one, how it hangs
/// (link, parent), its subject's and object's heads, its main verb and the verb group's
/// tense and flags.
struct Case {
    what: &'static str,
    spec: &'static str,
    clauses: usize,
    at: usize,
    link: Link,
    parent: Option<usize>,
    subject: &'static str,
    verb: &'static str,
    group: &'static str,
    object: Option<&'static str>,
}

const CASES: &[Case] = &[
    Case {
        what: "negated past clause with object",
        spec: "Norland/PROPN did/AUX:Past=do not/PART withdraw/VERB:Base its/PRON troops/NOUN ./PUNCT",
        clauses: 1,
        at: 0,
        link: Link::Main,
        parent: None,
        subject: "Norland",
        verb: "withdraw",
        group: "Past negated",
        object: Some("troops"),
    },
    Case {
        what: "complement clause under a speech verb",
        spec: "The/DET ministry/NOUN denied/VERB:Past=deny that/SCONJ the/DET company/NOUN had/AUX:Past=have closed/VERB:Part=close the/DET depot/NOUN",
        clauses: 2,
        at: 1,
        link: Link::That,
        parent: Some(0),
        subject: "company",
        verb: "closed",
        group: "Past perfect",
        object: Some("depot"),
    },
    Case {
        what: "bare complement clause after said",
        spec: "Officials/NOUN said/VERB:Past=say troops/NOUN were/AUX:Past=be moving/VERB:Ger=move closer/ADV",
        clauses: 2,
        at: 1,
        link: Link::That,
        parent: Some(0),
        subject: "troops",
        verb: "moving",
        group: "Past progressive",
        object: None,
    },
];

/// A verb group's tense and the flags it has set, as the cases write them.
fn group(v: &VerbGroup) -> String {
    with_flags(
        format!("{:?}", v.tense),
        &[
            (v.negation.is_some(), "negated"),
            (v.perfect, "perfect"),
            (v.progressive, "progressive"),
            (v.passive, "passive"),
            (v.copula, "copula"),
        ],
    )
}

/// `first`, then the name of each flag that is set, space-separated: how table-driven
/// cases here and in `proposition` write what they expect.
pub(crate) fn with_flags(first: String, flags: &[(bool, &str)]) -> String {
    let mut out = first;
    for (_, name) in flags.iter().filter(|(on, _)| *on) {
        out.push(' ');
        out.push_str(name);
    }
    out
}

#[test]
fn each_clause_hangs_where_the_case_says() {
    for k in CASES {
        let p = parse(k.spec);
        assert_eq!(p.clauses.len(), k.clauses, "{}", k.what);
        let c = &p.clauses[k.at];
        let got = (
            c.link,
            c.parent,
            head(&p, c.subject[0]),
            p.words[c.verb.main].text,
            group(&c.verb),
            c.object.map(|o| head(&p, o)),
        );
        let want = (
            k.link,
            k.parent,
            k.subject,
            k.verb,
            k.group.to_string(),
            k.object,
        );
        assert_eq!(got, want, "{}", k.what);
        // The clause's last word ("depot") belongs to it, not to the clause above.
        assert_eq!(p.clause_at(c.last), Some(k.at), "{}", k.what);
    }
}

#[test]
fn infinitive_takes_the_object_or_subject_of_its_parent() {
    let demand =
        parse("Ostia/PROPN called/VERB:Past=call on/ADP Norland/PROPN to/PART withdraw/VERB:Base");
    let inner = &demand.clauses[1];
    assert_eq!(inner.link, Link::To);
    assert_eq!(head(&demand, inner.subject[0]), "Norland");

    let agreed =
        parse("Norland/PROPN agreed/VERB:Past=agree to/PART withdraw/VERB:Base troops/NOUN");
    let inner = &agreed.clauses[1];
    assert_eq!(inner.link, Link::To);
    assert!(inner.subject_inherited);
    assert_eq!(head(&agreed, inner.subject[0]), "Norland");
}

#[test]
fn coordinated_subjects_are_all_kept() {
    let p = parse(
        "Both/DET Ostia/PROPN and/CCONJ the/DET Free/PROPN Cities/PROPN dispute/VERB:Pres this/DET claim/NOUN",
    );
    let c = &p.clauses[0];
    let heads: Vec<&str> = c.subject.iter().map(|&s| head(&p, s)).collect();
    assert_eq!(heads, ["Ostia", "Cities"]);
}

#[test]
fn copula_with_adjective_and_noun_complements() {
    let p = parse("The/DET driver/NOUN is/AUX:Pres=be not/PART guilty/ADJ");
    let c = &p.clauses[0];
    assert!(c.verb.copula);
    assert!(c.verb.negation.is_some());
    assert!(matches!(c.complement, Some(Complement::Adjective(_))));

    // A quotation mark around the adjective quotes it; the adjective is still the
    // complement ("was 'desperate' to leave": the infinitive is what he wanted).
    let p = parse("He/PRON was/AUX:Past=be '/PUNCT desperate/ADJ '/PUNCT to/PART leave/VERB");
    assert!(matches!(
        p.clauses[0].complement,
        Some(Complement::Adjective(3))
    ));

    let p = parse("Lisbon/PROPN is/AUX:Pres=be the/DET capital/NOUN of/ADP Portugal/PROPN");
    let Some(Complement::Phrase(ph)) = p.clauses[0].complement else {
        panic!("a noun complement")
    };
    let of = p.phrases[ph].of.expect("an of-phrase");
    assert_eq!(head(&p, of.phrase), "Portugal");
}

#[test]
fn passive_and_prepositions() {
    let p = parse(
        "The/DET bridge/NOUN was/AUX:Past=be opened/VERB:Part=open in/ADP May/PROPN by/ADP the/DET mayor/NOUN",
    );
    let c = &p.clauses[0];
    assert!(c.verb.passive);
    let preps: Vec<&str> = c.preps.iter().map(|pr| p.words[pr.word].text).collect();
    assert_eq!(preps, ["in", "by"]);
}

#[test]
fn negative_determiner_marks_the_phrase() {
    let p = parse("There/PRON is/AUX:Pres=be no/DET sign/NOUN of/ADP de-escalation/NOUN");
    let sign = p.phrase_at(3).expect("a phrase");
    assert!(p.phrases[sign].negative);
    assert!(p.phrases[sign].of.is_some());
}

#[test]
fn possessive_opens_a_phrase_with_its_owner() {
    let p = parse("the/DET union/NOUN 's/PART members/NOUN voted/VERB:Past=vote");
    let members = p.phrase_at(3).expect("phrase");
    let owner = p.phrases[members].possessor.expect("possessor");
    assert_eq!(head(&p, owner), "union");
    assert_eq!(head(&p, p.clauses[0].subject[0]), "members");
}

#[test]
fn conditional_and_relative_clauses() {
    let p = parse(
        "If/SCONJ the/DET talks/NOUN fail/VERB:Pres ,/PUNCT the/DET union/NOUN will/AUX=will strike/VERB:Base",
    );
    assert!(matches!(p.clauses[0].link, Link::Adverbial(0)));
    assert_eq!(p.clauses[1].verb.tense, Tense::Future);

    let p = parse("the/DET troops/NOUN that/PRON were/AUX:Past=be moved/VERB:Part=move");
    assert_eq!(p.clauses[0].link, Link::Relative);
    assert_eq!(head(&p, p.clauses[0].subject[0]), "troops");
}

#[test]
fn particle_belongs_to_the_verb() {
    let p = parse("Norland/PROPN pulled/VERB:Past=pull back/ADP ./PUNCT");
    assert_eq!(p.clauses[0].verb.particle, Some(2));
}

#[test]
#[ignore = "prints parses of sentences given in CLAIMCLASH_PARSE, for looking at"]
fn show() {
    let text = std::env::var("CLAIMCLASH_PARSE").unwrap_or_default();
    let mut r = Reader::default();
    for line in text.lines() {
        println!("{}", r.read(line, 0, line.len()).describe());
    }
}

#[test]
fn a_clause_under_a_negative_phrase_knows_it() {
    let p = parse(
        "There/PRON is/AUX:Pres=be no/DET sign/NOUN of/ADP Valdor/PROPN pulling/VERB:Ger=pull back/ADV",
    );
    let c = p.clauses.last().expect("a clause");
    assert_eq!(c.verb.particle, Some(7));
    let under = c.under.expect("under a phrase");
    assert!(p.phrases[under].negative);
}

#[test]
fn coordinated_gerunds_share_their_parent_and_participles_modify_nouns() {
    let p = parse(
        "Talks/NOUN focused/VERB:Past=focus on/ADP fighting/VERB:Ger=fight crime/NOUN and/CCONJ improving/VERB:Ger=improve ties/NOUN",
    );
    let last = p.clauses.last().expect("a clause");
    assert_eq!(last.parent, Some(0));
    assert_eq!(last.link, p.clauses[1].link);

    let p = parse("They/PRON leaked/VERB:Past=leak the/DET hacked/VERB:Part=hack emails/NOUN");
    assert_eq!(p.clauses.len(), 1);
    assert_eq!(head(&p, p.clauses[0].object.expect("object")), "emails");
    // Right after a noun, a participle is a verb ("steel increased last year"), a gerund
    // still a modifier ("a product unveiling event").
    let p = parse("Exports/NOUN of/ADP steel/NOUN increased/VERB:Part=increase last/ADJ year/NOUN");
    assert_eq!(p.clauses.len(), 1);
    assert_eq!(p.words[p.clauses[0].verb.main].text, "increased");
    let p = parse(
        "They/PRON held/VERB:Past=hold a/DET product/NOUN unveiling/VERB:Ger=unveil event/NOUN",
    );
    assert_eq!(p.clauses.len(), 1);
    assert_eq!(head(&p, p.clauses[0].object.expect("object")), "event");
}

#[test]
fn a_bare_complement_past_the_modifiers_of_its_subject() {
    // The phrase's own prepositions and a date set off by commas stand between it and
    // its verb: it is still that verb's subject, under the speech verb.
    let p = parse(
        "Vell/PROPN said/VERB:Past=say talks/NOUN with/ADP the/DET guild/NOUN on/ADP Friday/PROPN ,/PUNCT May/PROPN 2/NUM ,/PUNCT lasted/VERB:Past=last two/NUM hours/NOUN",
    );
    let inner = &p.clauses[1];
    assert_eq!(inner.link, Link::That);
    assert_eq!(inner.parent, Some(0));
    assert_eq!(head(&p, inner.subject[0]), "talks");
    assert!(!inner.subject_inherited);
    assert_eq!(p.clauses[0].object, None);
    // One comma is no parenthesis: "sold the plant in Arvel, closed the office" are
    // two acts of one subject.
    let p = parse(
        "Dorn/PROPN sold/VERB:Past=sell the/DET plant/NOUN in/ADP Arvel/PROPN ,/PUNCT closed/VERB:Past=close the/DET office/NOUN",
    );
    assert_eq!(head(&p, p.clauses[1].subject[0]), "Dorn");
    assert!(p.clauses[1].subject_inherited);
}

#[test]
fn a_preposition_that_opens_a_clause_keeps_its_subject() {
    // "before" tagged as a preposition: the phrase after it is the subject of its clause,
    // and the amount before it stays with the clause before.
    let p = parse(
        "the/DET meeting/NOUN lasted/VERB:Past=last barely/ADV 40/NUM minutes/NOUN before/ADP the/DET managers/NOUN walked/VERB:Past=walk out/ADV",
    );
    let first = &p.clauses[0];
    assert_eq!(head(&p, first.object.expect("the amount")), "minutes");
    let second = &p.clauses[1];
    assert!(matches!(second.link, Link::Adverbial(_)));
    assert_eq!(head(&p, second.subject[0]), "managers");
    assert_eq!(second.under, None);
}

#[test]
fn the_bounded_amount_a_verb_takes_is_its_object() {
    let p =
        parse("the/DET talks/NOUN lasted/VERB:Past=last more/ADJ than/ADP three/NUM hours/NOUN");
    assert_eq!(head(&p, p.clauses[0].object.expect("the amount")), "hours");
}

#[test]
fn a_reduced_relative_leaves_its_noun_the_subject_of_the_next_verb() {
    let p = parse(
        "Economists/NOUN polled/VERB:Past=poll by/ADP the/DET Gazette/PROPN said/VERB:Past=say prices/NOUN would/AUX rise/VERB:Base",
    );
    assert_eq!(p.clauses[0].link, Link::Relative);
    let said = &p.clauses[1];
    assert_eq!(head(&p, said.subject[0]), "Economists");
    assert_eq!(p.clauses[2].parent, Some(1));
}

#[test]
fn a_that_clause_after_a_noun_is_its_content_and_a_possessor_belongs_to_the_subject() {
    // "Rumours that the mayor's car was stolen were exaggerated": the that-clause hangs
    // from "Rumours", which is the subject of the verb after it.
    let p = parse(
        "Rumours/NOUN=rumour that/SCONJ the/DET mayor/NOUN 's/PART car/NOUN was/AUX:Past=be stolen/VERB:Part=steal were/AUX:Past=be exaggerated/VERB:Part=exaggerate",
    );
    let content = &p.clauses[0];
    assert_eq!(content.link, Link::That);
    assert_eq!(head(&p, content.under.expect("under the noun")), "Rumours");
    assert_eq!(head(&p, p.clauses[1].subject[0]), "Rumours");
    assert!(!p.clauses[1].subject_inherited);
    // A phrase of the content right before the verb is the content's, not its subject.
    let p = parse(
        "The/DET claim/NOUN that/SCONJ it/PRON was/AUX:Past=be pulling/VERB:Ger=pull back/ADP from/ADP the/DET border/NOUN was/AUX:Past=be false/ADJ",
    );
    let last = p.clauses.last().expect("a clause");
    assert_eq!(head(&p, last.subject[0]), "claim");
    // After "it was not true that", a subject with a possessor still opens a that-clause.
    let p = parse(
        "it/PRON was/AUX:Past=be n’t/PART=not true/ADJ that/SCONJ the/DET mayor/NOUN ’s/PART car/NOUN was/AUX:Past=be stolen/VERB:Part=steal",
    );
    let stolen = p.clauses.last().expect("a clause");
    assert_eq!((stolen.link, stolen.parent), (Link::That, Some(0)));
    assert_eq!(stolen.under, None);
}

#[test]
fn an_adverb_between_a_subject_and_its_verb_keeps_the_that_clause() {
    // "found that there really is no link": "really" belongs to the clause, which still
    // hangs from "found"; "when" opens a clause of its own.
    let p = parse(
        "studies/NOUN=study found/VERB:Past=find that/SCONJ there/PRON really/ADV is/AUX:Pres=be no/DET link/NOUN",
    );
    let content = &p.clauses[1];
    assert_eq!((content.link, content.parent), (Link::That, Some(0)));
    let p = parse(
        "he/PRON left/VERB:Past=leave when/ADV troops/NOUN=troop really/ADV arrived/VERB:Past=arrive",
    );
    assert!(matches!(p.clauses[1].link, Link::Adverbial(_)));
}

#[test]
fn a_that_clause_after_and_is_the_twin_of_the_one_before() {
    let p = parse(
        "Banks/NOUN said/VERB:Past=say that/SCONJ funds/NOUN were/AUX safe/ADJ and/CCONJ that/SCONJ trading/NOUN would/AUX continue/VERB",
    );
    assert_eq!(p.clauses.len(), 3, "{}", p.describe());
    assert_eq!(p.clauses[2].link, Link::That);
    assert_eq!(p.clauses[2].parent, Some(0));
}

#[test]
fn a_hyphen_between_words_joins_them_in_a_noun_phrase_and_a_spaced_dash_does_not() {
    let mut r = Reader::default();
    let joined = "The 14-page report reached Ortega-Lund.";
    let p = r.read(joined, 0, joined.len());
    let texts: Vec<String> = (0..p.phrases.len()).map(|k| p.phrase_text(k)).collect();
    assert_eq!(
        texts,
        ["The 14-page report", "Ortega-Lund"],
        "{}",
        p.describe()
    );
    let spaced = "The report - a long one - reached them.";
    let p = r.read(spaced, 0, spaced.len());
    assert!(
        (0..p.phrases.len()).all(|k| !p.phrase_text(k).contains('-')),
        "{}",
        p.describe()
    );
}

#[test]
fn a_verb_with_no_auxiliary_carries_its_negation_in_front() {
    let p = parse("The/DET firm/NOUN never/ADV hired/VERB:Past=hire her/PRON");
    assert_eq!(p.clauses.len(), 1);
    assert!(p.clauses[0].verb.negation.is_some(), "{}", p.describe());
    let p = parse("The/DET firm/NOUN hired/VERB:Past=hire her/PRON");
    assert!(p.clauses[0].verb.negation.is_none());
}

#[test]
fn quotation_marks_inside_a_verb_group_do_not_end_it() {
    let mut r = Reader::default();
    for text in [
        "Ana said the board would not be \u{201c}intimidated\u{201d} by threats.",
        "Ana said the board would \u{201c}not be intimidated\u{201d} by threats.",
    ] {
        let p = r.read(text, 0, text.len());
        let last = p.clauses.last().expect("a clause");
        assert_eq!(
            p.words[last.verb.main].lemma,
            "intimidate",
            "{}",
            p.describe()
        );
        assert!(last.verb.negation.is_some(), "{}", p.describe());
        assert!(last.verb.passive, "{}", p.describe());
    }
}

#[test]
fn a_verb_right_after_an_article_is_read_as_a_noun() {
    let mut r = Reader::default();
    let text = "Ana said the board would not be intimidated by the bloodshed.";
    let p = r.read(text, 0, text.len());
    let bloodshed = p
        .words
        .iter()
        .find(|w| w.text == "bloodshed")
        .expect("the word");
    assert_eq!(bloodshed.upos, Upos::Noun, "{}", p.describe());
    assert_eq!(p.clauses.len(), 2, "{}", p.describe());
}

#[test]
fn a_hyphenated_compound_before_its_verb_ends_in_a_noun() {
    let mut r = Reader::default();
    let text = "No troops had left, the secretary-general said.";
    let p = r.read(text, 0, text.len());
    let said = p.clauses.last().expect("a clause");
    let subject = said.subject.first().copied().expect("a subject");
    assert_eq!(
        p.phrase_text(subject),
        "the secretary-general",
        "{}",
        p.describe()
    );
    assert!(!said.subject_inherited, "{}", p.describe());
}

#[test]
fn a_bare_infinitive_after_a_verb_of_seeing_is_its_complement() {
    let p = parse("We/PRON saw/VERB:Past=see the/DET troops/NOUN=troop leave/VERB:Base ./PUNCT");
    let leave = &p.clauses[1];
    assert_eq!(
        (leave.link, leave.parent),
        (Link::To, Some(0)),
        "{}",
        p.describe()
    );
    let after_say = parse(
        "Officials/NOUN=official say/VERB:Pres the/DET troops/NOUN=troop leave/VERB:Base ./PUNCT",
    );
    assert_eq!(
        after_say.clauses[1].link,
        Link::Main,
        "{}",
        after_say.describe()
    );
}

#[test]
fn a_negative_possessor_denies_its_phrase() {
    for spec in [
        "It/PRON was/AUX:Past=be nobody/PRON 's/PART fault/NOUN ./PUNCT",
        "It/PRON was/AUX:Past=be no/DET country/NOUN 's/PART fault/NOUN ./PUNCT",
    ] {
        let p = parse(spec);
        let at = p
            .words
            .iter()
            .position(|w| w.text == "fault")
            .expect("the word");
        let fault = p.phrase_at(at).expect("a phrase");
        assert!(p.phrases[fault].negative, "{}", p.describe());
    }
}

#[test]
fn a_clause_set_off_by_commas_leaves_the_subject_to_the_verb_after_it() {
    fn subject(p: &Parse, k: usize) -> (Link, Vec<String>, bool) {
        let c = &p.clauses[k];
        let heads = c
            .subject
            .iter()
            .map(|&s| p.words[p.phrases[s].head].text.to_owned());
        (c.link, heads.collect(), c.subject_inherited)
    }
    // A participle and a relative clause qualify the phrase; the verb after is its.
    for spec in [
        "The/DET tower/NOUN in/ADP Lindmoor/PROPN ,/PUNCT finished/VERB:Part=finish in/ADP 1974/NUM ,/PUNCT has/AUX:Pres=have 110/NUM stories/NOUN=story ./PUNCT",
        "The/DET tower/NOUN in/ADP Lindmoor/PROPN ,/PUNCT which/PRON opened/VERB:Past=open in/ADP 1974/NUM ,/PUNCT has/AUX:Pres=have 110/NUM stories/NOUN=story ./PUNCT",
    ] {
        let p = parse(spec);
        assert_eq!(
            subject(&p, 0),
            (Link::Relative, vec!["tower".to_owned()], true),
            "{}",
            p.describe()
        );
        assert_eq!(
            subject(&p, 1),
            (Link::Main, vec!["tower".to_owned()], false),
            "{}",
            p.describe()
        );
    }
    // A phrase a verb took as its object is no subject of the verb after the comma.
    let p = parse(
        "They/PRON met/VERB:Past=meet the/DET minister/NOUN ,/PUNCT signed/VERB:Past=sign the/DET deal/NOUN ,/PUNCT and/CCONJ left/VERB:Past=leave ./PUNCT",
    );
    assert_eq!(
        subject(&p, 1),
        (Link::Main, vec!["They".to_owned()], true),
        "{}",
        p.describe()
    );
}

#[test]
fn a_that_clause_whose_subject_has_a_prepositional_phrase_is_the_verb_s() {
    let p = parse(
        "They/PRON denied/VERB:Past=deny that/SCONJ the/DET man/NOUN in/ADP the/DET video/NOUN was/AUX:Past=be Rudd/PROPN ./PUNCT",
    );
    let was = &p.clauses[1];
    assert_eq!(
        (was.link, was.parent),
        (Link::That, Some(0)),
        "{}",
        p.describe()
    );
}

#[test]
fn a_verb_takes_what_is_owned_and_an_apposition_leaves_the_name_its_subject() {
    let p = parse(
        "Officials/NOUN=official rejected/VERB:Past=reject Norland/PROPN 's/PART claim/NOUN ./PUNCT",
    );
    let object = p.clauses[0].object.map(|o| p.words[p.phrases[o].head].text);
    assert_eq!(object, Some("claim"), "{}", p.describe());
    let p = parse(
        "Its/PRON chief/ADJ engineer/NOUN ,/PUNCT Lena/PROPN Marsh/PROPN ,/PUNCT left/VERB:Past=leave the/DET office/NOUN ./PUNCT",
    );
    let subject: Vec<&str> = p.clauses[0]
        .subject
        .iter()
        .map(|&s| p.words[p.phrases[s].head].text)
        .collect();
    assert_eq!(subject, ["Marsh"], "{}", p.describe());
    assert!(!p.clauses[0].subject_inherited);
}
