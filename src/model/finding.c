/*
 * finding.c — the finding list (see finding.h): storage, ordering,
 * fingerprints and message rendering from rule templates.
 *
 * Fingerprints identify a finding across runs for the baseline: they hash
 * the rule, the file's base name, the table caption, the indicator and the
 * reported/expected numbers, but not the line, so moving a table does not
 * change them while editing a number does. Identical findings are told
 * apart by their order of occurrence.
 */
#include "model/finding.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>
#include "util/arena.h"
#include "util/key_spool.h"
#include "util/util.h"

typedef struct {
    char *rule;
    char *group;            /* the long-form report it is about (finding_list_take_notes), or NULL */
    char *text[2];          /* indexed by enum lang; without the group */
    bool pooled;            /* its strings live in the list's note_pool */
} finding_note;

/* The notes of a list given a file for them (finding_list_spool_notes):
 * a key spool (util/key_spool.h: the file behind a filter of fixed size)
 * of records keyed by the note's hash, each four lengths (uint32: rule,
 * 1 + group's or 0 for none, text_id, text_en) and the four texts. A note
 * is kept once: the spool's records of its hash are compared with it. */
typedef struct {
    key_spool *ks;
    /* the note read last, its strings in buf */
    size_t cur;             /* its index, SIZE_MAX: none */
    uint64_t next_at;       /* where the one after it starts */
    char *buf;
    size_t buf_cap;
    finding_note view;
} note_spool;

/* Strings kept once each, in an arena freed with the list. */
typedef struct {
    arena blocks;
    const char **slots;     /* open addressing over the strings; NULL = empty */
    size_t nslots, n;
} string_pool;

struct finding_list {
    string_pool pool;
    finding *items;
    size_t count, cap;
    size_t *order;          /* insertion order, for a stable sort */
    finding_note *notes;    /* in the order stated */
    size_t nnotes, notes_cap;
    size_t *note_slots;     /* open addressing: 1 + the index of a note, 0 = empty */
    size_t note_nslots;
    /* the notes taken from a long-form file's reports, a note per report:
     * their texts differ by little (a row count) and are kept once each */
    string_pool note_pool;
    char *note_text;        /* finding_note_text's "GROUP: text" */
    size_t note_text_cap;
    /* notes given after finding_list_spool_notes, in a file; after those
     * in `notes`, which were given before */
    note_spool *spool;
};

finding_list *finding_list_new(void)
{
    return xcalloc(1, sizeof(finding_list));
}

static void *pool_alloc(string_pool *p, size_t n)
{
    return arena_alloc(&p->blocks, n);
}

/* A slot's hash (the pool's, the notes'; nothing written depends on it):
 * eight bytes a step, mixed down to the low bits the slots use. A report's
 * notes are long texts hashed twice each (its list, then the file's), and
 * a byte a step was most of what taking them cost. */
static uint64_t hash_string(const char *s)
{
    size_t n = strlen(s), i = 0;
    uint64_t h = 0xcbf29ce484222325ULL ^ n, w;
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0x100000001b3ULL;
        h ^= h >> 29;
    }
    w = 0;
    memcpy(&w, s + i, n - i);
    h = (h ^ w) * 0x100000001b3ULL;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

/* The pool's copy of s (NULL stays NULL). */
static char *pool_intern(string_pool *p, const char *s)
{
    if (!s) return NULL;
    if ((p->n + 1) * 2 > p->nslots) {
        size_t nslots = p->nslots ? p->nslots * 2 : 4096;
        const char **slots = xcalloc(nslots, sizeof *slots);
        for (size_t i = 0; i < p->nslots; i++) {
            if (!p->slots[i]) continue;
            size_t k = (size_t)hash_string(p->slots[i]) & (nslots - 1);
            while (slots[k]) k = (k + 1) & (nslots - 1);
            slots[k] = p->slots[i];
        }
        free(p->slots);
        p->slots = slots;
        p->nslots = nslots;
    }
    size_t k = (size_t)hash_string(s) & (p->nslots - 1);
    for (; p->slots[k]; k = (k + 1) & (p->nslots - 1))
        if (strcmp(p->slots[k], s) == 0) return (char *)p->slots[k];
    size_t n = strlen(s) + 1;
    char *copy = pool_alloc(p, n);
    memcpy(copy, s, n);
    p->slots[k] = copy;
    p->n++;
    return copy;
}

static void pool_free(string_pool *p)
{
    arena_free(&p->blocks);
    free(p->slots);
    memset(p, 0, sizeof *p);
}

/* How many fields f->fields has room for: eight, else the power of two
 * at or above nfields; finding_set doubles it when full instead of
 * growing it by one for each of a finding's fifteen or so fields. */
static size_t fields_room(size_t nfields)
{
    size_t room = 8;
    while (room < nfields) room *= 2;
    return room;
}

/* Strings and fields of its own again for a finding whose strings are a
 * list's pool's (pooled) or in one block with it (finding_add_whole),
 * before it changes. */
static void own_strings(finding *f)
{
    if (!f->pooled && !f->block) return;
    f->rule = xstrdup(f->rule);
    f->file = xstrdup(f->file);
    f->table = xstrdup(f->table);
    f->indicator = xstrdup(f->indicator);
    if (f->where.sheet) f->where.sheet = xstrdup(f->where.sheet);
    if (f->table_where.sheet) f->table_where.sheet = xstrdup(f->table_where.sheet);
    finding_field *fields = xmalloc(fields_room(f->nfields) * sizeof *fields);
    for (size_t i = 0; i < f->nfields; i++) {
        fields[i].key = xstrdup(f->fields[i].key);
        fields[i].value = xstrdup(f->fields[i].value);
    }
    free(f->block);
    f->block = NULL;
    f->fields = fields;
    f->pooled = 0;
}

static void finding_clear(finding *f)
{
    if (f->pooled) return;      /* the pool goes with the list */
    if (f->block) {
        free(f->block);
        return;
    }
    free(f->rule);
    free(f->file);
    free(f->table);
    free(f->indicator);
    free((char *)f->where.sheet);
    free((char *)f->table_where.sheet);
    for (size_t i = 0; i < f->nfields; i++) {
        free(f->fields[i].key);
        free(f->fields[i].value);
    }
    free(f->fields);
}

