//! Votes: counts, outcomes and named lists.
//!
//! ```text
//! For: 26 / Against: 32 / Abstention: 0          one per line
//! For (52) ... Against (0) ... Abstain (11)       recorded votes, names after each
//! Voting record – For 43, against 0, abstentions 0
//! AGREED by 41 votes to 1                          (with 34 votes for and 1 against)
//! Motion carried 5-0     FAILED [4-2-1-1]          AYES: A, B, C   NOES: D
//! Carried unanimously    declared to be lost       The proposal fell
//! ```
//! These are sentence patterns rather than a grammar. Each is written as a named regex compiled
//! once; the ones that run on most paragraphs (the outcome, unanimity, roll-call and inline
//! count rules) are read by hand where the text leaves no Unicode case fold in doubt, and each
//! reader is tested against its regex, which still reads the rest.

use std::sync::LazyLock;

use regex::Regex;

use super::folds;
use super::pattern as re;
#[cfg(test)]
use super::Keywords;

use crate::model::{VoteKind, VoteResult};

/// A vote found in a run of text, with its byte range in that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub for_: Option<u32>,
    pub against: Option<u32>,
    pub abstain: Option<u32>,
    pub result: Option<VoteResult>,
    pub kind: Option<VoteKind>,
    pub for_names: Vec<String>,
    pub against_names: Vec<String>,
    pub abstain_names: Vec<String>,
}

impl Found {
    fn new(start: usize, end: usize) -> Found {
        Found {
            start,
            end,
            for_: None,
            against: None,
            abstain: None,
            result: None,
            kind: None,
            for_names: Vec::new(),
            against_names: Vec::new(),
            abstain_names: Vec::new(),
        }
    }
}

/// Words without which a paragraph records no vote (a prefilter for the rules below).
#[cfg(test)]
static VOTE_HINT: LazyLock<Keywords> = LazyLock::new(|| Keywords::new(&VOTE_WORDS));

/// The words of [`VOTE_HINT`], by bit.
pub(crate) const VOTE_WORDS: [&str; 21] = [
    "roll",
    "carried",
    "lost",
    "unanimous",
    "agreed",
    "favou",
    "favor",
    "ayes",
    "yeas",
    "noes",
    "nays",
    "fell",
    "defeated",
    "declared",
    "approved",
    "passed",
    "against",
    "abst",
    "vote",
    "failed",
    "adopted",
];

/// Bits of [`VOTE_HINT`] patterns, by pattern index.
mod hint {
    pub const ROLL: u32 = 1 << 0;
    pub const CARRIED: u32 = 1 << 1;
    pub const LOST: u32 = 1 << 2;
    pub const UNANIMOUS: u32 = 1 << 3;
    pub const AGREED: u32 = 1 << 4;
    pub const FAVOU: u32 = 1 << 5;
    pub const FAVOR: u32 = 1 << 6;
    pub const FELL: u32 = 1 << 11;
    pub const DEFEATED: u32 = 1 << 12;
    pub const APPROVED: u32 = 1 << 14;
    pub const PASSED: u32 = 1 << 15;
    pub const AGAINST: u32 = 1 << 16;
    pub const VOTE: u32 = 1 << 18;
    pub const FAILED: u32 = 1 << 19;
    pub const ADOPTED: u32 = 1 << 20;
    /// Words one of which [`super::DASHED`] needs.
    pub const DASHED: u32 = CARRIED | PASSED | APPROVED | FAILED | LOST | DEFEATED | ADOPTED;
    /// Words one of which each alternative of [`super::OUTCOME`] needs but its `all ...`
    /// one (`\ball\s+(...)?(agreed|approved|...favou?r)`), which needs [`ALL`] and `all`.
    pub const OUTCOME: u32 =
        CARRIED | PASSED | ADOPTED | UNANIMOUS | LOST | DEFEATED | FELL | FAILED;
    /// Words one of which the `all ...` alternatives of [`super::OUTCOME`] and
    /// [`super::UNANIMOUS`] need (besides `all` before them).
    pub const ALL: u32 = AGREED | APPROVED | FAVOU | FAVOR;
}

/// Whether a line may hold a vote without a hint word: a line opening with `For`, or a table
/// row (`| For | 6 |`).
fn vote_line(line: &str) -> bool {
    // (a line that opens with an ASCII character other than white space needs no trimming)
    let opening = match line.as_bytes().first() {
        Some(&b) if b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ') => line,
        _ => line.trim_start(),
    };
    opening
        .get(..3)
        .is_some_and(|w| w.eq_ignore_ascii_case("for"))
        || memchr::memchr(b'|', line.as_bytes()).is_some()
}

/// The start of a roll call: `Roll Call was taken as follows:`. Read by hand: see [`roll_calls`].
#[cfg(test)]
static ROLL_CALL: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\broll\s+call\b[^:.]{0,40}:"));

/// Where each match of [`ROLL_CALL`] in `text` ends, read by hand: `roll` at an ASCII word
/// start (its `\b` is ASCII), white space, `call` and an ASCII word end, then up to 40
/// characters that are neither `:` nor `.` and a colon. The run of such characters stops at
/// the first `:` or `.`, so the match ends at the first of them if it is a colon within 41
/// characters. No letter but ASCII ones folds to those of `roll` or `call` under `(?i)`, and
/// `\s` is Rust's white space. Matches do not overlap: the search goes on after each.
fn roll_calls(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(i) = b
        .get(from..)
        .and_then(|r| memchr::memchr2(b'r', b'R', r))
        .map(|i| from + i)
    {
        from = i + 1;
        let end = Some(i)
            .filter(|&p| letter_word_starts(text, p))
            .and_then(|p| lit(text, p, "roll"))
            .and_then(|q| space1(text, q))
            .and_then(|q| lit(text, q, "call"))
            .filter(|&q| word_ends(text, q))
            .and_then(|q| {
                let rest = text.get(q..)?;
                let (k, (at, c)) = rest
                    .char_indices()
                    .enumerate()
                    .find(|(_, (_, c))| matches!(c, ':' | '.'))?;
                (c == ':' && k <= 40).then_some(q + at + 1)
            });
        if let Some(end) = end {
            ends.push(end);
            from = end;
        }
    }
    ends
}

/// One answer in a roll call: `Trustee Elton – yes`.
static ROLL_ANSWER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)[A-Za-z.]+\s*[–-]\s*(yes|aye|no|nay)\b"));

/// A count line: `For: 26`, `Against (0)`, `Abstentions – 3`, `FOR the officer's recommendation (9)`.
static COUNT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(for|against|abstain(?:ed|ing|s)?|abstentions?)\b[^0-9\n]{0,60}?[:\-–(]?\s*\(?(\d{1,3})\)?\s*(?:votes?)?\s*$",
    )
});

/// A count after a list of names: `For the recommendations – Councillors A and B (6)`.
static NAMED_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?P<w>for|against|abstain(?:ing|ed|s)?|abstentions?)\b[^–:()\n]{0,60}?\s[–:-]\s*(?P<names>[^()]{3,600}?)\s*\((?P<n>\d{1,3})\)\s*\.?$",
    )
});

/// [`NAMED_COUNT`] with its counted repetitions unbounded and the first one captured: a much
/// smaller automaton, so far cheaper to capture with. See [`named_count`].
static NAMED_COUNT_UNBOUNDED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?P<w>for|against|abstain(?:ing|ed|s)?|abstentions?)\b(?P<gap>[^–:()\n]*?)\s[–:-]\s*(?P<names>[^()]{3,}?)\s*\((?P<n>\d{1,3})\)\s*\.?$",
    )
});

/// What [`NAMED_COUNT`] finds in a text: the end of its match (which starts the text) and the
/// byte ranges of its groups `w`, `names` and `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NamedCount {
    end: usize,
    w: (usize, usize),
    names: (usize, usize),
    n: (usize, usize),
}

impl NamedCount {
    fn of(c: &regex::Captures<'_>) -> Option<NamedCount> {
        let range = |g: &str| c.name(g).map(|m| (m.start(), m.end()));
        Some(NamedCount {
            end: c.get(0)?.end(),
            w: range("w")?,
            names: range("names")?,
            n: range("n")?,
        })
    }
}

/// [`NAMED_COUNT`]'s match in `text`, found with [`NAMED_COUNT_UNBOUNDED`] where its match keeps
/// within the bounds. Both are searched in the same (leftmost-first) order and the bounded one
/// only leaves out the paths that repeat too often, so when the first matching path of the
/// unbounded one keeps within the bounds it is the first matching path of the bounded one too;
/// otherwise the bounded one decides. In [`plain`] text the unbounded rule is read by hand (see
/// [`named_count_plain`]): capturing runs a slow engine over its Unicode classes.
fn named_count(text: &str) -> Option<NamedCount> {
    if !may_be_named_count(text) {
        return None;
    }
    let (unbounded, gap_end) = if plain(text) {
        named_count_plain(text)?
    } else {
        let c = NAMED_COUNT_UNBOUNDED.captures(text)?;
        (NamedCount::of(&c)?, c.name("gap")?.end())
    };
    let chars = |(a, b): (usize, usize)| text.get(a..b).map_or(0, |t| t.chars().count());
    let within =
        chars((unbounded.w.1, gap_end)) <= 60 && (3..=600).contains(&chars(unbounded.names));
    if within {
        Some(unbounded)
    } else {
        NamedCount::of(&NAMED_COUNT.captures(text)?)
    }
}

/// [`NAMED_COUNT_UNBOUNDED`] read by hand in [`plain`] text, in the order the regex engine tries
/// its paths: `^(for|against|abstain(?:ing|ed|s)?|abstentions?)\b`, then the lazy gap
/// `[^–:()\n]*?`, the first place after it that the rest matches at: `\s[–:-]`, `\s*` (greedy,
/// giving back white space only when the names would be shorter than three characters), the
/// lazy names `[^()]{3,}?` (which can run no further than the first parenthesis, so they end
/// where the white space before it starts, or three characters in), then
/// `\s*\((\d{1,3})\)\s*\.?$` at that parenthesis. `\s` is Rust's white space (a test in
/// `narrative` checks it) and in [`plain`] text `\d` is an ASCII digit and `(?i)` folds ASCII
/// letters only. With the match, where its group `gap` ends.
fn named_count_plain(text: &str) -> Option<(NamedCount, usize)> {
    const WORDS: [&str; 8] = [
        "for",
        "against",
        "abstain",
        "abstaining",
        "abstained",
        "abstains",
        "abstention",
        "abstentions",
    ];
    let b = text.as_bytes();
    // `\b` is ASCII: the word is the whole run of ASCII word characters that opens the text
    let w_end = b
        .iter()
        .position(|&x| !(x.is_ascii_alphanumeric() || x == b'_'))
        .unwrap_or(b.len());
    let w = text.get(..w_end)?;
    if !WORDS.iter().any(|x| w.eq_ignore_ascii_case(x)) {
        return None;
    }
    let mut p = w_end;
    loop {
        let rest = text.get(p..)?;
        let mut cs = rest.chars();
        let c = cs.next()?;
        if c.is_whitespace() {
            if let Some(sep @ ('–' | ':' | '-')) = cs.next() {
                let sep_end = p + c.len_utf8() + sep.len_utf8();
                if let Some(found) = named_tail(text, sep_end) {
                    let m = NamedCount {
                        end: text.len(),
                        w: (0, w_end),
                        names: found.0,
                        n: found.1,
                    };
                    return Some((m, p));
                }
            }
        }
        // the gap takes this character and the search moves on, where it may
        if matches!(c, '–' | ':' | '(' | ')' | '\n') {
            return None;
        }
        p += c.len_utf8();
    }
}

/// The rest of [`NAMED_COUNT_UNBOUNDED`] after its separator's dash or colon (at `from`): the
/// byte ranges of `names` and `n`. See [`named_count_plain`].
fn named_tail(text: &str, from: usize) -> Option<((usize, usize), (usize, usize))> {
    let after = text.get(from..)?;
    let paren = from + memchr::memchr2(b'(', b')', after.as_bytes())?;
    // `\((\d{1,3})\)\s*\.?$`
    let tail = text.get(paren..)?.strip_prefix('(')?;
    let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let end = tail.get(digits..)?.strip_prefix(')')?.trim_start();
    if !(end.is_empty() || end == ".") {
        return None;
    }
    let n = (paren + 1, paren + 1 + digits);
    // `\s*` before the names, greedy, then given back one white space character at a time
    let run = text.get(from..paren)?;
    let ws = run.len() - run.trim_start().len();
    let mut start = from + ws;
    while text.get(start..paren)?.chars().count() < 3 {
        let back = text.get(from..start)?.chars().next_back()?;
        start -= back.len_utf8();
    }
    // the lazy names: three characters at least, then up to the white space before `(`
    let names = text.get(start..paren)?;
    let three = names.char_indices().nth(3).map_or(names.len(), |(i, _)| i);
    let end = names.trim_end().len().max(three);
    Some(((start, start + end), n))
}

