//! The quality gate: does extracted text look like text?
//!
//! Calibrated on the shared corpus (see `../shared/research/pdf-and-reliability.md` §6): the
//! failures it must catch are pages with (almost) no words although pdftotext finds some (an OCR
//! layer pdf-extract cannot read, 042), runs of glued words (cairo without space glyphs, 005),
//! words split into stray letters (Skia, 002) and control characters or U+FFFD from fonts without
//! a usable encoding. Good documents stay well inside every threshold.

/// Measures of one text (a page or a document).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Quality {
    /// Tokens with at least one letter or digit, plus one per two CJK characters.
    pub(crate) words: usize,
    /// Latin-script tokens (letters of Latin script only, at least one).
    pub(crate) latin: usize,
    /// Latin tokens holding a run of 20 or more letters: words glued together.
    pub(crate) glued: usize,
    /// Single-letter Latin tokens that are not words on their own ("a", "I", "o"/"O" as a list
    /// bullet, French "à" and "y", Welsh "y" and "i").
    pub(crate) stray: usize,
    /// Characters that are control characters or U+FFFD.
    pub(crate) bad_chars: usize,
    /// All non-whitespace characters.
    pub(crate) chars: usize,
}

/// Pages with fewer words than this, out of at least [`MANY_GLYPHS`] glyphs, are checked
/// against pdftotext.
pub(crate) const MIN_PAGE_WORDS: usize = 3;
/// See [`MIN_PAGE_WORDS`].
pub(crate) const MANY_GLYPHS: usize = 40;
/// At most this share of Latin tokens may be glued (good documents: ≤ 0.75 %, 005: 100 %).
const MAX_GLUED: f64 = 0.02;
/// At most this share of Latin tokens may be stray letters (good: ≤ 3 %, 002: 4.6 %).
const MAX_STRAY: f64 = 0.04;
/// At most this share of characters may be control characters or U+FFFD (good: ≤ 0.54 %).
const MAX_BAD: f64 = 0.01;
/// Ratios are only judged over at least this many tokens.
const MIN_TOKENS_FOR_RATIOS: usize = 40;

impl Quality {
    /// Measures `text`.
    pub(crate) fn of(text: &str) -> Quality {
        let mut q = Quality::default();
        let mut cjk = 0usize;
        for token in text.split_whitespace() {
            let mut alnum = false;
            let mut latin_letters = 0usize;
            let mut other_letters = false;
            let mut run = 0usize;
            let mut max_run = 0usize;
            for c in token.chars() {
                q.chars += 1;
                if c == '\u{fffd}' || (c.is_control() && c != '\u{c}') {
                    q.bad_chars += 1;
                }
                if is_cjk(c) {
                    cjk += 1;
                    other_letters = true;
                    run = 0;
                    continue;
                }
                if c.is_alphanumeric() {
                    alnum = true;
                }
                if is_latin_letter(c) {
                    latin_letters += 1;
                    run += 1;
                    max_run = max_run.max(run);
                } else {
                    if c.is_alphabetic() {
                        other_letters = true;
                    }
                    run = 0;
                }
            }
            if alnum {
                q.words += 1;
            }
            if latin_letters > 0 && !other_letters {
                q.latin += 1;
                if max_run >= 20 && !token.contains(['/', '@', '.', '_']) {
                    q.glued += 1;
                }
                if latin_letters == 1
                    && token.chars().count() == 1
                    && !matches!(
                        token,
                        "a" | "A" | "I" | "i" | "o" | "O" | "y" | "Y" | "à" | "À" | "e" | "é"
                    )
                {
                    q.stray += 1;
                }
            }
        }
        q.words += cjk / 2;
        q
    }

    /// Adds another measure (pages to a document).
    pub(crate) fn add(&mut self, o: &Quality) {
        self.words += o.words;
        self.latin += o.latin;
        self.glued += o.glued;
        self.stray += o.stray;
        self.bad_chars += o.bad_chars;
        self.chars += o.chars;
    }

    /// Why a text with this measure fails the gate, or `None`. (Too few words is judged page
    /// by page, against what the page's content stream draws; see `pdf::gate_and_fallback`.)
    pub(crate) fn document_failure(&self) -> Option<String> {
        if self.latin >= MIN_TOKENS_FOR_RATIOS {
            let glued = self.glued as f64 / self.latin as f64;
            if glued > MAX_GLUED {
                return Some(format!(
                    "{:.1} % of words look glued together",
                    glued * 100.0
                ));
            }
            let stray = self.stray as f64 / self.latin as f64;
            if stray > MAX_STRAY {
                return Some(format!(
                    "{:.1} % of words are stray single letters",
                    stray * 100.0
                ));
            }
        }
        if self.chars >= MIN_TOKENS_FOR_RATIOS {
            let bad = self.bad_chars as f64 / self.chars as f64;
            if bad > MAX_BAD {
                return Some(format!(
                    "{:.1} % of characters are control characters or U+FFFD",
                    bad * 100.0
                ));
            }
        }
        None
    }

    /// A score for choosing between two extractions of the same text: words, less the words
    /// that are glued, stray or unreadable.
    pub(crate) fn score(&self) -> f64 {
        self.words as f64
            - 2.0 * self.glued as f64
            - self.stray as f64
            - self.bad_chars as f64 / 2.0
    }
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (c.is_alphabetic() && ('\u{c0}'..='\u{24f}').contains(&c))
}

/// Han, kana, hangul and CJK punctuation: scripts written without spaces.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}' | '\u{ac00}'..='\u{d7af}' | '\u{ff66}'..='\u{ff9f}')
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        let q = Quality::of("The council met at 7 pm. a I o x");
        assert_eq!(q.words, 10);
        assert_eq!(q.stray, 1);
        assert_eq!(q.glued, 0);
    }

    #[test]
    fn table_of_failures() {
        let normal = "The minutes of the previous meeting were approved and signed. ".repeat(20);
        let glued = "Theminutesofthepreviousmeetingwereapproved signed ".repeat(40);
        let split = "p rovide re q uest the council will r e v i e w it ".repeat(20);
        let control = "minutes\u{1}\u{2}\u{3}\u{fffd} ".repeat(40);
        let table: [(&str, Option<&str>); 4] = [
            (&normal, None),
            (&glued, Some("glued")),
            (&split, Some("stray")),
            (&control, Some("control")),
        ];
        for (text, want) in table {
            let got = Quality::of(text).document_failure();
            match want {
                None => assert!(got.is_none(), "{got:?}"),
                Some(w) => assert!(got.as_deref().is_some_and(|g| g.contains(w)), "{got:?}"),
            }
        }
    }

    #[test]
    fn cjk_counts_as_words_and_is_never_glued() {
        let q = Quality::of("産業交通水道委員会の記録です。令和六年五月十七日に開会しました。");
        assert!(q.words >= 10);
        assert_eq!(q.glued, 0);
        assert_eq!(q.latin, 0);
    }
}
