//! Questions to an exported database: which resolutions, recommendations, decisions, concerns
//! and votes match, with where each is printed.
//!
//! A row (a [`Finding`]) is one part (a resolution, recommendation or decision, or one of its
//! lettered parts), one concern or one vote, with its meeting's date and body, its item's number
//! and title, its text, the amounts printed in it, and a citation: the source path, PDF page and
//! line of its span. The database view `findings` holds the same rows.
//!
//! Filters (all optional, combined with AND):
//! - `search`: an SQLite FTS5 query (words, `"a phrase"`, `OR`, `NOT`, `prefix*`), matched with
//!   Porter stemming against the row's own text or its item's title; a vote matches when its
//!   item's title or text does.
//! - `bodies`: the meeting's body contains one of these, ignoring ASCII case.
//! - `from`, `to`: the meeting's date lies in this range, both ends included (rows without a
//!   date are left out when either is given).
//! - `kinds`: the row is of one of these kinds.
//! - `min_amount`: an amount of at least this value (in any currency) is printed within the
//!   row's own span.
//!
//! Rows come in date order (undated last), then by document and place in the document.

use super::error::{Error, ErrorKind};
use jiff::civil::Date;
use rusqlite::functions::FunctionFlags;
use rusqlite::types::ToSql;
use rusqlite::Connection;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;
use std::str::FromStr;

/// The kind of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RowKind {
    Resolution,
    Recommendation,
    Decision,
    Concern,
    Vote,
}

impl RowKind {
    /// All kinds.
    pub const ALL: [RowKind; 5] = [
        RowKind::Resolution,
        RowKind::Recommendation,
        RowKind::Decision,
        RowKind::Concern,
        RowKind::Vote,
    ];

    /// The name used in rows and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            RowKind::Resolution => "resolution",
            RowKind::Recommendation => "recommendation",
            RowKind::Decision => "decision",
            RowKind::Concern => "concern",
            RowKind::Vote => "vote",
        }
    }
}

impl FromStr for RowKind {
    type Err = String;

    fn from_str(s: &str) -> Result<RowKind, String> {
        RowKind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| {
                format!(
                    "unknown kind `{s}` (expected one of: {})",
                    RowKind::ALL.map(RowKind::name).join(", ")
                )
            })
    }
}

/// What to look for. The default matches every row.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub search: Option<String>,
    pub bodies: Vec<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// Empty: every kind.
    pub kinds: Vec<RowKind>,
    pub min_amount: Option<Decimal>,
    pub limit: Option<u64>,
}

/// One matching row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// ISO date of the meeting.
    pub date: Option<String>,
    /// The committee or decision maker.
    pub body: Option<String>,
    pub item_number: Option<String>,
    pub item_title: Option<String>,
    /// `resolution`, `recommendation`, `decision`, `concern` or `vote`.
    pub kind: String,
    /// For a part, its labels from the top (`b.ii`).
    pub label: Option<String>,
    /// Who raised a concern.
    pub raised_by: Option<String>,
    /// The text; for a vote, a summary (`carried: 26 for, 3 against, 0 abstaining (recorded)`).
    pub text: String,
    /// Money amounts printed within the row's span, as printed.
    pub amounts: Vec<String>,
    /// `<source path>[, page P], line L`.
    pub citation: String,
    pub source_path: Option<String>,
    pub page: Option<u32>,
    pub line: Option<u32>,
    /// Byte offsets of the span in the source text (`minutes text`).
    pub span_start: Option<i64>,
    pub span_end: Option<i64>,
    /// The row's stable id.
    pub id: String,
    pub document_id: String,
}

