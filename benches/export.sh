#!/usr/bin/env bash
# The export bars, measured in one run over a synthetic archive built from fixtures/*.txt:
#
#   1. `minutes export sqlite` of the records of $DOCS documents takes under 3x the time that
#      `minutes parse` takes to produce those records (default -j, as a user runs it);
#   2. `minutes query DB --search ...` over that database answers in under 100 ms (wall clock of
#      the whole command, process start included).
#
#   benches/export.sh              # 10,000 documents, best of 3 interleaved runs
#   DOCS=50000 benches/export.sh   # a larger archive
#   KEEP=1 benches/export.sh       # keep the archive, records and database (printed path)
#
# Also reported, not barred: --upsert of the same records into the full database, and CSV export.
set -euo pipefail
cd "$(dirname "$0")/.."

DOCS=${DOCS:-10000}
REPEAT=${REPEAT:-3}
QUERIES=${QUERIES:-10}
target=${CARGO_TARGET_DIR:-target}

echo "==> cargo build --release"
cargo build --release --quiet 2> "${TMPDIR:-/tmp}/minutes-export-build.log" || {
    cat "${TMPDIR:-/tmp}/minutes-export-build.log" >&2
    exit 1
}
bin="$target/release/minutes"
[ -x "$bin" ] || { echo "no binary at $bin" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/minutes-export-bench.XXXXXX")
if [ -z "${KEEP:-}" ]; then
    trap 'rm -rf "$work"' EXIT
fi

echo "==> building an archive of $DOCS documents in $work"
python3 - "$work/archive" "$DOCS" <<'PY'
import os, sys, glob
out, n = sys.argv[1], int(sys.argv[2])
texts = [open(p, "rb").read() for p in sorted(glob.glob("fixtures/*.txt"))]
for i in range(n):
    folder = os.path.join(out, f"council-{i // 1000:02d}", str(2000 + (i // 100) % 10))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"doc-{i:06d}.txt"), "wb") as f:
        f.write(texts[i % len(texts)] + f"\n\nArchive copy {i}\n".encode())
PY
cat "$work"/archive/*/*/* > /dev/null

seconds() { # seconds CMD...: wall-clock seconds of one run
    local start end
    start=$EPOCHREALTIME
    "$@"
    end=$EPOCHREALTIME
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }'
}
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a < b) ? a : b }'; }

parse_best="" export_best=""
for run in $(seq 1 "$REPEAT"); do
    t=$(seconds "$bin" parse "$work/archive" -q -o "$work/records.jsonl")
    parse_best=$(min "$t" "$parse_best")
    rm -f "$work/minutes.db"
    u=$(seconds "$bin" export sqlite "$work/minutes.db" "$work/records.jsonl" -q --no-metadata)
    export_best=$(min "$u" "$export_best")
    echo "    run $run: parse $t s, export sqlite $u s"
done
records=$(wc -l < "$work/records.jsonl")
mib=$(( $(stat -c %s "$work/records.jsonl") / 1024 / 1024 ))
db_mib=$(( $(stat -c %s "$work/minutes.db") / 1024 / 1024 ))
ratio=$(awk -v e="$export_best" -v p="$parse_best" 'BEGIN { printf "%.2f", e / p }')
verdict=$(awk -v r="$ratio" 'BEGIN { print (r < 3) ? "PASS" : "FAIL" }')
echo
echo "records: $records ($mib MiB of JSON Lines) -> database of $db_mib MiB"
echo "parse   $DOCS documents (-j $(nproc)): best $parse_best s"
echo "export  sqlite:                 best $export_best s"
echo "bar 1: export / parse = ${ratio}x (bar: < 3x)  $verdict"

upsert=$(seconds "$bin" export sqlite "$work/minutes.db" "$work/records.jsonl" -q --no-metadata --upsert)
csv=$(seconds "$bin" export csv "$work/csv" "$work/records.jsonl" -q)
echo "also:   --upsert of the same $records records into it: $upsert s; export csv: $csv s"

echo
echo "bar 2: query --search over the database, $QUERIES runs each (wall clock, process start included)"
query() { "$bin" query "$work/minutes.db" --search "$1" --format jsonl > "$work/q.out" || true; }
worst=0
for q in '"mobile library routes"' 'budget' 'library OR closure*' 'consultation NOT budget'; do
    times=()
    for _ in $(seq 1 "$QUERIES"); do
        times+=("$(seconds query "$q")")
    done
    rows=$(wc -l < "$work/q.out")
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    max=$(printf '%s\n' "${times[@]}" | sort -n | tail -1)
    printf '    %-28s %6d rows  median %.0f ms  max %.0f ms\n' "$q" "$rows" \
        "$(awk -v t="$median" 'BEGIN { print t * 1000 }')" "$(awk -v t="$max" 'BEGIN { print t * 1000 }')"
    worst=$(awk -v a="$median" -v b="$worst" 'BEGIN { print (a > b) ? a : b }')
done
verdict=$(awk -v w="$worst" 'BEGIN { print (w < 0.1) ? "PASS" : "FAIL" }')
echo "bar 2: slowest median $(awk -v t="$worst" 'BEGIN { printf "%.0f", t * 1000 }') ms (bar: < 100 ms)  $verdict"
[ -n "${KEEP:-}" ] && echo "kept: $work"
exit 0
