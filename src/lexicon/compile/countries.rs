//! `countries`: countries defined once, the words that name them, each word for one
//! country, with removals that must exist.

use super::{Cx, at, is_synset_id, place, sections, with, word};
use crate::lexicon::schema::{CountriesSpec, CountrySpec, LexiconFile};
use crate::lexicon::{Country, Lexicon};
use crate::rules::Origin;
use crate::rules::diagnostic::locate::Step;
use std::collections::HashMap;

fn is_code(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// The country an entry defines, when it gives a name.
fn country_definition(cx: &mut Cx<'_>, fi: usize, i: usize, c: &CountrySpec) -> Option<Country> {
    let path = |k| at(&["countries", "entries"], i, k);
    let name = c.name.clone()?;
    let alpha3 = c.alpha3.clone().unwrap_or_default();
    if !is_code(&alpha3, 3) {
        let m = "give the ISO 3166-1 alpha-3 code in capitals: `alpha3: RUS`".into();
        cx.error(fi, &path("alpha3"), m);
        return None;
    }
    if c.wordnet.as_deref().is_some_and(|w| !is_synset_id(w)) {
        cx.error(
            fi,
            &path("wordnet"),
            "write a WordNet synset id like `09006413-n`".into(),
        );
    }
    Some(Country {
        id: c.id.clone(),
        alpha3,
        name,
        official: c.official.clone(),
        common: c.common.clone(),
        aliases: Vec::new(),
        adjectives: Vec::new(),
        demonyms: Vec::new(),
    })
}

/// Where each country word was given, to report a word given twice.
type Claimed = HashMap<String, (usize, Origin)>;

/// The words of a list for country `ci` that neither another country nor this list
/// (`existing`) has; a word of the country's other lists may stand here too ("Ruritanian" is an
/// adjective and a demonym).
fn country_words(
    cx: &mut Cx<'_>,
    (fi, path): (usize, &[Step]),
    (ci, words, existing): (usize, &[String], &[String]),
    claimed: &mut Claimed,
    countries: &[Country],
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (j, raw) in words.iter().enumerate() {
        let place_j = with(path.to_vec(), j);
        let w = match word(raw, false) {
            Ok(w) => w,
            Err(m) => {
                cx.error(fi, &place_j, m);
                continue;
            }
        };
        let here = cx.origin(fi, &place_j);
        let (owner, first) = claimed.entry(w.clone()).or_insert((ci, here)).clone();
        if owner != ci {
            let m = format!(
                "`{w}` is already given to {} at {}",
                countries[owner].id,
                place(&first)
            );
            cx.error(fi, &place_j, m);
        } else if existing.contains(&w) || out.contains(&w) {
            let m = format!(
                "`{w}` is already listed for {} at {}",
                countries[ci].id,
                place(&first)
            );
            cx.error(fi, &place_j, m);
        } else {
            out.push(w);
        }
    }
    out
}

fn define_countries(
    cx: &mut Cx<'_>,
    secs: &[(usize, &CountriesSpec)],
    ids: &mut HashMap<String, (usize, Origin)>,
) -> Vec<Country> {
    let mut countries = Vec::new();
    for &(fi, s) in secs {
        for (i, c) in s.entries.iter().enumerate() {
            let path = at(&["countries", "entries"], i, "id");
            if !is_code(&c.id, 2) {
                let m = "give the ISO 3166-1 alpha-2 code in capitals: `id: RU`".into();
                cx.error(fi, &path, m);
                continue;
            }
            let Some(country) = country_definition(cx, fi, i, c) else {
                continue;
            };
            if let Some((_, first)) = ids.get(&c.id) {
                let m = format!(
                    "the country `{}` is already defined at {}",
                    c.id,
                    place(first)
                );
                cx.error(fi, &path, m);
                continue;
            }
            ids.insert(c.id.clone(), (countries.len(), cx.origin(fi, &path)));
            countries.push(country);
        }
    }
    countries
}

/// The names a country is defined with, claimed first so that lists cannot take them.
fn claim_names(countries: &[Country], origins: &HashMap<String, (usize, Origin)>) -> Claimed {
    let mut claimed = Claimed::new();
    for (ci, c) in countries.iter().enumerate() {
        let Some((_, o)) = origins.get(&c.id) else {
            continue;
        };
        let names = [Some(&c.name), c.official.as_ref(), c.common.as_ref()];
        for n in names.into_iter().flatten().filter(|n| !n.contains(',')) {
            claimed.entry(n.clone()).or_insert_with(|| (ci, o.clone()));
        }
    }
    claimed
}

/// Drops the words `remove` lists from the countries that have them.
fn remove_country_words(
    cx: &mut Cx<'_>,
    secs: &[(usize, &CountriesSpec)],
    claimed: &mut Claimed,
    list: &mut [Country],
) {
    for &(fi, s) in secs {
        for (i, w) in s.remove.iter().enumerate() {
            let Some((ci, _)) = claimed.remove(w) else {
                let m = format!("no country has the word `{w}` this would remove");
                cx.error(
                    fi,
                    &with(
                        vec![Step::Key("countries".into()), Step::Key("remove".into())],
                        i,
                    ),
                    m,
                );
                continue;
            };
            let c = &mut list[ci];
            for words in [&mut c.aliases, &mut c.adjectives, &mut c.demonyms] {
                words.retain(|x| x != w);
            }
        }
    }
}

fn list_mut<'c>(c: &'c mut Country, key: &str) -> &'c mut Vec<String> {
    match key {
        "aliases" => &mut c.aliases,
        "adjectives" => &mut c.adjectives,
        _ => &mut c.demonyms,
    }
}

pub(super) fn countries(cx: &mut Cx<'_>, files: &[(usize, LexiconFile)], lx: &mut Lexicon) {
    let secs: Vec<(usize, &CountriesSpec)> = sections(files, |f| f.countries.as_ref());
    let mut ids = HashMap::new();
    let mut list = define_countries(cx, &secs, &mut ids);
    let mut claimed = claim_names(&list, &ids);
    for &(fi, s) in &secs {
        for (i, c) in s.entries.iter().enumerate() {
            let defines = [&c.alpha3, &c.official, &c.common, &c.wordnet];
            if c.name.is_none() && defines.iter().any(|d| d.is_some()) {
                let m = "only the entry that defines a country (with `name`) gives `alpha3`, \
                         `official`, `common` or `wordnet`"
                    .into();
                cx.error(fi, &at(&["countries", "entries"], i, "id"), m);
            }
            let Some(&(ci, _)) = ids.get(&c.id) else {
                if is_code(&c.id, 2) {
                    let m = format!("no entry defines the country `{}` (with `name`)", c.id);
                    cx.error(fi, &at(&["countries", "entries"], i, "id"), m);
                }
                continue;
            };
            for (key, words) in [
                ("aliases", &c.aliases),
                ("adjectives", &c.adjectives),
                ("demonyms", &c.demonyms),
            ] {
                let path = at(&["countries", "entries"], i, key);
                let existing = list_mut(&mut list[ci], key).clone();
                let words = (ci, words.as_slice(), existing.as_slice());
                let got = country_words(cx, (fi, &path), words, &mut claimed, &list);
                list_mut(&mut list[ci], key).extend(got);
            }
        }
    }
    remove_country_words(cx, &secs, &mut claimed, &mut list);
    lx.country_words = claimed.into_iter().map(|(w, (ci, _))| (w, ci)).collect();
    lx.countries = list;
}
