//! Attendance: Present / Apologies / Absent / In attendance blocks.
//!
//! ```text
//! Present: Councillor A (Chair), B, C and D          one line, hanging indent, or one name per line
//! PRESENT:- Mr R W Gough (Chairman), Mr N Baker
//! Present:                     Also in attendance      two columns side by side
//! Apologies - Councillor R Healey
//! Apologies were received from Mrs C Bell.
//! COUNCIL PRESENT: ...  ABSENT: ...                    US roll call
//! ```

use std::sync::LazyLock;

use regex::Regex;

use super::pattern;
use crate::model::{Attendance, Person};
use crate::segment::Line;
use crate::source::LineIndex;

/// Which list a label opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Present,
    Apologies,
    Absent,
    InAttendance,
    /// Members of the public, guests: listed nowhere.
    Ignore,
}

/// The words of each list's labels (see [`LABEL`]).
const PRESENT: &str = r"(?:(?:council|board|committee|commission)\s+)?(?:members?\s+|councillors\s+|commissioners\s+|trustees\s+)?present|attendees|members\s+in\s+attendance|presennol|étaient\s+présents";
const ATTEND: &str = r"(?:also\s+)?in\s+attendance(?:\s+virtually)?|also\s+present|officers(?:\s+present)?|staff(?:\s+present)?|others\s+present";
const APOLOGIES: &str = r"apologies(?:\s+for\s+absence)?(?:\s+received)?|ymddiheuriadau";
const ABSENT: &str = r"(?:members?\s+|councillors?\s+|commissioners\s+|trustees\s+)?absent";
const IGNORE: &str = r"members\s+of\s+(?:the\s+)?public|public|guests?|visitors?";
/// What ends a label: punctuation, a column gap, or the end of the cell.
const LABEL_END: &str = r"\s*(?::-|:|-|–|—|\s{2,}|$)\s*";

/// An attendance label at the start of a cell: `Present:`, `PRESENT:-`, `Apologies -`,
/// `Also in attendance`, `COUNCIL PRESENT:`, `Members of the Public -`.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        "(?i)^(?:{PRESENT}|{ATTEND}|{APOLOGIES}|{ABSENT}|{IGNORE}){LABEL_END}"
    ))
});

/// Each list's label alone, in [`LABEL`]'s order: the first of them that matches is the list of
/// [`LABEL`]'s match, and its match is [`LABEL`]'s (a leftmost-first regex takes an alternative
/// before any later one whenever the pattern can match through it). Found this way, by the
/// automaton alone, a label costs far less than [`LABEL`]'s capture groups did.
static ROLES: LazyLock<[(Role, Regex); 5]> = LazyLock::new(|| {
    let one = |words: &str| pattern(&format!("(?i)^(?:{words}){LABEL_END}"));
    [
        (Role::Present, one(PRESENT)),
        (Role::InAttendance, one(ATTEND)),
        (Role::Apologies, one(APOLOGIES)),
        (Role::Absent, one(ABSENT)),
        (Role::Ignore, one(IGNORE)),
    ]
});

/// `Apologies were received from X and Y.`
static APOLOGY_SENTENCE: LazyLock<Regex> =
    LazyLock::new(|| pattern(&format!("(?i){APOLOGY_LEAD}[^.]+")));

/// The words of [`APOLOGY_SENTENCE`] before the names.
const APOLOGY_LEAD: &str = r"\bapologies\s+(?:for\s+absence\s+)?(?:were|had\s+been)\s+(?:received|submitted|given|noted|tendered)\s+(?:from|by|on\s+behalf\s+of)\s+:?\s*";

/// [`APOLOGY_LEAD`] at the start of a text.
static APOLOGY_LEAD_AT: LazyLock<Regex> =
    LazyLock::new(|| pattern(&format!("(?i)^(?:{APOLOGY_LEAD})")));

/// The names in a match of [`APOLOGY_SENTENCE`] in `text`, found without a capture group: all
/// that follows the words before them, as [`APOLOGY_LEAD_AT`] reads them (each run of white
/// space whole, the colon where there is one), up to the match's end (`[^.]+` runs to the
/// first full stop). Where nothing is left after those words, the regex gives back the last
/// character it read there (white space or the colon), which is then the names.
fn apology_names<'a>(text: &'a str, m: regex::Match<'_>) -> Option<(usize, &'a str)> {
    let lead = APOLOGY_LEAD_AT.find(text.get(m.start()..)?)?.end();
    let from = m.start() + lead;
    let from = if from < m.end() {
        from
    } else {
        m.end() - text.get(..m.end())?.chars().next_back()?.len_utf8()
    };
    Some((from, text.get(from..m.end())?))
}

/// Attendance told in sentences, as US minutes do: `Board members present were Trustee Elton,
/// Trustee Hodge, and Supervisor Liccar.`, `Also present were ...`, `Clerk Buiter was also
/// present.` The group is the names (captured), up to the full stop.
static PRESENT_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?:\b(?:(?i:board|council|committee|commission)\s+)?(?i:members|trustees|commissioners|councilmembers)\s+(?i:present|in\s+attendance)\s+(?i:were|was|included)\s*:?\s*|\b(?i:also\s+present\s+(?:were|was))\s*:?\s*)(?P<n>[A-Z][^.]{2,400}?)\s*\.|(?:^|\s)(?P<one>(?:[A-Z][\w’'-]*\s+){1,3}[A-Z][\w’'-]+)\s+(?i:was|were)\s+(?i:also\s+)?present\b",
    )
});

/// Names from sentences that say who was present (see [`PRESENT_SENTENCE`]), in `text` at
/// offset `base`.
pub(crate) fn present_sentences(text: &str, base: usize, ix: &LineIndex) -> Vec<Person> {
    let mut out = Vec::new();
    if !crate::segment::contains_ci(text, "present") {
        return out;
    }
    // line ends as spaces, byte for byte, so `and\nSupervisor Liccar` splits like `and
    // Supervisor Liccar` and offsets stay those of the source
    let flat: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    for c in PRESENT_SENTENCE.captures_iter(&flat) {
        if let Some(m) = c.name("n").or_else(|| c.name("one")) {
            people(m.as_str(), base + m.start(), ix, &mut out);
        }
    }
    out
}

