//! The loader: walks paths and standard input and reads them into articles and problems,
//! handed on in batches.
//!
//! It is one of only two places that touch the file system (the rule loader is the other).
//! A file that cannot be used becomes a [`Problem`]; it never stops the other files.

use super::jsonl::read_jsonl;
use super::{Article, Problem, from_named_str};
use crate::files::{self, FileId, ReadError};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What loading produced: usable articles and every problem met.
#[derive(Debug, Default)]
pub struct Loaded {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
}

const ARTICLE_EXTENSIONS: [&str; 4] = ["txt", "md", "markdown", "jsonl"];

/// Whether the walk reads a file of this name as an article (by its extension).
pub fn is_article_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e))
}

/// The deepest folder the walk enters, counted from the folder given (depth 0). Deeper folders are a
/// problem, not a silent gap, and the walk's cost stays bounded whatever the tree.
pub const MAX_DEPTH: usize = 64;

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
    load_each_except(inputs, &[], stdin, on_batch)
}

/// [`load_each`], leaving out the files in `except` (the report being replaced, so that a
/// report written into the corpus is never read back as an article).
pub fn load_each_except(
    inputs: &[PathBuf],
    except: &[FileId],
    stdin: &mut dyn std::io::Read,
    on_batch: &mut dyn FnMut(Vec<Article>),
) -> Vec<Problem> {
    let mut walk = Walk {
        except,
        ..Walk::default()
    };
    let mut want_stdin = false;
    for input in inputs {
        if input.as_os_str() == "-" {
            want_stdin = true;
        } else {
            walk.collect(input, 0);
        }
    }
    let Walk {
        mut files,
        mut problems,
        ..
    } = walk;
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

/// One file: streamed when it is JSON lines, else read whole as a text article. Only a
/// regular file is read, its type taken from the opened file (a file swapped for a FIFO or a
/// device after the walk is still caught).
fn read_file(path: &Path, batch: &mut Batch, problems: &mut Vec<Problem>) {
    let shown = path.display().to_string();
    let (mut file, meta) = match files::open_regular(path) {
        Ok(opened) => opened,
        Err(e) => return problems.push(Problem::new(&shown, None, e.to_string())),
    };
    if shown.ends_with(".jsonl") {
        read_jsonl(&shown, file, problems, &mut |a| batch.push(a));
        return;
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    match std::io::Read::read_to_end(&mut file, &mut bytes) {
        Ok(_) => read_text(&shown, bytes, batch, problems),
        Err(e) => problems.push(Problem::new(&shown, None, ReadError::Io(e).to_string())),
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

/// The walk over the inputs: the article files found, the problems met, and every folder
/// and file already taken, by device and inode. Each folder is entered once however many
/// links lead to it (a lattice of links is as cheap as a tree, a loop ends at once), and
/// each file is read once however many paths name it.
#[derive(Default)]
struct Walk<'a> {
    files: Vec<PathBuf>,
    problems: Vec<Problem>,
    entered: HashSet<FileId>,
    taken: HashSet<FileId>,
    except: &'a [FileId],
}

impl Walk<'_> {
    fn problem(&mut self, path: &Path, message: impl Into<String>) {
        self.problems
            .push(Problem::new(&path.display().to_string(), None, message));
    }

    /// Adds the article files at or under `path`, `depth` folders below an input.
    fn collect(&mut self, path: &Path, depth: usize) {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let what = if std::fs::symlink_metadata(path).is_ok() {
                    "a link to nothing"
                } else {
                    "no such file or directory"
                };
                return self.problem(path, format!("{what}; check the path"));
            }
            Err(e) => {
                return self.problem(path, format!("cannot read: {}", files::io_message(&e)));
            }
        };
        let id = FileId::of(&meta);
        if self.except.contains(&id) {
            return;
        }
        if meta.is_file() {
            if self.taken.insert(id) {
                self.files.push(path.to_path_buf());
            }
            return;
        }
        if !meta.is_dir() {
            let kind = files::kind(meta.file_type());
            return self.problem(path, format!("{kind}, not a regular file; not read"));
        }
        if depth > MAX_DEPTH {
            return self.problem(
                path,
                format!("folder more than {MAX_DEPTH} levels deep; not entered"),
            );
        }
        if !self.entered.insert(id) {
            return self.problem(
                path,
                "folder already read through another path (a link leads to it again); skipped",
            );
        }
        let listing = match std::fs::read_dir(path) {
            Ok(listing) => listing,
            Err(e) => {
                return self.problem(
                    path,
                    format!("cannot list directory: {}", files::io_message(&e)),
                );
            }
        };
        let mut entries = Vec::new();
        for entry in listing {
            match entry {
                Ok(entry) => entries.push(entry),
                Err(e) => self.problem(
                    path,
                    format!("cannot read an entry: {}", files::io_message(&e)),
                ),
            }
        }
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            if entry.file_name().as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let entry_path = entry.path();
            // The listing's own type (no call per entry) says which entries may be folders:
            // folders and links; anything else counts only with an article's name.
            let may_be_folder = entry
                .file_type()
                .map(|t| t.is_dir() || t.is_symlink())
                .unwrap_or(true);
            if is_article_name(&entry_path) {
                self.collect(&entry_path, depth + 1);
            } else if may_be_folder {
                match std::fs::metadata(&entry_path) {
                    Ok(m) if m.is_dir() => self.collect(&entry_path, depth + 1),
                    Ok(_) => {}
                    // A link to nothing without an article's name is not an article.
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => self.problem(
                        &entry_path,
                        format!("cannot read: {}", files::io_message(&e)),
                    ),
                }
            }
        }
    }
}
