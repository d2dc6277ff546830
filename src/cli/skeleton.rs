//! `claimclash rules new DIR` and `claimclash rules export DIR`: a commented skeleton
//! extension to start a beat from, and the bundled pack to start a pack of one's own from.

use super::output::print_out;
use super::{Outcome, Status};
use claimclash::printable;
use std::io::Write;
use std::path::Path;

/// The skeleton `rules new` writes: one entity, one family, two opposite predicates, each
/// with examples; it passes `rules test --extra-rules DIR` as it stands (a test checks).
pub const SKELETON: &str = include_str!("../../claims/skeleton/beat.yaml");

/// Writes the skeleton extension into `dir`.
pub fn new(dir: &Path) -> Outcome {
    write_all(dir, &[("beat.yaml", SKELETON)])?;
    let shown = shown(dir);
    print_out(&format!(
        "wrote {shown}/beat.yaml; next: claimclash rules test --extra-rules {shown}\n"
    ))?;
    Ok(Status::Clean)
}

/// Writes the bundled pack into `dir`.
pub fn export(dir: &Path) -> Outcome {
    let files: Vec<(&str, &str)> = claimclash::rules::EMBEDDED.to_vec();
    write_all(dir, &files)?;
    let shown = shown(dir);
    print_out(&format!(
        "wrote the bundled pack ({} files) to {shown}; use it with --rules {shown}\n",
        files.len()
    ))?;
    Ok(Status::Clean)
}

fn shown(dir: &Path) -> String {
    printable::cut(&printable::escape_controls(&dir.display().to_string())).into_owned()
}

/// Creates `dir` if needed and writes each file, never over one that exists; a folder that
/// already holds rule files is refused, so no pack is mixed into another.
fn write_all(dir: &Path, files: &[(&str, &str)]) -> Result<(), String> {
    let shown = shown(dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {shown}: {e}"))?;
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let has_rules = entries.filter_map(Result::ok).any(|e| {
        e.path()
            .extension()
            .is_some_and(|x| x == "yaml" || x == "yml")
    });
    if has_rules {
        return Err(format!(
            "{shown} already holds .yaml files; name a new or empty folder"
        ));
    }
    for (name, text) in files {
        let path = dir.join(name);
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| format!("cannot create {shown}/{name}: {e}"))?;
        file.write_all(text.as_bytes())
            .map_err(|e| format!("cannot write {shown}/{name}: {e}"))?;
    }
    Ok(())
}
