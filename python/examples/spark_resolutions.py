#!/usr/bin/env python3
"""Minutes → one Parquet row per resolution part, with PySpark (local mode by default).

    python examples/spark_resolutions.py ../fixtures ../../shared/corpus/pdf --out spark-out

Reads every file matching --glob (default ``*.{txt,pdf}``) directly in each input folder with
``spark.read.format("binaryFile")``, parses each with ``council_minutes.parse_bytes`` inside
``mapInArrow`` (the parser runs in the Python workers: one per Spark task, two at a time with
``local[2]``), and writes:

- ``OUT/resolutions/``: Parquet, one row per resolution part (``council_minutes.resolution_parts``:
  every Part in ``items[].resolutions`` and every Part nested in one), with the document id, path,
  meeting date (a date), body, item number and title, label, label path, depth, text, page and
  line, and the part's id as in ``minutes export sqlite``;
- ``OUT/documents/``: Parquet, one row per input file: path, document id (null on error),
  number of resolution parts, error code and message (null on success);

then runs a second query over the written Parquet: resolutions per body (parts, and top-level
resolutions), largest first. The last line on stdout is a JSON summary (documents, records,
errors, parts, seconds, documents/s) that ``bench/ratios.py`` and ``tests/test_spark.py`` read.

On a cluster, pass ``--master`` (or run with spark-submit) and ship the wheel to the executors
(``pip install council-minutes`` in their image, or ``--py-files``/``spark.archives`` with a
packed virtualenv). PDFs are extracted in the Python worker itself, with no time or memory limit:
for untrusted PDFs pass ``--pdf-worker`` so each is extracted in a child process under the CLI's
limits (see the package docs).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any, Dict, Iterator, List, Optional

# Arrow schema of what the parse step emits: part rows and one document row per input.
PART_FIELDS = [
    ("part_id", "string"),
    ("document_id", "string"),
    ("path", "string"),
    ("meeting_index", "int32"),
    ("meeting_date", "string"),
    ("body", "string"),
    ("item_index", "int32"),
    ("item_number", "string"),
    ("item_title", "string"),
    ("label", "string"),
    ("label_path", "string"),
    ("depth", "int32"),
    ("text", "string"),
    ("page", "int32"),
    ("line", "int32"),
    ("span_start", "int64"),
    ("span_end", "int64"),
]
DOC_FIELDS = [
    ("n_parts", "int32"),
    ("error_code", "string"),
    ("error_message", "string"),
]
ROW_TYPE = ("row_type", "string")  # "part" or "document"
ALL_FIELDS = [ROW_TYPE] + PART_FIELDS + DOC_FIELDS


def spark_ddl() -> str:
    spark_types = {"string": "string", "int32": "int", "int64": "bigint"}
    return ", ".join(f"{name} {spark_types[t]}" for name, t in ALL_FIELDS)


def local_path(uri: str) -> str:
    """``file:/a/b.txt`` → ``/a/b.txt``; other schemes (hdfs:, s3a:) stay as they are."""
    if uri.startswith("file://"):
        return uri[len("file://") :]
    if uri.startswith("file:"):
        return uri[len("file:") :]
    return uri


def parse_batches(
    batches: Iterator[Any], pdf_worker: Optional[str] = None
) -> Iterator[Any]:
    """mapInArrow: binaryFile batches (path, content, ...) → part rows and document rows."""
    import pyarrow as pa

    import council_minutes as cm

    types = {"string": pa.string(), "int32": pa.int32(), "int64": pa.int64()}
    schema = pa.schema([(name, types[t]) for name, t in ALL_FIELDS])
    options: Dict[str, Any] = {"pdf_worker": pdf_worker} if pdf_worker else {}
    for batch in batches:
        paths = [local_path(p) for p in batch.column("path").to_pylist()]
        contents = batch.column("content").to_pylist()
        cols: Dict[str, List[Any]] = {name: [] for name, _ in ALL_FIELDS}

        def add(row: Dict[str, Any]) -> None:
            for name in cols:
                cols[name].append(row.get(name))

        # One at a time on this task's thread: Spark already runs one Python worker per core.
        results = cm.parse_many(
            contents, jobs=1, paths=paths, return_exceptions=True, **options
        )
        for path, result in zip(paths, results):
            if isinstance(result, cm.CouncilMinutesError):
                add({"row_type": "document", "path": path, "n_parts": 0,
                     "error_code": result.code, "error_message": result.message})
                continue
            n = 0
            for row in cm.resolution_parts(result):
                row["row_type"] = "part"
                add(row)
                n += 1
            add({"row_type": "document", "path": path, "document_id": result["id"],
                 "n_parts": n})
        yield pa.RecordBatch.from_pydict(cols, schema=schema)


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="folders (or files) of minutes")
    ap.add_argument("--out", required=True, help="output folder (replaced)")
    ap.add_argument("--glob", default="*.{txt,pdf}", help="file names to read [%(default)s]")
    ap.add_argument("--master", default=None,
                    help="Spark master [local[2], or spark-submit's --master under spark-submit]")
    ap.add_argument("--partitions", type=int, default=0,
                    help="repartition the files into N tasks (a shuffle of the files' bytes; by "
                         "default the scan itself is split, at most --split-mb per task)")
    ap.add_argument("--split-mb", type=int, default=4,
                    help="bytes of files per scan task, in MB [%(default)s]")
    ap.add_argument("--pdf-worker", default=None,
                    help="extract PDFs in a child process under time and memory limits: "
                         "'bundled' or the path of a `minutes` binary")
    ap.add_argument("--top", type=int, default=20, help="bodies to print [%(default)s]")
    args = ap.parse_args(argv)

    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F
    from pyspark import StorageLevel

    pdf_worker = args.pdf_worker
    if pdf_worker == "bundled":
        import council_minutes as cm

        pdf_worker = cm.bundled_pdf_worker()

    # The workers must import the same council_minutes as the driver: the driver's Python.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder
    # Under spark-submit the master comes from its --master (the gateway is already running).
    if args.master or "PYSPARK_GATEWAY_PORT" not in os.environ:
        builder = builder.master(args.master or "local[2]")
    spark = (
        builder.appName("council-minutes resolutions")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        # Small Arrow batches: each row carries a whole file.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "16")
        .config("spark.driver.memory", "2g")
        # Files are not split; many small scan tasks keep both cores busy without a shuffle.
        .config("spark.sql.files.maxPartitionBytes", f"{args.split_mb}m")
        .config("spark.sql.files.openCostInBytes", "262144")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("WARN")
    started = time.perf_counter()

    files = None
    for path in args.inputs:
        df = (
            spark.read.format("binaryFile")
            .option("pathGlobFilter", args.glob)
            .option("recursiveFileLookup", "false")
            .load(os.path.abspath(path))
            .select("path", "content")
        )
        files = df if files is None else files.unionByName(df)
    assert files is not None
    if args.partitions:
        files = files.repartition(args.partitions)

    parsed = files.mapInArrow(
        lambda batches: parse_batches(batches, pdf_worker), spark_ddl()
    ).persist(StorageLevel.MEMORY_AND_DISK)

    parts = (
        parsed.where(F.col("row_type") == "part")
        .drop("row_type", *[name for name, _ in DOC_FIELDS])
        .withColumn("meeting_date", F.to_date("meeting_date"))
    )
    documents = parsed.where(F.col("row_type") == "document").select(
        "path", "document_id", "n_parts", "error_code", "error_message"
    )
    out = os.path.abspath(args.out)
    parts.write.mode("overwrite").parquet(os.path.join(out, "resolutions"))
    documents.write.mode("overwrite").parquet(os.path.join(out, "documents"))
    written = time.perf_counter()

    # The second query: resolutions per body, over what was written.
    resolutions = spark.read.parquet(os.path.join(out, "resolutions"))
    per_body = (
        resolutions.groupBy(F.coalesce("body", F.lit("(no body)")).alias("body"))
        .agg(
            F.count(F.lit(1)).alias("parts"),
            F.sum(F.when(F.col("depth") == 0, 1).otherwise(0)).alias("resolutions"),
            F.countDistinct("document_id").alias("documents"),
        )
        .orderBy(F.desc("parts"), "body")
    )
    per_body.show(args.top, truncate=60)

    docs = spark.read.parquet(os.path.join(out, "documents"))
    totals = docs.agg(
        F.count(F.lit(1)).alias("documents"),
        F.sum(F.when(F.col("error_code").isNull(), 1).otherwise(0)).alias("records"),
        F.sum("n_parts").alias("parts"),
    ).first()
    errors = docs.where(F.col("error_code").isNotNull()).groupBy("error_code").count().collect()
    n_docs = int(totals["documents"])
    seconds = written - started
    summary = {
        "documents": n_docs,
        "records": int(totals["records"] or 0),
        "errors": {r["error_code"]: int(r["count"]) for r in errors},
        "parts": int(totals["parts"] or 0),
        "parquet_rows": resolutions.count(),
        "seconds": round(seconds, 3),
        "documents_per_s": round(n_docs / seconds, 2) if seconds > 0 else None,
        "out": out,
    }
    parsed.unpersist()
    spark.stop()
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
