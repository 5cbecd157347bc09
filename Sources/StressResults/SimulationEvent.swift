/// Something that happened on a simulated day: a payment, a sale, a call, a breach, a default.
public struct SimulationEvent: Sendable, Equatable {
    /// Calendar day after the as-of date.
    public var day: Int
    /// What happened.
    public var kind: Kind
    /// The instrument, covenant or asset it concerns (for example "loan-a", "STRF", "BTC").
    public var ref: String
    /// USD involved (paid, raised, deferred, owed), 0 when none.
    public var amountUSD: Double
    /// BTC involved (sold, pledged), 0 when none.
    public var btc: Double
    /// Common shares issued, 0 when none.
    public var shares: Double
    /// BTC price that day, in USD.
    public var btcPrice: Double
    /// A short explanation (how it was funded, what the metric was).
    public var detail: String

    /// Creates an event.
    public init(day: Int, kind: Kind, ref: String, amountUSD: Double = 0, btc: Double = 0, shares: Double = 0,
                btcPrice: Double, detail: String = "") {
        self.day = day
        self.kind = kind
        self.ref = ref
        self.amountUSD = amountUSD
        self.btc = btc
        self.shares = shares
        self.btcPrice = btcPrice
        self.detail = detail
    }

    /// Kinds of events, as they appear in the report XML.
    public enum Kind: String, Sendable, CaseIterable {
        case couponPaid, interestPaid, dividendPaid, dividendPaidInStock, dividendDeferred, dividendSkipped
        case conversion, put, maturity, repaidInStock, operatingCashFlow
        case forcedSale, marginCall, collateralPledged, marginCallCured, loanRepaid, liquidation
        case covenantBreach, covenantCured, acceleration, crossDefault, missedPayment
        case authorizedSharesExhausted

        /// Whether a board should see it in red.
        public var isSevere: Bool {
            switch self {
            case .forcedSale, .liquidation, .missedPayment, .acceleration, .crossDefault: return true
            default: return false
            }
        }
    }
}
