//! The block pass inside an item: lines → paragraphs, then resolution blocks, list parts,
//! concern lists and statements.
//!
//! A paragraph is a run of non-blank lines; a new one starts at a list label, a bullet, a
//! resolution marker, or after a line that ends a sentence when the next begins a new one
//! (hard-wrapped PDF text has no blank lines to rely on).

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while};
use nom::character::complete::char as ch;
use nom::combinator::opt;
use nom::{IResult, Parser};

use super::labels::{self, Form, Label};
use crate::model::Part;
use crate::segment::{shape, Line};
use crate::source::LineIndex;

/// What a paragraph starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Lead<'a> {
    Label {
        text: &'a str,
        form: Form,
        roman: bool,
        letter: bool,
        digit: bool,
        indent: usize,
    },
    Bullet,
    Plain,
}

/// A paragraph of an item.
#[derive(Debug, Clone)]
pub(crate) struct Para<'a> {
    pub lead: Lead<'a>,
    /// Lines of the paragraph (furniture lines inside it included).
    pub lines: &'a [Line<'a>],
    /// Text after the label or bullet, whitespace collapsed, furniture left out: borrowed from
    /// the source where the paragraph is one line that needs no collapsing (most do not), else
    /// from the text that [`paragraphs`] built for the item's paragraphs.
    pub text: &'a str,
    /// Source offset of the paragraph's first character (its label, if any).
    pub start: usize,
    /// Source offset just past its last character.
    pub end: usize,
    /// Whether it is a table row (cells apart by column gaps).
    pub row: bool,
}

/// Whether a line opens a motion's text: `That ...`, `THAT ...`, maybe quoted.
fn opens_motion(t: &str) -> bool {
    let t = t.trim_start_matches(['"', '“', '\'', '‘']);
    t.starts_with("That ") || t.starts_with("THAT ")
}

/// Whether a line names who moved or seconded a motion (`Proposed by Cllr A, Seconded by Cllr
/// B`, `Moved: Cr Adams`, `Seconded: Cr Brown`): such a line opens a paragraph (its seconder's
/// line stays with it), and the motion's text on the next line opens one of its own, even with
/// no blank line between (PATTERNS.md: minutes with no blank lines at all).
fn names_mover(prev: &str) -> bool {
    const MOVERS: [&str; 8] = [
        "proposed by",
        "proposed:",
        "moved by",
        "moved:",
        "seconded by",
        "seconded:",
        "proposer",
        "seconder",
    ];
    matches!(
        prev.as_bytes().first(),
        Some(b'P' | b'p' | b'M' | b'm' | b'S' | b's')
    ) && MOVERS.iter().any(|w| crate::segment::opens_ci(prev, w))
}

/// A table row: cells apart by column gaps. A short note in a right-hand margin (an "Action"
/// column's initials: `AM`, `(DB)`) does not make a line a row.
fn is_row(text: &str) -> bool {
    // One pass over the bytes: count the runs of three or more spaces (column gaps) and note
    // where the last one ends. One gap with a short note after it is a margin, not a row.
    if !crate::segment::has_gap(text) {
        return false;
    }
    let t = text.trim_end();
    let (mut gaps, mut last_end, mut run) = (0usize, 0usize, 0usize);
    for (i, &b) in t.as_bytes().iter().enumerate() {
        if b == b' ' {
            run += 1;
        } else {
            if run >= 3 {
                gaps += 1;
                last_end = i;
            }
            run = 0;
        }
    }
    match gaps {
        0 => false,
        1 => t
            .get(last_end..)
            .is_some_and(|note| note.trim().chars().count() > 6),
        _ => true,
    }
}

fn starts_upper(s: &str) -> bool {
    s.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '“' || c == '"')
}

/// Where a paragraph's text is while [`paragraphs`] builds it: in the source, or in the arena
/// from the given offset to its end (the paragraph being built is always the arena's last).
#[derive(Debug, Clone, Copy)]
enum Text<'a> {
    Source(&'a str),
    Arena(usize),
}

/// A paragraph as [`paragraphs`] builds it, its text not yet borrowed from the arena.
struct Building<'a> {
    para: Para<'a>,
    text: Text<'a>,
}

/// Cuts an item's lines into paragraphs. The texts that are not a line's as it stands (those
/// over several lines, or with white space to collapse) are built one after another in `arena`,
/// which the paragraphs borrow: one buffer for all of them rather than a string each.
#[cfg(test)]
pub(crate) fn paragraphs<'a>(lines: &'a [Line<'a>], arena: &'a mut String) -> Vec<Para<'a>> {
    paragraphs_in(lines, arena, Vec::new(), &mut Vec::new())
}

/// Vectors kept between calls for [`paragraphs_in`] (and the arena its texts are built in):
/// each item of a document is cut into paragraphs, and building them in the buffers of the
/// item before takes no allocation once they have grown to the size of the largest item.
#[derive(Debug, Default)]
pub(crate) struct ParaBuffers {
    pub arena: String,
    /// Always empty between calls: only its allocation is kept ([`recycle`] gives it the
    /// lifetime of the next call's lines).
    pub paras: Vec<Para<'static>>,
    pub texts: Vec<(usize, usize, usize)>,
}

impl ParaBuffers {
    /// Drops a buffer grown past `limit` bytes (by a huge item), so that a thread does not keep
    /// it after the document is done.
    pub(crate) fn trim(&mut self, limit: usize) {
        if self.arena.capacity() > limit {
            self.arena = String::new();
        }
        if self.paras.capacity() * std::mem::size_of::<Para<'_>>() > limit {
            self.paras = Vec::new();
        }
        if self.texts.capacity() * std::mem::size_of::<(usize, usize, usize)>() > limit {
            self.texts = Vec::new();
        }
    }
}

/// An empty vector with `v`'s allocation, for items of another type of the same size and
/// alignment (here the same type with another lifetime): a buffer kept between calls whose
/// items borrow each call's text. (Collecting a vector's own iterator reuses its allocation
/// where the items' layouts agree; where they did not, the vector would only be new.)
pub(crate) fn recycle<A, B>(mut v: Vec<A>) -> Vec<B> {
    v.clear();
    v.into_iter().filter_map(|_| None).collect()
}

