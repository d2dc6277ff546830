//! Lemmas: the dictionary form of a tagged word ("withdrew" VERB → "withdraw").
//!
//! Regular English inflection is undone in code, guided by the Penn tag: plurals (-s, -es,
//! -ies), verb forms (-s, -ed, -ing with doubled consonants and silent e restored) and
//! comparatives (-er, -est). What the rules get wrong is looked up first in a table learnt
//! from the UD English EWT training lemmas (`model/lemmas.bin`): irregular forms ("went",
//! "children", "better"), pronouns ("them" → "they"), clitics ("n't" → "not") and the
//! regular-looking words the rules miss. The table only holds forms where it beats the
//! rules, so it stays small.
//!
//! Lemmas of common words are lower case; proper nouns keep their form ("States" → "State").

use crate::tags::{Bundled, ModelError, Tag, Upos, Xpos};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

static BUNDLED_BYTES: &[u8] = include_bytes!("../model/lemmas.bin");
static BUNDLED: Bundled<Lemmas, LemmaTableError> = Bundled::new();
/// The first bytes of a lemma table file: name and format version.
const MAGIC: &[u8; 8] = b"CCLEMMA\x01";

/// The lemma of `word` tagged `tag`, with the bundled exception table.
pub fn lemma(word: &str, tag: Tag) -> Cow<'_, str> {
    Lemmas::bundled().lemma(word, tag)
}

/// The exception table: lower-cased form and UPOS → lemma.
pub struct Lemmas {
    exceptions: HashMap<Box<str>, Vec<(Upos, Box<str>)>>,
}

/// Why lemma table bytes could not be read: a fault of the kinds a tagger model's bytes
/// have, named for the table in messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LemmaTableError(pub ModelError);

impl From<ModelError> for LemmaTableError {
    fn from(fault: ModelError) -> Self {
        LemmaTableError(fault)
    }
}

impl fmt::Display for LemmaTableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write(f, "lemma table")
    }
}

impl std::error::Error for LemmaTableError {}

impl Lemmas {
    /// The table shipped in the binary, decoded on first use. If it could not be decoded
    /// (a broken build), lemmas come from the rules alone; [`try_bundled`] tells why.
    ///
    /// [`try_bundled`]: Lemmas::try_bundled
    pub fn bundled() -> &'static Lemmas {
        BUNDLED.or_empty(|| Lemmas::from_bytes(BUNDLED_BYTES), Lemmas::empty)
    }

    pub fn try_bundled() -> Result<&'static Lemmas, LemmaTableError> {
        BUNDLED.get(|| Lemmas::from_bytes(BUNDLED_BYTES))
    }

    /// No exceptions: the rules alone.
    pub fn empty() -> Lemmas {
        Lemmas {
            exceptions: HashMap::new(),
        }
    }

    /// How many forms the table holds.
    pub fn len(&self) -> usize {
        self.exceptions.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.exceptions.is_empty()
    }

    /// The lemma of `word` tagged `tag`.
    pub fn lemma<'a>(&self, word: &'a str, tag: Tag) -> Cow<'a, str> {
        let lower = lower_case(word);
        if let Some(lemma) = self.exception(&lower, tag.upos) {
            return Cow::Owned(lemma.to_owned());
        }
        if lower.contains('\u{2019}') {
            // EWT has few curly apostrophes: "we’re" is looked up as "we're".
            let straight = lower.replace('\u{2019}', "'");
            if let Some(lemma) = self.exception(&straight, tag.upos) {
                return Cow::Owned(lemma.to_owned());
            }
        }
        if tag.upos == Upos::Propn || matches!(tag.xpos, Xpos::Nnp | Xpos::Nnps) {
            return proper_lemma(word, tag.xpos);
        }
        match regular_lemma(&lower, tag) {
            Some(lemma) => Cow::Owned(lemma),
            None => lower,
        }
    }

    /// Whether some tag would give `word` a lemma for which `wanted` holds: true whenever
    /// [`lemma`](Lemmas::lemma) with any tag gives a wanted lemma (and sometimes when none
    /// does). It needs no tagging, so a step can tell that a sentence holds no word of a
    /// kind before it pays for the tagger.
    pub fn may_give(&self, word: &str, wanted: impl Fn(&str) -> bool) -> bool {
        let lower = lower_case(word);
        if wanted(word) || matches!(lower, Cow::Owned(_)) && wanted(&lower) {
            return true;
        }
        let straight = lower
            .contains('\u{2019}')
            .then(|| lower.replace('\u{2019}', "'"));
        let listed = [Some(lower.as_ref()), straight.as_deref()]
            .into_iter()
            .flatten()
            .filter_map(|key| self.exceptions.get(key))
            .flatten()
            .any(|(_, lemma)| wanted(lemma));
        let number = Tag {
            upos: Upos::Num,
            xpos: Xpos::Cd,
        };
        // Only a word with a rule's ending can lemmatise by rule to another word; most
        // words have none, and then the rules need not run.
        let inflected = ends_as_rules_strip(&lower);
        listed
            || inflected && wanted(&proper_lemma(word, Xpos::Nnps))
            || lower.contains(',') && regular_lemma(&lower, number).is_some_and(|l| wanted(&l))
            || inflected
                && RULES
                    .iter()
                    .any(|(_, rule)| rule(&lower).is_some_and(|l| wanted(&l)))
    }

    fn exception(&self, lower: &str, upos: Upos) -> Option<&str> {
        let forms = self.exceptions.get(lower)?;
        forms.iter().find(|(u, _)| *u == upos).map(|(_, l)| &**l)
    }
}

