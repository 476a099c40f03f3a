/*
 * input_rules.c — the input.* rules (see input_rules.h): their catalogue
 * entries, and the findings made from the report's coverage once the
 * rules have run.
 */
#include "input/input_rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/coverage.h"
#include "util/util.h"

typedef struct {
    const char *id;
    enum severity severity;
    const char *title[2], *explanation[2], *message[2], *fix[2];
} input_rule;

static const input_rule input_rules[] = {
    { "input.nothing-checked", SEV_ERROR,
      { "Tidak ada yang dapat diperiksa", "Nothing could be checked" },
      { "Tidak satu pun nilai dari berkas ini dapat dihitung ulang atau dibandingkan: tabelnya tidak dikenali, angkanya tidak terbaca, atau tidak ada tabel sama sekali. Tanpa temuan ini laporan audit akan terbaca \"bersih\", padahal berkas itu tidak diperiksa.",
        "Not one value of this file could be recomputed or compared: its tables were not recognised, its numbers could not be read, or it has no table at all. Without this finding the audit would read as \"clean\" although the file was not checked." },
      { "Tidak ada nilai yang dapat dihitung ulang dari berkas ini ({found_id}); berkas ini tidak diperiksa.",
        "No value could be recomputed from this file ({found_en}); it was not checked." },
      { "Jalankan `lakip-audit tables` pada berkas ini untuk melihat bagaimana tabelnya dibaca; pastikan tiap tabel punya baris judul kolom (Indikator, Target, Realisasi, Capaian) dan sel dipisah TAB atau titik koma.",
        "Run `lakip-audit tables` on this file to see how its tables were read; make sure each table has a header row (Indikator, Target, Realisasi, Capaian) and cells separated by TAB or semicolon." } },
    { "input.no-header", SEV_WARNING,
      { "Tabel tanpa judul kolom", "Table without a header" },
      { "Blok ini berisi angka di beberapa baris tetapi tidak punya baris judul kolom yang dikenali, sehingga peran kolomnya (target, realisasi, capaian) tidak diketahui dan tidak ada yang diperiksa.",
        "This block holds numbers in several rows but has no recognisable header row, so the roles of its columns (target, realisasi, capaian) are unknown and nothing in it was checked." },
      { "Tabel ini berisi angka tetapi tidak punya baris judul kolom yang dikenali (seperti Indikator, Target, Realisasi); isinya tidak diperiksa.",
        "This table holds numbers but has no recognisable header row (columns like Indikator, Target, Realisasi); nothing in it was checked." },
      { "Tambahkan baris judul kolom di atas tabel, atau ulangi judul kolom setelah pindah halaman.",
        "Add a header row above the table, or repeat the header after a page break." } },
    { "input.unreadable", SEV_ERROR,
      { "Berkas tidak dapat dibaca", "File could not be read" },
      { "Sebuah berkas dalam folder tidak dapat dimuat (jenis tidak didukung, rusak, atau tidak terbaca). Berkas lain dalam folder tetap diperiksa.",
        "A file of the folder could not be loaded (unsupported type, damaged or unreadable). The other files of the folder were still audited." },
      { "Berkas ini tidak dapat dibaca: {why}. Berkas lain tetap diperiksa.",
        "This file could not be read: {why}. The other files were still audited." },
      { "Simpan berkas sebagai .csv (titik koma) atau .md, atau keluarkan dari folder.",
        "Save the file as .csv (semicolon) or .md, or move it out of the folder." } },
    { "input.unread-block", SEV_WARNING,
      { "Blok data tidak dibaca", "Data block not read" },
      { "Sebuah blok dokumen tampak seperti tabel angka tetapi tidak dibaca sebagai tabel: dalam dokumen teks kolomnya dirapikan dengan spasi, bukan dipisah TAB atau garis tegak; dalam PDF, tabel tanpa garis yang barisnya tidak dapat dipisahkan dari letak teksnya. Nilai di dalamnya tidak diperiksa.",
        "A block of the document looks like a table of numbers but was not read as a table: in a text document its columns are aligned with spaces, not separated by TAB or pipes; in a PDF, a table without rules whose rows cannot be told apart from the text's alignment. Its values were not checked." },
      { "Blok ini tampak seperti tabel tetapi tidak dibaca: {why_id}.",
        "This block looks like a table but was not read: {why}." },
      { "Pisahkan sel dengan TAB atau | (tabel Markdown), audit PDF-nya langsung (untuk PDF: versi dengan garis tabel), atau ekspor tabel ke .csv.",
        "Separate the cells with TAB or | (a Markdown table), audit the PDF itself (for a PDF: a version with ruled tables), or export the table to .csv." } },
    { "input.unread-page", SEV_WARNING,
      { "Halaman PDF tidak dibaca", "PDF page not read" },
      { "Sebuah halaman PDF tidak berisi teks (hasil pindaian, atau teks yang diubah menjadi gambar/kurva) atau rusak, sehingga isinya tidak dibaca dan tidak diperiksa. Halaman lain tetap diperiksa.",
        "A page of the PDF has no text (a scan, or text turned into pictures or outlines) or is damaged, so its content was not read nor checked. The other pages were still audited." },
      { "Halaman PDF tidak dibaca, {why_id}; isinya tidak diperiksa.", "PDF page not read, {why}; its content was not checked." },
      { "Minta PDF asli hasil cetak dari pengolah kata (bukan pindaian), atau jalankan OCR pada halaman itu.",
        "Ask for the original PDF printed from the word processor (not a scan), or run OCR on that page." } },
    { "input.encoding", SEV_INFO,
      { "Berkas bukan UTF-8", "File is not UTF-8" },
      { "Berkas ini tidak disimpan sebagai UTF-8 (misalnya CSV dari Excel di Windows, atau \"Unicode text\" UTF-16) dan dibaca dengan pengodean yang disebut. Huruf non-ASCII dalam temuan bergantung pada tebakan itu.",
        "This file is not saved as UTF-8 (e.g. a CSV from Excel on Windows, or UTF-16 \"Unicode text\") and was read with the encoding named. Non-ASCII letters in findings depend on that choice." },
      { "Berkas ini dibaca sebagai {encoding}{assumed_id}.", "This file was read as {encoding}{assumed_en}." },
      { "Simpan sebagai \"CSV UTF-8\" agar tidak ada tebakan.", "Save as \"CSV UTF-8\" so nothing is guessed." } },
};

