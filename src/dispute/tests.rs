use super::*;
use crate::article::{Article, from_text_str};

/// The bundled pack with invented entities over it.
fn rules() -> RuleSet {
    crate::rules::with_invented_entities().clone()
}

fn article(id: &str, source: &str, body: &str) -> Article {
    let text = format!("---\nid: {id}\ndate: 2024-05-02\nsource: {source}\n---\n{body}\n");
    from_text_str(id, &format!("{id}.md"), &text).unwrap_or_else(|p| panic!("{p}"))
}

/// Article `a` of Wire A and article `b` of Wire B, on one day.
fn two(a: &str, b: &str) -> [Article; 2] {
    [article("a", "Wire A", a), article("b", "Wire B", b)]
}

fn count(a: &crate::Analysis, v: Verdict) -> usize {
    a.disputes.iter().filter(|d| d.verdict == v).count()
}

#[test]
fn many_pairs_of_one_proposition_make_one_dispute_with_two_sides() {
    let rules = rules();
    let a = crate::analyze(
        &two(
            "Ivanova said the brigades were pulling back from the border. The brigades are withdrawing, Ivanova said.",
            "The League said Ruritanian troops were massing near the border. Jon Alder said Ruritanian troops were massing near the border.",
        ),
        &rules,
    );
    assert!(a.contradictions() >= 3, "{} pairs", a.contradictions());
    assert_eq!(count(&a, Verdict::Contradiction), 1);
    let d = &a.disputes[0];
    assert_eq!(d.sides.len(), 2);
    assert!(d.sides[0].affirms && !d.sides[1].affirms);
    assert_eq!(d.conflicts.len(), a.contradictions());
    // Alder speaks for the League: one voice, one source.
    assert_eq!(d.sides[1].sources(&a.claims, &a.articles, &rules), 1);
    assert_eq!(d.sides[1].speakers(&a.claims, &a.articles).len(), 2);
}

/// Two articles, and what their analysis must hold: the pairs, and how many disputes of
/// each verdict.
struct Case {
    what: &'static str,
    a: &'static str,
    b: &'static str,
    contradictions: usize,
    agreements: usize,
    disputes: &'static [(Verdict, usize)],
}

const CASES: &[Case] = &[
    Case {
        what: "a speaker against himself is a revised statement",
        a: "Ivanova said the brigades were pulling back from the border.",
        b: "Ivanova said Ruritanian troops were massing near the border.",
        contradictions: 1,
        agreements: 0,
        disputes: &[(Verdict::Contradiction, 0), (Verdict::RevisedStatement, 1)],
    },
    Case {
        what: "colleagues do not corroborate each other",
        a: "Petr Hale said Ruritanian troops were pulling back from the border.",
        b: "The Palace said Ruritanian troops were pulling back from the border.",
        contradictions: 0,
        agreements: 0,
        disputes: &[(Verdict::Corroboration, 0)],
    },
    Case {
        what: "independent sources corroborate each other",
        a: "Petr Hale said Ruritanian troops were pulling back from the border.",
        b: "The League said Ruritanian troops were pulling back from the border.",
        contradictions: 0,
        agreements: 1,
        disputes: &[(Verdict::Corroboration, 1)],
    },
];

#[test]
fn each_pair_of_articles_makes_its_disputes() {
    let rules = rules();
    for c in CASES {
        let a = crate::analyze(&two(c.a, c.b), &rules);
        assert_eq!(a.contradictions(), c.contradictions, "{}", c.what);
        assert_eq!(a.agreements.len(), c.agreements, "{}", c.what);
        for &(verdict, n) in c.disputes {
            assert_eq!(count(&a, verdict), n, "{}: {verdict:?}", c.what);
        }
        // Every agreement is folded into a dispute, in order.
        let folded: Vec<usize> = a
            .disputes
            .iter()
            .flat_map(|d| d.agreements.clone())
            .collect();
        assert_eq!(folded, (0..c.agreements).collect::<Vec<_>>(), "{}", c.what);
    }
}

#[test]
fn ids_come_from_the_claims_not_the_order() {
    let rules = rules();
    let [x, y] = two(
        "Ivanova said Ruritanian troops were pulling back from the border.",
        "The League said Ruritanian troops were massing near the border.",
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
