/*
 * table.c — one table of a report (see table.h).
 *
 * Provides the read-only accessors used by rules and writers, the builder
 * used by the loaders, and the role / row-kind names. The table owns a copy
 * of every string it is given; cells are parsed once, when the row is
 * added, with the table's number style, so rules never re-read text.
 * Accessors are bounds-safe: an index out of range gives an empty cell or
 * "" rather than undefined behaviour, because rules written in Lua index
 * columns by number.
 *
 * Uses number.h (number_parse) and util.h (allocation).
 */
#include "model/table.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "util/arena.h"
#include "util/util.h"

typedef struct {
    char *text;
    int line;
} title_row;

typedef struct {
    char *key;
    char *value;
    int line;
} meta_row;

typedef struct {
    int line;
    enum row_kind kind;
    long group;         /* index of the nearest ROW_GROUP row above, -1 if none */
    cell *cells;        /* ncols, in the arena; cell.text points into the arena */
} row;

/* Rows and cell texts live in an arena (util/arena.h) freed with the
 * table: a million-row sheet would otherwise cost seven million mallocs. */

typedef struct {
    size_t row;
    int col;
    const char *key;    /* static or arena */
    const char *value;  /* arena */
} cell_note;

struct table {
    char *file;
    int first_line;
    int header_line;
    char *caption;
    int caption_line;
    enum number_style style;

    title_row *titles;
    size_t ntitles, titles_cap;
    meta_row *metas;
    size_t nmetas, metas_cap;

    size_t ncols;
    char **headers;
    enum col_role *roles;
    int *years;
    int *periods;                       /* NULL until set */
    char **units;
    enum number_style *col_styles;      /* NULL: every column in t->style */
    enum style_basis *col_bases;
    int *source_cols;       /* NULL until a loader sets one */

    bool has_colnum;
    int colnum_line;
    char **colnum;

    row *rows;
    size_t nrows, rows_cap;
    long last_group;
    arena mem;
    cell_note *notes;       /* sorted by (row, col): loaders add them in order */
    size_t nnotes, notes_cap;
    unsigned char *how;     /* per column, how its cells are read (column_how); NULL until the first row */
    const table *origin;    /* table_subset: the table the rows belong to */
    size_t *origin_rows;    /* and their indices there */
};

static void *table_alloc(table *t, size_t n)
{
    return arena_alloc(&t->mem, n);
}

static char *arena_strdup(table *t, const char *s)
{
    if (!s || !s[0]) return (char *)"";
    size_t n = strlen(s) + 1;
    char *p = table_alloc(t, n);
    memcpy(p, s, n);
    return p;
}

static const cell empty_cell = { "", { .unit = "", .note = "", .kind = NUMBER_EMPTY }, false };

static const char *const role_names[COL_ROLE_COUNT] = {
    [COL_NONE] = "",
    [COL_NO] = "no",
    [COL_SASARAN] = "sasaran",
    [COL_PROGRAM] = "program",
    [COL_INDIKATOR] = "indikator",
    [COL_SATUAN] = "satuan",
    [COL_TARGET] = "target",
    [COL_REALISASI] = "realisasi",
    [COL_CAPAIAN] = "capaian",
    [COL_ARAH] = "arah",
    [COL_PAGU] = "pagu",
    [COL_REALISASI_ANGGARAN] = "realisasi_anggaran",
    [COL_CAPAIAN_ANGGARAN] = "capaian_anggaran",
    [COL_KATEGORI] = "kategori",
    [COL_KETERANGAN] = "keterangan",
    [COL_TAHUN] = "tahun",
    [COL_KONDISI_AWAL] = "kondisi_awal",
    [COL_KONDISI_AKHIR] = "kondisi_akhir",
    [COL_TARGET_AKHIR] = "target_akhir",
    [COL_CAPAIAN_AKHIR] = "capaian_akhir",
    [COL_PAGU_AWAL] = "pagu_awal",
    [COL_PERIODE] = "periode",
    [COL_JUMLAH] = "jumlah",
};

