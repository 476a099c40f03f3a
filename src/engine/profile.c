/*
 * profile.c — LAKIP_PROFILE=lines: where the rules' work goes, by Lua line.
 *
 * A developer's aid beside LAKIP_PROFILE=1 (CPU per family, run.c). Two
 * tallies, printed on stderr when the engine ends:
 *  - Lua instructions: each time the budget hook fires (every PROFILE_STEP
 *    instructions, bounds.c) the running function's line and the line
 *    where that function starts are counted. Counting instructions, it is
 *    the same on every run.
 *  - time in the charged library functions (string.find, gsub, ...,
 *    sandbox.c): each call's thread CPU time, by the Lua line that made it
 *    and the function's name — on the sample most of the rules' time is
 *    spent there, not in the interpreter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/internal.h"

#define PROFILE_SLOTS 8192      /* distinct places kept; more are counted as "other" */

typedef struct {
    char *at;                   /* "source:line", or "source:line name" */
    double weight;              /* samples, or seconds */
    unsigned long count;        /* additions */
} profile_slot;

struct profile_tally {
    profile_slot lines[PROFILE_SLOTS];
    profile_slot functions[PROFILE_SLOTS];
    profile_slot calls[PROFILE_SLOTS];
    double samples, call_seconds;
};

static unsigned long hash_text(const char *t)
{
    unsigned long h = 5381;
    while (*t) h = h * 33 ^ (unsigned char)*t++;
    return h;
}

/* Adds weight to `at` in slots (open addressing); nothing when full. */
static void tally(profile_slot *slots, const char *at, double weight)
{
    unsigned long h = hash_text(at);
    for (unsigned long probe = 0; probe < PROFILE_SLOTS; probe++) {
        profile_slot *slot = &slots[(h + probe) % PROFILE_SLOTS];
        if (!slot->at) {
            slot->at = strdup(at);
            if (!slot->at) return;
        } else if (strcmp(slot->at, at) != 0) continue;
        slot->weight += weight;
        slot->count++;
        return;
    }
}

static profile_tally *tally_of(script *s)
{
    if (!s->line_profile) s->line_profile = calloc(1, sizeof *s->line_profile);
    return s->line_profile;
}

void profile_sample(script *s, lua_State *L)
{
    profile_tally *p = tally_of(s);
    lua_Debug ar;
    if (!p || !lua_getstack(L, 0, &ar) || !lua_getinfo(L, "Sl", &ar)) return;
    char at[512];
    p->samples++;
    snprintf(at, sizeof at, "%s:%d", ar.short_src, ar.currentline);
    tally(p->lines, at, 1);
    snprintf(at, sizeof at, "%s:%d", ar.short_src, ar.linedefined);
    tally(p->functions, at, 1);
}

double profile_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

void profile_call(script *s, lua_State *L, const char *name, double seconds)
{
    profile_tally *p = tally_of(s);
    lua_Debug ar;
    if (!p) return;
    char at[512];
    p->call_seconds += seconds;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar))
        snprintf(at, sizeof at, "%s:%d %s", ar.short_src, ar.currentline, name);
    else snprintf(at, sizeof at, "? %s", name);
    tally(p->calls, at, seconds);
}

static int by_weight(const void *a, const void *b)
{
    const profile_slot *x = a, *y = b;
    if (x->weight != y->weight) return x->weight < y->weight ? 1 : -1;
    if (!x->at || !y->at) return !x->at - !y->at;
    return strcmp(x->at, y->at);
}

static void print_top(const char *what, profile_slot *slots, double total, const char *unit, double scale)
{
    qsort(slots, PROFILE_SLOTS, sizeof *slots, by_weight);
    for (int i = 0; i < 30 && slots[i].at; i++)
        fprintf(stderr, "profile %s: %5.1f%% %10.1f %s %8lu times  %s\n", what, 100.0 * slots[i].weight / total,
                slots[i].weight * scale, unit, slots[i].count, slots[i].at);
}

void profile_print_free(script *s)
{
    profile_tally *p = s->line_profile;
    if (!p) return;
    if (p->samples) {
        fprintf(stderr, "profile: %.0f thousand Lua instructions sampled, one sample per %d\n",
                p->samples * PROFILE_STEP / 1000, PROFILE_STEP);
        print_top("function", p->functions, p->samples, "samples", 1);
        print_top("line", p->lines, p->samples, "samples", 1);
    }
    if (p->call_seconds > 0) {
        fprintf(stderr, "profile: %.1f ms CPU in charged library calls\n", p->call_seconds * 1000);
        print_top("call", p->calls, p->call_seconds, "ms", 1000);
    }
    for (size_t i = 0; i < PROFILE_SLOTS; i++) {
        free(p->lines[i].at);
        free(p->functions[i].at);
        free(p->calls[i].at);
    }
    free(p);
    s->line_profile = NULL;
}
