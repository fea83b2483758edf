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
// Restores the default for SIGCONT only; the quit signals keep a handler that just notes them.
void bm_signals_restore_after_quit_signals(void);

/// Saves the terminal's current mode so the crash handler can put it back.
void bm_terminal_save(int fd);

/// The terminal was given back normally: a later crash leaves it alone.
void bm_terminal_forget(void);

/// Sends stderr to an anonymous file until bm_stderr_capture_end, so nothing
/// written there while curses owns the screen corrupts it or is lost with the
/// alternate screen. Returns 0, or -1 when stderr is left as it was.
int bm_stderr_capture_begin(void);

/// Puts stderr back and writes what was captured to it (at most 64 KB).
/// Async-signal-safe; does nothing when no capture is running.
void bm_stderr_capture_end(void);

/// On SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT or SIGFPE: restore the saved
/// terminal mode, leave the alternate screen, show the cursor, write out the
/// captured stderr (the runtime's error message), then let the previous
/// handler (Swift's backtracer) run. Installing twice does nothing.
void bm_crash_guard_install(void);

/// Stops the process as Ctrl-Z would (SIGTSTP with the default action).
void bm_suspend_self(void);

#endif
