//! Tags: a greedy averaged-perceptron part-of-speech tagger (UPOS and Penn XPOS) whose
//! weights ship inside the binary.
//!
//! The model is trained on UD English EWT (see `model/README.md` and the `train-tagger`
//! binary) and predicts one joint label per word, a `UPOS|XPOS` pair, so that the two
//! never disagree. Words are read left to right; each is described by hashed features of
//! itself, its neighbours and the two labels already chosen before it, and the label with
//! the highest summed weight wins. Frequent words that EWT always tags the same way skip
//! the scoring through a tag dictionary.
//!
//! Features are 64-bit hashes of (template, word pieces): no string is built per feature,
//! and a word's pieces (lower case, prefixes, suffixes, shape) are hashed once per
//! sentence. Weights are i16, stored sparsely per feature (only the classes that feature
//! moves), behind an open-addressing table keyed by the feature hash.

use std::fmt;
use std::sync::OnceLock;

/// Universal part-of-speech tags (universaldependencies.org/u/pos).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];
    const NAMES: [&'static str; 17] = [
        "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
        "PUNCT", "SCONJ", "SYM", "VERB", "X",
    ];

    /// The name CoNLL-U uses: "NOUN", "AUX".
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    pub fn from_name(name: &str) -> Option<Upos> {
        let i = Self::NAMES.iter().position(|n| *n == name)?;
        Some(Self::ALL[i])
    }

    pub(crate) fn from_id(id: u8) -> Option<Upos> {
        Self::ALL.get(usize::from(id)).copied()
    }
}

/// Penn Treebank tags as UD English EWT uses them (its XPOS column), plus `Xx` for a word
/// EWT could not tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Xpos {
    /// `$`
    Dollar,
    /// `''`
    CloseQuote,
    /// `,`
    Comma,
    /// `-LRB-`
    OpenBracket,
    /// `-RRB-`
    CloseBracket,
    /// `.`
    Stop,
    /// `:`
    Colon,
    Add,
    Afx,
    Cc,
    Cd,
    Dt,
    Ex,
    Fw,
    Gw,
    Hyph,
    In,
    Jj,
    Jjr,
    Jjs,
    Ls,
    Md,
    Nfp,
    Nn,
    Nnp,
    Nnps,
    Nns,
    Pdt,
    Pos,
    Prp,
    /// `PRP$`
    PrpPossessive,
    Rb,
    Rbr,
    Rbs,
    Rp,
    Sym,
    To,
    Uh,
    Vb,
    Vbd,
    Vbg,
    Vbn,
    Vbp,
    Vbz,
    Wdt,
    Wp,
    /// `WP$`
    WpPossessive,
    Wrb,
    Xx,
    /// ` `` `
    OpenQuote,
}

impl Xpos {
    pub const ALL: [Xpos; 50] = {
        use Xpos::*;
        [
            Dollar,
            CloseQuote,
            Comma,
            OpenBracket,
            CloseBracket,
            Stop,
            Colon,
            Add,
            Afx,
            Cc,
            Cd,
            Dt,
            Ex,
            Fw,
            Gw,
            Hyph,
            In,
            Jj,
            Jjr,
            Jjs,
            Ls,
            Md,
            Nfp,
            Nn,
            Nnp,
            Nnps,
            Nns,
            Pdt,
            Pos,
            Prp,
            PrpPossessive,
            Rb,
            Rbr,
            Rbs,
            Rp,
            Sym,
            To,
            Uh,
            Vb,
            Vbd,
            Vbg,
            Vbn,
            Vbp,
            Vbz,
            Wdt,
            Wp,
            WpPossessive,
            Wrb,
            Xx,
            OpenQuote,
        ]
    };
    const NAMES: [&'static str; 50] = [
        "$", "''", ",", "-LRB-", "-RRB-", ".", ":", "ADD", "AFX", "CC", "CD", "DT", "EX", "FW",
        "GW", "HYPH", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NFP", "NN", "NNP", "NNPS", "NNS",
        "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD",
        "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", "XX", "``",
    ];

    /// The Penn name: "NNS", "PRP$", "-LRB-".
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    pub fn from_name(name: &str) -> Option<Xpos> {
        let i = Self::NAMES.iter().position(|n| *n == name)?;
        Some(Self::ALL[i])
    }

