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
size_t normalize_bytes(char *out, const char *s, size_t n)
{
    const char *last_gt = NULL;             /* a "<" before it opens a tag */
    for (size_t i = n; i-- > 0;)
        if (s[i] == '>') { last_gt = s + i; break; }
    char *o = out;
    int gap = 0, any = 0;                   /* a separator seen since the last word byte; a word byte written */
    for (const char *p = s, *end = s + n; p < end; p++) {
        unsigned char c = (unsigned char)tolower((unsigned char)*p);
        if (c == '<' && last_gt && p < last_gt) {
            p = memchr(p + 1, '>', (size_t)(last_gt - p));   /* the tag's first ">" */
            gap = 1;
        } else if (ispunct(c) || isspace(c)) {
            gap = 1;
        } else {
            /* the space stands for at least one byte read and not
             * written, so the result is never longer than s */
            if (gap && any) *o++ = ' ';
            *o++ = (char)c;
            gap = 0;
            any = 1;
        }
    }
    return (size_t)(o - out);
}

/* Into a Lua buffer: room for n bytes, the most the result takes. */
static void normalize_into(luaL_Buffer *b, const char *s, size_t n)
{
    luaL_addsize(b, normalize_bytes(luaL_prepbuffsize(b, n), s, n));
}

static int f_normalize(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    normalize_into(&b, s, n);
    luaL_pushresult(&b);
    return 1;
}

/* lakip.name_words(s, drop) -> the words of lakip.normalize(s), in order,
 * without those of the set drop (drop[w] true, indexed as Lua indexes it),
 * those of one byte and those of digits only: what rules/narasi.lua
 * calls the significant words of an indicator name, as its Lua did:
 *   for w in string.gmatch(lakip.normalize(s), "%S+") do
 *     if not drop[w] and #w > 1 and not string.find(w, "^%d+$") then out[#out + 1] = w end
 *   end */
