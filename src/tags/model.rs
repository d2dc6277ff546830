//! The model file: its format, the encoder training uses and the checked decoder.
//!
//! Little-endian:
//!
//! ```text
//! MAGIC; u16 class count, then (u8 UPOS, u8 XPOS) per class;
//! u32 dictionary size, then (u64 form key, u8 class) per word;
//! u32 feature count, then per feature: 6 bytes of key (the feature hash >> 16),
//!   u8 weight count, (u8 class, i16 weight) per weight; features in the order of their
//!   home slot in the decoder's table, so that decoding fills the table front to back;
//! u64 checksum of everything before it: FNV-1a over its 8-byte little-endian words, then
//! over the bytes left after the last whole word.
//! ```

use super::features::{FNV_OFFSET, fnv_byte};
use super::{
    DENSE, DictSlot, Entry, INLINE, LANES, MAX_CLASSES, SPARSE_MAX, Slot, Tag, Tagger, Upos, Xpos,
};
use std::fmt;
use std::sync::OnceLock;

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

impl ModelError {
    /// The message, naming the file read as `file` ("tagger model", "lemma table").
    pub(crate) fn write(&self, f: &mut fmt::Formatter<'_>, file: &str) -> fmt::Result {
        match self {
            ModelError::BadHeader => write!(f, "not a {file} of this version"),
            ModelError::Truncated => write!(f, "{file} truncated"),
            ModelError::BadValue(what) => write!(f, "{file} has a bad {what}"),
            ModelError::Checksum => write!(f, "{file} checksum mismatch"),
        }
    }
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, "tagger model")
    }
}

impl std::error::Error for ModelError {}
pub(crate) const MAGIC: &[u8; 8] = b"CCTAGGR\x02";

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
    // In home-slot order (then by key, so the order is total): decoding then writes the
    // table front to back, where random order costs a cache miss a feature.
    let mask = table_size(features.len()) - 1;
    let mut in_order: Vec<&FeatureWeights> = features.iter().collect();
    in_order.sort_by_key(|f| (((f.key >> 16) as usize) & mask, f.key));
    for f in in_order {
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

/// A word at a time, since every run checks the whole bundled model: eight times fewer
/// steps than byte by byte, and still a change of any byte changes the sum.
fn checksum(bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0100_0000_01b3;
    let words = bytes.chunks_exact(8);
    let tail = words.remainder();
    let h = words.fold(FNV_OFFSET, |h, w| {
        let word = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        (h ^ word).wrapping_mul(PRIME)
    });
    tail.iter().fold(h, |h, &b| fnv_byte(h, b))
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
    for _ in 0..n {
        // A record: a 6-byte key, a count, and (class, i16 weight) per class; each read
        // from one checked slice, since the whole model is decoded on every run.
        let head = r.take(7)?;
        let key = u64::from_le_bytes([head[0], head[1], head[2], head[3], head[4], head[5], 0, 0]);
        let len = usize::from(head[6]);
        if len == 0 || len > classes {
            return Err(ModelError::BadValue("feature"));
        }
        let record = r.take(3 * len)?;
        if record.chunks_exact(3).any(|e| usize::from(e[0]) >= classes) {
            return Err(ModelError::BadValue("feature class"));
        }
        let slot = table.slot_for((key >> 16) as u32, record)?;
        // Features come in home-slot order, so this walks the table front to back.
        let mut i = (key as usize) & mask;
        while table.slots[i].len != 0 {
            i = (i + 1) & mask;
        }
        table.slots[i] = slot;
    }
    Ok(table)
}

/// The (class, weight) pairs of a record, classes already checked.
fn entries(record: &[u8]) -> impl Iterator<Item = Entry> + '_ {
    record.chunks_exact(3).map(|e| Entry {
        class: e[0],
        weight: i16::from_le_bytes([e[1], e[2]]),
    })
}

impl FeatureTable {
    /// The slot of a feature with these weights, storing them inline, as a list or as a
    /// dense row according to how many there are.
    fn slot_for(&mut self, check: u32, record: &[u8]) -> Result<Slot, ModelError> {
        let len = record.len() / 3;
        if len <= INLINE {
            let mut slot = Slot {
                check,
                len: len as u8,
                ..Slot::default()
            };
            for (k, e) in entries(record).enumerate() {
                (slot.classes[k], slot.weights[k]) = (e.class, e.weight);
            }
            return Ok(slot);
        }
        let too_big = |n: usize| u32::try_from(n).map_err(|_| ModelError::BadValue("size"));
        if len <= SPARSE_MAX {
            let start = too_big(self.entries.len())?;
            self.entries.extend(entries(record));
            return Ok(Slot::spilled(check, len as u8, start));
        }
        let start = self.dense.len();
        self.dense.resize(start + self.stride, 0);
        for e in entries(record) {
            self.dense[start + usize::from(e.class)] = e.weight;
        }
        Ok(Slot::spilled(check, DENSE, too_big(start)?))
    }
}

/// A model compiled into the binary, decoded on first use: the model, or why its bytes do
/// not decode, with an empty model to stand in then.
pub(crate) struct Bundled<T, E> {
    decoded: OnceLock<Result<T, E>>,
    empty: OnceLock<T>,
}

impl<T, E: Clone> Bundled<T, E> {
    pub(crate) const fn new() -> Self {
        Bundled {
            decoded: OnceLock::new(),
            empty: OnceLock::new(),
        }
    }

    /// The decoded model, or why it cannot be decoded.
    pub(crate) fn get(
        &'static self,
        decode: impl FnOnce() -> Result<T, E>,
    ) -> Result<&'static T, E> {
        self.decoded
            .get_or_init(decode)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The decoded model, or the empty one when it cannot be decoded.
    pub(crate) fn or_empty(
        &'static self,
        decode: impl FnOnce() -> Result<T, E>,
        empty: impl FnOnce() -> T,
    ) -> &'static T {
        match self.get(decode) {
            Ok(model) => model,
            Err(_) => self.empty.get_or_init(empty),
        }
    }
}
