/*
 * output_file.c — the -o file (see output_file.h).
 */
#define _GNU_SOURCE     /* O_TMPFILE: output_file_scratch */
#include "output_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/util.h"

struct output_file {
    char *path;
    char *tmp;
    FILE *fp;
};

static int same_file(const struct stat *a, const char *path)
{
    struct stat b;
    return stat(path, &b) == 0 && a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

static int folder_holds(const struct stat *out, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    int found = 0;
    size_t n = strlen(dir);
    for (struct dirent *e; !found && (e = readdir(d)) != NULL; ) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char *p = xmalloc(n + strlen(e->d_name) + 2);
        sprintf(p, "%s/%s", dir, e->d_name);
        found = same_file(out, p);
        free(p);
    }
    closedir(d);
    return found;
}

int output_is_input(const char *path, const char *const *files, size_t nfiles,
                    const char *const *folders, size_t nfolders)
{
    struct stat out;
    if (stat(path, &out) != 0) return 0;       /* nothing there yet (or a dangling link) */
    for (size_t i = 0; i < nfiles; i++)
        if (files[i] && same_file(&out, files[i])) return 1;
    for (size_t i = 0; i < nfolders; i++)
        if (folders[i] && folder_holds(&out, folders[i])) return 1;
    return 0;
}

/* ---- removing the temporary file on a signal ---- */

/* The handler may only read what was complete before it was installed:
 * the name is written once, before the handlers go in. */
static char pending_tmp[4096];
static volatile sig_atomic_t have_pending;
/* output_file_scratch's name, between its creation and its removal */
static char pending_scratch[4096 + 16];
static volatile sig_atomic_t have_scratch;

static void on_signal(int sig)
{
    if (have_pending) unlink(pending_tmp);
    if (have_scratch) unlink(pending_scratch);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void watch_signals(const char *tmp)
{
    snprintf(pending_tmp, sizeof pending_tmp, "%s", tmp);
    have_pending = 1;
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, NULL);
    }
}

static void unwatch_signals(void)
{
    have_pending = 0;
}

/* ---- open, commit, abort ---- */

output_file *output_file_open(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        fprintf(stderr, "lakip-audit: %s: not a regular file: refusing to replace it (leave out -o to write to standard output)\n", path);
        return NULL;
    }
    size_t n = strlen(path);
    if (n + 16 > sizeof pending_tmp) {
        fprintf(stderr, "lakip-audit: %s: path too long\n", path);
        return NULL;
    }
    output_file *of = xcalloc(1, sizeof *of);
    of->path = xstrdup(path);
    of->tmp = xmalloc(n + 16);
    snprintf(of->tmp, n + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(of->tmp);
    if (fd < 0 || !(of->fp = fdopen(fd, "w"))) {
        fprintf(stderr, "lakip-audit: %s: cannot create: %s\n", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(of->tmp);
        }
        free(of->tmp);
        free(of->path);
        free(of);
        return NULL;
    }
    watch_signals(of->tmp);
    return of;
}

static void output_file_free(output_file *of)
{
    unwatch_signals();
    free(of->tmp);
    free(of->path);
    free(of);
}

void output_file_abort(output_file *of)
{
    if (!of) return;
    fclose(of->fp);
    unlink(of->tmp);
    output_file_free(of);
}

FILE *output_file_stream(output_file *of)
{
    return of->fp;
}

FILE *output_file_scratch(output_file *of)
{
    int fd = -1;
#ifdef O_TMPFILE
    char *dir = xstrdup(of->path);
    char *slash = strrchr(dir, '/');
    if (!slash) strcpy(dir, ".");       /* of->path has a character at least: room for "." */
    else slash[slash == dir] = '\0';    /* "/x" is in "/" */
    fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    free(dir);
#endif
    if (fd < 0) {       /* no O_TMPFILE here: a name, removed at once */
        snprintf(pending_scratch, sizeof pending_scratch, "%s.tmpXXXXXX", of->path);
        fd = mkstemp(pending_scratch);
        if (fd < 0) return NULL;
        have_scratch = 1;
        unlink(pending_scratch);
        have_scratch = 0;
    }
    FILE *f = fdopen(fd, "w+");
    if (!f) {
        int err = errno;
        close(fd);
        errno = err;
    }
    return f;
}

int output_file_restart(output_file *of)
{
    if (fflush(of->fp) != 0 || ftruncate(fileno(of->fp), 0) != 0) return -1;
    rewind(of->fp);
    return 0;
}

int output_file_commit(output_file *of, int written)
{
    int rc = written;
    if (fflush(of->fp) != 0) rc = -1;
    if (fsync(fileno(of->fp)) != 0) rc = -1;
    if (fclose(of->fp) != 0) rc = -1;
    if (rc == 0) {          /* mkstemp makes 0600; give the usual mode */
        mode_t mask = umask(0);
        umask(mask);
        chmod(of->tmp, 0666 & ~mask);
    }
    if (rc == 0 && rename(of->tmp, of->path) != 0) rc = -1;
    if (rc < 0) {
        fprintf(stderr, "lakip-audit: %s: cannot write: %s\n", of->path, strerror(errno));
        unlink(of->tmp);
    }
    output_file_free(of);
    return rc;
}
