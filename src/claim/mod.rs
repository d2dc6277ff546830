//! Claims: turns an article's sentence facts into normalised, attributed claims.
//!
//! Per sentence: who speaks (attribution cue, speaker before or after it, pronouns resolved
//! in the article), which part of the sentence is the claim's content, and for each trigger
//! in the content its subject, polarity, stance, modality, quantity and time. References
//! ("this claim", "the withdrawal", "he") resolve to the nearest fitting antecedent earlier
//! in the same article. Everything here is a pure function of the article and the rules.
//!
//! [`read_article`] runs the steps in the order their decisions depend on each other; each
//! step has its own room:
//!
//! - `attribution`: who speaks in a sentence and which part of it is their content;
//!   `quotation`: a quotation over several sentences lends them its speaker.
//! - `content`: which triggers may claim (inside the content, beside a context word).
//! - `qualify`: polarity, stance and modality, from the cues before a trigger.
//! - `scope`: where a trigger stands in its sentence's parse (the language layer): which
//!   clauses govern it, so cues count only there, and whether it is only wished or talked
//!   about.
//! - `subject`: whom a claim is about (one actor, or a pair of sides).
//! - `measure`: the quantity a claim states and the time it holds at.
//! - `reference`: earlier claims a claim leans on: antecedents, dispute targets, and
//!   disputes by reference ("this claim").
//! - `discourse`: what the article has said so far, for pronouns and sides named once.
//!
//! This module holds the types and the sequence; the rooms hold the decisions. New ways of
//! finding a speaker (coordinated speakers, unnamed sources) belong in `attribution`, or
//! beside it as `quotation` is. The language layer (`parse`) is read at most once per
//! sentence, through `parses`, and only where a trigger or an attribution needs it; `scope`
//! and `voices` are the steps that look into it.

mod attribution;
mod content;
mod discourse;
mod measure;
mod parses;
mod qualify;
mod quotation;
mod reference;
mod scope;
mod subject;
#[cfg(test)]
mod tests;
mod voices;

use crate::article::{Article, Lines};
use crate::extract::{SentenceFacts, TriggerHit};
use crate::lexicon::{Lexicon, Signature};
use crate::parse::{Link, Parse};
use crate::quantity::Quantity;
use crate::rules::RuleSet;
use crate::rules::schema::{CueKind, SubjectRule};
use crate::time::{TimeMention, When, find_times};
use discourse::Discourse;
use parses::Parses;
use serde::{Deserialize, Serialize};
use std::cell::OnceCell;

pub use attribution::Attribution;
pub use voices::{Found, Heard};

/// What a claim is about: one entity, or the relation between two (by root entity index,
/// smaller index first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    One(usize),
    Pair(usize, usize),
}

