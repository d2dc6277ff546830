//! Hostile input and hostile places (issue 15): what is written replaces only what it may,
//! nothing is lost when standard streams fail, settings stay in their bounds, and growth
//! cases stay linear (checked with work counters or the ratio of two sizes in one run, never
//! with the machine's speed).

use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_claimclash"))
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

/// A folder holding one article that makes a contradiction with itself.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        crate::root().join("tests/fixtures/negation.md"),
        dir.path().join("a.md"),
    )
    .expect("copy");
    dir
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("listable")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

/// Messages are for people: no Rust Debug text.
fn assert_no_debug_text(text: &str) {
    for debug in ["Os {", "kind:", "Some(", "\"\\"] {
        assert!(!text.contains(debug), "Debug text `{debug}` in: {text}");
    }
}

// ---------------------------------------------------------------------------------------
// 1. --output replaces only a regular file, keeping its mode and owner.

#[test]
fn output_refuses_devices_fifos_sockets_folders_and_links() {
    let dir = corpus();
    let d = dir.path();
    let victim = d.join("victim.txt");
    std::fs::write(&victim, "keep me\n").expect("write");
    std::os::unix::fs::symlink(&victim, d.join("link")).expect("symlink");
    rustix::fs::mknodat(
        rustix::fs::CWD,
        d.join("fifo"),
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o644),
        0,
    )
    .expect("mkfifo");
    let _socket = std::os::unix::net::UnixListener::bind(d.join("socket")).expect("socket");
    std::fs::create_dir(d.join("folder")).expect("mkdir");
    // `--output /dev/null` as root: a device node of our own, the null device's numbers.
    let device = is_root()
        && rustix::fs::mknodat(
            rustix::fs::CWD,
            d.join("null"),
            rustix::fs::FileType::CharacterDevice,
            rustix::fs::Mode::from_raw_mode(0o666),
            rustix::fs::makedev(1, 3),
        )
        .is_ok();
    let mut targets = vec!["link", "fifo", "socket", "folder", "folder/"];
    if device {
        targets.push("null");
    } else {
        eprintln!("not root: the device-node case is left out");
    }
    for target in targets {
        let before = std::fs::symlink_metadata(d.join(target)).expect("exists");
        let started = Instant::now();
        let out = run_in(d, &["check", "a.md", "--output", target]);
        assert_eq!(out.status.code(), Some(2), "{target}: {}", stderr(&out));
        assert!(started.elapsed() < Duration::from_secs(60), "{target} hung");
        let message = stderr(&out);
        assert!(
            message.contains(&format!("--output `{target}` is "))
                && message.contains("only to a regular file"),
            "{message}"
        );
        assert_no_debug_text(&message);
        let after = std::fs::symlink_metadata(d.join(target)).expect("still there");
        assert_eq!(
            after.file_type(),
            before.file_type(),
            "{target} changed type"
        );
        assert_eq!((after.ino(), after.rdev()), (before.ino(), before.rdev()));
    }
    if device {
        let null = std::fs::symlink_metadata(d.join("null")).expect("node");
        assert!(
            null.file_type().is_char_device(),
            "the device stays a device"
        );
        assert_eq!(null.rdev(), rustix::fs::makedev(1, 3));
    }
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), "keep me\n");
    assert!(
        std::fs::symlink_metadata(d.join("link"))
            .expect("link")
            .file_type()
            .is_symlink()
    );
}