const char *col_role_name(enum col_role role)
{
    return (unsigned)role < COL_ROLE_COUNT ? role_names[role] : "";
}

bool col_role_is_numeric(enum col_role role)
{
    switch (role) {
    case COL_TARGET: case COL_REALISASI: case COL_CAPAIAN: case COL_PAGU:
    case COL_REALISASI_ANGGARAN: case COL_CAPAIAN_ANGGARAN: case COL_TAHUN:
    case COL_KONDISI_AWAL: case COL_KONDISI_AKHIR: case COL_TARGET_AKHIR: case COL_CAPAIAN_AKHIR:
    case COL_PAGU_AWAL: case COL_PERIODE: case COL_JUMLAH:
        return true;
    default:
        return false;
    }
}

enum col_role col_role_from_name(const char *name)
{
    if (!name || !name[0]) return COL_NONE;
    for (int i = 1; i < COL_ROLE_COUNT; i++)
        if (strcmp(name, role_names[i]) == 0) return (enum col_role)i;
    return COL_NONE;
}

const char *row_kind_name(enum row_kind kind)
{
    switch (kind) {
    case ROW_DATA: return "data";
    case ROW_GROUP: return "group";
    case ROW_TOTAL: return "total";
    }
    return "data";
}

/* ---- accessors ---- */

const char *table_file(const table *t) { return t->file; }
int table_first_line(const table *t) { return t->first_line; }
int table_header_line(const table *t) { return t->header_line; }
int table_caption_line(const table *t) { return t->caption_line; }
enum number_style table_number_style(const table *t) { return t->style; }

const char *style_basis_name(enum style_basis basis)
{
    switch (basis) {
    case STYLE_BASIS_COLUMN: return "column";
    case STYLE_BASIS_TABLE: return "table";
    case STYLE_BASIS_FILE: return "file";
    case STYLE_BASIS_FORCED: return "forced";
    }
    return "file";
}

enum number_style table_column_number_style(const table *t, size_t col)
{
    return t->col_styles && col < t->ncols ? t->col_styles[col] : t->style;
}

enum style_basis table_column_style_basis(const table *t, size_t col)
{
    return t->col_bases && col < t->ncols ? t->col_bases[col] : STYLE_BASIS_FILE;
}

const char *table_caption(const table *t)
{
    return t->caption ? t->caption : path_basename(t->file);
}

size_t table_title_count(const table *t) { return t->ntitles; }

const char *table_title(const table *t, size_t i, int *line)
{
    if (i >= t->ntitles) {
        if (line) *line = 0;
        return "";
    }
    if (line) *line = t->titles[i].line;
    return t->titles[i].text;
}

size_t table_meta_count(const table *t) { return t->nmetas; }

const char *table_meta_key(const table *t, size_t i)
{
    return i < t->nmetas ? t->metas[i].key : "";
}

const char *table_meta_value(const table *t, size_t i, int *line)
{
    if (i >= t->nmetas) {
        if (line) *line = 0;
        return "";
    }
    if (line) *line = t->metas[i].line;
    return t->metas[i].value;
}

size_t table_column_count(const table *t) { return t->ncols; }

enum col_role table_column_role(const table *t, size_t col)
{
    return col < t->ncols ? t->roles[col] : COL_NONE;
}

const char *table_column_header(const table *t, size_t col)
{
    return col < t->ncols ? t->headers[col] : "";
}

int table_column_year(const table *t, size_t col)
{
    return col < t->ncols ? t->years[col] : 0;
}

int table_column_source(const table *t, size_t col)
{
    return t->source_cols && col < t->ncols ? t->source_cols[col] : 0;
}

int table_column_period(const table *t, size_t col)
{
    return t->periods && col < t->ncols ? t->periods[col] : 0;
}

const char *table_column_unit(const table *t, size_t col)
{
    return t->units && col < t->ncols ? t->units[col] : "";
}

int table_find_role(const table *t, enum col_role role)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (t->roles[c] == role) return (int)c;
    return -1;
}

bool table_has_colnum_row(const table *t) { return t->has_colnum; }
int table_colnum_line(const table *t) { return t->has_colnum ? t->colnum_line : 0; }

