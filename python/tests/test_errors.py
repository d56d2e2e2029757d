"""Inputs that give no record raise CouncilMinutesError with the CLI's code."""

from __future__ import annotations

import json
import pickle

import pytest

import council_minutes as cm
from conftest import REPO, relative, run_cli

# (name, bytes, code): each also checked against the CLI's code for the same bytes.
TABLE = [
    ("empty", b"", "empty-input"),
    ("whitespace", b"  \n\t\r\n \n", "empty-input"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "unsupported-format"),
    ("postscript", b"%!PS-Adobe-3.0\n%%Creator: PScript5.dll\n", "unsupported-format"),
    ("html", b"<html><head><title>302 Found</title></head><body>Found</body></html>", "unsupported-format"),
    ("damaged-pdf-header", b"junk junk %PDF-", "not-a-pdf"),
    ("truncated-pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "pdf-corrupt"),
]


@pytest.mark.parametrize("name,data,code", TABLE, ids=[t[0] for t in TABLE])
def test_error_codes(name, data, code):
    with pytest.raises(cm.CouncilMinutesError) as info:
        cm.parse_bytes(data, f"{name}.bin")
    e = info.value
    assert e.code == code
    assert e.path == f"{name}.bin"
    assert e.message and e.message == e.message.rstrip(".")
    assert str(e).endswith(f"[{code}]")


def test_codes_equal_the_clis(minutes_bin, tmp_path):
    paths = []
    for name, data, _ in TABLE:
        p = tmp_path / f"{name}.bin"
        p.write_bytes(data)
        paths.append(p)
    records, errors = run_cli(minutes_bin, [str(p) for p in paths])
    assert records == []
    cli = {e["path"]: (e["code"], e["message"]) for e in errors}
    for p, (_, data, code) in zip(paths, TABLE):
        with pytest.raises(cm.CouncilMinutesError) as info:
            cm.parse_bytes(data, str(p))
        assert (info.value.code, info.value.message) == cli[str(p)]


def test_parse_pdf_refuses_what_is_not_a_pdf():
    html = b"<html><head><title>302 Found</title></head><body>Found</body></html>"
    with pytest.raises(cm.CouncilMinutesError) as info:
        cm.parse_pdf(html)
    assert info.value.code == "not-a-pdf"
    with pytest.raises(cm.CouncilMinutesError) as info:
        cm.parse_pdf(b"Minutes of a meeting of the Cabinet held on 20 June 2012\n")
    assert info.value.code == "not-a-pdf"
    with pytest.raises(cm.CouncilMinutesError) as info:
        cm.parse_pdf(b"")
    assert info.value.code == "empty-input"


def test_too_large_and_empty_text():
    with pytest.raises(cm.CouncilMinutesError) as info:
        cm.parse_bytes(b"Minutes of the Cabinet\n" * 10, max_input_bytes=100)
    assert info.value.code == "too-large"
    with pytest.raises(cm.CouncilMinutesError) as info:
        cm.parse_text("   \n")
    assert info.value.code == "empty-input"


def test_io_error(tmp_path):
    missing = tmp_path / "missing.txt"
    with pytest.raises(cm.CouncilMinutesError) as info:
        cm.parse_path(missing)
    assert info.value.code == "io"
    assert info.value.path == str(missing)
    with pytest.raises(cm.CouncilMinutesError) as info:
        cm.parse_path(tmp_path)
    assert info.value.code == "io"


def test_the_exception_pickles_with_its_code():
    e = cm.CouncilMinutesError("pdf-encrypted", "the PDF is encrypted", "a.pdf")
    back = pickle.loads(pickle.dumps(e))
    assert (back.code, back.message, back.path) == ("pdf-encrypted", "the PDF is encrypted", "a.pdf")
    assert isinstance(back, Exception)


def test_bad_arguments():
    with pytest.raises(TypeError):
        cm.parse_bytes("text, not bytes")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        cm.parse_bytes(b"x", date_order="sideways")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        cm.parse_bytes(b"x", timeout=5)  # limits need a pdf_worker
    with pytest.raises(ValueError):
        cm.parse_bytes(b"x", convert="xml")  # type: ignore[arg-type]


def test_encrypted_pdf_per_the_corpus_gold(corpus_pdf, minutes_bin):
    """The corpus's password-protected PDF: gold expects an error, the CLI says pdf-encrypted."""
    manifest = (corpus_pdf / "MANIFEST.tsv").read_text().splitlines()
    header = manifest[0].split("\t")
    rows = [dict(zip(header, line.split("\t"))) for line in manifest[1:] if line]
    locked = [r["file"] for r in rows if "password" in r["notes"] and "NEGATIVE" in r["notes"]]
    assert locked, "the manifest names no password-protected PDF"
    for name in locked:
        gold = json.loads((corpus_pdf / "gold" / name.replace(".pdf", ".gold.json")).read_text())
        assert gold["expect"] == "error"
        path = corpus_pdf / name
        _, errors = run_cli(minutes_bin, [relative(path)])
        assert [e["code"] for e in errors] == ["pdf-encrypted"]
        for parse in (cm.parse_bytes, cm.parse_pdf):
            with pytest.raises(cm.CouncilMinutesError) as info:
                parse(path.read_bytes(), name)
            assert info.value.code == "pdf-encrypted"


def test_every_gold_error_is_an_error(corpus_pdf):
    for gold_file in sorted((corpus_pdf / "gold").glob("*.gold.json")):
        gold = json.loads(gold_file.read_text())
        if gold.get("expect") != "error":
            continue
        pdf = corpus_pdf / gold_file.name.replace(".gold.json", ".pdf")
        with pytest.raises(cm.CouncilMinutesError):
            cm.parse_bytes(pdf.read_bytes())
