//! Parse: a shallow clause parse of one tagged sentence — noun phrases, verb groups (with
//! negation, modals, tense and voice), subjects, objects, complements, prepositional
//! phrases, and clauses under other clauses ("said that …", "failed to …", "if …").
//!
//! It is deterministic and linear in the sentence: noun phrases and verb groups are found
//! in one left-to-right pass each, and every clause looks back or ahead over a bounded
//! number of words. It reads only part-of-speech tags, verb forms and lemmas, so it knows
//! no words of the news; the few function words it reads ("not", "that", "if", "who") are
//! English grammar, the same for every beat.

use crate::lemma::Lemmas;
use crate::tags::{Tag, TagBuffer, Tagger, Upos, Xpos};
use crate::tokens::{Token, tokenize_into};
use std::borrow::Cow;

/// How far a clause looks for its subject or its parent, in words: enough for any real
/// sentence, and a bound on the work.
const REACH: usize = 40;

/// Prepositions that take a gerund as a verb's complement (English grammar, not news).
const GERUND_PREPOSITIONS: &[&str] = &["in", "from", "at", "of", "by", "on", "into", "about"];

/// The verb form a Penn tag gives (VBD, VBN, VBG, VBZ/VBP, VB).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Base,
    Present,
    Past,
    Participle,
    Gerund,
    /// Not a verb form (nouns, adjectives, …).
    None,
}

/// One word of a tagged sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'t> {
    pub text: &'t str,
    /// Lower-case lemma ("withdrew" → "withdraw"); proper nouns keep their form.
    pub lemma: Cow<'t, str>,
    pub upos: Upos,
    pub form: Form,
    /// Absolute byte offsets into the article body.
    pub start: usize,
    pub end: usize,
}

impl Form {
    /// The verb form a Penn tag names.
    pub fn of(xpos: Xpos) -> Form {
        match xpos {
            Xpos::Vb | Xpos::Md => Form::Base,
            Xpos::Vbp | Xpos::Vbz => Form::Present,
            Xpos::Vbd => Form::Past,
            Xpos::Vbn => Form::Participle,
            Xpos::Vbg => Form::Gerund,
            _ => Form::None,
        }
    }
}

/// Reusable buffers for reading sentences, so the hot path allocates little.
#[derive(Default)]
pub struct Reader {
    tokens: Vec<Token>,
    tags: TagBuffer,
}

impl Reader {
    /// Tokenises, tags, lemmatises and parses the sentence at `start..end` of `body`.
    pub fn read<'t>(&mut self, body: &'t str, start: usize, end: usize) -> Parse<'t> {
        tokenize_into(body, start, end, &mut self.tokens);
        let texts: Vec<&'t str> = self.tokens.iter().map(|t| t.text(body)).collect();
        let tags: &[Tag] = Tagger::bundled().tag_into(&texts, &mut self.tags);
        let lemmas = Lemmas::bundled();
        let words = self
            .tokens
            .iter()
            .zip(texts.iter().zip(tags))
            .map(|(t, (&text, &tag))| Word {
                text,
                lemma: lemmas.lemma(text, tag),
                upos: tag.upos,
                form: Form::of(tag.xpos),
                start: t.start,
                end: t.end,
            })
            .collect();
        Parse::new(words)
    }
}

impl Word<'_> {
    fn is(&self, lemma: &str) -> bool {
        self.lemma.eq_ignore_ascii_case(lemma)
    }
    fn is_nominal(&self) -> bool {
        matches!(self.upos, Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num)
    }
    /// A negation word inside a verb group ("not", "n't", "never").
    fn is_negation(&self) -> bool {
        matches!(self.upos, Upos::Part | Upos::Adv)
            && (self.is("not") || self.text.eq_ignore_ascii_case("n't") || self.is("never"))
    }
}

/// A noun phrase: words `first..=last`, the head word, and what its determiner says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NounPhrase {
    pub first: usize,
    pub last: usize,
    pub head: usize,
    /// "no", "neither" or a negative pronoun ("nobody", "nothing"): the phrase denies.
    pub negative: bool,
    /// The noun phrase that owns this one ("Norland's troops": Norland).
    pub possessor: Option<usize>,
    /// A prepositional phrase that modifies the head ("the withdrawal of troops").
    pub of: Option<Prep>,
}

