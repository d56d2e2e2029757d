//! The grammar of minutes: nom rules over segmented lines and blocks.
//!
//! Two passes, like a Markdown parser: [`crate::segment`] cuts the text into lines, this module
//! finds the document's kind, its meetings and its items (the block structure); then each
//! item's paragraphs are read for resolutions, lists, concerns, statements, votes and money.

mod attendance;
mod blocks;
mod dates;
mod header;
mod items;
mod labels;
mod money;
mod narrative;
mod votes;

use regex::Regex;

use crate::model::{Amount, Attendance, Diagnostic, Item, Kind, Meeting, Severity};
use crate::segment::{self, Line};
use crate::source::{LineIndex, SourceText};
use crate::{DateOrder, Options};

/// Compiles one of this crate's regex literals.
///
/// Every pattern is a literal in this crate and each is exercised by a unit test, so a
/// failure here is a bug caught by `cargo test`, not an input-dependent condition.
///
/// Word boundaries are ASCII (`(?-u:\b)`): a Unicode `\b` stops the regex engine's DFAs on any
/// non-ASCII text and sends it to the slow backtracker, and in minutes the letters that touch a
/// keyword are ASCII anyway.
#[allow(clippy::expect_used)]
pub(crate) fn pattern(p: &str) -> Regex {
    Regex::new(&p.replace(r"\b", r"(?-u:\b)")).expect("the crate's regex literals compile")
}

/// `tag` ignoring ASCII case, for nom rules: `t` (ASCII) matches the same letters in either
/// case and nothing else. nom's `tag_no_case` compares characters by their lower case, so the
/// Kelvin sign (`K`, three bytes) matches `k` and nom then cuts the input inside it, a panic;
/// this one compares bytes, so a non-ASCII character never matches.
pub(crate) fn tag_ci<'a>(t: &'static str) -> impl Fn(&'a str) -> nom::IResult<&'a str, &'a str> {
    move |input: &'a str| match input.get(..t.len()) {
        Some(head) if head.eq_ignore_ascii_case(t) => {
            Ok((input.get(t.len()..).unwrap_or_default(), head))
        }
        _ => Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

/// A set of keywords found in one pass, ignoring ASCII case: the cheap test that decides
/// whether a costlier rule runs at all. Built from the crate's literals, like [`pattern`].
#[allow(clippy::expect_used)]
pub(crate) fn keywords(words: &[&str]) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .expect("the crate's keyword lists build")
}

/// Lowercase ASCII keywords found in one pass, ignoring ASCII case, reported as a set of
/// pattern bits. The text is lowered into a reused buffer and searched with a packed (SIMD)
/// searcher, several times cheaper per byte than an automaton that steps through every byte;
/// where no packed searcher can be built, an ASCII-case-insensitive automaton does the same.
#[derive(Debug)]
pub(crate) struct Keywords {
    packed: Option<aho_corasick::packed::Searcher>,
    automaton: aho_corasick::AhoCorasick,
}

thread_local! {
    /// The buffer of [`with_lowered`], kept between calls.
    static LOWERED: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Calls `read` with the bytes that `fill` writes, ASCII-lowered, in a buffer kept between
/// calls (a call made from inside `read` gets a buffer of its own).
pub(crate) fn with_lowered<R>(fill: impl FnOnce(&mut Vec<u8>), read: impl FnOnce(&[u8]) -> R) -> R {
    with_buffer(
        |buf| {
            fill(buf);
            buf.make_ascii_lowercase();
        },
        read,
    )
}

/// Calls `read` with the bytes that `fill` writes, in the buffer of [`with_lowered`] (a call
/// made from inside `read` gets a buffer of its own).
fn with_buffer<R>(fill: impl FnOnce(&mut Vec<u8>), read: impl FnOnce(&[u8]) -> R) -> R {
    let run = |buf: &mut Vec<u8>| {
        buf.clear();
        fill(buf);
        read(buf)
    };
    LOWERED.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buf) => run(&mut buf),
        Err(_) => run(&mut Vec::new()),
    })
}

/// Appends `t` ASCII-lowered to `buf`: each byte lowered as it is copied, one pass over the
/// text, where copying and then lowering in place (`make_ascii_lowercase`) makes two.
fn push_lowered(buf: &mut Vec<u8>, t: &[u8]) {
    buf.extend(t.iter().map(u8::to_ascii_lowercase));
}

impl Keywords {
    /// At most 64 words, lowercase, none a prefix of another (so that restarting one byte
    /// after each leftmost match finds every word at every place it occurs) and none holding
    /// a line break (the separator of the texts searched together).
    pub(crate) fn new(words: &[&str]) -> Keywords {
        debug_assert!(words.len() <= 64);
        debug_assert!(words.iter().all(|w| !w.is_empty()
            && !w.bytes().any(|b| b.is_ascii_uppercase() || b == b'\n')
            && !words.iter().any(|v| v != w && v.starts_with(w))));
        Keywords {
            packed: aho_corasick::packed::Searcher::new(words.iter()),
            automaton: keywords(words),
        }
    }

