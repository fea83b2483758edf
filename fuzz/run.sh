#!/usr/bin/env bash
# Builds and runs backmap's three libFuzzer targets for a bounded time each:
#   SessionDecoderFuzz  SessionCodec.decode (JSON syntax check, limits, the hand-written
#                       decoder and encoder, checked against Foundation's Codable path)
#   SummaryIndexFuzz    the summary index readers (whole file, by blocks, the head),
#                       checked against each other and against their own encoding
#   RefParserFuzz       SessionRef and Timestamp parsing
# SwiftPM cannot link -sanitize=fuzzer on Linux, so swiftc compiles the Core
# sources these need (not the drawing, whose resources SwiftPM generates)
# together with the entry file. Not part of CI.
#
#   fuzz/run.sh                  60 s each
#   FUZZ_SECONDS=600 fuzz/run.sh
#   fuzz/run.sh RefParserFuzz    one target
# Crashes land in fuzz/out/<target>/ as crash-* files; replay one with
#   fuzz/out/<target>/fuzzer fuzz/out/<target>/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${FUZZ_SECONDS:-60}
CORE=Sources/BackMapCore
SOURCES=("$CORE"/Back/*.swift "$CORE"/Session/*.swift "$CORE"/Store/SessionRef.swift "$CORE"/Store/SessionSummary.swift "$CORE"/Text/*.swift
         "$CORE"/Insights/*.swift "$CORE"/Compare/*.swift "$CORE"/Subjects/Subject.swift
         "$CORE"/Store/SummaryIndex.swift "$CORE"/Store/SessionFolderListing.swift "$CORE"/Files/BoundedRead.swift
         "$CORE"/Files/FileSystemError.swift)
TARGETS=("${@:-SessionDecoderFuzz SummaryIndexFuzz RefParserFuzz}")
read -r -a TARGETS <<< "${TARGETS[*]}"

for target in "${TARGETS[@]}"; do
    out="fuzz/out/$target"
    mkdir -p "$out/corpus"
    echo "== building $target"
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g -use-ld=lld \
        -module-name BackMapFuzz "${SOURCES[@]}" "fuzz/$target.swift" -o "$out/fuzzer"
    case "$target" in
        SessionDecoderFuzz) seeds=fuzz/corpus/session; options=(-max_len=65536 -dict=fuzz/json.dict) ;;
        SummaryIndexFuzz) seeds=fuzz/corpus/index; options=(-max_len=8192) ;;
        RefParserFuzz) seeds=fuzz/corpus/ref; options=(-max_len=128) ;;
        *) echo "unknown target $target" >&2; exit 2 ;;
    esac
    echo "== running $target for ${SECONDS_EACH}s"
    # The new corpus folder comes first: libFuzzer writes what it finds there.
    # SWIFT_BACKTRACE off: the runtime's backtracer trips AddressSanitizer after a finding.
    (cd "$out" && SWIFT_BACKTRACE=enable=no ./fuzzer -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 "${options[@]/#-dict=/-dict=../../../}" corpus "../../../$seeds") 2>&1 | tee "$out/log.txt" | grep -E "^#[0-9]+ +(INITED|DONE)|stat::|ERROR|invariant|SUMMARY" || true
    if ls "$out"/crash-* "$out"/timeout-* "$out"/oom-* >/dev/null 2>&1; then
        echo "== $target found problems:"; ls "$out"/crash-* "$out"/timeout-* "$out"/oom-* 2>/dev/null
    fi
done
