public import TreasuryModel

/// The assumptions a report states, as values: the treasury's equity model and funding policy as
/// simulated, and the span of the embedded BTC history that replays and bootstraps draw on.
public struct ModelAssumptions: Sendable, Equatable {
    /// How the share price follows BTC.
    public var equityModel: EquityModel
    /// mNAV implied by the input share price at the as-of date.
    public var startMNAV: Double
    /// The funding policy (order of sources, minimum cash, margin-call response, dividends, slippage, prefunding).
    public var policy: FundingPolicy
    /// The at-the-market programme, if any.
    public var atm: ATMProgram?
    /// First and last date of the embedded BTC history.
    public var historyFirstDate: CalendarDate
    public var historyLastDate: CalendarDate
    /// The treasury's own price impact, with σ_d resolved (nil: sales do not move the price), and
    /// the daily BTC volume it is measured against, USD.
    public var priceImpact: PriceImpact?
    public var btcDailyVolumeUSD: Double?

    /// Creates the assumptions.
    public init(equityModel: EquityModel, startMNAV: Double, policy: FundingPolicy, atm: ATMProgram?,
                historyFirstDate: CalendarDate, historyLastDate: CalendarDate) {
        self.equityModel = equityModel
        self.startMNAV = startMNAV
        self.policy = policy
        self.atm = atm
        self.historyFirstDate = historyFirstDate
        self.historyLastDate = historyLastDate
    }
}
