//! The flat tables of an export and the walk from a record to their rows.
//!
//! One description of the tables serves SQLite (`CREATE TABLE`) and CSV (header rows), and one
//! walk produces the rows for both, so the two exports always agree on columns and ids.

use super::error::Error;
use crate::model::*;
use std::borrow::Cow;

/// One cell.
#[derive(Debug, Clone)]
pub(crate) enum Value<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(Cow<'a, str>),
}

impl<'a> Value<'a> {
    fn str(s: &'a str) -> Value<'a> {
        Value::Text(Cow::Borrowed(s))
    }

    fn opt(s: Option<&'a str>) -> Value<'a> {
        s.map_or(Value::Null, Value::str)
    }

    fn owned(s: String) -> Value<'a> {
        Value::Text(Cow::Owned(s))
    }

    fn int(n: impl Into<i64>) -> Value<'a> {
        Value::Int(n.into())
    }

    fn opt_int<N: Into<i64>>(n: Option<N>) -> Value<'a> {
        n.map_or(Value::Null, |n| Value::Int(n.into()))
    }

    fn usize(n: usize) -> Value<'a> {
        Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// A column: its name, SQLite declaration and a one-line description (for `metadata.json`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub name: &'static str,
    pub decl: &'static str,
    pub doc: &'static str,
}

/// A table.
#[derive(Debug)]
pub(crate) struct Table {
    pub name: &'static str,
    pub doc: &'static str,
    pub columns: &'static [Column],
}

const fn col(name: &'static str, decl: &'static str, doc: &'static str) -> Column {
    Column { name, decl, doc }
}

/// The tables, parents before children.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum T {
    Documents = 0,
    Meetings,
    Attendance,
    Items,
    Parts,
    Concerns,
    Statements,
    Votes,
    Amounts,
    Attachments,
    Diagnostics,
}

/// The names of the exported tables, parents before children.
pub const TABLE_NAMES: [&str; 11] = [
    "documents",
    "meetings",
    "attendance",
    "items",
    "parts",
    "concerns",
    "statements",
    "votes",
    "amounts",
    "attachments",
    "diagnostics",
];

const SPAN: [Column; 4] = [
    col(
        "span_start",
        "INTEGER",
        "byte offset of the start in the source text (`minutes text`)",
    ),
    col("span_end", "INTEGER", "byte offset of the end (exclusive)"),
    col("line", "INTEGER", "1-based line in the source text"),
    col("page", "INTEGER", "1-based PDF page; null for text input"),
];

macro_rules! with_span {
    ($($c:expr),* $(,)?) => {
        &[$($c,)* SPAN[0], SPAN[1], SPAN[2], SPAN[3]]
    };
}

const DOC_FK: Column = col(
    "document_id",
    "TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE",
    "the document",
);
const ITEM_FK: Column = col(
    "item_id",
    "TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE",
    "the item",
);
const POSITION: Column = col(
    "position",
    "INTEGER NOT NULL",
    "0-based place among its siblings",
);

