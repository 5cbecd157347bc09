/// How a treasury meets what falls due: the order in which it taps its sources, the cash it keeps,
/// and how it answers margin calls and dividends it cannot fund.
public struct FundingPolicy: Sendable, Equatable {
    /// Sources in the order they are used.
    public var fundingOrder: [FundingSource]
    /// Cash kept back, in USD; only cash above it funds obligations.
    public var minCashUSD: Double
    /// How margin calls are answered.
    public var marginCall: MarginCallResponse
    /// How preferred dividends are funded.
    public var dividends: DividendPolicy
    /// Price concession on a BTC or fund-share sale, as a fraction.
    public var btcSaleSlippage: Double
    /// Days ahead of a known payment that the ATM starts raising for it (0: raise on the day).
    public var prefundDays: Int

    /// Creates a policy.
    public init(fundingOrder: [FundingSource] = [.cash, .reserve, .atm, .fundStakes, .bitcoin], minCashUSD: Double = 0,
                marginCall: MarginCallResponse = .topUp, dividends: DividendPolicy = .payOrDefer,
                btcSaleSlippage: Double = 0.005, prefundDays: Int = 0) {
        self.fundingOrder = fundingOrder
        self.minCashUSD = minCashUSD
        self.marginCall = marginCall
        self.dividends = dividends
        self.btcSaleSlippage = btcSaleSlippage
        self.prefundDays = prefundDays
    }
}

/// A place money can come from, in the funding waterfall.
public enum FundingSource: String, Sendable, CaseIterable {
    /// Free cash above the minimum.
    case cash
    /// The USD reserve, for its permitted uses.
    case reserve
    /// At-the-market common stock issuance.
    case atm
    /// Sales of unpledged fund shares (a forced sale).
    case fundStakes
    /// Sales of unpledged BTC (a forced sale).
    case bitcoin
}

/// How a margin call is answered.
public enum MarginCallResponse: String, Sendable, CaseIterable {
    /// Pledge free BTC (or fund shares) up to the target LTV; repay through the waterfall if that is not enough.
    case topUp
    /// Repay principal through the waterfall down to the target LTV; pledge if that is not enough.
    case repay
    /// Do nothing: the lender liquidates after the cure period.
    case none
}

/// How preferred dividends are funded.
public enum DividendPolicy: String, Sendable, CaseIterable {
    /// Through the whole waterfall, BTC sales included; what is still short is deferred (cumulative) or skipped.
    case payOrDefer
    /// From cash, reserve and the ATM only; never sell BTC or fund shares for a dividend.
    case deferBeforeSelling
}
