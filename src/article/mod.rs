//! Articles: the [`Article`] and [`Problem`] types and the pure parser for `.txt`/`.md`
//! files; JSON lines in `jsonl`, and in `load` the loader that reads paths into articles
//! and problems.
//!
//! The loader is one of only two places that touch the file system (the rule loader is the
//! other). A file that cannot be used becomes a [`Problem`]; it never stops the other files.

mod jsonl;
mod load;

pub use jsonl::{from_jsonl_str, read_jsonl_from};
pub use load::{
    BATCH_BYTES, Loaded, MAX_DEPTH, is_article_name, load, load_each, load_each_except,
};

use crate::time::{first_stated_date, parse_iso_date};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What is known of an article besides its text; the report keeps it once the body is gone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleInfo {
    pub id: String,
    /// Where the article came from, as given on the command line (or `-` for stdin).
    pub path: String,
    pub title: Option<String>,
    pub date: Option<Date>,
    /// How the date was found, so the report can say when it was read from the text.
    pub date_basis: DateBasis,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Articles with a `case` are only compared with articles of the same case.
    pub case: Option<String>,
    /// For an article that is one line of a JSON lines file: that line. Every claim of it,
    /// and every problem about it, is on that line of the file.
    pub line: Option<usize>,
}

/// One news article. `body` is the text every span points into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub info: ArticleInfo,
    pub body: String,
    /// Lines of the file before the body (front matter), so body lines map to file lines.
    pub line_offset: usize,
}

impl Article {
    /// An article held in memory only (examples, tests): its id is its path, it is dated
    /// `date` (`YYYY-MM-DD`; undated when that does not parse), and it names no source.
    pub fn in_memory(id: &str, date: &str, body: &str) -> Article {
        Article {
            info: ArticleInfo {
                id: id.into(),
                path: id.into(),
                title: None,
                date: crate::time::parse_iso_date(date).ok(),
                date_basis: DateBasis::Given,
                source: None,
                url: None,
                case: None,
                line: None,
            },
            body: body.into(),
            line_offset: 0,
        }
    }

    /// The 1-based line of the file on which byte `offset` of the body stands. Counts from
    /// the start each time; use [`Lines`] for many look-ups.
    pub fn line_of(&self, offset: usize) -> usize {
        Lines::of(self).line_of(offset)
    }
}

/// Where the lines of a body start, for line numbers by binary search.
#[derive(Debug, Clone)]
pub struct Lines {
    newlines: Vec<usize>,
    offset: usize,
    /// The one line of a JSON lines record, on which every offset of its body stands.
    fixed: Option<usize>,
}

impl Lines {
    /// The lines of an article's body as they stand in its file, for what reports show: a
    /// JSON lines record is one line, whatever line breaks its text holds. (Reading the
    /// text, where its own line breaks matter, uses [`Lines::new`].)
    pub fn of(article: &Article) -> Lines {
        match article.info.line {
            Some(line) => Lines {
                newlines: Vec::new(),
                offset: 0,
                fixed: Some(line),
            },
            None => Lines::new(&article.body, article.line_offset),
        }
    }

    pub fn new(body: &str, line_offset: usize) -> Lines {
        let newlines = body
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i)
            .collect();
        Lines {
            newlines,
            offset: line_offset,
            fixed: None,
        }
    }

    /// The 1-based line of the file on which byte `at` of the body stands.
    pub fn line_of(&self, at: usize) -> usize {
        self.fixed
            .unwrap_or_else(|| self.newlines.partition_point(|&n| n < at) + 1 + self.offset)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    Given,
    FromText,
    Undated,
}

/// Something wrong with an input that the user should fix; the run goes on without it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Problem {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

