//! General knowledge of English, as data: antonyms, synonyms, irregular inflections,
//! derivations, countries, implicative verbs and functional relations.
//!
//! The knowledge lives in `claims/general/*.yaml` (mostly generated from WordNet and ISO
//! 3166 by `gen-lexicon`, partly hand-written); this module holds no word of it. As for the
//! rule pack there are two steps: [`schema`] mirrors the YAML exactly, and [`Lexicon::compile`]
//! checks it into the runtime [`Lexicon`], reporting every fault at once as
//! `file:line:col: error: key.path: message`. Lookups are hash maps keyed by lemma and part
//! of speech. Nothing here reads files: [`Lexicon::bundled`] uses the files compiled in.

mod compile;
mod inflect;
pub mod schema;
pub mod widen;

pub use schema::{ArgKind, Changes, Complement, Pos, Relation, Truth, VerbClass};

use crate::parse::Link;
use crate::rules::{Diagnostic, Origin, RuleSource};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Every file of the bundled lexicon. A test checks this list against `claims/general/`.
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "antonyms-extra.yaml",
        include_str!("../claims/general/antonyms-extra.yaml"),
    ),
    (
        "antonyms.yaml",
        include_str!("../claims/general/antonyms.yaml"),
    ),
    (
        "countries-extra.yaml",
        include_str!("../claims/general/countries-extra.yaml"),
    ),
    (
        "countries.yaml",
        include_str!("../claims/general/countries.yaml"),
    ),
    (
        "derivations-extra.yaml",
        include_str!("../claims/general/derivations-extra.yaml"),
    ),
    (
        "derivations.yaml",
        include_str!("../claims/general/derivations.yaml"),
    ),
    (
        "functional.yaml",
        include_str!("../claims/general/functional.yaml"),
    ),
    (
        "implicatives.yaml",
        include_str!("../claims/general/implicatives.yaml"),
    ),
    (
        "morphology-extra.yaml",
        include_str!("../claims/general/morphology-extra.yaml"),
    ),
    (
        "morphology.yaml",
        include_str!("../claims/general/morphology.yaml"),
    ),
    (
        "synonyms-extra.yaml",
        include_str!("../claims/general/synonyms-extra.yaml"),
    ),
    (
        "synonyms.yaml",
        include_str!("../claims/general/synonyms.yaml"),
    ),
];

/// The top-level keys of a lexicon file; a rule file with only these is general knowledge.
pub const SECTIONS: &[&str] = &[
    "antonyms",
    "synonyms",
    "morphology",
    "derivations",
    "countries",
    "implicatives",
    "functional",
];

/// Whether a rule file's text is a lexicon file: its top-level keys (lines that start with
/// a key at column 0) are all lexicon sections, and there is at least one.
pub fn is_lexicon_text(text: &str) -> bool {
    let mut keys = text.lines().filter_map(|l| {
        let first = l.chars().next()?;
        if first.is_whitespace() || first == '#' || first == '-' {
            return None;
        }
        Some(l.split(':').next().unwrap_or("").trim())
    });
    let Some(first) = keys.next() else {
        return false;
    };
    std::iter::once(first)
        .chain(keys)
        .all(|k| SECTIONS.contains(&k) || k == "---")
}

/// The bundled lexicon's files, named as in the repository.
pub fn bundled_sources() -> Vec<RuleSource> {
    RuleSource::compiled_in("claims/general", BUNDLED)
}

/// One word's antonym.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Antonym {
    pub lemma: String,
    /// For an indirect antonym, the word this one is similar to ("dead" for deceased/alive).
    pub via: Option<String>,
}

/// A set of words that say the same in one sense.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynSet {
    pub id: String,
    pub pos: Pos,
    pub words: Vec<String>,
}

/// What a derivation links a word to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DerivationKind {
    /// From a verb to the noun of its act or state: withdraw → withdrawal.
    Noun,
    /// From a verb to the noun of who does it: invade → invader.
    Agent,
    /// From a noun back to its verb: invasion → invade.
    Verb,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derivation {
    pub word: String,
    pub kind: DerivationKind,
}

