/*
 * timeline.c — LAKIP_PROFILE=timeline (timeline.h). Marks go into a fixed
 * array claimed with an atomic counter, so threads mark without a lock;
 * a run with more marks than it holds keeps the first ones.
 */
#define _GNU_SOURCE             /* CLOCK_THREAD_CPUTIME_ID with _POSIX_C_SOURCE */
#include "util/timeline.h"

#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_MARKS 512

typedef struct {
    double ms, cpu_ms;          /* since timeline_start; the thread's CPU time */
    int thread;                 /* 1 = the first thread that marked (main) */
    int cpu;                    /* the processor it ran on then */
    int sign;
    const char *what;
    char name[24];
} mark;

static bool on;
static struct timespec start;
static mark marks[MAX_MARKS];
static atomic_int nmarks;
static atomic_int nthreads;
static _Thread_local int thread_number;

static double ms_between(struct timespec a, struct timespec b)
{
    return (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
}

void timeline_start(void)
{
    const char *p = getenv("LAKIP_PROFILE");
    on = p && strcmp(p, "timeline") == 0;
    clock_gettime(CLOCK_MONOTONIC, &start);
    timeline_mark(0, "main", NULL);
}

bool timeline_on(void)
{
    return on;
}

void timeline_mark(int sign, const char *what, const char *name)
{
    if (!on) return;
    struct timespec now, cpu;
    clock_gettime(CLOCK_MONOTONIC, &now);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
    if (!thread_number) thread_number = atomic_fetch_add(&nthreads, 1) + 1;
    int i = atomic_fetch_add(&nmarks, 1);
    if (i >= MAX_MARKS) return;
    mark *m = &marks[i];
    m->ms = ms_between(start, now);
    m->cpu_ms = (double)cpu.tv_sec * 1e3 + (double)cpu.tv_nsec / 1e6;
    m->thread = thread_number;
    m->cpu = sched_getcpu();
    m->sign = sign;
    m->what = what;
    snprintf(m->name, sizeof m->name, "%s", name ? name : "");
}

static int by_time(const void *a, const void *b)
{
    const mark *x = a, *y = b;
    return (x->ms > y->ms) - (x->ms < y->ms);
}

void timeline_print(FILE *out)
{
    int n = atomic_load(&nmarks);
    if (!on || n == 0) return;
    if (n > MAX_MARKS) n = MAX_MARKS;
    qsort(marks, (size_t)n, sizeof *marks, by_time);
    for (int i = 0; i < n; i++) {
        const mark *m = &marks[i];
        /* an end: the CPU its thread spent since the matching begin */
        double cpu = -1;
        for (int k = i - 1; m->sign < 0 && k >= 0 && cpu < 0; k--)
            if (marks[k].sign > 0 && marks[k].thread == m->thread && marks[k].what == m->what
                && strcmp(marks[k].name, m->name) == 0)
                cpu = m->cpu_ms - marks[k].cpu_ms;
        fprintf(out, "timeline: %8.3f ms  thread %d cpu %d  %s %s%s%s", m->ms, m->thread, m->cpu,
                m->sign > 0 ? "begin" : m->sign < 0 ? "end  " : "     ", m->what, m->name[0] ? " " : "", m->name);
        if (cpu >= 0) fprintf(out, "  (%.3f ms CPU)", cpu);
        fputc('\n', out);
    }
    atomic_store(&nmarks, 0);
}
