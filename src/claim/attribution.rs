//! Attribution: who speaks in each sentence (a speech or denial cue and the name or pronoun
//! that goes with it), and which part of the sentence is their content.
//!
//! Sentences are attributed one by one in reading order; a quotation that runs over several
//! sentences is handled afterwards, in `quotation`.

use super::discourse::Discourse;
use crate::extract::{CueHit, PronounClass, SentenceFacts, pronouns_in, word_count};
use crate::rules::RuleSet;
use crate::rules::schema::CueKind;

/// Who speaks in a sentence and which part of it is their claim.
#[derive(Debug, Clone, Default)]
pub struct Attribution {
    pub speaker: Option<usize>,
    /// A speaker the pack does not know (set only when `speaker` is `None`).
    pub voice: Option<super::Voice>,
    /// Who else makes the claim ("X and Y said").
    pub also: Vec<super::Speaker>,
    pub speaker_span: Option<(usize, usize)>,
    /// The cue that attributes the sentence, if any.
    pub cue: Option<CueHit>,
    pub content: (usize, usize),
    pub how: String,
}

/// Attributes every sentence of an article, in reading order so pronouns resolve to what
/// came before. A sentence with no mention and no cue is the article's own.
pub(super) fn attribute_sentences(
    body: &str,
    facts: &[SentenceFacts],
    rules: &RuleSet,
) -> Vec<Attribution> {
    let mut d = Discourse::default();
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
    atts
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

/// Whether the speech verb at `cue` stands in a free relative ("judge it on what it
/// announced", "whatever the ministry says"): the phrase is a thing said, named as an
/// object; it attributes nothing else in the sentence.
pub(super) fn in_free_relative(body: &str, lo: usize, cue: usize) -> bool {
    let head = &body[lo..cue];
    let clause = head
        .rsplit([',', ';', ':', '(', '“', '"'])
        .next()
        .unwrap_or(head);
    let words: Vec<&str> = clause.split_whitespace().rev().take(5).collect();
    words
        .iter()
        .position(|w| w.eq_ignore_ascii_case("what") || w.eq_ignore_ascii_case("whatever"))
        .is_some_and(|k| (1..=4).contains(&k))
}

/// Conjunctions that open a subordinate clause (English grammar).
const SUBORDINATORS: &[&str] = &[
    "as", "when", "while", "after", "before", "because", "although", "though", "since", "once",
    "until", "whereas", "whenever",
];

/// Whether every comma-separated part of `lo..hi` that holds a trigger opens with a
/// subordinating conjunction ("as the sides traded accusations, …").
fn fronted_adverbial(body: &str, f: &SentenceFacts, lo: usize, hi: usize) -> bool {
    let mut at = lo;
    let mut any = false;
    for part in body[lo..hi].split(',') {
        let (a, b) = (at, at + part.len());
        at = b + 1;
        if !triggers_in(f, a, b) {
            continue;
        }
        let first = part
            .split(|c: char| !c.is_alphabetic())
            .find(|w| !w.is_empty())
            .unwrap_or("");
        if !SUBORDINATORS.iter().any(|x| first.eq_ignore_ascii_case(x)) {
            return false;
        }
        any = true;
    }
    any
}

fn triggers_in(f: &SentenceFacts, lo: usize, hi: usize) -> bool {
    f.triggers.iter().any(|t| t.start >= lo && t.end <= hi)
}

/// Decides who speaks in a sentence and where the content is.
fn attribute(body: &str, f: &SentenceFacts, d: &Discourse, rules: &RuleSet) -> Attribution {
    let (lo, hi) = f.text;
    let first_cue = f.cues_of(CueKind::Attribution).next().copied();
    for cue in f.cues_of(CueKind::Attribution) {
        if in_free_relative(body, lo, cue.start) {
            continue;
        }
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
            if fronted_adverbial(body, f, lo, span.0) {
                // "In March, as the sides traded accusations, the mayor said …":
                // a subordinate clause before the speaker is the writer's scene, not
                // what the speaker says.
                after
            } else if let Some(end) = set_off {
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
        return named(who, span, *cue, content, how);
    }
    // A named denier ("The ministry has dismissed the report as baseless, insisting …")
    // before a speech verb whose speaker is unknown.
    for cue in f.cues_of(CueKind::Dispute) {
        if let Some((who, span, how)) = disputer(body, f, cue, d, rules) {
            // "Velin called the accusations absurd": what is denied may come before the
            // denial, so the content is all that follows the speaker.
            return named(who, span, *cue, (span.1, hi), how);
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
            voice: None,
            also: Vec::new(),
            speaker_span: None,
            cue: Some(cue),
            content,
            how: format!("cue `{}` names no known speaker", &body[cue.start..cue.end]),
        };
    }
    Attribution {
        speaker: None,
        voice: None,
        also: Vec::new(),
        speaker_span: None,
        cue: None,
        content: (lo, hi),
        how: "no attribution: the article says it".into(),
    }
}

/// A sentence attributed by `cue` to the known speaker `who`, named at `span`.
fn named(
    who: usize,
    span: (usize, usize),
    cue: CueHit,
    content: (usize, usize),
    how: String,
) -> Attribution {
    Attribution {
        speaker: Some(who),
        voice: None,
        also: Vec::new(),
        speaker_span: Some(span),
        cue: Some(cue),
        content,
        how,
    }
}

/// Replaces the attribution of a sentence that may claim with what its parse says (see
/// `voices`): the speakers it names, or none when the text names none. A cue or a name inside
/// quotation marks never attributes the sentence it stands in: without another attribution
/// the sentence is unattributed, its content whole.
pub(super) fn refine(
    att: &mut Attribution,
    f: &SentenceFacts,
    found: Option<super::voices::Found>,
    listener: &super::voices::Listener,
) {
    let quoted_cue = att.cue.is_some_and(|c| listener.is_quoted(c.start));
    let quoted_name = att.speaker_span.is_some_and(|s| listener.is_quoted(s.0));
    // "The United States imposed sanctions, accusing them of …": the speech verb's
    // attribution does not reach a claim before it, nor that of a relative clause one
    // outside it.
    let starts: Vec<usize> = f.triggers.iter().map(|t| t.start).collect();
    let found = found.filter(|fd| fd.covers(&starts));
    match found {
        Some(found) => {
            let mut speakers = found.speakers.into_iter();
            let Some(first) = speakers.next() else {
                return;
            };
            att.speaker = first.entity;
            att.voice = first.entity.is_none().then(|| first.voice());
            att.speaker_span = Some(first.span);
            att.also = speakers
                .map(|h| super::Speaker {
                    entity: h.entity,
                    voice: h.entity.is_none().then(|| h.voice()),
                })
                .collect();
            att.how = found.how;
            if quoted_cue {
                att.content = f.text;
            }
        }
        None if quoted_cue || quoted_name || att.speaker.is_none() => {
            let was = std::mem::take(&mut att.how);
            *att = Attribution {
                content: if quoted_cue { f.text } else { att.content },
                how: if quoted_cue || quoted_name {
                    format!("unattributed: the cue or name is inside a quotation ({was})")
                } else {
                    format!("unattributed: the text names no source ({was})")
                },
                ..Default::default()
            };
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::tests::{Fixture, bundled, id_of};

    /// The attribution of sentence `index`, and the content's words.
    fn attribution_of(body: &str, index: usize) -> (Attribution, String) {
        let fx = Fixture::new(body);
        let atts = attribute_sentences(body, &fx.facts, bundled());
        let att = atts[index].clone();
        let content = body[att.content.0..att.content.1].to_string();
        (att, content)
    }

    /// One sentence's attribution: what it is about, the text and which sentence, then the
    /// speaker's id, how it was found and the content (`None`: not checked).
    struct Case {
        what: &'static str,
        body: &'static str,
        index: usize,
        speaker: &'static str,
        how: Option<&'static str>,
        content: Option<&'static str>,
    }

    const CASES: &[Case] = &[
        Case {
            what: "the speaker before the cue says what follows",
            body: "Ivanova said the brigades were pulling back.",
            index: 0,
            speaker: "ivanova",
            how: Some("named before the cue: `Ivanova`"),
            content: Some(" the brigades were pulling back."),
        },
        Case {
            what: "an attribution set off after the content leaves it first",
            body: "The brigades are heading back to their barracks, Ivanova said.",
            index: 0,
            speaker: "ivanova",
            how: None,
            content: Some("The brigades are heading back to their barracks"),
        },
        Case {
            what: "according to names the speaker after the cue",
            body: "The brigades are withdrawing, according to the League.",
            index: 0,
            speaker: "league",
            how: Some("named after the cue: `League`"),
            content: Some("The brigades are withdrawing, "),
        },
        Case {
            what: "a pronoun before the cue is the last person named",
            body: "Hale arrived late. He said the brigades were withdrawing.",
            index: 1,
            speaker: "hale",
            how: Some("pronoun `He` taken as hale"),
            content: None,
        },
        Case {
            what: "a cue without a known speaker still bounds the content",
            body: "An envoy said the brigades were withdrawing.",
            index: 0,
            speaker: "-",
            how: Some("cue `said` names no known speaker"),
            content: Some(" the brigades were withdrawing."),
        },
        Case {
            what: "a sentence with a name but no cue is the article's",
            body: "League soldiers are withdrawing.",
            index: 0,
            speaker: "-",
            how: Some("no attribution: the article says it"),
            content: Some("League soldiers are withdrawing."),
        },
        Case {
            what: "a named denier speaks and says all after the name",
            body: "The League on Tuesday rejected that the brigades were pulling back.",
            index: 0,
            speaker: "league",
            how: None,
            content: Some(" on Tuesday rejected that the brigades were pulling back."),
        },
    ];

    #[test]
    fn each_sentence_has_its_speaker_and_content() {
        for case in CASES {
            let (att, content) = attribution_of(case.body, case.index);
            assert_eq!(id_of(att.speaker), case.speaker, "{}", case.what);
            if let Some(how) = case.how {
                assert_eq!(att.how, how, "{}", case.what);
            }
            if let Some(want) = case.content {
                assert_eq!(content, want, "{}", case.what);
            }
        }
    }

    #[test]
    fn a_name_in_a_prepositional_phrase_does_not_deny() {
        let body = "The report by the League was dismissed quickly.";
        let fx = Fixture::new(body);
        let f = &fx.facts[0];
        let cue = f.cues_of(CueKind::Dispute).next().copied();
        let cue = cue.unwrap_or_else(|| panic!("no dispute cue"));
        assert!(disputer(body, f, &cue, &Discourse::default(), bundled()).is_none());
    }
}
