//! Golden tests: every top-level `fixtures/*.txt` and `fixtures/*.pdf` against its golden output.
//!
//! For `fixtures/<stem>.<ext>` the record of
//! `parse_bytes(bytes, &Options::with_path("fixtures/<stem>.<ext>"))`, as pretty JSON, must equal
//! `fixtures/<stem>.json`. An input the parser refuses has instead a `fixtures/<stem>.err`
//! holding the error's code and message (`empty-input: ...`). Each record's spans must also pass the span-invariant checker
//! (`tests/common/mod.rs`) against the source text, and its JSON must deserialise back to an
//! equal record.
//!
//! Regenerate the goldens, then review the diff:
//!
//! ```text
//! UPDATE_GOLDEN=1 cargo test --test golden
//! ```
//!
//! All fixtures are checked and every failure is reported together at the end.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    clippy::print_stdout
)]

mod common;

use council_minutes::{parse_bytes, source_text, Document, Options};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const REGENERATE: &str = "UPDATE_GOLDEN=1 cargo test --test golden";

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| !v.is_empty() && v != "0")
}

/// The top-level fixture inputs (`*.txt`, `*.pdf`), sorted by name; subfolders are skipped.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "pdf")))
        .collect();
    out.sort();
    out
}

#[test]
fn span_checker_catches_what_it_should() {
    common::self_test();
}

#[test]
fn fixtures_match_their_goldens() {
    let dir = fixtures_dir();
    let inputs = inputs(&dir);
    assert!(
        !inputs.is_empty(),
        "no fixtures/*.txt or fixtures/*.pdf found in {}",
        dir.display()
    );
    let update = updating();
    let mut failures: Vec<String> = Vec::new();
    let mut written: Vec<String> = Vec::new();

    for input in &inputs {
        let name = input.file_name().unwrap().to_str().unwrap().to_owned();
        if let Err(e) = check_one(&dir, &name, update, &mut written) {
            failures.push(format!("fixtures/{name}:\n  {}", e.trim_start()));
        }
    }
    failures.extend(stale_goldens(&dir, &inputs));

    for w in &written {
        eprintln!("wrote {w}");
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixture(s) failed:\n\n{}\n",
        failures.len(),
        inputs.len(),
        failures.join("\n\n")
    );
}

