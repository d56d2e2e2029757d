//! Clean-up between extraction and the grammar, one step per function, each tested alone:
//! compatibility characters ([`normalise_chars`]), line-end hyphenation ([`join_hyphenation`])
//! and running headers and footers ([`find_furniture`]).
//!
//! The output of these steps *is* the source text (`minutes text` prints it), so spans need no
//! offset map back to the raw extraction: what the grammar sees is what users see.

use std::collections::{BTreeMap, HashSet};
use unicode_normalization::UnicodeNormalization;

/// Normalises the characters of extracted text.
///
/// - ligatures and presentation forms (U+FB00–FB4F), fullwidth ASCII and halfwidth katakana
///   (U+FF01–FF9F), Kangxi radicals and CJK compatibility ideographs (U+2F00–2FDF,
///   U+F900–FAFF, which CJK fonts map some glyphs to): NFKC, so "ﬁnance" reads "finance",
///   "２０２４" reads "2024" and "表⽰" reads "表示";
/// - no-break and typographic spaces: a plain space (the ideographic space U+3000 is kept);
/// - control characters other than tab and newline, zero-width characters and BOMs: removed;
/// - Private Use Area bullets of the Symbol/Wingdings fonts: the bullet they draw;
/// - combining sequences: composed (NFC).
pub(crate) fn normalise_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut combining = false;
    for c in s.chars() {
        match c {
            '\t' | '\n' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => {}
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => {}
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' => out.push(' '),
            '\u{fb00}'..='\u{fb4f}'
            | '\u{ff01}'..='\u{ff9f}'
            | '\u{2f00}'..='\u{2fdf}'
            | '\u{f900}'..='\u{faff}' => out.extend(c.nfkc()),
            '\u{e000}'..='\u{f8ff}' => out.push(private_use(c)),
            '\u{300}'..='\u{36f}' => {
                combining = true;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    if combining {
        out.nfc().collect()
    } else {
        out
    }
}

/// What a Private Use Area code point from a Symbol or Wingdings font draws. Word maps these
/// fonts to U+F0xx; the bullets are the ones that matter for list structure.
fn private_use(c: char) -> char {
    match c {
        '\u{f0b7}' | '\u{f06c}' | '\u{f09f}' => '•',
        '\u{f0a7}' | '\u{f06e}' => '▪',
        '\u{f0d8}' | '\u{f0e0}' => '➢',
        '\u{f076}' => '❖',
        '\u{f0fc}' => '✓',
        '\u{f0a8}' | '\u{f06f}' | '\u{f071}' => '□',
        '\u{f02d}' => '-',
        _ => c,
    }
}

/// Hyphens that can end a line in hyphenated text.
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{ad}')
}

/// Joins words split across a line end by a hyphen.
///
/// A line that ends with a letter and a hyphen, followed by a line that starts with a lowercase
/// letter, is a split word. The continuation moves up to the end of the first line, so the word
/// is whole on one line. The hyphen is dropped only when it is line-break hyphenation: a soft
/// hyphen (U+00AD), or a word whose unhyphenated form occurs elsewhere in the document
/// (`vocabulary`, lowercase). Otherwise it is a compound ("value-added", "after-school") and
/// stays.
pub(crate) fn join_hyphenation(page: &str, vocabulary: &HashSet<String>) -> String {
    if !page.contains(['-', '\u{2010}', '\u{ad}']) {
        return page.to_owned();
    }
    let mut lines: Vec<String> = page.split('\n').map(str::to_owned).collect();
    for i in 0..lines.len().saturating_sub(1) {
        let (head, tail) = lines.split_at_mut(i + 1);
        let (cur, next) = (&mut head[i], &mut tail[0]);
        let trimmed = cur.trim_end();
        let mut rev = trimmed.chars().rev();
        let (Some(h), Some(before)) = (rev.next(), rev.next()) else {
            continue;
        };
        if !is_hyphen(h) || !before.is_alphabetic() {
            continue;
        }
        let indent = next.len() - next.trim_start().len();
        let rest = &next[indent..];
        if !rest.chars().next().is_some_and(char::is_lowercase) {
            continue;
        }
        let token_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let token = &rest[..token_len];
        let left_word: String = trimmed[..trimmed.len() - h.len_utf8()]
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<char>>()
            .into_iter()
            .rev()
            .collect();
        let right_word: String = token.chars().take_while(|c| c.is_alphabetic()).collect();
        let joined = format!("{left_word}{right_word}").to_lowercase();
        let drop_hyphen = h == '\u{ad}' || vocabulary.contains(&joined);
        let keep = if drop_hyphen {
            trimmed.len() - h.len_utf8()
        } else {
            trimmed.len()
        };
        let mut new_cur = String::with_capacity(keep + token.len());
        new_cur.push_str(&cur[..keep]);
        if !drop_hyphen && h == '\u{ad}' {
            new_cur.push('-');
        }
        new_cur.push_str(token);
        let after = rest[token_len..].trim_start();
        let new_next = if after.is_empty() {
            String::new()
        } else {
            format!("{}{}", &next[..indent], after)
        };
        *cur = new_cur;
        *next = new_next;
    }
    lines.join("\n")
}

/// The lowercase words (letters only, at least three) of a text, for [`join_hyphenation`].
pub(crate) fn vocabulary<'a>(pages: impl Iterator<Item = &'a str>) -> HashSet<String> {
    let mut set = HashSet::new();
    for page in pages {
        for token in page.split(|c: char| !c.is_alphabetic()) {
            if token.chars().nth(2).is_some() {
                set.insert(token.to_lowercase());
            }
        }
    }
    set
}

