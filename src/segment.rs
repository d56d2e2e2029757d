//! Segmentation: the source text cut into lines, each classified once, before any grammar rule
//! runs. Every later rule works on one line or on a run of lines, never across the whole text,
//! which keeps parsing linear in the size of the input.

/// One line of the source text.
#[derive(Debug, Clone)]
pub(crate) struct Line<'a> {
    /// The line with leading and trailing whitespace (incl. NBSP, BOM) removed.
    pub text: &'a str,
    /// Byte offset of `text` in the source.
    pub text_start: usize,
    /// Leading whitespace, in characters (a tab counts 4).
    pub indent: usize,
    /// Whether the line is page furniture (running header/footer, page number, web chrome).
    pub furniture: bool,
    /// What `text` holds, as [`shape`] bits, found once when the line is cut so that the rules
    /// that ask (collapsing white space, column gaps, currency signs) need not rescan it. A
    /// rule that cuts `text` shorter (as some do) keeps the bits: each says that something
    /// *may* occur, and what a text does not hold, no part of it holds.
    pub shape: u8,
    /// The gate words of the narrative and vote rules that occur in `text`, as bits (see
    /// `parse::LINE_WORDS`; all set until the parser marks them, so that a rule reading the
    /// lines of a text nobody marked is never gated off). Like `shape`, a bit says the word
    /// may occur: clear, it surely does not.
    pub words: u64,
}

/// Bits of [`Line::shape`]: each set where the line's text holds the thing (or may, where
/// said), clear where it surely does not.
pub(crate) mod shape {
    /// A byte below `0x20` (a control character, among them the white space `\t`...`\r`).
    pub const CONTROL: u8 = 1 << 0;
    /// Two spaces in a row.
    pub const DOUBLE: u8 = 1 << 1;
    /// Three spaces in a row: a column gap ([`super::has_gap`]).
    pub const GAP: u8 = 1 << 2;
    /// A white space character that is not ASCII (NBSP, U+2000..U+200A, U+3000, the BOM,
    /// zero-width spaces: [`super::is_space`] holds and it is not ASCII).
    pub const WIDE_SPACE: u8 = 1 << 3;
    /// A currency sign: `$`, `£`, `€`, `¥` or `￥`.
    pub const MONEY: u8 = 1 << 4;
    /// Not a fact of the text but of the line: a rule cut the line's text short of its end (the
    /// link that ends an item of summarised minutes), so what followed on the line is no part of
    /// any node's text, and a paragraph ends with the line (its span would hold the cut words).
    pub const CUT: u8 = 1 << 5;
}

/// The [`shape`] bits of `t`: eight bytes at a time for the ASCII facts (three spaces in a row
/// looked for, by [`has_gap`], only where two are, as three hold two), and only a text with
/// non-ASCII characters reads the characters whose lead bytes may start a wide space or a
/// currency sign ([`wide_facts`]).
///
/// A text of eight bytes or more reads its tail (the bytes after its last whole chunk) as its
/// last eight bytes, again whole, rather than copying the tail into a padded chunk (a copy of
/// a length known only when running, a call).
pub(crate) fn shape_of(t: &str) -> u8 {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const SEVEN: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // the high bit of each byte of `w` that equals `b` (exact: no borrow runs between bytes)
    let equal = |w: u64, b: u8| {
        let x = w ^ (LOW * u64::from(b));
        !(((x & SEVEN) + SEVEN) | x | SEVEN)
    };
    let b = t.as_bytes();
    let (mut or, mut control, mut dollar, mut double) = (0u64, 0u64, 0u64, 0u64);
    // the space bits of the chunk before (bit 7 of each of its bytes), for the byte before
    // each chunk
    let mut carry = 0u64;
    let mut chunks = b.chunks_exact(8);
    // (`join`: whether the chunk follows the chunk before in the text, so that a space ending
    // that one and one starting this are two in a row)
    let mut step = |a: [u8; 8], valid: u64, join: bool| {
        let w = u64::from_le_bytes(a);
        or |= w;
        // a byte below 0x20 (among ASCII bytes; non-ASCII ones never set these bits)
        control |= w.wrapping_sub(LOW * 0x20) & !w & HIGH & valid;
        dollar |= equal(w, b'$');
        let sp = equal(w, b' ');
        // the space bits of the bytes before each byte, across the chunk edge
        let before = if join { carry >> 56 } else { 0 };
        double |= sp & ((sp << 8) | before);
        carry = sp;
    };
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        step(a, u64::MAX, true);
    }
    let tail = chunks.remainder();
    if let Some(&last) = b.last_chunk::<8>() {
        // the tail inside the last eight bytes of the text, read again whole: every byte of
        // them is the text's, so each bit it sets is a fact of the text, and the pair of bytes
        // across the tail's edge lies inside them too (no join: the chunk before ends inside
        // them)
        if !tail.is_empty() {
            step(last, u64::MAX, false);
        }
    } else if !tail.is_empty() {
        // a text shorter than eight bytes as one chunk, padded with zero bytes (which are no
        // space and no `$`, and whose control bits `valid` clears)
        let mut a = [0u8; 8];
        if let Some(to) = a.get_mut(..tail.len()) {
            to.copy_from_slice(tail);
        }
        step(a, (1u64 << (8 * tail.len())) - 1, false);
    }
    let mut s = 0;
    if control != 0 {
        s |= shape::CONTROL;
    }
    if double != 0 {
        s |= shape::DOUBLE;
        if has_gap(t) {
            s |= shape::GAP;
        }
    }
    if dollar != 0 {
        s |= shape::MONEY;
    }
    if or & HIGH != 0 {
        s |= wide_facts(t);
    }
    s
}

