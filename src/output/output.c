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

const char *finding_location(const audit *a, const finding *f, char *buf, size_t size)
{
    if (f->where.kind != PLACE_NONE) return place_format(&f->where, a->lang, buf, size);
    if (f->line > 0) snprintf(buf, size, "%d", f->line);
    else if (size) buf[0] = '\0';
    return buf;
}

const char *finding_table_location(const audit *a, const finding *f, char *buf, size_t size)
{
    if (f->table_where.kind != PLACE_NONE) return place_format(&f->table_where, a->lang, buf, size);
    if (f->table_line > 0) snprintf(buf, size, "%d", f->table_line);
    else if (size) buf[0] = '\0';
    return buf;
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
