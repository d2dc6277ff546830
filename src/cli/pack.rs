//! The rule pack the flags name, read and compiled, with its diagnostics on standard error.

use super::Failure;
use super::flags::RuleArgs;
use super::output::say;
use claimclash::rules::{self, Diagnostic, RuleSet, RuleSource, Severity};

/// Reads the rule sources: the bundled pack or `--rules`, plus every `--extra-rules`.
fn rule_sources(args: &RuleArgs) -> Result<Vec<RuleSource>, Diagnostic> {
    let mut sources = match &args.rules {
        Some(dir) => rules::read_dir(dir)?,
        None => rules::embedded_sources(),
    };
    for dir in &args.extra_rules {
        sources.extend(rules::read_dir(dir)?);
    }
    Ok(sources)
}

/// Reads the rule sources, printing to stderr why a directory cannot be read.
pub fn read(args: &RuleArgs) -> Result<Vec<RuleSource>, Failure> {
    rule_sources(args).map_err(|d| {
        say(&d.render(&[]));
        Failure::Shown
    })
}

/// Reads and compiles the rules, printing every diagnostic to stderr; fails when the pack
/// cannot be used.
pub fn load(args: &RuleArgs) -> Result<RuleSet, Failure> {
    compile(&read(args)?)
}

/// Compiles the rules, printing diagnostics to stderr; fails when there are errors.
pub fn compile(sources: &[RuleSource]) -> Result<RuleSet, Failure> {
    match rules::from_sources(sources) {
        Ok((set, warnings)) => {
            say(&rules::render_all(&warnings, sources));
            Ok(set)
        }
        Err(diags) => {
            say(&rules::render_all(&diags, sources));
            let errors = diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            say(&format!(
                "claimclash: the rule pack has {errors} error(s); fix them and run again\n"
            ));
            Err(Failure::Shown)
        }
    }
}
