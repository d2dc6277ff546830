//! Measured attribution: the labelled sentences of `tests/attribution/sentences.yaml`
//! (written without looking at the rules or code; see its README), each a tiny article with
//! one target claim and who makes it; and `heldout.yaml`, a second set written apart from
//! it to check that fixes are general. Each test prints its accuracy and every miss.

use claimclash::article::from_text_str;
use serde::Deserialize;

#[derive(Deserialize)]
struct Set {
    items: Vec<Item>,
}

#[derive(Deserialize)]
struct Item {
    id: String,
    style: String,
    text: String,
    claim: String,
    speaker: Option<Speaker>,
    #[allow(dead_code)]
    speaker_kind: String,
    #[allow(dead_code)]
    #[serde(default)]
    source: Option<String>,
    #[allow(dead_code)]
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Speaker {
    One(String),
    Many(Vec<String>),
}

/// Names compared as a reader would: letter case, curly quotes and spacing aside.
fn norm(s: &str) -> String {
    s.replace(['’', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The accuracy below which the test fails: the level reached, less a margin, so that a
/// change that makes attribution worse is caught. The goal is 95 %.
const FLOOR: f64 = 0.93;

/// The floor of the held-out set (`tests/attribution/heldout.yaml`), written apart from the
/// main set to check that fixes are general: its measured level (61 % before the fixes it
/// checks, 98 % after), less a margin.
const HELDOUT_FLOOR: f64 = 0.92;

#[test]
fn attribution_accuracy_on_the_labelled_sentences() {
    let accuracy = score("sentences.yaml", "attribution", 100);
    assert!(
        accuracy >= FLOOR,
        "attribution fell to {:.1} %",
        100.0 * accuracy
    );
}

#[test]
fn attribution_accuracy_on_the_held_out_sentences() {
    let accuracy = score("heldout.yaml", "attribution (held out)", 40);
    assert!(
        accuracy >= HELDOUT_FLOOR,
        "held-out attribution fell to {:.1} %",
        100.0 * accuracy
    );
}

/// Scores one labelled set of `tests/attribution/`, printing the accuracy, the accuracy by
/// style and every miss with the reason given; returns the accuracy.
fn score(file: &str, label: &str, at_least: usize) -> f64 {
    let text = std::fs::read_to_string(crate::root().join("tests/attribution").join(file))
        .expect("the set is readable");
    let set: Set = serde_yaml::from_str(&text).expect("the set parses");
    assert!(set.items.len() >= at_least, "{} items", set.items.len());
    let rules = crate::bundled_rules();
    let mut right = 0;
    let mut misses: Vec<String> = Vec::new();
    let mut by_style: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    for item in &set.items {
        let doc = format!(
            "---\nid: {}\ndate: 2024-05-02\nsource: Test Wire\n---\n{}",
            item.id, item.text
        );
        let article = from_text_str(&item.id, "item.md", &doc).unwrap_or_else(|p| panic!("{p}"));
        let offset = article
            .body
            .find(&item.claim)
            .unwrap_or_else(|| panic!("{}: the claim is not in the text", item.id));
        let (found, how) = claimclash::claim::speakers_at(&article, &rules, offset);
        let mut want: Vec<String> = match &item.speaker {
            None => Vec::new(),
            Some(Speaker::One(s)) => vec![norm(s)],
            Some(Speaker::Many(v)) => v.iter().map(|s| norm(s)).collect(),
        };
        let mut got: Vec<String> = found.unwrap_or_default().iter().map(|s| norm(s)).collect();
        want.sort();
        got.sort();
        let e = by_style.entry(item.style.as_str()).or_default();
        e.1 += 1;
        if want == got {
            right += 1;
            e.0 += 1;
        } else {
            misses.push(format!(
                "{} ({}): want {:?}, got {:?} — {how}",
                item.id, item.style, want, got
            ));
        }
    }
    let accuracy = right as f64 / set.items.len() as f64;
    println!(
        "{label}: {right} of {} right ({:.1} %; goal 95 %)",
        set.items.len(),
        100.0 * accuracy
    );
    for (style, (r, n)) in &by_style {
        println!("  {style:<26} {r:>3} / {n}");
    }
    println!("misses:");
    for m in &misses {
        println!("  {m}");
    }
    accuracy
}
