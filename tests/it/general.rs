//! General claims: findings that need no beat rule, read through the language layer, and
//! the switch that turns them off. Invented articles on a beat the bundled pack does not know.

use claimclash::article::Article;
use claimclash::conflict::{Kind, Verdict};

fn article(id: &str, date: &str, text: &str) -> Article {
    let src = format!("---\nid: {id}\ndate: {date}\nsource: {id} desk\n---\n{text}\n");
    claimclash::article::from_text_str(id, &format!("{id}.md"), &src)
        .expect("a well-formed test article")
}

fn kinds(articles: &[Article], general: bool) -> Vec<(Verdict, Kind)> {
    let rules = crate::bundled_rules();
    let mut p = claimclash::Pipeline::new(&rules).with_general(general);
    p.add(articles.to_vec());
    let a = p.finish();
    a.conflicts.iter().map(|k| (k.verdict, k.kind)).collect()
}

#[test]
fn a_rejection_of_allegations_disputes_them_without_any_beat_rule() {
    let corpus = [
        article(
            "g1",
            "2024-04-02",
            "The tenants' association accused Dunmore Haulage of ignoring repairs at its riverside blocks.",
        ),
        article(
            "g2",
            "2024-04-02",
            "Dunmore Haulage rejected the allegations.",
        ),
    ];
    assert_eq!(
        kinds(&corpus, true),
        vec![(Verdict::Contradiction, Kind::Dispute)]
    );
    // Off, only beat claims are read, and the pack knows nothing of this beat.
    assert!(kinds(&corpus, false).is_empty());
}

#[test]
fn a_clause_and_its_denial_contradict_but_a_clause_that_says_more_does_not() {
    let denied = [
        article(
            "g3",
            "2024-04-02",
            "Dunmore Haulage closed the riverside office.",
        ),
        article(
            "g4",
            "2024-04-02",
            "Dunmore Haulage did not close the riverside office.",
        ),
    ];
    assert_eq!(
        kinds(&denied, true),
        vec![(Verdict::Contradiction, Kind::Negation)]
    );
    // The second says something else of another office: no finding.
    let other = [
        article(
            "g5",
            "2024-04-02",
            "Dunmore Haulage closed the riverside office.",
        ),
        article(
            "g6",
            "2024-04-02",
            "Dunmore Haulage did not close the hillside office in Marrow.",
        ),
    ];
    assert!(kinds(&other, true).is_empty());
}

#[test]
fn trace_shows_what_the_language_layer_made_of_each_sentence() {
    let rules = crate::bundled_rules();
    let lexicon = claimclash::bundled_lexicon();
    let article = article(
        "t1",
        "2024-05-03",
        "Ilse Varga said the hearing lasted barely 20 minutes before the panel adjourned. \
         WHAT NEXT FOR THE PANEL",
    );
    let out = claimclash::trace::trace(&article, &rules, Some(lexicon));
    // The parse, each proposition's fate, and the general claim with its amount.
    assert!(
        out.contains("clause 1: That of 0 subject [the hearing] verb `last`"),
        "{out}"
    );
    assert!(
        out.contains("`say`: no claim: frames another clause and holds no content itself"),
        "{out}"
    );
    assert!(out.contains("`last`: a general claim"), "{out}");
    assert!(out.contains("  general claim t1:"), "{out}");
    assert!(
        out.contains("said by `Ilse Varga`, amount 20 minute"),
        "{out}"
    );
    // A sentence the layer does not read says why.
    assert!(
        out.contains(
            "language layer: not read: no lower-case letter: a heading or a run of capitals"
        ),
        "{out}"
    );
    // Without a lexicon the trace is the beat rules' alone.
    let beat = claimclash::trace::trace(&article, &rules, None);
    assert!(!beat.contains("language layer"), "{beat}");
}

