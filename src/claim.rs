//! Claims: turns an article's sentence facts into normalised, attributed claims.
//!
//! Per sentence: who speaks (attribution cue, speaker before or after it, pronouns resolved
//! in the article), which part of the sentence is the claim's content, and for each trigger
//! in the content its subject, polarity, stance, modality, quantity and time. References
//! ("this claim", "the withdrawal", "he") resolve to the nearest fitting antecedent earlier
//! in the same article. Everything here is a pure function of the article and the rules.

use crate::article::Article;
use crate::extract::{CueHit, PronounClass, SentenceFacts, TriggerHit, pronouns_in, word_count};
use crate::quantity::{Quantity, find_duration};
use crate::rules::RuleSet;
use crate::rules::schema::{Aspect, CueKind, EntityKind, SubjectRule};
use crate::time::{TimeBasis, When, find_times};
use jiff::civil::Date;
use serde::Serialize;

/// What a claim is about: one entity, or the relation between two (by root entity index,
/// smaller index first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    Affirmed,
    Negated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Asserts,
    Disputes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    Asserted,
    Hedged,
    Conditional,
}

/// One normalised, attributed claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// `article:offset:predicate`: derived from content, never from processing order.
    pub id: String,
    /// Index of the article in the analysed corpus.
    pub article: usize,
    /// The exact sentence, as it stands in the body.
    pub text: String,
    pub span: (usize, usize),
    pub line: usize,
    /// The words that triggered the predicate.
    pub trigger: String,
    pub trigger_span: (usize, usize),
    /// Who says it (entity index); `None` when the article itself says it.
    pub speaker: Option<usize>,
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

/// How many earlier claims of the article a reference may reach back over ("the
/// withdrawal", "this claim"): enough for any real article, and a bound on the work.
const ANTECEDENT_REACH: usize = 64;

/// Who speaks in a sentence and which part of it is their claim.
#[derive(Debug, Clone, Default)]
pub struct Attribution {
    pub speaker: Option<usize>,
    pub speaker_span: Option<(usize, usize)>,
    /// The cue that attributes the sentence, if any.
    pub cue: Option<CueHit>,
    pub content: (usize, usize),
    pub how: String,
}

/// What the article has said so far, for resolving references.
#[derive(Debug, Default)]
struct Discourse {
    last_person_speaker: Option<usize>,
    last_person: Option<usize>,
    last_thing_speaker: Option<usize>,
    last_thing: Option<usize>,
    last_pair: Option<(usize, usize)>,
}

impl Discourse {
    /// Remembers who spoke in a sentence and whom it named, for the sentences after it.
    fn note(&mut self, speaker: Option<usize>, f: &SentenceFacts, rules: &RuleSet) {
        if let Some(s) = speaker {
            if is_person(rules, s) {
                self.last_person_speaker = Some(s);
            } else {
                self.last_thing_speaker = Some(s);
            }
        }
        for m in &f.mentions {
            if is_person(rules, m.entity) {
                self.last_person = Some(m.entity);
            } else {
                self.last_thing = Some(m.entity);
            }
        }
    }

    fn resolve(&self, class: PronounClass) -> Option<usize> {
        match class {
            PronounClass::Person => self.last_person_speaker.or(self.last_person),
            PronounClass::Thing => self.last_thing_speaker.or(self.last_thing),
            PronounClass::Speaker => None,
        }
    }
}

fn is_person(rules: &RuleSet, e: usize) -> bool {
    rules.entities[e].kind == EntityKind::Person
}

/// A candidate speaker before `end`: the nearest entity mention or pronoun in
/// `[lo, end)`, with the number of words between it and `end`.
fn nearest_before(
    body: &str,
    f: &SentenceFacts,
    lo: usize,
    end: usize,
    d: &Discourse,
    rules: &RuleSet,
) -> Option<(usize, (usize, usize), usize, String)> {
    let mention = f
        .mentions
        .iter()
        .rev()
        .find(|m| m.end <= end && m.start >= lo);
    // Only a pronoun that can be a subject can speak: "its allies said" is said by the allies.
    let pronoun = pronouns_in(body, lo, end).into_iter().rev().find(|p| {
        p.2 != PronounClass::Speaker && crate::extract::is_subject_pronoun(&body[p.0..p.1])
    });
    let from_mention = mention.map(|m| {
        (
            m.entity,
            (m.start, m.end),
            word_count(&body[m.end..end]),
            format!("named before the cue: `{}`", &body[m.start..m.end]),
        )
    });
    let from_pronoun = pronoun.and_then(|(s, e, class)| {
        d.resolve(class).map(|who| {
            (
                who,
                (s, e),
                word_count(&body[e..end]),
                format!(
                    "pronoun `{}` taken as {}",
                    &body[s..e],
                    rules.entity_id(who)
                ),
            )
        })
    });
    match (from_mention, from_pronoun) {
        (Some(m), Some(p)) => Some(if p.1.0 > m.1.0 { p } else { m }),
        (m, p) => m.or(p),
    }
}