/// A roll-call table with a status column, as US agenda software prints it:
///
/// ```text
///       Attendee Name                   Title               Status     Arrived
/// Andrei Garcia                Commissioner               Late       7:08 p.m.
/// Uriel Hernandez              Commissioner               Absent
/// ```
///
/// The name is each row's first cell; its status (`Present`, `Late`, `Remote` or `Absent`,
/// `Excused`) is whichever later cell says one.
fn status_table(lines: &[Line<'_>], ix: &LineIndex) -> Option<Attendance> {
    let head = lines.iter().position(status_header)?;
    let mut att = Attendance::default();
    let mut started = false;
    for line in lines.iter().skip(head + 1) {
        if line.furniture {
            continue;
        }
        if line.is_blank() {
            if started {
                break;
            }
            continue;
        }
        let cs = cells(line.text, line.text_start);
        let Some(&(off, name)) = cs.first() else {
            break;
        };
        let status = cs.iter().skip(1).find_map(|(_, c)| {
            let w = c
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase();
            match w.as_str() {
                "present" | "late" | "remote" | "arrived" => Some(Role::Present),
                "absent" | "excused" => Some(Role::Absent),
                _ => None,
            }
        });
        let Some(role) = status else { break };
        started = true;
        if let Some(p) = person(name, off, ix) {
            match role {
                Role::Absent => att.absent.push(p),
                _ => att.present.push(p),
            }
        }
    }
    started.then_some(att)
}

/// Whether `l` heads a [`status_table`]: columns, among them `Name` and `Status`. The column
/// gap first, by the line's [`shape`](crate::segment::shape) bits where they say there is none,
/// and only then a lowered copy for the words.
fn status_header(l: &Line<'_>) -> bool {
    l.shape & crate::segment::shape::GAP != 0 && crate::segment::has_gap(l.text) && {
        let lower = l.text.to_ascii_lowercase();
        lower.contains("name") && lower.contains("status")
    }
}

/// [`cells`] of line `l` into `out` (cleared first), which the caller keeps from line to line:
/// a line whose [`shape`](crate::segment::shape) bits say it holds no column gap is one cell.
fn cells_into<'a>(out: &mut Vec<(usize, &'a str)>, l: &Line<'a>) {
    out.clear();
    if l.shape & crate::segment::shape::GAP == 0 {
        if !l.text.is_empty() {
            out.push((l.text_start, l.text));
        }
    } else {
        out.extend(cells(l.text, l.text_start));
    }
}

/// Splits a run of cells on runs of three or more spaces (column gaps).
fn cells(text: &str, base: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i) == Some(&b' ') {
            let run = bytes
                .get(i..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&b| b == b' ')
                .count();
            if run >= 3 {
                if let Some(c) = text.get(start..i) {
                    out.push((base + start, c));
                }
                start = i + run;
            }
            i += run;
        } else {
            i += 1;
        }
    }
    if let Some(c) = text.get(start..) {
        if !c.is_empty() {
            out.push((base + start, c));
        }
    }
    out
}

/// Opens a list if `cell` starts with an attendance label; returns it and the rest.
pub(crate) fn label(cell: &str) -> Option<(Role, usize)> {
    // a label may stand in a bulleted list: `o Commissioners Present: A, B`
    let skip = super::labels::bullet(cell).unwrap_or(0);
    let (role, len) = bare_label(cell.get(skip..)?)?;
    Some((role, skip + len))
}

/// Whether `cell` opens with the first two letters of some word that opens [`LABEL`]: `council`,
/// `board`, `members`, `trustees`, `present`, `public`, `attendees`, `also`, `apologies`,
/// `absent`, `in`, `officers`, `others`, `staff`, `ymddiheuriadau`, `guests`, `visitors`, or
/// `étaient`. Under `(?i)` only `ſ` stands for one of these ASCII letters besides their two
/// cases (and `É` for `é`).
fn may_be_label(cell: &str) -> bool {
    const OPENINGS: [&[u8; 2]; 17] = [
        b"co", b"bo", b"me", b"tr", b"pr", b"pu", b"at", b"al", b"ap", b"ab", b"in", b"of", b"ot",
        b"st", b"ym", b"gu", b"vi",
    ];
    cell.as_bytes()
        .get(..2)
        .is_some_and(|w| OPENINGS.iter().any(|o| w.eq_ignore_ascii_case(*o)))
        || cell.starts_with(['é', 'É', '\u{17f}'])
}

/// The lists whose labels may open with the first two letters of `cell` (see
/// [`may_be_label`]), as bits by their place in [`ROLES`]. Under `(?i)` only `ſ` stands for one
/// of these ASCII letters besides their two cases (and `É` for `é`): a cell opening with `ſ`
/// can open only `staff`.
fn roles_opening(cell: &str) -> u8 {
    const PRESENT: u8 = 1;
    const ATTEND: u8 = 2;
    const APOLOGIES: u8 = 4;
    const ABSENT: u8 = 8;
    const IGNORE: u8 = 16;
    let Some(&[a, b]) = cell.as_bytes().get(..2) else {
        return 0;
    };
    match &[a.to_ascii_lowercase(), b.to_ascii_lowercase()] {
        // council, committee, commission, councillors, commissioners; trustees
        b"co" | b"tr" => PRESENT | ABSENT,
        b"me" => PRESENT | ABSENT | IGNORE,
        b"bo" | b"pr" | b"at" => PRESENT,
        b"al" | b"in" | b"of" | b"ot" | b"st" => ATTEND,
        b"ap" | b"ym" => APOLOGIES,
        b"ab" => ABSENT,
        b"pu" | b"gu" | b"vi" => IGNORE,
        _ if cell.starts_with(['é', 'É']) => PRESENT,
        _ if cell.starts_with('\u{17f}') => ATTEND,
        _ => 0,
    }
}

