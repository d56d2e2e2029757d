//! PDF text extraction: the only module that touches pdf-extract (and lopdf under it).
//!
//! ```text
//! bytes ─ preflight (%PDF-?) ─ load (lopdf; the empty user password is tried) ─ repair
//!   (page tree made a tree; font widths, annotation appearances, content streams: ' and "
//!   operators, comments, placed forms, images; ToUnicode maps trimmed per page; form cycles
//!   broken) ─ pdf-extract, on a thread with a large stack → LayoutDev
//!   (glyphs → words → lines → columns) ─────────────────────────────────────────────────┐
//! quality gate ── fails? ── pdftotext -layout (if installed), page or document ─────────┤
//! clean-up: characters, hyphenation ─ pages joined by U+000C ─ running headers/footers
//! ```
//!
//! Refusals, each an [`Error`] with a stable code: `not-a-pdf` (no `%PDF-` header: an HTML
//! page or a PostScript job saved as `.pdf`), `pdf-encrypted` (a user password we do not
//! have), `pdf-no-text-layer` (scans and outlined text: OCR is needed), `pdf-corrupt`
//! (truncated or damaged beyond what lopdf, or pdftotext when installed, can read) and
//! `pdf-extractor-failed` (pdf-extract failed on every page). A document that is only partly
//! readable is a record, with a `pdf-page-no-text` (or `pdf-page-failed`, `pdf-page-unreadable`)
//! diagnostic per page it could not read.
//!
//! Every call into pdf-extract and lopdf runs under `catch_unwind`: pdf-extract panics on
//! purpose on inputs it dislikes. A panic on one page loses that page (with a diagnostic), not
//! the document. A stack overflow aborts the process, so the recursion pdf-extract has no limit
//! on (a looping page tree, forms that draw themselves) is repaired away first, as poppler
//! reads such files (`pdf-page-tree-repaired`, `pdf-form-cycle`, `pdf-form-too-deep`). Hangs and
//! unbounded allocation cannot be caught in-process; the CLI runs this in a worker process with
//! limits ([`crate::worker`]).

mod clean;
mod gate;
mod layout;
mod poppler;
mod repair;

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

/// Stack of the thread that extraction runs on. The repairs bound how deep pdf-extract and
/// lopdf recurse (forms nested at most [`repair::cycles::MAX_FORM_NESTING`] deep, no walk up the
/// page tree); this is the margin for what they do not foresee, whatever thread the caller is on
/// (a test thread has 2 MiB). A stack overflow aborts the process: `catch_unwind` cannot help.
/// Untouched stack pages cost no memory (but count towards the worker's `RLIMIT_AS`).
const EXTRACT_STACK_BYTES: usize = 64 << 20;

/// Extracts the text of a PDF, pages joined by U+000C, on a thread with a large stack (see
/// [`EXTRACT_STACK_BYTES`]), or on this one when no thread can be had.
pub(crate) fn extract(bytes: &[u8], options: &Options) -> Result<SourceText, Error> {
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("pdf-extract".into())
            .stack_size(EXTRACT_STACK_BYTES)
            .spawn_scoped(scope, || extract_here(bytes, options));
        match spawned {
            Ok(thread) => thread
                .join()
                .unwrap_or_else(|p| Err(panicked("extracting the text", &p))),
            Err(_) => extract_here(bytes, options),
        }
    })
}

