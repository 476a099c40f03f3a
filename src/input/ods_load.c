/*
 * ods_load.c — OpenDocument spreadsheets (see ods_load.h): styles.xml,
 * then content.xml, one expat pass each.
 */
#include "input/ods_load.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "input/formula_ref.h"
#include "input/numfmt.h"
#include "input/package.h"
#include "input/sheet_build.h"
#include "util/util.h"

#define TEXT_MAX (1u << 20)
#define CODE_MAX 256

typedef struct {
    char *name, *value;
} pair;

typedef struct {
    pair *items;
    size_t count, cap;
} dict;

static void dict_put(dict *d, const char *name, const char *value)
{
    grow_array((void **)&d->items, &d->cap, d->count + 1, sizeof *d->items);
    d->items[d->count].name = xstrdup(name);
    d->items[d->count].value = xstrdup(value);
    d->count++;
}

static const char *dict_get(const dict *d, const char *name)
{
    if (!name) return NULL;
    for (size_t i = d->count; i-- > 0; )
        if (strcmp(d->items[i].name, name) == 0) return d->items[i].value;
    return NULL;
}

static void dict_free(dict *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].name);
        free(d->items[i].value);
    }
    free(d->items);
}

typedef struct {
    package *pkg;
    const char *path;
    report *r;
    dict number_styles;         /* data style name -> format code */
    dict cell_styles;           /* cell style name -> data style name */
    dict hidden_tables;         /* table style name -> "1" when table:display="false" */
    /* a number style being read */
    char *nstyle;
    char code[CODE_MAX];
    bool in_nstyle_text, percent_style, date_style;
    /* the sheet */
    sheet_grid g;
    bool in_table;
    int row, col, nrows;
    int row_repeat;
    bool row_hidden;
    char **col_styles;          /* default cell style per column (first 1024 columns) */
    int ncol_styles;
    /* the cell */
    bool in_cell;
    int cell_repeat;
    char *c_type, *c_value, *c_formula, *c_style;
    char *text;
    size_t text_len, text_cap;
    int in_p;
    bool row_has_data;
    grid_cell *pending;         /* the row's cells, added when the row ends (repeats) */
    size_t npending, pending_cap;
    int first_line;
    size_t cells_total;
    bool too_long;          /* a cell over the size limit: the error is cell_error */
    load_error cell_error;
} ods_state;

static void code_add(ods_state *s, const char *t)
{
    size_t n = strlen(s->code);
    snprintf(s->code + n, sizeof s->code - n, "%s", t);
}

static void free_cell_attrs(ods_state *s)
{
    free(s->c_type);
    free(s->c_value);
    free(s->c_formula);
    free(s->c_style);
    s->c_type = s->c_value = s->c_formula = s->c_style = NULL;
}

static char *dup_attr(const char **attrs, const char *name)
{
    const char *v = xml_attr(attrs, name);
    return v ? xstrdup(v) : NULL;
}

static void start_number_style(ods_state *s, const char *name, const char **attrs)
{
    free(s->nstyle);
    s->nstyle = dup_attr(attrs, "name");
    s->code[0] = '\0';
    s->percent_style = strcmp(name, "percentage-style") == 0;
    s->date_style = strcmp(name, "date-style") == 0 || strcmp(name, "time-style") == 0;
    if (s->date_style) code_add(s, "dd/mm/yyyy");
}

static void number_part(ods_state *s, const char **attrs)
{
    const char *dp = xml_attr(attrs, "decimal-places"), *mdp = xml_attr(attrs, "min-decimal-places");
    const char *mi = xml_attr(attrs, "min-integer-digits"), *grouping = xml_attr(attrs, "grouping");
    int dec = dp ? atoi(dp) : 0, min_dec = mdp ? atoi(mdp) : dec, min_int = mi ? atoi(mi) : 1;
    if (dec > 30) dec = 30;
    if (min_dec > dec) min_dec = dec;
    if (min_int > 30) min_int = 30;
    bool group = grouping && strcmp(grouping, "true") == 0;
    char ip[40];
    if (group) {
        strcpy(ip, "#,###");                /* the last min_int digits are required */
        for (int i = 0; i < min_int && i < 3; i++) ip[4 - i] = '0';
    } else if (min_int == 0) {
        strcpy(ip, "#");
    } else {
        memset(ip, '0', (size_t)min_int);
        ip[min_int] = '\0';
    }
    code_add(s, ip);
    if (dec > 0) {
        code_add(s, ".");
        for (int i = 0; i < dec; i++) code_add(s, i < min_dec ? "0" : "#");
    }
}

