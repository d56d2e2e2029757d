"""council_minutes: local-government meeting minutes (text, PDF) parsed into records.

The same parser as the ``minutes`` command-line tool, as Python functions over bytes. Each
returns the document record as plain Python objects (dicts, lists, str, int, None), equal to
what ``minutes parse`` prints as JSON: see ``minutes schema`` or the project's SCHEMA.md.

    >>> import council_minutes
    >>> doc = council_minutes.parse_text(
    ...     "Minutes of a meeting of the Cabinet held on 20 June 2012\\n\\n"
    ...     "5. Budget\\nRESOLVED – That the report be noted.\\n")
    >>> doc["meetings"][0]["date"], doc["meetings"][0]["items"][0]["resolutions"][0]["text"]
    ('2012-06-20', 'That the report be noted.')

Functions: :func:`parse_bytes`, :func:`parse_pdf`, :func:`parse_text`, :func:`parse_path`, :func:`parse_many`
(many inputs on a thread pool, the GIL released), :func:`source_text`, and
:func:`resolution_parts` (the rows of a record's resolutions, as the Spark example writes them).
An input that cannot give a record raises :class:`CouncilMinutesError`, whose ``code`` is the
CLI's error code.

Unlike the CLI, which extracts every PDF in a worker process under a time and memory limit,
these functions extract PDFs in the calling process: the input-size limit holds and panics of
the PDF library are caught, but a PDF that makes the extractor loop or allocate without bound
is not stopped. For untrusted PDFs pass ``pdf_worker=bundled_pdf_worker()`` (or the path of
the ``minutes`` binary), with ``timeout`` and ``max_memory`` as in the CLI.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from typing import Any, Dict, Iterator, Optional, Union

from . import _native
from ._errors import CouncilMinutesError
from ._native import (
    DEFAULT_MAX_INPUT_BYTES,
    SCHEMA_VERSION,
    parse_bytes,
    parse_many,
    parse_pdf,
    parse_text,
    source_text,
)

__all__ = [
    "CouncilMinutesError",
    "DEFAULT_MAX_INPUT_BYTES",
    "SCHEMA_VERSION",
    "bundled_pdf_worker",
    "parse_bytes",
    "parse_many",
    "parse_path",
    "parse_pdf",
    "parse_text",
    "resolution_parts",
    "source_text",
]

try:
    from importlib.metadata import version as _version

    __version__ = _version("council-minutes")
except Exception:  # not installed as a distribution (e.g. on sys.path by hand)
    __version__ = "0.0.0"

WORKER_SCRIPT = "council-minutes-pdf-worker"


def parse_path(
    path: Union[str, "os.PathLike[str]"],
    *,
    record_path: Optional[str] = None,
    **options: Any,
) -> Dict[str, Any]:
    """Reads and parses one file (text or PDF, detected from its bytes).

    ``source.path`` in the record is ``record_path`` if given, else ``path`` as given
    (``minutes parse`` records the path as named on its command line, too). Other keyword
    arguments are those of :func:`parse_bytes`.

    Raises:
        CouncilMinutesError: with code ``io`` when the file cannot be read, or any code of
            :func:`parse_bytes`.
    """
    name = os.fspath(path)
    shown = record_path if record_path is not None else name
    try:
        with open(name, "rb") as f:
            data = f.read()
    except OSError as e:
        reason = e.strerror or str(e)
        raise CouncilMinutesError("io", f"cannot read input: {reason}", shown) from e
    return parse_bytes(data, shown, **options)


def bundled_pdf_worker() -> Optional[str]:
    """The path of this package's ``council-minutes-pdf-worker`` program, or None.

    Pass it as ``pdf_worker=`` to extract each PDF in a child process under a time and memory
    limit, as the CLI does. It is installed with the package (a ``[project.scripts]`` entry);
    each PDF then pays a Python start-up (tens of milliseconds). The ``minutes`` binary, where
    installed, serves the same protocol with a faster start.
    """
    for folder in (sysconfig.get_path("scripts"), os.path.dirname(sys.executable)):
        if folder:
            candidate = os.path.join(folder, WORKER_SCRIPT)
            if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                return candidate
    return shutil.which(WORKER_SCRIPT)


def resolution_parts(record: Dict[str, Any]) -> Iterator[Dict[str, Any]]:
    """The resolution parts of a record: one dict per row, as the Spark example writes them.

    A *resolution part* is every Part in ``meetings[].items[].resolutions``, and every Part
    nested in one (``parts``, at any depth), in document order (depth first, parent before its
    parts). ``decision`` and ``recommendations`` blocks are not resolutions and are left out.
    This is the row set of ``minutes query --kind resolution`` and of the ``parts`` table rows
    whose kind is ``resolution`` in ``minutes export sqlite``.

    Each row: ``part_id`` (the id ``minutes export sqlite`` gives the part:
    ``<document id>:m<meeting>:i<item>:res<n>[.<n>...]``, 0-based), ``document_id``, ``path``,
    ``meeting_index``, ``meeting_date`` (ISO string or None), ``body``, ``item_index``,
    ``item_number``, ``item_title``, ``label``, ``label_path`` (the labels from the top part
    down joined with dots, unlabelled levels left out, None when empty: ``b.ii``), ``depth``
    (0 for a top-level resolution), ``text``, ``page`` (PDF page, None for text), ``line``,
    ``span_start``, ``span_end``.
    """
    doc_id = record["id"]
    path = record["source"]["path"]

    def walk(
        parts: Any, id_prefix: str, parent_path: str, depth: int, base: Dict[str, Any]
    ) -> Iterator[Dict[str, Any]]:
        for n, part in enumerate(parts):
            part_id = f"{id_prefix}{n}"
            label = part["label"]
            if label is None:
                label_path = parent_path
            elif parent_path:
                label_path = f"{parent_path}.{label}"
            else:
                label_path = label
            span = part["span"]
            row = dict(base)
            row.update(
                part_id=part_id,
                label=label,
                label_path=label_path or None,
                depth=depth,
                text=part["text"],
                page=span["page"],
                line=span["line"],
                span_start=span["start"],
                span_end=span["end"],
            )
            yield row
            yield from walk(part["parts"], part_id + ".", label_path, depth + 1, base)

    for mi, meeting in enumerate(record["meetings"]):
        for ii, item in enumerate(meeting["items"]):
            base = {
                "document_id": doc_id,
                "path": path,
                "meeting_index": mi,
                "meeting_date": meeting["date"],
                "body": meeting["body"],
                "item_index": ii,
                "item_number": item["number"],
                "item_title": item["title"],
            }
            yield from walk(item["resolutions"], f"{doc_id}:m{mi}:i{ii}:res", "", 0, base)
