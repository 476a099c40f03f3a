/*
 * pdf_read.c — a PDF's pages as plain data, through MuPDF (see pdf_read.h).
 *
 * Each page runs twice: through MuPDF's structured-text device (characters
 * with their quads, fonts and sizes, which we cut into words at spaces and
 * gaps) and through a small device of our own that keeps the ruling lines
 * of the vector paths and counts images. A page whose characters mostly
 * run downwards or upwards is run again turned by 90 degrees.
 *
 * MuPDF reports errors by longjmp (fz_try / fz_catch); every call into it
 * is inside one, and its warnings (a repaired cross-reference table, ...)
 * are silenced: what matters to the user is whether the page was read.
 */
#include "input/pdf_read.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <mupdf/fitz.h>
#include "input/font_libs.h"
#include "util/util.h"

/* ---- ruling lines and images ---- */

typedef struct {
    fz_device super;
    pdf_page *page;
    fz_matrix ctm;
    /* the subpath being walked */
    fz_point pts[8];
    int npts;
    bool fill;          /* filled: thin rectangles are rules; stroked: every straight segment is */
    fz_point cur, start;
} rule_device;

static void add_segment(rule_device *d, fz_point a, fz_point b)
{
    a = fz_transform_point(a, d->ctm);
    b = fz_transform_point(b, d->ctm);
    pdf_page_add_rule(d->page, a.x, a.y, b.x, b.y);
}

/* A filled subpath that is an axis-aligned rectangle thinner than 3 pt
 * draws a rule along its long side (how Chromium and Word draw borders). */
static void end_fill_subpath(rule_device *d)
{
    if (d->npts < 4 || d->npts > 5) {
        d->npts = 0;
        return;
    }
    float x0 = d->pts[0].x, x1 = x0, y0 = d->pts[0].y, y1 = y0;
    for (int i = 0; i < d->npts; i++) {
        fz_point p = fz_transform_point(d->pts[i], d->ctm);
        if (i == 0) { x0 = x1 = p.x; y0 = y1 = p.y; }
        if (p.x < x0) x0 = p.x;
        if (p.x > x1) x1 = p.x;
        if (p.y < y0) y0 = p.y;
        if (p.y > y1) y1 = p.y;
    }
    d->npts = 0;
    float w = x1 - x0, h = y1 - y0;
    if (h <= 3.0f && w > h) pdf_page_add_rule(d->page, x0, (y0 + y1) / 2, x1, (y0 + y1) / 2);
    else if (w <= 3.0f && h > w) pdf_page_add_rule(d->page, (x0 + x1) / 2, y0, (x0 + x1) / 2, y1);
}

static void walk_moveto(fz_context *ctx, void *arg, float x, float y)
{
    (void)ctx;
    rule_device *d = arg;
    if (d->fill) end_fill_subpath(d);
    d->cur = d->start = fz_make_point(x, y);
    if (d->fill) d->pts[d->npts++] = d->cur;
}

static void walk_lineto(fz_context *ctx, void *arg, float x, float y)
{
    (void)ctx;
    rule_device *d = arg;
    fz_point p = fz_make_point(x, y);
    if (d->fill) {
        if (d->npts < 8) d->pts[d->npts++] = p;
        else d->npts = 99;    /* too many corners: not a rectangle */
    } else {
        add_segment(d, d->cur, p);
    }
    d->cur = p;
}

static void walk_curveto(fz_context *ctx, void *arg, float x1, float y1, float x2, float y2, float x3, float y3)
{
    (void)ctx; (void)x1; (void)y1; (void)x2; (void)y2;
    rule_device *d = arg;
    if (d->fill) d->npts = 0, d->pts[0] = fz_make_point(x3, y3);
    d->cur = fz_make_point(x3, y3);
}

static void walk_closepath(fz_context *ctx, void *arg)
{
    (void)ctx;
    rule_device *d = arg;
    if (!d->fill) add_segment(d, d->cur, d->start);
    d->cur = d->start;
}

