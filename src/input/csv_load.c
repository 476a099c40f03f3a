/*
 * csv_load.c — spreadsheet exports (see csv_load.h).
 *
 * libcsv does the quoting. It does not report positions, so the text is
 * fed to it one physical line at a time: the line on which a record starts
 * is the first non-blank line fed while no record is open, and a record
 * closes when libcsv calls the end-of-record callback. That keeps line
 * numbers right after a quoted field that spans lines.
 *
 * Uses libcsv (csv.h), table_build.h for the row rules, read_text.h for
 * the file as UTF-8 text, report.h to hand over the table.
 */
#include "input/csv_load.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include "input/read_text.h"
#include "input/table_build.h"
#include "util/util.h"

#define DETECT_RECORDS 30

static const char candidates[3] = { ';', '\t', ',' };

/* Most frequent non-zero value of v[0..n) and how often it occurs. */
static size_t mode_of(const size_t *v, size_t n, size_t *freq)
{
    size_t best = 0, best_freq = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] == 0) continue;
        size_t f = 0;
        for (size_t j = 0; j < n; j++) f += v[j] == v[i];
        if (f > best_freq || (f == best_freq && v[i] > best)) best = v[i], best_freq = f;
    }
    *freq = best_freq;
    return best;
}

char csv_detect_delimiter(const char *s, size_t len)
{
    return csv_detect_delimiter_n(s, len, NULL);
}

char csv_detect_delimiter_n(const char *s, size_t len, size_t *records)
{
    size_t counts[3][DETECT_RECORDS] = { { 0 } }, cur[3] = { 0 }, nrec = 0;
    bool quoted = false, content = false;
    for (size_t i = 0; i <= len && nrec < DETECT_RECORDS; i++) {
        char c = i < len ? s[i] : '\n';
        if (c == '"') {
            quoted = !quoted;   /* a doubled quote toggles twice */
            content = true;
        } else if (!quoted && (c == '\n' || c == '\r')) {
            if (content) {
                for (int k = 0; k < 3; k++) counts[k][nrec] = cur[k];
                nrec++;
            }
            memset(cur, 0, sizeof cur);
            content = false;
        } else if (!quoted) {
            for (int k = 0; k < 3; k++) cur[k] += c == candidates[k];
            if (c != ' ') content = true;
        }
    }
    if (records) *records = nrec;
    int best = 0;
    size_t best_freq = 0, best_mode = 0;
    for (int k = 0; k < 3; k++) {
        size_t freq, mode = mode_of(counts[k], nrec, &freq);
        if (freq > best_freq || (freq == best_freq && mode > best_mode)) {
            best = k;
            best_freq = freq;
            best_mode = mode;
        }
    }
    return candidates[best];
}

typedef struct {
    record_list *out;
    char **fields;
    size_t nfields, cap;
    int line;           /* where the open record started */
    bool open;
} csv_state;

static void on_field(void *data, size_t len, void *ctx)
{
    csv_state *st = ctx;
    grow_array((void **)&st->fields, &st->cap, st->nfields + 1, sizeof *st->fields);
    st->fields[st->nfields++] = xstrndup(data ? data : "", data ? len : 0);
}

static void on_record(int c, void *ctx)
{
    (void)c;
    csv_state *st = ctx;
    record_list_push(st->out, st->line, st->fields, st->nfields);
    st->fields = NULL;
    st->nfields = st->cap = 0;
    st->open = false;
}

bool csv_line_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\r' && s[i] != '\n') return false;
    return true;
}

int csv_is_space(unsigned char c)
{
    return c == CSV_BLANK_BYTE;
}

/* Mirrors libcsv's lenient rules (a quote opens a field only at its start,
 * blanks aside; "" inside is a literal quote), because libcsv reports an
 * open quote at the end only in its strict mode, which would also refuse a
 * stray quote inside an unquoted cell. */
