#!/usr/bin/env python3
"""Throughput of the Python routes against the CLI, over the same inputs, on this machine.

    python bench/ratios.py [--copies N] [--rounds R] [--no-spark]

Inputs: the text fixtures and the shared corpus's PDFs (if present), copied N times into one
temporary folder. Timed, each the best of R rounds:

- CLI:        minutes parse --jsonl -j2 -q FOLDER -o FILE   (PDFs in worker processes)
- parse_many: read every file, council_minutes.parse_many(..., jobs=2)   (in-process)
- Spark:      examples/spark_resolutions.py FOLDER, local[2]: its own parse-and-write time
              (session already started) and the whole process (JVM start included); 1 round.

Prints documents/s of each and the ratios: parse_many time / CLI time (goal: at most 1.3) and
CLI documents/s / Spark documents/s. $MINUTES_BIN names the CLI (default: target/release/minutes).
Timing varies with what else the machine runs: compare figures from one run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import council_minutes as cm

HERE = Path(__file__).resolve().parents[1]
REPO = HERE.parent


def best_of(rounds, fn):
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-spark", action="store_true")
    args = ap.parse_args()

    exe = Path(os.environ.get("MINUTES_BIN", REPO / "target" / "release" / "minutes"))
    if not exe.is_file():
        sys.exit(f"no CLI at {exe}: cargo build --release, or set MINUTES_BIN")
    sources = sorted((REPO / "fixtures").glob("*.txt"))
    corpus = Path(os.environ.get("MINUTES_SHARED", REPO.parent / "shared")) / "corpus" / "pdf"
    if corpus.is_dir():
        sources += sorted(corpus.glob("*.pdf"))
    else:
        print(f"(no shared corpus at {corpus}: text fixtures only)")

    work = Path(tempfile.mkdtemp(prefix="minutes-bench-"))
    try:
        folder = work / "inputs"
        folder.mkdir()
        for k in range(args.copies):
            for src in sources:
                shutil.copyfile(src, folder / f"c{k:03d}_{src.name}")
        files = sorted(folder.iterdir())
        n = len(files)
        size = sum(f.stat().st_size for f in files)
        print(f"{n} documents ({size / 1e6:.1f} MB), {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.2f}")

        out = work / "cli.jsonl"

        def cli():
            subprocess.run(
                [str(exe), "parse", "--jsonl", "-j2", "-q", str(folder), "-o", str(out)],
                check=False, stderr=subprocess.DEVNULL,
            )

        def many():
            data = [f.read_bytes() for f in files]
            cm.parse_many(data, jobs=2, paths=[str(f) for f in files], return_exceptions=True)

        # Interleaved, so that both see the same background load.
        t_cli = t_many = float("inf")
        for _ in range(args.rounds):
            t_cli = min(t_cli, best_of(1, cli))
            t_many = min(t_many, best_of(1, many))
        rows = [("CLI -j2", t_cli), ("parse_many(jobs=2)", t_many)]

        spark = None
        if not args.no_spark:
            t = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, str(HERE / "examples" / "spark_resolutions.py"), str(folder),
                 "--out", str(work / "spark-out"), "--top", "0"],
                capture_output=True, text=True, check=False,
            )
            total = time.perf_counter() - t
            if proc.returncode != 0:
                print(proc.stderr[-3000:])
                sys.exit("the Spark example failed")
            spark = json.loads(proc.stdout.strip().splitlines()[-1])
            rows.append(("Spark local[2], job", spark["seconds"]))
            rows.append(("Spark local[2], with JVM start", total))

        print(f"{'route':34s} {'seconds':>8s} {'docs/s':>8s}")
        for name, secs in rows:
            print(f"{name:34s} {secs:8.2f} {n / secs:8.1f}")
        print(f"parse_many / CLI time: {t_many / t_cli:.2f} (goal <= 1.3)")
        if spark:
            print(f"CLI docs/s / Spark docs/s (job): {spark['seconds'] / t_cli:.2f}; "
                  f"with JVM start: {rows[-1][1] / t_cli:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
