/*
 * cpu_apart.h — a thread started on another processor than its creator.
 *
 * Left to itself the scheduler often starts a new thread on the processor
 * of the thread that made it, and moves it only later: the two engines of
 * one report then took turns on one processor while the other stood idle
 * (a third of the runs of the seed report on the 2-core bench machine,
 * 11–13 ms instead of 8–9; seen with LAKIP_PROFILE=timeline's processor
 * numbers).
 */
#ifndef LAKIP_CPU_APART_H
#define LAKIP_CPU_APART_H

#include <pthread.h>
#include <stdbool.h>

/* Sets attr so that its thread runs on any processor the caller may use
 * but the one the caller runs on now; false (attr unchanged) when the
 * caller may use only one, or this cannot be told. */
bool cpu_apart(pthread_attr_t *attr);

#endif
