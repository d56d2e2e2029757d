//! PDF extraction in a worker process, so that no input can crash, hang or exhaust the caller.
//!
//! pdf-extract panics on some inputs (caught in-process by [`crate::parse_pdf`] too), but it can
//! also loop for minutes on a 629-byte file with a malformed cross-reference stream or allocate
//! gigabytes for a deflate bomb, and threads cannot be killed. So the CLI extracts each PDF in a
//! child process of its own binary:
//!
//! - the parent calls [`extract_in_worker`]`(exe, bytes, &limits)`, which spawns
//!   `exe __pdf-worker`, writes one JSON line of settings and then the PDF bytes to its stdin,
//!   and waits at most [`Limits::timeout`] (default: 10 s + 0.2 s per page, at most 120 s)
//!   before killing it;
//! - the child runs [`worker_main`] (the binary's hidden `__pdf-worker` subcommand), which caps
//!   its own address space (`RLIMIT_AS`, default 2 GiB) and CPU time, extracts, and writes the
//!   [`SourceText`] or the error as one JSON object to stdout.
//!
//! A timeout becomes [`ErrorKind::Timeout`], an allocation failure under the cap
//! [`ErrorKind::MemoryLimit`], any other crash [`ErrorKind::ExtractorFailed`]: a per-file error,
//! and the batch goes on.
//!
//! ```no_run
//! use council_minutes::worker::{extract_in_worker, Limits};
//!
//! let exe = std::env::current_exe()?;
//! let bytes = std::fs::read("minutes.pdf")?;
//! match extract_in_worker(&exe, &bytes, &Limits::default()) {
//!     Ok(source) => print!("{}", source.text),
//!     Err(e) => eprintln!("minutes.pdf: {} ({})", e, e.code()),
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::error::{Error, ErrorKind};
use crate::source::SourceText;
use crate::Options;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

/// The subcommand that runs [`worker_main`].
pub const WORKER_SUBCOMMAND: &str = "__pdf-worker";

/// Default address-space cap of a worker: 2 GiB.
pub const DEFAULT_MEMORY_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// Hard cap on the scaled default timeout.
pub const MAX_TIMEOUT: Duration = Duration::from_secs(120);

/// Limits for one extraction in a worker process.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Wall-clock time allowed; `None` scales it with the page count: 10 s + 0.2 s per page,
    /// at most [`MAX_TIMEOUT`] (120 s).
    pub timeout: Option<Duration>,
    /// Address-space cap (`RLIMIT_AS`) of the worker, in bytes; default 2 GiB.
    pub memory_bytes: u64,
    /// Whether the worker may fall back to poppler's `pdftotext` (see
    /// [`crate::Options::pdftotext_fallback`]).
    pub pdftotext_fallback: bool,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            timeout: None,
            memory_bytes: DEFAULT_MEMORY_BYTES,
            pdftotext_fallback: true,
        }
    }
}

impl Limits {
    /// Limits with a fixed timeout.
    pub fn with_timeout(timeout: Duration) -> Limits {
        Limits {
            timeout: Some(timeout),
            ..Limits::default()
        }
    }

    /// The timeout for `bytes`: the fixed one, or 10 s + 0.2 s per (estimated) page, capped.
    pub fn timeout_for(&self, bytes: &[u8]) -> Duration {
        self.timeout.unwrap_or_else(|| {
            let pages = estimate_pages(bytes);
            Duration::from_millis(10_000 + 200 * pages).min(MAX_TIMEOUT)
        })
    }
}

/// Page count estimate without parsing: `/Type /Page` objects in the clear, or one page per
/// 50 KB when object streams hide them.
fn estimate_pages(bytes: &[u8]) -> u64 {
    let mut n = 0u64;
    for at in memchr::memmem::find_iter(bytes, b"/Type") {
        let rest = &bytes[at + 5..bytes.len().min(at + 16)];
        let rest = rest.strip_prefix(b" ").unwrap_or(rest);
        if rest.starts_with(b"/Page") && !rest.starts_with(b"/Pages") {
            n += 1;
        }
    }
    n.max(bytes.len() as u64 / 50_000)
}

