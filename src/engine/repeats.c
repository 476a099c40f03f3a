/*
 * repeats.c — lakip.repeats: the scan rules/duplikat.lua makes of every
 * table, in C over its rows: which data rows name an indicator named
 * above in the same table and section, and which carry the numbers of
 * the row above under another name. The rule then works only on the rows
 * found (most tables have none): its Lua loop over every row, a key
 * lookup and two table updates per row, was most of its time.
 *
 * The steps are the rule's own, in its order (tests/unit/test_script.c
 * compares them with its former Lua loop): a row's key is key_fn(name)
 * (lib.indikator.loose_key for the rule); an empty key ends the run of
 * rows a copy is looked for in; a section is lakip.normalize of the
 * row's group label, " | " and its sasaran text, " | " and its program
 * text (for the columns given).
 *
 * No Lua value is made for a row that is not reported: the keys come
 * from a key memo (lakip.key_memo), which remembers in C the key of each
 * name text and the section of each raw section text it has seen, so
 * that key_fn runs once per name (a long-form export repeats a few
 * hundred names over a million rows) and a section is normalised once
 * per text; keys and sections are compared as numbers, the memo's
 * indexes of their texts. Pushing every name as a Lua string to look it
 * up in a Lua memo, and every section to compare it, was most of what
 * the scan cost after it moved to C.
 */
#include <stdint.h>
#include <string.h>

#include "engine/internal.h"

/* A text the memo holds. Which fields mean something depends on the
 * text table it is in (key_memo). */
typedef struct {
    uint32_t hash, len;
    uint32_t value;     /* names: the index of its key in keys; raws: of its section in sections */
    uint32_t seen;      /* keys: the call whose first row with the key is `first` */
    uint32_t paired;    /* keys: the call that put `first` in the pairs (the key repeated) */
    size_t off;         /* where its bytes are in the table's bytes */
    size_t first;       /* keys: the first row (1-based) with the key in call `seen` */
} text_entry;

/* Texts interned, each once, with their entries in the order added (an
 * entry's index is the text's number): open addressing over `slot`
 * (0: empty, else an entry index + 1), at most half full. The three
 * arrays are blocks held as the memo's user values uv, uv + 1, uv + 2,
 * so that the collector frees them and the memory limit counts them. */
typedef struct {
    uint32_t *slot;
    size_t cap;
    text_entry *entry;
    size_t n, ecap;
    char *bytes;
    size_t used, bcap;
    int uv;
} text_table;

/* (key, section) -> the first row with both, in one call of
 * lakip.repeats: a slot is taken when its `call` is the current one, so
 * that a call starts with none without clearing the array. */
typedef struct {
    uint32_t call, key, section;
    size_t row;
} pair;

/* The parts of a row's section as written (group label, sasaran and
 * program texts, NULL when absent: the table's own strings, valid for
 * one call of lakip.repeats) and its section. */
typedef struct {
    const char *part[3];
    uint32_t section;
} section_seen;

#define SECTIONS_SEEN 4

typedef struct {
    unsigned long long magic;   /* KEY_MEMO_MAGIC */
    const void *meta;           /* the metatable it was given (lakip.key_memo) */
    size_t limit;               /* the texts it holds before it forgets them (at a call's start) */
    uint32_t call;              /* the calls of lakip.repeats made with it: the current one's number */
    text_table names;           /* a cell's text -> its key (value) */
    text_table keys;            /* what key_fn returned */
    text_table raws;            /* a row's section as written -> its section (value) */
    text_table sections;        /* normalised */
    pair *pair;
    size_t pair_cap, npairs;
    char *scratch;              /* a section as written, then normalised */
    size_t scratch_cap;
    section_seen seen[SECTIONS_SEEN];   /* the sections of this call's last rows asked (section_of) */
    unsigned nseen, next_seen;
} key_memo;

/* The memo's user values: key_fn, then the blocks. */
enum { UV_FN = 1, UV_NAMES = 2, UV_KEYS = 5, UV_RAWS = 8, UV_SECTIONS = 11, UV_PAIRS = 14, UV_SCRATCH = 15, UV_COUNT = 15 };

