/*
 * catalog_doc.c — renders the rule catalogue (see catalog_doc.h). The
 * Markdown reference is generated from the rule declarations themselves, so
 * docs/RULES.md cannot drift from the code: a test regenerates it and
 * compares.
 */
#include "output/catalog_doc.h"

#include <string.h>

void catalog_write_list(FILE *out, const catalog *c, enum lang lang)
{
    for (size_t i = 0; i < catalog_count(c); i++) {
        const rule_info *r = catalog_at(c, i);
        fprintf(out, "%-28s %-8s %s%s\n", r->id, severity_name(r->severity), rule_text(r->title, lang),
                r->enabled ? "" : (lang == LANG_ID ? " (nonaktif)" : " (disabled)"));
    }
}

static void write_section(FILE *out, const char *label, const char *text)
{
    if (text && *text) fprintf(out, "\n%s:\n  %s\n", label, text);
}

int catalog_write_explain(FILE *out, const catalog *c, const char *id, enum lang lang)
{
    const rule_info *r = catalog_find(c, id);
    if (!r) return -1;
    int en = lang == LANG_EN;
    fprintf(out, "%s — %s\n", r->id, rule_text(r->title, lang));
    fprintf(out, "%s: %s    %s: %s\n", en ? "severity" : "tingkat", severity_name(r->severity),
            en ? "defined in" : "didefinisikan di", r->source);
    write_section(out, en ? "Explanation" : "Penjelasan", rule_text(r->explanation, lang));
    write_section(out, en ? "What to fix" : "Yang harus diperbaiki", rule_text(r->fix, lang));
    write_section(out, en ? "Message" : "Pesan", rule_text(r->message, lang));
    write_section(out, en ? "Example from the bundled report" : "Contoh dari laporan contoh", r->example);
    return 0;
}

void catalog_write_markdown(FILE *out, const catalog *c)
{
    const char *family = "";
    for (size_t i = 0; i < catalog_count(c); i++) {
        const rule_info *r = catalog_at(c, i);
        if (strcmp(family, r->family) != 0) {
            family = r->family;
            fprintf(out, "\n## Family `%s` (%s)\n", family, r->source);
        }
        fprintf(out, "\n### `%s` — %s\n\n", r->id, rule_text(r->title, LANG_EN));
        fprintf(out, "*%s* · default severity **%s**\n\n", rule_text(r->title, LANG_ID), severity_name(r->default_severity));
        fprintf(out, "%s\n\n", rule_text(r->explanation, LANG_EN));
        fprintf(out, "> %s\n", rule_text(r->explanation, LANG_ID));
        if (r->fix[LANG_ID]) fprintf(out, "\nFix: %s\n", rule_text(r->fix, LANG_EN));
        if (r->message[LANG_ID]) fprintf(out, "\nMessage: `%s`\n", rule_text(r->message, LANG_EN));
        if (r->example) fprintf(out, "\nExample (seed report): %s\n", r->example);
    }
}