/// Settings the parent sends to the worker as the first line of its stdin.
#[derive(Debug, Serialize, Deserialize)]
struct Settings {
    memory_bytes: u64,
    cpu_seconds: u64,
    pdftotext_fallback: bool,
}

/// What the worker writes to stdout: one JSON object.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Reply {
    Ok(SourceText),
    Err(WireError),
}

/// An [`Error`] on the wire: its stable code, message and the fields needed to rebuild it.
#[derive(Debug, Serialize, Deserialize)]
struct WireError {
    code: String,
    message: String,
    #[serde(default)]
    detail: Option<String>,
    #[serde(default)]
    number: Option<u64>,
}

impl WireError {
    fn from_error(e: &Error) -> WireError {
        let (detail, number) = match e.kind() {
            ErrorKind::UnsupportedFormat { what } | ErrorKind::NotPdf { what } => {
                (Some(what.clone()), None)
            }
            ErrorKind::CorruptPdf { reason } | ErrorKind::ExtractorFailed { reason } => {
                (Some(reason.clone()), None)
            }
            ErrorKind::NoTextLayer { pages } => (None, Some(u64::from(*pages))),
            ErrorKind::Timeout { seconds } => (None, Some(*seconds)),
            ErrorKind::MemoryLimit { bytes } => (None, Some(*bytes)),
            ErrorKind::TooLarge { bytes, .. } => (None, Some(*bytes)),
            _ => (None, None),
        };
        WireError {
            code: e.code().to_owned(),
            message: e.to_string(),
            detail,
            number,
        }
    }

    fn into_error(self) -> Error {
        let detail = self.detail.unwrap_or_else(|| self.message.clone());
        let number = self.number.unwrap_or(0);
        let kind = match self.code.as_str() {
            "empty-input" => ErrorKind::Empty,
            "unsupported-format" => ErrorKind::UnsupportedFormat { what: detail },
            "not-a-pdf" => ErrorKind::NotPdf { what: detail },
            "pdf-encrypted" => ErrorKind::Encrypted,
            "pdf-no-text-layer" => ErrorKind::NoTextLayer {
                pages: u32::try_from(number).unwrap_or(u32::MAX),
            },
            "pdf-corrupt" => ErrorKind::CorruptPdf { reason: detail },
            "timeout" => ErrorKind::Timeout { seconds: number },
            "memory-limit" => ErrorKind::MemoryLimit { bytes: number },
            // the reason, not the whole message: Display adds "the PDF extractor failed: "
            "pdf-extractor-failed" => ErrorKind::ExtractorFailed { reason: detail },
            _ => ErrorKind::ExtractorFailed {
                reason: self.message,
            },
        };
        Error::new(kind)
    }
}

/// The worker process's `main`: reads settings and PDF bytes from stdin, extracts, writes the
/// result as JSON to stdout. Returns the process exit code: 0 when a reply was written (also
/// for a per-file error), 2 when the input could not be read or the reply not written.
///
/// Run by the binary's hidden `__pdf-worker` subcommand; not meant to be run by people.
pub fn worker_main() -> i32 {
    // One line on stderr per panic instead of a backtrace; the panic itself is caught.
    std::panic::set_hook(Box::new(|info| {
        let _ = writeln!(std::io::stderr(), "pdf worker: {info}");
    }));
    let mut input = Vec::new();
    if std::io::stdin().lock().read_to_end(&mut input).is_err() {
        return 2;
    }
    let Some(nl) = memchr::memchr(b'\n', &input) else {
        return 2;
    };
    let Ok(settings) = serde_json::from_slice::<Settings>(&input[..nl]) else {
        return 2;
    };
    apply_limits(&settings);
    let bytes = &input[nl + 1..];
    let options = Options {
        pdftotext_fallback: settings.pdftotext_fallback,
        ..Options::default()
    };
    let reply = match crate::pdf::extract(bytes, &options) {
        Ok(source) => Reply::Ok(source),
        Err(e) => Reply::Err(WireError::from_error(&e)),
    };
    let mut out = std::io::stdout().lock();
    match serde_json::to_writer(&mut out, &reply) {
        Ok(()) if out.flush().is_ok() => 0,
        _ => 2,
    }
}

