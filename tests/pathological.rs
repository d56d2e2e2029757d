//! Pathological inputs: each completes with a record (whose spans hold their invariants and whose
//! JSON reads back) or a clear error, and the work it does stays bounded.
//!
//! No test here reads the clock: "bounded work" is checked through what can be counted: the
//! record's node count and nesting depth against the input's lines, the JSON's size against the
//! input's size. A quadratic path shows in `benches/pathological.rs` (time per MB at 1 MB and
//! 50 MB); a test that hangs is stopped by the test runner's timeout.
//!
//! Sizes are scaled for debug builds (the whole file runs in well under a minute); the bench
//! runs the full sizes (50 MB on one line) in release.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    clippy::print_stdout
)]

mod common;

use council_minutes::worker::{extract_in_worker, Limits};
use council_minutes::{parse_bytes, parse_pdf, parse_str, source_text, Document, Options, Part};
use std::io::Write;
use std::path::Path;
use std::time::Duration;

use common::pdf::Pdf;

// ---------------------------------------------------------------------------------------------
// Helpers.

/// Options without the poppler fallback: tests never depend on what is installed.
fn no_fallback() -> Options {
    let mut options = Options::default();
    options.pdftotext_fallback = false;
    options
}

/// Every node of the record: meetings, items, parts at any depth, attendance persons, votes,
/// amounts, concerns, statements, attachments, diagnostics.
fn node_count(doc: &Document) -> usize {
    fn parts(ps: &[Part]) -> usize {
        ps.iter().map(|p| 1 + parts(&p.parts)).sum()
    }
    let mut n = doc.amounts.len() + doc.diagnostics.len();
    for m in &doc.meetings {
        let a = &m.attendance;
        n += 1 + a.present.len() + a.apologies.len() + a.absent.len() + a.in_attendance.len();
        for i in &m.items {
            n += 1
                + parts(&i.decision)
                + parts(&i.recommendations)
                + parts(&i.resolutions)
                + i.attachments.len()
                + i.concerns.len()
                + i.statements.len()
                + i.votes.len()
                + i.amounts.len();
        }
    }
    n
}

/// The deepest nesting of parts in the record (0 when there are none).
fn part_depth(doc: &Document) -> usize {
    fn depth(ps: &[Part]) -> usize {
        ps.iter().map(|p| 1 + depth(&p.parts)).max().unwrap_or(0)
    }
    doc.meetings
        .iter()
        .flat_map(|m| &m.items)
        .map(|i| {
            depth(&i.decision)
                .max(depth(&i.recommendations))
                .max(depth(&i.resolutions))
        })
        .max()
        .unwrap_or(0)
}

/// What a record of `input_bytes` with `lines` lines may cost at most: a generous linear bound.
struct Bounds {
    /// JSON bytes per input byte (the record repeats item text once for search, and each node
    /// its text, so a few times the input is expected; a quadratic duplication is not).
    json_per_byte: usize,
    /// JSON bytes per node on top of that (its span, label, empty fields).
    json_per_node: usize,
    /// Nodes per input line.
    nodes_per_line: usize,
    /// And input bytes per node beyond that (one long line may hold many amounts and votes).
    bytes_per_node: usize,
}

const BOUNDS: Bounds = Bounds {
    json_per_byte: 6,
    json_per_node: 512,
    nodes_per_line: 4,
    bytes_per_node: 8,
};

/// Parses `text`, checks the record's spans and JSON round trip, and that its size is bounded
/// by the input's; returns the record.
fn parse_bounded(what: &str, text: &str) -> Document {
    let doc = parse_str(text, &no_fallback()).unwrap_or_else(|e| panic!("{what}: {e}"));
    check_record(what, &doc, text, &[]);
    doc
}

fn check_record(what: &str, doc: &Document, text: &str, page_starts: &[usize]) {
    common::assert_spans(what, doc, text, page_starts);
    let json = serde_json::to_string(doc).unwrap();
    let lines = text.lines().count().max(1);
    let nodes = node_count(doc);
    assert!(
        json.len() <= BOUNDS.json_per_byte * text.len() + BOUNDS.json_per_node * nodes + 4096,
        "{what}: {} bytes of JSON for {} bytes of input and {nodes} nodes",
        json.len(),
        text.len()
    );
    assert!(
        nodes <= BOUNDS.nodes_per_line * lines + text.len() / BOUNDS.bytes_per_node + 16,
        "{what}: {nodes} nodes for {lines} lines"
    );
    let back: Document = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("{what}: JSON does not read back: {e}"));
    assert!(back == *doc, "{what}: JSON does not round-trip");
}

