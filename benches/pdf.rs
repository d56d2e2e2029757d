//! PDF throughput in pages per second: our extraction and parse beside poppler's `pdftotext`,
//! over the same files in the same run.
//!
//! Inputs: every PDF of `../shared/corpus/pdf/` that has a text layer (the refusals are left
//! out: they cost nothing and hold no pages). Without the corpus the bench says so and exits.
//! `MINUTES_BENCH_ONLY=04` keeps the files whose names contain the string.
//!
//! Each function processes every input once per iteration, one after another on one core,
//! with criterion throughput in elements = pages (criterion prints "Kelem/s" = thousand pages
//! per second):
//! - `source_text`: `council_minutes::source_text` in-process (what `minutes text` prints),
//!   pdftotext fallback as configured by default;
//! - `parse_pdf`: `council_minutes::parse_pdf` in-process (extraction and grammar);
//! - `pdftotext`: `pdftotext -layout -enc UTF-8 FILE -`, one process per file (skipped, with a
//!   message, when poppler-utils is not installed);
//! - `minutes_text` / `minutes_parse`: the `minutes` binary, which extracts each PDF in a
//!   `__pdf-worker` child process: `minutes text FILE` once per file, and `minutes parse -j 1
//!   --jsonl` over all files at once.
//!
//! Before criterion runs, one timed pass of each prints pages/s and the ratio of each to
//! pdftotext (the bars: ≥ 200 pages/s per core for `minutes parse`, and at most 1.5×
//! pdftotext's time). `cargo bench --bench pdf` takes a few minutes;
//! `cargo bench --bench pdf -- source_text` runs one function.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    clippy::print_stdout,
    missing_debug_implementations
)]

use council_minutes::{parse_pdf, source_text, Options};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Input {
    path: PathBuf,
    bytes: Vec<u8>,
    pages: u64,
}

fn inputs() -> Vec<Input> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pdf");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let only = std::env::var("MINUTES_BENCH_ONLY").unwrap_or_default();
    let mut paths: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .filter(|p| p.to_string_lossy().contains(&only))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let bytes = std::fs::read(&path).ok()?;
            let src = source_text(&bytes, &Options::default()).ok()?;
            Some(Input {
                path,
                bytes,
                pages: src.page_starts.len() as u64,
            })
        })
        .collect()
}

fn pdftotext_installed() -> bool {
    Command::new("pdftotext")
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

fn minutes() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_minutes"));
    c.stdout(Stdio::null()).stderr(Stdio::null());
    c
}

fn run_source_text(inputs: &[Input]) {
    for i in inputs {
        let _ = std::hint::black_box(source_text(&i.bytes, &Options::default()));
    }
}

fn run_parse_pdf(inputs: &[Input]) {
    for i in inputs {
        let _ = std::hint::black_box(parse_pdf(&i.bytes, &Options::default()));
    }
}

fn run_pdftotext(inputs: &[Input]) {
    for i in inputs {
        let out = Command::new("pdftotext")
            .args(["-layout", "-enc", "UTF-8", "-q"])
            .arg(&i.path)
            .arg("-")
            .stderr(Stdio::null())
            .output()
            .unwrap();
        std::hint::black_box(out.stdout.len());
    }
}

fn run_minutes_text(inputs: &[Input]) {
    for i in inputs {
        let status = minutes().arg("text").arg(&i.path).status().unwrap();
        assert!(status.success(), "minutes text {}", i.path.display());
    }
}

fn run_minutes_parse(inputs: &[Input]) {
    let status = minutes()
        .args(["parse", "-j", "1", "--jsonl"])
        .args(inputs.iter().map(|i| &i.path))
        .status()
        .unwrap();
    assert!(status.success());
}

type Runner = fn(&[Input]);

fn runners(with_pdftotext: bool) -> Vec<(&'static str, Runner)> {
    let mut r: Vec<(&'static str, Runner)> = vec![
        ("source_text", run_source_text),
        ("parse_pdf", run_parse_pdf),
        ("minutes_text", run_minutes_text),
        ("minutes_parse", run_minutes_parse),
    ];
    if with_pdftotext {
        r.push(("pdftotext", run_pdftotext));
    }
    r
}

/// One timed pass of each runner (best of three), with pages/s and the ratio to pdftotext.
fn summary(inputs: &[Input], with_pdftotext: bool) {
    let pages: u64 = inputs.iter().map(|i| i.pages).sum();
    let best = |f: Runner| {
        (0..3)
            .map(|_| {
                let t = Instant::now();
                f(inputs);
                t.elapsed()
            })
            .min()
            .unwrap_or(Duration::ZERO)
    };
    let times: Vec<(&str, Duration)> = runners(with_pdftotext)
        .into_iter()
        .map(|(name, f)| (name, best(f)))
        .collect();
    let reference = times
        .iter()
        .find(|(n, _)| *n == "pdftotext")
        .map(|(_, t)| t.as_secs_f64());
    println!(
        "\n{} files, {pages} pages; best of 3 runs, one core:",
        inputs.len()
    );
    for (name, t) in &times {
        let secs = t.as_secs_f64();
        let ratio = reference.map_or(String::new(), |r| {
            format!("  {:.2}x pdftotext's time", secs / r)
        });
        println!(
            "  {name:<14} {secs:>7.2} s  {:>6.0} pages/s{ratio}",
            pages as f64 / secs
        );
    }
    println!();
}

fn bench(c: &mut Criterion) {
    let inputs = inputs();
    if inputs.is_empty() {
        eprintln!("skipped: no PDF corpus at ../shared/corpus/pdf");
        return;
    }
    let with_pdftotext = pdftotext_installed();
    if !with_pdftotext {
        eprintln!("pdftotext is not installed (apt-get install poppler-utils): no baseline");
    }
    summary(&inputs, with_pdftotext);
    let pages: u64 = inputs.iter().map(|i| i.pages).sum();
    let mut group = c.benchmark_group("pdf");
    group
        .throughput(Throughput::Elements(pages))
        .sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .warm_up_time(Duration::from_secs(1));
    for (name, f) in runners(with_pdftotext) {
        group.bench_function(name, |b| b.iter(|| f(&inputs)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
