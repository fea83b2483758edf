#!/usr/bin/env bash
# Makes the pictures README.md shows, with `backmap export` itself.
# Uses Assets/example-store when it exists; otherwise generates a small store
# of eight weekly sessions (fixed seed, so the pictures are reproducible).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -q
backmap=.build/debug/backmap

store=Assets/example-store
if [ ! -d "$store/sessions" ]; then
  store=$(mktemp -d)
  trap 'rm -rf "$store"' EXIT
  python3 docs/example-sessions.py "$store"
fi
# The first session (every level shows), the first against the last, and up to
# the last eight sessions in the report.
count=$($backmap list --json --store "$store" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
first="last~$((count - 1))"
refs=()
for ((back = (count > 8 ? 7 : count - 1); back >= 0; back--)); do refs+=("last~$back"); done
$backmap export "$first" --format svg -o docs/example-map.svg --store "$store"
$backmap export "$first" last --format svg -o docs/example-compare.svg --store "$store"
$backmap export "${refs[@]}" --format html -o docs/example-report.html --store "$store"
chmod 0644 docs/example-*.svg docs/example-report.html
echo "wrote docs/example-map.svg, docs/example-compare.svg and docs/example-report.html from $store"