const HEADING: &str = "Minutes of a meeting of the Cabinet held on 20 June 2012\n\n";

// ---------------------------------------------------------------------------------------------
// Text.

#[test]
fn a_hundred_thousand_items() {
    // Item numbers run to three digits, so a meeting every 1,000 items.
    let mut text = String::new();
    for n in 0..100_000 {
        if n % 1000 == 0 {
            text.push_str(HEADING);
        }
        let k = n % 1000;
        text.push_str(&format!(
            "{k}. Item {n}\nRESOLVED – That the report be noted.\n"
        ));
    }
    let doc = parse_bounded("100,000 items", &text);
    let items: usize = doc.meetings.iter().map(|m| m.items.len()).sum();
    assert_eq!(items, 100_000);
}

/// One meeting of 40,000 outline-numbered items (`1.1` ... `999.40`). Choosing the headings
/// compared each with every number taken before it, so this took seconds where it now takes a
/// tenth of one (the bench `pathological`'s `outline_items` shape measures the scaling).
#[test]
fn forty_thousand_outline_items_in_one_meeting() {
    let mut text = String::from(HEADING);
    for i in 1..=999 {
        for j in 1..=40 {
            text.push_str(&format!("{i}.{j} Planning application {i}/{j}\n\n"));
        }
    }
    let doc = parse_bounded("40,000 outline items", &text);
    assert_eq!(doc.meetings.len(), 1);
    let items = &doc.meetings[0].items;
    assert_eq!(items.len(), 999 * 40);
    assert_eq!(items[0].number.as_deref(), Some("1.1"));
    assert_eq!(items[items.len() - 1].number.as_deref(), Some("999.40"));
}

/// 20,000 meetings of one item each. Finding where meetings start asked, for each meeting
/// heading, whether any item heading stood on its line or between it and the last meeting, by
/// scanning all of them: quadratic (4 MB of this shape took 4.3 s in release; now 0.5 s, and
/// 16 MB 1.7 s). The bench `pathological`'s `many_meetings` shape measures the scaling.
#[test]
fn twenty_thousand_meetings() {
    let mut text = String::new();
    for n in 0..20_000 {
        text.push_str(&format!(
            "Minutes of a meeting of the Parish Council held on {} June 2012\n\n1. Apologies\n\nNone.\n\n",
            1 + n % 28
        ));
    }
    let doc = parse_bounded("20,000 meetings", &text);
    assert_eq!(doc.meetings.len(), 20_000);
    assert!(doc.meetings.iter().all(|m| m.items.len() == 1));
}

/// Two megabytes of prose on one line, no line end (the bench reads 50 MB in release).
#[test]
fn a_two_megabyte_single_line() {
    let text =
        "The Council noted the report on 20 June 2012 and approved £163,000. ".repeat(30_000);
    let doc = parse_bounded("2 MB on one line", &text);
    assert!(doc.meetings.iter().all(|m| m.items.len() <= 1));
}

/// One line of minutes vocabulary with a resolution and a vote in every sentence.
///
/// Found here: parse time grows with the square of the line's length (debug: 100 KB 3.9 s,
/// 200 KB 9.6 s, 400 KB 44 s). It takes both a `RESOLVED – That …` and a `For: 5 Against: 2
/// Abstain: 1` repeated on the line; either alone is linear.
#[test]
fn a_five_megabyte_single_line_of_resolutions_and_votes() {
    let text = single_line(5 << 20);
    parse_bounded("5 MB on one line", &text);
}

/// The smallest shape of the quadratic path above, small enough to run in debug: 64 KB.
#[test]
fn a_single_line_of_resolutions_and_votes_completes() {
    let text = "RESOLVED – That it be noted. For: 5 Against: 2 Abstain: 1. ".repeat(1_000);
    parse_bounded("64 KB of resolutions and votes on one line", &text);
}

/// About `bytes` of prose on one line, with minutes vocabulary (dates, money, votes, labels).
fn single_line(bytes: usize) -> String {
    const SENTENCE: &str = "The Council noted the report on 20 June 2012 (a) that £163,000 be \
                            approved; For: 5 Against: 2 Abstain: 1. RESOLVED – That it be noted. ";
    SENTENCE.repeat(bytes / SENTENCE.len() + 1)
}

