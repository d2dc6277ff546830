//! Checks lexicon files into a [`Lexicon`]: every fault, with file, line, column and key
//! path. A duplicate entry, an unknown part of speech, a removal of something no file gives
//! or an example that names no entry is an error.

use super::schema::{
    AntonymsSpec, CountriesSpec, CountrySpec, DerivationsSpec, ExampleSpec, FunctionalSpec,
    ImplicativesSpec, LexiconFile, MorphologySpec, SynonymsSpec,
};
use super::{
    Antonym, Complement, Country, Derivation, DerivationKind, Functional, LexExample, Lexicon, Pos,
    Section, Signature, SynSet, Truth,
};
use crate::rules::compile::MAX_RULE_FILE_BYTES;
use crate::rules::diagnostic::locate::{Locator, Step};
use crate::rules::{Diagnostic, Origin, RuleSource, Severity};
use std::collections::{BTreeMap, HashMap};

struct Cx<'a> {
    sources: &'a [RuleSource],
    locators: Vec<Locator<'a>>,
    diags: Vec<Diagnostic>,
    /// Where each example of the lexicon stands, in the order of `Lexicon::examples`.
    example_places: Vec<(usize, Vec<Step>)>,
}

impl<'a> Cx<'a> {
    fn new(sources: &'a [RuleSource]) -> Cx<'a> {
        Cx {
            sources,
            locators: sources.iter().map(|s| Locator::new(&s.text)).collect(),
            diags: Vec::new(),
            example_places: Vec::new(),
        }
    }

    fn error(&mut self, file: usize, path: &[Step], message: String) {
        let (line, column) = self.locators[file].locate(path);
        self.diags.push(Diagnostic {
            file: self.sources[file].name.clone(),
            line,
            column,
            severity: Severity::Error,
            key: crate::rules::diagnostic::locate::show(path),
            message,
        });
    }

    fn origin(&self, file: usize, path: &[Step]) -> Origin {
        Origin {
            file: self.sources[file].name.clone(),
            line: self.locators[file].locate(path).0,
        }
    }
}

/// A key path: `at(&["antonyms", "pairs"], 3, "pos")` is `antonyms.pairs[3].pos`.
fn at(keys: &[&str], index: usize, key: &str) -> Vec<Step> {
    let mut path: Vec<Step> = keys.iter().map(|k| Step::Key(k.to_string())).collect();
    path.push(Step::Index(index));
    if !key.is_empty() {
        path.push(Step::Key(key.to_string()));
    }
    path
}

fn with(mut path: Vec<Step>, index: usize) -> Vec<Step> {
    path.push(Step::Index(index));
    path
}

/// serde's message without its place (which goes in front), split into key path and text.
fn split_message(raw: &str) -> (String, String) {
    let mut text = raw.to_string();
    if let Some(i) = raw.rfind(" at line ") {
        let rest = &raw[i + " at line ".len()..];
        if rest
            .split(" column ")
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        {
            text.truncate(i);
        }
    }
    match text.split_once(": ") {
        Some((k, m)) if !k.contains(' ') => (k.to_string(), m.to_string()),
        _ => (String::new(), text),
    }
}

fn parse_all(cx: &mut Cx<'_>) -> Vec<(usize, LexiconFile)> {
    let mut files = Vec::new();
    for (fi, src) in cx.sources.iter().enumerate() {
        if src.text.len() as u64 > MAX_RULE_FILE_BYTES {
            cx.error(
                fi,
                &[],
                format!("file is larger than {MAX_RULE_FILE_BYTES} bytes"),
            );
            continue;
        }
        if src.text.trim().is_empty() {
            continue;
        }
        match serde_yaml::from_str::<LexiconFile>(&src.text) {
            Ok(f) => files.push((fi, f)),
            Err(e) => {
                let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
                let (key, message) = split_message(&e.to_string());
                cx.diags.push(Diagnostic {
                    file: src.name.clone(),
                    line,
                    column,
                    severity: Severity::Error,
                    key,
                    message,
                });
            }
        }
    }
    files
}

/// A word or phrase as the lexicon keeps it, or why it cannot be one.
fn word(raw: &str, fold: bool) -> Result<String, String> {
    let ok = |c: char| c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'' | '.' | '’');
    if raw.trim().is_empty() {
        return Err("is empty".into());
    }
    if raw.trim() != raw || raw.contains("  ") {
        return Err(format!("`{raw}` has stray spaces"));
    }
    if let Some(c) = raw.chars().find(|&c| !ok(c)) {
        return Err(format!(
            "`{raw}` holds `{c}`, which no word of the lexicon may hold"
        ));
    }
    Ok(if fold { raw.to_lowercase() } else { raw.into() })
}

