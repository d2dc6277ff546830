//! General claims: what the clauses of any sentence assert, read through the language layer
//! into claims that need no beat rule — subject, relation, object, polarity, speaker,
//! modality, amounts and time — so that contradictions of any beat can be found.
//!
//! The steps, a room each:
//!
//! - `gist`: one clause's proposition as comparable content: who it is about, the relation's
//!   lemma, the content words of the clause and of its sentence (folded through the lexicon:
//!   country words to their country, nouns of an act to their verb), its amounts and the
//!   value of a functional relation.
//!   Its parts: `who` (whom a noun phrase names: a pack entity, a name, a titled person, the
//!   person or thing a pronoun stands for, an unnamed voice) and `amount` (durations and
//!   counts, with their bounds).
//! - `source`: who reports a clause beyond the verb it stands under: a verb of saying after
//!   it ("…," Hale said), inverted ("…," said Hale), or "according to …" anywhere in the
//!   sentence, and the phrase that names that source.
//! - `lasting`: lengths in passing ("a 90-minute call"): a `last` claim about the event.
//! - `mention`: clauses that are only mentioned, nobody's claim: a noun's content
//!   ("rumours that …") and a quoted clause used as a name or modifier.
//! - `description`: what a common noun beside a name says the named one is ("Seaward
//!   founder Ola Brenn", "Skyline, the national airline,"): the writer's claim in passing,
//!   which a sentence saying otherwise contradicts but another description never agrees with.
//! - `holder`: who holds a post one thing has one of ("the capital of Norland is Eastport",
//!   "Ana Ferreira is the president of the federation"): a claim about what has the post,
//!   with the holder as its functional value; "the former/deputy …" and "a …" name none.
//! - `judge`: whether two gists about one subject cannot both hold, and why (negation,
//!   opposite, amount, functional value, denial), naming the lexicon entry it used.
//! - `vocabulary`: the entities and relations general claims found, added after the pack's
//!   own as runtime entities, families and predicates, so the claims flow through the same
//!   graph, blocks, verdicts and reports as beat claims.
//!
//! Pack entities always win: a subject or speaker the pack names is the pack's entity (with
//! its `speaks_for`); other proper names become entities of their own, the same across the
//! corpus by full name.

mod amount;
mod description;
mod gist;
mod holder;
mod judge;
mod lasting;
mod mention;
mod source;
mod vocabulary;
mod who;

pub use amount::Amount;
pub use gist::{Gist, Rejects};
pub use judge::{Clash, Finding, judge};
pub use vocabulary::{GENERAL_STATE, resolve, slug, who_id};
pub use who::Who;

use crate::article::{Article, Lines};
use crate::claim::{Claim, Modality, Polarity, Stance, Subject, claim_id};
use crate::lexicon::Lexicon;
use crate::names::{Name, NameWords, names_in_some};
use crate::parse::{Link, Parse, Reader};
use crate::proposition::{Certainty, Proposition, propositions};
use crate::rules::{Owner, PhraseMatch, RuleSet};
use crate::time::find_times;

/// Sentences longer than this many words are lists, tables or run-ons: not read.
const MAX_WORDS: usize = 80;

/// Placeholder index of a subject or speaker that `resolve` has not placed yet.
pub const UNPLACED: usize = usize::MAX;

/// What the general reader needs besides the article: the pack (its entities win), the
/// lexicon, and the spans of sentences that already gave beat claims (whose clauses are
/// the beat's: only what they say in passing is read).
pub struct Context<'a> {
    pub rules: &'a RuleSet,
    pub lexicon: &'a Lexicon,
    pub names: &'a NameWords,
    /// Pack entity mentions in the body: (start, end, entity index).
    pub mentions: &'a [(usize, usize, usize)],
    /// Sentence spans that gave beat claims.
    pub taken: &'a [(usize, usize)],
    /// Those of them whose beat claim carries a quantity: a length in passing there may
    /// be the one the beat claim measured, so none is read.
    pub measured: &'a [(usize, usize)],
}

