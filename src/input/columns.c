/*
 * columns.c — header cell recognition (see columns.h).
 *
 * Provides columns_normalise, columns_recognise, columns_is_header and
 * columns_bare_year. The alias list below is the documented contract
 * (docs/FORMAT.md): exact aliases are tried first so that the specific
 * "Realisasi Anggaran" wins over the generic "Realisasi"; the first-word
 * rules after it only catch the long variants, and only on short texts so
 * that a data cell such as "Program Pelayanan Administrasi Perkantoran ..."
 * in the first rows of a headerless block is not mistaken for a header.
 */
#include "input/columns.h"

#include <string.h>

/* Texts longer than this are never headers by the first-word rules. */
#define FALLBACK_MAX_LEN 60

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Length of an HTML-like tag at p ("<b>", "</b>", "<br/>"), 0 if none. */
static size_t tag_len(const char *p)
{
    size_t i = 1;
    if (p[0] != '<') return 0;
    if (p[i] == '/') i++;
    if (!is_alpha(p[i])) return 0;
    while (p[i] && p[i] != '>' && p[i] != '<' && i < 32) i++;
    return p[i] == '>' ? i + 1 : 0;
}

void columns_normalise(const char *text, char *out, size_t size)
{
    size_t n = 0;
    bool space = false;
    if (size == 0) return;
    for (const char *p = text ? text : ""; *p; ) {
        size_t t = tag_len(p);
        if (t) {
            p += t;
            continue;
        }
        char c = *p;
        size_t adv = 1;
        if ((unsigned char)c == 0xC2 && (unsigned char)p[1] == 0xA0) {
            c = ' ';        /* no-break space */
            adv = 2;
        }
        p += adv;
        if (c == '*') continue;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = n > 0;
            continue;
        }
        if (space && n + 1 < size) out[n++] = ' ';
        space = false;
        if (n + 1 < size) out[n++] = lower(c);
    }
    while (n > 0 && strchr(".:,; ", out[n - 1])) n--;
    out[n] = '\0';
}

/* Finds a year 2000-2100 written as four digits on its own; removes it
 * from s (with a pair of parentheses left empty) and returns it, or 0. */
static int take_year(char *s)
{
    for (char *p = s; *p; p++) {
        if (!is_digit(p[0]) || !is_digit(p[1]) || !is_digit(p[2]) || !is_digit(p[3])) continue;
        if (is_digit(p[4]) || (p > s && is_digit(p[-1]))) continue;
        int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
        if (y < 2000 || y > 2100) continue;
        memmove(p, p + 4, strlen(p + 4) + 1);
        /* "target (2019)" -> "target ()" -> "target" */
        char *paren = strstr(s, "()");
        if (paren) memmove(paren, paren + 2, strlen(paren + 2) + 1);
        /* collapse the blanks left behind and trim */
        char *w = s;
        bool space = false;
        for (char *r = s; *r; r++) {
            if (*r == ' ') {
                space = w > s;
                continue;
            }
            if (space) *w++ = ' ';
            space = false;
            *w++ = *r;
        }
        *w = '\0';
        while (w > s && strchr(".:,; -", w[-1])) *--w = '\0';
        return y;
    }
    return 0;
}

int columns_bare_year(const char *text)
{
    char buf[64];
    columns_normalise(text, buf, sizeof buf);
    int y = take_year(buf);
    return y && buf[0] == '\0' ? y : 0;
}

struct alias {
    const char *text;       /* normalised, year removed */
    enum col_role role;
};

/* Most specific first where it matters; the lookup is exact, so order only
 * documents intent. */
