/*
 * bench_gen.c — the long-form benchmark file for `make bench`, and its truth.
 *
 *   bench_gen ROWS SEED OUT.csv TRUTH.txt
 *
 * Writes ROWS indicator rows in the long form a report data repository
 * exports: one header, then many reports one after the other — columns
 * tahun; instansi; tabel; no; sasaran; indikator; satuan; arah; target;
 * realisasi; capaian — semicolons, Indonesian numbers (decimal comma,
 * dot grouping above 999), higher- and lower-is-better indicators (Arah
 * column), the same indicator names recurring in every agency and year.
 * A report (one tahun + instansi + tabel) holds 20 to 60 rows numbered from 1.
 *
 * About 3 % of the rows are wrong in a known way; TRUTH gets one line per
 * wrong row, "LINE RULE", the finding the audit must give for it:
 *   capaian.arithmetic  a capaian no known formula, rounding or shift gives
 *   capaian.truncated   the right formula truncated instead of rounded
 *   capaian.direction   a lower-is-better row computed with the higher formula
 *   capaian.swapped     a higher-is-better row computed as target / realisasi
 *   duplikat.conflict   an indicator listed twice in one report with other numbers
 * Every other row is right, so every other finding is a false positive.
 *
 * All arithmetic is in integers (hundredths), so the truth is exact. The
 * random numbers come from a fixed xorshift generator: the same ROWS and
 * SEED give the same file on every machine.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static uint64_t next(void)
{
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

static long pick(long lo, long hi) { return lo + (long)(next() % (uint64_t)(hi - lo + 1)); }

static const char *const dinas[] = {
    "Dinas Pendidikan", "Dinas Kesehatan", "Dinas Sosial", "Dinas Perhubungan",
    "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas Pertanian", "Dinas Perikanan",
    "Dinas Koperasi dan UKM", "Dinas Pariwisata", "Dinas Lingkungan Hidup",
    "Dinas Kependudukan dan Pencatatan Sipil", "Dinas Tenaga Kerja",
    "Badan Perencanaan Pembangunan Daerah", "Badan Keuangan Daerah", "Inspektorat",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "Satuan Polisi Pamong Praja",
    "Dinas Komunikasi dan Informatika", "Dinas Perpustakaan dan Kearsipan", "Sekretariat Daerah",
};
static const char *const daerah[] = {
    "Kabupaten Bangka Selatan", "Kabupaten Bangka Barat", "Kabupaten Belitung", "Kota Pangkalpinang",
    "Kabupaten Sleman", "Kabupaten Bantul", "Kota Yogyakarta", "Kabupaten Gunungkidul",
    "Kabupaten Kulon Progo", "Kabupaten Banyumas", "Kabupaten Cilacap", "Kota Semarang",
    "Kabupaten Kendal", "Kabupaten Demak", "Kota Surakarta", "Kabupaten Klaten",
    "Kabupaten Sukoharjo", "Kabupaten Wonogiri", "Kabupaten Karanganyar", "Kabupaten Sragen",
    "Kabupaten Boyolali", "Kabupaten Magelang", "Kota Magelang", "Kabupaten Temanggung",
    "Kabupaten Wonosobo", "Kabupaten Purworejo", "Kabupaten Kebumen", "Kabupaten Banjarnegara",
    "Kabupaten Purbalingga", "Kabupaten Pemalang", "Kota Tegal", "Kabupaten Brebes",
    "Kabupaten Batang", "Kota Pekalongan", "Kabupaten Jepara", "Kabupaten Kudus",
    "Kabupaten Pati", "Kabupaten Rembang", "Kabupaten Blora", "Kabupaten Grobogan",
};
static const char *const tabel[] = { "Perjanjian Kinerja", "Indikator Kinerja Utama" };

/* Indicator subjects; lower-is-better ones name a subject of the lexicon
 * (rules/lib/polarity.lua) and also say so in the Arah column. */
