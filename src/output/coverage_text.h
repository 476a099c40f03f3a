/*
 * coverage_text.h — the coverage of an audit in words, for the writers
 * people read (text, Markdown, HTML) and for SARIF's notifications: what
 * was read, what was checked, and each block that could not be read.
 */
#ifndef LAKIP_COVERAGE_TEXT_H
#define LAKIP_COVERAGE_TEXT_H

#include <stddef.h>
#include "model/catalog.h"
#include "model/coverage.h"

/* Two sentences in lang: the tables and rows, then the values, e.g.
 *   "Cakupan: 1 berkas; 11 tabel, 10 dengan judul kolom dikenali, 10 diperiksa; 122 dari 176 baris diperiksa."
 *   "Nilai: 465 angka terbaca; 113 dihitung ulang, 70 dibandingkan, 1 tidak dapat diperiksa; 0 sel bukan angka." */
void coverage_sentences(const coverage_summary *s, enum lang lang, char tables[512], char values[512]);

/* The heading of the list of what was not read ("Tidak terbaca" / "Not read"). */
const char *coverage_unread_heading(enum lang lang);

/* "FILE:LINE: why" (":LINE" left out for a whole file), in lang. */
void coverage_unread_text(const coverage_unread *u, enum lang lang, char *buf, size_t size);

#endif
