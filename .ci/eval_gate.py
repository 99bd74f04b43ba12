#!/usr/bin/env python3
"""Extraction quality gate: score `dossier eval extraction` on the dev set and
compare with the pinned floor in eval_baseline.json.

usage: eval_gate.py DOSSIER_BIN EVAL_DIR [--allow-regression]

Fails (exit 1) when F1 drops more than the stated epsilon below the floor, or
when the evaluation data changed (its SHA-256 differs from the pinned one):
then re-measure and update eval_baseline.json in a commit that says why.
"""
import hashlib
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    allow_regression = "--allow-regression" in sys.argv
    binary, eval_dir = args
    baseline = json.load(open(os.path.join(ROOT, "eval_baseline.json")))["extraction"]
    evaldata = os.path.join(eval_dir, "dev", "evaldata.json")
    pages = os.path.join(eval_dir, "dev", "pages.tar.gz")
    data_sha = sha256(pages)
    if data_sha != baseline["pages_sha256"]:
        print(f"evaluation data changed: {data_sha} != pinned {baseline['pages_sha256']}")
        sys.exit(1)
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(pages) as tar:
            tar.extractall(tmp, filter="data")
        pred = os.path.join(tmp, "pred.json")
        with open(pred, "w") as f:
            subprocess.run([binary, "eval", "extraction", tmp], stdout=f, check=True)
        scored = subprocess.run(
            [sys.executable, os.path.join(eval_dir, "score_segments.py"), evaldata, pred, "5"],
            capture_output=True, text=True, check=True).stdout
    print(scored.strip())
    f1 = float(re.search(r"f1=([0-9.]+)", scored).group(1))
    floor, eps = baseline["f1_floor"], baseline["epsilon"]
    print(f"extraction dev F1 {f1:.3f} (floor {floor:.3f}, epsilon {eps:.3f}, change {f1 - floor:+.3f})")
    if f1 < floor - eps and not allow_regression:
        print("FAILED: extraction F1 fell below its floor")
        sys.exit(1)


if __name__ == "__main__":
    main()
