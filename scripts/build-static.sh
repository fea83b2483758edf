#!/usr/bin/env bash
# Builds the backmap that `make install` installs, `make release` ships and
# `backmap-bench` measures, and prints its path:
#
#   swift build -c release --static-swift-stdlib --product backmap [ARGS...]
#
# with three additions:
#
# - The C++ library the Swift runtime uses is linked in as well when the C compiler
#   knows its static archive (libstdc++-dev, which Swift needs anyway). Then the
#   dynamic loader has no libstdc++.so to open and bind at every start (about 2,000
#   symbol lookups, 0.7 ms of a 10 ms first frame here) and the binary runs where no
#   C++ library is installed. Without the archive the build is the same, minus that.
# - The program is linked at a fixed address (`-no-pie`). A position-independent
#   static Swift program carries some 80,000 relocations that the loader applies at
#   every start, writing to about 250 pages of type metadata and tables: 250 page
#   faults, 1-2 ms of a 10 ms first frame on this machine, before `main`. The cost is
#   that the program's own code and data sit at the same address at every run (the
#   stack, the heap and the shared libraries are still placed at random), as Go
#   builds its programs by default. A plain `swift build -c release` stays
#   position-independent.
# - The unwinder comes from libgcc's archive (`-static-libgcc`), not libgcc_s.so: one
#   library fewer to find, map and bind at every start (0.3-1 ms of the first frame
#   here). The unwinder is the same code, linked in; the binary needs one library
#   fewer to be installed.
#
# ARGS go to `swift build` (`--scratch-path DIR`, `-Xcc -DNAME=VALUE`, ...).
set -euo pipefail
cd "$(dirname "$0")/.."

flags=(-Xswiftc -Xclang-linker -Xswiftc -no-pie -Xswiftc -Xclang-linker -Xswiftc -static-libgcc)
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
    flags+=(-Xlinker "-L$folder")
else
    echo "build-static: no static libstdc++ found (libstdc++-dev); linking it dynamically" >&2
fi

swift build -c release --static-swift-stdlib --product backmap "${flags[@]}" "$@" >&2
echo "$(swift build -c release --static-swift-stdlib "${flags[@]}" "$@" --show-bin-path)/backmap"