/// How many non-blank lines at the top and at the bottom of a page can be running furniture.
const EDGE_LINES: usize = 2;

/// Finds running headers and footers: lines at the top or bottom of a page, set apart from the
/// body by a blank line, whose text repeats at the same place on other pages once digits are
/// ignored ("Page 3 of 16", "Minutes – December 3, 2024 – Page 2", a lone page number, the
/// council's name, "DRAFT").
///
/// Returns the byte ranges (trimmed of indentation, newline excluded) of those lines in `text`;
/// the lines stay in the text, and the grammar skips them.
pub(crate) fn find_furniture(text: &str, page_starts: &[usize]) -> Vec<(usize, usize)> {
    let n_pages = page_starts.len();
    if n_pages < 2 {
        return Vec::new();
    }
    // Each edge line's identity is its key and its place: nth line from the top, or from the
    // bottom. A running header sits at the same place on every page; body lines that happen to
    // repeat ("RESOLVED that the report be noted.") rarely do.
    // (key, place) → (pages it is on, pages where it stands apart from the body).
    let mut pages_of: BTreeMap<(String, isize), (HashSet<usize>, HashSet<usize>)> = BTreeMap::new();
    let mut candidates: Vec<(usize, usize, (String, isize))> = Vec::new();
    for (p, &start) in page_starts.iter().enumerate() {
        let end = page_starts
            .get(p + 1)
            .map_or(text.len(), |&s| s.saturating_sub(1));
        let Some(page) = text.get(start..end) else {
            continue;
        };
        // Non-blank lines, each with whether a blank line comes right after it.
        let mut lines: Vec<((usize, usize), bool)> = Vec::new();
        let mut off = start;
        let mut blank = false;
        for line in page.split('\n') {
            let t = line.trim();
            if t.is_empty() {
                blank = true;
            } else {
                if let Some(last) = lines.last_mut() {
                    last.1 |= blank;
                }
                blank = false;
                let lead = line.len() - line.trim_start().len();
                lines.push(((off + lead, off + lead + t.len()), false));
            }
            off += line.len() + 1;
        }
        // The first and last EDGE_LINES lines are candidates; those in a block set apart from
        // the body by a blank line count for more (see below).
        let k = lines.len();
        let top_gap = lines.iter().take(EDGE_LINES).position(|l| l.1);
        let tail_start = k.saturating_sub(EDGE_LINES);
        let bottom_gap = (tail_start.max(1)..k).find(|&i| lines[i - 1].1);
        let mut edge: Vec<((usize, usize), isize, bool)> = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            if i < EDGE_LINES {
                edge.push((l.0, i as isize, top_gap.is_some_and(|g| i <= g)));
            }
            if i >= tail_start && i >= EDGE_LINES.min(k) {
                edge.push((
                    l.0,
                    i as isize - k as isize,
                    bottom_gap.is_some_and(|g| i >= g),
                ));
            }
        }
        for ((s, e), place, apart) in edge {
            let key = furniture_key(&text[s..e]);
            if key.is_empty() {
                continue;
            }
            let id = (key, place);
            let seen = pages_of.entry(id.clone()).or_default();
            seen.0.insert(p);
            if apart {
                seen.1.insert(p);
            }
            candidates.push((s, e, id));
        }
    }
    // A line set apart by a blank line is furniture when it repeats on 40 % of the pages (at
    // least two); one that is not, only when it repeats on 60 % (at least three): without the
    // gap, body lines that repeat with other numbers ("5.1.4 On motion of Mr. Lee, the Board
    // approved the", corpus 028) would be caught.
    let need_apart = (n_pages * 2).div_ceil(5).clamp(2, 5);
    let need_tight = (n_pages * 3).div_ceil(5).max(3);
    let mut out: Vec<(usize, usize)> = candidates
        .into_iter()
        .filter(|(_, _, key)| {
            pages_of
                .get(key)
                .is_some_and(|(all, apart)| apart.len() >= need_apart || all.len() >= need_tight)
        })
        .map(|(s, e, _)| (s, e))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A line's identity for furniture matching: lowercase, whitespace collapsed, each run of
