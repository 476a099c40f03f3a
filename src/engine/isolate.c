/*
 * isolate.c — user rule files run in child processes, so that no rule
 * file from a --rules folder can stop the audit, whatever it does.
 *
 * The Lua bounds (bounds.c, sandbox.c) count what they can see; a child
 * process bounds the rest by construction. Each user rule file is declared
 * in one child (its rules come back to the catalog) and run in another
 * (its findings come back), forked after the report is loaded, so the
 * child reads the report from its own copy of memory. Before it runs any
 * Lua the child
 *   - reads the rule file, then closes every file descriptor but the pipe
 *     to the parent (and standard error, for sanitizer and abort messages);
 *   - sets its limits: CPU seconds (--max-rule-seconds; SIGXCPU, then
 *     SIGKILL one second later), address space (what it has + the Lua
 *     memory limit + slack), no core file, no file writes;
 *   - dies with its parent (PR_SET_PDEATHSIG) and takes the default action
 *     for SIGINT / SIGTERM (the parent's handler removes its output file).
 * The parent reads at most the memory limit in bytes from the pipe, kills
 * the child after twice its CPU limit of wall time, and when the child did
 * not finish (killed by a limit, crashed, or spoke nonsense) reports an
 * engine finding naming the rule file and the line where it was — the
 * child's hook keeps that position in a page shared with the parent. The
 * bundled rules ran in the parent and their findings are untouched.
 *
 * Wire format, child to parent: records of one type byte ('D' a rule
 * declaration, 'F' a finding, 'E' the end) and a list of strings, each a
 * 4-byte length (0xFFFFFFFF for none) and its bytes; numbers as text.
 */
#define _DEFAULT_SOURCE         /* MAP_ANONYMOUS (POSIX.1-2024, not 2008) */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "engine/internal.h"
#include "util/sanitizer.h"
#include "util/util.h"


#define AS_SLACK ((size_t)256 * 1024 * 1024)    /* beyond the Lua limit: the C side's findings, stack, libraries */
#define NONE_LEN 0xFFFFFFFFu

/* ---------------------------------------------------------------- */
/* writing records (child)                                           */

static void put_u32(FILE *out, uint32_t v)
{
    unsigned char b[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8), (unsigned char)v };
    fwrite(b, 1, 4, out);
}

static void put_str(FILE *out, const char *s)
{
    if (!s) {
        put_u32(out, NONE_LEN);
        return;
    }
    size_t n = strlen(s);
    put_u32(out, (uint32_t)n);
    fwrite(s, 1, n, out);
}

static void put_int(FILE *out, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    put_str(out, buf);
}

static void put_record(FILE *out, char type, uint32_t nitems)
{
    fputc(type, out);
    put_u32(out, nitems);
}

static void put_place(FILE *out, const place *p)
{
    put_int(out, p->kind);
    put_str(out, p->sheet);
    put_int(out, p->page);
    put_int(out, p->table);
    put_int(out, p->paragraph);
    put_int(out, p->row);
    put_int(out, p->col);
}
#define PLACE_ITEMS 7

static void put_finding(FILE *out, const finding *f)
{
    put_record(out, 'F', 7 + 2 * PLACE_ITEMS + 2 * (uint32_t)f->nfields);
    put_str(out, f->rule);
    put_int(out, f->severity);
    put_str(out, f->file);
    put_int(out, f->line);
    put_str(out, f->table);
    put_int(out, f->table_line);
    put_str(out, f->indicator);
    put_place(out, &f->where);
    put_place(out, &f->table_where);
    for (size_t i = 0; i < f->nfields; i++) {
        put_str(out, f->fields[i].key);
        put_str(out, f->fields[i].value);
    }
}

static void put_rule(FILE *out, const rule_info *r)
{
    put_record(out, 'D', 12);
    put_str(out, r->id);
    put_int(out, r->severity);
    for (int l = 0; l < 2; l++) {
        put_str(out, r->title[l]);
        put_str(out, r->explanation[l]);
        put_str(out, r->message[l]);
        put_str(out, r->fix[l]);
    }
    put_str(out, r->example);
    put_str(out, NULL);             /* reserved */
}

