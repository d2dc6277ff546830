//! Dates in news text: parsing stated dates and resolving relative ones against an anchor.
//!
//! Nothing here reads the clock. Every relative expression ("on Thursday", "this week") is
//! resolved against the article's own date, which is what a reader of that article would do.

use jiff::civil::{Date, Weekday};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// A span of days a claim is about, with how it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct When {
    pub start: Date,
    pub end: Date,
    pub basis: TimeBasis,
    /// The words of the text that stated the time, when the text stated one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeBasis {
    /// The sentence states the time ("on Thursday", "December 7").
    Stated,
    /// Nothing is stated; the article's publication date stands in.
    Published,
    /// The sentence marks the claim as about an earlier period ("under the previous government").
    Earlier,
}

impl When {
    pub fn day(date: Date, basis: TimeBasis, text: Option<String>) -> When {
        When {
            start: date,
            end: date,
            basis,
            text,
        }
    }

    /// Whether two spans lie within `slack_days` of each other.
    pub fn overlaps(&self, other: &When, slack_days: i64) -> bool {
        let gap_after = days_between(self.end, other.start);
        let gap_before = days_between(other.end, self.start);
        gap_after <= slack_days && gap_before <= slack_days
    }

    pub fn label(&self) -> String {
        if self.start == self.end {
            self.start.to_string()
        } else {
            format!("{}..{}", self.start, self.end)
        }
    }
}

/// A day's number in a continuous count, for bucketing and differences.
pub fn day_number(d: Date) -> i64 {
    d.to_jiff_days()
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    let ad = a.to_jiff_days();
    let bd = b.to_jiff_days();
    bd - ad
}

trait JiffDays {
    fn to_jiff_days(self) -> i64;
}

impl JiffDays for Date {
    fn to_jiff_days(self) -> i64 {
        // Days since 0000-03-01 style civil count; only differences are used.
        let y = i64::from(self.year()) - i64::from(self.month() <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month());
        let d = i64::from(self.day());
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe
    }
}

/// Parses `YYYY-MM-DD`, refusing impossible dates.
pub fn parse_iso_date(s: &str) -> Result<Date, String> {
    let s = s.trim();
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
        return Err(format!("`{s}` is not a date of the form YYYY-MM-DD"));
    }
    let num = |p: &str| {
        p.parse::<i16>()
            .map_err(|_| format!("`{s}` is not a date of the form YYYY-MM-DD"))
    };
    let (y, m, d) = (num(parts[0])?, num(parts[1])?, num(parts[2])?);
    let month = i8::try_from(m).map_err(|_| format!("`{s}` has no month {m}"))?;
    let day = i8::try_from(d).map_err(|_| format!("`{s}` has no day {d}"))?;
    Date::new(y, month, day).map_err(|_| format!("`{s}` is not a real date"))
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    // "Sept." is the one AP abbreviation longer than three letters that is not a full name.
    let w = if w == "sept" { "sep".to_string() } else { w };
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .and_then(|i| i8::try_from(i + 1).ok())
}

/// Whether a word names a month or a day of the week.
pub fn is_time_word(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    weekday(w).is_some() || (w.len() > 3 && month_number(w).is_some())
}

