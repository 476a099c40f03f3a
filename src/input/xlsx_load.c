/*
 * xlsx_load.c — Office Open XML workbooks (see xlsx_load.h).
 *
 * Parts, in the order read: _rels/.rels (where the workbook is),
 * the workbook and its relationships (sheets and their parts),
 * sharedStrings.xml and styles.xml (optional), then each sheet. Each part
 * is one expat pass with a small state machine.
 */
#include "input/xlsx_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "input/formula_ref.h"
#include "input/numfmt.h"
#include "input/package.h"
#include "input/sheet_build.h"
#include "model/place.h"
#include "util/util.h"

#define TEXT_MAX (1u << 20)     /* one cell's text or formula */

typedef struct {
    char *buf;
    size_t len, cap;
    bool on;
} text_acc;

static void acc_reset(text_acc *a)
{
    a->len = 0;
    if (a->buf) a->buf[0] = '\0';
}

static bool acc_add(text_acc *a, const char *s, int n)
{
    if (!a->on) return true;
    if (a->len + (size_t)n > TEXT_MAX) return false;
    grow_array((void **)&a->buf, &a->cap, a->len + (size_t)n + 1, 1);
    memcpy(a->buf + a->len, s, (size_t)n);
    a->len += (size_t)n;
    a->buf[a->len] = '\0';
    return true;
}

static const char *acc_text(const text_acc *a) { return a->buf && a->len ? a->buf : ""; }

/* ---- the package's relationships ---- */

typedef struct {
    char *id, *target;
} rel;

typedef struct {
    rel *items;
    size_t count, cap;
    const char *want_type;  /* for _rels/.rels: the officeDocument type suffix */
    char *found;
} rels;

static void rels_start(void *ud, const char *name, const char **attrs)
{
    rels *r = ud;
    if (strcmp(name, "Relationship")) return;
    const char *id = xml_attr(attrs, "Id"), *target = xml_attr(attrs, "Target"), *type = xml_attr(attrs, "Type");
    if (!id || !target) return;
    if (r->want_type && type && !r->found) {
        size_t n = strlen(type), k = strlen(r->want_type);
        if (n >= k && strcmp(type + n - k, r->want_type) == 0) r->found = xstrdup(target);
    }
    grow_array((void **)&r->items, &r->cap, r->count + 1, sizeof *r->items);
    r->items[r->count].id = xstrdup(id);
    r->items[r->count].target = xstrdup(target);
    r->count++;
}

static void rels_free(rels *r)
{
    for (size_t i = 0; i < r->count; i++) {
        free(r->items[i].id);
        free(r->items[i].target);
    }
    free(r->items);
    free(r->found);
}

/* Resolves a relationship target against the folder of the part that has it. */
static char *resolve(const char *base_dir, const char *target)
{
    if (target[0] == '/') return xstrdup(target + 1);
    char *out = xmalloc(strlen(base_dir) + strlen(target) + 2);
    sprintf(out, "%s%s", base_dir, target);
    /* fold "dir/../" */
    char *p;
    while ((p = strstr(out, "/../")) != NULL) {
        char *q = p;
        while (q > out && q[-1] != '/') q--;
        memmove(q, p + 4, strlen(p + 4) + 1);
    }
    return out;
}

/* ---- workbook.xml ---- */

typedef struct {
    char *name, *rid;
    bool hidden;
} sheet_ref;

typedef struct {
    sheet_ref *items;
    size_t count, cap;
    bool date1904;
} workbook;

static void workbook_start(void *ud, const char *name, const char **attrs)
{
    workbook *w = ud;
    if (strcmp(name, "workbookPr") == 0) {
        const char *d = xml_attr(attrs, "date1904");
        w->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
    } else if (strcmp(name, "sheet") == 0) {
        const char *n = xml_attr(attrs, "name"), *id = xml_attr(attrs, "id"), *state = xml_attr(attrs, "state");
        grow_array((void **)&w->items, &w->cap, w->count + 1, sizeof *w->items);
        sheet_ref *s = &w->items[w->count++];
        s->name = xstrdup(n ? n : "");
        s->rid = xstrdup(id ? id : "");
        s->hidden = state && strcmp(state, "visible") != 0;
    }
}

