//! The `cues` section: each cue, and its phrases.

use super::phrases;
use super::sections::Placed;
use crate::rules::diagnostic::{Faults, k};
use crate::rules::phrase::Phrase;
use crate::rules::schema::CueSpec;
use crate::rules::{Cue, Owner};

pub(super) fn compile(cx: &mut Faults, items: &[Placed<CueSpec>]) -> Vec<Cue> {
    items
        .iter()
        .map(|p| {
            let (fi, c) = (p.file, p.spec);
            if c.phrases.is_empty() {
                cx.error(
                    fi,
                    &p.at(&[k("phrases")]),
                    "phrase list is empty; give at least one phrase".into(),
                );
            }
            Cue {
                id: c.id.clone(),
                kind: c.kind,
                origin: cx.origin(fi, &p.base),
            }
        })
        .collect()
}

pub(super) fn cue_phrases(
    cx: &mut Faults,
    items: &[Placed<CueSpec>],
    phrases: &mut Vec<Option<Phrase>>,
) {
    phrases::add_lists(cx, items, "phrases", |c| &c.phrases, Owner::Cue, phrases);
}
