//! Gists: one clause's proposition as comparable content — who it is about, who says it,
//! the relation, the content words of the clause and of its sentence (folded through the
//! lexicon), its amounts and the value of a functional relation.

use super::amount::{Amount, amounts, measured};
use super::who::{Who, unnamed_voice, who_of};
use super::{Context, SentenceAt};
use crate::claim::Voice;
use crate::lexicon::Lexicon;
use crate::lexicon::schema::Pos;
use crate::parse::{Complement, Parse};
use crate::proposition::{Certainty, Proposition};
use crate::tags::Upos;
use crate::time::{TimeBasis, When};
use serde::{Deserialize, Serialize};

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
    /// The clause after its subject, as written ("did not come from Freedonia").
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
    /// A description the writer gives in passing ("Seaward founder Ola Brenn"), not a
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
    /// What the writer says of `subject` in passing, beside a name or a noun rather than in
    /// a clause of its own (a description, a length): affirmed, by nobody but the writer
    /// until a speaker is set, with no amounts until they are added.
    pub(super) fn in_passing(
        subject: Who,
        subject_text: String,
        subject_words: Vec<String>,
        relation: String,
        said: String,
        core: Vec<String>,
        sentence: Vec<String>,
    ) -> Gist {
        Gist {
            subject,
            subject_text,
            subject_words,
            speaker: None,
            speaker_text: None,
            voice: None,
            relation,
            said,
            core,
            sentence,
            content: Vec::new(),
            amounts: Vec::new(),
            measured: Vec::new(),
            value: None,
            disputed: false,
            negated: false,
            future: false,
            alleged: false,
            rejects: None,
            described: true,
            universal: false,
        }
    }

    /// The gist as said by `said`: its speaker, the speaker's words, or the unnamed voice.
    pub(super) fn said_as(mut self, said: Said) -> Gist {
        self.speaker = said.speaker;
        self.speaker_text = said.speaker_text;
        self.voice = said.voice;
        self
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
    let Said {
        speaker,
        speaker_text,
        voice,
    } = said_by(s, reporter, all, cx);
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
    let value = functional_value(p, q, &subject, cx);
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
        value,
        disputed: q.disputed,
        negated: q.negated,
        future: q.tense == crate::parse::Tense::Future || said_to_come(p, q),
        alleged: alleged(p, q, all, cx.lexicon),
        rejects: rejection(p, q, cx.lexicon),
        described: false,
        universal: q.negated && of_anything(p, q),
    })
}

/// A claim said in passing beside a clause's own (a description, the holder of a post, a
/// length): the word it stands on, the clause whose time it takes and the clause reporting
/// that one, and what kind it is, for `trace`.
pub(super) struct InPassing {
    pub noun: usize,
    pub clause: Option<usize>,
    pub reporter: Option<usize>,
    pub what: &'static str,
    pub gist: Gist,
}

/// What a clause only wishes, asks, supposes or plans ("would hold a two-hour meeting",
/// "may be the president"): what it names did not happen, and nothing said of it in
/// passing holds. A denied clause still presupposes what it names.
pub(super) fn unreal(q: &Proposition) -> bool {
    match q.certainty {
        Certainty::Asserted => q.tense == crate::parse::Tense::Future,
        Certainty::NotClaimed => !q.speaker_asserts,
        Certainty::Hedged | Certainty::Conditional => true,
    }
}

/// Who says a clause: the subject of the clause `reporter` that reports it, by name, or
/// an unnamed voice ("officials said"); nobody but the writer without one.
#[derive(Debug, Clone, Default)]
pub(super) struct Said {
    pub speaker: Option<Who>,
    pub speaker_text: Option<String>,
    pub voice: Option<Voice>,
}

