public import TreasuryModel

/// Everything a stress run found, as the report XML records it and the HTML shows it: the
/// inputs' fingerprints, the starting balance sheet, the trigger ladder and each scenario.
public struct StressReport: Sendable, Equatable {
    /// Version of the tool that produced it.
    public var toolVersion: String
    /// Treasury name.
    public var treasuryName: String
    /// As-of date (day 0).
    public var asOf: CalendarDate
    /// Scenario set name.
    public var scenarioSetName: String
    /// Horizon in days.
    public var horizonDays: Int
    /// Input files and their SHA-256, so the report can be reproduced.
    public var inputs: [ReportInput]
    /// The balance sheet at the as-of date.
    public var start: BalanceSnapshot
    /// Each instrument with its terms and coverage at the start.
    public var instruments: [InstrumentSummary]
    /// Principal, interest and dividends due per calendar year (the maturity wall), USD.
    public var maturityWall: [MaturityWallYear]
    /// The trigger-price ladder.
    public var ladder: [TriggerRung]
    /// One entry per scenario, in set order.
    public var scenarios: [ScenarioReport]
    /// Monte Carlo runs, in set order.
    public var monteCarlo: [MonteCarloResult]
    /// The modelling assumptions the report states (the board report words them).
    public var assumptions: ModelAssumptions

    /// Creates a report.
    public init(toolVersion: String, treasuryName: String, asOf: CalendarDate, scenarioSetName: String, horizonDays: Int,
                inputs: [ReportInput], start: BalanceSnapshot, instruments: [InstrumentSummary],
                maturityWall: [MaturityWallYear], ladder: [TriggerRung], scenarios: [ScenarioReport],
                monteCarlo: [MonteCarloResult] = [], assumptions: ModelAssumptions) {
        self.toolVersion = toolVersion
        self.treasuryName = treasuryName
        self.asOf = asOf
        self.scenarioSetName = scenarioSetName
        self.horizonDays = horizonDays
        self.inputs = inputs
        self.start = start
        self.instruments = instruments
        self.maturityWall = maturityWall
        self.ladder = ladder
        self.scenarios = scenarios
        self.monteCarlo = monteCarlo
        self.assumptions = assumptions
    }
}

/// An input file's role, name and SHA-256 (hex).
public struct ReportInput: Sendable, Equatable {
    public var role: String
    public var name: String
    public var sha256: String
    /// Creates an input record.
    public init(role: String, name: String, sha256: String) {
        self.role = role
        self.name = name
        self.sha256 = sha256
    }
}

/// The assumptions a report states, as values: the treasury's equity model and funding policy as
/// simulated, and the span of the embedded BTC history that replays and bootstraps draw on.
public struct ModelAssumptions: Sendable, Equatable {
    /// How the share price follows BTC.
    public var equityModel: EquityModel
    /// mNAV implied by the input share price at the as-of date.
    public var startMNAV: Double
    /// The funding policy (order of sources, minimum cash, margin-call response, dividends, slippage, prefunding).
    public var policy: FundingPolicy
    /// The at-the-market programme, if any.
    public var atm: ATMProgram?
    /// First and last date of the embedded BTC history.
    public var historyFirstDate: CalendarDate
    public var historyLastDate: CalendarDate

    /// Creates the assumptions.
    public init(equityModel: EquityModel, startMNAV: Double, policy: FundingPolicy, atm: ATMProgram?,
                historyFirstDate: CalendarDate, historyLastDate: CalendarDate) {
        self.equityModel = equityModel
        self.startMNAV = startMNAV
        self.policy = policy
        self.atm = atm
        self.historyFirstDate = historyFirstDate
        self.historyLastDate = historyLastDate
    }
}

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

/// What falls due in one calendar year, USD (contractual, before any settlement in stock).
public struct MaturityWallYear: Sendable, Equatable {
    public var year: Int
    public var principalUSD: Double
    public var interestUSD: Double
    public var dividendsUSD: Double
    /// Creates a year.
    public init(year: Int, principalUSD: Double, interestUSD: Double, dividendsUSD: Double) {
        self.year = year
        self.principalUSD = principalUSD
        self.interestUSD = interestUSD
        self.dividendsUSD = dividendsUSD
    }
}