/// Minutes whose items are numbered 1, 2, … past 999: from item 1000 on no line starts an item
/// (item numbers have at most three digits), so the rest is one item of megabytes.
///
/// Found by `benches/pathological.rs` (`one_long_numbering`), once superlinear in the size of
/// one item (release 48.9 ms/MB at 1 MB, 183 ms/MB at 10 MB); linear by session 7 (50 ms/MB at
/// 1 MB, 43 at 50 MB), and the bench now holds it to the bar with the other shapes.
#[test]
fn items_numbered_past_999_make_one_giant_item() {
    let mut text = String::from(HEADING);
    for n in 1..=20_000 {
        text.push_str(&format!(
            "{n}. Budget report {n}\nRESOLVED – That Cabinet:\n(a) approve £{n},000;\n(b) note it.\n\
             For: 5 Against: 2 Abstain: 1\n\n"
        ));
    }
    parse_bounded("20,000 items numbered past 999", &text);
}

/// Ten thousand list labels, each one level deeper than the last by its style and indent.
#[test]
fn ten_thousand_nested_list_labels() {
    const STYLES: [&str; 5] = ["1.", "(a)", "(i)", "A.", "a)"];
    let mut text = String::from(HEADING);
    text.push_str("5. Budget\nRESOLVED – That Cabinet:\n");
    for n in 0..10_000 {
        let indent = " ".repeat((n % 200) * 2);
        text.push_str(&format!(
            "{indent}{} approve part {n} of the budget;\n",
            STYLES[n % STYLES.len()]
        ));
    }
    let doc = parse_bounded("10,000 nested labels", &text);
    // serde_json reads back at most 128 levels; the record must stay well inside that.
    let depth = part_depth(&doc);
    assert!(depth <= 32, "parts nested {depth} deep");
}

#[test]
fn a_label_on_every_line() {
    for label in ["(a)", "1.", "(iv)", "A:", "7.2", "CL.136", "•", "-"] {
        let mut text = String::from(HEADING);
        text.push_str("5. Budget\nRESOLVED – That:\n");
        for n in 0..20_000 {
            text.push_str(&format!("{label} clause {n}\n"));
        }
        parse_bounded(&format!("a {label:?} label on every line"), &text);
    }
}

#[test]
fn megabytes_of_bullets() {
    // Bullet lines.
    let mut text = String::from(HEADING);
    text.push_str("5. Budget\n");
    while text.len() < 2 << 20 {
        text.push_str("• Concerns were raised about parking.\n");
    }
    parse_bounded("2 MB of bullet lines", &text);
    // Bullets alone, on lines and on one line.
    parse_bounded("bullets, one per line", &"•\n".repeat(500_000));
    parse_bounded("a line of bullets", &"• ".repeat(500_000));
}

#[test]
fn nul_bytes_give_a_record_or_a_clear_error() {
    let mut mixed = HEADING.as_bytes().to_vec();
    for n in 0..20_000 {
        mixed.extend_from_slice(format!("{n}. Item\0 with\0NULs\n").as_bytes());
    }
    let inputs: [(&str, Vec<u8>); 3] = [
        ("1 MB of NUL", vec![0u8; 1 << 20]),
        ("NULs between lines", mixed),
        ("NUL lines", b"\0\n".repeat(100_000)),
    ];
    for (what, bytes) in inputs {
        match parse_bytes(&bytes, &no_fallback()) {
            Ok(doc) => {
                let src = source_text(&bytes, &no_fallback()).unwrap();
                check_record(what, &doc, &src.text, &src.page_starts);
            }
            Err(e) => assert!(!e.code().is_empty(), "{what}: {e}"),
        }
        // As a &str (NUL is a valid char) it is always a record.
        let text = String::from_utf8_lossy(&bytes);
        if !text.trim_matches(|c: char| c.is_whitespace()).is_empty() {
            parse_bounded(what, &text);
        }
    }
}

#[test]
fn invalid_utf8_gives_a_record_with_a_diagnostic() {
    let mut bytes = HEADING.as_bytes().to_vec();
    for n in 0..20_000 {
        bytes.extend_from_slice(format!("{n}. It\u{e9}m ").as_bytes());
        bytes.extend_from_slice(&[0xff, 0xc3, b'\n', 0xe2, 0x82]);
        bytes.push(b'\n');
    }
    let doc = parse_bytes(&bytes, &no_fallback()).unwrap();
    let src = source_text(&bytes, &no_fallback()).unwrap();
    check_record("invalid UTF-8", &doc, &src.text, &src.page_starts);
    assert!(
        doc.diagnostics.iter().any(|d| d.code == "invalid-utf8"),
        "{:?}",
        doc.diagnostics.iter().map(|d| &d.code).collect::<Vec<_>>()
    );
    // Invalid UTF-8 is reported once, not once per bad byte.
    let n = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == "invalid-utf8")
        .count();
    assert!(n <= 16, "{n} invalid-utf8 diagnostics");
}

