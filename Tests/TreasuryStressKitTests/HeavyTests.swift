import Foundation
import Testing

/// Tests that simulate millions of path-days (statistical Monte Carlo checks, the full built-in
/// set with its 10,000 paths). The engine is unoptimised in a debug build, so they run in the
/// release pass of `.ci/run` (`swift test -c release`), or anywhere with TREASURY_STRESS_HEAVY_TESTS=1.
enum HeavyTests {
    /// Whether this build runs them.
    static var enabled: Bool {
        !_isDebugAssertConfiguration() || ProcessInfo.processInfo.environment["TREASURY_STRESS_HEAVY_TESTS"] == "1"
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs only where `HeavyTests.enabled`.
    static var heavy: Self {
        .enabled(if: HeavyTests.enabled, "millions of path-days: run by `swift test -c release` (.ci/run does)")
    }
}
