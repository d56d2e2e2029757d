//! `minutes export sqlite|csv`: records (JSON Lines) → a Datasette-ready database or CSV files.

use super::io::{eprint, parent_dir, temp_beside, Sink};
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use council_minutes::export::{self, sqlite, Records};
use council_minutes::Document;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `minutes export`.
#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    #[command(subcommand)]
    pub format: ExportFormat,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ExportFormat {
    /// Write a SQLite database for Datasette and sqlite-utils (normalised tables, foreign keys,
    /// full-text search) and a metadata.json beside it
    Sqlite(SqliteArgs),
    /// Write one CSV file per table (UTF-8, header row) into a directory
    Csv(CsvArgs),
}

/// Arguments of `minutes export sqlite`.
#[derive(Debug, Args)]
pub(crate) struct SqliteArgs {
    /// The database to write (replaced atomically at the end, unless --upsert)
    #[arg(value_name = "OUT.db")]
    pub output: PathBuf,
    /// Records from `minutes parse --jsonl`; `-` or nothing reads stdin
    #[arg(value_name = "INPUT.jsonl")]
    pub input: Option<PathBuf>,
    /// Add the records to an existing database: new documents are added, documents already in
    /// it replaced when their record changed, so re-exporting the same records adds no duplicates
    #[arg(long)]
    pub upsert: bool,
    /// Where to write Datasette metadata [default: metadata.json beside OUT.db]
    #[arg(long, value_name = "FILE", conflicts_with = "no_metadata")]
    pub metadata: Option<PathBuf>,
    /// Write no metadata file
    #[arg(long)]
    pub no_metadata: bool,
    /// Title of the Datasette instance, in metadata.json
    #[arg(long, value_name = "TEXT", help_heading = "Metadata")]
    pub title: Option<String>,
    /// Where the documents came from, in metadata.json
    #[arg(long, value_name = "TEXT", help_heading = "Metadata")]
    pub source: Option<String>,
    /// Link for --source
    #[arg(long, value_name = "URL", help_heading = "Metadata")]
    pub source_url: Option<String>,
    /// The licence the documents are published under, in metadata.json
    #[arg(long, value_name = "TEXT", help_heading = "Metadata")]
    pub license: Option<String>,
    /// Link for --license
    #[arg(long, value_name = "URL", help_heading = "Metadata")]
    pub license_url: Option<String>,
    /// No summary on stderr (errors are still reported)
    #[arg(short, long)]
    pub quiet: bool,
}

/// Arguments of `minutes export csv`.
#[derive(Debug, Args)]
pub(crate) struct CsvArgs {
    /// The directory to write <table>.csv files into (created if missing; files replaced)
    #[arg(value_name = "OUT_DIR")]
    pub output: PathBuf,
    /// Records from `minutes parse --jsonl`; `-` or nothing reads stdin
    #[arg(value_name = "INPUT.jsonl")]
    pub input: Option<PathBuf>,
    /// No summary on stderr (errors are still reported)
    #[arg(short, long)]
    pub quiet: bool,
}

/// Runs `minutes export`.
pub(crate) fn run(args: &ExportArgs) -> Result<ExitCode> {
    match &args.format {
        ExportFormat::Sqlite(a) => run_sqlite(a),
        ExportFormat::Csv(a) => run_csv(a),
    }
}

/// A records input: a file or stdin.
pub(crate) struct RecordInput {
    pub name: String,
    pub reader: Box<dyn BufRead>,
}

impl RecordInput {
    /// Opens `path` (`None` or `-`: stdin, which must not be a terminal).
    pub(crate) fn open(path: Option<&Path>, subcommand: &str) -> Result<RecordInput> {
        match path {
            None => {
                if io::stdin().is_terminal() {
                    super::usage_error(
                        subcommand,
                        "no records to read: name a JSON Lines file (from `minutes parse --jsonl`) \
                         or pipe records into stdin",
                    );
                }
                Ok(RecordInput::stdin())
            }
            Some(p) if p == Path::new("-") => Ok(RecordInput::stdin()),
            Some(p) => {
                let file = File::open(p).with_context(|| format!("cannot read {}", p.display()))?;
                Ok(RecordInput {
                    name: p.display().to_string(),
                    reader: Box::new(BufReader::with_capacity(256 * 1024, file)),
                })
            }
        }
    }