    fn from_id(id: u8) -> Option<Xpos> {
        Self::ALL.get(usize::from(id)).copied()
    }
}

/// The tag of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag {
    pub upos: Upos,
    pub xpos: Xpos,
}

impl Tag {
    /// What the tagger says when it has no model: a singular common noun.
    pub const FALLBACK: Tag = Tag {
        upos: Upos::Noun,
        xpos: Xpos::Nn,
    };
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}|{}", self.upos.name(), self.xpos.name())
    }
}

/// Why model bytes could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    /// Not a tagger model, or one of another format version.
    BadHeader,
    /// The bytes end before the model does.
    Truncated,
    /// A value out of range: a class, tag or count that cannot be.
    BadValue(&'static str),
    /// The stored checksum does not match the content.
    Checksum,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::BadHeader => write!(f, "not a tagger model of this version"),
            ModelError::Truncated => write!(f, "tagger model truncated"),
            ModelError::BadValue(what) => write!(f, "tagger model has a bad {what}"),
            ModelError::Checksum => write!(f, "tagger model checksum mismatch"),
        }
    }
}

impl std::error::Error for ModelError {}

/// The largest weight magnitude training writes: a quarter of the i16 range, so that the
/// few large weights of one word rarely saturate its score.
#[cfg(feature = "train")]
pub(crate) const WEIGHT_MAX: f64 = 8191.0;
/// The most classes a model may have: scores live in a fixed array on the stack.
pub const MAX_CLASSES: usize = 128;
/// The first bytes of a model file: name and format version.
pub(crate) const MAGIC: &[u8; 8] = b"CCTAGGR\x01";

static BUNDLED_BYTES: &[u8] = include_bytes!("../model/tagger.bin");

/// A trained tagger: its classes, tag dictionary and feature weights.
pub struct Tagger {
    classes: Vec<Tag>,
    dictionary: Vec<DictSlot>,
    slots: Vec<Slot>,
    /// Weights of features that move a few classes, as (class, weight) lists.
    entries: Vec<Entry>,
    /// Weights of features that move many classes (the bias, the previous tags, common
    /// words), as full rows of `stride` weights: adding a row is a vector loop, where a long
    /// list would be a chain of scattered additions.
    dense: Vec<i16>,
    stride: usize,
}

/// A tag-dictionary slot: the hash of a word form and its class; `class == u8::MAX` is empty.
#[derive(Clone, Copy)]
struct DictSlot {
    key: u64,
    class: u8,
}

/// A feature slot, 16 bytes: 32 bits of the feature key, to tell features that share a slot
/// index apart, and its weights. Most features move two or three classes, so up to
/// [`INLINE`] weights sit in the slot itself and a lookup touches one cache line; longer
/// lists live in `Tagger::entries`, and lists longer than [`SPARSE_MAX`] as a row of
/// `Tagger::dense` (`len == DENSE`), from the index held in the first two `weights`.
/// `len == 0` marks an empty slot.
#[derive(Clone, Copy, Default)]
struct Slot {
    check: u32,
    len: u8,
    classes: [u8; INLINE],
    weights: [i16; INLINE],
}

const INLINE: usize = 3;
const SPARSE_MAX: usize = 12;
const DENSE: u8 = u8::MAX;
/// Dense rows are padded to a multiple of this many weights, the unit of the vector loop.
const LANES: usize = 16;

impl Slot {
    fn spilled(check: u32, len: u8, start: u32) -> Slot {
        Slot {
            check,
            len,
            classes: [0; INLINE],
            weights: [start as u16 as i16, (start >> 16) as u16 as i16, 0],
        }
    }

    fn start(&self) -> usize {
        usize::from(self.weights[0] as u16) | usize::from(self.weights[1] as u16) << 16
    }
}

/// One weight of one feature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) class: u8,
    pub(crate) weight: i16,
}

/// Buffers reused from sentence to sentence by [`Tagger::tag_into`].
#[derive(Default)]
pub struct TagBuffer {
    tags: Vec<Tag>,
    classes: Vec<u8>,
    words: Vec<WordKeys>,
    lower: String,
}

