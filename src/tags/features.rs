//! Features: the hashed pieces of a word and the feature templates over a word and its
//! neighbours, shared with training so that the two cannot drift apart.

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

pub(super) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

pub(super) fn fnv_byte(h: u64, b: u8) -> u64 {
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
