//! Content streams, prepared before pdf-extract reads them.
//!
//! Every page's content and every form XObject is decompressed once here and scanned token by
//! token (strings, comments and inline image data skipped); what the scan finds is edited in the
//! bytes, without parsing and re-encoding the stream:
//!
//! - **quote operators.** pdf-extract ignores `'` and `"` ("move to the next line and show a
//!   string"), which enscript, Ghostscript and Online2PDF use (corpus 023 lost the lines after
//!   each heading, drawn over it instead): `(s) '` becomes `T* (s) Tj` and `aw ac (s) "` becomes
//!   `aw Tw ac Tc T* (s) Tj`. lopdf fixed the same gap in its own extractor (lopdf#492).
//! - **comments.** lopdf's content parser stops, without an error, at a comment followed by a
//!   blank line. Canon scanners start each page with `% CANON_PFINF_TYPE2_TEXTON` in a stream of
//!   its own and lopdf joins a page's streams with newlines, so the OCR text layer of corpus 042
//!   (5,700 words) came out empty. Comments are blanked out.
//! - **forms drawn under a transformation.** pdf-extract draws a form XObject in default user
//!   space: it drops the current transformation matrix and the form's `/Matrix`. cairo (Firefox
//!   print, corpus 005) draws every page as a form under a flip and a scale, so its text lands
//!   off the page. Each such use gets a copy of the form that starts with the matrix it should
//!   have been drawn with (`q m cm … Q`), recursively for forms inside forms.
//! - **images.** pdf-extract runs image XObjects through the content parser as if they were
//!   content (megabytes of JPEG per scanned page); their `Do` is blanked out.
//!
//! The scan also tells whether a page can show text at all (a text-showing operator, or a form
//! that has one): pages that cannot are scans or outlines, and the quality gate does not ask
//! pdftotext about them.

use super::{is_identity, mul, numbers, xobjects_mut, Matrix, IDENTITY};
use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};
use std::collections::HashSet;
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Forms inside forms are placed down to this depth.
const MAX_FORM_DEPTH: usize = 8;
/// At most this many placed copies of forms are made per document.
const MAX_FORM_COPIES: usize = 4000;

/// What [`prepare_content_streams`] learnt about the pages.
#[derive(Debug, Default)]
pub(crate) struct Prepared {
    /// Per page: whether its content paints anything (paths, images, forms): a page without
    /// text that paints is a scan or outlined text; one that does not is blank.
    pub(crate) paints: Vec<bool>,
    /// Per page (in the order given): whether its content can show text at all: it uses a
    /// text-showing operator, or invokes an XObject while some form XObject shows text.
    pub(crate) may_show_text: Vec<bool>,
}

impl Prepared {
    /// What to assume about `n` pages when the scan could not run.
    pub(crate) fn unknown(n: usize) -> Prepared {
        Prepared {
            paints: vec![true; n],
            may_show_text: vec![true; n],
        }
    }
}

/// State shared while preparing one document.
#[derive(Debug, Default)]
struct Ctx {
    copies: usize,
    /// Forms whose content is already prepared (the placed copies).
    done: HashSet<ObjectId>,
}

/// What one content stream does, as far as the quality gate cares.
#[derive(Debug, Default, Clone, Copy)]
struct Shows {
    text: bool,
    xobject: bool,
    paints: bool,
}

/// Prepares the content streams of every page and form XObject (see the module doc). Fails with
/// the message of a panic inside lopdf.
pub(crate) fn prepare_content_streams(
    doc: &mut Document,
    pages: &[(u32, ObjectId)],
) -> Result<Prepared, String> {
    let run = catch_unwind(AssertUnwindSafe(|| {
        let mut ctx = Ctx::default();
        let mut page_shows: Vec<Shows> = Vec::with_capacity(pages.len());
        for &(_, page_id) in pages {
            page_shows.push(prepare_page(doc, page_id, &mut ctx));
        }
        let forms: Vec<ObjectId> = doc
            .objects
            .iter()
            .filter(|(id, o)| !ctx.done.contains(id) && is_form(o))
            .map(|(&id, _)| id)
            .collect();
        let mut any_form_shows_text = false;
        for id in forms {
            any_form_shows_text |= prepare_form_in_place(doc, id, &mut ctx).text;
        }
        Prepared {
            paints: page_shows.iter().map(|s| s.paints).collect(),
            may_show_text: page_shows
                .into_iter()
                .map(|s| s.text || s.xobject && any_form_shows_text)
                .collect(),
        }
    }));
    run.map_err(|p| crate::pdf::panic_message(&p))
}

