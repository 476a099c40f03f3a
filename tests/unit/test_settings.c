/*
 * test_settings.c — the one resolution of settings (src/settings.c):
 * precedence command line > settings file > inferred from the report >
 * default, every key's validator at each source, the one year range,
 * messages with file:line, the rules' settings in file order, and
 * --explain-settings.
 *
 * Small inputs are written under a mkdtemp folder in /tmp and removed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/load.h"
#include "model/year.h"
#include "settings.h"

#include "tmpdir.h"

/* A folder whose table headers name 2019 (what the report implies) and
 * whose settings file is conf (NULL: none). */
static void report_folder(tmpdir *d, const char *conf)
{
    tmp_write(d, "data.csv", "No;Indikator;Target 2019;Realisasi 2019\n1;A;5;5\n");
    if (conf) tmp_write(d, "lakip-audit.conf", conf);
}

/* The audit's way: settings files, then the report, then resolution. */
static report *resolve(settings *s, const char *dir, const char *config_file, load_error *err)
{
    char *const paths[] = { (char *)dir };
    if (settings_read_files(s, paths, 1, config_file, err) < 0) return NULL;
    report *r = report_new(settings_number_style(s));
    assert_int_equal(load_path(r, dir, err), 0);
    settings_resolve_report(s, r);
    return r;
}

static void test_year_range(void **state)
{
    (void)state;
    assert_int_equal(year_parse("2019"), 2019);
    assert_int_equal(year_parse("2000"), YEAR_FIRST);
    assert_int_equal(year_parse("2100"), YEAR_LAST);
    assert_int_equal(year_parse("1999"), 0);
    assert_int_equal(year_parse("2101"), 0);
    assert_int_equal(year_parse("02019"), 0);
    assert_int_equal(year_parse("+2019"), 0);
    assert_int_equal(year_parse(" 2019"), 0);
    assert_int_equal(year_parse("2019 "), 0);
    assert_int_equal(year_parse(""), 0);
    assert_int_equal(year_parse("dua ribu"), 0);
    assert_true(year_in_range(2000) && year_in_range(2100) && !year_in_range(1999) && !year_in_range(2101));
}

/* The same year range for every source: the command line, the file, and
 * what is inferred (a header "Target 1999" names no report year). */
static void test_year_range_every_source(void **state)
{
    (void)state;
    char err[256];
    assert_int_equal(settings_check(SET_TAHUN, "1999", err, sizeof err), -1);
    assert_string_equal(err, "expected a year from 2000 to 2100, got '1999'");
    settings *s = settings_new();
    assert_int_equal(settings_set_cli(s, SET_TAHUN, "--tahun", "2101", err, sizeof err), -1);
    assert_string_equal(err, "--tahun: expected a year from 2000 to 2100, got '2101'");
    assert_int_equal(settings_set_cli(s, SET_TAHUN, "--year", "1999", err, sizeof err), -1);
    assert_string_equal(err, "--year: expected a year from 2000 to 2100, got '1999'");
    assert_null(settings_winner(s, SET_TAHUN));

    tmpdir d;
    tmp_open(&d);
    const char *conf = tmp_write(&d, "lakip-audit.conf", "\n# comment\ntahun = 1999\n");
    load_error lerr = { .line = 0 };
    assert_int_equal(settings_read_file(s, conf, &lerr), -1);
    assert_string_equal(lerr.file, conf);
    assert_int_equal(lerr.line, 3);
    assert_string_equal(lerr.message, "tahun must be a year from 2000 to 2100, not \"1999\"");
    unlink(conf);

    tmp_write(&d, "data.csv", "No;Indikator;Target 1999;Realisasi 1999\n1;A;5;5\n");
    report *r = resolve(s, d.dir, NULL, &lerr);
    assert_non_null(r);
    assert_int_equal(report_year(r, NULL), 0);
    assert_null(settings_winner(s, SET_TAHUN));
    report_free(r);
    settings_free(s);
    tmp_close(&d);
}

