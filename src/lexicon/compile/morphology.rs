//! `morphology` and `derivations`: irregular forms and their lemmas, verbs and the nouns
//! made from them.

use super::{Cx, at, checked, place, pos_name, sections, word_list};
use crate::lexicon::schema::{DerivationsSpec, LexiconFile, MorphologySpec};
use crate::lexicon::{Derivation, DerivationKind, Lexicon, Pos};
use crate::rules::Origin;
use std::collections::HashMap;

pub(super) fn morphology(cx: &mut Cx<'_>, files: &[(usize, LexiconFile)], lx: &mut Lexicon) {
    let mut seen: HashMap<(Pos, String), Origin> = HashMap::new();
    for (fi, s) in sections(files, |f| f.morphology.as_ref()) {
        let s: &MorphologySpec = s;
        for (i, e) in s.irregular.iter().enumerate() {
            let path = |k| at(&["morphology", "irregular"], i, k);
            let Some(lemma) = checked(cx, fi, &path("lemma"), &e.lemma) else {
                continue;
            };
            let forms = word_list(cx, fi, &path("forms"), &e.forms);
            let key = (e.pos, lemma.clone());
            if let Some(first) = seen.get(&key) {
                let m = format!(
                    "`{lemma}` ({}) already has its forms at {}",
                    pos_name(e.pos),
                    place(first)
                );
                cx.error(fi, &path("lemma"), m);
                continue;
            }
            if forms.is_empty() {
                cx.error(fi, &path("forms"), "give at least one form".into());
                continue;
            }
            seen.insert(key, cx.origin(fi, &path("")));
            add_forms(lx, &lemma, e.pos, forms);
        }
    }
}

fn add_forms(lx: &mut Lexicon, lemma: &str, pos: Pos, forms: Vec<String>) {
    for f in &forms {
        let lemmas = lx.lemmas.entry(f.clone(), pos);
        lemmas.push(lemma.to_string());
        lemmas.sort();
    }
    let mut forms = forms;
    forms.sort();
    *lx.irregular.entry(lemma.to_string(), pos) = forms;
}

pub(super) fn derivations(cx: &mut Cx<'_>, files: &[(usize, LexiconFile)], lx: &mut Lexicon) {
    let mut seen: HashMap<String, Origin> = HashMap::new();
    for (fi, s) in sections(files, |f| f.derivations.as_ref()) {
        let s: &DerivationsSpec = s;
        for (i, d) in s.links.iter().enumerate() {
            let path = |k| at(&["derivations", "links"], i, k);
            let Some(verb) = checked(cx, fi, &path("verb"), &d.verb) else {
                continue;
            };
            let nouns = word_list(cx, fi, &path("nouns"), &d.nouns);
            let agents = word_list(cx, fi, &path("agents"), &d.agents);
            if let Some(first) = seen.get(&verb) {
                let m = format!("`{verb}` already has its nouns at {}", place(first));
                cx.error(fi, &path("verb"), m);
                continue;
            }
            if let Some(both) = nouns.iter().find(|n| agents.contains(n)) {
                let m = format!("`{both}` is listed both as a noun and as an agent");
                cx.error(fi, &path("agents"), m);
                continue;
            }
            if nouns.is_empty() && agents.is_empty() {
                cx.error(fi, &path(""), "give `nouns` or `agents`".into());
                continue;
            }
            seen.insert(verb.clone(), cx.origin(fi, &path("")));
            link(lx, &verb, &nouns, DerivationKind::Noun);
            link(lx, &verb, &agents, DerivationKind::Agent);
        }
    }
    for list in lx.derivations.values_mut() {
        list.sort_by(|a, b| (a.word.as_str(), a.kind as u8).cmp(&(b.word.as_str(), b.kind as u8)));
    }
}

fn link(lx: &mut Lexicon, verb: &str, nouns: &[String], kind: DerivationKind) {
    for n in nouns {
        let word = n.clone();
        lx.derivations
            .entry(verb.to_string())
            .or_default()
            .push(Derivation { word, kind });
        let back = Derivation {
            word: verb.to_string(),
            kind: DerivationKind::Verb,
        };
        let list = lx.derivations.entry(n.clone()).or_default();
        if !list.contains(&back) {
            list.push(back);
        }
    }
}
