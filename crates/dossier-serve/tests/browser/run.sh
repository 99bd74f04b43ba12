#!/usr/bin/env bash
# Browser tests of `dossier serve`: builds a store from the bundled sample and
# a hostile page, serves it on a free loopback port, and clicks through the
# page in Debian's headless Chromium (playwright-core from npm drives it).
#
#   crates/dossier-serve/tests/browser/run.sh        # after `cargo build`
#
# Needs /usr/bin/chromium (apt-get install chromium) and Node.js. Screenshots
# go to target/browser-screens/ (SHOTS=dir to change).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
bin=${DOSSIER_BIN:-$root/target/debug/dossier}
[ -x "$bin" ] || (cd "$root" && cargo build -q -p dossier-cli)
work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

db=$work/browser.db
"$bin" --db "$db" ingest "$root/sample" > /dev/null
"$bin" --db "$db" ingest "$here/../fixtures/hostile.html" > /dev/null
hostile=$("$bin" --db "$db" --json search kandahar --limit 1 \
  | python3 -c 'import json, sys; print(json.loads(sys.stdin.readline())["id"])')

"$bin" --db "$db" serve --addr 127.0.0.1:0 > "$work/serve.log" 2>&1 &
pid=$!
base=
for _ in $(seq 1 100); do
  base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.log" || true)
  [ -n "$base" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { echo "the server did not start"; cat "$work/serve.log"; exit 1; }

cd "$here"
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --loglevel=error
BASE=$base HOSTILE=$hostile SHOTS=${SHOTS:-$root/target/browser-screens} node page.test.mjs
