/*
 * fuzz_baseline.c — libFuzzer harness for the baseline reader
 * (baseline_parse, the same code `check --baseline FILE` runs).
 */
#include <stdint.h>
#include <stdlib.h>

#include "baseline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    baseline *b = baseline_parse((const char *)data, size, "fuzz.json", err, sizeof err);
    baseline_free(b);
    return 0;
}
