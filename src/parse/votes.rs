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
//! These are sentence patterns rather than a grammar, so they are named regexes compiled once.

use std::sync::LazyLock;

use regex::Regex;

use super::pattern as re;
use super::{folds, Keywords};

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
static VOTE_HINT: LazyLock<Keywords> = LazyLock::new(|| {
    Keywords::new(&[
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
    ])
});

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
    /// Words one of which [`super::OUTCOME`] needs.
    pub const OUTCOME: u32 = CARRIED
        | PASSED
        | ADOPTED
        | UNANIMOUS
        | AGREED
        | APPROVED
        | FAVOU
        | FAVOR
        | LOST
        | DEFEATED
        | FELL
        | FAILED;
    /// Words one of which [`super::UNANIMOUS`] needs.
    pub const UNANIMOUS_RULE: u32 = UNANIMOUS | AGREED | APPROVED | FAVOU | FAVOR;
}

/// Whether a line may hold a vote without a hint word: a line opening with `For`, or a table
/// row (`| For | 6 |`).
fn vote_line(line: &str) -> bool {
    line.trim_start()
        .get(..3)
        .is_some_and(|w| w.eq_ignore_ascii_case("for"))
        || line.contains('|')
}

/// The start of a roll call: `Roll Call was taken as follows:`.
static ROLL_CALL: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\broll\s+call\b[^:.]{0,40}:"));

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

/// The groups of [`NAMED_COUNT`] in `text` (`w`, `names`, `n`, and the whole match), found with
/// [`NAMED_COUNT_UNBOUNDED`] where its match keeps within the bounds. Both are searched in the
/// same (leftmost-first) order and the bounded one only leaves out the paths that repeat too
/// often, so when the first matching path of the unbounded one keeps within the bounds it is
/// the first matching path of the bounded one too; otherwise the bounded one decides.
fn named_count(text: &str) -> Option<regex::Captures<'_>> {
    if !may_be_named_count(text) {
        return None;
    }
    let c = NAMED_COUNT_UNBOUNDED.captures(text)?;
    let within = c
        .name("gap")
        .is_some_and(|m| m.as_str().chars().count() <= 60)
        && c.name("names")
            .is_some_and(|m| (3..=600).contains(&m.as_str().chars().count()));
    if within {
        Some(c)
    } else {
        NAMED_COUNT.captures(text)
    }
}

/// Inline counts: `For 43, against 0, abstentions 0`.
static INLINE_COUNTS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bfor[:\s]+(\d{1,3})\s*[,;]?\s*against[:\s]+(\d{1,3})(?:\s*[,;]?\s*(?:and\s+)?abstentions?[:\s]+(\d{1,3}))?",
    )
});

/// `by 41 votes to 1`, `42 votes to 1`.
static VOTES_TO: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(\d{1,3}) votes? to (\d{1,3})(?:,? with (\d{1,3}) abstentions?)?"));

/// `(with 34 votes for and 1 against)`.
static VOTES_FOR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bwith (\d{1,3}) votes? (?:for|in favour)(?:,? (?:and )?(\d{1,3}) against)?(?:,? (?:and )?(\d{1,3}) abstentions?)?",
    )
});

/// `carried 5-0`, `FAILED [4-2-1-1]`, `(7-0)`.
static DASHED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(carried|passed|approved|failed|lost|defeated|adopted)\s*[\[(]?\s*(\d{1,2})\s*[-–]\s*(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?",
    )
});

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
    ")
});

