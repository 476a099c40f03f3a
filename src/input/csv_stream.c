/*
 * csv_stream.c — a spreadsheet export read as it streams (see
 * csv_stream.h).
 *
 * The text is read in blocks and fed to libcsv one physical line at a
 * time, as csv_load.c feeds it, so each record keeps the line it starts
 * on; a line is only fed once its end is in the buffer ("\r\n" never
 * split). A record's fields go into one reused buffer instead of a malloc
 * each; those of a plain line (csv_plain.h, most lines) stay where they
 * are in the line, ended in place. The first records (up to the header, the record after it and
 * BUILD_HEADER_SEARCH non-blank ones) are kept as a record list for
 * table_builder_start, in both passes the same list; the records after
 * them are passed on one at a time.
 *
 * Uses libcsv (csv.h), csv_load.h, table_build.h, utf8.h. Never touches Lua.
 */
#include "input/csv_stream.h"

#include <csv.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "input/csv_load.h"
#include "input/csv_plain.h"
#include "input/style_votes.h"
#include "util/input_file.h"
#include "util/text_decode.h"
#include "util/utf8.h"
#include "util/util.h"

#define BLOCK (1u << 20)
/* A fork reads its chunk (about a megabyte, and the report it ends in)
 * in smaller blocks: read a megabyte at a time, each would read about
 * as much again of the next chunk's text, which that chunk reads too. */
#define FORK_BLOCK (1u << 16)

/* One record's fields in one buffer: texts NUL-terminated one after the other. */
typedef struct {
    char *text;
    size_t len, cap;
    size_t *starts;
    size_t nfields, starts_cap;
    char **fields;              /* pointers into text, made when the record closes; or into the line */
    size_t fields_cap;
} field_buf;

struct csv_stream {
    int fd;
    char *path;
    char delim;
    size_t bom;
    /* reading */
    char *buf;
    size_t pos, len, cap;
    size_t block;               /* read at least this much at a time */
    off_t buf_at;               /* the file offset of buf[0] */
    off_t read_at;              /* of the next read */
    off_t limit;                /* 0, or where this reader stops (a line start): the end for it */
    off_t cr_free;              /* no '\r' in the buffer from the position up to this file offset */
    bool eof;
    atomic_bool *stop;          /* when set (by another thread): give up */
    int line;                   /* of the next line fed */
    struct csv_parser p;
    bool parser_on;
    bool open;                  /* a record is open */
    int record_line;            /* where it started */
    bool finished;              /* csv_fini called */
    bool too_long;              /* a cell over INPUT_MAX_CELL */
    field_buf cur, ready;
    bool has_ready;
    bool ready_clean;           /* its line was found clean whole (build_line_clean) */
    bool ready_packed;          /* its fields one after the other in the line (csv_plain.h) */
    bool rows;                  /* the rows' pass (csv_stream_next): lines are checked for record.clean */
    int ready_line;
    off_t ready_at;             /* the file offset of its line, when it is a plain one (ready_plain) */
    bool ready_plain;           /* one whole line split without libcsv: it starts where its line does */
    bool overrun;               /* two records closed in one line: never expected */
    bool not_utf8;              /* a line was not UTF-8 */
    bool cp1252;                /* read as Windows-1252, each line decoded (read_text's choice) */
    char *decoded;              /* the line decoded */
    size_t decoded_cap;
    /* records */
    record_list head;           /* the first records, kept */
    size_t index;               /* records passed so far, head included */
    build_options o;
    table_builder *b;
    size_t next;                /* first record after the head (table_builder_start) */
    /* the number style votes, kept for the builders of forks */
    long *vote_id, *vote_en;
    /* where the rows' pass may start reading on another thread (a plain
     * record start at least CUT_EVERY bytes after the one before, and
     * its line), found by the survey; next_cut: where the next may be */
    struct cut { off_t at; int line; } *cuts;
    size_t ncuts, cuts_cap;
    off_t next_cut;
    off_t cut_every;            /* CUT_EVERY, or LAKIP_CUT_BYTES (tests: cuts every few rows) */
    bool borrowed;              /* its file, path and head are another reader's (reader_like) */
    /* the survey's settings, for csv_stream_survey_whole */
    enum style_choice choice;
    int threads;
    /* the number styles guessed from the head and the first megabyte
     * (style_votes.h): each reader counts the votes of the records it
     * reads, range by range, and the root keeps the file's counts */
    bool guessed;
    const csv_stream *root;     /* the reader the survey made: itself, or a fork's parent */
    unsigned char *modes;       /* the root's: the votes each column takes part in */
    size_t nmodes, ncols;
    file_votes *fv;             /* the root's */
    reader_votes rv;            /* this reader's counts */
    int vote_until;             /* the line the open range ends at (INT_MAX: it is the last) */
    size_t vote_after;          /* records not counted first (the root's head: counted by the survey) */
};

static void field_buf_free(field_buf *f)
{
    free(f->text);
    free(f->starts);
    free(f->fields);
}