fn extract_here(bytes: &[u8], options: &Options) -> Result<SourceText, Error> {
    preflight(bytes)?;
    let mut diagnostics = Vec::new();
    let mut doc = match load(bytes) {
        Ok(doc) => doc,
        Err(e) => return extract_unloadable(bytes, options, e),
    };
    // First: every later step, and pdf-extract, reads pages through the tree.
    match repair::cycles::repair_page_tree(&mut doc) {
        Ok(fix) => {
            if let Some(d) = tree_diagnostic(&fix) {
                diagnostics.push(d);
            }
        }
        // Going on could overflow the stack: refuse.
        Err(p) => return Err(repair_failed("repairing the page tree", &p)),
    }
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
    for fix in [
        repair::fonts::expand_cid_width_ranges,
        repair::fonts::scale_type3_widths,
    ] {
        if let Err(p) = fix(&mut doc) {
            diagnostics.push(diag(
                Severity::Warning,
                "pdf-extractor-panic",
                format!("lopdf failed while reading font widths: {p}"),
            ));
        }
    }
    if let Err(p) = repair::annots::draw_annotations(&mut doc, &page_ids) {
        diagnostics.push(diag(
            Severity::Warning,
            "pdf-extractor-panic",
            format!("lopdf failed while reading annotations: {p}"),
        ));
    }
    let prepared = match repair::content::prepare_content_streams(&mut doc, &page_ids) {
        Ok(prepared) => prepared,
        Err(p) => {
            diagnostics.push(diag(
                Severity::Warning,
                "pdf-extractor-panic",
                format!("lopdf failed while reading content streams: {p}"),
            ));
            repair::content::Prepared::unknown(page_ids.len())
        }
    };
    if let Err(p) = repair::cmaps::trim_to_unicode_maps(&mut doc, &page_ids) {
        diagnostics.push(diag(
            Severity::Warning,
            "pdf-extractor-panic",
            format!("lopdf failed while reading ToUnicode maps: {p}"),
        ));
    }
    // Last: the repairs above add and rewrite forms.
    match repair::cycles::break_form_cycles(&mut doc, &page_ids) {
        Ok(fix) => diagnostics.extend(form_diagnostics(&fix)),
        Err(p) => return Err(repair_failed("checking how forms nest", &p)),
    }

    // The whole document in one pass; if pdf-extract fails anywhere, again page by page so that
    // one bad page loses only itself. (`output_doc_page` walks the page tree on every call,
    // which is quadratic in the page count, so it is the fallback, not the rule.)
    let (mut dev, failed) = match extract_whole(&doc, page_ids.len()) {
        Some(dev) => (dev, Vec::new()),
        None => extract_page_by_page(&doc, &page_ids),
    };
    let pages = std::mem::take(&mut dev.pages);
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
    let facts = PageFacts {
        may_show_text: prepared.may_show_text,
        glyphs: dev.page_glyphs.iter().map(|g| g.0).collect(),
        all_glyphs: dev.page_glyphs.iter().map(|g| g.1).collect(),
        paints: prepared.paints,
        failed: page_ids
            .iter()
            .map(|(num, _)| failed.iter().any(|(f, _)| f == num))
            .collect(),
    };
    gate_and_fallback(
        bytes,
        options,
        &mut pages,
        &facts,
        &mut extractor,
        &mut diagnostics,
    );
    finish(pages, extractor, diagnostics, Some(&facts))
}

/// `pdf-page-tree-repaired`: the tree was read as poppler reads it.
fn tree_diagnostic(fix: &repair::cycles::TreeRepair) -> Option<Diagnostic> {
    let mut what = Vec::new();
    if fix.loops > 0 {
        what.push(format!(
            "{} /Kids entr{} that loop back to an ancestor skipped",
            fix.loops,
            if fix.loops == 1 { "y" } else { "ies" }
        ));
    }
    if fix.wrong_parents > 0 {
        what.push(format!(
            "{} /Parent entr{} that name another node than the one holding it ignored",
            fix.wrong_parents,
            if fix.wrong_parents == 1 { "y" } else { "ies" }
        ));
    }
    (!what.is_empty()).then(|| {
        diag(
            Severity::Warning,
            "pdf-page-tree-repaired",
            format!(
                "the page tree is damaged: {}; pages were read down /Kids from the root, as poppler reads them",
                what.join(", ")
            ),
        )
    })
}

/// `pdf-form-cycle` and `pdf-form-too-deep`: forms not drawn again.
fn form_diagnostics(fix: &repair::cycles::FormRepair) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if fix.cycles > 0 {
        out.push(diag(
            Severity::Warning,
            "pdf-form-cycle",
            format!(
                "a form XObject draws itself (directly or through other forms); {} such drawing{} skipped, so each form is read once",
                fix.cycles,
                if fix.cycles == 1 { " was" } else { "s were" }
            ),
        ));
    }
    if fix.too_deep > 0 {
        out.push(diag(
            Severity::Warning,
            "pdf-form-too-deep",
            format!(
                "form XObjects are nested more than {} deep; {} drawing{} below that depth not read",
                repair::cycles::MAX_FORM_NESTING,
                fix.too_deep,
                if fix.too_deep == 1 { " was" } else { "s were" }
            ),
        ));
    }
    out
}

/// Runs pdf-extract over the whole document; `None` if it panicked, failed or lost a page.
fn extract_whole(doc: &Document, n_pages: usize) -> Option<layout::LayoutDev> {
    let mut dev = layout::LayoutDev::new(MAX_GLYPHS_PER_PAGE);
    let run = catch_unwind(AssertUnwindSafe(|| pdf_extract::output_doc(doc, &mut dev)));
    match run {
        Ok(Ok(())) if dev.pages.len() == n_pages => Some(dev),
        _ => None,
    }
}