#[test]
fn output_keeps_the_mode_and_owner_of_the_file_it_replaces() {
    let dir = corpus();
    let d = dir.path();
    let report = d.join("report.md");
    std::fs::write(&report, "old report\n").expect("write");
    std::fs::set_permissions(&report, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let owner = is_root().then(|| {
        std::os::unix::fs::chown(&report, Some(4242), Some(4343)).expect("chown");
        (4242, 4343)
    });
    let out = run_in(d, &["check", "a.md", "--output", "report.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let meta = std::fs::metadata(&report).expect("report");
    assert_eq!(meta.mode() & 0o777, 0o600, "a private report stays private");
    if let Some(owner) = owner {
        assert_eq!((meta.uid(), meta.gid()), owner, "the owner is kept");
    }
    let text = std::fs::read_to_string(&report).expect("read");
    assert!(text.starts_with("# claimclash report"), "{text}");
    assert_eq!(names(d), ["a.md", "report.md"], "no temporary file is left");
}

#[test]
fn output_to_standard_output_when_asked() {
    let dir = corpus();
    for target in ["-", "/dev/stdout"] {
        let file = dir.path().join(format!("captured{}", target.len()));
        let out = bin()
            .args(["check", "a.md", "--format", "json", "--output", target])
            .current_dir(dir.path())
            .stdout(std::fs::File::create(&file).expect("create"))
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1), "{target}: {}", stderr(&out));
        let text = std::fs::read_to_string(&file).expect("read");
        assert!(text.contains("claimclash.report/1"), "{target}: {text}");
    }
}

#[test]
fn output_onto_an_input_is_refused() {
    let dir = corpus();
    let d = dir.path();
    let before = std::fs::read(d.join("a.md")).expect("read");
    std::fs::hard_link(d.join("a.md"), d.join("same.md")).expect("hard link");
    for target in ["a.md", "same.md", "./a.md"] {
        let out = run_in(d, &["check", "a.md", "--output", target]);
        assert_eq!(out.status.code(), Some(2), "{target}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("is an input of this check"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(std::fs::read(d.join("a.md")).expect("read"), before);
}

#[test]
fn assembly_onto_one_of_its_line_files_is_refused() {
    let dir = corpus();
    let d = dir.path();
    std::fs::write(d.join("lines.txt"), "not a line of map\n").expect("write");
    let out = run_in(d, &["assemble", "lines.txt", "--output", "lines.txt"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is an input of this assembly"),
        "{}",
        stderr(&out)
    );
    let kept = std::fs::read_to_string(d.join("lines.txt")).expect("read");
    assert_eq!(kept, "not a line of map\n");
}

// ---------------------------------------------------------------------------------------
// 2. The temporary file: random, exclusive, in the same folder, removed on signals.

/// Starts a check that holds its finished temporary file (a debug-build test hook), and
/// returns it with the temporary file's name once that exists.
fn holding(dir: &Path) -> (std::process::Child, String) {
    let mut child = bin()
        .args(["check", "a.md", "--output", "report.md"])
        .env("CLAIMCLASH_TEST_HOLD_TEMPORARY", "1")
        .current_dir(dir)
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        if let Some(tmp) = names(dir).into_iter().find(|n| n.ends_with(".tmp")) {
            return (child, tmp);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("no temporary file appeared");
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "holds the temporary file through a hook only debug builds have"
)]
fn the_temporary_file_has_a_random_name_and_is_created_exclusively() {
    // A link planted at the name the writer used to pick (`.NAME.PID.tmp`) is never followed.
    let dir = corpus();
    let d = dir.path();
    let victim = d.join("victim.txt");
    std::fs::write(&victim, "keep me\n").expect("write");
    let child = bin()
        .args(["check", "a.md", "--output", "report.md"])
        .current_dir(d)
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let planted = d.join(format!(".report.md.{}.tmp", child.id()));
    std::os::unix::fs::symlink(&victim, &planted).expect("plant");
    let out = child.wait_with_output().expect("ends");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), "keep me\n");
    assert!(
        std::fs::read_to_string(d.join("report.md"))
            .expect("report")
            .starts_with("# claimclash report")
    );
    assert!(
        std::fs::symlink_metadata(&planted).is_ok(),
        "the planted link is left alone"
    );
    std::fs::remove_file(&planted).expect("rm");
    // The name has twelve random characters, and differs from run to run.
    let (mut first, tmp) = holding(d);
    let _ = first.kill();
    let _ = first.wait();
    let middle = tmp
        .strip_prefix(".report.md.")
        .and_then(|t| t.strip_suffix(".tmp"))
        .expect("same folder, hidden, named after the report");
    assert_eq!(middle.len(), 12, "{tmp}");
    assert_ne!(middle, first.id().to_string());
    let _ = std::fs::remove_file(d.join(&tmp));
    let (mut second, other) = holding(d);
    let _ = second.kill();
    let _ = second.wait();
    assert_ne!(tmp, other);
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "holds the temporary file through a hook only debug builds have"
)]
fn signals_remove_the_temporary_file() {
    for (signal, code) in [("TERM", 143), ("INT", 130), ("HUP", 129)] {
        let dir = corpus();
        let (child, _) = holding(dir.path());
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(killed.success());
        let out = child.wait_with_output().expect("ends");
        assert_eq!(out.status.code(), Some(code), "{signal}: {}", stderr(&out));
        assert_eq!(names(dir.path()), ["a.md"], "{signal} left a file behind");
    }
}

// ---------------------------------------------------------------------------------------
// Standard streams: a failing stderr loses messages, never the report; a failing stdout
// is the command's failure.

#[test]
fn a_closed_or_full_stderr_loses_messages_not_the_report() {
    let dir = corpus();
    let d = dir.path();
    // A problem to say on stderr, and a file name with a terminal escape in it.
    std::fs::write(d.join("bad\u{1b}[2J.md"), b"\xff\xfe not UTF-8").expect("write");
    for full in [true, false] {
        let _ = std::fs::remove_file(d.join("report.json"));
        let mut command = bin();
        command
            .args(["check", ".", "--format", "json", "--output", "report.json"])
            .current_dir(d)
            .stdout(Stdio::null());
        let out = if full {
            command
                .stderr(std::fs::File::create("/dev/full").expect("/dev/full"))
                .output()
                .expect("runs")
        } else {
            let mut child = command.stderr(Stdio::piped()).spawn().expect("spawns");
            drop(child.stderr.take());
            child.wait_with_output().expect("ends")
        };
        assert_eq!(out.status.code(), Some(1), "full: {full}");
        let report = std::fs::read_to_string(d.join("report.json")).expect("written");
        assert!(report.contains("\"problems\""), "{report}");
    }
    // And what does reach stderr has the escape shown, not sent.
    let out = run_in(d, &["check", ".", "--format", "json"]);
    let message = stderr(&out);
    assert!(message.contains("bad\\e[2J.md"), "{message}");
    assert!(!message.contains('\u{1b}'), "{message}");
}

#[test]
fn stdout_write_errors_fail_every_command() {
    let dir = corpus();
    let d = dir.path();
    let saved = run_in(
        d,
        &[
            "check",
            "a.md",
            "--baseline",
            "base.json",
            "--update-baseline",
        ],
    );
    assert_eq!(saved.status.code(), Some(0), "{}", stderr(&saved));
    std::fs::write(d.join("b.md"), "---\nid: b\n---\nNothing happened.\n").expect("write");
    let base: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("base.json")).expect("read"))
            .expect("JSON");
    let claim = base["claims"][0]["id"]
        .as_str()
        .expect("a claim")
        .to_string();
    let commands: [&[&str]; 10] = [
        &["check", "a.md"],
        &["check", "a.md", "--format", "json"],
        &["check", "a.md", "b.md", "--baseline", "base.json"],
        &["trace", "Russia said its troops were pulling back."],
        &["rules", "suggest", "a.md"],
        &["rules", "check"],
        &["config", "--isolated"],
        &["man"],
        &["completions", "bash"],
        &["explain", "base.json", &claim],
    ];
    for args in commands {
        let out = bin()
            .args(args)
            .current_dir(d)
            .stdout(std::fs::File::create("/dev/full").expect("/dev/full"))
            .output()
            .expect("runs");
        let message = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {message}");
        assert!(
            message.contains("cannot write to standard output: No space left on device"),
            "{args:?}: {message}"
        );
        assert_no_debug_text(&message);
    }
}

