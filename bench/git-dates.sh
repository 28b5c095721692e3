#!/usr/bin/env bash
# The cost of `updated: git` (README, "Last updated from git"): a generated corpus made a git
# repository with a history, built with and without `updated: git` (medians of hyperfine
# runs). The history: COMMITS commits (default 200) on set dates, each editing PAGES/100
# pages chosen at random, then 100 pages moved without edits and moved back (so the
# history holds renames, and the pages' links still hold).
# Usage: bench/git-dates.sh [PAGES]   (default 10000);  RUNS=5, COMMITS=200 to change them.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${RUNS:-5}
commits=${COMMITS:-200}
gen=../shared/bench/gen_corpus.py
cargo build --release -q --bin helpsite
command -v hyperfine >/dev/null || { echo "hyperfine missing: apt-get install hyperfine" >&2; exit 2; }
site="bench-out/git-$n"
if [ ! -d "$site/.git" ]; then
  rm -rf "$site"
  python3 "$gen" --pages "$n" --out "$site" --flavor helpsite >/dev/null
  export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.test
  export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.test
  g() { git -C "$site" -c commit.gpgsign=false "$@"; }
  g init -q -b main
  printf 'dist/\n.dist.helpsite-*\n.helpsite-*\n' > "$site/.gitignore"
  export GIT_AUTHOR_DATE="2024-01-01T09:00:00+00:00" GIT_COMMITTER_DATE="2024-01-01T09:00:00+00:00"
  g add -A && g commit -qm "corpus"
  mapfile -t pages < <(cd "$site" && find content -name '*.md' | sort)
  per=$(( ${#pages[@]} / 100 ))
  RANDOM=1
  for c in $(seq 1 "$commits"); do
    day=$(( c % 28 + 1 )); month=$(( (c / 28) % 12 + 1 ))
    export GIT_AUTHOR_DATE=$(printf '2025-%02d-%02dT12:00:00+02:00' "$month" "$day")
    export GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
    for _ in $(seq 1 "$per"); do
      printf '\nEdit %d.\n' "$c" >> "$site/${pages[$(( (RANDOM * 32768 + RANDOM) % ${#pages[@]} ))]}"
    done
    g commit -qam "edit $c"
  done
  mkdir -p "$site/content/moved"
  export GIT_AUTHOR_DATE="2026-01-01T12:00:00+00:00" GIT_COMMITTER_DATE="2026-01-01T12:00:00+00:00"
  for p in "${pages[@]:0:100}"; do g mv "$p" "content/moved/$(echo "$p" | tr / _)"; done
  g commit -qm "move 100 pages"
  for p in "${pages[@]:0:100}"; do g mv "content/moved/$(echo "$p" | tr / _)" "$p"; done
  g commit -qm "move them back"
fi
base=$(grep -v '^updated:' "$site/helpsite.yaml" || true)
printf '%s\n' "$base" > bench-out/git-off.yaml
printf '%s\nupdated: git\n' "$base" > bench-out/git-on.yaml
echo "== $n pages, $(git -C "$site" rev-list --count HEAD) commits: build without and with updated: git"
# hyperfine runs all of one command, then all of the other; on this shared machine the
# first one came out slower whichever it was, so both orders run and both are shown.
off=(-n "without" --prepare "cp bench-out/git-off.yaml $site/helpsite.yaml" "target/release/helpsite build -q --root $site")
on=(-n "updated: git" --prepare "cp bench-out/git-on.yaml $site/helpsite.yaml" "target/release/helpsite build -q --root $site")
hyperfine --style basic --warmup 1 --runs "$runs" --export-json "bench-out/git-dates-$n-a.json" "${off[@]}" "${on[@]}" >/dev/null
hyperfine --style basic --warmup 1 --runs "$runs" --export-json "bench-out/git-dates-$n-b.json" "${on[@]}" "${off[@]}" >/dev/null
echo "== git log alone (what updated: git adds, run on its own)"
hyperfine --style basic --warmup 1 --runs "$runs" --export-json "bench-out/git-log-$n.json" \
  -n "git log" "git -C $site/content log -z --name-status -M --relative --format=%x01%cs -- . >/dev/null" >/dev/null
echo "== the load stage, which waits for git log (build -v, alternating, 3 times each)"
for cfg in off on off on off on; do
  cp "bench-out/git-$cfg.yaml" "$site/helpsite.yaml"
  printf '%s ' "$cfg"; target/release/helpsite build -v --root "$site" 2>&1 | grep -E '^ *load ' | tr -s ' '
done
cp bench-out/git-off.yaml "$site/helpsite.yaml"
python3 - "$n" <<'PY'
import json, sys
n = sys.argv[1]
for order in "ab":
    res = {r["command"]: r for r in json.load(open(f"bench-out/git-dates-{n}-{order}.json"))["results"]}
    off, on = res["without"], res["updated: git"]
    first = "without first" if order == "a" else "updated: git first"
    print(f"{first:20} without {off['median']:.2f} s (user {off['user']:.2f}), "
          f"updated: git {on['median']:.2f} s (user {on['user']:.2f}): {on['median'] - off['median']:+.2f} s")
log = json.load(open(f"bench-out/git-log-{n}.json"))["results"][0]
print(f"git log alone        {log['median']:.2f} s (user {log['user']:.2f}, sys {log['system']:.2f})")
PY
