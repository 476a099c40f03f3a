/*
 * census_fns.c — questions a rule asks of every table before it scans it,
 * answered in C without a Lua table of counts, and as soon as the answer
 * is known:
 *   lakip.cell_census{ roles =, kind =, count = } -> a census (made once
 *     per rule file) and lakip.count_cells(t, census [, enough]): how many
 *     cells have one of the facts t:summary counts (angka: "any invalid,
 *     malformed or unsettled value?", penomoran: "two percent values?");
 *   lakip.plain_numbers(t, kind, col...): whether each of those cells
 *     reads (row:value) as a number or as nothing (batas);
 *   lakip.count_rows(t, kind [, enough]): t:row_kinds()'s count of one
 *     kind (jumlah: "a total row?");
 *   lakip.rows_empty and lakip.rows_above: the rows with an empty cell,
 *     and with a number above a limit (and a label holding a word), that
 *     penomoran reports on, found over the table at once instead of by
 *     the engine's row loop testing its rows.only conditions row by row;
 *   lakip.table_heads(t): how many title and metadata rows, the
 *     caption's line and the column-number row's (tahun: anything above
 *     the header to read? penomoran: column numbers?); lakip.note_count:
 *     how many notes a report has (rumus);
 *   lakip.marked_paragraphs(report, terms): the paragraphs whose text,
 *     lower-cased, holds one of the terms (lib.polarity's evidence and
 *     lib.formula's declared formula: a paragraph without a statement's
 *     word or a formula's sign is skipped there).
 * On a long-form export of many small reports, t:summary and
 * t:value_types were most of what angka, penomoran and batas cost per
 * report: the role list read from its Lua strings at every call, a Lua
 * table of fifteen counts made (and collected) for the one or three the
 * rule looks at, and every cell looked at when the first one settles it.
 * The facts are t:summary's, cell for cell (tests/unit/test_script.c
 * compares the two).
 */
#include <emmintrin.h>
#include <stdint.h>
#include <string.h>

#include "engine/internal.h"
#include "model/value.h"

/* A census is a Lua integer: the roles' bits, the row kind + 1 (0: every
 * row), the facts' bits; an integer costs nothing to keep or pass. */
enum { ROLE_BITS = 32, KIND_SHIFT = 32, FACT_SHIFT = 36 };
_Static_assert((int)COL_ROLE_COUNT <= (int)ROLE_BITS, "a census keeps a role in a bit of 32");

/* The facts, as t:summary names them: the cell kinds (row:cell(col).kind),
 * then the flags of value cells, filled and cells. */
enum {
    F_EMPTY, F_MISSING, F_VALUE, F_TEXT, F_INVALID,       /* = enum number_kind */
    F_PERCENT, F_AMBIGUOUS, F_MALFORMED, F_CURRENCY, F_SCIENTIFIC, F_UNIT, F_UNSETTLED,
    F_FILLED, F_CELLS, F_COUNT
};
_Static_assert((int)NUMBER_EMPTY == 0 && (int)NUMBER_INVALID == (int)F_INVALID, "the cell kinds come first, in their order");

static const char *const fact_names[F_COUNT] = {
    "empty", "missing", "value", "text", "invalid",
    "percent", "ambiguous", "malformed", "currency", "scientific", "unit", "unsettled",
    "filled", "cells",
};

/* The names in the list at field `key` of the table at idx, as bits:
 * name_of(i) for i < count are the names; an unknown one raises. */
static lua_Integer read_bits(lua_State *L, int idx, const char *key, int count, const char *(*name_of)(int),
                             int required)
{
    lua_Integer bits = 0;
    int type = lua_getfield(L, idx, key);
    if (type == LUA_TNIL && !required) {
        lua_pop(L, 1);
        return 0;
    }
    if (type != LUA_TTABLE) luaL_error(L, "lakip.cell_census: '%s' must be a list of names", key);
    lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
    if (n == 0) luaL_error(L, "lakip.cell_census: '%s' is empty", key);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, i);
        const char *name = lua_tostring(L, -1);
        int found = -1;
        for (int k = 0; name && k < count && found < 0; k++) {
            const char *known = name_of(k);
            if (known && strcmp(known, name) == 0) found = k;
        }
        if (found < 0) luaL_error(L, "lakip.cell_census: no %s '%s'", key, name ? name : "?");
        bits |= (lua_Integer)1 << found;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return bits;
}

static const char *role_name_of(int k)
{
    return k == COL_NONE ? NULL : col_role_name((enum col_role)k);
}