#define KEY_MEMO_MAGIC 0x6b65796d656d6f31ULL   /* "keymemo1" */
#define KEY_MEMO_LIMIT 4096                    /* texts, by default: the rule's Lua memo held as many names */
#define KEY_MEMO_BYTES 256                     /* bytes of text per text of the limit */

/* Registry key of the key memos' metatable. */
static const char KEY_MEMO_KEY = 0;

/* A text's hash, eight bytes at a step (a byte at a time was a fifth of
 * what a row cost: every row's name is hashed), then mixed so that the
 * low bits, which pick the slot, depend on all of them. The last bytes
 * of a text of eight or more are its last eight (read again where they
 * overlap): a copy of a constant size is a load, where the copy of the
 * 1 to 7 left over was a call of memcpy for nearly every name. Only
 * equal texts must hash alike (the memo compares the bytes). */
static uint32_t hash_text(const char *s, size_t n)
{
    const uint64_t k = 0x9e3779b97f4a7c15ull;
    uint64_t h = n * k, w;
    if (n >= 8) {
        const char *last = s + n - 8;
        for (; s < last; s += 8) {
            memcpy(&w, s, 8);
            h = (h ^ w) * k;
            h ^= h >> 29;
        }
        memcpy(&w, last, 8);
        h = (h ^ w) * k;
    } else if (n) {
        w = 0;
        memcpy(&w, s, n);
        h = (h ^ w) * k;
    }
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ull;
    return (uint32_t)(h ^ (h >> 32));
}

/* A new block of `bytes` (old's first `keep` bytes copied) as user value
 * uv of the memo at index memo, replacing the one there: the old block
 * stays referenced until its bytes are copied. Raises on no memory,
 * leaving the memo as it was. */
static void *new_block(lua_State *L, int memo, int uv, size_t bytes, const void *old, size_t keep)
{
    void *p = lua_newuserdatauv(L, bytes ? bytes : 1, 0);
    if (keep) memcpy(p, old, keep);
    lua_setiuservalue(L, memo, uv);
    return p;
}

/* Room for `more` items after `have` in an array of `cap` items of `size`
 * bytes: the new capacity (doubled, at least `least`), or cap when it has
 * room. Raises when the count would not fit. */
static size_t grown(lua_State *L, size_t cap, size_t have, size_t more, size_t size, size_t least)
{
    if (more <= cap - have) return cap;
    if (more > (SIZE_MAX / 2) / size - have) luaL_error(L, "lakip.repeats: too many texts");
    size_t want = cap ? cap : least;
    while (want - have < more) want *= 2;
    return want;
}

/* The slot of text s in t: the one holding it, or the empty one where it
 * would go. t->cap > 0. */
static size_t find_slot(const text_table *t, const char *s, size_t n, uint32_t h)
{
    size_t mask = t->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t e = t->slot[i];
        if (!e) return i;
        const text_entry *x = &t->entry[e - 1];
        if (x->hash == h && x->len == n && memcmp(t->bytes + x->off, s, n) == 0) return i;
    }
}

/* The entry of text s in t, or -1. */
static long long find_text(const text_table *t, const char *s, size_t n, uint32_t h)
{
    if (!t->cap) return -1;
    uint32_t e = t->slot[find_slot(t, s, n, h)];
    return e ? (long long)e - 1 : -1;
}

/* The entry of text s in t, added (zeroed but for the text) when t has
 * none. s must not point into t's own blocks. */
