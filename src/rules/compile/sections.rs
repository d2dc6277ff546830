//! The sections of a pack gathered across its files and layers: every item with the place
//! it was written, the first of each id only, what each extension disables and overrides,
//! and the `settings` sections in layer order.
//!
//! A pack comes in layers: the base pack (the bundled one, or `--rules`), then each
//! extension (`--extra-rules`) in the order given. An extension adds rules, leaves out rules
//! of the layers before it (`disable:`) and defines some anew under their ids
//! (`override:`); an overriding rule takes the place of the one it replaces, so the order
//! of the pack (which of two opposites is the positive side) stays as it was.

use crate::rules::diagnostic::locate::Step;
use crate::rules::diagnostic::{Faults, Origin, did_you_mean, ix, k, nearest, singular};
use crate::rules::schema::{
    CueSpec, EntitySpec, FamilySpec, PredicateSpec, RuleFile, SettingsSpec,
};
use crate::rules::set::{Change, ExtensionChanges};
use std::collections::{BTreeMap, HashMap};

/// Ids left out by `disable:`, by (section, id), with the file and key path that did.
pub(super) type Disabled = HashMap<(&'static str, String), (usize, Vec<Step>)>;

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

/// One item as written: the source it is in, its layer, its key path (`predicates[3]`, or
/// `override.predicates[0]`), and the item itself.
pub(super) struct Placed<'a, T> {
    pub file: usize,
    pub layer: usize,
    pub base: Vec<Step>,
    pub spec: &'a T,
}

impl<'a, T> Placed<'a, T> {
    /// The key path of `rest` inside this item.
    pub fn at(&self, rest: &[Step]) -> Vec<Step> {
        [self.base.as_slice(), rest].concat()
    }
}

/// Every section of the pack, in pack order (layer by layer, file by file, item by item).
pub(super) struct Sections<'a> {
    pub entities: Vec<Placed<'a, EntitySpec>>,
    pub families: Vec<Placed<'a, FamilySpec>>,
    pub predicates: Vec<Placed<'a, PredicateSpec>>,
    pub cues: Vec<Placed<'a, CueSpec>>,
    /// The `settings` sections, each with its source and layer, in layer order.
    pub settings: Vec<(usize, usize, &'a SettingsSpec)>,
    /// What each extension changed, in the order given.
    pub changes: Vec<ExtensionChanges>,
    /// Ids left out by `disable:`.
    pub disabled: Disabled,
}

impl<'a> Sections<'a> {
    /// Gathers the sections of the parsed files; `layer_of` gives each source's layer and
    /// `names` each extension's name. Ids come first, so references can be checked in any
    /// order across files.
    pub fn gather(
        cx: &mut Faults,
        files: &'a [(usize, RuleFile)],
        layer_of: &[usize],
        names: &[String],
    ) -> Sections<'a> {
        let mut entities = Section::new("entities");
        let mut families = Section::new("families");
        let mut predicates = Section::new("predicates");
        let mut cues = Section::new("cues");
        let mut settings = Vec::new();
        let mut given: HashMap<usize, usize> = HashMap::new();
        let mut changes: Vec<ExtensionChanges> = names
            .iter()
            .map(|n| ExtensionChanges {
                name: n.clone(),
                changes: Vec::new(),
            })
            .collect();
        let mut disabled = HashMap::new();
        for (fi, f) in files {
            let (fi, layer) = (*fi, layer_of[*fi]);
            let mut log = Vec::new();
            let mut g = Gather {
                cx: &mut *cx,
                fi,
                layer,
                log: &mut log,
            };
            g.add(&mut entities, &f.entities);
            g.add(&mut families, &f.families);
            g.add(&mut predicates, &f.predicates);
            g.add(&mut cues, &f.cues);
            if let Some(o) = &f.overrides {
                g.replace(&mut entities, &o.entities);
                g.replace(&mut families, &o.families);
                g.replace(&mut predicates, &o.predicates);
                g.replace(&mut cues, &o.cues);
            }
            if let Some(d) = &f.disable {
                g.disable(&mut entities, &d.entities, &mut disabled);
                g.disable(&mut families, &d.families, &mut disabled);
                g.disable(&mut predicates, &d.predicates, &mut disabled);
                g.disable(&mut cues, &d.cues, &mut disabled);
            }
            if let Some(s) = &f.settings {
                if let Some(&first) = given.get(&layer) {
                    let other = cx.name(first).to_string();
                    cx.error(
                        fi,
                        &[k("settings")],
                        format!(
                            "settings are already given in {other}; keep one `settings` section in a pack"
                        ),
                    );
                } else {
                    given.insert(layer, fi);
                    settings.push((fi, layer, s));
                }
            }
            if layer > 0
                && let Some(ext) = changes.get_mut(layer - 1)
            {
                ext.changes.extend(log);
            }
        }
        Sections {
            entities: entities.finish(),
            families: families.finish(),
            predicates: predicates.finish(),
            cues: cues.finish(),
            settings,
            changes,
            disabled,
        }
    }
}

/// One file being gathered: its source, its layer, and the changes it makes.
struct Gather<'c, 'a> {
    cx: &'c mut Faults<'a>,
    fi: usize,
    layer: usize,
    log: &'c mut Vec<Change>,
}

