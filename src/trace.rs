//! Trace: shows, step by step, how a text becomes claims, or why it does not. It answers
//! "why didn't my rule fire?" with every match, its rule's file:line, and each decision.

use crate::article::Article;
use crate::claim::{Claim, Reading, read_article};
use crate::extract::{SentenceFacts, extract};
use crate::general::{self, SentenceReading};
use crate::lexicon::Lexicon;
use crate::rules::{Owner, PhraseMatch, RuleSet};
use crate::sentence::split;

/// Renders the trace of `article` as plain text; with a lexicon, the language layer's
/// reading of every sentence that gave no beat claim too (its parse, what each clause
/// proposes and why it made no claim, and the general claims).
pub fn trace(article: &Article, rules: &RuleSet, lexicon: Option<&Lexicon>) -> String {
    let body = article.body.as_str();
    let mut out = String::new();
    let date = article
        .info
        .date
        .map(|d| d.to_string())
        .unwrap_or_else(|| "none (times are not resolved)".into());
    out.push_str(&format!("article date: {date}\n"));
    let sentences = split(body);
    let facts = extract(body, &sentences, rules);
    let all = rules.phrases.find_all(body);
    let reading = read_article(0, article, &facts, rules);
    let layer = lexicon.map(|lx| language_layer(article, &facts, &all, &reading, rules, lx));
    for (n, f) in facts.iter().enumerate() {
        let text = &body[f.text.0..f.text.1];
        out.push_str(&format!(
            "\nsentence {} [{}..{}]: {}\n",
            n + 1,
            f.text.0,
            f.text.1,
            text
        ));
        matches(&mut out, f, &all, body, rules);
        times(&mut out, text, article);
        skipped(&mut out, f, &reading, body);
        for c in reading.claims.iter().filter(|c| c.span == f.text) {
            claim(&mut out, c, rules, "claim");
        }
        if let Some(layer) = &layer {
            layer.sentence(&mut out, f.text);
        }
    }
    out
}

/// What the language layer made of an article: its readings and general claims, with the
/// rule set extended by the entities and relations they found.
struct Layer {
    readings: Vec<SentenceReading>,
    claims: Vec<Claim>,
    rules: Option<RuleSet>,
}

fn language_layer(
    article: &Article,
    facts: &[SentenceFacts],
    all: &[PhraseMatch],
    reading: &Reading,
    rules: &RuleSet,
    lexicon: &Lexicon,
) -> Layer {
    let spans: Vec<(usize, usize)> = facts.iter().map(|f| f.text).collect();
    let beat = &reading.claims;
    let (mut claims, readings) = general::Context::of_article(rules, lexicon, all, beat, |cx| {
        general::trace_article(article, &spans, cx)
    });
    let rules = general::resolve(&mut claims, rules);
    Layer {
        readings,
        claims,
        rules,
    }
}

impl Layer {
    /// The sentence at `span` as the language layer read it, and its general claims.
    fn sentence(&self, out: &mut String, span: (usize, usize)) {
        let Some(r) = self.readings.iter().find(|r| r.span == span) else {
            return;
        };
        if let Some(why) = r.unread {
            out.push_str(&format!("  language layer: not read: {why}\n"));
            return;
        }
        out.push_str("  language layer:\n");
        for line in r.parse.lines() {
            out.push_str(&format!("    {line}\n"));
        }
        for (relation, why) in &r.propositions {
            match why {
                Some(why) => out.push_str(&format!("    `{relation}`: no claim: {why}\n")),
                None => out.push_str(&format!("    `{relation}`: a general claim\n")),
            }
        }
        let Some(rules) = &self.rules else {
            return;
        };
        for c in self.claims.iter().filter(|c| c.span == span) {
            claim(out, c, rules, "general claim");
        }
    }
}

