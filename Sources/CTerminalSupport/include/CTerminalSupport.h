// Signal handling that must stay in C: a handler may only set a flag and
// write to a pipe (async-signal-safe), never run Swift or Foundation code.
#ifndef BACKMAP_TERMINAL_SUPPORT_H
#define BACKMAP_TERMINAL_SUPPORT_H

/// Creates the self-pipe and installs handlers for SIGINT, SIGTERM, SIGHUP
/// (request a clean quit) and SIGCONT (redraw after a resume). Returns the
/// read end to poll, or -1.
int bm_signals_install(void);

/// The quit signal received since the last call (SIGINT, SIGTERM or SIGHUP),
/// or 0; also reports a SIGCONT through *continued. Drains the pipe.
int bm_signals_take(int *continued);

/// Puts back the default handlers (before the program exits or execs).
void bm_signals_restore(void);

/// Saves the terminal's current mode so the crash handler can put it back.
void bm_terminal_save(int fd);

/// On SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT or SIGFPE: restore the saved
/// terminal mode, leave the alternate screen, show the cursor, then let the
/// previous handler (Swift's backtracer) run.
void bm_crash_guard_install(void);

/// Stops the process as Ctrl-Z would (SIGTSTP with the default action).
void bm_suspend_self(void);

#endif
