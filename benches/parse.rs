//! Throughput of `parse_str` beside a baseline measured in the same run.
//!
//! Input: every top-level `fixtures/*.txt`, read at bench time and concatenated (`1x`), and the
//! same concatenation repeated ten times (`10x`). Each group runs, over the same bytes:
//!
//! - `newline_count`: a plain newline count (`memchr`), the machine's floor for touching
//!   every byte;
//! - `lines_trim`: `str::lines()` with `trim()` on each line, the least any line-based
//!   parser does;
//! - `parse_str`: the whole parse.
//!
//! Reading the figures (throughput is in bytes; criterion prints MiB/s or GiB/s):
//!
//! - parse cost against the baseline: within one group, `newline_count` time ÷ `parse_str`
//!   time (equivalently `parse_str` MiB/s ÷ `newline_count` MiB/s) is the share of the
//!   machine's byte-scanning speed the parser keeps. The bar is `parse_str` ≥ 100 MB/s.
//! - scaling: `input_10x/parse_str` time ÷ `input_1x/parse_str` time must be ≤ 12 (linear is
//!   10); put otherwise, the 10x throughput must be at least 10/12 of the 1x throughput. The
//!   baselines' own 10x/1x ratio shows how much of any drift is the machine (caches), not
//!   the parser.
//!
//! `cargo bench --bench parse` takes about a minute; `cargo bench --bench parse -- parse_str`
//! runs the parser only.

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
use std::path::Path;
use std::time::Duration;

/// All top-level `fixtures/*.txt`, sorted by name and joined by a blank line.
fn fixtures() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut out = String::new();
    for p in paths {
        // Lossy: a fixture of invalid UTF-8 still adds its bytes (decoded) to the input.
        let bytes = std::fs::read(&p).unwrap();
        out.push_str(&String::from_utf8_lossy(&bytes));
        out.push_str("\n\n");
    }
    out
}

fn bench(c: &mut Criterion) {
    let one = fixtures();
    if one.trim().is_empty() {
        eprintln!("no fixtures/*.txt to benchmark");
        return;
    }
    let ten = one.repeat(10);
    let options = Options::default();
    eprintln!(
        "input_1x: {} bytes, input_10x: {} bytes",
        one.len(),
        ten.len()
    );

    for (name, text) in [("input_1x", &one), ("input_10x", &ten)] {
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(text.len() as u64))
            .sampling_mode(SamplingMode::Flat)
            .sample_size(20)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3));
        g.bench_function("newline_count", |b| {
            b.iter(|| memchr::memchr_iter(b'\n', black_box(text.as_bytes())).count());
        });
        g.bench_function("lines_trim", |b| {
            b.iter(|| {
                black_box(text.as_str())
                    .lines()
                    .map(|l| l.trim().len())
                    .sum::<usize>()
            });
        });
        g.bench_function("parse_str", |b| {
            b.iter(|| parse_str(black_box(text), &options).map(|d| d.meetings.len()));
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
