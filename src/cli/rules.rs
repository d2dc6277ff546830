//! `claimclash rules check|test|suggest`: validate a rule pack, run the examples its rules
//! carry, and propose YAML from a corpus.

use super::output::{print_out, say};
use super::{Failure, Outcome, Pack, Status, pack};
use claimclash::rules::diagnostic::singular;
use claimclash::rules::{Change, ExtensionChanges};
use claimclash::{article, printable};
use std::path::PathBuf;

/// The pack the arguments name: `DIR` is the same as `--rules DIR`.
fn pack_in(dir: Option<PathBuf>, mut args: Pack) -> Result<Pack, Failure> {
    if let Some(dir) = dir {
        if args.rules.rules.is_some() {
            return Err("give the pack once: either `rules check DIR` or `--rules DIR`".into());
        }
        args.rules.rules = Some(dir);
    }
    Ok(args)
}

/// Validates the pack, counts what it holds and lists what each extension changes.
pub fn check(dir: Option<PathBuf>, args: Pack) -> Outcome {
    let pack = pack::read(&pack_in(dir, args)?.resolve()?.rules)?;
    let set = pack::compile(&pack)?;
    let mut out = format!(
        "rule pack is valid: {} files, {} entities, {} predicates in {} families, {} cue groups, {} phrases\n",
        pack.sources.len(),
        set.entities.len(),
        set.predicates.len(),
        set.families.len(),
        set.cues.len(),
        set.phrases.phrases.len()
    );
    for (ext, (_, files)) in set.extensions.iter().zip(&pack.layers.extensions) {
        out.push_str(&changes(ext, *files));
    }
    print_out(&out)?;
    Ok(Status::Clean)
}

/// What one extension changes, a line for each change under a summary line.
fn changes(ext: &ExtensionChanges, files: usize) -> String {
    let count = |f: &dyn Fn(&Change) -> bool| ext.changes.iter().filter(|c| f(c)).count();
    let added = count(&|c| matches!(c, Change::Added { .. }));
    let overridden = count(&|c| matches!(c, Change::Overridden { .. }));
    let disabled = count(&|c| matches!(c, Change::Disabled { .. }));
    let settings = count(&|c| matches!(c, Change::Setting { .. }));
    let mut out = format!(
        "extension {} ({files} file{}): adds {added}, overrides {overridden}, disables {disabled}, sets {settings} setting{}\n",
        printable::cut(&ext.name),
        if files == 1 { "" } else { "s" },
        if settings == 1 { "" } else { "s" },
    );
    for c in &ext.changes {
        let line = match c {
            Change::Added { section, id, at } => {
                format!("  + {} `{id}` ({at})", singular(section))
            }
            Change::Overridden {
                section,
                id,
                was,
                at,
            } => format!("  ~ {} `{id}`: {at} replaces {was}", singular(section)),
            Change::Disabled {
                section,
                id,
                was,
                at,
            } => format!("  - {} `{id}` ({was}), disabled at {at}", singular(section)),
            Change::Setting {
                key,
                value,
                was,
                at,
            } => format!("  = {key}: {value} (was {was}) at {at}"),
        };
        out.push_str(&printable::escape_controls(&line));
        out.push('\n');
    }
    out
}

/// Runs every rule's examples; a failing one is a finding.
pub fn test(dir: Option<PathBuf>, args: Pack) -> Outcome {
    let pack = pack_in(dir, args)?.load()?;
    let mut failures = claimclash::examples::run(&pack);
    let general = claimclash::examples::lexicon::run(&pack, pack.lexicon());
    failures.extend(general.failures);
    let mut out = String::new();
    for (f, why) in &general.known {
        out.push_str(&format!("KNOWN MISS {f}\n  why:      {why}\n"));
    }
    for f in &failures {
        out.push_str(&format!("FAIL {f}\n"));
    }
    let total = pack.examples.len() + claimclash::examples::lexicon::runnable(pack.lexicon());
    let known = general.known.len();
    if known > 0 {
        out.push_str(&format!(
            "{known} known misses of the general knowledge (`todo`), listed above\n"
        ));
    }
    out.push_str(&format!(
        "{} passed, {} failed\n",
        total - failures.len() - known,
        failures.len()
    ));
    print_out(&out)?;
    Ok(Status::findings_if(!failures.is_empty()))
}

/// Reads a corpus and proposes entities, aliases and phrases to add.
pub fn suggest(inputs: &[PathBuf], args: &Pack) -> Outcome {
    let rules = args.load()?;
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
