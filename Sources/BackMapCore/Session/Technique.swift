/// How the skin was rolled or the tissue worked.
public enum Technique: String, CaseIterable, Codable, Sendable {
    case skinRolling = "skin-rolling"
    case selfRolling = "self"
    case foamRoller = "foam-roller"
    case tennisBall = "tennis-ball"
    case other

    /// The word shown in lists.
    public var title: String { rawValue }
}
