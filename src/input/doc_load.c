/*
 * doc_load.c — converted report documents (see doc_load.h).
 *
 * One pass over the lines:
 *   - a line containing a TAB belongs to a table block (a run of such
 *     lines); "--\t----" rule lines inside it are dropped;
 *   - "#".."######" lines and lines wholly in **bold** are headings: they
 *     name the paragraphs and tables that follow;
 *   - "$$...$$" lines are formula paragraphs of their own, kept as
 *     written (Bab III declares the capaian formula there);
 *   - list items ("- a. ...", "1. ...") start a paragraph;
 *   - other consecutive non-blank lines form one paragraph.
 * Blank lines and "---" rules end a paragraph but not a table: a table
 * block that follows with only those in between continues the previous
 * table when it repeats its header or has no header and fits its width
 * (a table broken over PDF pages). Tables are built at the end, once the
 * number style of the whole document is known.
 *
 * Uses table_build.h for the row rules, read_text.h for the file as UTF-8 text,
 * report.h for the results, util.h for memory.
 */
#include "input/doc_load.h"

#include <stdlib.h>
#include <string.h>
#include "input/read_text.h"
#include "input/cell_lines.h"
#include "input/table_build.h"
#include "model/year.h"
#include "util/util.h"

/* The title page is looked for in the first lines only. */
#define TITLE_PAGE_LINES 30
/* Longer lines are paragraphs, never the title or the agency's name. */
#define TITLE_LINE_MAX 120

typedef struct {
    record_list recs;
    char *caption;
    int caption_line;
    long header;        /* index of the header record in recs, -1 if none */
    size_t width;       /* widest row so far: what a headerless block must fit */
} pending_table;

typedef struct {
    report *r;
    const char *path;
    char *para;         /* paragraph being collected, raw lines joined */
    size_t para_len, para_cap;
    int para_line;
    bool formula;       /* the paragraph is a $$ formula */
    char *heading;
    int heading_line;
    record_list block;  /* table block being collected */
    bool in_block;
    pending_table *tables;
    size_t ntables, tables_cap;
    /* a run of lines that look like table rows but have no TAB (see unread_line) */
    int unread_first;   /* line of its first row, 0 when none open */
    int unread_rows;
    int unread_gap;     /* other non-blank lines since its last row */
    bool can_continue;  /* only blank lines and page furniture since the last table block */
    char *caption;      /* a "Tabel 3.1 ..." line waiting for its table, NULL if none */
    int caption_line;
    int caption_extra;  /* lines appended to it */
} doc_state;

static bool is_blank_char(const char *p, size_t *n)
{
    if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\v' || *p == '\f') {
        *n = 1;
        return true;
    }
    if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) {
        *n = 2;
        return true;
    }
    return false;
}

static const char *skip_blanks(const char *s)
{
    size_t n;
    while (is_blank_char(s, &n)) s += n;
    return s;
}

static bool is_blank_line(const char *s)
{
    return *skip_blanks(s) == '\0';
}

/* Length of s without trailing blanks. */
static size_t trimmed_len(const char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
                     (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xA0)))
        n -= (unsigned char)s[n - 1] == 0xA0 ? 2 : 1;
    return n;
}