/// The [`shape`] bits of `t` that only its non-ASCII characters can set: a wide space, and the
/// currency signs other than `$`.
///
/// Every wide space and non-ASCII currency sign starts with one of the lead bytes `C2`, `E1`,
/// `E2`, `E3` or `EF`, and all five are at least `C0`: the bytes with both top bits set are found
/// eight at a time (`w & (w << 1)` keeps bit 7 of each byte where its bit 6 is set too, and no
/// bit crosses into the next byte's bit 7), and only those are compared with the five and
/// decoded. The characters are those that [`wide_facts_by_search`] decodes (`wide_facts_as_by_search`).
fn wide_facts(t: &str) -> u8 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = t.as_bytes();
    let mut s = 0;
    let mut at = |i: usize| {
        if matches!(b.get(i), Some(0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF)) {
            let c = t.get(i..).and_then(|r| r.chars().next()).unwrap_or('x');
            if is_space(c) {
                s |= shape::WIDE_SPACE;
            } else if matches!(c, '£' | '€' | '¥' | '￥') {
                s |= shape::MONEY;
            }
        }
    };
    let mut chunks = b.chunks_exact(8);
    let mut i = 0;
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        let w = u64::from_le_bytes(a);
        let mut lead = w & (w << 1) & HIGH;
        while lead != 0 {
            at(i + (lead.trailing_zeros() / 8) as usize);
            lead &= lead - 1;
        }
        i += 8;
    }
    for (k, &c) in chunks.remainder().iter().enumerate() {
        if c >= 0xC0 {
            at(i + k);
        }
    }
    s
}

/// [`wide_facts`] as it was: the lead bytes found by two `memchr` searches (the oracle of
/// `wide_facts_as_by_search`).
#[cfg(test)]
fn wide_facts_by_search(t: &str) -> u8 {
    let mut s = 0;
    let b = t.as_bytes();
    for i in memchr::memchr3_iter(0xC2, 0xE2, 0xE3, b).chain(memchr::memchr2_iter(0xE1, 0xEF, b)) {
        let c = t.get(i..).and_then(|r| r.chars().next()).unwrap_or('x');
        if is_space(c) {
            s |= shape::WIDE_SPACE;
        } else if matches!(c, '£' | '€' | '¥' | '￥') {
            s |= shape::MONEY;
        }
    }
    s
}

/// Where the first line break (`\n` or a form feed) at or after `from` in `b` lies, eight bytes
/// at a time: a word is asked whether it holds a byte below `0x0D`, as both breaks are
/// (`(w - 0x0D..) & !w & 0x80..` flags every such byte, and a borrow can flag a byte only above
/// one that is truly below, so the lowest flag is exact), and only a flagged byte is compared
/// with the breaks; the search goes on after a flagged byte that is no break (a tab, say). The
/// last few bytes of the text, fewer than eight, are read one by one. Inline, with no call into
/// `memchr` and its set-up, which cost more than the search over a line of 60 bytes; checked
/// against `memchr2` by `breaks_as_by_memchr`.
#[inline]
fn next_break(b: &[u8], from: usize) -> Option<usize> {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while let Some(c) = b.get(i..i + 8) {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        let w = u64::from_le_bytes(a);
        let low = w.wrapping_sub(LOW * 0x0D) & !w & HIGH;
        if low == 0 {
            i += 8;
            continue;
        }
        let k = i + (low.trailing_zeros() / 8) as usize;
        if let Some(b'\n' | b'\x0c') = b.get(k) {
            return Some(k);
        }
        i = k + 1;
    }
    b.get(i..)?
        .iter()
        .position(|&c| c == b'\n' || c == b'\x0c')
        .map(|k| i + k)
}

impl Line<'_> {
    pub(crate) fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// Byte offset just past `text`.
    pub(crate) fn text_end(&self) -> usize {
        self.text_start + self.text.len()
    }
}

/// Whitespace as minutes use it: Unicode whitespace plus the BOM and zero-width characters.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{0c}'
        )
}

/// Whether `hay` holds `needle`, ignoring ASCII case: a cheap test before a costlier rule.
///
/// The search looks for the needle's rarest byte (by how often letters occur in English text,
/// either case) rather than its first, so that fewer false starts are checked in full.
///
/// Inlined so that, for a literal needle, the choice of its rarest byte is made when compiling.
#[inline(always)]
pub(crate) fn contains_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return true;
    }
    if h.len() < n.len() {
        return false;
    }
    // the rarest of the needle's bytes (of its first 64), and its index in the needle
    let (k, rare) = n.iter().take(64).enumerate().fold(
        (0, n.first().copied().unwrap_or(0)),
        |(k, r), (i, &c)| {
            if FREQUENCY[usize::from(c)] < FREQUENCY[usize::from(r)] {
                (i, c)
            } else {
                (k, r)
            }
        },
    );
    find_ci_from(h, n, k, rare)
}

