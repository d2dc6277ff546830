//! The rule pack the flags name, read and compiled, with its diagnostics on standard error.

use super::Failure;
use super::flags::RuleArgs;
use super::output::say;
use claimclash::rules::{self, Diagnostic, Layers, RuleSet, RuleSource, Severity};

/// A pack as read: its files (the base pack's, then each extension's) and its layers.
pub struct Pack {
    pub sources: Vec<RuleSource>,
    pub layers: Layers,
}

/// Reads the rule sources: the bundled pack or `--rules`, then every `--extra-rules` as an
/// extension, in the order given.
fn rule_sources(args: &RuleArgs) -> Result<Pack, Diagnostic> {
    let mut sources = match &args.rules {
        Some(dir) => rules::read_dir(dir)?,
        None => rules::embedded_sources(),
    };
    let mut layers = Layers::default();
    for dir in &args.extra_rules {
        let files = rules::read_dir(dir)?;
        layers
            .extensions
            .push((dir.display().to_string(), files.len()));
        sources.extend(files);
    }
    Ok(Pack { sources, layers })
}

/// Reads the rule sources, printing to stderr why a directory cannot be read.
pub fn read(args: &RuleArgs) -> Result<Pack, Failure> {
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
pub fn compile(pack: &Pack) -> Result<RuleSet, Failure> {
    match rules::from_layers(&pack.sources, &pack.layers) {
        Ok((set, warnings)) => {
            say(&rules::render_all(&warnings, &pack.sources));
            Ok(set)
        }
        Err(diags) => {
            say(&rules::render_all(&diags, &pack.sources));
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
