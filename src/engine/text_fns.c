/*
 * text_fns.c — text primitives in C for the rules' libraries: the global
 * `lakip` table. Lua patterns cost a match attempt at every byte of the
 * text they scan; the rules normalise every paragraph and sentence of a
 * report, so what lib.text.normalize does runs here instead, with exactly
 * the meaning of its Lua form (the C library's tolower, ispunct, isspace,
 * as Lua's string.lower and %p, %s use them).
 */
#include <ctype.h>
#include <string.h>

#include "engine/internal.h"

/* lakip.normalize(s): string.lower(s); each "<...>" (a "<" up to the
 * first ">" after it) a space when s has a "<"; runs of punctuation and
 * spaces one space; no space at either end.
 * "1. Persentase  PMKS yang <b>Tertangani</b>;" -> "1 persentase pmks yang tertangani" */
static int f_normalize(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    const char *last_gt = NULL;             /* a "<" before it opens a tag */
    for (size_t i = n; i-- > 0;)
        if (s[i] == '>') { last_gt = s + i; break; }
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    int gap = 0, any = 0;                   /* a separator seen since the last word byte; a word byte written */
    for (const char *p = s, *end = s + n; p < end; p++) {
        unsigned char c = (unsigned char)tolower((unsigned char)*p);
        if (c == '<' && last_gt && p < last_gt) {
            p = memchr(p + 1, '>', (size_t)(last_gt - p));   /* the tag's first ">" */
            gap = 1;
        } else if (ispunct(c) || isspace(c)) {
            gap = 1;
        } else {
            if (gap && any) luaL_addchar(&b, ' ');
            luaL_addchar(&b, (char)c);
            gap = 0;
            any = 1;
        }
    }
    luaL_pushresult(&b);
    return 1;
}

static const luaL_Reg text_fns[] = {
    { "normalize", f_normalize },
    { NULL, NULL }
};

void open_text_fns(lua_State *L)
{
    luaL_newlib(L, text_fns);
    lua_setglobal(L, "lakip");
}