/// The columns every branch selects, in [`Finding`] order; also the CSV header of `minutes query`.
pub const COLUMNS: [&str; 17] = [
    "date",
    "body",
    "item_number",
    "item_title",
    "kind",
    "label",
    "raised_by",
    "text",
    "amounts",
    "citation",
    "source_path",
    "page",
    "line",
    "span_start",
    "span_end",
    "id",
    "document_id",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Branch {
    Parts,
    Concerns,
    Votes,
}

/// The SELECT of one kind of row, with `x` its table's alias, joined to its item `i`, meeting
/// `m` and document `d`. `sep` separates amounts.
fn branch_select(branch: Branch, sep: &str) -> String {
    let (table, kind, label, raised_by, text) = match branch {
        Branch::Parts => ("parts", "x.kind", "x.label_path", "NULL", "x.text"),
        Branch::Concerns => ("concerns", "'concern'", "NULL", "x.raised_by", "x.text"),
        Branch::Votes => (
            "votes",
            "'vote'",
            "NULL",
            "NULL",
            "coalesce(x.result, 'result not recorded') \
             || coalesce(': ' || x.votes_for || ' for, ' || x.votes_against || ' against' \
             || coalesce(', ' || x.votes_abstain || ' abstaining', ''), '') \
             || coalesce(' (' || replace(x.kind, '_', ' ') || ')', '')",
        ),
    };
    format!(
        "SELECT m.date AS date, m.body AS body, i.number AS item_number, i.title AS item_title, \
         {kind} AS kind, {label} AS label, {raised_by} AS raised_by, {text} AS text, \
         (SELECT group_concat(a.text, '{sep}') FROM amounts a WHERE a.item_id = x.item_id \
          AND a.span_start >= x.span_start AND a.span_end <= x.span_end) AS amounts, \
         coalesce(d.source_path, '<stdin>') || coalesce(', page ' || x.page, '') \
          || ', line ' || x.line AS citation, \
         d.source_path AS source_path, x.page AS page, x.line AS line, \
         x.span_start AS span_start, x.span_end AS span_end, x.id AS id, \
         x.document_id AS document_id\n\
         FROM [{table}] x JOIN items i ON i.id = x.item_id JOIN meetings m ON m.id = i.meeting_id \
         JOIN documents d ON d.id = x.document_id"
    )
}

/// The SQL of the `findings` view.
pub(crate) fn findings_sql() -> String {
    [Branch::Parts, Branch::Concerns, Branch::Votes]
        .map(|b| branch_select(b, "; "))
        .join("\nUNION ALL\n")
}

const AMOUNT_SEP: &str = "\u{1f}";

/// Items whose title matches `:search`.
const TITLE_MATCH: &str =
    "SELECT id FROM items WHERE rowid IN (SELECT rowid FROM items_fts WHERE items_fts MATCH :search_title)";

fn where_clauses(branch: Branch, q: &Query, part_kinds: &[&str]) -> Vec<String> {
    let mut w = Vec::new();
    if branch == Branch::Parts && part_kinds.len() < 3 {
        let list = part_kinds
            .iter()
            .map(|k| format!("'{k}'"))
            .collect::<Vec<_>>()
            .join(", ");
        w.push(format!("x.kind IN ({list})"));
    }
    if q.search.is_some() {
        w.push(match branch {
            Branch::Parts | Branch::Concerns => {
                let t = if branch == Branch::Parts {
                    "parts"
                } else {
                    "concerns"
                };
                format!(
                    "x.rowid IN (SELECT rowid FROM {t}_fts WHERE {t}_fts MATCH :search \
                     UNION SELECT y.rowid FROM {t} y WHERE y.item_id IN ({TITLE_MATCH}))"
                )
            }
            Branch::Votes => "x.item_id IN (SELECT id FROM items WHERE rowid IN \
                 (SELECT rowid FROM items_fts WHERE items_fts MATCH :search))"
                .to_owned(),
        });
    }
    if q.from.is_some() {
        w.push("m.date >= :from".into());
    }
    if q.to.is_some() {
        w.push("m.date <= :to".into());
    }
    if !q.bodies.is_empty() {
        let any = (0..q.bodies.len())
            .map(|n| format!("m.body LIKE :body{n} ESCAPE '\\'"))
            .collect::<Vec<_>>()
            .join(" OR ");
        w.push(format!("({any})"));
    }
    if q.min_amount.is_some() {
        w.push(
            "EXISTS (SELECT 1 FROM amounts a WHERE a.item_id = x.item_id \
             AND a.span_start >= x.span_start AND a.span_end <= x.span_end \
             AND a.value_num >= :min_num AND minutes_decimal_ge(a.value, :min))"
                .into(),
        );
    }
    w
}

/// Named SQL parameters.
type Params = Vec<(String, Box<dyn ToSql>)>;

/// The SQL and its named parameters for a query.
fn build(q: &Query) -> (String, Params) {
    let wants = |k: RowKind| q.kinds.is_empty() || q.kinds.contains(&k);
    let part_kinds: Vec<&str> = [
        RowKind::Resolution,
        RowKind::Recommendation,
        RowKind::Decision,
    ]
    .into_iter()
    .filter(|k| wants(*k))
    .map(RowKind::name)
    .collect();
    let mut branches = Vec::new();
    for (branch, on) in [
        (Branch::Parts, !part_kinds.is_empty()),
        (Branch::Concerns, wants(RowKind::Concern)),
        (Branch::Votes, wants(RowKind::Vote)),
    ] {
        if !on {
            continue;
        }
        let mut sql = branch_select(branch, AMOUNT_SEP);
        let w = where_clauses(branch, q, &part_kinds);
        if !w.is_empty() {
            sql.push_str("\nWHERE ");
            sql.push_str(&w.join("\n  AND "));
        }
        branches.push(sql);
    }
    let mut sql = format!(
        "SELECT {} FROM (\n{}\n)\nORDER BY date IS NULL, date, document_id, span_start, id",
        COLUMNS.join(", "),
        branches.join("\nUNION ALL\n")
    );
    if let Some(n) = q.limit {
        sql.push_str(&format!("\nLIMIT {n}"));
    }

    let mut params: Params = Vec::new();
    let used = |name: &str| sql.contains(name);
    if let Some(s) = &q.search {
        if used(":search_title") {
            params.push((
                ":search_title".into(),
                Box::new(format!("{{title}} : ({s})")),
            ));
        }
        params.push((":search".into(), Box::new(s.clone())));
    }
    if let Some(d) = q.from {
        params.push((":from".into(), Box::new(d.to_string())));
    }
    if let Some(d) = q.to {
        params.push((":to".into(), Box::new(d.to_string())));
    }
    for (n, b) in q.bodies.iter().enumerate() {
        let escaped = b
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        params.push((format!(":body{n}"), Box::new(format!("%{escaped}%"))));
    }
    if let Some(min) = q.min_amount {
        // value_num is a prefilter: a decimal at or above `min` converts to a float at or above
        // `min`'s float, so it never drops a row; minutes_decimal_ge decides exactly.
        params.push((
            ":min_num".into(),
            Box::new(min.to_f64().unwrap_or(f64::NEG_INFINITY)),
        ));
        params.push((":min".into(), Box::new(min.to_string())));
    }
    if branches.is_empty() {
        return ("SELECT 1 WHERE 0".into(), Vec::new());
    }
    (sql, params)
}

/// Registers `minutes_decimal_ge(a, b)`: exact `a >= b` on decimal strings.
fn register_functions(conn: &Connection) -> Result<(), Error> {
    conn.create_scalar_function(
        "minutes_decimal_ge",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let a = ctx.get::<String>(0)?;
            let b = ctx.get::<String>(1)?;
            Ok(match (Decimal::from_str(&a), Decimal::from_str(&b)) {
                (Ok(a), Ok(b)) => a >= b,
                _ => false,
            })
        },
    )?;
    Ok(())
}

