/*
 * tools/embed_rules.c — build-time tool: compiles the shipped rule files
 * (the .lua files of rules/lib and rules) to Lua bytecode and writes them, with
 * their source text, as C arrays (build/gen/bundled_rules.c), so the
 * program starts without reading or compiling its own rules.
 *
 *   embed_rules FILE.lua...  >bundled_rules.c
 *
 * Each FILE is named as given (e.g. rules/capaian.lua): that name is the
 * chunk name ("@rules/capaian.lua"), so errors and tracebacks of the
 * embedded rules name the same file and line as the source would. The
 * line information is kept for those lines; the names of local variables
 * and upvalues are left out (drop_names): they were a third of the strings
 * the engine interned loading the rules, twice per audit, and only error
 * messages use them ("local 'x'" becomes "?"). A file under a
 * "lib/" folder is a library module. The bytecode is only ever loaded by
 * the engine for these embedded files; user rule files are always
 * compiled from source (src/engine/bundled.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

typedef struct {
    unsigned char *data;
    size_t len, cap;
} buffer;

static int collect(lua_State *L, const void *p, size_t n, void *ud)
{
    (void)L;
    buffer *b = ud;
    if (b->len + n > b->cap) {
        size_t cap = (b->len + n) * 2;
        unsigned char *d = realloc(b->data, cap);
        if (!d) return 1;
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    return 0;
}

/* ---- Lua 5.4 bytecode (ldump.c's format), rewritten without names ---- */

typedef struct {
    const unsigned char *p, *end;
    buffer *out;
    int bad;
} rewrite;

static void copy(rewrite *r, size_t n)
{
    if ((size_t)(r->end - r->p) < n) {
        r->bad = 1;
        r->p = r->end;
        return;
    }
    if (collect(NULL, r->p, n, r->out)) r->bad = 1;
    r->p += n;
}

/* a size or int: 7 bits per byte, most significant first, the last byte marked by 0x80 */
static size_t read_size(rewrite *r)
{
    size_t x = 0;
    for (;;) {
        if (r->p >= r->end) {
            r->bad = 1;
            return 0;
        }
        unsigned char b = *r->p++;
        x = (x << 7) | (b & 0x7f);
        if (b & 0x80) return x;
    }
}

static void write_size(rewrite *r, size_t x)
{
    unsigned char buf[16];
    int n = 0;
    do {
        buf[sizeof buf - ++n] = x & 0x7f;
        x >>= 7;
    } while (x);
    buf[sizeof buf - 1] |= 0x80;
    if (collect(NULL, buf + sizeof buf - n, (size_t)n, r->out)) r->bad = 1;
}

static size_t copy_size(rewrite *r)
{
    size_t x = read_size(r);
    write_size(r, x);
    return x;
}

static void copy_string(rewrite *r)
{
    size_t n = copy_size(r);
    if (n) copy(r, n - 1);
}

static void skip_string(rewrite *r)
{
    size_t n = read_size(r);
    if (n && (size_t)(r->end - r->p) >= n - 1) r->p += n - 1;
    else if (n) r->bad = 1;
}

static void rewrite_function(rewrite *r)
{
    copy_string(r);                                 /* source */
    copy_size(r);                                   /* linedefined */
    copy_size(r);                                   /* lastlinedefined */
    copy(r, 3);                                     /* numparams, is_vararg, maxstacksize */
    copy(r, copy_size(r) * 4);                      /* code */
    for (size_t n = copy_size(r); n-- && !r->bad;) {     /* constants */
        unsigned char tag = r->p < r->end ? *r->p : 0;
        copy(r, 1);
        if (tag == 0x03 || tag == 0x13) copy(r, 8);         /* integer, float */
        else if (tag == 0x04 || tag == 0x14) copy_string(r);     /* short, long string */
        else if (tag != 0x00 && tag != 0x01 && tag != 0x11) r->bad = 1;   /* nil, false, true */
    }
    copy(r, copy_size(r) * 3);                      /* upvalues: instack, idx, kind */
    for (size_t n = copy_size(r); n-- && !r->bad;) rewrite_function(r);  /* protos */
    copy(r, copy_size(r));                          /* lineinfo */
    for (size_t n = copy_size(r); n-- && !r->bad;) { /* abslineinfo: pc, line */
        copy_size(r);
        copy_size(r);
    }
    size_t nlocvars = read_size(r);                 /* locvars: name, startpc, endpc — dropped */
    for (size_t i = 0; i < nlocvars && !r->bad; i++) {
        skip_string(r);
        read_size(r);
        read_size(r);
    }
    write_size(r, 0);
    size_t nupnames = read_size(r);                 /* upvalue names — dropped */
    for (size_t i = 0; i < nupnames && !r->bad; i++) skip_string(r);
    write_size(r, 0);
}

