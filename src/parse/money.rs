//! Money amounts.
//!
//! ```text
//! £163,000   £ 3,000   £278.97   £1.2m   £2.5 million   £69.6k   £40million   $15,000   €2,000
//! ```
//! Percentages, counts, years and references (`23/05927/FUL`) carry no currency sign and never
//! match.

use nom::bytes::complete::take_while;
#[cfg(test)]
use nom::bytes::complete::{take_while1, take_while_m_n};
#[cfg(test)]
use nom::character::complete::{char as ch, one_of};
#[cfg(test)]
use nom::combinator::{opt, recognize};
#[cfg(test)]
use nom::multi::fold_many0;
use nom::{IResult, Parser};
use rust_decimal::Decimal;

/// An amount found in a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub value: Decimal,
    pub currency: &'static str,
}

fn currency(c: char) -> Option<&'static str> {
    match c {
        '£' => Some("GBP"),
        '$' => Some("USD"),
        '€' => Some("EUR"),
        '¥' | '￥' => Some("JPY"),
        _ => None,
    }
}

/// Three digits not followed by a fourth: one thousands group. (The grammar of [`amount`], which
/// [`amount_at`] reads by hand.)
#[cfg(test)]
fn group(input: &str) -> IResult<&str, &str> {
    let (rest, g) = take_while_m_n(3, 3, |c: char| c.is_ascii_digit()).parse(input)?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Digit,
        )));
    }
    Ok((rest, g))
}

/// `163,000` / `1500` / `278.97` / `1.2`
#[cfg(test)]
fn figure(input: &str) -> IResult<&str, &str> {
    recognize((
        take_while1(|c: char| c.is_ascii_digit()),
        // (folded, not collected: `recognize` keeps only the text)
        fold_many0((ch(','), group), || (), |(), _| ()),
        opt((ch('.'), take_while1(|c: char| c.is_ascii_digit()))),
    ))
    .parse(input)
}

/// Spaces (not line breaks) then a scale word: `m`, `million`, `bn`, `k`, `thousand`.
fn scale(input: &str) -> IResult<&str, u64> {
    let (rest, _) =
        take_while(|c: char| c == ' ' || c == '\u{a0}' || c == '\n' || c == '\r').parse(input)?;
    // every scale word opens with `m`, `b`, `t` or `k`, in either case (`tag_ci` compares
    // ASCII only: the Kelvin sign is no `k`)
    if !rest.starts_with(['m', 'M', 'b', 'B', 't', 'T', 'k', 'K']) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Tag,
        )));
    }
    let words: [(&str, u64); 7] = [
        ("million", 1_000_000),
        ("billion", 1_000_000_000),
        ("thousand", 1_000),
        ("bn", 1_000_000_000),
        ("m", 1_000_000),
        ("k", 1_000),
        ("b", 1_000_000_000),
    ];
    for (w, n) in words {
        if let Ok((after, _)) = super::tag_ci(w).parse(rest) {
            if !after.starts_with(|c: char| c.is_alphanumeric()) {
                // a bare `m`/`k`/`b` must be glued to the figure
                if w.len() <= 2 && rest.len() != input.len() {
                    continue;
                }
                return Ok((after, n));
            }
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        input,
        nom::error::ErrorKind::Tag,
    )))
}

/// An amount starting at a currency sign: the rule that [`amount_at`] reads by hand, kept as its
/// oracle.
#[cfg(test)]
fn amount(input: &str) -> IResult<&str, (&'static str, Decimal)> {
    let (rest, sign) = one_of("£$€¥￥").parse(input)?;
    let cur = currency(sign).unwrap_or("GBP");
    let (rest, _) = take_while(|c: char| c == ' ' || c == '\u{a0}').parse(rest)?;
    let (rest, fig) = figure(rest)?;
    let digits: std::borrow::Cow<'_, str> = if fig.contains(',') {
        fig.chars().filter(|&c| c != ',').collect::<String>().into()
    } else {
        fig.into()
    };
    let mut value: Decimal = digits.parse().map_err(|_| {
        nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Digit))
    })?;
    let (rest, mult) = match scale(rest) {
        Ok((r, n)) => (r, Some(n)),
        Err(_) => (rest, None),
    };
    if let Some(n) = mult {
        value = value.checked_mul(Decimal::from(n)).unwrap_or(value);
    }
    Ok((rest, (cur, value.normalize())))
}

/// Where the run of ASCII digits at `p` in `b` ends.
fn digits_end(b: &[u8], p: usize) -> usize {
    p + b
        .get(p..)
        .map_or(0, |r| r.iter().take_while(|x| x.is_ascii_digit()).count())
}

/// [`amount`] read by hand: `£163,000`, `£ 3,000`, `£1.2m` at the start of `input`, as the
/// length it takes, the currency and the value. The sign, spaces and no-break spaces, then the
/// figure: a run of ASCII digits, thousands groups (`,` and three digits not followed by a
/// fourth) while there are any, and a decimal part (`.` and one digit or more) if there is one,
/// then maybe a [`scale_at`] word. The figure's digits are parsed without their commas from a
/// stack buffer rather than a fresh string.
///
/// ```text
/// £163,000 of the possible   →  (8, "GBP", 163000)
/// ```
fn amount_at(input: &str) -> Option<(usize, &'static str, Decimal)> {
    let sign = input.chars().next()?;
    let cur = currency(sign)?;
    let b = input.as_bytes();
    let rest = input.get(sign.len_utf8()..)?;
    let at = input.len() - rest.trim_start_matches([' ', '\u{a0}']).len();
    let mut end = digits_end(b, at);
    if end == at {
        return None;
    }
    let mut commas = false;
    while b.get(end) == Some(&b',') && digits_end(b, end + 1) == end + 4 {
        end += 4;
        commas = true;
    }
    if b.get(end) == Some(&b'.') {
        let cents = digits_end(b, end + 1);
        if cents > end + 1 {
            end = cents;
        }
    }
    let fig = input.get(at..end)?;
    let mut value: Decimal = match figure_value(fig) {
        Some(v) => v,
        None => {
            // (a figure of more than 18 digits: parsed from its text)
            let mut buf = [0u8; 64];
            match buf.get_mut(..fig.len()) {
                Some(to) if commas => {
                    let mut n = 0;
                    for &x in fig.as_bytes().iter().filter(|&&x| x != b',') {
                        *to.get_mut(n)? = x;
                        n += 1;
                    }
                    std::str::from_utf8(to.get(..n)?).ok()?.parse().ok()?
                }
                // (a figure too long for the buffer: a string, as ever)
                None if commas => fig.replace(',', "").parse().ok()?,
                _ => fig.parse().ok()?,
            }
        }
    };
    let after = input.get(end..)?;
    let after = match may_scale(after).then(|| scale(after)) {
        Some(Ok((r, n))) => {
            value = value.checked_mul(Decimal::from(n)).unwrap_or(value);
            r
        }
        _ => after,
    };
    Some((input.len() - after.len(), cur, value.normalize()))
}