/// Checks a word, reporting at `path`; `None` when it is faulty.
fn checked(cx: &mut Cx<'_>, file: usize, path: &[Step], raw: &str) -> Option<String> {
    word(raw, true).map_err(|m| cx.error(file, path, m)).ok()
}

fn is_synset_id(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() == 10
        && b[..8].iter().all(u8::is_ascii_digit)
        && b[8] == b'-'
        && b"nvasr".contains(&b[9])
}

fn place(o: &Origin) -> String {
    format!("{}:{}", o.file, o.line)
}

fn pos_name(pos: Pos) -> &'static str {
    match pos {
        Pos::Noun => "noun",
        Pos::Verb => "verb",
        Pos::Adj => "adj",
        Pos::Adv => "adv",
    }
}

type PairKey = (Pos, String, String);

fn pair_key(a: &str, b: &str, pos: Pos) -> PairKey {
    let (x, y) = if a <= b { (a, b) } else { (b, a) };
    (pos, x.to_string(), y.to_string())
}

/// A pair as written (pos, a, b), checked, with `via` if it is indirect.
fn antonym_pair(
    cx: &mut Cx<'_>,
    fi: usize,
    i: usize,
    p: &super::schema::AntonymSpec,
) -> Option<(PairKey, Option<String>)> {
    let path = |k| at(&["antonyms", "pairs"], i, k);
    let a = checked(cx, fi, &path("a"), &p.a)?;
    let b = checked(cx, fi, &path("b"), &p.b)?;
    if a == b {
        cx.error(fi, &path("b"), format!("`{a}` cannot be its own antonym"));
        return None;
    }
    if p.synsets.len() > 2 || p.synsets.iter().any(|s| !is_synset_id(s)) {
        let m = "give at most two WordNet synset ids, written like `01100145-v`".into();
        cx.error(fi, &path("synsets"), m);
    }
    let via = match &p.via {
        Some(v) => Some(checked(cx, fi, &path("via"), v)?),
        None => None,
    };
    Some(((p.pos, a, b), via))
}

fn antonyms(cx: &mut Cx<'_>, files: &[(usize, LexiconFile)], lx: &mut Lexicon) {
    // Sorted key → (a, b as written, via, where).
    let mut pairs: BTreeMap<PairKey, (PairKey, Option<String>, Origin)> = BTreeMap::new();
    let sections = files
        .iter()
        .filter_map(|(fi, f)| f.antonyms.as_ref().map(|s| (*fi, s)));
    let sections: Vec<(usize, &AntonymsSpec)> = sections.collect();
    for &(fi, s) in &sections {
        for (i, p) in s.pairs.iter().enumerate() {
            let Some((written, via)) = antonym_pair(cx, fi, i, p) else {
                continue;
            };
            let key = pair_key(&written.1, &written.2, written.0);
            let here = cx.origin(fi, &at(&["antonyms", "pairs"], i, ""));
            if let Some((_, _, first)) = pairs.get(&key) {
                let m = format!(
                    "the pair {}/{} ({}) is already given at {}",
                    written.1,
                    written.2,
                    pos_name(written.0),
                    place(first)
                );
                cx.error(fi, &at(&["antonyms", "pairs"], i, ""), m);
                continue;
            }
            pairs.insert(key, (written, via, here));
        }
    }
    for &(fi, s) in &sections {
        for (i, r) in s.remove.iter().enumerate() {
            let key = pair_key(&r.a.to_lowercase(), &r.b.to_lowercase(), r.pos);
            if pairs.remove(&key).is_none() {
                let m = format!(
                    "no file gives the pair {}/{} ({}) this would remove",
                    r.a,
                    r.b,
                    pos_name(r.pos)
                );
                cx.error(fi, &at(&["antonyms", "remove"], i, ""), m);
            }
        }
    }
    for ((pos, a, b), via, _) in pairs.into_values() {
        let antonym = |lemma: &str| Antonym {
            lemma: lemma.to_string(),
            via: via.clone(),
        };
        lx.antonyms.entry(a.clone(), pos).push(antonym(&b));
        lx.antonyms.entry(b, pos).push(antonym(&a));
    }
}

