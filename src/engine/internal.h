/*
 * internal.h — what the pieces of the rule engine give each other.
 * Private to src/engine/; the rest of the program sees only script.h.
 *
 * The engine is split along its seams:
 *   bounds.c        memory cap, instruction budget, error handler
 *   sandbox.c       the safe globals, one strict environment per file, running a chunk
 *   decimal_type.c  the `decimal` userdata for exact arithmetic in rules
 *   views.c         read-only report / table / row userdata (no per-row copying)
 *   text_fns.c      text primitives in C for the rules' libraries (lakip.normalize)
 *   declare.c       reading rule folders and checking rule declarations
 *   run.c           the run loop, ctx:emit and guarded calls
 *   recomputed.c    ctx:recomputed / compared / not_checkable: what rules checked,
 *                   for the working paper and the coverage
 *   row_checks.c    per-row checks a rule file declares as data, run in C;
 *                   row_formula.c their exact arithmetic (no Lua)
 *   script.c        creating and freeing the engine, engine findings
 *   isolate.c       user rule files declared and run in child processes under OS limits
 */
#ifndef LAKIP_ENGINE_INTERNAL_H
#define LAKIP_ENGINE_INTERNAL_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

#include <lauxlib.h>
#include <lua.h>

#include "engine/script.h"

#define DECIMAL_MT "lakip.decimal"
#define REPORT_MT "lakip.report"
#define GC_DEFERRED_BYTES ((size_t)8 << 20)    /* see gc_resume_at */
#define VIEW_KEY_SLOTS 128                      /* see script.keys */
#define CHARGED_MAX 32                          /* see script.charged */
#define TABLE_MT "lakip.table"
#define ROW_MT "lakip.row"

/* views of the report, as userdata */
typedef struct { const report *r; } report_view;
typedef struct { const table *t; int index; } table_view;
typedef struct { const table *t; int tindex; size_t row; } row_view;

/* classes.c: the engine's classes — decimals and the views — are checked
 * on every call a rule makes with one, so a check is a tag check, not a
 * metatable lookup.
 *
 * Engine rule (every userdata a rule can be handed must keep it): rules
 * make no userdata themselves (the sandbox has no function that does);
 * every one is made in C. An object of a class is made by new_object
 * only: exactly class_size(c) + CLASS_TAG_BYTES long, its fields followed
 * by the 8-byte tag of its class (class_tag). Any other userdata given to
 * rules either has a length no class has (ctx.options: 0 bytes; a term
 * set: more than a kilobyte) or holds nothing a rule chose at a class's
 * tag place (a formula set of no formulas is as long as a row, and has
 * its engine-set stride there), and starts with a magic of its own
 * (lakip.terms, lakip.formulas, lakip.key_memo). A light userdata has
 * length 0. So to_class reads the length and the tag, and an object
 * passes for a class only when C made it as one (tests/attack/rules/
 * class-forge.lua passes the others where a row is expected). */
enum lua_class { CLASS_DECIMAL, CLASS_REPORT, CLASS_TABLE, CLASS_ROW, CLASS_COUNT };
#define CLASS_TAG_BYTES 8

static inline size_t class_size(enum lua_class c)       /* its fields; a multiple of 8, so the tag is aligned */
{
    static const size_t size[CLASS_COUNT] = { sizeof(decimal), sizeof(report_view), sizeof(table_view),
                                              sizeof(row_view) };
    return size[c];
}
_Static_assert(sizeof(decimal) % 8 == 0 && sizeof(report_view) % 8 == 0 && sizeof(table_view) % 8 == 0 &&
                   sizeof(row_view) % 8 == 0,
               "a class's tag follows its fields, 8-byte aligned");

static inline uint64_t class_tag(enum lua_class c)
{
    static const uint64_t tag[CLASS_COUNT] = {
        0x316365642e706b6cULL,  /* "lkp.dec1" */
        0x317065722e706b6cULL,  /* "lkp.rep1" */
        0x316261742e706b6cULL,  /* "lkp.tab1" */
        0x31776f722e706b6cULL,  /* "lkp.row1" */
    };
    return tag[c];
}

void keep_class(lua_State *L, const char *name, enum lua_class c);
/* Pushes a new object of class c (its fields uninitialised, nuvalue user
 * values), tagged and with the class's metatable; returns its fields. */
