//! The vocabulary of general claims: the entities and relations they found, placed after
//! the pack's own as runtime entities, one family and its predicates, so that general
//! claims flow through the same graph, blocks, verdicts and reports as beat claims.
//!
//! Placement is a pure function of the claims' content (names sorted), so ids and indices
//! do not depend on input order or threads.

use super::{UNPLACED, Who};
use crate::claim::{Claim, Subject};
use crate::names::NameKind;
use crate::rules::Origin;
use crate::rules::RuleSet;
use crate::rules::schema::{Aspect, EntityKind, SubjectRule};
use crate::rules::{Entity, Family, Predicate};
use std::collections::BTreeMap;

/// Id of the family every general claim belongs to.
pub const GENERAL_STATE: &str = "general";

/// Where general knowledge lives, for origins of what the language layer made.
const GENERAL_FILE: &str = "claims/general/README.md";

/// An id-safe form of a name or lemma: lower case, words joined by `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    if out.is_empty() { "x".into() } else { out }
}

fn entity_of(who: &Who) -> Option<(String, String, EntityKind)> {
    match who {
        Who::Pack(_) => None,
        Who::Name { key, kind } => Some((
            format!("name.{}", slug(key)),
            key.clone(),
            match kind {
                NameKind::Person => EntityKind::Person,
                NameKind::Organisation => EntityKind::Organisation,
                NameKind::Place => EntityKind::Place,
                NameKind::Unknown => EntityKind::Group,
            },
        )),
        Who::Thing { key } => Some((
            format!("thing.{}", slug(key)),
            format!("the {key}"),
            EntityKind::Group,
        )),
    }
}

/// The id of the entity a subject or speaker becomes, from its content alone: what
/// [`resolve`] names it over the whole corpus, known before the corpus is (the blocking keys
/// of `shard`).
pub fn who_id(who: &Who, rules: &RuleSet) -> String {
    match who {
        Who::Pack(e) => rules.entity_id(*e).to_string(),
        other => entity_of(other).map(|(id, _, _)| id).unwrap_or_default(),
    }
}

/// Places the subjects, speakers and relations of general claims, returning the rule set
/// they index into (the pack's, extended), or `None` when there is no general claim.
pub fn resolve(claims: &mut [Claim], rules: &RuleSet) -> Option<RuleSet> {
    if claims.iter().all(|c| c.general.is_none()) {
        return None;
    }
    let mut entities: BTreeMap<String, (String, EntityKind)> = BTreeMap::new();
    let mut relations: BTreeMap<String, String> = BTreeMap::new();
    for g in claims.iter().filter_map(|c| c.general.as_deref()) {
        for who in std::iter::once(&g.subject).chain(g.speaker.as_ref()) {
            if let Some((id, name, kind)) = entity_of(who) {
                entities.entry(id).or_insert((name, kind));
            }
        }
        relations
            .entry(format!("general.{}", slug(&g.relation)))
            .or_insert_with(|| g.relation.clone());
    }
    let mut out = rules.clone();
    let origin = Origin {
        file: GENERAL_FILE.into(),
        line: 1,
    };
    let first_entity = out.entities.len();
    let entity_index = numbered_from(first_entity, entities.keys());
    for (k, (id, (name, kind))) in entities.iter().enumerate() {
        out.entities.push(Entity {
            id: id.clone(),
            name: name.clone(),
            kind: *kind,
            speaks_for: None,
            root: first_entity + k,
            origin: origin.clone(),
        });
    }
    let family = out.families.len();
    out.families.push(Family {
        id: GENERAL_STATE.into(),
        name: "general statement".into(),
        aspect: Aspect::State,
        subject: SubjectRule::Actor,
        same_time_days: rules.settings.same_time_days,
        window_from_settings: true,
        context: None,
        context_in_object: false,
        origin: origin.clone(),
    });
    let first_predicate = out.predicates.len();
    let predicate_index = numbered_from(first_predicate, relations.keys());
    for (id, relation) in &relations {
        out.predicates.push(Predicate {
            id: id.clone(),
            family,
            says: relation.clone(),
            opposite: None,
            side: 1,
            context: None,
            quantity: None,
            origin: origin.clone(),
        });
    }
    let place = |who: &Who| match who {
        Who::Pack(e) => Some(*e),
        other => entity_of(other).and_then(|(id, _, _)| entity_index.get(id.as_str()).copied()),
    };
    for c in claims.iter_mut() {
        let Some(g) = c.general.as_deref() else {
            continue;
        };
        c.subject = Subject::One(place(&g.subject).unwrap_or(UNPLACED));
        c.speaker = g.speaker.as_ref().and_then(place);
        let pid = format!("general.{}", slug(&g.relation));
        c.predicate = predicate_index
            .get(pid.as_str())
            .copied()
            .unwrap_or(UNPLACED);
    }
    Some(out)
}

/// Each id with its index in a list it is appended to from `first` on, in the ids' order.
fn numbered_from<'a>(
    first: usize,
    ids: impl Iterator<Item = &'a String>,
) -> BTreeMap<&'a str, usize> {
    ids.enumerate()
        .map(|(k, id)| (id.as_str(), first + k))
        .collect()
}