impl Subject {
    pub fn pair(a: usize, b: usize) -> Subject {
        if a < b {
            Subject::Pair(a, b)
        } else {
            Subject::Pair(b, a)
        }
    }
    /// The subject's id: the entity id, or the two ids joined by `+` in sorted order.
    pub fn id(&self, rules: &RuleSet) -> String {
        match *self {
            Subject::One(e) => rules.entity_id(e).to_string(),
            Subject::Pair(a, b) => {
                let mut ids = [rules.entity_id(a), rules.entity_id(b)];
                ids.sort_unstable();
                format!("{}+{}", ids[0], ids[1])
            }
        }
    }
    pub fn name(&self, rules: &RuleSet) -> String {
        match *self {
            Subject::One(e) => rules.entities[e].name.clone(),
            Subject::Pair(a, b) => {
                let mut names = [
                    rules.entities[a].name.as_str(),
                    rules.entities[b].name.as_str(),
                ];
                names.sort_unstable_by_key(|n| n.trim_start_matches("the ").to_string());
                format!("{} and {}", names[0], names[1])
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    Affirmed,
    Negated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Asserts,
    Disputes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    Asserted,
    Hedged,
    Conditional,
}

/// A speaker the pack does not know, as the text names it: a person or organisation named
/// only in the article, an unnamed source ("a senior intelligence official"), a document
/// ("the report"), or an outlet named as the source ("according to the Harbour Gazette").
/// An unnamed source is heard through the outlet that reports it, never as the outlet.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Voice {
    /// The words that name it, as the text has them (a pronoun resolved to its name).
    pub name: String,
    pub kind: VoiceKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoiceKind {
    Person,
    Organisation,
    Unnamed,
    Document,
    Outlet,
}

/// One who makes a claim: a speaker of the pack, or one the text names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Speaker {
    pub entity: Option<usize>,
    pub voice: Option<Voice>,
}

/// One normalised, attributed claim. Its serde form is what `claimclash map` writes and
/// `reduce` reads (`shard::lines`): every field travels, so a new field flows through; the
/// indices (speaker, subject, predicate) are the rule pack's, and the pack is checked to be
/// the same at each step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// `article:offset:predicate`: derived from content, never from processing order.
    pub id: String,
    /// Index of the article in the analysed corpus. Not serialised: a claim line names its
    /// article by id instead, and the index is given again where the claims are gathered.
    #[serde(skip)]
    pub article: usize,
    /// The exact sentence, as it stands in the body.
    pub text: String,
    pub span: (usize, usize),
    pub line: usize,
    /// The words that triggered the predicate.
    pub trigger: String,
    pub trigger_span: (usize, usize),
    /// Who says it (entity index), when the pack knows them.
    pub speaker: Option<usize>,
    /// Who says it when the pack does not know them; with `speaker`, `None` when the text
    /// names no source (the claim is unattributed: the article states it).
    pub voice: Option<Voice>,
    /// Who makes the claim with them ("the League and Freedonia dispute this").
    pub also: Vec<Speaker>,
    pub subject: Subject,
    pub predicate: usize,
    pub polarity: Polarity,
    pub stance: Stance,
    /// The claim a dispute is aimed at.
    pub target: Option<String>,
    pub modality: Modality,
    pub quantity: Option<Quantity>,
    pub when: Option<When>,
    /// How each decision was reached, for `trace` and `explain`.
    pub reasons: Vec<String>,
    /// The text around the sentence in its paragraph (a few hundred bytes at most each
    /// side), so a report can show the sentence where it stands.
    pub context: (String, String),
    /// For a general claim (read by the language layer, not a beat rule): what it says,
    /// in comparable form. `None` for beat claims.
    pub general: Option<Box<crate::general::Gist>>,
}

impl Claim {
    /// +1 or -1: which side of its family's opposition the claim stands on, once predicate,
    /// polarity and stance are taken together. Claims on opposite sides conflict.
    pub fn side(&self, rules: &RuleSet) -> i8 {
        let mut s = rules.predicates[self.predicate].side;
        if self.polarity == Polarity::Negated {
            s = -s;
        }
        if self.stance == Stance::Disputes {
            s = -s;
        }
        s
    }
}

/// A verb's signature for the clause under it, from the general lexicon.
fn signature(lemma: &str, link: Link, marker: Option<&str>) -> Option<Signature> {
    Lexicon::bundled()
        .ok()?
        .clause_signature(lemma, link, marker)
}

/// Extracts the claims of one article.
pub fn claims_for_article(
    article_index: usize,
    article: &Article,
    facts: &[SentenceFacts],
    rules: &RuleSet,
) -> Vec<Claim> {
    read_with(article_index, article, facts, rules, false).claims
}

/// Claims, and for every trigger that made none, the reason why (for `trace`).
#[derive(Debug, Default)]
pub struct Reading {
    pub claims: Vec<Claim>,
    /// (trigger start offset, why no claim was made)
    pub skipped: Vec<(usize, String)>,
}

/// Reads an article into claims, keeping the reasons triggers were passed over.
///
/// The steps: attribution of every sentence, quotations, then sentence by sentence the
/// content, and for each trigger in it context, qualifiers (polarity, stance, modality),
/// subject, quantity, time and dispute target; then disputes by reference.
pub fn read_article(
    article_index: usize,
    article: &Article,
    facts: &[SentenceFacts],
    rules: &RuleSet,
) -> Reading {
    read_with(article_index, article, facts, rules, true)
}

/// [`read_article`], with the skipped triggers' reasons kept exactly or not: the claims
/// are the same either way.
fn read_with(
    article_index: usize,
    article: &Article,
    facts: &[SentenceFacts],
    rules: &RuleSet,
    keeps_reasons: bool,
) -> Reading {
    let body = article.body.as_str();
    let lines = Lines::new(body, article.line_offset);
    // Attribution first, over the whole article: a quotation's speaker may be named in any
    // of the sentences it covers.
    let mut atts = attribution::attribute_sentences(body, facts, rules);
    let quotes = quotation::Quotes::new(body);
    quotation::attribute_quotations(facts, &lines, &quotes, &mut atts);
    // Then claims, in reading order so references find their antecedents. A sentence that
    // makes a claim is read again once its attribution is read through the parse, which
    // costs a parse (and a few before it, for pronouns and quotations) only where a claim
    // is made.
    let parses = Parses::new(body, facts);
    let mut listener = voices::Listener::new(body, facts, rules, &parses, &quotes);
    let mut reading = Reading::default();
    let mut d = Discourse::default();
    for (index, f) in facts.iter().enumerate() {
        let (claims, skipped, before) = (reading.claims.len(), reading.skipped.len(), d.clone());
        for pass in 0..2 {
            let s = SentenceView {
                article,
                article_index,
                body,
                lines: &lines,
                facts,
                index,
                f,
                att: &atts[index],
                first_claim: reading.claims.len(),
                times: OnceCell::new(),
                parses: &parses,
                keeps_reasons,
            };
            read_sentence(&s, &mut d, &mut reading, rules);
            if pass == 1 || reading.claims.len() == claims {
                break;
            }
            reading.claims.truncate(claims);
            reading.skipped.truncate(skipped);
            d = before.clone();
            let found = listener.speakers(index, atts[index].cue.map(|c| c.start));
            attribution::refine(&mut atts[index], f, found, &listener);
        }
    }
    reading
}

/// One sentence as the steps see it: its facts and attribution, its place in the article,
/// and where its claims start in the article's list.
struct SentenceView<'a, 'p> {
    article: &'a Article,
    article_index: usize,
    body: &'a str,
    lines: &'a Lines,
    /// All sentences of the article; this one is `facts[index]`.
    facts: &'a [SentenceFacts],
    index: usize,
    f: &'a SentenceFacts,
    att: &'a Attribution,
    /// Claims before this index come from earlier sentences.
    first_claim: usize,
    /// Times are read only when a claim needs them: most sentences make none.
    times: OnceCell<Vec<TimeMention>>,
    /// The article's parses: this sentence's is read only when a trigger needs it.
    parses: &'a Parses<'p>,
    /// Whether every skipped trigger's reason is wanted as the steps give it (`trace`);
    /// without, a trigger is dropped at the first sure reason, before dearer steps.
    keeps_reasons: bool,
}

impl<'a, 'p: 'a> SentenceView<'a, 'p> {
    /// The times the sentence states, read on first use.
    fn times(&self) -> &[TimeMention] {
        let f = self.f;
        self.times
            .get_or_init(|| find_times(&self.body[f.text.0..f.text.1], self.article.info.date))
    }