static const char *fact_name_of(int k)
{
    return fact_names[k];
}

/* lakip.cell_census{ roles = {ROLE, ...}, kind = "data" | "group" | "total"
 * | nil, count = {FACT, ...} } -> a census for lakip.count_cells: the
 * cells of every column of those roles (as t:summary's list of role
 * names), in rows of that kind (every row when nil), that have one of the
 * facts (t:summary's names). */
static int f_cell_census(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer roles = read_bits(L, 1, "roles", COL_ROLE_COUNT, role_name_of, 1);
    lua_Integer facts = read_bits(L, 1, "count", F_COUNT, fact_name_of, 1);
    lua_Integer kind = 0;
    if (lua_getfield(L, 1, "kind") != LUA_TNIL) {
        const char *name = luaL_checkstring(L, -1);
        for (int k = ROW_DATA; k <= ROW_TOTAL && !kind; k++)
            if (strcmp(name, row_kind_name((enum row_kind)k)) == 0) kind = k + 1;
        if (!kind) luaL_error(L, "lakip.cell_census: unknown row kind '%s'", name);
    }
    lua_pushinteger(L, roles | kind << KIND_SHIFT | facts << FACT_SHIFT);
    return 1;
}

#define CENSUS_MAX_COLS 64

/* The censuses that read every row are built with `flatten`: the table's
 * accessors (table_row_kind, table_row_cells: a few instructions each)
 * inlined into their row loops, where the calls were a fifth of a row's
 * cost (callgrind, 20k-row file: -0.8 M for the four). */

/* lakip.count_cells(t, census [, enough]) -> how many cells of the census
 * (lakip.cell_census) have at least one of its facts, counted up to
 * `enough` (no limit when absent): the rows are read in order and the
 * count stops there. A cell with two of the facts counts once, so with a
 * single fact the count is t:summary's (its columns as the same role
 * list), with several it is 0 exactly when each of t:summary's is. */
__attribute__((flatten)) static int f_count_cells(lua_State *L)
{
    const table *t = ((table_view *)check_class(L, 1, CLASS_TABLE, TABLE_MT))->t;
    lua_Integer census = luaL_checkinteger(L, 2);
    lua_Integer enough = luaL_optinteger(L, 3, LUA_MAXINTEGER);
    luaL_argcheck(L, census >= 0 && (census >> FACT_SHIFT) < ((lua_Integer)1 << F_COUNT)
                     && ((census >> KIND_SHIFT) & 15) <= ROW_TOTAL + 1, 2, "a census (lakip.cell_census) expected");
    luaL_argcheck(L, enough >= 1, 3, "at least 1");
    uint32_t roles = (uint32_t)(census & 0xffffffffu);
    int kind = (int)((census >> KIND_SHIFT) & 15) - 1;
    unsigned facts = (unsigned)(census >> FACT_SHIFT);
    /* what a cell is tested for, worked out once: the kinds as bits of
     * its kind, the flags of a value cell as bits of its flags per column
     * (unsettled: ambiguous in a column whose style rests on the file's
     * convention alone), so that most cells cost two tests */
    unsigned kinds = facts & ((1u << (F_INVALID + 1)) - 1);
    unsigned flags = ((facts & (1u << F_PERCENT)) ? NUMBER_PERCENT : 0)
                   | ((facts & (1u << F_AMBIGUOUS)) ? NUMBER_AMBIGUOUS : 0)
                   | ((facts & (1u << F_MALFORMED)) ? NUMBER_MALFORMED : 0)
                   | ((facts & (1u << F_CURRENCY)) ? NUMBER_CURRENCY : 0)
                   | ((facts & (1u << F_SCIENTIFIC)) ? NUMBER_SCIENTIFIC : 0);
    int unit = (facts & (1u << F_UNIT)) != 0, filled = (facts & (1u << F_FILLED)) != 0;
    /* the columns once, not a role test per cell */
    size_t ncols = table_column_count(t), nrows = table_row_count(t);
    int cols[CENSUS_MAX_COLS], n = 0;
    unsigned col_flags[CENSUS_MAX_COLS];
    for (size_t c = 0; c < ncols; c++) {
        if (!(roles & (1u << table_column_role(t, c)))) continue;
        if (n == CENSUS_MAX_COLS) return luaL_error(L, "lakip.count_cells: more than %d columns", CENSUS_MAX_COLS);
        cols[n] = (int)c;
        col_flags[n++] = flags | ((facts & (1u << F_UNSETTLED)) && table_column_style_basis(t, c) == STYLE_BASIS_FILE
                                  ? NUMBER_AMBIGUOUS : 0);
    }
    charge(L, (long long)n * (long long)nrows + 1);     /* the cells it may look at, as t:summary */
    lua_Integer count = 0;
    if (n && (facts & (1u << F_CELLS))) {
        /* every cell counts: the rows of the kind times the columns */
        for (size_t r = 0; r < nrows && count < enough; r++)
            if (kind < 0 || (int)table_row_kind(t, r) == kind) count += n;
        lua_pushinteger(L, count < enough ? count : enough);
        return 1;
    }
    for (size_t r = 0; n && r < nrows; r++) {
        if (kind >= 0 && (int)table_row_kind(t, r) != kind) continue;
        const cell *row = table_row_cells(t, r);
        for (int k = 0; k < n; k++) {
            const cell *x = &row[cols[k]];
            unsigned nk = x->num.kind;
            if (((kinds >> nk) & 1)
                || (nk == NUMBER_VALUE && ((x->num.flags & col_flags[k]) || (unit && x->num.unit[0])))
                || (filled && x->filled)) {
                if (++count >= enough) goto counted;
            }
        }
    }
counted:
    lua_pushinteger(L, count);
    return 1;
}

