#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H
/* The wide-character API (get_wch, add_wch, cchar_t) is declared only with this define, and
   SwiftPM refuses pkg-config's -D flags, so it lives here. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Macros and C globals Swift cannot import (or Swift 6 rejects as shared mutable state). */
static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline int cnc_lines(void) { return LINES; }
static inline int cnc_cols(void) { return COLS; }
static inline int cnc_colors(void) { return COLORS; }
static inline int cnc_color_pairs(void) { return COLOR_PAIRS; }

/* A_* are shift macros: re-export them as constants. */
static const attr_t CNC_A_NORMAL = A_NORMAL;
static const attr_t CNC_A_BOLD = A_BOLD;
static const attr_t CNC_A_DIM = A_DIM;
static const attr_t CNC_A_REVERSE = A_REVERSE;
static const attr_t CNC_A_UNDERLINE = A_UNDERLINE;
static const attr_t CNC_A_ITALIC = A_ITALIC;
#endif