fn is_form(o: &Object) -> bool {
    o.as_stream().is_ok_and(|s| {
        s.dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Form")
    })
}

/// Replaces a page's content streams by one prepared, uncompressed stream.
fn prepare_page(doc: &mut Document, page_id: ObjectId, ctx: &mut Ctx) -> Shows {
    let Ok(content) = doc.get_page_content(page_id) else {
        return Shows {
            text: true,
            xobject: true,
            paints: true,
        };
    };
    let mut resources = super::effective_resources(doc, page_id);
    let (content, shows, renamed) = transform(doc, &content, resources.as_mut(), IDENTITY, 0, ctx);
    let id = doc.add_object(Object::Stream(Stream::new(Dictionary::new(), content)));
    if let Ok(page) = doc.get_object_mut(page_id).and_then(Object::as_dict_mut) {
        page.set("Contents", Object::Reference(id));
        if renamed {
            if let Some(r) = resources {
                page.set("Resources", Object::Dictionary(r));
            }
        }
    }
    shows
}

/// Prepares a form XObject's own content, as drawn without a transformation.
fn prepare_form_in_place(doc: &mut Document, id: ObjectId, ctx: &mut Ctx) -> Shows {
    let Some((content, mut resources)) = form_parts(doc, id) else {
        return Shows {
            text: true,
            xobject: true,
            paints: true,
        };
    };
    let (content, shows, renamed) = transform(doc, &content, resources.as_mut(), IDENTITY, 1, ctx);
    if let Some(Object::Stream(stream)) = doc.objects.get_mut(&id) {
        stream.set_plain_content(content);
        if renamed {
            if let Some(r) = resources {
                stream.dict.set("Resources", Object::Dictionary(r));
            }
        }
    }
    ctx.done.insert(id);
    shows
}

/// A form's decompressed content and its own resources (owned).
fn form_parts(doc: &Document, id: ObjectId) -> Option<(Vec<u8>, Option<Dictionary>)> {
    let stream = doc.get_object(id).and_then(Object::as_stream).ok()?;
    let content = stream.decompressed_content().ok()?;
    let resources = match stream.dict.get(b"Resources") {
        Ok(Object::Dictionary(d)) => Some(d.clone()),
        Ok(Object::Reference(r)) => doc.get_object(*r).and_then(Object::as_dict).ok().cloned(),
        _ => None,
    };
    Some((content, resources))
}

/// What to do with one `Do`.
#[derive(Debug)]
enum DoPlan {
    Keep,
    /// An image: blank the operator out.
    Blank,
    /// A form drawn under `matrix`: draw a placed copy instead.
    Place {
        form: ObjectId,
        matrix: Matrix,
    },
}

/// Edits `content` (see the module doc). `resources` are the stream's resources (owned, so that
/// placed copies of forms can be added under new names); `ctm` the matrix the stream is drawn
/// with. Returns the new content, what it shows, and whether names were added to `resources`.
fn transform(
    doc: &mut Document,
    content: &[u8],
    mut resources: Option<&mut Dictionary>,
    ctm: Matrix,
    depth: usize,
    ctx: &mut Ctx,
) -> (Vec<u8>, Shows, bool) {
    let found = scan(content, ctm);
    let mut shows = Shows {
        text: found.shows_text,
        xobject: !found.dos.is_empty(),
        paints: found.paints || !found.dos.is_empty(),
    };
    let mut edits = found.edits;
    let mut renamed = false;
    for use_ in found.dos {
        let plan = match resources.as_deref() {
            Some(r) => plan_do(doc, r, &use_.name, use_.ctm),
            None => DoPlan::Keep,
        };
        match plan {
            DoPlan::Keep => {}
            DoPlan::Blank => edits.push((use_.range.clone(), vec![b' '; use_.range.len()])),
            DoPlan::Place { form, matrix } => {
                if depth >= MAX_FORM_DEPTH || ctx.copies >= MAX_FORM_COPIES {
                    continue;
                }
                let Some(copy) = placed_copy(doc, form, matrix, resources.as_deref(), depth, ctx)
                else {
                    continue;
                };
                shows.text |= copy.1.text;
                let name = format!("MinutesForm{}", ctx.copies);
                let Some(r) = resources.as_deref_mut() else {
                    continue;
                };
                let Some(xobjects) = xobjects_mut(doc, r) else {
                    continue;
                };
                xobjects.set(name.as_bytes(), Object::Reference(copy.0));
                edits.push((use_.name_range.clone(), format!("/{name}").into_bytes()));
                renamed = true;
            }
        }
    }
    if edits.is_empty() {
        return (content.to_vec(), shows, renamed);
    }
    edits.sort_by_key(|(r, _)| r.start);
    (apply_edits(content, edits), shows, renamed)
}

