//! `minutes query`: find resolutions, recommendations, decisions, concerns and votes in an
//! exported database (or in records), each with a citation.

use super::export::{is_sqlite_file, RecordInput};
use super::io::Sink;
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use council_minutes::export::query::{self, Finding, Query, RowKind};
use council_minutes::export::{self, sqlite};
use jiff::civil::Date;
use rust_decimal::Decimal;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;

/// Arguments of `minutes query`.
#[derive(Debug, Args)]
pub(crate) struct QueryArgs {
    /// A database from `minutes export sqlite`, or records (JSON Lines from `minutes parse`;
    /// `-` reads stdin)
    #[arg(value_name = "SOURCE")]
    pub source: PathBuf,
    /// Full-text search (SQLite FTS5: words, "a phrase", OR, NOT, prefix*) in each row's text
    /// and its item's title; votes match on their item's title and text
    #[arg(short, long, value_name = "QUERY")]
    pub search: Option<String>,
    /// Only meetings whose body contains B (ignoring case); repeatable (any of them)
    #[arg(long, value_name = "B")]
    pub body: Vec<String>,
    /// Only meetings on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long, value_name = "DATE", value_parser = parse_period)]
    pub from: Option<Period>,
    /// Only meetings on or before DATE (YYYY-MM-DD, YYYY-MM or YYYY: the end of that month or year)
    #[arg(long, value_name = "DATE", value_parser = parse_period)]
    pub to: Option<Period>,
    /// Only rows of these kinds: resolution, recommendation, decision, concern, vote (repeatable
    /// or comma-separated)
    #[arg(long, value_name = "KIND", value_delimiter = ',', value_parser = parse_kind)]
    pub kind: Vec<RowKind>,
    /// Only rows that print an amount of at least X (any currency): 250000, 250,000, £1.5m, 20k
    #[arg(long, value_name = "X", value_parser = parse_amount)]
    pub min_amount: Option<Decimal>,
    /// At most N rows
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
    /// Output format [default: table on a terminal, jsonl otherwise]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<OutputFormat>,
}

/// How rows are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// Aligned columns, text wrapped to the terminal
    Table,
    /// CSV with a header row
    Csv,
    /// One JSON object per line
    Jsonl,
}

/// A date given as a day, a month or a year: its first and last day.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Period {
    first: Date,
    last: Date,
}

fn parse_period(s: &str) -> Result<Period, String> {
    let bad = || format!("`{s}` is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)");
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str| p.parse::<i16>().map_err(|_| bad());
    let (first, last) = match parts.as_slice() {
        [y] if y.len() == 4 => {
            let y = num(y)?;
            (
                Date::new(y, 1, 1).map_err(|_| bad())?,
                Date::new(y, 12, 31).map_err(|_| bad())?,
            )
        }
        [y, m] if y.len() == 4 => {
            let first = Date::new(num(y)?, i8::try_from(num(m)?).map_err(|_| bad())?, 1)
                .map_err(|_| bad())?;
            (first, first.last_of_month())
        }
        [y, _, _] if y.len() == 4 => {
            let d = Date::from_str(s.trim()).map_err(|_| bad())?;
            (d, d)
        }
        _ => return Err(bad()),
    };
    Ok(Period { first, last })
}

fn parse_kind(s: &str) -> Result<RowKind, String> {
    s.trim().parse()
}

/// `250000`, `250,000`, `£1.5m`, `20k`, `$2bn` → a decimal.
fn parse_amount(s: &str) -> Result<Decimal, String> {
    let bad = || format!("`{s}` is not an amount (e.g. 250000, 250,000, £1.5m, 20k)");
    let mut t: String = s
        .trim()
        .trim_start_matches(['£', '$', '€'])
        .chars()
        .filter(|c| *c != ',' && *c != '_')
        .collect::<String>()
        .to_ascii_lowercase();
    let mut scale = Decimal::ONE;
    for (suffix, factor) in [
        ("bn", 1_000_000_000u64),
        ("k", 1_000),
        ("m", 1_000_000),
        ("b", 1_000_000_000),
    ] {
        if let Some(rest) = t.strip_suffix(suffix) {
            scale = Decimal::from(factor);
            t = rest.trim_end().to_owned();
            break;
        }
    }
    let value = Decimal::from_str(&t).map_err(|_| bad())?;
    value.checked_mul(scale).ok_or_else(bad)
}