/// A preposition and its noun phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prep {
    /// Index of the preposition word.
    pub word: usize,
    /// Index into `Parse::phrases`.
    pub phrase: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
}

/// A run of auxiliaries, negation and verbs with one main verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbGroup {
    pub first: usize,
    pub last: usize,
    /// The main verb (a copula "be" when the group has no other verb).
    pub main: usize,
    /// A particle that belongs to the verb ("pull back", "rule out").
    pub particle: Option<usize>,
    /// The negation word, when the group is negated.
    pub negation: Option<usize>,
    /// The modal auxiliary ("may", "could", "would", "will").
    pub modal: Option<usize>,
    pub tense: Tense,
    pub passive: bool,
    pub perfect: bool,
    pub progressive: bool,
    /// The main verb is "be" with no other verb: a copula ("is dead", "was the capital").
    pub copula: bool,
    /// The group opens with "to" ("to withdraw").
    pub infinitive: bool,
}

/// How a clause hangs from its parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// A main clause.
    Main,
    /// A complement clause ("said (that) …", "denied that …").
    That,
    /// An infinitive under a verb ("failed to …", "called on X to …").
    To,
    /// A gerund under a verb ("denied interfering").
    Gerund,
    /// A relative clause ("the troops that were moved").
    Relative,
    /// An adverbial clause; the word is its conjunction ("if", "because", "after").
    Adverbial(usize),
}

/// The complement of a copula.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Complement {
    /// An adjective word ("dead", "guilty").
    Adjective(usize),
    /// A noun phrase ("the capital of …").
    Phrase(usize),
}

/// One clause: who does what to what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Noun phrases of the subject (several when coordinated: "X and Y said").
    pub subject: Vec<usize>,
    /// The subject is not in the clause: it was taken from the parent clause or from the
    /// noun a relative clause modifies.
    pub subject_inherited: bool,
    pub verb: VerbGroup,
    pub object: Option<usize>,
    pub complement: Option<Complement>,
    /// Prepositional phrases after the verb and object.
    pub preps: Vec<Prep>,
    pub parent: Option<usize>,
    pub link: Link,
    /// The noun phrase the clause hangs from through a preposition ("no sign of Valdor
    /// pulling back": "no sign").
    pub under: Option<usize>,
    /// Word range of the clause, from its subject (or verb) to its last complement.
    pub first: usize,
    pub last: usize,
}

/// The parse of one sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parse<'t> {
    pub words: Vec<Word<'t>>,
    pub phrases: Vec<NounPhrase>,
    pub clauses: Vec<Clause>,
}