/// One scenario's outcome as reported.
public struct ScenarioReport: Sendable, Equatable {
    public var id: String
    public var name: String
    /// `instant`, `path` or `historical`.
    public var kind: String
    /// The board status.
    public var status: Status
    /// Lowest BTC price over the horizon, USD.
    public var minBTCPrice: Double
    /// BTC price at the end, USD.
    public var endBTCPrice: Double
    /// Day and BTC price of the first forced sale.
    public var firstForcedSaleDay: Int?
    public var firstForcedSalePrice: Double?
    /// Day of the first missed payment.
    public var firstDefaultDay: Int?
    /// BTC exposure sold (treasury, lenders, fund shares), BTC.
    public var btcSold: Double
    /// BTC exposure held at the start and end, BTC.
    public var btcHeldStart: Double
    public var btcHeldEnd: Double
    /// Shares at start and end.
    public var sharesStart: Double
    public var sharesEnd: Double
    /// Lowest liquidity (cash + reserve), USD, and its day.
    public var minLiquidityUSD: Double
    public var minLiquidityDay: Int
    /// Peak (debt + preferred) / BTC NAV.
    public var peakLeverage: Double
    /// Dividends still deferred at the end, USD; claims never paid, USD.
    public var deferredDividendsUSD: Double
    public var unpaidUSD: Double
    /// Day of the worst point (lowest BTC NAV).
    public var worstDay: Int
    /// Peak LTV per loan.
    public var peakLTV: [LoanPeak]
    /// Coverage by seniority per instrument at the start and at the worst point.
    public var coverage: [CoverageRow]
    /// Sampled daily states for charts.
    public var series: [DailyState]
    /// Every event in order.
    public var events: [SimulationEvent]

    /// A scenario's board status.
    public enum Status: String, Sendable, CaseIterable {
        /// No forced sale, no missed payment.
        case survived
        /// Survived, but sold BTC or fund shares, or had collateral liquidated.
        case forcedSales
        /// Missed a payment.
        case defaulted
    }

    /// Creates a scenario report.
    public init(id: String, name: String, kind: String, status: Status, minBTCPrice: Double, endBTCPrice: Double,
                firstForcedSaleDay: Int?, firstForcedSalePrice: Double?, firstDefaultDay: Int?, btcSold: Double,
                btcHeldStart: Double, btcHeldEnd: Double, sharesStart: Double, sharesEnd: Double,
                minLiquidityUSD: Double, minLiquidityDay: Int, peakLeverage: Double, deferredDividendsUSD: Double,
                unpaidUSD: Double, worstDay: Int, peakLTV: [LoanPeak], coverage: [CoverageRow],
                series: [DailyState], events: [SimulationEvent]) {
        self.id = id
        self.name = name
        self.kind = kind
        self.status = status
        self.minBTCPrice = minBTCPrice
        self.endBTCPrice = endBTCPrice
        self.firstForcedSaleDay = firstForcedSaleDay
        self.firstForcedSalePrice = firstForcedSalePrice
        self.firstDefaultDay = firstDefaultDay
        self.btcSold = btcSold
        self.btcHeldStart = btcHeldStart
        self.btcHeldEnd = btcHeldEnd
        self.sharesStart = sharesStart
        self.sharesEnd = sharesEnd
        self.minLiquidityUSD = minLiquidityUSD
        self.minLiquidityDay = minLiquidityDay
        self.peakLeverage = peakLeverage
        self.deferredDividendsUSD = deferredDividendsUSD
        self.unpaidUSD = unpaidUSD
        self.worstDay = worstDay
        self.peakLTV = peakLTV
        self.coverage = coverage
        self.series = series
        self.events = events
    }

    /// BTC per share at start and end.
    public var btcPerShareStart: Double { sharesStart > 0 ? btcHeldStart / sharesStart : 0 }
    public var btcPerShareEnd: Double { sharesEnd > 0 ? btcHeldEnd / sharesEnd : 0 }
    /// New shares as a fraction of the start.
    public var dilution: Double { sharesStart > 0 ? sharesEnd / sharesStart - 1 : 0 }
}

/// A loan's peak LTV in a scenario.
public struct LoanPeak: Sendable, Equatable {
    public var ref: String
    public var peakLTV: Double
    /// Creates a row.
    public init(ref: String, peakLTV: Double) {
        self.ref = ref
        self.peakLTV = peakLTV
    }
}

/// An instrument's coverage by seniority at the start and at the scenario's worst point (nil: infinite or repaid).
public struct CoverageRow: Sendable, Equatable {
    public var ref: String
    public var start: Double?
    public var worst: Double?
    /// Creates a row.
    public init(ref: String, start: Double?, worst: Double?) {
        self.ref = ref
        self.start = start
        self.worst = worst
    }
}
