//! What the steps of the line protocol (`map`, `tile`, `reduce`) share: their rule pack
//! and threads, standard input read line by line, and standard output written with a count
//! of lines for the `#stats` trailer. Unlike a report, a step's output that cannot be
//! written (a closed pipe too) fails the step: an engine must never take a short output
//! for a whole one.

use super::flags::{OnOff, StepArgs};
use super::pack::Loaded;
use super::{Failure, check, config};
use claimclash::shard;
use std::io::{BufRead, BufWriter, Write};

/// What a step runs with: the rule pack and lexicon, whether general claims are read, and
/// their digest, which every line of the step names.
pub struct Step {
    pub rules: Loaded,
    pub general: bool,
    pub digest: String,
}

/// The rule pack a step names (as `check` resolves it, `general` too), with its threads
/// set.
pub fn setup(step: &StepArgs, general: Option<OnOff>) -> Result<Step, Failure> {
    check::set_jobs(step.jobs)?;
    let flags = config::Flags {
        general,
        ..Default::default()
    };
    let resolved = config::resolve(&step.config, &step.rules, flags)?;
    let rules = resolved.load_rules()?;
    let digest = shard::pack_digest(&rules, rules.lexicon_print);
    Ok(Step {
        rules,
        general: resolved.general,
        digest,
    })
}

/// Standard output, counting the lines written.
pub struct Out {
    writer: BufWriter<std::io::StdoutLock<'static>>,
    pub lines: u64,
}

impl Out {
    pub fn new() -> Out {
        Out {
            writer: BufWriter::with_capacity(1 << 20, std::io::stdout().lock()),
            lines: 0,
        }
    }

    /// Writes whole lines (the text ends with a newline, or is empty).
    pub fn put(&mut self, text: &str) -> Result<(), Failure> {
        self.lines += memchr::memchr_iter(b'\n', text.as_bytes()).count() as u64;
        self.writer
            .write_all(text.as_bytes())
            .map_err(|e| Failure::from(format!("cannot write standard output: {e}")))
    }

    /// Writes the trailer and flushes.
    pub fn finish(mut self, trailer: &str) -> Result<(), Failure> {
        self.writer
            .write_all(trailer.as_bytes())
            .and_then(|()| self.writer.flush())
            .map_err(|e| Failure::from(format!("cannot write standard output: {e}")))
    }
}

/// Standard input as lines (without their newline), counting them.
pub struct Lines {
    reader: std::io::StdinLock<'static>,
    buf: Vec<u8>,
    pub count: u64,
}

impl Lines {
    pub fn stdin() -> Lines {
        Lines {
            reader: std::io::stdin().lock(),
            buf: Vec::new(),
            count: 0,
        }
    }

    /// The next line; `None` at the end. A line that is not UTF-8 is an error naming it.
    pub fn next_line(&mut self) -> Result<Option<String>, Failure> {
        self.buf.clear();
        let n = self
            .reader
            .read_until(b'\n', &mut self.buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        if n == 0 {
            return Ok(None);
        }
        self.count += 1;
        if self.buf.last() == Some(&b'\n') {
            self.buf.pop();
        }
        let line = String::from_utf8(std::mem::take(&mut self.buf))
            .map_err(|e| format!("line {}: not UTF-8: {e}", self.count))?;
        Ok(Some(line))
    }
}
