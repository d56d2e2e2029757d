//! ToUnicode maps trimmed to the codes each page uses.
//!
//! pdf-extract forgets its fonts at every page and parses each font's `/ToUnicode` CMap again,
//! with a parser that costs several microseconds per entry. A Japanese record (corpus 044, 56
//! pages) has a 1,400-entry map that was parsed 56 times: 80 % of the extraction time, six
//! times pdftotext's. For composite (Type0, Identity-H) fonts with large maps, each page gets
//! its own copy of the font whose map holds only the codes the page shows: the same text, a
//! fraction of the parsing.

use super::effective_resources;
use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Maps with fewer entries than this are left alone (trimming would not pay for itself).
const MIN_ENTRIES: usize = 256;

/// Parsed ToUnicode maps (2-byte code → UTF-16BE bytes), by stream.
type Maps = HashMap<ObjectId, Option<BTreeMap<u16, Vec<u8>>>>;

/// Gives every page trimmed copies of the large ToUnicode maps its composite fonts use. Returns
/// the number of font copies made, or the message of a panic inside lopdf.
pub(crate) fn trim_to_unicode_maps(
    doc: &mut Document,
    pages: &[(u32, ObjectId)],
) -> Result<usize, String> {
    let run = catch_unwind(AssertUnwindSafe(|| {
        let mut maps: Maps = HashMap::new();
        let mut copies = 0;
        for &(_, page_id) in pages {
            copies += trim_page(doc, page_id, &mut maps);
        }
        copies
    }));
    run.map_err(|p| crate::pdf::panic_message(&p))
}

fn trim_page(doc: &mut Document, page_id: ObjectId, maps: &mut Maps) -> usize {
    let Ok(content) = doc.get_page_content(page_id) else {
        return 0;
    };
    let used = codes_by_font(&content);
    if used.is_empty() {
        return 0;
    }
    let Some(mut resources) = effective_resources(doc, page_id) else {
        return 0;
    };
    let fonts = match resources.get(b"Font") {
        Ok(Object::Dictionary(d)) => d.clone(),
        Ok(Object::Reference(r)) => match doc.get_object(*r).and_then(Object::as_dict) {
            Ok(d) => d.clone(),
            Err(_) => return 0,
        },
        _ => return 0,
    };
    let mut new_fonts = fonts.clone();
    let mut made = 0;
    for (name, bytes) in &used {
        let Ok(font_id) = fonts.get(name).and_then(Object::as_reference) else {
            continue;
        };
        let Some(map_id) = large_identity_map(doc, font_id) else {
            continue;
        };
        let map = maps
            .entry(map_id)
            .or_insert_with(|| parse_map(doc, map_id))
            .as_ref();
        let Some(map) = map.filter(|m| m.len() >= MIN_ENTRIES) else {
            continue;
        };
        let codes: BTreeSet<u16> = bytes
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        let cmap = write_map(map, &codes);
        let Ok(font) = doc.get_object(font_id).and_then(Object::as_dict).cloned() else {
            continue;
        };
        let stream_id = doc.add_object(Object::Stream(Stream::new(Dictionary::new(), cmap)));
        let mut font = font;
        font.set("ToUnicode", Object::Reference(stream_id));
        let copy_id = doc.add_object(Object::Dictionary(font));
        new_fonts.set(name.clone(), Object::Reference(copy_id));
        made += 1;
    }
    if made > 0 {
        resources.set("Font", Object::Dictionary(new_fonts));
        if let Ok(page) = doc.get_object_mut(page_id).and_then(Object::as_dict_mut) {
            page.set("Resources", Object::Dictionary(resources));
        }
    }
    made
}

/// The ToUnicode stream of a Type0 font with the Identity-H encoding, if it has one.
fn large_identity_map(doc: &Document, font_id: ObjectId) -> Option<ObjectId> {
    let font = doc.get_object(font_id).and_then(Object::as_dict).ok()?;
    let type0 = font
        .get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|n| n == b"Type0");
    let identity = font
        .get(b"Encoding")
        .and_then(Object::as_name)
        .is_ok_and(|n| n == b"Identity-H");
    if !(type0 && identity) {
        return None;
    }
    let id = font.get(b"ToUnicode").and_then(Object::as_reference).ok()?;
    doc.get_object(id).and_then(Object::as_stream).ok()?;
    Some(id)
}