impl Context<'_> {
    /// Runs `read` with the context of an article: the pack's entity mentions among its
    /// phrase `matches`, the pack's name words (titles, organisation and place words, so
    /// "Dr. Lena Marsh" is Lena Marsh and "the Ministry of Defence" one name), and the
    /// sentence spans of the article's `beat` claims.
    pub fn of_article<R>(
        rules: &RuleSet,
        lexicon: &Lexicon,
        matches: &[PhraseMatch],
        beat: &[Claim],
        read: impl FnOnce(&Context) -> R,
    ) -> R {
        let mentions = mentions_of(matches, rules);
        let taken: Vec<(usize, usize)> = beat.iter().map(|c| c.span).collect();
        let measured: Vec<(usize, usize)> = beat
            .iter()
            .filter(|c| c.quantity.is_some())
            .map(|c| c.span)
            .collect();
        read(&Context {
            rules,
            lexicon,
            names: &rules.name_words,
            mentions: &mentions,
            taken: &taken,
            measured: &measured,
        })
    }
}

/// The pack entity mentions among a body's phrase matches: (start, end, entity index).
fn mentions_of(matches: &[PhraseMatch], rules: &RuleSet) -> Vec<(usize, usize, usize)> {
    matches
        .iter()
        .filter_map(|m| match rules.phrases.phrases[m.phrase].owner {
            Owner::Alias(e) => Some((m.start, m.end, e)),
            _ => None,
        })
        .collect()
}

/// How much of an article the language layer read, for coverage statistics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Read {
    pub sentences: usize,
    pub bytes: usize,
}

/// The general claims of one article (subjects and speakers not yet placed: see
/// [`resolve`]).
pub fn read_article(
    article_index: usize,
    article: &Article,
    sentences: &[(usize, usize)],
    cx: &Context,
) -> (Vec<Claim>, Read) {
    let (claims, read, _) = read_sentences(article_index, article, sentences, cx, false);
    (claims, read)
}

/// What the language layer made of one sentence, for `trace`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceReading {
    pub span: (usize, usize),
    /// Why the sentence was not read; `None` when it was.
    pub unread: Option<&'static str>,
    /// Its tagged words and clauses (see `Parse::describe`), when it was read.
    pub parse: String,
    /// Each proposition's relation, and why it made no claim (`None`: it made one).
    pub propositions: Vec<(String, Option<&'static str>)>,
}

/// The general claims of one article with, for each sentence, what the layer made of it.
pub fn trace_article(
    article: &Article,
    sentences: &[(usize, usize)],
    cx: &Context,
) -> (Vec<Claim>, Vec<SentenceReading>) {
    let (claims, _, readings) = read_sentences(0, article, sentences, cx, true);
    (claims, readings)
}

