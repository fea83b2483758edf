// What Glibc's Swift module leaves out: statfs(2), whose f_type names a file system.
#include <sys/vfs.h>
