//! Tokens: splits one sentence into words the way UD English EWT does, as byte spans.
//!
//! The tagger in [`crate::tags`] is trained on EWT's syntactic words, so the tokens must cut
//! where EWT cuts: punctuation apart, clitics apart ("do|n't", "ca|n't", "wo|n't", "it|'s",
//! "parents|'"), "$|5", "5|%", "10|am", hyphenated compounds apart ("well|-|known") unless
//! the first part is a prefix ("e-mail", "non-profit"), while abbreviations ("U.S.",
//! "Mr."), numbers ("1,500", "3.5", "5:30", "9/11"), ordinals, phone numbers, URLs and
//! e-mail addresses stay whole. A token is a byte span of the body, never a copy, so a
//! contraction's parts are plain substrings.
//!
//! One pass over the characters with a bounded look-around at each connector (no regex), so
//! the cost is linear in the sentence whatever it holds.

/// One token: absolute byte offsets into the body, `body[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    /// The token's text in the body it was cut from.
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        body.get(self.start..self.end).unwrap_or("")
    }
}

/// Tokens of the sentence `body[start..end]`. Offsets out of range or inside a character are
/// moved down to the nearest boundary rather than panicking.
pub fn tokenize(body: &str, start: usize, end: usize) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(body, start, end, &mut out);
    out
}