/// [`paragraphs`] in buffers kept between calls: the paragraphs are built in `out` (emptied
/// first) with their texts in `arena`; `texts` is scratch room (where each text is in the arena
/// while the arena is written to).
pub(crate) fn paragraphs_in<'a>(
    lines: &'a [Line<'a>],
    arena: &'a mut String,
    mut out: Vec<Para<'a>>,
    texts: &mut Vec<(usize, usize, usize)>,
) -> Vec<Para<'a>> {
    arena.clear();
    out.clear();
    texts.clear();
    // the arena takes room once, when first needed, for all the lines from there on
    let mut reserved = false;
    let mut room = |arena: &mut String, from: usize| {
        if !reserved {
            reserved = true;
            let rest = lines.get(from..).unwrap_or_default();
            arena.reserve(rest.iter().map(|l| l.text.len() + 1).sum());
        }
    };
    // (most paragraphs run over a few lines)
    out.reserve(lines.len() / 3 + 1);
    let mut cur: Option<Building<'a>> = None;
    // a paragraph is done: where its text ends in the arena is where the arena ends now (its
    // text is set once the arena is written: (paragraph, start, end) is noted meanwhile)
    let close = |cur: Option<Building<'a>>,
                 arena: &String,
                 out: &mut Vec<Para<'a>>,
                 texts: &mut Vec<(usize, usize, usize)>| {
        if let Some(mut b) = cur {
            match b.text {
                Text::Source(s) => b.para.text = s,
                Text::Arena(at) => texts.push((out.len(), at, arena.len())),
            }
            out.push(b.para);
        }
    };
    // the first line of the paragraph being built
    let mut first = 0;
    // a gap inside one line may be justified text; a table has gaps on neighbouring lines too
    // (asked of a line and its neighbours; only lines with a gap are read, and each once: the
    // answers for the last few lines are kept, by line index, in four places, which hold any
    // three lines in a row)
    let mut memo = [(usize::MAX, false); 4];
    let mut gaps = |k: usize| {
        if let Some(&(at, row)) = memo.get(k % 4) {
            if at == k {
                return row;
            }
        }
        let row = lines
            .get(k)
            .is_some_and(|l| l.shape & shape::GAP != 0 && is_row(l.text));
        if let Some(slot) = memo.get_mut(k % 4) {
            *slot = (k, row);
        }
        row
    };
    for (i, line) in lines.iter().enumerate() {
        // Furniture ends a paragraph: a node's text must be found at its span, and page
        // furniture is not part of any text. (A paragraph cut by a page footer becomes two.)
        if line.is_blank() || line.furniture {
            close(cur.take(), arena, &mut out, texts);
            continue;
        }
        let t = line.text;
        let (lead, skip) = if let Some(l) = labels::label(t) {
            (lead_of(&l, line.indent), l.len)
        } else if let Some(n) = labels::bullet(t) {
            (Lead::Bullet, n)
        } else {
            (Lead::Plain, 0)
        };
        // a table row (cells apart by column gaps) is a paragraph of its own
        let neighbour = (i > 0 && gaps(i - 1)) || gaps(i + 1);
        let row = neighbour
            && if skip == 0 {
                gaps(i)
            } else {
                line.shape & shape::GAP != 0 && t.get(skip..).is_some_and(is_row)
            };
        let breaks = match &cur {
            None => true,
            Some(_) if row => true,
            Some(b) if b.para.row => true,
            // a line cut short of its end closes its paragraph: the cut words lie between it
            // and the next line, where no paragraph's span may run
            Some(b)
                if b.para
                    .lines
                    .last()
                    .is_some_and(|l| l.shape & shape::CUT != 0) =>
            {
                true
            }
            Some(b) => {
                let p = &b.para;
                let last = p.lines.iter().rev().find(|l| !l.furniture);
                let (prev, prev_indent) = last.map_or(("", 0), |l| (l.text, l.indent));
                // a first-line indent opens a paragraph: `      Audit of Accounts - The ...`
                // over continuation lines at the margin
                let first_indent = p.lines.first().map_or(0, |l| l.indent);
                let indented_again = first_indent >= prev_indent + 3
                    && line.indent + 1 >= first_indent
                    && line.indent >= prev_indent + 3;
                // cheapest tests first: all are pure, so the order changes only the cost
                lead != Lead::Plain
                    || indented_again
                    || (prev.ends_with(':') && !t.is_empty())
                    || (super::narrative::ends_sentence(prev) && starts_upper(t))
                    || line_marker(line, t).is_some()
                    || super::narrative::opens_paragraph(t)
                    || (opens_motion(t) && names_mover(prev))
                    || (starts_upper(t) && names_mover(t) && !names_mover(prev))
            }
        };
        if breaks {
            close(cur.take(), arena, &mut out, texts);
            first = i;
            let body = t.get(skip..).unwrap_or_default();
            // the line's text as it stands where collapsing changes nothing
            let text = if crate::segment::collapsed_already(body, line.shape) {
                Text::Source(body)
            } else {
                room(arena, i);
                let at = arena.len();
                crate::segment::collapse_into(arena, body);
                if arena.get(at..) == Some(body) {
                    arena.truncate(at);
                    Text::Source(body)
                } else {
                    Text::Arena(at)
                }
            };
            cur = Some(Building {
                para: Para {
                    lead,
                    lines: lines.get(i..=i).unwrap_or_default(),
                    text: "",
                    start: line.text_start,
                    end: line.text_end(),
                    row,
                },
                text,
            });
        } else if let Some(b) = cur.as_mut() {
            b.para.lines = lines.get(first..=i).unwrap_or_default();
            let at = match b.text {
                Text::Source(s) => {
                    room(arena, first);
                    let at = arena.len();
                    arena.push_str(s);
                    b.text = Text::Arena(at);
                    at
                }
                Text::Arena(at) => at,
            };
            if arena.len() > at {
                arena.push(' ');
            }
            crate::segment::collapse_part_into(arena, t, line.shape);
            b.para.end = line.text_end();
        }
    }
    close(cur.take(), arena, &mut out, texts);
    let arena: &'a String = arena;
    for &(k, at, end) in texts.iter() {
        if let Some(p) = out.get_mut(k) {
            p.text = arena.get(at..end).unwrap_or_default();
        }
    }
    for p in &mut out {
        // drop trailing furniture from paragraph ends
        while let [rest @ .., last] = p.lines {
            if rest.is_empty() || !last.furniture {
                break;
            }
            p.lines = rest;
        }
    }
    out
}

