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
    #[serde(default)]
    speaker_kind: String,
    #[allow(dead_code)]
    #[serde(default)]
    source: Option<String>,
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

/// The floor of the general-claim set (`tests/attribution/general.yaml`): 54 of 90 right
/// when it became a test (29 at its first score), less a margin. The goal is 95 % too.
const GENERAL_FLOOR: f64 = 0.57;

/// Content words of a speaker's name as the general set compares them: lower case, a
/// trailing `s` off, short and function words out (all words when that leaves none).
fn name_words(name: &str) -> std::collections::BTreeSet<String> {
    const STOP: &[&str] = &[
        "the", "a", "an", "of", "with", "to", "for", "and", "on", "in", "by", "its", "his", "her",
        "their",
    ];
    let all: Vec<String> = name
        .to_lowercase()
        .split(|c: char| !c.is_ascii_lowercase())
        .filter(|w| w.len() > 2)
        .map(|w| w.trim_end_matches('s').to_string())
        .collect();
    let content: std::collections::BTreeSet<String> = all
        .iter()
        .filter(|w| !STOP.contains(&w.as_str()))
        .cloned()
        .collect();
    if content.is_empty() {
        all.into_iter().collect()
    } else {
        content
    }
}

#[test]
fn attribution_of_general_claims_on_their_own_set() {
    let text = std::fs::read_to_string(crate::root().join("tests/attribution/general.yaml"))
        .expect("the set is readable");
    let set: Set = serde_yaml::from_str(&text).expect("the set parses");
    assert!(set.items.len() >= 90, "{} items", set.items.len());
    let articles: Vec<_> = set
        .items
        .iter()
        .map(|item| {
            let doc = format!(
                "---\nid: {}\ndate: 2024-05-02\nsource: Test Desk\n---\n{}\n",
                item.id, item.text
            );
            from_text_str(&item.id, &format!("{}.txt", item.id), &doc)
                .unwrap_or_else(|p| panic!("{p}"))
        })
        .collect();
    let rules = crate::bundled_rules();
    let analysis = claimclash::analyze(&articles, &rules);
    let report: serde_json::Value =
        serde_json::from_str(&claimclash::report::json(&analysis, analysis.rules(&rules)))
            .expect("JSON");
    let claims = report["claims"].as_array().expect("claims");
    let (mut right, mut misses) = (0, Vec::new());
    for (item, article) in set.items.iter().zip(&articles) {
        let start = article
            .body
            .find(&item.claim)
            .expect("the claim is in the text");
        let span = start..start + item.claim.len();
        // The first claim whose trigger lies in the span (ids end in `:offset:predicate`).
        let claim = claims.iter().find(|c| {
            let id = c["id"].as_str().unwrap_or_default();
            c["article"] == item.id.as_str()
                && id
                    .rsplit(':')
                    .nth(1)
                    .and_then(|o| o.parse::<usize>().ok())
                    .is_some_and(|o| span.contains(&o))
        });
        let nobody = item.note.as_deref().is_some_and(|n| n.contains("nobody"));
        let got = claim.map_or("-", |c| c["speaker_name"].as_str().unwrap_or_default());
        let ok = match (claim, &item.speaker) {
            (None, _) => nobody,
            (Some(c), None) if nobody => c["stance"] == "disputes",
            (Some(c), None) => c["speaker_kind"] == "unattributed",
            (Some(_), Some(Speaker::One(want))) => {
                let said = got.split(" (via").next().unwrap_or(got);
                !name_words(want).is_disjoint(&name_words(said))
            }
            (Some(_), Some(Speaker::Many(_))) => false,
        };
        if ok {
            right += 1;
        } else {
            misses.push(format!(
                "{} ({}): want {:?}, got {got:?}",
                item.id,
                item.style,
                item.speaker_label()
            ));
        }
    }
    let accuracy = right as f64 / set.items.len() as f64;
    println!(
        "general attribution: {right} of {} right ({:.1} %)",
        set.items.len(),
        100.0 * accuracy
    );
    for m in &misses {
        println!("  {m}");
    }
    assert!(
        accuracy >= GENERAL_FLOOR,
        "general attribution fell to {:.1} %",
        100.0 * accuracy
    );
}

impl Item {
    fn speaker_label(&self) -> String {
        match &self.speaker {
            None => "nobody or the writer".into(),
            Some(Speaker::One(s)) => s.clone(),
            Some(Speaker::Many(v)) => v.join(" + "),
        }
    }
}
