/*
 * output_sarif.c — findings as SARIF 2.1.0 (--format sarif), the OASIS
 * format that GitHub code scanning and other CI dashboards read.
 *
 * One run. tool.driver lists every rule of the catalog, not only those that
 * fired, so a dashboard can tell "ran and found nothing" (and close an old
 * alert) from "unknown rule". Each result carries the finding's fingerprint
 * as partialFingerprints["lakipAudit/v1"]: it ignores line numbers, so an
 * alert follows a table that moves and changes when a number changes.
 *
 * Findings accepted by the baseline stay in the log, with an external
 * suppression whose status is "accepted" and the baseline's justification:
 * GitHub closes such alerts instead of showing them as open, and SARIF
 * viewers hide them by default. baselineState is not written: the writer
 * does not know whether a baseline was applied, so it could not say "new"
 * for the other results, and a half-filled baselineState misleads viewers.
 *
 * Uses the rule catalog for texts, json.c for escaping, sha256.c for the
 * inputs' checksums (artifacts[].hashes: which version of a file was
 * audited). Output is one line per rule, result and artifact.
 */
#include "output/output.h"
#include "output/coverage_text.h"

#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "util/sha256.h"
#include "util/util.h"

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#define FINGERPRINT_KEY "lakipAudit/v1"

/* The SARIF level of a severity. */
static const char *sarif_level(enum severity s)
{
    switch (s) {
    case SEV_ERROR: return "error";
    case SEV_WARNING: return "warning";
    default: return "note";
    }
}

/* ASCII only, whatever the locale. */
static int ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Writes "capaian.count-formula" as "CapaianCountFormula". */
static void write_rule_name(FILE *out, const char *id)
{
    putc('"', out);
    int upper = 1;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        if (!ascii_alnum(*p)) {
            upper = 1;
            continue;
        }
        putc(upper && *p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p, out);
        upper = 0;
    }
    putc('"', out);
}

/* True for the bytes a URI path may carry unencoded (RFC 3986 pchar and
 * '/'); ':' only in absolute URIs, where it cannot be taken for a scheme. */
static int uri_plain(unsigned char c, int absolute)
{
    if (ascii_alnum(c)) return 1;
    if (c == ':') return absolute;
    return c && strchr("-._~!$&'()*+,;=@/", c) != NULL;
}

/* Writes the artifactLocation members (without braces) of a path as given
 * on the command line: a relative path becomes a relative URI against
 * %SRCROOT%, an absolute one a file:// URI. */
static void write_artifact_location(FILE *out, const char *path, long index)
{
    int absolute = path[0] == '/';
    while (path[0] == '.' && path[1] == '/') {      /* "./x" is "x" */
        path += 2;
        while (*path == '/') path++;
    }
    json_key(out, "uri");
    putc('"', out);
    if (absolute) fputs("file://", out);
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (uri_plain(*p, absolute)) putc(*p, out);
        else fprintf(out, "%%%02X", *p);
    }
    putc('"', out);
    if (!absolute) {
        putc(',', out);
        json_kv_string(out, "uriBaseId", "%SRCROOT%", 0);
    }
    if (index >= 0) {
        putc(',', out);
        json_kv_int(out, "index", index, 0);
    }
}

/* A multiformatMessageString {"text": ...} member. */
static void write_message(FILE *out, const char *key, const char *text, int comma)
{
    json_key(out, key);
    fputs("{", out);
    json_kv_string(out, "text", text, 0);
    fputs(comma ? "}," : "}", out);
}

/* The help text of a rule: what to fix, why, and an example, each with
 * its label in the report's language (as `lakip-audit rules explain`). */
static char *rule_help(const rule_info *r, enum lang lang)
{
    int en = lang == LANG_EN;
    const char *parts[3][2] = {
        { en ? "What to fix" : "Yang harus diperbaiki", rule_text(r->fix, lang) },
        { en ? "Explanation" : "Penjelasan", rule_text(r->explanation, lang) },
        { en ? "Example from the bundled report" : "Contoh dari laporan contoh", r->example },
    };
    size_t n = 1;
    for (int i = 0; i < 3; i++)
        if (parts[i][1]) n += strlen(parts[i][0]) + strlen(parts[i][1]) + 4;
    char *text = xmalloc(n);
    text[0] = '\0';
    for (int i = 0; i < 3; i++) {
        if (!parts[i][1] || !*parts[i][1]) continue;
        if (*text) strcat(text, "\n\n");
        strcat(text, parts[i][0]);
        strcat(text, ": ");
        strcat(text, parts[i][1]);
    }
    return text;
}