/* Frees the cells of the row being read (kept until the row ends for its repeats). */
static void clear_pending(ods_state *s)
{
    for (size_t i = 0; i < s->npending; i++) {
        free(s->pending[i].text);
        free(s->pending[i].formula);
        free(s->pending[i].format);
        free(s->pending[i].value);
    }
    s->npending = 0;
}

static void ods_start(void *ud, const char *name, const char **attrs)
{
    ods_state *s = ud;
    if (strcmp(name, "number-style") == 0 || strcmp(name, "percentage-style") == 0 ||
        strcmp(name, "currency-style") == 0 || strcmp(name, "date-style") == 0 || strcmp(name, "time-style") == 0) {
        start_number_style(s, name, attrs);
    } else if (s->nstyle && !s->date_style && strcmp(name, "number") == 0) {
        number_part(s, attrs);
    } else if (s->nstyle && !s->date_style && strcmp(name, "scientific-number") == 0) {
        code_add(s, "General");
    } else if (s->nstyle && (strcmp(name, "text") == 0 || strcmp(name, "currency-symbol") == 0)) {
        s->in_nstyle_text = true;
    } else if (strcmp(name, "style") == 0) {
        const char *n = xml_attr(attrs, "name"), *family = xml_attr(attrs, "family"), *ds = xml_attr(attrs, "data-style-name");
        if (n && family && strcmp(family, "table-cell") == 0 && ds) dict_put(&s->cell_styles, n, ds);
        free(s->c_style);
        s->c_style = n && family && strcmp(family, "table") == 0 ? xstrdup(n) : NULL;
    } else if (strcmp(name, "table-properties") == 0 && s->c_style && !s->in_table) {
        const char *d = xml_attr(attrs, "display");
        if (d && strcmp(d, "false") == 0) dict_put(&s->hidden_tables, s->c_style, "1");
    } else if (strcmp(name, "table") == 0 && !s->in_table) {
        const char *n = xml_attr(attrs, "name"), *st = xml_attr(attrs, "style-name");
        sheet_grid_init(&s->g, n ? n : "", dict_get(&s->hidden_tables, st) != NULL);
        s->in_table = true;
        s->row = 0;
        s->nrows = 0;
        s->ncol_styles = 0;
    } else if (strcmp(name, "table-column") == 0 && s->in_table) {
        const char *rep = xml_attr(attrs, "number-columns-repeated"), *vis = xml_attr(attrs, "visibility");
        const char *ds = xml_attr(attrs, "default-cell-style-name");
        long n = rep ? strtol(rep, NULL, 10) : 1;
        if (n < 1) n = 1;
        int first = s->ncol_styles + 1;
        for (long i = 0; i < n && s->ncol_styles < 1024; i++) {
            s->col_styles = xrealloc(s->col_styles, (size_t)(s->ncol_styles + 1) * sizeof *s->col_styles);
            s->col_styles[s->ncol_styles++] = ds ? xstrdup(ds) : NULL;
        }
        if (vis && strcmp(vis, "visible") != 0) sheet_grid_hide_cols(&s->g, first, first + (int)(n > 1024 ? 1024 : n) - 1);
    } else if (strcmp(name, "table-row") == 0 && s->in_table) {
        const char *rep = xml_attr(attrs, "number-rows-repeated"), *vis = xml_attr(attrs, "visibility");
        long n = rep ? strtol(rep, NULL, 10) : 1;
        s->row_repeat = n < 1 ? 1 : n > 1048576 ? 1048576 : (int)n;
        s->row_hidden = vis && strcmp(vis, "visible") != 0;
        s->row++;
        s->col = 0;
        clear_pending(s);           /* a row opened inside an unfinished one */
        s->row_has_data = false;
    } else if ((strcmp(name, "table-cell") == 0 || strcmp(name, "covered-table-cell") == 0) && s->in_table) {
        free_cell_attrs(s);
        s->c_type = dup_attr(attrs, "value-type");
        const char *calc_type = NULL;
        for (size_t i = 0; attrs[i]; i += 2)       /* calcext:value-type="error" */
            if (strstr(attrs[i], "calcext") && strstr(attrs[i], "value-type")) calc_type = attrs[i + 1];
        if (calc_type && strcmp(calc_type, "error") == 0) {
            free(s->c_type);
            s->c_type = xstrdup("error");
        }
        s->c_value = dup_attr(attrs, "value");
        if (!s->c_value) s->c_value = dup_attr(attrs, "date-value");
        if (!s->c_value) s->c_value = dup_attr(attrs, "boolean-value");
        s->c_formula = dup_attr(attrs, "formula");
        s->c_style = dup_attr(attrs, "style-name");
        const char *rep = xml_attr(attrs, "number-columns-repeated");
        long n = rep ? strtol(rep, NULL, 10) : 1;
        s->cell_repeat = n < 1 ? 1 : n > 16384 ? 16384 : (int)n;
        s->in_cell = true;
        s->text_len = 0;
        if (s->text) s->text[0] = '\0';
    } else if (strcmp(name, "p") == 0 && s->in_cell) {
        if (s->in_p++ == 0 && s->text_len) {       /* a second paragraph in the cell */
            grow_array((void **)&s->text, &s->text_cap, s->text_len + 2, 1);
            s->text[s->text_len++] = ' ';
            s->text[s->text_len] = '\0';
        }
    } else if (strcmp(name, "s") == 0 && s->in_p) {
        grow_array((void **)&s->text, &s->text_cap, s->text_len + 2, 1);
        s->text[s->text_len++] = ' ';
        s->text[s->text_len] = '\0';
    }
}

