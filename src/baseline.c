/*
 * baseline.c — writing, reading and applying the baseline of accepted
 * findings (see baseline.h). The file, one finding per line:
 *
 *   {"schema":1,"tool":{"name":"lakip-audit","version":"v0.3"},"findings":[
 *   {"fingerprint":"3b3b5bc35a15de5e","rule":"capaian.truncated","severity":"info",
 *    "file":"data/pppa.csv","table":"Urusan PPPA","indicator":"...","reported":"76,56%",
 *    "expected":"76,57%","line":4,"message":"...","justification":""},
 *   ...
 *   ]}
 *
 * Only "fingerprint" is used for matching; "rule" is required too so that
 * stale entries can be reported; the rest is there for the reviewer and for
 * those reports. Strings may be null; "line" is a non-negative integer.
 *
 * Reading uses the strict JSON reader of util/json_read.c (RFC 8259: no
 * comments, no trailing commas, escapes and UTF-8 checked, nesting
 * bounded): the file is edited by hand, and a typo must be reported with
 * its line rather than half-read. Known keys are type-checked; unknown keys
 * are skipped, so reviewers may add notes of their own ("reviewer",
 * "date", ...). Uses json.c for writing and utf8.c for reading the file.
 */
#include "baseline.h"

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util/input_file.h"
#include "util/json.h"
#include "util/json_read.h"
#include "util/utf8.h"
#include "util/util.h"

struct baseline {
    char *path;
    baseline_entry *entries;
    size_t count, cap;
    baseline_entry **by_fingerprint;    /* sorted by fingerprint */
    unsigned char *matched;
    size_t *stale;              /* indices of unmatched entries, file order */
    size_t nstale;
};

/* ------------------------------------------------------------------ */
/* writing                                                             */

static void write_entry(FILE *out, const finding *f, const catalog *c, enum lang lang)
{
    const char *why = finding_get(f, "justification");
    fputs("{", out);
    json_kv_string(out, "fingerprint", f->fingerprint, 1);
    json_kv_string(out, "rule", f->rule, 1);
    json_kv_string(out, "severity", severity_name(f->severity), 1);
    json_kv_string(out, "file", f->file, 1);
    json_kv_string(out, "table", f->table, 1);
    json_kv_string(out, "indicator", f->indicator, 1);
    json_kv_string(out, "reported", finding_get(f, "reported"), 1);
    json_kv_string(out, "expected", finding_get(f, "expected"), 1);
    json_kv_int(out, "line", f->line, 1);
    char *msg = finding_message(f, c, lang);
    json_kv_string(out, "message", msg, 1);
    free(msg);
    json_kv_string(out, "justification", why ? why : "", 0);
    fputs("}", out);
}

int baseline_write(FILE *out, const finding_list *l, const catalog *c, enum lang lang,
                   const char *version)
{
    json_document_start(out, BASELINE_SCHEMA, version);
    json_key(out, "findings");
    fputs("[\n", out);
    size_t n = finding_count(l);
    for (size_t i = 0; i < n; i++) {
        write_entry(out, finding_at(l, i), c, lang);
        fputs(i + 1 < n ? ",\n" : "\n", out);
    }
    fputs("]}\n", out);
    return ferror(out) ? -1 : 0;
}

int baseline_output(FILE *out, const audit *a)
{
    return baseline_write(out, a->findings, a->cat, a->lang, a->version);
}

/* ------------------------------------------------------------------ */
/* the baseline's own structure                                        */

enum value_kind { V_STRING, V_STRING_OR_NULL, V_COUNT };

