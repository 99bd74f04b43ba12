#!/usr/bin/env python3
"""Clustering gate: run `dossier eval cluster` on the ECB+ dev set, score it
with the kit's own scorer, and compare pairwise and B-cubed F1 with the
pinned floors in eval_baseline.json.

usage: cluster_gate.py DOSSIER_BIN CLUSTERING_DIR

Fails (exit 1) when an F1 drops more than epsilon below its floor, or when
the evaluation data changed (SHA-256 differs from the pinned one).
"""
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    binary, kit = sys.argv[1:3]
    baseline = json.load(open(os.path.join(ROOT, "eval_baseline.json")))["clustering"]
    docs = os.path.join(kit, "dev.docs.jsonl")
    gold = os.path.join(kit, "dev.gold.jsonl")
    for path, key in ((docs, "docs_sha256"), (gold, "gold_sha256")):
        sha = hashlib.sha256(open(path, "rb").read()).hexdigest()
        if sha != baseline[key]:
            print(f"evaluation data changed: {path} {sha} != pinned {baseline[key]}")
            sys.exit(1)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as pred:
        subprocess.run([binary, "eval", "cluster", docs], stdout=pred, check=True)
    scored = subprocess.run(
        [sys.executable, os.path.join(kit, "score_clusters.py"), gold, pred.name],
        capture_output=True, text=True, check=True).stdout
    os.unlink(pred.name)
    print(scored.strip())
    summary = scored.strip().splitlines()[-1]
    values = {
        "pairwise": float(re.search(r"pairwise P [\d.]+ R [\d.]+ F1 ([\d.]+)", summary).group(1)),
        "bcubed": float(re.search(r"B3 P [\d.]+ R [\d.]+ F1 ([\d.]+)", summary).group(1)),
    }
    failed = False
    for metric, floor in baseline["f1_floor"].items():
        value = values[metric]
        ok = value >= floor - baseline["epsilon"]
        failed |= not ok
        print(f"ECB+ dev {metric} F1 {value:.3f} {'>=' if ok else 'is below'} floor {floor:.3f} - {baseline['epsilon']}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
