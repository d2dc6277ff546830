//! Output of the binary: reports written atomically, standard output that may be a closed
//! pipe, colour for the terminal, Ctrl-C clean-up, and the `--stats` table.

use super::flags::ColorWhen;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The temporary file being written, so that Ctrl-C can remove it.
static PENDING: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

fn set_pending(path: Option<PathBuf>) {
    if let Ok(mut p) = PENDING.lock() {
        *p = path;
    }
}

/// Ctrl-C: leave no half-written temporary file behind and exit as interrupted (130).
pub fn clean_up_on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        if let Ok(p) = PENDING.lock()
            && let Some(tmp) = p.as_ref()
        {
            let _ = std::fs::remove_file(tmp);
        }
        eprintln!("claimclash: interrupted");
        std::process::exit(130);
    });
}

/// Prints to standard output; a failed write (a closed pipe) is not the command's failure.
pub fn print_or_quit(text: &str) {
    let _ = emit(text, None);
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
        text,
    )
}

/// Writes the report to a file (through a temporary file and a rename, so a reader never
/// sees half a report) or to standard output (a closed pipe ends the output quietly).
pub fn emit(text: &str, output: Option<&Path>) -> Result<(), String> {
    match output {
        Some(path) => {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("report");
            let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
            set_pending(Some(tmp.clone()));
            let written = std::fs::write(&tmp, text)
                .map_err(|e| format!("cannot write {}: {e}", tmp.display()))
                .and_then(|_| {
                    std::fs::rename(&tmp, path)
                        .map_err(|e| format!("cannot write {}: {e}", path.display()))
                });
            if written.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            set_pending(None);
            written
        }
        None => write_out(&mut std::io::stdout().lock(), text),
    }
}

/// Writes and flushes standard output; a closed pipe ends the output quietly.
fn write_out(out: &mut impl Write, text: &str) -> Result<(), String> {
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write the report: {e}")),
    }
}

/// The wall-clock times of a check that the stages do not measure themselves.
pub struct Timings {
    /// Compiling the rule pack, before the total.
    pub rules: Duration,
    /// Reading the articles.
    pub load: Duration,
    /// Rendering the report.
    pub render: Duration,
    /// From the first article read to the rendered report.
    pub total: Duration,
}

/// Per-stage timings. Stages inside articles run on several threads, so their times are
/// summed over threads; the total is the wall clock from the first article read to the
/// rendered report, after the rules are compiled. The last line repeats everything as JSON
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
        ("graph", t.graph),
        ("conflicts", t.conflicts),
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
        "claimclash-stats {{\"bytes\":{bytes},\"articles\":{},\"claims\":{},\"conflicts\":{},\"rules_ms\":{:.3},\"total_ms\":{:.3},{},\"peak_kb\":{}}}\n",
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