/// The value of a figure as [`amount_at`] reads it (ASCII digits, maybe thousands commas, maybe
/// a decimal point and digits), made from its digits rather than parsed: the digits, without
/// the commas, as an integer, with as many decimal places as follow the point. This is what
/// parsing the digits gives (the same integer and scale), for up to 18 digits, which an `i64`
/// holds; `None` for more (or for a byte of no figure).
fn figure_value(fig: &str) -> Option<Decimal> {
    let (mut n, mut digits, mut places, mut point) = (0i64, 0u32, 0u32, false);
    for &x in fig.as_bytes() {
        match x {
            b'0'..=b'9' => {
                digits += 1;
                if digits > 18 {
                    return None;
                }
                n = n * 10 + i64::from(x - b'0');
                places += u32::from(point);
            }
            b',' if !point => {}
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    Decimal::try_new(n, places).ok()
}

/// Whether [`scale`] may read a scale word at the start of `s`: past the spaces, no-break
/// spaces and line breaks it skips, the text opens with the byte of an ASCII letter that opens
/// a scale word (`m`, `b`, `t` or `k`, in either case), as [`scale`] asks first. Where this is
/// false, [`scale`] fails; a sign followed by a figure and punctuation (most are) is not read.
fn may_scale(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        match b.get(i) {
            Some(b' ' | b'\n' | b'\r') => i += 1,
            Some(0xC2) if b.get(i + 1) == Some(&0xA0) => i += 2,
            Some(x) => return matches!(x, b'm' | b'M' | b'b' | b'B' | b't' | b'T' | b'k' | b'K'),
            None => return false,
        }
    }
}

/// Where the currency sign whose last byte is at `i` in `b` starts: `$`, `£` (`C2 A3`), `¥`
/// (`C2 A5`), `￥` (`EF BF A5`) or `€` (`E2 82 AC`). Looking for the last byte skips the lead
/// bytes `C2` and `E2`, which also start no-break spaces, dashes and quotes; in UTF-8 these
/// byte sequences are these characters and nothing else.
fn sign_start(b: &[u8], i: usize) -> Option<usize> {
    let before = |n: usize| i.checked_sub(n).and_then(|k| b.get(k..i));
    match b.get(i)? {
        b'$' => Some(i),
        0xA3 | 0xA5 if before(1) == Some(&[0xC2][..]) => i.checked_sub(1),
        0xA5 if before(2) == Some(&[0xEF, 0xBF][..]) => i.checked_sub(2),
        0xAC if before(2) == Some(&[0xE2, 0x82][..]) => i.checked_sub(2),
        _ => None,
    }
}

/// Every amount in `s`, left to right, handed to `f`: each currency sign is tried, by its last
/// byte ([`sign_start`]).
fn each_amount(s: &str, mut f: impl FnMut(Found)) {
    let b = s.as_bytes();
    let mut at = |i: usize| {
        let Some(start) = sign_start(b, i) else {
            return;
        };
        let Some((len, currency, value)) = s.get(start..).and_then(amount_at) else {
            return;
        };
        let text = s.get(start..start + len).unwrap_or_default();
        f(Found {
            start,
            end: start + text.trim_end().len(),
            value,
            currency,
        });
    };
    if s.is_ascii() {
        memchr::memchr_iter(b'$', b).for_each(&mut at);
    } else if memchr::memchr(0xAC, b).is_none() {
        memchr::memchr3_iter(b'$', 0xA3, 0xA5, b).for_each(&mut at);
    } else {
        // (a `€` maybe: `AC` continues other characters too)
        (0..b.len())
            .filter(|&i| matches!(b.get(i), Some(b'$' | 0xA3 | 0xA5 | 0xAC)))
            .for_each(&mut at);
    }
}

/// The amounts on one line of the source, as record nodes. Inlined: nearly every line of an
/// item is asked and nearly none holds a currency sign, so the shape test is made where the
/// line is, and only a line with a sign pays for the call to [`on_line_read`] (whose frame is
/// large) and its prologue and epilogue.
#[inline]
pub(crate) fn on_line(
    line: &crate::segment::Line<'_>,
    ix: &crate::source::LineIndex,
) -> Vec<crate::model::Amount> {
    // (no amount without a currency sign)
    if line.shape & crate::segment::shape::MONEY == 0 {
        return Vec::new();
    }
    on_line_read(line, ix)
}

/// [`on_line`] past its first test: the amounts of a line whose shape says it holds a
/// currency sign.
#[inline(never)]
fn on_line_read(
    line: &crate::segment::Line<'_>,
    ix: &crate::source::LineIndex,
) -> Vec<crate::model::Amount> {
    // (built as they are found: no list of `Found` in between, and none at all for no amount)
    let mut out = Vec::new();
    each_amount(line.text, |f| {
        out.push(crate::model::Amount {
            text: line
                .text
                .get(f.start..f.end)
                .unwrap_or_default()
                .to_string(),
            value: f.value,
            currency: f.currency.to_string(),
            span: ix.span(line.text_start + f.start, line.text_start + f.end),
        });
    });
    out
}

/// The currency a text writes most often, by its signs; `None` when it writes none.
pub(crate) fn dominant_currency(text: &str) -> Option<&'static str> {
    let b = text.as_bytes();
    // the signs by their last bytes (see [`sign_start`]): one pass over `$`, `A3` (`£`) and `A5`
    // (`¥`, `￥`), one over `AC` (`€`); these continuation bytes are rarer than the lead bytes
    // `C2` and `E2`, which start no-break spaces, dashes and quotes too
    let (mut gbp, mut usd, mut jpy) = (0, 0, 0);
    for i in memchr::memchr3_iter(b'$', 0xA3, 0xA5, b) {
        match (b.get(i), sign_start(b, i)) {
            (Some(b'$'), _) => usd += 1,
            (Some(0xA3), Some(_)) => gbp += 1,
            (Some(0xA5), Some(_)) => jpy += 1,
            _ => {}
        }
    }
    let eur = memchr::memchr_iter(0xAC, b)
        .filter(|&i| sign_start(b, i).is_some())
        .count();
    let counts = [("GBP", gbp), ("USD", usd), ("EUR", eur), ("JPY", jpy)];
    counts
        .iter()
        .filter(|e| e.1 > 0)
        .max_by_key(|e| e.1)
        .map(|e| e.0)
}

