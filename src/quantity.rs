//! Quantities in text: durations such as "50 minutes", "two hours", "over four hours",
//! "about an hour and a half", with the bound the wording puts on them.

use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// A measured amount, normalised to a base unit (minutes for durations).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "QuantityLine")]
pub struct Quantity {
    pub value: f64,
    /// Read through `QuantityLine` (the skip keeps serde from asking `'de: 'static`).
    #[serde(skip_deserializing)]
    pub unit: &'static str,
    pub bound: Bound,
    /// The words that stated it.
    pub text: String,
}

/// How the wording bounds the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    Exact,
    About,
    AtLeast,
    AtMost,
}

/// The base units quantities are normalised to.
pub const UNITS: &[&str] = &["minutes"];

/// A quantity as a claim line holds it; its unit becomes one of [`UNITS`].
#[derive(Deserialize)]
struct QuantityLine {
    value: f64,
    unit: String,
    bound: Bound,
    text: String,
}

impl TryFrom<QuantityLine> for Quantity {
    type Error = String;
    fn try_from(q: QuantityLine) -> Result<Quantity, String> {
        let unit = UNITS
            .iter()
            .find(|u| **u == q.unit)
            .copied()
            .ok_or_else(|| format!("unknown unit `{}`", q.unit))?;
        Ok(Quantity {
            value: q.value,
            unit,
            bound: q.bound,
            text: q.text,
        })
    }
}

impl Quantity {
    /// The range of values the wording allows, widened by `tolerance` (a fraction).
    pub fn range(&self, tolerance: f64) -> (f64, f64) {
        let v = self.value;
        match self.bound {
            Bound::Exact => (v * (1.0 - tolerance), v * (1.0 + tolerance)),
            // "about an hour" is a rounded figure: half as much again as an exact one's
            // tolerance, so it allows 50 or 70 minutes but not 90.
            Bound::About => (v * (1.0 - 1.5 * tolerance), v * (1.0 + 1.5 * tolerance)),
            Bound::AtLeast => (v, f64::INFINITY),
            Bound::AtMost => (0.0, v),
        }
    }

    /// Whether two quantities can both be true.
    pub fn compatible(&self, other: &Quantity, tolerance: f64) -> bool {
        let (a0, a1) = self.range(tolerance);
        let (b0, b1) = other.range(tolerance);
        a0 <= b1 && b0 <= a1
    }

    pub fn label(&self) -> String {
        self.text.clone()
    }
}

static DURATION_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?-u:\b)(?P<q>about|around|roughly|approximately|some|nearly|almost|just\ over|just\ under|
             a\ little\ over|more\ than|less\ than|over|under|at\ least|at\ most|up\ to|only|
             barely|scarcely)?\s*
        (?P<n>\d+(?:\.\d+)?|half\ an?|an?|one|two|three|four|five|six|seven|eight|nine|ten|
             eleven|twelve|fifteen|twenty|thirty|forty|forty-five|fifty|sixty|seventy|eighty|ninety)?
        (?P<h1>\s+and\ a\ half)?\s*-?\s*
        (?P<u>seconds?|minutes?|mins?|hours?|hrs?|days?)(?-u:\b)(?P<long>-long)?
        (?P<h2>\s+and\ a\ half)?",
    )
    .unwrap_or_else(|e| panic!("built-in duration pattern is invalid: {e}"))
});

/// The value of a number written in digits or as one of the common number words.
pub fn number_word(word: &str) -> Option<f64> {
    let w = word.to_ascii_lowercase();
    if let Ok(v) = w.parse::<f64>() {
        return Some(v);
    }
    Some(match w.as_str() {
        "a" | "an" | "one" => 1.0,
        "half a" | "half an" => 0.5,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "forty-five" => 45.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

/// The first duration in `text`, with its byte span.
pub fn find_duration(text: &str) -> Option<(usize, usize, Quantity)> {
    for caps in DURATION_RE.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        // "an hour-long call", "their roughly hour-long call": a unit made an adjective by
        // "-long" counts one of itself.
        let n = match caps.name("n") {
            Some(m) => number_word(m.as_str()),
            None => caps.name("long").map(|_| 1.0),
        };
        let Some(n) = n else {
            continue;
        };
        let half = caps.name("h1").is_some() || caps.name("h2").is_some();
        let n = if half { n + 0.5 } else { n };
        let unit = caps
            .name("u")
            .map(|m| m.as_str().to_ascii_lowercase())
            .unwrap_or_default();
        let minutes = if unit.starts_with("sec") {
            n / 60.0
        } else if unit.starts_with("min") {
            n
        } else if unit.starts_with('h') {
            n * 60.0
        } else {
            n * 1440.0
        };
        let bound = match caps
            .name("q")
            .map(|m| m.as_str().to_ascii_lowercase())
            .as_deref()
        {
            Some("about" | "around" | "roughly" | "approximately" | "some") => Bound::About,
            Some("over" | "more than" | "at least" | "just over" | "a little over") => {
                Bound::AtLeast
            }
            Some(
                "nearly" | "almost" | "just under" | "less than" | "under" | "at most" | "up to"
                | "barely" | "scarcely",
            ) => Bound::AtMost,
            _ => Bound::Exact,
        };
        let text_span = whole.as_str().trim();
        let lead = whole.as_str().len() - whole.as_str().trim_start().len();
        return Some((
            whole.start() + lead,
            whole.start() + lead + text_span.len(),
            Quantity {
                value: (minutes * 1000.0).round() / 1000.0,
                unit: "minutes",
                bound,
                text: text_span.to_string(),
            },
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> (f64, Bound) {
        let (_, _, q) = find_duration(text).expect("a duration");
        (q.value, q.bound)
    }

    #[test]
    fn parses_news_durations() {
        assert_eq!(q("lasted 50 minutes"), (50.0, Bound::Exact));
        assert_eq!(q("that lasted two hours"), (120.0, Bound::Exact));
        assert_eq!(q("lasted over four hours"), (240.0, Bound::AtLeast));
        assert_eq!(q("about an hour and a half"), (90.0, Bound::About));
        assert_eq!(q("one and a half hours"), (90.0, Bound::Exact));
        assert_eq!(q("a 90-minute call"), (90.0, Bound::Exact));
        assert_eq!(q("nearly three hours"), (180.0, Bound::AtMost));
        assert_eq!(q("half an hour"), (30.0, Bound::Exact));
        assert_eq!(q("their roughly hour-long call"), (60.0, Bound::About));
        assert_eq!(q("a three-hour meeting"), (180.0, Bound::Exact));
        assert_eq!(q("lasted barely 40 minutes"), (40.0, Bound::AtMost));
        assert!(find_duration("for hours").is_none());
        assert!(find_duration("at 3:35 p.m. Lisbon time").is_none());
    }

    #[test]
    fn compatibility_follows_the_bounds() {
        let get = |t: &str| find_duration(t).expect("a duration").2;
        assert!(!get("50 minutes").compatible(&get("about an hour and a half"), 0.15));
        assert!(get("50 minutes").compatible(&get("about an hour"), 0.15));
        assert!(get("70 minutes").compatible(&get("about an hour"), 0.15));
        assert!(!get("a 90-minute call").compatible(&get("about an hour"), 0.15));
        assert!(get("over four hours").compatible(&get("five hours"), 0.15));
        assert!(!get("over four hours").compatible(&get("two hours"), 0.15));
    }
}
