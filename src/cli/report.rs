//! What a run tells the user besides its records: one line per failed input on stderr (and a
//! JSON line in `--errors FILE`), a progress bar on a terminal, a summary at the end.

use super::io::{eprint, Sink};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use serde::Serialize;
use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, Instant};

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

/// Counts and messages of one run.
#[derive(Debug)]
pub(crate) struct Reporter {
    errors: Option<Sink>,
    bar: Option<ProgressBar>,
    summary: bool,
    start: Instant,
    pub read: usize,
    pub records: usize,
    pub failed: usize,
    pub skipped: usize,
}

impl Reporter {
    /// `total` inputs; a bar only when `progress` and stderr is a terminal; a closing summary
    /// when `summary`.
    pub(crate) fn new(
        errors: Option<&Path>,
        total: usize,
        progress: bool,
        summary: bool,
    ) -> Result<Reporter> {
        let errors = match errors {
            Some(p) => Some(Sink::open(Some(p)).context("cannot open the --errors file")?),
            None => None,
        };
        let bar = (progress && std::io::stderr().is_terminal()).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            if let Ok(style) =
                ProgressStyle::with_template("{bar:30} {pos}/{len} files  {rate}  ETA {eta}")
            {
                bar.set_style(style.with_key(
                    "rate",
                    |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.0} files/s", state.per_sec());
                    },
                ));
            }
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Ok(Reporter {
            errors,
            bar,
            summary,
            start: Instant::now(),
            read: 0,
            records: 0,
            failed: 0,
            skipped: 0,
        })
    }

    /// Reports a failed input.
    pub(crate) fn failure(&mut self, failure: &Failure) -> Result<()> {
        self.failed += 1;
        let name = failure.path.as_deref().unwrap_or("<stdin>");
        let line = format!("minutes: {name}: {} [{}]", failure.message, failure.code);
        match &self.bar {
            Some(bar) => bar.suspend(|| eprint(format_args!("{line}"))),
            None => eprint(format_args!("{line}")),
        }
        if let Some(file) = &mut self.errors {
            let mut json = serde_json::to_vec(failure)?;
            json.push(b'\n');
            file.write_record(&json)?;
        }
        Ok(())
    }

    /// Marks one input done.
    pub(crate) fn tick(&mut self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Closes the errors file and prints the summary.
    pub(crate) fn finish(self) -> Result<()> {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if let Some(file) = self.errors {
            file.finish()?;
        }
        if self.summary {
            let secs = self.start.elapsed().as_secs_f64();
            let skipped = if self.skipped > 0 {
                format!(", {} skipped as known", self.skipped)
            } else {
                String::new()
            };
            eprint(format_args!(
                "minutes: {} documents read, {} records, {} errors{skipped} in {secs:.2} s ({:.0} documents/s)",
                self.read,
                self.records,
                self.failed,
                self.read as f64 / secs.max(1e-9),
            ));
        }
        Ok(())
    }
}