/// How an implicative verb turns the polarity of its complement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature {
    /// The complement when the verb is affirmed ("managed to leave": affirmed).
    pub affirmed: Truth,
    /// The complement when the verb is negated ("did not manage to leave": negated).
    pub negated: Truth,
    pub class: VerbClass,
}

/// A country and every word that names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub id: String,
    pub alpha3: String,
    pub name: String,
    pub official: Option<String>,
    pub common: Option<String>,
    pub aliases: Vec<String>,
    pub adjectives: Vec<String>,
    pub demonyms: Vec<String>,
}

/// A relation one value of which excludes another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Functional {
    pub id: String,
    pub phrases: Vec<String>,
    pub subject: Vec<ArgKind>,
    pub value: ArgKind,
    pub changes: Changes,
}

/// The section an example belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Antonyms,
    Synonyms,
    Morphology,
    Derivations,
    Countries,
    Implicatives,
    Functional,
}

impl Section {
    /// The section's key in a lexicon file: `antonyms`, `functional`.
    pub fn key(self) -> &'static str {
        match self {
            Section::Antonyms => "antonyms",
            Section::Synonyms => "synonyms",
            Section::Morphology => "morphology",
            Section::Derivations => "derivations",
            Section::Countries => "countries",
            Section::Implicatives => "implicatives",
            Section::Functional => "functional",
        }
    }
}

/// An invented sentence or pair, with what the lexicon must say of it; for `rules test`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexExample {
    pub section: Section,
    pub origin: Origin,
    pub text: String,
    pub other: Option<String>,
    pub relation: Option<Relation>,
    pub words: Vec<String>,
    pub country: Option<String>,
    pub complement: Option<Truth>,
    /// A known miss, and why.
    pub todo: Option<String>,
    /// For an implicative's own example: the verb and complement it illustrates.
    pub implicative: Option<(String, Complement)>,
}

/// One map per part of speech, keyed by lemma.
#[derive(Debug, Clone)]
pub struct ByPos<T>([HashMap<String, T>; 4]);

impl<T> Default for ByPos<T> {
    fn default() -> Self {
        ByPos(std::array::from_fn(|_| HashMap::new()))
    }
}

fn slot(pos: Pos) -> usize {
    match pos {
        Pos::Noun => 0,
        Pos::Verb => 1,
        Pos::Adj => 2,
        Pos::Adv => 3,
    }
}

impl<T> ByPos<T> {
    pub fn get(&self, word: &str, pos: Pos) -> Option<&T> {
        self.0[slot(pos)].get(word)
    }
    fn entry(&mut self, word: String, pos: Pos) -> &mut T
    where
        T: Default,
    {
        self.0[slot(pos)].entry(word).or_default()
    }
    fn len(&self) -> usize {
        self.0.iter().map(HashMap::len).sum()
    }
}

/// The checked lexicon.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    antonyms: ByPos<Vec<Antonym>>,
    synsets: Vec<SynSet>,
    /// Lemma → the indices of its sets, and the union of their other words.
    synonyms: ByPos<(Vec<usize>, Vec<String>)>,
    irregular: ByPos<Vec<String>>,
    lemmas: ByPos<Vec<String>>,
    derivations: HashMap<String, Vec<Derivation>>,
    implicatives: HashMap<(String, Complement), Signature>,
    functional: Vec<Functional>,
    countries: Vec<Country>,
    country_words: HashMap<String, usize>,
    examples: Vec<LexExample>,
}

/// Lookups fold letter case, except where case tells words apart (countries).
fn folded(word: &str) -> std::borrow::Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        word.to_lowercase().into()
    } else {
        word.into()
    }
}

impl Lexicon {
    /// Checks and compiles lexicon files; every fault at once when there is one.
    pub fn compile(sources: &[RuleSource]) -> Result<Lexicon, Vec<Diagnostic>> {
        compile::compile(sources)
    }