static uint32_t intern_text(lua_State *L, int memo, text_table *t, const char *s, size_t n, uint32_t h)
{
    long long found = find_text(t, s, n, h);
    if (found >= 0) return (uint32_t)found;
    if (n > UINT32_MAX || t->n >= UINT32_MAX - 1) luaL_error(L, "lakip.repeats: too many texts");
    size_t cap = grown(L, t->cap / 2, t->n, 1, 2 * sizeof *t->slot, 8) * 2;   /* at most half full */
    if (cap != t->cap) {
        uint32_t *slot = new_block(L, memo, t->uv, cap * sizeof *slot, NULL, 0);
        memset(slot, 0, cap * sizeof *slot);
        t->slot = slot;
        t->cap = cap;
        for (size_t k = 0; k < t->n; k++) {
            size_t i = t->entry[k].hash & (cap - 1);
            while (slot[i]) i = (i + 1) & (cap - 1);
            slot[i] = (uint32_t)k + 1;
        }
    }
    size_t ecap = grown(L, t->ecap, t->n, 1, sizeof *t->entry, 8);
    if (ecap != t->ecap) {
        t->entry = new_block(L, memo, t->uv + 1, ecap * sizeof *t->entry, t->entry, t->n * sizeof *t->entry);
        t->ecap = ecap;
    }
    size_t bcap = grown(L, t->bcap, t->used, n + 1, 1, 256);   /* + 1: a block even for "" (memcpy, memcmp) */
    if (bcap != t->bcap) {
        t->bytes = new_block(L, memo, t->uv + 2, bcap, t->bytes, t->used);
        t->bcap = bcap;
    }
    text_entry *e = &t->entry[t->n];
    memset(e, 0, sizeof *e);
    e->hash = h;
    e->len = (uint32_t)n;
    e->off = t->used;
    memcpy(t->bytes + t->used, s, n);
    t->used += n;
    t->slot[find_slot(t, s, n, h)] = (uint32_t)++t->n;
    return (uint32_t)(t->n - 1);
}

/* Empties t and lets its blocks go. */
static void forget_texts(lua_State *L, int memo, text_table *t)
{
    for (int k = 0; k < 3; k++) {
        lua_pushnil(L);
        lua_setiuservalue(L, memo, t->uv + k);
    }
    int uv = t->uv;
    memset(t, 0, sizeof *t);
    t->uv = uv;
}

static key_memo *to_key_memo(lua_State *L, int idx)
{
    if (lua_type(L, idx) != LUA_TUSERDATA || lua_rawlen(L, idx) < sizeof(key_memo)) return NULL;
    key_memo *m = lua_touserdata(L, idx);
    if (m->magic != KEY_MEMO_MAGIC || !lua_getmetatable(L, idx)) return NULL;
    int same = lua_topointer(L, -1) == m->meta;
    lua_pop(L, 1);
    return same ? m : NULL;
}

/* lakip.key_memo(key_fn [, limit]) -> a key memo for lakip.repeats:
 * key_fn(name) -> the name's key (a string), called once per name text
 * while the memo remembers it, so key_fn must depend on the name alone.
 * It forgets everything at the start of a call of lakip.repeats once it
 * holds more than `limit` texts (4096) or limit * 256 bytes of them. */
static int f_key_memo(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_Integer limit = luaL_optinteger(L, 2, KEY_MEMO_LIMIT);
    luaL_argcheck(L, limit >= 1 && limit <= (1 << 24), 2, "a limit from 1 to 16777216 texts");
    key_memo *m = lua_newuserdatauv(L, sizeof *m, UV_COUNT);
    memset(m, 0, sizeof *m);                    /* magic 0: a memo once its metatable is set, below */
    m->limit = (size_t)limit;
    m->names.uv = UV_NAMES;
    m->keys.uv = UV_KEYS;
    m->raws.uv = UV_RAWS;
    m->sections.uv = UV_SECTIONS;
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, UV_FN);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &KEY_MEMO_KEY);
    m->meta = lua_topointer(L, -1);
    lua_setmetatable(L, -2);
    m->magic = KEY_MEMO_MAGIC;
    return 1;
}

/* Starts a call of lakip.repeats with memo m (at index memo): forgets
 * what it holds when it holds too much, or when the call count wraps
 * (the stamps of keys and pairs would be taken for this call's). */