void finding_list_free(finding_list *l)
{
    if (!l) return;
    for (size_t i = 0; i < l->count; i++) finding_clear(&l->items[i]);
    finding_list_clear_notes(l);
    free(l->notes);
    free(l->note_text);
    free(l->items);
    free(l->order);
    pool_free(&l->pool);
    free(l);
}

finding *finding_add(finding_list *l, const char *rule, enum severity sev,
                     const char *file, int line, const char *table, int table_line,
                     const char *indicator)
{
    grow_array((void **)&l->items, &l->cap, l->count + 1, sizeof(finding));
    finding *f = &l->items[l->count++];
    memset(f, 0, sizeof *f);
    f->rule = xstrdup(rule);
    f->severity = sev;
    f->file = xstrdup(file);
    f->line = line;
    f->table = xstrdup(table);
    f->table_line = table_line;
    f->indicator = xstrdup(indicator);
    /* remember insertion order in an otherwise unused slot of the key */
    f->fingerprint[0] = '\0';
    return f;
}

void finding_list_move(finding_list *dst, finding_list *src)
{
    if (!src->count) return;
    if (!dst->count) {          /* take the array as it is: no second copy */
        finding *items = dst->items;
        size_t cap = dst->cap;
        dst->items = src->items;
        dst->cap = src->cap;
        dst->count = src->count;
        src->items = items;
        src->cap = cap;
    } else {
        grow_array((void **)&dst->items, &dst->cap, dst->count + src->count, sizeof(finding));
        memcpy(dst->items + dst->count, src->items, src->count * sizeof(finding));
        dst->count += src->count;
    }
    src->count = 0;
    /* pooled findings take their strings along */
    if (src->pool.blocks.blocks) {
        arena_move(&dst->pool.blocks, &src->pool.blocks);
        free(src->pool.slots);
        memset(&src->pool, 0, sizeof src->pool);
    }
}

/* The pool's copy of s; s is freed unless it lives in a finding's block. */
static char *compact_string(string_pool *p, char *s, bool owned)
{
    char *copy = pool_intern(p, s);
    if (owned) free(s);
    return copy;
}

void finding_list_compact(finding_list *l, size_t from)
{
    string_pool *p = &l->pool;
    for (size_t i = from; i < l->count; i++) {
        finding *f = &l->items[i];
        if (f->pooled) continue;
        bool owned = !f->block;     /* a block goes at once, below */
        f->rule = compact_string(p, f->rule, owned);
        f->file = compact_string(p, f->file, owned);
        f->table = compact_string(p, f->table, owned);
        f->indicator = compact_string(p, f->indicator, owned);
        if (f->where.sheet) f->where.sheet = compact_string(p, (char *)f->where.sheet, owned);
        if (f->table_where.sheet) f->table_where.sheet = compact_string(p, (char *)f->table_where.sheet, owned);
        finding_field *fields = pool_alloc(p, (f->nfields ? f->nfields : 1) * sizeof *fields);
        for (size_t k = 0; k < f->nfields; k++) {
            fields[k].key = compact_string(p, f->fields[k].key, owned);
            fields[k].value = compact_string(p, f->fields[k].value, owned);
        }
        if (f->block) free(f->block);
        else free(f->fields);
        f->block = NULL;
        f->fields = fields;
        f->pooled = 1;
    }
}

static void copy_place(place *dst, const place *src)
{
    free((char *)dst->sheet);
    *dst = *src;
    dst->sheet = src->sheet ? xstrdup(src->sheet) : NULL;
}

void finding_set_place(finding *f, const place *where, const place *table_where)
{
    own_strings(f);
    if (where) copy_place(&f->where, where);
    if (table_where) copy_place(&f->table_where, table_where);
}

void finding_set(finding *f, const char *key, const char *value)
{
    own_strings(f);
    for (size_t i = 0; i < f->nfields; i++)
        if (f->fields[i].key[0] == key[0] && strcmp(f->fields[i].key, key) == 0) {
            free(f->fields[i].value);
            f->fields[i].value = xstrdup(value ? value : "");
            return;
        }
    if (f->nfields == 0 || f->nfields == fields_room(f->nfields))
        f->fields = xrealloc(f->fields, (f->nfields ? 2 * f->nfields : fields_room(0)) * sizeof(finding_field));
    f->sorted = false;      /* (a new key: after the others, wherever its place) */
    f->fields[f->nfields].key = xstrdup(key);
    f->fields[f->nfields].value = xstrdup(value ? value : "");
    f->nfields++;
}

/* A key's first eight bytes as a number that orders as strcmp orders them
 * (big-endian; the bytes after the key's end are 0, as its terminator). */
static uint64_t key_prefix(const char *key, size_t len)
{
    uint64_t v = 0;
#if defined __GNUC__ && defined __BYTE_ORDER__ && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (len >= 8) {
        memcpy(&v, key, 8);
        return __builtin_bswap64(v);
    }
#endif
    for (size_t k = 0; k < 8 && k < len; k++) v |= (uint64_t)(unsigned char)key[k] << (56 - 8 * k);
    return v;
}

/* A field to sort: its key's prefix, and its index in the fields given. */
typedef struct {
    uint64_t prefix;
    size_t i;
} sort_key;

/* strcmp's sign for the keys of two fields. Equal prefixes of a key
 * shorter than eight bytes hold its terminator: the other key ends there
 * too. */
static int key_order(const sort_key *a, const sort_key *b, const finding_field_in *in)
{
    if (a->prefix != b->prefix) return a->prefix < b->prefix ? -1 : 1;
    if (in[a->i].key_len < 8 || in[b->i].key_len < 8) return 0;
    return strcmp(in[a->i].key + 8, in[b->i].key + 8);
}

