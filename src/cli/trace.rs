//! `claimclash trace` and `claimclash explain`: how a text becomes claims, and which rules
//! and comparison gave a verdict in a saved report.

use super::flags::RuleArgs;
use super::output::print_or_quit;
use super::{Outcome, Status, pack};
use claimclash::article;
use std::path::Path;

/// Traces `text` as an article dated `date` through the pipeline, step by step.
pub fn trace(text: &str, date: Option<&str>, args: &RuleArgs) -> Outcome {
    let rules = pack::load(args)?;
    let front = match date {
        Some(d) => format!("---\ndate: {d}\n---\n"),
        None => String::new(),
    };
    let article = article::from_text_str("trace", "trace", &format!("{front}{text}"))
        .map_err(|p| p.message)?;
    print_or_quit(&claimclash::trace::trace(&article, &rules));
    Ok(Status::Clean)
}

/// Explains the conflict, agreement or claim `id` of the JSON report at `path`.
pub fn explain(path: &Path, id: &str, args: &RuleArgs) -> Outcome {
    let rules = pack::load(args)?;
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let report: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{}:{}:{}: not JSON: {e}; give a report written with --format json",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    let out = claimclash::explain::explain(&report, id, &rules)?;
    print_or_quit(&out);
    Ok(Status::Clean)
}
