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

/* ---- Appended for TradeGuardTerminal (the ncurses back end). ---------------------------------
   Every global below has an explicit initialiser: Swift's Clang importer does not emit C
   tentative definitions ("static T x;" links as an undefined reference).
   Everything below is static: Swift emits a private copy of these functions and globals into each
   module that calls them, so ONLY TradeGuardTerminal may call the signal and restore helpers
   (another module would see its own, never-set copy of the flags). */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* From <term.h>, declared here so its capability macros (lines, columns, bell …) stay out of Swift. */
struct term;
extern int setupterm(const char *, int, int *);
extern struct term *set_curterm(struct term *);
extern int del_curterm(struct term *);

static inline void cnc_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
static inline WINDOW *cnc_curscr(void) { return curscr; }
static inline int cnc_key_f0(void) { return KEY_F0; }
static inline int cnc_ccharw_max(void) { return CCHARW_MAX; }

/* Is terminal type `name` usable for a full-screen program? 1: yes; 0: unknown to terminfo;
   -1: known but without cursor addressing (dumb, a printing terminal). Never exits, unlike initscr. */
static inline int cnc_term_usable(const char *name) {
    int err = 0;
    if (name == NULL || name[0] == '\0') return 0;
    if (setupterm(name, STDOUT_FILENO, &err) != OK) return 0;
    const char *cup = tigetstr("cup");
    int usable = cup != NULL && cup != (const char *)-1;
    struct term *t = set_curterm(NULL);
    if (t != NULL) del_curterm(t);
    return usable ? 1 : -1;
}

/* newterm on the process's stdout/stdin (Swift 6 rejects the C globals stdout/stdin). Returns
   NULL instead of exiting when the terminal type is unusable. */
static inline SCREEN *cnc_newterm(const char *type) { return newterm(type, stdout, stdin); }

/* ---- Signals: the handlers only record the signal; the app loop polls cnc_pending_signal(). A
   second INT/TERM/HUP while one is still pending (the app is stuck) restores the terminal and
   dies of the signal. Fatal faults (a Swift trap is SIGILL/SIGTRAP) restore the terminal, then
   hand over to the previous handler (Swift's backtracer) or the default action. Everything run
   inside a handler is async-signal-safe: tcsetattr, write, sigaction, raise. */
static volatile sig_atomic_t cnc_signal_flag = 0;
static volatile sig_atomic_t cnc_screen_active = 0;
static struct termios cnc_saved_termios = {0};
static int cnc_saved_termios_valid = 0;
static char cnc_restore_seq[512] = {0};
static size_t cnc_restore_len = 0;

#define CNC_QUIT_SIGNALS 3
#define CNC_FATAL_SIGNALS 6
static const int cnc_quit_signals[CNC_QUIT_SIGNALS] = { SIGINT, SIGTERM, SIGHUP };
static const int cnc_fatal_signals[CNC_FATAL_SIGNALS] = { SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE };
static struct sigaction cnc_old_quit[CNC_QUIT_SIGNALS] = {{{0}}};
static int cnc_quit_installed[CNC_QUIT_SIGNALS] = {0};
static struct sigaction cnc_old_fatal[CNC_FATAL_SIGNALS] = {{{0}}};
static int cnc_fatal_installed[CNC_FATAL_SIGNALS] = {0};

static inline int cnc_pending_signal(void) { return (int)cnc_signal_flag; }
static inline void cnc_clear_pending_signal(void) { cnc_signal_flag = 0; }

/* Async-signal-safe restore: the tty modes saved before ncurses started, then the terminal's own
   "leave full-screen" strings captured at start (rmcup, rmkx, sgr0, cnorm). */
static void cnc_emergency_restore(void) {
    if (!cnc_screen_active) return;
    cnc_screen_active = 0;
    if (cnc_restore_len > 0) { ssize_t ignored = write(STDOUT_FILENO, cnc_restore_seq, cnc_restore_len); (void)ignored; }
    if (cnc_saved_termios_valid) tcsetattr(STDIN_FILENO, TCSAFLUSH, &cnc_saved_termios);
}

static void cnc_on_quit_signal(int sig) {
    if (cnc_signal_flag != 0 && cnc_screen_active) {
        /* Second request while the first is unanswered: restore and die of the signal. */
        cnc_emergency_restore();
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    cnc_signal_flag = sig;
}

static void cnc_on_fatal_signal(int sig, siginfo_t *info, void *context) {
    cnc_emergency_restore();
    for (int i = 0; i < CNC_FATAL_SIGNALS; i++) {
        if (cnc_fatal_signals[i] != sig) continue;
        struct sigaction *old = &cnc_old_fatal[i];
        if ((old->sa_flags & SA_SIGINFO) && old->sa_sigaction != NULL) { old->sa_sigaction(sig, info, context); return; }
        if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN && old->sa_handler != NULL) { old->sa_handler(sig); return; }
    }
    /* Default action: reinstall it and let the fault happen again (or re-raise). */
    signal(sig, SIG_DFL);
    if (sig == SIGABRT || sig == SIGTRAP) raise(sig);
}

/* Saves the shell's tty modes; call before newterm. */
static inline void cnc_save_tty(void) { cnc_saved_termios_valid = tcgetattr(STDIN_FILENO, &cnc_saved_termios) == 0; }

