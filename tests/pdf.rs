//! PDF extraction over small PDFs made here, at test time, by a tiny PDF writer ([`Pdf`]): no
//! binary fixtures, and every document states what it is made of. Each test is one situation
//! from issue 3: pages, running headers, hyphenation, columns, producers without space glyphs,
//! the `'` operator, forms under a transformation, annotations, scans, encryption, non-PDFs,
//! truncated and hostile files, CJK and accented text, and the worker process.
//!
//! pdftotext is never required: tests that would otherwise depend on it turn the fallback off.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use council_minutes::worker::{extract_in_worker, Limits};
use council_minutes::{parse_pdf, source_text, ErrorKind, Options, SourceText};
use std::path::Path;
use std::time::Duration;

mod common;
use common::pdf::Pdf;

// ---------------------------------------------------------------------------------------------
// Pages and documents, written with the tiny writer in tests/common/pdf.rs.

/// Fonts every page gets: /F1 Helvetica, /F2 Helvetica-Bold, /F3 Courier (WinAnsi).
const FONTS: &str =
    "/F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >> \
     /F2 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >> \
     /F3 << /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>";

/// A page for [`document`]: its content stream and extra resources / page entries.
#[derive(Default, Clone)]
struct Page {
    content: Vec<u8>,
    resources: String,
    extra: String,
}

impl Page {
    fn text(content: impl Into<String>) -> Page {
        Page {
            content: content.into().into_bytes(),
            ..Page::default()
        }
    }
}

/// A document of US Letter pages (612 × 792).
fn document(pages: &[Page]) -> Vec<u8> {
    document_with(&mut Pdf::new(), pages)
}

/// A PDF string literal.
fn lit(s: &str) -> String {
    let mut out = String::from("(");
    for c in s.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out.push(')');
    out
}

/// Lines of Helvetica 11 from (x, y) downwards, 14 pt apart.
fn lines_at(x: f64, y: f64, lines: &[&str]) -> String {
    let mut s = format!("BT /F1 11 Tf 14 TL {x} {y} Td\n");
    for l in lines {
        s.push_str(&format!("{} Tj T*\n", lit(l)));
    }
    s.push_str("ET\n");
    s
}

fn no_fallback() -> Options {
    let mut o = Options::default();
    o.pdftotext_fallback = false;
    o
}

fn text_of(bytes: &[u8]) -> SourceText {
    source_text(bytes, &no_fallback()).unwrap()
}

/// Whitespace collapsed, for comparing reading order without caring about layout spacing.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------------
// Pages and spans.

#[test]
fn pages_are_joined_by_form_feeds_and_page_starts_point_at_them() {
    let pdf = document(&[
        Page::text(lines_at(
            72.0,
            720.0,
            &[
                "Minutes of the Cabinet held on 20 June 2012",
                "1. Apologies",
            ],
        )),
        Page::text(lines_at(
            72.0,
            720.0,
            &["2. Budget", "RESOLVED that the report be noted."],
        )),
        Page::text(lines_at(
            72.0,
            720.0,
            &["3. Close", "The meeting closed at 8 pm."],
        )),
    ]);
    let src = text_of(&pdf);
    assert_eq!(src.page_starts.len(), 3);
    assert_eq!(src.page_starts[0], 0);
    assert_eq!(src.text.matches('\u{c}').count(), 2);
    for &start in &src.page_starts[1..] {
        assert_eq!(&src.text[start - 1..start], "\u{c}");
    }
    let page2 = &src.text[src.page_starts[1]..src.page_starts[2]];
    assert!(page2.contains("2. Budget\n"), "{page2:?}");
    assert!(page2.contains("RESOLVED that the report be noted."));
    assert_eq!(src.extractor.as_deref(), Some("pdf-extract"));
    assert!(src.diagnostics.is_empty(), "{:?}", src.diagnostics);

    let doc = parse_pdf(&pdf, &no_fallback()).unwrap();
    assert_eq!(doc.source.pages, Some(3));
    assert_eq!(doc.source.extractor.as_deref(), Some("pdf-extract"));
}

