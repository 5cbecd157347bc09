/// The treasury's state at the end of one simulated day.
public struct DailyState: Sendable, Equatable {
    /// Calendar day after the as-of date.
    public var day: Int
    /// BTC price in USD.
    public var btcPrice: Double
    /// BTC exposure held (direct plus fund BTC), in BTC.
    public var btcHeld: Double
    /// Highest LTV among outstanding loans (0 when none).
    public var maxLTV: Double
    /// cash + reserve + prefunded, in USD.
    public var liquidityUSD: Double
    /// (debt + preferred) / BTC NAV.
    public var leverage: Double
    /// mNAV (EV / BTC NAV).
    public var mnav: Double
    /// Share price in USD.
    public var sharePrice: Double
    /// Common shares outstanding.
    public var shares: Double
    /// The scenario's own BTC price before the treasury's selling moved it, USD; nil when its
    /// sales do not move the price (then it is `btcPrice`).
    public var exogenousBTCPrice: Double?

    /// Creates a daily state.
    public init(day: Int, btcPrice: Double, btcHeld: Double, maxLTV: Double, liquidityUSD: Double, leverage: Double,
                mnav: Double, sharePrice: Double, shares: Double) {
        self.day = day
        self.btcPrice = btcPrice
        self.btcHeld = btcHeld
        self.maxLTV = maxLTV
        self.liquidityUSD = liquidityUSD
        self.leverage = leverage
        self.mnav = mnav
        self.sharePrice = sharePrice
        self.shares = shares
    }
}
