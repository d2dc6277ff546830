//! `functional`: relations one value of which excludes another.

use super::examples::lex_example;
use super::{Cx, at, phrase_list, place, sections, with};
use crate::lexicon::schema::{FunctionalSpec, LexiconFile};
use crate::lexicon::{Functional, LexExample, Lexicon, Section};
use crate::rules::Origin;
use std::collections::HashMap;

pub(super) fn functional(cx: &mut Cx<'_>, files: &[(usize, LexiconFile)], lx: &mut Lexicon) {
    let mut seen: HashMap<String, Origin> = HashMap::new();
    for (fi, s) in sections(files, |f| f.functional.as_ref()) {
        let s: &FunctionalSpec = s;
        for (i, r) in s.relations.iter().enumerate() {
            let path = |k| at(&["functional", "relations"], i, k);
            if let Some(first) = seen.get(&r.id) {
                let m = format!(
                    "the relation `{}` is already given at {}",
                    r.id,
                    place(first)
                );
                cx.error(fi, &path("id"), m);
                continue;
            }
            let phrases = phrase_list(cx, (fi, &path("phrases")), &r.phrases, false);
            if phrases.is_empty() {
                cx.error(fi, &path("phrases"), "give at least one phrase".into());
                continue;
            }
            if r.subject.is_empty() {
                cx.error(fi, &path("subject"), "give at least one kind".into());
                continue;
            }
            seen.insert(r.id.clone(), cx.origin(fi, &path("")));
            for (j, e) in r.examples.iter().enumerate() {
                let ex = lex_example(cx, (fi, &with(path("examples"), j)), Section::Functional, e);
                let words = if ex.words.is_empty() {
                    vec![r.id.clone()]
                } else {
                    ex.words.clone()
                };
                lx.examples.push(LexExample { words, ..ex });
            }
            lx.functional.push(Functional {
                id: r.id.clone(),
                phrases,
                subject: r.subject.clone(),
                value: r.value,
                changes: r.changes,
            });
        }
    }
}
