/*
 * zip_lib.h — libzip, opened when the first Office package is read
 * (util/lazy_lib.h says why). The loaders call libzip's functions by their
 * own names (zip.h); zip_lib.c defines them to go through the library
 * opened by zip_lib_load, which must have succeeded first.
 */
#ifndef LAKIP_ZIP_LIB_H
#define LAKIP_ZIP_LIB_H

#include <stddef.h>

/* 0, or -1 with the reason in err (libzip is not installed). */
int zip_lib_load(char *err, size_t errlen);

#endif