/* The orders fields_order found last (per thread): a rule's findings give
 * the same keys in the same order (a table of the same shape, walked in
 * the same hash order), so the order is looked up, by the keys' bytes,
 * rather than sorted again. */
enum { ORDER_MEMOS = 4, ORDER_MEMO_FIELDS = 64, ORDER_MEMO_BYTES = 1024 };
typedef struct {
    size_t n, m;                            /* fields given, fields kept; n = 0: empty */
    unsigned char idx[ORDER_MEMO_FIELDS];   /* the m kept, in key order */
    char keys[ORDER_MEMO_BYTES];            /* the n keys given, each ended by its NUL */
} order_memo;
static _Thread_local order_memo order_memos[ORDER_MEMOS];
static _Thread_local unsigned order_memo_next;

/* Whether memo holds the keys of in[0..n) in order. */
static bool memo_holds(const order_memo *memo, const finding_field_in *in, size_t n)
{
    if (memo->n != n) return false;
    const char *k = memo->keys, *end = memo->keys + ORDER_MEMO_BYTES;
    for (size_t i = 0; i < n; i++) {
        if ((size_t)(end - k) < in[i].key_len + 1 || memcmp(k, in[i].key, in[i].key_len + 1) != 0)
            return false;       /* (the same bytes and the same end: the same key) */
        k += in[i].key_len + 1;
    }
    return true;
}

/* The indices of in's fields in key order, a repeated key once (its last
 * value: finding_set's): their number, the indices in idx (n <= 64). */
static size_t fields_order(const finding_field_in *in, size_t n, size_t *idx)
{
    for (unsigned k = 0; k < ORDER_MEMOS; k++) {
        const order_memo *memo = &order_memos[k];
        if (memo->n && memo_holds(memo, in, n)) {
            for (size_t j = 0; j < memo->m; j++) idx[j] = memo->idx[j];
            return memo->m;
        }
    }
    /* an insertion sort (stable: of a repeated key, the last given comes
     * last) on the keys' first eight bytes */
    sort_key order[ORDER_MEMO_FIELDS];
    for (size_t i = 0; i < n; i++) {
        sort_key x = { key_prefix(in[i].key, in[i].key_len), i };
        size_t j = i;
        for (; j > 0 && (order[j - 1].prefix > x.prefix
                         || (order[j - 1].prefix == x.prefix && key_order(&order[j - 1], &x, in) > 0)); j--)
            order[j] = order[j - 1];
        order[j] = x;
    }
    /* a repeated key once, with its last value */
    size_t m = 0;
    for (size_t j = 0; j < n; j++) {
        if (m && order[m - 1].prefix == order[j].prefix && key_order(&order[m - 1], &order[j], in) == 0) m--;
        order[m++] = order[j];
    }
    for (size_t j = 0; j < m; j++) idx[j] = order[j].i;
    /* kept for the next finding of the kind, when the keys fit */
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++) bytes += in[i].key_len + 1;
    if (n && bytes <= ORDER_MEMO_BYTES) {
        order_memo *memo = &order_memos[order_memo_next++ % ORDER_MEMOS];
        char *k = memo->keys;
        for (size_t i = 0; i < n; i++) {
            memcpy(k, in[i].key, in[i].key_len + 1);
            k += in[i].key_len + 1;
        }
        for (size_t j = 0; j < m; j++) memo->idx[j] = (unsigned char)idx[j];
        memo->n = n;
        memo->m = m;
    }
    return m;
}

finding *finding_add_whole(finding_list *l, const finding_head *h, const finding_field_in *in, size_t n)
{
    enum { MAX = 64 };
    if (n > MAX) {          /* (never from ctx:emit, which keeps 48): one by one */
        finding *f = finding_add(l, h->rule, h->severity, h->file, h->line, h->table, h->table_line, h->indicator);
        finding_set_place(f, h->where, h->table_where);
        for (size_t i = 0; i < n; i++) finding_set(f, in[i].key, in[i].value);
        return f;
    }
    size_t idx[MAX], m = fields_order(in, n, idx);
    const char *head[6] = { h->rule, h->file, h->table, h->indicator,
                            h->where ? h->where->sheet : NULL, h->table_where ? h->table_where->sheet : NULL };
    size_t head_len[6], bytes = m * sizeof(finding_field);
    for (int k = 0; k < 6; k++) bytes += head[k] ? (head_len[k] = strlen(head[k])) + 1 : 0;
    for (size_t j = 0; j < m; j++) bytes += in[idx[j]].key_len + in[idx[j]].value_len + 2;
    /* the fields first (the block is malloc's, aligned for them), then the strings */
    char *block = xmalloc(bytes ? bytes : 1);
    finding_field *fields = (finding_field *)(void *)block;
    char *at = block + m * sizeof(finding_field);
    char *copy[6];
    for (int k = 0; k < 6; k++) {
        copy[k] = head[k] ? memcpy(at, head[k], head_len[k] + 1) : NULL;
        if (head[k]) at += head_len[k] + 1;
    }
    for (size_t j = 0; j < m; j++) {
        const finding_field_in *x = &in[idx[j]];
        fields[j].key = memcpy(at, x->key, x->key_len);
        at[x->key_len] = '\0';
        at += x->key_len + 1;
        fields[j].value = at;
        if (x->value_len) memcpy(at, x->value, x->value_len);
        at[x->value_len] = '\0';
        at += x->value_len + 1;
    }
    grow_array((void **)&l->items, &l->cap, l->count + 1, sizeof(finding));
    finding *f = &l->items[l->count++];
    memset(f, 0, sizeof *f);
    f->rule = copy[0];
    f->severity = h->severity;
    f->file = copy[1];
    f->line = h->line;
    f->table = copy[2];
    f->table_line = h->table_line;
    f->indicator = copy[3];
    if (h->where) {
        f->where = *h->where;
        f->where.sheet = copy[4];
    }
    if (h->table_where) {
        f->table_where = *h->table_where;
        f->table_where.sheet = copy[5];
    }
    f->fields = fields;
    f->nfields = m;
    f->block = block;
    f->sorted = true;
    return f;
}

