/*
 * coverage.c — what an audit read and checked (see coverage.h).
 *
 * Values are counted per table (with one bit per row, so a row counts as
 * checked once however many of its values were recomputed) and per file
 * for the narrative; everything about the tables themselves is read from
 * the report when summarising, so nothing has to be noted twice.
 */
#include "model/coverage.h"

#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "model/report.h"
#include "model/table.h"
#include "util/util.h"

typedef struct {
    const table *t;
    unsigned char *checked;     /* bit per row: a value recomputed or compared */
    size_t bytes;
    size_t counts[VALUE_OUTCOMES];
} table_cov;

typedef struct {
    char *file;
    char *encoding;
    bool assumed;
    size_t counts[VALUE_OUTCOMES];      /* in the narrative */
} file_cov;

typedef struct {
    char *name;
    size_t counts[VALUE_OUTCOMES];
} family_cov;

/* The table counts of the reports of a streamed file, folded in as each
 * report was released (coverage_fold): what summarise_table gave. */
typedef struct {
    char *file;
    coverage_summary s;
} folded_cov;

struct coverage {
    folded_cov *folded;
    size_t nfolded, folded_cap;
    family_cov *families;
    size_t nfamilies, families_cap;
    table_cov *tables;
    size_t ntables, tables_cap;
    size_t last;                /* index of the table noted last: notes come row by row */
    size_t last_family;         /* index of the family noted last: notes come family by family */
    size_t *slots;              /* index of tables by address: entry index + 1, 0 = empty */
    size_t nslots;              /* a power of two, at least twice ntables (a long-form
                                 * file has tens of thousands of tables) */
    file_cov *files;
    size_t nfiles, files_cap;
    coverage_unread *unread;
    size_t nunread, unread_cap;
};

coverage *coverage_new(void)
{
    return xcalloc(1, sizeof(coverage));
}

void coverage_free(coverage *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->nfolded; i++) free(c->folded[i].file);
    free(c->folded);
    for (size_t i = 0; i < c->nfamilies; i++) free(c->families[i].name);
    free(c->families);
    for (size_t i = 0; i < c->ntables; i++) free(c->tables[i].checked);
    free(c->tables);
    free(c->slots);
    for (size_t i = 0; i < c->nfiles; i++) {
        free(c->files[i].file);
        free(c->files[i].encoding);
    }
    free(c->files);
    for (size_t i = 0; i < c->nunread; i++) {
        free((char *)c->unread[i].file);
        free((char *)c->unread[i].why);
        free((char *)c->unread[i].why_id);
    }
    free(c->unread);
    free(c);
}

static file_cov *find_file(const coverage *c, const char *file)
{
    if (!file) return NULL;
    for (size_t i = c->nfiles; i-- > 0; )
        if (strcmp(c->files[i].file, file) == 0) return &c->files[i];
    return NULL;
}

void coverage_note_file(coverage *c, const char *file, const char *encoding, bool assumed)
{
    file_cov *f = find_file(c, file);
    if (!f) {
        grow_array((void **)&c->files, &c->files_cap, c->nfiles + 1, sizeof *c->files);
        f = &c->files[c->nfiles++];
        memset(f, 0, sizeof *f);
        f->file = xstrdup(file);
    }
    free(f->encoding);
    f->encoding = xstrdup(encoding ? encoding : "UTF-8");
    f->assumed = assumed;
}

bool coverage_has_file(const coverage *c, const char *file)
{
    return find_file(c, file) != NULL;
}

size_t coverage_file_count(const coverage *c)
{
    return c->nfiles;
}

const char *coverage_file(const coverage *c, size_t i, const char **encoding, bool *assumed)
{
    if (i >= c->nfiles) return NULL;
    if (encoding) *encoding = c->files[i].encoding;
    if (assumed) *assumed = c->files[i].assumed;
    return c->files[i].file;
}

const char *unread_kind_name(enum unread_kind k)
{
    switch (k) {
    case UNREAD_FILE: return "file";
    case UNREAD_BLOCK: return "block";
    case UNREAD_NO_HEADER: return "no_header";
    case UNREAD_PAGE: return "page";
    }
    return "";
}

