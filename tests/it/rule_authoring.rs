//! Rule authoring: trace, explain and suggest as an author uses them, and the README's key
//! reference kept in step with the schema.

use crate::{analyze, bundled_rules, root, snapshot_settings};
use claimclash::rules::{self, RuleSource};
use std::collections::{BTreeMap, BTreeSet};

#[test]
fn trace_of_a_corpus_sentence() {
    // A sentence of tests/corpus/08-novosti-call-offer.md, read against its article's date.
    let body = "MOSCOW, March 15 (Novosti Wire) - The telephone conversation between President Vladimir Putin and U.S. President Joe Biden on March 14 lasted about an hour and a half, Kremlin spokesman Dmitry Peskov told reporters on Friday.";
    let corpus = std::fs::read_to_string(root().join("tests/corpus/08-novosti-call-offer.md"))
        .expect("readable");
    assert!(
        corpus.contains(body),
        "the traced sentence is in the corpus"
    );
    let article = claimclash::article::from_text_str(
        "trace",
        "trace",
        &format!("---\ndate: 2024-03-15\n---\n{body}"),
    )
    .expect("parses");
    let out = claimclash::trace::trace(&article, &bundled_rules());
    snapshot_settings().bind(|| insta::assert_snapshot!("trace_corpus_sentence", out));
}

#[test]
fn trace_says_why_a_trigger_made_no_claim() {
    let article = claimclash::article::from_text_str(
        "t",
        "t",
        "---\ndate: 2024-03-15\n---\nThe company said it would withdraw from the market.",
    )
    .expect("parses");
    let out = claimclash::trace::trace(&article, &bundled_rules());
    assert!(
        out.contains("no claim from `withdraw`: no context word"),
        "{out}"
    );
}

#[test]
fn explain_a_conflict_of_the_corpus_report() {
    let (analysis, rules, _) = analyze(&["tests/corpus"]);
    let report: serde_json::Value =
        serde_json::from_str(&claimclash::report::json(&analysis, &rules)).expect("JSON");
    let quantity = analysis
        .conflicts
        .iter()
        .find(|k| k.kind == claimclash::conflict::Kind::Quantity)
        .expect("a quantity conflict in the corpus");
    let out = claimclash::explain::explain(&report, &quantity.id(&analysis.claims), &rules)
        .expect("explained");
    snapshot_settings().bind(|| insta::assert_snapshot!("explain_quantity_conflict", out));
    assert!(claimclash::explain::explain(&report, "k-nope", &rules).is_err());
}

#[test]
fn suggest_proposes_an_entity_removed_from_the_pack() {
    let sources: Vec<RuleSource> = rules::embedded_sources()
        .into_iter()
        .map(|mut s| {
            if s.name.ends_with("entities.yaml") {
                let start = s
                    .text
                    .find("  - id: zakharova\n")
                    .expect("zakharova is in the pack");
                let end = start
                    + s.text[start + 1..]
                        .find("\n  - id: ")
                        .expect("an entity follows")
                    + 1;
                s.text.replace_range(start..end, "");
            }
            s
        })
        .collect();
    let (set, _) = rules::from_sources(&sources).unwrap_or_else(|d| panic!("{d:?}"));
    let loaded = crate::load(&["tests/corpus"]);
    let suggestions = claimclash::suggest::suggest(&loaded.articles, &set);
    let entity = suggestions.iter().find(|s| {
        s.kind == claimclash::suggest::SuggestionKind::Entity && s.text.contains("Zakharova")
    });
    let entity = entity.unwrap_or_else(|| panic!("no Zakharova among {suggestions:?}"));
    assert!(entity.count >= 2 && entity.example.contains("Zakharova"));
    let yaml = claimclash::suggest::render(&suggestions);
    assert!(yaml.contains("- id: \"maria-zakharova\""), "{yaml}");
    // With the full pack, she is known and not proposed.
    let full = claimclash::suggest::suggest(&loaded.articles, &bundled_rules());
    assert!(
        !full
            .iter()
            .any(|s| s.kind == claimclash::suggest::SuggestionKind::Entity
                && s.text.contains("Zakharova"))
    );
}

/// The keys serde knows for a section, read from its "expected one of" message.
fn schema_keys(yaml: &str) -> BTreeSet<String> {
    let err = serde_yaml::from_str::<claimclash::rules::schema::RuleFile>(yaml)
        .expect_err("an unknown key is refused")
        .to_string();
    // serde says "expected one of `a`, `b`" for many keys and "expected `a` or `b`" for two.
    let list = err
        .split("expected ")
        .nth(1)
        .unwrap_or_else(|| panic!("{err}"));
    list.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn the_list_of_sections_is_the_schemas() {
    let keys = schema_keys("bogus: 1");
    let listed: BTreeSet<String> = claimclash::rules::schema::SECTION_KEYS
        .iter()
        .map(|k| k.to_string())
        .collect();
    assert_eq!(keys, listed);
}

#[test]
fn readme_documents_every_key_of_the_schema() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let table = &readme[readme
        .find("Every key of every section")
        .expect("the key reference")..];
    let mut documented: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut section = String::new();
    let rows = table
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'));
    for line in rows {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 4 || cells[1].starts_with("---") || cells[1] == "section" {
            continue;
        }
        if !cells[1].is_empty() {
            section = cells[1]
                .trim_matches('`')
                .trim_end_matches("[]")
                .to_string();
        }
        for key in cells[2].split(',') {
            let key = key.trim().trim_matches('`').trim_end_matches("[]");
            if !key.is_empty() {
                documented
                    .entry(section.clone())
                    .or_default()
                    .insert(key.to_string());
            }
        }
    }
    let expected: BTreeMap<&str, BTreeSet<String>> = BTreeMap::from([
        ("entities", schema_keys("entities: [{bogus: 1}]")),
        ("families", schema_keys("families: [{bogus: 1}]")),
        ("predicates", schema_keys("predicates: [{bogus: 1}]")),
        ("cues", schema_keys("cues: [{bogus: 1}]")),
        ("settings", schema_keys("settings: {bogus: 1}")),
        ("names", schema_keys("names: {bogus: 1}")),
        ("disable", schema_keys("disable: {bogus: 1}")),
        ("override", schema_keys("override: {bogus: 1}")),
        (
            "examples",
            schema_keys(
                "entities: [{id: a, name: a, kind: person, aliases: [a], examples: {bogus: 1}}]",
            ),
        ),
    ]);
    for (section, keys) in expected {
        assert_eq!(
            documented.get(section),
            Some(&keys),
            "README key reference for `{section}`"
        );
    }
}
