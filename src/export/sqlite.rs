//! Records → a SQLite database that Datasette and sqlite-utils open as they are.
//!
//! - Normalised tables (see [`super`] for the ids) with `REFERENCES` foreign keys and indexes
//!   on the parent keys.
//! - Dates are ISO 8601 TEXT; money is exact decimal TEXT (`value`) beside a REAL (`value_num`)
//!   for sorting and ranges.
//! - Full-text search with FTS5 over `items` (title, text), `parts` and `concerns` (text), in the
//!   layout sqlite-utils `enable-fts --create-triggers` makes: a virtual table `<table>_fts`
//!   declared with `content="<table>"` (which is how Datasette detects it) and `<table>_ai`,
//!   `_ad`, `_au` triggers that keep it in step with its table. The tokenizer is Porter
//!   stemming over unicode61, so `closure` also finds `closures`.
//! - A view `findings`: one row per resolution, recommendation, decision, concern and vote with
//!   its date, body, item and citation; the rows `minutes query` prints.
//! - `PRAGMA application_id` marks the file as ours and `PRAGMA user_version` holds the table
//!   layout version, so `--upsert` refuses a database it did not write.

use super::error::{Error, ErrorKind};
use super::tables::{self, Rows, Table, Value, T, TABLES};
use crate::Document;
use rusqlite::types::{ToSql, ToSqlOutput, ValueRef};
use rusqlite::{params_from_iter, Connection, OpenFlags, OptionalExtension};
use serde_json::{json, Map};
use std::collections::HashSet;
use std::path::Path;

/// `PRAGMA application_id` of an export: "MINS".
pub const APPLICATION_ID: i32 = 0x4d49_4e53;
/// `PRAGMA user_version` of an export: the version of the table layout.
pub const LAYOUT_VERSION: i32 = 1;

/// The tables with full-text search, and their indexed columns.
pub const FTS: [(&str, &[&str]); 3] = [
    ("items", &["title", "text"]),
    ("parts", &["text"]),
    ("concerns", &["text"]),
];

const TOKENIZER: &str = "porter unicode61 remove_diacritics 2";

impl ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Int(n) => ValueRef::Integer(*n),
            Value::Real(x) if x.is_nan() => ValueRef::Null,
            Value::Real(x) => ValueRef::Real(*x),
            Value::Text(s) => ValueRef::Text(s.as_bytes()),
        }))
    }
}

fn create_table_sql(t: &Table) -> String {
    let cols: Vec<String> = t
        .columns
        .iter()
        .map(|c| format!("  [{}] {}", c.name, c.decl))
        .collect();
    format!("CREATE TABLE [{}] (\n{}\n);\n", t.name, cols.join(",\n"))
}

/// Tables, the full-text tables and the view.
fn tables_sql() -> String {
    let mut sql = String::new();
    for t in &TABLES {
        sql.push_str(&create_table_sql(t));
    }
    for (table, cols) in FTS {
        let list = cols
            .iter()
            .map(|c| format!("[{c}]"))
            .collect::<Vec<_>>()
            .join(", ");
        sql.push_str(&format!(
            "CREATE VIRTUAL TABLE [{table}_fts] USING FTS5 (\n  {list},\n  \
             tokenize='{TOKENIZER}',\n  content=\"{table}\"\n);\n"
        ));
    }
    sql.push_str(&format!(
        "CREATE VIEW [findings] AS\n{}\n;\n",
        super::query::findings_sql()
    ));
    sql
}