static void on_field(void *data, size_t len, void *ctx)
{
    csv_stream *s = ctx;
    field_buf *f = &s->cur;
    if (len > INPUT_MAX_CELL) s->too_long = true;
    /* the sizes checked here: this runs for every field of both passes */
    if (f->len + len + 1 > f->cap) grow_array((void **)&f->text, &f->cap, f->len + len + 1, 1);
    if (len) memcpy(f->text + f->len, data, len);
    if (f->nfields + 1 > f->starts_cap) grow_array((void **)&f->starts, &f->starts_cap, f->nfields + 1, sizeof *f->starts);
    f->starts[f->nfields++] = f->len;
    f->len += len;
    f->text[f->len++] = '\0';
}

/* The record closes: cur becomes ready. Its field pointers are made here
 * from the starts, unless the fields were left in the line
 * (csv_plain_split_in_place made them). */
static void close_record(csv_stream *s, bool in_place)
{
    if (s->has_ready) s->overrun = true;
    field_buf t = s->ready;
    s->ready = s->cur;
    s->cur = t;
    s->cur.len = s->cur.nfields = 0;
    s->ready_line = s->record_line;
    field_buf *f = &s->ready;
    if (!in_place) {
        grow_array((void **)&f->fields, &f->fields_cap, f->nfields + 1, sizeof *f->fields);
        for (size_t i = 0; i < f->nfields; i++) f->fields[i] = f->text + f->starts[i];
    }
    s->has_ready = true;
    s->ready_clean = false;
    s->ready_packed = false;
    s->ready_plain = false;
    s->open = false;
}

static void on_record(int c, void *ctx)
{
    (void)c;
    close_record(ctx, false);
}

/* The next physical line in the buffer, reading more as needed: its
 * length, 0 at the end of the file; -1 on a read error. */
static long next_line(csv_stream *s, const char **line)
{
    for (;;) {
        /* the first line end: '\n', or a '\r' before it */
        const char *nl = memchr(s->buf + s->pos, '\n', s->len - s->pos);
        size_t end = nl ? (size_t)(nl - s->buf) : s->len;
        /* a '\r' is looked for through the rest of the buffer at once, and
         * not again before the offset it was found at (or the buffer's
         * end): a file of "\n" lines is searched once a block, not once a
         * line; one of "\r\n" lines once a line, as before */
        if (s->buf_at + (off_t)end > s->cr_free) {
            const char *cr = memchr(s->buf + s->pos, '\r', s->len - s->pos);
            s->cr_free = s->buf_at + (off_t)(cr ? (size_t)(cr - s->buf) : s->len);
            if (cr && (size_t)(cr - s->buf) < end) end = (size_t)(cr - s->buf);
        }
        bool whole = false;
        if (end < s->len) {
            if (s->buf[end] == '\n') whole = true, end++;
            else if (end + 1 < s->len) whole = true, end += s->buf[end + 1] == '\n' ? 2 : 1;
            else if (s->eof) whole = true, end++;
        } else if (s->eof) {
            whole = true;
        }
        if (whole) {
            *line = s->buf + s->pos;
            long n = (long)(end - s->pos);
            s->pos = end;
            return n;
        }
        /* keep what is left, read more */
        memmove(s->buf, s->buf + s->pos, s->len - s->pos);
        s->len -= s->pos;
        s->buf_at += (off_t)s->pos;
        s->pos = 0;
        if (s->cap - s->len < s->block) grow_array((void **)&s->buf, &s->cap, s->len + s->block + 1, 1);
        size_t want = s->cap - s->len - 1;
        if (s->limit && (off_t)want > s->limit - s->read_at) want = (size_t)(s->limit - s->read_at);
        ssize_t got = want ? pread(s->fd, s->buf + s->len, want, s->read_at) : 0;
        if (got < 0) return -1;
        if (got == 0) s->eof = true;
        s->read_at += got;
        s->len += (size_t)got;
        s->buf[s->len] = '\0';
    }
}

static void reset_reading(csv_stream *s)
{
    if (s->parser_on) csv_free(&s->p);
    s->parser_on = false;
    s->pos = s->len = 0;
    s->cr_free = 0;
    s->limit = 0;
    s->eof = false;
    s->line = 1;
    s->open = s->has_ready = s->overrun = s->too_long = s->finished = false;
    s->cur.len = s->cur.nfields = 0;
    s->index = 0;
}

/* Reading from offset at (a line start) with a new parser. */
static bool start_at(csv_stream *s, off_t at)
{
    reset_reading(s);
    s->buf_at = s->read_at = at;
    if (csv_init(&s->p, CSV_APPEND_NULL) != 0) return false;
    s->parser_on = true;
    csv_set_delim(&s->p, (unsigned char)s->delim);
    csv_set_space_func(&s->p, csv_is_space);
    return true;
}

/* From the start of the file: the byte order mark skipped, the parser set. */
static bool rewind_file(csv_stream *s)
{
    return start_at(s, (off_t)s->bom);
}

#ifndef __SSE2__
/* A word's bytes that are NUL, flagged in their high bit (nonzero when
 * the word holds one). */