/* value_plain_number_text(text, strlen(text)) for a text shorter than
 * PLAIN_SHORT bytes, in the one pass that also finds its end; 0 for a
 * longer one (the caller then asks value.c). Most cells are short
 * numbers ("229.056,0"): measuring each and then reading it again in
 * another file's function was most of what a table cost. */
#define PLAIN_SHORT 64          /* below value.c's limit (MATCH_MAX - 2) */

/* the bytes of a plain number: 1 a digit, 2 ". , % " and blank, 3 "-"
 * (first only), 4 the end; 0 any other */
static const unsigned char plain_byte[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
    ['.'] = 2, [','] = 2, ['%'] = 2, [' '] = 2, ['-'] = 3, [0] = 4,
};

static int short_plain_number(const char *s)
{
    unsigned char c = plain_byte[(unsigned char)s[0]];
    int digit = c == 1;
    if (c == 0 || c == 4) return 0;
    for (size_t i = 1; i < PLAIN_SHORT; i++) {
        c = plain_byte[(unsigned char)s[i]];
        if (c == 1) digit = 1;
        else if (c == 4) return digit;
        else if (c != 2) return 0;          /* another byte, or a "-" after the first */
    }
    return 0;
}

/* lakip.plain_numbers(t, kind, col, ...) -> whether every cell of those
 * columns (1-based indexes; nil and absent ones are left out, a column
 * given twice is read once) in rows of that kind (nil: every row) reads
 * as row:value reads it as a number or as nothing: t:value_types's
 * number + empty == cells, false at the first cell that is neither. */
__attribute__((flatten)) static int f_plain_numbers(lua_State *L)
{
    const table *t = ((table_view *)check_class(L, 1, CLASS_TABLE, TABLE_MT))->t;
    int kind = -1;
    if (!lua_isnoneornil(L, 2)) {
        const char *name = luaL_checkstring(L, 2);
        for (int k = ROW_DATA; k <= ROW_TOTAL && kind < 0; k++)
            if (strcmp(name, row_kind_name((enum row_kind)k)) == 0) kind = k;
        if (kind < 0) return luaL_error(L, "unknown row kind '%s'", name);
    }
    size_t ncols = table_column_count(t), nrows = table_row_count(t);
    int cols[CENSUS_MAX_COLS], n = 0, top = lua_gettop(L);
    for (int i = 3; i <= top; i++) {
        if (lua_isnil(L, i)) continue;
        lua_Integer c = luaL_checkinteger(L, i);
        if (c < 1 || (size_t)c > ncols) continue;
        int dup = 0;
        for (int k = 0; k < n; k++) dup |= cols[k] == (int)c - 1;
        if (dup) continue;
        if (n == CENSUS_MAX_COLS) return luaL_error(L, "lakip.plain_numbers: more than %d columns", CENSUS_MAX_COLS);
        cols[n++] = (int)c - 1;
    }
    charge(L, (long long)n * (long long)nrows + 1);
    for (size_t r = 0; r < nrows; r++) {
        if (kind >= 0 && (int)table_row_kind(t, r) != kind) continue;
        const cell *row = table_row_cells(t, r);
        for (int k = 0; k < n; k++) {
            const cell *x = &row[cols[k]];
            if (x->num.kind == NUMBER_VALUE && short_plain_number(x->text)) continue;
            size_t len = strlen(x->text);
            /* as t:value_types: a cell read as a number at load whose text
             * can only be a plain number is one without reading it again */
            if (x->num.kind == NUMBER_VALUE && value_plain_number_text(x->text, len)) continue;
            typed_value tv;
            value_parse(x->text, len, table_column_number_style(t, (size_t)cols[k]), &tv);
            if (tv.kind != VALUE_NUMBER && tv.kind != VALUE_EMPTY) {
                lua_pushboolean(L, 0);
                return 1;
            }
        }
    }
    lua_pushboolean(L, 1);
    return 1;
}

