//! Names: proper names in parsed sentences become the article's own entities — people,
//! organisations, places — with coreference inside the article ("Ana Reyes" … "Reyes" …
//! "Ms. Reyes"), so that names nobody listed in the pack can speak and be spoken of.
//!
//! Which words are titles ("President", "Gen.") or mark an organisation ("Ministry",
//! "Inc.") is knowledge from `claims/`, passed in as [`NameWords`]; the code reads only the
//! parse. Keys are the full name, so the same person is one entity across the corpus.

use crate::parse::{Parse, Word, joins_words};
use crate::tags::Upos;
use serde::{Deserialize, Serialize};

/// What kind of thing a name names, as far as its words tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    Person,
    Organisation,
    Place,
    Unknown,
}

/// Word lists from the pack that tell a name's kind.
#[derive(Debug, Clone, Default)]
pub struct NameWords {
    /// Titles before a person's name, lower case ("president", "mr.", "gen.").
    pub titles: Vec<String>,
    /// Words inside an organisation's name, lower case ("ministry", "inc.", "union").
    pub organisation: Vec<String>,
    /// Words inside a place's name, lower case ("river", "province", "city").
    pub place: Vec<String>,
    /// Titles of a woman, lower case ("mrs.", "spokeswoman").
    pub female: Vec<String>,
    /// Titles of a man, lower case ("mr.", "spokesman").
    pub male: Vec<String>,
}

/// Whether a person is a woman or a man, as a title before the name says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
}

impl NameWords {
    fn has(list: &[String], word: &str) -> bool {
        list.iter().any(|w| w.eq_ignore_ascii_case(word))
    }

    /// Whether a word is a title before a person's name ("President", "Gen.").
    pub fn is_title(&self, word: &str) -> bool {
        Self::has(&self.titles, word)
    }

    /// The gender a title says ("Mrs." a woman, "spokesman" a man), if it says one.
    pub fn gender_of(&self, word: &str) -> Option<Gender> {
        if Self::has(&self.female, word) {
            Some(Gender::Female)
        } else if Self::has(&self.male, word) {
            Some(Gender::Male)
        } else {
            None
        }
    }
}

/// One entity of the article found by its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The full name, words joined by single spaces: the entity's identity.
    pub key: String,
    pub kind: NameKind,
    /// A person's gender, when a title before one of the mentions says it.
    pub gender: Option<Gender>,
    /// Where it is named: (sentence index, start byte, end byte), in reading order.
    pub mentions: Vec<(usize, usize, usize)>,
}

/// How many words a name may have: longer runs of capitals are headlines, not names.
const MAX_NAME_WORDS: usize = 8;

/// The names of an article, in order of first mention; `sentences` are its parsed
/// sentences in reading order.
pub fn names_in(sentences: &[Parse], words: &NameWords) -> Vec<Name> {
    names_in_some(sentences, words, |_| true)
}

/// [`names_in`], gathering names only from the sentences `gather` picks by index (the
/// indices of mentions stay those of `sentences`).
pub fn names_in_some(
    sentences: &[Parse],
    words: &NameWords,
    gather: impl Fn(usize) -> bool,
) -> Vec<Name> {
    let mut out: Vec<Name> = Vec::new();
    for (s, p) in sentences.iter().enumerate().filter(|&(s, _)| gather(s)) {
        for ph in 0..p.phrases.len() {
            let Some(found) = name_of_phrase(p, ph, words) else {
                continue;
            };
            let (start, end) = (p.words[found.first].start, p.words[found.last].end);
            match corefer(&out, &found.key, found.kind) {
                Some(k) => {
                    out[k].mentions.push((s, start, end));
                    out[k].gender = out[k].gender.or(found.gender);
                }
                None => out.push(Name {
                    key: found.key,
                    kind: found.kind,
                    gender: found.gender,
                    mentions: vec![(s, start, end)],
                }),
            }
        }
    }
    out
}

struct Found {
    key: String,
    kind: NameKind,
    gender: Option<Gender>,
    first: usize,
    last: usize,
}

/// The name in a noun phrase: its run of proper nouns (with "of" inside an organisation's
/// name: "Ministry of Defence"), its kind from titles and name words.
fn name_of_phrase(p: &Parse, ph: usize, words: &NameWords) -> Option<Found> {
    let np = &p.phrases[ph];
    let w = &p.words;
    // The proper-noun run that ends at the head.
    if w[np.head].upos != Upos::Propn {
        return None;
    }
    let run = proper_run_start(w, np.first, np.head);
    let mut first = run;
    let mut kind = NameKind::Unknown;
    let mut gender = None;
    // Titles at the start are not part of the name, and make it a person; a gendered one
    // ("Mrs.", "spokeswoman") says which.
    while first < np.head && NameWords::has(&words.titles, w[first].text) {
        kind = NameKind::Person;
        gender = words.gender_of(w[first].text).or(gender);
        first += 1;
    }
    if first > np.first && NameWords::has(&words.titles, w[first - 1].text) {
        kind = NameKind::Person;
        gender = gender.or(words.gender_of(w[first - 1].text));
    }
    // "the Prime Minister": a run of titles with no name after it is the post's own name.
    if first == np.head && NameWords::has(&words.titles, w[first].text) {
        first = run;
        kind = NameKind::Unknown;
        gender = None;
    }
    let mut last = np.head;
    // "Ministry of Defence": an organisation word before "of" takes the name after it.
    if let Some(of) = np.of
        && NameWords::has(&words.organisation, w[np.head].text)
        && w[p.phrases[of.phrase].head].upos == Upos::Propn
    {
        last = p.phrases[of.phrase].last;
    }
    if last + 1 - first > MAX_NAME_WORDS {
        return None;
    }
    let key = p.words_text(first, last);
    let text: Vec<&str> = key.split(' ').collect();
    if kind == NameKind::Unknown {
        kind = if text.iter().any(|t| NameWords::has(&words.organisation, t)) {
            NameKind::Organisation
        } else if text.iter().any(|t| NameWords::has(&words.place, t)) {
            NameKind::Place
        } else {
            NameKind::Unknown
        };
    }
    Some(Found {
        key,
        kind,
        gender,
        first,
        last,
    })
}