static void ods_text(void *ud, const char *t, int n)
{
    ods_state *s = ud;
    if (s->in_nstyle_text) {
        char tmp[CODE_MAX];
        size_t k = 0;
        bool pct = s->percent_style && n == 1 && t[0] == '%';
        if (pct) {
            code_add(s, "%");
            return;
        }
        tmp[k++] = '"';
        for (int i = 0; i < n && k + 2 < sizeof tmp; i++)
            if (t[i] != '"') tmp[k++] = t[i];
        tmp[k++] = '"';
        tmp[k] = '\0';
        code_add(s, tmp);
        return;
    }
    if (s->in_p && s->in_cell) {
        if (s->text_len + (size_t)n > TEXT_MAX) {
            package_fail(s->pkg, "a cell holds more than %u bytes", TEXT_MAX);
            return;
        }
        grow_array((void **)&s->text, &s->text_cap, s->text_len + (size_t)n + 1, 1);
        memcpy(s->text + s->text_len, t, (size_t)n);
        s->text_len += (size_t)n;
        s->text[s->text_len] = '\0';
    }
}

/* The cell just read, as a grid cell of the pending row (col filled later). */
static void finish_cell(ods_state *s)
{
    const char *type = s->c_type ? s->c_type : "";
    const char *text = s->text && s->text_len ? s->text : "";
    const char *style = s->c_style;
    if (!style && s->col < s->ncol_styles) style = s->col_styles[s->col];
    const char *code = dict_get(&s->number_styles, dict_get(&s->cell_styles, style));
    char shown[256];
    const char *gtype = "string", *format = NULL;
    if ((strcmp(type, "float") == 0 || strcmp(type, "percentage") == 0 || strcmp(type, "currency") == 0) && s->c_value) {
        numfmt_render(s->c_value, code, false, shown, sizeof shown);
        text = shown;
        gtype = "number";
        format = code;
    } else if (strcmp(type, "date") == 0 || strcmp(type, "time") == 0) {
        gtype = "date";
    } else if (strcmp(type, "boolean") == 0) {
        gtype = "boolean";
        text = s->c_value && strcmp(s->c_value, "true") == 0 ? "TRUE" : "FALSE";
    } else if (strcmp(type, "error") == 0) {
        gtype = "error";
    }
    char *formula = s->c_formula ? formula_from_odf(s->c_formula) : NULL;
    bool has = text[0] || formula;
    for (int k = 0; k < s->cell_repeat; k++) {
        s->col++;
        if (!has) continue;
        if (s->cell_repeat > 1 && k >= 1024) break;        /* a repeated filled cell: enough */
        grow_array((void **)&s->pending, &s->pending_cap, s->npending + 1, sizeof *s->pending);
        grid_cell *c = &s->pending[s->npending++];
        c->row = 0;
        c->col = s->col;
        c->text = xstrdup(text);
        c->formula = formula ? xstrdup(formula) : NULL;
        c->type = gtype;
        c->format = format ? xstrdup(format) : NULL;
        c->value = s->c_value ? xstrdup(s->c_value) : NULL;
        s->row_has_data = true;
    }
    free(formula);
}

