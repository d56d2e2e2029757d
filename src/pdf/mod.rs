//! PDF text extraction: the only module that touches pdf-extract (and lopdf under it).
//!
//! ```text
//! bytes ─ preflight (%PDF-?) ─ load (lopdf, empty user password) ─ per page:
//!     rewrite ' and " operators ─ pdf-extract → LayoutDev (glyphs → words → lines) ─┐
//! quality gate ── fails? ── pdftotext -layout (if installed), page or document ─────┤
//! clean-up: characters, hyphenation, running headers/footers ─ pages joined by U+000C
//! ```
//!
//! Every call into pdf-extract and lopdf runs under `catch_unwind`: pdf-extract panics on
//! purpose on inputs it dislikes. A panic on one page loses that page (with a diagnostic), not
//! the document. Hangs and unbounded allocation cannot be caught in-process; the CLI runs this
//! in a worker process with limits ([`crate::worker`]).

mod clean;
mod gate;
mod layout;
mod ops;
mod poppler;

use crate::error::{Error, ErrorKind};
use crate::model::{Diagnostic, Format, Severity};
use crate::source::{self, LineIndex, SourceText};
use crate::Options;
use gate::Quality;
use pdf_extract::Document;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Name recorded in `source.extractor` for text from pdf-extract with our layout.
pub(crate) const EXTRACTOR_PDF_EXTRACT: &str = "pdf-extract";
/// Name recorded for text from poppler's `pdftotext -layout`.
pub(crate) const EXTRACTOR_PDFTOTEXT: &str = "pdftotext";

/// Glyphs kept per page; beyond this a page's text is cut off with a diagnostic.
const MAX_GLYPHS_PER_PAGE: usize = 400_000;

/// Extracts the text of a PDF, pages joined by U+000C.
pub(crate) fn extract(bytes: &[u8], options: &Options) -> Result<SourceText, Error> {
    preflight(bytes)?;
    let mut diagnostics = Vec::new();
    let doc = match load(bytes) {
        Ok(doc) => doc,
        Err(e) => return extract_unloadable(bytes, options, e),
    };
    let page_ids: Vec<(u32, pdf_extract::ObjectId)> =
        match catch_unwind(AssertUnwindSafe(|| doc.get_pages())) {
            Ok(pages) => pages.into_iter().collect(),
            Err(p) => return Err(panicked("reading the page tree", &p)),
        };
    if page_ids.is_empty() {
        return extract_unloadable(
            bytes,
            options,
            Error::new(ErrorKind::CorruptPdf {
                reason: "the page tree holds no pages".into(),
            }),
        );
    }
    let mut doc = doc;
    for fix in [ops::expand_cid_width_ranges, ops::scale_type3_widths] {
        if let Err(p) = fix(&mut doc) {
            diagnostics.push(diag(
                Severity::Warning,
                "pdf-extractor-panic",
                format!("lopdf failed while reading font widths: {p}"),
            ));
        }
    }
    let rewritten = ops::rewrite_quote_operators(&mut doc, &page_ids);
    if let Err(p) = rewritten {
        diagnostics.push(diag(
            Severity::Warning,
            "pdf-extractor-panic",
            format!("lopdf failed while checking text operators: {p}"),
        ));
    }

    let mut pages: Vec<String> = Vec::with_capacity(page_ids.len());
    let mut failed: Vec<(u32, String)> = Vec::new();
    let mut dev = layout::LayoutDev::new(MAX_GLYPHS_PER_PAGE);
    for &(num, _) in &page_ids {
        let before = dev.pages.len();
        let run = catch_unwind(AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(&doc, &mut dev, num)
        }));
        let problem = match run {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e.to_string()),
            Err(p) => Some(panic_message(&p)),
        };
        if dev.pages.len() == before {
            dev.pages.push(String::new());
        }
        if let Some(why) = problem {
            failed.push((num, why));
        }
        pages.push(std::mem::take(&mut dev.pages[before]));
    }
    for num in &dev.truncated_pages {
        diagnostics.push(diag(
            Severity::Warning,
            "pdf-page-truncated",
            format!(
                "page {num} draws more than {MAX_GLYPHS_PER_PAGE} glyphs; the rest was not read"
            ),
        ));
    }
    for (num, why) in &failed {
        diagnostics.push(diag(
            Severity::Warning,
            "pdf-page-failed",
            format!("pdf-extract could not read page {num}: {why}"),
        ));
    }
    drop(doc);

    let mut pages: Vec<String> = pages.iter().map(|p| clean::normalise_chars(p)).collect();
    let mut extractor = EXTRACTOR_PDF_EXTRACT.to_owned();
    gate_and_fallback(bytes, options, &mut pages, &mut extractor, &mut diagnostics);
    finish(pages, extractor, diagnostics)
}

