//! Records → one UTF-8 CSV per table, with a header row, for spreadsheets and csvkit.
//!
//! The tables, columns and ids are those of the SQLite export ([`super::TABLE_NAMES`]); null is
//! an empty cell, and the name lists of votes are JSON arrays.

use super::error::Error;
use super::tables::{self, Rows, Value, T, TABLES};
use crate::Document;
use std::io::Write;

/// CSV writers, one per table, in [`super::TABLE_NAMES`] order.
#[derive(Debug)]
pub struct Tables<W: Write> {
    writers: Vec<::csv::Writer<W>>,
    rows: Vec<u64>,
    scratch: String,
}

impl<W: Write> Tables<W> {
    /// Opens one writer per table with `open(table_name)` and writes the header rows.
    pub fn new(mut open: impl FnMut(&str) -> Result<W, Error>) -> Result<Tables<W>, Error> {
        let mut writers = Vec::with_capacity(TABLES.len());
        for t in &TABLES {
            let mut w = ::csv::WriterBuilder::new()
                .buffer_capacity(64 * 1024)
                .from_writer(open(t.name)?);
            w.write_record(t.columns.iter().map(|c| c.name))?;
            writers.push(w);
        }
        Ok(Tables {
            writers,
            rows: vec![0; TABLES.len()],
            scratch: String::new(),
        })
    }

    /// Writes the rows of one record.
    pub fn add(&mut self, doc: &Document) -> Result<(), Error> {
        tables::walk(doc, &tables::record_sha256(doc), self)
    }

    /// Flushes every file and returns the writers with the row count of each table.
    pub fn finish(self) -> Result<Vec<(&'static str, u64, W)>, Error> {
        let mut out = Vec::with_capacity(TABLES.len());
        for ((t, w), n) in TABLES.iter().zip(self.writers).zip(self.rows) {
            let inner = w.into_inner().map_err(|e| Error::from(e.into_error()))?;
            out.push((t.name, n, inner));
        }
        Ok(out)
    }
}

impl<W: Write> Rows for Tables<W> {
    fn row(&mut self, table: T, values: &[Value<'_>]) -> Result<(), Error> {
        let w = &mut self.writers[table as usize];
        for v in values {
            self.scratch.clear();
            let cell: &str = match v {
                Value::Null => "",
                Value::Int(n) => {
                    self.scratch.push_str(&n.to_string());
                    &self.scratch
                }
                Value::Real(x) if x.is_finite() => {
                    self.scratch.push_str(&x.to_string());
                    &self.scratch
                }
                Value::Real(_) => "",
                Value::Text(s) => s,
            };
            w.write_field(cell)?;
        }
        w.write_record(None::<&[u8]>)?;
        self.rows[table as usize] += 1;
        Ok(())
    }
}
