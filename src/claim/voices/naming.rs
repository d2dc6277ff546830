//! What a speaker's words name: a pronoun, a person (titles dropped, a surname completed),
//! an organisation as written, or a source or document as written.

use super::{Back, Heard, Listener, in_name, is_title, pronoun_kind};
use crate::claim::VoiceKind;
use crate::extract::{PronounClass, SentenceFacts, pronoun_class};
use crate::parse::{Form, Parse};
use crate::tags::Upos;

impl Listener<'_> {
    /// One speaker from words `a..=b`: a pronoun, a name (titles dropped), or a source or
    /// document as written.
    pub(super) fn heard(&self, p: &Parse, a: usize, b: usize, f: &SentenceFacts) -> Option<Heard> {
        let words = &self.rules.words;
        let mut a = a;
        while a <= b && matches!(p.words[a].lemma.as_ref(), "both" | "also" | "meanwhile") {
            a += 1;
        }
        if a > b || b >= p.words.len() {
            return None;
        }
        // Adverbs, auxiliaries and times after the name are not part of it ("Reyes earlier
        // on Wednesday also denied").
        let mut b = b;
        let times = crate::time::find_times(&self.body[p.words[a].start..p.words[b].end], None);
        if let Some(t) = times.iter().map(|t| t.start).min() {
            let cut = p.words[a].start + t;
            while b > a && p.words[b].start >= cut {
                b -= 1;
            }
        }
        while b > a
            && (matches!(
                p.words[b].upos,
                Upos::Adv | Upos::Aux | Upos::Part | Upos::Adp
            ) || p.words[b].upos == Upos::Verb && p.words[b].form == Form::Participle)
        {
            b -= 1;
        }
        if a > b {
            return None;
        }
        let ws = &p.words[a..=b];
        let span = (ws[0].start, ws[ws.len() - 1].end);
        let last = &ws[ws.len() - 1];
        let mut entity = f
            .mentions
            .iter()
            .filter(|m| m.start <= last.start && last.end <= m.end)
            .map(|m| m.entity)
            .next_back();
        if ws.len() == 1 && ws[0].upos == Upos::Pron {
            return pronoun(&ws[0], span);
        }
        // Where the phrase turns descriptive: a preposition, a possessive, a participle or
        // a relative word ("the association representing drivers at X's depot"); not its
        // first word ("Leaked emails").
        let turn = ws.iter().enumerate().position(|(i, x)| {
            x.upos == Upos::Adp
                || x.upos == Upos::Part
                    && (x.text == "'s" || x.text == "’s" || x.text == "'" || x.text == "’")
                || i > 0
                    && x.upos == Upos::Verb
                    && (matches!(x.form, Form::Gerund | Form::Participle)
                        || x.form == Form::Past
                            && ws.get(i + 1).is_some_and(|n| n.upos == Upos::Adp))
                || matches!(x.lemma.as_ref(), "who" | "which" | "that")
        });
        let proper_end = last.upos == Upos::Propn;
        if proper_end && turn.is_none() {
            return Some(self.named(p, a, b, entity));
        }
        if let Some(h) = turn.and_then(|t| self.person_of(p, a, ws, t)) {
            return Some(h);
        }
        let head_end = turn.map_or(ws.len(), |t| t.max(1));
        let head = ws[..head_end]
            .iter()
            .rev()
            .find(|x| matches!(x.upos, Upos::Noun | Upos::Propn))
            .map_or("", |x| x.text);
        // A phrase the pack knows ("the defense secretary") is its entity.
        if let Some(back) = entity
            .is_none()
            .then(|| self.back_reference(ws, turn))
            .flatten()
        {
            let (back, name) = back;
            return Some(Heard {
                span,
                name,
                kind: match back {
                    Back::Organisation => VoiceKind::Organisation,
                    Back::Plural => VoiceKind::Unnamed,
                    _ => VoiceKind::Person,
                },
                entity: None,
                back: Some(back),
            });
        }
        let name = self.described(span.0, span.1);
        if name.is_empty() {
            return None;
        }
        let kind = if words.is_document(head) {
            // A document speaks for its author when the pack knows it ("a US intelligence
            // report"); a nameless person never becomes the body they belong to.
            entity = entity.or_else(|| self.modifier(f, ws, head_end));
            VoiceKind::Document
        } else if words.is_organisation(head) || proper_end && ws[0].lemma == "the" {
            // So does a body named by its author ("U.S. intelligence agencies").
            entity = entity.or_else(|| self.modifier(f, ws, head_end));
            VoiceKind::Organisation
        } else {
            VoiceKind::Unnamed
        };
        Some(Heard {
            span: (span.0, span.0 + name.len()),
            name,
            kind,
            entity,
            back: None,
        })
    }

    /// "Carol Briscoe of the Nursing Staff Federation": the person named before a
    /// preposition (at word `t` of `ws`, which start at word `a`), not the body.
    fn person_of(&self, p: &Parse, a: usize, ws: &[crate::parse::Word], t: usize) -> Option<Heard> {
        let named = t > 0
            && ws[t].upos == Upos::Adp
            && ws[t - 1].upos == Upos::Propn
            && (a..a + t).all(|k| in_name(p, k) || p.words[k].text.ends_with('.'));
        if !named {
            return None;
        }
        let h = self.named(p, a, a + t - 1, None);
        (h.kind == VoiceKind::Person && h.name.contains(' ')).then_some(h)
    }

    /// What a phrase "the …" of common words refers back to, and the word that says so:
    /// a title ("the minister"), an organisation ("the company"), several ("the two
    /// authors", "the co-chairs"), a person by age ("the 34-year-old"). A phrase whose head
    /// says none of these ("the airline") is no back-reference: it speaks as written.
    fn back_reference(
        &self,
        ws: &[crate::parse::Word],
        turn: Option<usize>,
    ) -> Option<(Back, String)> {
        let words = &self.rules.words;
        if ws.len() < 2 || ws.len() > 6 || ws[0].lemma != "the" || turn.is_some() {
            return None;
        }
        let rest = &ws[1..];
        let common = rest.iter().all(|x| {
            matches!(x.upos, Upos::Noun | Upos::Adj | Upos::Num | Upos::Punct)
                || x.text == "-"
                || x.lemma == "both"
        });
        if !common {
            return None;
        }
        let text = self
            .body
            .get(rest[0].start..rest[rest.len() - 1].end)?
            .to_lowercase();
        if text.starts_with(|c: char| c.is_ascii_digit()) && text.ends_with("-year-old") {
            return Some((Back::Person, text));
        }
        let head = rest.iter().rev().find(|x| x.upos == Upos::Noun)?;
        let noun = head.text.to_lowercase();
        if words.is_document(&noun) || words.is_source(&noun) && !words.is_title(&noun) {
            return None;
        }
        let plural =
            head.lemma != noun && noun.ends_with('s') || rest.iter().any(|x| x.upos == Upos::Num);
        if plural && (words.is_title(&noun) || words.is_title(&head.lemma) || rest.len() > 1) {
            return Some((Back::Plural, noun));
        }
        if words.is_organisation(&noun) {
            return Some((Back::Organisation, noun));
        }
        words.is_title(&noun).then_some((Back::Title, noun))
    }

    /// The pack's entity named right before a phrase's head, as its modifier ("a US
    /// intelligence report"), not in a description after it.
    pub(super) fn modifier(
        &self,
        f: &SentenceFacts,
        ws: &[crate::parse::Word],
        head_end: usize,
    ) -> Option<usize> {
        let end = ws[head_end.saturating_sub(1)].start;
        f.mentions
            .iter()
            .find(|m| m.start >= ws[0].start && m.end <= end)
            .map(|m| m.entity)
    }

    /// A source or document as written from `start` to `end`: without a parenthetical set
    /// off by commas, a time ("on Sunday") or a trailing adverb or auxiliary.
    pub(super) fn described(&self, start: usize, end: usize) -> String {
        let Some(text) = self.body.get(start..end) else {
            return String::new();
        };
        let mut text = text.to_string();
        if let Some(c) = text.find(',') {
            text.truncate(c);
        }
        let times = crate::time::find_times(&text, None);
        if let Some(t) = times.iter().map(|t| t.start).min() {
            text.truncate(t);
        }
        let mut words: Vec<&str> = text.split_whitespace().collect();
        while let Some(last) = words.last() {
            let l = last.to_lowercase();
            let trailing = matches!(
                l.as_str(),
                "has"
                    | "have"
                    | "had"
                    | "was"
                    | "were"
                    | "is"
                    | "are"
                    | "also"
                    | "earlier"
                    | "later"
                    | "on"
                    | "in"
                    | "at"
                    | "will"
                    | "would"
                    | "again"
                    | "then"
                    | "now"
                    | "still"
                    | "alike"
                    | "both"
                    | "together"
                    | "jointly"
                    | "all"
            ) || l.ends_with("ly") && words.len() > 2;
            if !trailing || words.len() == 1 {
                break;
            }
            words.pop();
        }
        words.join(" ")
    }

    /// A name in words `a..=b` that end in a proper noun: an organisation as written (with
    /// its article), a person without the titles before the name, a surname completed from
    /// earlier in the article.
    pub(super) fn named(&self, p: &Parse, a: usize, b: usize, entity: Option<usize>) -> Heard {
        let words = &self.rules.words;
        let ws = &p.words[a..=b];
        let end = ws[ws.len() - 1].end;
        // The proper name that ends the words: after the last title or common word.
        // A title word that ends the name is its surname ("Adam Driver").
        let run = (a..b.max(a + 1))
            .rposition(|k| !in_name(p, k) || is_title(words, p.words[k].text))
            .map_or(0, |i| i + 1)
            .min(ws.len() - 1);
        let organisation = ws[run..].iter().any(|x| words.is_organisation(x.text))
            || run > 0 && ws[run - 1].lemma == "the"
            || ws.len() == 1
                && entity.is_some_and(|e| {
                    self.rules.entities[e].kind != crate::rules::schema::EntityKind::Person
                });
        let mut name = if organisation {
            // The capitalised run that ends the words, with its article: "the White House",
            // "the Ministry of Health", "The Vintners' Guild", not "the pension fund".
            let capital = |x: &crate::parse::Word| {
                x.text.chars().next().is_some_and(char::is_uppercase)
                    || matches!(x.text, "of" | "&" | "-" | "'" | "’" | "'s" | "’s")
            };
            let mut from = ws.len() - 1;
            while from > 0 && capital(&ws[from - 1]) {
                from -= 1;
            }
            if from > 0 && ws[from - 1].lemma == "the" {
                from -= 1;
            }
            self.described(ws[from].start, end)
        } else {
            self.body[ws[run].start..end].to_string()
        };
        if !organisation && !name.contains(' ') {
            let titled = run > 0 && is_title(words, ws[run - 1].text);
            name = self.full_name(&name, ws[0].start).unwrap_or_else(|| {
                if titled {
                    // Only a title and a surname: that is the name ("Lord Pemberton-Hale").
                    self.body[ws[run - 1].start..end].to_string()
                } else {
                    name
                }
            });
        }
        Heard {
            span: (ws[0].start, end),
            name,
            kind: if organisation {
                VoiceKind::Organisation
            } else {
                VoiceKind::Person
            },
            entity,
            back: None,
        }
    }

    /// The last full name before `before` that ends in `surname` ("Maria Ortiz" for
    /// "Ortiz"), titles dropped.
    pub(super) fn full_name(&self, surname: &str, before: usize) -> Option<String> {
        let text = &self.body[..before];
        let mut at = text.len();
        while let Some(i) = text[..at].rfind(surname) {
            at = i;
            if let Some(name) = self.given_before(surname, i) {
                return Some(name);
            }
        }
        None
    }

    /// The first full name after `after` that ends in `surname`: a headline's "Okonjo: …"
    /// is the Adaora Okonjo of the story.
    pub(super) fn full_name_after(&self, surname: &str, after: usize) -> Option<String> {
        let mut from = after.min(self.body.len());
        while let Some(k) = self.body.get(from..)?.find(surname) {
            let i = from + k;
            if let Some(name) = self.given_before(surname, i) {
                return Some(name);
            }
            from = i + surname.len();
        }
        None
    }

    /// The given names before `surname` at byte `i`, as a full name, when the surname
    /// stands whole there.
    fn given_before(&self, surname: &str, i: usize) -> Option<String> {
        let text = &self.body[..i];
        let after = self.body[i + surname.len()..].chars().next();
        if after.is_some_and(|c| c.is_alphanumeric()) {
            return None;
        }
        let head: Vec<&str> = text
            .split_whitespace()
            .rev()
            .take(4)
            .take_while(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && !w.ends_with([',', '.', ':', ';'])
                    || w.ends_with('.') && w.len() <= 5
            })
            .collect();
        let given: Vec<&str> = head
            .into_iter()
            .rev()
            .skip_while(|w| is_title(&self.rules.words, w))
            .collect();
        (!given.is_empty() && text.ends_with(' ')).then(|| format!("{} {surname}", given.join(" ")))
    }
}

/// A pronoun as a speaker: a back-reference to a person ("he"), several ("they") or an
/// organisation ("it"); "we" and "I" speak only through a quotation's speaker.
fn pronoun(w: &crate::parse::Word, span: (usize, usize)) -> Option<Heard> {
    let class = pronoun_class(w.text)?;
    if class == PronounClass::Speaker {
        return None;
    }
    let plural = matches!(w.lemma.as_ref(), "they" | "them");
    let back = match class {
        PronounClass::Person => Back::Person,
        _ if plural => Back::Plural,
        _ => Back::Organisation,
    };
    Some(Heard {
        span,
        name: w.text.to_string(),
        kind: pronoun_kind(class),
        entity: None,
        back: Some(back),
    })
}