/// Finds the speaker of `cue`. An inverted attribution ("…,” said Ivanova) or "according to"
/// looks right after the cue first. Otherwise the speaker stands right before the cue
/// (skipping a parenthetical set off by commas), or failing that further before it in the
/// same clause.
fn speaker_for(
    body: &str,
    f: &SentenceFacts,
    cue: &CueHit,
    d: &Discourse,
    rules: &RuleSet,
    strict_only: bool,
) -> Option<(usize, (usize, usize), bool, String)> {
    let lo = f.text.0;
    let head = body[lo..cue.start].trim_end();
    let inverted = head.ends_with([',', '”', '"', '’']) || head.is_empty();
    let according = rules.phrases.phrases[cue.phrase]
        .written
        .starts_with("according");
    if !strict_only && (inverted || according) {
        if let Some(m) = f.mentions.iter().find(|m| m.start >= cue.end) {
            let gap = &body[cue.end..m.start];
            // "…,” said Ivanova on Friday." ends soon after the name; in "…, accusing Ruritania
            // of meddling" the name is the object and a clause follows.
            let rest = &body[m.end..f.text.1];
            let tail = rest
                .find([',', ';', ':', '.', '—'])
                .map_or(rest, |i| &rest[..i]);
            if word_count(gap) <= 3
                && !gap.contains([',', '.', ';'])
                && !gap.to_ascii_lowercase().contains("that")
                && (according || word_count(tail) <= 4)
            {
                return Some((
                    m.entity,
                    (m.start, m.end),
                    false,
                    format!("named after the cue: `{}`", &body[m.start..m.end]),
                ));
            }
        }
        if according {
            return None;
        }
    }
    // An appositive name right before the cue: "the country's envoy to the talks, Mara
    // Velin, said".
    let head = body[lo..cue.start].trim_end();
    if let Some(inner) = head.strip_suffix(',') {
        let name_end = lo + inner.trim_end().len();
        if let Some(m) = f.mentions.iter().find(|m| m.end == name_end) {
            let before = body[lo..m.start].trim_end();
            if before.ends_with(',') || before.is_empty() {
                return Some((
                    m.entity,
                    (m.start, m.end),
                    true,
                    format!("named before the cue: `{}`", &body[m.start..m.end]),
                ));
            }
        }
    }
    let mut end = cue.start;
    for _ in 0..2 {
        let head = body[lo..end].trim_end();
        if let Some(inner) = head.strip_suffix(',')
            && let Some(c) = inner.rfind(',')
        {
            end = lo + c;
            continue;
        }
        break;
    }
    let before = nearest_before(body, f, lo, end, d, rules);
    let strict_gap = if strict_only { 1 } else { 3 };
    if let Some((who, span, gap, how)) = &before {
        let between = &body[span.1..end];
        if *gap <= strict_gap && !between.contains(['.', ',', ';', ':', '“', '"']) {
            return Some((*who, *span, true, how.clone()));
        }
    }
    if strict_only {
        return None;
    }
    // Further before the cue, but within its clause: across a comma the name is more
    // likely the object of another clause than the speaker.
    before
        .filter(|(_, span, _, _)| !body[span.1..end].contains([',', ';', ':', '.']))
        .map(|(who, span, _, how)| (who, span, true, how))
}

/// Words that put a name in a prepositional phrase ("claims of Ruritania"), where it is not
/// the one who speaks.
const PREPOSITIONS: &[&str] = &[
    "of", "about", "on", "against", "for", "from", "with", "to", "in", "by", "at", "over", "into",
];

/// The speaker of a sentence whose verb is a denial ("Ivanova on Wednesday denied that …",
/// "the alliance and its members dispute this claim"): the nearest name before the cue in
/// its clause, a few words away at most, and not inside a prepositional phrase.
fn disputer(
    body: &str,
    f: &SentenceFacts,
    cue: &CueHit,
    d: &Discourse,
    rules: &RuleSet,
) -> Option<(usize, (usize, usize), String)> {
    let lo = f.text.0;
    let (who, span, gap, how) = nearest_before(body, f, lo, cue.start, d, rules)?;
    if gap > 5 || body[span.1..cue.start].contains([',', ';', ':', '.', '“', '"']) {
        return None;
    }
    // Walk back over the rest of the name's phrase ("the", numbers, capitalised words).
    let head = &body[lo..span.0];
    let mut words = head.split_whitespace().rev();
    let before_phrase = words.find(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        !(w.eq_ignore_ascii_case("the")
            || w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()))
    });
    let lower = before_phrase.map(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase()
    });
    if lower.is_some_and(|w| PREPOSITIONS.contains(&w.as_str())) {
        return None;
    }
    Some((who, span, how))
}

fn triggers_in(f: &SentenceFacts, lo: usize, hi: usize) -> bool {
    f.triggers.iter().any(|t| t.start >= lo && t.end <= hi)
}