/// Inline counts: `For 43, against 0, abstentions 0`, `(For 8, Against 2, Abstain 1)`.
static INLINE_COUNTS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bfor[:\s]+(\d{1,3})\s*[,;]?\s*against[:\s]+(\d{1,3})(?:\s*[,;]?\s*(?:and\s+)?(?:abstentions?|abstain(?:ed)?)[:\s]+(\d{1,3}))?",
    )
});

/// `by 41 votes to 1`, `42 votes to 1`.
static VOTES_TO: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(\d{1,3}) votes? to (\d{1,3})(?:,? with (\d{1,3}) abstentions?)?"));

/// `(with 34 votes for and 1 against)`, `– 6 votes in favour`.
static VOTES_FOR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:with )?(\d{1,3}) votes? (?:for|in favou?r)(?:,? (?:and )?(\d{1,3}) against)?(?:,? (?:and )?(\d{1,3}) abstentions?)?",
    )
});

/// A count of votes found in a text: its match's byte range and the numbers of its groups 1, 2
/// and 3 (as [`num`] reads them).
type Counts = (usize, usize, [Option<u32>; 3]);

/// The three inline count rules, tried in this order: [`INLINE_COUNTS`], [`VOTES_TO`],
/// [`VOTES_FOR`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CountRule {
    Inline,
    To,
    For,
}

impl CountRule {
    #[cfg(test)]
    fn regex(self) -> &'static Regex {
        match self {
            CountRule::Inline => &INLINE_COUNTS,
            CountRule::To => &VOTES_TO,
            CountRule::For => &VOTES_FOR,
        }
    }
}

/// Every match of `rule` in `text`, as its `captures_iter` finds them. In [`plain`] text the
/// rules are read by hand (see [`counts_plain`]); otherwise they are captured.
fn counts(rule: CountRule, text: &str) -> Vec<Counts> {
    if plain(text) {
        return counts_plain(rule, text);
    }
    let regex: &Regex = match rule {
        CountRule::Inline => &INLINE_COUNTS,
        CountRule::To => &VOTES_TO,
        CountRule::For => &VOTES_FOR,
    };
    regex
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            Some((
                m.start(),
                m.end(),
                [num(c.get(1)), num(c.get(2)), num(c.get(3))],
            ))
        })
        .collect()
}

/// The run of ASCII digits at `p` in `t`: where it ends.
fn digits_end(t: &str, p: usize) -> usize {
    p + t
        .as_bytes()
        .get(p..)
        .map_or(0, |r| r.iter().take_while(|x| x.is_ascii_digit()).count())
}

/// `(\d{1,3})` at `p` where a digit cannot follow it (the rule goes on with white space, a
/// punctuation mark or a letter): the whole run of ASCII digits there, of one to three. (A
/// longer run fails: three of it leave a digit next, and fewer too.)
fn count_then_other(t: &str, p: usize) -> Option<(usize, Option<u32>)> {
    let e = digits_end(t, p);
    (1..=3)
        .contains(&(e - p))
        .then(|| (e, t.get(p..e).and_then(|d| d.parse().ok())))
}

/// `(\d{1,3})` at `p` where the rule may end after it: the first three digits of the run at
/// most (the greedy repetition takes three, and what may follow cannot start with a digit).
fn count_up_to_three(t: &str, p: usize) -> Option<(usize, Option<u32>)> {
    let e = digits_end(t, p).min(p + 3);
    (e > p).then(|| (e, t.get(p..e).and_then(|d| d.parse().ok())))
}

/// `[:\s]+` at `p` in `t`: where the run of colons and white space ends.
fn colons_or_space(t: &str, p: usize) -> Option<usize> {
    let r = t.get(p..)?;
    let n = r.len()
        - r.trim_start_matches(|c: char| c == ':' || c.is_whitespace())
            .len();
    (n > 0).then_some(p + n)
}

/// `\s*[,;]?\s*` at `p` in `t`: where it ends.
fn comma_gap(t: &str, p: usize) -> usize {
    let q = space0(t, p);
    let q = if matches!(t.as_bytes().get(q), Some(b',' | b';')) {
        q + 1
    } else {
        q
    };
    space0(t, q)
}

/// [`INLINE_COUNTS`], [`VOTES_TO`] or [`VOTES_FOR`] read by hand in [`plain`] text, where `\d`
/// is an ASCII digit and `(?i)` folds ASCII letters only: every match as `captures_iter` finds
/// them, the first match that starts first, then the next from where it ended.
///
/// Each rule opens with an ASCII `\b` and a word character (`for`, `with`, a digit), so only
/// the starts of ASCII words are tried. Each reads one way only: a count followed by more of
/// the rule is the whole run of digits ([`count_then_other`]) and one that may end the match
/// is its first three digits ([`count_up_to_three`]); an optional part (`,`, `and `, `s`,
/// `with `, the trailing groups) is taken where it is there and the rest cannot start where it
/// begins, and the trailing groups are left off where they do not match. `\s` is Rust's white
/// space.
fn counts_plain(rule: CountRule, text: &str) -> Vec<Counts> {
    let t = text;
    let b = t.as_bytes();
    let word_byte = |x: u8| x.is_ascii_alphanumeric() || x == b'_';
    // `abstentions?` after `pre`: where it ends
    let abstentions = |q: usize| {
        let q = lit(t, q, "abstention")?;
        Some(lit(t, q, "s").unwrap_or(q))
    };
    // `(?:abstentions?|abstain(?:ed)?)`: where it ends
    let abstain_word = |q: usize| {
        abstentions(q).or_else(|| {
            let q = lit(t, q, "abstain")?;
            Some(lit(t, q, "ed").unwrap_or(q))
        })
    };
    let at = |p: usize| -> Option<Counts> {
        match rule {
            // \bfor[:\s]+(\d{1,3})\s*[,;]?\s*against[:\s]+(\d{1,3})
            // (?:\s*[,;]?\s*(?:and\s+)?(?:abstentions?|abstain(?:ed)?)[:\s]+(\d{1,3}))?
            CountRule::Inline => {
                let q = colons_or_space(t, lit(t, p, "for")?)?;
                let (q, n1) = count_then_other(t, q)?;
                let q = colons_or_space(t, lit(t, comma_gap(t, q), "against")?)?;
                let (q, n2) = count_up_to_three(t, q)?;
                let third = || {
                    let r = comma_gap(t, q);
                    let r = lit(t, r, "and").and_then(|x| space1(t, x)).unwrap_or(r);
                    count_up_to_three(t, colons_or_space(t, abstain_word(r)?)?)
                };
                Some(match third() {
                    Some((e, n3)) => (p, e, [n1, n2, n3]),
                    None => (p, q, [n1, n2, None]),
                })
            }
            // \b(\d{1,3}) votes? to (\d{1,3})(?:,? with (\d{1,3}) abstentions?)?
            CountRule::To => {
                let (q, n1) = count_then_other(t, p)?;
                let q = lit(t, q, " vote")?;
                let q = lit(t, lit(t, q, "s").unwrap_or(q), " to ")?;
                let (q, n2) = count_up_to_three(t, q)?;
                let third = || {
                    let r = if b.get(q) == Some(&b',') { q + 1 } else { q };
                    let (r, n3) = count_then_other(t, lit(t, r, " with ")?)?;
                    Some((abstentions(lit(t, r, " ")?)?, n3))
                };
                Some(match third() {
                    Some((e, n3)) => (p, e, [n1, n2, n3]),
                    None => (p, q, [n1, n2, None]),
                })
            }
            // \b(?:with )?(\d{1,3}) votes? (?:for|in favou?r)
            // (?:,? (?:and )?(\d{1,3}) against)?(?:,? (?:and )?(\d{1,3}) abstentions?)?
            CountRule::For => {
                let q = lit(t, p, "with ").unwrap_or(p);
                let (q, n1) = count_then_other(t, q)?;
                let q = lit(t, q, " vote")?;
                let q = lit(t, lit(t, q, "s").unwrap_or(q), " ")?;
                let q = lit_of(t, q, &["for", "in favour", "in favor"])?;
                // `,? (?:and )?(\d{1,3})` then `then`
                let group = |q: usize, then: &dyn Fn(usize) -> Option<usize>| {
                    let r = if b.get(q) == Some(&b',') { q + 1 } else { q };
                    let r = lit(t, r, " ")?;
                    let r = lit(t, r, "and ").unwrap_or(r);
                    let (r, n) = count_then_other(t, r)?;
                    Some((then(r)?, n))
                };
                let (q, n2) = group(q, &|r| lit(t, r, " against")).unwrap_or((q, None));
                let (q, n3) = group(q, &|r| abstentions(lit(t, r, " ")?)).unwrap_or((q, None));
                Some((p, q, [n1, n2, n3]))
            }
        }
    };
    let mut out = Vec::new();
    let mut p = 0;
    while p < b.len() {
        // each rule's first character: `f`, a digit, or `w` or a digit
        let first = b.get(p).is_some_and(|&x| match rule {
            CountRule::Inline => x == b'f' || x == b'F',
            CountRule::To => x.is_ascii_digit(),
            CountRule::For => x.is_ascii_digit() || x == b'w' || x == b'W',
        });
        let starts = first && (p == 0 || b.get(p - 1).is_some_and(|&x| !word_byte(x)));
        match starts.then(|| at(p)).flatten() {
            Some(m) => {
                p = m.1;
                out.push(m);
            }
            None => p += 1,
        }
    }
    out
}

/// `carried 5-0`, `FAILED [4-2-1-1]`, `(7-0)`.
static DASHED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(carried|passed|approved|failed|lost|defeated|adopted)\s*[\[(]?\s*(\d{1,2})\s*[-–]\s*(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?",
    )
});

/// Whether a [`DASHED`] match that ends at `end` in `text` ends its clause, so that its numbers
/// are a vote's counts: after it, past any white space, the text ends, or comes a mark that
/// closes a clause or a bracket (`.`, `,`, `;`, `:`, `)`, `]`), a dash (more counts, as in
/// `[4-2-1-1]`), or a word that opens with one of [`VOTE_WORDS`] or is `with` (`carried 5-0
/// with one abstention`). `approved 2-3 times a year` is no vote.
fn dashed_ends_clause(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or_default().trim_start();
    let word_len = rest
        .bytes()
        .position(|x| !x.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    let word = rest.get(..word_len).unwrap_or_default();
    match rest.chars().next() {
        None | Some('.' | ',' | ';' | ':' | ')' | ']' | '-' | '–') => true,
        Some(_) => {
            word.eq_ignore_ascii_case("with")
                || VOTE_WORDS.iter().any(|w| crate::segment::opens_ci(word, w))
        }
    }
}

/// `AYES: Smith, Jones` / `NOES: None`.
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(ayes|yeas|noes|nays|abstain(?:ed|ing|s)?|abstentions?)\s*[:\-–]\s*(.*)$")
});

/// Outcome words.
static OUTCOME: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)
      \b(?:motion|amendment|proposal|recommendation|resolution)s?\s+(?:was\s+)?(?:declared\s+)?(?P<c1>carried|passed|adopted)\b
    | \b(?P<c2>carried|agreed|approved|passed|supported|resolved)\s+unanimously\b
    | \bunanimously\s+(?P<c3>carried|agreed|approved|passed|supported|resolved|adopted)\b
    | ^\s*(?P<c4>carried)\b
    | \b(?P<c5>carried)\s*\.?\s*$
    | \bdeclared\s+(?:to\s+be\s+)?(?P<c6>carried)\b
    | \ball\s+(?:councillors\s+|members\s+)?(?P<c7>agreed|approved|were\s+in\s+favou?r|in\s+favou?r)\b
    | \bdeclared\s+(?:to\s+be\s+)?(?P<l1>lost|defeated)\b
    | \b(?:motion|amendment|proposal)\s+(?:was\s+)?(?P<l2>lost|fell|failed|defeated)\b
    | ^\s*(?P<l3>lost|defeated)\b
    | \b(?P<l4>defeated)\s*\.?\s*$
    ")
});

/// The span of [`OUTCOME`]'s first match in `text`, and whether it is a losing one (a group
/// `l1` ... `l4` took part). Where `text` holds no `ſ` or Kelvin sign (see [`folds`]) the rule
/// is read by hand (see [`outcome_plain`]); otherwise it is captured.
fn outcome(text: &str) -> Option<(usize, usize, bool)> {
    if !folds(text) {
        return outcome_plain(text);
    }
    let c = OUTCOME.captures(text)?;
    let lost = ["l1", "l2", "l3", "l4"].iter().any(|n| c.name(n).is_some());
    let m = c.get(0)?;
    Some((m.start(), m.end(), lost))
}

