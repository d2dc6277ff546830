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

use super::parses::Parses;
use super::quotation::Quotes;
use crate::extract::{PronounClass, SentenceFacts};
use crate::lemma::Lemmas;
use crate::parse::{Form, Parse};
use crate::rules::RuleSet;
use crate::rules::schema::CueKind;
use crate::tags::Upos;
use crate::tokens::{Token, tokenize_into};
use std::collections::HashMap;

use super::{Voice, VoiceKind};

mod headline;
mod naming;
mod refer;
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
    /// A back-reference to someone named elsewhere ("he", "the minister", "they"), resolved
    /// before it speaks.
    pub back: Option<Back>,
}

/// What a back-reference can stand for: its antecedent is the nearest one of its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Back {
    /// "he", "she", "the 34-year-old": a person.
    Person,
    /// "the minister" (the title is the `Heard`'s name): best the person given that title.
    Title,
    /// "it", "the company": an organisation.
    Organisation,
    /// "they", "the two authors", "the co-chairs": several, or a group.
    Plural,
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
    /// The attribution covers only these bytes: a relative clause set off by commas ("Mr.
    /// Varga, who denies all the charges, is due to stand trial").
    pub within: Option<(usize, usize)>,
}

impl Found {
    /// Whether the attribution covers the claim at byte `at`, or with `None` one of these
    /// triggers (or, with none, the whole sentence).
    pub fn covers(&self, at: &[usize]) -> bool {
        let after = !self.after_only || self.cue.is_none_or(|c| at.iter().any(|&t| t >= c.1));
        let within = self
            .within
            .is_none_or(|(a, b)| at.iter().any(|&t| a <= t && t < b));
        after && within
    }
}

/// Parses sentences on demand and remembers what each sentence says of its speaker.
pub struct Listener<'a> {
    body: &'a str,
    facts: &'a [SentenceFacts],
    rules: &'a RuleSet,
    /// The article's quoted regions, shared with `quotation`.
    quotes: &'a Quotes<'a>,
    /// Each sentence's parse, read once: resolving a reference reads the sentences before
    /// it again and again, and the claim's own reading has often parsed it already.
    parses: &'a Parses<'a>,
    /// A buffer for the words of a sentence read without its parse.
    tokens: Vec<Token>,
    own: HashMap<usize, Option<Found>>,
    /// The cue each sentence's first reading chose, tried first: of several speech verbs,
    /// the one that governs the claim ("X rejected a report that accused Y of …").
    prefer: HashMap<usize, usize>,
}

