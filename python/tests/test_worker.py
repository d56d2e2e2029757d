"""pdf_worker: PDFs extracted in a child process give the same records and codes."""

from __future__ import annotations

import pytest

import council_minutes as cm

SMALL = "014_souldern-playground-open-meeting-notes-2020-03-05.pdf"
LOCKED = "038_louisiana-bese-minutes-password-protected.pdf"


def workers(minutes_bin):
    bundled = cm.bundled_pdf_worker()
    assert bundled, "council-minutes-pdf-worker is not installed with the package"
    return [bundled, str(minutes_bin)]


def test_worker_records_equal_in_process(corpus_pdf, minutes_bin):
    data = (corpus_pdf / SMALL).read_bytes()
    here = cm.parse_bytes(data, SMALL)
    for exe in workers(minutes_bin):
        assert cm.parse_bytes(data, SMALL, pdf_worker=exe, timeout=60, max_memory=2 << 30) == here
        assert cm.source_text(data, pdf_worker=exe) == cm.source_text(data)
    text = b"Minutes of a meeting of the Cabinet held on 20 June 2012\n"
    assert cm.parse_bytes(text, pdf_worker=workers(minutes_bin)[0]) == cm.parse_bytes(text)


def test_worker_errors_keep_their_codes(corpus_pdf, minutes_bin):
    locked = (corpus_pdf / LOCKED).read_bytes()
    for exe in workers(minutes_bin):
        with pytest.raises(cm.CouncilMinutesError) as info:
            cm.parse_bytes(locked, pdf_worker=exe)
        assert info.value.code == "pdf-encrypted"
        with pytest.raises(cm.CouncilMinutesError) as info:
            cm.parse_pdf(b"<html>302 Found</html>", pdf_worker=exe)
        assert info.value.code == "not-a-pdf"
        with pytest.raises(cm.CouncilMinutesError) as info:
            cm.parse_pdf(b"", pdf_worker=exe)
        assert info.value.code == "empty-input"


def test_a_missing_worker_is_an_error():
    with pytest.raises(cm.CouncilMinutesError) as info:
        cm.parse_bytes(b"%PDF-1.4\n", pdf_worker="/nonexistent/minutes")
    assert info.value.code in ("pdf-extractor-failed", "io")
