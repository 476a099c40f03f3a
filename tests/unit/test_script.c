/*
 * test_script.c — the C/Lua bridge: rule loading and declaration checks,
 * the decimal type as rules see it, emit(), and each sandbox guarantee,
 * tested by the engine finding and message it produces.
 *
 * Each test writes one rule file into a fresh temporary rule folder (with
 * an empty lib/), runs it over an empty report, and inspects the findings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/catalog.h"
#include "model/finding.h"
#include "model/report.h"
#include "engine/internal.h"  /* load_chunk: the embedded rules' fallback */
#include "engine/script.h"
#include "model/year.h"

typedef struct {
    char dir[64];
    catalog *cat;
    finding_list *out;
    script *s;
    report *rep;
} fixture;

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* The source of lib/h.lua for the next run_rule_on (then reset), or NULL. */
static const char *next_lib;
/* The settings (ctx.options) of the next run_rule_on (then reset). */
static const script_setting *next_settings;
static size_t next_nsettings;

/* Loads `rule_source` as the only rule file and runs it over rep (taken
 * over), or over an empty report when rep is NULL. */
static void run_rule_on(fixture *fx, const char *rule_source, long long budget, report *rep)
{
    snprintf(fx->dir, sizeof fx->dir, "/tmp/lakip-test-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    char path[128];
    snprintf(path, sizeof path, "%s/lib", fx->dir);
    assert_int_equal(mkdir(path, 0700), 0);
    if (next_lib) {
        snprintf(path, sizeof path, "%s/lib/h.lua", fx->dir);
        write_file(path, next_lib);
        next_lib = NULL;
    }
    snprintf(path, sizeof path, "%s/t.lua", fx->dir);
    write_file(path, rule_source);
    fx->cat = catalog_new();
    fx->out = finding_list_new();
    fx->rep = rep ? rep : report_new(STYLE_AUTO);
    script_options opt = { .builtin_dir = fx->dir, .instruction_budget = budget, .memory_limit = 64u << 20,
                           .settings = next_settings, .nsettings = next_nsettings };
    next_settings = NULL;
    next_nsettings = 0;
    char err[256];
    fx->s = script_new(&opt, fx->cat, fx->out, err, sizeof err);
    assert_non_null(fx->s);
    script_keep_coverage(fx->s, report_coverage(fx->rep));
    script_run(fx->s, fx->rep);
}

static void run_rule(fixture *fx, const char *rule_source, long long budget)
{
    run_rule_on(fx, rule_source, budget, NULL);
}

static void cleanup(fixture *fx)
{
    char path[128];
    script_free(fx->s);
    finding_list_free(fx->out);
    catalog_free(fx->cat);
    report_free(fx->rep);
    snprintf(path, sizeof path, "%s/t.lua", fx->dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/lib/h.lua", fx->dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/lib", fx->dir);
    rmdir(path);
    rmdir(fx->dir);
}

/* The only finding, which must be of `rule` and whose message contains `text`. */
static const finding *only_finding(fixture *fx, const char *rule, const char *text)
{
    if (finding_count(fx->out) != 1) {
        for (size_t i = 0; i < finding_count(fx->out); i++)
            fprintf(stderr, "finding %s: %s\n", finding_at(fx->out, i)->rule,
                    finding_get(finding_at(fx->out, i), "message") ? finding_get(finding_at(fx->out, i), "message") : "");
    }
    assert_int_equal(finding_count(fx->out), 1);
    const finding *f = finding_at(fx->out, 0);
    assert_string_equal(f->rule, rule);
    if (text) {
        const char *msg = finding_get(f, "message");
        assert_non_null(msg);
        if (!strstr(msg, text)) fail_msg("message '%s' lacks '%s'", msg, text);
    }
    return f;
}

#define RULE_HEAD \
    "return { rules = { { id = 't.x', severity = 'error', title = {id='t', en='t'}, " \
    "explanation = {id='e', en='e'}, message = {id='m {v}', en='m {v}'}, fields = {'v'} } },\n"

/* A rule whose begin() runs `body` (with ctx and report in scope). */
/* For the bodies that compare a C helper with the Lua it replaced:
 * random_texts(alphabet, n, most, seed) -> n texts of 0 to most - 1 pieces
 * of alphabet, from a fixed linear congruential sequence (the same texts
 * on every machine, so a count of differences is a stable expectation).
 * One line, on the line of begin: the bodies' line numbers stay 3 on. */
#define RANDOM_TEXTS \
    "local function random_texts(alphabet, n, most, seed) " \
    "  local out = {} " \
    "  for i = 1, n do " \
    "    local parts = {} " \
    "    seed = (seed * 1103515245 + 12345) % 2147483648 " \
    "    for j = 1, seed % most do " \
    "      seed = (seed * 1103515245 + 12345) % 2147483648 " \
    "      parts[j] = alphabet[seed % #alphabet + 1] " \
    "    end " \
    "    out[i] = table.concat(parts) " \
    "  end " \
    "  return out " \
    "end "

static void run_body(fixture *fx, const char *body)
{
    char src[8192];
    int n = snprintf(src, sizeof src, RULE_HEAD "begin = function(ctx, report) %s\n%s\nend }\n", RANDOM_TEXTS, body);
    assert_true(n > 0 && (size_t)n < sizeof src);
    run_rule(fx, src, 0);
}

static void test_emit_renders_decimal_fields(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx, "local a = decimal.new('52.62')\n"
                  "local v = (a * 100):div(decimal.new(50), 2, 'half_up')\n"
                  "ctx:emit('t.x', {file='f.csv', line=7}, {v = v, reported = '101,24%'})");
    assert_int_equal(finding_count(fx.out), 1);
    const finding *f = finding_at(fx.out, 0);
    assert_string_equal(f->rule, "t.x");
    assert_string_equal(f->file, "f.csv");
    assert_int_equal(f->line, 7);
    assert_string_equal(finding_get(f, "v"), "105,24");
    char *msg = finding_message(f, fx.cat, LANG_ID);
    assert_string_equal(msg, "m 105,24");
    free(msg);
    cleanup(&fx);
}

/* ctx:emit keeps every field, however many (each field's text is made once
 * for the first 48, the others read again), and the first {name} its texts
 * use without a value is the one named, whichever text repeats it: a
 * second emit of the rule (its names then known) says the same. */
static void test_emit_many_fields(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx, "for _, n in ipairs({ 3, 48, 49, 70 }) do\n"
                  "  local fields = { v = decimal.new('1.5') }\n"
                  "  for i = 1, n do fields['f' .. i] = i % 2 == 0 and decimal.new(i) or ('x' .. i) end\n"
                  "  ctx:emit('t.x', {file='f.csv', line=n}, fields)\n"
                  "end");
    assert_int_equal(finding_count(fx.out), 4);
    static const int counts[] = { 3, 48, 49, 70 };
    for (size_t k = 0; k < 4; k++) {
        const finding *f = finding_at(fx.out, k);
        assert_int_equal(f->line, counts[k]);
        assert_string_equal(finding_get(f, "v"), "1,5");
        for (int i = 1; i <= counts[k]; i++) {
            char name[16], want[16];
            snprintf(name, sizeof name, "f%d", i);
            snprintf(want, sizeof want, i % 2 == 0 ? "%d" : "x%d", i);
            assert_non_null(finding_get(f, name));
            assert_string_equal(finding_get(f, name), want);
        }
    }
    cleanup(&fx);
    run_rule(&fx, "return { rules = { { id = 't.x', severity = 'error', title = 't', explanation = 'e',\n"
                  "    fields = { 'a', 'b', 'c' }, message = { id = '{a} {b} {a}', en = '{b} {c}' }, fix = { id = '{c} {a}', en = '{c}' } } },\n"
                  "  begin = function(ctx)\n"
                  "    for _, f in ipairs({ { a = 1, b = 2, c = 3 }, { a = 1, c = 3 }, { b = 2 }, { a = 1, b = 2 } }) do\n"
                  "      local ok, err = pcall(ctx.emit, ctx, 't.x', {file='f', line=2}, f)\n"
                  "      if not ok then ctx:emit('t.x', {file='f', line=3}, { a = err:match('{(%a)}'), b = '', c = '' }) end\n"
                  "    end\n"
                  "  end }", 0);
    assert_int_equal(finding_count(fx.out), 4);
    assert_null(finding_get(finding_at(fx.out, 0), "x"));
    assert_string_equal(finding_get(finding_at(fx.out, 1), "a"), "b");
    assert_string_equal(finding_get(finding_at(fx.out, 2), "a"), "a");
    assert_string_equal(finding_get(finding_at(fx.out, 3), "a"), "c");
    cleanup(&fx);
}

/* ctx:recomputed / compared / not_checkable count into the report's coverage. */
static void test_coverage_counts(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx, "for _ = 1, 3 do ctx:recomputed({file='a.md'}) end\n"
                  "ctx:compared({file='a.md'})\n"
                  "ctx:not_checkable({file='a.md'}, 2)\n"
                  "ctx:compared({file='b.md'}, 0)");
    assert_int_equal(finding_count(fx.out), 0);
    coverage_summary s;
    coverage_summarise(report_coverage(fx.rep), (const report *const *)&fx.rep, 1, "a.md", &s);
    assert_int_equal(s.values_recomputed, 3);
    assert_int_equal(s.values_compared, 1);
    assert_int_equal(s.values_not_checkable, 2);
    coverage_summarise(report_coverage(fx.rep), (const report *const *)&fx.rep, 1, "b.md", &s);
    assert_int_equal(s.values_recomputed, 0);
    size_t counts[VALUE_OUTCOMES];
    assert_string_equal(coverage_family(report_coverage(fx.rep), 0, counts), "t");
    assert_int_equal(counts[VALUE_RECOMPUTED], 3);
    assert_int_equal(counts[VALUE_COMPARED], 1);
    assert_int_equal(counts[VALUE_NOT_CHECKABLE], 2);
    assert_null(coverage_family(report_coverage(fx.rep), 1, counts));
    cleanup(&fx);

    run_body(&fx, "ctx:recomputed(42)");
    only_finding(&fx, "engine.rule-error", "row, table or location {file=}");
    cleanup(&fx);
    run_body(&fx, "ctx:compared({file='a.md'}, -1)");
    only_finding(&fx, "engine.rule-error", "count out of range");
    cleanup(&fx);
}

static void test_decimal_rounding_modes(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx, "local r = (decimal.new(190) * 100):div(61, 2, 'half_up')\n"
                  "local t = (decimal.new(190) * 100):div(61, 2, 'truncate')\n"
                  "assert(tostring(r) == '311.48', tostring(r))\n"
                  "assert(tostring(t) == '311.47', tostring(t))\n"
                  "assert(decimal.new('1.50') == decimal.new('1.5'))\n"
                  "assert(decimal.new(2) > decimal.new('1.99'))\n"
                  "assert(decimal.new('0.1') + decimal.new('0.2') == decimal.new('0.3'))\n"
                  "local q, why = decimal.new(1):div(0, 2)\n"
                  "assert(q == nil and why == 'division by zero')\n"
                  "ctx:emit('t.x', {file='f', line=1}, {v = 'ok'})");
    only_finding(&fx, "t.x", NULL);
    cleanup(&fx);
}

/* lakip.normalize is the Lua normalisation lib.text had, byte for byte:
 * compared on tricky texts and on 3,000 pseudo-random ones (markup,
 * punctuation, spaces, capitals, digits, bytes >= 128, NUL). */
static void test_lakip_normalize_is_the_lua_one(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx,
        "local lower, gsub, find, match = string.lower, string.gsub, string.find, string.match\n"
        "local function lua_normalize(s)\n"
        "  s = lower(s)\n"
        "  if find(s, '<', 1, true) then s = gsub(s, '<[^>]*>', ' ') end\n"
        "  s = gsub(s, '[%p%s]+', ' ')\n"
        "  return (match(s, '^ ?(.-) ?$'))\n"
        "end\n"
        "local cases = { '', ' ', '  ', '.', 'a', ' A ', '1. Persentase  PMKS yang <b>Tertangani</b>;',\n"
        "  '<', '>', '<>', 'a<b', 'a>b', 'a<b>c', '<a<b>c>d', 'x < y > z < w', '<<>>', '\\0A\\0', 'caf\\195\\169 \\226\\128\\147 Z',\n"
        "  '\\tTab\\nNew\\rline\\v\\f', '(50 : 3) x 100% = 1667%', '--a--', 'a,,b..c' }\n"
        "local alphabet = { 'a', 'B', 'z', '1', ' ', '  ', '.', ',', '<', '>', '<b>', '</i>', '\\n', '\\t', '%', '-',\n"
        "  '\\195\\169', '\\226\\128\\147', '\\0', 'Q', '_', '\"', '&amp;', 'kasus' }\n"
        "for _, c in ipairs(random_texts(alphabet, 3000, 12, 12345)) do cases[#cases + 1] = c end\n"
        "local bad = 0\n"
        "for _, c in ipairs(cases) do\n"
        "  if lakip.normalize(c) ~= lua_normalize(c) then bad = bad + 1 end\n"
        "end\n"
        "ctx:emit('t.x', {file='f', line=1}, {v = tostring(bad) .. ' of ' .. #cases})");
    const finding *f = only_finding(&fx, "t.x", NULL);
    assert_string_equal(finding_get(f, "v"), "0 of 3022");
    cleanup(&fx);
}

/* lakip.indicator_key is the Lua key() steps lib.indikator had (without
 * the phrase synonyms), byte for byte: compared on tricky names and on
 * 4,000 pseudo-random ones (markup, entities, numbering, roman numerals,
 * apostrophes, dashes and other multi-byte characters, "&", words the
 * table replaces). */
static void test_lakip_indicator_key_is_the_lua_one(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx,
        "local lower, gsub, find = string.lower, string.gsub, string.find\n"
        "local words = { persentasi = 'persentase', prosentase = 'persentase', org = 'orang', yg = 'yang',\n"
        "  dg = 'dengan', kab = 'kabupaten', social = 'sosial', spaced = ' two  words ', n = 7 }\n"
        "local numbering = { '^%(?%d[%d%.]*[%.%)]%f[%s%a]', '^%(?%a[%.%)]%s', '^[ivx]+[%.%)]%s' }\n"
        "local function clean(s)\n"
        "  s = gsub(s, '<[^>]*>', ' ')\n"
        "  s = gsub(s, '&amp;', '&')\n"
        "  s = gsub(s, '&%a+;', ' ')\n"
        "  if find(s, '[\\128-\\255]') then\n"
        "    s = gsub(s, '\\u{00A0}', ' ')\n"
        "    for _, ch in ipairs({ '\\u{2018}', '\\u{2019}' }) do s = gsub(s, ch, '') end\n"
        "    for _, ch in ipairs({ '\\u{2022}', '\\u{2013}', '\\u{2014}' }) do s = gsub(s, ch, ' ') end\n"
        "  end\n"
        "  s = gsub(s, \"['`]\", '')\n"
        "  s = gsub(s, '^[%s%*_]+', '')\n"
        "  for _, p in ipairs(numbering) do\n"
        "    local n\n"
        "    s, n = gsub(s, p, ' ', 1)\n"
        "    if n > 0 then break end\n"
        "  end\n"
        "  s = gsub(s, '&', ' dan ')\n"
        "  return (gsub(s, '%p', ' '))\n"
        "end\n"
        "local function lua_key(name)\n"
        "  local s = lower(name)\n"
        "  if find(s, '[^%w ]') then s = clean(s) end\n"
        "  s = gsub(gsub(s, '%a+', words), '%s+', ' ')\n"
        "  if find(s, '^ ') then s = string.sub(s, 2) end\n"
        "  if find(s, ' $') then s = string.sub(s, 1, -2) end\n"
        "  return s\n"
        "end\n"
        "local cases = { '', ' ', '1. Prosentase  PMKS yg <b>Tertangani</b>;', '(3) Jml Org', 'a. Desa', 'b) x',\n"
        "  'iv. Nilai', 'IV) Nilai', 'ivx.Nilai', '1.2. Indeks', '1.2.Indeks', '12) Angka', '1.000 Desa', '(1.a',\n"
        "  '&amp;lt; &nbsp;', 'A & B', \"Qur'an\", 'Al\\226\\128\\152quran\\226\\128\\153', 'Kasus\\226\\128\\147Anak',\n"
        "  '\\194\\160Desa', '***_ 1. x', '<a<b>c>', 'x < y', '&;', '&ab;c;', 'N', 'spaced out', 'dg\\tdg' }\n"
        "local alphabet = { 'a', 'B', 'yg', 'org', 'dg', 'n', 'spaced', ' ', '  ', '.', ',', ')', '(', '1', '2', '.5',\n"
        "  '<', '>', '<b>', '&', '&amp;', '&nbsp;', \"'\", '`', '*', '_', 'i', 'v', 'x', 'IV', '\\194\\160',\n"
        "  '\\226\\128\\152', '\\226\\128\\153', '\\226\\128\\162', '\\226\\128\\147', '\\226\\128\\148', '\\226\\128',\n"
        "  '\\194', '\\t', '\\n', ';', '-', 'Prosentase', '\\195\\169' }\n"
        "for _, c in ipairs(random_texts(alphabet, 4000, 10, 424242)) do cases[#cases + 1] = c end\n"
        "local bad, first = 0, ''\n"
        "for _, c in ipairs(cases) do\n"
        "  local a, b = lakip.indicator_key(c, words), lua_key(c)\n"
        "  if a ~= b then bad = bad + 1; if first == '' then first = string.format('%q: %q ~= %q', c, a, b) end end\n"
        "end\n"
        "ctx:emit('t.x', {file='f', line=1}, {v = tostring(bad) .. ' of ' .. #cases .. first})");
    const finding *f = only_finding(&fx, "t.x", NULL);
    assert_string_equal(finding_get(f, "v"), "0 of 4028");
    cleanup(&fx);
}

/* lakip.loose_words gives what lib.indikator.loose_key's Lua loop gave
 * (abbreviations spelt out, joining words dropped, sorted unless a word
 * of order is present, in Lua's string order), on 4,000 pseudo-random
 * keys; and nil for an abbreviation that is neither a string nor false. */
static void test_lakip_loose_words_is_the_lua_one(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx,
        "local abbr = { ops = 'operasional', masy = 'masyarakat', sarpras = 'sarana prasarana', adm = 'administrasi', no = false }\n"
        "local drop = { dan = true, yang = true, di = true, the = true }\n"
        "local order = { terhadap = true, per = true, dari = true }\n"
        "local function lua_words(k, ordered)\n"
        "  local ws = {}\n"
        "  for w in string.gmatch(k, '%S+') do\n"
        "    w = abbr[w] or w\n"
        "    if order[w] then ordered = true end\n"
        "    if not drop[w] then ws[#ws + 1] = w end\n"
        "  end\n"
        "  if not ordered then table.sort(ws) end\n"
        "  return table.concat(ws, ' ')\n"
        "end\n"
        "local alphabet = { 'ops', 'masy', 'sarpras', 'adm', 'no', 'dan', 'yang', 'di', 'the', 'terhadap', 'per',\n"
        "  'dari', 'a', 'b', 'ab', 'B', 'z9', '1', '10', '2', ' ', '  ', '\\t', '\\n', 'pel', 'sarana', '\\0', 'x\\0y' }\n"
        "local bad, n = 0, 0\n"
        "for _, k in ipairs(random_texts(alphabet, 4000, 12, 99)) do\n"
        "  for _, ordered in ipairs({ false, true }) do\n"
        "    n = n + 1\n"
        "    if lakip.loose_words(k, ordered, abbr, drop, order) ~= lua_words(k, ordered) then bad = bad + 1 end\n"
        "  end\n"
        "end\n"
        "if lakip.loose_words('a ops b', false, { ops = 7 }, drop, order) ~= nil then bad = bad + 1 end\n"
        "ctx:emit('t.x', {file='f', line=1}, {v = tostring(bad) .. ' of ' .. n})");
    const finding *f = only_finding(&fx, "t.x", NULL);
    assert_string_equal(finding_get(f, "v"), "0 of 8000");
    cleanup(&fx);
}

/* lakip.find_any, lakip.find_digit and lakip.sentence_end give what the
 * Lua they replace gave: the first term of the list string.find(s, term,
 * 1, true) finds, string.find(s, "%d", init) and string.find(s,
 * "[%.!%?]%s+%u", init) — on 2,000 pseudo-random texts, every init from
 * -3 to #s + 2. */