/// [`tokenize`] into a buffer that is cleared first, to reuse its allocation.
pub fn tokenize_into(body: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    out.clear();
    let end = floor_boundary(body, end.min(body.len()));
    let start = floor_boundary(body, start.min(end));
    let sentence = &body[start..end];
    let mut chunk_start = None;
    for (i, c) in sentence.char_indices() {
        match (c.is_whitespace(), chunk_start) {
            (true, Some(s)) => {
                split_chunk(sentence, s, i, start, out);
                chunk_start = None;
            }
            (false, None) => chunk_start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = chunk_start {
        split_chunk(sentence, s, sentence.len(), start, out);
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Appends tokens for tokens as spans relative to `text`, shifted by `base`.
struct Sink<'o> {
    base: usize,
    out: &'o mut Vec<Token>,
}

impl Sink<'_> {
    fn push(&mut self, start: usize, end: usize) {
        if start < end {
            self.out.push(Token {
                start: self.base + start,
                end: self.base + end,
            });
        }
    }
}

/// Splits one run of non-space characters `text[from..to]`.
fn split_chunk(text: &str, from: usize, to: usize, base: usize, out: &mut Vec<Token>) {
    let mut sink = Sink { base, out };
    let chunk = &text[from..to];
    // A URL or address is found on the whole chunk, before punctuation could cut it.
    let core_start = chunk.len() - chunk.trim_start_matches(OPENERS).len();
    let core_end = chunk.trim_end_matches(CLOSERS).len().max(core_start);
    let core = &chunk[core_start..core_end];
    if is_url_or_email(core) {
        scan(text, from, from + core_start, &mut sink);
        sink.push(from + core_start, from + core_end);
        scan(text, from + core_end, to, &mut sink);
    } else {
        scan(text, from, to, &mut sink);
    }
}

const OPENERS: &[char] = &['(', '[', '{', '<', '"', '\'', '\u{201c}', '\u{2018}', '`'];
const CLOSERS: &[char] = &[
    '.', ',', ';', ':', '!', '?', ')', ']', '}', '>', '"', '\'', '\u{201d}', '\u{2019}',
];

fn is_url_or_email(core: &str) -> bool {
    let lower_prefix = |p: &str| {
        core.len() > p.len()
            && core
                .get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
    };
    if lower_prefix("http://") || lower_prefix("https://") || lower_prefix("www.") {
        return true;
    }
    if let Some(at) = core.find('@') {
        let (user, domain) = (&core[..at], &core[at + 1..]);
        return !user.is_empty() && is_domain(domain);
    }
    is_domain(core.split('/').next().unwrap_or(core))
}

/// "example.com", "news.bbc.co.uk": dot-separated labels ending in a known top-level domain,
/// written in lower case, so that "end.Next" or "ended.In" (a missing space) is not taken for
/// one.
fn is_domain(s: &str) -> bool {
    const TLDS: &[&str] = &[
        "com", "org", "net", "gov", "edu", "int", "mil", "info", "biz", "io", "co", "uk", "us",
        "ca", "au", "de", "fr", "ru", "cn", "jp", "in", "eu", "tv", "me", "ly", "news", "html",
        "htm", "pdf", "php", "aspx",
    ];
    let Some((head, tld)) = s.rsplit_once('.') else {
        return false;
    };
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
    };
    head.len() >= 2 && label_ok(head) && !head.ends_with('.') && TLDS.contains(&tld)
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

/// A character that can begin a run of a word.
fn starts_run(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_word_char(c: char) -> bool {
    starts_run(c) || is_mark(c)
}

/// Combining marks stay with the letter before them ("é" written as e + U+0301).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036f}' | '\u{200d}' | '\u{fe0f}')
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Tokens of `text[from..to]`, a chunk without white space: words and punctuation.
fn scan(text: &str, from: usize, to: usize, sink: &mut Sink) {
    let chunk = &text[..to];
    let mut i = from;
    while i < to {
        let Some(c) = char_at(chunk, i) else { break };
        let starts_word = starts_run(c)
            || (c == '.' && char_at(chunk, i + 1).is_some_and(|d| d.is_ascii_digit()))
            || (is_apostrophe(c)
                && char_at(chunk, i + 1).is_some_and(|d| d.is_ascii_digit())
                && (i == from || !char_at(chunk, i - 1).is_some_and(is_word_char)));
        let tag_or_handle = matches!(c, '#' | '@')
            && char_at(chunk, i + 1).is_some_and(char::is_alphabetic)
            && (i == from || !char_at(chunk, i - 1).is_some_and(is_word_char));
        let end = if tag_or_handle {
            // "#ebola", "@Reuters" stay whole.
            let end = end_of_run(chunk, i + 1);
            sink.push(i, end);
            end
        } else if starts_word {
            let end = scan_word(text, chunk, i);
            emit_word(chunk, i, end, sink);
            end
        } else {
            let end = scan_punct(chunk, i, c);
            sink.push(i, end);
            end
        };
        i = end;
    }
}

/// Length of a run of punctuation that EWT keeps as one token: "...", "--", "?!", "``".
fn scan_punct(chunk: &str, i: usize, c: char) -> usize {
    let same_run = |set: &[char]| {
        let rest = &chunk[i..];
        i + rest.len() - rest.trim_start_matches(set).len()
    };
    match c {
        // "...", and ".?" as EWT keeps it.
        '.' => {
            let dots = same_run(&['.']);
            let rest = &chunk[dots..];
            dots + rest.len() - rest.trim_start_matches(['!', '?']).len()
        }
        '!' | '?' => same_run(&['!', '?']),
        // Rules and emphasis: "***", "====", "<<", "$$$".
        '-' | '*' | '=' | '<' | '>' | '~' | '_' | '+' | '$' | '#' => same_run(&[c]),
        '`' => same_run(&['`']).min(i + 2),
        '\'' if char_at(chunk, i + 1) == Some('\'') => i + 2,
        _ => i + c.len_utf8(),
    }
}

/// End of the word that starts at `i`: runs of letters and digits joined by the connectors
/// EWT keeps inside a word, plus the dot of an abbreviation. `text` is the whole sentence,
/// for the look-ahead of "No. 5".
fn scan_word(text: &str, chunk: &str, i: usize) -> usize {
    let mut word = WordSoFar {
        first_run: end_of_run(chunk, i) - i,
        hyphenated: false,
    };
    let mut run_start = i;
    let mut j = i + word.first_run;
    while let Some(c) = char_at(chunk, j) {
        let next = j + c.len_utf8();
        let joined = match char_at(chunk, next) {
            Some(d) if starts_run(d) => joins(chunk, &word, run_start, j, c, next),
            _ => false,
        };
        if !joined {
            break;
        }
        word.hyphenated |= c == '-';
        run_start = next;
        j = end_of_run(chunk, next);
    }
    if char_at(chunk, j) == Some('.') && keeps_dot(&chunk[i..j], &text[j + 1..]) {
        j += 1;
    }
    j
}

/// What the connectors need to know of the word scanned so far, kept as it grows so that
/// a long chain of connectors stays linear.
struct WordSoFar {
    first_run: usize,
    hyphenated: bool,
}

fn end_of_run(chunk: &str, i: usize) -> usize {
    let rest = &chunk[i..];
    let mut end = rest.len();
    for (k, c) in rest.char_indices() {
        // A leading "." or apostrophe of ".5" or "'90s" belongs to the run.
        if !is_word_char(c) && !(k == 0 && (c == '.' || is_apostrophe(c))) {
            end = k;
            break;
        }
    }
    i + end
}

/// Whether connector `c` at `at` joins the run `chunk[run_start..at]` (the last of `word`)
/// with the run that starts at `next`.
fn joins(chunk: &str, word: &WordSoFar, run_start: usize, at: usize, c: char, next: usize) -> bool {
    let left = &chunk[run_start..at];
    let right_end = end_of_run(chunk, next);
    let right = &chunk[next..right_end];
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let single_letter = |s: &str| s.chars().count() == 1 && s.chars().all(char::is_alphabetic);
    match c {
        '\'' | '\u{2019}' => right.chars().next().is_some_and(char::is_alphabetic),
        '.' => (digits(left) && digits(right)) || (single_letter(left) && single_letter(right)),
        ',' => digits(left) && right.len() == 3 && digits(right),
        ':' => digits(left) && right.starts_with(|d: char| d.is_ascii_digit()),
        '&' => left.len() <= 4 && right.len() <= 4,
        '/' => (digits(left) && digits(right)) || (single_letter(left) && single_letter(right)),
        '-' => {
            let continues = char_at(chunk, right_end) == Some('-');
            let first = word.first_run == left.len() && !word.hyphenated;
            hyphen_joins(left, right, first, word.hyphenated, continues)
        }
        _ => false,
    }
}

/// "U.S", "p.m": single letters joined by dots.
fn is_initials(s: &str) -> bool {
    let mut letters = 0;
    for (k, part) in s.split('.').enumerate() {
        if part.chars().count() != 1 || !part.chars().all(char::is_alphabetic) {
            return false;
        }
        letters = k + 1;
    }
    letters >= 2
}

/// EWT splits "well-known", "so-called", "US-led" and "5-10" but keeps words whose first
/// part is a prefix ("e-mail", "co-workers", "non-profit", "mid-August") and phone numbers.
/// `first`: `left` is the word's first run; `hyphenated`: an earlier hyphen was kept;
/// `continues`: another hyphen follows `right`.
fn hyphen_joins(left: &str, right: &str, first: bool, hyphenated: bool, continues: bool) -> bool {
    const PREFIXES: &[&str] = &[
        "e", "co", "pre", "post", "non", "re", "mid", "ex", "multi", "pro", "anti", "semi", "sub",
        "over", "cross", "neo", "counter", "un", "de", "bi", "tri", "ultra", "intra", "pseudo",
        "quasi", "mega", "macro", "trans", "extra", "hyper", "mini", "micro", "geo", "socio",
    ];
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if digits(left) && digits(right) {
        // 713-853-3989, 345-9945 and 94720-1900 stay whole; 5-10, 400-500, 1969-1970 and
        // 2020-21 are ranges.
        let (l, r) = (left.len(), right.len());
        return hyphenated || (r == 4 && (l == 3 || l == 5)) || (l == 3 && r == 3 && continues);
    }
    first && PREFIXES.iter().any(|p| left.eq_ignore_ascii_case(p))
}

/// Whether the dot after `word` is part of it: "Mr.", "U.S.", "p.m.", initials ("J."), but
/// not a full stop after an ordinary word. `after` is the sentence after the dot.
fn keeps_dot(word: &str, after: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "maj", "capt",
        "sgt", "adm", "cmdr", "cpl", "pvt", "st", "jr", "sr", "rev", "hon", "pres", "amb", "insp",
        "supt", "fr", "inc", "corp", "ltd", "co", "bros", "vs", "etc", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "ave", "blvd", "dept",
        "approx", "est", "messrs", "gens", "reps", "sens", "govt", "univ", "assn",
    ];
    if is_initials(word) {
        return true;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // An initial ("George W. Bush"), not a lower-case letter ending a sentence.
        return c.is_uppercase();
    }
    if word == "No" || word == "Nos" {
        return after.trim_start().starts_with(|c: char| c.is_ascii_digit());
    }
    ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a))
}

