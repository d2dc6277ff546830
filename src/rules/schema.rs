//! The rule pack as written: a serde mirror of `claims/*.yaml`, nothing checked yet.
//!
//! Every struct denies unknown keys, so a typo is an error with a place, never a rule that
//! silently does nothing. `compile` turns these into checked runtime types.

use serde::Deserialize;

/// The top-level keys of a rule file, as [`RuleFile`] names them.
pub const SECTION_KEYS: &[&str] = &[
    "entities",
    "families",
    "predicates",
    "cues",
    "settings",
    "names",
    "words",
    "disable",
    "override",
];

/// One YAML file of the pack. Any file may hold any section; the pack is their union.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[serde(default)]
    pub entities: Vec<EntitySpec>,
    #[serde(default)]
    pub families: Vec<FamilySpec>,
    #[serde(default)]
    pub predicates: Vec<PredicateSpec>,
    #[serde(default)]
    pub cues: Vec<CueSpec>,
    #[serde(default)]
    pub settings: Option<SettingsSpec>,
    /// Words that tell what kind of thing a name names.
    #[serde(default)]
    pub names: Option<NamesSpec>,
    /// Words that tell who speaks (titles, nameless sources, documents, organisations).
    #[serde(default)]
    pub words: Option<WordsSpec>,
    /// In an extension: rules of the packs before it to leave out, by id.
    #[serde(default)]
    pub disable: Option<DisableSpec>,
    /// In an extension: new definitions of rules of the packs before it, under their ids.
    #[serde(default, rename = "override")]
    pub overrides: Option<OverrideSpec>,
}

/// Words that tell who speaks, read from the parse: titles before a name, nouns that name
/// a source without a name, documents and organisations. Sections of several files add up.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordsSpec {
    /// Titles and roles before a person's name, not part of it ("Mr.", "minister", "coach").
    #[serde(default)]
    pub titles: Vec<String>,
    /// Nouns that name a person or group heard without a name ("official", "spokesman").
    #[serde(default)]
    pub sources: Vec<String>,
    /// Nouns of documents that say things ("report", "video", "indictment").
    #[serde(default)]
    pub documents: Vec<String>,
    /// Nouns that make a phrase an organisation ("ministry", "council", "union").
    #[serde(default)]
    pub organisations: Vec<String>,
    /// Verbs through which a document speaks, and only a document ("the emails show",
    /// "the minutes record").
    #[serde(default)]
    pub document_verbs: Vec<String>,
    /// Verbs of seeing and finding ("the alliance has seen no withdrawal"): their subject perceives
    /// what their object tells of and is not its actor.
    #[serde(default)]
    pub perception_verbs: Vec<String>,
}

/// Words that tell what kind of thing a proper name names, as `rules suggest` and the
/// names stage read them: general English, gathered from every file of the pack.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamesSpec {
    /// Titles before a person's name ("President", "Gen.").
    #[serde(default)]
    pub titles: Vec<String>,
    /// Words inside an organisation's name ("Ministry", "Inc.", "Union").
    #[serde(default)]
    pub organisation: Vec<String>,
    /// Words inside a place's name ("River", "Province").
    #[serde(default)]
    pub place: Vec<String>,
    /// Titles that say the person named after them is a woman ("Mrs.", "spokeswoman"), so
    /// "he" does not stand for her.
    #[serde(default)]
    pub female: Vec<String>,
    /// Titles that say the person named after them is a man ("Mr.", "spokesman"), so
    /// "she" does not stand for him.
    #[serde(default)]
    pub male: Vec<String>,
}

/// The ids of rules an extension leaves out, by section.
pub type DisableSpec = BySection<String, String, String, String>;

/// Rules an extension defines anew under an id a pack before it gave, by section.
pub type OverrideSpec = BySection<EntitySpec, FamilySpec, PredicateSpec, CueSpec>;

/// One list per section of rules an extension names: what `disable` leaves out (ids) and
/// what `override` defines anew (rules).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BySection<E, F, P, C> {
    #[serde(default = "Vec::new")]
    pub entities: Vec<E>,
    #[serde(default = "Vec::new")]
    pub families: Vec<F>,
    #[serde(default = "Vec::new")]
    pub predicates: Vec<P>,
    #[serde(default = "Vec::new")]
    pub cues: Vec<C>,
}

/// Someone or something claims are made by or about.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntitySpec {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    /// Whom this entity speaks for: a spokesman for a government, a government for a country.
    #[serde(default)]
    pub speaks_for: Option<String>,
    /// How aliases match letter case: `auto` (all-capital aliases exactly, others in any
    /// case), `exact`, or `any`.
    #[serde(default)]
    pub case: CaseRule,
    /// Which entity keeps an alias two of them give: the higher priority (default 0).
    #[serde(default)]
    pub priority: i32,
    #[serde(default)]
    pub examples: Examples,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Organisation,
    Country,
    Place,
    Outlet,
    Group,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseRule {
    #[default]
    Auto,
    Exact,
    Any,
}

