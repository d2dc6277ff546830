//! `antonyms`: pairs of opposite words, each pair once, with removals that must exist.

use super::{Cx, at, checked, is_synset_id, place, pos_name};
use crate::lexicon::schema::{AntonymsSpec, LexiconFile};
use crate::lexicon::{Antonym, Lexicon, Pos};
use crate::rules::Origin;
use std::collections::BTreeMap;

type PairKey = (Pos, String, String);

fn pair_key(a: &str, b: &str, pos: Pos) -> PairKey {
    let (x, y) = if a <= b { (a, b) } else { (b, a) };
    (pos, x.to_string(), y.to_string())
}

/// A pair as written (pos, a, b), checked, with `via` if it is indirect.
fn antonym_pair(
    cx: &mut Cx<'_>,
    fi: usize,
    i: usize,
    p: &crate::lexicon::schema::AntonymSpec,
) -> Option<(PairKey, Option<String>)> {
    let path = |k| at(&["antonyms", "pairs"], i, k);
    let a = checked(cx, fi, &path("a"), &p.a)?;
    let b = checked(cx, fi, &path("b"), &p.b)?;
    if a == b {
        cx.error(fi, &path("b"), format!("`{a}` cannot be its own antonym"));
        return None;
    }
    if p.synsets.len() > 2 || p.synsets.iter().any(|s| !is_synset_id(s)) {
        let m = "give at most two WordNet synset ids, written like `01100145-v`".into();
        cx.error(fi, &path("synsets"), m);
    }
    let via = match &p.via {
        Some(v) => Some(checked(cx, fi, &path("via"), v)?),
        None => None,
    };
    Some(((p.pos, a, b), via))
}

pub(super) fn antonyms(cx: &mut Cx<'_>, files: &[(usize, LexiconFile)], lx: &mut Lexicon) {
    // Sorted key → (a, b as written, via, where).
    let mut pairs: BTreeMap<PairKey, (PairKey, Option<String>, Origin)> = BTreeMap::new();
    let sections = files
        .iter()
        .filter_map(|(fi, f)| f.antonyms.as_ref().map(|s| (*fi, s)));
    let sections: Vec<(usize, &AntonymsSpec)> = sections.collect();
    for &(fi, s) in &sections {
        for (i, p) in s.pairs.iter().enumerate() {
            let Some((written, via)) = antonym_pair(cx, fi, i, p) else {
                continue;
            };
            let key = pair_key(&written.1, &written.2, written.0);
            let here = cx.origin(fi, &at(&["antonyms", "pairs"], i, ""));
            if let Some((_, _, first)) = pairs.get(&key) {
                let m = format!(
                    "the pair {}/{} ({}) is already given at {}",
                    written.1,
                    written.2,
                    pos_name(written.0),
                    place(first)
                );
                cx.error(fi, &at(&["antonyms", "pairs"], i, ""), m);
                continue;
            }
            pairs.insert(key, (written, via, here));
        }
    }
    for &(fi, s) in &sections {
        for (i, r) in s.remove.iter().enumerate() {
            let key = pair_key(&r.a.to_lowercase(), &r.b.to_lowercase(), r.pos);
            if pairs.remove(&key).is_none() {
                let m = format!(
                    "no file gives the pair {}/{} ({}) this would remove",
                    r.a,
                    r.b,
                    pos_name(r.pos)
                );
                cx.error(fi, &at(&["antonyms", "remove"], i, ""), m);
            }
        }
    }
    for ((pos, a, b), via, _) in pairs.into_values() {
        let antonym = |lemma: &str| Antonym {
            lemma: lemma.to_string(),
            via: via.clone(),
        };
        lx.antonyms.entry(a.clone(), pos).push(antonym(&b));
        lx.antonyms.entry(b, pos).push(antonym(&a));
    }
}
