/*
 * text_fns.c — text primitives in C for the rules' libraries: the global
 * `lakip` table. Lua patterns cost a match attempt at every byte of the
 * text they scan; the rules normalise every paragraph and sentence of a
 * report, so what lib.text.normalize does runs here instead, with exactly
 * the meaning of its Lua form (the C library's tolower, ispunct, isspace,
 * as Lua's string.lower and %p, %s use them); and so do the steps of
 * lib.indikator.key (lakip.indicator_key).
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"
#include "model/year.h"

/* lakip.normalize(s): string.lower(s); each "<...>" (a "<" up to the
 * first ">" after it) a space when s has a "<"; runs of punctuation and
 * spaces one space; no space at either end.
 * "1. Persentase  PMKS yang <b>Tertangani</b>;" -> "1 persentase pmks yang tertangani" */
static int f_normalize(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    const char *last_gt = NULL;             /* a "<" before it opens a tag */
    for (size_t i = n; i-- > 0;)
        if (s[i] == '>') { last_gt = s + i; break; }
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    int gap = 0, any = 0;                   /* a separator seen since the last word byte; a word byte written */
    for (const char *p = s, *end = s + n; p < end; p++) {
        unsigned char c = (unsigned char)tolower((unsigned char)*p);
        if (c == '<' && last_gt && p < last_gt) {
            p = memchr(p + 1, '>', (size_t)(last_gt - p));   /* the tag's first ">" */
            gap = 1;
        } else if (ispunct(c) || isspace(c)) {
            gap = 1;
        } else {
            if (gap && any) luaL_addchar(&b, ' ');
            luaL_addchar(&b, (char)c);
            gap = 0;
            any = 1;
        }
    }
    luaL_pushresult(&b);
    return 1;
}

/* ---- lakip.indicator_key: the steps of lib.indikator.key ----
 * Each step is one string.gsub of the Lua form, done as a pass from one
 * buffer into the other, in the same order, so that what one step makes
 * the next sees exactly as it did. */

typedef struct {
    char *out;
    size_t len;
} pass;

static void put(pass *p, const char *bytes, size_t n)
{
    memcpy(p->out + p->len, bytes, n);
    p->len += n;
}

/* gsub(s, "<[^>]*>", " "): a "<" up to the first ">" after it */
static void pass_tags(const char *s, size_t n, pass *o)
{
    const char *end = s + n, *last_gt = NULL;
    for (size_t i = n; i-- > 0;)
        if (s[i] == '>') { last_gt = s + i; break; }
    for (const char *p = s; p < end; p++) {
        if (*p == '<' && last_gt && p < last_gt) {
            p = memchr(p + 1, '>', (size_t)(last_gt - p));
            put(o, " ", 1);
        } else {
            put(o, p, 1);
        }
    }
}

/* gsub(s, from, to) for a plain `from` */
static void pass_literal(const char *s, size_t n, const char *from, const char *to, pass *o)
{
    size_t fl = strlen(from), tl = strlen(to);
    size_t i = 0;
    while (i < n) {
        if (i + fl <= n && memcmp(s + i, from, fl) == 0) {
            put(o, to, tl);
            i += fl;
        } else {
            put(o, s + i, 1);
            i++;
        }
    }
}

/* gsub(s, "&%a+;", " ") */
static void pass_entities(const char *s, size_t n, pass *o)
{
    size_t i = 0;
    while (i < n) {
        if (s[i] == '&') {
            size_t j = i + 1;
            while (j < n && isalpha((unsigned char)s[j])) j++;
            if (j > i + 1 && j < n && s[j] == ';') {
                put(o, " ", 1);
                i = j + 1;
                continue;
            }
        }
        put(o, s + i, 1);
        i++;
    }
}

/* gsub(s, "['`]", "") */
static void pass_apostrophes(const char *s, size_t n, pass *o)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != '\'' && s[i] != '`') put(o, s + i, 1);
}

static int is_space_or_alpha(const char *s, size_t n, size_t i)
{
    return i < n && (isspace((unsigned char)s[i]) || isalpha((unsigned char)s[i]));
}

/* The length of the leading numbering lib.indikator strips (its patterns
 * "^%(?%d[%d%.]*[%.%)]%f[%s%a]", "^%(?%a[%.%)]%s", "^[ivx]+[%.%)]%s",
 * tried in that order), or 0. */
