#ifndef BACKMAP_BUILD_INFO_H
#define BACKMAP_BUILD_INFO_H

/// The commit backmap was built from, or "" when the build did not say.
/// `make install` and scripts/release.sh pass it as -Xcc -DBACKMAP_COMMIT="\"<hash>\"";
/// a plain `swift build` has none, and --version then prints the version alone.
const char *backmap_build_commit(void);

#endif
