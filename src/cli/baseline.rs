//! `check --baseline`: compares the findings with a saved JSON report, or saves this run's
//! report as the new baseline (the comparison itself is `claimclash::baseline`).

use super::output::{emit, print_or_quit};
use super::{Outcome, Status};
use claimclash::rules::RuleSet;
use claimclash::{Analysis, report};
use std::path::Path;

/// `--baseline`: compare with the saved report, or save this one.
pub fn run(analysis: &Analysis, rules: &RuleSet, path: &Path, update: bool) -> Outcome {
    let json = report::json(analysis, rules);
    if update {
        emit(&json, Some(path))?;
        print_or_quit(&format!(
            "baseline saved to {}: {} claims, {} conflicts\n",
            path.display(),
            analysis.claims.len(),
            analysis.conflicts.len()
        ));
        return Ok(Status::Clean);
    }
    let saved = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "cannot read the baseline {}: {e}; create it with --update-baseline",
            path.display()
        )
    })?;
    let old: serde_json::Value = serde_json::from_str(&saved).map_err(|e| {
        format!(
            "{}:{}:{}: the baseline is not JSON: {e}; recreate it with --update-baseline",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    let new: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| format!("cannot read back the report: {e}"))?;
    let changes = claimclash::baseline::compare(&old, &new);
    print_or_quit(&claimclash::baseline::render(&changes));
    Ok(Status::findings_if(!changes.is_empty()))
}
