/*
 * year.h — the one range of report years (tahun) the tool accepts.
 *
 * Every check of a report year uses it: the command line (--tahun), the
 * settings file (tahun =), and every inference from a report (its title
 * page, the years its table headers name, a long-form file's tahun
 * column). A four-digit number outside it is not taken for the report
 * year anywhere, so the three sources cannot disagree about what a year is.
 */
#ifndef LAKIP_YEAR_H
#define LAKIP_YEAR_H

#include <stdbool.h>

/* LAKIP reporting began with Inpres 7/1999 (first reports for 2000);
 * the upper end only keeps a stray number from being read as a year. */
#define YEAR_FIRST 2000
#define YEAR_LAST 2100

static inline bool year_in_range(long y)
{
    return y >= YEAR_FIRST && y <= YEAR_LAST;
}

/* The year s writes: nothing but decimal digits (no sign, no blanks)
 * naming a year in the range; else 0. */
int year_parse(const char *s);

#endif