static uint64_t zero_bytes(uint64_t w)
{
    return (w - 0x0101010101010101u) & ~w & 0x8080808080808080u;
}
#endif

/* Whether s[0..n) is all ASCII without a NUL (what utf8_check_text
 * accepts as it stands): most lines of a data file are, and
 * utf8_check_text, eight bytes at a time, is asked only about the others
 * (it also refuses a NUL byte: so must this). With SSE2 sixteen bytes at
 * a time, a byte's high bit or its being 0 in one mask; the last bytes
 * of a line of 16 or more as the sixteen before its end. */
static bool all_ascii(const char *s, size_t n)
{
#ifdef __SSE2__
    const __m128i zero = _mm_setzero_si128();
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        if (_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, zero)))) return false;
    }
    if (i < n && n >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + n - 16));
        return !_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, zero)));
    }
    for (; i < n; i++)
        if ((unsigned char)s[i] & 0x80 || s[i] == '\0') return false;
    return true;
#else
    const uint64_t high = 0x8080808080808080u;
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        uint64_t a, b, c, d;
        memcpy(&a, s + i, 8);
        memcpy(&b, s + i + 8, 8);
        memcpy(&c, s + i + 16, 8);
        memcpy(&d, s + i + 24, 8);
        if (((a | b | c | d) & high) || zero_bytes(a) || zero_bytes(b) || zero_bytes(c) || zero_bytes(d)) return false;
    }
    for (; i < n; i++)
        if ((unsigned char)s[i] & 0x80 || s[i] == '\0') return false;
    return true;
#endif
}

/* build_line_clean of line[0..n) without its end, which is NUL-ended for
 * it in the meantime (the line is this reader's); false for a line with
 * no end (never plain). */
static bool line_clean(const char *line, size_t n)
{
    size_t end = n;
    if (end && line[end - 1] == '\n') end--;
    if (end && line[end - 1] == '\r') end--;
    if (end == n) return false;
    char *at = (char *)line + end, saved = *at;
    *at = '\0';
    bool clean = build_line_clean(line, end);
    *at = saved;
    return clean;
}

/* The next record into s->ready: 1, 0 at the end, -1 when the file cannot
 * be streamed (not UTF-8, a parse error, a cell too long, quotes). With
 * quotes set, the quote scan is fed too. */
static int read_record(csv_stream *s, csv_quote_scan *quotes)
{
    s->has_ready = false;
    for (;;) {
        const char *text;
        long n = next_line(s, &text);
        if (n < 0 || (s->stop && atomic_load_explicit(s->stop, memory_order_relaxed))) return -1;
        if (n == 0 && s->limit) return 0;       /* this reader's part ends here, not the file */
        if (n == 0) {
            if (quotes && quotes->quoted) return -1;
            if (!s->finished) csv_fini(&s->p, on_field, on_record, s);
            s->finished = true;
            break;
        }
        off_t line_at = s->buf_at + (off_t)(text - s->buf);
        size_t off;
        if (s->cp1252) {
            /* one byte, one character: lines and delimiters stay where they were */
            grow_array((void **)&s->decoded, &s->decoded_cap, (size_t)n * 3 + 1, 1);
            size_t len, bad;
            if (!text_cp1252_to_utf8(text, (size_t)n, s->decoded, &len, &bad)) return -1;
            text = s->decoded;
            n = (long)len;
        } else if (!all_ascii(text, (size_t)n) && utf8_check_text(text, (size_t)n, &off)) {
            s->not_utf8 = true;
            return -1;
        }
        /* most lines hold no quote: split without libcsv, same fields, left
         * in the line (this reader's buffer or the decoded copy, not read
         * again) and ended in place; the quote scan only counts the line */
        size_t plain = 0, longest = 0;
        bool clean = false, packed = false;
        if (!s->open && !(quotes && quotes->quoted)) {
            /* looked at before the split writes its NULs; the survey does
             * not clean cells */
            clean = s->rows && line_clean(text, (size_t)n);
            plain = csv_plain_split_in_place((char *)text, (size_t)n, s->delim, &s->cur.fields, &s->cur.fields_cap,
                                             &longest, &packed);
        }
        if (plain) {
            s->cur.nfields = plain;
            if (longest > INPUT_MAX_CELL) s->too_long = true;
            if (quotes) csv_quote_scan_plain_line(quotes);
            s->record_line = s->line++;
            close_record(s, true);
            s->ready_clean = clean;
            s->ready_packed = packed;
            s->ready_plain = true;
            s->ready_at = line_at;
            if (s->too_long || s->overrun) return -1;
            break;
        }
        if (quotes) csv_quote_scan_feed(quotes, text, (size_t)n, s->delim);
        if (!s->open && !csv_line_blank(text, (size_t)n)) {
            s->open = true;
            s->record_line = s->line;
        }
        s->line++;
        if (csv_parse(&s->p, text, (size_t)n, on_field, on_record, s) != (size_t)n) return -1;
        if (s->too_long || s->overrun) return -1;
        if (s->has_ready) break;
    }
    if (s->too_long || s->overrun) return -1;
    return s->has_ready ? 1 : 0;
}

