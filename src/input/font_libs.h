/*
 * font_libs.h — FreeType and HarfBuzz, opened when the first PDF is read.
 *
 * MuPDF (a static library here) calls them for the fonts of a page; linked
 * against them, the program mapped and relocated them and the six shared
 * objects they pull in (libpng, brotli, graphite2, glib, pcre2) at every
 * start: 0.6 ms of a check that takes 10–15 ms, for a PDF most audits do
 * not read. font_libs.c defines the functions MuPDF calls by their own
 * names, going through the libraries font_libs_load opened
 * (util/lazy_lib.h), which must have succeeded before MuPDF runs.
 */
#ifndef LAKIP_FONT_LIBS_H
#define LAKIP_FONT_LIBS_H

#include <stddef.h>

/* 0, or -1 with the reason in err (a library is not installed). */
int font_libs_load(char *err, size_t errlen);

#endif
