//! `antonyms.yaml`: direct antonyms of common words, and indirect ones of adjective
//! satellites.

use crate::synonyms::top_senses;
use crate::wordnet::{Key, WordNet};
use crate::yaml::{header, lemma, pos_name, q, synset_id};
use crate::{COMMON, INDIRECT_SENSE, INDIRECT_TOTAL, NOUN_ANTONYM_SENSE, NOUN_ANTONYM_TOTAL};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

struct Pair {
    pos: char,
    a: String,
    b: String,
    synsets: (Key, Key),
    via: Option<String>,
    score: u32,
}

type PairKey = (char, String, String);

fn sorted_key(pos: char, a: &str, b: &str) -> PairKey {
    let (x, y) = if a <= b { (a, b) } else { (b, a) };
    (pos, x.to_string(), y.to_string())
}

fn keep_direct(wn: &WordNet, letter: char, (a, b): (&str, &str), score: u32) -> bool {
    if letter == 'n' {
        let t = NOUN_ANTONYM_TOTAL;
        score >= NOUN_ANTONYM_SENSE && wn.total(a, 'n') >= t && wn.total(b, 'n') >= t
    } else {
        score >= 1 && wn.common(a, letter) && wn.common(b, letter)
    }
}

/// Keeps the pair, or the one already kept when it is at least as frequent.
fn offer(pairs: &mut BTreeMap<PairKey, Pair>, key: PairKey, pair: Pair) {
    if pairs.get(&key).is_none_or(|old| old.score < pair.score) {
        pairs.insert(key, pair);
    }
}

/// `!` pointers between words of common verbs, adjectives and (a few) nouns.
fn direct_antonyms(wn: &WordNet) -> BTreeMap<PairKey, Pair> {
    let mut pairs = BTreeMap::new();
    for (&key, s) in wn.synsets.iter().filter(|(k, _)| "van".contains(k.0)) {
        for p in s.ptrs.iter().filter(|p| p.sym == "!" && p.src > 0) {
            let (Some(a), Some(b)) = (s.words.get(p.src - 1), wn.target_word(p)) else {
                continue;
            };
            let score = wn.count(a, key).min(wn.count(b, p.to));
            let (la, lb) = (lemma(a), lemma(b));
            if la == lb || !keep_direct(wn, key.0, (a, b), score) {
                continue;
            }
            let (a, b, synsets) = if la <= lb {
                (la, lb, (key, p.to))
            } else {
                (lb, la, (p.to, key))
            };
            let k = (key.0, a.clone(), b.clone());
            let via = None;
            offer(
                &mut pairs,
                k,
                Pair {
                    pos: key.0,
                    a,
                    b,
                    synsets,
                    via,
                    score,
                },
            );
        }
    }
    pairs
}

/// Satellite adjectives and the antonyms of their heads: deceased (like dead) / alive.
fn indirect_antonyms(wn: &WordNet, direct: &BTreeMap<PairKey, Pair>) -> BTreeMap<PairKey, Pair> {
    let mut pairs = BTreeMap::new();
    for (&key, s) in wn.synsets.iter().filter(|(_, s)| s.ss == 's') {
        let Some(head) = s.ptrs.iter().find(|p| p.sym == "&") else {
            continue;
        };
        let Some(h) = wn.synsets.get(&head.to) else {
            continue;
        };
        for p in h.ptrs.iter().filter(|p| p.sym == "!" && p.src > 0) {
            let (Some(via), Some(b)) = (h.words.get(p.src - 1), wn.target_word(p)) else {
                continue;
            };
            if wn.total(b, 'a') < INDIRECT_TOTAL {
                continue;
            }
            for x in &s.words {
                let score = wn.count(x, key);
                let first = top_senses(wn, &x.to_lowercase(), 'a').first() == Some(&key);
                if !first || score < INDIRECT_SENSE || wn.total(x, 'a') < INDIRECT_TOTAL {
                    continue;
                }
                let (a, b) = (lemma(x), lemma(b));
                let k = sorted_key('a', &a, &b);
                if a == b || direct.contains_key(&k) {
                    continue;
                }
                let (synsets, via) = ((key, p.to), Some(lemma(via)));
                offer(
                    &mut pairs,
                    k,
                    Pair {
                        pos: 'a',
                        a,
                        b,
                        synsets,
                        via,
                        score,
                    },
                );
            }
        }
    }
    pairs
}

pub(crate) fn pos_order(letter: char) -> u8 {
    match letter {
        'v' => 0,
        'a' => 1,
        'n' => 2,
        _ => 3,
    }
}

pub(crate) fn antonyms_yaml(wn: &WordNet, words: &mut BTreeSet<(char, String)>) -> String {
    let direct = direct_antonyms(wn);
    let indirect = indirect_antonyms(wn, &direct);
    let mut pairs: Vec<&Pair> = direct.values().chain(indirect.values()).collect();
    pairs.sort_by(|x, y| (pos_order(x.pos), &x.a, &x.b).cmp(&(pos_order(y.pos), &y.a, &y.b)));
    let kept = format!(
        "Kept: direct antonyms (`!`) of verbs and adjectives whose lemmas are tagged at least\n\
         {COMMON} times, in a sense tagged at least once; of nouns tagged at least\n\
         {NOUN_ANTONYM_TOTAL} times, in a sense tagged at least {NOUN_ANTONYM_SENSE} times; and \
         indirect adjective\nantonyms (`via`: the head the word is similar to) of words tagged \
         at least\n{INDIRECT_TOTAL} times, {INDIRECT_SENSE} of them in that sense, their most \
         frequent. {} direct and\n{} indirect pairs.",
        direct.len(),
        indirect.len()
    );
    let mut out = header(
        wn,
        "Antonyms: pairs of words of opposite meaning, from WordNet.",
        &kept,
    );
    out.push_str("antonyms:\n  pairs:\n");
    for p in pairs {
        words.insert((p.pos, p.a.clone()));
        words.insert((p.pos, p.b.clone()));
        let ids = [synset_id(wn, p.synsets.0), synset_id(wn, p.synsets.1)];
        let via = p
            .via
            .as_ref()
            .map(|v| format!(", via: {}", q(v)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    - {{a: {}, b: {}, pos: {}, synsets: [{}, {}]{via}}}",
            q(&p.a),
            q(&p.b),
            pos_name(p.pos),
            ids[0],
            ids[1]
        );
    }
    out
}