static void test_lakip_find_any_and_digit(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx,
        "local terms = { 'kasus', 'angka kematian', 'mati', 'as', '', 'x' }\n"
        "local short = { 'kasus', 'angka kematian', 'tian' }\n"
        "local function lua_any(s, list)\n"
        "  for _, t in ipairs(list) do if string.find(s, t, 1, true) then return t end end\n"
        "  return nil\n"
        "end\n"
        "local alphabet = { 'ka', 'sus', 'angka', ' ', 'kematian', 'ma', 'ti', '1', '9', '0', 'x', '.', '\\0',\n"
        "  '!', '?', '. ', '\\t', 'A', 'Z', '\\n', '\\195\\137' }\n"
        "local bad, n = 0, 0\n"
        "for _, s in ipairs(random_texts(alphabet, 2000, 9, 777)) do\n"
        "  n = n + 1\n"
        "  if lakip.find_any(s, terms) ~= lua_any(s, terms) or lakip.find_any(s, short) ~= lua_any(s, short) then bad = bad + 1 end\n"
        "  for init = -3, #s + 2 do\n"
        "    if lakip.find_digit(s, init) ~= string.find(s, '%d', init) then bad = bad + 1 end\n"
        "    local a, b = lakip.sentence_end(s, init)\n"
        "    local c, d = string.find(s, '[%.!%?]%s+%u', init)\n"
        "    if a ~= c or b ~= d then bad = bad + 1 end\n"
        "  end\n"
        "end\n"
        "ctx:emit('t.x', {file='f', line=1}, {v = tostring(bad) .. ' of ' .. n})");
    const finding *f = only_finding(&fx, "t.x", NULL);
    assert_string_equal(finding_get(f, "v"), "0 of 2000");
    cleanup(&fx);
}

/* lakip.terms(list): find_any with the term set answers what it answers
 * with the list (the first term in list order that the text contains),
 * on short texts (each byte's chain of terms) and long ones (each term in
 * turn), with an empty term, a number, prefixes and repeats in the list;
 * the set keeps the terms it was made of. */
static void test_lakip_terms_is_the_list(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx,
        "local lists = { { 'kasus', 'angka kematian', 'mati', 'as', '', 'x' }, { 'kasus', 'angka kematian', 'tian' },\n"
        "  { 'ti', 'kema', 'kematian', 'a', 'ka', 'ka', 'sus ', '9', 19, 'Z', '\\195' }, {}, { '' } }\n"
        "local big = {}\n"
        "for i = 1, 120 do big[i] = ({ 'ma', 'ti', 'an', 'ka', 'sus', '.', 'x9', 'angka ke' })[i % 8 + 1] .. (i % 5 == 0 and ' ' or '') end\n"
        "lists[#lists + 1] = big\n"
        "local function lua_any(s, list)\n"
        "  for _, t in ipairs(list) do if string.find(s, t, 1, true) then return tostring(t) end end\n"
        "  return nil\n"
        "end\n"
        "local sets = {}\n"
        "for i, l in ipairs(lists) do sets[i] = lakip.terms(l) end\n"
        "local alphabet = { 'ka', 'sus', 'angka', ' ', 'kematian', 'ma', 'ti', '1', '9', '0', 'x', '.', '\\0',\n"
        "  '!', 'A', 'Z', '\\n', '\\195\\137' }\n"
        "local bad, n = 0, 0\n"
        "local texts = random_texts(alphabet, 1500, 9, 4711)\n"
        "for i = 1, 60 do texts[#texts + 1] = string.rep(texts[i], 40) .. texts[i + 1] end\n"
        "for i = 1, 3 do texts[#texts + 1] = string.rep(texts[i + 5] .. 'k', 3000) .. texts[i] end\n"
        "for _, s in ipairs(texts) do\n"
        "  for i, l in ipairs(lists) do\n"
        "    n = n + 1\n"
        "    if lakip.find_any(s, sets[i]) ~= lua_any(s, l) then bad = bad + 1 end\n"
        "  end\n"
        "end\n"
        "lists[1][1] = 'zzz'\n"
        "local kept = lakip.find_any('kasus', sets[1]) == 'kasus'\n"
        "local refused = not pcall(lakip.terms, { 'a', {} }) and not pcall(setmetatable, sets[1], nil)\n"
        "ctx:emit('t.x', {file='f', line=1}, {v = tostring(bad) .. ' of ' .. n .. ' ' .. tostring(kept) .. ' ' .. tostring(refused)})");
    const finding *f = only_finding(&fx, "t.x", NULL);
    assert_string_equal(finding_get(f, "v"), "0 of 9378 true true");
    cleanup(&fx);
}

/* lakip.formula_matches(lakip.formulas(list), t, r, c) is, bit for bit,
 * what rules/capaian.lua's decimals gave for each formula of lib.formula
 * (f.parts, then num:div(den, p, mode) == c for half-up and truncated at
 * c's scale, nothing for a zero denominator), on numbers of every scale
 * and sign, zeros, values each formula itself gives (so that formulas
 * match) and numbers large enough to overflow — where the Lua raises an
 * error and the C answers nil. A set keeps the formulas it was made of;
 * a bad expression or argument is an error. */
static void test_lakip_formula_matches_is_the_lua_one(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx,
        "local F = {\n"
        "  { parts = function(t, r) return r * 100, t end, num = 'realisasi * 100', den = 'target' },\n"
        "  { parts = function(t, r) return (100 - r) * 100, 100 - t end, num = '(100 - realisasi) * 100', den = '100 - target' },\n"
        "  { parts = function(t, r) return (t * 2 - r) * 100, t end, num = '(target * 2 - realisasi) * 100', den = 'target' },\n"
        "  { parts = function(t, r) return t * 100, r end, num = 'target * 100', den = 'realisasi' },\n"
        "}\n"
        "local set = lakip.formulas(F)\n"
        "local function lua_mask(t, r, c)\n"
        "  local mask, p = 0, c:scale()\n"
        "  for i, f in ipairs(F) do\n"
        "    local num, den = f.parts(t, r)\n"
        "    if not den:is_zero() then\n"
        "      if num:div(den, p, 'half_up') == c then mask = mask | (1 << (2 * i - 2)) end\n"
        "      if num:div(den, p, 'truncate') == c then mask = mask | (2 << (2 * i - 2)) end\n"
        "    end\n"
        "  end\n"
        "  return mask\n"
        "end\n"
        "local texts = { '0', '100', '100.00', '-5', '0.5', '99.99', '50', '12.345', '1234567.891', '0.001',\n"
        "  '123456789012345.67', '-0.07', '200', '99.5', '8', '9223372036854775.807', '3.14159265358979' }\n"
        "local seed = 7\n"
        "for i = 1, 40 do\n"
        "  seed = (seed * 1103515245 + 12345) % 2147483648\n"
        "  local s = tostring(seed % 100000)\n"
        "  local k = seed % 4\n"
        "  if k > 0 and #s > k then s = s:sub(1, #s - k) .. '.' .. s:sub(#s - k + 1) end\n"
        "  texts[#texts + 1] = (seed % 7 == 0 and '-' or '') .. s\n"
        "end\n"
        "local nums = {}\n"
        "for i, s in ipairs(texts) do nums[i] = decimal.new(s) end\n"
        "local bad, n, matched, overflow = 0, 0, 0, 0\n"
        "local function try(t, r, c)\n"
        "  n = n + 1\n"
        "  local ok, want = pcall(lua_mask, t, r, c)\n"
        "  local got = lakip.formula_matches(set, t, r, c)\n"
        "  if not ok then overflow = overflow + 1; if got ~= nil then bad = bad + 1 end\n"
        "  elseif got ~= want then bad = bad + 1\n"
        "  elseif want ~= 0 then matched = matched + 1 end\n"
        "end\n"
        "for a = 1, #nums, 2 do\n"
        "  for b = 1, #nums, 3 do\n"
        "    local t, r = nums[a], nums[b]\n"
        "    for _, c in ipairs({ nums[(a + b) % #nums + 1], decimal.new('100'), decimal.new('0') }) do try(t, r, c) end\n"
        "    for _, f in ipairs(F) do\n"
        "      local ok, num, den = pcall(f.parts, t, r)\n"
        "      if ok and not den:is_zero() then\n"
        "        for p = 0, 3 do\n"
        "          for _, mode in ipairs({ 'half_up', 'truncate' }) do\n"
        "            local ok2, c = pcall(num.div, num, den, p, mode)\n"
        "            if ok2 then try(t, r, c) end\n"
        "          end\n"
        "        end\n"
        "      end\n"
        "    end\n"
        "  end\n"
        "end\n"
        "F[1].num = 'target'\n"
        "local kept = lakip.formula_matches(set, decimal.new(4), decimal.new(5), decimal.new(125)) == 3\n"
        "local refused = not pcall(lakip.formulas, { { num = 'target / 2', den = 'target' } })\n"
        "  and not pcall(lakip.formulas, { { num = 'x', den = 'target' } }) and not pcall(lakip.formulas, { 1 })\n"
        "  and not pcall(lakip.formula_matches, {}, decimal.new(1), decimal.new(1), decimal.new(1))\n"
        "  and not pcall(lakip.formula_matches, set, 1, decimal.new(1), decimal.new(1))\n"
        "  and not pcall(setmetatable, set, nil)\n"
        "ctx:emit('t.x', {file='f', line=1}, {v = bad .. ' of ' .. n .. ', ' .. matched .. ' matched, ' .. overflow .. ' overflow ' .. tostring(kept) .. ' ' .. tostring(refused)})");
    const finding *f = only_finding(&fx, "t.x", NULL);
    assert_string_equal(finding_get(f, "v"), "0 of 17837, 15950 matched, 582 overflow true true");
    cleanup(&fx);
}

/* lakip.rounded_reach(set, i, t, r, c) gives what rules/capaian.lua's
 * rounded_inputs gave (the Lua is here): the interval and the inputs'
 * bounds when formula i reaches c from the values the rounded t and r
 * stand for, false when it does not, nil where the Lua raises (an
 * overflow, a scale too fine to write half a unit of). */
static void test_lakip_rounded_reach_is_the_lua_one(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx,
        "local F = {\n"
        "  { parts = function(t, r) return r * 100, t end, num = 'realisasi * 100', den = 'target' },\n"
        "  { parts = function(t, r) return (100 - r) * 100, 100 - t end, num = '(100 - realisasi) * 100', den = '100 - target' },\n"
        "  { parts = function(t, r) return (t * 2 - r) * 100, t end, num = '(target * 2 - realisasi) * 100', den = 'target' },\n"
        "  { parts = function(t, r) return t * 100, r end, num = 'target * 100', den = 'realisasi' },\n"
        "}\n"
        "local set = lakip.formulas(F)\n"
        "local function half_unit(d) return decimal.new('0.' .. string.rep('0', d:scale()) .. '5') end\n"
        "local function bounds(d)\n"
        "  if d:scale() == 0 then return d, d end\n"
        "  local h = half_unit(d)\n"
        "  return d - h, d + h\n"
        "end\n"
        "local function lua_reach(f, tv, rv, cv)\n"
        "  if tv:scale() == 0 and rv:scale() == 0 then return nil end\n"
        "  local tlo, thi = bounds(tv)\n"
        "  local rlo, rhi = bounds(rv)\n"
        "  local h = half_unit(cv)\n"
        "  local clo, chi = cv - h, cv + h\n"
        "  local above, below = false, false\n"
        "  local corners = {}\n"
        "  local ts, rs = { tlo, thi }, { rlo, rhi }\n"
        "  for ti = 1, 2 do\n"
        "    for ri = 1, 2 do\n"
        "      local num, den = f.parts(ts[ti], rs[ri])\n"
        "      if den:sign() <= 0 then return nil end\n"
        "      if num >= clo * den then above = true end\n"
        "      if num <= chi * den then below = true end\n"
        "      corners[#corners + 1] = { num, den }\n"
        "    end\n"
        "  end\n"
        "  if not (above and below) then return nil end\n"
        "  local p = cv:scale() + 2\n"
        "  local lo_num, lo_den, hi_num, hi_den\n"
        "  for _, c in ipairs(corners) do\n"
        "    if not lo_num or c[1] * lo_den < lo_num * c[2] then lo_num, lo_den = c[1], c[2] end\n"
        "    if not hi_num or c[1] * hi_den > hi_num * c[2] then hi_num, hi_den = c[1], c[2] end\n"
        "  end\n"
        "  if hi_num * lo_den - lo_num * hi_den > lo_den * hi_den then return nil end\n"
        "  local lo, hi\n"
        "  local unit = decimal.new('0.' .. string.rep('0', p - 1) .. '1')\n"
        "  for _, c in ipairs(corners) do\n"
        "    local v = c[1]:div(c[2], p, 'truncate')\n"
        "    if not lo or v < lo then lo = v end\n"
        "    if v * c[2] ~= c[1] then v = v + unit end\n"
        "    if not hi or v > hi then hi = v end\n"
        "  end\n"
        "  return lo, hi, tlo, thi, rlo, rhi\n"
        "end\n"
        "local texts = { '0', '100', '100.0', '-5.5', '0.5', '99.99', '50', '12.345', '1234567.891', '0.001', '7.25',\n"
        "  '123456789012345.67', '-0.07', '200.0', '99.5', '8', '9.2233720368547758', '3.14159265358979', '64.37', '0.000000000000000001' }\n"
        "local seed = 5\n"
        "for i = 1, 30 do\n"
        "  seed = (seed * 1103515245 + 12345) % 2147483648\n"
        "  local s = tostring(seed % 100000)\n"
        "  local k = seed % 4\n"
        "  if k > 0 and #s > k then s = s:sub(1, #s - k) .. '.' .. s:sub(#s - k + 1) end\n"
        "  texts[#texts + 1] = (seed % 9 == 0 and '-' or '') .. s\n"
        "end\n"
        "local nums = {}\n"
        "for i, s in ipairs(texts) do nums[i] = decimal.new(s) end\n"
        "local bad, n, reached, unreached, overflow = 0, 0, 0, 0, 0\n"
        "local function same(a, b) return decimal.is(a) and decimal.is(b) and a == b and a:scale() == b:scale() end\n"
        "local function try(i, t, r, c)\n"
        "  n = n + 1\n"
        "  local want = table.pack(pcall(lua_reach, F[i], t, r, c))\n"
        "  local got = table.pack(lakip.rounded_reach(set, i, t, r, c))\n"
        "  if not want[1] then overflow = overflow + 1; if got[1] ~= nil then bad = bad + 1 end\n"
        "  elseif want[2] == nil then unreached = unreached + 1; if got[1] ~= false then bad = bad + 1 end\n"
        "  else\n"
        "    reached = reached + 1\n"
        "    for k = 1, 6 do if not same(want[k + 1], got[k]) then bad = bad + 1; break end end\n"
        "  end\n"
        "end\n"
        "for a = 1, #nums, 2 do\n"
        "  for b = 2, #nums, 3 do\n"
        "    local t, r = nums[a], nums[b]\n"
        "    for i, f in ipairs(F) do\n"
        "      try(i, t, r, nums[(a * b) % #nums + 1])\n"
        "      local ok, num, den = pcall(f.parts, t, r)\n"
        "      if ok and not den:is_zero() then\n"
        "        for p = 0, 2 do\n"
        "          local ok2, c = pcall(num.div, num, den, p, 'half_up')\n"
        "          if ok2 then\n"
        "            local step = decimal.new(p == 0 and '1' or ('0.' .. string.rep('0', p - 1) .. '1'))\n"
        "            for _, d in ipairs({ c, c + step, c - step, c + step * 7 }) do try(i, t, r, d) end\n"
        "          end\n"
        "        end\n"
        "      end\n"
        "    end\n"
        "  end\n"
        "end\n"
        "local refused = not pcall(lakip.rounded_reach, set, 5, nums[1], nums[1], nums[1])\n"
        "  and not pcall(lakip.rounded_reach, {}, 1, nums[1], nums[1], nums[1])\n"
        "ctx:emit('t.x', {file='f', line=1}, {v = bad .. ' of ' .. n .. ', ' .. reached .. ' reached, ' .. unreached .. ' not, ' .. overflow .. ' overflow ' .. tostring(refused)})");
    const finding *f = only_finding(&fx, "t.x", NULL);
    assert_string_equal(finding_get(f, "v"), "0 of 19932, 3531 reached, 14498 not, 1903 overflow true");
    cleanup(&fx);
}

/* lakip.shifted(num, den, c) and lakip.exact_text(num, den, scale, style)
 * give what the Lua they replaced gave (rules/capaian.lua's decimal-shift
 * check, lib.formula.exact_text; the Lua is here): nil where the Lua
 * raises (an overflow, a zero denominator, a scale out of range), or for
 * an argument the Lua would read otherwise. */
static void test_lakip_shifted_and_exact_text_are_the_lua_ones(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx,
        "local function lua_shifted(num, den, cv)\n"
        "  local p = cv:scale()\n"
        "  for _, k in ipairs({ 10, 100 }) do\n"
        "    local up, down = (num * k):div(den, p, 'half_up'), num:div(den * k, p, 'half_up')\n"
        "    if up == cv or down == cv then return k end\n"
        "  end\n"
        "  return false\n"
        "end\n"
        "local function lua_exact(num, den, scale, style)\n"
        "  local cut = num:div(den, scale + 3, 'truncate')\n"
        "  if cut * den ~= num then return cut:format(style or 'id', true) .. '…' end\n"
        "  for s = 0, scale + 3 do\n"
        "    local v = num:div(den, s, 'truncate')\n"
        "    if v * den == num then return v:format(style or 'id', true) end\n"
        "  end\n"
        "end\n"
        "local texts = { '0', '100', '100.0', '-5.5', '0.5', '99.99', '50', '12.345', '1234567.891', '0.001', '7.25',\n"
        "  '123456789012345.67', '-0.07', '200.0', '99.5', '8', '9.2233720368547758', '3.14159265358979', '64.37', '0.000000000000000001' }\n"
        "local seed = 7\n"
        "for i = 1, 30 do\n"
        "  seed = (seed * 1103515245 + 12345) % 2147483648\n"
        "  local s = tostring(seed % 100000)\n"
        "  local k = seed % 4\n"
        "  if k > 0 and #s > k then s = s:sub(1, #s - k) .. '.' .. s:sub(#s - k + 1) end\n"
        "  texts[#texts + 1] = (seed % 9 == 0 and '-' or '') .. s\n"
        "end\n"
        "local nums = {}\n"
        "for i, s in ipairs(texts) do nums[i] = decimal.new(s) end\n"
        "local bad, n, shifted, exact, failed = 0, 0, 0, 0, 0\n"
        "local function try(num, den, c, scale, style)\n"
        "  n = n + 1\n"
        "  local ok, want = pcall(lua_shifted, num, den, c)\n"
        "  local got = lakip.shifted(num, den, c)\n"
        "  if not ok then failed = failed + 1; if got ~= nil then bad = bad + 1 end\n"
        "  elseif got ~= want then bad = bad + 1\n"
        "  elseif want then shifted = shifted + 1 end\n"
        "  ok, want = pcall(lua_exact, num, den, scale, style)\n"
        "  got = lakip.exact_text(num, den, scale, style)\n"
        "  if not ok then failed = failed + 1; if got ~= nil then bad = bad + 1 end\n"
        "  elseif got ~= want then bad = bad + 1\n"
        "  elseif not want:find('…', 1, true) then exact = exact + 1 end\n"
        "end\n"
        "for a = 1, #nums do\n"
        "  for b = 1, #nums, 2 do\n"
        "    local num, den = nums[a], nums[b]\n"
        "    local style = (a + b) % 3 == 0 and 'en' or ((a + b) % 3 == 1 and 'id' or nil)\n"
        "    for p = 0, 2 do\n"
        "      local ok, c = pcall(num.div, num, den, p, 'half_up')\n"
        "      if not (ok and c) then c = nums[(a * b) % #nums + 1] end\n"
        "      try(num, den, c, p, style)\n"
        "      local ok2, c10 = pcall(function() return (num * 10):div(den, p, 'half_up') end)\n"
        "      if ok2 and c10 then try(num, den, c10, p + 15, style) end\n"
        "    end\n"
        "  end\n"
        "end\n"
        "local refused = lakip.shifted(1, nums[1], nums[1]) == nil and lakip.exact_text(nums[2], nums[2], 1, false) == nil\n"
        "  and lakip.exact_text(nums[2], nums[2], -1) == nil and lakip.exact_text(nums[2], nums[2], 'x') == nil\n"
        "ctx:emit('t.x', {file='f', line=1}, {v = bad .. ' of ' .. n .. ', ' .. shifted .. ' shifted, ' .. exact .. ' exact, ' .. failed .. ' failed ' .. tostring(refused)})");
    const finding *f = only_finding(&fx, "t.x", NULL);
    assert_string_equal(finding_get(f, "v"), "0 of 7350, 4995 shifted, 548 exact, 3777 failed true");
    cleanup(&fx);
}

/* lakip.diagnose(set, i, first, t, r, c, style) gives what
 * rules/capaian.lua's judgement with decimals gave (the Lua is here: the
 * formula in force, truncation, the other formulas in order with `first`
 * before the rest, the values before rounding, a cap at 100, a shifted
 * decimal point, and the message's texts as lib.formula and lib.text
 * write them), on numbers of every scale and sign, values each formula
 * gives (so that every diagnosis occurs), in both styles: nil where that
 * Lua raises (an overflow in any formula, a scale too fine), false for a
 * zero denominator. Bad arguments are errors; a bad style, or a wrong
 * row of a formula without a shown text, nil. lakip.formulas refuses a
 * bad shown text. */
