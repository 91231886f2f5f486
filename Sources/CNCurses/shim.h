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
#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>

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

/* ---- One write per frame. ncurses 6.4 flushes its output buffer after every cursor movement
   inside doupdate until the program has once called endwin (its `_nc_mvcur` flushes while the
   screen is in its initial state, ewInitial), and whenever its fixed buffer ((2 + LINES) x
   (6 + COLS) bytes) fills: one frame reached the terminal as up to dozens of write() calls. There
   is no API to change either, so ncurses gets its own descriptor (a dup of the terminal), and for
   the length of a frame that descriptor is pointed at an in-memory file (memfd); afterwards the
   frame is sent to the terminal in one write() and the descriptor points at the terminal again.
   Terminal modes (tcsetattr), the window size and endwin always find the terminal there: signals
   whose ncurses handlers touch the terminal (SIGTSTP) are held back while a frame is captured,
   and SIGWINCH is ours (see cnc_install_signal_handlers), so doupdate never asks the capture
   file for the window size. */
extern int memfd_create(const char *name, unsigned int flags);
static int cnc_out_fd = -1;      /* ncurses' output descriptor: the terminal, or the capture file */
static int cnc_tty_fd = -1;      /* the terminal, to point cnc_out_fd back at it */
static int cnc_capture_fd = -1;  /* the frame being captured */
static FILE *cnc_out_file = NULL;
static char *cnc_frame_buffer = NULL;
static size_t cnc_frame_capacity = 0;
#define CNC_HELD_SIGNALS 4
static const int cnc_held_signals[CNC_HELD_SIGNALS] = { SIGTSTP, SIGTTOU, SIGTTIN, SIGWINCH };
static int cnc_frame_held = 0;   /* bit i: cnc_held_signals[i] was blocked by cnc_frame_begin */
static int cnc_frame_capturing = 0;

/* The FILE ncurses writes to: a dup of stdout, or stdout itself when no capture file can be made. */
static inline FILE *cnc_open_output(void) {
    cnc_out_fd = dup(STDOUT_FILENO);
    cnc_tty_fd = dup(STDOUT_FILENO);
    cnc_capture_fd = memfd_create("tradeguard-frame", 1u /* MFD_CLOEXEC */);
    if (cnc_out_fd >= 0) fcntl(cnc_out_fd, F_SETFD, FD_CLOEXEC);
    if (cnc_tty_fd >= 0) fcntl(cnc_tty_fd, F_SETFD, FD_CLOEXEC);
    if (cnc_out_fd >= 0 && cnc_tty_fd >= 0 && cnc_capture_fd >= 0) {
        cnc_out_file = fdopen(cnc_out_fd, "w");
        if (cnc_out_file != NULL) return cnc_out_file;
    }
    if (cnc_out_fd >= 0) close(cnc_out_fd);
    if (cnc_tty_fd >= 0) close(cnc_tty_fd);
    if (cnc_capture_fd >= 0) close(cnc_capture_fd);
    cnc_out_fd = cnc_tty_fd = cnc_capture_fd = -1;
    return stdout;
}

/* After delscreen: closes the descriptors cnc_open_output made. */
static inline void cnc_close_output(void) {
    if (cnc_out_file != NULL) { fclose(cnc_out_file); cnc_out_file = NULL; cnc_out_fd = -1; }
    if (cnc_tty_fd >= 0) { close(cnc_tty_fd); cnc_tty_fd = -1; }
    if (cnc_capture_fd >= 0) { close(cnc_capture_fd); cnc_capture_fd = -1; }
    free(cnc_frame_buffer); cnc_frame_buffer = NULL; cnc_frame_capacity = 0;
}

/* Whether frames are captured and sent in one write (0 when cnc_open_output fell back to stdout). */
static inline int cnc_frame_capture_available(void) { return cnc_capture_fd >= 0 && cnc_out_file != NULL; }

/* Unblocks the signals cnc_frame_begin held back (a held signal is delivered now). */
static inline void cnc_frame_release_signals(void) {
    sigset_t release;
    sigemptyset(&release);
    for (int i = 0; i < CNC_HELD_SIGNALS; i++) if (cnc_frame_held & (1 << i)) sigaddset(&release, cnc_held_signals[i]);
    cnc_frame_held = 0;
    pthread_sigmask(SIG_UNBLOCK, &release, NULL);
}

