/*
 * input_file.c — opening inputs by type and size (see input_file.h).
 */
#include "util/input_file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int check_type_and_size(const struct stat *st)
{
    if (!S_ISREG(st->st_mode)) return ENODEV;
    if ((unsigned long long)st->st_size > INPUT_MAX_BYTES) return EFBIG;
    return 0;
}

int input_check(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) return errno;
    return check_type_and_size(&st);
}

int input_open(const char *path)
{
    int e = input_check(path);
    if (e) return -e;
    struct stat st;
    /* O_NONBLOCK: if the path was swapped for a FIFO since the stat, the
     * open still returns at once and the fstat below refuses it */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return -errno;
    if (fstat(fd, &st) != 0 || (e = check_type_and_size(&st)) != 0) {
        if (!e) e = errno;
        close(fd);
        return -e;
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0) fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    return fd;
}

const char *input_error_text(int e)
{
    if (e == EFBIG) return "file is larger than the 256 MiB input limit";
    if (e == ENODEV) return "not a regular file (a FIFO, device or socket): refused";
    return strerror(e);
}
