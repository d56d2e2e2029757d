//! Dates as minutes print them.
//!
//! ```text
//! 20/06/2012            day first (UK), month first on US pages
//! 14th June 2012        Thursday, 17th March, 2011    10TH DECEMBER, 2019
//! June 14, 2012         NOVEMBER 13, 2018
//! 2014/03/21            15.09.2020
//! 令和6年5月17日          2024年5月17日
//! ```
//! Financial years (`2013/14`) are not dates: they never match.

use jiff::civil::Date;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::{char as ch, digit1, one_of, space0, space1};
use nom::combinator::{opt, recognize};
use nom::{IResult, Parser};

use crate::DateOrder;

/// A date found in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    /// Byte range within the searched string.
    pub start: usize,
    pub end: usize,
    pub date: Date,
    /// An all-numeric date whose day/month order could not be told.
    pub ambiguous: bool,
}

const MONTHS: [(&str, i8); 54] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("sept", 9),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    // French
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    // Welsh
    ("ionawr", 1),
    ("chwefror", 2),
    ("mawrth", 3),
    ("ebrill", 4),
    ("mehefin", 6),
    ("gorffennaf", 7),
    ("awst", 8),
    ("medi", 9),
    ("hydref", 10),
    ("tachwedd", 11),
    ("rhagfyr", 12),
    // German/Dutch/other short forms are left out on purpose: they clash with English words.
    ("fév", 2),
    ("avr", 4),
    ("juil", 7),
    ("déc", 12),
];

/// A month name: the longest known name that the word starts with, where the word ends there
/// or continues with a dot.
fn month(input: &str) -> IResult<&str, i8> {
    let word_len = input
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(input.len(), |(i, _)| i);
    let word = input.get(..word_len).unwrap_or_default();
    // an ASCII word lowercases as ASCII: compare in place rather than lowercase a copy
    let lower = if word.is_ascii() {
        // the ASCII names are three to ten letters long
        if !(3..=10).contains(&word.len()) {
            return Err(nom::Err::Error(nom::error::Error::new(
                input,
                nom::error::ErrorKind::Tag,
            )));
        }
        None
    } else {
        Some(word.to_lowercase())
    };
    let found = match &lower {
        None => ascii_month(word),
        Some(l) => MONTHS.iter().find(|(name, _)| l == name).map(|&(_, m)| m),
    };
    match found {
        Some(m) => {
            let rest = input.get(word_len..).unwrap_or_default();
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            Ok((rest, m))
        }
        None => Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

/// The month of `word`, an ASCII word of three to ten letters, ignoring ASCII case: what
/// comparing it with every one of [`MONTHS`] (`eq_ignore_ascii_case`) gives (no two names are
/// the same, and the names with a non-ASCII letter equal no ASCII word), found by lowering it
/// on the stack and matching the ASCII names at once rather than comparing 54 names in turn.
fn ascii_month(word: &str) -> Option<i8> {
    let mut buf = [0u8; 10];
    let lower = buf.get_mut(..word.len())?;
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    Some(match &*lower {
        b"january" | b"jan" | b"janvier" | b"ionawr" => 1,
        b"february" | b"feb" | b"fevrier" | b"chwefror" => 2,
        b"march" | b"mar" | b"mars" | b"mawrth" => 3,
        b"april" | b"apr" | b"avril" | b"ebrill" | b"avr" => 4,
        b"may" | b"mai" => 5,
        b"june" | b"jun" | b"juin" | b"mehefin" => 6,
        b"july" | b"jul" | b"juillet" | b"gorffennaf" | b"juil" => 7,
        b"august" | b"aug" | b"aout" | b"awst" => 8,
        b"september" | b"sept" | b"sep" | b"septembre" | b"medi" => 9,
        b"october" | b"oct" | b"octobre" | b"hydref" => 10,
        b"november" | b"nov" | b"novembre" | b"tachwedd" => 11,
        b"december" | b"dec" | b"decembre" | b"rhagfyr" => 12,
        _ => return None,
    })
}

/// [`month`] as it was, comparing the word with every one of [`MONTHS`] in turn (the oracle of
/// the test that reads them together).
#[cfg(test)]
fn month_plain(input: &str) -> Option<(usize, i8)> {
    let word_len = input
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(input.len(), |(i, _)| i);
    let word = input.get(..word_len).unwrap_or_default();
    let lower = if word.is_ascii() {
        if !(3..=10).contains(&word.len()) {
            return None;
        }
        None
    } else {
        Some(word.to_lowercase())
    };
    for (name, m) in MONTHS {
        let same = match &lower {
            None => word.eq_ignore_ascii_case(name),
            Some(l) => l == name,
        };
        if same {
            let rest = input.get(word_len..).unwrap_or_default();
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            return Some((input.len() - rest.len(), m));
        }
    }
    None
}

fn number(input: &str, min: usize, max: usize) -> IResult<&str, u32> {
    let (rest, d) = take_while_m_n(min, max, |c: char| c.is_ascii_digit()).parse(input)?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Digit,
        )));
    }
    Ok((rest, d.parse().unwrap_or(0)))
}