    /// Calls `f` with the start and the pattern of every word found in `lowered` (ASCII-lowered
    /// text): the packed searcher restarts one byte after each leftmost match, which finds every
    /// word at every place as no word is a prefix of another; the automaton, where no packed
    /// searcher could be built, finds them overlapping.
    fn each_match(&self, lowered: &[u8], mut f: impl FnMut(usize, u32)) {
        let Some(packed) = &self.packed else {
            for m in self.automaton.find_overlapping_iter(lowered) {
                f(m.start(), m.pattern().as_u32());
            }
            return;
        };
        let mut at = 0;
        while let Some(m) = packed.find_in(lowered, aho_corasick::Span::from(at..lowered.len())) {
            f(m.start(), m.pattern().as_u32());
            at = m.start() + 1;
        }
    }

    /// The words that occur in any of `texts` (no match runs from one text into the next), as
    /// bits by their index (the plain form of [`Keywords::mark_lines`]).
    pub(crate) fn bits<'t>(&self, texts: impl Iterator<Item = &'t str>) -> u64 {
        with_buffer(
            |buf| {
                for t in texts {
                    push_lowered(buf, t.as_bytes());
                    buf.push(b'\n');
                }
            },
            |lowered| {
                let mut bits = 0u64;
                self.each_match(lowered, |_, pattern| bits |= 1 << pattern);
                bits
            },
        )
    }

    /// Sets each line's [`Line::words`] to the words that occur in it, by their index, in one
    /// search over the whole of `text` (which the lines cut). No word holds a line break, so a
    /// match lies inside one line's text, and a line's bits are those that [`Keywords::bits`]
    /// finds in its text alone (or more, where a rule later cuts the text shorter: the bits
    /// are gates, and a text cut shorter holds no word its whole did not).
    pub(crate) fn mark_lines(&self, text: &str, lines: &mut [Line<'_>]) {
        for l in lines.iter_mut() {
            l.words = 0;
        }
        let mut line = 0;
        with_buffer(
            |buf| push_lowered(buf, text.as_bytes()),
            |lowered| {
                self.each_match(lowered, |at, pattern| {
                    // the line whose text starts at or before the match: lines are in order, and a
                    // match never starts in the white space before a line's text
                    while lines.get(line + 1).is_some_and(|l| l.text_start <= at) {
                        line += 1;
                    }
                    if let Some(l) = lines.get_mut(line).filter(|l| at < l.text_end()) {
                        l.words |= 1 << pattern;
                    }
                });
            },
        );
    }
}

/// The words that [`Line::words`] records: the narrative rules' gate words (bits 0..14, as
/// [`narrative::Hints`] numbers them) and then the vote rules' (from bit [`VOTE_WORDS_AT`], as
/// `votes` numbers them).
static LINE_WORDS: std::sync::LazyLock<Keywords> = std::sync::LazyLock::new(|| {
    let words: Vec<&str> = narrative::PARA_WORDS
        .iter()
        .chain(votes::VOTE_WORDS.iter())
        .chain(std::iter::once(&header::FULL_TEXT_LINK_WORDS))
        .copied()
        .collect();
    // (a word with white space other than spaces in it could run from one line into the next)
    debug_assert!(words
        .iter()
        .all(|w| !w.contains(|c: char| c.is_whitespace() && c != ' ')));
    Keywords::new(&words)
});

/// The bit of [`Line::words`] at which the vote rules' words start.
pub(crate) const VOTE_WORDS_AT: u32 = narrative::PARA_WORDS.len() as u32;

/// The bit of [`Line::words`] that says a line may hold the link that ends summarised minutes'
/// items (`header::FULL_TEXT_LINK_WORDS`), after the vote rules' words.
pub(crate) const FULL_TEXT_LINK_BIT: u64 = 1 << (VOTE_WORDS_AT as usize + votes::VOTE_WORDS.len());

/// The words of [`LINE_WORDS`] that occur in any of `lines`, the narrative rules' and the vote
/// rules' apart.
pub(crate) fn words_of<'l>(lines: impl Iterator<Item = &'l Line<'l>>) -> (u32, u32) {
    let w = lines.fold(0u64, |w, l| w | l.words);
    (
        (w & ((1 << VOTE_WORDS_AT) - 1)) as u32,
        ((w & (FULL_TEXT_LINK_BIT - 1)) >> VOTE_WORDS_AT) as u32,
    )
}