const char *finding_get(const finding *f, const char *key)
{
    /* the first byte before strcmp: the writers ask several keys of every
     * finding; in key order, the keys after its first byte's are not it */
    unsigned char first = (unsigned char)key[0];
    for (size_t i = 0; i < f->nfields; i++) {
        unsigned char c = (unsigned char)f->fields[i].key[0];
        if (c == first && strcmp(f->fields[i].key, key) == 0) return f->fields[i].value;
        if (c > first && f->sorted) break;
    }
    return NULL;
}

void finding_get_sorted(const finding *f, const char *const *keys, size_t n, const char **values)
{
    if (!f->sorted) {
        for (size_t j = 0; j < n; j++) values[j] = finding_get(f, keys[j]);
        return;
    }
    /* both in key order: one walk over the fields */
    size_t i = 0, j = 0;
    while (j < n) {
        int c = 1;
        if (i < f->nfields) {
            const char *k = f->fields[i].key;
            c = (unsigned char)k[0] - (unsigned char)keys[j][0];
            if (!c) c = strcmp(k, keys[j]);
        }
        if (c < 0) {
            i++;
            continue;
        }
        values[j++] = c ? NULL : f->fields[i].value;
        if (!c) i++;
    }
}

size_t finding_count(const finding_list *l) { return l->count; }

finding *finding_at(const finding_list *l, size_t i) { return i < l->count ? &l->items[i] : NULL; }

