//! `synonyms`: sets of words that say the same, each set once, with removals that must
//! exist.

use super::{Cx, at, place, sections, with, word_list};
use crate::lexicon::schema::{LexiconFile, SynonymsSpec};
use crate::lexicon::{Lexicon, SynSet};
use crate::rules::Origin;
use crate::rules::diagnostic::locate::Step;
use std::collections::BTreeMap;

pub(super) fn synonyms(cx: &mut Cx<'_>, files: &[(usize, LexiconFile)], lx: &mut Lexicon) {
    let secs: Vec<(usize, &SynonymsSpec)> = sections(files, |f| f.synonyms.as_ref());
    let mut sets: BTreeMap<String, (SynSet, Origin)> = BTreeMap::new();
    for &(fi, s) in &secs {
        for (i, set) in s.sets.iter().enumerate() {
            let path = |k| at(&["synonyms", "sets"], i, k);
            let words = word_list(cx, fi, &path("words"), &set.words);
            let here = cx.origin(fi, &path(""));
            if let Some((_, first)) = sets.get(&set.id) {
                let m = format!("the set `{}` is already given at {}", set.id, place(first));
                cx.error(fi, &path("id"), m);
            } else if words.len() < 2 {
                cx.error(fi, &path("words"), "a set needs at least two words".into());
            } else {
                let (id, pos) = (set.id.clone(), set.pos);
                sets.insert(id.clone(), (SynSet { id, pos, words }, here));
            }
        }
    }
    for &(fi, s) in &secs {
        for (i, id) in s.remove.iter().enumerate() {
            if sets.remove(id).is_none() {
                let m = format!("no file gives the set `{id}` this would remove");
                cx.error(
                    fi,
                    &with(
                        vec![Step::Key("synonyms".into()), Step::Key("remove".into())],
                        i,
                    ),
                    m,
                );
            }
        }
    }
    for (set, _) in sets.into_values() {
        let i = lx.synsets.len();
        for w in &set.words {
            let (ids, others) = lx.synonyms.entry(w.clone(), set.pos);
            ids.push(i);
            others.extend(set.words.iter().filter(|o| *o != w).cloned());
            others.sort();
            others.dedup();
        }
        lx.synsets.push(set);
    }
}