#[test]
fn long_runs_of_one_character() {
    for c in [
        "a", " ", "\n", "\r\n", ".", "(", "1", "\u{a0}", "\u{feff}", "\x0c", "-",
    ] {
        let text = format!("x{}", c.repeat(200_000));
        parse_bounded(&format!("a run of {c:?}"), &text);
    }
}

// ---------------------------------------------------------------------------------------------
// PDF: made with the tiny writer in tests/common/pdf.rs (no binary fixtures).

const FONT: &str =
    "/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >> >>";

/// A one-page document: `content` is the page's content stream (written by `stream`, which may
/// compress it), `extra` more of the page's resources.
fn one_page(
    content: impl FnOnce(&mut Pdf) -> usize,
    extra_resources: impl FnOnce(&mut Pdf, usize) -> String,
) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let catalog = pdf.add("");
    let tree = pdf.add("");
    let page = pdf.add("");
    let contents = content(&mut pdf);
    let extra = extra_resources(&mut pdf, page);
    pdf.set(
        page,
        format!(
            "<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 612 792] \
             /Resources << {FONT} {extra} >> /Contents {contents} 0 R >>"
        ),
    );
    pdf.set(
        tree,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {tree} 0 R >>"));
    pdf.finish(catalog)
}

const LINES: &str = "BT /F1 12 Tf 72 720 Td (Minutes of the meeting of the council) Tj \
                     0 -14 Td (5. Budget) Tj 0 -14 Td (RESOLVED that the report be noted.) Tj ET";

fn plain_pdf() -> Vec<u8> {
    one_page(|p| p.stream("", LINES.as_bytes()), |_, _| String::new())
}

/// Runs `parse_pdf` and checks its outcome: a record whose spans hold, or a clear error.
/// Returns the error code, or `None` for a record.
fn pdf_outcome(what: &str, bytes: &[u8]) -> Option<&'static str> {
    let run = std::panic::catch_unwind(|| parse_pdf(bytes, &no_fallback()));
    let Ok(result) = run else {
        panic!("{what}: a panic escaped parse_pdf");
    };
    match result {
        Ok(doc) => {
            let src = source_text(bytes, &no_fallback()).unwrap();
            check_record(what, &doc, &src.text, &src.page_starts);
            None
        }
        Err(e) => {
            assert!(!e.to_string().is_empty(), "{what}: an empty error message");
            Some(e.code())
        }
    }
}

#[test]
fn a_truncated_pdf_is_a_clean_error_at_every_cut() {
    let good = plain_pdf();
    assert_eq!(pdf_outcome("the whole PDF", &good), None);
    for cut in (1..good.len()).step_by(good.len() / 40 + 1) {
        let code = pdf_outcome(&format!("cut at {cut}"), &good[..cut]);
        // Cut before the end of the cross-reference table: never a record made up from nothing.
        if let Some(code) = code {
            assert!(
                [
                    "pdf-corrupt",
                    "not-a-pdf",
                    "unsupported-format",
                    "pdf-no-text-layer",
                    "pdf-extractor-failed",
                    "empty-input",
                ]
                .contains(&code),
                "cut at {cut}: {code}"
            );
        }
    }
}

// Object graphs with cycles: each is a record or a clear error, never a hang or a stack overflow
// (which aborts the whole process: no `catch_unwind` contains it). pdf-extract recurses on both
// without a limit; src/pdf/repair/cycles.rs breaks them first, reading them as poppler does.

const PAGE: &str = "/Type /Page /MediaBox [0 0 612 792]";

/// `parse_pdf`'s record, its text and its diagnostic codes; panics on an error.
fn pdf_record(what: &str, bytes: &[u8]) -> (String, Vec<String>) {
    assert_eq!(pdf_outcome(what, bytes), None, "{what}: not a record");
    let doc = parse_pdf(bytes, &no_fallback()).unwrap();
    let src = source_text(bytes, &no_fallback()).unwrap();
    let codes = doc.diagnostics.iter().map(|d| d.code.clone()).collect();
    (src.text, codes)
}

