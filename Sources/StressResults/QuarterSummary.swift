/// One quarter's headline figures for one treasury and scenario set, read off its report: the one
/// value that the batch summary XML, the batch index, the history database, the `history`
/// command and a report's "since the previous quarter" section all share.
public struct QuarterSummary: Sendable, Equatable {
    /// The batch quarter, for example `2026-Q1`.
    public var quarter: String
    /// Treasury and scenario-set names as the batch manifest gives them.
    public var treasury: String
    public var scenarioSet: String
    /// Worst scenario status (`survived`, `forcedSales`, `defaulted`).
    public var status: String?
    /// The trigger that fires at the highest BTC price, and that price in USD (nil price: at any price).
    public var worstTrigger: String?
    public var worstTriggerPrice: Double?
    /// Highest BTC price at which any loan is liquidated (ladder), USD.
    public var liquidationPrice: Double?
    /// Ladder prices of the first forced sale and the first missed payment, USD.
    public var forcedSalePrice: Double?
    public var defaultPrice: Double?
    /// Monte Carlo probability of a forced sale within the horizon (first run of the set).
    public var forcedSaleProbability: Double?
    /// BTC exposure per common share at the as-of date, BTC.
    public var btcPerShare: Double?

    /// Creates a summary with no figures yet.
    public init(quarter: String, treasury: String, scenarioSet: String) {
        self.quarter = quarter
        self.treasury = treasury
        self.scenarioSet = scenarioSet
    }
}
