//! Extraction: one automaton pass over an article body finds every alias, trigger, context
//! word and cue; each sentence then gets its facts (mentions, triggers, cues, clause breaks).
//!
//! The pass is linear in the body: the Aho-Corasick scan is linear, each candidate's check
//! is bounded by its phrase length and `max_gap_words`, and the per-sentence work below is a
//! sweep over sorted matches.

use crate::rules::schema::CueKind;
use crate::rules::{Owner, PhraseMatch, RuleSet};
use crate::sentence::Sentence;

/// An entity named in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub entity: usize,
    pub phrase: usize,
}

/// A predicate trigger found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TriggerHit {
    pub start: usize,
    pub end: usize,
    pub predicate: usize,
    pub phrase: usize,
}

/// A cue found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueHit {
    pub start: usize,
    pub end: usize,
    pub kind: CueKind,
    pub cue: usize,
    pub phrase: usize,
}

/// What one sentence holds. All offsets are absolute byte offsets into the body.
#[derive(Debug, Clone, Default)]
pub struct SentenceFacts {
    pub span: (usize, usize),
    pub text: (usize, usize),
    pub mentions: Vec<Mention>,
    pub triggers: Vec<TriggerHit>,
    pub cues: Vec<CueHit>,
    /// Context word sets that have a word in this sentence.
    pub contexts: Vec<usize>,
    /// Offsets where a clause ends: punctuation that separates clauses, and scope breaks.
    pub breaks: Vec<usize>,
}

impl SentenceFacts {
    pub fn cues_of(&self, kind: CueKind) -> impl Iterator<Item = &CueHit> {
        self.cues.iter().filter(move |c| c.kind == kind)
    }
    pub fn has_context(&self, set: usize) -> bool {
        self.contexts.binary_search(&set).is_ok()
    }
    /// The clause around `[start, end)`: from the last break at or before `start` to the
    /// first break at or after `end`, clipped to `[lo, hi)`.
    pub fn clause(&self, start: usize, end: usize, lo: usize, hi: usize) -> (usize, usize) {
        // Breaks are sorted: two binary searches.
        let before = self.breaks.partition_point(|&b| b <= start);
        let from = if before > 0 {
            self.breaks[before - 1].max(lo)
        } else {
            lo
        };
        let after = self.breaks.partition_point(|&b| b < end);
        let to = self.breaks.get(after).copied().unwrap_or(hi).min(hi);
        (from, to.max(from))
    }
}

/// Most mentions, triggers and cues kept for one sentence, first ones first. A real
/// sentence has a handful; these caps bound the work per sentence on pathological input
/// (a 5 MB line with no full stop), which keeps every later stage linear in the body.
pub const MAX_MENTIONS: usize = 256;
pub const MAX_TRIGGERS: usize = 64;
pub const MAX_CUES: usize = 256;

/// Keeps the longest of overlapping matches, leftmost first; `span` is a match's (start,
/// end).
fn longest_non_overlapping<T: Copy>(
    mut items: Vec<T>,
    span: impl Fn(&T) -> (usize, usize),
) -> Vec<T> {
    items.sort_by(|a, b| {
        let (a, b) = (span(a), span(b));
        a.0.cmp(&b.0).then(b.1.cmp(&a.1))
    });
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for it in items {
        if let Some(last) = out.last()
            && span(&it).0 < span(last).1
        {
            continue;
        }
        out.push(it);
    }
    out
}

/// Punctuation that ends a clause. Quotation marks do not: a quote often sits inside one.
fn clause_breaks(body: &str, from: usize, to: usize, out: &mut Vec<usize>) {
    for (i, c) in body[from..to].char_indices() {
        if matches!(c, ',' | ';' | ':' | '(' | ')' | '—' | '–') {
            out.push(from + i);
        }
    }
}

/// Runs the phrase automaton over `body` and sorts the matches into sentences.
pub fn extract(body: &str, sentences: &[Sentence], rules: &RuleSet) -> Vec<SentenceFacts> {
    let matches = rules.phrases.find_all(body);
    facts_from_matches(body, sentences, rules, &matches)
}

/// Groups sorted matches by sentence and resolves overlaps within each category.
pub fn facts_from_matches(
    body: &str,
    sentences: &[Sentence],
    rules: &RuleSet,
    matches: &[PhraseMatch],
) -> Vec<SentenceFacts> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut next = 0;
    for s in sentences {
        let raw = sentence_matches(s.span, rules, matches, &mut next);
        out.push(sentence_facts(body, s, raw));
    }
    out
}

/// A sentence's matches sorted by what they belong to, overlaps not yet resolved.
#[derive(Default)]
struct RawMatches {
    aliases: Vec<Mention>,
    triggers: Vec<TriggerHit>,
    cues: Vec<CueHit>,
    /// Context word sets, one per match.
    contexts: Vec<usize>,
}

