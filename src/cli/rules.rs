//! `claimclash rules check|test|suggest`: validate a rule pack, run the examples its rules
//! carry, and propose YAML from a corpus.

use super::flags::RuleArgs;
use super::output::{print_out, say};
use super::{Outcome, Status, pack};
use claimclash::article;
use std::path::{Path, PathBuf};

/// The rule pack in `dir`, or the bundled one, with no extra rules.
fn pack_in(dir: Option<&Path>) -> RuleArgs {
    RuleArgs {
        rules: dir.map(Path::to_path_buf),
        extra_rules: Vec::new(),
    }
}

/// Validates the pack and counts what it holds.
pub fn check(dir: Option<&Path>) -> Outcome {
    let sources = pack::read(&pack_in(dir))?;
    let set = pack::compile(&sources)?;
    print_out(&format!(
        "rule pack is valid: {} files, {} entities, {} predicates in {} families, {} cue groups, {} phrases\n",
        sources.len(),
        set.entities.len(),
        set.predicates.len(),
        set.families.len(),
        set.cues.len(),
        set.phrases.phrases.len()
    ))?;
    Ok(Status::Clean)
}

/// Runs every rule's examples; a failing one is a finding.
pub fn test(dir: Option<&Path>) -> Outcome {
    let rules = pack::load(&pack_in(dir))?;
    let failures = claimclash::examples::run(&rules);
    let mut out = String::new();
    for f in &failures {
        out.push_str(&format!("FAIL {f}\n"));
    }
    let total = rules.examples.len();
    out.push_str(&format!(
        "{} passed, {} failed\n",
        total - failures.len(),
        failures.len()
    ));
    print_out(&out)?;
    Ok(Status::findings_if(!failures.is_empty()))
}

/// Reads a corpus and proposes entities, aliases and phrases to add.
pub fn suggest(inputs: &[PathBuf], args: &RuleArgs) -> Outcome {
    let rules = pack::load(args)?;
    let loaded = article::load(inputs, &mut std::io::stdin().lock());
    for p in &loaded.problems {
        say(&format!("claimclash: {p}\n"));
    }
    if loaded.articles.is_empty() {
        return Err("no readable article in the inputs; nothing to read".into());
    }
    let suggestions = claimclash::suggest::suggest(&loaded.articles, &rules);
    print_out(&claimclash::suggest::render(&suggestions))?;
    Ok(Status::Clean)
}
