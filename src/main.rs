//! The claimclash command line: parses arguments, runs the command, and picks the exit code
//! (0 clean, 1 findings at or above `--fail-on`, 2 could not run).
//!
//! Each command is a module of `cli/`; this file only dispatches to them.

mod cli;

use clap::Parser;
use cli::flags::{Cli, Command, RulesCommand};
use cli::{Failure, Status};
use std::process::ExitCode;

fn main() -> ExitCode {
    cli::output::clean_up_on_signals();
    let outcome = match Cli::parse().command {
        Command::Check(args) => cli::check::run(args),
        Command::Map(args) => cli::map::run(args),
        Command::Reduce(args) => cli::reduce::run(args),
        Command::Tile(args) => cli::tile::run(args),
        Command::Assemble(args) => cli::assemble::run(args),
        Command::Trace {
            text,
            date,
            rules,
            config,
        } => cli::trace::trace(&text, date.as_deref(), &cli::Pack { rules, config }),
        Command::Explain {
            report,
            id,
            rules,
            config,
        } => cli::trace::explain(&report, &id, &cli::Pack { rules, config }),
        Command::Config { config } => cli::config::show(&config),
        Command::Completions { shell } => cli::manual::completions(shell),
        Command::Man => cli::manual::man(),
        Command::Rules { command } => match command {
            RulesCommand::Check { dir, rules, config } => {
                cli::rules::check(dir, cli::Pack { rules, config })
            }
            RulesCommand::Test { dir, rules, config } => {
                cli::rules::test(dir, cli::Pack { rules, config })
            }
            RulesCommand::Suggest {
                inputs,
                rules,
                config,
            } => cli::rules::suggest(&inputs, &cli::Pack { rules, config }),
            RulesCommand::New { dir } => cli::skeleton::new(&dir),
            RulesCommand::Export { dir } => cli::skeleton::export(&dir),
        },
    };
    match outcome {
        Ok(Status::Clean) => ExitCode::SUCCESS,
        Ok(Status::Findings) => ExitCode::from(1),
        Err(Failure::Message(message)) => {
            cli::output::say(&format!(
                "claimclash: {}\n",
                claimclash::printable::cut_values(&message)
            ));
            ExitCode::from(2)
        }
        Err(Failure::Shown) => ExitCode::from(2),
    }
}
