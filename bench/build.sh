#!/usr/bin/env bash
# Full-build speed and memory, side by side on equivalent generated corpora:
# helpsite, Hugo (apt-get install hugo), mdBook (cargo install mdbook; search on) and the
# pulldown-cmark floor (examples/floor.rs). Medians of several runs with hyperfine, peak RSS
# with /usr/bin/time. Repeated builds (hyperfine's usual runs) find their earlier output, which
# helpsite reuses (only changed files are written); a second table deletes each tool's output
# before every run. mdBook is skipped at 10,000 pages unless MDBOOK_10K=1 (it needs about
# 15 minutes there: every page carries the whole table of contents).
# Usage: bench/build.sh [PAGES...]   (default: 1000 10000);  RUNS=5 to change the run count.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000}")
[ "$#" -eq 0 ] && sizes=(1000 10000)
runs=${RUNS:-3}
gen=../shared/bench/gen_corpus.py
cargo build --release -q --bin helpsite --example floor
command -v hugo >/dev/null || { echo "hugo missing: apt-get install hugo" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine missing: apt-get install hyperfine" >&2; exit 2; }
mkdir -p bench-out
peak() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
for n in "${sizes[@]}"; do
  for flavor in helpsite hugo mdbook; do
    [ -d "bench-out/$flavor-$n" ] || python3 "$gen" --pages "$n" --out "bench-out/$flavor-$n" --flavor "$flavor" >/dev/null
  done
  cmds=(-n helpsite "target/release/helpsite build -q --root bench-out/helpsite-$n"
        -n hugo "hugo --quiet --source bench-out/hugo-$n --destination public"
        -n floor "target/release/examples/floor bench-out/helpsite-$n/content")
  if command -v mdbook >/dev/null && { [ "$n" -le 1000 ] || [ "${MDBOOK_10K:-0}" = 1 ]; }; then
    cmds+=(-n mdbook "mdbook build bench-out/mdbook-$n")
  fi
  echo "== $n pages: wall time (hyperfine, $runs runs after a warm-up)"
  hyperfine --style basic --warmup 1 --runs "$runs" --export-json "bench-out/build-$n.json" "${cmds[@]}" >/dev/null
  echo "== $n pages: clean builds (outputs deleted before each run)"
  hs_site="bench-out/helpsite-$n"
  hyperfine --style basic --runs "$runs" --export-json "bench-out/build-$n-clean.json" \
    --prepare "rm -rf $hs_site/dist $hs_site/.dist.helpsite-* $hs_site/.helpsite-highlight-cache; sync" \
    -n helpsite "target/release/helpsite build -q --root $hs_site" \
    --prepare "rm -rf bench-out/hugo-$n/public; sync" \
    -n hugo "hugo --quiet --source bench-out/hugo-$n --destination public" >/dev/null
  echo "== $n pages: peak memory"
  hs=$(peak target/release/helpsite build -q --root "bench-out/helpsite-$n")
  hu=$(peak hugo --quiet --source "bench-out/hugo-$n" --destination public)
  python3 - "$n" "$hs" "$hu" <<'PY'
import json, sys
n, hs, hu = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
res = {r["command"]: r for r in json.load(open(f"bench-out/build-{n}.json"))["results"]}
h = res["hugo"]["median"]
print(f"{'tool':10} {'median s':>9} {'vs hugo':>8}")
for name, r in res.items():
    print(f"{name:10} {r['median']:9.2f} {r['median'] / h:8.2f}")
if "floor" in res:
    print(f"helpsite / floor: {res['helpsite']['median'] / res['floor']['median']:.2f}")
clean = {r["command"]: r for r in json.load(open(f"bench-out/build-{n}-clean.json"))["results"]}
hc, hu_c = clean["helpsite"]["median"], clean["hugo"]["median"]
print(f"clean builds (no earlier output): helpsite {hc:.2f} s, hugo {hu_c:.2f} s, ratio {hc / hu_c:.2f}")
print(f"peak RSS MB: helpsite {hs / 1024:.0f}, hugo {hu / 1024:.0f} (ratio {hs / hu:.2f})")
PY
done