/// [`paragraphs_in`]'s plain form, as it was before its buffers were kept between calls (a
/// vector of its own for each call, and the arena reserved where it has no room yet).
#[cfg(test)]
fn paragraphs_plain<'a>(lines: &'a [Line<'a>], arena: &'a mut String) -> Vec<Para<'a>> {
    arena.clear();
    // the arena takes room once, when first needed, for all the lines from there on
    let room = |arena: &mut String, from: usize| {
        if arena.capacity() == 0 {
            let rest = lines.get(from..).unwrap_or_default();
            arena.reserve(rest.iter().map(|l| l.text.len() + 1).sum());
        }
    };
    // (most paragraphs run over a few lines)
    let mut out: Vec<(Para<'a>, Text<'a>, usize)> = Vec::with_capacity(lines.len() / 3 + 1);
    let mut cur: Option<Building<'a>> = None;
    // a paragraph is done: where its text ends in the arena is where the arena ends now
    let close =
        |cur: Option<Building<'a>>, arena: &String| cur.map(|b| (b.para, b.text, arena.len()));
    // the first line of the paragraph being built
    let mut first = 0;
    // a gap inside one line may be justified text; a table has gaps on neighbouring lines too
    // (asked of a line and its neighbours; only lines with a gap are read)
    let gaps = |k: usize| {
        lines
            .get(k)
            .is_some_and(|l| l.shape & shape::GAP != 0 && is_row(l.text))
    };
    for (i, line) in lines.iter().enumerate() {
        // Furniture ends a paragraph: a node's text must be found at its span, and page
        // furniture is not part of any text. (A paragraph cut by a page footer becomes two.)
        if line.is_blank() || line.furniture {
            out.extend(close(cur.take(), arena));
            continue;
        }
        let t = line.text;
        let (lead, skip) = if let Some(l) = labels::label(t) {
            (lead_of(&l, line.indent), l.len)
        } else if let Some(n) = labels::bullet(t) {
            (Lead::Bullet, n)
        } else {
            (Lead::Plain, 0)
        };
        // a table row (cells apart by column gaps) is a paragraph of its own
        let neighbour = (i > 0 && gaps(i - 1)) || gaps(i + 1);
        let row = neighbour
            && if skip == 0 {
                gaps(i)
            } else {
                line.shape & shape::GAP != 0 && t.get(skip..).is_some_and(is_row)
            };
        let breaks = match &cur {
            None => true,
            Some(_) if row => true,
            Some(b) if b.para.row => true,
            // a line cut short of its end closes its paragraph: the cut words lie between it
            // and the next line, where no paragraph's span may run
            Some(b)
                if b.para
                    .lines
                    .last()
                    .is_some_and(|l| l.shape & shape::CUT != 0) =>
            {
                true
            }
            Some(b) => {
                let p = &b.para;
                let last = p.lines.iter().rev().find(|l| !l.furniture);
                let (prev, prev_indent) = last.map_or(("", 0), |l| (l.text, l.indent));
                // a first-line indent opens a paragraph: `      Audit of Accounts - The ...`
                // over continuation lines at the margin
                let first_indent = p.lines.first().map_or(0, |l| l.indent);
                let indented_again = first_indent >= prev_indent + 3
                    && line.indent + 1 >= first_indent
                    && line.indent >= prev_indent + 3;
                // cheapest tests first: all are pure, so the order changes only the cost
                lead != Lead::Plain
                    || indented_again
                    || (prev.ends_with(':') && !t.is_empty())
                    || (super::narrative::ends_sentence(prev) && starts_upper(t))
                    || line_marker(line, t).is_some()
                    || super::narrative::opens_paragraph(t)
                    || (opens_motion(t) && names_mover(prev))
                    || (starts_upper(t) && names_mover(t) && !names_mover(prev))
            }
        };
        if breaks {
            out.extend(close(cur.take(), arena));
            first = i;
            let body = t.get(skip..).unwrap_or_default();
            // the line's text as it stands where collapsing changes nothing
            let text = if crate::segment::collapsed_already(body, line.shape) {
                Text::Source(body)
            } else {
                room(arena, i);
                let at = arena.len();
                crate::segment::collapse_into(arena, body);
                if arena.get(at..) == Some(body) {
                    arena.truncate(at);
                    Text::Source(body)
                } else {
                    Text::Arena(at)
                }
            };
            cur = Some(Building {
                para: Para {
                    lead,
                    lines: lines.get(i..=i).unwrap_or_default(),
                    text: "",
                    start: line.text_start,
                    end: line.text_end(),
                    row,
                },
                text,
            });
        } else if let Some(b) = cur.as_mut() {
            b.para.lines = lines.get(first..=i).unwrap_or_default();
            let at = match b.text {
                Text::Source(s) => {
                    room(arena, first);
                    let at = arena.len();
                    arena.push_str(s);
                    b.text = Text::Arena(at);
                    at
                }
                Text::Arena(at) => at,
            };
            if arena.len() > at {
                arena.push(' ');
            }
            crate::segment::collapse_part_into(arena, t, line.shape);
            b.para.end = line.text_end();
        }
    }
    out.extend(close(cur.take(), arena));
    let arena: &'a String = arena;
    out.into_iter()
        .map(|(mut p, text, end)| {
            p.text = match text {
                Text::Source(s) => s,
                Text::Arena(at) => arena.get(at..end).unwrap_or_default(),
            };
            // drop trailing furniture from paragraph ends
            while let [rest @ .., last] = p.lines {
                if rest.is_empty() || !last.furniture {
                    break;
                }
                p.lines = rest;
            }
            p
        })
        .collect()
}

fn lead_of<'a>(l: &Label<'a>, indent: usize) -> Lead<'a> {
    Lead::Label {
        text: l.text,
        form: l.form,
        roman: l.roman,
        letter: l.letter,
        digit: l.digit,
        indent,
    }
}

/// Which list a resolution marker feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    Resolved,
    Recommended,
    Decision,
}

fn word_end(input: &str) -> IResult<&str, ()> {
    if input.starts_with(|c: char| c.is_alphanumeric()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Alpha,
        )));
    }
    Ok((input, ()))
}

/// `RESOLVED`, `Resolved`, `RESOLVED TO RECOMMEND`, `AGREED`, `RECOMMENDED`, `RECOMMEND`,
/// `THE DECISION`, `Decision made (Unanimously)`, `Decision`.
fn keyword(input: &str) -> IResult<&str, (Marker, bool)> {
    let (rest, k) = alt((
        tag("RESOLVED TO RECOMMEND"),
        tag("Resolved to recommend"),
        tag("AGREED TO RECOMMEND"),
        tag("Agreed to recommend"),
        tag("RESOLVED"),
        tag("Resolved"),
        tag("AGREED"),
        tag("Agreed"),
        tag("RECOMMENDED"),
        tag("Recommended"),
        tag("RECOMMEND"),
        tag("Recommend"),
        tag("THE DECISION"),
        tag("DECISION"),
        tag("Decision made"),
        tag("Decision"),
        super::tag_ci("(Non-key decision)"),
        super::tag_ci("(Key decision)"),
    ))
    .parse(input)?;
    let (rest, _) = word_end(rest)?;
    // (every keyword is ASCII, in one case or in title case, with `RECOMMEND` or `DECISION` in
    // upper case where the first letter is)
    let has = |w: &str| {
        k.as_bytes()
            .windows(w.len())
            .any(|x| x.eq_ignore_ascii_case(w.as_bytes()))
    };
    let m = if has("recommend") {
        Marker::Recommended
    } else if has("decision") {
        Marker::Decision
    } else {
        Marker::Resolved
    };
    let strong = k
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase());
    Ok((rest, (m, strong)))
}

