#!/usr/bin/env bash
# Builds the backmap that `make install` installs, `make release` ships and
# `backmap-bench` measures, and prints its path:
#
#   swift build -c release --static-swift-stdlib --product backmap [ARGS...]
#
# with one addition: the C++ library the Swift runtime uses is linked in as well when
# the C compiler knows its static archive (libstdc++-dev, which Swift needs anyway).
# Then the dynamic loader has no libstdc++.so to open and bind at every start (about
# 2,000 symbol lookups, 0.7 ms of a 10 ms first frame here) and the binary runs where
# no C++ library is installed. Without the archive the build is the same, minus that.
#
# ARGS go to `swift build` (`--scratch-path DIR`, `-Xcc -DNAME=VALUE`, ...).
set -euo pipefail
cd "$(dirname "$0")/.."

flags=()
archive=""
for compiler in "${CC:-cc}" clang; do
    archive=$("$compiler" -print-file-name=libstdc++.a 2>/dev/null) || archive=""
    [ -f "$archive" ] && break
    archive=""
done
if [ -n "$archive" ]; then
    # The linker takes the first libstdc++ it finds on its search path, and Swift asks
    # for it by name: a folder holding only the archive, searched first, makes that one
    # the static library.
    folder="$PWD/.build/static-libstdc++"
    mkdir -p "$folder"
    ln -sf "$archive" "$folder/libstdc++.a"
    flags=(-Xlinker "-L$folder")
else
    echo "build-static: no static libstdc++ found (libstdc++-dev); linking it dynamically" >&2
fi

swift build -c release --static-swift-stdlib --product backmap "${flags[@]}" "$@" >&2
echo "$(swift build -c release --static-swift-stdlib "${flags[@]}" "$@" --show-bin-path)/backmap"
