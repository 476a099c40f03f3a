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
#include "model/year.h"

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

/* Collapses blanks, drops empty brackets and trims what removing words left. */
static void tidy(char *s)
{
    char *paren;
    while ((paren = strstr(s, "()")) != NULL) memmove(paren, paren + 2, strlen(paren + 2) + 1);
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
}

/* Finds a year of the range (model/year.h) written as four digits on its own; removes it
 * from s (with a pair of parentheses left empty) and returns it, or 0. */
static int take_year(char *s)
{
    for (char *p = s; *p; p++) {
        if (!is_digit(p[0]) || !is_digit(p[1]) || !is_digit(p[2]) || !is_digit(p[3])) continue;
        if (is_digit(p[4]) || (p > s && is_digit(p[-1]))) continue;
        int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
        if (!year_in_range(y)) continue;
        memmove(p, p + 4, strlen(p + 4) + 1);
        /* "target (2019)" -> "target ()" -> "target"; blanks collapsed */
        tidy(s);
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
    /* the label column of budget and account tables: "Uraian", "Akun" */
    { "uraian", COL_PROGRAM },
    { "akun", COL_PROGRAM },
    { "uraian akun", COL_PROGRAM },
    { "jenis belanja", COL_PROGRAM },
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

static const char *take_unit(char *s);
static int period_in(const char *s);

static bool has_word(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = s; (p = strstr(p, w)) != NULL; p++)
        if ((p == s || !is_alpha(p[-1])) && !is_alpha(p[n])) return true;
    return false;
}

/* The end of a plan period: "Target Akhir RPJMD", "Target Renstra", and a
 * capaian against it ("Capaian s.d. 2016 thd Target Akhir RPJMD"). */
static bool names_plan_end(const char *s)
{
    return has_word(s, "akhir") || has_word(s, "rpjmd") || has_word(s, "renstra") || has_word(s, "rpjm");
}

/* The pagu before a revision: "Pagu Awal", "Anggaran Murni", "APBD Murni",
 * "Pagu Sebelum Perubahan", "DIPA Awal". */
static bool names_first_pagu(const char *s)
{
    bool money = has_word(s, "pagu") || has_word(s, "anggaran") || has_word(s, "apbd") || has_word(s, "dipa");
    return money && (has_word(s, "awal") || has_word(s, "murni") || has_word(s, "semula") ||
                     strstr(s, "sebelum perubahan") || strstr(s, "sebelum revisi"));
}

/* Whether s holds a letter, '%' or '#': every header this file knows has
 * one (the names without a letter are "%", "(%)" and "#"), and most cells
 * of a document's tables are numbers, which then need no more look. */
static bool may_name_a_role(const char *s)
{
    for (; *s; s++)
        if (is_alpha(*s) || *s == '%' || *s == '#') return true;
    return false;
}

enum col_role columns_recognise(const char *text, int *year)
{
    char s[256];
    columns_normalise(text, s, sizeof s);
    int y = take_year(s);
    if (year) *year = y;
    if (y && (s[0] == '\0' || strcmp(s, "tahun") == 0)) return COL_TAHUN;
    if (!may_name_a_role(s)) return COL_NONE;
    const char *unit = take_unit(s);
    if (s[0] == '\0') return unit[0] == '%' ? COL_CAPAIAN : COL_NONE;
    if (period_in(s)) return COL_PERIODE;     /* what columns_period(text) finds, from s as it is now */
    if (strcmp(s, "jumlah") == 0 || strcmp(s, "total") == 0) return COL_JUMLAH;
    if (names_first_pagu(s)) return COL_PAGU_AWAL;
    /* "Target Renstra 2019" is that year's target; "Target Akhir Renstra 2021" the end */
    bool plan_end = has_word(s, "akhir") || (!y && names_plan_end(s));
    if (strlen(s) <= FALLBACK_MAX_LEN && plan_end && !has_word(s, "kondisi")) {
        if (has_word(s, "target") || has_word(s, "rencana")) {
            /* "Capaian thd Target Akhir RPJMD": a capaian against that target */
            if (starts_with_word(s, "target") || starts_with_word(s, "rencana")) return COL_TARGET_AKHIR;
            if (starts_with_word(s, "capaian") || starts_with_word(s, "%") || starts_with_word(s, "persentase") ||
                starts_with_word(s, "tingkat"))
                return COL_CAPAIAN_AKHIR;
        }
        if ((starts_with_word(s, "capaian") || starts_with_word(s, "%") || starts_with_word(s, "persentase")) &&
            (has_word(s, "thd") || has_word(s, "terhadap")))
            return COL_CAPAIAN_AKHIR;
    }
    enum col_role role = COL_NONE;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0] && role == COL_NONE; i++)
        if (aliases[i].text[0] == s[0] && strcmp(s, aliases[i].text) == 0) role = aliases[i].role;
    if (role == COL_NONE) role = recognise_long(s);
    /* "Target (Rp)", "Realisasi (Rp)": money columns */
    if (unit[0] == 'r') {
        if (role == COL_TARGET) return COL_PAGU;
        if (role == COL_REALISASI) return COL_REALISASI_ANGGARAN;
    }
    return role;
}