/// `w` (lowercase ASCII letters) at `p` in `t`, ignoring ASCII case: where it ends.
fn lit(t: &str, p: usize, w: &str) -> Option<usize> {
    t.as_bytes()
        .get(p..p + w.len())
        .filter(|x| x.eq_ignore_ascii_case(w.as_bytes()))
        .map(|_| p + w.len())
}

/// The first of `ws` at `p` in `t` (see [`lit`]): where it ends.
fn lit_of(t: &str, p: usize, ws: &[&str]) -> Option<usize> {
    ws.iter().find_map(|w| lit(t, p, w))
}

/// Where the white space at `p` in `t` ends (`\s*`; Rust's white space is the regex's `\s`).
fn space0(t: &str, p: usize) -> usize {
    t.get(p..)
        .map_or(p, |r| p + (r.len() - r.trim_start().len()))
}

/// `\s+` at `p` in `t`: where it ends.
fn space1(t: &str, p: usize) -> Option<usize> {
    Some(space0(t, p)).filter(|&q| q > p)
}

/// Whether an ASCII word boundary follows a word character that ends at `p` (`\b`, which is
/// ASCII in this crate's rules: no ASCII letter, digit or `_` follows).
fn word_ends(t: &str, p: usize) -> bool {
    t.as_bytes()
        .get(p)
        .is_none_or(|&x| !(x.is_ascii_alphanumeric() || x == b'_'))
}

/// Whether an ASCII word starts at `p` with a letter: the `\b` then a letter that all but the
/// `^\s*` alternatives of [`OUTCOME`] and [`UNANIMOUS`] open with.
fn letter_word_starts(t: &str, p: usize) -> bool {
    let b = t.as_bytes();
    b.get(p).is_some_and(u8::is_ascii_alphabetic)
        && (p == 0
            || b.get(p - 1)
                .is_some_and(|&x| !(x.is_ascii_alphanumeric() || x == b'_')))
}

/// `\s*\.?\s*$` at `p` in `t`.
fn only_a_stop_left(t: &str, p: usize) -> bool {
    let r = t.get(p..).unwrap_or_default().trim_start();
    r.strip_prefix('.').unwrap_or(r).trim_start().is_empty()
}

/// [`OUTCOME`] read by hand in text with no `ſ` or Kelvin sign, where `(?i)` folds ASCII
/// letters only: the span of its first match and whether a losing alternative made it.
///
/// The regex finds the match that starts first, and at one start its first alternative that
/// matches. Each alternative opens with `^` or with `\b` and a letter, so only the text's start
/// and the starts of ASCII words are tried, and at each the alternatives in the rule's order.
/// Each alternative reads one way only: no word of a list is a prefix of another there, an
/// optional word (`s?`, `was\s+`, `declared\s+`, `to\s+be\s+`, `councillors\s+`) is followed
/// by something it cannot be taken for, and `\s+` is followed by a letter, so the first path
/// taken greedily is the only one that can match. `\s` is Rust's white space (a test in
/// `narrative` checks it).
///
/// Only the start of the text and the ASCII words that an alternative can open with
/// ([`opens_outcome`]) are tried, each word looked at once.
fn outcome_plain(text: &str) -> Option<(usize, usize, bool)> {
    let b = text.as_bytes();
    // the start: the `^\s*` alternatives, and any that a word there opens
    if let Some((e, lost)) = outcome_at(text, 0) {
        return Some((0, e, lost));
    }
    let class = |p: usize| b.get(p).map_or(0, |&x| CLASS[usize::from(x)]);
    // (one table look-up a byte; whether the byte before `p` is an ASCII word character is
    // carried along rather than read again)
    let mut after_word = class(0) & WORD != 0;
    let mut p = 1;
    while let Some(&x) = b.get(p) {
        let c = CLASS[usize::from(x)];
        if after_word || c & ALPHA == 0 {
            after_word = c & WORD != 0;
            p += 1;
            continue;
        }
        // an ASCII word starts at `p`: its letters
        let mut q = p + 1;
        while class(q) & ALPHA != 0 {
            q += 1;
        }
        if b.get(p..q).is_some_and(opens_outcome) {
            if let Some((e, lost)) = outcome_at(text, p) {
                return Some((p, e, lost));
            }
        }
        p = q;
        after_word = true;
    }
    None
}

/// [`CLASS`] bit: an ASCII letter.
const ALPHA: u8 = 1;
/// [`CLASS`] bit: an ASCII word character (a letter, a digit or `_`: what `\b` reads).
const WORD: u8 = 2;

/// The [`ALPHA`] and [`WORD`] bits of each byte, for [`outcome_plain`]'s walk.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let x = i as u8;
        if x.is_ascii_alphabetic() {
            t[i] = ALPHA | WORD;
        } else if x.is_ascii_digit() || x == b'_' {
            t[i] = WORD;
        }
        i += 1;
    }
    t
};

/// [`outcome_plain`] as it was, its walk testing each byte and the byte before it, and each
/// word with [`opens_outcome_before`]: the oracle of the tests.
#[cfg(test)]
fn outcome_plain_walk_before(text: &str) -> Option<(usize, usize, bool)> {
    let b = text.as_bytes();
    if let Some((e, lost)) = outcome_at(text, 0) {
        return Some((0, e, lost));
    }
    let word_byte = |x: &u8| x.is_ascii_alphanumeric() || *x == b'_';
    let mut p = 1;
    while let Some(x) = b.get(p) {
        if !x.is_ascii_alphabetic() || b.get(p - 1).is_none_or(word_byte) {
            p += 1;
            continue;
        }
        let q = p + b.get(p..).map_or(0, |r| {
            r.iter().take_while(|c| c.is_ascii_alphabetic()).count()
        });
        if b.get(p..q).is_some_and(opens_outcome_before) {
            if let Some((e, lost)) = outcome_at(text, p) {
                return Some((p, e, lost));
            }
        }
        p = q;
    }
    None
}

/// The words that an alternative of [`OUTCOME`] opens with but at the text's start (see
/// [`opens_outcome`]).
const OUTCOME_OPENINGS: [&str; 20] = [
    "motion",
    "motions",
    "amendment",
    "amendments",
    "proposal",
    "proposals",
    "recommendation",
    "recommendations",
    "resolution",
    "resolutions",
    "carried",
    "agreed",
    "approved",
    "passed",
    "supported",
    "resolved",
    "unanimously",
    "declared",
    "all",
    "defeated",
];

/// The words of [`OUTCOME_OPENINGS`] (bit `i`: the word at `i`) by the low five bits of their
/// first letter.
const OPENINGS_BY_FIRST: [u32; 32] = {
    let mut t = [0u32; 32];
    let mut i = 0;
    while i < OUTCOME_OPENINGS.len() {
        let w = OUTCOME_OPENINGS[i].as_bytes();
        t[(w[0] & 31) as usize] |= 1 << i;
        i += 1;
    }
    t
};

/// The words of [`OUTCOME_OPENINGS`] (bit `i`: the word at `i`) by their length (all are
/// shorter than 16).
const OPENINGS_BY_LENGTH: [u32; 16] = {
    let mut t = [0u32; 16];
    let mut i = 0;
    while i < OUTCOME_OPENINGS.len() {
        t[OUTCOME_OPENINGS[i].len()] |= 1 << i;
        i += 1;
    }
    t
};

/// Whether an alternative of [`OUTCOME`] can match at an ASCII word (not at the text's start)
/// whose letters are `w`: each but the `^\s*` ones opens with one of these words (a plural `s`
/// allowed on the nouns of the first), followed by no ASCII letter (white space, a full stop or
/// the end), ignoring ASCII case.
fn opens_outcome(w: &[u8]) -> bool {
    // (the words that open as `w` does, by the low five bits of its first byte, and are as
    // long: a word equal to one ignoring ASCII case has its length, and a first byte that
    // differs from its first letter in the `0x20` bit at most; most words have none, and the
    // others one or two, which alone are compared)
    let first = w.first().map_or(0, |x| x & 31);
    let Some(&by_length) = OPENINGS_BY_LENGTH.get(w.len()) else {
        return false;
    };
    let mut maybe = OPENINGS_BY_FIRST[usize::from(first)] & by_length;
    while maybe != 0 {
        let i = maybe.trailing_zeros() as usize;
        if OUTCOME_OPENINGS
            .get(i)
            .is_some_and(|x| w.eq_ignore_ascii_case(x.as_bytes()))
        {
            return true;
        }
        maybe &= maybe - 1;
    }
    false
}

/// [`opens_outcome`] as it was, by the word's first letter and then every word: the oracle of
/// the tests.
#[cfg(test)]
fn opens_outcome_before(w: &[u8]) -> bool {
    // (most words open with another letter)
    matches!(
        w.first().map(|x| x | 0x20),
        Some(b'm' | b'a' | b'p' | b'r' | b'c' | b's' | b'u' | b'd')
    ) && OUTCOME_OPENINGS
        .iter()
        .any(|x| w.eq_ignore_ascii_case(x.as_bytes()))
}

/// [`outcome_plain`] as it was: every byte at the start of an ASCII word that opens with an
/// alternative's first letter is tried. The oracle of the tests.
#[cfg(test)]
fn outcome_plain_before(text: &str) -> Option<(usize, usize, bool)> {
    let t = text;
    let at = |p: usize| outcome_at(t, p);
    // (a quick look at each byte first: the start of the text, or an alternative's first
    // letter, `m a p r s c u d l` in either case, after a byte that is no ASCII word character)
    let b = t.as_bytes();
    let first = |x: &u8| {
        matches!(
            x | 0x20,
            b'm' | b'a' | b'p' | b'r' | b's' | b'c' | b'u' | b'd' | b'l'
        )
    };
    let after_word = |p: usize| {
        p.checked_sub(1)
            .and_then(|k| b.get(k))
            .is_some_and(|&x| x.is_ascii_alphanumeric() || x == b'_')
    };
    (0..t.len())
        .filter(|&p| p == 0 || (b.get(p).is_some_and(first) && !after_word(p)))
        .find_map(|p| at(p).map(|(e, lost)| (p, e, lost)))
}

/// [`OUTCOME`] at `p` in `t` (the text's start, or an ASCII word's), its alternatives in order:
/// where the match ends and whether a losing alternative made it. See [`outcome_plain`].
fn outcome_at(t: &str, p: usize) -> Option<(usize, bool)> {
    const CARRIED: [&str; 6] = [
        "carried",
        "agreed",
        "approved",
        "passed",
        "supported",
        "resolved",
    ];
    let word = letter_word_starts(t, p);
    if !(word || p == 0) {
        return None;
    }
    // `\b` then a letter, at `p`
    let w = || word.then_some(p);
    let b = |q: usize| word_ends(t, q).then_some(q);
    let declared = || space1(t, lit(t, w()?, "declared")?);
    let to_be = |q: usize| {
        lit(t, q, "to")
            .and_then(|r| space1(t, r))
            .and_then(|r| lit(t, r, "be"))
            .and_then(|r| space1(t, r))
            .unwrap_or(q)
    };
    let was = |q: usize| lit(t, q, "was").and_then(|r| space1(t, r)).unwrap_or(q);
    // `^\s*(words)\b`
    let opening = |ws: &[&str]| b(lit_of(t, space0(t, (p == 0).then_some(0)?), ws)?);
    // `\b(word)\s*\.?\s*$`
    let last = |word: &str| {
        let q = lit(t, w()?, word)?;
        only_a_stop_left(t, q).then_some(t.len())
    };
    let c1 = || {
        let q = lit_of(
            t,
            w()?,
            &[
                "motion",
                "amendment",
                "proposal",
                "recommendation",
                "resolution",
            ],
        )?;
        let q = space1(t, lit(t, q, "s").unwrap_or(q))?;
        let q = was(q);
        let q = lit(t, q, "declared")
            .and_then(|r| space1(t, r))
            .unwrap_or(q);
        b(lit_of(t, q, &["carried", "passed", "adopted"])?)
    };
    let c2 = || {
        b(lit(
            t,
            space1(t, lit_of(t, w()?, &CARRIED)?)?,
            "unanimously",
        )?)
    };
    let c3 = || {
        let q = space1(t, lit(t, w()?, "unanimously")?)?;
        b(lit_of(t, q, &CARRIED).or_else(|| lit(t, q, "adopted"))?)
    };
    let c4 = || opening(&["carried"]);
    let c5 = || last("carried");
    let c6 = || b(lit(t, to_be(declared()?), "carried")?);
    let c7 = || {
        let q = space1(t, lit(t, w()?, "all")?)?;
        let q = lit_of(t, q, &["councillors", "members"])
            .and_then(|r| space1(t, r))
            .unwrap_or(q);
        let favour = |r: usize| lit_of(t, space1(t, lit(t, r, "in")?)?, &["favour", "favor"]);
        b(lit_of(t, q, &["agreed", "approved"])
            .or_else(|| favour(space1(t, lit(t, q, "were")?)?))
            .or_else(|| favour(q))?)
    };
    let l1 = || b(lit_of(t, to_be(declared()?), &["lost", "defeated"])?);
    let l2 = || {
        let q = space1(t, lit_of(t, w()?, &["motion", "amendment", "proposal"])?)?;
        b(lit_of(t, was(q), &["lost", "fell", "failed", "defeated"])?)
    };
    let l3 = || opening(&["lost", "defeated"]);
    let l4 = || last("defeated");
    let carrying = c1()
        .or_else(c2)
        .or_else(c3)
        .or_else(c4)
        .or_else(c5)
        .or_else(c6)
        .or_else(c7);
    match carrying {
        Some(e) => Some((e, false)),
        None => l1().or_else(l2).or_else(l3).or_else(l4).map(|e| (e, true)),
    }
}