impl Problem {
    /// A problem; values quoted in the message (a parser may echo a whole line) are cut.
    pub fn new(path: &str, line: Option<usize>, message: impl Into<String>) -> Problem {
        let message = message.into();
        Problem {
            path: path.to_string(),
            line,
            message: match crate::printable::cut_values(&message) {
                std::borrow::Cow::Borrowed(_) => message,
                std::borrow::Cow::Owned(cut) => cut,
            },
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// The longest front matter read: far above any article's keys, far below what could make
/// parsing slow.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// The front matter keys an article reads. Other keys (`author`, `tags`, …) are left alone,
/// as JSON lines leave theirs: a scraper's extra metadata never costs the article.
#[derive(Debug, Default, Deserialize)]
struct FrontMatter {
    /// `Some` whenever the key is there, so that `id:` with nothing after it is told from no
    /// `id` at all.
    #[serde(default, deserialize_with = "present")]
    id: Option<IdField>,
    title: Option<String>,
    date: Option<serde_yaml::Value>,
    source: Option<String>,
    url: Option<String>,
    case: Option<String>,
}

/// A key that is there, even with no value (`id:` is `Some`, not `None`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<IdField>, D::Error> {
    IdField::deserialize(d).map(Some)
}

/// The `id` key's value: text, a number by its digits, or nothing (`id:`).
#[derive(Debug)]
struct IdField(Option<String>);

impl<'de> Deserialize<'de> for IdField {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<IdField, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = IdField;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E>(self, v: &str) -> Result<IdField, E> {
                Ok(IdField(Some(v.to_string())))
            }
            fn visit_i64<E>(self, v: i64) -> Result<IdField, E> {
                Ok(IdField(Some(v.to_string())))
            }
            fn visit_u64<E>(self, v: u64) -> Result<IdField, E> {
                Ok(IdField(Some(v.to_string())))
            }
            fn visit_f64<E>(self, v: f64) -> Result<IdField, E> {
                Ok(IdField(Some(v.to_string())))
            }
            fn visit_unit<E>(self) -> Result<IdField, E> {
                Ok(IdField(None))
            }
            fn visit_none<E>(self) -> Result<IdField, E> {
                Ok(IdField(None))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// Strips a UTF-8 byte order mark; it is normal input, not content.
fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Splits `---` front matter from the body. Returns the YAML, the body, and the 1-based line
/// on which the YAML starts. Handles CRLF line ends.
fn split_front_matter(text: &str) -> Result<Option<(&str, &str, usize)>, String> {
    let Some(rest) = text.strip_prefix("---") else {
        return Ok(None);
    };
    let rest = match rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))
    {
        Some(r) => r,
        None => return Ok(None),
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\r', '\n']);
        if bare == "---" || bare == "..." {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok(Some((yaml, body, 2)));
        }
        offset += line.len();
    }
    Err(
        "front matter opened with `---` is never closed; add a line `---` after the last key"
            .into(),
    )
}

/// Parses one `.txt`/`.md` article. `stem` is the default id, `path` is for messages. A
/// `date` that is no YYYY-MM-DD date leaves the article undated (see
/// [`from_text_str_noting`] for the problem that says so).
pub fn from_text_str(stem: &str, path: &str, text: &str) -> Result<Article, Problem> {
    from_text_str_noting(stem, path, text).map(|(article, _)| article)
}

/// Parses one `.txt`/`.md` article, and says what was wrong with it that did not lose it:
/// a `date` that is no YYYY-MM-DD date is a problem naming the value, and the article is
/// kept without it (its date is then read from its text, or it is undated).
pub fn from_text_str_noting(
    stem: &str,
    path: &str,
    text: &str,
) -> Result<(Article, Option<Problem>), Problem> {
    let text = strip_bom(text);
    if text.contains('\0') {
        return Err(Problem::new(
            path,
            None,
            "file contains NUL bytes and looks binary; give a plain text article",
        ));
    }
    if text.trim().is_empty() {
        return Err(Problem::new(
            path,
            None,
            "article is empty; remove the file or give it text",
        ));
    }
    let (front, body) = front_matter(path, text)?;
    // As in JSON lines: a non-empty string or a number.
    let id = match &front.id {
        None => stem.to_string(),
        Some(IdField(Some(s))) if !s.trim().is_empty() => s.clone(),
        Some(_) => {
            return Err(Problem::new(
                path,
                front_line(text, "id"),
                "front matter `id` is empty; give the article an id, or remove the key to use the file name",
            ));
        }
    };
    let (date, note) = match given_date(&front, path, text) {
        Ok(date) => (date, None),
        Err(problem) => (None, Some(problem)),
    };
    let title = front.title.clone().or_else(|| headline(body));
    let article = finish(Article {
        info: ArticleInfo {
            id,
            path: path.to_string(),
            title,
            date,
            date_basis: DateBasis::Given,
            source: front.source,
            url: front.url,
            case: front.case,
            line: None,
        },
        body: body.to_string(),
        line_offset: text[..text.len() - body.len()].matches('\n').count(),
    });
    Ok((article, note))
}

/// The front matter of a text (empty when it has none) and the body after it.
fn front_matter<'t>(path: &str, text: &'t str) -> Result<(FrontMatter, &'t str), Problem> {
    match split_front_matter(text) {
        Ok(Some((yaml, body, first_line))) => {
            if yaml.len() > MAX_FRONT_MATTER_BYTES {
                return Err(Problem::new(
                    path,
                    Some(first_line),
                    format!(
                        "front matter is longer than {MAX_FRONT_MATTER_BYTES} bytes; keep it to the article's keys"
                    ),
                ));
            }
            if let Err(deep) = crate::yaml::check_depth(yaml) {
                return Err(Problem::new(
                    path,
                    Some(deep.line + first_line - 1),
                    format!("front matter: {deep}"),
                ));
            }
            let front: FrontMatter = if yaml.trim().is_empty() {
                FrontMatter::default()
            } else {
                serde_yaml::from_str(yaml).map_err(|e| {
                    let line = e.location().map(|l| l.line() + first_line - 1);
                    Problem::new(
                        path,
                        line.or(Some(first_line)),
                        format!("front matter: {}", strip_location(&e.to_string())),
                    )
                })?
            };
            Ok((front, body))
        }
        Ok(None) => Ok((FrontMatter::default(), text)),
        Err(message) => Err(Problem::new(path, Some(1), message)),
    }
}

/// The front matter's `date`, checked as YYYY-MM-DD; a number or other scalar by its text.
fn given_date(front: &FrontMatter, path: &str, text: &str) -> Result<Option<Date>, Problem> {
    let date = match &front.date {
        None | Some(serde_yaml::Value::Null) => None,
        Some(serde_yaml::Value::String(s)) => Some(s.clone()),
        Some(other) => Some(scalar_text(other)),
    };
    match date {
        Some(s) => Ok(Some(parse_iso_date(&s).map_err(|e| {
            // "March 12, 2025" says a date, only not in the form asked for.
            let meant = crate::time::first_stated_date(&s)
                .map(|d| format!(" (`{d}`)"))
                .unwrap_or_default();
            Problem::new(
                path,
                front_line(text, "date"),
                format!("front matter `date`: {e}; the article is kept without this date; write it as YYYY-MM-DD{meant}"),
            )
        })?)),
        None => Ok(None),
    }
}

/// A non-string `date` as the message names it: a scalar by its text, anything else by kind.
fn scalar_text(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Sequence(_) => "a list".into(),
        serde_yaml::Value::Mapping(_) => "a mapping".into(),
        serde_yaml::Value::Tagged(_) => "a tagged value".into(),
        serde_yaml::Value::Null => "nothing".into(),
        serde_yaml::Value::String(s) => s.clone(),
    }
}

