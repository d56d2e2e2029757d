"""The PySpark example over the fixtures and the shared PDF corpus: as many Parquet rows as the
CLI's resolution parts. Opt-in (a JVM start and a local Spark run, ~1 min on 2 cores):

    MINUTES_SPARK=1 python/setup.sh        # or: MINUTES_SPARK=1 pytest tests/test_spark.py

The CLI's count: `minutes parse --jsonl -j2` over the same files, then `minutes query --kind
resolution` over its records: one row per resolution part (every Part in an item's
`resolutions` and every Part nested in one; not `decision` or `recommendations`), the same
definition as `council_minutes.resolution_parts`, which the Spark job writes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, run_cli, shared_dir

pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(
        os.environ.get("MINUTES_SPARK") != "1",
        reason="the Spark test is opt-in: set MINUTES_SPARK=1 (needs pyspark, pyarrow and Java)",
    ),
]

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "spark_resolutions.py"


def test_parquet_rows_equal_cli_resolution_parts(minutes_bin, tmp_path):
    pytest.importorskip("pyspark", reason="pyspark is not installed (python/setup.sh installs it)")
    pq = pytest.importorskip("pyarrow.parquet")
    shared = shared_dir()
    if shared is None:
        pytest.skip("the shared corpus is absent (../shared): the Spark test needs its PDFs")
    corpus = shared / "corpus" / "pdf"
    # The example reads `*.{txt,pdf}` directly in each folder; the CLI gets the same files.
    files = sorted(FIXTURES.glob("*.txt")) + sorted(corpus.glob("*.pdf"))
    assert len(files) > 40

    out = tmp_path / "spark-out"
    proc = subprocess.run(
        [sys.executable, str(EXAMPLE), str(FIXTURES), str(corpus), "--out", str(out)],
        capture_output=True, text=True, check=False, timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    summary = json.loads(proc.stdout.strip().splitlines()[-1])

    records, errors = run_cli(minutes_bin, ["-j2", *map(str, files)])
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records))
    query = subprocess.run(
        [str(minutes_bin), "query", str(jsonl), "--kind", "resolution", "--format", "jsonl",
         "--limit", "100000000"],
        cwd=REPO, capture_output=True, check=False,
    )
    assert query.returncode in (0, 1), query.stderr
    cli_parts = [json.loads(line) for line in query.stdout.splitlines() if line.strip()]

    table = pq.read_table(out / "resolutions")
    assert table.num_rows == len(cli_parts) == summary["parquet_rows"] > 0
    # The same parts, not only as many: by id, and per body.
    assert sorted(table.column("part_id").to_pylist()) == sorted(r["id"] for r in cli_parts)
    assert Counter(table.column("body").to_pylist()) == Counter(r["body"] for r in cli_parts)
    assert summary["documents"] == len(files)
    assert summary["records"] == len(records)
    assert summary["errors"] == dict(Counter(e["code"] for e in errors))
    docs = pq.read_table(out / "documents")
    assert docs.num_rows == len(files)
