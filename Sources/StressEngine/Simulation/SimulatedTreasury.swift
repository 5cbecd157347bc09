import TreasuryModel
public import StressResults
import Foundation

/// The treasury's balance sheet as the simulator carries it from one day to the next: assets,
/// shares, liabilities and what has happened so far on one price path.
///
/// Drive it from outside with one `step(day:price:)` per calendar day (0 = as-of) at a BTC price
/// of your choosing, which may answer to the sales the previous step returned (price impact,
/// DESIGN §6.1) or be shared by several treasuries stepped in lockstep (the systemic run, §6.2);
/// then `finish()`. `TreasurySimulator.run` is exactly that loop over a `BTCPriceSource`.
public struct SimulatedTreasury {
    let sim: TreasurySimulator
    let conditions: ScenarioConditions
    let recordEvents: Bool
    let recordSeries: Bool
    /// The treasury and its policy, read through the simulator: a copy kept per path retained
    /// every array and string in them on each path's start and released them at its end.
    var t: Treasury { _read { yield sim.treasury } }
    var policy: FundingPolicy { _read { yield sim.treasury.policy } }

    // Assets.
    var btcFree: Double
    var cash: Double
    var reserve: Double
    var prefunded = 0.0
    var fundFree: [Double]
    // Equity.
    var shares: Double
    var atmRemaining: Double
    var atmUsedToday = 0.0
    /// USD spent on buybacks so far (the programme's capacity bounds it).
    var buybackSpent = 0.0
    // Liabilities.
    var notePrincipal: [Double]
    var loanPrincipal: [Double]
    var loanAccrued: [Double]
    var loanCollateral: [Double]  // BTC units, or fund shares for fund-backed loans
    var loanCallDeadline: [Int?]
    var loanFundIndex: [Int?]
    var prefNotional: [Double]
    var prefArrears: [Double]
    /// Whether each instrument (by position in instrument order) has been accelerated.
    var accelerated: [Bool]
    var covenantInBreach: [Bool]
    /// Whether the day tests covenants at all; whether it keeps what only reports (covenants that
    /// only report, the liquidity low): a run that asks only about sales, missed payments and
    /// margin calls keeps neither (`trackOnlyTheBalanceSheet`).
    var checksCovenants: Bool
    var tracksReporting = true
    /// Each loan's highest LTV so far (into the outcome at `finish`: a new peak written there went
    /// through another module's generic setter, hundreds of instructions).
    var peakLTV: [Double]
    // Running totals, kept in step by the setters below so the daily loop does not re-add arrays.
    var debtTotal: Double
    var preferredTotal: Double
    var directBTCTotal: Double
    var fundBTCTotal = 0.0
    /// Per instrument, the notional ranking ahead of or level with it (the denominator of its
    /// coverage), and the annual fixed charges: they change only when a notional does, so the
    /// setters below invalidate them and covenant checks recompute them then, not every day.
    var notionalAhead: [Double]
    var notionalAheadValid = false
    var fixedChargesCache = 0.0
    var fixedChargesValid = false
    let hasFundStakes: Bool
    var sharesExhaustedReported = false
    /// Per callable note (in `sim.calls` order): whether each of the last `windowDays` trading
    /// days qualified for the soft call, as a ring, its count and write position.
    var callFlags: [Bool]
    /// BTC pledged to each secured note (0 for unsecured ones), and the day a failed collateral
    /// test must be cured by.
    var noteCollateral: [Double]
    var noteCallDeadline: [Int?]
    var callCount: [Int]
    var callCursor: [Int]
    /// The calls counting now, in note order (started, note outstanding: a repaid, converted or
    /// called note never returns), and how many of `sim.callStartOrder` have started.
    var countingCalls: [Int]
    var callsStarted = 0
    /// The day the next of `sim.callStartOrder` starts counting (`Int.max` once all have).
    var nextCallStartDay: Int
    /// Per call, the ln(P / P₀) at which today's share price reaches its trigger on the balance
    /// sheet of the last quiet band (`callEdge`; +∞ until a day's scan reaches it), whether they
    /// are drawn for that band, and how many of `sim.callsByThreshold` the scans have reached.
    var callEdges: [Double]
    var callEdgesValid = false
    var callEdgesWorkedOut = 0
    /// A range of ln(P / P₀), open at both ends, holding no counting call's edge nor its margin
    /// (`countCallsQuietly`): a quiet day inside it is on the same side of every edge as the day
    /// that found it. Empty until then, and again when the edges or the calls counting change.
    var callGapLow = Double.infinity
    var callGapHigh = -Double.infinity
    /// The log prices of quiet days (or the share prices of lean prefunding days,
    /// `callDaysWaitingAreSharePrices`) whose soft-call count waits to be written to the rings
    /// (`countQuietCallDays`), and the bound under which no call can be made meanwhile: the
    /// highest count, the fewest days a call requires, the first callable day (`refreshCallBound`).
    /// Held in the state itself, so a day's write checks no buffer's uniqueness: the first
    /// `quietCallDayCount` hold the waiting days.
    var quietCallDays = InlineArray<64, Double>(repeating: 0)
    var quietCallDayCount = 0
    /// The highest of `quietCallDays` (−∞ while none waits).
    var quietCallDaysHigh = -Double.infinity
    /// Whether the waiting days are lean prefunding days, each held as its share price (USD)
    /// rather than its log price (`waitToCountLeanly`); the two kinds never wait together.
    var callDaysWaitingAreSharePrices = false
    var callCountCeiling = 0
    var callDaysNeeded = Int.max
    var callsFireFrom = Int.max
    var callBoundValid = false
    /// Refinancing (DESIGN §7): the rate added to each note and loan by its rolls so far, whether a
    /// note has rolled (its original coupons, puts and maturity no longer apply), and the rolled
    /// instruments' own payment dates, sorted, with the next one to pay.
    var noteSpread: [Double]
    var loanSpread: [Double]
    var noteRolled: [Bool]
    var rolledItems: [PaymentSchedule.Item]
    var rolledCursor = 0
    /// The instruments whose amounts the prefunding target reads (notional or principal, arrears,
    /// spread, roll) the path has changed from the as-of balance sheet's, a bit each
    /// (`TreasurySimulator.instrumentBit`): today's target is still `sim.prefundBaseTarget[day]`
    /// while none of them is due within today's window (`sim.prefundWindowInstruments[day]`).
    var changedInstruments: UInt64 = 0
    /// Whether a loan was outstanding when the quiet band was last drawn (quiet days accrue interest
    /// then), and the quiet days since the last full step whose interest is still to be added
    /// (`accrueQuietDays`: a day's sum into the accrued interest held up the quiet day behind it).
    var quietDaysAccrue = false
    var quietAccrualDays = 0
    /// The lowest quiet BTC price (USD) the band's edges other than the loans' allow, when it was
    /// last drawn (`stepAtLTVPeak` lowers the loans' edge as their peaks rise).
    var quietLowOthers = 0.0
    /// Below the band drawn last (`quietBand`), the ln(P / P₀) above which a quiet calendar day
    /// can only raise a loan's peak LTV (`stepAtLTVPeak`), by the same series and margin; infinite
    /// when no loan's peak sets the band's lower edge. Read by the loop only within that band
    /// (below its `high`), so it need not be cleared with it.
    var quietPeakLow = Double.infinity
    /// The first day each trigger fired, by its position in `sim.triggerSlots` (−1: not yet), and
    /// how many have fired so far (a run that stops on triggers asks only when it grows).
    var triggerDay: [Int]
    var triggersFired = 0

