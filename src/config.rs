//! Configuration: `claimclash.yaml`, found in the working directory or a parent, or named
//! with `--config`. Command-line flags override it; it overrides the defaults.

use serde::Deserialize;
use std::os::unix::fs::MetadataExt;
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
    general: Option<String>,
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
    /// `on` or `off`: whether general claims are read.
    pub general: Option<String>,
}

/// Parses a configuration text; `dir` is the folder its relative paths start from.
pub fn from_yaml_str(text: &str, dir: &Path, path: &Path) -> Result<Config, String> {
    let file: ConfigFile = if text.trim().is_empty() {
        ConfigFile::default()
    } else {
        if let Err(deep) = crate::yaml::check_depth(text) {
            return Err(format!(
                "{}:{}:{}: {deep}",
                path.display(),
                deep.line,
                deep.column
            ));
        }
        serde_yaml::from_str(text).map_err(|e| {
            let at = e
                .location()
                .map(|l| format!(":{}:{}", l.line(), l.column()))
                .unwrap_or_default();
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            format!("{}{at}: {}", path.display(), nearest_key(&msg))
        })?
    };
    let check = |key: &str, value: &Option<String>, allowed: &[&str]| -> Result<(), String> {
        match value {
            Some(v) if !allowed.contains(&v.as_str()) => Err(format!(
                "{}: `{key}: {}` is not one of {}",
                path.display(),
                crate::printable::cut(v),
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
    check("general", &file.general, &["on", "off"])?;
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
        general: file.general,
    })
}

/// serde's "unknown field `formt`, expected one of …" with the nearest known key.
fn nearest_key(msg: &str) -> String {
    let Some(rest) = msg.strip_prefix("unknown field `") else {
        return msg.to_string();
    };
    let key = rest.split('`').next().unwrap_or("");
    let known: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
    let hint = match crate::rules::diagnostic::nearest(key, known.iter().copied()) {
        Some(k) => format!("; did you mean `{k}`?"),
        None => String::new(),
    };
    format!(
        "unknown key `{key}`{hint} (known keys: {})",
        known.join(", ")
    )
}

/// The largest configuration file read.
pub const MAX_BYTES: u64 = 1 << 20;

/// What looking for a configuration file found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Discovered {
    /// The nearest file that can be trusted.
    pub path: Option<PathBuf>,
    /// Nearer files passed over, each with why it is not trusted.
    pub untrusted: Vec<(PathBuf, String)>,
}

/// The nearest `claimclash.yaml` in `start` or one of its parents that can be trusted.
///
/// The search stops at a repository's top folder (one holding `.git`) and at the edge of the
/// file system `start` is on. A file is trusted when it, and the link naming it if it is one,
/// belong to the user running claimclash or to root, others cannot write it, and others
/// cannot write its folder either (unless the folder is sticky, as `/tmp` is): anyone who
/// could plant or change it could otherwise choose the rule pack of the check. A file named
/// with `--config` is trusted: the user chose it.
pub fn discover(start: &Path) -> Discovered {
    let me = rustix::process::geteuid().as_raw();
    let device = std::fs::metadata(start).map(|m| m.dev()).ok();
    let mut found = Discovered::default();
    for dir in start.ancestors() {
        if std::fs::metadata(dir).map(|m| m.dev()).ok() != device {
            break;
        }
        let file = dir.join(FILE_NAME);
        if std::fs::symlink_metadata(&file).is_ok() {
            match distrust(&file, dir, me) {
                None => {
                    found.path = Some(file);
                    return found;
                }
                Some(why) => found.untrusted.push((file, why)),
            }
        }
        if std::fs::symlink_metadata(dir.join(".git")).is_ok() {
            break;
        }
    }
    found
}

/// Why a configuration file found by discovery cannot be trusted; `None` when it can.
fn distrust(file: &Path, dir: &Path, me: u32) -> Option<String> {
    let trusted = |uid: u32| uid == me || uid == 0;
    let link = std::fs::symlink_metadata(file).ok()?;
    if link.file_type().is_symlink() && !trusted(link.uid()) {
        return Some(format!("it is a link that belongs to user {}", link.uid()));
    }
    let Ok(meta) = std::fs::metadata(file) else {
        return Some("it cannot be read".into());
    };
    if !meta.is_file() {
        return Some(format!("it is {}", crate::files::kind(meta.file_type())));
    }
    if !trusted(meta.uid()) {
        return Some(format!("it belongs to user {}", meta.uid()));
    }
    if meta.mode() & 0o002 != 0 {
        return Some("every user can write it".into());
    }
    let folder = std::fs::metadata(dir).ok()?;
    if !trusted(folder.uid()) {
        return Some(format!("its folder belongs to user {}", folder.uid()));
    }
    if folder.mode() & 0o002 != 0 && folder.mode() & 0o1000 == 0 {
        return Some("every user can write its folder".into());
    }
    None
}

/// Reads a configuration file.
pub fn read(path: &Path) -> Result<Config, String> {
    let text = crate::files::read_regular_text(path, MAX_BYTES)
        .map_err(|e| format!("{}: {e}", crate::printable::cut(&path.to_string_lossy())))?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    from_yaml_str(&text, &dir, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` as the `claimclash.yaml` of the folder `dir`.
    fn config_in(dir: &str, text: &str) -> Result<Config, String> {
        let dir = Path::new(dir);
        from_yaml_str(text, dir, &dir.join("claimclash.yaml"))
    }

    #[test]
    fn paths_are_relative_to_the_file() {
        let text = "rules: pack\nextra_rules: [more]\nformat: json\nsame_time_days: 10\n";
        let c = config_in("/desk", text).expect("valid");
        assert_eq!(c.rules, Some(PathBuf::from("/desk/pack")));
        assert_eq!(c.extra_rules, vec![PathBuf::from("/desk/more")]);
        assert_eq!(c.format.as_deref(), Some("json"));
        assert_eq!(c.same_time_days, Some(10));
    }

    #[test]
    fn bad_values_are_refused_with_the_file() {
        let e = config_in("/d", "format: pdf\n").expect_err("pdf is no format");
        assert!(e.contains("/d/claimclash.yaml") && e.contains("pdf"), "{e}");
        let e = config_in("/d", "colour: auto\n").expect_err("unknown key");
        assert!(
            e.contains("unknown key `colour`; did you mean `color`?") && e.contains(":1:1"),
            "{e}"
        );
    }
}