/// Decides who speaks in a sentence and where the content is.
fn attribute(body: &str, f: &SentenceFacts, d: &Discourse, rules: &RuleSet) -> Attribution {
    let (lo, hi) = f.text;
    let first_cue = f.cues_of(CueKind::Attribution).next().copied();
    for cue in f.cues_of(CueKind::Attribution) {
        let Some((who, span, before_cue, how)) = speaker_for(body, f, cue, d, rules, false) else {
            continue;
        };
        let content = if before_cue {
            let after = (cue.end, hi);
            let earlier = (lo, span.0);
            // "CONTENT, ministry spokeswoman Anna Ivanova said, as …": an attribution set off by
            // a comma or a closing quote after the content; the content comes first.
            let set_off = body[lo..span.0]
                .rfind([',', '”', '"'])
                .map(|i| lo + i)
                .filter(|&i| word_count(&body[i..span.0]) <= 4 && triggers_in(f, lo, i));
            if let Some(end) = set_off {
                (lo, end)
            } else if triggers_in(f, after.0, after.1) || !triggers_in(f, earlier.0, earlier.1) {
                after
            } else {
                earlier
            }
        } else if body[lo..cue.start].trim().is_empty() {
            (span.1, hi)
        } else {
            (lo, cue.start)
        };
        return Attribution {
            speaker: Some(who),
            speaker_span: Some(span),
            cue: Some(*cue),
            content,
            how,
        };
    }
    // A named denier ("The ministry has dismissed the report as baseless, insisting …")
    // before a speech verb whose speaker is unknown.
    for cue in f.cues_of(CueKind::Dispute) {
        if let Some((who, span, how)) = disputer(body, f, cue, d, rules) {
            return Attribution {
                speaker: Some(who),
                speaker_span: Some(span),
                cue: Some(*cue),
                // "Velin called the accusations absurd": what is denied may come before the
                // denial, so the content is all that follows the speaker.
                content: (span.1, hi),
                how,
            };
        }
    }
    if let Some(cue) = first_cue {
        // Attributed to someone the pack does not know ("according to an assessment").
        let content = if triggers_in(f, cue.end, hi) || !triggers_in(f, lo, cue.start) {
            (cue.end, hi)
        } else {
            (lo, cue.start)
        };
        return Attribution {
            speaker: None,
            speaker_span: None,
            cue: Some(cue),
            content,
            how: format!("cue `{}` names no known speaker", &body[cue.start..cue.end]),
        };
    }
    Attribution {
        speaker: None,
        speaker_span: None,
        cue: None,
        content: (lo, hi),
        how: "no attribution: the article says it".into(),
    }
}

/// Quoted regions of a body: “…” pairs and "…" pairs, each as a byte range.
fn quote_regions(body: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut curly: Option<usize> = None;
    let mut straight: Option<usize> = None;
    for (i, c) in body.char_indices() {
        match c {
            '“' => curly = Some(i),
            '”' => {
                if let Some(s) = curly.take() {
                    out.push((s, i + c.len_utf8()));
                }
            }
            '"' => match straight.take() {
                Some(s) => out.push((s, i + 1)),
                None => straight = Some(i),
            },
            '\n' if body[i + 1..].starts_with('\n') || body[i + 1..].starts_with("\r\n") => {
                // Quotes do not run across paragraphs without closing.
                curly = None;
                straight = None;
            }
            _ => {}
        }
    }
    out.sort_unstable();
    out
}