/// `ſ` or the Kelvin sign, which `(?i)` lets stand for `s` and `k`: where either occurs, a
/// case-insensitive rule may match without its ASCII word, so the word gates stay open.
///
/// The characters' last bytes are looked for first: `ſ` is `C5 BF` in UTF-8 and the Kelvin sign
/// `E2 84 AA`, and `BF`/`AA` end few other characters (not the dashes, quotes or currency signs
/// of minutes), so most lines cost one byte scan rather than two substring searches.
pub(crate) fn folds(line: &str) -> bool {
    let b = line.as_bytes();
    !line.is_ascii()
        && memchr::memchr2(0xBF, 0xAA, b).is_some()
        && (memchr::memmem::find(b, "\u{17f}".as_bytes()).is_some()
            || memchr::memmem::find(b, "\u{212a}".as_bytes()).is_some())
}

/// What the grammar found in one document.
#[derive(Debug)]
pub(crate) struct Parsed {
    pub kind: Kind,
    pub title: Option<String>,
    pub authority: Option<String>,
    pub meetings: Vec<Meeting>,
    pub amounts: Vec<Amount>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Shared state while parsing one document.
#[derive(Debug)]
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub ix: LineIndex,
    pub order: DateOrder,
    /// The currency the document writes most: given to money tables whose header has no sign.
    pub currency: Option<&'static str>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Ctx<'_> {
    pub(crate) fn diag(
        &mut self,
        severity: Severity,
        code: &str,
        message: String,
        at: Option<(usize, usize)>,
    ) {
        let span = at.map(|(a, b)| self.ix.span(a, b));
        self.diagnostics.push(Diagnostic {
            severity,
            code: code.to_string(),
            message,
            span,
        });
    }
}

/// Parses a whole document.
pub(crate) fn document(src: &SourceText, options: &Options) -> Parsed {
    let text = src.text.as_str();
    let (mut lines, line_starts) = segment::lines_and_starts(text);
    LINE_WORDS.mark_lines(text, &mut lines);
    header::mark_furniture(&mut lines, &src.page_starts);
    let order = match options.date_order {
        DateOrder::Auto if header::north_american(&lines) => DateOrder::MonthFirst,
        o => o,
    };
    let mut ctx = Ctx {
        text,
        ix: LineIndex::from_starts(line_starts, &src.page_starts),
        order,
        currency: money::dominant_currency(text),
        diagnostics: Vec::new(),
    };
    let head = header::read(&lines, &ctx);
    let mut meetings = match head.kind {
        Kind::IssueHistory => issue_meetings(&mut ctx, &lines, &head),
        Kind::Decision => decision_meetings(&mut ctx, &lines, &head),
        Kind::AgendaItem => vec![agenda_item_meeting(&mut ctx, &lines, &head)],
        Kind::Minutes | Kind::Agenda => minutes_meetings(&mut ctx, &lines, &head),
        Kind::Other => Vec::new(),
    };
    let mut title = head.title.clone();
    if head.kind == Kind::AgendaItem {
        // a page cut from its head starts with the item line: `76 Budget Monitoring PDF 80 KB`
        if let Some(it) = meetings.first().and_then(|m| m.items.first()) {
            let numbered = |n: &str| title.as_deref().is_some_and(|t| t.starts_with(n));
            if it.number.as_deref().is_some_and(numbered) {
                title = it.title.clone();
            }
        }
    }
    if head.kind == Kind::Agenda {
        // an agenda records no decisions: what looks like one is a recommendation in a report
        for m in &mut meetings {
            for it in &mut m.items {
                let moved = std::mem::take(&mut it.resolutions);
                it.recommendations.extend(moved);
                it.recommendations.sort_by_key(|p| p.span.start);
                it.decision.clear();
            }
        }
    }
    // an item with no text of its own sits at the end of its meeting
    for m in &mut meetings {
        let (ms, me) = (m.span.start, m.span.end);
        for it in &mut m.items {
            if it.span.start == it.span.end && (it.span.start < ms || it.span.end > me) {
                it.span = ctx.ix.span(me, me);
            }
        }
    }
    // money outside any item
    let mut amounts = Vec::new();
    let mut covered: Vec<(usize, usize)> = meetings
        .iter()
        .flat_map(|m| m.items.iter().map(|i| (i.span.start, i.span.end)))
        .collect();
    covered.sort_unstable();
    // the furthest end reached by any item starting at or before each item's start
    let mut reach = Vec::with_capacity(covered.len());
    let mut far = 0;
    for &(_, b) in &covered {
        far = far.max(b);
        reach.push(far);
    }
    let inside = |at: usize| {
        let k = covered.partition_point(|&(a, _)| a <= at);
        k > 0 && reach.get(k - 1).is_some_and(|&b| at <= b)
    };
    for line in &lines {
        // most lines hold no currency sign, which their shape bits say without a search (a
        // clear bit is exact: `shape_holds_no_currency_where_the_bits_say`); most of the rest
        // are inside some item: the binary search is cheaper than the scan
        if line.furniture
            || line.shape & segment::shape::MONEY == 0
            || inside(line.text_start)
            || !may_hold_currency(line.text)
        {
            continue;
        }
        amounts.extend(money::on_line(line, &ctx.ix));
    }
    if let Some(last) = lines.iter().rev().find(|l| !l.is_blank() && !l.furniture) {
        let t = last.text;
        // a document's name under `Accompanying Documents:` and a decision notice's field
        // (`Decided at meeting: 28/01/2021 - Council`) end without a stop
        let attachment = meetings
            .iter()
            .flat_map(|m| &m.items)
            .flat_map(|i| &i.attachments)
            .any(|a| a.span.start <= last.text_start && last.text_start < a.span.end.max(1));
        let field = head.kind == Kind::Decision
            && t.split_once(':')
                .is_some_and(|(label, _)| label.split_whitespace().take(6).count() <= 5);
        if head.kind != Kind::Other
            && !attachment
            && !field
            && t.ends_with(|c: char| c.is_alphabetic() || c == ',')
            && t.split_whitespace().take(4).count() > 3
        {
            ctx.diag(
                Severity::Warning,
                "cut-off",
                "the document seems to end mid-sentence; the last item may be incomplete".into(),
                Some((last.text_start, last.text_end())),
            );
        }
    }
    Parsed {
        kind: head.kind,
        title,
        authority: head.authority,
        meetings,
        amounts,
        diagnostics: ctx.diagnostics,
    }
}

/// Whether `t` holds a currency sign (`£ $ € ¥ ￥`): a vectorised scan for `$` and the signs'
/// lead bytes first, the exact test only where one is found.
fn may_hold_currency(t: &str) -> bool {
    let b = t.as_bytes();
    (memchr::memchr3(b'$', 0xC2, 0xE2, b).is_some() || memchr::memchr(0xEF, b).is_some())
        && t.contains(['£', '$', '€', '¥', '￥'])
}

fn meeting(
    ctx: &Ctx<'_>,
    date: Option<dates::Found>,
    body: Option<String>,
    start: usize,
    end: usize,
) -> Meeting {
    Meeting {
        date: date.map(|d| d.date),
        body,
        location: None,
        attendance: Attendance::default(),
        items: Vec::new(),
        span: ctx.ix.span(start, end.max(start)),
    }
}

fn first_text(lines: &[Line<'_>]) -> usize {
    lines
        .iter()
        .find(|l| !l.is_blank())
        .map_or(0, |l| l.text_start)
}

fn last_text(lines: &[Line<'_>]) -> usize {
    lines
        .iter()
        .rev()
        .find(|l| !l.is_blank() && !l.furniture)
        .map_or(0, Line::text_end)
}

/// ModernGov "Issue - meetings": one meeting per `Meeting:` line, one item each.
fn issue_meetings(ctx: &mut Ctx<'_>, lines: &[Line<'_>], head: &header::Header) -> Vec<Meeting> {
    let starts: Vec<(usize, header::MeetingLine)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| header::meeting_line(l.text, ctx.order).map(|m| (i, m)))
        .collect();
    if starts.is_empty() {
        // a page with no heading and no Meeting: line: one undated meeting
        return minutes_meetings(ctx, lines, head);
    }
    let mut out = Vec::new();
    for (k, (i, ml)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(lines.len(), |s| s.0);
        let Some(region) = lines.get(*i..end) else {
            continue;
        };
        let mut m = meeting(
            ctx,
            ml.date,
            ml.body.clone(),
            first_text(region),
            last_text(region),
        );
        // the item line: `5 Title pdf icon PDF 59 KB`, or the title alone
        let body_lines = region.get(1..).unwrap_or_default();
        let mut title = None;
        let mut number = ml.item.clone();
        let mut split = 0;
        if let Some((j, l)) = body_lines
            .iter()
            .enumerate()
            .find(|(_, l)| !l.is_blank() && !l.furniture)
        {
            let t = l.text;
            let stripped = match (&number, t.split_once(|c: char| c.is_whitespace())) {
                (Some(n), Some((first, rest)))
                    if first.trim_end_matches('.') == n.trim_end_matches('.') =>
                {
                    Some(rest)
                }
                (None, Some((first, rest)))
                    if first
                        .trim_end_matches('.')
                        .chars()
                        .all(|c| c.is_ascii_digit()) =>
                {
                    number = Some(first.trim_end_matches('.').to_string());
                    Some(rest)
                }
                _ => None,
            };
            let is_title = stripped.is_some()
                || items::attachment(t).is_some()
                || head
                    .title
                    .as_deref()
                    .is_some_and(|ht| segment::collapse(t).starts_with(ht));
            if is_title {
                title = items::clean_title(stripped.unwrap_or(t));
                split = j + 1;
            }
        }
        if title.is_none() {
            title = head.title.clone();
        }
        let (h, b) = body_lines.split_at(split.min(body_lines.len()));
        let item = items::build(ctx, number, title, h, b, true);
        m.items.push(item);
        out.push(m);
    }
    out
}

/// A decision notice: one meeting (date of decision, decision maker) with one item per
/// decision.
///
/// An "Issue - decisions" page lists each decision taken on its issue under a line of its own,
/// `13/02/2020 - <title>`, followed by that decision's fields (`Decision Maker:`, `Decision:`,
/// ...). Where two or more such lines each open a section holding a `Decision` field, each
/// section is a decision of its own, read alone: its own date, maker and text. Otherwise the
/// page is one decision.
fn decision_meetings(ctx: &mut Ctx<'_>, lines: &[Line<'_>], head: &header::Header) -> Vec<Meeting> {
    let body_from = head.body_from.min(lines.len());
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| decision_line(l.text, ctx.order))
        .map(|(i, _)| i)
        .collect();
    let ends = starts
        .iter()
        .skip(1)
        .copied()
        .chain(std::iter::once(lines.len()));
    let sections: Vec<(usize, usize)> = starts.iter().copied().zip(ends).collect();
    let fielded = |&(from, to): &(usize, usize)| {
        lines
            .get(from..to)
            .unwrap_or_default()
            .iter()
            .any(|l| segment::opens_ci(l.text, "decision"))
    };
    if sections.len() < 2 || !sections.iter().all(fielded) {
        return vec![decision_meeting(ctx, lines, body_from, head)];
    }
    sections
        .iter()
        .enumerate()
        .map(|(k, &(from, to))| {
            if k == 0 {
                // the first keeps the page's head
                let to = to.max(body_from);
                decision_meeting(ctx, lines.get(..to).unwrap_or_default(), body_from, head)
            } else {
                decision_meeting(ctx, lines.get(from..to).unwrap_or_default(), 1, head)
            }
        })
        .collect()
}

