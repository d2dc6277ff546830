//! Holders of a post or role one thing has one of: "the capital of Norland is Eastport",
//! "Ana Ferreira is the president of the Rowing Federation". What has the one value (Norland,
//! the federation) is the claim's subject and the other side its value, so that two
//! sentences naming two holders clash as two birthplaces do (`functional.yaml`).

use super::gist::{Gist, InPassing, folded, names_a_value, said_by, unreal};
use super::who::{Who, who_of};
use super::{Context, SentenceAt};
use crate::lexicon::schema::ArgKind;
use crate::parse::{Complement, Parse};
use crate::proposition::Proposition;
use crate::tags::Upos;

/// The holders one sentence names in its copular clauses.
pub(super) fn holders(
    s: &SentenceAt,
    props: &[Proposition],
    cx: &Context,
    reporter_of: impl Fn(&Proposition) -> Option<usize>,
) -> Vec<InPassing> {
    let p = s.parse;
    let mut out = Vec::new();
    for q in props {
        // Only what the clause asserts (or its speaker does: "X said Y is …"): "is not the
        // capital", "may be the president" and "will be the mayor" name no holder.
        if q.negated || q.disputed || unreal(q) {
            continue;
        }
        let c = &p.clauses[q.clause];
        let (Some(&subject), Some(Complement::Phrase(complement))) =
            (c.subject.first(), c.complement)
        else {
            continue;
        };
        if !p.words[c.verb.main].lemma.eq_ignore_ascii_case("be") {
            continue;
        }
        // "The capital of Y is X" or "X is the capital of Y".
        let found = [(subject, complement), (complement, subject)]
            .into_iter()
            .find_map(|(post, value)| post_of(s, cx, post, value).map(|f| (post, value, f)));
        let Some((post, value, (relation, owner))) = found else {
            continue;
        };
        let Some(owner_who) =
            who_of(s, owner, cx, true).filter(|w| !matches!(w, Who::Thing { .. }))
        else {
            continue;
        };
        let reporter = reporter_of(q);
        let noun = p.phrases[post].head;
        let key = folded(
            p,
            cx.lexicon,
            p.phrases[value].first..=p.phrases[value].last,
        )
        .join(" ");
        let role = p.words[noun].lemma.to_lowercase();
        let mut gist = Gist::in_passing(
            owner_who,
            p.phrase_text(owner),
            folded(
                p,
                cx.lexicon,
                p.phrases[owner].first..=p.phrases[owner].last,
            ),
            format!("have {role}"),
            format!("has {} as its {role}", p.phrase_text(value)),
            vec![role],
            s.words.clone(),
        )
        .said_as(said_by(s, reporter, props, cx));
        gist.value = Some((relation, key));
        out.push(InPassing {
            noun,
            clause: Some(q.clause),
            reporter,
            what: "a holder",
            gist,
        });
    }
    out
}

/// Whether phrase `post` is exactly "the N of Y" for a relation phrase "N of" whose value is
/// a person or place, and `value` names one: the relation's id and Y's phrase. "The former
/// president of", "a president of", "the vice president of" narrow or multiply the post,
/// and name no one holder.
fn post_of(s: &SentenceAt, cx: &Context, post: usize, value: usize) -> Option<(String, usize)> {
    let p = s.parse;
    let ph = &p.phrases[post];
    let of = ph.of?;
    let det = &p.words[ph.first];
    if det.upos != Upos::Det || !det.lemma.eq_ignore_ascii_case("the") || ph.first == ph.head {
        return None;
    }
    if !names_a_value(p, value, cx.lexicon) {
        return None;
    }
    let words = role_words(p, ph.first + 1, ph.head);
    let phrase = format!("{words} of");
    cx.lexicon
        .relations()
        .iter()
        .find(|f| {
            matches!(
                f.value,
                ArgKind::Person | ArgKind::Place | ArgKind::Organisation
            ) && f.phrases.iter().any(|x| x.eq_ignore_ascii_case(&phrase))
        })
        .map(|f| (f.id.clone(), of.phrase))
}

/// The words of a post as written, lower-cased: "chief executive", "prime minister".
fn role_words(p: &Parse, first: usize, head: usize) -> String {
    (first..=head)
        .map(|w| p.words[w].text.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}
