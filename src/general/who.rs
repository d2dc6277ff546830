//! Who a noun phrase names for a general claim: a pack entity, a proper name, a titled
//! person, a person or thing named before for a pronoun, or an unnamed voice ("officials").

use super::{Context, SentenceAt};
use crate::claim::{Voice, VoiceKind};
use crate::lexicon::Lexicon;
use crate::lexicon::schema::Pos;
use crate::names::NameKind;
use crate::parse::Parse;
use crate::tags::Upos;
use serde::{Deserialize, Serialize};

/// Whom a general claim is about, or who says it, before it is placed among entities.
/// Its serde form travels on claim lines (`shard::lines`); a pack entity by its index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Who {
    /// An entity of the pack (its root, for subjects).
    Pack(usize),
    /// A proper name nobody listed: the full name, the same across the corpus.
    Name { key: String, kind: NameKind },
    /// A definite common noun ("the meeting", "antibiotics"), by its lemma.
    Thing { key: String },
}

/// Whom a noun phrase names: a pack entity mentioned in it, a proper name, a person
/// named before for "he"/"she", or a definite common noun. `None` for what cannot be
/// told apart across articles ("a man", "it", "this").
pub(super) fn who_of(s: &SentenceAt, phrase: usize, cx: &Context, subject: bool) -> Option<Who> {
    let p = s.parse;
    let ph = &p.phrases[phrase];
    // Only a name that covers the phrase's head names what the phrase is about: in "a
    // Ruritanian spacecraft" the country is a modifier, the spacecraft the subject.
    // "Secretary of State Anna Berg": a capitalised title and its "of" phrase stand
    // before a person's name, and the phrase is about the person.
    let heads = std::iter::once(ph.head).chain(titled_person(p, phrase));
    for h in heads {
        let (start, end) = (p.words[h].start, p.words[h].end);
        if let Some(&(_, _, e)) = cx.mentions.iter().find(|&&(a, b, _)| a < end && start < b) {
            return Some(Who::Pack(if subject { cx.rules.root(e) } else { e }));
        }
        if let Some(n) = s.names.iter().find(|n| {
            n.mentions
                .iter()
                .any(|&(si, a, b)| si == s.index && a < end && start < b)
        }) {
            return Some(Who::Name {
                key: n.key.clone(),
                kind: n.kind,
            });
        }
    }
    let start = p.words[ph.head].start;
    let head = &p.words[ph.head];
    match head.upos {
        Upos::Pron => thing_before(s, ph.head, &head.lemma, cx)
            .or_else(|| person_before(s, start, &head.lemma)),
        Upos::Noun => {
            let det = &p.words[ph.first];
            let definite = det.upos != Upos::Det || det.lemma == "the";
            (definite && !ph.negative).then(|| Who::Thing {
                key: thing_key(cx.lexicon, head),
            })
        }
        _ => None,
    }
}

/// The head of the proper-noun phrase after "of" when noun phrase `phrase` is a
/// capitalised common noun, a title ("Secretary of State Anna Berg", "Minister of Health
/// Lena Marsh"): the person it names.
fn titled_person(p: &Parse, phrase: usize) -> Option<usize> {
    let ph = &p.phrases[phrase];
    let head = &p.words[ph.head];
    let capital = head.text.starts_with(|c: char| c.is_uppercase());
    if head.upos != Upos::Noun
        || !capital
        || !p.words.get(ph.last + 1)?.text.eq_ignore_ascii_case("of")
    {
        return None;
    }
    let after = p.phrase_at(ph.last + 2)?;
    let next = &p.phrases[after];
    let names_one = p.words[next.first..=next.last]
        .iter()
        .all(|w| w.upos == Upos::Propn && w.text.starts_with(|c: char| c.is_uppercase()));
    (next.first == ph.last + 2 && names_one && next.last > next.first).then_some(next.head)
}