/* --tahun 2020, a settings file saying 2019, a report implying 2019. */
static void test_precedence(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    report_folder(&d, "tahun = 2019\ninstansi = \"Dinas Contoh\"\n");
    char err[256];
    load_error lerr = { .line = 0 };
    const char *source;

    /* command line > file > inferred */
    settings *s = settings_new();
    assert_int_equal(settings_set_cli(s, SET_TAHUN, "--tahun", "2020", err, sizeof err), 0);
    report *r = resolve(s, d.dir, NULL, &lerr);
    assert_int_equal(report_year(r, &source), 2020);
    assert_string_equal(source, "command line");
    assert_string_equal(report_agency(r, &source), "Dinas Contoh");
    assert_string_equal(source, "lakip-audit.conf:2");
    assert_int_equal(settings_winner(s, SET_TAHUN)->source, SOURCE_CLI);
    report_free(r);
    settings_free(s);

    /* file > inferred */
    s = settings_new();
    r = resolve(s, d.dir, NULL, &lerr);
    assert_int_equal(report_year(r, &source), 2019);
    assert_string_equal(source, "lakip-audit.conf:1");
    report_free(r);
    settings_free(s);

    /* file 2018 > inferred 2019 */
    tmp_write(&d, "lakip-audit.conf", "tahun = 2018\n");
    s = settings_new();
    r = resolve(s, d.dir, NULL, &lerr);
    assert_int_equal(report_year(r, &source), 2018);
    assert_string_equal(source, "lakip-audit.conf:1");
    report_free(r);
    settings_free(s);

    /* inferred > default (none) */
    unlink(d.files[1]);                             /* no settings file */
    s = settings_new();
    r = resolve(s, d.dir, NULL, &lerr);
    assert_int_equal(report_year(r, &source), 2019);
    char want[200];
    snprintf(want, sizeof want, "inferred from %s/data.csv:1", d.dir);
    assert_string_equal(source, want);
    assert_int_equal(settings_winner(s, SET_TAHUN)->source, SOURCE_INFERRED);
    assert_null(report_agency(r, NULL));            /* no title page, no settings: unknown */
    assert_null(settings_text(s, SET_INSTANSI));
    report_free(r);
    settings_free(s);
    tmp_close(&d);
}

/* Of two settings files the later wins (a folder's, then --config); the
 * source names the file that gave the value. */
static void test_two_files(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    report_folder(&d, "tahun = 2019\nlang = en\n");
    const char *other = tmp_write(&d, "other.conf", "tahun = 2017\n");
    settings *s = settings_new();
    load_error lerr = { .line = 0 };
    const char *source;
    report *r = resolve(s, d.dir, other, &lerr);
    assert_int_equal(report_year(r, &source), 2017);
    assert_string_equal(source, "other.conf:1");
    assert_int_equal(settings_lang(s), LANG_EN);   /* the folder's file still gives what other.conf does not */
    report_free(r);
    settings_free(s);
    tmp_close(&d);
}

