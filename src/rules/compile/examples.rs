//! The examples rules carry: each sentence a rule must match, with what it must yield, and
//! each it must not match.

use super::sections::{Placed, Sections};
use crate::rules::diagnostic::locate::Step;
use crate::rules::diagnostic::{Faults, did_you_mean, ix, k, nearest};
use crate::rules::schema;
use crate::rules::{Example, ExampleOf};

/// The values each enum field of a `match` example takes.
const ENUM_FIELDS: &[(&str, &[&str])] = &[
    ("polarity", &["affirmed", "negated"]),
    ("stance", &["asserts", "disputes"]),
    ("modality", &["asserted", "hedged", "conditional"]),
];

/// Checks what a `match` example expects: enum fields take one of their values, and
/// `subject`, `speaker` and `predicate` name ids of the pack (a pair subject is `a+b`).
pub(super) fn check_expectations(cx: &mut Faults, pack: &Sections) {
    let entities: Vec<&str> = pack.entities.iter().map(|p| p.spec.id.as_str()).collect();
    let predicates: Vec<&str> = pack.predicates.iter().map(|p| p.spec.id.as_str()).collect();
    let check = |cx: &mut Faults, fi: usize, base: Vec<Step>, ex: &schema::Examples| {
        for (n, m) in ex.matching.iter().enumerate() {
            let mut path = base.clone();
            path.extend([k("examples"), k("match"), ix(n)]);
            let at = |key: &str| [path.clone(), vec![k(key)]].concat();
            let enums = [&m.polarity, &m.stance, &m.modality];
            for ((key, allowed), value) in ENUM_FIELDS.iter().zip(enums) {
                if let Some(v) = value.as_deref().filter(|v| !allowed.contains(v)) {
                    let hint = did_you_mean(nearest(v, allowed.iter().copied()));
                    let list = allowed.join("`, `");
                    let msg =
                        format!("`{v}` is not a value this key takes{hint} (it takes `{list}`)");
                    cx.error(fi, &at(key), msg);
                }
            }
            let ids = [
                ("subject", &m.subject, &entities),
                ("speaker", &m.speaker, &entities),
                ("predicate", &m.predicate, &predicates),
            ];
            for (key, value, known) in ids {
                let Some(v) = value.as_deref() else { continue };
                let parts: Vec<&str> = if key == "subject" {
                    v.split('+').collect()
                } else {
                    vec![v]
                };
                for part in parts.into_iter().filter(|p| !known.contains(p)) {
                    let what = if key == "predicate" {
                        "predicate"
                    } else {
                        "entity"
                    };
                    let hint = did_you_mean(nearest(part, known.iter().copied()));
                    cx.error(fi, &at(key), format!("no {what} has the id `{part}`{hint}"));
                }
            }
        }
    };
    for p in &pack.entities {
        check(cx, p.file, p.base.clone(), &p.spec.examples);
    }
    for p in &pack.predicates {
        check(cx, p.file, p.base.clone(), &p.spec.examples);
    }
    for p in &pack.cues {
        check(cx, p.file, p.base.clone(), &p.spec.examples);
    }
}

/// The examples of every section that has them, in pack order.
pub(super) fn collect(cx: &Faults, pack: &Sections) -> Vec<Example> {
    let mut out = Vec::new();
    let entities = &pack.entities;
    section(cx, entities, |e| &e.examples, ExampleOf::Entity, &mut out);
    let predicates = &pack.predicates;
    section(
        cx,
        predicates,
        |p| &p.examples,
        ExampleOf::Predicate,
        &mut out,
    );
    section(cx, &pack.cues, |c| &c.examples, ExampleOf::Cue, &mut out);
    out
}

fn section<T>(
    cx: &Faults,
    items: &[Placed<T>],
    examples: impl Fn(&T) -> &schema::Examples,
    of: fn(usize) -> ExampleOf,
    out: &mut Vec<Example>,
) {
    for (n, p) in items.iter().enumerate() {
        of_item(cx, p.file, &p.base, examples(p.spec), of(n), out);
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
