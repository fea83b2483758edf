import BackMapCore
import Foundation
import Glibc

/// What each figure is set against, measured in the same run on the same machine,
/// so a busy machine moves the floor and the figure together and the ratio holds:
/// a bare C ncurses program for the first frame, Python's `json.load` of the same
/// session files for `list` and `trends`.
struct Floors {
    /// The C program, built once per run with the system's C compiler.
    let ncursesProgram: String
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

    /// What Python does with the same files: open each session file and `json.load` it.
    static let pythonSource = """
        import json, os, sys
        folder = sys.argv[1]
        for name in os.listdir(folder):
            if name.endswith(".json"):
                with open(os.path.join(folder, name), "rb") as f:
                    json.load(f)
        """

    /// Compiles the C floor; fails with a sentence when there is no compiler or no ncurses headers.
    static func build() throws -> Floors {
        var template = Array((FileManager.default.temporaryDirectory.path + "/backmap-floor-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw BenchError("could not create a temporary folder") }
        let folder = URL(fileURLWithPath: String(cString: made))
        let source = folder.appendingPathComponent("floor.c")
        let program = folder.appendingPathComponent("floor")
        try Data(ncursesSource.utf8).write(to: source)
        let build = try ChildProcess.timed("/usr/bin/env", ["cc", "-O2", "-o", program.path, source.path, "-lncursesw"],
                                         environment: ["PATH": "/usr/local/bin:/usr/bin:/bin"])
        guard build.status == 0 else {
            throw BenchError("the C floor did not build (cc and libncursesw-dev are needed): "
                + String(decoding: build.errorOutput.prefix(300), as: UTF8.self))
        }
        return Floors(ncursesProgram: program.path, launcher: try PeakLauncher.build(in: folder), folder: folder)
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
