//! The line protocol: `map | LC_ALL=C sort -t$'\t' -k1,1 -s | reduce | assemble` gives the
//! bytes of `check` in every format, whatever the partitions, their order and the threads;
//! hot blocks split into tiles keep every pair once. Run as a user would, through bash.

use std::path::{Path, PathBuf};
use std::process::Command;

const FORMATS: [&str; 5] = ["markdown", "json", "html", "csv", "dot"];

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_claimclash")
}

/// Runs a bash pipeline in the package root; `$CC` is the binary. Returns standard output,
/// and fails the test on any exit code but 0 and 1 (findings).
fn bash(script: &str) -> Vec<u8> {
    let out = Command::new("bash")
        .args(["-euo", "pipefail", "-c", script])
        .env("CC", bin())
        .env("LC_ALL", "C")
        .current_dir(crate::root())
        .output()
        .expect("bash runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{script}: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// A JSON-lines copy of a folder of articles (id, title, date, source, url, case, text).
pub fn as_jsonl(dir: &str, to: &Path) {
    let loaded = crate::load(&[dir]);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let mut text = String::new();
    for a in &loaded.articles {
        let i = &a.info;
        let date = (i.date_basis == claimclash::article::DateBasis::Given)
            .then(|| i.date.map(|d| d.to_string()))
            .flatten();
        let line = serde_json::json!({
            "id": i.id, "title": i.title, "date": date, "source": i.source,
            "url": i.url, "case": i.case, "text": a.body,
        });
        text.push_str(&line.to_string());
        text.push('\n');
    }
    std::fs::write(to, text).expect("JSON lines written");
}

/// `check` and the pipeline on one JSONL file agree byte for byte in every format; `map`
/// may be cut into parts. `rules` is added to every step, `general` (`--general on|off`,
/// or nothing for the default) to `check` and `map`. The parts are mapped apart and
/// concatenated last part first; the map's lines and the reduce's are shuffled (seeded by
/// the input's bytes), so neither the order inside a group nor the order `assemble` reads
/// in is the order they were written in.
fn assert_same(file: &Path, rules: &str, general: &str, parts: usize, formats: &[&str]) {
    let f = file.display();
    let lines = std::fs::read_to_string(file)
        .expect("input")
        .lines()
        .count();
    let per = lines.div_ceil(parts).max(1);
    let mut map = String::from("{ ");
    for p in (0..parts).rev() {
        let first = p * per + 1;
        map.push_str(&format!(
            "sed -n '{first},{}p' '{f}' | \"$CC\" map --name '{f}' --first-line {first} --jobs {} {rules} {general}; ",
            first + per - 1,
            1 + p % 2
        ));
    }
    map.push('}');
    let shuffle = format!("shuf --random-source='{f}'");
    let mapped = bash(&format!(
        "{map} | {shuffle} | sort -t$'\\t' -k1,1 -s | \"$CC\" reduce {rules} | {shuffle}"
    ));
    let dir = tempfile::tempdir().expect("tempdir");
    let reduced = dir.path().join("reduced");
    std::fs::write(&reduced, &mapped).expect("reduce output");
    for &format in formats {
        let check = bash(&format!(
            "\"$CC\" check '{f}' --format {format} --color never {rules} {general}"
        ));
        let assembled = bash(&format!(
            "\"$CC\" assemble --format {format} --color never {rules} < '{}'",
            reduced.display()
        ));
        assert!(!check.is_empty());
        assert!(
            check == assembled,
            "{format} of {f} differs between check and map | sort | reduce | assemble ({parts} parts, {general:?})"
        );
    }
}

/// How many claims of a JSON report the language layer read, and the sentences it read.
fn general_share(file: &Path, general: &str) -> (usize, u64) {
    let report = bash(&format!(
        "\"$CC\" check '{}' --format json {general}",
        file.display()
    ));
    let json: serde_json::Value = serde_json::from_slice(&report).expect("JSON");
    let claims = json["claims"].as_array().expect("claims");
    let general_claims = claims.iter().filter(|c| c["source"] == "general").count();
    let read = json["coverage"]["general_sentences_read"]
        .as_u64()
        .expect("coverage");
    (general_claims, read)
}

#[test]
fn the_pipeline_gives_the_bytes_of_check_on_the_sample_corpus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("corpus.jsonl");
    as_jsonl("tests/corpus", &file);
    assert_same(&file, "", "", 3, &FORMATS);
    for parts in [1, 5] {
        assert_same(&file, "", "", parts, &["json"]);
    }
}

#[test]
fn the_pipeline_gives_the_bytes_of_check_with_general_claims_off() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("corpus.jsonl");
    as_jsonl("tests/corpus", &file);
    // The two runs differ, so each equality says something of its own.
    let (on, read_on) = general_share(&file, "");
    let (off, read_off) = general_share(&file, "--general off");
    assert!(
        on > 0 && read_on > 0,
        "{on} general claims, {read_on} sentences"
    );
    assert_eq!((off, read_off), (0, 0));
    assert_same(&file, "", "--general off", 2, &FORMATS);
}