fn weekday(word: &str) -> Option<Weekday> {
    let w = word.to_ascii_lowercase();
    Some(match w.as_str() {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

const MONTH_RE: &str = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)";
const WEEKDAY_RE: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

/// One pattern for every date form we resolve. Alternatives are tried left to right, so the
/// most specific forms come first. The regex crate guarantees linear-time matching.
static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
        (?P<iso>(?-u:\b)(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})(?-u:\b))
      | (?P<mdy>(?-u:\b)(?P<m1>{MONTH_RE})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?P<y1>\d{{4}})(?-u:\b))?)
      | (?P<dmy>(?-u:\b)(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTH_RE})(?:,?\s+(?P<y2>\d{{4}})(?-u:\b))?)
      | (?P<my>(?-u:\b)(?i:in|of|since|during|until|by)\s+(?P<m3>{MONTH_RE})(?:\s+(?P<y3>\d{{4}}))?(?-u:\b))
      | (?P<wd>(?-u:\b)(?P<wdmod>(?i:next|last|this)\s+)?(?P<w>{WEEKDAY_RE})(?-u:\b))
      | (?P<rel>(?-u:\b)(?i:(?P<relq>this|last|next|past)\s+(?P<relu>week|month|year|weekend))(?-u:\b))
      | (?P<yd>(?-u:\b)(?i:yesterday|today|tonight)(?-u:\b))
      | (?P<yr>(?-u:\b)(?i:in|since|during|until|by|before|after|of)\s+(?P<y4>(?:19|20)\d{{2}})(?-u:\b)(?:(?:\s*,\s*|\s+(?:or|and)\s+|\s*,\s*(?:or|and)\s+)(?P<y5>(?:19|20)\d{{2}})(?-u:\b))*)
    "
    );
    Regex::new(&pattern).unwrap_or_else(|e| panic!("built-in date pattern is invalid: {e}"))
});

/// A time expression found in text, with its byte span relative to the searched text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The resolved span, when there was an anchor date to resolve against (or the mention is absolute).
    pub span: Option<(Date, Date)>,
    /// Day-level mentions beat week-, month- and year-level ones when choosing a claim's time.
    pub precision: u8,
}

/// Finds every time expression in `text` and resolves it against `anchor` when given.
pub fn find_times(text: &str, anchor: Option<Date>) -> Vec<TimeMention> {
    time_mentions(text, anchor).collect()
}

/// Time mentions in order. The fast matcher finds where they are; the slower capturing
/// matcher runs only on each found mention.
fn time_mentions(text: &str, anchor: Option<Date>) -> impl Iterator<Item = TimeMention> + '_ {
    DATE_RE.find_iter(text).filter_map(move |m| {
        let caps = DATE_RE.captures_at(text, m.start())?;
        mention_from(&caps, text, anchor)
    })
}

fn mention_from(
    caps: &regex::Captures<'_>,
    text: &str,
    anchor: Option<Date>,
) -> Option<TimeMention> {
    let whole = caps.get(0)?;
    // "this year's vote": a time used to name a thing, not the time of a claim.
    let after = &text[whole.end()..];
    if after.starts_with("'s") || after.starts_with("’s") {
        return None;
    }
    let mut start = whole.start();
    let g = |name: &str| caps.name(name).map(|m| m.as_str());
    let (span, precision) = if g("iso").is_some() {
        let date = (|| {
            let y = g("iy")?.parse().ok()?;
            let m = g("im")?.parse().ok()?;
            let d = g("id")?.parse().ok()?;
            Date::new(y, m, d).ok()
        })();
        (date.map(|d| (d, d)), 3)
    } else if g("mdy").is_some() || g("dmy").is_some() {
        let (m, d, y) = if g("mdy").is_some() {
            ("m1", "d1", "y1")
        } else {
            ("m2", "d2", "y2")
        };
        let month = g(m).and_then(month_number);
        let day: Option<i8> = g(d).and_then(|s| s.parse().ok());
        let year: Option<i16> = g(y).and_then(|s| s.parse().ok());
        let date = match (month, day, year) {
            (Some(mo), Some(da), Some(ye)) => Date::new(ye, mo, da).ok(),
            (Some(mo), Some(da), None) => anchor.and_then(|a| nearest_year(a, mo, da)),
            _ => None,
        };
        (date.map(|d| (d, d)), 3)
    } else if g("my").is_some() {
        let date = (|| {
            let mo = month_number(g("m3")?)?;
            // "in March" with no year: the March nearest before the article's date.
            let ye: i16 = match g("y3") {
                Some(y) => y.parse().ok()?,
                None => nearest_year(anchor?, mo, 15)?.year(),
            };
            let first = Date::new(ye, mo, 1).ok()?;
            Some((first, first.last_of_month()))
        })();
        (date, 2)
    } else if let Some(w) = g("w") {
        let modifier = g("wdmod").map(|s| s.trim().to_ascii_lowercase());
        let span = anchor.zip(weekday(w)).and_then(|(a, wd)| {
            let d = match modifier.as_deref() {
                Some("next") => a.nth_weekday(1, wd).ok()?,
                // A bare weekday in news copy points back to the most recent such day,
                // the day itself included ("on Friday" in Friday's paper).
                _ if a.weekday() == wd => a,
                _ => a.nth_weekday(-1, wd).ok()?,
            };
            Some((d, d))
        });
        (span, 3)
    } else if g("rel").is_some() {
        let q = g("relq").unwrap_or("this").to_ascii_lowercase();
        let u = g("relu").unwrap_or("week").to_ascii_lowercase();
        (anchor.and_then(|a| relative_span(a, &q, &u)), 1)
    } else if let Some(word) = g("yd") {
        let span = anchor.and_then(|a| match word.to_ascii_lowercase().as_str() {
            "yesterday" => a.yesterday().ok().map(|d| (d, d)),
            _ => Some((a, a)),
        });
        (span, 3)
    } else if let Some(y) = g("y4") {
        if let Some(m) = caps.name("y4") {
            start = m.start();
        }
        let span = y.parse::<i16>().ok().and_then(|ye| {
            // "in 2016 or 2020": the span runs to the last year named.
            let last_year = caps
                .name("y5")
                .and_then(|m| m.as_str().parse::<i16>().ok())
                .unwrap_or(ye);
            let first = Date::new(ye.min(last_year), 1, 1).ok()?;
            let last = Date::new(ye.max(last_year), 12, 31).ok()?;
            Some((first, last))
        });
        (span, 0)
    } else {
        return None;
    };
    Some(TimeMention {
        start,
        end: whole.end(),
        text: text[start..whole.end()].to_string(),
        span,
        precision,
    })
}