#[test]
fn a_functional_relation_clashes_only_on_values_one_thing_cannot_have_both_of() {
    let born = |id: &str, text: &str| article(id, "2024-06-10", text);
    let either = [
        born(
            "v1",
            "Orla Fenwick was born in 1952 or 1953, her publisher said.",
        ),
        born("v2", "Orla Fenwick was born on May 4, 1952."),
    ];
    assert!(kinds(&either, true).is_empty(), "1952 is allowed by both");
    // Many people killed have many places: a counted, plural subject has no one value.
    let many = [
        born("v5", "Four rangers were killed in Dunmore."),
        born("v6", "Four rangers were killed in Alsk."),
    ];
    assert!(
        kinds(&many, true).is_empty(),
        "a plural subject has no one value"
    );
    let apart = [
        born("v3", "Orla Fenwick was born in 1952."),
        born("v4", "Orla Fenwick was born in 1956."),
    ];
    assert_eq!(
        kinds(&apart, true),
        vec![(Verdict::Contradiction, Kind::Functional)]
    );
    // Two days of one month and year share words, and still differ; a name ending in -s
    // is one person, not many.
    let days = [
        born("v7", "Ines Morales died on 3 May 2019."),
        born("v8", "Ines Morales died on 9 May 2019."),
    ];
    assert_eq!(
        kinds(&days, true),
        vec![(Verdict::Contradiction, Kind::Functional)]
    );
    // "X is the leader of Y" names Y's leader: it gives X no value, so a person who leads
    // two bodies is no clash.
    let leads = [
        born("v9", "Ines Morales is the leader of the rowing club."),
        born("v10", "Ines Morales is the leader of the chess society."),
    ];
    assert!(kinds(&leads, true).is_empty(), "one may lead two bodies");
    // A place is a name: "killed in a rescue attempt" gives no place to set against one.
    let how = [
        born("v11", "Ines Morales was killed in a rescue attempt."),
        born("v12", "Ines Morales was killed in Dunmore."),
    ];
    assert!(kinds(&how, true).is_empty(), "an attempt is no place");
    // An age set off after a name is the person's; one given with another event is not.
    let ages = [
        born("v13", "The pilot, Tor Lund, aged 41, was unhurt."),
        born("v14", "The pilot, Tor Lund, aged 47, was unhurt."),
    ];
    assert_eq!(
        kinds(&ages, true),
        vec![(Verdict::Contradiction, Kind::Functional)]
    );
    let then = [
        born(
            "v15",
            "Tor Lund, who moved to Dunmore aged six, was unhurt.",
        ),
        born("v16", "The pilot, Tor Lund, aged 47, was unhurt."),
    ];
    assert!(kinds(&then, true).is_empty(), "an age at another time");
}

#[test]
fn two_holders_of_one_post_clash_but_a_former_or_deputy_one_does_not() {
    let day = |id: &str, text: &str| article(id, "2024-06-10", text);
    let two = [
        day("m1", "The mayor of Dunmore is Carla Weiss."),
        day("m2", "Omar Said is the mayor of Dunmore."),
    ];
    assert_eq!(
        kinds(&two, true),
        vec![(Verdict::Contradiction, Kind::Functional)]
    );
    for other in [
        "Omar Said is the former mayor of Dunmore.",
        "Omar Said is the deputy mayor of Dunmore.",
        "Omar Said is not the mayor of Dunmore.",
        "Omar Said may be the mayor of Dunmore.",
    ] {
        let pair = [
            day("m1", "The mayor of Dunmore is Carla Weiss."),
            day("m3", other),
        ];
        let found = kinds(&pair, true);
        assert!(
            !found.contains(&(Verdict::Contradiction, Kind::Functional)),
            "{other}: {found:?}"
        );
    }
}

#[test]
fn opposite_relations_of_a_common_noun_clash_only_when_it_is_the_same_one() {
    let day = |id: &str, text: &str| article(id, "2024-06-10", text);
    let same = [
        day("p1", "Grain prices rose sharply in March."),
        day("p2", "Grain prices fell sharply in March."),
    ];
    assert_eq!(
        kinds(&same, true),
        vec![(Verdict::Contradiction, Kind::Opposite)]
    );
    let other = [
        day("p3", "Grain prices rose sharply in March."),
        day("p4", "Oil prices fell sharply in March."),
    ];
    assert!(kinds(&other, true).is_empty(), "grain is not oil");
    let bare = [
        day("p5", "Prices rose in March."),
        day("p6", "Prices fell in March."),
    ];
    assert!(kinds(&bare, true).is_empty(), "too little to tell");
}