/// Splits a scanned word into EWT's syntactic words: clitics, "cannot", "gonna", number and
/// unit.
fn emit_word(chunk: &str, start: usize, end: usize, sink: &mut Sink) {
    let word = &chunk[start..end];
    if let Some(cut) = clitic_cut(word) {
        emit_word(chunk, start, start + cut, sink);
        sink.push(start + cut, end);
        return;
    }
    if let Some(cut) = fused_cut(word).or_else(|| unit_cut(word)) {
        sink.push(start, start + cut);
        sink.push(start + cut, end);
        return;
    }
    sink.push(start, end);
}

/// Where a trailing clitic begins: "do|n't", "ca|n't", "it|'s", "we|'ve", "I|’m".
fn clitic_cut(word: &str) -> Option<usize> {
    let bytes = word.as_bytes();
    let apostrophe = word.rfind(is_apostrophe)?;
    let tail = &word[apostrophe..];
    let after = &tail[tail.chars().next()?.len_utf8()..];
    let lower_is = |s: &str, t: &str| s.eq_ignore_ascii_case(t);
    if lower_is(after, "t") && apostrophe >= 2 && bytes[apostrophe - 1].eq_ignore_ascii_case(&b'n')
    {
        return Some(apostrophe - 1).filter(|&cut| cut > 0);
    }
    let clitic = ["s", "re", "ve", "ll", "d", "m"]
        .iter()
        .any(|c| lower_is(after, c));
    (clitic && apostrophe > 0).then_some(apostrophe)
}