impl<'t> Parse<'t> {
    /// Parses a tagged sentence.
    pub fn new(words: Vec<Word<'t>>) -> Parse<'t> {
        let phrases = noun_phrases(&words);
        let groups = verb_groups(&words, &phrases);
        let mut p = Parse {
            words,
            phrases,
            clauses: Vec::new(),
        };
        p.clauses = clauses(&p, groups);
        p
    }

    /// The noun phrase that covers word `w`.
    pub fn phrase_at(&self, w: usize) -> Option<usize> {
        let i = self.phrases.partition_point(|p| p.last < w);
        (i < self.phrases.len() && self.phrases[i].first <= w).then_some(i)
    }

    /// The innermost clause whose range covers word `w`.
    pub fn clause_at(&self, w: usize) -> Option<usize> {
        self.clauses
            .iter()
            .enumerate()
            .filter(|(_, c)| c.first <= w && w <= c.last)
            .min_by_key(|(_, c)| c.last - c.first)
            .map(|(i, _)| i)
    }

    /// The clauses from `c` up to its main clause: `c`, its parent, and so on.
    pub fn chain(&self, c: usize) -> Vec<usize> {
        let mut out = vec![c];
        let mut at = c;
        while let Some(p) = self.clauses[at].parent {
            if out.contains(&p) || out.len() > REACH {
                break;
            }
            out.push(p);
            at = p;
        }
        out
    }

    /// The word index whose byte range holds `offset`.
    pub fn word_at_offset(&self, offset: usize) -> Option<usize> {
        let i = self.words.partition_point(|w| w.end <= offset);
        (i < self.words.len() && self.words[i].start <= offset).then_some(i)
    }

    /// One line of tagged words and one line per clause, for `trace`.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        for w in &self.words {
            out.push_str(&format!("{}/{} ", w.text, w.upos.name()));
        }
        out.push('\n');
        for (k, c) in self.clauses.iter().enumerate() {
            let subject: Vec<String> = c.subject.iter().map(|&s| self.phrase_text(s)).collect();
            let v = &c.verb;
            out.push_str(&format!(
                "clause {k}: {:?}{} subject [{}]{} verb `{}`{}{}{}{}",
                c.link,
                c.parent.map(|p| format!(" of {p}")).unwrap_or_default(),
                subject.join(" + "),
                if c.subject_inherited {
                    " (inherited)"
                } else {
                    ""
                },
                self.words[v.main].lemma,
                v.particle
                    .map(|p| format!(" {}", self.words[p].lemma))
                    .unwrap_or_default(),
                if v.negation.is_some() { " negated" } else { "" },
                v.modal
                    .map(|m| format!(" modal {}", self.words[m].lemma))
                    .unwrap_or_default(),
                if v.passive { " passive" } else { "" },
            ));
            if let Some(o) = c.object {
                out.push_str(&format!(" object [{}]", self.phrase_text(o)));
            }
            match c.complement {
                Some(Complement::Adjective(a)) => {
                    out.push_str(&format!(" complement `{}`", self.words[a].text))
                }
                Some(Complement::Phrase(ph)) => {
                    out.push_str(&format!(" complement [{}]", self.phrase_text(ph)))
                }
                None => {}
            }
            for pr in &c.preps {
                out.push_str(&format!(
                    " {} [{}]",
                    self.words[pr.word].text,
                    self.phrase_text(pr.phrase)
                ));
            }
            out.push('\n');
        }
        out
    }

    /// The text of a noun phrase's words, as they stand (joined by single spaces).
    pub fn phrase_text(&self, phrase: usize) -> String {
        let p = &self.phrases[phrase];
        let mut s = String::new();
        for w in &self.words[p.first..=p.last] {
            if !s.is_empty() && !w.text.starts_with('\'') && !w.text.starts_with('’') {
                s.push(' ');
            }
            s.push_str(w.text);
        }
        s
    }
}

/// Whether a word can stand inside a noun phrase before its head.
fn np_inner(w: &Word) -> bool {
    matches!(
        w.upos,
        Upos::Det | Upos::Adj | Upos::Num | Upos::Noun | Upos::Propn
    ) || (w.upos == Upos::Pron && is_possessive_pronoun(w))
}

/// A participle or gerund used as an adjective inside a phrase ("the hacked emails"):
/// after the phrase's first word and before a noun or adjective.
fn modifies_next(words: &[Word], first: usize, j: usize) -> bool {
    j > first
        && words[j].upos == Upos::Verb
        && matches!(words[j].form, Form::Participle | Form::Gerund)
        && words
            .get(j + 1)
            .is_some_and(|n| matches!(n.upos, Upos::Noun | Upos::Propn | Upos::Adj))
}

fn is_possessive_pronoun(w: &Word) -> bool {
    ["my", "your", "his", "her", "its", "our", "their"]
        .iter()
        .any(|p| w.text.eq_ignore_ascii_case(p))
}

fn is_negative_word(w: &Word) -> bool {
    ["no", "neither", "nobody", "nothing", "none", "nowhere"]
        .iter()
        .any(|p| w.text.eq_ignore_ascii_case(p))
}

/// The possessive clitic ("'s", "’s", or a bare apostrophe after a plural).
fn is_possessive_mark(w: &Word) -> bool {
    matches!(w.upos, Upos::Part | Upos::Punct | Upos::X)
        && matches!(w.text, "'s" | "’s" | "'" | "’" | "'S" | "’S")
}

