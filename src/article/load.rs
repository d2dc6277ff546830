//! The loader: walks paths and standard input and reads them into articles and problems,
//! handed on in batches.
//!
//! It is one of only two places that touch the file system (the rule loader is the other).
//! A file that cannot be used becomes a [`Problem`]; it never stops the other files.

use super::jsonl::read_jsonl;
use super::{Article, Problem, from_named_str};
use crate::files::{self, FileId, ReadError};
use std::collections::HashSet;
use std::os::unix::ffi::OsStrExt;
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
/// memory can be checked. Directories are walked recursively, each in name order; `-`
/// (standard input) comes last. The order files are read in never reaches the report, which
/// orders articles by id. Returns every problem met, sorted; a bad file never stops the
/// others.
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
        batch: Batch {
            articles: Vec::new(),
            bytes: 0,
            on_batch,
        },
        problems: Vec::new(),
        entered: HashSet::new(),
        taken: HashSet::new(),
        except,
    };
    let mut want_stdin = false;
    for input in inputs {
        if input.as_os_str() == "-" {
            want_stdin = true;
        } else {
            walk.input(input);
        }
    }
    if want_stdin {
        read_stdin(stdin, &mut walk.batch, &mut walk.problems);
    }
    walk.batch.flush();
    let mut problems = walk.problems;
    problems.sort();
    problems
}

