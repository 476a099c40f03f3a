/*
 * groups.c — splitting long-form tables into their reports (see groups.h).
 *
 * One pass over the rows: each row's report key (the texts of its report
 * columns) is looked up in a hash table of groups, its table key (the
 * texts of its table columns) among that group's few tables, and the row
 * index is appended there. The group reports then get tables made with
 * table_subset, which shares the rows' cells instead of copying them.
 *
 * Uses report.h and table.h (model), columns.h for header normalisation
 * and bare years. Never touches Lua.
 */
#include "input/groups.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "input/columns.h"
#include "util/key_spool.h"
#include "util/util.h"

enum level { LEVEL_NONE, LEVEL_YEAR, LEVEL_AGENCY, LEVEL_REPORT, LEVEL_TABLE };

/* Headers (normalised, see columns_normalise) that name a grouping column. */
static const struct {
    const char *header;
    enum level level;
} known[] = {
    { "tahun", LEVEL_YEAR }, { "tahun anggaran", LEVEL_YEAR }, { "tahun kinerja", LEVEL_YEAR },
    { "tahun laporan", LEVEL_YEAR }, { "periode", LEVEL_YEAR }, { "year", LEVEL_YEAR },
    { "instansi", LEVEL_AGENCY }, { "nama instansi", LEVEL_AGENCY }, { "opd", LEVEL_AGENCY },
    { "nama opd", LEVEL_AGENCY }, { "perangkat daerah", LEVEL_AGENCY }, { "nama perangkat daerah", LEVEL_AGENCY },
    { "skpd", LEVEL_AGENCY }, { "satker", LEVEL_AGENCY }, { "satuan kerja", LEVEL_AGENCY },
    { "unit kerja", LEVEL_AGENCY }, { "pemda", LEVEL_AGENCY }, { "pemerintah daerah", LEVEL_AGENCY },
    { "kabupaten/kota", LEVEL_AGENCY }, { "kab/kota", LEVEL_AGENCY }, { "provinsi", LEVEL_AGENCY },
    { "kementerian/lembaga", LEVEL_AGENCY }, { "k/l", LEVEL_AGENCY }, { "agency", LEVEL_AGENCY },
    { "tabel", LEVEL_TABLE }, { "nama tabel", LEVEL_TABLE }, { "jenis tabel", LEVEL_TABLE },
    { "dokumen", LEVEL_TABLE }, { "jenis dokumen", LEVEL_TABLE }, { "table", LEVEL_TABLE },
    { "halaman", LEVEL_TABLE }, { "hal", LEVEL_TABLE }, { "page", LEVEL_TABLE },
    { "lembar", LEVEL_TABLE }, { "sheet", LEVEL_TABLE },
};

static enum level known_level(const char *normalised)
{
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(known[i].header, normalised) == 0) return known[i].level;
    return LEVEL_NONE;
}

typedef struct {
    size_t col;
    enum level level;
} group_col;

/* The grouping columns of t, report columns first; their count. */
static size_t grouping_columns(const table *t, const group_options *o, group_col *out, bool *named_found)
{
    size_t n = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t c = 0; c < table_column_count(t); c++) {
            char h[256];
            columns_normalise(table_column_header(t, c), h, sizeof h);
            enum level level = LEVEL_NONE;
            if (o->columns) {
                for (size_t k = 0; k < o->ncolumns; k++) {
                    char want[256];
                    columns_normalise(o->columns[k], want, sizeof want);
                    if (strcmp(h, want) == 0) {
                        named_found[k] = true;
                        level = known_level(h);
                        if (level == LEVEL_NONE) level = LEVEL_REPORT;   /* a column the user named */
                    }
                }
            } else if (table_column_role(t, c) == COL_NONE) {   /* never a year column of a Renstra table */
                level = known_level(h);
            }
            if (level != LEVEL_NONE && (level == LEVEL_TABLE) == (pass == 1)) {
                out[n].col = c;
                out[n].level = level;
                n++;
            }
        }
    }
    return n;
}

typedef struct {
    char *key;
    size_t *rows;
    size_t nrows, cap;
} group_table;