/// Indexes on the parent keys (on `document_id` only where it is the only parent: every id
/// starts with its document's id, so the primary key finds a document's rows) and on the
/// meetings' date and body; the triggers that keep the full-text tables in step.
fn indexes_sql() -> String {
    let mut sql = String::new();
    for t in &TABLES {
        let parents: Vec<&str> = t
            .columns
            .iter()
            .map(|c| c.name)
            .filter(|n| n.ends_with("_id"))
            .collect();
        for c in parents
            .iter()
            .filter(|c| **c != "document_id" || parents.len() == 1)
        {
            sql.push_str(&format!(
                "CREATE INDEX [idx_{t}_{c}] ON [{t}] ([{c}]);\n",
                t = t.name
            ));
        }
    }
    sql.push_str("CREATE INDEX [idx_meetings_date] ON [meetings] ([date]);\n");
    sql.push_str("CREATE INDEX [idx_meetings_body] ON [meetings] ([body]);\n");
    for (table, cols) in FTS {
        let list = cols
            .iter()
            .map(|c| format!("[{c}]"))
            .collect::<Vec<_>>()
            .join(", ");
        let new = cols
            .iter()
            .map(|c| format!("new.[{c}]"))
            .collect::<Vec<_>>()
            .join(", ");
        let old = cols
            .iter()
            .map(|c| format!("old.[{c}]"))
            .collect::<Vec<_>>()
            .join(", ");
        sql.push_str(&format!(
            "CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] BEGIN\n  \
               INSERT INTO [{table}_fts] (rowid, {list}) VALUES (new.rowid, {new});\nEND;\n\
             CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] BEGIN\n  \
               INSERT INTO [{table}_fts] ([{table}_fts], rowid, {list}) \
               VALUES('delete', old.rowid, {old});\nEND;\n\
             CREATE TRIGGER [{table}_au] AFTER UPDATE ON [{table}] BEGIN\n  \
               INSERT INTO [{table}_fts] ([{table}_fts], rowid, {list}) \
               VALUES('delete', old.rowid, {old});\n  \
               INSERT INTO [{table}_fts] (rowid, {list}) VALUES (new.rowid, {new});\nEND;\n"
        ));
    }
    sql
}

/// Notes for `metadata.json`: where the data comes from and under what terms.
#[derive(Debug, Clone, Default)]
pub struct Notes {
    pub title: Option<String>,
    pub source: Option<String>,
    pub source_url: Option<String>,
    pub license: Option<String>,
    pub license_url: Option<String>,
}

/// What a database holds after an export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records read.
    pub records: u64,
    /// Records whose document was already in the database (or earlier in the input) with a
    /// different record (parsed by another version, or from another path), and whose rows
    /// were replaced.
    pub replaced: u64,
    /// Records already in the database as they are: left alone.
    pub unchanged: u64,
    /// Rows per table after the export, in [`super::TABLE_NAMES`] order.
    pub rows: Vec<(&'static str, u64)>,
}

/// A database being written. Rows go in one transaction, committed by
/// [`Database::finish`]; dropping a `Database` without finishing rolls it back.
///
/// A new database is bulk-loaded: its indexes, full-text indexes and triggers are built by
/// `finish`, so query it only after that. Foreign keys are declared, and hold by
/// construction (parents are written before children); they are not enforced while writing,
/// which would cost a lookup per row and a scan per replaced document.
#[derive(Debug)]
pub struct Database {
    conn: Connection,
    seen: HashSet<String>,
    /// Whether the database had documents before this run (so every record is checked).
    existing: bool,
    records: u64,
    replaced: u64,
    unchanged: u64,
    insert_sql: Vec<String>,
}

