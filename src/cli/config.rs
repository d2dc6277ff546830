//! The settings of a check (flag, else configuration file, else default, with where each
//! came from) and the `config` command that shows them.

use super::flags::{ColorWhen, ConfigArgs, FailOn, Format, OnOff, RuleArgs};
use super::output::{print_out, say};
use super::{Failure, Outcome, Status, pack};
use claimclash::printable;
use clap::ValueEnum;
use std::path::{Path, PathBuf};

/// Settings after flags, configuration file and defaults, with where each came from.
pub struct Resolved {
    pub config: Option<PathBuf>,
    pub rules: RuleArgs,
    pub rules_from: String,
    /// Where each of `rules.extra_rules` comes from.
    pub extra_rules_from: Vec<String>,
    pub format: Format,
    pub format_from: String,
    pub fail_on: FailOn,
    pub fail_on_from: String,
    pub color: ColorWhen,
    pub color_from: String,
    pub same_time_days: Option<i64>,
    /// Whether general claims are read, and where that setting came from.
    pub general: bool,
    pub general_from: String,
}

impl Resolved {
    /// The rule pack these settings name, with their `same_time_days` when they set it.
    pub fn load_rules(&self) -> Result<pack::Loaded, Failure> {
        let mut rules = pack::load(&self.rules)?;
        if let Some(days) = self.same_time_days {
            rules.set_same_time_days(days);
        }
        Ok(rules)
    }
}

/// The settings a command's flags give; `None` (every one, by default) leaves it to the
/// configuration file, else the default.
#[derive(Clone, Copy, Default)]
pub struct Flags {
    pub format: Option<Format>,
    pub fail_on: Option<FailOn>,
    pub color: Option<ColorWhen>,
    pub general: Option<OnOff>,
}

/// Picks each setting from the flag, else the configuration file, else the default.
pub fn resolve(
    config_args: &ConfigArgs,
    rules: &RuleArgs,
    flags: Flags,
) -> Result<Resolved, String> {
    let Flags {
        format,
        fail_on,
        color,
        general,
    } = flags;
    let path = if config_args.isolated {
        None
    } else {
        match &config_args.config {
            Some(p) => Some(p.clone()),
            None => {
                let found = std::env::current_dir()
                    .map(|d| claimclash::config::discover(&d))
                    .unwrap_or_default();
                for (file, why) in &found.untrusted {
                    say(&format!(
                        "claimclash: warning: ignoring {}: {why}; name it with --config to use it\n",
                        printable::cut(&file.to_string_lossy())
                    ));
                }
                found.path
            }
        }
    };
    let cfg = match &path {
        Some(p) => claimclash::config::read(p)?,
        None => claimclash::config::Config::default(),
    };
    let file = shown(path.as_deref());
    let (format, format_from) = pick(format, &cfg.format, Format::Markdown, &file)?;
    let (fail_on, fail_on_from) = pick(fail_on, &cfg.fail_on, FailOn::Contradiction, &file)?;
    let (color, color_from) = pick(color, &cfg.color, ColorWhen::Auto, &file)?;
    let (general, general_from) = pick(general, &cfg.general, OnOff::On, &file)?;
    // Each key on its own: `--rules` replaces the file's `rules:`, and extra rules from the
    // command line come on top of the file's, so neither drops the other without a word.
    let (rules_dir, rules_from) = match (&rules.rules, &cfg.rules) {
        (Some(dir), _) => (Some(dir.clone()), "command line".to_string()),
        (None, Some(dir)) => (Some(dir.clone()), file.clone()),
        (None, None) => (None, "default".to_string()),
    };
    let mut extra_rules: Vec<(PathBuf, String)> = Vec::new();
    let from_file = cfg.extra_rules.iter().map(|d| (d, &file));
    let command_line = "command line".to_string();
    let from_flags = rules.extra_rules.iter().map(|d| (d, &command_line));
    for (dir, from) in from_file.chain(from_flags) {
        if !extra_rules.iter().any(|(d, _)| same_dir(d, dir)) {
            extra_rules.push((dir.clone(), from.clone()));
        }
    }
    let rules = RuleArgs {
        rules: rules_dir,
        extra_rules: extra_rules.iter().map(|(d, _)| d.clone()).collect(),
    };
    Ok(Resolved {
        config: path,
        rules,
        rules_from,
        extra_rules_from: extra_rules.into_iter().map(|(_, from)| from).collect(),
        format,
        format_from,
        fail_on,
        fail_on_from,
        color,
        color_from,
        same_time_days: cfg.same_time_days,
        general: general == OnOff::On,
        general_from,
    })
}

