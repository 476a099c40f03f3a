/*
 * table_build.c — the row rules shared by both loaders (see table_build.h).
 *
 * Provides record lists and table_build. Reading order of a table:
 *   1. rows above the header: a row with exactly two non-empty cells is
 *      metadata (key, value), any other is a title row;
 *   2. the header: the first of the first 30 non-blank rows whose cells
 *      columns.c recognises as a header row;
 *   3. an optional second header row (years or sub-headers under empty or
 *      spanning cells of the first);
 *   4. an optional column-number row: "(1) (2) (4)", "1 2 3", increasing;
 *   5. the rows, each classified as below. A copy of the header after a
 *      page break (with its second row and column-number row) is skipped.
 *
 * Row kinds: a row whose first non-empty cell (the row number aside) is
 * "Jumlah", "Total", ... is ROW_TOTAL. A row with no number in its value
 * columns (every column but No, Sasaran, Program, Indikator, Satuan,
 * Arah, Kategori, Keterangan) is ROW_GROUP, except when it carries a row
 * number and none of its texts is a section label (bold, upper case, or
 * starting with Program / Urusan / Bidang): that is a numbered item whose
 * values are missing, which rules must see as data. Everything else is
 * ROW_DATA.
 *
 * Wrapped lines: a row whose only non-empty cell is a text in the
 * Indikator column (not a number, not starting with an item number like
 * "1." or "a.", not a section label), right after a data row, is the end
 * of that row's indicator name: it is appended with a space.
 *
 * Merged cells: a blank Sasaran or Program cell of a data row is copied
 * from the row above (a group row's sasaran counts) and marked filled,
 * but only while every higher level of the same row is blank too; a total
 * row ends the spans. Numeric cells are never filled.
 *
 * Uses columns.c for header texts, number.c to tell numbers from text,
 * table.c to store the result, util.c for memory. No Lua.
 */
#include "input/table_build.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "input/columns.h"
#include "model/number.h"
#include "util/input_file.h"
#include "util/util.h"

/* ---- record lists ---- */

void record_list_push(record_list *l, int line, char **fields, size_t nfields)
{
    grow_array((void **)&l->items, &l->cap, l->count + 1, sizeof *l->items);
    l->items[l->count].line = line;
    l->items[l->count].nfields = nfields;
    l->items[l->count].fields = fields;
    l->items[l->count].clean = false;
    l->items[l->count].packed = false;
    l->count++;
}

static void record_free(record *r)
{
    for (size_t i = 0; i < r->nfields; i++) free(r->fields[i]);
    free(r->fields);
}

void record_list_move(record_list *dst, record_list *src, size_t from)
{
    for (size_t i = 0; i < src->count; i++) {
        if (i < from) {
            record_free(&src->items[i]);
            continue;
        }
        grow_array((void **)&dst->items, &dst->cap, dst->count + 1, sizeof *dst->items);
        dst->items[dst->count++] = src->items[i];
    }
    free(src->items);
    src->items = NULL;
    src->count = src->cap = 0;
}