/// The subject of a trigger with `subject: actor`.
#[allow(clippy::too_many_arguments)]
fn actor_subject(
    body: &str,
    f: &SentenceFacts,
    t: &TriggerHit,
    clause: (usize, usize),
    att: &Attribution,
    d: &Discourse,
    antecedent: Option<&Claim>,
    rules: &RuleSet,
) -> Option<(Subject, String)> {
    let speaker_span = att.speaker_span;
    let root = |e: usize| Subject::One(rules.root(e));
    // In "they saw no evidence of a retreat" the words before the denial belong to the
    // one who denies, not to the retreat: the actor is sought after the last dispute cue.
    let from = f
        .cues_of(CueKind::Dispute)
        .filter(|c| c.end <= t.start && c.start >= clause.0)
        .map(|c| c.end)
        .max()
        .unwrap_or(clause.0);
    // A mention before the trigger in its clause (not the speaker's own name).
    let mention =
        f.mentions.iter().rev().find(|m| {
            m.start >= from && m.end <= t.start && Some((m.start, m.end)) != speaker_span
        });
    let pronoun = pronouns_in(body, from, t.start).into_iter().next_back();
    match (mention, pronoun) {
        (Some(m), p) if p.is_none_or(|p| p.0 < m.start) => {
            return Some((
                root(m.entity),
                format!("`{}` before the trigger", &body[m.start..m.end]),
            ));
        }
        (_, Some((ps, pe, class))) => {
            let word = &body[ps..pe];
            let agrees = att.speaker.is_some_and(|s| match class {
                PronounClass::Speaker => true,
                PronounClass::Person => is_person(rules, s),
                PronounClass::Thing => !is_person(rules, s),
            });
            if agrees {
                let s = att.speaker?;
                return Some((root(s), format!("pronoun `{word}` refers to the speaker")));
            }
            if let Some(e) = d.resolve(class) {
                return Some((
                    root(e),
                    format!("pronoun `{word}` refers to {}", rules.entity_id(e)),
                ));
            }
        }
        _ => {}
    }
    // "the pullback of the northern forces", "interference by the regime": the actor
    // follows the trigger after "of" or "by".
    let after = &body[t.end..clause.1];
    let lead = after.trim_start();
    if lead.starts_with("of ") || lead.starts_with("by ") {
        let from = t.end + (after.len() - lead.len()) + 3;
        if let Some(m) = f
            .mentions
            .iter()
            .find(|m| m.start >= from && m.end <= clause.1)
            && word_count(&body[from..m.start]) <= 2
        {
            return Some((
                root(m.entity),
                format!("`{}` after the trigger", &body[m.start..m.end]),
            ));
        }
    }
    // "the withdrawal": a definite reference to an earlier claim of the family.
    let head = body[clause.0.min(t.start)..t.start]
        .trim_end()
        .to_ascii_lowercase();
    let definite = ["the", "this", "that", "such"]
        .iter()
        .any(|w| head.ends_with(w));
    if definite && let Some(a) = antecedent {
        return Some((
            a.subject,
            format!("`{}` refers back to line {}", &body[t.start..t.end], a.line),
        ));
    }
    // No actor named: the article goes on about the actor of its last claim of this family,
    // and failing that, a speaker speaks of its own side.
    if let Some(a) = antecedent {
        return Some((
            a.subject,
            format!("no actor named: as in the claim on line {}", a.line),
        ));
    }
    att.speaker
        .map(|s| (root(s), "no actor named: the speaker's own side".into()))
}

/// Whether an entity's root can be one side of a relation: a country, organisation or
/// group, not a news outlet that only reports on it.
fn can_be_side(rules: &RuleSet, e: usize) -> bool {
    matches!(
        rules.entities[rules.root(e)].kind,
        EntityKind::Country | EntityKind::Organisation | EntityKind::Group
    )
}

/// The subject of a trigger with `subject: pair`: the two distinct root entities nearest
/// the trigger, or the pair the article spoke of last.
fn pair_subject(
    f: &SentenceFacts,
    t: &TriggerHit,
    d: &Discourse,
    rules: &RuleSet,
    speaker: Option<usize>,
) -> Option<(Subject, String)> {
    let mut by_distance: Vec<(usize, usize)> = f
        .mentions
        .iter()
        .filter(|m| can_be_side(rules, m.entity))
        .map(|m| {
            (
                if m.end <= t.start {
                    t.start - m.end
                } else {
                    m.start.saturating_sub(t.end)
                },
                rules.root(m.entity),
            )
        })
        .collect();
    by_distance.sort_unstable();
    let mut roots: Vec<usize> = Vec::new();
    for (_, r) in by_distance {
        if !roots.contains(&r) {
            roots.push(r);
        }
    }
    if let Some(s) = speaker
        .filter(|&s| can_be_side(rules, s))
        .map(|s| rules.root(s))
        && !roots.contains(&s)
    {
        roots.push(s);
    }
    match roots.as_slice() {
        [a, b, ..] => Some((
            Subject::pair(*a, *b),
            "the two sides named nearest the trigger".into(),
        )),
        [a] => d.last_pair.filter(|(x, y)| x == a || y == a).map(|(x, y)| {
            (
                Subject::pair(x, y),
                "one side named; the other from the pair the article spoke of".into(),
            )
        }),
        [] => d.last_pair.map(|(x, y)| {
            (
                Subject::pair(x, y),
                "the pair the article spoke of last".into(),
            )
        }),
    }
}

/// The pair a sentence speaks of, for later sentences that name only one side.
fn sentence_pair(f: &SentenceFacts, rules: &RuleSet, anchor: usize) -> Option<(usize, usize)> {
    let mut by_distance: Vec<(usize, usize)> = f
        .mentions
        .iter()
        .filter(|m| can_be_side(rules, m.entity))
        .map(|m| (m.start.abs_diff(anchor), rules.root(m.entity)))
        .collect();
    by_distance.sort_unstable();
    let mut roots: Vec<usize> = Vec::new();
    for (_, r) in by_distance {
        if !roots.contains(&r) {
            roots.push(r);
        }
    }
    (roots.len() >= 2).then(|| (roots[0].min(roots[1]), roots[0].max(roots[1])))
}

/// Extracts the claims of one article.
pub fn claims_for_article(
    article_index: usize,
    article: &Article,
    facts: &[SentenceFacts],
    rules: &RuleSet,
) -> Vec<Claim> {
    read_article(article_index, article, facts, rules).claims
}

/// Claims, and for every trigger that made none, the reason why (for `trace`).
#[derive(Debug, Default)]
pub struct Reading {
    pub claims: Vec<Claim>,
    /// (trigger start offset, why no claim was made)
    pub skipped: Vec<(usize, String)>,
}