/// The page tree's Kids hold the tree itself: the loop is skipped, the page read once.
#[test]
fn cyclic_kids_hold_their_parent() {
    let mut pdf = Pdf::new();
    let cat = pdf.add("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.add(format!(
        "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 /Resources << {FONT} >> >>"
    ));
    pdf.add(format!("<< {PAGE} /Parent 2 0 R /Contents 4 0 R >>"));
    pdf.stream("", LINES.as_bytes());
    let (text, codes) = pdf_record("Kids hold their parent", &pdf.finish(cat));
    assert_eq!(text.matches("Budget").count(), 1, "{text:?}");
    assert!(!text.contains('\u{c}'), "one page: {text:?}");
    assert!(
        codes.contains(&"pdf-page-tree-repaired".to_owned()),
        "{codes:?}"
    );
}

/// A root whose Kids name it 100,000 times before its page: each dropped once, in linear work.
#[test]
fn a_hundred_thousand_kids_that_loop() {
    let mut pdf = Pdf::new();
    let cat = pdf.add("<< /Type /Catalog /Pages 2 0 R >>");
    let loops = "2 0 R ".repeat(100_000);
    pdf.add(format!(
        "<< /Type /Pages /Kids [{loops} 3 0 R] /Count 1 /Resources << {FONT} >> >>"
    ));
    pdf.add(format!("<< {PAGE} /Parent 2 0 R /Contents 4 0 R >>"));
    pdf.stream("", LINES.as_bytes());
    let (text, codes) = pdf_record("100,000 Kids that loop", &pdf.finish(cat));
    assert_eq!(text.matches("Budget").count(), 1, "{text:?}");
    assert_eq!(codes, ["pdf-page-tree-repaired"]);
}

/// Two page-tree nodes that are each other's kid, and no page: a clear error.
#[test]
fn cyclic_two_nodes_each_others_kid() {
    let mut pdf = Pdf::new();
    let cat = pdf.add("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.add("<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>");
    let code = pdf_outcome("two nodes each other's kid", &pdf.finish(cat));
    assert_eq!(code, Some("pdf-corrupt"));
}

/// An object that is a reference to itself, as the page's contents and resources.
#[test]
fn cyclic_self_referencing_contents() {
    let mut pdf = Pdf::new();
    let cat = pdf.add("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.add(format!(
        "<< {PAGE} /Parent 2 0 R /Contents 4 0 R /Resources 5 0 R >>"
    ));
    pdf.add("4 0 R");
    pdf.add("<< /Font 5 0 R /XObject 5 0 R >>");
    pdf_outcome("self-referencing contents", &pdf.finish(cat));
}

/// A form XObject that draws itself: drawn once, the drawing inside it skipped.
#[test]
fn cyclic_form_that_draws_itself() {
    let (text, codes) = pdf_record("a form that draws itself", &form_that_draws_itself());
    assert!(text.contains("Budget"), "{text:?}");
    assert_eq!(text.matches("inside the form").count(), 1, "{text:?}");
    assert_eq!(codes, ["pdf-form-cycle"]);
}

fn form_that_draws_itself() -> Vec<u8> {
    one_page(
        |p| p.stream("", format!("{LINES} /Fm1 Do").as_bytes()),
        |p, _| {
            // The form is the next object; its resources name itself.
            let id = p.next_id();
            let form = p.stream(
                &format!(
                    "/Type /XObject /Subtype /Form /BBox [0 0 612 792] \
                     /Resources << {FONT} /XObject << /Fm1 {id} 0 R >> >>"
                ),
                b"BT /F1 12 Tf 72 600 Td (inside the form) Tj ET /Fm1 Do",
            );
            assert_eq!(form, id);
            format!("/XObject << /Fm1 {form} 0 R >>")
        },
    )
}

/// Two forms that draw each other: each drawn once.
#[test]
fn cyclic_two_forms_draw_each_other() {
    let (text, codes) = pdf_record(
        "two forms that draw each other",
        &two_forms_draw_each_other(),
    );
    assert_eq!(text.matches("form a").count(), 1, "{text:?}");
    assert_eq!(text.matches("form b").count(), 1, "{text:?}");
    assert_eq!(codes, ["pdf-form-cycle"]);
}

