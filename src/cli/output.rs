//! Output of the binary: reports written safely and atomically, standard output whose write
//! errors are the command's failure (a closed pipe excepted), standard error that never
//! panics and never passes a control character through, colour for the terminal, clean-up
//! on SIGINT, SIGTERM and SIGHUP, and the `--stats` table.
//!
//! A report file replaces only a regular file (or nothing). The new text goes to a temporary
//! file in the same folder, with a random name, created exclusively (`O_EXCL`: a planted
//! file or link there makes the creation fail, never redirects it), with the mode and owner
//! of the file it replaces, then renamed over it: a reader never sees half a report, and a
//! device, FIFO, socket, folder or link at the path is refused, never replaced.

use super::flags::ColorWhen;
use claimclash::files::{self, FileId};
use claimclash::printable;
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The temporary file being written, so that a signal can remove it. The writer holds the
/// lock while it renames the file into place, so the handler removes either the temporary
/// file before the rename or nothing.
static PENDING: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

fn pending() -> std::sync::MutexGuard<'static, Option<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// SIGINT, SIGTERM, SIGHUP: leave no half-written temporary file behind and exit with the
/// shell's code for the signal (130, 143, 129).
pub fn clean_up_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        say(
            "claimclash: cannot watch for signals; an interrupted run may leave a temporary file\n",
        );
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let pending = pending();
            if let Some(tmp) = pending.as_ref() {
                let _ = std::fs::remove_file(tmp);
            }
            say(if signal == SIGINT {
                "claimclash: interrupted\n"
            } else {
                "claimclash: terminated\n"
            });
            std::process::exit(128 + signal);
        }
    });
}

/// Writes to standard error, with control characters escaped; a closed or full standard
/// error loses the message but never stops the command.
pub fn say(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(printable::escape_controls(text).as_bytes());
    let _ = err.flush();
}

/// Prints to standard output. A closed pipe ends the output quietly (the reader has seen
/// enough); any other write error is the command's failure.
pub fn print_out(text: &str) -> Result<(), String> {
    write_out(&mut std::io::stdout().lock(), |w| {
        w.write_all(text.as_bytes())
    })
}

/// Writes styled text to standard output, keeping the styles only when colour is wanted
/// (anstream strips them when not on a terminal, under NO_COLOR, or with --color never).
pub fn emit_terminal(text: &str, when: ColorWhen) -> Result<(), String> {
    let choice = match when {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    write_out(
        &mut anstream::AutoStream::new(std::io::stdout().lock(), choice),
        |w| w.write_all(text.as_bytes()),
    )
}

/// Where `--output` (or a baseline being saved) goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `-` or `/dev/stdout`: written through to standard output, whatever it is.
    Stdout,
    /// A regular file replaced atomically, or created.
    File(PathBuf),
}

impl Target {
    /// The target a path names, refused at once (before any work) when it is a device, a
    /// FIFO, a socket, a folder or a link.
    pub fn of(path: &Path) -> Result<Target, String> {
        if path.as_os_str() == "-" || path == Path::new("/dev/stdout") {
            return Ok(Target::Stdout);
        }
        existing(path)?;
        Ok(Target::File(path.to_path_buf()))
    }

    /// The file this target would replace, if there is one.
    pub fn replaces(&self) -> Option<FileId> {
        match self {
            Target::Stdout => None,
            Target::File(path) => existing(path).ok().flatten().map(|m| FileId::of(&m)),
        }
    }
}

/// The regular file at `path`, `None` when there is nothing, or why it cannot be replaced.
fn existing(path: &Path) -> Result<Option<std::fs::Metadata>, String> {
    let shown = printable::cut(&path.to_string_lossy()).into_owned();
    if path.file_name().is_none() {
        return Err(format!("`{shown}` names no file; give a file path"));
    }
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => Ok(Some(m)),
        Ok(m) => {
            let what = files::kind(m.file_type());
            let to = if m.file_type().is_symlink() {
                std::fs::read_link(path)
                    .map(|t| format!(" (to `{}`)", printable::cut(&t.to_string_lossy())))
                    .unwrap_or_default()
            } else {
                String::new()
            };
            Err(format!(
                "`{shown}` is {what}{to}; claimclash writes a report only to a regular file, \
                 which it replaces: give another path, the real file, or - for standard output"
            ))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot write `{shown}`: {}", files::io_message(&e))),
    }
}

/// Writes the report to its target: a file, through a temporary file and a rename, so a
/// reader never sees half a report, or standard output.
pub fn emit(text: &str, target: &Target) -> Result<(), String> {
    emit_with(target, |w| w.write_all(text.as_bytes()))
}

/// Like [`emit`], for a report that `write` writes as it is made (the JSON report of a
/// large corpus is never held whole in memory): buffered, to the temporary file or to
/// standard output.
pub fn emit_with(
    target: &Target,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), String> {
    match target {
        Target::Stdout => write_out(&mut std::io::stdout().lock(), |w| buffered(w, write)),
        Target::File(path) => write_file(path, write),
    }
}

