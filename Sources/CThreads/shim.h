#ifndef CTHREADS_SHIM_H
#define CTHREADS_SHIM_H
#include <pthread.h>
#include <string.h>

/// glibc declares pthread_setname_np only under _GNU_SOURCE, which Swift's Glibc module is built without.
extern int pthread_setname_np(pthread_t thread, const char *name);

/// Names the calling thread for the kernel (what `top -H`, `ps -L` and `perf` show), cut to the 15 bytes Linux keeps.
/// Returns 0, or the error pthread_setname_np gave.
static inline int cthreads_name_current_thread(const char *name) {
    char kept[16];
    strncpy(kept, name, sizeof kept - 1);
    kept[sizeof kept - 1] = '\0';
    return pthread_setname_np(pthread_self(), kept);
}

#endif