fn two_forms_draw_each_other() -> Vec<u8> {
    one_page(
        |p| p.stream("", format!("{LINES} /Fa Do").as_bytes()),
        |p, _| {
            let a = p.next_id();
            let b = a + 1;
            let res = format!("/Resources << {FONT} /XObject << /Fa {a} 0 R /Fb {b} 0 R >> >>");
            p.stream(
                &format!("/Type /XObject /Subtype /Form /BBox [0 0 612 792] {res}"),
                b"BT /F1 12 Tf 72 600 Td (form a) Tj ET /Fb Do",
            );
            p.stream(
                &format!("/Type /XObject /Subtype /Form /BBox [0 0 612 792] {res}"),
                b"BT /F1 12 Tf 72 580 Td (form b) Tj ET /Fa Do",
            );
            format!("/XObject << /Fa {a} 0 R /Fb {b} 0 R >>")
        },
    )
}

/// A form without resources of its own draws, through its caller's, the form that drew it.
#[test]
fn cyclic_forms_through_inherited_resources() {
    let pdf = one_page(
        |p| p.stream("", format!("{LINES} /Fa Do").as_bytes()),
        |p, _| {
            let a = p.next_id();
            let b = a + 1;
            p.stream(
                &format!(
                    "/Type /XObject /Subtype /Form /BBox [0 0 612 792] \
                     /Resources << {FONT} /XObject << /Fa {a} 0 R /Fb {b} 0 R >> >>"
                ),
                b"BT /F1 12 Tf 72 600 Td (form a) Tj ET /Fb Do",
            );
            p.stream(
                "/Type /XObject /Subtype /Form /BBox [0 0 612 792]",
                b"BT /F1 12 Tf 72 580 Td (form b) Tj ET /Fa Do",
            );
            format!("/XObject << /Fa {a} 0 R /Fb {b} 0 R >>")
        },
    );
    let (text, codes) = pdf_record("a cycle through inherited resources", &pdf);
    assert_eq!(text.matches("form a").count(), 1, "{text:?}");
    assert_eq!(text.matches("form b").count(), 1, "{text:?}");
    assert_eq!(codes, ["pdf-form-cycle"]);
}

/// A form drawn twice, one drawing below the other, is not a cycle: both drawings stay.
#[test]
fn a_form_drawn_twice_is_not_a_cycle() {
    let pdf = one_page(
        |p| {
            let page = format!("{LINES} /Fa Do q 1 0 0 1 0 -100 cm /Fa Do Q");
            p.stream("", page.as_bytes())
        },
        |p, _| {
            let a = p.stream(
                &format!(
                    "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << {FONT} >>"
                ),
                b"BT /F1 12 Tf 72 600 Td (the form) Tj ET",
            );
            format!("/XObject << /Fa {a} 0 R >>")
        },
    );
    let (text, codes) = pdf_record("a form drawn twice", &pdf);
    assert_eq!(text.matches("the form").count(), 2, "{text:?}");
    assert!(codes.is_empty(), "{codes:?}");
}

/// A chain of `n` forms, each drawing the next (no cycle); the last shows text.
fn nested_forms(n: usize) -> Vec<u8> {
    one_page(
        |p| p.stream("", format!("{LINES} /F0 Do").as_bytes()),
        |p, _| {
            let first = p.next_id();
            for k in 0..n {
                let next = first + k + 1;
                let (xobjects, body) = if k + 1 < n {
                    (
                        format!("/XObject << /F{} {next} 0 R >>", k + 1),
                        format!("/F{} Do", k + 1),
                    )
                } else {
                    (
                        String::new(),
                        "BT /F1 12 Tf 72 600 Td (the innermost form) Tj ET".to_owned(),
                    )
                };
                p.stream(
                    &format!(
                        "/Type /XObject /Subtype /Form /BBox [0 0 612 792] \
                         /Resources << {FONT} {xobjects} >>"
                    ),
                    body.as_bytes(),
                );
            }
            format!("/XObject << /F0 {first} 0 R >>")
        },
    )
}

/// Forms nested 32 deep are read; 5,000 deep, the levels past 32 are cut with a diagnostic
/// (pdf-extract's recursion would overflow the stack).
#[test]
fn forms_nested_thousands_deep_are_cut() {
    let (text, codes) = pdf_record("forms nested 32 deep", &nested_forms(32));
    assert!(text.contains("the innermost form"), "{text:?}");
    assert!(codes.is_empty(), "{codes:?}");
    let (text, codes) = pdf_record("forms nested 5,000 deep", &nested_forms(5000));
    assert!(text.contains("Budget"), "{text:?}");
    assert!(!text.contains("the innermost form"), "{text:?}");
    assert_eq!(codes, ["pdf-form-too-deep"]);
}

