/*
 * package.h — the zip packages of Office Open XML (.xlsx, .docx) and
 * OpenDocument (.ods, .odt) files, read with libzip, their XML parts
 * streamed through expat.
 *
 * Everything here is bounded: a part is inflated in chunks straight into
 * the XML parser and refused past PACKAGE_PART_MAX bytes (a zip bomb
 * stops there, whatever its directory claims), XML with a DOCTYPE or
 * entity declarations is refused, and every error names the file and the
 * part ("capaian.xlsx: xl/worksheets/sheet1.xml: line 3: mismatched tag").
 * An encrypted Office file is not a zip but an OLE compound file; it is
 * recognised by its signature and refused with that reason.
 *
 * Element names reach the handlers without their namespace prefix (the
 * local name), because producers choose prefixes freely.
 */
#ifndef LAKIP_PACKAGE_H
#define LAKIP_PACKAGE_H

#include <stdbool.h>
#include <stddef.h>
#include "model/report.h"

/* Largest part inflated, in bytes: a sheet of 100,000 rows is far below. */
#define PACKAGE_PART_MAX (256u * 1024u * 1024u)

typedef struct package package;

/* Opens path; NULL with *err filled: not a zip, encrypted, unreadable. */
package *package_open(const char *path, load_error *err);
void package_close(package *p);
bool package_has(const package *p, const char *part);

/* Handlers get the local element name and expat's attribute array
 * (name, value, name, value, ..., NULL), names local too. */
typedef struct {
    void (*start)(void *ud, const char *name, const char **attrs);
    void (*end)(void *ud, const char *name);
    void (*text)(void *ud, const char *s, int len);
} xml_handlers;

/* Streams part through expat. A handler may stop the parse early by
 * calling package_stop (e.g. a row limit); *err is then what it set with
 * package_fail. Returns 0 or -1 with *err filled. */
int package_parse(package *p, const char *part, const xml_handlers *h, void *ud, load_error *err);
/* From a handler: stop the parse with this error (names file and part). */
void package_fail(package *p, const char *fmt, ...);

/* Attribute value by local name, or NULL. */
const char *xml_attr(const char **attrs, const char *name);

#endif
