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
 * Reading uses a small strict JSON reader of its own (RFC 8259: no
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
#include "util/utf8.h"
#include "util/util.h"

#define MAX_DEPTH 64

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
    fputs("{", out);
    json_kv_int(out, "schema", BASELINE_SCHEMA, 1);
    json_key(out, "tool");
    fputs("{", out);
    json_kv_string(out, "name", "lakip-audit", 1);
    json_kv_string(out, "version", version, 0);
    fputs("},", out);
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
/* a strict JSON reader, just enough for this file                     */

typedef struct {
    const char *p, *end;
    int line;
    const char *name;
    char *err;
    size_t errlen;
} reader;

/* Fills the error as "NAME:LINE: message" and returns -1. */
static int fail_at(reader *r, int line, const char *fmt, ...)
{
    int n = snprintf(r->err, r->errlen, "%s:%d: ", r->name, line);
    if (n < 0 || (size_t)n >= r->errlen) return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err + n, r->errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

static void skip_space(reader *r)
{
    for (; r->p < r->end; r->p++) {
        if (*r->p == '\n') r->line++;
        else if (*r->p != ' ' && *r->p != '\t' && *r->p != '\r') break;
    }
}

/* The next character as a phrase for messages: "'x'" or "end of file". */
static const char *found(reader *r, char buf[16])
{
    if (r->p >= r->end) return "end of file";
    unsigned char c = (unsigned char)*r->p;
    if (c < 0x20 || c >= 0x7f) snprintf(buf, 16, "byte 0x%02x", c);
    else snprintf(buf, 16, "'%c'", c);
    return buf;
}

/* Moves past c (after white space), or fails naming what was expected. */
static int expect(reader *r, char c, const char *what)
{
    char buf[16];
    skip_space(r);
    if (r->p < r->end && *r->p == c) {
        r->p++;
        return 0;
    }
    return fail_at(r, r->line, "expected %s, found %s", what, found(r, buf));
}

static int hex4(const char *p, const char *end, unsigned *out)
{
    if (end - p < 4) return -1;
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

typedef struct {
    char *s;
    size_t len, cap;
} buffer;

static void put(buffer *b, const char *s, size_t n)
{
    grow_array((void **)&b->s, &b->cap, b->len + n + 1, 1);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void put_code_point(buffer *b, unsigned cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) { u[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { u[0] = (char)(0xC0 | cp >> 6); u[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
    else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12); u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18); u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        u[2] = (char)(0x80 | (cp >> 6 & 0x3F)); u[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
    }
    put(b, u, n);
}

/* Reads the escape after a backslash (r->p is past it) into b. */
static int read_escape(reader *r, buffer *b)
{
    if (r->p >= r->end) return fail_at(r, r->line, "unterminated string");
    char e = *r->p++;
    static const char escapes[] = "\"\\/bfnrt", decoded[] = "\"\\/\b\f\n\r\t";
    const char *simple = e ? strchr(escapes, e) : NULL;
    if (simple) {
        put(b, &decoded[simple - escapes], 1);
        return 0;
    }
    if (e != 'u') return fail_at(r, r->line, "unknown escape '\\%c' in a string", e);
    unsigned cp, lo;
    if (hex4(r->p, r->end, &cp) < 0) return fail_at(r, r->line, "'\\u' must be followed by 4 hex digits");
    r->p += 4;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return fail_at(r, r->line, "unpaired surrogate \\u%04x in a string", cp);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u' || hex4(r->p + 2, r->end, &lo) < 0
            || lo < 0xDC00 || lo > 0xDFFF)
            return fail_at(r, r->line, "unpaired surrogate \\u%04x in a string", cp);
        r->p += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    if (cp == 0) return fail_at(r, r->line, "'\\u0000' is not allowed in a string");
    put_code_point(b, cp);
    return 0;
}

/* Reads a string (r->p at the opening quote) into a new *out. */
static int read_string(reader *r, char **out)
{
    buffer b = { xcalloc(1, 1), 0, 1 };
    r->p++;
    for (;;) {
        if (r->p >= r->end) goto unterminated;
        unsigned char c = (unsigned char)*r->p;
        if (c == '"') break;
        if (c == '\n') goto unterminated;
        if (c < 0x20) {
            free(b.s);
            return fail_at(r, r->line, "control character 0x%02x in a string (write it as \\u%04x)", c, c);
        }
        if (c == '\\') {
            r->p++;
            if (read_escape(r, &b) < 0) {
                free(b.s);
                return -1;
            }
            continue;
        }
        const char *run = r->p;
        while (r->p < r->end && *r->p != '"' && *r->p != '\\' && (unsigned char)*r->p >= 0x20) r->p++;
        put(&b, run, (size_t)(r->p - run));
    }
    r->p++;
    *out = b.s;
    return 0;
unterminated:
    free(b.s);
    return fail_at(r, r->line, "unterminated string (a line break inside a string must be written \\n)");
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Reads a number (RFC 8259 grammar). *integral tells whether it has no
 * fraction or exponent; *value is then its value, LLONG_MAX when larger. */
static int read_number(reader *r, int *integral, long long *value)
{
    const char *p = r->p;
    int negative = 0;
    long long v = 0;
    if (*p == '-') {
        negative = 1;
        p++;
    }
    if (p >= r->end || !is_digit(*p)) goto bad;
    if (*p == '0' && p + 1 < r->end && is_digit(p[1])) goto bad;
    for (; p < r->end && is_digit(*p); p++)
        v = v > (LLONG_MAX - 9) / 10 ? LLONG_MAX : v * 10 + (*p - '0');
    *integral = 1;
    if (p < r->end && *p == '.') {
        p++;
        if (p >= r->end || !is_digit(*p)) goto bad;
        while (p < r->end && is_digit(*p)) p++;
        *integral = 0;
    }
    if (p < r->end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < r->end && (*p == '+' || *p == '-')) p++;
        if (p >= r->end || !is_digit(*p)) goto bad;
        while (p < r->end && is_digit(*p)) p++;
        *integral = 0;
    }
    if (p < r->end && (is_digit(*p) || *p == '.' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) goto bad;
    r->p = p;
    *value = negative ? -v : v;
    return 0;
bad:
    return fail_at(r, r->line, "invalid number");
}

/* True when the text at r->p is the literal word. */
static int at_word(reader *r, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0) return 0;
    char next = r->p + n < r->end ? r->p[n] : ' ';
    return !((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || is_digit(next));
}

typedef int (*member_fn)(reader *r, const char *key, void *ctx, int depth);
typedef int (*element_fn)(reader *r, size_t index, void *ctx, int depth);

static int skip_value(reader *r, int depth);

/* Reads an object (r->p at '{'), calling member at each value. */
static int read_object(reader *r, int depth, member_fn member, void *ctx)
{
    char buf[16];
    if (depth > MAX_DEPTH) return fail_at(r, r->line, "nesting deeper than %d levels", MAX_DEPTH);
    r->p++;
    skip_space(r);
    if (r->p < r->end && *r->p == '}') {
        r->p++;
        return 0;
    }
    for (;;) {
        skip_space(r);
        if (r->p >= r->end || *r->p != '"')
            return fail_at(r, r->line, "expected a key in double quotes, found %s", found(r, buf));
        char *key;
        if (read_string(r, &key) < 0) return -1;
        int rc = expect(r, ':', "':' after the key");
        if (rc == 0) {
            skip_space(r);
            rc = member(r, key, ctx, depth + 1);
        }
        free(key);
        if (rc < 0) return -1;
        skip_space(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        if (r->p < r->end && *r->p == '}') {
            r->p++;
            return 0;
        }
        return fail_at(r, r->line, "expected ',' or '}' after a value, found %s", found(r, buf));
    }
}

/* Reads an array (r->p at '['), calling element at each value. */
static int read_array(reader *r, int depth, element_fn element, void *ctx)
{
    char buf[16];
    if (depth > MAX_DEPTH) return fail_at(r, r->line, "nesting deeper than %d levels", MAX_DEPTH);
    r->p++;
    skip_space(r);
    if (r->p < r->end && *r->p == ']') {
        r->p++;
        return 0;
    }
    for (size_t i = 0;; i++) {
        skip_space(r);
        if (element(r, i, ctx, depth + 1) < 0) return -1;
        skip_space(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        if (r->p < r->end && *r->p == ']') {
            r->p++;
            return 0;
        }
        return fail_at(r, r->line, "expected ',' or ']' after a value, found %s", found(r, buf));
    }
}

static int skip_member(reader *r, const char *key, void *ctx, int depth)
{
    (void)key, (void)ctx;
    return skip_value(r, depth);
}

static int skip_element(reader *r, size_t index, void *ctx, int depth)
{
    (void)index, (void)ctx;
    return skip_value(r, depth);
}

/* Checks and skips any value at r->p. */
static int skip_value(reader *r, int depth)
{
    char buf[16];
    skip_space(r);
    if (r->p >= r->end) return fail_at(r, r->line, "expected a value, found end of file");
    char c = *r->p;
    if (c == '{') return read_object(r, depth, skip_member, NULL);
    if (c == '[') return read_array(r, depth, skip_element, NULL);
    if (c == '"') {
        char *s;
        if (read_string(r, &s) < 0) return -1;
        free(s);
        return 0;
    }
    if (c == '-' || is_digit(c)) {
        int integral;
        long long v;
        return read_number(r, &integral, &v);
    }
    static const char *const words[] = { "true", "false", "null" };
    for (int i = 0; i < 3; i++)
        if (at_word(r, words[i])) {
            r->p += strlen(words[i]);
            return 0;
        }
    return fail_at(r, r->line, "expected a value, found %s", found(r, buf));
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

static int read_entry_member(reader *r, const char *key, void *ctx, int depth)
{
    entry_state *st = ctx;
    size_t k = 0;
    while (k < N_ENTRY_KEYS && strcmp(entry_keys[k].key, key) != 0) k++;
    if (k == N_ENTRY_KEYS) return skip_value(r, depth);      /* a reviewer's own note */
    if (st->seen & 1u << k)
        return fail_at(r, r->line, "finding %zu: \"%s\" is given twice", st->number, key);
    st->seen |= 1u << k;
    char *slot = (char *)st->e + entry_keys[k].offset;
    if (entry_keys[k].kind == V_COUNT) {
        int integral;
        long long v;
        if (r->p < r->end && (*r->p == '-' || is_digit(*r->p))) {
            if (read_number(r, &integral, &v) < 0) return -1;
            if (integral && v >= 0 && v <= INT_MAX) {
                *(int *)(void *)slot = (int)v;
                return 0;
            }
        }
        return fail_at(r, r->line, "finding %zu: \"%s\" must be a non-negative integer", st->number, key);
    }
    if (entry_keys[k].kind == V_STRING_OR_NULL && at_word(r, "null")) {
        r->p += 4;
        return 0;
    }
    if (r->p >= r->end || *r->p != '"')
        return fail_at(r, r->line, "finding %zu: \"%s\" must be a string%s", st->number, key,
                       entry_keys[k].kind == V_STRING_OR_NULL ? " or null" : "");
    return read_string(r, (char **)(void *)slot);
}

static int valid_fingerprint(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!is_digit(s[n]) && !(s[n] >= 'a' && s[n] <= 'f')) return 0;
    return n == 16;
}

static void entry_clear(baseline_entry *e)
{
    for (size_t k = 0; k < N_ENTRY_KEYS; k++)
        if (entry_keys[k].kind != V_COUNT) free(*(char **)(void *)((char *)e + entry_keys[k].offset));
}

static int read_entry(reader *r, size_t index, void *ctx, int depth)
{
    char buf[16];
    baseline *b = ctx;
    if (r->p >= r->end || *r->p != '{')
        return fail_at(r, r->line, "finding %zu: expected an object, found %s", index + 1, found(r, buf));
    grow_array((void **)&b->entries, &b->cap, b->count + 1, sizeof(baseline_entry));
    baseline_entry *e = &b->entries[b->count++];
    memset(e, 0, sizeof *e);
    e->source_line = r->line;
    entry_state st = { b, e, index + 1, 0 };
    if (read_object(r, depth, read_entry_member, &st) < 0) return -1;
    enum severity sev;
    if (!e->fingerprint)
        return fail_at(r, e->source_line, "finding %zu: \"fingerprint\" is missing", st.number);
    if (!valid_fingerprint(e->fingerprint))
        return fail_at(r, e->source_line, "finding %zu: \"fingerprint\" must be 16 lowercase hex digits, got \"%s\"",
                       st.number, e->fingerprint);
    if (!e->rule || !*e->rule)
        return fail_at(r, e->source_line, "finding %zu: \"rule\" is missing", st.number);
    if (e->severity && severity_from_name(e->severity, &sev) < 0)
        return fail_at(r, e->source_line, "finding %zu: \"severity\" must be error, warning or info, got \"%s\"",
                       st.number, e->severity);
    if (!e->justification) e->justification = xstrdup("");
    return 0;
}

enum { TOP_SCHEMA = 1, TOP_TOOL = 2, TOP_FINDINGS = 4 };

typedef struct {
    baseline *b;
    unsigned seen;
} top_state;

static int read_top_member(reader *r, const char *key, void *ctx, int depth)
{
    char buf[16];
    top_state *st = ctx;
    unsigned bit = strcmp(key, "schema") == 0 ? TOP_SCHEMA : strcmp(key, "tool") == 0 ? TOP_TOOL
                 : strcmp(key, "findings") == 0 ? TOP_FINDINGS : 0;
    if (!bit) return skip_value(r, depth);
    if (st->seen & bit) return fail_at(r, r->line, "\"%s\" is given twice", key);
    st->seen |= bit;
    if (bit == TOP_SCHEMA) {
        int integral = 0;
        long long v = 0;
        if (r->p < r->end && (*r->p == '-' || is_digit(*r->p)) && read_number(r, &integral, &v) < 0) return -1;
        if (!integral) return fail_at(r, r->line, "\"schema\" must be an integer");
        if (v != BASELINE_SCHEMA)
            return fail_at(r, r->line, "baseline schema %lld is not supported (this lakip-audit reads schema %d)",
                           v, BASELINE_SCHEMA);
        return 0;
    }
    if (bit == TOP_TOOL) {
        if (r->p >= r->end || *r->p != '{') return fail_at(r, r->line, "\"tool\" must be an object, found %s", found(r, buf));
        return skip_value(r, depth);
    }
    if (r->p >= r->end || *r->p != '[') return fail_at(r, r->line, "\"findings\" must be an array, found %s", found(r, buf));
    return read_array(r, depth, read_entry, st->b);
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
static int index_entries(baseline *b, reader *r)
{
    b->by_fingerprint = xcalloc(b->count, sizeof(baseline_entry *));
    b->matched = xcalloc(b->count, 1);
    b->stale = xcalloc(b->count, sizeof(size_t));
    for (size_t i = 0; i < b->count; i++) b->by_fingerprint[i] = &b->entries[i];
    sort_items(b->by_fingerprint, b->count, sizeof(baseline_entry *), compare_by_fingerprint);
    for (size_t i = 1; i < b->count; i++) {
        const baseline_entry *first = b->by_fingerprint[i - 1], *again = b->by_fingerprint[i];
        if (strcmp(first->fingerprint, again->fingerprint) == 0)
            return fail_at(r, again->source_line, "fingerprint %s is listed twice (first on line %d)",
                           again->fingerprint, first->source_line);
    }
    rebuild_stale(b);
    return 0;
}

baseline *baseline_parse(const char *text, size_t len, const char *name, char *err, size_t errlen)
{
    char buf[16];
    reader r = { text, text + len, 1, name, err, errlen };
    baseline *b = xcalloc(1, sizeof(baseline));
    b->path = xstrdup(name);
    size_t off;
    const char *bad = utf8_check_text(text, len, &off);
    if (bad) {
        fail_at(&r, utf8_line_of(text, off), "%s", bad);
        goto fail;
    }
    r.p += utf8_bom_len(text, len);
    skip_space(&r);
    if (r.p >= r.end || *r.p != '{') {
        fail_at(&r, r.line, "expected '{' at the start of a baseline, found %s", found(&r, buf));
        goto fail;
    }
    int top_line = r.line;
    top_state st = { b, 0 };
    if (read_object(&r, 0, read_top_member, &st) < 0) goto fail;
    skip_space(&r);
    if (r.p < r.end) {
        fail_at(&r, r.line, "unexpected %s after the end of the baseline", found(&r, buf));
        goto fail;
    }
    if (!(st.seen & TOP_SCHEMA)) {
        fail_at(&r, top_line, "not a lakip-audit baseline: \"schema\" is missing");
        goto fail;
    }
    if (!(st.seen & TOP_FINDINGS)) {
        fail_at(&r, top_line, "not a lakip-audit baseline: \"findings\" is missing");
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
    rebuild_stale(b);
    return accepted;
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