/* From here until cnc_frame_end, whatever ncurses writes goes to the capture file. */
static inline void cnc_frame_begin(void) {
    if (!cnc_frame_capture_available() || cnc_frame_capturing) return;
    sigset_t hold, before;
    sigemptyset(&hold);
    for (int i = 0; i < CNC_HELD_SIGNALS; i++) sigaddset(&hold, cnc_held_signals[i]);
    cnc_frame_held = 0;
    if (pthread_sigmask(SIG_BLOCK, &hold, &before) == 0)
        for (int i = 0; i < CNC_HELD_SIGNALS; i++)
            if (!sigismember(&before, cnc_held_signals[i])) cnc_frame_held |= 1 << i;
    /* Rewound, not truncated: the frame is the bytes up to the write position (cnc_frame_end),
       and emptying the file each frame freed its pages only for the next frame's writes to
       allocate them again (a tenth of a cursor move's time). */
    if (lseek(cnc_capture_fd, 0, SEEK_SET) != 0 || dup2(cnc_capture_fd, cnc_out_fd) < 0) {
        cnc_frame_release_signals();
        return;
    }
    cnc_frame_capturing = 1;
}

/* Points ncurses back at the terminal and sends the captured frame there in one write() (more
   only if the terminal takes part of it). Returns the bytes sent (-1 on an error); *writes is the
   number of write() calls made, 0 for an empty frame. */
static inline long cnc_frame_end(int *writes) {
    *writes = 0;
    if (!cnc_frame_capturing) return 0;
    cnc_frame_capturing = 0;
    off_t length = lseek(cnc_capture_fd, 0, SEEK_CUR);
    int pointed_back = dup2(cnc_tty_fd, cnc_out_fd) >= 0;
    long sent = 0;
    if (length > 0) {
        if ((size_t)length > cnc_frame_capacity) {
            char *grown = realloc(cnc_frame_buffer, (size_t)length);
            if (grown != NULL) { cnc_frame_buffer = grown; cnc_frame_capacity = (size_t)length; }
        }
        size_t have = 0;
        if ((size_t)length <= cnc_frame_capacity) {
            while (have < (size_t)length) {
                ssize_t n = pread(cnc_capture_fd, cnc_frame_buffer + have, (size_t)length - have, (off_t)have);
                if (n > 0) have += (size_t)n; else if (n < 0 && errno == EINTR) continue; else break;
            }
        }
        while ((long)have > sent) {
            ssize_t n = write(cnc_tty_fd, cnc_frame_buffer + sent, have - (size_t)sent);
            *writes += 1;
            if (n > 0) sent += n; else if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue; else { sent = -1; break; }
        }
    }
    if (!pointed_back) dup2(cnc_tty_fd, cnc_out_fd);
    cnc_frame_release_signals();
    return sent;
}

/* newterm on ncurses' own descriptor (see above) and stdin (Swift 6 rejects the C globals
   stdout/stdin). Returns NULL instead of exiting when the terminal type is unusable. */
static inline SCREEN *cnc_newterm(const char *type) {
    SCREEN *screen = newterm(type, cnc_open_output(), stdin);
    if (screen == NULL) cnc_close_output();
    return screen;
}

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

/* SIGWINCH is ours, not ncurses' (it only catches a signal still at its default): its handler
   would have doupdate ask the descriptor ncurses writes to for the window size, and during a frame
   that is the capture file. The app loop polls cnc_take_resize() and calls resizeterm itself. */
static volatile sig_atomic_t cnc_winch_flag = 0;
static struct sigaction cnc_old_winch = {{0}};
static int cnc_winch_installed = 0;
static void cnc_on_winch(int sig) { (void)sig; cnc_winch_flag = 1; }

/* 1 and the terminal's size when a SIGWINCH came since the last call, else 0. */
static inline int cnc_take_resize(int *rows, int *cols) {
    if (!cnc_winch_flag) return 0;
    cnc_winch_flag = 0;
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return 0;
    *rows = size.ws_row;
    *cols = size.ws_col;
    return 1;
}

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
   e.g. SIGHUP under nohup). SIGWINCH is ours (see cnc_take_resize); SIGTSTP is left to ncurses. */
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
    cnc_winch_flag = 0;
    cnc_winch_installed = 0;
    {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = cnc_on_winch;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        if (sigaction(SIGWINCH, &sa, &cnc_old_winch) == 0) cnc_winch_installed = 1;
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
    if (cnc_winch_installed) { sigaction(SIGWINCH, &cnc_old_winch, NULL); cnc_winch_installed = 0; }
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
