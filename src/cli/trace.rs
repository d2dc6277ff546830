//! `claimclash trace` and `claimclash explain`: how a text becomes claims, and which rules
//! and comparison gave a verdict in a saved report.

use super::baseline::strip_position;
use super::output::print_out;
use super::{Outcome, Pack, Status};
use claimclash::{article, files, printable};
use std::path::Path;

/// The largest report read back: far above any report, far below what exhausts memory.
const MAX_REPORT_BYTES: u64 = 4 << 30;

/// Traces `text` as an article dated `date` through the pipeline, step by step.
pub fn trace(text: &str, date: Option<&str>, args: &Pack) -> Outcome {
    let rules = args.load()?;
    let front = match date {
        Some(d) => {
            d.parse::<jiff::civil::Date>().map_err(|_| {
                format!(
                    "--date `{}` is not a date; write YYYY-MM-DD",
                    printable::cut(d)
                )
            })?;
            format!("---\ndate: {d}\n---\n")
        }
        None => String::new(),
    };
    let article = article::from_text_str("trace", "trace", &format!("{front}{text}"))
        .map_err(|p| p.message)?;
    print_out(&claimclash::trace::trace(&article, &rules))?;
    Ok(Status::Clean)
}

/// Explains the conflict, agreement or claim `id` of the JSON report at `path`.
pub fn explain(path: &Path, id: &str, args: &Pack) -> Outcome {
    let rules = args.load()?;
    let shown = printable::cut(&path.to_string_lossy()).into_owned();
    let text = files::read_regular_text(path, MAX_REPORT_BYTES)
        .map_err(|e| format!("cannot read {shown}: {e}"))?;
    let report: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{shown}:{}:{}: not JSON: {}; give a report written with --format json",
            e.line(),
            e.column(),
            printable::cut(&strip_position(&e.to_string()))
        )
    })?;
    claimclash::baseline::check_report(&report).map_err(|why| {
        format!("{shown}: not a claimclash report: {why}; give a report written with --format json")
    })?;
    let out = claimclash::explain::explain(&report, id, &rules)?;
    print_out(&out)?;
    Ok(Status::Clean)
}