void coverage_note_unread(coverage *c, enum unread_kind kind, const char *file, int line, const char *why, const char *why_id)
{
    grow_array((void **)&c->unread, &c->unread_cap, c->nunread + 1, sizeof *c->unread);
    c->unread[c->nunread++] = (coverage_unread){ kind, xstrdup(file), line, xstrdup(why), xstrdup(why_id ? why_id : why) };
}

static void count_family(coverage *c, enum value_outcome o, const char *by, unsigned n)
{
    if (!by) return;
    family_cov *f = NULL;
    if (c->last_family < c->nfamilies && strcmp(c->families[c->last_family].name, by) == 0) f = &c->families[c->last_family];
    for (size_t i = 0; i < c->nfamilies && !f; i++)
        if (strcmp(c->families[i].name, by) == 0) f = &c->families[i];
    if (!f) {
        grow_array((void **)&c->families, &c->families_cap, c->nfamilies + 1, sizeof *c->families);
        f = &c->families[c->nfamilies++];
        memset(f, 0, sizeof *f);
        f->name = xstrdup(by);
    }
    c->last_family = (size_t)(f - c->families);
    f->counts[o] += n;
}

const char *coverage_family(const coverage *c, size_t i, size_t counts[VALUE_OUTCOMES])
{
    if (i >= c->nfamilies) return NULL;
    memcpy(counts, c->families[i].counts, sizeof c->families[i].counts);
    return c->families[i].name;
}

const char *value_outcome_name(enum value_outcome o)
{
    static const char *const names[VALUE_OUTCOMES] = { "recomputed", "compared", "not_checkable" };
    return names[o];
}

static size_t slot_of(const coverage *c, const table *t)
{
    uintptr_t h = (uintptr_t)t;
    h ^= h >> 17;
    h *= (uintptr_t)0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 7) & (c->nslots - 1);
}

static void index_table(coverage *c, size_t i)
{
    size_t k = slot_of(c, c->tables[i].t);
    while (c->slots[k]) k = (k + 1) & (c->nslots - 1);
    c->slots[k] = i + 1;
}

static table_cov *find_table(const coverage *c, const table *t)
{
    if (c->last < c->ntables && c->tables[c->last].t == t) return &c->tables[c->last];
    for (size_t k = c->nslots ? slot_of(c, t) : 0; c->nslots && c->slots[k]; k = (k + 1) & (c->nslots - 1))
        if (c->tables[c->slots[k] - 1].t == t) {
            ((coverage *)c)->last = c->slots[k] - 1;    /* a cache, not state */
            return &c->tables[c->last];
        }
    return NULL;
}

/* A new entry for table t, indexed (the index kept at most half full). */
static table_cov *add_table(coverage *c, const table *tab)
{
    if (c->nslots < 2 * (c->ntables + 1)) {
        free(c->slots);
        c->nslots = c->nslots ? c->nslots * 2 : 64;
        while (c->nslots < 2 * (c->ntables + 1)) c->nslots *= 2;
        c->slots = xcalloc(c->nslots, sizeof *c->slots);
        for (size_t i = 0; i < c->ntables; i++) index_table(c, i);
    }
    grow_array((void **)&c->tables, &c->tables_cap, c->ntables + 1, sizeof *c->tables);
    table_cov *t = &c->tables[c->ntables];
    memset(t, 0, sizeof *t);
    t->t = tab;
    c->last = c->ntables++;
    index_table(c, c->last);
    return t;
}

void coverage_note_value(coverage *c, enum value_outcome o, const char *by, const char *file,
                         const table *tab, size_t row, unsigned n)
{
    count_family(c, o, by, n);
    if (!tab) {
        file_cov *f = find_file(c, file);
        if (!f) {
            coverage_note_file(c, file, NULL, false);
            f = find_file(c, file);
        }
        f->counts[o] += n;
        return;
    }
    table_cov *t = find_table(c, tab);
    if (!t) t = add_table(c, tab);
    t->counts[o] += n;
    if (o == VALUE_NOT_CHECKABLE || row == COVERAGE_NO_ROW) return;
    size_t byte = row / 8;
    if (byte >= t->bytes) {
        size_t bytes = t->bytes ? t->bytes : 64;
        while (bytes <= byte) bytes *= 2;
        t->checked = xrealloc(t->checked, bytes);
        memset(t->checked + t->bytes, 0, bytes - t->bytes);
        t->bytes = bytes;
    }
    t->checked[byte] |= (unsigned char)(1u << (row % 8));
}