/// `Carried unanimously`, `all members were in favour`. Read by hand in text with no `ſ` or
/// Kelvin sign: see [`unanimous_plain`].
static UNANIMOUS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bunanimous(?:ly)?\b|\ball\s+(?:councillors\s+|members\s+)?(?:agreed|approved|were in favou?r|in favou?r)\b",
    )
});

/// Whether [`UNANIMOUS`] matches in `text`.
fn unanimous(text: &str) -> bool {
    if folds(text) {
        return UNANIMOUS.is_match(text);
    }
    unanimous_plain(text)
}

/// [`UNANIMOUS`] read by hand in text with no `ſ` or Kelvin sign (where `(?i)` folds ASCII
/// letters only): at the start of an ASCII word (its `\b` is ASCII), `unanimous` or
/// `unanimously` ending a word, or `all`, white space, maybe `councillors` or `members` and
/// white space, then `agreed`, `approved`, `were in favour` or `in favour` (single spaces,
/// `favor` too) ending a word. An optional word is followed by one it cannot be taken for, so
/// the greedy path is the only one that can match.
fn unanimous_plain(text: &str) -> bool {
    let t = text;
    let at = |p: usize| -> Option<usize> {
        let b = |q: usize| word_ends(t, q).then_some(q);
        if let Some(q) = lit(t, p, "unanimous") {
            return lit(t, q, "ly").and_then(b).or_else(|| b(q));
        }
        let q = space1(t, lit(t, p, "all")?)?;
        let q = lit_of(t, q, &["councillors", "members"])
            .and_then(|r| space1(t, r))
            .unwrap_or(q);
        b(lit_of(
            t,
            q,
            &[
                "agreed",
                "approved",
                "were in favour",
                "were in favor",
                "in favour",
                "in favor",
            ],
        )?)
    };
    let b = t.as_bytes();
    memchr::memchr2_iter(b'u', b'U', b)
        .chain(memchr::memchr2_iter(b'a', b'A', b))
        .any(|p| letter_word_starts(t, p) && at(p).is_some())
}

/// Whether a text has the ends that [`NAMED_COUNT`] needs: it opens with `f` or `a`
/// (`^(for|against|abst...)`, no other letter folds to these) and ends with `)`, then maybe
/// white space and a full stop (`\)\s*\.?$`; Rust's white space is the regex's `\s`).
fn may_be_named_count(text: &str) -> bool {
    text.starts_with(['f', 'F', 'a', 'A'])
        && text
            .strip_suffix('.')
            .unwrap_or(text)
            .trim_end()
            .ends_with(')')
}

/// Whether `line` opens with one of `words` (three lowercase ASCII letters), ignoring ASCII
/// case, as a rule's `(?i)^(word...)` needs; `ab` then `ſ` counts as `abs` (`(?i)` lets `ſ` stand
/// for `s`, and no other letter of these words has a non-ASCII twin but `k`, which none holds).
///
/// The first three bytes are lowered by setting their `0x20` bit, which maps onto a lowercase
/// ASCII letter only that letter and its capital; the `ſ` (`C5 BF`) is looked for only where
/// its lead byte is.
fn opens_with(line: &str, words: &[&[u8; 3]]) -> bool {
    match *line.as_bytes() {
        [x, y, z, ..] if words.contains(&&[x | 0x20, y | 0x20, z | 0x20]) => true,
        [x, y, 0xC5, ..] => {
            [x | 0x20, y | 0x20] == *b"ab"
                && line.get(2..).is_some_and(|r| r.starts_with('\u{17f}'))
                && words.contains(&b"abs")
        }
        _ => false,
    }
}

/// [`opens_with`] as it was: the oracle of the tests.
#[cfg(test)]
fn opens_with_before(line: &str, words: &[&[u8; 3]]) -> bool {
    let b = line.as_bytes();
    b.get(..3)
        .is_some_and(|p| words.iter().any(|w| p.eq_ignore_ascii_case(*w)))
        || (b.get(..2).is_some_and(|p| p.eq_ignore_ascii_case(b"ab"))
            && line.get(2..).is_some_and(|r| r.starts_with('\u{17f}'))
            && words.contains(&b"abs"))
}

/// Whether `line` reads under `(?i)` and `\d` as it would in ASCII: no `ſ` or Kelvin sign (the
/// only letters that fold to ASCII ones) and no digit but ASCII ones (`char::is_numeric` holds
/// for every `\d`).
fn plain(line: &str) -> bool {
    line.is_ascii() || (!folds(line) && !line.chars().any(|c| !c.is_ascii() && c.is_numeric()))
}

/// [`NAMED`]'s word and list (groups 1 and 2) in `line`. In [`plain`] text (where `(?i)` folds
/// ASCII letters only) the rule is read by hand: the word is the line's opening ASCII letters,
/// one of the rule's words ignoring case (each alternative is letters and must be followed by
/// white space or a dash or colon, so no longer run of letters matches), then white space, a
/// dash or colon, and the list: whatever follows less the white space that opens it (`\s*` is
/// greedy and `.*$` takes the rest, which therefore holds no line break; giving white space
/// back to `.*` would not remove one). `\s` is Rust's white space.
fn named_line(line: &str) -> Option<(&str, &str)> {
    if !plain(line) {
        let c = NAMED.captures(line)?;
        return Some((c.get(1)?.as_str(), c.get(2)?.as_str()));
    }
    const WORDS: [&str; 10] = [
        "ayes",
        "yeas",
        "noes",
        "nays",
        "abstain",
        "abstained",
        "abstaining",
        "abstains",
        "abstention",
        "abstentions",
    ];
    let word = line
        .bytes()
        .position(|x| !x.is_ascii_alphabetic())
        .unwrap_or(line.len());
    let w = line.get(..word)?;
    if !WORDS.iter().any(|x| w.eq_ignore_ascii_case(x)) {
        return None;
    }
    let after = line.get(word..)?.trim_start();
    let sep = after
        .chars()
        .next()
        .filter(|c| matches!(c, ':' | '-' | '–'))?;
    let list = after.get(sep.len_utf8()..)?.trim_start();
    (!list.contains('\n')).then_some((w, list))
}

/// [`COUNT_LINE`]'s word and count (groups 1 and 2) in `line`. In [`plain`] text the rule is
/// read by hand (see [`count_line_plain`]).
fn count_line(line: &str) -> Option<(&str, &str)> {
    if !plain(line) {
        let c = COUNT_LINE.captures(line)?;
        return Some((c.get(1)?.as_str(), c.get(2)?.as_str()));
    }
    count_line_plain(line)
}

/// [`COUNT_LINE`] read by hand in [`plain`] text (where `\d` is an ASCII digit and `(?i)` folds
/// ASCII letters only), with its groups 1 and 2:
///
/// - `^(for|against|abstain(?:ed|ing|s)?|abstentions?)\b`: the word is the line's opening run of
///   ASCII word characters (the `\b` is ASCII), one of these ignoring case;
/// - `[^0-9\n]{0,60}?[:\-–(]?\s*\(?`: none of it is a digit, so the count starts at the first
///   digit; before it, the longest tail that `[:\-–(]?\s*\(?` takes (an opening parenthesis,
///   the white space before it, then one of `:-–(`) leaves the least to the gap, which must be
///   at most 60 characters and hold no line break (a longer tail only shortens the gap);
/// - `(\d{1,3})`: the whole run of digits there, of one to three (no digit may follow it);
/// - `\)?\s*(?:votes?)?\s*$`: the rest is a closing parenthesis maybe, then white space, `vote`
///   or `votes` maybe, and white space to the end (Rust's white space is the regex's `\s`).
fn count_line_plain(line: &str) -> Option<(&str, &str)> {
    const WORDS: [&str; 7] = [
        "for",
        "against",
        "abstain",
        "abstained",
        "abstaining",
        "abstains",
        "abstention",
    ];
    let b = line.as_bytes();
    let word = b
        .iter()
        .position(|&x| !(x.is_ascii_alphanumeric() || x == b'_'))
        .unwrap_or(b.len());
    let w = line.get(..word)?;
    if !(WORDS.iter().any(|x| w.eq_ignore_ascii_case(x)) || w.eq_ignore_ascii_case("abstentions")) {
        return None;
    }
    let digits = b.iter().position(u8::is_ascii_digit)?;
    let run = b
        .get(digits..)?
        .iter()
        .take_while(|x| x.is_ascii_digit())
        .count();
    if run > 3 {
        return None;
    }
    // the tail before the count, taken from its end
    let before = line.get(word..digits)?;
    let before = before.strip_suffix('(').unwrap_or(before).trim_end();
    let gap = before.strip_suffix([':', '-', '–', '(']).unwrap_or(before);
    if gap.contains('\n') || gap.chars().count() > 60 {
        return None;
    }
    // after the count
    let after = line.get(digits + run..)?;
    let after = after.strip_prefix(')').unwrap_or(after).trim_start();
    let end = |t: &str| t.trim_start().is_empty();
    let voted = ["votes", "vote"].iter().any(|v| {
        after
            .get(..v.len())
            .is_some_and(|x| x.eq_ignore_ascii_case(v))
            && after.get(v.len()..).is_some_and(end)
    });
    if !(end(after) || voted) {
        return None;
    }
    Some((w, line.get(digits..digits + run)?))
}

/// Whether `text` holds an ASCII digit, tested a block of bytes at a time (without an early
/// exit inside a block, so the compiler can vectorise it).
fn has_digit(text: &str) -> bool {
    text.as_bytes()
        .chunks(32)
        .any(|block| block.iter().fold(false, |any, b| any | b.is_ascii_digit()))
}

/// Whether `text` holds a digit, then maybe white space, `-` or `–` (`E2 80 93`), maybe white
/// space and a digit: the `(\d{1,2})\s*[-–]\s*(\d{1,2})` that [`DASHED`] needs. `\d` is a
/// Unicode digit, for which `char::is_numeric` holds, and Rust's white space is the regex's
/// `\s` (a test in `narrative` checks it), so where this is false the rule cannot match.
fn dashed_counts(text: &str) -> bool {
    let b = text.as_bytes();
    let digit_before = |at: usize| {
        text.get(..at)
            .and_then(|t| t.trim_end().chars().next_back())
            .is_some_and(char::is_numeric)
    };
    let digit_after = |at: usize| {
        text.get(at..)
            .and_then(|t| t.trim_start().chars().next())
            .is_some_and(char::is_numeric)
    };
    memchr::memchr_iter(b'-', b).any(|i| digit_before(i) && digit_after(i + 1))
        || (!text.is_ascii()
            && memchr::memchr_iter(0xE2, b).any(|i| {
                b.get(i + 1..i + 3) == Some(&[0x80, 0x93]) && digit_before(i) && digit_after(i + 3)
            }))
}

/// Whether `text` holds a digit, a space and `vote` (any ASCII case): the `\d{1,3} votes?`
/// that [`VOTES_TO`] and [`VOTES_FOR`] need. `\d` is a Unicode digit, for which
/// `char::is_numeric` holds, and no letter but ASCII ones folds to those of `vote`.
fn counted_votes(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(b'v', b'V', b).any(|i| {
        b.get(i + 1..i + 4)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"ote"))
            && i.checked_sub(1).and_then(|k| b.get(k)) == Some(&b' ')
            && text
                .get(..i.saturating_sub(1))
                .and_then(|t| t.chars().next_back())
                .is_some_and(char::is_numeric)
    })
}

/// Whether `text` holds `all` (any ASCII case) at an ASCII word start, then white space: the
/// `\ball\s+` that the `all ...` alternatives of [`OUTCOME`] and [`UNANIMOUS`] open with (their
/// `\b` is ASCII, no letter but ASCII ones folds to `a` or `l`, and Rust's white space is the
/// regex's `\s`).
///
/// Found by its first `l` (a rarer letter than `a`), then the `l` after it and the `a` before.
fn all_then_space(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(b'l', b'L', b).any(|l| {
        let Some(i) = l.checked_sub(1) else {
            return false;
        };
        b.get(i..i + 3)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"all"))
            && i.checked_sub(1)
                .and_then(|k| b.get(k))
                .is_none_or(|&p| !(p.is_ascii_alphanumeric() || p == b'_'))
            && text
                .get(i + 3..)
                .and_then(|t| t.chars().next())
                .is_some_and(char::is_whitespace)
    })
}

