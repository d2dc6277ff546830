//! Rule-pack loading: any text is either a pack or a list of diagnostics, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let source = claimclash::rules::RuleSource { name: "fuzz.yaml".into(), text };
    if let Ok((rules, _)) = claimclash::rules::from_sources(&[source]) {
        let _ = rules.phrases.find_all("Russia said troops were pulling back from the border.");
    }
});
