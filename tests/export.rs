//! `minutes export sqlite|csv` over the fixtures, checked with SQLite itself (and Datasette,
//! where it can be installed).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]

#[path = "export_support/mod.rs"]
mod support;

use rusqlite::Connection;
use std::collections::BTreeSet;
use std::path::Path;
use support::*;

fn counts(conn: &Connection) -> Vec<(&'static str, usize)> {
    council_minutes::export::TABLE_NAMES
        .iter()
        .map(|t| {
            let n: i64 = conn
                .query_row(&format!("SELECT count(*) FROM [{t}]"), [], |r| r.get(0))
                .unwrap();
            (*t, n as usize)
        })
        .collect()
}

fn ids(conn: &Connection) -> BTreeSet<String> {
    let mut all = BTreeSet::new();
    for t in council_minutes::export::TABLE_NAMES {
        let mut stmt = conn.prepare(&format!("SELECT id FROM [{t}]")).unwrap();
        for id in stmt.query_map([], |r| r.get::<_, String>(0)).unwrap() {
            assert!(all.insert(id.unwrap()), "duplicate id in {t}");
        }
    }
    all
}

/// The first resolution in the fixtures and a phrase of three plain words from it.
fn resolution_phrase(docs: &[council_minutes::Document]) -> (String, String) {
    for d in docs {
        for (mi, m) in d.meetings.iter().enumerate() {
            for (ii, i) in m.items.iter().enumerate() {
                for (ri, r) in i.resolutions.iter().enumerate() {
                    let words: Vec<&str> = r
                        .text
                        .split_whitespace()
                        .filter(|w| w.chars().all(char::is_alphabetic))
                        .collect();
                    if words.len() >= 6 {
                        let phrase = words[3..6].join(" ");
                        if r.text.contains(&phrase) {
                            return (format!("{}:m{mi}:i{ii}:res{ri}", d.id), phrase);
                        }
                    }
                }
            }
        }
    }
    panic!("no resolution with a plain phrase in the fixtures")
}