#[test]
fn the_pipeline_gives_the_bytes_of_check_on_fnc1() {
    // The shared folder sits beside the clone in CI; CLAIMCLASH_SHARED names another.
    let shared = std::env::var_os("CLAIMCLASH_SHARED")
        .map_or_else(|| crate::root().join("../shared"), PathBuf::from);
    let file = shared.join("data/fnc1/articles.jsonl");
    if !file.exists() {
        eprintln!("skipped: {} is not beside the clone", file.display());
        return;
    }
    let (general, _) = general_share(&file, "");
    assert!(general > 1000, "{general} general claims");
    assert_same(&file, "", "", 2, &FORMATS);
    assert_same(&file, "", "--general off", 3, &["json"]);
}

#[test]
fn bad_lines_are_problems_at_their_line_of_the_whole_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("bad.jsonl");
    as_jsonl("tests/corpus", &file);
    let mut text = std::fs::read_to_string(&file).expect("input");
    text.insert_str(
        text.find('\n').expect("a line") + 1,
        "{\"id\": 1}\n\nnot json\n",
    );
    let dup = text.lines().nth(4).expect("a fifth line").to_string();
    text.push_str(&dup.replace("\"text\":\"", "\"text\":\"Other words. "));
    text.push('\n');
    std::fs::write(&file, text).expect("written");
    assert_same(&file, "", "", 3, &["markdown", "json"]);
    let report = bash(&format!("\"$CC\" check '{}' --format json", file.display()));
    let json: serde_json::Value = serde_json::from_slice(&report).expect("JSON");
    let lines: Vec<u64> = json["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|p| p["line"].as_u64())
        .collect();
    // The article left out for its taken id is named at its line too.
    assert_eq!(lines, [2, 4, 5], "{}", json["problems"]);
}

/// `n` one-sentence articles about one subject and family, over ten years, one in three
/// denying what the others say.
fn hot_subject(n: usize, to: &Path) {
    use std::io::Write;
    let file = std::fs::File::create(to).expect("created");
    let mut w = std::io::BufWriter::new(file);
    let start = jiff::civil::date(2015, 1, 1);
    for i in 0..n {
        let day = start
            .checked_add(jiff::Span::new().days(((i * 7919) % 3650) as i64))
            .expect("a day");
        let not = if i % 3 == 0 { "not " } else { "" };
        writeln!(
            w,
            "{{\"id\":\"h{i}\",\"date\":\"{day}\",\"source\":\"Wire {}\",\"text\":\"Russian troops were {not}pulling back from the border.\"}}",
            i % 50
        )
        .expect("written");
    }
    w.flush().expect("flushed");
}

/// The bundled pack with a block bound of `bound` claims and `pairs` partners per claim.
fn pack_with(bound: usize, pairs: usize, dir: &Path) -> PathBuf {
    let rules = dir.join("rules");
    std::fs::create_dir(&rules).expect("rules folder");
    for entry in std::fs::read_dir(crate::root().join("claims")).expect("claims") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).expect("rule file");
            let text = text
                .replace(
                    "max_block_claims: 200000",
                    &format!("max_block_claims: {bound}"),
                )
                .replace(
                    "max_pairs_per_claim: 20",
                    &format!("max_pairs_per_claim: {pairs}"),
                );
            std::fs::write(rules.join(path.file_name().expect("name")), text).expect("copy");
        }
    }
    rules
}

