//! Repairs made to the document before pdf-extract sees it, for gaps in pdf-extract 0.12.1
//! that lose text while reporting success.
//!
//! ## CID font widths
//!
//! A CID font's `/W` array lists widths in two forms: `c [w1 w2 ...]` and `c_first c_last w`.
//! pdf-extract reads the second form wrongly (it takes `c_first` as the last code and the width,
//! so the range is empty) and falls back to the default width for every glyph in such a range.
//! Producers that use ranges for runs of equal widths (Skia/Google Docs, Microsoft Print to PDF,
//! Distiller; corpus 002, 003, 006, 024, 036) then get glyphs placed at wrong positions: words
//! split ("2 3 rd May 2 0 1 9") or two words shuffled together ("toMinikveite" for "to invite
//! Mike"). [`expand_cid_width_ranges`] rewrites every range into the first form.
//!
//! ## Type3 font widths
//!
//! A Type3 font's `/Widths` are in glyph space, which its `/FontMatrix` maps to text space.
//! pdf-extract ignores the matrix and assumes the usual 1/1000, so Chrome's Type3 fonts (matrix
//! 1/2048, corpus 036) get glyphs twice as wide as drawn, every gap looks negative and all words
//! run together. [`scale_type3_widths`] rescales the widths to 1/1000 units.
//!
//! ## Quote operators
//!
//! pdf-extract 0.12.1 ignores the `'` and `"` text operators ("move to the next line and show a
//! string"), which enscript, Ghostscript and some report writers use for every line: the text is
//! lost and the page still comes back as a success. lopdf fixed the same gap in its own extractor
//! (lopdf#492). We rewrite them into the equivalent `T*` + `Tj` (and `Tw`/`Tc` for `"`) on the
//! pages that use them, found by a cheap scan of the decoded stream, so every other page is
//! passed through untouched.
//!
//! ## Comments
//!
//! lopdf's content parser stops, without an error, at a comment followed by a blank line, and
//! everything after it is lost. Canon scanners start each page with
//! `% CANON_PFINF_TYPE2_TEXTON` in a stream of its own, and lopdf joins a page's streams with
//! newlines, so the OCR text layer of corpus 042 (5,700 words) came out empty. The same scan
//! blanks comments out.

use pdf_extract::content::{Content, Operation};
use pdf_extract::{Document, Object, ObjectId, Stream};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// At most this many widths are written out per font (a range over the whole 16-bit code space
/// is legal but would cost megabytes); beyond it, the remaining ranges stay as they are.
const MAX_EXPANDED_WIDTHS: usize = 70_000;

/// Rescales every Type3 font's `/Widths` by its `/FontMatrix` so that they are in the
/// thousandths of text space that pdf-extract assumes. Returns the number of fonts changed.
pub(crate) fn scale_type3_widths(doc: &mut Document) -> Result<usize, String> {
    let run = catch_unwind(AssertUnwindSafe(|| {
        let mut fixes: Vec<(ObjectId, Option<ObjectId>, Vec<Object>)> = Vec::new();
        let mut seen_arrays: Vec<ObjectId> = Vec::new();
        for (&id, obj) in &doc.objects {
            let Ok(dict) = obj.as_dict() else {
                continue;
            };
            if !dict
                .get(b"Subtype")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == b"Type3")
            {
                continue;
            }
            let Some(scale) = dict
                .get(b"FontMatrix")
                .and_then(Object::as_array)
                .ok()
                .and_then(|m| m.first())
                .and_then(|a| number(doc, a))
                .map(|a| a * 1000.0)
            else {
                continue;
            };
            if !scale.is_finite() || scale <= 0.0 || (scale - 1.0).abs() < 1e-6 {
                continue;
            }
            let (array_id, widths) = match dict.get(b"Widths") {
                Ok(Object::Array(a)) => (None, a),
                Ok(Object::Reference(r)) => match doc.get_object(*r).and_then(Object::as_array) {
                    Ok(a) if !seen_arrays.contains(r) => {
                        seen_arrays.push(*r);
                        (Some(*r), a)
                    }
                    _ => continue,
                },
                _ => continue,
            };
            let scaled: Option<Vec<Object>> = widths
                .iter()
                .map(|w| number(doc, w).map(|w| Object::Real((w * scale) as f32)))
                .collect();
            if let Some(scaled) = scaled {
                fixes.push((id, array_id, scaled));
            }
        }
        let n = fixes.len();
        for (font_id, array_id, scaled) in fixes {
            match array_id {
                Some(a) => {
                    if let Some(obj) = doc.objects.get_mut(&a) {
                        *obj = Object::Array(scaled);
                    }
                }
                None => {
                    if let Ok(d) = doc.get_object_mut(font_id).and_then(Object::as_dict_mut) {
                        d.set("Widths", Object::Array(scaled));
                    }
                }
            }
        }
        n
    }));
    run.map_err(|p| super::panic_message(&p))
}