#[test]
fn a_clause_with_several_amounts_clashes_only_when_none_of_them_can_agree() {
    let sentence = "Analysts at Corvid Research revised their tablet forecast down from 2.4 million units to 1.5 million units for the third quarter.";
    // A wire story reprinted word for word by two outlets: the same two amounts.
    let reprinted = [
        article("g9", "2024-04-02", sentence),
        article("g10", "2024-04-02", sentence),
    ];
    assert!(kinds(&reprinted, true).is_empty());
    let other = [
        article("g9", "2024-04-02", sentence),
        article(
            "g11",
            "2024-04-02",
            "Analysts at Corvid Research revised their tablet forecast down to 900,000 units for the third quarter.",
        ),
    ];
    assert_eq!(
        kinds(&other, true),
        vec![(Verdict::Contradiction, Kind::Quantity)]
    );
}

#[test]
fn kept_from_doing_is_prevented_from_doing_and_an_expletive_it_is_nobody() {
    // "kept him from becoming" and "prevented him from becoming" both deny the becoming.
    let same = [
        article(
            "g12",
            "2024-04-02",
            "Marla Quint adopted the boy to prevent Tom Hardwick from becoming a sailor.",
        ),
        article(
            "g13",
            "2024-04-02",
            "Marla Quint adopted the boy to keep Tom Hardwick from becoming a sailor.",
        ),
    ];
    assert!(kinds(&same, true).is_empty());
    // "It is clear …" says nothing of the company named before it.
    let expletive = [
        article(
            "g14",
            "2024-04-02",
            "Dunmore Haulage opened a depot. It is clear they are missing parts.",
        ),
        article("g15", "2024-04-02", "Dunmore Haulage is not clear."),
    ];
    assert!(kinds(&expletive, true).is_empty());
}

#[test]
fn a_negated_cleft_denies_what_its_relative_clause_says_of_the_focus() {
    let corpus = [
        article(
            "g16",
            "2024-04-02",
            "Dunmore Haulage closed the riverside office.",
        ),
        article(
            "g17",
            "2024-04-02",
            "It was not Dunmore Haulage that closed the riverside office.",
        ),
    ];
    assert_eq!(
        kinds(&corpus, true),
        vec![(Verdict::Contradiction, Kind::Negation)]
    );
}

#[test]
fn a_clause_that_a_later_reporting_verb_did_not_confirm_is_nobodys_claim() {
    let corpus = [
        article(
            "g18",
            "2024-04-02",
            "Tom Hardwick had been arrested, the harbour police did not confirm.",
        ),
        article("g19", "2024-04-02", "Tom Hardwick had not been arrested."),
    ];
    assert!(kinds(&corpus, true).is_empty());
}

#[test]
fn a_name_described_in_passing_is_contradicted_by_a_sentence_saying_otherwise() {
    let said_to_be = |description: &str, denial: &str| {
        kinds(
            &[
                article("g20", "2024-04-02", description),
                article("g21", "2024-04-02", denial),
            ],
            true,
        )
    };
    let negation = vec![(Verdict::Contradiction, Kind::Negation)];
    // A common noun before the name, and a noun phrase in apposition to it, which holds
    // when the writer writes, whatever time the sentence tells of.
    assert_eq!(
        said_to_be(
            "On Monday the harbour board spokesman Tomas Reyd opened the new quay.",
            "Tomas Reyd is not a spokesman for the harbour board."
        ),
        negation
    );
    assert_eq!(
        said_to_be(
            "Marta Olin, the mayor of Brelund, opened the new quay on March 8.",
            "Marta Olin is not the mayor of Brelund."
        ),
        negation
    );
    // What narrows the role stays with it: a former spokesman is not one now.
    assert!(
        said_to_be(
            "On Monday the former harbour board spokesman Tomas Reyd opened the new quay.",
            "Tomas Reyd is not a spokesman for the harbour board."
        )
        .is_empty()
    );
    // After a name that ends an opening phrase, an indefinite noun phrase is the subject.
    assert!(
        said_to_be(
            "According to Brelund Radio, a local fisherman, who saw the fire, called the police.",
            "Brelund Radio is not a fisherman."
        )
        .is_empty()
    );
    // Two outlets describing a name alike is no finding: no conflict, and no agreement.
    let rules = crate::bundled_rules();
    let mut p = claimclash::Pipeline::new(&rules).with_general(true);
    p.add(vec![
        article(
            "g20",
            "2024-04-02",
            "On Monday the acting harbour board spokesman Tomas Reyd opened the new quay.",
        ),
        article(
            "g21",
            "2024-04-02",
            "On Friday the acting harbour board spokesman Tomas Reyd closed the old quay.",
        ),
    ]);
    let a = p.finish();
    assert!(a.conflicts.is_empty() && a.agreements.is_empty());
}

