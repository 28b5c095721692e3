#!/usr/bin/env bash
# What related articles cost: the build of BASE (a commit before them, default d393438)
# beside this tree's build, alternating, on the generated corpus; each writes its own output
# folder (repeated builds: the folder is kept between runs). Prints each run's wall time and
# CPU time (user+sys, steadier than wall time on a busy machine) and this tree's stage times
# from `build -v`.
# Usage: bench/related.sh [PAGES] (default 10000); RUNS=5; BASE=<commit>
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
runs=${RUNS:-5}
base=${BASE:-d393438}
corpus=bench-out/helpsite-$pages
[ -d "$corpus" ] || python3 ../shared/bench/gen_corpus.py --pages "$pages" --out "$corpus" --flavor helpsite >/dev/null
cargo build --release -q
if [ ! -x "bench-out/base-$base/target/release/helpsite" ]; then
  rm -rf "bench-out/base-$base"
  git worktree add --force "bench-out/base-$base" "$base" >/dev/null
  (cd "bench-out/base-$base" && cargo build --release -q)
fi
old="bench-out/base-$base/target/release/helpsite"
new=target/release/helpsite
wall() { /usr/bin/time -f "%e/%U/%S" "$@" 2>&1 >/dev/null | tail -1; }
"$old" build -q --root "$corpus" --out bench-out/related-old >/dev/null
"$new" build -q --root "$corpus" --out bench-out/related-new >/dev/null
olds=(); news=()
for i in $(seq "$runs"); do
  olds+=("$(wall "$old" build -q --root "$corpus" --out bench-out/related-old)")
  news+=("$(wall "$new" build -q --root "$corpus" --out bench-out/related-new)")
  "$new" build -v --root "$corpus" --out bench-out/related-new | grep -E "^  (search index|related|markdown|templates) " | tr -s ' ' | paste -sd ';'
done
python3 - "${olds[*]}" "${news[*]}" <<'PY'
import statistics, sys
def parse(arg):
    runs = [[float(v) for v in x.split("/")] for x in arg.split()]
    return [r[0] for r in runs], [r[1] + r[2] for r in runs]
(ow, oc), (nw, nc) = parse(sys.argv[1]), parse(sys.argv[2])
for what, o, n in (("wall", ow, nw), ("CPU (user+sys)", oc, nc)):
    mo, mn = statistics.median(o), statistics.median(n)
    print(f"{what}: before {o} median {mo:.2f} s; after {n} median {mn:.2f} s ({mn - mo:+.2f} s, {mn / mo:.2f}x)")
PY