static void test_lakip_diagnose_is_the_lua_one(void **state)
{
    (void)state;
    fixture fx;
    static const char body[] =
        "local F = {\n"
        "  { parts = function(t, r) return r * 100, t end, num = 'realisasi * 100', den = 'target', shown = '{realisasi} / {target} × 100' },\n"
        "  { parts = function(t, r) return (100 - r) * 100, 100 - t end, num = '(100 - realisasi) * 100', den = '100 - target',\n"
        "    shown = '(100 − {realisasi}) / (100 − {target}) × 100' },\n"
        "  { parts = function(t, r) return (t * 2 - r) * 100, t end, num = '(target * 2 - realisasi) * 100', den = 'target',\n"
        "    shown = '(2 × {target} − {realisasi}) / {target} × 100' },\n"
        "  { parts = function(t, r) return t * 100, r end, num = 'target * 100', den = 'realisasi', shown = '{target} / {realisasi} × 100' },\n"
        "}\n"
        "local set = lakip.formulas(F)\n"
        "local function num(d, s) return d:format(s or 'id', true) end\n"
        "local function pct(d, s) return num(d, s) .. '%' end\n"
        "local function show(f, t, r, s)\n"
        "  return (string.gsub(f.shown, '{(%a+)}', function(k) return num(k == 'target' and t or r, s) end))\n"
        "end\n"
        "local function exact(n, d, scale, s)\n"
        "  local cut = n:div(d, scale + 3, 'truncate')\n"
        "  if cut * d ~= n then return num(cut, s) .. '…' end\n"
        "  for k = 0, scale + 3 do\n"
        "    local v = n:div(d, k, 'truncate')\n"
        "    if v * d == n then return num(v, s) end\n"
        "  end\n"
        "end\n"
        "local function comp(f, t, r, n, d, rounded, p, s)\n"
        "  local x = show(f, t, r, s) .. ' = '\n"
        "  if rounded * d == n then return x .. pct(rounded, s) end\n"
        "  return x .. exact(n, d, p, s) .. '% ≈ ' .. pct(rounded, s)\n"
        "end\n"
        "local function half_unit(d) return decimal.new('0.' .. string.rep('0', d:scale()) .. '5') end\n"
        "local function bounds(d)\n"
        "  if d:scale() == 0 then return d, d end\n"
        "  local h = half_unit(d)\n"
        "  return d - h, d + h\n"
        "end\n"
        "local function reach(f, tv, rv, cv)\n"
        "  if tv:scale() == 0 and rv:scale() == 0 then return nil end\n"
        "  local tlo, thi = bounds(tv)\n"
        "  local rlo, rhi = bounds(rv)\n"
        "  local h = half_unit(cv)\n"
        "  local clo, chi = cv - h, cv + h\n"
        "  local above, below, corners = false, false, {}\n"
        "  for _, t in ipairs({ tlo, thi }) do\n"
        "    for _, r in ipairs({ rlo, rhi }) do\n"
        "      local n, d = f.parts(t, r)\n"
        "      if d:sign() <= 0 then return nil end\n"
        "      if n >= clo * d then above = true end\n"
        "      if n <= chi * d then below = true end\n"
        "      corners[#corners + 1] = { n, d }\n"
        "    end\n"
        "  end\n"
        "  if not (above and below) then return nil end\n"
        "  local p = cv:scale() + 2\n"
        "  local lo_n, lo_d, hi_n, hi_d\n"
        "  for _, c in ipairs(corners) do\n"
        "    if not lo_n or c[1] * lo_d < lo_n * c[2] then lo_n, lo_d = c[1], c[2] end\n"
        "    if not hi_n or c[1] * hi_d > hi_n * c[2] then hi_n, hi_d = c[1], c[2] end\n"
        "  end\n"
        "  if hi_n * lo_d - lo_n * hi_d > lo_d * hi_d then return nil end\n"
        "  local lo, hi\n"
        "  local unit = decimal.new('0.' .. string.rep('0', p - 1) .. '1')\n"
        "  for _, c in ipairs(corners) do\n"
        "    local v = c[1]:div(c[2], p, 'truncate')\n"
        "    if not lo or v < lo then lo = v end\n"
        "    if v * c[2] ~= c[1] then v = v + unit end\n"
        "    if not hi or v > hi then hi = v end\n"
        "  end\n"
        "  return lo, hi, tlo, thi, rlo, rhi\n"
        "end\n"
        "local function shifted(n, d, cv)\n"
        "  local p = cv:scale()\n"
        "  for _, k in ipairs({ 10, 100 }) do\n"
        "    local up, down = (n * k):div(d, p, 'half_up'), n:div(d * k, p, 'half_up')\n"
        "    if up == cv or down == cv then return k end\n"
        "  end\n"
        "  return false\n"
        "end\n"
        "local function lua_diagnose(i, first, t, r, c, s)\n"
        "  local f = F[i]\n"
        "  local p = c:scale()\n"
        "  local n, d = f.parts(t, r)\n"
        "  if d:is_zero() then return false end\n"
        "  local e = n:div(d, p, 'half_up')\n"
        "  local tr = n:div(d, p, 'truncate')\n"
        "  if e == c then return 0, e, tr ~= e end\n"
        "  local expected, computation = pct(e, s), comp(f, t, r, n, d, e, p, s)\n"
        "  if tr == c then return 1, e, expected, computation end\n"
        "  local vals = {}\n"
        "  for k, g in ipairs(F) do\n"
        "    local gn, gd = g.parts(t, r)\n"
        "    if not gd:is_zero() then vals[k] = { gn, gd, gn:div(gd, p, 'half_up'), gn:div(gd, p, 'truncate') } end\n"
        "  end\n"
        "  local order = {}\n"
        "  if first ~= 0 then order[1] = first end\n"
        "  for k = 1, #F do if k ~= first then order[#order + 1] = k end end\n"
        "  for _, k in ipairs(order) do\n"
        "    local v = vals[k]\n"
        "    if k ~= i and v then\n"
        "      local mode = v[3] == c and 1 or (v[4] == c and 2 or nil)\n"
        "      if mode then return 2, e, expected, computation, k, mode, comp(F[k], t, r, v[1], v[2], v[3], p, s) end\n"
        "    end\n"
        "  end\n"
        "  local lo, hi, tlo, thi, rlo, rhi = reach(f, t, r, c)\n"
        "  if lo then\n"
        "    return 3, e, expected, computation, num(lo, s) .. ' … ' .. num(hi, s), num(tlo, s) .. ' … ' .. num(thi, s),\n"
        "           num(rlo, s) .. ' … ' .. num(rhi, s)\n"
        "  end\n"
        "  if c == decimal.new(100) and e > c then return 4, e, expected, computation end\n"
        "  local k = shifted(n, d, c)\n"
        "  if k then return 5, e, expected, computation, k end\n"
        "  return 6, e, expected, computation\n"
        "end\n"
        "local texts = { '0', '100', '100.0', '-5.5', '0.5', '99.99', '50', '12.345', '1234567.891', '0.001', '7.25', '3',\n"
        "  '123456789012345.67', '-0.07', '200.0', '99.5', '8', '9.2233720368547758', '64.37', '0.000000000000000001', '1000000' }\n"
        "local seed = 11\n"
        "for i = 1, 24 do\n"
        "  seed = (seed * 1103515245 + 12345) % 2147483648\n"
        "  local s = tostring(seed % 100000)\n"
        "  local k = seed % 4\n"
        "  if k > 0 and #s > k then s = s:sub(1, #s - k) .. '.' .. s:sub(#s - k + 1) end\n"
        "  texts[#texts + 1] = (seed % 9 == 0 and '-' or '') .. s\n"
        "end\n"
        "local nums = {}\n"
        "for i, s in ipairs(texts) do nums[i] = decimal.new(s) end\n"
        "local function same(a, b)\n"
        "  if decimal.is(a) then return decimal.is(b) and a == b and a:scale() == b:scale() end\n"
        "  return a == b\n"
        "end\n"
        "local bad, n, counts = 0, 0, {}\n"
        "local function try(i, first, t, r, c, s)\n"
        "  n = n + 1\n"
        "  local want = table.pack(pcall(lua_diagnose, i, first, t, r, c, s))\n"
        "  local got = table.pack(lakip.diagnose(set, i, first, t, r, c, s))\n"
        "  local key = want[1] and tostring(want[2]) or 'nil'\n"
        "  counts[key] = (counts[key] or 0) + 1\n"
        "  if not want[1] then\n"
        "    if got[1] ~= nil then bad = bad + 1 end\n"
        "  elseif got.n ~= want.n - 1 then\n"
        "    bad = bad + 1\n"
        "  else\n"
        "    for k = 1, got.n do if not same(got[k], want[k + 1]) then bad = bad + 1; break end end\n"
        "  end\n"
        "end\n"
        "local styles = { 'id', 'en', nil }\n"
        "for a = 1, #nums, 2 do\n"
        "  for b = 2, #nums, 3 do\n"
        "    local t, r = nums[a], nums[b]\n"
        "    local s = styles[(a + b) % 3 + 1]\n"
        "    for i, f in ipairs(F) do\n"
        "      local first = (a + i) % 2 == 0 and 4 or 0\n"
        "      try(i, first, t, r, nums[(a * b + i) % #nums + 1], s)\n"
        "      try(i, first, t, r, decimal.new('100'), s)\n"
        "      for _, g in ipairs(F) do\n"
        "        local ok, gn, gd = pcall(g.parts, t, r)\n"
        "        if ok and not gd:is_zero() then\n"
        "          for p = 0, 2 do\n"
        "            for _, mode in ipairs({ 'half_up', 'truncate' }) do\n"
        "              local ok2, c = pcall(gn.div, gn, gd, p, mode)\n"
        "              if ok2 then\n"
        "                try(i, first, t, r, c, s)\n"
        "                local ok3, c10 = pcall(function() return c * 10 end)\n"
        "                if ok3 then try(i, first, t, r, c10, s) end\n"
        "                local step = decimal.new(p == 0 and '1' or ('0.' .. string.rep('0', p - 1) .. '1'))\n"
        "                local ok4, c1 = pcall(function() return c + step end)\n"
        "                if ok4 then try(i, first, t, r, c1, s) end\n"
        "              end\n"
        "            end\n"
        "          end\n"
        "        end\n"
        "      end\n"
        "    end\n"
        "  end\n"
        "end\n"
        "local plain = lakip.formulas({ { num = 'realisasi * 100', den = 'target' } })\n"
        "local d = decimal.new\n"
        "local refused = not pcall(lakip.diagnose, {}, 1, 0, d(1), d(1), d(1))\n"
        "  and not pcall(lakip.diagnose, set, 5, 0, d(1), d(1), d(1))\n"
        "  and not pcall(lakip.diagnose, set, 1, 5, d(1), d(1), d(1))\n"
        "  and not pcall(lakip.diagnose, set, 1, 0, 1, d(1), d(1))\n"
        "  and lakip.diagnose(set, 1, 0, d(4), d(5), d(7), true) == nil\n"
        "  and lakip.diagnose(plain, 1, 0, d(4), d(5), d(125)) == 0\n"
        "  and lakip.diagnose(plain, 1, 0, d(4), d(5), d(126)) == nil\n"
        "  and not pcall(lakip.formulas, { { num = 'target', den = 'target', shown = '{x}' } })\n"
        "  and not pcall(lakip.formulas, { { num = 'target', den = 'target', shown = string.rep('a', 128) } })\n"
        "  and not pcall(lakip.formulas, { { num = 'target', den = 'target', shown = 7 } })\n"
        "  and pcall(lakip.formulas, { { num = 'target', den = 'target', shown = string.rep('a', 127) } })\n"
        "local order = { 'false', '0', '1', '2', '3', '4', '5', '6', 'nil' }\n"
        "local seen = {}\n"
        "for _, k in ipairs(order) do seen[#seen + 1] = k .. ':' .. (counts[k] or 0) end\n"
        "ctx:emit('t.x', {file='f', line=1}, {v = bad .. ' of ' .. n .. ', ' .. table.concat(seen, ' ') .. ' ' .. tostring(refused)})\n"
        "\n";
    static char src[sizeof body + 1024];
    int n = snprintf(src, sizeof src, RULE_HEAD "begin = function(ctx, report)\n%s\nend }\n", body);
    assert_true(n > 0 && (size_t)n < sizeof src);
    run_rule(&fx, src, 0);
    const finding *f = only_finding(&fx, "t.x", NULL);
    assert_string_equal(finding_get(f, "v"), "0 of 93872, false:1888 0:9881 1:2060 2:25963 3:1048 4:515 5:2420 6:45812 nil:4285 true");
    cleanup(&fx);
}

/* string.lower remembers long strings (sandbox.c): every result is still
 * the lower case of its argument, on a first call, a repeated one, and
 * after the memory starts afresh (more than its 4 MiB lowered). */
static void test_string_lower_memo(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx,
        "local function lua_lower(s) return (string.gsub(s, '%u', function(c) return string.char(string.byte(c) + 32) end)) end\n"
        "local alphabet = { 'Kasus ', 'ANGKA', 'kematian', 'Ti', ' ', '1,5', 'X', '\\0', 'Persentase Penduduk MISKIN yang Tertangani ' }\n"
        "local bad, n = 0, 0\n"
        "local texts = random_texts(alphabet, 1500, 12, 4242)\n"
        "for round = 1, 2 do\n"
        "  for _, s in ipairs(texts) do\n"
        "    n = n + 1\n"
        "    if string.lower(s) ~= lua_lower(s) or s:lower() ~= lua_lower(s) then bad = bad + 1 end\n"
        "  end\n"
        "end\n"
        "local big = string.rep('Abc DEF ', 16384)\n"
        "for i = 1, 40 do\n"
        "  local s = big .. i\n"
        "  if string.lower(s) ~= lua_lower(s) then bad = bad + 1 end\n"
        "end\n"
        "for _, s in ipairs(texts) do if string.lower(s) ~= lua_lower(s) then bad = bad + 1 end end\n"
        "if string.lower(12) ~= '12' or pcall(string.lower) then bad = bad + 1 end\n"
        "ctx:emit('t.x', {file='f', line=1}, {v = tostring(bad) .. ' of ' .. n})");
    const finding *f = only_finding(&fx, "t.x", NULL);
    assert_string_equal(finding_get(f, "v"), "0 of 3000");
    cleanup(&fx);
}

/* lakip.lex gives the items narasi's Lua lexer gave, as arrays by place
 * (kind, text: the number, word or punctuation, s, e; n), for every
 * sentence range of 1,500 pseudo-random texts, and as its second result
 * the places of the numbers among them. */
static void test_lakip_lex_is_the_lua_one(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx,
        "local function number_at(s, i, to)\n"
        "  local raw = string.match(s, '^%d[%d%.,]*', i)\n"
        "  if i + #raw - 1 > to then raw = string.sub(raw, 1, to - i + 1) end\n"
        "  return (string.gsub(raw, '[%.,]+$', ''))\n"
        "end\n"
        "local function lua_lex(s, from, to)\n"
        "  local low, items, i = string.lower(s), {}, from\n"
        "  while true do\n"
        "    i = string.find(s, '[%w%%/%(%):;,%.%-]', i)\n"
        "    if not i or i > to then break end\n"
        "    local c = string.byte(s, i)\n"
        "    local w = c > 57 and string.match(low, '^%a%w*', i)\n"
        "    if c >= 48 and c <= 57 then\n"
        "      local raw = number_at(s, i, to)\n"
        "      items[#items + 1] = { kind = 'n', raw = raw, s = i, e = i + #raw - 1 }\n"
        "      i = i + #raw\n"
        "    elseif w then\n"
        "      items[#items + 1] = { kind = 'w', w = w, s = i, e = i + #w - 1 }\n"
        "      i = i + #w\n"
        "    else\n"
        "      items[#items + 1] = { kind = 'p', ch = string.sub(s, i, i), s = i, e = i }\n"
        "      i = i + 1\n"
        "    end\n"
        "  end\n"
        "  return items\n"
        "end\n"
        "local function same(a, b, nums)\n"
        "  if a.n ~= #b or #a.kind ~= #b or #a.text ~= #b or #a.s ~= #b or #a.e ~= #b then return false end\n"
        "  local j = 0\n"
        "  for k = 1, #b do\n"
        "    if b[k].kind == 'n' then j = j + 1; if nums[j] ~= k then return false end end\n"
        "  end\n"
        "  if #nums ~= j then return false end\n"
        "  for k = 1, #b do\n"
        "    local y = b[k]\n"
        "    if a.kind[k] ~= y.kind or a.text[k] ~= (y.raw or y.w or y.ch) or a.s[k] ~= y.s or a.e[k] ~= y.e then return false end\n"
        "  end\n"
        "  return true\n"
        "end\n"
        "local alphabet = { 'Ab', 'c1', ' ', '  ', '14.896', '0,17', '1.', '2,', '.', ',', '%', '/', '(', ')', ':', ';',\n"
        "  '-', 'x', 'X9', '\\195\\169', '\\226\\128\\147', '\\0', '\\t', 'Rp', '\"', '7', '.,', 'PERSEN' }\n"
        "local bad, n = 0, 0\n"
        "for _, s in ipairs(random_texts(alphabet, 1500, 12, 31337)) do\n"
        "  for from = 1, #s, 3 do\n"
        "    for to = from, #s, 2 do\n"
        "      n = n + 1\n"
        "      local items, nums = lakip.lex(s, from, to)\n"
        "      if not same(items, lua_lex(s, from, to), nums) then bad = bad + 1 end\n"
        "    end\n"
        "  end\n"
        "end\n"
        "ctx:emit('t.x', {file='f', line=1}, {v = tostring(bad) .. (n > 10000 and ' of many' or ' of few')})");
    const finding *f = only_finding(&fx, "t.x", NULL);
    assert_string_equal(finding_get(f, "v"), "0 of many");
    cleanup(&fx);
}

/* lakip.quantity_count counts what narasi's lex and candidates() leave as
 * quantities — numbers that are not a year, a reference, an identifier or
 * a list marker — for every sentence range of 1,500 pseudo-random texts
 * built from the words and signs those decisions turn on (the Lua below is
 * rules/narasi.lua's, on lakip.lex's items). */