static size_t numbering_length(const char *s, size_t n)
{
    size_t j = n > 0 && s[0] == '(' ? 1 : 0;
    if (j < n && isdigit((unsigned char)s[j])) {
        size_t run = j + 1;                                 /* [%d%.]*, longest first */
        while (run < n && (isdigit((unsigned char)s[run]) || s[run] == '.')) run++;
        for (size_t q = run + 1; q-- > j + 1;)
            if (q < n && (s[q] == '.' || s[q] == ')') && is_space_or_alpha(s, n, q + 1)) return q + 1;
    }
    if (j + 2 < n && isalpha((unsigned char)s[j]) && (s[j + 1] == '.' || s[j + 1] == ')')
        && isspace((unsigned char)s[j + 2]))
        return j + 3;
    size_t m = 0;
    while (m < n && (s[m] == 'i' || s[m] == 'v' || s[m] == 'x')) m++;
    if (m > 0 && m + 1 < n && (s[m] == '.' || s[m] == ')') && isspace((unsigned char)s[m + 1])) return m + 2;
    return 0;
}

/* lakip.indicator_key(name, words): what lib.indikator.key does before
 * its phrase synonyms — string.lower; for a name with anything but
 * letters, digits and spaces its clean() (markup, entities, a few
 * multi-byte characters, apostrophes, leading junk and numbering, "&" as
 * "dan", punctuation as spaces); every run of letters replaced by
 * words[run] when that is a string; runs of spaces one space; no space at
 * either end. */
static int f_indicator_key(lua_State *L)
{
    size_t n;
    const char *name = luaL_checklstring(L, 1, &n);
    luaL_checktype(L, 2, LUA_TTABLE);
    if (n > ((size_t)-1 - 1) / 5) return luaL_error(L, "name too long");
    size_t cap = 5 * n + 1;                 /* "&" -> " dan " is the only step that grows the text */
    pass a = { lua_newuserdatauv(L, cap, 0), 0 }, b = { lua_newuserdatauv(L, cap, 0), 0 };
    int clean = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)tolower((unsigned char)name[i]);
        a.out[a.len++] = (char)c;
        if (!isalnum(c) && c != ' ') clean = 1;
    }
    pass *cur = &a, *next = &b, *swap;
#define STEP(call) do { next->len = 0; call; swap = cur; cur = next; next = swap; } while (0)
    if (clean) {
        STEP(pass_tags(cur->out, cur->len, next));
        STEP(pass_literal(cur->out, cur->len, "&amp;", "&", next));
        STEP(pass_entities(cur->out, cur->len, next));
        int high = 0;
        for (size_t i = 0; i < cur->len && !high; i++) high = (unsigned char)cur->out[i] >= 128;
        if (high) {
            STEP(pass_literal(cur->out, cur->len, "\xC2\xA0", " ", next));
            STEP(pass_literal(cur->out, cur->len, "\xE2\x80\x98", "", next));
            STEP(pass_literal(cur->out, cur->len, "\xE2\x80\x99", "", next));
            STEP(pass_literal(cur->out, cur->len, "\xE2\x80\xA2", " ", next));
            STEP(pass_literal(cur->out, cur->len, "\xE2\x80\x93", " ", next));
            STEP(pass_literal(cur->out, cur->len, "\xE2\x80\x94", " ", next));
        }
        STEP(pass_apostrophes(cur->out, cur->len, next));
        size_t lead = 0;                    /* gsub(s, "^[%s%*_]+", "") */
        while (lead < cur->len && (isspace((unsigned char)cur->out[lead]) || cur->out[lead] == '*' || cur->out[lead] == '_')) lead++;
        next->len = 0;
        size_t num = numbering_length(cur->out + lead, cur->len - lead);
        if (num) put(next, " ", 1);
        put(next, cur->out + lead + num, cur->len - lead - num);
        swap = cur; cur = next; next = swap;
        STEP(pass_literal(cur->out, cur->len, "&", " dan ", next));
        for (size_t i = 0; i < cur->len; i++)   /* gsub(s, "%p", " ") */
            if (ispunct((unsigned char)cur->out[i])) cur->out[i] = ' ';
    }
