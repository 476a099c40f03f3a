/*
 * json.c — JSON string escaping for the writers (see json.h). Control
 * characters become \uXXXX; UTF-8 passes through (inputs are validated as
 * UTF-8 when loaded).
 */
#include "util/json.h"

void json_string(FILE *out, const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    putc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (*p < 0x20) fprintf(out, "\\u%04x", *p);
            else putc(*p, out);
        }
    }
    putc('"', out);
}

void json_key(FILE *out, const char *key)
{
    json_string(out, key);
    putc(':', out);
}

void json_kv_string(FILE *out, const char *key, const char *value, int comma)
{
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
