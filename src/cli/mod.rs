//! The `minutes` command line: argument definitions and dispatch.
//!
//! Exit codes: 0 when every input gave a record, 1 when some inputs failed (the records of the
//! others are still written), 2 on a usage error or when the run itself could not go on (an
//! unwritable output file, an unreadable `--files-from` list).

mod io;
mod parse;
mod text;

use clap::{Args, CommandFactory, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Turns local-government meeting minutes (text, PDF) into typed JSON records.
#[derive(Debug, Parser)]
#[command(name = "minutes", version, about, max_term_width = 100)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse documents into records: pretty JSON for one input, JSON Lines for several
    Parse(ParseArgs),
    /// Print the source text of a document: the text that record spans index into
    Text(TextArgs),
    /// Print the JSON Schema of a record
    Schema,
}

/// Arguments of `minutes parse`.
#[derive(Debug, Args)]
pub(crate) struct ParseArgs {
    /// Input files; `-` reads one document from stdin
    #[arg(value_name = "PATH", required = true)]
    pub inputs: Vec<PathBuf>,
    /// Write JSON Lines (one record per line) even for a single input
    #[arg(long)]
    pub jsonl: bool,
    /// Write records to FILE instead of stdout (replaced atomically at the end of the run)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write one JSON line per failed input to FILE
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
}

/// Arguments of `minutes text`.
#[derive(Debug, Args)]
pub(crate) struct TextArgs {
    /// Input file; `-` reads stdin
    #[arg(value_name = "PATH")]
    pub input: PathBuf,
}

/// Runs the command line and returns the process exit code.
pub(crate) fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => parse::run(&args),
        Command::Text(args) => text::run_text(&args),
        Command::Schema => text::run_schema(),
    };
    match result {
        Ok(code) => code,
        Err(err) if io::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            io::eprint(format_args!("minutes: error: {err:#}"));
            ExitCode::from(2)
        }
    }
}

/// Exits with clap's usage-error formatting (exit code 2).
#[allow(dead_code)]
pub(crate) fn usage_error(message: impl std::fmt::Display) -> ! {
    Cli::command()
        .error(clap::error::ErrorKind::ArgumentConflict, message)
        .exit()
}