static void start_call(lua_State *L, int memo, key_memo *m)
{
    size_t texts = m->names.n + m->raws.n;
    size_t bytes = m->names.used + m->keys.used + m->raws.used + m->sections.used;
    if (texts > m->limit || bytes > m->limit * KEY_MEMO_BYTES || m->call == UINT32_MAX) {
        forget_texts(L, memo, &m->names);
        forget_texts(L, memo, &m->keys);
        forget_texts(L, memo, &m->raws);
        forget_texts(L, memo, &m->sections);
        lua_pushnil(L);
        lua_setiuservalue(L, memo, UV_PAIRS);
        m->pair = NULL;
        m->pair_cap = 0;
        m->call = 0;
    }
    m->call++;
    m->npairs = 0;
    m->nseen = m->next_seen = 0;                /* their texts were the last call's table's */
}

/* The key (its index in m->keys) of the name text, from the memo or, for
 * a name it does not hold, from key_fn. */
static uint32_t key_of_name(lua_State *L, int memo, key_memo *m, const char *name, size_t len)
{
    uint32_t h = hash_text(name, len);
    long long e = find_text(&m->names, name, len, h);
    if (e >= 0) return m->names.entry[e].value;
    uint32_t call = m->call;
    lua_getiuservalue(L, memo, UV_FN);
    lua_pushlstring(L, name, len);
    lua_call(L, 1, 1);
    /* key_fn ran Lua: another call of lakip.repeats with this memo would
     * have changed what this one counts on */
    if (m->call != call) return (uint32_t)luaL_error(L, "lakip.repeats: key_fn used the memo it serves");
    if (lua_type(L, -1) != LUA_TSTRING) return (uint32_t)luaL_error(L, "lakip.repeats: a key must be a string");
    size_t kl;
    const char *k = lua_tolstring(L, -1, &kl);
    uint32_t key = intern_text(L, memo, &m->keys, k, kl, hash_text(k, kl));
    lua_pop(L, 1);
    uint32_t at = intern_text(L, memo, &m->names, name, len, h);    /* (it may move the entries) */
    m->names.entry[at].value = key;
    return key;
}

static uint32_t raw_section(lua_State *L, int memo, key_memo *m, const char *const parts[3]);

/* The section (its index in m->sections) of row r: its raw text put
 * together in the scratch block, normalised only when the memo does not
 * hold that raw text. */
static uint32_t section_of(lua_State *L, int memo, key_memo *m, const table *t, size_t r, int sc, int pc)
{
    const char *group = table_row_group(t, r);
    const char *parts[3] = { group ? group : "", sc >= 0 ? table_cell(t, r, (size_t)sc)->text : NULL,
                             pc >= 0 ? table_cell(t, r, (size_t)pc)->text : NULL };
    /* the rows of a section are mostly together: a section asked lately
     * is found by comparing its parts with the row's, without putting the
     * row's together, hashing and looking it up (that was most of what a
     * repeated name cost) */
    for (unsigned i = 0; i < m->nseen; i++) {
        const section_seen *q = &m->seen[i];
        int same = 1;
        for (int k = 0; k < 3 && same; k++)
            same = q->part[k] == parts[k]
                   || (q->part[k] && parts[k] && strcmp(q->part[k], parts[k]) == 0);
        if (same) return q->section;
    }
    uint32_t found = raw_section(L, memo, m, parts);
    section_seen *q = &m->seen[m->next_seen];
    m->next_seen = (m->next_seen + 1) % SECTIONS_SEEN;
    if (m->nseen < SECTIONS_SEEN) m->nseen++;
    memcpy(q->part, parts, sizeof parts);
    q->section = found;
    return found;
}

/* The section of a row whose parts (section_of) the memo's recent ones
 * are not. */
