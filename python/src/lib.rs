//! `council_minutes._native`: the Python face of the council-minutes library.
//!
//! Thin on purpose: each function takes bytes or text and keyword settings, builds an
//! [`Options`], parses with the GIL released, and turns the [`Document`] into Python objects
//! (dicts, lists, strings, ints, `None`) equal to the CLI's JSON record. The Python package
//! (`council_minutes/__init__.py`) re-exports these functions and defines the exception class
//! [`ERROR_CLASS`], so that errors pickle (Spark, multiprocessing) with their code intact.
//!
//! In-process, unlike the CLI: PDFs are extracted in the calling process, with the library's
//! own containment only (panics of pdf-extract are caught, the size limit holds) unless
//! `pdf_worker` names a program that speaks the `__pdf-worker` protocol (the `minutes` binary,
//! or the `council-minutes-pdf-worker` script this package installs), which adds the CLI's time
//! and memory limits.

use council_minutes::worker::{extract_in_worker, Limits};
use council_minutes::{DateOrder, Document, Error, Options};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyList, PyType};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::Duration;

/// Where the exception class lives: `council_minutes._errors.CouncilMinutesError`.
const ERROR_CLASS: (&str, &str) = ("council_minutes._errors", "CouncilMinutesError");

/// The code of a failure that is a bug in the parser (a panic), as in the CLI's batch runner.
const INTERNAL: &str = "internal";

/// A failed parse, before it becomes a Python exception (built without the GIL).
#[derive(Debug, Clone)]
struct Failure {
    code: String,
    message: String,
    path: Option<String>,
}

impl Failure {
    fn from_error(e: &Error, path: Option<&str>) -> Failure {
        Failure {
            code: e.code().to_owned(),
            message: e.to_string(),
            path: path.map(str::to_owned),
        }
    }

    fn internal(message: String, path: Option<&str>) -> Failure {
        Failure {
            code: INTERNAL.to_owned(),
            message,
            path: path.map(str::to_owned),
        }
    }

    /// The Python exception instance: `CouncilMinutesError(code, message, path)`.
    fn to_exception<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        error_class(py)?.call1((&self.code, &self.message, self.path.as_deref()))
    }

    fn into_pyerr(self, py: Python<'_>) -> PyErr {
        match self.to_exception(py) {
            Ok(exc) => PyErr::from_value(exc),
            Err(e) => e,
        }
    }
}

fn error_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static CLASS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    CLASS.import(py, ERROR_CLASS.0, ERROR_CLASS.1)
}

/// Settings shared by every entry point, as given in Python.
#[derive(Debug, Clone)]
struct Settings {
    date_order: DateOrder,
    pdftotext_fallback: bool,
    max_input_bytes: u64,
    /// A `__pdf-worker` program and its limits, when PDFs are to be extracted out of process.
    worker: Option<(PathBuf, Limits)>,
}

impl Settings {
    fn new(
        date_order: &str,
        pdftotext_fallback: bool,
        max_input_bytes: Option<u64>,
        pdf_worker: Option<PathBuf>,
        timeout: Option<f64>,
        max_memory: Option<u64>,
    ) -> PyResult<Settings> {
        let date_order = match date_order {
            "auto" => DateOrder::Auto,
            "day-first" | "day_first" | "dmy" => DateOrder::DayFirst,
            "month-first" | "month_first" | "mdy" => DateOrder::MonthFirst,
            other => {
                return Err(PyValueError::new_err(format!(
                    "date_order must be \"auto\", \"day-first\" or \"month-first\", not {other:?}"
                )))
            }
        };
        let defaults = Options::default();
        let worker = match pdf_worker {
            None => {
                if timeout.is_some() || max_memory.is_some() {
                    return Err(PyValueError::new_err(
                        "timeout and max_memory need pdf_worker: an in-process parse cannot be \
                         stopped or capped (see the package docs)",
                    ));
                }
                None
            }
            Some(exe) => {
                let mut limits = Limits::default();
                limits.pdftotext_fallback = pdftotext_fallback;
                if let Some(secs) = timeout {
                    if !(secs.is_finite() && secs > 0.0) {
                        return Err(PyValueError::new_err("timeout must be a positive number"));
                    }
                    limits.timeout = Some(Duration::from_secs_f64(secs));
                }
                if let Some(bytes) = max_memory {
                    if bytes == 0 {
                        return Err(PyValueError::new_err("max_memory must be more than 0"));
                    }
                    limits.memory_bytes = bytes;
                }
                Some((exe, limits))
            }
        };
        Ok(Settings {
            date_order,
            pdftotext_fallback,
            max_input_bytes: max_input_bytes.unwrap_or(defaults.max_input_bytes),
            worker,
        })
    }

