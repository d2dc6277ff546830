//! Gists: one clause's proposition as comparable content — who it is about, who says it,
//! the relation, the content words of the clause and of its sentence (folded through the
//! lexicon), its amounts and the value of a functional relation.

use super::{Context, SentenceAt};
use crate::claim::{Voice, VoiceKind};
use crate::lexicon::Lexicon;
use crate::lexicon::schema::Pos;
use crate::names::NameKind;
use crate::parse::{Complement, Link, Parse};
use crate::proposition::Proposition;
use crate::quantity::{Bound, find_duration, number_word};
use crate::tags::Upos;
use crate::time::{TimeBasis, When};
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

/// An amount a clause states, with the noun it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    pub value: f64,
    pub bound: Bound,
    /// The counted noun's lemma, or the unit ("minute" for durations, "%").
    pub unit: String,
    pub text: String,
}

/// A clause's proposition in comparable form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gist {
    pub subject: Who,
    /// The subject as written, and its folded content words.
    pub subject_text: String,
    pub subject_words: Vec<String>,
    pub speaker: Option<Who>,
    pub speaker_text: Option<String>,
    /// A speaker the text gives no name ("a satirical website claimed", "officials said"):
    /// the claim's voice, heard through the outlet that reports it, when `speaker` is none.
    #[serde(default)]
    pub voice: Option<Voice>,
    /// The relation's lemma ("withdraw", "pull back", "be guilty").
    pub relation: String,
    /// The clause after its subject, as written ("did not come from El Salvador").
    pub said: String,
    /// Folded content words of the clause outside its subject, sorted.
    pub core: Vec<String>,
    /// Folded content words of the whole sentence, sorted.
    pub sentence: Vec<String>,
    /// Folded content words of the clauses the relation takes as its content ("allow her
    /// *to get surgery*", "denied *interfering*"), sorted: two relations with different
    /// content are different propositions.
    #[serde(default)]
    pub content: Vec<String>,
    pub amounts: Vec<Amount>,
    /// Folded content words of what the clause's amounts measure: its object, or for an
    /// object that is itself an amount ("4 hours of exercise") the phrase after its "of".
    #[serde(default)]
    pub measured: Vec<String>,
    /// A functional relation's id and the value the clause gives it.
    pub value: Option<(String, String)>,
    /// The clause stands under a verb of denial: its speaker holds the opposite.
    pub disputed: bool,
    pub negated: bool,
    /// Said of the future ("will be charged"): what is or was so does not answer it.
    pub future: bool,
    /// Said by its speaker but not vouched for by the writer ("accused X of …", "claimed
    /// that …"): an allegation.
    pub alleged: bool,
    /// The clause rejects what others said ("rejected the allegations", "disputes this
    /// claim").
    pub rejects: Option<Rejects>,
    /// A description the writer gives in passing ("Greenpeace founder Don White"), not a
    /// clause: it can be contradicted, but two of them agreeing is no finding.
    #[serde(default)]
    pub described: bool,
    /// Negated of anything at all ("is not withdrawing from anything", "did not take any
    /// step"): it denies the relation whatever else another clause says of it.
    #[serde(default)]
    pub universal: bool,
}

/// What a rejection is aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rejects {
    /// Allegations about its subject, wherever they were made.
    Allegations,
    /// The claim just before, by its demonstrative ("this claim").
    Reference,
}

impl Gist {
    /// One line for `trace` and reasons: "subject | relation | core".
    pub fn reading(&self) -> String {
        let mut s = format!(
            "subject `{}`, relation `{}`, content [{}]",
            self.subject_text,
            self.relation,
            self.core.join(", ")
        );
        if !self.content.is_empty() {
            s.push_str(&format!(", taking [{}]", self.content.join(", ")));
        }
        if let Some(sp) = &self.speaker_text {
            s.push_str(&format!(", said by `{sp}`"));
        }
        if let Some((id, v)) = &self.value {
            s.push_str(&format!(", {id} = {v}"));
        }
        if self.alleged {
            s.push_str(", alleged");
        }
        match self.rejects {
            Some(Rejects::Allegations) => s.push_str(", rejects what is alleged"),
            Some(Rejects::Reference) => s.push_str(", rejects the claim before"),
            None => {}
        }
        for a in &self.amounts {
            s.push_str(&format!(", amount {} {}", a.value, a.unit));
        }
        s
    }
    /// Whether the speaker holds the clause true, once negation and denial are read.
    pub fn holds(&self) -> bool {
        self.negated == self.disputed
    }
}

