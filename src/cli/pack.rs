//! The rule pack the flags name, read and compiled, with its diagnostics on standard error.

use super::Failure;
use super::flags::RuleArgs;
use super::output::say;
use claimclash::lexicon::{self, Lexicon};
use claimclash::rules::{self, Diagnostic, RuleSet, RuleSource, Severity};
use std::sync::Arc;

/// A compiled pack: the beat rules and the general knowledge (the pack's own lexicon
/// files, else the bundled lexicon). It reads as its [`RuleSet`] wherever one is wanted.
pub struct Pack {
    pub rules: RuleSet,
    /// The pack's own lexicon; `None` for the bundled one.
    pub own_lexicon: Option<Arc<Lexicon>>,
}

impl Pack {
    pub fn lexicon(&self) -> &Lexicon {
        match (&self.own_lexicon, Lexicon::bundled()) {
            (Some(own), _) => own,
            (None, Ok(bundled)) => bundled,
            // Checked when the pack was compiled; an empty lexicon knows nothing.
            (None, Err(_)) => empty_lexicon(),
        }
    }
}

fn empty_lexicon() -> &'static Lexicon {
    static EMPTY: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    EMPTY.get_or_init(Lexicon::default)
}

impl std::ops::Deref for Pack {
    type Target = RuleSet;
    fn deref(&self) -> &RuleSet {
        &self.rules
    }
}

impl std::ops::DerefMut for Pack {
    fn deref_mut(&mut self) -> &mut RuleSet {
        &mut self.rules
    }
}

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
pub fn load(args: &RuleArgs) -> Result<Pack, Failure> {
    compile(&read(args)?)
}

/// Compiles the rules — beat rules and lexicon files apart — printing diagnostics to
/// stderr; fails when either has errors.
pub fn compile(sources: &[RuleSource]) -> Result<Pack, Failure> {
    let (beat, general) = lexicon::split_sources(sources);
    let lexicon = compile_lexicon(&general);
    let rules = compile_rules(&beat);
    Ok(Pack {
        rules: rules?,
        own_lexicon: lexicon?,
    })
}

/// The pack's lexicon files compiled, or the bundled lexicon when it has none.
fn compile_lexicon(sources: &[RuleSource]) -> Result<Option<Arc<Lexicon>>, Failure> {
    if sources.is_empty() {
        return match Lexicon::bundled() {
            Ok(_) => Ok(None),
            Err(diags) => {
                say(&rules::render_all(diags, &lexicon::bundled_sources()));
                Err(Failure::Shown)
            }
        };
    }
    Lexicon::compile(sources)
        .map(|l| Some(Arc::new(l)))
        .map_err(|diags| {
            say(&rules::render_all(&diags, sources));
            say(&format!(
                "claimclash: the general knowledge has {} error(s); fix them and run again\n",
                diags
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count()
            ));
            Failure::Shown
        })
}

fn compile_rules(sources: &[RuleSource]) -> Result<RuleSet, Failure> {
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