fn search_error(e: rusqlite::Error) -> Error {
    let message = e.to_string();
    if message.contains("fts5") || message.contains("unterminated string") {
        Error::new(ErrorKind::BadSearch {
            message: message.trim_start_matches("fts5: ").to_owned(),
        })
    } else {
        Error::from(e)
    }
}

/// The SQL that [`run`] executes for `q` (for `--sql`-style inspection and tests).
pub fn sql(q: &Query) -> String {
    build(q).0
}

/// Runs a query over a database written by [`super::sqlite`]; calls `each` with every
/// matching row, in order, and returns how many there were.
pub fn for_each(
    conn: &Connection,
    q: &Query,
    mut each: impl FnMut(Finding) -> Result<(), Error>,
) -> Result<u64, Error> {
    register_functions(conn)?;
    let (sql, params) = build(q);
    let mut stmt = conn.prepare(&sql).map_err(search_error)?;
    let refs: Vec<(&str, &dyn ToSql)> = params
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_ref()))
        .collect();
    let mut rows = stmt.query(refs.as_slice()).map_err(search_error)?;
    let mut n = 0;
    while let Some(row) = rows.next().map_err(search_error)? {
        let amounts: Option<String> = row.get(8)?;
        let finding = Finding {
            date: row.get(0)?,
            body: row.get(1)?,
            item_number: row.get(2)?,
            item_title: row.get(3)?,
            kind: row.get(4)?,
            label: row.get(5)?,
            raised_by: row.get(6)?,
            text: row.get::<_, Option<String>>(7)?.unwrap_or_default(),
            amounts: amounts
                .map(|a| a.split(AMOUNT_SEP).map(str::to_owned).collect())
                .unwrap_or_default(),
            citation: row.get(9)?,
            source_path: row.get(10)?,
            page: row.get(11)?,
            line: row.get(12)?,
            span_start: row.get(13)?,
            span_end: row.get(14)?,
            id: row.get(15)?,
            document_id: row.get(16)?,
        };
        n += 1;
        each(finding)?;
    }
    Ok(n)
}

/// Runs a query and collects the rows.
pub fn run(conn: &Connection, q: &Query) -> Result<Vec<Finding>, Error> {
    let mut out = Vec::new();
    for_each(conn, q, |f| {
        out.push(f);
        Ok(())
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_and_select_branches() {
        assert_eq!("vote".parse::<RowKind>().unwrap(), RowKind::Vote);
        assert!("motion".parse::<RowKind>().is_err());
        let q = Query {
            kinds: vec![RowKind::Concern],
            ..Query::default()
        };
        let s = sql(&q);
        assert!(s.contains("[concerns]") && !s.contains("[parts]") && !s.contains("[votes]"));
    }
}
