//! Font widths pdf-extract misreads.
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

use super::number;
use pdf_extract::{Document, Object, ObjectId};
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
    run.map_err(|p| crate::pdf::panic_message(&p))
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
    run.map_err(|p| crate::pdf::panic_message(&p))
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

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
}
