//! Layout reconstruction: glyph positions → words → lines → page text.
//!
//! pdf-extract reports every glyph through its `OutputDev` trait with the text rendering matrix,
//! the glyph's advance width and the font size. Its own `PlainTextOutput` decides spaces only at
//! the start of each string operand, which loses every space in producers that position words
//! without space glyphs (cairo, corpus 005) and splits words where a producer draws one word
//! with several strings (Skia, corpus 002). Here the decisions are made from geometry:
//!
//! 1. glyphs are collected per page in content-stream order, in a frame where the baseline runs
//!    along +x and y grows downwards (rotated text gets its own frame, emitted after upright
//!    text);
//! 2. consecutive glyphs on one baseline form *chunks*; chunks whose baselines are within half
//!    a font size form *lines* (and superscripts such as the "th" of "28th" join theirs);
//! 3. within a line, chunks go left to right (inside a chunk the content stream's order
//!    stands); a gap wider than [`WORD_GAP`] × font size, or a space glyph in the gap, is a word
//!    break;
//! 4. a run of lines split by one empty vertical band with prose on both sides is a two-column
//!    block and is emitted column by column;
//! 5. the text is laid out as `pdftotext -layout` lays it out (poppler's physical layout: each
//!    run of words gets the column that clears everything to its left, and vertical gaps become
//!    blank lines), because the grammar and the corpus labels were made on that text.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// A gap between glyphs wider than this fraction of the font size is a word break.
///
/// Space glyphs are about 0.25–0.33 em wide; kerning and tracking stay well under 0.1 em.
/// Calibrated on the corpus (cairo 005, Skia 002): 0.1 splits Skia's loosely set words, 0.2
/// glues words set with narrow justified spaces.
pub(crate) const WORD_GAP: f64 = 0.15;

/// A gap wider than this many average character widths separates columns (rendered with at
/// least two spaces, as `pdftotext -layout` does).
pub(crate) const COLUMN_GAP: f64 = 2.2;

/// Indentation is rendered in character widths up to this many columns.
const MAX_INDENT: usize = 160;

/// One glyph, in its baseline frame: `x` along the baseline, `y` downwards.
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    /// Advance width along the baseline.
    w: f64,
    /// Font size (em) in page units.
    h: f64,
    /// Where (x, in this frame) a space glyph was drawn since the glyph before this one in the
    /// content stream, if one was.
    space_before: Option<f64>,
    /// The glyph's text: one character, or (ligatures, multi-character ToUnicode entries) more.
    ch: char,
    more: Option<Box<str>>,
}

impl Glyph {
    fn push_to(&self, out: &mut String) {
        match &self.more {
            Some(s) => out.push_str(s),
            None => out.push(self.ch),
        }
    }

    fn char_count(&self) -> usize {
        self.more.as_ref().map_or(1, |s| s.chars().count())
    }

    fn same_text(&self, o: &Glyph) -> bool {
        self.ch == o.ch && self.more == o.more
    }
}

/// Glyphs of one rotation (0, 90, 180 or 270 degrees) on one page.
#[derive(Debug, Default)]
struct Frame {
    glyphs: Vec<Glyph>,
    pending_space: Option<f64>,
}

/// An `OutputDev` that records glyphs and rebuilds each page's text at `end_page`.
#[derive(Debug, Default)]
pub(crate) struct LayoutDev {
    frames: [Frame; 4],
    /// Finished pages, in the order `begin_page` was called.
    pub(crate) pages: Vec<String>,
    /// Glyphs pdf-extract reported for each finished page: (other than spaces, all).
    pub(crate) page_glyphs: Vec<(usize, usize)>,
    /// Glyphs seen on the current page (including spaces), for the limit.
    glyph_count: usize,
    /// Glyphs other than spaces seen on the current page.
    ink_count: usize,
    /// Stop recording glyphs of one page beyond this count (a page with millions of text
    /// operators is an attack or an error; its text is cut off with a diagnostic).
    max_glyphs: usize,
    /// Pages whose glyph count hit `max_glyphs` (1-based).
    pub(crate) truncated_pages: Vec<u32>,
    page_num: u32,
    /// The page's media box (llx, lly, urx, ury): glyphs outside it are not on the page
    /// (InDesign pasteboard text, corpus 035) and are dropped, as viewers and pdftotext do.
    page_box: Option<(f64, f64, f64, f64)>,
}