/// Noun phrases, left to right, each a maximal run ending in its head; a possessive ends
/// one phrase and opens the next, which records its possessor.
fn noun_phrases(words: &[Word]) -> Vec<NounPhrase> {
    let mut out: Vec<NounPhrase> = Vec::new();
    let mut i = 0;
    let mut possessor = None;
    while i < words.len() {
        let w = &words[i];
        // A personal pronoun is a phrase on its own.
        if w.upos == Upos::Pron && !is_possessive_pronoun(w) && !is_relative(w) {
            out.push(simple_phrase(i, is_negative_word(w), possessor.take()));
            i += 1;
            continue;
        }
        if !np_inner(w) {
            possessor = None;
            i += 1;
            continue;
        }
        let first = i;
        let mut head = None;
        let mut j = i;
        while j < words.len() && (np_inner(&words[j]) || modifies_next(words, first, j)) {
            // A determiner after the first word starts a new phrase ("gave the troops a
            // rest"), unless it follows a possessive pronoun or a predeterminer ("all the").
            if j > first && words[j].upos == Upos::Det && !words[j - 1].is("all") {
                break;
            }
            if words[j].is_nominal() {
                head = Some(j);
            }
            j += 1;
        }
        let Some(h) = head else {
            possessor = None;
            i = j.max(i + 1);
            continue;
        };
        let negative = words[first..=h].iter().any(is_negative_word);
        out.push(NounPhrase {
            first,
            last: h,
            head: h,
            negative,
            possessor: possessor.take(),
            of: None,
        });
        i = h + 1;
        if i < words.len() && is_possessive_mark(&words[i]) {
            possessor = Some(out.len() - 1);
            i += 1;
        }
    }
    attach_of_phrases(words, &mut out);
    out
}

fn simple_phrase(i: usize, negative: bool, possessor: Option<usize>) -> NounPhrase {
    NounPhrase {
        first: i,
        last: i,
        head: i,
        negative,
        possessor,
        of: None,
    }
}

/// "the withdrawal of troops", "no sign of de-escalation": a noun phrase directly followed
/// by "of" and another noun phrase takes it as its modifier.
fn attach_of_phrases(words: &[Word], phrases: &mut [NounPhrase]) {
    for k in 0..phrases.len().saturating_sub(1) {
        let after = phrases[k].last + 1;
        if after < words.len() && words[after].is("of") && phrases[k + 1].first == after + 1 {
            phrases[k].of = Some(Prep {
                word: after,
                phrase: k + 1,
            });
        }
    }
}

fn is_modal(w: &Word) -> bool {
    w.upos == Upos::Aux
        && [
            "may", "might", "can", "could", "will", "would", "shall", "should", "must",
        ]
        .iter()
        .any(|m| w.is(m))
}

/// Adverbs that may stand inside a verb group without ending it.
fn group_adverb(w: &Word) -> bool {
    w.upos == Upos::Adv && !w.is("there") && !w.is("here") && !is_particle(w)
}

