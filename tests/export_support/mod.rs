//! Helpers shared by `tests/export.rs` and `tests/query.rs`: the fixtures parsed with the
//! library, written as JSON Lines, exported with the `minutes` binary.

#![allow(dead_code)]

use council_minutes::{parse_bytes, Document, Options, Part};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn minutes() -> Command {
    Command::new(env!("CARGO_BIN_EXE_minutes"))
}

pub fn run(args: &[&str]) -> Output {
    minutes().args(args).output().unwrap()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh directory under the target's temporary directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("export-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every `fixtures/*.txt`, parsed with the library, with its absolute path as `source.path`.
pub fn fixture_records() -> Vec<Document> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap();
            parse_bytes(&bytes, &Options::with_path(p.to_str().unwrap())).unwrap()
        })
        .collect()
}

pub fn write_jsonl(path: &Path, docs: &[Document]) {
    let mut text = String::new();
    for d in docs {
        text.push_str(&serde_json::to_string(d).unwrap());
        text.push('\n');
    }
    std::fs::write(path, text).unwrap();
}

/// Exports `docs` to `dir/minutes.db` with the binary; returns the database path.
pub fn export_db(dir: &Path, docs: &[Document]) -> PathBuf {
    let jsonl = dir.join("records.jsonl");
    write_jsonl(&jsonl, docs);
    let db = dir.join("minutes.db");
    let out = run(&[
        "export",
        "sqlite",
        db.to_str().unwrap(),
        jsonl.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    db
}

pub fn count_parts(parts: &[Part]) -> usize {
    parts.iter().map(|p| 1 + count_parts(&p.parts)).sum()
}

/// Rows each table should hold for `docs`, in `TABLE_NAMES` order.
pub fn expected_counts(docs: &[Document]) -> Vec<(&'static str, usize)> {
    let mut n = [0usize; 11];
    for d in docs {
        n[0] += 1;
        n[10] += d.diagnostics.len();
        n[8] += d.amounts.len();
        for m in &d.meetings {
            n[1] += 1;
            let a = &m.attendance;
            n[2] += a.present.len() + a.apologies.len() + a.absent.len() + a.in_attendance.len();
            for i in &m.items {
                n[3] += 1;
                n[4] += count_parts(&i.decision)
                    + count_parts(&i.recommendations)
                    + count_parts(&i.resolutions);
                n[5] += i.concerns.len();
                n[6] += i.statements.len();
                n[7] += i.votes.len();
                n[8] += i.amounts.len();
                n[9] += i.attachments.len();
            }
        }
    }
    council_minutes::export::TABLE_NAMES
        .iter()
        .zip(n)
        .map(|(t, n)| (*t, n))
        .collect()
}

/// Whitespace collapsed to single spaces.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
