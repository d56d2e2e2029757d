"""Records from the module equal the CLI's JSON, input for input."""

from __future__ import annotations

import os

import pytest

import council_minutes as cm
from conftest import REPO, by_path, fixture_texts, relative, run_cli

TEXTS = fixture_texts()

# PDFs too slow to extract in a debug build of the module (CI builds it without --release).
SLOW_PDFS = ("043_",)


@pytest.fixture(scope="module")
def cli_fixture_records(minutes_bin):
    records, errors = run_cli(minutes_bin, ["fixtures", "--glob", "*.txt"])
    assert not errors, errors
    return by_path(records)


def test_every_fixture_is_compared(cli_fixture_records):
    assert len(TEXTS) >= 10
    assert sorted(cli_fixture_records) == sorted(relative(p) for p in TEXTS)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_fixture_record_equals_cli(path, cli_fixture_records):
    rel = relative(path)
    expected = cli_fixture_records[rel]
    assert cm.parse_bytes(path.read_bytes(), rel) == expected
    # parse_path records the path as given, like the CLI.
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        assert cm.parse_path(rel) == expected
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_parse_text_equals_parse_bytes_for_utf8(path):
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: parse_text takes decoded text, spans would differ")
    if text.startswith("\ufeff"):
        pytest.skip("a BOM: bytes and text differ by it")
    assert cm.parse_text(text, "x") == cm.parse_bytes(data, "x")


@pytest.mark.parametrize("convert", ["pythonize", "json"])
def test_both_conversions_give_the_same_objects(convert, cli_fixture_records):
    for path in TEXTS:
        rel = relative(path)
        assert cm.parse_bytes(path.read_bytes(), rel, convert=convert) == cli_fixture_records[rel]


def corpus_pdfs(corpus_pdf):
    fast = os.environ.get("MINUTES_PY_SLOW") == "1"
    return [p for p in sorted(corpus_pdf.glob("*.pdf")) if fast or not p.name.startswith(SLOW_PDFS)]


def test_corpus_pdf_records_and_errors_equal_cli(minutes_bin, corpus_pdf):
    """Every corpus PDF: the same record, or the same error code, as the CLI."""
    pdfs = corpus_pdfs(corpus_pdf)
    assert pdfs
    records, errors = run_cli(minutes_bin, [relative(p) for p in pdfs])
    cli = by_path(records)
    cli_errors = {e["path"]: e["code"] for e in errors}
    assert len(cli) + len(cli_errors) == len(pdfs)
    got = cm.parse_many(
        [p.read_bytes() for p in pdfs], jobs=2, paths=[relative(p) for p in pdfs],
        return_exceptions=True,
    )
    for p, result in zip(pdfs, got):
        rel = relative(p)
        if rel in cli_errors:
            assert isinstance(result, cm.CouncilMinutesError), rel
            assert result.code == cli_errors[rel], rel
            assert result.path == rel
        else:
            assert isinstance(result, dict), (rel, result)
            assert result == cli[rel], rel
