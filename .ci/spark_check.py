#!/usr/bin/env python3
"""Runs Dossier's per-article stage under Apache Spark (PySpark from PyPI,
local mode) and checks that `dossier load` of Spark's output gives the same
record as a direct `dossier ingest` of the same documents.

    python3 .ci/spark_check.py target/release/dossier [--dev 3000]

The documents: the bundled sample's HTML pages and JSON Lines records, plus,
with `--dev N` and ../shared present, N documents resampled from the shared
dev sets by bench/resample.py (never copied into the repository). Spark
pipes them through `dossier extract -` (scripts/spark_extract.py); the part
files are loaded into one store, the documents ingested into another, and
both stores' articles, claims and full event export compared. The one
difference allowed is provenance that names where a document without a URL
was read: `docs.jsonl line 7` in the direct run, `- line 2` on a Spark
task's stdin.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import venv

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOCAL = re.compile(r"^(-|/[^\"]*) line \d+$")


def documents(path, dev):
    """Writes the input documents; returns how many."""
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        sample = os.path.join(ROOT, "sample")
        for folder, _, files in sorted(os.walk(sample)):
            for name in sorted(files):
                file = os.path.join(folder, name)
                if name.endswith(".jsonl"):
                    for line in open(file, encoding="utf-8"):
                        if line.strip():
                            out.write(line.rstrip("\n") + "\n")
                            count += 1
                elif name.endswith((".html", ".htm")):
                    try:
                        html = open(file, encoding="utf-8").read()
                    except UnicodeDecodeError:
                        continue  # a JSON line holds text: legacy-charset pages stay files
                    out.write(json.dumps({"html": html}) + "\n")
                    count += 1
        if dev:
            resampled = path + ".dev"
            subprocess.run([sys.executable, os.path.join(ROOT, "bench", "resample.py"), "--n", str(dev),
                            "--out", resampled], check=True, stdout=subprocess.DEVNULL)
            for line in open(resampled, encoding="utf-8"):
                doc = json.loads(line)
                out.write(json.dumps({"title": None, "published": doc["published"], "text": doc["text"]}) + "\n")
                count += 1
    return count


def normalise(value):
    """Provenance naming where a URL-less document was read made equal."""
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, str) and LOCAL.match(value):
        return "(read locally)"
    return value


def record(binary, db):
    run = lambda *a: subprocess.run([binary, "--db", db, "--json", *a], check=True,
                                    capture_output=True, text=True).stdout.splitlines()
    return {
        "articles": sorted(run("articles", "--limit", "1000000")),
        "claims": sorted(run("claims", "--limit", "1000000")),
        "events": [normalise(json.loads(l)) for l in run("export", "--format", "jsonl")],
    }


def main():
    binary = os.path.abspath(sys.argv[1])
    dev = int(sys.argv[sys.argv.index("--dev") + 1]) if "--dev" in sys.argv else 0
    if dev and not os.path.isdir(os.path.join(ROOT, "..", "shared", "eval")):
        print("no ../shared/eval: the sample only")
        dev = 0
    with tempfile.TemporaryDirectory() as work:
        env_dir = os.path.join(work, "venv")
        venv.create(env_dir, with_pip=True)
        python = os.path.join(env_dir, "bin", "python")
        subprocess.run([python, "-m", "pip", "install", "-q", "pyspark==4.3.0"], check=True)
        docs = os.path.join(work, "docs.jsonl")
        n = documents(docs, dev)
        print(f"{n} documents")

        direct = os.path.join(work, "direct.db")
        started = time.time()
        subprocess.run([binary, "--db", direct, "ingest", docs], check=True, stdout=subprocess.DEVNULL)
        print(f"direct ingest: {time.time() - started:.1f} s")

        parts = os.path.join(work, "outcomes")
        subprocess.run([python, os.path.join(ROOT, "scripts", "spark_extract.py"), docs, parts,
                        "--dossier", binary, "--partitions", "8"], check=True)
        spark = os.path.join(work, "spark.db")
        started = time.time()
        loaded = subprocess.run([binary, "--db", spark, "--json", "load", parts], check=True,
                                capture_output=True, text=True).stdout
        summary = json.loads(loaded)
        print(f"load: {time.time() - started:.1f} s; read {summary['read']}, stored {summary['stored']}, "
              f"duplicates {summary['duplicates']}, problems {len(summary['problems'])}")

        a, b = record(binary, direct), record(binary, spark)
        for part in ("articles", "claims", "events"):
            if a[part] != b[part]:
                print(f"FAILED: the {part} differ ({len(a[part])} direct, {len(b[part])} through Spark)")
                for x, y in zip(a[part], b[part]):
                    if x != y:
                        print("direct:", json.dumps(x)[:600])
                        print("spark: ", json.dumps(y)[:600])
                        break
                sys.exit(1)
            print(f"{part}: {len(a[part])} equal")
        print("Spark + dossier load gives the same record as a direct ingest")


if __name__ == "__main__":
    main()
