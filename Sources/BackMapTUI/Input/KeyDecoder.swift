/// Turns what a terminal sends into keys: characters, control chords, and the
/// escape sequences of arrows, Home/End, function keys and mouse reports.
///
/// ncurses decodes only the sequences its terminfo entry lists, and reads any
/// other as Esc followed by characters: with TERM=xterm-256color inside tmux,
/// End (`ESC [4~`) went back a screen and then typed `[`, `4` and `~` as
/// commands. So the terminal adapter reads the bytes raw and this pure function
/// decodes them, the same way whatever the terminfo entry says:
/// - Home and End in all their common forms (`ESC [H`, `ESC OH`, `ESC [1~`,
///   `ESC [7~` and the End counterparts);
/// - every other complete CSI, SS3, OSC or DCS sequence is read whole and
///   ignored, never turned into Esc plus characters;
/// - a mouse press and its release in one read are both decoded (the press is
///   the click, the release is dropped); motion with the first button held is a drag;
/// - a lone Esc is Esc.
public enum KeyDecoder {
    /// The keys found and how many scalars of the input they took. What is left
    /// is the start of a sequence still arriving; the adapter keeps it, waits a
    /// moment for the rest, then decodes again with `isComplete`.
    public struct Decoded: Equatable, Sendable {
        public var keys: [Key]
        public var consumed: Int
    }

    /// The longest sequence read before it is judged garbage and dropped, so a
    /// stream that never ends a sequence cannot grow the buffer without bound.
    static let longestSequence = 256

    /// Decodes `input`. With `isComplete` false, an unfinished sequence at the end
    /// is left unconsumed; with it true (nothing more came within the escape delay)
    /// a lone Esc is Esc, Esc plus one character is those two keys (a quick
    /// typist), and any longer unfinished sequence is dropped.
    public static func decode(_ input: [Unicode.Scalar], isComplete: Bool) -> Decoded {
        var keys: [Key] = []
        var index = 0
        while index < input.count {
            if input[index] == "\u{1B}" {
                switch sequence(in: input, from: index) {
                case .complete(let key, let length):
                    if let key { keys.append(key) }
                    index += length
                case .incomplete:
                    guard isComplete else { return Decoded(keys: keys, consumed: index) }
                    let rest = input.count - index
                    if rest <= 2 {
                        keys.append(.escape)
                        if rest == 2, let key = character(input[index + 1]) { keys.append(key) }
                    }
                    return Decoded(keys: keys, consumed: input.count)
                case .notASequence:
                    // Esc followed by a key that starts no sequence: Esc, then that key.
                    keys.append(.escape)
                    index += 1
                }
            } else {
                if let key = character(input[index]) { keys.append(key) }
                index += 1
            }
        }
        return Decoded(keys: keys, consumed: index)
    }