fn ordinal(input: &str) -> IResult<&str, u32> {
    let (rest, n) = number(input, 1, 2)?;
    let (rest, _) = opt(alt((
        super::tag_ci("st"),
        super::tag_ci("nd"),
        super::tag_ci("rd"),
        super::tag_ci("th"),
        super::tag_ci("fed"),
        super::tag_ci("ydd"),
        super::tag_ci("ed"),
        super::tag_ci("af"),
        super::tag_ci("il"),
        super::tag_ci("eg"),
        super::tag_ci("er"),
    )))
    .parse(rest)?;
    Ok((rest, n))
}

fn year(input: &str) -> IResult<&str, u32> {
    number(input, 4, 4)
}

/// `14th June 2012`, `24th September, 2014`, `6 February 2014`, `17 of March 2011`
fn day_month_year(input: &str) -> IResult<&str, (u32, i8, u32)> {
    let (rest, (d, _, _, m, _, _, _, y)) = (
        ordinal,
        space1,
        opt((super::tag_ci("of"), space1)),
        month,
        opt(ch(',')),
        space0,
        opt((super::tag_ci("of"), space1)),
        year,
    )
        .parse(input)?;
    Ok((rest, (d, m, y)))
}

/// `June 14, 2012`, `NOVEMBER 13, 2018`, `March 5th 2008`
fn month_day_year(input: &str) -> IResult<&str, (u32, i8, u32)> {
    let (rest, (m, _, d, _, _, y)) =
        (month, space1, ordinal, opt(ch(',')), space0, year).parse(input)?;
    Ok((rest, (d, m, y)))
}

/// `dd<sep>mm<sep>yyyy` with the same separator twice.
fn numeric_date(input: &str) -> IResult<&str, (u32, u32, u32, bool)> {
    for sep in ['/', '.', '-'] {
        let r: IResult<&str, _> = (
            |i| number(i, 1, 2),
            ch(sep),
            |i| number(i, 1, 2),
            ch(sep),
            recognize(digit1),
        )
            .parse(input);
        if let Ok((rest, (a, _, b, _, y))) = r {
            let short = y.len() == 2;
            if y.len() != 4 && !short {
                continue;
            }
            let y: u32 = y.parse().unwrap_or(0);
            let y = if short { 2000 + y } else { y };
            return Ok((rest, (a, b, y, short)));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        input,
        nom::error::ErrorKind::Char,
    )))
}

/// `2014/03/21`
fn iso_like(input: &str) -> IResult<&str, (u32, u32, u32)> {
    let (rest, (y, _, m, _, d)) = (
        year,
        one_of("/-."),
        |i| number(i, 1, 2),
        one_of("/-."),
        |i| number(i, 1, 2),
    )
        .parse(input)?;
    Ok((rest, (y, m, d)))
}