#[test]
fn running_headers_and_footers_are_marked_as_furniture() {
    let pages: Vec<Page> = (1..=3)
        .map(|n| {
            let mut c = lines_at(200.0, 760.0, &["Anytown Parish Council"]);
            let title = [
                "1. Apologies for absence",
                "2. Minutes of the last meeting",
                "3. Planning applications",
            ][n - 1];
            // The last body line differs by more than digits: body text, not furniture.
            let close = ["The item closed.", "Agreed.", "Noted by all members."][n - 1];
            c.push_str(&lines_at(
                72.0,
                700.0,
                &[
                    title,
                    "The clerk presented the report.",
                    "Members asked questions.",
                    close,
                ],
            ));
            c.push_str(&lines_at(270.0, 40.0, &[&format!("Page {n} of 3")]));
            Page::text(c)
        })
        .collect();
    let src = text_of(&document(&pages));
    let marked: Vec<&str> = src
        .furniture
        .iter()
        .map(|&(s, e)| &src.text[s..e])
        .collect();
    assert_eq!(
        marked,
        [
            "Anytown Parish Council",
            "Page 1 of 3",
            "Anytown Parish Council",
            "Page 2 of 3",
            "Anytown Parish Council",
            "Page 3 of 3"
        ]
    );
    // Marked, not removed: the text still holds them where `minutes text` prints them.
    assert_eq!(src.text.matches("Anytown Parish Council").count(), 3);
}

#[test]
fn line_end_hyphenation_is_joined_only_for_real_breaks() {
    let pdf = document(&[Page::text(lines_at(
        72.0,
        720.0,
        &[
            "The Finance Committee met. The com-",
            "mittee agreed to a value-",
            "added service for the year.",
        ],
    ))]);
    let text = text_of(&pdf).text;
    assert!(!text.contains("com-"), "{text}");
    assert!(text.contains("The committee\n"), "{text}");
    assert!(text.contains("value-added\n"), "{text}");
}

#[test]
fn two_columns_are_read_column_by_column() {
    let left = [
        "The parish council met in the village",
        "hall to discuss the state of the play",
        "area and the condition of the benches",
        "near the junction of the main road and",
        "agreed that quotes should be obtained",
        "from three local contractors soon.",
    ];
    let right = [
        "Members of the public raised concerns",
        "about speeding traffic on the lane and",
        "asked the council to write to the road",
        "authority about traffic calming work",
        "and the clerk agreed to write to them",
        "before the next meeting in September.",
    ];
    let mut c = lines_at(72.0, 700.0, &left);
    c.push_str(&lines_at(320.0, 700.0, &right));
    let text = text_of(&document(&[Page::text(c)])).text;
    let flat = squash(&text);
    assert!(flat.contains(&left.join(" ")), "{text}");
    assert!(flat.contains(&right.join(" ")), "{text}");
    assert!(
        flat.find("three local contractors").unwrap() < flat.find("Members of the public").unwrap()
    );
}