/// Runs `minutes query`: exit 0 with rows, 1 with none.
pub(crate) fn run(args: &QueryArgs) -> Result<ExitCode> {
    if let (Some(from), Some(to)) = (args.from, args.to) {
        if from.first > to.last {
            super::usage_error("query", "--from is after --to");
        }
    }
    let q = Query {
        search: args.search.clone(),
        bodies: args.body.clone(),
        from: args.from.map(|p| p.first),
        to: args.to.map(|p| p.last),
        kinds: args.kind.clone(),
        min_amount: args.min_amount,
        limit: args.limit,
    };
    let conn = open_source(&args.source)?;
    let format = args.format.unwrap_or(if io::stdout().is_terminal() {
        OutputFormat::Table
    } else {
        OutputFormat::Jsonl
    });
    let mut out = Sink::open(None)?;
    let result = match format {
        OutputFormat::Jsonl => query::for_each(&conn, &q, |f| {
            let mut line = serde_json::to_vec(&f).map_err(io::Error::from)?;
            line.push(b'\n');
            out.write_record(&line).map_err(to_export_error)
        }),
        OutputFormat::Csv => {
            out.write_record(&csv_line(
                &council_minutes::export::query::COLUMNS.map(str::to_owned),
            )?)?;
            query::for_each(&conn, &q, |f| {
                out.write_record(&csv_line(&csv_row(&f))?)
                    .map_err(to_export_error)
            })
        }
        OutputFormat::Table => query::run(&conn, &q).and_then(|rows| {
            let width = terminal_size::terminal_size().map_or(120, |(w, _)| usize::from(w.0));
            out.write_record(table(&rows, width).as_bytes())
                .map_err(to_export_error)?;
            Ok(rows.len() as u64)
        }),
    };
    let n = match result {
        Ok(n) => n,
        Err(e) if e.is_usage() => super::usage_error("query", e),
        Err(e) => return Err(e.into()),
    };
    out.finish()?;
    Ok(if n > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Carries an output error (a closed pipe included) through the query's callback.
fn to_export_error(e: anyhow::Error) -> export::Error {
    match e.downcast::<io::Error>() {
        Ok(io) => export::Error::from(io),
        Err(other) => export::Error::from(io::Error::other(format!("{other:#}"))),
    }
}

/// Opens a database read-only, or loads records into a database in memory.
fn open_source(path: &Path) -> Result<rusqlite::Connection> {
    if path != Path::new("-") {
        if !path.exists() {
            super::usage_error("query", format!("{}: no such file", path.display()));
        }
        if is_sqlite_file(path) {
            let conn = rusqlite::Connection::open_with_flags(
                path,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .with_context(|| format!("cannot open {}", path.display()))?;
            sqlite::check_ours(&conn).with_context(|| path.display().to_string())?;
            // Map the file rather than read() each page: a search touches pages all over
            // the indexes, and copying them costs more than the query.
            // The sort of a broad search's rows stays in memory.
            conn.execute_batch(
                "PRAGMA mmap_size = 1073741824; PRAGMA temp_store = MEMORY; \
                 PRAGMA cache_size = -65536;",
            )
            .with_context(|| format!("cannot read {}", path.display()))?;
            return Ok(conn);
        }
    }
    let input = RecordInput::open(Some(path), "query")?;
    let mut db = sqlite::Database::in_memory()?;
    input.for_each(|doc| db.add(doc))?;
    Ok(db.finish()?.0)
}

/// One CSV record, ending in a newline.
fn csv_line(fields: &[String; 17]) -> Result<Vec<u8>, export::Error> {
    let mut w = csv::Writer::from_writer(Vec::with_capacity(512));
    w.write_record(fields)?;
    w.into_inner()
        .map_err(|e| export::Error::from(e.into_error()))
}

fn csv_row(f: &Finding) -> [String; 17] {
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    let n = |x: Option<u32>| x.map(|v| v.to_string()).unwrap_or_default();
    let b = |x: Option<i64>| x.map(|v| v.to_string()).unwrap_or_default();
    [
        o(&f.date),
        o(&f.body),
        o(&f.item_number),
        o(&f.item_title),
        f.kind.clone(),
        o(&f.label),
        o(&f.raised_by),
        f.text.clone(),
        f.amounts.join("; "),
        f.citation.clone(),
        o(&f.source_path),
        n(f.page),
        n(f.line),
        b(f.span_start),
        b(f.span_end),
        f.id.clone(),
        f.document_id.clone(),
    ]
}

/// Cuts `s` to `width` characters, ending in `…` when cut.
fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Breaks `s` into lines of at most `width` characters, at spaces where it can.
fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for word in s.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if len > 0 {
                lines.push(std::mem::take(&mut line));
                len = 0;
            }
            lines.push(word.drain(..width).collect());
        }
        if len > 0 && len + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
            len = 0;
        }
        if len > 0 {
            line.push(' ');
            len += 1;
        }
        line.extend(word.iter());
        len += word.len();
    }
    if len > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Renders rows as a table `width` characters wide: date, body, item, kind, the text wrapped,