/// Whether two rule folders are the same folder (a folder named twice is read once).
fn same_dir(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
}

/// A configuration file's name as messages show it; empty when there is none.
fn shown(path: Option<&Path>) -> String {
    path.map(|p| p.display().to_string()).unwrap_or_default()
}

/// One setting and where it came from: the flag, else the file's text, else the default.
fn pick<T: ValueEnum + Copy>(
    flag: Option<T>,
    conf: &Option<String>,
    default: T,
    file: &str,
) -> Result<(T, String), String> {
    if let Some(v) = flag {
        return Ok((v, "command line".into()));
    }
    if let Some(text) = conf {
        let v = T::from_str(text, true).map_err(|e| format!("{file}: {e}"))?;
        return Ok((v, file.to_string()));
    }
    Ok((default, "default".into()))
}

/// `claimclash config`: the settings a check would use and where each comes from: the
/// command line, the configuration file, the rule pack's file and line, or the default.
pub fn show(config: &ConfigArgs) -> Outcome {
    let r = resolve(config, &RuleArgs::default(), Flags::default())?;
    let file = shown(r.config.as_deref());
    let rules = match &r.rules.rules {
        Some(dir) => format!("{} ({})", dir.display(), r.rules_from),
        None => "the bundled pack (built into the binary; default)".to_string(),
    };
    let extra: Vec<String> = r
        .rules
        .extra_rules
        .iter()
        .zip(&r.extra_rules_from)
        .map(|(p, from)| format!("{} ({from})", p.display()))
        .collect();
    let mut rows: Vec<(String, String)> = vec![
        (
            "config file".into(),
            r.config
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "none".into()),
        ),
        ("rules".into(), rules),
        (
            "extra_rules".into(),
            if extra.is_empty() {
                "none".into()
            } else {
                extra.join(", ")
            },
        ),
        (
            "format".into(),
            format!("{} ({})", value_name(r.format), r.format_from),
        ),
        (
            "fail_on".into(),
            format!("{} ({})", value_name(r.fail_on), r.fail_on_from),
        ),
        (
            "color".into(),
            format!("{} ({})", value_name(r.color), r.color_from),
        ),
        (
            "general".into(),
            format!(
                "{} ({})",
                if r.general { "on" } else { "off" },
                r.general_from
            ),
        ),
    ];
    // The pack's settings, each from the file and line that gave it; `same_time_days` of
    // the configuration file comes on top.
    let pack = pack::load(&r.rules)?;
    for (n, key) in claimclash::rules::compile::SETTING_KEYS.iter().enumerate() {
        let value = claimclash::rules::compile::setting_text(&pack.settings, n);
        let from = pack
            .settings_from
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, o)| format!("rule pack, {o}"))
            .unwrap_or_else(|| "default".into());
        let row = match (n, r.same_time_days) {
            (0, Some(days)) => format!("{days} ({file}; the rule pack says {value}, {from})"),
            _ => format!("{value} ({from})"),
        };
        rows.push((key.to_string(), row));
    }
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0) + 2;
    let out: String = rows
        .iter()
        .map(|(k, v)| format!("{k:width$}{}\n", printable::escape_controls(v)))
        .collect();
    print_out(&out)?;
    Ok(Status::Clean)
}

/// A setting's value as the flag spells it.
fn value_name(value: impl ValueEnum) -> String {
    value
        .to_possible_value()
        .map(|p| p.get_name().to_string())
        .unwrap_or_default()
}
