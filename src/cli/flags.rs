//! The command line's flags: the clap definitions of every command and its arguments.
//!
//! A new command starts here, as a variant of [`Command`] (or [`RulesCommand`]).

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The most worker threads `--jobs` accepts.
pub const MAX_JOBS: i64 = 1024;

#[derive(Parser)]
#[command(
    name = "claimclash",
    version,
    about = "Find contradictions in the news: attributed claims, grouped by subject, conflicts with evidence"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check a corpus of articles for conflicting claims.
    Check(CheckArgs),
    /// Map articles (JSON lines on standard input) to claims under their blocking keys:
    /// `KEY<TAB>CLAIM` lines, `#article` and `#problem` lines, and a `#stats` trailer.
    /// `map | LC_ALL=C sort -t$'\t' -k1,1 -s | reduce | assemble` makes the report of `check`.
    Map(MapArgs),
    /// Reduce claim lines grouped by key (any order inside a group) to findings; claims and
    /// `#` lines pass on, and a `#stats` trailer ends the output.
    Reduce(StepArgs),
    /// Split the blocks that are larger than the pack's `max_block_claims` into tiles:
    /// each claim line of such a key goes to every tile of its chunk, so one block's work
    /// spreads over many reduce tasks.
    Tile(TileArgs),
    /// Assemble the lines of map and reduce (any order) into the report, as `check` writes it.
    Assemble(AssembleArgs),
    /// Show step by step how a sentence becomes claims, or why it does not.
    Trace {
        /// The text to trace (one or more sentences).
        text: String,
        /// The date to resolve times against (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
        #[command(flatten)]
        rules: RuleArgs,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Explain a conflict, agreement or claim of a saved JSON report: which rules made each
    /// claim and which comparison gave the verdict.
    Explain {
        /// A report written by `check --format json`.
        report: PathBuf,
        /// The id of a conflict, agreement or claim in it.
        id: String,
        #[command(flatten)]
        rules: RuleArgs,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Show the settings a check would use and where each comes from.
    Config {
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Print shell completions for bash, zsh, fish, elvish or powershell.
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff).
    Man,
    /// Work with the rule pack.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Subcommand)]
pub enum RulesCommand {
    /// Validate a rule pack (the bundled one when no directory is given), with the
    /// extensions given by --extra-rules; list what each extension changes.
    Check {
        /// Rule directory of *.yaml files (the same as --rules DIR).
        dir: Option<PathBuf>,
        #[command(flatten)]
        rules: RuleArgs,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Run the examples every rule of the pack (with its extensions) carries; exit 1 if any
    /// fails.
    Test {
        /// Rule directory of *.yaml files (the same as --rules DIR).
        dir: Option<PathBuf>,
        #[command(flatten)]
        rules: RuleArgs,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Read a corpus and propose YAML to paste: unknown speakers and organisations,
    /// spelling variants of aliases, phrases next to triggers, and predicates for sentences
    /// that are said, denied or disputed but make no claim.
    Suggest {
        /// Article files or directories.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        rules: RuleArgs,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Write a commented skeleton extension into DIR (one entity, one family with two
    /// opposite predicates, their examples), which passes `rules test --extra-rules DIR`.
    New {
        /// The folder to write (created if missing; it must hold no .yaml file yet).
        dir: PathBuf,
    },
    /// Write the bundled rule pack into DIR, to start a pack of your own from it.
    Export {
        /// The folder to write (created if missing; it must hold no .yaml file yet).
        dir: PathBuf,
    },
}

#[derive(clap::Args, Clone, Default)]
pub struct RuleArgs {
    /// Use the rule pack in this directory instead of the bundled one.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Add the rules in this directory to the pack (may be repeated).
    #[arg(long = "extra-rules", value_name = "DIR")]
    pub extra_rules: Vec<PathBuf>,
}

/// What report to write and where: the options `check` and `assemble` share.
#[derive(clap::Args)]
pub struct ReportArgs {
    /// Report format [default: markdown].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// How findings are listed in Markdown, HTML and CSV: one card per dispute (a
    /// proposition with its sides), or one per pair of sentences. JSON has both.
    #[arg(long, value_enum, default_value = "disputes")]
    pub group: GroupBy,
    /// Write the report to this file instead of standard output (- or /dev/stdout: standard
    /// output). Only a regular file is replaced, keeping its mode; a device, FIFO, socket,
    /// folder or link is refused, and so is an article of the inputs.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Article files, directories (walked recursively), or - for standard input.
    #[arg(value_name = "INPUTS")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
    #[command(flatten)]
    pub report: ReportArgs,
    /// Worker threads, 1 to 1024 (default: one per core).
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=MAX_JOBS))]
    pub jobs: Option<u16>,
    /// Which findings make the exit code 1 [default: contradiction].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Read general claims through the language layer, beside the pack's beat claims
    /// [default: on]; off reports beat claims only.
    #[arg(long, value_enum, value_name = "ON|OFF")]
    pub general: Option<OnOff>,
    /// Print per-stage timings and throughput to standard error.
    #[arg(long)]
    pub stats: bool,
    /// Compare the findings with a saved JSON report and print what changed (exit 1 if
    /// anything did), instead of printing the report; --output takes the list of changes,
    /// and --format does not apply.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// With --baseline: save this run's JSON report as the new baseline.
    #[arg(long, requires = "baseline", conflicts_with = "output")]
    pub update_baseline: bool,
    /// Colour in the terminal: auto (when standard output is a terminal and NO_COLOR is not
    /// set), always or never [default: auto].
    #[arg(long, value_enum)]
    pub color: Option<ColorWhen>,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Keep running: when an article or a rule file changes, check again and print what
    /// changed since the last run. Stop with Ctrl-C.
    #[arg(long, conflicts_with_all = ["baseline", "output"])]
    pub watch: bool,
}

/// What every step of the line protocol takes: the rule pack and worker threads.
#[derive(clap::Args)]
pub struct StepArgs {
    #[command(flatten)]
    pub rules: RuleArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Worker threads, 1 to 1024 (default: one per core); under Spark, `spark.task.cpus`.
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=MAX_JOBS))]
    pub jobs: Option<u16>,
}

