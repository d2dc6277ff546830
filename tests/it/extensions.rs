//! Rule packs as extensions (`--extra-rules`): an extension needs no settings, may give a
//! few, leaves out bundled rules (`disable:`), defines some anew (`override:`), and a
//! trigger two rules give is a warning naming both places, kept by a documented priority.
//! Every test runs the binary, as a desk would.

use crate::snapshot_settings;
use std::path::Path;
use std::process::{Command, Output};

/// Writes `files` into a fresh folder.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("writable");
    }
    dir
}

/// Runs claimclash with `args`, no configuration file, and returns what it said.
fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimclash"))
        .args(args)
        .arg("--isolated")
        .output()
        .expect("runs")
}

fn text(bytes: &[u8], dir: &Path) -> String {
    String::from_utf8_lossy(bytes).replace(&dir.display().to_string(), "EXT")
}

fn path(dir: &tempfile::TempDir) -> &str {
    dir.path().to_str().expect("a UTF-8 path")
}

/// The modality the trace gives the one claim of `sentence`.
fn traced_claim(sentence: &str, extra: &[&str]) -> String {
    let mut args = vec!["trace", sentence, "--date", "2024-03-01"];
    args.extend_from_slice(extra);
    let out = run(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    // The beat claim: what the language layer reads comes after it.
    stdout
        .lines()
        .take_while(|l| !l.starts_with("  language layer"))
        .find(|l| l.trim_start().starts_with("speaker "))
        .unwrap_or("no claim")
        .trim()
        .to_string()
}

#[test]
fn a_disabled_bundled_hedge_changes_a_claims_modality() {
    let sentence = "Russia may be withdrawing its troops from the border.";
    let before = traced_claim(sentence, &[]);
    assert!(before.ends_with("Hedged"), "{before}");
    let ext = folder(&[("off.yaml", "disable:\n  cues: [hedges]\n")]);
    let after = traced_claim(sentence, &["--extra-rules", path(&ext)]);
    assert!(after.ends_with("Asserted"), "{after}");
    // The rest of the claim is the same.
    assert_eq!(
        before.trim_end_matches("Hedged"),
        after.trim_end_matches("Asserted")
    );
}

const OVERRIDE: &str = "override:
  predicates:
    - id: troops-pull-back
      family: troop-movement
      says: is pulling troops back
      opposite: troops-build-up
      triggers: [withdr*, decamp*]
      examples:
        match:
          - text: \"Russia said its troops were decamping from the border.\"
            subject: russia
            predicate: troops-pull-back
";

#[test]
fn an_overridden_predicates_new_trigger_matches_and_its_old_ones_are_gone() {
    let sentence = "Russia said its troops were decamping from the border.";
    assert_eq!(traced_claim(sentence, &[]), "no claim");
    let ext = folder(&[("mine.yaml", OVERRIDE)]);
    let claim = traced_claim(sentence, &["--extra-rules", path(&ext)]);
    assert!(claim.contains("predicate troops-pull-back"), "{claim}");
    // "drawdown" was a bundled trigger of the predicate; the new definition has none.
    let old = "Russia announced a drawdown of troops from the border.";
    assert!(traced_claim(old, &[]).contains("troops-pull-back"));
    assert_eq!(
        traced_claim(old, &["--extra-rules", path(&ext)]),
        "no claim"
    );
    // `rules test` runs the new definition's examples.
    let out = run(&["rules", "test", "--extra-rules", path(&ext)]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("mine.yaml:"), "{stdout}");
}

const CLASH: &str = "families:
  - id: meetings
    name: meetings
    aspect: event
predicates:
  - id: meeting-lasted
    family: meetings
    says: held a meeting that lasted
    quantity: duration
    triggers: [lasted, sat for]
";

#[test]
fn a_trigger_two_rules_give_warns_with_both_places_and_priority_chooses() {
    let ext = folder(&[("meetings.yaml", CLASH)]);
    let out = run(&["rules", "check", "--extra-rules", path(&ext)]);
    assert!(out.status.success());
    let stderr = text(&out.stderr, ext.path());
    let want = "trigger `lasted` is given by `talks-lasted` (claims/predicates.yaml:256) and by `meeting-lasted` (EXT/meetings.yaml:10); `meeting-lasted` takes it, as an extension's rule comes before the packs it extends";
    assert!(stderr.contains(want), "{stderr}");
    assert!(
        stderr.starts_with("claims/predicates.yaml:256:"),
        "{stderr}"
    );
    // With a priority, the bundled rule keeps it, and the warning says why.
    let ext = folder(&[(
        "meetings.yaml",
        &CLASH.replace(
            "    quantity: duration\n",
            "    quantity: duration\n    priority: -1\n",
        ),
    )]);
    let out = run(&["rules", "check", "--extra-rules", path(&ext)]);
    let stderr = text(&out.stderr, ext.path());
    assert!(
        stderr.contains("`talks-lasted` takes it, as its `priority` is higher"),
        "{stderr}"
    );
    assert!(stderr.starts_with("EXT/meetings.yaml:11:"), "{stderr}");
}

#[test]
fn rules_check_lists_what_each_extension_changes() {
    let ext = folder(&[
        ("a-off.yaml", "disable:\n  cues: [hedges]\n"),
        ("b-mine.yaml", OVERRIDE),
        ("c-meetings.yaml", CLASH),
        ("d-settings.yaml", "settings:\n  same_time_days: 3\n"),
    ]);
    let out = run(&["rules", "check", "--extra-rules", path(&ext)]);
    assert!(out.status.success(), "{}", text(&out.stderr, ext.path()));
    let listing = text(&out.stdout, ext.path());
    snapshot_settings().bind(|| insta::assert_snapshot!("extension_changes", listing));
}

#[test]
fn an_extension_that_reaches_for_what_is_not_there_is_told_what_to_do() {
    let ext = folder(&[(
        "bad.yaml",
        "disable:\n  cues: [hedge]\n  entities: [kremlin]\npredicates:\n  - id: troops-pull-back\n    family: troop-movement\n    says: x\n    triggers: [x]\n",
    )]);
    let out = run(&["rules", "check", "--extra-rules", path(&ext)]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr, ext.path());
    for want in [
        "no cue of the packs before this one has the id `hedge`; did you mean `hedges`?",
        "`kremlin` is disabled (EXT/bad.yaml:3), but this rule still names it; disable or override this rule too",
        "id `troops-pull-back` is already used at claims/predicates.yaml:",
        "to replace it, put this one under `override: {predicates: [...]}`",
    ] {
        assert!(stderr.contains(want), "missing {want:?} in:\n{stderr}");
    }
    // A folder checked on its own, without settings, says how to check it as an extension.
    let out = run(&["rules", "check", path(&ext)]);
    let stderr = text(&out.stderr, ext.path());
    assert!(
        stderr.contains("if EXT is an extension of the bundled pack, use it with --extra-rules"),
        "{stderr}"
    );
}