/// Each file's section, with the file's index.
fn sections<'f, T>(
    files: &'f [(usize, LexiconFile)],
    get: impl Fn(&'f LexiconFile) -> Option<&'f T>,
) -> Vec<(usize, &'f T)> {
    files
        .iter()
        .filter_map(|(fi, f)| get(f).map(|s| (*fi, s)))
        .collect()
}

/// The checked, distinct words of a list, in lower case; a repeated word is an error.
fn word_list(cx: &mut Cx<'_>, fi: usize, path: &[Step], words: &[String]) -> Vec<String> {
    phrase_list(cx, (fi, path), words, true)
}

/// The checked, distinct phrases of a list, folded to lower case or as written.
fn phrase_list(
    cx: &mut Cx<'_>,
    (fi, path): (usize, &[Step]),
    words: &[String],
    fold: bool,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (j, w) in words.iter().enumerate() {
        let place = with(path.to_vec(), j);
        let Some(w) = word(w, fold).map_err(|m| cx.error(fi, &place, m)).ok() else {
            continue;
        };
        if out.contains(&w) {
            cx.error(fi, &place, format!("`{w}` is listed twice"));
            continue;
        }
        out.push(w);
    }
    out
}

fn synonyms(cx: &mut Cx<'_>, files: &[(usize, LexiconFile)], lx: &mut Lexicon) {
    let secs: Vec<(usize, &SynonymsSpec)> = sections(files, |f| f.synonyms.as_ref());
    let mut sets: BTreeMap<String, (SynSet, Origin)> = BTreeMap::new();
    for &(fi, s) in &secs {
        for (i, set) in s.sets.iter().enumerate() {
            let path = |k| at(&["synonyms", "sets"], i, k);
            let words = word_list(cx, fi, &path("words"), &set.words);
            let here = cx.origin(fi, &path(""));
            if let Some((_, first)) = sets.get(&set.id) {
                let m = format!("the set `{}` is already given at {}", set.id, place(first));
                cx.error(fi, &path("id"), m);
            } else if words.len() < 2 {
                cx.error(fi, &path("words"), "a set needs at least two words".into());
            } else {
                let (id, pos) = (set.id.clone(), set.pos);
                sets.insert(id.clone(), (SynSet { id, pos, words }, here));
            }
        }
    }
    for &(fi, s) in &secs {
        for (i, id) in s.remove.iter().enumerate() {
            if sets.remove(id).is_none() {
                let m = format!("no file gives the set `{id}` this would remove");
                cx.error(
                    fi,
                    &with(
                        vec![Step::Key("synonyms".into()), Step::Key("remove".into())],
                        i,
                    ),
                    m,
                );
            }
        }
    }
    for (set, _) in sets.into_values() {
        let i = lx.synsets.len();
        for w in &set.words {
            let (ids, others) = lx.synonyms.entry(w.clone(), set.pos);
            ids.push(i);
            others.extend(set.words.iter().filter(|o| *o != w).cloned());
            others.sort();
            others.dedup();
        }
        lx.synsets.push(set);
    }
}

fn morphology(cx: &mut Cx<'_>, files: &[(usize, LexiconFile)], lx: &mut Lexicon) {
    let mut seen: HashMap<(Pos, String), Origin> = HashMap::new();
    for (fi, s) in sections(files, |f| f.morphology.as_ref()) {
        let s: &MorphologySpec = s;
        for (i, e) in s.irregular.iter().enumerate() {
            let path = |k| at(&["morphology", "irregular"], i, k);
            let Some(lemma) = checked(cx, fi, &path("lemma"), &e.lemma) else {
                continue;
            };
            let forms = word_list(cx, fi, &path("forms"), &e.forms);
            let key = (e.pos, lemma.clone());
            if let Some(first) = seen.get(&key) {
                let m = format!(
                    "`{lemma}` ({}) already has its forms at {}",
                    pos_name(e.pos),
                    place(first)
                );
                cx.error(fi, &path("lemma"), m);
                continue;
            }
            if forms.is_empty() {
                cx.error(fi, &path("forms"), "give at least one form".into());
                continue;
            }
            seen.insert(key, cx.origin(fi, &path("")));
            add_forms(lx, &lemma, e.pos, forms);
        }
    }
}