static void walk_rectto(fz_context *ctx, void *arg, float x1, float y1, float x2, float y2)
{
    (void)ctx;
    rule_device *d = arg;
    if (d->fill) {
        end_fill_subpath(d);
        d->pts[0] = fz_make_point(x1, y1);
        d->pts[1] = fz_make_point(x2, y1);
        d->pts[2] = fz_make_point(x2, y2);
        d->pts[3] = fz_make_point(x1, y2);
        d->npts = 4;
        end_fill_subpath(d);
    } else {
        fz_point a = fz_make_point(x1, y1), b = fz_make_point(x2, y1);
        fz_point c = fz_make_point(x2, y2), e = fz_make_point(x1, y2);
        add_segment(d, a, b);
        add_segment(d, b, c);
        add_segment(d, c, e);
        add_segment(d, e, a);
    }
    d->cur = d->start = fz_make_point(x1, y1);
}

static const fz_path_walker rule_walker = {
    walk_moveto, walk_lineto, walk_curveto, walk_closepath, NULL, NULL, NULL, walk_rectto
};

static void dev_fill_path(fz_context *ctx, fz_device *dev, const fz_path *path, int even_odd, fz_matrix ctm,
                          fz_colorspace *cs, const float *color, float alpha, fz_color_params cp)
{
    (void)even_odd; (void)cs; (void)color; (void)cp;
    rule_device *d = (rule_device *)dev;
    if (alpha <= 0.0f) return;
    d->page->paths++;
    d->ctm = ctm;
    d->fill = true;
    d->npts = 0;
    fz_walk_path(ctx, path, &rule_walker, d);
    end_fill_subpath(d);
}

static void dev_stroke_path(fz_context *ctx, fz_device *dev, const fz_path *path, const fz_stroke_state *st,
                            fz_matrix ctm, fz_colorspace *cs, const float *color, float alpha, fz_color_params cp)
{
    (void)st; (void)cs; (void)color; (void)cp;
    rule_device *d = (rule_device *)dev;
    if (alpha <= 0.0f) return;
    d->page->paths++;
    d->ctm = ctm;
    d->fill = false;
    d->npts = 0;
    fz_walk_path(ctx, path, &rule_walker, d);
}

static void dev_fill_image(fz_context *ctx, fz_device *dev, fz_image *img, fz_matrix ctm, float alpha, fz_color_params cp)
{
    (void)ctx; (void)img; (void)ctm; (void)alpha; (void)cp;
    ((rule_device *)dev)->page->images++;
}

static void dev_fill_image_mask(fz_context *ctx, fz_device *dev, fz_image *img, fz_matrix ctm, fz_colorspace *cs,
                                const float *color, float alpha, fz_color_params cp)
{
    (void)cs; (void)color;
    dev_fill_image(ctx, dev, img, ctm, alpha, cp);
}

/* ---- words ---- */

static bool font_is_bold(fz_context *ctx, fz_font *font)
{
    if (!font) return false;
    if (fz_font_is_bold(ctx, font)) return true;
    const char *name = fz_font_name(ctx, font);
    return name && (strstr(name, "Bold") || strstr(name, "bold") || strstr(name, "Black") || strstr(name, "Heavy"));
}

typedef struct {
    char buf[1024];
    size_t len;
    pdf_box box;
    float baseline, size;
    bool bold, any;
} word_acc;

static void word_flush(pdf_page *p, word_acc *w)
{
    if (w->len) pdf_page_add_word(p, w->box, w->baseline, w->size, w->bold, w->buf, w->len);
    w->len = 0;
    w->any = false;
}

static bool is_space(int c)
{
    return c == ' ' || c == '\t' || c == 0xA0 || c == 0x2002 || c == 0x2003 || c == 0x2009 || c == 0x202F || c == 0x3000;
}

/* Words of the horizontal left-to-right lines of a structured-text page;
 * counts the characters of the other lines in *sideways. */
