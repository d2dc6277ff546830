use super::*;

#[test]
fn phrases_parse_and_refuse() {
    assert_eq!(parse_phrase("pull* back", false).map(|e| e.len()), Ok(2));
    assert_eq!(
        parse_phrase("moved ... away from", false).map(|e| e.len()),
        Ok(4)
    );
    assert!(parse_phrase("... away", false).is_err());
    assert!(parse_phrase("away ...", false).is_err());
    assert!(parse_phrase("w*ithdraw", false).is_err());
    assert!(parse_phrase("!!", false).is_err());
    assert!(parse_phrase("ab*", false).is_err());
    assert_eq!(parse_phrase("build-up", false).map(|e| e.len()), Ok(2));
}

/// Cue phrases as written; `exact` says which match letter case exactly.
fn phrases_of(written: &[&str], exact: impl Fn(&str) -> bool) -> Vec<Phrase> {
    let phrase = |w: &&str| {
        let exact = exact(w);
        let elems = parse_phrase(w, exact).unwrap_or_default();
        let origin = Origin {
            file: String::new(),
            line: 0,
        };
        Phrase::new((*w).to_string(), elems, Owner::Cue(0), exact, origin)
    };
    written.iter().map(phrase).collect()
}

fn index_of(written: &[&str]) -> PhraseIndex {
    let phrases = phrases_of(written, |_| false);
    PhraseIndex::build(&phrases, &|_| true, 3).unwrap_or_else(|e| panic!("{e}"))
}

fn found(index: &PhraseIndex, text: &str) -> Vec<String> {
    index
        .find_all(text)
        .iter()
        .map(|m| {
            format!(
                "{}={}",
                index.phrases[m.phrase].written,
                &text[m.start..m.end]
            )
        })
        .collect()
}

#[test]
fn the_trie_finds_what_trying_one_by_one_finds() {
    let written = [
        "hale",
        "petr hale",
        "petra hale",
        "r.f",
        "r.f.a",
        "pull*",
        "pullback",
        "pulled back",
        "withdr*",
        "troops withdr*",
        "no talks",
        "talks",
        "RF",
        "rf army",
        "o'brien",
        "ruritania's army",
        "Palace",
        "palace spokesman",
        "build-up",
        "moved ... away",
        "pull* ... back",
        "de-escalat*",
        "état",
        "naïve plan",
    ];
    let phrases = phrases_of(&written, |w| w.chars().all(|c| !c.is_lowercase()));
    let each = PhraseIndex::build_with(&phrases, &|_| true, 3, usize::MAX).expect("index");
    let trie = PhraseIndex::build_with(&phrases, &|_| true, 3, 0).expect("index");
    assert!(trie.walks_trie.iter().any(|&w| w), "the trie is used");
    for text in [
        "Petr Hale's aide, Hale, and Petra  Hale said; R.F.A. and R.F. troops withdrew.",
        "They pulled back, a pullback, pulling the tanks back; troops withdrawing, no talks.",
        "The RF army and rf army; O’Brien and o'brien; Ruritania’s army; PALACE, Palace spokesman.",
        "A build up, a build-up, moved them away, de-escalation; État, ÉTAT, naïve plan.",
        "hale\u{a0}hale hale-hale halex xhale Hale.",
    ] {
        let expected = found(&each, text);
        assert!(expected.len() >= 3, "{text}: {expected:?}");
        assert_eq!(expected, found(&trie, text), "{text}");
    }
}

#[test]
fn weak_leading_words_move_the_anchor_but_not_the_match() {
    let index = index_of(&["on the mend", "no talks", "de-escalat*", "no", "in the"]);
    let anchors: Vec<usize> = index.phrases.iter().map(|p| p.anchor).collect();
    assert_eq!(anchors, [2, 1, 1, 0, 0]);
    assert_eq!(
        found(
            &index,
            "Ties are On the\u{a0}mend; NO  talks yet, only de-escalation."
        ),
        [
            "on the mend=On the\u{a0}mend",
            "no=NO",
            "no talks=NO  talks",
            "de-escalat*=de-escalation",
        ]
    );
    // Any separator `separator` accepts passes the next-letter reject too.
    let index = index_of(&["pulled back"]);
    assert_eq!(
        found(&index, "They pulled\u{a0}back, then pulled out."),
        ["pulled back=pulled\u{a0}back"]
    );
    let index = index_of(&["on the mend", "no talks", "de-escalat*", "no", "in the"]);
    // The words before the anchor must be whole words with a separator after them.
    assert!(
        found(
            &index,
            "moon the mend, casino talks, node-escalation, onthe mend"
        )
        .is_empty()
    );
}