void record_list_free(record_list *l)
{
    for (size_t i = 0; i < l->count; i++) record_free(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = l->cap = 0;
}

int records_check_cells(const record_list *l, const char *file, load_error *err)
{
    for (size_t i = 0; i < l->count; i++)
        for (size_t k = 0; k < l->items[i].nfields; k++) {
            size_t n = strlen(l->items[i].fields[k]);
            if (n > INPUT_MAX_CELL) {
                load_error_set(err, file, l->items[i].line,
                               "cell %zu is %zu bytes long; the limit is %zu KiB",
                               k + 1, n, INPUT_MAX_CELL / 1024);
                return -1;
            }
        }
    return 0;
}

/* Bytes of the blank at p: ASCII white space or U+00A0; 0 if none. */
static size_t blank_len(const char *p)
{
    if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\v' || *p == '\f') return 1;
    if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) return 2;
    return 0;
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool text_blank(const char *s)
{
    while (*s) {
        size_t b = blank_len(s);
        if (!b) return false;
        s += b;
    }
    return true;
}

bool record_is_blank(const record *r)
{
    for (size_t i = 0; i < r->nfields; i++)
        if (!text_blank(r->fields[i])) return false;
    return true;
}

bool record_is_separator(const record *r)
{
    bool rule = false;
    for (size_t i = 0; i < r->nfields; i++) {
        size_t dashes = 0;
        for (const char *p = r->fields[i]; *p; p++) {
            if (*p == '-') dashes++;
            else if (*p != ':' && !blank_len(p)) return false;
        }
        if (dashes >= 2) rule = true;
    }
    return rule;
}

size_t record_width(const record *r)
{
    size_t w = r->nfields;
    while (w > 0 && text_blank(r->fields[w - 1])) w--;
    return w;
}


/* ---- cell text ---- */

/* Length of an HTML-like tag at p ("<b>", "</b>", "<br/>"), 0 if none. */
static size_t tag_len(const char *p)
{
    size_t i = 1;
    if (p[0] != '<') return 0;
    if (p[i] == '/') i++;
    if (!is_alpha(p[i])) return 0;
    while (p[i] && p[i] != '>' && p[i] != '<' && i < 32) i++;
    return p[i] == '>' ? i + 1 : 0;
}

/* True when build_clean_text would return raw unchanged: no tag or bold
 * marker, no blank but single spaces between words. Most cells of an
 * export are such, and checking is cheaper than rebuilding. */
static bool already_clean(const char *raw, size_t n)
{
    if (n && (raw[0] == ' ' || raw[n - 1] == ' ')) return false;
    /* the bytes blank_len, tag_len and the bold marker start with */
    return !strpbrk(raw, "<*\t\n\r\v\f\xC2") && !strstr(raw, "  ");
}

char *build_clean_text(const char *raw)
{
    size_t n = strlen(raw), o = 0;
    char *out = xmalloc(n + 1);
    if (already_clean(raw, n)) return memcpy(out, raw, n + 1);
    bool space = false;
    for (const char *p = raw; *p; ) {
        size_t t = tag_len(p);
        if (t) {
            /* <br> separates words; <b>, <i>, <u> wrap them */
            if ((p[1] == 'b' || p[1] == 'B') && (p[2] == 'r' || p[2] == 'R')) space = o > 0;
            p += t;
            continue;
        }
        if (p[0] == '*' && p[1] == '*') {
            p += 2;
            continue;
        }
        size_t b = blank_len(p);
        if (b) {
            space = o > 0;
            p += b;
            continue;
        }
        if (space) out[o++] = ' ';
        space = false;
        out[o++] = *p++;
    }
    out[o] = '\0';
    return out;
}

/* True when the whole raw cell is bold: "<b>...</b>" or "**...**". */
static bool wholly_bold(const char *raw)
{
    while (blank_len(raw)) raw += blank_len(raw);
    size_t n = strlen(raw);
    while (n > 0 && (raw[n - 1] == ' ' || raw[n - 1] == '\t' || raw[n - 1] == '\r' || raw[n - 1] == '\n')) n--;
    if (n > 7 && strncmp(raw, "<b>", 3) == 0 && strncmp(raw + n - 4, "</b>", 4) == 0) return true;
    if (n > 7 && strncmp(raw, "<B>", 3) == 0 && strncmp(raw + n - 4, "</B>", 4) == 0) return true;
    return n > 4 && strncmp(raw, "**", 2) == 0 && strncmp(raw + n - 2, "**", 2) == 0;
}

/* ---- header ---- */

static bool record_is_header(const record *r)
{
    /* a header names two columns at least (columns_is_header): a record
     * of fewer non-empty fields is none, without recognising them (the
     * list rows of a document's blocks without a header) */
    size_t nonempty = 0;
    for (size_t i = 0; i < r->nfields && nonempty < 2; i++) nonempty += r->fields[i][0] != '\0';
    if (nonempty < 2) return false;
    enum col_role *roles = xmalloc(r->nfields * sizeof *roles);
    for (size_t i = 0; i < r->nfields; i++) roles[i] = columns_recognise(r->fields[i], NULL);
    bool yes = columns_is_header(roles, r->nfields);
    free(roles);
    return yes;
}

long build_find_header(const record_list *l)
{
    size_t seen = 0;
    for (size_t i = 0; i < l->count; i++) {
        const record *r = &l->items[i];
        if (record_is_blank(r) || record_is_separator(r)) continue;
        if (seen++ >= BUILD_HEADER_SEARCH) break;
        if (record_is_header(r)) return (long)i;
    }
    return -1;
}

static bool same_text(const char *a, const char *b)
{
    char na[256], nb[256];
    columns_normalise(a, na, sizeof na);
    columns_normalise(b, nb, sizeof nb);
    return strcmp(na, nb) == 0;
}

bool build_same_header(const record *a, const record *b)
{
    size_t wa = record_width(a), wb = record_width(b);
    if (wa != wb || wa == 0) return false;
    for (size_t i = 0; i < wa; i++)
        if (!same_text(a->fields[i], b->fields[i])) return false;
    return true;
}

/* ---- row tests ---- */

/* "(1)", "1", "(12)", "3." -> the number; -1 otherwise. */
static long colnum_value(const char *s)
{
    long v = 0;
    size_t digits = 0;
    if (*s == '(') s++;
    while (is_digit(*s) && digits < 3) v = v * 10 + (*s++ - '0'), digits++;
    if (!digits) return -1;
    if (*s == ')') s++;
    else if (*s == '.') s++;
    return *s ? -1 : v;
}

/* The column-number row under a header: every non-empty cell a small
 * number, strictly increasing ("(1) (2) (4) (5) (6)" skips a number when a
 * column was dropped), at least two of them and half the columns. */
static bool is_colnum_row(char *const *cells, size_t ncols)
{
    long prev = 0;
    size_t count = 0;
    for (size_t c = 0; c < ncols; c++) {
        if (!cells[c][0]) continue;
        long v = colnum_value(cells[c]);
        if (v <= prev) return false;
        prev = v;
        count++;
    }
    return count >= 2 && count * 2 >= ncols;
}

/* The first byte columns_normalise writes for s when s starts with an
 * ASCII letter or digit (no tag, marker or blank before it to skip, and
 * never trimmed from the end): that byte, lower-cased; 0 when it takes
 * normalising to tell. Every row is compared with the header and the
 * total words: most differ from the first byte. */
static char normalised_first(const char *s)
{
    char c = s[0];
    if (c >= 'A' && c <= 'Z') return (char)(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return c;
    return 0;
}

static bool is_total_text(const char *text)
{
    static const char *const words[] = {
        "jumlah", "total", "jumlah total", "total jumlah", "sub total", "subtotal",
        "sub jumlah", "grand total", "total keseluruhan", "jumlah keseluruhan", "jumlah seluruhnya",
    };
    char f = normalised_first(text);
    if (f && f != 'j' && f != 't' && f != 's' && f != 'g') return false;         /* the words' first letters */
    char n[64];
    columns_normalise(text, n, sizeof n);
    if (n[0] != 'j' && n[0] != 't' && n[0] != 's' && n[0] != 'g') return false;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(n, words[i]) == 0) return true;
    return false;
}

static bool starts_with_word_ci(const char *s, const char *w)
{
    size_t i = 0;
    for (; w[i]; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != w[i]) return false;
    }
    return s[i] == '\0' || s[i] == ' ';
}

/* A section heading inside a table: bold in the source, all upper case
 * ("URUSAN SOSIAL"), or starting with Program / Urusan / Bidang. */
static bool is_section_label(const char *text, bool bold)
{
    if (!text[0]) return false;
    if (bold) return true;
    if (starts_with_word_ci(text, "program") || starts_with_word_ci(text, "urusan") ||
        starts_with_word_ci(text, "bidang"))
        return true;
    size_t upper = 0;
    for (const char *p = text; *p; p++) {
        if (*p >= 'a' && *p <= 'z') return false;
        if (*p >= 'A' && *p <= 'Z') upper++;
    }
    return upper >= 3;
}

/* Text that starts with an item number: "1. ", "a. ", "2) ", "(3) ". */
static bool starts_enumerated(const char *s)
{
    const char *p = s;
    if (*p == '(') p++;
    if (is_digit(*p)) {
        while (is_digit(*p)) p++;
    } else if (is_alpha(*p) && (p[1] == '.' || p[1] == ')')) {
        p++;
    } else {
        return false;
    }
    if (*p != '.' && *p != ')') return false;
    p++;
    return *p == ' ' || *p == '\0';
}

