//! The `minutes` command line: argument definitions and dispatch.
//!
//! Exit codes: 0 when every input gave a record, 1 when some inputs failed (the records of the
//! others are still written), 2 on a usage error or when the run itself could not go on (an
//! unwritable output file, an unreadable `--files-from` list).

mod batch;
mod export;
mod extract;
mod inputs;
mod io;
mod known;
mod parse;
mod query;
mod report;
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
    /// Export records to a Datasette-ready SQLite database or to CSV files
    Export(export::ExportArgs),
    /// Find resolutions, recommendations, decisions, concerns and votes, with citations
    Query(query::QueryArgs),
    /// Extract one PDF under limits (run by `minutes` itself, one process per PDF)
    #[command(name = "__pdf-worker", hide = true)]
    PdfWorker,
}

/// Per-file limits on PDF extraction, which runs in a worker process per PDF.
#[derive(Debug, Args)]
pub(crate) struct LimitArgs {
    /// Stop extracting a PDF after SECS seconds; it becomes a `timeout` error
    /// [default: 10 s + 0.2 s per page, at most 120 s]
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..), help_heading = "Limits (per PDF)")]
    pub timeout: Option<u64>,
    /// Cap the memory of a PDF's extraction at BYTES (suffixes K, M, G); over it the PDF becomes a
    /// `memory-limit` error [default: 2G]
    #[arg(long, value_name = "BYTES", value_parser = extract::parse_bytes_arg, help_heading = "Limits (per PDF)")]
    pub max_memory: Option<u64>,
}

/// Arguments of `minutes parse`.
#[derive(Debug, Args)]
pub(crate) struct ParseArgs {
    /// Input files and directories (walked recursively, in sorted order); `-` reads one
    /// document from stdin
    #[arg(value_name = "PATH", required_unless_present = "files_from")]
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
    /// Read more input paths from FILE (`-` for stdin), one per line
    #[arg(long, value_name = "FILE", help_heading = "Batch")]
    pub files_from: Option<PathBuf>,
    /// The --files-from list is NUL-separated (find -print0)
    #[arg(
        short = '0',
        long = "null",
        requires = "files_from",
        help_heading = "Batch"
    )]
    pub null: bool,
    /// Only files matching PATTERN in walked directories (relative to the directory named);
    /// a leading `!` excludes; repeatable
    #[arg(long, value_name = "PATTERN", help_heading = "Batch")]
    pub glob: Vec<String>,
    /// Also walk hidden files and directories (names starting with `.`)
    #[arg(long, help_heading = "Batch")]
    pub hidden: bool,
    /// Parse N inputs at a time [default: available cores]
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..), help_heading = "Batch")]
    pub jobs: Option<u16>,
    /// Output order
    #[arg(long, value_enum, default_value_t = batch::Order::Input, help_heading = "Batch")]
    pub order: batch::Order,
    /// Take only the K-th of N contiguous shards of the input list (1-based); the outputs of
    /// shards 1..N concatenated equal the output of the whole list
    #[arg(long, value_name = "K/N", value_parser = parse_shard, help_heading = "Batch")]
    pub shard: Option<inputs::Shard>,
    /// Skip inputs whose SHA-256 is already in FILE (an earlier JSON Lines output)
    #[arg(long, value_name = "FILE", help_heading = "Batch")]
    pub skip_known: Option<PathBuf>,
    /// No progress bar and no summary (errors are still reported)
    #[arg(short, long, help_heading = "Batch")]
    pub quiet: bool,
    #[command(flatten)]
    pub limits: LimitArgs,
}

fn parse_shard(s: &str) -> Result<inputs::Shard, String> {
    inputs::parse_shard(s).map_err(|e| format!("{e:#}"))
}

/// Arguments of `minutes text`.
#[derive(Debug, Args)]
pub(crate) struct TextArgs {
    /// Input file; `-` reads stdin
    #[arg(value_name = "PATH")]
    pub input: PathBuf,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Runs the command line and returns the process exit code.
pub(crate) fn main() -> ExitCode {
    let cli = Cli::parse();
    if !matches!(cli.command, Command::PdfWorker) {
        batch::quiet_worker_panics();
    }
    let result = match cli.command {
        Command::Parse(args) => parse::run(&args),
        Command::Text(args) => text::run_text(&args),
        Command::Schema => text::run_schema(),
        Command::Export(args) => export::run(&args),
        Command::Query(args) => query::run(&args),
        Command::PdfWorker => {
            let code = council_minutes::worker::worker_main();
            return ExitCode::from(u8::try_from(code).unwrap_or(1));
        }
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

/// Exits with clap's usage-error formatting and the usage of `minutes <subcommand>` (exit 2).
pub(crate) fn usage_error(subcommand: &str, message: impl std::fmt::Display) -> ! {
    let mut cmd = Cli::command();
    cmd.build();
    match cmd.find_subcommand_mut(subcommand) {
        Some(sub) => sub
            .error(clap::error::ErrorKind::ValueValidation, message)
            .exit(),
        None => cmd
            .error(clap::error::ErrorKind::ValueValidation, message)
            .exit(),
    }
}