static uint32_t raw_section(lua_State *L, int memo, key_memo *m, const char *const parts[3])
{
    size_t len[3], total = 0;
    for (int k = 0; k < 3; k++) {
        len[k] = parts[k] ? strlen(parts[k]) : 0;
        if (len[k] > (SIZE_MAX / 4) - total) luaL_error(L, "lakip.repeats: a section too long");
        total += len[k] + (k && parts[k] ? 3 : 0);
    }
    if (!m->scratch || 2 * total > m->scratch_cap) {   /* the raw text, then the normalised one (never longer) */
        size_t cap = m->scratch_cap ? m->scratch_cap : 512;
        while (cap < 2 * total) cap *= 2;
        m->scratch = new_block(L, memo, UV_SCRATCH, cap, NULL, 0);
        m->scratch_cap = cap;
    }
    char *raw = m->scratch, *p = raw;
    for (int k = 0; k < 3; k++) {
        if (!parts[k]) continue;
        if (k) {
            memcpy(p, " | ", 3);
            p += 3;
        }
        memcpy(p, parts[k], len[k]);
        p += len[k];
    }
    uint32_t h = hash_text(raw, total);
    long long e = find_text(&m->raws, raw, total, h);
    if (e >= 0) return m->raws.entry[e].value;
    char *norm = raw + total;
    size_t nl = normalize_bytes(norm, raw, total);
    uint32_t section = intern_text(L, memo, &m->sections, norm, nl, hash_text(norm, nl));
    uint32_t at = intern_text(L, memo, &m->raws, raw, total, h);    /* (it may move the entries) */
    m->raws.entry[at].value = section;
    return section;
}

/* The row of this call's pair (key, section), or 0 after making it `row`. */
static size_t first_of_pair(lua_State *L, int memo, key_memo *m, uint32_t key, uint32_t section, size_t row)
{
    if (2 * (m->npairs + 1) > m->pair_cap) {
        size_t cap = grown(L, m->pair_cap / 2, m->npairs, 1, 2 * sizeof *m->pair, 16) * 2;
        pair *old = m->pair;
        size_t old_cap = m->pair_cap;
        pair *np = lua_newuserdatauv(L, cap * sizeof *np, 0);   /* on the stack while old is read */
        memset(np, 0, cap * sizeof *np);
        for (size_t k = 0; k < old_cap; k++) {
            if (old[k].call != m->call) continue;
            size_t i = (old[k].key * 2654435761u ^ old[k].section) & (cap - 1);
            while (np[i].call == m->call) i = (i + 1) & (cap - 1);
            np[i] = old[k];
        }
        lua_setiuservalue(L, memo, UV_PAIRS);
        m->pair = np;
        m->pair_cap = cap;
    }
    size_t mask = m->pair_cap - 1;
    for (size_t i = (key * 2654435761u ^ section) & mask;; i = (i + 1) & mask) {
        pair *q = &m->pair[i];
        if (q->call != m->call) {
            q->call = m->call;
            q->key = key;
            q->section = section;
            q->row = row;
            m->npairs++;
            return 0;
        }
        if (q->key == key && q->section == section) return q->row;
    }
}

/* events[#events + 1 .. + 3] = row, what, other */
static void add_event(lua_State *L, int events, lua_Integer *n, lua_Integer row, lua_Integer what, lua_Integer other)
{
    lua_pushinteger(L, row);
    lua_rawseti(L, events, ++*n);
    lua_pushinteger(L, what);
    lua_rawseti(L, events, ++*n);
    lua_pushinteger(L, other);
    lua_rawseti(L, events, ++*n);
}

/* Whether the rows of cells a and b have the same text in each of the n
 * columns (lakip.same_as_above's test). */
static int same_cells(const cell *a, const cell *b, const int *cols, int n)
{
    for (int k = 0; k < n; k++)
        if (strcmp(a[cols[k]].text, b[cols[k]].text) != 0) return 0;
    return 1;
}

#define COPY_MAX_COLS 8

/* lakip.repeats(t, col, memo [, sc [, pc [, copy columns...]]]) ->
 * { row, what, other, ... }, in row order: what 1 when data row `row`'s
 * key (of its text in column col, through the key memo) is that of the
 * data row `other` above it in the same section (other: the first such
 * row), what 2 when the data row just above, `other`, has another key,
 * neither key empty, and the two rows' texts in the copy columns are
 * the same (lakip.same_as_above; no copies looked for without copy
 * columns, or when one is nil or not the table's); for one row, 1
 * before 2. sc and pc: the sasaran and program columns of the sections,
 * or nil. The copy test is made here, for the rows it matters on,
 * rather than for every row by lakip.same_as_above beforehand. */
