//! Runs the `minutes` binary and checks its stdout/stderr/exit-code contracts.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "cli_support/mod.rs"]
mod support;

use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use support::pdf;

const SEED: &str = "fixtures/newcastle-under-lyme_cabinet_2012-06-20_item5.txt";

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED)
}

fn minutes() -> Command {
    Command::new(env!("CARGO_BIN_EXE_minutes"))
}

fn run(args: &[&str]) -> Output {
    minutes().args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn one_input_gives_pretty_json() {
    let path = seed();
    let out = run(&["parse", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("{\n  \""), "not pretty: {text:.40}");
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["source"]["path"], path.to_str().unwrap());
    assert_eq!(doc["source"]["format"], "text");
    assert_eq!(doc["id"], doc["source"]["sha256"]);
    assert_eq!(doc["id"].as_str().unwrap().len(), 64);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn several_inputs_give_json_lines_in_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", b"Minutes of a meeting of the Cabinet held on 20 June 2012\n\n5. Budget\nRESOLVED - That the report be noted.\n");
    let b = seed();
    let out = run(&["parse", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = json_lines(&stdout(&out));
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["source"]["path"], a.to_str().unwrap());
    assert_eq!(docs[1]["source"]["path"], b.to_str().unwrap());
}

#[test]
fn jsonl_flag_gives_one_line_for_one_input() {
    let path = seed();
    let out = run(&["parse", "--jsonl", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1);
    assert_eq!(json_lines(&text)[0]["schema_version"], 1);
}

#[test]
fn dash_reads_stdin_and_records_a_null_path() {
    let bytes = std::fs::read(seed()).unwrap();
    let mut child = minutes()
        .args(["parse", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["source"]["path"], Value::Null);
    assert_eq!(doc["source"]["bytes"], bytes.len());
}

#[test]
fn failed_inputs_are_named_on_stderr_and_the_rest_still_written() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.txt", b"");
    let missing = dir.path().join("no-such-file.txt");
    let good = seed();
    let errors = dir.path().join("errors.jsonl");
    let out = run(&[
        "parse",
        empty.to_str().unwrap(),
        good.to_str().unwrap(),
        missing.to_str().unwrap(),
        "--errors",
        errors.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let docs = json_lines(&stdout(&out));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["source"]["path"], good.to_str().unwrap());
    let err = stderr(&out);
    assert!(
        err.contains(&format!("minutes: {}: ", empty.display())),
        "{err}"
    );
    assert!(err.contains("[empty-input]"), "{err}");
    assert!(
        err.contains(&format!("minutes: {}: ", missing.display())),
        "{err}"
    );
    let records = json_lines(&std::fs::read_to_string(&errors).unwrap());
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["type"], "error");
    assert_eq!(records[0]["path"], empty.to_str().unwrap());
    assert_eq!(records[0]["code"], "empty-input");
    assert_eq!(
        records[0]["sha256"],
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(records[1]["path"], missing.to_str().unwrap());
    assert_eq!(records[1]["sha256"], Value::Null);
    assert!(records[1]["message"].as_str().unwrap().len() > 5);
}

#[test]
fn binary_junk_is_an_error_not_a_record() {
    let dir = tempfile::tempdir().unwrap();
    let junk = write(dir.path(), "junk.bin", &[0u8, 1, 2, 3, 0, 0, 0, 5, 6, 7]);
    let out = run(&["parse", junk.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("junk.bin"), "{}", stderr(&out));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["no-such-command"]).status.code(), Some(2));
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["parse"]).status.code(), Some(2));
    assert_eq!(
        run(&["parse", "--no-such-flag", SEED]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["parse", "-", "-"]).status.code(), Some(2));
}

#[test]
fn schema_is_json_with_properties() {
    let out = run(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let schema: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let props = schema["properties"].as_object().unwrap();
    for key in [
        "schema_version",
        "id",
        "source",
        "kind",
        "meetings",
        "diagnostics",
    ] {
        assert!(props.contains_key(key), "missing {key}");
    }
}

#[test]
fn text_prints_a_utf8_input_verbatim() {
    let dir = tempfile::tempdir().unwrap();
    let bytes =
        "\u{feff}Minutes\r\nPresent:\u{a0}Cllr \u{201c}A\u{201d} Smith\r\n\r\n  \n£163,000\n";
    let path = write(dir.path(), "bom-crlf.txt", bytes.as_bytes());
    let out = run(&["text", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(out.stdout, bytes.as_bytes());

    let seed_bytes = std::fs::read(seed()).unwrap();
    let out = run(&["text", seed().to_str().unwrap()]);
    assert_eq!(out.stdout, seed_bytes);
}

#[test]
fn text_of_an_unreadable_input_fails_with_its_name() {
    let out = run(&["text", "/no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("/no/such/file.txt"));
}

#[test]
fn output_file_is_written_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.json");
    let out = run(&[
        "parse",
        seed().to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(doc["schema_version"], 1);
    // No temporary file is left beside the target.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("out.json")]);
}

#[test]
fn output_into_a_missing_directory_fails_cleanly() {
    let out = run(&["parse", SEED, "-o", "/no/such/dir/out.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("minutes: error: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn closed_stdout_stops_quietly() {
    let seed = seed();
    let mut args = vec!["parse".to_owned()];
    args.extend(std::iter::repeat_n(seed.to_str().unwrap().to_owned(), 2000));
    let mut child = minutes()
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.code().is_some(), "killed by a signal");
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

const PDF_LINES: &[&str] = &[
    "Minutes of a meeting of the Cabinet held on 20 June 2012",
    "5. Budget",
    "RESOLVED - That the report be noted.",
];

#[test]
fn a_pdf_gives_a_record_whose_spans_index_into_minutes_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "cabinet.pdf", &pdf(PDF_LINES));
    let out = run(&["parse", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["source"]["format"], "pdf");
    assert_eq!(doc["source"]["pages"], 1);

    let text = run(&["text", path.to_str().unwrap()]);
    assert_eq!(text.status.code(), Some(0), "{}", stderr(&text));
    let text = stdout(&text);
    assert!(text.contains("RESOLVED"), "{text}");
    // Every item's span, taken from the record, cuts its text out of what `minutes text` printed.
    let mut checked = 0;
    for meeting in doc["meetings"].as_array().unwrap() {
        for item in meeting["items"].as_array().unwrap() {
            let span = &item["span"];
            let (start, end) = (
                span["start"].as_u64().unwrap() as usize,
                span["end"].as_u64().unwrap() as usize,
            );
            let cut: String = text[start..end].split_whitespace().collect();
            let want: String = item["text"].as_str().unwrap().split_whitespace().collect();
            assert!(cut.contains(&want), "{cut:?} does not hold {want:?}");
            assert_eq!(span["page"], 1);
            checked += 1;
        }
    }
    assert!(checked > 0, "no items in {doc}");
}

#[test]
fn broken_pdfs_are_refused_by_name_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let good = pdf(PDF_LINES);
    let truncated = write(dir.path(), "truncated.pdf", &good[..good.len() / 2]);
    let html = write(
        dir.path(),
        "html.pdf",
        b"<!DOCTYPE html><html><head><title>302 Found</title></head></html>",
    );
    let ok = write(dir.path(), "ok.pdf", &good);
    let errors = dir.path().join("errors.jsonl");
    let out = run(&[
        "parse",
        truncated.to_str().unwrap(),
        html.to_str().unwrap(),
        ok.to_str().unwrap(),
        "--errors",
        errors.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let docs = json_lines(&stdout(&out));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["source"]["path"], ok.to_str().unwrap());
    let errs = json_lines(&std::fs::read_to_string(&errors).unwrap());
    assert_eq!(errs.len(), 2);
    assert_eq!(errs[0]["path"], truncated.to_str().unwrap());
    assert_eq!(errs[1]["path"], html.to_str().unwrap());
    assert_eq!(errs[1]["code"], "unsupported-format");
    let err = stderr(&out);
    assert!(err.contains("truncated.pdf: "), "{err}");
    assert!(err.contains("html.pdf: "), "{err}");
}

#[test]
fn a_pdf_over_the_memory_cap_is_a_per_file_error() {
    let dir = tempfile::tempdir().unwrap();
    // About 2 MB of text to extract: more than a 1 MiB address-space cap allows.
    let line = "Resolved that the report be noted and the budget of 163,000 pounds approved.";
    let lines: Vec<&str> = std::iter::repeat_n(line, 25_000).collect();
    let big = write(dir.path(), "big.pdf", &pdf(&lines));
    let small = write(dir.path(), "small.pdf", &pdf(PDF_LINES));
    let out = run(&[
        "parse",
        "--max-memory",
        "1M",
        big.to_str().unwrap(),
        small.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("big.pdf: "), "{err}");
    assert!(err.contains("[memory-limit]"), "{err}");
    assert!(!err.contains("small.pdf"), "{err}");
    assert_eq!(json_lines(&stdout(&out)).len(), 1);
}

#[test]
fn the_worker_subcommand_is_hidden_and_limits_are_checked() {
    let help = stdout(&run(&["--help"]));
    assert!(!help.contains("worker"), "{help}");
    assert_eq!(
        run(&["parse", SEED, "--timeout", "0"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["parse", SEED, "--max-memory", "lots"]).status.code(),
        Some(2)
    );
    let out = run(&["parse", SEED, "--timeout", "30", "--max-memory", "512M"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