static record ready_record(const csv_stream *s)
{
    return (record){ .line = s->ready_line, .nfields = s->ready.nfields, .fields = s->ready.fields,
                     .clean = s->ready_clean, .packed = s->ready_packed };
}

static void keep_record(record_list *l, const record *r)
{
    char **fields = xcalloc(r->nfields ? r->nfields : 1, sizeof *fields);
    for (size_t i = 0; i < r->nfields; i++) fields[i] = xstrdup(r->fields[i]);
    record_list_push(l, r->line, fields, r->nfields);
}

/* Reads the head into s->head (the first pass only). 1, 0 when the file
 * has no header, -1 when it cannot be streamed. */
static int read_head(csv_stream *s, csv_quote_scan *quotes)
{
    size_t nonblank = 0;
    long h = -1;
    for (;;) {
        if (nonblank >= BUILD_HEADER_SEARCH) {
            if (h < 0) h = build_find_header(&s->head);
            if (h < 0) return 0;
            if (s->head.count >= (size_t)h + 2) return 1;
        }
        int rc = read_record(s, quotes);
        if (rc < 0) return -1;
        if (rc == 0) return build_find_header(&s->head) >= 0 ? 1 : 0;
        record r = ready_record(s);
        keep_record(&s->head, &r);
        s->index++;
        nonblank += !record_is_blank(&r);
    }
}

/* What the survey counts, and what it counts it with. */
typedef struct {
    const table_builder *probe;     /* the column roles (a builder of the head) */
    const unsigned char *modes;     /* which votes each column takes part in (table_builder_vote_modes) */
    size_t nmodes;
    long *id, *en;                  /* each column's votes */
    long file;                      /* the file-wide vote */
} votes;

/* Rows' passes on other threads start at cuts this far apart or more:
 * about 4 600 rows of the bench file. Each costs its thread a report
 * read twice (the one the cut falls in) and a few allocations; the
 * results of a few cuts per thread wait in memory to be taken in order. */
#define CUT_EVERY ((off_t)1 << 20)

static void add_cut(csv_stream *s, off_t at, int line)
{
    grow_array((void **)&s->cuts, &s->cuts_cap, s->ncuts + 1, sizeof *s->cuts);
    s->cuts[s->ncuts++] = (struct cut){ at, line };
    s->next_cut = at + s->cut_every;
}

/* Counts the votes of s's records up to its end: 0, or -1 at a record
 * that cannot be streamed. A plain record (a whole line, outside quotes)
 * far enough from the last cut is a cut: the rows' pass can start there
 * with a new parser and read the records the survey read. */
static int count_votes(csv_stream *s, csv_quote_scan *quotes, votes *v)
{
    int rc;
    while ((rc = read_record(s, quotes)) > 0) {
        if (s->ready_plain && s->ready_at >= s->next_cut) add_cut(s, s->ready_at, s->ready_line);
        record r = ready_record(s);
        if (!table_builder_fits(v->probe, &r)) return -1;
        v->file += table_builder_vote_both(v->modes, v->nmodes, &r, v->id, v->en);
    }
    return rc;
}

/* Files smaller than this are surveyed on one thread. */
#define SPLIT_MIN BLOCK

/* The start of the line after the first '\n' at or past offset `at`; 0
 * when there is none (near enough: 1 MiB on). Only '\n' ends a line here
 * ("\r\n" included): a line end never falls inside a UTF-8 or
 * Windows-1252 character. */
static off_t line_start_from(const csv_stream *s, off_t at, off_t size)
{
    char block[4096];
    for (int k = 0; k < 256; k++) {
        ssize_t got = pread(s->fd, block, sizeof block, at);
        if (got <= 0) return 0;
        const char *nl = memchr(block, '\n', (size_t)got);
        if (nl) {
            off_t start = at + (nl - block) + 1;
            return start < size ? start : 0;
        }
        at += got;
    }
    return 0;
}

/* Where the survey's second part starts: a line start past the middle of
 * what is left after offset `from`; 0 for one part (little left, or no
 * line end near the middle). */
static off_t split_point(const csv_stream *s, off_t from)
{
    struct stat st;
    if (fstat(s->fd, &st) != 0 || st.st_size - from < SPLIT_MIN) return 0;
    return line_start_from(s, from + (st.st_size - from) / 2, st.st_size);
}

/* Where a guess's survey stops: the first line start `bytes` or more into
 * the file and past what the reader has read (the head); 0 when the file
 * ends before (it is surveyed whole). */
static off_t guess_point(const csv_stream *s, off_t bytes)
{
    struct stat st;
    off_t from = s->buf_at + (off_t)s->pos;
    if (bytes <= 0 || fstat(s->fd, &st) != 0) return 0;
    return line_start_from(s, from > bytes ? from : bytes, st.st_size);
}

