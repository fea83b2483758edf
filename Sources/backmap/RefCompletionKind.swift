import ArgumentParser
import BackMapCore
import Foundation

extension CompletionKind {
    /// Completes a REF from the store named on the command line being completed
    /// (`--store DIR`), else the usual one: ids, `last` and the days that have sessions.
    static var sessionRef: CompletionKind {
        .custom { words, _, prefix in
            RefCompletion.candidates(storeRoot: StoreLocation.resolve(explicit: storeOption(in: words)), prefix: prefix)
        }
    }

    /// The value of `--store DIR` or `--store=DIR` among the words typed so far.
    static func storeOption(in words: [String]) -> String? {
        var found: String?
        for (position, word) in words.enumerated() {
            if word == "--store", position + 1 < words.count {
                found = words[position + 1]
            } else if word.hasPrefix("--store=") {
                found = String(word.dropFirst("--store=".count))
            }
        }
        return found
    }
}