/// Whether `text` is the line that opens a decision on an "Issue - decisions" page: a date,
/// then a dash and the decision's title (`13/02/2020 - Local Plan Review`).
fn decision_line(text: &str, order: DateOrder) -> bool {
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    header::dated_title(text, order).is_some_and(|(_, title)| !title.trim().is_empty())
}

/// One decision: a meeting (date of decision, decision maker) and its item, whose body starts
/// at line `body_from`; its title is the decision's own, else the page's.
fn decision_meeting(
    ctx: &mut Ctx<'_>,
    lines: &[Line<'_>],
    body_from: usize,
    head: &header::Header,
) -> Meeting {
    let f = header::decision_fields(lines, ctx.order);
    let mut m = meeting(
        ctx,
        f.date,
        f.body.clone(),
        first_text(lines),
        last_text(lines),
    );
    let b = lines.get(body_from.min(lines.len())..).unwrap_or_default();
    let title = f.title.clone().or_else(|| head.title.clone());
    let item = items::build(ctx, f.number.clone(), title, &[], b, false);
    m.items.push(item);
    m
}

/// A ModernGov "Agenda item" page: one meeting, one item.
fn agenda_item_meeting(ctx: &mut Ctx<'_>, lines: &[Line<'_>], head: &header::Header) -> Meeting {
    let mh = header::meeting_of(lines, ctx.order);
    let mut m = meeting(ctx, mh.date, mh.body, first_text(lines), last_text(lines));
    m.location = mh.location;
    let body_from = head.body_from.min(lines.len());
    let b = lines.get(body_from..).unwrap_or_default();
    // resolutions come from the Minutes: block when there is one
    let minutes_at = b.iter().position(|l| segment::opens_ci(l.text, "minutes:"));
    let (title, number) = match &head.title {
        Some(t) => {
            let (n, rest) = t
                .split_once(' ')
                .filter(|(n, _)| n.trim_end_matches('.').chars().all(|c| c.is_ascii_digit()))
                .map_or((None, t.clone()), |(n, r)| {
                    (Some(n.trim_end_matches('.').to_string()), r.to_string())
                });
            (Some(rest), n)
        }
        None => (None, None),
    };
    let item = match minutes_at {
        Some(k) => {
            let (agenda, minutes) = b.split_at(k);
            let mut it = items::build(ctx, number, title, agenda, minutes, false);
            if let Some(first) = agenda.iter().find(|l| !l.is_blank()) {
                it.span = ctx
                    .ix
                    .span(it.span.start.min(first.text_start), it.span.end);
            }
            it
        }
        None => items::build(ctx, number, title, &[], b, false),
    };
    m.items.push(item);
    m
}

