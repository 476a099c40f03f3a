/*
 * coverage_text.c — the coverage in words (see coverage_text.h).
 */
#include "output/coverage_text.h"

#include <stdio.h>

void coverage_sentences(const coverage_summary *s, enum lang lang, char tables[512], char values[512])
{
    if (lang == LANG_EN) {
        snprintf(tables, 512, "Coverage: %zu file%s read; %zu table%s, %zu with a recognised header, %zu checked; "
                 "%zu of %zu rows checked.",
                 s->files, s->files == 1 ? "" : "s",
                 s->tables, s->tables == 1 ? "" : "s", s->tables_recognised, s->tables_checked, s->rows_checked, s->rows);
        snprintf(values, 512, "Values: %zu numbers read; %zu recomputed, %zu compared, %zu not checkable; "
                 "%zu cells not numbers; %zu files or blocks not read.",
                 s->values_read, s->values_recomputed, s->values_compared, s->values_not_checkable,
                 s->cells_unparsed, s->unread);
    } else {
        snprintf(tables, 512, "Cakupan: %zu berkas dibaca; %zu tabel, %zu dengan judul kolom dikenali, %zu diperiksa; "
                 "%zu dari %zu baris diperiksa.",
                 s->files, s->tables, s->tables_recognised, s->tables_checked, s->rows_checked, s->rows);
        snprintf(values, 512, "Nilai: %zu angka terbaca; %zu dihitung ulang, %zu dibandingkan, %zu tidak dapat diperiksa; "
                 "%zu sel bukan angka; %zu berkas atau blok tidak terbaca.",
                 s->values_read, s->values_recomputed, s->values_compared, s->values_not_checkable,
                 s->cells_unparsed, s->unread);
    }
}

const char *coverage_unread_heading(enum lang lang)
{
    return lang == LANG_EN ? "Not read" : "Tidak terbaca";
}

void coverage_unread_text(const coverage_unread *u, enum lang lang, char *buf, size_t size)
{
    const char *why = lang == LANG_EN ? u->why : u->why_id;
    if (u->line) snprintf(buf, size, "%s:%d: %s", u->file, u->line, why);
    else snprintf(buf, size, "%s: %s", u->file, why);
}
