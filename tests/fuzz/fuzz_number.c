/*
 * fuzz_number.c — libFuzzer harness for the number reader: number_parse in
 * both styles, number_style_evidence, and decimal_parse / decimal_format
 * round trips on what it reads (a value read must format and re-read to
 * itself: the exactness the audit depends on).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/decimal.h"
#include "model/number.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    (void)number_style_evidence(text, size);
    for (int style = 0; style < 2; style++) {
        number n;
        number_parse(text, size, style ? NUMBER_STYLE_EN : NUMBER_STYLE_ID, &n);
        if (n.kind != NUMBER_VALUE) continue;
        char buf[128];
        if (decimal_format(n.value, '.', 0, buf, sizeof buf) < 0) continue;
        decimal back;
        if (decimal_parse(buf, &back) != DECIMAL_OK) abort();
        if (decimal_cmp(back, n.value) != 0) abort();
    }
    /* decimal_parse on the raw bytes, NUL-terminated */
    char *s = malloc(size + 1);
    if (!s) return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    decimal d;
    (void)decimal_parse(s, &d);
    free(s);
    return 0;
}
