/*
 * json.c — JSON string escaping for the writers (see json.h). Control
 * characters become \uXXXX; UTF-8 passes through (inputs are validated as
 * UTF-8 when loaded).
 */
#include "util/json.h"

#include <stdbool.h>
#include <string.h>

/* Bytes a JSON string cannot hold as they are: control characters, the
 * quote and the backslash; and the NUL that ends a C string. */
static const bool needs_escape[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
    [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1, [0x0f] = 1,
    [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
    [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1,
    ['"'] = 1, ['\\'] = 1,
};

/* Appends s quoted to buf[*n..cap) when it needs no escape (no control
 * character, quote or backslash) and fits: what json_string writes for
 * it. false (buf unchanged) otherwise. */
static bool add_plain(char *buf, size_t cap, size_t *n, const char *s)
{
    size_t k = *n;
    if (k + 2 > cap) return false;
    buf[k++] = '"';
    /* copied as scanned, one test per byte: the NUL, a control character,
     * a quote and a backslash all stop the scan (a finding's pairs are
     * most of a JSON report's bytes) */
    const unsigned char *p = (const unsigned char *)s;
    size_t room = cap - 1 - k;                      /* for the closing quote */
    size_t i = 0;
    while (i < room && !needs_escape[p[i]]) {
        buf[k + i] = (char)p[i];
        i++;
    }
    if (p[i] != '\0') return false;               /* an escape, or no room */
    k += i;
    buf[k++] = '"';
    *n = k;
    return true;
}

void json_string(FILE *out, const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    putc('"', out);
    const unsigned char *run = (const unsigned char *)s;
    for (const unsigned char *p = run; *p; p++) {
        if (*p >= 0x20 && *p != '"' && *p != '\\') continue;
        /* what needs no escape is written in runs, not a character at a time */
        fwrite(run, 1, (size_t)(p - run), out);
        run = p + 1;
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default: fprintf(out, "\\u%04x", *p);
        }
    }
    fwrite(run, 1, strlen((const char *)run), out);
    putc('"', out);
}

void json_key(FILE *out, const char *key)
{
    json_string(out, key);
    putc(':', out);
}

void json_kv_string(FILE *out, const char *key, const char *value, int comma)
{
    /* the usual pair, plain and short, in one write: a finding writes
     * some twenty-five of them */
    char buf[512];
    size_t n = 0;
    if (value && add_plain(buf, sizeof buf - 2, &n, key)) {
        buf[n++] = ':';
        if (add_plain(buf, sizeof buf - 1, &n, value)) {
            if (comma) buf[n++] = ',';
            fwrite(buf, 1, n, out);
            return;
        }
    }
    json_key(out, key);
    json_string(out, value);
    if (comma) putc(',', out);
}

void json_kv_int(FILE *out, const char *key, long long value, int comma)
{
    json_key(out, key);
    fprintf(out, "%lld", value);
    if (comma) putc(',', out);
}

void json_document_start(FILE *out, int schema, const char *version)
{
    fputs("{", out);
    json_kv_int(out, "schema", schema, 1);
    json_key(out, "tool");
    fputs("{", out);
    json_kv_string(out, "name", "lakip-audit", 1);
    json_kv_string(out, "version", version, 0);
    fputs("},", out);
}
