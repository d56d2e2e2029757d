//! List labels and bullets at the start of a line.
//!
//! ```text
//! (a)  (iv)  (1)  (A)      bracketed
//! a)   i)    1)   A)       closing bracket
//! a.   i.    1.   I.  1.1  1.1.   dotted
//! A:                       colon (upper case, often a tab after)
//! •  ·  -  o  ▪  ➢  *      bullets
//! ```
//! A label must be followed by whitespace or end the line, so `band (b)` in running text and
//! `2.7%` never match.

use nom::branch::alt;
use nom::bytes::complete::{take_while1, take_while_m_n};
use nom::character::complete::{char as ch, one_of};
use nom::combinator::{opt, recognize};
use nom::{IResult, Parser};

/// How a label is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Form {
    /// `(a)`
    Paren,
    /// `a)`
    Close,
    /// `a.`
    Dot,
    /// `A:`
    Colon,
    /// `1.1`, `1.1.`
    Decimal,
}

/// A label found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label<'a> {
    /// The label without brackets, dots or colons.
    pub text: &'a str,
    pub form: Form,
    /// Possible classes: a lone `i`, `v` or `x` may be a letter or a roman numeral.
    pub roman: bool,
    pub letter: bool,
    pub digit: bool,
    /// Bytes taken by the label and the whitespace after it.
    pub len: usize,
}

fn is_roman(s: &str) -> bool {
    const ROMANS: [&str; 20] = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
        "xv", "xvi", "xvii", "xviii", "xix", "xx",
    ];
    // one case throughout (no ASCII capital, or no ASCII small letter), compared in place
    let one_case =
        !s.bytes().any(|b| b.is_ascii_uppercase()) || !s.bytes().any(|b| b.is_ascii_lowercase());
    one_case && ROMANS.iter().any(|r| r.eq_ignore_ascii_case(s))
}

/// The label text: up to 3 digits, one letter, or a roman numeral.
fn token(input: &str) -> IResult<&str, &str> {
    alt((
        recognize((
            take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
            opt((ch('.'), take_while_m_n(1, 2, |c: char| c.is_ascii_digit()))),
        )),
        take_while_m_n(1, 5, |c: char| {
            matches!(c, 'i' | 'v' | 'x' | 'I' | 'V' | 'X')
        }),
        take_while_m_n(1, 1, |c: char| c.is_ascii_alphabetic()),
    ))
    .parse(input)
}

/// `(a)` / `(iv)` / `(1)`
fn paren(input: &str) -> IResult<&str, (&str, Form)> {
    let (rest, (_, t, _)) = (ch('('), token, ch(')')).parse(input)?;
    Ok((rest, (t, Form::Paren)))
}

/// `a)` / `a.` / `A:` / `1.1` / `1.1.`
fn trailing(input: &str) -> IResult<&str, (&str, Form)> {
    let (rest, t) = token(input)?;
    let (rest, p) = opt(one_of(").:")).parse(rest)?;
    let form = match p {
        Some(')') => Form::Close,
        Some('.') if t.contains('.') => Form::Decimal,
        Some('.') => Form::Dot,
        Some(':') => Form::Colon,
        _ if t.contains('.') => Form::Decimal,
        _ => {
            return Err(nom::Err::Error(nom::error::Error::new(
                input,
                nom::error::ErrorKind::Char,
            )))
        }
    };
    Ok((rest, (t, form)))
}

fn space_len(s: &str) -> usize {
    s.len() - s.trim_start_matches(crate::segment::is_space).len()
}

/// A list label at the start of `line` (already trimmed).
pub(crate) fn label(line: &str) -> Option<Label<'_>> {
    // a label opens with `(` or a letter or digit, and its bracket, dot or colon comes within
    // eight bytes (`(123.45)`, `xviii.`): most lines of prose fail here
    let b = line.as_bytes();
    let opens = b
        .first()
        .is_some_and(|&c| c == b'(' || c.is_ascii_alphanumeric());
    if !opens
        || !b
            .iter()
            .take(8)
            .skip(1)
            .any(|c| matches!(c, b')' | b'.' | b':'))
    {
        return None;
    }
    // a line opening with a letter has a one-letter token, or a roman one of up to five
    // letters, and its bracket, dot or colon right after it, then white space or the end
    if b.first().is_some_and(u8::is_ascii_alphabetic) {
        let roman = |c: &u8| matches!(c, b'i' | b'v' | b'x' | b'I' | b'V' | b'X');
        let token = b.iter().take(5).take_while(|c| roman(c)).count().max(1);
        let punct = b
            .get(token)
            .is_some_and(|c| matches!(c, b')' | b'.' | b':'));
        let gap = b
            .get(token + 1)
            .is_none_or(|&c| !c.is_ascii() || matches!(c, 9..=13 | b' '));
        if !punct || !gap {
            return None;
        }
    }
    let (rest, (text, form)) = alt((paren, trailing)).parse(line).ok()?;
    let gap = space_len(rest);
    if gap == 0 && !rest.is_empty() {
        return None;
    }
    let is_digit = text.starts_with(|c: char| c.is_ascii_digit());
    let roman = !is_digit && is_roman(text);
    let letter = !is_digit && text.chars().count() == 1;
    if !is_digit && !roman && !letter {
        return None;
    }
    // `A:` only for capitals; `I.` style upper romans fine; a lone capital with `.` is rare
    // inside prose but common as a label, keep it.
    if form == Form::Colon && !text.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    Some(Label {
        text,
        form: if text.contains('.') {
            Form::Decimal
        } else {
            form
        },
        roman,
        letter,
        digit: is_digit,
        len: line.len() - rest.len() + gap,
    })
}

