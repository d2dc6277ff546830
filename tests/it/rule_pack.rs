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
