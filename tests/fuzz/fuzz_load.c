/*
 * fuzz_load.c — libFuzzer harness for a loader, through the same entry
 * point the command line uses (load_path): the input is written to a file
 * named FUZZ_FILE ("x.csv", "x.md", "lakip-audit.conf", ...) in a private
 * folder, its settings (for the settings file: every line validated and
 * resolved by settings.c) read as main.c does, and loaded into a fresh
 * report; a spreadsheet export is also read as it streams and must give
 * the same table (compare_stream). Built once per
 * format by `make fuzz` (tests/fuzz/README.md); a crash, sanitizer report
 * or leak fails the run.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "settings.h"
#include "input/csv_stream.h"
#include "input/load.h"
#include "model/decimal.h"
#include "model/report.h"

#ifndef FUZZ_FILE
#error "build with -DFUZZ_FILE='\"x.csv\"'"
#endif

static char path[4096];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *base = getenv("TMPDIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/lakip-fuzz-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        exit(1);
    }
    snprintf(path, sizeof path, "%s/%s", dir, FUZZ_FILE);
    return 0;
}

/* A spreadsheet export read as it streams (input/csv_stream.h) must give
 * the table csv_load gives, row for row, or not stream at all: any
 * difference aborts. */
static bool same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static void compare_stream(enum style_choice style, const report *whole)
{
    report *shell = report_new(style);
    csv_stream *cs;
    if (!load_stream(shell, path, 2, &cs)) {
        report_free(shell);
        return;
    }
    int rc;
    size_t row;
    while ((rc = csv_stream_next(cs, &row)) == 0 || rc == 1) continue;
    if (rc == 2) {
        const table *a = table_builder_table(csv_stream_builder(cs));
        const table *b = whole && report_table_count(whole) == 1 ? report_table(whole, 0) : NULL;
        if (!b || table_row_count(a) != table_row_count(b) || table_column_count(a) != table_column_count(b)
            || table_header_line(a) != table_header_line(b) || !same_text(table_caption(a), table_caption(b)))
            abort();
        for (size_t c = 0; c < table_column_count(a); c++)
            if (table_column_role(a, c) != table_column_role(b, c) || table_column_number_style(a, c) != table_column_number_style(b, c)
                || table_column_style_basis(a, c) != table_column_style_basis(b, c)
                || !same_text(table_column_header(a, c), table_column_header(b, c)))
                abort();
        for (size_t r = 0; r < table_row_count(a); r++) {
            if (table_row_line(a, r) != table_row_line(b, r) || table_row_kind(a, r) != table_row_kind(b, r)
                || !same_text(table_row_group(a, r), table_row_group(b, r)))
                abort();
            for (size_t c = 0; c < table_column_count(a); c++) {
                const cell *x = table_cell(a, r, c), *y = table_cell(b, r, c);
                if (!same_text(x->text, y->text) || x->filled != y->filled || x->num.kind != y->num.kind
                    || x->num.flags != y->num.flags || !same_text(x->num.unit, y->num.unit) || !same_text(x->num.note, y->num.note)
                    || (x->num.kind == NUMBER_VALUE && decimal_cmp(x->num.value, y->num.value) != 0))
                    abort();
            }
        }
    }
    load_stream_close(cs);
    report_free(shell);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    if (size && fwrite(data, 1, size, f) != size) abort();
    if (fclose(f) != 0) abort();
    settings *set = settings_new();
    char *const paths[] = { path };
    load_error err = { .line = 0 };
    if (settings_read_files(set, paths, 1, NULL, &err) == 0) {
        report *r = report_new(settings_number_style(set));
        int loaded = load_path(r, path, &err);
        if (loaded == 0) settings_resolve_report(set, r);
        if (strcmp(FUZZ_FILE, "x.csv") == 0) compare_stream(settings_number_style(set), loaded == 0 ? r : NULL);
        report_free(r);
    }
    settings_free(set);
    return 0;
}
