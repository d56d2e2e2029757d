//! The fallback extractor: poppler's `pdftotext -layout`, run as a subprocess when installed.
//!
//! `-layout` because the gold labels of the corpus were made from its output and because it
//! keeps side-by-side columns (attendance lists, vote tables) on their rows.

use crate::worker::run_with_timeout;
use std::process::Command;
use std::time::Duration;

/// The program run for the fallback; `MINUTES_PDFTOTEXT` overrides it (tests point it at a
/// missing program to check the degraded path).
fn program() -> String {
    std::env::var("MINUTES_PDFTOTEXT").unwrap_or_else(|_| "pdftotext".to_owned())
}

/// Time allowed for pdftotext: 10 s plus 0.2 s per page, at most 120 s.
fn timeout(pages: usize) -> Duration {
    Duration::from_millis((10_000 + 200 * pages as u64).min(120_000))
}

/// The text of each page according to pdftotext, or why it could not be had.
pub(crate) fn pdftotext_pages(bytes: &[u8], pages_hint: usize) -> Result<Vec<String>, String> {
    let mut cmd = Command::new(program());
    cmd.args(["-layout", "-enc", "UTF-8", "-q", "-", "-"]);
    let out = match run_with_timeout(cmd, bytes, timeout(pages_hint)) {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(
                "pdftotext is not installed (Debian/Ubuntu: apt-get install poppler-utils)".into(),
            )
        }
        Err(e) => return Err(format!("pdftotext failed: {e}")),
    };
    if !out.status.success() {
        return Err(format!("pdftotext failed ({})", out.status));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    // Every page ends with a form feed.
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Ok(pages)
}