#[cfg(unix)]
fn apply_limits(settings: &Settings) {
    use rlimit::Resource;
    // Failing to set a limit leaves the parent's wall-clock timeout as the backstop.
    if settings.memory_bytes > 0 {
        let _ = Resource::AS.set(settings.memory_bytes, settings.memory_bytes);
    }
    if settings.cpu_seconds > 0 {
        let _ = Resource::CPU.set(settings.cpu_seconds, settings.cpu_seconds + 5);
    }
}

#[cfg(not(unix))]
fn apply_limits(_settings: &Settings) {}

/// Extracts the text of PDF `bytes` in a child process `exe __pdf-worker`, under `limits`.
///
/// `exe` is the path of a binary whose `__pdf-worker` subcommand calls [`worker_main`] (the
/// `minutes` binary; `std::env::current_exe()` from inside it). Errors are per-file: the PDF's
/// own refusals (not a PDF, encrypted, no text layer, corrupt) come back as they would
/// in-process; [`ErrorKind::Timeout`], [`ErrorKind::MemoryLimit`] and
/// [`ErrorKind::ExtractorFailed`] report a worker that was stopped or died.
pub fn extract_in_worker(exe: &Path, bytes: &[u8], limits: &Limits) -> Result<SourceText, Error> {
    let timeout = limits.timeout_for(bytes);
    let settings = Settings {
        memory_bytes: limits.memory_bytes,
        cpu_seconds: timeout.as_secs().saturating_add(1),
        pdftotext_fallback: limits.pdftotext_fallback,
    };
    let mut input = serde_json::to_vec(&settings).map_err(|e| failed(&e.to_string()))?;
    input.push(b'\n');
    input.extend_from_slice(bytes);
    let mut cmd = Command::new(exe);
    cmd.arg(WORKER_SUBCOMMAND).env("RUST_BACKTRACE", "0");
    let out = match run_with_timeout(cmd, &input, timeout) {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
            return Err(Error::new(ErrorKind::Timeout {
                seconds: timeout.as_secs().max(1),
            }))
        }
        Err(e) => {
            return Err(failed(&format!(
                "cannot run the PDF worker {}: {e}",
                exe.display()
            )))
        }
    };
    if out.status.success() {
        return match serde_json::from_slice::<Reply>(&out.stdout) {
            Ok(Reply::Ok(source)) => Ok(source),
            Ok(Reply::Err(e)) => Err(e.into_error()),
            Err(e) => Err(failed(&format!(
                "the PDF worker's reply is unreadable: {e}"
            ))),
        };
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("memory allocation of") || stderr.contains("capacity overflow") {
        return Err(Error::new(ErrorKind::MemoryLimit {
            bytes: limits.memory_bytes,
        }));
    }
    if signal_of(&out.status) == Some(SIGXCPU) {
        return Err(Error::new(ErrorKind::Timeout {
            seconds: settings.cpu_seconds,
        }));
    }
    let last = stderr.lines().last().unwrap_or("").trim();
    Err(failed(&format!(
        "the PDF worker died ({}){}{}",
        describe(&out.status),
        if last.is_empty() { "" } else { ": " },
        last
    )))
}

const SIGXCPU: i32 = 24;

#[cfg(unix)]
fn signal_of(status: &ExitStatus) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt;
    status.signal()
}

#[cfg(not(unix))]
fn signal_of(_status: &ExitStatus) -> Option<i32> {
    None
}

fn describe(status: &ExitStatus) -> String {
    match (status.code(), signal_of(status)) {
        (Some(c), _) => format!("exit code {c}"),
        (None, Some(s)) => format!("signal {s}"),
        _ => status.to_string(),
    }
}

fn failed(reason: &str) -> Error {
    Error::new(ErrorKind::ExtractorFailed {
        reason: reason.to_owned(),
    })
}