const char *table_colnum_text(const table *t, size_t col)
{
    return t->has_colnum && col < t->ncols ? t->colnum[col] : "";
}

size_t table_row_count(const table *t) { return t->nrows; }

static int note_cmp(const cell_note *n, size_t r, int col)
{
    if (n->row != r) return n->row < r ? -1 : 1;
    return n->col < col ? -1 : n->col > col;
}

size_t table_cell_notes(const table *t, size_t r, int col, size_t *first)
{
    size_t lo = 0, hi = t->nnotes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (note_cmp(&t->notes[mid], r, col) < 0) lo = mid + 1;
        else hi = mid;
    }
    size_t n = 0;
    while (lo + n < t->nnotes && note_cmp(&t->notes[lo + n], r, col) == 0) n++;
    *first = lo;
    return n;
}

const char *table_cell_note(const table *t, size_t r, int col, const char *key)
{
    size_t first, n = table_cell_notes(t, r, col, &first);
    for (size_t i = first; i < first + n; i++)
        if (strcmp(t->notes[i].key, key) == 0) return t->notes[i].value;
    return NULL;
}

void table_note_at(const table *t, size_t i, const char **key, const char **value)
{
    *key = i < t->nnotes ? t->notes[i].key : "";
    *value = i < t->nnotes ? t->notes[i].value : "";
}

bool table_has_notes(const table *t) { return t->nnotes > 0; }

void table_add_cell_note(table *t, size_t r, int col, const char *key, const char *value)
{
    /* out of order would break the binary search: ignore rather than corrupt */
    if (t->nnotes && note_cmp(&t->notes[t->nnotes - 1], r, col) > 0) return;
    grow_array((void **)&t->notes, &t->notes_cap, t->nnotes + 1, sizeof *t->notes);
    cell_note *n = &t->notes[t->nnotes++];
    n->row = r;
    n->col = col;
    n->key = arena_strdup(t, key);
    n->value = arena_strdup(t, value);
}

enum row_kind table_row_kind(const table *t, size_t r)
{
    return r < t->nrows ? t->rows[r].kind : ROW_DATA;
}

int table_row_line(const table *t, size_t r)
{
    return r < t->nrows ? t->rows[r].line : 0;
}

const cell *table_cell(const table *t, size_t r, size_t col)
{
    if (r >= t->nrows || col >= t->ncols) return &empty_cell;
    return &t->rows[r].cells[col];
}

const cell *table_row_cells(const table *t, size_t r)
{
    return t->rows[r].cells;
}

/* The text a group row is known by: its indicator, program or sasaran
 * cell, else its first non-empty cell that is not the row number. */
static const char *group_label(const table *t, const row *g)
{
    static const enum col_role order[] = { COL_INDIKATOR, COL_PROGRAM, COL_SASARAN };
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        int c = table_find_role(t, order[i]);
        if (c >= 0 && g->cells[c].text[0]) return g->cells[c].text;
    }
    for (size_t c = 0; c < t->ncols; c++)
        if (t->roles[c] != COL_NO && g->cells[c].text[0]) return g->cells[c].text;
    return g->cells[0].text;
}

const char *table_row_group(const table *t, size_t r)
{
    if (r >= t->nrows || t->rows[r].group < 0) return NULL;
    return group_label(t, &t->rows[t->rows[r].group]);
}

long table_row_group_row(const table *t, size_t r)
{
    return r < t->nrows ? t->rows[r].group : -1;
}

long table_last_group_row(const table *t)
{
    return t->last_group;
}

/* ---- builder ---- */

table *table_new(const char *file, int first_line, enum number_style style)
{
    table *t = xcalloc(1, sizeof *t);
    t->file = xstrdup(file ? file : "");
    t->first_line = first_line;
    t->style = style;
    t->last_group = -1;
    return t;
}

/* n strings (NULL ones as "") in one allocation, the pointers first and
 * the texts after them: one free. Every report of a streamed file copies
 * its table's header twice (table_split_tail, table_subset). */