/// `令和6年5月17日`, `2024年5月17日` (full-width digits are normalised before).
fn japanese(input: &str) -> IResult<&str, (u32, u32, u32)> {
    let (rest, era) = opt(alt((tag("令和"), tag("平成")))).parse(input)?;
    let (rest, y) = number(rest, 1, 4)?;
    let (rest, _) = (opt(tag("年")), space0).parse(rest).map(|(r, _)| (r, ()))?;
    let (rest, m) = number(rest, 1, 2)?;
    let (rest, _) = tag("月").parse(rest)?;
    let (rest, d) = number(rest, 1, 2)?;
    let (rest, _) = tag("日").parse(rest)?;
    let year = match era {
        Some("令和") => 2018 + y,
        Some(_) => 1988 + y,
        None => y,
    };
    Ok((rest, (year, m, d)))
}

fn make(y: u32, m: u32, d: u32) -> Option<Date> {
    if !(1900..=2100).contains(&y) {
        return None;
    }
    Date::new(y as i16, m as i8, d as i8).ok()
}

/// The byte length of the letters (`char::is_alphabetic`) that open `input`, ASCII ones counted
/// bytewise.
#[cfg(test)]
fn letters(input: &str) -> usize {
    let b = input.as_bytes();
    let ascii = b
        .iter()
        .position(|x| !x.is_ascii_alphabetic())
        .unwrap_or(b.len());
    if b.get(ascii).is_none_or(|x| x.is_ascii()) {
        return ascii;
    }
    let rest = input.get(ascii..).unwrap_or_default();
    ascii
        + rest
            .char_indices()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(rest.len(), |(i, _)| i)
}

/// Whether `input` opens as [`month_day_year`] needs: a word (its letters, `word` bytes long),
/// maybe a dot, then spaces or tabs (nom's `space1`) and an ASCII digit. Far cheaper than looking
/// the word up among the month names, and most words fail it. The scan asks it backwards, from
/// the digit (see [`word_before`]); the forward form is the oracle's.
#[cfg(test)]
fn spaced_digit_after(input: &str, word: usize) -> bool {
    let b = input.as_bytes();
    let mut j = word + usize::from(b.get(word) == Some(&b'.'));
    let spaces = j;
    while matches!(b.get(j), Some(b' ' | b'\t')) {
        j += 1;
    }
    j > spaces && b.get(j).is_some_and(u8::is_ascii_digit)
}

/// [`spaced_digit_after`] the word that opens `input`.
#[cfg(test)]
fn spaced_digit_after_word(input: &str) -> bool {
    spaced_digit_after(input, letters(input))
}

/// The date that starts exactly at the beginning of `input`, if any, and its length.
fn date_at(input: &str, order: DateOrder) -> Option<(usize, Date, bool)> {
    let consumed = |rest: &str| input.len() - rest.len();
    // every form but `June 14, 2012` opens with an ASCII digit or a Japanese era (`令和`, `平成`),
    // and that one opens with a letter
    if !input.starts_with(|c: char| c.is_ascii_digit() || c == '令' || c == '平') {
        // (the caller has checked the shape: see `spaced_digit_after`)
        return month_day_year(input).ok().and_then(|(rest, (d, m, y))| {
            make(y, m as u32, d).map(|dt| (consumed(rest), dt, false))
        });
    }
    if let Ok((rest, (d, m, y))) = day_month_year(input) {
        return make(y, m as u32, d).map(|dt| (consumed(rest), dt, false));
    }
    if let Ok((rest, (y, m, d))) = iso_like(input) {
        return make(y, m, d).map(|dt| (consumed(rest), dt, false));
    }
    if let Ok((rest, (a, b, y, _short))) = numeric_date(input) {
        let n = consumed(rest);
        let day_first = make(y, b, a);
        let month_first = make(y, a, b);
        return match (order, day_first, month_first) {
            (DateOrder::DayFirst, Some(d), _) => Some((n, d, false)),
            (DateOrder::MonthFirst, _, Some(d)) => Some((n, d, false)),
            (DateOrder::Auto, Some(d), None) => Some((n, d, false)),
            (DateOrder::Auto, None, Some(d)) => Some((n, d, false)),
            (DateOrder::Auto, Some(d), Some(_)) => Some((n, d, a != b)),
            _ => None,
        };
    }
    if let Ok((rest, (y, m, d))) = japanese(input) {
        return make(y, m, d).map(|dt| (consumed(rest), dt, false));
    }
    None
}