#[test]
fn side_by_side_lists_stay_on_their_rows() {
    // Attendance in two short columns is a table, not prose: rows stay rows.
    let mut c = lines_at(72.0, 700.0, &["Present:", "Cllr A Smith", "Cllr B Jones"]);
    c.push_str(&lines_at(
        320.0,
        700.0,
        &["Apologies:", "Cllr C Brown", "Cllr D White"],
    ));
    let text = text_of(&document(&[Page::text(c)])).text;
    let rows: Vec<String> = text.lines().map(squash).filter(|l| !l.is_empty()).collect();
    assert_eq!(
        rows,
        [
            "Present: Apologies:",
            "Cllr A Smith Cllr C Brown",
            "Cllr B Jones Cllr D White"
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Producers pdf-extract reads badly on its own.

#[test]
fn words_without_space_glyphs_are_split_by_position() {
    // Each word placed on its own, no space characters anywhere (cairo, corpus 005). Courier
    // is 0.6 em wide per letter: at 10 pt a word of n letters is 6n pt, and the gap is 3 pt.
    let mut c = String::from("BT /F3 10 Tf\n");
    let mut x = 72.0;
    for w in ["The", "minutes", "were", "approved", "and", "signed."] {
        c.push_str(&format!("1 0 0 1 {x} 700 Tm {} Tj\n", lit(w)));
        x += 6.0 * w.len() as f64 + 3.0;
    }
    c.push_str("ET\n");
    let text = text_of(&document(&[Page::text(c)])).text;
    assert_eq!(squash(&text), "The minutes were approved and signed.");
}

#[test]
fn quote_operators_are_read() {
    // enscript and Ghostscript show every line with ' (pdf-extract drops it).
    let c = "BT /F1 11 Tf 14 TL 72 720 Td (First line of the minutes) Tj \
             (Second line, shown with the quote operator) ' \
             0 0 (Third line, shown with the double quote) \" ET";
    let text = text_of(&document(&[Page::text(c)])).text;
    let lines: Vec<String> = text.lines().map(squash).filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines,
        [
            "First line of the minutes",
            "Second line, shown with the quote operator",
            "Third line, shown with the double quote"
        ]
    );
}

#[test]
fn form_drawn_under_a_transformation_is_placed() {
    // cairo draws each page as a form XObject under a flip and a scale; the form's text
    // matrix flips back. pdf-extract ignores both matrices unless the form is placed for it.
    let mut pdf = Pdf::new();
    let catalog = pdf.reserve();
    let tree = pdf.reserve();
    let form_body = "BT /F1 22 Tf 1 0 0 -1 144 200 Tm (First line at the top) Tj ET \
                     BT /F1 22 Tf 1 0 0 -1 144 240 Tm (Second line below it) Tj ET";
    let form = pdf.stream(
        &format!("/Type /XObject /Subtype /Form /BBox [0 0 1275 1650] /Resources << /Font << {FONTS} >> >>"),
        form_body.as_bytes(),
    );
    let content = pdf.stream("", b"q 1 0 0 -1 0 792 cm q .5 0 0 .5 0 0 cm /X1 Do Q Q");
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 612 792] \
         /Resources << /XObject << /X1 {form} 0 R >> >> /Contents {content} 0 R >>"
    ));
    pdf.set(
        tree,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {tree} 0 R >>"));
    let text = text_of(&pdf.finish(catalog)).text;
    let lines: Vec<String> = text.lines().map(squash).filter(|l| !l.is_empty()).collect();
    assert_eq!(lines, ["First line at the top", "Second line below it"]);
}

#[test]
fn filled_in_form_fields_are_read() {
    let mut pdf = Pdf::new();
    let catalog = pdf.reserve();
    let tree = pdf.reserve();
    let ap = pdf.stream(
        &format!(
            "/Type /XObject /Subtype /Form /BBox [0 0 200 20] /Resources << /Font << {FONTS} >> >>"
        ),
        b"/Tx BMC BT /F1 10 Tf 2 6 Td (Maggie Daley Fieldhouse) Tj ET EMC",
    );
    let widget = pdf.add(format!(
        "<< /Type /Annot /Subtype /Widget /FT /Tx /T (Location) /F 4 \
         /Rect [200 690 400 710] /AP << /N {ap} 0 R >> >>"
    ));
    let content = pdf.stream("", lines_at(72.0, 696.0, &["Location:"]).as_bytes());
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 612 792] \
         /Resources << /Font << {FONTS} >> >> /Contents {content} 0 R /Annots [{widget} 0 R] >>"
    ));
    pdf.set(
        tree,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {tree} 0 R >>"));
    let text = text_of(&pdf.finish(catalog)).text;
    assert_eq!(squash(&text), "Location: Maggie Daley Fieldhouse");
}