/* lakip.count_rows(t, kind [, enough]) -> how many rows of t are of that
 * kind ("data", "group", "total"), counted up to `enough` (no limit when
 * absent): t:row_kinds()[kind] without a table of the three counts
 * (jumlah asks every table whether it has a total row). */
static int f_count_rows(lua_State *L)
{
    const table *t = ((table_view *)check_class(L, 1, CLASS_TABLE, TABLE_MT))->t;
    const char *name = luaL_checkstring(L, 2);
    int kind = -1;
    for (int k = ROW_DATA; k <= ROW_TOTAL && kind < 0; k++)
        if (strcmp(name, row_kind_name((enum row_kind)k)) == 0) kind = k;
    if (kind < 0) return luaL_error(L, "unknown row kind '%s'", name);
    lua_Integer enough = luaL_optinteger(L, 3, LUA_MAXINTEGER);
    luaL_argcheck(L, enough >= 1, 3, "at least 1");
    size_t nrows = table_row_count(t);
    charge(L, (long long)nrows + 1);                    /* as t:row_kinds */
    lua_Integer count = 0;
    for (size_t r = 0; r < nrows && count < enough; r++)
        if ((int)table_row_kind(t, r) == kind) count++;
    lua_pushinteger(L, count);
    return 1;
}

/* The row kind named by the argument at idx: -1 (every row) when nil. */
static int kind_of_arg(lua_State *L, int idx)
{
    if (lua_isnoneornil(L, idx)) return -1;
    const char *name = luaL_checkstring(L, idx);
    for (int k = ROW_DATA; k <= ROW_TOTAL; k++)
        if (strcmp(name, row_kind_name((enum row_kind)k)) == 0) return k;
    return luaL_error(L, "unknown row kind '%s'", name);
}

/* The column at idx (a 1-based index), -1 when nil or not the table's. */
static int index_arg(lua_State *L, const table *t, int idx)
{
    if (lua_isnoneornil(L, idx)) return -1;
    lua_Integer c = luaL_checkinteger(L, idx);
    return c >= 1 && (size_t)c <= table_column_count(t) ? (int)c - 1 : -1;
}

/* lakip.rows_empty(t, kind, col, ...) -> { i, ... }: the rows (1-based,
 * in order) of that kind (nil: every row) whose cell in at least one of
 * the columns (indexes; nil and absent ones left out) is empty (its text
 * ""): what a rule reports of a row without a figure, found without a
 * row view per row (penomoran.empty). */
__attribute__((flatten)) static int f_rows_empty(lua_State *L)
{
    const table *t = ((table_view *)check_class(L, 1, CLASS_TABLE, TABLE_MT))->t;
    int kind = kind_of_arg(L, 2);
    int cols[CENSUS_MAX_COLS], n = 0, top = lua_gettop(L);
    for (int i = 3; i <= top; i++) {
        int c = index_arg(L, t, i);
        if (c < 0) continue;
        if (n == CENSUS_MAX_COLS) return luaL_error(L, "lakip.rows_empty: more than %d columns", CENSUS_MAX_COLS);
        cols[n++] = c;
    }
    size_t nrows = table_row_count(t);
    charge(L, (long long)n * (long long)nrows + 1);
    lua_settop(L, 1);
    lua_newtable(L);
    lua_Integer found = 0;
    for (size_t r = 0; n && r < nrows; r++) {
        if (kind >= 0 && (int)table_row_kind(t, r) != kind) continue;
        const cell *row = table_row_cells(t, r);
        for (int k = 0; k < n; k++)
            if (row[cols[k]].text[0] == '\0') {
                lua_pushinteger(L, (lua_Integer)r + 1);
                lua_rawseti(L, -2, ++found);
                break;
            }
    }
    return 1;
}

