#!/usr/bin/env python3
"""Attribution gate: run `dossier eval attribution` on the PolNeAR dev set,
score it with the kit's own scorer, and compare the exact F1 of cue, source
and content with the pinned floors in eval_baseline.json.

usage: attribution_gate.py DOSSIER_BIN ATTRIBUTION_DIR

Fails (exit 1) when a role's exact F1 drops more than epsilon below its
floor, or when the evaluation data changed (SHA-256 differs from the pinned
one).
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
    baseline = json.load(open(os.path.join(ROOT, "eval_baseline.json")))["attribution"]
    docs = os.path.join(kit, "dev.docs.jsonl")
    gold = os.path.join(kit, "dev.gold.jsonl")
    for path, key in ((docs, "docs_sha256"), (gold, "gold_sha256")):
        sha = hashlib.sha256(open(path, "rb").read()).hexdigest()
        if sha != baseline[key]:
            print(f"evaluation data changed: {path} {sha} != pinned {baseline[key]}")
            sys.exit(1)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as pred:
        subprocess.run([binary, "eval", "attribution", docs], stdout=pred, check=True)
    scored = subprocess.run(
        [sys.executable, os.path.join(kit, "score_attribution.py"), docs, gold, pred.name],
        capture_output=True, text=True, check=True).stdout
    os.unlink(pred.name)
    print(scored.strip())
    summary = scored.strip().splitlines()[-1]
    failed = False
    for role, floor in baseline["exact_f1_floor"].items():
        value = float(re.search(rf"{role} ([\d.]+)", summary.split("|")[0]).group(1))
        ok = value >= floor - baseline["epsilon"]
        failed |= not ok
        print(f"PolNeAR dev exact F1 {role} {value:.1f} {'>=' if ok else 'is below'} floor {floor:.1f} - {baseline['epsilon']}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