/// [`contains_ci`] once its needle's rare byte is chosen: `n` is no longer than `h`, and `rare`
/// is `n[k]`.
#[inline(never)]
fn find_ci_from(h: &[u8], n: &[u8], k: usize, rare: u8) -> bool {
    let (lower, upper) = (rare.to_ascii_lowercase(), rare.to_ascii_uppercase());
    // the rare byte at `at` puts the needle's start at `at - k`: it lies in `k..=h.len() - n.len() + k`
    let last = h.len() - n.len() + k;
    let mut from = k;
    while let Some(i) = h
        .get(from..=last)
        .and_then(|r| memchr::memchr2(lower, upper, r))
    {
        let at = from + i;
        if h.get(at - k..at - k + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
        {
            return true;
        }
        from = at + 1;
    }
    false
}

/// How common each byte is in minutes (higher: more common), a letter counting for both its
/// cases: [`contains_ci`] looks for the rarest byte of its needle.
static FREQUENCY: [u8; 256] = {
    let mut f = [100u8; 256];
    let letters: [(u8, u8); 26] = [
        (b'a', 235),
        (b'b', 120),
        (b'c', 200),
        (b'd', 180),
        (b'e', 250),
        (b'f', 145),
        (b'g', 140),
        (b'h', 200),
        (b'i', 228),
        (b'j', 20),
        (b'k', 80),
        (b'l', 178),
        (b'm', 190),
        (b'n', 226),
        (b'o', 230),
        (b'p', 150),
        (b'q', 15),
        (b'r', 222),
        (b's', 224),
        (b't', 240),
        (b'u', 165),
        (b'v', 90),
        (b'w', 140),
        (b'x', 25),
        (b'y', 130),
        (b'z', 10),
    ];
    let mut i = 0;
    while i < letters.len() {
        let (c, n) = letters[i];
        f[c as usize] = n;
        f[c.to_ascii_uppercase() as usize] = n;
        i += 1;
    }
    f[b' ' as usize] = 255;
    let mut d = b'0';
    while d <= b'9' {
        f[d as usize] = 160;
        d += 1;
    }
    f
};

/// Whether `w` is `word` (ASCII, lowercase) ignoring case as a case-insensitive regex folds
/// it: ASCII case, and `ſ` for `s` and the Kelvin sign for `k` (no other character folds to an
/// ASCII letter).
pub(crate) fn same_word_folded(w: &str, word: &str) -> bool {
    let mut chars = w.chars();
    word.bytes()
        .all(|b| chars.next().is_some_and(|c| folds_to(c, b)))
        && chars.next().is_none()
}

/// Whether `c` is `b` (an ASCII lowercase letter) ignoring case as [`same_word_folded`] does.
pub(crate) fn folds_to(c: char, b: u8) -> bool {
    c.to_ascii_lowercase() as u32 == u32::from(b)
        || (b == b's' && c == '\u{17f}')
        || (b == b'k' && c == '\u{212a}')
}

/// Whether `t` starts with `word` (ASCII, lowercase) ignoring ASCII case: what lowering `t`
/// and testing its start gives, without the copy.
pub(crate) fn opens_ci(t: &str, word: &str) -> bool {
    t.as_bytes()
        .get(..word.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(word.as_bytes()))
}

/// Whether `s` holds a column gap: three spaces in a row.
pub(crate) fn has_gap(s: &str) -> bool {
    gap_at(s).is_some()
}

/// Where the first column gap (three spaces in a row) in `s` starts.
pub(crate) fn gap_at(s: &str) -> Option<usize> {
    static GAP: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"   "));
    GAP.find(s.as_bytes())
}

/// Cuts `text` into lines. Form feeds (PDF page breaks) end a line too. (The parser takes the
/// lines with their starts, [`lines_and_starts`]; the rules' tests take them alone.)
#[cfg(test)]
pub(crate) fn lines(text: &str) -> Vec<Line<'_>> {
    cut(text, None)
}

/// [`lines`], and the offsets where the text's lines start, counting only line feeds as
/// breaks (`0`, then one past each `\n`: what [`crate::source::LineIndex`] numbers lines by),
/// found in the same pass.
pub(crate) fn lines_and_starts(text: &str) -> (Vec<Line<'_>>, Vec<usize>) {
    let mut starts = Vec::with_capacity(text.len() / 32 + 1);
    starts.push(0);
    let lines = cut(text, Some(&mut starts));
    (lines, starts)
}