/* "---", "***", "___" (a page or section break of the conversion). */
static bool is_rule_line(const char *s)
{
    s = skip_blanks(s);
    char c = *s;
    size_t count = 0;
    if (c != '-' && c != '*' && c != '_') return false;
    for (; *s; s++) {
        if (*s == c) count++;
        else if (*s != ' ') return false;
    }
    return count >= 3;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* "- x", "* x", "+ x", "1. x", "1) x", "a. x", "(1) x". */
static bool is_list_item(const char *s)
{
    s = skip_blanks(s);
    if ((*s == '-' || *s == '*' || *s == '+') && s[1] == ' ') return true;
    const char *p = s;
    bool paren = *p == '(';
    if (paren) p++;
    if (is_digit(*p)) {
        while (is_digit(*p)) p++;
    } else if (is_alpha(*p)) {
        p++;
    } else {
        return false;
    }
    if (paren ? *p != ')' : (*p != '.' && *p != ')')) return false;
    return p[1] == ' ';
}

/* Heading text of a "#" line or of a line wholly in bold, as a new string;
 * NULL when the line is not a heading. */
static char *heading_text(const char *s)
{
    s = skip_blanks(s);
    size_t n = trimmed_len(s);
    if (*s == '#') {
        size_t level = 0;
        while (s[level] == '#') level++;
        if (level > 6 || (s[level] != ' ' && s[level] != '\0')) return NULL;
        char *raw = xstrndup(s + level, n - level);
        size_t k = strlen(raw);
        while (k > 0 && (raw[k - 1] == '#' || raw[k - 1] == ' ')) raw[--k] = '\0';
        char *text = build_clean_text(raw);
        free(raw);
        return text;
    }
    if (n > 4 && strncmp(s, "**", 2) == 0 && strncmp(s + n - 2, "**", 2) == 0) {
        char *inner = xstrndup(s + 2, n - 4);
        if (strstr(inner, "**")) {      /* "**a** and **b**" is emphasis in a sentence */
            free(inner);
            return NULL;
        }
        char *text = build_clean_text(inner);
        free(inner);
        return text;
    }
    return NULL;
}

/* ---- paragraphs ---- */

static void para_append(doc_state *d, const char *line, int lineno)
{
    size_t n = strlen(line);
    if (!d->para) d->para_line = lineno;
    grow_array((void **)&d->para, &d->para_cap, d->para_len + n + 2, 1);
    if (d->para_len) d->para[d->para_len++] = ' ';
    memcpy(d->para + d->para_len, line, n);
    d->para_len += n;
    d->para[d->para_len] = '\0';
}

/* Paragraph text: emphasis (*, **, <b>) stripped unless it is a formula,
 * blanks collapsed, a leading list bullet removed. */
static char *clean_paragraph(const char *raw, bool formula)
{
    char *tmp = xstrdup(raw);
    if (!formula) {
        char *w = tmp;
        for (const char *p = raw; *p; p++)
            if (*p != '*') *w++ = *p;
        *w = '\0';
    }
    char *text = formula ? NULL : build_clean_text(tmp);
    if (formula) {
        /* keep the LaTeX as written, blanks collapsed */
        text = xmalloc(strlen(tmp) + 1);
        size_t o = 0;
        bool space = false;
        for (const char *p = skip_blanks(tmp); *p; p++) {
            if (*p == ' ' || *p == '\t') {
                space = true;
                continue;
            }
            if (space && o) text[o++] = ' ';
            space = false;
            text[o++] = *p;
        }
        text[o] = '\0';
    }
    free(tmp);
    if (!formula && (text[0] == '-' || text[0] == '+') && text[1] == ' ')
        memmove(text, text + 2, strlen(text + 2) + 1);
    return text;
}

static void flush_paragraph(doc_state *d)
{
    if (!d->para) return;
    char *text = clean_paragraph(d->para, d->formula);
    if (text[0]) report_add_paragraph(d->r, d->path, d->para_line, text, d->heading ? d->heading : "");
    free(text);
    free(d->para);
    d->para = NULL;
    d->para_len = d->para_cap = 0;
    d->formula = false;
}

/* ---- table blocks ---- */

/* A Markdown pipe-table row: "| a | b |" (at least two cells). */
static bool is_pipe_row(const char *line)
{
    const char *s = skip_blanks(line);
    if (*s != '|') return false;
    size_t bars = 0;
    for (; *s; s++) bars += *s == '|';
    return bars >= 3;
}

/* The cells of a pipe row, outer bars dropped: "| a | b |" -> "a", "b". */
static void split_pipe(const char *line, char ***fields, size_t *n)
{
    const char *s = skip_blanks(line) + 1;
    size_t len = trimmed_len(s);
    if (len > 0 && s[len - 1] == '|') len--;
    char *inner = xstrndup(s, len);
    size_t count = 1;
    for (const char *p = inner; *p; p++) count += *p == '|';
    char **f = xmalloc(count * sizeof *f);
    size_t i = 0;
    const char *start = inner;
    for (const char *p = inner;; p++) {
        if (*p == '|' || *p == '\0') {
            const char *a = skip_blanks(start);
            size_t k = (size_t)(p - a);
            while (k > 0 && (a[k - 1] == ' ' || a[k - 1] == '\t')) k--;
            f[i++] = xstrndup(a, k);
            start = p + 1;
            if (*p == '\0') break;
        }
    }
    free(inner);
    *fields = f;
    *n = count;
}

static void split_fields(const char *line, char ***fields, size_t *n)
{
    if (is_pipe_row(line)) {
        split_pipe(line, fields, n);
        return;
    }
    size_t count = 1;
    for (const char *p = line; *p; p++) count += *p == '\t';
    char **f = xmalloc(count * sizeof *f);
    size_t i = 0;
    const char *start = line;
    for (const char *p = line;; p++) {
        if (*p == '\t' || *p == '\0') {
            f[i++] = xstrndup(start, (size_t)(p - start));
            start = p + 1;
            if (*p == '\0') break;
        }
    }
    *fields = f;
    *n = count;
}

static size_t list_width(const record_list *l, size_t from)
{
    size_t w = 0;
    for (size_t i = from; i < l->count; i++)
        if (record_width(&l->items[i]) > w) w = record_width(&l->items[i]);
    return w;
}

static bool all_blank(const record_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        if (!record_is_blank(&l->items[i])) return false;
    return true;
}

/* Ends the current block: continues the last table or starts a new one. */
static void end_block(doc_state *d)
{
    if (!d->in_block) return;
    d->in_block = false;
    if (all_blank(&d->block)) {     /* rule lines only: a page break mark */
        record_list_free(&d->block);
        return;
    }
    long h = build_find_header(&d->block);
    pending_table *last = d->ntables ? &d->tables[d->ntables - 1] : NULL;
    if (last && d->can_continue) {
        bool same = h >= 0 && last->header >= 0 &&
                    build_same_header(&d->block.items[h], &last->recs.items[last->header]);
        bool fits = h < 0 && list_width(&d->block, 0) <= last->width;
        if (same || fits) {
            /* rows above a repeated header are the page's repeated titles */
            size_t from = same ? (size_t)h : 0;
            size_t w = list_width(&d->block, from);
            if (w > last->width) last->width = w;
            record_list_move(&last->recs, &d->block, from);
            d->can_continue = true;
            return;
        }
    }
    grow_array((void **)&d->tables, &d->tables_cap, d->ntables + 1, sizeof *d->tables);
    pending_table *t = &d->tables[d->ntables++];
    memset(t, 0, sizeof *t);
    t->header = h;
    t->width = list_width(&d->block, 0);
    if (h >= 0 && d->block.items[h].nfields > t->width) t->width = d->block.items[h].nfields;
    if (d->caption) {           /* "Tabel 3.1 ..." right above the block */
        t->caption = d->caption;
        t->caption_line = d->caption_line;
        d->caption = NULL;
    } else {
        t->caption = d->heading ? xstrdup(d->heading) : NULL;
        t->caption_line = d->heading_line;
    }
    record_list_move(&t->recs, &d->block, 0);
    d->can_continue = true;
}

static void table_line(doc_state *d, const char *line, int lineno)
{
    char **fields;
    size_t n;
    split_fields(line, &fields, &n);
    record rec = { lineno, n, fields, false, false };
    d->in_block = true;
    if (record_is_separator(&rec)) {
        /* dropped, but the block stays open: the rule sits between two
         * parts of one table */
        for (size_t i = 0; i < n; i++) free(fields[i]);
        free(fields);
        return;
    }
    record_list_push(&d->block, lineno, fields, n);
}

/* Page furniture between two parts of a table: a page number ("38",
 * "- 38 -", "Halaman 38", "hal. 38", "III-8", "III − 8") or a continuation
 * note ("Lanjutan Tabel 3.1", "(lanjutan)"). It neither ends the table nor
 * makes a paragraph. */
static bool is_page_furniture(const char *s, size_t n)
{
    char buf[64];
    if (n == 0 || n >= sizeof buf) return false;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) buf[k++] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] - 'A' + 'a' : s[i]);
    buf[k] = '\0';
    if (strstr(buf, "lanjutan tabel") || (strstr(buf, "tabel") && strstr(buf, "(lanjutan)")) ||
        strcmp(buf, "(lanjutan)") == 0 || strcmp(buf, "lanjutan") == 0)
        return true;
    const char *p = buf;
    if (strncmp(p, "halaman ", 8) == 0) p += 8;
    else if (strncmp(p, "hal. ", 5) == 0) p += 5;
    else if (strncmp(p, "hal ", 4) == 0) p += 4;
    else {
        while (*p == 'i' || *p == 'v' || *p == 'x') p++;           /* roman chapter */
        if (p > buf) {
            while (*p == ' ') p++;
            if (*p == '-') p++;
            else if (strncmp(p, "\xE2\x88\x92", 3) == 0 || strncmp(p, "\xE2\x80\x93", 3) == 0) p += 3;
            else return false;
            while (*p == ' ') p++;
        } else if (*p == '-') {
            p++;
            while (*p == ' ') p++;
        }
    }
    size_t digits = 0;
    while (is_digit(*p)) p++, digits++;
    while (*p == ' ') p++;
    if (*p == '-') p++;
    return digits >= 1 && digits <= 4 && *p == '\0';
}

