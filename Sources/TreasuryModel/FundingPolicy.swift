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
    /// Keep the USD reserve at this many months of fixed charges (interest, coupons, dividends,
    /// operating costs), refilled each day it is short from the ATM while mNAV allows; nil: no floor.
    public var reserveFloorMonths: Double?
    /// Refill the reserve floor by selling BTC when the ATM cannot (a sale the board counts as forced).
    public var sellBitcoinForReserve: Bool
    /// Below this mNAV, dividends are paid through the whole waterfall, BTC sales included, rather
    /// than deferred or paid in stock issued below NAV; nil: never.
    public var sellBitcoinBelowMNAV: Double?
    /// Issue ATM equity and buy BTC while mNAV is high (the flywheel); nil: never.
    public var accumulate: Accumulation?
    /// Where `<policy>` is declared (nil when the file has none).
    public var location: SourceLocation?

    /// Creates a policy.
    public init(fundingOrder: [FundingSource] = [.cash, .reserve, .atm, .fundStakes, .bitcoin], minCashUSD: Double = 0,
                marginCall: MarginCallResponse = .topUp, dividends: DividendPolicy = .payOrDefer,
                btcSaleSlippage: Double = 0.005, prefundDays: Int = 0, reserveFloorMonths: Double? = nil,
                sellBitcoinForReserve: Bool = false, sellBitcoinBelowMNAV: Double? = nil, accumulate: Accumulation? = nil,
                location: SourceLocation? = nil) {
        self.fundingOrder = fundingOrder
        self.minCashUSD = minCashUSD
        self.marginCall = marginCall
        self.dividends = dividends
        self.btcSaleSlippage = btcSaleSlippage
        self.prefundDays = prefundDays
        self.reserveFloorMonths = reserveFloorMonths
        self.sellBitcoinForReserve = sellBitcoinForReserve
        self.sellBitcoinBelowMNAV = sellBitcoinBelowMNAV
        self.accumulate = accumulate
        self.location = location
    }

    /// Equal terms, wherever they are declared (a report's assumptions carry no location).
    public static func == (lhs: FundingPolicy, rhs: FundingPolicy) -> Bool {
        lhs.fundingOrder == rhs.fundingOrder && lhs.minCashUSD == rhs.minCashUSD && lhs.marginCall == rhs.marginCall
            && lhs.dividends == rhs.dividends && lhs.btcSaleSlippage == rhs.btcSaleSlippage && lhs.prefundDays == rhs.prefundDays
            && lhs.reserveFloorMonths == rhs.reserveFloorMonths && lhs.sellBitcoinForReserve == rhs.sellBitcoinForReserve
            && lhs.sellBitcoinBelowMNAV == rhs.sellBitcoinBelowMNAV && lhs.accumulate == rhs.accumulate
    }
}

/// The accumulation flywheel (DESIGN §7): while mNAV is at or above `minMNAV` and capital markets
/// are open, the ATM issues up to `maxDailyUSD` a day (within the programme's own limits) and the
/// proceeds buy BTC at the day's price plus slippage. BTC per share grows when mNAV is above 1.
public struct Accumulation: Sendable, Equatable {
    /// The lowest mNAV at which equity is issued to buy BTC.
    public var minMNAV: Double
    /// Most USD raised to buy BTC in a day.
    public var maxDailyUSD: Double
    /// Where it is declared.
    public var location: SourceLocation?

    /// Creates an accumulation policy.
    public init(minMNAV: Double, maxDailyUSD: Double, location: SourceLocation? = nil) {
        self.minMNAV = minMNAV
        self.maxDailyUSD = maxDailyUSD
        self.location = location
    }

    /// Equal terms, wherever they are declared.
    public static func == (lhs: Accumulation, rhs: Accumulation) -> Bool {
        lhs.minMNAV == rhs.minMNAV && lhs.maxDailyUSD == rhs.maxDailyUSD
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
