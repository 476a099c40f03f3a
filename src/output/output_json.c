/*
 * output_json.c — machine-readable findings (--format json). The schema is
 * documented in docs/JSON.md and versioned by "schema": bump it when a
 * field changes meaning or disappears; adding fields keeps the version.
 */
#include "output/output.h"

#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "util/util.h"

#define JSON_SCHEMA_VERSION 1

/* "key":{"text":"PK 2019!F12","sheet":"PK 2019","row":12,"column":6}, —
 * only for workbooks and documents, so text inputs keep their output. */
static void write_place(json_buf *b, const audit *a, const char *key, const place *p)
{
    if (p->kind == PLACE_NONE) return;
    static const char *const kinds[] = { "", "sheet", "document", "page" };
    char text[192];
    json_buf_key(b, key);
    json_buf_put(b, "{", 1);
    json_buf_kv_string(b, "kind", kinds[p->kind], 1);
    json_buf_kv_string(b, "text", place_format(p, a->lang, text, sizeof text), 1);
    if (p->sheet) json_buf_kv_string(b, "sheet", p->sheet, 1);
    if (p->page) json_buf_kv_int(b, "page", p->page, 1);
    if (p->table) json_buf_kv_int(b, "table", p->table, 1);
    if (p->paragraph) json_buf_kv_int(b, "paragraph", p->paragraph, 1);
    if (p->col) json_buf_kv_int(b, "column", p->col, 1);
    json_buf_kv_int(b, "row", p->row, 0);
    json_buf_put(b, "},", 2);
}

/* "key":"value", with the key's JSON given whole (a literal key needs no
 * escaping looked for: a finding has fourteen of them) */
#define KV_STRING(b, key, value) kv_string(b, "\"" key "\":", sizeof "\"" key "\":" - 1, value)
#define KV_INT(b, key, value) kv_int(b, "\"" key "\":", sizeof "\"" key "\":" - 1, value)

static void kv_string(json_buf *b, const char *key_json, size_t n, const char *value)
{
    json_buf_put(b, key_json, n);
    json_buf_string(b, value);
    json_buf_put(b, ",", 1);
}

static void kv_int(json_buf *b, const char *key_json, size_t n, long long value)
{
    json_buf_put(b, key_json, n);
    json_buf_int(b, value);
    json_buf_put(b, ",", 1);
}

/* One finding, built whole and written at once. */
static void write_finding(FILE *out, const audit *a, const finding *f)
{
    char local[4096];
    json_buf b;
    json_buf_init(&b, local, sizeof local);
    json_buf_put(&b, "{", 1);
    KV_STRING(&b, "id", f->fingerprint);
    KV_STRING(&b, "rule", f->rule);
    KV_STRING(&b, "severity", severity_name(f->severity));
    KV_STRING(&b, "file", f->file);
    KV_INT(&b, "line", f->line);
    KV_STRING(&b, "table", f->table);
    KV_INT(&b, "table_line", f->table_line);
    KV_STRING(&b, "indicator", f->indicator);
    write_place(&b, a, "place", &f->where);
    write_place(&b, a, "table_place", &f->table_where);
    static const char *const keys[] = { "expected", "formula", "reported" };     /* (in key order) */
    const char *v[3];
    finding_get_sorted(f, keys, 3, v);
    KV_STRING(&b, "reported", v[2]);
    KV_STRING(&b, "expected", v[0]);
    KV_STRING(&b, "formula", v[1]);
    /* the message rendered on the stack (on the heap only when longer) */
    char text[2048];
    size_t n = finding_message_to(f, a->cat, a->lang, text, sizeof text);
    char *msg = n < sizeof text ? text : xmalloc(n + 1);
    if (msg != text) finding_message_to(f, a->cat, a->lang, msg, n + 1);
    json_buf_put(&b, "\"message\":", 10);
    json_buf_string_n(&b, msg, n);
    json_buf_put(&b, ",", 1);
    if (msg != text) free(msg);
    if (f->accepted) json_buf_put(&b, "\"accepted\":true,", 16);
    else json_buf_put(&b, "\"accepted\":false,", 17);
    json_buf_put(&b, "\"fields\":{", 10);
    for (size_t i = 0; i < f->nfields; i++)
        json_buf_kv_string(&b, f->fields[i].key, f->fields[i].value, i + 1 < f->nfields);
    json_buf_put(&b, "}}", 2);
    json_buf_write(&b, out);        /* a failed write is seen in the file under out when it is closed (output_pieces_close) */
    json_buf_free(&b);
}