impl Database {
    /// Creates a new database at `path`, which must not exist or be empty. The file is
    /// written with no rollback journal: on failure delete it (the CLI writes to a temporary
    /// file and renames it when done).
    pub fn create(path: &Path) -> Result<Database, Error> {
        if path.metadata().is_ok_and(|m| m.len() > 0) {
            return Err(Error::new(ErrorKind::Io(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!("{} already exists", path.display()),
            ))));
        }
        let conn = Connection::open(path)?;
        conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")?;
        Database::init(conn)
    }

    /// A database in memory (for queries over JSON Lines, and tests).
    pub fn in_memory() -> Result<Database, Error> {
        Database::init(Connection::open_in_memory()?)
    }

    /// Opens a database written by an earlier export, to add or replace documents.
    pub fn open(path: &Path) -> Result<Database, Error> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        check_ours(&conn)?;
        Database::start(conn, true)
    }

    fn init(conn: Connection) -> Result<Database, Error> {
        conn.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {LAYOUT_VERSION};"
        ))?;
        Database::start(conn, false)
    }

    fn start(conn: Connection, existing: bool) -> Result<Database, Error> {
        // Outside a transaction, or the pragma is a no-op (the bundled SQLite enforces foreign
        // keys by default). A large page cache: ids are hashes, so index inserts land all over
        // the tree.
        conn.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA cache_size = -262144; BEGIN;")?;
        if !existing {
            conn.execute_batch(&tables_sql())?;
        }
        conn.set_prepared_statement_cache_capacity(64);
        let insert_sql = TABLES
            .iter()
            .map(|t| {
                let marks = vec!["?"; t.columns.len()].join(", ");
                format!("INSERT INTO [{}] VALUES ({marks})", t.name)
            })
            .collect();
        Ok(Database {
            conn,
            seen: HashSet::new(),
            existing,
            records: 0,
            replaced: 0,
            unchanged: 0,
            insert_sql,
        })
    }

    /// Adds one record. A document already in the database (same id) has all its rows
    /// replaced, unless its record is the same, so adding the same records twice leaves no
    /// duplicates (and costs little).
    pub fn add(&mut self, doc: &Document) -> Result<(), Error> {
        self.records += 1;
        let sha = tables::record_sha256(doc);
        let again = !self.seen.insert(doc.id.clone());
        if again || self.existing {
            let stored: Option<String> = self
                .conn
                .prepare_cached("SELECT record_sha256 FROM documents WHERE id = ?")?
                .query_row([&doc.id], |r| r.get(0))
                .optional()?;
            match stored {
                Some(s) if s == sha => {
                    self.unchanged += 1;
                    return Ok(());
                }
                Some(_) => {
                    self.replaced += 1;
                    self.delete(&doc.id)?;
                }
                None => {}
            }
        }
        tables::walk(doc, &sha, &mut Inserter { db: self })
    }

    /// Deletes a document and all its rows, children first. Every row's id starts with
    /// `<document id>:`, so the primary keys find them; in an existing database the FTS
    /// triggers take their text out of the index.
    fn delete(&self, id: &str) -> Result<(), Error> {
        let low = format!("{id}:");
        let high = format!("{id};");
        for t in TABLES.iter().skip(1).rev() {
            self.conn
                .prepare_cached(&format!(
                    "DELETE FROM [{}] WHERE id >= ?1 AND id < ?2",
                    t.name
                ))?
                .execute([&low, &high])?;
        }
        self.conn
            .prepare_cached("DELETE FROM documents WHERE id = ?")?
            .execute([id])?;
        Ok(())
    }

    /// The connection, inside the open transaction.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Builds the indexes and full-text indexes of a new database, commits, and returns the
    /// connection with a summary.
    pub fn finish(self) -> Result<(Connection, Summary), Error> {
        if !self.existing {
            self.conn.execute_batch(&indexes_sql())?;
            for (table, _) in FTS {
                self.conn.execute_batch(&format!(
                    "INSERT INTO [{table}_fts] ([{table}_fts]) VALUES ('rebuild');"
                ))?;
            }
        }
        self.conn.execute_batch("COMMIT;")?;
        let rows = count_rows(&self.conn)?;
        let summary = Summary {
            records: self.records,
            replaced: self.replaced,
            unchanged: self.unchanged,
            rows,
        };
        Ok((self.conn, summary))
    }
}

struct Inserter<'a> {
    db: &'a Database,
}

impl Rows for Inserter<'_> {
    fn row(&mut self, table: T, values: &[Value<'_>]) -> Result<(), Error> {
        self.db
            .conn
            .prepare_cached(&self.db.insert_sql[table as usize])?
            .execute(params_from_iter(values.iter()))?;
        Ok(())
    }
}

/// Checks that a database was written by `minutes export sqlite` with this table layout.
pub fn check_ours(conn: &Connection) -> Result<(), Error> {
    let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if app != APPLICATION_ID {
        return Err(Error::new(ErrorKind::NotOurDatabase {
            reason: "its application_id is not ours".into(),
        }));
    }
    if version != LAYOUT_VERSION {
        return Err(Error::new(ErrorKind::NotOurDatabase {
            reason: format!(
                "table layout version {version}; this build writes version {LAYOUT_VERSION}"
            ),
        }));
    }
    Ok(())
}

/// Rows per table, in [`super::TABLE_NAMES`] order.
pub fn count_rows(conn: &Connection) -> Result<Vec<(&'static str, u64)>, Error> {
    TABLES
        .iter()
        .map(|t| {
            let n: i64 =
                conn.query_row(&format!("SELECT count(*) FROM [{}]", t.name), [], |r| {
                    r.get(0)
                })?;
            Ok((t.name, u64::try_from(n).unwrap_or(0)))
        })
        .collect()
}

