"""parse_many gives what parse_bytes gives one at a time, in input order."""

from __future__ import annotations

import pytest

import council_minutes as cm
from conftest import fixture_texts, relative

INPUTS = [(relative(p), p.read_bytes()) for p in fixture_texts()]


@pytest.mark.parametrize("jobs", [1, 2, 4])
def test_parse_many_equals_one_at_a_time(jobs):
    paths = [p for p, _ in INPUTS]
    data = [d for _, d in INPUTS]
    expected = [cm.parse_bytes(d, p) for p, d in INPUTS]
    assert cm.parse_many(data, jobs=jobs, paths=paths) == expected
    assert cm.parse_many(data * 3, jobs=jobs) == [cm.parse_bytes(d) for d in data * 3]


def test_failures_in_place_or_raised():
    data = [INPUTS[0][1], b"", INPUTS[1][1], b"\x89PNG\r\n\x1a\n"]
    paths = ["a.txt", "b.txt", "c.txt", "d.png"]
    got = cm.parse_many(data, jobs=2, paths=paths, return_exceptions=True)
    assert got[0] == cm.parse_bytes(data[0], "a.txt")
    assert got[2] == cm.parse_bytes(data[2], "c.txt")
    assert isinstance(got[1], cm.CouncilMinutesError) and got[1].code == "empty-input"
    assert got[1].path == "b.txt"
    assert isinstance(got[3], cm.CouncilMinutesError) and got[3].code == "unsupported-format"
    with pytest.raises(cm.CouncilMinutesError) as info:
        cm.parse_many(data, jobs=2, paths=paths)
    assert info.value.path == "b.txt"  # the first failure in input order


def test_edges():
    assert cm.parse_many([], jobs=2) == []
    one = INPUTS[0][1]
    assert cm.parse_many(iter([one]), jobs=None) == [cm.parse_bytes(one)]
    with pytest.raises(ValueError):
        cm.parse_many([one], paths=["a", "b"])
    with pytest.raises(ValueError):
        cm.parse_many([one], jobs=0)
    with pytest.raises(TypeError):
        cm.parse_many([one, "text"])  # type: ignore[list-item]


def test_threads_share_the_module():
    """The GIL is released while parsing: Python threads may call it at once."""
    from concurrent.futures import ThreadPoolExecutor

    data = [d for _, d in INPUTS] * 4
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(cm.parse_bytes, data))
    assert got == [cm.parse_bytes(d) for d in data]
