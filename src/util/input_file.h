/*
 * input_file.h — opening a file the tool reads, safely and within limits.
 *
 * Every input (data files, the settings file, the baseline, rule files) is
 * opened here: a FIFO, device or socket is refused by its type before it
 * is opened (opening a FIFO blocks until a writer comes, opening a device
 * may act on it), and a file larger than INPUT_MAX_BYTES is refused with a
 * message that names the limit. Uses only POSIX.
 */
#ifndef LAKIP_INPUT_FILE_H
#define LAKIP_INPUT_FILE_H

#include <stddef.h>

/* The largest input file read (bytes): 256 MiB, far above any report
 * (the 1M-row benchmark CSV is 60 MB) and small enough that the parsed
 * tables fit in memory. */
#define INPUT_MAX_BYTES ((size_t)256 * 1024 * 1024)
/* The largest table cell (bytes of its raw text): 64 KiB. A longer cell is
 * a broken export (an unclosed quote swallowing the file), not a value. */
#define INPUT_MAX_CELL ((size_t)64 * 1024)

/* 0 when path is a regular file within INPUT_MAX_BYTES, else ENODEV,
 * EFBIG or the errno of stat — without opening it. */
int input_check(const char *path);

/* Opens path for reading. Returns a descriptor (close-on-exec, blocking),
 * or -errno: -ENODEV when path is not a regular file (checked by stat
 * before the open, and again on the open descriptor), -EFBIG when it is
 * larger than INPUT_MAX_BYTES. */
int input_open(const char *path);

/* The words for an error from input_open / utf8_read_file: the limit for
 * EFBIG, "not a regular file" for ENODEV, else strerror. */
const char *input_error_text(int e);

#endif
