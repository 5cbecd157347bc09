/// A covenant or internal limit on a balance-sheet metric, checked every simulated day.
public struct Covenant: Sendable, Equatable, Identifiable {
    /// Identifier (for example "leverage").
    public var id: String
    /// The metric tested.
    public var metric: CovenantMetric
    /// The instrument the metric is about, for `ltv` (a loan) and `coverage` (any instrument).
    public var subject: String?
    /// Breach when the metric falls below this.
    public var minimum: Double?
    /// Breach when the metric rises above this.
    public var maximum: Double?
    /// What a breach does.
    public var consequence: CovenantConsequence
    /// Instruments a breach accelerates (with `accelerate`).
    public var accelerates: [String]
    /// Where it is declared.
    public var location: SourceLocation?

    /// Creates a covenant.
    public init(id: String, metric: CovenantMetric, subject: String? = nil, minimum: Double? = nil,
                maximum: Double? = nil, consequence: CovenantConsequence = .report, accelerates: [String] = [],
                location: SourceLocation? = nil) {
        self.id = id
        self.metric = metric
        self.subject = subject
        self.minimum = minimum
        self.maximum = maximum
        self.consequence = consequence
        self.accelerates = accelerates
        self.location = location
    }

    /// Whether `value` breaches the covenant.
    public func isBreached(by value: Double) -> Bool {
        if let minimum, value < minimum { return true }
        if let maximum, value > maximum { return true }
        return false
    }
}

/// The balance-sheet metrics a covenant can test (DESIGN §3.6).
public enum CovenantMetric: String, Sendable, CaseIterable {
    /// A loan's outstanding / collateral value.
    case ltv
    /// (debt + preferred notional) / BTC NAV.
    case leverage
    /// cash + reserve, in USD.
    case liquidityUSD
    /// (cash + reserve) / monthly fixed charges (interest, coupons, dividends, operating burn), in months.
    case liquidityMonths
    /// BTC NAV / debt.
    case assetCoverage
    /// BTC NAV / annual preferred dividends, in years.
    case dividendCoverageYears
    /// Enterprise value / BTC NAV.
    case mnav
    /// BTC NAV / notional of everything ranking ahead of or level with the subject instrument.
    case coverage
}

/// What a covenant breach does.
public enum CovenantConsequence: String, Sendable, CaseIterable {
    /// Recorded as an event; nothing else.
    case report
    /// The named instruments fall due at once through the funding waterfall.
    case accelerate
}

/// What a payment is, for the reserve's permitted uses and the event log.
public enum ObligationKind: String, Sendable, CaseIterable {
    case coupon, loanInterest, dividend, maturity, put, conversion, operating, acceleration, marginCure, loanRepayment

    /// The reserve categories a payment belongs to.
    public enum Use: String, Sendable, CaseIterable, Hashable {
        case interest, dividends, principal, operating
    }

    /// The reserve category of this payment.
    public var use: Use {
        switch self {
        case .coupon, .loanInterest: return .interest
        case .dividend: return .dividends
        case .operating: return .operating
        case .maturity, .put, .conversion, .acceleration, .marginCure, .loanRepayment: return .principal
        }
    }
}