/// One opened regular file: streamed when it is JSON lines, else read whole as a text
/// article.
fn read_file(
    shown: &str,
    mut file: std::fs::File,
    size: u64,
    batch: &mut Batch,
    problems: &mut Vec<Problem>,
) {
    if shown.ends_with(".jsonl") {
        read_jsonl(shown, file, problems, &mut |a| batch.push(a));
        return;
    }
    let mut bytes = Vec::with_capacity(size as usize);
    match std::io::Read::read_to_end(&mut file, &mut bytes) {
        Ok(_) => read_text(shown, bytes, batch, problems),
        Err(e) => problems.push(Problem::new(shown, None, ReadError::Io(e).to_string())),
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

/// The walk over the inputs: the batch being filled, the problems met, and every folder and
/// file already taken, by device and inode. Each folder is entered once however many links
/// lead to it (a lattice of links is as cheap as a tree, a loop ends at once), and each file
/// is read once however many paths name it. Below an input, every step is taken from the
/// open folder above it (`openat`, `fstatat`), never by its whole path: the cost of a step
/// does not grow with the depth, a chain of links is never resolved twice (nor stopped by
/// the kernel's 40-link limit), and a folder swapped for a link mid-walk cannot redirect it.
struct Walk<'a, 'b> {
    batch: Batch<'b>,
    problems: Vec<Problem>,
    entered: HashSet<FileId>,
    taken: HashSet<FileId>,
    except: &'a [FileId],
}

/// Opening flags: never wait on a FIFO, never leak into a child.
fn flags() -> rustix::fs::OFlags {
    rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::CLOEXEC
}

impl Walk<'_, '_> {
    fn problem(&mut self, path: &Path, message: impl Into<String>) {
        self.problems
            .push(Problem::new(&path.display().to_string(), None, message));
    }

    /// One input, named on the command line (links followed).
    fn input(&mut self, path: &Path) {
        let at = rustix::fs::CWD;
        match rustix::fs::statat(at, path, rustix::fs::AtFlags::empty()) {
            Ok(stat) => self.take(at, path, path, &stat, 0),
            Err(e) if e == rustix::io::Errno::NOENT => {
                let what = if std::fs::symlink_metadata(path).is_ok() {
                    "a link to nothing"
                } else {
                    "no such file or directory"
                };
                self.problem(path, format!("{what}; check the path"));
            }
            Err(e) => self.problem(path, format!("cannot read: {}", errno(e))),
        }
    }

    /// The entry `name` of the open folder `dir` (or of the working folder), shown as
    /// `path`, `depth` folders below an input, whose `stat` (links followed) was taken: a
    /// regular file is read, a folder walked, anything else is a problem. Nothing but a
    /// regular file or a folder is ever opened (opening some devices acts on them), and the
    /// type is checked again on the opened file, so a swap in between is caught.
    fn take(
        &mut self,
        dir: impl rustix::fd::AsFd,
        name: &Path,
        path: &Path,
        stat: &rustix::fs::Stat,
        depth: usize,
    ) {
        let id = stat_id(stat);
        if self.except.contains(&id) {
            return;
        }
        let kind = rustix::fs::FileType::from_raw_mode(stat.st_mode);
        let wanted = match kind {
            rustix::fs::FileType::RegularFile => !self.taken.contains(&id),
            rustix::fs::FileType::Directory => true,
            other => {
                let what = files::kind_of(other);
                return self.problem(path, format!("{what}, not a regular file; not read"));
            }
        };
        if !wanted {
            return;
        }
        let fd = match rustix::fs::openat(dir, name, flags(), rustix::fs::Mode::empty()) {
            Ok(fd) => fd,
            Err(e) => return self.problem(path, format!("cannot read: {}", errno(e))),
        };
        let opened = match rustix::fs::fstat(&fd) {
            Ok(s) => s,
            Err(e) => return self.problem(path, format!("cannot read: {}", errno(e))),
        };
        if stat_id(&opened) != id || rustix::fs::FileType::from_raw_mode(opened.st_mode) != kind {
            return self.problem(path, "changed while it was being read; not read");
        }
        if kind == rustix::fs::FileType::Directory {
            return self.folder(fd, id, path, depth);
        }
        self.taken.insert(id);
        let shown = path.display().to_string();
        read_file(
            &shown,
            std::fs::File::from(fd),
            opened.st_size as u64,
            &mut self.batch,
            &mut self.problems,
        );
    }

    /// A folder, opened: entered once, then each entry from it.
    fn folder(&mut self, fd: rustix::fd::OwnedFd, id: FileId, path: &Path, depth: usize) {
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
        let listing = match rustix::fs::Dir::read_from(&fd) {
            Ok(listing) => listing,
            Err(e) => {
                return self.problem(path, format!("cannot list directory: {}", errno(e)));
            }
        };
        let mut entries: Vec<(std::ffi::CString, rustix::fs::FileType)> = Vec::new();
        for entry in listing {
            match entry {
                Ok(entry) => {
                    let name = entry.file_name();
                    if !name.to_bytes().starts_with(b".") {
                        entries.push((name.to_owned(), entry.file_type()));
                    }
                }
                Err(e) => {
                    self.problem(path, format!("cannot read an entry: {}", errno(e)));
                    break;
                }
            }
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, listed) in entries {
            let name = Path::new(std::ffi::OsStr::from_bytes(name.to_bytes()));
            let entry_path = path.join(name);
            // The listing's own type says which entries may be folders (folders, links, or
            // unknown); anything else counts only with an article's name.
            let article = is_article_name(&entry_path);
            let may_be_folder = matches!(
                listed,
                rustix::fs::FileType::Directory
                    | rustix::fs::FileType::Symlink
                    | rustix::fs::FileType::Unknown
            );
            if !article && !may_be_folder {
                continue;
            }
            let stat = match rustix::fs::statat(&fd, name, rustix::fs::AtFlags::empty()) {
                Ok(stat) => stat,
                Err(e) if e == rustix::io::Errno::NOENT => {
                    // A link to nothing without an article's name is not an article.
                    if article {
                        self.problem(&entry_path, "a link to nothing; check the path");
                    }
                    continue;
                }
                Err(e) => {
                    self.problem(&entry_path, format!("cannot read: {}", errno(e)));
                    continue;
                }
            };
            let is_folder = rustix::fs::FileType::from_raw_mode(stat.st_mode)
                == rustix::fs::FileType::Directory;
            if article || is_folder {
                self.take(&fd, name, &entry_path, &stat, depth + 1);
            }
        }
    }
}

/// A `stat`'s identity. The field types differ between platforms (u64 on Linux).
#[allow(clippy::unnecessary_cast)]
fn stat_id(stat: &rustix::fs::Stat) -> FileId {
    FileId {
        dev: stat.st_dev as u64,
        ino: stat.st_ino as u64,
    }
}

/// An error number as a message, without the `(os error N)` tail.
fn errno(e: rustix::io::Errno) -> String {
    files::io_message(&std::io::Error::from(e))
}
