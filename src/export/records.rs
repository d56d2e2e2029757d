//! Reading records back: JSON Lines as `minutes parse --jsonl` writes them, or pretty JSON.

use super::error::{Error, ErrorKind};
use crate::{Document, SCHEMA_VERSION};
use serde::Deserialize;
use std::io::BufRead;

/// An iterator over the records in a JSON Lines stream (one compact record per line), which
/// also takes pretty-printed records (`minutes parse ONE_FILE`), one after another.
///
/// A line that is not a record gives an `Err` with its 1-based line number, and reading goes on
/// with the next line; an I/O error gives an `Err` and ends the iteration. Blank lines are
/// skipped.
#[derive(Debug)]
pub struct Records<R> {
    reader: R,
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> Records<R> {
    /// Reads records from `reader`.
    pub fn new(reader: R) -> Records<R> {
        Records {
            reader,
            line: 0,
            buf: Vec::with_capacity(64 * 1024),
            done: false,
        }
    }

    /// The number of lines read so far.
    pub fn lines_read(&self) -> u64 {
        self.line
    }

    /// Reads one line into `buf` (appending). `Ok(false)` at the end of input.
    fn read_line(&mut self) -> Result<bool, Error> {
        let n = self.reader.read_until(b'\n', &mut self.buf)?;
        if n == 0 {
            return Ok(false);
        }
        self.line += 1;
        Ok(true)
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Result<Document, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        self.buf.clear();
        // Skip blank lines.
        let start = loop {
            match self.read_line() {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                self.buf.clear();
                continue;
            }
            break self.line;
        };
        let pretty = self.buf.trim_ascii() == b"{";
        loop {
            match serde_json::from_slice::<Document>(&self.buf) {
                Ok(doc) if doc.schema_version == SCHEMA_VERSION => return Some(Ok(doc)),
                Ok(doc) => {
                    return Some(Err(Error::new(ErrorKind::SchemaVersion {
                        line: start,
                        found: doc.schema_version,
                    })))
                }
                // A pretty-printed record goes on over the next lines: read up to the next
                // line that closes a top-level object (serde_json ends it with `}` alone at
                // the start of a line), then try again. A compact line cut short is not read
                // on into the next records.
                Err(e) if e.is_eof() && pretty => loop {
                    match self.read_line() {
                        Ok(true) => {
                            if self.buf.ends_with(b"\n}\n") || self.buf.ends_with(b"\n}\r\n") {
                                break;
                            }
                        }
                        Ok(false) => {
                            self.done = true;
                            return Some(Err(not_a_record(start, &self.buf, &e)));
                        }
                        Err(io) => {
                            self.done = true;
                            return Some(Err(io));
                        }
                    }
                },
                Err(e) => return Some(Err(not_a_record(start, &self.buf, &e))),
            }
        }
    }
}

/// Just enough of a line to say why it is not a record.
#[derive(Deserialize)]
struct Probe {
    schema_version: Option<u32>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

fn not_a_record(line: u64, bytes: &[u8], err: &serde_json::Error) -> Error {
    if let Ok(probe) = serde_json::from_slice::<Probe>(bytes) {
        if let Some(found) = probe.schema_version.filter(|v| *v != SCHEMA_VERSION) {
            return Error::new(ErrorKind::SchemaVersion { line, found });
        }
        if probe.kind.as_deref() == Some("error") {
            return Error::new(ErrorKind::NotARecord {
                line,
                message: "an error line (from `minutes parse --errors`), not a record".into(),
            });
        }
    }
    Error::new(ErrorKind::NotARecord {
        line,
        message: err.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_json(pretty: bool) -> String {
        let doc = crate::parse_str(
            "Minutes of the Cabinet held on 1 May 2020\n\n1. Budget\nRESOLVED – That it be noted.\n",
            &crate::Options::default(),
        )
        .unwrap();
        if pretty {
            serde_json::to_string_pretty(&doc).unwrap()
        } else {
            serde_json::to_string(&doc).unwrap()
        }
    }

    #[test]
    fn reads_lines_pretty_records_and_reports_bad_lines() {
        let input = format!(
            "{}\n\n{}\n{{\"type\":\"error\",\"path\":\"x\"}}\nnot json\n{}\n",
            doc_json(false),
            doc_json(true),
            doc_json(false)
        );
        let got: Vec<_> = Records::new(input.as_bytes()).collect();
        assert_eq!(got.len(), 5);
        assert!(got[0].is_ok());
        assert!(got[1].is_ok());
        let err = got[2].as_ref().unwrap_err().to_string();
        assert!(err.contains("error line"), "{err}");
        assert!(got[3]
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("line "));
        assert!(got[4].is_ok());
    }

    #[test]
    fn schema_version_is_checked() {
        let line = doc_json(false).replace("\"schema_version\":1", "\"schema_version\":2");
        let got: Vec<_> = Records::new(line.as_bytes()).collect();
        assert_eq!(got[0].as_ref().unwrap_err().code(), "schema-version");
    }
}
