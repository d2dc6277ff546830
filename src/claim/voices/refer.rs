//! Back-references: who "he", "they", "the minister", "the 34-year-old", "the company" or
//! "the two authors" stand for. Each takes the nearest antecedent of its kind, sentence by
//! sentence back (forward from a headline, into the story): a person (the sentence's
//! speaker, else its first person, who is most often its subject), best the one given the
//! title ("Gareth Pugh, the housing minister," for "the minister"); an organisation; for a
//! plural, the speakers of a sentence, persons named together ("X and Y"), or for "they" a
//! plural subject ("Members of the association packed the hall").

use super::{Back, Found, Heard, LOOK_BACK, Listener, in_name, is_boundary};
use crate::claim::VoiceKind;
use crate::tags::Upos;

impl Listener<'_> {
    /// Replaces the back-references among `found`'s speakers by what they stand for. One
    /// that stands for no one stays a back-reference (and is dropped), unless it is a
    /// phrase ("the company"), which then speaks as written.
    pub(super) fn resolve(&mut self, i: usize, found: &mut Found) {
        let mut speakers = Vec::new();
        for h in std::mem::take(&mut found.speakers) {
            let Some(back) = h.back else {
                speakers.push(h);
                continue;
            };
            let written = self.body[h.span.0..h.span.1].to_string();
            match self.antecedents(i, &h, back) {
                Some(es) => {
                    let names: Vec<&str> = es.iter().map(|e| e.name.as_str()).collect();
                    found.how = format!("{} (`{written}` is {})", found.how, names.join(" and "));
                    speakers.extend(es);
                }
                None if written.contains(' ') => speakers.push(Heard {
                    name: written,
                    back: None,
                    kind: match back {
                        Back::Organisation => VoiceKind::Organisation,
                        Back::Plural => VoiceKind::Unnamed,
                        _ => VoiceKind::Person,
                    },
                    ..h
                }),
                None => speakers.push(h),
            }
        }
        found.speakers = speakers;
    }

    /// The sentences a back-reference in sentence `i` looks at, nearest first: back, or
    /// forward into the story from a headline.
    fn around(&self, i: usize) -> Vec<usize> {
        if self.is_headline(i) {
            (i + 1..(i + 1 + LOOK_BACK).min(self.facts.len())).collect()
        } else {
            (i.saturating_sub(LOOK_BACK)..i).rev().collect()
        }
    }

    fn antecedents(&mut self, i: usize, h: &Heard, back: Back) -> Option<Vec<Heard>> {
        let order = self.around(i);
        match back {
            Back::Title => order
                .iter()
                .find_map(|&j| self.titled_in(j, &h.name))
                .or_else(|| self.person_back(&order))
                .map(|e| vec![e]),
            Back::Person => self.person_back(&order).map(|e| vec![e]),
            // A speaker first, however far back; then, for a phrase ("the company"), a
            // name. A pronoun ("it") goes no further: the article's discourse reads it.
            Back::Organisation => order
                .iter()
                .find_map(|&j| {
                    let spoke = self.own(j).map(|f| f.speakers).unwrap_or_default();
                    spoke
                        .into_iter()
                        .rev()
                        .find(|e| e.back.is_none() && e.kind == VoiceKind::Organisation)
                })
                .or_else(|| {
                    let phrase = h.name.len() < h.span.1 - h.span.0 || h.name.contains(' ');
                    phrase.then_some(())?;
                    order.iter().find_map(|&j| {
                        self.names_in(j)
                            .into_iter()
                            .find(|e| e.kind == VoiceKind::Organisation)
                    })
                })
                .map(|e| vec![e]),
            Back::Plural => {
                let pronoun = !h.name.contains(' ') && h.span.1 - h.span.0 == h.name.len();
                order.iter().find_map(|&j| self.plural_in(j, pronoun))
            }
        }
    }

    /// The nearest person: a sentence's person speaker, else its first person named.
    fn person_back(&mut self, order: &[usize]) -> Option<Heard> {
        order.iter().find_map(|&j| {
            let spoke = self.own(j).map(|f| f.speakers).unwrap_or_default();
            spoke
                .into_iter()
                .rev()
                .find(|e| e.back.is_none() && e.kind == VoiceKind::Person)
                .or_else(|| self.person_in(j, true))
        })
    }

    /// The first person named in sentence `j` with `title` in their title or apposition:
    /// "Transport Minister Gareth Pugh", "Luis Ortega, the agriculture minister,", "the
    /// governor of the central bank, Wanjiru Kamau".
    fn titled_in(&mut self, j: usize, title: &str) -> Option<Heard> {
        let (lo, hi) = self.facts[j].text;
        let has = |text: &str| {
            text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .any(|w| w.eq_ignore_ascii_case(title))
        };
        let body = self.body;
        self.names_in(j).into_iter().find(|h| {
            if h.kind != VoiceKind::Person || !h.name.contains(' ') {
                return false;
            }
            let own = &body[h.span.0..h.span.1];
            let after = body[h.span.1..hi].strip_prefix(',').map_or("", |rest| {
                rest.find([',', ';', ':']).map_or(rest, |k| &rest[..k])
            });
            let before = body[lo..h.span.0]
                .trim_end()
                .strip_suffix(',')
                .map_or("", |rest| {
                    rest.rfind([',', ';', ':', '—', '–'])
                        .map_or(rest, |k| &rest[k..])
                });
            has(own) || has(after) || has(before)
        })
    }

    /// Several that sentence `j` names together: its speakers when there are several, two
    /// persons named "X and Y", or for a pronoun ("they") its plural subject.
    fn plural_in(&mut self, j: usize, pronoun: bool) -> Option<Vec<Heard>> {
        let spoke = self.own(j).map(|f| f.speakers).unwrap_or_default();
        if spoke.len() > 1 && spoke.iter().all(|e| e.back.is_none()) {
            return Some(spoke);
        }
        let persons: Vec<Heard> = self
            .names_in(j)
            .into_iter()
            .filter(|h| h.kind == VoiceKind::Person && h.name.contains(' '))
            .collect();
        for pair in persons.windows(2) {
            let between = &self.body[pair[0].span.1..pair[1].span.0];
            if between.trim() == "and" {
                return Some(pair.to_vec());
            }
        }
        if !pronoun {
            return None;
        }
        self.plural_subject(j).map(|h| vec![h])
    }

    /// The subject of sentence `j`'s main clause, as written, when its head is a plural
    /// noun ("Members of the Belcourt Residents' Association").
    fn plural_subject(&mut self, j: usize) -> Option<Heard> {
        let p = self.parsed(j);
        let clause = p
            .clauses
            .iter()
            .find(|c| c.link == crate::parse::Link::Main && !c.subject_inherited)?;
        // "Members of the association": the noun the prepositional phrase hangs from.
        let ph = self.antecedent(p, *clause.subject.first()?);
        let np = &p.phrases[ph];
        let head = &p.words[np.head];
        let plural = head.upos == Upos::Noun && head.lemma != head.text.to_lowercase();
        if !plural || np.first >= clause.verb.first || self.quoted(p.words[np.first].start) {
            return None;
        }
        let last = clause.verb.first - 1;
        if p.words[np.first..=last].iter().any(is_boundary) {
            return None;
        }
        let name = self.described(p.words[np.first].start, p.words[last].end);
        (!name.is_empty()).then(|| Heard {
            span: (
                p.words[np.first].start,
                p.words[np.first].start + name.len(),
            ),
            name,
            kind: VoiceKind::Unnamed,
            entity: None,
            back: None,
        })
    }

    /// The first (or last) person named in sentence `j` outside quotation marks.
    pub(super) fn person_in(&mut self, j: usize, first: bool) -> Option<Heard> {
        let mut names = self
            .names_in(j)
            .into_iter()
            .filter(|h| h.kind == VoiceKind::Person && h.name.contains(' '));
        if first {
            names.next()
        } else {
            names.next_back()
        }
    }

    /// The proper names of sentence `j` outside quotation marks, in order, each with its
    /// titles and a hyphenated surname whole; not a possessor, nor a dateline in capitals.
    pub(super) fn names_in(&mut self, j: usize) -> Vec<Heard> {
        let p = self.parsed(j);
        let f = &self.facts[j];
        let mut out = Vec::new();
        for np in &p.phrases {
            if p.words[np.head].upos != Upos::Propn
                || np.possessor.is_some()
                || self.quoted(p.words[np.first].start)
            {
                continue;
            }
            let mut first = np.head;
            while first > np.first && in_name(p, first - 1) {
                first -= 1;
            }
            let mut last = np.head;
            // "Mensah-Otoo": the parts of a hyphenated name, written without spaces.
            while last + 2 < p.words.len()
                && p.words[last + 1].text == "-"
                && p.words[last + 1].start == p.words[last].end
                && p.words[last + 2].start == p.words[last + 1].end
                && p.words[last + 2]
                    .text
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            {
                last += 2;
            }
            let text = &self.body[p.words[first].start..p.words[last].end];
            let capitals = text.chars().filter(|c| c.is_alphabetic()).count() > 1
                && !text.chars().any(char::is_lowercase);
            if capitals {
                continue;
            }
            let head = &p.words[last];
            let entity = f
                .mentions
                .iter()
                .filter(|m| m.start <= head.start && head.end <= m.end)
                .map(|m| m.entity)
                .next_back();
            out.push(self.named(p, first, last, entity));
        }
        out
    }
}