/* A row number as the No column writes it: "7", "7.", "(7)", "2.1", "a.". */
static bool is_row_number(const char *s)
{
    const char *p = s;
    if (*p == '(') p++;
    if (is_alpha(*p) && !is_alpha(p[1])) {
        p++;
    } else {
        if (!is_digit(*p)) return false;
        while (is_digit(*p) || (*p == '.' && is_digit(p[1]))) p++;
    }
    if (*p == '.' || *p == ')') p++;
    return *p == '\0';
}

/* Row numbers ("1.", "<b>2.</b>") and enumerated texts ("1. Persentase
 * ...") say nothing about the decimal separator, though "1." looks like
 * an English decimal point to number_style_evidence: they do not vote. */
/* A field's vote (number_style_evidence). Numbered texts never vote; row
 * number shapes ("3.1") do not in the file-wide vote, where the column is
 * not known, but do in a value column, where "12.5" is a decimal. */
static int field_evidence(const char *raw, bool row_numbers_vote)
{
    /* a letter first (not the n of "n/a" or the r of "Rp"), which
     * cleaning keeps first: a word in both styles, or a numbered text;
     * no vote either way (the instansi and tabel columns) */
    char c0 = (char)(raw[0] | 0x20);
    if (c0 >= 'a' && c0 <= 'z' && c0 != 'n' && c0 != 'r') return 0;
    /* a short bare number (the value cells): nothing to clean, its vote
     * found in one scan. A row number does not vote where row numbers do
     * not, as below; a numbered text does not either, but the only bare
     * ones, digits and a final '.' ("12."), have a separator without
     * digits after it, which votes nothing already */
    int v = number_style_vote_short(raw);
    if (v != NUMBER_VOTE_UNKNOWN)
        return v && !row_numbers_vote && is_row_number(raw) ? 0 : v;
    /* the length, whether there is a '.' or ',' at all, and whether
     * there is anything but digits and those, in one pass (this runs for
     * every value cell of a streamed file's survey). Without a separator
     * the cleaned text has none either (cleaning only drops markup and
     * blanks): number_style_evidence would find nothing to weigh. */
    size_t n = 0;
    bool sep = false, other = false;
    for (; raw[n]; n++) {
        char c = raw[n];
        if (c == '.' || c == ',') sep = true;
        else if (c < '0' || c > '9') other = true;
    }
    if (!sep) return 0;
    if (!other && raw[0] >= '0' && raw[0] <= '9') {
        /* a bare number: nothing to clean, and its shape known */
        bool skip = starts_enumerated(raw) || (!row_numbers_vote && is_row_number(raw));
        return skip ? 0 : number_style_evidence_bare(raw, n);
    }
    bool messy = strpbrk(raw, "<*\t\r\n") || raw[0] == ' ' || raw[n - 1] == ' ';
    char *clean = messy ? build_clean_text(raw) : NULL;
    const char *s = clean ? clean : raw;
    bool skip = !*s || starts_enumerated(s) || (!row_numbers_vote && is_row_number(s));
    int e = skip ? 0 : number_style_evidence(s, clean ? strlen(s) : n);
    free(clean);
    return e;
}

static bool is_text_role(enum col_role r);

/* Under a header, the value columns vote as in decide_column_styles; a
 * block without a header votes with every field but row-number shapes. */
long records_style_evidence(const record_list *l)
{
    return records_style_evidence_under(l, build_find_header(l));
}

long records_style_evidence_under(const record_list *l, long h)
{
    long sum = 0;
    const record *hr = h >= 0 ? &l->items[h] : NULL;
    bool *text_col = style_text_columns(hr);
    for (size_t i = h >= 0 ? (size_t)h + 1 : 0; i < l->count; i++) sum += record_style_evidence(hr, text_col, &l->items[i]);
    free(text_col);
    return sum;
}

bool *style_text_columns(const record *hr)
{
    /* the header's text columns, recognised once (not once per row) */
    bool *text_col = hr ? xcalloc(hr->nfields + 1, sizeof *text_col) : NULL;
    for (size_t f = 0; hr && f < hr->nfields; f++) text_col[f] = is_text_role(columns_recognise(hr->fields[f], NULL));
    return text_col;
}

long record_style_evidence(const record *hr, const bool *text_col, const record *r)
{
    long sum = 0;
    for (size_t f = 0; f < r->nfields; f++) {
        if (hr && (f >= hr->nfields || text_col[f])) continue;
        sum += field_evidence(r->fields[f], hr != NULL);
    }
    return sum;
}

static bool is_text_role(enum col_role r)
{
    switch (r) {
    case COL_NO: case COL_SASARAN: case COL_PROGRAM: case COL_INDIKATOR:
    case COL_SATUAN: case COL_ARAH: case COL_KATEGORI: case COL_KETERANGAN:
        return true;
    default:
        return false;
    }
}

/* ---- building ---- */

/* What table_build carries from row to row. */
struct table_builder {
    table *t;
    const build_options *o;
    size_t ncols;
    size_t hdr_fields;          /* fields of the header record (strict checks) */
    int header_line;
    const record *header;       /* first header row, for spotting repeats */
    const record *header2;      /* second header row, or NULL */
    enum col_role *roles;
    int no_col, ind_col;
    int hier[2];                /* sasaran, program columns (-1 when absent) */
    char *running[2];           /* their last value, for merged cells */
    long prev_data;             /* row a wrapped line may extend, -1 if none, PREV_NOT_HELD
                                   (table_builder_assume_row_above) */
    bool expect_tail;           /* just after a header: second row / colnum row may follow */
    char **cells;               /* ncols cleaned texts of the current record: the record's own
                                   field when it is clean as it stands (valid while the record
                                   is), else the cell's buffer in own; never written through */
    char **own;                 /* the cells' buffers (NULL: none yet) */
    char **header_norm[2];      /* header, header2: each field columns_normalise'd, or NULL (made on first use) */
    size_t header_width[2];
    size_t *cell_cap;           /* their buffers' sizes, kept from record to record (NULL: none yet) */
    bool *votes;                /* the columns that vote for their number style (table_builder_vote) */
    signed char *row_votes;     /* the current row's cells' votes (table_builder_add_voting), NULL: none yet */
    bool *bold;
    bool *filled;
    bool cells_fields;          /* every cell is its record's field (load_cells; put_cell clears it) */
};
typedef struct table_builder builder;

/* prev_data of a builder that starts in the middle of a table: the row
 * above is not its own. */
