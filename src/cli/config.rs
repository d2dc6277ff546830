//! The settings of a check (flag, else configuration file, else default, with where each
//! came from) and the `config` command that shows them.

use super::flags::{ColorWhen, ConfigArgs, FailOn, Format, RuleArgs};
use super::output::print_or_quit;
use super::{Failure, Outcome, Status, pack};
use claimclash::rules::RuleSet;
use clap::ValueEnum;
use std::path::{Path, PathBuf};

/// Settings after flags, configuration file and defaults, with where each came from.
pub struct Resolved {
    pub config: Option<PathBuf>,
    pub rules: RuleArgs,
    pub rules_from: String,
    pub format: Format,
    pub format_from: String,
    pub fail_on: FailOn,
    pub fail_on_from: String,
    pub color: ColorWhen,
    pub color_from: String,
    pub same_time_days: Option<i64>,
}

impl Resolved {
    /// The rule pack these settings name, with their `same_time_days` when they set it.
    pub fn load_rules(&self) -> Result<RuleSet, Failure> {
        let mut rules = pack::load(&self.rules)?;
        if let Some(days) = self.same_time_days {
            rules.set_same_time_days(days);
        }
        Ok(rules)
    }
}

/// Picks each setting from the flag, else the configuration file, else the default.
pub fn resolve(
    config_args: &ConfigArgs,
    rules: &RuleArgs,
    format: Option<Format>,
    fail_on: Option<FailOn>,
    color: Option<ColorWhen>,
) -> Result<Resolved, String> {
    let path = if config_args.isolated {
        None
    } else {
        match &config_args.config {
            Some(p) => Some(p.clone()),
            None => std::env::current_dir()
                .ok()
                .and_then(|d| claimclash::config::discover(&d)),
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
    let (rules, rules_from) = if rules.rules.is_some() || !rules.extra_rules.is_empty() {
        (rules.clone(), "command line".to_string())
    } else if cfg.rules.is_some() || !cfg.extra_rules.is_empty() {
        (
            RuleArgs {
                rules: cfg.rules.clone(),
                extra_rules: cfg.extra_rules.clone(),
            },
            file.clone(),
        )
    } else {
        (RuleArgs::default(), "default".to_string())
    };
    Ok(Resolved {
        config: path,
        rules,
        rules_from,
        format,
        format_from,
        fail_on,
        fail_on_from,
        color,
        color_from,
        same_time_days: cfg.same_time_days,
    })
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

/// `claimclash config`: the settings a check would use and where each comes from.
pub fn show(config: &ConfigArgs) -> Outcome {
    let r = resolve(config, &RuleArgs::default(), None, None, None)?;
    let rules = match &r.rules.rules {
        Some(dir) => dir.display().to_string(),
        None => "the bundled pack".to_string(),
    };
    let extra: Vec<String> = r
        .rules
        .extra_rules
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let mut out = format!(
        "config file     {}\n",
        r.config
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "none".into())
    );
    out.push_str(&format!("rules           {rules} ({})\n", r.rules_from));
    out.push_str(&format!(
        "extra_rules     {} ({})\n",
        if extra.is_empty() {
            "none".into()
        } else {
            extra.join(", ")
        },
        r.rules_from
    ));
    out.push_str(&format!(
        "format          {} ({})\n",
        value_name(r.format),
        r.format_from
    ));
    out.push_str(&format!(
        "fail_on         {} ({})\n",
        value_name(r.fail_on),
        r.fail_on_from
    ));
    out.push_str(&format!(
        "color           {} ({})\n",
        value_name(r.color),
        r.color_from
    ));
    match r.same_time_days {
        Some(d) => out.push_str(&format!(
            "same_time_days  {d} ({})\n",
            shown(r.config.as_deref())
        )),
        None => out.push_str("same_time_days  from the rule pack's settings\n"),
    }
    print_or_quit(&out);
    Ok(Status::Clean)
}

/// A setting's value as the flag spells it.
fn value_name(value: impl ValueEnum) -> String {
    value
        .to_possible_value()
        .map(|p| p.get_name().to_string())
        .unwrap_or_default()
}
