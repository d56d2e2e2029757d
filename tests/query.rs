//! `minutes query` over the fixtures' export: each filter narrows as documented, exit codes,
//! formats, and citations that point at the text of each row.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "export_support/mod.rs"]
mod support;

use council_minutes::Document;
use rust_decimal::Decimal;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::OnceLock;
use support::*;

struct Data {
    docs: Vec<Document>,
    db: PathBuf,
    jsonl: PathBuf,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        let dir = scratch("query");
        let docs = fixture_records();
        let db = export_db(&dir, &docs);
        Data {
            docs,
            db,
            jsonl: dir.join("records.jsonl"),
        }
    })
}

/// Runs `minutes query <db> ARGS --format jsonl`; the exit code and the rows.
fn query_on(source: &Path, args: &[&str]) -> (i32, Vec<Value>) {
    let mut all = vec!["query", source.to_str().unwrap()];
    all.extend_from_slice(args);
    if !args.contains(&"--format") {
        all.extend_from_slice(&["--format", "jsonl"]);
    }
    let out = run(&all);
    let rows = String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (out.status.code().unwrap(), rows)
}

fn query(args: &[&str]) -> Vec<Value> {
    let (code, rows) = query_on(&data().db, args);
    assert_eq!(code, if rows.is_empty() { 1 } else { 0 }, "{args:?}");
    rows
}