static char **strings_copy(const char *const *src, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++) total += strlen(src && src[i] ? src[i] : "") + 1;
    char **v = xmalloc(n * sizeof *v + total);
    char *p = (char *)(v + n);
    for (size_t i = 0; i < n; i++) {
        const char *s = src && src[i] ? src[i] : "";
        size_t len = strlen(s) + 1;
        v[i] = memcpy(p, s, len);
        p += len;
    }
    return v;
}

void table_free(table *t)
{
    if (!t) return;
    for (size_t i = 0; i < t->ntitles; i++) free(t->titles[i].text);
    free(t->titles);
    for (size_t i = 0; i < t->nmetas; i++) {
        free(t->metas[i].key);
        free(t->metas[i].value);
    }
    free(t->metas);
    arena_free(&t->mem);
    free(t->rows);
    free(t->origin_rows);
    free(t->headers);
    free(t->colnum);
    free(t->roles);
    free(t->years);
    free(t->col_styles);
    free(t->col_bases);
    free(t->periods);
    free(t->units);
    free(t->source_cols);
    free(t->how);
    free(t->notes);
    free(t->caption);
    free(t->file);
    free(t);
}

void table_set_first_line(table *t, int line)
{
    t->first_line = line;
}

void table_set_caption(table *t, const char *caption, int line)
{
    free(t->caption);
    t->caption = xstrdup(caption ? caption : "");
    t->caption_line = line;
}

void table_add_title(table *t, const char *text, int line)
{
    grow_array((void **)&t->titles, &t->titles_cap, t->ntitles + 1, sizeof *t->titles);
    t->titles[t->ntitles].text = xstrdup(text ? text : "");
    t->titles[t->ntitles].line = line;
    t->ntitles++;
}

void table_add_meta(table *t, const char *key, const char *value, int line)
{
    grow_array((void **)&t->metas, &t->metas_cap, t->nmetas + 1, sizeof *t->metas);
    t->metas[t->nmetas].key = xstrdup(key ? key : "");
    t->metas[t->nmetas].value = xstrdup(value ? value : "");
    t->metas[t->nmetas].line = line;
    t->nmetas++;
}

/* The header fixes the column count; it is set once, before any row. */
void table_set_header(table *t, int line, size_t ncols, const char *const *headers,
                      const enum col_role *roles, const int *years)
{
    if (t->headers || t->nrows) return;
    t->header_line = line;
    t->ncols = ncols;
    t->headers = strings_copy(headers, ncols);
    t->roles = xcalloc(ncols, sizeof *t->roles);
    t->years = xcalloc(ncols, sizeof *t->years);
    for (size_t c = 0; c < ncols; c++) {
        t->roles[c] = roles ? roles[c] : COL_NONE;
        t->years[c] = years ? years[c] : 0;
    }
}

void table_set_column_source(table *t, size_t col, int source_col)
{
    if (col >= t->ncols) return;
    if (!t->source_cols) t->source_cols = xcalloc(t->ncols, sizeof *t->source_cols);
    t->source_cols[col] = source_col;
}

void table_set_column_details(table *t, const int *periods, const char *const *units)
{
    if (t->periods || !t->ncols) return;
    t->periods = xcalloc(t->ncols, sizeof *t->periods);
    t->units = strings_copy(units, t->ncols);
    for (size_t c = 0; c < t->ncols; c++) t->periods[c] = periods ? periods[c] : 0;
}

void table_set_colnum_row(table *t, int line, const char *const *texts)
{
    if (t->has_colnum) return;
    t->colnum = strings_copy(texts, t->ncols);
    t->has_colnum = true;
    t->colnum_line = line;
}

void table_set_column_styles(table *t, const enum number_style *styles, const enum style_basis *bases)
{
    if (t->nrows || !t->ncols) return;
    free(t->col_styles);
    free(t->col_bases);
    t->col_styles = xcalloc(t->ncols, sizeof *t->col_styles);
    t->col_bases = xcalloc(t->ncols, sizeof *t->col_bases);
    memcpy(t->col_styles, styles, t->ncols * sizeof *styles);
    memcpy(t->col_bases, bases, t->ncols * sizeof *bases);
}

