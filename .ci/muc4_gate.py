#!/usr/bin/env python3
"""Event role-filler gate: run `dossier eval muc4` on the MUC-4 dev set, score
it with the kit's own scorer, and compare the micro F1 with the pinned floor
in eval_baseline.json.

usage: muc4_gate.py DOSSIER_BIN MUC4_DIR

Fails (exit 1) when micro F1 drops more than epsilon below the floor, or when
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
    binary, muc4 = sys.argv[1:3]
    baseline = json.load(open(os.path.join(ROOT, "eval_baseline.json")))["muc4_events"]
    dev = os.path.join(muc4, "dev.jsonl")
    data_sha = hashlib.sha256(open(dev, "rb").read()).hexdigest()
    if data_sha != baseline["dev_sha256"]:
        print(f"evaluation data changed: {data_sha} != pinned {baseline['dev_sha256']}")
        sys.exit(1)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as pred:
        subprocess.run([binary, "eval", "muc4", dev], stdout=pred, check=True)
    scored = subprocess.run(
        [sys.executable, os.path.join(muc4, "score_muc4.py"), dev, pred.name, "--per-role"],
        capture_output=True, text=True, check=True).stdout
    os.unlink(pred.name)
    print(scored.strip())
    f1 = float(re.search(r"micro P=[\d.]+ R=[\d.]+ F1=([\d.]+)", scored).group(1))
    floor, epsilon = baseline["micro_f1_floor"], baseline["epsilon"]
    if f1 < floor - epsilon:
        print(f"MUC-4 dev micro F1 {f1:.2f} is below the floor {floor:.2f} (epsilon {epsilon})")
        sys.exit(1)
    print(f"MUC-4 dev micro F1 {f1:.2f} >= floor {floor:.2f} - {epsilon}")


if __name__ == "__main__":
    main()