static int f_name_words(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    normalize_into(&b, s, n);
    luaL_pushresult(&b);                    /* 3: the normalised text */
    size_t len;
    const char *t = lua_tolstring(L, 3, &len);
    lua_newtable(L);                        /* 4: the words */
    lua_Integer count = 0;
    for (size_t i = 0; i < len;) {
        while (i < len && isspace((unsigned char)t[i])) i++;
        size_t start = i, digits = 1;
        while (i < len && !isspace((unsigned char)t[i])) {
            if ((unsigned char)(t[i] - '0') >= 10) digits = 0;
            i++;
        }
        if (i == start) break;                  /* the end: nothing left */
        lua_pushlstring(L, t + start, i - start);
        lua_pushvalue(L, -1);
        int dropped = lua_gettable(L, 2) != LUA_TNIL && lua_toboolean(L, -1);   /* drop[w] first, as the Lua */
        lua_pop(L, 1);
        if (dropped || i - start <= 1 || digits) lua_pop(L, 1);
        else lua_rawseti(L, 4, ++count);
    }
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
    /* the two buffers of a name (nearly every one) on the C stack; a
     * longer text's as userdata, counted against the memory limit */
    char small_a[1024], small_b[1024];
    int small = cap <= sizeof small_a;
    pass a = { small ? small_a : lua_newuserdatauv(L, cap, 0), 0 };
    pass b = { small ? small_b : lua_newuserdatauv(L, cap, 0), 0 };
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

/* A term set (lakip.terms): the strings of a list copied once, with the
 * terms of each first byte chained in list order, so that find_any reads
 * no Lua table and, on a short text, looks only at the terms that start
 * with each of its bytes. */
typedef struct {
    unsigned long long magic;   /* TERM_SET_MAGIC */
    const void *meta;           /* the metatable it was given (lakip.terms) */
    size_t count;
    size_t empty;               /* the first empty term's index, or count */
    int head[256];              /* per first byte: its first term, or -1 */
    int *next;                  /* per term: the next one with its first byte, or -1 */
    size_t *len;
    size_t *anchor;             /* per term: the place of its rarest byte in running text */
    const char **term;
    char data[];                /* next, len, term, then the texts (NUL-ended) */
} term_set;

/* How common a byte is in the texts searched (Indonesian prose, lower
 * case): the space and the letters, most common first; any other byte
 * counts as rare. Only a search's speed depends on it. */
static int byte_rank(unsigned char c)
{
    static const char common[] = " aniekutrsmlgdpbhoyjcwfvzxq";
    const char *at = c ? strchr(common, c) : NULL;
    return at ? (int)(at - common) : (int)sizeof common;
}

/* The place in a term of its rarest byte (the first of them), where a
 * search for the term looks first. */
static size_t rarest_byte(const char *term, size_t len)
{
    size_t best = 0;
    for (size_t i = 1; i < len; i++)
        if (byte_rank((unsigned char)term[i]) > byte_rank((unsigned char)term[best])) best = i;
    return best;
}

/* Whether s (n bytes) contains term (len bytes, len > 0): each place of
 * the term's rarest byte (at `anchor` in it) is tried, as few as there
 * are of that byte rather than of the term's first one. */
static int has_term(const char *s, size_t n, const char *term, size_t len, size_t anchor)
{
    if (len > n) return 0;
    const char *p = s + anchor, *last = s + (n - len) + anchor;
    while (p <= last && (p = memchr(p, (unsigned char)term[anchor], (size_t)(last - p) + 1)) != NULL) {
        if (memcmp(p - anchor, term, len) == 0) return 1;
        p++;
    }
    return 0;
}

/* Registry key of the term sets' metatable. */
static const char TERM_SET_KEY = 0;

#define TERM_SET_MAGIC 0x7465726d73657431ULL   /* "termset1" */

/* The term set at idx, or NULL. Every userdata of the sandbox is made in
 * C, so a block as large as a set that starts with the mark and carries
 * the metatable it was made with is one: no registry lookup per call. */
static term_set *to_term_set(lua_State *L, int idx)
{
    if (lua_type(L, idx) != LUA_TUSERDATA || lua_rawlen(L, idx) < sizeof(term_set)) return NULL;
    term_set *t = lua_touserdata(L, idx);
    if (t->magic != TERM_SET_MAGIC || !lua_getmetatable(L, idx)) return NULL;
    int same = lua_topointer(L, -1) == t->meta;
    lua_pop(L, 1);
    return same ? t : NULL;
}

long long term_set_size(lua_State *L, int idx)
{
    const term_set *t = to_term_set(L, idx);
    return t ? (long long)t->count : 0;
}

/* lakip.terms(list) -> the term set of the strings of list, for
 * lakip.find_any: the same answers as the list, made once. Changing the
 * list afterwards does not change the set. */
static int f_terms(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer count = luaL_len(L, 1);
    if (count < 0 || count > INT_MAX / 2) return luaL_error(L, "a term set holds at most %d terms", INT_MAX / 2);
    size_t bytes = 0;
    for (lua_Integer i = 1; i <= count; i++) {
        lua_rawgeti(L, 1, i);
        size_t tl;
        if (!lua_tolstring(L, -1, &tl))       /* a number reads as its text, as find_any reads a list */
            return luaL_error(L, "term %I of the list is a %s, not a string", i, luaL_typename(L, -1));
        bytes += tl + 1;
        lua_pop(L, 1);
    }
    size_t n = (size_t)count;
    size_t arrays = n * (2 * sizeof(size_t) + sizeof(const char *)) + n * sizeof(int);
    term_set *t = lua_newuserdatauv(L, sizeof *t + arrays + bytes, 0);
    t->magic = 0;                               /* a set once its metatable is set, below */
    t->count = n;
    t->empty = n;
    t->len = (size_t *)(void *)t->data;
    t->anchor = (size_t *)(void *)(t->data + n * sizeof(size_t));
    t->term = (const char **)(void *)(t->data + 2 * n * sizeof(size_t));
    t->next = (int *)(void *)(t->data + n * (2 * sizeof(size_t) + sizeof(const char *)));
    char *text = t->data + arrays;
    for (int b = 0; b < 256; b++) t->head[b] = -1;
    int tail[256];
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, 1, (lua_Integer)i + 1);
        size_t tl;
        const char *src = lua_tolstring(L, -1, &tl);
        memcpy(text, src, tl);
        text[tl] = '\0';
        t->term[i] = text;
        t->len[i] = tl;
        t->anchor[i] = rarest_byte(text, tl);
        text += tl + 1;
        lua_pop(L, 1);
        t->next[i] = -1;
        if (tl == 0) {
            if (t->empty == n) t->empty = i;
            continue;
        }
        unsigned char b = (unsigned char)t->term[i][0];
        if (t->head[b] < 0) t->head[b] = (int)i;
        else t->next[tail[b]] = (int)i;
        tail[b] = (int)i;
    }
    lua_rawgetp(L, LUA_REGISTRYINDEX, &TERM_SET_KEY);
    t->meta = lua_topointer(L, -1);
    lua_setmetatable(L, -2);
    t->magic = TERM_SET_MAGIC;
    return 1;
}

