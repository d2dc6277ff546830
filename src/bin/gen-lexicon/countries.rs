//! `countries.yaml`: ISO 3166-1 countries matched to WordNet places, each word kept by one
//! country.

use crate::country_words::{adjectives_as_people, find_adjectives, find_aliases, find_demonyms};
use crate::derivations::NOUN_LOCATION;
use crate::wordnet::{Key, Synset, WordNet};
use crate::yaml::{header, list, q, synset_id};
use crate::{FNV_START, fnv};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

#[derive(Deserialize)]
struct IsoFile {
    #[serde(rename = "3166-1")]
    entries: Vec<Iso>,
}

#[derive(Deserialize)]
pub(crate) struct Iso {
    alpha_2: String,
    alpha_3: String,
    name: String,
    official_name: Option<String>,
    common_name: Option<String>,
}

impl Iso {
    /// The names ISO gives: name, official name, common name.
    pub(crate) fn names(&self) -> Vec<String> {
        let mut names = vec![self.name.clone()];
        names.extend(self.official_name.iter().chain(&self.common_name).cloned());
        names
    }
}

/// A country's words as found.
#[derive(Default)]
pub(crate) struct Found {
    pub(crate) synset: Option<Key>,
    pub(crate) aliases: BTreeSet<String>,
    pub(crate) adjectives: BTreeSet<String>,
    pub(crate) demonyms: BTreeSet<String>,
}

/// Latin letters without their diacritics: WordNet is written in ASCII.
fn fold(s: &str) -> String {
    const FROM: &str = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿ";
    const TO: &str = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyy";
    let to: Vec<char> = TO.chars().collect();
    let swap = |c: char| {
        FROM.chars()
            .position(|f| f == c)
            .and_then(|i| to.get(i).copied())
    };
    s.chars().map(|c| swap(c).unwrap_or(c)).collect()
}

pub(crate) fn norm(s: &str) -> String {
    fold(s).replace('_', " ").to_lowercase()
}

/// ISO's names and the forms text uses: "Korea, Republic of" → "Republic of Korea" and
/// "Korea"; "Côte d'Ivoire" → "Cote d'Ivoire".
pub(crate) fn iso_forms(iso: &Iso) -> Vec<String> {
    let mut names = iso.names();
    if let Some((head, tail)) = iso.name.split_once(", ") {
        if tail.ends_with(" of") || tail.ends_with(" of the") || !tail.contains(' ') {
            let whole = format!("{tail} {head}");
            names.push(whole.strip_prefix("The ").unwrap_or(&whole).to_string());
        }
        names.push(head.to_string());
    }
    let folded: Vec<String> = names.iter().map(|n| fold(n)).collect();
    names.extend(folded);
    let mut seen = BTreeSet::new();
    names.retain(|n| seen.insert(n.clone()));
    names
}

/// Places (noun.location) by normalised word.
fn places(wn: &WordNet) -> HashMap<String, Vec<Key>> {
    let mut map: HashMap<String, Vec<Key>> = HashMap::new();
    let locations = wn
        .synsets
        .iter()
        .filter(|(k, s)| k.0 == 'n' && s.lexfile == NOUN_LOCATION);
    for (&key, s) in locations {
        for w in &s.words {
            map.entry(norm(w)).or_default().push(key);
        }
    }
    map
}

fn candidates(forms: &[String], places: &HashMap<String, Vec<Key>>) -> BTreeSet<Key> {
    forms
        .iter()
        .filter_map(|f| places.get(&norm(f)))
        .flatten()
        .copied()
        .collect()
}

fn hypernyms(s: &Synset) -> impl Iterator<Item = Key> + '_ {
    s.ptrs
        .iter()
        .filter(|p| p.sym == "@i" || p.sym == "@")
        .map(|p| p.to)
}

/// How often each hypernym heads the places that only one country's names find: the kind
/// of place countries are, learnt from the data.
fn popular_hypernyms(wn: &WordNet, all: &[BTreeSet<Key>]) -> HashMap<Key, usize> {
    let mut counts = HashMap::new();
    for only in all.iter().filter(|c| c.len() == 1).flatten() {
        for h in wn.synsets.get(only).into_iter().flat_map(hypernyms) {
            *counts.entry(h).or_default() += 1;
        }
    }
    counts
}

