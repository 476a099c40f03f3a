/*
 * cpu_apart.c — a thread started on another processor (cpu_apart.h).
 */
#define _GNU_SOURCE             /* sched_getcpu, CPU_* and pthread_attr_setaffinity_np */
#include "util/cpu_apart.h"

#include <sched.h>

bool cpu_apart(pthread_attr_t *attr)
{
    cpu_set_t allowed;
    int here = sched_getcpu();
    if (here < 0 || sched_getaffinity(0, sizeof allowed, &allowed) != 0) return false;
    CPU_CLR(here, &allowed);
    if (CPU_COUNT(&allowed) == 0) return false;
    return pthread_attr_setaffinity_np(attr, sizeof allowed, &allowed) == 0;
}