/// digits replaced by `#` (so page numbers and dates match across pages).
fn furniture_key(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    let mut in_digits = false;
    let mut in_space = false;
    for c in line.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                key.push('#');
            }
            in_digits = true;
            in_space = false;
            continue;
        }
        in_digits = false;
        if c.is_whitespace() {
            if !in_space {
                key.push(' ');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        key.extend(c.to_lowercase());
    }
    key.trim().to_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn ligatures_and_fullwidth_forms_are_normalised() {
        let table = [
            (
                "\u{fb01}nance o\u{fb03}ce \u{fb02}at",
                "finance office flat",
            ),
            ("２０２４年５月", "2024年5月"),
            ("a\u{a0}b\u{2009}c", "a b c"),
            ("ta\u{200b}x\u{0}", "tax"),
            ("\u{f0b7} item", "• item"),
            ("cafe\u{301}", "café"),
            ("令和6年　委員会", "令和6年　委員会"),
            ("会議録表\u{2f70}", "会議録表示"),
            ("Ŵyn ŷ Môn", "Ŵyn ŷ Môn"),
        ];
        for (input, want) in table {
            assert_eq!(normalise_chars(input), want, "{input:?}");
        }
    }

    #[test]
    fn line_break_hyphenation_is_joined() {
        let vocab: HashSet<String> = ["committee".to_string()].into();
        let page = "the com-\n   mittee agreed\nnext";
        assert_eq!(
            join_hyphenation(page, &vocab),
            "the committee\n   agreed\nnext"
        );
    }

    #[test]
    fn compound_hyphens_are_kept() {
        let vocab = HashSet::new();
        let page = "a value-\nadded service";
        assert_eq!(join_hyphenation(page, &vocab), "a value-added\nservice");
    }

    #[test]
    fn soft_hyphen_is_a_break() {
        let vocab = HashSet::new();
        assert_eq!(
            join_hyphenation("recom\u{ad}\nmended", &vocab),
            "recommended\n"
        );
    }

    #[test]
    fn dashes_and_capitals_are_not_joined() {
        let vocab: HashSet<String> = ["financepayments".to_string()].into();
        for page in ["Finance -\npayments", "Item 5-\nPayments", "1998-\n2000"] {
            assert_eq!(join_hyphenation(page, &vocab), page);
        }
    }

    #[test]
    fn vocabulary_collects_words() {
        let v = vocabulary(["The Committee, the com-\nmittee; a b"].into_iter());
        assert!(v.contains("committee"));
        assert!(v.contains("the"));
        assert!(!v.contains("a"));
    }

    #[test]
    fn running_headers_and_page_numbers_are_furniture() {
        let pages = [
            "Souldern Parish Council\n\nMinutes of the meeting\nbody one\nbody two\n\nPage 1 of 3\n",
            "Souldern Parish Council\n\nmore body\nbody three\n\nPage 2 of 3\n",
            "Souldern Parish Council\n\nlast body\n\nPage 3 of 3\n",
        ];
        let text = pages.join("\u{c}");
        let mut starts = vec![0];
        for p in &pages[..2] {
            starts.push(starts.last().unwrap() + p.len() + 1);
        }
        let ranges = find_furniture(&text, &starts);
        let found: Vec<&str> = ranges.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(
            found,
            [
                "Souldern Parish Council",
                "Page 1 of 3",
                "Souldern Parish Council",
                "Page 2 of 3",
                "Souldern Parish Council",
                "Page 3 of 3"
            ]
        );
    }

    #[test]
    fn repeated_body_lines_without_a_gap_are_not_furniture() {
        // Resolutions that differ only in their numbers, first on two of five pages (corpus 028:
        // five of 19), and not set apart by a blank line.
        let pages = [
            "5.1.3 On motion of Mr. Lee, the Board approved the\ncontract.\n",
            "Public comments were received.\nThe Board discussed it.\n",
            "5.1.5 On motion of Mr. Lee, the Board approved the\nplan.\n",
            "The meeting went on.\nMore business.\n",
            "Adjournment.\nThe meeting closed.\n",
        ];
        let text = pages.join("\u{c}");
        let mut starts = vec![0];
        for p in &pages[..4] {
            starts.push(starts.last().unwrap() + p.len() + 1);
        }
        assert!(find_furniture(&text, &starts).is_empty());
    }

    #[test]
    fn single_page_has_no_furniture() {
        assert!(find_furniture("Page 1 of 1\n", &[0]).is_empty());
    }
}
