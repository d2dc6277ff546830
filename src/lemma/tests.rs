//! Tests of the lemma rules, the bundled table and the filters built on them.
use super::*;

fn tag(upos: Upos, xpos: Xpos) -> Tag {
    Tag { upos, xpos }
}

/// The filter lets through every word `may_give` is true of, over every exception form
/// and a list of inflected and uninflected words, and stops most others.
#[test]
fn the_filter_passes_every_word_may_give_would_accept() {
    let table = Lemmas::try_bundled().expect("the bundled lemma table decodes");
    let wanted: Vec<String> = ["say", "show", "find", "reveal", "be", "a", "go", "see"]
        .map(String::from)
        .to_vec();
    let filter = LemmaFilter::new(table, &wanted);
    let is_wanted = |l: &str| wanted.iter().any(|w| w.eq_ignore_ascii_case(l));
    let words = [
        "said", "Says", "SAYING", "shown", "showed", "Shows", "found", "finds", "revealed", "was",
        "were", "is", "been", "as", "As", "went", "gone", "saw", "seen", "sees", "table", "notice",
        "founder", "reveals", "1,000", "’s", "a", "I", "mention",
    ];
    let mut stopped = 0;
    for word in words
        .iter()
        .copied()
        .chain(table.exceptions.keys().map(|k| &**k))
    {
        if table.may_give(word, is_wanted) {
            assert!(filter.may_pass(word), "{word}");
        } else if !filter.may_pass(word) {
            stopped += 1;
        }
    }
    assert!(stopped > 100, "the filter stops only {stopped} words");
    assert!(!filter.may_pass("table") && !filter.may_pass("mention"));
}

/// `may_give` skips the rules for words that do not end as a rule's suffix does: every
/// rule, and the plural of a proper noun, must leave such words alone.
#[test]
fn the_rules_change_only_words_with_a_rule_ending() {
    let words = [
        "said",
        "says",
        "saying",
        "shown",
        "show",
        "went",
        "data",
        "criteria",
        "bigger",
        "biggest",
        "happier",
        "denied",
        "dying",
        "ties",
        "boxes",
        "americans",
        "news",
        "glasses",
        "analyses",
        "taxi",
        "echo",
        "buzz",
        "quiz",
        "menu",
        "ox",
        "fly",
        "by",
        "stopping",
        "hoped",
        "s",
        "ed",
        "ing",
        "est",
        "er",
        "’s",
        "n't",
        "café",
        "naïve",
        "résumé",
        "1,000",
        "200,000s",
        "covid-19",
        "e-mail",
        "u.s.",
        "a",
        "I",
        "ok",
    ];
    let table = Lemmas::try_bundled().expect("the bundled lemma table decodes");
    for word in words
        .iter()
        .copied()
        .chain(table.exceptions.keys().map(|k| &**k))
    {
        let lower = lower_case(word);
        if ends_as_rules_strip(&lower) {
            continue;
        }
        for (_, rule) in RULES {
            assert_eq!(rule(&lower), None, "{word}");
        }
        assert!(noun_singular(word).is_none(), "{word}");
    }
}

#[test]
fn may_give_is_true_whenever_some_tag_gives_a_wanted_lemma() {
    let table = Lemmas::try_bundled().expect("the bundled lemma table decodes");
    let wanted = |l: &str| {
        matches!(
            l.to_lowercase().as_str(),
            "say" | "find" | "show" | "note" | "be"
        )
    };
    let words = [
        "said", "says", "Saying", "found", "finds", "showed", "shown", "Shows", "noted", "notes",
        "was", "is", "’s", "Notes", "sayings", "table", "notice", "shower", "fund", "nothing",
        "Says", "were", "been", "findings", "notable",
    ];
    let tags = Upos::ALL
        .iter()
        .flat_map(|&u| Xpos::ALL.iter().map(move |&x| tag(u, x)));
    for (word, t) in words
        .iter()
        .flat_map(|w| tags.clone().map(move |t| (*w, t)))
    {
        if wanted(&table.lemma(word, t)) {
            assert!(table.may_give(word, wanted), "{word} as {t:?}");
        }
    }
    assert!(!table.may_give("table", wanted));
    assert!(!table.may_give("notice", wanted));
    assert!(table.may_give("said", wanted));
}

