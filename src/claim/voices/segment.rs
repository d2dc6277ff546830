//! Where the speaker stands around a speech verb: the words before it in its clause (past
//! a parenthetical, or a name set off by commas), after it when it is inverted, the noun a
//! relative clause is about, the clause before a colon that opens a quotation.

use super::{Found, Listener, in_name, is_boundary};
use crate::extract::SentenceFacts;
use crate::parse::{Form, Parse};
use crate::tags::Upos;

impl Listener<'_> {
    /// The words that speak through the verb at `w`: before it, in its clause (past a
    /// parenthetical set off by commas, or a name set off by commas); after it when it is
    /// inverted ("…,” said X); for a participle after a comma ("…, saying"), the speaker
    /// of the verb before it.
    pub(super) fn speaking(&self, p: &Parse, w: usize) -> Option<(usize, usize)> {
        if p.words[w].form == Form::Gerund && w > 0 && p.words[w - 1].text == "," {
            let verb = (0..w - 1)
                .rev()
                .find(|&k| p.words[k].upos == Upos::Verb && !self.quoted(p.words[k].start))?;
            return self.speaking(p, verb);
        }
        // "a report that accused X of …": the relative clause speaks for the noun it
        // modifies.
        let relative = p.clauses.iter().find(|c| {
            c.verb.first <= w && w <= c.verb.last && c.link == crate::parse::Link::Relative
        });
        if let Some(&s) = relative.and_then(|c| c.subject.first()) {
            let s = self.antecedent(p, s);
            return Some((p.phrases[s].first, p.phrases[s].last));
        }
        let (seg, boundary) = self.segment_back(p, w);
        // A segment that opens with its verb ("…, thanked X and said") is no subject: the
        // speaker stands before the comma.
        let seg = seg.and_then(|s| self.before_verb(p, s));
        let seg = match seg {
            Some(s) => Some(s),
            // ", X, told the court": the noun phrase set off before the verb speaks (what
            // follows is the verb's object); "…, said X": inverted, when no noun phrase
            // stands before the comma and one follows.
            None if boundary.is_some_and(|b| p.words[b].text == ",") => {
                let before = self.comma_segment(p, boundary?);
                return before
                    .filter(|&s| self.is_nominal(p, s))
                    .map(|s| self.with_partner(p, s))
                    .or_else(|| self.inverted(p, w))
                    .or(before);
            }
            None => None,
        };
        match seg {
            // "Ana Reyes, the union's general secretary, said": the name speaks.
            Some(s) if !self.is_name(p, s) => Some(
                self.named_before(p, boundary)
                    .map_or(s, |n| self.with_partner(p, n)),
            ),
            Some(s) => Some(s),
            None => self.inverted(p, w),
        }
    }

    /// "Head coach X and the club's owner, Y, said": the name set off after a role joins
    /// the speaker coordinated before the role, words `start..` of the whole.
    fn with_partner(&self, p: &Parse, (a, b): (usize, usize)) -> (usize, usize) {
        if a == 0 || p.words[a - 1].text != "," {
            return (a, b);
        }
        let (Some((s0, s1)), _) = self.segment_back(p, a - 1) else {
            return (a, b);
        };
        let and =
            (s0 + 1..=s1).find(|&k| p.words[k].lemma == "and" && p.words[k].upos == Upos::Cconj);
        let named = and.is_some_and(|c| {
            p.words[s0..c].iter().any(|x| x.upos == Upos::Propn)
                && !p.words[s0..=s1]
                    .iter()
                    .any(|x| x.upos == Upos::Verb || x.upos == Upos::Aux)
        });
        if named { (s0, b) } else { (a, b) }
    }

    /// The noun a relative clause is about: past a phrase inside a prepositional phrase or
    /// a participle ("a report released on Monday that …": a report).
    pub(super) fn antecedent(&self, p: &Parse, ph: usize) -> usize {
        let mut ph = ph;
        for _ in 0..4 {
            let k = p.phrases[ph].first;
            if k < 2 || p.words[k - 1].upos != Upos::Adp {
                break;
            }
            let mut j = k - 2;
            while j > 0 && (p.words[j].upos == Upos::Adv || p.words[j].form == Form::Participle) {
                j -= 1;
            }
            match p.phrase_at(j) {
                Some(before) if before != ph => ph = before,
                _ => break,
            }
        }
        ph
    }

    /// A segment cut before the verb of another clause of its subject: "a spokeswoman for
    /// X declined to comment but said" (before a "but" or "and" that joins the speech verb),
    /// "a video released by X appeared to show" (before the verb the speech verb depends
    /// on), else before a finite verb outside a relative clause that is no participle
    /// ("officials briefed on the talks said"). `None` when the segment opens with that
    /// verb: its subject stands before it.
    pub(super) fn before_verb(&self, p: &Parse, (a, b): (usize, usize)) -> Option<(usize, usize)> {
        let is_verb = |x: &crate::parse::Word| matches!(x.upos, Upos::Verb | Upos::Aux);
        let relative = |k: usize| {
            p.words[a..k]
                .iter()
                .any(|y| matches!(y.lemma.as_ref(), "who" | "which" | "that"))
        };
        let cut = |k: usize| (k > a).then(|| (a, k - 1));
        let mut last = b;
        while last > a && p.words[last].upos == Upos::Adv {
            last -= 1;
        }
        let joined = p.words[last].upos == Upos::Cconj;
        if joined && let Some(k) = (a..last).find(|&k| is_verb(&p.words[k]) && !relative(k)) {
            return cut(k);
        }
        if p.words[last].text.eq_ignore_ascii_case("to") && last > a && is_verb(&p.words[last - 1])
        {
            let mut k = last - 1;
            while k > a && (is_verb(&p.words[k - 1]) || p.words[k - 1].upos == Upos::Adv) {
                k -= 1;
            }
            return cut(k);
        }
        for k in a + 1..=b {
            let x = &p.words[k];
            let finite = matches!(x.form, Form::Present | Form::Past)
                && matches!(x.upos, Upos::Verb | Upos::Aux);
            let participle = x.upos == Upos::Verb
                && x.form == Form::Past
                && p.words.get(k + 1).is_some_and(|n| n.upos == Upos::Adp);
            if finite && !participle && !relative(k) {
                return Some((a, k - 1));
            }
        }
        Some((a, b))
    }

    /// Whether words `a..=b` are a proper name alone (titles and abbreviations allowed),
    /// not a time.
    pub(super) fn is_name(&self, p: &Parse, (a, b): (usize, usize)) -> bool {
        let text = &self.body[p.words[a].start..p.words[b].end];
        (a..=b).all(|k| in_name(p, k) || p.words[k].text.ends_with('.'))
            && crate::time::find_times(text, None).is_empty()
    }

    /// Whether words `a..=b` are a noun phrase, not a clause: they open with a noun, name,
    /// determiner, adjective, number or pronoun and hold no finite verb or auxiliary.
    pub(super) fn is_nominal(&self, p: &Parse, (a, b): (usize, usize)) -> bool {
        matches!(
            p.words[a].upos,
            Upos::Det | Upos::Propn | Upos::Noun | Upos::Adj | Upos::Num | Upos::Pron
        ) && !p.words[a..=b].iter().any(|x| {
            x.upos == Upos::Aux
                || x.upos == Upos::Verb && matches!(x.form, Form::Present | Form::Past)
        })
    }

    /// The words back from `w` to the nearest boundary (punctuation, a quotation mark, a
    /// subordinating word), and the boundary's index.
    pub(super) fn segment_back(
        &self,
        p: &Parse,
        w: usize,
    ) -> (Option<(usize, usize)>, Option<usize>) {
        let mut k = w;
        while k > 0 {
            let x = &p.words[k - 1];
            if is_boundary(x) || self.quoted(x.start) || opens_clause_or_dash(p, k - 1) {
                let b = k - 1;
                return ((k < w).then(|| (k, w - 1)), Some(b));
            }
            k -= 1;
        }
        ((w > 0).then(|| (0, w - 1)), None)
    }

    /// ", X, said": X, unless X is a parenthetical ("speaking on condition of anonymity",
    /// "who asked not to be named"), then what stands before it.
    pub(super) fn comma_segment(&self, p: &Parse, comma: usize) -> Option<(usize, usize)> {
        // Back to the comma that opens it (a parenthetical may hold "because" or quotes).
        let open = (0..comma).rev().find(|&k| p.words[k].text == ",");
        let a = open.map_or(0, |o| o + 1);
        if a >= comma {
            return None;
        }
        let first = &p.words[a];
        let parenthetical = matches!(first.upos, Upos::Verb | Upos::Adp | Upos::Sconj | Upos::Adv)
            || matches!(first.lemma.as_ref(), "who" | "which" | "whose" | "whom");
        if parenthetical {
            return self
                .segment_back(p, open?)
                .0
                .and_then(|s| self.before_verb(p, s));
        }
        let (seg, boundary) = self.segment_back(p, comma);
        let s = seg?;
        if !self.is_name(p, s) {
            return Some(self.named_before(p, boundary).unwrap_or(s));
        }
        Some(s)
    }

    /// A proper name set off before a role: the segment before `boundary` when it is a
    /// comma and the segment is a name.
    pub(super) fn named_before(
        &self,
        p: &Parse,
        boundary: Option<usize>,
    ) -> Option<(usize, usize)> {
        let comma = boundary.filter(|&c| p.words[c].text == ",")?;
        let (seg, _) = self.segment_back(p, comma);
        seg.filter(|&s| self.is_name(p, s))
    }

    /// The speaker after an inverted verb: "…,” said X" or "…, said X, the …": the words
    /// up to the next boundary, when they are a noun phrase and not a clause.
    pub(super) fn inverted(&self, p: &Parse, w: usize) -> Option<(usize, usize)> {
        let before = if w == 0 { None } else { Some(&p.words[w - 1]) };
        let opens = before.is_none_or(|x| is_boundary(x) || self.quoted(x.start));
        if !opens {
            return None;
        }
        let last = p
            .word_at_offset(p.words[w].end.saturating_sub(1))
            .unwrap_or(w);
        self.after(p, last)
    }

    /// The noun phrase after word `w` up to the next boundary; a role followed by a name
    /// set off by a comma gives the name ("the council's finance director, Alison Creed").
    pub(super) fn after(&self, p: &Parse, w: usize) -> Option<(usize, usize)> {
        let a = w + 1;
        let b = (a..p.words.len())
            .find(|&k| is_boundary(&p.words[k]))
            .unwrap_or(p.words.len());
        if b <= a {
            return None;
        }
        let seg = (a, b - 1);
        let nominal = matches!(
            p.words[a].upos,
            Upos::Det | Upos::Propn | Upos::Noun | Upos::Adj | Upos::Num | Upos::Pron
        ) || p.words[a].upos == Upos::Verb
            && p.words.get(a + 1).is_some_and(|x| x.upos == Upos::Noun);
        // A finite verb after the first word makes it a clause, not a speaker ("unnamed
        // officials" opens with a verb form the tagger may read as a past tense).
        let clause = p.words[a + 1..b].iter().any(|x| {
            matches!(x.form, Form::Present | Form::Past) && x.upos != Upos::Propn
                || x.upos == Upos::Aux
        }) || p.words[a].lemma == "that";
        if !nominal || clause {
            return None;
        }
        if p.words.get(b).is_some_and(|x| x.text == ",") {
            let next = b + 1;
            let end = (next..p.words.len())
                .find(|&k| is_boundary(&p.words[k]))
                .unwrap_or(p.words.len());
            // "the panel's co-chairs, Harriet Lomax and Desmond Achebe": names, one each.
            let name = end > next
                && p.words[next..end].iter().all(|x| {
                    x.upos == Upos::Propn
                        || x.text.ends_with('.')
                        || x.lemma == "and" && x.upos == Upos::Cconj
                })
                && p.words[end - 1].upos != Upos::Cconj;
            if name {
                return Some((next, end - 1));
            }
        }
        Some(seg)
    }

    /// "X put it bluntly: “…”": the subject of the clause before a colon that opens a
    /// quotation.
    pub(super) fn before_colon(&self, p: &Parse, f: &SentenceFacts) -> Option<Found> {
        let colon = p.words.iter().position(|x| x.text == ":")?;
        let next = p.words.get(colon + 1)?;
        if !self.quoted(next.start) && !matches!(next.text, "“" | "\"" | "‘" | "'") {
            return None;
        }
        // The first verb outside a relative clause ("X, who runs the unit, put it bluntly:"),
        // its speaker found as any speech verb's is.
        let verb = (0..colon).find(|&k| {
            matches!(p.words[k].upos, Upos::Verb | Upos::Aux)
                && !p.words[..k]
                    .iter()
                    .rev()
                    .take_while(|x| !is_boundary(x))
                    .any(|x| matches!(x.lemma.as_ref(), "who" | "which" | "whose"))
        })?;
        let (a, b) = self.speaking(p, verb)?;
        self.found(p, a, b, f, p.words[colon].start, p.words[colon].end)
    }
}

/// Whether word `k` opens an adverbial clause in the parse ("rallied *after* the ministry
/// said") or is a dash set off by spaces ("Markets) - the city's bonds"): either ends the
/// phrase of a speaker before a verb.
fn opens_clause_or_dash(p: &Parse, k: usize) -> bool {
    let x = &p.words[k];
    let spaced = |a: usize, b: usize| p.words[a].end < p.words[b].start;
    let dash = matches!(x.text, "-" | "–" | "—")
        && k > 0
        && k + 1 < p.words.len()
        && spaced(k - 1, k)
        && spaced(k, k + 1);
    dash || p
        .clauses
        .iter()
        .any(|c| c.link == crate::parse::Link::Adverbial(k))
}
