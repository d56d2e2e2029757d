//! The grammar of minutes: nom rules over segmented lines and blocks.

use crate::model::{Amount, Diagnostic, Kind, Meeting};
use crate::source::SourceText;
use crate::Options;

/// What the grammar found in one document.
#[derive(Debug)]
pub(crate) struct Parsed {
    pub kind: Kind,
    pub title: Option<String>,
    pub authority: Option<String>,
    pub meetings: Vec<Meeting>,
    pub amounts: Vec<Amount>,
    pub diagnostics: Vec<Diagnostic>,
}

pub(crate) fn document(_src: &SourceText, _options: &Options) -> Parsed {
    Parsed {
        kind: Kind::Other,
        title: None,
        authority: None,
        meetings: Vec::new(),
        amounts: Vec::new(),
        diagnostics: Vec::new(),
    }
}
