/*
 * json_stream.c — --format json written as a long-form file's reports are
 * audited (see json_stream.h).
 */
#include "json_stream.h"

#include <stdlib.h>

#include "util/util.h"

struct json_stream {
    output_file *of;
    audit *a;
    const catalog *cat;
    baseline *base;
    output_pieces *pieces;      /* open once the first report's findings are written */
    finding_occurrences *seen;
    size_t written;
    size_t total, counts[3];
    bool failed;                /* the output could not be written: json_stream_end says so */
};

json_stream *json_stream_new(output_file *of, audit *a, const catalog *cat, baseline *base)
{
    json_stream *js = xcalloc(1, sizeof *js);
    js->of = of;
    js->a = a;
    js->cat = cat;
    js->base = base;
    js->seen = finding_occurrences_new();
    return js;
}

/* The list as it would stand at the end, then written and emptied. */
static void part_done(void *ud, finding_list *l)
{
    json_stream *js = ud;
    finding_list_apply_catalog(l, js->cat);
    finding_list_finish_after(l, js->seen);
    if (js->base) baseline_match(js->base, l);     /* stale entries: with the rest, at the end */
    if (!js->pieces && !js->failed) {
        js->pieces = output_pieces_open(output_file_stream(js->of), 0);
        if (js->pieces) output_json_head(output_pieces_file(js->pieces), js->a);
        else js->failed = true;
    }
    if (js->failed) {
        finding_list_clear(l);
        return;
    }
    output_json_findings(output_pieces_file(js->pieces), js->a, l, &js->written);
    for (size_t i = 0; i < finding_count(l); i++) {
        const finding *f = finding_at(l, i);
        if (!f->accepted) js->counts[f->severity]++;
    }
    js->total += finding_count(l);
    finding_list_clear(l);
}

static void restart(void *ud)
{
    json_stream *js = ud;
    if (!js->pieces && !js->failed) return;
    if (js->pieces) output_pieces_close(js->pieces);
    js->pieces = NULL;
    js->failed = output_file_restart(js->of) != 0;
    finding_occurrences_free(js->seen);
    js->seen = finding_occurrences_new();
    js->written = js->total = 0;
    js->counts[0] = js->counts[1] = js->counts[2] = 0;
    if (js->base) baseline_forget_matches(js->base);
}

pipeline_sink json_stream_sink(json_stream *js)
{
    return (pipeline_sink){ .part_done = part_done, .restart = restart, .ud = js };
}

finding_occurrences *json_stream_occurrences(json_stream *js)
{
    return js->seen;
}

bool json_stream_started(const json_stream *js)
{
    return js->pieces != NULL || js->failed;
}

int json_stream_end(json_stream *js)
{
    audit *a = js->a;
    if (js->failed) return -1;
    a->streamed_total = js->total;
    for (int s = 0; s < 3; s++) a->streamed_counts[s] = js->counts[s];
    FILE *out = output_pieces_file(js->pieces);
    output_json_findings(out, a, a->findings, &js->written);
    int rc = output_json_tail(out, a, js->written);
    if (output_pieces_close(js->pieces) != 0) rc = -1;
    js->pieces = NULL;
    return rc;
}

void json_stream_free(json_stream *js)
{
    if (!js) return;
    if (js->pieces) output_pieces_close(js->pieces);
    finding_occurrences_free(js->seen);
    free(js);
}