#[test]
fn a_dispute_by_reference_answers_a_claim_not_a_description_in_between() {
    let corpus = [article(
        "g22",
        "2024-04-02",
        "Dunmore Haulage said on Monday it is closing its riverside depot.\n\n\"We are leaving the river,\" managing director Ana Pell told reporters.\n\nThe harbour board disputes this claim.",
    )];
    let rules = crate::bundled_rules();
    let mut p = claimclash::Pipeline::new(&rules).with_general(true);
    p.add(corpus.to_vec());
    let a = p.finish();
    let disputed: Vec<&str> = a
        .conflicts
        .iter()
        .filter(|k| k.kind == Kind::Dispute)
        .map(|k| a.claims[k.a].trigger.as_str())
        .collect();
    assert_eq!(disputed, vec!["closing"]);
}

#[test]
fn what_a_passive_verb_of_saying_reports_is_nobodys_claim() {
    let against = |reported: &str| {
        kinds(
            &[
                article("g23", "2024-04-02", reported),
                article("g24", "2024-04-02", "Tom Hardwick was not arrested."),
            ],
            true,
        )
    };
    // Nobody is named as saying it: the writer only relays that it was said.
    assert!(against("It was reported that Tom Hardwick was arrested.").is_empty());
    assert!(against("The mayor was told that Tom Hardwick was arrested.").is_empty());
    // A verb that vouches for its clause, or one with its speaker, still claims it.
    let negation = vec![(Verdict::Contradiction, Kind::Negation)];
    assert_eq!(
        against("It was confirmed that Tom Hardwick was arrested."),
        negation
    );
    assert_eq!(
        against("The harbour police reported that Tom Hardwick was arrested."),
        negation
    );
}

#[test]
fn what_would_happen_is_not_answered_by_what_did() {
    let corpus = [
        article(
            "g25",
            "2024-04-02",
            "In 2019 the drivers realised that Dunmore Haulage would never close the riverside office.",
        ),
        article(
            "g26",
            "2024-04-02",
            "Dunmore Haulage closed the riverside office.",
        ),
    ];
    assert!(kinds(&corpus, true).is_empty());
}

#[test]
fn a_time_in_a_clause_set_off_on_the_subject_is_that_clause_s_not_the_verb_s() {
    // "opened in 1998" dates the opening, not the floors it has now: the two articles,
    // written a day apart, contradict each other rather than tell of a change.
    let corpus = [
        article(
            "g7",
            "2024-04-02",
            "The Harbour Tower in Lindmoor, opened in 1998, has 40 floors.",
        ),
        article(
            "g8",
            "2024-04-03",
            "The Harbour Tower does not have 40 floors.",
        ),
    ];
    assert_eq!(
        kinds(&corpus, true),
        vec![(Verdict::Contradiction, Kind::Negation)]
    );
    // A time in the verb's own clause still dates it.
    let dated = [
        article(
            "g9",
            "2024-04-02",
            "The Harbour Tower had 40 floors in 1998.",
        ),
        article(
            "g10",
            "2024-04-03",
            "The Harbour Tower does not have 40 floors.",
        ),
    ];
    assert_eq!(
        kinds(&dated, true),
        vec![(Verdict::ChangedOverTime, Kind::Negation)]
    );
}

