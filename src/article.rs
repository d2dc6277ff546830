//! Articles: the pure parsers for `.txt`/`.md` files and JSONL lines, and the loader that
//! reads paths into articles and problems.
//!
//! The loader is one of only two places that touch the file system (the rule loader is the
//! other). A file that cannot be used becomes a [`Problem`]; it never stops the other files.

use crate::time::{first_stated_date, parse_iso_date};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// One news article. `body` is the text every span points into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
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
    pub body: String,
    /// Lines of the file before the body (front matter), so body lines map to file lines.
    pub line_offset: usize,
}

impl Article {
    /// The 1-based line of the file on which byte `offset` of the body stands. Counts from
    /// the start each time; use [`Lines`] for many look-ups.
    pub fn line_of(&self, offset: usize) -> usize {
        Lines::new(&self.body, self.line_offset).line_of(offset)
    }
}

/// Where the lines of a body start, for line numbers by binary search.
#[derive(Debug, Clone)]
pub struct Lines {
    newlines: Vec<usize>,
    offset: usize,
}

impl Lines {
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
        }
    }

    /// The 1-based line of the file on which byte `at` of the body stands.
    pub fn line_of(&self, at: usize) -> usize {
        self.newlines.partition_point(|&n| n < at) + 1 + self.offset
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    Given,
    FromText,
    Undated,
}

/// Something wrong with an input that the user should fix; the run goes on without it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Problem {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

impl Problem {
    pub fn new(path: &str, line: Option<usize>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.to_string(),
            line,
            message: message.into(),
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

/// The front matter keys an article may carry.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: Option<String>,
    title: Option<String>,
    date: Option<serde_yaml::Value>,
    source: Option<String>,
    url: Option<String>,
    case: Option<String>,
}

/// One JSONL line.
#[derive(Debug, Deserialize)]
struct JsonArticle {
    id: serde_json::Value,
    text: String,
    title: Option<String>,
    date: Option<String>,
    source: Option<String>,
    url: Option<String>,
    case: Option<String>,
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

/// Parses one `.txt`/`.md` article. `stem` is the default id, `path` is for messages.
pub fn from_text_str(stem: &str, path: &str, text: &str) -> Result<Article, Problem> {
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
    let (front, body) = match split_front_matter(text) {
        Ok(Some((yaml, body, first_line))) => {
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
            (front, body)
        }
        Ok(None) => (FrontMatter::default(), text),
        Err(message) => return Err(Problem::new(path, Some(1), message)),
    };
    let date = match &front.date {
        None | Some(serde_yaml::Value::Null) => None,
        Some(serde_yaml::Value::String(s)) => Some(s.clone()),
        Some(other) => Some(scalar_text(other)),
    };
    let date = match date {
        Some(s) => Some(parse_iso_date(&s).map_err(|e| {
            Problem::new(
                path,
                front_line(text, "date"),
                format!("front matter `date`: {e}; use YYYY-MM-DD"),
            )
        })?),
        None => None,
    };
    let title = front.title.clone().or_else(|| headline(body));
    Ok(finish(Article {
        id: front.id.unwrap_or_else(|| stem.to_string()),
        path: path.to_string(),
        title,
        date,
        date_basis: DateBasis::Given,
        source: front.source,
        url: front.url,
        case: front.case,
        body: body.to_string(),
        line_offset: text[..text.len() - body.len()].matches('\n').count(),
    }))
}

fn scalar_text(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        other => format!("{other:?}"),
    }
}

/// serde_yaml appends " at line L column C"; we report the line ourselves.
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
    if article.date.is_none() {
        match first_stated_date(&article.body) {
            Some(d) => {
                article.date = Some(d);
                article.date_basis = DateBasis::FromText;
            }
            None => article.date_basis = DateBasis::Undated,
        }
    }
    article
}

/// Parses a JSONL document: one article a line. Bad lines become problems with their line
/// number; the other lines are kept.
pub fn from_jsonl_str(path: &str, text: &str) -> (Vec<Article>, Vec<Problem>) {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in strip_bom(text).split('\n').enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        match from_jsonl_line(path, i + 1, line) {
            Ok(a) => articles.push(a),
            Err(p) => problems.push(p),
        }
    }
    (articles, problems)
}