/* ---------------------------------------------------------------- */
/* the child                                                         */

static void lock_down(const script *s, int keep_fd)
{
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536) max = 65536;
    for (int fd = 0; fd < max; fd++)
        if (fd != keep_fd && fd != STDERR_FILENO) close(fd);
    struct rlimit none = { 0, 0 };
    setrlimit(RLIMIT_CORE, &none);
    setrlimit(RLIMIT_FSIZE, &none);
    struct rlimit cpu = { (rlim_t)s->rule_seconds, (rlim_t)s->rule_seconds + 1 };
    setrlimit(RLIMIT_CPU, &cpu);
#if !UNDER_ASAN            /* ASan reserves terabytes of address space: no RLIMIT_AS under it */
    /* what the child has mapped now (the parent's copy) plus what the rule may use */
    FILE *statm = fopen("/proc/self/statm", "r");
    unsigned long pages = 0;
    if (statm) {
        if (fscanf(statm, "%lu", &pages) != 1) pages = 0;
        fclose(statm);
    }
    if (pages) {
        rlim_t bytes = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + s->mem_limit + AS_SLACK;
        struct rlimit as = { bytes, bytes };
        setrlimit(RLIMIT_AS, &as);
    }
#endif
}

enum child_job { JOB_DECLARE, JOB_RUN };

/* Declares (and for JOB_RUN runs) the rule file in a fresh state, writes
 * the records and exits. Never returns. */
static void child_main(script *parent, enum child_job job, const char *path, const char *display,
                       int fd, rule_position *live)
{
    char err[1200];
    size_t len;
    char *text = read_rule_file(path, &len, err, sizeof err);
    lock_down(parent, fd);
    FILE *out = fdopen(fd, "w");
    if (!out) _exit(3);
    /* declaring checks ids against the parent's catalog (bundled rules and
     * user files declared before); running starts from an empty one */
    catalog *cat = job == JOB_DECLARE ? parent->cat : catalog_new();
    finding_list *found = finding_list_new();
    script *s = script_child_state(parent, cat, found);
    if (!s) _exit(4);
    s->live = live;
    s->rep = parent->rep;
    s->whole = parent->whole;
    snprintf(live->source, sizeof live->source, "%s", display);
    family *fam = NULL;
    if (!text) engine_finding(s, "engine.rule-load", display, err, NULL);
    else fam = declare_text(s, text, len, display);
    if (job == JOB_DECLARE) {
        for (size_t i = 0; fam && i < fam->nrules; i++) put_rule(out, catalog_find(cat, fam->rule_ids[i]));
        for (size_t i = 0; i < finding_count(found); i++) put_finding(out, finding_at(found, i));
    } else if (fam) {
        /* the parent's configuration: enabled rules and severities */
        for (size_t i = 0; i < fam->nrules; i++) {
            const rule_info *want = catalog_find(parent->cat, fam->rule_ids[i]);
            rule_info *have = catalog_find(cat, fam->rule_ids[i]);
            if (want && have) {
                have->enabled = want->enabled;
                have->severity = want->severity;
            }
        }
        size_t loaded = finding_count(found);       /* load problems were reported when declaring */
        run_one_family(s, fam);
        for (size_t i = loaded; i < finding_count(found); i++) put_finding(out, finding_at(found, i));
    }
    put_record(out, 'E', 0);
    if (fflush(out) != 0) _exit(5);
    _exit(0);
}

/* ---------------------------------------------------------------- */
/* the parent                                                        */

typedef struct {
    const unsigned char *p, *end;
    int bad;
} reader;

