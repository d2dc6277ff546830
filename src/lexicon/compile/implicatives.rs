//! `implicatives`: verbs and what they say of their complement, by signature and class.

use super::examples::lex_example;
use super::{Cx, at, checked, place, sections};
use crate::lexicon::schema::{ImplicativesSpec, LexiconFile};
use crate::lexicon::{Complement, LexExample, Lexicon, Section, Signature, Truth};
use crate::rules::Origin;
use std::collections::HashMap;

fn truth(c: char) -> Option<Truth> {
    match c {
        '+' => Some(Truth::Affirmed),
        '-' => Some(Truth::Negated),
        '?' => Some(Truth::Unknown),
        _ => None,
    }
}

/// `+/-` → (affirmed, negated).
fn signature(text: &str) -> Option<(Truth, Truth)> {
    let mut chars = text.chars();
    let (p, slash, n) = (chars.next()?, chars.next()?, chars.next()?);
    if slash != '/' || chars.next().is_some() {
        return None;
    }
    Some((truth(p)?, truth(n)?))
}

pub(super) fn implicatives(cx: &mut Cx<'_>, files: &[(usize, LexiconFile)], lx: &mut Lexicon) {
    let mut seen: HashMap<(String, Complement), Origin> = HashMap::new();
    for (fi, s) in sections(files, |f| f.implicatives.as_ref()) {
        let s: &ImplicativesSpec = s;
        for (i, v) in s.verbs.iter().enumerate() {
            let path = |k| at(&["implicatives", "verbs"], i, k);
            let Some(verb) = checked(cx, fi, &path("verb"), &v.verb) else {
                continue;
            };
            let Some((affirmed, negated)) = signature(&v.signature) else {
                let m = "write the signature as `P/N`, each `+`, `-` or `?`: `+/-`".into();
                cx.error(fi, &path("signature"), m);
                continue;
            };
            let key = (verb.clone(), v.complement);
            if let Some(first) = seen.get(&key) {
                let m = format!(
                    "`{verb}` with this complement is already given at {}",
                    place(first)
                );
                cx.error(fi, &path("verb"), m);
                continue;
            }
            if v.example.complement.is_none() {
                let m = "say how the complement comes out: `complement: affirmed`".into();
                cx.error(fi, &path("example"), m);
            }
            seen.insert(key.clone(), cx.origin(fi, &path("")));
            let sig = Signature {
                affirmed,
                negated,
                class: v.class,
            };
            lx.implicatives.insert(key.clone(), sig);
            let example = lex_example(
                cx,
                (fi, &path("example")),
                Section::Implicatives,
                &v.example,
            );
            lx.examples.push(LexExample {
                implicative: Some(key),
                ..example
            });
        }
    }
}