fn from_jsonl_line(path: &str, line_no: usize, line: &str) -> Result<Article, Problem> {
    let at = |m: String| Problem::new(path, Some(line_no), m);
    let raw: JsonArticle = serde_json::from_str(line).map_err(|e| {
        let what = e.to_string();
        if what.contains("missing field") {
            at(format!(
                "{}; every line needs \"id\" and \"text\"",
                strip_json_location(&what)
            ))
        } else {
            at(format!(
                "not a JSON article: {}",
                strip_json_location(&what)
            ))
        }
    })?;
    let id = match raw.id {
        serde_json::Value::String(s) if !s.trim().is_empty() => s,
        serde_json::Value::Number(n) => n.to_string(),
        _ => return Err(at("\"id\" must be a non-empty string or a number".into())),
    };
    if raw.text.contains('\0') {
        return Err(at(
            "\"text\" contains NUL characters; give plain text".into()
        ));
    }
    let date = match raw.date.as_deref() {
        Some(s) if !s.trim().is_empty() => {
            Some(parse_iso_date(s).map_err(|e| at(format!("\"date\": {e}; use YYYY-MM-DD")))?)
        }
        _ => None,
    };
    Ok(finish(Article {
        title: raw.title.or_else(|| headline(&raw.text)),
        id,
        path: path.to_string(),
        date,
        date_basis: DateBasis::Given,
        source: raw.source,
        url: raw.url,
        case: raw.case,
        body: raw.text,
        line_offset: 0,
    }))
}

fn strip_json_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
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
    match from_text_str(stem, path, text) {
        Ok(a) => (vec![a], Vec::new()),
        Err(p) => (Vec::new(), vec![p]),
    }
}

/// What loading produced: usable articles and every problem met.
#[derive(Debug, Default)]
pub struct Loaded {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
}

const ARTICLE_EXTENSIONS: [&str; 4] = ["txt", "md", "markdown", "jsonl"];

/// How much article text a batch holds before it is handed on. Memory holds one batch of
/// bodies at a time, whatever the size of the corpus.
pub const BATCH_BYTES: usize = 8 * 1024 * 1024;

/// Reads every input into memory at once; for small corpora and tests.
pub fn load(inputs: &[PathBuf], stdin: &mut dyn std::io::Read) -> Loaded {
    let mut articles = Vec::new();
    let problems = load_each(inputs, stdin, &mut |batch| articles.extend(batch));
    Loaded { articles, problems }
}

/// Articles gathered until they are worth handing on.
#[derive(Default)]
struct Batch {
    articles: Vec<Article>,
    bytes: usize,
}

impl Batch {
    fn push(&mut self, mut more: Vec<Article>, on_batch: &mut dyn FnMut(Vec<Article>)) {
        self.bytes += more.iter().map(|a| a.body.len()).sum::<usize>();
        self.articles.append(&mut more);
        if self.bytes >= BATCH_BYTES {
            self.flush(on_batch);
        }
    }
    fn flush(&mut self, on_batch: &mut dyn FnMut(Vec<Article>)) {
        if !self.articles.is_empty() {
            on_batch(std::mem::take(&mut self.articles));
        }
        self.bytes = 0;
    }
}

/// Reads every input and hands the articles on in batches, so that a corpus larger than
/// memory can be checked. Directories are walked recursively and every file is then taken
/// in sorted path order, whatever order the inputs were given in; `-` (standard input) comes
/// last. Returns every problem met, sorted; a bad file never stops the others.
pub fn load_each(
    inputs: &[PathBuf],
    stdin: &mut dyn std::io::Read,
    on_batch: &mut dyn FnMut(Vec<Article>),
) -> Vec<Problem> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut want_stdin = false;
    for input in inputs {
        if input.as_os_str() == "-" {
            want_stdin = true;
        } else {
            collect(input, &mut files, &mut problems, &mut Vec::new());
        }
    }
    files.sort();
    files.dedup();
    let mut batch = Batch::default();
    for path in files {
        let shown = path.display().to_string();
        if shown.ends_with(".jsonl") {
            match std::fs::File::open(&path) {
                Ok(f) => read_jsonl(&shown, f, &mut batch, &mut problems, on_batch),
                Err(e) => problems.push(Problem::new(&shown, None, format!("cannot read: {e}"))),
            }
            continue;
        }
        match std::fs::read(&path) {
            Ok(bytes) => match text_of(&shown, bytes) {
                Ok(text) => {
                    let (a, mut p) = from_named_str(&shown, &text);
                    problems.append(&mut p);
                    batch.push(a, on_batch);
                }
                Err(p) => problems.push(p),
            },
            Err(e) => problems.push(Problem::new(&shown, None, format!("cannot read: {e}"))),
        }
    }
    if want_stdin {
        let mut bytes = Vec::new();
        match stdin.read_to_end(&mut bytes) {
            Ok(_) => {
                // JSON lines if it starts like one, else a single text article.
                let jsonl = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
                if jsonl {
                    read_jsonl(
                        "-",
                        std::io::Cursor::new(bytes),
                        &mut batch,
                        &mut problems,
                        on_batch,
                    );
                } else {
                    match text_of("-", bytes) {
                        Ok(text) => {
                            let (a, mut p) = from_named_str("-", &text);
                            problems.append(&mut p);
                            batch.push(a, on_batch);
                        }
                        Err(p) => problems.push(p),
                    }
                }
            }
            Err(e) => problems.push(Problem::new(
                "-",
                None,
                format!("cannot read standard input: {e}"),
            )),
        }
    }
    batch.flush(on_batch);
    problems.sort();
    problems
}

