#!/usr/bin/env bash
# What the internal link check adds to a build: `helpsite build` against
# `helpsite build --skip-link-check` on the same generated corpus, run alternately so that
# drift in machine speed hits both alike. Prints the median wall and CPU time of each and
# the difference ("beyond the build").
# Usage: bench/check-cost.sh [PAGES] (default 10000);  RUNS=9 to change the run count.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${RUNS:-9}
site="bench-out/helpsite-$n"
cargo build --release -q --bin helpsite
[ -d "$site" ] || python3 ../shared/bench/gen_corpus.py --pages "$n" --out "$site" --flavor helpsite >/dev/null
bin=target/release/helpsite
$bin build -q --root "$site" # warm-up: page cache, and an output to reuse
log=$(mktemp)
for ((i = 0; i < runs; i++)); do
  for mode in check skip; do
    flag=""; [ "$mode" = skip ] && flag="--skip-link-check"
    /usr/bin/time -f "$mode %e %U %S" -a -o "$log" $bin build -q $flag --root "$site"
  done
done
python3 - "$log" "$n" "$runs" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
def med(mode, f):
    return statistics.median(f(r) for r in rows if r[0] == mode)
wall = {m: med(m, lambda r: float(r[1])) for m in ("check", "skip")}
cpu = {m: med(m, lambda r: float(r[2]) + float(r[3])) for m in ("check", "skip")}
print(f"{sys.argv[2]} pages, medians of {sys.argv[3]} alternating runs")
print(f"{'':28} {'wall s':>8} {'cpu s':>8}")
print(f"{'build':28} {wall['check']:8.2f} {cpu['check']:8.2f}")
print(f"{'build --skip-link-check':28} {wall['skip']:8.2f} {cpu['skip']:8.2f}")
print(f"{'link check beyond the build':28} {(wall['check'] - wall['skip']) * 1000:7.0f}ms {(cpu['check'] - cpu['skip']) * 1000:7.0f}ms")
PY
rm -f "$log"
