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

use clauses::clauses;
use phrases::noun_phrases;
use verbs::verb_groups;

/// How far a clause looks for its subject or its parent, in words: enough for any real
/// sentence, and a bound on the work.
const REACH: usize = 40;

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
            .zip(&texts)
            .enumerate()
            .map(|(i, (t, &text))| {
                let tag =
                    noun_ending_compound(&texts, tags, i, noun_after_article(&texts, tags, i));
                let tag = verb_after_nor(&texts, tags, i, tag);
                Word {
                    text,
                    lemma: lemmas.lemma(text, tag),
                    upos: tag.upos,
                    form: Form::of(tag.xpos),
                    start: t.start,
                    end: t.end,
                }
            })
            .collect();
        Parse::new(words)
    }
}

/// The tag of word `i`, where the tagger's verb right after an article is read as the noun
/// it must be ("the bloodshed", "a record"): an article opens a noun phrase, and a verb
/// there is one only as a participle before its noun ("the hacked emails").
fn noun_after_article(texts: &[&str], tags: &[Tag], i: usize) -> Tag {
    let tag = tags[i];
    let after_article = i > 0
        && tags[i - 1].upos == Upos::Det
        && ["a", "an", "the"]
            .iter()
            .any(|a| texts[i - 1].eq_ignore_ascii_case(a));
    let before_noun = tags
        .get(i + 1)
        .is_some_and(|n| matches!(n.upos, Upos::Noun | Upos::Propn | Upos::Adj));
    if after_article && tag.upos == Upos::Verb && !before_noun {
        // "the records" (VBZ) is a plural noun.
        let xpos = if tag.xpos == Xpos::Vbz {
            Xpos::Nns
        } else {
            Xpos::Nn
        };
        return Tag {
            upos: Upos::Noun,
            xpos,
        };
    }
    tag
}

/// The tag of word `i`, where the word right after "nor" in "neither VERB nor WORD" is read
/// as the verb it pairs with ("would neither confirm nor deny reports": the tagger reads
/// "deny" as a noun and "reports" as the verb).
fn verb_after_nor(texts: &[&str], tags: &[Tag], i: usize, tag: Tag) -> Tag {
    // The verb so restored takes the word after it as its object ("deny reports").
    let after_restored = i > 3
        && texts[i - 2].eq_ignore_ascii_case("nor")
        && tags[i - 1].upos != Upos::Verb
        && paired_verb(texts, tags, i - 1).is_some();
    if after_restored && tag.upos == Upos::Verb && tag.xpos == Xpos::Vbz {
        return Tag {
            upos: Upos::Noun,
            xpos: Xpos::Nns,
        };
    }
    if i < 3 || !texts[i - 1].eq_ignore_ascii_case("nor") || tag.upos == Upos::Verb {
        return tag;
    }
    paired_verb(texts, tags, i).unwrap_or(tag)
}

/// The tag of the verb right after the "neither" that word `i`'s "nor" pairs with.
fn paired_verb(texts: &[&str], tags: &[Tag], i: usize) -> Option<Tag> {
    let neither = (i.saturating_sub(8)..i - 1)
        .rev()
        .find(|&k| texts[k].eq_ignore_ascii_case("neither"))?;
    tags.get(neither + 1)
        .copied()
        .filter(|t| t.upos == Upos::Verb)
}

/// The tag of word `i`, where an adjective that ends a hyphenated compound after an
/// article and right before a verb is read as the compound's noun head ("the
/// secretary-general said", "the attorney-general has"): a verb needs a noun before it.
fn noun_ending_compound(texts: &[&str], tags: &[Tag], i: usize, tag: Tag) -> Tag {
    let verb_next = tags
        .get(i + 1)
        .is_some_and(|n| matches!(n.upos, Upos::Verb | Upos::Aux));
    if tag.upos != Upos::Adj || !verb_next || i < 3 || !matches!(texts[i - 1], "-" | "‑") {
        return tag;
    }
    let article = (0..i - 1)
        .rev()
        .take_while(|&k| match tags[k].upos {
            Upos::Adj | Upos::Noun | Upos::Det => true,
            Upos::Punct => matches!(texts[k], "-" | "‑"),
            _ => false,
        })
        .find(|&k| tags[k].upos == Upos::Det);
    match article {
        Some(k)
            if ["a", "an", "the"]
                .iter()
                .any(|a| texts[k].eq_ignore_ascii_case(a)) =>
        {
            Tag {
                upos: Upos::Noun,
                xpos: Xpos::Nn,
            }
        }
        _ => tag,
    }
}

/// A quotation mark standing as a word of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteMark {
    /// `"`, `“`, `”`, ``` `` ``` or `''`, against `'`, `‘` or `’`.
    pub double: bool,
    /// It can open a quotation (`"`, `“`, `'`, `‘`, ``` `` ```).
    pub opens: bool,
    /// It can close one (`"`, `”`, `'`, `’`, `''`).
    pub closes: bool,
}

impl Word<'_> {
    /// The quotation mark this word is, if it is one: the one place that knows the marks.
    pub fn quote_mark(&self) -> Option<QuoteMark> {
        let (double, opens, closes) = match self.text {
            "\"" => (true, true, true),
            "“" | "``" => (true, true, false),
            "”" | "''" => (true, false, true),
            "'" => (false, true, true),
            "‘" => (false, true, false),
            "’" => (false, false, true),
            _ => return None,
        };
        Some(QuoteMark {
            double,
            opens,
            closes,
        })
    }
    fn is(&self, lemma: &str) -> bool {
        self.lemma.eq_ignore_ascii_case(lemma)
    }
    fn is_nominal(&self) -> bool {
        matches!(self.upos, Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num)
    }
    /// "neither" or "nor" right before a verb: it denies that verb ("neither confirmed nor
    /// denied": neither is said).
    fn is_paired_negation(&self) -> bool {
        self.is("neither") || self.is("nor")
    }
    /// A negation word inside a verb group ("not", "n't", "never").
    fn is_negation(&self) -> bool {
        matches!(self.upos, Upos::Part | Upos::Adv)
            && (self.is("not") || self.text.eq_ignore_ascii_case("n't") || self.is("never"))
    }
}

/// Whether word `j` is a hyphen written between two words with no space ("Ortega-Lund",
/// "two-day"): it joins them into one, where a spaced dash ("Paris - and London") does not.
pub fn joins_words(words: &[Word], j: usize) -> bool {
    let (Some(before), Some(after)) = (j.checked_sub(1).map(|i| &words[i]), words.get(j + 1))
    else {
        return false;
    };
    let w = &words[j];
    matches!(w.text, "-" | "\u{2010}" | "\u{2011}")
        && before.end == w.start
        && w.end == after.start
        && after.text.starts_with(char::is_alphanumeric)
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
        self.words_text(p.first, p.last)
    }

    /// Words `first..=last` as written: single spaces between them, none before a clitic
    /// ("Norland's") nor around a hyphen that joins two words ("Ortega-Lund").
    pub fn words_text(&self, first: usize, last: usize) -> String {
        let mut s = String::new();
        for (j, w) in self.words.iter().enumerate().take(last + 1).skip(first) {
            let joined = joins_words(&self.words, j) || (j > 0 && joins_words(&self.words, j - 1));
            if !s.is_empty() && !joined && !w.text.starts_with('\'') && !w.text.starts_with('’') {
                s.push(' ');
            }
            s.push_str(w.text);
        }
        s
    }
}

mod clauses;
mod link;
mod phrases;
mod setoff;
mod verbs;

#[cfg(test)]
mod relative_tests;
#[cfg(test)]
pub(crate) mod tests;