/// A family groups predicates that speak about the same thing, such as troop movements.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilySpec {
    pub id: String,
    pub name: String,
    /// `state`: a condition that can change over time (relations are good). `event`: a thing
    /// that happened once (a call lasted an hour); at other times it is another event.
    pub aspect: Aspect,
    /// `actor`: claims are about one entity (Ruritania withdraws troops). `pair`: about the
    /// relation between two (relations between Ruritania and Freedonia).
    #[serde(default)]
    pub subject: SubjectRule,
    /// Words one of which must stand in the sentence (or the one before or after) for a trigger of
    /// this family to count: "troops" for a withdrawal.
    #[serde(default)]
    pub context: Vec<String>,
    /// Days within which two claims of this family count as the same time.
    #[serde(default)]
    pub same_time_days: Option<i64>,
    /// The context words name what the family's verbs act on: a trigger verb with an
    /// object counts only when the object holds one ("pulled back its forces"; "scaling
    /// back the group's advance" moves no troops).
    #[serde(default)]
    pub context_in_object: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Aspect {
    State,
    Event,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectRule {
    #[default]
    Actor,
    Pair,
}

/// Something a claim can say of its subject, with the phrases that say it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredicateSpec {
    pub id: String,
    pub family: String,
    /// A short phrase used in explanations: "is withdrawing troops".
    pub says: String,
    /// Phrases that express the predicate. `word*` matches any word starting so; `...`
    /// allows a few words in between ("moved ... away from").
    #[serde(default)]
    pub triggers: Vec<String>,
    /// Triggers that open with a verb in its dictionary form ("withdraw from", "speak ...
    /// for"): with the general knowledge, the verb matches its every form and, unless
    /// written with `=` before it, its synonyms.
    #[serde(default)]
    pub verbs: Vec<String>,
    /// The predicate that says the opposite of this one. Without one, a predicate is on the
    /// same side as every predicate of its family that has none: two such claims agree.
    #[serde(default)]
    pub opposite: Option<String>,
    /// Replaces the family's context words for this predicate.
    #[serde(default)]
    pub context: Option<Vec<String>>,
    /// A measured quantity the claim carries; claims without one are not made.
    #[serde(default)]
    pub quantity: Option<Measure>,
    /// Which predicate keeps a trigger two of them give: the higher priority (default 0).
    #[serde(default)]
    pub priority: i32,
    #[serde(default)]
    pub examples: Examples,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Duration,
}

/// Words that change how a sentence is read.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueSpec {
    pub id: String,
    pub kind: CueKind,
    pub phrases: Vec<String>,
    #[serde(default)]
    pub examples: Examples,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum CueKind {
    /// "said", "told", "according to": who says what.
    Attribution,
    /// "dispute", "deny", "baseless": the speaker rejects a claim.
    Dispute,
    /// "not", "never", "no": the claim is negated.
    Negation,
    /// "may", "reportedly", "alleged": the claim is hedged.
    Hedge,
    /// "if", "unless": the claim holds only on a condition.
    Conditional,
    /// "this claim", "the report": points back at an earlier claim.
    Reference,
    /// "claims of", "allegations that": what follows is someone else's claim, which the
    /// speaker makes their own only by disputing it.
    Reported,
    /// "under the previous administration": the claim is about an earlier time.
    Earlier,
    /// "but", "however": ends the reach of a negation or hedge.
    ScopeBreak,
}

/// Sentences a rule must match, with what they must yield, and sentences it must not match.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default, rename = "match")]
    pub matching: Vec<ExampleSpec>,
    #[serde(default)]
    pub no_match: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    pub text: String,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub predicate: Option<String>,
    #[serde(default)]
    pub polarity: Option<String>,
    #[serde(default)]
    pub stance: Option<String>,
    #[serde(default)]
    pub modality: Option<String>,
    #[serde(default)]
    pub speaker: Option<String>,
}

/// The pack's tunable numbers. The base pack gives every one; an extension may give a few,
/// which replace the base pack's (the last extension that gives one wins).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsSpec {
    /// Days within which two claims count as the same time, unless a family says otherwise.
    #[serde(default)]
    pub same_time_days: Option<i64>,
    /// Relative difference below which two quantities agree (0.2 = 20 %).
    #[serde(default)]
    pub quantity_tolerance: Option<f64>,
    /// Most words a `...` in a phrase may skip.
    #[serde(default)]
    pub max_gap_words: Option<usize>,
    /// Most words between a negation or hedge cue and the trigger it governs.
    #[serde(default)]
    pub cue_reach_words: Option<usize>,
    /// Most conflicts or agreements kept for one claim, nearest in time first.
    #[serde(default)]
    pub max_pairs_per_claim: Option<usize>,
    /// Most claims one block is compared in at once; a larger block is split into tiles
    /// (see `shard`). Optional: [`default_max_block_claims`].
    #[serde(default)]
    pub max_block_claims: Option<usize>,
}

/// The block bound when a pack names none.
pub const fn default_max_block_claims() -> usize {
    200_000
}
