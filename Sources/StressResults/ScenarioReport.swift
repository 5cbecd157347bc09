public import TreasuryModel

/// One scenario's outcome as reported.
public struct ScenarioReport: Sendable, Equatable {
    /// The scenario's id and name as the set gives them.
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
    /// The same scenario with capital markets closed from day 1 (nil in a report that predates it).
    public var closedMarkets: SurvivalPeriod?
    /// The settlement advisor's elections for this scenario (nil without convertibles).
    public var settlementAdvice: SettlementAdvice?
    /// For a historical replay, the window of BTC history it replays (nil otherwise): a window
    /// that ends after the report's as-of date is hindsight, and the report says so.
    public var replayWindow: (from: CalendarDate, to: CalendarDate)? {
        get { replayFrom.flatMap { from in replayTo.map { (from, $0) } } }
        set { replayFrom = newValue?.from; replayTo = newValue?.to }
    }
    var replayFrom: CalendarDate?
    var replayTo: CalendarDate?

    /// A scenario's board status.
    public enum Status: String, Sendable, CaseIterable {
        /// No forced sale, no missed payment.
        case survived
        /// Survived, but sold BTC or fund shares, or had collateral liquidated.
        case forcedSales
        /// Paid every obligation, but at its worst point the claims exceeded the BTC NAV: some
        /// instrument's coverage by seniority fell below 1× (for a treasury whose preferred ranks
        /// last, preferred coverage below 1×).
        case insolvent
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
    /// The loan's id and its highest LTV while outstanding.
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
    /// The instrument's id; coverage at the start and at the worst point (× BTC NAV over claims ahead and level).
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
