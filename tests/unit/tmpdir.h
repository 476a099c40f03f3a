/*
 * tmpdir.h — a private folder of small files for a unit test: made under
 * /tmp with mkdtemp, its files written whole, all removed by tmp_close.
 * Include after <cmocka.h> (the helpers assert).
 */
#ifndef LAKIP_TEST_TMPDIR_H
#define LAKIP_TEST_TMPDIR_H

#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    char dir[64];
    char files[8][160];
    int nfiles;
} tmpdir;

static void tmp_open(tmpdir *d)
{
    memset(d, 0, sizeof *d);
    snprintf(d->dir, sizeof d->dir, "/tmp/lakip-test-XXXXXX");
    assert_non_null(mkdtemp(d->dir));
}

/* Writes name in the folder (again: the same slot); returns its path. */
static const char *tmp_write(tmpdir *d, const char *name, const char *text)
{
    char built[160];
    snprintf(built, sizeof built, "%s/%s", d->dir, name);
    int slot = 0;
    while (slot < d->nfiles && strcmp(d->files[slot], built) != 0) slot++;
    if (slot == d->nfiles) {
        assert_true(d->nfiles < 8);
        d->nfiles++;
    }
    char *path = d->files[slot];
    memcpy(path, built, sizeof built);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* Removes every file written (one already removed is no matter) and the folder. */
static void tmp_close(tmpdir *d)
{
    for (int i = 0; i < d->nfiles; i++) unlink(d->files[i]);
    rmdir(d->dir);
}

#endif