/// Reads the sentences worth reading; with `log`, says what became of every sentence.
fn read_sentences(
    article_index: usize,
    article: &Article,
    sentences: &[(usize, usize)],
    cx: &Context,
    log: bool,
) -> (Vec<Claim>, Read, Vec<SentenceReading>) {
    let body = article.body.as_str();
    let mut reader = Reader::default();
    let mut read = Read::default();
    let mut parses: Vec<Parse> = Vec::new();
    let mut spans = Vec::new();
    let mut readings = Vec::new();
    for &(start, end) in sentences {
        // A sentence whose beat claim measured something gives nothing in passing either
        // (see `sentence_claims`): it is not parsed.
        let mut unread = unread_reason(body, (start, end)).or_else(|| {
            overlaps(cx.measured, (start, end))
                .then_some("the sentence gave a beat claim that carries a quantity")
        });
        let p = unread.is_none().then(|| reader.read(body, start, end));
        if let Some(p) = &p {
            if p.words.len() > MAX_WORDS {
                unread = Some("more words than a claim has: a list, table or run-on");
            } else if p.clauses.is_empty() {
                unread = Some("no clause: no verb with a subject");
            }
        }
        if log {
            readings.push(SentenceReading {
                span: (start, end),
                unread,
                parse: p.as_ref().map(Parse::describe).unwrap_or_default(),
                propositions: Vec::new(),
            });
        }
        let (Some(p), None) = (p, unread) else {
            continue;
        };
        read.sentences += 1;
        read.bytes += end - start;
        parses.push(p);
        spans.push((start, end));
    }
    // Which read sentences gave beat claims: only what they say in passing is read, and
    // their names are not gathered (there the pack places the people, and a name read
    // there would change whom "he" and "she" stand for in the sentences read whole).
    let beat: Vec<bool> = spans.iter().map(|&span| overlaps(cx.taken, span)).collect();
    let mut names = names_in_some(&parses, cx.names, |si| !beat[si]);
    // The times each sentence states, found once.
    let times: Vec<Vec<crate::time::TimeMention>> = spans
        .iter()
        .map(|&(from, to)| find_times(&body[from..to], article.info.date))
        .collect();
    // "Monday", "March", "in February": times are not entities.
    let in_a_time = |&(si, a, b): &(usize, usize, usize)| {
        let from = spans[si].0;
        times[si]
            .iter()
            .any(|m| from + m.start <= a && b <= from + m.end)
    };
    names.retain(|n| {
        let time = find_times(&n.key, None)
            .iter()
            .any(|m| m.end - m.start == n.key.len());
        !time && !n.mentions.iter().all(in_a_time)
    });
    let lines = Lines::new(body, article.line_offset);
    let mut claims = Vec::new();
    for (s, (p, &span)) in parses.iter().zip(&spans).enumerate() {
        let (timed, stated) = gist::times_of(span.0, &times[s], p);
        let words = gist::sentence_words(p, cx.lexicon, &timed);
        let sentence = SentenceAt {
            article,
            article_index,
            body,
            span,
            index: s,
            parse: p,
            names: &names,
            lines: &lines,
            timed,
            words,
            stated,
            beat: beat[s],
        };
        let verdicts = readings.iter_mut().find(|r| r.span == span);
        let mut new = sentence_claims(&sentence, cx, verdicts.map(|r| &mut r.propositions));
        for c in &mut new {
            // What "this claim" answers was said in the three sentences just before.
            let near = claims
                .iter()
                .position(|e: &Claim| s.saturating_sub(3) <= sentence_of(&spans, e.span))
                .unwrap_or(claims.len());
            aim_back(c, &claims[near..]);
        }
        claims.extend(new);
    }
    (claims, read, readings)
}

/// Which read sentence a span is in.
fn sentence_of(spans: &[(usize, usize)], span: (usize, usize)) -> usize {
    spans.partition_point(|&(_, end)| end <= span.0)
}

/// "X disputes this claim": the rejection takes the content of the last claim before it
/// that someone else made, disputed by X and aimed at that claim.
fn aim_back(c: &mut Claim, earlier: &[Claim]) {
    let Some(g) = c.general.as_deref() else {
        return;
    };
    if g.rejects != Some(Rejects::Reference) {
        return;
    }
    let rejecter = g.subject.clone();
    let rejecter_text = g.subject_text.clone();
    // The last claim someone else made about an actor (a name, not a thing): what a
    // dispute answers is what somebody did or said, not how the writer named them.
    let Some(target) = earlier.iter().rev().find(|t| {
        t.general.as_deref().is_some_and(|tg| {
            tg.rejects.is_none()
                && !tg.described
                && tg.subject != rejecter
                && !matches!(tg.subject, Who::Thing { .. })
                && tg.speaker.as_ref() != Some(&rejecter)
        })
    }) else {
        return;
    };
    let Some(tg) = target.general.as_deref() else {
        return;
    };
    let mut gist = tg.clone();
    gist.disputed = !gist.disputed;
    gist.speaker = Some(rejecter);
    gist.speaker_text = Some(rejecter_text);
    gist.voice = None;
    gist.alleged = false;
    c.reasons.push(format!(
        "disputes by reference the claim on line {}: {}",
        target.line, target.id
    ));
    c.target = Some(target.id.clone());
    c.stance = Stance::Disputes;
    c.polarity = target.polarity;
    c.speaker = Some(UNPLACED);
    c.voice = None;
    c.general = Some(Box::new(gist));
}

/// Whether any of `spans` overlaps `span`.
fn overlaps(spans: &[(usize, usize)], (start, end): (usize, usize)) -> bool {
    spans.iter().any(|&(a, b)| a < end && start < b)
}