/// A reporting verb's subject that names nobody but is someone ("a satirical website",
/// "a spokesperson", "a new study"): a source or a document as the pack's words call its
/// noun.
pub(super) fn unnamed_voice(p: &Parse, phrase: usize, cx: &Context) -> Option<Voice> {
    let ph = &p.phrases[phrase];
    let head = &p.words[ph.head];
    if head.upos != Upos::Noun || ph.negative {
        return None;
    }
    // Only a noun the pack's words list as speaking without a name: a misread subject
    // ("knocked out by a massive electric shock, now claims") must not become a speaker.
    let words = &cx.rules.words;
    let kind = if words.is_document(&head.lemma) || words.is_document(head.text) {
        VoiceKind::Document
    } else if words.is_source(&head.lemma) || words.is_source(head.text) {
        VoiceKind::Unnamed
    } else {
        return None;
    };
    Some(Voice {
        name: p.phrase_text(phrase),
        kind,
    })
}

/// "he" or "she": the person last named before `at` in the article; "it": the
/// organisation last named.
/// "The last conversation was on Saturday, and it lasted an hour": an "it" after a
/// clause of its sentence whose subject is a definite common noun in the singular is that
/// thing. An organisation's noun ("the company said it") is left to the name it stands
/// for.
fn thing_before(s: &SentenceAt, word: usize, pronoun: &str, cx: &Context) -> Option<Who> {
    let p = s.parse;
    if pronoun != "it" {
        return None;
    }
    let c = &p.clauses[antecedent_clause(p, word)?];
    let &[ph] = c.subject.as_slice() else {
        return None;
    };
    let (np, head) = (&p.phrases[ph], &p.words[p.phrases[ph].head]);
    let det = &p.words[np.first];
    let definite = det.upos == Upos::Det && det.lemma == "the";
    let singular = head.upos == Upos::Noun && head.lemma.eq_ignore_ascii_case(head.text);
    let organisation = cx
        .names
        .organisation
        .iter()
        .any(|o| o.eq_ignore_ascii_case(head.text));
    (definite && singular && !organisation).then(|| Who::Thing {
        key: thing_key(cx.lexicon, head),
    })
}

/// The clause before word `word` of the sentence whose subject an "it" at `word` may
/// stand for: the last one with a subject of its own that ends before it.
pub(super) fn antecedent_clause(p: &Parse, word: usize) -> Option<usize> {
    p.clauses
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.subject_inherited && c.verb.last < word)
        .rfind(|(_, c)| c.subject.iter().all(|&ph| p.phrases[ph].last < word))
        .map(|(i, _)| i)
}

/// The key of a thing a common noun names: the first word of the lexicon's noun synonym
/// set it is in, by its lemma or its written form ("talks", "meeting" → the set's first;
/// "the conversation" and "the call" are one thing when the lexicon says they are the
/// same), else its lemma.
pub(super) fn thing_key(lex: &Lexicon, head: &crate::parse::Word) -> String {
    let lemma = head.lemma.to_lowercase();
    [lemma.as_str(), &head.text.to_lowercase()]
        .iter()
        .find_map(|w| {
            lex.synsets(w, Pos::Noun)
                .first()
                .and_then(|set| set.words.first().cloned())
        })
        .unwrap_or(lemma)
}

fn person_before(s: &SentenceAt, at: usize, pronoun: &str) -> Option<Who> {
    let kinds: &[NameKind] = match pronoun {
        "he" | "she" => &[NameKind::Person],
        "it" => &[NameKind::Organisation, NameKind::Unknown],
        _ => return None,
    };
    // "she" is not a man a title named ("Mr.", "spokesman"), nor "he" a woman.
    let other = match pronoun {
        "he" => Some(crate::names::Gender::Female),
        "she" => Some(crate::names::Gender::Male),
        _ => None,
    };
    s.names
        .iter()
        .filter(|n| kinds.contains(&n.kind) && (other.is_none() || n.gender != other))
        .filter_map(|n| {
            let last = n
                .mentions
                .iter()
                .filter(|&&(si, a, _)| si < s.index || (si == s.index && a < at))
                .map(|&(si, a, _)| (si, a))
                .max()?;
            Some((last, n))
        })
        .max_by_key(|(last, _)| *last)
        .map(|(_, n)| Who::Name {
            key: n.key.clone(),
            kind: n.kind,
        })
}
