/*
 * json_read.c — the strict JSON reader (see json_read.h): the streaming
 * calls, and json_parse building a tree on top of them.
 */
#include "util/json_read.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

/* ------------------------------------------------------------------ */

/* Fills the error as "NAME:LINE: message" and returns -1. */
int json_fail(json_reader *r, int line, const char *fmt, ...)
{
    int n = snprintf(r->err, r->errlen, "%s:%d: ", r->name, line);
    if (n < 0 || (size_t)n >= r->errlen) return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err + n, r->errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

void json_skip_space(json_reader *r)
{
    for (; r->p < r->end; r->p++) {
        if (*r->p == '\n') r->line++;
        else if (*r->p != ' ' && *r->p != '\t' && *r->p != '\r') break;
    }
}

/* The next character as a phrase for messages: "'x'" or "end of file". */
const char *json_found(json_reader *r, char buf[16])
{
    if (r->p >= r->end) return "end of file";
    unsigned char c = (unsigned char)*r->p;
    if (c < 0x20 || c >= 0x7f) snprintf(buf, 16, "byte 0x%02x", c);
    else snprintf(buf, 16, "'%c'", c);
    return buf;
}

/* Moves past c (after white space), or fails naming what was expected. */
int json_expect(json_reader *r, char c, const char *what)
{
    char buf[16];
    json_skip_space(r);
    if (r->p < r->end && *r->p == c) {
        r->p++;
        return 0;
    }
    return json_fail(r, r->line, "expected %s, found %s", what, json_found(r, buf));
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
static int read_escape(json_reader *r, buffer *b)
{
    if (r->p >= r->end) return json_fail(r, r->line, "unterminated string");
    char e = *r->p++;
    static const char escapes[] = "\"\\/bfnrt", decoded[] = "\"\\/\b\f\n\r\t";
    const char *simple = e ? strchr(escapes, e) : NULL;
    if (simple) {
        put(b, &decoded[simple - escapes], 1);
        return 0;
    }
    if (e != 'u') return json_fail(r, r->line, "unknown escape '\\%c' in a string", e);
    unsigned cp, lo;
    if (hex4(r->p, r->end, &cp) < 0) return json_fail(r, r->line, "'\\u' must be followed by 4 hex digits");
    r->p += 4;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return json_fail(r, r->line, "unpaired surrogate \\u%04x in a string", cp);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u' || hex4(r->p + 2, r->end, &lo) < 0
            || lo < 0xDC00 || lo > 0xDFFF)
            return json_fail(r, r->line, "unpaired surrogate \\u%04x in a string", cp);
        r->p += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    if (cp == 0) return json_fail(r, r->line, "'\\u0000' is not allowed in a string");
    put_code_point(b, cp);
    return 0;
}

/* Reads a string (r->p at the opening quote) into a new *out. */
int json_read_string(json_reader *r, char **out)
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
            return json_fail(r, r->line, "control character 0x%02x in a string (write it as \\u%04x)", c, c);
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
    return json_fail(r, r->line, "unterminated string (a line break inside a string must be written \\n)");
}

int json_is_digit(char c) { return c >= '0' && c <= '9'; }

/* Reads a number (RFC 8259 grammar). *integral tells whether it has no
 * fraction or exponent; *value is then its value, LLONG_MAX when larger. */
