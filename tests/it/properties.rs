//! Property tests: segmentation tiles any body on char boundaries, spans move with the
//! text, and no parser panics on arbitrary input.

use proptest::prelude::*;
use std::sync::OnceLock;

fn rules() -> &'static claimclash::rules::RuleSet {
    static RULES: OnceLock<claimclash::rules::RuleSet> = OnceLock::new();
    RULES.get_or_init(crate::bundled_rules)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn sentences_tile_the_body(body in "\\PC{0,400}") {
        let sentences = claimclash::sentence::split(&body);
        let mut at = 0;
        for s in &sentences {
            prop_assert_eq!(s.span.0, at);
            prop_assert!(body.is_char_boundary(s.span.0) && body.is_char_boundary(s.span.1));
            prop_assert!(s.text.0 >= s.span.0 && s.text.1 <= s.span.1 && s.text.0 <= s.text.1);
            prop_assert!(body.is_char_boundary(s.text.0) && body.is_char_boundary(s.text.1));
            at = s.span.1;
        }
        prop_assert_eq!(at, body.len());
    }

    #[test]
    fn newsy_text_tiles_too(words in prop::collection::vec(prop::sample::select(vec!["Russia", "said", "U.S.", "Mr.", "“We", "are.”", "3:35", "p.m.", "Dec.", "7", "...", "—", "\n\n", "\r\n", "troops", "Why?", "No.", "2"]), 0..80)) {
        let body = words.join(" ");
        let sentences = claimclash::sentence::split(&body);
        let covered: usize = sentences.iter().map(|s| s.span.1 - s.span.0).sum();
        prop_assert_eq!(covered, body.len());
    }

    #[test]
    fn spans_shift_with_the_text(body in "[A-Za-z ,.!?\"“”'\n]{0,300}") {
        let shifted = format!("Intro line here.\n\n{body}");
        let shift = shifted.len() - body.len();
        let a = claimclash::sentence::split(&body);
        let b = claimclash::sentence::split(&shifted);
        let a_texts: Vec<(usize, usize)> = a.iter().filter(|s| s.text.0 < s.text.1).map(|s| (s.text.0 + shift, s.text.1 + shift)).collect();
        let b_texts: Vec<(usize, usize)> = b.iter().filter(|s| s.text.0 < s.text.1 && s.text.0 >= shift).map(|s| s.text).collect();
        prop_assert_eq!(a_texts, b_texts);
    }

    #[test]
    fn article_parsers_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = claimclash::article::from_named_str("x.md", &text);
        let _ = claimclash::article::from_named_str("x.jsonl", &text);
        let _ = claimclash::article::from_named_str("x.txt", &format!("---\n{text}\n---\nBody."));
    }

    #[test]
    fn rule_loading_never_panics(text in "\\PC{0,300}") {
        let _ = claimclash::rules::from_sources(&[claimclash::rules::RuleSource { name: "x.yaml".into(), text }]);
    }

    #[test]
    fn the_pipeline_never_panics(body in "[A-Za-z0-9 ,.;:!?\"“”'’()—\n-]{0,500}") {
        let rules = rules();
        let article = claimclash::article::from_text_str("p", "p", &format!("---\ndate: 2024-05-02\n---\nRussia said troops were pulling back. {body}"));
        if let Ok(article) = article {
            let analysis = claimclash::analyze(std::slice::from_ref(&article), rules);
            for c in &analysis.claims {
                prop_assert_eq!(&article.body[c.span.0..c.span.1], c.text.as_str());
            }
        }
    }
}