/* The index of the first term of set t (in list order) that s contains,
 * or t->count. Each term searched in turn on a text long for the set
 * (memchr runs fast: a paragraph and a few marks); on a short one (a name
 * and a lexicon of a hundred terms), each byte's chain of terms, keeping
 * the least index found. */
static size_t find_in_set(const term_set *t, const char *s, size_t n)
{
    size_t best = t->empty;
    /* about 40 + n / 16 steps per term in turn, 8 per byte along the chains */
    if ((unsigned long long)n * 128 > (unsigned long long)t->count * (640 + n)) {
        for (size_t i = 0; i < best; i++)
            if (t->len[i] && has_term(s, n, t->term[i], t->len[i], t->anchor[i])) return i;
        return best;
    }
    for (size_t p = 0; p < n && best > 0; p++) {
        for (int i = t->head[(unsigned char)s[p]]; i >= 0 && (size_t)i < best; i = t->next[i]) {
            size_t tl = t->len[i];
            const char *tm = t->term[i];
            /* the first byte is the chain's; the second told apart here, most candidates end there */
            if (tl <= n - p && (tl == 1 || (tm[1] == s[p + 1] && memcmp(s + p + 2, tm + 2, tl - 2) == 0))) {
                best = (size_t)i;
                break;                          /* later ones in the chain have greater indices */
            }
        }
    }
    return best;
}

/* lakip.find_any(s, terms) -> the first of the strings of the list terms
 * (or of the term set lakip.terms made of it) that s contains
 * (string.find(s, term, 1, true)), or nil: one call for a lexicon of a
 * hundred terms instead of a hundred. */
static int f_find_any(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    const term_set *set = to_term_set(L, 2);
    if (set) {
        size_t i = find_in_set(set, s, n);
        if (i < set->count) lua_pushlstring(L, set->term[i], set->len[i]);
        else lua_pushnil(L);
        return 1;
    }
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

/* Whether the n bytes at p hold a digit (isdigit: 0 to 9 in every locale). */
static int memchr_digit(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)(p[i] - '0') < 10) return 1;
    return 0;
}

/* lakip.same_as_above(t, col, ...) -> { [i] = true, ... }: the rows i (from
 * 2) whose cells in every given column (an index or a role, as t:col) are
 * written exactly as those of row i - 1, whatever the rows' kinds; nil when
 * the table lacks one of the columns. For copied rows: the texts compared
 * here, not made into Lua strings for every row (t:texts) to find the few
 * that repeat (rules/duplikat.lua's test, now made inside lakip.repeats,
 * where tests/unit/test_script.c compares the two). Charged one per row,
 * as t:texts. */
