//! Reading input bytes: format detection, decoding, and the source text that spans index into.

use crate::error::{Error, ErrorKind};
use crate::model::{Diagnostic, Format, Severity, Span};
use sha2::{Digest, Sha256};

/// The text every span of a record indexes into, as `minutes text` prints it.
///
/// Serialisable so that the PDF worker process ([`crate::worker`]) can hand it to its parent.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SourceText {
    /// The text. For valid UTF-8 input this is the input itself (BOM and CRLF kept).
    pub text: String,
    /// Input format.
    pub format: Format,
    /// Byte offsets where each PDF page starts (pages are separated by U+000C); empty for text.
    pub page_starts: Vec<usize>,
    /// Which extractor produced the text, for PDF.
    pub extractor: Option<String>,
    /// Problems met while decoding or extracting.
    pub diagnostics: Vec<Diagnostic>,
    /// Byte ranges `(start, end)` of running headers and footers in `text` (PDF only): lines
    /// near the top or bottom of a page that repeat across pages once digits are ignored
    /// ("Page 3 of 16", the council's name, "DRAFT", a lone page number). They stay in the
    /// text, so spans keep pointing into what `minutes text` prints; the grammar should skip
    /// them when building items. Sorted, non-overlapping, each within one line (indentation and
    /// newline excluded). Empty for text input.
    #[serde(default)]
    pub furniture: Vec<(usize, usize)>,
}

/// Hex SHA-256 of bytes.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(hex_digit(b >> 4));
        out.push(hex_digit(b & 0xf));
    }
    out
}

fn hex_digit(n: u8) -> char {
    char::from_digit(u32::from(n), 16).unwrap_or('0')
}

/// Whether the bytes are read as a PDF: `%PDF-` within the first KiB (junk before the header,
/// as some servers add, is allowed).
pub(crate) fn is_pdf(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or(bytes);
    memchr::memmem::find(head, b"%PDF-").is_some()
}

/// What the first bytes of an input say it is.
pub(crate) fn detect(bytes: &[u8]) -> Detected {
    let head = trim_leading_ws(bytes.get(..bytes.len().min(1024)).unwrap_or(bytes));
    if is_pdf(bytes) {
        return Detected::Pdf;
    }
    if head.starts_with(b"%!PS") {
        return Detected::Unsupported("a PostScript print job (%!PS), not a PDF".into());
    }
    let lower: Vec<u8> = head.iter().take(256).map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || lower.starts_with(b"<head")
    {
        return Detected::Html;
    }
    for (magic, what) in [
        (&b"\x89PNG"[..], "a PNG image"),
        (&b"\xff\xd8\xff"[..], "a JPEG image"),
        (&b"GIF8"[..], "a GIF image"),
        (&b"PK\x03\x04"[..], "a ZIP archive (perhaps .docx or .xlsx)"),
        (
            &b"\xd0\xcf\x11\xe0"[..],
            "an old Microsoft Office file (.doc/.xls)",
        ),
        (&b"\x1f\x8b"[..], "a gzip archive"),
    ] {
        if bytes.starts_with(magic) {
            return Detected::Unsupported(what.into());
        }
    }
    // Binary junk: many NULs or control bytes in the first KiB.
    let sample = bytes.get(..bytes.len().min(4096)).unwrap_or(bytes);
    let control = sample
        .iter()
        .filter(|&&b| b < 0x09 || (0x0e..0x20).contains(&b) && b != 0x1b)
        .count();
    if !sample.is_empty() && control * 10 > sample.len() {
        return Detected::Unsupported("binary data, not text".into());
    }
    Detected::Text
}

/// The outcome of [`detect`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Detected {
    Text,
    Pdf,
    Html,
    Unsupported(String),
}

fn trim_leading_ws(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b);
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    b.get(n..).unwrap_or(b)
}

