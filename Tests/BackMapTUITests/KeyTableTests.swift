import BackMapCore
@testable import BackMapTUI
import Testing

@Suite("Key tables")
struct KeyTableTests {
    /// Every screen the program can show, built as the runtime builds them: the home
    /// screen and one screen per destination, so a new screen is checked without
    /// being listed here.
    static func screens() throws -> [any Screen] {
        let scratch = try ScratchStore()
        defer { scratch.remove() }
        let a = try scratch.session(minutes: 0).id
        let b = try scratch.session(minutes: 60).id
        let keeper = SessionKeeper(store: scratch.store)
        defer { _ = keeper.finish() }
        let destinations: [Destination] = [.newSession(subject: "me", technique: .skinRolling), .editor(a), .replay(a),
                                           .compare(a, b), .trends(TrendFilter())]
        for destination in destinations {
            // A new kind of destination must be added above, or this does not compile.
            switch destination { case .newSession, .editor, .replay, .compare, .trends: break }
        }
        return [ScreenFactory.home(store: scratch.store, readingWait: .seconds(60)).screen] + (try destinations.map { try ScreenFactory.make($0, keeper: keeper) })
    }

    @Test func noScreenBindsOneKeyTwice() throws {
        let screens = try Self.screens()
        #expect(Set(screens.map(\.name)) == ["sessions", "editor", "replay", "compare", "trends"])
        for screen in screens {
            #expect(!screen.boundKeys.isEmpty, "\(screen.name) has no key table")
            let keys = screen.boundKeys.flatMap { $0 }
            let repeated = Dictionary(grouping: keys, by: { $0 }).filter { $0.value.count > 1 }.keys
            #expect(repeated.isEmpty, "\(screen.name) binds \(Array(repeated)) more than once")
        }
        let global = GlobalKeys.table.boundKeys.flatMap { $0 }
        #expect(Set(global).count == global.count, "a global key is bound twice")
    }

    @Test func aKeyFindsItsActionAndTheHelpKeepsTheTableOrder() {
        let table = KeyTable([
            KeyBinding(keys: [.character("a"), .up], label: "a Up", action: 1, help: "first"),
            KeyBinding(keys: [.character("b")], label: "b", action: 2, help: "second"),
        ])
        #expect(table[.up] == 1)
        #expect(table[.character("b")] == 2)
        #expect(table[.character("c")] == nil)
        #expect(table.help == [KeyHelp("a Up", "first"), KeyHelp("b", "second")])
    }

    @Test func theGlobalKeysAreNotTakenByAnyScreen() throws {
        let global = Set(GlobalKeys.table.boundKeys.flatMap { $0 })
        for screen in try Self.screens() {
            let taken = Set(screen.boundKeys.flatMap { $0 }).intersection(global)
            #expect(taken.isEmpty, "\(screen.name) binds a key the runtime keeps for itself: \(taken)")
        }
    }
}