fn write_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), String> {
    let shown = printable::cut(&path.to_string_lossy()).into_owned();
    // Checked again: the path may have changed while the corpus was read.
    let replaced = existing(path)?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A new file gets the usual mode (0666 less the umask); a replaced file's mode is set
    // once the file is private to us, so a 0600 report never becomes readable by others.
    let mode = if replaced.is_some() { 0o600 } else { 0o666 };
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .rand_bytes(12)
        .permissions(std::fs::Permissions::from_mode(mode))
        .tempfile_in(dir)
        .map_err(|e| {
            format!(
                "cannot write `{shown}`: cannot create a temporary file in `{}`: {}",
                printable::cut(&dir.to_string_lossy()),
                files::io_message(&e)
            )
        })?;
    *pending() = Some(tmp.path().to_path_buf());
    let fail = |e: std::io::Error| format!("cannot write `{shown}`: {}", files::io_message(&e));
    let written = buffered(tmp.as_file_mut(), write)
        .and_then(|_| match &replaced {
            Some(old) => {
                // The owner first: changing it may clear mode bits. Not being allowed to
                // give the file away (not root) leaves it ours, which is no failure.
                let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(old.uid()), Some(old.gid()));
                tmp.as_file()
                    .set_permissions(std::fs::Permissions::from_mode(old.mode() & 0o777))
            }
            None => Ok(()),
        })
        .map_err(fail);
    // Tests hold the finished temporary file here to send a signal while it exists.
    #[cfg(debug_assertions)]
    if std::env::var_os("CLAIMCLASH_TEST_HOLD_TEMPORARY").is_some() {
        std::thread::sleep(Duration::from_secs(60));
    }
    let mut pending = pending();
    // On failure the temporary file is dropped, and so removed, before it stops pending.
    let result = match written {
        Ok(()) => tmp.persist(path).map(|_| ()).map_err(|e| fail(e.error)),
        Err(e) => {
            drop(tmp);
            Err(e)
        }
    };
    *pending = None;
    result
}

/// Runs `write` on `out` through a buffer, and flushes.
fn buffered(
    out: &mut (impl Write + ?Sized),
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut buffer = std::io::BufWriter::with_capacity(1 << 20, out);
    write(&mut buffer)?;
    buffer.flush()
}

/// Writes and flushes standard output; a closed pipe ends the output quietly.
fn write_out(
    out: &mut impl Write,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), String> {
    match write(out).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!(
            "cannot write to standard output: {}",
            files::io_message(&e)
        )),
    }
}

/// The wall-clock times of a check that the stages do not measure themselves.
pub struct Timings {
    /// Compiling the rule pack, before the total.
    pub rules: Duration,
    /// Reading the articles.
    pub load: Duration,
    /// Rendering the report, and for JSON, which is written as it is made, writing it.
    pub render: Duration,
    /// From the first article read to the rendered (for JSON, written) report.
    pub total: Duration,
}

/// Per-stage timings. Stages inside articles run on several threads, so their times are
/// summed over threads; the total is the wall clock from the first article read to the
/// rendered report (written, for JSON), after the rules are compiled. The last line repeats everything as JSON
/// for the benchmark.
pub fn stats(a: &claimclash::Analysis, timings: &Timings, bytes: usize) -> String {
    let t = &a.times;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mb = bytes as f64 / 1e6;
    let secs = timings.total.as_secs_f64().max(1e-9);
    let stages = [
        ("load", timings.load),
        ("segment", t.segment),
        ("match", t.matching),
        ("claims", t.claims),
        ("general", t.general),
        ("graph", t.graph),
        ("conflicts", t.conflicts),
        ("disputes", t.disputes),
        ("render", timings.render),
    ];
    let mut out = format!(
        "rules        {:>9.1}  (compiling the rule pack, before the total)\n",
        ms(timings.rules)
    );
    out.push_str("stage        time (ms, summed over threads)\n");
    for (name, d) in stages {
        out.push_str(&format!("{name:<12} {:>9.1}\n", ms(d)));
    }
    let peak = peak_memory_kb();
    let read = a.general_read;
    out.push_str(&format!(
        "language layer read {} sentences, {:.1} MB ({:.0} % of the text) for general claims\n",
        read.sentences,
        read.bytes as f64 / 1e6,
        100.0 * read.bytes as f64 / (bytes.max(1) as f64)
    ));
    out.push_str(&format!(
        "total        {:>9.1}  {:.1} MB in {} articles: {:.1} MB/s, {:.0} articles/s; {} claims, {} conflicts; peak memory {}\n",
        ms(timings.total),
        mb,
        a.articles.len(),
        mb / secs,
        a.articles.len() as f64 / secs,
        a.claims.len(),
        a.conflicts.len(),
        peak.map(|kb| format!("{:.1} MB", kb as f64 / 1024.0)).unwrap_or_else(|| "unknown".into())
    ));
    let fields: Vec<String> = stages
        .iter()
        .map(|(n, d)| format!("\"{n}_ms\":{:.3}", ms(*d)))
        .collect();
    out.push_str(&format!(
        "claimclash-stats {{\"bytes\":{bytes},\"read_bytes\":{},\"articles\":{},\"claims\":{},\"conflicts\":{},\"rules_ms\":{:.3},\"total_ms\":{:.3},{},\"peak_kb\":{}}}\n",
        read.bytes,
        a.articles.len(),
        a.claims.len(),
        a.conflicts.len(),
        ms(timings.rules),
        ms(timings.total),
        fields.join(","),
        peak.map(|k| k.to_string()).unwrap_or_else(|| "null".into())
    ));
    out
}

/// The process's peak resident memory, from /proc (Linux); `None` elsewhere.
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
