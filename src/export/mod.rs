//! Exports: records → a Datasette-ready SQLite database, CSV files, and queries with citations.
//!
//! This is the `emit` end of the pipeline: it reads [`Document`] records (as `minutes parse`
//! writes them) and never parses minutes itself. Every exported row has a stable id derived from
//! its document's id and the node's position in the record, so exporting the same records
//! again gives the same ids:
//!
//! | table | id | parent |
//! |---|---|---|
//! | `documents` | `<doc>` (the record's id, the SHA-256 of the input) | |
//! | `meetings` | `<doc>:m0` | `document_id` |
//! | `attendance` | `<doc>:m0:present3` (`present`, `apologies`, `absent`, `in_attendance`) | `meeting_id` |
//! | `items` | `<doc>:m0:i3` | `meeting_id` |
//! | `parts` | `<doc>:m0:i3:res1`, a sub-part `<doc>:m0:i3:res1.2` (`dec`, `rec`, `res`) | `item_id`, `parent_id` |
//! | `concerns` | `<doc>:m0:i3:con0` | `item_id` |
//! | `statements` | `<doc>:m0:i3:st0` | `item_id` |
//! | `votes` | `<doc>:m0:i3:v0` | `item_id` |
//! | `amounts` | `<doc>:m0:i3:a0`, or `<doc>:a0` outside any item | `item_id` (null outside items) |
//! | `attachments` | `<doc>:m0:i3:att0` | `item_id` |
//! | `diagnostics` | `<doc>:diag0` | `document_id` |
//!
//! Positions are 0-based, in document order. Every row also carries `document_id`.
//!
//! ```
//! use council_minutes::{parse_str, Options};
//! use council_minutes::export::{self, query::Query};
//!
//! let text = "Minutes of a meeting of the Cabinet held on 20 June 2012\n\n\
//!             5. Library service\nRESOLVED – That the mobile library be retained at £40,000.\n";
//! let doc = parse_str(text, &Options::with_path("cabinet.txt")).unwrap();
//! let mut db = export::sqlite::Database::in_memory().unwrap();
//! db.add(&doc).unwrap();
//! let (conn, _summary) = db.finish().unwrap();
//! let query = Query { search: Some("mobile library".into()), ..Query::default() };
//! let rows = export::query::run(&conn, &query).unwrap();
//! assert_eq!(rows[0].kind, "resolution");
//! assert_eq!(rows[0].citation, "cabinet.txt, line 4");
//! ```

pub mod csv;
mod error;
pub mod query;
mod records;
pub mod sqlite;
mod tables;

pub use error::{Error, ErrorKind};
pub use records::Records;
pub use tables::TABLE_NAMES;
