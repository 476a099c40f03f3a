/*
 * read_text.c — an input file as UTF-8 text (see read_text.h).
 */
#include "input/read_text.h"

#include <stdlib.h>
#include <string.h>
#include "util/input_file.h"
#include "util/text_decode.h"
#include "util/utf8.h"

int read_text(const char *path, char **data, size_t *len, const char **encoding, bool *assumed, load_error *err)
{
    int e = utf8_read_file(path, data, len);
    if (e) {
        load_error_set(err, path, 0, "cannot read: %s", input_error_text(e));
        return -1;
    }
    int line;
    const char *bad = text_decode(data, len, encoding, assumed, &line);
    if (bad) {
        load_error_set(err, path, line, "%s", bad);
        free(*data);
        return -1;
    }
    return 0;
}
