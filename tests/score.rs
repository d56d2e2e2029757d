//! Accuracy bars: parses the shared corpora and scores them with `../shared/tools/score.py`.
//!
//! - the seed (`../shared/corpus/seed/*.txt` against `seed/gold`): overall 1.000;
//! - the PDF corpus's text (`../shared/corpus/pdf/text/*.txt` against `pdf/gold`): overall
//!   ≥ 0.70 and resolutions F1 ≥ 0.70.
//!
//! Each test writes the records as JSON Lines to `$CARGO_TARGET_TMPDIR/score-<corpus>.jsonl` (each record's `source.path`
//! is the input path as given, so the scorer matches it to its gold file by stem), prints the
//! scorer's table (run with `--nocapture` to see it when passing) and checks the bars on the
//! scorer's `--json` figures. When `../shared` or `python3` is absent the tests say so and pass.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    clippy::print_stdout
)]

use council_minutes::{parse_bytes, Options};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `../shared` as seen from the package root, the way the corpus paths are written.
const SHARED: &str = "../shared";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Why the scorer cannot run here, if it cannot.
fn unavailable() -> Option<String> {
    let score = root().join(SHARED).join("tools/score.py");
    if !score.is_file() {
        return Some(format!("{} not found", score.display()));
    }
    match Command::new("python3").arg("--version").output() {
        Ok(out) if out.status.success() => None,
        Ok(out) => Some(format!("python3 --version failed: {}", out.status)),
        Err(e) => Some(format!("python3 not runnable: {e}")),
    }
}

/// The `*.txt` files directly in `dir` (relative to the package root), sorted, as relative paths.
fn texts(dir: &str) -> Vec<String> {
    let full = root().join(dir);
    let mut names: Vec<String> = std::fs::read_dir(&full)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", full.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.file_name().unwrap().to_str().unwrap().to_owned())
        .collect();
    names.sort();
    names.into_iter().map(|n| format!("{dir}/{n}")).collect()
}

/// Parses every input into one JSON Lines file; inputs that fail are reported and left out
/// (the scorer counts them as missing).
fn write_jsonl(inputs: &[String], out: &Path) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(out).unwrap());
    for rel in inputs {
        let bytes = std::fs::read(root().join(rel)).unwrap();
        match parse_bytes(&bytes, &Options::with_path(rel.clone())) {
            Ok(doc) => {
                serde_json::to_writer(&mut file, &doc).unwrap();
                file.write_all(b"\n").unwrap();
            }
            Err(e) => eprintln!("{rel}: no record ({}: {e})", e.code()),
        }
    }
    file.flush().unwrap();
}

/// Runs the scorer with extra `args`; returns its stdout.
fn score(gold: &str, pred: &Path, args: &[&str]) -> String {
    let out = Command::new("python3")
        .current_dir(root())
        .arg(format!("{SHARED}/tools/score.py"))
        .args(["--gold", gold])
        .arg("--pred")
        .arg(pred)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "score.py failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Parses `inputs`, prints the scorer's table, and returns its `--json` figures.
fn run(label: &str, inputs: &[String], gold: &str) -> serde_json::Value {
    assert!(!inputs.is_empty(), "{label}: no inputs found");
    // Cargo's scratch folder for integration tests; one file per corpus, kept for a look.
    let file: String = label
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let pred: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("score-{file}.jsonl"));
    write_jsonl(inputs, &pred);
    let table = score(gold, &pred, &["--per-doc"]);
    println!("== {label}: {} inputs, gold {gold}\n{table}", inputs.len());
    let json = score(gold, &pred, &["--json"]);
    serde_json::from_str(&json).unwrap()
}

/// A figure from the scorer's JSON; a missing or null figure counts as 0.
fn figure(v: &serde_json::Value, key: &str) -> f64 {
    v.get(key)
        .and_then(serde_json::Value::as_f64)
        .unwrap_or(0.0)
}

/// Fails listing every bar that `figures` misses.
fn check_bars(label: &str, figures: &serde_json::Value, bars: &[(&str, f64)]) {
    // Tolerates float rounding only: a bar of 1.0 means every figure is perfect.
    const EPS: f64 = 1e-9;
    let missed: Vec<String> = bars
        .iter()
        .filter(|(key, bar)| figure(figures, key) < bar - EPS)
        .map(|(key, bar)| format!("{key} {:.3} < {bar:.3}", figure(figures, key)))
        .collect();
    assert!(
        missed.is_empty(),
        "{label}: below the bar: {} (figures: {figures})",
        missed.join(", ")
    );
}

#[test]
fn seed_scores_perfectly() {
    if let Some(why) = unavailable() {
        eprintln!("skipping the seed score: {why}");
        return;
    }
    let inputs = texts(&format!("{SHARED}/corpus/seed"));
    let figures = run("seed", &inputs, &format!("{SHARED}/corpus/seed/gold"));
    check_bars("seed", &figures, &[("overall", 1.0)]);
}

/// The bars: overall ≥ 0.70 and resolutions F1 ≥ 0.70.
#[test]
fn pdf_corpus_text_meets_the_bars() {
    pdf_corpus_text_at_least(0.70, 0.70);
}

/// A floor at the level reached so far (0.887 overall, 0.838 resolutions when last raised, in
/// session 10), so that a change which loses ground fails CI. Raise it as the grammar
/// improves; never lower it.
#[test]
fn pdf_corpus_text_holds_its_ground() {
    pdf_corpus_text_at_least(0.88, 0.83);
}

fn pdf_corpus_text_at_least(overall: f64, resolutions: f64) {
    if let Some(why) = unavailable() {
        eprintln!("skipping the PDF corpus score: {why}");
        return;
    }
    let dir = format!("{SHARED}/corpus/pdf/text");
    if !root().join(&dir).is_dir() {
        eprintln!("skipping the PDF corpus score: {dir} not found");
        return;
    }
    let inputs = texts(&dir);
    let figures = run(
        "pdf corpus text",
        &inputs,
        &format!("{SHARED}/corpus/pdf/gold"),
    );
    check_bars(
        "pdf corpus text",
        &figures,
        &[("overall", overall), ("resolutions", resolutions)],
    );
}
