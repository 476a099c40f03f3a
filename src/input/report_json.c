/*
 * report_json.c — a JSON report read back as a portfolio entry (see
 * report_json.h). Strict about what it needs (schema 1, "report",
 * "inputs", "findings" with rule and severity; or a summary's "reports"),
 * tolerant of fields it does not know, as docs/JSON.md promises readers.
 */
#include "input/report_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/catalog.h"
#include "util/input_file.h"
#include "util/json_read.h"
#include "util/utf8.h"
#include "util/util.h"

static int fail(char *err, size_t errlen, const char *name, int line, const char *what)
{
    snprintf(err, errlen, "%s:%d: %s", name, line, what);
    return -1;
}

/* The folder all inputs are in, or the one input itself. */
static char *common_source(const json_value *inputs)
{
    if (inputs->n == 0) return xstrdup(".");
    const char *first = inputs->items[0]->string;
    if (inputs->n == 1) return xstrdup(first);
    size_t len = strlen(first);
    for (size_t i = 1; i < inputs->n; i++) {
        const char *s = inputs->items[i]->string;
        size_t k = 0;
        while (k < len && s[k] == first[k]) k++;
        len = k;
    }
    while (len > 0 && first[len - 1] != '/') len--;
    if (len > 1) len--;                 /* without the trailing slash, except for "/" */
    return len ? xstrndup(first, len) : xstrdup(".");
}

static long long count_of(const json_value *obj, const char *key)
{
    const json_value *v = json_get(obj, key);
    return v && v->type == JSON_NUMBER && v->integral && v->integer >= 0 ? v->integer : -1;
}

/* One entry of a portfolio summary's "reports" (its own output read back). */
static int read_summary_entry(const json_value *r, const char *name, portfolio_entry *e, char *err, size_t errlen)
{
    memset(e, 0, sizeof *e);
    const json_value *agency = json_get(r, "agency"), *year = json_get(r, "year"), *source = json_get(r, "source");
    const json_value *inputs = json_get(r, "inputs"), *error = json_get(r, "error"), *rules = json_get(r, "rules");
    const json_value *summary = json_get(r, "summary");
    if (!source || source->type != JSON_STRING || !rules || rules->type != JSON_OBJECT) {
        fail(err, errlen, name, r->line, "a portfolio report without \"source\" or \"rules\"");
        return -1;
    }
    if (agency && agency->type == JSON_STRING) e->agency = xstrdup(agency->string);
    if (year && year->type == JSON_NUMBER && year->integral && year->integer > 0 && year->integer < 10000)
        e->year = (int)year->integer;
    e->source = xstrdup(source->string);
    if (inputs && inputs->type == JSON_NUMBER && inputs->integral && inputs->integer >= 0) e->ninputs = (size_t)inputs->integer;
    if (error && error->type == JSON_STRING) e->error = xstrdup(error->string);
    long long accepted = count_of(summary, "accepted");
    e->accepted = accepted > 0 ? (size_t)accepted : 0;
    static const char *const sev[3] = { "info", "warning", "error" };
    for (size_t i = 0; i < rules->n; i++)
        for (int k = 0; k < 3; k++) {
            long long c = count_of(rules->items[i], sev[k]);
            for (long long j = 0; j < c; j++) portfolio_entry_count(e, rules->keys[i], k, 0);
        }
    const json_value *cov = json_get(r, "coverage");
    e->coverage = (portfolio_coverage){ count_of(cov, "tables"), count_of(cov, "tables_checked"),
                                        count_of(cov, "values_recomputed"), count_of(cov, "values_compared") };
    return 0;
}