/// [`lines`], pushing one past each line feed onto `starts` where given.
///
/// An empty line (half the lines of minutes: the blank lines between paragraphs) is known by
/// its first byte, a break, and needs no search for its break, no trimming and no shape; each
/// other line searches for its break from its start ([`next_break`]).
fn cut<'t>(text: &'t str, mut starts: Option<&mut Vec<usize>>) -> Vec<Line<'t>> {
    // room for lines of 32 bytes on average, so that most texts never grow the vector
    let mut out = Vec::with_capacity(text.len() / 32 + 1);
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos <= bytes.len() {
        let nl = if let Some(b'\n' | b'\x0c') = bytes.get(pos) {
            out.push(Line {
                text: text.get(pos..pos).unwrap_or_default(),
                text_start: pos,
                indent: 0,
                furniture: false,
                shape: 0,
                words: u64::MAX,
            });
            Some(pos)
        } else {
            let nl = next_break(bytes, pos);
            let raw_end = nl.unwrap_or(bytes.len());
            let mut end = raw_end;
            if end > pos && bytes.get(end - 1) == Some(&b'\r') {
                end -= 1;
            }
            let raw = text.get(pos..end).unwrap_or_default();
            let (trimmed, lead, indent) = trim_line(raw);
            out.push(Line {
                text: trimmed,
                text_start: pos + lead,
                indent,
                furniture: false,
                shape: shape_of(trimmed),
                words: u64::MAX,
            });
            nl
        };
        match nl {
            Some(i) => {
                if let Some(starts) = starts
                    .as_deref_mut()
                    .filter(|_| bytes.get(i) == Some(&b'\n'))
                {
                    starts.push(i + 1);
                }
                pos = i + 1;
            }
            None => break,
        }
    }
    out
}

/// [`cut`] as it was: the breaks found by one `memchr2` iterator over the whole text, and every
/// line trimmed and shaped (the oracle of `cut_as_the_plain_cut`).
#[cfg(test)]
fn cut_plain(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut breaks = memchr::memchr2_iter(b'\n', b'\x0c', bytes);
    while pos <= bytes.len() {
        let nl = breaks.next();
        let raw_end = nl.unwrap_or(bytes.len());
        let mut end = raw_end;
        if end > pos && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        let raw = text.get(pos..end).unwrap_or_default();
        let (trimmed, lead, indent) = trim_line(raw);
        out.push(Line {
            text: trimmed,
            text_start: pos + lead,
            indent,
            furniture: false,
            shape: shape_of(trimmed),
            words: u64::MAX,
        });
        match nl {
            Some(i) => pos = i + 1,
            None => break,
        }
    }
    out
}

/// A line without its surrounding white space: the text, the byte length of its lead, and its
/// indent in characters (a tab counts 4).
///
/// Most lines are indented with ASCII spaces and tabs and begin and end with ASCII text; those
/// are read byte by byte, and only the rest decodes characters to test them with [`is_space`].
fn trim_line(raw: &str) -> (&str, usize, usize) {
    let b = raw.as_bytes();
    let lead = b.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
    // blank: nothing, or spaces and tabs only
    if lead == b.len() {
        let tabs = b.iter().filter(|&&c| c == b'\t').count();
        return (raw.get(lead..).unwrap_or_default(), lead, lead + 3 * tabs);
    }
    let ascii_edge =
        |c: Option<&u8>| c.is_some_and(|&c| c.is_ascii() && !matches!(c, 9..=13 | b' '));
    if ascii_edge(b.get(lead)) {
        let tail = b
            .iter()
            .rev()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
        if ascii_edge(b.get(b.len() - tail - 1)) {
            let tabs = b.iter().take(lead).filter(|&&c| c == b'\t').count();
            let text = raw.get(lead..b.len() - tail).unwrap_or_default();
            return (text, lead, lead + 3 * tabs);
        }
    }
    let trimmed_start = raw.trim_start_matches(is_space);
    let lead = raw.len() - trimmed_start.len();
    let trimmed = trimmed_start.trim_end_matches(is_space);
    let indent = raw
        .get(..lead)
        .unwrap_or_default()
        .chars()
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum();
    (trimmed, lead, indent)
}

/// Collapses every run of whitespace (incl. NBSP) to one space and trims the ends.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    collapse_into(&mut out, s);
    out
}

/// Whether `s`, a part of a line's text whose [`shape`] bits are `shape`, is its own collapsed
/// form: where the line holds no control character, no wide space and no two spaces in a row,
/// neither does `s`, and only a space at either end of `s` (after a list label, say) is left
/// to collapse.
pub(crate) fn collapsed_already(s: &str, shape: u8) -> bool {
    let b = s.as_bytes();
    shape & (shape::CONTROL | shape::DOUBLE | shape::WIDE_SPACE) == 0
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
}

/// [`collapse_into`] for `s`, a part of a line's text whose [`shape`] bits are `shape`: where the
/// bits say the line may hold white space to collapse, the runs are collapsed without first
/// asking whether `s` holds any ([`collapse_runs_into`] gives `s` itself where it holds none).
pub(crate) fn collapse_part_into(out: &mut String, s: &str, shape: u8) {
    if collapsed_already(s, shape) {
        out.push_str(s);
    } else {
        collapse_runs_into(out, s);
    }
}