#define N_RULES (sizeof input_rules / sizeof input_rules[0])

void input_rules_register(catalog *cat)
{
    for (size_t i = 0; i < N_RULES; i++) {
        const input_rule *d = &input_rules[i];
        rule_info r = { 0 };
        r.id = (char *)d->id;
        r.family = "input";
        r.source = "src/input/input_rules.c";
        r.severity = r.default_severity = d->severity;
        r.enabled = 1;
        for (int l = 0; l < 2; l++) {
            r.title[l] = (char *)d->title[l];
            r.explanation[l] = (char *)d->explanation[l];
            r.message[l] = (char *)d->message[l];
            r.fix[l] = (char *)d->fix[l];
        }
        catalog_add(cat, &r);
    }
}

bool input_rules_follow_checks(const char *id)
{
    return strcmp(id, "input.nothing-checked") == 0 || strcmp(id, "input.no-header") == 0;
}

static finding *add(finding_list *out, const catalog *cat, const char *rule, const char *file, int line,
                    const char *caption, int table_line)
{
    const rule_info *info = catalog_find(cat, rule);
    if (!info || !info->enabled) return NULL;
    return finding_add(out, rule, info->severity, file, line, caption, table_line, NULL);
}

/* "2 tables, none with a recognisable header; 3 cells that are not numbers" */
static void describe(const coverage_summary *s, char *id, char *en, size_t size)
{
    if (s->tables == 0) {
        snprintf(id, size, "tidak ada tabel");
        snprintf(en, size, "no table");
    } else {
        snprintf(id, size, "%zu tabel, %zu dengan judul kolom yang dikenali", s->tables, s->tables_recognised);
        snprintf(en, size, "%zu table%s, %zu with a recognisable header", s->tables, s->tables == 1 ? "" : "s",
                 s->tables_recognised);
    }
    size_t n = strlen(id), m = strlen(en);
    if (s->values_read) {
        n += (size_t)snprintf(id + n, size - n, "; %zu angka terbaca", s->values_read);
        m += (size_t)snprintf(en + m, size - m, "; %zu numbers read", s->values_read);
    }
    if (s->cells_unparsed) {
        n += (size_t)snprintf(id + n, size - n, "; %zu sel bukan angka", s->cells_unparsed);
        m += (size_t)snprintf(en + m, size - m, "; %zu cells not numbers", s->cells_unparsed);
    }
    if (s->values_not_checkable) {
        n += (size_t)snprintf(id + n, size - n, "; %zu nilai tidak dapat diperiksa", s->values_not_checkable);
        m += (size_t)snprintf(en + m, size - m, "; %zu values not checkable", s->values_not_checkable);
    }
    if (s->unread) {
        snprintf(id + n, size - n, "; %zu blok tidak terbaca", s->unread);
        snprintf(en + m, size - m, "; %zu blocks not read", s->unread);
    }
}

