"""resolution_parts: the rows the Spark example writes, checked against the CLI's own count."""

from __future__ import annotations

import json
import subprocess

import council_minutes as cm
from conftest import REPO, run_cli


def flat_count(parts):
    return sum(1 + flat_count(p["parts"]) for p in parts)


def test_rows_cover_every_nested_resolution_part(minutes_bin):
    records, _ = run_cli(minutes_bin, ["fixtures", "--glob", "*.txt"])
    for r in records:
        rows = list(cm.resolution_parts(r))
        expected = sum(
            flat_count(i["resolutions"]) for m in r["meetings"] for i in m["items"]
        )
        assert len(rows) == expected, r["source"]["path"]
        assert len({row["part_id"] for row in rows}) == len(rows)
    nested = [row for r in records for row in cm.resolution_parts(r) if row["depth"] > 0]
    assert nested, "the fixtures should hold nested resolution parts"
    assert all("." in row["part_id"].rsplit(":", 1)[1] for row in nested)


def test_row_count_equals_minutes_query(minutes_bin, tmp_path):
    """`minutes query --kind resolution` counts the same parts (an independent implementation)."""
    records, _ = run_cli(minutes_bin, ["fixtures", "--glob", "*.txt"])
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records))
    out = subprocess.run(
        [str(minutes_bin), "query", str(jsonl), "--kind", "resolution", "--format", "jsonl",
         "--limit", "1000000"],
        cwd=REPO, capture_output=True, check=False,
    )
    assert out.returncode in (0, 1), out.stderr
    cli_rows = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    ours = [row for r in records for row in cm.resolution_parts(r)]
    assert len(ours) == len(cli_rows) > 0
    assert sorted(row["part_id"] for row in ours) == sorted(row["id"] for row in cli_rows)
