//! `minutes`: the command-line front end of council-minutes.
//!
//! The library never prints; this binary owns stdout (records only) and stderr (errors,
//! progress, summary). See `cli` for the commands.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
