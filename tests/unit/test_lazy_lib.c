/*
 * test_lazy_lib.c — libraries opened on first use (src/util/lazy_lib.c):
 * every function found, or a message naming the library or the function
 * that is missing, the same answer on every later call; the Office,
 * workbook and font libraries the program opens this way load with all
 * the functions it (or MuPDF) calls.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "input/font_libs.h"
#include "input/zip_lib.h"
#include "output/xlsx_lib.h"
#include "util/lazy_lib.h"

static void test_library_found(void **state)
{
    (void)state;
    static lazy_lib libm = LAZY_LIB("libm.so.6");
    void *cos_fn = NULL, *sqrt_fn = NULL;
    lazy_symbol symbols[] = { { "cos", &cos_fn }, { "sqrt", &sqrt_fn } };
    char err[256] = "";
    assert_int_equal(lazy_lib_load(&libm, symbols, 2, err, sizeof err), 0);
    assert_non_null(cos_fn);
    assert_non_null(sqrt_fn);
    assert_string_equal(err, "");
}

static void test_library_missing(void **state)
{
    (void)state;
    static lazy_lib nowhere = LAZY_LIB("liblakip-no-such-library.so.9");
    void *fn = NULL;
    lazy_symbol symbols[] = { { "anything", &fn } };
    char err[256] = "";
    assert_int_equal(lazy_lib_load(&nowhere, symbols, 1, err, sizeof err), -1);
    assert_non_null(strstr(err, "liblakip-no-such-library.so.9"));
    assert_null(fn);
    err[0] = '\0';      /* asked again: the same answer, without trying again */
    assert_int_equal(lazy_lib_load(&nowhere, symbols, 1, err, sizeof err), -1);
    assert_non_null(strstr(err, "liblakip-no-such-library.so.9"));
}

static void test_function_missing(void **state)
{
    (void)state;
    static lazy_lib libm = LAZY_LIB("libm.so.6");
    void *cos_fn = NULL, *bogus = NULL;
    lazy_symbol symbols[] = { { "cos", &cos_fn }, { "lakip_no_such_function", &bogus } };
    char err[256] = "";
    assert_int_equal(lazy_lib_load(&libm, symbols, 2, err, sizeof err), -1);
    assert_non_null(strstr(err, "no function lakip_no_such_function"));
}

static void test_program_libraries(void **state)
{
    (void)state;
    char err[600] = "";
    assert_int_equal(zip_lib_load(err, sizeof err), 0);
    assert_int_equal(xlsx_lib_load(err, sizeof err), 0);
    assert_int_equal(font_libs_load(err, sizeof err), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_library_found),
        cmocka_unit_test(test_library_missing),
        cmocka_unit_test(test_function_missing),
        cmocka_unit_test(test_program_libraries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
