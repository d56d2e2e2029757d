//! `minutes parse`: inputs → records on stdout (or `-o FILE`), failures on stderr.

use super::io::{eprint, Sink};
use super::ParseArgs;
use anyhow::{Context, Result};
use council_minutes::{Document, Options};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One input: a file or stdin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Input {
    Stdin,
    Path(PathBuf),
}

impl Input {
    pub(crate) fn from_operand(path: &Path) -> Input {
        if path == Path::new("-") {
            Input::Stdin
        } else {
            Input::Path(path.to_path_buf())
        }
    }

    /// The path as recorded in `source.path` and error records (null for stdin).
    pub(crate) fn record_path(&self) -> Option<String> {
        match self {
            Input::Stdin => None,
            Input::Path(p) => Some(p.to_string_lossy().into_owned()),
        }
    }

    /// Reads the whole input.
    pub(crate) fn read(&self) -> std::io::Result<Vec<u8>> {
        match self {
            Input::Stdin => {
                let mut buf = Vec::new();
                std::io::stdin().lock().read_to_end(&mut buf)?;
                Ok(buf)
            }
            Input::Path(p) => std::fs::read(p),
        }
    }
}

/// An input that gave no record: one line of `--errors FILE`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Failure {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub path: Option<String>,
    /// Hex SHA-256 of the input bytes; null when they could not be read.
    pub sha256: Option<String>,
    pub code: String,
    pub message: String,
}

impl Failure {
    pub(crate) fn new(input: &Input, bytes: Option<&[u8]>, code: &str, message: String) -> Failure {
        Failure {
            kind: "error",
            path: input.record_path(),
            sha256: bytes.map(sha256_hex),
            code: code.to_owned(),
            message,
        }
    }
}

/// Hex SHA-256 of bytes, as in a record's `id` and `source.sha256`.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// How a record is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Indented JSON (a single input).
    Pretty,
    /// One compact record per line.
    Lines,
}

/// Parses input bytes into a record.
///
/// PDF CONTAINMENT HOOK: PDF inputs are to be extracted in a `minutes __pdf-worker`
/// subprocess with per-file time and memory limits, once `council_minutes::worker` lands.
/// Until then every input goes through `parse_bytes` in-process.
pub(crate) fn parse_document(
    bytes: &[u8],
    options: &Options,
) -> Result<Document, council_minutes::Error> {
    council_minutes::parse_bytes(bytes, options)
}

/// Reads, parses and serialises one input.
pub(crate) fn process(input: &Input, layout: Layout) -> Result<Vec<u8>, Failure> {
    let bytes = match input.read() {
        Ok(b) => b,
        Err(e) => {
            let err = council_minutes::Error::from(e);
            return Err(Failure::new(input, None, err.code(), err.to_string()));
        }
    };
    let options = match input.record_path() {
        Some(p) => Options::with_path(p),
        None => Options::default(),
    };
    let doc = parse_document(&bytes, &options)
        .map_err(|e| Failure::new(input, Some(&bytes), e.code(), e.to_string()))?;
    serialise(&doc, layout)
        .map_err(|e| Failure::new(input, Some(&bytes), "internal", e.to_string()))
}

/// A record as bytes, ending in a newline.
pub(crate) fn serialise(doc: &Document, layout: Layout) -> serde_json::Result<Vec<u8>> {
    let mut out = match layout {
        Layout::Pretty => serde_json::to_vec_pretty(doc)?,
        Layout::Lines => serde_json::to_vec(doc)?,
    };
    out.push(b'\n');
    Ok(out)
}

/// Reports failed inputs: a line on stderr, and a JSON line in `--errors FILE` when asked.
#[derive(Debug)]
pub(crate) struct ErrorLog {
    file: Option<Sink>,
}

impl ErrorLog {
    pub(crate) fn open(path: Option<&Path>) -> Result<ErrorLog> {
        let file = match path {
            Some(p) => Some(Sink::open(Some(p)).context("cannot open the --errors file")?),
            None => None,
        };
        Ok(ErrorLog { file })
    }

    pub(crate) fn report(&mut self, failure: &Failure) -> Result<()> {
        let name = failure.path.as_deref().unwrap_or("<stdin>");
        eprint(format_args!(
            "minutes: {name}: {} [{}]",
            failure.message, failure.code
        ));
        if let Some(file) = &mut self.file {
            let mut line = serde_json::to_vec(failure)?;
            line.push(b'\n');
            file.write_record(&line)?;
        }
        Ok(())
    }

    pub(crate) fn finish(self) -> Result<()> {
        match self.file {
            Some(f) => f.finish(),
            None => Ok(()),
        }
    }
}

/// Runs `minutes parse`.
pub(crate) fn run(args: &ParseArgs) -> Result<ExitCode> {
    let inputs: Vec<Input> = args.inputs.iter().map(|p| Input::from_operand(p)).collect();
    if inputs.iter().filter(|i| **i == Input::Stdin).count() > 1 {
        super::usage_error("`-` (stdin) can be given only once");
    }
    let layout = if inputs.len() == 1 && !args.jsonl {
        Layout::Pretty
    } else {
        Layout::Lines
    };
    let mut out = Sink::open(args.output.as_deref())?;
    let mut errors = ErrorLog::open(args.errors.as_deref())?;
    let mut failed = 0usize;
    for input in &inputs {
        match process(input, layout) {
            Ok(record) => out.write_record(&record)?,
            Err(failure) => {
                failed += 1;
                errors.report(&failure)?;
            }
        }
    }
    out.finish()?;
    errors.finish()?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