#[test]
fn lemmas_come_from_the_rules_and_the_bundled_table() {
    let rules = &Lemmas::empty();
    let table = Lemmas::try_bundled().expect("the bundled lemma table decodes");
    assert!(table.len() > 100);
    // A word, its tag and its lemma, and what must give it: the rules alone undo regular
    // inflection; irregular forms come from the bundled table.
    let cases = [
        ("troops", tag(Upos::Noun, Xpos::Nns), "troop", rules),
        ("countries", tag(Upos::Noun, Xpos::Nns), "country", rules),
        ("boxes", tag(Upos::Noun, Xpos::Nns), "box", rules),
        ("status", tag(Upos::Noun, Xpos::Nn), "status", rules),
        ("denies", tag(Upos::Verb, Xpos::Vbz), "deny", rules),
        ("pushes", tag(Upos::Verb, Xpos::Vbz), "push", rules),
        ("denied", tag(Upos::Verb, Xpos::Vbd), "deny", rules),
        ("stopped", tag(Upos::Verb, Xpos::Vbd), "stop", rules),
        ("hoped", tag(Upos::Verb, Xpos::Vbd), "hope", rules),
        ("agreed", tag(Upos::Verb, Xpos::Vbd), "agree", rules),
        ("visited", tag(Upos::Verb, Xpos::Vbd), "visit", rules),
        ("announced", tag(Upos::Verb, Xpos::Vbd), "announce", rules),
        ("organized", tag(Upos::Verb, Xpos::Vbn), "organize", rules),
        ("travelled", tag(Upos::Verb, Xpos::Vbd), "travel", rules),
        ("killed", tag(Upos::Verb, Xpos::Vbn), "kill", rules),
        ("operated", tag(Upos::Verb, Xpos::Vbd), "operate", rules),
        ("evacuated", tag(Upos::Verb, Xpos::Vbd), "evacuate", rules),
        (
            "negotiating",
            tag(Upos::Verb, Xpos::Vbg),
            "negotiate",
            rules,
        ),
        ("treated", tag(Upos::Verb, Xpos::Vbd), "treat", rules),
        ("resumed", tag(Upos::Verb, Xpos::Vbd), "resume", rules),
        ("consuming", tag(Upos::Verb, Xpos::Vbg), "consume", rules),
        ("conceded", tag(Upos::Verb, Xpos::Vbd), "concede", rules),
        ("aged", tag(Upos::Verb, Xpos::Vbn), "age", rules),
        ("needed", tag(Upos::Verb, Xpos::Vbd), "need", rules),
        ("drummed", tag(Upos::Verb, Xpos::Vbd), "drum", rules),
        ("sensing", tag(Upos::Verb, Xpos::Vbg), "sense", rules),
        ("collapsed", tag(Upos::Verb, Xpos::Vbd), "collapse", rules),
        ("pressed", tag(Upos::Verb, Xpos::Vbd), "press", rules),
        ("managed", tag(Upos::Verb, Xpos::Vbd), "manage", rules),
        ("arranged", tag(Upos::Verb, Xpos::Vbn), "arrange", rules),
        ("challenged", tag(Upos::Verb, Xpos::Vbd), "challenge", rules),
        ("belonged", tag(Upos::Verb, Xpos::Vbd), "belong", rules),
        ("making", tag(Upos::Verb, Xpos::Vbg), "make", rules),
        ("getting", tag(Upos::Verb, Xpos::Vbg), "get", rules),
        ("saying", tag(Upos::Verb, Xpos::Vbg), "say", rules),
        ("handling", tag(Upos::Verb, Xpos::Vbg), "handle", rules),
        ("smiling", tag(Upos::Verb, Xpos::Vbg), "smile", rules),
        ("feeling", tag(Upos::Verb, Xpos::Vbg), "feel", rules),
        ("bigger", tag(Upos::Adj, Xpos::Jjr), "big", rules),
        ("larger", tag(Upos::Adj, Xpos::Jjr), "large", rules),
        ("happiest", tag(Upos::Adj, Xpos::Jjs), "happy", rules),
        ("Officials", tag(Upos::Noun, Xpos::Nns), "official", rules),
        ("200,000", tag(Upos::Num, Xpos::Cd), "200000", rules),
        ("went", tag(Upos::Verb, Xpos::Vbd), "go", table),
        ("said", tag(Upos::Verb, Xpos::Vbd), "say", table),
        ("children", tag(Upos::Noun, Xpos::Nns), "child", table),
        ("is", tag(Upos::Aux, Xpos::Vbz), "be", table),
        ("n't", tag(Upos::Part, Xpos::Rb), "not", table),
        ("them", tag(Upos::Pron, Xpos::Prp), "they", table),
        ("better", tag(Upos::Adj, Xpos::Jjr), "good", table),
        ("Withdrew", tag(Upos::Verb, Xpos::Vbd), "withdraw", table),
        ("\u{2019}re", tag(Upos::Aux, Xpos::Vbp), "be", table),
    ];
    for (word, tag, expected, lemmas) in cases {
        assert_eq!(lemmas.lemma(word, tag), expected, "{word} {tag}");
    }
}

#[test]
fn proper_nouns_keep_their_form() {
    let rules = Lemmas::empty();
    assert_eq!(
        rules.lemma("Reuters", tag(Upos::Propn, Xpos::Nnp)),
        "Reuters"
    );
    assert_eq!(
        rules.lemma("Americans", tag(Upos::Propn, Xpos::Nnps)),
        "American"
    );
    assert!(matches!(
        rules.lemma("Paris", tag(Upos::Propn, Xpos::Nnp)),
        Cow::Borrowed(_)
    ));
    assert!(matches!(
        rules.lemma("said", tag(Upos::Noun, Xpos::Nn)),
        Cow::Borrowed(_)
    ));
}

#[test]
fn table_round_trips_and_rejects_garbage() {
    let entries = vec![
        ("went".to_owned(), Upos::Verb, "go".to_owned()),
        ("mice".to_owned(), Upos::Noun, "mouse".to_owned()),
        ("’s".to_owned(), Upos::Aux, "be".to_owned()),
    ];
    let bytes = encode_table(&entries);
    let table = Lemmas::from_bytes(&bytes).expect("decodes");
    assert_eq!(table.len(), 3);
    assert_eq!(table.lemma("Mice", tag(Upos::Noun, Xpos::Nns)), "mouse");
    assert_eq!(table.lemma("’s", tag(Upos::Aux, Xpos::Vbz)), "be");
    assert!(Lemmas::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    let garbage = Lemmas::from_bytes(b"garbage").err().map(|e| e.to_string());
    assert_eq!(
        garbage.as_deref(),
        Some("not a lemma table of this version")
    );
}