#[test]
fn a_hot_block_split_into_tiles_gives_the_bytes_of_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("hot.jsonl");
    hot_subject(3000, &file);
    let rules = pack_with(400, 20, dir.path());
    let flag = format!("--rules '{}'", rules.display());
    assert_same(&file, &flag, "", 2, &["json"]);
    // Through `tile` too: the counts of a first pass spread the block over 28 tiles, each
    // reduced alone, and the report is the same.
    let f = file.display();
    let tiled = bash(&format!(
        "\"$CC\" map --name '{f}' {flag} < '{f}' > {d}/m; grep -v '^#' {d}/m | cut -f1 | sort | uniq -c | awk '{{print $2\"\\t\"$1}}' > {d}/counts; \
         \"$CC\" tile --counts {d}/counts {flag} < {d}/m | sort -t$'\\t' -k1,1 -s > {d}/t; \
         cut -f1 {d}/t | grep -c '|t=' > {d}/tiles; cut -f1 {d}/t | grep '|t=' | sort -u | wc -l >> {d}/tiles; \
         \"$CC\" reduce {flag} < {d}/t | \"$CC\" assemble --format json {flag}",
        d = dir.path().display()
    ));
    let check = bash(&format!("\"$CC\" check '{f}' --format json {flag}"));
    assert!(tiled == check, "tiled reduce differs from check");
    let tiles = std::fs::read_to_string(dir.path().join("tiles")).expect("tile counts");
    // 3,000 claims over a bound of 400: 8 chunks, 36 tiles; each claim in 8 of them.
    assert_eq!(
        tiles.split_whitespace().collect::<Vec<_>>(),
        ["24000", "36"]
    );
}

#[test]
fn tiles_find_every_pair_of_a_block_once() {
    // 30 claims in 3 chunks, each claim with at most 29 partners, room for 34 in each tile
    // and 216 neighbours looked at: no bound bites, so the tiles must find exactly the pairs
    // of the whole block, none twice.
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("hot.jsonl");
    hot_subject(30, &file);
    let pairs = |bound: usize| -> Vec<(String, String, String)> {
        let sub = dir.path().join(format!("b{bound}"));
        std::fs::create_dir(&sub).expect("folder");
        let rules = pack_with(bound, 100, &sub);
        let report = bash(&format!(
            "\"$CC\" map --rules '{r}' < '{f}' | sort -t$'\\t' -k1,1 -s | \"$CC\" reduce --rules '{r}' | \"$CC\" assemble --format json --rules '{r}'",
            r = rules.display(),
            f = file.display()
        ));
        let json: serde_json::Value = serde_json::from_slice(&report).expect("JSON");
        let mut found: Vec<(String, String, String)> = ["conflicts", "agreements"]
            .iter()
            .flat_map(|list| json[list].as_array().cloned().unwrap_or_default())
            .map(|k| {
                (
                    k["verdict"].as_str().unwrap_or("agreement").to_string(),
                    k["a"].to_string(),
                    k["b"].to_string(),
                )
            })
            .collect();
        found.sort();
        found
    };
    let whole = pairs(1000);
    let tiled = pairs(10);
    assert!(whole.len() > 100, "{} pairs", whole.len());
    let mut unique = tiled.clone();
    unique.dedup();
    assert_eq!(unique.len(), tiled.len(), "a pair found twice");
    assert!(
        whole == tiled,
        "{} pairs whole, {} tiled",
        whole.len(),
        tiled.len()
    );
}

/// The acceptance figure: a hot subject of a million claims through `map | sort | reduce`
/// gives the findings of `check`. Its JSON reports are 4.6 GB each, so they are compared by
/// digest. About 15 minutes on 2 busy cores in a release build: CI runs
/// it (`cargo test --release --test it -- --ignored a_million`).
#[test]
#[ignore]
fn a_million_claims_of_one_subject_through_the_pipeline_give_the_findings_of_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("hot.jsonl");
    hot_subject(1_000_000, &file);
    let f = file.display();
    let d = dir.path().display();
    bash(&format!(
        "\"$CC\" check '{f}' --format json --fail-on never --output {d}/check.json; \
         head -c 4000 {d}/check.json > {d}/head; sha256sum < {d}/check.json > {d}/check; rm {d}/check.json; \
         \"$CC\" map --name '{f}' < '{f}' | sort -S 1G -T {d} -t$'\\t' -k1,1 -s | \"$CC\" reduce > {d}/r; \
         tail -n 1 {d}/r > {d}/stats; \"$CC\" assemble --format json --fail-on never < {d}/r | sha256sum > {d}/pipe"
    ));
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).expect(name);
    let stats = read("stats");
    assert!(stats.contains("\"max_group\":1000000"), "{stats}");
    let head = read("head");
    assert!(head.contains("\"claims\": 1000000,"), "{head}");
    assert!(head.contains("\"contradictions\": ") && !head.contains("\"contradictions\": 0,"));
    assert_eq!(read("check"), read("pipe"), "the reports differ");
}
