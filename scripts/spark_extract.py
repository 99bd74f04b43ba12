#!/usr/bin/env python3
"""Run Dossier's per-article stage on Apache Spark.

Each Spark task pipes its partition of JSON Lines documents
(`{"url"?, "outlet"?, "title"?, "published"?, "text" | "html"}` per line)
through `dossier extract -` and Spark writes the outcomes (one JSON line per
document: kept article with its annotation layers, rejected, or failed) as
part files. `dossier load OUTPUT_DIR` then stores them and links once.

    spark-submit scripts/spark_extract.py docs.jsonl out/ --dossier /opt/dossier/bin/dossier
    dossier --db dossier.db load out/

On a cluster, put the `dossier` binary at the same path on every worker (or
ship it with `--files` and give `--dossier ./dossier`); the knowledge base is
compiled into it, so nothing else is needed. Locally it runs in
`local[N]` mode.
"""
import argparse
import os
import shutil
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("input", help="JSON Lines documents (a file, a folder or a glob Spark reads)")
    parser.add_argument("output", help="folder for the outcome part files (replaced)")
    parser.add_argument("--dossier", default="dossier", help="the dossier binary on the workers")
    parser.add_argument("--partitions", type=int, default=0,
                        help="input partitions (default: twice the cores)")
    parser.add_argument("--master", default=None, help="Spark master (default: local[*] unless set)")
    args = parser.parse_args()

    from pyspark import SparkConf, SparkContext

    conf = SparkConf().setAppName("dossier-extract").set("spark.ui.showConsoleProgress", "false")
    if args.master:
        conf = conf.setMaster(args.master)
    elif not conf.contains("spark.master"):
        conf = conf.setMaster("local[*]")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    partitions = args.partitions or 2 * sc.defaultParallelism
    if os.path.exists(args.output):
        shutil.rmtree(args.output)
    started = time.time()
    documents = sc.textFile(args.input, minPartitions=partitions)
    # the binary reads JSON Lines on stdin and writes one outcome per line;
    # `--json` is not needed: extract always prints JSON
    # one Spark task is one core: the binary should not spread over the
    # others with its own thread pool
    outcomes = documents.pipe(f"{args.dossier} extract -", env={"RAYON_NUM_THREADS": "1"})
    outcomes.saveAsTextFile(args.output)
    seconds = time.time() - started
    count = sc.textFile(args.output).count()
    cores = sc.defaultParallelism
    print(f"spark: {count} outcomes from {documents.getNumPartitions()} partitions on {cores} cores "
          f"in {seconds:.1f} s ({count / seconds / cores:.1f} documents/s per core)", file=sys.stderr)
    sc.stop()


if __name__ == "__main__":
    main()
