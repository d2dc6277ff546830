//! The bundled rule pack: it compiles, it is all embedded, and every example it carries holds.

use crate::{bundled_rules, root};
use claimclash::rules::{self, RuleSource};

#[test]
fn every_file_of_claims_is_embedded() {
    let mut on_disk: Vec<String> = std::fs::read_dir(root().join("claims"))
        .expect("claims/ is readable")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    on_disk.sort();
    let embedded: Vec<String> = rules::EMBEDDED.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(on_disk, embedded);
}

#[test]
fn the_bundled_pack_compiles_without_warnings() {
    let (_, warnings) =
        rules::from_sources(&rules::embedded_sources()).unwrap_or_else(|d| panic!("{d:?}"));
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn every_example_of_the_bundled_pack_holds() {
    let set = bundled_rules();
    let failures = claimclash::examples::run(&set);
    let report: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
    assert!(failures.is_empty(), "{}", report.join("\n"));
}

#[test]
fn every_example_of_the_general_knowledge_holds_or_is_a_known_miss_with_its_reason() {
    let set = bundled_rules();
    let lexicon = claimclash::bundled_lexicon();
    let out = claimclash::examples::lexicon::run(&set, lexicon);
    let report: Vec<String> = out.failures.iter().map(|f| f.to_string()).collect();
    assert!(out.failures.is_empty(), "{}", report.join("\n"));
    // Pairs, implicatives, inflections and countries all run, and most hold.
    let runnable = claimclash::examples::lexicon::runnable(lexicon);
    assert!(runnable >= 130, "only {runnable} examples run");
    assert!(
        out.known.len() * 5 <= runnable,
        "{} known misses",
        out.known.len()
    );
}

/// A lexicon of one file: one functional relation, with the given examples.
fn lexicon_with(examples: &str) -> claimclash::lexicon::Lexicon {
    let mut text =
        "functional:\n  relations:\n    - id: born-in-place\n      phrases: [born in]\n      \
                    subject: [person]\n      value: place\n      changes: never\n      examples:\n"
            .to_string();
    for line in examples.lines() {
        text.push_str(&format!("    {line}\n"));
    }
    let source = RuleSource {
        name: "general/test.yaml".into(),
        text,
    };
    claimclash::lexicon::Lexicon::compile(&[source]).unwrap_or_else(|d| panic!("{d:?}"))
}

#[test]
fn a_general_example_that_does_not_hold_fails_and_a_known_miss_that_holds_fails_too() {
    let set = bundled_rules();
    // Two values of a relation that has one are a contradiction, not what this example says.
    let wrong = lexicon_with(
        "    - text: \"Ilse Marten was born in Leeds.\"\n      other: \"Ilse Marten was born in Bristol.\"\n      relation: neither\n",
    );
    let out = claimclash::examples::lexicon::run(&set, &wrong);
    assert_eq!(out.failures.len(), 1, "{:?}", out.failures);
    let f = out.failures[0].to_string();
    assert!(
        f.contains("general/test.yaml:") && f.contains("got:      a contradiction"),
        "{f}"
    );
    // A `todo` on an example that holds must be taken away.
    let stale = lexicon_with(
        "    - text: \"Ilse Marten was born in Leeds.\"\n      other: \"Ilse Marten was born in Bristol.\"\n      relation: contradiction\n      todo: \"not read yet\"\n",
    );
    let out = claimclash::examples::lexicon::run(&set, &stale);
    assert_eq!(out.failures.len(), 1, "{:?}", out.failures);
    assert!(out.failures[0].got.contains("take its `todo` away"));
    // A known miss is listed apart, with its reason, and fails nothing.
    let known = lexicon_with(
        "    - text: \"Ilse Marten was born in Leeds.\"\n      other: \"Ilse Marten was born in Leeds.\"\n      relation: contradiction\n      todo: \"the same sentence twice\"\n",
    );
    let out = claimclash::examples::lexicon::run(&set, &known);
    assert!(out.failures.is_empty(), "{:?}", out.failures);
    assert_eq!(out.known.len(), 1);
    assert_eq!(out.known[0].1, "the same sentence twice");
}

#[test]
fn every_entity_and_predicate_has_examples_both_ways() {
    let set = bundled_rules();
    use claimclash::rules::ExampleOf;
    let has = |of: ExampleOf, must: bool| {
        set.examples
            .iter()
            .any(|e| e.of == of && e.must_match == must)
    };
    for (i, e) in set.entities.iter().enumerate() {
        assert!(
            has(ExampleOf::Entity(i), true) && has(ExampleOf::Entity(i), false),
            "entity {} lacks examples",
            e.id
        );
    }
    for (i, p) in set.predicates.iter().enumerate() {
        assert!(
            has(ExampleOf::Predicate(i), true) && has(ExampleOf::Predicate(i), false),
            "predicate {} lacks examples",
            p.id
        );
    }
}

#[test]
fn removing_a_trigger_fails_its_examples() {
    // Take "drawdown" away from the pull-back predicate: its first example must now fail.
    let sources: Vec<RuleSource> = rules::embedded_sources()
        .into_iter()
        .map(|mut s| {
            if s.name.ends_with("predicates.yaml") {
                s.text = s.text.replace("[withdr*, drawdown,", "[withdr*,");
            }
            s
        })
        .collect();
    let (set, _) = rules::from_sources(&sources).unwrap_or_else(|d| panic!("{d:?}"));
    let failures = claimclash::examples::run(&set);
    assert!(
        failures
            .iter()
            .any(|f| f.rule == "predicate troops-pull-back" && f.text.contains("drawdown")),
        "{failures:?}"
    );
}

/// A pack of one country and one predicate whose only trigger is the verb `verb`.
fn pack_with_verb(verb: &str) -> Result<rules::RuleSet, Vec<rules::Diagnostic>> {
    let text = format!(
        "entities:\n  - {{id: ruritania, name: Ruritania, kind: country, aliases: [Ruritania]}}\n\
         families:\n  - {{id: moves, name: troop moves, aspect: state, subject: actor, context: [troops]}}\n\
         predicates:\n  - {{id: pulls-back, family: moves, says: pulls troops back, verbs: ['{verb}']}}\n"
    );
    let mut sources: Vec<RuleSource> = rules::embedded_sources()
        .into_iter()
        .filter(|s| s.name.ends_with("settings.yaml"))
        .collect();
    sources.push(RuleSource {
        name: "verbs.yaml".into(),
        text,
    });
    rules::from_sources(&sources).map(|(set, _)| set)
}

/// Whether the sentence makes a `pulls-back` claim with the pack.
fn pulls_back(set: &rules::RuleSet, sentence: &str) -> bool {
    let article = claimclash::article::from_text_str(
        "v",
        "v.md",
        &format!("---\nid: v\ndate: 2024-05-02\n---\n{sentence}\n"),
    )
    .expect("a well-formed article");
    let analysis = claimclash::analyze(&[article], set);
    let pack = analysis.rules(set);
    analysis
        .claims
        .iter()
        .any(|c| pack.predicates[c.predicate].id == "pulls-back")
}

#[test]
fn a_verb_trigger_matches_its_forms_and_synonyms_unless_kept_to_its_forms() {
    let lexicon = claimclash::lexicon::Lexicon::bundled().expect("the bundled lexicon");
    let widen = |verb: &str| {
        let set = pack_with_verb(verb).unwrap_or_else(|d| panic!("{d:?}"));
        claimclash::lexicon::widen::widen(set, lexicon).expect("widened")
    };
    let (free, kept) = (widen("withdraw from"), widen("=withdraw from"));
    let forms = "Ruritania said its troops withdrew from the border.";
    let synonym = "Ruritania said its troops retreated from the border.";
    assert!(pulls_back(&free, forms) && pulls_back(&kept, forms));
    assert!(pulls_back(&free, synonym));
    assert!(!pulls_back(&kept, synonym), "`=` keeps synonyms out");
    // Without the general knowledge the verb matches only as written.
    let bare = pack_with_verb("withdraw from").unwrap_or_else(|d| panic!("{d:?}"));
    assert!(!pulls_back(&bare, forms));
    // trace names the synonym that matched and the verb it came from.
    let article = claimclash::article::from_text_str("t", "t", synonym).expect("parses");
    let out = claimclash::trace::trace(&article, &free, None);
    assert!(
        out.contains("synonym `retreat` of `withdraw` (synset ")
            && out.contains("in the verb `withdraw from`, form `retreated`"),
        "{out}"
    );
}

#[test]
fn a_verb_trigger_must_open_with_a_whole_word() {
    let errors = pack_with_verb("withdr* from").expect_err("refused");
    let message = format!("{errors:?}");
    assert!(
        message.contains("must start with the verb as a whole word"),
        "{message}"
    );
}