/// Which words may lemmatise to one of a few lemmas, told from the word alone and cheaply:
/// [`may_pass`](LemmaFilter::may_pass) is true of every word for which
/// [`Lemmas::may_give`] is true with those lemmas wanted. A step that looks for a handful of
/// lemmas in every word of a sentence asks this first, and `may_give` only for the few
/// words it lets through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LemmaFilter {
    /// The first two bytes of every wanted lemma; a lemma of one byte stands as itself.
    starts: Vec<[u8; 2]>,
    /// Listed forms whose lemma is wanted ("said" for "say"), lower case.
    forms: Vec<Box<str>>,
}

impl LemmaFilter {
    /// The filter for `wanted` (lemmas, lower case) over this table's exceptions.
    pub fn new(lemmas: &Lemmas, wanted: &[String]) -> LemmaFilter {
        let mut starts: Vec<[u8; 2]> = wanted
            .iter()
            .map(|l| match l.as_bytes() {
                [a, b, ..] => [*a, *b],
                [a] => [*a, 0],
                [] => [0, 0],
            })
            .collect();
        starts.sort_unstable();
        starts.dedup();
        let mut forms: Vec<Box<str>> = lemmas
            .exceptions
            .iter()
            .filter(|(_, ls)| {
                ls.iter()
                    .any(|(_, l)| wanted.iter().any(|w| w.eq_ignore_ascii_case(l)))
            })
            .map(|(form, _)| form.clone())
            .collect();
        forms.sort_unstable();
        Self { starts, forms }
    }

    /// False only when no tag could give `word` a wanted lemma. Every regular rule keeps a
    /// word's first two bytes (its stem is at least two long), except that a two-byte word
    /// in -s may lose its s ("as" → "a"); listed forms are checked whole. Words the shortcut
    /// is not sure of (not ASCII, with a comma, shorter than two) always pass.
    pub fn may_pass(&self, word: &str) -> bool {
        let b = word.as_bytes();
        if b.len() < 2 || !b.is_ascii() || b.contains(&b',') {
            return true;
        }
        let start = [b[0].to_ascii_lowercase(), b[1].to_ascii_lowercase()];
        let one_byte = [start[0], 0];
        self.starts.binary_search(&start).is_ok()
            || b.len() == 2 && start[1] == b's' && self.starts.binary_search(&one_byte).is_ok()
            || (!self.forms.is_empty()
                && self
                    .forms
                    .binary_search_by(|f| cmp_ignore_ascii_case(f, word))
                    .is_ok())
    }
}