/// A number, following one reference.
fn number(doc: &Document, o: &Object) -> Option<f64> {
    let o = match o {
        Object::Reference(r) => doc.get_object(*r).ok()?,
        other => other,
    };
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// Where a CID font dictionary lives: a top-level object, or a direct dictionary inside the
/// `/DescendantFonts` array of a Type0 font (inline in the font, or an array object).
#[derive(Debug, Clone, Copy)]
enum CidDict {
    Top(ObjectId),
    InFont(ObjectId, usize),
    InArray(ObjectId, usize),
}

/// Rewrites the `c_first c_last w` ranges of every CID font's `/W` array as `c_first [w ...]`.
/// Returns the number of fonts changed, or the message of a panic inside lopdf.
pub(crate) fn expand_cid_width_ranges(doc: &mut Document) -> Result<usize, String> {
    let run = catch_unwind(AssertUnwindSafe(|| {
        let mut dicts: Vec<CidDict> = Vec::new();
        for (&id, obj) in &doc.objects {
            let Ok(dict) = obj.as_dict() else {
                continue;
            };
            match dict.get(b"Subtype").and_then(Object::as_name) {
                Ok(b"CIDFontType0" | b"CIDFontType2") => dicts.push(CidDict::Top(id)),
                Ok(b"Type0") => match dict.get(b"DescendantFonts") {
                    Ok(Object::Array(a)) => dicts.extend(
                        (0..a.len())
                            .filter(|&i| matches!(a[i], Object::Dictionary(_)))
                            .map(|i| CidDict::InFont(id, i)),
                    ),
                    Ok(Object::Reference(r)) => {
                        if let Ok(a) = doc.get_object(*r).and_then(Object::as_array) {
                            dicts.extend(
                                (0..a.len())
                                    .filter(|&i| matches!(a[i], Object::Dictionary(_)))
                                    .map(|i| CidDict::InArray(*r, i)),
                            );
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        dicts.sort_by_key(|d| format!("{d:?}"));
        dicts.dedup_by_key(|d| format!("{d:?}"));
        let mut changed = 0;
        for loc in dicts {
            let Some(w) = cid_dict(doc, loc).and_then(|d| d.get(b"W").ok().cloned()) else {
                continue;
            };
            match w {
                Object::Array(a) => {
                    if let Some(fixed) = expand_widths(doc, &a) {
                        if let Some(d) = cid_dict_mut(doc, loc) {
                            d.set("W", Object::Array(fixed));
                            changed += 1;
                        }
                    }
                }
                Object::Reference(r) => {
                    let fixed = match doc.get_object(r).and_then(Object::as_array) {
                        Ok(a) => expand_widths(doc, a),
                        Err(_) => None,
                    };
                    if let (Some(fixed), Some(obj)) = (fixed, doc.objects.get_mut(&r)) {
                        *obj = Object::Array(fixed);
                        changed += 1;
                    }
                }
                _ => {}
            }
        }
        changed
    }));
    run.map_err(|p| super::panic_message(&p))
}

fn cid_dict(doc: &Document, loc: CidDict) -> Option<&pdf_extract::Dictionary> {
    match loc {
        CidDict::Top(id) => doc.get_object(id).and_then(Object::as_dict).ok(),
        CidDict::InFont(id, i) => doc
            .get_object(id)
            .and_then(Object::as_dict)
            .and_then(|d| d.get(b"DescendantFonts"))
            .and_then(Object::as_array)
            .ok()?
            .get(i)?
            .as_dict()
            .ok(),
        CidDict::InArray(id, i) => doc
            .get_object(id)
            .and_then(Object::as_array)
            .ok()?
            .get(i)?
            .as_dict()
            .ok(),
    }
}

fn cid_dict_mut(doc: &mut Document, loc: CidDict) -> Option<&mut pdf_extract::Dictionary> {
    match loc {
        CidDict::Top(id) => doc.get_object_mut(id).and_then(Object::as_dict_mut).ok(),
        CidDict::InFont(id, i) => doc
            .get_object_mut(id)
            .and_then(Object::as_dict_mut)
            .and_then(|d| d.get_mut(b"DescendantFonts"))
            .and_then(Object::as_array_mut)
            .ok()?
            .get_mut(i)?
            .as_dict_mut()
            .ok(),
        CidDict::InArray(id, i) => doc
            .get_object_mut(id)
            .and_then(Object::as_array_mut)
            .ok()?
            .get_mut(i)?
            .as_dict_mut()
            .ok(),
    }
}

/// The `/W` array with ranges written out, or `None` when it has no range to fix.
fn expand_widths(doc: &Document, w: &[Object]) -> Option<Vec<Object>> {
    let resolve = |o: &Object| -> Option<Object> {
        match o {
            Object::Reference(r) => doc.get_object(*r).ok().cloned(),
            other => Some(other.clone()),
        }
    };
    let num = |o: &Object| -> Option<f64> {
        match resolve(o)? {
            Object::Integer(i) => Some(i as f64),
            Object::Real(r) => Some(f64::from(r)),
            _ => None,
        }
    };
    let mut out: Vec<Object> = Vec::with_capacity(w.len());
    let mut changed = false;
    let mut budget = MAX_EXPANDED_WIDTHS;
    let mut i = 0;
    while i + 1 < w.len() {
        let first = resolve(&w[i])?;
        match resolve(&w[i + 1])? {
            Object::Array(widths) => {
                out.push(first);
                out.push(Object::Array(widths));
                i += 2;
            }
            last => {
                let (Some(c_first), Some(c_last), Some(width)) =
                    (num(&first), num(&last), w.get(i + 2).and_then(num))
                else {
                    return None;
                };
                let count = (c_last - c_first + 1.0).max(0.0) as usize;
                if count == 0 || count > budget {
                    out.extend([first, last, w.get(i + 2)?.clone()]);
                } else {
                    budget -= count;
                    let width = Object::Real(width as f32);
                    out.push(first);
                    out.push(Object::Array(vec![width; count]));
                    changed = true;
                }
                i += 3;
            }
        }
    }
    changed.then_some(out)
}

/// Rewrites `'` and `"` on every page and form XObject that uses them. Returns the number of
/// content streams rewritten, or the message of a panic inside lopdf.
pub(crate) fn rewrite_quote_operators(
    doc: &mut Document,
    pages: &[(u32, ObjectId)],
) -> Result<usize, String> {
    let run = catch_unwind(AssertUnwindSafe(|| {
        let mut count = 0;
        for &(_, page_id) in pages {
            if rewrite_page(doc, page_id) {
                count += 1;
            }
        }
        // Form XObjects (producers such as Online2PDF draw every page as one) are rewritten in
        // place, once each however many pages use them.
        let forms: Vec<ObjectId> = doc
            .objects
            .iter()
            .filter_map(|(&id, o)| {
                let s = o.as_stream().ok()?;
                let form = s
                    .dict
                    .get(b"Subtype")
                    .and_then(Object::as_name)
                    .is_ok_and(|n| n == b"Form");
                form.then_some(id)
            })
            .collect();
        for id in forms {
            if let Some(Object::Stream(stream)) = doc.objects.get_mut(&id) {
                if rewrite_stream(stream) {
                    count += 1;
                }
            }
        }
        count
    }));
    run.map_err(|p| super::panic_message(&p))
}

fn rewrite_stream(stream: &mut Stream) -> bool {
    let Ok(content) = stream.decompressed_content() else {
        return false;
    };
    match rewrite_content(&content) {
        Some(encoded) => {
            stream.set_plain_content(encoded);
            true
        }
        None => false,
    }
}

fn rewrite_page(doc: &mut Document, page_id: ObjectId) -> bool {
    let Ok(content) = doc.get_page_content(page_id) else {
        return false;
    };
    let Some(encoded) = rewrite_content(&content) else {
        return false;
    };
    let id = doc.add_object(Object::Stream(Stream::new(
        pdf_extract::Dictionary::new(),
        encoded,
    )));
    match doc.get_object_mut(page_id).and_then(Object::as_dict_mut) {
        Ok(page) => {
            page.set("Contents", Object::Reference(id));
            true
        }
        Err(_) => false,
    }
}

/// The content with comments blanked out and quote operators rewritten, or `None` when it
/// has neither (or cannot be parsed, in which case pdf-extract reports the page itself).
fn rewrite_content(content: &[u8]) -> Option<Vec<u8>> {
    let found = scan(content);
    if !found.quote && found.comments.is_empty() {
        return None;
    }
    let mut bytes = content.to_vec();
    for (a, b) in found.comments {
        bytes[a..b].fill(b' ');
    }
    if !found.quote {
        return Some(bytes);
    }
    let decoded = Content::decode(&bytes).ok()?;
    let operations = rewrite_operations(decoded.operations);
    (Content { operations }).encode().ok()
}

/// `string '` → `T* string Tj`; `aw ac string "` → `aw Tw ac Tc T* string Tj`.
pub(crate) fn rewrite_operations(ops: Vec<Operation>) -> Vec<Operation> {
    let mut out = Vec::with_capacity(ops.len() + ops.len() / 2);
    for op in ops {
        match op.operator.as_str() {
            "'" => {
                out.push(Operation::new("T*", vec![]));
                out.push(Operation::new("Tj", op.operands));
            }
            "\"" if op.operands.len() == 3 => {
                let mut operands = op.operands.into_iter();
                let (aw, ac, s) = match (operands.next(), operands.next(), operands.next()) {
                    (Some(aw), Some(ac), Some(s)) => (aw, ac, s),
                    _ => continue,
                };
                out.push(Operation::new("Tw", vec![aw]));
                out.push(Operation::new("Tc", vec![ac]));
                out.push(Operation::new("T*", vec![]));
                out.push(Operation::new("Tj", vec![s]));
            }
            _ => out.push(op),
        }
    }
    out
}

fn is_delimiter(b: u8) -> bool {
    b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b) || b == 0
}

/// What [`scan`] finds in a content stream.
#[derive(Debug, Default, PartialEq)]
struct Scan {
    /// `'` or `"` is used as an operator.
    quote: bool,
    /// Byte ranges of comments (from `%` to the end of the line).
    comments: Vec<(usize, usize)>,
}

/// Scans a decoded content stream for quote operators and comments, skipping strings and
/// inline image data.
fn scan(s: &[u8]) -> Scan {
    let mut found = Scan::default();
    let n = s.len();
    let mut i = 0;
    while i < n {
        match s[i] {
            b'(' => {
                let mut depth = 1usize;
                i += 1;
                while i < n && depth > 0 {
                    match s[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => depth -= 1,
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'<' => {
                if s.get(i + 1) == Some(&b'<') {
                    i += 2;
                } else {
                    i += 1;
                    while i < n && s[i] != b'>' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'%' => {
                let start = i;
                while i < n && s[i] != b'\n' && s[i] != b'\r' {
                    i += 1;
                }
                found.comments.push((start, i));
            }
            b'\'' | b'"' => {
                let after_ok = s.get(i + 1).is_none_or(|&b| is_delimiter(b));
                let before_ok = i == 0 || is_delimiter(s[i - 1]);
                if after_ok && before_ok {
                    found.quote = true;
                }
                i += 1;
            }
            b'B' if s.get(i + 1) == Some(&b'I')
                && (i == 0 || is_delimiter(s[i - 1]))
                && s.get(i + 2).is_none_or(|&b| is_delimiter(b)) =>
            {
                i = skip_inline_image(s, i + 2);
            }
            _ => i += 1,
        }
    }
    found
}

/// Whether a decoded content stream uses `'` or `"` as an operator.
#[cfg(test)]
fn has_quote_operator(s: &[u8]) -> bool {
    scan(s).quote
}

/// Skips an inline image's data: from `ID` to the `EI` that follows whitespace.
fn skip_inline_image(s: &[u8], from: usize) -> usize {
    let Some(id) = memchr::memmem::find(&s[from..], b"ID").map(|k| from + k + 2) else {
        return s.len();
    };
    let mut i = id;
    while let Some(k) = memchr::memmem::find(&s[i..], b"EI") {
        let at = i + k;
        let before = at > 0 && s[at - 1].is_ascii_whitespace();
        let after = s.get(at + 2).is_none_or(|&b| is_delimiter(b));
        if before && after {
            return at + 2;
        }
        i = at + 2;
    }
    s.len()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn finds_quote_operators_only_outside_strings() {
        let table: [(&[u8], bool); 7] = [
            (b"BT /F1 12 Tf 12 TL (first) Tj (second) ' ET", true),
            (b"BT (a)'(b)' ET", true),
            (b"BT 1 2 (x) \" ET", true),
            (b"BT (don't) Tj ET", false),
            (b"BT (say \"hi\") Tj ET", false),
            (b"% it's a comment\nBT (x) Tj ET", false),
            (b"BI /W 1 /H 1 ID \x00' \" EI Q", false),
        ];
        for (input, want) in table {
            assert_eq!(
                has_quote_operator(input),
                want,
                "{:?}",
                String::from_utf8_lossy(input)
            );
        }
    }

    #[test]
    fn width_ranges_are_written_out() {
        let doc = Document::new();
        let w = vec![
            Object::Integer(3),
            Object::Array(vec![Object::Integer(250), Object::Integer(333)]),
            Object::Integer(16),
            Object::Integer(19),
            Object::Integer(500),
        ];
        let fixed = expand_widths(&doc, &w).unwrap();
        assert_eq!(fixed.len(), 4);
        assert_eq!(fixed[2], Object::Integer(16));
        assert_eq!(fixed[3], Object::Array(vec![Object::Real(500.0); 4]));
        // Nothing to fix: no change.
        assert!(expand_widths(&doc, &w[..2]).is_none());
    }

    #[test]
    fn comments_are_found_outside_strings() {
        let s = b"q\n% CANON_PFINF_TYPE2_TEXTON\n\nBT (100%) Tj ET % end";
        assert_eq!(scan(s).comments, [(2, 28), (46, 51)]);
        let fixed = rewrite_content(s).unwrap();
        let ops = Content::decode(&fixed).unwrap().operations;
        let names: Vec<&str> = ops.iter().map(|o| o.operator.as_str()).collect();
        assert_eq!(names, ["q", "BT", "Tj", "ET"]);
        assert!(rewrite_content(b"BT (x) Tj ET").is_none());
    }

    #[test]
    fn quote_operators_become_next_line_and_show() {
        let content = Content::decode(b"BT (a) Tj (b) ' 1 2 (c) \" ET").unwrap();
        let ops = rewrite_operations(content.operations);
        let names: Vec<&str> = ops.iter().map(|o| o.operator.as_str()).collect();
        assert_eq!(
            names,
            ["BT", "Tj", "T*", "Tj", "Tw", "Tc", "T*", "Tj", "ET"]
        );
    }
}
