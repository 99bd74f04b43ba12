//! `dossier`: thin command-line edge over the Dossier libraries.
//!
//! Parses arguments, calls the libraries, prints tables for people or JSON
//! for machines, and turns what happened into an exit status: 0 when every
//! input was read, 1 when some input failed, 2 on a usage or store error.

mod claim_views;
mod claims;
mod commands;
mod event_views;
mod events;
mod knowledge;
mod linked_views;
mod linking;
mod output;

use std::process::ExitCode;

use clap::Parser;

use crate::commands::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            if output::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