static void write_rule(FILE *out, const audit *a, const rule_info *r)
{
    const char *title = rule_text(r->title, a->lang);
    const char *explanation = rule_text(r->explanation, a->lang);
    fputs("{", out);
    json_kv_string(out, "id", r->id, 1);
    json_key(out, "name");
    write_rule_name(out, r->id);
    putc(',', out);
    write_message(out, "shortDescription", title ? title : r->id, 1);
    write_message(out, "fullDescription", explanation ? explanation : title ? title : r->id, 1);
    char *help = rule_help(r, a->lang);
    write_message(out, "help", *help ? help : title ? title : r->id, 1);
    free(help);
    json_key(out, "defaultConfiguration");
    fputs("{", out);
    json_kv_string(out, "level", sarif_level(r->default_severity), 0);
    fputs("},", out);
    json_key(out, "properties");
    fputs("{", out);
    json_kv_string(out, "family", r->family, 1);
    json_kv_string(out, "source", r->source, 1);
    json_key(out, "tags");
    fputs("[", out);
    json_string(out, "lakip-audit");
    if (r->family && strcmp(r->family, "lakip-audit") != 0) {
        putc(',', out);
        json_string(out, r->family);
    }
    fputs("]}}", out);
}

static long input_index(const report *rep, const char *file);

/* toolExecutionNotifications: the coverage in words (a note), then each
 * file or block that looked like data but was not read (a warning at its
 * place), so that a run without results is not read as "checked and clean". */
static void write_notifications(FILE *out, const audit *a)
{
    coverage_summary s;
    audit_coverage(a, NULL, &s);
    char tables[512], values[512], both[1030];
    coverage_sentences(&s, a->lang, tables, values);
    snprintf(both, sizeof both, "%s %s", tables, values);
    fputs(",\"toolExecutionNotifications\":[\n{\"level\":\"note\",", out);
    write_message(out, "message", both, 0);
    fputs("}", out);
    /* what the rules state for the report header (ctx:note): which
     * lower-is-better formula judged the rows, and where it came from */
    for (size_t i = 0; i < finding_note_count(a->findings); i++) {
        fputs(",\n{\"level\":\"note\",", out);
        write_message(out, "message", finding_note_text(a->findings, i, a->lang), 1);
        fputs("\"associatedRule\":{", out);
        json_kv_string(out, "id", finding_note_rule(a->findings, i), 0);
        fputs("}}", out);
    }
    coverage_unread *items;
    size_t n = audit_unread(a, &items);
    for (size_t i = 0; i < n; i++) {
        char text[1200];
        coverage_unread_text(&items[i], a->lang, text, sizeof text);
        fputs(",\n{\"level\":\"warning\",", out);
        write_message(out, "message", text, 1);
        fputs("\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{", out);
        write_artifact_location(out, items[i].file, input_index(a->rep, items[i].file));
        fputs("}", out);
        if (items[i].line > 0) fprintf(out, ",\"region\":{\"startLine\":%d}", items[i].line);
        fputs("}}]}", out);
    }
    free(items);
    fputs("]", out);
}

/* Run properties: the coverage counts, as in the JSON report. */
static void write_run_properties(FILE *out, const audit *a)
{
    coverage_summary s;
    audit_coverage(a, NULL, &s);
    fputs(",\"properties\":{\"coverage\":{", out);
    json_kv_int(out, "files", (long long)s.files, 1);
    json_kv_int(out, "filesUnread", (long long)s.files_unread, 1);
    json_kv_int(out, "tables", (long long)s.tables, 1);
    json_kv_int(out, "tablesRecognised", (long long)s.tables_recognised, 1);
    json_kv_int(out, "tablesChecked", (long long)s.tables_checked, 1);
    json_kv_int(out, "rows", (long long)s.rows, 1);
    json_kv_int(out, "rowsChecked", (long long)s.rows_checked, 1);
    json_kv_int(out, "valuesRead", (long long)s.values_read, 1);
    json_kv_int(out, "valuesRecomputed", (long long)s.values_recomputed, 1);
    json_kv_int(out, "valuesCompared", (long long)s.values_compared, 1);
    json_kv_int(out, "valuesNotCheckable", (long long)s.values_not_checkable, 1);
    json_kv_int(out, "cellsUnparsed", (long long)s.cells_unparsed, 1);
    json_kv_int(out, "unread", (long long)s.unread, 0);
    fputs("}}", out);
}