/// Checks one fixture; `Err` holds everything wrong with it.
fn check_one(
    dir: &Path,
    name: &str,
    update: bool,
    written: &mut Vec<String>,
) -> Result<(), String> {
    let stem = Path::new(name).file_stem().unwrap().to_str().unwrap();
    let json_path = dir.join(format!("{stem}.json"));
    let err_path = dir.join(format!("{stem}.err"));
    let bytes = std::fs::read(dir.join(name)).map_err(|e| format!("cannot read: {e}"))?;
    let options = Options::with_path(format!("fixtures/{name}"));

    let outcome = std::panic::catch_unwind(|| parse_bytes(&bytes, &options))
        .map_err(|p| format!("parse_bytes panicked: {}", panic_message(&*p)))?;
    let doc = match outcome {
        Ok(doc) => doc,
        Err(e) => {
            let got = format!("{}: {e}\n", e.code());
            return compare(&err_path, &json_path, &got, update, written, "error");
        }
    };

    let mut problems = String::new();

    // Span invariants against the text the spans index into.
    match source_text(&bytes, &options) {
        Ok(src) => {
            let errors = common::span_errors(&doc, &src.text, &src.page_starts);
            if !errors.is_empty() {
                let _ = write!(
                    problems,
                    "\n  {} span invariant(s) broken:\n    {}",
                    errors.len(),
                    errors.join("\n    ")
                );
            }
        }
        Err(e) => {
            let _ = write!(
                problems,
                "\n  parse_bytes succeeded but source_text failed: {e}"
            );
        }
    }

    // JSON round-trip: the pretty JSON reads back to an equal record and prints the same.
    let pretty = serde_json::to_string_pretty(&doc).unwrap() + "\n";
    match serde_json::from_str::<Document>(&pretty) {
        Ok(back) => {
            if back != doc {
                let _ = write!(problems, "\n  JSON round-trip changed the record");
            } else if serde_json::to_string_pretty(&back).unwrap() + "\n" != pretty {
                let _ = write!(problems, "\n  JSON round-trip changed the serialised text");
            }
        }
        Err(e) => {
            let _ = write!(
                problems,
                "\n  the record's JSON does not deserialise back: {e}"
            );
        }
    }

    if let Err(e) = compare(&json_path, &err_path, &pretty, update, written, "record") {
        let _ = write!(problems, "\n  {e}");
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Compares `got` with the golden at `want_path` (or writes it when updating). `other_path` is
/// the golden of the other outcome (record vs error), which must not exist.
fn compare(
    want_path: &Path,
    other_path: &Path,
    got: &str,
    update: bool,
    written: &mut Vec<String>,
    what: &str,
) -> Result<(), String> {
    let shown = format!(
        "fixtures/{}",
        want_path.file_name().unwrap().to_str().unwrap()
    );
    let other = format!(
        "fixtures/{}",
        other_path.file_name().unwrap().to_str().unwrap()
    );
    if update {
        let old = std::fs::read_to_string(want_path).ok();
        if old.as_deref() != Some(got) {
            std::fs::write(want_path, got).map_err(|e| format!("cannot write {shown}: {e}"))?;
            written.push(shown.clone());
        }
        if other_path.exists() {
            std::fs::remove_file(other_path).map_err(|e| format!("cannot remove {other}: {e}"))?;
            written.push(format!("{other} (removed)"));
        }
        return Ok(());
    }
    if other_path.exists() {
        return Err(format!(
            "gave a {what} but {other} expects the other outcome; if the change is right, run `{REGENERATE}` and review the diff"
        ));
    }
    let Ok(want) = std::fs::read_to_string(want_path) else {
        return Err(format!(
            "golden {shown} is missing; create it with `{REGENERATE}` and review it before committing"
        ));
    };
    let want = want.replace("\r\n", "\n");
    if want == got {
        return Ok(());
    }
    Err(format!(
        "{what} differs from {shown} (if the change is right, run `{REGENERATE}` and review the diff):\n{}",
        first_difference(&want, got)
    ))
}

/// Goldens (`*.json`, `*.err`) at the top of `fixtures/` whose input is gone.
fn stale_goldens(dir: &Path, inputs: &[PathBuf]) -> Vec<String> {
    let stems: Vec<&str> = inputs
        .iter()
        .map(|p| p.file_stem().unwrap().to_str().unwrap())
        .collect();
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    entries.sort();
    for p in entries {
        let ext = p.extension().and_then(|e| e.to_str());
        if !matches!(ext, Some("json" | "err")) {
            continue;
        }
        let stem = p.file_stem().unwrap().to_str().unwrap();
        if !stems.contains(&stem) {
            out.push(format!(
                "fixtures/{}: golden without an input (no fixtures/{stem}.txt or .pdf); delete it",
                p.file_name().unwrap().to_str().unwrap()
            ));
        }
    }
    out
}

/// The first differing line of two texts, with a little context, as a readable diff excerpt.
fn first_difference(want: &str, got: &str) -> String {
    let w: Vec<&str> = want.lines().collect();
    let g: Vec<&str> = got.lines().collect();
    let at = w
        .iter()
        .zip(&g)
        .position(|(a, b)| a != b)
        .unwrap_or(w.len().min(g.len()));
    let from = at.saturating_sub(3);
    let mut out = String::new();
    for (i, line) in w.iter().enumerate().take(at).skip(from) {
        let _ = writeln!(out, "    {:>5}   {line}", i + 1);
    }
    for (i, line) in w.iter().enumerate().skip(at).take(6) {
        let _ = writeln!(out, "    {:>5} - {line}", i + 1);
    }
    for (i, line) in g.iter().enumerate().skip(at).take(6) {
        let _ = writeln!(out, "    {:>5} + {line}", i + 1);
    }
    let _ = write!(
        out,
        "    (golden {} lines, got {} lines; first difference at line {})",
        w.len(),
        g.len(),
        at + 1
    );
    out
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "(non-string panic payload)".to_owned()
    }
}
