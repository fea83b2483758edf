#include "build_info.h"

// A C target because a C define is the one value SwiftPM lets a build command
// set from outside without generating a source file.
#ifndef BACKMAP_COMMIT
#define BACKMAP_COMMIT ""
#endif

const char *backmap_build_commit(void) { return BACKMAP_COMMIT; }
