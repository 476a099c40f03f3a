/*
 * findings_stream.c — a long-form file's report written as its reports are
 * audited (see findings_stream.h).
 */
#include "findings_stream.h"

#include <errno.h>
#include <stdlib.h>

#include "util/util.h"

struct findings_stream {
    const piecewise_writer *w;
    output_file *of;
    audit *a;
    finding_list *findings;     /* a->findings: the reports' notes go there */
    bool spooling;              /* its notes are kept in a file (first report with notes on) */
    bool no_spool;              /* the file could not be made: the notes stay in memory */
    bool seen_spooled;          /* the numbering's file was asked for (finding_occurrences_spool) */
    const catalog *cat;
    baseline *base;
    output_pieces *pieces;      /* open once the first report's findings are written */
    FILE *out;                  /* where they go: the pieces' file, or the -o file's own (JSON) */
    finding_occurrences *seen;
    size_t written;
    size_t total, counts[3];
    bool failed;                /* the output could not be written: findings_stream_end says so */
    FILE *notes_written;        /* the notes as the tail writes them (piecewise_writer.note), or NULL */
    size_t nwritten;            /* how many */
};

findings_stream *findings_stream_new(const piecewise_writer *w, output_file *of, audit *a,
                                     finding_list *findings, const catalog *cat, baseline *base)
{
    findings_stream *fs = xcalloc(1, sizeof *fs);
    fs->w = w;
    fs->of = of;
    fs->a = a;
    fs->findings = findings;
    fs->cat = cat;
    fs->base = base;
    fs->seen = finding_occurrences_new();
    return fs;
}

static void note_taken(void *ud, const char *rule, const char *group, const char *text_id, const char *text_en)
{
    findings_stream *fs = ud;
    fs->w->note(fs->notes_written, fs->a, fs->nwritten++, rule, group, text_id, text_en);
}

/* The report's notes to the audit's list, which keeps them in a file
 * from the first on; left to the pipeline (kept in memory) when no file
 * can be made. The tail writes them as it would from memory — or, for a
 * writer with a note step, copies them as that step wrote each note new
 * to the list, here, while other reports are still being audited, into
 * a second file (when one can be made and the list had no note before). */
static void take_notes(findings_stream *fs, finding_list *l, const char *group)
{
    if (!finding_note_count(l) || fs->no_spool) return;
    if (!fs->spooling) {
        FILE *f = output_file_scratch(fs->of);
        if (!f) {
            fs->no_spool = true;
            return;
        }
        finding_list_spool_notes(fs->findings, f);
        fs->spooling = true;
        if (fs->w->note && !finding_note_count(fs->findings)) fs->notes_written = output_file_scratch(fs->of);
    }
    if (fs->notes_written) finding_list_take_notes_seen(fs->findings, l, group, note_taken, fs);
    else finding_list_take_notes(fs->findings, l, group);
    finding_list_clear_notes(l);
}

static void forget_notes_written(findings_stream *fs)
{
    if (fs->notes_written) fclose(fs->notes_written);
    fs->notes_written = NULL;
    fs->nwritten = 0;
}

/* The list as it would stand at the end, then written and emptied. */
static void part_done(void *ud, finding_list *l, const char *group)
{
    findings_stream *fs = ud;
    take_notes(fs, l, group);
    if (!fs->seen_spooled) {        /* a counter per distinct finding: in a file too (else in memory) */
        fs->seen_spooled = true;
        FILE *f = output_file_scratch(fs->of);
        if (f) finding_occurrences_spool(fs->seen, f);
    }
    finding_list_apply_catalog(l, fs->cat);
    finding_list_finish_after(l, fs->seen);
    if (fs->base) baseline_match(fs->base, l);     /* stale entries: with the rest, at the end */
    if (!fs->out && !fs->failed) {
        /* the JSON report is valid UTF-8 as written (output.c's table):
         * into the file as it is, without the cleaning stream */
        if (fs->w == output_piecewise("json")) {
            fs->out = output_file_stream(fs->of);
        } else {
            fs->pieces = output_pieces_open(output_file_stream(fs->of), 0);
            if (fs->pieces) fs->out = output_pieces_file(fs->pieces);
        }
        if (fs->out) fs->w->head(fs->out, fs->a);
        else fs->failed = true;
    }
    if (fs->failed) {
        finding_list_clear(l);
        return;
    }
    fs->w->findings(fs->out, fs->a, l, &fs->written);
    for (size_t i = 0; i < finding_count(l); i++) {
        const finding *f = finding_at(l, i);
        if (!f->accepted) fs->counts[f->severity]++;
    }
    fs->total += finding_count(l);
    finding_list_clear(l);
}

static void restart(void *ud)
{
    findings_stream *fs = ud;
    if (fs->spooling) finding_list_unspool_notes(fs->findings);     /* the whole load states them again */
    fs->spooling = fs->no_spool = false;
    forget_notes_written(fs);
    if (!fs->out && !fs->failed) return;
    if (fs->pieces) output_pieces_close(fs->pieces);
    fs->pieces = NULL;
    fs->out = NULL;
    fs->failed = output_file_restart(fs->of) != 0;
    finding_occurrences_free(fs->seen);
    fs->seen = finding_occurrences_new();
    fs->seen_spooled = false;
    fs->written = fs->total = 0;
    fs->counts[0] = fs->counts[1] = fs->counts[2] = 0;
    if (fs->base) baseline_forget_matches(fs->base);
}

static FILE *scratch(void *ud)
{
    findings_stream *fs = ud;
    return output_file_scratch(fs->of);
}

pipeline_sink findings_stream_sink(findings_stream *fs)
{
    return (pipeline_sink){ .part_done = part_done, .restart = restart, .scratch = scratch, .ud = fs };
}

finding_occurrences *findings_stream_occurrences(findings_stream *fs)
{
    return fs->seen;
}

bool findings_stream_started(const findings_stream *fs)
{
    return fs->out != NULL || fs->failed;
}

int findings_stream_end(findings_stream *fs)
{
    audit *a = fs->a;
    if (fs->failed) return -1;
    a->streamed_total = fs->total;
    for (int s = 0; s < 3; s++) a->streamed_counts[s] = fs->counts[s];
    FILE *out = fs->out;
    fs->w->findings(out, a, a->findings, &fs->written);
    /* the notes written as they were taken, when they are every note of
     * the list (none came another way) and were written without error */
    FILE *notes = fs->notes_written;
    bool copied = notes && fs->nwritten == finding_note_count(a->findings) && !ferror(notes);
    a->notes_written = copied ? notes : NULL;
    int rc = fs->w->tail(out, a, fs->written);
    a->notes_written = NULL;
    if (copied && ferror(notes)) {          /* read back: the report lacks them */
        if (!errno) errno = EIO;
        rc = -1;
    }
    if (fs->pieces ? output_pieces_close(fs->pieces) != 0 : ferror(out) != 0) rc = -1;
    fs->pieces = NULL;
    fs->out = NULL;
    int err = finding_list_notes_error(fs->findings);
    if (!err) err = finding_occurrences_error(fs->seen);
    if (err) {                      /* notes empty, numbering wrong: the output is not committed */
        errno = err;
        rc = -1;
    }
    return rc;
}

void findings_stream_free(findings_stream *fs)
{
    if (!fs) return;
    if (fs->pieces) output_pieces_close(fs->pieces);
    forget_notes_written(fs);
    finding_occurrences_free(fs->seen);
    free(fs);
}