/// Reads an article into claims, keeping the reasons triggers were passed over.
pub fn read_article(
    article_index: usize,
    article: &Article,
    facts: &[SentenceFacts],
    rules: &RuleSet,
) -> Reading {
    let mut skipped: Vec<(usize, String)> = Vec::new();
    let body = article.body.as_str();
    let lines = crate::article::Lines::new(body, article.line_offset);
    let mut d = Discourse::default();
    // Pass 1: attribution, in reading order so pronouns resolve to what came before.
    let mut atts: Vec<Attribution> = Vec::with_capacity(facts.len());
    for f in facts {
        let candidate = !f.mentions.is_empty() || !f.cues.is_empty();
        let att = if candidate {
            attribute(body, f, &d, rules)
        } else {
            Attribution {
                content: f.text,
                ..Default::default()
            }
        };
        d.note(att.speaker, f, rules);
        atts.push(att);
    }
    // Pass 2: sentences inside a quotation that runs over several sentences belong to
    // whoever the quotation is attributed to.
    let needs_quotes = atts
        .iter()
        .zip(facts)
        .any(|(a, f)| a.speaker.is_none() && !f.triggers.is_empty());
    if needs_quotes {
        // Each quotation is matched to the sentences it covers by binary search; one that
        // seems to run over more than `MAX_QUOTED_SENTENCES` sentences is a stray quote mark,
        // not a quotation, which also bounds the work.
        const MAX_QUOTED_SENTENCES: usize = 50;
        for (q0, q1) in quote_regions(body) {
            let first = facts.partition_point(|f| f.text.1 <= q0);
            let last = facts.partition_point(|f| f.text.0 < q1);
            if last <= first + 1 || last - first > MAX_QUOTED_SENTENCES {
                continue;
            }
            let Some(donor) = (first..last).find(|&j| atts[j].speaker.is_some()) else {
                continue;
            };
            for i in first..last {
                if atts[i].speaker.is_none() && !facts[i].triggers.is_empty() {
                    atts[i].speaker = atts[donor].speaker;
                    atts[i].how = format!(
                        "inside a quotation attributed on line {}",
                        lines.line_of(facts[donor].text.0)
                    );
                }
            }
        }
    }

    // Pass 3: claims, in reading order so references find their antecedents.
    let mut d = Discourse::default();
    let mut claims: Vec<Claim> = Vec::new();
    for (i, f) in facts.iter().enumerate() {
        let att = &atts[i];
        let sentence_start = claims.len();
        let (c0, c1) = att.content;
        // Times are read only when a claim needs them: most sentences make none.
        let times_cell: std::cell::OnceCell<Vec<crate::time::TimeMention>> =
            std::cell::OnceCell::new();
        let times =
            || times_cell.get_or_init(|| find_times(&body[f.text.0..f.text.1], article.date));
        let earlier_cue = |lo: usize, hi: usize| {
            f.cues_of(CueKind::Earlier)
                .any(|c| c.start >= lo && c.end <= hi)
        };
        for t in f.triggers.iter().filter(|t| t.start < c0 || t.end > c1) {
            skipped.push((
                t.start,
                format!(
                    "outside the content attributed to the speaker ({}..{})",
                    c0, c1
                ),
            ));
        }
        for t in f.triggers.iter().filter(|t| t.start >= c0 && t.end <= c1) {
            let pred = &rules.predicates[t.predicate];
            let family = &rules.families[pred.family];
            let mut reasons = vec![format!(
                "trigger `{}` ({}) for {}",
                &body[t.start..t.end],
                rules.phrases.phrases[t.phrase].origin,
                pred.id
            )];
            reasons.push(format!("speaker: {}", att.how));
            // The nearest fitting antecedent among the last `ANTECEDENT_REACH` claims.
            let antecedent = claims
                .iter()
                .rev()
                .take(ANTECEDENT_REACH)
                .find(|c| rules.predicates[c.predicate].family == pred.family);
            if let Some(set) = pred.context {
                let here = f.has_context(set);
                let before = (i > 0 && facts[i - 1].has_context(set))
                    || facts.get(i + 1).is_some_and(|n| n.has_context(set));
                let head = body[f.text.0..t.start].trim_end().to_ascii_lowercase();
                let definite = antecedent.is_some()
                    && ["the", "this", "that"].iter().any(|w| head.ends_with(w));
                if !(here || before || definite) {
                    skipped.push((
                        t.start,
                        "no context word of the family in this sentence or the ones next to it"
                            .into(),
                    ));
                    continue;
                }
                reasons.push(if here {
                    "context word in the sentence".into()
                } else if before {
                    "context word in the sentence before or after".into()
                } else {
                    "definite reference to an earlier claim".into()
                });
            }
            let clause = f.clause(t.start, t.end, c0, c1);
            let reach = rules.settings.cue_reach_words;
            let negated = f.cues_of(CueKind::Negation).any(|c| {
                c.start >= clause.0 && c.end <= t.start && word_count(&body[c.end..t.start]) < reach
            });
            let conditional = f
                .cues_of(CueKind::Conditional)
                .any(|c| c.start >= clause.0 && c.end <= t.start);
            let hedged = f.cues_of(CueKind::Hedge).any(|c| {
                c.start >= clause.0 && c.end <= t.start && word_count(&body[c.end..t.start]) < reach
            });
            let disputed = f
                .cues_of(CueKind::Dispute)
                .any(|c| (c.start >= clause.0 && c.end <= clause.1) || (c.start == c0));
            // "claims of a buildup": someone else's claim; only a dispute makes it the
            // speaker's own.
            let reported = f.cues_of(CueKind::Reported).any(|c| {
                c.start >= clause.0 && c.end <= t.start && word_count(&body[c.end..t.start]) < reach
            });
            if reported && !disputed {
                skipped.push((
                    t.start,
                    "introduced as someone else's claim (a `reported` cue) and not disputed".into(),
                ));
                continue;
            }
            let polarity = if negated {
                Polarity::Negated
            } else {
                Polarity::Affirmed
            };
            let modality = if conditional {
                Modality::Conditional
            } else if hedged {
                Modality::Hedged
            } else {
                Modality::Asserted
            };
            let stance = if disputed {
                Stance::Disputes
            } else {
                Stance::Asserts
            };
            reasons.push(
                format!("polarity {polarity:?}, modality {modality:?}, stance {stance:?}")
                    .to_lowercase(),
            );
            let subject = match family.subject {
                SubjectRule::Actor => actor_subject(body, f, t, clause, att, &d, antecedent, rules),
                SubjectRule::Pair => pair_subject(f, t, &d, rules, att.speaker),
            };
            let Some((subject, how)) = subject else {
                skipped.push((
                    t.start,
                    "no subject: no entity, pronoun, earlier claim or speaker to take it from"
                        .into(),
                ));
                continue;
            };
            reasons.push(format!("subject {}: {how}", subject.id(rules)));
            let quantity = match pred.quantity {
                Some(_) => {
                    let after = find_duration(&body[t.end..f.text.1]);
                    let before = || find_duration(&body[clause.0..t.start]);
                    match after.or_else(before) {
                        Some((_, _, q)) => Some(q),
                        None => {
                            skipped.push((
                                t.start,
                                "the predicate needs a quantity and the sentence states none"
                                    .into(),
                            ));
                            continue;
                        }
                    }
                }
                None => None,
            };
            let mut when = claim_time(
                article.date,
                times(),
                f.text.0,
                t,
                clause,
                earlier_cue(clause.0, clause.1),
                family.same_time_days,
            );
            // "They spoke on May 2. The call lasted 40 minutes.": an event whose sentence
            // states no time happened when the sentence before says.
            if family.aspect == Aspect::Event
                && i > 0
                && when
                    .as_ref()
                    .is_none_or(|w| w.basis == TimeBasis::Published)
            {
                let prev = &facts[i - 1];
                let day = find_times(&body[prev.text.0..prev.text.1], article.date)
                    .into_iter()
                    .find(|m| m.precision == 3 && m.span.is_some());
                if let Some(m) = day {
                    if let Some((start, end)) = m.span {
                        reasons.push(format!("time from the sentence before: `{}`", m.text));
                        when = Some(When {
                            start,
                            end,
                            basis: TimeBasis::Stated,
                            text: Some(m.text),
                        });
                    }
                } else if let Some(a) = antecedent.filter(|a| {
                    a.subject == subject
                        && a.when
                            .as_ref()
                            .is_some_and(|w| w.basis == TimeBasis::Stated)
                }) {
                    // Otherwise it is the event the article last spoke of.
                    reasons.push(format!("time of the same event on line {}", a.line));
                    when = a.when.clone();
                }
            }
            let target = if stance == Stance::Disputes {
                claims[..sentence_start]
                    .iter()
                    .rev()
                    .take(ANTECEDENT_REACH)
                    .find(|c| {
                        c.predicate == t.predicate
                            && c.subject == subject
                            && c.stance == Stance::Asserts
                    })
                    .map(|c| c.id.clone())
            } else {
                None
            };
            claims.push(Claim {
                id: format!("{}:{}:{}", article.id, f.text.0, pred.id),
                article: article_index,
                text: body[f.text.0..f.text.1].to_string(),
                span: f.text,
                line: lines.line_of(f.text.0),
                trigger: body[t.start..t.end].to_string(),
                trigger_span: (t.start, t.end),
                speaker: att.speaker,
                subject,
                predicate: t.predicate,
                polarity,
                stance,
                target,
                modality,
                quantity,
                when,
                reasons,
                context: context_of(body, f.text),
            });
        }
        // A dispute aimed at an earlier claim by reference: "The alliance disputes this claim."
        if claims.len() == sentence_start {
            let dispute = f
                .cues_of(CueKind::Dispute)
                .find(|c| c.start >= c0 && c.end <= c1);
            let reference = f
                .cues_of(CueKind::Reference)
                .find(|c| c.start >= c0 && c.end <= c1);
            let line_here = lines.line_of(f.text.0);
            if let (Some(dc), Some(rc)) = (dispute, reference)
                && let Some(target) = claims
                    .iter()
                    .rev()
                    .take(ANTECEDENT_REACH)
                    .find(|c| c.stance == Stance::Asserts && c.line + 3 >= line_here)
            {
                let hedged = f
                    .cues_of(CueKind::Hedge)
                    .any(|c| c.start >= c0 && c.end <= c1);
                let reasons = vec![
                    format!(
                        "dispute cue `{}` with reference `{}` ({})",
                        &body[dc.start..dc.end],
                        &body[rc.start..rc.end],
                        rules.cues[rc.cue].origin
                    ),
                    format!("speaker: {}", att.how),
                    format!("refers to the claim on line {}: {}", target.line, target.id),
                ];
                claims.push(Claim {
                    id: format!(
                        "{}:{}:{}",
                        article.id, f.text.0, rules.predicates[target.predicate].id
                    ),
                    article: article_index,
                    text: body[f.text.0..f.text.1].to_string(),
                    span: f.text,
                    line: lines.line_of(f.text.0),
                    trigger: body[dc.start..dc.end].to_string(),
                    trigger_span: (dc.start, dc.end),
                    speaker: att.speaker,
                    subject: target.subject,
                    predicate: target.predicate,
                    polarity: target.polarity,
                    stance: Stance::Disputes,
                    target: Some(target.id.clone()),
                    modality: if hedged {
                        Modality::Hedged
                    } else {
                        Modality::Asserted
                    },
                    quantity: target.quantity.clone(),
                    when: target.when.clone(),
                    reasons,
                    context: context_of(body, f.text),
                });
            }
        }
        dedupe_sentence(&mut claims, sentence_start);
        // Update the discourse after the sentence, so it speaks of what came before.
        d.note(att.speaker, f, rules);
        let pair_anchor = claims[sentence_start..]
            .iter()
            .find_map(|c| match c.subject {
                Subject::Pair(a, b) => Some((a, b)),
                _ => None,
            });
        let context_anchor = || {
            rules
                .families
                .iter()
                .filter(|fam| fam.subject == SubjectRule::Pair)
                .find_map(|fam| fam.context.filter(|&s| f.has_context(s)).map(|_| f.text.0))
        };
        if let Some(p) = pair_anchor {
            d.last_pair = Some(p);
        } else if let Some(anchor) = context_anchor()
            && let Some(p) = sentence_pair(f, rules, f.triggers.first().map_or(anchor, |t| t.start))
        {
            d.last_pair = Some(p);
        }
    }
    Reading { claims, skipped }
}

