/*
 * bounds.c — what keeps a rule from taking the machine.
 *
 * Memory: the allocator caps the bytes of the whole Lua state (and
 * ctx:emit counts what it copies out, run.c).
 * Time: every call runs under a LUA_MASKCOUNT hook with an instruction
 * budget per call and one per family over the whole run. Work the hook
 * cannot see is charged too: every byte the allocator hands out (string
 * building, .., string.rep, table.concat, table growth: ALLOC_CHARGE bytes
 * per instruction), and the C library functions whose cost grows with
 * their arguments (sandbox.c charges them before they run). Once a budget
 * is spent the hook is re-armed to fire on every instruction, so a pcall
 * inside the rule cannot swallow the kill; code that runs with hooks off
 * (finalizers, xpcall message handlers) is refused or rewritten by
 * sandbox.c. What is left unbounded here — a C call that loops without
 * allocating, such as a backtracking pattern — is bounded for user rules
 * by the operating system (isolate.c).
 * The message handler keeps a traceback for the engine finding.
 */
#define _GNU_SOURCE             /* SIGEV_THREAD_ID: a timer that signals one thread */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "engine/internal.h"
#include "engine/lua_pool.h"

#define HOOK_STEP PROFILE_STEP  /* instructions between hook calls */
#define ALLOC_CHARGE 64         /* bytes allocated per instruction charged */

#if defined(__GNUC__)
#define COLD __attribute__((noinline, cold))
#define OUT_OF_LINE __attribute__((noinline))
#else
#define COLD
#define OUT_OF_LINE
#endif

/* An allocation refused: the memory limit is reached. */
static COLD void *refuse(script *s)
{
    /* where the rule was: reading the call stack allocates nothing */
    if (!s->mem_exhausted && s->current) locate(s, s->L);
    s->mem_exhausted = 1;
    return NULL;
}

/* What the allocator spent, for the budget: ALLOC_CHARGE bytes an instruction. */
static void charge_alloc(script *s, size_t grown)
{
    long long cost = (long long)(grown / ALLOC_CHARGE);
    s->spent += cost;
    s->run_spent += cost;
}

/* The pool's general paths (lua_pool_resize, lua_pool_release), out of
 * line like refuse: bounded_alloc calls nothing but these, as tail calls,
 * and its own paths (a small block from or back to its list, about 200 000
 * times on the 20k-row bench file) save no registers. */
static OUT_OF_LINE void *release(script *s, void *ptr, size_t old)
{
    lua_pool_release(s->pool, ptr, old);
    s->mem_used -= old;
    return NULL;
}

static OUT_OF_LINE void *resize(script *s, void *ptr, size_t old, size_t nsize)
{
    void *p = lua_pool_resize(s->pool, ptr, old, nsize);
    if (p) {
        s->mem_used = s->mem_used - old + nsize;
        if (nsize > old) charge_alloc(s, nsize - old);
    }
    return p;
}

void *bounded_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    script *s = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        if (!old || old > LUA_POOL_MAX || UNDER_ASAN) return release(s, ptr, old);
        lua_pool_push(s->pool, ptr, old);          /* a small block straight back to its list */
        s->mem_used -= old;
        return NULL;
    }
    if (nsize > old && s->mem_used - old + nsize + s->emitted > s->mem_limit) return refuse(s);
    if (!old && nsize <= LUA_POOL_MAX) {            /* a new small block, from its list when it has one */
        void *p = lua_pool_pop(s->pool, nsize);
        if (p) {
            s->mem_used += nsize;
            charge_alloc(s, nsize);
            return p;
        }
    }
    return resize(s, ptr, old, nsize);
}

/* The script sits in the state's extra space (script_new; every thread
 * of the state starts with a copy): every C function the rules call asks
 * for it, and a registry lookup per call showed in the profile. */
script *get_script(lua_State *L)
{
    return *(script **)lua_getextraspace(L);
}

/* The current family's file, from its display name (s->current). */
static const char *family_source(const script *s)
{
    return s->current ? s->current->source : NULL;
}