impl TagBuffer {
    pub fn new() -> TagBuffer {
        TagBuffer::default()
    }
}

impl Tagger {
    /// The tagger shipped in the binary, decoded on first use. If the bundled bytes could
    /// not be decoded (a broken build), every word gets [`Tag::FALLBACK`]; [`try_bundled`]
    /// tells why.
    ///
    /// [`try_bundled`]: Tagger::try_bundled
    pub fn bundled() -> &'static Tagger {
        static EMPTY: OnceLock<Tagger> = OnceLock::new();
        match Tagger::try_bundled() {
            Ok(tagger) => tagger,
            Err(_) => EMPTY.get_or_init(Tagger::empty),
        }
    }

    /// The tagger shipped in the binary, or why it cannot be decoded.
    pub fn try_bundled() -> Result<&'static Tagger, ModelError> {
        static BUNDLED: OnceLock<Result<Tagger, ModelError>> = OnceLock::new();
        BUNDLED
            .get_or_init(|| Tagger::from_bytes(BUNDLED_BYTES))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// A tagger without a model: every word is [`Tag::FALLBACK`].
    pub fn empty() -> Tagger {
        Tagger {
            classes: vec![Tag::FALLBACK],
            dictionary: vec![DictSlot {
                key: 0,
                class: u8::MAX,
            }],
            slots: vec![Slot::default()],
            entries: Vec::new(),
            dense: Vec::new(),
            stride: LANES,
        }
    }

    /// The classes (joint tags) the model chooses from.
    pub fn classes(&self) -> &[Tag] {
        &self.classes
    }

    /// Tags of the words of one sentence, in order.
    pub fn tag(&self, words: &[&str]) -> Vec<Tag> {
        let mut buffer = TagBuffer::new();
        self.tag_into(words, &mut buffer);
        buffer.tags
    }

    /// [`tag`](Tagger::tag) into reused buffers: no allocation once they have grown to the
    /// longest sentence.
    pub fn tag_into<'b>(&self, words: &[&str], buffer: &'b mut TagBuffer) -> &'b [Tag] {
        buffer.words.clear();
        for word in words {
            buffer.words.push(WordKeys::of(word, &mut buffer.lower));
        }
        buffer.classes.clear();
        let mut features = [0u64; N_FEATURES];
        for i in 0..words.len() {
            let class = match self.lookup_dictionary(buffer.words[i].form) {
                Some(class) => class,
                None => {
                    let (p1, p2) = previous_classes(&buffer.classes, i);
                    fill_features(&buffer.words, i, p1, p2, &mut features);
                    self.best_class(&features)
                }
            };
            buffer.classes.push(class);
        }
        buffer.tags.clear();
        let classes = &self.classes;
        let fallback = |c: u8| classes.get(usize::from(c)).copied();
        buffer.tags.extend(
            buffer
                .classes
                .iter()
                .map(|&c| fallback(c).unwrap_or(Tag::FALLBACK)),
        );
        &buffer.tags
    }

    fn lookup_dictionary(&self, key: u64) -> Option<u8> {
        let mask = self.dictionary.len() - 1;
        let mut i = (key as usize) & mask;
        loop {
            let slot = self.dictionary[i];
            if slot.class == u8::MAX {
                return None;
            }
            if slot.key == key {
                return Some(slot.class);
            }
            i = (i + 1) & mask;
        }
    }

    /// Scores every class and returns the best. The first slot of every feature is loaded
    /// before any is looked at, so that the cache misses overlap instead of queueing.
    fn best_class(&self, features: &[u64; N_FEATURES]) -> u8 {
        let mask = self.slots.len() - 1;
        let keys = features.map(|f| f >> 16);
        let first: [Slot; N_FEATURES] =
            std::array::from_fn(|k| self.slots[keys[k] as usize & mask]);
        let mut scores = [0i16; MAX_CLASSES];
        for (k, &key) in keys.iter().enumerate() {
            let check = (key >> 16) as u32;
            let (mut slot, mut i) = (first[k], key as usize & mask);
            while slot.len != 0 && slot.check != check {
                i = (i + 1) & mask;
                slot = self.slots[i];
            }
            self.add_weights(&slot, &mut scores);
        }
        argmax(&scores[..self.classes.len()])
    }

    /// Adds a feature's weights to the scores. Saturating i16 arithmetic: eight lanes to a
    /// vector instruction, and training leaves the weights enough headroom
    /// (`WEIGHT_MAX`, a quarter of the range) that a sum of all features rarely reaches the limit.
    fn add_weights(&self, slot: &Slot, scores: &mut [i16; MAX_CLASSES]) {
        let len = usize::from(slot.len);
        if slot.len == DENSE {
            let row = self.dense.get(slot.start()..slot.start() + self.stride);
            let lanes = scores.chunks_exact_mut(LANES);
            for (s, w) in lanes.zip(row.unwrap_or(&[]).chunks_exact(LANES)) {
                for (s, &w) in s.iter_mut().zip(w) {
                    *s = s.saturating_add(w);
                }
            }
        } else if len <= INLINE {
            for (&class, &weight) in slot.classes.iter().zip(&slot.weights).take(len) {
                let s = &mut scores[usize::from(class)];
                *s = s.saturating_add(weight);
            }
        } else {
            let start = slot.start();
            for e in self.entries.get(start..start + len).unwrap_or(&[]) {
                let s = &mut scores[usize::from(e.class)];
                *s = s.saturating_add(e.weight);
            }
        }
    }
}

