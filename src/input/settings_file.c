/*
 * settings_file.c — reading the lines of a settings file (see
 * settings_file.h).
 */
#include "input/settings_file.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "input/read_text.h"
#include "util/util.h"

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) s[--n] = '\0';
    return s;
}

int settings_file_read(const char *path, settings_line **lines, size_t *count, load_error *err)
{
    *lines = NULL;
    *count = 0;
    char *data;
    size_t len, cap = 0;
    const char *encoding;
    bool assumed;
    if (read_text(path, &data, &len, &encoding, &assumed, err) < 0) return -1;
    int rc = 0, lineno = 0;
    char *next = NULL;
    for (char *p = data; p; p = next) {
        char *nl = strchr(p, '\n');
        next = nl ? nl + 1 : NULL;
        if (nl) *nl = '\0';
        lineno++;
        char *line = trim(p);
        if (!line[0] || line[0] == '#') continue;
        char *eq = strchr(line, '=');
        if (!eq) {
            load_error_set(err, path, lineno, "expected \"key = value\"");
            rc = -1;
            break;
        }
        *eq = '\0';
        char *key = trim(line), *value = trim(eq + 1);
        size_t vn = strlen(value);
        if (vn >= 2 && value[0] == '"' && value[vn - 1] == '"') {
            value[vn - 1] = '\0';
            value++;
        }
        grow_array((void **)lines, &cap, *count + 1, sizeof **lines);
        settings_line *l = &(*lines)[(*count)++];
        l->key = xstrdup(key);
        l->value = xstrdup(value);
        l->line = lineno;
    }
    free(data);
    if (rc < 0) {
        settings_lines_free(*lines, *count);
        *lines = NULL;
        *count = 0;
    }
    return rc;
}

void settings_lines_free(settings_line *lines, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(lines[i].key);
        free(lines[i].value);
    }
    free(lines);
}

char *settings_file_of(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) return NULL;
    if (!S_ISDIR(st.st_mode))
        return strcmp(path_basename(path), SETTINGS_FILE_NAME) == 0 ? xstrdup(path) : NULL;
    size_t n = strlen(path);
    char *conf = xmalloc(n + sizeof SETTINGS_FILE_NAME + 1);
    memcpy(conf, path, n);
    if (n == 0 || path[n - 1] != '/') conf[n++] = '/';
    strcpy(conf + n, SETTINGS_FILE_NAME);
    /* a folder's settings file is one that can be loaded: not a sub-folder */
    if (stat(conf, &st) == 0 && !S_ISDIR(st.st_mode)) return conf;
    free(conf);
    return NULL;
}