static uint32_t get_u32(reader *r)
{
    if (r->end - r->p < 4) {
        r->bad = 1;
        return 0;
    }
    uint32_t v = (uint32_t)r->p[0] << 24 | (uint32_t)r->p[1] << 16 | (uint32_t)r->p[2] << 8 | r->p[3];
    r->p += 4;
    return v;
}

/* The next string as a new C string (NULL for none); sets bad on a short
 * read. Bytes after a NUL are dropped, as C strings do. */
static char *get_str(reader *r)
{
    uint32_t n = get_u32(r);
    if (r->bad || n == NONE_LEN) return NULL;
    if ((size_t)(r->end - r->p) < n) {
        r->bad = 1;
        return NULL;
    }
    char *s = xstrndup((const char *)r->p, n);
    r->p += n;
    return s;
}

static long long get_int(reader *r)
{
    char *s = get_str(r);
    long long v = s ? strtoll(s, NULL, 10) : 0;
    free(s);
    return v;
}

static int get_severity(reader *r)
{
    long long v = get_int(r);
    if (v < SEV_INFO || v > SEV_ERROR) r->bad = 1;
    return (int)v;
}

/* place.sheet of a child's finding: the report's own sheet name with that
 * text, so it stays valid (finding_set_place copies it anyway). */
static void get_place(reader *r, place *p, char **sheet)
{
    memset(p, 0, sizeof *p);
    p->kind = (enum place_kind)get_int(r);
    *sheet = get_str(r);
    p->sheet = *sheet;
    p->page = (int)get_int(r);
    p->table = (int)get_int(r);
    p->paragraph = (int)get_int(r);
    p->row = (int)get_int(r);
    p->col = (int)get_int(r);
    if (p->kind < PLACE_NONE || p->kind > PLACE_PAGE) r->bad = 1;
}

/* A finding record into s->out; only rules the family declared. */
static void take_finding(script *s, const family *fam, reader *r, uint32_t nitems)
{
    if (nitems < 7 + 2 * PLACE_ITEMS || (nitems - 7 - 2 * PLACE_ITEMS) % 2) {
        r->bad = 1;
        return;
    }
    char *rule = get_str(r);
    int sev = get_severity(r);
    char *file = get_str(r);
    int line = (int)get_int(r);
    char *caption = get_str(r);
    int table_line = (int)get_int(r);
    char *indicator = get_str(r);
    place where, table_where;
    char *sheet1, *sheet2;
    get_place(r, &where, &sheet1);
    get_place(r, &table_where, &sheet2);
    /* engine findings, and findings of the rules this file declared */
    int allowed = rule && !r->bad && catalog_find(s->cat, rule) && strncmp(rule, "engine.", 7) == 0;
    for (size_t i = 0; rule && !r->bad && fam && !allowed && i < fam->nrules; i++)
        allowed = strcmp(fam->rule_ids[i], rule) == 0;
    finding *f = allowed ? finding_add(s->out, rule, (enum severity)sev, file, line, caption, table_line, indicator) : NULL;
    if (f) finding_set_place(f, &where, &table_where);
    for (uint32_t i = 7 + 2 * PLACE_ITEMS; i < nitems && !r->bad; i += 2) {
        char *key = get_str(r), *value = get_str(r);
        if (f && key && strcmp(key, "justification") != 0 && strcmp(key, "report_group") != 0) finding_set(f, key, value ? value : "");
        free(key);
        free(value);
    }
    free(rule);
    free(file);
    free(caption);
    free(indicator);
    free(sheet1);
    free(sheet2);
}

/* A rule declaration into s->cat (refused if the id exists: the child
 * checked against a copy, the parent checks again). Returns its id. */