/// Lemmas that carry no content of their own in a clause (English grammar).
const LIGHT: &[&str] = &["be", "have", "do", "get", "make", "take", "say", "tell"];

/// The gist of proposition `q`; `reporter` is the clause whose verb reports it, if any.
pub(super) fn gist_of(
    s: &SentenceAt,
    q: &Proposition,
    all: &[Proposition],
    reporter: Option<usize>,
    cx: &Context,
) -> Option<Gist> {
    let p = s.parse;
    // "Norland's envoy was not Lena Marsh": a copula from a common noun to a name says
    // what the name is, as "Lena Marsh was not Norland's envoy" does.
    let inverse = inverse_copula(s, q, cx);
    let subject_phrase = match inverse {
        Some((name, _)) => name,
        None => *q.subject.first()?,
    };
    // Times are compared as times, not as words, and never are what a clause is about.
    let timed = &s.timed;
    if timed.contains(&p.phrases[subject_phrase].head) {
        return None;
    }
    // "It is clear (that) …", "it is likely …": an "it" before a copula and an adjective
    // stands for the clause after it, never for an organisation named earlier.
    let expletive = p.words[p.phrases[subject_phrase].head].lemma == "it"
        && matches!(
            p.clauses[q.clause].complement,
            Some(Complement::Adjective(_))
        );
    if expletive {
        return None;
    }
    let subject = who_of(s, subject_phrase, cx, true)?;
    let reporter_phrase = reporter
        .and_then(|r| all.iter().find(|o| o.clause == r))
        .and_then(|o| o.subject.first().copied());
    let speaker = reporter_phrase.and_then(|ph| who_of(s, ph, cx, false));
    let speaker_text = speaker
        .as_ref()
        .and(reporter_phrase)
        .map(|ph| p.phrase_text(ph));
    let voice = match (&speaker, reporter_phrase) {
        (None, Some(ph)) => unnamed_voice(p, ph, cx),
        _ => None,
    };
    let (first, last) = own_words(p, q);
    let skip = |w: usize| q.subject.iter().any(|&ph| inside(p, ph, w));
    let core = folded(
        p,
        cx.lexicon,
        (first..=last).filter(|&w| !skip(w) && own(p, q, w) && !timed.contains(&w)),
    );
    let (core, relation) = match inverse {
        Some((_, noun)) => {
            let ph = &p.phrases[noun];
            // The noun with its possessor and the phrases after it ("the winner of the race").
            let first = ph.possessor.map(|o| p.phrases[o].first).unwrap_or(ph.first);
            let words = first
                ..=p.clauses[q.clause]
                    .verb
                    .first
                    .saturating_sub(1)
                    .max(ph.last);
            let relation = format!("be {}", p.words[ph.head].lemma.to_lowercase());
            (folded(p, cx.lexicon, words), relation)
        }
        None => (core, q.relation.to_lowercase()),
    };
    if core.is_empty() {
        return None;
    }
    let mut sentence = s.words.clone();
    // A verb with its particle ("pull out") is one relation, whose synonyms are known.
    let mut core = core;
    if relation.contains(' ') && !relation.starts_with("be ") {
        for set in [&mut core, &mut sentence] {
            set.push(relation.clone());
            set.sort_unstable();
            set.dedup();
        }
    }
    let said_from = p.words[first].start;
    let said_to = p.words[last].end;
    Some(Gist {
        subject,
        subject_text: p.phrase_text(subject_phrase),
        subject_words: {
            let ph = &p.phrases[subject_phrase];
            folded(p, cx.lexicon, ph.first..=ph.last)
        },
        speaker,
        speaker_text,
        voice,
        relation,
        said: s.body[said_from..said_to].to_string(),
        core,
        sentence,
        content: folded(
            p,
            cx.lexicon,
            (0..p.words.len()).filter(|&w| taken_as_content(p, q.clause, w) && !timed.contains(&w)),
        ),
        amounts: amounts(s, p, q, first, last),
        measured: measured(p, q, cx.lexicon),
        value: functional_value(p, q, cx.lexicon),
        disputed: q.disputed,
        negated: q.negated,
        future: q.tense == crate::parse::Tense::Future || said_to_come(p, q),
        alleged: alleged(p, q, all, cx.lexicon),
        rejects: rejection(p, q, cx.lexicon),
        described: false,
        universal: q.negated && of_anything(p, q),
    })
}

