//! Shared test helpers: the span-invariant checker run by the golden and property tests.
//!
//! [`span_errors`] walks a [`Document`] and checks every span against the source text it
//! indexes into (what `council_minutes::source_text` returns, `minutes text` prints):
//!
//! - in bounds, `start <= end`, both offsets on char boundaries;
//! - `line` is 1 + the number of `'\n'` before `start`; `page` is the 1-based page holding
//!   `start` for PDF (from `page_starts`) and null for text;
//! - children inside parents: items inside their meeting; parts (and their sub-parts) inside
//!   their item (parent part); attachments, concerns, statements, votes and amounts inside their
//!   item; meetings, attendance persons, document-level amounts and diagnostic spans inside the
//!   document (a meeting's span need not cover its attendance block);
//! - siblings in document order: every list (meetings, items, each part list, persons of each
//!   attendance role, attachments, concerns, statements, votes, amounts) ordered by `start`;
//! - every `text` field of a Part, Statement or Amount found in the source text at its
//!   span modulo whitespace: after collapsing all whitespace (NBSP, form feed, BOM and the
//!   zero-width space, non-joiner and joiner included, as the parser reads them) to
//!   single spaces, the node's text equals or is a substring of the span's text. This is strict
//!   on purpose: a text rewritten beyond whitespace (a hyphenated line break joined, quotes
//!   straightened, a furniture line cut out of the middle) is reported, with the node's path,
//!   so the difference is seen and decided;
//! - an Item's `text` (the whole item "as extracted, for search") and a Concern's `text` (a
//!   point that may run on over a page break) may leave out lines of their span, such as page
//!   furniture, but each of their words must be found in order in the span.
//!
//! Every failure names its node by path, e.g. `meetings[0].items[2].resolutions[1]`.

#![allow(dead_code)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    clippy::print_stdout
)]

pub mod pdf;

use council_minutes::{Document, Item, Part, Span};

/// Checks every span of `doc` against `text`; returns one message per broken invariant.
///
/// `page_starts` are the byte offsets where PDF pages start (`SourceText::page_starts`);
/// pass `&[]` for text input, where every `page` must be null.
pub fn span_errors(doc: &Document, text: &str, page_starts: &[usize]) -> Vec<String> {
    let mut c = Checker::new(text, page_starts);
    c.document(doc);
    c.errors
}

/// Panics listing every broken span invariant of `doc`, prefixed by `what` (a file name).
pub fn assert_spans(what: &str, doc: &Document, text: &str, page_starts: &[usize]) {
    let errors = span_errors(doc, text, page_starts);
    assert!(
        errors.is_empty(),
        "{what}: {} span invariant(s) broken:\n  {}",
        errors.len(),
        errors.join("\n  ")
    );
}

/// Collapses every run of whitespace to one space and trims. Whitespace is what the parser
/// reads as such (`segment::is_space`): Unicode white space (NBSP and form feed included), the
/// BOM, and the zero-width space, non-joiner and joiner that web pages leave between words.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let space = |c: char| {
        c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}')
    };
    for word in s.split(space) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The span of the whole document: what top-level nodes must lie in.
const WHOLE: &str = "the document";

struct Checker<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    page_starts: &'a [usize],
    errors: Vec<String>,
}