/// The list of the label that opens `cell` and the label's end: [`LABEL`]'s match, and the
/// first list in [`ROLES`] whose regex matches (the one regex that may, where the cell's
/// opening leaves one list, is not run: [`LABEL`]'s match is its match).
fn label_role(cell: &str) -> Option<(Role, usize)> {
    // one search for any label (most cells hold none), then the list whose label it is
    let m = LABEL.find(cell)?;
    let lists = roles_opening(cell);
    if lists.count_ones() == 1 {
        let k = lists.trailing_zeros() as usize;
        return ROLES.get(k).map(|(role, _)| (*role, m.end()));
    }
    ROLES
        .iter()
        .enumerate()
        .filter(|(k, _)| lists & (1 << k) != 0)
        .find_map(|(_, (role, re))| re.find(cell).map(|m| (*role, m.end())))
}

fn bare_label(cell: &str) -> Option<(Role, usize)> {
    if !may_be_label(cell) {
        return None;
    }
    let (role, end) = label_role(cell)?;
    // "Present" must stand as a label, not open a sentence ("Present at the meeting were")
    let rest = cell.get(end..).unwrap_or_default();
    let punct = cell
        .get(..end)
        .is_some_and(|l| l.trim_end().ends_with([':', '-', '–', '—']));
    if !punct && !rest.is_empty() && !cell.get(..end).is_some_and(|l| l.ends_with("  ")) {
        return None;
    }
    Some((role, end))
}

/// People named in a list cell, with byte offsets.
///
/// A piece that is only a job title right after a name (`Ms A. Fitzgerald, District Manager`)
/// is that person's role, not another person.
fn people(text: &str, base: usize, ix: &LineIndex, out: &mut Vec<Person>) {
    let mut pos = 0;
    let mut named_here = false;
    for piece in name_pieces(text) {
        let Some(rel) = text.get(pos..).and_then(|t| find(t, piece)) else {
            continue;
        };
        let start = pos + rel;
        pos = start + piece.len();
        if named_here && job_title(piece) {
            if let Some(prev) = out.last_mut().filter(|p| p.role.is_none()) {
                prev.role = Some(piece.trim().to_string());
                named_here = false;
                continue;
            }
        }
        named_here = false;
        if let Some(p) = person(piece, base + start, ix) {
            // (only a name with a title of address takes a role after it: `City Manager Paul
            // Greer, City Clerk ...` names its people after their roles)
            named_here = addressed(piece);
            out.push(p);
        }
    }
}

/// The titles of address that open a name: `Mr`, `Ms`, `Cllr`, ...
const ADDRESS: [&str; 9] = [
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "cllr",
    "councillor",
    "cr",
    "mayor",
];

/// Whether a piece opens with a title of address ([`ADDRESS`]).
fn addressed(piece: &str) -> bool {
    let first = piece
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_end_matches('.');
    ADDRESS.iter().any(|a| first.eq_ignore_ascii_case(a))
}

/// Whether a list's piece is a job title and no name: it opens with no title of address and
/// ends with a one-word role word ([`ROLE_WORDS`]: `District Manager`, `Senior Engineer`) or
/// opens with one (`Head of
/// Legal Services`, `Chief Executive`), where `City Clerk Janet Hobbs` ends with a name.
fn job_title(piece: &str) -> bool {
    let t = piece.trim().trim_end_matches('.');
    let lower = t.to_ascii_lowercase();
    let last = lower.split_whitespace().next_back().unwrap_or_default();
    !t.is_empty()
        && !addressed(t)
        // (a piece ending in `chief` is no role alone: `Fire Chief` names a person's rank)
        && ((last != "chief" && ROLE_WORDS.contains(&last))
            || lower.starts_with("head of ")
            || lower.starts_with("chief "))
}

/// The names in a list, in order: split at commas, semicolons and bullets, then at ` and `,
/// each trimmed of white space and full stops, the empty ones left out. An iterator, as the
/// [`split_names`] it replaces collected them twice.
fn name_pieces(text: &str) -> impl Iterator<Item = &str> {
    list_parts(text)
        .flat_map(|part| {
            let mut rest = Some(part);
            std::iter::from_fn(move || {
                let r = rest?;
                match find(r, " and ") {
                    Some(i) => {
                        rest = Some(r.get(i + 5..).unwrap_or_default());
                        Some(r.get(..i).unwrap_or_default())
                    }
                    None => {
                        rest = None;
                        Some(r)
                    }
                }
            })
        })
        .map(|s| s.trim_matches(|c: char| c.is_whitespace() || c == '.'))
        .filter(|s| !s.is_empty())
}

/// The parts of a list between its separators, as `text.split([',', ';', '•', '·'])` gives
/// them, found bytewise: `,` and `;` are single bytes, `•` is `E2 80 A2` and `·` is `C2 B7`,
/// and in UTF-8 no character's bytes hold another character's, so a separator's bytes stand
/// in the text exactly where the separator does. The split by characters decodes every
/// character of the text; this reads its bytes, and looks at the next byte or two only after
/// `E2` or `C2`.
fn list_parts(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        while let Some(&c) = b.get(i) {
            let len = match c {
                b',' | b';' => 1,
                0xC2 if b.get(i + 1) == Some(&0xB7) => 2,
                0xE2 if b.get(i + 1..i + 3) == Some(&[0x80, 0xA2][..]) => 3,
                _ => 0,
            };
            if len > 0 {
                let part = text.get(start..i).unwrap_or_default();
                i += len;
                start = i;
                return Some(part);
            }
            i += 1;
        }
        done = true;
        text.get(start..)
    })
}

/// Words in `name` as `name.split_whitespace().count()` counts them: for ASCII text bytewise
/// (Rust's white space among ASCII bytes is `\t`, `\n`, `\v`, `\f`, `\r` and the space), and
/// by characters where the text holds any other.
fn word_count(name: &str) -> usize {
    if !name.is_ascii() {
        return name.split_whitespace().count();
    }
    let mut words = 0;
    let mut in_word = false;
    for &c in name.as_bytes() {
        let space = matches!(c, 9..=13 | b' ');
        words += usize::from(!space && !in_word);
        in_word = !space;
    }
    words
}

