"""``council-minutes-pdf-worker``: the CLI's ``__pdf-worker`` protocol, served by this package.

The parent (``pdf_worker=...`` in any parse function) starts ``<program> __pdf-worker``, writes
one line of settings and the PDF to its stdin, and waits under a time limit; this process caps
its own memory, extracts, and writes the text or the error as JSON to stdout.
"""

from __future__ import annotations

import sys


def main() -> int:
    from . import _native

    if sys.argv[1:] != [_native.WORKER_SUBCOMMAND]:
        sys.stderr.write(
            "council-minutes-pdf-worker: an internal helper, started by council_minutes "
            f"with the single argument {_native.WORKER_SUBCOMMAND}\n"
        )
        return 2
    return _native._pdf_worker_main()


if __name__ == "__main__":
    sys.exit(main())
