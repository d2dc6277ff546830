//! Propositions: what each clause of a parsed sentence asserts — subject, relation, object,
//! polarity and modality — once the clauses above it are read (negation, "failed to",
//! "denied that", "called on … to", "if …", "may").
//!
//! It reads the parse and the lexicon's verb signatures only: which verbs are implicative,
//! factive or verbs of denial is knowledge in `claims/general/implicatives.yaml`, passed in
//! as a look-up.

use crate::lexicon::Signature;
use crate::lexicon::schema::{Truth, VerbClass};
use crate::parse::{Complement, Link, Parse, Tense};

/// How sure the wording is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Certainty {
    Asserted,
    Hedged,
    Conditional,
    /// A wish, demand, plan or question: not a claim at all.
    NotClaimed,
}

/// What a clause says, read in its sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposition {
    pub clause: usize,
    /// The relation: the main verb's lemma with its particle ("pull back"), or for a copula
    /// `be` with its complement's head ("be guilty", "be capital").
    pub relation: String,
    /// Word index of the word that names the relation (the verb, or the complement's head).
    pub relation_word: usize,
    /// Noun phrases of the subject.
    pub subject: Vec<usize>,
    /// The object phrase, or the copula's noun complement.
    pub object: Option<usize>,
    /// True when the clause, read through every clause above it, says the relation does
    /// not hold.
    pub negated: bool,
    /// Under a verb of denial or dispute.
    pub disputed: bool,
    pub certainty: Certainty,
    /// Not claimed by the writer only because a verb of saying leaves it open ("claimed
    /// that …", "alleged that …"): its speaker still asserts it.
    pub speaker_asserts: bool,
    /// The clause whose subject reports this one ("X said that …"), when there is one.
    pub reported_by: Option<usize>,
    pub passive: bool,
    pub tense: Tense,
}

/// Modals that make a claim uncertain; "will", "would" in reported speech, "must" and
/// "can" state it.
const HEDGING_MODALS: &[&str] = &["may", "might", "could"];

/// Conjunctions whose clause is a condition.
const CONDITIONS: &[&str] = &["if", "unless", "whether"];

/// Conjunctions of time whose clause, in the present tense, is a condition.
pub const TIME_CONDITIONS: &[&str] = &["when", "once", "whenever"];

/// A verb's signature for the clause under it: the verb's lemma, the link, and the word
/// before a gerund ("from" in "kept them from sailing"); the lexicon gives it.
pub type SignatureOf<'a> = dyn Fn(&str, Link, Option<&str>) -> Option<Signature> + 'a;

/// The propositions of a parsed sentence, one per clause that names a relation, in clause
/// order. `signature` gives a verb's signature for the link under it, from the lexicon.
pub fn propositions(p: &Parse, signature: &SignatureOf<'_>) -> Vec<Proposition> {
    let mut out = Vec::new();
    // Each clause's own certainty, read once: a clause's conditions are read again for
    // every clause under it.
    let conditions: Vec<bool> = (0..p.clauses.len()).map(|k| is_condition(p, k)).collect();
    let own: Vec<Certainty> = (0..p.clauses.len())
        .map(|k| own_certainty(p, k, &conditions))
        .collect();
    for (k, c) in p.clauses.iter().enumerate() {
        let (relation, relation_word, object) = relation_of(p, k);
        let mut prop = Proposition {
            clause: k,
            relation,
            relation_word,
            subject: c.subject.clone(),
            object,
            negated: c.verb.negation.is_some() || subject_denies(p, k),
            disputed: false,
            certainty: own[k],
            speaker_asserts: false,
            reported_by: None,
            passive: c.verb.passive,
            tense: c.verb.tense,
        };
        read_up_the_chain(p, k, signature, (&own, &conditions), &mut prop);
        out.push(prop);
    }
    out
}

/// "Nobody was hurt", "No troops were withdrawn": a negative subject phrase denies the
/// clause; a negative object ("withdrew no troops") does too, and so does a negative noun
/// the clause is about ("no sign of X pulling back") — but not a negative noun's
/// that-clause, which "no doubt that …" asserts and "no evidence that …" only doubts.
fn subject_denies(p: &Parse, k: usize) -> bool {
    let c = &p.clauses[k];
    (!c.subject_inherited && c.subject.iter().any(|&s| p.phrases[s].negative))
        || c.object.is_some_and(|o| p.phrases[o].negative)
        || (c.link != Link::That && c.under.is_some_and(|u| p.phrases[u].negative))
}

