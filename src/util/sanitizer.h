/*
 * sanitizer.h — whether this build runs under AddressSanitizer (gcc's
 * __SANITIZE_ADDRESS__, clang's __has_feature). Code that works around the
 * allocator for speed, or limits the address space, does otherwise under
 * it: the pool hands every block to malloc so ASan sees each one
 * (engine/lua_pool.c), check frees the audit before it ends so the leak
 * check runs (main.c), a rule's child process gets no RLIMIT_AS (ASan
 * reserves terabytes: engine/isolate.c).
 */
#ifndef LAKIP_SANITIZER_H
#define LAKIP_SANITIZER_H

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

#endif