static int strcmp_null(const char *a, const char *b)
{
    if (!a || !b) return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

/* qsort is not stable; ties are broken by the original position, which
 * finding_list_finish stores in `accepted` before sorting and clears after. */
static int compare_findings(const void *pa, const void *pb)
{
    const finding *a = pa, *b = pb;
    /* a long-form file's reports in file order; the audit's own findings
     * (part 0) after them, when all of them are known */
    size_t pa_key = a->part ? a->part : SIZE_MAX, pb_key = b->part ? b->part : SIZE_MAX;
    if (pa_key != pb_key) return pa_key < pb_key ? -1 : 1;
    int c = strcmp_null(a->file, b->file);
    if (c) return c;
    if (a->table_line != b->table_line) return a->table_line < b->table_line ? -1 : 1;
    if (a->line != b->line) return a->line < b->line ? -1 : 1;
    c = strcmp(a->rule, b->rule);
    if (c) return c;
    return (a->accepted > b->accepted) - (a->accepted < b->accepted);
}

static uint64_t fnv1a(uint64_t h, const char *s)
{
    if (!s) s = "";
    /* its length first, then four bytes a step: no test of each byte for
     * the end (the hash is the same, byte by byte) */
    size_t n = strlen(s), i = 0;
    const unsigned char *p = (const unsigned char *)s;
    for (; i + 4 <= n; i += 4) {
        h = (h ^ p[i]) * 0x100000001b3ULL;
        h = (h ^ p[i + 1]) * 0x100000001b3ULL;
        h = (h ^ p[i + 2]) * 0x100000001b3ULL;
        h = (h ^ p[i + 3]) * 0x100000001b3ULL;
    }
    for (; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ULL;
    h ^= 0xff;                  /* field separator: ("ab","c") != ("a","bc") */
    h *= 0x100000001b3ULL;
    return h;
}

/* The fields finding_identity hashes, and "summarizes" (mark_summarized),
 * in key order: what finding_get_sorted looks up in one walk. */
static const char *const identity_keys[] = { "expected", "key", "report_group", "reported", "summarizes" };
enum { ID_EXPECTED, ID_KEY, ID_GROUP, ID_REPORTED, ID_SUMMARIZES, ID_KEYS };

/* v: the fields identity_keys names */
static uint64_t finding_identity(const finding *f, const char *const v[ID_KEYS])
{
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv1a(h, f->rule);
    h = fnv1a(h, f->file ? path_basename(f->file) : "");
    h = fnv1a(h, f->table);
    h = fnv1a(h, f->indicator);
    h = fnv1a(h, v[ID_REPORTED]);
    h = fnv1a(h, v[ID_EXPECTED]);
    h = fnv1a(h, v[ID_KEY]);
    /* a long-form report's finding outside its tables: which report
     * (finding_list_name_group); nothing mixed in for the others, whose
     * fingerprints stay as they were */
    if (v[ID_GROUP]) h = fnv1a(h, v[ID_GROUP]);
    return h;
}

static void mark_summarized(finding_list *l);

/* Fields by key. A finding's keys are distinct (finding_set replaces),
 * so any sort gives the one order; a finding has some twenty fields, which
 * an insertion sort on the first byte, then strcmp, orders in a third of
 * qsort's instructions. */
static void sort_fields(finding_field *fields, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        finding_field x = fields[i];
        unsigned char first = (unsigned char)x.key[0];
        size_t j = i;
        for (; j > 0; j--) {
            const char *k = fields[j - 1].key;
            if ((unsigned char)k[0] < first || ((unsigned char)k[0] == first && strcmp(k, x.key) <= 0)) break;
            fields[j] = fields[j - 1];
        }
        fields[j] = x;
    }
}

/* identity -> copies numbered so far: open addressing, 0 = empty slot
 * (an identity hashing to 0 is stored as 1: a collision costs nothing but
 * sharing a counter, as two equal hashes already do).
 *
 * Given a file (finding_occurrences_spool), the table holds only the
 * identities of the list being finished: at its end each goes to a key
 * spool (util/key_spool.h: the file behind a filter of fixed size) as a
 * record {identity, copies so far}, and the table is emptied. An identity
 * met anew is looked up in the spool (the most copies of its records:
 * they only grow). Identical findings of two reports are rare (a table's
 * caption and a finding's report_group name the report), so the spool's
 * filter answers almost every lookup without reading the file. */
struct finding_occurrences {
    uint64_t *ids;
    unsigned *seen;
    size_t nslots, n;
    key_spool *ks;          /* NULL: everything is in the table */
};

finding_occurrences *finding_occurrences_new(void)
{
    return xcalloc(1, sizeof(finding_occurrences));
}

void finding_occurrences_free(finding_occurrences *o)
{
    if (!o) return;
    key_spool_free(o->ks);
    free(o->ids);
    free(o->seen);
    free(o);
}

void finding_occurrences_spool(finding_occurrences *o, FILE *f)
{
    key_spool_free(o->ks);
    o->ks = key_spool_new(f);
}

int finding_occurrences_error(finding_occurrences *o)
{
    return o->ks ? key_spool_sync(o->ks) : 0;
}

static unsigned *occurrence_slot(finding_occurrences *o, uint64_t id)
{
    if (!id) id = 1;
    if (2 * (o->n + 1) > o->nslots) {
        size_t nslots = o->nslots ? 2 * o->nslots : 64;
        uint64_t *ids = xcalloc(nslots, sizeof *ids);
        unsigned *seen = xcalloc(nslots, sizeof *seen);
        for (size_t i = 0; i < o->nslots; i++) {
            if (!o->ids[i]) continue;
            size_t k = (size_t)(o->ids[i] & (nslots - 1));
            while (ids[k]) k = (k + 1) & (nslots - 1);
            ids[k] = o->ids[i];
            seen[k] = o->seen[i];
        }
        free(o->ids);
        free(o->seen);
        o->ids = ids;
        o->seen = seen;
        o->nslots = nslots;
    }
    size_t k = (size_t)(id & (o->nslots - 1));
    while (o->ids[k] && o->ids[k] != id) k = (k + 1) & (o->nslots - 1);
    if (!o->ids[k]) {
        o->ids[k] = id;
        o->n++;
    }
    return &o->seen[k];
}

/* Whether the table holds id (not added). */
static bool occurrence_held(const finding_occurrences *o, uint64_t id)
{
    if (!o->nslots) return false;
    size_t k = (size_t)(id & (o->nslots - 1));
    for (; o->ids[k]; k = (k + 1) & (o->nslots - 1))
        if (o->ids[k] == id) return true;
    return false;
}

/* key_spool_find's visitor: the most copies of the identity's records. */
static bool most_copies(void *ud, const char *data, size_t n)
{
    uint64_t copies;
    if (n == sizeof copies) {
        memcpy(&copies, data, sizeof copies);
        unsigned *most = ud;
        if (*most < copies) *most = (unsigned)copies;
    }
    return false;       /* every record of the identity */
}

/* The counter of identity h, with the copies of the lists before (in the
 * file, when there is one) when it is new to the table. */
static unsigned *occurrence_counter(finding_occurrences *o, uint64_t h)
{
    uint64_t id = h ? h : 1;
    if (o->ks && !occurrence_held(o, id)) {
        unsigned copies = 0;
        key_spool_find(o->ks, id, most_copies, &copies);
        unsigned *c = occurrence_slot(o, id);
        *c = copies;
        return c;
    }
    return occurrence_slot(o, id);
}

/* A list finished: its identities to the file, the table emptied. */
static void occurrences_put_away(finding_occurrences *o)
{
    if (!o->ks || !o->nslots) return;   /* no table yet (memset may not be given NULL) */
    for (size_t k = 0; k < o->nslots; k++) {
        if (!o->ids[k]) continue;
        uint64_t copies = o->seen[k];
        key_spool_add(o->ks, o->ids[k], &copies, sizeof copies);
    }
    memset(o->ids, 0, o->nslots * sizeof *o->ids);
    memset(o->seen, 0, o->nslots * sizeof *o->seen);
    o->n = 0;
}

void finding_list_finish(finding_list *l)
{
    finding_occurrences *seen = finding_occurrences_new();
    finding_list_finish_after(l, seen);
    finding_occurrences_free(seen);
}

void finding_list_finish_after(finding_list *l, finding_occurrences *seen)
{
    for (size_t i = 0; i < l->count; i++) l->items[i].accepted = (int)i;
    sort_items(l->items, l->count, sizeof(finding), compare_findings);
    bool summaries = false;
    /* identical findings are numbered in report order: the k-th copy of
     * an identity gets "#k" mixed in */
    for (size_t i = 0; i < l->count; i++) {
        finding *f = &l->items[i];
        /* rules hand over fields in Lua's hash order, which changes from run
         * to run: sort them so every output is reproducible (ctx:emit's
         * findings come sorted: finding_add_whole) */
        if (!f->sorted) sort_fields(f->fields, f->nfields);
        f->sorted = true;
        f->accepted = 0;
        const char *v[ID_KEYS];
        finding_get_sorted(f, identity_keys, ID_KEYS, v);
        summaries |= v[ID_SUMMARIZES] != NULL;
        uint64_t h = finding_identity(f, v);
        unsigned *copies = occurrence_counter(seen, h);
        unsigned occurrence = (*copies)++;
        if (occurrence) {
            char buf[16];
            snprintf(buf, sizeof buf, "#%u", occurrence);
            h = fnv1a(h, buf);
        }
        /* as "%016llx" (snprintf was a tenth of finishing a finding) */
        for (int k = 15; k >= 0; k--, h >>= 4) f->fingerprint[k] = "0123456789abcdef"[h & 15];
        f->fingerprint[16] = '\0';
    }
    if (summaries) mark_summarized(l);       /* (none: nothing to mark) */
    occurrences_put_away(seen);
}

void finding_list_name_group(finding_list *l, size_t from, const char *group)
{
    if (!group) return;
    for (size_t i = from; i < l->count; i++)
        if (!l->items[i].table) finding_set(&l->items[i], "report_group", group);
}

void finding_list_set_part(finding_list *l, size_t from, size_t part)
{
    for (size_t i = from; i < l->count; i++) l->items[i].part = part;
}

void finding_list_clear(finding_list *l)
{
    for (size_t i = 0; i < l->count; i++) finding_clear(&l->items[i]);
    l->count = 0;
    pool_free(&l->pool);
}

void finding_list_apply_catalog(finding_list *l, const catalog *c)
{
    size_t kept = 0;
    for (size_t i = 0; i < l->count; i++) {
        finding *f = &l->items[i];
        const rule_info *r = catalog_find(c, f->rule);
        if (r && !r->enabled) {
            finding_clear(f);
            continue;
        }
        if (r) f->severity = r->severity;
        l->items[kept++] = *f;
    }
    l->count = kept;
}

int finding_summarized(const finding_list *l, const finding *f)
{
    (void)l;
    return f->summarized;
}

/* Marks the findings that a summary of the same file stands for. Summaries
 * are few (one per rule and file), so this is linear in the findings. */
static void mark_summarized(finding_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        const finding *s = &l->items[i];
        const char *what = finding_get(s, "summarizes");
        if (!what) continue;
        for (size_t j = 0; j < l->count; j++) {
            finding *f = &l->items[j];
            if (f != s && strcmp(f->rule, what) == 0 && strcmp_null(f->file, s->file) == 0) f->summarized = 1;
        }
    }
}

