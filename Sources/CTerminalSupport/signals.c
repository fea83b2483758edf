#include "CTerminalSupport.h"

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t quit_signal = 0;
static volatile sig_atomic_t continued_flag = 0;
static int pipe_fds[2] = {-1, -1};

static void on_signal(int signo) {
    int saved = errno;
    if (signo == SIGCONT) {
        continued_flag = 1;
    } else {
        quit_signal = signo;
    }
    if (pipe_fds[1] >= 0) {
        char byte = 1;
        (void)write(pipe_fds[1], &byte, 1);
    }
    errno = saved;
}

static void set_handler(int signo, void (*handler)(int)) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(signo, &action, NULL);
}

// A parent can hand us a signal mask that blocks these (some launchers, and
// Foundation's Process started from a worker thread, do): then SIGTERM would
// never reach the handler, Ctrl-Z would not stop us and resizes would go unseen.
static void unblock(const int *signals, unsigned count) {
    sigset_t set;
    sigemptyset(&set);
    for (unsigned i = 0; i < count; i++) sigaddset(&set, signals[i]);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

// Every signal whose default action ends the process and that can be caught:
// each one saves, gives the terminal back and exits like SIGTERM. Left to its
// default, it would leave the terminal raw, on the alternate screen, with the
// cursor hidden and mouse reports on; and SIGQUIT would go to Swift's backtracer,
// which paints over the screen and waits 30 s.
static const int quit_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2,
                                   SIGALRM, SIGPIPE, SIGXCPU, SIGVTALRM};
#define QUIT_SIGNAL_COUNT (sizeof quit_signals / sizeof quit_signals[0])

int bm_signals_install(void) {
    // A signal noted after an earlier stop belongs to that run, not to this one.
    quit_signal = 0;
    static const int other[] = {SIGCONT, SIGTSTP, SIGWINCH};
    int needed[QUIT_SIGNAL_COUNT + sizeof other / sizeof other[0]];
    unsigned count = 0;
    for (unsigned i = 0; i < QUIT_SIGNAL_COUNT; i++) needed[count++] = quit_signals[i];
    for (unsigned i = 0; i < sizeof other / sizeof other[0]; i++) needed[count++] = other[i];
    if (pipe_fds[0] < 0) {
        if (pipe(pipe_fds) != 0) return -1;
        for (int i = 0; i < 2; i++) {
            fcntl(pipe_fds[i], F_SETFL, fcntl(pipe_fds[i], F_GETFL) | O_NONBLOCK);
            fcntl(pipe_fds[i], F_SETFD, FD_CLOEXEC);
        }
    }
    for (unsigned i = 0; i < QUIT_SIGNAL_COUNT; i++) set_handler(quit_signals[i], on_signal);
    set_handler(SIGCONT, on_signal);
    // Only now that the handlers are in place: a signal already pending is handled, not fatal.
    unblock(needed, count);
    return pipe_fds[0];
}

int bm_signals_take(int *continued) {
    char buffer[64];
    while (pipe_fds[0] >= 0 && read(pipe_fds[0], buffer, sizeof buffer) > 0) {}
    if (continued) {
        *continued = continued_flag;
        continued_flag = 0;
    }
    int signo = quit_signal;
    quit_signal = 0;
    return signo;
}

void bm_signals_restore(void) {
    for (unsigned i = 0; i < QUIT_SIGNAL_COUNT; i++) set_handler(quit_signals[i], SIG_DFL);
    set_handler(SIGCONT, SIG_DFL);
}

void bm_signals_restore_after_quit_signals(void) {
    set_handler(SIGCONT, SIG_DFL);
}

static struct termios saved_mode;
static volatile sig_atomic_t saved_fd = -1;

void bm_terminal_save(int fd) {
    if (tcgetattr(fd, &saved_mode) == 0) saved_fd = fd;
}

void bm_terminal_forget(void) {
    saved_fd = -1;
}

