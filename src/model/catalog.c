/*
 * catalog.c — the rule catalogue (see catalog.h): a growing array of
 * rule_info copies, looked up by id through a small hash index (the
 * engine asks whether each family is enabled for every report of a
 * long-form file: thousands of reports times a hundred rules).
 */
#include "model/catalog.h"

#include <stdlib.h>
#include <string.h>
#include "util/util.h"

struct catalog {
    rule_info *items;
    size_t count, cap;
    size_t *slots;              /* open addressing: item index + 1, 0 = empty */
    size_t nslots;              /* a power of two, at least twice count */
};

static size_t hash_id(const char *id)
{
    size_t h = 5381;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) h = h * 33 + *p;
    return h;
}

static void index_item(catalog *c, size_t i)
{
    size_t k = hash_id(c->items[i].id) & (c->nslots - 1);
    while (c->slots[k]) k = (k + 1) & (c->nslots - 1);
    c->slots[k] = i + 1;
}

/* Keeps the index at most half full. */
static void grow_index(catalog *c)
{
    if (c->nslots >= 2 * (c->count + 1)) return;
    free(c->slots);
    c->nslots = c->nslots ? c->nslots * 2 : 64;
    while (c->nslots < 2 * (c->count + 1)) c->nslots *= 2;
    c->slots = xcalloc(c->nslots, sizeof *c->slots);
    for (size_t i = 0; i < c->count; i++) index_item(c, i);
}

static const char *const severity_names[] = { "info", "warning", "error" };
static const char *const severity_labels[2][3] = {
    { "INFO", "PERINGATAN", "GALAT" },
    { "INFO", "WARNING", "ERROR" },
};

const char *severity_name(enum severity s) { return severity_names[s]; }

const char *severity_label(enum severity s, enum lang lang) { return severity_labels[lang][s]; }

int severity_from_name(const char *name, enum severity *out)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(name, severity_names[i]) == 0) {
            *out = (enum severity)i;
            return 0;
        }
    return -1;
}

catalog *catalog_new(void)
{
    return xcalloc(1, sizeof(catalog));
}

static void free_texts(char *texts[2])
{
    free(texts[0]);
    free(texts[1]);
}

void catalog_free(catalog *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->count; i++) {
        rule_info *r = &c->items[i];
        free(r->id);
        free(r->family);
        free(r->source);
        free_texts(r->title);
        free_texts(r->explanation);
        free_texts(r->message);
        free_texts(r->fix);
        free(r->example);
    }
    free(c->items);
    free(c->slots);
    free(c);
}

rule_info *catalog_find(const catalog *c, const char *id)
{
    if (!c->nslots) return NULL;
    for (size_t k = hash_id(id) & (c->nslots - 1); c->slots[k]; k = (k + 1) & (c->nslots - 1))
        if (strcmp(c->items[c->slots[k] - 1].id, id) == 0) return &c->items[c->slots[k] - 1];
    return NULL;
}

static void copy_texts(char *dst[2], char *const src[2])
{
    dst[0] = xstrdup(src[0]);
    dst[1] = xstrdup(src[1]);
}

rule_info *catalog_add(catalog *c, const rule_info *info)
{
    if (catalog_find(c, info->id)) return NULL;
    grow_index(c);
    grow_array((void **)&c->items, &c->cap, c->count + 1, sizeof(rule_info));
    rule_info *r = &c->items[c->count++];
    r->id = xstrdup(info->id);
    index_item(c, c->count - 1);
    r->family = xstrdup(info->family);
    r->source = xstrdup(info->source);
    r->severity = info->severity;
    r->default_severity = info->default_severity;
    r->enabled = info->enabled;
    copy_texts(r->title, info->title);
    copy_texts(r->explanation, info->explanation);
    copy_texts(r->message, info->message);
    copy_texts(r->fix, info->fix);
    r->example = xstrdup(info->example);
    return r;
}

size_t catalog_count(const catalog *c) { return c->count; }

rule_info *catalog_at(const catalog *c, size_t i) { return i < c->count ? &c->items[i] : NULL; }

const char *rule_text(char *const texts[2], enum lang lang)
{
    return texts[lang] ? texts[lang] : texts[LANG_ID];
}
