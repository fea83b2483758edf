/// What an insight sets apart: the sessions carrying a tag, or done with a technique.
public enum InsightFactor: Hashable, Sendable {
    case tag(String)
    case technique(Technique)

    /// "tag" or "technique", as `--json` names the kind.
    public var kind: String {
        switch self {
        case .tag: "tag"
        case .technique: "technique"
        }
    }

    /// The tag as written, or the technique's name.
    public var name: String {
        switch self {
        case .tag(let tag): tag
        case .technique(let technique): technique.rawValue
        }
    }

    public func applies(to summary: SessionSummary) -> Bool {
        switch self {
        case .tag(let tag): summary.tags.contains(tag)
        case .technique(let technique): summary.technique == technique
        }
    }

    /// How a sentence names the sessions that have it: "sessions tagged epsom".
    func sessions(nextSession: Bool) -> String {
        switch (self, nextSession) {
        case (.tag(let tag), false): "sessions tagged \(tag)"
        case (.tag(let tag), true): "sessions after one tagged \(tag)"
        case (.technique(let technique), false): "sessions with technique \(technique.rawValue)"
        case (.technique(let technique), true): "sessions after one with technique \(technique.rawValue)"
        }
    }

    /// Tags before techniques, then by name: a stable order for ties.
    static func precedes(_ a: InsightFactor, _ b: InsightFactor) -> Bool {
        if a.kind != b.kind { return a.kind == "tag" }
        return a.name < b.name
    }
}

/// A figure compared between sessions with a factor and sessions without.
public enum InsightMeasure: String, CaseIterable, Hashable, Sendable {
    /// The mean tightness of the rolled zones, 0–3.
    case meanTightness
    /// The share of rolled zones rated tight or very tight, 0–1 (shown in percentage points).
    case tightExtent
    /// Pain after − pain before, on the 0–10 scale: negative is relief.
    case painChange
    /// How far the mean tightness fell from the first pass to the last (`SessionRelease.meanDrop`).
    case release
    /// Pain before the session: what the next session starts with.
    case painBefore

    /// What a session is compared on.
    public static let sameSession: [InsightMeasure] = [.meanTightness, .tightExtent, .painChange, .release]
    /// What the session after is compared on: how the back and the pain were when it began.
    public static let nextSession: [InsightMeasure] = [.meanTightness, .tightExtent, .painBefore]

    /// The figure for one session, or nil when it has none (nothing rolled, no pain noted, one pass).
    public func value(of summary: SessionSummary) -> Double? {
        switch self {
        case .meanTightness: summary.map.meanTightness
        case .tightExtent: summary.map.tightExtent
        case .painChange:
            summary.painBefore.flatMap { before in summary.painAfter.map { Double($0 - before) } }
        case .release: summary.release?.meanDrop
        case .painBefore: summary.painBefore.map(Double.init)
        }
    }

    /// The name in sentences and lists.
    public var title: String {
        switch self {
        case .meanTightness: "mean tightness"
        case .tightExtent: "tight extent"
        case .painChange: "pain change"
        case .release: "release"
        case .painBefore: "pain at the start"
        }
    }

    /// The name after "had": with an article where English wants one.
    var phrase: String {
        self == .painBefore ? title : "a \(title)"
    }

    /// An amount in the measure's unit: levels with two decimals, points, pain with one decimal.
    func amount(_ value: Double) -> String {
        switch self {
        case .meanTightness, .release: Self.fixed(value, digits: 2)
        case .tightExtent: Self.fixed(value * 100, digits: 0) + " points"
        case .painChange, .painBefore: Self.fixed(value, digits: 1)
        }
    }

    /// The bare number of `amount`, for interval ends.
    func number(_ value: Double) -> String {
        switch self {
        case .meanTightness, .release: Self.fixed(value, digits: 2)
        case .tightExtent: Self.fixed(value * 100, digits: 0)
        case .painChange, .painBefore: Self.fixed(value, digits: 1)
        }
    }

    /// A release as every screen writes it: two decimals.
    public static func releaseFigure(_ value: Double) -> String { fixed(value, digits: 2) }

    /// Fixed decimals with an ASCII minus, and never "-0.00".
    static func fixed(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        let magnitude = abs(rounded)
        var whole = String(Int(magnitude.rounded(.down)))
        if digits > 0 {
            let fraction = Int(((magnitude - magnitude.rounded(.down)) * scale).rounded())
            var decimals = String(fraction)
            while decimals.count < digits { decimals = "0" + decimals }
            whole += "." + decimals
        }
        return (rounded < 0 ? "-" : "") + whole
    }
}