/// Verb groups, left to right: auxiliaries, negation and adverbs up to the main verb.
fn verb_groups(words: &[Word], phrases: &[NounPhrase]) -> Vec<VerbGroup> {
    let mut out = Vec::new();
    let mut i = 0;
    // Participles inside a noun phrase ("the hacked emails") modify it; they open no group.
    let in_phrase = |i: usize| {
        let k = phrases.partition_point(|p| p.last < i);
        k < phrases.len() && phrases[k].first <= i && words[i].upos == Upos::Verb
    };
    while i < words.len() {
        if in_phrase(i) {
            i += 1;
            continue;
        }
        let infinitive = words[i].upos == Upos::Part
            && words[i].is("to")
            && words
                .get(i + 1)
                .is_some_and(|w| w.upos == Upos::Verb || w.upos == Upos::Aux);
        let starts = matches!(words[i].upos, Upos::Aux | Upos::Verb) || infinitive;
        if !starts {
            i += 1;
            continue;
        }
        let first = i;
        let mut j = if infinitive { i + 1 } else { i };
        let mut verbs = Vec::new();
        while j < words.len() {
            let w = &words[j];
            if matches!(w.upos, Upos::Aux | Upos::Verb) {
                // A second full verb after a full verb opens a new group ("said troops").
                if w.upos == Upos::Verb
                    && verbs
                        .last()
                        .is_some_and(|&v: &usize| !auxiliary_before(&words[v], w))
                {
                    break;
                }
                // An auxiliary after the main verb opens the next group ("that were not
                // needed were pulling back").
                if w.upos == Upos::Aux
                    && verbs
                        .last()
                        .is_some_and(|&v: &usize| words[v].upos == Upos::Verb)
                {
                    break;
                }
                verbs.push(j);
            } else if !(w.is_negation() || group_adverb(w)) {
                break;
            }
            j += 1;
        }
        // Trailing adverbs belong to what follows, not to the group.
        let mut last = j.saturating_sub(1);
        while last > first && !matches!(words[last].upos, Upos::Aux | Upos::Verb) {
            if words[last].is_negation() {
                break;
            }
            last -= 1;
        }
        if let Some(g) = group(words, first, last, &verbs, infinitive) {
            out.push(g);
        }
        i = j.max(first + 1);
    }
    out
}

/// Whether `prev` is an auxiliary of the verb `next` ("had never shown", "was being
/// moved"): the tagger sometimes tags an auxiliary "have" or "be" as a full verb.
fn auxiliary_before(prev: &Word, next: &Word) -> bool {
    prev.upos == Upos::Aux
        || ((prev.is("have") || prev.is("be") || prev.is("get"))
            && matches!(next.form, Form::Participle | Form::Gerund))
}

/// Builds one verb group from its words.
fn group(
    words: &[Word],
    first: usize,
    last: usize,
    verbs: &[usize],
    infinitive: bool,
) -> Option<VerbGroup> {
    let main = verbs
        .iter()
        .rev()
        .find(|&&v| words[v].upos == Upos::Verb)
        .or(verbs.last())
        .copied()?;
    let auxes: Vec<&Word> = verbs
        .iter()
        .filter(|&&v| v != main)
        .map(|&v| &words[v])
        .collect();
    let negation = (first..=last).find(|&k| words[k].is_negation());
    let modal = verbs.iter().copied().find(|&v| is_modal(&words[v]));
    let m = &words[main];
    let copula = m.is("be") && main == *verbs.last()?;
    let passive =
        !copula && m.form == Form::Participle && auxes.iter().any(|a| a.is("be") || a.is("get"));
    let perfect = auxes.iter().any(|a| a.is("have")) && !passive
        || auxes.iter().any(|a| a.is("have")) && auxes.iter().any(|a| a.form == Form::Participle);
    let progressive = m.form == Form::Gerund && auxes.iter().any(|a| a.is("be"));
    let tense = tense_of(words, verbs, modal);
    let particle = (last + 1 < words.len()
        && matches!(words[last + 1].upos, Upos::Adp | Upos::Adv)
        && is_particle(&words[last + 1])
        && !words
            .get(last + 2)
            .is_some_and(|w| w.is_nominal() || w.upos == Upos::Det))
    .then_some(last + 1);
    Some(VerbGroup {
        first,
        last: particle.unwrap_or(last),
        main,
        particle,
        negation,
        modal,
        tense,
        passive,
        perfect,
        progressive,
        copula,
        infinitive,
    })
}

/// Words that may be a verb's particle when nothing nominal follows them ("pulled back.").
fn is_particle(w: &Word) -> bool {
    [
        "back", "out", "up", "down", "off", "away", "over", "in", "on",
    ]
    .iter()
    .any(|p| w.is(p))
}

fn tense_of(words: &[Word], verbs: &[usize], modal: Option<usize>) -> Tense {
    if let Some(m) = modal {
        return if words[m].is("will") || words[m].is("shall") {
            Tense::Future
        } else if words[m].form == Form::Past {
            Tense::Past
        } else {
            Tense::Present
        };
    }
    match verbs.first().map(|&v| words[v].form) {
        Some(Form::Past) => Tense::Past,
        _ => Tense::Present,
    }
}

