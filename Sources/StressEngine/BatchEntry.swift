/// One treasury × scenario set of a batch, as the summary and the index record it.
public struct BatchEntry: Sendable, Equatable {
    /// What happened to the job.
    public enum Outcome: String, Sendable {
        case ok, failed, missing
    }

    public var treasury: String
    public var scenarioSet: String
    public var outcome: Outcome
    /// Worst scenario status (`survived`, `forcedSales`, `defaulted`).
    public var status: String?
    /// The trigger that fires at the highest BTC price, and that price (nil price: at any price).
    public var worstTrigger: String?
    public var worstTriggerPrice: Double?
    /// Highest BTC price at which any loan is liquidated (ladder), USD.
    public var liquidationPrice: Double?
    /// Ladder prices of the first forced sale and the first default, USD.
    public var forcedSalePrice: Double?
    public var defaultPrice: Double?
    /// Monte Carlo probability of a forced sale within the horizon (first run of the set).
    public var forcedSaleProbability: Double?
    /// BTC per share at the as-of date.
    public var btcPerShare: Double?
    /// The previous quarter's values, from the history database.
    public var previousQuarter: String?
    public var previousLiquidationPrice: Double?
    public var previousForcedSalePrice: Double?
    public var previousForcedSaleProbability: Double?
    public var previousBTCPerShare: Double?
    /// Report path relative to the quarter folder (without extension).
    public var report: String?
    /// The located error of a failed job.
    public var error: String?

    /// Creates an entry.
    public init(treasury: String, scenarioSet: String, outcome: Outcome) {
        self.treasury = treasury
        self.scenarioSet = scenarioSet
        self.outcome = outcome
    }
}