/// Every date in `s`, left to right. Candidates start only at word starts, so the scan is
/// linear in the length of `s`.
pub(crate) fn find_all(s: &str, order: DateOrder) -> Vec<Found> {
    let mut out = Vec::new();
    scan(s, order, |f| {
        out.push(f);
        true
    });
    out
}

/// The dates in `s`, left to right, each given to `each` until it returns false.
///
/// A date is tried only at a word start (where the previous character is not alphanumeric), and
/// every date holds an ASCII digit close to its start: it opens with one (`14th June 2012`,
/// `2014/03/21`), with a Japanese era just before one (`令和6年`), or with a word, maybe a dot
/// and spaces or tabs before one (`June 14, 2012`, see [`word_before`]). So the scan
/// jumps from the first digit of each run of digits to the few starts it can close, left to
/// right, instead of reading every character.
fn scan(s: &str, order: DateOrder, mut each: impl FnMut(Found) -> bool) {
    let b = s.as_bytes();
    let mut skip_to = 0;
    let mut from = 0;
    while let Some(d) = b
        .get(from..)
        .and_then(|t| t.iter().position(u8::is_ascii_digit))
        .map(|p| from + p)
    {
        // the other digits of the run follow a digit: none is a word start, nor does an era or
        // a spaced word end before it
        from = d + 1;
        while b.get(from).is_some_and(u8::is_ascii_digit) {
            from += 1;
        }
        let starts = [
            word_before(s, d).or_else(|| era_before(s, d)),
            word_start(s, d).then_some(d),
        ];
        for i in starts.into_iter().flatten() {
            if i < skip_to {
                continue;
            }
            let rest = s.get(i..).unwrap_or_default();
            if let Some((n, date, ambiguous)) = date_at(rest, order) {
                // a date glued to more digits or letters is something else (a reference number)
                let after = rest.get(n..).and_then(|r| r.chars().next());
                if after.is_some_and(|a| a.is_ascii_digit()) {
                    continue;
                }
                if !each(Found {
                    start: i,
                    end: i + n,
                    date,
                    ambiguous,
                }) {
                    return;
                }
                skip_to = i + n;
            }
        }
    }
}

/// Whether a word may start at byte `i` of `s`: the character before is not alphanumeric.
fn word_start(s: &str, i: usize) -> bool {
    match i.checked_sub(1).and_then(|j| s.as_bytes().get(j)) {
        None => true,
        Some(x) if x.is_ascii() => !x.is_ascii_alphanumeric(),
        Some(_) => s
            .get(..i)
            .and_then(|h| h.chars().next_back())
            .is_none_or(|c| !c.is_alphanumeric()),
    }
}

/// The start of the word that the digit at byte `d` follows as `month_day_year` needs it
/// (letters, maybe a dot, then spaces or tabs), where that word starts a word: read backwards
/// from the digit.
fn word_before(s: &str, d: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut j = d;
    while j > 0 && matches!(b.get(j - 1), Some(b' ' | b'\t')) {
        j -= 1;
    }
    if j == d {
        return None;
    }
    if j > 0 && b.get(j - 1) == Some(&b'.') {
        j -= 1;
    }
    let head = s.get(..j)?;
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map(|(i, _)| i)?;
    word_start(s, start).then_some(start)
}

/// The start of the Japanese era (`令和`, `平成`) that the digit at byte `d` follows, where the
/// era starts a word.
fn era_before(s: &str, d: usize) -> Option<usize> {
    let start = d.checked_sub("令和".len())?;
    let era = s.get(start..d)?;
    (matches!(era, "令和" | "平成") && word_start(s, start)).then_some(start)
}

/// The first date in `s`: [`find_all`]'s first, its scan stopped there.
pub(crate) fn first(s: &str, order: DateOrder) -> Option<Found> {
    let mut found = None;
    scan(s, order, |f| {
        found = Some(f);
        false
    });
    found
}

