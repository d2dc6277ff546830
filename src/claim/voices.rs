//! Voices: who speaks in a sentence, read from its parse (the language layer) — the
//! subject of a speech verb ("X said", "X and Y dispute"), the name after an inverted verb
//! ("…, said X") or "according to", a name set off by commas ("the envoy, X, said"), a
//! nameless source ("a senior intelligence official") or a document ("the report says").
//!
//! Names inside quotation marks, possessors ("drivers at X's depot") and objects ("accusing
//! X of") never speak: only the subject of the speech verb does, and a speech verb inside a
//! quotation is the quoted person's words, not an attribution. A sentence without its own
//! attribution inside a quotation, or a pronoun ("he said"), looks back a few sentences.
//! What the words of a phrase are (titles, sources, documents, organisations) comes from the
//! pack's `words` section.

use crate::extract::{PronounClass, SentenceFacts, pronoun_class};
use crate::parse::{Form, Parse, Reader};
use crate::rules::RuleSet;
use crate::rules::schema::CueKind;
use crate::tags::Upos;
use std::collections::HashMap;

use super::{Voice, VoiceKind};

mod naming;
mod segment;

/// How far back a pronoun or a follow-on quotation looks for its speaker, in sentences.
const LOOK_BACK: usize = 6;

/// One speaker found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heard {
    /// The words that name it in the sentence (for a pronoun, the pronoun).
    pub span: (usize, usize),
    /// Its name: the full name of a person (titles dropped, a surname completed from
    /// earlier in the article), or the phrase of a source or document as written.
    pub name: String,
    pub kind: VoiceKind,
    /// The pack's entity, when one of its aliases names the speaker.
    pub entity: Option<usize>,
}

/// Who speaks in one sentence, and how that was found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub speakers: Vec<Heard>,
    pub how: String,
    /// The speech verb or "according to" that attributes the sentence.
    pub cue: Option<(usize, usize)>,
    /// The attribution covers only what follows the cue ("…, accusing them of …").
    pub after_only: bool,
}

/// Parses sentences on demand and remembers what each sentence says of its speaker.
pub struct Listener<'a> {
    body: &'a str,
    facts: &'a [SentenceFacts],
    rules: &'a RuleSet,
    /// Quoted regions, found on first use: most articles make no claim and never ask.
    quotes: std::cell::OnceCell<Vec<(usize, usize)>>,
    reader: Reader,
    own: HashMap<usize, Option<Found>>,
    /// The cue each sentence's first reading chose, tried first: of several speech verbs,
    /// the one that governs the claim ("X rejected a report that accused Y of …").
    prefer: HashMap<usize, usize>,
}