#define LABEL_MAX_WORDS 8

/* Whether the word (lower case) starts at s, the letters of s compared in
 * either case (A-Z as a-z, as row_filter.c's label_has). */
static int word_at(const char *s, const char *word)
{
    for (size_t k = 0; word[k]; k++) {
        char c = s[k];
        if ((c >= 'A' && c <= 'Z' ? (char)(c + 32) : c) != word[k]) return 0;
    }
    return 1;
}

/* Whether label s has one of the words (lower case, none empty), its
 * ASCII letters compared in either case. A word can start only where a
 * byte, with bit 0x20 set, is its first byte with that bit set (A-Z and
 * a-z differ by it alone; other bytes found so are tried and fail): those
 * places are found sixteen bytes at a time, and the words tried only
 * there. A row's label is read for most rows of a table. */
static int label_has_word(const char *s, const char *const *words, int nwords, const __m128i *first, int nfirst)
{
    size_t n = strlen(s);
    const __m128i bit = _mm_set1_epi8(0x20);
    for (size_t i = 0; i < n; i += 16) {
        /* the last bytes (fewer than sixteen) from a copy padded with
         * zeros, which match no word's first byte: no read past the text */
        char tail[16];
        const char *from = s + i;
        if (n - i < 16) {
            memset(tail, 0, sizeof tail);
            memcpy(tail, s + i, n - i);
            from = tail;
        }
        __m128i v = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)from), bit);
        unsigned hit = 0;
        for (int f = 0; f < nfirst; f++) hit |= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, first[f]));
        while (hit) {
            const char *at = s + i + __builtin_ctz(hit);
            hit &= hit - 1;
            for (int w = 0; w < nwords; w++)
                if (word_at(at, words[w])) return 1;
        }
    }
    return 0;
}

/* The words of lakip.rows_above by their first byte, their last byte and
 * the distance between the two (a group each; penomoran's persen, prosen
 * and presen are one), as bytes with bit 0x20 set (label_has_word). */
typedef struct {
    __m128i first, last;
    int dist;                   /* the word's length - 1 */
} word_group;

/* Labels up to this long are read by label_has_pair from a padded copy. */
#define LABEL_COPY_MAX 240

/* label_has_word for a label of n bytes (n <= LABEL_COPY_MAX): a word can
 * start only where a byte is its first byte and the byte at its length
 * - 1 further is its last (both with bit 0x20 set), found for each group
 * sixteen places at a time in a copy padded with zeros, which the words'
 * bytes are not: a place past the label is never tried. Where the first
 * byte alone was looked for (a "p" for penomoran's words), most labels of
 * a long-form table had a place to try and were read there for each word;
 * a realisasi above 100 sends every count's label here. */
static int label_has_pair(const char *s, size_t n, const char *const *words, int nwords, const word_group *g,
                          int ngroups)
{
    char buf[LABEL_COPY_MAX + 48];                      /* the last place read: n - 1 + 31 + 15 */
    memcpy(buf, s, n);
    memset(buf + n, 0, 48);
    const __m128i bit = _mm_set1_epi8(0x20);
    for (size_t i = 0; i < n; i += 16) {
        __m128i v = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(buf + i)), bit);
        unsigned hit = 0;
        for (int k = 0; k < ngroups; k++) {
            __m128i w = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(buf + i + g[k].dist)), bit);
            hit |= (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(v, g[k].first), _mm_cmpeq_epi8(w, g[k].last)));
        }
        if (n - i < 16) hit &= (1u << (n - i)) - 1;        /* places in the label only */
        while (hit) {
            const char *at = s + i + __builtin_ctz(hit);
            hit &= hit - 1;
            for (int w = 0; w < nwords; w++)
                if (word_at(at, words[w])) return 1;
        }
    }
    return 0;
}

/* v > limit (an integer), as decimal_cmp(v, limit) > 0: the limit at v's
 * scale when that fits in 64 bits (a value is written with a decimal or
 * two), else decimal_cmp. */
static int above_int(decimal v, int64_t limit, decimal limit_dec)
{
    static const int64_t pow10[] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000 };
    int64_t scaled;
    if (v.scale >= 0 && v.scale < (int)(sizeof pow10 / sizeof pow10[0])
        && !__builtin_mul_overflow(limit, pow10[v.scale], &scaled))
        return v.coef > scaled;
    return decimal_cmp(v, limit_dec) > 0;
}