/// Clause `k`'s certainty from its own words and conditions (`conditions`: which clauses
/// are conditions, by [`is_condition`]).
fn own_certainty(p: &Parse, k: usize, conditions: &[bool]) -> Certainty {
    let c = &p.clauses[k];
    // "… if the talks fail", "If the talks fail, …": a clause with a condition of its own
    // holds only under it.
    let conditioned = (0..p.clauses.len())
        .any(|d| conditions[d] && (p.clauses[d].parent == Some(k) || fronted_before(p, d, k)));
    if conditions[k] || conditioned {
        return Certainty::Conditional;
    }
    match c.verb.modal {
        Some(m) if HEDGING_MODALS.iter().any(|x| p.words[m].lemma == *x) => Certainty::Hedged,
        _ => Certainty::Asserted,
    }
}

/// Whether clause `d` opens the sentence before main clause `k`, hanging from nothing:
/// "If the talks fail, sanctions will follow."
fn fronted_before(p: &Parse, d: usize, k: usize) -> bool {
    let (x, c) = (&p.clauses[d], &p.clauses[k]);
    x.parent.is_none() && d < k && c.link == Link::Main && x.last < c.first
}

/// Whether clause `k` is a condition: opened by "if" or "unless", or by "when" or "once"
/// in the present tense before a clause that looks ahead ("when we see the troops leave,
/// we will believe it"), which tells of what is yet to happen, not of what did.
fn is_condition(p: &Parse, k: usize) -> bool {
    let c = &p.clauses[k];
    let Link::Adverbial(w) = c.link else {
        return false;
    };
    let opener = &p.words[w];
    let is_any = |of: &[&str]| of.iter().any(|x| opener.text.eq_ignore_ascii_case(x));
    if is_any(CONDITIONS) {
        return true;
    }
    // "… are not a withdrawal when the force continues to grow" asserts both: only a
    // clause that looks ahead makes its "when" a condition.
    // The clause it qualifies: its parent, or the first main clause after a fronted one.
    let governed = c
        .parent
        .or_else(|| (k + 1..p.clauses.len()).find(|&m| fronted_before(p, k, m)));
    let ahead = governed.is_some_and(|g| {
        let v = &p.clauses[g].verb;
        v.tense == Tense::Future || v.modal.is_some()
    });
    is_any(TIME_CONDITIONS) && c.verb.tense == Tense::Present && !c.verb.perfect && ahead
}

/// The relation a clause names, the word that names it, and its object.
fn relation_of(p: &Parse, k: usize) -> (String, usize, Option<usize>) {
    let c = &p.clauses[k];
    let verb = &p.words[c.verb.main];
    if c.verb.copula {
        match c.complement {
            Some(Complement::Adjective(a)) => {
                return (format!("be {}", p.words[a].lemma), a, None);
            }
            Some(Complement::Phrase(ph)) => {
                let head = p.phrases[ph].head;
                return (format!("be {}", p.words[head].lemma), head, Some(ph));
            }
            None => {}
        }
    }
    let mut relation = verb.lemma.to_string();
    if let Some(part) = c.verb.particle {
        relation.push(' ');
        relation.push_str(&p.words[part].lemma);
    }
    (relation, c.verb.main, c.object)
}

