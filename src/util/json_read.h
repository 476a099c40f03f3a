/*
 * json_read.h — a small strict JSON reader (RFC 8259: no comments, no
 * trailing commas, escapes and UTF-8 checked, nesting bounded), for files
 * people edit by hand or hand over between machines: an error names the
 * file and line rather than half-reading it.
 *
 * Two ways to use it: the streaming calls below (baseline.c reads its file
 * member by member with them), or json_parse, which builds a tree (the
 * JSON reports that `merge` reads).
 */
#ifndef LAKIP_JSON_READ_H
#define LAKIP_JSON_READ_H

#include <stddef.h>

#define JSON_MAX_DEPTH 64

typedef struct {
    const char *p, *end;
    int line;
    const char *name;       /* for messages: "NAME:LINE: ..." */
    char *err;
    size_t errlen;
} json_reader;

typedef int (*json_member_fn)(json_reader *r, const char *key, void *ctx, int depth);
typedef int (*json_element_fn)(json_reader *r, size_t index, void *ctx, int depth);

/* Fills the error as "NAME:LINE: message" and returns -1. */
int json_fail(json_reader *r, int line, const char *fmt, ...);
void json_skip_space(json_reader *r);
/* The next character as a phrase for messages: "'x'" or "end of file". */
const char *json_found(json_reader *r, char buf[16]);
/* Moves past c (after white space), or fails naming what was expected. */
int json_expect(json_reader *r, char c, const char *what);
int json_is_digit(char c);
/* A string (r->p at the opening quote) into a new *out. */
int json_read_string(json_reader *r, char **out);
/* A number; *integral tells whether it has no fraction or exponent, and
 * *value is then its value (LLONG_MAX when larger). */
int json_read_number(json_reader *r, int *integral, long long *value);
/* True when the text at r->p is the literal word (true, false, null). */
int json_at_word(json_reader *r, const char *word);
/* An object (r->p at '{'), calling member at each value; an array (r->p at
 * '['), calling element at each value. */
int json_read_object(json_reader *r, int depth, json_member_fn member, void *ctx);
int json_read_array(json_reader *r, int depth, json_element_fn element, void *ctx);
/* Checks and skips any value at r->p. */
int json_skip_value(json_reader *r, int depth);

/* ---- a tree ---- */

enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

typedef struct json_value json_value;
struct json_value {
    enum json_type type;
    int line;               /* where the value starts */
    int boolean;
    int integral;           /* a number without fraction or exponent: `integer` holds it */
    long long integer;
    char *string;
    char **keys;            /* objects: keys[i] -> items[i], in file order */
    json_value **items;     /* arrays and objects */
    size_t n, cap;
};

/* The whole text as one value; NULL with "NAME:LINE: message" in err. */
json_value *json_parse(const char *text, size_t len, const char *name, char *err, size_t errlen);
void json_free(json_value *v);
/* The member of an object, or NULL (absent, or v not an object). */
const json_value *json_get(const json_value *v, const char *key);

#endif
