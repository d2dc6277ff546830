//! `check --baseline`: compares the findings with a saved JSON report, or saves this run's
//! report as the new baseline (the comparison itself is `claimclash::baseline`).

use super::output::{Target, emit, print_out};
use super::{Outcome, Status};
use claimclash::rules::RuleSet;
use claimclash::{Analysis, files, printable, report};
use std::path::Path;

/// The largest baseline read: far above any report, far below what would exhaust memory.
const MAX_BASELINE_BYTES: u64 = 4 << 30;

/// `--baseline`: compare with the saved report (the changes go to `output`), or save this
/// one at `saved` (checked by the caller before the run).
pub fn run(
    analysis: &Analysis,
    rules: &RuleSet,
    path: &Path,
    saved: Option<&Target>,
    output: &Target,
) -> Outcome {
    let json = report::json(analysis, analysis.rules(rules));
    let shown = printable::cut(&path.to_string_lossy()).into_owned();
    if let Some(target) = saved {
        emit(&json, target)?;
        print_out(&format!(
            "baseline saved to {shown}: {} claims, {} conflicts\n",
            analysis.claims.len(),
            analysis.conflicts.len()
        ))?;
        return Ok(Status::Clean);
    }
    let saved = files::read_regular_text(path, MAX_BASELINE_BYTES).map_err(|e| {
        format!("cannot read the baseline {shown}: {e}; create it with --update-baseline")
    })?;
    let old: serde_json::Value = serde_json::from_str(&saved).map_err(|e| {
        format!(
            "{shown}:{}:{}: the baseline is not JSON: {}; recreate it with --update-baseline",
            e.line(),
            e.column(),
            claimclash::printable::cut(&strip_position(&e.to_string()))
        )
    })?;
    claimclash::baseline::check_report(&old).map_err(|why| {
        format!("{shown}: the baseline is not a claimclash report: {why}; recreate it with --update-baseline")
    })?;
    let new: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| format!("cannot read back the report: {e}"))?;
    let changes = claimclash::baseline::compare(&old, &new);
    emit(&claimclash::baseline::render(&changes), output)?;
    Ok(Status::findings_if(!changes.is_empty()))
}

/// A serde_json message without its ` at line L column C` tail (the position is shown first).
pub fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}
