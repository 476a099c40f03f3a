/*
 * json.h — the few pieces of JSON writing the report writers share:
 * string escaping and key/value helpers. Writing only; reading is
 * json_read.h.
 */
#ifndef LAKIP_JSON_H
#define LAKIP_JSON_H

#include <stdio.h>

void json_string(FILE *out, const char *s);                 /* "..." with escapes; null for NULL */
void json_key(FILE *out, const char *key);                  /* "key": */
void json_kv_string(FILE *out, const char *key, const char *value, int comma);
void json_kv_int(FILE *out, const char *key, long long value, int comma);
/* The start every document lakip-audit writes shares:
 * {"schema":N,"tool":{"name":"lakip-audit","version":"..."}, */
void json_document_start(FILE *out, int schema, const char *version);

#endif
