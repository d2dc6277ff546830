//! Article parsing (text with front matter, JSONL) and the whole pipeline on what parses.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn rules() -> &'static claimclash::rules::RuleSet {
    static RULES: OnceLock<claimclash::rules::RuleSet> = OnceLock::new();
    RULES.get_or_init(|| claimclash::rules::embedded().unwrap_or_else(|d| panic!("bundled rules: {d:?}")))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for name in ["a.md", "a.jsonl", "a.txt"] {
        let (articles, _) = claimclash::article::from_named_str(name, &text);
        let analysis = claimclash::analyze(&articles, rules());
        for c in &analysis.claims {
            let body = &articles.iter().find(|a| a.info.id == analysis.articles[c.article].id).expect("claim's article").body;
            assert_eq!(&body[c.span.0..c.span.1], c.text);
        }
        let _ = claimclash::report::json(&analysis, rules());
        let _ = claimclash::report::markdown(&analysis, rules());
    }
});