/// Decides what to do with `/name Do` drawn under `ctm`.
fn plan_do(doc: &Document, resources: &Dictionary, name: &[u8], ctm: Matrix) -> DoPlan {
    let xobjects = match resources.get(b"XObject") {
        Ok(Object::Dictionary(d)) => d,
        Ok(Object::Reference(r)) => match doc.get_object(*r).and_then(Object::as_dict) {
            Ok(d) => d,
            Err(_) => return DoPlan::Keep,
        },
        _ => return DoPlan::Keep,
    };
    let Ok(id) = xobjects.get(name).and_then(Object::as_reference) else {
        return DoPlan::Keep;
    };
    let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
        return DoPlan::Keep;
    };
    match stream.dict.get(b"Subtype").and_then(Object::as_name) {
        Ok(b"Image") => DoPlan::Blank,
        Ok(b"Form") => {
            let m = numbers::<6>(doc, stream.dict.get(b"Matrix").ok()).unwrap_or(IDENTITY);
            let matrix = mul(m, ctm);
            if is_identity(matrix) {
                DoPlan::Keep
            } else {
                DoPlan::Place { form: id, matrix }
            }
        }
        _ => DoPlan::Keep,
    }
}

/// A copy of form `form` whose content starts with `matrix` (and whose own forms are placed in
/// turn): its id and what it shows.
fn placed_copy(
    doc: &mut Document,
    form: ObjectId,
    matrix: Matrix,
    parent_resources: Option<&Dictionary>,
    depth: usize,
    ctx: &mut Ctx,
) -> Option<(ObjectId, Shows)> {
    let (body, own) = form_parts(doc, form)?;
    // pdf-extract falls back to the parent's resources for a form without its own.
    let mut resources = own.or_else(|| parent_resources.cloned());
    let (body, shows, _) = transform(doc, &body, resources.as_mut(), matrix, depth + 1, ctx);
    let mut placed = format!(
        "q {} {} {} {} {} {} cm\n",
        matrix[0], matrix[1], matrix[2], matrix[3], matrix[4], matrix[5]
    )
    .into_bytes();
    placed.extend_from_slice(&body);
    placed.extend_from_slice(b"\nQ\n");
    let mut copy = doc
        .get_object(form)
        .and_then(Object::as_stream)
        .ok()?
        .clone();
    copy.set_plain_content(placed);
    copy.dict.remove(b"Matrix");
    if let Some(r) = resources {
        copy.dict.set("Resources", Object::Dictionary(r));
    }
    let id = doc.add_object(Object::Stream(copy));
    ctx.copies += 1;
    ctx.done.insert(id);
    Some((id, shows))
}

/// Applies ordered, disjoint replacements to `content` (a replacement that overlaps the one
/// before it is skipped).
fn apply_edits(content: &[u8], edits: Vec<(Range<usize>, Vec<u8>)>) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 8 * edits.len());
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at || range.end > content.len() {
            continue;
        }
        out.extend_from_slice(&content[at..range.start]);
        out.extend_from_slice(&replacement);
        at = range.end;
    }
    out.extend_from_slice(&content[at..]);
    out
}

pub(super) fn is_delimiter(b: u8) -> bool {
    b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b) || b == 0
}

/// One `/name Do` in a content stream.
#[derive(Debug, Clone, PartialEq)]
struct DoUse {
    name: Vec<u8>,
    /// The name token, slash included.
    name_range: Range<usize>,
    /// From the name to the end of `Do`.
    range: Range<usize>,
    /// The transformation matrix in force (from the start of the stream).
    ctm: Matrix,
}