/// Printed minutes and agendas: meetings by their headings, items by their numbers.
fn minutes_meetings(ctx: &mut Ctx<'_>, lines: &[Line<'_>], head: &header::Header) -> Vec<Meeting> {
    let cands = items::candidates(lines);
    // meeting boundaries: a later heading of a new meeting after some numbered lines; each
    // meeting numbers its items afresh, so headings are chosen per meeting
    // (searched rather than scanned for each heading: a long document holds thousands of both)
    debug_assert!(cands.is_sorted_by_key(|h| h.line));
    let mut heading_lines: Vec<usize> = cands.iter().flat_map(|h| [h.line, h.title_line]).collect();
    heading_lines.sort_unstable();
    let mut bounds = vec![0usize];
    for (i, l) in lines.iter().enumerate().skip(1) {
        if header::is_meeting_heading(l.text) && heading_lines.binary_search(&i).is_err() {
            // a candidate after the last bound and before this line
            let last = bounds.last().copied().unwrap_or(0);
            let after = cands.partition_point(|h| h.line <= last);
            if cands.get(after).is_some_and(|h| h.line < i) {
                bounds.push(i);
            }
        }
    }
    let mut out = Vec::new();
    // the candidates come in line order: each region takes its own from the front
    let mut pending = cands.into_iter().peekable();
    for (k, &from) in bounds.iter().enumerate() {
        let to = bounds.get(k + 1).copied().unwrap_or(lines.len());
        let mine: Vec<items::Heading> = std::iter::from_fn(|| pending.next_if(|h| h.line < to))
            .filter(|h| h.line >= from)
            .collect();
        let Some(region) = lines.get(from..to) else {
            continue;
        };
        let selected = items::select(mine);
        // minutes with no numbered items: their section headings in capitals are the items
        let selected = if selected.is_empty() {
            items::caps_headings(lines, from, to)
        } else {
            selected
        };
        // numbered items, then any unnumbered heading after the last of them
        let trailing = match selected.last() {
            Some(last) if last.number.is_some() => {
                items::trailing_headings(lines, last.title_line, to)
            }
            _ => Vec::new(),
        };
        let mut hs: Vec<items::Heading> = selected;
        hs.extend(trailing);
        let first_item = hs.first().map_or(to, |h| h.line);
        let intro = lines.get(from..first_item).unwrap_or_default();
        let mh = header::meeting_of(intro, ctx.order);
        // `CITY OF MAPLE BLUFF CITY COUNCIL`: the body is what follows the authority's name
        let body = mh
            .body
            .map(|b| match &head.authority {
                Some(a)
                    if b.len() > a.len() + 1
                        && b.to_lowercase().starts_with(&a.to_lowercase())
                        && ["council", "committee", "board", "commission", "cabinet"]
                            .iter()
                            .any(|w| {
                                b.get(a.len()..)
                                    .is_some_and(|r| r.to_lowercase().contains(w))
                            }) =>
                {
                    b.get(a.len()..).map_or(b.clone(), |r| r.trim().to_string())
                }
                _ => b,
            })
            .or_else(|| head.authority.clone());
        let mut m = meeting(ctx, mh.date, body, first_text(region), last_text(region));
        m.location = mh.location;
        m.attendance = attendance::read(intro, &ctx.ix);
        // attendance told in sentences in the opening paragraphs: `Board members present were
        // ...`, `Apologies for absence were received from ...`
        let a = first_text(intro);
        let b = intro
            .iter()
            .rev()
            .find(|l| !l.is_blank())
            .map_or(a, Line::text_end);
        if let Some(t) = ctx.text.get(a..b.max(a)) {
            if m.attendance.present.is_empty() {
                m.attendance.present = attendance::present_sentences(t, a, &ctx.ix);
            }
            if m.attendance.apologies.is_empty() {
                m.attendance.apologies = attendance::apology_sentences(t, a, &ctx.ix);
            }
        }
        for j in 0..hs.len() {
            let end = hs.get(j + 1).map_or(to, |n| n.line);
            let Some(h) = hs.get_mut(j) else { break };
            // the item owns the heading's number and title from here on (the roll-call search
            // below reads the titles from the items)
            let (number, title) = (h.number.take(), h.title.take());
            let h = &*h;
            let head_lines = lines.get(h.line..=h.title_line).unwrap_or_default();
            let body_lines = lines.get(h.title_line + 1..end).unwrap_or_default();
            let item: Item = match (h.inline_body, lines.get(h.line)) {
                (Some(at), Some(first)) => {
                    // the heading line's text after its number opens the body
                    let mut body: Vec<Line<'_>> = Vec::with_capacity(body_lines.len() + 1);
                    let mut opening = first.clone();
                    opening.text = first.text.get(at..).unwrap_or_default();
                    opening.text_start = first.text_start + at;
                    body.push(opening);
                    body.extend(body_lines.iter().cloned());
                    // a run-in title (`Finance - the following ...`) keeps its heading in the
                    // item's span; a numbered paragraph has none
                    let mut heading = first.clone();
                    heading.text = first.text.get(..at).unwrap_or_default().trim_end();
                    let head: &[Line<'_>] = if title.is_some() {
                        std::slice::from_ref(&heading)
                    } else {
                        &[]
                    };
                    items::build(ctx, number, title, head, &body, false)
                }
                _ => items::build(ctx, number, title, head_lines, body_lines, false),
            };
            m.items.push(item);
        }
        // US minutes record attendance under a `ROLL CALL` item
        if m.attendance.present.is_empty() {
            for (j, (h, it)) in hs.iter().zip(&m.items).enumerate().take(6) {
                let t = it.title.as_deref().unwrap_or_default();
                if ["roll call", "attendance", "present"]
                    .iter()
                    .any(|w| segment::contains_ci(t, w))
                {
                    let end = hs.get(j + 1).map_or(to, |n| n.line);
                    let found = attendance::read(
                        lines.get(h.title_line + 1..end).unwrap_or_default(),
                        &ctx.ix,
                    );
                    m.attendance.present.extend(found.present);
                    m.attendance.absent.extend(found.absent);
                    m.attendance.apologies.extend(found.apologies);
                    m.attendance.in_attendance.extend(found.in_attendance);
                    break;
                }
            }
        }
        if m.attendance.apologies.is_empty() {
            for it in m.items.iter().take(4) {
                let is_apologies = it
                    .title
                    .as_deref()
                    .is_some_and(|t| segment::contains_ci(t, "apolog"));
                if is_apologies {
                    let (a, b) = (it.span.start, it.span.end);
                    if let Some(t) = ctx.text.get(a..b) {
                        m.attendance.apologies = attendance::apology_sentences(t, a, &ctx.ix);
                    }
                }
            }
        }
        if m.items.is_empty() && head.kind == Kind::Minutes {
            ctx.diag(
                Severity::Info,
                "no-items",
                "no numbered items were found in this meeting's text".into(),
                Some((m.span.start, m.span.end)),
            );
        }
        out.push(m);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line's word bits gate the resolution-marker test exactly: over every line of the
    /// fixtures and the corpus, and over generated lines, the gated test answers as the plain one.
    #[test]
    fn line_marker_as_the_plain_marker() {
        let mut texts = crate::testgen::real_texts();
        let pieces = [
            "RESOLVED",
            "resolved:",
            "It was ",
            "agreed",
            "AGREED",
            " that ",
            "Decision",
            "RECOMMENDED",
            "Recommend",
            "ſ",
            "\n",
            " ",
            "(a)",
            "x",
        ];
        texts.extend(crate::testgen::texts_of(&pieces, 3));
        let mut marked = 0;
        for text in &texts {
            let mut lines = segment::lines(text);
            LINE_WORDS.mark_lines(text, &mut lines);
            for l in &lines {
                let want = blocks::marker(l.text);
                assert_eq!(blocks::line_marker(l, l.text), want, "{:?}", l.text);
                marked += usize::from(want.is_some());
            }
        }
        assert!(marked > 100, "{marked}");
    }

    /// One search over a whole text marks each line with the words that a search of its text
    /// alone finds, whatever the white space, case and characters around them.
    #[test]
    fn line_words_are_each_lines_own() {
        let words = &*LINE_WORDS;
        let (narrative_hint, vote_hint) = (
            Keywords::new(&narrative::PARA_WORDS),
            Keywords::new(&votes::VOTE_WORDS),
        );
        let pieces = [
            "Resolved",
            "RECOMMENDED",
            "agreed",
            "AGREED",
            "greed",
            "disagreed",
            "motion",
            "Seconded",
            "concern",
            "roll call",
            "carried",
            "favour",
            "abstentions",
            "vote",
            "ayes",
            "noted",
            "following",
            " ",
            "\n",
            "\r\n",
            "\u{c}",
            "\t",
            "\u{a0}",
            "\u{feff}",
            "–",
            "é",
            "\u{17f}",
            "x",
            "1.",
            "(a)",
            "pas",
            "sed",
            "lo",
            "st",
            "View the full minutes text for item 3.",
            "full minutes",
            " text",
        ];
        let mut walk = crate::testgen::Walk::new(7);
        for _ in 0..20_000 {
            let text = walk.text(&pieces, 29);
            let mut lines = segment::lines(&text);
            words.mark_lines(&text, &mut lines);
            for l in &lines {
                assert_eq!(l.words, words.bits(std::iter::once(l.text)), "{text:?}");
                // the link's bit: set where the line holds its words (ignoring ASCII case)
                assert_eq!(
                    l.words & FULL_TEXT_LINK_BIT != 0,
                    l.text
                        .to_ascii_lowercase()
                        .contains(header::FULL_TEXT_LINK_WORDS),
                    "{text:?}"
                );
            }
            // and the bits split as the narrative and vote rules number them
            let (para, vote) = words_of(lines.iter());
            let all = lines.iter().map(|l| l.text);
            assert_eq!(
                u64::from(para),
                narrative_hint.bits(all.clone()),
                "{text:?}"
            );
            assert_eq!(u64::from(vote), vote_hint.bits(all), "{text:?}");
        }
    }

    /// The money gate of [`document`]: a line whose shape bits have no [`segment::shape::MONEY`]
    /// holds no currency sign ([`may_hold_currency`] is false), over every line of the
    /// fixtures and the corpus as `document` marks them (their texts cut short where a rule
    /// cuts them) and over generated lines of currency signs, their lead bytes in other
    /// characters, ſ, the Kelvin sign, no-break spaces, tabs and `\v`.
    #[test]
    fn shape_holds_no_currency_where_the_bits_say() {
        let mut texts = crate::testgen::real_texts();
        let pieces = [
            "$", "£", "€", "¥", "￥", "¢", "\u{a0}", "\u{a3}5", "–", "’", "\u{ff04}", "\u{20a4}",
            "É", "ſ", "\u{212a}", "\t", "\u{b}", " ", "\n", "x", "12", "",
        ];
        let mut walk = crate::testgen::Walk::new(17);
        texts.extend((0..20_000).map(|_| walk.text(&pieces, 16)));
        texts.extend(crate::testgen::texts_of(&["$", "£", "¢", "\n", " x"], 4));
        let mut signs = 0;
        for text in &texts {
            let (mut lines, _) = segment::lines_and_starts(text);
            LINE_WORDS.mark_lines(text, &mut lines);
            header::mark_furniture(&mut lines, &[]);
            for l in &lines {
                let want = may_hold_currency(l.text);
                if l.shape & segment::shape::MONEY == 0 {
                    assert!(!want, "{:?}", l.text);
                }
                signs += usize::from(want);
            }
        }
        assert!(signs > 100, "{signs}");
    }

    /// The shared lowered buffer: its bytes lowered, and a call from inside another given its
    /// own buffer rather than a panic.
    #[test]
    fn with_lowered_lowers_and_nests() {
        let got = with_lowered(
            |b| b.extend_from_slice("RESOLVED É".as_bytes()),
            |outer| {
                let inner = with_lowered(|b| b.extend_from_slice(b"AGREED"), <[u8]>::to_vec);
                (outer.to_vec(), inner)
            },
        );
        assert_eq!(got, ("resolved É".as_bytes().to_vec(), b"agreed".to_vec()));
    }

    /// [`push_lowered`] (lowering while copying, as the keyword pass fills its buffer) against
    /// copying and then lowering in place (`make_ascii_lowercase`, as before and as
    /// [`with_lowered`] does): over the fixtures and the corpus, and texts of every ASCII byte
    /// and of characters whose lower case is not ASCII-lowered (`É`, `ſ`, the Kelvin sign).
    #[test]
    fn push_lowered_as_lowering_in_place() {
        let plain = |t: &[u8]| {
            let mut v = t.to_vec();
            v.make_ascii_lowercase();
            v
        };
        let mut texts: Vec<Vec<u8>> = crate::testgen::real_texts()
            .into_iter()
            .map(String::into_bytes)
            .collect();
        texts.push((0..=255u8).collect());
        texts.push(Vec::new());
        for t in crate::testgen::texts_of(
            &["A", "z", "@", "[", "`", "{", "É", "ſ", "\u{212a}", "\n"],
            4,
        ) {
            texts.push(t.into_bytes());
        }
        for t in &texts {
            let mut got = b"K".to_vec();
            push_lowered(&mut got, t);
            assert_eq!(got.get(1..), Some(&plain(t)[..]), "{t:?}");
            assert_eq!(got.first(), Some(&b'K'));
        }
        // the keyword pass's bits over the lowered copy: the same as over a copy lowered in place
        let words = &*LINE_WORDS;
        for t in crate::testgen::real_texts().iter().take(40) {
            let lowered = plain(t.as_bytes());
            let mut want = 0u64;
            words.each_match(&lowered, |_, p| want |= 1 << p);
            assert_eq!(words.bits(t.lines()) | want, want);
        }
    }

    #[test]
    fn folds_finds_long_s_and_kelvin() {
        for t in [
            "",
            "plain",
            "Iſſues",
            "5 \u{212a}",
            "– — “ ” £ € ﬁ",
            "\u{17e}\u{180}\u{2129}\u{212b}",
            "x ſ",
            "ſ",
            "\u{212a}",
        ] {
            assert_eq!(folds(t), t.contains(['ſ', '\u{212a}']), "{t}");
        }
    }

    #[test]
    fn tag_ci_compares_ascii_only() {
        let t = tag_ci("key");
        assert_eq!(t("KEY decision"), Ok((" decision", "KEY")));
        assert_eq!(t("Key"), Ok(("", "Key")));
        assert!(t("ke").is_err());
        // the Kelvin sign lowercases to `k`; it is no match, and nothing is cut inside it
        assert!(t("\u{212a}ey decision").is_err());
        assert!(tag_ci("k")("\u{212a}").is_err());
        assert!(tag_ci("st")("\u{17f}t").is_err());
    }
}
