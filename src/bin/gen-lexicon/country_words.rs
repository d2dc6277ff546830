//! The words that name a country besides its names: adjectives (pertainyms), demonyms and
//! their plurals, and the places' other names.

use crate::countries::{Found, Iso, Owners, iso_forms, norm};
use crate::derivations::NOUN_PERSON;
use crate::morphology::man_plural;
use crate::wordnet::WordNet;
use crate::yaml::phrase;
use std::collections::BTreeSet;

fn proper(words: &[String]) -> impl Iterator<Item = String> + '_ {
    words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .map(|w| phrase(w))
}

/// Adjectives whose pertainym (`\`) points at a country: Russian → Russia.
pub(crate) fn find_adjectives(wn: &WordNet, owners: &Owners, found: &mut [Found]) {
    for s in wn
        .synsets
        .iter()
        .filter(|(k, _)| k.0 == 'a')
        .map(|(_, s)| s)
    {
        for p in s.ptrs.iter().filter(|p| p.sym == "\\" && p.to.0 == 'n') {
            let who = owners.of(wn, p.to, wn.target_word(p));
            let words = match p.src {
                0 => s.words.clone(),
                n => s.words.get(n - 1).cloned().into_iter().collect(),
            };
            for i in who {
                found[i].adjectives.extend(proper(&words));
            }
        }
    }
}

/// People who are members (`#m`) of a country and whose word shares its first letters with
/// one of the country's names or adjectives (Frenchman: France; Briton: British), with their
/// plurals. The rule leaves out the peoples of a country (Komi, Mari) and of several.
pub(crate) fn find_demonyms(wn: &WordNet, isos: &[Iso], owners: &Owners, found: &mut [Found]) {
    let people = wn
        .synsets
        .iter()
        .filter(|(k, s)| k.0 == 'n' && s.lexfile == NOUN_PERSON);
    for (_, s) in people {
        for p in s.ptrs.iter().filter(|p| p.sym == "#m") {
            for i in owners.of(wn, p.to, None) {
                let f = &found[i];
                let own: Vec<String> = iso_forms(&isos[i])
                    .into_iter()
                    .chain(f.aliases.iter().chain(&f.adjectives).cloned())
                    .collect();
                let words: Vec<String> = proper(&s.words)
                    .filter(|w| own.iter().any(|o| akin(w, o)))
                    .collect();
                for w in words {
                    let plural = demonym_plural(wn, &w);
                    found[i].demonyms.extend(plural);
                    found[i].demonyms.insert(w);
                }
            }
        }
    }
}

/// Whether two words begin with the same four letters (or all of the shorter one).
fn akin(a: &str, b: &str) -> bool {
    let (a, b) = (norm(a), norm(b));
    let shared = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    shared >= 4.min(a.chars().count()).min(b.chars().count())
}

/// Adjectives that WordNet also has as nouns of people: Estonian (a native of Estonia).
pub(crate) fn adjectives_as_people(wn: &WordNet, found: &mut [Found]) {
    for f in found.iter_mut() {
        let people: Vec<String> = f
            .adjectives
            .iter()
            .filter(|a| is_person(wn, &a.replace(' ', "_").to_lowercase()))
            .cloned()
            .collect();
        for w in people {
            f.demonyms.extend(demonym_plural(wn, &w));
            f.demonyms.insert(w);
        }
    }
}

pub(crate) fn is_person(wn: &WordNet, word: &str) -> bool {
    let senses = wn.senses.get(&(word.to_string(), 'n'));
    senses
        .into_iter()
        .flatten()
        .any(|k| wn.synsets.get(k).is_some_and(|s| s.lexfile == NOUN_PERSON))
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Russians, Frenchmen, Iraqis, South Africans; Swiss and Chinese stay as they are, and so
/// does a phrase whose last word is no name ("French person").
fn demonym_plural(wn: &WordNet, word: &str) -> Option<String> {
    if let Some((front, last)) = word.rsplit_once(' ') {
        let proper = last.starts_with(char::is_uppercase);
        return proper
            .then(|| demonym_plural(wn, last))
            .flatten()
            .map(|p| format!("{front} {p}"));
    }
    let lower = word.to_lowercase();
    if word.contains('-') {
        return None;
    }
    if let Some(form) = wn
        .exceptions
        .get(&('n', lower.clone()))
        .and_then(|f| f.first())
    {
        return Some(capitalised(form));
    }
    if let Some(p) = man_plural(wn, &lower) {
        return Some(capitalised(&p));
    }
    let same = ["s", "sh", "ch", "x", "z", "ese"]
        .iter()
        .any(|e| lower.ends_with(e));
    (!same).then(|| format!("{word}s"))
}

/// The places' other names, and ISO's names as text writes them.
pub(crate) fn find_aliases(wn: &WordNet, isos: &[Iso], found: &mut [Found]) {
    for (iso, f) in isos.iter().zip(found.iter_mut()) {
        let own: BTreeSet<String> = iso.names().into_iter().collect();
        let synset = f.synset.and_then(|k| wn.synsets.get(&k));
        let words = synset
            .into_iter()
            .flat_map(|s| s.words.iter().map(|w| phrase(w)));
        f.aliases = words
            .chain(iso_forms(iso))
            .filter(|w| !own.contains(w) && !w.contains(','))
            .collect();
    }
}
