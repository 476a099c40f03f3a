/*
 * number.h — numbers as Indonesian reports write them.
 *
 * Reads one cell or token of text: decimal comma and dot thousands
 * ("14.896", "2,99", "Rp.3.218.842.549,-"), percent signs ("89,87%",
 * "117,50 %"), trailing units ("100 kk", "4.179 orang"), the "-" / "n/a"
 * placeholders, and English format when asked. The value keeps the
 * precision it was written with (see decimal.h).
 *
 * Uses decimal.h only. Never touches Lua.
 */
#ifndef LAKIP_NUMBER_H
#define LAKIP_NUMBER_H

#include <stddef.h>
#include "model/decimal.h"

enum number_style {
    NUMBER_STYLE_ID,    /* 1.234,5  — decimal comma (default) */
    NUMBER_STYLE_EN     /* 1,234.5  — decimal point */
};

enum number_kind {
    NUMBER_EMPTY,       /* blank cell */
    NUMBER_MISSING,     /* "-", "n/a", "N/A", "- Orang": explicitly none */
    NUMBER_VALUE,       /* a number was read into .value */
    NUMBER_TEXT,        /* words, no leading number: not a number at all */
    NUMBER_INVALID      /* looks numeric but cannot be read ("12,3,4", "1.2.3,4,5") */
};

/* flags */
#define NUMBER_PERCENT    0x01u   /* a % sign (or "persen") follows the number */
#define NUMBER_AMBIGUOUS  0x02u   /* e.g. "4.179": one dot group of exactly three digits, no comma */
#define NUMBER_MALFORMED  0x04u   /* readable but mistyped: "100%%", "94,%"; .note says how */
#define NUMBER_CURRENCY   0x08u   /* "Rp" / "Rp." prefix */
#define NUMBER_NO_CENTS   0x10u   /* ",-" suffix (stripped) */
#define NUMBER_NEGATIVE   0x20u
#define NUMBER_SCIENTIFIC 0x40u   /* "2,32278E+09": a spreadsheet's display; only the written significant digits are known */

#define NUMBER_UNIT_MAX 32
#define NUMBER_NOTE_MAX 64

typedef struct {
    enum number_kind kind;
    decimal value;                  /* valid when kind == NUMBER_VALUE */
    unsigned flags;
    char unit[NUMBER_UNIT_MAX];     /* unit text after the number, lower-cased, trimmed ("orang", "kk", "lksa"); "%" is not a unit but a flag */
    char note[NUMBER_NOTE_MAX];     /* for MALFORMED / INVALID / AMBIGUOUS: what was odd, in English, e.g. "doubled percent sign" */
} number;

/* Reads text[0..len). Never fails: an unreadable cell becomes
 * NUMBER_INVALID or NUMBER_TEXT with a note. Leading/trailing blanks and
 * non-breaking spaces are ignored. */
void number_parse(const char *text, size_t len, enum number_style style, number *out);

/* The cells number_parse reads without a flag, a unit or a note by its
 * short ways — a word (a letter first, not the n of "n/a" or the r of
 * "Rp"), or a bare number of at most 18 bytes that reads as a value with
 * nothing to note — without filling a number: NUMBER_TEXT or NUMBER_VALUE
 * (*value what number_parse gives), or -1 for any other cell (ask
 * number_parse). A table reads most of a data file's cells this way. */
int number_parse_plain(const char *text, size_t len, enum number_style style, decimal *value);
/* number_parse_plain, and *vote: number_style_evidence(text, len) when
 * what the short ways read settles it (a value or a word, and the empty
 * text), found without looking at the text again; else
 * NUMBER_VOTE_UNKNOWN. A streamed file's rows are read and voted on at
 * once this way (table_build.h). */
int number_parse_plain_vote(const char *text, size_t len, enum number_style style, decimal *value, int *vote);

/* Evidence for the document's convention from one cell: +1 if the text can
 * only be Indonesian ("2,99", "1.234,5", "1.234.567"), -1 if only English
 * ("93.6", "1,004,422,800", "1,234.5"), 0 when it tells nothing ("12", "4.179"). */
int number_style_evidence(const char *text, size_t len);
/* The same for text known to be a bare number (a digit first, then only
 * digits, '.' and ','), without looking at its shape again. */
int number_style_evidence_bare(const char *text, size_t len);
/* number_style_evidence(text, strlen(text)) of a NUL-terminated text that
 * is a bare number of at most 18 bytes, found in one scan; for any other
 * text NUMBER_VOTE_UNKNOWN (ask number_style_evidence). */
#define NUMBER_VOTE_UNKNOWN 2
int number_style_vote_short(const char *text);

#endif
