//! Mentioned, not asserted: clauses that name a proposition without anyone claiming it —
//! the content of a noun ("rumours that …", "the claim that …") that no verb of saying or
//! denial takes, and a quoted clause used as a name or a modifier ("the 'X is dead' hoax",
//! "the Boy Who Cried 'X Is Dead'").

use crate::lexicon::Lexicon;
use crate::parse::{Link, Parse, Word};
use crate::proposition::Proposition;
use crate::tags::Upos;

/// Why a proposition is only mentioned, when it is. `timed`: the sentence's words inside
/// the times it states.
pub(super) fn mentioned(
    p: &Parse,
    q: &Proposition,
    lex: &Lexicon,
    timed: &[usize],
) -> Option<&'static str> {
    if noun_content(p, q, lex, timed) {
        return Some(
            "what a noun says (\"rumours that …\"), taken up by no verb of saying: nobody's claim",
        );
    }
    if asked(p, q.clause) {
        return Some("an embedded question (\"know which …\", \"whether …\"): asked, not claimed");
    }
    if quoted_name(p, q.clause, timed) {
        return Some(
            "a quoted clause used as a name or modifier (\"the 'X is dead' hoax\"): nobody's claim",
        );
    }
    None
}

/// Whether a that-clause is only what its noun says ("rumours that …", "the claim that …",
/// "spread the news that …"): mentioned, nobody's assertion, unless the noun is what a
/// verb of saying or denial takes ("dismissed reports that …", "told reporters that …"),
/// which makes it that verb's speaker's report or dispute. Under a negative noun it is
/// nobody's claim either way: "no evidence that …" doubts it, "no doubt that …" asserts it.
/// A time is no noun of saying: "said this week that …" reports what follows.
fn noun_content(p: &Parse, q: &Proposition, lex: &Lexicon, timed: &[usize]) -> bool {
    let c = &p.clauses[q.clause];
    if c.under.is_some_and(|u| timed.contains(&p.phrases[u].head)) {
        return false;
    }
    if c.link == Link::That && c.under.is_some_and(|u| p.phrases[u].negative) {
        return true;
    }
    let Some(u) = c.under.filter(|_| c.link == Link::That) else {
        return false;
    };
    let Some(pc) = c.parent.map(|k| &p.clauses[k]) else {
        return true;
    };
    let verb = &p.words[pc.verb.main].lemma;
    let speech = super::gist::is_saying(lex, verb)
        || lex
            .clause_signature(verb, Link::That, None)
            .is_some_and(|sig| sig.class.is_speech());
    let taken = Some(u) == pc.object
        || p.phrases[u].possessor.is_some_and(|o| Some(o) == pc.object)
        || pc.preps.iter().any(|pr| pr.phrase == u);
    !(speech && taken)
}

/// Whether clause `k` is an embedded question: opened by "whether", or by a wh-word right
/// after a verb or adjective ("let readers know which stories are true", "unclear who
/// fired"), where a relative pronoun would follow a noun.
fn asked(p: &Parse, k: usize) -> bool {
    let c = &p.clauses[k];
    let mut first = c.first;
    while let Some(o) = p.phrase_at(first).and_then(|ph| p.phrases[ph].possessor) {
        first = p.phrases[o].first;
    }
    let Some(opener) = first.checked_sub(1).map(|o| &p.words[o]) else {
        return false;
    };
    if opener.lemma.eq_ignore_ascii_case("whether") {
        return true;
    }
    let wh = ["which", "what", "who", "whom", "whose", "how", "why"];
    wh.iter().any(|w| opener.lemma.eq_ignore_ascii_case(w))
        && first
            .checked_sub(2)
            .is_some_and(|b| matches!(p.words[b].upos, Upos::Verb | Upos::Aux | Upos::Adj))
}

/// A quotation mark on its own, and whether it is a double one.
fn quote_mark(w: &Word) -> Option<bool> {
    w.quote_mark().map(|m| m.double)
}

/// Whether clause `k` stands alone inside a quotation that names or qualifies something:
/// a noun right after the closing mark ("the \"X is dead\" hoax", "recycled 'X WAS
/// ARRESTED' exclamations"), or words all capitalised as a title ("the Boy Who Cried 'X Is
/// Dead'"). A quotation someone says ("\"X is dead,\" she said") is neither.
fn quoted_name(p: &Parse, k: usize, timed: &[usize]) -> bool {
    let c = &p.clauses[k];
    let words = &p.words;
    if words[c.first..=c.last]
        .iter()
        .any(|w| quote_mark(w).is_some())
    {
        return false;
    }
    let Some(open) = (0..c.first)
        .rev()
        .find(|&i| quote_mark(&words[i]).is_some())
    else {
        return false;
    };
    let double = quote_mark(&words[open]);
    let Some(close) = (c.last + 1..words.len()).find(|&i| quote_mark(&words[i]) == double) else {
        return false;
    };
    // The mark before the clause opens a quotation: an even number of its kind before it.
    let before = words[..open]
        .iter()
        .filter(|w| quote_mark(w) == double)
        .count();
    if before % 2 == 1 {
        return false;
    }
    let modifies = words
        .get(close + 1)
        .is_some_and(|n| n.upos == Upos::Noun && !timed.contains(&(close + 1)));
    modifies || title_case(&words[open + 1..close])
}

/// Words written as a title: at least three, every one capitalised, and a capital on a word
/// past the first that is no proper name ("X Is Dead").
fn title_case(words: &[Word]) -> bool {
    let alpha: Vec<&Word> = words
        .iter()
        .filter(|w| w.text.chars().any(char::is_alphabetic))
        .collect();
    let capital = |w: &Word| w.text.chars().next().is_some_and(char::is_uppercase);
    alpha.len() >= 3
        && alpha.iter().all(|w| capital(w))
        && alpha
            .iter()
            .skip(1)
            .any(|w| w.upos != Upos::Propn && w.text.chars().any(char::is_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::Reader;

    /// Whether any clause of `text`, parsed, passes `test`.
    fn any_clause(text: &str, test: impl Fn(&crate::parse::Parse, usize) -> bool) -> bool {
        let mut r = Reader::default();
        let p = r.read(text, 0, text.len());
        (0..p.clauses.len()).any(|k| test(&p, k))
    }

    /// Whether any clause of `text` is a quoted name or modifier.
    fn quoted(text: &str) -> bool {
        any_clause(text, |p, k| quoted_name(p, k, &[]))
    }

    #[test]
    fn a_quoted_clause_is_a_name_before_a_noun_or_in_title_case_but_not_when_said() {
        assert!(quoted("Readers believed the \"Ellen Dunn is dead\" hoax."));
        assert!(quoted(
            "It is the tale of the Boy Who Cried 'Ellen Dunn Is Dead.'"
        ));
        assert!(!quoted("\"Ellen Dunn is dead,\" she said on Monday."));
        assert!(!quoted("She wrote: \"Ellen Dunn is dead.\""));
    }

    /// Whether any clause of `text` is an embedded question.
    fn question(text: &str) -> bool {
        any_clause(text, asked)
    }

    #[test]
    fn a_clause_after_whether_or_after_a_verb_and_a_wh_word_is_asked() {
        assert!(question("Nobody knows whether the talks will resume."));
        assert!(question(
            "The site never lets readers know which stories are true."
        ));
        assert!(!question("The stories which the site printed were true."));
        assert!(!question("The mayor said the talks will resume."));
    }
}