static const table *table_at_line(const report *const *reports, size_t n, const char *file, int line)
{
    for (size_t k = 0; k < n; k++)
        for (size_t i = 0; i < report_table_count(reports[k]); i++) {
            const table *t = report_table(reports[k], i);
            if (table_first_line(t) == line && strcmp(table_file(t), file) == 0) return t;
        }
    return NULL;
}

void input_rules_findings(const report *r, const report *const *audited, size_t naudited,
                          const catalog *cat, finding_list *out)
{
    const coverage *cov = report_coverage(r);
    for (size_t i = 0; i < coverage_file_count(cov); i++) {
        const char *encoding;
        bool assumed;
        const char *file = coverage_file(cov, i, &encoding, &assumed);
        if (assumed || strncmp(encoding, "UTF-16", 6) == 0) {
            finding *f = add(out, cat, "input.encoding", file, 0, NULL, 0);
            if (f) {
                finding_set(f, "encoding", encoding);
                finding_set(f, "assumed_id", assumed ? " (ditebak: bukan UTF-8 yang sah, tanpa penanda BOM)" : " (menurut penanda BOM)");
                finding_set(f, "assumed_en", assumed ? " (assumed: not valid UTF-8, no byte order mark)" : " (from its byte order mark)");
            }
        }
        coverage_summary s;
        coverage_summarise(cov, audited, naudited, file, &s);
        if (s.values_recomputed + s.values_compared > 0) continue;
        finding *f = add(out, cat, "input.nothing-checked", file, 0, NULL, 0);
        if (!f) continue;
        char id[256], en[256];
        describe(&s, id, en, sizeof id);
        finding_set(f, "found_id", id);
        finding_set(f, "found_en", en);
    }
    coverage_unread *items;
    size_t n = coverage_unread_list(cov, audited, naudited, &items);
    for (size_t i = 0; i < n; i++) {
        const coverage_unread *u = &items[i];
        finding *f = NULL;
        if (u->kind == UNREAD_NO_HEADER) {
            const table *t = table_at_line(audited, naudited, u->file, u->line);
            f = add(out, cat, "input.no-header", u->file, u->line, t ? table_caption(t) : NULL, u->line);
        } else if (u->kind == UNREAD_FILE) {
            f = add(out, cat, "input.unreadable", u->file, u->line, NULL, 0);
        } else if (u->kind == UNREAD_PAGE) {
            f = add(out, cat, "input.unread-page", u->file, u->line, NULL, 0);
        } else {
            f = add(out, cat, "input.unread-block", u->file, u->line, NULL, 0);
        }
        if (f) {
            finding_set(f, "why", u->why);
            finding_set(f, "why_id", u->why_id);
        }
    }
    free(items);
}