#[test]
fn sqlite_export_holds_every_record_with_keys_and_search() {
    let dir = scratch("sqlite");
    let docs = fixture_records();
    let db = export_db(&dir, &docs);
    let conn = Connection::open(&db).unwrap();

    assert_eq!(counts(&conn), expected_counts(&docs));

    // Foreign keys are declared and hold.
    let fks: i64 = conn
        .query_row(
            "SELECT count(*) FROM pragma_foreign_key_list('parts')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(fks, 3, "parts → items, parts, documents");
    let broken: Vec<String> = conn
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(broken.is_empty(), "foreign keys broken in {broken:?}");
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");

    // Dates are ISO, amounts exact.
    let bad_dates: i64 = conn
        .query_row(
            "SELECT count(*) FROM meetings WHERE date IS NOT NULL AND date(date) IS NOT date",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad_dates, 0);
    let (text, value): (String, String) = conn
        .query_row(
            "SELECT text, value FROM amounts WHERE text = '£163,000' LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((text.as_str(), value.as_str()), ("£163,000", "163000"));

    // Full-text search finds a phrase of a resolution, through the FTS table and its content
    // table as Datasette queries them.
    let (id, phrase) = resolution_phrase(&docs);
    let hits: Vec<String> = conn
        .prepare(
            "SELECT id FROM parts WHERE rowid IN \
             (SELECT rowid FROM parts_fts WHERE parts_fts MATCH ?)",
        )
        .unwrap()
        .query_map([format!("\"{phrase}\"")], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(hits.contains(&id), "{phrase:?} → {hits:?}, expected {id}");
    let items: i64 = conn
        .query_row(
            "SELECT count(*) FROM items_fts WHERE items_fts MATCH ?",
            [format!("\"{phrase}\"")],
            |r| r.get(0),
        )
        .unwrap();
    assert!(items >= 1);

    // The view of findings covers every part, concern and vote.
    let findings: i64 = conn
        .query_row("SELECT count(*) FROM findings", [], |r| r.get(0))
        .unwrap();
    let c = expected_counts(&docs);
    assert_eq!(findings as usize, c[4].1 + c[5].1 + c[7].1);

    // metadata.json beside it, with facets and notes.
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("metadata.json")).unwrap()).unwrap();
    let tables = &meta["databases"]["minutes"]["tables"];
    assert_eq!(tables["meetings"]["facets"][0], "body");
    assert_eq!(tables["findings"]["facets"][0], "kind");
    assert!(meta["license"].is_string() && meta["source"].is_string());
}

#[test]
fn upsert_adds_no_duplicates_and_ids_are_stable() {
    let dir = scratch("upsert");
    let docs = fixture_records();
    let (first, rest) = docs.split_at(docs.len() / 2);
    let db = export_db(&dir, first);
    let before = ids(&Connection::open(&db).unwrap());

    // The same records again, plus the rest: only the rest is added.
    let jsonl = dir.join("all.jsonl");
    write_jsonl(&jsonl, &docs);
    for _ in 0..2 {
        let out = run(&[
            "export",
            "sqlite",
            db.to_str().unwrap(),
            jsonl.to_str().unwrap(),
            "--upsert",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let conn = Connection::open(&db).unwrap();
        assert_eq!(counts(&conn), expected_counts(&docs));
        let after = ids(&conn);
        assert!(before.is_subset(&after));
    }
    let again = run(&[
        "export",
        "sqlite",
        db.to_str().unwrap(),
        jsonl.to_str().unwrap(),
        "--upsert",
    ]);
    assert!(
        stderr(&again).contains(&format!("({} unchanged)", docs.len())),
        "{}",
        stderr(&again)
    );

    // A record that changed (here: read from another path) replaces its document's rows.
    let mut moved = docs[0].clone();
    moved.source.path = Some("elsewhere/minutes.txt".into());
    let one = dir.join("moved.jsonl");
    write_jsonl(&one, &[moved]);
    let out = run(&[
        "export",
        "sqlite",
        db.to_str().unwrap(),
        one.to_str().unwrap(),
        "--upsert",
    ]);
    assert!(stderr(&out).contains("(1 replaced)"), "{}", stderr(&out));
    let conn = Connection::open(&db).unwrap();
    assert_eq!(counts(&conn), expected_counts(&docs));
    let path: String = conn
        .query_row(
            "SELECT source_path FROM documents WHERE id = ?",
            [&docs[0].id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(path, "elsewhere/minutes.txt");
    // The full-text index followed the replacement: no stale entries.
    let (id, phrase) = resolution_phrase(&docs);
    let hits: i64 = conn
        .query_row(
            "SELECT count(*) FROM parts_fts WHERE parts_fts MATCH ?",
            [format!("\"{phrase}\"")],
            |r| r.get(0),
        )
        .unwrap();
    let rows: i64 = conn
        .query_row(
            "SELECT count(*) FROM parts WHERE text LIKE ?",
            [format!("%{phrase}%")],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(hits, rows, "{id}");
    // FTS5's own check, against the content table too (rank 1).
    for t in ["items", "parts", "concerns"] {
        conn.execute(
            &format!("INSERT INTO {t}_fts({t}_fts, rank) VALUES('integrity-check', 1)"),
            [],
        )
        .unwrap();
    }

    // A fresh export of the same records gives the same ids.
    let fresh = scratch("upsert-fresh");
    let db2 = export_db(&fresh, &docs);
    assert_eq!(
        ids(&Connection::open(&db).unwrap()),
        ids(&Connection::open(&db2).unwrap())
    );
    assert!(!rest.is_empty());

    // Duplicates inside one input are replaced too.
    let twice: Vec<_> = docs.iter().chain(docs.iter()).cloned().collect();
    let dup = scratch("upsert-dup");
    let db3 = export_db(&dup, &twice);
    assert_eq!(
        counts(&Connection::open(&db3).unwrap()),
        expected_counts(&docs)
    );
}

#[test]
fn export_refuses_to_replace_what_is_not_its_database() {
    let dir = scratch("refuse");
    let docs = fixture_records();
    let jsonl = dir.join("one.jsonl");
    write_jsonl(&jsonl, &docs[..1]);
    let before = std::fs::read(&jsonl).unwrap();
    // Arguments the wrong way round: the records file named as the database.
    let out = run(&["export", "sqlite", jsonl.to_str().unwrap(), "-"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("not replacing"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&jsonl).unwrap(), before);
    // A database of ours is replaced whole without --upsert.
    let db = export_db(&dir, &docs);
    let out = run(&[
        "export",
        "sqlite",
        db.to_str().unwrap(),
        jsonl.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        counts(&Connection::open(&db).unwrap()),
        expected_counts(&docs[..1])
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn bad_lines_are_reported_and_skipped() {
    let dir = scratch("bad-lines");
    let docs = fixture_records();
    let mut text = serde_json::to_string(&docs[0]).unwrap();
    text.push_str("\n{\"type\":\"error\",\"path\":\"x.pdf\"}\nnot json\n");
    text.push_str(&serde_json::to_string(&docs[1]).unwrap());
    text.push('\n');
    let jsonl = dir.join("mixed.jsonl");
    std::fs::write(&jsonl, text).unwrap();
    let db = dir.join("m.db");
    let out = run(&[
        "export",
        "sqlite",
        db.to_str().unwrap(),
        jsonl.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("mixed.jsonl: line 2:"), "{err}");
    assert!(err.contains("mixed.jsonl: line 3:"), "{err}");
    assert_eq!(
        counts(&Connection::open(&db).unwrap()),
        expected_counts(&docs[..2])
    );
}

#[test]
fn records_from_stdin_and_pretty_json() {
    use std::io::Write;
    let dir = scratch("stdin");
    let docs = fixture_records();
    let pretty = serde_json::to_string_pretty(&docs[0]).unwrap() + "\n";
    let db = dir.join("m.db");
    let mut child = minutes()
        .args(["export", "sqlite", db.to_str().unwrap(), "-q"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(pretty.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "-q: {}", stderr(&out));
    assert_eq!(
        counts(&Connection::open(&db).unwrap()),
        expected_counts(&docs[..1])
    );
}

#[test]
fn csv_export_has_one_file_per_table_with_the_same_ids() {
    let dir = scratch("csv");
    let docs = fixture_records();
    let db = export_db(&dir, &docs);
    let out_dir = dir.join("csv");
    let out = run(&[
        "export",
        "csv",
        out_dir.to_str().unwrap(),
        dir.join("records.jsonl").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let conn = Connection::open(&db).unwrap();
    for (table, n) in expected_counts(&docs) {
        let mut reader = csv::Reader::from_path(out_dir.join(format!("{table}.csv"))).unwrap();
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(header, columns, "{table}");
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), n, "{table}");
        let db_ids: BTreeSet<String> = conn
            .prepare(&format!("SELECT id FROM [{table}]"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let csv_ids: BTreeSet<String> = rows.iter().map(|r| r[0].to_owned()).collect();
        assert_eq!(db_ids, csv_ids, "{table}");
    }
}

// ---------------------------------------------------------------------------------------------
// Datasette: installed from PyPI into a throwaway virtualenv, served on 127.0.0.1, stopped.

/// Runs `cmd`, killing it after `secs`; `None` if it failed or timed out.
fn run_bounded(cmd: &mut std::process::Command, secs: u64) -> Option<std::process::Output> {
    use std::process::Stdio;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(200))
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
    let out = child.wait_with_output().ok()?;
    out.status.success().then_some(out)
}

/// A virtualenv with Datasette in it (kept under the target directory between runs).
fn datasette() -> Result<std::path::PathBuf, String> {
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("datasette-venv");
    let bin = venv.join("bin").join("datasette");
    if bin.exists() {
        return Ok(bin);
    }
    let python = ["python3", "python"]
        .into_iter()
        .find(|p| {
            std::process::Command::new(p)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .ok_or("no python3")?;
    run_bounded(
        std::process::Command::new(python)
            .args(["-m", "venv"])
            .arg(&venv),
        60,
    )
    .ok_or("python3 -m venv failed")?;
    let pip = venv.join("bin").join("pip");
    if run_bounded(
        std::process::Command::new(&pip).args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "datasette",
        ]),
        150,
    )
    .is_none()
    {
        let _ = std::fs::remove_dir_all(&venv);
        return Err("pip install datasette failed or timed out".into());
    }
    Ok(bin)
}

/// GET `path` from 127.0.0.1:`port`; the body of a 200 response.
fn get(port: u16, path: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let (head, body) = response.split_once("\r\n\r\n")?;
    head.starts_with("HTTP/1.1 200")
        .then(|| body.to_owned())
        .or_else(|| head.starts_with("HTTP/1.0 200").then(|| body.to_owned()))
}

fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn datasette_opens_the_database_and_its_search_finds_a_resolution() {
    if std::env::var_os("MINUTES_SKIP_DATASETTE").is_some() {
        eprintln!("skipped: MINUTES_SKIP_DATASETTE is set");
        return;
    }
    let bin = match datasette() {
        Ok(bin) => bin,
        Err(why) => {
            eprintln!("skipped: Datasette cannot be installed here ({why})");
            return;
        }
    };
    let dir = scratch("datasette");
    let docs = fixture_records();
    let db = export_db(&dir, &docs);
    let (id, phrase) = resolution_phrase(&docs);

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let server = KillOnDrop(
        std::process::Command::new(&bin)
            .arg("serve")
            .arg(&db)
            .arg("--metadata")
            .arg(dir.join("metadata.json"))
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while get(port, "/-/versions.json").is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "Datasette did not start in 30 s"
        );
        std::thread::sleep(std::time::Duration::from_millis(250));
    }

    // Datasette detected the FTS table: `_search` narrows the table to the phrase's part.
    let body = get(
        port,
        &format!(
            "/minutes/parts.json?_shape=objects&_search={}",
            url_encode(&format!("\"{phrase}\""))
        ),
    )
    .expect("search request failed");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let rows = json["rows"].as_array().unwrap();
    let total = expected_counts(&docs)[4].1;
    assert!(!rows.is_empty() && rows.len() < total, "{body:.400}");
    assert!(rows.iter().any(|r| r["id"] == id.as_str()), "{body:.400}");

    // The metadata was read: the facets configured for meetings are applied.
    let body = get(port, "/minutes/meetings.json?_size=1").expect("meetings request failed");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(
        json["facet_results"].to_string().contains("body"),
        "{body:.400}"
    );
    drop(server);
}
