//! Every kind of fault a rule author can make: each gives one clear message at the right
//! file:line:col with its key path, in one run. The messages are snapshots.

use crate::snapshot_settings;
use std::process::Command;

/// A small valid pack about made-up countries; each test breaks one thing in it.
const ENTITIES: &str = "entities:
  - id: ruritania
    name: Ruritania
    kind: country
    aliases: [Ruritania, Ruritanian]
  - id: palace
    name: the Palace
    kind: organisation
    aliases: [Palace]
    speaks_for: ruritania
  - id: ivanova
    name: Anna Ivanova
    kind: person
    aliases: [Anna Ivanova, Ivanova]
    speaks_for: palace
";
const PREDICATES: &str = "families:
  - id: troops
    name: troop movements
    aspect: state
    context: [troops]
predicates:
  - id: pull-back
    family: troops
    says: is pulling troops back
    opposite: build-up
    triggers: [withdr*, pull* ... back]
  - id: build-up
    family: troops
    says: is building up troops
    opposite: pull-back
    triggers: [massing]
";
const REST: &str = "cues:
  - id: said
    kind: attribution
    phrases: [said, told]
settings:
  same_time_days: 7
  quantity_tolerance: 0.15
  max_gap_words: 4
  cue_reach_words: 6
  max_pairs_per_claim: 20
";