impl Gather<'_, '_> {
    /// Adds one file's items, reporting empty and duplicated ids.
    fn add<'s, T: Spec>(&mut self, section: &mut Section<'s, T>, specs: &'s [T]) {
        let (fi, layer) = (self.fi, self.layer);
        for (i, spec) in specs.iter().enumerate() {
            let base = vec![k(section.name), ix(i)];
            let id = spec.id();
            let Some(id) = self.fresh_id(section, &base, id) else {
                continue;
            };
            if layer > 0 {
                self.log.push(Change::Added {
                    section: section.name,
                    id: id.to_string(),
                    at: self.cx.origin(fi, &base),
                });
            }
            section.push(Placed {
                file: fi,
                layer,
                base,
                spec,
            });
        }
    }

    /// The id of a new item, or `None` (with an error) when it is empty or taken.
    fn fresh_id<'i, T: Spec>(
        &mut self,
        section: &Section<T>,
        base: &[Step],
        id: &'i str,
    ) -> Option<&'i str> {
        let path = [base, &[k("id")]].concat();
        if id.trim().is_empty() {
            self.cx.error(self.fi, &path, "id is empty".into());
            return None;
        }
        let Some(&at) = section.ids.get(id) else {
            return Some(id);
        };
        let before = section.item(at);
        let other = self.cx.origin(before.file, &before.at(&[k("id")]));
        let advice = if before.layer < self.layer {
            format!(
                "; to replace it, put this one under `override: {{{}: [...]}}`, or give it another id",
                section.name
            )
        } else {
            "; ids must be unique".to_string()
        };
        self.cx.error(
            self.fi,
            &path,
            format!("id `{id}` is already used at {other}{advice}"),
        );
        None
    }

    /// `override:` — each item takes the place of the earlier layer's item with its id.
    fn replace<'s, T: Spec>(&mut self, section: &mut Section<'s, T>, specs: &'s [T]) {
        let (fi, layer) = (self.fi, self.layer);
        for (i, spec) in specs.iter().enumerate() {
            let base = vec![k("override"), k(section.name), ix(i)];
            let path = [base.as_slice(), &[k("id")]].concat();
            let Some((at, was)) = self.earlier(section, spec.id(), &path, "override") else {
                continue;
            };
            self.log.push(Change::Overridden {
                section: section.name,
                id: spec.id().to_string(),
                was,
                at: self.cx.origin(fi, &base),
            });
            section.items[at] = Some(Placed {
                file: fi,
                layer,
                base,
                spec,
            });
        }
    }

    /// `disable:` — the earlier layer's items with these ids are left out.
    fn disable<T: Spec>(
        &mut self,
        section: &mut Section<T>,
        ids: &[String],
        disabled: &mut Disabled,
    ) {
        for (i, id) in ids.iter().enumerate() {
            let path = vec![k("disable"), k(section.name), ix(i)];
            let Some((at, was)) = self.earlier(section, id, &path, "disable") else {
                continue;
            };
            self.log.push(Change::Disabled {
                section: section.name,
                id: id.clone(),
                was,
                at: self.cx.origin(self.fi, &path),
            });
            section.items[at] = None;
            section.ids.remove(id.as_str());
            disabled.insert((section.name, id.clone()), (self.fi, path));
        }
    }

    /// The place of the item `id` of an earlier layer that `what` (override, disable)
    /// names, and its origin, or an error.
    fn earlier<T: Spec>(
        &mut self,
        section: &Section<T>,
        id: &str,
        path: &[Step],
        what: &str,
    ) -> Option<(usize, Origin)> {
        if self.layer == 0 {
            self.cx.error(
                self.fi,
                path,
                format!(
                    "`{what}` is for an extension (--extra-rules), which changes the packs before it; this file is in the base pack"
                ),
            );
            return None;
        }
        match section.ids.get(id) {
            Some(&at) if section.item(at).layer < self.layer => {
                let item = section.item(at);
                Some((at, self.cx.origin(item.file, &item.base)))
            }
            Some(_) => {
                self.cx.error(
                    self.fi,
                    path,
                    format!("`{id}` is defined in this same extension; {what} only reaches the packs before it"),
                );
                None
            }
            None => {
                let hint = did_you_mean(nearest(id, section.ids.keys().map(String::as_str)));
                self.cx.error(
                    self.fi,
                    path,
                    format!(
                        "no {} of the packs before this one has the id `{id}`{hint}",
                        singular(section.name)
                    ),
                );
                None
            }
        }
    }
}

/// One section while it is gathered: its items so far (`None` where one was disabled) and
/// where each id stands.
struct Section<'a, T> {
    name: &'static str,
    ids: BTreeMap<String, usize>,
    items: Vec<Option<Placed<'a, T>>>,
}

impl<'a, T: Spec> Section<'a, T> {
    fn new(name: &'static str) -> Section<'a, T> {
        Section {
            name,
            ids: BTreeMap::new(),
            items: Vec::new(),
        }
    }

    fn push(&mut self, p: Placed<'a, T>) {
        self.ids.insert(p.spec.id().to_string(), self.items.len());
        self.items.push(Some(p));
    }

    /// The item at `at`, which the id map points to, so it is there.
    fn item(&self, at: usize) -> &Placed<'a, T> {
        match &self.items[at] {
            Some(p) => p,
            None => unreachable!("the id map points only at items that are there"),
        }
    }

    /// The items left, in pack order.
    fn finish(self) -> Vec<Placed<'a, T>> {
        self.items.into_iter().flatten().collect()
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
