#!/usr/bin/env bash
# Search at scale, helpsite beside Pagefind on the same 10,000-page site:
#   index build time and memory, gzipped bytes a first query downloads, time to results.
# Needs: python3, node + the repo's node_modules (npm ci), /usr/bin/chromium. Installs the
# npm package `pagefind` (which ships its binary) under bench-out/.
# Usage: bench/search.sh [PAGES]   (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
out=bench-out/search-$pages
mkdir -p bench-out
if [ ! -x bench-out/pagefind/node_modules/.bin/pagefind ]; then
  npm install --prefix bench-out/pagefind --no-audit --no-fund --loglevel=error pagefind@1 >/dev/null
fi
cargo build --release -q
if [ ! -d "$out/content" ]; then
  rm -rf "$out"
  python3 ../shared/bench/gen_corpus.py --pages "$pages" --out "$out" --flavor helpsite >/dev/null
fi
rm -rf "$out/dist"
echo "== helpsite build ($pages pages), stage timings:"
/usr/bin/time -f "helpsite build: %e s wall, %M KB peak RSS" target/release/helpsite build -v --root "$out" 2>&1 | grep -E "search index|render|build:|built"
echo "   index files: $(find "$out/dist/_search" -type f | wc -l), $(du -sh "$out/dist/_search" | cut -f1)"
echo "== pagefind 1.x on the same HTML:"
/usr/bin/time -f "pagefind: %e s wall, %M KB peak RSS" bench-out/pagefind/node_modules/.bin/pagefind --site "$out/dist" --output-subdir _pagefind --quiet 2>&1 | tail -1
echo "   index files: $(find "$out/dist/_pagefind" -type f | wc -l), $(du -sh "$out/dist/_pagefind" | cut -f1)"
echo "== first-query cost in headless Chromium (fresh context per query):"
node bench/search-vs-pagefind.mjs "$out/dist"
