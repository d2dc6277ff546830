//! Each sentence's parse, read at most once per article and shared by every step that asks.
//!
//! A sentence that makes a claim is asked for by the trigger's scope, by the listener that
//! finds its speaker, by the second reading once that speaker is known, and by references
//! from later sentences; tagging and parsing are the dearest part of the claims stage, so
//! they happen once.

use crate::extract::SentenceFacts;
use crate::parse::{Parse, Reader};
use std::cell::{OnceCell, RefCell};

/// The parses of one article's sentences, read on first use.
pub struct Parses<'a> {
    body: &'a str,
    facts: &'a [SentenceFacts],
    reader: RefCell<Reader>,
    parsed: Vec<OnceCell<Parse<'a>>>,
}

impl<'a> Parses<'a> {
    pub fn new(body: &'a str, facts: &'a [SentenceFacts]) -> Parses<'a> {
        Parses {
            body,
            facts,
            reader: RefCell::new(Reader::default()),
            parsed: facts.iter().map(|_| OnceCell::new()).collect(),
        }
    }

    /// The parse of sentence `j` (an index into the article's facts).
    pub fn of(&self, j: usize) -> &Parse<'a> {
        self.parsed[j].get_or_init(|| {
            let (start, end) = self.facts[j].text;
            // The reader is only borrowed while it reads, and reading asks for no parse.
            self.reader.borrow_mut().read(self.body, start, end)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_is_read_once_and_every_caller_sees_that_reading() {
        let body = "The council voted. The mayor said it had closed the depot.";
        let rules = crate::claim::tests::bundled();
        let sentences = crate::sentence::split(body);
        let facts = crate::extract::extract(body, &sentences, rules);
        let parses = Parses::new(body, &facts);
        let first: *const Parse = parses.of(1);
        let again: *const Parse = parses.of(1);
        assert_eq!(first, again);
        assert!(
            parses.parsed[0].get().is_none(),
            "sentence 0 was never asked for"
        );
        assert_eq!(parses.of(1).words[1].text, "mayor");
    }
}
