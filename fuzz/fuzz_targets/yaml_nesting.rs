//! Deeply nested YAML in front matter, rule files and `claimclash.yaml`: every reader stops
//! at the nesting cap in linear time, never panics, and the cap agrees with the parser.
//!
//! The input is a recipe rather than the text itself, so that short inputs reach deep
//! nesting: each byte is a YAML piece (brackets, braces, quotes, keys, dashes, line breaks,
//! indentation, comments, anchors), and a byte with the high bit set repeats the piece of
//! the byte after it up to 2^14 times.
#![no_main]
use libfuzzer_sys::fuzz_target;

const PIECES: &[&str] = &[
    "[", "{", "]", "}", ", ", ": ", "- ", "\n", "  ", "a", "'", "\"", "# x\n", "&a ", "*a",
    "? ", "|\n", ">\n", "\\", "k: ", "[a, ", "{k: ", "\t", "---\n", "...\n", "!!str ", "\"]\"",
    "'['", "é", "\u{1b}", "0",
];

fn recipe(data: &[u8]) -> String {
    let mut out = String::new();
    let mut bytes = data.iter();
    while let Some(&b) = bytes.next() {
        if b & 0x80 != 0 {
            let Some(&next) = bytes.next() else { break };
            let times = 1usize << (b & 0x0f).min(14);
            out.push_str(&PIECES[next as usize % PIECES.len()].repeat(times));
        } else {
            out.push_str(PIECES[b as usize % PIECES.len()]);
        }
        if out.len() > 300_000 {
            break;
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let yaml = recipe(data);
    // The cap agrees with the parser: text it lets through never reaches the parser's own
    // recursion limit (128 levels), which the cap (32) is far below.
    if claimclash::yaml::check_depth(&yaml).is_ok() {
        if let Err(e) = serde_yaml::from_str::<serde_yaml::Value>(&yaml) {
            assert!(
                !e.to_string().contains("recursion limit"),
                "check_depth passed text the parser found too deep: {e}"
            );
        }
    }
    // Front matter, a rule file and a configuration file: an answer, never a panic.
    let article = format!("---\n{yaml}\n---\nRussia said its troops were pulling back.\n");
    let _ = claimclash::article::from_text_str("fuzz", "fuzz.md", &article);
    let source = claimclash::rules::RuleSource {
        name: "fuzz.yaml".into(),
        text: yaml.clone(),
    };
    let _ = claimclash::rules::from_sources(&[source]);
    let _ = claimclash::config::from_yaml_str(
        &yaml,
        std::path::Path::new("/desk"),
        std::path::Path::new("/desk/claimclash.yaml"),
    );
});