/// Why a sentence cannot claim anything, by cheap tests before the tagger runs: it is too
/// short or too long, a question, or a heading in capitals.
fn unread_reason(body: &str, span: (usize, usize)) -> Option<&'static str> {
    let (start, end) = span;
    let text = &body[start..end];
    let words = text.split_whitespace().count();
    if !(3..=MAX_WORDS).contains(&words) {
        Some("too few or too many words for a claim")
    } else if text
        .trim_end()
        .trim_end_matches(['.', '…', '"', '\'', '”', '’', ')'])
        .ends_with('?')
    {
        Some("a question")
    } else if !text.chars().any(|c| c.is_lowercase()) {
        Some("no lower-case letter: a heading or a run of capitals")
    } else {
        None
    }
}

/// One parsed sentence and where it stands.
pub(crate) struct SentenceAt<'a> {
    pub article: &'a Article,
    pub article_index: usize,
    pub body: &'a str,
    pub span: (usize, usize),
    /// Index among the article's read sentences (as in `names` mentions).
    pub index: usize,
    pub parse: &'a Parse<'a>,
    pub names: &'a [Name],
    pub lines: &'a Lines,
    /// Word indices inside the times the sentence states, read once per sentence.
    pub timed: Vec<usize>,
    /// The sentence's folded content words outside its times, once per sentence.
    pub words: Vec<String>,
    /// The times it states: each clause's claims hold at the one in their clause.
    stated: Vec<gist::Stated>,
    /// It gave a beat claim: its clauses are the beat's, and only what it says in passing
    /// (a description, the holder of a post, a length) is read.
    pub beat: bool,
}

/// The claims of one sentence's propositions; with `log`, each proposition's relation and
/// why it made no claim.
fn sentence_claims(
    s: &SentenceAt,
    cx: &Context,
    mut log: Option<&mut Vec<(String, Option<&'static str>)>>,
) -> Vec<Claim> {
    let signature =
        |lemma: &str, link, marker: Option<&str>| cx.lexicon.clause_signature(lemma, link, marker);
    let props = propositions(s.parse, &signature);
    let mut out: Vec<Claim> = Vec::new();
    for q in &props {
        let made = if s.beat {
            Err("the sentence gave a beat claim: only what it says in passing is read")
        } else {
            proposition_claim(s, q, &props, cx)
        };
        if let Some(log) = log.as_deref_mut() {
            log.push((q.relation.clone(), made.as_ref().err().copied()));
        }
        if let Ok(claim) = made
            && !out.iter().any(|c| c.id == claim.id)
        {
            out.push(claim);
        }
    }
    // What is said in passing beside the clauses: descriptions, holders of a post, lengths.
    // A sentence that gave a beat claim gives only its lengths (one whose beat claim
    // measured something is not read: the length may be that one); its descriptions and
    // holders would name people the beat claim already places.
    let reporter = |q: &Proposition| reporter_of(s, q, cx);
    let mut in_passing = Vec::new();
    if !s.beat {
        in_passing.extend(description::descriptions(s, cx));
        in_passing.extend(holder::holders(s, &props, cx, reporter));
    }
    in_passing.extend(lasting::lastings(s, &props, cx, reporter));
    for x in in_passing {
        if let Some(log) = log.as_deref_mut() {
            log.push((format!("{} ({})", x.gist.relation, x.what), None));
        }
        let mut claim = claim_at(
            s,
            x.noun,
            Modality::Asserted,
            Polarity::Affirmed,
            Stance::Asserts,
            x.gist,
        );
        if let Some(c) = x.clause {
            claim.when =
                gist::time_of_clause(s.parse, c, x.reporter, &s.stated, s.article.info.date);
        }
        if !out.iter().any(|c| c.id == claim.id) {
            out.push(claim);
        }
    }
    out
}

/// One proposition's claim, or why it makes none.
fn proposition_claim(
    s: &SentenceAt,
    q: &Proposition,
    props: &[Proposition],
    cx: &Context,
) -> Result<Claim, &'static str> {
    if let Some(why) = unclaimable(s.parse, q, props) {
        return Err(why);
    }
    if let Some(why) = mention::mentioned(s.parse, q, cx.lexicon, &s.timed) {
        return Err(why);
    }
    // A verb of saying frames what others say; it claims nothing of its own.
    let verb = &s.parse.words[s.parse.clauses[q.clause].verb.main].lemma;
    if gist::is_saying(cx.lexicon, verb) {
        return Err("a verb of saying: it claims nothing of its own");
    }
    let reporter = reporter_of(s, q, cx);
    let unsaid = q.reported_by.is_none()
        && reporter.is_some_and(|k| s.parse.clauses[k].verb.negation.is_some());
    if unsaid {
        return Err(
            "what a reporting verb after it says was not said (\"…, X did not confirm\"): nobody's claim",
        );
    }
    if reporter.is_some_and(|k| open_report(s.parse, k, cx.lexicon)) {
        return Err(
            "an open report (\"it was reported that …\"): a passive verb of saying names nobody who says it",
        );
    }
    let gist = gist::gist_of(s, q, props, reporter, cx)
        .ok_or("no subject to compare, or no content beside it (a time, an unnamed pronoun)")?;
    // What the writer does not vouch for needs someone who says it.
    if q.certainty == Certainty::NotClaimed && gist.speaker.is_none() && gist.voice.is_none() {
        return Err("not vouched for by the writer, and nobody is named as saying it");
    }
    Ok(claim_of(s, q, reporter, gist))
}