/// Compares `listed` (lower case) with `word` as if `word` were lower-cased.
fn cmp_ignore_ascii_case(listed: &str, word: &str) -> std::cmp::Ordering {
    listed
        .bytes()
        .cmp(word.bytes().map(|b| b.to_ascii_lowercase()))
}

fn lower_case(word: &str) -> Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// Proper nouns keep their form, but a plural one loses its -s ("Americans" → "American").
fn proper_lemma(word: &str, xpos: Xpos) -> Cow<'_, str> {
    if xpos == Xpos::Nnps
        && let Some(singular) = noun_singular(word)
    {
        return Cow::Owned(singular);
    }
    Cow::Borrowed(word)
}

/// The lemma the rules give for a lower-cased common word, or `None` when it is the word
/// itself. Public so that training can learn only the exceptions to it.
pub fn regular_lemma(lower: &str, tag: Tag) -> Option<String> {
    if tag.upos == Upos::Num
        && lower.contains(',')
        && lower.starts_with(|c: char| c.is_ascii_digit())
    {
        // "200,000" → "200000", as EWT writes the lemma of a number.
        return Some(lower.replace(',', ""));
    }
    let (_, rule) = RULES.iter().find(|(tags, _)| tags.contains(&tag.xpos))?;
    rule(lower)
}

/// Whether a lower-cased word ends as every suffix the rules strip ends (-s, -ed, -ing,
/// -er, -est): a word that ends otherwise is its own lemma by rule, whatever its tag.
fn ends_as_rules_strip(lower: &str) -> bool {
    matches!(
        lower.as_bytes().last(),
        Some(b's' | b'd' | b'g' | b'r' | b't')
    )
}

/// A rule of the regular lemmas.
type Rule = fn(&str) -> Option<String>;

/// Every rule of the regular lemmas, with the XPOS tags it serves; other tags keep the
/// word (numbers aside).
const RULES: [(&[Xpos], Rule); 6] = [
    (&[Xpos::Nns], noun_singular),
    (&[Xpos::Vbz], verb_present),
    (&[Xpos::Vbd, Xpos::Vbn], verb_past),
    (&[Xpos::Vbg], verb_gerund),
    (&[Xpos::Jjr, Xpos::Rbr], comparative_er),
    (&[Xpos::Jjs, Xpos::Rbs], comparative_est),
];

fn comparative_er(word: &str) -> Option<String> {
    comparative(word, "er")
}

fn comparative_est(word: &str) -> Option<String> {
    comparative(word, "est")
}

fn strip(word: &str, suffix: &str, min_stem: usize) -> Option<String> {
    let stem = word.strip_suffix(suffix)?;
    (stem.chars().count() >= min_stem).then(|| stem.to_owned())
}

/// "countries" → "country", "boxes" → "box", "troops" → "troop"; "status" stays.
fn noun_singular(word: &str) -> Option<String> {
    // Compared without lower-casing a copy: this runs for every plural the tagger reads.
    let ends = |s: &str| {
        let (w, s) = (word.as_bytes(), s.as_bytes());
        w.len() >= s.len() && w[w.len() - s.len()..].eq_ignore_ascii_case(s)
    };
    if ends("ies") && word.len() > 4 {
        return strip(word, &word[word.len() - 3..], 2).map(|s| s + "y");
    }
    if ["sses", "xes", "ches", "shes", "zzes"]
        .iter()
        .any(|s| ends(s))
    {
        return Some(word[..word.len() - 2].to_owned());
    }
    if ends("ss") || ends("us") || ends("is") || !ends("s") || word.len() < 3 {
        return None;
    }
    Some(word[..word.len() - 1].to_owned())
}

/// "denies" → "deny", "pushes" → "push", "says" → "say".
fn verb_present(word: &str) -> Option<String> {
    if let Some(stem) = strip(word, "ies", 2) {
        return Some(stem + "y");
    }
    if ["sses", "xes", "ches", "shes", "zzes", "oes"]
        .iter()
        .any(|s| word.ends_with(s))
    {
        return Some(word[..word.len() - 2].to_owned());
    }
    if word.ends_with("ss") {
        return None;
    }
    strip(word, "s", 1)
}