/// Appends `s` to `out` with its whitespace collapsed, without a new allocation.
///
/// Most texts hold single ASCII spaces only: those are copied whole after a few vectorised
/// scans, asked in the order that lets a text with something to collapse fail soonest (its
/// ends, two spaces in a row, the ASCII white space other than spaces, and last the non-ASCII
/// spaces, which decode characters); the rest go to [`collapse_runs_into`].
pub(crate) fn collapse_into(out: &mut String, s: &str) {
    static DOUBLE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));
    let b = s.as_bytes();
    let unicode_space = |i: usize| {
        s.get(i..)
            .and_then(|r| r.chars().next())
            .is_some_and(is_space)
    };
    if b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && DOUBLE.find(b).is_none()
        && memchr::memchr3(b'\n', b'\t', b'\r', b).is_none()
        && memchr::memchr2(0x0b, 0x0c, b).is_none()
        && (s.is_ascii()
            || (memchr::memchr3_iter(0xC2, 0xE2, 0xE3, b).all(|i| !unicode_space(i))
                && memchr::memchr2_iter(0xE1, 0xEF, b).all(|i| !unicode_space(i))))
    {
        out.push_str(s);
        return;
    }
    collapse_runs_into(out, s);
}

/// [`collapse_into`]'s work: one pass over the bytes, runs of text copied whole, and only a
/// non-ASCII byte makes it decode a character (to ask whether it is a space such as NBSP). A
/// text with nothing to collapse is one run, copied as it stands.
fn collapse_runs_into(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let from = out.len();
    let mut space = false;
    let mut run = 0; // start of the run of text not yet copied
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let len = match c {
            // a lone space between words stays inside the run
            b' ' if i > run && b.get(i + 1).is_some_and(|&n| n > b' ' && n < 0x80) => {
                i += 1;
                continue;
            }
            9..=13 | b' ' => 1,
            // the lead bytes of the non-ASCII spaces (NBSP, U+2000.., U+3000, BOM)
            0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => {
                let ch = s.get(i..).and_then(|r| r.chars().next()).unwrap_or('x');
                if !is_space(ch) {
                    i += ch.len_utf8();
                    continue;
                }
                ch.len_utf8()
            }
            _ => {
                i += 1;
                continue;
            }
        };
        if run < i {
            if space && out.len() > from {
                out.push(' ');
            }
            out.push_str(s.get(run..i).unwrap_or_default());
        }
        space = true;
        run = i + len;
        i += len;
    }
    if run < s.len() {
        if space && out.len() > from {
            out.push(' ');
        }
        out.push_str(s.get(run..).unwrap_or_default());
    }
}

