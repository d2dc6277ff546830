//! The loader: walks paths and standard input and reads them into articles and problems,
//! handed on in batches.
//!
//! It is one of only two places that touch the file system (the rule loader is the other).
//! A file that cannot be used becomes a [`Problem`]; it never stops the other files.

use super::jsonl::read_jsonl;
use super::{Article, Problem, from_named_str};
use std::path::{Path, PathBuf};

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

/// Articles gathered until they are worth handing on to `on_batch`.
struct Batch<'a> {
    articles: Vec<Article>,
    bytes: usize,
    on_batch: &'a mut dyn FnMut(Vec<Article>),
}

impl Batch<'_> {
    fn push(&mut self, mut more: Vec<Article>) {
        self.bytes += more.iter().map(|a| a.body.len()).sum::<usize>();
        self.articles.append(&mut more);
        if self.bytes >= BATCH_BYTES {
            self.flush();
        }
    }
    fn flush(&mut self) {
        if !self.articles.is_empty() {
            (self.on_batch)(std::mem::take(&mut self.articles));
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
    let mut batch = Batch {
        articles: Vec::new(),
        bytes: 0,
        on_batch,
    };
    for path in files {
        read_file(&path, &mut batch, &mut problems);
    }
    if want_stdin {
        read_stdin(stdin, &mut batch, &mut problems);
    }
    batch.flush();
    problems.sort();
    problems
}

/// One file: streamed when it is JSON lines, else read whole as a text article.
fn read_file(path: &Path, batch: &mut Batch, problems: &mut Vec<Problem>) {
    let shown = path.display().to_string();
    let cannot = |e: std::io::Error| Problem::new(&shown, None, format!("cannot read: {e}"));
    if shown.ends_with(".jsonl") {
        match std::fs::File::open(path) {
            Ok(f) => read_jsonl(&shown, f, problems, &mut |a| batch.push(a)),
            Err(e) => problems.push(cannot(e)),
        }
        return;
    }
    match std::fs::read(path) {
        Ok(bytes) => read_text(&shown, bytes, batch, problems),
        Err(e) => problems.push(cannot(e)),
    }
}

/// Standard input: JSON lines if it starts like one, else a single text article.
fn read_stdin(stdin: &mut dyn std::io::Read, batch: &mut Batch, problems: &mut Vec<Problem>) {
    let mut bytes = Vec::new();
    match stdin.read_to_end(&mut bytes) {
        Ok(_) => {
            let jsonl = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
            if jsonl {
                read_jsonl("-", std::io::Cursor::new(bytes), problems, &mut |a| {
                    batch.push(a)
                });
            } else {
                read_text("-", bytes, batch, problems);
            }
        }
        Err(e) => problems.push(Problem::new(
            "-",
            None,
            format!("cannot read standard input: {e}"),
        )),
    }
}

/// Bytes read whole: checked as UTF-8, then parsed by their name.
fn read_text(shown: &str, bytes: Vec<u8>, batch: &mut Batch, problems: &mut Vec<Problem>) {
    match text_of(shown, bytes) {
        Ok(text) => {
            let (a, mut p) = from_named_str(shown, &text);
            problems.append(&mut p);
            batch.push(a);
        }
        Err(p) => problems.push(p),
    }
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

/// Adds the article files at or under `path` to `files`; `seen` holds the directories being
/// walked, to catch links that loop.
fn collect(
    path: &Path,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
    seen: &mut Vec<PathBuf>,
) {
    let shown = path.display().to_string();
    let problem = |message: String| Problem::new(&shown, None, message);
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let what = if std::fs::symlink_metadata(path).is_ok() {
                "a link to nothing"
            } else {
                "no such file or directory"
            };
            problems.push(problem(format!("{what}; check the path")));
            return;
        }
        Err(e) => {
            problems.push(problem(format!("cannot read: {e}")));
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
        problems.push(problem(
            "directory link loops back on itself; skipped".into(),
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
        Err(e) => problems.push(problem(format!("cannot list directory: {e}"))),
    }
    seen.pop();
}