/// The year that puts month/day closest before the anchor, allowing dates a few weeks ahead
/// (announced meetings) to stay in the anchor's year.
fn nearest_year(anchor: Date, month: i8, day: i8) -> Option<Date> {
    let same = Date::new(anchor.year(), month, day).ok()?;
    let ahead = days_between(anchor, same);
    if ahead > 60 {
        Date::new(anchor.year() - 1, month, day).ok()
    } else if ahead < -305 {
        Date::new(anchor.year() + 1, month, day).ok()
    } else {
        Some(same)
    }
}

fn relative_span(anchor: Date, which: &str, unit: &str) -> Option<(Date, Date)> {
    match unit {
        "week" | "weekend" => {
            let monday = if anchor.weekday() == Weekday::Monday {
                anchor
            } else {
                anchor.nth_weekday(-1, Weekday::Monday).ok()?
            };
            let shift = match which {
                "last" | "past" => -7,
                "next" => 7,
                _ => 0,
            };
            let start = monday.checked_add(jiff::Span::new().days(shift)).ok()?;
            let end = start.checked_add(jiff::Span::new().days(6)).ok()?;
            if unit == "weekend" {
                let sat = start.checked_add(jiff::Span::new().days(5)).ok()?;
                return Some((sat, end));
            }
            Some((start, end))
        }
        "month" => {
            let first = anchor.first_of_month();
            let first = match which {
                "last" | "past" => first.checked_sub(jiff::Span::new().months(1)).ok()?,
                "next" => first.checked_add(jiff::Span::new().months(1)).ok()?,
                _ => first,
            };
            Some((first, first.last_of_month()))
        }
        "year" => {
            let y = match which {
                "last" | "past" => anchor.year() - 1,
                "next" => anchor.year() + 1,
                _ => anchor.year(),
            };
            Some((Date::new(y, 1, 1).ok()?, Date::new(y, 12, 31).ok()?))
        }
        _ => None,
    }
}