    // Today's market.
    var day = 0
    var price = 0.0
    // The share price and mNAV are set from the start-of-day balance sheet (DESIGN §3.2), but
    // computed only when something reads them: most Monte Carlo days need neither.
    var equitySharePrice = 0.0
    var equityMNAV = 0.0
    var equityStale = true
    var dayStartNAV = 0.0
    var dayStartClaims = 0.0
    var dayStartShares = 0.0
    /// Where the equity scale of a day priced by another cell of the map's column is read (nil
    /// outside the map).
    let equityScales: EquityScaleSlots?
    /// Where each day's equity scale at the walk's price is read, worked out before the path ran
    /// (nil outside the map, or where the map filled no table for this start and elasticity).
    let equityScaleByDay: EquityScaleByDay?
    /// What today has sold so far, by seller; valid only while `soldToday` (most days sell nothing,
    /// and Monte Carlo steps millions of them, so it is started afresh on a day's first sale).
    var today = DayFlows(day: 0, btcPrice: 0)
    var soldToday = false

    var out = ScenarioOutcome()
    var worstNAV = Double.infinity
    /// The lowest BTC price stepped so far, USD.
    var lowestPrice = Double.infinity
    /// Today's price before the treasury's own impact, for the series (nil without impact).
    public var exogenousPrice: Double?

