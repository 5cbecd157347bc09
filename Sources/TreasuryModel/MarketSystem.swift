/// Several holders on one BTC price (DESIGN §6.2): treasuries whose forced sales, with leveraged
/// longs liquidated by price and ETF outflows that grow with the drawdown, move the price each of
/// them faces. The systemic run's input, valued at one date and price.
public struct MarketSystem: Sendable, Equatable {
    /// The system's name ("October 2025 cascade").
    public var name: String
    /// Day 0 of every holder.
    public var asOf: CalendarDate
    /// BTC price on day 0, USD.
    public var btcPrice: Double
    /// Days simulated.
    public var horizonDays: Int
    /// BTC traded a day across venues, USD (V of the impact law).
    public var btcDailyVolumeUSD: Double
    /// How everyone's sales move the price.
    public var priceImpact: PriceImpact
    /// The holders, each revalued at `asOf` and `btcPrice`, in file order.
    public var holders: [Treasury]
    /// Leveraged long positions liquidated when the price reaches their band.
    public var leveragedLongs: [LeveragedBand]
    /// ETF redemptions sold as BTC as the drawdown deepens; nil: none.
    public var fundFlows: FundFlows?
    /// Where it is declared.
    public var location: SourceLocation?

    /// Creates a system.
    public init(name: String, asOf: CalendarDate, btcPrice: Double, horizonDays: Int, btcDailyVolumeUSD: Double,
                priceImpact: PriceImpact, holders: [Treasury], leveragedLongs: [LeveragedBand] = [],
                fundFlows: FundFlows? = nil, location: SourceLocation? = nil) {
        self.name = name
        self.asOf = asOf
        self.btcPrice = btcPrice
        self.horizonDays = horizonDays
        self.btcDailyVolumeUSD = btcDailyVolumeUSD
        self.priceImpact = priceImpact
        self.holders = holders
        self.leveragedLongs = leveragedLongs
        self.fundFlows = fundFlows
        self.location = location
    }
}

/// Leveraged long positions (perpetual futures, margin loans) of `notionalUSD` whose holders are
/// liquidated, their BTC sold at market, once the price reaches `liquidationPrice`.
public struct LeveragedBand: Sendable, Equatable {
    /// The BTC price at which the band is liquidated, USD.
    public var liquidationPrice: Double
    /// BTC sold when it is, valued at the day-0 price, USD.
    public var notionalUSD: Double
    /// Where it is declared.
    public var location: SourceLocation?

    /// Creates a band.
    public init(liquidationPrice: Double, notionalUSD: Double, location: SourceLocation? = nil) {
        self.liquidationPrice = liquidationPrice
        self.notionalUSD = notionalUSD
        self.location = location
    }
}

/// Spot-ETF redemptions that grow with the drawdown: `outflowUSDPerPercentDrawdown` for each
/// percentage point by which the drawdown from the day-0 price reaches a new low (`lagDays`
/// earlier), sold as BTC; a fall of 30 % redeems 30 × the rate in all.
public struct FundFlows: Sendable, Equatable {
    /// USD redeemed per percentage point the drawdown deepens.
    public var outflowUSDPerPercentDrawdown: Double
    /// Days between the drawdown and the redemptions it causes.
    public var lagDays: Int

    /// Creates fund flows.
    public init(outflowUSDPerPercentDrawdown: Double, lagDays: Int = 1) {
        self.outflowUSDPerPercentDrawdown = outflowUSDPerPercentDrawdown
        self.lagDays = lagDays
    }
}