void *new_object(lua_State *L, enum lua_class c, int nuvalue);

/* The object of class c at idx, or NULL when it is none. */
static inline void *to_class(lua_State *L, int idx, enum lua_class c)
{
    unsigned char *p = lua_touserdata(L, idx);
    if (!p || lua_rawlen(L, idx) != class_size(c) + CLASS_TAG_BYTES) return NULL;
    uint64_t tag;
    memcpy(&tag, p + class_size(c), sizeof tag);
    return tag == class_tag(c) ? p : NULL;
}

void *check_class(lua_State *L, int idx, enum lua_class c, const char *name);  /* luaL_checkudata */

typedef struct {
    char *name;                 /* module name: lib.NAME */
    char *display;              /* "rules/lib/text.lua" */
    char *text;                 /* source read from a folder (owned), or NULL */
    size_t len;
    const struct bundled_file *bundled;    /* a module embedded at build time (bundled.h), or NULL */
    char *scope;                /* the user rule folder whose files see it; NULL: every file */
    int reported;               /* its load error was reported once already */
} lib_source;

typedef struct row_checks row_checks;   /* row_checks.c */
typedef struct table_plan table_plan;

/* A rule file's hooks, read once when it is loaded (declare_family): the
 * functions it returned run for every report, even if it later changes
 * its table. */
enum hook { HOOK_BEGIN, HOOK_CHECK_TABLE, HOOK_CHECK_ROW, HOOK_FINISH, HOOK_COUNT };

/* What a hook needs of the report to be called (a family's `needs`,
 * declare.c; tested in C by run.c before the call): at least so many
 * paragraphs, tables and notes, ctx.previous, a report year; finish: so
 * many check_row calls on the report; check_table: a table with notes
 * (t.has_notes). All zero: called always. */
typedef struct {
    unsigned paragraphs, tables, notes, row_calls;
    int previous, year, has_notes;
} hook_needs;

typedef struct {
    char *name;                 /* family name ("capaian") */
    char *source;               /* display name ("rules/capaian.lua") */
    size_t text_len;            /* its source text's length: the runner's guess of its cost */
    /* a follower's family not loaded yet: its file (bundled, else path) */
    int pending;
    const struct bundled_file *bundled;
    int load_failed;            /* a follower's family whose file did not load: never run */
    int ref;                    /* registry ref of the family table */
    int hook_refs[HOOK_COUNT];  /* registry refs of its hook functions (enum hook), LUA_NOREF if absent */
    hook_needs needs[HOOK_COUNT];   /* its `needs` per hook (begin, check_table, finish; zero: none) */
    char **rule_ids;            /* ids this family may emit */
    size_t nrules;
    int failed;                 /* stopped after an error */
    char *path;                 /* isolated: the file, read again by each child */
    char *dir;                  /* isolated: its user rule folder (whose lib/ it sees) */
    int isolated;               /* a user rule file: declared and run in a child process (isolate.c) */
    row_checks *checks;         /* its `rows` declaration, or NULL */
    int ctx_meta_ref;           /* registry ref of the metatable its ctx tables share (run.c), 0: none yet */
    int ctx_ref;                /* registry ref of its ctx, kept for the next report (run.c: push_ctx), 0: none */
    int ctx_previous;           /* that ctx was made with ctx.previous */
    /* its rules' catalogue entries, found once (run.c: family_enabled):
     * good while the catalogue is rules_cat with rules_ncat entries
     * (catalog_add may move them) and the family has rules_n rules */
    rule_info **rules;
    const catalog *rules_cat;
    size_t rules_ncat, rules_n;
    /* per rule (as rule_ids): the {names} its message and fix use, made at
     * its first finding (run.c: rule_placeholders), or NULL */
    char **placeholders;
    size_t *placeholders_len;
    double cpu_seconds;         /* LAKIP_PROFILE=1: thread CPU time spent running it */
    unsigned long runs;         /* reports it ran on */
} family;

/* Where a rule was when it was stopped: its file and line (the innermost
 * frame in the family's own file, else the innermost Lua frame). In a
 * child process this lives in memory shared with the parent, which reads
 * it when the child is killed (isolate.c). */
typedef struct {
    char source[512];
    int line;
} rule_position;

typedef struct profile_tally profile_tally;