#undef STEP
    /* gsub(s, "%a+", words), then gsub(s, "%s+", " "), then the trim */
    luaL_Buffer out;
    luaL_buffinit(L, &out);
    int space = 0, any = 0;
    const char *s = cur->out, *end = cur->out + cur->len;
    for (const char *p = s; p < end;) {
        if (isspace((unsigned char)*p)) {
            space = 1;
            p++;
            continue;
        }
        if (isalpha((unsigned char)*p)) {
            const char *w = p;
            while (p < end && isalpha((unsigned char)*p)) p++;
            /* words[run]: a string stays alive in the table after the pop
             * (the buffer needs the stack as it left it); a number is
             * copied out first */
            lua_pushlstring(L, w, (size_t)(p - w));
            int t = lua_rawget(L, 2);
            char num[64];
            const char *r = NULL;
            size_t rl = 0;
            if (t == LUA_TSTRING) {
                r = lua_tolstring(L, -1, &rl);
            } else if (t == LUA_TNUMBER) {
                r = lua_tolstring(L, -1, &rl);
                rl = rl < sizeof num ? rl : sizeof num - 1;
                memcpy(num, r, rl);
                r = num;
            } else if (lua_toboolean(L, -1)) {
                return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
            }
            lua_pop(L, 1);
            if (r) {
                /* a replacement with spaces is collapsed and trimmed as the text is */
                for (size_t k = 0; k < rl; k++) {
                    if (isspace((unsigned char)r[k])) { space = 1; continue; }
                    if (space && any) luaL_addchar(&out, ' ');
                    space = 0;
                    luaL_addchar(&out, r[k]);
                    any = 1;
                }
            } else {
                if (space && any) luaL_addchar(&out, ' ');
                space = 0;
                luaL_addlstring(&out, w, (size_t)(p - w));
                any = 1;
            }
        } else {
            if (space && any) luaL_addchar(&out, ' ');
            space = 0;
            luaL_addchar(&out, *p++);
            any = 1;
        }
    }
    luaL_pushresult(&out);
    return 1;
}

/* The first place of needle (nl bytes) in hay (hl bytes), or NULL; an
 * empty needle is at the start (as string.find(s, "", 1, true)). */
static const char *find_plain(const char *hay, size_t hl, const char *needle, size_t nl)
{
    if (nl == 0) return hay;
    if (nl > hl) return NULL;
    const char *p = hay, *last = hay + (hl - nl);
    while (p <= last && (p = memchr(p, needle[0], (size_t)(last - p) + 1)) != NULL) {
        if (memcmp(p, needle, nl) == 0) return p;
        p++;
    }
    return NULL;
}

/* Lua's order of two strings (lvm.c l_strcmp): strcoll on the pieces
 * between NULs, the shorter string first when one is a prefix. */
static int lua_string_order(const char *l, size_t ll, const char *r, size_t lr)
{
    for (;;) {
        int temp = strcoll(l, r);
        if (temp != 0) return temp;
        size_t len = strlen(l);
        if (len == lr) return len == ll ? 0 : 1;
        if (len == ll) return -1;
        len++;
        l += len; ll -= len; r += len; lr -= len;
    }
}

typedef struct {
    const char *s;
    size_t len;
} word_ref;

static int word_order(const void *a, const void *b)
{
    const word_ref *x = a, *y = b;
    return lua_string_order(x->s, x->len, y->s, y->len);
}

/* lakip.loose_words(key, ordered, abbreviations, drop, order) -> the words
 * of lib.indikator.loose_key, as its Lua did:
 *   for w in string.gmatch(key, "%S+") do
 *     w = abbreviations[w] or w
 *     if order[w] then ordered = true end
 *     if not drop[w] then ws[#ws + 1] = w end
 *   end
 *   if not ordered then table.sort(ws) end
 *   return table.concat(ws, " ")
 * or nil when an abbreviation is neither a string nor false/nil (the
 * caller then runs that Lua, which says what it makes of it). The three
 * tables are indexed as Lua indexes them (metamethods too). */
