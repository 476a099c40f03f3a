/*
 * output_file.c — the -o file (see output_file.h).
 */
#define _GNU_SOURCE     /* O_TMPFILE: output_file_scratch; fopencookie, sync_file_range: the -o file */
#include "output_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/util.h"

struct output_file {
    char *path;                 /* NULL: standard output, through a nameless file (output_file_spool) */
    char *tmp;
    char *dir;                  /* where scratch files go: the -o file's folder, or the temporary folder */
    FILE *fp;
    int fd;                     /* the -o file's (fp writes to it through file_write); -1 for a spool */
    off_t at, sent;             /* the offset written to, and up to which writeback was asked for */
    char *buf;                  /* fp's buffer (file_stream) */
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

/* Bytes of the -o file between two requests to the kernel to start writing
 * them to the disk. The commit syncs the file before renaming it into
 * place; asked for only then, the sync waited for the whole report (50 MB
 * of JSON for the bench file: 60–150 ms on this project's machine, after
 * the audit was done). Asked for as the report grows, the disk writes
 * while the audit runs, and the sync waits for the last few megabytes. */
#define WRITEBACK_EVERY ((off_t)8 << 20)

/* The -o file's stream writes straight to its descriptor (the stdio
 * buffer is the only one), asking for writeback every WRITEBACK_EVERY
 * bytes: a hint, whose failure changes nothing. */
static ssize_t file_write(void *cookie, const char *buf, size_t n)
{
    output_file *of = cookie;
    for (size_t done = 0; done < n; ) {
        ssize_t w = write(of->fd, buf + done, n - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;          /* the stream's error: the commit removes the file */
        done += (size_t)w;
    }
    of->at += (off_t)n;
#ifdef SYNC_FILE_RANGE_WRITE
    if (of->at - of->sent >= WRITEBACK_EVERY) {
        sync_file_range(of->fd, of->sent, of->at - of->sent, SYNC_FILE_RANGE_WRITE);
        of->sent = of->at;
    }
#endif
    return (ssize_t)n;
}

static int file_seek(void *cookie, off64_t *offset, int whence)
{
    output_file *of = cookie;
    off_t to = lseek(of->fd, (off_t)*offset, whence);
    if (to < 0) return -1;
    *offset = to;
    of->at = to;
    if (of->sent > to) of->sent = to;   /* output_file_restart: written again from there */
    return 0;
}

static int file_close(void *cookie)
{
    output_file *of = cookie;
    int rc = close(of->fd);
    of->fd = -1;
    return rc;
}

/* The -o file's stream over fd (of's), with a buffer of 64 KiB: the
 * report is written in a few hundred calls, not one per 8 KiB (glibc's
 * size for a stream it cannot stat; and it ignores the size given to
 * setvbuf without a buffer: so the buffer is of's). */
#define FILE_BUFFER ((size_t)1 << 16)

static FILE *file_stream(output_file *of)
{
    FILE *f = fopencookie(of, "w", (cookie_io_functions_t){ .write = file_write, .seek = file_seek, .close = file_close });
    if (f) {
        of->buf = xmalloc(FILE_BUFFER);
        setvbuf(f, of->buf, _IOFBF, FILE_BUFFER);
    }
    return f;
}

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
    of->dir = xstrdup(path);
    char *slash = strrchr(of->dir, '/');
    if (!slash) strcpy(of->dir, ".");       /* path has a character at least: room for "." */
    else slash[slash == of->dir] = '\0';    /* "/x" is in "/" */
    of->tmp = xmalloc(n + 16);
    snprintf(of->tmp, n + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(of->tmp);
    of->fd = fd;
    if (fd < 0 || !(of->fp = file_stream(of))) {
        fprintf(stderr, "lakip-audit: %s: cannot create: %s\n", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(of->tmp);
        }
        free(of->tmp);
        free(of->dir);
        free(of->path);
        free(of);
        return NULL;
    }
    watch_signals(of->tmp);
    return of;
}

static void output_file_free(output_file *of)
{
    free(of->buf);          /* after fp's fclose */
    if (of->path) unwatch_signals();
    free(of->tmp);
    free(of->dir);
    free(of->path);
    free(of);
}

void output_file_abort(output_file *of)
{
    if (!of) return;
    fclose(of->fp);
    if (of->tmp) unlink(of->tmp);
    output_file_free(of);
}

FILE *output_file_stream(output_file *of)
{
    return of->fp;
}

/* A file open for reading and writing in folder dir with no name there:
 * it goes when the process ends, however it ends. Without O_TMPFILE, a
 * name made and removed at once. -1 (errno set) when none can be made. */
static int nameless_file(const char *dir)
{
    int fd = -1;
#ifdef O_TMPFILE
    fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
    if (fd < 0) {
        snprintf(pending_scratch, sizeof pending_scratch, "%s/lakip-audit.tmpXXXXXX", dir);
        fd = mkstemp(pending_scratch);
        if (fd < 0) return -1;
        have_scratch = 1;
        unlink(pending_scratch);
        have_scratch = 0;
    }
    return fd;
}

static FILE *nameless_stream(const char *dir)
{
    int fd = nameless_file(dir);
    if (fd < 0) return NULL;
    FILE *f = fdopen(fd, "w+");
    if (!f) {
        int err = errno;
        close(fd);
        errno = err;
    }
    return f;
}

FILE *output_file_scratch(output_file *of)
{
    return nameless_stream(of->dir);
}

output_file *output_file_spool(void)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir || strlen(dir) > 4000) dir = "/tmp";
    FILE *fp = nameless_stream(dir);
    if (!fp) return NULL;
    output_file *of = xcalloc(1, sizeof *of);
    of->dir = xstrdup(dir);
    of->fp = fp;
    of->fd = -1;
    return of;
}

int output_file_restart(output_file *of)
{
    if (fflush(of->fp) != 0 || ftruncate(of->fd >= 0 ? of->fd : fileno(of->fp), 0) != 0) return -1;
    rewind(of->fp);
    return 0;
}

/* The spool, written: copied to standard output; the same message as a
 * report written there directly when that fails. */
static int commit_spool(output_file *of, int written)
{
    int rc = written;
    if (fflush(of->fp) != 0 || ferror(of->fp)) {
        if (rc == 0) fprintf(stderr, "lakip-audit: %s: cannot write a temporary file: %s\n", of->dir, strerror(errno));
        rc = -1;
    }
    if (rc == 0) {
        rewind(of->fp);
        char buf[65536];
        size_t got;
        while ((got = fread(buf, 1, sizeof buf, of->fp)) > 0)
            if (fwrite(buf, 1, got, stdout) != got) break;
        bool read_failed = ferror(of->fp);
        if (read_failed) fprintf(stderr, "lakip-audit: %s: cannot read a temporary file back: %s\n", of->dir, strerror(errno));
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "lakip-audit: error writing standard output\n");
            rc = -1;
        }
        if (read_failed) rc = -1;
    }
    fclose(of->fp);
    output_file_free(of);
    return rc;
}

int output_file_commit(output_file *of, int written)
{
    if (!of->path) return commit_spool(of, written);
    int rc = written;
    if (fflush(of->fp) != 0) rc = -1;
    if (fsync(of->fd) != 0) rc = -1;
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