    /// A character that is not part of an escape sequence.
    static func character(_ scalar: Unicode.Scalar) -> Key? {
        switch scalar.value {
        case 13, 10: return .enter
        case 9: return .tab
        case 27: return .escape
        case 127, 8: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(scalar.value + 96) ?? "?"))
        case 0, 28...31, 0x80...0x9F: return nil
        default: return .character(Character(scalar))
        }
    }

    private enum Parsed {
        /// A whole sequence `length` scalars long: a key, or nil for one to ignore.
        case complete(Key?, length: Int)
        case incomplete
        case notASequence
    }

    private static func sequence(in input: [Unicode.Scalar], from start: Int) -> Parsed {
        guard start + 1 < input.count else { return .incomplete }
        switch input[start + 1] {
        case "[": return csi(in: input, from: start)
        case "O": return ss3(in: input, from: start)
        case "]", "P", "_", "^":
            return string(in: input, from: start)
        default:
            return .notASequence
        }
    }

    /// `ESC [ params intermediates final`, and the X10 mouse report `ESC [ M b x y`.
    private static func csi(in input: [Unicode.Scalar], from start: Int) -> Parsed {
        var index = start + 2
        var parameters = ""
        while index < input.count {
            let value = input[index].value
            switch value {
            case 0x30...0x3F:
                parameters.unicodeScalars.append(input[index])
            case 0x20...0x2F:
                break
            case 0x40...0x7E:
                let final = Character(input[index])
                if final == "M", parameters.isEmpty {
                    // X10 mouse: three more bytes, each 32 plus a value.
                    guard index + 3 < input.count else { return .incomplete }
                    let key = x10Mouse(input[index + 1].value, input[index + 2].value, input[index + 3].value)
                    return .complete(key, length: index + 4 - start)
                }
                return .complete(csiKey(parameters: parameters, final: final), length: index + 1 - start)
            default:
                // Not part of a CSI: what came so far is ignored, the rest decoded afresh.
                return .complete(nil, length: index - start)
            }
            index += 1
            if index - start > longestSequence { return .complete(nil, length: index - start) }
        }
        return .incomplete
    }

    /// `ESC O final`, with the optional parameters some terminals add for modifiers.
    private static func ss3(in input: [Unicode.Scalar], from start: Int) -> Parsed {
        var index = start + 2
        while index < input.count {
            let value = input[index].value
            switch value {
            case 0x30...0x3F:
                index += 1
                continue
            case 0x40...0x7E:
                return .complete(ss3Key(Character(input[index])), length: index + 1 - start)
            default:
                return .complete(nil, length: index - start)
            }
        }
        return .incomplete
    }

    /// OSC, DCS, APC and PM strings (terminal replies), ended by BEL or `ESC \`: ignored.
    private static func string(in input: [Unicode.Scalar], from start: Int) -> Parsed {
        var index = start + 2
        while index < input.count {
            if input[index] == "\u{07}" { return .complete(nil, length: index + 1 - start) }
            if input[index] == "\u{1B}" {
                guard index + 1 < input.count else { return .incomplete }
                return .complete(nil, length: input[index + 1] == "\\" ? index + 2 - start : index - start)
            }
            index += 1
            if index - start > longestSequence { return .complete(nil, length: index - start) }
        }
        return .incomplete
    }

    private static func csiKey(parameters: String, final: Character) -> Key? {
        if parameters.hasPrefix("<") { return sgrMouse(parameters.dropFirst(), pressed: final == "M") }
        // "1;5" is the key with a modifier (Ctrl, Shift): the key is what counts here.
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "Z": return .backTab
        case "P", "Q", "R", "S":
            // Some terminals send F1–F4 as CSI with a modifier: ESC [1;2P.
            guard parameters.contains(";") else { return nil }
            return .function(Int(final.asciiValue! - Character("P").asciiValue!) + 1)
        case "~":
            guard let first = numbers.first, let code = first else { return nil }
            switch code {
            case 1, 7: return .home
            case 4, 8: return .end
            case 3: return .delete
            case 5: return .pageUp
            case 6: return .pageDown
            case 11...15: return .function(code - 10)
            case 17...21: return .function(code - 11)
            case 23, 24: return .function(code - 12)
            default: return nil
            }
        default:
            return nil
        }
    }

    private static func ss3Key(_ final: Character) -> Key? {
        switch final {
        case "A": .up
        case "B": .down
        case "C": .right
        case "D": .left
        case "H": .home
        case "F": .end
        case "M": .enter
        case "P": .function(1)
        case "Q": .function(2)
        case "R": .function(3)
        case "S": .function(4)
        default: nil
        }
    }

    /// xterm's SGR report (mode 1006): `ESC [ < button ; column ; line M` on a press,
    /// `m` on a release; 1-based positions.
    private static func sgrMouse(_ parameters: Substring, pressed: Bool) -> Key? {
        let fields = parameters.split(separator: ";").compactMap { Int($0) }
        guard fields.count == 3, fields[1] >= 1, fields[2] >= 1 else { return nil }
        return mouse(button: fields[0], x: fields[1] - 1, y: fields[2] - 1, pressed: pressed)
    }

    /// The X10 report (mode 1000 without 1006): each value plus 32; a release is button 3.
    private static func x10Mouse(_ button: UInt32, _ column: UInt32, _ line: UInt32) -> Key? {
        guard button >= 32, column >= 33, line >= 33 else { return nil }
        let code = Int(button - 32)
        return mouse(button: code, x: Int(column) - 33, y: Int(line) - 33, pressed: code & 3 != 3)
    }

    /// A press of the first button is a click, motion with it held a drag; the wheel
    /// scrolls; releases, bare motion and the other buttons do nothing here.
    private static func mouse(button: Int, x: Int, y: Int, pressed: Bool) -> Key? {
        guard pressed else { return nil }
        if button & 32 != 0 {
            // Motion (bit 32) with the first button held (low bits 0), modifiers ignored.
            return button & ~0b11100 == 32 ? .drag(x: x, y: y) : nil
        }
        // Bits 4, 8 and 16 are Shift, Meta and Ctrl: a click is a click.
        switch button & ~0b11100 {
        case 0: return .click(x: x, y: y)
        case 64: return .scrollUp
        case 65: return .scrollDown
        default: return nil
        }
    }
}