    /// The sentence's parse, read on first use.
    fn parse(&self) -> &Parse<'a> {
        self.parses.of(self.index)
    }

    /// A claim of this sentence made by the words at `trigger`: affirmed, asserted, undated
    /// and without reasons until the steps say otherwise.
    fn claim(
        &self,
        trigger: (usize, usize),
        predicate: usize,
        subject: Subject,
        rules: &RuleSet,
    ) -> Claim {
        let (body, text) = (self.body, self.f.text);
        Claim {
            id: claim_id(
                &self.article.info.id,
                text.0,
                &rules.predicates[predicate].id,
            ),
            article: self.article_index,
            text: body[text.0..text.1].to_string(),
            span: text,
            line: self
                .article
                .info
                .line
                .unwrap_or_else(|| self.lines.line_of(text.0)),
            trigger: body[trigger.0..trigger.1].to_string(),
            trigger_span: trigger,
            speaker: self.att.speaker,
            voice: self.att.voice.clone(),
            also: self.att.also.clone(),
            subject,
            predicate,
            polarity: Polarity::Affirmed,
            stance: Stance::Asserts,
            target: None,
            modality: Modality::Asserted,
            quantity: None,
            when: None,
            reasons: Vec::new(),
            context: context_of(body, text),
            general: None,
        }
    }
}