/// [`name_pieces`] as it was, collected (its oracle).
#[cfg(test)]
fn split_names(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for part in text.split([',', ';', '•', '·']) {
        let mut rest = part;
        while let Some(i) = find(rest, " and ") {
            out.push(rest.get(..i).unwrap_or_default());
            rest = rest.get(i + 5..).unwrap_or_default();
        }
        out.push(rest);
    }
    out.into_iter()
        .map(|s| s.trim_matches(|c: char| c.is_whitespace() || c == '.'))
        .filter(|s| !s.is_empty())
        .collect()
}

/// `hay.find(needle)` for the short texts of attendance lists: the needle's first byte by
/// `memchr`, then a comparison, with no searcher built per call. (A valid UTF-8 needle matches
/// bytewise only at a character boundary, so the offset is the one `str::find` gives.)
fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return Some(0);
    };
    let mut at = 0;
    while let Some(i) = h.get(at..).and_then(|r| memchr::memchr(first, r)) {
        let k = at + i;
        if h.get(k..k + n.len()) == Some(n) {
            return Some(k);
        }
        at = k + 1;
    }
    None
}

/// Where `name`, a part of `piece`, first occurs in it (`find(piece, name)`, 0 where it does
/// not): a name that starts where the piece starts occurs there first, with no search.
fn offset_in(piece: &str, name: &str) -> usize {
    if name.as_ptr() == piece.as_ptr() {
        0
    } else {
        find(piece, name).unwrap_or(0)
    }
}

/// Words that make a text a job title rather than a name.
const ROLE_WORDS: [&str; 16] = [
    "officer",
    "director",
    "executive",
    "head of",
    "manager",
    "clerk",
    "chief",
    "solicitor",
    "lawyer",
    "treasurer",
    "secretary",
    "engineer",
    "assistant",
    "adviser",
    "advisor",
    "planner",
];

const PLURALS: [&str; 6] = [
    "Councillors ",
    "Cllrs ",
    "Cllrs. ",
    "Trustees ",
    "Commissioners ",
    "Members ",
];

/// A name without the `and` (or `&`) that joins it to the next where a list wraps after it:
/// `Councillors B Jones, C Brown and` / `D White` gives `C Brown`.
fn without_trailing_and(name: &str) -> &str {
    let mut name = name;
    while let Some(rest) = name
        .strip_suffix(" and")
        .or_else(|| name.strip_suffix(" &"))
    {
        name = rest.trim_end();
    }
    name
}

fn person(piece: &str, start: usize, ix: &LineIndex) -> Option<Person> {
    // `trim_start_matches("and ")` without a substring searcher
    let mut name = piece;
    while let Some(rest) = name.strip_prefix("and ") {
        name = rest;
    }
    let mut name = without_trailing_and(name.trim());
    for p in PLURALS {
        if let Some(r) = name.strip_prefix(p) {
            name = r;
        }
    }
    let mut role = None;
    if let Some(open) = name.find('(') {
        let inner = name
            .get(open + 1..)
            .unwrap_or_default()
            .trim_end_matches(')')
            .trim();
        if !inner.is_empty() {
            role = Some(inner.to_string());
        }
        name = name.get(..open).unwrap_or_default().trim();
    }
    // officers listed as `Role (Name)`: `Chief Executive (Alison Marsh)`
    if let Some(r) = role.as_deref() {
        // the name's shape first (two to four capitalised words), then the role's words, whose
        // search needs a lowered copy
        let words = r.split_whitespace().count();
        let inner_name = (2..=4).contains(&words)
            && r.split_whitespace()
                .all(|w| w.starts_with(|c: char| c.is_uppercase()));
        let role_like = || {
            let outer = name.to_ascii_lowercase();
            ROLE_WORDS.iter().any(|w| find(&outer, w).is_some())
        };
        if inner_name && role_like() {
            let at = find(piece, r).unwrap_or(0);
            return Some(Person {
                name: r.to_string(),
                role: Some(name.to_string()),
                span: ix.span(start + at, start + at + r.len()),
            });
        }
    }
    // (the tests are pure: the cheap ones first)
    let ok = name.len() <= 60
        && name.starts_with(|c: char| c.is_uppercase())
        && (1..=7).contains(&word_count(name))
        && !name.bytes().any(|b| b.is_ascii_digit())
        && !["None", "Nil", "N/A", "No", "There"].contains(&name)
        && !name
            .as_bytes()
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"none"));
    if !ok {
        return None;
    }
    let offset = offset_in(piece, name);
    Some(Person {
        name: name.to_string(),
        role,
        span: ix.span(start + offset, start + offset + name.len()),
    })
}

