public import TreasuryModel
import StressResults

/// The non-price parts of a scenario that the simulator applies every day.
public struct ScenarioConditions: Sendable, Equatable {
    /// Extra move of the share price against its model (−0.3: 30 % lower), from day 1.
    public var equityShock: Double
    /// Fund shares trade at NAV · (1 − fundDiscount) from day 1.
    public var fundDiscount: Double
    /// Added to floating loan rates.
    public var rateShift: Double
    /// Days on which no equity can be issued.
    public var marketsClosed: ClosedRange<Int>?
    /// BTC volume change (fraction) on the days of `volumeShockDays`.
    public var volumeShock: Double = 0
    public var volumeShockDays: ClosedRange<Int>?

    /// Creates conditions; the defaults are a calm market.
    public init(equityShock: Double = 0, fundDiscount: Double = 0, rateShift: Double = 0,
                marketsClosed: ClosedRange<Int>? = nil) {
        self.equityShock = equityShock
        self.fundDiscount = fundDiscount
        self.rateShift = rateShift
        self.marketsClosed = marketsClosed
    }

    /// The conditions a scenario sets.
    public init(_ scenario: Scenario) {
        self.init(equityShock: scenario.equityShock, fundDiscount: scenario.fundDiscount,
                  rateShift: scenario.rateShift, marketsClosed: scenario.marketsClosed)
        volumeShock = scenario.volumeShock
        volumeShockDays = scenario.volumeShockDays
    }

    /// No shocks beyond the BTC price.
    public static let calm = ScenarioConditions()
}