#define SAME_MAX_COLS 8
static int f_same_as_above(lua_State *L)
{
    table_view *v = check_class(L, 1, CLASS_TABLE, TABLE_MT);
    int ncols = lua_gettop(L) - 1;
    if (ncols < 1 || ncols > SAME_MAX_COLS) return luaL_error(L, "lakip.same_as_above: give 1 to %d columns", SAME_MAX_COLS);
    int cols[SAME_MAX_COLS];
    for (int k = 0; k < ncols; k++) {
        cols[k] = column_arg(L, v->t, k + 2);
        if (cols[k] < 0) {
            lua_pushnil(L);
            return 1;
        }
    }
    size_t n = table_row_count(v->t);
    charge(L, (long long)n + 1);
    lua_createtable(L, 0, 0);
    for (size_t r = 1; r < n; r++) {
        const cell *a = table_row_cells(v->t, r - 1), *b = table_row_cells(v->t, r);
        int same = 1;
        for (int k = 0; k < ncols && same; k++) same = strcmp(a[cols[k]].text, b[cols[k]].text) == 0;
        if (!same) continue;
        lua_pushboolean(L, 1);
        lua_rawseti(L, -2, (lua_Integer)r + 1);
    }
    return 1;
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

/* The sentence's opening word s[at..] is one of narasi's "continues the
 * previous sentence" openings, compared lower-cased, followed by a byte
 * that is not a letter (or the end): string.find(string.lower(head),
 * "^sehingga%f[%A]") and the others. */
static int continues_previous(const char *s, size_t n, size_t at)
{
    static const char *const openings[] = { "sehingga", "maka", "dengan demikian", "jadi" };
    for (size_t k = 0; k < sizeof openings / sizeof openings[0]; k++) {
        size_t len = strlen(openings[k]), j = 0;
        while (j < len && at + j < n && tolower((unsigned char)s[at + j]) == openings[k][j]) j++;
        if (j == len && (at + len >= n || !isalpha((unsigned char)s[at + len]))) return 1;
    }
    return 0;
}

/* Appends the 0-based range [from, to] to the list on top, 1-based. */
static void push_range(lua_State *L, lua_Integer *count, size_t from, size_t to)
{
    lua_pushinteger(L, (lua_Integer)from + 1);
    lua_rawseti(L, -2, ++*count);
    lua_pushinteger(L, (lua_Integer)to + 1);
    lua_rawseti(L, -2, ++*count);
}

/* lakip.sentences(s, with_digit) -> the sentences of s as rules/narasi.lua
 * splits a passage, as a flat list of byte ranges {s1, e1, s2, e2, ...}:
 * a sentence ends at ".", "!" or "?" followed by spaces and a capital
 * letter (lakip.sentence_end; "Rp. 5.364" and "14.896" do not end one),
 * and a sentence opening with "Sehingga", "Maka", "Dengan demikian" or
 * "Jadi" (any case) continues the one before it. With with_digit, only
 * the sentences that hold a digit. */
static int f_sentences(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    int with_digit = lua_toboolean(L, 2);
    lua_newtable(L);
    lua_Integer count = 0;
    size_t start = 0, cur_s = 0, cur_e = 0;  /* 0-based: the sentence being merged, [cur_s, cur_e] */
    int have = 0;
    /* most passages have no "!" or "?": their marks are found with memchr */
    int dots_only = !memchr(s, '!', n) && !memchr(s, '?', n);
    for (;;) {
        /* the next end from start: a mark, spaces, a capital */
        size_t a = start, capital = 0;
        int found = 0;
        for (; a < n; a++) {
            if (dots_only) {
                const char *dot = memchr(s + a, '.', n - a);
                if (!dot) {
                    a = n;
                    break;
                }
                a = (size_t)(dot - s);
            } else if (s[a] != '.' && s[a] != '!' && s[a] != '?') {
                continue;
            }
            size_t j = a + 1;
            while (j < n && isspace((unsigned char)s[j])) j++;
            if (j > a + 1 && j < n && isupper((unsigned char)s[j])) {
                capital = j;
                found = 1;
                break;
            }
        }
        size_t e;
        if (found) e = a;
        else if (start < n) e = n - 1;
        else break;
        /* the sentence [start, e]: merged into the one before, or a new one */
        unsigned char first = (unsigned char)s[start];
        int cont = have && strchr("SsMmDdJj", first) && first && continues_previous(s, n, start);
        if (cont) {
            cur_e = e;
        } else {
            if (have && (!with_digit || memchr_digit(s + cur_s, cur_e - cur_s + 1))) push_range(L, &count, cur_s, cur_e);
            cur_s = start;
            cur_e = e;
            have = 1;
        }
        if (!found) break;
        start = capital;
    }
    if (have && (!with_digit || memchr_digit(s + cur_s, cur_e - cur_s + 1))) push_range(L, &count, cur_s, cur_e);
    return 1;
}

/* ---- sentence items, as rules/narasi.lua reads a sentence ----
 * An item is a number (digits, dots and commas, not past `to`, without the
 * trailing dots and commas, which follow as punctuation), a word (a letter
 * then letters and digits; a word may run past `to`) or the punctuation
 * that matters (one of % / ( ) : ; , . -); other bytes are skipped. */

typedef struct {
    char kind;                  /* 'n', 'w' or 'p' */
    lua_Integer s, e;           /* byte positions, 1-based */
} sentence_item;

static int item_byte(unsigned char c)
{
    switch (c) {
    case '%': case '/': case '(': case ')': case ':': case ';': case ',': case '.': case '-':
        return 1;
    default:
        return isalnum(c);
    }
}

/* The first item of s[i..to] (s has n bytes): 1 and *it, or 0. */
static int next_item(const char *s, lua_Integer n, lua_Integer i, lua_Integer to, sentence_item *it)
{
    while (i <= to && !item_byte((unsigned char)s[i - 1])) i++;
    if (i > to) return 0;
    unsigned char c = (unsigned char)s[i - 1];
    lua_Integer j = i + 1;
    if (isdigit(c)) {
        it->kind = 'n';
        while (j <= to && (isdigit((unsigned char)s[j - 1]) || s[j - 1] == '.' || s[j - 1] == ',')) j++;
        while (j - 1 > i && (s[j - 2] == '.' || s[j - 2] == ',')) j--;
    } else if (isalpha(c)) {
        it->kind = 'w';
        while (j <= n && isalnum((unsigned char)s[j - 1])) j++;
    } else {
        it->kind = 'p';
    }
    it->s = i;
    it->e = j - 1;
    return 1;
}

/* lakip.lex(s, from, to) -> the items of s[from..to] in order, as rules/
 * narasi.lua reads a sentence, as arrays by place (no table per item):
 * items.n, the count; items.kind[k], "n" (number), "w" (word) or "p"
 * (punctuation); items.text[k], the number as written, the word
 * lower-cased or the punctuation byte; items.s[k], items.e[k], its byte
 * range (1-based). Second result: the places of the numbers, in order. */
static int f_lex(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    lua_Integer from = luaL_checkinteger(L, 2), to = luaL_checkinteger(L, 3);
    if (from < 1) from = 1;
    if (to > (lua_Integer)n) to = (lua_Integer)n;
    /* the items counted first (the same walk, no tables): the arrays are
     * made at their size instead of growing by doubling */
    lua_Integer items = 0, numbers = 0;
    sentence_item it;
    for (lua_Integer i = from; next_item(s, (lua_Integer)n, i, to, &it); i = it.e + 1) {
        items++;
        numbers += it.kind == 'n';
    }
    int size = items < INT_MAX ? (int)items : 0;
    lua_createtable(L, 0, 5);                       /* items */
    int top = lua_gettop(L);
    lua_createtable(L, size, 0);                    /* top + 1: kind */
    lua_createtable(L, size, 0);                    /* top + 2: text */
    lua_createtable(L, size, 0);                    /* top + 3: s */
    lua_createtable(L, size, 0);                    /* top + 4: e */
    lua_createtable(L, numbers < INT_MAX ? (int)numbers : 0, 0);   /* top + 5: the numbers' places */
    /* top + 6..8: the kinds' strings, made once (each item's, a copy of one) */
    lua_pushliteral(L, "n");
    lua_pushliteral(L, "w");
    lua_pushliteral(L, "p");
    lua_Integer k = 0, places = 0;
    for (lua_Integer i = from; next_item(s, (lua_Integer)n, i, to, &it); i = it.e + 1) {
        k++;
        if (it.kind == 'n') {
            lua_pushvalue(L, top + 6);
            lua_pushlstring(L, s + it.s - 1, (size_t)(it.e - it.s + 1));
            lua_pushinteger(L, k);
            lua_rawseti(L, top + 5, ++places);
        } else if (it.kind == 'w') {
            lua_pushvalue(L, top + 7);
            char word[64];                          /* most words; a longer one through a buffer */
            size_t len = (size_t)(it.e - it.s + 1);
            if (len <= sizeof word) {
                for (size_t j = 0; j < len; j++) word[j] = (char)tolower((unsigned char)s[it.s - 1 + (lua_Integer)j]);
                lua_pushlstring(L, word, len);
            } else {
                luaL_Buffer b;
                luaL_buffinit(L, &b);
                for (size_t j = 0; j < len; j++) luaL_addchar(&b, (char)tolower((unsigned char)s[it.s - 1 + (lua_Integer)j]));
                luaL_pushresult(&b);
            }
        } else {
            lua_pushvalue(L, top + 8);
            lua_pushlstring(L, s + it.s - 1, 1);
        }
        lua_rawseti(L, top + 2, k);
        lua_rawseti(L, top + 1, k);
        lua_pushinteger(L, it.s);
        lua_rawseti(L, top + 3, k);
        lua_pushinteger(L, it.e);
        lua_rawseti(L, top + 4, k);
    }
    lua_pushvalue(L, top + 1);
    lua_setfield(L, top, "kind");
    lua_pushvalue(L, top + 2);
    lua_setfield(L, top, "text");
    lua_pushvalue(L, top + 3);
    lua_setfield(L, top, "s");
    lua_pushvalue(L, top + 4);
    lua_setfield(L, top, "e");
    lua_pushinteger(L, k);
    lua_setfield(L, top, "n");
    lua_pushvalue(L, top);
    lua_pushvalue(L, top + 5);
    return 2;
}

/* ---- lakip.quantity_count: how many numbers of a sentence are quantities ---- */

/* Whether item `it` of s is the word w (lower-cased, as lex gives it). */
static int word_is(const char *s, const sentence_item *it, const char *w)
{
    size_t len = strlen(w);
    if (it->kind != 'w' || (size_t)(it->e - it->s + 1) != len) return 0;
    for (size_t k = 0; k < len; k++)
        if (tolower((unsigned char)s[it->s - 1 + (lua_Integer)k]) != w[k]) return 0;
    return 1;
}

static int punct_is(const char *s, const sentence_item *it, char ch)
{
    return it->kind == 'p' && s[it->s - 1] == ch;
}

/* Whether set[key] is true (Lua truth, indexed as Lua indexes it), key the
 * bytes s[a..b], lower-cased when `lower` (a word as lex gives it). */
static int set_has(lua_State *L, int set, const char *s, lua_Integer a, lua_Integer b, int lower)
{
    luaL_Buffer buf;
    luaL_buffinit(L, &buf);
    for (lua_Integer j = a; j <= b; j++) {
        unsigned char c = (unsigned char)s[j - 1];
        luaL_addchar(&buf, (char)(lower ? tolower(c) : c));
    }
    luaL_pushresult(&buf);
    lua_gettable(L, set);
    int yes = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return yes;
}

/* set[s[a..b] without its spaces] (string.gsub(..., "%s", "")) is true */
static int set_has_unspaced(lua_State *L, int set, const char *s, lua_Integer a, lua_Integer b)
{
    luaL_Buffer buf;
    luaL_buffinit(L, &buf);
    for (lua_Integer j = a; j <= b; j++)
        if (!isspace((unsigned char)s[j - 1])) luaL_addchar(&buf, s[j - 1]);
    luaL_pushresult(&buf);
    lua_gettable(L, set);
    int yes = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return yes;
}

static int all_digits(const char *s, lua_Integer a, lua_Integer b)
{
    for (lua_Integer j = a; j <= b; j++)
        if (!isdigit((unsigned char)s[j - 1])) return 0;
    return 1;
}

/* Whether the number s[a..b] is four digits 19xx or 20xx. */
static int year_like(const char *s, lua_Integer a, lua_Integer b)
{
    return b - a == 3 && all_digits(s, a, b)
        && ((s[a - 1] == '1' && s[a] == '9') || (s[a - 1] == '2' && s[a] == '0'));
}

/* lakip.quantity_count(s, from, to, ref_words, count_units, range_gaps) ->
 * how many numbers of s[from..to] rules/narasi.lua's lex leaves as
 * quantities: not a reference, year, identifier or list marker. The items
 * are lakip.lex's; for each number, in order, as narasi's lex decides:
 *   percent: followed by "%" items, else by the word "persen" (the number
 *     then ends there);
 *   unit: the word after that ("5 (lima) desa": after a word in brackets);
 *   reference: after the word "per" (or "per" then punctuation), after
 *     "/", right before "/" (no gap), after a word of ref_words (punctuation
 *     between allowed) unless a percent, or after a reference number with
 *     only range_gaps[gap without spaces] between them ("7–12");
 *   year: four digits 19xx or 20xx, not a percent, not after "rp", and
 *     without a unit in count_units (a unit "per" before a number or "mil"
 *     is a rate, never a count);
 *   identifier: eight digits or more, nothing else;
 *   list: between "(" and ")", or opening the sentence before "." or ")".
 * Nothing is made for the sentence: rules/narasi.lua lexes it (lakip.lex)
 * only when this is not 0. */
static int f_quantity_count(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    lua_Integer from = luaL_checkinteger(L, 2), to = luaL_checkinteger(L, 3);
    luaL_checktype(L, 4, LUA_TTABLE);
    luaL_checktype(L, 5, LUA_TTABLE);
    luaL_checktype(L, 6, LUA_TTABLE);
    lua_settop(L, 6);
    if (from < 1) from = 1;
    if (to > (lua_Integer)n) to = (lua_Integer)n;
    lua_Integer count = 0;
    /* the items, then per number what lex decides: its end (after a
     * percent sign) and whether it is a reference; on the C stack, in a
     * userdata twice as big for a longer sentence */
    struct entry { sentence_item it; lua_Integer e; int reference; } local[256], *items = local;
    size_t cap = sizeof local / sizeof local[0], len = 0;
    sentence_item it;
    for (lua_Integer i = from; next_item(s, (lua_Integer)n, i, to, &it); i = it.e + 1) {
        if (len == cap) {
            struct entry *bigger = lua_newuserdatauv(L, 2 * cap * sizeof *items, 0);
            memcpy(bigger, items, cap * sizeof *items);
            items = bigger;
            cap *= 2;
        }
        items[len].it = it;
        items[len].e = it.e;
        items[len].reference = 0;
        len++;
    }
    for (size_t k = 0; k < len; k++) {
        struct entry *x = &items[k];
        if (x->it.kind != 'n') continue;
        size_t j = k + 1;
        int percent = 0;
        while (j < len && punct_is(s, &items[j].it, '%')) {
            percent = 1;
            x->e = items[j].it.e;
            j++;
        }
        if (!percent && j < len && word_is(s, &items[j].it, "persen")) {
            percent = 1;
            x->e = items[j].it.e;
            j++;
        }
        if (j + 2 < len && punct_is(s, &items[j].it, '(') && items[j + 1].it.kind == 'w'
            && punct_is(s, &items[j + 2].it, ')'))
            j += 3;
        const sentence_item *unit = j < len && items[j].it.kind == 'w' ? &items[j].it : NULL;
        /* "per" before a number or "mil": a rate unit, not a count */
        int rate = unit && word_is(s, unit, "per") && j + 1 < len
            && (items[j + 1].it.kind == 'n' || word_is(s, &items[j + 1].it, "mil"));
        const sentence_item *prev = k >= 1 ? &items[k - 1].it : NULL, *prev2 = k >= 2 ? &items[k - 2].it : NULL;
        const sentence_item *prev_word = prev && prev->kind == 'w' ? prev
            : (prev && prev->kind == 'p' && prev2 && prev2->kind == 'w') ? prev2 : NULL;
        int currency = prev_word && word_is(s, prev_word, "rp");
        const sentence_item *next = k + 1 < len ? &items[k + 1].it : NULL;
        int quantity = 0;
        if (prev_word && word_is(s, prev_word, "per")) {
            x->reference = 1;
        } else if ((prev && punct_is(s, prev, '/')) || (next && punct_is(s, next, '/') && next->e == x->e + 1)) {
            x->reference = 1;
        } else if (prev_word && !percent && set_has(L, 4, s, prev_word->s, prev_word->e, 1)) {
            x->reference = 1;
        } else if (prev && prev->kind == 'n' && items[k - 1].reference
                   && set_has_unspaced(L, 6, s, items[k - 1].e + 1, x->it.s - 1)) {
            x->reference = 1;
        } else if (year_like(s, x->it.s, x->it.e)) {
            quantity = percent || currency || (unit && !rate && set_has(L, 5, s, unit->s, unit->e, 1));
        } else if (x->it.e - x->it.s + 1 >= 8 && all_digits(s, x->it.s, x->it.e)) {
            quantity = 0;                           /* an identifier */
        } else if (prev && punct_is(s, prev, '(') && next && punct_is(s, next, ')')) {
            quantity = 0;                           /* (1) */
        } else if (k == 0 && next && (punct_is(s, next, '.') || punct_is(s, next, ')'))) {
            quantity = 0;                           /* "1." opening an item */
        } else {
            quantity = 1;
        }
        count += quantity;
    }
    lua_pushinteger(L, count);
    return 1;
}

static const luaL_Reg text_fns[] = {
    { "normalize", f_normalize },
    { "name_words", f_name_words },
    { "indicator_key", f_indicator_key },
    { "loose_words", f_loose_words },
    { "find_any", f_find_any },
    { "terms", f_terms },
    { "find_digit", f_find_digit },
    { "same_as_above", f_same_as_above },
    { "lex", f_lex },
    { "quantity_count", f_quantity_count },
    { "sentence_end", f_sentence_end },
    { "sentences", f_sentences },
    { NULL, NULL }
};

/* census_fns.c's: declared here, its one caller, rather than in the
 * engine's shared internal.h */
void open_census_fns(lua_State *L);

void open_text_fns(lua_State *L)
{
    lua_createtable(L, 0, 1);                   /* the term sets' metatable, locked */
    lock_metatable(L, NULL, NULL);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &TERM_SET_KEY);
    luaL_newlib(L, text_fns);
    open_formula_fns(L);                        /* lakip.formulas, lakip.formula_matches */
    open_repeats(L);                            /* lakip.repeats */
    open_census_fns(L);                         /* lakip.cell_census, count_cells, plain_numbers, ... */
    /* the one range of report years the tool accepts (model/year.h): a
     * rule that reads a report year uses the same bounds as the settings */
    lua_pushinteger(L, YEAR_FIRST);
    lua_setfield(L, -2, "year_first");
    lua_pushinteger(L, YEAR_LAST);
    lua_setfield(L, -2, "year_last");
    lua_setglobal(L, "lakip");
}