/* Columns of words: their cells are never read as numbers ("1. Persentase
 * Penduduk Miskin" is a name, not an unreadable number). */
static bool is_text_column(const table *t, size_t col)
{
    if (col >= t->ncols || !t->roles) return false;
    switch (t->roles[col]) {
    case COL_SASARAN: case COL_PROGRAM: case COL_INDIKATOR: case COL_SATUAN:
    case COL_ARAH: case COL_KATEGORI: case COL_KETERANGAN:
        return true;
    default:
        return false;
    }
}

/* number_parse's reading of a cell number_parse_plain cannot settle.
 * Apart from set_cell, and never inlined into it: its number (with fixed
 * buffers for the unit and the note) would give every call of set_cell,
 * once per cell of every row, the stack frame it needs. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void set_cell_parsed(table *t, cell *c, const char *text, size_t len, enum number_style style)
{
    number n;
    number_parse(text, len, style, &n);
    c->num.value = n.value;
    c->num.kind = (unsigned char)n.kind;
    c->num.flags = (unsigned char)n.flags;
    c->num.unit = arena_strdup(t, n.unit);
    c->num.note = arena_strdup(t, n.note);
}

/* How set_cell reads a column's cells: as words, or as numbers in a
 * style (t->how, one per column). */
#define HOW_WORDS 0xFF

/* t->how, made at the first row (header and column styles are set before
 * any row and never after): asked once per cell of every row, the role
 * and the style would otherwise be looked up each time. */
static const unsigned char *column_how(table *t)
{
    if (!t->how) {
        t->how = xmalloc(t->ncols ? t->ncols : 1);
        for (size_t c = 0; c < t->ncols; c++)
            t->how[c] = is_text_column(t, c) ? HOW_WORDS : (unsigned char)table_column_number_style(t, c);
    }
    return t->how;
}

/* text is len bytes long; how is column_how's for its column. With vote,
 * *vote is the text's number style vote where the reading found it
 * (table_add_row_packed_votes). */
static inline void set_cell(table *t, cell *c, char *text, size_t len, unsigned char how, signed char *vote)
{
    c->text = text;
    if (how == HOW_WORDS) {
        c->num = (cell_number){ .unit = "", .note = "", .kind = text[0] ? NUMBER_TEXT : NUMBER_EMPTY };
        if (vote) *vote = NUMBER_VOTE_UNKNOWN;
        return;
    }
    enum number_style style = (enum number_style)how;
    decimal value;
    int v, kind = number_parse_plain_vote(text, len, style, &value, &v);
    if (vote) *vote = (signed char)v;
    if (kind >= 0) {    /* no flag, unit or note: number_parse would give the same */
        c->num = (cell_number){ .value = value, .unit = "", .note = "", .kind = (unsigned char)kind };
        return;
    }
    set_cell_parsed(t, c, text, len, style);
}

/* A new row at the end of t, its cells allocated (not set). */
static row *new_row(table *t, int line, enum row_kind kind)
{
    grow_array((void **)&t->rows, &t->rows_cap, t->nrows + 1, sizeof *t->rows);
    row *r = &t->rows[t->nrows];
    r->line = line;
    r->kind = kind;
    r->group = t->last_group;
    r->cells = table_alloc(t, (t->ncols ? t->ncols : 1) * sizeof *r->cells);
    return r;
}

/* table_add_row_packed, with the cells' votes when votes is not NULL;
 * inlined into both (the one without votes keeps no store for them). */