/// Reads the clauses above `k`: each parent verb's signature says whether the clause under
/// it holds, does not, or is left open, read for the parent affirmed or negated ("failed
/// to" flips; "did not manage to" flips; "refused to" negates; "did not refuse to" leaves it
/// open), and its class whether someone reports or disputes it.
fn read_up_the_chain(
    p: &Parse,
    k: usize,
    signature: &SignatureOf<'_>,
    (own, conditions): (&[Certainty], &[bool]),
    prop: &mut Proposition,
) {
    let chain = p.chain(k);
    // Under a clause that holds only on a condition, so does this one ("when we see the
    // troops leave", "if the talks fail").
    if chain[1..].iter().any(|&c| own[c] == Certainty::Conditional) {
        prop.certainty = prop.certainty.max(Certainty::Conditional);
    }
    for pair in chain.windows(2) {
        let (child, parent) = (pair[0], pair[1]);
        let link = p.clauses[child].link;
        let pc = &p.clauses[parent];
        // Read again in its place: a verb's signature below it may have set the certainty
        // since ("If he wants to go": `want` leaves "to go" open, the "if" still holds).
        if let Link::Adverbial(_) = link {
            if conditions[child] {
                prop.certainty = prop.certainty.max(Certainty::Conditional);
            }
            continue;
        }
        if link == Link::Relative {
            // "It was not the rebels who provided the emails": what a cleft says of its
            // focus is the relative clause, negation included.
            if pc.verb.negation.is_some() && is_cleft(p, parent, child) {
                prop.negated = !prop.negated;
            }
            continue;
        }
        // The preposition before a gerund tells "kept firing" from "kept them from firing".
        let marker = (link == Link::Gerund)
            .then(|| p.clauses[child].verb.first.checked_sub(1))
            .flatten()
            .map(|w| p.words[w].text);
        match signature(&governing_lemma(p, pc), link, marker) {
            Some(sig) => {
                let negated = pc.verb.negation.is_some();
                apply(sig, negated, parent, prop);
                // Left open by the subject's own plan or wish ("was planning to invade"),
                // it is an uncertain claim about the subject; asked of someone else
                // ("called on Norland to withdraw"), it is no claim about them at all; and
                // what a speaker did not confirm or claim ("has not verified that …") is
                // nobody's claim.
                let unsaid = negated && sig.class.is_speech();
                let asked = asked_of_object(p, child, parent);
                if asked {
                    // A demand of someone else is no one's claim, not even the speaker's.
                    prop.speaker_asserts = false;
                }
                if prop.certainty == Certainty::NotClaimed && !unsaid && !asked {
                    prop.certainty = Certainty::Hedged;
                }
            }
            // A verb the lexicon does not know: a that-clause under it is its content
            // ("said that …"); anything else is read as it stands.
            None => {
                // A copula reports nothing: "the thing I heard is that …" says it as the
                // clause's own speaker does.
                if link == Link::That && !pc.verb.copula {
                    prop.reported_by.get_or_insert(parent);
                }
                // "was desperate to leave", "are ready to sign": an adjective the lexicon
                // does not know leaves its infinitive open.
                let adjective =
                    matches!(pc.complement, Some(crate::parse::Complement::Adjective(_)));
                if link == Link::To && pc.verb.copula && adjective {
                    prop.certainty = Certainty::NotClaimed;
                }
            }
        }
        if pc
            .verb
            .modal
            .is_some_and(|m| HEDGING_MODALS.iter().any(|x| p.words[m].lemma == *x))
        {
            prop.certainty = prop.certainty.max(Certainty::Hedged);
        }
    }
}

/// Whether `parent` is a cleft ("it was (not) X who …") whose focus is the subject of its
/// relative clause `child`.
fn is_cleft(p: &Parse, parent: usize, child: usize) -> bool {
    let (pc, c) = (&p.clauses[parent], &p.clauses[child]);
    let it = pc
        .subject
        .first()
        .is_some_and(|&ph| p.words[p.phrases[ph].head].lemma == "it");
    let focus = match pc.complement {
        Some(crate::parse::Complement::Phrase(ph)) => Some(ph),
        _ => None,
    };
    it && p.words[pc.verb.main].lemma == "be"
        && focus.is_some()
        && c.subject_inherited
        && c.subject.first().copied() == focus
}

/// The word whose signature rules a clause under `pc`: its verb, or for a copula with an
/// adjective its relation ("it is not true that …": `be true`).
fn governing_lemma<'p>(p: &'p Parse, pc: &crate::parse::Clause) -> std::borrow::Cow<'p, str> {
    let verb = &p.words[pc.verb.main].lemma;
    match pc.complement {
        Some(crate::parse::Complement::Adjective(w)) if verb == "be" => {
            format!("be {}", p.words[w].lemma).into()
        }
        _ => std::borrow::Cow::Borrowed(verb),
    }
}

/// Whether the subject of clause `child` is the object of its parent ("urged the club to
/// appeal": the club), or, the parent passive, its subject ("the club was urged to
/// appeal", "doctors are prohibited from discussing …").
fn asked_of_object(p: &Parse, child: usize, parent: usize) -> bool {
    let pc = &p.clauses[parent];
    let c = &p.clauses[child];
    if pc.verb.passive && matches!(c.link, Link::To | Link::Gerund) && c.subject_inherited {
        return !c.subject.is_empty() && c.subject == pc.subject;
    }
    let object = pc.preps.last().map(|pr| pr.phrase).or(pc.object);
    c.subject.first().is_some_and(|&s| Some(s) == object)
}