    /// The lexicon of `claims/general/`, compiled into the binary and decoded once. The test
    /// suite checks it, so an error here is a bug.
    pub fn bundled() -> Result<&'static Lexicon, &'static [Diagnostic]> {
        static BUNDLED_LEXICON: OnceLock<Result<Lexicon, Vec<Diagnostic>>> = OnceLock::new();
        BUNDLED_LEXICON
            .get_or_init(|| Lexicon::compile(&bundled_sources()))
            .as_ref()
            .map_err(Vec::as_slice)
    }

    /// The antonyms of a lemma.
    pub fn antonyms(&self, lemma: &str, pos: Pos) -> &[Antonym] {
        self.antonyms
            .get(&folded(lemma), pos)
            .map_or(&[], Vec::as_slice)
    }

    pub fn are_antonyms(&self, a: &str, b: &str, pos: Pos) -> bool {
        let b = folded(b);
        self.antonyms(a, pos).iter().any(|x| x.lemma == b)
    }

    /// Every word that shares a set with the lemma, sorted; not the lemma itself.
    pub fn synonyms(&self, lemma: &str, pos: Pos) -> &[String] {
        self.synonyms
            .get(&folded(lemma), pos)
            .map_or(&[], |(_, words)| words.as_slice())
    }

    /// The sets the lemma is in.
    pub fn synsets(&self, lemma: &str, pos: Pos) -> Vec<&SynSet> {
        self.synonyms
            .get(&folded(lemma), pos)
            .map_or_else(Vec::new, |(sets, _)| {
                sets.iter().map(|&i| &self.synsets[i]).collect()
            })
    }

    /// Every form of a lemma: the lemma first, then its other forms, regular and irregular,
    /// sorted. Of a phrase, the head inflects: "pull back" → "pulled back".
    pub fn inflections(&self, lemma: &str, pos: Pos) -> Vec<String> {
        let lemma = folded(lemma);
        let mut forms = self.forms_of_word(&lemma, pos);
        if forms.is_empty()
            && let Some((front, word, back)) = inflect::head(&lemma, pos)
        {
            forms = self
                .forms_of_word(word, pos)
                .into_iter()
                .map(|f| format!("{front}{f}{back}"))
                .collect();
        }
        forms.sort();
        forms.dedup();
        forms.retain(|f| *f != *lemma);
        forms.insert(0, lemma.into_owned());
        forms
    }

    /// A word's irregular and regular forms; none for a phrase without listed forms.
    fn forms_of_word(&self, word: &str, pos: Pos) -> Vec<String> {
        let irregular = self.irregular.get(word, pos).map_or(&[][..], Vec::as_slice);
        if word.contains(' ') && irregular.is_empty() {
            return Vec::new();
        }
        let mut forms = inflect::regular(word, pos, irregular);
        forms.extend(irregular.iter().cloned());
        forms
    }

    /// The lemmas an irregular form belongs to ("went" → go, "better" → good, well).
    pub fn lemma_of(&self, form: &str, pos: Pos) -> &[String] {
        self.lemmas
            .get(&folded(form), pos)
            .map_or(&[], Vec::as_slice)
    }

    /// The words derived from a lemma, or that it is derived from.
    pub fn derivations(&self, lemma: &str) -> &[Derivation] {
        self.derivations
            .get(folded(lemma).as_ref())
            .map_or(&[], Vec::as_slice)
    }

    /// How a verb with this complement turns its complement's polarity.
    pub fn implicative(&self, verb_lemma: &str, complement: Complement) -> Option<Signature> {
        let key = (folded(verb_lemma).into_owned(), complement);
        self.implicatives.get(&key).copied()
    }

    /// A verb's signature for the clause under it, as the parse links them: an infinitive,
    /// a that-clause or a gerund, with the word before a gerund as `marker`. The lexicon
    /// also names the preposition or the noun between ("prevented them from leaving",
    /// "dismissed claims that …"): a gerund after "from" is tried as that first ("kept
    /// them from sailing" is not "kept sailing"), and a that-clause second as a noun's.
    pub fn clause_signature(
        &self,
        verb_lemma: &str,
        link: Link,
        marker: Option<&str>,
    ) -> Option<Signature> {
        let from = marker.is_some_and(|m| m.eq_ignore_ascii_case("from"));
        let (complement, second) = match link {
            Link::To => (Complement::To, None),
            Link::That => (Complement::That, Some(Complement::NounThat)),
            Link::Gerund if from => (Complement::From, Some(Complement::Ing)),
            Link::Gerund => (Complement::Ing, Some(Complement::From)),
            _ => return None,
        };
        self.implicative(verb_lemma, complement)
            .or_else(|| second.and_then(|k| self.implicative(verb_lemma, k)))
    }

