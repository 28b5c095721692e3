#!/usr/bin/env bash
# Growth of build and import time with the size of one input: an FAQ group of N questions,
# one page of N `##` sections, and a WordPress post of N nested <div>s (import). Each is
# timed at N, 2N and 4N (8N for sections); time that grows linearly doubles per row.
# Usage: bench/scaling.sh [BIN]   (default: target/release/helpsite, built first)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [ -z "$bin" ]; then
  cargo build --release -q --bin helpsite
  bin=target/release/helpsite
fi
bin=$(realpath "$bin")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

timed() { /usr/bin/time -f "%e s, %M KB" "$@" 2>&1 >/dev/null | tail -1; }

echo "| input | N | time, peak memory |"
echo "|---|---|---|"
for n in 2000 4000 8000 16000; do
  site="$work/faq$n"
  python3 - "$site" "$n" <<'EOF'
import os, sys
site, n = sys.argv[1], int(sys.argv[2])
os.makedirs(f"{site}/content/faq")
open(f"{site}/content/index.md", "w").write("# Home\n")
with open(f"{site}/content/faq/big.yaml", "w") as f:
    f.write("title: Big\nquestions:\n")
    for i in range(n):
        f.write(f"  - id: q{i}\n    question: How do I do thing number {i} here?\n"
                f"    answer: |\n      Do thing {i} by the steps for item {i}. See [home](../index.md).\n")
EOF
  echo "| FAQ group, questions | $n | $(timed "$bin" build -q --root "$site") |"
done
for n in 12500 25000 50000 100000; do
  site="$work/sec$n"
  python3 - "$site" "$n" <<'EOF'
import os, sys
site, n = sys.argv[1], int(sys.argv[2])
os.makedirs(f"{site}/content")
with open(f"{site}/content/index.md", "w") as f:
    f.write("# Home\n\n")
    for i in range(n):
        f.write(f"## Section {i}\n\nText {i}.\n\n")
EOF
  echo "| one page, \`##\` sections | $n | $(timed "$bin" build -q --root "$site") |"
done
for n in 25000 50000 100000; do
  site="$work/wp$n"
  mkdir -p "$site/content"
  python3 - "$work/post$n.json" "$n" <<'EOF'
import json, sys
path, n = sys.argv[1], int(sys.argv[2])
post = {"id": 1, "slug": f"deep-{n}", "link": "https://blog.example.test/deep/",
        "modified": "2026-01-02T03:04:05", "title": {"rendered": "Deep"},
        "excerpt": {"rendered": ""},
        "content": {"rendered": "<div>" * n + "<p>Deep text.</p>" + "</div>" * n}}
json.dump(post, open(path, "w"))
EOF
  echo "| WordPress post, nested \`<div>\`s (import) | $n | $(timed "$bin" import wordpress "$work/post$n.json" --root "$site" -q) |"
done
