/*
 * fuzz_load.c — libFuzzer harness for a loader, through the same entry
 * point the command line uses (load_path): the input is written to a file
 * named FUZZ_FILE ("x.csv", "x.md", "lakip-audit.conf", ...) in a private
 * folder, its settings (for the settings file: every line validated and
 * resolved by settings.c) read as main.c does, and loaded into a fresh
 * report. Built once per
 * format by `make fuzz` (tests/fuzz/README.md); a crash, sanitizer report
 * or leak fails the run.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "settings.h"
#include "input/load.h"
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
        if (load_path(r, path, &err) == 0) settings_resolve_report(set, r);
        report_free(r);
    }
    settings_free(set);
    return 0;
}