/// Reads one sentence: each trigger in its content through the steps, a dispute by
/// reference when no trigger made a claim, one claim per predicate; then the discourse
/// learns the sentence.
fn read_sentence(s: &SentenceView, d: &mut Discourse, reading: &mut Reading, rules: &RuleSet) {
    let triggers = &s.f.triggers;
    for t in triggers.iter().filter(|t| !content::in_content(s, t)) {
        reading.skipped.push((t.start, content::outside_content(s)));
    }
    for t in triggers.iter().filter(|t| content::in_content(s, t)) {
        match claim_from_trigger(s, t, d, &reading.claims, rules) {
            Ok(claim) => reading.claims.push(claim),
            Err(why) => reading.skipped.push((t.start, why)),
        }
    }
    if reading.claims.len() == s.first_claim
        && let Some(claim) = reference::dispute_by_reference(s, &reading.claims, rules)
    {
        reading.claims.push(claim);
    }
    dedupe_sentence(&mut reading.claims, s.first_claim);
    // Update the discourse after the sentence, so it speaks of what came before.
    d.note(s.att.speaker, s.f, rules);
    d.note_pair(&reading.claims[s.first_claim..], s.f, rules);
}

/// Why a trigger whose subject no rule finds makes no claim.
const NO_SUBJECT: &str = "no subject: no entity, pronoun, earlier claim or speaker to take it from";

/// One trigger through the steps: context, qualifiers, subject, quantity, time and the
/// claim a dispute is aimed at. `claims` are the article's claims so far; `Err` says why
/// the trigger makes no claim.
fn claim_from_trigger(
    s: &SentenceView,
    t: &TriggerHit,
    d: &Discourse,
    claims: &[Claim],
    rules: &RuleSet,
) -> Result<Claim, String> {
    let body = s.body;
    let pred = &rules.predicates[t.predicate];
    let family = &rules.families[pred.family];
    let phrase = &rules.phrases.phrases[t.phrase];
    let via = phrase
        .via
        .as_ref()
        .map(|v| format!("; {v}"))
        .unwrap_or_default();
    let mut reasons = vec![format!(
        "trigger `{}` ({}{via}) for {}",
        &body[t.start..t.end],
        phrase.origin,
        pred.id
    )];
    reasons.push(format!("speaker: {}", s.att.how));
    let antecedent = reference::antecedent(claims, pred.family, rules);
    let (c0, c1) = s.att.content;
    let clause = s.f.clause(t.start, t.end, c0, c1);
    // The subject of the trigger by its family's rule, with how it was found. It needs no
    // parse, so it is found first: a check that keeps no reasons drops a trigger without
    // one before the steps that parse the sentence, while a trace still gives the first
    // reason in reading order.
    let subject = match family.subject {
        SubjectRule::Actor => subject::actor_subject(s, t, clause, d, antecedent, rules),
        SubjectRule::Pair => subject::pair_subject(s.f, t, d, rules, s.att.speaker, s.att.content),
    };
    if subject.is_none() && !s.keeps_reasons {
        return Err(NO_SUBJECT.into());
    }
    if let Some(set) = pred.context {
        reasons.push(content::context_reason(s, t, set, antecedent.is_some())?);
        if family.context_in_object {
            content::object_moved(s, t, set, rules)?;
        }
    }
    // Under a denial ("denied the invasion reports") what the reports say is what is
    // denied, and the denial is the claim.
    let denied = s.f.cues_of(CueKind::Dispute).next().is_some();
    if let Some(why) = scope::said_by_noun(body, t).filter(|_| !denied) {
        return Err(why);
    }
    let scope = scope::may_change(body, s.f, t, clause)
        .then(|| scope::scope_of(s.parse(), t.start, &signature))
        .flatten();
    let q = qualify::qualify(body, s.f, t, clause, c0, rules, scope.as_ref())?;
    let own_voice = s.att.speaker.is_none() && s.att.voice.is_none() && s.att.cue.is_none();
    if own_voice && q.stance == Stance::Asserts && qualify::scare_quoted(body, t) {
        return Err("the writer's own voice puts the word in quotation marks: someone else's term, not claimed".into());
    }
    reasons.push(q.reason());
    let (subject, how) = subject.ok_or(NO_SUBJECT)?;
    reasons.push(format!("subject {}: {how}", subject.id(rules)));
    let quantity = measure::quantity_of(body, s.f, t, clause, pred)?;
    let when = measure::time_of(s, t, clause, family, subject, antecedent, &mut reasons);
    let target = match q.stance {
        Stance::Disputes => reference::dispute_target(&claims[..s.first_claim], t, subject),
        Stance::Asserts => None,
    };
    Ok(Claim {
        polarity: q.polarity,
        stance: q.stance,
        target,
        modality: q.modality,
        quantity,
        when,
        reasons,
        ..s.claim((t.start, t.end), t.predicate, subject, rules)
    })
}