static const struct {
    const char *key;
    enum value_kind kind;
    size_t offset;
} entry_keys[] = {
    { "fingerprint", V_STRING, offsetof(baseline_entry, fingerprint) },
    { "rule", V_STRING, offsetof(baseline_entry, rule) },
    { "severity", V_STRING, offsetof(baseline_entry, severity) },
    { "file", V_STRING_OR_NULL, offsetof(baseline_entry, file) },
    { "table", V_STRING_OR_NULL, offsetof(baseline_entry, table) },
    { "indicator", V_STRING_OR_NULL, offsetof(baseline_entry, indicator) },
    { "reported", V_STRING_OR_NULL, offsetof(baseline_entry, reported) },
    { "expected", V_STRING_OR_NULL, offsetof(baseline_entry, expected) },
    { "message", V_STRING_OR_NULL, offsetof(baseline_entry, message) },
    { "justification", V_STRING_OR_NULL, offsetof(baseline_entry, justification) },
    { "line", V_COUNT, offsetof(baseline_entry, line) },
};
#define N_ENTRY_KEYS (sizeof entry_keys / sizeof entry_keys[0])

typedef struct {
    baseline *b;
    baseline_entry *e;
    size_t number;              /* 1-based, for messages */
    unsigned seen;              /* bit per entry_keys[] */
} entry_state;

static int read_entry_member(json_reader *r, const char *key, void *ctx, int depth)
{
    entry_state *st = ctx;
    size_t k = 0;
    while (k < N_ENTRY_KEYS && strcmp(entry_keys[k].key, key) != 0) k++;
    if (k == N_ENTRY_KEYS) return json_skip_value(r, depth);      /* a reviewer's own note */
    if (st->seen & 1u << k)
        return json_fail(r, r->line, "finding %zu: \"%s\" is given twice", st->number, key);
    st->seen |= 1u << k;
    char *slot = (char *)st->e + entry_keys[k].offset;
    if (entry_keys[k].kind == V_COUNT) {
        int integral;
        long long v;
        if (r->p < r->end && (*r->p == '-' || json_is_digit(*r->p))) {
            if (json_read_number(r, &integral, &v) < 0) return -1;
            if (integral && v >= 0 && v <= INT_MAX) {
                *(int *)(void *)slot = (int)v;
                return 0;
            }
        }
        return json_fail(r, r->line, "finding %zu: \"%s\" must be a non-negative integer", st->number, key);
    }
    if (entry_keys[k].kind == V_STRING_OR_NULL && json_at_word(r, "null")) {
        r->p += 4;
        return 0;
    }
    if (r->p >= r->end || *r->p != '"')
        return json_fail(r, r->line, "finding %zu: \"%s\" must be a string%s", st->number, key,
                       entry_keys[k].kind == V_STRING_OR_NULL ? " or null" : "");
    return json_read_string(r, (char **)(void *)slot);
}

static int valid_fingerprint(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!json_is_digit(s[n]) && !(s[n] >= 'a' && s[n] <= 'f')) return 0;
    return n == 16;
}

static void entry_clear(baseline_entry *e)
{
    for (size_t k = 0; k < N_ENTRY_KEYS; k++)
        if (entry_keys[k].kind != V_COUNT) free(*(char **)(void *)((char *)e + entry_keys[k].offset));
}

static int read_entry(json_reader *r, size_t index, void *ctx, int depth)
{
    char buf[16];
    baseline *b = ctx;
    if (r->p >= r->end || *r->p != '{')
        return json_fail(r, r->line, "finding %zu: expected an object, found %s", index + 1, json_found(r, buf));
    grow_array((void **)&b->entries, &b->cap, b->count + 1, sizeof(baseline_entry));
    baseline_entry *e = &b->entries[b->count++];
    memset(e, 0, sizeof *e);
    e->source_line = r->line;
    entry_state st = { b, e, index + 1, 0 };
    if (json_read_object(r, depth, read_entry_member, &st) < 0) return -1;
    enum severity sev;
    if (!e->fingerprint)
        return json_fail(r, e->source_line, "finding %zu: \"fingerprint\" is missing", st.number);
    if (!valid_fingerprint(e->fingerprint))
        return json_fail(r, e->source_line, "finding %zu: \"fingerprint\" must be 16 lowercase hex digits, got \"%s\"",
                       st.number, e->fingerprint);
    if (!e->rule || !*e->rule)
        return json_fail(r, e->source_line, "finding %zu: \"rule\" is missing", st.number);
    if (e->severity && severity_from_name(e->severity, &sev) < 0)
        return json_fail(r, e->source_line, "finding %zu: \"severity\" must be error, warning or info, got \"%s\"",
                       st.number, e->severity);
    if (!e->justification) e->justification = xstrdup("");
    return 0;
}

