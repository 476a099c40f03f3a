/*
 * rules_test.c — `lakip-audit rules test`: a rule folder's fixtures, run
 * the way the project tests its own rules (the contract is in
 * rules_test.h). The audit of one fixture is main.c's, handed in as a
 * function, so a fixture is judged exactly as `check` would judge it.
 */
#include "rules_test.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/script.h"
#include "input/input_rules.h"
#include "model/catalog.h"
#include "model/finding.h"
#include "util/util.h"

enum { TEST_PASSED = 0, TEST_FAILED = 1, TEST_USAGE = 2 };

typedef struct {
    char **items;
    size_t count, cap;
} strings;

static void strings_add(strings *l, char *s)
{
    grow_array((void **)&l->items, &l->cap, l->count + 1, sizeof(char *));
    l->items[l->count++] = s;
}

static void strings_free(strings *l)
{
    for (size_t i = 0; i < l->count; i++) free(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in a folder (no dot files), sorted; -1 if it cannot be read. */
static int list_folder(const char *dir, strings *out)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.') strings_add(out, xstrdup(e->d_name));
    closedir(d);
    sort_items(out->items, out->count, sizeof(char *), compare_strings);
    return 0;
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    char *p = xmalloc(n + strlen(name) + 2);
    sprintf(p, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
    return p;
}

static int is_folder(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Reads a whole small file; NULL if it cannot. */
static char *read_small_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    size_t cap = 4096, len = 0, got;
    char *buf = xmalloc(cap);
    while ((got = fread(buf + len, 1, cap - len - 1, fp)) > 0) {
        len += got;
        if (len + 1 == cap) buf = xrealloc(buf, cap *= 2);
    }
    int bad = ferror(fp);
    fclose(fp);
    if (bad) {
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    return buf;
}

/* ---- one fixture --------------------------------------------------------- */

typedef struct {
    const char *rule;       /* the folder's rule: the only findings kept */
    strings got;            /* "LINE RULE" */
} collected;

static void collect(void *ud, const char *rule, int line)
{
    collected *c = ud;
    if (strcmp(rule, c->rule) != 0) return;
    char buf[300];
    snprintf(buf, sizeof buf, "%d %s", line, rule);
    strings_add(&c->got, xstrdup(buf));
}

/* The want list of an expect file: "LINE RULE" lines of the folder's rule.
 * Returns 0, or -1 with the problem in err. */
static int read_expect(const char *path, const char *display, const char *rule, strings *want, char *err, size_t errlen)
{
    char *text = read_small_file(path);
    if (!text) {
        snprintf(err, errlen, "%s: %s", display, strerror(errno));
        return -1;
    }
    int lineno = 0, rc = 0;
    for (char *line = text, *next; line && *line && rc == 0; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        lineno++;
        size_t n = strlen(line);
        while (n && (line[n - 1] == ' ' || line[n - 1] == '\r' || line[n - 1] == '\t')) line[--n] = '\0';
        if (!n) continue;
        char *end;
        long v = strtol(line, &end, 10);
        if (end == line || *end != ' ' || v < 0 || !end[1]) {
            snprintf(err, errlen, "%s:%d: expected LINE RULE-ID, got '%.100s'", display, lineno, line);
            rc = -1;
        } else if (strcmp(end + 1, rule) != 0) {
            snprintf(err, errlen, "%s:%d: names %.100s; an expect file lists findings of its folder's rule %s only",
                     display, lineno, end + 1, rule);
            rc = -1;
        } else {
            char buf[300];
            snprintf(buf, sizeof buf, "%ld %s", v, rule);
            strings_add(want, xstrdup(buf));
        }
    }
    free(text);
    return rc;
}

/* The options of KIND.args, split at white space; the values of the
 * options that name files are taken relative to the fixture folder. */
static int read_args(const char *path, const char *dir, strings *args)
{
    char *text = read_small_file(path);
    if (!text) return -1;
    static const char *const path_options[] = { "--previous", "--config", "--baseline", "--rules", NULL };
    int path_next = 0;
    for (char *tok = strtok(text, " \t\r\n"); tok; tok = strtok(NULL, " \t\r\n")) {
        strings_add(args, path_next && tok[0] != '/' ? join(dir, tok) : xstrdup(tok));
        path_next = 0;
        for (const char *const *o = path_options; *o; o++)
            if (strcmp(tok, *o) == 0) path_next = 1;
    }
    free(text);
    return 0;
}

/* want/got as a diff: common lines indented, want only '-', got only '+'
 * (a longest common subsequence: the lists are short). */
static void print_diff(const strings *want, const strings *got)
{
    size_t n = want->count, m = got->count;
    size_t *lcs = xcalloc((n + 1) * (m + 1), sizeof *lcs);
#define LCS(i, j) lcs[(i) * (m + 1) + (j)]
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;)
            LCS(i, j) = strcmp(want->items[i], got->items[j]) == 0 ? LCS(i + 1, j + 1) + 1
                      : LCS(i + 1, j) > LCS(i, j + 1) ? LCS(i + 1, j) : LCS(i, j + 1);
    size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && strcmp(want->items[i], got->items[j]) == 0) {
            printf("      %s\n", want->items[i]);
            i++, j++;
        } else if (j < m && (i == n || LCS(i, j + 1) >= LCS(i + 1, j))) {
            printf("    + %s\n", got->items[j++]);
        } else {
            printf("    - %s\n", want->items[i++]);
        }
    }
#undef LCS
    free(lcs);
}