typedef struct {
    char *key;
    size_t first_row;           /* in the source table, for the year and agency */
    const table *src;
    size_t src_index;           /* which source table (a group never spans two) */
    group_table *tables;
    size_t ntables, cap;
} group;

typedef struct {
    group *groups;
    size_t n, cap;
    size_t *slots;              /* index + 1 into groups; 0 = empty */
    size_t nslots;
} group_set;

static uint64_t hash_text(const char *s, size_t src_index)
{
    uint64_t h = 1469598103934665603ull ^ src_index;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static void rehash(group_set *g)
{
    size_t nslots = g->nslots ? g->nslots * 2 : 1024;
    size_t *slots = xcalloc(nslots, sizeof *slots);
    for (size_t i = 0; i < g->n; i++) {
        size_t s = (size_t)hash_text(g->groups[i].key, g->groups[i].src_index) & (nslots - 1);
        while (slots[s]) s = (s + 1) & (nslots - 1);
        slots[s] = i + 1;
    }
    free(g->slots);
    g->slots = slots;
    g->nslots = nslots;
}

static group *find_group(group_set *g, const char *key, const table *src, size_t src_index, size_t row)
{
    if ((g->n + 1) * 2 > g->nslots) rehash(g);
    size_t s = (size_t)hash_text(key, src_index) & (g->nslots - 1);
    for (; g->slots[s]; s = (s + 1) & (g->nslots - 1)) {
        group *x = &g->groups[g->slots[s] - 1];
        if (x->src_index == src_index && strcmp(x->key, key) == 0) return x;
    }
    grow_array((void **)&g->groups, &g->cap, g->n + 1, sizeof *g->groups);
    group *x = &g->groups[g->n];
    memset(x, 0, sizeof *x);
    x->key = xstrdup(key);
    x->first_row = row;
    x->src = src;
    x->src_index = src_index;
    g->slots[s] = ++g->n;
    return x;
}

/* Adds row to the table of table_key; returns that table's index. */
static size_t add_row(group *x, const char *table_key, size_t row)
{
    group_table *t = NULL;
    for (size_t i = 0; i < x->ntables && !t; i++)
        if (strcmp(x->tables[i].key, table_key) == 0) t = &x->tables[i];
    if (!t) {
        grow_array((void **)&x->tables, &x->cap, x->ntables + 1, sizeof *x->tables);
        t = &x->tables[x->ntables++];
        memset(t, 0, sizeof *t);
        t->key = xstrdup(table_key);
    }
    grow_array((void **)&t->rows, &t->cap, t->nrows + 1, sizeof *t->rows);
    t->rows[t->nrows++] = row;
    return (size_t)(t - x->tables);
}

/* Appends s to buf (NUL-terminated, capacity size) after sep when buf is
 * not empty, cut as snprintf(buf + n, size - n, "%s%s", ...) would cut it
 * (every report of a streamed file builds its captions with this). */
static void append(char *buf, size_t size, const char *sep, const char *s)
{
    size_t n = strlen(buf);
    if (!s[0]) return;
    const char *parts[2] = { n ? sep : "", s };
    for (int k = 0; k < 2; k++) {
        size_t len = strlen(parts[k]), room = size - n - 1;
        if (len > room) len = room;
        memcpy(buf + n, parts[k], len);
        n += len;
    }
    buf[n] = '\0';
}

/* The texts of the columns of one level range at a row, joined. */
static void key_of(const table *t, size_t row, const group_col *cols, size_t ncols, bool table_level,
                   const char *sep, char *buf, size_t size)
{
    buf[0] = '\0';
    size_t n = 0;
    for (size_t i = 0; i < ncols; i++) {
        if ((cols[i].level == LEVEL_TABLE) != table_level) continue;
        const char *text = table_cell(t, row, cols[i].col)->text;
        if (sep) {
            append(buf, size, sep, text);
        } else if (n + 1 < size) {      /* a key: every column, empty or not, unit separated */
            /* as snprintf(buf + n, size - n, "%s\x1f", text) would, truncated alike:
             * every row is keyed, so no format parsing */
            size_t len = strlen(text), room = size - n - 1;
            if (len > room) len = room;
            memcpy(buf + n, text, len);
            n += len;
            if (n + 1 < size) buf[n++] = '\x1f';
            buf[n] = '\0';
        }
    }
}

/* The report of one group: metadata from its first row, one table per
 * table key. With take (x->src itself, which the group's one table is all
 * of), that table is x->src, captioned as its copy would be. */
static report *group_report(const report *r, const group *x, const group_col *cols, size_t ncols, table *take)
{
    report *g = report_new(report_style_choice(r));
    for (size_t i = 0; i < report_input_count(r); i++) report_add_input(g, report_input_path(r, i));
    const char *source = NULL;
    int year = report_year(r, &source);
    const char *agency = report_agency(r, &source);
    char where[600], agency_buf[1024] = "";
    for (size_t i = 0; i < ncols; i++) {
        const cell *c = table_cell(x->src, x->first_row, cols[i].col);
        if (cols[i].level == LEVEL_YEAR && columns_bare_year(c->text)) {
            year = columns_bare_year(c->text);
            snprintf(where, sizeof where, "column %s, %s:%d", table_column_header(x->src, cols[i].col),
                     table_file(x->src), table_row_line(x->src, x->first_row));
            report_set_year(g, year, where);
        } else if (cols[i].level == LEVEL_AGENCY) {
            append(agency_buf, sizeof agency_buf, ", ", c->text);
        }
    }
    if (!report_year(g, NULL) && year) {
        report_year(r, &source);
        report_set_year(g, year, source);
    }
    char label[1024];
    key_of(x->src, x->first_row, cols, ncols, false, " · ", label, sizeof label);
    report_set_group(g, label);
    if (agency_buf[0]) {
        snprintf(where, sizeof where, "column, %s:%d", table_file(x->src), table_row_line(x->src, x->first_row));
        report_set_agency(g, agency_buf, where);
    } else if (agency) {
        report_agency(r, &source);
        report_set_agency(g, agency, source);
    }
    for (size_t i = 0; i < x->ntables; i++) {
        const group_table *gt = &x->tables[i];
        char caption[1024], table_part[512];
        snprintf(caption, sizeof caption, "%s", label);
        key_of(x->src, gt->rows[0], cols, ncols, true, " · ", table_part, sizeof table_part);
        append(caption, sizeof caption, " · ", table_part);
        if (!caption[0]) snprintf(caption, sizeof caption, "%s", table_caption(x->src));
        if (take) {
            /* what table_subset would make of all its rows in order */
            table_set_caption(take, caption, 0);
            table_set_first_line(take, table_row_line(take, 0));
            report_add_table(g, take);
        } else {
            report_add_table(g, table_subset(x->src, gt->rows, gt->nrows, caption));
        }
    }
    return g;
}

/* A report with r's tables that are not long-form, its narrative and metadata. */
static report *rest_report(const report *r, const bool *long_form)
{
    report *g = report_new(report_style_choice(r));
    for (size_t i = 0; i < report_input_count(r); i++) report_add_input(g, report_input_path(r, i));
    const char *source = NULL;
    int year = report_year(r, &source);
    if (year) report_set_year(g, year, source);
    const char *agency = report_agency(r, &source);
    if (agency) report_set_agency(g, agency, source);
    for (size_t i = 0; i < report_paragraph_count(r); i++) {
        const paragraph *p = report_paragraph(r, i);
        report_add_paragraph(g, p->file, p->line, p->text, p->heading);
    }
    for (size_t i = 0; i < report_table_count(r); i++) {
        if (long_form[i]) continue;
        const table *t = report_table(r, i);
        size_t n = table_row_count(t);
        size_t *rows = xmalloc((n ? n : 1) * sizeof *rows);
        for (size_t k = 0; k < n; k++) rows[k] = k;
        report_add_table(g, table_subset(t, rows, n, NULL));
        free(rows);
    }
    return g;
}

/* Recognised (not named) grouping columns split a table only when they can
 * only mean many reports: an agency or table column, not a year column
 * alone (a report compares its own years in a Tahun column), and never a
 * table of a document with narrative (the narrative speaks of the table
 * as a whole). */
static bool auto_long_form(const report *r, const table *t, const group_col *cols, size_t ncols)
{
    bool beyond_year = false;
    for (size_t i = 0; i < ncols; i++) beyond_year |= cols[i].level != LEVEL_YEAR;
    if (!beyond_year) return false;
    for (size_t i = 0; i < report_paragraph_count(r); i++)
        if (strcmp(report_paragraph(r, i)->file, table_file(t)) == 0) return false;
    return true;
}

int groups_split(const report *r, const group_options *o, report ***out, size_t *n, load_error *err)
{
    *out = NULL;
    *n = 0;
    if (o->off) return 0;
    size_t ntables = report_table_count(r);
    bool *long_form = xcalloc(ntables ? ntables : 1, sizeof *long_form);
    bool *named_found = xcalloc(o->ncolumns ? o->ncolumns : 1, sizeof *named_found);
    group_set set = { 0 };
    size_t nlong = 0;
    char key[4096], table_key[4096];
    for (size_t ti = 0; ti < ntables; ti++) {
        const table *t = report_table(r, ti);
        group_col *cols = xcalloc(table_column_count(t) + 1, sizeof *cols);
        size_t ncols = grouping_columns(t, o, cols, named_found);
        if (ncols && !o->columns && !auto_long_form(r, t, cols, ncols)) ncols = 0;
        if (ncols) {
            long_form[ti] = true;
            nlong++;
            for (size_t row = 0; row < table_row_count(t); row++) {
                key_of(t, row, cols, ncols, false, NULL, key, sizeof key);
                key_of(t, row, cols, ncols, true, NULL, table_key, sizeof table_key);
                add_row(find_group(&set, key, t, ti, row), table_key, row);
            }
        }
        free(cols);
    }
    int rc = 0;
    for (size_t k = 0; k < o->ncolumns; k++)
        if (!named_found[k]) {
            load_error_set(err, o->file, o->line, "group_by: no table has a column \"%s\"", o->columns[k]);
            rc = -1;
            break;
        }
    if (rc == 0 && nlong) {
        bool rest = nlong < ntables || report_paragraph_count(r) > 0;
        *out = xcalloc(set.n + 1, sizeof **out);
        if (rest) (*out)[(*n)++] = rest_report(r, long_form);
        for (size_t i = 0; i < set.n; i++) {
            group *x = &set.groups[i];
            group_col *cols = xcalloc(table_column_count(x->src) + 1, sizeof *cols);
            size_t ncols = grouping_columns(x->src, o, cols, named_found);
            (*out)[(*n)++] = group_report(r, x, cols, ncols, NULL);
            free(cols);
        }
    }
    for (size_t i = 0; i < set.n; i++) {
        for (size_t k = 0; k < set.groups[i].ntables; k++) {
            free(set.groups[i].tables[k].key);
            free(set.groups[i].tables[k].rows);
        }
        free(set.groups[i].tables);
        free(set.groups[i].key);
    }
    free(set.groups);
    free(set.slots);
    free(named_found);
    free(long_form);
    return rc;
}

size_t groups_source_row(const report *r, const report *part, size_t ti, size_t row, size_t *src_table)
{
    const table *o = table_origin(report_table(part, ti), &row);
    *src_table = 0;
    for (size_t i = 0; i < report_table_count(r); i++)
        if (report_table(r, i) == o) *src_table = i;
    return row;
}

/* ---- streaming: one report at a time, in file order ---- */

struct group_cutter {
    const report *whole;
    group_options o;
    group_col *cols;
    size_t ncols;
    char *current;              /* report key of the rows so far; NULL before the first */
    char *pending;              /* the key of the row that ended them */
    /* the finished reports' keys, as 64-bit hashes: in a key spool when
     * the cutter was given a file (group_cutter_spool: a filter of fixed
     * size in memory, however many reports), else in memory (open
     * addressing, 0 = empty slot). Either way a report that comes back is
     * always seen: its hash was kept, the filter never says "no" for a
     * hash it was given, its "maybe" is settled by the file's records, and
     * a file that cannot be written or read answers "came back". The error
     * is only ever the other way: two keys of one hash (or that file
     * error) make a report look as if it came back — then the file is
     * loaded whole, which gives the same findings. */
    key_spool *spool;
    bool keys_elsewhere;        /* group_cutter_keys_elsewhere: none kept, none asked about */
    uint64_t *finished;
    size_t nslots, nfinished;
    /* no report column is the Indikator column, the one whose cells a
     * wrapped line extends after their row was added: a row's report texts
     * stay as they were when the row was asked about */
    bool texts_stay;
};

group_cutter *group_cutter_new(const report *whole, const table *t, const group_options *o)
{
    if (o->off) return NULL;
    bool *named_found = xcalloc(o->ncolumns ? o->ncolumns : 1, sizeof *named_found);
    group_col *cols = xcalloc(table_column_count(t) + 1, sizeof *cols);
    size_t ncols = grouping_columns(t, o, cols, named_found);
    if (ncols && !o->columns && !auto_long_form(whole, t, cols, ncols)) ncols = 0;
    bool all_found = true;
    for (size_t k = 0; k < o->ncolumns; k++) all_found &= named_found[k];
    free(named_found);
    if (!ncols || !all_found) {     /* not long-form, or an error groups_split reports */
        free(cols);
        return NULL;
    }
    group_cutter *c = xcalloc(1, sizeof *c);
    c->whole = whole;
    c->o = *o;
    c->cols = cols;
    c->ncols = ncols;
    int ind = table_find_role(t, COL_INDIKATOR);
    c->texts_stay = true;
    for (size_t i = 0; i < ncols; i++)
        if (cols[i].level != LEVEL_TABLE && (int)cols[i].col == ind) c->texts_stay = false;
    return c;
}

static uint64_t key_hash(const char *key)
{
    uint64_t h = hash_text(key, 0);
    return h ? h : 1;
}

/* The slot of hash h in the finished keys: its own, or the empty one where it would go. */
static uint64_t *finished_slot(uint64_t *slots, size_t nslots, uint64_t h)
{
    size_t s = (size_t)h & (nslots - 1);
    while (slots[s] && slots[s] != h) s = (s + 1) & (nslots - 1);
    return &slots[s];
}

void group_cutter_spool(group_cutter *c, FILE *f)
{
    key_spool_free(c->spool);
    c->spool = key_spool_new(f);
    /* the keys finished so far (none when given before the first row) */
    for (size_t i = 0; i < c->nslots; i++)
        if (c->finished[i]) key_spool_add(c->spool, c->finished[i], NULL, 0);
    free(c->finished);
    c->finished = NULL;
    c->nslots = c->nfinished = 0;
}

static void finish_key(group_cutter *c, char *key)
{
    if (c->keys_elsewhere) {
        free(key);
        return;
    }
    if (c->spool) {
        key_spool_add(c->spool, key_hash(key), NULL, 0);
        free(key);
        return;
    }
    if ((c->nfinished + 1) * 2 > c->nslots) {
        size_t nslots = c->nslots ? c->nslots * 2 : 1024;
        uint64_t *slots = xcalloc(nslots, sizeof *slots);
        for (size_t i = 0; i < c->nslots; i++)
            if (c->finished[i]) *finished_slot(slots, nslots, c->finished[i]) = c->finished[i];
        free(c->finished);
        c->finished = slots;
        c->nslots = nslots;
    }
    uint64_t h = key_hash(key);
    uint64_t *slot = finished_slot(c->finished, c->nslots, h);
    if (!*slot) c->nfinished++;
    *slot = h;
    free(key);
}

/* key_spool_find's judge: a record of the hash is the hash's. */
static bool any_record(void *ud, const char *data, size_t n)
{
    (void)ud, (void)data, (void)n;
    return true;
}

/* Whether a report of key hash h was finished (see struct group_cutter). */
static bool finished_before(group_cutter *c, uint64_t h)
{
    if (c->keys_elsewhere) return false;
    if (c->spool) return key_spool_find(c->spool, h, any_record, NULL) || key_spool_error(c->spool) != 0;
    return c->nslots && *finished_slot(c->finished, c->nslots, h) != 0;
}

/* Whether rows a and b of t have the same texts in the columns of one
 * level range: then key_of gives them the same key. */
static bool same_texts(const table *t, size_t a, size_t b, const group_col *cols, size_t ncols, bool table_level)
{
    for (size_t i = 0; i < ncols; i++) {
        if ((cols[i].level == LEVEL_TABLE) != table_level) continue;
        /* the rows are t's (a, b < its row count) and the columns its
         * own: the cells straight from the rows, asked for every row */
        if (strcmp(table_row_cells(t, a)[cols[i].col].text, table_row_cells(t, b)[cols[i].col].text) != 0) return false;
    }
    return true;
}

bool group_cutter_same(group_cutter *c, const table *t, size_t row, bool *again)
{
    *again = false;
    /* the rows before row in t are the current report's (each was asked
     * about, and a report's end cuts them off): a row with the report
     * texts of the row above has the current key, not built again */
    if (c->current && row > 0 && c->texts_stay && same_texts(t, row, row - 1, c->cols, c->ncols, false)) return true;
    char key[4096];
    key_of(t, row, c->cols, c->ncols, false, NULL, key, sizeof key);
    if (!c->current) {
        c->current = xstrdup(key);
        return true;
    }
    if (strcmp(c->current, key) == 0) return true;     /* the current report is not complete yet */
    *again = finished_before(c, key_hash(key));
    free(c->pending);
    c->pending = xstrdup(key);
    return false;
}

report *group_cutter_report(group_cutter *c, table **t)
{
    group x = { .key = c->current, .src = *t };
    char table_key[4096];
    size_t last = 0;        /* the table of the row above */
    for (size_t row = 0; row < table_row_count(*t); row++) {
        if (row > 0 && same_texts(*t, row, row - 1, c->cols, c->ncols, true)) {
            /* the table key of the row above: its table */
            group_table *gt = &x.tables[last];
            grow_array((void **)&gt->rows, &gt->cap, gt->nrows + 1, sizeof *gt->rows);
            gt->rows[gt->nrows++] = row;
            continue;
        }
        key_of(*t, row, c->cols, c->ncols, true, NULL, table_key, sizeof table_key);
        last = add_row(&x, table_key, row);
    }
    /* one table of all of t's rows (a report of one table, as a long-form
     * file's usually is): t itself, not a copy of its rows (its head copied
     * again, its rows mapped back, then both tables freed: about 6 k
     * instructions a report, callgrind on the 20k-row bench file) */
    bool whole = x.ntables == 1 && x.tables[0].nrows == table_row_count(*t) && table_row_count(*t) > 0;
    report *g = group_report(c->whole, &x, c->cols, c->ncols, whole ? *t : NULL);
    if (whole) *t = NULL;
    for (size_t k = 0; k < x.ntables; k++) {
        free(x.tables[k].key);
        free(x.tables[k].rows);
    }
    free(x.tables);
    if (c->current) finish_key(c, c->current);
    c->current = c->pending;
    c->pending = NULL;
    return g;
}

void group_cutter_keys_elsewhere(group_cutter *c)
{
    c->keys_elsewhere = true;
}

const char *group_cutter_key(const group_cutter *c)
{
    return c->current;
}

bool group_cutter_came_back(group_cutter *c, const char *key)
{
    return finished_before(c, key_hash(key));
}

void group_cutter_complete(group_cutter *c, const char *key)
{
    finish_key(c, xstrdup(key));
}

void group_cutter_free(group_cutter *c)
{
    if (!c) return;
    free(c->cols);
    free(c->current);
    free(c->pending);
    free(c->finished);
    key_spool_free(c->spool);
    free(c);
}

void groups_free(report **groups, size_t n)
{
    for (size_t i = 0; i < n; i++) report_free(groups[i]);
    free(groups);
}