/// Takes the sorted matches from `*next` on that start before the sentence ends, keeping
/// those inside it.
fn sentence_matches(
    span: (usize, usize),
    rules: &RuleSet,
    matches: &[PhraseMatch],
    next: &mut usize,
) -> RawMatches {
    let mut raw = RawMatches::default();
    while *next < matches.len() && matches[*next].start < span.1 {
        let pm = matches[*next];
        *next += 1;
        // A phrase that runs past the sentence end belongs to no sentence.
        if pm.start < span.0 || pm.end > span.1 {
            continue;
        }
        let (start, end, phrase) = (pm.start, pm.end, pm.phrase);
        match rules.phrases.phrases[phrase].owner {
            Owner::Alias(entity) => raw.aliases.push(Mention {
                start,
                end,
                entity,
                phrase,
            }),
            Owner::Trigger(predicate) => raw.triggers.push(TriggerHit {
                start,
                end,
                predicate,
                phrase,
            }),
            Owner::Context(set) => raw.contexts.push(set),
            Owner::Cue(cue) => raw.cues.push(CueHit {
                start,
                end,
                kind: rules.cues[cue].kind,
                cue,
                phrase,
            }),
        }
    }
    raw
}

/// One sentence's facts: overlaps resolved, each list capped, cues that other words take
/// over dropped, and the clause breaks.
fn sentence_facts(body: &str, s: &Sentence, raw: RawMatches) -> SentenceFacts {
    let mut facts = SentenceFacts {
        span: s.span,
        text: s.text,
        contexts: raw.contexts,
        ..Default::default()
    };
    // A sentence with nothing but context words is done; its context sets stay in match
    // order, not sorted and deduplicated as below.
    if raw.aliases.is_empty() && raw.triggers.is_empty() && raw.cues.is_empty() {
        return facts;
    }
    facts.mentions = longest_non_overlapping(raw.aliases, |m| (m.start, m.end));
    facts.triggers = longest_non_overlapping(raw.triggers, |t| (t.start, t.end));
    let mut cues = cues_by_kind(raw.cues);
    // Both taken before the caps and the name filter below.
    let disputes: Vec<(usize, usize)> = cues
        .iter()
        .filter(|c| c.kind == CueKind::Dispute)
        .map(|c| (c.start, c.end))
        .collect();
    let triggers_spans: Vec<(usize, usize)> =
        facts.triggers.iter().map(|t| (t.start, t.end)).collect();
    facts.mentions.truncate(MAX_MENTIONS);
    facts.triggers.truncate(MAX_TRIGGERS);
    drop_inside_names(&facts.mentions, &mut facts.triggers, &mut cues);
    drop_taken_over_cues(&mut cues, &facts.triggers, &disputes, &triggers_spans);
    cues.sort_by_key(|c| (c.start, c.end, c.kind));
    cues.truncate(MAX_CUES);
    facts.cues = cues;
    facts.contexts.sort_unstable();
    facts.contexts.dedup();
    clause_breaks(body, s.text.0, s.text.1, &mut facts.breaks);
    let breaking = scope_breaks(body, &facts.cues);
    facts.breaks.extend(breaking);
    facts.breaks.sort_unstable();
    facts
}

/// Where the scope-break cues cut a clause. A break inside a longer cue ("not yet verified"
/// as a dispute) or right after a negation ("not yet confirmed") belongs to it and cuts
/// nothing.
fn scope_breaks(body: &str, cues: &[CueHit]) -> Vec<usize> {
    let belongs = |b: &CueHit| {
        cues.iter().any(|c| {
            let inside = c.kind != CueKind::ScopeBreak && c.start <= b.start && b.end <= c.end;
            let after_negation = c.kind == CueKind::Negation
                && c.end <= b.start
                && body
                    .get(c.end..b.start)
                    .is_some_and(|gap| gap.trim().is_empty());
            inside || after_negation
        })
    };
    cues.iter()
        .filter(|c| c.kind == CueKind::ScopeBreak && !belongs(c))
        .map(|c| c.start)
        .collect()
}

/// Cues overlap across kinds ("no sign of" is a dispute; its "no" is not a negation of its
/// own), so overlaps are resolved within a kind, kinds in order.
fn cues_by_kind(mut cues: Vec<CueHit>) -> Vec<CueHit> {
    let mut by_kind: Vec<CueHit> = Vec::new();
    cues.sort_by_key(|c| c.kind);
    for chunk in cues.chunk_by(|a, b| a.kind == b.kind) {
        by_kind.extend(longest_non_overlapping(chunk.to_vec(), |c| {
            (c.start, c.end)
        }));
    }
    by_kind
}