/// Where the run of proper nouns that ends at `head` starts, no earlier than `from`; a
/// hyphen joins its parts ("Ortega-Lund", "al-Rashidi").
pub fn proper_run_start(w: &[Word], from: usize, head: usize) -> usize {
    let mut first = head;
    loop {
        if first > from && w[first - 1].upos == Upos::Propn {
            first -= 1;
        } else if first > from + 1 && joins_words(w, first - 1) && w[first - 2].upos == Upos::Propn
        {
            first -= 2;
        } else {
            return first;
        }
    }
}

/// The earlier name a new mention refers to: the same full name, or a person's surname
/// alone ("Reyes" after "Ana Reyes"), or a longer name that ends in a surname seen alone.
fn corefer(names: &[Name], key: &str, kind: NameKind) -> Option<usize> {
    if let Some(k) = names.iter().position(|n| n.key == key) {
        return Some(k);
    }
    if key.contains(' ') || kind == NameKind::Organisation {
        return None;
    }
    // A one-word mention: the last person (or unknown) whose name ends in it, else the
    // last organisation (or unknown) whose name starts with it ("Harwick" for "Harwick
    // Freight").
    names
        .iter()
        .rposition(|n| {
            matches!(n.kind, NameKind::Person | NameKind::Unknown)
                && n.key.rsplit(' ').next() == Some(key)
                && n.key.contains(' ')
        })
        .or_else(|| {
            names.iter().rposition(|n| {
                matches!(n.kind, NameKind::Organisation | NameKind::Unknown)
                    && n.key.split(' ').next() == Some(key)
                    && n.key.contains(' ')
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{Form, Word};
    use std::borrow::Cow;

    fn sentence(items: &[(&'static str, Upos)], base: usize) -> Parse<'static> {
        let mut at = base;
        let words = items
            .iter()
            .map(|&(text, upos)| {
                let w = Word {
                    text,
                    lemma: Cow::Borrowed(text),
                    upos,
                    form: if upos == Upos::Verb {
                        Form::Past
                    } else {
                        Form::None
                    },
                    start: at,
                    end: at + text.len(),
                };
                at += text.len() + 1;
                w
            })
            .collect();
        Parse::new(words)
    }

    fn name_words() -> NameWords {
        NameWords {
            titles: vec!["ms.".into(), "minister".into(), "health".into()],
            organisation: vec!["ministry".into(), "union".into()],
            place: vec!["river".into()],
            female: vec!["ms.".into()],
            male: Vec::new(),
        }
    }

    #[test]
    fn surnames_and_titles_corefer_with_the_full_name() {
        use Upos::*;
        let s = [
            sentence(
                &[
                    ("Health", Propn),
                    ("Minister", Propn),
                    ("Ana", Propn),
                    ("Reyes", Propn),
                    ("spoke", Verb),
                ],
                0,
            ),
            sentence(&[("Ms.", Propn), ("Reyes", Propn), ("left", Verb)], 100),
            sentence(&[("Reyes", Propn), ("returned", Verb)], 200),
        ];
        let names = names_in(&s, &name_words());
        assert_eq!(names.len(), 1, "{names:?}");
        assert_eq!(names[0].key, "Ana Reyes");
        assert_eq!(names[0].kind, NameKind::Person);
        assert_eq!(names[0].mentions.len(), 3);
        // "Ms." on a later mention says the person is a woman.
        assert_eq!(names[0].gender, Some(Gender::Female));
    }

    #[test]
    fn organisation_names_take_their_of_phrase() {
        use Upos::*;
        let s = [sentence(
            &[
                ("The", Det),
                ("Ministry", Propn),
                ("of", Adp),
                ("Transport", Propn),
                ("denied", Verb),
            ],
            0,
        )];
        let names = names_in(&s, &name_words());
        assert_eq!(names[0].key, "Ministry of Transport");
        assert_eq!(names[0].kind, NameKind::Organisation);
    }

    #[test]
    fn common_nouns_are_not_names() {
        use Upos::*;
        let s = [sentence(
            &[("The", Det), ("drivers", Noun), ("struck", Verb)],
            0,
        )];
        assert!(names_in(&s, &name_words()).is_empty());
    }

    #[test]
    fn a_hyphenated_name_is_one_name() {
        let text = "Tomas Ortega-Lund said it. Nadia al-Rashidi left.";
        let mut r = crate::parse::Reader::default();
        let cut = text.find(" Nadia").unwrap_or(0);
        let s = [r.read(text, 0, cut), r.read(text, cut + 1, text.len())];
        let keys: Vec<String> = names_in(&s, &name_words())
            .into_iter()
            .map(|n| n.key)
            .collect();
        assert_eq!(keys, ["Tomas Ortega-Lund", "Nadia al-Rashidi"]);
    }
}