/// A page whose Parent chain loops, with no MediaBox anywhere (pdf-extract would look for one up
/// the chain forever): pages inherit down Kids, the media box is poppler's default.
#[test]
fn cyclic_parent_chain() {
    let (text, codes) = pdf_record("a Parent chain that loops", &parent_chain_that_loops());
    assert!(
        text.contains("RESOLVED that the report be noted."),
        "{text:?}"
    );
    assert_eq!(codes, ["pdf-page-tree-repaired"]);
}

fn parent_chain_that_loops() -> Vec<u8> {
    let mut pdf = Pdf::new();
    let cat = pdf.add("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.add(format!(
        "<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 4 0 R /Resources << {FONT} >> >>"
    ));
    pdf.add("<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>");
    pdf.add("<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>");
    pdf.stream("", LINES.as_bytes());
    pdf.finish(cat)
}

/// The same loop with no resources anywhere (pdf-extract would look for them up the chain
/// forever): a clear error, as the page's font cannot be found.
#[test]
fn cyclic_parent_chain_without_resources() {
    let mut pdf = Pdf::new();
    let cat = pdf.add("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.add("<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 4 0 R >>");
    pdf.add(format!("<< {PAGE} /Parent 2 0 R /Contents 5 0 R >>"));
    pdf.add("<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>");
    pdf.stream("", LINES.as_bytes());
    let code = pdf_outcome("a Parent chain that loops, no resources", &pdf.finish(cat));
    assert_eq!(code, Some("pdf-extractor-failed"));
}

/// A page whose Parent names itself.
#[test]
fn cyclic_page_is_its_own_parent() {
    let mut pdf = Pdf::new();
    let cat = pdf.add("<< /Type /Catalog /Pages 2 0 R >>");
    pdf.add(format!(
        "<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources << {FONT} >> >>"
    ));
    pdf.add(format!("<< {PAGE} /Parent 3 0 R /Contents 4 0 R >>"));
    pdf.stream("", LINES.as_bytes());
    let (text, codes) = pdf_record("a page that is its own parent", &pdf.finish(cat));
    assert!(text.contains("Budget"), "{text:?}");
    assert_eq!(codes, ["pdf-page-tree-repaired"]);
}

/// A page tree 20,000 nodes deep, resources and media box at the root: inherited without a
/// walk up 20,000 Parents (pdf-extract's would recurse that deep).
#[test]
fn a_page_tree_twenty_thousand_deep() {
    let depth = 20_000;
    let mut pdf = Pdf::new();
    let cat = pdf.add("<< /Type /Catalog /Pages 2 0 R >>");
    for k in 0..depth {
        let id = 2 + k;
        let parent = if k == 0 {
            String::new()
        } else {
            format!("/Parent {} 0 R", id - 1)
        };
        let own = if k == 0 {
            format!("/Resources << {FONT} >> /MediaBox [0 0 612 792]")
        } else {
            String::new()
        };
        pdf.add(format!(
            "<< /Type /Pages /Kids [{} 0 R] /Count 1 {parent} {own} >>",
            id + 1
        ));
    }
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {} 0 R /Contents {} 0 R >>",
        depth + 1,
        depth + 3
    ));
    assert_eq!(page, depth + 2);
    pdf.stream("", LINES.as_bytes());
    let (text, codes) = pdf_record("a page tree 20,000 deep", &pdf.finish(cat));
    assert!(text.contains("Budget"), "{text:?}");
    assert!(codes.is_empty(), "{codes:?}");
}

/// The cyclic and deep shapes above, by name.
fn cyclic_shapes() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("cyclic-form-draws-itself", form_that_draws_itself()),
        ("cyclic-two-forms", two_forms_draw_each_other()),
        ("cyclic-parent-chain", parent_chain_that_loops()),
        ("forms-nested-40-deep", nested_forms(40)),
    ]
}

/// `MINUTES_FUZZ_SEEDS=DIR` writes the cyclic shapes into DIR (`fuzz/seed.sh` does, so that the
/// PDF fuzzer mutates them); without it, nothing.
#[test]
fn cyclic_shapes_as_fuzz_seeds() {
    let Some(dir) = std::env::var_os("MINUTES_FUZZ_SEEDS") else {
        return;
    };
    for (name, bytes) in cyclic_shapes() {
        std::fs::write(Path::new(&dir).join(format!("{name}.pdf")), bytes).unwrap();
    }
}

