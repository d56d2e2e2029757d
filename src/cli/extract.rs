//! Reading a document's source text, with PDF extraction contained in a worker process.
//!
//! pdf-extract can hang or allocate without bound on some inputs, and threads cannot be
//! killed, so every PDF is extracted by `minutes __pdf-worker` (a child process of this
//! binary, see `council_minutes::worker`) under a time limit and a memory cap; a PDF that
//! breaks either becomes a per-file error and the run goes on. Text input is parsed in-process.

use super::LimitArgs;
use anyhow::{Context, Result};
use council_minutes::worker::{extract_in_worker, Limits};
use council_minutes::{is_pdf, Document, Error, Options, SourceText};
use std::path::PathBuf;
use std::time::Duration;

/// Parses and extracts inputs under the per-file limits.
#[derive(Debug)]
pub(crate) struct Extractor {
    exe: PathBuf,
    limits: Limits,
}

impl Extractor {
    pub(crate) fn new(args: &LimitArgs) -> Result<Extractor> {
        let exe = std::env::current_exe()
            .context("cannot find this program's own path to start PDF workers")?;
        let mut limits = Limits::default();
        if let Some(secs) = args.timeout {
            limits.timeout = Some(Duration::from_secs(secs));
        }
        if let Some(bytes) = args.max_memory {
            limits.memory_bytes = bytes;
        }
        Ok(Extractor { exe, limits })
    }

    /// The source text of an input (what `minutes text` prints).
    pub(crate) fn source_text(&self, bytes: &[u8], options: &Options) -> Result<SourceText, Error> {
        if is_pdf(bytes) && within_size(bytes, options) {
            extract_in_worker(&self.exe, bytes, &self.limits)
        } else {
            council_minutes::source_text(bytes, options)
        }
    }

    /// Parses an input into a record.
    ///
    /// A PDF is extracted by the worker, under the limits (a PDF that hangs, crashes or
    /// exhausts memory is refused there), and its text is then parsed in-process.
    pub(crate) fn parse(&self, bytes: &[u8], options: &Options) -> Result<Document, Error> {
        if is_pdf(bytes) && within_size(bytes, options) {
            let source = extract_in_worker(&self.exe, bytes, &self.limits)?;
            return Ok(council_minutes::parse_source(bytes, source, options));
        }
        council_minutes::parse_bytes(bytes, options)
    }
}

/// Oversized inputs go straight to the library, which refuses them without extracting.
fn within_size(bytes: &[u8], options: &Options) -> bool {
    (bytes.len() as u64) <= options.max_input_bytes
}

/// Parses a byte count with an optional binary suffix: `2147483648`, `512M`, `2G`, `2GiB`.
pub(crate) fn parse_bytes_arg(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("expected a number of bytes such as 2G or 536870912, got {s:?}"))?;
    let shift = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        "T" | "TB" | "TIB" => 40,
        _ => return Err(format!("unknown unit in {s:?}: use K, M or G")),
    };
    let v = n
        .checked_mul(1u64 << shift)
        .ok_or_else(|| format!("{s:?} is too large"))?;
    if v == 0 {
        return Err("the memory cap must be more than 0".into());
    }
    Ok(v)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn byte_sizes() {
        assert_eq!(parse_bytes_arg("1024").unwrap(), 1024);
        assert_eq!(parse_bytes_arg("512M").unwrap(), 512 << 20);
        assert_eq!(parse_bytes_arg("2G").unwrap(), 2 << 30);
        assert_eq!(parse_bytes_arg("2GiB").unwrap(), 2 << 30);
        assert_eq!(parse_bytes_arg("64k").unwrap(), 64 << 10);
        for bad in ["", "G", "2X", "-1", "0", "99999999999T"] {
            assert!(parse_bytes_arg(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn pdf_detection_follows_the_library() {
        assert!(is_pdf(b"%PDF-1.4\n"));
        assert!(is_pdf(b"\n\n  junk %PDF-1.7"));
        assert!(!is_pdf(b"Minutes of a meeting"));
        assert!(!is_pdf(b"%!PS-Adobe-3.0"));
    }
}
