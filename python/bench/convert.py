#!/usr/bin/env python3
"""Record → Python objects: pythonize (serde straight to objects) vs json (serde_json string,
then json.loads). Prints the time per document of each, min of interleaved rounds.

    python bench/convert.py [--rounds 7]

Inputs: the text fixtures (small records) and, when the shared corpus is there, the text of its
388-page PDF parsed as text (one large record). Both modes parse the same way; the difference is
the conversion alone.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import council_minutes as cm

REPO = Path(__file__).resolve().parents[2]


def timed(fn, rounds):
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    small = [p.read_bytes() for p in sorted((REPO / "fixtures").glob("*.txt"))]
    sets = {"fixtures (small records)": (small, 20)}
    big_pdf = REPO.parent / "shared/corpus/pdf/043_region-centre-budget-primitif-2009-report-388p.pdf"
    if big_pdf.is_file():
        sets["388-page text (one large record)"] = ([cm.source_text(big_pdf.read_bytes()).encode()], 2)
    for name, (docs, reps) in sets.items():
        results = {}
        for conv in ("pythonize", "json"):
            results[conv] = timed(
                lambda: [cm.parse_bytes(d, convert=conv) for _ in range(reps) for d in docs],
                args.rounds,
            ) / (reps * len(docs))
        for jobs in (2,):
            for conv in ("pythonize", "json"):
                results[f"parse_many j{jobs} {conv}"] = timed(
                    lambda: cm.parse_many(docs * reps * 4, jobs=jobs, convert=conv), args.rounds
                ) / (reps * 4 * len(docs))
        print(name)
        for k, v in results.items():
            print(f"  {k:28s} {v * 1e6:10.1f} us/doc")
        print(f"  json / pythonize (parse_bytes): {results['json'] / results['pythonize']:.2f}")


if __name__ == "__main__":
    main()