/// Every phrase of the pack that matches inside the sentence, what it is, where its rule
/// stands, and whether a longer match dropped it.
fn matches(out: &mut String, f: &SentenceFacts, all: &[PhraseMatch], body: &str, rules: &RuleSet) {
    let here: Vec<_> = all
        .iter()
        .filter(|m| m.start >= f.span.0 && m.end <= f.span.1)
        .collect();
    if here.is_empty() {
        out.push_str("  no phrase of the rule pack matches\n");
    }
    for m in here {
        let p = &rules.phrases.phrases[m.phrase];
        let what = match p.owner {
            Owner::Alias(e) => format!("alias of {}", rules.entities[e].id),
            Owner::Trigger(pr) => format!("trigger of {}", rules.predicates[pr].id),
            Owner::Context(_) => "context word".to_string(),
            Owner::Cue(c) => {
                format!("{:?} cue ({})", rules.cues[c].kind, rules.cues[c].id).to_lowercase()
            }
        };
        let same = |start: usize, end: usize, phrase: usize| {
            start == m.start && end == m.end && phrase == m.phrase
        };
        let kept = match p.owner {
            Owner::Alias(_) => f.mentions.iter().any(|x| same(x.start, x.end, x.phrase)),
            Owner::Trigger(_) => f.triggers.iter().any(|x| same(x.start, x.end, x.phrase)),
            Owner::Cue(_) => f.cues.iter().any(|x| same(x.start, x.end, x.phrase)),
            Owner::Context(_) => true,
        };
        let note = if kept {
            ""
        } else {
            "  (dropped: inside a longer match)"
        };
        let via = p
            .via
            .as_ref()
            .map(|v| format!(" ({v})"))
            .unwrap_or_default();
        out.push_str(&format!(
            "  match {:>4}..{:<4} `{}` {what} — rule `{}`{via} at {}{note}\n",
            m.start,
            m.end,
            &body[m.start..m.end],
            p.written,
            p.origin
        ));
    }
}

/// The times the sentence mentions, resolved against the article's date.
fn times(out: &mut String, text: &str, article: &Article) {
    for t in crate::time::find_times(text, article.info.date) {
        let span = t
            .span
            .map(|(a, b)| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}..{b}")
                }
            })
            .unwrap_or_else(|| "unresolved".into());
        out.push_str(&format!("  time `{}` -> {span}\n", t.text));
    }
}

/// The triggers in the sentence that made no claim, and why.
fn skipped(out: &mut String, f: &SentenceFacts, reading: &Reading, body: &str) {
    for (at, why) in reading
        .skipped
        .iter()
        .filter(|(at, _)| *at >= f.span.0 && *at < f.span.1)
    {
        let t = f.triggers.iter().find(|t| t.start == *at);
        let word = t.map(|t| &body[t.start..t.end]).unwrap_or("");
        out.push_str(&format!("  no claim from `{word}`: {why}\n"));
    }
}

/// One claim of the sentence with every field and the reasons behind it.
fn claim(out: &mut String, c: &Claim, rules: &RuleSet, label: &str) {
    out.push_str(&format!("  {label} {}\n", c.id));
    // A speaker of the pack by id; one the text names without a name by its words.
    let speaker = match (c.speaker, &c.voice) {
        (Some(s), _) => rules.entity_id(s).to_string(),
        (None, Some(v)) => format!("`{}` ({:?}, heard through the outlet)", v.name, v.kind),
        (None, None) => "(the article)".into(),
    };
    out.push_str(&format!(
        "    speaker {speaker} · subject {} · predicate {} · {:?} · {:?} · {:?}\n",
        c.subject.id(rules),
        rules.predicates[c.predicate].id,
        c.polarity,
        c.stance,
        c.modality
    ));
    if let Some(q) = &c.quantity {
        out.push_str(&format!(
            "    quantity {} = {} {} ({:?})\n",
            q.text, q.value, q.unit, q.bound
        ));
    }
    let when = c
        .when
        .as_ref()
        .map(|w| format!("{} ({:?})", w.label(), w.basis))
        .unwrap_or_else(|| "undated".into());
    out.push_str(&format!("    when {when}\n"));
    if let Some(t) = &c.target {
        out.push_str(&format!("    disputes {t}\n"));
    }
    for r in &c.reasons {
        out.push_str(&format!("    because {r}\n"));
    }
}
