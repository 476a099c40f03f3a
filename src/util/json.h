/*
 * json.h — the few pieces of JSON writing the report writers share:
 * string escaping and key/value helpers. Writing only; reading is
 * json_read.h.
 */
#ifndef LAKIP_JSON_H
#define LAKIP_JSON_H

#include <stddef.h>
#include <stdio.h>

/* A piece of JSON built in memory (in `local` while it fits, then on the
 * heap), to be written with one fwrite. */
typedef struct {
    char *data;
    size_t len, cap;
    char *local;
    size_t local_size;          /* local's room, for json_buf_free to start again there */
} json_buf;

void json_buf_init(json_buf *b, char *local, size_t size);
void json_buf_free(json_buf *b);
void json_buf_put(json_buf *b, const char *s, size_t n);              /* as it is */
void json_buf_repeat(json_buf *b, size_t from, size_t n);             /* its own bytes [from, from + n) again */
void json_buf_string(json_buf *b, const char *s);                     /* "..." with escapes; null for NULL */
void json_buf_string_n(json_buf *b, const char *s, size_t n);         /* the same of n bytes (s not NULL) */
void json_buf_key(json_buf *b, const char *key);                      /* "key": */
void json_buf_kv_string(json_buf *b, const char *key, const char *value, int comma);
void json_buf_kv_int(json_buf *b, const char *key, long long value, int comma);
void json_buf_int(json_buf *b, long long value);                      /* as %lld */
/* Writes what b holds and empties it: 0, or -1 when fwrite fell short. */
int json_buf_write(json_buf *b, FILE *out);

/* The same, written to out at once. */
void json_string(FILE *out, const char *s);                 /* "..." with escapes; null for NULL */
void json_key(FILE *out, const char *key);                  /* "key": */
void json_kv_string(FILE *out, const char *key, const char *value, int comma);
void json_kv_int(FILE *out, const char *key, long long value, int comma);
/* The start every document lakip-audit writes shares:
 * {"schema":N,"tool":{"name":"lakip-audit","version":"..."}, */
void json_document_start(FILE *out, int schema, const char *version);

#endif
