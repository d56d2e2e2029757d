#!/bin/sh
# Seeds the fuzz corpora from the fixtures: every fixtures/*.txt (and fixtures/pdf/*.pdf when
# present) for parse_text / parse_pdf, plus the small PDFs of /work/shared/corpus/pdf (or
# $PDF_SEEDS) under the parse_pdf target's 256 KiB cap.
set -eu
cd "$(dirname "$0")"
mkdir -p corpus/parse_text corpus/parse_pdf
cp ../fixtures/*.txt corpus/parse_text/
if [ -d ../fixtures/pdf ]; then cp ../fixtures/pdf/*.pdf corpus/parse_pdf/; fi
seeds="${PDF_SEEDS:-/work/shared/corpus/pdf}"
if [ -d "$seeds" ]; then
    find "$seeds" -name '*.pdf' -size -256k -exec cp {} corpus/parse_pdf/ \;
fi
# The cyclic and deep PDF shapes of tests/pathological.rs (self-drawing forms, a looping page
# tree), written by a test.
(cd .. && MINUTES_FUZZ_SEEDS="$PWD/fuzz/corpus/parse_pdf" \
    cargo test -q --test pathological -- cyclic_shapes_as_fuzz_seeds >/dev/null)
# A few text seeds for the PDF target too: detection must refuse them cleanly.
# (parse_text has a dictionary: run it with -dict=parse_text.dict.)
cp ../fixtures/agenda.txt corpus/parse_pdf/
ls corpus/parse_text | wc -l
ls corpus/parse_pdf | wc -l