/* invocations[]: one, with the rules this run configured away from their
 * default (lakip-audit.conf, --disable) as ruleConfigurationOverrides, so
 * that defaultConfiguration stays the rule's own default, and the coverage
 * notifications. */
static void write_invocation(FILE *out, const audit *a)
{
    const catalog *c = a->cat;
    fputs("\"invocations\":[{\"executionSuccessful\":true", out);
    int any = 0;
    for (size_t i = 0; i < catalog_count(c); i++) {
        const rule_info *r = catalog_at(c, i);
        if (r->enabled && r->severity == r->default_severity) continue;
        fputs(any ? ",\n" : ",\"ruleConfigurationOverrides\":[\n", out);
        any = 1;
        fputs("{\"descriptor\":{", out);
        json_kv_string(out, "id", r->id, 1);
        json_kv_int(out, "index", (long long)i, 0);
        fputs("},\"configuration\":{", out);
        if (!r->enabled) fputs("\"enabled\":false,", out);
        json_kv_string(out, "level", sarif_level(r->severity), 0);
        fputs("}}", out);
    }
    if (any) fputs("\n]", out);
    write_notifications(out, a);
    fputs("}]", out);
}

/* Index of the rule in the catalog, or -1. */
static long rule_index(const catalog *c, const char *id)
{
    for (size_t i = 0; i < catalog_count(c); i++)
        if (strcmp(catalog_at(c, i)->id, id) == 0) return (long)i;
    return -1;
}

/* Index of the file among the inputs (= artifacts[]), or -1. */
static long input_index(const report *rep, const char *file)
{
    for (size_t i = 0; i < report_input_count(rep); i++)
        if (strcmp(report_input_path(rep, i), file) == 0) return (long)i;
    return -1;
}

/* "key":"value", when the value is there. */
static void write_optional(FILE *out, const char *key, const char *value, int *first)
{
    if (!value) return;
    if (!*first) putc(',', out);
    *first = 0;
    json_kv_string(out, key, value, 0);
}

static void write_result(FILE *out, const audit *a, const finding *f)
{
    fputs("{", out);
    json_kv_string(out, "ruleId", f->rule, 1);
    long ri = rule_index(a->cat, f->rule);
    if (ri >= 0) json_kv_int(out, "ruleIndex", ri, 1);
    json_kv_string(out, "level", sarif_level(f->severity), 1);
    char *msg = finding_message(f, a->cat, a->lang);
    write_message(out, "message", msg, 1);
    free(msg);
    if (f->file) {
        json_key(out, "locations");
        fputs("[{\"physicalLocation\":{\"artifactLocation\":{", out);
        write_artifact_location(out, f->file, input_index(a->rep, f->file));
        fputs("}", out);
        /* in a workbook or document the line is only an ordinal: the
         * place is named as a logical location instead of a region */
        if (f->line > 0 && f->where.kind == PLACE_NONE) {
            fputs(",\"region\":{", out);
            json_kv_int(out, "startLine", f->line, 0);
            fputs("}", out);
        }
        fputs("}", out);
        char loc[192];
        if (f->where.kind != PLACE_NONE) {
            fputs(",\"logicalLocations\":[{", out);
            json_kv_string(out, "fullyQualifiedName", finding_location(a, f, loc, sizeof loc), 0);
            fputs("}]", out);
        }
        fputs("}],", out);
    }
    json_key(out, "partialFingerprints");
    fputs("{", out);
    json_kv_string(out, FINGERPRINT_KEY, f->fingerprint, 0);
    fputs("}", out);
    if (f->accepted) {
        const char *why = finding_get(f, "justification");
        fputs(",\"suppressions\":[{\"kind\":\"external\",\"status\":\"accepted\"", out);
        if (why && *why) {
            putc(',', out);
            json_kv_string(out, "justification", why, 0);
        }
        fputs("}]", out);
    }
    int first = 1;
    fputs(",\"properties\":{", out);
    write_optional(out, "table", f->table, &first);
    if (f->table && f->table_line > 0 && f->table_where.kind == PLACE_NONE) {
        putc(',', out);
        json_kv_int(out, "tableLine", f->table_line, 0);
    }
    char table_loc[192];
    if (f->table && f->table_where.kind != PLACE_NONE)
        write_optional(out, "tablePlace", finding_table_location(a, f, table_loc, sizeof table_loc), &first);
    /* a long-form file's finding outside its report's tables: which report
     * (a table's finding names it in its caption, "table") */
    write_optional(out, "reportGroup", finding_get(f, "report_group"), &first);
    write_optional(out, "indicator", f->indicator, &first);
    write_optional(out, "reported", finding_get(f, "reported"), &first);
    write_optional(out, "expected", finding_get(f, "expected"), &first);
    write_optional(out, "formula", finding_get(f, "formula"), &first);
    write_optional(out, "cellFormula", finding_get(f, "cell_formula"), &first);
    char *fix = finding_fix(f, a->cat, a->lang);
    write_optional(out, "fix", fix, &first);
    free(fix);
    fputs("}}", out);
}