int json_read_number(json_reader *r, int *integral, long long *value)
{
    const char *p = r->p;
    int negative = 0;
    long long v = 0;
    if (*p == '-') {
        negative = 1;
        p++;
    }
    if (p >= r->end || !json_is_digit(*p)) goto bad;
    if (*p == '0' && p + 1 < r->end && json_is_digit(p[1])) goto bad;
    for (; p < r->end && json_is_digit(*p); p++)
        v = v > (LLONG_MAX - 9) / 10 ? LLONG_MAX : v * 10 + (*p - '0');
    *integral = 1;
    if (p < r->end && *p == '.') {
        p++;
        if (p >= r->end || !json_is_digit(*p)) goto bad;
        while (p < r->end && json_is_digit(*p)) p++;
        *integral = 0;
    }
    if (p < r->end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < r->end && (*p == '+' || *p == '-')) p++;
        if (p >= r->end || !json_is_digit(*p)) goto bad;
        while (p < r->end && json_is_digit(*p)) p++;
        *integral = 0;
    }
    if (p < r->end && (json_is_digit(*p) || *p == '.' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) goto bad;
    r->p = p;
    *value = negative ? -v : v;
    return 0;
bad:
    return json_fail(r, r->line, "invalid number");
}

/* True when the text at r->p is the literal word. */
int json_at_word(json_reader *r, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0) return 0;
    char next = r->p + n < r->end ? r->p[n] : ' ';
    return !((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || json_is_digit(next));
}