static void collect_words(fz_context *ctx, fz_stext_page *st, pdf_page *p, size_t *sideways)
{
    *sideways = 0;
    for (fz_stext_block *b = st->first_block; b; b = b->next) {
        if (b->type != FZ_STEXT_BLOCK_TEXT) continue;
        for (fz_stext_line *l = b->u.t.first_line; l; l = l->next) {
            bool horizontal = l->wmode == 0 && l->dir.x > 0.9f;
            word_acc w = { .len = 0 };
            float prev_x1 = 0;
            for (fz_stext_char *ch = l->first_char; ch; ch = ch->next) {
                p->glyphs++;
                if (!horizontal) {
                    (*sideways)++;
                    continue;
                }
                fz_rect r = fz_rect_from_quad(ch->quad);
                if (is_space(ch->c)) {
                    word_flush(p, &w);
                    continue;
                }
                float size = ch->size > 0 ? ch->size : 10;
                /* a gap wider than a thin space ends the word even without a space character */
                if (w.any && (r.x0 - prev_x1 > 0.2f * size || fabsf(ch->origin.y - w.baseline) > 0.3f * size))
                    word_flush(p, &w);
                char utf[8];
                int n = fz_runetochar(utf, ch->c >= 0 ? ch->c : 0xFFFD);
                if (w.len + (size_t)n >= sizeof w.buf) word_flush(p, &w);
                bool bold = font_is_bold(ctx, ch->font);
                if (!w.any) {
                    w.box = (pdf_box){ r.x0, r.y0, r.x1, r.y1 };
                    w.baseline = ch->origin.y;
                    w.size = size;
                    w.bold = bold;
                    w.any = true;
                } else {
                    if (r.x0 < w.box.x0) w.box.x0 = r.x0;
                    if (r.y0 < w.box.y0) w.box.y0 = r.y0;
                    if (r.x1 > w.box.x1) w.box.x1 = r.x1;
                    if (r.y1 > w.box.y1) w.box.y1 = r.y1;
                    if (size > w.size) w.size = size;
                    w.bold = w.bold && bold;
                }
                memcpy(w.buf + w.len, utf, (size_t)n);
                w.len += (size_t)n;
                prev_x1 = r.x1;
            }
            word_flush(p, &w);
        }
    }
}

/* Runs the page with ctm into p: words and rules. */
static void run_page(fz_context *ctx, fz_page *page, fz_matrix ctm, pdf_page *p, size_t *sideways)
{
    fz_rect bounds = fz_transform_rect(fz_bound_page(ctx, page), ctm);
    ctm = fz_concat(ctm, fz_translate(-bounds.x0, -bounds.y0));
    pdf_page_init(p, p->number, bounds.x1 - bounds.x0, bounds.y1 - bounds.y0);
    fz_stext_page *st = NULL;
    fz_device *dev = NULL;
    rule_device *rd = NULL;
    fz_var(st);
    fz_var(dev);
    fz_var(rd);
    fz_try(ctx) {
        st = fz_new_stext_page(ctx, fz_make_rect(0, 0, p->width, p->height));
        fz_stext_options opts = { 0 };
        dev = fz_new_stext_device(ctx, st, &opts);
        fz_run_page(ctx, page, dev, ctm, NULL);
        fz_close_device(ctx, dev);
        fz_drop_device(ctx, dev);
        dev = NULL;
        collect_words(ctx, st, p, sideways);
        if (p->glyphs <= PDF_MAX_PAGE_GLYPHS) {
            rd = fz_new_derived_device(ctx, rule_device);
            rd->page = p;
            rd->super.fill_path = dev_fill_path;
            rd->super.stroke_path = dev_stroke_path;
            rd->super.fill_image = dev_fill_image;
            rd->super.fill_image_mask = dev_fill_image_mask;
            fz_run_page(ctx, page, &rd->super, ctm, NULL);
            fz_close_device(ctx, &rd->super);
        }
    }
    fz_always(ctx) {
        if (rd) fz_drop_device(ctx, &rd->super);
        if (dev) fz_drop_device(ctx, dev);
        fz_drop_stext_page(ctx, st);
    }
    fz_catch(ctx) {
        fz_rethrow(ctx);
    }
}

/* MuPDF's warnings ("repairing PDF document", "trailer missing") are kept,
 * the first one only, to explain a file that yields nothing. */
static void keep_first(void *user, const char *message)
{
    char *first = user;
    if (!first[0]) snprintf(first, PDF_WARNING_MAX, "%s", message);
}

