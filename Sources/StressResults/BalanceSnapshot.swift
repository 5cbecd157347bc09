/// The balance sheet on one day.
public struct BalanceSnapshot: Sendable, Equatable {
    /// BTC price, USD.
    public var btcPrice: Double
    /// BTC exposure held (direct plus fund BTC), BTC.
    public var btcHeld: Double
    /// Common shares outstanding.
    public var shares: Double
    /// Share price, USD.
    public var sharePrice: Double
    /// Enterprise value / BTC NAV.
    public var mnav: Double
    /// BTC NAV, USD.
    public var navUSD: Double
    /// Debt (convertibles and loans), USD.
    public var debtUSD: Double
    /// Preferred notional, USD.
    public var preferredUSD: Double
    /// Cash plus reserve, USD.
    public var liquidityUSD: Double
    /// Annual coupons, interest, dividends and operating burn, USD.
    public var annualFixedChargesUSD: Double

    /// Creates a snapshot.
    public init(btcPrice: Double, btcHeld: Double, shares: Double, sharePrice: Double, mnav: Double, navUSD: Double,
                debtUSD: Double, preferredUSD: Double, liquidityUSD: Double, annualFixedChargesUSD: Double) {
        self.btcPrice = btcPrice
        self.btcHeld = btcHeld
        self.shares = shares
        self.sharePrice = sharePrice
        self.mnav = mnav
        self.navUSD = navUSD
        self.debtUSD = debtUSD
        self.preferredUSD = preferredUSD
        self.liquidityUSD = liquidityUSD
        self.annualFixedChargesUSD = annualFixedChargesUSD
    }

    /// BTC per share.
    public var btcPerShare: Double { shares > 0 ? btcHeld / shares : 0 }
    /// (debt + preferred) / BTC NAV.
    public var leverage: Double { navUSD > 0 ? (debtUSD + preferredUSD) / navUSD : 0 }
}