#[derive(clap::Args)]
pub struct MapArgs {
    #[command(flatten)]
    pub step: StepArgs,
    /// The file name the articles and problems are given under, as `check FILE` names it.
    #[arg(long, value_name = "FILE", default_value = "-")]
    pub name: String,
    /// The line of that file standard input starts at (a partition's first line).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
    pub first_line: u64,
    /// Read general claims, as `check --general` [default: on].
    #[arg(long, value_enum, value_name = "ON|OFF")]
    pub general: Option<OnOff>,
}

#[derive(clap::Args)]
pub struct TileArgs {
    #[command(flatten)]
    pub step: StepArgs,
    /// Claims per key over the whole corpus, one `KEY<TAB>COUNT` a line.
    #[arg(long, value_name = "FILE")]
    pub counts: PathBuf,
}

#[derive(clap::Args)]
pub struct AssembleArgs {
    /// Files of lines from map and reduce (default: standard input).
    #[arg(value_name = "INPUTS")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
    #[command(flatten)]
    pub report: ReportArgs,
    /// Which findings make the exit code 1 [default: contradiction].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Colour in the terminal [default: auto].
    #[arg(long, value_enum)]
    pub color: Option<ColorWhen>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(clap::Args, Clone)]
pub struct ConfigArgs {
    /// Read settings from this file instead of the nearest claimclash.yaml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Read no configuration file.
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Markdown,
    Json,
    /// One self-contained page with a picture of the subject graph.
    Html,
    /// The subject graph for Graphviz.
    Dot,
    /// One conflict a row, for spreadsheets.
    Csv,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupBy {
    /// One card per proposition: its sides, who takes each, when.
    Disputes,
    /// One card per pair of conflicting or agreeing sentences.
    Pairs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Exit 1 when a contradiction is found.
    Contradiction,
    /// Exit 1 on a contradiction or a change over time.
    Changed,
    /// Exit 0 whatever is found.
    Never,
}
