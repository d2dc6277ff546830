//! `claimclash check --watch`: checks, then checks again after every change to an article or
//! rule file, printing what changed since the run before.

use super::check::analyze;
use super::config::Resolved;
use super::output::print_out;
use super::{Failure, Outcome, Status};
use claimclash::rules::RuleSet;
use claimclash::{Analysis, report};
use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache};
use std::path::PathBuf;
use std::sync::mpsc::Receiver;

/// `--watch`: checks, then checks again after every change to an article or rule file
/// (changes within 300 ms count as one, as editors save in several steps), printing what
/// changed since the run before.
pub fn run(inputs: &[PathBuf], resolved: &Resolved, rules: super::pack::Loaded) -> Outcome {
    if inputs.iter().any(|p| p.as_os_str() == "-") {
        return Err("--watch cannot watch standard input; give files or directories".into());
    }
    let rule_dirs: Vec<PathBuf> = resolved
        .rules
        .rules
        .iter()
        .chain(&resolved.rules.extra_rules)
        .cloned()
        .collect();
    let watched: Vec<PathBuf> = inputs.iter().chain(&rule_dirs).cloned().collect();
    // The debouncer watches for as long as it lives.
    let (_debouncer, receive) = watch_paths(&watched)?;
    let mut rules = rules;
    let mut analysis = quiet_run(inputs, resolved, &rules);
    let mut previous = json_value(&analysis, &rules);
    print_out(&format!(
        "watching {} path(s); Ctrl-C stops\n{}",
        watched.len(),
        summary_line(&analysis)
    ))?;
    for events in receive {
        let Ok(events) = events else { continue };
        let changed = changed_paths(&events);
        if changed.is_empty() {
            continue;
        }
        let mut out = format!("\nchanged: {}\n", changed.join(", "));
        if !rule_dirs.is_empty() {
            match resolved.load_rules() {
                Ok(fresh) => rules = fresh,
                Err(_) => {
                    out.push_str("the rule pack has errors (above); keeping the last good one\n");
                }
            }
        }
        analysis = quiet_run(inputs, resolved, &rules);
        let now = json_value(&analysis, &rules);
        let changes = claimclash::baseline::compare(&previous, &now);
        if changes.is_empty() {
            out.push_str("no changes since the last run\n");
        } else {
            out.push_str(&claimclash::baseline::render(&changes).replace(
                "review the changes; accept them with --update-baseline\n",
                "",
            ));
        }
        out.push_str(&summary_line(&analysis));
        print_out(&out)?;
        previous = now;
    }
    Ok(Status::Clean)
}

/// One check of the inputs with the pack: no spinner, and no standard input (`--watch`
/// refuses `-`).
fn quiet_run(inputs: &[PathBuf], resolved: &Resolved, rules: &super::pack::Loaded) -> Analysis {
    analyze(
        inputs,
        &[],
        rules,
        rules.lexicon(),
        resolved.general,
        &mut std::io::empty(),
        false,
    )
    .analysis
}

type Watcher = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// Starts watching every path recursively; changes within 300 ms arrive as one batch.
fn watch_paths(paths: &[PathBuf]) -> Result<(Watcher, Receiver<DebounceEventResult>), Failure> {
    let (send, receive) = std::sync::mpsc::channel();
    let mut debouncer =
        notify_debouncer_full::new_debouncer(std::time::Duration::from_millis(300), None, send)
            .map_err(|e| format!("cannot watch files: {e}"))?;
    for path in paths {
        debouncer
            .watch(path, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
    }
    Ok((debouncer, receive))
}

/// The paths written, created, renamed or removed, sorted and once each.
fn changed_paths(events: &[DebouncedEvent]) -> Vec<String> {
    // Only writes, creations, renames and removals count; reading the files ourselves
    // raises access events, which must not start another run.
    let mut changed: Vec<String> = events
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                notify::EventKind::Create(_)
                    | notify::EventKind::Modify(_)
                    | notify::EventKind::Remove(_)
            )
        })
        .filter(|e| {
            !matches!(
                e.kind,
                notify::EventKind::Modify(notify::event::ModifyKind::Metadata(_))
            )
        })
        .flat_map(|e| e.paths.iter().map(|p| p.display().to_string()))
        .collect();
    changed.sort();
    changed.dedup();
    changed
}

/// The JSON report as a value, for comparing one run with the next.
fn json_value(analysis: &Analysis, rules: &RuleSet) -> serde_json::Value {
    serde_json::from_str(&report::json(analysis, analysis.rules(rules))).unwrap_or_default()
}

fn summary_line(a: &Analysis) -> String {
    format!("{}\n", super::check::counts(a, " · "))
}
