/*
 * lazy_lib.h — a shared library opened when it is first needed.
 *
 * libzip (Office packages) and libxlsxwriter (the xlsx working paper) and
 * the libcrypto both pull in were half of the program's start-up (mapping
 * and relocating them: `--version` took 3.0 ms linked against them, 1.45
 * ms without), and most audits read no Office file and write no workbook.
 * Their functions are reached through pointers that lazy_lib_load fills
 * from the library (input/zip_lib.c, output/xlsx_lib.c) on the first use.
 */
#ifndef LAKIP_LAZY_LIB_H
#define LAKIP_LAZY_LIB_H

#include <pthread.h>
#include <stddef.h>

typedef struct {
    const char *name;           /* the function's name in the library */
    void **slot;                /* where its address goes */
} lazy_symbol;

typedef struct {
    const char *soname;         /* "libzip.so.4": the version the program was built against */
    pthread_mutex_t lock;
    int state;                  /* 0 not tried, 1 loaded, -1 failed (error says why) */
    char error[512];
} lazy_lib;

#define LAZY_LIB(soname) { (soname), PTHREAD_MUTEX_INITIALIZER, 0, "" }

/* Opens lib (once; later calls give the first answer) and fills every
 * slot. 0, or -1 with the reason in err (the library or a function of it
 * not found). */
int lazy_lib_load(lazy_lib *lib, const lazy_symbol *symbols, size_t n, char *err, size_t errlen);

#endif
