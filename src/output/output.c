/*
 * output.c — the table of report writers and what they share.
 */
#include "output/output.h"

#include <string.h>

static const struct {
    const char *name;
    output_fn fn;
} writers[] = {
    { "text", output_text },
    { "json", output_json },
    { "html", output_html },
    { "md", output_md },
    { "sarif", output_sarif },
    { "xlsx", output_xlsx },
};

output_fn output_find(const char *format)
{
    for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++)
        if (strcmp(writers[i].name, format) == 0) return writers[i].fn;
    return NULL;
}

const char *output_names(void)
{
    return "text, json, html, md, sarif, xlsx";
}

void audit_counts(const audit *a, size_t counts[3])
{
    counts[0] = counts[1] = counts[2] = 0;
    for (size_t i = 0; i < finding_count(a->findings); i++) {
        const finding *f = finding_at(a->findings, i);
        if (!f->accepted) counts[f->severity]++;
    }
}

int findings_same_group(const finding *a, const finding *b)
{
    if (!a || !b) return 0;
    if ((a->table == NULL) != (b->table == NULL)) return 0;
    if (a->table && (strcmp(a->table, b->table) || a->table_line != b->table_line)) return 0;
    if ((a->file == NULL) != (b->file == NULL)) return 0;
    return !a->file || strcmp(a->file, b->file) == 0;
}
