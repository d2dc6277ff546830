//! `synonyms.yaml`: the sets of a word's own most frequent senses.

use crate::antonyms::pos_order;
use crate::wordnet::{Key, WordNet};
use crate::yaml::{header, lemma, list, pos_name, synset_id};
use crate::{COMMON, SYNONYM_SENSE, SYNONYM_SENSES};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// A word's senses, the most frequent first.
fn ranked_senses(wn: &WordNet, word: &str, letter: char) -> Vec<Key> {
    let Some(senses) = wn.senses.get(&(word.to_string(), letter)) else {
        return Vec::new();
    };
    let mut senses = senses.clone();
    senses.sort_by_key(|&k| (std::cmp::Reverse(wn.count(word, k)), k));
    senses
}

/// A word's most frequent senses, enough tagged to count.
pub(crate) fn top_senses(wn: &WordNet, word: &str, letter: char) -> Vec<Key> {
    let senses = ranked_senses(wn, word, letter);
    let best = senses.first().map_or(0, |&k| wn.count(word, k));
    senses
        .into_iter()
        .take(SYNONYM_SENSES)
        .filter(|&k| wn.count(word, k) >= SYNONYM_SENSE && 4 * wn.count(word, k) >= best)
        .collect()
}

/// Whether a set is one of the word's own few most frequent senses, tagged at least once:
/// "have" is no synonym of "accept", though WordNet has a sense where it is.
fn member(wn: &WordNet, word: &str, key: Key) -> bool {
    let lower = word.to_lowercase();
    let own = ranked_senses(wn, &lower, key.0);
    wn.count(word, key) >= 1 && own.iter().take(SYNONYM_SENSES).any(|&k| k == key)
}

fn synonym_sets(wn: &WordNet) -> BTreeMap<Key, Vec<String>> {
    let mut sets = BTreeMap::new();
    for ((word, letter), &total) in &wn.totals {
        if !"va".contains(*letter) || total < COMMON {
            continue;
        }
        for key in top_senses(wn, word, *letter) {
            let Some(s) = wn.synsets.get(&key) else {
                continue;
            };
            let members: BTreeSet<String> = s
                .words
                .iter()
                .filter(|w| member(wn, w, key))
                .map(|w| lemma(w))
                .collect();
            if members.len() >= 2 {
                sets.insert(key, members.into_iter().collect());
            }
        }
    }
    sets
}

pub(crate) fn synonyms_yaml(wn: &WordNet, words: &mut BTreeSet<(char, String)>) -> String {
    let sets = synonym_sets(wn);
    let mut order: Vec<(&Key, &Vec<String>)> = sets.iter().collect();
    order.sort_by(|x, y| (pos_order(x.0.0), x.1, x.0).cmp(&(pos_order(y.0.0), y.1, y.0)));
    let kept = format!(
        "Kept: for every verb and adjective tagged at least {COMMON} times, its (at most)\n\
         {SYNONYM_SENSES} most frequent senses tagged at least {SYNONYM_SENSE} times and at \
         least a quarter as\noften as its first; of each, the words tagged at least once in \
         that sense, when\nit is one of their own {SYNONYM_SENSES} most frequent, if there are \
         two or more. {} sets.",
        sets.len()
    );
    let what = "Synonyms: sets of words that say the same in their common sense, from WordNet.";
    let mut out = header(wn, what, &kept);
    out.push_str("synonyms:\n  sets:\n");
    for (&key, members) in order {
        for w in members {
            words.insert((key.0, w.clone()));
        }
        let id = synset_id(wn, key);
        let pos = pos_name(key.0);
        let _ = writeln!(
            out,
            "    - {{id: {id}, pos: {pos}, words: {}}}",
            list(members)
        );
    }
    out
}