/// A copula whose subject is a common noun and whose complement names someone ("the
/// winner was Anna Berg", "Norland's envoy is Lena Marsh"): the name's phrase and the
/// noun's, so the clause is read as what the named one is.
fn inverse_copula(s: &SentenceAt, q: &Proposition, cx: &Context) -> Option<(usize, usize)> {
    let p = s.parse;
    let c = &p.clauses[q.clause];
    let (&[noun], Some(Complement::Phrase(name))) = (q.subject.as_slice(), c.complement) else {
        return None;
    };
    let common = p.words[p.phrases[noun].head].upos == Upos::Noun && !p.phrases[noun].negative;
    let named = p.words[p.phrases[name].head].upos == Upos::Propn
        && matches!(
            who_of(s, name, cx, true),
            Some(Who::Name { .. } | Who::Pack(_))
        );
    (c.verb.copula && common && named).then_some((name, noun))
}

/// Whether the clause's object, or a phrase after one of its prepositions, is "anything",
/// "anyone" or "any …": what is denied of it is denied of everything.
fn of_anything(p: &Parse, q: &Proposition) -> bool {
    let c = &p.clauses[q.clause];
    c.object
        .into_iter()
        .chain(c.preps.iter().map(|x| x.phrase))
        .any(|ph| {
            let ph = &p.phrases[ph];
            let (first, head) = (&p.words[ph.first], &p.words[ph.head]);
            first.text.eq_ignore_ascii_case("any")
                || ["anything", "anyone", "anybody", "anywhere"]
                    .iter()
                    .any(|w| head.text.eq_ignore_ascii_case(w))
        })
}

/// "would never come around", "said it would withdraw": "would" looks ahead from a past
/// moment, so what the clause says is to come, not what is or was so.
fn said_to_come(p: &Parse, q: &Proposition) -> bool {
    p.clauses[q.clause]
        .verb
        .modal
        .is_some_and(|m| p.words[m].lemma == "would")
}

/// Whether the clause is said by someone without the writer vouching for it: under a verb
/// the lexicon calls nonfactive ("accused X of", "claimed that", "alleged that").
fn alleged(p: &Parse, q: &Proposition, all: &[Proposition], lex: &Lexicon) -> bool {
    use crate::lexicon::schema::{Complement as K, VerbClass};
    if q.speaker_asserts {
        return true;
    }
    let Some(r) = q
        .reported_by
        .and_then(|r| all.iter().find(|o| o.clause == r))
    else {
        return false;
    };
    let verb = &p.words[p.clauses[r.clause].verb.main].lemma;
    [K::That, K::From, K::Ing, K::NounThat]
        .iter()
        .filter_map(|&k| lex.implicative(verb, k))
        .any(|s| s.class == VerbClass::Nonfactive)
}

/// Whether a verb is one of saying: it frames what others say rather than claiming.
pub(super) fn is_saying(lex: &Lexicon, verb: &str) -> bool {
    matches!(verb, "say" | "tell") || lex.is_saying_verb(verb)
}

/// Whether a clause rejects what others said: a verb of dispute ("reject", "deny",
/// "dismiss") whose object is a noun of saying — a noun whose verb the lexicon knows as a
/// verb of saying ("allegation" → allege, "claim").
fn rejection(p: &Parse, q: &Proposition, lex: &Lexicon) -> Option<Rejects> {
    use crate::lexicon::schema::{Complement as K, VerbClass};
    let c = &p.clauses[q.clause];
    if q.negated || q.disputed {
        return None;
    }
    let verb = &p.words[c.verb.main].lemma;
    let sig = lex
        .implicative(verb, K::NounThat)
        .or_else(|| lex.implicative(verb, K::That))?;
    if sig.class != VerbClass::Dispute {
        return None;
    }
    let o = &p.phrases[c.object?];
    let head = &p.words[o.head];
    if head.upos != Upos::Noun {
        return None;
    }
    if !lex.is_saying_noun(&head.lemma.to_lowercase()) {
        return None;
    }
    // Only "this claim", "that report" points at one claim just made; "those
    // accusations" sums up what was said before, too loosely to aim at one claim.
    let det = &p.words[o.first];
    if matches!(det.lemma.as_ref(), "these" | "those" | "such") {
        return None;
    }
    let demonstrative =
        matches!(det.lemma.as_ref(), "this" | "that") && !head.text.to_lowercase().ends_with('s');
    Some(if demonstrative {
        Rejects::Reference
    } else {
        Rejects::Allegations
    })
}

