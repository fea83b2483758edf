// backmap-testhelper: what the end-to-end tests need a separate process for.
// Not part of backmap; it calls the same SessionStore and App code.
//
//   save-loop STORE            save three growing sessions in a tight loop; prints
//                              "saved ID COUNT" after each save, until killed
//   verify STORE               exit 0 when every session file is exactly one of the
//                              states save-loop writes, else print why and exit 1
//   hold-lock STORE ID         take the editing lock of ID, print "locked", wait
//   blocked [--pending] PROGRAM ARGS...
//                              run PROGRAM with SIGINT, SIGTERM, SIGHUP, SIGTSTP,
//                              SIGCONT and SIGWINCH blocked, as a careless parent
//                              would; with --pending a SIGTERM already waits too
//   screen STORE [ID...]       run the app on a screen where ! traps (a Swift
//                              runtime error), w writes to stderr, 1–9 open the
//                              editor on the IDs given, q quits
import BackMapCore
import BackMapTUI
import Foundation
import Glibc

/// Writes a line to stdout at once (the test reads it through a pipe while we may be killed).
func say(_ text: String) {
    let bytes = Array((text + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
}

func fail(_ text: String) -> Never {
    FileHandle.standardError.write(Data("backmap-testhelper: \(text)\n".utf8))
    exit(1)
}

/// Why a file is not a state save-loop writes.
struct Broken: Error, CustomStringConvertible {
    var description: String
}

/// The sessions save-loop writes, and the exact state after `count` marks.
enum Growing {
    static let ids = ["20261124-190000-aaaa", "20261124-190000-bbbb", "20261124-190000-cccc"].compactMap(SessionID.init)
    static let start = Timestamp(date: Date(timeIntervalSince1970: 1_795_000_000), utcOffset: 3600)
    /// Past this many marks a session starts again from one, so the loop can run for ever.
    static let wrap = 400

    static func session(_ id: SessionID, marks count: Int) -> Session {
        var session = Session(id: id, startedAt: start, subject: "crash test", note: "a session saved again and again")
        session.marks = (0..<count).map { k in
            Mark(at: Timestamp(date: start.date.addingTimeInterval(Double(k)), utcOffset: 3600), pass: 1 + k / 36,
                 zone: Zone.all[k % Zone.all.count], tightness: k % 5 == 4 ? nil : Tightness(rawValue: k % 4),
                 // Long notes make each file tens of kilobytes, so a kill often lands mid-write.
                 note: k % 3 == 0 ? String(repeating: "note \(k) ", count: 20) : nil)
        }
        return session
    }

    static func next(after count: Int) -> Int { count >= wrap ? 1 : count + 1 }

    /// The mark count of a file, if it is exactly a state this loop writes.
    static func validCount(of file: URL, id: SessionID) -> Result<Int, Broken> {
        let data: Data
        do { data = try Data(contentsOf: file) } catch { return .failure(Broken(description: "\(file.lastPathComponent): unreadable: \(error)")) }
        let session: Session
        do { session = try SessionCodec.decode(data) } catch { return .failure(Broken(description: "\(file.lastPathComponent): \(error)")) }
        let count = session.marks.count
        guard let expected = try? SessionCodec.encode(Growing.session(id, marks: count)), expected == data else {
            return .failure(Broken(description: "\(file.lastPathComponent): \(count) marks, but not the bytes save-loop writes for that count"))
        }
        return .success(count)
    }
}

func saveLoop(_ store: SessionStore) -> Never {
    do { try store.prepare() } catch { fail("\(error)") }
    var counts: [Int] = []
    for id in Growing.ids {
        if FileManager.default.fileExists(atPath: store.url(for: id).path) {
            switch Growing.validCount(of: store.url(for: id), id: id) {
            case .success(let count): counts.append(count)
            case .failure(let why): fail("found a broken file: \(why)")
            }
        } else {
            counts.append(0)
        }
    }
    // The test starts its random delay from here, so the kill lands among saves, not in start-up.
    say("ready")
    // Start with the session saved least so far: a run killed after one save on a busy
    // machine still moves the rotation on, and every session gets written.
    var index = counts.indices.min { counts[$0] < counts[$1] } ?? 0
    while true {
        let id = Growing.ids[index]
        let count = Growing.next(after: counts[index])
        do {
            try store.save(Growing.session(id, marks: count))
        } catch {
            fail("save failed: \(error)")
        }
        counts[index] = count
        say("saved \(id) \(count)")
        index = (index + 1) % Growing.ids.count
    }
}

func verify(_ store: SessionStore) -> Never {
    var problems: [String] = []
    let names = (try? FileManager.default.contentsOfDirectory(atPath: store.sessionsFolder.path)) ?? []
    for name in names.sorted() {
        if name.hasPrefix(".") && name.contains(".tmp-") { continue }
        guard let id = Growing.ids.first(where: { $0.rawValue + ".json" == name }) else {
            problems.append("unexpected file \(name)")
            continue
        }
        switch Growing.validCount(of: store.sessionsFolder.appendingPathComponent(name), id: id) {
        case .success(let count): say("\(id) \(count)")
        case .failure(let why): problems.append(why.description)
        }
    }
    if !problems.isEmpty { fail(problems.joined(separator: "; ")) }
    exit(0)
}

func holdLock(_ store: SessionStore, _ text: String) -> Never {
    guard let id = SessionID(text) else { fail("not an id: \(text)") }
    let lock: FileLock
    do { lock = try store.lock(id) } catch { fail("\(error)") }
    say("locked")
    while lock.isHeld { sleep(60) }
    exit(0)
}

/// A screen for testing the app's handling of the unexpected.
struct TroubleScreen: Screen {
    var name: String { "trouble" }
    var keyHelp: [KeyHelp] { [KeyHelp("!", "trap"), KeyHelp("w", "write to stderr"), KeyHelp("q", "quit")] }
    var minimumSize: Size { Size(width: 20, height: 3) }
    var pressed = 0
    /// Sessions the digit keys open in the editor.
    var sessions: [SessionID] = []
    /// Read through an index the optimiser cannot see, so the trap happens at run time.
    var values: [Int] = [1, 2, 3]

    mutating func update(_ event: Event, context: Context) -> Effect {
        guard case .key(let key) = event else { return .none }
        pressed += 1
        switch key {
        case .character("!"):
            let index = values.count + pressed
            values[0] = values[index]
            return .none
        case .character("w"):
            FileHandle.standardError.write(Data("a message written to stderr while the screen was shown\n".utf8))
            return .none
        case .character("q"):
            return .back
        case .character(let digit) where digit.wholeNumberValue.map({ $0 >= 1 && $0 <= sessions.count }) == true:
            return .open(.editor(sessions[(digit.wholeNumberValue ?? 1) - 1]))
        default:
            return .none
        }
    }

    func draw(into canvas: inout Canvas, theme: Theme) {
        canvas.put("TROUBLE SCREEN keys: \(pressed)", x: 0, y: 0)
        canvas.put("! traps, w writes to stderr, q quits", x: 0, y: 1)
    }
}

/// Execs a program with the signals backmap relies on blocked: it must unblock them itself.
func runBlocked(_ arguments: [String]) -> Never {
    let pending = arguments.first == "--pending"
    let program = pending ? Array(arguments.dropFirst()) : arguments
    var set = sigset_t()
    sigemptyset(&set)
    for signal in [SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT, SIGWINCH] { sigaddset(&set, signal) }
    sigprocmask(SIG_BLOCK, &set, nil)
    // A blocked signal stays pending across exec: the program starts with it waiting.
    if pending { kill(getpid(), SIGTERM) }
    let argv = program.map { strdup($0) } + [nil]
    execv(program[0], argv)
    fail("could not run \(program[0])")
}

let arguments = CommandLine.arguments
if arguments.count >= 3, arguments[1] == "blocked" { runBlocked(Array(arguments.dropFirst(2))) }
guard arguments.count >= 3 else { fail("usage: save-loop|verify|hold-lock|screen STORE [ID]") }
let store = SessionStore(root: URL(fileURLWithPath: arguments[2]))
switch arguments[1] {
case "save-loop": saveLoop(store)
case "verify": verify(store)
case "hold-lock" where arguments.count == 4: holdLock(store, arguments[3])
case "screen":
    do {
        try store.prepare()
        let app = App(store: store, options: DisplayOptions.detect(forceASCII: false))
        exit(try app.run(screen: TroubleScreen(sessions: arguments.dropFirst(3).compactMap(SessionID.init))))
    } catch {
        fail("\(error)")
    }
default: fail("unknown command \(arguments[1])")
}