    fn options(&self, path: Option<&str>) -> Options {
        let mut o = Options::default();
        o.path = path.map(str::to_owned);
        o.date_order = self.date_order;
        o.pdftotext_fallback = self.pdftotext_fallback;
        o.max_input_bytes = self.max_input_bytes;
        o
    }

    /// Parses one input; never panics (a panic in the parser is an `internal` failure).
    ///
    /// `only_pdf`: refuse anything but a PDF (`not-a-pdf`), as [`council_minutes::parse_pdf`].
    fn parse(&self, bytes: &[u8], path: Option<&str>, only_pdf: bool) -> Result<Document, Failure> {
        let options = self.options(path);
        guarded("parser", path, || match &self.worker {
            Some((exe, limits))
                if (only_pdf || council_minutes::is_pdf(bytes)) && within_size(bytes, &options) =>
            {
                if bytes.is_empty() {
                    return council_minutes::parse_pdf(bytes, &options);
                }
                extract_in_worker(exe, bytes, limits)
                    .map(|source| council_minutes::parse_source(bytes, source, &options))
            }
            _ if only_pdf => council_minutes::parse_pdf(bytes, &options),
            _ => council_minutes::parse_bytes(bytes, &options),
        })
    }

    /// The source text of one input (what `minutes text` prints).
    fn source_text(&self, bytes: &[u8], path: Option<&str>) -> Result<String, Failure> {
        let options = self.options(path);
        guarded("extractor", path, || match &self.worker {
            Some((exe, limits))
                if council_minutes::is_pdf(bytes) && within_size(bytes, &options) =>
            {
                extract_in_worker(exe, bytes, limits)
            }
            _ => council_minutes::source_text(bytes, &options),
        })
        .map(|source| source.text)
    }
}

/// Runs one library call; its error becomes a [`Failure`] with the CLI's code, and a panic
/// (a bug in `what`, the parser or the extractor) an `internal` one: nothing escapes.
fn guarded<T>(
    what: &str,
    path: Option<&str>,
    call: impl FnOnce() -> Result<T, council_minutes::Error>,
) -> Result<T, Failure> {
    match catch_unwind(AssertUnwindSafe(call)) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(Failure::from_error(&e, path)),
        Err(panic) => Err(Failure::internal(
            format!(
                "the {what} failed on this input (a bug): {}",
                panic_message(panic.as_ref())
            ),
            path,
        )),
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// Oversized inputs go straight to the library, which refuses them without extracting.
fn within_size(bytes: &[u8], options: &Options) -> bool {
    (bytes.len() as u64) <= options.max_input_bytes
}

/// How a record becomes Python objects.
///
/// `pythonize` walks the record with serde and builds the objects directly;
/// `json` serialises it to a JSON string (which can be done without the GIL, in the pool) and
/// hands that to `json.loads`. Both give the same objects; `python/bench/convert.py` measures
/// which is faster, and the winner is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Convert {
    Pythonize,
    Json,
}

impl Convert {
    fn from_name(name: &str) -> PyResult<Convert> {
        match name {
            "pythonize" => Ok(Convert::Pythonize),
            "json" => Ok(Convert::Json),
            other => Err(PyValueError::new_err(format!(
                "convert must be \"pythonize\" or \"json\", not {other:?}"
            ))),
        }
    }
}

/// The record's JSON (compact, as `minutes parse --jsonl` writes it).
fn to_json(doc: &Document) -> Result<String, Failure> {
    serde_json::to_string(doc)
        .map_err(|e| Failure::internal(format!("cannot serialise the record: {e}"), None))
}

fn json_loads<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    LOADS.import(py, "json", "loads")?.call1((json,))
}

fn pythonize_doc<'py>(py: Python<'py>, doc: &Document) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, doc).map_err(|e| {
        Failure::internal(format!("cannot convert the record: {e}"), None).into_pyerr(py)
    })
}