fn add_forms(lx: &mut Lexicon, lemma: &str, pos: Pos, forms: Vec<String>) {
    for f in &forms {
        let lemmas = lx.lemmas.entry(f.clone(), pos);
        lemmas.push(lemma.to_string());
        lemmas.sort();
    }
    let mut forms = forms;
    forms.sort();
    *lx.irregular.entry(lemma.to_string(), pos) = forms;
}

fn derivations(cx: &mut Cx<'_>, files: &[(usize, LexiconFile)], lx: &mut Lexicon) {
    let mut seen: HashMap<String, Origin> = HashMap::new();
    for (fi, s) in sections(files, |f| f.derivations.as_ref()) {
        let s: &DerivationsSpec = s;
        for (i, d) in s.links.iter().enumerate() {
            let path = |k| at(&["derivations", "links"], i, k);
            let Some(verb) = checked(cx, fi, &path("verb"), &d.verb) else {
                continue;
            };
            let nouns = word_list(cx, fi, &path("nouns"), &d.nouns);
            let agents = word_list(cx, fi, &path("agents"), &d.agents);
            if let Some(first) = seen.get(&verb) {
                let m = format!("`{verb}` already has its nouns at {}", place(first));
                cx.error(fi, &path("verb"), m);
                continue;
            }
            if let Some(both) = nouns.iter().find(|n| agents.contains(n)) {
                let m = format!("`{both}` is listed both as a noun and as an agent");
                cx.error(fi, &path("agents"), m);
                continue;
            }
            if nouns.is_empty() && agents.is_empty() {
                cx.error(fi, &path(""), "give `nouns` or `agents`".into());
                continue;
            }
            seen.insert(verb.clone(), cx.origin(fi, &path("")));
            link(lx, &verb, &nouns, DerivationKind::Noun);
            link(lx, &verb, &agents, DerivationKind::Agent);
        }
    }
    for list in lx.derivations.values_mut() {
        list.sort_by(|a, b| (a.word.as_str(), a.kind as u8).cmp(&(b.word.as_str(), b.kind as u8)));
    }
}

fn link(lx: &mut Lexicon, verb: &str, nouns: &[String], kind: DerivationKind) {
    for n in nouns {
        let word = n.clone();
        lx.derivations
            .entry(verb.to_string())
            .or_default()
            .push(Derivation { word, kind });
        let back = Derivation {
            word: verb.to_string(),
            kind: DerivationKind::Verb,
        };
        let list = lx.derivations.entry(n.clone()).or_default();
        if !list.contains(&back) {
            list.push(back);
        }
    }
}

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
/// (`existing`) has; a word of the country's other lists may stand here too (Russian is an
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

