#!/usr/bin/env bash
# Batch throughput and memory of `minutes parse` over synthetic archives built from fixtures/*.txt.
#
#   benches/batch.sh            # 1,000 and 10,000 documents
#   DOCS=50000 benches/batch.sh # a larger second archive
#   KEEP=1 benches/batch.sh     # keep the archives (printed path) for a closer look
#
# Reports documents/s for -j1 and -j2 over the same archive in the same run (best of $REPEAT
# interleaved runs each), the -j2/-j1 ratio, and the peak resident memory (/usr/bin/time -v) of -j2 runs over the
# small and the large archive, to show that memory does not grow with the archive.
set -euo pipefail
cd "$(dirname "$0")/.."

SMALL=${SMALL:-1000}
DOCS=${DOCS:-10000}
REPEAT=${REPEAT:-5}
target=${CARGO_TARGET_DIR:-target}

echo "==> cargo build --release"
cargo build --release --quiet 2> "${TMPDIR:-/tmp}/minutes-batch-build.log" || {
    cat "${TMPDIR:-/tmp}/minutes-batch-build.log" >&2
    exit 1
}
bin="$target/release/minutes"
[ -x "$bin" ] || { echo "no binary at $bin" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time (GNU time) is needed for peak memory" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/minutes-batch-bench.XXXXXX")
if [ -z "${KEEP:-}" ]; then
    trap 'rm -rf "$work"' EXIT
fi

# archive DIR N: N documents in DIR/council-XX/YYYY/doc-NNNNN.txt, 100 per folder. Each is a
# fixture with a unique last line, so every document has its own hash and record.
archive() {
    local dir=$1 n=$2
    mkdir -p "$dir"
    python3 - "$dir" "$n" <<'PY'
import os, sys, glob
out, n = sys.argv[1], int(sys.argv[2])
texts = [open(p, "rb").read() for p in sorted(glob.glob("fixtures/*.txt"))]
for i in range(n):
    folder = os.path.join(out, f"council-{i // 1000:02d}", str(2000 + (i // 100) % 10))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"doc-{i:06d}.txt"), "wb") as f:
        f.write(texts[i % len(texts)] + f"\n\nArchive copy {i}\n".encode())
PY
}

echo "==> building archives of $SMALL and $DOCS documents in $work"
archive "$work/small" "$SMALL"
archive "$work/large" "$DOCS"
bytes=$(du -sb "$work/large" | cut -f1)
echo "    large archive: $DOCS documents, $((bytes / 1024 / 1024)) MiB on disk"

# Warm the page cache so the first timed run is not a disk benchmark.
cat "$work"/large/*/*/* > /dev/null

# run JOBS DIR: prints "seconds peak_kib records"
run() {
    local jobs=$1 dir=$2
    local start end wall rss records cpu
    start=$EPOCHREALTIME
    /usr/bin/time -v -o "$work/time.txt" \
        "$bin" parse "$dir" -q -j "$jobs" > "$work/out.jsonl" 2> "$work/err.txt"
    end=$EPOCHREALTIME
    wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }')
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$work/time.txt")
    records=$(wc -l < "$work/out.jsonl")
    echo "$wall $rss $records $cpu"
}

faster() { # faster A B -> whichever "seconds ..." line has fewer seconds
    if [ -z "$2" ] || awk -v a="${1%% *}" -v b="${2%% *}" 'BEGIN { exit !(a < b) }'; then
        echo "$1"
    else
        echo "$2"
    fi
}

load0=$(cut -d' ' -f1-3 /proc/loadavg)
echo "==> minutes parse <archive> -q -jN > out.jsonl   (best of $REPEAT, -j1 and -j2 interleaved)"
b1="" b2="" bs=""
for _ in $(seq "$REPEAT"); do
    b1=$(faster "$(run 1 "$work/large")" "$b1")
    b2=$(faster "$(run 2 "$work/large")" "$b2")
    bs=$(faster "$(run 2 "$work/small")" "$bs")
done
read -r t1 m1 r1 c1 <<< "$b1"
read -r t2 m2 r2 c2 <<< "$b2"
read -r ts ms rs cs <<< "$bs"
[ "$r1" = "$DOCS" ] && [ "$r2" = "$DOCS" ] && [ "$rs" = "$SMALL" ] || {
    echo "unexpected record counts: $r1 $r2 $rs" >&2
    exit 1
}
if ! cmp -s <("$bin" parse "$work/small" -q -j1) <("$bin" parse "$work/small" -q -j2); then
    echo "-j1 and -j2 outputs differ" >&2
    exit 1
fi

awk -v n="$DOCS" -v s="$SMALL" -v t1="$t1" -v t2="$t2" -v m1="$m1" -v m2="$m2" -v ts="$ts" -v ms="$ms" \
    -v c1="$c1" -v c2="$c2" -v cs="$cs" -v mb="$bytes" 'BEGIN {
    printf "\n%-26s %9s %12s %8s %9s %13s\n", "run", "seconds", "documents/s", "MB/s", "CPU s", "peak RSS MiB"
    printf "%-26s %9.3f %12.0f %8.1f %9.2f %13.1f\n", "-j1, " n " documents", t1, n / t1, mb / t1 / 1e6, c1, m1 / 1024
    printf "%-26s %9.3f %12.0f %8.1f %9.2f %13.1f\n", "-j2, " n " documents", t2, n / t2, mb / t2 / 1e6, c2, m2 / 1024
    printf "%-26s %9.3f %12.0f %8s %9.2f %13.1f\n", "-j2, " s " documents", ts, s / ts, "", cs, ms / 1024
    printf "\n-j2 / -j1 throughput: %.2fx   (bar: >= 1.7x)\n", t1 / t2
    printf "peak RSS, %d vs %d documents (-j2): %.1f vs %.1f MiB   (bar: < 200 MiB, not growing)\n", s, n, ms / 1024, m2 / 1024
}'
echo "cores: $(nproc)   load average before/after: $load0 / $(cut -d' ' -f1-3 /proc/loadavg)   binary: $bin"
echo "(wall-clock ratios need an otherwise idle machine; CPU s shows the work itself)"
