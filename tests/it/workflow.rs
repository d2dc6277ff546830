//! The fact-checker's workflow: a saved baseline report, reviewed changes, accepting them.

use std::process::Command;

fn run(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_claimclash"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn baseline_flow() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let corpus = d.join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    for e in std::fs::read_dir(crate::root().join("tests/corpus")).expect("corpus") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, corpus.join(p.file_name().expect("name"))).expect("copy");
    }
    let (code, out) = run(
        d,
        &[
            "check",
            "corpus",
            "--baseline",
            "base.json",
            "--update-baseline",
        ],
    );
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("baseline saved"));

    let (code, out) = run(d, &["check", "corpus", "--baseline", "base.json"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("no changes"), "{out}");

    // One more article: its conflict is listed as new.
    std::fs::copy(
        crate::root().join("tests/fixtures/negation.md"),
        corpus.join("zz-extra.md"),
    )
    .expect("copy");
    let (code, out) = run(d, &["check", "corpus", "--baseline", "base.json"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("new conflicts"), "{out}");
    assert!(
        out.contains("claims gained") && out.contains("fx-negation:"),
        "{out}"
    );
    // Each line says where: file, line and speaker (the two claims of a conflict each).
    assert!(out.contains("      A corpus/"), "{out}");
    assert!(out.contains("      B corpus/zz-extra.md:"), "{out}");
    assert!(out.contains(": corpus/zz-extra.md:"), "{out}");

    let (code, _) = run(
        d,
        &[
            "check",
            "corpus",
            "--baseline",
            "base.json",
            "--update-baseline",
        ],
    );
    assert_eq!(code, Some(0));
    let (code, out) = run(d, &["check", "corpus", "--baseline", "base.json"]);
    assert_eq!(code, Some(0), "{out}");

    // A missing baseline is a clear stop.
    let (code, _) = run(d, &["check", "corpus", "--baseline", "nothing-here.json"]);
    assert_eq!(code, Some(2));
}

#[test]
fn configuration_is_found_overridden_and_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sub = dir.path().join("desk");
    std::fs::create_dir(&sub).expect("mkdir");
    std::fs::write(
        dir.path().join("claimclash.yaml"),
        "format: json\nfail_on: never\nsame_time_days: 3\n",
    )
    .expect("write");
    std::fs::copy(
        crate::root().join("tests/fixtures/negation.md"),
        sub.join("a.md"),
    )
    .expect("copy");

    // Found in a parent folder: JSON, and findings do not fail the run.
    let (code, out) = run(&sub, &["check", "a.md"]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with('{'), "{out}");
    // Flags win over the file.
    let (code, out) = run(
        &sub,
        &[
            "check",
            "a.md",
            "--format",
            "markdown",
            "--fail-on",
            "contradiction",
        ],
    );
    assert_eq!(code, Some(1));
    assert!(out.starts_with("# claimclash report"));
    // --isolated reads no file.
    let (code, out) = run(&sub, &["check", "a.md", "--isolated"]);
    assert_eq!(code, Some(1));
    assert!(out.starts_with("# claimclash report"));
    // `config` says where each setting comes from.
    let (code, out) = run(&sub, &["config"]);
    assert_eq!(code, Some(0));
    let row = |key: &str| -> String {
        out.lines()
            .find(|l| l.split_whitespace().next() == Some(key))
            .map(|l| l[key.len()..].trim().to_string())
            .unwrap_or_else(|| panic!("no `{key}` in {out}"))
    };
    assert!(
        row("format").starts_with("json (") && row("format").ends_with("claimclash.yaml)"),
        "{out}"
    );
    assert_eq!(row("color"), "auto (default)", "{out}");
    // The bundled rules are credited to the binary, not to the file, and each setting of
    // the pack to the file and line that gives it.
    assert_eq!(
        row("rules"),
        "the bundled pack (built into the binary; default)"
    );
    assert_eq!(
        row("quantity_tolerance"),
        "0.15 (rule pack, claims/settings.yaml:6)"
    );
    let days = row("same_time_days");
    assert!(
        days.starts_with("3 (")
            && days.ends_with(
                "claimclash.yaml; the rule pack says 7, rule pack, claims/settings.yaml:4)"
            ),
        "{out}"
    );
    // A bad file is a clear stop naming it.
    std::fs::write(dir.path().join("claimclash.yaml"), "formt: json\n").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_claimclash"))
        .args(["check", "a.md"])
        .current_dir(&sub)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("claimclash.yaml:1:1: unknown key `formt`; did you mean `format`?")
    );
}

#[test]
fn watch_mode_reports_what_changed() {
    use std::io::BufRead;
    use std::process::Stdio;
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("c");
    std::fs::create_dir(&corpus).expect("mkdir");
    std::fs::copy(
        crate::root().join("tests/fixtures/opposite-predicates.md"),
        corpus.join("a.md"),
    )
    .expect("copy");
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimclash"))
        .args(["check", "c", "--watch"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawns");
    let stdout = child.stdout.take().expect("stdout");
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if send.send(line).is_err() {
                break;
            }
        }
    });
    let wait_for = |want: &str| -> Vec<String> {
        let mut seen = Vec::new();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while std::time::Instant::now() < deadline {
            if let Ok(line) = receive.recv_timeout(std::time::Duration::from_millis(200)) {
                let done = line.contains(want);
                seen.push(line);
                if done {
                    return seen;
                }
            }
        }
        panic!("`{want}` never came; saw {seen:?}");
    };
    wait_for("1 contradictions");
    std::fs::copy(
        crate::root().join("tests/fixtures/negation.md"),
        corpus.join("b.md"),
    )
    .expect("copy");
    let seen = wait_for("2 contradictions");
    assert!(
        seen.iter().any(|l| l.contains("new conflicts (1)")),
        "{seen:?}"
    );
    // Each change names the file, line and speaker of its claims.
    assert!(
        seen.iter()
            .any(|l| l.contains("c/b.md:") && l.contains(" · ")),
        "{seen:?}"
    );
    // A deleted article's conflicts are gone with it, not resolved.
    std::fs::remove_file(corpus.join("b.md")).expect("remove");
    let seen = wait_for("1 contradictions");
    assert!(
        seen.iter().any(|l| l.contains("article removed (1)")),
        "{seen:?}"
    );
    assert!(
        seen.iter()
            .any(|l| l.contains("gone with the removed article")),
        "{seen:?}"
    );
    assert!(
        !seen.iter().any(|l| l.contains("resolved conflicts")),
        "{seen:?}"
    );
    let _ = child.kill();
    let _ = child.wait();
}
