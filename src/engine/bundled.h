/*
 * bundled.h — the shipped rule files, compiled into the program at build
 * time (tools/embed_rules.c writes build/gen/bundled_rules.c): the Lua
 * bytecode of each, loaded with mode "b" and run in the same sandbox as
 * any rule file, and its source text (for the line of a declaration
 * error). Library modules first, then rule families, each in name order —
 * the order a rules folder is read in.
 *
 * Bytecode is loaded for these files only: they are built from this
 * source tree. Rule files from a folder (--rules, LAKIP_RULES_DIR) are
 * always compiled from source (mode "t"): Lua does not verify bytecode,
 * and malformed bytecode can crash the interpreter.
 */
#ifndef LAKIP_ENGINE_BUNDLED_H
#define LAKIP_ENGINE_BUNDLED_H

#include <stddef.h>

typedef struct bundled_file {
    const char *display;            /* "rules/capaian.lua", the chunk name */
    const char *name;               /* "capaian": the family, or lib.NAME */
    int lib;                        /* a library module (rules/lib/) */
    const unsigned char *code;      /* bytecode (lua_dump, debug information kept) */
    size_t code_len;
    const char *text;               /* the source */
    size_t text_len;
} bundled_file;

extern const bundled_file bundled_files[];
extern const size_t bundled_file_count;

#endif