impl LayoutDev {
    pub(crate) fn new(max_glyphs_per_page: usize) -> LayoutDev {
        LayoutDev {
            max_glyphs: max_glyphs_per_page,
            ..LayoutDev::default()
        }
    }
}

impl OutputDev for LayoutDev {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        let b = (
            media_box.llx.min(media_box.urx),
            media_box.lly.min(media_box.ury),
            media_box.llx.max(media_box.urx),
            media_box.lly.max(media_box.ury),
        );
        let usable = [b.0, b.1, b.2, b.3].iter().all(|v| v.is_finite()) && b.2 > b.0 && b.3 > b.1;
        self.page_box = usable.then_some(b);
        for f in &mut self.frames {
            f.glyphs.clear();
            f.pending_space = None;
        }
        self.glyph_count = 0;
        self.ink_count = 0;
        self.page_num = page_num;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        let mut out = String::new();
        for frame in &mut self.frames {
            let glyphs = std::mem::take(&mut frame.glyphs);
            if glyphs.is_empty() {
                continue;
            }
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&layout_page(glyphs));
        }
        self.pages.push(out);
        self.page_glyphs.push((self.ink_count, self.glyph_count));
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        self.glyph_count += 1;
        if self.glyph_count > self.max_glyphs {
            if self.glyph_count == self.max_glyphs + 1 {
                self.truncated_pages.push(self.page_num);
            }
            return Ok(());
        }
        // Baseline direction and "up" direction of the glyph in PDF user space.
        let (dx, dy) = (trm.m11, trm.m12);
        let (ux, uy) = (trm.m21, trm.m22);
        let scale_x = dx.hypot(dy);
        let scale_y = ux.hypot(uy);
        if !(scale_x.is_finite() && scale_y.is_finite() && font_size.is_finite()) {
            return Ok(());
        }
        let rot = if dx.abs() >= dy.abs() {
            if dx >= 0.0 {
                0
            } else {
                2
            }
        } else if dy > 0.0 {
            1
        } else {
            3
        };
        // Rotate the origin so that the baseline runs along +x, then flip y to grow downwards.
        let (ox, oy) = (trm.m31, trm.m32);
        if let Some((x0, y0, x1, y1)) = self.page_box {
            let margin = (font_size.abs() * scale_y).min(72.0);
            if ox < x0 - margin || ox > x1 + margin || oy < y0 - margin || oy > y1 + margin {
                return Ok(());
            }
        }
        let (x, y_up) = match rot {
            0 => (ox, oy),
            1 => (oy, -ox),
            2 => (-ox, -oy),
            _ => (-oy, ox),
        };
        // A mirrored "up" vector (text drawn upside down within its frame) still reads left to
        // right along the baseline; only its extent flips, which the line grouping tolerates.
        let fs = font_size.abs();
        let frame = &mut self.frames[rot];
        let mut chars = ch.chars();
        let Some(first) = chars.next() else {
            return Ok(());
        };
        let single = chars.next().is_none();
        if first.is_whitespace() && (single || ch.chars().all(char::is_whitespace)) {
            frame.pending_space = Some(x);
            return Ok(());
        }
        self.ink_count += 1;
        let h = (fs * scale_y).max(1e-6);
        let mut w = (width * fs * scale_x).max(0.0);
        // A visible glyph with no width is a font without widths for it (a missing /W entry
        // with /DW 0); half an em is the usual advance and keeps the next gap meaningful.
        if w == 0.0 && !('\u{300}'..='\u{36f}').contains(&first) {
            w = 0.5 * h;
        }
        let g = Glyph {
            x,
            y: -y_up,
            w,
            h,
            space_before: std::mem::take(&mut frame.pending_space),
            ch: first,
            more: (!single).then(|| ch.into()),
        };
        frame.glyphs.push(g);
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A run of consecutive glyphs (stream order) on one baseline.
#[derive(Debug)]
struct Chunk {
    /// Indices into the page's glyphs.
    start: usize,
    end: usize,
    y: f64,
    h: f64,
    x0: f64,
    x1: f64,
}

/// One reconstructed line: glyph indices in reading order.
#[derive(Debug, Default)]
struct Line {
    glyphs: Vec<usize>,
    /// The chunks (glyph index ranges) while the line is being built.
    chunks: Vec<(usize, usize)>,
    y: f64,
    h: f64,
    x0: f64,
    x1: f64,
}

