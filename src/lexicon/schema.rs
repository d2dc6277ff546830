//! The general lexicon as written: a serde mirror of `claims/general/*.yaml`, nothing checked.
//!
//! Each section is one struct, so that it can become an optional section of the rule pack's
//! file schema later. Every struct denies unknown keys: a typo is an error with a place.

use serde::Deserialize;

/// One YAML file of the lexicon. Any file may hold any section; the lexicon is their union.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    #[serde(default)]
    pub antonyms: Option<AntonymsSpec>,
    #[serde(default)]
    pub synonyms: Option<SynonymsSpec>,
    #[serde(default)]
    pub morphology: Option<MorphologySpec>,
    #[serde(default)]
    pub derivations: Option<DerivationsSpec>,
    #[serde(default)]
    pub countries: Option<CountriesSpec>,
    #[serde(default)]
    pub implicatives: Option<ImplicativesSpec>,
    #[serde(default)]
    pub functional: Option<FunctionalSpec>,
}

/// A part of speech, as WordNet has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pos {
    Noun,
    Verb,
    Adj,
    Adv,
}

/// Words of opposite meaning: `{a: win, b: lose, pos: verb}`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AntonymsSpec {
    #[serde(default)]
    pub pairs: Vec<AntonymSpec>,
    /// Pairs another file gives that do not hold for the news; each must exist.
    #[serde(default)]
    pub remove: Vec<PairRef>,
    #[serde(default)]
    pub examples: Vec<ExampleSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AntonymSpec {
    pub a: String,
    pub b: String,
    pub pos: Pos,
    /// The WordNet synsets of `a` and `b` (`01100145-v`), when the pair comes from WordNet.
    #[serde(default)]
    pub synsets: Vec<String>,
    /// For an indirect antonym: the word `a` is similar to, whose direct antonym is `b`.
    #[serde(default)]
    pub via: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairRef {
    pub a: String,
    pub b: String,
    pub pos: Pos,
}

/// Sets of words that say the same in their common sense.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymsSpec {
    #[serde(default)]
    pub sets: Vec<SynSetSpec>,
    /// Ids of sets another file gives that do not hold for the news; each must exist.
    #[serde(default)]
    pub remove: Vec<String>,
    #[serde(default)]
    pub examples: Vec<ExampleSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynSetSpec {
    /// The WordNet synset (`01994460-v`), or a desk's own id for a hand-written set.
    pub id: String,
    pub pos: Pos,
    pub words: Vec<String>,
}

/// Irregular inflections; regular ones are rules in code.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MorphologySpec {
    #[serde(default)]
    pub irregular: Vec<InflectionSpec>,
    #[serde(default)]
    pub examples: Vec<ExampleSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InflectionSpec {
    pub lemma: String,
    pub pos: Pos,
    pub forms: Vec<String>,
}

/// Verbs and the nouns made from them: withdraw ↔ withdrawal, invader.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DerivationsSpec {
    #[serde(default)]
    pub links: Vec<DerivationSpec>,
    #[serde(default)]
    pub examples: Vec<ExampleSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DerivationSpec {
    pub verb: String,
    /// Nouns for the act, event or state: withdrawal, denial, invasion.
    #[serde(default)]
    pub nouns: Vec<String>,
    /// Nouns for who does it: invader, winner.
    #[serde(default)]
    pub agents: Vec<String>,
}

/// Countries and the words that name them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountriesSpec {
    #[serde(default)]
    pub entries: Vec<CountrySpec>,
    /// Words another file gives a country that do not name it in the news; each must exist.
    #[serde(default)]
    pub remove: Vec<String>,
    #[serde(default)]
    pub examples: Vec<ExampleSpec>,
}

/// A country. An entry that gives `name` defines it; one that gives only `id` and word lists
/// adds those words to the country defined elsewhere.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountrySpec {
    /// ISO 3166-1 alpha-2 code: `RU`.
    pub id: String,
    /// ISO 3166-1 alpha-3 code: `RUS`.
    #[serde(default)]
    pub alpha3: Option<String>,
    /// ISO 3166-1 name: `Republic of Ruritania`.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub official: Option<String>,
    #[serde(default)]
    pub common: Option<String>,
    /// The WordNet synset the words come from.
    #[serde(default)]
    pub wordnet: Option<String>,
    /// Other names: `Ruritania`.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// `Ruritanian`.
    #[serde(default)]
    pub adjectives: Vec<String>,
    /// Inhabitants, singular and plural: `Ruritanian`, `Ruritanians`.
    #[serde(default)]
    pub demonyms: Vec<String>,
}

