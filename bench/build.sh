#!/usr/bin/env bash
# Full-build speed, memory and output weight, side by side on equivalent generated corpora:
# helpsite and Hugo (apt-get install hugo), plus the pulldown-cmark floor
# (examples/floor.rs) and mdBook (cargo install mdbook; search on) when present.
#
# helpsite and Hugo are run alternately (helpsite, Hugo, helpsite, ...) so that the drift of
# this shared machine's speed hits both alike; every run is timed with /usr/bin/time, which
# also gives its peak RSS. Two modes, each reported as medians and helpsite / Hugo ratios:
#   repeated  each run finds the previous run's output (and helpsite its kept folder and
#             highlight cache), as in a loop of local builds;
#   clean     outputs, kept folders and caches are removed before each run (not timed),
#             as on a fresh CI machine; as root, the kernel's caches are dropped too
#             (DROP_CACHES=0 keeps them). Without that, the system time of creating files
#             grew run after run on this machine (0.1 -> 1.4 s for the same 1,000-page
#             build) until the caches were dropped, so the tool that creates more files
#             was measured on an ever slower file system.
# Then the output of each tool: bytes (sum of file sizes) and file count.
# mdBook is skipped at 10,000 pages unless MDBOOK_10K=1 (about 15 minutes there).
# Usage: bench/build.sh [PAGES...]   (default: 1000 10000);  RUNS=5 to change the run count;
#        MODES="clean" to run one mode only; HELPSITE_BIN=path to measure another helpsite
#        binary instead of this checkout's; BASE_BIN=path to add an earlier helpsite binary
#        to the rotation ("base": helpsite, base, Hugo, ...), on its own copy of the corpus
#        (bench-out/helpsite-N-base), so that before and after come from the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ "$#" -eq 0 ] && sizes=(1000 10000)
runs=${RUNS:-5}
modes=${MODES:-"repeated clean"}
gen=../shared/bench/gen_corpus.py
if [ -n "${HELPSITE_BIN:-}" ]; then
  [ -x target/release/examples/floor ] || cargo build --release -q --example floor
else
  cargo build --release -q --bin helpsite --example floor
fi
bin=${HELPSITE_BIN:-target/release/helpsite}
command -v hugo >/dev/null || { echo "hugo missing: apt-get install hugo" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine missing: apt-get install hyperfine" >&2; exit 2; }
mkdir -p bench-out

# Removes everything a build leaves or reuses, then flushes it to disk so that the next
# (timed) build does not pay for this one's writeback; as root, drops the kernel's caches
# (page cache, dentries, inodes), so each run starts as on a fresh machine.
drop_caches=${DROP_CACHES:-1}
[ -w /proc/sys/vm/drop_caches ] || drop_caches=0
clean() {
  case $1 in
    helpsite | base) rm -rf "$2/dist" "$2"/.dist.helpsite-* "$2/.helpsite-highlight-cache" ;;
    hugo) rm -rf "$2/public" "$2/resources" ;;
  esac
  sync
  if [ "$drop_caches" = 1 ]; then echo 3 >/proc/sys/vm/drop_caches; fi
}
run() { # tool site mode log
  if [ "$3" = clean ]; then clean "$1" "$2"; fi
  case $1 in
    helpsite) /usr/bin/time -f "$3 helpsite %e %U %S %M" -a -o "$4" $bin build -q --root "$2" ;;
    base) /usr/bin/time -f "$3 base %e %U %S %M" -a -o "$4" "$BASE_BIN" build -q --root "$2" ;;
    hugo) /usr/bin/time -f "$3 hugo %e %U %S %M" -a -o "$4" hugo --quiet --source "$2" --destination public >/dev/null ;;
  esac
}