    fn stdin() -> RecordInput {
        RecordInput {
            name: "<stdin>".into(),
            reader: Box::new(BufReader::with_capacity(256 * 1024, io::stdin())),
        }
    }

    /// Feeds every record to `add`; a line that is not a record is reported on stderr and
    /// skipped. Returns the number of lines skipped.
    pub(crate) fn for_each(
        self,
        mut add: impl FnMut(&Document) -> Result<(), export::Error>,
    ) -> Result<usize> {
        let name = self.name;
        let mut bad = 0;
        for record in Records::new(self.reader) {
            match record {
                Ok(doc) => add(&doc)
                    .with_context(|| format!("cannot export the record of {}", doc_name(&doc)))?,
                Err(e) if matches!(e.kind(), export::ErrorKind::Io(_)) => {
                    return Err(e).with_context(|| format!("cannot read {name}"));
                }
                Err(e) => {
                    bad += 1;
                    eprint(format_args!("minutes: {name}: {e} [{}]", e.code()));
                }
            }
        }
        Ok(bad)
    }
}

fn doc_name(doc: &Document) -> String {
    doc.source.path.clone().unwrap_or_else(|| doc.id.clone())
}

/// Whether `path` holds a SQLite database (by its first bytes).
pub(crate) fn is_sqlite_file(path: &Path) -> bool {
    let mut magic = [0u8; 16];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && &magic == b"SQLite format 3\0"
}

fn run_sqlite(args: &SqliteArgs) -> Result<ExitCode> {
    let start = Instant::now();
    let out = &args.output;
    let exists = out.exists();
    if exists {
        // Never replace (or upsert into) a file that is not one of our databases: the
        // commonest slip is naming the records file first.
        let ours = is_sqlite_file(out)
            && rusqlite::Connection::open_with_flags(
                out,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
            )
            .map_err(export::Error::from)
            .and_then(|c| sqlite::check_ours(&c))
            .is_ok();
        if !ours {
            super::usage_error(
                "export",
                format!(
                    "{} exists and is not a database written by `minutes export sqlite`; \
                     not replacing it",
                    out.display()
                ),
            );
        }
    }
    let input = RecordInput::open(args.input.as_deref(), "export")?;

    let (bad, summary) = if args.upsert && exists {
        let mut db = sqlite::Database::open(out)
            .with_context(|| format!("cannot open {}", out.display()))?;
        let bad = input.for_each(|doc| db.add(doc))?;
        let (conn, summary) = db
            .finish()
            .with_context(|| format!("cannot write {}", out.display()))?;
        conn.close()
            .map_err(|(_, e)| e)
            .with_context(|| format!("cannot write {}", out.display()))?;
        (bad, summary)
    } else {
        let tmp = temp_beside(out, "minutes.db")?;
        let mut db = sqlite::Database::create(tmp.path())
            .with_context(|| format!("cannot create {}", tmp.path().display()))?;
        let bad = input.for_each(|doc| db.add(doc))?;
        let (conn, summary) = db
            .finish()
            .with_context(|| format!("cannot write {}", out.display()))?;
        conn.close()
            .map_err(|(_, e)| e)
            .with_context(|| format!("cannot write {}", out.display()))?;
        // The database was written without a journal or fsync: make it durable before it
        // takes the target's name.
        tmp.as_file()
            .sync_all()
            .with_context(|| format!("cannot write {}", out.display()))?;
        let file = tmp
            .persist(out)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot write {}", out.display()))?;
        readable(&file);
        (bad, summary)
    };

    if !args.no_metadata {
        write_metadata(args)?;
    }
    if !args.quiet {
        let rows = summary
            .rows
            .iter()
            .map(|(t, n)| format!("{n} {t}"))
            .collect::<Vec<_>>()
            .join(", ");
        let replaced = match (summary.replaced, summary.unchanged) {
            (0, 0) => String::new(),
            (r, 0) => format!(" ({r} replaced)"),
            (0, u) => format!(" ({u} unchanged)"),
            (r, u) => format!(" ({r} replaced, {u} unchanged)"),
        };
        eprint(format_args!(
            "minutes: {} records{replaced} → {} in {:.2} s; it now holds {rows}",
            summary.records,
            out.display(),
            start.elapsed().as_secs_f64()
        ));
    }
    Ok(exit_code(bad))
}

