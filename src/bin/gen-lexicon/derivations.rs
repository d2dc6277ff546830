//! `derivations.yaml`: common verbs and the nouns made from them, for the act and for who
//! does it.

use crate::COMMON;
use crate::wordnet::WordNet;
use crate::yaml::{header, lemma, list, q};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

type Links = BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>;

/// `+` pointers from common verbs, in senses tagged at least once, to tagged nouns.
fn derivation_links(wn: &WordNet) -> Links {
    let mut links = Links::new();
    for (&key, s) in wn.synsets.iter().filter(|(k, _)| k.0 == 'v') {
        for p in s
            .ptrs
            .iter()
            .filter(|p| p.sym == "+" && p.to.0 == 'n' && p.src > 0)
        {
            let (Some(v), Some(n)) = (s.words.get(p.src - 1), wn.target_word(p)) else {
                continue;
            };
            if !wn.common(v, 'v') || wn.count(v, key) < 1 || wn.total(n, 'n') < 1 {
                continue;
            }
            let agent = wn
                .synsets
                .get(&p.to)
                .is_some_and(|t| t.lexfile == NOUN_PERSON);
            let (nouns, agents) = links.entry(lemma(v)).or_default();
            if agent { agents } else { nouns }.insert(lemma(n));
        }
    }
    for (nouns, agents) in links.values_mut() {
        nouns.retain(|n| !agents.contains(n));
    }
    links
}

/// WordNet's lexicographer files for people and for places.
pub(crate) const NOUN_PERSON: u32 = 18;
pub(crate) const NOUN_LOCATION: u32 = 15;

pub(crate) fn derivations_yaml(wn: &WordNet, words: &mut BTreeSet<(char, String)>) -> String {
    let links = derivation_links(wn);
    let kept = format!(
        "Kept: derivational links (`+`) from verbs tagged at least {COMMON} times, in senses\n\
         tagged at least once, to nouns tagged at least once: `nouns` for acts and states,\n\
         `agents` for people (noun.person). {} verbs.",
        links.len()
    );
    let what = "Derivations: verbs and the nouns made from them, from WordNet.";
    let mut out = header(wn, what, &kept);
    out.push_str("derivations:\n  links:\n");
    for (verb, (nouns, agents)) in &links {
        words.insert(('v', verb.clone()));
        words.extend(nouns.iter().chain(agents).map(|n| ('n', n.clone())));
        let mut line = format!("    - {{verb: {}", q(verb));
        for (key, set) in [("nouns", nouns), ("agents", agents)] {
            if !set.is_empty() {
                let set: Vec<String> = set.iter().cloned().collect();
                let _ = write!(line, ", {key}: {}", list(&set));
            }
        }
        let _ = writeln!(out, "{line}}}");
    }
    out
}
