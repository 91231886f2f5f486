#ifndef CTEXTWIDTH_SHIM_H
#define CTEXTWIDTH_SHIM_H
/* Display width of a Unicode scalar, from the C library, so the in-memory canvas and ncurses
   agree. wcwidth is declared only under _XOPEN_SOURCE, which Swift's Glibc module lacks. */
#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include <wchar.h>

extern int wcwidth(wchar_t c);

static inline int ctw_is_utf8(void) { return strcmp(nl_langinfo(CODESET), "UTF-8") == 0; }

/* setlocale is process-global and not thread-safe: callers run this exactly once. Falls back to
   C.UTF-8 when the environment names no UTF-8 locale (CI has no LANG). Returns 1 if UTF-8. */
static inline int ctw_setup_locale(void) {
    if (setlocale(LC_ALL, "") == NULL || !ctw_is_utf8()) {
        setlocale(LC_ALL, "C.UTF-8");
    }
    return ctw_is_utf8();
}

static inline int ctw_wcwidth(unsigned int scalar) { return wcwidth((wchar_t)scalar); }
#endif
