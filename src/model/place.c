/*
 * place.c — rendering places of non-text inputs (see place.h).
 */
#include "model/place.h"

#include <stdio.h>
#include <string.h>

char *place_column_letters(int col, char buf[8])
{
    char tmp[8];
    int n = 0;
    while (col > 0 && n < 7) {
        col--;
        tmp[n++] = (char)('A' + col % 26);
        col /= 26;
    }
    for (int i = 0; i < n; i++) buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return buf;
}

/* Appends ", " (when something is already there) and the formatted part. */
static void add_part(char *buf, size_t size, const char *word, int value)
{
    size_t n = strlen(buf);
    if (n + 1 >= size) return;
    snprintf(buf + n, size - n, "%s%s %d", n ? ", " : "", word, value);
}

char *place_format(const place *p, enum lang lang, char *buf, size_t size)
{
    if (!size) return buf;
    buf[0] = '\0';
    if (!p) return buf;
    int en = lang == LANG_EN;
    switch (p->kind) {
    case PLACE_NONE:
        break;
    case PLACE_SHEET: {
        const char *sheet = p->sheet ? p->sheet : "";
        char letters[8];
        if (p->row > 0 && p->col > 0)
            snprintf(buf, size, "%s!%s%d", sheet, place_column_letters(p->col, letters), p->row);
        else if (p->row > 0)
            snprintf(buf, size, "%s!%d:%d", sheet, p->row, p->row);
        else
            snprintf(buf, size, "%s", sheet);
        break;
    }
    case PLACE_DOCUMENT:
    case PLACE_PAGE:
        if (p->page > 0) add_part(buf, size, en ? "p." : "hlm.", p->page);
        if (p->table > 0) {
            add_part(buf, size, en ? "table" : "tabel", p->table);
            if (p->row > 0) add_part(buf, size, en ? "row" : "baris", p->row);
            if (p->col > 0) add_part(buf, size, en ? "column" : "kolom", p->col);
        } else if (p->paragraph > 0) {
            add_part(buf, size, en ? "paragraph" : "paragraf", p->paragraph);
        }
        break;
    }
    return buf;
}

place place_advance(const place *start, int offset)
{
    place p = *start;
    if (offset <= 0) return p;
    if (p.row > 0) p.row += offset;
    else if (p.paragraph > 0) p.paragraph += offset;
    return p;
}
