use super::*;

fn tagged(sentence: &str) -> Vec<Tag> {
    let words: Vec<&str> = sentence.split(' ').collect();
    Tagger::try_bundled()
        .expect("the bundled model decodes")
        .tag(&words)
}

fn upos(sentence: &str) -> Vec<&'static str> {
    tagged(sentence).iter().map(|t| t.upos.name()).collect()
}

#[test]
fn bundled_model_decodes() {
    let tagger = Tagger::try_bundled().expect("the bundled model decodes");
    assert!(tagger.classes().len() > 40);
    assert!(tagger.slots.iter().any(|s| s.len != 0));
}

#[test]
fn negated_verb_is_aux_part_verb() {
    assert_eq!(
        upos("The ministry did not withdraw its troops ."),
        [
            "DET", "NOUN", "AUX", "PART", "VERB", "PRON", "NOUN", "PUNCT"
        ]
    );
}

#[test]
fn curly_apostrophes_tag_as_straight_ones() {
    // The treebank writes "n't"; news sites write "n’t" as often.
    let straight = upos("The agency has n't confirmed it ; they 're checking .");
    let curly = upos("The agency has n\u{2019}t confirmed it ; they \u{2019}re checking .");
    assert_eq!(curly, straight);
    assert_eq!(curly[3], "PART");
}

#[test]
fn invented_news_sentences() {
    assert_eq!(
        upos("Officials said the talks had collapsed on Tuesday ."),
        [
            "NOUN", "VERB", "DET", "NOUN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"
        ]
    );
    let tags = tagged("She has been denying reports that 1,500 soldiers were killed .");
    let xpos: Vec<_> = tags.iter().map(|t| t.xpos.name()).collect();
    assert_eq!(
        xpos,
        [
            "PRP", "VBZ", "VBN", "VBG", "NNS", "IN", "CD", "NNS", "VBD", "VBN", "."
        ]
    );
}

#[test]
fn reused_buffer_gives_same_tags() {
    let tagger = Tagger::try_bundled().expect("the bundled model decodes");
    let mut buffer = TagBuffer::new();
    let long = [
        "A", "long", "sentence", "with", "many", "words", "in", "it", ".",
    ];
    let first = tagger.tag_into(&long, &mut buffer).to_vec();
    assert_eq!(first, tagger.tag(&long));
    let short = ["He", "left", "."];
    assert_eq!(tagger.tag_into(&short, &mut buffer), tagger.tag(&short));
    assert!(tagger.tag(&[]).is_empty());
}

#[test]
fn names_round_trip() {
    for u in Upos::ALL {
        assert_eq!(Upos::from_name(u.name()), Some(u));
    }
    for x in Xpos::ALL {
        assert_eq!(Xpos::from_name(x.name()), Some(x));
    }
    assert_eq!(Xpos::PrpPossessive.name(), "PRP$");
}

#[test]
fn bad_bytes_are_errors_not_panics() {
    assert_eq!(
        Tagger::from_bytes(b"nonsense").err(),
        Some(ModelError::BadHeader)
    );
    let mut bytes = BUNDLED_BYTES.to_vec();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    assert_eq!(Tagger::from_bytes(&bytes).err(), Some(ModelError::Checksum));
    assert_eq!(
        ModelError::Checksum.to_string(),
        "tagger model checksum mismatch"
    );
    let tag = Tag {
        upos: Upos::Noun,
        xpos: Xpos::Nn,
    };
    let model = encode_model(&[tag], &[], &[]);
    assert!(Tagger::from_bytes(&model[..model.len() - 9]).is_err());
    let empty = Tagger::from_bytes(&model).expect("a minimal model decodes");
    assert_eq!(empty.tag(&["word"]), [tag]);
}