/// [`dominant_currency`] as it was, by the signs' lead bytes: the oracle of the tests.
#[cfg(test)]
fn dominant_currency_before(text: &str) -> Option<&'static str> {
    let b = text.as_bytes();
    // one pass over `$` and the lead bytes of `£`, `¥` (C2) and `￥` (EF); `€` (E2, which leads
    // dashes and quotes too) counted apart
    let (mut gbp, mut usd, mut jpy) = (0, 0, 0);
    for i in memchr::memchr3_iter(b'$', 0xC2, 0xEF, b) {
        let tail = b.get(i..).unwrap_or_default();
        if tail.first() == Some(&b'$') {
            usd += 1;
        } else if tail.starts_with("£".as_bytes()) {
            gbp += 1;
        } else if tail.starts_with("¥".as_bytes()) || tail.starts_with("￥".as_bytes()) {
            jpy += 1;
        }
    }
    let eur = if text.is_ascii() {
        0
    } else {
        memchr::memmem::find_iter(b, "€".as_bytes()).count()
    };
    let counts = [("GBP", gbp), ("USD", usd), ("EUR", eur), ("JPY", jpy)];
    counts
        .iter()
        .filter(|e| e.1 > 0)
        .max_by_key(|e| e.1)
        .map(|e| e.0)
}

/// The cells of a table row: runs of text apart by two or more spaces, with their offsets, into
/// `out` (emptied first, so that one buffer serves every row). Each cell runs from a byte that
/// is no space to the next two spaces in a row (found by a vector search) or the end, its end
/// trimmed of white space.
fn cells_into<'t>(line: &'t str, out: &mut Vec<(usize, &'t str)>) {
    static TWO_SPACES: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));
    out.clear();
    let b = line.as_bytes();
    let mut at = 0;
    loop {
        at += b
            .get(at..)
            .map_or(0, |r| r.iter().take_while(|&&x| x == b' ').count());
        if at >= b.len() {
            return;
        }
        let end = b
            .get(at..)
            .and_then(|r| TWO_SPACES.find(r))
            .map_or(b.len(), |k| at + k);
        out.extend(line.get(at..end).map(|c| (at, c.trim_end())));
        at = end;
    }
}

/// [`cells_into`] as it was, byte by byte: the oracle of the tests.
#[cfg(test)]
fn cells(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let (mut start, mut i) = (None::<usize>, 0);
    while i < bytes.len() {
        let gap = bytes.get(i) == Some(&b' ') && bytes.get(i + 1) == Some(&b' ');
        match (start, gap) {
            (None, false) if bytes.get(i) != Some(&b' ') => start = Some(i),
            (Some(a), true) => {
                out.extend(line.get(a..i).map(|c| (a, c.trim_end())));
                start = None;
            }
            _ => {}
        }
        i += 1;
    }
    if let Some(a) = start {
        out.extend(line.get(a..).map(|c| (a, c.trim_end())));
    }
    out
}

/// A bare money cell: `85.20`, `1,234.56`, `16872.28` (two decimal places, no sign).
fn bare_decimal(cell: &str) -> Option<Decimal> {
    let (whole, cents) = cell.split_once('.')?;
    let grouped = whole.contains(',');
    let ok_whole = if grouped {
        let mut groups = whole.split(',');
        let first = groups.next().unwrap_or_default();
        (1..=3).contains(&first.len())
            && first.bytes().all(|b| b.is_ascii_digit())
            && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
    } else {
        (1..=9).contains(&whole.len()) && whole.bytes().all(|b| b.is_ascii_digit())
    };
    if !ok_whole || cents.len() != 2 || !cents.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // (the digits without their commas, in a stack buffer: at most 9 + 2 + 1 bytes and the
    // groups' commas are left out; a long grouped figure takes a string)
    let mut buf = [0u8; 32];
    let v: Decimal = match buf.get_mut(..cell.len()) {
        Some(to) if grouped => {
            let mut n = 0;
            for &x in cell.as_bytes().iter().filter(|&&x| x != b',') {
                *to.get_mut(n)? = x;
                n += 1;
            }
            std::str::from_utf8(to.get(..n)?).ok()?.parse().ok()?
        }
        None if grouped => cell.replace(',', "").parse().ok()?,
        _ => cell.parse().ok()?,
    };
    Some(v.normalize())
}

/// [`bare_decimal`] as it was, parsing a copy without commas: the oracle of the tests.
#[cfg(test)]
fn bare_decimal_before(cell: &str) -> Option<Decimal> {
    let (whole, cents) = cell.split_once('.')?;
    let grouped = whole.contains(',');
    let ok_whole = if grouped {
        let mut groups = whole.split(',');
        let first = groups.next().unwrap_or_default();
        (1..=3).contains(&first.len())
            && first.bytes().all(|b| b.is_ascii_digit())
            && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
    } else {
        (1..=9).contains(&whole.len()) && whole.bytes().all(|b| b.is_ascii_digit())
    };
    if !ok_whole || cents.len() != 2 || !cents.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    cell.replace(',', "")
        .parse::<Decimal>()
        .ok()
        .map(|v| v.normalize())
}

/// [`six_words`] for a line's text whose [`crate::segment::shape`] bits are `shape`: where they
/// say the text holds no control byte and no white space beyond ASCII, its only white space is
/// the space (Rust's white space in ASCII is the space, tab and `\n` to `\r`, all control
/// bytes), so its words are the runs of bytes other than spaces, whatever characters they hold,
/// and they are counted eight bytes at a time ([`six_words_spaced`]). The bits may be set where
/// a text does not hold the thing, never clear where it does, so the count is read only where
/// it is exact.
fn six_words_in(t: &str, shape: u8) -> bool {
    use crate::segment::shape::{CONTROL, WIDE_SPACE};
    if shape & (CONTROL | WIDE_SPACE) == 0 {
        six_words_spaced(t.as_bytes())
    } else {
        six_words(t)
    }
}

