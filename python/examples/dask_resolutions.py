#!/usr/bin/env python3
"""Minutes → resolution parts with Dask (a bag of file paths), written as Parquet.

    pip install "dask[bag]" pyarrow
    python examples/dask_resolutions.py ../fixtures ../../shared/corpus/pdf --out dask-out

Dask's threaded scheduler is enough: the parser releases the GIL, so threads parse in parallel.
The rows are those of the Spark example (``council_minutes.resolution_parts``); files that give
no record are counted by error code. Prints a JSON summary as its last line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List


def parse_file(path: str) -> Dict[str, Any]:
    import council_minutes as cm

    try:
        record = cm.parse_path(path)
    except cm.CouncilMinutesError as e:
        return {"path": path, "error": e.code, "rows": []}
    return {"path": path, "error": None, "rows": list(cm.resolution_parts(record))}


def main(argv: List[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="folders of minutes (*.txt and *.pdf directly in them)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args(argv)

    import dask
    import dask.bag as db
    import pyarrow as pa
    import pyarrow.parquet as pq

    paths = sorted(
        str(p) for d in args.inputs for p in Path(d).iterdir()
        if p.suffix in (".txt", ".pdf") and p.is_file()
    )
    started = time.perf_counter()
    with dask.config.set(scheduler="threads", num_workers=args.workers):
        results = db.from_sequence(paths, npartitions=max(1, 4 * args.workers)).map(parse_file).compute()
    rows = [row for r in results for row in r["rows"]]
    os.makedirs(args.out, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows), os.path.join(args.out, "resolutions.parquet"))
    seconds = time.perf_counter() - started
    print(json.dumps({
        "documents": len(paths),
        "errors": dict(Counter(r["error"] for r in results if r["error"])),
        "parts": len(rows),
        "seconds": round(seconds, 3),
        "documents_per_s": round(len(paths) / seconds, 2),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