enum { TOP_SCHEMA = 1, TOP_TOOL = 2, TOP_FINDINGS = 4 };

typedef struct {
    baseline *b;
    unsigned seen;
} top_state;

static int read_top_member(json_reader *r, const char *key, void *ctx, int depth)
{
    char buf[16];
    top_state *st = ctx;
    unsigned bit = strcmp(key, "schema") == 0 ? TOP_SCHEMA : strcmp(key, "tool") == 0 ? TOP_TOOL
                 : strcmp(key, "findings") == 0 ? TOP_FINDINGS : 0;
    if (!bit) return json_skip_value(r, depth);
    if (st->seen & bit) return json_fail(r, r->line, "\"%s\" is given twice", key);
    st->seen |= bit;
    if (bit == TOP_SCHEMA) {
        int integral = 0;
        long long v = 0;
        if (r->p < r->end && (*r->p == '-' || json_is_digit(*r->p)) && json_read_number(r, &integral, &v) < 0) return -1;
        if (!integral) return json_fail(r, r->line, "\"schema\" must be an integer");
        if (v != BASELINE_SCHEMA)
            return json_fail(r, r->line, "baseline schema %lld is not supported (this lakip-audit reads schema %d)",
                           v, BASELINE_SCHEMA);
        return 0;
    }
    if (bit == TOP_TOOL) {
        if (r->p >= r->end || *r->p != '{') return json_fail(r, r->line, "\"tool\" must be an object, found %s", json_found(r, buf));
        return json_skip_value(r, depth);
    }
    if (r->p >= r->end || *r->p != '[') return json_fail(r, r->line, "\"findings\" must be an array, found %s", json_found(r, buf));
    return json_read_array(r, depth, read_entry, st->b);
}

/* Orders entry pointers by fingerprint, then by position in the file. */
static int compare_by_fingerprint(const void *pa, const void *pb)
{
    const baseline_entry *a = *(const baseline_entry *const *)pa, *b = *(const baseline_entry *const *)pb;
    int c = strcmp(a->fingerprint, b->fingerprint);
    if (c) return c;
    return (a > b) - (a < b);
}

static void rebuild_stale(baseline *b)
{
    b->nstale = 0;
    for (size_t i = 0; i < b->count; i++)
        if (!b->matched[i]) b->stale[b->nstale++] = i;
}

/* Sorts the fingerprint index; fails on a fingerprint listed twice. */
static int index_entries(baseline *b, json_reader *r)
{
    b->by_fingerprint = xcalloc(b->count, sizeof(baseline_entry *));
    b->matched = xcalloc(b->count, 1);
    b->stale = xcalloc(b->count, sizeof(size_t));
    for (size_t i = 0; i < b->count; i++) b->by_fingerprint[i] = &b->entries[i];
    sort_items(b->by_fingerprint, b->count, sizeof(baseline_entry *), compare_by_fingerprint);
    for (size_t i = 1; i < b->count; i++) {
        const baseline_entry *first = b->by_fingerprint[i - 1], *again = b->by_fingerprint[i];
        if (strcmp(first->fingerprint, again->fingerprint) == 0)
            return json_fail(r, again->source_line, "fingerprint %s is listed twice (first on line %d)",
                           again->fingerprint, first->source_line);
    }
    rebuild_stale(b);
    return 0;
}