/// A claim's id, `article:offset:predicate`. A `:` (and the `%` that escapes it) in the
/// article or predicate id is written `%3A` (`%25`), so every id has exactly two bare colons
/// and no two claims share one: `a:1` at 2 and `a` at `1:2` would otherwise both be `a:1:2:p`.
pub fn claim_id(article: &str, offset: usize, predicate: &str) -> String {
    format!("{}:{offset}:{}", id_part(article), id_part(predicate))
}

fn id_part(id: &str) -> std::borrow::Cow<'_, str> {
    if id.contains([':', '%']) {
        id.replace('%', "%25").replace(':', "%3A").into()
    } else {
        id.into()
    }
}

/// The paragraph text before and after a sentence, at most `CONTEXT_BYTES` each side. The
/// line breaks are sought only inside those windows, so the cost per claim is bounded
/// however long the paragraph (searching back to its start made one long paragraph
/// quadratic).
pub(crate) fn context_of(body: &str, (start, end): (usize, usize)) -> (String, String) {
    const CONTEXT_BYTES: usize = 300;
    let mut window = start.saturating_sub(CONTEXT_BYTES);
    while !body.is_char_boundary(window) {
        window += 1;
    }
    let from = body[window..start]
        .rfind('\n')
        .map_or(window, |i| window + i + 1);
    let mut limit = (end + CONTEXT_BYTES).min(body.len());
    while !body.is_char_boundary(limit) {
        limit -= 1;
    }
    let to = body[end..limit].find('\n').map_or(limit, |i| end + i);
    (body[from..start].to_string(), body[end..to].to_string())
}

/// One claim per predicate and sentence: the most certain occurrence wins, then the first.
fn dedupe_sentence(claims: &mut Vec<Claim>, from: usize) {
    if claims.len() - from < 2 {
        return;
    }
    let mut tail: Vec<Claim> = claims.drain(from..).collect();
    let mut kept: Vec<Claim> = Vec::new();
    tail.sort_by_key(|c| (c.predicate, c.modality, c.trigger_span.0));
    for c in tail {
        if kept.last().is_some_and(|k| k.predicate == c.predicate) {
            continue;
        }
        kept.push(c);
    }
    kept.sort_by_key(|c| c.trigger_span.0);
    claims.extend(kept);
}

/// Who speaks in the sentence of `article` that holds byte `offset`, as the claims of that
/// sentence would have it: the speakers' names as the text gives them (titles dropped,
/// surnames completed), and how they were found. `None` when the text names no source. For
/// measuring attribution (`tests/attribution`).
pub fn speakers_at(
    article: &Article,
    rules: &RuleSet,
    offset: usize,
) -> (Option<Vec<String>>, String) {
    let body = article.body.as_str();
    let sentences = crate::sentence::split(body);
    let matches = rules.phrases.find_all(body);
    let facts = crate::extract::facts_from_matches(body, &sentences, rules, &matches);
    let Some(i) = facts
        .iter()
        .position(|f| f.text.0 <= offset && offset < f.text.1)
    else {
        return (None, "no sentence holds the offset".into());
    };
    let lines = Lines::new(body, article.line_offset);
    let mut atts = attribution::attribute_sentences(body, &facts, rules);
    let quotes = quotation::Quotes::new(body);
    quotation::attribute_quotations(&facts, &lines, &quotes, &mut atts);
    let parses = Parses::new(body, &facts);
    let mut listener = voices::Listener::new(body, &facts, rules, &parses, &quotes);
    let found = listener
        .speakers(i, atts[i].cue.map(|c| c.start))
        .filter(|fd| fd.covers(&[offset]));
    let names = found
        .as_ref()
        .map(|f| f.speakers.iter().map(|h| h.name.clone()).collect());
    let how = found.as_ref().map(|f| f.how.clone());
    let mut att = atts[i].clone();
    attribution::refine(&mut att, &facts[i], found, &listener);
    match (names, att.speaker_span) {
        (Some(n), _) => (Some(n), how.unwrap_or_default()),
        (None, Some((s, e))) if att.speaker.is_some() => {
            (Some(vec![body[s..e].to_string()]), att.how)
        }
        _ => (None, att.how),
    }
}