/// The quality gate: when the whole text fails it, or single pages come out (almost) empty,
/// ask pdftotext and keep whichever reads better.
fn gate_and_fallback(
    bytes: &[u8],
    options: &Options,
    pages: &mut [String],
    extractor: &mut String,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let per_page: Vec<Quality> = pages.iter().map(|p| Quality::of(p)).collect();
    let mut total = Quality::default();
    for q in &per_page {
        total.add(q);
    }
    let doc_failure = total.document_failure(pages.len());
    let thin_pages: Vec<usize> = per_page
        .iter()
        .enumerate()
        .filter(|(_, q)| q.words < gate::MIN_PAGE_WORDS)
        .map(|(i, _)| i)
        .collect();
    if doc_failure.is_none() && thin_pages.is_empty() {
        return;
    }
    let reason = doc_failure
        .clone()
        .unwrap_or_else(|| format!("{} pages with (almost) no words", thin_pages.len()));
    if !options.pdftotext_fallback {
        if doc_failure.is_some() {
            diagnostics.push(diag(
                Severity::Warning,
                "pdf-text-quality",
                format!("extracted text looks damaged ({reason}); pdftotext fallback is off"),
            ));
        }
        return;
    }
    let theirs = match poppler::pdftotext_pages(bytes, pages.len()) {
        Ok(p) => p,
        Err(why) => {
            if doc_failure.is_some() {
                diagnostics.push(diag(
                    Severity::Warning,
                    "pdf-text-quality",
                    format!("extracted text looks damaged ({reason}); {why}"),
                ));
            }
            return;
        }
    };
    let mut theirs: Vec<String> = theirs.iter().map(|p| clean::normalise_chars(p)).collect();
    if theirs.len() != pages.len() {
        diagnostics.push(diag(
            Severity::Info,
            "pdf-fallback-unused",
            format!(
                "pdftotext saw {} pages where pdf-extract saw {}; kept pdf-extract's text",
                theirs.len(),
                pages.len()
            ),
        ));
        return;
    }
    let their_q: Vec<Quality> = theirs.iter().map(|p| Quality::of(p)).collect();
    let mut their_total = Quality::default();
    for q in &their_q {
        their_total.add(q);
    }
    let mut replaced: Vec<usize> = Vec::new();
    if doc_failure.is_some() && their_total.score() > total.score() {
        replaced = (0..pages.len()).collect();
    } else {
        for &i in &thin_pages {
            if their_q[i].words >= per_page[i].words + gate::MIN_PAGE_WORDS {
                replaced.push(i);
            }
        }
    }
    if replaced.is_empty() {
        return;
    }
    for &i in &replaced {
        pages[i] = std::mem::take(&mut theirs[i]);
    }
    *extractor = if replaced.len() == pages.len() {
        EXTRACTOR_PDFTOTEXT.to_owned()
    } else {
        format!("{EXTRACTOR_PDF_EXTRACT}+{EXTRACTOR_PDFTOTEXT}")
    };
    let which = if replaced.len() == pages.len() {
        "all pages".to_owned()
    } else {
        format!("page{} {}", plural(replaced.len()), page_list(&replaced))
    };
    diagnostics.push(diag(
        Severity::Info,
        "pdf-fallback-pdftotext",
        format!("text of {which} comes from pdftotext: pdf-extract's text failed the quality gate ({reason})"),
    ));
}

/// A PDF that lopdf cannot load: pdftotext may still repair and read it (it rebuilds damaged
/// cross-reference tables); otherwise the load error stands.
fn extract_unloadable(bytes: &[u8], options: &Options, err: Error) -> Result<SourceText, Error> {
    let repairable = matches!(err.kind(), ErrorKind::CorruptPdf { .. });
    if !repairable || !options.pdftotext_fallback {
        return Err(err);
    }
    let Ok(pages) = poppler::pdftotext_pages(bytes, 0) else {
        return Err(err);
    };
    let pages: Vec<String> = pages.iter().map(|p| clean::normalise_chars(p)).collect();
    let words: usize = pages.iter().map(|p| Quality::of(p).words).sum();
    if pages.is_empty() || words == 0 {
        return Err(err);
    }
    let diagnostics = vec![diag(
        Severity::Warning,
        "pdf-repaired",
        format!("the PDF is damaged ({err}); pdftotext repaired it and its text is used"),
    )];
    finish(pages, EXTRACTOR_PDFTOTEXT.to_owned(), diagnostics)
}

