//! Training (feature `train`): UD CoNLL-U text in, the bytes of `model/tagger.bin` and
//! `model/lemmas.bin` and the measurements the `train-tagger` command prints out.
//!
//! Pure and deterministic: the sentence order of each epoch comes from a seeded generator,
//! perceptron updates are integers, and every table is sorted before it is written, so the
//! same treebank and options give the same bytes.

use crate::lemma::{self, Lemmas};
use crate::tags::{
    self, Entry, FeatureWeights, N_FEATURES, Tag, Tagger, Upos, WordKeys, Xpos, fill_features,
    form_key, previous_classes,
};
use crate::tokens;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// One syntactic word of a treebank sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub tag: Tag,
}

/// A treebank sentence: its text (`# text =`) and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    pub words: Vec<Word>,
}

/// Reads CoNLL-U: the syntactic words of each sentence (multiword-token lines and empty
/// nodes are skipped). An error names the line.
pub fn parse_conllu(text: &str) -> Result<Vec<Sentence>, String> {
    let mut sentences = Vec::new();
    let mut current = Sentence {
        text: String::new(),
        words: Vec::new(),
    };
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            if !current.words.is_empty() {
                sentences.push(std::mem::replace(
                    &mut current,
                    Sentence {
                        text: String::new(),
                        words: Vec::new(),
                    },
                ));
            }
            continue;
        }
        if let Some(t) = line.strip_prefix("# text = ") {
            current.text = t.to_owned();
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 5 {
            return Err(format!("line {}: fewer than 5 columns", n + 1));
        }
        if cols[0].contains(['-', '.']) {
            continue;
        }
        let upos = Upos::from_name(cols[3]);
        let xpos = if cols[4] == "_" {
            Some(Xpos::Xx)
        } else {
            Xpos::from_name(cols[4])
        };
        let (Some(upos), Some(xpos)) = (upos, xpos) else {
            return Err(format!(
                "line {}: unknown tag {} {}",
                n + 1,
                cols[3],
                cols[4]
            ));
        };
        current.words.push(Word {
            form: cols[1].to_owned(),
            lemma: cols[2].to_owned(),
            tag: Tag { upos, xpos },
        });
    }
    if !current.words.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

/// The knobs of tagger training; the defaults are what `model/tagger.bin` was trained with.
#[derive(Debug, Clone)]
pub struct TaggerOptions {
    pub epochs: usize,
    pub seed: u64,
    /// A word enters the tag dictionary when seen this often...
    pub dictionary_min_count: usize,
    /// ...with one tag this share of the time.
    pub dictionary_min_share: f64,
    /// Averaged weights smaller than this are dropped from the model.
    pub prune: f64,
    /// A joint tag seen fewer times is folded into its nearest frequent one.
    pub min_class_count: usize,
}

impl Default for TaggerOptions {
    fn default() -> Self {
        TaggerOptions {
            epochs: 10,
            seed: 0x00c1_a1c1_a500,
            dictionary_min_count: 20,
            dictionary_min_share: 0.97,
            prune: 0.5,
            min_class_count: 2,
        }
    }
}

/// What one epoch did, for the progress lines.
#[derive(Debug, Clone, Copy)]
pub struct EpochReport {
    pub epoch: usize,
    pub correct: usize,
    pub total: usize,
}

/// Trains the tagger and returns the model bytes.
pub fn train_tagger(
    train: &[Sentence],
    options: &TaggerOptions,
    progress: &mut dyn FnMut(EpochReport),
) -> Vec<u8> {
    let classes = choose_classes(train, options.min_class_count);
    let class_of = |tag: Tag| nearest_class(&classes, tag);
    let dictionary = build_dictionary(train, options, &class_of);
    let lookup: HashMap<u64, u8, IdentityBuild> = dictionary.iter().copied().collect();
    let examples: Vec<(Vec<WordKeys>, Vec<u8>)> = train
        .iter()
        .map(|s| {
            let mut lower = String::new();
            let keys = s.words.iter().map(|w| WordKeys::of(&w.form, &mut lower));
            (
                keys.collect(),
                s.words.iter().map(|w| class_of(w.tag)).collect(),
            )
        })
        .collect();
    let mut model = Perceptron::new(classes.len());
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = SplitMix(options.seed);
    for epoch in 1..=options.epochs {
        rng.shuffle(&mut order);
        let mut report = EpochReport {
            epoch,
            correct: 0,
            total: 0,
        };
        for &k in &order {
            let (keys, gold) = &examples[k];
            let forms = train[k].words.iter().map(|w| form_key(&w.form));
            train_sentence(&mut model, &lookup, keys, gold, forms, &mut report);
        }
        progress(report);
    }
    let features = model.export(options.prune);
    tags::encode_model(&classes, &dictionary, &features)
}

