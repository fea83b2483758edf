// What Swift cannot import from ncurses directly: macros and mutable globals.
// SwiftPM drops pkg-config's -D_XOPEN_SOURCE, so wide-character support is
// switched on here, before the header, or get_wch and cchar_t are missing.
#ifndef BACKMAP_CNCURSES_SHIM_H
#define BACKMAP_CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/// newterm on the process's stdout and stdin: NULL for an unknown terminal,
/// where initscr would print its own message and exit.
static inline SCREEN *bm_newterm(void) { return newterm(NULL, stdout, stdin); }
/// Whether the terminal can move the cursor (terminfo's cup): without it, as
/// with TERM=dumb, a full-screen program draws its lines run together.
static inline int bm_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1 && cup[0] != 0;
}
static inline WINDOW *bm_stdscr(void) { return stdscr; }
static inline WINDOW *bm_curscr(void) { return curscr; }
static inline int bm_lines(void) { return LINES; }
static inline int bm_cols(void) { return COLS; }
static inline int bm_color_pairs(void) { return COLOR_PAIRS; }
static inline int bm_a_bold(void) { return (int)A_BOLD; }
static inline int bm_a_dim(void) { return (int)A_DIM; }
static inline int bm_a_reverse(void) { return (int)A_REVERSE; }
static inline int bm_a_underline(void) { return (int)A_UNDERLINE; }
static inline int bm_err(void) { return ERR; }
static inline int bm_key_code_yes(void) { return KEY_CODE_YES; }
static inline mmask_t bm_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t bm_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t bm_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t bm_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline int bm_key_resize(void) { return KEY_RESIZE; }

/// Columns the C library gives a character; ncurses places characters by it.
/// Declared here because SwiftPM drops the feature macros that declare it.
int wcwidth(wchar_t c);
static inline int bm_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

/// Draws a wide string at (y, x) with attributes and a colour pair, in one call.
static inline int bm_put(int y, int x, const wchar_t *text, int attributes, short pair) {
    attr_t attrs = (attr_t)attributes;
    wattr_set(stdscr, attrs, pair, NULL);
    return mvwaddwstr(stdscr, y, x, text);
}

#endif
