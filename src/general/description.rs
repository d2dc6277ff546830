//! Descriptions: what a common noun next to a name says the named one is — before it
//! ("Seaward founder Ola Brenn": Ola Brenn is a founder) or in apposition ("Skyline, the
//! national airline,") — as a claim of the writer's that a sentence saying otherwise ("Don
//! White is not the founder") contradicts.

use super::Context;
use super::SentenceAt;
use super::gist::{Gist, InPassing, folded};
use super::who::{Who, who_of};
use crate::parse::Parse;
use crate::tags::Upos;

/// The descriptions of one sentence: every noun phrase whose proper name follows a common
/// noun ("reporter Ines Morales", "his Ruritanian mother Vera"), the name a pack entity or
/// a name the layer found.
pub(super) fn descriptions(s: &SentenceAt, cx: &Context) -> Vec<InPassing> {
    let p = s.parse;
    let before = (0..p.phrases.len()).flat_map(|ph| {
        let np = &p.phrases[ph];
        let one = role_word(p, ph, false).map(|role| (ph, (role + 1, np.last), role));
        // "Milan magistrates Ana Reyes and Lena Marsh": a plural role before two names
        // joined by "and" describes both.
        let both = role_word(p, ph, true).and_then(|role| {
            let other = joined_name(p, ph)?;
            let o = &p.phrases[other];
            Some([
                (ph, (role + 1, np.last), role),
                (other, (o.first, o.last), role),
            ])
        });
        let found: Vec<_> = match (one, both) {
            (Some(x), _) => vec![x],
            (None, Some(two)) => two.to_vec(),
            (None, None) => Vec::new(),
        };
        found
            .into_iter()
            .filter_map(|(who, name, role)| {
                let mut d = described(s, cx, who, name, (np.first, role), role)?;
                // Two claims cannot share one trigger: the second name's is its own head.
                if who != ph {
                    d.noun = p.phrases[who].head;
                }
                Some(d)
            })
            .collect::<Vec<_>>()
    });
    // "Field Marshal Oren", "Prime Minister Lena Marsh": the titles a name opens with.
    let titled = (0..p.phrases.len()).filter_map(|ph| {
        let (first, last) = titles_of(p, ph, cx.names)?;
        described(
            s,
            cx,
            ph,
            (last + 1, p.phrases[ph].last),
            (first, last),
            last,
        )
    });
    // "his partner, Clara Vos,": a common noun phrase set off before a name.
    let ahead = (0..p.phrases.len()).filter_map(|ph| {
        let a = apposition_before(p, ph)?;
        let (np, ap) = (&p.phrases[ph], &p.phrases[a]);
        let end = ap.of.map_or(ap.last, |of| p.phrases[of.phrase].last);
        described(s, cx, ph, (np.first, np.last), (ap.first, ap.head), end)
    });
    let beside = (0..p.phrases.len()).filter_map(|ph| {
        let (a, end) = apposition(p, ph)?;
        let np = &p.phrases[ph];
        described(
            s,
            cx,
            ph,
            (np.first, np.last),
            (p.phrases[a].first, p.phrases[a].head),
            end,
        )
    });
    before.chain(titled).chain(ahead).chain(beside).collect()
}