/// Words inside a name are part of the name: "Union" in "European Union" is no cue.
fn drop_inside_names(mentions: &[Mention], triggers: &mut Vec<TriggerHit>, cues: &mut Vec<CueHit>) {
    let names: Vec<(usize, usize)> = mentions.iter().map(|m| (m.start, m.end)).collect();
    // Names do not overlap, so only the last one starting at or before `s` can hold it.
    let in_name = |s: usize, e: usize| {
        let k = names.partition_point(|&(ns, _)| ns <= s);
        k > 0 && e <= names[k - 1].1
    };
    triggers.retain(|t| !in_name(t.start, t.end));
    cues.retain(|c| !in_name(c.start, c.end));
}

/// Drops the cues whose words other matches take over: a speech verb that starts a trigger,
/// and a negation inside a dispute cue or a trigger (`disputes` and `trigger_spans` as
/// they were before any was dropped).
fn drop_taken_over_cues(
    cues: &mut Vec<CueHit>,
    triggers: &[TriggerHit],
    disputes: &[(usize, usize)],
    trigger_spans: &[(usize, usize)],
) {
    // A word that starts a trigger is read as the trigger, not as a speech verb:
    // "the army had added 7,000 troops" adds troops; it does not add a remark.
    let trigger_starts: Vec<usize> = triggers.iter().map(|t| t.start).collect();
    cues.retain(|c| {
        c.kind != CueKind::Attribution || trigger_starts.binary_search(&c.start).is_err()
    });
    cues.retain(|c| {
        let inside = |spans: &[(usize, usize)]| {
            spans
                .iter()
                .any(|&(s, e)| c.start >= s && c.end <= e && (s, e) != (c.start, c.end))
        };
        match c.kind {
            CueKind::Negation => !inside(disputes) && !inside(trigger_spans),
            _ => true,
        }
    });
}

/// Whether an article's matches can yield any claim: a trigger whose family needs no
/// context word, or one with a context word of its set in its sentence or a neighbouring
/// one (the same rule `claim` applies). Every claim needs such a trigger, or an earlier
/// claim to refer back to, so an article without one is done after its scan.
pub fn may_claim(matches: &[PhraseMatch], sentences: &[Sentence], rules: &RuleSet) -> bool {
    may_claim_in_units(matches, rules, |at| {
        sentences.partition_point(|s| s.span.1 <= at)
    })
}

/// The same test at the level of paragraphs (text between blank lines), before sentences are
/// split. A sentence never runs across a blank line, so a trigger's neighbouring sentences
/// lie within its own and the adjacent paragraphs: when this says no, `may_claim` would too.
pub fn may_claim_by_paragraph(matches: &[PhraseMatch], body: &str, rules: &RuleSet) -> bool {
    let bytes = body.as_bytes();
    let mut breaks: Vec<usize> = Vec::new();
    for at in memchr::memchr_iter(b'\n', bytes) {
        let mut j = at + 1;
        while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
            j += 1;
        }
        if bytes.get(j) == Some(&b'\n') {
            breaks.push(j);
        }
    }
    may_claim_in_units(matches, rules, |at| breaks.partition_point(|&b| b < at))
}

/// Whether some trigger has a context word of its set in its own unit or a neighbouring
/// one; `unit_of` numbers the units (sentences or paragraphs) by byte offset.
fn may_claim_in_units(
    matches: &[PhraseMatch],
    rules: &RuleSet,
    unit_of: impl Fn(usize) -> usize,
) -> bool {
    let mut contexts: Vec<(usize, usize)> = Vec::new(); // (unit, set)
    let mut needs: Vec<(usize, usize)> = Vec::new();
    for m in matches {
        match rules.phrases.phrases[m.phrase].owner {
            Owner::Trigger(p) => match rules.predicates[p].context {
                None => return true,
                Some(set) => needs.push((unit_of(m.start), set)),
            },
            Owner::Context(set) => contexts.push((unit_of(m.start), set)),
            _ => {}
        }
    }
    contexts.sort_unstable();
    needs.iter().any(|&(at, set)| {
        (at.saturating_sub(1)..=at + 1).any(|u| contexts.binary_search(&(u, set)).is_ok())
    })
}

/// Counts the words in `text`, up to `WORD_COUNT_CAP`. Callers only ask whether a few
/// words stand between two places, so counting stops early (and reads at most 4 KB): this
/// keeps every such question bounded however long a sentence is.
pub const WORD_COUNT_CAP: usize = 64;

pub fn word_count(text: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        if i > 4096 || n >= WORD_COUNT_CAP {
            return n.max(WORD_COUNT_CAP);
        }
        let w = c.is_alphanumeric();
        if w && !in_word {
            n += 1;
        }
        in_word = w;
    }
    n
}

