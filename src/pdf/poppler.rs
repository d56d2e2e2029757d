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

/// Time allowed for one pdftotext run. The worker process that runs extraction in the CLI has
/// its own, page-scaled limit; this one only keeps a library caller from waiting forever.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The text of each page according to pdftotext (of one page, 1-based, if `page` is given),
/// or why it could not be had.
pub(crate) fn pdftotext_pages(bytes: &[u8], page: Option<usize>) -> Result<Vec<String>, String> {
    let mut cmd = Command::new(program());
    cmd.args(["-layout", "-enc", "UTF-8", "-q"]);
    if let Some(p) = page {
        let p = p.to_string();
        cmd.args(["-f", &p, "-l", &p]);
    }
    cmd.args(["-", "-"]);
    let out = match run_with_timeout(cmd, bytes, TIMEOUT) {
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
