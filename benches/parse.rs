//! Throughput of `parse_str` beside a baseline measured in the same run.
//!
//! Inputs, read at bench time:
//! - `input_1x`: every top-level `fixtures/*.txt`, concatenated; `input_10x`: the same
//!   concatenation repeated ten times;
//! - `each_1x`: the same fixtures as `input_1x`, each parsed as a document of its own (one
//!   `parse_str` call each, timed together), as a batch of small documents is read: set beside
//!   `input_1x`, it shows the cost that every document pays whatever its size;
//! - `distinct_1x` / `distinct_10x` (only where `../shared/corpus/pdf/text/` exists): the first
//!   `input_1x`-many and ten times as many bytes of that corpus's texts, concatenated. Repeated
//!   text can hide a quadratic path (ten copies add no new distinct lines) or trip
//!   repetition-based furniture detection; these inputs grow with new text.
//!
//! Each group runs, over the same bytes:
//! - `newline_count`: a plain newline count (`memchr`), the machine's floor for touching
//!   every byte;
//! - `lines_trim`: `str::lines()` with `trim()` on each line, the least any line-based
//!   parser does;
//! - `parse_str`: the whole parse.
//!
//! Reading the figures (throughput is in bytes; criterion prints MiB/s or GiB/s):
//! - parse cost against the baseline: within one group, `parse_str` MiB/s ÷ `newline_count`
//!   MiB/s is the share of the machine's byte-scanning speed the parser keeps. The bar is
//!   `parse_str` ≥ 100 MB/s (≈ 95 MiB/s).
//! - scaling: `*_10x/parse_str` time ÷ `*_1x/parse_str` time must be ≤ 12 (linear is 10);
//!   put otherwise, the 10x throughput must be at least 10/12 of the 1x throughput. The
//!   baselines' own 10x/1x ratio shows how much of any drift is the machine (caches).
//! - before measuring, the bench prints the shape of each input's record (meetings, items,
//!   parts); a 10x record without about ten times the items of the 1x one means the parser
//!   did less work per byte there, and the scaling ratio flatters it.
//!
//! `cargo bench --bench parse` takes about a minute and a half;
//! `cargo bench --bench parse -- parse_str` runs the parser only.

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
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The files with extension `ext` directly in `dir`, sorted by name.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == ext))
        .collect();
    paths.sort();
    paths
}

/// The files' texts joined by a blank line (lossily: invalid UTF-8 still adds its bytes).
fn concat(paths: &[PathBuf]) -> String {
    let mut out = String::new();
    for p in paths {
        let bytes = std::fs::read(p).unwrap();
        out.push_str(&String::from_utf8_lossy(&bytes));
        out.push_str("\n\n");
    }
    out
}

/// The first `n` bytes of `text` or a little less, cut after a newline.
fn prefix(text: &str, n: usize) -> Option<&str> {
    if text.len() < n {
        return None;
    }
    let n = (0..=n)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let cut = text[..n].rfind('\n').map_or(n, |i| i + 1);
    Some(&text[..cut])
}

/// One line on what the parser made of `text`, to tell whether two inputs did like work.
fn shape(name: &str, text: &str) {
    match parse_str(text, &Options::default()) {
        Ok(d) => {
            let items: Vec<_> = d.meetings.iter().flat_map(|m| &m.items).collect();
            let parts: usize = items
                .iter()
                .map(|i| i.resolutions.len() + i.decision.len() + i.recommendations.len())
                .sum();
            eprintln!(
                "{name}: {} bytes -> kind {:?}, {} meetings, {} items, {parts} parts, {} diagnostics",
                text.len(),
                d.kind,
                d.meetings.len(),
                items.len(),
                d.diagnostics.len()
            );
        }
        Err(e) => eprintln!("{name}: {} bytes -> error {e}", text.len()),
    }
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let one = concat(&files(&root.join("fixtures"), "txt"));
    if one.trim().is_empty() {
        eprintln!("no fixtures/*.txt to benchmark");
        return;
    }
    let ten = one.repeat(10);
    let corpus = concat(&files(&root.join("../shared/corpus/pdf/text"), "txt"));
    let mut inputs: Vec<(&str, &str)> = vec![("input_1x", &one), ("input_10x", &ten)];
    match (prefix(&corpus, one.len()), prefix(&corpus, ten.len())) {
        (Some(a), Some(b)) => {
            inputs.push(("distinct_1x", a));
            inputs.push(("distinct_10x", b));
        }
        _ => eprintln!("../shared/corpus/pdf/text not found or too small: distinct_* skipped"),
    }
    for (name, text) in &inputs {
        shape(name, text);
    }

    let options = Options::default();
    for (name, text) in inputs {
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
                black_box(text)
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

    // the same bytes as `input_1x`, parsed as the documents they are, one call each: what a
    // batch of small documents costs per byte beside one long text
    let docs: Vec<String> = files(&root.join("fixtures"), "txt")
        .iter()
        .map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned())
        .collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    eprintln!("each_1x: {} documents, {bytes} bytes", docs.len());
    let mut g = c.benchmark_group("each_1x");
    g.throughput(Throughput::Bytes(bytes as u64))
        .sampling_mode(SamplingMode::Flat)
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    g.bench_function("newline_count", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| memchr::memchr_iter(b'\n', black_box(d.as_bytes())).count())
                .sum::<usize>()
        });
    });
    g.bench_function("parse_str", |b| {
        b.iter(|| {
            docs.iter()
                .filter_map(|d| parse_str(black_box(d), &options).ok())
                .map(|d| d.meetings.len())
                .sum::<usize>()
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