/// Whether `b` holds six runs or more of bytes other than the space, read eight bytes at a time:
/// the space bytes of each word are found exactly (the high bit of each byte equal to `0x20`,
/// with no borrow between bytes), a run starts at a byte that is no space after one that is
/// (or at the start), and the starts are counted until there are six. The tail is padded with
/// spaces, which start no run.
fn six_words_spaced(b: &[u8]) -> bool {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const SEVEN: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // the space bits of the word before (bit 7 of each byte); before the text, a space
    let mut carry = HIGH;
    let mut words = 0u32;
    let mut step = |a: [u8; 8]| {
        let w = u64::from_le_bytes(a);
        let x = w ^ (LOW * 0x20);
        let sp = !(((x & SEVEN) + SEVEN) | x | SEVEN);
        let before = (sp << 8) | (carry >> 56 & 0x80);
        words += (!sp & HIGH & before).count_ones();
        carry = sp;
        words >= 6
    };
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        if step(a) {
            return true;
        }
    }
    let tail = chunks.remainder();
    let mut a = [b' '; 8];
    if let Some(to) = a.get_mut(..tail.len()) {
        to.copy_from_slice(tail);
    }
    step(a)
}

/// Whether `t` holds six words or more (`t.split_whitespace().nth(5).is_some()`), counted
/// bytewise in ASCII text, where Rust's white space is space, tab, and `\n` to `\r`.
fn six_words(t: &str) -> bool {
    if !t.is_ascii() {
        return t.split_whitespace().nth(5).is_some();
    }
    let mut words = 0;
    let mut in_word = false;
    for &b in t.as_bytes() {
        let space = matches!(b, b' ' | b'\t'..=b'\r');
        if !space && !in_word {
            words += 1;
            if words == 6 {
                return true;
            }
        }
        in_word = !space;
    }
    false
}

/// A cheap test for a header row: one of the money column words anywhere in the line.
static MONEY_COLUMN_HINT: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        super::keywords(&[
            "amount", "total", "vat", "net", "gross", "cost", "payment", "£", "$",
        ])
    });

/// The words of [`MONEY_COLUMNS`], for a packed (SIMD) search of lowered text.
static MONEY_WORDS_PACKED: std::sync::LazyLock<Option<aho_corasick::packed::Searcher>> =
    std::sync::LazyLock::new(|| {
        aho_corasick::packed::Searcher::new(
            MONEY_COLUMNS.iter().filter(|w| w.is_ascii() && w.len() > 1),
        )
    });

/// [`MONEY_COLUMN_HINT`]'s test, cheaper: `$` and `£` (`C2 A3`) by their bytes, the words by a
/// packed search of the line lowered on the stack (the automaton folds case byte by byte).
fn money_column_hint(t: &str) -> bool {
    let b = t.as_bytes();
    if memchr::memchr(b'$', b).is_some()
        || (!t.is_ascii() && memchr::memchr_iter(0xC2, b).any(|i| b.get(i + 1) == Some(&0xA3)))
    {
        return true;
    }
    // (a short line is lowered in a short buffer: less to clear)
    let mut short = [0u8; 128];
    let mut long;
    let buf: &mut [u8] = if b.len() <= short.len() {
        &mut short
    } else {
        long = [0u8; 1024];
        &mut long
    };
    match (MONEY_WORDS_PACKED.as_ref(), buf.get_mut(..b.len())) {
        (Some(packed), Some(lowered)) => {
            lowered.copy_from_slice(b);
            lowered.make_ascii_lowercase();
            packed.find(&*lowered).is_some()
        }
        _ => MONEY_COLUMN_HINT.is_match(t),
    }
}

/// Words that name a money column in a table's header row.
const MONEY_COLUMNS: [&str; 9] = [
    "amount", "total", "vat", "net", "gross", "cost", "payment", "£", "$",
];

/// Characters beyond ASCII that table cells hold (signs, quotes, dashes, no-break spaces) and
/// that lowering leaves as they are, none of them a letter or digit: in a cell of these and
/// ASCII, [`names_money_column`] compares in place.
const SAME_LOWERED: [char; 13] = [
    '£', '€', '¥', '\u{a0}', '’', '‘', '“', '”', '–', '—', '…', '•', '\u{2009}',
];

/// The one ASCII word of [`MONEY_COLUMNS`] that opens with `first` (a lowercase letter or `$`);
/// no two of them open with the same byte.
fn column_opening(first: u8) -> Option<&'static str> {
    match first {
        b'a' => Some("amount"),
        b't' => Some("total"),
        b'v' => Some("vat"),
        b'n' => Some("net"),
        b'g' => Some("gross"),
        b'c' => Some("cost"),
        b'p' => Some("payment"),
        b'$' => Some("$"),
        _ => None,
    }
}

/// Whether a cell names a money column: one of its words, lowercased, is one of
/// [`MONEY_COLUMNS`], maybe with a plural `s` (`Total £s`, `Amounts`). Each word is compared
/// once with every column; an ASCII cell is compared in place, ignoring ASCII case (as its
/// lowercase copy would be).
fn names_money_column(cell: &str) -> bool {
    let split = |ch: char| !ch.is_alphanumeric() && ch != '£' && ch != '$';
    if cell.is_ascii() {
        // bytewise: in ASCII `char::is_alphanumeric` is `u8::is_ascii_alphanumeric`
        return cell
            .as_bytes()
            .split(|&b| !b.is_ascii_alphanumeric() && b != b'$')
            .any(|word| {
                // (the column words open with different bytes, lowered by the `0x20` bit, and a
                // word and its bare form open with the same one: a word of `s` alone opens no
                // column word, bare or not; so only the column word that opens as the word
                // does can match it)
                let Some(w) = column_opening(word.first().map_or(0, |x| x | 0x20)) else {
                    return false;
                };
                if word.eq_ignore_ascii_case(w.as_bytes()) {
                    return true;
                }
                let s = word.iter().rev().take_while(|&&b| b == b's' || b == b'S');
                let bare = word.get(..word.len() - s.count()).unwrap_or_default();
                bare.eq_ignore_ascii_case(w.as_bytes())
            });
    }
    if cell
        .chars()
        .all(|ch| ch.is_ascii() || SAME_LOWERED.contains(&ch))
    {
        // lowering changes ASCII letters only, so compare in place, ignoring ASCII case
        return cell.split(split).any(|word| {
            let bare = word.trim_end_matches(['s', 'S']);
            MONEY_COLUMNS
                .iter()
                .any(|w| word.eq_ignore_ascii_case(w) || bare.eq_ignore_ascii_case(w))
        });
    }
    let c = cell.to_lowercase();
    c.split(split).any(|word| {
        MONEY_COLUMNS
            .iter()
            .any(|w| word == *w || word.trim_end_matches('s') == *w)
    })
}

