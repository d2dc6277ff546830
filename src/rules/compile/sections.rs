//! The sections of a pack gathered across its files: every item with the place it was
//! written, the first of each id only, and the one `settings` section.

use super::checks;
use crate::rules::diagnostic::{Faults, k};
use crate::rules::schema::{
    CueSpec, EntitySpec, FamilySpec, PredicateSpec, RuleFile, SettingsSpec,
};
use std::collections::{BTreeMap, HashMap};

/// An item of a section that has ids.
pub(super) trait Spec {
    fn id(&self) -> &str;
}

/// `Spec` for section items whose id is their `id` field.
macro_rules! spec_by_id {
    ($($spec:ty),*) => {
        $(impl Spec for $spec {
            fn id(&self) -> &str {
                &self.id
            }
        })*
    };
}
spec_by_id!(EntitySpec, FamilySpec, PredicateSpec, CueSpec);

/// One item as written: the source it is in, its position in that file's section, and
/// the item itself.
pub(super) struct Placed<'a, T> {
    pub file: usize,
    pub item: usize,
    pub spec: &'a T,
}

impl<'a, T> Placed<'a, T> {
    /// (file, item, spec), as loops over a section take them apart.
    pub fn parts(&self) -> (usize, usize, &'a T) {
        (self.file, self.item, self.spec)
    }
}

/// Every section of the pack, in pack order (file by file, item by item).
pub(super) struct Sections<'a> {
    pub entities: Vec<Placed<'a, EntitySpec>>,
    pub families: Vec<Placed<'a, FamilySpec>>,
    pub predicates: Vec<Placed<'a, PredicateSpec>>,
    pub cues: Vec<Placed<'a, CueSpec>>,
    /// The source that gives the settings, and them.
    pub settings: Option<(usize, &'a SettingsSpec)>,
}

impl<'a> Sections<'a> {
    /// Gathers the sections of the parsed files. Ids come first, so references can be
    /// checked in any order across files.
    pub fn gather(cx: &mut Faults, files: &'a [(usize, RuleFile)]) -> Sections<'a> {
        let mut entities = Section::new("entities");
        let mut families = Section::new("families");
        let mut predicates = Section::new("predicates");
        let mut cues = Section::new("cues");
        let mut settings: Option<(usize, &SettingsSpec)> = None;
        for (fi, f) in files {
            let fi = *fi;
            entities.add(cx, fi, &f.entities);
            families.add(cx, fi, &f.families);
            predicates.add(cx, fi, &f.predicates);
            cues.add(cx, fi, &f.cues);
            if let Some(s) = &f.settings {
                if let Some((first, _)) = settings {
                    let other = cx.name(first).to_string();
                    cx.error(
                        fi,
                        &[k("settings")],
                        format!(
                            "settings are already given in {other}; keep one `settings` section"
                        ),
                    );
                } else {
                    settings = Some((fi, s));
                }
            }
        }
        Sections {
            entities: entities.finish(),
            families: families.finish(),
            predicates: predicates.finish(),
            cues: cues.finish(),
            settings,
        }
    }
}

/// One section while it is gathered: its items so far and where each id was first given.
struct Section<'a, T> {
    name: &'static str,
    /// id -> (file, item) of its first use.
    ids: BTreeMap<String, (usize, usize)>,
    items: Vec<Placed<'a, T>>,
}

impl<'a, T: Spec> Section<'a, T> {
    fn new(name: &'static str) -> Section<'a, T> {
        Section {
            name,
            ids: BTreeMap::new(),
            items: Vec::new(),
        }
    }

    /// Adds one file's items, reporting empty and duplicated ids.
    fn add(&mut self, cx: &mut Faults, file: usize, specs: &'a [T]) {
        checks::unique_ids(
            cx,
            file,
            self.name,
            specs.iter().map(Spec::id),
            &mut self.ids,
        );
        let placed = specs.iter().enumerate();
        self.items
            .extend(placed.map(|(item, spec)| Placed { file, item, spec }));
    }

    /// The items, keeping only the first of duplicated ids (and none with an empty id) so
    /// that indices stay aligned with the id maps.
    fn finish(mut self) -> Vec<Placed<'a, T>> {
        let ids = &self.ids;
        self.items
            .retain(|p| ids.get(p.spec.id()) == Some(&(p.file, p.item)));
        self.items
    }
}

/// The index of each id in a gathered section.
pub(super) fn index_of<'a, T: Spec>(items: &[Placed<'a, T>]) -> HashMap<&'a str, usize> {
    items
        .iter()
        .enumerate()
        .map(|(n, p)| (p.spec.id(), n))
        .collect()
}