/// Datasette metadata for a database named `db_name` (the file name without `.db`): titles,
/// source and licence notes, table and column descriptions, facets (body, date, kind), and
/// the full-text tables hidden. Entries of other databases in `existing` (an earlier
/// `metadata.json` beside it) are kept.
pub fn datasette_metadata(
    db_name: &str,
    notes: &Notes,
    existing: Option<serde_json::Value>,
) -> serde_json::Value {
    let mut top = match existing {
        Some(serde_json::Value::Object(map)) => map,
        _ => Map::new(),
    };
    let mut set = |key: &str, value: Option<&String>, default: Option<&str>| {
        match (value, default) {
            (Some(v), _) => {
                top.insert(key.into(), json!(v));
            }
            (None, Some(d)) => {
                top.entry(key).or_insert_with(|| json!(d));
            }
            (None, None) => {}
        };
    };
    set("title", notes.title.as_ref(), Some("Council minutes"));
    set(
        "description",
        None,
        Some(
            "Meetings, items, resolutions, recommendations, decisions, concerns, votes and money \
             amounts read from published meeting minutes by council-minutes. Every row carries \
             the line (and PDF page) of the source document it was read from.",
        ),
    );
    set(
        "source",
        notes.source.as_ref(),
        Some("Minutes published by each authority; see documents.source_path"),
    );
    set("source_url", notes.source_url.as_ref(), None);
    set(
        "license",
        notes.license.as_ref(),
        Some(
            "As set by each publishing authority (UK councils often use the Open Government \
             Licence); check before republishing",
        ),
    );
    set("license_url", notes.license_url.as_ref(), None);

    let mut tables_meta = Map::new();
    for t in &TABLES {
        let columns: Map<String, serde_json::Value> = t
            .columns
            .iter()
            .map(|c| (c.name.to_owned(), json!(c.doc)))
            .collect();
        let mut entry = Map::new();
        entry.insert("description".into(), json!(t.doc));
        entry.insert("columns".into(), serde_json::Value::Object(columns));
        let extra = match t.name {
            "documents" => {
                json!({"label_column": "title", "facets": ["kind", "authority", "source_format"]})
            }
            "meetings" => {
                json!({"label_column": "label", "facets": ["body", {"date": "date"}], "sort_desc": "date"})
            }
            "attendance" => json!({"label_column": "name", "facets": ["status", "role"]}),
            "items" => json!({"label_column": "title"}),
            "parts" => json!({"label_column": "label_path", "facets": ["kind", "depth"]}),
            "concerns" => json!({"facets": ["raised_by"]}),
            "statements" => json!({"facets": ["speaker"]}),
            "votes" => json!({"facets": ["result", "kind"]}),
            "amounts" => {
                json!({"label_column": "text", "facets": ["currency"], "sort_desc": "value_num"})
            }
            "attachments" => json!({"label_column": "title", "facets": ["format"]}),
            "diagnostics" => json!({"facets": ["severity", "code"]}),
            _ => json!({}),
        };
        if let serde_json::Value::Object(extra) = extra {
            entry.extend(extra);
        }
        tables_meta.insert(t.name.into(), serde_json::Value::Object(entry));
    }
    tables_meta.insert(
        "findings".into(),
        json!({
            "description": "One row per resolution, recommendation, decision, concern and vote, \
                            with its meeting's date and body, its item, and where it is printed \
                            (the rows `minutes query` prints). Search the parts, concerns and \
                            items tables for full text.",
            "facets": ["kind", "body", {"date": "date"}],
            "sort": "date"
        }),
    );
    for (table, _) in FTS {
        tables_meta.insert(format!("{table}_fts"), json!({"hidden": true}));
    }
    let databases = top
        .entry("databases")
        .or_insert_with(|| serde_json::Value::Object(Map::new()));
    if !databases.is_object() {
        *databases = serde_json::Value::Object(Map::new());
    }
    if let serde_json::Value::Object(dbs) = databases {
        dbs.insert(db_name.into(), json!({ "tables": tables_meta }));
    }
    serde_json::Value::Object(top)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_is_valid_sql_and_detectable_by_datasette() {
        let (conn, summary) = Database::in_memory().unwrap().finish().unwrap();
        // Datasette's detect_fts: a virtual table whose SQL names content="<table>".
        for (table, _) in FTS {
            let n: i64 = conn
                .query_row(
                    &format!(
                        "SELECT count(*) FROM sqlite_master WHERE rootpage = 0 AND \
                         sql LIKE '%VIRTUAL TABLE%USING FTS%content=\"{table}\"%'"
                    ),
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(n, 1, "{table}");
        }
        check_ours(&conn).unwrap();
        assert!(summary.rows.iter().all(|(_, n)| *n == 0));
    }

    #[test]
    fn metadata_keeps_other_databases() {
        let existing = json!({"title": "Mine", "databases": {"other": {"tables": {}}}});
        let meta = datasette_metadata("minutes", &Notes::default(), Some(existing));
        assert_eq!(meta["title"], "Mine");
        assert!(meta["databases"]["other"].is_object());
        assert_eq!(
            meta["databases"]["minutes"]["tables"]["meetings"]["facets"][0],
            "body"
        );
    }
}
