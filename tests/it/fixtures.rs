//! One tiny article per behaviour; each snapshot starts with the fixture's `# expect:` line
//! so that a reviewer can check the findings against it.

use crate::{analyze, snapshot_settings};
use claimclash::Analysis;
use claimclash::rules::RuleSet;

/// A compact, readable account of what the analysis found.
fn findings(analysis: &Analysis, rules: &RuleSet) -> String {
    let mut out = String::new();
    for a in &analysis.articles {
        out.push_str(&format!(
            "article {} dated {} ({:?})\n",
            a.id,
            a.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
            a.date_basis
        ));
    }
    for c in &analysis.claims {
        // A speaker of the pack by id, one the text names in quotes with its kind, or
        // "(unattributed)"; those who make the claim with them after `+`.
        let one =
            |entity: Option<usize>, voice: &Option<claimclash::claim::Voice>| match (entity, voice)
            {
                (Some(e), _) => rules.entity_id(e).to_string(),
                (None, Some(v)) => format!("\"{}\" ({:?})", v.name, v.kind),
                (None, None) => "(unattributed)".into(),
            };
        let mut speaker = one(c.speaker, &c.voice);
        for s in &c.also {
            speaker.push_str(&format!(" + {}", one(s.entity, &s.voice)));
        }
        let when = c
            .when
            .as_ref()
            .map(|w| w.label())
            .unwrap_or_else(|| "undated".into());
        let q = c
            .quantity
            .as_ref()
            .map(|q| format!(" quantity={}", q.value))
            .unwrap_or_default();
        out.push_str(&format!(
            "claim line {}: {} says {} {} · {:?} {:?} {:?} · {when}{q}\n",
            c.line,
            speaker,
            c.subject.id(rules),
            rules.predicates[c.predicate].id,
            c.polarity,
            c.stance,
            c.modality
        ));
    }
    for k in &analysis.conflicts {
        out.push_str(&format!(
            "{:?} ({:?}) score {:.2}: line {} vs line {}\n",
            k.verdict,
            k.kind,
            k.score(&analysis.claims),
            analysis.claims[k.a].line,
            analysis.claims[k.b].line
        ));
    }
    for g in &analysis.agreements {
        out.push_str(&format!(
            "agreement: line {} and line {}\n",
            analysis.claims[g.a].line, analysis.claims[g.b].line
        ));
    }
    if analysis.claims.is_empty() {
        out.push_str("no claims\n");
    }
    out
}

#[test]
fn every_fixture() {
    insta::glob!("../fixtures", "*.md", |path| {
        let text = std::fs::read_to_string(path).expect("fixture is readable");
        let expect = text
            .lines()
            .find(|l| l.trim_start().starts_with("# expect:"))
            .unwrap_or_else(|| panic!("{} has no `# expect:` line", path.display()));
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a file name");
        let (analysis, rules, _) = analyze(&[&format!("tests/fixtures/{name}")]);
        assert!(
            analysis.problems.is_empty(),
            "{name}: {:?}",
            analysis.problems
        );
        let body = format!("{}\n{}", expect.trim(), findings(&analysis, &rules));
        snapshot_settings().bind(|| insta::assert_snapshot!(body));
    });
}
