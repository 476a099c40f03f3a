/*
 * catalog.c — the rule catalogue (see catalog.h): a growing array of
 * rule_info copies, looked up by id. Rule counts are in the tens, so a
 * linear search is enough.
 */
#include "model/catalog.h"

#include <stdlib.h>
#include <string.h>
#include "util/util.h"

struct catalog {
    rule_info *items;
    size_t count, cap;
};

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
    free(c);
}

rule_info *catalog_find(const catalog *c, const char *id)
{
    for (size_t i = 0; i < c->count; i++)
        if (strcmp(c->items[i].id, id) == 0) return &c->items[i];
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
    grow_array((void **)&c->items, &c->cap, c->count + 1, sizeof(rule_info));
    rule_info *r = &c->items[c->count++];
    r->id = xstrdup(info->id);
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
