//! `claimclash tile --counts FILE`: claim lines of the keys whose blocks are larger than
//! the pack's `max_block_claims` go to tile keys (`KEY|t=i.j/C`), a claim to every tile of
//! its chunk; other lines pass as they are; a `#stats` trailer ends the output.

use super::flags::TileArgs;
use super::stream::{Lines, Out, setup};
use super::{Outcome, Status};
use claimclash::shard::lines;
use std::collections::HashMap;

pub fn run(args: TileArgs) -> Outcome {
    let step = setup(&args.step, None)?;
    let rules = &step.rules;
    let shown = args.counts.display().to_string();
    let text = std::fs::read_to_string(&args.counts).map_err(|e| format!("{shown}: {e}"))?;
    let mut counts: HashMap<&str, u64> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let parsed = line
            .split_once('\t')
            .and_then(|(k, c)| Some((k, c.trim().parse::<u64>().ok()?)));
        let Some((key, count)) = parsed else {
            return Err(format!("{shown}:{}: expected KEY<TAB>COUNT", n + 1).into());
        };
        counts.insert(key, count);
    }
    let bound = rules.settings.max_block_claims;
    let mut input = Lines::stdin();
    let mut out = Out::new();
    let mut buf = String::new();
    while let Some(line) = input.next_line()? {
        buf.clear();
        let count = match lines::split(&line) {
            Ok((key, _)) if !line.starts_with('#') => counts.get(key).copied().unwrap_or(0),
            _ => 0,
        };
        lines::tile_line(&line, count, bound, &mut buf)
            .map_err(|e| format!("standard input line {}: {e}", input.count))?;
        out.put(&buf)?;
    }
    let stats = lines::Stats {
        lines_in: input.count,
        out: out.lines,
        ..lines::Stats::new("tile", step.digest.clone())
    };
    out.finish(&stats.line())?;
    Ok(Status::Clean)
}
