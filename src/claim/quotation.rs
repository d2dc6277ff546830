//! Quotations: sentences inside a quotation that runs over several sentences belong to
//! whoever the quotation is attributed to.

use super::attribution::Attribution;
use crate::article::Lines;
use crate::extract::SentenceFacts;

/// Gives each unattributed sentence with a trigger inside a multi-sentence quotation the
/// speaker of the quotation (the first of its sentences that has one).
pub(super) fn attribute_quotations(
    facts: &[SentenceFacts],
    lines: &Lines,
    quotes: &Quotes,
    atts: &mut [Attribution],
) {
    let needs_quotes = atts
        .iter()
        .zip(facts)
        .any(|(a, f)| a.speaker.is_none() && !f.triggers.is_empty());
    if !needs_quotes {
        return;
    }
    // Each quotation is matched to the sentences it covers by binary search; one that
    // seems to run over more than `MAX_QUOTED_SENTENCES` sentences is a stray quote mark,
    // not a quotation, which also bounds the work.
    const MAX_QUOTED_SENTENCES: usize = 50;
    for &(q0, q1) in quotes.regions() {
        let first = facts.partition_point(|f| f.text.1 <= q0);
        let last = facts.partition_point(|f| f.text.0 < q1);
        if last <= first + 1 || last - first > MAX_QUOTED_SENTENCES {
            continue;
        }
        let Some(donor) = (first..last).find(|&j| atts[j].speaker.is_some()) else {
            continue;
        };
        for i in first..last {
            if atts[i].speaker.is_none() && !facts[i].triggers.is_empty() {
                atts[i].speaker = atts[donor].speaker;
                atts[i].how = format!(
                    "inside a quotation attributed on line {}",
                    lines.line_of(facts[donor].text.0)
                );
            }
        }
    }
}

/// An article's quoted regions, found on first use and then shared: attribution asks only
/// when a sentence with a trigger has no speaker of its own, the listener only when it
/// looks for one.
pub(super) struct Quotes<'a> {
    body: &'a str,
    regions: std::cell::OnceCell<Vec<(usize, usize)>>,
}

impl<'a> Quotes<'a> {
    pub(super) fn new(body: &'a str) -> Quotes<'a> {
        Quotes {
            body,
            regions: std::cell::OnceCell::new(),
        }
    }

    pub(super) fn regions(&self) -> &[(usize, usize)] {
        self.regions.get_or_init(|| quote_regions(self.body))
    }
}

/// Quoted regions of a body: “…”, "…", ‘…’ and '…' pairs, each as a byte range. A single
/// mark opens only at the start of a word and closes only at the end of one, so that the
/// apostrophes of "Bride’s" and "don't" are not quotation marks.
pub(super) fn quote_regions(body: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut curly: Option<usize> = None;
    let mut straight: Option<usize> = None;
    let mut single: Option<usize> = None;
    for (i, c) in marks(body) {
        let prev = body[..i].chars().next_back().unwrap_or('\n');
        let next = body[i + c.len_utf8()..].chars().next().unwrap_or(' ');
        let opens = !prev.is_alphanumeric() && next.is_alphanumeric();
        let closes = !prev.is_whitespace() && !next.is_alphanumeric();
        match c {
            '“' => curly = Some(i),
            '”' => {
                if let Some(s) = curly.take() {
                    out.push((s, i + c.len_utf8()));
                }
            }
            '"' => match straight.take() {
                Some(s) => out.push((s, i + 1)),
                None => straight = Some(i),
            },
            '‘' => single = Some(i),
            '\'' | '’' if single.is_some() && closes => {
                if let Some(s) = single.take() {
                    out.push((s, i + c.len_utf8()));
                }
            }
            '\'' if opens => single = Some(i),
            '\n' if body[i + 1..].starts_with('\n') || body[i + 1..].starts_with("\r\n") => {
                // Quotes do not run across paragraphs without closing, except that a
                // quotation left open at a paragraph's end goes on when the next paragraph
                // opens with the same mark (the British and American rule for quotations of
                // several paragraphs): it is a quotation up to the break.
                let next = body[i + 1..].trim_start().chars().next();
                for (open, mark) in [(&mut curly, '“'), (&mut straight, '"'), (&mut single, '‘')]
                {
                    if let Some(s) = open.take()
                        && next == Some(mark)
                    {
                        out.push((s, i));
                    }
                }
            }
            _ => {}
        }
    }
    out.sort_unstable();
    out
}

/// The quotation marks and line breaks of `body`. The rest of the text (nearly all of it)
/// is never decoded: the ASCII marks and the lead byte 0xE2 of the curly ones are found
/// with vectorised searches, each kept one match ahead.
fn marks(body: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = body.as_bytes();
    let ascii = |from: usize| memchr::memchr3(b'"', b'\'', b'\n', &bytes[from..]).map(|i| from + i);
    let lead = |from: usize| memchr::memchr(0xE2, &bytes[from..]).map(|i| from + i);
    let (mut next_ascii, mut next_lead) = (ascii(0), lead(0));
    std::iter::from_fn(move || {
        loop {
            let at = match (next_ascii, next_lead) {
                (Some(a), Some(l)) => a.min(l),
                (a, l) => a.or(l)?,
            };
            let c = body[at..].chars().next()?;
            let after = at + c.len_utf8();
            if next_ascii == Some(at) {
                next_ascii = ascii(after);
            } else {
                next_lead = lead(after);
            }
            if matches!(
                c,
                '"' | '\'' | '\n' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}'
            ) {
                return Some((at, c));
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::tests::{Fixture, bundled, id_of};

    #[test]
    fn quote_regions_pair_up() {
        let body = "“One. Two,” he said. \"Three\" and “four";
        let r = quote_regions(body);
        assert_eq!(r.len(), 2);
        assert_eq!(&body[r[0].0..r[0].1], "“One. Two,”");
        assert_eq!(&body[r[1].0..r[1].1], "\"Three\"");
    }

    #[test]
    fn a_quotation_lends_its_speaker_to_the_sentences_it_covers() {
        let body = "“Our brigades are withdrawing. It is over,” Ivanova said.";
        let fx = Fixture::new(body);
        assert_eq!(fx.facts.len(), 2);
        let mut atts = crate::claim::attribution::attribute_sentences(body, &fx.facts, bundled());
        assert_eq!(id_of(atts[0].speaker), "-");
        attribute_quotations(&fx.facts, &fx.lines, &Quotes::new(body), &mut atts);
        assert_eq!(id_of(atts[0].speaker), "ivanova");
        assert_eq!(atts[0].how, "inside a quotation attributed on line 1");
    }

    #[test]
    fn a_sentence_outside_the_quotation_keeps_its_own() {
        let body = "The brigades are withdrawing. “It is over,” Ivanova said.";
        let fx = Fixture::new(body);
        assert_eq!(id_of(fx.atts[0].speaker), "-");
        assert!(!fx.atts[0].how.starts_with("inside a quotation"));
        assert_eq!(id_of(fx.atts[1].speaker), "ivanova");
    }
}