/* A library function charged before it runs (sandbox.c: charged_call). */
typedef struct {
    lua_CFunction original;
    int kind;                   /* sandbox.c: enum cost_kind */
} charged_fn;

struct script {
    lua_State *L;
    struct lua_pool *pool;      /* L's small blocks (engine/lua_pool.h) */
    catalog *cat;               /* a follower's: its leader's, read only (script_follow) */
    int follower;               /* script_options.follower */
    finding_list *out;
    recompute_list *recomputed; /* ctx:recomputed records, or NULL: not kept */
    coverage *coverage;         /* what the rules checked (ctx:recomputed, compared, not_checkable), or NULL */
    coverage_log *coverage_log; /* when set, the notes go here instead (runner.c) */
    int cpu_timer_on;           /* cpu_timer made (bounds.c), on thread cpu_timer_thread */
    timer_t cpu_timer;
    pid_t cpu_timer_thread;
    int profile;                /* LAKIP_PROFILE=1: CPU time per family printed by script_free */
    profile_tally *line_profile; /* LAKIP_PROFILE=lines: instruction samples (profile.c), or NULL */
    int no_row_checks;          /* LAKIP_NO_ROW_CHECKS=1: declared row checks ignored (every row to check_row) */
    const report *previous;     /* last year's report (ctx.previous), or NULL */
    const report *rep;
    const report *whole;        /* the report rep is part of (places are looked up there) */
    /* registry refs of rep's cache (views.c: push_report_cache) and of its
     * view (ctx.report), once made, LUA_NOREF before; dropped with the
     * report (script_end_report). Every family run and table pushed looks
     * them up: an integer key is the registry's array part, where the
     * report's address was a hash lookup. */
    int rep_cache_ref, rep_view_ref;
    /* The field names the views set on the tables they return, as Lua
     * strings kept by registry refs, by the address of the C literal
     * (views.c: push_key); 0 text: an empty slot. */
    struct {
        const char *text;
        int ref;
    } keys[VIEW_KEY_SLOTS];
    size_t nkeys;
    size_t mem_used, mem_limit;
    /* The collector is stopped while the rules load (what loading makes
     * stays) and through the first report, until the Lua heap has grown
     * by GC_DEFERRED_BYTES past its size after loading (gc_checkpoint): a
     * report of the sample's size leaves ~2 MiB of garbage, and a cycle
     * marking the loaded rules costs ~4 M instructions per engine. 0:
     * running. (A memory limit reached before still collects: the
     * allocator's emergency collection runs whether stopped or not.) */
    size_t gc_resume_at;
    int mem_exhausted;          /* the allocator refused once */
    size_t emitted;             /* bytes the current family copied out through ctx:emit */
    long long budget, spent;    /* per call: the limit and what this call spent */
    long long run_budget, run_spent;    /* per family over the whole run */
    int killed;                 /* the current call ran out of instructions */
    volatile sig_atomic_t armed;        /* a call is running under the budget (read by the CPU timer) */
    volatile sig_atomic_t counting;     /* the count hook is on for this call (bounds.c: arm_budget) */
    int exact_budget;           /* budgets other than the defaults: count every call from its start */
    const char *kill_reason;    /* what ran out, for the engine finding */
    rule_position where;        /* where the rule was stopped (or ran out of memory) */
    rule_position *live;        /* in a child: the position, kept current by the hook */
    family *families;
    size_t nfamilies, cap;
    lib_source *libs;           /* rules/lib modules, run afresh for every rule file */
    size_t nlibs;
    const char *lib_scope;      /* the user folder of the file being declared or run (its lib/ is seen), or NULL */
    int base_ref;               /* registry ref of the shared safe globals */
    int upvalue_maker_ref;      /* registry ref of the function making fresh _ENV upvalues (sandbox.c) */
    int env_size;               /* entries of a rule file's environment (sandbox.c) */
    int lib_cache_ref;          /* registry ref of the compiled library modules (sandbox.c), or LUA_NOREF */
    int settings_ref;
    const script_setting *settings;     /* the caller's, for child states */
    size_t nsettings;
    int rule_seconds;           /* CPU seconds of a user rule file's child process */
    family *current;            /* family being run, for ctx:emit */
    int class_ref[CLASS_COUNT];         /* registry refs of the classes' metatables (classes.c) */
    /* the library functions charged before they run (sandbox.c: wrap):
     * each wrapper's upvalue 1 points at its entry */
    charged_fn charged[CHARGED_MAX];
    int ncharged;
    void (*progress)(const char *family, size_t index, size_t count);
};

