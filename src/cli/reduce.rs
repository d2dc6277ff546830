//! `claimclash reduce`: claim lines grouped by key → each group's claims and findings; `#`
//! lines pass on; a `#stats` trailer counts lines read and written, groups and the largest.
//!
//! Groups are gathered into batches and reduced on all threads, written in input order.

use super::flags::StepArgs;
use super::pack::Loaded;
use super::stream::{Lines, Out, setup};
use super::{Failure, Outcome, Status};
use claimclash::shard::lines;
use std::collections::HashSet;

/// Lines gathered before a batch of groups is reduced.
const BATCH_LINES: usize = 1 << 16;

pub fn run(args: StepArgs) -> Outcome {
    let step = setup(&args, None)?;
    let rules = &step.rules;
    let mut input = Lines::stdin();
    let mut out = Out::new();
    let mut stats = lines::Stats::new("reduce", step.digest.clone());
    let mut seen: HashSet<String> = HashSet::new();
    let mut batch: Vec<(String, Vec<String>)> = Vec::new();
    let mut held = 0usize;
    while let Some(line) = input.next_line()? {
        if line.starts_with('#') {
            out.put(&format!("{line}\n"))?;
            continue;
        }
        let (key, _) = lines::split(&line).map_err(|e| at(input.count, e))?;
        if batch.last().is_none_or(|(k, _)| k != key) {
            if !seen.insert(key.to_string()) {
                return Err(at(
                    input.count,
                    format!(
                        "key `{key}` comes again after other keys; group the lines by key (sort them)"
                    ),
                ));
            }
            if held >= BATCH_LINES {
                reduce_batch(&std::mem::take(&mut batch), rules, &mut out, &mut stats)?;
                held = 0;
            }
            batch.push((key.to_string(), Vec::new()));
        }
        held += 1;
        if let Some((_, group)) = batch.last_mut() {
            group.push(line);
        }
    }
    reduce_batch(&batch, rules, &mut out, &mut stats)?;
    stats.lines_in = input.count;
    stats.out = out.lines;
    out.finish(&stats.line())?;
    Ok(Status::Clean)
}

fn at(line: u64, e: String) -> Failure {
    Failure::from(format!("standard input line {line}: {e}"))
}

fn reduce_batch(
    batch: &[(String, Vec<String>)],
    rules: &Loaded,
    out: &mut Out,
    stats: &mut lines::Stats,
) -> Result<(), Failure> {
    for (text, r) in lines::reduce_groups(batch, rules, rules.lexicon())? {
        stats.groups += 1;
        stats.max_group = stats.max_group.max(r.claims as u64);
        out.put(&text)?;
    }
    Ok(())
}