/// The bytes each font (by resource name) shows on the page: the operands of `Tj`, `TJ`, `'`
/// and `"` after its `Tf`.
fn codes_by_font(s: &[u8]) -> BTreeMap<Vec<u8>, Vec<u8>> {
    let mut out: BTreeMap<Vec<u8>, Vec<u8>> = BTreeMap::new();
    let mut font: Option<Vec<u8>> = None;
    let mut last_name: Option<Vec<u8>> = None;
    let mut strings: Vec<Vec<u8>> = Vec::new();
    let n = s.len();
    let mut i = 0;
    while i < n {
        let c = s[i];
        if c.is_ascii_whitespace() || matches!(c, b'[' | b']') {
            i += 1;
            continue;
        }
        match c {
            b'(' => {
                let (bytes, end) = literal(s, i + 1);
                strings.push(bytes);
                i = end;
            }
            b'<' if s.get(i + 1) == Some(&b'<') => {
                i += 2;
            }
            b'<' => {
                let end = memchr::memchr(b'>', &s[i..]).map_or(n, |k| i + k);
                strings.push(hex(&s[i + 1..end]));
                i = end + 1;
            }
            b'%' => {
                while i < n && s[i] != b'\n' && s[i] != b'\r' {
                    i += 1;
                }
            }
            b'/' => {
                let start = i + 1;
                i += 1;
                while i < n && !is_delimiter(s[i]) {
                    i += 1;
                }
                last_name = Some(s[start..i].to_vec());
            }
            _ => {
                let start = i;
                i += 1;
                while i < n && !is_delimiter(s[i]) {
                    i += 1;
                }
                match &s[start..i] {
                    b"Tf" => font = last_name.take(),
                    b"Tj" | b"TJ" | b"'" | b"\"" => {
                        if let Some(f) = &font {
                            let entry = out.entry(f.clone()).or_default();
                            for st in strings.drain(..) {
                                entry.extend_from_slice(&st);
                            }
                        }
                    }
                    b"BI" => {
                        // Inline image data may hold anything: skip to its end.
                        i = memchr::memmem::find(&s[i..], b"EI").map_or(n, |k| i + k + 2);
                    }
                    _ => {}
                }
                if !s[start..i]
                    .iter()
                    .all(|b| b.is_ascii_digit() || b"+-.".contains(b))
                {
                    strings.clear();
                }
            }
        }
    }
    out
}

fn is_delimiter(b: u8) -> bool {
    b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b)
}

/// A literal string's bytes (escapes decoded) from just after `(`, and the index after `)`.
fn literal(s: &[u8], mut i: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let mut depth = 1usize;
    while i < s.len() {
        let c = s[i];
        i += 1;
        match c {
            b'\\' => {
                let Some(&e) = s.get(i) else { break };
                i += 1;
                match e {
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'0'..=b'7' => {
                        let mut v = u32::from(e - b'0');
                        for _ in 0..2 {
                            match s.get(i) {
                                Some(&d @ b'0'..=b'7') => {
                                    v = v * 8 + u32::from(d - b'0');
                                    i += 1;
                                }
                                _ => break,
                            }
                        }
                        out.push((v & 0xff) as u8);
                    }
                    b'\r' | b'\n' => {}
                    other => out.push(other),
                }
            }
            b'(' => {
                depth += 1;
                out.push(c);
            }
            b')' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    (out, i)
}

/// Hex digits to bytes (an odd last digit is followed by 0, as the spec says).
fn hex(s: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = s
        .iter()
        .filter_map(|&c| (c as char).to_digit(16).map(|d| d as u8))
        .collect();
    digits
        .chunks(2)
        .map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0))
        .collect()
}

/// Parses the `bfchar` and `bfrange` entries of a ToUnicode CMap with 2-byte codes; `None`
/// when it holds anything else this does not follow (the map is then left alone).
fn parse_map(doc: &Document, id: ObjectId) -> Option<BTreeMap<u16, Vec<u8>>> {
    let stream = doc.get_object(id).and_then(Object::as_stream).ok()?;
    let text = stream.decompressed_content().ok()?;
    let mut map = BTreeMap::new();
    let mut rest: &[u8] = &text;
    while let Some(k) = memchr::memmem::find(rest, b"begin") {
        rest = &rest[k + 5..];
        let (section, end_tag): (&str, &[u8]) = if rest.starts_with(b"bfchar") {
            ("char", b"endbfchar")
        } else if rest.starts_with(b"bfrange") {
            ("range", b"endbfrange")
        } else {
            continue;
        };
        let end = memchr::memmem::find(rest, end_tag)?;
        let body = &rest[..end];
        rest = &rest[end..];
        let tokens = cmap_tokens(body);
        let mut t = tokens.iter();
        match section {
            "char" => {
                while let (Some(Tok::Hex(src)), Some(Tok::Hex(dst))) = (t.next(), t.next()) {
                    map.insert(code(src)?, dst.clone());
                }
            }
            _ => {
                while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (t.next(), t.next()) {
                    let (lo, hi) = (code(lo)?, code(hi)?);
                    if hi < lo || usize::from(hi - lo) > 0xffff {
                        return None;
                    }
                    match t.next()? {
                        Tok::Hex(dst) => {
                            for (k, c) in (lo..=hi).enumerate() {
                                map.insert(c, add(dst, k)?);
                            }
                        }
                        Tok::Array(items) => {
                            for (c, dst) in (lo..=hi).zip(items) {
                                map.insert(c, dst.clone());
                            }
                        }
                    }
                }
            }
        }
    }
    Some(map)
}

