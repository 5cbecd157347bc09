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
    /// Buy back common shares while mNAV is low; nil: never.
    public var buyback: Buyback?
    /// Roll maturing debt into new debt while markets allow; nil: every maturity and put is repaid.
    public var refinance: Refinancing?
    /// Where `<policy>` is declared (nil when the file has none).
    public var location: SourceLocation?

    /// Creates a policy.
    public init(fundingOrder: [FundingSource] = [.cash, .reserve, .atm, .fundStakes, .bitcoin], minCashUSD: Double = 0,
                marginCall: MarginCallResponse = .topUp, dividends: DividendPolicy = .payOrDefer,
                btcSaleSlippage: Double = 0.005, prefundDays: Int = 0, reserveFloorMonths: Double? = nil,
                sellBitcoinForReserve: Bool = false, sellBitcoinBelowMNAV: Double? = nil, accumulate: Accumulation? = nil,
                buyback: Buyback? = nil, refinance: Refinancing? = nil, location: SourceLocation? = nil) {
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
        self.buyback = buyback
        self.refinance = refinance
        self.location = location
    }

    /// Equal terms, wherever they are declared (a report's assumptions carry no location).
    public static func == (lhs: FundingPolicy, rhs: FundingPolicy) -> Bool {
        lhs.fundingOrder == rhs.fundingOrder && lhs.minCashUSD == rhs.minCashUSD && lhs.marginCall == rhs.marginCall
            && lhs.dividends == rhs.dividends && lhs.btcSaleSlippage == rhs.btcSaleSlippage && lhs.prefundDays == rhs.prefundDays
            && lhs.reserveFloorMonths == rhs.reserveFloorMonths && lhs.sellBitcoinForReserve == rhs.sellBitcoinForReserve
            && lhs.sellBitcoinBelowMNAV == rhs.sellBitcoinBelowMNAV && lhs.accumulate == rhs.accumulate
            && lhs.buyback == rhs.buyback && lhs.refinance == rhs.refinance
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

/// Share buybacks (DESIGN §7): while mNAV is below `maxMNAV`, leverage is at or below
/// `maxLeverage` and markets are open, up to `maxDailyUSD` a day (and `capacityUSD` in all) buys
/// common shares back at the day's share price, paid from free cash above the minimum or by
/// selling BTC. Below an mNAV of 1 a buyback retires shares for less than the BTC behind them, so
/// BTC per share grows even when BTC is sold to pay for it; the leverage limit stops a board
/// handing BTC to shareholders that its creditors' claims need.
public struct Buyback: Sendable, Equatable {
    /// What pays for a buyback.
    public enum Funding: String, Sendable, CaseIterable {
        /// Free cash above the policy's minimum (never the reserve).
        case cash
        /// Sales of free BTC at the day's price less slippage (not a forced sale: the board chose it).
        case bitcoin
    }

    /// The mNAV below which shares are bought back.
    public var maxMNAV: Double
    /// Most USD spent on buybacks in a day.
    public var maxDailyUSD: Double
    /// Size of the authorised programme: most USD spent on buybacks over the horizon.
    public var capacityUSD: Double
    /// Highest leverage ((debt + preferred) / BTC NAV) at which shares are still bought back; nil: no limit.
    public var maxLeverage: Double?
    /// What pays for them.
    public var fundedBy: Funding
    /// Where it is declared.
    public var location: SourceLocation?

    /// Creates a buyback policy.
    public init(maxMNAV: Double, maxDailyUSD: Double, capacityUSD: Double, maxLeverage: Double? = nil,
                fundedBy: Funding = .cash, location: SourceLocation? = nil) {
        self.maxMNAV = maxMNAV
        self.maxDailyUSD = maxDailyUSD
        self.capacityUSD = capacityUSD
        self.maxLeverage = maxLeverage
        self.fundedBy = fundedBy
        self.location = location
    }

    /// Equal terms, wherever they are declared.
    public static func == (lhs: Buyback, rhs: Buyback) -> Bool {
        lhs.maxMNAV == rhs.maxMNAV && lhs.maxDailyUSD == rhs.maxDailyUSD && lhs.capacityUSD == rhs.capacityUSD
            && lhs.maxLeverage == rhs.maxLeverage && lhs.fundedBy == rhs.fundedBy
    }
}

/// Refinancing (DESIGN §7): at a convertible note's put or maturity that holders do not convert, or
/// a BTC-backed loan's maturity, the principal rolls into a new instrument of the same kind, for
/// `termYears`, at the old rate plus `spread`, while capital markets are open, mNAV is at or above
/// `minMNAV` and the instrument is not in default; otherwise it is repaid as before. A rolled note
/// keeps its conversion price and settlement terms and has no further put; a rolled loan keeps its
/// collateral and LTV terms. Accrued loan interest is paid at the roll.
public struct Refinancing: Sendable, Equatable {
    /// Identifiers of the notes and loans that may roll; empty: every note and loan.
    public var instruments: [String]
    /// Added to the old annual rate at each roll, as a fraction (0.02 = 200 bp).
    public var spread: Double
    /// Lowest mNAV at which lenders roll; nil: any mNAV (markets open is enough).
    public var minMNAV: Double?
    /// Term of the new instrument, years.
    public var termYears: Double
    /// Where it is declared.
    public var location: SourceLocation?

    /// Creates a refinancing policy.
    public init(instruments: [String] = [], spread: Double = 0.02, minMNAV: Double? = nil, termYears: Double = 5,
                location: SourceLocation? = nil) {
        self.instruments = instruments
        self.spread = spread
        self.minMNAV = minMNAV
        self.termYears = termYears
        self.location = location
    }

    /// Whether the instrument with this identifier may roll.
    public func covers(_ id: String) -> Bool { instruments.isEmpty || instruments.contains(id) }

    /// Equal terms, wherever they are declared.
    public static func == (lhs: Refinancing, rhs: Refinancing) -> Bool {
        lhs.instruments == rhs.instruments && lhs.spread == rhs.spread && lhs.minMNAV == rhs.minMNAV
            && lhs.termYears == rhs.termYears
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
