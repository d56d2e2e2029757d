//! Text entry point: any bytes, read as text, never panic; the record's spans hold their
//! invariants; its JSON reads back to an equal record; parsing is deterministic.
//!
//! The span checks are the test suite's own (`tests/common/mod.rs`), included by path so the
//! fuzzer and the tests cannot drift apart.

#![no_main]

#[path = "../../tests/common/mod.rs"]
mod common;

use council_minutes::{parse_source, parse_str, source_text, Document, Format, Options};
use libfuzzer_sys::fuzz_target;

/// The size detection looks at for a `%PDF` header: such inputs belong to the `parse_pdf` target.
const SNIFF: usize = 1024;

fuzz_target!(|data: &[u8]| {
    // `Options` is non-exhaustive: set fields on the default.
    let mut options = Options::default();
    options.pdftotext_fallback = false;
    let head = &data[..data.len().min(SNIFF)];
    if head.windows(4).any(|w| w == b"%PDF") {
        return;
    }

    // parse_str on the text (lossily decoded), with its documented contract.
    let text = String::from_utf8_lossy(data);
    let blank = text.chars().all(|c| c.is_whitespace() || c == '\u{feff}');
    match parse_str(&text, &options) {
        Err(e) => assert!(blank, "parse_str failed on non-blank text: {e}"),
        Ok(doc) => {
            assert!(!blank, "parse_str succeeded on blank text");
            check(&doc, &text, &[]);
            let again = parse_str(&text, &options).ok();
            assert_eq!(again.as_ref(), Some(&doc), "parsing is not deterministic");
        }
    }

    // The bytes as they are (any encoding, invalid UTF-8, NUL bytes): a record or a clear error.
    if let Ok(src) = source_text(data, &options) {
        if src.format == Format::Text {
            let doc = parse_source(data, src.clone(), &options);
            check(&doc, &src.text, &src.page_starts);
        }
    }
});

/// Span invariants, then the JSON round trip.
fn check(doc: &Document, text: &str, page_starts: &[usize]) {
    common::assert_spans("fuzz input", doc, text, page_starts);
    let json = serde_json::to_string(doc).unwrap_or_else(|e| panic!("JSON: {e}"));
    let back: Document =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("JSON does not read back: {e}"));
    assert_eq!(&back, doc, "JSON does not round-trip to an equal record");
}
