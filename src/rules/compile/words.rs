//! The `words` section: word lists that tell who speaks (titles, nameless sources,
//! documents, organisations, the verbs of documents and of seeing), gathered from every file that has one, lower case, sorted.

use crate::rules::diagnostic::{Faults, ix, k};
use crate::rules::schema::RuleFile;
use crate::rules::set::Words;

/// The word lists of every file, an empty or spaced word being an error at its place.
pub(super) fn compile(cx: &mut Faults, files: &[(usize, RuleFile)]) -> Words {
    let mut words = Words::default();
    for (fi, f) in files {
        let Some(w) = &f.words else {
            continue;
        };
        let lists: [(&str, &Vec<String>, &mut Vec<String>); 6] = [
            ("titles", &w.titles, &mut words.titles),
            ("sources", &w.sources, &mut words.sources),
            ("documents", &w.documents, &mut words.documents),
            ("organisations", &w.organisations, &mut words.organisations),
            (
                "document_verbs",
                &w.document_verbs,
                &mut words.document_verbs,
            ),
            (
                "perception_verbs",
                &w.perception_verbs,
                &mut words.perception_verbs,
            ),
        ];
        for (key, given, into) in lists {
            for (i, word) in given.iter().enumerate() {
                let t = word.trim();
                if t.is_empty() || t.contains(char::is_whitespace) {
                    cx.error(
                        *fi,
                        &[k("words"), k(key), ix(i)],
                        format!("`{word}` must be one word"),
                    );
                    continue;
                }
                into.push(t.to_lowercase());
            }
        }
    }
    for list in [
        &mut words.titles,
        &mut words.sources,
        &mut words.documents,
        &mut words.organisations,
        &mut words.document_verbs,
        &mut words.perception_verbs,
    ] {
        list.sort();
        list.dedup();
    }
    let lemmas = crate::lemma::Lemmas::bundled();
    words.document_verb_forms = crate::lemma::LemmaFilter::new(lemmas, &words.document_verbs);
    words.perception_verb_forms = crate::lemma::LemmaFilter::new(lemmas, &words.perception_verbs);
    words
}
