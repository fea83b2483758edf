#!/usr/bin/env bash
# Makes the pictures README.md shows, with `backmap export` itself, from
# Assets/example-store: the one source of the examples (remake the store with
# docs/make-example-store.py). The first session (every level shows), the first
# against the last, and the whole store in the report, oldest first.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -q
backmap=.build/debug/backmap
store=Assets/example-store
ids=$($backmap list --json --store "$store" | python3 -c 'import json, sys; print(" ".join(s["id"] for s in json.load(sys.stdin)[::-1]))')
count=$(wc -w <<<"$ids")
$backmap export "last~$((count - 1))" --format svg -o docs/example-map.svg --store "$store"
$backmap export "last~$((count - 1))" last --format svg -o docs/example-compare.svg --store "$store"
# shellcheck disable=SC2086  # the ids are words
$backmap export $ids --format html -o docs/example-report.html --store "$store"
chmod 0644 docs/example-*.svg docs/example-report.html
echo "wrote docs/example-map.svg, docs/example-compare.svg and docs/example-report.html from $store"
