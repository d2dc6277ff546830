//! The one integration-test binary: each module tests one side of claimclash.

mod attribution;
mod cli;
mod corpus;
mod extensions;
mod fixtures;
mod general;
mod hostile;
mod html;
mod new_beat;
mod properties;
mod robustness;
mod rule_authoring;
mod rule_faults;
mod rule_pack;
mod schema;
mod shard;
mod workflow;

use claimclash::article::{self, Article};
use claimclash::rules::RuleSet;
use std::path::{Path, PathBuf};

/// insta settings that keep every snapshot in the top-level `snapshots/` folder.
pub fn snapshot_settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    s
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn bundled_rules() -> RuleSet {
    claimclash::bundled_pack().unwrap_or_else(|d| panic!("bundled pack: {d}"))
}

/// Loads inputs the way the command line does, with paths relative to the package root so
/// that reports name files the same way on every machine.
pub fn load(paths: &[&str]) -> article::Loaded {
    let inputs: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let cwd = std::env::current_dir().expect("a working directory");
    assert_eq!(cwd, root(), "tests run from the package root");
    article::load(&inputs, &mut std::io::empty())
}

pub fn analyze(paths: &[&str]) -> (claimclash::Analysis, RuleSet, Vec<Article>) {
    let rules = bundled_rules();
    let loaded = load(paths);
    let mut analysis = claimclash::analyze(&loaded.articles, &rules);
    analysis.problems.extend(loaded.problems);
    analysis.problems.sort();
    // General claims index into the pack extended with what they found.
    let rules = analysis.rules(&rules).clone();
    (analysis, rules, loaded.articles)
}

pub fn exists(p: &str) -> bool {
    Path::new(p).exists()
}