#define PREV_NOT_HELD (-2)

/* Cell c of the current record becomes text[0..n), copied into the
 * cell's buffer, which is kept for the next record (no malloc per cell). */
static void put_cell(builder *b, size_t c, const char *text, size_t n)
{
    if (!b->cell_cap) b->cell_cap = xcalloc(b->ncols ? b->ncols : 1, sizeof *b->cell_cap);
    if (!b->own[c] || b->cell_cap[c] < n + 1) {
        free(b->own[c]);
        b->cell_cap[c] = n + 1 < 32 ? 32 : n + 1;
        b->own[c] = xmalloc(b->cell_cap[c]);
    }
    memcpy(b->own[c], text, n);
    b->own[c][n] = '\0';
    b->cells[c] = b->own[c];
    b->cells_fields = false;
}

/* What already_clean looks for, byte by byte: 1 the end, 2 a byte it
 * refuses anywhere, 3 a space (refused first, last or doubled). */
static const unsigned char clean_stop[256] = {
    [0] = 1, ['<'] = 2, ['*'] = 2, ['\t'] = 2, ['\n'] = 2, ['\r'] = 2, ['\v'] = 2, ['\f'] = 2, [0xC2] = 2, [' '] = 3,
};

/* already_clean(raw, strlen(raw)), in one pass: this runs for every
 * cell of a streamed file. */
static bool clean_as_is(const char *raw)
{
    const unsigned char *p = (const unsigned char *)raw;
    if (p[0] == ' ') return false;
    for (;; p++) {
        unsigned char k = clean_stop[*p];
        if (!k) continue;
        if (k == 1) return true;
        if (k == 2 || p[1] == ' ' || p[1] == '\0') return false;
    }
}

bool build_line_clean(const char *s, size_t n)
{
    /* clean_stop's refused bytes but the line ends, which are in no field
     * of a plain line (a field's first and last bytes are not blanks), and
     * two spaces, each looked for in one pass of the C library's string
     * search; a NUL before s[n] ends the first early: not clean either */
    if (strcspn(s, "<*\t\v\f\xC2") < n) return false;
    return !strstr(s, "  ");
}

/* Cleans the first ncols fields of r into b->cells (missing fields are
 * ""); a field clean as it stands is not copied: the cell is the field. */
static void load_cells(builder *b, const record *r)
{
    if (r->clean && r->nfields >= b->ncols) {
        /* every field clean as it stands (its line was): the cells are
         * the fields, none bold, none filled; what the loop below gives */
        memcpy(b->cells, r->fields, b->ncols * sizeof *b->cells);
        memset(b->bold, 0, b->ncols * sizeof *b->bold);
        memset(b->filled, 0, b->ncols * sizeof *b->filled);
        b->cells_fields = true;
        return;
    }
    b->cells_fields = r->nfields >= b->ncols;     /* put_cell clears it */
    for (size_t c = 0; c < b->ncols; c++) {
        const char *raw = c < r->nfields ? r->fields[c] : "";
        if (r->clean || clean_as_is(raw)) {
            /* no '<', '*' or leading blank: not wholly bold either */
            b->cells[c] = (char *)raw;
            b->bold[c] = false;
        } else {
            char *cleaned = build_clean_text(raw);
            put_cell(b, c, cleaned, strlen(cleaned));
            free(cleaned);
            b->bold[c] = wholly_bold(raw);
        }
        b->filled[c] = false;
    }
}

static enum number_kind kind_of(const builder *b, size_t col, const char *text)
{
    number n;
    if (!text[0]) return NUMBER_EMPTY;
    size_t len = strlen(text);
    enum number_style style = table_column_number_style(b->t, col);
    decimal value;
    int kind = number_parse_plain(text, len, style, &value);    /* most cells: no number to fill */
    if (kind >= 0) return (enum number_kind)kind;
    number_parse(text, len, style, &n);
    return n.kind;
}

static void set_running(builder *b, int k, const char *text)
{
    /* most rows repeat the sasaran of the row above: kept, not copied again */
    if (!text || !b->running[k] || strcmp(b->running[k], text) != 0) {
        free(b->running[k]);
        b->running[k] = text ? xstrdup(text) : NULL;
    }
    /* a new sasaran ends the program span under the old one */
    for (int d = k + 1; d < 2; d++) {
        free(b->running[d]);
        b->running[d] = NULL;
    }
}

/* Merged cells: a blank sasaran / program cell of a data row takes the
 * value above, but only while every higher level of the row is blank too
 * (a row with its own sasaran and no program has no program). */
static void fill_merged(builder *b)
{
    bool higher_blank = true;
    for (int k = 0; k < 2; k++) {
        int c = b->hier[k];
        if (c < 0) continue;
        if (b->cells[c][0]) {
            higher_blank = false;
            set_running(b, k, b->cells[c]);
        } else if (higher_blank && b->running[k]) {
            put_cell(b, c, b->running[k], strlen(b->running[k]));
            b->filled[c] = true;
        }
    }
}

/* Kind of the current row, or -1 when it is a wrapped line of the row above. */
static int classify(builder *b)
{
    size_t nonempty = 0, only = 0;
    for (size_t c = 0; c < b->ncols; c++)
        if (b->cells[c][0]) nonempty++, only = c;
    bool numbered = b->no_col >= 0 && is_row_number(b->cells[b->no_col]);

    for (size_t c = 0; c < b->ncols; c++) {
        if (!b->cells[c][0]) continue;
        if ((int)c == b->no_col && numbered) continue;
        if (is_total_text(b->cells[c])) return ROW_TOTAL;
        break;
    }

    if (nonempty == 1 && b->ind_col >= 0 && (int)only == b->ind_col && b->prev_data != -1) {
        const char *s = b->cells[only];
        if (kind_of(b, only, s) == NUMBER_TEXT && !starts_enumerated(s) && !is_section_label(s, b->bold[only]))
            return -1;
    }

    for (size_t c = 0; c < b->ncols; c++) {
        if (!b->cells[c][0] || is_text_role(b->roles[c])) continue;
        enum number_kind k = kind_of(b, c, b->cells[c]);
        if (k == NUMBER_VALUE || k == NUMBER_INVALID || k == NUMBER_MISSING) return ROW_DATA;
    }
    if (!numbered) return ROW_GROUP;
    for (size_t c = 0; c < b->ncols; c++)
        if ((int)c != b->no_col && is_section_label(b->cells[c], b->bold[c])) return ROW_GROUP;
    return ROW_DATA;
}

