#!/usr/bin/env python3
"""Time near-duplicate detection against Python peers on the same documents.

    python3 -m venv /tmp/nd-venv && /tmp/nd-venv/bin/pip install datasketch rensa
    cargo build --release -p dossier-bench --example near_dup_speed
    taskset -c 0 /tmp/nd-venv/bin/python bench/near_dup_peers.py FILE.jsonl [--rounds 3]

Every system does, per document in file order: MinHash with 128
permutations over word 5-shingles, an LSH query, then an LSH insert, with
32 bands of 4 rows (datasketch MinHashLSH params=(32, 4); rensa
RMinHashLSH num_bands=32; threshold 0.5). Words are runs of Unicode letters
and digits, lower-cased; texts under five words give one shingle.

For the peers two figures are printed: "end_to_end" includes Python's
tokenising and shingling, "minhash_lsh" starts from ready shingle lists (the
peers' best case). Ours (`near_dup_speed`, minhash_lsh) always includes its
own tokenising. Single process; run under `taskset -c 0` for one core. Peak
memory comes from /usr/bin/time when it exists (each system in its own
process).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORD = re.compile(r"[^\W_]+")
PERMUTATIONS, BANDS, ROWS, THRESHOLD = 128, 32, 4, 0.5


def texts_of(path):
    texts = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            text = doc.get("text") or doc.get("doctext")
            if text is not None:
                texts.append(text)
    return texts


def shingles(text):
    words = WORD.findall(text.lower())
    if len(words) < 5:
        return [" ".join(words)] if words else []
    return [" ".join(words[i:i + 5]) for i in range(len(words) - 4)]


def run_datasketch(texts, pre):
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS, params=(BANDS, ROWS))
    candidates = 0
    for number, text in enumerate(texts):
        grams = pre[number] if pre else shingles(text)
        m = MinHash(num_perm=PERMUTATIONS, seed=1)
        m.update_batch([g.encode("utf-8") for g in grams])
        candidates += len(lsh.query(m))
        lsh.insert(number, m)
    return candidates


def run_rensa(texts, pre):
    from rensa import RMinHash, RMinHashLSH

    lsh = RMinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS, num_bands=BANDS)
    candidates = 0
    for number, text in enumerate(texts):
        grams = pre[number] if pre else shingles(text)
        m = RMinHash(num_perm=PERMUTATIONS, seed=42)
        m.update(grams)
        candidates += len(lsh.query(m))
        lsh.insert(number, m)
    return candidates


PEERS = {"datasketch": run_datasketch, "rensa": run_rensa}


def time_peer(name, texts, rounds):
    best_e2e = best_core = float("inf")
    candidates = 0
    for _ in range(rounds):
        start = time.perf_counter()
        candidates = PEERS[name](texts, None)
        best_e2e = min(best_e2e, time.perf_counter() - start)
    pre = [shingles(t) for t in texts]
    for _ in range(rounds):
        start = time.perf_counter()
        PEERS[name](texts, pre)
        best_core = min(best_core, time.perf_counter() - start)
    n = len(texts)
    return {
        "system": name,
        "docs": n,
        "end_to_end_docs_per_sec": round(n / best_e2e),
        "minhash_lsh_docs_per_sec": round(n / best_core),
        "candidates": candidates,
    }


def with_memory(command):
    """Runs command (printing one JSON line); adds peak RSS in MiB if measurable."""
    timer = shutil.which("time") and os.path.exists("/usr/bin/time")
    full = (["/usr/bin/time", "-f", "maxrss_kib=%M"] if timer else []) + command
    done = subprocess.run(full, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    match = re.search(r"maxrss_kib=(\d+)", done.stderr)
    if match:
        result["peak_rss_mib"] = round(int(match.group(1)) / 1024, 1)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--ours", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release/examples/near_dup_speed"))
    parser.add_argument("--only", choices=sorted(PEERS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    texts = texts_of(args.file)
    if args.only:
        print(json.dumps(time_peer(args.only, texts, args.rounds)))
        return
    if not os.path.exists(args.ours):
        sys.exit(f"near_dup_peers: {args.ours} not found: cargo build --release -p dossier-bench --example near_dup_speed")
    rows = [with_memory([args.ours, args.file, str(args.rounds)])]
    for name in sorted(PEERS):
        try:
            rows.append(with_memory([sys.executable, __file__, args.file, "--rounds", str(args.rounds), "--only", name]))
        except subprocess.CalledProcessError as err:
            print(f"near_dup_peers: {name} failed (pip install datasketch rensa?): {err.stderr.strip()[-300:]}", file=sys.stderr)
    ours = rows[0]["minhash_lsh_docs_per_sec"]
    for row in rows:
        print(json.dumps(row))
    for row in rows[1:]:
        print(f"dossier / {row['system']}: {ours / row['end_to_end_docs_per_sec']:.1f}x end to end, "
              f"{ours / row['minhash_lsh_docs_per_sec']:.1f}x against its MinHash+LSH alone")


if __name__ == "__main__":
    main()
