import BackMapCore
import Foundation
import Glibc

/// What each figure is set against, measured in the same run on the same machine,
/// so a busy machine moves the floor and the figure together and the ratio holds:
/// a bare C ncurses program for the first frame, Python's `json.load` of the same
/// session files for `list` and `trends`, and a C program that stats every session file
/// for what `list` cannot do without at any size.
struct Floors {
    /// The C programs, built once per run with the system's C compiler.
    let ncursesProgram: String
    let statProgram: String
    /// What measures each program's peak memory on its own (see `PeakLauncher`).
    let launcher: PeakLauncher
    private let folder: URL

    /// A first frame and nothing else: curses set up as backmap sets it up (locale, keypad,
    /// colours), a full screen of text with a reversed title bar, then wait for a key.
    static let ncursesSource = """
        #include <curses.h>
        #include <locale.h>
        int main(void) {
            setlocale(LC_ALL, "");
            initscr(); cbreak(); noecho(); keypad(stdscr, TRUE); curs_set(0);
            start_color(); use_default_colors(); init_pair(1, COLOR_RED, -1);
            attron(A_REVERSE); mvhline(0, 0, ' ', COLS); mvaddstr(0, 1, "floor"); attroff(A_REVERSE);
            for (int y = 1; y < LINES; y++)
                for (int x = 0; x < COLS; x++)
                    mvaddch(y, x, ('a' + (x * 7 + y) % 26) | (y % 4 ? 0 : COLOR_PAIR(1)));
            refresh();
            getch();
            endwin();
            return 0;
        }
        """

    /// What the stat floor does, as the report says it.
    static let statFloorMeaning = "a C program that lists `sessions/` and stats every file on every core"

    /// The least `list` must do before it may trust its index: learn the session files'
    /// names and stat each one (an edit in place changes nothing else that a program can
    /// see). Here the folder is listed and the files are stat'ed by name on every core.
    static let statSource = """
        #include <dirent.h>
        #include <fcntl.h>
        #include <pthread.h>
        #include <stdlib.h>
        #include <string.h>
        #include <sys/stat.h>
        #include <unistd.h>
        static char **names;
        static long count, threads;
        static int folder;
        static void *stat_share(void *first) {
            struct stat info;
            for (long i = (long)first; i < count; i += threads)
                if (fstatat(folder, names[i], &info, 0) != 0) exit(1);
            return NULL;
        }
        int main(int argc, char **argv) {
            folder = argc > 1 ? open(argv[1], O_RDONLY | O_DIRECTORY) : -1;
            DIR *listing = folder < 0 ? NULL : fdopendir(dup(folder));
            if (!listing) return 1;
            long capacity = 1024;
            names = malloc(capacity * sizeof *names);
            for (struct dirent *entry; (entry = readdir(listing));) {
                size_t length = strlen(entry->d_name);
                if (length < 6 || strcmp(entry->d_name + length - 5, ".json") != 0) continue;
                if (count == capacity) names = realloc(names, (capacity *= 2) * sizeof *names);
                names[count++] = strdup(entry->d_name);
            }
            threads = sysconf(_SC_NPROCESSORS_ONLN) > 0 ? sysconf(_SC_NPROCESSORS_ONLN) : 1;
            pthread_t helpers[threads];
            for (long t = 1; t < threads; t++) pthread_create(&helpers[t], NULL, stat_share, (void *)t);
            stat_share(0);
            for (long t = 1; t < threads; t++) pthread_join(helpers[t], NULL);
            return 0;
        }
        """

    /// What Python does with the same files: open each session file and `json.load` it.
    static let pythonSource = """
        import json, os, sys
        folder = sys.argv[1]
        for name in os.listdir(folder):
            if name.endswith(".json"):
                with open(os.path.join(folder, name), "rb") as f:
                    json.load(f)
        """

    /// Compiles the C floors; fails with a sentence when there is no compiler or no ncurses headers.
    static func build() throws -> Floors {
        var template = Array((FileManager.default.temporaryDirectory.path + "/backmap-floor-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw BenchError("could not create a temporary folder") }
        let folder = URL(fileURLWithPath: String(cString: made))
        func compile(_ name: String, _ source: String, libraries: [String]) throws -> String {
            let file = folder.appendingPathComponent(name + ".c")
            let program = folder.appendingPathComponent(name)
            try Data(source.utf8).write(to: file)
            let build = try ChildProcess.timed("/usr/bin/env", ["cc", "-O2", "-o", program.path, file.path] + libraries,
                                             environment: ["PATH": "/usr/local/bin:/usr/bin:/bin"])
            guard build.status == 0 else {
                throw BenchError("the C floor \(name) did not build (cc and libncursesw-dev are needed): "
                    + String(decoding: build.errorOutput.prefix(300), as: UTF8.self))
            }
            return program.path
        }
        return Floors(ncursesProgram: try compile("floor", ncursesSource, libraries: ["-lncursesw"]),
                      statProgram: try compile("stat-floor", statSource, libraries: ["-pthread"]),
                      launcher: try PeakLauncher.build(in: folder), folder: folder)
    }

    /// One run of the stat floor over a store's session files: wall time in ms.
    func stat(sessionsFolder: URL) throws -> Double {
        let result = try ChildProcess.timed(statProgram, [sessionsFolder.path], environment: [:])
        guard result.status == 0 else { throw BenchError("the stat floor failed on \(sessionsFolder.path)") }
        return result.milliseconds
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// One run of Python over the store's session files: wall time of the whole process in
    /// ms, or nil when there is no python3.
    static func python(sessionsFolder: URL) throws -> Double? {
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return nil
        }
        let result = try ChildProcess.timed(python, ["-c", pythonSource, sessionsFolder.path],
                                          environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"])
        guard result.status == 0 else {
            throw BenchError("python3 failed: " + String(decoding: result.errorOutput.prefix(300), as: UTF8.self))
        }
        return result.milliseconds
    }
}
