//! The examples of every section: checked as written, then against the entries they name.

use super::{Cx, at};
use crate::lexicon::schema::{ExampleSpec, LexiconFile};
use crate::lexicon::{LexExample, Lexicon, Pos, Section};
use crate::rules::diagnostic::locate::Step;

/// An example as written, checked for what does not depend on the entries.
pub(super) fn lex_example(
    cx: &mut Cx<'_>,
    (fi, path): (usize, &[Step]),
    section: Section,
    e: &ExampleSpec,
) -> LexExample {
    let key = |k: &str| {
        let mut p = path.to_vec();
        p.push(Step::Key(k.into()));
        p
    };
    if e.other.is_some() != e.relation.is_some() {
        let m = "a pair gives both `other` (the second sentence) and `relation`".into();
        cx.error(
            fi,
            &key(if e.other.is_some() {
                "other"
            } else {
                "relation"
            }),
            m,
        );
    }
    if e.country.is_some() && section != Section::Countries {
        cx.error(
            fi,
            &key("country"),
            "only examples of `countries` give `country`".into(),
        );
    }
    if e.complement.is_some() && section != Section::Implicatives {
        let m = "only examples of `implicatives` give `complement`".into();
        cx.error(fi, &key("complement"), m);
    }
    if e.todo.as_deref().is_some_and(|t| t.trim().is_empty()) {
        let m = "a `todo` says why the example is not yet read as it says".into();
        cx.error(fi, &key("todo"), m);
    }
    if e.text.trim().is_empty() {
        cx.error(fi, &key("text"), "the example has no text".into());
    }
    cx.example_places.push((fi, path.to_vec()));
    LexExample {
        section,
        origin: cx.origin(fi, path),
        text: e.text.clone(),
        other: e.other.clone(),
        relation: e.relation,
        words: e.words.clone(),
        country: e.country.clone(),
        complement: e.complement,
        todo: e.todo.clone(),
        implicative: None,
    }
}

/// The section-level examples of every file.
pub(super) fn section_examples(cx: &mut Cx<'_>, files: &[(usize, LexiconFile)], lx: &mut Lexicon) {
    for (fi, f) in files {
        // (key, section, the section's examples) for every section the file may hold.
        macro_rules! lists {
            ($($key:ident => $section:ident),*) => {
                [$((stringify!($key), Section::$section, f.$key.as_ref().map(|s| &s.examples))),*]
            };
        }
        let lists = lists!(
            antonyms => Antonyms,
            synonyms => Synonyms,
            morphology => Morphology,
            derivations => Derivations,
            countries => Countries,
            implicatives => Implicatives,
            functional => Functional
        );
        for (name, section, list) in lists {
            for (i, e) in list.into_iter().flatten().enumerate() {
                let path = at(&[name, "examples"], i, "");
                let ex = lex_example(cx, (*fi, &path), section, e);
                lx.examples.push(ex);
            }
        }
    }
}

/// Whether a section has an entry for a word an example names.
fn known(lx: &Lexicon, section: Section, word: &str) -> bool {
    let w = word.to_lowercase();
    let any = |has: &dyn Fn(Pos) -> bool| {
        [Pos::Noun, Pos::Verb, Pos::Adj, Pos::Adv]
            .into_iter()
            .any(has)
    };
    match section {
        Section::Antonyms => any(&|p| lx.antonyms.get(&w, p).is_some()),
        Section::Synonyms => any(&|p| lx.synonyms.get(&w, p).is_some()),
        Section::Morphology => {
            any(&|p| lx.irregular.get(&w, p).is_some() || lx.lemmas.get(&w, p).is_some())
        }
        Section::Derivations => lx.derivations.contains_key(&w),
        Section::Countries => lx.country_words.contains_key(word),
        Section::Implicatives => lx.implicatives.keys().any(|(v, _)| *v == w),
        Section::Functional => lx.functional.iter().any(|f| f.id == word),
    }
}

/// Examples must rest on entries that exist, and name countries that exist.
pub(super) fn check_examples(cx: &mut Cx<'_>, lx: &Lexicon) {
    for (ex, (fi, path)) in lx
        .examples
        .iter()
        .zip(std::mem::take(&mut cx.example_places))
    {
        for (j, w) in ex.words.iter().enumerate() {
            if !known(lx, ex.section, w) {
                let mut p = path.clone();
                p.extend([Step::Key("words".into()), Step::Index(j)]);
                cx.error(
                    fi,
                    &p,
                    format!("no entry of this section has the word `{w}`"),
                );
            }
        }
        if let Some(id) = &ex.country
            && lx.country(id).is_none()
        {
            let mut p = path.clone();
            p.push(Step::Key("country".into()));
            cx.error(fi, &p, format!("no country has the id `{id}`"));
        }
    }
}