pub(crate) static TABLES: [Table; 11] = [
    Table {
        name: "documents",
        doc: "One row per input document (a record of `minutes parse`)",
        columns: &[
            col("id", "TEXT PRIMARY KEY", "hex SHA-256 of the input bytes"),
            col("schema_version", "INTEGER NOT NULL", "record schema version"),
            col(
                "kind",
                "TEXT NOT NULL",
                "issue_history, agenda_item, decision, minutes, agenda or other",
            ),
            col("title", "TEXT", "the document's own title"),
            col("authority", "TEXT", "the council or body that publishes it"),
            col("source_path", "TEXT", "the input path as given to `minutes parse`"),
            col("source_format", "TEXT NOT NULL", "text or pdf"),
            col("source_bytes", "INTEGER NOT NULL", "size of the input"),
            col("source_pages", "INTEGER", "PDF page count"),
            col("source_extractor", "TEXT", "pdf-extract or pdftotext, for PDF"),
            col(
                "record_sha256",
                "TEXT NOT NULL",
                "SHA-256 of the record's compact JSON: --upsert skips a document whose record is unchanged",
            ),
        ],
    },
    Table {
        name: "meetings",
        doc: "Meetings recorded by each document",
        columns: with_span![
            col("id", "TEXT PRIMARY KEY", "<document>:m<position>"),
            DOC_FK,
            POSITION,
            col("date", "TEXT", "ISO 8601 date, YYYY-MM-DD"),
            col("body", "TEXT", "the committee or decision maker as printed"),
            col("location", "TEXT", "where it was held"),
            col("label", "TEXT", "body and date, for display"),
        ],
    },
    Table {
        name: "attendance",
        doc: "People listed as present, sending apologies, absent or in attendance",
        columns: with_span![
            col("id", "TEXT PRIMARY KEY", "<meeting>:<status><position>"),
            col(
                "meeting_id",
                "TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE",
                "the meeting"
            ),
            DOC_FK,
            col(
                "status",
                "TEXT NOT NULL",
                "present, apologies, absent or in_attendance"
            ),
            POSITION,
            col("name", "TEXT NOT NULL", "the name as printed"),
            col("role", "TEXT", "the role where given (Chair)"),
        ],
    },
    Table {
        name: "items",
        doc: "Agenda items and minutes, with their full text (searchable)",
        columns: with_span![
            col("id", "TEXT PRIMARY KEY", "<meeting>:i<position>"),
            col(
                "meeting_id",
                "TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE",
                "the meeting"
            ),
            DOC_FK,
            POSITION,
            col("number", "TEXT", "item or minute number as printed"),
            col("title", "TEXT", "the item heading"),
            col("text", "TEXT NOT NULL", "the item's full text"),
        ],
    },
    Table {
        name: "parts",
        doc: "Resolutions, recommendations and decisions, and their lettered or numbered parts (searchable)",
        columns: with_span![
            col("id", "TEXT PRIMARY KEY", "<item>:res|rec|dec<position>[.<position>...]"),
            ITEM_FK,
            col(
                "parent_id",
                "TEXT REFERENCES parts(id) ON DELETE CASCADE",
                "the enclosing part, for a sub-part"
            ),
            DOC_FK,
            col("kind", "TEXT NOT NULL", "resolution, recommendation or decision"),
            POSITION,
            col("depth", "INTEGER NOT NULL", "0 for a top-level part"),
            col("label", "TEXT", "the part's own label: a, iv, 3"),
            col("label_path", "TEXT", "labels from the top: b.ii"),
            col("text", "TEXT NOT NULL", "the part's text, without its label"),
        ],
    },
    Table {
        name: "concerns",
        doc: "Concerns, questions and objections raised (searchable)",
        columns: with_span![
            col("id", "TEXT PRIMARY KEY", "<item>:con<position>"),
            ITEM_FK,
            DOC_FK,
            POSITION,
            col("raised_by", "TEXT", "who raised it, as printed"),
            col("text", "TEXT NOT NULL", "the concern"),
        ],
    },
    Table {
        name: "statements",
        doc: "Attributed statements",
        columns: with_span![
            col("id", "TEXT PRIMARY KEY", "<item>:st<position>"),
            ITEM_FK,
            DOC_FK,
            POSITION,
            col("speaker", "TEXT", "who said it, as printed"),
            col("text", "TEXT NOT NULL", "what was said"),
        ],
    },
    Table {
        name: "votes",
        doc: "Recorded votes",
        columns: with_span![
            col("id", "TEXT PRIMARY KEY", "<item>:v<position>"),
            ITEM_FK,
            DOC_FK,
            POSITION,
            col("votes_for", "INTEGER", "votes for"),
            col("votes_against", "INTEGER", "votes against"),
            col("votes_abstain", "INTEGER", "abstentions"),
            col("result", "TEXT", "carried, lost or tied"),
            col(
                "kind",
                "TEXT",
                "show_of_hands, recorded, unanimous or voice"
            ),
            col("for_names", "TEXT NOT NULL", "JSON array of names voting for"),
            col(
                "against_names",
                "TEXT NOT NULL",
                "JSON array of names voting against"
            ),
            col(
                "abstain_names",
                "TEXT NOT NULL",
                "JSON array of names abstaining"
            ),
        ],
    },
    Table {
        name: "amounts",
        doc: "Money amounts",
        columns: with_span![
            col("id", "TEXT PRIMARY KEY", "<item>:a<position>, or <document>:a<position>"),
            col(
                "item_id",
                "TEXT REFERENCES items(id) ON DELETE CASCADE",
                "the item; null for amounts outside any item"
            ),
            DOC_FK,
            POSITION,
            col("text", "TEXT NOT NULL", "as printed: £163,000"),
            col("value", "TEXT NOT NULL", "exact decimal value: 163000"),
            col(
                "value_num",
                "REAL NOT NULL",
                "the value as a floating-point number, for sorting and ranges"
            ),
            col("currency", "TEXT NOT NULL", "ISO 4217 code: GBP, USD, EUR"),
        ],
    },
    Table {
        name: "attachments",
        doc: "Linked documents listed under items",
        columns: with_span![
            col("id", "TEXT PRIMARY KEY", "<item>:att<position>"),
            ITEM_FK,
            DOC_FK,
            POSITION,
            col("title", "TEXT", "the attachment's title"),
            col("format", "TEXT", "PDF, DOC, ..."),
            col("size_bytes", "INTEGER", "size as printed, in bytes"),
        ],
    },
    Table {
        name: "diagnostics",
        doc: "What the parser could not read cleanly",
        columns: with_span![
            col("id", "TEXT PRIMARY KEY", "<document>:diag<position>"),
            DOC_FK,
            POSITION,
            col("severity", "TEXT NOT NULL", "error, warning or info"),
            col("code", "TEXT NOT NULL", "stable kebab-case code"),
            col("message", "TEXT NOT NULL", "what went wrong"),
        ],
    },
];