/* lakip.rows_above(t, kind, col, limit [, word, ...]) -> { i, ... }: the
 * rows (1-based, in order) of that kind (nil: every row) whose cell in
 * column col (an index; none when nil or absent) holds a number (kind
 * "value") greater than the integer limit, compared as exact decimals,
 * and, when words are given (lower case), whose row.label (the first
 * cell with text of the indikator, program and sasaran columns) holds one
 * of them, its ASCII letters in either case: penomoran's "Persentase …"
 * realised above 100, found without a row view per row. */
__attribute__((flatten)) static int f_rows_above(lua_State *L)
{
    const table *t = ((table_view *)check_class(L, 1, CLASS_TABLE, TABLE_MT))->t;
    int kind = kind_of_arg(L, 2);
    int col = index_arg(L, t, 3);
    lua_Integer limit = luaL_checkinteger(L, 4);
    decimal limit_dec = decimal_from_int(limit);
    const char *words[LABEL_MAX_WORDS];
    __m128i first[LABEL_MAX_WORDS];
    word_group groups[LABEL_MAX_WORDS];
    int nwords = 0, nfirst = 0, ngroups = 0, top = lua_gettop(L);
    if (top - 4 > LABEL_MAX_WORDS) return luaL_error(L, "lakip.rows_above: at most %d words", LABEL_MAX_WORDS);
    for (int i = 5; i <= top; i++) {
        const char *w = luaL_checkstring(L, i);
        luaL_argcheck(L, w[0] != '\0', i, "an empty word");
        for (const char *c = w; *c; c++) luaL_argcheck(L, !(*c >= 'A' && *c <= 'Z'), i, "a word in lower case");
        words[nwords++] = w;
        int seen = 0;
        for (int f = 0; f < nfirst; f++)
            seen |= _mm_movemask_epi8(_mm_cmpeq_epi8(first[f], _mm_set1_epi8((char)(w[0] | 0x20)))) != 0;
        if (!seen) first[nfirst++] = _mm_set1_epi8((char)(w[0] | 0x20));
        int dist = (int)strlen(w) - 1, grouped = 0;
        char f = (char)(w[0] | 0x20), l = (char)(w[dist] | 0x20);
        for (int k = 0; k < ngroups && !grouped; k++)
            grouped = groups[k].dist == dist && _mm_movemask_epi8(_mm_cmpeq_epi8(groups[k].first, _mm_set1_epi8(f))) != 0
                      && _mm_movemask_epi8(_mm_cmpeq_epi8(groups[k].last, _mm_set1_epi8(l))) != 0;
        /* (a word longer than 32 bytes is looked for by its first byte alone: dist 0) */
        if (!grouped) groups[ngroups++] = (word_group){ _mm_set1_epi8(f), _mm_set1_epi8(dist < 32 ? l : f),
                                                       dist < 32 ? dist : 0 };
    }
    /* row.label's columns, in its order (views.c row_label) */
    static const enum col_role label_roles[3] = { COL_INDIKATOR, COL_PROGRAM, COL_SASARAN };
    int label[3];
    for (int k = 0; k < 3; k++) label[k] = table_find_role(t, label_roles[k]);
    size_t nrows = table_row_count(t);
    charge(L, (long long)nrows + 1);
    lua_settop(L, 1);
    lua_newtable(L);
    lua_Integer found = 0;
    for (size_t r = 0; col >= 0 && r < nrows; r++) {
        if (kind >= 0 && (int)table_row_kind(t, r) != kind) continue;
        const cell *row = table_row_cells(t, r);
        const cell_number *num = &row[col].num;
        if (num->kind != NUMBER_VALUE || !above_int(num->value, limit, limit_dec)) continue;
        if (nwords) {
            const char *text = NULL;
            for (int k = 0; k < 3 && !text; k++)
                if (label[k] >= 0 && row[label[k]].text[0]) text = row[label[k]].text;
            if (!text) continue;
            size_t len = strlen(text);
            if (!(len <= LABEL_COPY_MAX ? label_has_pair(text, len, words, nwords, groups, ngroups)
                                        : label_has_word(text, words, nwords, first, nfirst)))
                continue;
        }
        lua_pushinteger(L, (lua_Integer)r + 1);
        lua_rawseti(L, -2, ++found);
    }
    return 1;
}

/* lakip.table_heads(t) -> titles, meta, caption_line, colnum_line: how
 * many title rows and key/value rows the table has above its header
 * (#t:titles(), #t:meta()), t.caption_line (0: the caption is not from
 * the source) and t:colnum_line() (nil: no column-number row), without
 * the lists and in one call: tahun reads every table's titles and
 * metadata for years, penomoran its column numbers, and most tables
 * (every report of a long-form export) have none. */