fn countries(cx: &mut Cx<'_>, files: &[(usize, LexiconFile)], lx: &mut Lexicon) {
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

fn truth(c: char) -> Option<Truth> {
    match c {
        '+' => Some(Truth::Affirmed),
        '-' => Some(Truth::Negated),
        '?' => Some(Truth::Unknown),
        _ => None,
    }
}

/// `+/-` → (affirmed, negated).
fn signature(text: &str) -> Option<(Truth, Truth)> {
    let mut chars = text.chars();
    let (p, slash, n) = (chars.next()?, chars.next()?, chars.next()?);
    if slash != '/' || chars.next().is_some() {
        return None;
    }
    Some((truth(p)?, truth(n)?))
}

fn implicatives(cx: &mut Cx<'_>, files: &[(usize, LexiconFile)], lx: &mut Lexicon) {
    let mut seen: HashMap<(String, Complement), Origin> = HashMap::new();
    for (fi, s) in sections(files, |f| f.implicatives.as_ref()) {
        let s: &ImplicativesSpec = s;
        for (i, v) in s.verbs.iter().enumerate() {
            let path = |k| at(&["implicatives", "verbs"], i, k);
            let Some(verb) = checked(cx, fi, &path("verb"), &v.verb) else {
                continue;
            };
            let Some((affirmed, negated)) = signature(&v.signature) else {
                let m = "write the signature as `P/N`, each `+`, `-` or `?`: `+/-`".into();
                cx.error(fi, &path("signature"), m);
                continue;
            };
            let key = (verb.clone(), v.complement);
            if let Some(first) = seen.get(&key) {
                let m = format!(
                    "`{verb}` with this complement is already given at {}",
                    place(first)
                );
                cx.error(fi, &path("verb"), m);
                continue;
            }
            if v.example.complement.is_none() {
                let m = "say how the complement comes out: `complement: affirmed`".into();
                cx.error(fi, &path("example"), m);
            }
            seen.insert(key.clone(), cx.origin(fi, &path("")));
            let sig = Signature {
                affirmed,
                negated,
                class: v.class,
            };
            lx.implicatives.insert(key.clone(), sig);
            let example = lex_example(
                cx,
                (fi, &path("example")),
                Section::Implicatives,
                &v.example,
            );
            lx.examples.push(LexExample {
                implicative: Some(key),
                ..example
            });
        }
    }
}

fn functional(cx: &mut Cx<'_>, files: &[(usize, LexiconFile)], lx: &mut Lexicon) {
    let mut seen: HashMap<String, Origin> = HashMap::new();
    for (fi, s) in sections(files, |f| f.functional.as_ref()) {
        let s: &FunctionalSpec = s;
        for (i, r) in s.relations.iter().enumerate() {
            let path = |k| at(&["functional", "relations"], i, k);
            if let Some(first) = seen.get(&r.id) {
                let m = format!(
                    "the relation `{}` is already given at {}",
                    r.id,
                    place(first)
                );
                cx.error(fi, &path("id"), m);
                continue;
            }
            let phrases = phrase_list(cx, (fi, &path("phrases")), &r.phrases, false);
            if phrases.is_empty() {
                cx.error(fi, &path("phrases"), "give at least one phrase".into());
                continue;
            }
            if r.subject.is_empty() {
                cx.error(fi, &path("subject"), "give at least one kind".into());
                continue;
            }
            seen.insert(r.id.clone(), cx.origin(fi, &path("")));
            for (j, e) in r.examples.iter().enumerate() {
                let ex = lex_example(cx, (fi, &with(path("examples"), j)), Section::Functional, e);
                let words = if ex.words.is_empty() {
                    vec![r.id.clone()]
                } else {
                    ex.words.clone()
                };
                lx.examples.push(LexExample { words, ..ex });
            }
            lx.functional.push(Functional {
                id: r.id.clone(),
                phrases,
                subject: r.subject.clone(),
                value: r.value,
                changes: r.changes,
            });
        }
    }
}

/// An example as written, checked for what does not depend on the entries.
fn lex_example(
    cx: &mut Cx<'_>,
    (fi, path): (usize, &[Step]),
    section: Section,
    e: &ExampleSpec,
) -> LexExample {
    let key = |k: &str| {
        let mut p = path.to_vec();
        p.push(Step::Key(k.into()));
        p
    };
    if e.other.is_some() != e.relation.is_some() {
        let m = "a pair gives both `other` (the second sentence) and `relation`".into();
        cx.error(
            fi,
            &key(if e.other.is_some() {
                "other"
            } else {
                "relation"
            }),
            m,
        );
    }
    if e.country.is_some() && section != Section::Countries {
        cx.error(
            fi,
            &key("country"),
            "only examples of `countries` give `country`".into(),
        );
    }
    if e.complement.is_some() && section != Section::Implicatives {
        let m = "only examples of `implicatives` give `complement`".into();
        cx.error(fi, &key("complement"), m);
    }
    if e.text.trim().is_empty() {
        cx.error(fi, &key("text"), "the example has no text".into());
    }
    cx.example_places.push((fi, path.to_vec()));
    LexExample {
        section,
        origin: cx.origin(fi, path),
        text: e.text.clone(),
        other: e.other.clone(),
        relation: e.relation,
        words: e.words.clone(),
        country: e.country.clone(),
        complement: e.complement,
        implicative: None,
    }
}

/// The section-level examples of every file.
fn section_examples(cx: &mut Cx<'_>, files: &[(usize, LexiconFile)], lx: &mut Lexicon) {
    for (fi, f) in files {
        let lists: [(&str, Section, Option<&Vec<ExampleSpec>>); 7] = [
            (
                "antonyms",
                Section::Antonyms,
                f.antonyms.as_ref().map(|s| &s.examples),
            ),
            (
                "synonyms",
                Section::Synonyms,
                f.synonyms.as_ref().map(|s| &s.examples),
            ),
            (
                "morphology",
                Section::Morphology,
                f.morphology.as_ref().map(|s| &s.examples),
            ),
            (
                "derivations",
                Section::Derivations,
                f.derivations.as_ref().map(|s| &s.examples),
            ),
            (
                "countries",
                Section::Countries,
                f.countries.as_ref().map(|s| &s.examples),
            ),
            (
                "implicatives",
                Section::Implicatives,
                f.implicatives.as_ref().map(|s| &s.examples),
            ),
            (
                "functional",
                Section::Functional,
                f.functional.as_ref().map(|s| &s.examples),
            ),
        ];
        for (name, section, list) in lists {
            for (i, e) in list.into_iter().flatten().enumerate() {
                let path = at(&[name, "examples"], i, "");
                let ex = lex_example(cx, (*fi, &path), section, e);
                lx.examples.push(ex);
            }
        }
    }
}

/// Whether a section has an entry for a word an example names.
fn known(lx: &Lexicon, section: Section, word: &str) -> bool {
    let w = word.to_lowercase();
    let any = |has: &dyn Fn(Pos) -> bool| {
        [Pos::Noun, Pos::Verb, Pos::Adj, Pos::Adv]
            .into_iter()
            .any(has)
    };
    match section {
        Section::Antonyms => any(&|p| lx.antonyms.get(&w, p).is_some()),
        Section::Synonyms => any(&|p| lx.synonyms.get(&w, p).is_some()),
        Section::Morphology => {
            any(&|p| lx.irregular.get(&w, p).is_some() || lx.lemmas.get(&w, p).is_some())
        }
        Section::Derivations => lx.derivations.contains_key(&w),
        Section::Countries => lx.country_words.contains_key(word),
        Section::Implicatives => lx.implicatives.keys().any(|(v, _)| *v == w),
        Section::Functional => lx.functional.iter().any(|f| f.id == word),
    }
}

/// Examples must rest on entries that exist, and name countries that exist.
fn check_examples(cx: &mut Cx<'_>, lx: &Lexicon) {
    for (ex, (fi, path)) in lx
        .examples
        .iter()
        .zip(std::mem::take(&mut cx.example_places))
    {
        for (j, w) in ex.words.iter().enumerate() {
            if !known(lx, ex.section, w) {
                let mut p = path.clone();
                p.extend([Step::Key("words".into()), Step::Index(j)]);
                cx.error(
                    fi,
                    &p,
                    format!("no entry of this section has the word `{w}`"),
                );
            }
        }
        if let Some(id) = &ex.country
            && lx.country(id).is_none()
        {
            let mut p = path.clone();
            p.push(Step::Key("country".into()));
            cx.error(fi, &p, format!("no country has the id `{id}`"));
        }
    }
}

/// Compiles lexicon sources into a [`Lexicon`], or returns every error.
pub fn compile(sources: &[RuleSource]) -> Result<Lexicon, Vec<Diagnostic>> {
    let mut cx = Cx::new(sources);
    let files = parse_all(&mut cx);
    let mut lx = Lexicon::default();
    antonyms(&mut cx, &files, &mut lx);
    synonyms(&mut cx, &files, &mut lx);
    morphology(&mut cx, &files, &mut lx);
    derivations(&mut cx, &files, &mut lx);
    countries(&mut cx, &files, &mut lx);
    implicatives(&mut cx, &files, &mut lx);
    functional(&mut cx, &files, &mut lx);
    section_examples(&mut cx, &files, &mut lx);
    check_examples(&mut cx, &lx);
    if cx.diags.is_empty() {
        Ok(lx)
    } else {
        cx.diags.sort();
        cx.diags.dedup();
        Err(cx.diags)
    }
}