#[derive(Debug)]
enum Tok {
    Hex(Vec<u8>),
    Array(Vec<Vec<u8>>),
}

fn cmap_tokens(s: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut array: Option<Vec<Vec<u8>>> = None;
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'<' => {
                let end = memchr::memchr(b'>', &s[i..]).map_or(s.len(), |k| i + k);
                let h = hex(&s[i + 1..end]);
                match array.as_mut() {
                    Some(a) => a.push(h),
                    None => out.push(Tok::Hex(h)),
                }
                i = end + 1;
            }
            b'[' => {
                array = Some(Vec::new());
                i += 1;
            }
            b']' => {
                if let Some(a) = array.take() {
                    out.push(Tok::Array(a));
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

fn code(b: &[u8]) -> Option<u16> {
    match b {
        [hi, lo] => Some(u16::from_be_bytes([*hi, *lo])),
        [lo] => Some(u16::from(*lo)),
        _ => None,
    }
}

/// `dst` + `k`, on its last two bytes (a bfrange increments its destination).
fn add(dst: &[u8], k: usize) -> Option<Vec<u8>> {
    let mut out = dst.to_vec();
    let n = out.len();
    if n < 2 {
        return None;
    }
    let v = u16::from_be_bytes([out[n - 2], out[n - 1]]).checked_add(u16::try_from(k).ok()?)?;
    out[n - 2..].copy_from_slice(&v.to_be_bytes());
    Some(out)
}

/// A ToUnicode CMap holding the entries of `map` for `codes`.
fn write_map(map: &BTreeMap<u16, Vec<u8>>, codes: &BTreeSet<u16>) -> Vec<u8> {
    let entries: Vec<(u16, &Vec<u8>)> = codes
        .iter()
        .filter_map(|c| map.get(c).map(|d| (*c, d)))
        .collect();
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
         /CMapName /Minutes-Trimmed def /CMapType 2 def\n\
         1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    for block in entries.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", block.len()));
        for (c, d) in block {
            out.push_str(&format!("<{c:04X}> <"));
            for b in d.iter() {
                out.push_str(&format!("{b:02X}"));
            }
            out.push_str(">\n");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap CMapName currentdict /CMap defineresource pop end end\n");
    out.into_bytes()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_collected_per_font() {
        let content = b"BT /F1 12 Tf <00010002> Tj /F2 10 Tf [(a\\101) 120 <0041>] TJ ET \
                        BT /F1 12 Tf (\\000\\003) ' ET";
        let got = codes_by_font(content);
        assert_eq!(got[&b"F1".to_vec()], vec![0, 1, 0, 2, 0, 3]);
        assert_eq!(got[&b"F2".to_vec()], b"aA\0A".to_vec());
    }

    #[test]
    fn map_sections_are_parsed_and_written_back() {
        let mut doc = Document::new();
        let cmap = b"2 beginbfchar <0001> <4F1A> <0002> <006600660069> endbfchar \
                     1 beginbfrange <0010> <0012> <0041> endbfrange \
                     1 beginbfrange <0020> <0021> [<0061> <0062>] endbfrange";
        let id = doc.add_object(Object::Stream(Stream::new(
            Dictionary::new(),
            cmap.to_vec(),
        )));
        let map = parse_map(&doc, id).unwrap();
        assert_eq!(map.len(), 7);
        assert_eq!(map[&0x0011], vec![0x00, 0x42]);
        assert_eq!(map[&0x0002], vec![0, 0x66, 0, 0x66, 0, 0x69]);
        assert_eq!(map[&0x0021], vec![0x00, 0x62]);
        let codes: BTreeSet<u16> = [1, 0x12].into();
        let text = String::from_utf8(write_map(&map, &codes)).unwrap();
        assert!(text.contains("2 beginbfchar\n<0001> <4F1A>\n<0012> <0043>\nendbfchar"));
    }
}