typedef struct { const char *name; const char *unit; int lower; int big; } indicator;
static const indicator indicators[] = {
    { "Persentase sekolah terakreditasi minimal B", "%", 0, 0 },
    { "Angka partisipasi murni SD", "%", 0, 0 },
    { "Angka partisipasi murni SMP", "%", 0, 0 },
    { "Angka putus sekolah SD", "%", 1, 0 },
    { "Angka kematian ibu per 100.000 kelahiran hidup", "kasus", 1, 0 },
    { "Angka kematian bayi per 1.000 kelahiran hidup", "kasus", 1, 0 },
    { "Prevalensi stunting pada balita", "%", 1, 0 },
    { "Persentase balita gizi buruk", "%", 1, 0 },
    { "Cakupan imunisasi dasar lengkap", "%", 0, 0 },
    { "Persentase penduduk miskin", "%", 1, 0 },
    { "Tingkat pengangguran terbuka", "%", 1, 0 },
    { "Jumlah kasus kekerasan terhadap anak", "kasus", 1, 0 },
    { "Persentase PMKS yang memperoleh bantuan sosial", "%", 0, 0 },
    { "Panjang jalan kabupaten dalam kondisi mantap", "km", 0, 1 },
    { "Persentase rumah tangga dengan akses air minum layak", "%", 0, 0 },
    { "Produksi padi", "ton", 0, 1 },
    { "Produksi perikanan tangkap", "ton", 0, 1 },
    { "Jumlah wisatawan nusantara", "orang", 0, 1 },
    { "Jumlah koperasi aktif", "unit", 0, 0 },
    { "Indeks kualitas lingkungan hidup", "indeks", 0, 0 },
    { "Persentase penduduk ber-KTP elektronik", "%", 0, 0 },
    { "Jumlah tenaga kerja yang ditempatkan", "orang", 0, 1 },
    { "Persentase temuan pemeriksaan", "%", 1, 0 },
    { "Indeks kepuasan masyarakat", "indeks", 0, 0 },
    { "Persentase layanan perizinan tepat waktu", "%", 0, 0 },
    { "Rata-rata waktu pelayanan perizinan", "hari", 1, 0 },
    { "Persentase pelanggaran Perda yang ditindak", "%", 0, 0 },
    { "Jumlah kunjungan perpustakaan", "orang", 0, 1 },
    { "Persentase arsip yang tertata", "%", 0, 0 },
    { "Opini BPK atas laporan keuangan", "indeks", 0, 0 },
    { "Tingkat inflasi daerah", "%", 1, 0 },
    { "Persentase desa berstatus mandiri", "%", 0, 0 },
    { "Cakupan pelayanan kesehatan rujukan", "%", 0, 0 },
    { "Persentase kecelakaan lalu lintas yang menurun", "%", 1, 0 },
    { "Persentase sampah yang tertangani", "%", 0, 0 },
    { "Jumlah UMKM yang difasilitasi", "unit", 0, 1 },
    { "Persentase kawasan kumuh", "%", 1, 0 },
    { "Nilai SAKIP perangkat daerah", "indeks", 0, 0 },
    { "Persentase aduan masyarakat yang diselesaikan", "%", 0, 0 },
    { "Cakupan layanan informasi publik", "%", 0, 0 },
};
#define NIND (sizeof indicators / sizeof indicators[0])
static const char *const sasaran[] = {
    "Meningkatnya kualitas pelayanan publik", "Meningkatnya kesejahteraan masyarakat",
    "Meningkatnya kualitas sumber daya manusia", "Menurunnya kesenjangan antarwilayah",
    "Meningkatnya akuntabilitas kinerja", "Meningkatnya daya saing ekonomi daerah",
};

/* A number in hundredths, Indonesian style, with as many decimals as asked
 * (dropped digits must be zero): 123456 -> "1.234,56". */
