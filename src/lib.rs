//! council-minutes: local-government meeting minutes (text, PDF) → typed records → JSON.
//!
//! The pipeline runs one way:
//! `source` (bytes → format → text) → `pdf` (PDF pages → text, contained) →
//! `segment` (lines and blocks) → `parse` (nom rules: headers, items, resolutions, votes,
//! attendance, money, dates) → [`model`] (the record) → JSON via serde.
//!
//! Every node of the record carries a [`Span`]: byte offsets into the source text (the input
//! itself for text; the extracted text for PDF, as `minutes text` prints it), a 1-based line
//! and, for PDF, a 1-based page.
//!
//! ```
//! use council_minutes::{parse_str, Options};
//!
//! let text = "Minutes of a meeting of the Cabinet held on 20 June 2012\n\n\
//!             5. Budget\nRESOLVED – That the report be noted.\n";
//! let doc = parse_str(text, &Options::default()).unwrap();
//! let item = &doc.meetings[0].items[0];
//! assert_eq!(item.number.as_deref(), Some("5"));
//! assert_eq!(item.resolutions[0].text, "That the report be noted.");
//! let json = serde_json::to_string(&doc).unwrap();
//! assert!(json.contains("\"2012-06-20\""));
//! ```

#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::type_complexity)
)]

pub mod error;
pub mod export;
pub mod model;
mod parse;
mod pdf;
mod segment;
mod source;
#[cfg(test)]
mod testgen;
pub mod worker;

pub use error::{Error, ErrorKind};
pub use model::*;
pub use source::SourceText;

/// Settings for one parse.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Options {
    /// The input path, recorded in `source.path` (null for stdin).
    pub path: Option<String>,
    /// Inputs larger than this are refused with [`ErrorKind::TooLarge`].
    pub max_input_bytes: u64,
    /// How to read all-numeric dates such as `06/05/2020`.
    pub date_order: DateOrder,
    /// Whether to fall back to poppler's `pdftotext` (when installed) for PDF pages whose
    /// extracted text fails the quality gate.
    pub pdftotext_fallback: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            path: None,
            max_input_bytes: 256 * 1024 * 1024,
            date_order: DateOrder::Auto,
            pdftotext_fallback: true,
        }
    }
}

impl Options {
    /// Options with `source.path` set.
    pub fn with_path(path: impl Into<String>) -> Options {
        Options {
            path: Some(path.into()),
            ..Options::default()
        }
    }
}

/// How to read an all-numeric date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum DateOrder {
    /// Day first unless the document reads as North American (US states, "Mayor", `$`),
    /// or the first number cannot be a day.
    #[default]
    Auto,
    /// `dd/mm/yyyy` (UK, Ireland, Australia, New Zealand).
    DayFirst,
    /// `mm/dd/yyyy` (US).
    MonthFirst,
}

/// Parses the text of minutes (already decoded) into a record.
///
/// Spans index into `text`. Fails only when `text` holds nothing but whitespace.
pub fn parse_str(text: &str, options: &Options) -> Result<Document, Error> {
    let source = source::text_source(text)?;
    Ok(build(text.as_bytes(), source, options))
}

/// Parses input bytes of any supported format (detected from the bytes) into a record.
pub fn parse_bytes(bytes: &[u8], options: &Options) -> Result<Document, Error> {
    let source = source_text(bytes, options)?;
    Ok(build(bytes, source, options))
}

/// Parses PDF bytes into a record. Fails with a clear error for non-PDF input.
pub fn parse_pdf(bytes: &[u8], options: &Options) -> Result<Document, Error> {
    check_size(bytes, options)?;
    let source = pdf::extract(bytes, options)?;
    Ok(build(bytes, source, options))
}

/// Whether [`parse_bytes`] reads `bytes` as a PDF: `%PDF-` within the first KiB. Callers that
/// route PDFs elsewhere (a worker process with time and memory limits, say) use this so their
/// rule is the library's.
pub fn is_pdf(bytes: &[u8]) -> bool {
    source::is_pdf(bytes)
}

/// The source text of an input: what spans index into and what `minutes text` prints.
pub fn source_text(bytes: &[u8], options: &Options) -> Result<SourceText, Error> {
    check_size(bytes, options)?;
    match source::detect(bytes) {
        source::Detected::Text => source::decode_text(bytes),
        source::Detected::Pdf => pdf::extract(bytes, options),
        source::Detected::Html => Err(Error::new(ErrorKind::UnsupportedFormat {
            what: "an HTML page (HTML input is not supported yet; save the page as text)".into(),
        })),
        source::Detected::Unsupported(what) => {
            Err(Error::new(ErrorKind::UnsupportedFormat { what }))
        }
    }
}

fn check_size(bytes: &[u8], options: &Options) -> Result<(), Error> {
    let n = bytes.len() as u64;
    if n > options.max_input_bytes {
        return Err(Error::new(ErrorKind::TooLarge {
            bytes: n,
            limit: options.max_input_bytes,
        }));
    }
    if bytes.is_empty() {
        return Err(Error::new(ErrorKind::Empty));
    }
    Ok(())
}

/// Builds the record of an input whose source text was already extracted, e.g. by
/// [`worker::extract_in_worker`] under time and memory limits: `bytes` are the input (for its id
/// and size), `source` what [`source_text`] returned for them.
pub fn parse_source(bytes: &[u8], source: SourceText, options: &Options) -> Document {
    build(bytes, source, options)
}

fn build(bytes: &[u8], source: SourceText, options: &Options) -> Document {
    let sha = source::sha256_hex(bytes);
    let parsed = parse::document(&source, options);
    let mut diagnostics = source.diagnostics.clone();
    diagnostics.extend(parsed.diagnostics);
    Document {
        schema_version: SCHEMA_VERSION,
        id: sha.clone(),
        source: Source {
            path: options.path.clone(),
            format: source.format,
            sha256: sha,
            bytes: bytes.len() as u64,
            pages: if source.format == Format::Pdf {
                Some(source.page_starts.len() as u32)
            } else {
                None
            },
            extractor: source.extractor.clone(),
        },
        kind: parsed.kind,
        title: parsed.title,
        authority: parsed.authority,
        meetings: parsed.meetings,
        amounts: parsed.amounts,
        diagnostics,
    }
}