/// Full-width digits (Japanese text) to ASCII, keeping byte lengths irrelevant: used only for
/// finding values, never for spans.
pub(crate) fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// [`ascii_digits`], borrowing `s` when it holds no full-width digit (each of which, U+FF10 to
/// U+FF19, opens with the byte `EF`).
pub(crate) fn ascii_digits_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr(0xEF, s.as_bytes()).is_none() {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(ascii_digits(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        first(s, DateOrder::Auto).map(|f| f.date.to_string())
    }

    #[test]
    fn formats() {
        let table = [
            ("Meeting: 20/06/2012 - Cabinet (Item 5)", Some("2012-06-20")),
            ("held on 14th June 2012", Some("2012-06-14")),
            ("Thursday, 17th March, 2011 7.00 pm", Some("2011-03-17")),
            ("10TH DECEMBER, 2019", Some("2019-12-10")),
            ("June 14, 2012", Some("2012-06-14")),
            ("NOVEMBER 13, 2018", Some("2018-11-13")),
            ("Date :-2014/03/21", Some("2014-03-21")),
            ("15.09.2020", Some("2020-09-15")),
            ("on 6 February 2014.", Some("2014-02-06")),
            ("Tuesday, December 3, 2024", Some("2024-12-03")),
            ("ON 28th JUNE 2012", Some("2012-06-28")),
            ("le 12 juillet 2023", Some("2023-07-12")),
            ("CYFARFOD 8fed MAWRTH 2017", Some("2017-03-08")),
            ("le 1er juillet 2023", Some("2023-07-01")),
            ("令和6年5月17日", Some("2024-05-17")),
            ("budget in years 2013/14 and 2014/15", None),
            ("2023/24 – 2025/26", None),
            ("No. 2141-2006", None),
            ("23/05927/FUL", None),
            ("Page 3 of 16", None),
            ("the 5 May", None),
        ];
        for (input, want) in table {
            assert_eq!(d(input).as_deref(), want, "{input}");
        }
    }

    #[test]
    fn a_month_name_needs_a_spaced_digit_after_it() {
        for s in [
            "June 14",
            "Sept. 3",
            "NOVEMBER\t\t13",
            "août 5",
            "mehefin  2",
        ] {
            assert!(spaced_digit_after_word(s), "{s}");
        }
        for s in [
            "June", "June,14", "June14", "June 2nd", "June\n14", "Junes. x",
        ] {
            assert_eq!(spaced_digit_after_word(s), s == "June 2nd", "{s}");
        }
        assert_eq!(d("Date: août 5, 2023").as_deref(), Some("2023-08-05"));
        assert_eq!(d("Sept. 3 2019").as_deref(), Some("2019-09-03"));
        assert_eq!(d("no digits here at all"), None);
    }

    /// [`find_all`] as it read every character: each word start tried in turn.
    fn find_all_by_chars(s: &str, order: DateOrder) -> Vec<Found> {
        let mut out = Vec::new();
        let mut prev: Option<char> = None;
        let mut skip_to = 0;
        for (i, c) in s.char_indices() {
            let word_start = prev.is_none_or(|p| !p.is_alphanumeric());
            prev = Some(c);
            if i < skip_to || !word_start || !(c.is_alphanumeric()) {
                continue;
            }
            let rest = &s[i..];
            let digit = rest.starts_with(|c: char| c.is_ascii_digit() || c == '令' || c == '平');
            if !digit && month_day_year(rest).is_err() {
                continue;
            }
            if let Some((n, date, ambiguous)) = date_at(rest, order) {
                let after = rest.get(n..).and_then(|r| r.chars().next());
                if after.is_some_and(|a| a.is_ascii_digit()) {
                    continue;
                }
                out.push(Found {
                    start: i,
                    end: i + n,
                    date,
                    ambiguous,
                });
                skip_to = i + n;
            }
        }
        out
    }

    /// [`month`] finds the month where comparing the word with every name did: at every
    /// character of every line of the fixtures and the corpus, and over generated texts of
    /// month names in any case (ASCII, French with accents, Welsh, short forms with a dot),
    /// longer and shorter words, `ſ`, the Kelvin sign, digits, no-break spaces, tabs, `\v` and
    /// empty pieces.
    #[test]
    fn months_as_before() {
        let mut months = 0;
        let mut check = |t: &str| {
            for (i, _) in t.char_indices() {
                let rest = &t[i..];
                let want = month_plain(rest);
                let got = month(rest).ok().map(|(r, m)| (rest.len() - r.len(), m));
                assert_eq!(got, want, "{rest:?}");
                months += usize::from(want.is_some());
            }
        };
        for text in crate::testgen::real_texts() {
            for line in text.lines() {
                check(line);
            }
        }
        let pieces = [
            "0",
            "9",
            "12",
            "/",
            ":",
            "x",
            " ",
            "°",
            "¹",
            "０",
            "\u{a0}",
            "\t",
            "\u{b}",
            "",
            "June",
            "JUNE",
            "jUnE",
            "Sept.",
            "sep",
            "août",
            "AOÛT",
            "Déc",
            "décembre",
            "Mawrth",
            "ſept",
            "\u{212a}",
            "É",
            "mayx",
            "decembers",
            "abcdefghijk",
        ];
        let mut walk = crate::testgen::Walk::new(17);
        for _ in 0..20_000 {
            check(&walk.text(&pieces, 8));
        }
        for (name, m) in MONTHS {
            for w in [name.to_string(), name.to_uppercase(), format!("{name}.")] {
                check(&w);
                assert_eq!(month_plain(&w).map(|x| x.1), Some(m), "{w}");
            }
        }
        assert!(months > 10_000, "{months}");
    }

    #[test]
    fn words_are_stepped_over_as_read_by_characters() {
        for s in [
            "Meeting of the Council held on Thursday, 17th March, 2011 at 7.00 pm",
            "MINUTES of 14th June 2012 and June 15, 2012; 2014/03/21, 15.09.2020",
            "le 1er juillet 2023 à 18h, décembre 3 2024, Décembre 4 2024",
            "CYFARFOD 8fed MAWRTH 2017 / mehefin 6 2018",
            "x²June 5 2020 ½ June 6 2020 3June 7 2020 June8 2020",
            "令和6年5月17日 平成30年1月2日 2024年5月17日",
            "ref 23/05927/FUL 12/12/2020x 11/13/18",
            "3rd May 2020, 4TH MAY 2020, 5 May 2020, 6May 2020, 7,May 2020 8:30 12345 6.7.2020",
            "2020-01-02 2020.1.2 20201.1.2 2024年5月17日 2024 5月17日 12 5月17日 1er juin 2020",
            "21st\tJune 2021 22ND JULY 2022 8fed Mawrth 2017 9ydd Medi 2018 1af Ionawr 2019",
            "Sept. 3 2019 Sept.\t4 2019 août 5, 2023 AOÛT 6, 2023",
            "naïve Zoë März 3 2020 ΑΒΓ 4 2021 June 9 2022",
            "",
            "1",
        ] {
            for order in [DateOrder::Auto, DateOrder::DayFirst, DateOrder::MonthFirst] {
                assert_eq!(find_all(s, order), find_all_by_chars(s, order), "{s}");
                assert_eq!(
                    first(s, order),
                    find_all_by_chars(s, order).first().copied(),
                    "{s}"
                );
            }
        }
    }

    /// [`scan`] as it was before it jumped from digit to digit (the oracle of the jumps): every
    /// byte read, each word start tried in turn, a word's letters stepped over.
    fn find_all_by_bytes(s: &str, order: DateOrder) -> Vec<Found> {
        let mut out = Vec::new();
        if !s.bytes().any(|b| b.is_ascii_digit()) {
            return out;
        }
        let mut prev_alnum = false;
        let mut skip_to = 0;
        let mut next = 0;
        let b = s.as_bytes();
        while let Some(&byte) = b.get(next) {
            let i = next;
            let alnum = if byte.is_ascii() {
                next += 1;
                byte.is_ascii_alphanumeric()
            } else {
                let Some(c) = s.get(next..).and_then(|r| r.chars().next()) else {
                    break;
                };
                next += c.len_utf8();
                c.is_alphanumeric()
            };
            let word_start = !prev_alnum;
            prev_alnum = alnum;
            if i < skip_to || !word_start || !prev_alnum {
                continue;
            }
            let rest = s.get(i..).unwrap_or_default();
            if !rest.starts_with(|c: char| c.is_ascii_digit() || c == '令' || c == '平') {
                let word = letters(rest);
                if !spaced_digit_after(rest, word) {
                    next = next.max(i + word);
                    continue;
                }
            }
            if let Some((n, date, ambiguous)) = date_at(rest, order) {
                let after = rest.get(n..).and_then(|r| r.chars().next());
                if after.is_some_and(|a| a.is_ascii_digit()) {
                    continue;
                }
                out.push(Found {
                    start: i,
                    end: i + n,
                    date,
                    ambiguous,
                });
                skip_to = i + n;
            }
        }
        out
    }

    fn scans_agree(s: &str) -> usize {
        let mut found = 0;
        for order in [DateOrder::Auto, DateOrder::DayFirst, DateOrder::MonthFirst] {
            let want = find_all_by_bytes(s, order);
            assert_eq!(find_all(s, order), want, "{s:?}");
            assert_eq!(first(s, order), want.first().copied(), "{s:?}");
            found += want.len();
        }
        found
    }

    #[test]
    fn digit_jumps_find_what_every_byte_found() {
        let mut found = 0;
        for t in crate::testgen::real_texts() {
            for l in t.lines() {
                found += scans_agree(l);
                found += scans_agree(&ascii_digits(l));
            }
            // headings are lines joined by spaces: a window of a few lines at a time
            let lines: Vec<&str> = t.lines().collect();
            for w in lines.chunks(6) {
                found += scans_agree(&w.join(" "));
            }
        }
        let pieces = [
            "June",
            "Sept",
            "août",
            "AOÛT",
            "mehefin",
            "ΑΒΓ",
            "x",
            "é",
            "²",
            "th",
            "fed",
            "er",
            " ",
            "\t",
            ".",
            ",",
            "-",
            "/",
            ":",
            "5",
            "12",
            "31",
            "2020",
            "19",
            "令和",
            "平成",
            "令",
            "年",
            "月",
            "日",
            "3月",
            "17日",
            "2014/03/21",
            "of ",
            "\n",
        ];
        let mut walk = crate::testgen::Walk::new(7);
        for _ in 0..30_000 {
            found += scans_agree(&walk.text(&pieces, 12));
        }
        for t in crate::testgen::texts_of(&["June", " ", "5", "令和", ".", "x"], 5) {
            found += scans_agree(&t);
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn full_width_digits_are_read_as_ascii() {
        for s in [
            "令和６年５月１７日",
            "２０２４",
            "plain 2024",
            "",
            "\u{feff}x",
            "ｘ",
        ] {
            assert_eq!(ascii_digits_cow(s), ascii_digits(s), "{s}");
        }
        assert!(matches!(
            ascii_digits_cow("plain 2024"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn ascii_month_names_are_three_to_ten_letters() {
        for (name, _) in MONTHS.iter().filter(|(n, _)| n.is_ascii()) {
            assert!((3..=10).contains(&name.len()), "{name}");
        }
    }

    #[test]
    fn numeric_order() {
        let f = first("11/13/18", DateOrder::Auto).unwrap();
        assert_eq!(f.date.to_string(), "2018-11-13");
        assert!(!f.ambiguous);
        let f = first("06/05/2020", DateOrder::Auto).unwrap();
        assert_eq!(f.date.to_string(), "2020-05-06");
        assert!(f.ambiguous);
        let f = first("06/05/2020", DateOrder::MonthFirst).unwrap();
        assert_eq!(f.date.to_string(), "2020-06-05");
        assert!(first("12/12/2020", DateOrder::Auto).is_some_and(|f| !f.ambiguous));
    }
}