/// Builds the text of one page (one rotation frame) from its glyphs.
fn layout_page(glyphs: Vec<Glyph>) -> String {
    let chunks = chunks(&glyphs);
    let lines = lines(&glyphs, chunks);
    let metrics = PageMetrics::of(&glyphs, &lines);
    let blocks = columns(&glyphs, lines, &metrics);
    let mut out = String::new();
    for block in blocks {
        render_block(&glyphs, &block, &metrics, &mut out);
    }
    out
}

/// Splits glyphs into chunks: a new chunk starts where the baseline changes or the pen jumps
/// backwards or far forwards.
fn chunks(glyphs: &[Glyph]) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    for (i, g) in glyphs.iter().enumerate() {
        if let Some(c) = out.last_mut() {
            let prev = &glyphs[i - 1];
            let same_baseline = (g.y - prev.y).abs() <= 0.2 * g.h.max(prev.h)
                || (g.h < prev.h * 0.85 || prev.h < g.h * 0.85)
                    && (g.y - prev.y).abs() <= 0.45 * g.h.max(prev.h);
            let gap = g.x - (prev.x + prev.w);
            let near = gap >= -0.5 * prev.h && gap <= 3.0 * prev.h;
            if same_baseline && near {
                c.end = i + 1;
                c.x0 = c.x0.min(g.x);
                c.x1 = c.x1.max(g.x + g.w);
                if g.h > c.h {
                    c.h = g.h;
                    c.y = g.y;
                }
                continue;
            }
        }
        out.push(Chunk {
            start: i,
            end: i + 1,
            y: g.y,
            h: g.h,
            x0: g.x,
            x1: g.x + g.w,
        });
    }
    out
}

/// Groups chunks into lines, top to bottom: baselines within half a font size of each other,
/// or a superscript or subscript beside its text.
fn lines(glyphs: &[Glyph], mut chunks: Vec<Chunk>) -> Vec<Line> {
    chunks.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<Line> = Vec::new();
    // Only the last few lines can still take a chunk (chunks come sorted by baseline).
    for c in chunks {
        let mut joined = false;
        for line in out.iter_mut().rev().take(4) {
            // Poppler's rule: baselines within half a font size are one line (a value set a
            // little lower in a table cell stays on its row).
            let near = (c.y - line.y).abs() <= 0.5 * c.h.max(line.h);
            if near || is_script_of(&c, line) {
                line.chunks.push((c.start, c.end));
                line.x0 = line.x0.min(c.x0);
                line.x1 = line.x1.max(c.x1);
                if c.h > line.h {
                    line.h = c.h;
                    line.y = c.y;
                }
                joined = true;
                break;
            }
        }
        if !joined {
            out.push(Line {
                chunks: vec![(c.start, c.end)],
                y: c.y,
                h: c.h,
                x0: c.x0,
                x1: c.x1,
                ..Line::default()
            });
        }
    }
    for line in &mut out {
        // Chunks left to right; inside a chunk the content stream's order stands (sorting
        // glyphs by x would shuffle letters wherever a font's widths are off).
        let mut chunks = std::mem::take(&mut line.chunks);
        chunks.sort_by(|a, b| glyphs[a.0].x.total_cmp(&glyphs[b.0].x));
        let mut prev: Option<(usize, usize)> = None;
        for (a, b) in chunks {
            if prev.is_some_and(|p| same_run(glyphs, p, (a, b))) {
                continue;
            }
            line.glyphs.extend(a..b);
            prev = Some((a, b));
        }
        dedup_overdrawn(glyphs, &mut line.glyphs);
    }
    out.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    out
}

/// Whether a chunk and a line are a superscript or subscript and its line ("th" of "28th", a
/// footnote mark): one in a smaller font, its baseline within the other's body, and the two
/// touching end to start.
fn is_script_of(c: &Chunk, line: &Line) -> bool {
    let ((ys, hs), (yb, hb)) = if c.h < line.h {
        ((c.y, c.h), (line.y, line.h))
    } else {
        ((line.y, line.h), (c.y, c.h))
    };
    let touching = |end: f64, start: f64| start >= end - 0.1 * hb && start <= end + 0.3 * hb;
    hs < 0.85 * hb
        && hs > 0.4 * hb
        && ys >= yb - 0.75 * hb
        && ys <= yb + 0.35 * hb
        && (touching(line.x1, c.x0) || touching(c.x1, line.x0))
}