static UNANIMOUS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bunanimous(?:ly)?\b|\ball\s+(?:councillors\s+|members\s+)?(?:agreed|approved|were in favou?r|in favou?r)\b",
    )
});

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
    list.split([',', ';'])
        .flat_map(|s| s.split(" and "))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && s.len() < 60)
        .collect()
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
pub(crate) fn in_paragraph(lines: &[(usize, &str)]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    // one fast pass first: most paragraphs record no vote; it also finds the words that the
    // rules below need, so a rule runs only where it can match
    let bits = VOTE_HINT.bits(lines.iter().map(|&(_, l)| l));
    if bits == 0 && !lines.iter().any(|&(_, l)| vote_line(l)) {
        return out;
    }
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
        let has_digit = line.bytes().any(|b| b.is_ascii_digit());
        // `^(for|against|abst...)`: the line opens with `f` or `a`
        let count_line = if has_digit && line.starts_with(['f', 'F', 'a', 'A']) {
            COUNT_LINE.captures(line)
        } else {
            None
        };
        let count = match (&row, count_line) {
            (Some((w, n, _)), _) => Some((w.clone(), Some(*n))),
            (None, Some(c)) => Some((
                c.get(1).map_or("", |m| m.as_str()).to_ascii_lowercase(),
                num(c.get(2)),
            )),
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
                    .and_then(|c| c.name("names"))
                    .map(|m| names(strip_plural(m.as_str())))
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
        let named = line
            .get(..1)
            .is_some_and(|c| matches!(c, "A" | "a" | "N" | "n" | "Y" | "y"));
        if let Some(c) = named.then(|| NAMED.captures(line)).flatten() {
            let word = c.get(1).map_or("", |m| m.as_str()).to_ascii_lowercase();
            let list = names(c.get(2).map_or("", |m| m.as_str()));
            let g = named_group.get_or_insert_with(|| Found::new(off, off + line.len()));
            let n = Some(list.len() as u32);
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
    let mut joined = String::new();
    let mut map: Vec<(usize, usize)> = Vec::new(); // (joined offset, source offset)
    for &(off, line) in lines {
        if !joined.is_empty() {
            joined.push(' ');
        }
        map.push((joined.len(), off));
        joined.push_str(line);
    }
    let to_src = |j: usize| -> usize {
        let k = map.partition_point(|&(jo, _)| jo <= j).saturating_sub(1);
        map.get(k).map_or(j, |&(jo, so)| so + (j - jo))
    };
    // `Roll Call was taken as follows: Trustee Elton – yes, Trustee Hodge – yes, ...`
    if out.is_empty() && gates & hint::ROLL != 0 {
        let starts: Vec<usize> = ROLL_CALL.find_iter(&joined).map(|m| m.end()).collect();
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
    let digits = joined.bytes().any(|b| b.is_ascii_digit());
    if out.is_empty() && digits && joined.contains('(') {
        // `For the recommendations in the report – Councillors A, B and C (6)`; `^` holds it to
        // one match at most
        let mut g: Option<Found> = None;
        for c in named_count(&joined).into_iter() {
            let Some(m) = c.get(0) else { continue };
            let word = c.name("w").map_or("", |m| m.as_str()).to_ascii_lowercase();
            let list = c.name("names").map_or("", |m| m.as_str());
            let people = names(strip_plural(list));
            let n = num(c.name("n"));
            let f = g.get_or_insert_with(|| Found::new(to_src(m.start()), to_src(m.end())));
            f.end = to_src(m.end());
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
        for (regex, order, gate) in [
            (&*INLINE_COUNTS, [1, 2, 3], hint::AGAINST),
            (&*VOTES_TO, [1, 2, 3], hint::VOTE),
            (&*VOTES_FOR, [1, 2, 3], hint::VOTE),
        ] {
            if gates & gate == 0 {
                continue;
            }
            for c in regex.captures_iter(&joined) {
                let Some(m) = c.get(0) else { continue };
                let mut f = Found::new(to_src(m.start()), to_src(m.end()));
                f.for_ = num(c.get(order[0]));
                f.against = num(c.get(order[1]));
                f.abstain = num(c.get(order[2]));
                out.push(f);
            }
            if !out.is_empty() {
                break;
            }
        }
    }
    if out.is_empty() && digits && gates & hint::DASHED != 0 {
        for c in DASHED.captures_iter(&joined) {
            let Some(m) = c.get(0) else { continue };
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
    if let Some(c) = (gates & hint::OUTCOME != 0)
        .then(|| OUTCOME.captures(&joined))
        .flatten()
    {
        let lost = ["l1", "l2", "l3"].iter().any(|n| c.name(n).is_some());
        let result = if lost {
            VoteResult::Lost
        } else {
            VoteResult::Carried
        };
        if out.is_empty() {
            if let Some(m) = c.get(0) {
                out.push(Found::new(to_src(m.start()), to_src(m.end())));
            }
        }
        for f in &mut out {
            f.result.get_or_insert(result);
        }
    }
    // once per paragraph, not once per vote: a long paragraph may hold thousands of votes
    let some = !out.is_empty();
    let unanimous = some && gates & hint::UNANIMOUS_RULE != 0 && UNANIMOUS.is_match(&joined);
    let hands = some && crate::segment::contains_ci(&joined, "show of hands");
    let voice = some && crate::segment::contains_ci(&joined, "voice vote");
    for f in &mut out {
        if f.result.is_none() {
            f.result = result_of(f);
        }
        if f.kind.is_none() {
            if unanimous {
                f.kind = Some(VoteKind::Unanimous);
            } else if hands {
                f.kind = Some(VoteKind::ShowOfHands);
            } else if voice {
                f.kind = Some(VoteKind::Voice);
            }
        }
    }
    out.sort_by_key(|f| f.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
            long.as_str(),
            gap.as_str(),
        ];
        let groups = |c: Option<regex::Captures<'_>>| {
            c.map(|c| ["w", "names", "n"].map(|g| c.name(g).map(|m| (m.start(), m.end()))))
        };
        for t in cases {
            assert_eq!(
                groups(named_count(t)),
                groups(NAMED_COUNT.captures(t)),
                "{t}"
            );
        }
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