/// A pronoun and what it may stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PronounClass {
    /// I, we, me, us, our: the speaker.
    Speaker,
    /// he, she, him, her, his.
    Person,
    /// it, its, they, their, them.
    Thing,
}

/// The class of a pronoun; pronouns are grammar, not news knowledge, so they live here.
pub fn pronoun_class(word: &str) -> Option<PronounClass> {
    Some(match short_lower(word)?.as_str() {
        "i" | "we" | "me" | "us" | "our" | "my" => {
            // A two-letter word in capitals is an acronym, not the pronoun "us".
            if word.len() == 2 && word.bytes().all(|b| b.is_ascii_uppercase()) {
                return None;
            }
            PronounClass::Speaker
        }
        "he" | "she" | "him" | "her" | "his" => PronounClass::Person,
        "it" | "its" | "they" | "their" | "them" => PronounClass::Thing,
        _ => return None,
    })
}

/// Whether a pronoun can be the subject of a verb ("he", "they"), not a possessive or an
/// object ("its", "them").
pub fn is_subject_pronoun(word: &str) -> bool {
    short_lower(word)
        .is_some_and(|w| matches!(w.as_str(), "he" | "she" | "it" | "they" | "we" | "i"))
}

/// A word of at most five ASCII bytes (every pronoun is one), lower-cased on the stack:
/// pronouns are looked for in every word before a cue, and most words are longer.
fn short_lower(word: &str) -> Option<ShortWord> {
    let b = word.as_bytes();
    if b.len() > 5 || !b.is_ascii() {
        return None;
    }
    let mut bytes = [0u8; 5];
    bytes[..b.len()].copy_from_slice(b);
    bytes.make_ascii_lowercase();
    Some(ShortWord {
        bytes,
        len: b.len(),
    })
}

struct ShortWord {
    bytes: [u8; 5],
    len: usize,
}

impl ShortWord {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

/// How far before a word pronouns are looked for, in bytes: a pronoun further back in the
/// same clause is not the one that governs it, and the bound keeps the scan per word short.
pub const PRONOUN_WINDOW: usize = 400;

/// Every pronoun in `[lo, hi)` (its last `PRONOUN_WINDOW` bytes), with its start offset.
pub fn pronouns_in(body: &str, lo: usize, hi: usize) -> Vec<(usize, usize, PronounClass)> {
    let mut out = Vec::new();
    let mut lo = lo.max(hi.saturating_sub(PRONOUN_WINDOW));
    while !body.is_char_boundary(lo) {
        lo += 1;
    }
    let text = &body[lo..hi];
    let mut start: Option<usize> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphabetic() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            let next_is_apostrophe_s = text[i..].starts_with("'s") || text[i..].starts_with("’s");
            if !next_is_apostrophe_s && let Some(class) = pronoun_class(&text[s..i]) {
                out.push((lo + s, lo + i, class));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pronouns_are_found_with_classes() {
        let body = "He said we and it, but the US and its allies.";
        let p = pronouns_in(body, 0, body.len());
        let classes: Vec<PronounClass> = p.iter().map(|x| x.2).collect();
        assert_eq!(
            classes,
            vec![
                PronounClass::Person,
                PronounClass::Speaker,
                PronounClass::Thing,
                PronounClass::Thing
            ]
        );
    }

    /// The facts of a one-sentence text read with the bundled pack.
    fn facts_of(body: &str) -> SentenceFacts {
        let rules = crate::rules::with_invented_entities();
        let sentences = crate::sentence::split(body);
        let mut facts = extract(body, &sentences, rules);
        assert_eq!(facts.len(), 1);
        facts.remove(0)
    }

    fn kinds(f: &SentenceFacts) -> Vec<CueKind> {
        f.cues.iter().map(|c| c.kind).collect()
    }

    #[test]
    fn a_word_that_starts_a_trigger_is_no_speech_verb() {
        let f = facts_of("The army added 500 troops.");
        assert_eq!(f.triggers.len(), 1);
        assert!(!kinds(&f).contains(&CueKind::Attribution));
    }

    #[test]
    fn a_negation_inside_a_dispute_cue_is_dropped() {
        let body = "The League saw no sign of a pullback, but Ruritania said nothing.";
        let f = facts_of(body);
        assert_eq!(
            kinds(&f),
            vec![CueKind::Dispute, CueKind::ScopeBreak, CueKind::Attribution]
        );
        let at = |w: &str| body.find(w).unwrap_or(0);
        assert_eq!(f.breaks, vec![at(", but"), at("but")]);
        assert_eq!(f.mentions.len(), 2);
    }

    #[test]
    fn words_are_counted() {
        assert_eq!(word_count("hundreds of miles"), 3);
        assert_eq!(word_count(" “sweeping efforts” "), 2);
    }
}