/// Whether [`keyword`] may match at the start of `rest`: every keyword opens with one of these
/// pairs of bytes (`RE`/`Re`, `AG`/`Ag`, `TH`, `DE`/`De`; the bracketed ones, compared in any
/// ASCII case, `(N`/`(K` in either case), so elsewhere (at most word starts) the grammar is not
/// asked.
fn may_open_keyword(rest: &str) -> bool {
    let b = rest.as_bytes();
    matches!(
        (b.first(), b.get(1)),
        (Some(b'R' | b'D'), Some(b'E' | b'e'))
            | (Some(b'A'), Some(b'G' | b'g'))
            | (Some(b'T'), Some(b'H'))
            | (Some(b'('), Some(b'N' | b'n' | b'K' | b'k'))
    )
}

/// The punctuation after a marker: `:`, `:-`, ` –`, ` -`, `(Unanimously):`, or a following
/// `that`/`to` (kept in the text).
fn after_marker(input: &str) -> IResult<&str, Option<&str>> {
    let (rest, _) = take_while(|c: char| c == ' ' || c == '\u{a0}' || c == '\t').parse(input)?;
    let (rest, _) =
        opt((ch('('), take_while(|c: char| c != ')' && c != ':'), ch(')'))).parse(rest)?;
    let (rest, _) = take_while(|c: char| c == ' ' || c == '\u{a0}').parse(rest)?;
    // `AGREED by 41 votes to 1 that ...`: the vote is read elsewhere
    let (rest, _) = opt((
        super::tag_ci("by "),
        take_while(|c: char| c.is_ascii_digit()),
        super::tag_ci(" vote"),
        opt(ch('s')),
        super::tag_ci(" to "),
        take_while(|c: char| c.is_ascii_digit()),
        take_while(|c: char| c == ' ' || c == ','),
    ))
    .parse(rest)?;
    let (rest, p) = opt(alt((
        tag(":-"),
        tag(":–"),
        tag(":"),
        tag("–"),
        tag("—"),
        tag("-"),
        tag("."),
    )))
    .parse(rest)?;
    if p.is_some() {
        return Ok((rest, p));
    }
    if rest.is_empty() {
        return Ok((rest, Some("")));
    }
    // `RESOLVED that`, `RESOLVED to`, `Resolved unanimously that`
    let (r2, _) = opt(super::tag_ci("unanimously ")).parse(rest)?;
    if super::tag_ci("that").parse(r2).is_ok()
        || super::tag_ci("to ").parse(r2).is_ok()
        || labels::label(r2).is_some()
    {
        return Ok((rest, None));
    }
    Err(nom::Err::Error(nom::error::Error::new(
        input,
        nom::error::ErrorKind::Tag,
    )))
}

/// Where a marker may start in `text`: the start, and each word start (after a space) within
/// the first 80 characters.
fn marker_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(
        text.char_indices()
            .take(80)
            .filter(|&(_, c)| c == ' ')
            .map(|(i, _)| i + 1),
    )
}

/// [`subject_ok`] for the prefixes of one text in turn, each read once: a prefix fails when
/// the one before it failed or the text added holds a digit, `.` or `;` or makes more than six
/// words; else it holds when it is empty or its first word (the text's) is a subject word.
/// Prefixes end after a space, so no word runs across the text added and the word counts add
/// up. (`and it was`, the other subject, opens with the subject word `and`.)
#[derive(Debug, Default)]
struct Subject {
    /// The end of the prefix read so far.
    end: usize,
    /// Its words.
    words: usize,
    /// Whether it failed.
    failed: bool,
}

impl Subject {
    /// Whether `text[..s]` is a subject; `s` must not be less than the last one asked.
    fn extend_to(&mut self, text: &str, s: usize) -> bool {
        let Some(added) = text.get(self.end..s) else {
            self.failed = true;
            return false;
        };
        self.end = s;
        if self.failed {
            return false;
        }
        self.words += added.split_whitespace().count();
        self.failed = self.words > 0
            && (self.words > 6
                || added.contains(|c: char| c.is_ascii_digit() || matches!(c, '.' | ';'))
                || !text
                    .split_whitespace()
                    .next()
                    .is_some_and(|first| SUBJECTS.iter().any(|w| first.eq_ignore_ascii_case(w))));
        !self.failed
    }
}

/// The words a marker's subject opens with (see [`Subject`]).
const SUBJECTS: [&str; 12] = [
    "it",
    "the",
    "council",
    "cabinet",
    "members",
    "committee",
    "board",
    "and",
    "that",
    "councillors",
    "commission",
    "panel",
];

/// Subjects that may stand before a marker: `It was`, `The Committee`, `Council`, `Members`.
#[cfg(test)]
fn subject_ok(prefix: &str) -> bool {
    let p = prefix.trim();
    if p.is_empty() {
        return true;
    }
    if p.split_whitespace().take(7).count() > 6
        || p.contains(|c: char| c.is_ascii_digit() || matches!(c, '.' | ';'))
    {
        return false;
    }
    let first = p.split_whitespace().next().unwrap_or("");
    SUBJECTS.iter().any(|w| first.eq_ignore_ascii_case(w)) || p.eq_ignore_ascii_case("and it was")
}

/// Words one of which every resolution marker holds.
///
/// Each holds an `e` at a known place (`rEsolved`, `agrEed`, `rEcommend`, `dEcision`), so the
/// test visits the `e`s of the text's head rather than running an automaton over it.
fn marker_hint(head: &str) -> bool {
    let b = head.as_bytes();
    let at = |from: usize, word: &[u8]| {
        b.get(from..from + word.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
    };
    // the letter after the `e` tells which word it can be: most `e`s are none
    any_e(b, |p| match b.get(p + 1).map(|c| c | 0x20) {
        Some(b's') => at(p, b"esolved"),
        Some(b'c') => at(p, b"ecommend") || at(p, b"ecision"),
        Some(b'e') => p.checked_sub(2).is_some_and(|q| at(q, b"greed")),
        _ => false,
    })
}

/// Whether `f` holds at some position of an `e` or `E` in `b`, visited in order.
///
/// A word-at-a-time scan: short texts cost a vectorised search's setup per hit, which is more
/// than the search. A byte after a true `e` may be visited too (the zero-byte test's borrow);
/// `f` checks the bytes itself, so that costs nothing but the call.
fn any_e(b: &[u8], mut f: impl FnMut(usize) -> bool) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = b.chunks_exact(8);
    let mut base = 0;
    for c in chunks.by_ref() {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        // a zero byte where the byte lowered is `e`
        let x = (u64::from_le_bytes(w) | (0x20 * ONES)) ^ (u64::from(b'e') * ONES);
        let mut z = x.wrapping_sub(ONES) & !x & HIGH;
        while z != 0 {
            let k = (z.trailing_zeros() / 8) as usize;
            if f(base + k) {
                return true;
            }
            z &= z - 1;
        }
        base += 8;
    }
    chunks
        .remainder()
        .iter()
        .enumerate()
        .any(|(k, &c)| (c | 0x20) == b'e' && f(base + k))
}