#[test]
fn accented_and_cjk_text_is_correct_unicode() {
    // WinAnsi bytes for é, à, ŵ is not in WinAnsi, so Welsh uses ô/û here.
    let latin =
        "BT /F1 12 Tf 72 720 Td (R\\351union du Conseil \\340 20 h, cyt\\373n, y C\\364r) Tj ET\n";
    // A Type0 font with Identity-H and a ToUnicode map: 会議録 and the fi ligature.
    let mut pdf = Pdf::new();
    let catalog = pdf.reserve();
    let tree = pdf.reserve();
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def \
        /CMapName /Adobe-Identity-UCS def /CMapType 2 def \
        1 begincodespacerange <0000> <FFFF> endcodespacerange \
        4 beginbfchar <0001> <4F1A> <0002> <8B70> <0003> <9332> <0004> <FB01> endbfchar \
        endcmap CMapName currentdict /CMap defineresource pop end end";
    let to_unicode = pdf.stream("", cmap.as_bytes());
    let descriptor = pdf.add(
        "<< /Type /FontDescriptor /FontName /TestCJK /Flags 4 /FontBBox [0 -200 1000 900] \
         /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    );
    let cid = pdf.add(format!(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestCJK \
         /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
         /FontDescriptor {descriptor} 0 R /DW 1000 /W [1 3 1000 4 [556]] /CIDToGIDMap /Identity >>"
    ));
    let type0 = pdf.add(format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /TestCJK /Encoding /Identity-H \
         /DescendantFonts [{cid} 0 R] /ToUnicode {to_unicode} 0 R >>"
    ));
    let content = format!("{latin}BT /C1 12 Tf 72 690 Td <000100020003> Tj ET\nBT /C1 12 Tf 72 660 Td <0004> Tj /F1 12 Tf (nance) Tj ET\n");
    let stream = pdf.stream("", content.as_bytes());
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 612 792] \
         /Resources << /Font << {FONTS} /C1 {type0} 0 R >> >> /Contents {stream} 0 R >>"
    ));
    pdf.set(
        tree,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {tree} 0 R >>"));
    let text = text_of(&pdf.finish(catalog)).text;
    let lines: Vec<String> = text.lines().map(squash).filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines,
        [
            "Réunion du Conseil à 20 h, cytûn, y Côr",
            "会議録",
            "finance"
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Refusals and partly readable files.

/// A 1×1 grey image, the whole of a "scanned" page.
fn scanned_page(pdf: &mut Pdf) -> (String, Vec<u8>) {
    let image = pdf.stream(
        "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8",
        b"\x80",
    );
    (
        format!("/XObject << /Im1 {image} 0 R >>"),
        b"q 612 0 0 792 0 0 cm /Im1 Do Q".to_vec(),
    )
}

/// [`document`] with objects already added to `pdf` (images the pages draw).
fn document_with(pdf: &mut Pdf, pages: &[Page]) -> Vec<u8> {
    let catalog = pdf.reserve();
    let tree = pdf.reserve();
    let mut kids = Vec::new();
    for page in pages {
        let content = pdf.stream("", &page.content);
        kids.push(pdf.add(format!(
            "<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 612 792] \
             /Resources << /Font << {FONTS} >> {} >> /Contents {content} 0 R {} >>",
            page.resources, page.extra
        )));
    }
    let kids: Vec<String> = kids.iter().map(|k| format!("{k} 0 R")).collect();
    pdf.set(
        tree,
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        ),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {tree} 0 R >>"));
    pdf.finish(catalog)
}

#[test]
fn a_scan_without_text_is_refused_saying_ocr_is_needed() {
    let mut pdf = Pdf::new();
    let (resources, content) = scanned_page(&mut pdf);
    let scan = Page {
        content,
        resources,
        extra: String::new(),
    };
    let bytes = document_with(&mut pdf, &[scan.clone(), scan]);
    let err = source_text(&bytes, &Options::default()).unwrap_err();
    assert_eq!(err.code(), "pdf-no-text-layer");
    assert!(matches!(err.kind(), ErrorKind::NoTextLayer { pages: 2 }));
    assert!(err.to_string().contains("OCR is needed"), "{err}");
}

#[test]
fn a_partly_readable_pdf_gives_a_record_with_diagnostics() {
    let mut pdf = Pdf::new();
    let (resources, content) = scanned_page(&mut pdf);
    let scan = Page {
        content,
        resources,
        extra: String::new(),
    };
    let text = Page::text(lines_at(
        72.0,
        720.0,
        &["Date of next meeting: 27th September"],
    ));
    let bytes = document_with(&mut pdf, &[scan, text]);
    let src = source_text(&bytes, &Options::default()).unwrap();
    let codes: Vec<(&str, Option<u32>)> = src
        .diagnostics
        .iter()
        .filter(|d| d.severity == council_minutes::Severity::Warning)
        .map(|d| (d.code.as_str(), d.span.and_then(|s| s.page)))
        .collect();
    assert_eq!(codes, [("pdf-page-no-text", Some(1))]);
    assert!(src.text.contains("27th September"));
    let doc = parse_pdf(&bytes, &Options::default()).unwrap();
    assert!(doc.diagnostics.iter().any(|d| d.code == "pdf-page-no-text"));
}

#[test]
fn blank_pages_are_not_reported() {
    let bytes = document(&[
        Page::text(lines_at(72.0, 720.0, &["Minutes of the meeting"])),
        Page::text(""),
    ]);
    let src = text_of(&bytes);
    assert!(src.diagnostics.is_empty(), "{:?}", src.diagnostics);
    assert_eq!(src.page_starts.len(), 2);
}

#[test]
fn encrypted_with_a_user_password_is_refused() {
    let bytes = encrypted(
        &document(&[Page::text(lines_at(72.0, 720.0, &["Secret minutes"]))]),
        "secret",
    );
    let err = parse_pdf(&bytes, &Options::default()).unwrap_err();
    assert_eq!(err.code(), "pdf-encrypted");
    assert!(err.to_string().contains("password"), "{err}");
}

#[test]
fn encrypted_with_an_empty_user_password_opens() {
    let bytes = encrypted(
        &document(&[Page::text(lines_at(
            72.0,
            720.0,
            &["Open minutes of the council"],
        ))]),
        "",
    );
    let src = text_of(&bytes);
    assert_eq!(squash(&src.text), "Open minutes of the council");
}

/// `bytes` encrypted (RC4, 128-bit) with an owner password and the given user password.
fn encrypted(bytes: &[u8], user_password: &str) -> Vec<u8> {
    use pdf_extract::{
        Document, EncryptionState, EncryptionVersion, Object, Permissions, StringFormat,
    };
    let mut doc = Document::load_mem(bytes).unwrap();
    let id = Object::String(b"0123456789abcdef".to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    let version = EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password,
        key_length: 128,
        permissions: Permissions::default(),
    };
    let state = EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn not_a_pdf_is_refused_by_what_it_is() {
    let table: [(&[u8], &str); 3] = [
        (
            b"<html><head><title>302 Found</title></head><body>Found</body></html>",
            "HTML",
        ),
        (
            b"%!PS-Adobe-3.0\n%%Creator: PScript5.dll Version 5.2.2\n",
            "PostScript",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    ];
    for (bytes, what) in table {
        let err = parse_pdf(bytes, &Options::default()).unwrap_err();
        assert_eq!(err.code(), "not-a-pdf", "{what}");
        assert!(err.to_string().contains(what), "{err}");
        // Through format detection it is a clean refusal too.
        assert!(council_minutes::parse_bytes(bytes, &Options::default()).is_err());
    }
}

#[test]
fn a_truncated_pdf_is_a_clean_error() {
    let good = document(&[
        Page::text(lines_at(
            72.0,
            720.0,
            &["Minutes of the meeting of the council"],
        )),
        Page::text(lines_at(72.0, 720.0, &["The meeting closed at 9 pm"])),
    ]);
    for cut in [good.len() / 2, good.len() * 9 / 10, 20] {
        let err = parse_pdf(&good[..cut], &no_fallback()).unwrap_err();
        assert_eq!(err.code(), "pdf-corrupt", "cut at {cut}: {err}");
        assert!(err.to_string().contains("truncated"), "{err}");
        // With the pdftotext fallback (when installed) it may be repaired; never a panic.
        let _ = parse_pdf(&good[..cut], &Options::default());
    }
}

#[test]
fn a_page_that_makes_pdf_extract_panic_is_contained() {
    // A font name that the page's resources do not define: pdf-extract panics on `Tf`.
    let bytes = document(&[
        Page::text(lines_at(72.0, 720.0, &["First page is fine"])),
        Page::text("BT /F9 12 Tf 72 720 Td (unknown font) Tj ET"),
    ]);
    let src = text_of(&bytes);
    assert!(src.text.contains("First page is fine"));
    assert!(
        src.diagnostics.iter().any(|d| d.code == "pdf-page-failed"),
        "{:?}",
        src.diagnostics
    );
    // Only the failing page: an extractor failure, not "no text layer".
    let only_bad = document(&[Page::text("BT /F9 12 Tf 72 720 Td (unknown font) Tj ET")]);
    let err = source_text(&only_bad, &no_fallback()).unwrap_err();
    assert_eq!(err.code(), "pdf-extractor-failed", "{err}");
}

#[test]
fn hostile_structures_never_panic() {
    let good = document(&[Page::text(lines_at(72.0, 720.0, &["Minutes"]))]);
    let mut inputs: Vec<Vec<u8>> = vec![
        b"%PDF-1.4\n".to_vec(),
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj trailer << /Root 1 0 R >>".to_vec(),
        // A page tree with a cycle.
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF".to_vec(),
        // A deeply nested array in the content stream.
        document(&[Page::text(format!("BT /F1 12 Tf 72 720 Td {}(x){} TJ ET", "[".repeat(5000), "]".repeat(5000)))]),
    ];
    // Every byte position flipped in turn (a cheap mutation sweep).
    for i in (0..good.len()).step_by(7) {
        let mut m = good.clone();
        m[i] ^= 0x5a;
        inputs.push(m);
    }
    for input in inputs {
        let run = std::panic::catch_unwind(|| {
            let _ = parse_pdf(&input, &no_fallback());
        });
        assert!(
            run.is_ok(),
            "a panic escaped for {:?}",
            String::from_utf8_lossy(&input[..input.len().min(80)])
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The worker process (through the `minutes` binary's hidden `__pdf-worker` subcommand).

fn minutes_exe() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_minutes"))
}

#[test]
fn worker_gives_the_same_text_as_in_process() {
    let bytes = document(&[
        Page::text(lines_at(
            72.0,
            720.0,
            &["Minutes of the Cabinet", "1. Apologies"],
        )),
        Page::text(lines_at(72.0, 720.0, &["2. Budget"])),
    ]);
    let mut limits = Limits::default();
    limits.pdftotext_fallback = false;
    let in_worker = extract_in_worker(minutes_exe(), &bytes, &limits).unwrap();
    let here = text_of(&bytes);
    assert_eq!(in_worker.text, here.text);
    assert_eq!(in_worker.page_starts, here.page_starts);
    assert_eq!(in_worker.furniture, here.furniture);
    assert_eq!(in_worker.extractor, here.extractor);
}

#[test]
fn worker_reports_refusals_with_their_codes() {
    let mut limits = Limits::default();
    limits.pdftotext_fallback = false;
    let err = extract_in_worker(minutes_exe(), b"<html>302 Found</html>", &limits).unwrap_err();
    assert_eq!(err.code(), "not-a-pdf");
    let locked = encrypted(
        &document(&[Page::text(lines_at(72.0, 720.0, &["x"]))]),
        "pw",
    );
    let err = extract_in_worker(minutes_exe(), &locked, &limits).unwrap_err();
    assert_eq!(err.code(), "pdf-encrypted");
}

/// A cross-reference stream with empty entries and a huge `/Index`: lopdf allocates and loops
/// in proportion to the count (10^6: 6 s and 2.4 GB; 10^8: hours).
fn xref_bomb(count: u64) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n".to_vec();
    let off = out.len();
    out.extend_from_slice(
        format!(
            "1 0 obj\n<< /Type /XRef /W [0 0 0] /Index [0 {count}] /Size {count} /Root 1 0 R /Length 0 >>\nstream\n\nendstream\nendobj\nstartxref\n{off}\n%%EOF\n"
        )
        .as_bytes(),
    );
    out
}

#[test]
fn worker_is_stopped_at_its_memory_cap() {
    // A debug build allocates slowly: a small cap and a generous time limit keep the memory
    // cap the limit that is hit.
    let mut limits = Limits::with_timeout(Duration::from_secs(120));
    limits.memory_bytes = 160 << 20;
    limits.pdftotext_fallback = false;
    // Under the same cap an ordinary PDF is read: the cap, not the worker's start, stops it.
    let ordinary = document(&[Page::text(lines_at(72.0, 720.0, &["Minutes"]))]);
    assert!(extract_in_worker(minutes_exe(), &ordinary, &limits).is_ok());
    let err = extract_in_worker(minutes_exe(), &xref_bomb(10_000_000), &limits).unwrap_err();
    assert_eq!(err.code(), "memory-limit", "{err}");
    assert!(matches!(err.kind(), ErrorKind::MemoryLimit { .. }));
}

#[test]
fn worker_is_stopped_at_its_time_limit() {
    let mut limits = Limits::with_timeout(Duration::from_secs(1));
    limits.pdftotext_fallback = false;
    let err = extract_in_worker(minutes_exe(), &xref_bomb(100_000_000), &limits).unwrap_err();
    assert!(
        matches!(
            err.kind(),
            ErrorKind::Timeout { .. } | ErrorKind::MemoryLimit { .. }
        ),
        "{err}"
    );
}