/// Clauses for the verb groups, with subjects, objects, complements and parents.
fn clauses(p: &Parse, groups: Vec<VerbGroup>) -> Vec<Clause> {
    let words = &p.words;
    let mut out: Vec<Clause> = Vec::with_capacity(groups.len());
    for (k, g) in groups.iter().enumerate() {
        let limit = groups.get(k + 1).map_or(words.len(), |n| n.first);
        take_back_subject(p, g, &mut out);
        let (link, parent) = link_of(p, &groups, k, &out);
        let (subject, inherited) = subject_of(p, g, link, parent, &out);
        let (object, complement, preps, end) = after_verb(p, g, limit);
        let first = subject
            .iter()
            .map(|&s| p.phrases[s].first)
            .min()
            .filter(|_| !inherited)
            .unwrap_or(g.first)
            .min(g.first);
        let under = first
            .checked_sub(2)
            .filter(|&x| p.words[x + 1].upos == Upos::Adp)
            .and_then(|x| p.phrase_at(x))
            .filter(|&ph| p.phrases[ph].last + 2 == first);
        out.push(Clause {
            under,
            subject,
            subject_inherited: inherited,
            verb: g.clone(),
            object,
            complement,
            preps,
            parent,
            link,
            first,
            last: end,
        });
    }
    // A parent's range covers its children, so a word maps to its innermost clause.
    for k in (0..out.len()).rev() {
        if let Some(parent) = out[k].parent {
            let last = out[k].last;
            if out[parent].last < last {
                out[parent].last = last;
            }
        }
    }
    out
}

/// "said troops were moving": the phrase read as the previous verb's object is the subject
/// of this finite verb group that follows it directly, so the previous clause gives it up.
fn take_back_subject(p: &Parse, g: &VerbGroup, done: &mut [Clause]) {
    let finite = !g.infinitive && matches!(p.words[g.first].form, Form::Past | Form::Present)
        || is_modal(&p.words[g.first]);
    let Some(prev) = done.last_mut() else { return };
    if let Some(o) = prev.object
        && finite
        && p.phrases[o].last + 1 == g.first
        && prev.preps.is_empty()
    {
        prev.object = None;
        prev.last = prev.verb.last;
    }
}

/// What stands between two words: the lemmas of a subordinating conjunction or relative
/// pronoun just before `g`, skipping its subject.
fn opener_before(p: &Parse, g: &VerbGroup) -> Option<usize> {
    let words = &p.words;
    let mut k = g.first;
    // Skip back over the clause's own subject phrase.
    if k > 0
        && let Some(ph) = p.phrase_at(k - 1)
    {
        k = p.phrases[ph].first;
    }
    if k == 0 {
        return None;
    }
    let w = &words[k - 1];
    (matches!(w.upos, Upos::Sconj | Upos::Pron | Upos::Det | Upos::Adv)
        && (w.upos == Upos::Sconj || is_relative(w) || w.is("when")))
    .then_some(k - 1)
}

fn is_relative(w: &Word) -> bool {
    ["who", "which", "that", "whom", "whose"]
        .iter()
        .any(|r| w.text.eq_ignore_ascii_case(r))
}