/// Who reports a proposition's clause: the verb it stands under, one after it ("…," Hale
/// said), or "according to …".
fn reporter_of(s: &SentenceAt, q: &Proposition, cx: &Context) -> Option<usize> {
    let r = q
        .reported_by
        .or_else(|| source::trailing_reporter(s.parse, q.clause, cx.lexicon))
        .or_else(|| source::according_to(s.parse, q.clause))?;
    // "“We have confirmed that X was killed,” said Kirby": the "I" or "we" who reports a
    // clause inside a quotation is its speaker, named by the verb that reports the quote.
    if first_person_subject(s.parse, r)
        && let Some(outer) = source::trailing_reporter(s.parse, r, cx.lexicon)
            .or_else(|| source::according_to(s.parse, r))
    {
        return Some(outer);
    }
    Some(r)
}

/// Whether clause `k`'s subject is "I" or "we" (its own, not one it shares).
fn first_person_subject(p: &Parse, k: usize) -> bool {
    let c = &p.clauses[k];
    !c.subject_inherited
        && matches!(c.subject.as_slice(), &[ph] if {
            let head = &p.words[p.phrases[ph].head];
            head.upos == crate::tags::Upos::Pron
                && (head.text.eq_ignore_ascii_case("i") || head.text.eq_ignore_ascii_case("we"))
        })
}

/// Whether clause `k` reports what it frames without saying who says it: a passive verb
/// of saying ("it was reported that …", "the mayor was told that …"; its subject hears the
/// clause or is an empty "it") that does not vouch for it ("it was confirmed that …"), and
/// names no one with "by".
fn open_report(p: &Parse, k: usize, lex: &Lexicon) -> bool {
    use crate::lexicon::schema::{Complement as K, VerbClass};
    let c = &p.clauses[k];
    if !c.verb.passive || c.preps.iter().any(|pr| p.words[pr.word].lemma == "by") {
        return false;
    }
    let verb = &p.words[c.verb.main].lemma;
    let vouched = [K::That, K::NounThat]
        .iter()
        .filter_map(|&k| lex.implicative(verb, k))
        .any(|s| matches!(s.class, VerbClass::Assertion | VerbClass::Factive));
    gist::is_saying(lex, verb) && !vouched
}