/* The cuts of the rest of the file, from a record start, without reading
 * its records: a line that csv_plain would split, read outside quotes, is
 * a record of its own, as the survey's count_votes finds it (the quote
 * scan stands for libcsv in between; a cut it gets wrong is found by the
 * reader that reads over it: style_votes.h). 0, or -1: a quote never
 * closes, or the file cannot be read. */
static int scan_cuts(csv_stream *s, csv_quote_scan *quotes)
{
    for (;;) {
        const char *text;
        long n = next_line(s, &text);
        if (n < 0 || (s->stop && atomic_load_explicit(s->stop, memory_order_relaxed))) return -1;
        if (n == 0 && s->limit) return 0;       /* this reader's part ends here: the caller looks at quotes */
        if (n == 0) return quotes->quoted ? -1 : 0;
        if (!quotes->quoted && csv_plain_line(text, (size_t)n, s->delim)) {
            off_t at = s->buf_at + (off_t)(text - s->buf);
            if (at >= s->next_cut) add_cut(s, at, s->line);
            csv_quote_scan_plain_line(quotes);
        } else {
            csv_quote_scan_feed(quotes, text, (size_t)n, s->delim);
        }
        s->line++;
    }
}

/* This reader stops at offset `at`, past its position: text it has read
 * beyond is dropped (it is the second part's), and were it to go on after
 * all (limit 0), it would read on from there. */
static void set_limit(csv_stream *s, off_t at)
{
    s->cr_free = 0;             /* what was read beyond is dropped: looked at again */
    if (s->buf_at + (off_t)s->len > at) {
        s->len = (size_t)(at - s->buf_at);
        s->buf[s->len] = '\0';
        s->read_at = at;
        s->eof = false;
    }
    s->limit = at;
}

/* The second part of a survey, or of the scan for cuts after a guess, on
 * another thread: its own reader from the split to the end of the file,
 * its own counts (a survey's) and cuts. */
typedef struct {
    csv_stream *t;
    bool count;                     /* a survey's: count the votes (else only scan for cuts) */
    votes v;
    atomic_bool stop;               /* the first part found the split unusable, or failed */
    int rc;
} second_part;

static void *run_second_part(void *arg)
{
    second_part *sp = arg;
    csv_quote_scan quotes = CSV_QUOTE_SCAN_INIT;
    sp->rc = sp->count ? count_votes(sp->t, &quotes, &sp->v) : scan_cuts(sp->t, &quotes);
    return NULL;
}

/* Another reader of s's file, read as s reads it, reading `block` bytes
 * at a time; s must outlive it. */
static csv_stream *reader_like(const csv_stream *s, size_t block)
{
    csv_stream *t = xcalloc(1, sizeof *t);
    t->borrowed = true;
    t->fd = s->fd;
    t->path = s->path;
    t->delim = s->delim;
    t->bom = s->bom;
    t->cp1252 = s->cp1252;
    t->o = s->o;
    t->cut_every = s->cut_every;
    t->buf = xmalloc(block + 1);
    t->cap = block + 1;
    t->block = block;
    return t;
}

static void second_part_free(second_part *sp)
{
    csv_stream_free(sp->t);
    free(sp->v.id);
    free(sp->v.en);
}

/* Starts a thread reading from offset `split` to the end in a reader like
 * s: counting the votes when v is given (ncols columns), else scanning for
 * cuts. false: it did not start (sp freed). */
static bool start_second_part(const csv_stream *s, off_t split, const votes *v, size_t ncols, second_part *sp,
                              pthread_t *thread)
{
    *sp = (second_part){ .t = reader_like(s, BLOCK), .count = v != NULL };
    if (v) {
        sp->v = *v;
        sp->v.id = xcalloc(ncols, sizeof *sp->v.id);
        sp->v.en = xcalloc(ncols, sizeof *sp->v.en);
        sp->v.file = 0;
    }
    atomic_init(&sp->stop, false);
    sp->t->stop = &sp->stop;
    sp->t->next_cut = split;
    if (start_at(sp->t, split) && pthread_create(thread, NULL, run_second_part, sp) == 0) return true;
    second_part_free(sp);
    return false;
}

/* Waits for the second part once s has read up to the split, and lets s
 * read on past it. When s ended at a record start the second part's cuts
 * are s's too, their lines counted on from s's (the second part counted
 * from 1 at the split), and true; else the second part was stopped. */
static bool join_second_part(csv_stream *s, second_part *sp, pthread_t thread, bool at_record_start)
{
    if (!at_record_start) atomic_store(&sp->stop, true);
    pthread_join(thread, NULL);
    s->limit = 0;
    s->eof = false;
    if (at_record_start)
        for (size_t k = 0; k < sp->t->ncuts; k++) add_cut(s, sp->t->cuts[k].at, sp->t->cuts[k].line - 1 + s->line);
    return at_record_start;
}

/* scan_cuts from s's position to the end, the second half on another
 * thread from a line start past the middle (split_point), as the
 * whole survey's votes were counted (survey): on the bench file's 217 MB
 * the scan is the one part of the run on a single thread, about 40 ms.
 * When the first half ends inside a quoted field, the second half's cuts
 * are dropped and the scan goes on from the split on this thread, with
 * the quote state the first half ended in. The cuts then lie elsewhere
 * than one thread would put them, each still a record start. */