/// [`collapse_into`] as it was (its fast path's tests in another order), the oracle of
/// `collapse_as_before`.
#[cfg(test)]
fn collapse_into_plain(out: &mut String, s: &str) {
    static DOUBLE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));
    // most lines hold single ASCII spaces only: copied whole after a few vectorised scans (a
    // non-ASCII character is decoded only where its lead byte could start a Unicode space)
    let b = s.as_bytes();
    let unicode_space = |i: usize| {
        s.get(i..)
            .and_then(|r| r.chars().next())
            .is_some_and(is_space)
    };
    if (s.is_ascii()
        || (memchr::memchr3_iter(0xC2, 0xE2, 0xE3, b).all(|i| !unicode_space(i))
            && memchr::memchr2_iter(0xE1, 0xEF, b).all(|i| !unicode_space(i))))
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && memchr::memchr3(b'\n', b'\t', b'\r', b).is_none()
        && memchr::memchr2(0x0b, 0x0c, b).is_none()
        && DOUBLE.find(b).is_none()
    {
        out.push_str(s);
        return;
    }
    let from = out.len();
    let mut space = false;
    let mut run = 0; // start of the run of text not yet copied
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let len = match c {
            // a lone space between words stays inside the run
            b' ' if i > run && b.get(i + 1).is_some_and(|&n| n > b' ' && n < 0x80) => {
                i += 1;
                continue;
            }
            9..=13 | b' ' => 1,
            // the lead bytes of the non-ASCII spaces (NBSP, U+2000.., U+3000, BOM)
            0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => {
                let ch = s.get(i..).and_then(|r| r.chars().next()).unwrap_or('x');
                if !is_space(ch) {
                    i += ch.len_utf8();
                    continue;
                }
                ch.len_utf8()
            }
            _ => {
                i += 1;
                continue;
            }
        };
        if run < i {
            if space && out.len() > from {
                out.push(' ');
            }
            out.push_str(s.get(run..i).unwrap_or_default());
        }
        space = true;
        run = i + len;
        i += len;
    }
    if run < s.len() {
        if space && out.len() > from {
            out.push(' ');
        }
        out.push_str(s.get(run..).unwrap_or_default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`shape_of`] against the plain reading of each bit, over texts of every length up to
    /// 20 from pieces that sit on either side of each 8-byte chunk edge, and runs of spaces at
    /// every place of texts of every length up to 40 (the last eight bytes read again whole).
    #[test]
    fn shape_of_matches_its_plain_reading() {
        let plain = |t: &str| {
            let mut s = 0;
            let b = t.as_bytes();
            if b.iter().any(|&x| x < 0x20) {
                s |= shape::CONTROL;
            }
            if t.contains("  ") {
                s |= shape::DOUBLE;
            }
            if t.contains("   ") {
                s |= shape::GAP;
            }
            if t.chars().any(|c| !c.is_ascii() && is_space(c)) {
                s |= shape::WIDE_SPACE;
            }
            if t.chars().any(|c| matches!(c, '$' | '£' | '€' | '¥' | '￥')) {
                s |= shape::MONEY;
            }
            s
        };
        let pieces = [
            " ", " ", " ", "a", "Z", "9", "$", "\t", "\r", "\u{b}", "\u{1f}", "\u{7f}", "~",
            "\u{a0}", "\u{85}", "\u{2003}", "\u{3000}", "\u{feff}", "\u{200b}", "\u{1680}", "£",
            "€", "¥", "￥", "–", "’", "é", "\u{17f}", "\u{212a}", "€5", "\u{ef}",
        ];
        // a deterministic walk over many combinations (a small linear congruential generator)
        let mut walk = crate::testgen::Walk::new(12345);
        for _ in 0..60_000 {
            let t = walk.text(&pieces, 20);
            assert_eq!(shape_of(&t), plain(&t), "{t:?}");
        }
        // a run of one, two or three spaces (or `$`, a tab) at every place of texts of every
        // length up to 40, so on either side of the last chunk's edge and of the tail's
        for len in 0..40 {
            for at in 0..len {
                for run in [" ", "  ", "   ", "$", "\t"] {
                    let mut t = "x".repeat(len);
                    t.insert_str(at, run);
                    assert_eq!(shape_of(&t), plain(&t), "{t:?}");
                    let t = format!("{}{run}", "x".repeat(len));
                    assert_eq!(shape_of(&t), plain(&t), "{t:?}");
                }
            }
        }
        // runs of spaces at every offset of a long line
        for lead in 0..20 {
            for run in 1..5 {
                let t = format!("{}{}b{}", "x".repeat(lead), " ".repeat(run), "y".repeat(9));
                assert_eq!(shape_of(&t), plain(&t), "{t:?}");
            }
        }
    }

    /// The cut (empty lines known by their first byte, a search for each other line's break)
    /// against the plain cut (one `memchr2` iterator, every line trimmed and shaped): the same
    /// lines, starts, indents and shapes over every line of the fixtures and the corpus and over
    /// generated texts whose breaks, white space, `$` and non-ASCII characters fall on either
    /// side of each 8-byte word edge.
    #[test]
    fn cut_as_the_plain_cut() {
        let key = |l: &Line<'_>| (l.text_start, l.text.to_string(), l.indent, l.shape);
        let same = |t: &str| {
            let plain: Vec<_> = cut_plain(t).iter().map(key).collect();
            let (ls, starts) = lines_and_starts(t);
            assert_eq!(ls.iter().map(key).collect::<Vec<_>>(), plain, "{t:?}");
            let want: Vec<usize> = std::iter::once(0)
                .chain(t.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            assert_eq!(starts, want, "{t:?}");
            ls.len()
        };
        let mut lines = 0;
        for t in crate::testgen::real_texts() {
            lines += same(&t);
        }
        assert!(lines > 800, "{lines}");
        let pieces = [
            "\n",
            "\u{c}",
            "\r\n",
            "\r",
            " ",
            "  ",
            "\t",
            "\u{b}",
            "\u{a0}",
            "\u{feff}",
            "\u{2003}",
            "$",
            "£5",
            "€",
            "É",
            "ſ",
            "\u{212a}",
            "x",
            "Budget",
            "abcdefghij",
            "\0",
            "\u{1f}",
            "—",
        ];
        let mut walk = crate::testgen::Walk::new(99);
        for _ in 0..60_000 {
            same(&walk.text(&pieces, 24));
        }
        for t in crate::testgen::texts_of(&["\n", " ", "a", "\t", "\r", "\u{a0}"], 5) {
            same(&t);
        }
        for t in [
            "",
            "\n",
            "x",
            " ",
            "\u{c}",
            "   $",
            "a  \u{b}",
            "\u{a0}x\u{a0}",
        ] {
            same(t);
        }
        // runs of spaces, breaks and `$` at every offset of a line
        for lead in 0..18 {
            for run in 1..5 {
                for end in ["", "\n", "\r\n", "\u{c}y", "  \n  z"] {
                    let t = format!(
                        "{}{}b{}${end}",
                        "x".repeat(lead),
                        " ".repeat(run),
                        "y".repeat(9)
                    );
                    same(&t);
                    same(&format!("  {t}"));
                }
            }
        }
    }

    /// [`next_break`] against `memchr2` over the breaks: from every byte of the fixtures and
    /// every line start of the corpus, and over generated texts of every length up to 70 with a
    /// break (or none) at every place, every byte value before and after it, and runs of the
    /// bytes below `0x0D` that the word test flags (tabs, `\r`, `\v`, NUL) and of non-ASCII ones.
    #[test]
    fn breaks_as_by_memchr() {
        let plain = |b: &[u8], from: usize| {
            b.get(from..)
                .and_then(|r| memchr::memchr2(b'\n', b'\x0c', r))
                .map(|i| from + i)
        };
        let every = |b: &[u8], step: usize| {
            for from in (0..=b.len() + 1).step_by(step) {
                assert_eq!(next_break(b, from), plain(b, from), "{from} {b:?}");
            }
        };
        let mut found = 0;
        for (k, t) in crate::testgen::real_texts().iter().enumerate() {
            let b = t.as_bytes();
            if k < 16 {
                every(b, 1);
            } else {
                for from in std::iter::once(0).chain(memchr::memchr2_iter(b'\n', b'\x0c', b)) {
                    assert_eq!(next_break(b, from + 1), plain(b, from + 1), "{from}");
                    assert_eq!(next_break(b, from), plain(b, from), "{from}");
                }
            }
            found += memchr::memchr2_iter(b'\n', b'\x0c', b).count();
        }
        assert!(found > 800, "{found}");
        // every byte value at every place of texts of every length (so every tail length),
        // alone and before a break, searched from the start and from the byte; the bytes the
        // word test flags or breaks on, searched from every place
        for len in 0..70 {
            for at in 0..len {
                for v in 0..=255u8 {
                    let mut b = vec![b'a'; len];
                    for end in [b'a', b'\n'] {
                        if let Some(x) = b.last_mut() {
                            *x = end;
                        }
                        if let Some(x) = b.get_mut(at) {
                            *x = v;
                        }
                        for from in [0, at, at + 1] {
                            assert_eq!(next_break(&b, from), plain(&b, from), "{from} {b:?}");
                        }
                        if matches!(v, 0 | 9..=14 | 0x80 | 0xff) {
                            every(&b, 1);
                        }
                    }
                }
            }
        }
        let pieces = [
            "\n", "\u{c}", "\r\n", "\r", "\t", "\u{b}", "\0", "\u{1}", "\u{d}", "\u{e}", " ", "x",
            "abcdefgh", "É", "ſ", "\u{212a}", "\u{a0}", "\u{85}", "\u{feff}", "\u{7f}",
        ];
        let mut walk = crate::testgen::Walk::new(5);
        for _ in 0..20_000 {
            every(walk.text(&pieces, 30).as_bytes(), 1);
        }
        for t in crate::testgen::texts_of(&["\n", "\t", "\r", "\u{c}", "ab", "É"], 5) {
            every(t.as_bytes(), 1);
        }
        every(b"", 1);
    }

    /// [`wide_facts`] (lead bytes from `C0` found eight at a time) against two `memchr` searches
    /// for the five lead bytes: over every line of the fixtures and the corpus, whole and from
    /// each of its first 9 bytes that starts a character, and over generated texts of wide
    /// spaces, currency signs and other non-ASCII characters of 2, 3 and 4 bytes (each lead
    /// byte among them) at every offset of the eight-byte words.
    #[test]
    fn wide_facts_as_by_search() {
        let same = |t: &str| assert_eq!(wide_facts(t), wide_facts_by_search(t), "{t:?}");
        let mut wide = 0;
        for text in crate::testgen::real_texts() {
            for l in text.lines() {
                for k in 0..9 {
                    if let Some(t) = l.get(k..) {
                        same(t);
                    }
                }
                wide += usize::from(wide_facts_by_search(l) != 0);
            }
        }
        assert!(wide > 10, "{wide}");
        let pieces = [
            "\u{a0}",
            "\u{85}",
            "\u{2003}",
            "\u{200b}",
            "\u{3000}",
            "\u{feff}",
            "\u{1680}",
            "\u{180e}",
            "£",
            "€",
            "¥",
            "￥",
            "$",
            "’",
            "–",
            "É",
            "é",
            "ſ",
            "\u{212a}",
            "ÿ",
            "\u{c0}",
            "\u{ff00}",
            "\u{e000}",
            "😀",
            "\u{10ffff}",
            "中",
            "x",
            " ",
            "\t",
            "ab",
            "abcdefg",
        ];
        let mut walk = crate::testgen::Walk::new(3);
        for _ in 0..60_000 {
            same(&walk.text(&pieces, 20));
        }
        for t in crate::testgen::texts_of(&["\u{a0}", "£", "x", "é", "\u{3000}"], 5) {
            same(&t);
        }
        for lead in 0..20 {
            for p in pieces {
                same(&format!("{}{p}{}", "x".repeat(lead), "y".repeat(lead % 9)));
            }
        }
        same("");
    }

    /// [`collapse_into`] (its fast path's tests reordered) and [`collapse_runs_into`] (the runs
    /// alone, as [`collapse_part_into`] calls them) against the old [`collapse_into`]: over every
    /// line and every run of lines (joined by their line breaks) of the fixtures and the
    /// corpus, and over generated texts of every kind of white space.
    #[test]
    fn collapse_as_before() {
        let same = |t: &str| {
            let mut want = String::from("k ");
            collapse_into_plain(&mut want, t);
            for f in [collapse_into, collapse_runs_into] {
                let mut got = String::from("k ");
                f(&mut got, t);
                assert_eq!(got, want, "{t:?}");
            }
        };
        for text in crate::testgen::real_texts() {
            let ls: Vec<&str> = text.lines().collect();
            for (i, l) in ls.iter().enumerate() {
                same(l);
                same(l.trim());
                if let Some(run) = ls.get(i..i + 3) {
                    same(&run.join("\n"));
                }
            }
        }
        let pieces = [
            " ", "  ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{a0}", "\u{85}", "\u{2003}",
            "\u{200b}", "\u{3000}", "\u{feff}", "\u{1680}", "’", "É", "\u{17f}", "\u{212a}", "£",
            "x", "ab", "(a)", "",
        ];
        let mut walk = crate::testgen::Walk::new(11);
        for _ in 0..40_000 {
            same(&walk.text(&pieces, 12));
        }
        for t in crate::testgen::texts_of(&[" ", "a", "\n", "\u{a0}", "é"], 5) {
            same(&t);
        }
    }

    /// The line starts that [`lines_and_starts`] records against a plain search for line feeds.
    #[test]
    fn line_starts_follow_each_line_feed() {
        let pieces = ["a", " ", "\n", "\r\n", "\u{c}", "\r", "é", "\n\n"];
        for t in crate::testgen::texts_of(&pieces, 5) {
            let want: Vec<usize> = std::iter::once(0)
                .chain(t.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            let (ls, starts) = lines_and_starts(&t);
            assert_eq!(starts, want, "{t:?}");
            let key = |l: &Line<'_>| (l.text_start, l.text.len(), l.indent, l.shape);
            let plain: Vec<_> = lines(&t).iter().map(key).collect();
            assert_eq!(ls.iter().map(key).collect::<Vec<_>>(), plain, "{t:?}");
        }
    }

    #[test]
    fn contains_ci_ignores_ascii_case() {
        let table = [
            ("Motion by Smith", "motion", true),
            ("a MOTION was made", "motion", true),
            ("mOtIoN", "motion", true),
            ("emotional", "motion", true),
            ("moti on", "motion", false),
            ("motio", "motion", false),
            ("", "motion", false),
            ("anything", "", true),
            ("Page 3 of 9", "page", true),
            ("pa\u{e9}ge", "page", false),
            (&"x".repeat(100), "page", false),
            (&format!("{}PAGE 3", "x ".repeat(40)), "page", true),
            (&format!("{}pag", "x ".repeat(40)), "page", false),
        ];
        for (hay, needle, want) in table {
            assert_eq!(contains_ci(hay, needle), want, "{hay:?} / {needle:?}");
        }
        // against a plain search over every start, needles found at either end or not at all
        let naive = |h: &str, n: &str| {
            n.is_empty()
                || h.as_bytes()
                    .windows(n.len())
                    .any(|w| w.eq_ignore_ascii_case(n.as_bytes()))
        };
        let hays = [
            "Seconded by Cllr Jones",
            "it was SECONDED",
            "secondeD",
            "seconde",
            "ss seconded",
            "view the full minutes text for item 3",
            "noted.  VIEW THE FULL MINUTES TEXT FOR ITEM 3.",
            "view the full minutes tex for item",
            "x",
            "",
            "£5 per page – Page 2",
            "zzzz qqqq jjjj xxxx",
        ];
        let needles = [
            "seconded",
            "view the full minutes text for item",
            "page",
            "£5",
            "x",
            "zz",
            "jjjj xx",
            "item 3",
            "q",
        ];
        for h in hays {
            for n in needles {
                assert_eq!(contains_ci(h, n), naive(h, n), "{h:?} / {n:?}");
            }
        }
    }

    #[test]
    fn cuts_lines_with_offsets() {
        let text = "\u{feff}Issue - meetings\r\n \u{a0}\r\n  5 Title\x0cPage two\n";
        let ls = lines(text);
        let texts: Vec<&str> = ls.iter().map(|l| l.text).collect();
        assert_eq!(texts, ["Issue - meetings", "", "5 Title", "Page two", ""]);
        assert_eq!(
            &text[ls[0].text_start..ls[0].text_end()],
            "Issue - meetings"
        );
        assert_eq!(ls[2].indent, 2);
    }

    #[test]
    fn trims_lines_both_ways() {
        // (line, text, lead bytes, indent): ASCII edges take the byte path, the rest decode
        let table = [
            ("\t  Budget  \t", "Budget", 3, 6),
            ("Budget", "Budget", 0, 0),
            ("  \u{a0}Budget", "Budget", 4, 3),
            ("  Café\u{a0}", "Café", 2, 2),
            ("  “Quoted”  ", "“Quoted”", 2, 2),
            ("   ", "", 3, 3),
            (" \t ", "", 3, 6),
            ("\t\t", "", 2, 8),
            ("", "", 0, 0),
            ("  x\u{b}", "x", 2, 2),
        ];
        for (raw, text, lead, indent) in table {
            assert_eq!(trim_line(raw), (text, lead, indent), "{raw:?}");
        }
    }

    #[test]
    fn collapses_whitespace() {
        let table = [
            ("  a \u{a0} b\n c ", "a b c"),
            ("", ""),
            ("x", "x"),
            ("(a)\u{a0}\u{a0}\tThat", "(a) That"),
            ("Café  £5\u{2003}–\u{feff}x", "Café £5 – x"),
            ("a\u{b}b\r\n", "a b"),
            ("\u{a0}", ""),
            ("one two", "one two"),
            (
                "a \u{a0}b  c d e\u{2019}s \u{3000} f",
                "a b c d e\u{2019}s f",
            ),
            (" x y ", "x y"),
        ];
        for (input, want) in table {
            let mut out = String::from("kept ");
            collapse_into(&mut out, input);
            assert_eq!(out, format!("kept {want}"), "{input:?}");
        }
        for (input, want) in table {
            assert_eq!(collapse(input), want, "{input:?}");
        }
    }
}