/* ---- sharedStrings.xml ---- */

typedef struct {
    char **items;
    size_t count, cap;
    text_acc t;
    bool in_si, in_rph;
    package *pkg;
} shared_strings;

static void sst_start(void *ud, const char *name, const char **attrs)
{
    (void)attrs;
    shared_strings *s = ud;
    if (strcmp(name, "si") == 0) {
        s->in_si = true;
        acc_reset(&s->t);
    } else if (strcmp(name, "rPh") == 0) {
        s->in_rph = true;           /* phonetic guide: not part of the text */
    } else if (strcmp(name, "t") == 0 && s->in_si && !s->in_rph) {
        s->t.on = true;
    }
}

static void sst_end(void *ud, const char *name)
{
    shared_strings *s = ud;
    if (strcmp(name, "t") == 0) {
        s->t.on = false;
    } else if (strcmp(name, "rPh") == 0) {
        s->in_rph = false;
    } else if (strcmp(name, "si") == 0) {
        grow_array((void **)&s->items, &s->cap, s->count + 1, sizeof *s->items);
        s->items[s->count++] = xstrdup(acc_text(&s->t));
        s->in_si = false;
    }
}

static void sst_text(void *ud, const char *t, int n)
{
    shared_strings *s = ud;
    if (!acc_add(&s->t, t, n)) package_fail(s->pkg, "a shared string is longer than %u bytes", TEXT_MAX);
}

/* ---- styles.xml ---- */

typedef struct {
    int *ids;
    char **codes;
    size_t count, cap;
    int *xf_fmt;            /* cellXfs index -> numFmtId */
    size_t nxf, xf_cap;
    bool in_cell_xfs;
} styles;

static void styles_start(void *ud, const char *name, const char **attrs)
{
    styles *s = ud;
    if (strcmp(name, "numFmt") == 0) {
        const char *id = xml_attr(attrs, "numFmtId"), *code = xml_attr(attrs, "formatCode");
        if (!id || !code) return;
        size_t cap = s->cap;
        grow_array((void **)&s->ids, &cap, s->count + 1, sizeof *s->ids);
        grow_array((void **)&s->codes, &s->cap, s->count + 1, sizeof *s->codes);
        s->ids[s->count] = atoi(id);
        s->codes[s->count] = xstrdup(code);
        s->count++;
    } else if (strcmp(name, "cellXfs") == 0) {
        s->in_cell_xfs = true;
    } else if (strcmp(name, "xf") == 0 && s->in_cell_xfs) {
        const char *id = xml_attr(attrs, "numFmtId");
        grow_array((void **)&s->xf_fmt, &s->xf_cap, s->nxf + 1, sizeof *s->xf_fmt);
        s->xf_fmt[s->nxf++] = id ? atoi(id) : 0;
    }
}

static void styles_end(void *ud, const char *name)
{
    styles *s = ud;
    if (strcmp(name, "cellXfs") == 0) s->in_cell_xfs = false;
}

/* The format code of a cell style index ("s" attribute), NULL for General. */
static const char *style_format(const styles *s, int xf)
{
    if (xf < 0 || (size_t)xf >= s->nxf) return NULL;
    int id = s->xf_fmt[xf];
    for (size_t i = 0; i < s->count; i++)
        if (s->ids[i] == id) return s->codes[i];
    return numfmt_builtin(id);
}

/* ---- a sheet ---- */

typedef struct {
    char *formula;
    int row, col;
} shared_formula;

