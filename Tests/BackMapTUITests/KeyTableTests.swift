@testable import BackMapTUI
import Testing

@Suite("Key tables")
struct KeyTableTests {
    /// Every key of every screen, so a key bound twice (where only one can win) fails here.
    static let screens: [(name: String, keys: [[Key]])] = [
        ("editor", EditorKeys.bindings.map(\.keys)),
        ("list", SessionListKeys.bindings.map(\.keys)),
        ("replay", ReplayKeys.bindings.map(\.keys)),
        ("compare", CompareKeys.bindings.map(\.keys)),
        ("trends", TrendsKeys.bindings.map(\.keys)),
    ]

    @Test(arguments: screens.map(\.name))
    func noScreenBindsOneKeyTwice(screen: String) {
        let keys = Self.screens.first { $0.name == screen }?.keys.flatMap { $0 } ?? []
        let repeated = Dictionary(grouping: keys, by: { $0 }).filter { $0.value.count > 1 }.keys
        #expect(repeated.isEmpty, "\(screen) binds \(Array(repeated)) more than once")
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

    @Test func theGlobalKeysAreNotTakenByAnyScreen() {
        let global: Set<Key> = [.character("?"), .control("c"), .control("l"), .control("z")]
        for screen in Self.screens {
            let taken = Set(screen.keys.flatMap { $0 }).intersection(global)
            #expect(taken.isEmpty, "\(screen.name) binds a key the app keeps for itself: \(taken)")
        }
    }
}
