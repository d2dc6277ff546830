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
fn the_pair_listing_has_a_card_per_pair() {
    let (analysis, rules, _) = analyze(&["tests/corpus"]);
    let text = report::markdown_pairs(&analysis, &rules);
    for k in &analysis.conflicts {
        assert!(text.contains(&format!("`{}`", k.id(&analysis.claims))));
    }
    for g in &analysis.agreements {
        assert!(text.contains(&format!("`{}`", g.id(&analysis.claims))));
    }
    let cards = text.matches("\n- **A** ").count();
    assert_eq!(cards, analysis.conflicts.len() + analysis.agreements.len());
}

/// One card per proposition: how many, how many sentences the largest folds, and that no
/// card sets a speaker against himself nor counts colleagues as independent sources.
#[test]
fn disputes_of_the_corpus() {
    use claimclash::dispute::{Verdict, Who};
    let (a, rules, _) = analyze(&["tests/corpus"]);
    let count = |v: Verdict| a.disputes.iter().filter(|d| d.verdict == v).count();
    let largest = a.disputes.iter().map(|d| d.sentences(&a.claims)).max();
    println!(
        "tests/corpus: {} disputes ({} contradicting pairs), {} changed over time, {} revised statements, {} corroborations; the largest card folds {} sentences",
        count(Verdict::Contradiction),
        a.contradictions(),
        count(Verdict::ChangedOverTime),
        count(Verdict::RevisedStatement),
        count(Verdict::Corroboration),
        largest.unwrap_or(0)
    );
    assert!(
        count(Verdict::Contradiction) < a.contradictions() / 4,
        "pairs are folded"
    );
    // Every pair is folded into exactly one finding.
    let mut folded = vec![0; a.conflicts.len()];
    for d in &a.disputes {
        for &k in &d.conflicts {
            folded[k] += 1;
        }
    }
    assert!(folded.iter().all(|&n| n == 1), "{folded:?}");
    for d in &a.disputes {
        let who: Vec<Vec<Who>> = d
            .sides
            .iter()
            .map(|s| s.speakers(&a.claims, &a.articles))
            .collect();
        match d.verdict {
            Verdict::RevisedStatement => {
                assert!(d.conflicts.iter().all(|&k| {
                    let p = &a.conflicts[k];
                    Who::of(&a.claims[p.a], &a.articles) == Who::of(&a.claims[p.b], &a.articles)
                }));
            }
            _ => {
                for &k in &d.conflicts {
                    let p = &a.conflicts[k];
                    assert_ne!(
                        Who::of(&a.claims[p.a], &a.articles),
                        Who::of(&a.claims[p.b], &a.articles),
                        "a speaker set against himself in {}",
                        d.id(&a.claims)
                    );
                }
                for (x, sx) in who.iter().enumerate() {
                    for sy in &who[x + 1..] {
                        assert!(
                            sx.iter().all(|w| !sy.contains(w)),
                            "a speaker on two sides of {}",
                            d.id(&a.claims)
                        );
                    }
                }
            }
        }
    }
    for g in &a.agreements {
        let (x, y) = (
            Who::of(&a.claims[g.a], &a.articles).voice(&rules),
            Who::of(&a.claims[g.b], &a.articles).voice(&rules),
        );
        assert_ne!(x, y, "an agreement within one voice");
    }
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
    let rows: usize = analysis
        .disputes
        .iter()
        .flat_map(|d| &d.sides)
        .map(|s| s.claims.len())
        .sum();
    assert_eq!(
        csv.lines().count(),
        rows + 1,
        "one row per claim of a finding (no cell holds a line break)"
    );
    snapshot_settings().bind(|| insta::assert_snapshot!("corpus_csv", csv));
    let pairs = report::csv_pairs(&analysis, &rules);
    assert_eq!(
        pairs.lines().count(),
        analysis.conflicts.len() + 1,
        "with --group pairs, one row per conflict"
    );
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