/// Runs pdf-extract page by page, each under `catch_unwind`; a failed page comes back empty
/// and is listed with the reason.
fn extract_page_by_page(
    doc: &Document,
    page_ids: &[(u32, pdf_extract::ObjectId)],
) -> (layout::LayoutDev, Vec<(u32, String)>) {
    let mut failed: Vec<(u32, String)> = Vec::new();
    let mut dev = layout::LayoutDev::new(MAX_GLYPHS_PER_PAGE);
    for &(num, _) in page_ids {
        let before = dev.pages.len();
        let run = catch_unwind(AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(doc, &mut dev, num)
        }));
        let problem = match run {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e.to_string()),
            Err(p) => Some(panic_message(&p)),
        };
        if dev.pages.len() == before {
            // A page that failed half-way keeps the text drawn before the failure.
            use pdf_extract::OutputDev;
            if dev.end_page().is_err() || dev.pages.len() == before {
                dev.pages.push(String::new());
            }
        }
        dev.pages.truncate(before + 1);
        dev.page_glyphs.resize(before + 1, (0, 0));
        if let Some(why) = problem {
            failed.push((num, why));
        }
    }
    (dev, failed)
}

/// What the quality gate knows about each page besides its text.
#[derive(Debug)]
struct PageFacts {
    /// The page's content can show text (see [`repair::content::Prepared::may_show_text`]).
    may_show_text: Vec<bool>,
    /// Glyphs other than spaces that pdf-extract reported on the page.
    glyphs: Vec<usize>,
    /// Glyphs, spaces included, that pdf-extract reported on the page.
    all_glyphs: Vec<usize>,
    /// The page paints paths, images or forms.
    paints: Vec<bool>,
    /// pdf-extract failed on the page (panic or error).
    failed: Vec<bool>,
}

/// Pages whose fallback is fetched page by page (one pdftotext run each) rather than with
/// one run over the whole document.
const MAX_PAGES_FETCHED_SINGLY: usize = 6;

/// The quality gate: when the whole text fails it, or pages that should hold text come out
/// (almost) empty, ask pdftotext and keep whichever reads better. Pages whose content shows no
/// text at all (scans, outlines) are not asked about: no extractor finds text there.
fn gate_and_fallback(
    bytes: &[u8],
    options: &Options,
    pages: &mut [String],
    facts: &PageFacts,
    extractor: &mut String,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let per_page: Vec<Quality> = pages.iter().map(|p| Quality::of(p)).collect();
    let textual: Vec<usize> = (0..pages.len())
        .filter(|&i| facts.may_show_text[i] || facts.failed[i])
        .collect();
    let mut total = Quality::default();
    for &i in &textual {
        total.add(&per_page[i]);
    }
    let doc_failure = if textual.is_empty() {
        None
    } else {
        total.document_failure()
    };
    // Suspicious pages: pdf-extract failed; or the page shows text, yet pdf-extract saw no glyph
    // at all, or glyphs that made no word (a font decoded to nothing but spaces, corpus 032
    // page 8); or many glyphs made almost no words. (A page with a lone page number, or a few
    // spaces, is not suspicious.)
    let thin_pages: Vec<usize> = textual
        .iter()
        .copied()
        .filter(|&i| {
            let words = per_page[i].words;
            facts.failed[i]
                || words == 0
                    && (facts.glyphs[i] > 0
                        || facts.all_glyphs[i] == 0
                        || facts.all_glyphs[i] >= gate::MANY_GLYPHS)
                || words < gate::MIN_PAGE_WORDS && facts.glyphs[i] >= gate::MANY_GLYPHS
        })
        .collect();
    if doc_failure.is_none() && thin_pages.is_empty() {
        return;
    }
    let reason = doc_failure.clone().unwrap_or_else(|| {
        format!(
            "{} that should hold text but gave (almost) no words",
            plural_pages(&thin_pages)
        )
    });
    if !options.pdftotext_fallback {
        diagnostics.push(diag(
            Severity::Warning,
            "pdf-text-quality",
            format!("extracted text looks damaged ({reason}); pdftotext fallback is off"),
        ));
        return;
    }
    let whole = doc_failure.is_some() || thin_pages.len() > MAX_PAGES_FETCHED_SINGLY;
    let fetched: Result<Vec<(usize, String)>, String> = if whole {
        poppler::pdftotext_pages(bytes, None).and_then(|theirs| {
            if theirs.len() == pages.len() {
                Ok(theirs.into_iter().enumerate().collect())
            } else {
                Err(format!(
                    "pdftotext saw {} pages where pdf-extract saw {}",
                    theirs.len(),
                    pages.len()
                ))
            }
        })
    } else {
        thin_pages
            .iter()
            .map(|&i| {
                let one = poppler::pdftotext_pages(bytes, Some(i + 1))?;
                Ok((i, one.into_iter().next().unwrap_or_default()))
            })
            .collect()
    };
    let theirs = match fetched {
        Ok(t) => t,
        Err(why) => {
            diagnostics.push(diag(
                Severity::Warning,
                "pdf-text-quality",
                format!("extracted text looks damaged ({reason}); {why}"),
            ));
            return;
        }
    };
    let theirs: Vec<(usize, String, Quality)> = theirs
        .into_iter()
        .map(|(i, t)| {
            let t = clean::normalise_chars(&t);
            let q = Quality::of(&t);
            (i, t, q)
        })
        .collect();
    let mut their_total = Quality::default();
    for &i in &textual {
        if let Some((_, _, q)) = theirs.iter().find(|(k, _, _)| *k == i) {
            their_total.add(q);
        }
    }
    let replace: Vec<usize> = if doc_failure.is_some() && their_total.score() > total.score() {
        theirs.iter().map(|(i, _, _)| *i).collect()
    } else {
        theirs
            .iter()
            .filter(|(i, _, q)| {
                thin_pages.contains(i) && q.words >= per_page[*i].words + gate::MIN_PAGE_WORDS
            })
            .map(|(i, _, _)| *i)
            .collect()
    };
    if replace.is_empty() {
        diagnostics.push(diag(
            Severity::Info,
            "pdf-fallback-unused",
            format!("pdf-extract's text failed the quality gate ({reason}), but pdftotext's text was not better; kept pdf-extract's"),
        ));
        return;
    }
    for (i, text, _) in theirs {
        if replace.contains(&i) {
            pages[i] = text;
        }
    }
    let all = replace.len() == pages.len();
    *extractor = if all {
        EXTRACTOR_PDFTOTEXT.to_owned()
    } else {
        format!("{EXTRACTOR_PDF_EXTRACT}+{EXTRACTOR_PDFTOTEXT}")
    };
    let which = if all {
        "all pages".to_owned()
    } else {
        format!("page{} {}", plural(replace.len()), page_list(&replace))
    };
    diagnostics.push(diag(
        Severity::Info,
        "pdf-fallback-pdftotext",
        format!("text of {which} comes from pdftotext: pdf-extract's text failed the quality gate ({reason})"),
    ));
}