/* (flatten: the row loop's calls — the table's row accessors, the name's
 * hash and slot — inlined into it; callgrind, 20k-row file: 8.1 M ->
 * 7.2 M for this function) */
__attribute__((flatten)) static int f_repeats(lua_State *L)
{
    const table *t = ((table_view *)check_class(L, 1, CLASS_TABLE, TABLE_MT))->t;
    int ic = column_arg(L, t, 2);
    key_memo *m = to_key_memo(L, 3);
    if (!m) return luaL_argerror(L, 3, "a key memo (lakip.key_memo) expected");
    int sc = lua_isnoneornil(L, 4) ? -1 : column_arg(L, t, 4);
    int pc = lua_isnoneornil(L, 5) ? -1 : column_arg(L, t, 5);
    if (ic < 0) return luaL_argerror(L, 2, "no such column");
    int ncopy = lua_gettop(L) > 5 ? lua_gettop(L) - 5 : 0, copy[COPY_MAX_COLS];
    if (ncopy > COPY_MAX_COLS) return luaL_error(L, "lakip.repeats: give at most %d copy columns", COPY_MAX_COLS);
    for (int k = 0; k < ncopy; k++) {
        copy[k] = lua_isnil(L, 6 + k) ? -1 : column_arg(L, t, 6 + k);
        if (copy[k] < 0) {
            ncopy = 0;                            /* the table lacks one: no copies */
            break;
        }
    }
    lua_settop(L, 3);
    size_t n = table_row_count(t);
    charge(L, (long long)n + 1);                  /* one per row, as t:texts */
    luaL_checkstack(L, 8, "lakip.repeats");
    lua_newtable(L);
    int events = lua_gettop(L);
    start_call(L, 3, m);
    lua_Integer nevents = 0;
    size_t prev = 0;                              /* the data row just above with a key (1-based), or 0 */
    uint32_t prev_key = 0;
    const cell *prev_cells = NULL;                /* its cells (a row's, read once for both uses) */
    for (size_t r = 0; r < n; r++) {
        size_t i = r + 1;
        if (table_row_kind(t, r) != ROW_DATA) {
            prev = 0;
            continue;
        }
        const cell *cells = table_row_cells(t, r);
        const char *name = cells[ic].text;
        uint32_t key = key_of_name(L, 3, m, name ? name : "", name ? strlen(name) : 0);
        text_entry *k = &m->keys.entry[key];
        if (k->len == 0) {
            prev = 0;
            continue;
        }
        if (k->seen != m->call) {                 /* the key's first row */
            k->seen = m->call;
            k->first = i;
        } else {
            /* repeated: the sections of its first row and of this one
             * (the first's once), as the rule's Lua looked them up */
            size_t first = k->first;
            if (k->paired != m->call) {
                k->paired = m->call;
                first_of_pair(L, 3, m, key, section_of(L, 3, m, t, first - 1, sc, pc), first);
            }
            size_t other = first_of_pair(L, 3, m, key, section_of(L, 3, m, t, r, sc, pc), i);
            if (other) add_event(L, events, &nevents, (lua_Integer)i, 1, (lua_Integer)other);
        }
        if (prev && ncopy && prev_key != key && same_cells(prev_cells, cells, copy, ncopy))   /* prev is row r - 1 */
            add_event(L, events, &nevents, (lua_Integer)i, 2, (lua_Integer)prev);
        prev = i;
        prev_key = key;
        prev_cells = cells;
    }
    lua_pushvalue(L, events);
    return 1;
}

void open_repeats(lua_State *L)
{
    lua_createtable(L, 0, 1);                   /* the key memos' metatable, locked */
    lock_metatable(L, NULL, NULL);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &KEY_MEMO_KEY);
    lua_pushcfunction(L, f_repeats);
    lua_setfield(L, -2, "repeats");
    lua_pushcfunction(L, f_key_memo);
    lua_setfield(L, -2, "key_memo");
}
