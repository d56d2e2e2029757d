//! PDF entry point: any bytes (up to a small cap) through `parse_bytes` give a record or a clear
//! error, never a panic that escapes, a hang or unbounded memory (libFuzzer's `-timeout` and
//! `-rss_limit_mb` catch the last two). A record's spans hold their invariants against the
//! extracted text.
//!
//! pdf-extract panics on purpose on inputs it dislikes; the library catches those at its boundary.
//! libfuzzer-sys installs a panic hook that aborts on *any* panic, caught or not, so this target
//! puts back a quiet hook: a caught panic is the contract working, and a panic that escapes the
//! library still aborts the run (libfuzzer-sys turns an unwinding `fuzz_target` into an abort).

#![no_main]

#[path = "../../tests/common/mod.rs"]
mod common;

use council_minutes::{parse_bytes, source_text, Options};
use libfuzzer_sys::fuzz_target;
use std::sync::Once;

/// Inputs above this are refused by `max_input_bytes` (a `too-large` error), which keeps
/// each run short; real PDFs are exercised by the corpus tests.
const CAP: u64 = 256 * 1024;

static QUIET: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    // `Options` is non-exhaustive: set fields on the default.
    let mut options = Options::default();
    options.max_input_bytes = CAP;
    options.pdftotext_fallback = false;
    match parse_bytes(data, &options) {
        Err(e) => {
            // A clear error: a stable code and a message.
            assert!(!e.code().is_empty() && !e.to_string().is_empty());
        }
        Ok(doc) => {
            let src = match source_text(data, &options) {
                Ok(src) => src,
                Err(e) => panic!("parse_bytes succeeded but source_text failed: {e}"),
            };
            common::assert_spans("fuzz input", &doc, &src.text, &src.page_starts);
            let json = serde_json::to_string(&doc).unwrap_or_else(|e| panic!("JSON: {e}"));
            let back: council_minutes::Document = serde_json::from_str(&json)
                .unwrap_or_else(|e| panic!("JSON does not read back: {e}"));
            assert_eq!(back, doc, "JSON does not round-trip to an equal record");
        }
    }
});