/// Checks that a file is UTF-8 text, naming the line of the first bad byte when it is not.
fn text_of(path: &str, bytes: Vec<u8>) -> Result<String, Problem> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|b| **b == b'\n').count() + 1;
        Problem::new(
            path,
            Some(line),
            format!("not valid UTF-8 (byte {at}); convert the file to UTF-8"),
        )
    })
}

/// Reads JSON lines as a stream. A reader thread reads blocks of whole lines (a few MB)
/// while the caller parses the previous block on all threads and hands the articles on, so
/// reading overlaps the work and a file is never held whole in memory (two blocks at most).
fn read_jsonl(
    path: &str,
    reader: impl std::io::Read + Send,
    batch: &mut Batch,
    problems: &mut Vec<Problem>,
    on_batch: &mut dyn FnMut(Vec<Article>),
) {
    use rayon::prelude::*;
    const BLOCK: usize = 4 * 1024 * 1024;
    let (send, receive) = std::sync::mpsc::sync_channel::<Result<Vec<u8>, std::io::Error>>(1);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut reader = reader;
            let mut carry: Vec<u8> = Vec::new();
            loop {
                let mut block = std::mem::take(&mut carry);
                let filled = block.len();
                block.resize(filled + BLOCK, 0);
                let n = match reader.read(&mut block[filled..]) {
                    Ok(n) => n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                        block.truncate(filled);
                        carry = block;
                        continue;
                    }
                    Err(e) => {
                        let _ = send.send(Err(e));
                        return;
                    }
                };
                block.truncate(filled + n);
                if n == 0 {
                    if !block.is_empty() {
                        let _ = send.send(Ok(block));
                    }
                    return;
                }
                // Send whole lines only; the tail waits for the next read. A line longer
                // than a block simply grows the carry until its end arrives.
                match block.iter().rposition(|&b| b == b'\n') {
                    Some(end) => {
                        carry = block.split_off(end + 1);
                        if send.send(Ok(block)).is_err() {
                            return;
                        }
                    }
                    None => carry = block,
                }
            }
        });
        let mut line_no = 0usize;
        for block in receive {
            let block = match block {
                Ok(b) => b,
                Err(e) => {
                    problems.push(Problem::new(
                        path,
                        Some(line_no + 1),
                        format!("cannot read: {e}"),
                    ));
                    break;
                }
            };
            let mut lines: Vec<(usize, &[u8])> = Vec::new();
            // Lines found with a vectorised search: this loop runs on one thread while the
            // others wait for its lines. A block ends with a newline except, perhaps, the
            // last one of the file, whose final line is then taken whole.
            let unterminated = (block.last() != Some(&b'\n')).then_some(block.len());
            let mut from = 0;
            for end in memchr::memchr_iter(b'\n', &block).chain(unterminated) {
                let raw = &block[from..end];
                from = end + 1;
                line_no += 1;
                let raw = if line_no == 1 {
                    raw.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(raw)
                } else {
                    raw
                };
                if !raw.iter().all(u8::is_ascii_whitespace) {
                    lines.push((line_no, raw));
                }
            }
            let results: Vec<Result<Article, Problem>> = lines
                .par_iter()
                .map(|&(n, bytes)| {
                    let line = std::str::from_utf8(bytes).map_err(|e| {
                        Problem::new(
                            path,
                            Some(n),
                            format!(
                                "not valid UTF-8 (byte {} of the line); convert the file to UTF-8",
                                e.valid_up_to()
                            ),
                        )
                    })?;
                    from_jsonl_line(path, n, line.trim_end_matches('\r'))
                })
                .collect();
            let mut good = Vec::with_capacity(results.len());
            for r in results {
                match r {
                    Ok(a) => good.push(a),
                    Err(p) => problems.push(p),
                }
            }
            batch.push(good, on_batch);
        }
    });
}