static char *take_rule(script *s, reader *r, uint32_t nitems, const char *display, const char *fam_name)
{
    if (nitems != 12) {
        r->bad = 1;
        return NULL;
    }
    rule_info info = { 0 };
    info.id = get_str(r);
    info.severity = info.default_severity = (enum severity)get_severity(r);
    for (int l = 0; l < 2; l++) {
        info.title[l] = get_str(r);
        info.explanation[l] = get_str(r);
        info.message[l] = get_str(r);
        info.fix[l] = get_str(r);
    }
    info.example = get_str(r);
    free(get_str(r));
    info.enabled = 1;
    info.family = (char *)fam_name;
    info.source = (char *)display;
    char *id = NULL;
    if (!r->bad && info.id && info.title[0] && strncmp(info.id, "engine.", 7) != 0 && catalog_add(s->cat, &info))
        id = xstrdup(info.id);
    else
        r->bad = 1;
    free(info.id);
    for (int l = 0; l < 2; l++) {
        free(info.title[l]);
        free(info.explanation[l]);
        free(info.message[l]);
        free(info.fix[l]);
    }
    free(info.example);
    return id;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

typedef struct {
    unsigned char *data;
    size_t len;
    int too_much;       /* the child wrote more than the memory limit */
    int timed_out;      /* killed by the parent after its wall-time limit */
    int status;         /* from waitpid */
    rule_position where;
} child_result;

/* Forks a child for the job; collects what it wrote and how it ended. */
static int run_child(script *s, enum child_job job, const char *path, const char *display, child_result *res)
{
    memset(res, 0, sizeof *res);
    rule_position *live = mmap(NULL, sizeof *live, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (live == MAP_FAILED) return -1;
    memset(live, 0, sizeof *live);
    int fds[2];
    if (pipe(fds) != 0) {
        munmap(live, sizeof *live);
        return -1;
    }
    fflush(NULL);                       /* nothing buffered is written twice */
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        munmap(live, sizeof *live);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        child_main(s, job, path, display, fds[1], live);
    }
    close(fds[1]);
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    size_t cap = 65536;
    res->data = xmalloc(cap);
    long long deadline = now_ms() + 2000LL * s->rule_seconds + 2000;
    for (;;) {
        long long left = deadline - now_ms();
        if (left <= 0) {
            res->timed_out = 1;
            kill(pid, SIGKILL);
            break;
        }
        struct pollfd pfd = { .fd = fds[0], .events = POLLIN };
        int ready = poll(&pfd, 1, left > INT_MAX ? INT_MAX : (int)left);
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) continue;
        if (res->len == cap) {
            if (cap >= s->mem_limit) {
                res->too_much = 1;
                kill(pid, SIGKILL);
                break;
            }
            cap *= 2;
            res->data = xrealloc(res->data, cap);
        }
        ssize_t got = read(fds[0], res->data + res->len, cap - res->len);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        res->len += (size_t)got;
    }
    close(fds[0]);
    while (waitpid(pid, &res->status, 0) < 0 && errno == EINTR) {}
    res->where = *live;
    munmap(live, sizeof *live);
    return 0;
}

/* Why the child did not finish, as an engine finding at its last position. */
static void report_stopped(script *s, const char *display, const child_result *res, int declaring)
{
    const char *rule = "engine.rule-error";
    char msg[1024];
    int sig = WIFSIGNALED(res->status) ? WTERMSIG(res->status) : 0;
    if (res->timed_out || sig == SIGXCPU || sig == SIGKILL) {
        rule = "engine.rule-timeout";
        snprintf(msg, sizeof msg, "stopped after %d s of CPU time (the limit of a user rule file%s)",
                 s->rule_seconds, res->timed_out ? ", counted in wall time" : "");
    } else if (res->too_much) {
        rule = "engine.rule-memory";
        snprintf(msg, sizeof msg, "stopped: wrote more than %zu MiB of findings", s->mem_limit >> 20);
    } else if (sig == SIGABRT || sig == SIGSEGV || sig == SIGBUS) {
        rule = "engine.rule-memory";
        snprintf(msg, sizeof msg, "its process ended with signal %d (out of its %zu MiB of memory?)", sig, (s->mem_limit + AS_SLACK) >> 20);
    } else if (sig) {
        snprintf(msg, sizeof msg, "its process ended with signal %d", sig);
    } else {
        snprintf(msg, sizeof msg, "its process ended without finishing (exit status %d)", WIFEXITED(res->status) ? WEXITSTATUS(res->status) : -1);
    }
    if (declaring && strcmp(rule, "engine.rule-error") == 0) rule = "engine.rule-load";
    int line = strcmp(res->where.source, display) == 0 ? res->where.line : 0;
    char full[1200];
    if (line) snprintf(full, sizeof full, "%s:%d: %s", display, line, msg);
    else snprintf(full, sizeof full, "%s: %s", display, msg);
    engine_finding_at(s, rule, display, line, full, NULL);
}