/* "Tabel 3.1 ...", "Tabel IV.1 ...", "Tabel. 2", "Table 6": a caption line.
 * So is a caption without a number, "Tabel Capaian Kinerja Program" — a
 * capital after "Tabel", a line short enough for a title and not ending
 * like a sentence ("Tabel berikut menunjukkan ..." is prose). */
static bool is_caption_line(const char *s)
{
    if (strncmp(s, "Tabel", 5) != 0 && strncmp(s, "TABEL", 5) != 0 && strncmp(s, "Table", 5) != 0) return false;
    const char *p = s + 5;
    if (*p == '.') p++;
    if (*p != ' ' && *p != '\0') return false;
    while (*p == ' ') p++;
    if (*p == '\0' || is_digit(*p) || *p == 'I' || *p == 'V' || *p == 'X') return true;
    size_t n = trimmed_len(s);
    return *p >= 'A' && *p <= 'Z' && n <= TITLE_LINE_MAX && s[n - 1] != '.' && s[n - 1] != ',';
}

static void text_line(doc_state *d, const char *line, int lineno)
{
    end_block(d);
    if (is_blank_line(line) || is_rule_line(line)) {
        if (!d->formula) flush_paragraph(d);
        return;
    }
    const char *s = skip_blanks(line);
    size_t n = trimmed_len(s);
    if (!d->formula && is_page_furniture(s, n)) {
        flush_paragraph(d);
        return;
    }
    d->can_continue = false;    /* text between two blocks: separate tables */

    /* A caption line names the next table; a line or two after it belong
     * to it ("Tabel." / "Perkembangan Capaian ..."), a third is prose. */
    if (!d->formula && is_caption_line(s)) {
        flush_paragraph(d);
        free(d->caption);
        d->caption = build_clean_text(s);
        d->caption_line = lineno;
        d->caption_extra = 0;
        return;
    }
    if (d->caption && !d->formula && n <= TITLE_LINE_MAX && d->caption_extra < 2 && !is_list_item(s)) {
        char *more = build_clean_text(s);
        size_t a = strlen(d->caption), k = strlen(more);
        d->caption = xrealloc(d->caption, a + k + 2);
        d->caption[a] = ' ';
        memcpy(d->caption + a + 1, more, k + 1);
        free(more);
        d->caption_extra++;
        return;
    }
    free(d->caption);
    d->caption = NULL;

    if (d->formula) {           /* inside a formula spread over lines */
        para_append(d, s, lineno);
        if (n >= 2 && strncmp(s + n - 2, "$$", 2) == 0) flush_paragraph(d);
        return;
    }
    char *heading = heading_text(s);
    if (heading) {
        flush_paragraph(d);
        free(d->caption);
        d->caption = NULL;
        free(d->heading);
        d->heading = heading;
        d->heading_line = lineno;
        return;
    }
    if (strncmp(s, "$$", 2) == 0) {
        flush_paragraph(d);
        d->formula = true;
        para_append(d, s, lineno);
        if (n >= 4 && strncmp(s + n - 2, "$$", 2) == 0) flush_paragraph(d);
        return;
    }
    if (is_list_item(s)) flush_paragraph(d);
    char *copy = xstrndup(s, n);
    para_append(d, copy, lineno);
    free(copy);
}

