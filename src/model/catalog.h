/*
 * catalog.h — what is known about every rule, outside Lua.
 *
 * The rule files declare their rules (id, severity, titles, explanations,
 * message templates, what to fix) in Lua; engine/declare.c copies each declaration
 * here when it loads the file, so the report writers can render findings in
 * any language without touching a lua_State.
 */
#ifndef LAKIP_CATALOG_H
#define LAKIP_CATALOG_H

#include <stddef.h>

enum severity { SEV_INFO, SEV_WARNING, SEV_ERROR };
enum lang { LANG_ID, LANG_EN };

const char *severity_name(enum severity s);            /* "info", "warning", "error" */
int severity_from_name(const char *name, enum severity *out);   /* 0 ok, -1 unknown */
const char *severity_label(enum severity s, enum lang lang);    /* "GALAT"/"ERROR", ... */

typedef struct {
    char *id;               /* stable, e.g. "capaian.arithmetic" */
    char *family;           /* the file's family name, e.g. "capaian" */
    char *source;           /* chunk name, e.g. "rules/capaian.lua" */
    enum severity severity; /* after configuration */
    enum severity default_severity;
    int enabled;
    char *title[2];         /* indexed by enum lang */
    char *explanation[2];
    char *message[2];       /* template with {field} placeholders */
    char *fix[2];           /* what to change in the report; may be NULL */
    char *example;          /* an example from the seed report; may be NULL */
} rule_info;

typedef struct catalog catalog;

catalog *catalog_new(void);
void catalog_free(catalog *c);
/* Adds a copy; returns the stored entry, or NULL if the id exists already. */
rule_info *catalog_add(catalog *c, const rule_info *info);
rule_info *catalog_find(const catalog *c, const char *id);
size_t catalog_count(const catalog *c);
rule_info *catalog_at(const catalog *c, size_t i);
/* The language's text, falling back to Indonesian when a translation is missing. */
const char *rule_text(char *const texts[2], enum lang lang);

#endif