/* A JSON report of one audit. */
static int read_report(const json_value *root, const char *name, portfolio_entry *e, char *err, size_t errlen)
{
    memset(e, 0, sizeof *e);
    const json_value *rep = json_get(root, "report");
    const json_value *inputs = json_get(root, "inputs"), *findings = json_get(root, "findings");
    if (!findings || findings->type != JSON_ARRAY || !rep || rep->type != JSON_OBJECT)
        return fail(err, errlen, name, root->line,
                    "not a lakip-audit JSON report (\"report\" and \"findings\", or \"portfolio\" and \"reports\", are missing)");
    if (!inputs || inputs->type != JSON_ARRAY)
        return fail(err, errlen, name, root->line, "\"inputs\" must be an array of file names");
    for (size_t i = 0; i < inputs->n; i++)
        if (inputs->items[i]->type != JSON_STRING)
            return fail(err, errlen, name, inputs->items[i]->line, "\"inputs\" must be an array of file names");
    const json_value *agency = json_get(rep, "agency"), *year = json_get(rep, "year");
    if (agency && agency->type == JSON_STRING) e->agency = xstrdup(agency->string);
    if (year && year->type == JSON_NUMBER && year->integral && year->integer > 0 && year->integer < 10000)
        e->year = (int)year->integer;
    e->source = common_source(inputs);
    e->ninputs = inputs->n;
    for (size_t i = 0; i < findings->n; i++) {
        const json_value *f = findings->items[i];
        const json_value *rule = json_get(f, "rule"), *sev = json_get(f, "severity"), *acc = json_get(f, "accepted");
        enum severity s;
        if (!rule || rule->type != JSON_STRING || !sev || sev->type != JSON_STRING
            || severity_from_name(sev->string, &s) < 0)
            return fail(err, errlen, name, f->line, "a finding without a rule or a valid severity");
        portfolio_entry_count(e, rule->string, (int)s, acc && acc->type == JSON_BOOL && acc->boolean);
    }
    const json_value *cov = json_get(root, "coverage");
    e->coverage = (portfolio_coverage){ count_of(cov, "tables"), count_of(cov, "tables_checked"),
                                        count_of(cov, "values_recomputed"), count_of(cov, "values_compared") };
    return 0;
}

int report_json_read(const char *text, size_t len, const char *name, portfolio *pf, char *err, size_t errlen)
{
    json_value *root = json_parse(text, len, name, err, errlen);
    if (!root) return -1;
    int rc = 0;
    const json_value *schema = json_get(root, "schema"), *reports = json_get(root, "reports");
    if (root->type != JSON_OBJECT) {
        rc = fail(err, errlen, name, root->line, "not a lakip-audit JSON report (not an object)");
    } else if (!schema || schema->type != JSON_NUMBER || !schema->integral || schema->integer != 1) {
        rc = fail(err, errlen, name, schema ? schema->line : root->line, "JSON report schema must be 1");
    } else if (json_get(root, "portfolio") && reports && reports->type == JSON_ARRAY) {
        /* a summary made by check or merge: its reports, as they are */
        for (size_t i = 0; i < reports->n && rc == 0; i++) {
            portfolio_entry e;
            rc = read_summary_entry(reports->items[i], name, &e, err, errlen);
            if (rc == 0) portfolio_add(pf, &e);
            else portfolio_entry_clear(&e);
        }
    } else {
        portfolio_entry e;
        rc = read_report(root, name, &e, err, errlen);
        if (rc == 0) portfolio_add(pf, &e);
        else portfolio_entry_clear(&e);
    }
    json_free(root);
    return rc;
}

int report_json_load(const char *path, portfolio *pf, char *err, size_t errlen)
{
    char *data;
    size_t len, off;
    int code = utf8_read_file(path, &data, &len);
    if (code) {
        snprintf(err, errlen, "%s: cannot read: %s", path, input_error_text(code));
        return -1;
    }
    const char *bad = utf8_check_text(data, len, &off);
    int rc = bad ? fail(err, errlen, path, utf8_line_of(data, off), bad)
                 : report_json_read(data, len, path, pf, err, errlen);
    free(data);
    return rc;
}