/* ---- blocks that look like tables but are not read ---- */

/* Rows of a table written without TAB or pipes (those are read): columns
 * aligned with runs of spaces (pdftotext -layout) holding at least three
 * numbers that make at least half of its fields besides a row number and a
 * label ("n/a" and "-" aside). Justified prose has double spaces too, but
 * mostly words between them. */
#define UNREAD_MAX_GAP 4    /* label lines wrapped between two rows */

static bool aligned_row(const char *s)
{
    size_t fields = 0, numbers = 0;
    s = skip_blanks(s);
    while (*s) {
        const char *end = s;
        while (*end && !(end[0] == ' ' && end[1] == ' ')) end++;
        number num;
        number_parse(s, (size_t)(end - s), NUMBER_STYLE_ID, &num);
        fields += num.kind != NUMBER_MISSING;   /* "n/a", "-" go with either */
        numbers += num.kind == NUMBER_VALUE;
        s = skip_blanks(end);
    }
    return numbers >= 3 && numbers * 2 + 2 >= fields;    /* + a row number and a label */
}

/* Ends the run of aligned rows: two or more are a block not read. */
static void unread_end(doc_state *d)
{
    if (d->unread_first && d->unread_rows >= 2)
        coverage_note_unread(report_coverage(d->r), UNREAD_BLOCK, d->path, d->unread_first,
                             "columns aligned with spaces; tables are read when their cells are separated by TAB or |",
                             "kolom dirapikan dengan spasi; tabel dibaca bila selnya dipisah TAB atau |");
    d->unread_first = d->unread_rows = d->unread_gap = 0;
}