fn plural_pages(idx: &[usize]) -> String {
    format!("page{} {}", plural(idx.len()), page_list(idx))
}

/// A PDF that lopdf cannot load: pdftotext may still repair and read it (it rebuilds damaged
/// cross-reference tables); otherwise the load error stands.
fn extract_unloadable(bytes: &[u8], options: &Options, err: Error) -> Result<SourceText, Error> {
    let repairable = matches!(err.kind(), ErrorKind::CorruptPdf { .. });
    if !repairable || !options.pdftotext_fallback {
        return Err(err);
    }
    let Ok(pages) = poppler::pdftotext_pages(bytes, None) else {
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
    finish(pages, EXTRACTOR_PDFTOTEXT.to_owned(), diagnostics, None)
}

/// Clean-up, page joining and the no-text-layer decision.
fn finish(
    pages: Vec<String>,
    extractor: String,
    mut diagnostics: Vec<Diagnostic>,
    facts: Option<&PageFacts>,
) -> Result<SourceText, Error> {
    let n = pages.len();
    let words: Vec<usize> = pages.iter().map(|p| Quality::of(p).words).collect();
    if words.iter().sum::<usize>() == 0 {
        // Nothing readable: because pdf-extract failed, or because there is no text.
        let failure = diagnostics.iter().find(|d| d.code == "pdf-page-failed");
        if let (Some(f), Some(facts)) = (failure, facts) {
            if facts.failed.iter().all(|&x| x) || facts.may_show_text.iter().any(|&x| x) {
                return Err(Error::new(ErrorKind::ExtractorFailed {
                    reason: f.message.clone(),
                }));
            }
        }
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
    // Pages without a word: a scan or outlines (OCR is needed), text pdf-extract could not
    // decode, or a blank page (no diagnostic).
    for i in (0..n).filter(|&i| words[i] == 0) {
        let (shows_text, ink, paints) = match facts {
            Some(f) => (f.may_show_text[i], f.glyphs[i], f.paints[i]),
            None => (false, 0, true),
        };
        let (code, message) = if shows_text && ink > 0 {
            (
                "pdf-page-unreadable",
                format!("page {} draws text that could not be decoded (a font without a usable encoding)", i + 1),
            )
        } else if !shows_text && paints {
            (
                "pdf-page-no-text",
                format!(
                    "page {} has no text layer (a scan or outlined text): OCR is needed to read it",
                    i + 1
                ),
            )
        } else {
            continue;
        };
        let at = page_starts[i];
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            code: code.into(),
            message,
            span: Some(index.span(at, at)),
        });
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

fn repair_failed(during: &str, message: &str) -> Error {
    Error::new(ErrorKind::ExtractorFailed {
        reason: format!("lopdf panicked while {during}: {message}"),
    })
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