/// Writes the pack with `edit` applied to (entities, predicates, rest), runs `rules check`,
/// and returns its exit code and its messages with the temporary folder named `PACK`.
fn check_pack(edit: impl Fn(&mut String, &mut String, &mut String)) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (mut e, mut p, mut r) = (
        ENTITIES.to_string(),
        PREDICATES.to_string(),
        REST.to_string(),
    );
    edit(&mut e, &mut p, &mut r);
    for (name, text) in [
        ("entities.yaml", &e),
        ("predicates.yaml", &p),
        ("rest.yaml", &r),
    ] {
        std::fs::write(dir.path().join(name), text).expect("writable");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_claimclash"))
        .args(["rules", "check"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let text =
        String::from_utf8_lossy(&out.stderr).replace(&dir.path().display().to_string(), "PACK");
    (out.status.code(), text)
}

fn assert_fault(
    name: &str,
    expect_code: i32,
    edit: impl Fn(&mut String, &mut String, &mut String),
) {
    let (code, text) = check_pack(edit);
    assert_eq!(code, Some(expect_code), "{name}: {text}");
    snapshot_settings().bind(|| insta::assert_snapshot!(format!("rule_fault@{name}"), text));
}

fn replace(text: &mut String, from: &str, to: &str) {
    assert!(text.contains(from), "{from:?} is not in the base pack");
    *text = text.replacen(from, to, 1);
}

#[test]
fn the_base_pack_is_valid() {
    let (code, text) = check_pack(|_, _, _| {});
    assert_eq!(code, Some(0), "{text}");
}

#[test]
fn yaml_syntax_error() {
    assert_fault("yaml-syntax", 2, |e, _, _| {
        replace(
            e,
            "aliases: [Ruritania, Ruritanian]",
            "aliases: [Ruritania, Ruritanian",
        )
    });
}

#[test]
fn unknown_key_with_suggestion() {
    assert_fault("unknown-key", 2, |e, _, _| {
        replace(e, "    aliases: [Palace]", "    alises: [Palace]")
    });
}

#[test]
fn wrong_value_type() {
    assert_fault("wrong-type", 2, |_, _, r| {
        replace(r, "same_time_days: 7", "same_time_days: soon")
    });
}

#[test]
fn duplicate_id_names_both_places() {
    assert_fault("duplicate-id", 2, |e, _, _| {
        replace(e, "  - id: ivanova", "  - id: palace")
    });
}

#[test]
fn unknown_opposite() {
    assert_fault("unknown-opposite", 2, |_, p, _| {
        replace(p, "opposite: build-up", "opposite: buildup")
    });
}

#[test]
fn unknown_speaks_for() {
    assert_fault("unknown-speaks-for", 2, |e, _, _| {
        replace(e, "speaks_for: palace", "speaks_for: palac")
    });
}

#[test]
fn unknown_family() {
    assert_fault("unknown-family", 2, |_, p, _| {
        replace(
            p,
            "    family: troops\n    says: is building",
            "    family: troop\n    says: is building",
        )
    });
}

#[test]
fn alias_of_two_entities_warns_with_both_places() {
    // A warning, not an error: the first written keeps it (priority can choose).
    assert_fault("alias-twice", 0, |e, _, _| {
        replace(e, "aliases: [Palace]", "aliases: [Palace, Ruritanian]")
    });
}

#[test]
fn speaks_for_cycle() {
    assert_fault("speaks-for-cycle", 2, |e, _, _| {
        replace(
            e,
            "    kind: country\n",
            "    kind: country\n    speaks_for: ivanova\n",
        )
    });
}

#[test]
fn empty_lists() {
    assert_fault("empty-lists", 2, |e, p, _| {
        replace(e, "aliases: [Palace]", "aliases: []");
        replace(p, "triggers: [massing]", "triggers: []");
    });
}

#[test]
fn phrases_that_can_never_match() {
    assert_fault("never-matches", 2, |_, p, _| {
        replace(
            p,
            "triggers: [withdr*, pull* ... back]",
            "triggers: [w*thdraw, \"...\", \"!!\", pull* back ...]",
        )
    });
}

#[test]
fn near_duplicate_aliases_warn_only() {
    assert_fault("near-duplicate-alias", 0, |e, _, _| {
        e.push_str("  - id: ivanova-2\n    name: Ana Ivanova\n    kind: person\n    aliases: [Anna Ivanovna]\n");
    });
}

#[test]
fn every_fault_in_one_run() {
    let (code, text) = check_pack(|e, p, r| {
        replace(e, "    aliases: [Palace]", "    alises: [Palace]");
        replace(p, "opposite: build-up", "opposite: buildup");
        replace(r, "same_time_days: 7", "same_time_days: 7000");
    });
    assert_eq!(code, Some(2));
    for want in [
        "unknown key `alises`",
        "no predicate has the id `buildup`",
        "same_time_days",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
}

#[test]
fn five_faults_of_five_kinds_give_five_messages_in_one_run() {
    // Two wrong enum values, an unknown key, a phrase that can never match on the second
    // line of a wrapped flow list, and a dangling opposite: serde stops at the first of
    // these, so the file is read again piece by piece and then compiled, and each message
    // has its caret on the very token.
    assert_fault("five-faults", 2, |e, p, _| {
        replace(e, "    kind: person", "    kind: persn");
        replace(p, "aspect: state", "aspect: events");
        replace(p, "    context: [troops]", "    contxt: [troops]");
        replace(
            p,
            "triggers: [withdr*, pull* ... back]",
            "triggers: [withdr*, pull* ... back,\n      wi*]",
        );
        replace(p, "opposite: build-up", "opposite: buildup");
    });
}

#[test]
fn an_example_expecting_a_value_that_does_not_exist_is_a_fault() {
    let (code, text) = check_pack(|_, p, _| {
        replace(
            p,
            "    triggers: [massing]\n",
            "    triggers: [massing]\n    examples:\n      match:\n        - text: \"Ruritania is massing troops.\"\n          polarity: negatd\n          subject: ruritnia\n",
        );
    });
    assert_eq!(code, Some(2), "{text}");
    assert!(
        text.contains("`negatd` is not a value this key takes; did you mean `negated`?"),
        "{text}"
    );
    assert!(
        text.contains("no entity has the id `ruritnia`; did you mean `ruritania`?"),
        "{text}"
    );
}

#[test]
fn an_untrusted_pack_meets_clear_limits() {
    // A phrase longer than any real one.
    let long = "w".repeat(300);
    let (code, text) =
        check_pack(|_, p, _| replace(p, "triggers: [massing]", &format!("triggers: [{long}]")));
    assert_eq!(code, Some(2));
    assert!(text.contains("phrase is longer than 200 bytes"), "{text}");
    // A file too large to be a rule file is refused before it is parsed.
    let (code, text) =
        check_pack(|_, _, r| r.push_str(&format!("# {}\n", "x".repeat(5 * 1024 * 1024))));
    assert_eq!(code, Some(2));
    assert!(text.contains("larger than"), "{text}");
    // A YAML alias bomb stops with an error instead of filling memory.
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (i, name) in ["b", "c", "d", "e", "f", "g", "h", "i", "j"]
        .iter()
        .enumerate()
    {
        let prev = ["a", "b", "c", "d", "e", "f", "g", "h", "i"][i];
        bomb.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    let (code, text) = check_pack(|_, _, r| *r = bomb.clone());
    assert_eq!(code, Some(2));
    assert!(text.contains("PACK/rest.yaml"), "{text}");
}
