/// How one payment was funded, in USD by source.
public struct FundingBreakdown: Sendable, Equatable {
    /// Cash raised ahead of time for this payment (prefunding), USD.
    public var fromPrefunded = 0.0
    /// Operating cash above the policy minimum, USD.
    public var fromCash = 0.0
    /// The USD reserve, USD.
    public var fromReserve = 0.0
    /// At-the-market equity issuance, net USD, and the shares issued.
    public var fromATM = 0.0
    public var atmShares = 0.0
    /// Fund-share sales, net USD.
    public var fromFunds = 0.0
    /// BTC sales, net USD, and the BTC sold.
    public var fromBTC = 0.0
    public var btcSold = 0.0

    /// Creates a breakdown.
    public init(fromPrefunded: Double = 0, fromCash: Double = 0, fromReserve: Double = 0, fromATM: Double = 0,
                atmShares: Double = 0, fromFunds: Double = 0, fromBTC: Double = 0, btcSold: Double = 0) {
        self.fromPrefunded = fromPrefunded
        self.fromCash = fromCash
        self.fromReserve = fromReserve
        self.fromATM = fromATM
        self.atmShares = atmShares
        self.fromFunds = fromFunds
        self.fromBTC = fromBTC
        self.btcSold = btcSold
    }

    /// All USD paid, from every source.
    public var total: Double { fromPrefunded + fromCash + fromReserve + fromATM + fromFunds + fromBTC }
}