static void test_lakip_quantity_count_is_the_lua_one(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx,
        "local function set(list) local s = {} for _, w in ipairs(list) do s[w] = true end return s end\n"
        "local REF = set { 'nomor', 'no', 'pasal', 'tahap', 'ke', 'usia' }\n"
        "local COUNT = set { 'orang', 'desa', 'kasus', 'unit' }\n"
        "local GAPS = set { '-', '\\226\\128\\147', 's.d.', 's/d', 'sampai' }\n"
        "local function read(raw) return string.find(raw, '^%d+$') and raw or nil end\n"
        "local function lua_count(s, from, to)\n"
        "  local lexed, numbers = lakip.lex(s, from, to)\n"
        "  local items = {}\n"
        "  for k = 1, lexed.n do\n"
        "    local t = lexed.text[k]\n"
        "    items[k] = { kind = lexed.kind[k], s = lexed.s[k], e = lexed.e[k] }\n"
        "    if items[k].kind == 'n' then items[k].raw = t elseif items[k].kind == 'w' then items[k].w = t else items[k].ch = t end\n"
        "  end\n"
        "  for _, k in ipairs(numbers) do items[k].value = read(items[k].raw) end\n"
        "  for _, k in ipairs(numbers) do\n"
        "    local it = items[k]\n"
        "    local j = k + 1\n"
        "    while items[j] and items[j].kind == 'p' and items[j].ch == '%' do it.percent, it.e = true, items[j].e; j = j + 1 end\n"
        "    if not it.percent and items[j] and items[j].kind == 'w' and items[j].w == 'persen' then it.percent, it.e = true, items[j].e; j = j + 1 end\n"
        "    if items[j] and items[j].kind == 'p' and items[j].ch == '(' and items[j + 1] and items[j + 1].kind == 'w'\n"
        "        and items[j + 2] and items[j + 2].kind == 'p' and items[j + 2].ch == ')' then j = j + 3 end\n"
        "    if items[j] and items[j].kind == 'w' then it.unit, it.unit_at = items[j].w, j end\n"
        "    if it.unit == 'per' and items[j + 1] and items[j + 1].kind == 'n' and items[j + 1].value then\n"
        "      it.unit = 'per ' .. items[j + 1].raw; items[j + 1].base = true\n"
        "    elseif it.unit == 'per' and items[j + 1] and items[j + 1].kind == 'w' and items[j + 1].w == 'mil' then\n"
        "      it.unit = 'per 1000'\n"
        "    end\n"
        "    local prev, prev2 = items[k - 1], items[k - 2]\n"
        "    local prev_word = prev and prev.kind == 'w' and prev.w\n"
        "        or (prev and prev.kind == 'p' and prev2 and prev2.kind == 'w' and prev2.w)\n"
        "    if prev_word == 'rp' then it.currency = true end\n"
        "    local nx = items[k + 1]\n"
        "    if it.base or prev_word == 'per' then it.ignore = 'reference'\n"
        "    elseif (prev and prev.kind == 'p' and prev.ch == '/') or (nx and nx.kind == 'p' and nx.ch == '/' and nx.e == it.e + 1) then it.ignore = 'reference'\n"
        "    elseif prev_word and REF[prev_word] and not it.percent then it.ignore = 'reference'\n"
        "    elseif prev and prev.kind == 'n' and prev.ignore == 'reference' and GAPS[string.gsub(string.sub(s, prev.e + 1, it.s - 1), '%s', '')] then it.ignore = 'reference'\n"
        "    elseif string.find(it.raw, '^19%d%d$') or string.find(it.raw, '^20%d%d$') then\n"
        "      if not it.percent and not it.currency and not (it.unit and COUNT[it.unit]) then it.ignore = 'year' end\n"
        "    elseif string.find(it.raw, '^%d+$') and #it.raw >= 8 then it.ignore = 'identifier'\n"
        "    elseif prev and prev.kind == 'p' and prev.ch == '(' and nx and nx.kind == 'p' and nx.ch == ')' then it.ignore = 'list'\n"
        "    elseif k == 1 and nx and nx.kind == 'p' and (nx.ch == '.' or nx.ch == ')') then it.ignore = 'list'\n"
        "    elseif not it.value then it.ignore = 'unreadable' end\n"
        "  end\n"
        "  local n = 0\n"
        "  for _, it in ipairs(items) do\n"
        "    if it.kind == 'n' and it.ignore ~= 'year' and it.ignore ~= 'reference' and it.ignore ~= 'identifier' and it.ignore ~= 'list' then n = n + 1 end\n"
        "  end\n"
        "  return n\n"
        "end\n"
        "local alphabet = { ' ', ' ', '2019', '1998', '2101', '7', '12', '1.000', '0,5', '123456789', '1.', '1)', '%', ' persen',\n"
        "  'Persen', ' per ', 'PER', 'mil', 'Rp', 'rp.', ' nomor ', 'No.', 'ke-', 'usia ', '(', ')', '(lima)', '/', '-', ' s.d. ',\n"
        "  's/d', ' sampai ', '\\226\\128\\147', 'orang', ' Desa', 'kasus', 'tahun ', 'x', ',', '.', ';', ':', '\\0', '\\t' }\n"
        "local bad, n, some = 0, 0, 0\n"
        "for _, s in ipairs(random_texts(alphabet, 1500, 14, 2718)) do\n"
        "  for from = 1, #s, 4 do\n"
        "    for to = from, #s + 1, 3 do\n"
        "      n = n + 1\n"
        "      local want = lua_count(s, from, to)\n"
        "      if want > 0 then some = some + 1 end\n"
        "      if lakip.quantity_count(s, from, to, REF, COUNT, GAPS) ~= want then bad = bad + 1 end\n"
        "    end\n"
        "  end\n"
        "end\n"
        "local texts = random_texts(alphabet, 400, 14, 314)\n"          /* long sentences: more items than the C stack holds */
        "for i = 1, 400, 40 do\n"
        "  local s = table.concat(texts, ' ', i, i + 39)\n"
        "  n = n + 1\n"
        "  if lakip.quantity_count(s, 1, #s, REF, COUNT, GAPS) ~= lua_count(s, 1, #s) then bad = bad + 1 end\n"
        "end\n"
        "ctx:emit('t.x', {file='f', line=1}, {v = tostring(bad) .. ((n > 10000 and some > n / 10 and some < n * 9 / 10) and ' of many' or ' of few')})");
    const finding *f = only_finding(&fx, "t.x", NULL);
    assert_string_equal(finding_get(f, "v"), "0 of many");
    cleanup(&fx);
}

/* lakip.sentences splits as rules/narasi.lua's Lua did — sentence ends
 * found by string.find(s, "[%.!%?]%s+%u", pos), a sentence opening with
 * sehingga / maka / dengan demikian / jadi (any case, a whole word) joined
 * to the one before — and with with_digit keeps those that hold a digit,
 * on 3,000 pseudo-random texts. */
static void test_lakip_sentences_is_the_lua_one(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx,
        "local CONTINUES = { '^sehingga%f[%A]', '^maka%f[%A]', '^dengan demikian%f[%A]', '^jadi%f[%A]' }\n"
        "local FIRST = { [83] = true, [115] = true, [77] = true, [109] = true, [68] = true, [100] = true, [74] = true, [106] = true }\n"
        "local function lua_sentences(s, with_digit)\n"
        "  local out, start, pos = {}, 1, 1\n"
        "  while true do\n"
        "    local a, b = string.find(s, '[%.!%?]%s+%u', pos)\n"
        "    if not a then break end\n"
        "    out[#out + 1] = { s = start, e = a }\n"
        "    start, pos = b, b\n"
        "  end\n"
        "  if start <= #s then out[#out + 1] = { s = start, e = #s } end\n"
        "  local merged = {}\n"
        "  for _, r in ipairs(out) do\n"
        "    local cont = false\n"
        "    if FIRST[string.byte(s, r.s)] then\n"
        "      local head = string.lower(string.sub(s, r.s, r.s + 20))\n"
        "      for _, pat in ipairs(CONTINUES) do if string.find(head, pat) then cont = true end end\n"
        "    end\n"
        "    if cont and #merged > 0 then merged[#merged].e = r.e else merged[#merged + 1] = r end\n"
        "  end\n"
        "  local flat = {}\n"
        "  for _, r in ipairs(merged) do\n"
        "    local d = string.find(s, '%d', r.s)\n"
        "    if not with_digit or (d and d <= r.e) then flat[#flat + 1] = r.s; flat[#flat + 1] = r.e end\n"
        "  end\n"
        "  return flat\n"
        "end\n"
        "local alphabet = { 'ab', ' ', '. ', '.', '! ', '?', '\\t', '\\n', 'A', 'Sehingga', 'sehinggaan', 'SEHINGGA ', 'Maka',\n"
        "  'maka,', 'Dengan demikian', 'dengan  demikian', 'Jadi', 'Jadi9', 'jadi ', 'D', 'M', 'j', '1', '2019', ',5', 'Rp. 5',\n"
        "  '\\0', '\\195\\137', 'x' }\n"
        "local bad, n = 0, 0\n"
        "for _, s in ipairs(random_texts(alphabet, 3000, 16, 1618)) do\n"
        "  for _, with_digit in ipairs({ false, true }) do\n"
        "    n = n + 1\n"
        "    local want, got = lua_sentences(s, with_digit), lakip.sentences(s, with_digit)\n"
        "    if #want ~= #got then bad = bad + 1 else\n"
        "      for i = 1, #want do if want[i] ~= got[i] then bad = bad + 1; break end end\n"
        "    end\n"
        "  end\n"
        "end\n"
        "ctx:emit('t.x', {file='f', line=1}, {v = tostring(bad) .. ' of ' .. n})");
    const finding *f = only_finding(&fx, "t.x", NULL);
    assert_string_equal(finding_get(f, "v"), "0 of 6000");
    cleanup(&fx);
}

/* lakip.name_words gives what narasi's Lua gave for an indicator name's
 * significant words — string.gmatch(lakip.normalize(s), "%S+") less the
 * dropped words, single bytes and plain numbers — on 3,000 pseudo-random
 * names. */
static void test_lakip_name_words_is_the_lua_one(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx,
        "local drop = { jumlah = true, yang = true, di = true, ['1'] = true, no = false }\n"
        "local function lua_words(s)\n"
        "  local out = {}\n"
        "  for w in string.gmatch(lakip.normalize(s), '%S+') do\n"
        "    if not drop[w] and #w > 1 and not string.find(w, '^%d+$') then out[#out + 1] = w end\n"
        "  end\n"
        "  return out\n"
        "end\n"
        "local alphabet = { 'Jumlah', ' ', 'yang', 'Di', 'x', '12', '1', '1a', 'no', 'Kasus', '.', '<b>', '</b>', ';', '\\t',\n"
        "  '\\195\\169', '99', '-', 'PMKS', '\\0', 'a b' }\n"
        "local bad, n = 0, 0\n"
        "for _, s in ipairs(random_texts(alphabet, 3000, 10, 4711)) do\n"
        "  n = n + 1\n"
        "  local want, got = lua_words(s), lakip.name_words(s, drop)\n"
        "  if #want ~= #got then bad = bad + 1 else\n"
        "    for i = 1, #want do if want[i] ~= got[i] then bad = bad + 1; break end end\n"
        "  end\n"
        "end\n"
        "ctx:emit('t.x', {file='f', line=1}, {v = tostring(bad) .. ' of ' .. n})");
    const finding *f = only_finding(&fx, "t.x", NULL);
    assert_string_equal(finding_get(f, "v"), "0 of 3000");
    cleanup(&fx);
}

static void test_decimal_refuses_floats(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx, "local x = decimal.new(1) + 0.5");
    only_finding(&fx, "engine.rule-error", "floating point");
    cleanup(&fx);
}

static void test_removed_globals(void **state)
{
    (void)state;
    static const char *const names[] = { "io", "os", "load", "loadfile", "dofile", "require", "print",
                                         "collectgarbage", "debug", "package", NULL };
    for (const char *const *n = names; *n; n++) {
        fixture fx;
        char body[128], want[64];
        snprintf(body, sizeof body, "local f = %s", *n);
        snprintf(want, sizeof want, "undeclared global '%s'", *n);
        run_body(&fx, body);
        only_finding(&fx, "engine.rule-error", want);
        cleanup(&fx);
    }
}

static void test_global_assignment_refused(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx, "counter = 1");
    only_finding(&fx, "engine.rule-error", "assignment to undeclared global 'counter'");
    cleanup(&fx);
}

static void test_string_metatable_locked(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx, "local mt = getmetatable('')\nassert(mt == 'locked', 'metatable reachable')\n"
                  "string.rep = nil\nassert(('x'):rep(2) == 'xx', 'shared string table changed')\n"
                  "ctx:emit('t.x', {file='f', line=1}, {v = 'ok'})");
    only_finding(&fx, "t.x", NULL);
    cleanup(&fx);
}

static void test_runaway_rule_is_stopped(void **state)
{
    (void)state;
    fixture fx;
    char src[1024];
    snprintf(src, sizeof src, RULE_HEAD "begin = function(ctx) while true do end end }\n");
    run_rule(&fx, src, 1000000);
    only_finding(&fx, "engine.rule-timeout", "instruction budget exceeded");
    cleanup(&fx);
}

/* A rule that loops in a pcall that loops: stopped by the instruction
 * budget all the same, with `budget` (0: the default) in the message. */
static void expect_pcall_loop_stopped(long long budget, const char *message)
{
    fixture fx;
    char src[1024];
    snprintf(src, sizeof src, RULE_HEAD
             "begin = function(ctx) while true do pcall(function() while true do end end) end end }\n");
    run_rule(&fx, src, budget);
    only_finding(&fx, "engine.rule-timeout", message);
    cleanup(&fx);
}

/* With the default budgets the count hook starts only once a call has used
 * 10 ms of CPU (bounds.c): a runaway rule is still stopped by the
 * instruction budget, pcall or not. */
static void test_runaway_rule_is_stopped_with_default_budgets(void **state)
{
    (void)state;
    expect_pcall_loop_stopped(0, "instruction budget exceeded (200000000 instructions in one call)");
}

static void test_pcall_cannot_swallow_the_kill(void **state)
{
    (void)state;
    expect_pcall_loop_stopped(1000000, "instruction budget exceeded (1000000 instructions in one call)");
}

static void test_memory_cap(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx, "local t = {}\nfor i = 1, 1e9 do t[i] = string.rep('x', 1024) .. i end");
    only_finding(&fx, "engine.rule-memory", NULL);
    cleanup(&fx);
}

static void test_bytecode_refused(void **state)
{
    (void)state;
    fixture fx;
    run_rule(&fx, "\x1bLua\x54\x00", 0);
    only_finding(&fx, "engine.rule-load", "attempt to load a binary chunk");
    cleanup(&fx);
}

static void test_syntax_error_names_file_and_line(void **state)
{
    (void)state;
    fixture fx;
    run_rule(&fx, "return {\n rules = {\n x = = 1 }", 0);
    const finding *f = only_finding(&fx, "engine.rule-load", "t.lua:3:");
    assert_int_equal(f->line, 3);
    cleanup(&fx);
}

static void test_unknown_declaration_key(void **state)
{
    (void)state;
    fixture fx;
    run_rule(&fx, "return { rules = { { id = 't.x', severity = 'error', title = 't', explanation = 'e', "
                  "message = 'm', colour = 'red' } }, begin = function() end }", 0);
    only_finding(&fx, "engine.rule-load", "unknown key 'colour' in rule declaration");
    cleanup(&fx);
}

/* `needs` (declare.c, run.c): a hook whose needs the report does not meet
 * is not called; one whose needs it meets is; a condition that is not
 * one, or not of that hook, is a load error. */
#define NEEDS_RULE(needs) \
    "return { rules = { { id = 't.x', severity = 'error', title = 't', explanation = 'e', message = 'm' } },\n" \
    "needs = " needs ",\n" \
    "finish = function(ctx) ctx:emit('t.x', {file = 'f', line = 1}, {}) end }"

static report *report_with_paragraphs(int n)
{
    report *rep = report_new(STYLE_AUTO);
    for (int i = 0; i < n; i++) report_add_paragraph(rep, "r.md", i + 1, "Capaian naik.", NULL);
    return rep;
}

static void test_needs_skip_and_call(void **state)
{
    (void)state;
    fixture fx;
    run_rule_on(&fx, NEEDS_RULE("{ finish = { paragraphs = 1 } }"), 0, report_with_paragraphs(0));
    assert_int_equal(finding_count(fx.out), 0);        /* no paragraph: finish not called */
    cleanup(&fx);
    run_rule_on(&fx, NEEDS_RULE("{ finish = { paragraphs = 1 } }"), 0, report_with_paragraphs(1));
    only_finding(&fx, "t.x", NULL);
    cleanup(&fx);
    run_rule_on(&fx, NEEDS_RULE("{ finish = { paragraphs = 3 } }"), 0, report_with_paragraphs(2));
    assert_int_equal(finding_count(fx.out), 0);        /* the least is 3 */
    cleanup(&fx);
    run_rule_on(&fx, NEEDS_RULE("{ finish = { tables = 1 } }"), 0, report_with_paragraphs(1));
    assert_int_equal(finding_count(fx.out), 0);        /* no table */
    cleanup(&fx);
    run_rule_on(&fx, NEEDS_RULE("{ finish = { previous = true } }"), 0, report_with_paragraphs(1));
    assert_int_equal(finding_count(fx.out), 0);        /* no last year's report */
    cleanup(&fx);
}

static void test_needs_refused(void **state)
{
    (void)state;
    fixture fx;
    run_rule(&fx, NEEDS_RULE("{ finish = { colour = 1 } }"), 0);
    only_finding(&fx, "engine.rule-load", "unknown key 'colour' in 'needs' of finish");
    cleanup(&fx);
    run_rule(&fx, NEEDS_RULE("{ finish = { paragraphs = 0 } }"), 0);
    only_finding(&fx, "engine.rule-load", "must be a whole number of at least 1");
    cleanup(&fx);
    run_rule(&fx, NEEDS_RULE("{ begin = { paragraphs = 1 } }"), 0);
    only_finding(&fx, "engine.rule-load", "a hook the file does not have");
    cleanup(&fx);
    run_rule(&fx, NEEDS_RULE("{ check_row = { paragraphs = 1 } }"), 0);
    only_finding(&fx, "engine.rule-load", "only begin, check_table and finish");
    cleanup(&fx);
}

/* lakip.marked_paragraphs answers what find_any over every paragraph's
 * lower-cased text answers, with the paragraphs' fields; nil for none. */
static void test_lakip_marked_paragraphs_is_find_any(void **state)
{
    (void)state;
    fixture fx;
    report *rep = report_new(STYLE_AUTO);
    static const char *const texts[] = { "Capaian NAIK dari tahun lalu.", "Tidak ada kata kunci di sini.",
                                         "Semakin rendah semakin baik", "", "x", "angka kematian ibu turun",
                                         "Kalimat panjang yang tidak memuat satu pun istilah yang dicari oleh aturan ini." };
    for (int i = 0; i < 7; i++) report_add_paragraph(rep, "r.md", 10 * (i + 1), texts[i], i % 2 ? "Bab II" : NULL);
    run_rule_on(&fx, RULE_HEAD "begin = function(ctx, report)\n"
        "local bad, n = 0, 0\n"
        "for _, terms in ipairs({ {'naik'}, {'semakin rendah', 'turun'}, {'zzz'}, {'a'}, {'ini.', 'x'} }) do\n"
        "  local want = {}\n"
        "  for _, p in report:paragraphs() do\n"
        "    if lakip.find_any(string.lower(p.text), terms) then want[#want + 1] = p end\n"
        "  end\n"
        "  local got = lakip.marked_paragraphs(report, terms)\n"
        "  if #want == 0 then if got ~= nil then bad = bad + 1 end\n"
        "  else\n"
        "    if got == nil or #got ~= #want then bad = bad + 1 else\n"
        "      for i, p in ipairs(want) do\n"
        "        local q = got[i]\n"
        "        if q.text ~= p.text or q.line ~= p.line or q.file ~= p.file or q.heading ~= p.heading or q.index ~= p.index then bad = bad + 1 end\n"
        "        n = n + 1\n"
        "      end\n"
        "    end\n"
        "  end\n"
        "end\n"
        "ctx:emit('t.x', {file='f', line=1}, {v = tostring(bad) .. ' of ' .. n})\n"
        "end }\n", 0, rep);
    const finding *f = only_finding(&fx, "t.x", NULL);
    assert_string_equal(finding_get(f, "v"), "0 of 11");
    cleanup(&fx);
}

static void test_bad_severity(void **state)
{
    (void)state;
    fixture fx;
    run_rule(&fx, "return { rules = { { id = 't.x', severity = 'fatal', title = 't', explanation = 'e', "
                  "message = 'm' } }, begin = function() end }", 0);
    only_finding(&fx, "engine.rule-load", "'severity' must be");
    cleanup(&fx);
}

/* a rule's id starts with its file's family: t.lua declares t.* */
static void test_id_outside_family(void **state)
{
    (void)state;
    fixture fx;
    run_rule(&fx, "return { rules = {\n  { id = 't.x', severity = 'error', title = 't', explanation = 'e', message = 'm' },\n"
                  "  { id = 'other.y', severity = 'error', title = 't', explanation = 'e', message = 'm' } },\n"
                  "  begin = function() end }", 0);
    const finding *f = only_finding(&fx, "engine.rule-load", "t.lua:3: rule id 'other.y' must start with its file's family: t.lua declares t.NAME");
    assert_int_equal(f->line, 3);
    cleanup(&fx);
    run_rule(&fx, "return { rules = { { id = 't.', severity = 'error', title = 't', explanation = 'e', message = 'm' } },\n"
                  "  begin = function() end }", 0);
    only_finding(&fx, "engine.rule-load", "rule id 't.' must start with its file's family");
    cleanup(&fx);
}

/* every {placeholder} of message and fix is a declared field or a slot
 * every finding has; the error names the line of the placeholder */