    /// The balance sheet at the as-of date, before day 0 is stepped.
    ///
    /// - Parameters:
    ///   - simulator: the treasury and horizon, prepared once.
    ///   - conditions: equity shock, fund discount, rate shift, closed markets.
    ///   - recordEvents: keep the event log (off for Monte Carlo and reverse stress).
    ///   - recordSeries: keep the daily states (for charts) and the coverage by seniority (day 0's
    ///     and the worst point's).
    public init(simulator: TreasurySimulator, conditions: ScenarioConditions = .calm,
                recordEvents: Bool = true, recordSeries: Bool = true) {
        var buffers = PathBuffers()
        self.init(simulator: simulator, conditions: conditions, recordEvents: recordEvents,
                  recordSeries: recordSeries, buffers: &buffers)
    }

    /// `init(simulator:conditions:recordEvents:recordSeries:)` with its arrays in buffers taken
    /// from `buffers` (given back by `giveBuffers(to:)` after a path), so a Monte Carlo worker does
    /// not allocate them for every path.
    init(simulator: TreasurySimulator, conditions: ScenarioConditions, recordEvents: Bool, recordSeries: Bool,
         buffers: inout PathBuffers) {
        self.sim = simulator
        self.conditions = conditions
        self.recordEvents = recordEvents
        self.recordSeries = recordSeries
        // x, √x and 1 cost less than reading a memo (and a run with it measured no faster).
        equityScales = Self.powerTakesPow(simulator.equityBeta ?? simulator.equityElasticity) ? buffers.equityScales : nil
        // The table answers only paths of the start and elasticity it was filled for (the beta
        // model does not read it).
        equityScaleByDay = buffers.equityScaleTable?.view(startPrice: simulator.startPrice, exponent: simulator.equityElasticity,
                                                           horizonDays: simulator.horizonDays)
        // From the numbers the simulator worked out once, each array in a buffer of the path's own.
        let start = simulator.pathStart
        let order = simulator.order
        noteCollateral = .refilled(from: &buffers.doubles, copying: start.noteCollateral)
        noteCallDeadline = .refilled(from: &buffers.deadlines, repeating: nil, count: order.notes)
        noteSpread = .refilled(from: &buffers.doubles, repeating: 0, count: order.notes)
        noteRolled = .refilled(from: &buffers.flags, repeating: false, count: order.notes)
        loanSpread = .refilled(from: &buffers.doubles, repeating: 0, count: order.loans)
        btcFree = start.btcFree
        cash = start.cash
        reserve = start.reserve
        fundFree = .refilled(from: &buffers.doubles, copying: start.fundFree)
        shares = start.shares
        atmRemaining = start.atmRemaining
        notePrincipal = .refilled(from: &buffers.doubles, copying: start.notePrincipal)
        loanPrincipal = .refilled(from: &buffers.doubles, copying: start.loanPrincipal)
        loanAccrued = .refilled(from: &buffers.doubles, repeating: 0, count: order.loans)
        loanCollateral = .refilled(from: &buffers.doubles, copying: start.loanCollateral)
        loanCallDeadline = .refilled(from: &buffers.deadlines, repeating: nil, count: order.loans)
        loanFundIndex = start.loanFundIndex
        prefNotional = .refilled(from: &buffers.doubles, copying: start.prefNotional)
        prefArrears = .refilled(from: &buffers.doubles, repeating: 0, count: order.preferreds)
        accelerated = .refilled(from: &buffers.flags, repeating: false, count: order.count)
        covenantInBreach = .refilled(from: &buffers.flags, repeating: false, count: simulator.covenantTerms.count)
        checksCovenants = !simulator.covenantTerms.isEmpty
        debtTotal = start.debtTotal
        preferredTotal = start.preferredTotal
        directBTCTotal = start.directBTCTotal
        hasFundStakes = !start.fundFree.isEmpty
        peakLTV = .refilled(from: &buffers.doubles, repeating: 0, count: order.loans)
        callFlags = .refilled(from: &buffers.flags, repeating: false, count: simulator.callFlagCount)
        callCount = .refilled(from: &buffers.integers, repeating: 0, count: simulator.callTerms.count)
        callCursor = .refilled(from: &buffers.integers, repeating: 0, count: simulator.callTerms.count)
        callEdges = .refilled(from: &buffers.doubles, repeating: .nan, count: simulator.callTerms.count)
        triggerDay = .refilled(from: &buffers.integers, repeating: -1, count: simulator.triggerSlots.all.count)
        nextCallStartDay = simulator.callStartDay(at: 0)
        notionalAhead = .refilled(from: &buffers.doubles, copying: [])
        countingCalls = .refilled(from: &buffers.integers, copying: [])
        rolledItems = .refilled(from: &buffers.items, copying: [])
        if !simulator.callTerms.isEmpty { countingCalls.reserveCapacity(simulator.callTerms.count) }
        if recordSeries { out.series.reserveCapacity(sim.horizonDays + 1) }
        refreshFundBTC()
    }