/// Whether two chunks are the same text drawn twice at (almost) the same place.
fn same_run(glyphs: &[Glyph], a: (usize, usize), b: (usize, usize)) -> bool {
    a.1 - a.0 == b.1 - b.0
        && (a.0..a.1).zip(b.0..b.1).all(|(i, j)| {
            let (p, q) = (&glyphs[i], &glyphs[j]);
            p.same_text(q) && (p.x - q.x).abs() < 0.15 * p.h && (p.y - q.y).abs() < 0.15 * p.h
        })
}

/// Drops glyphs drawn twice at (almost) the same place, as fake bold and shadowed text do.
fn dedup_overdrawn(glyphs: &[Glyph], ids: &mut Vec<usize>) {
    let mut kept: Vec<usize> = Vec::with_capacity(ids.len());
    for &i in ids.iter() {
        let g = &glyphs[i];
        let dup = kept.iter().rev().take(3).any(|&k| {
            let p = &glyphs[k];
            p.same_text(g) && (p.x - g.x).abs() < 0.15 * g.h && (p.y - g.y).abs() < 0.15 * g.h
        });
        if !dup {
            kept.push(i);
        }
    }
    *ids = kept;
}

/// Page-wide measures used to render gaps as spaces.
#[derive(Debug)]
struct PageMetrics {
    /// Average character width (page units) for converting distances to columns.
    char_w: f64,
    /// Left edge of the text on the page.
    left: f64,
}

impl PageMetrics {
    fn of(glyphs: &[Glyph], lines: &[Line]) -> PageMetrics {
        let mut widths: Vec<f64> = glyphs
            .iter()
            .filter(|g| g.w > 0.0 && g.more.is_none())
            .map(|g| g.w)
            .collect();
        let char_w = median(&mut widths)
            .or_else(|| {
                let mut hs: Vec<f64> = glyphs.iter().map(|g| g.h * 0.5).collect();
                median(&mut hs)
            })
            .unwrap_or(5.0)
            .max(0.5);
        let left = lines.iter().map(|l| l.x0).fold(f64::INFINITY, f64::min);
        PageMetrics {
            char_w,
            left: if left.is_finite() { left } else { 0.0 },
        }
    }
}

fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let mid = v.len() / 2;
    let (_, m, _) = v.select_nth_unstable_by(mid, f64::total_cmp);
    Some(*m)
}

/// A run of lines rendered together: either whole lines, or one column of a two-column run.
#[derive(Debug)]
struct Block {
    lines: Vec<Line>,
    /// Whether a blank line separates this block from the one before.
    gap_before: bool,
}

/// Splits runs of two-column prose into column blocks; everything else stays whole lines.
fn columns(glyphs: &[Glyph], lines: Vec<Line>, m: &PageMetrics) -> Vec<Block> {
    let n = lines.len();
    let mut gutters: Vec<Option<f64>> = Vec::with_capacity(n);
    let page_right = lines.iter().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max);
    let width = page_right - m.left;
    for line in &lines {
        gutters.push(widest_gap(glyphs, line, m, width));
    }
    // Find runs of at least MIN_RUN lines sharing a gutter position.
    const MIN_RUN: usize = 6;
    let mut out: Vec<Block> = Vec::new();
    let mut plain: Vec<Line> = Vec::new();
    let mut i = 0;
    let mut lines: Vec<Option<Line>> = lines.into_iter().map(Some).collect();
    while i < n {
        let run_end = gutter_run(glyphs, &gutters, &lines, i, m);
        if run_end >= i + MIN_RUN {
            let cut = gutter_cut(&gutters[i..run_end]);
            if !plain.is_empty() {
                out.push(Block {
                    lines: std::mem::take(&mut plain),
                    gap_before: !out.is_empty(),
                });
            }
            let mut left = Vec::new();
            let mut right = Vec::new();
            for slot in lines.iter_mut().take(run_end).skip(i) {
                if let Some(line) = slot.take() {
                    let (l, r) = split_line(glyphs, line, cut);
                    left.extend(l);
                    right.extend(r);
                }
            }
            out.push(Block {
                lines: left,
                gap_before: !out.is_empty(),
            });
            out.push(Block {
                lines: right,
                gap_before: true,
            });
            i = run_end;
        } else {
            if let Some(line) = lines[i].take() {
                plain.push(line);
            }
            i += 1;
        }
    }
    if !plain.is_empty() {
        out.push(Block {
            lines: plain,
            gap_before: !out.is_empty(),
        });
    }
    out
}