static void test_unknown_placeholder(void **state)
{
    (void)state;
    fixture fx;
    run_rule(&fx, "return { rules = {\n  { id = 't.x', severity = 'error', title = 't', explanation = 'e',\n"
                  "    fields = { 'value' },\n"
                  "    message = { id = 'nilai {value}', en = 'value {valeu}' } } },\n"
                  "  begin = function() end }", 0);
    const finding *f = only_finding(&fx, "engine.rule-load", "t.lua:4: rule 't.x': '{valeu}' in its message.en is not one of its 'fields'");
    assert_int_equal(f->line, 4);
    cleanup(&fx);
    /* in fix too; without a fields list every placeholder is unknown */
    run_rule(&fx, "return { rules = { { id = 't.x', severity = 'error', title = 't', explanation = 'e',\n"
                  "    message = 'm', fix = 'write {value}' } },\n"
                  "  begin = function() end }", 0);
    f = only_finding(&fx, "engine.rule-load", "t.lua:2: rule 't.x': '{value}' in its fix is not one of its 'fields'");
    cleanup(&fx);
    run_rule(&fx, "return { rules = { { id = 't.x', severity = 'error', title = 't', explanation = 'e',\n"
                  "    message = 'm', fields = 'value' } }, begin = function() end }", 0);
    only_finding(&fx, "engine.rule-load", "'fields' must be a list");
    cleanup(&fx);
    /* the slots need no field; braces without a name are text */
    run_rule(&fx, "return { rules = { { id = 't.x', severity = 'error', title = 't', explanation = 'e',\n"
                  "    message = '{indicator} {table} {file}:{line} {} { x } {1a}' } },\n"
                  "  begin = function(ctx) ctx:emit('t.x', {file='f', line=2, table='T', indicator='I'}, {}) end }", 0);
    f = only_finding(&fx, "t.x", NULL);
    char *msg = finding_message(f, fx.cat, LANG_ID);
    assert_string_equal(msg, "I T f:2 {} { x } {1a}");
    free(msg);
    cleanup(&fx);
    /* ... but a finding without the place a message names is a rule error
     * at the emit, not a message that shows "{indicator}" */
    run_rule(&fx, "return { rules = { { id = 't.x', severity = 'error', title = 't', explanation = 'e',\n"
                  "    message = '{indicator} {file}:{line}' } },\n"
                  "  begin = function(ctx) ctx:emit('t.x', {file='f', line=2}, {}) end }", 0);
    only_finding(&fx, "engine.rule-error", "t.x: its message or fix uses {indicator}, and this finding has no value for it");
    cleanup(&fx);
    /* and so is a field the message uses that the emit does not give */
    run_rule(&fx, "return { rules = { { id = 't.x', severity = 'error', title = 't', explanation = 'e',\n"
                  "    fields = { 'value' }, message = 'm', fix = { id = 'tulis {value}', en = 'write {value}' } } },\n"
                  "  begin = function(ctx) ctx:emit('t.x', {file='f', line=2}, { other = 1 }) end }", 0);
    only_finding(&fx, "engine.rule-error", "t.x: its message or fix uses {value}, and this finding has no value for it");
    cleanup(&fx);
    /* the fields are matched by the whole name: 'value\0x' is not {value} */
    run_rule(&fx, "return { rules = { { id = 't.x', severity = 'error', title = 't', explanation = 'e',\n"
                  "    fields = { 'value' }, message = '{value}' } },\n"
                  "  begin = function(ctx) ctx:emit('t.x', {file='f', line=2}, { ['value\\0x'] = 1 }) end }", 0);
    only_finding(&fx, "engine.rule-error", "t.x: its message or fix uses {value}, and this finding has no value for it");
    cleanup(&fx);
    /* more fields than ctx:emit keeps at hand (EMIT_KEPT): looked up in the table */
    static const char many[] = "return { rules = { { id = 't.x', severity = 'error', title = 't', explanation = 'e',\n"
                               "    fields = { 'value' }, message = '{value}' } },\n"
                               "  begin = function(ctx) local t = { %s } for i = 1, 60 do t['f' .. i] = i end\n"
                               "    ctx:emit('t.x', {file='f', line=2}, t) end }";
    char src[sizeof many + 16];
    snprintf(src, sizeof src, many, "");
    run_rule(&fx, src, 0);
    only_finding(&fx, "engine.rule-error", "t.x: its message or fix uses {value}, and this finding has no value for it");
    cleanup(&fx);
    snprintf(src, sizeof src, many, "value = 7");
    run_rule(&fx, src, 0);
    f = only_finding(&fx, "t.x", NULL);
    assert_string_equal(finding_get(f, "value"), "7");
    assert_string_equal(finding_get(f, "f60"), "60");
    cleanup(&fx);
}

/* lib.NAME: the folder's lib/NAME.lua; lib and its modules are strict */
static void test_lib_is_strict(void **state)
{
    (void)state;
    fixture fx;
    static const char helper[] = "local M = {}\nfunction M.double(x) return x * 2 end\nreturn M\n";
    next_lib = helper;
    run_body(&fx, "ctx:emit('t.x', {file='f', line=1}, {v = lib.h.double(21)})");
    assert_string_equal(finding_get(only_finding(&fx, "t.x", NULL), "v"), "42");
    cleanup(&fx);
    next_lib = helper;
    run_body(&fx, "local x = lib.h.tripple");
    only_finding(&fx, "engine.rule-error", "t.lua:3: lib.h has no field 'tripple'");
    cleanup(&fx);
    next_lib = helper;
    run_body(&fx, "local x = lib.hh");
    only_finding(&fx, "engine.rule-error", "t.lua:3: lib has no module 'hh'");
    cleanup(&fx);
    /* a module that reads itself while it loads */
    next_lib = "local again = lib.h\nreturn {}\n";
    run_body(&fx, "local x = lib.h");
    assert_int_equal(finding_count(fx.out), 2);
    assert_string_equal(finding_at(fx.out, 0)->rule, "engine.rule-load");
    assert_non_null(strstr(finding_get(finding_at(fx.out, 0), "message"), "h.lua:1: lib.h is used while it loads"));
    cleanup(&fx);
    /* a module that fails: its own load finding, and the rule's error */
    next_lib = "error('broken helper')\n";
    run_body(&fx, "local x = lib.h");
    assert_int_equal(finding_count(fx.out), 2);
    assert_string_equal(finding_at(fx.out, 0)->rule, "engine.rule-load");
    assert_non_null(strstr(finding_get(finding_at(fx.out, 0), "message"), "h.lua:1: broken helper"));
    assert_string_equal(finding_at(fx.out, 1)->rule, "engine.rule-error");
    assert_non_null(strstr(finding_get(finding_at(fx.out, 1), "message"), "lib.h could not be loaded"));
    cleanup(&fx);
    /* at load time: a load error at the line */
    next_lib = helper;
    run_rule(&fx, "local d = lib.h.dubble\nreturn {}", 0);
    const finding *f = only_finding(&fx, "engine.rule-load", "t.lua:1: lib.h has no field 'dubble'");
    assert_int_equal(f->line, 1);
    cleanup(&fx);
}

/* A module's `shared` is one table for every rule file's instance of it
 * (lib.indikator keeps its keys there): the second file's instance sees
 * what the first one's stored; a rule file cannot read `shared`; and what
 * one file changes in its instance of the module, or in its libraries
 * (string, math: each environment is made from one template), stays its
 * own. */
static void test_lib_shared_between_files(void **state)
{
    (void)state;
    char dir[64], path[128];
    snprintf(dir, sizeof dir, "/tmp/lakip-test-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/lib", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/lib/h.lua", dir);
    write_file(path, "shared.loads = (shared.loads or 0) + 1\n"
                     "local M = { list = { 'x' } }\n"
                     "function M.loads() return shared.loads end\n"
                     "return M\n");
    static const char head[] =
        "return { rules = { { id = '%s.x', severity = 'error', title = {id='t', en='t'}, "
        "explanation = {id='e', en='e'}, message = {id='m {v}', en='m {v}'}, fields = {'v'} } },\n"
        "begin = function(ctx, report) %s end }\n";
    char src[1024];
    snprintf(path, sizeof path, "%s/a.lua", dir);
    snprintf(src, sizeof src, head, "a",
             "lib.h.list[1] = 'changed'\n"
             "string.rep, math.pi, lakip.find_any = nil, 3, nil\n"
             "ctx:emit('a.x', {file='f', line=1}, {v = lib.h.loads() .. ' ' .. tostring(pcall(function() return shared end))})");
    write_file(path, src);
    snprintf(path, sizeof path, "%s/b.lua", dir);
    snprintf(src, sizeof src, head, "b", "ctx:emit('b.x', {file='f', line=1}, {v = lib.h.loads() .. ' ' .. lib.h.list[1] .. ' '"
             " .. tostring(string.rep ~= nil and math.pi > 3.14 and lakip.find_any ~= nil)})");
    write_file(path, src);
    catalog *cat = catalog_new();
    finding_list *out = finding_list_new();
    report *rep = report_new(STYLE_AUTO);
    script_options opt = { .builtin_dir = dir, .memory_limit = 64u << 20 };
    char err[256];
    script *s = script_new(&opt, cat, out, err, sizeof err);
    assert_non_null(s);
    script_run(s, rep);
    assert_int_equal(finding_count(out), 2);
    assert_string_equal(finding_at(out, 0)->rule, "a.x");
    assert_string_equal(finding_get(finding_at(out, 0), "v"), "1 false");
    assert_string_equal(finding_at(out, 1)->rule, "b.x");
    assert_string_equal(finding_get(finding_at(out, 1), "v"), "2 x true");
    script_free(s);
    finding_list_free(out);
    catalog_free(cat);
    report_free(rep);
    static const char *const files[] = { "a.lua", "b.lua", "lib/h.lua", "lib" };
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        if (i < 3) unlink(path); else rmdir(path);
    }
    rmdir(dir);
}

/* the embedded rules: bytecode this Lua cannot load falls back to their
 * source; a file from a folder is never loaded as bytecode */
static void test_embedded_bytecode_falls_back_to_source(void **state)
{
    (void)state;
    lua_State *L = luaL_newstate();
    chunk_source c = { (const unsigned char *)"\x1bLua\x53not 5.4", 12, "return 42", 9, "rules/x.lua" };
    assert_int_equal(load_chunk(L, &c), 0);
    lua_call(L, 0, 1);
    assert_int_equal(lua_tointeger(L, -1), 42);
    lua_pop(L, 1);
    c.text = NULL;
    assert_int_equal(load_chunk(L, &c), -1);
    lua_pop(L, 1);
    chunk_source folder = { NULL, 0, "\x1bLua\x54\x00", 6, "x.lua" };
    assert_int_equal(load_chunk(L, &folder), -1);
    assert_non_null(strstr(lua_tostring(L, -1), "binary chunk"));
    lua_close(L);
}

static void test_emit_undeclared_id(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx, "ctx:emit('other.rule', {file='f', line=1}, {})");
    only_finding(&fx, "engine.rule-error", "rule id 'other.rule' is not declared");
    cleanup(&fx);
}

/* ctx:note: a header note in both languages, kept once, not a finding */
static void test_note_is_not_a_finding(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx, "ctx:note('t.x', {id='Rumus: A', en='Formula: A'})\n"
                  "ctx:note('t.x', {id='Rumus: A', en='Formula: A'})\n"
                  "ctx:note('t.x', {id='Rumus: B', en='Formula: B'})");
    assert_int_equal(finding_count(fx.out), 0);
    assert_int_equal(finding_note_count(fx.out), 2);
    assert_string_equal(finding_note_rule(fx.out, 0), "t.x");
    assert_string_equal(finding_note_text(fx.out, 0, LANG_ID), "Rumus: A");
    assert_string_equal(finding_note_text(fx.out, 1, LANG_EN), "Formula: B");
    cleanup(&fx);
    run_body(&fx, "ctx:note('t.x', {id='hanya satu bahasa'})");
    assert_int_equal(finding_note_count(fx.out), 0);
    assert_string_equal(finding_at(fx.out, 0)->rule, "engine.rule-error");
    cleanup(&fx);
}

static void test_findings_before_error_are_kept(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx, "ctx:emit('t.x', {file='f', line=1}, {v='1'})\nerror('boom')");
    assert_int_equal(finding_count(fx.out), 2);
    assert_string_equal(finding_at(fx.out, 0)->rule, "t.x");
    assert_string_equal(finding_at(fx.out, 1)->rule, "engine.rule-error");
    assert_non_null(strstr(finding_get(finding_at(fx.out, 1), "message"), "boom"));
    cleanup(&fx);
}

/* A workbook's table: findings on a row name its cell (fields.cell) or the
 * whole row, findings on a plain location find their place by line, and
 * the table is named by its top-left cell. */
static void test_emit_places(void **state)
{
    (void)state;
    report *rep = report_new(STYLE_AUTO);
    table *t = table_new("k.xlsx", 3, NUMBER_STYLE_ID);
    const char *headers[] = { "Indikator", "Target", "Realisasi", "Capaian" };
    const enum col_role roles[] = { COL_INDIKATOR, COL_TARGET, COL_REALISASI, COL_CAPAIAN };
    table_set_header(t, 3, 4, headers, roles, NULL);
    for (size_t c = 0; c < 4; c++) table_set_column_source(t, c, (int)c + 3);   /* columns C..F */
    const char *cells[] = { "PMKS", "50", "52,62", "101,24" };
    table_add_row(t, 4, ROW_DATA, cells, NULL);
    report_add_table(rep, t);
    place start = { .kind = PLACE_SHEET, .sheet = "PK 2019", .row = 1 };
    report_add_place_span(rep, "k.xlsx", 1, &start);
    fixture fx;
    run_rule_on(&fx, RULE_HEAD "begin = function(ctx, report)\n"
                "for _, t in report:tables() do for _, row in t:rows() do\n"
                "  ctx:emit('t.x', row, {v = 'a', cell = 'capaian'})\n"
                "  ctx:emit('t.x', row, {v = 'b'})\n"
                "end end\n"
                "ctx:emit('t.x', {file = 'k.xlsx', line = 4}, {v = 'c'})\n"
                "end }\n", 0, rep);
    assert_int_equal(finding_count(fx.out), 3);
    char buf[64];
    const char *want[] = { "PK 2019!F4", "PK 2019!4:4", "PK 2019!4:4" };
    for (size_t i = 0; i < 3; i++) {
        const finding *f = finding_at(fx.out, i);
        assert_string_equal(place_format(&f->where, LANG_ID, buf, sizeof buf), want[i]);
        assert_null(finding_get(f, "cell"));
    }
    assert_string_equal(place_format(&finding_at(fx.out, 0)->table_where, LANG_ID, buf, sizeof buf), "PK 2019!C3");
    cleanup(&fx);
}

/* A table of indicator rows: label, target, realisasi, capaian (and arah). */
static report *indicator_report(const char *const (*rows)[5], size_t n)
{
    report *rep = report_new(STYLE_AUTO);
    table *t = table_new("k.csv", 1, NUMBER_STYLE_ID);
    const char *headers[] = { "Indikator", "Arah", "Target", "Realisasi", "Capaian" };
    const enum col_role roles[] = { COL_INDIKATOR, COL_ARAH, COL_TARGET, COL_REALISASI, COL_CAPAIAN };
    table_set_header(t, 1, 5, headers, roles, NULL);
    for (size_t i = 0; i < n; i++) table_add_row(t, (int)i + 2, ROW_DATA, rows[i], NULL);
    report_add_table(rep, t);
    return rep;
}

/* lakip.row_measure(row, c, t, r [, arah]) is what rules/capaian.lua read
 * with row:cell, row.label and row:text (the Lua is here): nil without a
 * number in the capaian cell, false without one in the target or
 * realisasi cell, else the values, the texts, whether either input is a
 * percentage, the target's unit, else the realisasi's, whether the label
 * opens with "jumlah" (string.find(string.lower(label),
 * "^[%d%p%s]*jumlah")) and the arah cell's text; columns by role or
 * index; an absent column is an error. */
static void test_lakip_row_measure_is_row_cell(void **state)
{
    (void)state;
    static const char *const rows[][5] = {
        { "A", "naik", "50", "52,62", "105,24" },
        { "B", "naik", "50%", "40 orang", "80" },
        { "1. Jumlah kasus", "turun", "10 kasus", "9", "90" },
        { "D", "naik", "-", "9", "90" },
        { "E", "naik", "10", "9", "n/a" },
        { "F", "naik", "10", "", "90" },
        { "G", "", "4 org", "5 kasus", "125%" },
        { " (1)\tJUMLAHNYA", "Naik", "4", "5", "125" },
        { "Persentase jumlah", "naik", "4", "5", "125" },
        { "jumla", "naik", "4", "5", "125" },
        { "\xc3\x91jumlah", "naik", "4", "5", "125" },
        { "", "naik", "4", "5", "125" },
        { "-- Jumlah", "naik", "4%", "5", "125" },
    };
    fixture fx;
    run_rule_on(&fx, RULE_HEAD
                "check_table = function(ctx, t)\n"
                "  local function lua_measure(row, a, b, c, d)\n"
                "    local cc = row:cell(a)\n"
                "    if cc.kind ~= 'value' then return nil end\n"
                "    local tc, rc = row:cell(b), row:cell(c)\n"
                "    if tc.kind ~= 'value' or rc.kind ~= 'value' then return false end\n"
                "    local jumlah = string.find(string.lower(row.label or ''), '^[%d%p%s]*jumlah') ~= nil\n"
                "    if d then\n"
                "      return cc.value, tc.value, rc.value, cc.text, tc.text, rc.text,\n"
                "             (tc.percent or rc.percent) and true or false, tc.unit ~= '' and tc.unit or rc.unit, jumlah, row:text(d)\n"
                "    end\n"
                "    return cc.value, tc.value, rc.value, cc.text, tc.text, rc.text,\n"
                "           (tc.percent or rc.percent) and true or false, tc.unit ~= '' and tc.unit or rc.unit, jumlah\n"
                "  end\n"
                "  local out = {}\n"
                "  for _, row in t:rows() do\n"
                "    for _, cols in ipairs({ { 'capaian', 'target', 'realisasi' }, { 5, 3, 4, 2 }, { 5, 3, 4, 'arah' } }) do\n"
                "      local want = table.pack(lua_measure(row, cols[1], cols[2], cols[3], cols[4]))\n"
                "      local got = table.pack(lakip.row_measure(row, cols[1], cols[2], cols[3], cols[4]))\n"
                "      local same = want.n == got.n\n"
                "      for k = 1, want.n do\n"
                "        if decimal.is(want[k]) then same = same and decimal.is(got[k]) and want[k] == got[k] and want[k]:scale() == got[k]:scale()\n"
                "        else same = same and want[k] == got[k] end\n"
                "      end\n"
                "      out[#out + 1] = (same and '' or 'DIFF ') .. tostring(got[1])\n"
                "        .. (got.n > 1 and (' ' .. tostring(got[7]) .. ' ' .. got[8] .. ' ' .. tostring(got[9]) .. ' ' .. tostring(got[10])) or '')\n"
                "    end\n"
                "  end\n"
                "  local refused = not pcall(lakip.row_measure, t:row(1), 'pagu', 3, 4) and not pcall(lakip.row_measure, t:row(1), 5, 3, 9)\n"
                "    and not pcall(lakip.row_measure, t, 5, 3, 4) and not pcall(lakip.row_measure, t:row(1), 5, 3, 4, 'pagu')\n"
                "  ctx:emit('t.x', t, { v = table.concat(out, '|') .. ' ' .. tostring(refused) })\n"
                "end }\n", 0, indicator_report(rows, 13));
    const finding *f = only_finding(&fx, "t.x", NULL);
    assert_string_equal(finding_get(f, "v"), "105.24 false  false nil|105.24 false  false naik|105.24 false  false naik|80 true orang false nil|80 true orang false naik|80 true orang false naik|90 false kasus true nil|90 false kasus true turun|90 false kasus true turun|false|false|false|nil|nil|nil|false|false|false|125 false org false nil|125 false org false |125 false org false |125 false  true nil|125 false  true Naik|125 false  true Naik|125 false  false nil|125 false  false naik|125 false  false naik|125 false  false nil|125 false  false naik|125 false  false naik|125 false  false nil|125 false  false naik|125 false  false naik|125 false  false nil|125 false  false naik|125 false  false naik|125 true  true nil|125 true  true naik|125 true  true naik true");
    cleanup(&fx);
}

#define ROWS_RULE \
    RULE_HEAD "rows = { checks = { { name = 'c', columns = { t = 'target', r = 'realisasi' }, reported = 'capaian',\n" \
    "  num = 'r * 100', den = 't', when = { column = 'arah', one_of = { 'naik' } },\n" \
    "  record = { formula = 'higher', target = 't', realisasi = 'r' }, count_rounded = true } } },\n" \
    "check_row = function(ctx, t, row) ctx:emit('t.x', row, { v = 'seen' }) end,\n" \
    "finish = function(ctx)\n" \
    "  for file, n in pairs(ctx:passed('c')) do\n" \
    "    ctx:emit('t.x', { file = file, line = 1 }, { v = n.rows .. '/' .. n.rounded }) end end }\n"

#define ROWS_RULE_WITH_BEGIN(code) \
    RULE_HEAD "rows = { checks = { { name = 'c', columns = { t = 'target' }, reported = 'capaian',\n" \
    "  num = 't', den = 't' } } }, begin = function(ctx) " code " end, check_row = function() end }\n"

static const char *const declared_rows[][5] = {
    { "A", "Naik", "3", "2", "66,67" },         /* right, rounded up: passed in C */
    { "B", "naik", "50", "52,62", "105,24" },   /* right, exact: passed in C */
    { "C", "naik", "50", "52,62", "101,24" },   /* wrong: check_row */
    { "D", "naik", "0", "5", "100" },           /* zero target: check_row */
    { "E", "turun", "10", "9", "90" },          /* another direction: check_row */
    { "F", "naik", "10", "9", "n/a" },          /* nothing reported: neither */
    { "G", "naik", "-", "9", "90" },            /* no target: check_row */
};

/* check_row sees only the rows the declared check cannot pass; the rows it
 * passed are counted (ctx:passed) and recorded in the coverage */
static void test_declared_row_checks(void **state)
{
    (void)state;
    fixture fx;
    run_rule_on(&fx, ROWS_RULE, 0, indicator_report(declared_rows, 7));
    const int want[] = { 4, 5, 6, 8, 1 };
    assert_int_equal(finding_count(fx.out), 5);
    for (size_t i = 0; i < 5; i++) assert_int_equal(finding_at(fx.out, i)->line, want[i]);
    assert_string_equal(finding_get(finding_at(fx.out, 4), "v"), "2/1");
    const char *by = NULL;
    size_t counts[VALUE_OUTCOMES] = { 0 };
    assert_non_null(by = coverage_family(report_coverage(fx.rep), 0, counts));
    assert_string_equal(by, "t");
    assert_int_equal(counts[VALUE_RECOMPUTED], 2);
    cleanup(&fx);
    /* with the switch every row goes to check_row, and nothing is passed */
    setenv("LAKIP_NO_ROW_CHECKS", "1", 1);
    run_rule_on(&fx, ROWS_RULE, 0, indicator_report(declared_rows, 7));
    unsetenv("LAKIP_NO_ROW_CHECKS");
    assert_int_equal(finding_count(fx.out), 7);
    cleanup(&fx);
}

