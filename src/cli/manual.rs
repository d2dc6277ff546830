//! `claimclash completions` and `claimclash man`: shell completions and the man page, made
//! from the flags.

use super::flags::Cli;
use super::output::print_out;
use super::{Outcome, Status};
use clap::CommandFactory;

/// Prints the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Outcome {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "claimclash", &mut out);
    print_out(&String::from_utf8_lossy(&out))?;
    Ok(Status::Clean)
}

/// Prints the man page as roff.
pub fn man() -> Outcome {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| format!("cannot write the man page: {e}"))?;
    print_out(&String::from_utf8_lossy(&out))?;
    Ok(Status::Clean)
}