/// How the clause of group `k` hangs from an earlier one, and which.
fn link_of(p: &Parse, groups: &[VerbGroup], k: usize, done: &[Clause]) -> (Link, Option<usize>) {
    let g = &groups[k];
    let words = &p.words;
    let prev = k.checked_sub(1);
    if g.infinitive {
        return (
            Link::To,
            prev.filter(|&q| g.first - groups[q].last <= REACH / 4),
        );
    }
    if let Some(o) = opener_before(p, g) {
        let w = &words[o];
        let that = w.is("that") || w.is("whether");
        let directly_after_phrase =
            o > 0 && p.phrase_at(o - 1).is_some() && !that_after_verb(p, groups, o);
        // "claims that it had shelled the city": a "that" followed by a clause with its own
        // subject is the noun's content, not a relative clause.
        let own_subject = w.is("that") && o + 1 < g.first && p.phrase_at(o + 1).is_some();
        if is_relative(w) && ((directly_after_phrase && !own_subject) || !w.is("that")) {
            return (Link::Relative, prev);
        }
        if that {
            return (Link::That, prev);
        }
        // "succeeded in taking", "prevented them from entering": a preposition before a
        // gerund makes it the verb's complement, not an adverbial clause.
        if w.upos == Upos::Sconj
            && o + 1 == g.first
            && words[g.first].form == Form::Gerund
            && GERUND_PREPOSITIONS.iter().any(|x| w.is(x))
        {
            return (Link::Gerund, prev);
        }
        if w.upos == Upos::Sconj || w.is("when") {
            return (Link::Adverbial(o), prev);
        }
    }
    // "said troops were moving": a verb group right after a speech verb's group and a
    // subject, with nothing between but the subject.
    if let Some(q) = prev
        && done[q].object.is_none()
        && done[q].complement.is_none()
        && !done[q].verb.copula
        && g.first > done[q].verb.last
        && (done[q].verb.last + 1..g.first).all(|x| p.phrase_at(x).is_some())
        && g.first > done[q].verb.last + 1
    {
        return (Link::That, Some(q));
    }
    // "fighting terrorism and improving relations": a verb group right after "and" or
    // "or" that follows a subordinate clause is its twin, hanging from the same parent.
    if let Some(q) = prev
        && g.first > 0
        && words[g.first - 1].upos == Upos::Cconj
        && done[q].parent.is_some()
        && done[q].last + 2 >= g.first
    {
        return (done[q].link, done[q].parent);
    }
    // "denied interfering", "focused on fighting", "shown prowess at hacking": a gerund
    // right after a verb, or after a preposition, hangs from the clause before it.
    let after_preposition =
        g.first > 0 && matches!(words[g.first - 1].upos, Upos::Adp | Upos::Sconj);
    if let Some(q) = prev
        && words[g.main].form == Form::Gerund
        && words[g.first].form == Form::Gerund
        && (g.first == groups[q].last + 1 || after_preposition)
    {
        return (Link::Gerund, Some(q));
    }
    (Link::Main, None)
}

/// Whether "that" at `o` opens a complement after a verb ("said that").
fn that_after_verb(p: &Parse, groups: &[VerbGroup], o: usize) -> bool {
    groups.iter().any(|g| g.last + 1 == o)
        || (o > 1 && groups.iter().any(|g| g.last + 2 == o) && p.phrase_at(o - 1).is_some())
}

/// The subject of a clause: the noun phrases just before its verb group, or, for
/// infinitives, relatives and subjectless clauses, the right phrase of the parent.
fn subject_of(
    p: &Parse,
    g: &VerbGroup,
    link: Link,
    parent: Option<usize>,
    done: &[Clause],
) -> (Vec<usize>, bool) {
    if link == Link::To || link == Link::Gerund {
        let Some(q) = parent else {
            return (Vec::new(), true);
        };
        // "called on Norland to withdraw": the parent's object does it; "Norland agreed to
        // withdraw": the parent's subject.
        let control = done[q]
            .preps
            .last()
            .map(|pr| pr.phrase)
            .or(done[q].object)
            .filter(|&o| p.phrases[o].last + 1 == g.first);
        return match control {
            Some(o) => (vec![o], true),
            None => (done[q].subject.clone(), true),
        };
    }
    if link == Link::Relative
        && let Some(o) = opener_before(p, g)
        && o > 0
        && let Some(ph) = p.phrase_at(o - 1)
    {
        return (vec![ph], true);
    }
    let own = coordinated_before(p, g.first);
    if !own.is_empty() {
        return (own, false);
    }
    // "…, and then withdrew": a verb with no subject of its own shares the previous one.
    match (link, parent) {
        (Link::Main, _) => {
            let last = done.iter().rev().find(|c| c.verb.last < g.first);
            (last.map(|c| c.subject.clone()).unwrap_or_default(), true)
        }
        _ => (Vec::new(), false),
    }
}

