#!/usr/bin/env bash
# Load test for `helpsite serve`: many readers at once while the site rebuilds.
#
#   bench/serve-load.sh [PAGES]        default: 1000
#
# Starts the release binary on a generated corpus (127.0.0.1 only), opens STREAMS live-reload
# event streams (curl -N, bounded by --max-time), runs wrk with CONNECTIONS connections for
# DURATION over a mix of pages and static files, and meanwhile edits pages (one fast-path
# edit per second, plus a title edit that rebuilds everything). Then checks:
#   - wrk saw no socket errors and no non-2xx/3xx responses;
#   - every event stream received the reload events;
#   - the server's thread and file-descriptor counts return to their baseline once the
#     clients are gone (dead streams are found by the heartbeat within ~2 x 5 s).
# Env: CONNECTIONS (400), STREAMS (50), DURATION (20s), GEN_CORPUS, OUT (bench-out).
set -euo pipefail
cd "$(dirname "$0")/.."

PAGES=${1:-1000}
CONNECTIONS=${CONNECTIONS:-400}
STREAMS=${STREAMS:-50}
DURATION=${DURATION:-20s}
OUT=${OUT:-bench-out}
GEN=${GEN_CORPUS:-../shared/bench/gen_corpus.py}
BIN=target/release/helpsite

command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 2; }
[ -f "$GEN" ] || { echo "no corpus generator at $GEN (set GEN_CORPUS)" >&2; exit 2; }
cargo build --release --quiet
mkdir -p "$OUT"
site="$OUT/serve-$PAGES"
if [ ! -f "$site/.complete" ]; then
  rm -rf "$site"
  python3 "$GEN" --pages "$PAGES" --out "$site" --flavor helpsite >/dev/null
  touch "$site/.complete"
fi
work=$(mktemp -d)
log="$work/server.log"
"$BIN" serve --root "$site" --port 0 >"$log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  jobs -p | xargs -r kill 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for _ in $(seq 600); do grep -q "^serving" "$log" && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$log" | head -1 | cut -d: -f2)
base="http://127.0.0.1:$port"
for _ in $(seq 1200); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/")" = 200 ] && break; sleep 0.1; done

threads() { awk '/^Threads:/ {print $2}' "/proc/$pid/status"; }
fds() { ls "/proc/$pid/fd" | wc -l; }
sleep 1
base_threads=$(threads)
base_fds=$(fds)
echo "server pid $pid on port $port; baseline: $base_threads threads, $base_fds fds"

# A mix of URLs: pages at several depths, the section listings, static files.
mapfile -t urls < <(find "$site/content" -name '*.md' ! -name '_index.md' | sort | awk 'NR % 37 == 1' | head -60 |
  sed -e "s|^$site/content/||" -e 's|\.md$|/|' -e 's|^|/|')
urls+=("/" "/_static/style.css" "/_static/helpsite.js" "/_static/highlight.css" "/sitemap.xml")
lua="$work/mix.lua"
{
  echo "local paths = {"
  for u in "${urls[@]}"; do printf '  "%s",\n' "$u"; done
  echo "}"
  echo 'local i = 0'
  echo 'request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end'
} >"$lua"

build=$(curl -s "$base/" | grep -o 'data-build="[^"]*"' | cut -d'"' -f2)
secs=${DURATION%s}
for s in $(seq "$STREAMS"); do
  curl -s -N --max-time $((secs + 15)) "$base/__helpsite/events?build=$build" >"$work/stream-$s.txt" &
done
# Every stream must be open (its first bytes arrived) before the load starts.
for _ in $(seq 100); do
  open=$(find "$work" -type f -name 'stream-*.txt' -size +0 | wc -l)
  [ "$open" = "$STREAMS" ] && break
  sleep 0.1
done
echo "event streams open: $open of $STREAMS"

peak_threads=0
peak_fds=0
( while kill -0 "$pid" 2>/dev/null; do echo "$(threads) $(fds)"; sleep 0.5; done ) >"$work/samples.txt" &
sampler=$!

# Rebuilds while wrk runs: a body edit every second, one title edit (a full rebuild).
mapfile -t pages < <(find "$site/content" -name '*.md' ! -name '_index.md' | sort | head -200)
(
  sleep 2
  for i in $(seq $((secs - 4))); do
    printf '\nLoad-test edit %s.\n' "$i" >>"${pages[$((i * 7 % ${#pages[@]}))]}"
    if [ "$i" = 5 ]; then sed -i '0,/^title: /s/^title: "\?\([^"]*\)"\?$/title: "\1 (renamed)"/' "${pages[3]}"; fi
    sleep 1
  done
) &
editor=$!

wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$lua" "$base" | tee "$work/wrk.txt"
wait "$editor"
sleep 2
rebuilds=$(grep -cE -- '-> reload' "$log" || true)
echo "rebuilds during the run: $rebuilds ($(grep -c '^built' "$log") full builds in the log, first included)"

status=0
if grep -qE 'Socket errors|Non-2xx' "$work/wrk.txt"; then
  echo "FAIL: wrk reported errors"; status=1
fi
short=0
for f in "$work"/stream-*.txt; do
  n=$(grep -c '^event: reload' "$f" || true)
  if [ "$n" -lt "$rebuilds" ]; then
    short=$((short + 1))
    echo "  $(basename "$f"): $n reload events, $(wc -c <"$f") bytes; starts: $(head -c 120 "$f" | tr '\n' ' ')"
  fi
done
echo "event streams: $STREAMS opened; $short missed a reload"
[ "$short" = 0 ] || status=1

wait $(jobs -p | grep -v -e "^$pid$" -e "^$sampler$") 2>/dev/null || true
printf 'waiting for threads and fds to return to baseline'
back=0
for _ in $(seq 60); do
  if [ "$(threads)" -le "$base_threads" ] && [ "$(fds)" -le "$base_fds" ]; then back=1; break; fi
  printf '.'; sleep 1
done
echo
kill "$sampler" 2>/dev/null || true
read -r peak_threads peak_fds < <(sort -n -k1 "$work/samples.txt" | tail -1)
peak_fds=$(sort -n -k2 "$work/samples.txt" | tail -1 | cut -d' ' -f2)
echo "threads: baseline $base_threads, peak $peak_threads, after $(threads)"
echo "fds:     baseline $base_fds, peak $peak_fds, after $(fds)"
echo "server RSS: $(awk '/^VmRSS/ {print $2 " " $3}' "/proc/$pid/status"), peak $(awk '/^VmHWM/ {print $2 " " $3}' "/proc/$pid/status")"
if [ "$back" != 1 ]; then echo "FAIL: threads or fds did not return to baseline"; status=1; fi
grep -qi panic "$log" && { echo "FAIL: the server panicked"; status=1; }
kill -INT "$pid"
wait "$pid" && echo "server stopped cleanly (exit 0)" || { echo "FAIL: server exit status $?"; status=1; }
[ "$status" = 0 ] && echo "PASS"
exit "$status"
