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
# The theme's search form points at search/, which this branch's build does not produce;
# helpsite does not check form actions, so lychee is told to skip it too.
lychee_args=(--offline --include-fragments --no-progress --format json
  --root-dir "$work/faults-dist" --exclude '/search$')
lychee "${lychee_args[@]}" "$work/faults-dist" >"$work/lychee-faults.json" 2>/dev/null || true
lychee "${lychee_args[@]}" --index-files index.html "$work/faults-dist" \
  >"$work/lychee-index-faults.json" 2>/dev/null || true
python3 - "$fixture/expected.txt" "$work" <<'PY'
import json, re, sys, urllib.parse
expected_file, work = sys.argv[1:3]
tokens, lint = [], 0
for line in open(expected_file):
    if line.startswith("#") or not line.strip():
        continue
    if " | " in line:
        tokens.append(line.split(" | ", 1)[1].strip())
    else:
        lint += 1

def matches(token, url):
    """Does a reported URL (or link as written) name the planted defect `token`?"""
    path, _, fragment = urllib.parse.unquote(url).partition("#")
    path = path.split("?")[0].rstrip("/")
    if token.startswith("#"):
        return fragment == token[1:]
    return path.endswith(urllib.parse.unquote(token).rstrip("/"))

def score(reported):
    """reported: one list of candidate URLs per report (a finding may name several)."""
    hits, stray = set(), set()
    for candidates in reported:
        found = [t for t in tokens if any(matches(t, c) for c in candidates)]
        if found:
            hits.update(found)
        else:
            stray.add(candidates[0])
    precision = len(hits) / (len(hits) + len(stray)) if hits or stray else 1.0
    return precision, len(hits) / len(tokens), sorted(set(tokens) - hits), sorted(stray)

hs = json.load(open(f"{work}/helpsite-faults.json"))
# A finding names the link as written and, for broken pages, the path looked for.
hs_links = [re.findall(r"`([^`]*)`", f["message"])
            for f in hs["findings"] if f["rule"] in ("broken-link", "broken-anchor")]
hs_all = {(f["rule"], f["file"], f["line"]) for f in hs["findings"]}

def lychee(name):
    data = json.load(open(f"{work}/{name}"))
    urls = {f["url"] for fs in data.get("error_map", {}).values() for f in fs}
    return [[u.replace("file://" + work + "/faults-dist", "")] for u in urls]

print(f"planted: {len(tokens)} broken links/anchors (+ {lint} lint defects only helpsite looks for)")
runs = (("helpsite check", hs_links),
        ("lychee --offline --include-fragments", lychee("lychee-faults.json")),
        ("  ... with --index-files index.html", lychee("lychee-index-faults.json")))
for name, reported in runs:
    p, r, missed, stray = score(reported)
    print(f"{name:38} precision {p:6.1%}  recall {r:6.1%}  ({len(reported)} distinct reports)")
    for m in missed:
        print(f"{'':38} missed: {m}")
    for s in stray:
        print(f"{'':38} false alarm: {s}")
print(f"helpsite, every rule: {len(hs_all)} findings for {len(tokens) + lint} planted defects")
PY

echo
echo "== speed: $pages-page corpus =="
corpus="$work/c$pages"
if [ ! -f "$corpus/helpsite.yaml" ]; then
  python3 "$shared/bench/gen_corpus.py" --pages "$pages" --out "$corpus" --flavor helpsite >/dev/null
fi
rm -rf "$corpus/dist"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
# `-v` prints how long the build's internal link gate took.
/usr/bin/time -f "helpsite build: %e s wall, %M KB peak" "$hs" build -q -v --root "$corpus" 2>&1 | grep -v '^$' || true
for run in 1 2 3; do
  # `-v` splits the time: build (in memory), then each check phase. The corpus's FAQ sets
  # repeat questions across groups, so check exits 1 (faq-duplicate-question).
  /usr/bin/time -f "helpsite check (run $run): %e s wall, %M KB peak" "$hs" check -v --root "$corpus" \
    2>&1 >/dev/null | grep -v "exited with non-zero" || true
done
"$hs" check --root "$corpus" | tail -1 || true
lychee_corpus() {
  local label=$1; shift
  /usr/bin/time -f "$label: %e s wall, %M KB peak" \
    lychee --offline --include-fragments --no-progress "$@" --root-dir "$corpus/dist" "$corpus/dist" \
    >"$work/lychee-corpus.txt" 2>"$work/lychee-corpus.time" || true
  tail -1 "$work/lychee-corpus.time"
  grep -E "Total|Errors" "$work/lychee-corpus.txt" | tr -s ' ' | head -2 || true
}
for run in 1 2; do
  lychee_corpus "lychee --offline --include-fragments --index-files index.html (run $run)" --index-files index.html
done
lychee_corpus "lychee --offline --include-fragments (run 1)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
