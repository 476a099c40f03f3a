/*
 * config.h — the settings of lakip-audit.conf (in the report folder, or
 * given with --config) beyond the report metadata: language, failure
 * threshold, lower-is-better formula, rounding policy, extra rule folders,
 * rules switched off or on and their severities.
 *
 * report.c reads the file's lines (and applies tahun, instansi and
 * number_style itself, because they matter while loading); this module
 * validates the rest: an unknown key or a bad value is an input error
 * with file:line. Command-line options override every setting here.
 */
#ifndef LAKIP_CONFIG_H
#define LAKIP_CONFIG_H

#include <stddef.h>
#include "model/catalog.h"
#include "model/report.h"

typedef struct {
    char *rule;
    int enabled;                /* 1 enable, 0 disable, -1 unchanged */
    int has_severity;
    enum severity severity;
    const char *file;
    int line;
} config_rule;

typedef struct {
    int has_lang;
    enum lang lang;
    int has_fail_on;
    enum severity fail_on;
    int fail_never;
    const char *lower_formula;  /* NULL when not set */
    const char *rounding;       /* "strict" | "truncation-ok" | NULL */
    char *lower_is_better;      /* indicator names, ";"-separated (repeated keys joined); NULL when not set */
    char *higher_is_better;     /* likewise */
    const char *format;         /* output format or NULL */
    char **rule_dirs;           /* resolved against the file's folder */
    size_t nrule_dirs;
    config_rule *rules;
    size_t nrules;
    int has_group_by;           /* group_by set: long-form grouping columns */
    int group_off;              /* group_by = none */
    char **group_by;            /* header texts */
    size_t ngroup_by;
    const char *group_by_file;
    int group_by_line;
} config;

/* Splits a group_by value ("tahun, instansi, tabel" or "none") into c. 0, or -1 when empty. */
int config_set_group_by(config *c, const char *value);

/* Validates every setting of the report's metadata files. 0, or -1 with err. */
int config_read(const report *r, config *c, load_error *err);
/* Applies enable/disable/severity to the loaded catalog; an unknown rule id
 * is an error naming the file and line. */
int config_apply_rules(const config *c, catalog *cat, load_error *err);
void config_free(config *c);

#endif
