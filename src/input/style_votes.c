/*
 * style_votes.c — the number style votes of a streamed file, range by
 * range (see style_votes.h).
 */
#include "input/style_votes.h"

#include <stdlib.h>
#include <string.h>

#include "util/util.h"

vote_count vote_count_new(size_t ncols)
{
    size_t n = ncols ? ncols : 1;
    return (vote_count){ .id = xcalloc(n, sizeof(long)), .en = xcalloc(n, sizeof(long)) };
}

void vote_count_free(vote_count *c)
{
    free(c->id);
    free(c->en);
    *c = (vote_count){ 0 };
}

void reader_votes_start(reader_votes *r, size_t ncols, size_t from)
{
    *r = (reader_votes){ .ncols = ncols, .from = from };
    grow_array((void **)&r->ranges, &r->cap, 1, sizeof *r->ranges);
    r->ranges[r->n++] = vote_count_new(ncols);
}

vote_count *reader_votes_open(reader_votes *r)
{
    return &r->ranges[r->n - 1];
}

void reader_votes_close(reader_votes *r, bool more)
{
    r->ranges[r->n - 1].complete = true;
    if (!more) return;
    grow_array((void **)&r->ranges, &r->cap, r->n + 1, sizeof *r->ranges);
    r->ranges[r->n++] = vote_count_new(r->ncols);
}

void reader_votes_free(reader_votes *r)
{
    for (size_t i = 0; i < r->n; i++) vote_count_free(&r->ranges[i]);
    free(r->ranges);
    r->ranges = NULL;
    r->n = r->cap = 0;
}

void file_votes_start(file_votes *f, size_t ncols, bool forced, vote_count head, vote_count guess, size_t nranges)
{
    *f = (file_votes){ .ncols = ncols, .forced = forced, .head = head, .guess = guess, .nranges = nranges };
    f->ranges = xcalloc(nranges ? nranges : 1, sizeof *f->ranges);
}

void file_votes_keep(file_votes *f, reader_votes *r)
{
    f->broken |= r->ran_over;
    for (size_t i = 0; i < r->n; i++) {
        size_t k = r->from + i;
        vote_count *c = &r->ranges[i];
        if (k < f->nranges && c->complete && !f->ranges[k].complete) {
            f->ranges[k] = *c;                  /* taken over */
            *c = (vote_count){ 0 };
        }
    }
    reader_votes_free(r);
    r->ran_over = false;
}

static int sign(long v)
{
    return (v > 0) - (v < 0);
}

bool file_votes_held(const file_votes *f)
{
    if (f->forced) return true;
    if (f->broken) return false;
    long file = f->head.file;
    for (size_t k = 0; k < f->nranges; k++) {
        if (!f->ranges[k].complete) return false;
        file += f->ranges[k].file;
    }
    if ((file < 0) != (f->guess.file < 0)) return false;
    for (size_t c = 0; c < f->ncols; c++) {
        long id = f->head.id[c], en = f->head.en[c];
        for (size_t k = 0; k < f->nranges; k++) {
            id += f->ranges[k].id[c];
            en += f->ranges[k].en[c];
        }
        if (sign(id - en) != sign(f->guess.id[c] - f->guess.en[c])) return false;
    }
    return true;
}

void file_votes_free(file_votes *f)
{
    vote_count_free(&f->head);
    vote_count_free(&f->guess);
    for (size_t k = 0; k < f->nranges; k++) vote_count_free(&f->ranges[k]);
    free(f->ranges);
    *f = (file_votes){ 0 };
}
