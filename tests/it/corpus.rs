//! The sample corpus: its reports are snapshots, and every claim quotes its article exactly.

use crate::{analyze, snapshot_settings};
use claimclash::conflict::Verdict;
use claimclash::report;

#[test]
fn markdown_report_of_the_corpus() {
    let (analysis, rules, _) = analyze(&["tests/corpus"]);
    snapshot_settings()
        .bind(|| insta::assert_snapshot!("corpus_markdown", report::markdown(&analysis, &rules)));
}

#[test]
fn json_report_of_the_corpus() {
    let (analysis, rules, _) = analyze(&["tests/corpus"]);
    let text = report::json(&analysis, &rules);
    let json: serde_json::Value = serde_json::from_str(&text).expect("the report is JSON");
    assert_eq!(json["schema"], "claimclash.report/1");
    // The text itself, in the order users get it.
    snapshot_settings().bind(|| insta::assert_snapshot!("corpus_json", text));
}

#[test]
fn claims_quote_their_sentence_exactly() {
    let (analysis, _, articles) = analyze(&["tests/corpus"]);
    assert!(analysis.claims.len() >= 20, "the corpus yields claims");
    for c in &analysis.claims {
        let info = &analysis.articles[c.article];
        let article = articles
            .iter()
            .find(|a| a.info.id == info.id)
            .expect("the claim's article");
        assert_eq!(&article.body[c.span.0..c.span.1], c.text, "claim {}", c.id);
        assert!(!c.text.starts_with(char::is_whitespace) && !c.text.ends_with(char::is_whitespace));
    }
}

#[test]
fn the_corpus_holds_every_kind_of_finding() {
    let (analysis, rules, _) = analyze(&["tests/corpus"]);
    let kinds: std::collections::BTreeSet<String> = analysis
        .conflicts
        .iter()
        .map(|k| format!("{:?}/{:?}", k.verdict, k.kind))
        .collect();
    for want in [
        "Contradiction/Dispute",
        "Contradiction/Negation",
        "Contradiction/Opposite",
        "Contradiction/Quantity",
        "ChangedOverTime/Opposite",
    ] {
        assert!(kinds.contains(want), "no {want} in {kinds:?}");
    }
    assert!(!analysis.agreements.is_empty());
    // The two calls weeks apart are different events, never a contradiction.
    let feb_call = analysis.conflicts.iter().any(|k| {
        k.verdict == Verdict::Contradiction
            && [k.a, k.b].iter().any(|&i| {
                analysis.articles[analysis.claims[i].article].id == "eastbridge-february-call"
                    && rules.predicates[analysis.claims[i].predicate].id == "talks-lasted"
            })
    });
    assert!(
        !feb_call,
        "the February call was set against the March call"
    );
}

#[test]
fn dot_and_csv_of_the_corpus() {
    let (analysis, rules, _) = analyze(&["tests/corpus"]);
    let dot = report::dot(&analysis, &rules);
    assert!(dot.starts_with("digraph claimclash {") && dot.ends_with("}\n"));
    assert_eq!(
        dot.matches('{').count(),
        dot.matches('}').count(),
        "braces balance"
    );
    snapshot_settings().bind(|| insta::assert_snapshot!("corpus_dot", dot));
    let csv = report::csv(&analysis, &rules);
    assert_eq!(
        csv.lines().count(),
        analysis.conflicts.len() + 1,
        "one row per conflict (no cell holds a line break)"
    );
    snapshot_settings().bind(|| insta::assert_snapshot!("corpus_csv", csv));
}

#[test]
fn articles_of_different_cases_are_never_compared() {
    let rules = crate::bundled_rules();
    let mut articles = crate::load(&["tests/corpus"]).articles;
    let plain = claimclash::analyze(&articles, &rules);
    let across = |a: &claimclash::Analysis| {
        let pairs = a.conflicts.iter().map(|k| (k.a, k.b));
        pairs
            .chain(a.agreements.iter().map(|g| (g.a, g.b)))
            .filter(|&(x, y)| a.claims[x].article != a.claims[y].article)
            .count()
    };
    assert!(
        across(&plain) > 0,
        "the corpus has findings across articles"
    );

    // One case for all is the same as none.
    for a in &mut articles {
        a.info.case = Some("one".into());
    }
    let together = claimclash::analyze(&articles, &rules);
    assert_eq!(together.conflicts, plain.conflicts);
    assert_eq!(together.agreements, plain.agreements);

    // A case each: only findings inside one article remain, and all of those do.
    for (n, a) in articles.iter_mut().enumerate() {
        a.info.case = Some(format!("case {n}"));
    }
    let apart = claimclash::analyze(&articles, &rules);
    assert_eq!(across(&apart), 0);
    let within = |a: &claimclash::Analysis| {
        a.conflicts
            .iter()
            .filter(|k| a.claims[k.a].article == a.claims[k.b].article)
            .map(|k| (a.claims[k.a].id.clone(), a.claims[k.b].id.clone()))
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(within(&apart), within(&plain));
}
