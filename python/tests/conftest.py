"""Shared fixtures: the repository, the `minutes` binary to compare with, the shared corpus.

The CLI is the reference: records from the module must equal what `minutes parse` prints for
the same bytes and path. Which binary: $MINUTES_BIN, else the newest of the usual build
outputs. The shared corpus (../shared beside the repository, or $MINUTES_SHARED) is optional:
tests that need it skip, saying so, when it is absent.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"


def _find_minutes() -> Path | None:
    env = os.environ.get("MINUTES_BIN")
    if env:
        return Path(env)
    candidates = [
        REPO / "target" / "release" / "minutes",
        REPO / "target" / "debug" / "minutes",
        Path("/work/target-py-root/release/minutes"),
    ]
    found = [c for c in candidates if c.is_file()]
    return max(found, key=lambda c: c.stat().st_mtime) if found else None


@pytest.fixture(scope="session")
def minutes_bin() -> Path:
    exe = _find_minutes()
    if exe is None or not exe.is_file():
        msg = (
            "no `minutes` binary to compare with: run `cargo build --release` at the repository "
            "root or set MINUTES_BIN"
        )
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    return exe


def shared_dir() -> Path | None:
    env = os.environ.get("MINUTES_SHARED")
    d = Path(env) if env else REPO.parent / "shared"
    return d if (d / "corpus" / "pdf").is_dir() else None


@pytest.fixture(scope="session")
def corpus_pdf() -> Path:
    d = shared_dir()
    if d is None:
        pytest.skip(
            "the shared corpus is absent (../shared/corpus/pdf beside the repository, or "
            "$MINUTES_SHARED): PDF corpus tests skipped"
        )
    return d / "corpus" / "pdf"


def fixture_texts() -> List[Path]:
    return sorted(FIXTURES.glob("*.txt"))


def run_cli(exe: Path, args: List[str]) -> Tuple[List[dict], List[dict]]:
    """`minutes parse --jsonl ARGS` from the repository root: (records, errors)."""
    errors_file = REPO / "target" / f"pytest-cli-errors-{os.getpid()}.jsonl"
    errors_file.parent.mkdir(exist_ok=True)
    try:
        proc = subprocess.run(
            [str(exe), "parse", "--jsonl", "-q", "--errors", str(errors_file), *args],
            cwd=REPO,
            capture_output=True,
            check=False,
        )
        assert proc.returncode in (0, 1), proc.stderr.decode(errors="replace")
        records = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
        errors = [json.loads(line) for line in errors_file.read_text().splitlines() if line]
    finally:
        errors_file.unlink(missing_ok=True)
    return records, errors


def by_path(records: List[dict]) -> Dict[str, dict]:
    return {r["source"]["path"]: r for r in records}


def relative(p: Path) -> str:
    """The path as the CLI records it when run from the repository root."""
    return os.path.relpath(p, REPO)
