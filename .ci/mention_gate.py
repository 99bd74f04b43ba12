#!/usr/bin/env python3
"""Mention-recall gate: run `dossier eval muc4-mentions` on the MUC-4 dev set
and compare each role's recall with the pinned floors in eval_baseline.json.

usage: mention_gate.py DOSSIER_BIN MUC4_DIR

Fails (exit 1) when a role's recall drops more than epsilon below its floor,
or when the evaluation data changed (SHA-256 differs from the pinned one).
"""
import hashlib
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    binary, muc4 = sys.argv[1:3]
    baseline = json.load(open(os.path.join(ROOT, "eval_baseline.json")))["muc4_mentions"]
    dev = os.path.join(muc4, "dev.jsonl")
    data_sha = hashlib.sha256(open(dev, "rb").read()).hexdigest()
    if data_sha != baseline["dev_sha256"]:
        print(f"evaluation data changed: {data_sha} != pinned {baseline['dev_sha256']}")
        sys.exit(1)
    report = json.loads(subprocess.run([binary, "eval", "muc4-mentions", dev],
                                       capture_output=True, text=True, check=True).stdout)
    failed = False
    for role, floor in sorted(baseline["recall_exact_floor"].items()):
        recall = report[role]["recall_exact"]
        ok = recall >= floor - baseline["epsilon"]
        failed |= not ok
        print(f"muc4 {role} mention recall {recall:.3f} (floor {floor:.3f}){'' if ok else '  FAILED'}")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
