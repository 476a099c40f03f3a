/*
 * zip_lib.c — the libzip functions package.c uses, through libzip opened
 * on first use (zip_lib.h).
 */
#include "input/zip_lib.h"

#include <zip.h>

#include "util/lazy_lib.h"

#include "util/lazy_forward.h"

FORWARD_VOID(zip_discard, (zip_t *archive), (archive))
FORWARD(int, zip_error_code_zip, (const zip_error_t *error), (error))
FORWARD_VOID(zip_error_fini, (zip_error_t *error), (error))
FORWARD_VOID(zip_error_init_with_code, (zip_error_t *error, int code), (error, code))
FORWARD(const char *, zip_error_strerror, (zip_error_t *error), (error))
FORWARD(int, zip_fclose, (zip_file_t *file), (file))
FORWARD(zip_error_t *, zip_file_get_error, (zip_file_t *file), (file))
FORWARD(zip_file_t *, zip_fopen, (zip_t *archive, const char *name, zip_flags_t flags), (archive, name, flags))
FORWARD(zip_int64_t, zip_fread, (zip_file_t *file, void *buf, zip_uint64_t n), (file, buf, n))
FORWARD(zip_error_t *, zip_get_error, (zip_t *archive), (archive))
FORWARD(zip_int64_t, zip_name_locate, (zip_t *archive, const char *name, zip_flags_t flags), (archive, name, flags))
FORWARD(zip_t *, zip_open, (const char *path, int flags, int *errorp), (path, flags, errorp))


int zip_lib_load(char *err, size_t errlen)
{
    static lazy_lib libzip = LAZY_LIB(LIBZIP_SONAME);
    static const lazy_symbol symbols[] = {
        SYMBOL(zip_discard), SYMBOL(zip_error_code_zip), SYMBOL(zip_error_fini),
        SYMBOL(zip_error_init_with_code), SYMBOL(zip_error_strerror), SYMBOL(zip_fclose),
        SYMBOL(zip_file_get_error), SYMBOL(zip_fopen), SYMBOL(zip_fread), SYMBOL(zip_get_error),
        SYMBOL(zip_name_locate), SYMBOL(zip_open),
    };
    return lazy_lib_load(&libzip, symbols, sizeof symbols / sizeof symbols[0], err, errlen);
}
