//! A new beat taught with the binary alone, as a desk would: `rules new`, the skeleton
//! edited into the beat (here the test writes the YAML), `rules check --extra-rules`,
//! `rules test --extra-rules`, then `check --extra-rules` on articles of a beat the bundled
//! pack does not know (`tests/waterbeat/`), which finds its denial, its disputed withdrawal
//! and its quantity conflict. `rules suggest` on the same articles proposes YAML that
//! `rules check` accepts pasted as it is.

use std::path::Path;
use std::process::{Command, Output};

/// The beat as a desk writes it over the skeleton: two organisations, their spokespeople,
/// three families, four predicates, each with examples.
const BEAT: &str = r#"# The water beat: Corran Valley Water and the Lindmoor Parish Council.
entities:
  - id: corran-water
    name: Corran Valley Water
    kind: organisation
    aliases: [Corran Valley Water]
    examples:
      match:
        - text: "Corran Valley Water said the main had been repaired."
      no_match:
        - "The valley water was clear."
  - id: dunstan
    name: Mirela Dunstan
    kind: person
    aliases: [Mirela Dunstan, Dunstan]
    speaks_for: corran-water
  - id: lindmoor-council
    name: the Lindmoor Parish Council
    kind: organisation
    aliases: [Lindmoor Parish Council, parish council]
  - id: pryce
    name: Ossian Pryce
    kind: person
    aliases: [Ossian Pryce, Pryce]
    speaks_for: lindmoor-council

families:
  - id: sewage
    name: sewage in the river
    aspect: event
    context: [sewage, river, outfall]
  - id: reservoir-scheme
    name: the reservoir scheme
    aspect: state
    context: [scheme, project, reservoir]
  - id: supply-cut
    name: cuts to the water supply
    aspect: event
    context: [supply, water, main]

predicates:
  - id: discharged-sewage
    family: sewage
    says: discharged sewage into the river
    triggers: [dump* ... sewage, discharg* ... sewage, releas* ... sewage]
    examples:
      match:
        - text: "Corran Valley Water dumped raw sewage into the river, the parish council said."
          subject: corran-water
          speaker: lindmoor-council
        - text: "Corran Valley Water denied that it had discharged sewage into the river."
          subject: corran-water
          stance: disputes
      no_match:
        - "The council said the sewage works would be inspected."
  - id: leaves-scheme
    family: reservoir-scheme
    says: is leaving the reservoir scheme
    opposite: stays-in-scheme
    triggers: [withdrawing from, withdraw from, pull* out of, leav* the]
    examples:
      match:
        - text: "Corran Valley Water said it is withdrawing from the reservoir scheme."
          subject: corran-water
          predicate: leaves-scheme
      no_match:
        - "Corran Valley Water said it is withdrawing from the football league."
  - id: stays-in-scheme
    family: reservoir-scheme
    says: is staying in the reservoir scheme
    opposite: leaves-scheme
    triggers: [stay* in, remain* in, committed to]
    examples:
      match:
        - text: "Corran Valley Water said it would stay in the reservoir scheme."
          subject: corran-water
  - id: cut-supply
    family: supply-cut
    says: cut off the supply
    quantity: duration
    triggers: [cut off the supply for, cut* off ... supply for, without water for]
    examples:
      match:
        - text: "Corran Valley Water cut off the supply for six hours on Tuesday, the parish council said."
          speaker: lindmoor-council
          subject: corran-water
      no_match:
        - "Corran Valley Water cut off the supply on Tuesday."
"#;

