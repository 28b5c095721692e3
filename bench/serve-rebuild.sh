#!/usr/bin/env bash
# Time from a file write to the live-reload event of `helpsite serve`, on generated corpora.
#
#   bench/serve-rebuild.sh [SIZES...]      default: 1000 10000
#
# For each size: generate a corpus (shared gen_corpus.py, --flavor helpsite), start the
# release binary on it (127.0.0.1, a free port), wait for the first build, then measure:
#   - body edits: a paragraph added to one page (the fast path), EDITS times, different pages;
#   - CSS edits: static/style.css rewritten (stylesheet swap);
#   - title edits: one page's title changed (every page's navigation changes: full path).
# Each figure is wall time from just before the write to the event arriving on an open
# event stream, as a browser would see it. Prints min / median / max per kind.
# Env: EDITS (default 9), TITLE_EDITS (default 3), GEN_CORPUS (path to gen_corpus.py), OUT (default bench-out),
# HELPSITE_BIN (another binary than this checkout's release build, e.g. an earlier one to compare).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
EDITS=${EDITS:-9}
TITLE_EDITS=${TITLE_EDITS:-3}
OUT=${OUT:-bench-out}
GEN=${GEN_CORPUS:-../shared/bench/gen_corpus.py}
BIN=${HELPSITE_BIN:-target/release/helpsite}

[ -f "$GEN" ] || { echo "no corpus generator at $GEN (set GEN_CORPUS)" >&2; exit 2; }
[ -n "${HELPSITE_BIN:-}" ] || cargo build --release --quiet
mkdir -p "$OUT"

for n in "${SIZES[@]}"; do
  site="$OUT/serve-$n"
  if [ ! -f "$site/.complete" ]; then
    rm -rf "$site"
    python3 "$GEN" --pages "$n" --out "$site" --flavor helpsite >/dev/null
    touch "$site/.complete"
  fi
  rm -rf "$site/static"
  log="$OUT/serve-$n.log"
  "$BIN" serve --root "$site" --port 0 >"$log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  python3 - "$site" "$log" "$EDITS" "$TITLE_EDITS" "$n" <<'PY'
import os, re, socket, statistics, sys, time, glob, urllib.request

site, log, edits, title_edits, pages = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]

def wait(pred, what, timeout=600):
    start = time.time()
    while True:
        value = pred()
        if value:
            return value
        if time.time() - start > timeout:
            sys.exit(f"timed out waiting for {what}; log:\n" + open(log).read())
        time.sleep(0.05)

def port():
    m = re.search(r"at http://127\.0\.0\.1:(\d+)/", open(log).read())
    return m and int(m.group(1))

p = wait(port, "the server to start")
def home():
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{p}/") as r:
            return r.read().decode()
    except Exception:
        return None
t0 = time.time()
page = wait(home, "the first build")
first = time.time() - t0
build = re.search(r'data-build="([^"]*)"', page).group(1)

sock = socket.create_connection(("127.0.0.1", p))
sock.sendall(f"GET /__helpsite/events?build={build} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
buf = b""
def next_event(timeout=300):
    """The name of the next complete event on the stream."""
    global buf
    deadline = time.perf_counter() + timeout
    while True:
        m = re.search(rb"event: ([\w-]+)\ndata: [^\n]*\n\n", buf)
        if m:
            buf = buf[m.end():]
            return m.group(1).decode()
        sock.settimeout(max(0.01, deadline - time.perf_counter()))
        chunk = sock.recv(65536)
        if not chunk:
            sys.exit("event stream closed")
        buf += chunk

def drain():
    global buf
    sock.settimeout(0.3)
    try:
        while sock.recv(65536):
            pass
    except socket.timeout:
        pass
    buf = b""

drain()
files = sorted(glob.glob(os.path.join(site, "content", "**", "*.md"), recursive=True))
files = [f for f in files if not f.endswith("_index.md")]

def timed(kind, change, want, count):
    out = []
    for i in range(count):
        drain()
        start = time.perf_counter()
        change(i)
        got = next_event()
        took = (time.perf_counter() - start) * 1000
        if got != want:
            sys.exit(f"{kind}: expected {want}, got {got}")
        out.append(took)
    return out

def body(i):
    with open(files[(i * 997) % len(files)], "a") as f:
        f.write(f"\nAn added paragraph, edit {i}.\n")

def css(i):
    os.makedirs(os.path.join(site, "static"), exist_ok=True)
    with open(os.path.join(site, "static", "style.css"), "w") as f:
        f.write(f"body {{ outline: {i}px solid transparent; }}\n")

def title(i):
    path = files[(i * 31 + 7) % len(files)]
    text = open(path).read()
    text = re.sub(r'^title: "?(.*?)"?$', lambda m: f'title: "{m.group(1)} {i}"', text, count=1, flags=re.M)
    open(path, "w").write(text)

results = [
    ("body edit", timed("body", body, "reload", edits)),
    ("CSS edit", timed("css", css, "css", edits)),
    ("title edit", timed("title", title, "reload", title_edits)),
]
print(f"{pages} pages: first build {first * 1000:.0f} ms")
for kind, ms in results:
    print(f"  {kind:<11} write -> event: median {statistics.median(ms):7.1f} ms   min {min(ms):7.1f}   max {max(ms):7.1f}   (n={len(ms)})")
PY
  grep -E "^(updated|built)" "$log" | awk '{print "  server: " $0}' | tail -n 4
  kill -INT $pid
  wait $pid || true
  trap - EXIT
  rm -rf "$site/static"
done