/* code without the names of locals and upvalues; 0, or -1 when it is not
 * the format this tool knows (then the build stops: see ldump.c). */
static int drop_names(const buffer *code, buffer *out)
{
    enum { HEADER = 4 + 1 + 1 + 6 + 3 + 8 + 8 };    /* signature ... LUAC_NUM, ldump.c dumpHeader */
    rewrite r = { code->data, code->data + code->len, out, 0 };
    if (code->len < HEADER + 1 || code->data[4] != 0x54) return -1;   /* Lua 5.4 */
    copy(&r, HEADER + 1);                           /* the header, the main function's upvalue count */
    rewrite_function(&r);
    return r.bad || r.p != r.end ? -1 : 0;
}

static void write_bytes(const char *name, const unsigned char *p, size_t n)
{
    printf("static const unsigned char %s[] = {", name);
    for (size_t i = 0; i < n; i++) printf("%s%u,", i % 24 ? "" : "\n", p[i]);
    printf("0\n};\n");
}

static char *read_all(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n == cap) {
            char *b = realloc(buf, cap *= 2);
            if (!b) free(buf);
            buf = b;
        }
    }
    fclose(fp);
    *len = n;
    return buf;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    /* the engine loads the library first, then the families, each in name order */
    char **files = calloc((size_t)argc, sizeof *files);
    int n = 0;
    for (int lib = 1; lib >= 0; lib--) {
        int first = n;
        for (int i = 1; i < argc; i++)
            if ((strstr(argv[i], "/lib/") != NULL) == lib) files[n++] = argv[i];
        qsort(files + first, (size_t)(n - first), sizeof *files, by_name);
    }
    printf("/* generated by tools/embed_rules.c from the shipped rule files: do not edit */\n"
           "#include \"engine/bundled.h\"\n\n");
    lua_State *L = luaL_newstate();
    for (int i = 0; i < n; i++) {
        size_t len;
        char *text = read_all(files[i], &len);
        if (!text) {
            fprintf(stderr, "embed_rules: cannot read %s\n", files[i]);
            return 1;
        }
        char chunk[1100];
        snprintf(chunk, sizeof chunk, "@%s", files[i]);
        if (luaL_loadbufferx(L, text, len, chunk, "t") != LUA_OK) {
            fprintf(stderr, "embed_rules: %s\n", lua_tostring(L, -1));
            return 1;
        }
        buffer code = { 0 };
        if (lua_dump(L, collect, &code, 0) != 0 || !code.data) {
            fprintf(stderr, "embed_rules: cannot dump %s\n", files[i]);
            return 1;
        }
        lua_pop(L, 1);
        buffer lean = { 0 };
        if (drop_names(&code, &lean) != 0 || luaL_loadbufferx(L, (const char *)lean.data, lean.len, chunk, "b") != LUA_OK) {
            fprintf(stderr, "embed_rules: %s: the bytecode is not in the Lua 5.4 format this tool rewrites\n", files[i]);
            return 1;
        }
        lua_pop(L, 1);
        free(code.data);
        code = lean;
        char name[32];
        snprintf(name, sizeof name, "code_%d", i);
        write_bytes(name, code.data, code.len);
        snprintf(name, sizeof name, "text_%d", i);
        write_bytes(name, (const unsigned char *)text, len);
        free(code.data);
        free(text);
    }
    lua_close(L);
    printf("\nconst bundled_file bundled_files[] = {\n");
    for (int i = 0; i < n; i++) {
        const char *base = strrchr(files[i], '/');
        base = base ? base + 1 : files[i];
        printf("    { \"%s\", \"%.*s\", %d, code_%d, sizeof code_%d - 1, (const char *)text_%d, sizeof text_%d - 1 },\n",
               files[i], (int)(strlen(base) - 4), base, strstr(files[i], "/lib/") != NULL, i, i, i, i);
    }
    printf("};\nconst size_t bundled_file_count = %d;\n", n);
    free(files);
    return fflush(stdout) == 0 ? 0 : 1;
}