/// What one parent's signature does to the proposition under it.
fn apply(sig: Signature, parent_negated: bool, parent: usize, prop: &mut Proposition) {
    let truth = if parent_negated {
        sig.negated
    } else {
        sig.affirmed
    };
    match (sig.class, truth) {
        (VerbClass::Dispute, Truth::Negated) => prop.disputed = !prop.disputed,
        (VerbClass::Nonfactive | VerbClass::Assertion | VerbClass::Dispute, Truth::Unknown) => {
            // Said but not vouched for: still its speaker's claim, unless already a wish or
            // the speaker did not say it ("did not confirm that …").
            if prop.certainty != Certainty::NotClaimed && !parent_negated {
                prop.speaker_asserts = true;
            }
            prop.certainty = Certainty::NotClaimed
        }
        (_, Truth::Negated) => prop.negated = !prop.negated,
        (_, Truth::Unknown) => prop.certainty = Certainty::NotClaimed,
        (_, Truth::Affirmed) => {}
    }
    if sig.class.is_speech() {
        prop.reported_by.get_or_insert(parent);
    }
}

/// How the clause under `verb` in `text` comes out, read through the tagger and parse:
/// the first clause whose parent's verb (or copula relation) is `verb`; `None` when there
/// is none. Left open, it reads as unknown (the subject's own plan, or asked of someone
/// else: either way nothing follows about it). For the implicative examples of the lexicon.
pub fn complement_truth(
    reader: &mut crate::parse::Reader,
    text: &str,
    verb: &str,
    signature: &SignatureOf<'_>,
) -> Option<Truth> {
    let p = reader.read(text, 0, text.len());
    let props = propositions(&p, signature);
    let under = |verb: &str| {
        props.iter().find(|q| {
            p.clauses[q.clause]
                .parent
                .is_some_and(|c| governing_lemma(&p, &p.clauses[c]) == verb)
        })
    };
    // "succeed in": else the verb before the word that marks its complement.
    let q = under(verb).or_else(|| under(verb.split(' ').next().unwrap_or(verb)))?;
    Some(if q.certainty >= Certainty::Hedged {
        Truth::Unknown
    } else if q.negated != q.disputed {
        Truth::Negated
    } else {
        Truth::Affirmed
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::tests::{with_flags, words};

    /// Signatures as `claims/general/implicatives.yaml` gives them.
    fn classes(lemma: &str, link: Link, _marker: Option<&str>) -> Option<Signature> {
        use Truth::*;
        let sig = |affirmed, negated, class| Signature {
            affirmed,
            negated,
            class,
        };
        match (lemma, link) {
            ("fail", Link::To) => Some(sig(Negated, Affirmed, VerbClass::Implicative)),
            ("refuse", Link::To) => Some(sig(Negated, Unknown, VerbClass::Implicative)),
            ("deny", _) => Some(sig(Negated, Unknown, VerbClass::Dispute)),
            ("call", Link::To) => Some(sig(Unknown, Unknown, VerbClass::Nonfactive)),
            ("confirm", Link::That) => Some(sig(Affirmed, Unknown, VerbClass::Assertion)),
            ("claim", Link::That) => Some(sig(Unknown, Unknown, VerbClass::Nonfactive)),
            _ => None,
        }
    }

    fn props(spec: &str) -> Vec<Proposition> {
        propositions(&Parse::new(words(spec)), &classes)
    }

    /// A sentence, the relation of one of its clauses, and how that clause reads (see
    /// `reading`).
    struct Case {
        what: &'static str,
        spec: &'static str,
        relation: &'static str,
        reads: &'static str,
    }

    const CASES: &[Case] = &[
        Case {
            what: "failed to flips the clause under it",
            spec: "The/DET company/NOUN failed/VERB:Past=fail to/PART pay/VERB:Base wages/NOUN=wage",
            relation: "pay",
            reads: "Asserted negated",
        },
        Case {
            what: "denied that disputes, and reports",
            spec: "Acme/PROPN=Acme denied/VERB:Past=deny that/SCONJ it/PRON closed/VERB:Past=close the/DET depot/NOUN",
            relation: "close",
            reads: "Asserted disputed reported by 0",
        },
        Case {
            what: "a demand is not a claim",
            spec: "Ostia/PROPN=Ostia called/VERB:Past=call on/ADP Norland/PROPN=Norland to/PART withdraw/VERB:Base",
            relation: "withdraw",
            reads: "NotClaimed reported by 0",
        },
        Case {
            what: "what a speaker did not confirm is nobody's claim",
            spec: "Acme/PROPN=Acme did/AUX:Past=do not/PART confirm/VERB:Base that/SCONJ the/DET depot/NOUN closed/VERB:Past=close",
            relation: "close",
            reads: "NotClaimed reported by 0",
        },
        Case {
            what: "what a speaker claims is theirs",
            spec: "Acme/PROPN=Acme claimed/VERB:Past=claim that/SCONJ the/DET depot/NOUN closed/VERB:Past=close",
            relation: "close",
            reads: "Hedged speaker asserts reported by 0",
        },
        Case {
            what: "a condition is marked",
            spec: "If/SCONJ talks/NOUN=talk fail/VERB:Pres ,/PUNCT drivers/NOUN=driver may/AUX:Base strike/VERB:Base",
            relation: "fail",
            reads: "Conditional",
        },
        Case {
            what: "what follows a condition holds only under it",
            spec: "If/SCONJ talks/NOUN=talk fail/VERB:Pres ,/PUNCT drivers/NOUN=driver may/AUX:Base strike/VERB:Base",
            relation: "strike",
            reads: "Conditional",
        },
        Case {
            what: "a condition after its clause holds it too",
            spec: "Drivers/NOUN=driver will/AUX:Base strike/VERB:Base if/SCONJ talks/NOUN=talk fail/VERB:Pres",
            relation: "strike",
            reads: "Conditional",
        },
        Case {
            what: "a present-tense when before what is to come is a condition",
            spec: "When/ADV talks/NOUN=talk fail/VERB:Pres ,/PUNCT drivers/NOUN=driver will/AUX:Base strike/VERB:Base",
            relation: "fail",
            reads: "Conditional",
        },
        Case {
            what: "a present-tense when beside the present is no condition",
            spec: "Drivers/NOUN=driver strike/VERB:Pres when/ADV talks/NOUN=talk fail/VERB:Pres",
            relation: "strike",
            reads: "Asserted",
        },
        Case {
            what: "a past when tells of what happened",
            spec: "When/ADV talks/NOUN=talk failed/VERB:Past=fail ,/PUNCT drivers/NOUN=driver struck/VERB:Past=strike",
            relation: "strike",
            reads: "Asserted",
        },
        Case {
            what: "a modal hedges",
            spec: "Drivers/NOUN=driver may/AUX:Base strike/VERB:Base",
            relation: "strike",
            reads: "Hedged",
        },
        Case {
            what: "a copula's relation names its complement",
            spec: "The/DET driver/NOUN is/AUX:Pres=be not/PART guilty/ADJ",
            relation: "be guilty",
            reads: "Asserted negated",
        },
        Case {
            what: "no subject negates a passive",
            spec: "No/DET drivers/NOUN=driver were/AUX:Past=be hurt/VERB:Part",
            relation: "hurt",
            reads: "Asserted negated passive",
        },
    ];

    /// A proposition's certainty, the flags it has set, and the clause that reports it.
    fn reading(p: &Proposition) -> String {
        let flags = [
            (p.negated, "negated"),
            (p.disputed, "disputed"),
            (p.passive, "passive"),
            (p.speaker_asserts, "speaker asserts"),
        ];
        let mut out = with_flags(format!("{:?}", p.certainty), &flags);
        if let Some(c) = p.reported_by {
            out.push_str(&format!(" reported by {c}"));
        }
        out
    }

    #[test]
    fn each_clause_reads_through_the_clauses_above_it() {
        for c in CASES {
            let ps = props(c.spec);
            let Some(p) = ps.iter().find(|p| p.relation == c.relation) else {
                panic!("{}: no `{}` in {ps:?}", c.what, c.relation)
            };
            assert_eq!(reading(p), c.reads, "{}", c.what);
        }
    }
}
