//! The shared PDF corpus (`../shared/corpus/pdf`, beside the project): every file gives a record
//! or the clean error its gold file expects (`expect`), nothing panics, every span of a record
//! carries a page, and the text we extract matches poppler's `pdftotext -layout` (kept in
//! `text/`) with a word-overlap F1 of at least 0.95.
//!
//! Skipped, with a message, when the corpus is not there. Run with `--nocapture` to see the F1
//! table; `MINUTES_CORPUS_ONLY=043` limits the run to matching file names.
//!
//! The 388-page report (043) takes about 40 s in a debug build (pdf-extract and lopdf are
//! unoptimised there) and well under 2 s in release, so in debug builds it has a test of its
//! own that is ignored: `cargo test --release --test pdf_corpus` runs everything, and
//! `cargo test --test pdf_corpus -- --ignored` runs it in debug anyway.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)]

use council_minutes::{parse_pdf, source_text, Options};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;
use unicode_normalization::UnicodeNormalization;

/// The refusals the corpus holds, by file number, and the code each must get.
const EXPECTED_ERRORS: &[(&str, &str)] = &[
    ("007", "pdf-no-text-layer"), // every glyph drawn as outlines
    ("009", "pdf-no-text-layer"), // scanned pages
    ("011", "not-a-pdf"),         // a PostScript print job named .pdf
    ("031", "pdf-no-text-layer"), // page images only
    ("037", "not-a-pdf"),         // an HTML "302 Found" page named .pdf
    ("038", "pdf-encrypted"),     // a user password we do not have
];

/// Files too slow for a debug build (see the module doc).
const SLOW_IN_DEBUG: &[&str] = &["043"];

/// Word-overlap F1 floor against pdftotext for files with a text layer.
const MIN_F1: f64 = 0.95;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pdf");
    dir.join("gold").is_dir().then_some(dir)
}

/// Lowercased NFKC tokens: runs of letters and digits, each CJK character on its own.
fn tokens(s: &str) -> HashMap<String, usize> {
    let s: String = s.nfkc().collect::<String>().to_lowercase();
    let mut out = HashMap::new();
    let mut cur = String::new();
    for c in s.chars() {
        let cjk = matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}');
        if cjk || !c.is_alphanumeric() {
            if !cur.is_empty() {
                *out.entry(std::mem::take(&mut cur)).or_insert(0) += 1;
            }
            if cjk {
                *out.entry(c.to_string()).or_insert(0) += 1;
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        *out.entry(cur).or_insert(0) += 1;
    }
    out
}

/// Bag-of-words F1 of `ours` against `reference`, with both token counts.
fn f1(ours: &str, reference: &str) -> (f64, usize, usize) {
    let (a, b) = (tokens(ours), tokens(reference));
    let na: usize = a.values().sum();
    let nb: usize = b.values().sum();
    let common: usize = a
        .iter()
        .map(|(k, v)| (*v).min(b.get(k).copied().unwrap_or(0)))
        .sum();
    if na + nb == 0 {
        return (1.0, 0, 0);
    }
    (2.0 * common as f64 / (na + nb) as f64, na, nb)
}

/// Every `span` object in a record's JSON.
fn spans(v: &serde_json::Value, out: &mut Vec<serde_json::Value>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                if k == "span" && x.is_object() {
                    out.push(x.clone());
                }
                spans(x, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| spans(x, out)),
        _ => {}
    }
}

#[derive(Debug)]
struct Row {
    name: String,
    outcome: Result<(), String>,
    line: String,
}

