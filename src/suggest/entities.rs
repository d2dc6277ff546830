//! Entity proposals from the names that speak: one per person (the surname said alone is
//! the same person, and becomes an alias), each with a kind guessed from its words, and no
//! alias that is a common word on its own.
//!
//! The words come from `claims/`: the pack's `names` section (titles, organisation and
//! place words) and the general lexicon (countries, and which words are English words).

use super::{Detail, Suggestion, SuggestionKind, Tally, slug};
use crate::lexicon::Lexicon;
use crate::lexicon::schema::Pos;
use crate::names::NameWords;
use crate::rules::schema::EntityKind;
use crate::rules::{Owner, RuleSet};
use std::collections::BTreeSet;

/// The names that speak as entity proposals, most frequent first within the kind.
pub(super) fn proposals(speakers: Tally<String>, rules: &RuleSet) -> Vec<Suggestion> {
    let lexicon = Lexicon::bundled().ok();
    let words = &rules.name_words;
    // Titles before a name are not part of it: "Spokeswoman Mirela Dunstan".
    let mut names: Tally<String> = Tally::new();
    for (name, (count, example)) in speakers {
        let kept = without_titles(&name, words);
        if kept.is_empty() {
            continue;
        }
        let entry = names.entry(kept).or_insert((0, example));
        entry.0 += count;
    }
    // A one-word name that ends exactly one longer person's name is that person.
    let full: Vec<String> = names
        .keys()
        .filter(|n| n.contains(' ') && guess_kind(n, words, lexicon) == EntityKind::Person)
        .cloned()
        .collect();
    let single: Vec<String> = names.keys().filter(|n| !n.contains(' ')).cloned().collect();
    for one in single {
        let owners: Vec<&String> = full.iter().filter(|f| surname(f) == one).collect();
        if let [owner] = owners.as_slice()
            && let Some((count, _)) = names.remove(&one)
            && let Some(entry) = names.get_mut(*owner)
        {
            entry.0 += count;
        }
    }
    let known_aliases: BTreeSet<String> = rules
        .phrases
        .phrases
        .iter()
        .filter(|p| matches!(p.owner, Owner::Alias(_)))
        .map(|p| p.written.to_lowercase())
        .collect();
    // A surname two proposed people share names neither of them.
    let mut surnames: Tally<String> = Tally::new();
    for name in &full {
        surnames.entry(surname(name).to_string()).or_default().0 += 1;
    }
    let mut ids: BTreeSet<String> = rules.entities.iter().map(|e| e.id.clone()).collect();
    let mut out = Vec::new();
    for (name, (count, example)) in names {
        let kind = guess_kind(&name, words, lexicon);
        let mut aliases = vec![name.clone()];
        let mut note = None;
        if kind == EntityKind::Person && name.contains(' ') {
            let last = surname(&name);
            let shared = surnames.get(last).is_some_and(|(n, _)| *n > 1);
            if shared || known_aliases.contains(&last.to_lowercase()) {
                note = Some(format!(
                    "`{last}` alone is left out: it names someone else too"
                ));
            } else if is_common_word(last, words, lexicon) {
                note = Some(format!(
                    "`{last}` alone is left out: it is also a common word"
                ));
            } else {
                aliases.push(last.to_string());
            }
        } else if !name.contains(' ') && is_common_word(&name, words, lexicon) {
            // "Motors", "Bank", "Ministry" alone name nobody.
            continue;
        }
        if kind == EntityKind::Person && !name.contains(' ') {
            note = Some("one word only: check the kind and add the full name".into());
        }
        let id = fresh_id(&slug(&name), &mut ids);
        out.push(Suggestion {
            kind: SuggestionKind::Entity,
            text: name,
            target: None,
            count,
            example,
            detail: Detail::Entity {
                id,
                kind,
                aliases,
                note,
            },
        });
    }
    out
}

/// The name without the titles it starts with.
fn without_titles(name: &str, words: &NameWords) -> String {
    let parts: Vec<&str> = name.split_whitespace().collect();
    let from = parts
        .iter()
        .position(|w| !has(&words.titles, w))
        .unwrap_or(parts.len());
    parts[from..].join(" ")
}

/// The last word of a name.
fn surname(name: &str) -> &str {
    name.split_whitespace().last().unwrap_or(name)
}

/// Whether `word` is in `list`, as it is or as the plural of a word of it ("Organisers").
fn has(list: &[String], word: &str) -> bool {
    let w = word.trim_end_matches(['’', '\'']);
    let singular = w.strip_suffix('s').unwrap_or(w);
    list.iter()
        .any(|x| x.eq_ignore_ascii_case(w) || x.eq_ignore_ascii_case(singular))
}

/// The kind a name's words tell: a country the lexicon knows, a word that marks an
/// organisation or a place, else a person.
pub(super) fn guess_kind(name: &str, words: &NameWords, lexicon: Option<&Lexicon>) -> EntityKind {
    if lexicon.is_some_and(|l| l.country_of(name).is_some()) {
        return EntityKind::Country;
    }
    let parts: Vec<&str> = name.split_whitespace().collect();
    if parts.iter().any(|w| has(&words.organisation, w)) {
        EntityKind::Organisation
    } else if parts.iter().any(|w| has(&words.place, w)) {
        EntityKind::Place
    } else {
        EntityKind::Person
    }
}

/// Whether a word alone is a common word: a title, organisation or place word, or a word
/// the general lexicon knows (WordNet's nouns, verbs and adjectives).
fn is_common_word(word: &str, words: &NameWords, lexicon: Option<&Lexicon>) -> bool {
    if has(&words.titles, word) || has(&words.organisation, word) || has(&words.place, word) {
        return true;
    }
    let lower = word.to_lowercase();
    lexicon.is_some_and(|l| {
        [Pos::Noun, Pos::Verb, Pos::Adj]
            .iter()
            .any(|&pos| !l.synsets(&lower, pos).is_empty() || !l.lemma_of(&lower, pos).is_empty())
    })
}

/// `base`, or `base-2`, `base-3` … when taken; the id returned is taken from then on.
pub(super) fn fresh_id(base: &str, taken: &mut BTreeSet<String>) -> String {
    let base = if base.is_empty() { "entity" } else { base };
    let mut id = base.to_string();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_the_words_of_the_name_and_common_words_name_nobody() {
        let rules = crate::rules::embedded().unwrap_or_else(|d| panic!("{d:?}"));
        let words = &rules.name_words;
        let lexicon = Lexicon::bundled().ok();
        let kind = |name: &str| guess_kind(name, words, lexicon);
        assert_eq!(kind("Treasury Department"), EntityKind::Organisation);
        assert_eq!(kind("Norvane Motors Inc."), EntityKind::Organisation);
        assert_eq!(
            kind("Road and Rail Drivers' Union"),
            EntityKind::Organisation
        );
        assert_eq!(kind("Alder River"), EntityKind::Place);
        assert_eq!(
            kind("Ruritania Ministry of Transport"),
            EntityKind::Organisation
        );
        assert_eq!(kind("France"), EntityKind::Country);
        assert_eq!(kind("Ossian Pryce"), EntityKind::Person);
        for generic in ["Motors", "Bank", "Ministry", "Department", "Organisers"] {
            assert!(is_common_word(generic, words, lexicon), "{generic}");
        }
        for surname in ["Pryce", "Dunstan", "Zakharova"] {
            assert!(!is_common_word(surname, words, lexicon), "{surname}");
        }
        assert_eq!(
            without_titles("Spokeswoman Mirela Dunstan", words),
            "Mirela Dunstan"
        );
    }
}
