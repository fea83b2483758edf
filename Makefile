# `make install` builds the static release binary and installs it with its man page and
# shell completions under PREFIX (default ~/.local); `make uninstall` removes exactly that.
# DESTDIR stages an install for packaging. The work is done by scripts/install.sh.
PREFIX ?= $(HOME)/.local
DESTDIR ?=
export PREFIX DESTDIR

.PHONY: install uninstall release man

install:
	scripts/install.sh install

uninstall:
	scripts/install.sh uninstall

# backmap-<version>-linux-<arch>.tar.gz and its SHA-256 sum, in dist/.
release:
	scripts/release.sh

# Rewrites docs/backmap.1 from the commands' own help (a test fails when it is stale).
man:
	swift build --product backmap
	python3 scripts/manpage.py "$$(swift build --show-bin-path)/backmap" > docs/backmap.1