static void write_counts(FILE *out, const coverage_summary *s)
{
    json_kv_int(out, "tables", (long long)s->tables, 1);
    json_kv_int(out, "tables_recognised", (long long)s->tables_recognised, 1);
    json_kv_int(out, "tables_checked", (long long)s->tables_checked, 1);
    json_kv_int(out, "rows", (long long)s->rows, 1);
    json_kv_int(out, "rows_checked", (long long)s->rows_checked, 1);
    json_kv_int(out, "values_read", (long long)s->values_read, 1);
    json_kv_int(out, "values_recomputed", (long long)s->values_recomputed, 1);
    json_kv_int(out, "values_compared", (long long)s->values_compared, 1);
    json_kv_int(out, "values_not_checkable", (long long)s->values_not_checkable, 1);
    json_kv_int(out, "cells_unparsed", (long long)s->cells_unparsed, 1);
    json_kv_int(out, "unread", (long long)s->unread, 0);
}

/* "coverage": what was read and checked (docs/JSON.md), on its own line. */
static void write_coverage(FILE *out, const audit *a)
{
    const coverage *cov = report_coverage(a->rep);
    coverage_summary all;
    audit_coverage(a, NULL, &all);
    json_key(out, "coverage");
    fputs("{", out);
    json_kv_int(out, "files", (long long)all.files, 1);
    json_kv_int(out, "files_unread", (long long)all.files_unread, 1);
    write_counts(out, &all);
    fputs(",", out);
    json_key(out, "per_file");
    fputs("[", out);
    for (size_t i = 0; i < coverage_file_count(cov); i++) {
        const char *encoding;
        bool assumed;
        const char *file = coverage_file(cov, i, &encoding, &assumed);
        coverage_summary s;
        audit_coverage(a, file, &s);
        fputs(i ? ",{" : "{", out);
        json_kv_string(out, "file", file, 1);
        json_kv_string(out, "encoding", encoding, 1);
        json_key(out, "encoding_assumed");
        fputs(assumed ? "true," : "false,", out);
        write_counts(out, &s);
        fputs("}", out);
    }
    fputs("],", out);
    json_key(out, "by_family");
    fputs("{", out);
    size_t counts[VALUE_OUTCOMES];
    const char *name;
    for (size_t i = 0; (name = coverage_family(cov, i, counts)) != NULL; i++) {
        if (i) fputs(",", out);
        json_key(out, name);
        fputs("{", out);
        for (int o = 0; o < VALUE_OUTCOMES; o++)
            json_kv_int(out, value_outcome_name((enum value_outcome)o), (long long)counts[o], o + 1 < VALUE_OUTCOMES);
        fputs("}", out);
    }
    fputs("},", out);
    json_key(out, "unread");
    fputs("[", out);
    coverage_unread *items;
    size_t n = audit_unread(a, &items);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ",{" : "{", out);
        json_kv_string(out, "kind", unread_kind_name(items[i].kind), 1);
        json_kv_string(out, "file", items[i].file, 1);
        json_kv_int(out, "line", items[i].line, 1);
        json_kv_string(out, "why", a->lang == LANG_EN ? items[i].why : items[i].why_id, 0);
        fputs("}", out);
    }
    free(items);
    fputs("]}", out);
}

/* The document up to the findings: what the audit read. */
void output_json_head(FILE *out, const audit *a)
{
    const char *year_source = NULL, *agency_source = NULL;
    int year = report_year(a->rep, &year_source);
    const char *agency = report_agency(a->rep, &agency_source);

    json_document_start(out, JSON_SCHEMA_VERSION, a->version);
    json_key(out, "report");
    fputs("{", out);
    json_key(out, "year");
    if (year) fprintf(out, "%d,", year); else fputs("null,", out);
    json_kv_string(out, "year_source", year_source, 1);
    json_kv_string(out, "agency", agency, 1);
    json_kv_string(out, "agency_source", agency_source, 0);
    fputs("},", out);
    json_key(out, "inputs");
    fputs("[", out);
    for (size_t i = 0; i < report_input_count(a->rep); i++) {
        if (i) fputs(",", out);
        json_string(out, report_input_path(a->rep, i));
    }
    fputs("],\n", out);
    json_key(out, "findings");
    fputs("[\n", out);
}