static int finished(const child_result *res, int saw_end)
{
    return saw_end && !res->timed_out && !res->too_much && WIFEXITED(res->status) && WEXITSTATUS(res->status) == 0;
}

void isolate_declare(script *s, const char *path, const char *display, const char *dir)
{
    child_result res;
    s->lib_scope = dir;                 /* the child sees dir/lib/ */
    int started = run_child(s, JOB_DECLARE, path, display, &res);
    s->lib_scope = NULL;
    if (started < 0) {
        engine_finding(s, "engine.rule-load", display, "cannot start a process for this rule file", NULL);
        return;
    }
    const char *base = path_basename(display);
    size_t n = strlen(base);
    char *name = xstrndup(base, n > 4 && strcmp(base + n - 4, ".lua") == 0 ? n - 4 : n);
    char **ids = NULL;
    size_t nids = 0;
    int saw_end = 0;
    reader r = { res.data, res.data + res.len, 0 };
    while (!r.bad && !saw_end && r.p < r.end) {
        char type = (char)*r.p++;
        uint32_t nitems = get_u32(&r);
        if (type == 'D') {
            char *id = take_rule(s, &r, nitems, display, name);
            if (id) {
                ids = xrealloc(ids, (nids + 1) * sizeof *ids);
                ids[nids++] = id;
            }
        } else if (type == 'F') {
            take_finding(s, NULL, &r, nitems);
        } else if (type == 'E' && nitems == 0) {
            saw_end = 1;
        } else {
            r.bad = 1;
        }
    }
    if (!finished(&res, saw_end) || r.bad) {
        report_stopped(s, display, &res, 1);
        for (size_t i = 0; i < nids; i++) free(ids[i]);     /* declared rules stay in the catalog but never fire */
        free(ids);
        free(name);
    } else if (nids) {
        grow_array((void **)&s->families, &s->cap, s->nfamilies + 1, sizeof(family));
        family *fam = &s->families[s->nfamilies++];
        memset(fam, 0, sizeof *fam);
        fam->name = name;
        fam->source = xstrdup(display);
        fam->path = xstrdup(path);
        fam->dir = xstrdup(dir);
        fam->isolated = 1;
        fam->ref = LUA_NOREF;
        fam->rule_ids = ids;
        fam->nrules = nids;
    } else {
        free(ids);
        free(name);
    }
    free(res.data);
}

void isolate_run(script *s, family *fam)
{
    child_result res;
    s->lib_scope = fam->dir;
    int started = run_child(s, JOB_RUN, fam->path, fam->source, &res);
    s->lib_scope = NULL;
    if (started < 0) {
        engine_finding(s, "engine.rule-error", fam->source, "cannot start a process for this rule file", NULL);
        return;
    }
    int saw_end = 0;
    /* a child that flooded the pipe: none of its findings are kept */
    reader r = { res.data, res.too_much ? res.data : res.data + res.len, 0 };
    while (!r.bad && !saw_end && r.p < r.end) {
        char type = (char)*r.p++;
        uint32_t nitems = get_u32(&r);
        if (type == 'F') take_finding(s, fam, &r, nitems);
        else if (type == 'E' && nitems == 0) saw_end = 1;
        else r.bad = 1;
    }
    if (!finished(&res, saw_end) || r.bad) report_stopped(s, fam->source, &res, 0);
    free(res.data);
}
