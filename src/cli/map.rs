//! `claimclash map`: articles as JSON lines on standard input → `#article` lines and claim
//! lines under their blocking keys, `#problem` lines for the lines that are no article, and
//! a `#stats` trailer counting lines read and written.

use super::flags::MapArgs;
use super::stream::{Out, setup};
use super::{Outcome, Status};
use claimclash::shard::lines;
use rayon::prelude::*;

pub fn run(args: MapArgs) -> Outcome {
    let step = setup(&args.step, args.general)?;
    let rules = &step.rules;
    let general = step.general.then(|| rules.lexicon());
    let pack = step.digest.clone();
    let mut out = Out::new();
    let mut problems = Vec::new();
    let (mut articles, mut claims) = (0u64, 0u64);
    let mut failed = None;
    let first = usize::try_from(args.first_line).unwrap_or(usize::MAX);
    let stdin = std::io::stdin();
    let read = claimclash::article::read_jsonl_from(
        &args.name,
        first,
        stdin,
        &mut problems,
        &mut |batch| {
            if failed.is_some() {
                return;
            }
            // Each article's lines are made on the worker threads, written in input order.
            let made: Vec<(String, usize)> = batch
                .par_iter()
                .map(|a| {
                    let mut text = String::new();
                    let n = lines::map_article(a, rules, general, &pack, &mut text);
                    (text, n)
                })
                .collect();
            for (text, n) in made {
                articles += 1;
                claims += (n - 1) as u64;
                if let Err(e) = out.put(&text) {
                    failed = Some(e);
                    return;
                }
            }
        },
    );
    if let Some(e) = failed {
        return Err(e);
    }
    for p in &problems {
        out.put(&lines::problem_line(p))?;
    }
    let stats = lines::Stats {
        lines_in: read as u64,
        out: out.lines,
        articles,
        claims,
        problems: problems.len() as u64,
        ..lines::Stats::new("map", pack)
    };
    out.finish(&stats.line())?;
    Ok(Status::Clean)
}