/// Amounts in money tables: a header row naming a money column (`Total £s`, `Amount`, `VAT`)
/// over rows whose cells are bare decimals (`85.20`), as parish minutes list accounts for
/// payment. The currency is the header's sign, else `fallback` (the document's own); with
/// neither, the table is left alone rather than given a guessed currency. A line of prose (six
/// words or more, no column gap) ends the table.
pub(crate) fn in_tables<'a, I>(
    lines: I,
    ix: &crate::source::LineIndex,
    fallback: Option<&'static str>,
) -> Vec<crate::model::Amount>
where
    I: IntoIterator<Item = &'a crate::segment::Line<'a>>,
{
    let mut out = Vec::new();
    let mut table: Option<&'static str> = None;
    let mut cs: Vec<(usize, &'a str)> = Vec::new();
    // (folded rather than stepped: a chain of the head's and the body's lines is then read as
    // two plain loops)
    lines.into_iter().for_each(|line| {
        let t = line.text;
        if line.furniture || t.is_empty() {
            return;
        }
        if line.shape & crate::segment::shape::GAP == 0 || !crate::segment::has_gap(t) {
            if table.is_some() && six_words_in(t, line.shape) {
                table = None;
            }
            return;
        }
        // a header names a money column; a money cell under one has a decimal point
        let hint = money_column_hint(t);
        if !hint && (table.is_none() || memchr::memchr(b'.', t.as_bytes()).is_none()) {
            return;
        }
        cells_into(t, &mut cs);
        // the money cells, as record nodes where a table is open (a row with money cells but no
        // table is left alone, and only a row without any may be a header)
        let mut money = false;
        for &(at, c) in &cs {
            let Some(v) = bare_decimal(c) else { continue };
            money = true;
            let Some(cur) = table else { break };
            out.push(crate::model::Amount {
                text: c.to_string(),
                value: v,
                currency: cur.to_string(),
                span: ix.span(line.text_start + at, line.text_start + at + c.len()),
            });
        }
        if !money {
            if !hint {
                return;
            }
            let header = cs.len() >= 2 && cs.iter().any(|(_, c)| names_money_column(c));
            if header {
                table = if t.contains('£') {
                    Some("GBP")
                } else if t.contains('$') {
                    Some("USD")
                } else if t.contains('€') {
                    Some("EUR")
                } else {
                    fallback
                };
            }
        }
    });
    out
}

/// [`in_tables`] as it was, stepping through the lines and counting words with [`six_words`]
/// and looking for the decimal point with `contains`: the oracle of the tests.
#[cfg(test)]
fn in_tables_before<'a, I>(
    lines: I,
    ix: &crate::source::LineIndex,
    fallback: Option<&'static str>,
) -> Vec<crate::model::Amount>
where
    I: IntoIterator<Item = &'a crate::segment::Line<'a>>,
{
    let mut out = Vec::new();
    let mut table: Option<&'static str> = None;
    let mut cs: Vec<(usize, &'a str)> = Vec::new();
    for line in lines {
        let t = line.text;
        if line.furniture || t.is_empty() {
            continue;
        }
        if line.shape & crate::segment::shape::GAP == 0 || !crate::segment::has_gap(t) {
            if table.is_some() && six_words(t) {
                table = None;
            }
            continue;
        }
        // a header names a money column; a money cell under one has a decimal point
        let hint = money_column_hint(t);
        if !hint && (table.is_none() || !t.contains('.')) {
            continue;
        }
        cells_into(t, &mut cs);
        // the money cells, as record nodes where a table is open (a row with money cells but no
        // table is left alone, and only a row without any may be a header)
        let mut money = false;
        for &(at, c) in &cs {
            let Some(v) = bare_decimal(c) else { continue };
            money = true;
            let Some(cur) = table else { break };
            out.push(crate::model::Amount {
                text: c.to_string(),
                value: v,
                currency: cur.to_string(),
                span: ix.span(line.text_start + at, line.text_start + at + c.len()),
            });
        }
        if !money {
            if !hint {
                continue;
            }
            let header = cs.len() >= 2 && cs.iter().any(|(_, c)| names_money_column(c));
            if header {
                table = if t.contains('£') {
                    Some("GBP")
                } else if t.contains('$') {
                    Some("USD")
                } else if t.contains('€') {
                    Some("EUR")
                } else {
                    fallback
                };
            }
        }
    }
    out
}

/// Every amount in `s`, left to right.
#[cfg(test)]
pub(crate) fn find_all(s: &str) -> Vec<Found> {
    let mut out = Vec::new();
    each_amount(s, |f| out.push(f));
    out
}

/// [`find_all`] as it was before [`each_amount`]: candidates by their lead bytes, each read
/// with [`amount`]. The oracle of the tests.
#[cfg(test)]
fn find_all_before(s: &str) -> Vec<Found> {
    let mut out = Vec::new();
    // every currency sign is `$` or starts with one of these UTF-8 lead bytes: £ ¥ (C2), € (E2),
    // ￥ (EF); most lines hold none
    let b = s.as_bytes();
    let ascii = s.is_ascii();
    // E2 leads dashes and quotes too: look for it only where a `€` (`E2 82 AC`) may be, that is
    // where an `82` is (a continuation byte that the dashes and quotes of minutes do not hold);
    // one scan for `EF` or `82` first, as most lines with other characters hold neither
    let rare = !ascii && memchr::memchr2(0xEF, 0x82, b).is_some();
    let wide = rare && memchr::memchr(0xEF, b).is_some();
    let euro = rare && !wide;
    let mut from = 0;
    while let Some(k) = b.get(from..).and_then(|r| {
        if ascii {
            memchr::memchr(b'$', r)
        } else if wide {
            // rare: ￥ may be there too, so every character is a candidate
            r.iter().position(|&x| x == b'$' || x >= 0xC2)
        } else if euro {
            memchr::memchr3(b'$', 0xC2, 0xE2, r)
        } else {
            memchr::memchr2(b'$', 0xC2, r)
        }
    }) {
        let i = from + k;
        from = i + 1;
        let rest = s.get(i..).unwrap_or_default();
        if !rest.starts_with(|c: char| currency(c).is_some()) {
            continue;
        }
        if let Ok((after, (currency, value))) = amount(rest) {
            let consumed = rest.len() - after.len();
            let text = rest.get(..consumed).unwrap_or_default();
            let end = i + text.trim_end().len();
            out.push(Found {
                start: i,
                end,
                value,
                currency,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testgen::{agree, Walk};

    /// Pieces of money text for generated edge strings: every sign, their lead and last bytes'
    /// neighbours, figures, groups, scales and white space.
    const MONEY_PIECES: [&str; 30] = [
        "£", "$", "€", "¥", "￥", "\u{a0}", " ", "1", "23", "456", ",", ",000", ".", ".5", "m",
        "million", "k", "bn", "B", "thousand", "\n", "–", "’", "ã", "é", "ì", "₂", "x", "\u{212a}",
        "9,99",
    ];

    #[test]
    fn amounts_by_hand_as_the_rule_reads_them() {
        let same = |t: &str| {
            for (i, _) in t.char_indices() {
                let rest = &t[i..];
                let old = amount(rest)
                    .ok()
                    .map(|(after, (c, v))| (rest.len() - after.len(), c, v));
                assert_eq!(amount_at(rest), old, "{rest:?}");
            }
            true
        };
        for text in crate::testgen::real_texts() {
            for line in text.lines() {
                same(line);
            }
        }
        agree(&MONEY_PIECES, 3, same, |_| true);
        let mut walk = Walk::new(7);
        for _ in 0..20_000 {
            same(&walk.text(&MONEY_PIECES, 10));
        }
        // a grouped figure too long for the stack buffer
        for long in [
            format!("£1{}.5", ",000".repeat(30)),
            format!("£1,000.{}1", "0".repeat(70)),
        ] {
            same(&long);
        }
    }

    #[test]
    fn scale_gate_and_figure_values_as_parsed() {
        let check = |t: &str| {
            for (i, _) in t.char_indices() {
                let rest = &t[i..];
                assert!(may_scale(rest) || scale(rest).is_err(), "{rest:?}");
            }
        };
        let mut scaled = 0;
        for text in crate::testgen::real_texts() {
            for line in text.lines() {
                check(line);
                scaled += line
                    .char_indices()
                    .filter(|&(i, _)| scale(&line[i..]).is_ok())
                    .count();
            }
        }
        assert!(scaled > 10, "{scaled}");
        let pieces = [
            " ", "\u{a0}", "\n", "\r", "\t", "m", "M", "million", "bn", "B", "Thousand", "k",
            "\u{212a}", "ſ", "x", "5", ".", "",
        ];
        agree(
            &pieces,
            4,
            |t| {
                check(t);
                true
            },
            |_| true,
        );
        // figures as `amount_at` cuts them, by hand and parsed
        let parsed = |fig: &str| -> Option<Decimal> { fig.replace(',', "").parse().ok() };
        for fig in [
            "0",
            "5",
            "007",
            "1.20",
            "163,000",
            "1,234,567.891",
            "999999999999999999",
            "99999999999999999.9",
            "0.00000000000000001",
        ] {
            let v = figure_value(fig);
            assert_eq!(v, parsed(fig), "{fig}");
            assert_eq!(
                v.map(|v| (v.mantissa(), v.scale())),
                parsed(fig).map(|v| (v.mantissa(), v.scale())),
                "{fig}"
            );
        }
        // (more than 18 digits are left to the parser)
        assert_eq!(figure_value("1234567890123456789"), None);
        assert_eq!(figure_value("0.000000000000000001"), None);
        let digits = ["0", "1", "9", "10", "000", ",000", ".", "5"];
        let mut walk = Walk::new(23);
        for _ in 0..20_000 {
            let fig = format!("{}{}", walk.pick(&["1", "9", "0"]), walk.text(&digits, 8));
            // (only the figures `amount_at` cuts: one point at most, commas before it)
            let cut = fig.matches('.').count() <= 1
                && fig
                    .rfind(',')
                    .is_none_or(|c| fig.find('.').is_none_or(|p| c < p))
                && !fig.ends_with('.');
            if cut {
                if let Some(v) = figure_value(&fig) {
                    let p = parsed(&fig);
                    assert_eq!(Some(v), p, "{fig}");
                    assert_eq!(
                        p.map(|p| (p.mantissa(), p.scale())),
                        Some((v.mantissa(), v.scale())),
                        "{fig}"
                    );
                }
            }
        }
    }

    /// [`names_money_column`] as it was: every cell beyond ASCII lowered into a copy.
    fn names_money_column_by_copy(cell: &str) -> bool {
        let c = cell.to_lowercase();
        c.split(|ch: char| !ch.is_alphanumeric() && ch != '£' && ch != '$')
            .any(|word| {
                MONEY_COLUMNS
                    .iter()
                    .any(|w| word == *w || word.trim_end_matches('s') == *w)
            })
    }

    #[test]
    fn table_rows_read_as_before() {
        for ch in SAME_LOWERED {
            assert!(
                ch.to_lowercase().eq([ch]) && !ch.is_alphanumeric(),
                "{ch:?}"
            );
        }
        let check = |t: &str| -> bool {
            let mut cs = vec![(7, "stale")];
            cells_into(t, &mut cs);
            assert_eq!(cs, cells(t), "{t:?}");
            for &(_, c) in &cs {
                assert_eq!(bare_decimal(c), bare_decimal_before(c), "{c:?}");
                assert_eq!(
                    names_money_column(c),
                    names_money_column_by_copy(c),
                    "{c:?}"
                );
            }
            assert_eq!(money_column_hint(t), MONEY_COLUMN_HINT.is_match(t), "{t:?}");
            cs.iter().any(|(_, c)| bare_decimal_before(c).is_some())
        };
        let mut money = 0;
        for text in crate::testgen::real_texts() {
            for line in text.lines() {
                money += usize::from(check(line));
            }
        }
        // (the fixtures alone hold 5 rows with a bare money cell; the corpus many more)
        let least = if crate::testgen::corpus_present() {
            20
        } else {
            2
        };
        assert!(money > least, "{money}");
        let pieces = [
            " ",
            "  ",
            "   ",
            "85.20",
            "1,109.79",
            "12,34.56",
            "1234567890.12",
            "x",
            "Total",
            "£s",
            "VAT",
            "Net",
            "AMOUNTS",
            "’",
            "İ",
            "\u{212a}",
            "costs",
            "\u{a0}",
            "\t",
            ".",
            ",",
            "é",
            "$",
            "€",
        ];
        let yes = agree(&pieces, 3, check, |t| {
            cells(t)
                .iter()
                .any(|(_, c)| bare_decimal_before(c).is_some())
        });
        assert!(yes > 100, "{yes}");
        let mut walk = Walk::new(13);
        for _ in 0..20_000 {
            check(&walk.text(&pieces, 10));
        }
        check(&format!(
            "  1,000,000,000,000,000,000,000,000.00  {}",
            "x".repeat(200)
        ));
    }

    #[test]
    fn amounts_found_as_before() {
        let mut n = 0;
        for text in crate::testgen::real_texts() {
            for line in text.lines() {
                assert_eq!(find_all(line), find_all_before(line), "{line:?}");
                n += find_all(line).len();
            }
            assert_eq!(dominant_currency(&text), dominant_currency_before(&text));
        }
        let found = agree(
            &MONEY_PIECES,
            3,
            |t| {
                assert_eq!(dominant_currency(t), dominant_currency_before(t), "{t:?}");
                !find_all(t).is_empty()
            },
            |t| {
                assert_eq!(find_all(t), find_all_before(t), "{t:?}");
                !find_all_before(t).is_empty()
            },
        );
        assert!(found > 1000, "{found}");
        let mut walk = Walk::new(11);
        for _ in 0..20_000 {
            let t = walk.text(&MONEY_PIECES, 12);
            assert_eq!(find_all(&t), find_all_before(&t), "{t:?}");
            assert_eq!(dominant_currency(&t), dominant_currency_before(&t), "{t:?}");
        }
        // (the fixtures alone hold some fifty amounts)
        assert!(n >= 40, "{n}");
    }

    fn values(s: &str) -> Vec<String> {
        find_all(s)
            .into_iter()
            .map(|f| f.value.to_string())
            .collect()
    }

    #[test]
    fn money_tables() {
        let text = "Finance - accounts approved for payment\n\
            Payee              Detail                    Total £s          VAT\n\
            Cathy Fleet        Clerk Salary (June)          85.20          0.0\n\
            Nigel Prickett     Grasscutting (April)        396.00        66.00\n\
            Invoices to be approved\n\
            SSE                Electricity                1,109.79\n\
            The Clerk reported that the balance was 300.00 at the end of the month.\n\
            Later          12.50\n";
        let ls = crate::segment::lines(text);
        let ix = crate::source::LineIndex::new(text, &[]);
        let got: Vec<(String, String, String)> = in_tables(&ls, &ix, None)
            .into_iter()
            .map(|a| (a.text, a.value.to_string(), a.currency))
            .collect();
        let want = [
            ("85.20", "85.2", "GBP"),
            ("396.00", "396", "GBP"),
            ("66.00", "66", "GBP"),
            ("1,109.79", "1109.79", "GBP"),
        ];
        let want: Vec<(String, String, String)> = want
            .iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect();
        assert_eq!(got, want);
        // each span holds its text
        for a in in_tables(&ls, &ix, None) {
            assert_eq!(text.get(a.span.start..a.span.end), Some(a.text.as_str()));
        }
        // a header without a sign takes the document's currency, or nothing is guessed
        let text = "Payee      Detail       Amount      VAT\nCountrywide      maintenance      140.00      28.00\n";
        let ls = crate::segment::lines(text);
        let ix = crate::source::LineIndex::new(text, &[]);
        assert!(in_tables(&ls, &ix, None).is_empty());
        assert_eq!(in_tables(&ls, &ix, Some("GBP")).len(), 2);
        assert_eq!(dominant_currency("$5 and £3 and £4"), Some("GBP"));
        assert_eq!(dominant_currency("no money"), None);
        assert_eq!(dominant_currency("$1 €2 €3"), Some("EUR"));
        assert_eq!(dominant_currency("¥1 ￥2 £3 – £4 $5"), Some("JPY"));
        assert_eq!(dominant_currency("£1 $2"), Some("USD"));
        assert_eq!(dominant_currency("\u{a0}\u{ff01}£"), Some("GBP"));
    }

    #[test]
    fn amounts() {
        let table: &[(&str, &[&str])] = &[
            (
                "approximate to £163,000 of the possible £248,510",
                &["163000", "248510"],
            ),
            ("£1.2m and £2.5 million", &["1200000", "2500000"]),
            ("£ 689.62 resolved to pay", &["689.62"]),
            ("£69.6k, £71k, £5K", &["69600", "71000", "5000"]),
            ("£40million", &["40000000"]),
            ("£9\n million", &["9000000"]),
            ("$15,000 and $1500", &["15000", "1500"]),
            ("€2,000.50", &["2000.5"]),
            ("£3.26 per week", &["3.26"]),
            ("£12,072,263", &["12072263"]),
            ("2.7% (CPI + 1%)", &[]),
            ("23/05927/FUL", &[]),
            ("£ sterling", &[]),
            ("£1,20 odd", &["1"]),
            ("£104.32m.", &["104320000"]),
            ("£5 more", &["5"]),
        ];
        for (input, want) in table {
            assert_eq!(values(input), *want, "{input}");
        }
    }

    #[test]
    fn six_words_by_shape_as_split_whitespace_counts_them() {
        let check = |t: &str, shape: u8| {
            assert_eq!(
                six_words_in(t, shape),
                t.split_whitespace().nth(5).is_some(),
                "{t:?}"
            );
        };
        let mut spaced = 0;
        for text in crate::testgen::real_texts() {
            for line in crate::segment::lines(&text) {
                check(line.text, line.shape);
                // (a part of the text keeps the line's bits)
                for cut in [line.text.len() / 2, line.text.len() / 3] {
                    if let (Some(a), Some(b)) = (line.text.get(..cut), line.text.get(cut..)) {
                        check(a, line.shape);
                        check(b, line.shape);
                    }
                }
                spaced += usize::from(
                    line.shape
                        & (crate::segment::shape::CONTROL | crate::segment::shape::WIDE_SPACE)
                        == 0,
                );
            }
        }
        assert!(spaced > 100, "{spaced}");
        let pieces = [
            " ", "  ", "a", "bc", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{1}", "\u{1f}", "\u{a0}",
            "\u{2003}", "\u{feff}", "É", "ſ", "\u{212a}", "’", "12345678",
        ];
        // (four pieces hold six words at most with a space between each)
        agree(
            &pieces,
            4,
            |t| six_words_in(t, crate::segment::shape_of(t)),
            |t| t.split_whitespace().nth(5).is_some(),
        );
        let (mut six, mut spaced_six) = (0, 0);
        let mut walk = Walk::new(19);
        for _ in 0..50_000 {
            let t = walk.text(&pieces, 24);
            let shape = crate::segment::shape_of(&t);
            check(&t, shape);
            let yes = t.split_whitespace().nth(5).is_some();
            six += usize::from(yes);
            spaced_six += usize::from(
                yes && shape & (crate::segment::shape::CONTROL | crate::segment::shape::WIDE_SPACE)
                    == 0,
            );
        }
        // (texts whose only white space is the space, read eight bytes at a time)
        let spaced = [" ", "  ", "a", "bc", "É", "ſ", "\u{212a}", "’", "12345678"];
        for _ in 0..50_000 {
            let t = walk.text(&spaced, 24);
            let shape = crate::segment::shape_of(&t);
            check(&t, shape);
            spaced_six += usize::from(t.split_whitespace().nth(5).is_some());
        }
        assert!(six > 1000 && spaced_six > 1000, "{six} {spaced_six}");
    }

    #[test]
    fn tables_read_as_before() {
        let mut found = 0;
        for text in crate::testgen::real_texts() {
            let ls = crate::segment::lines(&text);
            let ix = crate::source::LineIndex::new(&text, &[]);
            for fallback in [None, Some("GBP")] {
                let want = in_tables_before(&ls, &ix, fallback);
                assert_eq!(in_tables(&ls, &ix, fallback), want);
                // (read as the items read them: a head and a body chained)
                let (head, body) = ls.split_at(ls.len() / 2);
                assert_eq!(
                    in_tables(head.iter().chain(body.iter()), &ix, fallback),
                    want
                );
                found += want.len();
            }
        }
        assert!(found > 4, "{found}");
        let pieces = [
            "Payee   Total £s   VAT\n",
            "Net   Amount\n",
            "Clerk   85.20   0.0\n",
            "   1,109.79\n",
            "one two three four five six\n",
            "one\ttwo three four five\u{a0}six\n",
            "a b c d e f\n",
            "x   y.z\n",
            "\n",
            "Later   12.50\n",
        ];
        let rows = agree(
            &pieces,
            4,
            |t| {
                let ls = crate::segment::lines(t);
                let ix = crate::source::LineIndex::new(t, &[]);
                let got = in_tables(&ls, &ix, Some("EUR"));
                assert_eq!(got, in_tables_before(&ls, &ix, Some("EUR")), "{t:?}");
                !got.is_empty()
            },
            |t| {
                let ls = crate::segment::lines(t);
                let ix = crate::source::LineIndex::new(t, &[]);
                !in_tables_before(&ls, &ix, Some("EUR")).is_empty()
            },
        );
        assert!(rows > 100, "{rows}");
    }

    #[test]
    fn six_words_as_split_whitespace_counts_them() {
        for t in [
            "",
            "one two three four five",
            "one two three four five six",
            "  one\ttwo\x0bthree\x0cfour\rfive\nsix  ",
            "a b c d e",
            "a b c d e f",
            "a\u{a0}b c d e f",
            "a\u{2003}b c d e f",
            "x,y;z 1 2 3",
        ] {
            assert_eq!(six_words(t), t.split_whitespace().nth(5).is_some(), "{t:?}");
        }
    }

    #[test]
    fn money_column_hint_as_the_automaton_finds_it() {
        let long = format!("{}   TOTAL", "x ".repeat(600));
        for t in [
            "Payee   TOTAL £S",
            "AMOUNT",
            "x   y",
            "Net   Gross",
            "$",
            "£",
            "Ç   Ã ¢",
            "VAt",
            "PAYMENTS   due",
            "co st",
            long.as_str(),
        ] {
            assert_eq!(money_column_hint(t), MONEY_COLUMN_HINT.is_match(t), "{t}");
        }
    }

    #[test]
    fn money_column_names_bytewise_as_by_characters() {
        let by_chars = |cell: &str| {
            let split = |ch: char| !ch.is_alphanumeric() && ch != '£' && ch != '$';
            cell.split(split).any(|word| {
                let bare = word.trim_end_matches(['s', 'S']);
                MONEY_COLUMNS
                    .iter()
                    .any(|w| word.eq_ignore_ascii_case(w) || bare.eq_ignore_ascii_case(w))
            })
        };
        for cell in [
            "",
            "Amount",
            "AMOUNTS",
            "Total $s",
            "$",
            "net-of-VAT",
            "Nets",
            "grossss",
            "costly",
            "Payee",
            "Payments (incl.)",
            "s",
            "amount_x",
            "VAT.",
            "a$b",
        ] {
            assert_eq!(names_money_column(cell), by_chars(cell), "{cell}");
        }
    }

    #[test]
    fn money_column_names() {
        let by_copy = |cell: &str| {
            let c = cell.to_lowercase();
            MONEY_COLUMNS.iter().any(|w| {
                c.split(|ch: char| !ch.is_alphanumeric() && ch != '£' && ch != '$')
                    .any(|word| word == *w || word.trim_end_matches('s') == *w)
            })
        };
        for cell in [
            "Total £s",
            "AMOUNTS",
            "Vat",
            "NetS",
            "grossss",
            "Cost(£)",
            "Payments",
            "Payee",
            "Detail",
            "£",
            "$",
            "Total£",
            "VATS due",
            "Costa",
            "net-amount",
            "İtem cost",
            "\u{212a}",
            "ſ",
            "cost\u{2003}",
            "Notes",
            "",
        ] {
            assert_eq!(names_money_column(cell), by_copy(cell), "{cell}");
        }
    }

    #[test]
    fn every_sign_is_looked_at() {
        // each candidate character, tried with `amount` directly
        let naive = |s: &str| -> Vec<Found> {
            s.char_indices()
                .filter(|&(_, c)| currency(c).is_some())
                .filter_map(|(i, _)| {
                    let rest = s.get(i..)?;
                    let (after, (currency, value)) = amount(rest).ok()?;
                    let text = rest.get(..rest.len() - after.len())?;
                    Some(Found {
                        start: i,
                        end: i + text.trim_end().len(),
                        value,
                        currency,
                    })
                })
                .collect()
        };
        for s in [
            "€5 – and “£6”",
            "– €5",
            "x₂ €5",
            "￥5 and €6 and £7 – $8",
            "€",
            "— ‘€ 1,000.50’ …",
            "¥3m, $4k, €5bn",
            "plain $5",
            "no money – none",
        ] {
            assert_eq!(find_all(s), naive(s), "{s}");
        }
    }

    #[test]
    fn scale_words_in_any_case() {
        assert_eq!(
            values("£5 Million, £2BN, £3 Thousand"),
            ["5000000", "2000000000", "3000"]
        );
        assert_eq!(values("£4Kelvin £2 billions"), ["4", "2"]);
        // the Kelvin sign lowercases to `k` but is no scale (and once made nom cut inside it)
        assert_eq!(values("£7\u{212a} for the year"), ["7"]);
        assert_eq!(values("£1,5 x"), ["1"]);
    }

    #[test]
    fn spans_cover_the_amount() {
        let s = "about £2.5 million in total";
        let f = &find_all(s)[0];
        assert_eq!(&s[f.start..f.end], "£2.5 million");
        assert_eq!(f.currency, "GBP");
    }
}