pub(super) fn said_by(
    s: &SentenceAt,
    reporter: Option<usize>,
    all: &[Proposition],
    cx: &Context,
) -> Said {
    let reporter_phrase = reporter.and_then(|r| super::source::source_phrase(s.parse, r, all));
    let speaker = reporter_phrase.and_then(|ph| who_of(s, ph, cx, false));
    let speaker_text = speaker
        .as_ref()
        .and(reporter_phrase)
        .map(|ph| s.parse.phrase_text(ph));
    let voice = match (&speaker, reporter_phrase) {
        (None, Some(ph)) => unnamed_voice(s.parse, ph, cx),
        _ => None,
    };
    Said {
        speaker,
        speaker_text,
        voice,
    }
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
pub(super) fn own(p: &Parse, q: &Proposition, w: usize) -> bool {
    p.clause_at(w) == Some(q.clause)
}

fn inside(p: &Parse, phrase: usize, w: usize) -> bool {
    let ph = &p.phrases[phrase];
    ph.first <= w && w <= ph.last
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

/// The value a clause gives a functional relation of the lexicon ("was born in Leeds",
/// "is the capital of …"), matched on the verb or complement and the preposition after it.
fn functional_value(
    p: &Parse,
    q: &Proposition,
    who: &Who,
    cx: &Context,
) -> Option<(String, String)> {
    let lex = cx.lexicon;
    // Only one thing has one value: "four Americans were killed in …" are many.
    let subject = &p.phrases[*q.subject.first()?];
    let head = &p.words[subject.head];
    // A proper noun keeps its form as its lemma, so "Tavares" is one, "Americans" many;
    // and a name of several words ("Ines Morales") is one, however the tagger takes it.
    let propn = head.upos == Upos::Propn;
    let singular_form = if propn {
        head.text.to_string()
    } else {
        head.text.to_lowercase()
    };
    let full_name = propn && (subject.first..subject.head).any(|w| p.words[w].upos == Upos::Propn);
    // "children", "people": a common noun whose lemma is not its form is plural.
    let plural = !full_name && head.lemma != singular_form && (!propn || head.text.ends_with('s'));
    if plural || (subject.first..=subject.last).any(|w| p.words[w].upos == Upos::Num) {
        return None;
    }
    let c = &p.clauses[q.clause];
    let head = match c.complement {
        // "X is the leader of Y" gives Y's leader, not X's: the subject is the value, which
        // this reading cannot yet say, so it gives none.
        Some(Complement::Phrase(ph)) if p.words[p.phrases[ph].head].upos == Upos::Noun => {
            return None;
        }
        Some(Complement::Phrase(ph)) => p.words[p.phrases[ph].head].text,
        _ => p.words[c.verb.main].text,
    };
    // "born in Leeds": the head and a preposition; "aged 41": the head and its object.
    let mut candidates: Vec<(String, usize)> = c
        .preps
        .iter()
        .map(|pr| {
            (
                format!("{} {}", head.to_lowercase(), p.words[pr.word].lemma),
                pr.phrase,
            )
        })
        .collect();
    // An object's value only in a participle set off right after its name ("Jon Vik, aged
    // 41,"): "moved to Britain aged six", "arrived as a young boy, aged six" give an age at
    // another time.
    let set_off =
        c.verb.main > 1 && p.words[c.verb.main - 1].text == "," && subject.last == c.verb.main - 2;
    candidates.extend(
        c.object
            .filter(|_| set_off)
            .map(|o| (head.to_lowercase(), o)),
    );
    for (phrase, value) in candidates {
        let value_head = &p.words[p.phrases[value].head];
        use crate::lexicon::schema::ArgKind;
        let numeric = value_head.upos == Upos::Num;
        for f in lex.relations() {
            let kind_fits =
                numeric == matches!(f.value, ArgKind::Date | ArgKind::Year | ArgKind::Number);
            let fits = kind_fits
                && (numeric || names_a_value(p, value, lex))
                && has_subject_kind(who, &f.subject, cx);
            if fits && f.phrases.iter().any(|x| x.eq_ignore_ascii_case(&phrase)) {
                // The value takes the numbers joined to it: "in 1987 or 1988", "on Sept. 26,
                // 1987" give every value they allow, so one allowed by both is no clash.
                let v = &p.phrases[value];
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

/// Whether a phrase can be a place, person or organisation a relation has one of: its head
/// is a proper name or a country ("killed in Shabwa", not "killed in a rescue attempt").
pub(super) fn names_a_value(p: &Parse, phrase: usize, lex: &Lexicon) -> bool {
    let head = &p.words[p.phrases[phrase].head];
    head.upos == Upos::Propn || lex.country_of(head.text).is_some()
}

/// Whether a subject can be of the kinds a relation is about: a relation of persons only
/// (born in, age) is not had by a place, an organisation or a country.
fn has_subject_kind(who: &Who, kinds: &[crate::lexicon::schema::ArgKind], cx: &Context) -> bool {
    use crate::lexicon::schema::ArgKind;
    use crate::names::NameKind;
    use crate::rules::schema::EntityKind;
    if kinds != [ArgKind::Person] {
        return true;
    }
    match who {
        Who::Name { kind, .. } => matches!(kind, NameKind::Person | NameKind::Unknown),
        Who::Pack(e) => cx.rules.entities[*e].kind == EntityKind::Person,
        Who::Thing { .. } => true,
    }
}

/// Whether two folded words say the same: equal, or synonyms in the lexicon.
pub(super) fn same_word(lex: &Lexicon, a: &str, b: &str) -> bool {
    a == b
        || [Pos::Verb, Pos::Noun, Pos::Adj]
            .iter()
            .any(|&pos| lex.synonyms(a, pos).iter().any(|s| s == b))
}