    /// Hands this state's arrays to `buffers` for the next path's state, leaving them empty: the
    /// path's last call. In the reverse of the order `init` takes them, so each buffer goes back to
    /// the array it held and most keep their size.
    mutating func giveBuffers(to buffers: inout PathBuffers) {
        buffers.items.append(Self.take(&rolledItems))
        buffers.integers.append(Self.take(&countingCalls))
        buffers.doubles.append(Self.take(&notionalAhead))
        buffers.integers.append(Self.take(&triggerDay))
        buffers.doubles.append(Self.take(&callEdges))
        buffers.integers.append(Self.take(&callCursor))
        buffers.integers.append(Self.take(&callCount))
        buffers.flags.append(Self.take(&callFlags))
        buffers.doubles.append(Self.take(&peakLTV))
        buffers.flags.append(Self.take(&covenantInBreach))
        buffers.flags.append(Self.take(&accelerated))
        buffers.doubles.append(Self.take(&prefArrears))
        buffers.doubles.append(Self.take(&prefNotional))
        buffers.deadlines.append(Self.take(&loanCallDeadline))
        buffers.doubles.append(Self.take(&loanCollateral))
        buffers.doubles.append(Self.take(&loanAccrued))
        buffers.doubles.append(Self.take(&loanPrincipal))
        buffers.doubles.append(Self.take(&notePrincipal))
        buffers.doubles.append(Self.take(&fundFree))
        buffers.doubles.append(Self.take(&loanSpread))
        buffers.flags.append(Self.take(&noteRolled))
        buffers.doubles.append(Self.take(&noteSpread))
        buffers.deadlines.append(Self.take(&noteCallDeadline))
        buffers.doubles.append(Self.take(&noteCollateral))
    }

    /// `array`'s buffer, leaving it empty: handed on without a retain and a release.
    @inline(__always)
    private static func take<Element>(_ array: inout [Element]) -> [Element] {
        var taken: [Element] = []
        swap(&taken, &array)
        return taken
    }

    // MARK: - Balance-sheet views

    @inline(__always) var directBTC: Double { directBTCTotal }

    /// BTC held through fund stakes (free and pledged), BTC: kept by `refreshFundBTC`.
    @inline(__always) var fundBTC: Double { fundBTCTotal }

    /// Recounts `fundBTC` after fund shares or their BTC per share change (the daily loop reads it
    /// several times a day; it changes on few days). The same sum in the same order as always.
    mutating func refreshFundBTC() {
        guard hasFundStakes else { return }
        var total = 0.0
        for i in fundFree.indices { total += fundFree[i] * btcPerFundShare(i) }
        for i in loanCollateral.indices {
            if let index = loanFundIndex[i] { total += loanCollateral[i] * btcPerFundShare(index) }
        }
        fundBTCTotal = total
    }

    @inline(__always) var btcHeld: Double { directBTC + fundBTC }
    @inline(__always) var nav: Double { btcHeld * price }
    @inline(__always) var debt: Double { debtTotal }
    @inline(__always) var preferred: Double { preferredTotal }

    mutating func setNotePrincipal(_ i: Int, _ value: Double) {
        debtTotal += value - notePrincipal[i]
        notePrincipal[i] = value
        notionalsChanged(.convertibleNote(i))
        // A note repaid, converted or called releases its collateral (before any waterfall that
        // pays it, which may then sell that BTC).
        if value <= 0 && noteCollateral[i] > 0 {
            btcFree += noteCollateral[i]
            noteCollateral[i] = 0
            noteCallDeadline[i] = nil
        }
    }

