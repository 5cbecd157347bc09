/// A treasury company's common equity: shares, price and how the price follows BTC.
public struct Equity: Sendable, Equatable {
    /// Shares outstanding at the as-of date.
    public var sharesOutstanding: Double
    /// Share price at the as-of date, in USD.
    public var sharePrice: Double
    /// Shares the charter authorises; issuance stops there.
    public var authorizedShares: Double
    /// How the share price moves with BTC.
    public var model: EquityModel
    /// The at-the-market issuance programme, if any.
    public var atm: ATMProgram?

    /// Creates equity.
    public init(sharesOutstanding: Double, sharePrice: Double, authorizedShares: Double = .infinity,
                model: EquityModel = .mnav(elasticity: Calibration.mnavElasticity, floor: 0.6, cap: 4), atm: ATMProgram? = nil) {
        self.sharesOutstanding = sharesOutstanding
        self.sharePrice = sharePrice
        self.authorizedShares = authorizedShares
        self.model = model
        self.atm = atm
    }
}

/// How the share price follows BTC.
public enum EquityModel: Sendable, Equatable {
    /// mNAV_t = clamp(m₀·(P_t/P₀)^elasticity, floor, cap); market cap = mNAV·BTC NAV − debt − preferred + cash.
    case mnav(elasticity: Double, floor: Double, cap: Double)
    /// S_t = S₀·(P_t/P₀)^beta.
    case beta(Double)
}

/// An at-the-market equity programme: shares sold into the market to raise cash.
public struct ATMProgram: Sendable, Equatable {
    /// USD still available under the programme.
    public var capacityUSD: Double
    /// Issuance only while mNAV is at or above this (issuing below 1 dilutes BTC per share).
    public var minMNAV: Double
    /// Most USD raised in one day (a share of daily trading volume).
    public var maxDailyUSD: Double
    /// Discount to the day's price at which shares are sold (fees and impact), as a fraction.
    public var discount: Double

    /// Creates a programme.
    public init(capacityUSD: Double, minMNAV: Double = 1, maxDailyUSD: Double, discount: Double = 0.02) {
        self.capacityUSD = capacityUSD
        self.minMNAV = minMNAV
        self.maxDailyUSD = maxDailyUSD
        self.discount = discount
    }
}