typedef struct {
    package *pkg;
    const shared_strings *sst;
    const styles *st;
    bool date1904;
    sheet_grid *g;
    size_t *cells_total;
    /* the row and cell being read */
    int row, col, nrows;
    char type[16];
    int xf;
    bool in_cell, in_is, has_f;
    char f_kind[16];
    int f_si;
    text_acc v, f, is;
    shared_formula *shared;
    size_t nshared, shared_cap;
} sheet_state;

static void sheet_start(void *ud, const char *name, const char **attrs)
{
    sheet_state *s = ud;
    if (strcmp(name, "row") == 0) {
        const char *r = xml_attr(attrs, "r"), *hidden = xml_attr(attrs, "hidden");
        long row = r ? strtol(r, NULL, 10) : s->row + 1;
        if (row < 1 || row > 1048576) {
            package_fail(s->pkg, "row number %ld is outside a sheet (1 to 1048576)", row);
            return;
        }
        if (++s->nrows > SHEET_MAX_ROWS) {
            package_fail(s->pkg, "sheet \"%s\" has more than %d rows; lakip-audit reads at most %d rows per sheet",
                         s->g->name, SHEET_MAX_ROWS, SHEET_MAX_ROWS);
            return;
        }
        s->row = (int)row;
        s->col = 0;
        if (hidden && (strcmp(hidden, "1") == 0 || strcmp(hidden, "true") == 0)) sheet_grid_hide_row(s->g, s->row);
    } else if (strcmp(name, "c") == 0) {
        const char *r = xml_attr(attrs, "r"), *t = xml_attr(attrs, "t"), *st = xml_attr(attrs, "s");
        int row = s->row, col = s->col + 1;
        if (r && cell_name_parse(r, &row, &col) != 0) {
            package_fail(s->pkg, "cell reference \"%s\" is not a cell name", r);
            return;
        }
        s->row = row;
        s->col = col;
        snprintf(s->type, sizeof s->type, "%s", t ? t : "n");
        s->xf = st ? atoi(st) : 0;
        s->in_cell = true;
        s->has_f = false;
        acc_reset(&s->v);
        acc_reset(&s->f);
        acc_reset(&s->is);
    } else if (strcmp(name, "v") == 0 && s->in_cell) {
        s->v.on = true;
    } else if (strcmp(name, "f") == 0 && s->in_cell) {
        const char *t = xml_attr(attrs, "t"), *si = xml_attr(attrs, "si");
        s->has_f = true;
        snprintf(s->f_kind, sizeof s->f_kind, "%s", t ? t : "normal");
        s->f_si = si ? atoi(si) : -1;
        s->f.on = true;
    } else if (strcmp(name, "is") == 0 && s->in_cell) {
        s->in_is = true;
    } else if (strcmp(name, "t") == 0 && s->in_is) {
        s->is.on = true;
    } else if (strcmp(name, "col") == 0) {
        const char *min = xml_attr(attrs, "min"), *max = xml_attr(attrs, "max"), *hidden = xml_attr(attrs, "hidden");
        if (min && max && hidden && (strcmp(hidden, "1") == 0 || strcmp(hidden, "true") == 0))
            sheet_grid_hide_cols(s->g, atoi(min), atoi(max));
    }
}

/* The formula of the cell just read, "=..." with a shared formula
 * shifted from its first cell, or NULL. */
static char *cell_formula(sheet_state *s)
{
    if (!s->has_f) return NULL;
    const char *text = acc_text(&s->f);
    char *body = NULL;
    if (strcmp(s->f_kind, "shared") == 0 && s->f_si >= 0 && s->f_si < 1000000) {
        size_t si = (size_t)s->f_si;
        if (si >= s->nshared) {
            grow_array((void **)&s->shared, &s->shared_cap, si + 1, sizeof *s->shared);
            memset(s->shared + s->nshared, 0, (si + 1 - s->nshared) * sizeof *s->shared);
            s->nshared = si + 1;
        }
        shared_formula *m = &s->shared[si];
        if (text[0]) {              /* the first cell holds the formula */
            free(m->formula);
            m->formula = xstrdup(text);
            m->row = s->row;
            m->col = s->col;
            body = xstrdup(text);
        } else if (m->formula) {
            body = formula_shift(m->formula, s->row - m->row, s->col - m->col);
        }
    } else if (text[0]) {
        body = xstrdup(text);
    }
    if (!body) return NULL;
    char *out = xmalloc(strlen(body) + 2);
    out[0] = '=';
    strcpy(out + 1, body);
    free(body);
    return out;
}