/// The index of the highest score; the lowest index wins a tie, so ties are deterministic.
/// (Two passes, the maximum then its first position, because both vectorise where one
/// loop with a running best would not.)
pub(crate) fn argmax<T: Ord + Copy>(scores: &[T]) -> u8 {
    let Some(&best) = scores.iter().max() else {
        return 0;
    };
    scores.iter().position(|&s| s == best).unwrap_or(0) as u8
}

/// The classes of the two words before `i`, or the sentence-start markers.
pub(crate) fn previous_classes(classes: &[u8], i: usize) -> (u8, u8) {
    let at = |k: usize| {
        if i >= k {
            classes[i - k]
        } else {
            START_CLASS - (k as u8 - 1)
        }
    };
    (at(1), at(2))
}

/// Markers for "no word before": never a real class, since those stay below `MAX_CLASSES`.
const START_CLASS: u8 = u8::MAX;

// ---------------------------------------------------------------------------------------
// Features, shared with training so the two cannot drift apart.

/// Hashes of the pieces of one word that the feature templates combine.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordKeys {
    pub(crate) form: u64,
    lower: u64,
    prefix: [u64; 3],
    suffix: [u64; 4],
    shape: u64,
    flags: u64,
}

impl WordKeys {
    /// `lower` is a scratch buffer for the lower-cased form.
    pub(crate) fn of(word: &str, lower: &mut String) -> WordKeys {
        lower.clear();
        if word.is_ascii() {
            lower.push_str(word);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(word.chars().flat_map(char::to_lowercase));
        }
        // One pass forward gives the prefixes and the whole word, one pass backward the
        // suffixes; the kind of piece is mixed in at the end.
        let mut prefix = [0; 3];
        let mut h = FNV_OFFSET;
        for (k, c) in lower.chars().enumerate() {
            h = fnv_char(h, c);
            if k < 3 {
                prefix[k] = h;
            }
        }
        let whole = h;
        for k in 0..3 {
            if prefix[k] == 0 {
                prefix[k] = whole;
            }
            prefix[k] ^= PIECE_KINDS[k];
        }
        let mut suffix = [whole; 4];
        let mut h = FNV_OFFSET;
        for (k, c) in lower.chars().rev().take(4).enumerate() {
            h = fnv_char(h, c);
            suffix[k] = h;
        }
        for (k, s) in suffix.iter_mut().enumerate() {
            *s ^= PIECE_KINDS[3 + k];
        }
        let (shape, flags) = shape_and_flags(word);
        WordKeys {
            form: form_key(word),
            lower: whole ^ PIECE_KINDS[7],
            prefix,
            suffix,
            shape,
            flags,
        }
    }

    /// The stand-in for the words before the start and after the end of a sentence.
    const fn boundary(side: u64) -> WordKeys {
        let h = finish(0xb0b0 + side);
        WordKeys {
            form: h,
            lower: h,
            prefix: [h; 3],
            suffix: [h; 4],
            shape: h,
            flags: h,
        }
    }
}

