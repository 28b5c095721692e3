#!/usr/bin/env bash
# Real documentation trees, built and checked as they are: the source distributions of
# projects documented with MkDocs carry their docs folder and mkdocs.yml. For each, the
# docs folder becomes `content/` of a helpsite site; the script prints the exit codes of
# `build` and `check` and the check's findings by rule (`(E)`: error level).
# Usage: bench/real-trees.sh [BIN] [PACKAGE...]   (needs pip; downloads into bench-out/trees)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
[ "$#" -gt 0 ] && shift
if [ -z "$bin" ]; then
  cargo build --release -q --bin helpsite
  bin=target/release/helpsite
fi
bin=$(realpath "$bin")
packages=("$@")
[ "${#packages[@]}" -eq 0 ] && packages=(hatch markdown starlette copier dirty-equals
  fastapi-users mkdocs-print-site-plugin mkdocstrings mkdocstrings-python python-dotenv
  ansible-lint molecule ansible-navigator cibuildwheel griffe pymdown-extensions
  markdown-exec mkdocs-autorefs)
work=bench-out/trees
mkdir -p "$work"
printf '%-28s %6s %6s %6s  %s\n' tree pages build check "findings by rule"
for pkg in "${packages[@]}"; do
  dir="$work/$pkg"
  if [ ! -d "$dir/raw" ]; then
    mkdir -p "$dir/dl" "$dir/raw"
    pip download -q --no-binary :all: --no-deps -d "$dir/dl" "$pkg" \
      >/dev/null 2>&1 || { echo "$pkg: download failed"; continue; }
    tar -xzf "$dir"/dl/*.tar.gz -C "$dir/raw" --strip-components=1 2>/dev/null || true
  fi
  yml=$(find "$dir/raw" -maxdepth 2 -name mkdocs.yml | head -1)
  [ -n "$yml" ] || { echo "$pkg: no mkdocs.yml in the source distribution"; continue; }
  docs_dir=$(sed -n 's/^docs_dir:[[:space:]]*//p' "$yml" | tr -d "\"'" | head -1)
  docs="$(dirname "$yml")/${docs_dir:-docs}"
  [ -d "$docs" ] || { echo "$pkg: no docs folder"; continue; }
  site="$dir/site"
  rm -rf "$site" && mkdir -p "$site"
  cp -r "$docs" "$site/content"
  echo "title: $pkg" >"$site/helpsite.yaml"
  pages=$(find "$site/content" -name '*.md' | wc -l)
  set +e
  "$bin" build -q --root "$site" --out "$dir/dist" >/dev/null 2>&1
  build=$?
  "$bin" check --root "$site" --format json >"$dir/check.json" 2>/dev/null
  check=$?
  set -e
  rules=$(python3 - "$dir/check.json" <<'EOF'
import collections, json, sys
try:
    findings = json.load(open(sys.argv[1]))["findings"]
except Exception:
    print("(no JSON: fatal error)")
    raise SystemExit
count = collections.Counter(
    f["rule"] + ("(E)" if f["severity"] == "error" else "") for f in findings)
print(" ".join(f"{r}={n}" for r, n in count.most_common()))
EOF
)
  printf '%-28s %6s %6s %6s  %s\n' "$pkg" "$pages" "$build" "$check" "$rules"
done
