/*
 * columns.h — recognising table headers.
 *
 * Maps the text of one header cell ("Target 2019", "% tingkat capaian",
 * "Indikator Sasaran Renstra") to a column role and the year written in it,
 * and decides whether a row of cells is a header row. Matching is done on a
 * normalised form (see columns_normalise) against an alias table, exact
 * aliases first, then a few first-word rules for the long variants real
 * reports write ("Target Capaian Setiap Tahun", "Kondisi Kinerja pada
 * akhir periode RJMD").
 *
 * Uses table.h for enum col_role only. Never touches Lua.
 */
#ifndef LAKIP_COLUMNS_H
#define LAKIP_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>
#include "model/table.h"

/* Writes the matching form of text into out (NUL-terminated, truncated to
 * size): ASCII lower-case, markup (<b>, **, *) stripped, blanks (tabs,
 * newlines, no-break spaces) collapsed to one space, trimmed, trailing
 * '.', ':', ',', ';' removed. "<b>No.</b>" -> "no". */
void columns_normalise(const char *text, char *out, size_t size);

/* The role of one header cell; *year (may be NULL) gets the year of the
 * range (model/year.h) written in it, 0 if none. A bare year is COL_TAHUN. COL_NONE when the
 * text is not a known header. */
enum col_role columns_recognise(const char *text, int *year);

/* The period a header names: month 1-12 ("Januari", "s.d. Juni"),
 * quarter TABLE_QUARTER + 1..4 ("TW I", "Triwulan III", "Realisasi TW 2"),
 * plus TABLE_CUMULATIVE for "s.d." / "sampai dengan"; 0 if none. */
int columns_period(const char *text);

/* The unit a header writes: "rp" for "(Rp)", "(Rp.)", "Rp."; "%" for
 * "(%)" after other words; "" if none. */
const char *columns_unit(const char *text);

/* True when cells with these roles form a header row: at least two
 * recognised roles, among them COL_INDIKATOR, or COL_TARGET together with
 * COL_REALISASI (or period columns), or COL_PAGU. */
bool columns_is_header(const enum col_role *roles, size_t n);

/* The year when text is nothing but a year of the range (model/year.h;
 * markup and blanks aside), else 0. */
int columns_bare_year(const char *text);

#endif
