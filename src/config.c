/*
 * config.c — validates and interprets lakip-audit.conf settings (see
 * config.h). Keys:
 *   lang = id|en            fail_on = error|warning|info|never
 *   lower_formula = 2t-r|t/r|100-r
 *   rounding = strict|truncation-ok
 *   lower_is_better = NAME; NAME ...    higher_is_better = NAME; ...
 *                           (indicator directions; repeatable)
 *   format = text|json|...  rules = FOLDER (repeatable, relative to the file)
 *   disable = ID[, ID...]   enable = ID[, ID...]
 *   severity.RULE-ID = error|warning|info
 * (tahun, instansi and number_style are read by report.c.)
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "output/output.h"
#include "util/util.h"

static config_rule *rule_entry(config *c, const char *id, const config_entry *e)
{
    for (size_t i = 0; i < c->nrules; i++)
        if (strcmp(c->rules[i].rule, id) == 0) return &c->rules[i];
    c->rules = xrealloc(c->rules, (c->nrules + 1) * sizeof(config_rule));
    config_rule *r = &c->rules[c->nrules++];
    memset(r, 0, sizeof *r);
    r->rule = xstrdup(id);
    r->enabled = -1;
    r->file = e->file;
    r->line = e->line;
    return r;
}

/* "a, b ,c" -> each id switched to `enabled`. */
static void set_enabled(config *c, const config_entry *e, int enabled)
{
    char *list = xstrdup(e->value);
    for (char *tok = strtok(list, ", \t"); tok; tok = strtok(NULL, ", \t")) {
        config_rule *r = rule_entry(c, tok, e);
        r->enabled = enabled;
        r->file = e->file;
        r->line = e->line;
    }
    free(list);
}

static char *resolve(const char *conf_file, const char *path)
{
    if (path[0] == '/') return xstrdup(path);
    const char *slash = strrchr(conf_file, '/');
    if (!slash) return xstrdup(path);
    size_t n = (size_t)(slash - conf_file);
    char *out = xmalloc(n + strlen(path) + 2);
    memcpy(out, conf_file, n);
    out[n] = '/';
    strcpy(out + n + 1, path);
    return out;
}

static int one_of(const char *v, const char *const *allowed)
{
    for (; *allowed; allowed++)
        if (strcmp(v, *allowed) == 0) return 1;
    return 0;
}

