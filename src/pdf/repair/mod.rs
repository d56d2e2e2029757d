//! Repairs made to the document before pdf-extract sees it, for gaps in pdf-extract 0.12.1 that
//! lose or misplace text while reporting success. Each is a small rewrite of the lopdf
//! `Document`, so pdf-extract itself stays untouched:
//!
//! - [`fonts`]: CID `/W` width ranges and Type3 `/FontMatrix` widths, which pdf-extract misreads;
//! - [`annots`]: annotation appearances (filled-in form fields), which pdf-extract skips;
//! - [`content`]: content streams: `'` and `"` operators, comments, form XObjects drawn under a
//!   transformation, image XObjects (which pdf-extract parses as if they were content);
//! - [`cmaps`]: large ToUnicode maps, which pdf-extract parses again on every page, trimmed per
//!   page to the codes the page uses;
//! - [`cycles`]: a page tree whose `/Parent` or `/Kids` loop, and form XObjects that draw
//!   themselves, on which pdf-extract recurses until the stack overflows (the first repair and
//!   the last).
//!
//! Every function runs under `catch_unwind` and reports a panic as a message.

pub(crate) mod annots;
pub(crate) mod cmaps;
pub(crate) mod content;
pub(crate) mod cycles;
pub(crate) mod fonts;

use pdf_extract::{Document, Object, ObjectId};

/// A PDF matrix `[a b c d e f]`.
pub(crate) type Matrix = [f64; 6];

pub(crate) const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b`: first `a`, then `b` (PDF 32000 8.3.4: `cm` sets CTM to `m × CTM`).
pub(crate) fn mul(a: Matrix, b: Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

pub(crate) fn is_identity(m: Matrix) -> bool {
    m.iter()
        .zip(IDENTITY.iter())
        .all(|(a, b)| (a - b).abs() < 1e-9)
}

/// A number, following one reference.
pub(crate) fn number(doc: &Document, o: &Object) -> Option<f64> {
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

/// `N` numbers of an array (following references).
pub(crate) fn numbers<const N: usize>(doc: &Document, o: Option<&Object>) -> Option<[f64; N]> {
    let a = match o? {
        Object::Array(a) => a,
        Object::Reference(r) => doc.get_object(*r).and_then(Object::as_array).ok()?,
        _ => return None,
    };
    let mut out = [0.0; N];
    for (slot, v) in out.iter_mut().zip(a.iter()) {
        *slot = number(doc, v)?;
    }
    (a.len() >= N && out.iter().all(|v| v.is_finite())).then_some(out)
}

/// The page's resources (its own or inherited), as a dictionary to own.
pub(crate) fn effective_resources(
    doc: &Document,
    page_id: ObjectId,
) -> Option<pdf_extract::Dictionary> {
    let mut id = page_id;
    for _ in 0..32 {
        let dict = doc.get_object(id).and_then(Object::as_dict).ok()?;
        match dict.get(b"Resources") {
            Ok(Object::Dictionary(d)) => return Some(d.clone()),
            Ok(Object::Reference(r)) => {
                return doc.get_object(*r).and_then(Object::as_dict).ok().cloned()
            }
            _ => id = dict.get(b"Parent").and_then(Object::as_reference).ok()?,
        }
    }
    None
}

/// The `/XObject` dictionary of a resources dictionary, owned (a referenced one is copied in),
/// so that names can be added to it.
pub(crate) fn xobjects_mut<'a>(
    doc: &Document,
    resources: &'a mut pdf_extract::Dictionary,
) -> Option<&'a mut pdf_extract::Dictionary> {
    let owned = match resources.get(b"XObject") {
        Ok(Object::Dictionary(_)) => None,
        Ok(Object::Reference(r)) => Some(
            doc.get_object(*r)
                .and_then(Object::as_dict)
                .cloned()
                .unwrap_or_default(),
        ),
        _ => Some(pdf_extract::Dictionary::new()),
    };
    if let Some(d) = owned {
        resources.set("XObject", Object::Dictionary(d));
    }
    resources
        .get_mut(b"XObject")
        .and_then(Object::as_dict_mut)
        .ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn matrices() {
        let flip = [1.0, 0.0, 0.0, -1.0, 0.0, 792.0];
        let scale = [0.5, 0.0, 0.0, 0.5, 0.0, 0.0];
        // Scale first, then flip: (10, 10) → (5, 5) → (5, 787).
        let m = mul(scale, flip);
        assert_eq!(m, [0.5, 0.0, 0.0, -0.5, 0.0, 792.0]);
        assert!(is_identity(mul(flip, flip)));
        assert!(is_identity(IDENTITY));
        assert!(!is_identity(scale));
    }
}
