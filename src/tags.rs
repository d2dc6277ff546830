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
    entries: Vec<Entry>,
}

/// A tag-dictionary slot: the hash of a word form and its class; `class == u8::MAX` is empty.
#[derive(Clone, Copy)]
struct DictSlot {
    key: u64,
    class: u8,
}

/// A feature slot: 32 bits of the feature key, to tell features that share a slot index
/// apart, and where its weights are (`start << 8 | len`; 0 when the slot is empty).
#[derive(Clone, Copy, Default)]
struct Slot {
    check: u32,
    packed: u32,
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

    /// The weights of one feature, empty if the model does not know it.
    fn weights(&self, feature: u64) -> &[Entry] {
        let key = feature >> 16;
        let mask = self.slots.len() - 1;
        let check = (key >> 16) as u32;
        let mut i = (key as usize) & mask;
        loop {
            let slot = self.slots[i];
            if slot.packed == 0 {
                return &[];
            }
            if slot.check == check {
                let start = (slot.packed >> 8) as usize;
                let len = (slot.packed & 0xff) as usize;
                return self.entries.get(start..start + len).unwrap_or(&[]);
            }
            i = (i + 1) & mask;
        }
    }

    fn best_class(&self, features: &[u64; N_FEATURES]) -> u8 {
        let mut scores = [0i32; MAX_CLASSES];
        for &feature in features {
            for entry in self.weights(feature) {
                scores[usize::from(entry.class)] += i32::from(entry.weight);
            }
        }
        argmax(&scores[..self.classes.len()])
    }
}

/// The index of the highest score; the lowest index wins a tie, so ties are deterministic.
pub(crate) fn argmax<T: PartialOrd + Copy>(scores: &[T]) -> u8 {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best as u8
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
        for c in word.chars() {
            lower.extend(c.to_lowercase());
        }
        let mut prefix = [0; 3];
        let mut suffix = [0; 4];
        let mut ends = lower.char_indices().map(|(i, _)| i).skip(1);
        for (k, p) in prefix.iter_mut().enumerate() {
            let end = ends.next().unwrap_or(lower.len());
            *p = hash_piece(k as u64 + 1, &lower.as_bytes()[..end]);
        }
        let mut starts = lower.char_indices().rev().map(|(i, _)| i);
        for (k, s) in suffix.iter_mut().enumerate() {
            let start = starts.next().unwrap_or(0);
            *s = hash_piece(k as u64 + 11, &lower.as_bytes()[start..]);
        }
        WordKeys {
            form: form_key(word),
            lower: hash_piece(20, lower.as_bytes()),
            prefix,
            suffix,
            shape: shape_hash(word),
            flags: flags(word),
        }
    }

    /// The stand-in for the words before the start and after the end of a sentence.
    fn boundary(side: u64) -> WordKeys {
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

/// The word's shape with runs capped at two: "Xxx" for "London", "dd,ddd" for "1,500",
/// "X.X." for "U.S.", hashed as it is produced.
fn shape_hash(word: &str) -> u64 {
    let mut h = FNV_OFFSET;
    let (mut last, mut run) = ('\0', 0);
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if c.is_ascii() {
            c
        } else {
            '~'
        };
        run = if s == last { run + 1 } else { 1 };
        last = s;
        if run <= 2 {
            h = fnv_byte(h, s as u8);
        }
    }
    finish(h)
}

/// Coarse properties of a word: has a digit, a hyphen, an upper-case letter, all upper.
fn flags(word: &str) -> u64 {
    let mut bits = 0u64;
    let mut letters = 0;
    let mut upper = 0;
    for c in word.chars() {
        bits |= u64::from(c.is_ascii_digit()) | u64::from(c == '-') << 1;
        if c.is_alphabetic() {
            letters += 1;
            upper += u32::from(c.is_uppercase());
        }
    }
    bits |= u64::from(upper > 0) << 2 | u64::from(letters > 1 && upper == letters) << 3;
    finish(0xf1a9 + bits)
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
    let before = WordKeys::boundary(1);
    let after = WordKeys::boundary(2);
    let at = |k: isize| -> &WordKeys {
        let j = i as isize + k;
        if j < 0 {
            &before
        } else {
            words.get(j as usize).unwrap_or(&after)
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

/// The splitmix64 finaliser: spreads FNV's weak low bits over the whole word.
fn finish(mut x: u64) -> u64 {
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
        let (slots, entries) = read_features(&mut r, classes.len())?;
        if !r.bytes.is_empty() {
            return Err(ModelError::BadValue("length"));
        }
        Ok(Tagger {
            classes,
            dictionary,
            slots,
            entries,
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

fn read_features(r: &mut Reader, classes: usize) -> Result<(Vec<Slot>, Vec<Entry>), ModelError> {
    let n = r.uint(4)? as usize;
    if n > r.bytes.len() / 7 {
        return Err(ModelError::Truncated);
    }
    let mut slots = vec![Slot::default(); table_size(n)];
    let mask = slots.len() - 1;
    let mut entries = Vec::with_capacity(r.bytes.len() / 3);
    for _ in 0..n {
        let key = r.uint(6)?;
        let len = r.u8()?;
        let start = entries.len();
        if len == 0 || start >= 1 << 24 {
            return Err(ModelError::BadValue("feature"));
        }
        for _ in 0..len {
            let class = r.u8()?;
            let weight = r.uint(2)? as u16 as i16;
            if usize::from(class) >= classes {
                return Err(ModelError::BadValue("feature class"));
            }
            entries.push(Entry { class, weight });
        }
        let mut i = (key as usize) & mask;
        while slots[i].packed != 0 {
            i = (i + 1) & mask;
        }
        slots[i] = Slot {
            check: (key >> 16) as u32,
            packed: (start as u32) << 8 | u32::from(len),
        };
    }
    Ok((slots, entries))
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
        assert!(!tagger.entries.is_empty());
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