/// The place that matches most of the country's names, of the most usual kind.
fn pick(
    wn: &WordNet,
    forms: &[String],
    cands: &BTreeSet<Key>,
    popular: &HashMap<Key, usize>,
) -> Option<Key> {
    let wanted: BTreeSet<String> = forms.iter().map(|f| norm(f)).collect();
    let score = |k: &Key| {
        let s = wn.synsets.get(k)?;
        let matched = s.words.iter().filter(|w| wanted.contains(&norm(w))).count();
        let kind = hypernyms(s)
            .filter_map(|h| popular.get(&h))
            .max()
            .copied()
            .unwrap_or(0);
        Some((matched, kind, std::cmp::Reverse(*k)))
    };
    cands.iter().max_by_key(|k| score(k)).copied()
}

/// Who a place belongs to: the country that picked it, or else every country one of whose
/// words the place (or its word `only`) is, when it is a place no country picked.
pub(crate) struct Owners {
    picked: HashMap<Key, usize>,
    by_word: HashMap<String, BTreeSet<usize>>,
}

impl Owners {
    fn new(wn: &WordNet, isos: &[Iso], found: &[Found]) -> Owners {
        let picked: HashMap<Key, usize> = found
            .iter()
            .enumerate()
            .filter_map(|(i, f)| Some((f.synset?, i)))
            .collect();
        let taken: HashMap<String, usize> = isos
            .iter()
            .enumerate()
            .flat_map(|(i, iso)| iso.names().into_iter().map(move |n| (norm(&n), i)))
            .collect();
        let mut by_word: HashMap<String, BTreeSet<usize>> = HashMap::new();
        for (i, (iso, f)) in isos.iter().zip(found).enumerate() {
            let own = f.synset.and_then(|k| wn.synsets.get(&k));
            let words = iso_forms(iso)
                .into_iter()
                .chain(own.into_iter().flat_map(|s| s.words.clone()));
            for w in words.map(|w| norm(&w)) {
                if taken.get(&w).is_none_or(|&t| t == i) {
                    by_word.entry(w).or_default().insert(i);
                }
            }
        }
        Owners { picked, by_word }
    }

    pub(crate) fn of(&self, wn: &WordNet, place: Key, only: Option<&str>) -> BTreeSet<usize> {
        if let Some(&i) = self.picked.get(&place) {
            return BTreeSet::from([i]);
        }
        let Some(s) = wn
            .synsets
            .get(&place)
            .filter(|s| s.lexfile == NOUN_LOCATION)
        else {
            return BTreeSet::new();
        };
        let words: Vec<&str> =
            only.map_or_else(|| s.words.iter().map(String::as_str).collect(), |w| vec![w]);
        words
            .iter()
            .filter_map(|w| self.by_word.get(&norm(w)))
            .flatten()
            .copied()
            .collect()
    }
}
/// A word given to several countries is kept by the one whose ISO name it is, and dropped
/// from all otherwise; returns the dropped ones.
fn resolve(isos: &[Iso], found: &mut [Found]) -> Vec<String> {
    let mut owners: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (i, f) in found.iter().enumerate() {
        for w in f.aliases.iter().chain(&f.adjectives).chain(&f.demonyms) {
            owners.entry(w.clone()).or_default().insert(i);
        }
    }
    let named: HashMap<String, usize> = isos
        .iter()
        .enumerate()
        .flat_map(|(i, iso)| iso.names().into_iter().map(move |n| (n, i)))
        .collect();
    let mut dropped = Vec::new();
    for (w, who) in owners {
        let keeper = named.get(&w).copied();
        if who.len() < 2 && keeper.is_none_or(|k| who.contains(&k)) {
            continue;
        }
        for &i in who.iter().filter(|&&i| Some(i) != keeper) {
            let f = &mut found[i];
            f.aliases.remove(&w);
            f.adjectives.remove(&w);
            f.demonyms.remove(&w);
        }
        if keeper.is_none() {
            let ids: Vec<&str> = who.iter().map(|&i| isos[i].alpha_2.as_str()).collect();
            dropped.push(format!("{w} ({})", ids.join(", ")));
        }
    }
    dropped
}

