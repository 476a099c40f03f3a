/*
 * json.c — JSON string escaping for the writers (see json.h). Control
 * characters become \uXXXX; UTF-8 passes through (inputs are validated as
 * UTF-8 when loaded).
 */
#include "util/json.h"

#include <stdbool.h>
#include <string.h>

/* Appends s quoted to buf[*n..cap) when it needs no escape (no control
 * character, quote or backslash) and fits: what json_string writes for
 * it. false (buf unchanged) otherwise. */
static bool add_plain(char *buf, size_t cap, size_t *n, const char *s)
{
    size_t k = *n;
    if (k + 2 > cap) return false;
    buf[k++] = '"';
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == '"' || *p == '\\' || k + 2 > cap) return false;
        buf[k++] = (char)*p;
    }
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
