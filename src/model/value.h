/*
 * value.h — what a cell holds when it is not (only) a plain number.
 *
 * Targets and realisasi in real reports are bounds ("<49", "≤ 10",
 * "maks. 5", "minimal 80%"), ranges ("46–50", "69,1 s.d. 69,5"), ratios
 * ("1:17,9"), rates with their base ("8,5 per 1.000 KH", "102/100.000
 * penduduk"), qualitative grades ("WTP", "A", "BB", "Tercapai", "Level 3")
 * or say there is nothing ("n/a", "-", "belum ada data"). value_parse
 * reads one cell into a typed value the rules can compare; a plain number
 * is VALUE_NUMBER with number.h's result. Numbers inside are read with
 * number_parse in the given style, so they keep their written precision.
 *
 * Uses number.h. Never touches Lua.
 */
#ifndef LAKIP_VALUE_H
#define LAKIP_VALUE_H

#include <stddef.h>
#include "model/number.h"

enum value_kind {
    VALUE_EMPTY,
    VALUE_NUMBER,       /* .a: the number */
    VALUE_BOUND,        /* .a: the limit, .op: how the value relates to it */
    VALUE_RANGE,        /* .a low, .b high (a % on either side applies to both) */
    VALUE_RATIO,        /* .a first term, .b second term: "1:17,9" */
    VALUE_RATE,         /* .a the value, .b the base (1000 in "per 1.000 KH"), .word the base unit ("kh") */
    VALUE_GRADE,        /* .word the canonical grade, .scale its scale, .rank its place on it (higher is better) */
    VALUE_MISSING,      /* "-", "n/a", "NA", "belum ada data", ...: .word says which */
    VALUE_TEXT,         /* words the tool does not know */
    VALUE_INVALID       /* looks numeric but cannot be read: .a holds number.h's INVALID result */
};

enum bound_op { BOUND_LT, BOUND_LE, BOUND_GT, BOUND_GE };

#define VALUE_WORD_MAX 32

typedef struct {
    enum value_kind kind;
    number a, b;
    enum bound_op op;
    char word[VALUE_WORD_MAX];
    const char *scale;      /* VALUE_GRADE: "opini" (WTP > WDP > TW > TMP), "sakip" (AA > A > BB > B > CC > C > D),
                               "status" (tercapai > tidak tercapai), "ada" (ada > tidak ada), "level" (Level n) */
    int rank;
} typed_value;

void value_parse(const char *text, size_t len, enum number_style style, typed_value *out);

/* True when text (digits with ". , %", blanks, at most a leading "-")
 * can only be a plain number or an unreadable one: value_parse's kind is
 * then number_parse's, VALUE_NUMBER for NUMBER_VALUE. */
int value_plain_number_text(const char *text, size_t len);

const char *value_kind_name(enum value_kind kind);   /* "empty", "number", "bound", "range", "ratio", "rate", "grade", "missing", "text", "invalid" */
const char *bound_op_text(enum bound_op op);         /* "<", "<=", ">", ">=" */

#endif