/* Every key's validator, as the command line and a file see it. */
static void test_validators(void **state)
{
    (void)state;
    static const struct {
        enum setting_key key;
        const char *good, *bad, *message;
    } cases[] = {
        { SET_TAHUN, "2019", "19", "expected a year from 2000 to 2100, got '19'" },
        { SET_INSTANSI, "Dinas Sosial", "", "expected an agency name, got ''" },
        { SET_LANG, "en", "fr", "expected id or en, got 'fr'" },
        { SET_FAIL_ON, "never", "fatal", "expected error, warning, info or never, got 'fatal'" },
        { SET_NUMBER_STYLE, "id", "de", "expected auto, id or en, got 'de'" },
        { SET_LOWER_FORMULA, "100-r", "r/t", "expected 2t-r, t/r or 100-r, got 'r/t'" },
        { SET_ROUNDING, "truncation-ok", "loose", "expected strict or truncation-ok, got 'loose'" },
        { SET_GROUP_BY, "tahun, instansi", " , ", "expected column headers separated by commas, or none, got ' , '" },
        { SET_JOBS, "2", "0", "expected a number of threads from 1 to 256, got '0'" },
        { SET_JOBS, "256", "257", "expected a number of threads from 1 to 256, got '257'" },
        { SET_MAX_INSTRUCTIONS, "1000", "-5", "expected a positive number, got '-5'" },
        { SET_MAX_RUN_INSTRUCTIONS, "99999999999", "1e9", "expected a positive number, got '1e9'" },
        { SET_MAX_MEMORY, "1048576", "1048577", "expected a number of MiB from 1 to 1048576, got '1048577'" },
        { SET_MAX_RULE_SECONDS, "86400", "86401", "expected a number of seconds from 1 to 86400, got '86401'" },
        { SET_DISABLE, "capaian.truncated, tahun.table", " ,", "expected rule ids separated by commas, got ' ,'" },
        { SET_SEVERITY, "warning", "fatal", "expected error, warning or info, got 'fatal'" },
        { SET_LOWER_IS_BETTER, "Angka kemiskinan", "", "expected indicator names separated by ;, got ''" },
        { SET_RULES, "/", "/nonexistent-folder", "'/nonexistent-folder': No such file or directory" },
    };
    char why[512];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(settings_check(cases[i].key, cases[i].good, why, sizeof why), 0);
        assert_int_equal(settings_check(cases[i].key, cases[i].bad, why, sizeof why), -1);
        assert_string_equal(why, cases[i].message);
    }
    assert_int_equal(settings_check(SET_FORMAT, "json", why, sizeof why), 0);
    assert_int_equal(settings_check(SET_FORMAT, "pdf", why, sizeof why), -1);
    assert_non_null(strstr(why, "expected one of text"));
    assert_int_equal(settings_check(SET_GROUP_BY, "none", why, sizeof why), 0);
    assert_int_equal(settings_option_key("--year"), SET_TAHUN);
    assert_int_equal(settings_option_key("--fail-on"), SET_FAIL_ON);
    assert_int_equal(settings_option_key("--nonsense"), -1);
}