/// Runs `cmd` with `input` on its stdin, collecting stdout and stderr, and kills it (and its
/// process group on Unix) if it runs longer than `timeout`, returning `ErrorKind::TimedOut`.
pub(crate) fn run_with_timeout(
    mut cmd: Command,
    input: &[u8],
    timeout: Duration,
) -> std::io::Result<Output> {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let start = Instant::now();
    let mut child = cmd.spawn()?;
    let stdin = child.stdin.take();
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            if let Some(mut w) = stdin {
                // The child may exit without reading everything (a refusal after the header).
                let _ = w.write_all(input);
            }
        });
        // The reader says when stdout closes: the child is done (or about to be), which wakes
        // the wait at once instead of at the next poll.
        let (closed_tx, closed_rx) = std::sync::mpsc::channel::<()>();
        let out_reader = scope.spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut r) = stdout {
                let _ = r.read_to_end(&mut buf);
            }
            let _ = closed_tx.send(());
            buf
        });
        let err_reader = scope.spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut r) = stderr {
                // Keep only the tail of a chatty stderr.
                let _ = r.read_to_end(&mut buf);
                if buf.len() > 64 * 1024 {
                    buf.drain(..buf.len() - 64 * 1024);
                }
            }
            buf
        });
        let deadline = start + timeout;
        let _ = closed_rx.recv_timeout(deadline.saturating_duration_since(Instant::now()));
        let mut pause = Duration::from_micros(50);
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) => {}
                Err(e) => {
                    kill_group(&mut child);
                    let _ = child.wait();
                    return Err(e);
                }
            }
            if Instant::now() >= deadline {
                kill_group(&mut child);
                let _ = child.wait();
                // Readers finish once every holder of the pipes is gone.
                let _ = out_reader.join();
                let _ = err_reader.join();
                return Err(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    format!("stopped after {} s", timeout.as_secs()),
                ));
            }
            std::thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(10));
        };
        let stdout = out_reader.join().unwrap_or_default();
        let stderr = err_reader.join().unwrap_or_default();
        Ok(Output {
            status,
            stdout,
            stderr,
        })
    })
}

fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    {
        // The child leads its own process group; take down what it spawned (pdftotext) too.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    let _ = child.kill();
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn default_limits() {
        let l = Limits::default();
        assert_eq!(l.memory_bytes, 2 << 30);
        assert!(l.timeout.is_none());
        let small = l.timeout_for(b"%PDF-1.4 /Type /Page /Type /Pages");
        assert_eq!(small, Duration::from_millis(10_200));
        let many = "/Type /Page ".repeat(5000);
        assert_eq!(l.timeout_for(many.as_bytes()), MAX_TIMEOUT);
        let fixed = Limits::with_timeout(Duration::from_secs(3));
        assert_eq!(fixed.timeout_for(many.as_bytes()), Duration::from_secs(3));
    }

    #[test]
    fn errors_survive_the_wire() {
        let table = [
            Error::new(ErrorKind::NotPdf {
                what: "an HTML page".into(),
            }),
            Error::new(ErrorKind::Encrypted),
            Error::new(ErrorKind::NoTextLayer { pages: 7 }),
            Error::new(ErrorKind::CorruptPdf {
                reason: "truncated".into(),
            }),
            Error::new(ErrorKind::Timeout { seconds: 12 }),
            Error::new(ErrorKind::MemoryLimit { bytes: 1 << 30 }),
            Error::new(ErrorKind::ExtractorFailed {
                reason: "pdf-extract panicked while reading page 3".into(),
            }),
        ];
        for e in table {
            let wire = serde_json::to_string(&WireError::from_error(&e)).unwrap();
            let back = serde_json::from_str::<WireError>(&wire)
                .unwrap()
                .into_error();
            assert_eq!(back.code(), e.code());
            assert_eq!(back.to_string(), e.to_string());
        }
    }

    #[test]
    fn run_with_timeout_kills_a_hanging_child() {
        let mut cmd = Command::new("sleep");
        cmd.arg("30");
        let start = Instant::now();
        let err = run_with_timeout(cmd, b"", Duration::from_millis(200)).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::TimedOut);
        assert!(start.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn run_with_timeout_pipes_input_and_output() {
        let out = run_with_timeout(Command::new("cat"), b"hello", Duration::from_secs(10)).unwrap();
        assert!(out.status.success());
        assert_eq!(out.stdout, b"hello");
    }
}