#[test]
fn a_copula_from_a_noun_to_a_name_says_what_the_named_one_is() {
    // "X's chief engineer was not Lena Marsh" denies what "X chief engineer Lena Marsh" describes.
    let corpus = [
        article(
            "g11",
            "2024-04-02",
            "Dunmore Haulage chief engineer Lena Marsh left the riverside office.",
        ),
        article(
            "g12",
            "2024-04-02",
            "Dunmore Haulage's chief engineer was not Lena Marsh.",
        ),
    ];
    assert_eq!(
        kinds(&corpus, true),
        vec![(Verdict::Contradiction, Kind::Negation)]
    );
}

#[test]
fn a_role_set_off_before_a_name_or_shared_by_two_names_describes_them() {
    let pairs = [
        // A noun phrase set off by a comma before the name.
        (
            "Dunmore Haulage's chief engineer, Lena Marsh, left the riverside office.",
            "Lena Marsh was not Dunmore Haulage's chief engineer.",
        ),
        // A plural role before two names joined by "and" describes the second too.
        (
            "The city's two magistrates Ana Reyes and Lena Marsh opened the inquiry.",
            "Lena Marsh is not a magistrate.",
        ),
    ];
    for (said, denied) in pairs {
        let corpus = [
            article("g13", "2024-04-02", said),
            article("g14", "2024-04-02", denied),
        ];
        assert_eq!(
            kinds(&corpus, true),
            vec![(Verdict::Contradiction, Kind::Negation)],
            "{said} / {denied}"
        );
    }
    // The first of a list is no apposition: "the mayor, Ana Reyes, and the clerk".
    let listed = [
        article(
            "g15",
            "2024-04-02",
            "The mayor, Ana Reyes, and the clerk opened the inquiry.",
        ),
        article("g16", "2024-04-02", "Ana Reyes is not the mayor."),
    ];
    assert!(kinds(&listed, true).is_empty());
}

#[test]
fn a_title_says_what_the_named_one_is_and_an_eager_infinitive_says_nothing_happened() {
    let titled = [
        article(
            "g17",
            "2024-04-02",
            "Field Marshal Ostrov again took power in Lindmoor.",
        ),
        article("g18", "2024-04-02", "Ostrov was never a field marshal."),
    ];
    assert_eq!(
        kinds(&titled, true),
        vec![(Verdict::Contradiction, Kind::Negation)]
    );
    // "desperate to leave" is a wish: "prevented from leaving" does not answer it.
    let wished = [
        article(
            "g19",
            "2024-04-02",
            "Ostrov was desperate to leave Lindmoor.",
        ),
        article(
            "g20",
            "2024-04-02",
            "The court prevented Ostrov from leaving Lindmoor.",
        ),
    ];
    assert!(kinds(&wished, true).is_empty());
}

#[test]
fn denied_of_anything_denies_what_the_other_says_of_something() {
    let corpus = [
        article(
            "g21",
            "2024-04-02",
            "Dunmore Haulage is withdrawing from its lease on the riverside terminal.",
        ),
        article(
            "g22",
            "2024-04-02",
            "Dunmore Haulage is not withdrawing from anything.",
        ),
    ];
    assert_eq!(
        kinds(&corpus, true),
        vec![(Verdict::Contradiction, Kind::Negation)]
    );
    // Without "anything", a denial that says less does not answer a clause that says more.
    let less = [
        article(
            "g23",
            "2024-04-02",
            "Dunmore Haulage is withdrawing from its lease on the riverside terminal.",
        ),
        article(
            "g24",
            "2024-04-02",
            "Dunmore Haulage is not withdrawing from the city.",
        ),
    ];
    assert!(kinds(&less, true).is_empty());
}

#[test]
fn it_after_a_thing_is_that_thing_and_a_month_is_nobody() {
    // "it" is the meeting of its own sentence, not the month named before.
    let corpus = [
        article(
            "g25",
            "2024-04-02",
            "Sales rose in February. The meeting was held on Saturday, and it lasted 40 minutes.",
        ),
        article(
            "g26",
            "2024-04-02",
            "The meeting on Saturday lasted three hours.",
        ),
    ];
    assert_eq!(
        kinds(&corpus, true),
        vec![(Verdict::Contradiction, Kind::Quantity)]
    );
}