fn check(path: &Path, dir: &Path) -> Row {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let stem = name.trim_end_matches(".pdf");
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("gold").join(format!("{stem}.gold.json"))).unwrap(),
    )
    .unwrap();
    let expect = gold["expect"].as_str().unwrap_or("record").to_owned();
    let bytes = std::fs::read(path).unwrap();
    let options = Options::with_path(path.to_string_lossy());
    let start = Instant::now();
    let run =
        std::panic::catch_unwind(|| (source_text(&bytes, &options), parse_pdf(&bytes, &options)));
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let Ok((text, record)) = run else {
        return Row {
            name,
            outcome: Err("a panic escaped".into()),
            line: String::new(),
        };
    };
    let number = &name[..3];
    let expected_code = EXPECTED_ERRORS
        .iter()
        .find(|(n, _)| *n == number)
        .map(|(_, c)| *c);
    match (expect.as_str(), record) {
        ("error", Ok(_)) => Row {
            name,
            outcome: Err("expected a clean error, got a record".into()),
            line: String::new(),
        },
        ("error", Err(e)) => {
            let ok = match expected_code {
                Some(code) => e.code() == code,
                None => !matches!(
                    e.code(),
                    "pdf-extractor-failed" | "timeout" | "memory-limit"
                ),
            };
            let line = format!(
                "{name:<62} {:>5} {:>7} {:>7} {:>7} {:>8.0}  error {}",
                "-",
                "-",
                "-",
                "-",
                ms,
                e.code()
            );
            Row {
                name,
                outcome: if ok {
                    Ok(())
                } else {
                    Err(format!("wrong refusal: {} ({e})", e.code()))
                },
                line,
            }
        }
        (_, Err(e)) => Row {
            name,
            outcome: Err(format!("expected a record, got {}: {e}", e.code())),
            line: String::new(),
        },
        (_, Ok(doc)) => {
            let src = match text {
                Ok(src) => src,
                Err(e) => {
                    return Row {
                        name,
                        outcome: Err(format!("record but no text: {e}")),
                        line: String::new(),
                    }
                }
            };
            let mut problems = Vec::new();
            // Every span points into the text and carries its page.
            let json = serde_json::to_value(&doc).unwrap();
            let mut all = Vec::new();
            spans(&json, &mut all);
            let pages = src.page_starts.len() as u64;
            for s in &all {
                let (a, b) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
                let page = s["page"].as_u64();
                if a > b
                    || b as usize > src.text.len()
                    || !page.is_some_and(|p| (1..=pages).contains(&p))
                {
                    problems.push(format!("bad span {s}"));
                    break;
                }
            }
            let reference = std::fs::read_to_string(dir.join("text").join(format!("{stem}.txt")))
                .unwrap_or_default();
            let (score, ours, theirs) = f1(&src.text, &reference);
            if theirs >= 20 && score < MIN_F1 {
                problems.push(format!(
                    "word F1 {score:.3} against pdftotext is under {MIN_F1}"
                ));
            }
            let line = format!(
                "{name:<62} {pages:>5} {ours:>7} {theirs:>7} {score:>7.3} {ms:>8.0}  {}",
                src.extractor.as_deref().unwrap_or("-")
            );
            Row {
                name,
                outcome: if problems.is_empty() {
                    Ok(())
                } else {
                    Err(problems.join("; "))
                },
                line,
            }
        }
    }
}

#[test]
fn every_corpus_pdf_gives_a_record_or_its_expected_refusal() {
    let skip: &[&str] = if cfg!(debug_assertions) {
        SLOW_IN_DEBUG
    } else {
        &[]
    };
    run(|name| !skip.iter().any(|n| name.starts_with(n)));
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "40 s in a debug build; runs in release (cargo test --release --test pdf_corpus)"
)]
fn the_388_page_report_in_a_debug_build() {
    if cfg!(debug_assertions) {
        run(|name| SLOW_IN_DEBUG.iter().any(|n| name.starts_with(n)));
    }
}

fn run(select: impl Fn(&str) -> bool + Sync) {
    let Some(dir) = corpus() else {
        eprintln!("skipped: the shared PDF corpus (../shared/corpus/pdf) is not here");
        return;
    };
    let only = std::env::var("MINUTES_CORPUS_ONLY").unwrap_or_default();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .filter(|p| p.to_string_lossy().contains(&only))
        .filter(|p| select(&p.file_name().unwrap().to_string_lossy()))
        .collect();
    files.sort();
    // Largest first, spread over the cores.
    files.sort_by_key(|p| std::cmp::Reverse(std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)));
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 4);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let rows = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                let row = check(path, &dir);
                rows.lock().unwrap().push(row);
            });
        }
    });
    let mut rows = rows.into_inner().unwrap();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    println!(
        "{:<62} {:>5} {:>7} {:>7} {:>7} {:>8}  extractor",
        "file", "pages", "words", "pdftxt", "F1", "ms"
    );
    for r in &rows {
        println!("{}", r.line);
    }
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|r| r.outcome.as_ref().err().map(|e| format!("{}: {e}", r.name)))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