// ---------------------------------------------------------------------------------------
// Bounds on the command line.

#[test]
fn jobs_out_of_bounds_is_refused_at_once() {
    let dir = corpus();
    for jobs in ["100000", "0", "1025"] {
        let started = Instant::now();
        let out = run_in(dir.path(), &["check", "a.md", "--jobs", jobs]);
        assert_eq!(out.status.code(), Some(2), "{jobs}");
        assert!(stderr(&out).contains("1..=1024"), "{}", stderr(&out));
        assert!(started.elapsed() < Duration::from_secs(30));
    }
    let out = run_in(dir.path(), &["check", "a.md", "--jobs", "1024"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

// ---------------------------------------------------------------------------------------
// Baselines.

#[test]
fn a_baseline_of_another_schema_is_refused() {
    let dir = corpus();
    let d = dir.path();
    for (text, why) in [
        ("{}", "no `schema`"),
        ("[]", "it is a list"),
        ("null", "it is null"),
        (
            "{\"schema\": \"other.tool/3\", \"items\": []}",
            "`other.tool/3`",
        ),
        (
            "{\"schema\": \"claimclash.report/1\", \"claims\": 3, \"conflicts\": []}",
            "`claims` is a number",
        ),
    ] {
        std::fs::write(d.join("base.json"), text).expect("write");
        let out = run_in(d, &["check", "a.md", "--baseline", "base.json"]);
        let message = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{text}: {message}");
        assert!(
            message.contains("base.json: the baseline is not a claimclash report")
                && message.contains(why)
                && message.contains("--update-baseline"),
            "{text}: {message}"
        );
        assert!(out.stdout.is_empty());
        // `explain` reads saved reports the same way.
        let out = run_in(d, &["explain", "base.json", "k123"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("not a claimclash report"));
    }
    // A baseline that is a FIFO is refused at once, not waited on.
    std::fs::remove_file(d.join("base.json")).expect("rm");
    rustix::fs::mknodat(
        rustix::fs::CWD,
        d.join("base.json"),
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o644),
        0,
    )
    .expect("mkfifo");
    let out = run_in(d, &["check", "a.md", "--baseline", "base.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("a FIFO"), "{}", stderr(&out));
}

#[test]
fn a_baseline_takes_output_and_refuses_format() {
    let dir = corpus();
    let d = dir.path();
    let saved = run_in(
        d,
        &[
            "check",
            "a.md",
            "--baseline",
            "base.json",
            "--update-baseline",
        ],
    );
    assert_eq!(saved.status.code(), Some(0), "{}", stderr(&saved));
    let out = run_in(
        d,
        &[
            "check",
            "a.md",
            "--baseline",
            "base.json",
            "--output",
            "changes.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let changes = std::fs::read_to_string(d.join("changes.txt")).expect("written");
    assert!(changes.starts_with("no changes"), "{changes}");
    let out = run_in(
        d,
        &[
            "check",
            "a.md",
            "--baseline",
            "base.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--format"), "{}", stderr(&out));
    let out = run_in(
        d,
        &[
            "check",
            "a.md",
            "--baseline",
            "base.json",
            "--update-baseline",
            "--output",
            "x.json",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
}

// ---------------------------------------------------------------------------------------
// Configuration: every key kept, and only trustworthy files found.

#[test]
fn extra_rules_on_the_command_line_keep_the_files_rules() {
    let dir = corpus();
    let d = dir.path();
    // The file names a pack with an error: the check must read it, so it must fail.
    std::fs::create_dir(d.join("pack")).expect("mkdir");
    std::fs::write(d.join("pack/broken.yaml"), "entities: [unclosed\n").expect("write");
    std::fs::create_dir(d.join("extra")).expect("mkdir");
    std::fs::write(
        d.join("extra/more.yaml"),
        "entities:\n  - id: desk-chief\n    name: Desk Chief\n    kind: person\n    aliases: [Desk Chief]\n",
    )
    .expect("write");
    std::fs::write(d.join("claimclash.yaml"), "rules: pack\n").expect("write");
    let out = run_in(d, &["check", "a.md", "--extra-rules", "extra"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("broken.yaml"), "{}", stderr(&out));
    // And `config` names each extra folder with where it comes from.
    std::fs::write(
        d.join("claimclash.yaml"),
        "extra_rules: [extra]\nformat: json\n",
    )
    .expect("write");
    let out = run_in(d, &["config"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("extra_rules     ")
            && text.contains("extra (")
            && text.contains("claimclash.yaml)"),
        "{text}"
    );
}

#[test]
fn an_untrusted_configuration_file_is_ignored_with_a_warning() {
    let top = tempfile::tempdir().expect("tempdir");
    let shared = top.path().join("shared");
    let desk = shared.join("desk");
    std::fs::create_dir_all(&desk).expect("mkdir");
    std::fs::copy(
        crate::root().join("tests/fixtures/negation.md"),
        desk.join("a.md"),
    )
    .expect("copy");
    let planted = shared.join("claimclash.yaml");
    std::fs::write(&planted, "format: json\nfail_on: never\n").expect("write");
    let trusted = |out: &Output| String::from_utf8_lossy(&out.stdout).starts_with('{');
    // Trusted as it is: ours, in our folder.
    let out = run_in(&desk, &["check", "a.md"]);
    assert!(trusted(&out), "{}", stderr(&out));
    // Anyone can write the folder (no sticky bit): ignored, and said.
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let out = run_in(&desk, &["check", "a.md"]);
    assert!(!trusted(&out));
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.contains("warning: ignoring")
            && message.contains("claimclash.yaml: every user can write its folder")
            && message.contains("--config"),
        "{message}"
    );
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    // Anyone can write the file: ignored.
    std::fs::set_permissions(&planted, std::fs::Permissions::from_mode(0o666)).expect("chmod");
    let out = run_in(&desk, &["check", "a.md"]);
    assert!(!trusted(&out));
    assert!(stderr(&out).contains("every user can write it"));
    std::fs::set_permissions(&planted, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    // Another user's file: ignored (only root can give a file away).
    if is_root() {
        std::os::unix::fs::chown(&planted, Some(4242), None).expect("chown");
        let out = run_in(&desk, &["check", "a.md"]);
        assert!(!trusted(&out));
        assert!(stderr(&out).contains("belongs to user 4242"));
        // Named on the command line, it is the user's choice.
        let out = run_in(&desk, &["check", "a.md", "--config", "../claimclash.yaml"]);
        assert!(trusted(&out), "{}", stderr(&out));
    }
}

// ---------------------------------------------------------------------------------------
// Helpers for the walk and the growth cases.

/// Runs the binary in `dir`, killed after `limit`: a growth case that never ends fails here
/// instead of hanging the suite. Output goes through files, so a full pipe never blocks it.
fn run_within(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let spool = tempfile::tempdir().expect("tempdir");
    let (out_path, err_path) = (spool.path().join("out"), spool.path().join("err"));
    let mut child = bin()
        .args(args)
        .current_dir(dir)
        .stdout(std::fs::File::create(&out_path).expect("create"))
        .stderr(std::fs::File::create(&err_path).expect("create"))
        .spawn()
        .expect("spawns");
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`claimclash {}` ran past {limit:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: std::fs::read(&out_path).expect("stdout"),
        stderr: std::fs::read(&err_path).expect("stderr"),
    }
}

/// The time `work(size)` takes, the best of five runs (noise only ever slows a run down).
fn best_time(work: &dyn Fn(usize), size: usize) -> Duration {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            work(size);
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// How much longer `work` takes on eight times the input, in one run on one machine: about
/// 8 when linear, 64 when quadratic. The bound leaves room for noise, not for a square.
fn assert_linear(what: &str, small: usize, work: &dyn Fn(usize)) {
    work(small); // warm-up
    let (a, b) = (best_time(work, small), best_time(work, 8 * small));
    let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-6);
    assert!(
        ratio < 24.0,
        "{what}: {a:?} at {small}, {b:?} at {}: ×{ratio:.1} for ×8",
        8 * small
    );
}

fn report_json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
                .chars()
                .take(300)
                .collect::<String>()
        )
    })
}

fn problems_of(report: &serde_json::Value) -> Vec<(String, String)> {
    report["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap_or("").to_string(),
                p["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn mkfifo(path: &Path) {
    rustix::fs::mknodat(
        rustix::fs::CWD,
        path,
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o644),
        0,
    )
    .expect("mkfifo");
}

// ---------------------------------------------------------------------------------------
// 3. The walk: every folder entered once, only regular files read, depth bounded.

#[test]
fn a_lattice_of_links_is_walked_once() {
    // Two links per level to the next level: 2^50 paths, 51 folders, and paths through
    // more links than the kernel resolves in one path (40).
    const DEPTH: usize = 50;
    let dir = tempfile::tempdir().expect("tempdir");
    let level = |i: usize| dir.path().join(format!("l{i}"));
    for i in 0..=DEPTH {
        std::fs::create_dir(level(i)).expect("mkdir");
        std::fs::write(level(i).join(format!("n{i}.txt")), "A quiet day.\n").expect("write");
        if i > 0 {
            for name in ["a", "b"] {
                std::os::unix::fs::symlink(level(i), level(i - 1).join(name)).expect("link");
            }
        }
    }
    let out = run_within(
        dir.path(),
        &["check", "l0", "--format", "json"],
        Duration::from_secs(60),
    );
    let report = report_json(&out);
    assert_eq!(
        report["summary"]["articles"],
        DEPTH + 1,
        "each article once"
    );
    let problems = problems_of(&report);
    // One problem per second link into a folder already read; no duplicate ids.
    assert_eq!(problems.len(), DEPTH, "{problems:?}");
    assert!(
        problems
            .iter()
            .all(|(_, m)| m.contains("already read through another path")),
        "{problems:?}"
    );
}

#[test]
fn fifos_devices_and_sockets_are_problems_not_reads() {
    let dir = corpus();
    let d = dir.path();
    mkfifo(&d.join("wait.md"));
    std::os::unix::fs::symlink("/dev/zero", d.join("zero.txt")).expect("link");
    let _socket = std::os::unix::net::UnixListener::bind(d.join("sock.md")).expect("socket");
    let out = run_within(
        d,
        &["check", ".", "wait.md", "--format", "json"],
        Duration::from_secs(60),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = report_json(&out);
    assert_eq!(report["summary"]["articles"], 1);
    let problems = problems_of(&report);
    for (path, kind) in [
        ("./wait.md", "a FIFO"),
        ("wait.md", "a FIFO"),
        ("./zero.txt", "a character device"),
        ("./sock.md", "a socket"),
    ] {
        assert!(
            problems
                .iter()
                .any(|(p, m)| p == path && m.contains(kind) && m.contains("not a regular file")),
            "{path}: {problems:?}"
        );
    }
}

#[test]
fn folders_too_deep_are_a_problem_not_a_gap() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut path = dir.path().join("c");
    for i in 0..claimclash::article::MAX_DEPTH + 6 {
        std::fs::create_dir(&path).expect("mkdir");
        std::fs::write(path.join(format!("n{i}.txt")), "A quiet day.\n").expect("write");
        path = path.join("d");
    }
    let out = run_within(
        dir.path(),
        &["check", "c", "--format", "json"],
        Duration::from_secs(60),
    );
    let report = report_json(&out);
    assert_eq!(
        report["summary"]["articles"],
        claimclash::article::MAX_DEPTH + 1
    );
    let problems = problems_of(&report);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].1.contains("levels deep; not entered"),
        "{problems:?}"
    );
}

#[test]
fn the_report_written_into_the_corpus_is_never_read_back() {
    let dir = corpus();
    let d = dir.path();
    let claims = |text: &str| -> String {
        text.lines()
            .nth(2)
            .and_then(|l| l.split(" · ").nth(1))
            .unwrap_or("")
            .to_string()
    };
    let mut seen = Vec::new();
    for _ in 0..3 {
        let out = run_in(d, &["check", ".", "--output", "report.md"]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let text = std::fs::read_to_string(d.join("report.md")).expect("report");
        assert!(text.contains("1 article ·"), "{text}");
        seen.push(claims(&text));
    }
    assert!(
        seen.iter().all(|c| c == &seen[0] && !c.is_empty()),
        "{seen:?}"
    );
    // An article of the corpus is not a report: it is never overwritten.
    let before = std::fs::read(d.join("a.md")).expect("read");
    let out = run_in(d, &["check", ".", "--output", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is an article of the input"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(d.join("a.md")).expect("read"), before);
}

// ---------------------------------------------------------------------------------------
// 9. YAML nesting is capped before parsing, in front matter, rule files and configuration.

#[test]
fn deep_yaml_is_refused_before_parsing() {
    let dir = corpus();
    let d = dir.path();
    let deep = "[".repeat(400_000);
    // Under the front matter's size cap, and still 18 s for the parser alone.
    std::fs::write(
        d.join("deep.md"),
        format!("---\nid: deep\ntags: {}\n---\nText.\n", &deep[..60_000]),
    )
    .expect("write");
    let out = run_within(
        d,
        &["check", ".", "--format", "json"],
        Duration::from_secs(60),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let problems = problems_of(&report_json(&out));
    assert!(
        problems
            .iter()
            .any(|(p, m)| p == "./deep.md" && m.contains("nested more than 32 levels")),
        "{problems:?}"
    );
    // A rule file: an error at its line and column.
    std::fs::create_dir(d.join("pack")).expect("mkdir");
    for (name, text) in claimclash::rules::EMBEDDED {
        std::fs::write(d.join("pack").join(name), text).expect("write");
    }
    std::fs::write(d.join("pack/deep.yaml"), format!("entities: {deep}\n")).expect("write");
    let out = run_within(d, &["rules", "check", "pack"], Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("deep.yaml:1:")
            && stderr(&out).contains("nested more than 32 levels"),
        "{}",
        stderr(&out).chars().take(400).collect::<String>()
    );
    // claimclash.yaml.
    std::fs::write(d.join("claimclash.yaml"), format!("format: {deep}\n")).expect("write");
    let out = run_within(d, &["check", "a.md"], Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("claimclash.yaml:1:"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn yaml_nesting_costs_linear_time() {
    let sources = |n: usize| {
        vec![claimclash::rules::RuleSource {
            name: "deep.yaml".into(),
            text: format!("entities: {}", "[".repeat(n)),
        }]
    };
    assert_linear("rule file", 25_000, &|n| {
        let _ = claimclash::rules::from_sources(&sources(n));
    });
    assert_linear("front matter", 25_000, &|n| {
        let text = format!("---\ntags: {}\n---\nText.\n", "{".repeat(n));
        let _ = claimclash::article::from_text_str("x", "x.md", &text);
    });
}

// ---------------------------------------------------------------------------------------
// Front matter as JSON lines have it; claim ids that never collide.

#[test]
fn front_matter_keeps_unknown_keys_and_refuses_a_blank_id() {
    let dir = corpus();
    let d = dir.path();
    std::fs::write(
        d.join("extra.md"),
        "---\nid: extra\nauthor: A. Writer\ntags: [world, politics]\n---\nA quiet day.\n",
    )
    .expect("write");
    std::fs::write(d.join("blank.md"), "---\nid: '  '\n---\nA quiet day.\n").expect("write");
    std::fs::write(d.join("null.md"), "---\nid:\n---\nA quiet day.\n").expect("write");
    let report = report_json(&run_in(d, &["check", ".", "--format", "json"]));
    let ids: Vec<&str> = report["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    assert!(ids.contains(&"extra"), "{ids:?}");
    let problems = problems_of(&report);
    for path in ["./blank.md", "./null.md"] {
        assert!(
            problems
                .iter()
                .any(|(p, m)| p == path && m.contains("`id` is empty")),
            "{path}: {problems:?}"
        );
    }
}

#[test]
fn claim_ids_with_colons_never_collide() {
    assert_ne!(
        claimclash::claim::claim_id("n:1", 0, "q:2"),
        claimclash::claim::claim_id("n", 1, "0:q:2")
    );
    assert_eq!(claimclash::claim::claim_id("a", 7, "p"), "a:7:p");
    assert_eq!(
        claimclash::claim::claim_id("https://x.org/a:b%", 7, "p"),
        "https%3A//x.org/a%3Ab%25:7:p"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let line = |id: &str| {
        serde_json::json!({"id": id, "date": "2024-05-02", "text": "Russia's Defense Ministry said on Thursday that Russian troops were pulling back from the border."}).to_string()
    };
    std::fs::write(
        dir.path().join("c.jsonl"),
        format!(
            "{}\n{}\n",
            line("https://x.org/a:1"),
            line("https://x.org/a")
        ),
    )
    .expect("write");
    let report = report_json(&run_in(
        dir.path(),
        &["check", "c.jsonl", "--format", "json"],
    ));
    let ids: Vec<&str> = report["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert!(ids.len() >= 2, "{ids:?}");
    assert!(ids.iter().all(|id| id.matches(':').count() == 2), "{ids:?}");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
}

// ---------------------------------------------------------------------------------------
// Control characters never reach a reader raw; code spans keep their text.

#[test]
fn control_characters_are_shown_escaped_in_every_human_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let hostile = "\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{202e}";
    // The same in YAML's double-quoted escapes.
    let yaml_hostile = "\\e]0;owned\\a\\e[2J\\x9b31m\\u202e";
    for (name, source) in [("a", "Wire A"), ("b", "Wire B")] {
        std::fs::write(
            d.join(format!("{name}{hostile}.md")),
            format!("---\nid: \"{name}{yaml_hostile}\"\ndate: 2024-05-02\nsource: \"{source}{yaml_hostile}\"\nheadline: x\n---\nRussia's Defense Ministry said on Thursday that Russian troops were {}.\n", if name == "a" { "pulling back from the border" } else { "not pulling back from the border" }),
        )
        .expect("write");
    }
    std::fs::write(d.join(format!("bad{hostile}.md")), b"\xff").expect("write");
    for format in ["markdown", "csv", "dot", "html"] {
        let out = run_in(d, &["check", ".", "--format", format]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.len() > 100, "{format}: {text}");
        for (what, stream) in [("report", text.as_ref()), ("stderr", &stderr(&out))] {
            assert!(
                !stream.chars().any(claimclash::printable::is_hostile),
                "{format} {what} has a raw control: {stream:?}"
            );
        }
        assert!(text.contains("\\e]0;owned"), "{format}: {text}");
    }
}

#[test]
fn paths_in_code_spans_are_not_backslash_escaped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let name = "a\\b`c_d.md";
    std::fs::write(
        dir.path().join(name),
        std::fs::read(crate::root().join("tests/fixtures/negation.md")).expect("read"),
    )
    .expect("write");
    let out = run_in(dir.path(), &["check", "."]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("``./a\\b`c_d.md``"), "{text}");
    assert_eq!(
        claimclash::report::md_code(" `x` "),
        "``  `x`  ``",
        "padded when it starts or ends with a space or backtick"
    );
}

// ---------------------------------------------------------------------------------------
// Rule packs: compile, matching and settings bounded whatever the pack.

/// The bundled pack plus one file, as sources.
fn pack_with(extra: &str) -> Vec<claimclash::rules::RuleSource> {
    let mut sources = claimclash::rules::embedded_sources();
    sources.push(claimclash::rules::RuleSource {
        name: "extra.yaml".into(),
        text: extra.to_string(),
    });
    sources
}

/// `n` entities, each with one alias made by `alias(i)`.
fn entities(n: usize, alias: &dyn Fn(usize) -> String) -> String {
    let mut out = String::from("entities:\n");
    for i in 0..n {
        out.push_str(&format!(
            "  - id: e{i}\n    name: E{i}\n    kind: person\n    aliases: [\"{}\"]\n",
            alias(i)
        ));
    }
    out
}

/// The `i`-th permutation of the letters of "claimbrest" (all the same letters): anagrams
/// pass every cheap filter of the near-duplicate check.
fn anagram(i: usize) -> String {
    let mut letters: Vec<char> = "claimbrest".chars().collect();
    let mut k = i;
    let mut out = String::new();
    while !letters.is_empty() {
        let at = k % letters.len();
        k /= letters.len();
        out.push(letters.remove(at));
    }
    out
}

#[test]
fn invisible_characters_in_phrases_are_errors() {
    for (invisible, code) in [
        ('\u{200d}', "U+200D"),
        ('\u{200f}', "U+200F"),
        ('\u{ad}', "U+00AD"),
    ] {
        let extra = entities(1, &|_| format!("Desk{invisible}Chief"));
        let Err(diags) = claimclash::rules::from_sources(&pack_with(&extra)) else {
            panic!("{code} accepted");
        };
        let text = claimclash::rules::render_all(&diags, &pack_with(&extra));
        assert!(
            text.contains(&format!("invisible character ({code})")) && text.contains("extra.yaml:"),
            "{text}"
        );
    }
}

#[test]
fn near_duplicate_screening_is_linear_and_its_warnings_bounded() {
    let sources = |n: usize| pack_with(&entities(n, &anagram));
    let (_, warnings) = claimclash::rules::from_sources(&sources(1_000)).expect("compiles");
    assert!(
        warnings.len() <= 101,
        "{} near-duplicate warnings",
        warnings.len()
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.message.contains("more pairs of nearly the same aliases")),
        "the rest is counted"
    );
    assert_linear("near-duplicate screening", 250, &|n| {
        let _ = claimclash::rules::from_sources(&sources(n));
    });
}

#[test]
fn matching_does_not_slow_with_aliases_sharing_a_first_word() {
    let text = "John Q1234 met the press. ".repeat(2_000)
        + &"John Smith and John Doe said nothing. ".repeat(2_000);
    let compiled = |n: usize| {
        claimclash::rules::from_sources(&pack_with(&entities(n, &|i| format!("John Q{i}"))))
            .expect("compiles")
            .0
    };
    let (few, many) = (compiled(500), compiled(4_000));
    let time =
        |rules: &claimclash::rules::RuleSet| best_time(&|_| drop(rules.phrases.find_all(&text)), 0);
    let _ = time(&few);
    let (a, b) = (time(&few), time(&many));
    let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-6);
    assert!(
        ratio < 3.0,
        "{a:?} with 500 aliases, {b:?} with 4,000: ×{ratio:.1}"
    );
    // And the matches are the same as before: each "John Q1234" once.
    let found = many
        .phrases
        .find_all(&text)
        .iter()
        .filter(|m| many.phrases.phrases[m.phrase].written == "John Q1234")
        .count();
    assert_eq!(found, 2_000);
}

#[test]
fn settings_have_bounds_that_keep_memory_linear() {
    let settings = |pairs: usize| {
        claimclash::rules::embedded_sources()
            .into_iter()
            .map(|mut s| {
                s.text = s.text.replace(
                    "max_pairs_per_claim: 20",
                    &format!("max_pairs_per_claim: {pairs}"),
                );
                s
            })
            .collect::<Vec<_>>()
    };
    for bad in [0, 101, 10_000] {
        let Err(diags) = claimclash::rules::from_sources(&settings(bad)) else {
            panic!("max_pairs_per_claim: {bad} accepted");
        };
        assert!(
            diags
                .iter()
                .any(|d| d.key.contains("max_pairs_per_claim") && d.message.contains("1 and 100")),
            "{diags:?}"
        );
    }
    // At the largest, claims of one subject and day keep at most 100 partners each, and the
    // work grows with the claims.
    let (rules, _) = claimclash::rules::from_sources(&settings(100)).expect("compiles");
    let articles = |n: usize| -> Vec<claimclash::article::Article> {
        (0..n)
            .map(|i| {
                let not = if i % 2 == 0 { "" } else { "not " };
                let text = format!("---\nid: a{i}\ndate: 2024-05-02\nsource: Wire {i}\n---\nRussia's Defense Ministry said on Thursday that Russian troops were {not}pulling back from the border.\n");
                claimclash::article::from_text_str("x", "x.md", &text).expect("article")
            })
            .collect()
    };
    let corpus = articles(2_000);
    let analysis = claimclash::analyze(&corpus, &rules);
    assert_eq!(analysis.claims.len(), 2_000);
    assert!(
        analysis.conflicts.len() + analysis.agreements.len() <= 2_000 * 100,
        "{} pairs",
        analysis.conflicts.len()
    );
    assert_linear("conflicts at max_pairs_per_claim 100", 250, &|n| {
        let _ = claimclash::analyze(&corpus[..n], &rules);
    });
}

#[test]
fn the_html_picture_costs_the_same_however_many_outlets() {
    let rules = crate::bundled_rules();
    let corpus = |outlets: usize| -> Vec<claimclash::article::Article> {
        (0..outlets)
            .map(|i| {
                let not = if i % 2 == 0 { "" } else { "not " };
                let text = format!("---\nid: o{i}\ndate: 2024-05-02\nsource: Outlet {i}\n---\nRussian troops were {not}pulling back from the border.\n");
                claimclash::article::from_text_str("x", "x.md", &text).expect("article")
            })
            .collect()
    };
    let big = claimclash::analyze(&corpus(200), &rules);
    // The dispute view draws the sides of the largest disputes, a few voices each.
    let html = claimclash::report::html::html(&big, &rules);
    let drawn = html.matches("<line ").count();
    assert!(
        drawn
            <= claimclash::report::html::MAX_PICTURE_DISPUTES
                * 2
                * (claimclash::report::html::MAX_PICTURE_VOICES + 1),
        "{drawn} voices drawn"
    );
    assert!(
        html.contains(" more</text>"),
        "the picture says how many voices are left out"
    );
    // The pair view draws the subject graph, bounded too.
    let html = claimclash::report::html::html_pairs(&big, &rules);
    let ellipses = html.matches("<ellipse").count();
    assert!(
        ellipses <= claimclash::report::html::MAX_PICTURE_SPEAKERS,
        "{ellipses} speakers drawn"
    );
    assert!(
        html.contains("other speakers"),
        "the caption says what is left out"
    );
    let analyses: Vec<claimclash::Analysis> = [25, 200]
        .iter()
        .map(|&n| claimclash::analyze(&corpus(n), &rules))
        .collect();
    let time = |a: &claimclash::Analysis| {
        best_time(
            &|_| {
                drop(claimclash::report::html::html(a, &rules));
                drop(claimclash::report::html::html_pairs(a, &rules));
            },
            0,
        )
    };
    let _ = time(&analyses[0]);
    let (a, b) = (time(&analyses[0]), time(&analyses[1]));
    let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-6);
    assert!(
        ratio < 24.0,
        "{a:?} for 25 outlets, {b:?} for 200: ×{ratio:.1}"
    );
}

#[test]
fn one_long_paragraph_costs_linear_time() {
    let rules = crate::bundled_rules();
    let sentence = "Russia's Defense Ministry said on Thursday that Russian troops were pulling back from the border. ";
    assert_linear("one paragraph", 100_000, &|bytes| {
        let text = format!(
            "---\nid: p\ndate: 2024-05-02\n---\n{}",
            sentence.repeat(bytes / sentence.len())
        );
        let article = claimclash::article::from_text_str("p", "p.md", &text).expect("article");
        let _ = claimclash::article_claims(0, &article, &rules);
    });
}

// ---------------------------------------------------------------------------------------
// Messages: long values cut.

#[test]
fn messages_cut_long_values_and_long_lines() {
    let dir = corpus();
    let d = dir.path();
    let long = "x".repeat(5_000);
    std::fs::write(
        d.join("long-date.md"),
        format!("---\ndate: \"{long}\"\n---\nText.\n"),
    )
    .expect("write");
    std::fs::write(
        d.join("long-key.md"),
        format!("---\nid: [\"{long}\", {{}}]\n---\nText.\n"),
    )
    .expect("write");
    let out = run_in(d, &["check", ".", "--format", "json"]);
    for line in stderr(&out).lines() {
        assert!(
            line.chars().count() < 600,
            "{} characters: {line:.200}",
            line.len()
        );
    }
    for (_, message) in problems_of(&report_json(&out)) {
        assert!(message.chars().count() < 600, "{message:.200}");
    }
    // A rule file whose 50 KB line holds the fault: the excerpt is a window around it.
    let pack = d.join("pack");
    std::fs::create_dir(&pack).expect("mkdir");
    for (name, text) in claimclash::rules::EMBEDDED {
        std::fs::write(pack.join(name), text).expect("write");
    }
    let aliases: Vec<String> = (0..5_000).map(|i| format!("Name{i}")).collect();
    std::fs::write(
        pack.join("wide.yaml"),
        format!(
            "entities:\n  - id: {long}\n    name: W\n    kind: persn\n    aliases: [{}]\n",
            aliases.join(", ")
        ),
    )
    .expect("write");
    let out = run_in(d, &["rules", "check", "pack"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(text.contains("wide.yaml:"), "{text:.400}");
    for line in text.lines() {
        assert!(
            line.chars().count() < 600,
            "{} characters: {line:.200}",
            line.len()
        );
    }
}
