//! `claimclash assemble`: the lines of map and reduce, in any order, → the report `check`
//! would write of the same corpus, in any format, with the same exit code.

use super::check::{coverage, failing, refuse_inputs, render, write_report};
use super::flags::AssembleArgs;
use super::output::{Target, say};
use super::stream::Lines;
use super::{Outcome, Status, config};
use claimclash::shard::{self, lines::Assembly};
use std::io::BufRead;

pub fn run(args: AssembleArgs) -> Outcome {
    let output = match &args.report.output {
        Some(path) => Target::of(path).map_err(|e| format!("--output {e}"))?,
        None => Target::Stdout,
    };
    refuse_inputs(&output, &args.inputs, "assembly").map_err(|e| format!("--output {e}"))?;
    let flags = config::Flags {
        format: args.report.format,
        fail_on: args.fail_on,
        color: args.color,
        general: None,
    };
    let resolved = config::resolve(&args.config, &args.rules, flags)?;
    let rules = resolved.load_rules()?;
    let mut assembly = Assembly::new(shard::pack_digest(&rules, rules.lexicon_print));
    if args.inputs.is_empty() {
        let mut input = Lines::stdin();
        while let Some(line) = input.next_line()? {
            assembly
                .add(&line)
                .map_err(|e| format!("standard input line {}: {e}", input.count))?;
        }
    }
    for path in &args.inputs {
        let shown = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| format!("{shown}: {e}"))?;
        for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
            let line = line.map_err(|e| format!("{shown}:{}: {e}", n + 1))?;
            assembly
                .add(&line)
                .map_err(|e| format!("{shown}:{}: {e}", n + 1))?;
        }
    }
    let analysis = assembly.finish(&rules)?;
    if analysis.articles.is_empty() {
        return Err("no readable article in the inputs; nothing to check".into());
    }
    for p in &analysis.problems {
        say(&format!("claimclash: {p}\n"));
    }
    say(&coverage(&analysis));
    let text = render(resolved.format, args.report.group, &analysis, &rules);
    write_report(&text, &resolved, &output)?;
    Ok(Status::findings_if(
        failing(&analysis, resolved.fail_on) > 0,
    ))
}