static bool has_pdf_header(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return true;    /* let MuPDF say why it cannot open it */
    char buf[1024];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    for (size_t i = 0; i + 5 <= n; i++)
        if (memcmp(buf + i, "%PDF-", 5) == 0) return true;
    return false;
}

int pdf_read(const char *path, pdf_page_fn fn, void *arg, load_error *err)
{
    if (!has_pdf_header(path)) {
        load_error_set(err, path, 0, "not a PDF file (no %%PDF- header in its first kilobyte)");
        return -1;
    }
    char why_not[600];
    if (font_libs_load(why_not, sizeof why_not) < 0) {     /* before MuPDF calls them */
        load_error_set(err, path, 0, "cannot read PDF files: the font libraries could not be loaded (%s)", why_not);
        return -1;
    }
    fz_context *ctx = fz_new_context(NULL, NULL, FZ_STORE_DEFAULT);
    if (!ctx) {
        load_error_set(err, path, 0, "cannot start the PDF reader (out of memory)");
        return -1;
    }
    char warning[PDF_WARNING_MAX] = "";
    fz_set_warning_callback(ctx, keep_first, warning);
    fz_set_error_callback(ctx, keep_first, warning);
    fz_document *volatile doc = NULL;
    volatile int npages = 0;
    int rc = 0;
    fz_try(ctx) {
        fz_register_document_handlers(ctx);
        doc = fz_open_document(ctx, path);
        if (fz_needs_password(ctx, doc))
            fz_throw(ctx, FZ_ERROR_GENERIC, "encrypted");
        npages = fz_count_pages(ctx, doc);
    }
    fz_catch(ctx) {
        const char *m = fz_caught_message(ctx);
        if (strcmp(m, "encrypted") == 0)
            load_error_set(err, path, 0, "the PDF is encrypted and needs a password to open: save an unprotected copy");
        else
            load_error_set(err, path, 0, "cannot open the PDF: %s", m);
        rc = -1;
    }
    if (rc == 0 && npages <= 0) {
        load_error_set(err, path, 0, "the PDF has no pages");
        rc = -1;
    }
    if (rc == 0 && npages > PDF_MAX_PAGES) {
        load_error_set(err, path, 0, "the PDF has %d pages, more than the %d this tool reads", npages, PDF_MAX_PAGES);
        rc = -1;
    }
    for (volatile int i = 0; rc == 0 && i < npages; i++) {
        pdf_page p;
        pdf_page_init(&p, i + 1, 0, 0);
        char problem[256] = "";
        fz_page *page = NULL;
        fz_var(page);
        fz_try(ctx) {
            page = fz_load_page(ctx, doc, i);
            size_t sideways = 0;
            run_page(ctx, page, fz_identity, &p, &sideways);
            if (sideways * 2 > p.glyphs && p.glyphs <= PDF_MAX_PAGE_GLYPHS) {
                /* text mostly sideways: turn the page one way, else the other */
                int turns[2] = { 90, 270 };
                for (int k = 0; k < 2; k++) {
                    pdf_page_free(&p);
                    pdf_page_init(&p, i + 1, 0, 0);
                    run_page(ctx, page, fz_rotate((float)turns[k]), &p, &sideways);
                    p.turned = turns[k];
                    if (sideways * 2 <= p.glyphs) break;
                }
            }
        }
        fz_always(ctx) {
            fz_drop_page(ctx, page);
        }
        fz_catch(ctx) {
            snprintf(problem, sizeof problem, "damaged page: %s", fz_caught_message(ctx));
        }
        if (!problem[0] && p.glyphs > PDF_MAX_PAGE_GLYPHS) {
            snprintf(problem, sizeof problem, "more than %d characters on the page", PDF_MAX_PAGE_GLYPHS);
        }
        if (problem[0]) {
            pdf_page_free(&p);
            pdf_page_init(&p, i + 1, 0, 0);
        }
        if (fn(arg, &p, problem[0] ? problem : NULL, warning) != 0) rc = -1;
        pdf_page_free(&p);
    }
    fz_drop_document(ctx, doc);
    fz_drop_context(ctx);
    return rc;
}
