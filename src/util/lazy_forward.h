/*
 * lazy_forward.h — defining a library's functions by their own names, each
 * calling the library's through a pointer lazy_lib_load fills (lazy_lib.h).
 * For the files that wrap one library (input/zip_lib.c, output/xlsx_lib.c).
 *
 * FORWARD(result type, name, (parameters), (arguments)) and
 * FORWARD_VOID(name, (parameters), (arguments)) define `name` as the
 * library's header declares it, and p_name, the pointer; SYMBOL(name) is
 * its entry in the list given to lazy_lib_load.
 */
#ifndef LAKIP_LAZY_FORWARD_H
#define LAKIP_LAZY_FORWARD_H

#define FORWARD(ret, name, params, args) \
    static ret (*p_##name) params; \
    ret name params { return p_##name args; }

#define FORWARD_VOID(name, params, args) \
    static void (*p_##name) params; \
    void name params { p_##name args; }

#define SYMBOL(name) { #name, (void **)&p_##name }

#endif