/// What [`scan`] finds in a content stream.
#[derive(Debug, Default, PartialEq)]
struct Scan {
    /// `'` or `"` is used as an operator.
    quote: bool,
    /// A text-showing operator (`Tj`, `TJ`, `'`, `"`) is used.
    shows_text: bool,
    /// A path is painted or an inline image drawn.
    paints: bool,
    /// Byte ranges of comments (from `%` to the end of the line).
    comments: Vec<(usize, usize)>,
    /// Replacements, in order and not overlapping: comments blanked, quote operators rewritten.
    edits: Vec<(Range<usize>, Vec<u8>)>,
    /// XObjects drawn.
    dos: Vec<DoUse>,
}

/// Operand tokens kept for the operators that need them (`cm` has six).
const KEPT_OPERANDS: usize = 6;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Number,
    Name,
    Str,
}

/// Scans a decoded content stream token by token: quote operators, comments, text-showing
/// operators, and each `Do` with the matrix in force (`ctm` at the start, then `q`/`Q`/`cm`).
fn scan(s: &[u8], ctm: Matrix) -> Scan {
    let mut found = Scan::default();
    let n = s.len();
    let mut operands: Vec<(Tok, Range<usize>)> = Vec::with_capacity(KEPT_OPERANDS);
    let push = |operands: &mut Vec<(Tok, Range<usize>)>, tok: Tok, r: Range<usize>| {
        if operands.len() == KEPT_OPERANDS {
            operands.remove(0);
        }
        operands.push((tok, r));
    };
    let mut ctm = ctm;
    let mut stack: Vec<Matrix> = Vec::new();
    let mut i = 0;
    while i < n {
        let start = i;
        match s[i] {
            b if b.is_ascii_whitespace() || b == 0 => {
                i += 1;
            }
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
                push(&mut operands, Tok::Str, start..i.min(n));
            }
            b'<' if s.get(i + 1) == Some(&b'<') => {
                i += 2;
                operands.clear();
            }
            b'<' => {
                i += 1;
                while i < n && s[i] != b'>' {
                    i += 1;
                }
                i = (i + 1).min(n);
                push(&mut operands, Tok::Str, start..i);
            }
            b'%' => {
                while i < n && s[i] != b'\n' && s[i] != b'\r' {
                    i += 1;
                }
                found.comments.push((start, i));
                found.edits.push((start..i, vec![b' '; i - start]));
            }
            b'\'' | b'"' if s.get(i + 1).is_none_or(|&b| is_delimiter(b)) => {
                found.quote = true;
                found.shows_text = true;
                let is_quote = s[i] == b'\'';
                i += 1;
                if let Some(edit) = quote_edit(s, &operands, is_quote, i) {
                    // Edits stay ordered and disjoint (a comment among the operands).
                    found.edits.retain(|(r, _)| r.end <= edit.0.start);
                    found.edits.push(edit);
                }
                operands.clear();
            }
            b'B' if s.get(i + 1) == Some(&b'I')
                && s.get(i + 2).is_none_or(|&b| is_delimiter(b)) =>
            {
                i = skip_inline_image(s, i + 2);
                found.paints = true;
                operands.clear();
            }
            b'[' | b']' | b'{' | b'}' | b'>' | b')' => {
                i += 1;
                operands.clear();
            }
            b'/' => {
                i += 1;
                while i < n && !is_delimiter(s[i]) {
                    i += 1;
                }
                push(&mut operands, Tok::Name, start..i);
            }
            _ => {
                while i < n && !is_delimiter(s[i]) {
                    i += 1;
                }
                let tok = &s[start..i];
                let numeric = tok
                    .iter()
                    .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'+'));
                if numeric {
                    push(&mut operands, Tok::Number, start..i);
                    continue;
                }
                match tok {
                    b"Tj" | b"TJ" => found.shows_text = true,
                    b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" | b"S" | b"s" | b"sh" => {
                        found.paints = true
                    }
                    b"q" => stack.push(ctm),
                    b"Q" => ctm = stack.pop().unwrap_or(ctm),
                    b"cm" => {
                        if let Some(m) = matrix_operand(s, &operands) {
                            ctm = mul(m, ctm);
                        }
                    }
                    b"Do" => {
                        if let Some((Tok::Name, r)) = operands.last() {
                            found.dos.push(DoUse {
                                name: s[r.start + 1..r.end].to_vec(),
                                name_range: r.clone(),
                                range: r.start..i,
                                ctm,
                            });
                        }
                    }
                    _ => {}
                }
                operands.clear();
            }
        }
    }
    found
}