void output_json_findings(FILE *out, const audit *a, const finding_list *l, size_t *written)
{
    output_array_items(out, a, l, written, write_finding);
}

/* Note i of the "notes" array, built whole and written at once (a
 * long-form file states one per report): "text" is text_id or text_en,
 * whose JSON is copied rather than made again. */
static void write_note(FILE *out, const audit *a, size_t i, const char *rule, const char *text_id,
                       const char *text_en)
{
    char local[2048];
    json_buf b;
    json_buf_init(&b, local, sizeof local);
    json_buf_put(&b, i ? ",{" : "{", i ? 2 : 1);
    json_buf_kv_string(&b, "rule", rule, 1);
    json_buf_put(&b, "\"text\":", 7);
    size_t from = b.len;
    json_buf_string(&b, a->lang == LANG_EN ? text_en : text_id);
    size_t n = b.len - from;
    for (int k = 0; k < 2; k++) {
        enum lang lang = k ? LANG_EN : LANG_ID;
        json_buf_put(&b, k ? ",\"text_en\":" : ",\"text_id\":", 11);
        if (lang == a->lang) json_buf_repeat(&b, from, n);
        else json_buf_string(&b, k ? text_en : text_id);
    }
    json_buf_put(&b, "}", 1);
    json_buf_write(&b, out);
    json_buf_free(&b);
}

void output_json_note(FILE *out, const audit *a, size_t i, const char *rule, const char *group, const char *text_id,
                      const char *text_en)
{
    char id_buf[1024], en_buf[1024], *id_made, *en_made;
    const char *id = finding_note_join(group, text_id, id_buf, sizeof id_buf, &id_made);
    const char *en = finding_note_join(group, text_en, en_buf, sizeof en_buf, &en_made);
    write_note(out, a, i, rule, id, en);
    free(id_made);
    free(en_made);
}

/* The notes written before (a->notes_written), copied. A read that fails
 * leaves the file in error: findings_stream_end reports the output as not
 * written. */
static void copy_notes(FILE *out, FILE *notes)
{
    char buf[65536];
    size_t got;
    if (fflush(notes) != 0) return;
    rewind(notes);
    while ((got = fread(buf, 1, sizeof buf, notes)) > 0)
        if (fwrite(buf, 1, got, out) != got) return;
}

/* After the findings, what is known only when all of them are: the notes
 * the rules stated, the counts, the coverage. */
int output_json_tail(FILE *out, const audit *a, size_t written)
{
    size_t counts[3];
    audit_counts(a, counts);
    fputs(written ? "\n],\n" : "],\n", out);
    if (finding_note_count(a->findings)) {
        /* what the rules state about the whole audit (finding_list_add_note) */
        json_key(out, "notes");
        fputs("[", out);
        if (a->notes_written) {
            copy_notes(out, a->notes_written);
        } else {
            for (size_t i = 0; i < finding_note_count(a->findings); i++) {
                const char *rule, *group, *text_id, *text_en;
                finding_note_parts(a->findings, i, &rule, &group, &text_id, &text_en);
                output_json_note(out, a, i, rule, group, text_id, text_en);
            }
        }
        fputs("],", out);
    }
    json_key(out, "summary");
    fputs("{", out);
    json_kv_int(out, "error", (long long)counts[SEV_ERROR], 1);
    json_kv_int(out, "warning", (long long)counts[SEV_WARNING], 1);
    json_kv_int(out, "info", (long long)counts[SEV_INFO], 1);
    json_kv_int(out, "total", (long long)audit_total(a), 0);
    fputs("},\n", out);
    write_coverage(out, a);
    fputs("}\n", out);
    return ferror(out) ? -1 : 0;
}

int output_json(FILE *out, const audit *a)
{
    size_t written = 0;
    output_json_head(out, a);
    output_json_findings(out, a, a->findings, &written);
    return output_json_tail(out, a, written);
}