/// What one input turned into, ready for the GIL.
#[derive(Debug)]
enum Ready {
    Doc(Box<Document>),
    Json(String),
}

fn finish<'py>(py: Python<'py>, ready: Ready) -> PyResult<Bound<'py, PyAny>> {
    match ready {
        Ready::Doc(doc) => pythonize_doc(py, &doc),
        Ready::Json(json) => json_loads(py, &json),
    }
}

fn prepare(doc: Document, convert: Convert) -> Result<Ready, Failure> {
    match convert {
        Convert::Pythonize => Ok(Ready::Doc(Box::new(doc))),
        Convert::Json => to_json(&doc).map(Ready::Json),
    }
}

/// Extracts the bytes of a `bytes` object, or a `TypeError` naming what was given instead.
fn bytes_of<'a>(data: &'a Bound<'_, PyAny>, what: &str) -> PyResult<&'a [u8]> {
    match data.cast::<PyBytes>() {
        Ok(b) => Ok(b.as_bytes()),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{what} must be bytes, not {}",
            type_name(data).unwrap_or_default()
        ))),
    }
}

/// Parses one input with the GIL released and converts the record.
fn parse_one<'py>(
    py: Python<'py>,
    bytes: &[u8],
    path: Option<String>,
    settings: &Settings,
    convert: Convert,
    only_pdf: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let ready = py
        .detach(|| {
            settings
                .parse(bytes, path.as_deref(), only_pdf)
                .and_then(|doc| prepare(doc, convert))
        })
        .map_err(|f| f.into_pyerr(py))?;
    finish(py, ready)
}

/// Parses one input, text or PDF (the format is detected from the bytes, as the CLI does), into
/// its record: a dict equal to the JSON ``minutes parse`` prints.
///
/// Args:
///     data: the input's bytes.
///     path: recorded in ``source.path`` (None, as for stdin, by default).
///     date_order: how to read all-numeric dates: ``"auto"``, ``"day-first"``, ``"month-first"``.
///     pdftotext_fallback: let poppler's ``pdftotext``, when installed, stand in for PDF pages
///         whose extracted text fails the quality check (the CLI's default, True).
///     max_input_bytes: larger inputs are refused with ``too-large`` (default 256 MiB).
///     pdf_worker: a program speaking the ``__pdf-worker`` protocol (``bundled_pdf_worker()``
///         or the ``minutes`` binary): PDFs are then extracted in a child process under
///         ``timeout`` (seconds; default 10 s + 0.2 s per page, at most 120 s) and
///         ``max_memory`` (bytes; default 2 GiB), as in the CLI. Without it PDFs are extracted
///         in this process, with no time or memory limit.
///     convert: how the record becomes Python objects, ``"pythonize"`` or ``"json"``; the
///         same objects either way.
///
/// The GIL is released while parsing, so threads parse in parallel.
///
/// Raises:
///     CouncilMinutesError: the input gives no record; ``.code`` is the CLI's error code.
///     TypeError: ``data`` is not bytes.
///     ValueError: a bad option value.
#[pyfunction]
#[pyo3(signature = (
    data, path=None, *, date_order="auto", pdftotext_fallback=true, max_input_bytes=None,
    pdf_worker=None, timeout=None, max_memory=None, convert="pythonize"
))]
#[allow(clippy::too_many_arguments)]
fn parse_bytes<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    path: Option<String>,
    date_order: &str,
    pdftotext_fallback: bool,
    max_input_bytes: Option<u64>,
    pdf_worker: Option<PathBuf>,
    timeout: Option<f64>,
    max_memory: Option<u64>,
    convert: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let bytes = bytes_of(data, "data")?;
    let settings = Settings::new(
        date_order,
        pdftotext_fallback,
        max_input_bytes,
        pdf_worker,
        timeout,
        max_memory,
    )?;
    parse_one(
        py,
        bytes,
        path,
        &settings,
        Convert::from_name(convert)?,
        false,
    )
}