#define DEFERRED_RULE \
    RULE_HEAD "rows = { checks = { { name = 'c', columns = { t = 'target', r = 'realisasi' }, reported = 'capaian',\n" \
    "  num = 'r * 100', den = 't', when = { column = 'arah', one_of = { 'naik' } },\n" \
    "  record = { formula = 'higher', target = 't', realisasi = 'r' }, count_rounded = true,\n" \
    "  deferred = { when = { column = 'arah', one_of = { 'turun' } }, count_label = 'jumlah', formulas = {\n" \
    "    { key = '100-r', num = '(100 - r) * 100', den = '100 - t', percent_only = true },\n" \
    "    { key = '2t-r', num = '(t * 2 - r) * 100', den = 't' }, { key = 't/r', num = 't * 100', den = 'r' } } } } } },\n" \
    "check_row = function(ctx, t, row) ctx:emit('t.x', row, { v = 'seen' }) end,\n" \
    "finish = function(ctx)\n" \
    "  local d = ctx:deferred('c')\n" \
    "  ctx:emit('t.x', { file = 'k.csv', line = 1 }, { v = 'taken ' .. d.rows .. ' t/r ' .. (d.votes['t/r'] or 0)\n" \
    "    .. ' 2t-r ' .. (d.votes['2t-r'] or 0) .. ' first ' .. (d.first and d.first.line or 0) })\n" \
    "  for _, row in ipairs(ctx:settle('c', 't/r', '2t-r')) do ctx:emit('t.x', row, { v = 'left' }) end\n" \
    "  for file, n in pairs(ctx:passed('c')) do\n" \
    "    ctx:emit('t.x', { file = file, line = 1 }, { v = 'passed ' .. n.rows .. '/' .. n.rounded }) end end }\n"

static const char *const deferred_rows[][5] = {
    { "Persentase A", "turun", "10", "8", "125" },      /* t/r alone: a vote, passed when settled */
    { "Persentase B", "turun", "20", "16", "125,00" },  /* the same */
    { "Persentase C", "turun", "50", "40", "120" },     /* 2t-r and 100-r: no vote, left */
    { "Jumlah D", "turun", "4", "14", "89,58" },        /* a count: 100-r not tried, left */
    { "Persentase E", "turun", "3", "7", "42,86" },     /* t/r, rounded: a vote, passed */
    { "Persentase F", "turun", "4 kasus", "5", "80" },  /* a unit, not a count: check_row */
    { "Persentase G", "naik", "50", "52,62", "105,24" },/* the check's own when: passed */
    { "Jumlah H", "turun", "10 kasus", "8", "125" },    /* a count whatever its unit: a vote, passed */
};

/* rows of `deferred` are taken in C, counted as votes and settled in
 * finish; check_row sees none of them */
static void test_deferred_row_checks(void **state)
{
    (void)state;
    for (int off = 0; off < 2; off++) {
        fixture fx;
        if (off) setenv("LAKIP_NO_ROW_CHECKS", "1", 1);
        run_rule_on(&fx, DEFERRED_RULE, 0, indicator_report(deferred_rows, 8));
        unsetenv("LAKIP_NO_ROW_CHECKS");
        char got[512] = "";
        for (size_t i = 0; i < finding_count(fx.out); i++) {
            const finding *f = finding_at(fx.out, i);
            size_t len = strlen(got);
            snprintf(got + len, sizeof got - len, "%d %s; ", f->line, finding_get(f, "v"));
        }
        assert_string_equal(got, off ? "2 seen; 3 seen; 4 seen; 5 seen; 6 seen; 7 seen; 8 seen; 9 seen; 1 taken 0 t/r 0 2t-r 0 first 0; "
                                     : "7 seen; 1 taken 6 t/r 4 2t-r 0 first 2; 4 left; 5 left; 1 passed 5/1; ");
        cleanup(&fx);
    }
    fixture fx;
    run_rule(&fx, RULE_HEAD "rows = { checks = { { name = 'c', columns = { t = 'target' }, reported = 'capaian', "
             "num = 't', den = 't', record = { formula = 'higher', target = 't', realisasi = 't' }, "
             "deferred = { when = { column = 'arah', one_of = { 'turun' } }, formulas = { { key = 'x', num = 't', den = 't' } } } } } },"
             " check_row = function() end }\n", 0);
    only_finding(&fx, "engine.rule-load", "'when'");
    cleanup(&fx);
}

/* by_label: in a table without the Arah column the classes the rule gives
 * (ctx:classify) stand for it */
static void test_row_checks_by_label(void **state)
{
    (void)state;
    static const char *const rows[][4] = {
        { "A", "10", "8", "80" },           /* "when", right: passed */
        { "A", "10", "8", "81" },           /* "when", wrong: check_row */
        { "B", "10", "8", "120" },          /* "deferred", not t/r: left */
        { "B", "10", "8", "125" },          /* "deferred", t/r: passed when settled */
        { "C", "10", "8", "80" },           /* no class: check_row */
    };
    report *rep = report_new(STYLE_AUTO);
    table *t = table_new("k.csv", 1, NUMBER_STYLE_ID);
    const char *headers[] = { "Indikator", "Target", "Realisasi", "Capaian" };
    const enum col_role roles[] = { COL_INDIKATOR, COL_TARGET, COL_REALISASI, COL_CAPAIAN };
    table_set_header(t, 1, 4, headers, roles, NULL);
    for (size_t i = 0; i < 5; i++) table_add_row(t, (int)i + 2, ROW_DATA, rows[i], NULL);
    report_add_table(rep, t);
    fixture fx;
    run_rule_on(&fx, RULE_HEAD "rows = { checks = { { name = 'c', columns = { t = 'target', r = 'realisasi' },\n"
                "  reported = 'capaian', num = 'r * 100', den = 't', when = { column = 'arah', one_of = { 'naik' } },\n"
                "  record = { formula = 'higher', target = 't', realisasi = 'r' }, by_label = true,\n"
                "  deferred = { when = { column = 'arah', one_of = { 'turun' } },\n"
                "    formulas = { { key = 't/r', num = 't * 100', den = 'r' } } } } } },\n"
                "begin = function(ctx) ctx:classify('c', { A = 'when', B = 'deferred' }) end,\n"
                "check_row = function(ctx, t, row) ctx:emit('t.x', row, { v = 'seen' }) end,\n"
                "finish = function(ctx)\n"
                "  for _, row in ipairs(ctx:settle('c', 't/r')) do ctx:emit('t.x', row, { v = 'left' }) end\n"
                "  for file, n in pairs(ctx:passed('c')) do\n"
                "    ctx:emit('t.x', { file = file, line = 1 }, { v = 'passed ' .. n.rows }) end end }\n", 0, rep);
    char got[256] = "";
    for (size_t i = 0; i < finding_count(fx.out); i++) {
        const finding *f = finding_at(fx.out, i);
        size_t len = strlen(got);
        snprintf(got + len, sizeof got - len, "%d %s; ", f->line, finding_get(f, "v"));
    }
    assert_string_equal(got, "3 seen; 6 seen; 4 left; 1 passed 2; ");
    cleanup(&fx);
    /* a class that is not one, and a check without by_label: rule errors */
    run_rule_on(&fx, RULE_HEAD "rows = { checks = { { name = 'c', columns = { t = 'target' }, reported = 'capaian',\n"
                "  num = 't', den = 't', when = { column = 'arah', one_of = { 'naik' } }, by_label = true } } },\n"
                "begin = function(ctx) ctx:classify('c', { A = 'deferred' }) end, check_row = function() end }\n",
                0, indicator_report(declared_rows, 1));
    only_finding(&fx, "engine.rule-error", "\"when\"");
    cleanup(&fx);
    run_rule_on(&fx, ROWS_RULE_WITH_BEGIN("ctx:classify('c', {})"), 0, indicator_report(declared_rows, 1));
    only_finding(&fx, "engine.rule-error", "does not declare by_label");
    cleanup(&fx);
}

/* a bad declaration is a load error naming what is wrong */
static void test_declared_row_checks_refused(void **state)
{
    (void)state;
    static const char *const bad[][2] = {
        { "rows = { checks = { { name = 'c', columns = { t = 'target' }, reported = 'capaian', num = 't / 2', den = 't' } } },",
          "no '/'" },
        { "rows = { checks = { { name = 'c', columns = { t = 'target' }, reported = 'capaian', num = 'x', den = 't' } } },",
          "unknown name" },
        { "rows = { checks = { { name = 'c', columns = { t = 'nope' }, reported = 'capaian', num = 't', den = 't' } } },",
          "column role" },
        { "rows = { checks = { { name = 'c', columns = { t = 'target' }, reported = 'capaian', num = 't', den = 't', "
          "speed = 1 } } },", "unknown key 'speed'" },
        { "rows = { checks = { { name = 'c', columns = { t = 'target' }, reported = 'capaian', num = 't', den = 't', "
          "rounding = 'up' } } },", "'rounding'" },
        { "rows = { checks = {} },", "non-empty" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char src[2048];
        snprintf(src, sizeof src, RULE_HEAD "%s check_row = function() end }\n", bad[i][0]);
        fixture fx;
        run_rule(&fx, src, 0);
        only_finding(&fx, "engine.rule-load", bad[i][1]);
        cleanup(&fx);
    }
}

/* rows.only: check_row sees only rows where a condition holds */
static void test_declared_row_filters(void **state)
{
    (void)state;
    static const char *const rows[][5] = {
        { "Rata-rata", "naik", "", "", "90" },      /* label_has: seen */
        { "Persentase A", "naik", "", "5", "" },    /* empty target: seen */
        { "Persentase B", "naik", "3", "5", "" },   /* neither: skipped */
        { "", "naik", "3", "5", "" },               /* no label: seen */
        { "Nilai RATA-RATA", "naik", "3", "5", "" }, /* label_has in capitals only: seen */
    };
    fixture fx;
    run_rule_on(&fx, RULE_HEAD "rows = { only = { { kind = 'data', label_has = 'RATA' },\n"
                "  { kind = { 'data', 'total' }, empty = { 'target', 'pagu' } },\n"
                "  { label_empty = true, columns = { 'capaian' } } } },\n"
                "check_row = function(ctx, t, row) ctx:emit('t.x', row, { v = 'seen' }) end }\n",
                0, indicator_report(rows, 5));
    const int want[] = { 2, 3, 5, 6 };
    assert_int_equal(finding_count(fx.out), 4);
    for (size_t i = 0; i < 4; i++) assert_int_equal(finding_at(fx.out, i)->line, want[i]);
    cleanup(&fx);
    /* a condition no table can meet: check_row is never called */
    run_rule_on(&fx, RULE_HEAD "rows = { only = { { columns = { 'pagu' } } } },\n"
                "check_row = function(ctx, t, row) ctx:emit('t.x', row, { v = 'seen' }) end }\n",
                0, indicator_report(rows, 4));
    assert_int_equal(finding_count(fx.out), 0);
    cleanup(&fx);
    run_rule(&fx, RULE_HEAD "rows = { only = { { colour = 'red' } } }, check_row = function() end }\n", 0);
    only_finding(&fx, "engine.rule-load", "unknown key 'colour'");
    cleanup(&fx);
}

/* rows.only above: a number greater than the limit, as exact decimals;
 * no_value: no number in the cells of those roles */
static void test_declared_row_filter_above(void **state)
{
    (void)state;
    static const char *const rows[][5] = {
        { "A", "naik", "1", "150", "" },            /* line 2 */
        { "B", "naik", "1", "100", "" },            /* line 3: not above 100 */
        { "C", "naik", "1", "100,5", "" },          /* line 4 */
        { "D", "naik", "1", "-", "" },              /* line 5: no number */
        { "E", "naik", "1", "99,5", "" },           /* line 6 */
    };
    static const struct { const char *limit; int lines[4]; } cases[] = {
        { "100", { 2, 4, 0 } },
        { "'99.5'", { 2, 3, 4, 0 } },
        { "'100.49'", { 2, 4, 0 } },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        fixture fx;
        char src[1024];
        snprintf(src, sizeof src, RULE_HEAD "rows = { only = { { above = { realisasi = %s } } } },\n"
                 "check_row = function(ctx, t, row) ctx:emit('t.x', row, { v = 'seen' }) end }\n", cases[k].limit);
        run_rule_on(&fx, src, 0, indicator_report(rows, 5));
        size_t n = 0;
        while (cases[k].lines[n]) n++;
        assert_int_equal(finding_count(fx.out), n);
        for (size_t i = 0; i < n; i++) assert_int_equal(finding_at(fx.out, i)->line, cases[k].lines[i]);
        cleanup(&fx);
    }
    /* no_value: neither target nor realisasi holds a number ("-" is none) */
    static const char *const bare[][5] = {
        { "A", "naik", "", "-", "" },               /* line 2: seen */
        { "B", "naik", "5", "", "" },               /* line 3 */
        { "C", "naik", "n/a", "7", "" },            /* line 4 */
        { "D", "naik", "", "", "90" },              /* line 5: seen (capaian is not asked) */
    };
    fixture fx;
    run_rule_on(&fx, RULE_HEAD "rows = { only = { { no_value = { 'target', 'realisasi', 'pagu' } } } },\n"
                "check_row = function(ctx, t, row) ctx:emit('t.x', row, { v = 'seen' }) end }\n",
                0, indicator_report(bare, 4));
    assert_int_equal(finding_count(fx.out), 2);
    assert_int_equal(finding_at(fx.out, 0)->line, 2);
    assert_int_equal(finding_at(fx.out, 1)->line, 5);
    cleanup(&fx);
    /* a float limit (binary floating point) or an unknown role is refused */
    static const char *const bad[] = { "{ realisasi = 100.5 }", "{ colour = 1 }", "{}", "'100'" };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        char src[1024];
        snprintf(src, sizeof src, RULE_HEAD "rows = { only = { { above = %s } } }, check_row = function() end }\n", bad[k]);
        run_rule(&fx, src, 0);
        only_finding(&fx, "engine.rule-load", "bad or unknown key 'above'");
        cleanup(&fx);
    }
}


/* The censuses of the table view (t:row_kinds, t:summary, t:value_types,
 * t:row_numbers) and t:texts: what a table-level rule asks before it scans. */
static report *census_report(void)
{
    static const char *const rows[][4] = {
        { "1", "A", "12,3,4", "50%" },          /* invalid target; percent realisasi */
        { "2.", "B", "100%%", "4.179" },        /* malformed (and percent); ambiguous */
        { "", "Program X", "", "" },            /* group row */
        { "(3)", "C", "<49", "3 orang" },       /* bound; a unit */
        { "2.1", "D", "46\u201350", "n/a" },    /* range; missing */
        { "a.", "E", "WTP", "1:20" },           /* grade; ratio */
        { " 4) ", "F", "5", "" },               /* number; empty */
        { "", "Jumlah", "10", "12" },           /* total row */
    };
    static const enum row_kind kinds[] = { ROW_DATA, ROW_DATA, ROW_GROUP, ROW_DATA, ROW_DATA, ROW_DATA, ROW_DATA, ROW_TOTAL };
    report *rep = report_new(STYLE_AUTO);
    table *t = table_new("k.csv", 1, NUMBER_STYLE_ID);
    const char *headers[] = { "No", "Indikator", "Target", "Realisasi" };
    const enum col_role roles[] = { COL_NO, COL_INDIKATOR, COL_TARGET, COL_REALISASI };
    table_set_header(t, 1, 4, headers, roles, NULL);
    const enum number_style styles[] = { NUMBER_STYLE_ID, NUMBER_STYLE_ID, NUMBER_STYLE_ID, NUMBER_STYLE_ID };
    const enum style_basis bases[] = { STYLE_BASIS_COLUMN, STYLE_BASIS_COLUMN, STYLE_BASIS_COLUMN, STYLE_BASIS_FILE };
    table_set_column_styles(t, styles, bases);
    for (size_t i = 0; i < 8; i++) table_add_row(t, (int)i + 2, kinds[i], rows[i], NULL);
    report_add_table(rep, t);
    return rep;
}

static void test_table_censuses(void **state)
{
    (void)state;
    fixture fx;
    run_rule_on(&fx, RULE_HEAD
                "check_table = function(ctx, t)\n"
                "  local function say(x) ctx:emit('t.x', t, { v = x }) end\n"
                "  local k = t:row_kinds()\n"
                "  say(k.data .. ' ' .. k.group .. ' ' .. k.total)\n"
                "  local s = t:summary('target')\n"
                "  say(string.format('%d %d %d %d %d %d %d', s.cells, s.empty, s.value, s.invalid, s.malformed, s.percent, s.unsettled))\n"
                "  s = t:summary('realisasi', 'data')\n"
                "  say(string.format('%d %d %d %d %d %d', s.cells, s.value, s.percent, s.ambiguous, s.unsettled, s.unit))\n"
                "  s = t:summary({ 'target', 4 }, 'total')\n"
                "  say(s.cells .. ' ' .. s.value)\n"
                "  s = t:summary()\n"
                "  say(s.cells .. ' ' .. s.invalid .. ' ' .. s.malformed .. ' ' .. s.unsettled)\n"
                "  say(tostring(t:summary('pagu')))\n"
                "  local v = t:value_types('target', 'data')\n"
                "  say(string.format('%d %d %d %d %d %d', v.cells, v.number, v.bound, v.range, v.grade, v.invalid))\n"
                "  v = t:value_types({ 'realisasi' })\n"
                "  say(string.format('%d %d %d %d %d', v.cells, v.number, v.ratio, v.missing, v.empty))\n"
                "  local nums, at = t:row_numbers('no')\n"
                "  say(table.concat(nums, ',') .. ' at ' .. table.concat(at, ','))\n"
                "  say(tostring(t:row_numbers('pagu')))\n"
                "  say(tostring(t:row_number_breaks('no')) .. ' ' .. tostring(t:row_number_breaks('pagu')))\n"
                "  say(t:summary('target', nil, 'malformed') .. ' ' .. t:summary('realisasi', 'data', 'percent') .. ' '\n"
                "      .. t:summary(nil, nil, 'invalid') .. ' ' .. tostring(t:summary('pagu', nil, 'cells')) .. ' '\n"
                "      .. tostring(pcall(t.summary, t, nil, nil, 'colour')))\n"
                "  say(tostring(pcall(t.summary, t, 'colour')) .. ' ' .. tostring(pcall(t.summary, t, nil, 'row')) .. ' '\n"
                "      .. select(2, pcall(t.value_types, t, { 'target', {} })))\n"
                "  local names = {}\n"
                "  for i, x in ipairs(t:texts('indikator', 'data')) do names[i] = x or '-' end\n"
                "  say(table.concat(names, ','))\n"
                "  say(#t:texts(4) .. ' [' .. t:texts(4)[7] .. '] ' .. tostring(t:texts('pagu')))\n"
                "end }\n",
                0, census_report());
    static const char *const want[] = {
        "6 1 1",
        "8 1 3 1 1 1 0",            /* values 100%%, 5, 10; "100%%" malformed, with % */
        "6 3 1 1 1 1",              /* values 50%, 4.179, 3 orang; 4.179 ambiguous in a column the file's style decided */
        "2 2",
        "32 3 1 1",                 /* 12,3,4 and two cells of the No column */
        "nil",
        "6 2 1 1 1 1",              /* 100%% and 5 are numbers */
        "8 4 1 1 2",                /* 50%, 4.179, 3 orang, 12 */
        "1,2,3,4 at 1,2,4,7",
        "nil",
        "nil nil",                  /* 1, 2, 3, 4: no break */
        "1 1 3 nil false",          /* one count, as in the table of them all above */
        "false false a list of columns holds role names and 1-based indices",
        "A,B,-,C,D,E,F,-",          /* t:texts: false for the group and total rows */
        "8 [] nil",
    };
    if (finding_count(fx.out) != sizeof want / sizeof want[0])
        for (size_t i = 0; i < finding_count(fx.out); i++)
            fprintf(stderr, "finding %s: %s\n", finding_at(fx.out, i)->rule, finding_get(finding_at(fx.out, i), "v"));
    assert_int_equal(finding_count(fx.out), sizeof want / sizeof want[0]);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_string_equal(finding_get(finding_at(fx.out, i), "v"), want[i]);
    cleanup(&fx);
}

/* t:labels([kind]) gives row.label of every row (false for none, or for a
 * row not of kind), as a loop over t:rows() reads it */
static void test_table_labels(void **state)
{
    (void)state;
    fixture fx;
    run_rule_on(&fx, RULE_HEAD
                "check_table = function(ctx, t)\n"
                "  local out = {}\n"
                "  for _, kind in ipairs({ 'all', 'data', 'group', 'total' }) do\n"
                "    local got, bad = t:labels(kind ~= 'all' and kind or nil), 0\n"
                "    local n = 0\n"
                "    for i, row in t:rows() do\n"
                "      n = n + 1\n"
                "      local want = (kind == 'all' or row.kind == kind) and row.label or false\n"
                "      if got[i] ~= want then bad = bad + 1 end\n"
                "    end\n"
                "    out[#out + 1] = kind .. ' ' .. bad .. '/' .. n .. '/' .. #got\n"
                "  end\n"
                "  local l = t:labels()\n"
                "  out[#out + 1] = tostring(l[1]) .. ',' .. tostring(l[3]) .. ' ' .. tostring(pcall(t.labels, t, 'row'))\n"
                "  ctx:emit('t.x', t, { v = table.concat(out, '; ') })\n"
                "end }\n",
                0, census_report());
    const finding *f = only_finding(&fx, "t.x", NULL);
    assert_string_equal(finding_get(f, "v"), "all 0/8/8; data 0/8/8; group 0/8/8; total 0/8/8; A,Program X false");
    cleanup(&fx);
}