/// Only the full-date forms, read around each place a full date can be.
static FULL_DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?-u:\b)\d{{4}}-\d{{2}}-\d{{2}}(?-u:\b)|(?-u:\b){MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}(?-u:\b)|(?-u:\b)\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_RE},?\s+\d{{4}}(?-u:\b)"
    );
    Regex::new(&pattern).unwrap_or_else(|e| panic!("built-in date pattern is invalid: {e}"))
});

/// How far before a month name a full date may start ("19th " and some space).
const DATE_LEAD: usize = 8;
/// How far after a month name or ISO year a full date may end ("September 30th, 2021").
const DATE_TAIL: usize = 40;

/// Moves `at` back to the start of the word it falls in, so a window never starts mid-word
/// (the pattern's word boundaries would otherwise see one there).
fn word_start(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while at > 0 && (!text.is_char_boundary(at) || bytes[at - 1].is_ascii_alphanumeric()) {
        at -= 1;
    }
    at
}

/// Moves `at` forward to the end of the word it falls in.
fn word_end(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while at < text.len() && (!text.is_char_boundary(at) || bytes[at].is_ascii_alphanumeric()) {
        at += 1;
    }
    at
}

/// The first full date a text states, for articles that carry no date of their own.
/// Only complete dates count (month, day and year, or ISO), so nothing is guessed.
pub fn first_stated_date(text: &str) -> Option<Date> {
    // Every full date holds a capitalised month name or is an ISO date, so only the text
    // around those places is read: a fast literal search finds the month names, a look at
    // each '-' the ISO dates, and the date pattern runs on a short window at each.
    // An alternation of literals, which the regex crate runs as a SIMD literal search
    // (several GB/s, ten times the speed of a general automaton on this short list).
    static MONTHS_FOUND: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
            .unwrap_or_else(|e| panic!("month names: {e}"))
    });
    let bytes = text.as_bytes();
    let mut months = MONTHS_FOUND.find_iter(text).map(|m| m.start()).peekable();
    let mut isos = text
        .match_indices('-')
        .map(|(i, _)| i)
        .filter(|&i| {
            i >= 4
                && bytes[i - 4..i].iter().all(u8::is_ascii_digit)
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
        })
        .map(|i| i - 4)
        .peekable();
    loop {
        // The two candidate lists merged in text order.
        let at = match (months.peek(), isos.peek()) {
            (Some(&m), Some(&i)) if m <= i => months.next(),
            (Some(_), Some(_)) | (None, Some(_)) => isos.next(),
            (Some(_), None) => months.next(),
            (None, None) => None,
        }?;
        let from = word_start(text, at.saturating_sub(DATE_LEAD));
        let to = word_end(text, (at + DATE_TAIL).min(text.len()));
        let window = &text[from..to];
        // A full date holds a four-digit year; most month names stand without one.
        if !window
            .as_bytes()
            .windows(4)
            .any(|w| w.iter().all(u8::is_ascii_digit))
        {
            continue;
        }
        for m in FULL_DATE_RE.find_iter(window) {
            let start = from + m.start();
            let end = word_end(text, (start + 2 * DATE_TAIL).min(text.len()));
            let found = time_mentions(&text[start..end], None)
                .filter(|t| t.precision == 3)
                .find_map(|t| t.span.map(|(d, _)| d));
            if found.is_some() {
                return found;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        parse_iso_date(s).expect("test date")
    }

    fn resolve(text: &str, anchor: &str) -> Vec<(String, String)> {
        find_times(text, Some(d(anchor)))
            .into_iter()
            .map(|t| {
                let span = t.span.map(|(a, b)| {
                    if a == b {
                        a.to_string()
                    } else {
                        format!("{a}..{b}")
                    }
                });
                (t.text, span.unwrap_or_default())
            })
            .collect()
    }

    #[test]
    fn weekdays_point_back_from_the_article_date() {
        // 2022-02-18 is a Friday.
        assert_eq!(
            resolve("said on Thursday that", "2022-02-18"),
            vec![("Thursday".into(), "2022-02-17".into())]
        );
        assert_eq!(
            resolve("on Friday", "2022-02-18"),
            vec![("Friday".into(), "2022-02-18".into())]
        );
        assert_eq!(resolve("next Monday", "2022-02-18")[0].1, "2022-02-21");
        assert_eq!(resolve("on Saturday", "2022-02-18")[0].1, "2022-02-12");
    }

    #[test]
    fn weeks_months_and_years_are_ranges() {
        for (text, date, range) in [
            ("This week", "2022-02-18", "2022-02-14..2022-02-20"),
            ("last week", "2022-02-18", "2022-02-07..2022-02-13"),
            ("last month", "2022-03-10", "2022-02-01..2022-02-28"),
            (
                "invaded in 2022 and",
                "2025-04-13",
                "2022-01-01..2022-12-31",
            ),
        ] {
            assert_eq!(resolve(text, date)[0].1, range, "{text} on {date}");
        }
    }

    #[test]
    fn a_year_used_as_a_modifier_is_no_time() {
        assert!(resolve("the 2020 elections", "2021-03-20").is_empty());
        assert!(resolve("in this year’s vote", "2021-03-20").is_empty());
        assert!(resolve("Tuesday's report", "2021-03-20").is_empty());
    }

    #[test]
    fn a_month_alone_takes_the_nearest_year_before() {
        let m = resolve("In March, the talks", "2024-10-17");
        assert_eq!(m[0].0, "In March");
        assert_eq!(m[0].1, "2024-03-01..2024-03-31");
        let june = resolve("since June, talks", "2024-03-10");
        assert_eq!(june[0].1, "2023-06-01..2023-06-30");
        let may = resolve("in May 2019 they", "2024-10-17");
        assert_eq!(may[0].1, "2019-05-01..2019-05-31");
    }

    #[test]
    fn month_and_day_take_the_nearest_year() {
        assert_eq!(
            resolve("On December 7, they", "2021-12-31")[0].1,
            "2021-12-07"
        );
        assert_eq!(resolve("on Dec. 7 at", "2021-12-31")[0].1, "2021-12-07");
        assert_eq!(
            resolve("On January 10, talks", "2021-12-31")[0].1,
            "2022-01-10"
        );
        assert_eq!(resolve("on 7 December", "2022-01-03")[0].1, "2021-12-07");
        assert_eq!(
            resolve("Wednesday, March 17th, that", "2021-03-19")[1].1,
            "2021-03-17"
        );
    }

    #[test]
    fn full_dates_need_no_anchor() {
        assert_eq!(
            first_stated_date("announced, Friday, March 19, 2021, that"),
            Some(d("2021-03-19"))
        );
        assert_eq!(first_stated_date("on 2024-03-12."), Some(d("2024-03-12")));
        assert_eq!(first_stated_date("on Thursday"), None);
    }

    #[test]
    fn the_first_full_date_wins_over_partial_ones() {
        // Month names without a year, and a year without a month, come first.
        let text = "In May officials met; by March 3 the 1999 plan was gone. \
                    On the 19th of nothing, then 7th  September 2020 and 2021-01-02.";
        assert_eq!(first_stated_date(text), Some(d("2020-09-07")));
        // A day glued to other digits is not a day.
        assert_eq!(first_stated_date("code 12019 March 2021"), None);
        assert_eq!(first_stated_date("Maybe in 2021-13-40, or May"), None);
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(parse_iso_date("2022-13-45").is_err());
        assert!(parse_iso_date("2021-02-29").is_err());
        assert!(parse_iso_date("21-02-01").is_err());
        assert_eq!(parse_iso_date("2024-02-29"), Ok(d("2024-02-29")));
    }

    #[test]
    fn overlap_uses_slack() {
        let a = When {
            start: d("2022-02-14"),
            end: d("2022-02-20"),
            basis: TimeBasis::Stated,
            text: None,
        };
        let b = When::day(d("2022-02-25"), TimeBasis::Published, None);
        assert!(!a.overlaps(&b, 3));
        assert!(a.overlaps(&b, 5));
        assert!(b.overlaps(&a, 5));
    }
}