    /// Whether a verb is one of saying that does not vouch for what is said: its
    /// that-clause is its subject's word ("claim", "allege", "report", "confirm").
    pub fn is_saying_verb(&self, lemma: &str) -> bool {
        self.says(lemma, &[Complement::That, Complement::NounThat])
    }

    /// Whether a noun is one of saying: it, or a verb it comes from, is a verb of saying,
    /// with a that-clause or with "of" ("claim", "report", "allegation" → allege,
    /// "accusation" → accuse X of). A document's noun is none ("the hacked emails").
    pub fn is_saying_noun(&self, lemma: &str) -> bool {
        let kinds = [Complement::That, Complement::NounThat, Complement::From];
        self.says(lemma, &kinds)
            || self
                .derivations(lemma)
                .iter()
                .any(|d| d.kind == DerivationKind::Verb && self.says(&d.word, &kinds))
    }

    fn says(&self, lemma: &str, kinds: &[Complement]) -> bool {
        kinds
            .iter()
            .filter_map(|&k| self.implicative(lemma, k))
            .any(|s| matches!(s.class, VerbClass::Nonfactive | VerbClass::Assertion))
    }

    /// A functional relation by id.
    pub fn functional(&self, relation: &str) -> Option<&Functional> {
        self.functional.iter().find(|f| f.id == relation)
    }

    pub fn relations(&self) -> &[Functional] {
        &self.functional
    }

    /// The id of the country a word names: a name, an alias, an adjective or a demonym, as
    /// written ("Turkey" names a country, "turkey" does not).
    pub fn country_of(&self, word: &str) -> Option<&str> {
        let i = *self.country_words.get(word)?;
        Some(&self.countries[i].id)
    }

