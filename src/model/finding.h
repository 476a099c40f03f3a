/*
 * finding.h — findings as data.
 *
 * A finding is a rule id, a severity, a place (file, line, table,
 * indicator) and named fields (reported, expected, formula, computation,
 * ...). The human message is not stored: it is rendered from the rule's
 * template at output time (finding_render), so every format and language
 * shows the same facts.
 */
#ifndef LAKIP_FINDING_H
#define LAKIP_FINDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "model/catalog.h"
#include "model/place.h"

typedef struct {
    char *key;
    char *value;
} finding_field;

typedef struct {
    char *rule;
    enum severity severity;
    char *file;             /* may be NULL for findings about the whole audit */
    int line;               /* 0 when not known */
    char *table;            /* caption of the table, or NULL */
    int table_line;         /* first line of the table */
    char *indicator;        /* indicator / program name, or NULL */
    place where;            /* cell / paragraph / page of a non-text input (where.sheet owned); kind PLACE_NONE otherwise */
    place table_where;      /* the table's place, likewise */
    finding_field *fields;
    size_t nfields;
    char *block;            /* non-NULL: all its strings and its fields are this one allocation (finding_add_whole) */
    char fingerprint[17];   /* 16 hex digits: stable across line moves, see finding_fingerprint */
    bool sorted;            /* its fields are in key order already (finding_list_finish sorts them) */
    int accepted;           /* matched by the baseline */
    int summarized;         /* another finding of its file summarises its rule (set by finding_list_finish) */
    int pooled;             /* its strings live in its list's pool (finding_list_compact) */
    size_t part;            /* 1 + the index of the report of a long-form file it is about; 0: the audit's */
} finding;

typedef struct finding_list finding_list;

finding_list *finding_list_new(void);
void finding_list_free(finding_list *l);
/* Appends an empty finding with copies of the strings (any may be NULL). */
finding *finding_add(finding_list *l, const char *rule, enum severity sev,
                     const char *file, int line, const char *table, int table_line,
                     const char *indicator);
/* Sets the places (copies the sheet names); either may be NULL. */
void finding_set_place(finding *f, const place *where, const place *table_where);
/* Moves every finding of src to the end of dst, in order; src is left empty. */
void finding_list_move(finding_list *dst, finding_list *src);
/* Findings from index `from` on keep their strings in the list's pool,
 * each distinct string once (rule ids, field names, most values recur),
 * in large blocks: a million findings of a long-form file take a fraction
 * of the memory. Nothing else changes; a pooled finding changed later
 * (finding_set) gets its own copies again. */
void finding_list_compact(finding_list *l, size_t from);
void finding_set(finding *f, const char *key, const char *value);   /* replaces an existing key */
/* What finding_add_whole makes a finding of: finding_add's arguments,
 * the places (finding_set_place; NULL: none) and the fields, each with
 * the strlen of its key and of its value. */
typedef struct {
    const char *rule;
    enum severity severity;
    const char *file;
    int line;
    const char *table;
    int table_line;
    const char *indicator;
    const place *where, *table_where;
} finding_head;

typedef struct {
    const char *key, *value;
    size_t key_len, value_len;
} finding_field_in;

/* finding_add, finding_set_place, then finding_set of each field in order
 * (a repeated key takes the last value), made at once: all the finding's
 * strings and fields in one allocation, the fields in key order (as
 * finding_list_finish leaves them). ctx:emit gives a finding fifteen or
 * so fields, and a long-form report's findings are freed soon after they
 * are written: one malloc and one free instead of some forty. */
finding *finding_add_whole(finding_list *l, const finding_head *h, const finding_field_in *fields, size_t n);
const char *finding_get(const finding *f, const char *key);          /* NULL when absent */
/* values[j] = finding_get(f, keys[j]) for the n keys, which are in
 * strcmp's order: one walk over a sorted finding's fields. */
void finding_get_sorted(const finding *f, const char *const *keys, size_t n, const char **values);
size_t finding_count(const finding_list *l);
finding *finding_at(const finding_list *l, size_t i);
/* Sorts by report part (a long-form file's reports in file order, then
 * the findings of no part), file, table line, line, rule id, then
 * insertion order, and computes the fingerprints. */
void finding_list_finish(finding_list *l);
/* Marks the findings from index `from` on as about report part `part`. */
void finding_list_set_part(finding_list *l, size_t from, size_t part);

/* Identical findings numbered across several lists finished one after the
 * other (a long-form file's reports written as they are final): what
 * finding_list_finish would number in one list holding them all, in order. */