static int f_loose_words(lua_State *L)
{
    size_t n;
    const char *key = luaL_checklstring(L, 1, &n);
    int ordered = lua_toboolean(L, 2);
    lua_settop(L, 5);
    int base = lua_gettop(L);               /* the words stay on the stack while they are sorted */
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && isspace((unsigned char)key[i])) i++;
        if (i == n) break;
        size_t start = i;
        while (i < n && !isspace((unsigned char)key[i])) i++;
        luaL_checkstack(L, 4, "too many words");
        lua_pushlstring(L, key + start, i - start);
        lua_pushvalue(L, -1);
        int t = lua_gettable(L, 3);         /* abbreviations[w] */
        if (t == LUA_TSTRING) lua_remove(L, -2);
        else if (lua_toboolean(L, -1)) return lua_pushnil(L), 1;
        else lua_pop(L, 1);
        lua_pushvalue(L, -1);
        if (lua_gettable(L, 5) != LUA_TNIL && lua_toboolean(L, -1)) ordered = 1;
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        int dropped = lua_gettable(L, 4) != LUA_TNIL && lua_toboolean(L, -1);
        lua_pop(L, 1);
        if (dropped) lua_pop(L, 1);
        else count++;
    }
    word_ref *ws = lua_newuserdatauv(L, (count ? count : 1) * sizeof *ws, 0);
    for (size_t k = 0; k < count; k++) ws[k].s = lua_tolstring(L, base + 1 + (int)k, &ws[k].len);
    if (!ordered && count > 1) qsort(ws, count, sizeof *ws, word_order);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (size_t k = 0; k < count; k++) {
        if (k) luaL_addchar(&b, ' ');
        luaL_addlstring(&b, ws[k].s, ws[k].len);
    }
    luaL_pushresult(&b);
    return 1;
}

/* lakip.find_any(s, terms) -> the first of the strings of the list terms
 * that s contains (string.find(s, term, 1, true)), or nil: one call for a
 * lexicon of a hundred terms instead of a hundred. */
static int f_find_any(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_Integer count = luaL_len(L, 2);
    for (lua_Integer i = 1; i <= count; i++) {
        lua_rawgeti(L, 2, i);
        size_t tl;
        const char *term = lua_tolstring(L, -1, &tl);
        if (!term) return luaL_error(L, "term %I of the list is a %s, not a string", i, luaL_typename(L, -1));
        if (find_plain(s, n, term, tl)) return 1;
        lua_pop(L, 1);
    }
    lua_pushnil(L);
    return 1;
}

/* The optional start argument at idx of a search in a text of n bytes, as
 * string.find reads it: 1 when absent or 0, from the end when negative. */
static lua_Integer find_init(lua_State *L, int idx, size_t n)
{
    lua_Integer init = luaL_optinteger(L, idx, 1);
    if (init < 0) return init < -(lua_Integer)n ? 1 : (lua_Integer)n + init + 1;
    return init == 0 ? 1 : init;
}

/* lakip.find_digit(s, init) -> the place of the first digit of s at or
 * after init (string.find(s, "%d", init)), or nil. */
static int f_find_digit(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    lua_Integer init = find_init(L, 2, n);
    for (lua_Integer i = init; i <= (lua_Integer)n; i++)
        if (isdigit((unsigned char)s[i - 1])) {
            lua_pushinteger(L, i);
            return 1;
        }
    lua_pushnil(L);
    return 1;
}

/* lakip.sentence_end(s, init) -> a, b as string.find(s, "[%.!%?]%s+%u",
 * init): the next ".", "!" or "?" followed by spaces and a capital letter
 * (b: the capital), or nil. The pattern tried at every byte, or a plain
 * search per mark, cost most of what splitting a report into sentences
 * did: a report's numbers are full of dots. */
static int f_sentence_end(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    lua_Integer init = find_init(L, 2, n);
    for (size_t a = (size_t)init - 1; a < n; a++) {
        if (s[a] != '.' && s[a] != '!' && s[a] != '?') continue;
        size_t j = a + 1;
        while (j < n && isspace((unsigned char)s[j])) j++;
        if (j > a + 1 && j < n && isupper((unsigned char)s[j])) {
            lua_pushinteger(L, (lua_Integer)a + 1);
            lua_pushinteger(L, (lua_Integer)j + 1);
            return 2;
        }
    }
    lua_pushnil(L);
    return 1;
}

/* lakip.lex(s, from, to) -> the items of s[from..to] in order, as rules/
 * narasi.lua reads a sentence: numbers {kind = "n", raw, s, e} (digits,
 * dots and commas, not past `to`, without the trailing dots and commas,
 * which follow as punctuation), words {kind = "w", w, s, e} (a letter then
 * letters and digits, lower-cased; a word may run past `to`) and the
 * punctuation that matters {kind = "p", ch, s, e} (one of % / ( ) : ; , . -);
 * other bytes are skipped. s and e are byte positions (1-based). Second
 * result: the places of the numbers in the list, in order (the caller
 * looks at the numbers only). */