/* Adds the cell just read to the grid, with its displayed text. */
static void finish_cell(sheet_state *s)
{
    if (++*s->cells_total > WORKBOOK_MAX_CELLS) {
        package_fail(s->pkg, "the workbook has more than %d cells; lakip-audit reads at most that many", WORKBOOK_MAX_CELLS);
        return;
    }
    char *formula = cell_formula(s);
    const char *v = acc_text(&s->v);
    const char *format = style_format(s->st, s->xf);
    char shown[256];
    const char *text = v, *type = "number";
    if (strcmp(s->type, "s") == 0) {
        char *end;
        long i = strtol(v, &end, 10);
        if (!v[0] || *end || i < 0 || (size_t)i >= s->sst->count) {
            char letters[8];
            package_fail(s->pkg, "cell %s%d refers to shared string \"%s\", which does not exist",
                         place_column_letters(s->col, letters), s->row, v);
            free(formula);
            return;
        }
        text = s->sst->items[i];
        type = "string";
        format = NULL;
    } else if (strcmp(s->type, "inlineStr") == 0) {
        text = acc_text(&s->is);
        type = "string";
        format = NULL;
    } else if (strcmp(s->type, "str") == 0) {
        type = "string";
        format = NULL;
    } else if (strcmp(s->type, "b") == 0) {
        text = strcmp(v, "1") == 0 ? "TRUE" : v[0] ? "FALSE" : "";
        type = "boolean";
    } else if (strcmp(s->type, "e") == 0) {
        type = "error";
    } else if (strcmp(s->type, "d") == 0) {
        type = "date";
    } else if (v[0]) {
        numfmt_render(v, format, s->date1904, shown, sizeof shown);
        text = shown;
        if (numfmt_is_date(format)) type = "date";
    }
    sheet_grid_add(s->g, s->row, s->col, text, formula, type, format, v[0] ? v : NULL);
    free(formula);
}

static void sheet_end(void *ud, const char *name)
{
    sheet_state *s = ud;
    if (strcmp(name, "v") == 0) s->v.on = false;
    else if (strcmp(name, "f") == 0) s->f.on = false;
    else if (strcmp(name, "t") == 0) s->is.on = false;
    else if (strcmp(name, "is") == 0) s->in_is = false;
    else if (strcmp(name, "c") == 0 && s->in_cell) {
        s->in_cell = false;
        finish_cell(s);
    }
}

static void sheet_text(void *ud, const char *t, int n)
{
    sheet_state *s = ud;
    if (!acc_add(&s->v, t, n) || !acc_add(&s->f, t, n) || !acc_add(&s->is, t, n))
        package_fail(s->pkg, "a cell holds more than %u bytes", TEXT_MAX);
}

/* ---- the workbook ---- */

static char *dir_of(const char *part)
{
    const char *slash = strrchr(part, '/');
    return xstrndup(part, slash ? (size_t)(slash - part + 1) : 0);
}

/* "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels" */
static char *rels_of(const char *part)
{
    const char *slash = strrchr(part, '/');
    size_t d = slash ? (size_t)(slash - part + 1) : 0;
    char *out = xmalloc(strlen(part) + 12);
    sprintf(out, "%.*s_rels/%s.rels", (int)d, part, part + d);
    return out;
}

