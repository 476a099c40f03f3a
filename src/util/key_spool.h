/*
 * key_spool.h — records found by a 64-bit key, kept in a file instead of
 * memory, with exact answers.
 *
 * A long-form file's audit must remember something per report to the end
 * (its notes, the identities of its findings, the report keys it has
 * finished): in memory that grows with the file. A key spool appends each
 * record {key, bytes} to a scratch file and keeps in memory only a filter
 * of a fixed size (1 MB, four bits per key), which says "not there" for
 * almost every key never added. Its "maybe" is settled by the file: read
 * through (the records of that key are handed to the caller to judge),
 * and when that has happened SCANS times, an index of the file's records
 * ({key, offset}, 32 to 64 bytes a record) is built once and kept up to
 * date, so a spool asked "maybe" often (many records of one key) costs
 * memory that grows again but never time that does. Until then the memory
 * stays the same however many records.
 */
#ifndef LAKIP_KEY_SPOOL_H
#define LAKIP_KEY_SPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct key_spool key_spool;

/* f: an empty file open for reading and writing, which the spool closes. */
key_spool *key_spool_new(FILE *f);
void key_spool_free(key_spool *s);

/* Appends the record {h, the n bytes of data}. Nothing after an error. */
void key_spool_add(key_spool *s, uint64_t h, const void *data, size_t n);

/* Hands each record of key h to match (its bytes, valid during the call),
 * oldest first while the file is read through, in no set order once it is
 * indexed, until match returns true. True when match did; false when no
 * record matched or there is none of h (the filter said so, or the file).
 * When the file cannot be read the answer is false and key_spool_error
 * says so: a caller for which "not there" is the unsafe answer asks it. */
bool key_spool_find(key_spool *s, uint64_t h, bool (*match)(void *ud, const char *data, size_t n), void *ud);

/* The records in the order added: the first is at offset 0, *next is
 * where the one after record `at` starts. Reads its key and bytes (valid
 * until the spool is used again) when h and data are not NULL. 0, or -1
 * (key_spool_error says why) when it cannot be read. */
int key_spool_read(key_spool *s, uint64_t at, uint64_t *h, const char **data, size_t *n, uint64_t *next);

size_t key_spool_count(const key_spool *s);
/* 0, or the errno of the first write or read of the file that failed
 * (records added or read since are lost: whatever depends on them is
 * not to be kept). key_spool_sync writes what is buffered first. */
int key_spool_error(const key_spool *s);
int key_spool_sync(key_spool *s);

#endif