static inline size_t add_row_packed(table *t, int line, enum row_kind kind, const char *const *texts, const bool *filled,
                                    signed char *votes)
{
    size_t n = t->ncols;
    if (!n) return table_add_row(t, line, kind, texts, filled);
    /* the texts from the first to the last one's NUL, in one copy; each
     * text's length is the distance to the next one, less its NUL */
    size_t last = strlen(texts[n - 1]), total = (size_t)(texts[n - 1] - texts[0]) + last + 1;
    char *block = table_alloc(t, total);
    memcpy(block, texts[0], total);
    row *r = new_row(t, line, kind);
    const unsigned char *how = column_how(t);
    cell *cells = r->cells;     /* in a local: the stores into cells would otherwise reload r->cells */
    for (size_t c = 0; c < n; c++) {
        size_t len = c + 1 < n ? (size_t)(texts[c + 1] - texts[c]) - 1 : last;
        set_cell(t, &cells[c], block + (texts[c] - texts[0]), len, how[c], votes ? &votes[c] : NULL);
        cells[c].filled = filled ? filled[c] : false;
    }
    if (kind == ROW_GROUP) t->last_group = (long)t->nrows;
    return t->nrows++;
}

size_t table_add_row_packed(table *t, int line, enum row_kind kind, const char *const *texts, const bool *filled)
{
    return add_row_packed(t, line, kind, texts, filled, NULL);
}

size_t table_add_row_packed_votes(table *t, int line, enum row_kind kind, const char *const *texts, const bool *filled,
                                  signed char *votes)
{
    if (!t->ncols) {
        votes[0] = NUMBER_VOTE_UNKNOWN;
        return table_add_row(t, line, kind, texts, filled);
    }
    return add_row_packed(t, line, kind, texts, filled, votes);
}

/* Rows up to this wide have their texts copied in one allocation. */
#define ROW_TEXTS_AT_ONCE 64

size_t table_add_row(table *t, int line, enum row_kind kind, const char *const *texts, const bool *filled)
{
    row *r = new_row(t, line, kind);
    const unsigned char *how = column_how(t);
    /* the row's texts in one piece of the arena, not one each: a streamed
     * file adds every row here (texts[c] of a wide row measured twice) */
    size_t lens[ROW_TEXTS_AT_ONCE], total = 0;
    bool at_once = t->ncols <= ROW_TEXTS_AT_ONCE;
    for (size_t c = 0; at_once && c < t->ncols; c++) {
        lens[c] = texts && texts[c] ? strlen(texts[c]) : 0;
        total += lens[c] ? lens[c] + 1 : 0;
    }
    char *next = at_once && total ? table_alloc(t, total) : NULL;
    for (size_t c = 0; c < t->ncols; c++) {
        char *text;
        size_t len;
        if (!at_once) {
            text = arena_strdup(t, texts && texts[c] ? texts[c] : "");
            len = strlen(text);
        } else if (!lens[c]) {
            text = (char *)"";
            len = 0;
        } else {
            text = memcpy(next, texts[c], lens[c] + 1);
            len = lens[c];
            next += lens[c] + 1;
        }
        set_cell(t, &r->cells[c], text, len, how[c], NULL);
        r->cells[c].filled = filled ? filled[c] : false;
    }
    if (kind == ROW_GROUP) t->last_group = (long)t->nrows;
    return t->nrows++;
}

/* Everything of src above its rows: titles, metadata, header, columns. */
static void copy_head(table *t, const table *src)
{
    for (size_t i = 0; i < src->ntitles; i++) table_add_title(t, src->titles[i].text, src->titles[i].line);
    for (size_t i = 0; i < src->nmetas; i++) table_add_meta(t, src->metas[i].key, src->metas[i].value, src->metas[i].line);
    table_set_header(t, src->header_line, src->ncols, (const char *const *)src->headers, src->roles, src->years);
    if (src->source_cols)
        for (size_t c = 0; c < src->ncols; c++) table_set_column_source(t, c, src->source_cols[c]);
    if (src->col_styles) table_set_column_styles(t, src->col_styles, src->col_bases);
    if (src->has_colnum) table_set_colnum_row(t, src->colnum_line, (const char *const *)src->colnum);
    if (src->periods) table_set_column_details(t, src->periods, (const char *const *)src->units);
}

