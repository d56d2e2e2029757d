//! Errors of the export layer.

use std::fmt;

/// An export or query error.
///
/// Messages are lowercase without a final period. [`Error::code`] is a stable kebab-case word.
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading the records or writing an output failed.
    Io(std::io::Error),
    /// A line of the input is not a record (`line` is 1-based).
    NotARecord { line: u64, message: String },
    /// A record of a schema version this build does not know.
    SchemaVersion { line: u64, found: u32 },
    /// SQLite failed.
    Sqlite(rusqlite::Error),
    /// Writing CSV failed.
    Csv(::csv::Error),
    /// The database exists but was not written by `minutes export sqlite` (or by a version
    /// with another table layout).
    NotOurDatabase { reason: String },
    /// The `--search` text is not a valid SQLite FTS5 query.
    BadSearch { message: String },
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error(Box::new(kind))
    }

    /// The kind of error.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// A stable kebab-case code (`not-a-record`, `bad-search`, ...).
    pub fn code(&self) -> &'static str {
        match &*self.0 {
            ErrorKind::Io(_) => "io",
            ErrorKind::NotARecord { .. } => "not-a-record",
            ErrorKind::SchemaVersion { .. } => "schema-version",
            ErrorKind::Sqlite(_) => "sqlite",
            ErrorKind::Csv(_) => "csv",
            ErrorKind::NotOurDatabase { .. } => "not-our-database",
            ErrorKind::BadSearch { .. } => "bad-search",
        }
    }

    /// Whether the error is the caller's (a bad query), not the data's or the machine's.
    pub fn is_usage(&self) -> bool {
        matches!(&*self.0, ErrorKind::BadSearch { .. })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            ErrorKind::Io(e) => write!(f, "{e}"),
            ErrorKind::NotARecord { line, message } => {
                write!(f, "line {line}: not a record: {message}")
            }
            ErrorKind::SchemaVersion { line, found } => write!(
                f,
                "line {line}: record of schema version {found}; this build reads version {}",
                crate::SCHEMA_VERSION
            ),
            ErrorKind::Sqlite(e) => write!(f, "sqlite: {e}"),
            ErrorKind::Csv(e) => write!(f, "csv: {e}"),
            ErrorKind::NotOurDatabase { reason } => {
                write!(
                    f,
                    "not a database written by `minutes export sqlite`: {reason}"
                )
            }
            ErrorKind::BadSearch { message } => write!(f, "bad search: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.0 {
            ErrorKind::Io(e) => Some(e),
            ErrorKind::Sqlite(e) => Some(e),
            ErrorKind::Csv(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::new(ErrorKind::Io(e))
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error::new(ErrorKind::Sqlite(e))
    }
}

impl From<::csv::Error> for Error {
    fn from(e: ::csv::Error) -> Error {
        Error::new(ErrorKind::Csv(e))
    }
}
