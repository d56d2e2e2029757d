//! Money amounts.
//!
//! ```text
//! £163,000   £ 3,000   £278.97   £1.2m   £2.5 million   £69.6k   £40million   $15,000   €2,000
//! ```
//! Percentages, counts, years and references (`23/05927/FUL`) carry no currency sign and never
//! match.

use nom::bytes::complete::{tag_no_case, take_while, take_while1, take_while_m_n};
use nom::character::complete::{char as ch, one_of};
use nom::combinator::{opt, recognize};
use nom::multi::many0;
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
        many0((ch(','), group)),
        opt((ch('.'), take_while1(|c: char| c.is_ascii_digit()))),
    ))
    .parse(input)
}

/// Spaces (not line breaks) then a scale word: `m`, `million`, `bn`, `k`, `thousand`.
fn scale(input: &str) -> IResult<&str, u64> {
    let (rest, _) =
        take_while(|c: char| c == ' ' || c == '\u{a0}' || c == '\n' || c == '\r').parse(input)?;
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
        if let Ok((after, _)) = tag_no_case::<_, _, nom::error::Error<&str>>(w).parse(rest) {
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
    let digits: String = fig.chars().filter(|&c| c != ',').collect();
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
    find_all(line.text)
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

/// Every amount in `s`, left to right.
pub(crate) fn find_all(s: &str) -> Vec<Found> {
    let mut out = Vec::new();
    // every currency sign is `$` or starts with one of these UTF-8 lead bytes: £ ¥ (C2), € (E2),
    // ￥ (EF); most lines hold none
    let b = s.as_bytes();
    if memchr::memchr3(b'$', 0xC2, 0xE2, b).is_none() && memchr::memchr(0xEF, b).is_none() {
        return out;
    }
    for (i, c) in s.char_indices() {
        if currency(c).is_none() {
            continue;
        }
        let rest = s.get(i..).unwrap_or_default();
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
    fn spans_cover_the_amount() {
        let s = "about £2.5 million in total";
        let f = &find_all(s)[0];
        assert_eq!(&s[f.start..f.end], "£2.5 million");
        assert_eq!(f.currency, "GBP");
    }
}
