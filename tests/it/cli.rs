//! The command line: exit codes, formats and output files, run as a user would.

use std::process::Command;

fn claimclash(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_claimclash"))
        .args(args)
        .current_dir(crate::root())
        .output()
        .expect("the binary runs")
}

#[test]
fn contradictions_exit_1_and_clean_corpora_exit_0() {
    let out = claimclash(&["check", "tests/corpus"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("# claimclash report"), "{text}");
    let out = claimclash(&["check", "tests/fixtures/no-claims.md"]);
    assert_eq!(out.status.code(), Some(0));
    let out = claimclash(&["check", "tests/corpus", "--fail-on", "never"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn cannot_run_exits_2() {
    assert_eq!(claimclash(&["check"]).status.code(), Some(2));
    assert_eq!(claimclash(&["check", "no/such/dir"]).status.code(), Some(2));
    assert_eq!(
        claimclash(&["check", "tests/corpus", "--format", "nope"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        claimclash(&["check", "tests/corpus", "--rules", "no/such/rules"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn json_goes_to_an_output_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("report.json");
    let out = claimclash(&[
        "check",
        "tests/corpus",
        "--format",
        "json",
        "--output",
        path.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("report written"))
            .expect("JSON");
    assert_eq!(json["schema"], "claimclash.report/1");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("listable")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    assert_eq!(
        names,
        vec!["report.json".to_string()],
        "no temporary file is left behind"
    );
    // One line on standard error says what was written and where.
    let stderr = String::from_utf8_lossy(&out.stderr);
    let summary = &json["summary"];
    let want = format!(
        "claimclash: wrote {}: {} articles, {} claims, {} contradictions, {} changed over time, {} agreements, {} problems\n",
        path.display(),
        summary["articles"],
        summary["claims"],
        summary["contradictions"],
        summary["changed_over_time"],
        summary["agreements"],
        summary["problems"]
    );
    assert_eq!(stderr, want);
}

#[test]
fn jsonl_claims_and_problems_carry_the_line_of_the_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("feed.jsonl");
    let negation = std::fs::read_to_string(crate::root().join("tests/fixtures/negation.md"))
        .expect("the fixture");
    let body = negation.rsplit("---\n").next().unwrap_or_default();
    let record = |id: &str| serde_json::json!({"id": id, "date": "2024-03-13", "text": body});
    let lines = [
        serde_json::json!({"id": "first", "text": "Nothing to see here."}).to_string(),
        String::new(),
        record("third").to_string(),
        record("third").to_string(),
    ];
    std::fs::write(&path, lines.join("\n") + "\n").expect("writable");
    let out = claimclash(&["check", path.to_str().expect("utf-8"), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let claims = json["claims"].as_array().expect("claims");
    assert!(!claims.is_empty(), "{json}");
    for c in claims {
        assert_eq!(c["article"], "third");
        assert_eq!(
            c["line"], 3,
            "a body with line breaks is still one line: {c}"
        );
    }
    let problems = json["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 1, "{json}");
    assert_eq!(problems[0]["line"], 4, "the duplicate id is on line 4");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("gave no claim: ") && stderr.contains("feed.jsonl:1\n"),
        "the silent article is named by its line of the file: {stderr}"
    );
}

#[test]
fn a_bad_front_matter_date_keeps_the_article_undated_with_a_problem() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("a.md");
    std::fs::write(
        &path,
        "---\nid: a\ndate: March 12, 2025\n---\nRussia is pulling its troops back from the border.\n",
    )
    .expect("writable");
    let out = claimclash(&["check", path.to_str().expect("utf-8"), "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["articles"][0]["dated"], "undated");
    assert_eq!(json["claims"].as_array().map(Vec::len), Some(1));
    let problem = json["problems"][0]["message"].as_str().unwrap_or_default();
    assert!(problem.contains("`March 12, 2025`"), "{problem}");
    assert!(problem.contains("(`2025-03-12`)"), "{problem}");
    assert_eq!(json["problems"][0]["line"], 3);
}

#[test]
fn the_quick_start_says_how_to_install_the_binary() {
    let readme = std::fs::read_to_string(crate::root().join("README.md")).expect("README");
    let start = readme.find("## Quick start").expect("a Quick start");
    let quick = &readme[start..start + readme[start..].find("\nOther commands").unwrap_or(0)];
    assert!(quick.contains("cargo install --path ."), "{quick}");
    assert!(quick.contains("target/release/claimclash"), "{quick}");
    // The install line installs this package's binary.
    let manifest = std::fs::read_to_string(crate::root().join("Cargo.toml")).expect("manifest");
    assert!(manifest.contains("name = \"claimclash\"\npath = \"src/main.rs\""));
}

#[test]
fn a_missing_input_is_a_problem_not_a_stop() {
    let out = claimclash(&[
        "check",
        "tests/corpus",
        "no/such/file.md",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["problems"][0]["path"], "no/such/file.md");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/file.md"));
}

#[test]
fn rules_commands() {
    let out = claimclash(&["rules", "check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = claimclash(&["rules", "test"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(" passed, 0 failed"));
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish"] {
        let out = claimclash(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("claimclash") && text.contains("baseline"),
            "{shell}"
        );
    }
    let out = claimclash(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains(".TH claimclash 1"));
}

/// Runs the binary under a pseudo-terminal (util-linux `script`), as a person would.
fn in_terminal(args: &str, no_color: bool) -> String {
    let bin = env!("CARGO_BIN_EXE_claimclash");
    let mut cmd = Command::new("script");
    // Only standard output is the terminal: a progress line on standard error (shown when a
    // run takes a moment, as a debug build may) is not what these tests look at.
    cmd.args(["-qec", &format!("{bin} {args} 2>/dev/null"), "/dev/null"])
        .current_dir(crate::root());
    if no_color {
        cmd.env("NO_COLOR", "1");
    } else {
        cmd.env_remove("NO_COLOR");
    }
    let out = cmd
        .output()
        .expect("`script` (util-linux) runs; it gives the test a terminal");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn colour_only_in_a_terminal_and_never_with_no_color() {
    let piped = claimclash(&["check", "tests/fixtures/negation.md"]);
    assert!(!piped.stdout.contains(&0x1b), "no colour when piped");
    let forced = claimclash(&["check", "tests/fixtures/negation.md", "--color", "always"]);
    assert!(
        forced.stdout.contains(&0x1b),
        "--color always colours even when piped"
    );
    assert!(
        in_terminal("check tests/fixtures/negation.md", false).contains('\u{1b}'),
        "colour in a terminal"
    );
    assert!(
        !in_terminal("check tests/fixtures/negation.md", true).contains('\u{1b}'),
        "NO_COLOR turns colour off"
    );
    assert!(
        !in_terminal("check tests/fixtures/negation.md --color never", false).contains('\u{1b}'),
        "--color never"
    );
}

#[test]
fn progress_never_appears_in_piped_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let line = "{\"id\":\"ID\",\"text\":\"Residents gathered to discuss the new budget for schools and roads, officials said on Tuesday.\"}\n";
    let body: String = (0..120_000)
        .map(|i| line.replace("ID", &i.to_string()))
        .collect();
    std::fs::write(dir.path().join("many.jsonl"), body).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_claimclash"))
        .args(["check", "many.jsonl"])
        .current_dir(dir.path())
        .output()
        .expect("runs");
    for stream in [&out.stdout, &out.stderr] {
        let text = String::from_utf8_lossy(stream);
        assert!(
            !text.contains("MB read") && !text.contains('\u{1b}'),
            "progress or styles leaked: {}",
            &text[..text.len().min(300)]
        );
    }
}

#[test]
fn stats_go_to_stderr_with_every_stage() {
    let plain = claimclash(&["check", "tests/corpus", "--format", "json"]);
    let out = claimclash(&["check", "tests/corpus", "--format", "json", "--stats"]);
    // The report itself does not change.
    assert_eq!(out.stdout, plain.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    for stage in [
        "rules",
        "load",
        "segment",
        "match",
        "claims",
        "graph",
        "conflicts",
        "render",
        "total",
    ] {
        assert!(
            err.lines().any(|l| l.starts_with(stage)),
            "no {stage} line in {err}"
        );
    }
    assert!(err.contains("MB/s") && err.contains("articles/s"), "{err}");
    let line = err
        .lines()
        .find_map(|l| l.strip_prefix("claimclash-stats "))
        .expect("the machine-readable line");
    let v: serde_json::Value = serde_json::from_str(line).expect("stats are JSON");
    assert_eq!(v["articles"], 12);
    assert_eq!(v["bytes"].as_u64(), Some(corpus_bytes()));
    // The language layer reads part of the text for general claims, never more than all.
    let read = v["read_bytes"].as_u64().expect("read_bytes in the stats");
    assert!(read > 0 && read <= corpus_bytes(), "{line}");
    for key in ["rules_ms", "total_ms", "load_ms", "match_ms", "render_ms"] {
        assert!(v[key].as_f64().is_some_and(|x| x >= 0.0), "{key} in {line}");
    }
}

/// Bytes of article text in the sample corpus: bodies without their front matter.
fn corpus_bytes() -> u64 {
    let loaded = crate::load(&["tests/corpus"]);
    loaded.articles.iter().map(|a| a.body.len() as u64).sum()
}