fn find_countries(wn: &WordNet, isos: &[Iso]) -> (Vec<Found>, Vec<String>) {
    let places = places(wn);
    let forms: Vec<Vec<String>> = isos.iter().map(iso_forms).collect();
    let cands: Vec<BTreeSet<Key>> = forms.iter().map(|f| candidates(f, &places)).collect();
    let popular = popular_hypernyms(wn, &cands);
    let mut found: Vec<Found> = forms
        .iter()
        .zip(&cands)
        .map(|(f, c)| Found {
            synset: pick(wn, f, c, &popular),
            ..Found::default()
        })
        .collect();
    let owners = Owners::new(wn, isos, &found);
    find_aliases(wn, isos, &mut found);
    find_adjectives(wn, &owners, &mut found);
    find_demonyms(wn, isos, &owners, &mut found);
    adjectives_as_people(wn, &mut found);
    let dropped = resolve(isos, &mut found);
    (found, dropped)
}

/// Comment lines listing, wrapped, the ids of countries for which a part was not found.
fn missing(label: &str, isos: &[Iso], found: &[Found], lacks: impl Fn(&Found) -> bool) -> String {
    let ids: Vec<&str> = isos
        .iter()
        .zip(found)
        .filter(|(_, f)| lacks(f))
        .map(|(i, _)| i.alpha_2.as_str())
        .collect();
    wrap(&format!("{label} ({}): {}", ids.len(), ids.join(" ")))
}

fn wrap(text: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if line.len() + word.len() > 86 {
            out.push_str(line.trim_end());
            out.push('\n');
            line = "  ".into();
        }
        line.push_str(word);
        line.push(' ');
    }
    out.push_str(line.trim_end());
    out
}

fn country_yaml(out: &mut String, iso: &Iso, f: &Found, wn: &WordNet) {
    let _ = writeln!(
        out,
        "    - id: {}\n      alpha3: {}",
        iso.alpha_2, iso.alpha_3
    );
    let _ = writeln!(out, "      name: {}", q(&iso.name));
    for (key, v) in [
        ("official", &iso.official_name),
        ("common", &iso.common_name),
    ] {
        if let Some(v) = v {
            let _ = writeln!(out, "      {key}: {}", q(v));
        }
    }
    if let Some(k) = f.synset {
        let _ = writeln!(out, "      wordnet: {}", synset_id(wn, k));
    }
    for (key, set) in [
        ("aliases", &f.aliases),
        ("adjectives", &f.adjectives),
        ("demonyms", &f.demonyms),
    ] {
        if !set.is_empty() {
            let v: Vec<String> = set.iter().cloned().collect();
            let _ = writeln!(out, "      {key}: {}", list(&v));
        }
    }
}

pub(crate) fn countries_yaml(wn: &WordNet, iso_text: &str) -> Result<String, String> {
    let file: IsoFile =
        serde_json::from_str(iso_text).map_err(|e| format!("iso_3166-1.json: {e}"))?;
    let mut isos = file.entries;
    isos.sort_by(|a, b| a.alpha_2.cmp(&b.alpha_2));
    let (found, dropped) = find_countries(wn, &isos);
    let kept = [
        format!("Every country of ISO 3166-1 (iso_3166-1.json of Debian's iso-codes, LGPL-2.1+;\nFNV-1a 64: {:016x}),", fnv(FNV_START, iso_text.as_bytes())),
        "with the WordNet place (noun.location) that matches most of its names, that place's\nother names as `aliases`, the adjectives that pertain to it (`\\`), and as `demonyms`\nthe people who are its members (`#m`) and are named like it, and the adjectives that\nare also nouns of people, with their plurals. A word found for several countries is kept\nby the one whose ISO name it is and dropped otherwise.".into(),
        "\nNot derived (filled by hand, where obvious, in countries-extra.yaml):".into(),
        missing("no WordNet place", &isos, &found, |f| f.synset.is_none()),
        missing("no adjective", &isos, &found, |f| f.adjectives.is_empty()),
        missing("no demonym", &isos, &found, |f| f.demonyms.is_empty()),
        wrap(&format!("dropped as ambiguous ({}): {}", dropped.len(), dropped.join(", "))),
    ];
    let what = "Countries: ISO 3166-1 codes and names, with words for them from WordNet.";
    let mut out = header(wn, what, &kept.join("\n"));
    out.push_str("countries:\n  entries:\n");
    for (iso, f) in isos.iter().zip(&found) {
        country_yaml(&mut out, iso, f, wn);
    }
    Ok(out)
}