baseline *baseline_parse(const char *text, size_t len, const char *name, char *err, size_t errlen)
{
    char buf[16];
    json_reader r = { text, text + len, 1, name, err, errlen };
    baseline *b = xcalloc(1, sizeof(baseline));
    b->path = xstrdup(name);
    size_t off;
    const char *bad = utf8_check_text(text, len, &off);
    if (bad) {
        json_fail(&r, utf8_line_of(text, off), "%s", bad);
        goto fail;
    }
    r.p += utf8_bom_len(text, len);
    json_skip_space(&r);
    if (r.p >= r.end || *r.p != '{') {
        json_fail(&r, r.line, "expected '{' at the start of a baseline, found %s", json_found(&r, buf));
        goto fail;
    }
    int top_line = r.line;
    top_state st = { b, 0 };
    if (json_read_object(&r, 0, read_top_member, &st) < 0) goto fail;
    json_skip_space(&r);
    if (r.p < r.end) {
        json_fail(&r, r.line, "unexpected %s after the end of the baseline", json_found(&r, buf));
        goto fail;
    }
    if (!(st.seen & TOP_SCHEMA)) {
        json_fail(&r, top_line, "not a lakip-audit baseline: \"schema\" is missing");
        goto fail;
    }
    if (!(st.seen & TOP_FINDINGS)) {
        json_fail(&r, top_line, "not a lakip-audit baseline: \"findings\" is missing");
        goto fail;
    }
    if (index_entries(b, &r) < 0) goto fail;
    return b;
fail:
    baseline_free(b);
    return NULL;
}

baseline *baseline_load(const char *path, char *err, size_t errlen)
{
    char *text;
    size_t len;
    int e = utf8_read_file(path, &text, &len);
    if (e) {
        snprintf(err, errlen, "%s: cannot read: %s", path, input_error_text(e));
        return NULL;
    }
    baseline *b = baseline_parse(text, len, path, err, errlen);
    free(text);
    return b;
}

void baseline_free(baseline *b)
{
    if (!b) return;
    for (size_t i = 0; i < b->count; i++) entry_clear(&b->entries[i]);
    free(b->entries);
    free(b->by_fingerprint);
    free(b->matched);
    free(b->stale);
    free(b->path);
    free(b);
}

size_t baseline_count(const baseline *b) { return b->count; }

const baseline_entry *baseline_at(const baseline *b, size_t i) { return i < b->count ? &b->entries[i] : NULL; }

const char *baseline_path(const baseline *b) { return b->path; }

/* ------------------------------------------------------------------ */
/* applying                                                            */

/* The entry with this fingerprint, or NULL. */
static baseline_entry *find_fingerprint(const baseline *b, const char *fp)
{
    size_t lo = 0, hi = b->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(b->by_fingerprint[mid]->fingerprint, fp);
        if (c == 0) return b->by_fingerprint[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

size_t baseline_apply(baseline *b, finding_list *l)
{
    size_t accepted = baseline_match(b, l);
    rebuild_stale(b);
    return accepted;
}

size_t baseline_match(baseline *b, finding_list *l)
{
    size_t accepted = 0;
    for (size_t i = 0; i < finding_count(l); i++) {
        finding *f = finding_at(l, i);
        if (!f->fingerprint[0]) continue;
        const baseline_entry *e = find_fingerprint(b, f->fingerprint);
        if (!e) continue;
        f->accepted = 1;
        b->matched[e - b->entries] = 1;
        if (*e->justification) finding_set(f, "justification", e->justification);
        accepted++;
    }
    return accepted;
}

void baseline_forget_matches(baseline *b)
{
    memset(b->matched, 0, b->count);
    rebuild_stale(b);
}

size_t baseline_stale_count(const baseline *b) { return b->nstale; }

const baseline_entry *baseline_stale_at(const baseline *b, size_t i)
{
    return i < b->nstale ? &b->entries[b->stale[i]] : NULL;
}

void baseline_write_stale(FILE *out, const baseline *b)
{
    for (size_t i = 0; i < b->nstale; i++) {
        const baseline_entry *e = &b->entries[b->stale[i]];
        fprintf(out, "lakip-audit: %s:%d: stale baseline entry %s: %s", b->path, e->source_line,
                e->fingerprint, e->rule);
        if (e->file && e->line) fprintf(out, " at %s:%d", e->file, e->line);
        else if (e->file) fprintf(out, " in %s", e->file);
        if (e->table) fprintf(out, ", table \"%s\"", e->table);
        if (e->indicator) fprintf(out, ", indicator \"%s\"", e->indicator);
        if (e->reported) fprintf(out, ", reported %s", e->reported);
        fputs(": no finding matches it any more (fixed, or a number changed)\n", out);
    }
}