/* The current record is header row k again (same_text cell by cell; the
 * header's side normalised once, not once per record). */
static bool same_cells(builder *b, int k)
{
    const record *r = k ? b->header2 : b->header;
    if (!r) return false;
    if (!b->header_norm[k]) {
        b->header_width[k] = record_width(r);
        b->header_norm[k] = xcalloc(b->header_width[k] + 1, sizeof *b->header_norm[k]);
        for (size_t c = 0; c < b->header_width[k]; c++) {
            char n[256];
            columns_normalise(r->fields[c], n, sizeof n);
            b->header_norm[k][c] = xstrdup(n);
        }
    }
    size_t w = b->header_width[k];
    for (size_t c = 0; c < b->ncols; c++) {
        if (c >= w) {
            if (b->cells[c][0]) return false;
            continue;
        }
        char f = normalised_first(b->cells[c]);
        if (f && f != b->header_norm[k][c][0]) return false;
        char n[256];
        columns_normalise(b->cells[c], n, sizeof n);
        if (strcmp(n, b->header_norm[k][c]) != 0) return false;
    }
    return true;
}

bool table_builder_fits(const table_builder *b, const record *r)
{
    /* as many fields as the header: fits whatever they hold (no width
     * can exceed it), the answer of the tests below without them; most
     * records of an export, asked in both passes of a streamed file */
    if (r->nfields == b->hdr_fields) return true;
    if (!b->o->strict || !b->header || record_is_blank(r) || record_is_separator(r)) return true;
    return r->nfields >= b->hdr_fields && record_width(r) <= b->hdr_fields;
}

/* Handles one record after the header. Returns -1 on a strict-mode error.
 * With votes (ncols of them), *voted tells whether the record became a
 * row whose cells are its fields, votes[c] then each cell's vote where
 * reading it found it (table_add_row_packed_votes). */
static int add_record(builder *b, const record *r, load_error *err, signed char *votes, bool *voted)
{
    if (record_is_blank(r) || record_is_separator(r)) return 0;
    if (!table_builder_fits(b, r)) {
        size_t w = record_width(r);
        load_error_set(err, b->o->file, r->line, "row has %zu fields but the header (line %d) has %zu",
                       r->nfields < b->hdr_fields ? r->nfields : w, b->header_line, b->hdr_fields);
        return -1;
    }
    load_cells(b, r);
    table *t = b->t;
    if (same_cells(b, 0)) {
        b->expect_tail = true;      /* the header again, after a page break */
        b->prev_data = -1;
        return 0;
    }
    if (table_has_colnum_row(t) && is_colnum_row(b->cells, b->ncols)) {
        /* the column-number row again, after a page break without the header */
        bool same = true;
        for (size_t c = 0; c < b->ncols && same; c++) same = strcmp(b->cells[c], table_colnum_text(t, c)) == 0;
        if (same) {
            b->prev_data = -1;
            return 0;
        }
    }
    if (b->expect_tail) {
        if (same_cells(b, 1)) return 0;
        if (is_colnum_row(b->cells, b->ncols)) {
            table_set_colnum_row(t, r->line, (const char *const *)b->cells);
            return 0;
        }
    }
    b->expect_tail = false;

    int kind = classify(b);
    if (kind < 0) {
        if (b->prev_data >= 0) table_append_to_cell(t, (size_t)b->prev_data, (size_t)b->ind_col, b->cells[b->ind_col]);
        return 0;
    }
    if (kind == ROW_TOTAL) {
        set_running(b, 0, NULL);
        b->prev_data = -1;
    } else if (kind == ROW_GROUP) {
        for (int k = 0; k < 2; k++)
            if (b->hier[k] >= 0 && b->cells[b->hier[k]][0]) set_running(b, k, b->cells[b->hier[k]]);
        b->prev_data = -1;
    } else {
        fill_merged(b);
    }
    /* the cells still the record's fields, which lie one after the other:
     * copied in one piece (a streamed file's plain lines) */
    bool packed = r->packed && b->cells_fields;
    size_t row;
    if (packed && votes) {
        row = table_add_row_packed_votes(t, r->line, (enum row_kind)kind, (const char *const *)b->cells, b->filled,
                                         votes);
        *voted = true;
    } else if (packed) {
        row = table_add_row_packed(t, r->line, (enum row_kind)kind, (const char *const *)b->cells, b->filled);
    } else {
        row = table_add_row(t, r->line, (enum row_kind)kind, (const char *const *)b->cells, b->filled);
    }
    if (kind == ROW_DATA) b->prev_data = (long)row;
    return 0;
}

/* Rows above the header: two non-empty cells are a key and a value, any
 * other row is a title (its non-empty cells joined by a space). */
static void add_preamble(table *t, const record *r)
{
    size_t n = 0;
    char *texts[2] = { NULL, NULL };
    char *title = xstrdup("");
    for (size_t f = 0; f < r->nfields; f++) {
        char *s = build_clean_text(r->fields[f]);
        if (!s[0]) {
            free(s);
            continue;
        }
        size_t a = strlen(title), k = strlen(s);
        title = xrealloc(title, a + k + 2);
        if (a) title[a++] = ' ';
        memcpy(title + a, s, k + 1);
        if (n < 2) texts[n] = s;
        else free(s);
        n++;
    }
    if (n == 2) {
        size_t k = strlen(texts[0]);
        while (k > 0 && (texts[0][k - 1] == ':' || texts[0][k - 1] == ' ')) texts[0][--k] = '\0';
        table_add_meta(t, texts[0], texts[1], r->line);
    } else if (n > 0) {
        table_add_title(t, title, r->line);
    }
    free(texts[0]);
    free(texts[1]);
    free(title);
}

/* A month number 1..12 under a span that names months ("Realisasi
 * Bulan", "Bulan ke-"): the month; 0 otherwise. */
static int month_under(const char *span, const char *text)
{
    char n[128];
    columns_normalise(span, n, sizeof n);
    if (!strstr(n, "bulan")) return 0;
    long v = colnum_value(text);
    return v >= 1 && v <= 12 && is_digit(text[0]) ? (int)v : 0;
}

