//! PDF text extraction: the only module that touches pdf-extract.

use crate::error::{Error, ErrorKind};
use crate::source::SourceText;
use crate::Options;

/// Extracts the text of a PDF, pages joined by U+000C.
pub(crate) fn extract(_bytes: &[u8], _options: &Options) -> Result<SourceText, Error> {
    Err(Error::new(ErrorKind::UnsupportedFormat {
        what: "PDF input is not supported yet".into(),
    }))
}
