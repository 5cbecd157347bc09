/// What one simulated day sold, by who sold it: the input a price-impact model reads (DESIGN §6),
/// and what a systemic run adds up across holders.
public struct DayFlows: Sendable, Equatable {
    /// USD received and BTC (or BTC equivalent) sold by one kind of seller on one day.
    public struct Sale: Sendable, Equatable {
        /// Net proceeds in USD (after slippage).
        public var usd: Double = 0
        /// BTC sold, in BTC; for fund shares, the BTC they represented.
        public var btc: Double = 0
        /// Creates a sale of `btc` BTC for `usd` USD.
        public init(usd: Double = 0, btc: Double = 0) {
            self.usd = usd
            self.btc = btc
        }
    }

    /// Calendar day after the as-of date.
    public var day: Int
    /// The BTC price the day was simulated at, USD.
    public var btcPrice: Double
    /// BTC the treasury sold itself through its funding waterfall (forced sales).
    public var treasuryBitcoin = Sale()
    /// Fund shares (spot-ETF) the treasury sold through its waterfall, in BTC equivalent.
    public var fundShares = Sale()
    /// Collateral (BTC or fund shares) that lenders sold in liquidations.
    public var lenderLiquidations = Sale()

    /// Creates an empty day.
    public init(day: Int, btcPrice: Double) {
        self.day = day
        self.btcPrice = btcPrice
    }

    /// All sale proceeds of the day, USD.
    public var salesUSD: Double { treasuryBitcoin.usd + fundShares.usd + lenderLiquidations.usd }
    /// All BTC exposure sold that day, BTC.
    public var btcSold: Double { treasuryBitcoin.btc + fundShares.btc + lenderLiquidations.btc }
}
