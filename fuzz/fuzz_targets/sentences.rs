//! Sentence segmentation: spans tile the body on char boundaries, whatever the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let body = String::from_utf8_lossy(data);
    let sentences = claimclash::sentence::split(&body);
    let mut at = 0;
    for s in &sentences {
        assert_eq!(s.span.0, at);
        assert!(body.is_char_boundary(s.span.1) && body.is_char_boundary(s.text.0) && body.is_char_boundary(s.text.1));
        assert!(s.span.0 <= s.text.0 && s.text.0 <= s.text.1 && s.text.1 <= s.span.1);
        at = s.span.1;
    }
    assert_eq!(at, body.len());
});
