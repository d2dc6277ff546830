//! Robustness: every kind of bad input next to good articles, determinism whatever the
//! order and threads, a closed pipe, and article text that tries to inject markup.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

fn claimclash(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_claimclash"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

const GOOD_A: &str = "---\nid: good-a\ndate: 2024-05-02\nsource: Wire A\n---\nRussia's Defense Ministry said on Thursday that Russian troops were pulling back from the border.\n";
const GOOD_B: &str = "---\nid: good-b\ndate: 2024-05-02\nsource: Wire B\n---\nThe Pentagon said on Thursday that Russian forces were massing near the border.\n";

/// The report of the two good articles alone, as JSON.
fn alone() -> serde_json::Value {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("good-a.md"), GOOD_A).expect("write");
    std::fs::write(dir.path().join("good-b.md"), GOOD_B).expect("write");
    let out = claimclash(&["check", ".", "--format", "json"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// Claims and conflicts that involve only the good articles.
fn good_part(report: &serde_json::Value) -> (Vec<serde_json::Value>, Vec<serde_json::Value>) {
    let good = |a: &str| a == "good-a" || a == "good-b";
    let claims: Vec<serde_json::Value> = report["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter(|c| good(c["article"].as_str().unwrap_or("")))
        .cloned()
        .collect();
    let ids: Vec<&str> = claims.iter().filter_map(|c| c["id"].as_str()).collect();
    let conflicts = report["conflicts"]
        .as_array()
        .expect("conflicts")
        .iter()
        .filter(|k| {
            ids.contains(&k["a"].as_str().unwrap_or(""))
                && ids.contains(&k["b"].as_str().unwrap_or(""))
        })
        .cloned()
        .collect();
    (claims, conflicts)
}

#[test]
fn every_bad_input_next_to_good_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let write = |name: &str, bytes: &[u8]| std::fs::write(d.join(name), bytes).expect("write");
    write("good-a.md", GOOD_A.as_bytes());
    write("good-b.md", GOOD_B.as_bytes());
    // Each bad input, and the one problem it must give (matched on the path).
    write("bad-utf8.txt", b"Troops \xff\xfe were pulling back.\n");
    write("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00binary");
    write("empty.txt", b"");
    write(
        "unterminated.md",
        b"---\nid: x\ndate: 2024-01-01\nno closing line\n",
    );
    write("bad-yaml.md", b"---\nid: [unclosed\n---\nText.\n");
    write(
        "bad-date.md",
        b"---\nid: bad-date\ndate: 2022-13-45\n---\nText.\n",
    );
    write(
        "not-json.jsonl",
        b"{\"id\": \"j1\", \"text\": \"fine\"}\nthis is not json\n",
    );
    write("no-id.jsonl", b"{\"text\": \"no id here\"}\n");
    write("no-text.jsonl", b"{\"id\": \"j2\"}\n");
    write(
        "dup-1.md",
        b"---\nid: dup\n---\nA first article with the id dup.\n",
    );
    write(
        "dup-2.md",
        b"---\nid: dup\n---\nA second article with the id dup.\n",
    );
    write("nul.txt", b"Text with a \x00 NUL byte in it.\n");
    write(
        "bom-crlf.txt",
        b"\xef\xbb\xbfHeadline\r\n\r\nA quiet day in the city.\r\n",
    );
    // A 50 MB article, a 5 MB line without punctuation and a 1 MB word: slow paths, no claims.
    let filler = "residents of the city gathered to discuss the new budget for schools and roads ";
    write(
        "big.txt",
        filler.repeat(50_000_000 / filler.len()).as_bytes(),
    );
    write(
        "long-line.txt",
        filler
            .trim_end()
            .repeat(5_000_000 / filler.len())
            .replace(". ", " ")
            .as_bytes(),
    );
    write(
        "long-word.txt",
        format!("A word: {}.\n", "x".repeat(1_000_000)).as_bytes(),
    );
    std::fs::create_dir(d.join("loop")).expect("mkdir");
    std::os::unix::fs::symlink(d.join("loop"), d.join("loop").join("again")).expect("symlink");
    // Running as root, no permission makes a file unreadable; a dangling link is a path that
    // cannot be read on any machine.
    std::os::unix::fs::symlink(d.join("gone"), d.join("dangling.txt")).expect("symlink");

    let out = claimclash(&["check", ".", "missing-file.md", "--format", "json"], d);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let problems: Vec<(String, Option<u64>)> = report["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap_or("").to_string(),
                p["line"].as_u64(),
            )
        })
        .collect();
    let expected_paths = [
        "./bad-utf8.txt",
        "./binary.txt",
        "./empty.txt",
        "./unterminated.md",
        "./bad-yaml.md",
        "./bad-date.md",
        "./not-json.jsonl",
        "./no-id.jsonl",
        "./no-text.jsonl",
        "./dup-2.md",
        "./nul.txt",
        "./loop/again",
        "./dangling.txt",
        "missing-file.md",
    ];
    for path in expected_paths {
        assert_eq!(
            problems.iter().filter(|(p, _)| p == path).count(),
            1,
            "one problem for {path} in {problems:?}"
        );
    }
    assert_eq!(problems.len(), expected_paths.len(), "{problems:?}");
    for (path, line) in [
        ("./bad-date.md", 3),
        ("./not-json.jsonl", 2),
        ("./no-id.jsonl", 1),
        ("./no-text.jsonl", 1),
        ("./bad-yaml.md", 2),
    ] {
        assert!(
            problems.contains(&(path.to_string(), Some(line))),
            "{path} at line {line} in {problems:?}"
        );
    }
    // Every problem is said on stderr too, with its path.
    for path in expected_paths {
        assert!(
            stderr.contains(path.trim_start_matches("./")),
            "{path} not on stderr"
        );
    }
    // The good articles come out exactly as when they are alone.
    assert_eq!(good_part(&report), good_part(&alone()));
    // The readable odd files were still read.
    let ids: Vec<&str> = report["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    for id in ["big", "long-line", "long-word", "bom-crlf", "dup", "j1"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
}

#[test]
fn nothing_readable_is_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("empty.txt"), b"").expect("write");
    let out = claimclash(&["check", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty.txt"));
}

/// The sample corpus as JSONL lines, in a given order.
fn corpus_jsonl(reverse: bool) -> String {
    let root = crate::root();
    let loaded = claimclash::article::load(&[root.join("tests/corpus")], &mut std::io::empty());
    let mut lines: Vec<String> = loaded
        .articles
        .iter()
        .map(|a| serde_json::json!({"id": a.info.id, "text": a.body, "date": a.info.date.map(|d| d.to_string()), "source": a.info.source, "title": a.info.title}).to_string())
        .collect();
    if reverse {
        lines.reverse();
        lines.rotate_left(3);
    }
    lines.join("\n") + "\n"
}

#[test]
fn reports_are_identical_whatever_the_order_and_threads() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("corpus.jsonl"), corpus_jsonl(false)).expect("write");
    let first = claimclash(
        &["check", "corpus.jsonl", "--format", "json", "--jobs", "1"],
        dir.path(),
    )
    .stdout;
    std::fs::write(dir.path().join("corpus.jsonl"), corpus_jsonl(true)).expect("write");
    // The same lines in another order: the same report but for the line each claim is on
    // in the file; and byte for byte the same whatever the threads.
    let line_no = regex::Regex::new(r"line \d+").expect("a regex");
    let without_lines = |json: &[u8]| {
        let text = String::from_utf8_lossy(json);
        let text = line_no.replace_all(&text, "line N");
        let mut v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        for c in v["claims"].as_array_mut().into_iter().flatten() {
            c.as_object_mut().map(|o| o.remove("line"));
        }
        v
    };
    let reordered = claimclash(
        &["check", "corpus.jsonl", "--format", "json", "--jobs", "1"],
        dir.path(),
    )
    .stdout;
    assert_eq!(without_lines(&reordered), without_lines(&first));
    for args in [vec![], vec!["--jobs", "4"]] {
        let mut all = vec!["check", "corpus.jsonl", "--format", "json"];
        all.extend(args.iter());
        assert_eq!(
            claimclash(&all, dir.path()).stdout,
            reordered,
            "JSON differs with {args:?}"
        );
    }
    // Files given in another order: the same Markdown and JSON.
    let root = crate::root();
    let mut files: Vec<String> = std::fs::read_dir(root.join("tests/corpus"))
        .expect("corpus")
        .filter_map(|e| {
            Some(
                e.ok()?
                    .path()
                    .strip_prefix(&root)
                    .ok()?
                    .display()
                    .to_string(),
            )
        })
        .collect();
    files.sort();
    for format in ["json", "markdown"] {
        let mut args = vec!["check", "--format", format];
        args.extend(files.iter().map(String::as_str));
        let forward = claimclash(&args, &root).stdout;
        let mut args = vec!["check", "--format", format, "--jobs", "1"];
        args.extend(files.iter().rev().map(String::as_str));
        assert_eq!(
            claimclash(&args, &root).stdout,
            forward,
            "{format} differs with the files reversed"
        );
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimclash"))
        .args(["check", "tests/corpus"])
        .current_dir(crate::root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let out = child.wait_with_output().expect("finishes");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.status.code().is_some(), "ended by a signal");
}

#[test]
fn article_text_cannot_inject_markup() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("x.md"),
        "---\nid: x\ndate: 2024-05-02\nsource: \"<b>Wire</b>\"\n---\n<script>alert(1)</script> Russia's Defense Ministry said *troops* were pulling back [from](http://evil) the border.\n\nThe Pentagon said `Russian` forces were massing | near the border.\n",
    )
    .expect("write");
    let out = claimclash(&["check", "x.md"], dir.path());
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("&lt;script&gt;"), "{md}");
    for raw in ["<script>", "*troops*", "[from](http", "`Russian`", "<b>"] {
        assert!(
            !md.contains(raw),
            "{raw} reached the Markdown report:\n{md}"
        );
    }
}

#[test]
fn ctrl_c_exits_cleanly_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let filler = "Peskov said Russian troops were pulling back. The Pentagon said Russian forces were massing near the border. ";
    std::fs::write(
        dir.path().join("big.txt"),
        filler.repeat(40_000_000 / filler.len()),
    )
    .expect("write");
    let child = Command::new(env!("CARGO_BIN_EXE_claimclash"))
        .args(["check", "big.txt", "--output", "report.md"])
        .current_dir(dir.path())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let out = child.wait_with_output().expect("ends");
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("listable")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    assert_eq!(
        left,
        vec!["big.txt".to_string()],
        "nothing half-written is left"
    );
}
