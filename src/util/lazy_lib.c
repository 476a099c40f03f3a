/*
 * lazy_lib.c — a shared library opened when it is first needed (lazy_lib.h).
 */
#include "util/lazy_lib.h"

#include <dlfcn.h>
#include <stdio.h>

int lazy_lib_load(lazy_lib *lib, const lazy_symbol *symbols, size_t n, char *err, size_t errlen)
{
    pthread_mutex_lock(&lib->lock);
    if (lib->state == 0) {
        void *handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            snprintf(lib->error, sizeof lib->error, "%s", dlerror());
            lib->state = -1;
        }
        for (size_t i = 0; handle && i < n; i++) {
            *symbols[i].slot = dlsym(handle, symbols[i].name);
            if (!*symbols[i].slot) {
                snprintf(lib->error, sizeof lib->error, "%s: no function %s", lib->soname, symbols[i].name);
                lib->state = -1;
                break;
            }
        }
        if (lib->state == 0) lib->state = 1;
    }
    int ok = lib->state == 1;
    if (!ok && err) snprintf(err, errlen, "%s", lib->error);
    pthread_mutex_unlock(&lib->lock);
    return ok ? 0 : -1;
}
