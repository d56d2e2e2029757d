//! `minutes parse`: inputs → records on stdout (or `-o FILE`), failures on stderr.

use super::batch;
use super::extract::Extractor;
use super::inputs::{self, Filter, Input};
use super::io::Sink;
use super::known::{self, Digest};
use super::report::{Failure, Reporter};
use super::ParseArgs;
use anyhow::Result;
use council_minutes::{Document, Options};
use sha2::Sha256;
use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;

/// How a record is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Indented JSON (a single input).
    Pretty,
    /// One compact record per line.
    Lines,
}

/// What one input gave.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// A serialised record, ending in a newline.
    Record(Vec<u8>),
    Failed(Box<Failure>),
    /// Its hash is in `--skip-known`.
    Skipped,
}

/// Everything a worker needs besides the input.
#[derive(Debug)]
struct Work<'a> {
    layout: Layout,
    known: Option<&'a HashSet<Digest>>,
    extractor: &'a Extractor,
}

fn sha256(bytes: &[u8]) -> Digest {
    use sha2::Digest as _;
    Sha256::digest(bytes).into()
}

pub(crate) fn failure(
    input: &Input,
    bytes: Option<&[u8]>,
    err: &council_minutes::Error,
) -> Failure {
    Failure {
        kind: "error",
        path: input.record_path(),
        sha256: bytes.map(|b| known::to_hex(&sha256(b))),
        code: err.code().to_owned(),
        message: err.to_string(),
    }
}

impl Work<'_> {
    /// Reads, parses and serialises one input. Never panics: a panic in the parser (a bug)
    /// becomes a failed input, so one bad document cannot stop a batch.
    fn run(&self, input: &Input) -> Outcome {
        let bytes = match input.read() {
            Ok(b) => b,
            Err(e) => {
                return Outcome::Failed(Box::new(failure(input, None, &e.into())));
            }
        };
        if let Some(known) = self.known {
            if known.contains(&sha256(&bytes)) {
                return Outcome::Skipped;
            }
        }
        let options = match input.record_path() {
            Some(p) => Options::with_path(p),
            None => Options::default(),
        };
        batch::last_panic();
        let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.extractor.parse(&bytes, &options)
        }));
        let internal = |message: String| {
            Outcome::Failed(Box::new(Failure {
                kind: "error",
                path: input.record_path(),
                sha256: Some(known::to_hex(&sha256(&bytes))),
                code: "internal".into(),
                message,
            }))
        };
        match parsed {
            Ok(Ok(doc)) => match serialise(&doc, self.layout) {
                Ok(record) => Outcome::Record(record),
                Err(e) => internal(format!("cannot serialise the record: {e}")),
            },
            Ok(Err(e)) => Outcome::Failed(Box::new(failure(input, Some(&bytes), &e))),
            Err(panic) => {
                let what = batch::last_panic().unwrap_or_else(|| {
                    panic
                        .downcast_ref::<&str>()
                        .map(|s| (*s).to_owned())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_default()
                });
                internal(format!("the parser failed on this input (a bug): {what}"))
            }
        }
    }
}

/// A record as bytes, ending in a newline.
fn serialise(doc: &Document, layout: Layout) -> serde_json::Result<Vec<u8>> {
    let mut out = match layout {
        Layout::Pretty => serde_json::to_vec_pretty(doc)?,
        Layout::Lines => serde_json::to_vec(doc)?,
    };
    out.push(b'\n');
    Ok(out)
}

/// Runs `minutes parse`.
pub(crate) fn run(args: &ParseArgs) -> Result<ExitCode> {
    let stdin_operands = args.inputs.iter().filter(|p| *p == Path::new("-")).count();
    let list_on_stdin = args.files_from.as_deref() == Some(Path::new("-"));
    if stdin_operands + usize::from(list_on_stdin) > 1 {
        super::usage_error(
            "parse",
            "stdin (`-`) can be read only once: as one document or as the --files-from list",
        );
    }
    let filter = match Filter::new(&args.glob, args.hidden) {
        Ok(f) => f,
        Err(e) => super::usage_error("parse", format!("{e:#}")),
    };

    let mut list = Vec::new();
    for operand in &args.inputs {
        inputs::expand(operand, &filter, &mut list);
    }
    if let Some(source) = &args.files_from {
        for path in inputs::read_list(source, args.null)? {
            inputs::expand(&path, &filter, &mut list);
        }
    }
    let single = args.inputs.len() == 1
        && args.files_from.is_none()
        && args.shard.is_none()
        && list.len() == 1
        && !args.inputs.iter().any(|p| p.is_dir());
    let layout = if single && !args.jsonl {
        Layout::Pretty
    } else {
        Layout::Lines
    };
    let selected = match args.shard {
        Some(shard) => list.get(shard.range(list.len())).unwrap_or_default(),
        None => &list[..],
    };
    let known = match &args.skip_known {
        Some(path) => Some(known::load(path)?),
        None => None,
    };

    let mut out = Sink::open(args.output.as_deref())?;
    let mut report = Reporter::new(
        args.errors.as_deref(),
        selected.len(),
        !args.quiet,
        !args.quiet && layout == Layout::Lines,
    )?;
    let extractor = Extractor::new(&args.limits)?;
    let work = Work {
        layout,
        known: known.as_ref(),
        extractor: &extractor,
    };
    let jobs = args.jobs.map_or_else(default_jobs, usize::from);
    batch::run(
        selected,
        jobs,
        args.order,
        |input| work.run(input),
        |outcome| {
            report.read += 1;
            report.tick();
            match outcome {
                Outcome::Record(bytes) => {
                    report.records += 1;
                    out.write_record(&bytes)
                }
                Outcome::Failed(f) => report.failure(&f),
                Outcome::Skipped => {
                    report.skipped += 1;
                    Ok(())
                }
            }
        },
    )?;
    out.finish()?;
    let failed = report.failed;
    report.finish()?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
