/*
 * bench_parse.c — the floor for `make bench`: parse a CSV file with libcsv
 * and nothing else (no table building, no number parsing, no rules), and
 * print rows and seconds. lakip-audit's full run is compared against it.
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void on_field(void *s, size_t len, void *data) { (void)s; (void)len; (void)data; }
static void on_row(int c, void *data) { (void)c; (*(size_t *)data)++; }

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: bench_parse FILE.csv\n");
        return 2;
    }
    FILE *fp = fopen(argv[1], "rb");
    if (!fp) {
        perror(argv[1]);
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct csv_parser p;
    csv_init(&p, CSV_APPEND_NULL);
    csv_set_delim(&p, ';');
    size_t rows = 0;
    char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        if (csv_parse(&p, buf, n, on_field, on_row, &rows) != n) {
            fprintf(stderr, "%s\n", csv_strerror(csv_error(&p)));
            return 1;
        }
    csv_fini(&p, on_field, on_row, &rows);
    csv_free(&p);
    fclose(fp);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("%zu %.3f\n", rows, secs);
    return 0;
}
