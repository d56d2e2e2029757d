//! Output plumbing: stdout or an atomically replaced file, stderr messages, broken pipes.

use anyhow::{Context, Result};
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// Where records (or error lines) go.
///
/// A file target is written to a hidden temporary file in the same directory and renamed over
/// the target only by [`Sink::finish`], so an interrupted or failed run never leaves a
/// half-written file under the target's name.
#[derive(Debug)]
pub(crate) struct Sink {
    inner: SinkKind,
}

#[derive(Debug)]
enum SinkKind {
    Stdout {
        out: BufWriter<io::StdoutLock<'static>>,
        /// Flush after every record so a downstream reader (`jq`, `head`) sees records as they
        /// complete.
        flush_each: bool,
    },
    File {
        out: BufWriter<NamedTempFile>,
        target: PathBuf,
    },
}

/// The folder a path's file lives in (`.` for a bare file name).
pub(crate) fn parent_dir(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A hidden temporary file beside `target` (`.NAME.XXXX.partial`), to be persisted over it
/// once complete, so `target` is never seen half-written. `fallback` names it when `target`
/// has no file name.
pub(crate) fn temp_beside(target: &Path, fallback: &str) -> Result<NamedTempFile> {
    let dir = parent_dir(target);
    let name = target
        .file_name()
        .map_or_else(|| fallback.to_owned(), |n| n.to_string_lossy().into_owned());
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .tempfile_in(&dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))
}

impl Sink {
    /// Opens stdout (`None` or `-`) or a temporary file beside `path`.
    pub(crate) fn open(path: Option<&Path>) -> Result<Sink> {
        let inner = match path {
            None => SinkKind::Stdout {
                out: BufWriter::with_capacity(64 * 1024, io::stdout().lock()),
                flush_each: true,
            },
            Some(p) if p == Path::new("-") => SinkKind::Stdout {
                out: BufWriter::with_capacity(64 * 1024, io::stdout().lock()),
                flush_each: true,
            },
            Some(p) => SinkKind::File {
                out: BufWriter::with_capacity(256 * 1024, temp_beside(p, "output")?),
                target: p.to_path_buf(),
            },
        };
        Ok(Sink { inner })
    }

    /// Writes one record (already serialised, ending in a newline).
    pub(crate) fn write_record(&mut self, bytes: &[u8]) -> Result<()> {
        match &mut self.inner {
            SinkKind::Stdout { out, flush_each } => {
                out.write_all(bytes)?;
                if *flush_each {
                    out.flush()?;
                }
            }
            SinkKind::File { out, target } => out
                .write_all(bytes)
                .with_context(|| format!("cannot write {}", target.display()))?,
        }
        Ok(())
    }

    /// Flushes everything and, for a file, renames the temporary file over the target.
    pub(crate) fn finish(self) -> Result<()> {
        match self.inner {
            SinkKind::Stdout { mut out, .. } => out.flush()?,
            SinkKind::File { out, target } => {
                let tmp = out
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| format!("cannot write {}", target.display()))?;
                tmp.as_file()
                    .sync_all()
                    .with_context(|| format!("cannot write {}", target.display()))?;
                let file: File = tmp
                    .persist(&target)
                    .map_err(|e| e.error)
                    .with_context(|| format!("cannot write {}", target.display()))?;
                drop(file);
            }
        }
        Ok(())
    }
}

/// Whether an error is a closed stdout (`minutes parse ... | head`): the run stops quietly.
pub(crate) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Writes one line to stderr; a closed stderr is ignored.
pub(crate) fn eprint(args: std::fmt::Arguments<'_>) {
    let mut err = io::stderr().lock();
    let _ = err.write_fmt(args);
    let _ = err.write_all(b"\n");
}

/// Whether stderr is a terminal (progress bars are drawn only there).
#[allow(dead_code)]
pub(crate) fn stderr_is_terminal() -> bool {
    io::stderr().is_terminal()
}