static void finish_row(ods_state *s)
{
    int repeat = s->row_has_data ? s->row_repeat : 1;
    if (s->row_has_data && repeat > 1000) repeat = 1000;
    for (int k = 0; k < repeat; k++) {
        int row = s->row + k;
        if (s->row_has_data) {
            if (++s->nrows > SHEET_MAX_ROWS) {
                package_fail(s->pkg, "sheet \"%s\" has more than %d rows; lakip-audit reads at most %d rows per sheet",
                             s->g.name, SHEET_MAX_ROWS, SHEET_MAX_ROWS);
                break;
            }
            if (s->row_hidden) sheet_grid_hide_row(&s->g, row);
            for (size_t i = 0; i < s->npending; i++) {
                const grid_cell *c = &s->pending[i];
                if (++s->cells_total > WORKBOOK_MAX_CELLS) {
                    package_fail(s->pkg, "the workbook has more than %d cells; lakip-audit reads at most that many", WORKBOOK_MAX_CELLS);
                    break;
                }
                sheet_grid_add(&s->g, row, c->col, c->text, c->formula, c->type, c->format, c->value);
            }
        }
    }
    clear_pending(s);
    s->row += s->row_repeat - 1;
}

static void ods_end(void *ud, const char *name)
{
    ods_state *s = ud;
    if (strcmp(name, "text") == 0 || strcmp(name, "currency-symbol") == 0) {
        s->in_nstyle_text = false;
    } else if (strcmp(name, "number-style") == 0 || strcmp(name, "percentage-style") == 0 ||
               strcmp(name, "currency-style") == 0 || strcmp(name, "date-style") == 0 || strcmp(name, "time-style") == 0) {
        if (s->nstyle) dict_put(&s->number_styles, s->nstyle, s->code);
        free(s->nstyle);
        s->nstyle = NULL;
    } else if (strcmp(name, "p") == 0 && s->in_p) {
        s->in_p--;
    } else if ((strcmp(name, "table-cell") == 0 || strcmp(name, "covered-table-cell") == 0) && s->in_cell) {
        s->in_cell = false;
        finish_cell(s);
    } else if (strcmp(name, "table-row") == 0 && s->in_table) {
        finish_row(s);
    } else if (strcmp(name, "table") == 0 && s->in_table) {
        s->in_table = false;
        s->first_line += sheet_build(s->r, s->path, &s->g, s->first_line);
        if (s->g.too_long && !s->too_long) {
            s->too_long = true;
            s->cell_error = s->g.cell_error;
            package_fail(s->pkg, "%s", s->cell_error.message);
        }
        sheet_grid_free(&s->g);
        for (int i = 0; i < s->ncol_styles; i++) free(s->col_styles[i]);
        s->ncol_styles = 0;
    }
}

int ods_load(report *r, const char *path, load_error *err)
{
    package *pkg = package_open(path, err);
    if (!pkg) return -1;
    ods_state s = { .pkg = pkg, .path = path, .r = r, .first_line = 1 };
    int rc = 0;
    xml_handlers h = { ods_start, ods_end, ods_text };
    if (package_has(pkg, "styles.xml")) rc = package_parse(pkg, "styles.xml", &h, &s, err);
    if (rc == 0) rc = package_parse(pkg, "content.xml", &h, &s, err);
    if (s.too_long) {
        *err = s.cell_error;
        rc = -1;
    }
    if (s.in_table) sheet_grid_free(&s.g);
    for (int i = 0; i < s.ncol_styles; i++) free(s.col_styles[i]);
    free(s.col_styles);
    clear_pending(&s);
    free(s.pending);
    free_cell_attrs(&s);
    free(s.text);
    free(s.nstyle);
    dict_free(&s.number_styles);
    dict_free(&s.cell_styles);
    dict_free(&s.hidden_tables);
    package_close(pkg);
    return rc;
}
