//! Annotation appearances.
//!
//! Filled-in form fields, stamps and free-text notes live in annotations, outside the page's
//! content stream, and pdf-extract reads only the content stream: the agenda form of corpus 026
//! lost its typed-in items. [`draw_annotations`] appends to each page's content a `Do` of every
//! visible annotation's normal appearance, placed at its `/Rect` as a viewer does (the placing
//! itself is done by [`super::content`], which handles every form XObject drawn under a
//! transformation).

use super::{numbers, xobjects_mut, Matrix};
use pdf_extract::{Dictionary, Document, Object, ObjectId};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Annotation flags that keep an annotation off the screen: Invisible, Hidden, NoView.
const HIDDEN_FLAGS: i64 = 1 | 2 | 32;

/// At most this many annotations are drawn per page.
const MAX_ANNOTS_PER_PAGE: usize = 500;

/// Appends to each page's content the normal appearance of its visible annotations, placed at
/// their `/Rect`. A page with an annotation gets its own `/Resources` dictionary (a copy of the
/// one it inherits or shares) so that the added names stay on that page. Returns the number of
/// appearances drawn, or the message of a panic inside lopdf.
pub(crate) fn draw_annotations(
    doc: &mut Document,
    pages: &[(u32, ObjectId)],
) -> Result<usize, String> {
    let run = catch_unwind(AssertUnwindSafe(|| {
        let mut drawn = 0;
        for &(_, page_id) in pages {
            let appearances = page_appearances(doc, page_id);
            if appearances.is_empty() {
                continue;
            }
            let mut resources = super::effective_resources(doc, page_id).unwrap_or_default();
            let mut content = Vec::new();
            {
                let Some(xobjects) = xobjects_mut(doc, &mut resources) else {
                    continue;
                };
                for (k, (stream_id, m)) in appearances.iter().enumerate() {
                    let name = format!("MinutesAnnot{k}");
                    xobjects.set(name.as_bytes(), Object::Reference(*stream_id));
                    content.extend_from_slice(
                        format!(
                            "\nq {} {} {} {} {} {} cm /{name} Do Q\n",
                            m[0], m[1], m[2], m[3], m[4], m[5]
                        )
                        .as_bytes(),
                    );
                }
            }
            let Ok(page) = doc.get_object_mut(page_id).and_then(Object::as_dict_mut) else {
                continue;
            };
            page.set("Resources", Object::Dictionary(resources));
            if doc.add_page_contents(page_id, content).is_ok() {
                drawn += appearances.len();
            }
        }
        drawn
    }));
    run.map_err(|p| crate::pdf::panic_message(&p))
}

/// The visible annotations of a page that have a normal appearance stream: the stream and the
/// matrix that maps its (transformed) bounding box onto the annotation's rectangle.
fn page_appearances(doc: &Document, page_id: ObjectId) -> Vec<(ObjectId, Matrix)> {
    let mut out = Vec::new();
    let Ok(page) = doc.get_object(page_id).and_then(Object::as_dict) else {
        return out;
    };
    let annots = match page.get(b"Annots") {
        Ok(Object::Array(a)) => a,
        Ok(Object::Reference(r)) => match doc.get_object(*r).and_then(Object::as_array) {
            Ok(a) => a,
            Err(_) => return out,
        },
        _ => return out,
    };
    for a in annots.iter().take(MAX_ANNOTS_PER_PAGE) {
        let annot = match a {
            Object::Reference(r) => doc.get_object(*r).and_then(Object::as_dict),
            Object::Dictionary(d) => Ok(d),
            _ => continue,
        };
        let Ok(annot) = annot else {
            continue;
        };
        let flags = annot.get(b"F").and_then(Object::as_i64).unwrap_or(0);
        if flags & HIDDEN_FLAGS != 0 {
            continue;
        }
        if annot
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Popup" || n == b"Link")
        {
            continue;
        }
        let Some(stream_id) = normal_appearance(doc, annot) else {
            continue;
        };
        let Ok(stream) = doc.get_object(stream_id).and_then(Object::as_stream) else {
            continue;
        };
        let Some(rect) = numbers::<4>(doc, annot.get(b"Rect").ok()) else {
            continue;
        };
        let Some(bbox) = numbers::<4>(doc, stream.dict.get(b"BBox").ok()) else {
            continue;
        };
        let m = numbers::<6>(doc, stream.dict.get(b"Matrix").ok()).unwrap_or(super::IDENTITY);
        if let Some(placed) = place(rect, bbox, m) {
            out.push((stream_id, placed));
        }
    }
    out
}

/// The normal appearance stream of an annotation: `/AP /N`, or its `/AS` state.
fn normal_appearance(doc: &Document, annot: &Dictionary) -> Option<ObjectId> {
    let ap = match annot.get(b"AP").ok()? {
        Object::Reference(r) => doc.get_object(*r).and_then(Object::as_dict).ok()?,
        Object::Dictionary(d) => d,
        _ => return None,
    };
    match ap.get(b"N").ok()? {
        Object::Reference(r) => match doc.get_object(*r).ok()? {
            Object::Stream(_) => Some(*r),
            Object::Dictionary(states) => state(annot, states),
            _ => None,
        },
        Object::Dictionary(states) => state(annot, states),
        _ => None,
    }
}

fn state(annot: &Dictionary, states: &Dictionary) -> Option<ObjectId> {
    let on = annot.get(b"AS").and_then(Object::as_name).ok()?;
    states.get(on).and_then(Object::as_reference).ok()
}

/// The matrix that maps a form's bounding box, transformed by its `/Matrix` `m`, onto `rect`
/// (PDF 32000 12.5.5); the form's own matrix is applied when it is drawn.
fn place(rect: [f64; 4], bbox: [f64; 4], m: Matrix) -> Option<Matrix> {
    let corners = [
        (bbox[0], bbox[1]),
        (bbox[2], bbox[1]),
        (bbox[0], bbox[3]),
        (bbox[2], bbox[3]),
    ]
    .map(|(x, y)| (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]));
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (x, y) in corners {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    let (rx0, ry0) = (rect[0].min(rect[2]), rect[1].min(rect[3]));
    let (rx1, ry1) = (rect[0].max(rect[2]), rect[1].max(rect[3]));
    if x1 - x0 <= 0.0 || y1 - y0 <= 0.0 {
        return None;
    }
    let sx = (rx1 - rx0) / (x1 - x0);
    let sy = (ry1 - ry0) / (y1 - y0);
    Some([sx, 0.0, 0.0, sy, rx0 - sx * x0, ry0 - sy * y0])
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn appearance_is_placed_at_the_rectangle() {
        // A 100×20 box drawn into a rectangle at (50, 700), twice the size.
        let m = place(
            [50.0, 700.0, 250.0, 740.0],
            [0.0, 0.0, 100.0, 20.0],
            super::super::IDENTITY,
        )
        .unwrap();
        assert_eq!(m, [2.0, 0.0, 0.0, 2.0, 50.0, 700.0]);
        // An empty box cannot be placed.
        assert!(place([0.0; 4], [0.0; 4], super::super::IDENTITY).is_none());
    }
}