/// The clause's words after its subject: from the verb group to the clause's end.
fn own_words(p: &Parse, q: &Proposition) -> (usize, usize) {
    let c = &p.clauses[q.clause];
    (c.verb.first.min(c.last), c.last)
}

/// The words inside the times a sentence states ("on Monday", "last year"), and those
/// times with their first words, from the sentence's `times` (read once per sentence; the
/// sentence starts at byte `start`).
pub(super) fn times_of(
    start: usize,
    times: &[crate::time::TimeMention],
    p: &Parse,
) -> (Vec<usize>, Vec<Stated>) {
    let inside = |m: &crate::time::TimeMention, w: &crate::parse::Word| {
        start + m.start <= w.start && w.end <= start + m.end
    };
    let timed = (0..p.words.len())
        .filter(|&i| times.iter().any(|m| inside(m, &p.words[i])))
        .collect();
    let stated = times
        .iter()
        .filter_map(|m| {
            let (from, to) = m.span?;
            let word = p.words.iter().position(|w| inside(m, w))?;
            Some(Stated {
                word,
                precision: m.precision,
                when: When {
                    start: from,
                    end: to,
                    basis: TimeBasis::Stated,
                    text: Some(m.text.clone()),
                },
            })
        })
        .collect();
    (timed, stated)
}

/// A time a sentence states, with the first of its words.
#[derive(Debug, Clone)]
pub(super) struct Stated {
    pub word: usize,
    pub precision: u8,
    pub when: When,
}

/// When the proposition of clause `clause` holds: the most precise time stated in it or
/// in the clauses it takes as content ("due to meet next month"), in a clause it hangs
/// from or that reports it ("…, she said on Saturday"), or outside every clause ("On
/// Monday, …"). A time in another clause is that clause's: "The tower, finished in 1974,
/// has 110 stories" has them now. Without one, the article's date.
pub(super) fn time_of_clause(
    p: &Parse,
    clause: usize,
    reporter: Option<usize>,
    stated: &[Stated],
    date: Option<jiff::civil::Date>,
) -> Option<When> {
    let mut own = p.chain(clause);
    own.extend(reporter.map(|r| p.chain(r)).unwrap_or_default());
    stated
        .iter()
        .filter(|t| {
            p.clause_at(t.word)
                .is_none_or(|c| own.contains(&c) || taken_as_content(p, clause, t.word))
        })
        .max_by_key(|t| t.precision)
        .map(|t| t.when.clone())
        .or_else(|| date.map(|d| When::day(d, TimeBasis::Published, None)))
}

/// The folded content words of a sentence outside its times.
pub(super) fn sentence_words(p: &Parse, lex: &Lexicon, timed: &[usize]) -> Vec<String> {
    folded(p, lex, (0..p.words.len()).filter(|w| !timed.contains(w)))
}

/// Whether word `w` stands in a clause under `clause` that is its content: reached from
/// `clause` through infinitives, gerunds and that-clauses only.
fn taken_as_content(p: &Parse, clause: usize, w: usize) -> bool {
    use crate::parse::Link;
    let Some(at) = p.clause_at(w) else {
        return false;
    };
    if at == clause {
        return false;
    }
    let chain = p.chain(at);
    let Some(up) = chain.iter().position(|&c| c == clause) else {
        return false;
    };
    chain[..up]
        .iter()
        .all(|&c| matches!(p.clauses[c].link, Link::To | Link::Gerund | Link::That))
}

/// Whether word `w` belongs to clause `q` itself, not to a clause under it.
fn own(p: &Parse, q: &Proposition, w: usize) -> bool {
    p.clause_at(w) == Some(q.clause)
}

fn inside(p: &Parse, phrase: usize, w: usize) -> bool {
    let ph = &p.phrases[phrase];
    ph.first <= w && w <= ph.last
}

