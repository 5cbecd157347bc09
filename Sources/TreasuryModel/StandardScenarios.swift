
/// The built-in scenario set, so that `run` needs only a treasury file: instant shocks, a
/// closed-markets shock, and replays of the largest BTC drawdowns in the embedded history.
public enum StandardScenarios {
    /// Name of the built-in set.
    public static let name = "Built-in standard set"
    /// Horizon of the built-in set, in days (two years: the next put and maturity wall).
    public static let horizonDays = 730
    /// Paths of the built-in Monte Carlo run: a 95 % interval of about ±1 point on a probability.
    public static let monteCarloPaths = 10_000
    /// Paths per cell of the built-in probability map (13 × 9 cells).
    public static let probabilityMapPaths = 500

    /// The built-in set.
    public static var set: ScenarioSet {
        func date(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: d) ?? CalendarDate(dayNumber: 0) }
        return ScenarioSet(name: name, horizonDays: horizonDays, scenarios: [
            Scenario(id: "instant-30", name: "BTC −30 % overnight, then flat", path: .instant(shock: -0.3)),
            Scenario(id: "instant-50", name: "BTC −50 % overnight, then flat", path: .instant(shock: -0.5)),
            Scenario(id: "instant-70", name: "BTC −70 % overnight, then flat", path: .instant(shock: -0.7)),
            Scenario(id: "instant-80", name: "BTC −80 % overnight, then flat", path: .instant(shock: -0.8)),
            Scenario(id: "instant-50-markets-shut",
                     name: "BTC −50 %, equity −30 % more, capital markets shut for 180 days",
                     path: .instant(shock: -0.5), equityShock: -0.3, fundDiscount: 0.03, rateShift: 0.02,
                     marketsClosed: 1...180),
            Scenario(id: "replay-2018", name: "2018 bear market replay (16 Dec 2017 → 15 Dec 2018, −84 %)",
                     path: .historical(from: date(2017, 12, 16), to: date(2018, 12, 15))),
            Scenario(id: "replay-2020-03", name: "March 2020 crash replay (12 Feb → 30 Apr 2020)",
                     path: .historical(from: date(2020, 2, 12), to: date(2020, 4, 30))),
            Scenario(id: "replay-2022", name: "2022 bear market replay (8 Nov 2021 → 21 Nov 2022, −77 %)",
                     path: .historical(from: date(2021, 11, 8), to: date(2022, 11, 21))),
            {
                // Order-book depth fell by more than 90 % in the 10 Oct 2025 cascade (FACTS.md): a
                // tenth of the volume on 10 and 11 Oct (days 4 and 5). Only price impact reads it.
                var cascade = Scenario(id: "replay-2025-10", name: "October 2025 liquidation cascade replay (6 → 31 Oct 2025)",
                                       path: .historical(from: date(2025, 10, 6), to: date(2025, 10, 31)))
                cascade.volumeShock = -0.9
                cascade.volumeShockDays = 4...5
                return cascade
            }(),
            Scenario(id: "replay-2025-11", name: "Nov 2025–2026 drawdown replay (6 Oct 2025 → 21 Aug 2026)",
                     path: .historical(from: date(2025, 10, 6), to: date(2026, 8, 21))),
        ], monteCarlo: [
            MonteCarloSpec(id: "mc-gbm", name: "Monte Carlo: GBM, 68 % volatility, zero drift",
                           model: .gbm(drift: Calibration.btcDrift, volatility: Calibration.btcVolatility),
                           paths: monteCarloPaths, seed: 42),
        ], probabilityMap: ProbabilityMapSpec(
            id: "map", name: "Probability map: GBM, 68 % volatility, zero drift",
            model: .gbm(drift: Calibration.btcDrift, volatility: Calibration.btcVolatility),
            paths: probabilityMapPaths, seed: 42,
            priceMultiples: ProbabilityMapSpec.grid(from: 0.4, to: 1.6, steps: 13),
            mnavs: ProbabilityMapSpec.grid(from: 0.6, to: 3.0, steps: 9)))
    }
}