/// The phrases that end right before word `at`, joined by "and"/"or"/"," ("the union and
/// the company", "Ostia, Valdor and Norland").
fn coordinated_before(p: &Parse, at: usize) -> Vec<usize> {
    let words = &p.words;
    let mut k = at;
    // Adverbs between the subject and its verb ("Norland also said").
    while k > 0 && words[k - 1].upos == Upos::Adv {
        k -= 1;
    }
    let Some(first) = k.checked_sub(1).and_then(|x| p.phrase_at(x)) else {
        return Vec::new();
    };
    if p.phrases[first].last + 1 != k {
        return Vec::new();
    }
    let mut out = vec![first];
    let mut cur = first;
    while out.len() < REACH / 4 {
        let start = p.phrases[cur].first;
        let Some(joint) = start.checked_sub(1) else {
            break;
        };
        let mut j = joint;
        let mut joined = words[j].upos == Upos::Cconj && (words[j].is("and") || words[j].is("or"));
        // ", and" joins a list ("Ostia, Valdor, and Norland") but more often two clauses
        // ("…, and he said"): only a phrase that itself follows a comma makes it a list.
        if joined && j > 0 && words[j - 1].text == "," {
            let listed = p
                .phrase_at(j.saturating_sub(2))
                .map(|x| p.phrases[x].first)
                .is_some_and(|f| f > 0 && words[f - 1].text == ",");
            if !listed {
                break;
            }
            j -= 1;
        }
        joined |= words[j].text == "," && out.len() > 1;
        if !joined || j == 0 {
            break;
        }
        // "both Ostia and …": a correlative before the first conjunct.
        let Some(prev) = p.phrase_at(j - 1).filter(|&x| p.phrases[x].last + 1 == j) else {
            break;
        };
        out.push(prev);
        cur = prev;
    }
    out.reverse();
    out
}

/// The object, copula complement and prepositional phrases after a verb group, up to the
/// next group (`limit`); returns them with the last word they reach.
fn after_verb(
    p: &Parse,
    g: &VerbGroup,
    limit: usize,
) -> (Option<usize>, Option<Complement>, Vec<Prep>, usize) {
    let words = &p.words;
    let mut at = g.last + 1;
    let mut object = None;
    let mut complement = None;
    let mut end = g.last;
    if g.copula {
        // Adverbs before an adjective complement ("is now dead").
        let mut k = at;
        while k < limit && words[k].upos == Upos::Adv && !words[k].is_negation() {
            k += 1;
        }
        if k < limit && words[k].upos == Upos::Adj && p.phrase_at(k).is_none() {
            complement = Some(Complement::Adjective(k));
            at = k + 1;
            end = k;
        } else if let Some(ph) = p.phrase_at(k).filter(|&ph| p.phrases[ph].first == k) {
            complement = Some(match p.phrases[ph].head {
                h if words[h].upos == Upos::Adj => Complement::Adjective(h),
                _ => Complement::Phrase(ph),
            });
            at = p.phrases[ph].last + 1;
            end = p.phrases[ph].last;
        }
    } else if let Some(ph) = p.phrase_at(at).filter(|&ph| p.phrases[ph].first == at) {
        object = Some(ph);
        at = p.phrases[ph].last + 1;
        end = p.phrases[ph].last;
    }
    let mut preps = Vec::new();
    while at + 1 < limit && preps.len() < 8 {
        let w = &words[at];
        if w.upos != Upos::Adp {
            // The "of" phrase of the object is part of it.
            if let Some(ph) = p.phrase_at(at).filter(|&ph| p.phrases[ph].first == at) {
                at = p.phrases[ph].last + 1;
                end = p.phrases[ph].last;
                continue;
            }
            break;
        }
        let Some(ph) = p
            .phrase_at(at + 1)
            .filter(|&ph| p.phrases[ph].first == at + 1)
        else {
            break;
        };
        preps.push(Prep {
            word: at,
            phrase: ph,
        });
        at = p.phrases[ph].last + 1;
        end = p.phrases[ph].last;
    }
    (
        object,
        complement,
        preps,
        end.min(limit.saturating_sub(1)).max(g.last),
    )
}

#[cfg(test)]
mod tests;