static const struct alias aliases[] = {
    /* budget */
    { "realisasi anggaran", COL_REALISASI_ANGGARAN },
    { "realisasi anggaran (rp)", COL_REALISASI_ANGGARAN },
    { "realisasi keuangan", COL_REALISASI_ANGGARAN },
    { "% capaian anggaran", COL_CAPAIAN_ANGGARAN },
    { "capaian anggaran", COL_CAPAIAN_ANGGARAN },
    { "capaian anggaran (%)", COL_CAPAIAN_ANGGARAN },
    { "% realisasi anggaran", COL_CAPAIAN_ANGGARAN },
    { "persentase realisasi anggaran", COL_CAPAIAN_ANGGARAN },
    { "% serapan", COL_CAPAIAN_ANGGARAN },
    { "% serapan anggaran", COL_CAPAIAN_ANGGARAN },
    { "serapan", COL_CAPAIAN_ANGGARAN },
    { "serapan anggaran", COL_CAPAIAN_ANGGARAN },
    { "serapan (%)", COL_CAPAIAN_ANGGARAN },
    { "rencana anggaran", COL_PAGU },
    { "pagu anggaran", COL_PAGU },
    { "pagu", COL_PAGU },
    { "anggaran", COL_PAGU },
    { "anggaran (rp)", COL_PAGU },
    { "pagu (rp)", COL_PAGU },
    { "alokasi anggaran", COL_PAGU },
    { "budget", COL_PAGU },
    /* sasaran: the budget table's "Indikator Sasaran Renstra" column holds
     * sasaran texts, not indicators */
    { "indikator sasaran renstra", COL_SASARAN },
    { "sasaran", COL_SASARAN },
    { "sasaran strategis", COL_SASARAN },
    { "sasaran program", COL_SASARAN },
    { "tujuan/sasaran", COL_SASARAN },
    { "strategic objective", COL_SASARAN },
    { "objective", COL_SASARAN },
    /* program */
    { "program", COL_PROGRAM },
    { "program dan kegiatan", COL_PROGRAM },
    { "program dan kegiatan renstra", COL_PROGRAM },
    { "program/kegiatan", COL_PROGRAM },
    { "kegiatan", COL_PROGRAM },
    { "sub kegiatan", COL_PROGRAM },
    /* indicator */
    { "indikator", COL_INDIKATOR },
    { "indikator kinerja", COL_INDIKATOR },
    { "indikator kinerja utama", COL_INDIKATOR },
    { "indikator sasaran", COL_INDIKATOR },
    { "iku", COL_INDIKATOR },
    { "indicator", COL_INDIKATOR },
    { "performance indicator", COL_INDIKATOR },
    /* numbering */
    { "no", COL_NO },
    { "nomor", COL_NO },
    { "no urut", COL_NO },
    { "#", COL_NO },
    /* unit */
    { "satuan", COL_SATUAN },
    { "unit", COL_SATUAN },
    /* target / realisasi / capaian */
    { "target", COL_TARGET },
    { "rencana", COL_TARGET },
    { "target kinerja", COL_TARGET },
    { "rencana tingkat capaian", COL_TARGET },
    { "realisasi", COL_REALISASI },
    { "realization", COL_REALISASI },
    { "realisasi kinerja", COL_REALISASI },
    { "capaian", COL_CAPAIAN },
    { "%", COL_CAPAIAN },
    { "(%)", COL_CAPAIAN },
    { "% capaian", COL_CAPAIAN },
    { "capaian (%)", COL_CAPAIAN },
    { "capaian kinerja", COL_CAPAIAN },
    { "capaian kinerja (%)", COL_CAPAIAN },
    { "tingkat capaian", COL_CAPAIAN },
    { "% tingkat capaian", COL_CAPAIAN },
    { "persentase capaian", COL_CAPAIAN },
    { "persentase", COL_CAPAIAN },
    { "% realisasi", COL_CAPAIAN },
    { "achievement", COL_CAPAIAN },
    { "achievement (%)", COL_CAPAIAN },
    /* direction, category, remarks */
    { "arah", COL_ARAH },
    { "polaritas", COL_ARAH },
    { "sifat", COL_ARAH },
    { "direction", COL_ARAH },
    { "polarity", COL_ARAH },
    { "kategori", COL_KATEGORI },
    { "predikat", COL_KATEGORI },
    { "keterangan", COL_KETERANGAN },
    { "ket", COL_KETERANGAN },
    { "remarks", COL_KETERANGAN },
    /* Renstra period columns */
    { "kondisi kinerja pada awal periode rpjmd", COL_KONDISI_AWAL },
    { "kondisi kinerja pada akhir periode rpjmd", COL_KONDISI_AKHIR },
};