/// The x position of a line's column gutter: the middle of a gap wider than `COLUMN_GAP`
/// characters between two runs of prose, in the middle half of the text width.
fn widest_gap(glyphs: &[Glyph], line: &Line, m: &PageMetrics, width: f64) -> Option<f64> {
    let ids = &line.glyphs;
    let mut best: Option<(f64, f64, usize)> = None;
    let mut wide = 0;
    for k in 1..ids.len() {
        let a = &glyphs[ids[k - 1]];
        let b = &glyphs[ids[k]];
        let gap = b.x - (a.x + a.w);
        if gap > COLUMN_GAP * m.char_w {
            wide += 1;
            if best.is_none_or(|(g, _, _)| gap > g) {
                best = Some((gap, a.x + a.w + gap / 2.0, k));
            }
        }
    }
    // One wide gap: a table row has several (name, amount, VAT, comment).
    if wide != 1 {
        return None;
    }
    let (_, mid, k) = best?;
    let rel = (mid - m.left) / width.max(1.0);
    if !(0.25..=0.75).contains(&rel) {
        return None;
    }
    // Prose on both sides: a few words' worth of characters each, mostly letters.
    let prose = |part: &[usize]| {
        let letters = part
            .iter()
            .filter(|&&i| glyphs[i].ch.is_alphabetic())
            .count();
        part.len() >= 15 && letters * 10 >= part.len() * 7
    };
    (prose(&ids[..k]) && prose(&ids[k..])).then_some(mid)
}

/// The end (exclusive) of the run of lines starting at `i` that share one gutter. Lines
/// without a gutter of their own (the short last line of a paragraph, a heading in one column)
/// continue the run if none of their glyphs crosses it.
fn gutter_run(
    glyphs: &[Glyph],
    gutters: &[Option<f64>],
    lines: &[Option<Line>],
    i: usize,
    m: &PageMetrics,
) -> usize {
    let Some(g0) = gutters[i] else {
        return i;
    };
    let tol = 2.0 * m.char_w;
    let mut lo = g0;
    let mut hi = g0;
    let mut j = i + 1;
    let mut with_gutter = 1;
    while j < gutters.len() {
        match (gutters[j], &lines[j]) {
            (Some(g), _) if (g - lo).abs() <= tol * 2.0 && (g - hi).abs() <= tol * 2.0 => {
                lo = lo.min(g);
                hi = hi.max(g);
                with_gutter += 1;
            }
            (None, Some(line))
                if !line.glyphs.iter().any(|&k| {
                    let g = &glyphs[k];
                    g.x < hi + tol * 0.5 && g.x + g.w > lo - tol * 0.5
                }) => {}
            _ => break,
        }
        j += 1;
    }
    if with_gutter * 2 >= j - i {
        j
    } else {
        i
    }
}

fn gutter_cut(gutters: &[Option<f64>]) -> f64 {
    let mut v: Vec<f64> = gutters.iter().flatten().copied().collect();
    median(&mut v).unwrap_or(0.0)
}

/// Splits a line at x = `cut` into its left and right parts (either may be absent).
fn split_line(glyphs: &[Glyph], line: Line, cut: f64) -> (Option<Line>, Option<Line>) {
    let (l, r): (Vec<usize>, Vec<usize>) = line
        .glyphs
        .iter()
        .partition(|&&i| glyphs[i].x + glyphs[i].w / 2.0 < cut);
    let make = |ids: Vec<usize>| -> Option<Line> {
        let first = *ids.first()?;
        let last = *ids.last()?;
        Some(Line {
            x0: glyphs[first].x,
            x1: glyphs[last].x + glyphs[last].w,
            glyphs: ids,
            y: line.y,
            h: line.h,
            ..Line::default()
        })
    };
    (make(l), make(r))
}

/// A gap of this many ems or more splits a line into fragments placed by column (poppler's
/// `minColSpacing2`, the minimum spacing between columns: a bullet and its tab-aligned text are
/// two fragments, so the text lines up with its continuation lines).
const FRAGMENT_GAP: f64 = 1.0;

/// Blocks with more fragments than this are laid out by distance alone (column assignment
/// compares every pair of fragments).
const MAX_FRAGMENTS: usize = 3000;