table *table_subset(const table *src, const size_t *rows, size_t n, const char *caption)
{
    table *t = table_new(src->file, n && caption ? src->rows[rows[0]].line : src->first_line, src->style);
    if (caption) table_set_caption(t, caption, 0);
    else if (src->caption) table_set_caption(t, src->caption, src->caption_line);
    copy_head(t, src);
    t->rows = xcalloc(n ? n : 1, sizeof *t->rows);
    t->rows_cap = n;
    /* a row's group row is kept when it belongs to the subset too */
    long last_group = -1;
    for (size_t i = 0; i < n; i++) {
        row *r = &t->rows[i];
        *r = src->rows[rows[i]];
        if (r->group >= 0) r->group = last_group >= 0 && rows[last_group] == (size_t)r->group ? last_group : -1;
        if (r->kind == ROW_GROUP) last_group = (long)i;
    }
    t->nrows = n;
    for (size_t i = 0; i < n && src->nnotes; i++) {     /* the rows' cell notes (formulas ...) */
        size_t k;
        table_cell_notes(src, rows[i], -1, &k);
        for (; k < src->nnotes && src->notes[k].row == rows[i]; k++)
            table_add_cell_note(t, i, src->notes[k].col, src->notes[k].key, src->notes[k].value);
    }
    t->origin = src->origin ? src->origin : src;
    t->origin_rows = xmalloc((n ? n : 1) * sizeof *t->origin_rows);
    for (size_t i = 0; i < n; i++) t->origin_rows[i] = src->origin ? src->origin_rows[rows[i]] : rows[i];
    return t;
}

table *table_split_tail(table *src, size_t from)
{
    if (from > src->nrows) from = src->nrows;
    table *t = table_new(src->file, from < src->nrows ? src->rows[from].line : src->first_line, src->style);
    if (src->caption) table_set_caption(t, src->caption, src->caption_line);
    copy_head(t, src);
    size_t n = src->nrows - from;
    /* room for a report's rows: a streamed file adds its next report's
     * rows to this table (doubling from one would realloc it six times) */
    t->rows_cap = n > 64 ? n : 64;
    t->rows = xcalloc(t->rows_cap, sizeof *t->rows);
    for (size_t i = 0; i < n; i++) {
        const row *o = &src->rows[from + i];
        row *r = &t->rows[i];
        r->line = o->line;
        r->kind = o->kind;
        r->group = o->group >= (long)from ? o->group - (long)from : -1;
        r->cells = table_alloc(t, (t->ncols ? t->ncols : 1) * sizeof *r->cells);
        for (size_t c = 0; c < t->ncols; c++) {
            r->cells[c] = o->cells[c];
            r->cells[c].text = arena_strdup(t, o->cells[c].text);
            r->cells[c].num.unit = arena_strdup(t, o->cells[c].num.unit);
            r->cells[c].num.note = arena_strdup(t, o->cells[c].num.note);
        }
    }
    t->nrows = n;
    t->last_group = src->last_group >= (long)from ? src->last_group - (long)from : -1;
    size_t keep = src->nnotes;
    for (size_t k = 0; k < src->nnotes; k++) {
        if (src->notes[k].row < from) continue;
        if (keep > k) keep = k;
        table_add_cell_note(t, src->notes[k].row - from, src->notes[k].col, src->notes[k].key, src->notes[k].value);
    }
    src->nnotes = keep;
    src->nrows = from;
    return t;
}

const table *table_origin(const table *t, size_t *r)
{
    if (!t->origin) return t;
    if (*r < t->nrows) *r = t->origin_rows[*r];
    return t->origin;
}

void table_append_to_cell(table *t, size_t r, size_t col, const char *text)
{
    if (r >= t->nrows || col >= t->ncols || !text || !text[0]) return;
    cell *c = &t->rows[r].cells[col];
    const char *old = c->text;
    size_t a = strlen(old), b = strlen(text);
    char *joined = table_alloc(t, a + b + 2);   /* the old text stays in the arena until the table goes */
    memcpy(joined, old, a);
    size_t n = a;
    if (a > 0) joined[n++] = ' ';
    memcpy(joined + n, text, b + 1);
    set_cell(t, c, joined, n + b, column_how(t)[col], NULL);
    c->filled = false;
}
