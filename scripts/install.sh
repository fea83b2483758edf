#!/usr/bin/env bash
# Installs backmap like any terminal tool, or removes exactly what it installed.
#
#   scripts/install.sh install     build the static release binary, then install-files
#   scripts/install.sh install-files   install BINARY (default: the release build) as is
#   scripts/install.sh uninstall   remove the files and the folders that install created
#
# PREFIX (default ~/.local) and DESTDIR work as usual: everything goes under
# $DESTDIR$PREFIX and nothing anywhere else, apart from the build in .build/.
# `make install` and `make uninstall` call this script.
set -euo pipefail
cd "$(dirname "$0")/.."

PREFIX="${PREFIX:-$HOME/.local}"
DESTDIR="${DESTDIR:-}"
root="$DESTDIR$PREFIX"
bin_dir="$root/bin"
man_dir="$root/share/man/man1"
bash_dir="$root/share/bash-completion/completions"
zsh_dir="$root/share/zsh/site-functions"
fish_dir="$root/share/fish/vendor_completions.d"
# What install created, so that uninstall takes away exactly that and no folder the
# person had before.
manifest_dir="$root/share/backmap"
manifest="$manifest_dir/install-manifest"

say() { printf 'backmap install: %s\n' "$*" >&2; }

commit() {
    local hash
    hash=$(git rev-parse --short=12 HEAD 2>/dev/null) || return 0
    git diff --quiet HEAD 2>/dev/null || hash="$hash-dirty"
    printf '%s' "$hash"
}

build() {
    # Static: the installed program needs no Swift libraries at run time, and starts
    # faster (the dynamic loader has fewer libraries to bind). See build-static.sh.
    BINARY=$(scripts/build-static.sh -Xcc "-DBACKMAP_COMMIT=\"$(commit)\"")
}

created=()
make_dir() {
    # Each missing folder on the way down, outermost first, is recorded as created.
    local dir="$1" missing=()
    while [ ! -d "$dir" ]; do missing=("$dir" "${missing[@]}"); dir=$(dirname "$dir"); done
    for dir in "${missing[@]}"; do mkdir -m 0755 "$dir"; created+=("$dir"); done
}

install_files() {
    BINARY="${BINARY:-$(swift build -c release --static-swift-stdlib --show-bin-path)/backmap}"
    [ -x "$BINARY" ] || { say "no binary at $BINARY; run \`make install\` to build it"; exit 1; }
    [ -f "$manifest" ] && { say "already installed under $root; run \`make uninstall\` first"; exit 1; }
    for dir in "$bin_dir" "$man_dir" "$bash_dir" "$zsh_dir" "$fish_dir" "$manifest_dir"; do make_dir "$dir"; done
    local files=(
        "$bin_dir/backmap" "$man_dir/backmap.1" "$bash_dir/backmap"
        "$zsh_dir/_backmap" "$fish_dir/backmap.fish" "$manifest"
    )
    install -m 0755 "$BINARY" "$bin_dir/backmap"
    install -m 0644 docs/backmap.1 "$man_dir/backmap.1"
    # The completion scripts come from the binary itself, so they match its commands.
    "$BINARY" --generate-completion-script bash > "$bash_dir/backmap"
    "$BINARY" --generate-completion-script zsh > "$zsh_dir/_backmap"
    "$BINARY" --generate-completion-script fish > "$fish_dir/backmap.fish"
    chmod 0644 "$bash_dir/backmap" "$zsh_dir/_backmap" "$fish_dir/backmap.fish"
    {
        for file in "${files[@]}"; do printf 'file %s\n' "$file"; done
        # Innermost last here, so uninstall reads them backwards, innermost first.
        for dir in "${created[@]}"; do printf 'dir %s\n' "$dir"; done
    } > "$manifest"
    chmod 0644 "$manifest"
    say "installed $("$bin_dir/backmap" --version) in $bin_dir"
    case ":$PATH:" in *":$PREFIX/bin:"*) ;; *) say "add $PREFIX/bin to PATH to run it as \`backmap\`";; esac
}

uninstall() {
    if [ ! -f "$manifest" ]; then say "nothing to remove: $manifest is missing"; exit 1; fi
    local kind path dirs=()
    while read -r kind path; do
        case "$kind" in
            file) [ "$path" = "$manifest" ] || rm -f -- "$path" ;;
            dir) dirs=("$path" "${dirs[@]}") ;;
        esac
    done < "$manifest"
    rm -f -- "$manifest"
    # A folder that install created goes only if nothing else has been put in it since.
    for path in "${dirs[@]}"; do rmdir -- "$path" 2>/dev/null || true; done
    say "removed backmap from $root"
}

case "${1:-install}" in
    install) build; install_files ;;
    install-files) install_files ;;
    uninstall) uninstall ;;
    *) say "unknown action ${1}; use install, install-files or uninstall"; exit 64 ;;
esac