fn collect(
    path: &Path,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
    seen: &mut Vec<PathBuf>,
) {
    let shown = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let what = if std::fs::symlink_metadata(path).is_ok() {
                "a link to nothing"
            } else {
                "no such file or directory"
            };
            problems.push(Problem::new(
                &shown,
                None,
                format!("{what}; check the path"),
            ));
            return;
        }
        Err(e) => {
            problems.push(Problem::new(&shown, None, format!("cannot read: {e}")));
            return;
        }
    };
    if !meta.is_dir() {
        files.push(path.to_path_buf());
        return;
    }
    // A directory reached twice through links is a loop; its real path tells.
    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if seen.contains(&real) {
        problems.push(Problem::new(
            &shown,
            None,
            "directory link loops back on itself; skipped",
        ));
        return;
    }
    seen.push(real);
    let entries: Result<Vec<PathBuf>, _> =
        std::fs::read_dir(path).map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect());
    match entries {
        Ok(mut entries) => {
            entries.sort();
            for entry in entries {
                let name = entry.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if name.starts_with('.') {
                    continue;
                }
                let is_dir = std::fs::metadata(&entry)
                    .map(|m| m.is_dir())
                    .unwrap_or(false);
                let ext = entry.extension().and_then(|e| e.to_str()).unwrap_or("");
                if is_dir || ARTICLE_EXTENSIONS.contains(&ext) {
                    collect(&entry, files, problems, seen);
                }
            }
        }
        Err(e) => problems.push(Problem::new(
            &shown,
            None,
            format!("cannot list directory: {e}"),
        )),
    }
    seen.pop();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_sets_fields() {
        let a = from_text_str(
            "x",
            "x.md",
            "---\nid: a1\ndate: 2024-03-11\nsource: Wire\ncase: c\n---\nBody text.\n",
        )
        .expect("parses");
        assert_eq!(a.id, "a1");
        assert_eq!(a.date.map(|d| d.to_string()), Some("2024-03-11".into()));
        assert_eq!(a.source.as_deref(), Some("Wire"));
        assert_eq!(a.body, "Body text.\n");
    }

    #[test]
    fn crlf_bom_and_headline() {
        let a = from_text_str(
            "stem",
            "s.txt",
            "\u{feff}Headline here\r\n\r\nBody, on March 3, 2021.\r\n",
        )
        .expect("parses");
        assert_eq!(a.id, "stem");
        assert_eq!(a.title.as_deref(), Some("Headline here"));
        assert_eq!(a.date.map(|d| d.to_string()), Some("2021-03-03".into()));
        assert_eq!(a.date_basis, DateBasis::FromText);
    }

    #[test]
    fn bad_front_matter_is_a_problem_with_a_line() {
        let p = from_text_str("x", "x.md", "---\nid: a\ndate: 2022-13-45\n---\nText.")
            .expect_err("bad date");
        assert_eq!(p.line, Some(3));
        assert!(p.message.contains("date"), "{}", p.message);
        let p = from_text_str("x", "x.md", "---\nid: a\nText.").expect_err("unclosed");
        assert!(p.message.contains("never closed"));
        let p = from_text_str("x", "x.md", "---\nid: a\nauthor: b\n---\nText.")
            .expect_err("unknown key");
        assert!(p.message.contains("unknown field"), "{}", p.message);
    }

    #[test]
    fn jsonl_keeps_good_lines() {
        let (a, p) = from_jsonl_str(
            "c.jsonl",
            "{\"id\":\"a\",\"text\":\"One.\"}\nnot json\n{\"text\":\"no id\"}\n{\"id\":7,\"text\":\"Two.\",\"date\":\"2024-01-02\"}\n",
        );
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].id, "7");
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].line, Some(2));
        assert_eq!(p[1].line, Some(3));
        assert!(p[1].message.contains("id"), "{}", p[1].message);
    }
}