/// One run of words of a line: the unit that gets a column.
#[derive(Debug)]
struct Frag {
    /// Index of the line in the block.
    line: usize,
    text: String,
    /// x of the left edge of each character, and of the right edge of the last.
    edges: Vec<f64>,
    x0: f64,
    x1: f64,
    col: usize,
}

impl Frag {
    fn chars(&self) -> usize {
        self.edges.len().saturating_sub(1)
    }
}

/// Renders a block the way `pdftotext -layout` does (poppler's physical layout), since the
/// grammar and its gold labels were made on that text:
///
/// - each line is cut into fragments at gaps wider than [`FRAGMENT_GAP`]; inside a fragment
///   words are separated by one space;
/// - a fragment's column is the smallest that clears everything to its left on the page: for
///   each fragment that starts further left, its end column plus one if it ends before this one
///   starts, else the column of its character under this one's left edge (poppler's
///   `assignColumns`);
/// - between lines, one newline per font size of baseline distance (at least one, at most
///   five), so a paragraph gap gives a blank line and a wide gap two.
fn render_block(glyphs: &[Glyph], block: &Block, m: &PageMetrics, out: &mut String) {
    if block.lines.is_empty() {
        return;
    }
    if block.gap_before && !out.is_empty() {
        out.push('\n');
    }
    let mut frags: Vec<Frag> = Vec::new();
    for (li, line) in block.lines.iter().enumerate() {
        fragments(glyphs, line, li, &mut frags);
    }
    if frags.len() > MAX_FRAGMENTS {
        place_by_distance(&mut frags, m);
    } else {
        assign_columns(&mut frags);
    }
    // Fragments are in line order, and left to right within a line.
    let mut k = 0;
    for (li, line) in block.lines.iter().enumerate() {
        let mut col = 0;
        let line_start = out.len();
        while k < frags.len() && frags[k].line == li {
            let f = &frags[k];
            if col > 0 && f.col <= col {
                out.push(' ');
                col += 1;
            }
            push_spaces(out, f.col.saturating_sub(col));
            col = col.max(f.col);
            out.push_str(&f.text);
            col += f.chars();
            k += 1;
        }
        if out[line_start..].trim().is_empty() {
            out.truncate(line_start);
        }
        let newlines = match block.lines.get(li + 1) {
            Some(next) => ((next.y - line.y) / line.h.max(1e-6)).clamp(1.0, 5.0) as usize,
            None => 1,
        };
        out.extend(std::iter::repeat_n('\n', newlines));
    }
}

/// Cuts a line into fragments (see [`render_block`]) and spaces their words.
///
/// Inside a fragment a gap wider than [`WORD_GAP`] × font size, or a space glyph in the gap,
/// is a word break; except in letter-spaced text ("P a g e | 1", "A G E N D A"): when every
/// word so found is a single character, only gaps of at least 1.3 times the narrowest one
/// break (poppler's rule for extra-wide character spacing).
fn fragments(glyphs: &[Glyph], line: &Line, li: usize, out: &mut Vec<Frag>) {
    // Runs of glyph indices, cut at fragment gaps.
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    for &i in &line.glyphs {
        let g = &glyphs[i];
        let cut = prev.is_none_or(|p| g.x - (p.x + p.w) >= FRAGMENT_GAP * g.h.max(p.h));
        match runs.last_mut() {
            Some(run) if !cut => run.push(i),
            _ => runs.push(vec![i]),
        }
        prev = Some(g);
    }
    for run in runs {
        let gaps: Vec<f64> = run
            .windows(2)
            .map(|w| glyphs[w[1]].x - (glyphs[w[0]].x + glyphs[w[0]].w))
            .collect();
        let mut breaks: Vec<bool> = run
            .windows(2)
            .zip(&gaps)
            .map(|(w, &gap)| {
                let (p, g) = (&glyphs[w[0]], &glyphs[w[1]]);
                let em = g.h.max(p.h);
                gap > WORD_GAP * em || spaced(p, g, gap, em)
            })
            .collect();
        let all_single = breaks.len() >= 2 && breaks.iter().all(|&b| b);
        if all_single {
            let min = gaps.iter().copied().fold(f64::INFINITY, f64::min);
            if min > 0.0 {
                breaks = gaps.iter().map(|&gap| gap >= 1.3 * min).collect();
            }
        }
        let mut f = Frag {
            line: li,
            text: String::new(),
            edges: Vec::new(),
            x0: glyphs[run[0]].x,
            x1: glyphs[run[0]].x,
            col: 0,
        };
        for (k, &i) in run.iter().enumerate() {
            let g = &glyphs[i];
            if k > 0 && breaks[k - 1] {
                let p = &glyphs[run[k - 1]];
                f.text.push(' ');
                f.edges.push((p.x + p.w).min(g.x));
            }
            let n = g.char_count();
            g.push_to(&mut f.text);
            for c in 0..n {
                f.edges.push(g.x + g.w * c as f64 / n as f64);
            }
            f.x1 = f.x1.max(g.x + g.w);
        }
        if f.text.trim().is_empty() {
            continue;
        }
        f.edges.push(f.x1);
        out.push(f);
    }
}

