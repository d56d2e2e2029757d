"""Type stubs of the native module (Rust, pyo3). Documented in ``council_minutes``."""

import os
from typing import Any, Dict, Iterable, List, Literal, Optional, Sequence, Union

from ._errors import CouncilMinutesError

Record = Dict[str, Any]
"""A document record: the JSON object of ``minutes schema``, as dicts, lists, str, int, None."""

DateOrder = Literal["auto", "day-first", "month-first"]
Convert = Literal["pythonize", "json"]
StrPath = Union[str, "os.PathLike[str]"]

SCHEMA_VERSION: int
DEFAULT_MAX_INPUT_BYTES: int
WORKER_SUBCOMMAND: str

def parse_bytes(
    data: bytes,
    path: Optional[str] = None,
    *,
    date_order: DateOrder = "auto",
    pdftotext_fallback: bool = True,
    max_input_bytes: Optional[int] = None,
    pdf_worker: Optional[StrPath] = None,
    timeout: Optional[float] = None,
    max_memory: Optional[int] = None,
    convert: Convert = "pythonize",
) -> Record:
    """Parses one input, text or PDF (detected from the bytes), into its record."""

def parse_pdf(
    data: bytes,
    path: Optional[str] = None,
    *,
    date_order: DateOrder = "auto",
    pdftotext_fallback: bool = True,
    max_input_bytes: Optional[int] = None,
    pdf_worker: Optional[StrPath] = None,
    timeout: Optional[float] = None,
    max_memory: Optional[int] = None,
    convert: Convert = "pythonize",
) -> Record:
    """Like ``parse_bytes`` for input that must be a PDF (else ``not-a-pdf``)."""

def parse_text(text: str, path: Optional[str] = None, *, date_order: DateOrder = "auto") -> Record:
    """Parses already-decoded text; spans are byte offsets into ``text.encode()``."""

def source_text(
    data: bytes,
    *,
    pdftotext_fallback: bool = True,
    max_input_bytes: Optional[int] = None,
    pdf_worker: Optional[StrPath] = None,
    timeout: Optional[float] = None,
    max_memory: Optional[int] = None,
) -> str:
    """The text spans index into, as ``minutes text`` prints it."""

def parse_many(
    items: Iterable[bytes],
    jobs: Optional[int] = None,
    paths: Optional[Sequence[Optional[str]]] = None,
    *,
    return_exceptions: bool = False,
    date_order: DateOrder = "auto",
    pdftotext_fallback: bool = True,
    max_input_bytes: Optional[int] = None,
    pdf_worker: Optional[StrPath] = None,
    timeout: Optional[float] = None,
    max_memory: Optional[int] = None,
    convert: Convert = "pythonize",
) -> List[Union[Record, CouncilMinutesError]]:
    """Parses many inputs on ``jobs`` threads, the GIL released; records in input order.

    Holds ``CouncilMinutesError`` instances only with ``return_exceptions=True``.
    """

def _pdf_worker_main() -> int: ...