/* Called for every line that is not a table row. */
static void unread_line(doc_state *d, const char *line, int lineno)
{
    if (is_blank_line(line)) return;
    if (!aligned_row(line)) {
        if (d->unread_first && ++d->unread_gap > UNREAD_MAX_GAP) unread_end(d);
        return;
    }
    if (!d->unread_first) d->unread_first = lineno;
    d->unread_rows++;
    d->unread_gap = 0;
}

/* ---- title page ---- */

static bool contains_ci(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (; *s; s++) {
        size_t i = 0;
        while (i < n && s[i] && (s[i] | 0x20) == w[i]) i++;
        if (i == n) return true;
    }
    return false;
}

/* Year after "tahun" (any case) in s, and where "tahun" starts; 0 if none. */
static int tahun_year(const char *s, const char **at)
{
    for (const char *p = s; *p; p++) {
        if (strncmp(p, "tahun", 5) != 0 && strncmp(p, "TAHUN", 5) != 0 && strncmp(p, "Tahun", 5) != 0) continue;
        if (p > s && is_alpha(p[-1])) continue;
        const char *q = p + 5;
        if (*q != ' ') continue;
        while (*q == ' ') q++;
        if (!is_digit(q[0]) || !is_digit(q[1]) || !is_digit(q[2]) || !is_digit(q[3]) || is_digit(q[4])) continue;
        int y = (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0');
        if (!year_in_range(y)) continue;
        if (at) *at = p;
        return y;
    }
    return 0;
}

static bool is_title_words(const char *s)
{
    static const char *const words[] = { "laporan", "akuntabilitas", "kinerja", "lakip", "lkjip", "lkip", "instansi pemerintah" };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (contains_ci(s, words[i])) return true;
    return false;
}

/* A line a title page can hold: short, and not a sentence ("... yang
 * dilaksanakan pada tahun 2015." is a paragraph, not a cover). */
static bool is_title_line(const char *s)
{
    size_t n = strlen(s);
    if (n > TITLE_LINE_MAX) return false;
    if (n > 0 && s[n - 1] == '.' && strchr(s, ' ') && n > 40) return false;
    return strstr(s, ". ") == NULL || n <= 40;
}

/* The line is only a year: "TAHUN 2019", "2019". */
static bool is_year_only(const char *s)
{
    const char *at;
    if (tahun_year(s, &at) && at == s && strlen(s) <= 10) return true;
    return strlen(s) == 4 && is_digit(s[0]) && is_digit(s[3]);
}

/* Reads the title page: the first line with "TAHUN <year>" and the agency
 * named between the report title and that year ("LAPORAN ... (LAKIP)",
 * then "DINAS ... KABUPATEN BANGKA SELATAN", then "TAHUN 2019"). */
static void read_title_page(doc_state *d, char **lines, size_t nlines)
{
    size_t end = nlines < TITLE_PAGE_LINES ? nlines : TITLE_PAGE_LINES;
    int year = 0, year_line = 0, agency_line = 0;
    bool seen_title = false, started = false, done = false;
    char *agency = xstrdup("");
    for (size_t i = 0; i < end && !done; i++) {
        const char *raw = skip_blanks(lines[i]);
        if (*raw == '#' || is_rule_line(raw) || strchr(raw, '\t')) break;
        char *s = build_clean_text(raw);
        if (!year) {
            year = tahun_year(s, NULL);
            if (year) year_line = (int)i + 1;
        }
        if (!s[0]) {
            if (started) done = true;
        } else if (!is_title_line(s)) {
            /* a sentence is not a title page: no agency from it */
            if (started) agency[0] = '\0';
            done = started || seen_title;
            if (!done) {
                free(s);
                continue;
            }
        } else if (!started) {
            if (is_title_words(s) || (seen_title && (is_year_only(s) || s[0] == '('))) {
                seen_title = true;
            } else if (seen_title) {
                started = true;
                agency_line = (int)i + 1;
            }
        } else if (is_year_only(s) || is_title_words(s)) {
            done = true;
        }
        if (started && !done) {
            const char *at;
            if (tahun_year(s, &at)) {   /* "... KABUPATEN X TAHUN 2019": the year ends the name */
                *(char *)at = '\0';
                done = true;
            }
            size_t a = strlen(agency), k = strlen(s);
            agency = xrealloc(agency, a + k + 2);
            if (a && k) agency[a++] = ' ';
            memcpy(agency + a, s, k + 1);
        }
        free(s);
    }
    char *clean = build_clean_text(agency);
    size_t k = strlen(clean);
    while (k > 0 && (clean[k - 1] == ',' || clean[k - 1] == ' ')) clean[--k] = '\0';
    if (year || clean[0]) report_note_title_page(d->r, d->path, year, year_line, clean[0] ? clean : NULL, agency_line);
    free(clean);
    free(agency);
}

/* ---- loading ---- */

int doc_parse(report *r, const char *path, char **lines, size_t nlines, load_error *err)
{
    doc_state d = { .r = r, .path = path };
    read_title_page(&d, lines, nlines);
    for (size_t i = 0; i < nlines; i++) {
        int lineno = (int)i + 1;
        size_t used;
        if (strchr(lines[i], '\t') || is_pipe_row(lines[i])) {
            unread_end(&d);
            flush_paragraph(&d);
            table_line(&d, lines[i], lineno);
        } else if (!d.formula && !d.in_block && (used = cell_lines_table(lines, i, nlines, &d.block)) > 0) {
            /* one cell per line, the column-number row giving the width */
            unread_end(&d);
            flush_paragraph(&d);
            d.in_block = true;
            end_block(&d);
            i += used - 1;
        } else {
            unread_line(&d, lines[i], lineno);
            text_line(&d, lines[i], lineno);
        }
    }
    unread_end(&d);
    end_block(&d);
    flush_paragraph(&d);

    /* one number style for the whole document */
    enum style_choice choice = report_style_choice(r);
    long evidence = 0;
    for (size_t i = 0; i < d.ntables; i++) {
        /* the header end_block found, not looked for again (recognising
         * the texts of a table's first rows is most of the search): it is
         * build_find_header of the table's records. A header stands, as
         * the blocks joined to its table came after it; a table without
         * one is joined only by blocks without one (end_block), each of
         * whose first BUILD_HEADER_SEARCH non-blank records was found no
         * header, and the table's first ones are among those */
        const pending_table *p = &d.tables[i];
        evidence += records_style_evidence_under(&p->recs, p->header);
    }
    enum number_style style = choice == STYLE_FORCE_EN ? NUMBER_STYLE_EN
                            : choice == STYLE_FORCE_ID ? NUMBER_STYLE_ID
                            : evidence < 0 ? NUMBER_STYLE_EN : NUMBER_STYLE_ID;
    int rc = 0;
    for (size_t i = 0; i < d.ntables && rc == 0; i++) rc = records_check_cells(&d.tables[i].recs, path, err);
    for (size_t i = 0; i < d.ntables; i++) {
        pending_table *p = &d.tables[i];
        if (rc < 0) {
            record_list_free(&p->recs);
            free(p->caption);
            continue;
        }
        build_options o = { .file = path, .style = style, .style_forced = choice != STYLE_AUTO, .strict = false,
                            .caption = p->caption, .caption_line = p->caption_line, .header_known = true,
                            .header = p->header };
        load_error ignored;
        table *t = table_build(&p->recs, &o, &ignored);
        if (t) report_add_table(r, t);
        record_list_free(&p->recs);
        free(p->caption);
    }
    free(d.tables);
    record_list_free(&d.block);
    free(d.heading);
    free(d.caption);
    return rc;
}

int doc_load(report *r, const char *path, load_error *err)
{
    char *data;
    size_t len;
    const char *encoding;
    bool assumed;
    if (read_text(path, &data, &len, &encoding, &assumed, err) < 0) return -1;
    int rc = doc_load_text(r, path, data, err);
    free(data);
    if (rc == 0) coverage_note_file(report_coverage(r), path, encoding, assumed);
    return rc;
}

int doc_load_text(report *r, const char *path, char *s, load_error *err)
{
    /* split into lines in place; CRLF and lone CR end lines too */
    size_t nlines = 0, cap = 0;
    char **lines = NULL;
    for (char *p = s; *p || p == s; ) {
        grow_array((void **)&lines, &cap, nlines + 1, sizeof *lines);
        lines[nlines++] = p;
        char *q = p + strcspn(p, "\r\n");
        if (*q == '\0') break;
        char *next = q + (q[0] == '\r' && q[1] == '\n' ? 2 : 1);
        *q = '\0';
        p = next;
        if (*p == '\0') break;
    }

    int rc = doc_parse(r, path, lines, nlines, err);
    free(lines);
    return rc;
}
