/*
 * LD_PRELOAD shim for tests: every block from posix_memalign (libtorch's CPU allocator) starts filled with 0xFF bytes,
 * which are NaN as float32. A native kernel that reads memory it never wrote then yields NaN every time instead of now
 * and then, depending on what the allocator last held there. Used by sep.models.deep.UninitialisedMemoryTest.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

static int (*next_posix_memalign)(void **, size_t, size_t);

int posix_memalign(void **block, size_t alignment, size_t size) {
    if (!next_posix_memalign) next_posix_memalign = (int (*)(void **, size_t, size_t)) dlsym(RTLD_NEXT, "posix_memalign");
    int status = next_posix_memalign(block, alignment, size);
    if (status == 0 && *block) memset(*block, 0xFF, size);
    return status;
}
