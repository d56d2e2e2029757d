//! Linear time on pathological shapes: `parse_str` time per MB at 1 MB and at 50 MB.
//!
//! Inputs, generated here:
//! - `single_line`: prose with minutes vocabulary (dates, money, labels, votes, "RESOLVED") and
//!   no line end at all — a 50 MB line is what a broken export or a minified page gives;
//! - `many_lines`: minutes (meetings of 500 items) with a numbered item every few lines,
//!   resolutions with lettered parts, votes, amounts and bullets, about 50 bytes a line;
//! - `outline_items`: one meeting of outline-numbered items (`1.1` ... `999.n`, n growing with
//!   the size), so the number of items in one meeting grows with the input (choosing the
//!   headings was quadratic in it until session 7). It misses the bar: 22.8 ms/MB at 1 MB and
//!   40.1 at 50 MB, ratio 1.76 (session 8; 30.4 and 54.9, 1.81, in session 7, before an item's
//!   paragraphs shared one text buffer and outline keys were held inline). That is memory, not
//!   a search: 50 MB is 1.47 million
//!   items of 34 bytes in one meeting, whose record holds about 1.4 GB (the `minutes` binary's
//!   peak), and the cost per MB grows with the working set (33.8, 43.1, 51.2, 58.5 ms/MB at 1,
//!   4, 16, 50 MB before the taken-number set hashed with FxHash), where the other shapes
//!   hold a few hundred items a meeting. Fewer allocations per item (an item's strings and
//!   vectors, a heading's number and prefix) would move it further;
//! - `many_meetings`: meetings of one item each, as many as the size gives (finding where
//!   meetings start was quadratic in their number until session 7).
//!
//! The bar: for each shape, time per MB at 50 MB is within 1.5× of time per MB at 1 MB. Before
//! criterion runs, the bench times each input directly (best of three) and prints ms/MB and that
//! ratio; criterion then reports throughput (MiB/s) for each, where the same ratio reads as
//! 1 MB throughput ÷ 50 MB throughput.
//!
//! - `one_long_numbering`: the `many_lines` text with items numbered past 999, where no line
//!   starts an item any more and everything after item 999 is one item of megabytes. (Once
//!   superlinear, 48.9 ms/MB at 1 MB against 183 at 10 MB, and printed apart; by session 7 it
//!   was linear, 50 ms/MB at 1 MB and 43 at 50 MB with the `minutes` binary, so it is a shape.)
//!
//! `cargo bench --bench pathological` takes about five minutes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    clippy::print_stdout,
    missing_debug_implementations
)]

use council_minutes::{parse_str, Options};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use std::hint::black_box;
use std::time::{Duration, Instant};

const MB: usize = 1_000_000;

/// About `bytes` of prose on one line.
fn single_line(bytes: usize) -> String {
    const SENTENCE: &str = "The Council noted the report on 20 June 2012 (a) that £163,000 be \
                            approved; For: 5 Against: 2 Abstain: 1. RESOLVED – That it be noted. ";
    let mut s = SENTENCE.repeat(bytes / SENTENCE.len() + 1);
    let mut end = bytes.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

/// About `bytes` of minutes on many lines: meetings of 500 items each (item numbers stay
/// within the three digits the grammar reads as item numbers), every item distinct.
fn many_lines(bytes: usize) -> String {
    many_lines_numbered(bytes, 500)
}

/// The same, with items numbered 1, 2, … without end: past 999 no line starts an item, so
/// everything after item 999 is one item of megabytes.
fn one_long_numbering(bytes: usize) -> String {
    many_lines_numbered(bytes, usize::MAX)
}

fn many_lines_numbered(bytes: usize, per_meeting: usize) -> String {
    let mut s = String::new();
    let mut n = 0;
    while s.len() < bytes {
        if n % per_meeting == 0 {
            s.push_str("Minutes of a meeting of the Cabinet held on 20 June 2012\n\n");
        }
        n += 1;
        let k = (n - 1) % per_meeting + 1;
        s.push_str(&format!(
            "{k}. Budget monitoring report {n}\n\
             The Portfolio Holder for Finance stated that the budget was balanced.\n\
             • Concerns were raised about parking.\n\
             RESOLVED – That Cabinet:\n\
             (a) approve the spend of £{n},000 for 2013/14;\n\
             (b) note the report.\n\
             For: 5 Against: 2 Abstain: 1\n\n"
        ));
    }
    s
}

/// About `bytes` of one meeting of outline-numbered items, `i.j` for `i` up to 999 (the grammar
/// reads three digits) and `j` as far as the size needs.
fn outline_items(bytes: usize) -> String {
    const PER_ITEM: usize = 34;
    let per_top = (bytes / PER_ITEM / 999).max(1);
    let mut s = String::from("Minutes of a meeting of the Cabinet held on 20 June 2012\n\n");
    'all: for i in 1..=999 {
        for j in 1..=per_top {
            s.push_str(&format!("{i}.{j} Planning application {i}/{j}\n\n"));
            if s.len() >= bytes {
                break 'all;
            }
        }
    }
    s
}

/// About `bytes` of meetings of one item each.
fn many_meetings(bytes: usize) -> String {
    let mut s = String::new();
    let mut n = 0;
    while s.len() < bytes {
        n += 1;
        s.push_str(&format!(
            "Minutes of a meeting of the Parish Council held on {} June 2012\n\n\
             1. Apologies\n\nNone.\n\n",
            1 + n % 28
        ));
    }
    s
}

/// Milliseconds per MB of one parse of `text`, the best of three.
fn ms_per_mb(text: &str) -> f64 {
    let options = Options::default();
    let best = (0..3)
        .map(|_| {
            let t = Instant::now();
            black_box(parse_str(black_box(text), &options).unwrap());
            t.elapsed()
        })
        .min()
        .unwrap();
    best.as_secs_f64() * 1e3 / (text.len() as f64 / MB as f64)
}

/// An input shape: its name and a maker of about that many bytes of it.
type Shape = (&'static str, fn(usize) -> String);

fn bench(c: &mut Criterion) {
    let shapes: [Shape; 5] = [
        ("single_line", single_line),
        ("many_lines", many_lines),
        ("outline_items", outline_items),
        ("many_meetings", many_meetings),
        ("one_long_numbering", one_long_numbering),
    ];
    for (name, make) in shapes {
        let small = make(MB);
        let large = make(50 * MB);
        let (a, b) = (ms_per_mb(&small), ms_per_mb(&large));
        eprintln!(
            "{name}: {a:.2} ms/MB at 1 MB, {b:.2} ms/MB at 50 MB: ratio {:.2} (bar: < 1.5)",
            b / a
        );

        let mut group = c.benchmark_group(name);
        group
            .sampling_mode(SamplingMode::Flat)
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(5));
        for (size, text) in [("1MB", &small), ("50MB", &large)] {
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_function(size, |b| {
                b.iter(|| parse_str(black_box(text), &Options::default()).unwrap())
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