fn ids(rows: &[Value]) -> Vec<String> {
    rows.iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

/// `narrow` is a non-empty strict subset of `all`.
fn narrows(all: &[Value], narrow: &[Value], what: &str) {
    let all_ids = ids(all);
    assert!(!narrow.is_empty(), "{what}: no rows");
    assert!(narrow.len() < all.len(), "{what}: did not narrow");
    for id in ids(narrow) {
        assert!(
            all_ids.contains(&id),
            "{what}: {id} not in the unfiltered rows"
        );
    }
}

#[test]
fn no_filter_gives_every_part_concern_and_vote() {
    let rows = query(&[]);
    let c = expected_counts(&data().docs);
    assert_eq!(rows.len(), c[4].1 + c[5].1 + c[7].1);
    // Date order, undated rows last.
    let dates: Vec<Option<&str>> = rows.iter().map(|r| r["date"].as_str()).collect();
    let dated: Vec<&str> = dates.iter().map_while(|d| *d).collect();
    assert!(dated.windows(2).all(|w| w[0] <= w[1]));
    assert!(dates[dated.len()..].iter().all(Option::is_none));
}

#[test]
fn each_filter_narrows_as_documented() {
    let all = query(&[]);

    let rows = query(&["--search", "library"]);
    narrows(&all, &rows, "--search");
    for r in &rows {
        let hay = format!(
            "{} {} {}",
            r["text"],
            r["item_title"],
            item_text(r["id"].as_str().unwrap())
        )
        .to_lowercase();
        assert!(hay.contains("librar"), "{r}");
    }
    let phrase = query(&["--search", "\"mobile library routes\""]);
    narrows(&rows, &phrase, "--search phrase");
    assert!(phrase[0]["text"]
        .as_str()
        .unwrap()
        .contains("mobile library routes"));

    let rows = query(&["--body", "cabinet"]);
    narrows(&all, &rows, "--body");
    assert!(rows.iter().all(|r| r["body"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("cabinet")));

    let rows = query(&["--from", "2012-01-01", "--to", "2014-12-31"]);
    narrows(&all, &rows, "--from/--to");
    assert!(rows.iter().all(|r| {
        let d = r["date"].as_str().unwrap();
        ("2012-01-01"..="2014-12-31").contains(&d)
    }));
    let year = query(&["--from", "2012", "--to", "2014"]);
    assert_eq!(ids(&year), ids(&rows), "years are whole years");

    for kind in [
        "resolution",
        "recommendation",
        "decision",
        "concern",
        "vote",
    ] {
        let rows = query(&["--kind", kind]);
        narrows(&all, &rows, kind);
        assert!(rows.iter().all(|r| r["kind"] == kind), "{kind}");
    }
    let two = query(&["--kind", "concern,vote"]);
    assert_eq!(
        two.len(),
        query(&["--kind", "concern"]).len() + query(&["--kind", "vote"]).len()
    );

    let rows = query(&["--min-amount", "100,000"]);
    narrows(&all, &rows, "--min-amount");
    let min = Decimal::from(100_000);
    for r in &rows {
        let amounts = amounts_in_span(r);
        assert!(amounts.iter().any(|a| *a >= min), "{r}");
    }
    let more = query(&["--min-amount", "£1m"]);
    assert!(more.len() < rows.len());

    let rows = query(&["--limit", "3"]);
    assert_eq!(ids(&rows), ids(&all[..3]));

    // Filters combine with AND.
    let rows = query(&["--search", "library", "--kind", "vote"]);
    assert!(rows.iter().all(|r| r["kind"] == "vote"));
    assert!(!rows.is_empty());
}

/// The text of the item holding row `id`.
fn item_text(id: &str) -> String {
    let (doc, m, i) = locate(id);
    data().docs[doc].meetings[m].items[i].text.clone()
}

/// (document index, meeting, item) of a row id `<doc>:m<M>:i<I>:...`.
fn locate(id: &str) -> (usize, usize, usize) {
    let mut parts = id.split(':');
    let doc = parts.next().unwrap();
    let m: usize = parts.next().unwrap()[1..].parse().unwrap();
    let i: usize = parts.next().unwrap()[1..].parse().unwrap();
    let d = data().docs.iter().position(|d| d.id == doc).unwrap();
    (d, m, i)
}

/// The values of the record's amounts within a row's span.
fn amounts_in_span(r: &Value) -> Vec<Decimal> {
    let (d, m, i) = locate(r["id"].as_str().unwrap());
    let start = r["span_start"].as_u64().unwrap() as usize;
    let end = r["span_end"].as_u64().unwrap() as usize;
    data().docs[d].meetings[m].items[i]
        .amounts
        .iter()
        .filter(|a| a.span.start >= start && a.span.end <= end)
        .map(|a| a.value)
        .collect()
}

#[test]
fn citations_point_at_the_rows_text() {
    let rows = query(&[]);
    for r in &rows {
        let path = r["source_path"].as_str().unwrap();
        let source = std::fs::read_to_string(path).unwrap();
        let start = r["span_start"].as_u64().unwrap() as usize;
        let end = r["span_end"].as_u64().unwrap() as usize;
        let line = r["line"].as_u64().unwrap() as usize;
        assert_eq!(
            source[..start].matches('\n').count() + 1,
            line,
            "line of {}",
            r["id"]
        );
        assert_eq!(
            r["citation"].as_str().unwrap(),
            format!("{path}, line {line}")
        );
        if r["kind"] == "vote" {
            // A vote's text is a summary; its span lies within its item's.
            let (d, m, i) = locate(r["id"].as_str().unwrap());
            let item = &data().docs[d].meetings[m].items[i].span;
            assert!(item.start <= start && end <= item.end, "{r}");
            continue;
        }
        let at = squash(&source[start..end]);
        let text = squash(r["text"].as_str().unwrap());
        if r["kind"] == "concern" {
            // a point that runs on over a page break leaves the page's furniture out: its
            // words are found in the span in order
            let mut hay = at.split(' ');
            assert!(
                text.split(' ').all(|w| hay.any(|h| h == w)),
                "{}: span text {at:?} does not hold the words of {text:?} in order",
                r["id"]
            );
            continue;
        }
        assert!(
            at.contains(&text),
            "{}: span text {at:?} does not hold {text:?}",
            r["id"]
        );
    }
}

#[test]
fn jsonl_source_gives_the_same_rows_as_the_database() {
    let d = data();
    let from_db = query(&["--search", "budget OR library", "--kind", "resolution,vote"]);
    let (code, from_jsonl) = query_on(
        &d.jsonl,
        &["--search", "budget OR library", "--kind", "resolution,vote"],
    );
    assert_eq!(code, 0);
    assert_eq!(from_db, from_jsonl);
}

#[test]
fn exit_codes_and_usage_errors() {
    let db = data().db.to_str().unwrap();
    let (code, rows) = query_on(&data().db, &["--search", "zzzzqqqq"]);
    assert_eq!((code, rows.len()), (1, 0));
    for bad in [
        vec!["--from", "20/06/2012"],
        vec!["--kind", "motion"],
        vec!["--min-amount", "lots"],
        vec!["--search", "AND"],
        vec!["--search", "\"unbalanced"],
        vec!["--format", "xml"],
        vec!["--from", "2014", "--to", "2012"],
    ] {
        let mut args = vec!["query", db];
        args.extend(&bad);
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{bad:?}");
    }
    let out = run(&["query", "/no/such/file.db"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn csv_and_table_formats() {
    let db = data().db.to_str().unwrap();
    let out = run(&["query", db, "--kind", "vote", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        &header[..5],
        ["date", "body", "item_number", "item_title", "kind"]
    );
    assert!(header.contains(&"citation".to_owned()));
    let n = reader.records().count();
    assert_eq!(n, query(&["--kind", "vote"]).len());

    let out = run(&[
        "query", db, "--kind", "vote", "--format", "table", "--limit", "2",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("DATE") && lines[0].contains("CITATION"));
    assert!(lines[1].contains(", line "));
    // Not a terminal: JSON Lines by default.
    let out = run(&["query", db, "--limit", "1"]);
    assert!(serde_json::from_slice::<Value>(&out.stdout).is_ok());
}

#[test]
fn decimal_comparison_is_exact() {
    // £163,000 is in the seed's decision (b): at the boundary it is kept, a penny above not.
    let at = query(&["--min-amount", "163000", "--kind", "decision"]);
    assert!(at.iter().any(|r| r["amounts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "£163,000")));
    let seed_b = |rows: &[Value]| {
        rows.iter()
            .any(|r| r["text"].as_str().unwrap().contains("£163,000"))
    };
    assert!(seed_b(&at));
    let above = query(&["--min-amount", "248510.01", "--kind", "decision"]);
    assert!(!seed_b(&above));
    assert_eq!(Decimal::from_str("163000").unwrap(), Decimal::from(163_000));
}