/// [`all_then_space`] as it was, by every `a`: the oracle of the tests.
#[cfg(test)]
fn all_then_space_before(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(b'a', b'A', b).any(|i| {
        b.get(i + 1..i + 3)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"ll"))
            && i.checked_sub(1)
                .and_then(|k| b.get(k))
                .is_none_or(|&p| !(p.is_ascii_alphanumeric() || p == b'_'))
            && text
                .get(i + 3..)
                .and_then(|t| t.chars().next())
                .is_some_and(char::is_whitespace)
    })
}

fn num(s: Option<regex::Match<'_>>) -> Option<u32> {
    s.and_then(|m| m.as_str().parse().ok())
}

/// A flattened table row `| For | Abbott, Bhatt | 5 |`: the word, the count and the names.
fn pipe_row(line: &str) -> Option<(String, u32, Vec<String>)> {
    if !line.starts_with('|') {
        return None;
    }
    let cells: Vec<&str> = line
        .split('|')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let word = cells.first()?.to_ascii_lowercase();
    let word = if word == "for" || word == "in favour" || word == "in favor" {
        "for".to_string()
    } else if word == "against" {
        word
    } else if word.starts_with("abstain") || word.starts_with("abstention") {
        "abstain".to_string()
    } else {
        return None;
    };
    let n: u32 = cells.last()?.parse().ok()?;
    let names_cell = if cells.len() >= 3 {
        cells.get(1).copied().unwrap_or("")
    } else {
        ""
    };
    Some((word, n, names(names_cell)))
}

/// `Councillors A, B and C` → `A, B and C`.
fn strip_plural(list: &str) -> &str {
    let t = list.trim();
    ["Councillors ", "Councillor ", "Cllrs ", "Cllr "]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t)
}

fn names(list: &str) -> Vec<String> {
    let list = list.trim().trim_end_matches('.');
    if list.is_empty() || list.eq_ignore_ascii_case("none") {
        return Vec::new();
    }
    // `split(" and ")` with a searcher built once rather than one per part
    static AND: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(" and "));
    let mut out = Vec::new();
    for part in list.split([',', ';']) {
        let mut rest = part;
        loop {
            let (piece, more) = match AND.find(rest.as_bytes()) {
                Some(i) => (rest.get(..i), rest.get(i + 5..)),
                None => (Some(rest), None),
            };
            let piece = piece.unwrap_or_default().trim();
            if !piece.is_empty() && piece.len() < 60 {
                out.push(piece.to_string());
            }
            match more {
                Some(m) => rest = m,
                None => break,
            }
        }
    }
    out
}

fn result_of(f: &Found) -> Option<VoteResult> {
    result_of_counts(f.for_, f.against)
}

/// The outcome that counts imply: more for than against carries.
pub(crate) fn result_of_counts(for_: Option<u32>, against: Option<u32>) -> Option<VoteResult> {
    match (for_, against) {
        (Some(a), Some(b)) if a > b => Some(VoteResult::Carried),
        (Some(a), Some(b)) if a < b => Some(VoteResult::Lost),
        (Some(_), Some(_)) => Some(VoteResult::Tied),
        _ => None,
    }
}

/// Votes in one paragraph (`lines` are the paragraph's lines as `(offset, text)`, offsets
/// relative to any base the caller likes).
#[cfg(test)]
pub(crate) fn in_paragraph(lines: &[(usize, &str)]) -> Vec<Found> {
    in_paragraph_hinted(lines, VOTE_HINT.bits(lines.iter().map(|&(_, l)| l)) as u32)
}

/// The votes a paragraph records, given the [`VOTE_WORDS`] that its lines hold as `bits` (as
/// [`VOTE_HINT`] finds them, or as `super::words_of` does over the whole document). Inlined:
/// most paragraphs hold none of the words and no [`vote_line`], and so record no vote; only
/// the others pay for the call to [`in_paragraph_read`] (whose frame is large) and its
/// prologue and epilogue.
#[inline]
pub(crate) fn in_paragraph_hinted(lines: &[(usize, &str)], bits: u32) -> Vec<Found> {
    // most paragraphs record no vote, and `bits` says which words the rules below need are
    // there, so a rule runs only where it can match
    if bits == 0 && !lines.iter().any(|&(_, l)| vote_line(l)) {
        return Vec::new();
    }
    in_paragraph_read(lines, bits)
}

