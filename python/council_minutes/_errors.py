"""The one exception type of council_minutes."""

from __future__ import annotations

from typing import Optional


class CouncilMinutesError(Exception):
    """An input that cannot give a record, with the CLI's stable error code.

    ``code`` is the kebab-case word ``minutes parse`` prints in brackets and writes to
    ``--errors`` files: ``empty-input``, ``too-large``, ``unsupported-format``, ``not-a-pdf``,
    ``pdf-encrypted``, ``pdf-no-text-layer``, ``pdf-corrupt``, ``pdf-extractor-failed``, ``io``;
    ``timeout`` and ``memory-limit`` only with ``pdf_worker``; ``internal`` for a bug in the
    parser (a panic, caught). ``message`` is the CLI's message; ``path`` the input's path, if
    one was given.

    Instances pickle with their code, so they cross process boundaries (Spark, multiprocessing).
    """

    code: str
    message: str
    path: Optional[str]

    def __init__(self, code: str, message: str, path: Optional[str] = None) -> None:
        super().__init__(code, message, path)
        self.code = code
        self.message = message
        self.path = path

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message} [{self.code}]"

    def __repr__(self) -> str:
        return f"CouncilMinutesError({self.code!r}, {self.message!r}, {self.path!r})"
