//! Money amounts.
//!
//! ```text
//! £163,000   £ 3,000   £278.97   £1.2m   £2.5 million   £69.6k   £40million   $15,000   €2,000
//! ```
//! Percentages, counts, years and references (`23/05927/FUL`) carry no currency sign and never
//! match.

use nom::bytes::complete::{take_while, take_while1, take_while_m_n};
use nom::character::complete::{char as ch, one_of};
use nom::combinator::{opt, recognize};
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

/// Three digits not followed by a fourth: one thousands group.
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

/// An amount starting at a currency sign.
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

/// The amounts on one line of the source, as record nodes.
pub(crate) fn on_line(
    line: &crate::segment::Line<'_>,
    ix: &crate::source::LineIndex,
) -> Vec<crate::model::Amount> {
    // (no amount without a currency sign)
    if line.shape & crate::segment::shape::MONEY == 0 {
        return Vec::new();
    }
    let found = find_all(line.text);
    if found.is_empty() {
        return Vec::new();
    }
    found
        .into_iter()
        .map(|f| crate::model::Amount {
            text: line
                .text
                .get(f.start..f.end)
                .unwrap_or_default()
                .to_string(),
            value: f.value,
            currency: f.currency.to_string(),
            span: ix.span(line.text_start + f.start, line.text_start + f.end),
        })
        .collect()
}

/// The currency a text writes most often, by its signs; `None` when it writes none.
pub(crate) fn dominant_currency(text: &str) -> Option<&'static str> {
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

/// The cells of a table row: runs of text apart by two or more spaces, with their offsets.
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
    cell.replace(',', "")
        .parse::<Decimal>()
        .ok()
        .map(|v| v.normalize())
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
    let mut buf = [0u8; 1024];
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
                let s = word.iter().rev().take_while(|&&b| b == b's' || b == b'S');
                let bare = word.get(..word.len() - s.count()).unwrap_or_default();
                MONEY_COLUMNS.iter().any(|w| {
                    word.eq_ignore_ascii_case(w.as_bytes())
                        || bare.eq_ignore_ascii_case(w.as_bytes())
                })
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
        let cs = cells(t);
        let money: Vec<(usize, &str, Decimal)> = cs
            .iter()
            .filter_map(|&(at, c)| bare_decimal(c).map(|v| (at, c, v)))
            .collect();
        if money.is_empty() {
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
            continue;
        }
        let Some(cur) = table else { continue };
        for (at, c, v) in money {
            out.push(crate::model::Amount {
                text: c.to_string(),
                value: v,
                currency: cur.to_string(),
                span: ix.span(line.text_start + at, line.text_start + at + c.len()),
            });
        }
    }
    out
}

/// Every amount in `s`, left to right.
pub(crate) fn find_all(s: &str) -> Vec<Found> {
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