void locate(script *s, lua_State *L)
{
    const char *own = family_source(s);
    lua_Debug ar;
    int found = 0;
    for (int level = 0; lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0) continue;
        const char *src = ar.source[0] == '@' ? ar.source + 1 : ar.short_src;
        if (!found || (own && strcmp(src, own) == 0)) {
            snprintf(s->where.source, sizeof s->where.source, "%s", src);
            s->where.line = ar.currentline;
            found = 1;
            if (own && strcmp(src, own) == 0) break;
        }
    }
    if (!found) s->where.line = 0;
    if (s->live) *s->live = s->where;
}

static int over_budget(const script *s)
{
    return s->spent > s->budget || s->run_spent > s->run_budget;
}

/* Marks the call killed and raises the budget error (does not return). */
static int kill_call(script *s, lua_State *L)
{
    if (!s->killed) {
        s->killed = 1;
        s->kill_reason = s->run_spent > s->run_budget ? "run" : "call";
        locate(s, L);
    }
    /* from now on fire on every instruction: a pcall in the rule that
     * catches this error gets no further than its next instruction */
    lua_sethook(L, lua_gethook(L), LUA_MASKCOUNT, 1);
    /* the position is the rule's own line, not luaL_error's caller level */
    if (s->where.line > 0) lua_pushfstring(L, "%s:%d: ", s->where.source, s->where.line);
    else lua_pushliteral(L, "");
    if (strcmp(s->kill_reason, "cpu") == 0)
        lua_pushfstring(L, "stopped after %d s of CPU time in one call", s->rule_seconds);
    else if (strcmp(s->kill_reason, "run") == 0)
        lua_pushfstring(L, "instruction budget of the whole run exceeded (%I instructions for this rule file)", (lua_Integer)s->run_budget);
    else
        lua_pushfstring(L, "instruction budget exceeded (%I instructions in one call)", (lua_Integer)s->budget);
    lua_concat(L, 2);
    return lua_error(L);
}

/* ---- CPU time of one call, on this thread ----
 * A timer on the CPU clock of the thread that runs the engine ticks every
 * TICK_MS of that thread's CPU time and signals that thread; when one call
 * of a bundled rule has used --max-rule-seconds, the handler re-arms the
 * count hook to fire on the next instruction (lua_sethook may be called
 * from a signal handler), and the hook stops the call. This bounds what
 * one instruction can cost (comparing or concatenating long strings); a
 * single C call that loops without returning to Lua is bounded only in a
 * child process (isolate.c). One timer per engine and thread, so engines
 * on several threads (--jobs) are each watched. */
#define TICK_MS 10

static _Thread_local script *ticking;  /* the script this thread's timer watches */
static _Thread_local volatile sig_atomic_t call_ticks, cpu_over;

static void budget_hook(lua_State *L, lua_Debug *ar);

static void on_tick(int sig)
{
    (void)sig;
    script *s = ticking;
    if (!s || !s->armed) return;
    if (!s->counting) {         /* a long call: count its instructions from now on */
        s->counting = 1;
        lua_sethook(s->L, budget_hook, LUA_MASKCOUNT, HOOK_STEP);
    }
    if (++call_ticks > (sig_atomic_t)s->rule_seconds * (1000 / TICK_MS)) {
        cpu_over = 1;
        lua_sethook(s->L, budget_hook, LUA_MASKCOUNT, 1);
    }
}

/* This thread's id, asked of the kernel once per thread (a report asked
 * it again: one system call per report on a long-form file); forgotten in
 * a forked child, which is another process. */
static _Thread_local pid_t thread_id;

static void forget_thread_id(void)
{
    thread_id = 0;
}

static pid_t this_thread(void)
{
    if (!thread_id) thread_id = (pid_t)syscall(SYS_gettid);
    return thread_id;
}

static void install_tick_handler(void)
{
    pthread_atfork(NULL, NULL, forget_thread_id);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_tick;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGPROF, &sa, NULL);
}