/// [`in_paragraph_hinted`] past its first test: the votes of a paragraph that holds one of
/// [`VOTE_WORDS`] or a [`vote_line`].
#[inline(never)]
fn in_paragraph_read(lines: &[(usize, &str)], bits: u32) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    // `ſ` and the Kelvin sign are not ASCII
    let gates = if lines.iter().any(|&(_, l)| folds(l)) {
        u32::MAX
    } else {
        bits
    };
    // 1. count lines, one per line, grouped into one vote
    let mut group: Option<Found> = None;
    let mut named_group: Option<Found> = None;
    let mut last_count: Option<String> = None;
    for &(off, line) in lines {
        let row = pipe_row(line);
        // `^(for|against|abst...)`: the line opens with `for`, `aga` or `abs`
        let count_line = if opens_with(line, &[b"for", b"aga", b"abs"]) && has_digit(line) {
            count_line(line)
        } else {
            None
        };
        let count = match (&row, count_line) {
            (Some((w, n, _)), _) => Some((w.clone(), Some(*n))),
            (None, Some((w, n))) => Some((w.to_ascii_lowercase(), n.parse().ok())),
            _ => None,
        };
        if count.is_none() {
            // `Councillors Abbott, Carrick and Dunne` under a `FOR ... (9)` line
            if let (Some(w), Some(g)) = (last_count.as_deref(), group.as_mut()) {
                let list = line
                    .strip_prefix("Councillors ")
                    .or_else(|| line.strip_prefix("Councillor "))
                    .or_else(|| line.strip_prefix("Cllrs "))
                    .unwrap_or(line);
                let people = names(list);
                let looks = !people.is_empty()
                    && people.iter().all(|p| {
                        p.starts_with(|c: char| c.is_uppercase())
                            && p.split_whitespace().count() <= 4
                    });
                if looks {
                    match w {
                        "for" => g.for_names.extend(people),
                        "against" => g.against_names.extend(people),
                        _ => g.abstain_names.extend(people),
                    }
                    g.kind = Some(VoteKind::Recorded);
                    g.end = off + line.len();
                    continue;
                }
            }
            last_count = None;
        }
        if let Some((word, n)) = count {
            last_count = Some(if word == "for" || word == "against" {
                word.clone()
            } else {
                "abstain".to_string()
            });
            let row_names = row.map(|(_, _, names)| names).unwrap_or_else(|| {
                named_count(line)
                    .and_then(|c| line.get(c.names.0..c.names.1))
                    .map(|m| names(strip_plural(m)))
                    .unwrap_or_default()
            });
            let g = group.get_or_insert_with(|| Found::new(off, off + line.len()));
            let slot = if word == "for" {
                &mut g.for_
            } else if word == "against" {
                &mut g.against
            } else {
                &mut g.abstain
            };
            if slot.is_some() {
                // a second "For" starts a new vote
                if let Some(done) = group.take() {
                    out.push(done);
                }
                let mut g = Found::new(off, off + line.len());
                g.for_ = if word == "for" { n } else { None };
                group = Some(g);
                continue;
            }
            *slot = n;
            if !row_names.is_empty() {
                g.kind = Some(VoteKind::Recorded);
                match word.as_str() {
                    "for" => g.for_names = row_names,
                    "against" => g.against_names = row_names,
                    _ => g.abstain_names = row_names,
                }
            }
            g.end = off + line.len();
            continue;
        }
        // `^(ayes|yeas|noes|nays|abst...)`
        let named = opens_with(line, &[b"aye", b"yea", b"noe", b"nay", b"abs"]);
        // a list that is a number is a count (`AYES: 5`); one that opens with a digit and runs on
        // holds no names (`Ayes: 5 Nays: 2 Abstain: 0` on one line)
        let named_list = named
            .then(|| named_line(line))
            .flatten()
            .and_then(|(word, list)| {
                let count = list.trim_end_matches('.').trim_end().parse::<u32>().ok();
                (count.is_some() || !list.starts_with(|c: char| c.is_ascii_digit()))
                    .then_some((word, list, count))
            });
        if let Some((word, list, count)) = named_list {
            let word = word.to_ascii_lowercase();
            let (n, list) = match count {
                Some(c) => (Some(c), Vec::new()),
                None => {
                    let list = names(list);
                    (Some(list.len() as u32), list)
                }
            };
            let g = named_group.get_or_insert_with(|| Found::new(off, off + line.len()));
            match word.as_str() {
                "ayes" | "yeas" => {
                    g.for_ = n;
                    g.for_names = list;
                }
                "noes" | "nays" => {
                    g.against = n;
                    g.against_names = list;
                }
                _ => {
                    g.abstain = n;
                    g.abstain_names = list;
                }
            }
            g.kind = Some(VoteKind::Recorded);
            g.end = off + line.len();
        }
    }
    out.extend(group);
    out.extend(named_group);

    // 2. inline forms over the joined paragraph
    // (one line is its own joined text: nothing to copy)
    let joined: std::borrow::Cow<'_, str> = match lines {
        [(_, line)] => std::borrow::Cow::Borrowed(line),
        _ => {
            let mut joined = String::with_capacity(lines.iter().map(|&(_, l)| l.len() + 1).sum());
            for &(_, line) in lines {
                if !joined.is_empty() {
                    joined.push(' ');
                }
                joined.push_str(line);
            }
            std::borrow::Cow::Owned(joined)
        }
    };
    // where each line starts in `joined`, as the loop above lays them out, against where it
    // starts in the source: the last line starting at or before `j` holds it
    let to_src = |j: usize| -> usize {
        let (mut at, mut found) = (0, None);
        for &(off, line) in lines {
            if at > 0 {
                at += 1;
            }
            if at > j {
                break;
            }
            found = Some((at, off));
            at += line.len();
        }
        found.map_or(j, |(jo, so)| so + (j - jo))
    };
    // `Roll Call was taken as follows: Trustee Elton – yes, Trustee Hodge – yes, ...`
    if out.is_empty() && gates & hint::ROLL != 0 {
        let starts = roll_calls(&joined);
        for (k, &from) in starts.iter().enumerate() {
            let to = starts.get(k + 1).copied().unwrap_or(joined.len());
            let Some(seg) = joined.get(from..to) else {
                continue;
            };
            let (mut yes, mut no, mut end) = (0u32, 0u32, 0usize);
            for c in ROLL_ANSWER.captures_iter(seg) {
                let answer = c.get(1).map_or("", |m| m.as_str()).to_ascii_lowercase();
                if answer == "yes" || answer == "aye" {
                    yes += 1;
                } else {
                    no += 1;
                }
                end = c.get(0).map_or(end, |m| m.end());
            }
            if yes + no >= 2 {
                let mut f = Found::new(to_src(from), to_src(from + end));
                f.for_ = Some(yes);
                f.against = Some(no);
                f.abstain = Some(0);
                f.kind = Some(VoteKind::Recorded);
                out.push(f);
            }
        }
    }
    // (only read where `out` is empty, and `out` only grows)
    let digits = out.is_empty() && has_digit(&joined);
    if out.is_empty() && digits && memchr::memchr(b'(', joined.as_bytes()).is_some() {
        // `For the recommendations in the report – Councillors A, B and C (6)`; `^` holds it to
        // one match at most
        let mut g: Option<Found> = None;
        for c in named_count(&joined).into_iter() {
            let part = |(a, b): (usize, usize)| joined.get(a..b).unwrap_or_default();
            let word = part(c.w).to_ascii_lowercase();
            let people = names(strip_plural(part(c.names)));
            let n = part(c.n).parse().ok();
            let f = g.get_or_insert_with(|| Found::new(to_src(0), to_src(c.end)));
            f.end = to_src(c.end);
            f.kind = Some(VoteKind::Recorded);
            if word == "for" {
                f.for_ = n;
                f.for_names = people;
            } else if word == "against" {
                f.against = n;
                f.against_names = people;
            } else {
                f.abstain = n;
                f.abstain_names = people;
            }
        }
        out.extend(g);
    }
    if out.is_empty() && digits {
        let counted = std::cell::OnceCell::new();
        for (rule, gate) in [
            (CountRule::Inline, hint::AGAINST),
            (CountRule::To, hint::VOTE),
            (CountRule::For, hint::VOTE),
        ] {
            if gates & gate == 0
                || (gate == hint::VOTE && !*counted.get_or_init(|| counted_votes(&joined)))
            {
                continue;
            }
            for (start, end, [for_, against, abstain]) in counts(rule, &joined) {
                let mut f = Found::new(to_src(start), to_src(end));
                f.for_ = for_;
                f.against = against;
                f.abstain = abstain;
                out.push(f);
            }
            if !out.is_empty() {
                break;
            }
        }
    }
    // `carried 5-0`: a hyphen or an en dash between the counts
    if out.is_empty() && digits && gates & hint::DASHED != 0 && dashed_counts(&joined) {
        for c in DASHED.captures_iter(&joined) {
            let Some(m) = c.get(0) else { continue };
            if !dashed_ends_clause(&joined, m.end()) {
                continue;
            }
            let mut f = Found::new(to_src(m.start()), to_src(m.end()));
            f.for_ = num(c.get(2));
            f.against = num(c.get(3));
            f.abstain = num(c.get(4));
            let word = c.get(1).map_or("", |m| m.as_str()).to_ascii_lowercase();
            f.result = Some(if matches!(word.as_str(), "failed" | "lost" | "defeated") {
                VoteResult::Lost
            } else {
                VoteResult::Carried
            });
            out.push(f);
        }
    }
    // 3. an outcome with no counts
    // (`all agreed`: the `all ...` alternatives need one of their words and `all`)
    // (looked for only where asked: the outcome words may decide without it)
    let all_cell = std::cell::OnceCell::new();
    let all = || *all_cell.get_or_init(|| gates & hint::ALL != 0 && all_then_space(&joined));
    if let Some((start, end, lost)) = (gates & hint::OUTCOME != 0 || all())
        .then(|| outcome(&joined))
        .flatten()
    {
        let result = if lost {
            VoteResult::Lost
        } else {
            VoteResult::Carried
        };
        if out.is_empty() {
            out.push(Found::new(to_src(start), to_src(end)));
        }
        for f in &mut out {
            f.result.get_or_insert(result);
        }
    }
    // once per paragraph, not once per vote (a long paragraph may hold thousands of votes), and
    // only when a vote without a kind asks: the first kind that holds is taken
    let kind = std::cell::OnceCell::new();
    let kind_of_paragraph = || {
        if (gates & hint::UNANIMOUS != 0 || all()) && unanimous(&joined) {
            Some(VoteKind::Unanimous)
        } else if crate::segment::contains_ci(&joined, "show of hands") {
            Some(VoteKind::ShowOfHands)
        } else if crate::segment::contains_ci(&joined, "voice vote") {
            Some(VoteKind::Voice)
        } else {
            None
        }
    };
    for f in &mut out {
        if f.result.is_none() {
            f.result = result_of(f);
        }
        if f.kind.is_none() {
            f.kind = *kind.get_or_init(kind_of_paragraph);
        }
    }
    out.sort_by_key(|f| f.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testgen::{agree, texts_of, Walk};

    fn tuples(text: &str) -> Vec<(Option<u32>, Option<u32>, Option<u32>, Option<VoteResult>)> {
        let mut lines = Vec::new();
        let mut off = 0;
        for l in text.split('\n') {
            lines.push((off, l.trim()));
            off += l.len() + 1;
        }
        in_paragraph(&lines)
            .into_iter()
            .map(|f| (f.for_, f.against, f.abstain, f.result))
            .collect()
    }

    use VoteResult::{Carried, Lost};

    #[test]
    fn named_counts_as_the_bounded_rule_reads_them() {
        let long = format!("For it – {} (3)", "a".repeat(700));
        let gap = format!("For {} – Cllr A (3)", "x".repeat(70));
        let cases = [
            "For the recommendations in the report – Councillors A, B and C (6)",
            "Against the recommendations – Councillors Chaudhry and Kowalczyk (2).",
            "ABSTENTIONS: Cllr X (1) ",
            "For – AB (1)",
            "For – A (1)",
            "Abstained - Councillor Y, Councillor Z (12) .",
            "For the motion – A – B (4)",
            "For the motion – A (1) and B (2)",
            "Forty – A, B (2)",
            "For - A - B (12)",
            "For: x (1)",
            "For :  ab  (1)",
            "For :\u{2003} a (1)",
            "For - a(1)",
            "For -\u{a0}\u{a0}(1)",
            "For -   (1)",
            "For -    (1)",
            "For – é (1) .",
            "For – ab (1).\n",
            "For – ab (1) x",
            "For – ab (1234)",
            "For – ab ()",
            "For – ab (12) (3)",
            "For – ab) (3)",
            "For: a – b: c (3)",
            "For x\ny – A (1)",
            "For x – \n A (1)",
            "Abstentions – A and B (2)",
            "ABSTAINING:  C (1)",
            "Abstainer – A (1)",
            "Against(the motion) – A (1)",
            "Against the motion –A B (2)",
            "Against the motion–A (1)",
            "Against\t– Cllr A, Cllr B (2)",
            "For_x – A (1)",
            "For – a\u{2003}\u{2003}b (1)",
            "For – A,  (3) ",
            long.as_str(),
            gap.as_str(),
        ];
        for t in cases {
            let by_rule = NAMED_COUNT.captures(t).and_then(|c| NamedCount::of(&c));
            assert_eq!(named_count(t), by_rule, "{t}");
            let unbounded = NAMED_COUNT_UNBOUNDED.captures(t);
            if plain(t) {
                let by_groups =
                    unbounded.and_then(|c| Some((NamedCount::of(&c)?, c.name("gap")?.end())));
                assert_eq!(named_count_plain(t), by_groups, "{t}");
            }
        }
    }

    #[test]
    fn named_counts_by_hand_as_the_regex_reads_them() {
        // every text of up to five of these characters after `For` and before ` (1)`, or alone
        let alphabet = [
            ' ', '–', ':', '-', '(', ')', '1', 'a', '.', '\n', '\u{2003}',
        ];
        let mut texts = vec![String::new()];
        let mut matched = 0;
        for _ in 0..5 {
            let mut longer = Vec::new();
            for t in &texts {
                for c in alphabet {
                    let mut u = t.clone();
                    u.push(c);
                    longer.push(u);
                }
            }
            for t in &longer {
                for text in [format!("For{t}"), format!("For{t} (1)")] {
                    let by_groups = NAMED_COUNT_UNBOUNDED
                        .captures(&text)
                        .and_then(|c| Some((NamedCount::of(&c)?, c.name("gap")?.end())));
                    matched += usize::from(by_groups.is_some());
                    assert_eq!(named_count_plain(&text), by_groups, "{text:?}");
                }
            }
            texts = longer;
        }
        assert!(matched > 1000, "{matched}");
    }

    #[test]
    fn vote_lines_as_trimmed() {
        let trimmed = |line: &str| {
            line.trim_start()
                .get(..3)
                .is_some_and(|w| w.eq_ignore_ascii_case("for"))
                || line.contains('|')
        };
        for line in [
            "",
            "For: 3",
            "  FOR 3",
            "\u{b}for",
            "\u{a0}For",
            "\u{2003}for",
            "\tfo",
            "x | y",
            "Fo",
            "éfor",
            "| For | 6 |",
            "Against",
        ] {
            assert_eq!(vote_line(line), trimmed(line), "{line:?}");
        }
    }

    #[test]
    fn outcomes_as_the_groups_tell_them() {
        let cases = [
            "Motion carried.",
            "The motion was declared carried",
            "declared to be lost",
            "The proposal fell",
            "LOST",
            "  defeated, 3 to 4",
            "The amendment was lost and the motion carried unanimously",
            "The motion was lost. It was then carried.",
            "carried",
            "All members were in favour",
            "the motion lost",
            "declared lost; motion carried",
            "Motions adopted; amendment failed",
            "The motion was loſt",
            "Carried\u{a0}.",
            "ALL MEMBERS WERE IN FAVOUR",
            "Proposal FELL",
            "nothing here",
        ];
        for t in cases {
            let by_groups = OUTCOME.captures(t).map(|c| {
                let m = c.get(0).map(|m| (m.start(), m.end()));
                (m, ["l1", "l2", "l3"].iter().any(|n| c.name(n).is_some()))
            });
            let got = outcome(t).map(|(a, b, lost)| (Some((a, b)), lost));
            assert_eq!(got, by_groups, "{t}");
        }
        assert!(outcome("The motion was lost").is_some_and(|(_, _, lost)| lost));
        assert!(outcome("Motion carried").is_some_and(|(_, _, lost)| !lost));
    }

    /// [`OUTCOME`]'s match and whether a losing group took part, by capturing.
    fn outcome_by_groups(t: &str) -> Option<(usize, usize, bool)> {
        let c = OUTCOME.captures(t)?;
        let m = c.get(0)?;
        let lost = ["l1", "l2", "l3", "l4"].iter().any(|n| c.name(n).is_some());
        Some((m.start(), m.end(), lost))
    }

    #[test]
    fn outcomes_by_hand_as_the_regex_reads_them() {
        let words = [
            "motion",
            "Motions",
            "AMENDMENT",
            "proposal",
            "recommendations",
            "resolution",
            "was",
            "declared",
            "to",
            "be",
            "carried",
            "CARRIED",
            "passed",
            "adopted",
            "agreed",
            "approved",
            "supported",
            "resolved",
            "unanimously",
            "all",
            "All",
            "councillors",
            "members",
            "were",
            "in",
            "favour",
            "favor",
            "favourable",
            "lost",
            "fell",
            "failed",
            "defeated",
            "x",
            "5",
            "é",
            "_all",
            "carriedx",
        ];
        let gaps = [
            " ", " ", " ", "  ", "\u{a0}", "\n", ".", ". ", " .", ",", "", "\u{2003}", "-", "é",
        ];
        let mut walk = Walk::new(11);
        let (mut carried, mut lost) = (0, 0);
        for _ in 0..60_000 {
            let mut t = String::from(walk.pick(&["", "", " ", "\u{a0}", "."]));
            for _ in 0..walk.below(7) {
                t.push_str(walk.pick(&words));
                t.push_str(walk.pick(&gaps));
            }
            let by_groups = outcome_by_groups(&t);
            assert_eq!(outcome_plain(&t), by_groups, "{t:?}");
            assert_eq!(outcome(&t), by_groups, "{t:?}");
            carried += usize::from(by_groups.is_some_and(|m| !m.2));
            lost += usize::from(by_groups.is_some_and(|m| m.2));
        }
        assert!(carried > 1000 && lost > 1000, "{carried} {lost}");
        let pieces = [
            "carried",
            "lost",
            "all",
            " ",
            "\u{a0}",
            ".",
            "x",
            "in favour",
        ];
        for t in texts_of(&pieces, 4) {
            assert_eq!(outcome_plain(&t), outcome_by_groups(&t), "{t:?}");
        }
        // where `ſ` may stand for `s`, the rule is captured
        for t in [
            "The motion was loſt",
            "paſſed unanimouſly",
            "Motion ſ carried",
        ] {
            assert_eq!(outcome(t), outcome_by_groups(t), "{t:?}");
        }
    }

    /// The texts of the fixtures and of the shared corpus as the rules see them: each line, and
    /// each run of up to four lines joined by spaces (as a paragraph is).
    fn line_runs() -> Vec<String> {
        let mut out = Vec::new();
        for text in crate::testgen::real_texts() {
            let lines: Vec<&str> = text.lines().map(str::trim).collect();
            for n in 1..=4 {
                out.extend(lines.windows(n).map(|w| w.join(" ")));
            }
        }
        out
    }

    #[test]
    fn outcome_words_as_every_word_start_reads_them() {
        let mut found = 0;
        for t in line_runs() {
            let want = outcome_plain_before(&t);
            assert_eq!(outcome_plain(&t), want, "{t:?}");
            if !folds(&t) {
                assert_eq!(want, outcome_by_groups(&t), "{t:?}");
            }
            found += usize::from(want.is_some());
        }
        assert!(found > 50, "{found}");
        let pieces = [
            "motion",
            "Motions",
            "carried",
            "all",
            "ALL",
            "unanimously",
            "declared",
            "to be",
            "lost",
            "defeated",
            "in favour",
            "x",
            "_",
            "9",
            " ",
            ".",
            "\u{a0}",
            "é",
            "s",
            "proposal",
            "agreed",
        ];
        let yes = agree(&pieces, 4, outcome_plain_ok, |t| {
            outcome_plain_before(t).is_some()
        });
        assert!(yes > 10_000, "{yes}");
        let mut walk = Walk::new(5);
        for _ in 0..30_000 {
            let t = walk.text(&pieces, 12);
            assert_eq!(outcome_plain(&t), outcome_plain_before(&t), "{t:?}");
        }
    }

    #[test]
    fn openings_and_all_as_before() {
        let sets: [&[&[u8; 3]]; 2] = [
            &[b"for", b"aga", b"abs"],
            &[b"aye", b"yea", b"noe", b"nay", b"abs"],
        ];
        let check = |t: &str| {
            for words in sets {
                assert_eq!(opens_with(t, words), opens_with_before(t, words), "{t:?}");
            }
            assert_eq!(all_then_space(t), all_then_space_before(t), "{t:?}");
            all_then_space(t) || sets.iter().any(|w| opens_with(t, w))
        };
        let mut yes = 0;
        for t in line_runs() {
            yes += usize::from(check(&t));
        }
        // (98 over the fixtures alone)
        let least = if crate::testgen::corpus_present() {
            100
        } else {
            50
        };
        assert!(yes > least, "{yes}");
        let pieces = [
            "a", "A", "l", "L", "all", "ALL", "b", "ſ", "\u{17f}x", "For", "aga", "Nay", "yea",
            "noe", "aye", " ", "\u{a0}", "\n", "_", "9", "é", "x", "\u{c5}",
        ];
        let yes = agree(&pieces, 4, check, check);
        assert!(yes > 10_000, "{yes}");
        let mut walk = Walk::new(3);
        for _ in 0..30_000 {
            check(&walk.text(&pieces, 8));
        }
    }

    #[test]
    fn outcome_walk_and_openings_as_before() {
        // every ASCII letter run of the fixtures and corpus, and the words as written, in
        // capitals, with a capital, and with a letter or the length changed
        let mut words: Vec<Vec<u8>> = Vec::new();
        let mut found = 0;
        for t in line_runs() {
            let got = outcome_plain(&t);
            assert_eq!(got, outcome_plain_walk_before(&t), "{t:?}");
            found += usize::from(got.is_some());
            words.extend(
                t.as_bytes()
                    .split(|x| !x.is_ascii_alphabetic())
                    .map(<[u8]>::to_vec),
            );
        }
        assert!(found > 50, "{found}");
        for w in OUTCOME_OPENINGS {
            let b = w.as_bytes();
            words.push(b.to_vec());
            words.push(b.to_ascii_uppercase());
            let mut title = b.to_vec();
            title
                .iter_mut()
                .take(1)
                .for_each(|x| x.make_ascii_uppercase());
            words.push(title);
            words.push(b.get(1..).unwrap_or_default().to_vec());
            words.push(b.get(..b.len() - 1).unwrap_or_default().to_vec());
            words.push([b, b"s"].concat());
            for k in 0..b.len() {
                for x in [b'-', b'@', b'`', b'x', 0xC5] {
                    let mut v = b.to_vec();
                    v.iter_mut().skip(k).take(1).for_each(|y| *y = x);
                    words.push(v);
                }
            }
        }
        let mut yes = 0;
        for w in &words {
            let want = opens_outcome_before(w);
            assert_eq!(opens_outcome(w), want, "{:?}", String::from_utf8_lossy(w));
            yes += usize::from(want);
        }
        assert!(yes > 100, "{yes}");
        // generated words and texts: case variants, bytes that share a letter's low five bits,
        // `ſ`, the Kelvin sign, no-break spaces, tabs, `\v`, digits, `_`, empty pieces
        let pieces = [
            "m", "M", "otion", "s", "S", "a", "ll", "AL", "p", "assed", "r", "esolved", "-", "@",
            "`", "d", "eclared", "\u{17f}", "\u{212a}", "",
        ];
        let yes = agree(
            &pieces,
            3,
            |t| opens_outcome(t.as_bytes()),
            |t| opens_outcome_before(t.as_bytes()),
        );
        assert!(yes > 20, "{yes}");
        let pieces = [
            "motion",
            "Motions",
            "carried",
            "CARRIED",
            "all",
            "ALL",
            "agreed",
            "unanimously",
            "declared",
            "to be",
            "lost",
            "defeated",
            "in favour",
            "recommendations",
            "x",
            "_",
            "9",
            " ",
            ".",
            "\u{a0}",
            "\t",
            "\u{b}",
            "é",
            "\u{17f}",
            "\u{212a}",
            "",
        ];
        let yes = agree(
            &pieces,
            3,
            |t| outcome_plain(t).is_some(),
            |t| {
                let want = outcome_plain_walk_before(t);
                assert_eq!(outcome_plain(t), want, "{t:?}");
                want.is_some()
            },
        );
        assert!(yes > 1000, "{yes}");
        let mut walk = Walk::new(11);
        for _ in 0..30_000 {
            let t = walk.text(&pieces, 12);
            assert_eq!(outcome_plain(&t), outcome_plain_walk_before(&t), "{t:?}");
        }
    }

    /// Whether [`outcome_plain`] finds a match, having checked that it finds the one
    /// [`outcome_plain_before`] does.
    fn outcome_plain_ok(t: &str) -> bool {
        let got = outcome_plain(t);
        assert_eq!(got, outcome_plain_before(t), "{t:?}");
        got.is_some()
    }

    #[test]
    fn roll_calls_by_hand_as_the_regex_finds_them() {
        let pieces = [
            "roll",
            "ROLL",
            "Call",
            "call",
            " ",
            "\u{a0}",
            ":",
            ".",
            "x",
            "_",
            "é",
            "xroll",
            "callx",
            "abcdefghij",
        ];
        let mut matched = 0;
        for t in texts_of(&pieces, 5) {
            let by_regex: Vec<usize> = ROLL_CALL.find_iter(&t).map(|m| m.end()).collect();
            assert_eq!(roll_calls(&t), by_regex, "{t:?}");
            matched += usize::from(!by_regex.is_empty());
        }
        assert!(matched > 100, "{matched}");
        for n in [38, 39, 40, 41] {
            let t = format!("Roll Call {}: A – yes. Roll call: B", "é".repeat(n));
            let by_regex: Vec<usize> = ROLL_CALL.find_iter(&t).map(|m| m.end()).collect();
            assert_eq!(roll_calls(&t), by_regex, "{t:?}");
        }
    }

    #[test]
    fn unanimous_by_hand_as_the_regex_reads_it() {
        let words = [
            "unanimous",
            "Unanimously",
            "unanimousx",
            "unanimouslyx",
            "all",
            "ALL",
            "ball",
            "councillors",
            "members",
            "agreed",
            "approved",
            "were",
            "in",
            "favour",
            "favor",
            "favourable",
            "x",
            "é",
        ];
        let gaps = [" ", " ", "  ", "\u{a0}", "\n", ".", "", "_", "\u{2003}"];
        let mut walk = Walk::new(5);
        let mut matched = 0;
        for _ in 0..60_000 {
            let mut t = String::new();
            for _ in 0..walk.below(6) {
                t.push_str(walk.pick(&words));
                t.push_str(walk.pick(&gaps));
            }
            let by_regex = UNANIMOUS.is_match(&t);
            assert_eq!(unanimous_plain(&t), by_regex, "{t:?}");
            assert_eq!(unanimous(&t), by_regex, "{t:?}");
            matched += usize::from(by_regex);
        }
        assert!(matched > 5000, "{matched}");
        for t in ["unanimouſly", "all membErs agreed", "All  were in favour"] {
            assert_eq!(unanimous(t), UNANIMOUS.is_match(t), "{t:?}");
        }
    }

    #[test]
    fn counts_by_hand_as_the_rules_capture_them() {
        let words = [
            "for",
            "FOR",
            "For:",
            "against",
            "Against:",
            "and",
            "abstention",
            "abstentions",
            "Abstentions:",
            "abstain",
            "Abstained",
            "ABSTAINS",
            "with",
            "vote",
            "votes",
            "to",
            "in favour",
            "in favor",
            "5",
            "12",
            "123",
            "1234",
            "x",
            "é",
            "_",
            "did not vote",
            "For 4",
            "against: 2",
            "and 1",
            "3 votes",
            "41 vote",
            "votes to",
            "with 2 abstentions",
            "with 1",
            "votes for",
            "1 against",
            "2 abstention",
            "5 votes to 1",
            "votes to 1234",
            "12 vote to",
        ];
        let gaps = [
            " ", " ", " ", "  ", ", ", ",", ";", "", ":", "\u{a0}", "\n", ".",
        ];
        let rules = [CountRule::Inline, CountRule::To, CountRule::For];
        let by_regex = |rule: CountRule, t: &str| -> Vec<Counts> {
            rule.regex()
                .captures_iter(t)
                .filter_map(|c| {
                    let m = c.get(0)?;
                    Some((
                        m.start(),
                        m.end(),
                        [num(c.get(1)), num(c.get(2)), num(c.get(3))],
                    ))
                })
                .collect()
        };
        let mut walk = Walk::new(3);
        let mut matched = [0; 3];
        for _ in 0..50_000 {
            let mut t = String::new();
            for _ in 0..walk.below(9) {
                t.push_str(walk.pick(&words));
                t.push_str(walk.pick(&gaps));
            }
            for (k, rule) in rules.iter().enumerate() {
                let want = by_regex(*rule, &t);
                assert_eq!(counts_plain(*rule, &t), want, "{rule:?} {t:?}");
                matched[k] += usize::from(!want.is_empty());
            }
        }
        // the inline rule's parts in its order, each maybe left out or replaced
        let parts: [&[&str]; 7] = [
            &["For", "for", "xfor", "FOR", "with"],
            &["5", "123", "1234", "٣", "x"],
            &["against", "AGAINST", "againstx", "and"],
            &["0", "12", "1234", ""],
            &["and", "", "", "x"],
            &[
                "abstentions",
                "Abstention",
                "abstentionsx",
                "votes",
                "Abstain",
                "abstained",
                "abstainx",
            ],
            &["1", "12", "1234", ""],
        ];
        for _ in 0..20_000 {
            let mut t = String::new();
            for part in parts {
                if walk.below(8) > 0 {
                    t.push_str(walk.pick(part));
                }
                t.push_str(walk.pick(&gaps));
            }
            let want = by_regex(CountRule::Inline, &t);
            assert_eq!(counts(CountRule::Inline, &t), want, "{t:?}");
            matched[0] += usize::from(!want.is_empty());
        }
        assert!(matched.iter().all(|&m| m > 400), "{matched:?}");
        for t in [
            "For 43, against 0, abstentions 0, did not vote 0",
            "AGREED by 41 votes to 1, with 2 abstentions",
            "(with 34 votes for and 1 against, and 2 abstentions)",
            "For: ٣ against: 1",
            "12 votes to ٣",
            "with 3 voteſ for",
            "For 1 against 2 abſtentions 3",
        ] {
            for rule in rules {
                assert_eq!(counts(rule, t), by_regex(rule, t), "{rule:?} {t:?}");
            }
        }
    }

    #[test]
    fn names_split_as_before() {
        let by_split = |list: &str| -> Vec<String> {
            let list = list.trim().trim_end_matches('.');
            if list.is_empty() || list.eq_ignore_ascii_case("none") {
                return Vec::new();
            }
            list.split([',', ';'])
                .flat_map(|s| s.split(" and "))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty() && s.len() < 60)
                .collect()
        };
        let long = format!("A, {} and B", "x".repeat(70));
        for list in [
            "",
            "None.",
            "Smith, Jones and Brown.",
            "A and and B",
            "A  and B; C and D and E,",
            " and A and ",
            "Zoë and Åsa, and",
            "Andy Anderson and Sandy",
            long.as_str(),
        ] {
            assert_eq!(names(list), by_split(list), "{list}");
        }
    }

    /// Checks that where `gate` is closed `rule` finds nothing, over every text of up to `n` of
    /// `pieces`; and that the gate closes on some texts and the rule matches some.
    fn gate_keeps_matches(pieces: &[&str], n: usize, gate: impl Fn(&str) -> bool, rule: &Regex) {
        let (mut closed, mut matched) = (0, 0);
        for t in texts_of(pieces, n) {
            let open = gate(&t);
            let found = rule.is_match(&t);
            assert!(open || !found, "{t:?}");
            closed += usize::from(!open);
            matched += usize::from(found);
        }
        assert!(closed > 0 && matched > 0, "{closed} {matched}");
    }

    /// The gates of [`in_paragraph`] on its rules, as it computes them from one line.
    fn gates_of(t: &str) -> (u32, bool) {
        let bits = VOTE_HINT.bits(std::iter::once(t)) as u32;
        let gates = if folds(t) { u32::MAX } else { bits };
        (gates, gates & hint::ALL != 0 && all_then_space(t))
    }

    #[test]
    fn outcome_gates_keep_every_match() {
        let pieces = [
            "all",
            "ALL ",
            "aLl\u{a0}",
            "al",
            "tall ",
            "_all ",
            "éall ",
            "\u{2003}",
            "\n",
            "members ",
            "in favour",
            "favor",
            "agreed",
            "approved",
            "unanimouſly",
            "carried",
            "lost",
            "Motion ",
            "declared ",
            "x",
        ];
        gate_keeps_matches(
            &pieces,
            3,
            |t| {
                let (gates, all) = gates_of(t);
                gates & hint::OUTCOME != 0 || all
            },
            &OUTCOME,
        );
        gate_keeps_matches(
            &pieces,
            3,
            |t| {
                let (gates, all) = gates_of(t);
                gates & hint::UNANIMOUS != 0 || all
            },
            &UNANIMOUS,
        );
        let all_space = regex::Regex::new(r"(?i)(?-u:\b)all\s").unwrap();
        for t in [
            "All agreed",
            "xall agreed",
            "all",
            "ball\tx",
            "é all",
            "all\u{3000}",
        ] {
            assert_eq!(all_then_space(t), all_space.is_match(t), "{t:?}");
        }
    }

    #[test]
    fn vote_count_gates_keep_every_match() {
        let pieces = [
            "5 ",
            "٣ ",
            "12",
            "x ",
            " ",
            "\u{a0}",
            "vote",
            "VOTES",
            "vot",
            "Vote ",
            " to 3",
            " for",
            "in favour",
            "ſ",
            "é",
        ];
        gate_keeps_matches(&pieces, 3, counted_votes, &VOTES_TO);
        gate_keeps_matches(&pieces, 3, counted_votes, &VOTES_FOR);
        let pieces = [
            "5", "٣", "-", "–", "—", " ", "\u{2003}", "carried ", "LOST ", "x", "5-", "- 12", "\n",
        ];
        gate_keeps_matches(&pieces, 4, dashed_counts, &DASHED);
    }

    #[test]
    fn dashed_needs_a_dash() {
        let plain_dashed = regex::Regex::new(r"\d\s*[-–]\s*\d").unwrap();
        for t in [
            "carried 5-0",
            "LOST 2 – 3",
            "Carried (4—1)",
            "passed 5 to 0",
            "a – b",
            "carried ٣\u{2003}–\n1",
        ] {
            assert_eq!(dashed_counts(t), plain_dashed.is_match(t), "{t}");
            assert!(dashed_counts(t) || !DASHED.is_match(t), "{t}");
        }
        assert_eq!(
            tuples("Motion carried 5–0"),
            [(Some(5), Some(0), None, Some(Carried))]
        );
    }

    #[test]
    fn dashed_counts_end_their_clause() {
        assert_eq!(
            tuples("Small grants are approved 2-3 times a year by the clerk."),
            []
        );
        assert_eq!(tuples("The bid passed 12-345."), []);
        for (t, want) in [
            (
                "Motion carried 5-0.",
                (Some(5), Some(0), None, Some(Carried)),
            ),
            ("Motion failed 2-3", (Some(2), Some(3), None, Some(Lost))),
            (
                "RESULT: FAILED [4-2-1-1]",
                (Some(4), Some(2), Some(1), Some(Lost)),
            ),
            (
                "The motion was adopted (7-0), as amended",
                (Some(7), Some(0), None, Some(Carried)),
            ),
            (
                "Carried 6-1 with one abstention",
                (Some(6), Some(1), None, Some(Carried)),
            ),
            (
                "Passed 4–1; Cllr A against",
                (Some(4), Some(1), None, Some(Carried)),
            ),
        ] {
            assert_eq!(tuples(t), [want], "{t}");
        }
    }

    #[test]
    fn count_lines_by_hand_as_the_rule_reads_them() {
        let rest = [
            " ", "\u{a0}", "\n", ":", "-", "–", "(", ")", "1", "12", "1234", "x", "votes", "VOTE",
            "é", "s",
        ];
        let words = [
            "For",
            "AGAINST",
            "abstain",
            "Abstained",
            "abstaining",
            "abstains",
            "abstention",
            "ABSTENTIONS",
            "Forty",
            "abst",
            "",
        ];
        let matched = two_groups_as_read(&COUNT_LINE, count_line_plain, &words, &rest);
        assert!(matched > 1000, "{matched}");
        for n in [58, 59, 60, 61] {
            for tail in [": 3", " (3)", "3", " :\n 3"] {
                let line = format!("For {}{tail}", "é".repeat(n));
                assert_eq!(
                    count_line_plain(&line).is_some(),
                    COUNT_LINE.is_match(&line),
                    "{line:?}"
                );
            }
        }
    }

    #[test]
    fn named_lines_by_hand_as_the_rule_reads_them() {
        let rest = [
            " ", "\u{a0}", "\n", ":", "-", "–", "—", "A", "x", "1", ",", "\r", "ſ",
        ];
        let words = [
            "AYES",
            "yeas",
            "Noes",
            "nays",
            "abstain",
            "ABSTAINED",
            "abstaining",
            "abstains",
            "abstention",
            "Abstentions",
            "ayesx",
            "aye",
            "abstainings",
            "",
        ];
        let matched = two_groups_as_read(&NAMED, named_line, &words, &rest);
        assert!(matched > 10_000, "{matched}");
    }

    /// Checks a hand-written reader of a rule's first two groups against the rule's captures
    /// over every line of one of `words` then up to four of `rest`; how many lines matched.
    fn two_groups_as_read(
        rule: &Regex,
        by_hand: impl Fn(&str) -> Option<(&str, &str)>,
        words: &[&str],
        rest: &[&str],
    ) -> usize {
        let mut matched = 0;
        for t in texts_of(rest, 4) {
            for w in words {
                let line = format!("{w}{t}");
                let by_groups = rule.captures(&line).map(|c| {
                    (
                        c.get(1).map_or("", |m| m.as_str()),
                        c.get(2).map_or("", |m| m.as_str()),
                    )
                });
                assert_eq!(by_hand(&line), by_groups, "{line:?}");
                matched += usize::from(by_groups.is_some());
            }
        }
        matched
    }

    #[test]
    fn count_lines_as_the_groups_tell_them() {
        let cases = [
            "For: 26",
            "Against (0)",
            "Abstentions – 3",
            "FOR the officer's recommendation (9)",
            "For 12 votes",
            "Abstained: 4 votes ",
            "against - 1234",
            "For_x: 3",
            "Forty: 3",
            "For: 3 and 4",
            "Abstain\t(2)",
            "For: ٣",
            "Abſtentions: 2",
            "For – café (3)",
            "For",
        ];
        for t in cases {
            let by_groups = COUNT_LINE.captures(t).map(|c| {
                (
                    c.get(1).map_or("", |m| m.as_str()),
                    c.get(2).map_or("", |m| m.as_str()),
                )
            });
            assert_eq!(count_line(t), by_groups, "{t}");
        }
        assert_eq!(count_line("For: 26"), Some(("For", "26")));
        let cases = [
            "AYES: Smith, Jones",
            "Noes – None",
            "NAYS -   Brown ",
            "Abstained :\u{a0}Green",
            "abstentions: - x",
            "Ayes:",
            "Yeas\u{2003}– A",
            "Abstains: ſmith",
            "Abſtain: A",
            "ayesx: A",
            "Noes - A\r",
            "Ayes",
        ];
        for t in cases {
            let by_groups = NAMED.captures(t).map(|c| {
                (
                    c.get(1).map_or("", |m| m.as_str()),
                    c.get(2).map_or("", |m| m.as_str()),
                )
            });
            assert_eq!(named_line(t), by_groups, "{t}");
        }
    }

    #[test]
    fn line_openings_as_the_rules_need_them() {
        let count: &[&[u8; 3]] = &[b"for", b"aga", b"abs"];
        let named: &[&[u8; 3]] = &[b"aye", b"yea", b"noe", b"nay", b"abs"];
        for line in ["For: 26", "AGAINST (0)", "Abstentions – 3", "abſtained 2"] {
            assert!(opens_with(line, count), "{line}");
            assert!(COUNT_LINE.is_match(line), "{line}");
        }
        for line in [
            "AYES: A, B",
            "Yeas - C",
            "noes: None",
            "NAYS – D",
            "ABſTAIN: E",
        ] {
            assert!(opens_with(line, named), "{line}");
            assert!(NAMED.is_match(line), "{line}");
        }
        for line in [
            "Fo",
            "A motion: 3",
            "All (5)",
            "Any other business",
            "ab",
            "No: 3",
        ] {
            assert!(
                !opens_with(line, count) && !opens_with(line, named),
                "{line}"
            );
            assert!(
                !COUNT_LINE.is_match(line) && !NAMED.is_match(line),
                "{line}"
            );
        }
        assert_eq!(
            tuples("AYES: Smith, Jones\nNOES: Brown"),
            [(Some(2), Some(1), None, Some(Carried))]
        );
        // a number after the word is a count, not a name
        assert_eq!(
            tuples("AYES: 5\nNOES: 2"),
            [(Some(5), Some(2), None, Some(Carried))]
        );
        // counts run together on one line are no names list
        let mut lines = vec![(0, "Ayes: 5 Nays: 2 Abstain: 0 - motion passed")];
        for f in in_paragraph(&lines) {
            assert!(f.for_names.is_empty(), "{f:?}");
            assert_ne!(f.for_, Some(1), "{f:?}");
        }
        lines[0].1 = "Ayes: 5.";
        assert_eq!(
            in_paragraph(&lines)
                .first()
                .map(|f| (f.for_, f.for_names.len())),
            Some((Some(5), 0))
        );
    }

    #[test]
    fn keywords_found_as_the_automaton_finds_them() {
        let k = Keywords::new(&["roll", "carried", "vote", "against", "abst"]);
        let by_automaton = |texts: &[&str]| {
            texts
                .iter()
                .flat_map(|t| k.automaton.find_overlapping_iter(*t))
                .fold(0, |bits, m| bits | 1 << m.pattern().as_u32())
        };
        let cases: &[&[&str]] = &[
            &[""],
            &["The motion was CARRIED by a Roll call"],
            &["ro", "ll", "vo", "te"],
            &[
                "Against: 3",
                "ABSTentions 2",
                "a much longer line of text that has no words in it",
            ],
            &["votevotevote carriedcarried xabstx"],
            &["nothing at all here, just some words and more words to fill a long line"],
        ];
        for texts in cases {
            let got = k.bits(texts.iter().copied());
            assert_eq!(got, by_automaton(texts), "{texts:?}");
        }
        assert_eq!(k.bits(["roll vote"].into_iter()), 0b101);
    }

    #[test]
    fn votes() {
        let table: &[(
            &str,
            &[(Option<u32>, Option<u32>, Option<u32>, Option<VoteResult>)],
        )] = &[
            (
                "For: 26\nAgainst: 32\nAbstention: 0",
                &[(Some(26), Some(32), Some(0), Some(Lost))],
            ),
            (
                "Voting record – For 43, against 0, abstentions 0, did not vote 0",
                &[(Some(43), Some(0), Some(0), Some(Carried))],
            ),
            (
                "AGREED by 41 votes to 1",
                &[(Some(41), Some(1), None, Some(Carried))],
            ),
            (
                "AGREED (with 34 votes for and 1 against) that:",
                &[(Some(34), Some(1), None, Some(Carried))],
            ),
            (
                "The motion was put to the vote – 6 votes in favour.",
                &[(Some(6), None, None, None)],
            ),
            (
                "THAT we pass By-Law 2024-60, being a By-Law to close Mill Road. Defeated.",
                &[(None, None, None, Some(Lost))],
            ),
            ("The road was defeated by flooding in May.", &[]),
            (
                "Motion carried 5-0.",
                &[(Some(5), Some(0), None, Some(Carried))],
            ),
            (
                "RESULT: FAILED [4-2-1-1]",
                &[(Some(4), Some(2), Some(1), Some(Lost))],
            ),
            (
                "The motion was carried unanimously.",
                &[(None, None, None, Some(Carried))],
            ),
            (
                "The amendment was declared to be lost.",
                &[(None, None, None, Some(Lost))],
            ),
            ("Carried.", &[(None, None, None, Some(Carried))]),
            (
                "All agreed this was a true record.",
                &[(None, None, None, Some(Carried))],
            ),
            (
                "AYES: Smith, Jones, Brown\nNOES: None",
                &[(Some(3), Some(0), None, Some(Carried))],
            ),
            ("The report was noted.", &[]),
            ("All were in favor. Roll Call was taken as follows: Trustee Elton – yes, Trustee Hodge – yes, Supervisor Liccar – no.", &[(Some(2), Some(1), Some(0), Some(Carried))]),
            ("The minutes were agreed.", &[]),
            (
                "For (52)\nAgainst (0)\nAbstain (11)",
                &[(Some(52), Some(0), Some(11), Some(Carried))],
            ),
        ];
        for (input, want) in table {
            assert_eq!(tuples(input), *want, "{input}");
        }
    }
}
