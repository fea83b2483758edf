#!/usr/bin/env bash
# Makes dist/backmap-<version>-linux-<arch>.tar.gz and its .sha256: the static binary
# (no Swift toolchain needed to run it), the man page, bash/zsh/fish completions,
# README.md and the JSON schemas. Unpack it and copy bin/ and share/ under a prefix,
# or run bin/backmap where it is.
set -euo pipefail
cd "$(dirname "$0")/.."

commit=$(git rev-parse --short=12 HEAD 2>/dev/null || true)
if [ -n "$commit" ] && ! git diff --quiet HEAD 2>/dev/null; then commit="$commit-dirty"; fi
binary=$(scripts/build-static.sh -Xcc "-DBACKMAP_COMMIT=\"$commit\"")

# A static Swift build still links glibc and ncurses dynamically, as every Linux
# program does; what must not appear is a Swift runtime library.
if ldd "$binary" | grep -E 'libswift|libFoundation|libdispatch|libBlocksRuntime' >&2; then
    echo "release: the binary needs Swift libraries at run time (above); it must be static" >&2
    exit 1
fi

version=$("$binary" --version | cut -d' ' -f1)
name="backmap-$version-linux-$(uname -m)"
stage="dist/$name"
rm -rf "$stage" "dist/$name.tar.gz" "dist/$name.tar.gz.sha256"
mkdir -p "$stage/bin" "$stage/share/man/man1" "$stage/share/bash-completion/completions" \
    "$stage/share/zsh/site-functions" "$stage/share/fish/vendor_completions.d" "$stage/share/backmap"
install -m 0755 "$binary" "$stage/bin/backmap"
strip "$stage/bin/backmap"
install -m 0644 docs/backmap.1 "$stage/share/man/man1/backmap.1"
"$binary" --generate-completion-script bash > "$stage/share/bash-completion/completions/backmap"
"$binary" --generate-completion-script zsh > "$stage/share/zsh/site-functions/_backmap"
"$binary" --generate-completion-script fish > "$stage/share/fish/vendor_completions.d/backmap.fish"
install -m 0644 README.md "$stage/README.md"
for schema in Assets/*.schema.json; do install -m 0644 "$schema" "$stage/share/backmap/"; done

# Reproducible enough to compare: sorted names, no owner, the commit's time.
stamp=$(git log -1 --format=%ct 2>/dev/null || date +%s)
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$stamp" \
    -C dist -czf "dist/$name.tar.gz" "$name"
(cd dist && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
rm -rf "$stage"
echo "dist/$name.tar.gz"
