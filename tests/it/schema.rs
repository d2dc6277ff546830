//! The JSON report against its JSON Schema (`schema/claimclash.report-1.schema.json`, draft
//! 2020-12), with a real validator: every JSON snapshot, the report of the sample corpus and,
//! when the shared data sits beside the repository, the report of the FNC-1 sample.

use crate::{analyze, root};
use claimclash::report;
use serde_json::Value;

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("schema/claimclash.report-1.schema.json"))
        .expect("the schema is readable");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    assert_eq!(
        schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "draft 2020-12"
    );
    jsonschema::draft202012::meta::validate(&schema)
        .unwrap_or_else(|e| panic!("the schema is not a valid draft 2020-12 schema: {e}"));
    jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("schema: {e}"))
}

fn check(v: &jsonschema::Validator, what: &str, report: &Value) {
    let errors: Vec<String> = v
        .iter_errors(report)
        .take(10)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not follow the schema:\n{}",
        errors.join("\n")
    );
}

#[test]
fn every_json_snapshot_follows_the_schema() {
    let v = validator();
    let mut checked = 0;
    for entry in std::fs::read_dir(root().join("snapshots")).expect("snapshots") {
        let path = entry.expect("an entry").path();
        let text = std::fs::read_to_string(&path).expect("a snapshot");
        // A snapshot is a `---` header, then the value.
        let body = text.splitn(3, "---\n").nth(2).unwrap_or("");
        let Ok(json) = serde_json::from_str::<Value>(body) else {
            continue;
        };
        if json["schema"] == report::SCHEMA {
            check(&v, &path.display().to_string(), &json);
            checked += 1;
        }
    }
    assert!(checked >= 1, "no JSON report among the snapshots");
}

#[test]
fn the_corpus_report_follows_the_schema() {
    let v = validator();
    let (analysis, rules, _) = analyze(&["tests/corpus"]);
    let json: Value = serde_json::from_str(&report::json(&analysis, &rules)).expect("JSON");
    check(&v, "the report of tests/corpus", &json);
    // The schema is not so loose that anything passes.
    let mut broken = json.clone();
    broken["disputes"][0]["verdict"] = Value::from("maybe");
    assert!(!v.is_valid(&broken), "a wrong verdict passes the schema");
    let mut broken = json.clone();
    broken["claims"][0]["source"] = Value::from("rule");
    assert!(
        !v.is_valid(&broken),
        "a wrong claim source passes the schema"
    );
    let mut broken = json.clone();
    broken["coverage"]["general_sentences_read"] = Value::from(-1);
    assert!(
        !v.is_valid(&broken),
        "a negative coverage count passes the schema"
    );
    let mut broken = json;
    broken["claims"][0]
        .as_object_mut()
        .expect("a claim")
        .remove("span");
    assert!(
        !v.is_valid(&broken),
        "a claim without its span passes the schema"
    );
}

/// The FNC-1 sample of the shared data (`../shared/data/fnc1/articles.jsonl`, or the folder
/// `CLAIMCLASH_SHARED` names); CI has it beside the clone.
#[test]
fn the_fnc1_report_follows_the_schema() {
    let shared = std::env::var("CLAIMCLASH_SHARED").unwrap_or_else(|_| "../shared".into());
    let path = format!("{shared}/data/fnc1/articles.jsonl");
    if !crate::exists(&path) {
        eprintln!("{path} not found: the FNC-1 report is not validated here");
        return;
    }
    let v = validator();
    let (analysis, rules, _) = analyze(&[&path]);
    assert!(
        analysis.articles.len() > 1000,
        "{} articles",
        analysis.articles.len()
    );
    let json: Value = serde_json::from_str(&report::json(&analysis, &rules)).expect("JSON");
    check(&v, &path, &json);
    println!(
        "{path}: {} claims, {} disputes validated",
        analysis.claims.len(),
        analysis.disputes.len()
    );
}