static void format_id(int64_t h, int decimals, char *out, size_t size)
{
    char digits[32];
    int64_t whole = h / 100, frac = h % 100;
    snprintf(digits, sizeof digits, "%" PRId64, whole);
    size_t n = strlen(digits), o = 0;
    for (size_t i = 0; i < n && o + 2 < size; i++) {
        if (i && (n - i) % 3 == 0) out[o++] = '.';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    if (decimals == 2) snprintf(out + o, size - o, ",%02" PRId64, frac);
    else if (decimals == 1) snprintf(out + o, size - o, ",%" PRId64, frac / 10);
}

/* num / den at 2 decimals, in hundredths: rounded half up, or truncated. */
static int64_t quotient(int64_t num, int64_t den, int truncate)
{
    int64_t q = num * 100 / den, rem = num * 100 % den;
    if (!truncate && rem * 2 >= den) q++;
    return q;
}

/* Capaian (hundredths of a percent) of target t and realisasi r (hundredths). */
static int64_t higher(int64_t t, int64_t r, int tr) { return quotient(r * 100, t, tr); }
static int64_t lower_2tr(int64_t t, int64_t r, int tr) { return quotient((2 * t - r) * 100, t, tr); }
static int64_t lower_tr(int64_t t, int64_t r, int tr) { return quotient(t * 100, r, tr); }

static int64_t distance(int64_t a, int64_t b) { return a > b ? a - b : b - a; }

/* The range (hundredths of a percent) that num/den * 100 can take when
 * target and realisasi are only known to h (capaian.rounded-inputs
 * accepts a value in the range their rounding leaves). */
static int in_rounding_range(int64_t t, int64_t r, int64_t h, int64_t v)
{
    int64_t lo, hi;
    lo = quotient((r - h) * 100, t + h, 1) - 1;                  /* realisasi / target */
    hi = quotient((r + h) * 100, t - h, 0) + 1;
    if (v >= lo && v <= hi) return 1;
    lo = quotient((2 * (t - h) - (r + h)) * 100, t - h, 1) - 1;  /* (2 target - realisasi) / target, widened */
    hi = quotient((2 * (t + h) - (r - h)) * 100, t - h, 0) + 1;
    if (v >= lo - 200 && v <= hi + 200) return 1;
    lo = quotient((t - h) * 100, r + h, 1) - 1;                  /* target / realisasi */
    hi = quotient((t + h) * 100, r - h, 0) + 1;
    return v >= lo && v <= hi;
}

/* True when v is within 1 of what some formula the rule knows gives
 * (rounded or truncated, shifted 1 or 2 places), or within what unrounded
 * inputs could give, or is 100 %: then a planted arithmetic error could
 * read as another finding. h is a unit of the inputs' last digit (twice
 * the half unit the rule allows: a margin). */
static int explained(int64_t t, int64_t r, int64_t h, int64_t v)
{
    const int64_t num[4] = { r * 100, (10000 - r) * 100, (2 * t - r) * 100, t * 100 };
    const int64_t den[4] = { t, 10000 - t, t, r };
    for (int i = 0; i < 4; i++) {
        if (den[i] == 0) continue;
        int64_t n = den[i] < 0 ? -num[i] : num[i], d = den[i] < 0 ? -den[i] : den[i];
        if (n < 0) continue;                /* a negative capaian is never planted */
        for (int k = 1; k <= 100; k *= 10)
            if (distance(quotient(n * k, d, 0), v) <= 1 || distance(quotient(n, d * k, 0), v) <= 1) return 1;
    }
    if (h && (r - h <= 0 || t - h <= 0 || in_rounding_range(t, r, h, v))) return 1;
    return v == 10000;
}

/* True when v is also what a lower-is-better formula other than t/r gives
 * (the rule tries those first, and would name the direction instead). */
static int explained_lower(int64_t t, int64_t r, int64_t v)
{
    if (distance(lower_2tr(t, r, 0), v) <= 1 || distance(lower_2tr(t, r, 1), v) <= 1) return 1;
    return t < 10000 && r < 10000 && (distance(quotient((10000 - r) * 100, 10000 - t, 0), v) <= 1
                                   || distance(quotient((10000 - r) * 100, 10000 - t, 1), v) <= 1);
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: bench_gen ROWS SEED OUT.csv TRUTH.txt\n");
        return 2;
    }
    long rows = atol(argv[1]);
    rng_state = (uint64_t)atoll(argv[2]) * 2654435761u + 88172645463325252ull;
    FILE *out = fopen(argv[3], "wb"), *truth = fopen(argv[4], "wb");
    if (!out || !truth) {
        perror("bench_gen");
        return 2;
    }
    static char buf[1 << 20];
    setvbuf(out, buf, _IOFBF, sizeof buf);
    fputs("tahun;instansi;tabel;no;sasaran;indikator;satuan;arah;target;realisasi;capaian\n", out);
    long line = 1, written = 0, group = 0;
    while (written < rows) {
        int year = 2019 + (int)(group % 5);
        long agency = group / 5;
        const char *tab = tabel[agency % 2];   /* one table per report: PK and IKU of one agency would have to agree */
        char inst[160];
        snprintf(inst, sizeof inst, "%s %s", dinas[agency % 20], daerah[(agency / 20) % 40]);
        if (agency >= 800)                  /* 800 names, then the same with a region number */
            snprintf(inst + strlen(inst), sizeof inst - strlen(inst), " Wilayah %ld", agency / 800 + 1);
        group++;
        long n = pick(20, 60);
        if (n > rows - written) n = rows - written;
        /* a random selection of distinct indicators for this report */
        int order[NIND];
        for (size_t i = 0; i < NIND; i++) order[i] = (int)i;
        for (size_t i = NIND - 1; i > 0; i--) {
            size_t j = next() % (i + 1);
            int x = order[i]; order[i] = order[j]; order[j] = x;
        }
        int64_t prev_t = -1, prev_r = -1;
        const indicator *prev_ind = NULL;
        const char *prev_sas = NULL;
        for (long k = 0; k < n; k++) {
            /* more rows than indicators: the same names under another sasaran */
            const indicator *ind = &indicators[order[k % (long)NIND]];
            const char *sas = sasaran[(k / (long)NIND + (long)(group % 6)) % 6];
            int dup = 0;
            if (prev_ind && next() % 1000 < 3) {                      /* duplikat.conflict */
                ind = prev_ind;
                sas = prev_sas;
                dup = 1;
            }
            prev_ind = ind;
            prev_sas = sas;
            int decimals = (int)pick(0, 2);
            int64_t scale = decimals == 2 ? 1 : decimals == 1 ? 10 : 100;
            int64_t t, r;
            do {
                int pct = strcmp(ind->unit, "%") == 0;     /* a percentage stays within 100 */
                t = (ind->big ? pick(100, 900000) * 100 : pick(500, pct ? 9999 : 99999));
                t -= t % scale;
                r = t / 2 + pick(0, t);
                if (pct && r > 10000) r = 10000;
                r -= r % scale;
            } while (r <= 0 || r == t || (t == prev_t && r == prev_r));   /* a copy of the row above is duplikat.copy */
            prev_t = t;
            prev_r = r;
            int64_t c = ind->lower ? lower_2tr(t, r, 0) : higher(t, r, 0);
            const char *wrong = NULL;
            if (dup) {
                wrong = "duplikat.conflict";
            } else {
                int roll = (int)(next() % 1000);
                if (roll < 10) {
                    /* an error nothing else explains; after 50 tries the row stays right */
                    for (int tries = 0; tries < 50 && !wrong; tries++) {
                        int64_t v = c + (next() % 2 ? 1 : -1) * pick(37, 4000);
                        if (v > 0 && !explained(t, r, scale, v)) {
                            c = v;
                            wrong = "capaian.arithmetic";
                        }
                    }
                } else if (roll < 20) {
                    int64_t tr = ind->lower ? lower_2tr(t, r, 1) : higher(t, r, 1);
                    if (tr != c) { c = tr; wrong = "capaian.truncated"; }
                } else if (roll < 25 && ind->lower) {
                    c = higher(t, r, 0);
                    wrong = "capaian.direction";
                } else if (roll < 30 && !ind->lower && !explained_lower(t, r, lower_tr(t, r, 0))) {
                    c = lower_tr(t, r, 0);
                    wrong = "capaian.swapped";
                }
            }
            char ts[48], rs[48], cs[48];
            format_id(t, decimals, ts, sizeof ts);
            format_id(r, decimals, rs, sizeof rs);
            format_id(c, 2, cs, sizeof cs);
            line++;
            fprintf(out, "%d;%s;%s;%ld;%s;%s;%s;%s;%s;%s;%s\n", year, inst, tab, k + 1, sas, ind->name,
                    ind->unit, ind->lower ? "turun" : "naik", ts, rs, cs);
            if (wrong) fprintf(truth, "%ld %s\n", line, wrong);
            written++;
        }
    }
    if (fclose(out) != 0 || fclose(truth) != 0) {
        perror("bench_gen");
        return 1;
    }
    return 0;
}