/* A span over money: "Keuangan", "Anggaran", "Realisasi Keuangan (Rp)". */
static bool is_money_span(const char *span)
{
    char n[128];
    columns_normalise(span, n, sizeof n);
    enum col_role r = columns_recognise(span, NULL);
    return strstr(n, "keuangan") || strstr(n, "anggaran") || r == COL_PAGU || r == COL_PAGU_AWAL ||
           r == COL_REALISASI_ANGGARAN || r == COL_CAPAIAN_ANGGARAN || strcmp(columns_unit(span), "rp") == 0;
}

/* A second header row under r1: every non-empty cell a year or a known
 * header text, standing under an empty cell of r1 or under the first cell
 * of a span (a non-empty cell followed by empty ones). */
static bool is_second_header(char *const *r1, char *const *r2, size_t ncols)
{
    size_t count = 0;
    const char *span = "";
    for (size_t c = 0; c < ncols; c++) {
        if (r1[c][0]) span = r1[c];
        if (!r2[c][0]) continue;
        if (!columns_bare_year(r2[c]) && columns_recognise(r2[c], NULL) == COL_NONE &&
            !month_under(span, r2[c]))
            return false;
        bool span_start = r1[c][0] && c + 1 < ncols && !r1[c + 1][0];
        if (r1[c][0] && !span_start) return false;
        count++;
    }
    return count > 0;
}

/* Number style per column, from the evidence of its own cells in the
 * records after the header (table_builder_vote, one record at a time): a
 * column whose cells can only be read one way takes that style (the
 * majority when both occur; a tie is no evidence). A column without
 * evidence takes the style of the table's other columns when they all
 * agree with the file's style, else the file's style, unsettled. Word
 * columns and the row-number column do not vote, nor do numbered texts
 * ("1. Persentase") or a separator without digits after it ("1.", "1.Sub
 * Kegiatan") in any column. */
void table_builder_vote(const table_builder *b, const record *r, long *id, long *en)
{
    if (b->o->style_forced) return;
    for (size_t c = 0; c < r->nfields && c < b->ncols; c++) {
        if (is_text_role(b->roles[c])) continue;
        int e = field_evidence(r->fields[c], true);
        if (e > 0) id[c]++;
        else if (e < 0) en[c]++;
    }
}

/* A streamed file's survey counts each record in both votes — the file's
 * (record_style_evidence under header hr) and the columns'
 * (table_builder_vote) — with each field's evidence computed once: it is
 * the same field_evidence for both, and it is most of the survey's time.
 * Which vote each column takes part in is worked out once (modes), not
 * for every field of every record. */
unsigned char *table_builder_vote_modes(const table_builder *b, const record *hr, const bool *text_col, size_t *n)
{
    size_t w = hr->nfields > b->ncols ? hr->nfields : b->ncols;
    unsigned char *modes = xcalloc(w ? w : 1, 1);
    for (size_t c = 0; c < w; c++)
        modes[c] = (unsigned char)((c < hr->nfields && !text_col[c] ? VOTE_FILE : 0) |
                                   (c < b->ncols && b->votes[c] ? VOTE_COLUMN : 0));
    *n = w;
    return modes;
}

/* table_builder_vote_both, with known[c] (nknown of them) each field's
 * vote where it is known (not NUMBER_VOTE_UNKNOWN); known NULL: none. */
static inline long vote_both(const unsigned char *modes, size_t n, const record *r, const signed char *known,
                             size_t nknown, long *id, long *en)
{
    long file_vote = 0;
    size_t w = r->nfields < n ? r->nfields : n;
    for (size_t c = 0; c < w; c++) {
        unsigned m = modes[c];
        if (!m) continue;
        int e = known && c < nknown && known[c] != NUMBER_VOTE_UNKNOWN ? known[c] : field_evidence(r->fields[c], true);
        if (m & VOTE_FILE) file_vote += e;
        if ((m & VOTE_COLUMN) && e > 0) id[c]++;
        else if ((m & VOTE_COLUMN) && e < 0) en[c]++;
    }
    return file_vote;
}

long table_builder_vote_both(const unsigned char *modes, size_t n, const record *r, long *id, long *en)
{
    return vote_both(modes, n, r, NULL, 0, id, en);
}

void table_builder_set_styles(table_builder *b, const long *id, const long *en)
{
    size_t n = b->ncols ? b->ncols : 1;
    enum number_style *styles = xcalloc(n, sizeof *styles);
    enum style_basis *bases = xcalloc(n, sizeof *bases);
    enum number_style file = b->o->style;
    bool table_id = false, table_en = false;
    for (size_t c = 0; c < b->ncols; c++) {
        styles[c] = file;
        bases[c] = b->o->style_forced ? STYLE_BASIS_FORCED : STYLE_BASIS_FILE;
        if (b->o->style_forced || id[c] == en[c]) continue;
        styles[c] = id[c] > en[c] ? NUMBER_STYLE_ID : NUMBER_STYLE_EN;
        bases[c] = STYLE_BASIS_COLUMN;
        table_id |= styles[c] == NUMBER_STYLE_ID;
        table_en |= styles[c] == NUMBER_STYLE_EN;
    }
    bool agree = table_id != table_en && (table_id ? NUMBER_STYLE_ID : NUMBER_STYLE_EN) == file;
    for (size_t c = 0; c < b->ncols; c++)
        if (bases[c] == STYLE_BASIS_FILE && agree) bases[c] = STYLE_BASIS_TABLE;
    table_set_column_styles(b->t, styles, bases);
    free(styles);
    free(bases);
}

/* Roles that depend on the other columns: a table of pagu and realisasi
 * with no target ("PAGU ANGGARAN (Rp.) | REALISASI | %", "Anggaran/Pagu |
 * Realisasi | %") is a budget table, its realisasi and % the budget's. */
static void settle_roles(enum col_role *roles, size_t n)
{
    bool pagu = false, target = false, budget_real = false, budget_pct = false;
    for (size_t c = 0; c < n; c++) {
        pagu |= roles[c] == COL_PAGU || roles[c] == COL_PAGU_AWAL;
        target |= roles[c] == COL_TARGET || roles[c] == COL_TARGET_AKHIR || roles[c] == COL_TAHUN;
        budget_real |= roles[c] == COL_REALISASI_ANGGARAN;
        budget_pct |= roles[c] == COL_CAPAIAN_ANGGARAN;
    }
    if (!pagu || target) return;
    for (size_t c = 0; c < n; c++) {
        if (roles[c] == COL_REALISASI && !budget_real) roles[c] = COL_REALISASI_ANGGARAN, budget_real = true;
        else if (roles[c] == COL_CAPAIAN && !budget_pct) roles[c] = COL_CAPAIAN_ANGGARAN, budget_pct = true;
    }
}