/// Where rows go.
pub(crate) trait Rows {
    fn row(&mut self, table: T, values: &[Value<'_>]) -> Result<(), Error>;
}

fn span<'a>(span: &Span) -> [Value<'a>; 4] {
    [
        Value::usize(span.start),
        Value::usize(span.end),
        Value::int(span.line),
        Value::opt_int(span.page),
    ]
}

fn span_opt<'a>(s: Option<&Span>) -> [Value<'a>; 4] {
    match s {
        Some(s) => span(s),
        None => [Value::Null, Value::Null, Value::Null, Value::Null],
    }
}

/// Emits `fixed` followed by the four span columns.
fn emit<R: Rows, const N: usize>(
    out: &mut R,
    table: T,
    fixed: [Value<'_>; N],
    span: [Value<'_>; 4],
) -> Result<(), Error> {
    let mut all: Vec<Value<'_>> = Vec::with_capacity(N + 4);
    all.extend(fixed);
    all.extend(span);
    out.row(table, &all)
}

fn enum_name<E: serde::Serialize>(e: &E) -> String {
    match serde_json::to_value(e) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn json_list(names: &[String]) -> String {
    serde_json::to_string(names).unwrap_or_else(|_| "[]".into())
}

/// Hex SHA-256 of a record's compact JSON (deterministic: the model has no maps with an
/// unstable order).
pub(crate) fn record_sha256(doc: &Document) -> String {
    match serde_json::to_vec(doc) {
        Ok(bytes) => crate::source::sha256_hex(&bytes),
        Err(_) => String::new(),
    }
}

/// Walks one record and emits its rows, parents before children. `record_sha256` is
/// [`record_sha256`] of `doc`, computed by the caller (which may need it first).
pub(crate) fn walk<R: Rows>(doc: &Document, record_sha256: &str, out: &mut R) -> Result<(), Error> {
    let d = doc.id.as_str();
    out.row(
        T::Documents,
        &[
            Value::str(d),
            Value::int(doc.schema_version),
            Value::owned(enum_name(&doc.kind)),
            Value::opt(doc.title.as_deref()),
            Value::opt(doc.authority.as_deref()),
            Value::opt(doc.source.path.as_deref()),
            Value::owned(enum_name(&doc.source.format)),
            Value::Int(i64::try_from(doc.source.bytes).unwrap_or(i64::MAX)),
            Value::opt_int(doc.source.pages),
            Value::opt(doc.source.extractor.as_deref()),
            Value::str(record_sha256),
        ],
    )?;
    for (mi, meeting) in doc.meetings.iter().enumerate() {
        let m = format!("{d}:m{mi}");
        let date = meeting.date.map(|date| date.to_string());
        let label = match (&meeting.body, &date) {
            (Some(b), Some(dt)) => Some(format!("{b}, {dt}")),
            (Some(b), None) => Some(b.clone()),
            (None, Some(dt)) => Some(dt.clone()),
            (None, None) => None,
        };
        emit(
            out,
            T::Meetings,
            [
                Value::str(&m),
                Value::str(d),
                Value::usize(mi),
                date.map_or(Value::Null, Value::owned),
                Value::opt(meeting.body.as_deref()),
                Value::opt(meeting.location.as_deref()),
                label.map_or(Value::Null, Value::owned),
            ],
            span(&meeting.span),
        )?;
        let a = &meeting.attendance;
        for (status, people) in [
            ("present", &a.present),
            ("apologies", &a.apologies),
            ("absent", &a.absent),
            ("in_attendance", &a.in_attendance),
        ] {
            for (pi, person) in people.iter().enumerate() {
                emit(
                    out,
                    T::Attendance,
                    [
                        Value::owned(format!("{m}:{status}{pi}")),
                        Value::str(&m),
                        Value::str(d),
                        Value::str(status),
                        Value::usize(pi),
                        Value::str(&person.name),
                        Value::opt(person.role.as_deref()),
                    ],
                    span(&person.span),
                )?;
            }
        }
        for (ii, item) in meeting.items.iter().enumerate() {
            walk_item(out, d, &m, ii, item)?;
        }
    }
    for (ai, amount) in doc.amounts.iter().enumerate() {
        amount_row(out, d, None, format!("{d}:a{ai}"), ai, amount)?;
    }
    for (di, diag) in doc.diagnostics.iter().enumerate() {
        emit(
            out,
            T::Diagnostics,
            [
                Value::owned(format!("{d}:diag{di}")),
                Value::str(d),
                Value::usize(di),
                Value::owned(enum_name(&diag.severity)),
                Value::str(&diag.code),
                Value::str(&diag.message),
            ],
            span_opt(diag.span.as_ref()),
        )?;
    }
    Ok(())
}

fn walk_item<R: Rows>(out: &mut R, d: &str, m: &str, ii: usize, item: &Item) -> Result<(), Error> {
    let i = format!("{m}:i{ii}");
    emit(
        out,
        T::Items,
        [
            Value::str(&i),
            Value::str(m),
            Value::str(d),
            Value::usize(ii),
            Value::opt(item.number.as_deref()),
            Value::opt(item.title.as_deref()),
            Value::str(&item.text),
        ],
        span(&item.span),
    )?;
    for (kind, short, parts) in [
        ("decision", "dec", &item.decision),
        ("recommendation", "rec", &item.recommendations),
        ("resolution", "res", &item.resolutions),
    ] {
        let ctx = PartCtx { d, i: &i, kind };
        for (pi, part) in parts.iter().enumerate() {
            walk_part(
                out,
                &ctx,
                None,
                &format!("{i}:{short}{pi}"),
                "",
                pi,
                0,
                part,
            )?;
        }
    }
    for (ci, concern) in item.concerns.iter().enumerate() {
        emit(
            out,
            T::Concerns,
            [
                Value::owned(format!("{i}:con{ci}")),
                Value::str(&i),
                Value::str(d),
                Value::usize(ci),
                Value::opt(concern.raised_by.as_deref()),
                Value::str(&concern.text),
            ],
            span(&concern.span),
        )?;
    }
    for (si, statement) in item.statements.iter().enumerate() {
        emit(
            out,
            T::Statements,
            [
                Value::owned(format!("{i}:st{si}")),
                Value::str(&i),
                Value::str(d),
                Value::usize(si),
                Value::opt(statement.speaker.as_deref()),
                Value::str(&statement.text),
            ],
            span(&statement.span),
        )?;
    }
    for (vi, vote) in item.votes.iter().enumerate() {
        emit(
            out,
            T::Votes,
            [
                Value::owned(format!("{i}:v{vi}")),
                Value::str(&i),
                Value::str(d),
                Value::usize(vi),
                Value::opt_int(vote.for_),
                Value::opt_int(vote.against),
                Value::opt_int(vote.abstain),
                vote.result
                    .map_or(Value::Null, |r| Value::owned(enum_name(&r))),
                vote.kind
                    .map_or(Value::Null, |k| Value::owned(enum_name(&k))),
                Value::owned(json_list(&vote.for_names)),
                Value::owned(json_list(&vote.against_names)),
                Value::owned(json_list(&vote.abstain_names)),
            ],
            span(&vote.span),
        )?;
    }
    for (ai, amount) in item.amounts.iter().enumerate() {
        amount_row(out, d, Some(&i), format!("{i}:a{ai}"), ai, amount)?;
    }
    for (ti, att) in item.attachments.iter().enumerate() {
        emit(
            out,
            T::Attachments,
            [
                Value::owned(format!("{i}:att{ti}")),
                Value::str(&i),
                Value::str(d),
                Value::usize(ti),
                Value::opt(att.title.as_deref()),
                Value::opt(att.format.as_deref()),
                att.size_bytes.map_or(Value::Null, |n| {
                    Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
                }),
            ],
            span(&att.span),
        )?;
    }
    Ok(())
}

struct PartCtx<'a> {
    d: &'a str,
    i: &'a str,
    kind: &'static str,
}

#[allow(clippy::too_many_arguments)]
fn walk_part<R: Rows>(
    out: &mut R,
    ctx: &PartCtx<'_>,
    parent: Option<&str>,
    id: &str,
    parent_path: &str,
    position: usize,
    depth: usize,
    part: &Part,
) -> Result<(), Error> {
    let path = match (&part.label, parent_path.is_empty()) {
        (Some(l), true) => l.clone(),
        (Some(l), false) => format!("{parent_path}.{l}"),
        (None, _) => parent_path.to_owned(),
    };
    emit(
        out,
        T::Parts,
        [
            Value::str(id),
            Value::str(ctx.i),
            Value::opt(parent),
            Value::str(ctx.d),
            Value::str(ctx.kind),
            Value::usize(position),
            Value::usize(depth),
            Value::opt(part.label.as_deref()),
            if path.is_empty() {
                Value::Null
            } else {
                Value::str(&path)
            },
            Value::str(&part.text),
        ],
        span(&part.span),
    )?;
    for (ci, child) in part.parts.iter().enumerate() {
        let child_id = format!("{id}.{ci}");
        walk_part(out, ctx, Some(id), &child_id, &path, ci, depth + 1, child)?;
    }
    Ok(())
}

fn amount_row<R: Rows>(
    out: &mut R,
    d: &str,
    item: Option<&str>,
    id: String,
    position: usize,
    amount: &Amount,
) -> Result<(), Error> {
    use rust_decimal::prelude::ToPrimitive;
    emit(
        out,
        T::Amounts,
        [
            Value::owned(id),
            Value::opt(item),
            Value::str(d),
            Value::usize(position),
            Value::str(&amount.text),
            Value::owned(amount.value.to_string()),
            Value::Real(amount.value.to_f64().unwrap_or(f64::NAN)),
            Value::str(&amount.currency),
        ],
        span(&amount.span),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_names_match_tables() {
        let names: Vec<_> = TABLES.iter().map(|t| t.name).collect();
        assert_eq!(names, TABLE_NAMES);
        for (i, t) in TABLES.iter().enumerate() {
            assert_eq!(TABLE_NAMES[i], t.name);
            assert_eq!(t.columns[0].name, "id");
        }
    }

    struct Counter(Vec<(T, usize)>);
    impl Rows for Counter {
        fn row(&mut self, table: T, values: &[Value<'_>]) -> Result<(), Error> {
            self.0.push((table, values.len()));
            Ok(())
        }
    }

    #[test]
    fn every_row_has_its_table_width() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/newcastle-under-lyme_cabinet_2012-06-20_item5.txt"
        ))
        .unwrap();
        let doc = crate::parse_str(&text, &crate::Options::default()).unwrap();
        let mut c = Counter(Vec::new());
        walk(&doc, &record_sha256(&doc), &mut c).unwrap();
        assert!(c.0.len() > 10);
        for (t, n) in c.0 {
            assert_eq!(
                TABLES[t as usize].columns.len(),
                n,
                "{}",
                TABLES[t as usize].name
            );
        }
    }
}