/// Words EWT writes as two without an apostrophe: "can|not", "gon|na", "wan|na", "got|ta".
fn fused_cut(word: &str) -> Option<usize> {
    const FUSED: &[(&str, usize)] = &[("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3)];
    FUSED
        .iter()
        .find(|(w, _)| word.eq_ignore_ascii_case(w))
        .map(|&(_, cut)| cut)
}

/// "10|am", "65|k", "35|mm": a number glued to a unit. Ordinals ("23rd") and codes ("G20",
/// "3143C") stay whole.
fn unit_cut(word: &str) -> Option<usize> {
    const UNITS: &[&str] = &[
        "am", "pm", "a.m.", "p.m.", "a.m", "p.m", "k", "m", "bn", "km", "kg", "mm", "cm", "mph",
        "lb", "lbs", "ft", "mg", "ml", "kmh", "mw", "gw", "kwh", "gb", "mb", "tb",
    ];
    let digits_end = word.find(|c: char| !c.is_ascii_digit() && !matches!(c, '.' | ',' | ':'))?;
    let (number, unit) = word.split_at(digits_end);
    let number_ok = number.starts_with(|c: char| c.is_ascii_digit());
    (number_ok && UNITS.contains(&unit)).then_some(digits_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, 0, text.len())
            .iter()
            .map(|t| t.text(text))
            .collect()
    }

    #[test]
    fn punctuation_and_quotes_are_tokens() {
        assert_eq!(
            words("\"We won't back down,\" the minister said (twice)."),
            [
                "\"", "We", "wo", "n't", "back", "down", ",", "\"", "the", "minister", "said", "(",
                "twice", ")", "."
            ]
        );
        assert_eq!(
            words("\u{201c}It\u{2019}s over\u{201d}, she said\u{2026}"),
            [
                "\u{201c}",
                "It",
                "\u{2019}s",
                "over",
                "\u{201d}",
                ",",
                "she",
                "said",
                "\u{2026}"
            ]
        );
        assert_eq!(words("Really?! Wait..."), ["Really", "?!", "Wait", "..."]);
        assert_eq!(words("so.? ***"), ["so", ".?", "***"]);
        assert_eq!(
            words("@Reuters: #Ebola fears, #1"),
            ["@Reuters", ":", "#Ebola", "fears", ",", "#", "1"]
        );
        assert_eq!(
            words("``Yes,'' he said"),
            ["``", "Yes", ",", "''", "he", "said"]
        );
    }

    #[test]
    fn clitics_split_as_in_ewt() {
        assert_eq!(
            words("They can't say the mayor's aides didn't know, and I'm sure we'd've heard."),
            [
                "They", "ca", "n't", "say", "the", "mayor", "'s", "aides", "did", "n't", "know",
                ",", "and", "I", "'m", "sure", "we", "'d", "'ve", "heard", "."
            ]
        );
        assert_eq!(
            words("the voters' choice"),
            ["the", "voters", "'", "choice"]
        );
        assert_eq!(words("DON'T"), ["DO", "N'T"]);
        assert_eq!(words("we\u{2019}ll see"), ["we", "\u{2019}ll", "see"]);
        assert_eq!(words("You cannot"), ["You", "can", "not"]);
        assert_eq!(words("O'Brien's"), ["O'Brien", "'s"]);
    }

    #[test]
    fn abbreviations_keep_their_dots() {
        assert_eq!(
            words("Gen. Mark A. Milley met Mr. Smith in the U.S. at 3 p.m. on Sept. 4."),
            [
                "Gen.", "Mark", "A.", "Milley", "met", "Mr.", "Smith", "in", "the", "U.S.", "at",
                "3", "p.m.", "on", "Sept.", "4", "."
            ]
        );
        assert_eq!(words("It ended."), ["It", "ended", "."]);
        assert_eq!(words("No. 10 said no."), ["No.", "10", "said", "no", "."]);
        assert_eq!(words("in the U.S."), ["in", "the", "U.S."]);
    }

    #[test]
    fn numbers_stay_whole_and_symbols_split() {
        assert_eq!(
            words("$5 bn, 1,500 troops, 3.5% at 10:30am on 9/11 in 2020-21, the 23rd"),
            [
                "$", "5", "bn", ",", "1,500", "troops", ",", "3.5", "%", "at", "10:30", "am", "on",
                "9/11", "in", "2020", "-", "21", ",", "the", "23rd"
            ]
        );
        assert_eq!(
            words("call 713-853-3989 or .5 of '90s"),
            ["call", "713-853-3989", "or", ".5", "of", "'90s"]
        );
    }

    #[test]
    fn hyphens_follow_ewt() {
        assert_eq!(
            words("a well-known, US-led e-mail from non-profit co-workers"),
            [
                "a",
                "well",
                "-",
                "known",
                ",",
                "US",
                "-",
                "led",
                "e-mail",
                "from",
                "non-profit",
                "co-workers"
            ]
        );
        assert_eq!(words("war -- again"), ["war", "--", "again"]);
        assert_eq!(words("war\u{2014}again"), ["war", "\u{2014}", "again"]);
    }

    #[test]
    fn urls_and_emails_are_one_token() {
        assert_eq!(
            words("See https://example.com/a?b=1, (press@example.org) or www.bbc.co.uk."),
            [
                "See",
                "https://example.com/a?b=1",
                ",",
                "(",
                "press@example.org",
                ")",
                "or",
                "www.bbc.co.uk",
                "."
            ]
        );
        assert_eq!(words("ended.Next"), ["ended", ".", "Next"]);
        assert_eq!(words("AT&T and he/she"), ["AT&T", "and", "he", "/", "she"]);
    }

    #[test]
    fn offsets_are_absolute_and_safe() {
        let body = "Intro. Then the café's owner spoke.";
        let start = body.find("Then").unwrap();
        let tokens = tokenize(body, start, body.len());
        assert_eq!(
            tokens[0],
            Token {
                start,
                end: start + 4
            }
        );
        let texts: Vec<_> = tokens.iter().map(|t| t.text(body)).collect();
        assert_eq!(texts, ["Then", "the", "café", "'s", "owner", "spoke", "."]);
        // Out of range or inside a character: clamped, no panic.
        let inside = body.find('é').unwrap() + 1;
        assert!(!tokenize(body, inside, 10_000).is_empty());
        assert!(tokenize(body, 30, 5).is_empty());
    }

    #[test]
    fn long_input_is_linear() {
        let body = "a.".repeat(50_000) + &"-".repeat(50_000) + &"1,".repeat(50_000);
        let tokens = tokenize(&body, 0, body.len());
        assert!(tokens.len() > 1);
        assert_eq!(tokens.last().map(|t| t.end), Some(body.len()));
    }
}