static int scan_cuts_in_two(csv_stream *s, csv_quote_scan *quotes)
{
    off_t split = split_point(s, s->buf_at + (off_t)s->pos);
    second_part sp;
    pthread_t thread;
    if (!split || !start_second_part(s, split, NULL, 0, &sp, &thread)) return scan_cuts(s, quotes);
    set_limit(s, split);
    int rc = scan_cuts(s, quotes);
    if (join_second_part(s, &sp, thread, rc == 0 && !quotes->quoted)) rc = sp.rc;
    else if (rc == 0) rc = scan_cuts(s, quotes);        /* a quoted field runs over the split */
    second_part_free(&sp);
    return rc;
}

/* The survey: the head, then the records' votes; sets s->o.style and
 * the column styles of a new builder. 1, or 0 / -1: not streamable.
 *
 * With guess_bytes, in a file longer than that, only the records of its
 * first guess_bytes are counted: the styles are guessed from them, and
 * the rest of the file is only looked through for its cuts (scan_cuts),
 * its records' votes counted as the rows are read (style_votes.h; the
 * caller checks the guess when the file is read: csv_stream_guess_held).
 *
 * Otherwise every record is counted. With threads > 1 and a large file
 * the records after the head are counted in two parts at once, split at
 * a line start (split_point): the votes are sums, so adding the parts'
 * gives the one-pass counts. A line start is a record start unless a
 * quoted field runs over it: the first part, read up to the split, says
 * whether it ends inside a record (libcsv or the quote scan open), and
 * then the second part's counts are dropped and the rest is read on this
 * thread as before. The first record that cannot be streamed decides as
 * in one pass: the first part's, else the second's. */
static int survey(csv_stream *s, off_t guess_bytes)
{
    csv_quote_scan quotes = CSV_QUOTE_SCAN_INIT;
    s->ncuts = 0;
    s->next_cut = (off_t)s->bom + s->cut_every;
    int rc = read_head(s, &quotes);
    if (rc <= 0) return rc;
    /* the column roles, for the votes: a builder of the head alone */
    load_error err;
    table_builder *probe = table_builder_start(&s->head, &s->o, &s->next, &err);
    if (!probe) return 0;
    size_t ncols = table_builder_columns(probe) ? table_builder_columns(probe) : 1;
    long *id = xcalloc(ncols, sizeof *id), *en = xcalloc(ncols, sizeof *en);
    long h = build_find_header(&s->head);
    const record *hr = &s->head.items[h];
    bool *text_col = style_text_columns(hr);
    size_t nmodes;
    unsigned char *modes = table_builder_vote_modes(probe, hr, text_col, &nmodes);
    votes v = { probe, modes, nmodes, id, en, 0 };
    for (size_t i = (size_t)h + 1; i < s->head.count; i++) v.file += record_style_evidence(hr, text_col, &s->head.items[i]);
    for (size_t i = s->next; i < s->head.count; i++) {
        table_builder_vote(probe, &s->head.items[i], id, en);
        if (!table_builder_fits(probe, &s->head.items[i])) rc = -1;
    }
    /* a guess: the head's votes apart (the readers count what follows) */
    off_t guess_at = rc > 0 ? guess_point(s, guess_bytes) : 0;
    vote_count head = { 0 };
    if (guess_at) {
        head = vote_count_new(ncols);
        memcpy(head.id, id, ncols * sizeof *id);
        memcpy(head.en, en, ncols * sizeof *en);
        head.file = v.file;
    }
    second_part sp;
    pthread_t thread;
    off_t split = !guess_at && s->threads > 1 && rc > 0 ? split_point(s, s->buf_at + (off_t)s->pos) : 0;
    bool two = split && start_second_part(s, split, &v, ncols, &sp, &thread);
    if (two) set_limit(s, split);
    else if (guess_at) set_limit(s, guess_at);
    if (rc > 0) rc = count_votes(s, &quotes, &v);
    if (two) {
        if (join_second_part(s, &sp, thread, rc == 0 && !s->open && !quotes.quoted)) {
            rc = sp.rc;
            s->not_utf8 = sp.t->not_utf8;
            v.file += sp.v.file;
            for (size_t c = 0; c < ncols; c++) {
                id[c] += sp.v.id[c];
                en[c] += sp.v.en[c];
            }
        } else if (rc == 0) {
            rc = count_votes(s, &quotes, &v);         /* a quoted field runs over the split */
        }
        second_part_free(&sp);
    }
    bool guessed = false;
    if (guess_at) {
        bool at_record_start = rc == 0 && !s->open && !quotes.quoted;
        s->limit = 0;
        s->eof = false;
        if (at_record_start) {
            /* the rest only for its cuts (none with one thread: the one
             * reader reads from the start) and a quote that never closes */
            guessed = true;
            if (s->threads <= 1) s->next_cut = (off_t)INT64_MAX;
            rc = s->threads > 1 ? scan_cuts_in_two(s, &quotes) : scan_cuts(s, &quotes);
        } else if (rc == 0) {
            rc = count_votes(s, &quotes, &v);         /* a quoted field runs over the guess's end */
        }
    }
    table_builder_free(probe);
    free(text_col);
    if (rc == 0) {
        if (s->choice == STYLE_FORCE_EN) s->o.style = NUMBER_STYLE_EN;
        else if (s->choice == STYLE_FORCE_ID) s->o.style = NUMBER_STYLE_ID;
        else s->o.style = v.file < 0 ? NUMBER_STYLE_EN : NUMBER_STYLE_ID;
        s->o.style_forced = s->choice != STYLE_AUTO;
        s->b = table_builder_start(&s->head, &s->o, &s->next, &err);
        if (s->b) table_builder_set_styles(s->b, id, en);
        else rc = 0;
    }
    if (guessed && rc == 0) {
        vote_count guess = vote_count_new(ncols);
        memcpy(guess.id, id, ncols * sizeof *id);
        memcpy(guess.en, en, ncols * sizeof *en);
        guess.file = v.file;
        s->guessed = true;
        s->root = s;
        s->modes = modes;
        s->nmodes = nmodes;
        s->ncols = ncols;
        modes = NULL;
        s->fv = xmalloc(sizeof *s->fv);
        file_votes_start(s->fv, ncols, s->choice != STYLE_AUTO, head, guess, s->ncuts + 1);
        reader_votes_start(&s->rv, ncols, 0);
        s->vote_until = s->ncuts ? s->cuts[0].line : INT_MAX;
        s->vote_after = s->head.count;
    } else {
        vote_count_free(&head);
    }
    free(modes);
    free(s->vote_id);
    free(s->vote_en);
    s->vote_id = id;            /* for the builders of forks */
    s->vote_en = en;
    return rc < 0 ? -1 : 1;
}

