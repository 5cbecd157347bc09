public import TreasuryModel

/// An instrument's terms and its coverage by seniority at the start.
public struct InstrumentSummary: Sendable, Equatable {
    /// Id.
    public var id: String
    /// `convertibleNote`, `btcLoan` or `preferred`.
    public var kind: String
    /// Seniority rank (1 most senior).
    public var seniority: Int
    /// Notional, USD.
    public var notionalUSD: Double
    /// Coupon, rate or dividend rate.
    public var rate: Double
    /// Maturity, if any.
    public var maturity: CalendarDate?
    /// The terms a board reads beside the instrument (conversion, collateral and thresholds, dividends).
    public var terms: InstrumentTerms
    /// BTC NAV / notional ranking ahead of or level with it, at the start (nil when infinite).
    public var coverage: Double?

    /// Creates a summary.
    public init(id: String, kind: String, seniority: Int, notionalUSD: Double, rate: Double, maturity: CalendarDate?,
                terms: InstrumentTerms, coverage: Double?) {
        self.id = id
        self.kind = kind
        self.seniority = seniority
        self.notionalUSD = notionalUSD
        self.rate = rate
        self.maturity = maturity
        self.terms = terms
        self.coverage = coverage
    }
}

/// An instrument's terms as the report states them.
public enum InstrumentTerms: Sendable, Equatable {
    /// Conversion price (USD per share), settlement election, repayment form and holder put dates.
    case convertibleNote(conversionPrice: Double, election: SettlementElection, repayment: RepaymentForm,
                         putDates: [CalendarDate])
    /// Collateral, margin-call and liquidation LTVs, cure period in days, floating rate or not.
    case btcLoan(collateral: Collateral, marginCallLTV: Double, liquidationLTV: Double, cureDays: Int, floating: Bool)
    /// Payments a year, cumulative or not, and the form dividends may be paid in.
    case preferred(paymentsPerYear: Int, cumulative: Bool, payableIn: DividendForm)
}