/// What a character counts as for shapes and flags. ASCII first, without the Unicode
/// tables, which is what nearly every character of English news is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CharClass {
    Upper,
    Lower,
    /// Alphabetic without case (and marks in between).
    Letter,
    Digit,
    Other(u8),
}

fn char_class(c: char) -> CharClass {
    if c.is_ascii() {
        let b = c as u8;
        return match b {
            b'A'..=b'Z' => CharClass::Upper,
            b'a'..=b'z' => CharClass::Lower,
            b'0'..=b'9' => CharClass::Digit,
            _ => CharClass::Other(b),
        };
    }
    if c.is_uppercase() {
        CharClass::Upper
    } else if c.is_lowercase() {
        CharClass::Lower
    } else if c.is_alphabetic() {
        CharClass::Letter
    } else {
        CharClass::Other(b'~')
    }
}

/// The word's shape with runs capped at two ("Xxx" for "London", "dd,ddd" for "1,500",
/// "X.X." for "U.S."), hashed as it is produced; and its coarse flags: has a digit, a
/// hyphen, an upper-case letter, is all upper case.
fn shape_and_flags(word: &str) -> (u64, u64) {
    let mut h = FNV_OFFSET;
    let (mut last, mut run) = (0u8, 0);
    let (mut bits, mut letters, mut upper) = (0u64, 0u32, 0u32);
    for c in word.chars() {
        let class = char_class(c);
        let s = match class {
            CharClass::Upper => b'X',
            CharClass::Lower => b'x',
            CharClass::Digit => b'd',
            CharClass::Letter => b'~',
            CharClass::Other(b) => b,
        };
        run = if s == last { run + 1 } else { 1 };
        last = s;
        if run <= 2 {
            h = fnv_byte(h, s);
        }
        bits |= u64::from(class == CharClass::Digit) | u64::from(c == '-') << 1;
        let letter = matches!(
            class,
            CharClass::Upper | CharClass::Lower | CharClass::Letter
        );
        letters += u32::from(letter);
        upper += u32::from(class == CharClass::Upper);
    }
    bits |= u64::from(upper > 0) << 2 | u64::from(letters > 1 && upper == letters) << 3;
    (finish(h), finish(0xf1a9 + bits))
}

/// How many features describe one position.
pub(crate) const N_FEATURES: usize = 28;

/// The features of word `i` given the classes `p1`, `p2` of the two words before it.
pub(crate) fn fill_features(
    words: &[WordKeys],
    i: usize,
    p1: u8,
    p2: u8,
    out: &mut [u64; N_FEATURES],
) {
    const BEFORE: WordKeys = WordKeys::boundary(1);
    const AFTER: WordKeys = WordKeys::boundary(2);
    let at = |k: isize| -> &WordKeys {
        let j = i as isize + k;
        if j < 0 {
            &BEFORE
        } else {
            words.get(j as usize).unwrap_or(&AFTER)
        }
    };
    let (w, prev, prev2, next, next2) = (at(0), at(-1), at(-2), at(1), at(2));
    let (p1, p2) = (u64::from(p1), u64::from(p2));
    let first = u64::from(i == 0);
    *out = [
        feature(0, 0, 0),
        feature(1, w.lower, 0),
        feature(2, w.form, 0),
        feature(3, w.suffix[0], 0),
        feature(4, w.suffix[1], 0),
        feature(5, w.suffix[2], 0),
        feature(6, w.suffix[3], 0),
        feature(7, w.prefix[0], 0),
        feature(8, w.prefix[1], 0),
        feature(9, w.prefix[2], 0),
        feature(10, w.shape, first),
        feature(11, p1, 0),
        feature(12, p2, 0),
        feature(13, p1, p2),
        feature(14, p1, w.lower),
        feature(15, prev.lower, 0),
        feature(16, prev.suffix[2], 0),
        feature(17, prev2.lower, 0),
        feature(18, next.lower, 0),
        feature(19, next.suffix[2], 0),
        feature(20, next2.lower, 0),
        feature(21, next.shape, 0),
        feature(22, w.lower, next.lower),
        feature(23, prev.lower, w.lower),
        feature(24, p1, w.suffix[2]),
        feature(25, p1, next.lower),
        feature(26, w.flags, first),
        feature(27, prev.shape, w.shape),
    ];
}

