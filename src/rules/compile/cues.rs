//! The `cues` section: each cue, and its phrases.

use super::phrases;
use super::sections::Placed;
use crate::rules::diagnostic::{Faults, ix, k};
use crate::rules::phrase::Phrase;
use crate::rules::schema::CueSpec;
use crate::rules::{Cue, Owner};

pub(super) fn compile(cx: &mut Faults, items: &[Placed<CueSpec>]) -> Vec<Cue> {
    items
        .iter()
        .map(Placed::parts)
        .map(|(fi, i, c)| {
            if c.phrases.is_empty() {
                cx.error(
                    fi,
                    &[k("cues"), ix(i), k("phrases")],
                    "phrase list is empty; give at least one phrase".into(),
                );
            }
            Cue {
                id: c.id.clone(),
                kind: c.kind,
                origin: cx.origin(fi, &[k("cues"), ix(i)]),
            }
        })
        .collect()
}

pub(super) fn cue_phrases(cx: &mut Faults, items: &[Placed<CueSpec>], phrases: &mut Vec<Phrase>) {
    phrases::add_lists(
        cx,
        items,
        "cues",
        "phrases",
        |c| &c.phrases,
        Owner::Cue,
        phrases,
    );
}
