use super::*;
use crate::article::{Article, from_text_str};

fn rules() -> RuleSet {
    crate::rules::embedded().unwrap_or_else(|d| panic!("bundled rules: {d:?}"))
}

fn article(id: &str, source: &str, body: &str) -> Article {
    let text = format!("---\nid: {id}\ndate: 2024-05-02\nsource: {source}\n---\n{body}\n");
    from_text_str(id, &format!("{id}.md"), &text).unwrap_or_else(|p| panic!("{p}"))
}

fn count(a: &crate::Analysis, v: Verdict) -> usize {
    a.disputes.iter().filter(|d| d.verdict == v).count()
}

#[test]
fn many_pairs_of_one_proposition_make_one_dispute_with_two_sides() {
    let rules = rules();
    let articles = [
        article(
            "a",
            "Wire A",
            "Lavrov said the brigades were pulling back from the border. The brigades are withdrawing, Lavrov said.",
        ),
        article(
            "b",
            "Wire B",
            "NATO said Russian troops were massing near the border. Jens Stoltenberg said Russian troops were massing near the border.",
        ),
    ];
    let a = crate::analyze(&articles, &rules);
    assert!(a.contradictions() >= 3, "{} pairs", a.contradictions());
    assert_eq!(count(&a, Verdict::Contradiction), 1);
    let d = &a.disputes[0];
    assert_eq!(d.sides.len(), 2);
    assert!(d.sides[0].affirms && !d.sides[1].affirms);
    assert_eq!(d.conflicts.len(), a.contradictions());
    // Stoltenberg speaks for NATO: one voice, one source.
    assert_eq!(d.sides[1].sources(&a.claims, &a.articles, &rules), 1);
    assert_eq!(d.sides[1].speakers(&a.claims, &a.articles).len(), 2);
}

#[test]
fn a_speaker_against_himself_is_a_revised_statement() {
    let rules = rules();
    let articles = [
        article(
            "a",
            "Wire A",
            "Lavrov said the brigades were pulling back from the border.",
        ),
        article(
            "b",
            "Wire B",
            "Lavrov said Russian troops were massing near the border.",
        ),
    ];
    let a = crate::analyze(&articles, &rules);
    assert_eq!(a.contradictions(), 1);
    assert_eq!(count(&a, Verdict::Contradiction), 0);
    assert_eq!(count(&a, Verdict::RevisedStatement), 1);
}

#[test]
fn colleagues_do_not_corroborate_each_other_but_independent_sources_do() {
    let rules = rules();
    let colleagues = [
        article(
            "a",
            "Wire A",
            "Dmitry Peskov said Russian troops were pulling back from the border.",
        ),
        article(
            "b",
            "Wire B",
            "The Kremlin said Russian troops were pulling back from the border.",
        ),
    ];
    let a = crate::analyze(&colleagues, &rules);
    assert!(a.agreements.is_empty());
    assert_eq!(count(&a, Verdict::Corroboration), 0);
    let independent = [
        article(
            "a",
            "Wire A",
            "Dmitry Peskov said Russian troops were pulling back from the border.",
        ),
        article(
            "b",
            "Wire B",
            "NATO said Russian troops were pulling back from the border.",
        ),
    ];
    let a = crate::analyze(&independent, &rules);
    assert_eq!(a.agreements.len(), 1);
    assert_eq!(count(&a, Verdict::Corroboration), 1);
    assert_eq!(a.disputes[0].agreements, vec![0]);
}

#[test]
fn ids_come_from_the_claims_not_the_order() {
    let rules = rules();
    let x = article(
        "a",
        "Wire A",
        "Lavrov said Russian troops were pulling back from the border.",
    );
    let y = article(
        "b",
        "Wire B",
        "NATO said Russian troops were massing near the border.",
    );
    let one = crate::analyze(&[x.clone(), y.clone()], &rules);
    let two = crate::analyze(&[y, x], &rules);
    assert_eq!(one.disputes, two.disputes);
    assert_eq!(
        one.disputes[0].id(&one.claims),
        two.disputes[0].id(&two.claims)
    );
    assert!(one.disputes[0].id(&one.claims).starts_with('d'));
}
