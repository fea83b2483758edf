import TestSupport
import BackMapCore
import BackMapTUI
import Foundation

/// Drives any `Screen` with a random stream of events, as a careless or
/// malicious user (or a noisy terminal) would: every key the terminal can
/// deliver, hostile characters, clicks anywhere (also off screen), ticks and
/// resizes. After each step it draws the screen at the current size and hands
/// the step to a checker. Written over `Screen` so each screen's suite can
/// apply it: `RandomKeyHarness(seed:).run(screen, steps:) { step in ... }`.
struct RandomKeyHarness {
    /// One applied event and what came of it.
    struct Step<S: Screen> {
        var index: Int
        var event: Event
        /// The effect `update` returned, with batches flattened.
        var effects: [Effect]
        var screen: S
        var size: Size
        var theme: Theme
        var canvas: Canvas
    }

    var random: SeededRandom
    /// Terminal sizes to draw at; the harness resizes between them now and then.
    var sizes: [Size] = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 60, height: 30),
                         Size(width: 20, height: 5), Size(width: 1, height: 1), Size(width: 0, height: 0), Size(width: 200, height: 60)]
    var themes: [Theme] = [Theme(ascii: false, color: true), Theme(ascii: false, color: false), Theme(ascii: true, color: false)]

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    /// Text that tends to break terminal programs.
    static let hostileCharacters: [Character] = [
        "é", "\u{301}", "e\u{301}", "日", "한", "👍🏽", "❤️", "\u{1B}", "\u{9B}", "\u{202E}", "\u{2066}", "\u{200B}",
        "\u{0}", "\n", "\r", "\t", "\u{7F}", "\u{FEFF}", "\u{FFFD}", "\u{10FFFF}", "𝄞", "\u{2028}", "\u{E0041}",
        "\"", "\\", ",", " ", "?",
    ]

    static let namedKeys: [Key] = [
        .up, .down, .left, .right, .home, .end, .pageUp, .pageDown,
        .enter, .escape, .tab, .backTab, .backspace, .delete, .scrollUp, .scrollDown,
    ]

    /// A random event: mostly keys a screen knows, then everything else.
    mutating func nextEvent(size: Size) -> Event {
        let roll = Int.random(in: 0..<100, using: &random)
        switch roll {
        case 0..<4:
            return .tick
        case 4..<40:
            // Printable ASCII: the keys of every screen live here.
            return .key(.character(Character(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &random)))))
        case 40..<52:
            return .key(.character(random.pick(Self.digits)))
        case 52..<70:
            return .key(random.pick(Self.namedKeys))
        case 70..<78:
            return .key(.control(Character(Unicode.Scalar(UInt8.random(in: 0x61...0x7A, using: &random)))))
        case 78..<86:
            return .key(.character(random.pick(Self.hostileCharacters)))
        case 86..<88:
            return .key(.function(Int.random(in: 0...13, using: &random)))
        case 88..<90:
            if let scalar = Unicode.Scalar(UInt32.random(in: 0...0x10FFFF, using: &random)) {
                return .key(.character(Character(scalar)))
            }
            return .key(.character("x"))
        default:
            // Clicks mostly on screen, sometimes just off it or far away.
            let x = Int.random(in: -2...(size.width + 2), using: &random)
            let y = Int.random(in: -2...(size.height + 2), using: &random)
            return .key(random.chance(0.05) ? .click(x: Int.random(in: Int.min...Int.max, using: &random), y: y) : .click(x: x, y: y))
        }
    }

    static let digits: [Character] = ["0", "1", "2", "3", "4", "5", "9"]

    /// Applies `steps` random events to `screen`. After each step the screen is
    /// drawn and `check` runs. A `.save` is answered with `.saved`, or now and
    /// then with a failure, as a full disk would. Other effects go to `perform`,
    /// which plays the app's part (answering `.load`, refreshing after `.trash`).
    /// Returns the final screen.
    @discardableResult
    mutating func run<S: Screen>(_ screen: S, steps: Int, start: Timestamp = Timestamp(iso8601: "2026-11-24T19:00:00+01:00")!,
                                 perform: (inout S, Effect) -> Void = { _, _ in },
                                 check: (Step<S>) -> Void) -> S {
        var screen = screen
        var size = random.pick(sizes)
        var theme = random.pick(themes)
        var now = start
        for index in 0..<steps {
            if random.chance(0.03) { size = random.pick(sizes) }
            if random.chance(0.02) { theme = random.pick(themes) }
            now = Timestamp(date: now.date.addingTimeInterval(Double(Int.random(in: 0...90, using: &random))), utcOffset: now.utcOffset)
            let event = nextEvent(size: size)
            let effect = screen.update(event, context: Context(now: now, width: size.width, height: size.height))
            let effects = effect == .none ? [] : [effect]
            for effect in effects {
                guard case .save(let session) = effect else {
                    perform(&screen, effect)
                    continue
                }
                let outcome: SaveOutcome = random.chance(0.1) ? .failed("No space left on device") : .saved
                _ = screen.update(.saved(session.id, outcome), context: Context(now: now, width: size.width, height: size.height))
            }
            var canvas = Canvas(width: size.width, height: size.height, asciiOnly: theme.ascii)
            screen.draw(into: &canvas, theme: theme)
            check(Step(index: index, event: event, effects: effects, screen: screen, size: size, theme: theme, canvas: canvas))
        }
        return screen
    }
}