/// Whom a noun phrase names: a pack entity mentioned in it, a proper name, a person
/// named before for "he"/"she", or a definite common noun. `None` for what cannot be
/// told apart across articles ("a man", "it", "this").
pub(super) fn who_of(s: &SentenceAt, phrase: usize, cx: &Context, subject: bool) -> Option<Who> {
    let p = s.parse;
    let ph = &p.phrases[phrase];
    // Only a name that covers the phrase's head names what the phrase is about: in "a
    // Russian spacecraft" the country is a modifier, the spacecraft the subject.
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
                key: head.lemma.to_lowercase(),
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

/// "…," Peskov said: a verb of saying after clause `k`, with no clause of its own under it
/// (a relative or adverbial clause, "in a story that went viral", reports nothing), reports
/// what stands before it. A negated one ("…, the Pentagon did not confirm") says it was
/// not said.
pub(super) fn trailing_reporter(p: &Parse, k: usize, lex: &Lexicon) -> Option<usize> {
    let end = p.clauses[k].last;
    let reports_own = |r: usize| {
        p.clauses
            .iter()
            .any(|d| d.parent == Some(r) && matches!(d.link, Link::That | Link::To | Link::Gerund))
    };
    (0..p.clauses.len()).find(|&r| {
        let c = &p.clauses[r];
        r != k
            && c.verb.first > end
            && !c.subject_inherited
            && !reports_own(r)
            && is_saying(lex, &p.words[c.verb.main].lemma)
    })
}

/// A reporting verb's subject that names nobody but is someone ("a satirical website",
/// "a spokesperson", "a new study"): a source or a document as the pack's words call its
/// noun.
fn unnamed_voice(p: &Parse, phrase: usize, cx: &Context) -> Option<Voice> {
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
    let c = p
        .clauses
        .iter()
        .filter(|c| !c.subject_inherited && c.verb.last < word)
        .rfind(|c| c.subject.iter().all(|&ph| p.phrases[ph].last < word))?;
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
        key: head.lemma.to_lowercase(),
    })
}