/// Why a proposition is no claim: a wish or question, a clause a noun is about, or the
/// speech verb that only reports another clause ("X said that …" claims the `…`).
fn unclaimable(p: &Parse, q: &Proposition, all: &[Proposition]) -> Option<&'static str> {
    // Said but not vouched for ("X claimed that …") is X's claim; a wish is nobody's.
    let said = q.certainty == Certainty::NotClaimed && q.speaker_asserts && q.reported_by.is_some();
    if q.certainty == Certainty::NotClaimed && !said {
        return Some("not claimed: a wish, a question, a condition's aim or an open report");
    }
    if q.subject.is_empty() {
        return Some("no subject");
    }
    // A clause hanging from a noun by a preposition ("a joke about X being dead", "reports
    // of X being killed") is what the noun is about, not a claim; under a negative noun
    // ("no sign of X pulling back") it is denied, which the proposition has read.
    if source::names_source(p, q.clause) {
        return Some("names a source (\"according to …\"): no claim of its own");
    }
    let c = &p.clauses[q.clause];
    if c.link != Link::That && c.under.is_some_and(|u| !p.phrases[u].negative) {
        return Some("what a noun is about (\"reports of …\"), not a claim");
    }
    let reports = all.iter().any(|o| o.reported_by == Some(q.clause));
    let governs = p.clauses.iter().any(|c| c.parent == Some(q.clause));
    // A clause that only frames another ("said that", "failed to") holds no content itself.
    if reports || (governs && q.object.is_none() && p.clauses[q.clause].complement.is_none()) {
        return Some("frames another clause and holds no content itself");
    }
    None
}

fn claim_of(s: &SentenceAt, q: &Proposition, reporter: Option<usize>, gist: Gist) -> Claim {
    let modality = match q.certainty {
        Certainty::Hedged => Modality::Hedged,
        Certainty::Conditional => Modality::Conditional,
        _ => Modality::Asserted,
    };
    let polarity = if q.negated {
        Polarity::Negated
    } else {
        Polarity::Affirmed
    };
    let stance = if q.disputed {
        Stance::Disputes
    } else {
        Stance::Asserts
    };
    let thing = matches!(gist.subject, Who::Thing { .. });
    let mut claim = claim_at(s, q.relation_word, modality, polarity, stance, gist);
    let p = s.parse;
    let time =
        |c: usize, r: Option<usize>| gist::time_of_clause(p, c, r, &s.stated, s.article.info.date);
    claim.when = time(q.clause, reporter);
    // "The last call was on Saturday, and it lasted an hour": a thing named by "it" after
    // the clause it is the subject of holds at that clause's time when its own has none.
    let own_time = claim
        .when
        .as_ref()
        .is_some_and(|w| w.basis != crate::time::TimeBasis::Published);
    let pronoun = q
        .subject
        .first()
        .map(|&ph| p.phrases[ph].head)
        .filter(|&h| p.words[h].upos == crate::tags::Upos::Pron);
    if thing
        && !own_time
        && let Some(c) = pronoun.and_then(|h| who::antecedent_clause(p, h))
    {
        claim.when = time(c, None);
    }
    claim
}

/// The claim whose trigger is word `trigger` of the sentence.
fn claim_at(
    s: &SentenceAt,
    trigger: usize,
    modality: Modality,
    polarity: Polarity,
    stance: Stance,
    gist: Gist,
) -> Claim {
    let w = &s.parse.words[trigger];
    let text = s.body[s.span.0..s.span.1].to_string();
    // A clause's own time is set by `claim_of`; a description holds when the writer writes.
    let when = s
        .article
        .info
        .date
        .map(|d| crate::time::When::day(d, crate::time::TimeBasis::Published, None));
    let predicate_id = format!("general.{}", vocabulary::slug(&gist.relation));
    Claim {
        id: claim_id(&s.article.info.id, w.start, &predicate_id),
        article: s.article_index,
        text,
        span: s.span,
        line: s.lines.line_of(s.span.0),
        trigger: s.body[w.start..w.end].to_string(),
        trigger_span: (w.start, w.end),
        speaker: gist.speaker.as_ref().map(|_| UNPLACED),
        // The speaker is a name the clause's reporting verb gives, placed by `resolve`, or
        // one it gives without a name; without either the claim is unattributed.
        voice: gist.voice.clone(),
        also: Vec::new(),
        subject: Subject::One(UNPLACED),
        predicate: UNPLACED,
        polarity,
        stance,
        target: None,
        modality,
        quantity: None,
        when,
        reasons: vec![format!("general claim: {}", gist.reading())],
        context: crate::claim::context_of(s.body, s.span),
        general: Some(Box::new(gist)),
    }
}