fn train_sentence(
    model: &mut Perceptron,
    dictionary: &HashMap<u64, u8, IdentityBuild>,
    keys: &[WordKeys],
    gold: &[u8],
    forms: impl Iterator<Item = u64>,
    report: &mut EpochReport,
) {
    let mut chosen = Vec::with_capacity(gold.len());
    let mut features = [0u64; N_FEATURES];
    for (i, form) in forms.enumerate() {
        let guess = match dictionary.get(&form) {
            Some(&class) => class,
            None => {
                let (p1, p2) = previous_classes(&chosen, i);
                fill_features(keys, i, p1, p2, &mut features);
                let guess = model.predict(&features);
                if guess != gold[i] {
                    model.update(&features, gold[i], guess);
                }
                model.tick();
                guess
            }
        };
        report.total += 1;
        report.correct += usize::from(guess == gold[i]);
        chosen.push(guess);
    }
}

/// The joint tags seen at least `min_count` times, most frequent first (so class 0 is the
/// commonest, NOUN|NN on EWT).
fn choose_classes(train: &[Sentence], min_count: usize) -> Vec<Tag> {
    let mut counts: BTreeMap<Tag, usize> = BTreeMap::new();
    for w in train.iter().flat_map(|s| &s.words) {
        *counts.entry(w.tag).or_default() += 1;
    }
    let mut classes: Vec<(Tag, usize)> = counts
        .into_iter()
        .filter(|&(_, n)| n >= min_count)
        .collect();
    classes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    classes.truncate(tags::MAX_CLASSES);
    classes.into_iter().map(|(t, _)| t).collect()
}

/// The class of a tag: itself, or the commonest class with the same UPOS, or with the same
/// XPOS, or class 0.
fn nearest_class(classes: &[Tag], tag: Tag) -> u8 {
    let position = |f: &dyn Fn(&Tag) -> bool| classes.iter().position(f);
    position(&|c| *c == tag)
        .or_else(|| position(&|c| c.upos == tag.upos))
        .or_else(|| position(&|c| c.xpos == tag.xpos))
        .unwrap_or(0) as u8
}

/// Word forms (their keys) that are frequent and nearly always get one class.
fn build_dictionary(
    train: &[Sentence],
    options: &TaggerOptions,
    class_of: &dyn Fn(Tag) -> u8,
) -> Vec<(u64, u8)> {
    let mut counts: BTreeMap<&str, BTreeMap<u8, usize>> = BTreeMap::new();
    for w in train.iter().flat_map(|s| &s.words) {
        *counts
            .entry(&w.form)
            .or_default()
            .entry(class_of(w.tag))
            .or_default() += 1;
    }
    let mut dictionary: Vec<(u64, u8)> = counts
        .into_iter()
        .filter_map(|(form, by_class)| {
            let total: usize = by_class.values().sum();
            let (&class, &n) = by_class
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
            let frequent = total >= options.dictionary_min_count;
            (frequent && n as f64 >= options.dictionary_min_share * total as f64)
                .then(|| (form_key(form), class))
        })
        .collect();
    dictionary.sort_unstable();
    dictionary.dedup_by_key(|e| e.0);
    dictionary
}

/// Keys are feature hashes already: hashing them again would only cost time.
#[derive(Default)]
struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type IdentityBuild = BuildHasherDefault<IdentityHasher>;

/// One class weight of a feature while training, averaged by Daumé's trick: the average
/// over all steps is `weight - timed / steps`, so untouched weights cost nothing per step.
#[derive(Clone, Copy)]
struct Accumulator {
    class: u8,
    weight: i32,
    timed: i64,
}

struct Perceptron {
    weights: HashMap<u64, Vec<Accumulator>, IdentityBuild>,
    classes: usize,
    steps: i64,
}

impl Perceptron {
    fn new(classes: usize) -> Perceptron {
        Perceptron {
            weights: HashMap::default(),
            classes,
            steps: 1,
        }
    }

    fn predict(&self, features: &[u64]) -> u8 {
        let mut scores = [0i64; tags::MAX_CLASSES];
        for f in features {
            for a in self.weights.get(f).into_iter().flatten() {
                scores[usize::from(a.class)] += i64::from(a.weight);
            }
        }
        tags::argmax(&scores[..self.classes])
    }

    fn update(&mut self, features: &[u64], truth: u8, guess: u8) {
        for &f in features {
            let row = self.weights.entry(f).or_default();
            for (class, delta) in [(truth, 1), (guess, -1)] {
                let i = match row.iter().position(|a| a.class == class) {
                    Some(i) => i,
                    None => {
                        row.push(Accumulator {
                            class,
                            weight: 0,
                            timed: 0,
                        });
                        row.len() - 1
                    }
                };
                let a = &mut row[i];
                a.weight += delta;
                a.timed += self.steps * i64::from(delta);
            }
        }
    }

