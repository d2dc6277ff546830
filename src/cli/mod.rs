//! The commands of the `claimclash` binary, one module each, and how a command ends.
//!
//! Adding a command: a variant in [`flags::Command`] (or [`flags::RulesCommand`]), a module
//! here with a function that takes the parsed arguments and returns an [`Outcome`], and an
//! arm in `main.rs` that calls it. Shared pieces: [`pack`] loads the rule pack the flags
//! name, [`config`] resolves the settings of a check, [`output`] writes reports and messages.

pub mod assemble;
pub mod baseline;
pub mod check;
pub mod config;
pub mod flags;
pub mod manual;
pub mod map;
pub mod output;
pub mod pack;
pub mod reduce;
pub mod rules;
pub mod skeleton;
pub mod stream;
pub mod tile;
pub mod trace;
pub mod watch;

/// The rule pack flags of a command other than `check`, resolved as `check` resolves them:
/// `--rules` and `--extra-rules` on top of `claimclash.yaml`.
pub struct Pack {
    pub rules: flags::RuleArgs,
    pub config: flags::ConfigArgs,
}

impl Pack {
    /// The settings these flags and the configuration file give.
    pub fn resolve(&self) -> Result<config::Resolved, Failure> {
        Ok(config::resolve(
            &self.config,
            &self.rules,
            config::Flags::default(),
        )?)
    }

    /// The rule pack, compiled, with `claimclash.yaml`'s `same_time_days` when it sets one.
    pub fn load(&self) -> Result<pack::Loaded, Failure> {
        self.resolve()?.load_rules()
    }
}

/// What a command that ran found; `main` makes it exit code 0 or 1.
pub enum Status {
    /// Nothing that fails: exit 0.
    Clean,
    /// Findings at or above `--fail-on`, changes against a baseline, or failing rule
    /// examples: exit 1.
    Findings,
}

impl Status {
    pub fn findings_if(found: bool) -> Status {
        if found {
            Status::Findings
        } else {
            Status::Clean
        }
    }
}

/// Why a command could not run; `main` makes it exit code 2.
pub enum Failure {
    /// Said on standard error as `claimclash: {message}`.
    Message(String),
    /// Already on standard error (the rule pack's diagnostics).
    Shown,
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Message(message)
    }
}

impl From<&str> for Failure {
    fn from(message: &str) -> Failure {
        Failure::Message(message.to_string())
    }
}

/// How a command ended.
pub type Outcome = Result<Status, Failure>;
