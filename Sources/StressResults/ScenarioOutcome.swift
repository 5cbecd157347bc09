/// What one price path did to the treasury: the summary a board reads, the first day of every
/// trigger, the event log and (optionally) the daily series for charts.
public struct ScenarioOutcome: Sendable, Equatable {
    /// No payment was missed over the horizon.
    public var survived: Bool { firstDefaultDay == nil }
    /// Day of the first missed payment, if any.
    public var firstDefaultDay: Int?
    /// Day and BTC price (USD) of the first forced sale of BTC or fund shares, if any.
    public var firstForcedSale: (day: Int, btcPrice: Double)? {
        get { firstForcedSaleDay.map { ($0, firstForcedSalePrice) } }
        set {
            firstForcedSaleDay = newValue?.day
            firstForcedSalePrice = newValue?.btcPrice ?? 0
        }
    }
    /// Day of the first forced sale, if any.
    public var firstForcedSaleDay: Int?
    /// BTC price (USD) on the day of the first forced sale (0 when none).
    public var firstForcedSalePrice: Double = 0

    /// Lowest and last BTC price the path was simulated at, USD (the prices actually used).
    public var minBTCPrice: Double = 0
    public var endBTCPrice: Double = 0

    /// BTC sold by the treasury through the waterfall, in BTC.
    public var btcSoldByTreasury: Double = 0
    /// BTC sold by lenders out of collateral, in BTC.
    public var btcSoldByLenders: Double = 0
    /// BTC bought by the treasury (the accumulation policy), in BTC.
    public var btcBought: Double = 0
    /// Fund shares sold (by the treasury or lenders), in shares.
    public var fundSharesSold: Double = 0
    /// BTC those fund shares represented when sold, in BTC.
    public var fundBTCSold: Double = 0
    /// All BTC exposure sold, in BTC: direct sales plus the BTC behind fund shares sold.
    public var btcSold: Double { btcSoldByTreasury + btcSoldByLenders + fundBTCSold }

    /// BTC exposure held at the start and the end (direct plus fund BTC), in BTC.
    public var btcHeldStart: Double = 0
    public var btcHeldEnd: Double = 0
    /// Direct BTC held at the start and the end, in BTC (for conservation).
    public var directBTCStart: Double = 0
    public var directBTCEnd: Double = 0
    /// Common shares outstanding at the start and the end.
    public var sharesStart: Double = 0
    public var sharesEnd: Double = 0
    /// BTC exposure per common share at the start and the end, in BTC.
    public var btcPerShareStart: Double { sharesStart > 0 ? btcHeldStart / sharesStart : 0 }
    public var btcPerShareEnd: Double { sharesEnd > 0 ? btcHeldEnd / sharesEnd : 0 }
    /// New shares as a fraction of the starting count.
    public var dilution: Double { sharesStart > 0 ? sharesEnd / sharesStart - 1 : 0 }

    /// Lowest cash + reserve + prefunded cash, in USD, and its day.
    public var minLiquidityUSD: Double = .infinity
    public var minLiquidityDay: Int = 0
    /// Highest LTV of each loan (input order) while it was outstanding.
    public var peakLTV = PerLoan<Double>()
    /// Highest (debt + preferred) / BTC NAV. Kept only by a run that records its series (the
    /// scenario report's); a Monte Carlo path, which reports neither, leaves it 0.
    public var peakLeverage: Double = 0
    /// Day of the lowest BTC NAV (the worst point). Kept only by a run that records its series;
    /// otherwise 0.
    public var worstDay: Int = 0
    /// Coverage by seniority per instrument (notes, loans, preferreds) at day 0 and at the worst
    /// point, in a run that records series (the scenario report's); empty in one that does not (a
    /// Monte Carlo or probability-map path).
    public var coverageStart = PerInstrument<Double>()
    public var coverageWorst = PerInstrument<Double>()

    /// USD raised by the ATM, from BTC and fund sales, received from operations, and paid out.
    public var ledger = CashLedger()
    /// Liquidity at the start and end, in USD.
    public var liquidityStart: Double = 0
    public var liquidityEnd: Double = 0
    /// USD owed that was never paid (defaulted claims) and dividends still deferred at the end.
    public var unpaidUSD: Double = 0
    public var deferredDividendsUSD: Double = 0

    /// The first day each trigger fired.
    public var triggerDays: [Trigger: Int] = [:]
    /// Every event, in order (empty when events are not recorded).
    public var events: [SimulationEvent] = []
    /// Daily state (empty when series are not recorded).
    public var series: [DailyState] = []

    /// Creates an empty outcome.
    public init() {}
}