impl<'a> Listener<'a> {
    pub fn new(
        body: &'a str,
        facts: &'a [SentenceFacts],
        rules: &'a RuleSet,
        parses: &'a Parses<'a>,
        quotes: &'a Quotes<'a>,
    ) -> Listener<'a> {
        Listener {
            body,
            facts,
            rules,
            quotes,
            parses,
            tokens: Vec::new(),
            own: HashMap::new(),
            prefer: HashMap::new(),
        }
    }

    /// The parse of sentence `j`, read on first use.
    fn parsed(&self, j: usize) -> &'a Parse<'a> {
        self.parses.of(j)
    }

    /// Whether byte `at` stands inside quotation marks.
    pub fn is_quoted(&self, at: usize) -> bool {
        self.quoted(at)
    }

    fn quotes(&self) -> &[(usize, usize)] {
        self.quotes.regions()
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
            None if self.is_headline(i) => self.lede(i),
            None => self.follow_on(i),
        }
    }

    /// The sentence's own attribution, parsed once.
    fn own(&mut self, i: usize) -> Option<Found> {
        if let Some(f) = self.own.get(&i) {
            return f.clone();
        }
        let f = &self.facts[i];
        let headline = self.is_headline(i);
        if !headline && !self.may_name_a_source(i) {
            self.own.insert(i, None);
            return None;
        }
        let parse = self.parsed(i);
        let mut found = headline
            .then(|| self.by_dash(parse, f))
            .flatten()
            .or_else(|| self.by_cues(parse, f, self.prefer.get(&i).copied()))
            .or_else(|| self.by_label(parse, f, headline));
        if headline && let Some(found) = found.as_mut() {
            self.titles_only(parse, found);
        }
        self.own.insert(i, found.clone());
        found
    }

    /// A speech verb or "according to" outside quotation marks, and its speaker; a verb
    /// through which a document speaks ("leaked emails show"), when its subject is one; or
    /// the clause before a colon that opens a quotation ("X put it bluntly: “…”").
    /// Whether sentence `i` can name its own source at all, read without its parse: an
    /// attribution or dispute cue, a colon (a label, or words that introduce a quotation),
    /// or a word that some tag would make a document's verb. Most sentences that make a
    /// claim have none of these, and finding that they speak for nobody then costs no parse.
    fn may_name_a_source(&mut self, i: usize) -> bool {
        let f = &self.facts[i];
        let (lo, hi) = f.text;
        let cue = f
            .cues
            .iter()
            .any(|c| matches!(c.kind, CueKind::Attribution | CueKind::Dispute));
        if cue || self.body[lo..hi].contains(':') {
            return true;
        }
        tokenize_into(self.body, lo, hi, &mut self.tokens);
        let (lemmas, words) = (Lemmas::bundled(), &self.rules.words);
        self.tokens.iter().any(|t| {
            let word = t.text(self.body);
            words.document_verb_forms.may_pass(word)
                && lemmas.may_give(word, |l| words.is_document_verb(l))
        })
    }

    fn by_cues(&self, p: &Parse, f: &SentenceFacts, prefer: Option<usize>) -> Option<Found> {
        // (start, end, word, kind): `None` for a document's verb.
        let mut verbs: Vec<(usize, usize, usize, Option<CueKind>, usize)> = f
            .cues
            .iter()
            .filter(|c| matches!(c.kind, CueKind::Attribution | CueKind::Dispute))
            .filter(|c| !self.quoted(c.start))
            .filter_map(|c| {
                let w = p.word_at_offset(c.start)?;
                Some((c.start, c.end, w, Some(c.kind), c.phrase))
            })
            .collect();
        let words = &self.rules.words;
        for (k, x) in p.words.iter().enumerate() {
            let verb =
                x.upos == Upos::Verb || p.words.get(k + 1).is_some_and(|n| n.lemma == "that");
            if verb
                && k > 0
                && (words.is_document_verb(&x.lemma) || words.is_document_verb(x.text))
                && !self.quoted(x.start)
                && !verbs.iter().any(|v| v.2 == k)
            {
                verbs.push((x.start, x.end, k, None, usize::MAX));
            }
        }
        // The cue the first reading chose first, but after a document's verb that comes
        // before it and governs it ("minutes … show that engineers warned").
        let chosen = prefer.unwrap_or(usize::MAX);
        let mut relative: Option<Found> = None;
        verbs.sort_by_key(|v| {
            let rank = if v.3.is_none() && v.0 < chosen {
                0
            } else if v.0 == chosen {
                1
            } else {
                2
            };
            (rank, v.0)
        });
        for (start, end, w, kind, phrase) in verbs {
            // A dispute cue speaks only as a verb ("denied", "rejected"), not as "baseless";
            // a passive one ("could be announced") names no speaker before it.
            if kind == Some(CueKind::Dispute) && p.words[w].upos != Upos::Verb
                || w > 0 && p.words[w - 1].lemma == "be"
                || super::attribution::in_free_relative(self.body, f.text.0, start)
            {
                continue;
            }
            let according = kind.is_some()
                && self.rules.phrases.phrases[phrase]
                    .written
                    .starts_with("according");
            let segment = if according {
                let last = p.word_at_offset(end.saturating_sub(1)).unwrap_or(w);
                self.after(p, last)
            } else {
                self.speaking(p, w)
            };
            let found = segment.and_then(|(a, b)| self.found(p, a, b, f, start, end));
            // A document's verb speaks only for a document ("the figures show").
            let found = found.filter(|fd| {
                kind.is_some() || fd.speakers.iter().all(|h| h.kind == VoiceKind::Document)
            });
            if let Some(mut found) = found {
                found.after_only = !according
                    && w > 0
                    && p.words[w].form == Form::Gerund
                    && p.words[w - 1].text == ",";
                found.within = self.relative_reach(p, w);
                if found.within.is_none() {
                    return Some(found);
                }
                relative = relative.or(Some(found));
            }
        }
        self.before_colon(p, f).or(relative)
    }

    /// The bytes of a relative clause set off by commas that holds word `w` (", who
    /// denies …,"), when the sentence goes on after it.
    fn relative_reach(&self, p: &Parse, w: usize) -> Option<(usize, usize)> {
        let (_, boundary) = self.segment_back(p, w);
        let comma = boundary.filter(|&b| p.words[b].text == ",")?;
        let who = p.words.get(comma + 1)?;
        if !matches!(who.lemma.as_ref(), "who" | "which") {
            return None;
        }
        let close = (w + 1..p.words.len()).find(|&k| p.words[k].text == ",")?;
        let more = p.words[close + 1..].iter().any(|x| x.upos != Upos::Punct);
        more.then(|| (who.start, p.words[close].start))
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
        // "the club's owner, Daniel Strand": the name set off after a role speaks.
        let speakers: Vec<Heard> = parts
            .into_iter()
            .map(
                |(x, y)| match (x..y).rev().find(|&k| p.words[k].text == ",") {
                    Some(c) if c < y && self.is_name(p, (c + 1, y)) => (c + 1, y),
                    _ => (x, y),
                },
            )
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
            within: None,
            speakers,
        })
    }

    /// The sentence's own attribution with its back-references resolved; those that
    /// stand for no one found drop out.
    fn attributed(&mut self, j: usize) -> Option<Found> {
        let mut found = self.own(j)?;
        if found.speakers.iter().any(|h| h.back.is_some()) {
            self.resolve(j, &mut found);
        }
        found.speakers.retain(|h| h.back.is_none());
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
            within: None,
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
            .find_map(|j| self.person_in(j, true))?;
        Some(Found {
            how: format!("a quotation after a paragraph about {}", person.name),
            cue: None,
            after_only: false,
            within: None,
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
            within: None,
            speakers: vec![person],
        })
    }

    /// A line that opens with a speaker's label ("Lidia Alvarez: …"); in a headline, a
    /// title or a surname as the label ("Minister: …", "Okonjo: …"), read in the story.
    fn by_label(&self, p: &Parse, f: &SentenceFacts, headline: bool) -> Option<Found> {
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
        if np.first != 0 {
            return None;
        }
        let head = &p.words[np.head];
        let entity = f
            .mentions
            .iter()
            .find(|m| m.start <= head.start && head.end <= m.end)
            .map(|m| m.entity);
        let mut h = if head.upos == crate::tags::Upos::Propn {
            self.named(p, np.first, np.head, entity)
        } else if headline {
            self.heard(p, np.first, colon - 1, f)?
        } else {
            return None;
        };
        if headline
            && !h.name.contains(' ')
            && h.kind == VoiceKind::Person
            && !is_title(&self.rules.words, &h.name)
            && let Some(full) = self.full_name_after(&h.name, f.text.1)
        {
            h.name = full;
        }
        let titled = headline && h.kind != VoiceKind::Organisation;
        (h.name.contains(' ') || titled).then(|| Found {
            how: format!("the line is labelled `{}:`", &self.body[h.span.0..h.span.1]),
            cue: None,
            after_only: false,
            within: None,
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
/// one, or a capitalised word that the tagger read as a common word right before a proper
/// noun ("Ingrid/ADJ Halvorsen", "Colm/NOUN Ó Briain"; also the sentence's first word,
/// "Anneliese/ADJ Brandt-Moreau", whose titles are dropped afterwards).
fn in_name(p: &Parse, k: usize) -> bool {
    let x = &p.words[k];
    x.upos == Upos::Propn
        || matches!(x.text, "-" | "&")
        || matches!(x.upos, Upos::Adj | Upos::Noun | Upos::X)
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

impl Heard {
    /// As a claim's voice, when the pack does not know the speaker.
    pub fn voice(&self) -> Voice {
        Voice {
            name: self.name.clone(),
            kind: self.kind,
        }
    }
}