/* A settings file: each bad line is an error with file:line, the first one stops. */
static void test_file_errors(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    static const struct {
        const char *text;
        int line;
        const char *message;
    } cases[] = {
        { "tahun = 2019\ninstansi\n", 2, "expected \"key = value\"" },
        { "tahun = dua ribu\n", 1, "tahun must be a year from 2000 to 2100, not \"dua ribu\"" },
        { "lang = en\n\nfail_on = sometimes\n", 3, "fail_on must be error, warning, info or never, not \"sometimes\"" },
        { "number_style = de\n", 1, "number_style must be auto, id or en, not \"de\"" },
        { "severity.capaian.truncated = fatal\n", 1, "severity.capaian.truncated must be error, warning or info, not \"fatal\"" },
        { "instansi = \"\"\n", 1, "instansi must be an agency name, not \"\"" },
        { "rules = missing\n", 1, "rules = missing: No such file or directory" },
        { "jobs = 2\n", 1, "unknown setting \"jobs\" (known: tahun, instansi, lang, fail_on, number_style, lower_formula, "
                           "rounding, format, group_by, rules, disable, enable, severity.RULE, lower_is_better, "
                           "higher_is_better)" },
        { "severity. = error\n", 1, NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *conf = tmp_write(&d, "lakip-audit.conf", cases[i].text);
        settings *s = settings_new();
        load_error err = { .line = 0 };
        assert_int_equal(settings_read_file(s, conf, &err), -1);
        assert_string_equal(err.file, conf);
        assert_int_equal(err.line, cases[i].line);
        if (cases[i].message) assert_string_equal(err.message, cases[i].message);
        settings_free(s);
    }
    tmp_close(&d);
}

/* Defaults, and the typed winners the audit reads. */
static void test_defaults_and_types(void **state)
{
    (void)state;
    settings *s = settings_new();
    assert_int_equal(settings_lang(s), LANG_ID);
    enum severity level;
    bool never;
    settings_fail_on(s, &level, &never);
    assert_int_equal(level, SEV_ERROR);
    assert_false(never);
    assert_int_equal(settings_number_style(s), STYLE_AUTO);
    assert_string_equal(settings_text(s, SET_ROUNDING), "strict");
    assert_string_equal(settings_text(s, SET_FORMAT), "text");
    assert_null(settings_text(s, SET_LOWER_FORMULA));
    assert_int_equal(settings_number(s, SET_JOBS), 0);
    bool off;
    char **cols;
    size_t ncols;
    const char *file;
    int line;
    settings_group_by(s, &off, &cols, &ncols, &file, &line);
    assert_false(off);
    assert_int_equal(ncols, 0);
    assert_null(file);

    char err[256];
    assert_int_equal(settings_set_cli(s, SET_FAIL_ON, "--fail-on", "warning", err, sizeof err), 0);
    assert_int_equal(settings_set_cli(s, SET_NUMBER_STYLE, "--number-style", "en", err, sizeof err), 0);
    assert_int_equal(settings_set_cli(s, SET_JOBS, "--jobs", "3", err, sizeof err), 0);
    assert_int_equal(settings_set_cli(s, SET_GROUP_BY, "--group-by", " tahun ,instansi,, tabel ", err, sizeof err), 0);
    settings_fail_on(s, &level, &never);
    assert_int_equal(level, SEV_WARNING);
    assert_int_equal(settings_number_style(s), STYLE_FORCE_EN);
    assert_int_equal(settings_number(s, SET_JOBS), 3);
    settings_group_by(s, &off, &cols, &ncols, &file, &line);
    assert_int_equal(ncols, 3);
    assert_string_equal(cols[0], "tahun");
    assert_string_equal(cols[1], "instansi");
    assert_string_equal(cols[2], "tabel");
    assert_string_equal(file, "--group-by");
    settings_group_by_free(cols, ncols);
    assert_int_equal(settings_set_cli(s, SET_FAIL_ON, "--fail-on", "never", err, sizeof err), 0);
    settings_fail_on(s, &level, &never);            /* the later option wins */
    assert_true(never);
    settings_free(s);
}

/* Repeatable keys: the settings files' values, then the command line's;
 * a folder in a file is relative to the file. */
static void test_lists(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    const char *conf = tmp_write(&d, "lakip-audit.conf",
                                 "rules = .\nlower_is_better = Angka kemiskinan; Jumlah kasus\nlower_is_better = IPM\n");
    settings *s = settings_new();
    char err[256];
    assert_int_equal(settings_set_cli(s, SET_RULES, "--rules", "/", err, sizeof err), 0);
    load_error lerr = { .line = 0 };
    assert_int_equal(settings_read_file(s, conf, &lerr), 0);
    size_t n;
    const setting_value **dirs = settings_list(s, SET_RULES, &n);
    assert_int_equal(n, 2);
    char want[100];
    snprintf(want, sizeof want, "%s/.", d.dir);
    assert_string_equal(dirs[0]->value, want);
    assert_int_equal(dirs[0]->source, SOURCE_FILE);
    assert_int_equal(dirs[0]->line, 1);
    assert_string_equal(dirs[1]->value, "/");
    free(dirs);
    char *joined = settings_joined(s, SET_LOWER_IS_BETTER);
    assert_string_equal(joined, "Angka kemiskinan; Jumlah kasus;IPM");
    free(joined);
    joined = settings_joined(s, SET_HIGHER_IS_BETTER);
    assert_string_equal(joined, "");
    free(joined);
    settings_free(s);
    tmp_close(&d);
}

static void add_rule(catalog *cat, const char *id)
{
    rule_info r = { .id = (char *)id, .family = "capaian", .severity = SEV_ERROR, .default_severity = SEV_ERROR, .enabled = 1 };
    assert_non_null(catalog_add(cat, &r));
}

/* enable, disable and severity.RULE lines apply in file order; an unknown
 * rule is an error at its line. */
static void test_rules(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    const char *conf = tmp_write(&d, "lakip-audit.conf",
                                 "disable = capaian.a, capaian.b\nseverity.capaian.a = info\nenable = capaian.b\n");
    catalog *cat = catalog_new();
    add_rule(cat, "capaian.a");
    add_rule(cat, "capaian.b");
    settings *s = settings_new();
    char err[256];
    /* --disable is main.c's, applied after --only: not here */
    assert_int_equal(settings_set_cli(s, SET_DISABLE, "--disable", "capaian.b", err, sizeof err), 0);
    load_error lerr = { .line = 0 };
    assert_int_equal(settings_read_file(s, conf, &lerr), 0);
    assert_int_equal(settings_apply_rules(s, cat, &lerr), 0);
    assert_int_equal(catalog_find(cat, "capaian.a")->enabled, 0);
    assert_int_equal(catalog_find(cat, "capaian.a")->severity, SEV_INFO);
    assert_int_equal(catalog_find(cat, "capaian.b")->enabled, 1);
    settings_free(s);

    tmp_write(&d, "lakip-audit.conf", "enable = capaian.a\n\nseverity.capaian.nonsense = warning\n");
    s = settings_new();
    assert_int_equal(settings_read_file(s, conf, &lerr), 0);
    assert_int_equal(settings_apply_rules(s, cat, &lerr), -1);
    assert_string_equal(lerr.file, conf);
    assert_int_equal(lerr.line, 3);
    assert_string_equal(lerr.message, "unknown rule \"capaian.nonsense\" (see lakip-audit rules)");
    settings_free(s);
    catalog_free(cat);
    tmp_close(&d);
}

/* Last year's report (--previous) keeps the command line's settings but
 * not its tahun and instansi, which name this year's report. */
static void test_for_report(void **state)
{
    (void)state;
    settings *s = settings_new();
    char err[256];
    assert_int_equal(settings_set_cli(s, SET_TAHUN, "--tahun", "2020", err, sizeof err), 0);
    assert_int_equal(settings_set_cli(s, SET_INSTANSI, "--instansi", "Dinas", err, sizeof err), 0);
    assert_int_equal(settings_set_cli(s, SET_NUMBER_STYLE, "--number-style", "id", err, sizeof err), 0);
    settings *mine = settings_for_report(s, true), *previous = settings_for_report(s, false);
    assert_string_equal(settings_text(mine, SET_TAHUN), "2020");
    assert_string_equal(settings_text(mine, SET_INSTANSI), "Dinas");
    assert_null(settings_text(previous, SET_TAHUN));
    assert_null(settings_text(previous, SET_INSTANSI));
    assert_int_equal(settings_number_style(previous), STYLE_FORCE_ID);
    settings_free(mine);
    settings_free(previous);
    settings_free(s);
}

/* --explain-settings: the winner with its source, then what it overrode. */
static void test_explain(void **state)
{
    (void)state;
    tmpdir d;
    tmp_open(&d);
    report_folder(&d, "tahun = 2019\n");
    settings *s = settings_new();
    char err[256];
    assert_int_equal(settings_set_cli(s, SET_TAHUN, "--tahun", "2020", err, sizeof err), 0);
    load_error lerr = { .line = 0 };
    report *r = resolve(s, d.dir, NULL, &lerr);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    settings_explain(out, s, LANG_EN);
    fclose(out);
    char want[600];
    snprintf(want, sizeof want,
             "tahun                  2020                     command line (--tahun)\n"
             "                       2019                     settings file %s/lakip-audit.conf:1 — overridden\n"
             "                       2019                     inferred from %s/data.csv:1 — overridden\n"
             "instansi               -                        default: unknown\n"
             "lang                   id                       default\n",
             d.dir, d.dir);
    assert_non_null(strstr(text, want));
    assert_non_null(strstr(text, "\nnumber_style           auto                     default: each column's style read from its numbers\n"));
    free(text);
    report_free(r);
    settings_free(s);
    tmp_close(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_year_range),
        cmocka_unit_test(test_year_range_every_source),
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_two_files),
        cmocka_unit_test(test_validators),
        cmocka_unit_test(test_file_errors),
        cmocka_unit_test(test_defaults_and_types),
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_for_report),
        cmocka_unit_test(test_explain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
