/*
 * settings_file.h — the syntax of a settings file (lakip-audit.conf):
 * "key = value" lines, "#" comment lines, blank lines, a value optionally
 * in double quotes; UTF-8, UTF-16 with BOM or Windows-1252 like every
 * input. What the keys mean and which values are valid is settings.c's
 * job, at the top layer: this only splits the lines and keeps their
 * numbers for the messages.
 */
#ifndef LAKIP_SETTINGS_FILE_H
#define LAKIP_SETTINGS_FILE_H

#include <stddef.h>
#include "model/report.h"

#define SETTINGS_FILE_NAME "lakip-audit.conf"

typedef struct {
    char *key;
    char *value;
    int line;
} settings_line;

/* Reads path into *lines (*count of them; free with settings_lines_free).
 * 0, or -1 with *err (file and line) for a file that cannot be read or a
 * line that is not "key = value". */
int settings_file_read(const char *path, settings_line **lines, size_t *count, load_error *err);
void settings_lines_free(settings_line *lines, size_t count);

/* The settings file a PATH of the command line brings: PATH itself when
 * it is named lakip-audit.conf, PATH/lakip-audit.conf when PATH is a
 * folder that has one; else NULL. Free the result. */
char *settings_file_of(const char *path);

#endif
