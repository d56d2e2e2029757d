//! Batch ingestion through the `minutes` binary, over a generated archive: nested folders,
//! text documents built from the fixtures, and a few broken files.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "cli_support/mod.rs"]
mod support;

use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn minutes() -> Command {
    Command::new(env!("CARGO_BIN_EXE_minutes"))
}

fn run(args: &[&str]) -> Output {
    minutes().args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn lines(bytes: &[u8]) -> Vec<Value> {
    std::str::from_utf8(bytes)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn paths(records: &[Value]) -> Vec<String> {
    records
        .iter()
        .map(|r| r["source"]["path"].as_str().unwrap().to_owned())
        .collect()
}

/// The text fixtures, sorted by name.
fn fixture_texts() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no text fixtures");
    names.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// A generated archive.
struct Archive {
    dir: tempfile::TempDir,
    /// Paths of the documents that parse, in walk order.
    good: Vec<String>,
    /// Paths of the inputs that fail.
    broken: BTreeSet<String>,
}

impl Archive {
    fn root(&self) -> &str {
        self.dir.path().to_str().unwrap()
    }
}

/// `council-N/YYYY/doc-K.txt` documents (each fixture with a unique line appended, so every
/// document has its own hash), plus broken files spread through the tree.
fn archive(councils: usize, years: usize) -> Archive {
    let dir = tempfile::tempdir().unwrap();
    let texts = fixture_texts();
    let mut good = Vec::new();
    let mut n = 0;
    for c in 0..councils {
        for y in 0..years {
            let sub = dir
                .path()
                .join(format!("council-{c}"))
                .join(format!("{}", 2010 + y));
            std::fs::create_dir_all(&sub).unwrap();
            for k in 0..3 {
                let mut bytes = texts[n % texts.len()].clone();
                bytes.extend_from_slice(format!("\n\nArchive copy {n}\n").as_bytes());
                let path = sub.join(format!("doc-{k}.txt"));
                std::fs::write(&path, bytes).unwrap();
                good.push(path.to_str().unwrap().to_owned());
                n += 1;
            }
            // One PDF per folder, extracted by the worker process.
            let path = sub.join("scan.pdf");
            let heading = format!(
                "Minutes of a meeting of the Cabinet held on {} June 2012",
                1 + n % 28
            );
            let number = format!("{n}. Budget");
            std::fs::write(
                &path,
                support::pdf(&[&heading, &number, "RESOLVED - That the report be noted."]),
            )
            .unwrap();
            good.push(path.to_str().unwrap().to_owned());
            n += 1;
        }
    }
    let mut broken = BTreeSet::new();
    let mut bad = |rel: &str, bytes: &[u8]| {
        let path = dir.path().join(rel);
        std::fs::write(&path, bytes).unwrap();
        broken.insert(path.to_str().unwrap().to_owned());
    };
    bad("council-0/2010/empty.txt", b"");
    bad("council-0/junk.bin", &[0, 1, 2, 3, 0, 0, 0, 4, 5, 0, 0, 6]);
    bad(
        "council-1/2011/error-page.pdf",
        b"<!DOCTYPE html><html><head><title>404 Not Found</title></head></html>",
    );
    bad(
        "council-1/truncated.pdf",
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog",
    );
    Archive { dir, good, broken }
}

#[test]
fn an_archive_gives_a_record_per_document_and_an_error_per_broken_file() {
    let a = archive(3, 2);
    let elsewhere = tempfile::tempdir().unwrap();
    let errors = elsewhere.path().join("errors.jsonl");
    let out = run(&[
        "parse",
        a.root(),
        "-j2",
        "--errors",
        errors.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let records = lines(&out.stdout);
    assert_eq!(records.len(), a.good.len());
    assert_eq!(
        paths(&records).into_iter().collect::<BTreeSet<_>>(),
        a.good.iter().cloned().collect::<BTreeSet<_>>()
    );
    for r in &records {
        assert_eq!(r["schema_version"], 1);
    }
    let errs = lines(&std::fs::read(&errors).unwrap());
    assert_eq!(errs.len(), a.broken.len());
    let err_paths: BTreeSet<String> = errs
        .iter()
        .map(|e| e["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(err_paths, a.broken);
    for e in &errs {
        assert_eq!(e["type"], "error");
        assert_eq!(e["sha256"].as_str().unwrap().len(), 64);
        assert!(!e["code"].as_str().unwrap().is_empty());
    }
    let err = stderr(&out);
    for path in &a.broken {
        assert!(err.contains(&format!("minutes: {path}: ")), "{err}");
    }
    let total = a.good.len() + a.broken.len();
    assert!(
        err.contains(&format!(
            "{total} documents read, {} records, {} errors",
            a.good.len(),
            a.broken.len()
        )),
        "{err}"
    );
    // Not a terminal: no progress bar drawn.
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "{err:?}");
}

#[test]
fn output_is_identical_for_one_and_two_jobs() {
    let a = archive(4, 3);
    let one = run(&["parse", a.root(), "-j1", "-q"]);
    let two = run(&["parse", a.root(), "-j2", "-q"]);
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(two.status.code(), Some(1));
    assert!(!one.stdout.is_empty());
    assert!(one.stdout == two.stdout, "-j1 and -j2 outputs differ");
    // The walk is sorted: records come in path order within each directory.
    assert_eq!(paths(&lines(&one.stdout)), a.good);

    // Completion order holds the same records, in some order.
    let any = run(&["parse", a.root(), "-j2", "-q", "--order", "completion"]);
    let mut got: Vec<String> = std::str::from_utf8(&any.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let mut want: Vec<String> = std::str::from_utf8(&one.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn shards_concatenate_to_the_unsharded_output() {
    let a = archive(3, 3);
    let whole = run(&["parse", a.root(), "-q"]);
    let mut joined = Vec::new();
    let mut errors = 0;
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let out = run(&["parse", a.root(), "-q", "--shard", &shard]);
        assert!(matches!(out.status.code(), Some(0 | 1)));
        errors += stderr(&out).lines().count();
        joined.extend_from_slice(&out.stdout);
    }
    assert!(
        joined == whole.stdout,
        "shards 1/3+2/3+3/3 differ from the whole"
    );
    assert_eq!(errors, a.broken.len());
    // More shards than inputs: the extra shards are empty and succeed.
    let out = run(&["parse", a.good[0].as_str(), "--shard", "1/2"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn skip_known_skips_exactly_the_known_inputs() {
    let a = archive(3, 2);
    let elsewhere = tempfile::tempdir().unwrap();
    let known = elsewhere.path().join("known.jsonl");
    let first = a.dir.path().join("council-1");
    let out = run(&[
        "parse",
        first.to_str().unwrap(),
        "-q",
        "-o",
        known.to_str().unwrap(),
    ]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let known_paths: BTreeSet<String> = paths(&lines(&std::fs::read(&known).unwrap()))
        .into_iter()
        .collect();
    assert!(!known_paths.is_empty());

    let out = run(&["parse", a.root(), "--skip-known", known.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let got: BTreeSet<String> = paths(&lines(&out.stdout)).into_iter().collect();
    let want: BTreeSet<String> = a
        .good
        .iter()
        .filter(|p| !known_paths.contains(*p))
        .cloned()
        .collect();
    assert_eq!(got, want);
    assert!(
        stderr(&out).contains(&format!("{} skipped as known", known_paths.len())),
        "{}",
        stderr(&out)
    );

    // Hashes, not paths, decide: a known document copied under a new name is skipped too.
    let copy = elsewhere.path().join("copy.txt");
    std::fs::copy(known_paths.iter().next().unwrap(), &copy).unwrap();
    let out = run(&[
        "parse",
        copy.to_str().unwrap(),
        "--skip-known",
        known.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn files_from_and_globs_select_inputs() {
    let a = archive(2, 2);
    let elsewhere = tempfile::tempdir().unwrap();
    let list = elsewhere.path().join("list");
    let mut nul = Vec::new();
    for p in a.good.iter().rev() {
        nul.extend_from_slice(p.as_bytes());
        nul.push(0);
    }
    std::fs::write(&list, &nul).unwrap();
    let out = run(&["parse", "--files-from", list.to_str().unwrap(), "-0", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut want = a.good.clone();
    want.reverse();
    assert_eq!(paths(&lines(&out.stdout)), want, "list order is kept");

    // A newline-separated list on stdin.
    let mut child = minutes()
        .args(["parse", "--files-from", "-", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let text = a.good[..3].join("\n") + "\n";
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(paths(&lines(&out.stdout)), a.good[..3].to_vec());

    // Globs filter walked directories, relative to the directory named.
    let out = run(&[
        "parse",
        a.root(),
        "--glob",
        "*.txt",
        "--glob",
        "!council-1/**",
        "-q",
    ]);
    let got = paths(&lines(&out.stdout));
    let want: Vec<String> = a
        .good
        .iter()
        .filter(|p| p.contains("/council-0/") && p.ends_with(".txt"))
        .cloned()
        .collect();
    assert_eq!(got, want);
    assert_eq!(
        out.status.code(),
        Some(1),
        "council-0/2010/empty.txt matches *.txt"
    );
}

#[test]
fn output_file_is_written_atomically() {
    let a = archive(2, 2);
    let target = a.dir.path().join("out.jsonl");
    std::fs::write(&target, b"previous run\n").unwrap();
    let inputs: Vec<String> = a.good[..5].to_vec();

    // A run blocked mid-way (its last input is stdin, held open) and then killed.
    let mut args = vec!["parse".to_owned(), "-j1".into(), "-q".into(), "-o".into()];
    args.push(target.to_str().unwrap().to_owned());
    args.extend(inputs.iter().cloned());
    args.push("-".into());
    let mut child = minutes()
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let partial = || {
        std::fs::read_dir(a.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with(".out.jsonl.") && n.ends_with(".partial"))
    };
    let start = Instant::now();
    while partial().is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no temporary file appeared"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(200));
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(
        std::fs::read(&target).unwrap(),
        b"previous run\n",
        "target was touched"
    );

    // The same run completed replaces the target in one step.
    let mut child = minutes()
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let seed = std::fs::read(&inputs[0]).unwrap();
    child.stdin.take().unwrap().write_all(&seed).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let records = lines(&std::fs::read(&target).unwrap());
    assert_eq!(records.len(), inputs.len() + 1);
    assert_eq!(records[inputs.len()]["source"]["path"], Value::Null);

    // An output that cannot be created fails before parsing and leaves nothing behind.
    let missing = a.dir.path().join("no-such-dir").join("out.jsonl");
    let out = run(&["parse", a.root(), "-o", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!missing.exists());
    assert!(
        stderr(&out).contains("minutes: error: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn batch_usage_errors_exit_2() {
    for args in [
        &["parse", ".", "--shard", "0/3"][..],
        &["parse", ".", "--shard", "4/3"],
        &["parse", ".", "--shard", "x"],
        &["parse", ".", "-j", "0"],
        &["parse", ".", "--order", "random"],
        &["parse", ".", "--glob", "["],
        &["parse", "-", "--files-from", "-"],
        &["parse", ".", "-0"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
}
