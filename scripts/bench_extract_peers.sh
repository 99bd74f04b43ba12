#!/usr/bin/env bash
# Dossier's main-text extractor against trafilatura and resiliparse on the same
# pages in one run, each pinned to one core, with the same protocol as
# ../shared/bench/extract_peers.py (files preloaded, decoded as UTF-8 with
# replacement, extraction time only). Writes predictions, scores and a summary
# under OUT.
#
# usage: scripts/bench_extract_peers.sh PAGES_DIR OUT_DIR [SHARED_DIR]
# needs: pip install trafilatura resiliparse
set -euo pipefail
pages=$1
out=$2
shared=${3:-../shared}
mkdir -p "$out"
cargo build --release -q -p dossier-ingest --example extract_dir
{
  echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "date: $(date -u +%F)"
  echo "pages: $(ls "$pages" | wc -l) files, $(du -sh "$pages" | cut -f1)"
  printf 'dossier: '
  taskset -c 0 target/release/examples/extract_dir "$pages" "$out/dossier.json" 2>&1
  for tool in trafilatura resiliparse; do
    taskset -c 0 python3 "$shared/bench/extract_peers.py" "$tool" "$pages" "$out/$tool.json"
  done
  if [ -f "$shared/eval/extraction/dev/evaldata.json" ]; then
    for tool in dossier trafilatura resiliparse; do
      printf '%s segment scores: ' "$tool"
      python3 "$shared/eval/extraction/score_segments.py" "$shared/eval/extraction/dev/evaldata.json" "$out/$tool.json"
    done
  fi
} | tee "$out/summary.txt"
rm -f "$out"/*.json
