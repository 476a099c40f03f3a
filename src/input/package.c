/*
 * package.c — zip packages and their XML parts (see package.h).
 */
#include "input/package.h"

#include <errno.h>
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "input/zip_lib.h"
#include "util/util.h"

#define CHUNK 65536

struct package {
    zip_t *zip;
    char *path;
    /* the parse under way */
    XML_Parser parser;
    const char *part;
    const xml_handlers *h;
    void *ud;
    bool failed;
    load_error *err;
};

static const unsigned char ole_magic[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

/* What the first bytes say the file is, when it is not a zip. */
static const char *not_zip_reason(const char *path)
{
    unsigned char head[8] = { 0 };
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    size_t n = fread(head, 1, sizeof head, fp);
    fclose(fp);
    if (n == sizeof head && memcmp(head, ole_magic, sizeof head) == 0)
        return "is encrypted (password-protected) or an old binary Office file saved under a new extension: "
               "save it without a password (or as .xlsx/.docx) and try again";
    if (n == 0) return "is empty";
    return "is not a zip package (not an Office Open XML or OpenDocument file)";
}

package *package_open(const char *path, load_error *err)
{
    FILE *probe = fopen(path, "rb");
    if (!probe) {
        load_error_set(err, path, 0, "cannot read: %s", strerror(errno));
        return NULL;
    }
    fclose(probe);
    char why_not[600];
    if (zip_lib_load(why_not, sizeof why_not) < 0) {
        load_error_set(err, path, 0, "cannot read Office packages: libzip could not be loaded (%s)", why_not);
        return NULL;
    }
    int code = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!z) {
        const char *why = not_zip_reason(path);
        if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS || !why || strstr(why, "encrypted") || strstr(why, "empty")) {
            load_error_set(err, path, 0, "%s", why ? why : "is not a readable zip package");
        } else {
            zip_error_t ze;
            zip_error_init_with_code(&ze, code);
            load_error_set(err, path, 0, "cannot open the zip package: %s", zip_error_strerror(&ze));
            zip_error_fini(&ze);
        }
        return NULL;
    }
    package *p = xcalloc(1, sizeof *p);
    p->zip = z;
    p->path = xstrdup(path);
    return p;
}

void package_close(package *p)
{
    if (!p) return;
    zip_discard(p->zip);
    free(p->path);
    free(p);
}

bool package_has(const package *p, const char *part)
{
    return zip_name_locate(p->zip, part, 0) >= 0;
}

const char *xml_attr(const char **attrs, const char *name)
{
    for (size_t i = 0; attrs && attrs[i]; i += 2) {
        const char *a = attrs[i];
        const char *bar = strrchr(a, '|');
        if (strcmp(bar ? bar + 1 : a, name) == 0) return attrs[i + 1];
    }
    return NULL;
}

static const char *local_name(const char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

static void on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    package *p = ud;
    if (p->h->start && !p->failed) p->h->start(p->ud, local_name(name), attrs);
}

static void on_end(void *ud, const XML_Char *name)
{
    package *p = ud;
    if (p->h->end && !p->failed) p->h->end(p->ud, local_name(name));
}

static void on_text(void *ud, const XML_Char *s, int len)
{
    package *p = ud;
    if (p->h->text && !p->failed) p->h->text(p->ud, s, len);
}

/* A DOCTYPE is never part of an Office package; refusing it rules out
 * entity expansion attacks whatever the expat version. */
static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid, int has_internal)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal;
    package_fail(ud, "has a DOCTYPE, which Office packages never have");
}

void package_fail(package *p, const char *fmt, ...)
{
    if (p->failed) return;
    char msg[LOAD_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    load_error_set(p->err, p->path, 0, "%s: %s", p->part, msg);
    p->failed = true;
    XML_StopParser(p->parser, XML_FALSE);
}

int package_parse(package *p, const char *part, const xml_handlers *h, void *ud, load_error *err)
{
    zip_file_t *zf = zip_fopen(p->zip, part, 0);
    if (!zf) {
        zip_error_t *ze = zip_get_error(p->zip);
        if (zip_error_code_zip(ze) == ZIP_ER_NOENT)
            load_error_set(err, p->path, 0, "%s: part missing from the package", part);
        else if (zip_error_code_zip(ze) == ZIP_ER_NOPASSWD || zip_error_code_zip(ze) == ZIP_ER_ENCRNOTSUPP)
            load_error_set(err, p->path, 0, "%s: part is encrypted", part);
        else
            load_error_set(err, p->path, 0, "%s: cannot open the part: %s", part, zip_error_strerror(ze));
        return -1;
    }
    XML_Parser x = XML_ParserCreateNS(NULL, '|');
    p->parser = x;
    p->part = part;
    p->h = h;
    p->ud = ud;
    p->failed = false;
    p->err = err;
    XML_SetUserData(x, p);
    XML_SetElementHandler(x, on_start, on_end);
    XML_SetCharacterDataHandler(x, on_text);
    XML_SetStartDoctypeDeclHandler(x, on_doctype);

    char *buf = xmalloc(CHUNK);
    size_t total = 0;
    int rc = 0;
    for (;;) {
        zip_int64_t n = zip_fread(zf, buf, CHUNK);
        if (n < 0) {
            load_error_set(err, p->path, 0, "%s: cannot inflate the part: %s", part, zip_error_strerror(zip_file_get_error(zf)));
            rc = -1;
            break;
        }
        total += (size_t)n;
        if (total > PACKAGE_PART_MAX) {
            load_error_set(err, p->path, 0, "%s: part inflates to more than %u MiB (a zip bomb, or far larger than any report)",
                           part, PACKAGE_PART_MAX >> 20);
            rc = -1;
            break;
        }
        enum XML_Status st = XML_Parse(x, buf, (int)n, n == 0);
        if (p->failed) {
            rc = -1;
            break;
        }
        if (st != XML_STATUS_OK) {
            load_error_set(err, p->path, 0, "%s: broken XML at line %lu: %s", part,
                           (unsigned long)XML_GetCurrentLineNumber(x), XML_ErrorString(XML_GetErrorCode(x)));
            rc = -1;
            break;
        }
        if (n == 0) break;
    }
    free(buf);
    XML_ParserFree(x);
    zip_fclose(zf);
    p->parser = NULL;
    return rc;
}
