#!/usr/bin/env bash
# Search relevance, helpsite beside Pagefind: builds the bundled site and the relevance
# fixture (tests/fixtures/relevance-site) with the release binary, indexes the same HTML with
# Pagefind, and runs tests/relevance/queries.json through both in headless Chromium
# (bench/relevance.mjs: success@1, success@3, MRR@5 overall, per site and per kind).
# Needs: node + the repo's node_modules (npm ci), /usr/bin/chromium. Installs the npm
# package `pagefind` (which ships its binary) under bench-out/, as bench/search.sh does.
# Usage: bench/relevance.sh [--verbose] [--engine helpsite|pagefind|both]   (default both)
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench-out/relevance
mkdir -p "$out"
if [ ! -x bench-out/pagefind/node_modules/.bin/pagefind ]; then
  npm install --prefix bench-out/pagefind --no-audit --no-fund --loglevel=error pagefind@1 >/dev/null
fi
cargo build --release -q
target/release/helpsite build -q --root . --out "$out/bundled"
target/release/helpsite build -q --root tests/fixtures/relevance-site --out "$out/parley"
engine=both
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) engine=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
if [ "$engine" != helpsite ]; then
  # Pagefind indexes every HTML file it finds. Only the reader's pages go into its index:
  # the FAQ embed frames, tag listings, search page and 404 page would only compete with
  # the pages that answer (helpsite's own index leaves them out too).
  for site in bundled parley; do
    aside="$out/$site-aside"
    rm -rf "$aside" && mkdir -p "$aside"
    for p in embed tags search 404.html; do
      [ -e "$out/$site/$p" ] && mv "$out/$site/$p" "$aside/"
    done
    bench-out/pagefind/node_modules/.bin/pagefind --site "$out/$site" --output-subdir _pagefind --quiet >/dev/null
    for p in "$aside"/*; do
      [ -e "$p" ] && mv "$p" "$out/$site/"
    done
    rmdir "$aside"
  done
fi
node bench/relevance.mjs --engine "$engine" ${args[@]+"${args[@]}"} bundled="$out/bundled" parley="$out/parley"