// ---------------------------------------------------------------------------------------
// Hashing: fixed functions, so a model means the same on every platform and run.

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_byte(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
}

/// FNV-1a over a character's UTF-8 bytes.
fn fnv_char(h: u64, c: char) -> u64 {
    let mut buf = [0u8; 4];
    c.encode_utf8(&mut buf).bytes().fold(h, fnv_byte)
}

/// Told apart by XOR: prefixes of 1–3, suffixes of 1–4 characters, the whole word. (A
/// short word's longer pieces equal its whole, yet each kind still gives its own key.)
const PIECE_KINDS: [u64; 8] = [
    0x243f_6a88_85a3_08d3,
    0x1319_8a2e_0370_7344,
    0xa409_3822_299f_31d0,
    0x082e_fa98_ec4e_6c89,
    0x4528_21e6_38d0_1377,
    0xbe54_66cf_34e9_0c6c,
    0xc0ac_29b7_c97c_50dd,
    0x3f84_d5b5_b547_0917,
];

/// The splitmix64 finaliser: spreads FNV's weak low bits over the whole word.
const fn finish(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hash of a piece of a word, `kind` telling prefixes, suffixes and forms apart.
fn hash_piece(kind: u64, bytes: &[u8]) -> u64 {
    let mut h = FNV_OFFSET ^ kind.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for &b in bytes {
        h = fnv_byte(h, b);
    }
    finish(h)
}

/// The hash of feature template `template` over two values.
fn feature(template: u64, a: u64, b: u64) -> u64 {
    let t = template.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    finish((t ^ a).wrapping_mul(0xff51_afd7_ed55_8ccd) ^ b.rotate_left(23))
}

/// The tag-dictionary key of a word form.
pub(crate) fn form_key(word: &str) -> u64 {
    hash_piece(0, word.as_bytes())
}

// ---------------------------------------------------------------------------------------
// The model file. Little-endian:
//   MAGIC; u16 class count, then (u8 UPOS, u8 XPOS) per class;
//   u32 dictionary size, then (u64 form key, u8 class) per word;
//   u32 feature count, then per feature: 6 bytes of key (the feature hash >> 16),
//     u8 weight count, (u8 class, i16 weight) per weight;
//   u64 FNV-1a checksum of everything before it.

/// A feature's weights as training exports them.
#[cfg(any(test, feature = "train"))]
pub(crate) struct FeatureWeights {
    pub(crate) key: u64,
    pub(crate) weights: Vec<Entry>,
}

/// Encodes a model. `features` keys are full feature hashes; only their top 48 bits are kept.
#[cfg(any(test, feature = "train"))]
pub(crate) fn encode_model(
    classes: &[Tag],
    dictionary: &[(u64, u8)],
    features: &[FeatureWeights],
) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend((classes.len() as u16).to_le_bytes());
    for tag in classes {
        out.extend([tag.upos as u8, tag.xpos as u8]);
    }
    out.extend((dictionary.len() as u32).to_le_bytes());
    for &(key, class) in dictionary {
        out.extend(key.to_le_bytes());
        out.push(class);
    }
    out.extend((features.len() as u32).to_le_bytes());
    for f in features {
        out.extend(&(f.key >> 16).to_le_bytes()[..6]);
        out.push(f.weights.len() as u8);
        for e in &f.weights {
            out.push(e.class);
            out.extend(e.weight.to_le_bytes());
        }
    }
    let checksum = checksum(&out);
    out.extend(checksum.to_le_bytes());
    out
}

fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, &b| fnv_byte(h, b))
}

/// Reads little-endian values off the front of a byte slice.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if self.bytes.len() < n {
            return Err(ModelError::Truncated);
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    fn uint(&mut self, n: usize) -> Result<u64, ModelError> {
        let mut buf = [0u8; 8];
        buf[..n].copy_from_slice(self.take(n)?);
        Ok(u64::from_le_bytes(buf))
    }
}