/* Sets the table's columns from one or two header rows. */
static void set_columns(builder *b, int line, char *const *r1, char *const *r2)
{
    size_t n = b->ncols;
    char **headers = xcalloc(n ? n : 1, sizeof *headers);
    int *years = xcalloc(n ? n : 1, sizeof *years);
    int *periods = xcalloc(n ? n : 1, sizeof *periods);
    const char *span = "";
    for (size_t c = 0; c < n; c++) {
        if (r1[c][0]) span = r1[c];
        else if (!r2 || !r2[c][0]) span = "";   /* a span ends at an empty pair */
        if (!r2 || !r2[c][0]) {
            b->roles[c] = columns_recognise(r1[c], &years[c]);
            headers[c] = xstrdup(r1[c]);
            continue;
        }
        size_t a = strlen(span), k = strlen(r2[c]);
        headers[c] = xmalloc(a + k + 2);
        snprintf(headers[c], a + k + 2, "%s%s%s", span, a ? " " : "", r2[c]);
        int y2 = columns_bare_year(r2[c]), span_year;
        enum col_role span_role = columns_recognise(span, &span_year);
        if (y2) {
            /* "Target Capaian Setiap Tahun" over 2017..2021: Renstra year
             * columns; "Realisasi" over years keeps its role */
            bool plain = span_role == COL_NONE || span_role == COL_TARGET || span_role == COL_TAHUN;
            b->roles[c] = plain ? COL_TAHUN : span_role;
            years[c] = y2;
        } else if (month_under(span, r2[c])) {
            /* "1 … 12" under "Realisasi Bulan" */
            b->roles[c] = COL_PERIODE;
            periods[c] = month_under(span, r2[c]);
            years[c] = span_year;
        } else {
            /* "Target" under "Tahun 2019"; "Realisasi" under "Keuangan" is
             * the budget's */
            b->roles[c] = columns_recognise(r2[c], &years[c]);
            if (!years[c]) years[c] = span_year;
            if (is_money_span(span)) {
                if (b->roles[c] == COL_TARGET) b->roles[c] = COL_PAGU;
                else if (b->roles[c] == COL_REALISASI) b->roles[c] = COL_REALISASI_ANGGARAN;
                else if (b->roles[c] == COL_CAPAIAN) b->roles[c] = COL_CAPAIAN_ANGGARAN;
            }
        }
    }
    settle_roles(b->roles, n);
    const char **units = xcalloc(n ? n : 1, sizeof *units);
    for (size_t c = 0; c < n; c++) {
        if (!periods[c]) periods[c] = columns_period(headers[c]);
        if (!periods[c] && r2 && r2[c][0]) periods[c] = columns_period(r2[c]);
        units[c] = columns_unit(headers[c]);
        if (!units[c][0] && r2 && r2[c][0]) units[c] = columns_unit(r2[c]);
    }
    table_set_header(b->t, line, n, (const char *const *)headers, b->roles, years);
    table_set_column_details(b->t, periods, units);
    for (size_t c = 0; c < n; c++) free(headers[c]);
    free(headers);
    free(years);
    free(periods);
    free(units);
}

table_builder *table_builder_start(const record_list *l, const build_options *o, size_t *next_out, load_error *err)
{
    size_t n = l->count, first = 0;
    while (first < n && (record_is_blank(&l->items[first]) || record_is_separator(&l->items[first]))) first++;
    if (first == n) {
        load_error_set(err, o->file, 0, "file is empty");
        return NULL;
    }
    /* without a header the table is kept with columns of no role: the
     * coverage reports it (input.no-header) instead of refusing the file */
    long h = o->header_known ? o->header : build_find_header(l);

    builder *bp = xmalloc(sizeof *bp);
    *bp = (builder){ .o = o, .no_col = -1, .ind_col = -1, .hier = { -1, -1 }, .prev_data = -1 };
    builder b = *bp;
    b.t = table_new(o->file, l->items[first].line, o->style);
    size_t next;
    if (h < 0) {
        for (size_t i = first; i < n; i++)
            if (!record_is_separator(&l->items[i]) && record_width(&l->items[i]) > b.ncols)
                b.ncols = record_width(&l->items[i]);
        if (b.ncols == 0) b.ncols = 1;
        b.roles = xcalloc(b.ncols, sizeof *b.roles);
        table_set_header(b.t, 0, b.ncols, NULL, b.roles, NULL);
        next = first;
    } else {
        const record *hr = &l->items[h];
        for (size_t i = first; i < (size_t)h; i++)
            if (!record_is_blank(&l->items[i]) && !record_is_separator(&l->items[i]))
                add_preamble(b.t, &l->items[i]);
        b.hdr_fields = hr->nfields;
        b.header_line = hr->line;
        b.header = hr;
        b.ncols = hr->nfields;
        if (!o->strict)     /* a document row wider than its header keeps its cells */
            for (size_t i = (size_t)h + 1; i < n; i++)
                if (!record_is_separator(&l->items[i]) && record_width(&l->items[i]) > b.ncols)
                    b.ncols = record_width(&l->items[i]);
        b.roles = xcalloc(b.ncols ? b.ncols : 1, sizeof *b.roles);
        b.cells = xcalloc(b.ncols ? b.ncols : 1, sizeof *b.cells);
        b.own = xcalloc(b.ncols ? b.ncols : 1, sizeof *b.own);
        b.bold = xcalloc(b.ncols ? b.ncols : 1, sizeof *b.bold);
        b.filled = xcalloc(b.ncols ? b.ncols : 1, sizeof *b.filled);
        load_cells(&b, hr);
        char **r1 = b.cells, **r1_own = b.own;      /* the header's texts, kept apart */
        b.cells = xcalloc(b.ncols ? b.ncols : 1, sizeof *b.cells);
        b.own = xcalloc(b.ncols ? b.ncols : 1, sizeof *b.own);
        free(b.cell_cap);
        b.cell_cap = NULL;
        next = (size_t)h + 1;
        bool two = false;
        if (next < n) {
            load_cells(&b, &l->items[next]);
            two = is_second_header(r1, b.cells, b.ncols) && !is_colnum_row(b.cells, b.ncols);
        }
        set_columns(&b, hr->line, r1, two ? b.cells : NULL);
        if (two) b.header2 = &l->items[next++];
        for (size_t c = 0; c < b.ncols; c++) free(r1_own[c]);
        free(r1_own);
        free(r1);
        b.expect_tail = true;
    }
    if (!b.cells) {
        b.cells = xcalloc(b.ncols, sizeof *b.cells);
        b.own = xcalloc(b.ncols, sizeof *b.own);
        b.bold = xcalloc(b.ncols, sizeof *b.bold);
        b.filled = xcalloc(b.ncols, sizeof *b.filled);
    }
    /* which columns vote, known once: the survey asks for every field */
    b.votes = xcalloc(b.ncols ? b.ncols : 1, sizeof *b.votes);
    for (size_t c = 0; c < b.ncols; c++) b.votes[c] = !o->style_forced && !is_text_role(b.roles[c]);
    b.no_col = table_find_role(b.t, COL_NO);
    b.ind_col = table_find_role(b.t, COL_INDIKATOR);
    b.hier[0] = table_find_role(b.t, COL_SASARAN);
    b.hier[1] = table_find_role(b.t, COL_PROGRAM);

    int title_line;
    if (table_title_count(b.t) > 0) {
        const char *title = table_title(b.t, 0, &title_line);
        char *copy = xstrdup(title);
        table_set_caption(b.t, copy, title_line);
        free(copy);
    } else if (o->caption) {
        table_set_caption(b.t, o->caption, o->caption_line);
    }

    *bp = b;
    *next_out = next;
    return bp;
}