/* The field named by the n bytes at name (not terminated there), or NULL. */
static const char *field_named(const finding *f, const char *name, size_t n)
{
    unsigned char first = n ? (unsigned char)name[0] : 0;
    for (size_t i = 0; i < f->nfields; i++) {
        const char *key = f->fields[i].key;
        unsigned char c = (unsigned char)key[0];
        if (c == first && strncmp(key, name, n) == 0 && key[n] == '\0') return f->fields[i].value;
        if (c > first && f->sorted) break;
    }
    return NULL;
}

static bool named(const char *name, size_t n, const char *word)
{
    return strlen(word) == n && memcmp(name, word, n) == 0;
}

/* Value of a placeholder (the n bytes at name): a field, else one of the
 * finding's own slots. */
static const char *placeholder_value(const finding *f, const char *name, size_t n, char *buf, size_t size)
{
    const char *v = field_named(f, name, n);
    if (v) return v;
    if (named(name, n, "indicator")) return f->indicator;
    if (named(name, n, "table")) return f->table;
    if (named(name, n, "file")) return f->file;
    if (named(name, n, "line")) {
        snprintf(buf, size, "%d", f->line);
        return buf;
    }
    return NULL;
}

/* Appends n bytes to out (size bytes) at *len, as far as they fit with a
 * terminator; *len counts them all. */
static void put(char *out, size_t size, size_t *len, const char *s, size_t n)
{
    if (*len + 1 < size) memcpy(out + *len, s, *len + n < size ? n : size - 1 - *len);
    *len += n;
}

/* The template rendered into out as snprintf would (its length returned):
 * the text between braces copied in runs, each {name} looked up where it
 * stands (no copy of the name). */
static size_t render_to(const finding *f, const char *tpl, char *out, size_t size)
{
    size_t len = 0;
    for (const char *p = tpl; *p;) {
        if (*p != '{') {            /* the text up to the next brace, at once */
            const char *brace = strchr(p, '{');
            size_t n = brace ? (size_t)(brace - p) : strlen(p);
            put(out, size, &len, p, n);
            p += n;
            continue;
        }
        const char *end = strchr(p, '}');
        if (end && end - p - 1 < 64) {
            char buf[32];
            const char *v = placeholder_value(f, p + 1, (size_t)(end - p - 1), buf, sizeof buf);
            if (v) {
                put(out, size, &len, v, strlen(v));
                p = end + 1;
                continue;
            }
        }
        put(out, size, &len, p, 1);     /* a brace that names no value: itself */
        p++;
    }
    if (size) out[len < size ? len : size - 1] = '\0';
    return len;
}

/* text, rendered from f when it is a template, into a new string: into a
 * buffer on the stack first, then copied at its length (rendered again
 * only when longer than the buffer). */
static char *render_new(const finding *f, const char *text, bool template)
{
    char local[1024];
    size_t n = template ? render_to(f, text, local, sizeof local) : strlen(text);
    char *out = xmalloc(n + 1);
    if (!template) memcpy(out, text, n + 1);
    else if (n < sizeof local) memcpy(out, local, n + 1);
    else render_to(f, text, out, n + 1);
    return out;
}

char *finding_render(const finding *f, const char *tpl)
{
    return render_new(f, tpl, true);
}

/* The text finding_message shows: a template to render (*template), or
 * the text itself. */
static const char *message_text(const finding *f, const catalog *c, enum lang lang, bool *template)
{
    *template = false;
    const char *msg = finding_get(f, "message");    /* engine findings carry their own text */
    if (msg) return msg;
    const rule_info *r = catalog_find(c, f->rule);
    if (r && rule_text(r->message, lang)) {
        *template = true;
        return rule_text(r->message, lang);
    }
    if (r && rule_text(r->title, lang)) return rule_text(r->title, lang);
    return f->rule;
}

char *finding_message(const finding *f, const catalog *c, enum lang lang)
{
    bool template;
    const char *text = message_text(f, c, lang, &template);
    return render_new(f, text, template);
}

size_t finding_message_to(const finding *f, const catalog *c, enum lang lang, char *buf, size_t size)
{
    bool template;
    const char *text = message_text(f, c, lang, &template);
    if (template) return render_to(f, text, buf, size);
    size_t n = strlen(text);
    if (size) {
        size_t k = n < size ? n : size - 1;
        memcpy(buf, text, k);
        buf[k] = '\0';
    }
    return n;
}

char *finding_fix(const finding *f, const catalog *c, enum lang lang)
{
    const rule_info *r = catalog_find(c, f->rule);
    if (!r || !rule_text(r->fix, lang)) return NULL;
    return render_new(f, rule_text(r->fix, lang), true);
}

static size_t note_hash(const char *rule, const char *group, const char *text_id)
{
    return (size_t)((hash_string(rule) * 31 ^ (group ? hash_string(group) : 0)) * 31 ^ hash_string(text_id));
}

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* The slot of the note (rule, text_id), or the empty slot where it would
 * go. A long-form file states a note per report: tens of thousands, which
 * a scan of the list for each one would make quadratic. */