impl Tagger {
    /// Decodes a model written by the trainer.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        if bytes.len() < MAGIC.len() + 8 || !bytes.starts_with(MAGIC) {
            return Err(ModelError::BadHeader);
        }
        let (body, stored) = bytes.split_at(bytes.len() - 8);
        if checksum(body) != (Reader { bytes: stored }).uint(8)? {
            return Err(ModelError::Checksum);
        }
        let mut r = Reader {
            bytes: &body[MAGIC.len()..],
        };
        let classes = read_classes(&mut r)?;
        let dictionary = read_dictionary(&mut r, classes.len())?;
        let features = read_features(&mut r, classes.len())?;
        if !r.bytes.is_empty() {
            return Err(ModelError::BadValue("length"));
        }
        Ok(Tagger {
            classes,
            dictionary,
            slots: features.slots,
            entries: features.entries,
            dense: features.dense,
            stride: features.stride,
        })
    }
}

fn read_classes(r: &mut Reader) -> Result<Vec<Tag>, ModelError> {
    let n = r.uint(2)? as usize;
    if n == 0 || n > MAX_CLASSES {
        return Err(ModelError::BadValue("class count"));
    }
    (0..n)
        .map(|_| {
            let upos = Upos::from_id(r.u8()?).ok_or(ModelError::BadValue("UPOS"))?;
            let xpos = Xpos::from_id(r.u8()?).ok_or(ModelError::BadValue("XPOS"))?;
            Ok(Tag { upos, xpos })
        })
        .collect()
}

/// A power-of-two table at most half full, so probes stay short and always end.
fn table_size(n: usize) -> usize {
    (n * 2).next_power_of_two().max(2)
}

fn read_dictionary(r: &mut Reader, classes: usize) -> Result<Vec<DictSlot>, ModelError> {
    let n = r.uint(4)? as usize;
    if n > r.bytes.len() / 9 {
        return Err(ModelError::Truncated);
    }
    let empty = DictSlot {
        key: 0,
        class: u8::MAX,
    };
    let mut table = vec![empty; table_size(n)];
    let mask = table.len() - 1;
    for _ in 0..n {
        let key = r.uint(8)?;
        let class = r.u8()?;
        if usize::from(class) >= classes {
            return Err(ModelError::BadValue("dictionary class"));
        }
        let mut i = (key as usize) & mask;
        while table[i].class != u8::MAX {
            i = (i + 1) & mask;
        }
        table[i] = DictSlot { key, class };
    }
    Ok(table)
}

/// The feature weights as the tagger holds them in memory.
struct FeatureTable {
    slots: Vec<Slot>,
    entries: Vec<Entry>,
    dense: Vec<i16>,
    stride: usize,
}

fn read_features(r: &mut Reader, classes: usize) -> Result<FeatureTable, ModelError> {
    let n = r.uint(4)? as usize;
    if n > r.bytes.len() / 7 {
        return Err(ModelError::Truncated);
    }
    let mut table = FeatureTable {
        slots: vec![Slot::default(); table_size(n)],
        entries: Vec::new(),
        dense: Vec::new(),
        stride: classes.div_ceil(LANES) * LANES,
    };
    let mask = table.slots.len() - 1;
    let mut weights = Vec::with_capacity(MAX_CLASSES);
    for _ in 0..n {
        let key = r.uint(6)?;
        let len = r.u8()?;
        if len == 0 || usize::from(len) > classes {
            return Err(ModelError::BadValue("feature"));
        }
        weights.clear();
        for _ in 0..len {
            let class = r.u8()?;
            let weight = r.uint(2)? as u16 as i16;
            if usize::from(class) >= classes {
                return Err(ModelError::BadValue("feature class"));
            }
            weights.push(Entry { class, weight });
        }
        let slot = table.slot_for((key >> 16) as u32, &weights)?;
        let mut i = (key as usize) & mask;
        while table.slots[i].len != 0 {
            i = (i + 1) & mask;
        }
        table.slots[i] = slot;
    }
    Ok(table)
}