/* bounds.c */
void *bounded_alloc(void *ud, void *ptr, size_t osize, size_t nsize);
script *get_script(lua_State *L);
void arm_budget(script *s);
void disarm_budget(script *s);
/* While the bundled rules run: a call that uses --max-rule-seconds of its
 * thread's CPU time is stopped at its next instruction. watch_cpu is
 * called on the thread that runs s; forget_cpu_timer when s is freed. */
void watch_cpu(script *s);
void unwatch_cpu(void);
void forget_cpu_timer(script *s);
/* Adds `cost` instructions to the call's and the run's spending (for work
 * done in C that the count hook cannot see); raises the budget error when
 * either is spent. */
void charge(lua_State *L, long long cost);
void charge_script(script *s, lua_State *L, long long cost);     /* the same, s being L's script */
/* Records in s->where the rule's current file and line. */
void locate(script *s, lua_State *L);
int error_handler(lua_State *L);
#define PROFILE_STEP 1000       /* Lua instructions between count-hook calls */

/* Where the engine gets control often (a charged library call, a rule
 * hook called, a family begun): the collector, stopped since the rules
 * loaded, runs again once the heap has grown past gc_resume_at — a big
 * report's garbage is collected as before, a small report's never. */
static inline void gc_checkpoint(script *s)
{
    if (s->gc_resume_at && s->mem_used >= s->gc_resume_at) {
        lua_gc(s->L, LUA_GCRESTART);
        s->gc_resume_at = 0;
    }
}

/* declare.c: the length of the {name} placeholder whose '{' is at brace
 * (a letter or _, then letters, digits or _, then '}'), 0 when none: a
 * brace that starts no placeholder is plain text. */
size_t placeholder_length(const char *brace);

/* profile.c (LAKIP_PROFILE=lines) */
/* Counts the running Lua function's line and start (from the count hook). */
void profile_sample(script *s, lua_State *L);
/* Thread CPU seconds; a charged library call's time, by its Lua caller's line. */
double profile_clock(void);
void profile_call(script *s, lua_State *L, const char *name, double seconds);
/* Prints the busiest lines and functions on stderr and frees the tally. */
void profile_print_free(script *s);

/* sandbox.c */
void open_sandbox(script *s);
/* Sets __index and __newindex of the metatable on top of the stack (NULL:
 * left as they are) and locks it: getmetatable answers "locked", so no rule
 * reaches (or replaces) what is behind it. */
void lock_metatable(lua_State *L, lua_CFunction index, lua_CFunction newindex);
/* A class's locked metatable; index_fn answers its properties (names in
 * properties, NULL-ended) and reads the property's code at stack index 3
 * (sandbox.c: dispatch_index). */
void define_class(lua_State *L, const char *name, lua_CFunction index_fn, const char *const *properties,
                  const luaL_Reg *methods, const luaL_Reg *meta);
/* A rule file or module to load: source text, or the bytecode and source
 * of a file embedded at build time (code NULL for anything read from a
 * folder: bytecode is loaded for embedded files only). */
typedef struct {
    const unsigned char *code;
    size_t code_len;
    const char *text;
    size_t len;
    const char *display;
} chunk_source;
/* Loads the chunk (its bytecode, or its source when there is none or this
 * Lua cannot load the bytecode) and pushes it, or an error message. 0 or -1. */
int load_chunk(lua_State *L, const chunk_source *c);
int run_chunk(script *s, const chunk_source *c, int env_index);
void push_rule_env(script *s);

/* decimal_type.c */
void open_decimal_type(lua_State *L);
decimal *push_decimal(lua_State *L, decimal d);
/* d as d:format(style, grouped) writes it: "117,50" (style "id") or "117.50" ("en") */
void push_formatted(lua_State *L, decimal d, const char *style, int grouped);

/* views.c */
void open_views(lua_State *L);
void push_report(lua_State *L, const report *r);
void push_report_view(lua_State *L);      /* the one view of the report being audited (ctx.report) */
void push_key(lua_State *L, const char *key);     /* a field name with static storage, as a Lua string */
void push_table(lua_State *L, const report *r, int index);
void push_row(lua_State *L, const table *t, int tindex, size_t row);