int config_read(const report *r, config *c, load_error *err)
{
    static const char *const langs[] = { "id", "en", NULL };
    static const char *const fails[] = { "error", "warning", "info", "never", NULL };
    static const char *const formulas[] = { "2t-r", "t/r", "100-r", NULL };
    static const char *const roundings[] = { "strict", "truncation-ok", NULL };
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < report_config_count(r); i++) {
        const config_entry *e = report_config(r, i);
        const char *k = e->key, *v = e->value;
#define BAD(...) do { load_error_set(err, e->file, e->line, __VA_ARGS__); return -1; } while (0)
        if (strcmp(k, "lang") == 0) {
            if (!one_of(v, langs)) BAD("lang must be id or en, not \"%s\"", v);
            c->has_lang = 1;
            c->lang = strcmp(v, "en") == 0 ? LANG_EN : LANG_ID;
        } else if (strcmp(k, "fail_on") == 0) {
            if (!one_of(v, fails)) BAD("fail_on must be error, warning, info or never, not \"%s\"", v);
            c->has_fail_on = 1;
            c->fail_never = strcmp(v, "never") == 0;
            if (!c->fail_never) severity_from_name(v, &c->fail_on);
        } else if (strcmp(k, "lower_formula") == 0) {
            if (!one_of(v, formulas)) BAD("lower_formula must be 2t-r, t/r or 100-r, not \"%s\"", v);
            c->lower_formula = v;
        } else if (strcmp(k, "lower_is_better") == 0 || strcmp(k, "higher_is_better") == 0) {
            if (!v[0]) BAD("%s needs indicator names separated by ;", k);
            char **list = k[0] == 'l' ? &c->lower_is_better : &c->higher_is_better;
            size_t have = *list ? strlen(*list) : 0;
            *list = xrealloc(*list, have + strlen(v) + 2);
            if (have) (*list)[have++] = ';';
            strcpy(*list + have, v);
        } else if (strcmp(k, "rounding") == 0) {
            if (!one_of(v, roundings)) BAD("rounding must be strict or truncation-ok, not \"%s\"", v);
            c->rounding = v;
        } else if (strcmp(k, "format") == 0) {
            if (!output_find(v)) BAD("format must be one of %s, not \"%s\"", output_names(), v);
            c->format = v;
        } else if (strcmp(k, "rules") == 0) {
            if (!v[0]) BAD("rules needs a folder");
            char *dir = resolve(e->file, v);
            struct stat st;
            int st_rc = stat(dir, &st), saved = errno;
            if (st_rc != 0 || !S_ISDIR(st.st_mode)) {
                free(dir);
                BAD("rules = %s: %s", v, st_rc != 0 ? strerror(saved) : "not a folder");
            }
            c->rule_dirs = xrealloc(c->rule_dirs, (c->nrule_dirs + 1) * sizeof(char *));
            c->rule_dirs[c->nrule_dirs++] = dir;
        } else if (strcmp(k, "disable") == 0 || strcmp(k, "enable") == 0) {
            set_enabled(c, e, strcmp(k, "enable") == 0);
        } else if (strncmp(k, "severity.", 9) == 0 && k[9]) {
            enum severity s;
            if (severity_from_name(v, &s) < 0) BAD("%s must be error, warning or info, not \"%s\"", k, v);
            config_rule *rr = rule_entry(c, k + 9, e);
            rr->has_severity = 1;
            rr->severity = s;
        } else if (strcmp(k, "number_style") == 0) {
            /* applied by report.c while loading */
        } else if (strcmp(k, "group_by") == 0) {
            if (config_set_group_by(c, v) < 0) BAD("group_by needs column headers separated by commas, or none");
            c->group_by_file = e->file;
            c->group_by_line = e->line;
        } else {
            BAD("unknown setting \"%s\" (known: tahun, instansi, number_style, lang, fail_on, "
                "lower_formula, rounding, format, rules, disable, enable, severity.RULE, group_by)", k);
        }
#undef BAD
    }
    return 0;
}

int config_apply_rules(const config *c, catalog *cat, load_error *err)
{
    for (size_t i = 0; i < c->nrules; i++) {
        const config_rule *cr = &c->rules[i];
        rule_info *r = catalog_find(cat, cr->rule);
        if (!r) {
            load_error_set(err, cr->file, cr->line, "unknown rule \"%s\" (see lakip-audit rules)", cr->rule);
            return -1;
        }
        if (cr->enabled >= 0) r->enabled = cr->enabled;
        if (cr->has_severity) r->severity = cr->severity;
    }
    return 0;
}

int config_set_group_by(config *c, const char *value)
{
    for (size_t i = 0; i < c->ngroup_by; i++) free(c->group_by[i]);
    free(c->group_by);
    c->group_by = NULL;
    c->ngroup_by = 0;
    c->has_group_by = 1;
    c->group_off = strcmp(value, "none") == 0;
    if (c->group_off) return 0;
    for (const char *p = value; *p; ) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        while (n && (*p == ' ' || *p == '\t')) p++, n--;
        while (n && (p[n - 1] == ' ' || p[n - 1] == '\t')) n--;
        if (n) {
            c->group_by = xrealloc(c->group_by, (c->ngroup_by + 1) * sizeof(char *));
            c->group_by[c->ngroup_by++] = xstrndup(p, n);
        }
        p = comma ? comma + 1 : p + strlen(p);
    }
    return c->ngroup_by ? 0 : -1;
}

void config_free(config *c)
{
    free(c->lower_is_better);
    free(c->higher_is_better);
    for (size_t i = 0; i < c->ngroup_by; i++) free(c->group_by[i]);
    free(c->group_by);
    for (size_t i = 0; i < c->nrule_dirs; i++) free(c->rule_dirs[i]);
    free(c->rule_dirs);
    for (size_t i = 0; i < c->nrules; i++) free(c->rules[i].rule);
    free(c->rules);
}