    mutating func setLoanPrincipal(_ i: Int, _ value: Double) {
        debtTotal += value - loanPrincipal[i]
        loanPrincipal[i] = value
        notionalsChanged(.btcLoan(i))
    }

    /// Forgets what was worked out from `slot`'s amounts (its notional, principal, spread or roll
    /// changed).
    @inline(__always)
    mutating func notionalsChanged(_ slot: InstrumentSlot) {
        notionalAheadValid = false
        fixedChargesValid = false
        prefundAmountChanged(slot)
    }

    /// Marks `slot` as changed from the as-of amounts the prefunding target was summed from
    /// (`changedInstruments`).
    @inline(__always)
    mutating func prefundAmountChanged(_ slot: InstrumentSlot) {
        changedInstruments |= TreasurySimulator.instrumentBit(sim.order.index(slot))
    }

    /// A preferred's unpaid cumulative dividends, USD (the next dividend adds them).
    @inline(__always)
    mutating func setPrefArrears(_ i: Int, _ value: Double) {
        prefArrears[i] = value
        if value != 0 { prefundAmountChanged(.preferred(i)) }
    }

    mutating func setPrefNotional(_ i: Int, _ value: Double) {
        preferredTotal += value - prefNotional[i]
        prefNotional[i] = value
        notionalsChanged(.preferred(i))
    }
    @inline(__always) var liquidity: Double { cash + reserve + prefunded }

    @inline(__always) var marketsOpen: Bool { !(conditions.marketsClosed?.contains(day) ?? false) }

    @inline(__always) func collateralValue(_ i: Int) -> Double {
        if let f = loanFundIndex[i] { return loanCollateral[i] * fundSharePrice(f) }
        return loanCollateral[i] * price
    }

    @inline(__always) func ltv(_ i: Int) -> Double {
        guard loanPrincipal[i] > 0 else { return 0 }
        let value = collateralValue(i)
        return value > 0 ? loanPrincipal[i] / value : .infinity
    }

    /// Highest LTV among outstanding loans (0 when none).
    @inline(__always) var maxLTV: Double {
        var worst = 0.0
        for i in loanPrincipal.indices where loanPrincipal[i] > 0 { worst = max(worst, ltv(i)) }
        return worst
    }

    /// Notional outstanding of one instrument, USD.
    @inline(__always)
    func notional(_ k: InstrumentIndex) -> Double {
        switch sim.order.slot(k) {
        case .convertibleNote(let i): return notePrincipal[i]
        case .btcLoan(let i): return loanPrincipal[i]
        case .preferred(let i): return prefNotional[i]
        }
    }

    /// Coverage by seniority of one instrument: BTC NAV over the notional ranking ahead of or
    /// level with it (infinite when repaid). The notional ahead is kept per instrument and
    /// recomputed only after a notional changes, not every day.
    @inline(__always)
    mutating func coverage(of i: InstrumentIndex) -> Double {
        guard notional(i) > 0 else { return .infinity }
        if !notionalAheadValid { refreshNotionalAhead() }
        let ahead = notionalAhead[i.position]
        return ahead > 0 ? nav / ahead : .infinity
    }

    /// Works out each instrument's notional outstanding ranking ahead of or level with it, USD
    /// (`notionalAhead`), each summed in instrument order.
    @inline(never)
    mutating func refreshNotionalAhead() {
        // In the path's own buffer: it is worked out again whenever a notional changes.
        notionalAhead.removeAll(keepingCapacity: true)
        // Each notional read once, by position: through `InstrumentIndex`es, the order and
        // `PerInstrument` (other modules) cost some 40 instructions for each of the n² pairs.
        let seniority = sim.seniority
        withUnsafeTemporaryAllocation(of: Double.self, capacity: seniority.count) { notionals in
            for j in seniority.indices { notionals[j] = notional(InstrumentIndex(j)) }
            for i in seniority.indices {
                var ahead = 0.0
                for j in seniority.indices where seniority[j] <= seniority[i] { ahead += notionals[j] }
                notionalAhead.append(ahead)
            }
        }
        notionalAheadValid = true
    }

    /// Coverage by seniority of every instrument.
    mutating func coverageBySeniority() -> PerInstrument<Double> {
        PerInstrument(sim.order.indices.map { coverage(of: $0) })
    }