/// The six numbers before `cm`.
fn matrix_operand(s: &[u8], operands: &[(Tok, Range<usize>)]) -> Option<Matrix> {
    if operands.len() < 6 {
        return None;
    }
    let mut m: Matrix = [0.0; 6];
    for (slot, (tok, r)) in m.iter_mut().zip(&operands[operands.len() - 6..]) {
        if *tok != Tok::Number {
            return None;
        }
        *slot = std::str::from_utf8(&s[r.clone()]).ok()?.parse().ok()?;
    }
    m.iter().all(|v| v.is_finite()).then_some(m)
}

/// The replacement for `(s) '` or `aw ac (s) "` ending at `end`.
fn quote_edit(
    s: &[u8],
    operands: &[(Tok, Range<usize>)],
    is_quote: bool,
    end: usize,
) -> Option<(Range<usize>, Vec<u8>)> {
    if is_quote {
        let (Tok::Str, r) = operands.last()? else {
            return None;
        };
        let mut out = b"T* ".to_vec();
        out.extend_from_slice(&s[r.clone()]);
        out.extend_from_slice(b" Tj");
        return Some((r.start..end, out));
    }
    let k = operands.len().checked_sub(3)?;
    let [(Tok::Number, aw), (Tok::Number, ac), (Tok::Str, st)] = &operands[k..] else {
        return None;
    };
    let mut out = s[aw.clone()].to_vec();
    out.extend_from_slice(b" Tw ");
    out.extend_from_slice(&s[ac.clone()]);
    out.extend_from_slice(b" Tc T* ");
    out.extend_from_slice(&s[st.clone()]);
    out.extend_from_slice(b" Tj");
    Some((aw.start..end, out))
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
    use pdf_extract::content::Content;

    fn rewrite(content: &[u8]) -> Option<Vec<u8>> {
        let found = scan(content, IDENTITY);
        (!found.edits.is_empty()).then(|| apply_edits(content, found.edits))
    }

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
            let got = scan(input, IDENTITY).quote;
            assert_eq!(got, want, "{:?}", String::from_utf8_lossy(input));
        }
    }

    #[test]
    fn quote_operators_become_next_line_and_show() {
        let fixed = rewrite(b"BT (a) Tj (b) ' 1 2 (c) \" ET").unwrap();
        assert_eq!(fixed, b"BT (a) Tj T* (b) Tj 1 Tw 2 Tc T* (c) Tj ET");
        let ops = Content::decode(&fixed).unwrap().operations;
        let names: Vec<&str> = ops.iter().map(|o| o.operator.as_str()).collect();
        assert_eq!(
            names,
            ["BT", "Tj", "T*", "Tj", "Tw", "Tc", "T*", "Tj", "ET"]
        );
    }

    #[test]
    fn comments_are_blanked() {
        let s = b"q\n% CANON_PFINF_TYPE2_TEXTON\n\nBT (100%) Tj ET % end";
        assert_eq!(scan(s, IDENTITY).comments, [(2, 28), (46, 51)]);
        let fixed = rewrite(s).unwrap();
        let ops = Content::decode(&fixed).unwrap().operations;
        let names: Vec<&str> = ops.iter().map(|o| o.operator.as_str()).collect();
        assert_eq!(names, ["q", "BT", "Tj", "ET"]);
        assert!(rewrite(b"BT (x) Tj ET").is_none());
    }

    #[test]
    fn xobject_uses_carry_the_matrix_in_force() {
        let s = b"q 1 0 0 -1 0 792 cm q .5 0 0 .5 0 0 cm /x6 Do Q /x7 Do Q /x8 Do";
        let found = scan(s, IDENTITY);
        let got: Vec<(&[u8], Matrix)> = found.dos.iter().map(|d| (&d.name[..], d.ctm)).collect();
        assert_eq!(
            got,
            [
                (&b"x6"[..], [0.5, 0.0, 0.0, -0.5, 0.0, 792.0]),
                (&b"x7"[..], [1.0, 0.0, 0.0, -1.0, 0.0, 792.0]),
                (&b"x8"[..], IDENTITY),
            ]
        );
        assert_eq!(&s[found.dos[0].range.clone()], b"/x6 Do");
        assert!(!found.shows_text);
    }
}
