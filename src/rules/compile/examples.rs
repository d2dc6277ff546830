//! The examples rules carry: each sentence a rule must match, with what it must yield, and
//! each it must not match.

use super::sections::{Placed, Sections};
use crate::rules::diagnostic::locate::Step;
use crate::rules::diagnostic::{Faults, ix, k};
use crate::rules::schema;
use crate::rules::{Example, ExampleOf};

/// The examples of every section that has them, in pack order.
pub(super) fn collect(cx: &Faults, pack: &Sections) -> Vec<Example> {
    let mut out = Vec::new();
    // The sections whose items carry examples, each with what its examples are of.
    macro_rules! sections {
        ($($section:ident => $of:ident),*) => {
            $(section(
                cx, stringify!($section), &pack.$section, |s| &s.examples, ExampleOf::$of, &mut out,
            );)*
        };
    }
    sections!(entities => Entity, predicates => Predicate, cues => Cue);
    out
}

fn section<T>(
    cx: &Faults,
    name: &str,
    items: &[Placed<T>],
    examples: impl Fn(&T) -> &schema::Examples,
    of: fn(usize) -> ExampleOf,
    out: &mut Vec<Example>,
) {
    for (n, p) in items.iter().enumerate() {
        let base = [k(name), ix(p.item)];
        of_item(cx, p.file, &base, examples(p.spec), of(n), out);
    }
}

/// The examples of one item, whose path is `base`.
fn of_item(
    cx: &Faults,
    fi: usize,
    base: &[Step],
    spec: &schema::Examples,
    of: ExampleOf,
    out: &mut Vec<Example>,
) {
    for (n, m) in spec.matching.iter().enumerate() {
        let mut path = base.to_vec();
        path.extend([k("examples"), k("match"), ix(n)]);
        let fields = [
            ("subject", &m.subject),
            ("predicate", &m.predicate),
            ("polarity", &m.polarity),
            ("stance", &m.stance),
            ("modality", &m.modality),
            ("speaker", &m.speaker),
        ];
        let expect = fields
            .iter()
            .filter_map(|(name, v)| v.as_ref().map(|v| (*name, v.clone())))
            .collect();
        out.push(Example {
            of,
            text: m.text.clone(),
            date: m.date.clone(),
            must_match: true,
            expect,
            origin: cx.origin(fi, &path),
        });
    }
    for (n, text) in spec.no_match.iter().enumerate() {
        let mut path = base.to_vec();
        path.extend([k("examples"), k("no_match"), ix(n)]);
        out.push(Example {
            of,
            text: text.clone(),
            date: None,
            must_match: false,
            expect: Vec::new(),
            origin: cx.origin(fi, &path),
        });
    }
}