int xlsx_load(report *r, const char *path, load_error *err)
{
    package *pkg = package_open(path, err);
    if (!pkg) return -1;
    int rc = -1;
    rels root = { .want_type = "/officeDocument" }, wrels = { 0 };
    workbook wb = { 0 };
    shared_strings sst = { .pkg = pkg };
    styles st = { 0 };
    char *wb_part = NULL, *wb_dir = NULL, *wb_rels = NULL;
    size_t cells_total = 0;

    xml_handlers rh = { rels_start, NULL, NULL };
    if (package_has(pkg, "_rels/.rels") && package_parse(pkg, "_rels/.rels", &rh, &root, err) < 0) goto done;
    wb_part = xstrdup(root.found ? (root.found[0] == '/' ? root.found + 1 : root.found) : "xl/workbook.xml");
    if (!package_has(pkg, wb_part)) {
        load_error_set(err, path, 0, "%s: part missing from the package (is this an Excel workbook?)", wb_part);
        goto done;
    }
    xml_handlers wh = { workbook_start, NULL, NULL };
    if (package_parse(pkg, wb_part, &wh, &wb, err) < 0) goto done;
    wb_dir = dir_of(wb_part);
    wb_rels = rels_of(wb_part);
    if (package_parse(pkg, wb_rels, &rh, &wrels, err) < 0) goto done;
    char *sst_part = resolve(wb_dir, "sharedStrings.xml"), *styles_part = resolve(wb_dir, "styles.xml");
    xml_handlers sh = { sst_start, sst_end, sst_text }, sth = { styles_start, styles_end, NULL };
    int prc = 0;
    if (package_has(pkg, sst_part)) prc = package_parse(pkg, sst_part, &sh, &sst, err);
    if (prc == 0 && package_has(pkg, styles_part)) prc = package_parse(pkg, styles_part, &sth, &st, err);
    free(sst_part);
    free(styles_part);
    if (prc < 0) goto done;
    if (wb.count == 0) {
        load_error_set(err, path, 0, "%s: the workbook has no sheets", wb_part);
        goto done;
    }

    int first_line = 1;
    rc = 0;
    for (size_t i = 0; i < wb.count && rc == 0; i++) {
        const char *target = NULL;
        for (size_t k = 0; k < wrels.count; k++)
            if (strcmp(wrels.items[k].id, wb.items[i].rid) == 0) target = wrels.items[k].target;
        if (!target) {
            load_error_set(err, path, 0, "%s: sheet \"%s\" has no part (relationship %s missing)", wb_rels,
                           wb.items[i].name, wb.items[i].rid);
            rc = -1;
            break;
        }
        char *part = resolve(wb_dir, target);
        sheet_grid g;
        sheet_grid_init(&g, wb.items[i].name, wb.items[i].hidden);
        sheet_state ss = { .pkg = pkg, .sst = &sst, .st = &st, .date1904 = wb.date1904, .g = &g,
                           .cells_total = &cells_total };
        xml_handlers shh = { sheet_start, sheet_end, sheet_text };
        rc = package_parse(pkg, part, &shh, &ss, err);
        if (rc == 0) first_line += sheet_build(r, path, &g, first_line);
        if (rc == 0 && g.too_long) {
            *err = g.cell_error;
            rc = -1;
        }
        sheet_grid_free(&g);
        for (size_t k = 0; k < ss.nshared; k++) free(ss.shared[k].formula);
        free(ss.shared);
        free(ss.v.buf);
        free(ss.f.buf);
        free(ss.is.buf);
        free(part);
    }

done:
    for (size_t i = 0; i < wb.count; i++) {
        free(wb.items[i].name);
        free(wb.items[i].rid);
    }
    free(wb.items);
    for (size_t i = 0; i < sst.count; i++) free(sst.items[i]);
    free(sst.items);
    free(sst.t.buf);
    for (size_t i = 0; i < st.count; i++) free(st.codes[i]);
    free(st.codes);
    free(st.ids);
    free(st.xf_fmt);
    rels_free(&root);
    rels_free(&wrels);
    free(wb_part);
    free(wb_dir);
    free(wb_rels);
    package_close(pkg);
    return rc;
}