/* Four tables of repeated names for lakip.repeats: names, sections and
 * numbers from small sets (so that names repeat, in the same section and
 * not, and rows carry the row above's numbers), group and total rows, a
 * name whose key is empty; the second table has no program column, the
 * third neither sasaran nor program. The fourth is longer and has 240
 * names, half of them written two ways (more texts than a memo of a few
 * hundred holds, and more than its first blocks: they grow). */
static report *repeats_report(void)
{
    static const char *const names[] = { "Persentase A", "persentase a.", "Jumlah B", "Jumlah  B", "C", "-", "",
                                         "Angka kematian ibu per 100.000 kelahiran hidup (AKI)", "Angka Kematian Ibu per 100.000 kelahiran hidup (aki)" };
    static const char *const goals[] = { "Sasaran X", "sasaran x", "Sasaran Y", "" };
    static const char *const programs[] = { "P1", "p1.", "P2" };
    static const char *const targets[] = { "10", "20" }, *const results[] = { "5", "10" }, *const shares[] = { "50", "100", "200" };
    static const enum col_role all[] = { COL_NO, COL_SASARAN, COL_PROGRAM, COL_INDIKATOR, COL_TARGET, COL_REALISASI, COL_CAPAIAN };
    static const char *const headers[] = { "No", "Sasaran", "Program", "Indikator", "Target", "Realisasi", "Capaian" };
    report *rep = report_new(STYLE_AUTO);
    unsigned long seed = 11;
    for (int k = 0; k < 4; k++) {
        /* table 2 without Program, table 3 without Sasaran and Program */
        enum col_role roles[7];
        const char *heads[7];
        size_t nc = 0;
        for (size_t c = 0; c < 7; c++) {
            if ((k == 1 && all[c] == COL_PROGRAM) || (k == 2 && (all[c] == COL_SASARAN || all[c] == COL_PROGRAM))) continue;
            roles[nc] = all[c];
            heads[nc++] = headers[c];
        }
        table *t = table_new("r.csv", 1, NUMBER_STYLE_ID);
        table_set_header(t, 1, nc, heads, roles, NULL);
        for (int r = 0; r < (k == 3 ? 1500 : 120); r++) {
            const char *row[7];
            char many[64];
            seed = (seed * 1103515245 + 12345) % 2147483648UL;
            unsigned long x = seed;
            enum row_kind kind = x % 13 == 0 ? ROW_GROUP : x % 29 == 0 ? ROW_TOTAL : ROW_DATA;
            for (size_t c = 0; c < nc; c++) {
                x /= 3;
                switch (roles[c]) {
                case COL_NO: row[c] = "1"; break;
                case COL_SASARAN: row[c] = goals[(x / 7) % 4 < 2 && r % 17 < 9 ? 0 : (x / 7) % 4]; break;
                case COL_PROGRAM: row[c] = programs[(x / 5) % 3]; break;
                case COL_INDIKATOR:
                    if (kind == ROW_GROUP) row[c] = x % 2 ? "Kelompok 1" : "Kelompok 2";
                    else if (k < 3) row[c] = names[x % 9];
                    else {
                        snprintf(many, sizeof many, x % 2 ? "Indikator %lu" : "indikator  %lu.", (x / 2) % 240);
                        row[c] = many;
                    }
                    break;
                case COL_TARGET: row[c] = targets[(r / 3) % 2]; break;
                case COL_REALISASI: row[c] = results[(r / 4) % 2]; break;
                default: row[c] = shares[(r / 5) % 3]; break;
                }
            }
            table_add_row(t, r + 2, kind, row, NULL);
        }
        report_add_table(rep, t);
    }
    return rep;
}

/* lakip.repeats finds, row for row, what rules/duplikat.lua's Lua loop
 * found before it (the loop is here, with lakip.normalize for the rule's
 * key and lakip.same_as_above for the copies): the rows repeating a key
 * above them in the same section (and which row), the rows carrying the
 * numbers of the row above under another key; with copy columns (as
 * indexes, and as roles in another order) and without (none given, or
 * one of them nil), through a key memo kept for the
 * whole run (the rule's) and through one of 5 texts, which forgets at
 * almost every call. The run's memo calls key_fn once per name text:
 * the count of its calls is that of the distinct names of the tables
 * seen so far. */
static void test_lakip_repeats_is_the_lua_loop(void **state)
{
    (void)state;
    fixture fx;
    run_rule_on(&fx,
                "local calls, seen, nseen = 0, {}, 0\n"
                "local kept = lakip.key_memo(function(name) calls = calls + 1; return lakip.normalize(name) end)\n"
                RULE_HEAD
                "check_table = function(ctx, t)\n"
                "  local ic, sc, pc = t:col('indikator'), t:col('sasaran'), t:col('program')\n"
                "  local copies = lakip.same_as_above(t, t:col('target'), t:col('realisasi'), t:col('capaian'))\n"
                "  local function section(row)\n"
                "    local raw = row.group or ''\n"
                "    if sc then raw = raw .. ' | ' .. (row:text(sc) or '') end\n"
                "    if pc then raw = raw .. ' | ' .. (row:text(pc) or '') end\n"
                "    return lakip.normalize(raw)\n"
                "  end\n"
                "  local function lua_loop(copies)\n"
                "    local out, first_at, repeats, prev, prev_key = {}, {}, {}, nil, nil\n"
                "    local names = t:texts(ic, 'data')\n"
                "    for i = 1, #names do\n"
                "      local name, key = names[i], ''\n"
                "      if name then\n"
                "        key = lakip.normalize(name)\n"
                "        if not seen[name] then seen[name], nseen = true, nseen + 1 end\n"
                "      end\n"
                "      if key == '' then prev = nil\n"
                "      else\n"
                "        local at = first_at[key]\n"
                "        if not at then first_at[key] = i\n"
                "        else\n"
                "          local s = repeats[key]\n"
                "          if not s then s = { [section(t:row(at))] = at }; repeats[key] = s end\n"
                "          local sec = section(t:row(i))\n"
                "          if s[sec] then out[#out + 1] = i .. ':1:' .. s[sec] else s[sec] = i end\n"
                "        end\n"
                "        if prev and prev_key ~= key and copies and copies[i] then out[#out + 1] = i .. ':2:' .. prev end\n"
                "        prev, prev_key = i, key\n"
                "      end\n"
                "    end\n"
                "    return table.concat(out, ' '), #out\n"
                "  end\n"
                "  local small = lakip.key_memo(lakip.normalize, 5)\n"
                "  local tc, rc, cc = t:col('target'), t:col('realisasi'), t:col('capaian')\n"
                "  local function c_scan(memo, ...)\n"
                "    local out, found = {}, lakip.repeats(t, ic, memo, sc, pc, ...)\n"
                "    for k = 1, #found, 3 do out[#out + 1] = found[k] .. ':' .. found[k + 1] .. ':' .. found[k + 2] end\n"
                "    return table.concat(out, ' ')\n"
                "  end\n"
                "  local want, n = lua_loop(copies)\n"
                "  local want0, n0 = lua_loop(nil)\n"
                "  local copied = select(2, string.gsub(want, ':2:', ''))\n"
                "  local same = c_scan(kept, tc, rc, cc) == want and c_scan(kept) == want0\n"
                "    and c_scan(small, tc, rc, cc) == want and c_scan(small) == want0\n"
                "    and c_scan(kept, tc, nil, cc) == want0 and c_scan(kept, 'capaian', 'realisasi', tc) == want\n"
                "  ctx:emit('t.x', t, { v = tostring(same) .. ' ' .. n .. ' ' .. n0 .. ' ' .. copied\n"
                "    .. ' ' .. tostring(calls == nseen) })\n"
                "end }\n",
                0, repeats_report());
    assert_int_equal(finding_count(fx.out), 4);
    static const char *const want[] = { "true 54 37 17 true", "true 81 65 16 true", "true 85 70 15 true", "true 891 410 481 true" };
    for (size_t i = 0; i < 4; i++) assert_string_equal(finding_get(finding_at(fx.out, i), "v"), want[i]);
    cleanup(&fx);
}

/* Tables of cells drawn from every sort the censuses tell apart
 * (unreadable, mistyped, ambiguous, percent, currency, scientific, a
 * unit, missing, text, bounds, ranges, grades, ratios, blank; plain
 * numbers with a sign, a blank, a % or a dash inside, and one longer than
 * plain_numbers' short path), with two
 * columns of one role, columns whose style rests on the file's
 * convention and others, and rows of every kind, for lakip.count_cells
 * and lakip.plain_numbers against t:summary and t:value_types. */
static report *census_tables(void)
{
    static const char *const texts[] = { "12,3,4", "100%%", "94,%", "4.179", "50%", "Rp 5.000", "2,32278E+09", "3 orang",
                                         "n/a", "-", "baik", "<49", "46\u201350", "WTP", "1:20", "", "5", "0,5", "1.234,5",
                                         "-12,5", "1-2", "12 %", "%", "- 5",
                                         "1234567890123456789012345678901234567890123456789012345678901234567",
                                         "Persentase PMKS", "jumlah PERSEN", "Angka prosen xx", "presentase", "101", "100,5",
                                         "Persentase penduduk miskin yang mendapat bantuan sosial dari pemerintah daerah, dari kabupaten ke kecamatan, "
                                         "dari kecamatan ke desa dan kelurahan, dari desa ke dusun, dari dusun ke rumah tangga, "
                                         "dari rumah tangga ke anggota keluarga yang tercatat di basis data terpadu tahun berjalan (PERSEN)" };
    static const enum col_role pool[] = { COL_TARGET, COL_REALISASI, COL_CAPAIAN, COL_TAHUN, COL_INDIKATOR, COL_PROGRAM };
    report *rep = report_new(STYLE_AUTO);
    unsigned long seed = 7;
    for (int k = 0; k < 12; k++) {
        enum col_role roles[6];
        const char *heads[6] = { "A", "B", "C", "D", "E", "F" };
        enum number_style styles[6];
        enum style_basis bases[6];
        for (size_t c = 0; c < 6; c++) {
            roles[c] = pool[(c + (size_t)k) % 6];
            styles[c] = (c + (size_t)k) % 4 ? NUMBER_STYLE_ID : NUMBER_STYLE_EN;
            bases[c] = (c * 3 + (size_t)k) % 5 < 2 ? STYLE_BASIS_FILE : STYLE_BASIS_COLUMN;
        }
        table *t = table_new("c.csv", 1, NUMBER_STYLE_ID);
        /* some with titles, metadata and a caption from the source (lakip.table_heads) */
        for (int i = 0; i < k % 3; i++) table_add_title(t, "Tabel 3.1 Capaian Tahun 2019", 1);
        if (k % 4 == 1) table_add_meta(t, "Tahun Anggaran", "2019", 1);
        if (k % 5 == 2) table_set_caption(t, "Tabel Capaian", 1);
        table_set_header(t, 1, 6, heads, roles, NULL);
        if (k % 3 == 2) {
            static const char *const nums[6] = { "(1)", "(2)", "(3)", "(5)", "", "(6)" };
            table_set_colnum_row(t, 2, nums);
        }
        table_set_column_styles(t, styles, bases);
        for (int r = 0; r < 5 + k * 3; r++) {
            const char *row[6];
            for (size_t c = 0; c < 6; c++) {
                seed = (seed * 1103515245 + 12345) % 2147483648UL;
                /* some tables of plain numbers and blanks only */
                row[c] = texts[k % 4 == 3 ? 15 + (seed >> 8) % 4 : k % 4 == 2 ? 15 + (seed >> 8) % 10 : (seed >> 8) % 32];
            }
            seed = (seed * 1103515245 + 12345) % 2147483648UL;
            enum row_kind kind = (seed >> 8) % 7 == 0 ? ROW_GROUP : (seed >> 8) % 11 == 0 ? ROW_TOTAL : ROW_DATA;
            table_add_row(t, r + 2, kind, row, NULL);
        }
        report_add_table(rep, t);
    }
    report_add_note(rep, "c.csv", 3, "hidden-sheet", "Lama", "4");   /* (lakip.note_count) */
    return rep;
}

/* lakip.count_cells counts what t:summary counts (one fact: the same
 * count; several: 0 exactly when each of t:summary's is; `enough`: the
 * count up to it), for role lists of one and several roles, every row
 * kind and none, every fact; lakip.plain_numbers answers t:value_types's
 * number + empty == cells, for lists of indexes with repeats, nil and a
 * column the table lacks; lakip.count_rows counts what t:row_kinds does,
 * up to `enough`; lakip.rows_above and lakip.rows_empty list the rows a
 * Lua loop over the rows finds (a value above the limit, with and
 * without words the label holds in either case; an empty cell in one of
 * the columns), for every column and one the table lacks;
 * lakip.table_heads gives #t:titles(), #t:meta(), t.caption_line and
 * t:colnum_line(), on tables with none, some titles, metadata, a caption
 * from the source and a column-number row; lakip.note_count gives
 * #report:notes(). */
static void test_census_fns_are_the_censuses(void **state)
{
    (void)state;
    fixture fx;
    run_rule_on(&fx, RULE_HEAD
                "check_table = function(ctx, t)\n"
                "  local facts = { 'empty', 'missing', 'value', 'text', 'invalid', 'percent', 'ambiguous', 'malformed',\n"
                "                  'currency', 'scientific', 'unit', 'unsettled', 'filled', 'cells' }\n"
                "  local role_lists = { { 'target' }, { 'realisasi', 'tahun' }, { 'target', 'capaian', 'indikator' }, { 'pagu' } }\n"
                "  local ok, tried, hits, found = true, 0, 0, 0\n"
                "  for _, kind in ipairs({ false, 'data', 'group', 'total' }) do\n"
                "    for _, roles in ipairs(role_lists) do\n"
                "      local s = t:summary(roles, kind or nil)\n"
                "      for i, f in ipairs(facts) do\n"
                "        local c = lakip.cell_census{ roles = roles, kind = kind or nil, count = { f } }\n"
                "        local n = lakip.count_cells(t, c)\n"
                "        ok = ok and n == s[f] and lakip.count_cells(t, c, 1) == math.min(n, 1)\n"
                "          and lakip.count_cells(t, c, 3) == math.min(n, 3)\n"
                "        local g = facts[(i * 5) % #facts + 1]\n"
                "        local two = lakip.cell_census{ roles = roles, kind = kind or nil, count = { f, g, 'invalid' } }\n"
                "        ok = ok and (lakip.count_cells(t, two, 1) == 0) == (s[f] + s[g] + s.invalid == 0)\n"
                "        tried, hits = tried + 1, hits + (n > 0 and 1 or 0)\n"
                "      end\n"
                "    end\n"
                "    for _, cols in ipairs({ { 1 }, { 1, 2 }, { 3, 3, 5 }, { 2, 4, 6 }, { 9, 1 } }) do\n"
                "      local v = t:value_types(cols, kind or nil)\n"
                "      local plain = lakip.plain_numbers(t, kind or nil, table.unpack(cols))\n"
                "      ok = ok and plain == (v.number + v.empty == v.cells)\n"
                "      ok = ok and lakip.plain_numbers(t, kind or nil, nil, cols[1]) == lakip.plain_numbers(t, kind or nil, cols[1])\n"
                "      hits = hits + (plain and 1000 or 0)\n"
                "    end\n"
                "    for col = 1, 7 do\n"
                "      local function lua_rows(test)\n"
                "        local out = {}\n"
                "        for i, row in t:rows() do\n"
                "          if (not kind or row.kind == kind) and test(row) then out[#out + 1] = i end\n"
                "        end\n"
                "        return table.concat(out, ',')\n"
                "      end\n"
                "      local function share(row)\n"
                "        if col > t.column_count then return false end\n"
                "        local c, l = row:cell(col), row.label\n"
                "        local low = l and string.lower(l) or ''\n"
                "        return c.kind == 'value' and c.value > decimal.new(100)\n"
                "          and (low:find('persen', 1, true) or low:find('prosen', 1, true) or low:find('presen', 1, true)) ~= nil\n"
                "      end\n"
                "      local function above(row)\n"
                "        local c = col <= t.column_count and row:cell(col)\n"
                "        return c and c.kind == 'value' and c.value > decimal.new(4)\n"
                "      end\n"
                "      local function empty(row)\n"
                "        return (col <= t.column_count and row:text(col) == '') or row:text(col % 6 + 1) == ''\n"
                "      end\n"
                "      local a = table.concat(lakip.rows_above(t, kind or nil, col, 100, 'persen', 'prosen', 'presen'), ',')\n"
                "      local b = table.concat(lakip.rows_above(t, kind or nil, col, 4), ',')\n"
                "      local e = table.concat(lakip.rows_empty(t, kind or nil, col, nil, col % 6 + 1), ',')\n"
                "      ok = ok and a == lua_rows(share) and b == lua_rows(above) and e == lua_rows(empty)\n"
                "      found = found + #a + #b + #e + 1000 * #a\n"
                "    end\n"
                "    local titles, meta, caption_line, colnum_line = lakip.table_heads(t)\n"
                "    ok = ok and titles == #t:titles() and meta == #t:meta() and caption_line == t.caption_line\n"
                "      and colnum_line == t:colnum_line() and lakip.note_count(ctx.report) == #ctx.report:notes()\n"
                "    if kind then\n"
                "      local n = t:row_kinds()[kind]\n"
                "      ok = ok and lakip.count_rows(t, kind) == n and lakip.count_rows(t, kind, 1) == math.min(n, 1)\n"
                "        and lakip.count_rows(t, kind, 2) == math.min(n, 2)\n"
                "    end\n"
                "  end\n"
                "  ctx:emit('t.x', t, { v = tostring(ok) .. ' ' .. tried .. ' ' .. hits .. ' ' .. found })\n"
                "end }\n",
                0, census_tables());
    /* after "true 224": the censuses with a cell found, plus 1000 for
     * each column list plain_numbers said was plain; then the length of
     * the lists of rows rows_above and rows_empty gave (those of the
     * share rows, rows_above with words, also times 1000) */
    static const char *const want[] = { "true 224 10036 36", "true 224 5048 4061", "true 224 6041 109",
                                        "true 224 13041 258", "true 224 5079 8097", "true 224 80 2102",
                                        "true 224 2059 193", "true 224 14041 563", "true 224 1097 4169",
                                        "true 224 103 14307", "true 224 65 442", "true 224 12047 965" };
    assert_int_equal(finding_count(fx.out), 12);
    for (size_t i = 0; i < 12; i++) assert_string_equal(finding_get(finding_at(fx.out, i), "v"), want[i]);
    cleanup(&fx);
}

/* t:value_columns(year) answers what lib.indikator.value_columns's Lua
 * loop over t:columns() answers (the loop is here, as that file has it),
 * on 80 tables of 2 to 8 columns whose roles (the four it picks and
 * others) and header years (none, 2018, 2019) are drawn from a fixed
 * sequence, for a year that is nil, false, one of the columns', another,
 * a float equal to one, a float that is none, a string and 0. */