/* Reads an object (r->p at '{'), calling member at each value. */
int json_read_object(json_reader *r, int depth, json_member_fn member, void *ctx)
{
    char buf[16];
    if (depth > JSON_MAX_DEPTH) return json_fail(r, r->line, "nesting deeper than %d levels", JSON_MAX_DEPTH);
    r->p++;
    json_skip_space(r);
    if (r->p < r->end && *r->p == '}') {
        r->p++;
        return 0;
    }
    for (;;) {
        json_skip_space(r);
        if (r->p >= r->end || *r->p != '"')
            return json_fail(r, r->line, "expected a key in double quotes, found %s", json_found(r, buf));
        char *key;
        if (json_read_string(r, &key) < 0) return -1;
        int rc = json_expect(r, ':', "':' after the key");
        if (rc == 0) {
            json_skip_space(r);
            rc = member(r, key, ctx, depth + 1);
        }
        free(key);
        if (rc < 0) return -1;
        json_skip_space(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        if (r->p < r->end && *r->p == '}') {
            r->p++;
            return 0;
        }
        return json_fail(r, r->line, "expected ',' or '}' after a value, found %s", json_found(r, buf));
    }
}

/* Reads an array (r->p at '['), calling element at each value. */
int json_read_array(json_reader *r, int depth, json_element_fn element, void *ctx)
{
    char buf[16];
    if (depth > JSON_MAX_DEPTH) return json_fail(r, r->line, "nesting deeper than %d levels", JSON_MAX_DEPTH);
    r->p++;
    json_skip_space(r);
    if (r->p < r->end && *r->p == ']') {
        r->p++;
        return 0;
    }
    for (size_t i = 0;; i++) {
        json_skip_space(r);
        if (element(r, i, ctx, depth + 1) < 0) return -1;
        json_skip_space(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        if (r->p < r->end && *r->p == ']') {
            r->p++;
            return 0;
        }
        return json_fail(r, r->line, "expected ',' or ']' after a value, found %s", json_found(r, buf));
    }
}

static int skip_member(json_reader *r, const char *key, void *ctx, int depth)
{
    (void)key, (void)ctx;
    return json_skip_value(r, depth);
}

static int skip_element(json_reader *r, size_t index, void *ctx, int depth)
{
    (void)index, (void)ctx;
    return json_skip_value(r, depth);
}

/* Checks and skips any value at r->p. */
int json_skip_value(json_reader *r, int depth)
{
    char buf[16];
    json_skip_space(r);
    if (r->p >= r->end) return json_fail(r, r->line, "expected a value, found end of file");
    char c = *r->p;
    if (c == '{') return json_read_object(r, depth, skip_member, NULL);
    if (c == '[') return json_read_array(r, depth, skip_element, NULL);
    if (c == '"') {
        char *s;
        if (json_read_string(r, &s) < 0) return -1;
        free(s);
        return 0;
    }
    if (c == '-' || json_is_digit(c)) {
        int integral;
        long long v;
        return json_read_number(r, &integral, &v);
    }
    static const char *const words[] = { "true", "false", "null" };
    for (int i = 0; i < 3; i++)
        if (json_at_word(r, words[i])) {
            r->p += strlen(words[i]);
            return 0;
        }
    return json_fail(r, r->line, "expected a value, found %s", json_found(r, buf));
}

/* ---- the tree ------------------------------------------------------------ */

static json_value *new_value(enum json_type type, int line)
{
    json_value *v = xcalloc(1, sizeof *v);
    v->type = type;
    v->line = line;
    return v;
}

static void append(json_value *parent, char *key, json_value *child)
{
    if (parent->n == parent->cap) {
        parent->cap = parent->cap ? parent->cap * 2 : 8;
        parent->items = xrealloc(parent->items, parent->cap * sizeof *parent->items);
        if (parent->type == JSON_OBJECT) parent->keys = xrealloc(parent->keys, parent->cap * sizeof *parent->keys);
    }
    if (parent->type == JSON_OBJECT) parent->keys[parent->n] = key;
    parent->items[parent->n++] = child;
}

static int parse_value(json_reader *r, int depth, json_value **out);

static int tree_member(json_reader *r, const char *key, void *ctx, int depth)
{
    json_value *child;
    if (parse_value(r, depth, &child) < 0) return -1;
    append(ctx, xstrdup(key), child);
    return 0;
}

static int tree_element(json_reader *r, size_t index, void *ctx, int depth)
{
    (void)index;
    json_value *child;
    if (parse_value(r, depth, &child) < 0) return -1;
    append(ctx, NULL, child);
    return 0;
}

static int parse_value(json_reader *r, int depth, json_value **out)
{
    char buf[16];
    *out = NULL;
    json_skip_space(r);
    if (r->p >= r->end) return json_fail(r, r->line, "expected a value, found end of file");
    char c = *r->p;
    json_value *v;
    int rc = 0;
    if (c == '{' || c == '[') {
        v = new_value(c == '{' ? JSON_OBJECT : JSON_ARRAY, r->line);
        rc = c == '{' ? json_read_object(r, depth, tree_member, v) : json_read_array(r, depth, tree_element, v);
    } else if (c == '"') {
        v = new_value(JSON_STRING, r->line);
        rc = json_read_string(r, &v->string);
    } else if (c == '-' || json_is_digit(c)) {
        v = new_value(JSON_NUMBER, r->line);
        rc = json_read_number(r, &v->integral, &v->integer);
    } else if (json_at_word(r, "true") || json_at_word(r, "false")) {
        v = new_value(JSON_BOOL, r->line);
        v->boolean = *r->p == 't';
        r->p += v->boolean ? 4 : 5;
    } else if (json_at_word(r, "null")) {
        v = new_value(JSON_NULL, r->line);
        r->p += 4;
    } else {
        return json_fail(r, r->line, "expected a value, found %s", json_found(r, buf));
    }
    if (rc < 0) {
        json_free(v);
        return -1;
    }
    *out = v;
    return 0;
}

json_value *json_parse(const char *text, size_t len, const char *name, char *err, size_t errlen)
{
    char buf[16];
    json_reader r = { text, text + len, 1, name, err, errlen };
    json_value *v;
    if (parse_value(&r, 0, &v) < 0) return NULL;
    json_skip_space(&r);
    if (r.p < r.end) {
        json_fail(&r, r.line, "unexpected %s after the value", json_found(&r, buf));
        json_free(v);
        return NULL;
    }
    return v;
}

void json_free(json_value *v)
{
    if (!v) return;
    for (size_t i = 0; i < v->n; i++) {
        if (v->keys) free(v->keys[i]);
        json_free(v->items[i]);
    }
    free(v->keys);
    free(v->items);
    free(v->string);
    free(v);
}

const json_value *json_get(const json_value *v, const char *key)
{
    if (!v || v->type != JSON_OBJECT) return NULL;
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->keys[i], key) == 0) return v->items[i];
    return NULL;
}