/// Verbs that say whether their complement holds: manage to (+/-), fail to (-/+).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImplicativesSpec {
    #[serde(default)]
    pub verbs: Vec<ImplicativeSpec>,
    #[serde(default)]
    pub examples: Vec<ExampleSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImplicativeSpec {
    /// The verb's lemma: `manage`, `pull back`.
    pub verb: String,
    /// What follows the verb: `to` (manage to go), `that` (deny that), `ing` (stop going),
    /// `from` (prevent them from going), `noun_that` (reject claims that).
    pub complement: Complement,
    /// `P/N`: how the complement comes out when the verb is affirmed (P) and negated (N):
    /// `+` holds, `-` does not hold, `?` unknown.
    pub signature: String,
    pub class: VerbClass,
    pub example: ExampleSpec,
    #[serde(default)]
    pub note: Option<String>,
}

/// Relations one value of which excludes another: born in, capital of.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FunctionalSpec {
    #[serde(default)]
    pub relations: Vec<RelationSpec>,
    #[serde(default)]
    pub examples: Vec<ExampleSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationSpec {
    pub id: String,
    /// Phrases that express it, in the pack's phrase syntax: `born in`, `capital* of`.
    pub phrases: Vec<String>,
    /// The kinds of what the relation is about, which has one value: a person's birthplace.
    pub subject: Vec<ArgKind>,
    /// The kind of the value: `place`, `year`, `number`, `person`.
    pub value: ArgKind,
    /// `never`: two values always conflict (born in). `over_time`: they conflict at the same
    /// time, and may be a change at different times (capital of, leader of, age).
    pub changes: Changes,
    #[serde(default)]
    pub examples: Vec<ExampleSpec>,
    #[serde(default)]
    pub note: Option<String>,
}

/// An invented sentence, or pair of sentences, with what the section must say of it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    pub text: String,
    /// A second sentence: the example is a pair, and `relation` says how they relate.
    #[serde(default)]
    pub other: Option<String>,
    #[serde(default)]
    pub relation: Option<Relation>,
    /// The entry's words the example rests on: `[win, lose]`.
    #[serde(default)]
    pub words: Vec<String>,
    /// Countries: the id of the country the sentence names.
    #[serde(default)]
    pub country: Option<String>,
    /// Implicatives: the complement as the sentence has it.
    #[serde(default)]
    pub complement: Option<Truth>,
    /// A known miss: why the pipeline does not yet read the example as it says. `rules
    /// test` lists it apart, and fails once it holds, so that the note is taken away.
    #[serde(default)]
    pub todo: Option<String>,
}

/// What follows an implicative verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Complement {
    /// An infinitive: "managed to leave".
    To,
    /// A finite clause: "denied that troops had left".
    That,
    /// A gerund: "stopped shelling the city".
    Ing,
    /// An object and a gerund: "prevented the convoy from leaving".
    From,
    /// A noun of saying and a clause: "rejected claims that troops had left".
    NounThat,
}

/// How a verb bears on its complement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerbClass {
    /// Whether the complement holds follows from whether the verb does: manage, fail.
    Implicative,
    /// The complement holds, said or denied: know, realise, regret.
    Factive,
    /// The complement does not hold: pretend.
    Counterfactive,
    /// Nothing follows about the complement: claim, allege, believe.
    Nonfactive,
    /// The speaker asserts the complement: confirm, admit, acknowledge.
    Assertion,
    /// The speaker rejects the complement: deny, dismiss claims that.
    Dispute,
}

impl VerbClass {
    /// A verb of saying: its complement is what someone says, confirms or denies.
    pub fn is_speech(self) -> bool {
        matches!(
            self,
            VerbClass::Nonfactive | VerbClass::Assertion | VerbClass::Dispute
        )
    }
}

/// Whether a functional relation's value can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Changes {
    /// Two values always conflict: born in, died in, founded in.
    Never,
    /// Two values conflict at the same time; at different times they may be a change.
    OverTime,
}

/// The kinds of a relation's arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArgKind {
    Person,
    Organisation,
    Country,
    Place,
    Group,
    Date,
    Year,
    Number,
}

/// How the two sentences of an example pair relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// They cannot both hold.
    Contradiction,
    /// They can both hold, at different times: a change.
    Change,
    /// They say the same.
    Agreement,
    /// Neither follows from the other, nor excludes it.
    Neither,
}

/// Whether a complement holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Truth {
    Affirmed,
    Negated,
    Unknown,
}