// While curses owns the screen, stderr goes to an anonymous file: a stray
// message would scribble over the screen and, written on the alternate screen,
// vanish with it. When the terminal is given back (or the program crashes), the
// real stderr is put back and what was captured is written to it.
static volatile sig_atomic_t capture_fd = -1;
static volatile sig_atomic_t real_stderr = -1;

int bm_stderr_capture_begin(void) {
    if (capture_fd >= 0) return 0;
    int fd = memfd_create("backmap-stderr", MFD_CLOEXEC);
    if (fd < 0) {
        char name[] = "/tmp/backmap-stderr-XXXXXX";
        fd = mkostemp(name, O_CLOEXEC);
        if (fd < 0) return -1;
        unlink(name);
    }
    int saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
    if (saved < 0 || dup2(fd, STDERR_FILENO) < 0) {
        if (saved >= 0) close(saved);
        close(fd);
        return -1;
    }
    real_stderr = saved;
    capture_fd = fd;
    return 0;
}

// Only async-signal-safe calls: it also runs inside the crash handler.
void bm_stderr_capture_end(void) {
    int fd = capture_fd;
    int saved = real_stderr;
    if (fd < 0 || saved < 0) return;
    capture_fd = -1;
    real_stderr = -1;
    dup2(saved, STDERR_FILENO);
    close(saved);
    // Replay at most 64 KB: enough for any message, bounded if something looped.
    char buffer[4096];
    off_t offset = 0;
    while (offset < 65536) {
        ssize_t count = pread(fd, buffer, sizeof buffer, offset);
        if (count < 0 && errno == EINTR) continue;
        if (count <= 0) break;
        ssize_t done = 0;
        while (done < count) {
            ssize_t written = write(STDERR_FILENO, buffer + done, (size_t)(count - done));
            if (written < 0 && errno == EINTR) continue;
            if (written <= 0) { done = count; break; }
            done += written;
        }
        offset += count;
    }
    close(fd);
}

static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};
static struct sigaction previous[sizeof crash_signals / sizeof crash_signals[0]];
static int crash_guard_installed = 0;

static void on_crash(int signo) {
    int saved = errno;
    int fd = saved_fd;
    if (fd >= 0) {
        tcsetattr(fd, TCSANOW, &saved_mode);
        // Leave the alternate screen, reset attributes, show the cursor, stop mouse reports.
        static const char reset[] = "\033[?1000l\033[?1002l\033[?1006l\033[?1049l\033[0m\033[?25h\r\n";
        (void)write(fd, reset, sizeof reset - 1);
    }
    // The runtime's "Fatal error: ..." went to the captured stderr just before the
    // trap; now that the terminal is sane it can be shown.
    bm_stderr_capture_end();
    for (unsigned i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++) {
        if (crash_signals[i] == signo) {
            sigaction(signo, &previous[i], NULL);
            break;
        }
    }
    errno = saved;
    // Returning re-runs the faulting instruction under the previous handler
    // (Swift's backtracer, or the default action); a signal sent with kill
    // is not re-run, so raise it again.
    raise(signo);
}

void bm_crash_guard_install(void) {
    if (crash_guard_installed) return;
    crash_guard_installed = 1;
    for (unsigned i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = on_crash;
        sigemptyset(&action.sa_mask);
        // On the alternate stack when the runtime set one up, so a stack overflow is handled too.
        action.sa_flags = SA_RESETHAND | SA_NODEFER | SA_ONSTACK;
        sigaction(crash_signals[i], &action, &previous[i]);
    }
    // A fault under a blocked signal kills the process without running any handler.
    unblock(crash_signals, sizeof crash_signals / sizeof crash_signals[0]);
}

void bm_suspend_self(void) {
    // Stop as the shell expects, then put back the handler curses had, so a
    // SIGTSTP sent from outside later is still handled by curses.
    struct sigaction stop, before;
    memset(&stop, 0, sizeof stop);
    stop.sa_handler = SIG_DFL;
    sigemptyset(&stop.sa_mask);
    sigaction(SIGTSTP, &stop, &before);
    raise(SIGTSTP);
    sigaction(SIGTSTP, &before, NULL);
}
