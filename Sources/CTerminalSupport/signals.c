#include "CTerminalSupport.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
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

int bm_signals_install(void) {
    if (pipe_fds[0] < 0) {
        if (pipe(pipe_fds) != 0) return -1;
        for (int i = 0; i < 2; i++) {
            fcntl(pipe_fds[i], F_SETFL, fcntl(pipe_fds[i], F_GETFL) | O_NONBLOCK);
            fcntl(pipe_fds[i], F_SETFD, FD_CLOEXEC);
        }
    }
    set_handler(SIGINT, on_signal);
    set_handler(SIGTERM, on_signal);
    set_handler(SIGHUP, on_signal);
    set_handler(SIGCONT, on_signal);
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
    set_handler(SIGINT, SIG_DFL);
    set_handler(SIGTERM, SIG_DFL);
    set_handler(SIGHUP, SIG_DFL);
    set_handler(SIGCONT, SIG_DFL);
}

static struct termios saved_mode;
static int saved_fd = -1;

void bm_terminal_save(int fd) {
    if (tcgetattr(fd, &saved_mode) == 0) saved_fd = fd;
}

static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};
static struct sigaction previous[sizeof crash_signals / sizeof crash_signals[0]];

static void on_crash(int signo) {
    if (saved_fd >= 0) {
        tcsetattr(saved_fd, TCSANOW, &saved_mode);
        // Leave the alternate screen, reset attributes, show the cursor, stop mouse reports.
        static const char reset[] = "\033[?1000l\033[?1006l\033[?1049l\033[0m\033[?25h\r\n";
        (void)write(saved_fd, reset, sizeof reset - 1);
    }
    for (unsigned i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++) {
        if (crash_signals[i] == signo) {
            sigaction(signo, &previous[i], NULL);
            break;
        }
    }
    // Returning re-runs the faulting instruction under the previous handler;
    // for a signal sent with kill, raise it again.
    raise(signo);
}

void bm_crash_guard_install(void) {
    for (unsigned i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = on_crash;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESETHAND | SA_NODEFER;
        sigaction(crash_signals[i], &action, &previous[i]);
    }
}

void bm_suspend_self(void) {
    signal(SIGTSTP, SIG_DFL);
    raise(SIGTSTP);
}
