/*
 * year.c — reading a report year (see year.h).
 */
#include "model/year.h"

int year_parse(const char *s)
{
    long y = 0;
    int digits = 0;
    for (; *s; s++, digits++) {
        if (*s < '0' || *s > '9' || digits >= 4) return 0;
        y = y * 10 + (*s - '0');
    }
    return digits == 4 && year_in_range(y) ? (int)y : 0;
}