/* What a survey made, gone: before surveying again. */
static void forget_survey(csv_stream *s)
{
    table_builder_free(s->b);
    s->b = NULL;
    record_list_free(&s->head);
    free(s->vote_id);
    free(s->vote_en);
    s->vote_id = s->vote_en = NULL;
    free(s->modes);
    s->modes = NULL;
    if (s->fv) file_votes_free(s->fv);
    free(s->fv);
    s->fv = NULL;
    reader_votes_free(&s->rv);
    s->guessed = false;
    s->ncuts = 0;
}

/* The survey, then read from the start: as UTF-8, and when a line is not
 * UTF-8 in a file without a UTF-8 mark, again as Windows-1252 from the
 * start, as read_text decides for the whole file (a line neither can read
 * makes it not streamable, and the whole load reports it). */
static bool survey_file(csv_stream *s, off_t guess_bytes)
{
    s->rows = false;
    int rc = rewind_file(s) ? survey(s, guess_bytes) : -1;
    if (rc < 0 && s->not_utf8 && !s->bom) {
        forget_survey(s);
        s->cp1252 = true;
        rc = rewind_file(s) ? survey(s, guess_bytes) : -1;
    }
    s->rows = true;
    return rc == 1 && rewind_file(s);
}

/* A large file's styles are guessed from this much of it (LAKIP_GUESS_BYTES
 * for the tests; 0: never). */
#define GUESS_BYTES ((off_t)1 << 20)

int csv_stream_open(const char *path, enum style_choice choice, int threads, csv_stream **out)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    struct stat st;
    if (fd < 0) return 0;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return 0;
    }
    csv_stream *s = xcalloc(1, sizeof *s);
    s->fd = fd;
    s->path = xstrdup(path);
    s->o = (build_options){ .file = s->path, .strict = true, .caption = path_basename(s->path) };
    s->choice = choice;
    s->threads = threads;
    /* the byte order mark and the delimiter, from the first block */
    s->buf = xmalloc(BLOCK + 1);
    s->cap = BLOCK + 1;
    s->block = BLOCK;
    /* LAKIP_CUT_BYTES: cuts this many bytes apart instead (the tests cut
     * every few rows, so that every way two readers meet is met) */
    const char *every = getenv("LAKIP_CUT_BYTES");
    s->cut_every = every && atol(every) > 0 ? (off_t)atol(every) : CUT_EVERY;
    const char *guess = getenv("LAKIP_GUESS_BYTES");
    off_t guess_bytes = guess ? (off_t)atol(guess) : GUESS_BYTES;
    ssize_t got = read(fd, s->buf, BLOCK);
    int ok = got > 0;
    if (ok) {
        s->buf[got] = '\0';
        bool utf16 = got >= 2 && (((unsigned char)s->buf[0] == 0xFF && (unsigned char)s->buf[1] == 0xFE) ||
                                  ((unsigned char)s->buf[0] == 0xFE && (unsigned char)s->buf[1] == 0xFF));
        s->bom = utf8_bom_len(s->buf, (size_t)got);
        size_t records;
        s->delim = csv_detect_delimiter_n(s->buf + s->bom, (size_t)got - s->bom, &records);
        /* the delimiter csv_load finds from the first 30 records */
        ok = !utf16 && (records >= 30 || (size_t)got < BLOCK);
    }
    if (ok) ok = survey_file(s, guess_bytes);
    if (!ok) {
        csv_stream_free(s);
        return 0;
    }
    s->index = 0;
    *out = s;
    return 1;
}