static bool row_checked(const table_cov *t, size_t row)
{
    return row / 8 < t->bytes && (t->checked[row / 8] >> (row % 8) & 1u);
}

bool coverage_table_looks_numeric(const table *t)
{
    if (table_header_line(t) > 0) return false;
    size_t rows = 0;
    for (size_t r = 0; r < table_row_count(t) && rows < 2; r++) {
        size_t numbers = 0;
        /* the first cell is often a row number: it alone does not make data */
        for (size_t col = 1; col < table_column_count(t); col++)
            numbers += table_cell(t, r, col)->num.kind == NUMBER_VALUE;
        rows += numbers > 0;
    }
    return rows >= 2;
}

/* A headerless table with numbers that no rule could use (a rule may
 * still read one, e.g. a staff breakdown summed against its sentence). */
static bool table_unread(const coverage *c, const table *t)
{
    const table_cov *tc = find_table(c, t);
    if (tc && (tc->counts[VALUE_RECOMPUTED] || tc->counts[VALUE_COMPARED])) return false;
    return coverage_table_looks_numeric(t);
}

static bool same_file(const char *a, const char *b)
{
    return !b || (a && strcmp(a, b) == 0);
}

static void summarise_table(const coverage *c, const table *t, coverage_summary *out)
{
    out->tables++;
    const table_cov *tc = find_table(c, t);
    if (tc) {
        out->values_recomputed += tc->counts[VALUE_RECOMPUTED];
        out->values_compared += tc->counts[VALUE_COMPARED];
        out->values_not_checkable += tc->counts[VALUE_NOT_CHECKABLE];
        out->tables_checked += tc->counts[VALUE_RECOMPUTED] || tc->counts[VALUE_COMPARED];
    }
    if (table_header_line(t) == 0) {
        out->unread += table_unread(c, t);
        return;
    }
    out->tables_recognised++;
    /* the numeric columns found once, not for every row (a long-form
     * file's every report is summarised) */
    size_t ncols = table_column_count(t), numeric[64], nnumeric = 0;
    bool listed = ncols <= sizeof numeric / sizeof numeric[0];
    for (size_t col = 0; listed && col < ncols; col++)
        if (col_role_is_numeric(table_column_role(t, col))) numeric[nnumeric++] = col;
    size_t nrows = table_row_count(t), values_read = 0, cells_unparsed = 0;
    for (size_t row = 0; row < nrows; row++) {
        if (table_row_kind(t, row) == ROW_GROUP) continue;
        out->rows++;
        out->rows_checked += tc && row_checked(tc, row);
        const cell *cells = table_row_cells(t, row);        /* ncols of them */
        for (size_t k = 0; k < (listed ? nnumeric : ncols); k++) {
            size_t col = listed ? numeric[k] : k;
            if (!listed && !col_role_is_numeric(table_column_role(t, col))) continue;
            unsigned char kind = cells[col].num.kind;
            values_read += kind == NUMBER_VALUE;
            cells_unparsed += kind == NUMBER_INVALID || kind == NUMBER_TEXT;
        }
    }
    out->values_read += values_read;
    out->cells_unparsed += cells_unparsed;
}

/* Adds the table part of a summary (what summarise_table counts). */
static void add_table_counts(coverage_summary *out, const coverage_summary *s)
{
    out->tables += s->tables;
    out->tables_recognised += s->tables_recognised;
    out->tables_checked += s->tables_checked;
    out->rows += s->rows;
    out->rows_checked += s->rows_checked;
    out->values_read += s->values_read;
    out->values_recomputed += s->values_recomputed;
    out->values_compared += s->values_compared;
    out->values_not_checkable += s->values_not_checkable;
    out->cells_unparsed += s->cells_unparsed;
    out->unread += s->unread;
}