impl<'a> Listener<'a> {
    pub fn new(body: &'a str, facts: &'a [SentenceFacts], rules: &'a RuleSet) -> Listener<'a> {
        Listener {
            body,
            facts,
            rules,
            quotes: std::cell::OnceCell::new(),
            reader: Reader::default(),
            own: HashMap::new(),
            prefer: HashMap::new(),
        }
    }

    /// Whether byte `at` stands inside quotation marks.
    pub fn is_quoted(&self, at: usize) -> bool {
        self.quoted(at)
    }

    fn quotes(&self) -> &[(usize, usize)] {
        self.quotes
            .get_or_init(|| super::quotation::quote_regions(self.body))
    }

    fn quoted(&self, at: usize) -> bool {
        let quotes = self.quotes();
        let i = quotes.partition_point(|q| q.0 <= at);
        i > 0 && at < quotes[i - 1].1
    }

    /// Who speaks in sentence `i`: its own attribution with pronouns resolved, else the
    /// speaker of the quotation it continues. `None` when the text names no source.
    pub fn speakers(&mut self, i: usize, prefer: Option<usize>) -> Option<Found> {
        if let Some(at) = prefer {
            self.prefer.insert(i, at);
        }
        match self.own(i) {
            Some(_) => self.attributed(i),
            None => self.follow_on(i),
        }
    }

    /// The sentence's own attribution, parsed once.
    fn own(&mut self, i: usize) -> Option<Found> {
        if let Some(f) = self.own.get(&i) {
            return f.clone();
        }
        let f = &self.facts[i];
        let parse = self.reader.read(self.body, f.text.0, f.text.1);
        let found = self
            .by_cues(&parse, f, self.prefer.get(&i).copied())
            .or_else(|| self.by_label(&parse, f));
        self.own.insert(i, found.clone());
        found
    }

    /// A speech verb or "according to" outside quotation marks, and its speaker; or the
    /// clause before a colon that opens a quotation ("X put it bluntly: “…”").
    fn by_cues(&self, p: &Parse, f: &SentenceFacts, prefer: Option<usize>) -> Option<Found> {
        let mut cues: Vec<&crate::extract::CueHit> = f
            .cues
            .iter()
            .filter(|c| matches!(c.kind, CueKind::Attribution | CueKind::Dispute))
            .filter(|c| !self.quoted(c.start))
            .collect();
        cues.sort_by_key(|c| (Some(c.start) != prefer, c.start));
        for cue in cues {
            let Some(w) = p.word_at_offset(cue.start) else {
                continue;
            };
            // A dispute cue speaks only as a verb ("denied", "rejected"), not as "baseless";
            // a passive one ("could be announced") names no speaker before it.
            if cue.kind == CueKind::Dispute && p.words[w].upos != Upos::Verb
                || w > 0 && p.words[w - 1].lemma == "be"
            {
                continue;
            }
            let according = self.rules.phrases.phrases[cue.phrase]
                .written
                .starts_with("according");
            let segment = if according {
                let end = p.word_at_offset(cue.end.saturating_sub(1)).unwrap_or(w);
                self.after(p, end)
            } else {
                self.speaking(p, w)
            };
            if let Some(mut found) =
                segment.and_then(|(a, b)| self.found(p, a, b, f, cue.start, cue.end))
            {
                found.after_only = !according
                    && w > 0
                    && p.words[w].form == Form::Gerund
                    && p.words[w - 1].text == ",";
                return Some(found);
            }
        }
        self.before_colon(p, f)
    }

    /// The speakers in words `a..=b` (one per coordinated part), as a finding.
    fn found(
        &self,
        p: &Parse,
        a: usize,
        b: usize,
        f: &SentenceFacts,
        cue_start: usize,
        cue_end: usize,
    ) -> Option<Found> {
        let mut parts: Vec<(usize, usize)> = Vec::new();
        let mut from = a;
        for k in a..=b {
            if p.words[k].lemma == "and" && p.words[k].upos == Upos::Cconj {
                if k > from {
                    parts.push((from, k - 1));
                }
                from = k + 1;
            }
        }
        if from <= b {
            parts.push((from, b));
        }
        let speakers: Vec<Heard> = parts
            .into_iter()
            .filter_map(|(x, y)| self.heard(p, x, y, f))
            .collect();
        if speakers.is_empty() {
            return None;
        }
        let names: Vec<&str> = speakers.iter().map(|h| h.name.as_str()).collect();
        Some(Found {
            how: format!(
                "the parse: {} speaks through `{}`",
                names.join(" and "),
                &self.body[cue_start..cue_end]
            ),
            cue: Some((cue_start, cue_end)),
            after_only: false,
            speakers,
        })
    }

    /// Pronouns and "the minister" resolved to the speaker or person named before them.
    fn resolve(&mut self, i: usize, found: &mut Found) {
        for h in found.speakers.iter_mut().filter(|h| is_pronoun(h)) {
            let person = h.kind == VoiceKind::Person;
            let back: Vec<usize> = (i.saturating_sub(LOOK_BACK)..i).rev().collect();
            // The last speaker of its kind first, then the last person named.
            let speaker = back.iter().find_map(|&j| {
                let earlier = self.own(j).map(|f| f.speakers).unwrap_or_default();
                earlier
                    .into_iter()
                    .rev()
                    .find(|e| !is_pronoun(e) && (e.kind == VoiceKind::Person) == person)
            });
            let fit = speaker.or_else(|| {
                person
                    .then(|| back.iter().find_map(|&j| self.person_named_in(j)))
                    .flatten()
            });
            if let Some(e) = fit {
                found.how = format!("{} (`{}` is {})", found.how, h.name, e.name);
                *h = e;
            }
        }
    }

    /// The last person named in sentence `j` outside quotation marks.
    fn person_named_in(&mut self, j: usize) -> Option<Heard> {
        self.person_in(j, false)
    }

    /// The first (or last) person named in sentence `j` outside quotation marks.
    fn person_in(&mut self, j: usize, first: bool) -> Option<Heard> {
        let f = &self.facts[j];
        let p = self.reader.read(self.body, f.text.0, f.text.1);
        let order: Vec<usize> = if first {
            (0..p.phrases.len()).collect()
        } else {
            (0..p.phrases.len()).rev().collect()
        };
        order
            .into_iter()
            .filter(|&ph| {
                let np = &p.phrases[ph];
                p.words[np.head].upos == crate::tags::Upos::Propn
                    && np.possessor.is_none()
                    && !self.quoted(p.words[np.first].start)
            })
            .map(|ph| {
                let np = &p.phrases[ph];
                let mut first = np.head;
                while first > np.first && p.words[first - 1].upos == Upos::Propn {
                    first -= 1;
                }
                let head = &p.words[np.head];
                let entity = f
                    .mentions
                    .iter()
                    .filter(|m| m.start <= head.start && head.end <= m.end)
                    .map(|m| m.entity)
                    .next_back();
                self.named(&p, first, np.head, entity)
            })
            .find(|h| h.kind == VoiceKind::Person && h.name.contains(' '))
    }

    /// The sentence's own attribution with its pronouns resolved.
    fn attributed(&mut self, j: usize) -> Option<Found> {
        let mut found = self.own(j)?;
        if found
            .speakers
            .iter()
            .any(|h| h.entity.is_none() && is_pronoun(h))
        {
            self.resolve(j, &mut found);
        }
        found.speakers.retain(|h| !is_pronoun(h));
        (!found.speakers.is_empty()).then_some(found)
    }

    /// A sentence without an attribution of its own that continues someone's words: inside
    /// a quotation attributed in another of its sentences; a quotation that follows a
    /// speaker's paragraph (the last speaker a few sentences back, else the last person
    /// named); an answer in an interview (the person the interview is with).
    fn follow_on(&mut self, i: usize) -> Option<Found> {
        let (lo, hi) = self.facts[i].text;
        let line = self.body[..lo].rfind('\n').map_or(0, |k| k + 1);
        if self.body[line..].starts_with("A:") {
            return self.interviewee(i);
        }
        let opens = self.body[lo..hi]
            .trim_start()
            .starts_with(['"', '“', '‘', '\'']);
        if !(opens || self.quoted(lo)) {
            return None;
        }
        let labelled = |f: Found, how: String| Found {
            how,
            cue: None,
            ..f
        };
        // The quotation this sentence is in, attributed in another of its sentences.
        let q = self
            .quotes()
            .iter()
            .copied()
            .find(|q| q.0 <= lo.max(q.0) && lo < q.1 && q.0 < hi);
        if let Some((q0, q1)) = q {
            // The sentences the quotation covers, found by binary search (and at most
            // `LOOK_BACK` each way, so a stray quotation mark costs little).
            let first = self.facts.partition_point(|x| x.text.1 <= q0);
            let last = self.facts.partition_point(|x| x.text.0 <= q1);
            let others: Vec<usize> = (first.max(i.saturating_sub(LOOK_BACK))
                ..last.min(i + LOOK_BACK + 1))
                .filter(|&j| j != i)
                .collect();
            for j in others {
                if let Some(f) = self.attributed(j) {
                    let how = format!(
                        "inside a quotation attributed in sentence {}: {}",
                        j + 1,
                        f.how
                    );
                    return Some(labelled(f, how));
                }
            }
        }
        for j in (i.saturating_sub(LOOK_BACK)..i).rev() {
            if let Some(f) = self.attributed(j) {
                let how = format!("a quotation after sentence {}: {}", j + 1, f.how);
                return Some(labelled(f, how));
            }
        }
        let person = (i.saturating_sub(LOOK_BACK)..i)
            .rev()
            .find_map(|j| self.person_named_in(j))?;
        Some(Found {
            how: format!("a quotation after a paragraph about {}", person.name),
            cue: None,
            after_only: false,
            speakers: vec![person],
        })
    }

    /// The person an interview is with: the first named before its first question.
    fn interviewee(&mut self, i: usize) -> Option<Found> {
        let first_q = (0..i).find(|&j| {
            let lo = self.facts[j].text.0;
            let line = self.body[..lo].rfind('\n').map_or(0, |k| k + 1);
            self.body[line..].starts_with("Q:")
        })?;
        let person = (0..first_q).find_map(|j| self.person_in(j, true))?;
        Some(Found {
            how: format!("an answer in the interview with {}", person.name),
            cue: None,
            after_only: false,
            speakers: vec![person],
        })
    }

    /// A line that opens with a speaker's label ("Lidia Alvarez: …", "A: …" in an
    /// interview) or a headline that ends with one ("… – union chief").
    fn by_label(&self, p: &Parse, f: &SentenceFacts) -> Option<Found> {
        let (lo, _) = f.text;
        let line_start = lo == 0 || self.body[..lo].ends_with('\n');
        if !line_start {
            return None;
        }
        let colon = p.words.iter().position(|w| w.text == ":")?;
        if colon == 0 || colon > 4 {
            return None;
        }
        let ph = p.phrase_at(colon - 1)?;
        let np = &p.phrases[ph];
        if np.first != 0 || p.words[np.head].upos != crate::tags::Upos::Propn {
            return None;
        }
        let head = &p.words[np.head];
        let entity = f
            .mentions
            .iter()
            .find(|m| m.start <= head.start && head.end <= m.end)
            .map(|m| m.entity);
        let h = self.named(p, np.first, np.head, entity);
        (h.name.contains(' ')).then(|| Found {
            how: format!("the line is labelled `{}:`", h.name),
            cue: None,
            after_only: false,
            speakers: vec![h],
        })
    }
}

/// A word that ends a speaker's phrase: punctuation, a quotation mark, a subordinating word.
fn is_boundary(x: &crate::parse::Word) -> bool {
    matches!(x.upos, Upos::Punct) && !matches!(x.text, "&" | "-")
        || matches!(x.text, "“" | "”" | "\"" | "‘" | "—" | "–")
        || x.upos == Upos::Sconj
        || x.lemma == "that" && x.upos != Upos::Det
}

/// Whether word `k` is part of a proper name: a proper noun, a hyphen or ampersand inside
/// one, or a capitalised word past the sentence's first that the tagger read as a common
/// word right before a proper noun ("Ingrid/ADJ Halvorsen", "Colm/NOUN Ó Briain").
fn in_name(p: &Parse, k: usize) -> bool {
    let x = &p.words[k];
    x.upos == Upos::Propn
        || matches!(x.text, "-" | "&")
        || k > 0
            && matches!(x.upos, Upos::Adj | Upos::Noun | Upos::X)
            && x.text.chars().next().is_some_and(char::is_uppercase)
            && p.words.get(k + 1).is_some_and(|n| n.upos == Upos::Propn)
}

fn is_title(words: &crate::rules::set::Words, w: &str) -> bool {
    words.is_title(w)
        || (w.ends_with('.') && w.len() <= 5 && w.chars().next().is_some_and(char::is_uppercase))
}

fn pronoun_kind(class: PronounClass) -> VoiceKind {
    match class {
        PronounClass::Person => VoiceKind::Person,
        _ => VoiceKind::Organisation,
    }
}

fn is_pronoun(h: &Heard) -> bool {
    pronoun_class(&h.name).is_some()
        || (!h.name.contains(' ') && h.name.chars().next().is_some_and(char::is_lowercase))
}

impl Heard {
    /// As a claim's voice, when the pack does not know the speaker.
    pub fn voice(&self) -> Voice {
        Voice {
            name: self.name.clone(),
            kind: self.kind,
        }
    }
}