/// A bullet at the start of `line`: returns the bytes taken by it and the space after.
pub(crate) fn bullet(line: &str) -> Option<usize> {
    // `- * o` or the lead byte of a bullet sign (`•` `·` `▪` `–`, private-use U+F0B7 ...)
    if !line
        .as_bytes()
        .first()
        .is_some_and(|c| matches!(c, b'-' | b'*' | b'o' | 0xC2 | 0xE2 | 0xEF))
    {
        return None;
    }
    let r: IResult<&str, &str> = alt((
        take_while1(|c: char| {
            matches!(
                c,
                '•' | '·'
                    | '▪'
                    | '➢'
                    | '●'
                    | '◦'
                    | '■'
                    | '∙'
                    | '\u{f0b7}'
                    | '\u{f0a7}'
                    | '\u{f0d8}'
            )
        }),
        recognize(one_of("-*o–")),
    ))
    .parse(line);
    let (rest, _) = r.ok()?;
    let gap = space_len(rest);
    if gap == 0 {
        return None;
    }
    Some(line.len() - rest.len() + gap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        let table: &[(&str, Option<(&str, Form)>)] = &[
            ("(a)        That Cabinet agree", Some(("a", Form::Paren))),
            ("(iv) That", Some(("iv", Form::Paren))),
            ("(1) That", Some(("1", Form::Paren))),
            ("a) Playground", Some(("a", Form::Close))),
            ("a.\tThat", Some(("a", Form::Dot))),
            ("A:\tThat", Some(("A", Form::Colon))),
            ("1. That", Some(("1", Form::Dot))),
            ("1.1 That", Some(("1.1", Form::Decimal))),
            ("1.2. That", Some(("1.2", Form::Decimal))),
            ("ii.", Some(("ii", Form::Dot))),
            ("(b)", Some(("b", Form::Paren))),
            ("I. Call to order", Some(("I", Form::Dot))),
            ("band (b)", None),
            ("2.7% rise", None),
            ("(Item 1)", None),
            ("The Council", None),
            ("a)That", None),
            ("£5", None),
            ("(123.45) x", Some(("123.45", Form::Decimal))),
            ("(xviii) That", Some(("xviii", Form::Paren))),
            ("123.45 That", Some(("123.45", Form::Decimal))),
            ("Mr. Smith", None),
            ("iv.That", None),
            ("iv.\u{a0}That", Some(("iv", Form::Dot))),
            ("iv.\u{b}That", Some(("iv", Form::Dot))),
            ("xviii.", Some(("xviii", Form::Dot))),
            ("xviiii. x", None),
            ("ab) x", None),
            ("b)", Some(("b", Form::Close))),
            ("B: x", Some(("B", Form::Colon))),
            ("Cllr. Jones", None),
            ("vx) x", None),
            ("x) y", Some(("x", Form::Close))),
        ];
        for (input, want) in table {
            let got = label(input).map(|l| (l.text, l.form));
            assert_eq!(got, *want, "{input}");
        }
        let l = label("(a)   That").unwrap();
        assert_eq!(l.len, 6);
    }

    #[test]
    fn romans_in_one_case() {
        for (s, want) in [
            ("iv", true),
            ("IV", true),
            ("Iv", false),
            ("xviii", true),
            ("XVIII", true),
            ("xviiii", false),
            ("a", false),
            ("", false),
            ("I", true),
            ("vI", false),
        ] {
            assert_eq!(is_roman(s), want, "{s}");
        }
    }

    #[test]
    fn bullets() {
        assert_eq!(bullet("• That money"), Some(4));
        assert_eq!(bullet("·        That"), Some(10));
        assert_eq!(bullet("- item"), Some(2));
        assert_eq!(bullet("o sub"), Some(2));
        assert_eq!(bullet("on the"), None);
        assert_eq!(bullet("-5 degrees"), None);
        assert_eq!(bullet("\u{f0b7} point"), Some(4));
        assert_eq!(bullet("▪ point"), Some(4));
        assert_eq!(bullet("– point"), Some(4));
        assert_eq!(bullet("The point"), None);
    }
}