/// "denied" → "deny", "agreed" → "agree", "stopped" → "stop", "hoped" → "hope".
fn verb_past(word: &str) -> Option<String> {
    if let Some(stem) = strip(word, "ied", 2) {
        return Some(stem + "y");
    }
    let stem = strip(word, "ed", 2)?;
    if stem.ends_with('e') {
        return Some(stem + "e");
    }
    Some(restore_stem(stem))
}

/// "making" → "make", "getting" → "get", "saying" → "say".
fn verb_gerund(word: &str) -> Option<String> {
    strip(word, "ing", 2).map(restore_stem)
}

/// "bigger" → "big", "larger" → "large", "happiest" → "happy".
fn comparative(word: &str, suffix: &str) -> Option<String> {
    if let Some(stem) = strip(word, &format!("i{suffix}"), 2) {
        return Some(stem + "y");
    }
    strip(word, suffix, 2).map(restore_stem)
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// How many runs of vowels the stem has: a rough count of syllables.
fn vowel_groups(b: &[u8]) -> usize {
    let mut groups = 0;
    let mut in_vowel = false;
    for &c in b {
        let v = is_vowel(c) || (c == b'y' && groups > 0);
        groups += usize::from(v && !in_vowel);
        in_vowel = v;
    }
    groups
}

/// Undoes what a suffix did to the stem: a doubled consonant ("stopp" → "stop", "travell"
/// → "travel") or a dropped silent e ("hop" → "hope", "danc" → "dance").
fn restore_stem(stem: String) -> String {
    let b = stem.as_bytes();
    let n = b.len();
    if n >= 3 && b[n - 1] == b[n - 2] {
        let last = b[n - 1];
        let doubled = matches!(last, b'b' | b'd' | b'g' | b'm' | b'n' | b'p' | b'r' | b't')
            || (last == b'l' && vowel_groups(&b[..n - 2]) >= 2);
        if doubled {
            return stem[..n - 1].to_owned();
        }
        return stem;
    }
    if needs_silent_e(b) {
        return stem + "e";
    }
    stem
}

/// "challeng", "plung", "arrang", "chang": stems that end "-nge" ("hang", "belong" do not).
fn ends_before_nge(b: &[u8]) -> bool {
    [&b"eng"[..], b"ung", b"rang", b"chang"]
        .iter()
        .any(|e| b.len() > e.len() && b.ends_with(e))
}

/// Whether a stem lost a silent e to its suffix. English doubles the final consonant of a
/// stressed short syllable ("stop" → "stopped"), so a one-syllable consonant-vowel-
/// consonant stem that did not double had an e ("hop" ← "hoped"); some endings cannot end
/// a word without one ("danc", "lov", "argu", "organiz", "handl"); and a few endings of
/// longer verbs usually had one ("operat", "decid", "requir").
fn needs_silent_e(b: &[u8]) -> bool {
    let n = b.len();
    if n < 2 || !b.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let (last, prev) = (b[n - 1], b[n - 2]);
    let consonant = |c: u8| !is_vowel(c) && c != b'y';
    match last {
        b'c' | b'v' | b'u' => return true,
        b'z' => return is_vowel(prev),
        // "sens", "nurs", "collaps", "puls": English ends no verb in these; "ss" stays.
        b's' => return is_vowel(prev) || matches!(prev, b'n' | b'r' | b'p' | b'l'),
        // "judg", "charg"; and "manag", "engag": a longer verb ends "ag" only before an e.
        b'g' => {
            return matches!(prev, b'd' | b'r')
                || (prev == b'a' && vowel_groups(b) >= 2)
                || (n == 2 && is_vowel(prev))
                || ends_before_nge(b);
        }
        // "handl" → "handle"; after a vowel ("smil") the syllable rule below decides.
        b'l' if consonant(prev) => return !matches!(prev, b'l' | b'r' | b'w'),
        _ => {}
    }
    if !consonant(last) || matches!(last, b'w' | b'x') || !is_vowel(prev) {
        return false;
    }
    // "negotiat", "evaluat": two vowels before a final t lost an e ("treat" has "ea").
    if last == b't' && prev == b'a' && n >= 3 && matches!(b[n - 3], b'i' | b'u') {
        return true;
    }
    let before_vowel_is_consonant = n < 3 || consonant(b[n - 3]);
    if !before_vowel_is_consonant {
        return false;
    }
    if vowel_groups(b) == 1 {
        return true;
    }
    // "-ume" (resume, consume) and "-ede" (concede, impede) verbs too.
    const LONG_E_ENDINGS: &[&[u8]] = &[
        b"at", b"id", b"ud", b"ib", b"ir", b"ur", b"ut", b"in", b"ar", b"um", b"ed",
    ];
    LONG_E_ENDINGS.contains(&&b[n - 2..])
}

// ---------------------------------------------------------------------------------------
// The table file. Little-endian: MAGIC; u32 count; per entry: u8 form length, form bytes,
// u8 UPOS, u8 bytes to cut from the end of the form, u8 length of the ending to add, its
// bytes. Sorted by form then UPOS, so the same table gives the same bytes.

/// Encodes exceptions (lower-cased form, UPOS, lemma).
pub fn encode_table(entries: &[(String, Upos, String)]) -> Vec<u8> {
    let mut sorted: Vec<_> = entries.iter().collect();
    sorted.sort();
    let mut out = MAGIC.to_vec();
    out.extend((sorted.len() as u32).to_le_bytes());
    for (form, upos, lemma) in sorted {
        let common = common_prefix(form, lemma);
        let ending = &lemma[common..];
        out.push(form.len() as u8);
        out.extend(form.as_bytes());
        out.push(*upos as u8);
        out.push((form.len() - common) as u8);
        out.push(ending.len() as u8);
        out.extend(ending.as_bytes());
    }
    out
}

/// The length in bytes of the longest common prefix, on a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

/// Takes `n` bytes off the front of `r`.
fn take<'a>(r: &mut &'a [u8], n: usize) -> Result<&'a [u8], ModelError> {
    if r.len() < n {
        return Err(ModelError::Truncated);
    }
    let (head, tail) = r.split_at(n);
    *r = tail;
    Ok(head)
}

