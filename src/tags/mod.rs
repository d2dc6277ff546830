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

mod features;
mod model;
mod tagset;

#[cfg(feature = "train")]
pub(crate) use features::form_key;
pub(crate) use features::{N_FEATURES, WordKeys, fill_features};
pub(crate) use model::Bundled;
#[cfg(feature = "train")]
pub(crate) use model::FeatureWeights;
pub use model::ModelError;
#[cfg(any(test, feature = "train"))]
pub(crate) use model::encode_model;
pub use tagset::{Upos, Xpos};

use std::fmt;

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
/// The largest weight magnitude training writes: a quarter of the i16 range, so that the
/// few large weights of one word rarely saturate its score.
#[cfg(feature = "train")]
pub(crate) const WEIGHT_MAX: f64 = 8191.0;
/// The most classes a model may have: scores live in a fixed array on the stack.
pub const MAX_CLASSES: usize = 128;
/// The first bytes of a model file: name and format version.
static BUNDLED_BYTES: &[u8] = include_bytes!("../../model/tagger.bin");
static BUNDLED: Bundled<Tagger, ModelError> = Bundled::new();

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
        BUNDLED.or_empty(|| Tagger::from_bytes(BUNDLED_BYTES), Tagger::empty)
    }

    /// The tagger shipped in the binary, or why it cannot be decoded.
    pub fn try_bundled() -> Result<&'static Tagger, ModelError> {
        BUNDLED.get(|| Tagger::from_bytes(BUNDLED_BYTES))
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

#[cfg(test)]
mod tests;