/// Like ``parse_bytes``, for input that must be a PDF: anything else (an HTML error page or a
/// PostScript job saved as ``.pdf``) is refused with ``not-a-pdf`` instead of being detected as
/// another format. Same arguments and errors as ``parse_bytes``.
#[pyfunction]
#[pyo3(signature = (
    data, path=None, *, date_order="auto", pdftotext_fallback=true, max_input_bytes=None,
    pdf_worker=None, timeout=None, max_memory=None, convert="pythonize"
))]
#[allow(clippy::too_many_arguments)]
fn parse_pdf<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    path: Option<String>,
    date_order: &str,
    pdftotext_fallback: bool,
    max_input_bytes: Option<u64>,
    pdf_worker: Option<PathBuf>,
    timeout: Option<f64>,
    max_memory: Option<u64>,
    convert: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let bytes = bytes_of(data, "data")?;
    let settings = Settings::new(
        date_order,
        pdftotext_fallback,
        max_input_bytes,
        pdf_worker,
        timeout,
        max_memory,
    )?;
    parse_one(
        py,
        bytes,
        path,
        &settings,
        Convert::from_name(convert)?,
        true,
    )
}

/// Parses text that is already decoded into its record. Spans are byte offsets into the
/// text's UTF-8 encoding (``text.encode()``), as for a UTF-8 file. ``source.sha256`` and
/// ``source.bytes`` are those of that encoding.
///
/// Raises:
///     CouncilMinutesError: ``empty-input`` when the text holds nothing but whitespace.
#[pyfunction]
#[pyo3(signature = (text, path=None, *, date_order="auto"))]
fn parse_text<'py>(
    py: Python<'py>,
    text: &str,
    path: Option<String>,
    date_order: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let settings = Settings::new(date_order, true, None, None, None, None)?;
    let options = settings.options(path.as_deref());
    let doc = py
        .detach(|| {
            guarded("parser", path.as_deref(), || {
                council_minutes::parse_str(text, &options)
            })
        })
        .map_err(|f| f.into_pyerr(py))?;
    pythonize_doc(py, &doc)
}

/// The source text of an input, as ``minutes text`` prints it: the text spans index into (the
/// decoded file for text; the extracted pages separated by form feeds for a PDF). Spans are
/// byte offsets: slice ``source_text(data).encode()[start:end]``.
///
/// Raises:
///     CouncilMinutesError: as ``parse_bytes``.
#[pyfunction]
#[pyo3(signature = (
    data, *, pdftotext_fallback=true, max_input_bytes=None, pdf_worker=None, timeout=None,
    max_memory=None
))]
fn source_text(
    py: Python<'_>,
    data: &Bound<'_, PyBytes>,
    pdftotext_fallback: bool,
    max_input_bytes: Option<u64>,
    pdf_worker: Option<PathBuf>,
    timeout: Option<f64>,
    max_memory: Option<u64>,
) -> PyResult<String> {
    let bytes = data.as_bytes();
    let settings = Settings::new(
        "auto",
        pdftotext_fallback,
        max_input_bytes,
        pdf_worker,
        timeout,
        max_memory,
    )?;
    py.detach(|| settings.source_text(bytes, None))
        .map_err(|f| f.into_pyerr(py))
}