fn take_byte(r: &mut &[u8]) -> Result<u8, ModelError> {
    Ok(take(r, 1)?[0])
}

fn take_text<'a>(r: &mut &'a [u8]) -> Result<&'a str, ModelError> {
    let len = usize::from(take_byte(r)?);
    std::str::from_utf8(take(r, len)?).map_err(|_| ModelError::BadValue("text"))
}

impl Lemmas {
    pub fn from_bytes(bytes: &[u8]) -> Result<Lemmas, LemmaTableError> {
        let mut r = bytes.strip_prefix(MAGIC).ok_or(ModelError::BadHeader)?;
        let mut count = [0u8; 4];
        count.copy_from_slice(take(&mut r, 4)?);
        let mut exceptions: HashMap<Box<str>, Vec<(Upos, Box<str>)>> = HashMap::new();
        for _ in 0..u32::from_le_bytes(count) {
            let form = take_text(&mut r)?;
            let upos = Upos::from_id(take_byte(&mut r)?).ok_or(ModelError::BadValue("UPOS"))?;
            let cut = usize::from(take_byte(&mut r)?);
            let ending = take_text(&mut r)?;
            let kept = form
                .len()
                .checked_sub(cut)
                .and_then(|end| form.get(..end))
                .ok_or(ModelError::BadValue("cut"))?;
            let lemma = format!("{kept}{ending}").into_boxed_str();
            exceptions
                .entry(form.into())
                .or_default()
                .push((upos, lemma));
        }
        if !r.is_empty() {
            return Err(ModelError::BadValue("length").into());
        }
        Ok(Lemmas { exceptions })
    }
}

#[cfg(test)]
mod tests;