struct first_word {
    const char *word;
    enum col_role role;
};

/* First-word rules for the long variants, tried after the money and
 * Kondisi rules in recognise_long. */
static const struct first_word first_words[] = {
    { "target", COL_TARGET },
    { "rencana", COL_TARGET },
    { "realisasi", COL_REALISASI },
    { "realization", COL_REALISASI },
    { "capaian", COL_CAPAIAN },
    { "achievement", COL_CAPAIAN },
    { "%", COL_CAPAIAN },
    { "indikator", COL_INDIKATOR },
    { "indicator", COL_INDIKATOR },
    { "sasaran", COL_SASARAN },
    { "program", COL_PROGRAM },
    { "kegiatan", COL_PROGRAM },
    { "satuan", COL_SATUAN },
    { "arah", COL_ARAH },
    { "polaritas", COL_ARAH },
    { "sifat", COL_ARAH },
    { "kategori", COL_KATEGORI },
    { "predikat", COL_KATEGORI },
    { "keterangan", COL_KETERANGAN },
};

static bool starts_with_word(const char *s, const char *w)
{
    size_t n = strlen(w);
    return strncmp(s, w, n) == 0 && (s[n] == '\0' || s[n] == ' ' || s[n] == '(' || s[n] == '/');
}

/* The role of a long header text by its words; COL_NONE if none fits. */
static enum col_role recognise_long(const char *s)
{
    if (strlen(s) > FALLBACK_MAX_LEN) return COL_NONE;
    /* money columns: "Pagu Anggaran APBD-P (Rp)", "Realisasi Keuangan (Rp)";
     * "Tahun Anggaran" is a metadata key, not a column */
    if (!starts_with_word(s, "tahun") &&
        (strstr(s, "anggaran") || strstr(s, "pagu") || strstr(s, "keuangan") || strstr(s, "serapan"))) {
        if (strchr(s, '%') || strstr(s, "capaian") || strstr(s, "serapan") || strstr(s, "persen"))
            return COL_CAPAIAN_ANGGARAN;
        if (strstr(s, "realisasi")) return COL_REALISASI_ANGGARAN;
        return COL_PAGU;
    }
    if (starts_with_word(s, "kondisi")) {
        if (strstr(s, "awal")) return COL_KONDISI_AWAL;
        if (strstr(s, "akhir")) return COL_KONDISI_AKHIR;
        return COL_NONE;
    }
    if (starts_with_word(s, "persentase capaian") || starts_with_word(s, "tingkat capaian") ||
        starts_with_word(s, "prosentase capaian"))
        return COL_CAPAIAN;
    for (size_t i = 0; i < sizeof first_words / sizeof first_words[0]; i++)
        if (starts_with_word(s, first_words[i].word)) return first_words[i].role;
    return COL_NONE;
}

enum col_role columns_recognise(const char *text, int *year)
{
    char s[256];
    columns_normalise(text, s, sizeof s);
    int y = take_year(s);
    if (year) *year = y;
    if (y && (s[0] == '\0' || strcmp(s, "tahun") == 0)) return COL_TAHUN;
    if (s[0] == '\0') return COL_NONE;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcmp(s, aliases[i].text) == 0) return aliases[i].role;
    return recognise_long(s);
}

bool columns_is_header(const enum col_role *roles, size_t n)
{
    size_t known = 0;
    bool indikator = false, target = false, realisasi = false, pagu = false;
    for (size_t i = 0; i < n; i++) {
        if (roles[i] == COL_NONE) continue;
        known++;
        indikator |= roles[i] == COL_INDIKATOR;
        target |= roles[i] == COL_TARGET;
        realisasi |= roles[i] == COL_REALISASI;
        pagu |= roles[i] == COL_PAGU;
    }
    return known >= 2 && (indikator || (target && realisasi) || pagu);
}