/// The description of the name in phrase `ph` (its words `name`) by the words `role`, whose
/// last is the noun that describes, written up to word `said_to`.
fn described(
    s: &SentenceAt,
    cx: &Context,
    ph: usize,
    name: (usize, usize),
    role: (usize, usize),
    said_to: usize,
) -> Option<InPassing> {
    let p = s.parse;
    let (first, noun) = role;
    if p.phrases[ph].negative || s.timed.contains(&noun) {
        return None;
    }
    // The one described, not whom a pack entity speaks for: "Palace spokesman Petr
    // Hale" says what Hale is.
    let subject = who_of(s, ph, cx, false)?;
    if matches!(subject, Who::Thing { .. }) {
        return None;
    }
    // What narrows the role stays with it, so "former minister X" or "deputy director X"
    // never answers "X is not the minister": the modifiers before the role that are not
    // themselves names ("Seaward founder": Seaward is the sentence's, not the role's).
    let narrowing = (first..noun).filter(|&w| matches!(p.words[w].upos, Upos::Adj | Upos::Noun));
    let mut core = folded(p, cx.lexicon, narrowing.chain([noun]));
    core.retain(|w| !w.starts_with('@'));
    if core.is_empty() {
        return None;
    }
    let relation = format!("be {}", p.words[noun].lemma.to_lowercase());
    let (from, to) = (p.words[name.0].start, p.words[name.1].end);
    Some(InPassing {
        noun,
        clause: None,
        reporter: None,
        what: "a description",
        gist: Gist::in_passing(
            subject,
            s.body[from..to].to_string(),
            folded(p, cx.lexicon, name.0..=name.1),
            relation,
            format!("is {}", &s.body[p.words[first].start..p.words[said_to].end]),
            core,
            s.words.clone(),
        ),
    })
}

/// The common noun that stands just before the proper-noun run ending at the phrase's
/// head: "founder" in "Seaward founder Ola Brenn".
fn role_word(p: &Parse, ph: usize, plural: bool) -> Option<usize> {
    let np = &p.phrases[ph];
    let w = &p.words;
    if w[np.head].upos != Upos::Propn {
        return None;
    }
    let first = crate::names::proper_run_start(w, np.first, np.head);
    let role = first.checked_sub(1).filter(|&r| r >= np.first)?;
    let noun = &w[role];
    // A lower-case common noun with letters: a capitalised one is most often a name the
    // tagger missed, and a possessive or a number describes nothing.
    // A plural one stands before one name only when the phrase runs two clauses together
    // ("telling people Brenn had …").
    let is_role = noun.upos == Upos::Noun
        && noun.text.chars().all(|c| c.is_alphabetic() || c == '-')
        && noun.text.starts_with(|c: char| c.is_lowercase())
        && noun.lemma.eq_ignore_ascii_case(noun.text) != plural;
    is_role.then_some(role)
}

/// The first and last title words a person's name opens with ("Field Marshal" in "Field
/// Marshal Oren"), when the last is a word of a post, not an abbreviation or a short
/// honorific ("Gen.", "Mr"), and a name follows.
fn titles_of(p: &Parse, ph: usize, names: &crate::names::NameWords) -> Option<(usize, usize)> {
    let np = &p.phrases[ph];
    let w = &p.words;
    if w[np.head].upos != Upos::Propn {
        return None;
    }
    let first = crate::names::proper_run_start(w, np.first, np.head);
    let mut k = first;
    while k < np.head && names.is_title(w[k].text) {
        k += 1;
    }
    let last = k.checked_sub(1).filter(|&l| l >= first)?;
    let post = w[last].text.chars().all(char::is_alphabetic) && w[last].text.chars().count() >= 4;
    post.then_some((first, last))
}

/// The proper-name phrase joined to phrase `ph` by "and" right after it, the whole phrase
/// one name ("… Ana Reyes and Lena Marsh").
fn joined_name(p: &Parse, ph: usize) -> Option<usize> {
    let w = &p.words;
    let and = p.phrases[ph].last + 1;
    if !w.get(and)?.text.eq_ignore_ascii_case("and") {
        return None;
    }
    let other = p.phrases.iter().position(|o| o.first == and + 1)?;
    let o = &p.phrases[other];
    let named = w[o.head].upos == Upos::Propn
        && crate::names::proper_run_start(w, o.first, o.head) == o.first;
    named.then_some(other)
}