/// serde_yaml and serde_json append " at line L column C"; we report the line ourselves.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn front_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.trim_start().starts_with(&format!("{key}:")))
        .map(|i| i + 1)
}

/// Without front matter, a first line followed by a blank line is the headline.
fn headline(body: &str) -> Option<String> {
    let body = body.trim_start_matches(['\r', '\n']);
    let mut lines = body.lines();
    let first = lines.next()?.trim();
    let second = lines.next()?;
    (!first.is_empty() && second.trim().is_empty() && first.len() <= 300).then(|| first.to_string())
}

/// Fills in what can be derived: an undated article takes the first full date its text states.
fn finish(mut article: Article) -> Article {
    if article.info.date.is_none() {
        match first_stated_date(&article.body) {
            Some(d) => {
                article.info.date = Some(d);
                article.info.date_basis = DateBasis::FromText;
            }
            None => article.info.date_basis = DateBasis::Undated,
        }
    }
    article
}

/// Parses one input by its name: `.jsonl` as JSON lines, anything else as a text article.
pub fn from_named_str(path: &str, text: &str) -> (Vec<Article>, Vec<Problem>) {
    if path.ends_with(".jsonl") {
        return from_jsonl_str(path, text);
    }
    let stem = Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(path);
    match from_text_str_noting(stem, path, text) {
        Ok((a, note)) => (vec![a], note.into_iter().collect()),
        Err(p) => (Vec::new(), vec![p]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_sets_fields() {
        let text = "---\nid: a1\ndate: 2024-03-11\nsource: Wire\ncase: c\n---\nBody text.\n";
        let a = from_text_str("x", "x.md", text).expect("parses");
        assert_eq!(a.info.id, "a1");
        assert_eq!(
            a.info.date.map(|d| d.to_string()),
            Some("2024-03-11".into())
        );
        assert_eq!(a.info.source.as_deref(), Some("Wire"));
        assert_eq!(a.body, "Body text.\n");
    }

    #[test]
    fn crlf_bom_and_headline() {
        let text = "\u{feff}Headline here\r\n\r\nBody, on March 3, 2021.\r\n";
        let a = from_text_str("stem", "s.txt", text).expect("parses");
        assert_eq!(a.info.id, "stem");
        assert_eq!(a.info.title.as_deref(), Some("Headline here"));
        assert_eq!(
            a.info.date.map(|d| d.to_string()),
            Some("2021-03-03".into())
        );
        assert_eq!(a.info.date_basis, DateBasis::FromText);
    }

    #[test]
    fn bad_front_matter_is_a_problem_with_a_line() {
        // A bad date keeps the article, undated, with a problem naming the value.
        for (date, meant) in [("2022-13-45", ""), ("March 12, 2025", " (`2025-03-12`)")] {
            let text = format!("---\nid: a\ndate: {date}\n---\nText.");
            let (a, p) = from_text_str_noting("x", "x.md", &text).expect("kept");
            let p = p.expect("a problem");
            assert_eq!(a.info.date, None);
            assert_eq!(a.info.date_basis, DateBasis::Undated);
            assert_eq!(p.line, Some(3));
            assert!(p.message.contains(&format!("`{date}`")), "{}", p.message);
            assert!(
                p.message.ends_with(&format!("YYYY-MM-DD{meant}")),
                "{}",
                p.message
            );
        }
        let p = from_text_str("x", "x.md", "---\nid: a\nText.").expect_err("unclosed");
        assert!(p.message.contains("never closed"));
        let a = from_text_str("x", "x.md", "---\nid: a\nauthor: b\ntags: [x]\n---\nText.")
            .expect("unknown keys are left alone");
        assert_eq!(a.info.id, "a");
        for blank in ["id:", "id: ''", "id: '  '"] {
            let p = from_text_str("x", "x.md", &format!("---\n{blank}\n---\nText."))
                .expect_err("blank id");
            assert!(
                p.message.contains("`id` is empty"),
                "{blank}: {}",
                p.message
            );
            assert_eq!(p.line, Some(2));
        }
    }

    #[test]
    fn jsonl_keeps_good_lines() {
        let (a, p) = from_jsonl_str(
            "c.jsonl",
            "{\"id\":\"a\",\"text\":\"One.\"}\nnot json\n{\"text\":\"no id\"}\n{\"id\":7,\"text\":\"Two.\",\"date\":\"2024-01-02\"}\n",
        );
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].info.id, "7");
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].line, Some(2));
        assert_eq!(p[1].line, Some(3));
        assert!(p[1].message.contains("id"), "{}", p[1].message);
    }
}