int table_builder_add(table_builder *b, const record *r, load_error *err)
{
    return add_record(b, r, err, NULL, NULL);
}

int table_builder_add_voting(table_builder *b, const record *r, const unsigned char *modes, size_t n, long *id,
                             long *en, long *file, load_error *err)
{
    if (!b->row_votes) b->row_votes = xmalloc(b->ncols ? b->ncols : 1);
    bool voted = false;
    int rc = add_record(b, r, err, b->row_votes, &voted);
    /* the votes do not depend on the row: counted whatever became of it */
    *file += vote_both(modes, n, r, voted ? b->row_votes : NULL, b->ncols, id, en);
    return rc;
}

table *table_builder_table(table_builder *b)
{
    return b->t;
}

size_t table_builder_columns(const table_builder *b)
{
    return b->ncols;
}

/* Frees the builder; returns its table (freed too when keep is false). */
static table *builder_end(builder *b, bool keep)
{
    for (size_t c = 0; c < b->ncols; c++) free(b->own[c]);
    free(b->own);
    free(b->cells);
    free(b->cell_cap);
    for (int k = 0; k < 2; k++) {
        for (size_t c = 0; b->header_norm[k] && c < b->header_width[k]; c++) free(b->header_norm[k][c]);
        free(b->header_norm[k]);
    }
    free(b->bold);
    free(b->filled);
    free(b->votes);
    free(b->row_votes);
    free(b->roles);
    free(b->running[0]);
    free(b->running[1]);
    table *t = b->t;
    free(b);
    if (!keep) {
        table_free(t);
        return NULL;
    }
    return t;
}

table *table_builder_finish(table_builder *b)
{
    return builder_end(b, true);
}

void table_builder_free(table_builder *b)
{
    if (b) builder_end(b, false);
}

table *table_builder_cut(table_builder *b, size_t from)
{
    table *old = b->t;
    b->t = table_split_tail(old, from);
    b->prev_data = b->prev_data >= (long)from ? b->prev_data - (long)from : -1;
    return old;
}

/* Appends n bytes to the state being written. */
static void state_put(char **buf, size_t *len, size_t *cap, const void *bytes, size_t n)
{
    grow_array((void **)buf, cap, *len + n, 1);
    memcpy(*buf + *len, bytes, n);
    *len += n;
}

/* A text with its end: NULL and "" differ. */
static void state_put_text(char **buf, size_t *len, size_t *cap, const char *text)
{
    char present = text != NULL;
    state_put(buf, len, cap, &present, 1);
    if (text) state_put(buf, len, cap, text, strlen(text) + 1);
}

void table_builder_assume_row_above(table_builder *b)
{
    if (b->prev_data == -1) b->prev_data = PREV_NOT_HELD;
}

char *table_builder_state(const table_builder *b, size_t *len)
{
    char *buf = NULL;
    size_t cap = 0;
    *len = 0;
    const table *t = b->t;
    size_t nrows = table_row_count(t);
    for (int k = 0; k < 2; k++) state_put_text(&buf, len, &cap, b->running[k]);
    long marks[4] = { b->prev_data, b->expect_tail, table_colnum_line(t), table_last_group_row(t) };
    state_put(&buf, len, &cap, marks, sizeof marks);
    state_put(&buf, len, &cap, &nrows, sizeof nrows);
    for (size_t c = 0; table_has_colnum_row(t) && c < b->ncols; c++) state_put_text(&buf, len, &cap, table_colnum_text(t, c));
    for (size_t r = 0; r < nrows; r++) {
        long row[3] = { table_row_line(t, r), (long)table_row_kind(t, r), table_row_group_row(t, r) };
        state_put(&buf, len, &cap, row, sizeof row);
        for (size_t c = 0; c < b->ncols; c++) {
            const cell *x = table_cell(t, r, c);
            state_put_text(&buf, len, &cap, x->text);
            char filled = x->filled;
            state_put(&buf, len, &cap, &filled, 1);
        }
    }
    return buf;
}

table *table_build(const record_list *l, const build_options *o, load_error *err)
{
    size_t next;
    builder *b = table_builder_start(l, o, &next, err);
    if (!b) return NULL;
    size_t n = b->ncols ? b->ncols : 1;
    long *id = xcalloc(n, sizeof *id), *en = xcalloc(n, sizeof *en);
    for (size_t i = next; i < l->count; i++) table_builder_vote(b, &l->items[i], id, en);
    table_builder_set_styles(b, id, en);
    free(id);
    free(en);
    int rc = 0;
    for (size_t i = next; i < l->count && rc == 0; i++) rc = add_record(b, &l->items[i], err, NULL, NULL);
    return builder_end(b, rc == 0);
}