/* text_fns.c: the global `lakip` (text primitives in C) */
void open_text_fns(lua_State *L);
void open_formula_fns(lua_State *L);         /* into the lakip table on top of the stack */
void open_repeats(lua_State *L);             /* the same: lakip.repeats, lakip.key_memo */
/* lakip.normalize's work: s (n bytes) normalised into out, which has room
 * for n bytes (the result is never longer); returns its length. */
size_t normalize_bytes(char *out, const char *s, size_t n);
/* The number of terms of the term set (lakip.terms) at idx, 0 when it is none. */
long long term_set_size(lua_State *L, int idx);
const char *row_label(const table *t, size_t row);
/* The column named by the Lua value at idx: a role name or a 1-based
 * index; -1 when the table has none (an unknown role name raises). */
int column_arg(lua_State *L, const table *t, int idx);

/* declare.c */
void load_rules(script *s, const script_options *opt);
/* Runs a rule file's text and declares its family into s->cat. Returns the
 * new family (in s->families), or NULL after an engine.rule-load finding. */
family *declare_text(script *s, const char *text, size_t len, const char *display);
/* A follower's family, loaded on its first run: its rules checked as they
 * are declared, not added to the catalogue (the leader's has them); a file
 * that does not load marks it load_failed, silently (the leader reported
 * it, or does not have it: script_follow). */
void declare_pending(script *s, family *fam);
/* Reads a rule file (FIFOs refused, size limit); NULL with err filled. */
char *read_rule_file(const char *path, size_t *len, char *err, size_t errlen);

/* run.c */
/* Runs one family over s->rep with its ctx (progress aside). */
void run_one_family(script *s, family *fam);

/* isolate.c */
/* Declares the user rule file at path in a child process: its rules go
 * into s->cat and an isolated family is added, or an engine finding says
 * why not. dir is its user folder: the child sees dir/lib/ as well. */
void isolate_declare(script *s, const char *path, const char *display, const char *dir);
/* Runs an isolated family in a child process; its findings (or an engine
 * finding naming its file and line when the child is stopped) go to s->out. */
void isolate_run(script *s, family *fam);

/* recomputed.c */
int f_recomputed(lua_State *L);
int f_compared(lua_State *L);
int f_not_checkable(lua_State *L);
/* One value of a row counted in the coverage (or its log) for the family
 * being run, as ctx:recomputed / compared / not_checkable count it. */
void note_row_value(script *s, enum value_outcome o, const table *t, size_t row);

/* row_checks.c: per-row checks declared as data (docs/RULES.md) */
/* Reads `rows` of the family table at -1 into fam->checks; NULL, or the
 * error (in err) that makes the file fail to load. */
const char *declare_row_checks(script *s, family *fam, char *err, size_t errlen);
void row_checks_free(row_checks *rc);
/* The declaration planned on table t: columns found once. */
table_plan *row_checks_plan(const script *s, const row_checks *rc, const table *t);
void row_checks_plan_free(table_plan *tp);
/* True when check_row is not called for any row of the table (no check
 * applies to it, and no condition of `only` can hold or skip_other_tables). */
int row_checks_skip_table(const row_checks *rc, const table_plan *tp);
/* 1 when check_row need not see the row: its kind is ignored, every
 * applicable check passed it (recorded as the rule records it), or no check
 * applies and no condition of `only` holds; 0: call it. */
int row_checks_row(script *s, family *fam, const table_plan *tp, const table *t, size_t tindex, size_t row);
/* Forgets the pass counts and deferred rows of the previous run (ctx:passed, ctx:deferred). */
void row_checks_reset(row_checks *rc);
int f_passed(lua_State *L);
int f_deferred(lua_State *L);
int f_settle(lua_State *L);
int f_classify(lua_State *L);

/* script.c */
/* A fresh state for a child process: the parent's limits, settings and
 * library modules, an empty catalog (with the engine rules) and list. */
script *script_child_state(const script *parent, catalog *cat, finding_list *out);
void engine_finding(script *s, const char *rule, const char *source, const char *message, const char *detail);
/* The same at a known line (0: taken from the message or the traceback). */
void engine_finding_at(script *s, const char *rule, const char *source, int line, const char *message, const char *detail);

#endif