static int same_lists(const strings *a, const strings *b)
{
    if (a->count != b->count) return 0;
    for (size_t i = 0; i < a->count; i++)
        if (strcmp(a->items[i], b->items[i]) != 0) return 0;
    return 1;
}

typedef struct {
    fixture_audit_fn audit;
    const char *rules_dir;      /* the user folder under test, or NULL */
    size_t passed, failed;
} run_state;

/* Audits one fixture input of rule `rule` in folder dir; 1 passed, 0 failed. */
static int run_fixture(run_state *rs, const char *dir, const char *rule, const char *input, int fire)
{
    char kind[256], err[1400];
    snprintf(kind, sizeof kind, "%.*s", (int)strcspn(input, "."), input);
    char name[600];
    snprintf(name, sizeof name, "%s/%s", rule, input);
    strings args = { 0 }, want = { 0 };
    collected c = { .rule = rule };
    int ok = 0;
    err[0] = '\0';

    char file[300];
    snprintf(file, sizeof file, "%s.expect", kind);
    char *expect = join(dir, file), *expect_display = join(rule, file);
    int has_expect = access(expect, F_OK) == 0;
    snprintf(file, sizeof file, "%s.args", kind);
    char *args_path = join(dir, file);
    char *input_path = join(dir, input);

    strings_add(&args, xstrdup("check"));
    if (rs->rules_dir) {
        strings_add(&args, xstrdup("--rules"));
        strings_add(&args, xstrdup(rs->rules_dir));
    }
    if (access(args_path, F_OK) == 0 && read_args(args_path, dir, &args) < 0)
        snprintf(err, sizeof err, "%s/%s.args: %s", rule, kind, strerror(errno));
    else if (has_expect && read_expect(expect, expect_display, rule, &want, err, sizeof err) < 0)
        ;
    else if (fire && !has_expect)
        snprintf(err, sizeof err, "%s is missing: a fire fixture lists the findings it must give", expect_display);
    else if (fire && want.count == 0)
        snprintf(err, sizeof err, "%s lists no finding of %s: a fire fixture must give one", expect_display, rule);
    else if (!fire && want.count)
        snprintf(err, sizeof err, "%s lists findings of %s: a silent fixture gives none (name it fire*)", expect_display, rule);
    if (!err[0]) {
        strings_add(&args, xstrdup(input_path));
        if (rs->audit((int)args.count, args.items, collect, &c, err, sizeof err) == 0) {
            ok = same_lists(&want, &c.got);
            if (!ok) snprintf(err, sizeof err, "findings of %s differ (want/got):", rule);
        }
    }
    if (ok) {
        printf("ok   %s\n", name);
    } else {
        printf("FAIL %s: %s\n", name, err);
        if (strstr(err, "differ (want/got)")) print_diff(&want, &c.got);
    }
    strings_free(&args);
    strings_free(&want);
    strings_free(&c.got);
    free(expect);
    free(expect_display);
    free(args_path);
    free(input_path);
    return ok;
}

/* ---- a rule folder's fixtures ---------------------------------------------- */

static int selected(const char *id, const char *family, const strings *only)
{
    if (!only->count) return 1;
    for (size_t i = 0; i < only->count; i++)
        if (strcmp(only->items[i], id) == 0 || (family && strcmp(only->items[i], family) == 0)) return 1;
    return 0;
}

/* The family of an id: the part before its first dot. */
static void family_of(const char *id, char *buf, size_t size)
{
    snprintf(buf, size, "%.*s", (int)strcspn(id, "."), id);
}

/* The fixtures of one rule: its folder's fire* and silent* inputs. Counts
 * the fire fixtures in *fires. */
static void run_rule_fixtures(run_state *rs, const char *fixtures, const char *rule, size_t *fires)
{
    char *dir = join(fixtures, rule);
    strings names = { 0 };
    list_folder(dir, &names);
    for (size_t i = 0; i < names.count; i++) {
        const char *n = names.items[i];
        int fire = starts_with(n, "fire"), silent = starts_with(n, "silent");
        if ((!fire && !silent) || !strchr(n, '.') || ends_with(n, ".expect") || ends_with(n, ".args")) continue;
        if (fire) (*fires)++;
        if (run_fixture(rs, dir, rule, n, fire)) rs->passed++;
        else rs->failed++;
    }
    strings_free(&names);
    free(dir);
}