static size_t *note_slot(finding_list *l, const char *rule, const char *group, const char *text_id)
{
    if ((l->nnotes + 1) * 2 > l->note_nslots) {
        size_t nslots = l->note_nslots ? l->note_nslots * 2 : 64;
        size_t *slots = xcalloc(nslots, sizeof *slots);
        for (size_t i = 0; i < l->nnotes; i++) {
            size_t k = note_hash(l->notes[i].rule, l->notes[i].group, l->notes[i].text[LANG_ID]) & (nslots - 1);
            while (slots[k]) k = (k + 1) & (nslots - 1);
            slots[k] = i + 1;
        }
        free(l->note_slots);
        l->note_slots = slots;
        l->note_nslots = nslots;
    }
    size_t k = note_hash(rule, group, text_id) & (l->note_nslots - 1);
    for (; l->note_slots[k]; k = (k + 1) & (l->note_nslots - 1)) {
        const finding_note *n = &l->notes[l->note_slots[k] - 1];
        if (strcmp(n->rule, rule) == 0 && same_text(n->group, group) && strcmp(n->text[LANG_ID], text_id) == 0) break;
    }
    return &l->note_slots[k];
}

/* Fewer notes than this are looked through, not hashed: a report's list
 * has one note or two, and hashing their long texts (and a table of slots
 * for each report) was most of what stating one cost. */
enum { NOTES_LOOKED_THROUGH = 8 };

/* Whether l holds the note (rule, group, text_id) in memory; when it does
 * not, *slot is the empty slot where it goes, or NULL when l has no slots
 * (yet: below NOTES_LOOKED_THROUGH notes). */
static bool held_note(finding_list *l, const char *rule, const char *group, const char *text_id, size_t **slot)
{
    *slot = NULL;
    if (l->nnotes < NOTES_LOOKED_THROUGH && !l->note_nslots) {
        for (size_t i = 0; i < l->nnotes; i++) {
            const finding_note *n = &l->notes[i];
            if (strcmp(n->rule, rule) == 0 && same_text(n->group, group) && strcmp(n->text[LANG_ID], text_id) == 0)
                return true;
        }
        return false;
    }
    *slot = note_slot(l, rule, group, text_id);
    return **slot != 0;
}

/* Appends n to l's notes and records it in the empty slot held_note gave,
 * if any (the slots' array does not move: note_slot grows it before it
 * looks). */
static void append_note(finding_list *l, size_t *slot, finding_note n)
{
    grow_array((void **)&l->notes, &l->notes_cap, l->nnotes + 1, sizeof(finding_note));
    l->notes[l->nnotes++] = n;
    if (slot) *slot = l->nnotes;
}

/* ---- notes in a file (finding_list_spool_notes) ---- */

/* A note's key in the file: note_hash's (nothing written depends on it;
 * fnv1a a byte a step was half of what taking a report's note cost). */
static uint64_t spool_hash(const char *rule, const char *group, const char *text_id)
{
    return (uint64_t)note_hash(rule, group, text_id);
}

/* Decodes a record's bytes into s->view, its texts in s->buf. 0, or -1
 * when they are not a note this list wrote. */
static int note_decode(note_spool *s, const char *p, size_t total)
{
    uint32_t len[4];
    if (total < sizeof len) return -1;
    memcpy(len, p, sizeof len);
    p += sizeof len;
    total -= sizeof len;
    grow_array((void **)&s->buf, &s->buf_cap, total + 4, 1);
    char *texts[4];
    size_t to = 0, used = 0;
    for (int k = 0; k < 4; k++) {       /* each text ending in a NUL of its own */
        size_t n = k == 1 ? (len[1] ? len[1] - 1 : 0) : len[k];
        if (n > total - used) return -1;
        memcpy(s->buf + to, p + used, n);
        texts[k] = s->buf + to;
        s->buf[to + n] = '\0';
        used += n;
        to += n + 1;
    }
    s->view = (finding_note){ .rule = texts[0], .group = len[1] ? texts[1] : NULL,
                              .text = { [LANG_ID] = texts[2], [LANG_EN] = texts[3] } };
    return 0;
}

static bool is_note(const finding_note *n, const char *rule, const char *group, const char *text_id)
{
    return strcmp(n->rule, rule) == 0 && same_text(n->group, group) && strcmp(n->text[LANG_ID], text_id) == 0;
}

typedef struct {
    note_spool *s;
    const char *rule, *group, *text_id;
} note_query;

/* key_spool_find's judge: whether a record of the note's hash is the note. */
static bool note_matches(void *ud, const char *data, size_t n)
{
    note_query *q = ud;
    return note_decode(q->s, data, n) == 0 && is_note(&q->s->view, q->rule, q->group, q->text_id);
}

/* Appends the note to the file unless it holds it already (or cannot be
 * read: nothing is written after an error). */
static void spool_add(note_spool *s, const char *rule, const char *group, const char *text_id, const char *text_en)
{
    uint64_t h = spool_hash(rule, group, text_id);
    s->cur = SIZE_MAX;                  /* s->view may be read over */
    note_query q = { s, rule, group, text_id };
    if (key_spool_find(s->ks, h, note_matches, &q) || key_spool_error(s->ks) != 0) return;
    const char *texts[4] = { rule, group, text_id, text_en };
    size_t n[4], total = 0;
    for (int k = 0; k < 4; k++) total += n[k] = texts[k] ? strlen(texts[k]) : 0;
    if (total >= UINT32_MAX - 16) {     /* refused by the spool as too long (EOVERFLOW), not copied */
        key_spool_add(s->ks, h, NULL, UINT32_MAX);
        return;
    }
    uint32_t len[4] = { (uint32_t)n[0], group ? (uint32_t)n[1] + 1 : 0, (uint32_t)n[2], (uint32_t)n[3] };
    grow_array((void **)&s->buf, &s->buf_cap, sizeof len + total, 1);
    memcpy(s->buf, len, sizeof len);
    size_t to = sizeof len;
    for (int k = 0; k < 4; k++) {
        memcpy(s->buf + to, texts[k] ? texts[k] : "", n[k]);
        to += n[k];
    }
    key_spool_add(s->ks, h, s->buf, to);
}