/// The same PDFs through the CLI's worker process (which also contains what the repairs miss:
/// a worker that dies gives the caller a clear error, and it goes on).
#[test]
fn worker_contains_cyclic_pdfs() {
    let mut limits = Limits::with_timeout(Duration::from_secs(30));
    limits.pdftotext_fallback = false;
    for (what, bytes) in cyclic_shapes() {
        let src = extract_in_worker(minutes_exe(), &bytes, &limits)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(src.text.contains("Budget"), "{what}: {:?}", src.text);
        assert!(src.text.len() < 1 << 16, "{what}");
    }
}

/// `data` compressed with zlib (the PDF's FlateDecode).
fn deflate(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(data).unwrap();
    z.finish().unwrap()
}

/// A zlib stream that inflates to `1 + 258 * matches` spaces, written by hand (one fixed-Huffman
/// block: a literal space, then `matches` copies of "258 bytes at distance 1"): 13 bits per 258
/// bytes, and no need to hold the inflated bytes to make it.
fn zlib_of_spaces(matches: u64) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        /// Writes the low `n` bits of `v`, least significant first.
        fn put(&mut self, v: u64, n: u32) {
            self.acc |= v << self.n;
            self.n += n;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// Writes a Huffman code of `n` bits, most significant first.
        fn code(&mut self, code: u64, n: u32) {
            let rev = (0..n).fold(0, |r, i| r | ((code >> i) & 1) << (n - 1 - i));
            self.put(rev, n);
        }
    }
    let mut b = Bits {
        out: vec![0x78, 0x01],
        acc: 0,
        n: 0,
    };
    b.put(1, 1); // BFINAL
    b.put(1, 2); // BTYPE = fixed Huffman
    b.code(0x30 + u64::from(b' '), 8); // literal ' '
    for _ in 0..matches {
        b.code(0b1100_0101, 8); // length code 285: 258 bytes
        b.code(0, 5); // distance code 0: distance 1
    }
    b.code(0, 7); // end of block
    if b.n > 0 {
        b.out.push(b.acc as u8);
    }
    // Adler-32 of the inflated bytes: n spaces.
    let n = u128::from(1 + 258 * matches);
    let a = (1 + 32 * n) % 65521;
    let s = (n + 32 * n * (n + 1) / 2) % 65521;
    b.out
        .extend_from_slice(&((s << 16 | a) as u32).to_be_bytes());
    b.out
}

#[test]
fn the_hand_written_zlib_stream_is_right() {
    let z = zlib_of_spaces(1000);
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(&z[..]), &mut out).unwrap();
    assert_eq!(out, vec![b' '; 1 + 258 * 1000]);
    // And it survives a second layer of compression.
    let again = deflate(&z);
    assert!(again.len() < z.len());
}

/// A page whose content stream inflates to about `inflated` bytes of spaces, compressed twice
/// (`/Filter [/FlateDecode /FlateDecode]`), so a few KiB of PDF hold it.
fn deflate_bomb(inflated: u64) -> Vec<u8> {
    let data = deflate(&zlib_of_spaces(inflated / 258));
    one_page(
        |p| p.stream("/Filter [/FlateDecode /FlateDecode]", &data),
        |_, _| String::new(),
    )
}

fn minutes_exe() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_minutes"))
}

/// A moderate bomb in process: 64 MiB from a few KiB is read (or refused), in bounded memory.
#[test]
fn a_moderate_deflate_bomb_in_process() {
    let bytes = deflate_bomb(64 << 20);
    assert!(bytes.len() < 64 << 10, "{} bytes", bytes.len());
    let _ = pdf_outcome("a 64 MiB deflate bomb", &bytes);
}

/// A large bomb (1 GiB from some KiB) through the CLI's worker: stopped at its memory cap or
/// time limit, or refused, and the caller goes on.
#[test]
fn a_deflate_bomb_is_stopped_in_the_worker() {
    let bytes = deflate_bomb(1 << 30);
    assert!(bytes.len() < 1 << 20, "{} bytes", bytes.len());
    let mut limits = Limits::with_timeout(Duration::from_secs(30));
    limits.memory_bytes = 256 << 20;
    limits.pdftotext_fallback = false;
    match extract_in_worker(minutes_exe(), &bytes, &limits) {
        Ok(src) => assert!(src.text.len() < 1 << 20, "{} bytes of text", src.text.len()),
        Err(e) => assert!(
            [
                "memory-limit",
                "timeout",
                "pdf-corrupt",
                "pdf-no-text-layer",
                "pdf-extractor-failed"
            ]
            .contains(&e.code()),
            "{e}"
        ),
    }
}
