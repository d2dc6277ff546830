//! Configuration: `claimclash.yaml`, found in the working directory or a parent, or named
//! with `--config`. Command-line flags override it; it overrides the defaults.

use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "claimclash.yaml";

/// The file as written. Paths are relative to the file's folder.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    rules: Option<PathBuf>,
    #[serde(default)]
    extra_rules: Vec<PathBuf>,
    format: Option<String>,
    fail_on: Option<String>,
    color: Option<String>,
    same_time_days: Option<i64>,
}

/// Settings read from a configuration file, with paths made absolute to its folder.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Config {
    pub path: Option<PathBuf>,
    pub rules: Option<PathBuf>,
    pub extra_rules: Vec<PathBuf>,
    pub format: Option<String>,
    pub fail_on: Option<String>,
    pub color: Option<String>,
    pub same_time_days: Option<i64>,
}

/// Parses a configuration text; `dir` is the folder its relative paths start from.
pub fn from_yaml_str(text: &str, dir: &Path, path: &Path) -> Result<Config, String> {
    let file: ConfigFile = if text.trim().is_empty() {
        ConfigFile::default()
    } else {
        serde_yaml::from_str(text).map_err(|e| {
            let at = e
                .location()
                .map(|l| format!(":{}:{}", l.line(), l.column()))
                .unwrap_or_default();
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            format!("{}{at}: {msg}", path.display())
        })?
    };
    let check = |key: &str, value: &Option<String>, allowed: &[&str]| -> Result<(), String> {
        match value {
            Some(v) if !allowed.contains(&v.as_str()) => Err(format!(
                "{}: `{key}: {v}` is not one of {}",
                path.display(),
                allowed.join(", ")
            )),
            _ => Ok(()),
        }
    };
    check(
        "format",
        &file.format,
        &["markdown", "json", "html", "dot", "csv"],
    )?;
    check(
        "fail_on",
        &file.fail_on,
        &["contradiction", "changed", "never"],
    )?;
    check("color", &file.color, &["auto", "always", "never"])?;
    if let Some(d) = file.same_time_days
        && !(0..=3650).contains(&d)
    {
        return Err(format!(
            "{}: `same_time_days` must be between 0 and 3650",
            path.display()
        ));
    }
    Ok(Config {
        path: Some(path.to_path_buf()),
        rules: file.rules.map(|p| dir.join(p)),
        extra_rules: file.extra_rules.into_iter().map(|p| dir.join(p)).collect(),
        format: file.format,
        fail_on: file.fail_on,
        color: file.color,
        same_time_days: file.same_time_days,
    })
}

/// The nearest `claimclash.yaml` in `start` or one of its parents.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// Reads a configuration file.
pub fn read(path: &Path) -> Result<Config, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    from_yaml_str(&text, &dir, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_file() {
        let c = from_yaml_str(
            "rules: pack\nextra_rules: [more]\nformat: json\nsame_time_days: 10\n",
            Path::new("/desk"),
            Path::new("/desk/claimclash.yaml"),
        )
        .expect("valid");
        assert_eq!(c.rules, Some(PathBuf::from("/desk/pack")));
        assert_eq!(c.extra_rules, vec![PathBuf::from("/desk/more")]);
        assert_eq!(c.format.as_deref(), Some("json"));
        assert_eq!(c.same_time_days, Some(10));
    }

    #[test]
    fn bad_values_are_refused_with_the_file() {
        let e = from_yaml_str(
            "format: pdf\n",
            Path::new("/d"),
            Path::new("/d/claimclash.yaml"),
        )
        .expect_err("pdf is no format");
        assert!(e.contains("/d/claimclash.yaml") && e.contains("pdf"), "{e}");
        let e = from_yaml_str(
            "colour: auto\n",
            Path::new("/d"),
            Path::new("/d/claimclash.yaml"),
        )
        .expect_err("unknown key");
        assert!(
            e.contains("unknown field `colour`") && e.contains(":1:1"),
            "{e}"
        );
    }
}