int csv_stream_survey_whole(csv_stream *s)
{
    forget_survey(s);
    s->cp1252 = s->not_utf8 = false;
    return survey_file(s, 0) ? 1 : 0;
}

bool csv_stream_guessed(const csv_stream *s)
{
    return s->guessed;
}

void csv_stream_count_done(csv_stream *s)
{
    if (s->guessed) file_votes_keep(s->root->fv, &s->rv);
}

bool csv_stream_guess_held(const csv_stream *s)
{
    return !s->guessed || file_votes_held(s->fv);
}

const char *csv_stream_encoding(const csv_stream *s, bool *assumed)
{
    *assumed = s->cp1252;
    return s->cp1252 ? "Windows-1252" : "UTF-8";
}

table_builder *csv_stream_builder(csv_stream *s)
{
    return s->b;
}

/* The count of the range r falls in (guessed styles), for r's votes. A
 * record that starts at or past the line the open range ends at closes
 * it (and those it passed); it must start on that very line: else the
 * cut there was no record start, and the counts are not the file's. */
static vote_count *record_count(csv_stream *s, const record *r)
{
    const csv_stream *root = s->root;
    while (r->line >= s->vote_until) {
        if (r->line != s->vote_until) s->rv.ran_over = true;
        size_t k = s->rv.from + s->rv.n;            /* the range opened next */
        reader_votes_close(&s->rv, true);
        s->vote_until = k < root->ncuts ? root->cuts[k].line : INT_MAX;
    }
    return reader_votes_open(&s->rv);
}

int csv_stream_next(csv_stream *s, size_t *row)
{
    /* the head's records come again from the file: those before s->next
     * (title rows, the header) are the builder's already */
    int rc;
    do {
        rc = read_record(s, NULL);
        if (rc < 0) return -1;
        if (rc == 0) {
            if (s->guessed && s->rv.n) reader_votes_close(&s->rv, false);    /* the end: the open range read whole */
            return 2;
        }
    } while (s->index++ < s->next);
    record r = ready_record(s);
    size_t before = table_row_count(table_builder_table(s->b));
    load_error err;
    /* its votes counted as it is read: a cell read as a number has its
     * vote from that reading (table_builder_add_voting) */
    vote_count *c = s->guessed && s->index > s->vote_after ? record_count(s, &r) : NULL;
    int added = c ? table_builder_add_voting(s->b, &r, s->root->modes, s->root->nmodes, c->id, c->en, &c->file, &err)
                  : table_builder_add(s->b, &r, &err);
    if (added < 0) return -1;
    if (table_row_count(table_builder_table(s->b)) == before) return 0;
    *row = before;
    return 1;
}

size_t csv_stream_cut_count(const csv_stream *s)
{
    return s->ncuts;
}

int csv_stream_cut_line(const csv_stream *s, size_t k)
{
    return k < s->ncuts ? s->cuts[k].line : 0;
}

csv_stream *csv_stream_fork(const csv_stream *s, size_t k)
{
    if (k >= s->ncuts || !s->b) return NULL;
    csv_stream *f = reader_like(s, FORK_BLOCK);
    f->rows = true;
    size_t next;
    load_error err;
    /* a builder as the parent's started: the same head, the same styles */
    f->b = table_builder_start(&s->head, &f->o, &next, &err);
    if (!f->b || !start_at(f, s->cuts[k].at)) {
        csv_stream_free(f);
        return NULL;
    }
    table_builder_set_styles(f->b, s->vote_id, s->vote_en);
    table_builder_assume_row_above(f->b);
    f->line = s->cuts[k].line;
    f->next = f->index = 0;         /* no head to pass over: the cut is after it */
    if (s->guessed) {
        /* it counts from its cut: the range that starts there is k + 1 */
        f->guessed = true;
        f->root = s;
        reader_votes_start(&f->rv, s->ncols, k + 1);
        f->vote_until = k + 1 < s->ncuts ? s->cuts[k + 1].line : INT_MAX;
        f->vote_after = 0;
    }
    return f;
}

void csv_stream_free(csv_stream *s)
{
    if (!s) return;
    if (s->parser_on) csv_free(&s->p);
    table_builder_free(s->b);
    if (!s->borrowed) {
        if (s->fd >= 0) close(s->fd);
        record_list_free(&s->head);
        free(s->path);
        free(s->modes);
        if (s->fv) file_votes_free(s->fv);
        free(s->fv);
    }
    reader_votes_free(&s->rv);
    field_buf_free(&s->cur);
    field_buf_free(&s->ready);
    free(s->buf);
    free(s->decoded);
    free(s->vote_id);
    free(s->vote_en);
    free(s->cuts);
    free(s);
}
