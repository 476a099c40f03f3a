/*
 * timeline.h — LAKIP_PROFILE=timeline: when each stage of one run began
 * and ended, on which thread and processor, with that thread's CPU time, printed on
 * standard error when the run ends (a developer's aid for the one-report
 * case, where start-up, reading, loading the rules on two threads and the
 * families shared between two engines overlap: which of them the run
 * waited for). Off, a mark is one branch.
 */
#ifndef LAKIP_TIMELINE_H
#define LAKIP_TIMELINE_H

#include <stdbool.h>
#include <stdio.h>

/* Reads LAKIP_PROFILE and starts the clock (main, first). */
void timeline_start(void);
bool timeline_on(void);
/* A stage `what` (a string that lives on, e.g. a literal) of `name` (copied,
 * may be NULL) begins (+1), ends (-1) or happens (0) on this thread. */
void timeline_mark(int sign, const char *what, const char *name);
/* The marks so far, in time order, then forgets them. */
void timeline_print(FILE *out);

#endif
