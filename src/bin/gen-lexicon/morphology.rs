//! `morphology.yaml`: irregular forms of the words the other files name.

use crate::COMMON;
use crate::antonyms::pos_order;
use crate::country_words::is_person;
use crate::wordnet::WordNet;
use crate::yaml::{header, lemma, list, pos_name, q};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// `-man` and `-woman` nouns of people whose first part is a word: spokesman → spokesmen.
pub(crate) fn man_plural(wn: &WordNet, word: &str) -> Option<String> {
    let (stem, plural) = match word.strip_suffix("woman") {
        Some(stem) => (stem, "women"),
        None => (word.strip_suffix("man")?, "men"),
    };
    let is_word = "nvar"
        .chars()
        .any(|l| wn.senses.contains_key(&(stem.to_string(), l)));
    let person = is_person(wn, word);
    let simple = stem.len() >= 3 && stem.chars().all(|c| c.is_ascii_lowercase());
    (is_word && person && simple).then(|| format!("{stem}{plural}"))
}

fn irregular_forms(
    wn: &WordNet,
    wanted: &BTreeSet<(char, String)>,
) -> BTreeMap<(char, String), BTreeSet<String>> {
    let keep = |letter: char, word: &str| {
        wn.common(word, letter) || wanted.contains(&(letter, lemma(word)))
    };
    let mut out: BTreeMap<(char, String), BTreeSet<String>> = BTreeMap::new();
    for ((letter, word), forms) in &wn.exceptions {
        let l = lemma(word);
        let forms: BTreeSet<String> = forms
            .iter()
            .map(|f| f.to_lowercase())
            .filter(|f| *f != l)
            .collect();
        if keep(*letter, word) && !forms.is_empty() {
            out.insert((*letter, l), forms);
        }
    }
    for (word, _) in wn
        .senses
        .keys()
        .filter(|(w, l)| *l == 'n' && w.ends_with("man"))
    {
        let key = ('n', lemma(word));
        if keep('n', word)
            && !out.contains_key(&key)
            && let Some(p) = man_plural(wn, word)
        {
            out.insert(key, BTreeSet::from([p]));
        }
    }
    out
}

pub(crate) fn morphology_yaml(wn: &WordNet, wanted: &BTreeSet<(char, String)>) -> String {
    let forms = irregular_forms(wn, wanted);
    let mut order: Vec<_> = forms.iter().collect();
    order.sort_by(|x, y| (pos_order(x.0.0), &x.0.1).cmp(&(pos_order(y.0.0), &y.0.1)));
    let kept = format!(
        "Kept: the exceptions of verb.exc, noun.exc and adj.exc for lemmas tagged at least\n\
         {COMMON} times or found in antonyms.yaml, synonyms.yaml or derivations.yaml, and the\n\
         plurals of such nouns of people in -man and -woman whose first part is a word\n\
         (spokesman → spokesmen). Regular forms are rules in code. {} lemmas.",
        forms.len()
    );
    let what = "Morphology: irregular inflections, lemma → forms, from WordNet.";
    let mut out = header(wn, what, &kept);
    out.push_str("morphology:\n  irregular:\n");
    for ((letter, word), forms) in order {
        let forms: Vec<String> = forms.iter().cloned().collect();
        let pos = pos_name(*letter);
        let _ = writeln!(
            out,
            "    - {{lemma: {}, pos: {pos}, forms: {}}}",
            q(word),
            list(&forms)
        );
    }
    out
}