static folded_cov *folded_for(coverage *c, const char *file)
{
    for (size_t k = 0; k < c->nfolded; k++)
        if (strcmp(c->folded[k].file, file) == 0) return &c->folded[k];
    grow_array((void **)&c->folded, &c->folded_cap, c->nfolded + 1, sizeof *c->folded);
    folded_cov *fc = &c->folded[c->nfolded++];
    memset(fc, 0, sizeof *fc);
    fc->file = xstrdup(file);
    return fc;
}

void coverage_fold(coverage *c, const coverage *part, const report *group)
{
    for (size_t i = 0; i < part->nfamilies; i++)
        for (int o = 0; o < VALUE_OUTCOMES; o++)
            count_family(c, (enum value_outcome)o, part->families[i].name, (unsigned)part->families[i].counts[o]);
    for (size_t i = 0; i < part->nfiles; i++) {
        if (!find_file(c, part->files[i].file)) coverage_note_file(c, part->files[i].file, NULL, false);
        file_cov *f = find_file(c, part->files[i].file);
        for (int o = 0; o < VALUE_OUTCOMES; o++) f->counts[o] += part->files[i].counts[o];
    }
    for (size_t i = 0; i < part->nfolded; i++)
        add_table_counts(&folded_for(c, part->folded[i].file)->s, &part->folded[i].s);
    for (size_t ti = 0; group && ti < report_table_count(group); ti++) {
        const table *t = report_table(group, ti);
        summarise_table(part, t, &folded_for(c, table_file(t))->s);
    }
}

void coverage_summarise(const coverage *c, const report *const *reports, size_t nreports,
                        const char *file, coverage_summary *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < c->nfiles; i++) {
        if (!same_file(c->files[i].file, file)) continue;
        out->files++;
        out->values_recomputed += c->files[i].counts[VALUE_RECOMPUTED];
        out->values_compared += c->files[i].counts[VALUE_COMPARED];
        out->values_not_checkable += c->files[i].counts[VALUE_NOT_CHECKABLE];
    }
    for (size_t i = 0; i < c->nunread; i++) {
        if (!same_file(c->unread[i].file, file)) continue;
        out->unread++;
        out->files_unread += c->unread[i].kind == UNREAD_FILE;
    }
    for (size_t k = 0; k < nreports; k++)
        for (size_t ti = 0; ti < report_table_count(reports[k]); ti++) {
            const table *t = report_table(reports[k], ti);
            if (same_file(table_file(t), file)) summarise_table(c, t, out);
        }
    for (size_t i = 0; i < c->nfolded; i++)
        if (same_file(c->folded[i].file, file)) add_table_counts(out, &c->folded[i].s);
}

static int by_place(const void *pa, const void *pb)
{
    const coverage_unread *a = pa, *b = pb;
    int d = strcmp(a->file, b->file);
    if (d) return d;
    return (a->line > b->line) - (a->line < b->line);
}

size_t coverage_unread_list(const coverage *c, const report *const *reports, size_t nreports,
                            coverage_unread **items)
{
    size_t n = 0, cap = 0;
    coverage_unread *list = NULL;
    for (size_t i = 0; i < c->nunread; i++) {
        grow_array((void **)&list, &cap, n + 1, sizeof *list);
        list[n++] = c->unread[i];
    }
    for (size_t k = 0; k < nreports; k++)
        for (size_t ti = 0; ti < report_table_count(reports[k]); ti++) {
            const table *t = report_table(reports[k], ti);
            if (!table_unread(c, t)) continue;
            grow_array((void **)&list, &cap, n + 1, sizeof *list);
            list[n++] = (coverage_unread){ UNREAD_NO_HEADER, table_file(t), table_first_line(t),
                                           "a table with numbers but no recognisable header row (columns like Indikator, Target, Realisasi)",
                                           "tabel berisi angka tetapi tanpa baris judul kolom yang dikenali (seperti Indikator, Target, Realisasi)" };
        }
    sort_items(list, n, sizeof *list, by_place);
    *items = list;
    return n;
}