/* Removes the first occurrence of word w (bounded by the text's ends,
 * blanks or brackets) from s; true if found. */
static bool remove_word(char *s, const char *w)
{
    size_t n = strlen(w);
    for (char *p = s; (p = strstr(p, w)) != NULL; p++) {
        bool start = p == s || p[-1] == ' ' || p[-1] == '(' || p[-1] == '/';
        char after = p[n];
        bool end = after == '\0' || after == ' ' || after == ')' || after == '/' || (w[n - 1] != '.' && after == '.');
        if (!start || !end) continue;
        memmove(p, p + n, strlen(p + n) + 1);
        return true;
    }
    return false;
}


/* Takes the unit markers out of a header: "(Rp)", "(Rp.)", "Rp.", "Rp",
 * "(Rupiah)" -> "rp"; "(%)" -> "%" when other words remain ("Realisasi
 * (%)"; a bare "(%)" is itself the capaian header). Returns the unit or "". */
static const char *take_unit(char *s)
{
    static const char *const money[] = { "(rp.)", "(rp)", "(rupiah)", "rp.", "rp", "rupiah" };
    for (size_t i = 0; i < sizeof money / sizeof money[0]; i++) {
        char *at = money[i][0] == '(' ? strstr(s, money[i]) : NULL;
        if (at) {
            memmove(at, at + strlen(money[i]), strlen(at + strlen(money[i])) + 1);
        } else if (!remove_word(s, money[i])) {
            continue;
        }
        tidy(s);
        return "rp";
    }
    char *pct = strstr(s, "(%)");
    if (pct && (pct != s || pct[3] != '\0')) {
        memmove(pct, pct + 3, strlen(pct + 3) + 1);
        tidy(s);
        return "%";
    }
    return "";
}

const char *columns_unit(const char *text)
{
    char s[256];
    columns_normalise(text, s, sizeof s);
    take_year(s);
    return take_unit(s);
}

/* A roman (I-IV) or arabic (1-4) quarter number at p ending the text or a
 * word; 0 if none. */
static int quarter_at(const char *p)
{
    static const char *const roman[] = { "iv", "iii", "ii", "i" };
    static const int value[] = { 4, 3, 2, 1 };
    for (size_t i = 0; i < 4; i++) {
        size_t n = strlen(roman[i]);
        if (strncmp(p, roman[i], n) == 0 && (p[n] == '\0' || p[n] == ' ')) return value[i];
    }
    if (*p >= '1' && *p <= '4' && (p[1] == '\0' || p[1] == ' ')) return *p - '0';
    return 0;
}

/* The words a period header may start with before the period itself. */
static const char *skip_period_lead(const char *p, int *cumulative)
{
    static const char *const leads[] = { "realisasi ", "capaian ", "target ", "rencana ", "bulan ", "s.d. ", "s.d ",
                                         "s/d ", "sd ", "sampai dengan ", "sampai ", "kumulatif " };
    bool again = true;
    while (again) {
        again = false;
        for (size_t i = 0; i < sizeof leads / sizeof leads[0]; i++) {
            size_t n = strlen(leads[i]);
            if (strncmp(p, leads[i], n) != 0) continue;
            if (leads[i][0] == 's' || leads[i][0] == 'k') *cumulative = TABLE_CUMULATIVE;
            p += n;
            again = true;
        }
    }
    return p;
}

/* columns_period of a header already normalised, its year and unit taken */
static int period_in(const char *s)
{
    static const char *const months[] = { "januari", "februari", "maret", "april", "mei", "juni", "juli",
                                          "agustus", "september", "oktober", "november", "desember" };
    static const char *const quarters[] = { "triwulan ", "triw ulan ", "trw ", "tw ", "tw." };
    int cumulative = 0;
    const char *p = skip_period_lead(s, &cumulative);
    for (size_t i = 0; i < sizeof quarters / sizeof quarters[0]; i++) {
        size_t n = strlen(quarters[i]);
        if (strncmp(p, quarters[i], n) != 0) continue;
        const char *q = p + n;
        while (*q == ' ') q++;
        int v = quarter_at(q);
        if (v) return cumulative + TABLE_QUARTER + v;
    }
    for (size_t m = 0; m < 12; m++)
        if (strcmp(p, months[m]) == 0) return cumulative + (int)m + 1;
    return 0;
}

int columns_period(const char *text)
{
    char s[256];
    columns_normalise(text, s, sizeof s);
    take_year(s);
    take_unit(s);
    return period_in(s);
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
        realisasi |= roles[i] == COL_REALISASI || roles[i] == COL_PERIODE;   /* TW I … TW IV are realisasi */
        pagu |= roles[i] == COL_PAGU || roles[i] == COL_PAGU_AWAL;
    }
    return known >= 2 && (indikator || (target && realisasi) || pagu);
}