static int f_table_heads(lua_State *L)
{
    const table *t = ((table_view *)check_class(L, 1, CLASS_TABLE, TABLE_MT))->t;
    lua_pushinteger(L, (lua_Integer)table_title_count(t));
    lua_pushinteger(L, (lua_Integer)table_meta_count(t));
    lua_pushinteger(L, table_caption_line(t));
    if (table_has_colnum_row(t)) lua_pushinteger(L, table_colnum_line(t));
    else lua_pushnil(L);
    return 4;
}

/* lakip.note_count(report) -> #report:notes(), without the list: rumus
 * reads a report's notes (unread formulas, hidden sheets) in finish, and
 * most reports have none. */
static int f_note_count(lua_State *L)
{
    const report *r = ((report_view *)check_class(L, 1, CLASS_REPORT, REPORT_MT))->r;
    lua_pushinteger(L, (lua_Integer)report_note_count(r));
    return 1;
}

/* Terms looked for in a text in ASCII lower case (string.lower in the C
 * locale), each by the byte of it that is rarest in Indonesian prose (its
 * anchor, in either case): sixteen bytes of the text at a time are
 * compared with every anchor (SSE2), and a term is compared whole only
 * where its anchor is. */
enum { MAX_TERMS = 32, MAX_WANT = 16 };

typedef struct {
    const unsigned char *term[MAX_TERMS];
    size_t len[MAX_TERMS], at[MAX_TERMS];   /* length, anchor's offset */
    uint32_t by_anchor[256];                /* bit i: term i's anchor is this byte (either case) */
    unsigned char want[MAX_WANT];
    int nwant;                              /* -1: too many anchors: every byte is tried */
} term_scan;

static unsigned fold(unsigned c)
{
    return c >= 'A' && c <= 'Z' ? c + 32u : c;
}

/* How common a byte is in Indonesian text: letters from the most to the
 * least common; anything else is rare. */
static int commonness(unsigned c)
{
    static const char order[] = "aniekutrsmdglpbhyojcwfvzxq";
    const char *at = c ? strchr(order, (int)c) : NULL;
    return at ? (int)(sizeof order - 1) - (int)(at - order) : 0;
}

static void add_want(term_scan *ts, unsigned c)
{
    if (ts->nwant < 0) return;
    for (int i = 0; i < ts->nwant; i++)
        if (ts->want[i] == c) return;
    if (ts->nwant == MAX_WANT) ts->nwant = -1;
    else ts->want[ts->nwant++] = (unsigned char)c;
}

/* Adds term i (non-empty). A term with an ASCII capital never matches a
 * lower-cased text, and is left out. */
static void add_term(term_scan *ts, int i, const unsigned char *t, size_t n)
{
    size_t best = 0;
    for (size_t q = 0; q < n; q++) {
        if (t[q] >= 'A' && t[q] <= 'Z') return;
        if (commonness(t[q]) < commonness(t[best])) best = q;
    }
    ts->term[i] = t;
    ts->len[i] = n;
    ts->at[i] = best;
    unsigned c = t[best];
    ts->by_anchor[c] |= 1u << i;
    add_want(ts, c);
    if (c >= 'a' && c <= 'z') {
        ts->by_anchor[c - 32] |= 1u << i;
        add_want(ts, c - 32);
    }
}

/* Whether a term of ts is at s[p] (an anchor's byte) in s of n bytes. */
static int term_at(const term_scan *ts, const unsigned char *s, size_t n, size_t p)
{
    for (uint32_t m = ts->by_anchor[s[p]]; m; m &= m - 1) {
        int i = __builtin_ctz(m);
        if (p < ts->at[i] || n - (p - ts->at[i]) < ts->len[i]) continue;
        const unsigned char *x = s + (p - ts->at[i]), *t = ts->term[i];
        size_t q = 0;
        while (q < ts->len[i] && fold(x[q]) == t[q]) q++;
        if (q == ts->len[i]) return 1;
    }
    return 0;
}