/// Clean-up, page joining and the no-text-layer decision.
fn finish(
    pages: Vec<String>,
    extractor: String,
    mut diagnostics: Vec<Diagnostic>,
) -> Result<SourceText, Error> {
    let n = pages.len();
    let words: Vec<usize> = pages.iter().map(|p| Quality::of(p).words).collect();
    if words.iter().sum::<usize>() == 0 {
        return Err(Error::new(ErrorKind::NoTextLayer {
            pages: u32::try_from(n).unwrap_or(u32::MAX),
        }));
    }
    let vocab = clean::vocabulary(pages.iter().map(String::as_str));
    let mut text = String::with_capacity(pages.iter().map(String::len).sum::<usize>() + n);
    let mut page_starts = Vec::with_capacity(n);
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            text.push('\u{c}');
        }
        page_starts.push(text.len());
        let joined = clean::join_hyphenation(page, &vocab);
        text.push_str(&joined);
    }
    let index = LineIndex::new(&text, &page_starts);
    let empty: Vec<usize> = (0..n).filter(|&i| words[i] == 0).collect();
    if !empty.is_empty() {
        for &i in &empty {
            let at = page_starts[i];
            diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                code: "pdf-page-no-text".into(),
                message: format!(
                    "page {} has no text layer (a scan or outlined text): OCR is needed to read it",
                    i + 1
                ),
                span: Some(index.span(at, at)),
            });
        }
    }
    let furniture = clean::find_furniture(&text, &page_starts);
    Ok(SourceText {
        text,
        format: Format::Pdf,
        page_starts,
        extractor: Some(extractor),
        diagnostics,
        furniture,
    })
}

/// Refuses what is not a PDF at all before any parser sees it.
fn preflight(bytes: &[u8]) -> Result<(), Error> {
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return Ok(());
    }
    let what = match source::detect(bytes) {
        source::Detected::Html => {
            "an HTML page (perhaps an error page saved under a .pdf name)".to_owned()
        }
        source::Detected::Unsupported(what) => what,
        source::Detected::Text => "plain text".to_owned(),
        source::Detected::Pdf => "a file without a %PDF- header".to_owned(),
    };
    Err(Error::new(ErrorKind::NotPdf { what }))
}

/// Loads the document (lopdf tries the empty user password itself) and refuses one that stays
/// locked.
fn load(bytes: &[u8]) -> Result<Document, Error> {
    let doc = match catch_unwind(|| Document::load_mem(bytes)) {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return Err(load_error(&e)),
        Err(p) => return Err(panicked("loading the file", &p)),
    };
    if doc.trailer.get(b"Encrypt").is_ok() && !doc.was_encrypted() {
        return Err(Error::new(ErrorKind::Encrypted));
    }
    Ok(doc)
}

fn load_error(e: &pdf_extract::Error) -> Error {
    use pdf_extract::Error as E;
    match e {
        E::InvalidPassword | E::Decryption(_) | E::UnsupportedSecurityHandler(_) => {
            Error::new(ErrorKind::Encrypted)
        }
        E::Parse(_) if e.to_string().contains("invalid file header") => {
            Error::new(ErrorKind::NotPdf {
                what: "the %PDF- header is damaged".into(),
            })
        }
        other => Error::new(ErrorKind::CorruptPdf {
            reason: corrupt_reason(other),
        }),
    }
}

fn corrupt_reason(e: &pdf_extract::Error) -> String {
    use pdf_extract::Error as E;
    match e {
        E::Xref(_) => {
            format!("its cross-reference table cannot be read ({e}); the file may be truncated")
        }
        E::Parse(_) => format!("{e}; the file may be truncated"),
        _ => e.to_string(),
    }
}

fn panicked(during: &str, payload: &Box<dyn std::any::Any + Send>) -> Error {
    Error::new(ErrorKind::ExtractorFailed {
        reason: format!(
            "pdf-extract panicked while {during}: {}",
            panic_message(payload)
        ),
    })
}

/// The message of a caught panic.
pub(crate) fn panic_message(payload: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_owned()
    }
}

fn diag(severity: Severity, code: &str, message: String) -> Diagnostic {
    Diagnostic {
        severity,
        code: code.into(),
        message,
        span: None,
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// "1, 3–5, 9" for 0-based page indices.
fn page_list(idx: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut k = 0;
    while k < idx.len() {
        let start = idx[k];
        let mut end = start;
        while k + 1 < idx.len() && idx[k + 1] == end + 1 {
            k += 1;
            end = idx[k];
        }
        parts.push(if end == start {
            format!("{}", start + 1)
        } else {
            format!("{}–{}", start + 1, end + 1)
        });
        k += 1;
    }
    parts.join(", ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn page_lists() {
        assert_eq!(page_list(&[0, 2, 3, 4, 8]), "1, 3–5, 9");
        assert_eq!(page_list(&[5]), "6");
    }

    #[test]
    fn preflight_refuses_non_pdfs() {
        let table: [(&[u8], &str); 3] = [
            (
                b"<html><head><title>302 Found</title></head></html>",
                "HTML",
            ),
            (b"%!PS-Adobe-3.0\n%%Creator: PScript5.dll", "PostScript"),
            (b"Minutes of the meeting", "plain text"),
        ];
        for (input, want) in table {
            let e = preflight(input).unwrap_err();
            assert_eq!(e.code(), "not-a-pdf");
            assert!(e.to_string().contains(want), "{e}");
        }
        assert!(preflight(b"\n\n%PDF-1.4\n").is_ok());
    }
}