/// Parses many inputs on a pool of ``jobs`` threads (default: the number of cores) with the GIL
/// released, and returns their records in input order: the same records as ``parse_bytes`` one
/// at a time.
///
/// Args:
///     items: the inputs' bytes (any iterable of ``bytes``; read without copying).
///     jobs: threads to parse on; 1 parses on the calling thread.
///     paths: one ``source.path`` per item (or None for an item).
///     return_exceptions: with True, a failed input's place holds its ``CouncilMinutesError``
///         and the others' records are returned; with False (the default) the first failure in
///         input order is raised, after every input was tried.
///     other keywords: as ``parse_bytes``.
///
/// Raises:
///     CouncilMinutesError: an input failed (unless ``return_exceptions``).
///     TypeError: an item is not bytes.
///     ValueError: ``paths`` and ``items`` differ in length, ``jobs`` is 0, or a bad option.
#[pyfunction]
#[pyo3(signature = (
    items, jobs=None, paths=None, *, return_exceptions=false, date_order="auto",
    pdftotext_fallback=true, max_input_bytes=None, pdf_worker=None, timeout=None,
    max_memory=None, convert="pythonize"
))]
#[allow(clippy::too_many_arguments)]
fn parse_many<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyAny>,
    jobs: Option<usize>,
    paths: Option<Vec<Option<String>>>,
    return_exceptions: bool,
    date_order: &str,
    pdftotext_fallback: bool,
    max_input_bytes: Option<u64>,
    pdf_worker: Option<PathBuf>,
    timeout: Option<f64>,
    max_memory: Option<u64>,
    convert: &str,
) -> PyResult<Bound<'py, PyList>> {
    // Hold references to the bytes objects (kept alive by `held`) and borrow their buffers: no
    // copy of the inputs, and the borrowed slices are read-only while the GIL is released.
    let mut held: Vec<Bound<'py, PyBytes>> = Vec::new();
    for (i, item) in items.try_iter()?.enumerate() {
        let item = item?;
        match item.cast_into::<PyBytes>() {
            Ok(b) => held.push(b),
            Err(e) => {
                return Err(PyTypeError::new_err(format!(
                    "items[{i}] must be bytes, not {}",
                    type_name(e.into_inner().as_any()).unwrap_or_default()
                )))
            }
        }
    }
    let slices: Vec<&[u8]> = held.iter().map(|b| b.as_bytes()).collect();
    let paths = match paths {
        None => vec![None; slices.len()],
        Some(p) if p.len() == slices.len() => p,
        Some(p) => {
            return Err(PyValueError::new_err(format!(
                "paths has {} entries but items has {}",
                p.len(),
                slices.len()
            )))
        }
    };
    let jobs = match jobs {
        Some(0) => return Err(PyValueError::new_err("jobs must be at least 1")),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let settings = Settings::new(
        date_order,
        pdftotext_fallback,
        max_input_bytes,
        pdf_worker,
        timeout,
        max_memory,
    )?;
    let convert = Convert::from_name(convert)?;

    let results: Vec<Result<Ready, Failure>> = py
        .detach(|| {
            let one = |(bytes, path): (&&[u8], &Option<String>)| {
                settings
                    .parse(bytes, path.as_deref(), false)
                    .and_then(|doc| prepare(doc, convert))
            };
            let inputs = slices.iter().zip(paths.iter());
            if jobs == 1 || slices.len() <= 1 {
                return Ok(inputs.map(one).collect());
            }
            // A pool per call, not a global one: a pool made before a fork (Spark's Python workers,
            // multiprocessing) would have no threads in the child.
            rayon::ThreadPoolBuilder::new()
                .num_threads(jobs.min(slices.len()))
                .thread_name(|i| format!("council-minutes-{i}"))
                .build()
                .map(|pool| {
                    use rayon::prelude::*;
                    pool.install(|| {
                        slices
                            .par_iter()
                            .zip(paths.par_iter())
                            .with_max_len(1)
                            .map(one)
                            .collect()
                    })
                })
                .map_err(|e| format!("cannot start {jobs} threads: {e}"))
        })
        .map_err(pyo3::exceptions::PyRuntimeError::new_err)?;
    drop(slices);

    let out = PyList::empty(py);
    for result in results {
        match result {
            Ok(ready) => out.append(finish(py, ready)?)?,
            Err(failure) if return_exceptions => out.append(failure.to_exception(py)?)?,
            Err(failure) => return Err(failure.into_pyerr(py)),
        }
    }
    Ok(out)
}

fn type_name(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(obj.get_type().name()?.to_string())
}

/// Runs the ``__pdf-worker`` protocol on stdin and stdout, for the
/// ``council-minutes-pdf-worker`` script: extracts one PDF under the limits the parent sends
/// and replies with its text; returns the exit status.
#[pyfunction]
fn _pdf_worker_main(py: Python<'_>) -> i32 {
    py.detach(council_minutes::worker::worker_main)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(parse_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(parse_pdf, m)?)?;
    m.add_function(wrap_pyfunction!(parse_text, m)?)?;
    m.add_function(wrap_pyfunction!(parse_many, m)?)?;
    m.add_function(wrap_pyfunction!(source_text, m)?)?;
    m.add_function(wrap_pyfunction!(_pdf_worker_main, m)?)?;
    m.add("SCHEMA_VERSION", council_minutes::SCHEMA_VERSION)?;
    m.add(
        "WORKER_SUBCOMMAND",
        council_minutes::worker::WORKER_SUBCOMMAND,
    )?;
    m.add(
        "DEFAULT_MAX_INPUT_BYTES",
        Options::default().max_input_bytes,
    )?;
    Ok(())
}
