//! Headlines: the article's first line when a blank line follows and no full stop ends it.
//! A headline names its source in few words — "Minister: …", "… – union chief", "…, says
//! central bank governor" — and the story below names the person: a title alone is read as
//! a back-reference resolved forward (the person given that title, else the story's first
//! speaker), a surname alone is completed from the story, and a headline that only quotes
//! ("Hospital ‘weeks from running out of blood’") quotes the story's first source.

use super::{Back, Found, Listener, is_title};
use crate::claim::VoiceKind;
use crate::extract::SentenceFacts;
use crate::parse::Parse;
use crate::tags::Upos;

/// Most words a headline has, and a source after its dash.
const HEADLINE_WORDS: usize = 20;
const DASH_SOURCE_WORDS: usize = 4;

impl Listener<'_> {
    /// Whether sentence `i` is the article's headline.
    pub(super) fn is_headline(&self, i: usize) -> bool {
        if i != 0 {
            return false;
        }
        let (lo, hi) = self.facts[i].text;
        let Some(k) = self.body[lo..].find('\n') else {
            return false;
        };
        let line_end = lo + k;
        let line = self.body[lo..line_end].trim();
        let blank_after = self.body[line_end + 1..]
            .split('\n')
            .next()
            .is_some_and(|l| l.trim().is_empty());
        let closing = line.trim_end_matches(['"', '”', '’', '\'']);
        hi >= line_end
            && blank_after
            && !line.is_empty()
            && !closing.ends_with(['.', '!', '?', ':', ';', ','])
            && line.split_whitespace().count() <= HEADLINE_WORDS
    }

    /// A headline that ends with its source after a dash: "Glassworks to close – union
    /// chief".
    pub(super) fn by_dash(&self, p: &Parse, f: &SentenceFacts) -> Option<Found> {
        let mut end = p.words.len();
        while end > 0 && p.words[end - 1].upos == Upos::Punct {
            end -= 1;
        }
        let dash = (1..end).rev().find(|&k| {
            let x = &p.words[k];
            matches!(x.text, "–" | "—")
                || x.text == "-"
                    && p.words[k - 1].end < x.start
                    && p.words.get(k + 1).is_some_and(|n| x.end < n.start)
        })?;
        if dash + 1 >= end || end - dash - 1 > DASH_SOURCE_WORDS || self.quoted(p.words[dash].start)
        {
            return None;
        }
        let h = self.heard(p, dash + 1, end - 1, f)?;
        Some(Found {
            how: format!(
                "the headline ends with its source `{}`",
                &self.body[p.words[dash].start..p.words[end - 1].end]
            ),
            cue: None,
            after_only: false,
            within: None,
            speakers: vec![h],
        })
    }

    /// A headline's speakers named by a title alone ("central bank governor", "Rovers
    /// boss after cup exit"), made back-references to the person the story gives the title
    /// (its last title word before any preposition); a surname alone completed from the
    /// story.
    pub(super) fn titles_only(&self, p: &Parse, found: &mut Found) {
        for h in found.speakers.iter_mut() {
            if h.back.is_some()
                || h.kind == VoiceKind::Organisation
                || h.name.contains(' ') && h.kind == VoiceKind::Person
            {
                continue;
            }
            let Some(a) = p.word_at_offset(h.span.0) else {
                continue;
            };
            let b = p.word_at_offset(h.span.1.saturating_sub(1)).unwrap_or(a);
            let words = &p.words[a..=b];
            let before_prep = words
                .iter()
                .position(|x| x.upos == Upos::Adp)
                .map_or(words, |k| &words[..k]);
            let title = before_prep
                .iter()
                .rev()
                .find(|x| is_title(&self.rules.words, x.text) && !x.text.ends_with('.'));
            if let Some(t) = title {
                h.name = t.text.to_lowercase();
                h.kind = VoiceKind::Person;
                h.back = Some(Back::Title);
            } else if h.kind == VoiceKind::Person
                && !is_title(&self.rules.words, &h.name)
                && let Some(full) = self.full_name_after(&h.name, h.span.1)
            {
                h.name = full;
            }
        }
    }

    /// A headline with no source of its own that quotes: the source of the story's first
    /// attributed sentence, when that is one of its first two.
    pub(super) fn lede(&mut self, i: usize) -> Option<Found> {
        let (lo, hi) = self.facts[i].text;
        if !self.quotes().iter().any(|q| lo <= q.0 && q.0 < hi) {
            return None;
        }
        let story = (i + 1..(i + 3).min(self.facts.len())).find(|&j| self.own(j).is_some())?;
        let found = self.attributed(story)?;
        Some(Found {
            how: format!(
                "the headline quotes the story's first source (sentence {}): {}",
                story + 1,
                found.how
            ),
            cue: None,
            after_only: false,
            within: None,
            ..found
        })
    }
}