for n in "${sizes[@]}"; do
  for flavor in helpsite hugo mdbook; do
    [ -d "bench-out/$flavor-$n" ] || python3 "$gen" --pages "$n" --out "bench-out/$flavor-$n" --flavor "$flavor" >/dev/null
  done
  hs="bench-out/helpsite-$n" hu="bench-out/hugo-$n" hb="bench-out/helpsite-$n-base"
  if [ -n "${BASE_BIN:-}" ] && [ ! -d "$hb" ]; then
    mkdir -p "$hb" && cp -r "$hs/content" "$hs/helpsite.yaml" "$hb/"
  fi
  log="bench-out/build-$n.log"
  : >"$log"
  for mode in $modes; do
    # On a shared machine wall times mean little without the load they were taken under.
    echo "== $n pages, $mode: $runs alternating runs of each (load average: $(cut -d' ' -f1-3 /proc/loadavg))$([ "$mode" = clean ] && [ "$drop_caches" = 1 ] && echo ", kernel caches dropped before each run")" >&2
    # Warm-up: the page cache holds the sources, and a repeated run finds an output.
    run helpsite "$hs" warm "$log"
    [ -z "${BASE_BIN:-}" ] || run base "$hb" warm "$log"
    run hugo "$hu" warm "$log"
    for ((i = 0; i < runs; i++)); do
      run helpsite "$hs" "$mode" "$log"
      [ -z "${BASE_BIN:-}" ] || run base "$hb" "$mode" "$log"
      run hugo "$hu" "$mode" "$log"
    done
  done
  others=(-n floor "target/release/examples/floor $hs/content")
  if command -v mdbook >/dev/null && { [ "$n" -le 1000 ] || [ "${MDBOOK_10K:-0}" = 1 ]; }; then
    others+=(-n mdbook "mdbook build bench-out/mdbook-$n")
  fi
  hyperfine --style none --warmup 1 --runs "$runs" --export-json "bench-out/build-$n-others.json" "${others[@]}" >/dev/null
  python3 - "$n" "$log" "$hs/dist" "$hu/public" "$hb/dist" <<'PY'
import json, os, statistics, sys
n, log, hs_out, hu_out, hb_out = sys.argv[1:6]
rows = [l.split() for l in open(log) if l.strip() and not l.startswith(("warm", "Command"))]
def weight(root):
    files = size = 0
    for d, _, names in os.walk(root):
        for name in names:
            files += 1
            size += os.path.getsize(os.path.join(d, name))
    return files, size
print(f"{n} pages, medians of alternating runs (wall s, CPU s = user + sys, peak RSS MB)")
print(f"{'mode':9} {'tool':9} {'runs':>4} {'wall':>7} {'cpu':>7} {'rss':>6}   {'wall ratio':>10} {'cpu ratio':>9} {'rss ratio':>9}")
for mode in ("repeated", "clean"):
    med = {}
    for tool in ("helpsite", "base", "hugo"):
        rs = [r for r in rows if r[0] == mode and r[1] == tool]
        if not rs:
            continue
        med[tool] = (
            len(rs),
            statistics.median(float(r[2]) for r in rs),
            statistics.median(float(r[3]) + float(r[4]) for r in rs),
            statistics.median(int(r[5]) for r in rs) / 1024,
        )
    for tool, (k, wall, cpu, rss) in med.items():
        ratio = ""
        if tool != "hugo" and "hugo" in med:
            ratio = f"{wall / med['hugo'][1]:10.2f} {cpu / med['hugo'][2]:9.2f} {rss / med['hugo'][3]:9.2f}"
        print(f"{mode:9} {tool:9} {k:4} {wall:7.2f} {cpu:7.2f} {rss:6.0f}   {ratio}")
others = {r["command"]: r["median"] for r in json.load(open(f"bench-out/build-{n}-others.json"))["results"]}
for name, t in others.items():
    print(f"{name}: {t:.2f} s (hyperfine median)")
(hf, hb), (uf, ub) = weight(hs_out), weight(hu_out)
print(f"output: helpsite {hb / 1e6:.1f} MB in {hf} files, hugo {ub / 1e6:.1f} MB in {uf} files (bytes ratio {hb / ub:.2f})")
if os.path.isdir(hb_out):
    bf, bb = weight(hb_out)
    print(f"output: base {bb / 1e6:.1f} MB in {bf} files (bytes ratio {bb / ub:.2f})")
PY
done