/// Reads attendance lists from the lines of a meeting's heading area.
pub(crate) fn read(lines: &[Line<'_>], ix: &LineIndex) -> Attendance {
    if let Some(att) = status_table(lines, ix) {
        return att;
    }
    let mut att = Attendance::default();
    // one open list per column
    let mut open: Vec<Option<Role>> = vec![None, None];
    let mut blank_run = 0;
    let mut pending: Option<(usize, String)> = None;
    let mut cs = Vec::new();
    for line in lines {
        if line.furniture {
            continue;
        }
        if line.is_blank() {
            blank_run += 1;
            if blank_run >= 2 {
                open = vec![None, None];
            }
            continue;
        }
        blank_run = 0;
        cells_into(&mut cs, line);
        let wide = cs.len() > 1;
        for (k, &(off, cell)) in cs.iter().enumerate() {
            let far = line.indent + (off - line.text_start) > 30;
            let right_open = open.get(1).is_some_and(Option::is_some);
            let col = if far && ((wide && k > 0) || right_open) {
                1
            } else {
                0
            };
            let (role, rest_off) = match label(cell) {
                Some((r, n)) => {
                    if let Some(slot) = open.get_mut(col) {
                        *slot = Some(r);
                    }
                    (Some(r), n)
                }
                None => (open.get(col).copied().flatten(), 0),
            };
            let Some(role) = role else { continue };
            let mut rest = cell.get(rest_off..).unwrap_or_default();
            let mut base = off + rest_off;
            let list = match role {
                Role::Present => &mut att.present,
                Role::Apologies => &mut att.apologies,
                Role::Absent => &mut att.absent,
                Role::InAttendance => &mut att.in_attendance,
                Role::Ignore => continue,
            };
            // `Apologies:   Apologies for absence were received from Councillors J Quarry`
            if role == Role::Apologies {
                let lower = rest.to_ascii_lowercase();
                if let Some(k) = lower.find(" from ").filter(|_| lower.starts_with("apolog")) {
                    base += k + 6;
                    rest = rest.get(k + 6..).unwrap_or_default();
                }
            }
            // `Director of Finance (Graham` / `Petrie)`: a bracket closed on the next line
            if col == 0 {
                if let Some((pstart, ptext)) = pending.take() {
                    if let Some(close) = rest.find(')') {
                        let joined = format!("{ptext} {}", rest.get(..=close).unwrap_or_default());
                        if let Some(mut p) = person(&joined, pstart, ix) {
                            p.span = ix.span(pstart, base + close + 1);
                            list.push(p);
                        }
                        let after = rest.get(close + 1..).unwrap_or_default();
                        let trimmed = after.trim_start_matches(|c: char| {
                            c == ',' || c == ';' || c.is_whitespace()
                        });
                        let trimmed = trimmed.strip_prefix("and ").unwrap_or(trimmed);
                        base += rest.len() - trimmed.len();
                        rest = trimmed;
                    }
                }
                if rest.matches('(').count() > rest.matches(')').count() {
                    if let Some(open_at) = rest.rfind('(') {
                        let cut = rest
                            .get(..open_at)
                            .and_then(|b| {
                                b.rfind([',', ';'])
                                    .map(|i| i + 1)
                                    .or_else(|| b.rfind(" and ").map(|i| i + 5))
                            })
                            .unwrap_or(0);
                        let last = rest.get(cut..).unwrap_or_default();
                        let lead = last.len() - last.trim_start().len();
                        pending = Some((base + cut + lead, last.trim().to_string()));
                        rest = rest.get(..cut).unwrap_or_default();
                    }
                }
            }
            people(rest, base, ix, list);
        }
    }
    att
}

/// Names from `Apologies were received from ...` sentences in `text` (offset `base`).
pub(crate) fn apology_sentences(text: &str, base: usize, ix: &LineIndex) -> Vec<Person> {
    let mut out = Vec::new();
    // every sentence holds `apologie`, whose letters `(?i)` reads as their two ASCII cases only
    if !crate::segment::contains_ci(text, "apologie") {
        return out;
    }
    for m in APOLOGY_SENTENCE.find_iter(text) {
        if let Some((at, names)) = apology_names(text, m) {
            people(names, base + at, ix, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::lines;

    /// [`person`] as it was: the role's words searched before the name's shape.
    fn person_as_it_was(piece: &str, start: usize, ix: &LineIndex) -> Option<Person> {
        // `trim_start_matches("and ")` without a substring searcher
        let mut name = piece;
        while let Some(rest) = name.strip_prefix("and ") {
            name = rest;
        }
        let mut name = without_trailing_and(name.trim());
        for p in PLURALS {
            if let Some(r) = name.strip_prefix(p) {
                name = r;
            }
        }
        let mut role = None;
        if let Some(open) = name.find('(') {
            let inner = name
                .get(open + 1..)
                .unwrap_or_default()
                .trim_end_matches(')')
                .trim();
            if !inner.is_empty() {
                role = Some(inner.to_string());
            }
            name = name.get(..open).unwrap_or_default().trim();
        }
        // officers listed as `Role (Name)`: `Chief Executive (Alison Marsh)`
        if let Some(r) = role.clone() {
            let outer = name.to_ascii_lowercase();
            let role_like = ROLE_WORDS.iter().any(|w| find(&outer, w).is_some());
            let inner_name = r.split_whitespace().count() >= 2
                && r.split_whitespace().count() <= 4
                && r.split_whitespace()
                    .all(|w| w.starts_with(|c: char| c.is_uppercase()));
            if role_like && inner_name {
                role = Some(name.to_string());
                let at = find(piece, r.as_str()).unwrap_or(0);
                let words = r.split_whitespace().count();
                if (1..=7).contains(&words) {
                    return Some(Person {
                        name: r.clone(),
                        role,
                        span: ix.span(start + at, start + at + r.len()),
                    });
                }
            }
        }
        let words = name.split_whitespace().count();
        let ok = (1..=7).contains(&words)
            && name.len() <= 60
            && name.starts_with(|c: char| c.is_uppercase())
            && !name.bytes().any(|b| b.is_ascii_digit())
            && !["None", "Nil", "N/A", "No", "There"].contains(&name)
            && !name
                .as_bytes()
                .get(..4)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"none"));
        if !ok {
            return None;
        }
        let offset = offset_in(piece, name);
        Some(Person {
            name: name.to_string(),
            role,
            span: ix.span(start + offset, start + offset + name.len()),
        })
    }

    /// `Name, Role` gives one person with a role; names keep no joining `and`.
    #[test]
    fn names_with_roles_after_commas() {
        let text = "Ms A. Fitzgerald, District Manager, Mr J. Nolan, Senior Engineer";
        let ix = LineIndex::new(text, &[]);
        let mut out = Vec::new();
        people(text, 0, &ix, &mut out);
        let got: Vec<(String, Option<String>)> =
            out.into_iter().map(|p| (p.name, p.role)).collect();
        assert_eq!(
            got,
            [
                (
                    "Ms A. Fitzgerald".to_string(),
                    Some("District Manager".to_string())
                ),
                (
                    "Mr J. Nolan".to_string(),
                    Some("Senior Engineer".to_string())
                ),
            ]
        );
        // a role word inside a name with a title of address is a name
        assert!(!job_title("Mr Clerkenwell"));
        assert!(job_title("Chief Executive"));
        assert!(!job_title("City Clerk Janet Hobbs"));
        assert_eq!(without_trailing_and("C Brown and"), "C Brown");
        assert_eq!(without_trailing_and("Smith & "), "Smith & ");
        assert_eq!(without_trailing_and("Smith &"), "Smith");
        assert_eq!(without_trailing_and("Alexander"), "Alexander");
    }

    #[test]
    fn people_read_as_they_were() {
        let check = |text: &str| {
            let ix = LineIndex::new(text, &[]);
            for piece in name_pieces(text) {
                for p in [piece, piece.split('(').next().unwrap_or_default()] {
                    let (a, b) = (person(p, 0, &ix), person_as_it_was(p, 0, &ix));
                    assert_eq!(format!("{a:?}"), format!("{b:?}"), "{p:?}");
                }
            }
        };
        for text in crate::testgen::real_texts() {
            for l in text.lines() {
                check(l);
            }
        }
        let pieces = [
            "Chief Executive",
            "Head of Law",
            "Clerk",
            "(",
            ")",
            "Alison Marsh",
            "Alison",
            "A B C D E",
            "Chair",
            "Councillors ",
            "and ",
            " ",
            "x",
            "é",
            "É",
            "(Vice-Chair)",
            "1",
            "None",
            "\u{a0}",
            "\t",
            "\u{b}",
            "ſ",
            "\u{212a}",
            "",
            ",",
            "•",
            "·",
        ];
        check("Chief Executive (Alison Marsh), Head of Law (Sam Lee Hart) and Clerk (Chair)");
        let mut walk = crate::testgen::Walk::new(43);
        for _ in 0..40_000 {
            check(&walk.text(&pieces, 7));
        }
    }

    /// [`list_parts`] against `split` at the four separators, and [`word_count`] against
    /// `split_whitespace().count()`, over the fixtures and corpus (each text, each line and
    /// each part of a line) and generated texts with the separators, other characters that open
    /// with their first bytes (`£` and the no-break space with `C2`, `’`, `—` and the em space
    /// with `E2`), every ASCII white space, `U+0085`, `É`, `ſ`, the Kelvin sign and empty
    /// pieces.
    #[test]
    fn list_parts_and_word_counts_as_split() {
        let check = |t: &str| {
            let want: Vec<&str> = t.split([',', ';', '•', '·']).collect();
            assert_eq!(list_parts(t).collect::<Vec<_>>(), want, "{t:?}");
            assert_eq!(word_count(t), t.split_whitespace().count(), "{t:?}");
            for part in &want {
                assert_eq!(
                    word_count(part),
                    part.split_whitespace().count(),
                    "{part:?}"
                );
            }
        };
        for text in crate::testgen::real_texts() {
            check(&text);
            for l in text.lines() {
                check(l);
            }
        }
        let pieces = [
            "", ",", ";", "•", "·", "£", "Â", "’", "—", "Mr A", "and", " ", "\t", "\n", "\u{b}",
            "\u{c}", "\r", "\u{a0}", "\u{2003}", "\u{85}", "É", "ſ", "\u{212a}", "x", ".",
        ];
        for t in crate::testgen::texts_of(&pieces, 3) {
            check(&t);
        }
        let mut walk = crate::testgen::Walk::new(41);
        for _ in 0..30_000 {
            check(&walk.text(&pieces, 12));
        }
    }

    #[test]
    fn attendance_readers_as_they_were() {
        let old_header = |l: &Line<'_>| {
            let lower = l.text.to_ascii_lowercase();
            crate::segment::has_gap(l.text) && lower.contains("name") && lower.contains("status")
        };
        let check = |text: &str| {
            let mut cs = Vec::new();
            for l in lines(text) {
                assert_eq!(status_header(&l), old_header(&l), "{:?}", l.text);
                cells_into(&mut cs, &l);
                assert_eq!(cs, cells(l.text, l.text_start), "{:?}", l.text);
                let t = l.text;
                assert_eq!(name_pieces(t).collect::<Vec<_>>(), split_names(t), "{t:?}");
                // a name is a part of its piece: every part that opens at a character boundary
                for (a, _) in t.char_indices().take(4) {
                    for b in (a..=t.len()).filter(|&b| t.is_char_boundary(b)).take(6) {
                        let name = t.get(a..b).unwrap();
                        assert_eq!(offset_in(t, name), find(t, name).unwrap_or(0), "{t:?}");
                    }
                }
            }
        };
        for text in crate::testgen::real_texts() {
            check(&text);
        }
        let pieces = [
            " ", "   ", "    ", "and", " and ", ",", ";", "•", "·", ".", "Name", "STATUS", "Mr A",
            "x", "é", "\u{a0}", "\n", "\t",
        ];
        let mut walk = crate::testgen::Walk::new(37);
        for _ in 0..30_000 {
            check(&walk.text(&pieces, 12));
        }
    }

    fn names(text: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
        let ls = lines(text);
        let ix = LineIndex::new(text, &[]);
        let a = read(&ls, &ix);
        let n = |v: &Vec<Person>| v.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
        (n(&a.present), n(&a.apologies), n(&a.in_attendance))
    }

    /// [`LABEL`] as it was written, with a capture group per list.
    static LABEL_GROUPS: LazyLock<Regex> = LazyLock::new(|| {
        pattern(
            r"(?ix)^(?:
          (?P<present>(?:(?:council|board|committee|commission)\s+)?(?:members?\s+|councillors\s+|commissioners\s+|trustees\s+)?present|attendees|members\s+in\s+attendance|presennol|étaient\s+présents)
        | (?P<attend>(?:also\s+)?in\s+attendance(?:\s+virtually)?|also\s+present|officers(?:\s+present)?|staff(?:\s+present)?|others\s+present)
        | (?P<apol>apologies(?:\s+for\s+absence)?(?:\s+received)?|ymddiheuriadau)
        | (?P<absent>(?:members?\s+|councillors?\s+|commissioners\s+|trustees\s+)?absent)
        | (?P<ignore>members\s+of\s+(?:the\s+)?public|public|guests?|visitors?)
        )\s*(?::-|:|-|–|—|\s{2,}|$)\s*",
        )
    });

    #[test]
    fn labels_found_by_list_as_by_capture_groups() {
        let old = |cell: &str| {
            let c = LABEL_GROUPS.captures(cell)?;
            let role = ["present", "attend", "apol", "absent", "ignore"]
                .iter()
                .position(|g| c.name(g).is_some())?;
            Some((role, c.get(0)?.end()))
        };
        let new = |cell: &str| {
            let by_opening = label_role(cell);
            let found = LABEL.find(cell).map(|m| m.end());
            let by_role = ROLES.iter().enumerate().find_map(|(k, (role, re))| {
                let want = [
                    Role::Present,
                    Role::InAttendance,
                    Role::Apologies,
                    Role::Absent,
                    Role::Ignore,
                ];
                assert_eq!(want.get(k), Some(role));
                re.find(cell).map(|m| (k, m.end()))
            });
            assert_eq!(found, by_role.map(|(_, e)| e), "{cell:?}");
            assert_eq!(
                by_opening,
                by_role.and_then(|(k, e)| ROLES.get(k).map(|(r, _)| (*r, e))),
                "{cell:?}"
            );
            by_role
        };
        let pieces = [
            "present",
            "PRESENT",
            "Present",
            "preſent",
            "members",
            "member",
            "Members",
            "MEMBERS",
            "council",
            "board",
            "committee",
            "commission",
            "councillors",
            "councillor",
            "commissioners",
            "trustees",
            "attendees",
            "in",
            "attendance",
            "also",
            "virtually",
            "presennol",
            "étaient",
            "ÉTAIENT",
            "présents",
            "PRÉSENTS",
            "officers",
            "staff",
            "ſtaff",
            "others",
            "apologies",
            "apologieſ",
            "for",
            "absence",
            "received",
            "ymddiheuriadau",
            "absent",
            "of",
            "the",
            "public",
            "guest",
            "guests",
            "visitor",
            "visitors",
            "\u{212a}",
            "“",
            "’",
            "£",
            "é",
            "1",
            "٣",
            ",",
            ".",
            "x",
            "Cllr",
            "A",
            "members of the public",
            "Members of Public",
            "members in attendance",
            "also in attendance",
            "in attendance virtually",
            "apologies for absence received",
            "members present",
            "council members present",
            "BOARD TRUSTEES ABSENT",
            "also present",
            "others present",
            "staff present",
            "officers present",
            "étaient présents",
            "councillors absent",
            "councillors present",
        ];
        let gaps = [
            "", " ", "  ", "   ", "\u{a0}", "\u{2003}", "\u{3000}", "\n", ":", ":-", " :- ", "-",
            " - ", "–", "—", " — ", ": ", ".", "\t",
        ];
        let mut walk = crate::testgen::Walk::new(7);
        let mut next = |below: usize| walk.below(below);
        let mut cells: Vec<String> = Vec::new();
        for _ in 0..60_000 {
            let mut t = String::new();
            for _ in 0..1 + next(4) {
                t.push_str(pieces[next(pieces.len())]);
                t.push_str(gaps[next(gaps.len())]);
            }
            cells.push(t);
        }
        // the words cut at every length, alone and before a colon
        for w in pieces {
            for (k, _) in w.char_indices() {
                cells.push(w[..k].to_string());
                cells.push(format!("{}:", &w[..k]));
            }
        }
        for cell in &cells {
            assert_eq!(new(cell), old(cell), "{cell:?}");
        }
    }

    #[test]
    fn apology_names_as_the_capture_group_reads_them() {
        let written = pattern(
            r"(?i)\bapologies\s+(?:for\s+absence\s+)?(?:were|had\s+been)\s+(?:received|submitted|given|noted|tendered)\s+(?:from|by|on\s+behalf\s+of)\s+:?\s*([^.]+)",
        );
        let pieces = [
            "apologies ",
            "Apologieſ ",
            "APOLOGIES",
            "for absence ",
            "were ",
            "had been ",
            "received ",
            "tendered",
            "from",
            "by",
            "on behalf of",
            " ",
            "  ",
            "\n",
            "\u{a0}",
            ":",
            " :",
            ": ",
            ".",
            ". ",
            "Mrs C Bell",
            " and ",
            "x",
            "é",
            ",",
            "apologies were received from ",
        ];
        let mut walk = crate::testgen::Walk::new(17);
        let mut hits = 0;
        for _ in 0..100_000 {
            let t = walk.text(&pieces, 12);
            let want: Vec<(usize, &str)> = written
                .captures_iter(&t)
                .filter_map(|c| c.get(1).map(|g| (g.start(), g.as_str())))
                .collect();
            let got: Vec<(usize, &str)> = APOLOGY_SENTENCE
                .find_iter(&t)
                .filter_map(|m| apology_names(&t, m))
                .collect();
            assert_eq!(got, want, "{t:?}");
            hits += want.len();
        }
        assert!(hits > 1_000, "{hits}");
    }

    #[test]
    fn gate_words_fold_to_ascii_only() {
        // the letters of the words that gate a case-insensitive rule match no character but
        // their two ASCII cases, so a search for the word ignoring ASCII case finds every match
        let letters = pattern("(?i)^[apologie]$");
        let mut buf = [0; 4];
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            assert!(
                c.is_ascii() || !letters.is_match(c.encode_utf8(&mut buf)),
                "{c:?}"
            );
        }
        for t in [
            "Apologies were received from A.",
            "APOLOGIES FOR ABSENCE HAD BEEN GIVEN BY B",
        ] {
            assert!(APOLOGY_SENTENCE.is_match(t));
            assert!(crate::segment::contains_ci(t, "apologie"));
        }
    }

    #[test]
    fn label_openings() {
        for cell in [
            "Present:",
            "COUNCIL PRESENT:",
            "Board members present -",
            "Trustees absent:",
            "Attendees:",
            "Also in attendance:",
            "In attendance:",
            "Officers:",
            "Staff present:",
            "Others present:",
            "Apologies -",
            "Ymddiheuriadau:",
            "Members of the public:",
            "Public:",
            "Guests:",
            "Visitors:",
            "ÉTAIENT PRÉSENTS :",
            "ſtaff:",
            "Presennol:",
        ] {
            assert!(may_be_label(cell), "{cell}");
            assert!(bare_label(cell).is_some(), "{cell}");
        }
        for cell in [
            "Dr Smith",
            "1. Present:",
            " Present:",
            "Ekstra:",
            "",
            "“Present”:",
            "Cllr A",
            "P",
        ] {
            assert!(!may_be_label(cell), "{cell}");
            assert!(LABEL.captures(cell).is_none(), "{cell}");
        }
    }

    #[test]
    fn find_is_str_find() {
        for (hay, needle) in [
            ("", ""),
            ("abc", ""),
            ("", "a"),
            ("Smith and Jones", " and "),
            ("X and d", "d"),
            ("aaab", "aab"),
            ("café, Zoë", "Zoë"),
            ("Zoë", "ë"),
            ("chief executive officer", "officer"),
            ("abc", "abcd"),
        ] {
            assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
        }
    }

    #[test]
    fn a_roll_call_table_with_a_status_column() {
        let text = "      The meeting was called to order at 7:07 p.m.\n\n            Attendee Name                   Title               Status     Arrived\n      Andrei Garcia                Commissioner               Late       7:08 p.m.\n      Robert Allen Fisk            Commissioner               Present\n      Uriel Hernandez              Commissioner               Absent\n      Juan Mendez                  Alternate                  Present\n\n2.    APPROVAL OF THE AGENDA\n";
        let ls = lines(text);
        let a = read(&ls, &LineIndex::new(text, &[]));
        let n = |v: &Vec<Person>| v.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
        assert_eq!(
            n(&a.present),
            ["Andrei Garcia", "Robert Allen Fisk", "Juan Mendez"]
        );
        assert_eq!(n(&a.absent), ["Uriel Hernandez"]);
    }

    #[test]
    fn labels_in_a_bulleted_list() {
        let text = "    Perfunctory Business\n           o Commissioners Present: Anthony Qaiyum, Zach Maiorca,\n              Ben Munro\n           o Others Present: Ryan Warsing (LSRCC)\n           o Commissioners Absent: Shelley Young, Pat Bader\n";
        let (present, _, attending) = names(text);
        assert_eq!(present, ["Anthony Qaiyum", "Zach Maiorca", "Ben Munro"]);
        assert_eq!(attending, ["Ryan Warsing"]);
        let ls = lines(text);
        let a = read(&ls, &LineIndex::new(text, &[]));
        let absent: Vec<String> = a.absent.iter().map(|p| p.name.clone()).collect();
        assert_eq!(absent, ["Shelley Young", "Pat Bader"]);
    }

    #[test]
    fn present_in_sentences() {
        let text = "The meeting was called to order at 7:00 PM.\n\nBoard members present were Trustee Elton, Trustee Hodge, Trustee Piacentini, Trustee Albrecht, and\nSupervisor Liccar. Clerk Buiter was also present.\n\nPledge of Allegiance was given.";
        let ix = LineIndex::new(text, &[]);
        let got: Vec<String> = present_sentences(text, 0, &ix)
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(
            got,
            [
                "Trustee Elton",
                "Trustee Hodge",
                "Trustee Piacentini",
                "Trustee Albrecht",
                "Supervisor Liccar",
                "Clerk Buiter"
            ]
        );
        let ix = LineIndex::new("Nothing here.", &[]);
        assert!(present_sentences("Nothing here.", 0, &ix).is_empty());
    }

    #[test]
    fn one_line() {
        let (p, a, _) = names(
            "Present\nCouncillors D Richardson (Chair), P Moran, S Linsley and M Armstrong\nClerk J Connelly\nMembers of the Public - None\nApologies - Councillor R Healey\n",
        );
        assert_eq!(
            p,
            [
                "D Richardson",
                "P Moran",
                "S Linsley",
                "M Armstrong",
                "Clerk J Connelly"
            ]
        );
        assert_eq!(a, ["Councillor R Healey"]);
    }

    #[test]
    fn two_columns() {
        let (p, a, i) = names(
            "Present:                                       Also in attendance\nMr A Martin (Chairman)                         Clr Ray Jelf (OCC)\nMrs S Barrett\nMrs B McGarry (Clerk)                          Apologies:\n                                               Mr L Barrett\n",
        );
        assert_eq!(p, ["Mr A Martin", "Mrs S Barrett", "Mrs B McGarry"]);
        assert_eq!(i, ["Clr Ray Jelf"]);
        assert_eq!(a, ["Mr L Barrett"]);
    }

    #[test]
    fn labels() {
        assert_eq!(
            label("PRESENT: Mr R W Gough").map(|r| r.0),
            Some(Role::Present)
        );
        assert_eq!(
            label("IN ATTENDANCE: Dr A").map(|r| r.0),
            Some(Role::InAttendance)
        );
        assert_eq!(
            label("Apologies for absence:").map(|r| r.0),
            Some(Role::Apologies)
        );
        assert_eq!(label("COUNCIL PRESENT:").map(|r| r.0), Some(Role::Present));
        assert_eq!(label("Present at the meeting were"), None);
    }

    #[test]
    fn apologies_sentence() {
        let text = "Apologies were received from Mrs C Bell and Mr D Watkins.";
        let ix = LineIndex::new(text, &[]);
        let got: Vec<String> = apology_sentences(text, 0, &ix)
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(got, ["Mrs C Bell", "Mr D Watkins"]);
    }
}