/// [`marker`] for `t`, the text of `line` or a part of it: a line whose word bits
/// ([`Line::words`]) hold none of the words of [`marker_hint`] (the marker stems of
/// `narrative::PARA_WORDS`) opens no marker, and is not read further.
pub(crate) fn line_marker<'t>(line: &Line<'_>, t: &'t str) -> Option<(Marker, &'t str)> {
    if line.words & u64::from(super::narrative::Hints::MARKER) == 0 {
        return None;
    }
    marker(t)
}

/// A resolution marker at the start of a paragraph's text: returns the marker and the text
/// after it (which may begin with `that`, a label, or be empty).
///
/// ```text
/// Resolved:      (a)        That Cabinet agree ...
/// RESOLVED – That the report be noted.
/// It was RESOLVED that ...        The Committee resolved:-        Council resolved to:
/// AGREED      (with 34 votes for and 1 against) that:
/// Decision made (Unanimously):    THE DECISION:    Decision :-
/// ```
pub(crate) fn marker(text: &str) -> Option<(Marker, &str)> {
    // one fast pass first: every marker holds one of these words near the start
    let head = text.get(..text.len().min(100)).unwrap_or(text);
    if !marker_hint(head) {
        return None;
    }
    let mut subject = Subject::default();
    for s in marker_starts(text) {
        if !subject.extend_to(text, s) {
            break;
        }
        let rest = text.get(s..)?;
        // every keyword below, and the lower-case forms after a subject, open with one of these
        if !matches!(
            rest.as_bytes().first(),
            Some(b'R' | b'r' | b'A' | b'a' | b'T' | b'D' | b'(')
        ) {
            continue;
        }
        let parsed = if may_open_keyword(rest) {
            keyword(rest).ok()
        } else {
            None
        };
        let (after_kw, (m, strong)) = match parsed {
            Some(v) => v,
            None => {
                // lower case `resolved:` after a subject (`it was resolved:`, `Council resolved to:`)
                let head8 = rest.get(..8);
                let resolved = head8.is_some_and(|h| h.eq_ignore_ascii_case("resolved"));
                let agreed = head8
                    .and_then(|h| h.get(..6))
                    .is_some_and(|h| h.eq_ignore_ascii_case("agreed"));
                // `Cabinet recommended to Full Council that ...`: the recommendation is what
                // follows `that` (a recommendation with no addressee is narrative)
                let recommended = rest
                    .get(..15)
                    .is_some_and(|h| h.eq_ignore_ascii_case("recommended to "));
                if s > 0 && recommended {
                    let body = rest.get(12..).unwrap_or_default();
                    let what = recipient(Marker::Recommended, body);
                    if what.len() < body.len() {
                        return Some((Marker::Recommended, what));
                    }
                    // `... recommended to Council that:` over a list
                    let lead_in = body
                        .strip_suffix("that:")
                        .or_else(|| body.strip_suffix("that:-"))
                        .is_some_and(|who| who.split_whitespace().take(7).count() <= 6);
                    if lead_in {
                        return Some((Marker::Recommended, ""));
                    }
                }
                if s > 0 && (resolved || agreed) {
                    let kw_len = if resolved { 8 } else { 6 };
                    let after = rest.get(kw_len..).unwrap_or_default();
                    let t = after.trim_start();
                    let t = t.strip_prefix("to").map_or(t, str::trim_start);
                    if t.starts_with(":-") || t.starts_with(':') {
                        let body = t.trim_start_matches([':', '-']).trim_start();
                        return Some((Marker::Resolved, body));
                    }
                }
                continue;
            }
        };
        if s > 0 && !strong {
            // `Council resolved:`-style needs a colon; handled above for lower case
            let t = after_kw.trim_start();
            if !(t.starts_with(':') || t.starts_with("to:")) {
                continue;
            }
        }
        // `Decision` alone needs punctuation: "Decision on the budget" is a title
        let Ok((body, punct)) = after_marker(after_kw) else {
            continue;
        };
        // `Decision` needs a colon: "Decision - 24/00097 - ..." names a decision
        if m == Marker::Decision && !matches!(punct, Some(":" | ":-" | ":–" | "")) {
            continue;
        }
        if !strong && s == 0 && punct.is_none() {
            // `Agreed to ...`, `Resolved that ...` at the start: still a marker
            if !(rest.starts_with("Resolved")
                || rest.starts_with("Agreed")
                || rest.starts_with("Recommend"))
            {
                continue;
            }
        }
        let body = body.trim_start_matches(crate::segment::is_space);
        return Some((m, recipient(m, body)));
    }
    None
}

/// `RECOMMENDED to Council that X`: the recommendation is X, not its addressee.
fn recipient(m: Marker, body: &str) -> &str {
    if m != Marker::Recommended {
        return body;
    }
    let Some(rest) = body.strip_prefix("to ") else {
        return body;
    };
    match rest.find(" that ") {
        Some(k)
            if rest
                .get(..k)
                .is_some_and(|who| who.split_whitespace().take(6).count() <= 5) =>
        {
            rest.get(k + 6..).unwrap_or(body)
        }
        _ => body,
    }
}

/// The style of a label for nesting: its form and what it counts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Style {
    form: Form,
    class: u8,
}

const DIGIT: u8 = 0;
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const LROMAN: u8 = 3;
const UROMAN: u8 = 4;
const DECIMAL: u8 = 5;

/// The classes a label may count with, most likely first: at most two (a letter or a roman),
/// in the first `n` places of the array.
fn class_candidates(
    text: &str,
    roman: bool,
    letter: bool,
    digit: bool,
    form: Form,
) -> ([u8; 2], usize) {
    if form == Form::Decimal {
        return ([DECIMAL, 0], 1);
    }
    if digit {
        return ([DIGIT, 0], 1);
    }
    let upper = text.chars().all(|c| c.is_uppercase());
    let mut v = [0; 2];
    let mut n = 0;
    for (class, on) in [
        (if upper { UPPER } else { LOWER }, letter),
        (if upper { UROMAN } else { LROMAN }, roman),
    ] {
        if on {
            if let Some(slot) = v.get_mut(n) {
                *slot = class;
                n += 1;
            }
        }
    }
    (v, n)
}

/// The character before a one-character label (`b` before `c`).
fn predecessor(text: &str) -> Option<char> {
    let mut chars = text.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    char::from_u32(c as u32 - 1)
}