static int f_lex(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    lua_Integer from = luaL_checkinteger(L, 2), to = luaL_checkinteger(L, 3);
    if (from < 1) from = 1;
    if (to > (lua_Integer)n) to = (lua_Integer)n;
    /* the items counted first (the same walk, no tables): the list is made
     * at its size instead of growing by doubling */
    lua_Integer items = 0;
    for (lua_Integer i = from; i <= to;) {
        unsigned char c = (unsigned char)s[i - 1];
        if (c == '\0' || (!isalnum(c) && !strchr("%/():;,.-", c))) {
            i++;
            continue;
        }
        lua_Integer j = i + 1;
        if (isdigit(c)) {
            while (j <= to && (isdigit((unsigned char)s[j - 1]) || s[j - 1] == '.' || s[j - 1] == ',')) j++;
            while (j - 1 > i && (s[j - 2] == '.' || s[j - 2] == ',')) j--;
        } else if (isalpha(c)) {
            while (j <= (lua_Integer)n && isalnum((unsigned char)s[j - 1])) j++;
        }
        items++;
        i = j;
    }
    lua_createtable(L, items < INT_MAX ? (int)items : 0, 0);
    lua_newtable(L);                                /* the numbers' places */
    lua_Integer count = 0, numbers = 0;
    for (lua_Integer i = from; i <= to;) {
        unsigned char c = (unsigned char)s[i - 1];
        if (c == '\0' || (!isalnum(c) && !strchr("%/():;,.-", c))) {   /* (strchr finds a NUL) */
            i++;
            continue;
        }
        lua_createtable(L, 0, 5);
        lua_Integer e;
        if (isdigit(c)) {
            lua_Integer j = i;
            while (j <= to && (isdigit((unsigned char)s[j - 1]) || s[j - 1] == '.' || s[j - 1] == ',')) j++;
            while (j - 1 > i && (s[j - 2] == '.' || s[j - 2] == ',')) j--;
            e = j - 1;
            lua_pushliteral(L, "n");
            lua_setfield(L, -2, "kind");
            lua_pushlstring(L, s + i - 1, (size_t)(e - i + 1));
            lua_setfield(L, -2, "raw");
        } else if (isalpha(c)) {
            lua_Integer j = i;
            luaL_Buffer b;
            luaL_buffinit(L, &b);
            while (j <= (lua_Integer)n && isalnum((unsigned char)s[j - 1])) {
                luaL_addchar(&b, (char)tolower((unsigned char)s[j - 1]));
                j++;
            }
            luaL_pushresult(&b);
            e = j - 1;
            lua_pushliteral(L, "w");
            lua_setfield(L, -3, "kind");
            lua_setfield(L, -2, "w");
        } else {
            e = i;
            lua_pushliteral(L, "p");
            lua_setfield(L, -2, "kind");
            lua_pushlstring(L, s + i - 1, 1);
            lua_setfield(L, -2, "ch");
        }
        lua_pushinteger(L, i);
        lua_setfield(L, -2, "s");
        lua_pushinteger(L, e);
        lua_setfield(L, -2, "e");
        lua_rawseti(L, -3, ++count);
        if (isdigit(c)) {
            lua_pushinteger(L, count);
            lua_rawseti(L, -2, ++numbers);
        }
        i = e + 1;
    }
    return 2;
}

static const luaL_Reg text_fns[] = {
    { "normalize", f_normalize },
    { "indicator_key", f_indicator_key },
    { "loose_words", f_loose_words },
    { "find_any", f_find_any },
    { "find_digit", f_find_digit },
    { "lex", f_lex },
    { "sentence_end", f_sentence_end },
    { NULL, NULL }
};

void open_text_fns(lua_State *L)
{
    luaL_newlib(L, text_fns);
    /* the one range of report years the tool accepts (model/year.h): a
     * rule that reads a report year uses the same bounds as the settings */
    lua_pushinteger(L, YEAR_FIRST);
    lua_setfield(L, -2, "year_first");
    lua_pushinteger(L, YEAR_LAST);
    lua_setfield(L, -2, "year_last");
    lua_setglobal(L, "lakip");
}