/* Appends one terminfo string (after newterm/setupterm) to the emergency restore sequence. */
static inline void cnc_add_restore_cap(const char *cap) {
    const char *s = tigetstr(cap);
    if (s == NULL || s == (const char *)-1) return;
    size_t n = strlen(s);
    if (cnc_restore_len + n >= sizeof cnc_restore_seq) return;
    memcpy(cnc_restore_seq + cnc_restore_len, s, n);
    cnc_restore_len += n;
}

/* Appends raw bytes (a mode switch no terminfo entry names, e.g. bracketed paste off). */
static inline void cnc_add_restore_text(const char *s) {
    size_t n = strlen(s);
    if (cnc_restore_len + n >= sizeof cnc_restore_seq) return;
    memcpy(cnc_restore_seq + cnc_restore_len, s, n);
    cnc_restore_len += n;
}

/* Installs the INT/TERM/HUP and fault handlers (a signal the parent set to SIG_IGN stays ignored,
   e.g. SIGHUP under nohup). SIGWINCH and SIGTSTP are left to ncurses. */
static inline void cnc_install_signal_handlers(void) {
    cnc_signal_flag = 0;
    for (int i = 0; i < CNC_QUIT_SIGNALS; i++) {
        cnc_quit_installed[i] = 0;
        if (sigaction(cnc_quit_signals[i], NULL, &cnc_old_quit[i]) != 0) continue;
        if (!(cnc_old_quit[i].sa_flags & SA_SIGINFO) && cnc_old_quit[i].sa_handler == SIG_IGN) continue;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = cnc_on_quit_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        if (sigaction(cnc_quit_signals[i], &sa, NULL) == 0) cnc_quit_installed[i] = 1;
    }
    for (int i = 0; i < CNC_FATAL_SIGNALS; i++) {
        cnc_fatal_installed[i] = 0;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = cnc_on_fatal_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
        if (sigaction(cnc_fatal_signals[i], &sa, &cnc_old_fatal[i]) == 0) cnc_fatal_installed[i] = 1;
    }
}

/* Unblocks the signals a full-screen program lives by (INT, TERM, HUP, WINCH, TSTP, CONT). A mask
   is inherited across exec: a parent that forks from a thread blocking them (a Dispatch worker
   thread blocks all of them) would otherwise leave Ctrl-C, Ctrl-Z and resizing dead. */
static inline void cnc_unblock_terminal_signals(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT); sigaddset(&set, SIGTERM); sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGWINCH); sigaddset(&set, SIGTSTP); sigaddset(&set, SIGCONT);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

/* Turns off XON/XOFF flow control (cbreak leaves it on): Ctrl-S would freeze all output until
   Ctrl-Q, which looks like a hung app. Then tells ncurses this is the program mode, so it comes
   back after Ctrl-Z / fg; endwin restores the shell's modes, IXON included. */
static inline void cnc_disable_flow_control(void) {
    struct termios t;
    if (tcgetattr(STDIN_FILENO, &t) != 0) return;
    t.c_iflag &= ~(tcflag_t)IXON;
    if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0) def_prog_mode();
}

/* Puts back whatever handlers were there before cnc_install_signal_handlers. */
static inline void cnc_restore_signal_handlers(void) {
    for (int i = 0; i < CNC_QUIT_SIGNALS; i++)
        if (cnc_quit_installed[i]) { sigaction(cnc_quit_signals[i], &cnc_old_quit[i], NULL); cnc_quit_installed[i] = 0; }
    for (int i = 0; i < CNC_FATAL_SIGNALS; i++)
        if (cnc_fatal_installed[i]) { sigaction(cnc_fatal_signals[i], &cnc_old_fatal[i], NULL); cnc_fatal_installed[i] = 0; }
}

static inline void cnc_set_screen_active(int active) { cnc_screen_active = active ? 1 : 0; if (!active) cnc_restore_len = 0; }
static inline int cnc_is_screen_active(void) { return (int)cnc_screen_active; }

/* Last resort at exit(): a program that exits without close() still gets its terminal back. */
static void cnc_atexit_restore(void) { if (cnc_screen_active) { cnc_screen_active = 0; endwin(); } }
static int cnc_atexit_registered = 0;
static inline void cnc_register_atexit(void) { if (!cnc_atexit_registered) { cnc_atexit_registered = 1; atexit(cnc_atexit_restore); } }

/* Line drawing (filled by newterm: functions, not constants). */
static inline const cchar_t *cnc_wacs_hline(void) { return WACS_HLINE; }
static inline const cchar_t *cnc_wacs_vline(void) { return WACS_VLINE; }
/* Pseudo-terminals for `tradeguard bench` (ioctl is variadic, so Swift cannot call it). */
#include <sys/ioctl.h>
/* Declared by <stdlib.h> and <spawn.h> only under _GNU_SOURCE / _XOPEN_SOURCE, which SwiftPM's
   module build does not define. */
extern int posix_openpt(int flags);
extern int grantpt(int fd);
extern int unlockpt(int fd);
extern int ptsname_r(int fd, char *buffer, size_t length);
static const short CNC_POSIX_SPAWN_SETSID = 0x80; /* glibc's POSIX_SPAWN_SETSID */
static inline int cnc_set_window_size(int fd, unsigned short rows, unsigned short cols) {
    struct winsize size = { .ws_row = rows, .ws_col = cols, .ws_xpixel = 0, .ws_ypixel = 0 };
    return ioctl(fd, TIOCSWINSZ, &size);
}
#endif