    // MARK: - The day

    /// Simulates calendar day `day` at BTC price `price` (USD) and returns what the day sold.
    ///
    /// Days must be stepped in order from 0 to the simulator's horizon with no gaps (a step out
    /// of order is a programming error, stopped in debug builds); the price is whatever the caller decides (the exogenous path, or one that answers
    /// to earlier sales), a positive finite USD amount. Order within the day is DESIGN §3:
    /// market, equity, obligations, prefunding, loans, covenants, record.
    public mutating func step(day: Int, price: Double) -> DayFlows {
        var observer = NoDailyObserver()
        return step(day: day, price: price, observer: &observer)
    }

    /// `step(day:price:)`, showing the day's end to `observer` (Monte Carlo fan charts).
    @inline(__always)
    public mutating func step<Observer: DailyObserver>(day: Int, price: Double, observer: inout Observer) -> DayFlows {
        // Checked in debug builds; in a release build a day past the horizon stops at the first
        // schedule lookup, as an array index out of range does.
        assert((day == 0 || day == self.day + 1) && day <= sim.horizonDays,
               "SimulatedTreasury.step: day \(day) after day \(self.day) (horizon \(sim.horizonDays))")
        openDay(day, price: price)
        if day == 0 { recordStart() }
        // A treasury without loans (most companies' examples) skips their two calls a day.
        let hasLoans = !loanPrincipal.isEmpty
        if hasLoans { accrueInterest() }
        if sim.schedule.firstItem[day] != sim.schedule.firstItem[day + 1] || rolledDueToday { payScheduled() }
        if day >= sim.firstCallCountDay { checkIssuerCalls() }
        // What the treasury does not have costs no call a day (Monte Carlo steps millions of days).
        if policy.prefundDays > 0 { prefund() }
        applyPolicy()
        if hasLoans { manageLoans() }
        if !sim.securedNotes.isEmpty { manageSecuredNotes() }
        if checksCovenants { checkCovenants() }
        if tracksReporting { record() }
        assert(invariantViolations().isEmpty, "day \(day): \(invariantViolations().joined(separator: "; "))")
        if Observer.observesDays && observer.observes(day: day) { observer.observe(day: day, btcPrice: price, btcHeld: btcHeld, maxLTV: maxLTV) }
        return soldToday ? today : DayFlows(day: day, btcPrice: price)
    }

    /// Opens calendar day `day` at BTC price `price` (USD): the waiting days' soft-call counts
    /// first (quiet days' at the band they were drawn in; lean days' stay waiting for a lean day,
    /// `keepingLeanCallDays`); then the day's market and the start-of-day balance sheet the equity
    /// model prices from.
    @inline(__always)
    mutating func openDay(_ day: Int, price: Double, keepingLeanCallDays: Bool = false) {
        if quietCallDayCount > 0 && !(keepingLeanCallDays && callDaysWaitingAreSharePrices) { countQuietCallDays() }
        self.day = day
        self.price = price
        soldToday = false
        atmUsedToday = 0
        lowestPrice = min(lowestPrice, price)
        updateMarket()
    }

    /// Starts today's sales record on the day's first sale.
    @inline(__always)
    mutating func openTodaysSales() {
        guard !soldToday else { return }
        soldToday = true
        today = DayFlows(day: day, btcPrice: price)
    }

    /// The last day stepped (0 before the first step).
    public var currentDay: Int { day }
    /// BTC exposure held now (direct plus fund BTC), BTC.
    public var btcHoldings: Double { btcHeld }
    /// Cash + reserve + prefunded cash now, USD.
    public var liquidityUSD: Double { liquidity }

    mutating func updateMarket() {
        // Fund stakes' BTC per share moves every day (fees).
        if hasFundStakes { refreshFundBTC() }
        updateEquity()
    }

    /// Stake `i`'s BTC per fund share today, after fees (by index into plain numbers: a stake value
    /// carries strings, retained on every copy).
    @inline(__always) func btcPerFundShare(_ i: Int) -> Double {
        sim.fundBTCPerShare[i * (sim.horizonDays + 1) + day]
    }