#[test]
fn a_length_in_passing_is_how_long_the_event_lasted() {
    let measured = |other: &str, date: &str| {
        kinds(
            &[
                article(
                    "g30",
                    "2024-05-08",
                    "The ferry operator and the port board held a tense 90-minute meeting on Tuesday.",
                ),
                article("g31", date, other),
            ],
            true,
        )
    };
    let clash = vec![(Verdict::Contradiction, Kind::Quantity)];
    // The talks are the meeting (a noun synonym set of the lexicon), and an hour is not 90
    // minutes even when it is "about" one.
    let about_an_hour = "The port board said the talks on Tuesday lasted about an hour.";
    assert_eq!(measured(about_an_hour, "2024-05-08"), clash);
    assert_eq!(
        measured(
            "The port board said the talks on Tuesday lasted almost two hours.",
            "2024-05-08"
        ),
        Vec::new()
    );
    // A month later it is another meeting: not a contradiction, and no change either.
    assert_eq!(
        measured(
            "The port board said the talks on Friday lasted about an hour.",
            "2024-06-10"
        ),
        Vec::new()
    );
    // "Another" meeting is one more of its kind.
    let another = [
        article("g32", "2024-05-08", about_an_hour),
        article(
            "g33",
            "2024-05-08",
            "The ferry operator held another 90-minute meeting with the port board on Tuesday.",
        ),
    ];
    assert!(kinds(&another, true).is_empty());
    // One writer's two lengths in passing are of two things.
    let one_writer = [article(
        "g34",
        "2024-05-08",
        "The board showed a five-minute film on Tuesday. It also showed an eight-minute film on Tuesday.",
    )];
    assert!(kinds(&one_writer, true).is_empty());
}

/// The six articles of `tests/newbeat/` (a haulier's labour dispute, written without
/// looking at any rule), written to `dir` with the dates their gold file gives them.
fn write_new_beat(dir: &std::path::Path) {
    let gold: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string("tests/newbeat/gold.yaml").expect("the gold file"),
    )
    .expect("gold YAML");
    for e in std::fs::read_dir("tests/newbeat").expect("the new beat's folder") {
        let path = e.expect("a folder entry").path();
        if path.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a file stem");
        let date = gold["dates"][id]
            .as_str()
            .expect("a date for every article");
        let text = std::fs::read_to_string(&path).expect("a readable article");
        let src = format!("---\nid: {id}\ndate: {date}\nsource: {id}\n---\n{text}");
        std::fs::write(dir.join(format!("{id}.md")), src).expect("a writable folder");
    }
}

#[test]
fn a_new_beat_with_the_general_files_alone_yields_its_denial_dispute_and_two_durations() {
    let work = tempfile::tempdir().expect("a temporary directory");
    write_new_beat(work.path());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_claimclash"))
        .args([
            "check",
            "--rules",
            "claims/general",
            "--format",
            "json",
            "--fail-on",
            "never",
        ])
        .arg(work.path())
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    let claim = |id: &serde_json::Value| {
        report["claims"]
            .as_array()
            .and_then(|cs| cs.iter().find(|c| &c["id"] == id))
            .map(|c| {
                format!(
                    "{}: {}",
                    c["article"].as_str().unwrap_or(""),
                    c["text"].as_str().unwrap_or("")
                )
            })
            .unwrap_or_default()
    };
    let mut found = String::new();
    let mut kinds = Vec::new();
    for k in report["conflicts"].as_array().expect("conflicts") {
        let (verdict, kind) = (
            k["verdict"].as_str().unwrap_or(""),
            k["kind"].as_str().unwrap_or(""),
        );
        kinds.push(format!("{verdict} {kind}"));
        found.push_str(&format!(
            "{verdict} ({kind}) about {}\n  {}\n  {}\n",
            k["subject"].as_str().unwrap_or(""),
            claim(&k["a"]),
            claim(&k["b"])
        ));
    }
    // The denial of the accusation and the disputed withdrawal are disputes; the two
    // lengths of one meeting a quantity.
    for want in ["contradiction dispute", "contradiction quantity"] {
        assert!(kinds.iter().any(|k| k == want), "{found}");
    }
    crate::snapshot_settings().bind(|| insta::assert_snapshot!("new_beat_general_only", found));
}