void watch_cpu(script *s)
{
    static pthread_once_t handler_once = PTHREAD_ONCE_INIT;
    pthread_once(&handler_once, install_tick_handler);
    pid_t tid = this_thread();
    if (!s->cpu_timer_on || s->cpu_timer_thread != tid) {
        /* made once per engine and thread, then left ticking: between
         * reports the handler finds no script and does nothing */
        if (s->cpu_timer_on) timer_delete(s->cpu_timer);
        struct sigevent to_thread;
        memset(&to_thread, 0, sizeof to_thread);
        to_thread.sigev_notify = SIGEV_THREAD_ID;
        to_thread.sigev_signo = SIGPROF;
        to_thread._sigev_un._tid = tid;     /* sigev_notify_thread_id, which glibc 2.36 does not name */
        s->cpu_timer_on = timer_create(CLOCK_THREAD_CPUTIME_ID, &to_thread, &s->cpu_timer) == 0;
        if (!s->cpu_timer_on) return;
        s->cpu_timer_thread = tid;
        struct itimerspec every = { { 0, TICK_MS * 1000000L }, { 0, TICK_MS * 1000000L } };
        timer_settime(s->cpu_timer, 0, &every, NULL);
    }
    ticking = s;
}

void unwatch_cpu(void)
{
    ticking = NULL;
}

void forget_cpu_timer(script *s)
{
    if (ticking == s) ticking = NULL;
    if (s->cpu_timer_on) timer_delete(s->cpu_timer);
    s->cpu_timer_on = 0;
}

static void budget_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    script *s = get_script(L);
    if (!s->armed) {            /* a tick that raced with disarm_budget */
        lua_sethook(L, NULL, 0, 0);
        return;
    }
    if (cpu_over && !s->killed) {
        s->killed = 1;
        s->kill_reason = "cpu";
        locate(s, L);
    }
    long long step = s->killed ? 1 : HOOK_STEP;
    s->spent += step;
    s->run_spent += step;
    if (s->killed || over_budget(s)) kill_call(s, L);
    if (s->live) locate(s, L);          /* a child keeps the parent told */
    if (s->profile == 2 && !s->killed) profile_sample(s, L);
}

void charge(lua_State *L, long long cost)
{
    charge_script(get_script(L), L, cost);
}

void charge_script(script *s, lua_State *L, long long cost)
{
    if (cost < 0) cost = 0;
    if (cost > s->budget) cost = s->budget + 1;     /* no overflow */
    s->spent += cost;
    s->run_spent += cost;
    if (s->killed || over_budget(s)) kill_call(s, L);
    if (s->live) locate(s, L);
}

void arm_budget(script *s)
{
    call_ticks = 0;
    cpu_over = 0;
    s->armed = 1;
    s->spent = 0;
    s->killed = 0;
    s->kill_reason = NULL;
    s->where.source[0] = '\0';
    s->where.line = 0;
    /* The count hook makes Lua stop at every instruction (to count it
     * down): a tenth of the bundled rules' time. Their calls are short, so
     * with the default budgets they run without it until the call has used
     * TICK_MS of CPU (on_tick) — then the budget counts as before; what C
     * functions charge is counted always. Exact counting from the first
     * instruction when a budget was set, for rules in child processes
     * (which report where they are through the hook) and for
     * LAKIP_PROFILE=lines (which samples from it). */
    s->counting = s->exact_budget || s->live || s->profile == 2;
    if (s->counting) lua_sethook(s->L, budget_hook, LUA_MASKCOUNT, HOOK_STEP);
}

void disarm_budget(script *s)
{
    s->armed = 0;
    /* the hook is set only with counting on (arm_budget, on_tick; a
     * kill_call without it sets none): once armed is 0 no tick sets it */
    if (s->counting) lua_sethook(s->L, NULL, 0, 0);
}

/* Message handler: keeps the message and a traceback. */
int error_handler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (!msg) msg = luaL_typename(L, 1);
    luaL_traceback(L, L, msg, 1);
    return 1;
}