/* Whether s (n bytes), in ASCII lower case, holds a term of ts. */
static int holds_term(const term_scan *ts, const unsigned char *s, size_t n)
{
    size_t p = 0;
    if (ts->nwant > 0) {
        __m128i want[MAX_WANT];
        for (int i = 0; i < ts->nwant; i++) want[i] = _mm_set1_epi8((char)ts->want[i]);
        for (; p + 16 <= n; p += 16) {
            __m128i b = _mm_loadu_si128((const __m128i *)(s + p));
            __m128i hit = _mm_cmpeq_epi8(b, want[0]);
            for (int i = 1; i < ts->nwant; i++) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(b, want[i]));
            for (unsigned m = (unsigned)_mm_movemask_epi8(hit); m; m &= m - 1)
                if (term_at(ts, s, n, p + (size_t)__builtin_ctz(m))) return 1;
        }
    } else if (ts->nwant == 0) {
        return 0;                                   /* no term can match */
    }
    for (; p < n; p++)
        if (ts->by_anchor[s[p]] && term_at(ts, s, n, p)) return 1;
    return 0;
}

/* lakip.marked_paragraphs(report, terms) -> { {file =, line =, text =,
 * heading =, index =}, ... }, or nil when there are none: the report's
 * paragraphs, in order, whose text in ASCII lower case holds one of
 * `terms` (a list of up to 32 non-empty strings), as
 * `lakip.find_any(string.lower(p.text), set)` would find one; each with
 * report:paragraphs()'s fields (a copy). Most paragraphs hold none: they
 * are passed over here, without a Lua table, a lower-cased copy and a
 * search for each; a report of a long-form file has no paragraphs, and
 * gets nil at once. */
static int f_marked_paragraphs(lua_State *L)
{
    const report *r = ((report_view *)check_class(L, 1, CLASS_REPORT, REPORT_MT))->r;
    luaL_checktype(L, 2, LUA_TTABLE);
    size_t np = report_paragraph_count(r), bytes = 0;
    if (np == 0) {
        lua_pushnil(L);
        return 1;
    }
    term_scan ts;
    memset(&ts, 0, sizeof ts);
    lua_Integer n = (lua_Integer)lua_rawlen(L, 2);
    if (n > MAX_TERMS) return luaL_argerror(L, 2, "at most 32 terms");
    for (lua_Integer i = 0; i < n; i++) {
        size_t len;
        lua_rawgeti(L, 2, i + 1);                   /* (the list keeps the string) */
        if (lua_type(L, -1) != LUA_TSTRING) return luaL_argerror(L, 2, "terms must be strings");
        const unsigned char *t = (const unsigned char *)lua_tolstring(L, -1, &len);
        lua_pop(L, 1);
        if (len == 0) return luaL_argerror(L, 2, "a term is empty");
        add_term(&ts, (int)i, t, len);
    }
    lua_pushnil(L);                                 /* the list, made at the first paragraph */
    int list = lua_gettop(L);
    lua_Integer out = 0;
    for (size_t i = 0; i < np; i++) {
        const paragraph *p = report_paragraph(r, i);
        if (!p->text) continue;
        size_t len = strlen(p->text);
        bytes += len;
        if (!holds_term(&ts, (const unsigned char *)p->text, len)) continue;
        if (out == 0) {
            lua_createtable(L, 4, 0);
            lua_replace(L, list);
        }
        lua_createtable(L, 0, 5);
        lua_pushstring(L, p->file);
        lua_setfield(L, -2, "file");
        lua_pushinteger(L, p->line);
        lua_setfield(L, -2, "line");
        lua_pushlstring(L, p->text, len);
        lua_setfield(L, -2, "text");
        if (p->heading) {
            lua_pushstring(L, p->heading);
            lua_setfield(L, -2, "heading");
        }
        lua_pushinteger(L, (lua_Integer)i + 1);
        lua_setfield(L, -2, "index");
        lua_rawseti(L, list, ++out);
    }
    /* as lakip.find_any would be charged for each paragraph (sandbox.c:
     * a sixteenth of the bytes, once per term and once more) */
    charge(L, ((long long)(bytes / 16) + (long long)np + 1) * (n + 1));
    return 1;
}

static const luaL_Reg census_fns[] = {
    { "marked_paragraphs", f_marked_paragraphs },
    { "table_heads", f_table_heads },
    { "note_count", f_note_count },
    { "rows_empty", f_rows_empty },
    { "rows_above", f_rows_above },
    { "count_rows", f_count_rows },
    { "cell_census", f_cell_census },
    { "count_cells", f_count_cells },
    { "plain_numbers", f_plain_numbers },
    { NULL, NULL }
};

/* Into the `lakip` table on the top of the stack. */
void open_census_fns(lua_State *L)
{
    luaL_setfuncs(L, census_fns, 0);
}