/// Poppler's column assignment (see [`render_block`]), in one sweep from left to right:
/// fragments that end before the current one starts only count through the largest end column
/// among them; only the ones still open at its left edge are looked into.
fn assign_columns(frags: &mut [Frag]) {
    let mut order: Vec<usize> = (0..frags.len()).collect();
    order.sort_by(|&a, &b| {
        frags[a]
            .x0
            .total_cmp(&frags[b].x0)
            .then(frags[a].line.cmp(&frags[b].line))
    });
    let mut closed_max = 0usize;
    let mut open: Vec<usize> = Vec::new();
    for &i in &order {
        let x0 = frags[i].x0;
        open.retain(|&j| {
            let f = &frags[j];
            if x0 >= f.x1 {
                closed_max = closed_max.max(f.col + f.chars() + 1);
                false
            } else {
                true
            }
        });
        let mut col = closed_max;
        for &j in &open {
            let f = &frags[j];
            col = col.max(f.col + chars_left_of(f, x0));
        }
        frags[i].col = col;
        open.push(i);
    }
}

/// How many of a fragment's characters have their middle left of `x` (or at it).
fn chars_left_of(f: &Frag, x: f64) -> usize {
    let (mut lo, mut hi) = (0, f.chars());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if x >= 0.5 * (f.edges[mid] + f.edges[mid + 1]) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The cheap fallback for huge blocks: columns from distances in average character widths.
fn place_by_distance(frags: &mut [Frag], m: &PageMetrics) {
    let left = frags.iter().map(|f| f.x0).fold(f64::INFINITY, f64::min);
    for f in frags.iter_mut() {
        f.col = (((f.x0 - left) / m.char_w).round().max(0.0) as usize).min(MAX_INDENT);
    }
}

/// Whether a space glyph between `p` and `g` separates them: one drawn after `p` ends (a space
/// drawn over the end of the glyph before it, as Word does before a superscript, is not a gap).
fn spaced(p: &Glyph, g: &Glyph, gap: f64, em: f64) -> bool {
    g.space_before
        .is_some_and(|sx| sx >= p.x + p.w - 0.15 * em && gap > -0.2 * em)
}

fn push_spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn g(x: f64, y: f64, text: &str) -> Glyph {
        let mut chars = text.chars();
        let ch = chars.next().unwrap();
        Glyph {
            x,
            y,
            w: 5.0,
            h: 10.0,
            space_before: None,
            ch,
            more: chars.next().map(|_| text.into()),
        }
    }

    /// Lays out a word per (x, y, text), letters 5 units wide.
    fn words(spec: &[(f64, f64, &str)]) -> Vec<Glyph> {
        let mut out = Vec::new();
        for &(x, y, w) in spec {
            for (k, c) in w.chars().enumerate() {
                out.push(g(x + 5.0 * k as f64, y, &c.to_string()));
            }
        }
        out
    }

    #[test]
    fn gaps_become_spaces_without_space_glyphs() {
        let glyphs = words(&[(0.0, 10.0, "Parish"), (33.0, 10.0, "council")]);
        assert_eq!(layout_page(glyphs), "Parish council\n");
    }

    #[test]
    fn tight_letters_stay_one_word() {
        // 0.5-unit gaps between letters (kerning), 10-unit font: well under the word gap.
        let mut glyphs = Vec::new();
        for (k, c) in "provide".chars().enumerate() {
            glyphs.push(g(5.5 * k as f64, 10.0, &c.to_string()));
        }
        assert_eq!(layout_page(glyphs), "provide\n");
    }

    #[test]
    fn lines_are_ordered_top_to_bottom_whatever_the_stream_order() {
        let glyphs = words(&[(0.0, 30.0, "second"), (0.0, 18.0, "first")]);
        assert_eq!(layout_page(glyphs), "first\nsecond\n");
    }

    #[test]
    fn superscript_stays_on_its_line() {
        let mut glyphs = words(&[(0.0, 10.0, "28")]);
        let mut th = words(&[(10.0, 6.5, "th")]);
        for t in &mut th {
            t.h = 6.0;
            t.w = 3.0;
        }
        th[1].x = 13.0;
        glyphs.extend(th);
        glyphs.extend(words(&[(20.0, 10.0, "June")]));
        assert_eq!(layout_page(glyphs), "28th June\n");
    }

    #[test]
    fn columns_are_assigned_as_poppler_does() {
        // "Apologies:" starts under the 13th character of the title line, so it goes in column
        // 12 on its own line, and the names under it follow; alone, a fragment would only need
        // one space after the text to its left.
        let glyphs = words(&[
            (0.0, 10.0, "MINUTESOFTHEMEETING"),
            (0.0, 30.0, "Present:"),
            (60.0, 30.0, "Apologies:"),
            (0.0, 42.0, "Cllr"),
            (60.0, 42.0, "Mr"),
        ]);
        assert_eq!(
            layout_page(glyphs),
            "MINUTESOFTHEMEETING\n\nPresent:    Apologies:\nCllr        Mr\n"
        );
        let alone = words(&[(0.0, 10.0, "Present:"), (100.0, 10.0, "Apologies:")]);
        assert_eq!(layout_page(alone), "Present: Apologies:\n");
    }

    #[test]
    fn letter_spaced_words_are_joined() {
        // "P a g e  1": letters 1 unit apart (0.1 em would be too little to break, 2 would
        // break), a 4-unit gap before the number.
        let mut glyphs = Vec::new();
        let mut x = 0.0;
        for c in ["P", "a", "g", "e"] {
            glyphs.push(g(x, 10.0, c));
            x += 5.0 + 2.0;
        }
        glyphs.push(g(x + 2.0, 10.0, "1"));
        assert_eq!(layout_page(glyphs), "Page 1\n");
    }

    #[test]
    fn overdrawn_text_is_kept_once() {
        let mut glyphs = words(&[(0.0, 10.0, "Bold")]);
        glyphs.extend(words(&[(0.4, 10.0, "Bold")]));
        assert_eq!(layout_page(glyphs), "Bold\n");
    }

    #[test]
    fn vertical_gaps_give_one_newline_per_font_size() {
        // 10-unit font: 12 apart is one line, 24 two (a blank line), 36 three.
        let glyphs = words(&[
            (0.0, 10.0, "one"),
            (0.0, 22.0, "two"),
            (0.0, 46.0, "three"),
            (0.0, 82.0, "four"),
        ]);
        assert_eq!(layout_page(glyphs), "one\ntwo\n\nthree\n\n\nfour\n");
    }

    #[test]
    fn two_column_prose_is_read_column_by_column() {
        let mut spec = Vec::new();
        let left = [
            "alpha one two three",
            "alpha three four five",
            "alpha five six seven",
            "alpha seven eight nine",
            "alpha nine ten eleven",
            "alpha eleven twelve",
            "alpha end",
        ];
        let right = [
            "bravo one two three",
            "bravo three four five",
            "bravo five six seven",
            "bravo seven eight nine",
            "bravo nine ten eleven",
            "bravo eleven twelve",
            "bravo end",
        ];
        let mut owned: Vec<(f64, f64, String)> = Vec::new();
        for (k, (l, r)) in left.iter().zip(right.iter()).enumerate() {
            let y = 10.0 + 12.0 * k as f64;
            let mut x = 0.0;
            for w in l.split(' ') {
                owned.push((x, y, w.to_string()));
                x += 5.0 * w.len() as f64 + 3.0;
            }
            let mut x = 200.0;
            for w in r.split(' ') {
                owned.push((x, y, w.to_string()));
                x += 5.0 * w.len() as f64 + 3.0;
            }
        }
        for (x, y, w) in &owned {
            spec.push((*x, *y, w.as_str()));
        }
        let text = layout_page(words(&spec));
        let a = text.find("alpha end").unwrap();
        let b = text.find("bravo one").unwrap();
        assert!(a < b, "{text}");
        assert!(!text
            .lines()
            .any(|l| l.contains("alpha") && l.contains("bravo")));
    }
}
