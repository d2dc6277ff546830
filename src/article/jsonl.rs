//! JSON lines: the pure parser of one line or a whole document, and the streaming reader the
//! loader uses for `.jsonl` files and standard input.

use super::{
    Article, ArticleInfo, DateBasis, Problem, finish, headline, strip_bom, strip_location,
};
use crate::time::parse_iso_date;
use rayon::prelude::*;
use serde::Deserialize;
use std::sync::mpsc::{Receiver, SyncSender};

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
                strip_location(&what)
            ))
        } else {
            at(format!("not a JSON article: {}", strip_location(&what)))
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
        info: ArticleInfo {
            title: raw.title.or_else(|| headline(&raw.text)),
            id,
            path: path.to_string(),
            date,
            date_basis: DateBasis::Given,
            source: raw.source,
            url: raw.url,
            case: raw.case,
            line: Some(line_no),
        },
        body: raw.text,
        line_offset: 0,
    }))
}

/// How much a reader thread reads at a time.
const BLOCK: usize = 4 * 1024 * 1024;

/// Reads JSON lines as a stream. A reader thread reads blocks of whole lines (a few MB)
/// while the caller parses the previous block on all threads and hands the articles on, so
/// reading overlaps the work and a file is never held whole in memory (two blocks at most).
pub(super) fn read_jsonl(
    path: &str,
    reader: impl std::io::Read + Send,
    problems: &mut Vec<Problem>,
    on_articles: &mut dyn FnMut(Vec<Article>),
) {
    read_jsonl_from(path, 1, reader, problems, on_articles);
}

/// Reads JSON lines as a stream whose first line is line `first_line` of `path` (a part
/// of a file, as an engine's partition is), handing on the articles of each block as it is
/// parsed; returns how many lines were read, blank ones included.
pub fn read_jsonl_from(
    path: &str,
    first_line: usize,
    reader: impl std::io::Read + Send,
    problems: &mut Vec<Problem>,
    on_articles: &mut dyn FnMut(Vec<Article>),
) -> usize {
    let (send, receive) = std::sync::mpsc::sync_channel::<Result<Vec<u8>, std::io::Error>>(1);
    let before = first_line.saturating_sub(1);
    std::thread::scope(|scope| {
        scope.spawn(move || send_blocks(reader, send));
        parse_blocks(path, before, receive, problems, on_articles) - before
    })
}

/// The reader thread: sends blocks of whole lines until the end of the input or an error.
fn send_blocks(mut reader: impl std::io::Read, send: SyncSender<Result<Vec<u8>, std::io::Error>>) {
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
}

/// The caller's side: parses each block as it arrives and hands its articles on.
fn parse_blocks(
    path: &str,
    before: usize,
    receive: Receiver<Result<Vec<u8>, std::io::Error>>,
    problems: &mut Vec<Problem>,
    on_articles: &mut dyn FnMut(Vec<Article>),
) -> usize {
    let mut line_no = before;
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
        let lines = block_lines(&block, &mut line_no);
        let results: Vec<Result<Article, Problem>> = lines
            .par_iter()
            .map(|&(n, bytes)| parse_line(path, n, bytes))
            .collect();
        let mut good = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(a) => good.push(a),
                Err(p) => problems.push(p),
            }
        }
        on_articles(good);
    }
    line_no
}

/// The lines of a block that hold something, with their 1-based numbers; `line_no` counts
/// on from block to block.
fn block_lines<'b>(block: &'b [u8], line_no: &mut usize) -> Vec<(usize, &'b [u8])> {
    let mut lines: Vec<(usize, &[u8])> = Vec::new();
    // Lines found with a vectorised search: this loop runs on one thread while the
    // others wait for its lines. A block ends with a newline except, perhaps, the
    // last one of the file, whose final line is then taken whole.
    let unterminated = (block.last() != Some(&b'\n')).then_some(block.len());
    let mut from = 0;
    for end in memchr::memchr_iter(b'\n', block).chain(unterminated) {
        let raw = &block[from..end];
        from = end + 1;
        *line_no += 1;
        let raw = if *line_no == 1 {
            raw.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(raw)
        } else {
            raw
        };
        if !raw.iter().all(u8::is_ascii_whitespace) {
            lines.push((*line_no, raw));
        }
    }
    lines
}

/// One line of a stream: UTF-8 checked, then parsed as an article.
fn parse_line(path: &str, n: usize, bytes: &[u8]) -> Result<Article, Problem> {
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
}
