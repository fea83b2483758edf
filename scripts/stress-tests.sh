#!/usr/bin/env bash
# Runs the end-to-end suite N times (default 10) while every core is kept busy,
# to show that its waits are waits for a state, not for a time (issue 9).
#
#   scripts/stress-tests.sh [N]
#
# Builds once, then runs `swift test --skip-build --filter EndToEndTests` N
# times with one busy loop per core running alongside. Prints each run's
# result and "P of N runs passed"; exits non-zero unless all passed. The log
# of each run is kept in a folder named at the end.
set -euo pipefail

runs=${1:-10}
case $runs in
    '' | *[!0-9]* | 0) echo "usage: $0 [number of runs, 1 or more]" >&2; exit 2 ;;
esac

cd "$(dirname "$0")/.."
logs=$(mktemp -d "${TMPDIR:-/tmp}/backmap-stress-XXXXXX")

echo "building…"
swift build --build-tests > "$logs/build.log" 2>&1 || { echo "the build failed; see $logs/build.log" >&2; exit 1; }
swift build > "$logs/build-binaries.log" 2>&1 || { echo "the build failed; see $logs/build-binaries.log" >&2; exit 1; }

burners=()
stop_burners() {
    if ((${#burners[@]})); then kill "${burners[@]}" 2>/dev/null || true; fi
}
trap stop_burners EXIT
cores=$(nproc 2>/dev/null || echo 2)
for _ in $(seq "$cores"); do
    (while :; do :; done) &
    burners+=($!)
done
echo "keeping $cores cores busy (pids ${burners[*]})"

passed=0
for run in $(seq "$runs"); do
    started=$SECONDS
    if swift test --skip-build --filter EndToEndTests > "$logs/run-$run.log" 2>&1; then
        passed=$((passed + 1))
        echo "run $run of $runs: passed ($((SECONDS - started)) s)"
    else
        echo "run $run of $runs: FAILED ($((SECONDS - started)) s); failures:"
        grep -E '✘|recorded an issue' "$logs/run-$run.log" | head -20 || true
    fi
done

echo "$passed of $runs runs passed; logs in $logs"
[ "$passed" -eq "$runs" ]