impl<'a> Checker<'a> {
    fn new(text: &'a str, page_starts: &'a [usize]) -> Checker<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Checker {
            text,
            line_starts,
            page_starts,
            errors: Vec::new(),
        }
    }

    fn fail(&mut self, path: &str, msg: String) {
        self.errors.push(format!("{path}: {msg}"));
    }

    fn whole(&self) -> Span {
        Span {
            start: 0,
            end: self.text.len(),
            line: 1,
            page: None,
        }
    }

    /// Checks one span on its own and inside `parent`; returns whether it can be sliced.
    fn span(&mut self, path: &str, span: &Span, parent: (&str, &Span)) -> bool {
        let Span {
            start, end, line, ..
        } = *span;
        let len = self.text.len();
        let mut usable = true;
        if start > end {
            self.fail(path, format!("start {start} > end {end}"));
            usable = false;
        }
        if end > len {
            self.fail(
                path,
                format!("span {start}..{end} out of bounds (text is {len} bytes)"),
            );
            usable = false;
        }
        for (name, at) in [("start", start), ("end", end)] {
            if at <= len && !self.text.is_char_boundary(at) {
                self.fail(path, format!("{name} {at} is not on a char boundary"));
                usable = false;
            }
        }
        if start <= len {
            let want = self.line_starts.partition_point(|&s| s <= start);
            if line as usize != want {
                self.fail(
                    path,
                    format!("line {line}, but offset {start} is on line {want}"),
                );
            }
        }
        let want_page = if self.page_starts.is_empty() {
            None
        } else {
            Some(self.page_starts.partition_point(|&s| s <= start).max(1) as u32)
        };
        if span.page != want_page {
            self.fail(
                path,
                format!(
                    "page {:?}, but offset {start} is on page {want_page:?}",
                    span.page
                ),
            );
        }
        let (parent_path, p) = parent;
        if start < p.start || end > p.end {
            self.fail(
                path,
                format!(
                    "span {start}..{end} not inside its parent {parent_path} ({}..{})",
                    p.start, p.end
                ),
            );
        }
        usable
    }

    /// Checks that `node_text` is found in the source text at `span`, modulo whitespace.
    fn text_at(&mut self, path: &str, field: &str, node_text: &str, span: &Span, usable: bool) {
        if !usable {
            return;
        }
        let Some(slice) = self.text.get(span.start..span.end) else {
            return;
        };
        let want = collapse_ws(node_text);
        let have = collapse_ws(slice);
        if !have.contains(&want) {
            let (w, h) = divergence(&want, &have);
            self.fail(
                path,
                format!(
                    "{field} not found at its span {}..{} modulo whitespace; first difference at ⟦\n      {field}: {w}\n      span: {h}",
                    span.start, span.end
                ),
            );
        }
    }

    /// Checks that every word of an item's `text` is found, in order, in the source text at its
    /// span: the item's text may leave out page furniture (`Page 1 of 2`, attachment lines)
    /// inside its span, but holds nothing from outside it and nothing reordered or rewritten.
    fn words_at(&mut self, path: &str, node_text: &str, span: &Span, usable: bool) {
        if !usable {
            return;
        }
        let Some(slice) = self.text.get(span.start..span.end) else {
            return;
        };
        let want = collapse_ws(node_text);
        let have = collapse_ws(slice);
        let mut hay = have.split(' ').filter(|w| !w.is_empty());
        // Byte offset in `want` of the first word not found in order.
        let mut missing = None;
        let mut at = 0;
        for word in want.split(' ') {
            if !word.is_empty() && !hay.any(|h| h == word) {
                missing = Some(at);
                break;
            }
            at += word.len() + 1;
        }
        if let Some(at) = missing {
            let (_, h) = divergence(&want[..at], &have);
            self.fail(
                path,
                format!(
                    "text: a word not found in order at its span {}..{} (words of the span may be left out, not changed) at ⟦\n      text: {}\n      span: {h}",
                    span.start,
                    span.end,
                    around(&want, at)
                ),
            );
        }
    }

    /// Checks that sibling spans are in document order (by start).
    fn ordered<'s>(&mut self, list_path: &str, spans: impl IntoIterator<Item = &'s Span>) {
        let mut prev: Option<(usize, usize)> = None;
        for (i, s) in spans.into_iter().enumerate() {
            if let Some((j, at)) = prev {
                if s.start < at {
                    self.fail(
                        &format!("{list_path}[{i}]"),
                        format!(
                            "starts at {} before its previous sibling {list_path}[{j}] (starts at {at})",
                            s.start
                        ),
                    );
                }
            }
            prev = Some((i, s.start));
        }
    }

    fn document(&mut self, doc: &Document) {
        let whole = self.whole();
        self.ordered("meetings", doc.meetings.iter().map(|m| &m.span));
        for (mi, m) in doc.meetings.iter().enumerate() {
            let mpath = format!("meetings[{mi}]");
            self.span(&mpath, &m.span, (WHOLE, &whole));
            let a = &m.attendance;
            for (role, people) in [
                ("present", &a.present),
                ("apologies", &a.apologies),
                ("absent", &a.absent),
                ("in_attendance", &a.in_attendance),
            ] {
                let lpath = format!("{mpath}.attendance.{role}");
                self.ordered(&lpath, people.iter().map(|p| &p.span));
                for (pi, p) in people.iter().enumerate() {
                    self.span(&format!("{lpath}[{pi}]"), &p.span, (WHOLE, &whole));
                }
            }
            self.ordered(&format!("{mpath}.items"), m.items.iter().map(|i| &i.span));
            for (ii, item) in m.items.iter().enumerate() {
                self.item(&format!("{mpath}.items[{ii}]"), item, (&mpath, &m.span));
            }
        }
        self.ordered("amounts", doc.amounts.iter().map(|a| &a.span));
        for (ai, a) in doc.amounts.iter().enumerate() {
            let path = format!("amounts[{ai}]");
            let ok = self.span(&path, &a.span, (WHOLE, &whole));
            self.text_at(&path, "text", &a.text, &a.span, ok);
        }
        for (di, d) in doc.diagnostics.iter().enumerate() {
            if let Some(s) = &d.span {
                self.span(&format!("diagnostics[{di}]"), s, (WHOLE, &whole));
            }
        }
    }

    fn item(&mut self, path: &str, item: &Item, parent: (&str, &Span)) {
        let ok = self.span(path, &item.span, parent);
        self.words_at(path, &item.text, &item.span, ok);
        let me = (path, &item.span);

        let list = format!("{path}.attachments");
        self.ordered(&list, item.attachments.iter().map(|a| &a.span));
        for (i, a) in item.attachments.iter().enumerate() {
            self.span(&format!("{list}[{i}]"), &a.span, me);
        }
        for (name, parts) in [
            ("decision", &item.decision),
            ("recommendations", &item.recommendations),
            ("resolutions", &item.resolutions),
        ] {
            self.parts(&format!("{path}.{name}"), parts, me);
        }
        let list = format!("{path}.concerns");
        self.ordered(&list, item.concerns.iter().map(|c| &c.span));
        for (i, c) in item.concerns.iter().enumerate() {
            let p = format!("{list}[{i}]");
            let ok = self.span(&p, &c.span, me);
            // a point that runs on over a page break leaves the page's furniture out
            self.words_at(&p, &c.text, &c.span, ok);
        }
        let list = format!("{path}.statements");
        self.ordered(&list, item.statements.iter().map(|s| &s.span));
        for (i, s) in item.statements.iter().enumerate() {
            let p = format!("{list}[{i}]");
            let ok = self.span(&p, &s.span, me);
            self.text_at(&p, "text", &s.text, &s.span, ok);
        }
        let list = format!("{path}.votes");
        self.ordered(&list, item.votes.iter().map(|v| &v.span));
        for (i, v) in item.votes.iter().enumerate() {
            self.span(&format!("{list}[{i}]"), &v.span, me);
        }
        let list = format!("{path}.amounts");
        self.ordered(&list, item.amounts.iter().map(|a| &a.span));
        for (i, a) in item.amounts.iter().enumerate() {
            let p = format!("{list}[{i}]");
            let ok = self.span(&p, &a.span, me);
            self.text_at(&p, "text", &a.text, &a.span, ok);
        }
    }

    fn parts(&mut self, list: &str, parts: &[Part], parent: (&str, &Span)) {
        self.ordered(list, parts.iter().map(|p| &p.span));
        for (i, part) in parts.iter().enumerate() {
            let path = format!("{list}[{i}]");
            let ok = self.span(&path, &part.span, parent);
            self.text_at(&path, "text", &part.text, &part.span, ok);
            self.parts(&format!("{path}.parts"), &part.parts, (&path, &part.span));
        }
    }
}