/* The MIME type of an input by its extension. */
static const char *mime_type(const char *path)
{
    const char *dot = strrchr(path_basename(path), '.');
    if (!dot) return "text/plain";
    if (strcmp(dot, ".md") == 0) return "text/markdown";
    if (strcmp(dot, ".csv") == 0) return "text/csv";
    if (strcmp(dot, ".tsv") == 0) return "text/tab-separated-values";
    return "text/plain";
}

static void write_artifact(FILE *out, const char *path)
{
    fputs("{\"location\":{", out);
    write_artifact_location(out, path, -1);
    fputs("},", out);
    json_kv_string(out, "mimeType", mime_type(path), 0);
    char hex[65];
    if (sha256_file(path, hex) == 0) {
        fputs(",\"hashes\":{", out);
        json_kv_string(out, "sha-256", hex, 0);
        fputs("}", out);
    }
    fputs("}", out);
}

/* The log up to the results: the tool and its rules, the inputs. The
 * invocation (the rules configured, the coverage notifications) comes
 * after the results: the coverage is known only when they all are. */
void output_sarif_head(FILE *out, const audit *a)
{
    fputs("{", out);
    json_kv_string(out, "$schema", SARIF_SCHEMA, 1);
    json_kv_string(out, "version", "2.1.0", 1);
    fputs("\"runs\":[{\n", out);

    fputs("\"tool\":{\"driver\":{", out);
    json_kv_string(out, "name", "lakip-audit", 1);
    json_kv_string(out, "version", a->version, 1);
    json_key(out, "rules");
    fputs("[\n", out);
    size_t nrules = catalog_count(a->cat);
    for (size_t i = 0; i < nrules; i++) {
        write_rule(out, a, catalog_at(a->cat, i));
        fputs(i + 1 < nrules ? ",\n" : "\n", out);
    }
    fputs("]}},\n", out);

    json_kv_string(out, "language", a->lang == LANG_EN ? "en" : "id", 1);
    fputs("\n", out);

    json_key(out, "artifacts");
    fputs("[\n", out);
    size_t ninputs = report_input_count(a->rep);
    for (size_t i = 0; i < ninputs; i++) {
        write_artifact(out, report_input_path(a->rep, i));
        fputs(i + 1 < ninputs ? ",\n" : "\n", out);
    }
    fputs("],\n", out);

    json_key(out, "results");
    fputs("[\n", out);
}

void output_sarif_findings(FILE *out, const audit *a, const finding_list *l, size_t *written)
{
    output_array_items(out, a, l, written, write_result);
}

int output_sarif_tail(FILE *out, const audit *a, size_t written)
{
    fputs(written ? "\n],\n" : "],\n", out);
    write_invocation(out, a);
    write_run_properties(out, a);
    fputs("}]}\n", out);
    return ferror(out) ? -1 : 0;
}

int output_sarif(FILE *out, const audit *a)
{
    size_t written = 0;
    output_sarif_head(out, a);
    output_sarif_findings(out, a, a->findings, &written);
    return output_sarif_tail(out, a, written);
}