impl FeatureTable {
    /// The slot of a feature with these weights, storing them inline, as a list or as a
    /// dense row according to how many there are.
    fn slot_for(&mut self, check: u32, weights: &[Entry]) -> Result<Slot, ModelError> {
        let len = weights.len();
        if len <= INLINE {
            let mut slot = Slot {
                check,
                len: len as u8,
                ..Slot::default()
            };
            for (k, e) in weights.iter().enumerate() {
                (slot.classes[k], slot.weights[k]) = (e.class, e.weight);
            }
            return Ok(slot);
        }
        let too_big = |n: usize| u32::try_from(n).map_err(|_| ModelError::BadValue("size"));
        if len <= SPARSE_MAX {
            let start = too_big(self.entries.len())?;
            self.entries.extend_from_slice(weights);
            return Ok(Slot::spilled(check, len as u8, start));
        }
        let start = self.dense.len();
        self.dense.resize(start + self.stride, 0);
        for e in weights {
            self.dense[start + usize::from(e.class)] = e.weight;
        }
        Ok(Slot::spilled(check, DENSE, too_big(start)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tagged(sentence: &str) -> Vec<Tag> {
        let words: Vec<&str> = sentence.split(' ').collect();
        Tagger::try_bundled()
            .expect("the bundled model decodes")
            .tag(&words)
    }

    fn upos(sentence: &str) -> Vec<&'static str> {
        tagged(sentence).iter().map(|t| t.upos.name()).collect()
    }

    #[test]
    fn bundled_model_decodes() {
        let tagger = Tagger::try_bundled().expect("the bundled model decodes");
        assert!(tagger.classes().len() > 40);
        assert!(tagger.slots.iter().any(|s| s.len != 0));
    }

    #[test]
    fn negated_verb_is_aux_part_verb() {
        assert_eq!(
            upos("The ministry did not withdraw its troops ."),
            [
                "DET", "NOUN", "AUX", "PART", "VERB", "PRON", "NOUN", "PUNCT"
            ]
        );
    }

    #[test]
    fn invented_news_sentences() {
        assert_eq!(
            upos("Officials said the talks had collapsed on Tuesday ."),
            [
                "NOUN", "VERB", "DET", "NOUN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"
            ]
        );
        let tags = tagged("She has been denying reports that 1,500 soldiers were killed .");
        let xpos: Vec<_> = tags.iter().map(|t| t.xpos.name()).collect();
        assert_eq!(
            xpos,
            [
                "PRP", "VBZ", "VBN", "VBG", "NNS", "IN", "CD", "NNS", "VBD", "VBN", "."
            ]
        );
    }

    #[test]
    fn reused_buffer_gives_same_tags() {
        let tagger = Tagger::try_bundled().expect("the bundled model decodes");
        let mut buffer = TagBuffer::new();
        let long = [
            "A", "long", "sentence", "with", "many", "words", "in", "it", ".",
        ];
        let first = tagger.tag_into(&long, &mut buffer).to_vec();
        assert_eq!(first, tagger.tag(&long));
        let short = ["He", "left", "."];
        assert_eq!(tagger.tag_into(&short, &mut buffer), tagger.tag(&short));
        assert!(tagger.tag(&[]).is_empty());
    }

    #[test]
    fn names_round_trip() {
        for u in Upos::ALL {
            assert_eq!(Upos::from_name(u.name()), Some(u));
        }
        for x in Xpos::ALL {
            assert_eq!(Xpos::from_name(x.name()), Some(x));
        }
        assert_eq!(Xpos::PrpPossessive.name(), "PRP$");
    }

    #[test]
    fn bad_bytes_are_errors_not_panics() {
        assert_eq!(
            Tagger::from_bytes(b"nonsense").err(),
            Some(ModelError::BadHeader)
        );
        let mut bytes = BUNDLED_BYTES.to_vec();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x55;
        assert_eq!(Tagger::from_bytes(&bytes).err(), Some(ModelError::Checksum));
        let tag = Tag {
            upos: Upos::Noun,
            xpos: Xpos::Nn,
        };
        let model = encode_model(&[tag], &[], &[]);
        assert!(Tagger::from_bytes(&model[..model.len() - 9]).is_err());
        let empty = Tagger::from_bytes(&model).expect("a minimal model decodes");
        assert_eq!(empty.tag(&["word"]), [tag]);
    }
}