/// Where `want` stops being found in `have`: both texts around that point, marked with `⟦`.
///
/// The longest prefix of `want` that `have` contains ends where they part; `have` is shown from
/// the first place it holds that prefix.
fn divergence(want: &str, have: &str) -> (String, String) {
    let bounds: Vec<usize> = want.char_indices().map(|(i, _)| i).collect();
    // Containment of a prefix is monotonic in its length, so search it by halves.
    let (mut lo, mut hi) = (0, bounds.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let end = bounds.get(mid).copied().unwrap_or(want.len());
        if have.contains(&want[..end]) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let at = bounds.get(lo).copied().unwrap_or(want.len());
    let prefix = &want[..at];
    let h_at = have.find(prefix).map_or(0, |i| i + prefix.len());
    (around(want, at), around(have, h_at))
}

/// Up to 60 chars before and 80 after byte `at` of `s`, with `⟦` at `at`, as a debug string.
fn around(s: &str, at: usize) -> String {
    let before: Vec<char> = s[..at].chars().collect();
    let skip = before.len().saturating_sub(60);
    let head: String = before[skip..].iter().collect();
    let tail: String = s[at..].chars().take(80).collect();
    let more = s[at..].chars().count() > 80;
    format!(
        "{}{:?}",
        if skip > 0 { "…" } else { "" },
        format!("{head}⟦{tail}{}", if more { "…" } else { "" })
    )
}

/// A self-check of the checker on hand-made documents, run by every test crate that uses it.
pub fn self_test() {
    use council_minutes::{Attendance, Format, Kind, Meeting, Source};
    const TEXT: &str = "Minutes\n\n5. Budget\nRESOLVED \u{a0}– (a) That the\n  report be noted.\n";
    let text = TEXT;
    let sp = |start: usize, end: usize| Span {
        start,
        end,
        line: 1 + text[..start].matches('\n').count() as u32,
        page: None,
    };
    let item_start = text.find("5.").unwrap();
    let part_start = text.find("That").unwrap();
    let part = Part {
        label: Some("a".into()),
        text: "That the report be noted.".into(),
        parts: Vec::new(),
        span: sp(part_start, text.len() - 1),
    };
    let item = Item {
        number: Some("5".into()),
        title: Some("Budget".into()),
        attachments: Vec::new(),
        decision: Vec::new(),
        recommendations: Vec::new(),
        resolutions: vec![part],
        concerns: Vec::new(),
        statements: Vec::new(),
        votes: Vec::new(),
        amounts: Vec::new(),
        text: "5. Budget RESOLVED – (a) That the report be noted.".into(),
        span: sp(item_start, text.len()),
    };
    let doc = Document {
        schema_version: 1,
        id: String::new(),
        source: Source {
            path: None,
            format: Format::Text,
            sha256: String::new(),
            bytes: text.len() as u64,
            pages: None,
            extractor: None,
        },
        kind: Kind::Minutes,
        title: None,
        authority: None,
        meetings: vec![Meeting {
            date: None,
            body: None,
            location: None,
            attendance: Attendance::default(),
            items: vec![item],
            span: sp(0, text.len()),
        }],
        amounts: Vec::new(),
        diagnostics: Vec::new(),
    };
    assert_eq!(span_errors(&doc, text, &[]), Vec::<String>::new());
    // An item's text may leave out words of its span (furniture), in order.
    let mut shorter = doc.clone();
    shorter.meetings[0].items[0].text = "5. Budget That the report be noted.".into();
    assert_eq!(span_errors(&shorter, text, &[]), Vec::<String>::new());

    // Each corruption must be caught and named by its path.
    type Corruption = fn(&mut Document);
    let cases: Vec<(&str, Corruption)> = vec![
        (
            "meetings[0].items[0].resolutions[0]: line",
            (|d| d.meetings[0].items[0].resolutions[0].span.line = 1),
        ),
        (
            "meetings[0].items[0].resolutions[0]: text not found",
            (|d| d.meetings[0].items[0].resolutions[0].text = "That it be noted.".into()),
        ),
        (
            "meetings[0].items[0]: text: a word not found in order",
            |d| d.meetings[0].items[0].text = "5. Budget noted. That".into(),
        ),
        (
            "meetings[0].items[0]: span",
            (|d| d.meetings[0].items[0].span.end = 1000),
        ),
        (
            "meetings[0].items[0].resolutions[0]: span",
            (|d| {
                let s = &mut d.meetings[0].items[0].span;
                s.end = s.start + 3;
                d.meetings[0].items[0].text = "5.".into();
            }),
        ),
        (
            "meetings[0].items[0].resolutions[0]: start",
            (|d| {
                // Inside the NBSP (2 bytes): not a char boundary.
                let at = TEXT.find('\u{a0}').unwrap() + 1;
                let p = &mut d.meetings[0].items[0].resolutions[0];
                p.span.start = at;
                p.text = String::new();
            }),
        ),
        (
            "meetings[0].items[1]: starts at",
            (|d| {
                let mut second = d.meetings[0].items[0].clone();
                second.span.start -= 1;
                second.span.line = 2;
                second.text = String::new();
                second.resolutions.clear();
                d.meetings[0].items.push(second);
            }),
        ),
        ("meetings[0]: page", (|d| d.meetings[0].span.page = Some(1))),
    ];
    for (want, corrupt) in cases {
        let mut bad = doc.clone();
        corrupt(&mut bad);
        let errors = span_errors(&bad, text, &[]);
        assert!(
            errors.iter().any(|e| {
                let (path, msg) = want.split_once(": ").unwrap();
                e.starts_with(&format!("{path}: ")) && e.contains(msg)
            }),
            "checker missed {want:?}; it said {errors:#?}"
        );
    }
}
