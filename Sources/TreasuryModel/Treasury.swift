/// A BTC treasury's balance sheet and policies at its as-of date: what it holds, how its equity
/// trades, what it owes, the covenants it lives under and how it funds what falls due.
public struct Treasury: Sendable, Equatable {
    /// Display name (for example "Strategy-like").
    public var name: String
    /// The date every balance is stated at; day 0 of a simulation.
    public var asOf: CalendarDate
    /// Market conditions at the as-of date.
    public var market: MarketConditions
    /// Assets: BTC, cash, reserve, fund stakes.
    public var holdings: Holdings
    /// Common equity, its valuation model and the at-the-market programme.
    public var equity: Equity
    /// Convertible notes.
    public var convertibleNotes: [ConvertibleNote]
    /// BTC- or fund-share-backed loans.
    public var loans: [BTCLoan]
    /// Preferred stock series.
    public var preferreds: [PreferredStock]
    /// Covenants and internal limits.
    public var covenants: [Covenant]
    /// How obligations are funded.
    public var policy: FundingPolicy
    /// Operating cash flow in USD a year (negative for a cash burn), paid or received monthly.
    public var operatingCashFlowUSDPerYear: Double
    /// Where the `<treasury>` element is, for errors about the whole file.
    public var location: SourceLocation?

    /// Creates a treasury.
    public init(
        name: String, asOf: CalendarDate, market: MarketConditions, holdings: Holdings, equity: Equity,
        convertibleNotes: [ConvertibleNote] = [], loans: [BTCLoan] = [], preferreds: [PreferredStock] = [],
        covenants: [Covenant] = [], policy: FundingPolicy = FundingPolicy(),
        operatingCashFlowUSDPerYear: Double = 0, location: SourceLocation? = nil
    ) {
        self.name = name
        self.asOf = asOf
        self.market = market
        self.holdings = holdings
        self.equity = equity
        self.convertibleNotes = convertibleNotes
        self.loans = loans
        self.preferreds = preferreds
        self.covenants = covenants
        self.policy = policy
        self.operatingCashFlowUSDPerYear = operatingCashFlowUSDPerYear
        self.location = location
    }

    /// Every instrument id (notes, loans, preferreds), in input order.
    public var instrumentIDs: [String] {
        convertibleNotes.map(\.id) + loans.map(\.id) + preferreds.map(\.id)
    }

    /// Debt outstanding at the as-of date in USD: convertible principal plus loan principal.
    public var debtUSD: Double {
        convertibleNotes.reduce(0) { $0 + $1.principal } + loans.reduce(0) { $0 + $1.principal }
    }

    /// Preferred notional in USD.
    public var preferredUSD: Double { preferreds.reduce(0) { $0 + $1.notional } }

    /// BTC held directly, free and pledged, in BTC.
    public var bitcoinUnits: Double { holdings.bitcoinUnits }
}

/// Market conditions at the as-of date.
public struct MarketConditions: Sendable, Equatable {
    /// BTC price in USD.
    public var btcPrice: Double
    /// BTC traded a day across venues, in USD; used to size a forced sale against the market.
    public var btcDailyVolumeUSD: Double
    /// How the treasury's own sales move the price; nil: they do not (the price is given).
    public var priceImpact: PriceImpact?

    /// Creates market conditions.
    public init(btcPrice: Double, btcDailyVolumeUSD: Double = 40e9, priceImpact: PriceImpact? = nil) {
        self.btcPrice = btcPrice
        self.btcDailyVolumeUSD = btcDailyVolumeUSD
        self.priceImpact = priceImpact
    }
}