/// Runs claimclash in the package root, where no `claimclash.yaml` is found (the search
/// stops at the repository's top folder).
fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimclash"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The contradictions of a JSON report as (kind, predicate, file of A, file of B).
fn contradictions(report: &str) -> Vec<(String, String, String, String)> {
    let v: serde_json::Value = serde_json::from_str(report).expect("a JSON report");
    let claims = v["claims"].as_array().expect("claims");
    let articles = v["articles"].as_array().expect("articles");
    let claim = |id: &serde_json::Value| {
        claims
            .iter()
            .find(|c| c["id"] == *id)
            .unwrap_or_else(|| panic!("claim {id}"))
    };
    let file = |c: &serde_json::Value| {
        let a = articles
            .iter()
            .find(|a| a["id"] == c["article"])
            .expect("its article");
        let path = a["path"].as_str().unwrap_or_default();
        Path::new(path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    v["conflicts"]
        .as_array()
        .expect("conflicts")
        .iter()
        .filter(|k| k["verdict"] == "contradiction")
        .map(|k| {
            let (a, b) = (claim(&k["a"]), claim(&k["b"]));
            (
                k["kind"].as_str().unwrap_or_default().to_string(),
                a["predicate"].as_str().unwrap_or_default().to_string(),
                file(a),
                file(b),
            )
        })
        .collect()
}

#[test]
fn a_new_beat_from_rules_new_to_its_findings_with_the_binary_alone() {
    let work = tempfile::tempdir().expect("a temporary directory");
    let dir = work.path().join("water-beat");
    let dir_s = dir.to_str().expect("a UTF-8 path");
    // 1. A blank beat: the skeleton passes its own examples as it stands.
    let out = run(&["rules", "new", dir_s]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&["rules", "test", "--extra-rules", dir_s]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).ends_with(" 0 failed\n"), "{}", stdout(&out));
    // The bundled pack's beat rules alone find nothing in the new beat's articles (general
    // claims are off: this flow is about what the desk's rules add).
    let out = run(&[
        "check",
        "tests/waterbeat",
        "--format",
        "json",
        "--general",
        "off",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(contradictions(&stdout(&out)).is_empty());
    // 2. The desk writes its beat over the skeleton.
    std::fs::write(dir.join("beat.yaml"), BEAT).expect("writable");
    // 3. Every rule is valid, and the listing says what the extension adds.
    let out = run(&["rules", "check", "--extra-rules", dir_s]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "no warning");
    let listing = stdout(&out);
    assert!(
        listing.contains("adds 11, overrides 0, disables 0, sets 0 settings"),
        "{listing}"
    );
    assert!(listing.contains("+ predicate `cut-supply`"), "{listing}");
    // 4. Every example holds.
    let out = run(&["rules", "test", "--extra-rules", dir_s]);
    assert!(out.status.success(), "{}", stdout(&out));
    // 5. The findings of the beat.
    let out = run(&[
        "check",
        "tests/waterbeat",
        "--extra-rules",
        dir_s,
        "--format",
        "json",
        "--general",
        "off",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let mut found = contradictions(&stdout(&out));
    found.sort();
    let want = |kind: &str, pred: &str, a: &str, b: &str| {
        (
            kind.to_string(),
            pred.to_string(),
            a.to_string(),
            b.to_string(),
        )
    };
    assert_eq!(
        found,
        vec![
            // The denial: the council's account against the company's.
            want(
                "dispute",
                "discharged-sewage",
                "w1-lindmoor-herald-sewage",
                "w2-valley-post-denial"
            ),
            // The disputed withdrawal, within one article.
            want(
                "dispute",
                "leaves-scheme",
                "w3-corran-courier-reservoir",
                "w3-corran-courier-reservoir"
            ),
            // Six hours against about 90 minutes for the same Tuesday.
            want(
                "quantity",
                "cut-supply",
                "w1-lindmoor-herald-sewage",
                "w2-valley-post-denial"
            ),
        ]
    );
}

#[test]
fn rules_suggest_on_the_new_beat_gives_yaml_that_rules_check_accepts_pasted_as_it_is() {
    let out = run(&["rules", "suggest", "tests/waterbeat"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let yaml = stdout(&out);
    let work = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(work.path().join("suggested.yaml"), &yaml).expect("writable");
    let dir = work.path().to_str().expect("a UTF-8 path");
    let check = run(&["rules", "check", "--extra-rules", dir]);
    assert!(check.status.success(), "{}\n{yaml}", stderr(&check));
    let listing = stdout(&check);
    // At least one predicate, each with its family.
    assert!(listing.contains("+ predicate `discharge`"), "{listing}");
    assert!(listing.contains("+ family `discharge`"), "{listing}");
    // One proposal per person, the surname an alias of the full name; organisations by
    // their words; no one-word generic alias.
    assert!(
        yaml.contains("aliases: [\"Ossian Pryce\", \"Pryce\"]"),
        "{yaml}"
    );
    assert_eq!(yaml.matches("name: \"Pryce\"").count(), 0, "{yaml}");
    assert!(
        yaml.contains("name: \"Lindmoor Parish Council\"\n    kind: organisation"),
        "{yaml}"
    );
    assert!(
        yaml.contains("name: \"Corran Valley Water\"\n    kind: organisation"),
        "{yaml}"
    );
    assert!(!yaml.contains("\"Organisers\""), "{yaml}");
    // The predicate carries its sentence as a `match` example, and its antonym in the
    // general lexicon as its opposite.
    assert!(
        yaml.contains("denied that it had discharged sewage into the River Alder"),
        "{yaml}"
    );
    assert!(yaml.contains("opposite: \"charge\""), "{yaml}");
}