/// The paragraph text before and after a sentence, at most `CONTEXT_BYTES` each side.
fn context_of(body: &str, (start, end): (usize, usize)) -> (String, String) {
    const CONTEXT_BYTES: usize = 300;
    let mut from = body[..start]
        .rfind('\n')
        .map_or(0, |i| i + 1)
        .max(start.saturating_sub(CONTEXT_BYTES));
    while !body.is_char_boundary(from) {
        from += 1;
    }
    let mut to = body[end..]
        .find('\n')
        .map_or(body.len(), |i| end + i)
        .min(end + CONTEXT_BYTES)
        .min(body.len());
    while !body.is_char_boundary(to) {
        to -= 1;
    }
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

/// The time of a claim: a time stated in its clause, else the most precise one in its
/// sentence nearest the trigger; an "earlier" cue marks a period before the article; else the
/// article's date.
fn claim_time(
    date: Option<Date>,
    times: &[crate::time::TimeMention],
    base: usize,
    t: &TriggerHit,
    clause: (usize, usize),
    earlier: bool,
    window: i64,
) -> Option<When> {
    let resolved: Vec<&crate::time::TimeMention> =
        times.iter().filter(|m| m.span.is_some()).collect();
    let in_clause = resolved
        .iter()
        .filter(|m| base + m.start >= clause.0 && base + m.end <= clause.1)
        .min_by_key(|m| {
            (
                std::cmp::Reverse(m.precision),
                (base + m.start).abs_diff(t.start),
            )
        });
    let any = || {
        resolved.iter().min_by_key(|m| {
            (
                std::cmp::Reverse(m.precision),
                (base + m.start).abs_diff(t.start),
            )
        })
    };
    if let Some(m) = in_clause.or_else(any) {
        let (start, end) = m.span?;
        return Some(When {
            start,
            end,
            basis: TimeBasis::Stated,
            text: Some(m.text.clone()),
        });
    }
    let date = date?;
    if earlier {
        let end = date.checked_sub(jiff::Span::new().days(window + 1)).ok()?;
        let start = date.checked_sub(jiff::Span::new().years(10)).ok()?;
        return Some(When {
            start,
            end,
            basis: TimeBasis::Earlier,
            text: None,
        });
    }
    Some(When::day(date, TimeBasis::Published, None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{RuleSource, from_sources};

    /// A small pack about made-up countries, so these tests depend on no real news.
    const PACK: &str = r#"
entities:
  - {id: ruritania, name: Ruritania, kind: country, aliases: [Ruritania, Ruritanian]}
  - {id: freedonia, name: Freedonia, kind: country, aliases: [Freedonia]}
  - {id: alliance, name: the Alliance, kind: organisation, aliases: [Alliance]}
  - {id: palace, name: the Palace, kind: organisation, aliases: [Palace], speaks_for: ruritania}
  - {id: ivanova, name: Anna Ivanova, kind: person, aliases: [Anna Ivanova, Ivanova], speaks_for: palace}
families:
  - {id: troops, name: troop movements, aspect: state, context: [troops, forces]}
predicates:
  - {id: pull-back, family: troops, says: is pulling troops back, opposite: build-up, triggers: [withdr*, pull* ... back]}
  - {id: build-up, family: troops, says: is building up troops, opposite: pull-back, triggers: [massing, mov* ... closer]}
cues:
  - {id: said, kind: attribution, phrases: [said, told, insisted]}
  - {id: dispute, kind: dispute, phrases: [dispute, disputes, denied]}
  - {id: ref, kind: reference, phrases: [this claim]}
  - {id: neg, kind: negation, phrases: [not]}
settings: {same_time_days: 7, quantity_tolerance: 0.15, max_gap_words: 4, cue_reach_words: 6, max_pairs_per_claim: 50}
"#;

    fn read(body: &str) -> (Vec<Claim>, RuleSet) {
        let rules = match from_sources(&[RuleSource {
            name: "test.yaml".into(),
            text: PACK.into(),
        }]) {
            Ok((r, _)) => r,
            Err(d) => panic!("test pack: {d:?}"),
        };
        let article = Article {
            id: "t".into(),
            path: "t".into(),
            title: None,
            date: crate::time::parse_iso_date("2024-05-02").ok(),
            date_basis: crate::article::DateBasis::Given,
            source: None,
            url: None,
            case: None,
            body: body.into(),
            line_offset: 0,
        };
        let sentences = crate::sentence::split(body);
        let facts = crate::extract::extract(body, &sentences, &rules);
        (claims_for_article(0, &article, &facts, &rules), rules)
    }

    #[test]
    fn this_claim_disputes_the_claim_before() {
        let (claims, rules) =
            read("Ruritania said its troops were pulling back. The Alliance disputes this claim.");
        assert_eq!(claims.len(), 2);
        assert_eq!(claims[1].stance, Stance::Disputes);
        assert_eq!(claims[1].target.as_deref(), Some(claims[0].id.as_str()));
        assert_eq!(claims[1].subject.id(&rules), "ruritania");
        assert_eq!(
            claims[1].speaker.map(|s| rules.entity_id(s)),
            Some("alliance")
        );
    }

    #[test]
    fn the_withdrawal_refers_to_the_earlier_claims_actor() {
        let (claims, rules) = read(
            "The Alliance said Freedonia was massing troops. Ivanova insisted that the withdrawal is under way.",
        );
        assert_eq!(claims.len(), 2);
        assert_eq!(rules.predicates[claims[1].predicate].id, "pull-back");
        assert_eq!(claims[1].subject.id(&rules), "freedonia");
    }

    #[test]
    fn he_said_resolves_to_the_person_named_before() {
        let (claims, rules) = read(
            "Anna Ivanova spoke on Monday. “We are not withdrawing. Troops are moving closer,” she said.",
        );
        assert_eq!(claims.len(), 2);
        for c in &claims {
            assert_eq!(
                c.speaker.map(|s| rules.entity_id(s)),
                Some("ivanova"),
                "{}",
                c.text
            );
            assert_eq!(
                c.subject.id(&rules),
                "ruritania",
                "a speaker's `we` is her side"
            );
        }
        assert_eq!(claims[0].polarity, Polarity::Negated);
    }

    #[test]
    fn speaker_speaks_for_her_country() {
        let (claims, rules) = read("Ivanova said troops were pulling back.");
        assert_eq!(claims[0].subject.id(&rules), "ruritania");
        let chain: Vec<&str> = rules
            .speaks_for_chain(claims[0].speaker.expect("a speaker"))
            .into_iter()
            .map(|e| rules.entity_id(e))
            .collect();
        assert_eq!(chain, vec!["palace", "ruritania"]);
    }

    #[test]
    fn quote_regions_pair_up() {
        let body = "“One. Two,” he said. \"Three\" and “four";
        let r = quote_regions(body);
        assert_eq!(r.len(), 2);
        assert_eq!(&body[r[0].0..r[0].1], "“One. Two,”");
        assert_eq!(&body[r[1].0..r[1].1], "\"Three\"");
    }

    #[test]
    fn subject_pair_is_ordered() {
        assert_eq!(Subject::pair(3, 1), Subject::Pair(1, 3));
    }
}
