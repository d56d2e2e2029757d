//! The typed document record: the output contract of `SCHEMA.md` (schema version 1).
//!
//! Every node carries a [`Span`] into the document's source text. Every field is always
//! serialised (`null` or `[]` when empty) so the shape of a record is fixed.

use jiff::civil::Date;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The schema version written into every record.
pub const SCHEMA_VERSION: u32 = 1;

/// A byte range into the document's source text, with its 1-based line and (for PDF) page.
///
/// `start`/`end` are byte offsets (end exclusive) into the text that `minutes text` prints:
/// the input file itself for valid UTF-8 text, the extracted pages for a PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based PDF page of `start`; null for text input.
    pub page: Option<u32>,
}

/// One input document, parsed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    pub schema_version: u32,
    /// Hex SHA-256 of the input bytes.
    pub id: String,
    pub source: Source,
    pub kind: Kind,
    /// The document's own title: issue title, decision title or minutes heading.
    pub title: Option<String>,
    /// The council or body that publishes it, where the text names it.
    pub authority: Option<String>,
    pub meetings: Vec<Meeting>,
    /// Money amounts found outside any item (headers, cover pages). Items hold their own.
    pub amounts: Vec<Amount>,
    /// What the parser could not read cleanly.
    pub diagnostics: Vec<Diagnostic>,
}

/// Where the record came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// The input path as given; null for stdin.
    pub path: Option<String>,
    pub format: Format,
    pub sha256: String,
    pub bytes: u64,
    /// Page count for PDF, else null.
    pub pages: Option<u32>,
    /// Which extractor produced the source text (`"pdf-extract"`, `"pdftotext"`); null for text.
    pub extractor: Option<String>,
}

/// Input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Text,
    Pdf,
    Html,
}

/// What kind of document this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// One issue across meetings (ModernGov "Issue - meetings").
    IssueHistory,
    /// One item of one meeting (ModernGov "Agenda item").
    AgendaItem,
    /// A decision notice, "Issue - decisions", "Decision details", record of decision.
    Decision,
    /// The minutes of one or more whole meetings.
    Minutes,
    /// An agenda: items, no decisions.
    Agenda,
    /// Not council proceedings.
    Other,
}

/// One meeting recorded by the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Meeting {
    /// ISO 8601 `YYYY-MM-DD`.
    #[schemars(with = "Option<String>")]
    pub date: Option<Date>,
    /// The committee or decision maker as printed.
    pub body: Option<String>,
    pub location: Option<String>,
    pub attendance: Attendance,
    pub items: Vec<Item>,
    pub span: Span,
}

/// Who attended.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Attendance {
    pub present: Vec<Person>,
    pub apologies: Vec<Person>,
    pub absent: Vec<Person>,
    pub in_attendance: Vec<Person>,
}

/// A person named in an attendance list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Person {
    /// The name as printed, with any title ("Councillor J Smith").
    pub name: String,
    /// The role where given ("Chair").
    pub role: Option<String>,
    pub span: Span,
}

/// One agenda item or minute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Item {
    /// The item or minute number as printed, without trailing punctuation.
    pub number: Option<String>,
    /// The heading, without number and attachment text.
    pub title: Option<String>,
    pub attachments: Vec<Attachment>,
    /// A decision block not introduced by "Resolved".
    pub decision: Vec<Part>,
    pub recommendations: Vec<Part>,
    pub resolutions: Vec<Part>,
    pub concerns: Vec<Concern>,
    pub statements: Vec<Statement>,
    pub votes: Vec<Vote>,
    pub amounts: Vec<Amount>,
    /// The item's full text, as extracted.
    pub text: String,
    pub span: Span,
}

/// A linked document (`pdf icon PDF 59 KB`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Attachment {
    pub title: Option<String>,
    /// Upper-case format name as printed (`"PDF"`).
    pub format: Option<String>,
    pub size_bytes: Option<u64>,
    pub span: Span,
}

/// A recommendation, decision or resolution, or a lettered/numbered part of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Part {
    /// The list label without brackets or dots; null for an unlabelled part.
    pub label: Option<String>,
    /// The text without its label, whitespace collapsed.
    pub text: String,
    pub parts: Vec<Part>,
    pub span: Span,
}

/// A concern, question or objection raised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Concern {
    pub raised_by: Option<String>,
    pub text: String,
    pub span: Span,
}

/// An attributed statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Statement {
    pub speaker: Option<String>,
    pub text: String,
    pub span: Span,
}

/// A recorded vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Vote {
    #[serde(rename = "for")]
    pub for_: Option<u32>,
    pub against: Option<u32>,
    pub abstain: Option<u32>,
    pub result: Option<VoteResult>,
    pub kind: Option<VoteKind>,
    pub for_names: Vec<String>,
    pub against_names: Vec<String>,
    pub abstain_names: Vec<String>,
    pub span: Span,
}

/// The outcome of a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VoteResult {
    Carried,
    Lost,
    Tied,
}

/// How a vote was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VoteKind {
    ShowOfHands,
    Recorded,
    Unanimous,
    Voice,
}

/// A money amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Amount {
    /// As printed: `"£163,000"`.
    pub text: String,
    /// Decimal value with scale words applied: `"163000"`, `£1.2m` → `"1200000"`.
    #[schemars(with = "String")]
    pub value: Decimal,
    /// ISO 4217 code: `"GBP"`, `"USD"`, `"EUR"`.
    pub currency: String,
    pub span: Span,
}

/// Something the parser could not read cleanly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable kebab-case code (`unrecognised-block`, `ambiguous-date`, ...).
    pub code: String,
    pub message: String,
    pub span: Option<Span>,
}

/// How serious a diagnostic is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}