static int test_usage(const char *message, const char *arg)
{
    fputs("lakip-audit: rules test: ", stderr);
    fprintf(stderr, message, arg);
    fputs("\nusage: lakip-audit rules test [--fixtures DIR] [--only RULE|FAMILY]... [RULES-DIR]\n", stderr);
    return TEST_USAGE;
}

/* Is rule r one of the rules under test: declared by a file of the user
 * folder, or (no folder) a shipped Lua rule? */
static int under_test(const rule_info *r, const char *rules_dir)
{
    if (!r->source || strcmp(r->family, "engine") == 0 || strcmp(r->family, "input") == 0) return 0;
    if (!rules_dir) return starts_with(r->source, "rules/");
    size_t n = strlen(rules_dir);
    return strncmp(r->source, rules_dir, n) == 0 && (r->source[n] == '/' || (n && rules_dir[n - 1] == '/'));
}

int rules_test_main(int argc, char **argv, const char *builtin_dir, fixture_audit_fn audit)
{
    const char *fixtures_opt = NULL, *rules_dir = NULL;
    strings only = { 0 };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--fixtures") == 0 && v) {
            fixtures_opt = v;
            i++;
        } else if (strcmp(a, "--only") == 0 && v) {
            strings_add(&only, xstrdup(v));
            i++;
        } else if (a[0] != '-' && !rules_dir) {
            rules_dir = a;
        } else {
            strings_free(&only);
            return test_usage("unexpected argument '%s'", a);
        }
    }
    if (!rules_dir && !fixtures_opt) {
        strings_free(&only);
        return test_usage("%s", "give a rule folder, or --fixtures DIR for the shipped rules (the project's: tests/rules)");
    }
    if (rules_dir && !is_folder(rules_dir)) {
        strings_free(&only);
        return test_usage("'%s' is not a folder", rules_dir);
    }
    char *fixtures = fixtures_opt ? xstrdup(fixtures_opt) : join(rules_dir, "fixtures");
    strings folders = { 0 };
    if (list_folder(fixtures, &folders) < 0) {
        fprintf(stderr, "lakip-audit: rules test: fixture folder %s: %s\n", fixtures, strerror(errno));
        free(fixtures);
        strings_free(&only);
        return TEST_USAGE;
    }

    /* the rules under test, and whether their files load */
    run_state rs = { .audit = audit, .rules_dir = rules_dir };
    catalog *cat = catalog_new();
    input_rules_register(cat);
    finding_list *load_problems = finding_list_new();
    const char *dirs[1] = { rules_dir };
    script_options so = { .builtin_dir = builtin_dir, .user_dirs = dirs, .nuser_dirs = rules_dir ? 1 : 0 };
    char err[1024];
    script *engine = script_new(&so, cat, load_problems, err, sizeof err);
    int status = TEST_USAGE;
    if (!engine) {
        fprintf(stderr, "lakip-audit: rules test: %s\n", err);
        goto done;
    }
    for (size_t i = 0; i < finding_count(load_problems); i++) {
        const finding *f = finding_at(load_problems, i);
        printf("FAIL %s: did not load: %s\n", f->file ? f->file : "?", finding_get(f, "message"));
        rs.failed++;
    }

    size_t *fires = xcalloc(catalog_count(cat) + 1, sizeof *fires);
    for (size_t i = 0; i < folders.count; i++) {
        const char *id = folders.items[i];
        char *dir = join(fixtures, id);
        int folder = is_folder(dir);
        free(dir);
        if (!folder) continue;
        char family[128];
        family_of(id, family, sizeof family);
        if (!selected(id, family, &only)) continue;
        rule_info *r = catalog_find(cat, id);
        if (!r) {
            printf("FAIL %s: no rule %s is declared (a fixture folder is named by its rule's id)\n", id, id);
            rs.failed++;
            continue;
        }
        size_t k = 0;
        while (catalog_at(cat, k) != r) k++;
        run_rule_fixtures(&rs, fixtures, id, &fires[k]);
    }
    for (size_t k = 0; k < catalog_count(cat); k++) {
        const rule_info *r = catalog_at(cat, k);
        if (!under_test(r, rules_dir) || !selected(r->id, r->family, &only) || fires[k]) continue;
        printf("FAIL %s: no fire fixture (%s/%s/fire.*)\n", r->id, fixtures, r->id);
        rs.failed++;
    }
    free(fires);
    printf("rules test: %zu passed, %zu failed\n", rs.passed, rs.failed);
    status = rs.failed ? TEST_FAILED : TEST_PASSED;
    if (fflush(stdout) != 0 || ferror(stdout)) status = TEST_USAGE;
done:
    script_free(engine);
    finding_list_free(load_problems);
    catalog_free(cat);
    strings_free(&folders);
    strings_free(&only);
    free(fixtures);
    return status;
}
