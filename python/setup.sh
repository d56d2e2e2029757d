#!/usr/bin/env bash
# Builds the Python module into a virtualenv and runs its tests.
#
#   python/setup.sh              # python/.venv; maturin, pytest, pyarrow, pandas, pyspark;
#                                # release builds of the module and of `minutes`; pytest
#   MINUTES_SPARK=1 python/setup.sh   # ... and the PySpark test (tests/test_spark.py)
#   python/setup.sh --ci         # what .ci/run does: maturin and pytest only, a debug build
#                                # sharing the root's target/ (deps already built by cargo test),
#                                # compared with target/debug/minutes
#
# Env: MINUTES_VENV (default python/.venv), CARGO_BUILD_JOBS, MINUTES_BIN (the CLI to compare
# with), PYTHON (default python3). Extra arguments go to pytest.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
cd "$here"

ci=0
if [[ "${1:-}" == "--ci" ]]; then
    ci=1
    shift
fi
venv="${MINUTES_VENV:-$here/.venv}"
py="${PYTHON:-python3}"

if [[ ! -x "$venv/bin/python" ]]; then
    "$py" -m venv "$venv"
fi
pip=("$venv/bin/python" -m pip install -q --disable-pip-version-check)
"${pip[@]}" "maturin>=1.7,<2" "pytest>=7"
if [[ $ci == 0 || "${MINUTES_SPARK:-}" == 1 ]]; then
    # pandas < 3: PySpark 4 warns that it does not yet support pandas 3.
    "${pip[@]}" "pyarrow>=14" "pandas>=2,<3" "pyspark>=3.5"
fi

export VIRTUAL_ENV="$venv"
export PATH="$venv/bin:$PATH"
if [[ $ci == 1 ]]; then
    # The root's target/ already holds the dependencies in the dev profile (cargo test built
    # them); a debug module is enough for the tests, and its build reuses most of them.
    CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}" maturin develop --quiet
    export MINUTES_BIN="${MINUTES_BIN:-$root/target/debug/minutes}"
    if [[ ! -x "$MINUTES_BIN" ]]; then
        (cd "$root" && cargo build --quiet --bin minutes)
    fi
else
    maturin develop --release --quiet
    if [[ -z "${MINUTES_BIN:-}" ]]; then
        (cd "$root" && cargo build --release --quiet --bin minutes)
        export MINUTES_BIN="$root/target/release/minutes"
    fi
fi

set +e
"$venv/bin/python" -m pytest -q -rs tests "$@"
rc=$?
set -e
if [[ $rc == 5 ]]; then
    # pytest's "no tests collected": the suite always has tests, so this is a broken run
    # (a wrong path or filter), not a pass.
    echo "python/setup.sh: pytest collected no tests" >&2
    exit 1
fi
exit $rc