    /// Stake `i`'s fund share price today, USD: its BTC at today's price with the stake's premium and,
    /// after day 0, the scenario's fund discount. Computed where read (a few times a day) rather
    /// than stored each day, which cost a copy-on-write check per stake per day.
    @inline(__always) func fundSharePrice(_ i: Int) -> Double {
        let premium = day == 0 ? 0 : -conditions.fundDiscount
        return btcPerFundShare(i) * price * (1 + sim.fundPremium[i] + premium)
    }

    /// Records the start-of-day balance sheet the equity model prices from (DESIGN §3.2).
    mutating func updateEquity() {
        dayStartNAV = nav
        dayStartClaims = debt + preferred - liquidity
        dayStartShares = shares
        equityStale = true
    }

    /// Share price and mNAV from the equity model, on the start-of-day balance sheet. Inline: the
    /// ATM reads them several times a day, and each call out of line cost about twenty
    /// instructions to find them priced already.
    @inline(__always)
    mutating func ensureEquity() {
        if equityStale { priceEquity() }
    }

    /// `ensureEquity`'s pricing, once a day, out of line for its many callers.
    @inline(never)
    mutating func priceEquity() { priceEquityInline() }

    /// `priceEquity` inline, where a day is sure to read it (a lean prefunding day,
    /// `stepPrefunding`).
    @inline(__always)
    mutating func priceEquityInline() {
        equityStale = false
        let nav = dayStartNAV, claims = dayStartClaims, shares = dayStartShares
        let shock = equityShock(onDay: day)
        if let beta = sim.equityBeta {
            equitySharePrice = sim.startSharePrice * equityScale(price / sim.startPrice, beta, day: day) * shock
            equityMNAV = Self.mnav(sharePrice: equitySharePrice, shares: shares, claims: claims, nav: nav)
        } else {
            (equitySharePrice, equityMNAV) = mnavModelEquity(nav: nav, claims: claims, shares: shares,
                                                             scale: mnavModelScale(day: day, price: price), shock: shock)
        }
    }

    /// The multiple the scenario's equity shock puts on the share price on `day` (none on day 0).
    @inline(__always)
    func equityShock(onDay day: Int) -> Double { day == 0 ? 1 : equityShockAfterAsOf }

    /// The same on every day after the as-of day.
    @inline(__always)
    var equityShockAfterAsOf: Double { 1 + conditions.equityShock }

    /// The mNAV model's scale (P / P₀)^elasticity on `day` at BTC price `price` (USD): from the map's
    /// table where it holds it (off the chain of divisions that follows, and without the division
    /// by P₀: written out of the `??`, it was done first on every day), else worked out.
    @inline(__always)
    func mnavModelScale(day: Int, price: Double) -> Double {
        equityScaleByDay?.scale(day: day, price: price) ?? equityScale(price / sim.startPrice, sim.equityElasticity, day: day)
    }

    /// The mNAV model's share price (USD) and mNAV (DESIGN §3.2) for a start-of-day balance sheet
    /// of BTC NAV `nav` and claims net of liquidity `claims` (USD) with `shares` outstanding, at
    /// scale `scale` (`mnavModelScale`) and shock multiple `shock`: the arithmetic of
    /// `priceEquityInline`, which a run of lean days (`stepLeanDays`) also does on values it holds.
    @inline(__always)
    func mnavModelEquity(nav: Double, claims: Double, shares: Double, scale: Double, shock: Double) -> (sharePrice: Double, mnav: Double) {
        let modelMNAV = min(max(sim.startMNAV * scale, sim.equityFloor), sim.equityCap)
        let marketCap = max(0, modelMNAV * nav - claims)
        let sharePrice = shares > 0 ? marketCap / shares * shock : 0
        return (sharePrice, Self.mnav(sharePrice: sharePrice, shares: shares, claims: claims, nav: nav))
    }

    /// mNAV (enterprise value over BTC NAV) at share price `sharePrice` (USD) with `shares`
    /// outstanding, claims net of liquidity `claims` and BTC NAV `nav` (USD); 0 without NAV.
    @inline(__always)
    static func mnav(sharePrice: Double, shares: Double, claims: Double, nav: Double) -> Double {
        nav > 0 ? (sharePrice * shares + claims) / nav : 0
    }

    /// `ratio`^`exponent` for `day`'s equity model, from the map's memo when there is one.
    @inline(__always)
    func equityScale(_ ratio: Double, _ exponent: Double, day: Int) -> Double {
        guard let equityScales else { return Self.power(ratio, exponent) }
        return equityScales.scale(ratio, exponent, day: day, power: Self.power)
    }