/// The common noun phrase set off by a comma right before the name that is phrase `ph`
/// ("his partner, Clara Vos,", "the company's founder, Lena Marsh,"): opened by an
/// article, a possessive or a possessor, its head a lower-case noun, the name closed by a
/// comma or the sentence's end and not the first of a list ("the mayor, Reyes, and …").
fn apposition_before(p: &Parse, ph: usize) -> Option<usize> {
    let w = &p.words;
    let np = &p.phrases[ph];
    if w[np.head].upos != Upos::Propn
        || crate::names::proper_run_start(w, np.first, np.head) != np.first
        || w[np.first.checked_sub(1)?].text != ","
    {
        return None;
    }
    let mut a = p.phrase_at(np.first.checked_sub(2)?)?;
    // "a member of the delegation, Thaung Tun,": the phrase whose "of" that is.
    if let Some(o) = p
        .phrases
        .iter()
        .position(|o| o.of.is_some_and(|x| x.phrase == a))
    {
        a = o;
    }
    let ap = &p.phrases[a];
    let end = ap.of.map_or(ap.last, |of| p.phrases[of.phrase].last);
    let head = &w[ap.head];
    let opener = &w[ap.first];
    let introduced = ap.possessor.is_some()
        || (opener.upos == Upos::Det && matches!(opener.lemma.as_ref(), "a" | "the"))
        || (opener.upos == Upos::Pron && ap.first < ap.head);
    let common = head.upos == Upos::Noun
        && head.text.starts_with(|c: char| c.is_lowercase())
        && head.lemma.eq_ignore_ascii_case(head.text);
    let closed = match (w.get(np.last + 1), w.get(np.last + 2)) {
        (Some(c), next) if c.text == "," => {
            next.is_none_or(|n| n.upos != Upos::Cconj && n.upos != Upos::Propn)
        }
        (Some(c), _) => c.upos == Upos::Punct && np.last + 2 == w.len(),
        (None, _) => true,
    };
    (end + 2 == np.first && introduced && common && closed).then_some(a)
}

/// The phrase in apposition to the name that phrase `ph` ends in: a common noun phrase
/// between commas, or between a comma and the sentence's end ("Skyline, the former national
/// airline of Belgium, …"), and its last word: its own phrase after "of" belongs to it.
fn apposition(p: &Parse, ph: usize) -> Option<(usize, usize)> {
    let np = &p.phrases[ph];
    let w = &p.words;
    if w[np.head].upos != Upos::Propn || w.get(np.last + 1)?.text != "," {
        return None;
    }
    let a = p.phrases.iter().position(|o| o.first == np.last + 2)?;
    let ap = &p.phrases[a];
    let head = &w[ap.head];
    if head.upos != Upos::Noun || !head.text.starts_with(|c: char| c.is_lowercase()) {
        return None;
    }
    // "In Eastport, officials, however, said": a bare plural between commas is the clause's
    // subject after an opening phrase. An apposition opens with an article or a possessive
    // ("the capital", "his lawyer"), or is one person's post ("president of the bank").
    let opener = &w[ap.first];
    let introduced = (opener.upos == Upos::Det && matches!(opener.lemma.as_ref(), "a" | "the"))
        || (opener.upos == Upos::Pron && ap.first < ap.head);
    let post = ap.of.is_some() && head.lemma.eq_ignore_ascii_case(head.text);
    if !introduced && !post {
        return None;
    }
    // "According to CNN, an unidentified man, who …": after a name that ends the phrase a
    // sentence opens with, an indefinite noun phrase is the sentence's subject.
    let opening = (0..np.first).all(|i| matches!(w[i].upos, Upos::Adp | Upos::Verb | Upos::Adv));
    if opening && opener.lemma != "the" && opener.upos == Upos::Det {
        return None;
    }
    let end = ap.of.map_or(ap.last, |of| p.phrases[of.phrase].last);
    let closed = match w.get(end + 1) {
        Some(next) => next.text == "," || (next.upos == Upos::Punct && end + 2 == w.len()),
        None => true,
    };
    closed.then_some((a, end))
}
