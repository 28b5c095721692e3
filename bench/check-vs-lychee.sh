#!/usr/bin/env bash
# helpsite check beside lychee (offline, --include-fragments):
#   1. accuracy on the fault-injection site tests/fixtures/check-faults (its expected.txt lists
#      every planted link defect with a token that identifies it in the built HTML);
#   2. speed of the internal link check on a generated corpus (default 10,000 pages).
# Usage: bench/check-vs-lychee.sh [PAGES]      needs: lychee on PATH (`cargo install lychee`)
# Env: BENCH_DIR (work folder, default /tmp/helpsite-check-bench), SHARED (default ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
work=${BENCH_DIR:-/tmp/helpsite-check-bench}
shared=${SHARED:-../shared}
command -v lychee >/dev/null || { echo "lychee is not installed: cargo install lychee" >&2; exit 2; }
cargo build --release --quiet
hs=$PWD/target/release/helpsite
mkdir -p "$work"

echo "== accuracy: tests/fixtures/check-faults =="
fixture=tests/fixtures/check-faults
rm -rf "$work/faults-dist"
"$hs" build -q --root "$fixture" --out "$work/faults-dist" 2>/dev/null
"$hs" check --root "$fixture" --format json >"$work/helpsite-faults.json" || true
lychee --offline --include-fragments --no-progress --format json \
  --root-dir "$work/faults-dist" "$work/faults-dist" >"$work/lychee-faults.json" 2>/dev/null || true
python3 - "$fixture/expected.txt" "$work/helpsite-faults.json" "$work/lychee-faults.json" <<'PY'
import json, sys, urllib.parse
expected_file, hs_file, ly_file = sys.argv[1:4]
tokens, lint = [], 0
for line in open(expected_file):
    if line.startswith("#") or not line.strip():
        continue
    if " | " in line:
        tokens.append(line.split(" | ", 1)[1].strip())
    else:
        lint += 1

def score(reported):
    """reported: one string per reported broken link; each is matched to a planted token."""
    hits, stray = set(), []
    for r in reported:
        plain = urllib.parse.unquote(r)
        match = [t for t in tokens if t in r or urllib.parse.unquote(t) in plain]
        if match:
            hits.add(max(match, key=len))
        else:
            stray.append(r)
    true_pos = len(hits)
    precision = true_pos / (true_pos + len(set(stray))) if reported else 1.0
    recall = true_pos / len(tokens)
    return precision, recall, sorted(set(tokens) - hits), sorted(set(stray))

hs = json.load(open(hs_file))
hs_links = [f["message"] for f in hs["findings"] if f["rule"] in ("broken-link", "broken-anchor")]
hs_all = {(f["rule"], f["file"], f["line"]) for f in hs["findings"]}
ly = json.load(open(ly_file))
ly_links = []
for source, failures in (ly.get("error_map") or ly.get("fail_map") or {}).items():
    for f in failures:
        ly_links.append(f.get("url", ""))
print(f"planted: {len(tokens)} link/anchor defects, {lint} lint defects")
for name, reported in (("helpsite", hs_links), ("lychee", ly_links)):
    p, r, missed, stray = score(reported)
    print(f"{name:9} links: precision {p:6.1%}  recall {r:6.1%}  ({len(reported)} reports)")
    for m in missed:
        print(f"          missed: {m}")
    for s in stray:
        print(f"          false alarm: {s}")
print(f"helpsite  all findings (links + lint): {len(hs_all)} reported, {len(tokens) + lint} planted")
PY

echo
echo "== speed: $pages-page corpus =="
corpus="$work/c$pages"
if [ ! -f "$corpus/helpsite.yaml" ]; then
  python3 "$shared/bench/gen_corpus.py" --pages "$pages" --out "$corpus" --flavor helpsite >/dev/null
fi
rm -rf "$corpus/dist"
/usr/bin/time -f "helpsite build: %e s wall, %M KB peak" "$hs" build -q -v --root "$corpus" 2>&1 | grep -v '^$'
for run in 1 2 3; do
  /usr/bin/time -f "helpsite check (run $run): %e s wall, %M KB peak" "$hs" check -v --root "$corpus" 2>&1 >/dev/null
done
"$hs" check --root "$corpus" | tail -1
for run in 1 2 3; do
  /usr/bin/time -f "lychee --offline --include-fragments (run $run): %e s wall, %M KB peak" \
    lychee --offline --include-fragments --no-progress --root-dir "$corpus/dist" "$corpus/dist" \
    >"$work/lychee-corpus.txt" 2>"$work/lychee-corpus.time" || true
  tail -1 "$work/lychee-corpus.time"
done
grep -E "Total|Errors|Successful|Excluded" "$work/lychee-corpus.txt" | tr -s ' ' | head -6 || true