    fn tick(&mut self) {
        self.steps += 1;
    }

    /// Averaged, pruned and quantised to i16, sorted by the 48 bits of key the model keeps
    /// (features that share them are merged).
    fn export(&self, prune: f64) -> Vec<FeatureWeights> {
        let steps = self.steps as f64;
        let mut averaged: Vec<(u64, Vec<(u8, f64)>)> = self
            .weights
            .iter()
            .map(|(&key, row)| {
                let kept = row
                    .iter()
                    .map(|a| (a.class, f64::from(a.weight) - a.timed as f64 / steps))
                    .filter(|(_, w)| w.abs() >= prune);
                (key & !0xffff, kept.collect())
            })
            .filter(|(_, row): &(u64, Vec<_>)| !row.is_empty())
            .collect();
        averaged.sort_by_key(|(key, _)| *key);
        let largest = averaged
            .iter()
            .flat_map(|(_, row)| row.iter().map(|(_, w)| w.abs()))
            .fold(1.0, f64::max);
        let scale = tags::WEIGHT_MAX / largest;
        let mut features: Vec<FeatureWeights> = Vec::with_capacity(averaged.len());
        for (key, row) in averaged {
            let mut weights: Vec<Entry> = row
                .iter()
                .map(|&(class, w)| Entry {
                    class,
                    weight: (w * scale).round() as i16,
                })
                .filter(|e| e.weight != 0)
                .collect();
            weights.sort_by_key(|e| e.class);
            match features.last_mut() {
                Some(last) if last.key == key => merge(&mut last.weights, &weights),
                _ if !weights.is_empty() => features.push(FeatureWeights { key, weights }),
                _ => {}
            }
        }
        features
    }
}

fn merge(into: &mut Vec<Entry>, more: &[Entry]) {
    for e in more {
        match into.iter_mut().find(|x| x.class == e.class) {
            Some(x) => x.weight = x.weight.saturating_add(e.weight),
            None => into.push(*e),
        }
    }
    into.sort_by_key(|e| e.class);
}

/// splitmix64: a tiny seeded generator, so the shuffles are the same on every machine.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Fisher–Yates.
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Measurements.

/// Tagging accuracy over a set of sentences, counted per word.
#[derive(Debug, Clone, Copy, Default)]
pub struct TagScores {
    pub words: usize,
    pub upos: usize,
    pub xpos: usize,
    pub both: usize,
    /// Words never seen in training, and how many of them got the right UPOS.
    pub unseen: usize,
    pub unseen_upos: usize,
}

/// A share as a percentage.
pub fn percent(part: usize, whole: usize) -> f64 {
    100.0 * part as f64 / whole.max(1) as f64
}

/// Tags `sentences` with the gold words and compares with the gold tags. `seen` holds the
/// training forms, to count unseen words apart.
pub fn evaluate_tagger(
    tagger: &Tagger,
    sentences: &[Sentence],
    seen: &std::collections::HashSet<&str>,
) -> TagScores {
    let mut scores = TagScores::default();
    let mut buffer = tags::TagBuffer::new();
    for s in sentences {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let predicted = tagger.tag_into(&words, &mut buffer);
        for (w, p) in s.words.iter().zip(predicted) {
            let (u, x) = (w.tag.upos == p.upos, w.tag.xpos == p.xpos);
            scores.words += 1;
            scores.upos += usize::from(u);
            scores.xpos += usize::from(x);
            scores.both += usize::from(u && x);
            if !seen.contains(w.form.as_str()) {
                scores.unseen += 1;
                scores.unseen_upos += usize::from(u);
            }
        }
    }
    scores
}

/// Learns the lemma exceptions: for each lower-cased form and UPOS of the training words,
/// the commonest gold lemma, kept where it is right at least `min_gain` more times than the
/// rules. Returns the table bytes.
pub fn train_lemmas(train: &[Sentence], min_gain: usize) -> Vec<u8> {
    /// The occurrences of one lower-cased form with one UPOS.
    #[derive(Default)]
    struct Group<'a> {
        gold: BTreeMap<&'a str, usize>,
        rules_right: usize,
    }
    let rules = Lemmas::empty();
    let mut groups: BTreeMap<(String, Upos), Group> = BTreeMap::new();
    for w in train.iter().flat_map(|s| &s.words) {
        let group = groups
            .entry((w.form.to_lowercase(), w.tag.upos))
            .or_default();
        *group.gold.entry(&w.lemma).or_default() += 1;
        group.rules_right += usize::from(rules.lemma(&w.form, w.tag) == w.lemma);
    }
    let mut entries = Vec::new();
    for ((form, upos), group) in groups {
        let best = group
            .gold
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)));
        if let Some((&lemma, &n)) = best
            && n >= group.rules_right + min_gain
            && form.len() < 256
            && lemma.len() < 256
        {
            entries.push((form, upos, lemma.to_owned()));
        }
    }
    lemma::encode_table(&entries)
}