/// Who says each general claim of a one-sentence article: the speaker's name, or
/// `None` when the writer states it.
fn speakers(text: &str) -> Vec<(String, Option<String>)> {
    let rules = crate::bundled_rules();
    let mut p = claimclash::Pipeline::new(&rules);
    p.add(vec![article("g90", "2024-04-02", text)]);
    let a = p.finish();
    let pack = a.rules(&rules);
    a.claims
        .iter()
        .map(|c| {
            let who = c
                .speaker
                .map(|e| pack.entity_id(e).to_string())
                .or_else(|| c.voice.as_ref().map(|v| v.name.clone()));
            (pack.predicates[c.predicate].id.clone(), who)
        })
        .collect()
}

#[test]
fn according_to_and_an_inverted_verb_of_saying_name_who_says_a_clause() {
    let arrested = |who: &str| vec![("general.arrest".to_string(), Some(who.to_string()))];
    // "According to" names the source and claims nothing itself, before or after.
    assert_eq!(
        speakers("According to Ines Vale, Tom Hardwick was arrested."),
        arrested("name.ines-vale")
    );
    assert_eq!(
        speakers("Tom Hardwick was arrested, according to Ines Vale."),
        arrested("name.ines-vale")
    );
    // "…, said X": the verb's object is who says it.
    assert_eq!(
        speakers("\"Tom Hardwick was arrested,\" said Ines Vale."),
        arrested("name.ines-vale")
    );
    // In its usual order, its subject.
    assert_eq!(
        speakers("Tom Hardwick was arrested, the harbour police confirmed."),
        arrested("thing.police")
    );
    // A verb after a comma that is not one of saying names nobody.
    let unsaid = speakers("Police arrived at the pier, found the boat.");
    assert!(unsaid.iter().all(|(_, who)| who.is_none()), "{unsaid:?}");
}

#[test]
fn a_copula_before_a_that_clause_reports_nothing() {
    // "The problem is that …" is the writer's (or the quoted speaker's) own claim: the
    // problem says nothing.
    assert_eq!(
        speakers("The problem is that Tom Hardwick was arrested."),
        vec![("general.arrest".to_string(), None)]
    );
}

#[test]
fn a_sentence_with_a_beat_claim_still_gives_its_length_in_passing() {
    let predicates = |text: &str| -> Vec<String> {
        let mut ids: Vec<String> = speakers(text).into_iter().map(|(p, _)| p).collect();
        ids.sort();
        ids
    };
    // The beat claim is the warning's content; the call's length is said in passing.
    assert_eq!(
        predicates(
            "Biden warned Putin during a two-hour call on Monday that an invasion would isolate Russia."
        ),
        vec!["general.last", "plans-invasion"]
    );
    // A beat claim that measured the call already says how long it was: no second length.
    assert_eq!(
        predicates(
            "Biden and Putin spoke by phone for 50 minutes on Monday in a tense 50-minute call."
        ),
        vec!["talks-lasted"]
    );
}

#[test]
fn he_and_she_stand_for_the_last_person_a_title_does_not_say_is_otherwise() {
    // The nearest person named is Ana Reyes, but "Spokeswoman" says she is a woman: "he" is
    // Tom Hale, whom "Mr" names.
    let said =
        speakers("Mr Tom Hale met Spokeswoman Ana Reyes on Monday. He said the bridge was closed.");
    assert!(
        said.contains(&(
            "general.close".to_string(),
            Some("name.tom-hale".to_string())
        )),
        "{said:?}"
    );
    let said = speakers(
        "Spokeswoman Ana Reyes met Mr Tom Hale on Monday. She said the bridge was closed.",
    );
    assert!(
        said.contains(&(
            "general.close".to_string(),
            Some("name.ana-reyes".to_string())
        )),
        "{said:?}"
    );
}

#[test]
fn an_i_or_we_who_reports_a_clause_in_a_quotation_is_the_quotations_speaker() {
    let closed = |who: &str| ("general.close".to_string(), Some(who.to_string()));
    let said = speakers("“We have confirmed that the bridge was closed,” said Ana Reyes.");
    assert!(said.contains(&closed("name.ana-reyes")), "{said:?}");
    let said = speakers("“I think the bridge was closed,” Tom Hale told reporters.");
    assert!(said.contains(&closed("name.tom-hale")), "{said:?}");
}
