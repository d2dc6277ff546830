//! The amounts a clause states for a general claim: durations, and numbers with the noun
//! they count and the bound the words before them put on them ("at least", "about").

use super::SentenceAt;
use super::gist::{folded, own};
use crate::lexicon::Lexicon;
use crate::parse::Parse;
use crate::proposition::Proposition;
use crate::quantity::{Bound, find_duration, number_word};
use crate::tags::Upos;
use serde::{Deserialize, Serialize};

/// An amount a clause states, with the noun it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    pub value: f64,
    pub bound: Bound,
    /// The counted noun's lemma, or the unit ("minute" for durations, "%").
    pub unit: String,
    pub text: String,
}

/// The unit every duration is counted in.
pub const DURATION_UNIT: &str = "minute";

impl Amount {
    /// A duration found in the text, in minutes.
    pub(super) fn duration(d: crate::quantity::Quantity) -> Amount {
        Amount {
            value: d.value,
            bound: d.bound,
            unit: DURATION_UNIT.into(),
            text: d.text,
        }
    }

    /// Whether it is a length of time.
    pub fn is_duration(&self) -> bool {
        self.unit == DURATION_UNIT
    }
}

/// The amounts a clause states: durations, and numbers with the noun they count.
pub(super) fn amounts(
    s: &SentenceAt,
    p: &Parse,
    q: &Proposition,
    first: usize,
    last: usize,
) -> Vec<Amount> {
    let mut out = Vec::new();
    let (from, to) = (p.words[first].start, p.words[last].end);
    if let Some((_, _, d)) = find_duration(&s.body[from..to]) {
        out.push(Amount::duration(d));
        return out;
    }
    for i in first..=last {
        let w = &p.words[i];
        if w.upos != Upos::Num || !own(p, q, i) {
            continue;
        }
        let Some(mut value) = number_value(w.text) else {
            continue;
        };
        // A year is a time, not an amount.
        if w.text.len() == 4 && (1000.0..=2200.0).contains(&value) {
            continue;
        }
        let mut next = i + 1;
        if let Some(m) = p.words.get(next).and_then(|n| scale(&n.lemma)) {
            value *= m;
            next += 1;
        }
        let unit = match p.words.get(next) {
            Some(n) if n.text == "%" || n.lemma == "percent" => "%".to_string(),
            Some(n) if n.upos == Upos::Noun => n.lemma.to_lowercase(),
            _ => continue,
        };
        out.push(Amount {
            value,
            bound: bound_before(p, i),
            unit,
            text: s.body[w.start..p.words[next.min(p.words.len() - 1)].end].to_string(),
        });
    }
    out
}

/// What a clause's amounts measure: the object's content words, or, when the object is
/// itself an amount ("targets 4 hours of exercise"), those of the phrase after its "of".
pub(super) fn measured(p: &Parse, q: &Proposition, lex: &Lexicon) -> Vec<String> {
    let Some(o) = q.object else {
        return Vec::new();
    };
    let ph = &p.phrases[o];
    let counted = (ph.first..=ph.last).any(|w| p.words[w].upos == Upos::Num);
    let target = if counted {
        ph.of.map(|pr| pr.phrase)
    } else {
        Some(o)
    };
    target
        .map(|t| folded(p, lex, p.phrases[t].first..=p.phrases[t].last))
        .unwrap_or_default()
}

fn number_value(text: &str) -> Option<f64> {
    let digits: String = text.chars().filter(|&c| c != ',').collect();
    digits.parse::<f64>().ok().or_else(|| number_word(text))
}

fn scale(lemma: &str) -> Option<f64> {
    match lemma {
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        "billion" => Some(1e9),
        _ => None,
    }
}

/// The bound the words before a number put on it ("at least", "about", "nearly").
fn bound_before(p: &Parse, i: usize) -> Bound {
    let word = |k: usize| i.checked_sub(k).map(|j| p.words[j].lemma.to_lowercase());
    let (one, two) = (word(1).unwrap_or_default(), word(2).unwrap_or_default());
    match (two.as_str(), one.as_str()) {
        ("at", "least") | ("more", "than") | (_, "over") => Bound::AtLeast,
        ("at", "most")
        | ("less", "than")
        | ("fewer", "than")
        | (_, "nearly")
        | (_, "almost")
        | ("up", "to")
        | (_, "under") => Bound::AtMost,
        (_, "about" | "around" | "roughly" | "approximately" | "some") => Bound::About,
        _ => Bound::Exact,
    }
}