    /// x^e for the equity model: the examples' exponents without `pow` (Monte Carlo prices equity
    /// every day): x⁰ = 1 and x¹ = x exactly, and √x correctly rounded (glibc's `pow` is within
    /// 0.52 ulp, so it gives the same 1 and x, and differs from √x by an ulp on about 0.08 % of
    /// inputs).
    @inline(__always)
    static func power(_ x: Double, _ e: Double) -> Double {
        switch e {
        case 1: return x
        case 0.5: return x.squareRoot()
        case 0: return 1
        default: return pow(x, e)
        }
    }

    /// Whether `power(_:_:)` calls `pow` for the exponent `e`: every exponent but the three it
    /// works out without it.
    static func powerTakesPow(_ e: Double) -> Bool {
        switch e {
        case 1, 0.5, 0: return false
        default: return true
        }
    }

    /// Today's share price in USD.
    var sharePrice: Double {
        mutating get {
            ensureEquity()
            return equitySharePrice
        }
    }

    /// Today's mNAV (EV / BTC NAV).
    var mnav: Double {
        mutating get {
            ensureEquity()
            return equityMNAV
        }
    }

    mutating func recordStart() {
        out.btcHeldStart = btcHeld
        out.directBTCStart = directBTC
        out.sharesStart = shares
        out.liquidityStart = liquidity
        // Only the scenario report, from a run that records series, shows coverage; a Monte Carlo
        // or map path would allocate it for nothing.
        if recordSeries {
            out.coverageStart = coverageBySeniority()
            out.coverageWorst = out.coverageStart
        }
    }

    mutating func accrueInterest() {
        guard day > 0 else { return }
        if quietAccrualDays > 0 { accrueQuietDays() }
        for i in loanPrincipal.indices where loanPrincipal[i] > 0 {
            loanAccrued[i] += dailyInterest(i)
        }
    }

    /// Loan `i`'s interest for one day on its principal outstanding, USD (never negative).
    @inline(__always)
    func dailyInterest(_ i: Int) -> Double {
        let terms = sim.loanTerms[i]
        let rate = terms.rate + loanSpread[i] + (terms.floating ? conditions.rateShift : 0)
        return loanPrincipal[i] * max(0, rate) / 365
    }

    /// Adds the interest of the quiet days stepped since the last full step, one day at a time as
    /// those days would have (the same sums to the bit): nothing that sets a day's interest can
    /// change on a quiet day, and nothing reads the interest accrued before a full step.
    mutating func accrueQuietDays() {
        let days = quietAccrualDays
        quietAccrualDays = 0
        for i in loanPrincipal.indices where loanPrincipal[i] > 0 {
            let interest = dailyInterest(i)
            var accrued = loanAccrued[i]
            for _ in 0..<days { accrued += interest }
            loanAccrued[i] = accrued
        }
    }

    // MARK: - Events

    mutating func event(_ kind: SimulationEvent.Kind, _ ref: String, usd: Double = 0, btc: Double = 0,
                        shares: Double = 0, _ detail: @autoclosure () -> SimulationEvent.Detail = .none) {
        guard recordEvents else { return }
        out.events.append(SimulationEvent(day: day, kind: kind, ref: ref, amountUSD: usd, btc: btc, shares: shares,
                                          btcPrice: price, detail: detail()))
    }

    /// Records the trigger at position `slot` of `sim.triggerSlots` as fired today, unless it already has.
    mutating func fire(_ slot: Int) {
        if triggerDay[slot] < 0 {
            triggerDay[slot] = day
            triggersFired += 1
        }
    }

    /// Whether any loan's or secured note's margin call has fired.
    var marginCalled: Bool {
        sim.triggerSlots.marginCalls.contains { triggerDay[$0] >= 0 }
    }

    mutating func noteForcedSale() {
        if out.firstForcedSaleDay == nil {
            out.firstForcedSale = (day, price)
            fire(sim.triggerSlots.forcedSale)
        }
    }

    mutating func missed(_ ref: String, _ amount: Double, _ what: MissedObligation) {
        out.unpaidUSD += amount
        event(.missedPayment, ref, usd: amount, .missed(what))
        if out.firstDefaultDay == nil {
            out.firstDefaultDay = day
            fire(sim.triggerSlots.defaultEvent)
        }
        crossDefault(from: ref)
    }
}
