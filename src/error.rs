//! The fatal error type: an input that cannot be read as a document at all.
//!
//! Everything short of that is a [`crate::Diagnostic`] on the record.

use std::fmt;

/// A per-input error: the input could not be turned into a record.
///
/// Messages are lowercase without a final period. [`Error::code`] is a stable kebab-case word
/// that batch tools can group on.
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input could not be read (I/O).
    Io(std::io::Error),
    /// The input holds no text at all (zero bytes or only whitespace).
    Empty,
    /// The input is larger than the configured limit.
    TooLarge { bytes: u64, limit: u64 },
    /// The bytes are not a format we read (binary junk, PostScript, an image, ...).
    UnsupportedFormat { what: String },
    /// A file named or shaped like a PDF that is not one (e.g. an HTML error page).
    NotPdf { what: String },
    /// The PDF is encrypted with a password we do not have.
    Encrypted,
    /// The PDF has no text layer (a scan or outlined text): OCR is needed.
    NoTextLayer { pages: u32 },
    /// The PDF is damaged beyond repair.
    CorruptPdf { reason: String },
    /// Extraction exceeded its time limit.
    Timeout { seconds: u64 },
    /// Extraction exceeded its memory limit.
    MemoryLimit { bytes: u64 },
    /// The PDF library failed unexpectedly (a panic caught at the boundary).
    ExtractorFailed { reason: String },
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error(Box::new(kind))
    }

    /// The kind of error.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// A stable kebab-case code for this error (`not-a-pdf`, `pdf-encrypted`, ...).
    pub fn code(&self) -> &'static str {
        match &*self.0 {
            ErrorKind::Io(_) => "io",
            ErrorKind::Empty => "empty-input",
            ErrorKind::TooLarge { .. } => "too-large",
            ErrorKind::UnsupportedFormat { .. } => "unsupported-format",
            ErrorKind::NotPdf { .. } => "not-a-pdf",
            ErrorKind::Encrypted => "pdf-encrypted",
            ErrorKind::NoTextLayer { .. } => "pdf-no-text-layer",
            ErrorKind::CorruptPdf { .. } => "pdf-corrupt",
            ErrorKind::Timeout { .. } => "timeout",
            ErrorKind::MemoryLimit { .. } => "memory-limit",
            ErrorKind::ExtractorFailed { .. } => "pdf-extractor-failed",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            ErrorKind::Io(e) => write!(f, "cannot read input: {e}"),
            ErrorKind::Empty => write!(f, "input is empty: there is no text to parse"),
            ErrorKind::TooLarge { bytes, limit } => {
                write!(f, "input is {bytes} bytes, over the limit of {limit} bytes")
            }
            ErrorKind::UnsupportedFormat { what } => {
                write!(f, "not a format minutes can read: {what}")
            }
            ErrorKind::NotPdf { what } => write!(f, "not a PDF: {what}"),
            ErrorKind::Encrypted => {
                write!(
                    f,
                    "the PDF is encrypted with a password; it cannot be read without it"
                )
            }
            ErrorKind::NoTextLayer { pages } => write!(
                f,
                "the PDF has no text layer ({pages} pages of images or outlines): OCR is needed"
            ),
            ErrorKind::CorruptPdf { reason } => write!(f, "the PDF is damaged: {reason}"),
            ErrorKind::Timeout { seconds } => {
                write!(f, "extraction took longer than {seconds} s and was stopped")
            }
            ErrorKind::MemoryLimit { bytes } => {
                write!(
                    f,
                    "extraction needed more than {bytes} bytes of memory and was stopped"
                )
            }
            ErrorKind::ExtractorFailed { reason } => {
                write!(f, "the PDF extractor failed: {reason}")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.0 {
            ErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::new(ErrorKind::Io(e))
    }
}