fn person_before(s: &SentenceAt, at: usize, pronoun: &str) -> Option<Who> {
    let kinds: &[NameKind] = match pronoun {
        "he" | "she" => &[NameKind::Person],
        "it" => &[NameKind::Organisation, NameKind::Unknown],
        _ => return None,
    };
    s.names
        .iter()
        .filter(|n| kinds.contains(&n.kind))
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

/// A word folded to what it means for comparison: a country's words to its id, a noun of
/// an act to its verb ("invasion" → "invade"), else its lemma in lower case.
pub(super) fn fold(lex: &Lexicon, text: &str, lemma: &str, upos: Upos) -> String {
    if matches!(upos, Upos::Propn | Upos::Adj | Upos::Noun)
        && let Some(c) = lex.country_of(text)
    {
        return format!("@{c}");
    }
    let lemma = lemma.to_lowercase();
    if upos == Upos::Noun
        && let Some(d) = lex
            .derivations(&lemma)
            .iter()
            .find(|d| d.kind == crate::lexicon::DerivationKind::Verb)
    {
        return d.word.clone();
    }
    lemma
}

/// The sorted, distinct folded content words of the given words.
pub(super) fn folded(p: &Parse, lex: &Lexicon, words: impl Iterator<Item = usize>) -> Vec<String> {
    let mut out: Vec<String> = words
        .filter_map(|i| {
            let w = &p.words[i];
            let content = matches!(
                w.upos,
                Upos::Noun | Upos::Propn | Upos::Verb | Upos::Adj | Upos::Num
            );
            (content
                && !LIGHT.contains(&w.lemma.as_ref())
                && w.text.chars().any(char::is_alphanumeric))
            .then(|| fold(lex, w.text, &w.lemma, w.upos))
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The amounts a clause states: durations, and numbers with the noun they count.
fn amounts(s: &SentenceAt, p: &Parse, q: &Proposition, first: usize, last: usize) -> Vec<Amount> {
    let mut out = Vec::new();
    let (from, to) = (p.words[first].start, p.words[last].end);
    if let Some((_, _, d)) = find_duration(&s.body[from..to]) {
        out.push(Amount {
            value: d.value,
            bound: d.bound,
            unit: "minute".into(),
            text: d.text,
        });
        return out;
    }
    for i in first..=last {
        let w = &p.words[i];
        if w.upos != Upos::Num || !own(p, q, i) {
            continue;
        }
        let Some(mut value) = number_value(w.text) else {
            continue;
        };
        // A year is a time, not an amount.
        if w.text.len() == 4 && (1000.0..=2200.0).contains(&value) {
            continue;
        }
        let mut next = i + 1;
        if let Some(m) = p.words.get(next).and_then(|n| scale(&n.lemma)) {
            value *= m;
            next += 1;
        }
        let unit = match p.words.get(next) {
            Some(n) if n.text == "%" || n.lemma == "percent" => "%".to_string(),
            Some(n) if n.upos == Upos::Noun => n.lemma.to_lowercase(),
            _ => continue,
        };
        out.push(Amount {
            value,
            bound: bound_before(p, i),
            unit,
            text: s.body[w.start..p.words[next.min(p.words.len() - 1)].end].to_string(),
        });
    }
    out
}

/// What a clause's amounts measure: the object's content words, or, when the object is
/// itself an amount ("targets 4 hours of exercise"), those of the phrase after its "of".
fn measured(p: &Parse, q: &Proposition, lex: &Lexicon) -> Vec<String> {
    let Some(o) = q.object else {
        return Vec::new();
    };
    let ph = &p.phrases[o];
    let counted = (ph.first..=ph.last).any(|w| p.words[w].upos == Upos::Num);
    let target = if counted {
        ph.of.map(|pr| pr.phrase)
    } else {
        Some(o)
    };
    target
        .map(|t| folded(p, lex, p.phrases[t].first..=p.phrases[t].last))
        .unwrap_or_default()
}

fn number_value(text: &str) -> Option<f64> {
    let digits: String = text.chars().filter(|&c| c != ',').collect();
    digits.parse::<f64>().ok().or_else(|| number_word(text))
}

fn scale(lemma: &str) -> Option<f64> {
    match lemma {
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        "billion" => Some(1e9),
        _ => None,
    }
}

/// The bound the words before a number put on it ("at least", "about", "nearly").
fn bound_before(p: &Parse, i: usize) -> Bound {
    let word = |k: usize| i.checked_sub(k).map(|j| p.words[j].lemma.to_lowercase());
    let (one, two) = (word(1).unwrap_or_default(), word(2).unwrap_or_default());
    match (two.as_str(), one.as_str()) {
        ("at", "least") | ("more", "than") | (_, "over") => Bound::AtLeast,
        ("at", "most")
        | ("less", "than")
        | ("fewer", "than")
        | (_, "nearly")
        | (_, "almost")
        | ("up", "to")
        | (_, "under") => Bound::AtMost,
        (_, "about" | "around" | "roughly" | "approximately" | "some") => Bound::About,
        _ => Bound::Exact,
    }
}

/// The value a clause gives a functional relation of the lexicon ("was born in Leeds",
/// "is the capital of …"), matched on the verb or complement and the preposition after it.
fn functional_value(p: &Parse, q: &Proposition, lex: &Lexicon) -> Option<(String, String)> {
    // Only one thing has one value: "four Americans were killed in …" are many.
    let subject = &p.phrases[*q.subject.first()?];
    let head = &p.words[subject.head];
    let plural = head.lemma != head.text.to_lowercase() && head.text.ends_with('s');
    if plural || (subject.first..=subject.last).any(|w| p.words[w].upos == Upos::Num) {
        return None;
    }
    let c = &p.clauses[q.clause];
    let head = match c.complement {
        Some(Complement::Phrase(ph)) => p.words[p.phrases[ph].head].text,
        _ => p.words[c.verb.main].text,
    };
    for pr in &c.preps {
        let phrase = format!("{} {}", head.to_lowercase(), p.words[pr.word].lemma);
        let value_head = &p.words[p.phrases[pr.phrase].head];
        let is_date = value_head.upos == Upos::Num;
        for f in lex.relations() {
            let kind_fits = is_date
                == matches!(
                    f.value,
                    crate::lexicon::schema::ArgKind::Date | crate::lexicon::schema::ArgKind::Year
                );
            if kind_fits && f.phrases.iter().any(|x| x.eq_ignore_ascii_case(&phrase)) {
                // The value takes the numbers joined to it: "in 1987 or 1988", "on Sept. 26,
                // 1987" give every value they allow, so one allowed by both is no clash.
                let v = &p.phrases[pr.phrase];
                let mut end = v.last;
                while p.words.get(end + 1).is_some_and(|w| {
                    w.upos == Upos::Num || w.text == "," || w.text.eq_ignore_ascii_case("or")
                }) {
                    end += 1;
                }
                let key = folded(p, lex, v.first..=end).join(" ");
                return (!key.is_empty()).then(|| (f.id.clone(), key));
            }
        }
    }
    None
}

/// Whether two folded words say the same: equal, or synonyms in the lexicon.
pub(super) fn same_word(lex: &Lexicon, a: &str, b: &str) -> bool {
    a == b
        || [Pos::Verb, Pos::Noun, Pos::Adj]
            .iter()
            .any(|&pos| lex.synonyms(a, pos).iter().any(|s| s == b))
}