/// Whether `label` is the one character `c`.
fn is_char(label: Option<&str>, c: Option<char>) -> bool {
    match (label, c) {
        (Some(l), Some(c)) => {
            let mut chars = l.chars();
            chars.next() == Some(c) && chars.next().is_none()
        }
        (None, None) => true,
        _ => false,
    }
}

/// One level of the nesting stack.
#[derive(Debug)]
struct Level {
    style: Style,
    parts: Vec<Part>,
}

/// Builds a tree of parts from labelled (and bulleted) paragraphs, nesting by label style:
/// `(1)` > `(a)` > `i.`, `a.` > `i.`-`v.`. A `(i)` after `(h)` is a letter; elsewhere a roman.
///
/// The stack is held inline (lists rarely nest more than four deep), and a level's parts are
/// moved whole into an empty parent rather than copied into a new vector.
#[derive(Debug, Default)]
pub(crate) struct Tree {
    stack: smallvec::SmallVec<[Level; 4]>,
    /// (tests: levels copied into their parent as before, for the oracle)
    #[cfg(test)]
    plain: bool,
}

impl Tree {
    pub(crate) fn push(&mut self, para: &Para<'_>, ix: &LineIndex) {
        let (label, style) = match &para.lead {
            Lead::Label {
                text,
                form,
                roman,
                letter,
                digit,
                ..
            } => {
                let (classes, n) = class_candidates(text, *roman, *letter, *digit, *form);
                let cands = classes.get(..n).unwrap_or_default();
                let pred = predecessor(text);
                let mut chosen = None;
                // prefer a class already open at some level
                for lvl in self.stack.iter().rev() {
                    if lvl.style.form != *form || !cands.contains(&lvl.style.class) {
                        continue;
                    }
                    let is_letter = matches!(lvl.style.class, LOWER | UPPER);
                    if is_letter && cands.len() > 1 {
                        // a letter list continues only with the next letter
                        let last = lvl.parts.last().and_then(|p| p.label.as_deref());
                        if !is_char(last, pred) {
                            continue;
                        }
                    }
                    chosen = Some(lvl.style.class);
                    break;
                }
                let class = chosen.unwrap_or_else(|| {
                    // a lone i/I starts a roman list; other letters are letters
                    if cands.len() > 1 && (*text == "i" || *text == "I") {
                        cands.get(1).copied().unwrap_or(LOWER)
                    } else {
                        cands.first().copied().unwrap_or(LOWER)
                    }
                });
                (Some(*text), Style { form: *form, class })
            }
            _ => (
                None,
                Style {
                    form: Form::Colon,
                    class: 9,
                },
            ),
        };
        let part = Part {
            label: label.map(str::to_string),
            text: para.text.to_string(),
            parts: Vec::new(),
            span: ix.span(para.start, para.end),
        };
        if let Some(k) = self.stack.iter().rposition(|l| l.style == style) {
            while self.stack.len() > k + 1 {
                self.pop_level();
            }
            if let Some(top) = self.stack.last_mut() {
                top.parts.push(part);
            }
        } else {
            if self.stack.last().is_some_and(|l| l.parts.is_empty()) {
                self.stack.pop();
            }
            // (room for a few parts at once: a level is a list)
            let mut parts = Vec::with_capacity(4);
            parts.push(part);
            self.stack.push(Level { style, parts });
        }
    }