/// Decodes text input: valid UTF-8 is kept byte for byte; invalid UTF-8 is decoded lossily
/// with a diagnostic (spans then index into the decoded text, which `minutes text` prints).
pub(crate) fn decode_text(bytes: &[u8]) -> Result<SourceText, Error> {
    let mut diagnostics = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(e) => {
            let at = e.valid_up_to();
            let s = String::from_utf8_lossy(bytes).into_owned();
            diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                code: "invalid-utf8".into(),
                message: format!(
                    "input is not valid UTF-8 (first bad byte at offset {at}); bad bytes were replaced with U+FFFD and spans index into the decoded text"
                ),
                span: None,
            });
            s
        }
    };
    let mut source = text_source(text)?;
    source.diagnostics = diagnostics;
    Ok(source)
}

/// The source of text already decoded: no validation, one copy. Fails when `text` holds nothing
/// but white space.
pub(crate) fn text_source(text: impl Into<String>) -> Result<SourceText, Error> {
    let text = text.into();
    if text.chars().all(|c| c.is_whitespace() || c == '\u{feff}') {
        return Err(Error::new(ErrorKind::Empty));
    }
    Ok(SourceText {
        text,
        format: Format::Text,
        page_starts: Vec::new(),
        extractor: None,
        diagnostics: Vec::new(),
        furniture: Vec::new(),
    })
}

/// Maps byte offsets to 1-based lines and pages.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    line_starts: Vec<usize>,
    page_starts: Vec<usize>,
}

impl LineIndex {
    /// The index of a text whose lines (as line feeds break them) start at `line_starts`:
    /// `0`, then one past each `\n`, as [`crate::segment::lines_and_starts`] gives them.
    pub(crate) fn from_starts(line_starts: Vec<usize>, page_starts: &[usize]) -> LineIndex {
        LineIndex {
            line_starts,
            page_starts: page_starts.to_vec(),
        }
    }

    pub(crate) fn new(text: &str, page_starts: &[usize]) -> LineIndex {
        // room for lines of 32 bytes on average, so that most texts never grow the vector
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            line_starts,
            page_starts: page_starts.to_vec(),
        }
    }

    /// The span of `start..end`.
    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        let line = self.line_starts.partition_point(|&s| s <= start);
        let page = if self.page_starts.is_empty() {
            None
        } else {
            Some(self.page_starts.partition_point(|&s| s <= start).max(1) as u32)
        };
        Span {
            start,
            end: end.max(start),
            line: line.max(1) as u32,
            page,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats() {
        let table: &[(&[u8], Detected)] = &[
            (b"%PDF-1.4\n...", Detected::Pdf),
            (b"\xef\xbb\xbfMinutes", Detected::Text),
            (b"<!DOCTYPE html><html>", Detected::Html),
            (b"<html><head><title>302 Found</title>", Detected::Html),
            (b"Issue - meetings\n", Detected::Text),
        ];
        for (input, want) in table {
            assert_eq!(&detect(input), want, "{input:?}");
        }
        assert!(matches!(
            detect(b"%!PS-Adobe-3.0\n"),
            Detected::Unsupported(_)
        ));
        assert!(matches!(detect(&[0u8; 100]), Detected::Unsupported(_)));
    }

    #[test]
    fn line_index() {
        let text = "a\nbc\n\nd";
        let ix = LineIndex::new(text, &[]);
        assert_eq!(ix.span(0, 1).line, 1);
        assert_eq!(ix.span(2, 4).line, 2);
        assert_eq!(ix.span(5, 5).line, 3);
        assert_eq!(ix.span(6, 7).line, 4);
        let ix = LineIndex::new("p1\x0cp2", &[0, 3]);
        assert_eq!(ix.span(3, 5).page, Some(2));
        assert_eq!(ix.span(0, 1).page, Some(1));
    }

    #[test]
    fn empty_is_an_error() {
        assert!(decode_text(b"").is_err());
        assert!(decode_text(b" \n\t\r\n").is_err());
        assert!(decode_text(b"\xef\xbb\xbf").is_err());
    }

    #[test]
    fn invalid_utf8_is_decoded_with_a_diagnostic() {
        let src = decode_text(b"Minutes \xff of a meeting").unwrap();
        assert_eq!(src.diagnostics.len(), 1);
        assert_eq!(src.diagnostics[0].code, "invalid-utf8");
        assert!(src.text.contains('\u{fffd}'));
    }
}