/* Note i of l, from memory or read from its file; on a read error an
 * empty note (finding_list_notes_error says so). Written in order, the
 * file is read in order: a note read is the next after the one before. */
static const finding_note *note_at(const finding_list *l, size_t i)
{
    static const finding_note none = { .rule = "", .text = { "", "" } };
    if (i < l->nnotes) return &l->notes[i];
    note_spool *s = l->spool;
    size_t j = i - l->nnotes;
    if (!s || j >= key_spool_count(s->ks)) return &none;
    if (j == s->cur) return &s->view;
    size_t k = 0;
    uint64_t at = 0;
    if (s->cur != SIZE_MAX && j > s->cur) {
        k = s->cur + 1;
        at = s->next_at;
    }
    s->cur = SIZE_MAX;
    for (; k < j; k++)
        if (key_spool_read(s->ks, at, NULL, NULL, NULL, &at) != 0) return &none;
    const char *data;
    size_t n;
    if (key_spool_read(s->ks, at, NULL, &data, &n, &s->next_at) != 0 || note_decode(s, data, n) != 0) return &none;
    s->cur = j;
    return &s->view;
}

void finding_list_spool_notes(finding_list *l, FILE *f)
{
    finding_list_unspool_notes(l);
    note_spool *s = l->spool = xcalloc(1, sizeof *l->spool);
    s->ks = key_spool_new(f);
    s->cur = SIZE_MAX;
}

void finding_list_unspool_notes(finding_list *l)
{
    note_spool *s = l->spool;
    if (!s) return;
    key_spool_free(s->ks);
    free(s->buf);
    free(s);
    l->spool = NULL;
}

int finding_list_notes_error(const finding_list *l)
{
    return l->spool ? key_spool_sync(l->spool->ks) : 0;
}

/* ---- adding and reading notes ---- */

/* Adds the note unless l has it (in memory or in its file): kept in the
 * file when l has one, else in memory, its strings in the note pool when
 * `pool` (notes taken from a long-form file's reports), else copied.
 * false: l had it. */
static bool add_note(finding_list *l, const char *rule, const char *group, const char *text_id,
                     const char *text_en, bool pool)
{
    size_t *slot;
    if (held_note(l, rule, group, text_id, &slot)) return false;
    if (l->spool) {
        spool_add(l->spool, rule, group, text_id, text_en);
        return true;
    }
    if (!pool) {
        append_note(l, slot, (finding_note){ .rule = xstrdup(rule), .group = group ? xstrdup(group) : NULL,
                                             .text = { xstrdup(text_id), xstrdup(text_en) } });
        return true;
    }
    string_pool *p = &l->note_pool;
    append_note(l, slot, (finding_note){ .rule = pool_intern(p, rule), .group = pool_intern(p, group),
                                         .text = { pool_intern(p, text_id), pool_intern(p, text_en) },
                                         .pooled = true });
    return true;
}

void finding_list_add_note(finding_list *l, const char *rule, const char *text_id, const char *text_en)
{
    add_note(l, rule, NULL, text_id, text_en, false);
}

void finding_list_take_notes_seen(finding_list *out, const finding_list *from, const char *group,
                                  void (*added)(void *ud, const char *rule, const char *group, const char *text_id,
                                                const char *text_en),
                                  void *ud)
{
    size_t n = finding_note_count(from);
    for (size_t i = 0; i < n; i++) {
        const finding_note *note = note_at(from, i);
        const char *g = group ? group : note->group;
        if (add_note(out, note->rule, g, note->text[LANG_ID], note->text[LANG_EN], true) && added)
            added(ud, note->rule, g, note->text[LANG_ID], note->text[LANG_EN]);
    }
}

void finding_list_take_notes(finding_list *out, const finding_list *from, const char *group)
{
    finding_list_take_notes_seen(out, from, group, NULL, NULL);
}

void finding_list_clear_notes(finding_list *l)
{
    for (size_t i = 0; i < l->nnotes; i++) {
        finding_note *n = &l->notes[i];
        if (n->pooled) continue;
        free(n->rule);
        free(n->group);
        free(n->text[0]);
        free(n->text[1]);
    }
    l->nnotes = 0;
    free(l->note_slots);
    l->note_slots = NULL;
    l->note_nslots = 0;
    pool_free(&l->note_pool);
    finding_list_unspool_notes(l);
}

size_t finding_note_count(const finding_list *l)
{
    return l->nnotes + (l->spool ? key_spool_count(l->spool->ks) : 0);
}

const char *finding_note_rule(const finding_list *l, size_t i)
{
    return note_at(l, i)->rule;
}

void finding_note_parts(const finding_list *l, size_t i, const char **rule, const char **group, const char **text_id,
                        const char **text_en)
{
    const finding_note *n = note_at(l, i);
    *rule = n->rule;
    *group = n->group;
    *text_id = n->text[LANG_ID];
    *text_en = n->text[LANG_EN];
}

const char *finding_note_join(const char *group, const char *text, char *buf, size_t size, char **made)
{
    *made = NULL;
    if (!group) return text;
    size_t a = strlen(group), b = strlen(text);
    char *to = a + 2 + b + 1 <= size ? buf : (*made = xmalloc(a + 2 + b + 1));
    memcpy(to, group, a);
    memcpy(to + a, ": ", 2);
    memcpy(to + a + 2, text, b + 1);
    return to;
}

const char *finding_note_text(const finding_list *l, size_t i, enum lang lang)
{
    const finding_note *n = note_at(l, i);
    if (!n->group) return n->text[lang];
    /* "GROUP: text", made when asked: stored whole, a note per report of
     * a long-form file would be most of the memory the audit keeps */
    finding_list *m = (finding_list *)l;
    char *made;
    grow_array((void **)&m->note_text, &m->note_text_cap, strlen(n->group) + 2 + strlen(n->text[lang]) + 1, 1);
    return finding_note_join(n->group, n->text[lang], m->note_text, m->note_text_cap, &made);
}