    fn pop_level(&mut self) {
        let Some(done) = self.stack.pop() else { return };
        match self.stack.last_mut().and_then(|l| l.parts.last_mut()) {
            Some(parent) => {
                if let Some(last) = done.parts.last() {
                    parent.span.end = parent.span.end.max(last.span.end);
                }
                #[cfg(not(test))]
                let moved = parent.parts.is_empty();
                #[cfg(test)]
                let moved = parent.parts.is_empty() && !self.plain;
                if moved {
                    parent.parts = done.parts;
                } else {
                    parent.parts.extend(done.parts);
                }
            }
            None => self.stack.push(done),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.stack.is_empty()
    }

    pub(crate) fn finish(mut self) -> Vec<Part> {
        while self.stack.len() > 1 {
            self.pop_level();
        }
        self.stack.pop().map(|l| l.parts).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::lines;

    #[test]
    fn subject_matches_subject_ok() {
        let pieces = [
            "The ",
            "the ",
            "It ",
            "was ",
            "Council ",
            "and ",
            "AND ",
            "that ",
            "Members ",
            "resolved ",
            "Resolved: ",
            "3 ",
            "a.",
            "x;",
            " ",
            "  ",
            "\u{a0}",
            "Panel",
            "word ",
        ];
        let mut walk = crate::testgen::Walk::new(7);
        for _ in 0..100_000 {
            let text = walk.text(&pieces, 10);
            let mut subject = Subject::default();
            for s in marker_starts(&text) {
                let want = subject_ok(&text[..s]);
                assert_eq!(subject.extend_to(&text, s), want, "{text:?} at {s}");
                if !want {
                    break;
                }
            }
        }
    }

    #[test]
    fn marker_hint_matches_its_plain_form() {
        fn oracle(head: &str) -> bool {
            let l = head.to_ascii_lowercase();
            ["esolved", "ecommend", "ecision", "greed"]
                .iter()
                .any(|w| l.contains(w))
        }
        let texts = [
            "",
            "RESOLVED – That",
            "ReSoLvEd",
            "AGREED",
            "greed",
            "The Committee agreed:",
            "DECISION:",
            "It was noted that the item be deferred",
            "recommendation",
            "essolved ecc eee",
            "Resolved: (i) That the car parking charges set out in Appendix 1 be approved",
        ];
        for t in texts {
            assert_eq!(marker_hint(t), oracle(t), "{t:?}");
        }
    }

    #[test]
    fn any_e_visits_every_e_in_order() {
        let texts = [
            "",
            "e",
            "RESOLVED that the report be noted",
            "eeeeeeeeeeeeeeeeeEEEEE",
            "\u{1}e\u{1}e\u{0}e\u{1}\u{1}E abcdefgh",
            "Ée é ĕ Ｅ ee",
            "no such letter here at all..",
        ];
        for t in texts {
            let b = t.as_bytes();
            let want: Vec<usize> = (0..b.len())
                .filter(|&i| b[i].eq_ignore_ascii_case(&b'e'))
                .collect();
            let mut got = Vec::new();
            let found = any_e(b, |p| {
                if b[p].eq_ignore_ascii_case(&b'e') {
                    got.push(p);
                }
                false
            });
            assert!(!found);
            assert_eq!(got, want, "{t:?}");
        }
    }

    #[test]
    fn rows_have_column_gaps() {
        let table = [
            ("Cllr Smith      Chair      Present", true),
            ("Budget 2024/25      £163,000", true),
            ("The Clerk reported the accounts.      AM", false),
            ("The Clerk reported the accounts.   (DB)", false),
            ("one  two  three", false),
            ("plain text", false),
            ("", false),
            ("   leading gap", true),
            ("A      B      C", true),
            ("Item      Action by the Clerk", true),
        ];
        for (text, want) in table {
            assert_eq!(is_row(text), want, "{text:?}");
        }
    }

    #[test]
    fn markers() {
        let table: &[(&str, Option<(Marker, &str)>)] = &[
            (
                "Resolved:      (a)        That Cabinet",
                Some((Marker::Resolved, "(a)        That Cabinet")),
            ),
            (
                "RESOLVED – That the report be noted.",
                Some((Marker::Resolved, "That the report be noted.")),
            ),
            (
                "RESOLVED that the minutes be signed",
                Some((Marker::Resolved, "that the minutes be signed")),
            ),
            ("RESOLVED", Some((Marker::Resolved, ""))),
            (
                "It was RESOLVED that the budget",
                Some((Marker::Resolved, "that the budget")),
            ),
            ("The Committee resolved:-", Some((Marker::Resolved, ""))),
            (
                "Council resolved to: (a) approve",
                Some((Marker::Resolved, "(a) approve")),
            ),
            (
                "AGREED – that the scheme",
                Some((Marker::Resolved, "that the scheme")),
            ),
            (
                "AGREED      (with 34 votes for and 1 against) that:",
                Some((Marker::Resolved, "that:")),
            ),
            (
                "RECOMMENDED to Council that",
                Some((Marker::Recommended, "to Council that")),
            ),
            (
                "RESOLVED TO RECOMMEND that",
                Some((Marker::Recommended, "that")),
            ),
            ("Decision:", Some((Marker::Decision, ""))),
            (
                "THE DECISION: To approve",
                Some((Marker::Decision, "To approve")),
            ),
            ("Decision made (Unanimously):", Some((Marker::Decision, ""))),
            ("Decision :-", Some((Marker::Decision, ""))),
            ("(Non-key decision):", Some((Marker::Decision, ""))),
            (
                "(Key Decision): To approve",
                Some((Marker::Decision, "To approve")),
            ),
            (
                "Cabinet recommended to Full Council that the budget be approved.",
                Some((Marker::Recommended, "the budget be approved.")),
            ),
            (
                "The Committee recommended to Council that:",
                Some((Marker::Recommended, "")),
            ),
            ("Officers recommended to Cabinet that the budget", None),
            ("Cabinet recommended the budget", None),
            ("Decision on the budget", None),
            ("Decision Maker: Cabinet", None),
            ("Resolved to Sign", Some((Marker::Resolved, "to Sign"))),
            ("The report was noted.", None),
            (
                "Councillors resolved to carry out the pipe installation",
                None,
            ),
            (
                "Agreed unanimously that the clerk",
                Some((Marker::Resolved, "unanimously that the clerk")),
            ),
        ];
        for (input, want) in table {
            assert_eq!(marker(input), *want, "{input}");
        }
    }

    fn tree(text: &str) -> Vec<Part> {
        let ls = lines(text);
        let ix = LineIndex::new(text, &[]);
        let mut arena = String::new();
        let ps = paragraphs(&ls, &mut arena);
        let mut t = Tree::default();
        for p in &ps {
            t.push(p, &ix);
        }
        t.finish()
    }

    fn shape(parts: &[Part]) -> String {
        parts
            .iter()
            .map(|p| {
                let l = p.label.clone().unwrap_or_default();
                if p.parts.is_empty() {
                    l
                } else {
                    format!("{l}[{}]", shape(&p.parts))
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    }

    #[test]
    fn nesting() {
        assert_eq!(shape(&tree("(a) A\n(b) B\n(c) C\n")), "a,b,c");
        assert_eq!(
            shape(&tree("(1) A\n(a) x\n(b) y\n(i) deep\n(ii) deeper\n(2) B\n")),
            "1[a,b[i,ii]],2"
        );
        assert_eq!(shape(&tree("(g) g\n(h) h\n(i) i\n(j) j\n")), "g,h,i,j");
        assert_eq!(
            shape(&tree("a. one\ni. sub\nii. sub\nv. five\nb. two\n")),
            "a[i,ii,v],b"
        );
        assert_eq!(shape(&tree("1) a\n1) b\n2) c\n")), "1,1,2");
    }

    /// Lines of the fixtures and corpus in runs of `n` (as items cut them), each with some
    /// lines made furniture (every `f`-th, where `f` is not 0), and generated lines of labels,
    /// bullets, gaps and white space.
    fn runs_of_lines(n: usize, f: usize) -> Vec<String> {
        let mut runs = Vec::new();
        for text in crate::testgen::real_texts() {
            let all: Vec<&str> = text.split('\n').collect();
            for chunk in all.chunks(n) {
                runs.push(chunk.join("\n"));
            }
        }
        let pieces = [
            "(a) ",
            "(b) ",
            "(i) ",
            "(ii) ",
            "1. ",
            "2) ",
            "a. ",
            "A: ",
            "• ",
            "- ",
            "\n",
            "\n\n",
            "RESOLVED ",
            "That ",
            "the report",
            "   ",
            "  ",
            "\t",
            "\u{a0}",
            "\u{b}",
            "É",
            "ſ",
            "\u{212a}",
            "Carried.",
            ":",
            "word ",
            "Decision",
            "x",
        ];
        let mut walk = crate::testgen::Walk::new(f as u64 + 11);
        for _ in 0..3000 {
            runs.push(walk.text(&pieces, 40));
        }
        runs.push(String::new());
        runs
    }

    fn furnish(ls: &mut [Line<'_>], f: usize) {
        if f == 0 {
            return;
        }
        for (k, l) in ls.iter_mut().enumerate() {
            if k % f == f - 1 {
                l.furniture = true;
            }
        }
    }

    fn para_fields(p: &Para<'_>) -> String {
        format!(
            "{:?} {:?} {} {} {} {} {}",
            p.lead,
            p.text,
            p.start,
            p.end,
            p.row,
            p.lines.len(),
            p.lines.first().map_or(0, |l| l.text_start)
        )
    }

    /// Paragraphs built in buffers kept from one call to the next (as items are built) are the
    /// paragraphs of the plain form, which builds each call's in new ones.
    #[test]
    fn paragraphs_in_kept_buffers_as_in_new_ones() {
        let mut bufs = ParaBuffers::default();
        let mut seen = 0;
        for f in [0, 7] {
            for run in runs_of_lines(40, f) {
                let mut ls = lines(&run);
                furnish(&mut ls, f);
                let mut fresh = String::new();
                let want: Vec<String> = paragraphs_plain(&ls, &mut fresh)
                    .iter()
                    .map(para_fields)
                    .collect();
                let got = paragraphs_in(
                    &ls,
                    &mut bufs.arena,
                    recycle(std::mem::take(&mut bufs.paras)),
                    &mut bufs.texts,
                );
                let got_fields: Vec<String> = got.iter().map(para_fields).collect();
                assert_eq!(got_fields, want, "{run:?}");
                seen += got.len();
                bufs.paras = recycle(got);
                bufs.trim(1 << 20);
            }
        }
        assert!(seen > 1000, "{seen}");
    }

    /// A recycled vector keeps its allocation (the buffers kept between items rely on it).
    #[test]
    fn recycled_vectors_keep_their_room() {
        let text = "(a) one\n(b) two\n";
        let ls = lines(text);
        let mut arena = String::new();
        let ps = paragraphs(&ls, &mut arena);
        let cap = ps.capacity();
        assert!(cap >= 2);
        let kept: Vec<Para<'static>> = recycle(ps);
        assert_eq!((kept.len(), kept.capacity()), (0, cap));
        let words: Vec<(usize, &str)> = Vec::with_capacity(9);
        let back: Vec<(usize, &'static str)> = recycle(words);
        assert_eq!(back.capacity(), 9);
    }

    /// Trees whose levels move into an empty parent give the parts of the plain trees, whose
    /// levels are copied into it: over the runs of list paragraphs of the fixtures and corpus
    /// and of generated lines.
    #[test]
    fn trees_as_plain_trees() {
        let mut nested = 0;
        for run in runs_of_lines(60, 0) {
            let ls = lines(&run);
            let ix = LineIndex::new(&run, &[]);
            let mut arena = String::new();
            let ps = paragraphs(&ls, &mut arena);
            let mut k = 0;
            while k < ps.len() {
                let mut fast = Tree::default();
                let mut plain = Tree {
                    plain: true,
                    ..Tree::default()
                };
                // a run of list paragraphs, or one paragraph of any lead
                let mut any = false;
                while let Some(p) = ps
                    .get(k)
                    .filter(|p| !any || matches!(p.lead, Lead::Label { .. } | Lead::Bullet))
                {
                    fast.push(p, &ix);
                    plain.push(p, &ix);
                    any = true;
                    k += 1;
                }
                let (a, b) = (fast.finish(), plain.finish());
                nested += a.iter().filter(|p| !p.parts.is_empty()).count();
                assert_eq!(a, b, "{run:?}");
            }
        }
        assert!(nested > 20, "{nested}");
    }

    /// The keyword gate is open wherever the keyword rule matches: at every word start of every
    /// line of the fixtures and corpus, and over generated openings of the keywords in any case
    /// with ſ, the Kelvin sign, É, no-break spaces, tabs and `\v`.
    #[test]
    fn keyword_gate_open_wherever_keywords_match() {
        let mut matched = 0;
        let mut check = |t: &str| {
            if keyword(t).is_ok() {
                matched += 1;
                assert!(may_open_keyword(t), "{t:?}");
            }
        };
        for text in crate::testgen::real_texts() {
            for line in text.lines() {
                for (i, _) in line.char_indices() {
                    check(line.get(i..).unwrap_or_default());
                }
            }
        }
        let pieces = [
            "R",
            "r",
            "E",
            "e",
            "SOLVED",
            "solved",
            "A",
            "a",
            "G",
            "g",
            "REED",
            "reed",
            "T",
            "H",
            "h",
            "D",
            "d",
            "CISION",
            "cision",
            " made",
            "(",
            "N",
            "n",
            "K",
            "k",
            "on-key decision)",
            "ey decision)",
            "ON-KEY DECISION)",
            "\u{212a}",
            "ſ",
            "É",
            "\u{a0}",
            "\t",
            "\u{b}",
            " TO RECOMMEND",
            "COMMEND",
            "commend",
            ":",
            "",
            "RESOLVED",
            "Agreed",
            "Decision made",
            "THE DECISION",
            "(key DECISION)",
            "Recommended",
        ];
        for t in crate::testgen::texts_of(&pieces, 3) {
            check(&t);
        }
        let mut walk = crate::testgen::Walk::new(41);
        for _ in 0..30000 {
            check(&walk.text(&pieces, 6));
        }
        assert!(matched > 500, "{matched}");
    }

    #[test]
    fn paragraphs_break_on_labels_and_sentences() {
        let text = "RESOLVED that the minutes were a correct record\nand that they be signed.\nThe Chair then left.\n(a) one\ncontinued\n";
        let ls = lines(text);
        let mut arena = String::new();
        let ps = paragraphs(&ls, &mut arena);
        let texts: Vec<&str> = ps.iter().map(|p| p.text).collect();
        assert_eq!(
            texts,
            [
                "RESOLVED that the minutes were a correct record and that they be signed.",
                "The Chair then left.",
                "one continued"
            ]
        );
    }

    #[test]
    fn first_line_indents_open_paragraphs() {
        let text = "      Audit of Accounts - The Accounts were approved by the Parish\nCouncil and signed by the Chairman\n      Internal Audit - All Councillors agreed that Mrs Evans be\nasked to complete the internal audit\n(a) a label\n    with a hanging indent\n";
        let ls = lines(text);
        let mut arena = String::new();
        let texts: Vec<String> = paragraphs(&ls, &mut arena)
            .into_iter()
            .map(|p| p.text.to_string())
            .collect();
        assert_eq!(
            texts,
            [
                "Audit of Accounts - The Accounts were approved by the Parish Council and signed by the Chairman",
                "Internal Audit - All Councillors agreed that Mrs Evans be asked to complete the internal audit",
                "a label with a hanging indent"
            ]
        );
    }

    /// A motion's text after the line that names its mover or seconder is a paragraph of its
    /// own, blank line or not; a `That` run on from any other line is not.
    #[test]
    fn motions_open_paragraphs_after_their_movers() {
        let text = "It was\nproposed by Cllr Kelly, seconded by Cllr Doyle and agreed.\nProposed by Cllr Kelly, Seconded by Cllr Doyle\n\"That the scheme be approved.\"\nCarried\nMoved: Cr Adams\nSeconded: Cr Brown\nTHAT the plan be adopted. Carried.\nThe Clerk said\nThat was all.\n";
        let ls = lines(text);
        let mut arena = String::new();
        let texts: Vec<String> = paragraphs(&ls, &mut arena)
            .into_iter()
            .map(|p| p.text.to_string())
            .collect();
        assert_eq!(
            texts,
            [
                "It was proposed by Cllr Kelly, seconded by Cllr Doyle and agreed.",
                "Proposed by Cllr Kelly, Seconded by Cllr Doyle",
                "\"That the scheme be approved.\" Carried",
                "Moved: Cr Adams Seconded: Cr Brown",
                "THAT the plan be adopted. Carried.",
                "The Clerk said That was all.",
            ]
        );
    }
}