/// and the citation.
fn table(rows: &[Finding], width: usize) -> String {
    let item = |f: &Finding| match (&f.item_number, &f.item_title) {
        (Some(n), Some(t)) => format!("{n} {t}"),
        (Some(n), None) => n.clone(),
        (None, Some(t)) => t.clone(),
        (None, None) => String::new(),
    };
    let kind = |f: &Finding| match &f.label {
        Some(l) => format!("{} {l}", f.kind),
        None => f.kind.clone(),
    };
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|f| {
            [
                f.date.clone().unwrap_or_default(),
                f.body.clone().unwrap_or_default(),
                item(f),
                kind(f),
                f.text.clone(),
                f.citation.clone(),
            ]
        })
        .collect();
    let header = ["DATE", "BODY", "ITEM", "KIND", "TEXT", "CITATION"];
    let caps = [10, 20, 28, 18, usize::MAX, 60];
    let mut widths = [0usize; 6];
    for (i, h) in header.iter().enumerate() {
        widths[i] = cells
            .iter()
            .map(|c| c[i].chars().count())
            .max()
            .unwrap_or(0)
            .max(h.len())
            .min(caps[i]);
    }
    let fixed: usize = widths[0] + widths[1] + widths[2] + widths[3] + widths[5] + 2 * 5;
    widths[4] = width.saturating_sub(fixed).max(30);
    let mut out = String::new();
    let mut push_line = |cols: [&str; 6]| {
        let mut line = String::new();
        for (i, c) in cols.iter().enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            if i == 5 {
                line.push_str(c);
            } else {
                line.push_str(c);
                let pad = widths[i].saturating_sub(c.chars().count());
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    };
    push_line(header);
    for c in &cells {
        let text = wrap(&c[4], widths[4]);
        let first = [
            fit(&c[0], widths[0]),
            fit(&c[1], widths[1]),
            fit(&c[2], widths[2]),
            fit(&c[3], widths[3]),
        ];
        for (n, t) in text.iter().enumerate() {
            if n == 0 {
                push_line([&first[0], &first[1], &first[2], &first[3], t, &c[5]]);
            } else {
                push_line(["", "", "", "", t, ""]);
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        let p = parse_period("2012").unwrap();
        assert_eq!(
            (p.first.to_string(), p.last.to_string()),
            ("2012-01-01".into(), "2012-12-31".into())
        );
        let p = parse_period("2012-02").unwrap();
        assert_eq!(p.last.to_string(), "2012-02-29");
        let p = parse_period("2012-06-20").unwrap();
        assert_eq!(p.first, p.last);
        assert!(parse_period("20/06/2012").is_err());
        assert!(parse_period("2012-13").is_err());
    }

    #[test]
    fn amounts() {
        assert_eq!(parse_amount("250,000").unwrap(), Decimal::from(250_000));
        assert_eq!(parse_amount("£1.5m").unwrap(), Decimal::from(1_500_000));
        assert_eq!(parse_amount("20k").unwrap(), Decimal::from(20_000));
        assert_eq!(
            parse_amount("$2bn").unwrap(),
            Decimal::from(2_000_000_000u64)
        );
        assert!(parse_amount("lots").is_err());
    }

    #[test]
    fn wrapping() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("", 3), [""]);
    }
}