/// Lemma accuracy with gold tags and with the tagger's tags.
#[derive(Debug, Clone, Copy, Default)]
pub struct LemmaScores {
    pub words: usize,
    pub gold_tags: usize,
    pub predicted_tags: usize,
}

pub fn evaluate_lemmas(lemmas: &Lemmas, tagger: &Tagger, sentences: &[Sentence]) -> LemmaScores {
    let mut scores = LemmaScores::default();
    let mut buffer = tags::TagBuffer::new();
    for s in sentences {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let predicted = tagger.tag_into(&words, &mut buffer);
        for (w, &p) in s.words.iter().zip(predicted) {
            scores.words += 1;
            scores.gold_tags += usize::from(lemmas.lemma(&w.form, w.tag) == w.lemma);
            scores.predicted_tags += usize::from(lemmas.lemma(&w.form, p) == w.lemma);
        }
    }
    scores
}

/// How well [`tokens::tokenize`] reproduces the treebank's words from the sentence text.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenScores {
    pub sentences: usize,
    pub exact_sentences: usize,
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
}

/// Compares token spans with the gold words' spans in `# text`; sentences whose words are
/// not substrings of the text in order (a few typo-fixing multiword tokens) are skipped.
pub fn evaluate_tokenizer(sentences: &[Sentence]) -> TokenScores {
    let mut scores = TokenScores::default();
    for s in sentences {
        let Some(gold) = gold_spans(s) else { continue };
        let predicted = tokens::tokenize(&s.text, 0, s.text.len());
        let predicted: Vec<(usize, usize)> = predicted.iter().map(|t| (t.start, t.end)).collect();
        let matched = predicted
            .iter()
            .filter(|p| gold.binary_search(p).is_ok())
            .count();
        scores.sentences += 1;
        scores.exact_sentences += usize::from(predicted == gold);
        scores.gold += gold.len();
        scores.predicted += predicted.len();
        scores.matched += matched;
    }
    scores
}

fn gold_spans(s: &Sentence) -> Option<Vec<(usize, usize)>> {
    let mut at = 0;
    let mut spans = Vec::with_capacity(s.words.len());
    for w in &s.words {
        let rest = s.text.get(at..)?;
        at += rest.len() - rest.trim_start().len();
        if !s.text.get(at..)?.starts_with(&w.form) {
            return None;
        }
        spans.push((at, at + w.form.len()));
        at += w.form.len();
    }
    Some(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = "# text = They didn't go.\n\
        1-2\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n\
        1\tThey\tthey\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
        2\tdid\tdo\tAUX\tVBD\t_\t3\taux\t_\t_\n\
        3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
        4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
        5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    #[test]
    fn parses_conllu_words() {
        let sentences = parse_conllu(TINY).expect("parses");
        assert_eq!(sentences.len(), 1);
        let forms: Vec<_> = sentences[0].words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["They", "did", "n't", "go", "."]);
        assert_eq!(sentences[0].words[2].tag.upos, Upos::Part);
        assert!(parse_conllu("1\tx\tx\tNOPE\tNN\n").is_err());
    }

    #[test]
    fn training_is_deterministic_and_learns() {
        let mut text = String::new();
        for _ in 0..30 {
            text.push_str(TINY.replace("didn't", "did not").as_str());
        }
        let sentences = parse_conllu(&text).expect("parses");
        let options = TaggerOptions {
            epochs: 3,
            prune: 0.0,
            ..TaggerOptions::default()
        };
        let a = train_tagger(&sentences, &options, &mut |_| {});
        let b = train_tagger(&sentences, &options, &mut |_| {});
        assert_eq!(a, b);
        let tagger = Tagger::from_bytes(&a).expect("decodes");
        let tags = tagger.tag(&["They", "did", "n't", "go", "."]);
        let upos: Vec<_> = tags.iter().map(|t| t.upos).collect();
        assert_eq!(
            upos,
            [Upos::Pron, Upos::Aux, Upos::Part, Upos::Verb, Upos::Punct]
        );
        let scores = evaluate_tokenizer(&parse_conllu(TINY).expect("parses"));
        assert_eq!((scores.gold, scores.matched), (5, 5));
    }
}
