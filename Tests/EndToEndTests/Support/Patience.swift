import Foundation

/// How long an end-to-end wait for a state may last before it counts as a failure.
///
/// Every wait ends as soon as its state is reached, so a generous limit costs
/// nothing when all is well; it only decides how long a real failure takes to be
/// reported. On a machine with both cores busy a debug build of backmap can take
/// many seconds to start or to draw, which a 10 s limit took for a failure
/// (issue 9). `BACKMAP_E2E_PATIENCE` (seconds) changes it.
enum Patience {
    static let seconds: TimeInterval = ProcessInfo.processInfo.environment["BACKMAP_E2E_PATIENCE"].flatMap(TimeInterval.init) ?? 120
}