typedef struct finding_occurrences finding_occurrences;
finding_occurrences *finding_occurrences_new(void);
void finding_occurrences_free(finding_occurrences *o);
/* From now on the identities of the lists finished before the one being
 * finished are kept in f (an empty file open for reading and writing,
 * which o closes), not in memory: a counter per distinct finding would
 * grow with a long-form file. The numbering stays exactly as it was. */
void finding_occurrences_spool(finding_occurrences *o, FILE *f);
/* 0, or the errno of the first write or read of o's file that failed (the
 * numbering since may be wrong: the output is not to be kept). */
int finding_occurrences_error(finding_occurrences *o);
/* finding_list_finish with the numbering continued from `seen`. */
void finding_list_finish_after(finding_list *l, finding_occurrences *seen);
/* Removes every finding (the notes stay). */
void finding_list_clear(finding_list *l);
/* Drops findings of disabled rules and applies configured severities. */
void finding_list_apply_catalog(finding_list *l, const catalog *c);

/* Notes about the whole audit that a rule states for the report header
 * ("the lower-is-better formula in force is ..., from ..."): not findings,
 * never counted, shown under the header of every format and as "notes" in
 * JSON. Texts in both languages; an identical note is kept once. */
void finding_list_add_note(finding_list *l, const char *rule, const char *text_id, const char *text_en);
size_t finding_note_count(const finding_list *l);
const char *finding_note_rule(const finding_list *l, size_t i);
/* A note's text; for a long-form report's note "GROUP: text", made in a
 * buffer of the list's that the next call reuses. */
const char *finding_note_text(const finding_list *l, size_t i, enum lang lang);
/* Note i's parts: its rule, its group (NULL for none: the texts are then
 * the note's whole texts) and its texts without the "GROUP: " prefix;
 * valid until the next call that reads a note of l. */
void finding_note_parts(const finding_list *l, size_t i, const char **rule, const char **group, const char **text_id,
                        const char **text_en);
/* A note's text as shown, "GROUP: text" (text itself without a group), in
 * buf when it fits (size bytes), else in memory the caller frees (*made;
 * NULL when none was made). */
const char *finding_note_join(const char *group, const char *text, char *buf, size_t size, char **made);
/* Adds the notes of `from` to `out`, each text prefixed "GROUP: " when
 * group is not NULL: the notes of one report of a long-form file, which
 * the header lists beside those of the file's other reports. */
void finding_list_take_notes(finding_list *out, const finding_list *from, const char *group);
/* The same, calling added(ud, rule, group, text_id, text_en) for each note
 * out did not have yet, as it is added (group: the note's own when group
 * is NULL; texts without the "GROUP: " prefix). */
void finding_list_take_notes_seen(finding_list *out, const finding_list *from, const char *group,
                                  void (*added)(void *ud, const char *rule, const char *group, const char *text_id,
                                                const char *text_en),
                                  void *ud);
/* Removes every note. */
void finding_list_clear_notes(finding_list *l);
/* From now on the notes l is given are kept in f (an empty file open for
 * reading and writing, which l closes) instead of memory, after those it
 * holds: a long-form file's notes, a note per report, cost memory that
 * grows with the file. Everything else stays as it was — the notes' order,
 * each kept once, what finding_note_* return (read back from f in order).
 * Unspool forgets the notes in f: l holds those it held before. */
void finding_list_spool_notes(finding_list *l, FILE *f);
void finding_list_unspool_notes(finding_list *l);
/* 0, or the errno of the first write or read of l's notes' file that
 * failed: the notes read since are empty, and none are written after. */
int finding_list_notes_error(const finding_list *l);
/* Gives each finding from index `from` on that is outside any table the
 * field "group" (the report's group, report_group): in a long-form file a
 * table's caption names its report, and this names the report of the
 * others (a formula policy, say). Nothing when group is NULL. */
void finding_list_name_group(finding_list *l, size_t from, const char *group);

/* True when another finding of the same file summarises f's rule (its
 * field "summarizes" names the rule): people's reports show the summary
 * instead of every row; JSON keeps both. */
int finding_summarized(const finding_list *l, const finding *f);

/* Renders a template: "{name}" is replaced by the field (or the finding's
 * own reported/expected/indicator/line...). Unknown names stay as written. */
char *finding_render(const finding *f, const char *template_text);
/* The message of f in lang from its rule's template, or a plain fallback. */
char *finding_message(const finding *f, const catalog *c, enum lang lang);
/* finding_message into buf (size bytes, terminated when size > 0) as
 * snprintf: returns the message's length, which when it is size or more
 * did not fit. A writer's message without a malloc of its own. */
size_t finding_message_to(const finding *f, const catalog *c, enum lang lang, char *buf, size_t size);
/* What to change, rendered from the rule's fix template; NULL if none. */
char *finding_fix(const finding *f, const catalog *c, enum lang lang);

#endif