    pub fn country(&self, id: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.id == id)
    }

    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// Every example of every section, in file order.
    pub fn examples(&self) -> &[LexExample] {
        &self.examples
    }

    /// How many entries each part holds, for `rules check` and the README.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        vec![
            ("antonym lemmas", self.antonyms.len()),
            ("synonym sets", self.synsets.len()),
            ("irregular lemmas", self.irregular.len()),
            ("derivation lemmas", self.derivations.len()),
            ("implicatives", self.implicatives.len()),
            ("functional relations", self.functional.len()),
            ("countries", self.countries.len()),
            ("country words", self.country_words.len()),
            ("examples", self.examples.len()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> &'static Lexicon {
        match Lexicon::bundled() {
            Ok(l) => l,
            Err(d) => panic!("{}", crate::rules::render_all(d, &bundled_sources())),
        }
    }

    #[test]
    fn the_bundled_lexicon_compiles_and_knows_the_basics() {
        let lx = bundled();
        assert!(lx.are_antonyms("win", "lose", Pos::Verb));
        assert!(lx.are_antonyms("lose", "win", Pos::Verb));
        assert!(lx.are_antonyms("rise", "fall", Pos::Verb));
        assert!(lx.are_antonyms("confirm", "deny", Pos::Verb));
        assert!(lx.are_antonyms("alive", "dead", Pos::Adj));
        assert!(!lx.are_antonyms("win", "rise", Pos::Verb));
        let withdrawal = Derivation {
            word: "withdrawal".into(),
            kind: DerivationKind::Noun,
        };
        assert!(lx.derivations("withdraw").contains(&withdrawal));
        // Country words are the data's: its examples run in `rules test`
        // (examples::lexicon), so no country is named here.
        assert!(!lx.countries().is_empty());
        let go = lx.inflections("go", Pos::Verb);
        assert!(go.contains(&"went".to_string()) && go.contains(&"gone".to_string()));
        assert_eq!(lx.lemma_of("went", Pos::Verb), ["go"]);
        let fail = lx.implicative("fail", Complement::To);
        assert_eq!(
            fail.map(|s| (s.affirmed, s.negated)),
            Some((Truth::Negated, Truth::Affirmed))
        );
    }

    #[test]
    fn a_trigger_written_once_finds_its_paraphrases() {
        let lx = bundled();
        let pull_back = lx.synonyms("pull back", Pos::Verb);
        assert!(pull_back.iter().any(|w| w == "withdraw"), "{pull_back:?}");
        assert!(
            lx.inflections("pull back", Pos::Verb)
                .contains(&"pulled back".to_string())
        );
    }

    fn errors(files: &[(&str, &str)]) -> Vec<String> {
        let sources: Vec<RuleSource> = files
            .iter()
            .map(|(name, text)| RuleSource {
                name: name.to_string(),
                text: text.to_string(),
            })
            .collect();
        match Lexicon::compile(&sources) {
            Ok(_) => Vec::new(),
            Err(d) => d
                .iter()
                .map(|d| {
                    format!(
                        "{}:{}:{}: {}: {}",
                        d.file, d.line, d.column, d.key, d.message
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn every_file_of_claims_general_is_bundled() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("claims/general");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".yaml"))
            .collect();
        on_disk.sort();
        let bundled: Vec<&str> = BUNDLED.iter().map(|(n, _)| *n).collect();
        assert_eq!(on_disk, bundled);
    }

    #[test]
    fn an_unknown_part_of_speech_is_an_error_at_its_place() {
        let text = "antonyms:\n  pairs:\n    - {a: win, b: lose, pos: verbb}\n";
        let got = errors(&[("a.yaml", text)]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].starts_with("a.yaml:3:"), "{got:?}");
        assert!(got[0].contains("antonyms.pairs[0].pos"), "{got:?}");
        assert!(got[0].contains("unknown variant `verbb`"), "{got:?}");
    }

    #[test]
    fn a_duplicate_names_both_places() {
        let a = "antonyms:\n  pairs:\n    - {a: win, b: lose, pos: verb}\n";
        let b = "antonyms:\n  pairs:\n    - {a: rise, b: fall, pos: verb}\n    - {a: lose, b: win, pos: verb}\n";
        let got = errors(&[("a.yaml", a), ("b.yaml", b)]);
        assert_eq!(
            got,
            [
                "b.yaml:4:7: antonyms.pairs[1]: the pair lose/win (verb) is already given at a.yaml:3"
            ]
        );
    }

    #[test]
    fn removals_and_examples_must_name_what_exists() {
        let text = "antonyms:\n  pairs:\n    - {a: win, b: lose, pos: verb}\n  remove:\n    \
                    - {a: up, b: down, pos: adj}\n  examples:\n    - text: \"They won.\"\n      \
                    words: [triumph]\n";
        let got = errors(&[("a.yaml", text)]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got[0].contains("antonyms.remove[0]: no file gives the pair up/down"),
            "{got:?}"
        );
        assert!(got[1].contains("antonyms.examples[0].words[0]"), "{got:?}");
    }

    #[test]
    fn a_country_word_belongs_to_one_country() {
        let text = "countries:\n  entries:\n    - {id: AA, alpha3: AAA, name: Aland, adjectives: [Alish]}\n    \
                    - {id: BB, alpha3: BBB, name: Beland, adjectives: [Alish]}\n";
        let got = errors(&[("c.yaml", text)]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].contains("`Alish` is already given to AA at c.yaml:3"),
            "{got:?}"
        );
    }

    #[test]
    fn signatures_and_inflections_of_phrases() {
        let lx = bundled();
        let deny = lx.implicative("deny", Complement::That);
        assert_eq!(deny.map(|s| s.class), Some(VerbClass::Dispute));
        assert_eq!(lx.implicative("deny", Complement::To), None);
        assert!(
            lx.inflections("prime minister", Pos::Noun)
                .contains(&"prime ministers".to_string())
        );
        assert_eq!(lx.lemma_of("children", Pos::Noun), ["child"]);
        assert_eq!(lx.country_of("turkey"), None);
        assert_eq!(lx.country_of("Turkey"), Some("TR"));
    }
}