static void test_value_columns_is_the_lua_loop(void **state)
{
    (void)state;
    static const enum col_role pool[] = { COL_TARGET, COL_REALISASI, COL_CAPAIAN, COL_SATUAN, COL_INDIKATOR, COL_TAHUN, COL_PAGU };
    static const int years[] = { 0, 2018, 2019 };
    report *rep = report_new(STYLE_AUTO);
    unsigned long seed = 5;
    for (int k = 0; k < 80; k++) {
        enum col_role roles[8];
        int ys[8];
        const char *heads[8];
        seed = (seed * 1103515245 + 12345) % 2147483648UL;
        size_t nc = 2 + seed % 7;
        for (size_t c = 0; c < nc; c++) {
            seed = (seed * 1103515245 + 12345) % 2147483648UL;
            roles[c] = pool[(seed >> 4) % 7];
            ys[c] = years[(seed >> 9) % 3];
            heads[c] = "H";
        }
        table *t = table_new("v.csv", 1, NUMBER_STYLE_ID);
        table_set_header(t, 1, nc, heads, roles, ys);
        report_add_table(rep, t);
    }
    fixture fx;
    run_rule_on(&fx,
                "local compared, differ, seen, kinds = 0, 0, {}, 0\n"
                RULE_HEAD
                "check_table = function(ctx, t)\n"
                "  local function lua_loop(year)\n"
                "    local cols, exact, has_target, columns = {}, {}, false, t:columns()\n"
                "    for i = 1, #columns do\n"
                "      local c = columns[i]\n"
                "      local r = c.role\n"
                "      if r == 'target' or r == 'realisasi' or r == 'capaian' or r == 'satuan' then\n"
                "        if r == 'target' then has_target = true end\n"
                "        if c.year and year and c.year == year then\n"
                "          if not exact[r] then cols[r], exact[r] = i, true end\n"
                "        elseif not c.year or not year then\n"
                "          if not cols[r] then cols[r] = i end\n"
                "        end\n"
                "      end\n"
                "    end\n"
                "    if has_target and not cols.target then cols.capaian = nil end\n"
                "    return cols\n"
                "  end\n"
                "  local function text(c)\n"
                "    local n = 0\n"
                "    for _ in pairs(c) do n = n + 1 end\n"
                "    return n .. ' ' .. tostring(c.target) .. ' ' .. tostring(c.realisasi) .. ' ' .. tostring(c.capaian) .. ' ' .. tostring(c.satuan)\n"
                "  end\n"
                "  for _, y in ipairs({ 'nil', false, 2019, 2018, 2020, 2019.0, 2019.5, '2019', 0 }) do\n"
                "    if y == 'nil' then y = nil end\n"
                "    local want, got = text(lua_loop(y)), text(t:value_columns(y))\n"
                "    compared = compared + 1\n"
                "    if want ~= got then differ = differ + 1 end\n"
                "    if not seen[want] then seen[want], kinds = true, kinds + 1 end\n"
                "  end\n"
                "end,\n"
                "finish = function(ctx)\n"
                "  ctx:emit('t.x', { file = 'v.csv', line = 1 }, { v = compared .. ' ' .. differ .. ' ' .. kinds })\n"
                "end }\n",
                0, rep);
    const finding *f = only_finding(&fx, "t.x", NULL);
    assert_string_equal(finding_get(f, "v"), "720 0 113");    /* 720 answers compared, none differ, 113 kinds */
    cleanup(&fx);
}

/* What lakip.repeats refuses: a key memo's key_fn that returns no
 * string, or calls lakip.repeats with its own memo (the outer call's
 * counts would no longer hold), and a memo that is not one. */
static void test_lakip_repeats_refuses(void **state)
{
    (void)state;
    fixture fx;
    run_rule_on(&fx, RULE_HEAD
                "check_table = function(ctx, t)\n"
                "  local ic = t:col('indikator')\n"
                "  local number = lakip.key_memo(function(name) return 1 end)\n"
                "  local inner, depth = nil, 0\n"
                "  inner = lakip.key_memo(function(name)\n"
                "    if depth == 0 then depth = 1; lakip.repeats(t, ic, inner); depth = 0 end\n"
                "    return name\n"
                "  end)\n"
                "  local out = {}\n"
                "  for _, m in ipairs({ number, inner, {} }) do\n"
                "    local ok, err = pcall(lakip.repeats, t, ic, m)\n"
                "    out[#out + 1] = tostring(ok) .. ' ' .. tostring(err)\n"
                "  end\n"
                "  out[#out + 1] = tostring(pcall(lakip.key_memo, lakip.normalize, 0))\n"
                "  ctx:emit('t.x', t, { v = table.concat(out, '; ') })\n"
                "end }\n",
                0, repeats_report());
    assert_int_equal(finding_count(fx.out), 4);
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(finding_get(finding_at(fx.out, i), "v"),
                            "false lakip.repeats: a key must be a string; "
                            "false lakip.repeats: key_fn used the memo it serves; "
                            "false bad argument #3 to '?' (a key memo (lakip.key_memo) expected); false");
    cleanup(&fx);
}

/* t:columns() is made once per table and shared: the same list on every
 * call, and a new field in it or in a column is refused */
static void test_columns_shared_read_only(void **state)
{
    (void)state;
    fixture fx;
    run_rule_on(&fx, RULE_HEAD
                "check_table = function(ctx, t)\n"
                "  local a, b = t:columns(), t:columns()\n"
                "  ctx:emit('t.x', t, { v = tostring(a == b) .. ' ' .. #a .. ' ' .. a[4].role .. ' ' .. a[4].header })\n"
                "  ctx:emit('t.x', t, { v = tostring(pcall(function() a[1].mine = 1 end)) })\n"
                "  ctx:emit('t.x', t, { v = tostring(pcall(function() a[#a + 1] = {} end)) })\n"
                "  ctx:emit('t.x', t, { v = tostring(pcall(setmetatable, a, nil)) .. ' ' .. #t:columns() })\n"
                "end }\n",
                0, census_report());
    static const char *const want[] = { "true 4 realisasi Realisasi", "false", "false", "false 4" };
    assert_int_equal(finding_count(fx.out), 4);
    for (size_t i = 0; i < 4; i++) assert_string_equal(finding_get(finding_at(fx.out, i), "v"), want[i]);
    cleanup(&fx);
}

/* Tables whose columns say the same share one t:columns() list (every
 * report of a long-form export has one header); a table whose columns
 * differ in any fact the list holds, here only one column's style basis
 * or a header, gets its own */
static report *alike_tables_report(void)
{
    report *rep = report_new(STYLE_AUTO);
    static const char *const row[] = { "1", "A", "5", "6" };
    const enum col_role roles[] = { COL_NO, COL_INDIKATOR, COL_TARGET, COL_REALISASI };
    const enum number_style styles[] = { NUMBER_STYLE_ID, NUMBER_STYLE_ID, NUMBER_STYLE_ID, NUMBER_STYLE_ID };
    for (int k = 0; k < 4; k++) {
        table *t = table_new("k.csv", 1 + 10 * k, NUMBER_STYLE_ID);
        const char *headers[] = { "No", "Indikator", "Target", k == 3 ? "Realisasi 2019" : "Realisasi" };
        table_set_header(t, 1 + 10 * k, 4, headers, roles, NULL);
        const enum style_basis bases[] = { STYLE_BASIS_COLUMN, STYLE_BASIS_COLUMN, STYLE_BASIS_COLUMN,
                                           k == 2 ? STYLE_BASIS_FILE : STYLE_BASIS_COLUMN };
        table_set_column_styles(t, styles, bases);
        table_add_row(t, 2 + 10 * k, ROW_DATA, row, NULL);
        report_add_table(rep, t);
    }
    return rep;
}

static void test_columns_alike_shared(void **state)
{
    (void)state;
    fixture fx;
    run_rule_on(&fx, RULE_HEAD
                "finish = function(ctx, report)\n"
                "  local l = {}\n"
                "  for i, t in report:tables() do l[i] = t:columns() end\n"
                "  ctx:emit('t.x', report:table(1), { v = tostring(l[1] == l[2]) .. ' ' .. tostring(l[1] == l[3])\n"
                "    .. ' ' .. tostring(l[1] == l[4]) .. ' ' .. l[3][4].style_basis .. ' ' .. l[4][4].header\n"
                "    .. ' ' .. l[2][4].style_basis .. ' ' .. l[2][4].header })\n"
                "end }\n",
                0, alike_tables_report());
    const finding *f = only_finding(&fx, "t.x", NULL);
    assert_string_equal(finding_get(f, "v"), "true false false file Realisasi 2019 column Realisasi");
    cleanup(&fx);
}

/* t:row_number_breaks gives t:row_numbers' lists only for a numbering
 * with a step that is neither the next number nor a restart at 1 */
static report *numbered_report(const char *const *nos, size_t n)
{
    report *rep = report_new(STYLE_AUTO);
    table *t = table_new("k.csv", 1, NUMBER_STYLE_ID);
    const char *headers[] = { "No", "Indikator" };
    const enum col_role roles[] = { COL_NO, COL_INDIKATOR };
    table_set_header(t, 1, 2, headers, roles, NULL);
    for (size_t i = 0; i < n; i++) {
        const char *row[] = { nos[i], "A" };
        table_add_row(t, (int)i + 2, ROW_DATA, row, NULL);
    }
    report_add_table(rep, t);
    return rep;
}

static void test_row_number_breaks(void **state)
{
    (void)state;
    static const char *const runs[][7] = {
        { "1", "2", "3", "1", "2", "x", "3" },            /* restarts, a row without a number: nil */
        { "1", "2", "2", "3", "a.", "1", "2" },           /* a repeat */
        { "1", "2", "4", "", "5", "1", "2" },             /* a gap */
        { "2", "3", "4", "9223372036854775807", "1", "2", "3" },   /* the largest number, then a restart */
        { "1", "9223372036854775807", "9223372036854775808", "1", "2", "3", "4" },  /* beyond: not a number */
    };
    static const char *const want[] = {
        "nil", "1,2,2,3,1,2 at 1,2,3,4,6,7", "1,2,4,5,1,2 at 1,2,3,5,6,7", "2,3,4,9223372036854775807,1,2,3 at 1,2,3,4,5,6,7",
        "1,9223372036854775807,1,2,3,4 at 1,2,4,5,6,7",
    };
    for (size_t k = 0; k < sizeof runs / sizeof runs[0]; k++) {
        fixture fx;
        run_rule_on(&fx, RULE_HEAD
                    "check_table = function(ctx, t)\n"
                    "  local nums, at = t:row_number_breaks('no')\n"
                    "  ctx:emit('t.x', t, { v = nums and table.concat(nums, ',') .. ' at ' .. table.concat(at, ',') or 'nil' })\n"
                    "end }\n",
                    0, numbered_report(runs[k], 7));
        const finding *f = only_finding(&fx, "t.x", NULL);
        assert_string_equal(finding_get(f, "v"), want[k]);
        cleanup(&fx);
    }
}

/* t:col(name) by a role's name (role_arg remembers the names it has read
 * by the address of their text, as a hint only): for every role, on a
 * second pass as on the first, the first column of the role that
 * t:columns() lists, or nil; a name that only begins like a role's, or
 * has a NUL after it, is refused after the role's own name was read */
static void test_col_by_role_name(void **state)
{
    (void)state;
    fixture fx;
    run_rule_on(&fx, RULE_HEAD
                "check_table = function(ctx, t)\n"
                "  local roles = { 'no', 'sasaran', 'program', 'indikator', 'satuan', 'target', 'realisasi', 'capaian',\n"
                "    'arah', 'pagu', 'realisasi_anggaran', 'capaian_anggaran', 'kategori', 'keterangan', 'tahun',\n"
                "    'kondisi_awal', 'kondisi_akhir', 'target_akhir', 'capaian_akhir', 'pagu_awal', 'periode', 'jumlah' }\n"
                "  local cols, bad, found = t:columns(), 0, 0\n"
                "  for pass = 1, 3 do\n"
                "    for _, name in ipairs(roles) do\n"
                "      if pass == 3 then name = string.rep(name, 2):sub(1, #name) end\n"
                "      local want\n"
                "      for i = #cols, 1, -1 do if cols[i].role == name then want = i end end\n"
                "      if t:col(name) ~= want then bad = bad + 1 end\n"
                "      if want then found = found + 1 end\n"
                "    end\n"
                "  end\n"
                "  local refused = 0\n"
                "  for _, name in ipairs({ 'target\\0', 'targe', 'targetx', 'Target', '', 'realisasi\\0x' }) do\n"
                "    t:col('target'); t:col('realisasi')\n"
                "    if not pcall(t.col, t, name) then refused = refused + 1 end\n"
                "  end\n"
                "  ctx:emit('t.x', t, { v = bad .. ' ' .. found .. ' ' .. refused })\n"
                "end }\n",
                0, census_report());
    const finding *f = only_finding(&fx, "t.x", NULL);
    assert_string_equal(finding_get(f, "v"), "0 12 6");
    cleanup(&fx);
}

/* report:paragraphs() makes each paragraph once per report: the same
 * table in every loop and every family of the engine, read-only like
 * t:columns(); its fields are the paragraph's, long texts included */
static void test_paragraphs_shared_read_only(void **state)
{
    (void)state;
    fixture fx;
    report *rep = report_new(STYLE_AUTO);
    report_add_paragraph(rep, "a.md", 3, "Capaian indikator ini sebesar 95,5 persen dari target yang ditetapkan.", "BAB III");
    report_add_paragraph(rep, "a.md", 7, "Pendek.", NULL);
    run_rule_on(&fx, RULE_HEAD
                "begin = function(ctx, report)\n"
                "  local first, n = {}, 0\n"
                "  for i, p in report:paragraphs() do first[i] = p; n = n + 1 end\n"
                "  local same, out = 0, {}\n"
                "  for i, p in report:paragraphs() do\n"
                "    if p == first[i] then same = same + 1 end\n"
                "    out[#out + 1] = p.file .. ':' .. p.line .. ':' .. p.index .. ':' .. tostring(p.heading) .. ':' .. #p.text\n"
                "  end\n"
                "  ctx:emit('t.x', {file='f', line=1}, { v = n .. ' ' .. same .. ' ' .. table.concat(out, ' ') })\n"
                "  ctx:emit('t.x', {file='f', line=1}, { v = tostring(pcall(function() first[1].mine = 1 end)) .. ' '\n"
                "    .. tostring(pcall(function() first[2][1] = 'x' end)) .. ' ' .. tostring(pcall(setmetatable, first[1], nil)) })\n"
                "  local step, r, i = report:paragraphs()\n"
                "  local _, p2 = step(r, 1)\n"
                "  ctx:emit('t.x', {file='f', line=1}, { v = tostring(p2 == first[2]) .. ' ' .. select('#', step(r, 2)) })\n"
                "end }\n",
                0, rep);
    static const char *const want[] = { "2 2 a.md:3:1:BAB III:70 a.md:7:2::7", "false false false", "true 0" };
    assert_int_equal(finding_count(fx.out), 3);
    for (size_t i = 0; i < 3; i++) fprintf(stderr, "V%zu %s\n", i, finding_get(finding_at(fx.out, i), "v"));
    for (size_t i = 0; i < 3; i++) assert_string_equal(finding_get(finding_at(fx.out, i), "v"), want[i]);
    cleanup(&fx);
}

/* ctx.options: the settings, read-only, the same in every call */
/* The rules read report years within the settings' one range (year.h). */
static void test_lakip_year_range(void **state)
{
    (void)state;
    fixture fx;
    run_body(&fx, "ctx:emit('t.x', {file='f', line=1}, {v = lakip.year_first .. '-' .. lakip.year_last})");
    char want[32];
    snprintf(want, sizeof want, "%d-%d", YEAR_FIRST, YEAR_LAST);
    assert_string_equal(finding_get(only_finding(&fx, "t.x", NULL), "v"), want);
    cleanup(&fx);
}

/* ctx: a fresh table holding the report (what a rule sets on it stays for
 * that report's calls), its functions, options and family reached through
 * a locked metatable that a rule can neither read nor change. */
static void test_ctx_shared_fields_locked(void **state)
{
    (void)state;
    fixture fx;
    run_rule(&fx, RULE_HEAD
             "begin = function(ctx)\n"
             "  ctx.mine = 'set'\n"
             "  local keys = {}\n"
             "  for k in pairs(ctx) do keys[#keys + 1] = k end\n"
             "  table.sort(keys)\n"
             "  ctx:emit('t.x', { file = 'x', line = 1 }, { v = table.concat(keys, ',') .. ' ' .. tostring(getmetatable(ctx))\n"
             "    .. ' ' .. tostring(rawget(ctx, 'emit')) .. ' ' .. ctx.family .. ' ' .. type(ctx.options) })\n"
             "  ctx:emit('t.x', { file = 'x', line = 2 }, { v = tostring(pcall(setmetatable, ctx, {})) })\n"
             "end,\n"
             "finish = function(ctx) ctx:emit('t.x', { file = 'x', line = 3 }, { v = ctx.mine }) end }\n", 0);
    static const char *const want[] = { "mine,report locked nil t userdata", "false", "set" };
    assert_int_equal(finding_count(fx.out), 3);
    for (size_t i = 0; i < 3; i++) fprintf(stderr, "V%zu %s\n", i, finding_get(finding_at(fx.out, i), "v"));
    for (size_t i = 0; i < 3; i++) assert_string_equal(finding_get(finding_at(fx.out, i), "v"), want[i]);
    cleanup(&fx);
}

static void test_options_read_only(void **state)
{
    (void)state;
    static const script_setting settings[] = { { "lang", "en" }, { "rounding", "half_up" } };
    next_settings = settings;
    next_nsettings = 2;
    fixture fx;
    run_rule(&fx, RULE_HEAD
             "begin = function(ctx)\n"
             "  local n = 0\n"
             "  for k, v in pairs(ctx.options) do n = n + 1 end\n"
             "  ctx:emit('t.x', { file = 'x', line = 1 }, { v = ctx.options.lang .. ' ' .. n .. ' ' .. tostring(ctx.options.colour) })\n"
             "  ctx:emit('t.x', { file = 'x', line = 2 }, { v = tostring(pcall(function() ctx.options.lang = 'id' end)) })\n"
             "  ctx:emit('t.x', { file = 'x', line = 3 }, { v = tostring(pcall(rawset, ctx.options, 'lang', 'id')) })\n"
             "end,\n"
             "finish = function(ctx) ctx:emit('t.x', { file = 'x', line = 4 }, { v = ctx.options.lang }) end }\n", 0);
    static const char *const want[] = { "en 2 nil", "false", "false", "en" };
    assert_int_equal(finding_count(fx.out), 4);
    for (size_t i = 0; i < 4; i++) assert_string_equal(finding_get(finding_at(fx.out, i), "v"), want[i]);
    cleanup(&fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_emit_renders_decimal_fields),
        cmocka_unit_test(test_emit_many_fields),
        cmocka_unit_test(test_paragraphs_shared_read_only),
        cmocka_unit_test(test_id_outside_family),
        cmocka_unit_test(test_embedded_bytecode_falls_back_to_source),
        cmocka_unit_test(test_unknown_placeholder),
        cmocka_unit_test(test_lib_is_strict),
        cmocka_unit_test(test_lib_shared_between_files),
        cmocka_unit_test(test_decimal_rounding_modes),
        cmocka_unit_test(test_lakip_year_range),
        cmocka_unit_test(test_lakip_normalize_is_the_lua_one),
        cmocka_unit_test(test_lakip_indicator_key_is_the_lua_one),
        cmocka_unit_test(test_lakip_find_any_and_digit),
        cmocka_unit_test(test_lakip_terms_is_the_list),
        cmocka_unit_test(test_string_lower_memo),
        cmocka_unit_test(test_lakip_loose_words_is_the_lua_one),
        cmocka_unit_test(test_lakip_lex_is_the_lua_one),
        cmocka_unit_test(test_lakip_quantity_count_is_the_lua_one),
        cmocka_unit_test(test_lakip_sentences_is_the_lua_one),
        cmocka_unit_test(test_lakip_name_words_is_the_lua_one),
        cmocka_unit_test(test_decimal_refuses_floats),
        cmocka_unit_test(test_removed_globals),
        cmocka_unit_test(test_global_assignment_refused),
        cmocka_unit_test(test_string_metatable_locked),
        cmocka_unit_test(test_runaway_rule_is_stopped),
        cmocka_unit_test(test_runaway_rule_is_stopped_with_default_budgets),
        cmocka_unit_test(test_pcall_cannot_swallow_the_kill),
        cmocka_unit_test(test_memory_cap),
        cmocka_unit_test(test_bytecode_refused),
        cmocka_unit_test(test_syntax_error_names_file_and_line),
        cmocka_unit_test(test_unknown_declaration_key),
        cmocka_unit_test(test_needs_skip_and_call),
        cmocka_unit_test(test_needs_refused),
        cmocka_unit_test(test_lakip_marked_paragraphs_is_find_any),
        cmocka_unit_test(test_bad_severity),
        cmocka_unit_test(test_emit_undeclared_id),
        cmocka_unit_test(test_findings_before_error_are_kept),
        cmocka_unit_test(test_coverage_counts),
        cmocka_unit_test(test_note_is_not_a_finding),
        cmocka_unit_test(test_emit_places),
        cmocka_unit_test(test_declared_row_checks),
        cmocka_unit_test(test_declared_row_checks_refused),
        cmocka_unit_test(test_deferred_row_checks),
        cmocka_unit_test(test_row_checks_by_label),
        cmocka_unit_test(test_declared_row_filters),
        cmocka_unit_test(test_declared_row_filter_above),
        cmocka_unit_test(test_table_censuses),
        cmocka_unit_test(test_table_labels),
        cmocka_unit_test(test_lakip_repeats_is_the_lua_loop),
        cmocka_unit_test(test_census_fns_are_the_censuses),
        cmocka_unit_test(test_lakip_repeats_refuses),
        cmocka_unit_test(test_value_columns_is_the_lua_loop),
        cmocka_unit_test(test_lakip_formula_matches_is_the_lua_one),
        cmocka_unit_test(test_lakip_rounded_reach_is_the_lua_one),
        cmocka_unit_test(test_lakip_shifted_and_exact_text_are_the_lua_ones),
        cmocka_unit_test(test_lakip_diagnose_is_the_lua_one),
        cmocka_unit_test(test_lakip_row_measure_is_row_cell),
        cmocka_unit_test(test_columns_shared_read_only),
        cmocka_unit_test(test_columns_alike_shared),
        cmocka_unit_test(test_row_number_breaks),
        cmocka_unit_test(test_col_by_role_name),
        cmocka_unit_test(test_ctx_shared_fields_locked),
        cmocka_unit_test(test_options_read_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
