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