void csv_quote_scan_feed(csv_quote_scan *q, const char *s, size_t len, char delim)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= len || s[i + 1] != '\n'))) q->line++;
        if (q->quoted) {
            if (c == '"') {
                if (i + 1 < len && s[i + 1] == '"') i++;
                else q->quoted = false;
            }
            continue;
        }
        if (c == '"' && q->start) {
            q->quoted = true;
            q->open_line = q->line;
        } else if (c == delim || c == '\n' || c == '\r') {
            q->start = true;
            continue;
        } else if (c == ' ') {
            continue;
        }
        q->start = false;
    }
}

void csv_quote_scan_plain_line(csv_quote_scan *q)
{
    q->line++;
    q->start = true;
}

/* Line where a quoted field opens and never closes, 0 if none. */
static int unclosed_quote_line(const char *s, size_t len, char delim)
{
    csv_quote_scan q = CSV_QUOTE_SCAN_INIT;
    csv_quote_scan_feed(&q, s, len, delim);
    return q.quoted ? q.open_line : 0;
}

/* Splits s[0..len) into records. Returns 0 or -1 with *err filled. */
static int read_records(const char *s, size_t len, char delim, const char *file, record_list *out, load_error *err)
{
    int open_quote = unclosed_quote_line(s, len, delim);
    if (open_quote) {
        load_error_set(err, file, open_quote, "quoted field not closed: a '\"' is missing");
        return -1;
    }
    struct csv_parser p;
    if (csv_init(&p, CSV_APPEND_NULL) != 0) {
        load_error_set(err, file, 0, "cannot start the CSV parser");
        return -1;
    }
    csv_set_delim(&p, (unsigned char)delim);
    csv_set_space_func(&p, csv_is_space);
    csv_state st = { .out = out };
    int line = 1, rc = 0;
    for (size_t pos = 0; pos < len; line++) {
        size_t end = pos;
        while (end < len && s[end] != '\n' && s[end] != '\r') end++;
        if (end < len) end += s[end] == '\r' && end + 1 < len && s[end + 1] == '\n' ? 2 : 1;
        if (!st.open && !csv_line_blank(s + pos, end - pos)) {
            st.open = true;
            st.line = line;
        }
        if (csv_parse(&p, s + pos, end - pos, on_field, on_record, &st) != end - pos) {
            load_error_set(err, file, line, "cannot parse: %s", csv_strerror(csv_error(&p)));
            rc = -1;
            break;
        }
        pos = end;
    }
    if (rc == 0) csv_fini(&p, on_field, on_record, &st);
    for (size_t i = 0; i < st.nfields; i++) free(st.fields[i]);
    free(st.fields);
    csv_free(&p);
    return rc;
}

int csv_load(report *r, const char *path, load_error *err)
{
    return csv_load_styled(r, path, report_style_choice(r), err);
}

int csv_load_styled(report *r, const char *path, enum style_choice choice, load_error *err)
{
    /* set by read_text when it succeeds; given a value for the compiler,
     * which sees read_text whole at the link and cannot tell */
    char *data = NULL;
    size_t n = 0;
    const char *encoding;
    bool assumed;
    if (read_text(path, &data, &n, &encoding, &assumed, err) < 0) return -1;
    const char *s = data;
    record_list recs = { 0 };
    int rc = read_records(s, n, csv_detect_delimiter(s, n), path, &recs, err);
    if (rc == 0) rc = records_check_cells(&recs, path, err);
    free(data);
    if (rc < 0) {
        record_list_free(&recs);
        return -1;
    }

    /* the header looked for once: the vote and the build both need it */
    build_options o = { .file = path, .strict = true, .caption = path_basename(path), .header_known = true,
                        .header = build_find_header(&recs) };
    if (choice == STYLE_FORCE_EN) o.style = NUMBER_STYLE_EN;
    else if (choice == STYLE_FORCE_ID) o.style = NUMBER_STYLE_ID;
    else o.style = records_style_evidence_under(&recs, o.header) < 0 ? NUMBER_STYLE_EN : NUMBER_STYLE_ID;
    o.style_forced = choice != STYLE_AUTO;

    table *t = table_build(&recs, &o, err);
    record_list_free(&recs);
    if (!t) return -1;
    report_add_table(r, t);
    coverage_note_file(report_coverage(r), path, encoding, assumed);
    return 0;
}
