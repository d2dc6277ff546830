//! General claims: findings that need no beat rule, read through the language layer, and
//! the switch that turns them off. Invented articles on a beat the bundled pack does not know.

use claimclash::article::Article;
use claimclash::conflict::{Kind, Verdict};

fn article(id: &str, date: &str, text: &str) -> Article {
    let src = format!("---\nid: {id}\ndate: {date}\nsource: {id} desk\n---\n{text}\n");
    claimclash::article::from_text_str(id, &format!("{id}.md"), &src)
        .expect("a well-formed test article")
}

fn kinds(articles: &[Article], general: bool) -> Vec<(Verdict, Kind)> {
    let rules = crate::bundled_rules();
    let mut p = claimclash::Pipeline::new(&rules).with_general(general);
    p.add(articles.to_vec());
    let a = p.finish();
    a.conflicts.iter().map(|k| (k.verdict, k.kind)).collect()
}

#[test]
fn a_rejection_of_allegations_disputes_them_without_any_beat_rule() {
    let corpus = [
        article(
            "g1",
            "2024-04-02",
            "The tenants' association accused Dunmore Haulage of ignoring repairs at its riverside blocks.",
        ),
        article(
            "g2",
            "2024-04-02",
            "Dunmore Haulage rejected the allegations.",
        ),
    ];
    assert_eq!(
        kinds(&corpus, true),
        vec![(Verdict::Contradiction, Kind::Dispute)]
    );
    // Off, only beat claims are read, and the pack knows nothing of this beat.
    assert!(kinds(&corpus, false).is_empty());
}

#[test]
fn a_clause_and_its_denial_contradict_but_a_clause_that_says_more_does_not() {
    let denied = [
        article(
            "g3",
            "2024-04-02",
            "Dunmore Haulage closed the riverside office.",
        ),
        article(
            "g4",
            "2024-04-02",
            "Dunmore Haulage did not close the riverside office.",
        ),
    ];
    assert_eq!(
        kinds(&denied, true),
        vec![(Verdict::Contradiction, Kind::Negation)]
    );
    // The second says something else of another office: no finding.
    let other = [
        article(
            "g5",
            "2024-04-02",
            "Dunmore Haulage closed the riverside office.",
        ),
        article(
            "g6",
            "2024-04-02",
            "Dunmore Haulage did not close the hillside office in Marrow.",
        ),
    ];
    assert!(kinds(&other, true).is_empty());
}