fn exit_code(bad: usize) -> ExitCode {
    if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Temporary files are created owner-only; an export is data to share (Datasette may run as
/// another user), so it is made readable like any file written with `>`.
fn readable(file: &File) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = file.set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    #[cfg(not(unix))]
    let _ = file;
}

/// Writes (or updates) the Datasette metadata beside the database.
fn write_metadata(args: &SqliteArgs) -> Result<()> {
    let path = args
        .metadata
        .clone()
        .unwrap_or_else(|| parent_dir(&args.output).join("metadata.json"));
    let existing = match std::fs::read(&path) {
        Ok(bytes) => match serde_json::from_slice::<serde_json::Value>(&bytes) {
            Ok(v) if v.is_object() => Some(v),
            _ => {
                eprint(format_args!(
                    "minutes: {}: not a JSON object; left as it is (use --metadata FILE)",
                    path.display()
                ));
                return Ok(());
            }
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let db_name = args
        .output
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "minutes".into());
    let notes = sqlite::Notes {
        title: args.title.clone(),
        source: args.source.clone(),
        source_url: args.source_url.clone(),
        license: args.license.clone(),
        license_url: args.license_url.clone(),
    };
    let meta = sqlite::datasette_metadata(&db_name, &notes, existing);
    let mut bytes = serde_json::to_vec_pretty(&meta)?;
    bytes.push(b'\n');
    let mut sink = Sink::open(Some(&path))?;
    sink.write_record(&bytes)?;
    sink.finish()
}

fn run_csv(args: &CsvArgs) -> Result<ExitCode> {
    let start = Instant::now();
    let dir = &args.output;
    if dir.exists() && !dir.is_dir() {
        super::usage_error(
            "export",
            format!("{} exists and is not a directory", dir.display()),
        );
    }
    let input = RecordInput::open(args.input.as_deref(), "export")?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut tables = export::csv::Tables::new(|table| {
        tempfile::Builder::new()
            .prefix(&format!(".{table}.csv."))
            .suffix(".partial")
            .tempfile_in(dir)
            .map(|f| io::BufWriter::with_capacity(256 * 1024, f))
            .map_err(export::Error::from)
    })
    .with_context(|| format!("cannot create files in {}", dir.display()))?;
    let mut records = 0u64;
    let bad = input.for_each(|doc| {
        records += 1;
        tables.add(doc)
    })?;
    let files = tables
        .finish()
        .with_context(|| format!("cannot write into {}", dir.display()))?;
    let mut counts = Vec::new();
    for (table, n, writer) in files {
        let target = dir.join(format!("{table}.csv"));
        let tmp = writer
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("cannot write {}", target.display()))?;
        tmp.as_file()
            .sync_all()
            .with_context(|| format!("cannot write {}", target.display()))?;
        let file = tmp
            .persist(&target)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot write {}", target.display()))?;
        readable(&file);
        counts.push(format!("{n} {table}"));
    }
    if !args.quiet {
        eprint(format_args!(
            "minutes: {records} records → {}/*.csv in {:.2} s: {}",
            dir.display(),
            start.elapsed().as_secs_f64(),
            counts.join(", ")
        ));
    }
    Ok(exit_code(bad))
}
