public import TreasuryModel
public import StressResults
import Foundation

/// The daily simulator of DESIGN §3: one BTC price path in, one `ScenarioOutcome` out.
///
/// Each day, in order: market (BTC price, fund BTC per share), equity (mNAV and share price),
/// obligations due (coupons, interest, dividends, puts, maturities, operating flows) paid through
/// the funding waterfall, prefunding from the ATM, secured loans (margin calls, cures,
/// liquidations), covenants (breaches, accelerations, cross-default), then the record.
///
/// The simulator is built once per treasury and horizon and never changes after; `run` does not
/// allocate per day unless events or series are recorded, so Monte Carlo can call it for every
/// path. It is a class so that a path holds it by one reference: as a value, every path copied
/// its thirty-odd arrays (and the treasury's), a retain and a release each, on counters all the
/// threads share.
public final class TreasurySimulator: Sendable {
    /// The treasury simulated.
    public let treasury: Treasury
    /// Days simulated after the as-of date.
    public let horizonDays: Int
    /// Known payment dates within the horizon.
    public let schedule: PaymentSchedule
    /// BTC price at the as-of date, USD.
    let startPrice: Double
    /// Share price at the as-of date, USD.
    let startSharePrice: Double
    /// mNAV implied by the input share price at the as-of date.
    public let startMNAV: Double
    /// How many instruments of each kind: the map from `InstrumentIndex` to notes, loans, preferreds.
    let order: InstrumentOrder
    /// Seniority rank per instrument in instrument order (notes, loans, preferreds), for coverage:
    /// a plain array, read in a double loop whenever a notional changes.
    let seniority: [Int]
    /// The equity model as plain numbers: (elasticity, floor, cap) or a beta (NaN elasticity).
    let equityElasticity: Double
    let equityFloor: Double
    let equityCap: Double
    let equityBeta: Double?
    /// The mNAV model's multiple with its kinks (nil under a beta model), and the BTC price below
    /// which it keeps the ATM shut (its minimum lowered by a millionth; 0 at no price, +∞ at every
    /// price, nil where it cannot be given or without an ATM): the quiet band's edges that move
    /// with no balance sheet.
    let mnavCurve: MNAVCurve?
    let atmShutBelowPrice: Double?
    /// Loan terms as plain numbers, so the daily loop copies no strings.
    let loanTerms: [LoanTerms]
    /// Covenant terms as plain numbers.
    let covenantTerms: [CovenantTerms]
    /// Convertible and preferred terms as plain values.
    let noteTerms: [NoteTerms]
    let preferredTerms: [PreferredTerms]
    /// Every trigger a path can fire and where a path keeps its first day, built once.
    let triggerSlots: TriggerSlots
    /// The treasury's own price impact; nil when its sales do not move the price.
    let impact: ImpactTerms?
    /// Secured notes, by index into the treasury's notes.
    let securedNotes: [Int]
    /// Each note's collateral terms (nil when unsecured), read daily without copying the note.
    let noteSecurity: [NoteSecurity?]
    /// Whether each day 0…horizon is a trading day for the soft-call count (built only for callable notes).
    let tradingDays: [Bool]
    /// The soft calls as the daily loop reads them (in note order), and the first day any of
    /// them counts (earlier days cannot reach a call's window).
    let callTerms: [CallTerms]
    let firstCallCountDay: Int
    /// The calls (by position in `callTerms`) in the order they start counting, and from the lowest
    /// trigger to the highest.
    let callStartOrder: [Int]
    let callsByThreshold: [Int]

    /// The day the call at `position` in `callStartOrder` starts counting; `Int.max` past the last.
    @inline(__always)
    func callStartDay(at position: Int) -> Int {
        position < callStartOrder.count ? callTerms[callStartOrder[position]].firstCountedDay : Int.max
    }
    /// The length of all the calls' rings together (each its window's trading days).
    let callFlagCount: Int
    /// Which standing policies are on (read every day, so kept as flags: testing the optional
    /// rules themselves would copy them, strings and all, on every step).
    let hasReserveFloor: Bool
    let accumulates: Bool
    let buysBack: Bool
    /// BTC per fund share on each day 0…horizon after fee accrual, stake-major (`stake · (horizon + 1)
    /// + day`): an `exp` and a `log1p` a stake a day, computed once instead of on every path.
    let fundBTCPerShare: [Double]
    /// Each stake's premium (+) or discount (−) to its BTC value.
    let fundPremium: [Double]
    /// Whether each covenant only reports (no acceleration): once it is in breach, a run that keeps
    /// no events learns nothing more from it (its trigger keeps its first day).
    let covenantReportsOnly: [Bool]
    /// Which notes and loans the policy may roll at a put or maturity (all false without `<refinance>`).
    let rollableNotes: [Bool]
    let rollableLoans: [Bool]
    /// Which payments the reserve may fund, by use (a set would hash on every payment).
    let reserveUses: (interest: Bool, dividends: Bool, principal: Bool, operating: Bool)
    /// Each day's prefunding target at the as-of notionals (NaN where the path decides it; empty
    /// without prefunding): the sum Monte Carlo would otherwise redo on every path-day
    /// (`prefundBaseTargets`).
    let prefundBaseTarget: [Double]
    /// Each day's instruments due within its prefunding window (`instrumentBit`), where the day
    /// has a target in `prefundBaseTarget`: a path that changed none of them keeps that target.
    let prefundWindowInstruments: [UInt64]
    /// What the calendar alone says of each day 0…horizon for a Monte Carlo path
    /// (`SimulatedTreasury.quietBand`): whether it may have nothing to do (not the as-of day or the
    /// last, no payment due, no standing policy that acts every day), whether soft calls count on
    /// it and whether it lies in a prefunding window.
    let quietCalendar: [QuietDay]
    /// The calendar and the as-of prefunding targets as a lean run reads them day by day
    /// (`LeanDays`): days 0…horizon, read without a bounds check.
    let leanDays: LeanDays
    /// Each fund stake's lowest and highest BTC per fund share over the horizon.
    let fundBTCPerShareRange: [(low: Double, high: Double)]
    /// A path's balance sheet at the as-of date, worked out once: each path copies its numbers.
    let pathStart: PathStart

    /// Prepares a simulator for `treasury` over `horizonDays` days.
    public convenience init(treasury: Treasury, horizonDays: Int) {
        guard treasury.policy.prefundDays > 0 else {
            self.init(treasury: treasury, horizonDays: horizonDays, prefundBase: ([], []))
            return
        }
        // The targets are summed by a path of a simulator without them (which then reads none).
        let base = SimulatedTreasury(simulator: TreasurySimulator(treasury: treasury, horizonDays: horizonDays, prefundBase: ([], [])),
                                     recordEvents: false, recordSeries: false).prefundBaseTargets()
        self.init(treasury: treasury, horizonDays: horizonDays, prefundBase: base)
    }

    private init(treasury: Treasury, horizonDays: Int, prefundBase: (targets: [Double], instruments: [UInt64])) {
        self.prefundBaseTarget = prefundBase.targets
        self.prefundWindowInstruments = prefundBase.instruments
        self.treasury = treasury
        self.horizonDays = horizonDays
        self.schedule = PaymentSchedule(treasury: treasury, horizonDays: horizonDays)
        self.startPrice = treasury.market.btcPrice
        self.startSharePrice = treasury.equity.sharePrice
        let nav = TreasurySimulator.startNAV(treasury)
        let cash = treasury.holdings.cashUSD + treasury.holdings.reserve.usd
        let ev = treasury.equity.sharePrice * treasury.equity.sharesOutstanding + treasury.debtUSD + treasury.preferredUSD - cash
        self.startMNAV = nav > 0 ? ev / nav : 0
        self.order = treasury.instrumentOrder
        self.seniority = treasury.convertibleNotes.map(\.seniority) + treasury.loans.map(\.seniority)
            + treasury.preferreds.map(\.seniority)
        switch treasury.equity.model {
        case .mnav(let elasticity, let floor, let cap):
            (equityElasticity, equityFloor, equityCap, equityBeta) = (elasticity, floor, cap, nil)
        case .beta(let beta):
            (equityElasticity, equityFloor, equityCap, equityBeta) = (0, 0, 0, beta)
        }
        self.loanTerms = treasury.loans.map(LoanTerms.init)
        self.noteTerms = treasury.convertibleNotes.map(NoteTerms.init)
        self.preferredTerms = treasury.preferreds.map(PreferredTerms.init)
        let uses = treasury.holdings.reserve.uses
        self.reserveUses = (uses.contains(.interest), uses.contains(.dividends), uses.contains(.principal), uses.contains(.operating))
        self.covenantTerms = treasury.covenants.map { covenant in
            let subject: CovenantTerms.Subject
            if covenant.metric == .ltv, let loan = treasury.loans.firstIndex(where: { $0.id == covenant.subject }) {
                subject = .loan(loan)
            } else if let id = covenant.subject, let index = treasury.instrumentIndex(id: id) {
                subject = .instrument(index)
            } else {
                subject = .none
            }
            return CovenantTerms(metric: covenant.metric, subject: subject,
                                 minimum: covenant.minimum ?? -.infinity, maximum: covenant.maximum ?? .infinity)
        }
        let curve: MNAVCurve? = equityBeta == nil
            ? MNAVCurve(m0: startMNAV, elasticity: equityElasticity, floor: equityFloor, cap: equityCap) : nil
        self.mnavCurve = curve
        let startPrice = startPrice
        self.atmShutBelowPrice = treasury.equity.atm.flatMap { atm in
            curve.flatMap { curve in
                let u = curve.u(belowWhichUnder: atm.minMNAV * (1 - 1e-6))
                return u.isNaN ? nil : startPrice * u
            }
        }
        self.impact = treasury.market.priceImpact.map { ImpactTerms($0, volumeUSD: treasury.market.btcDailyVolumeUSD) }
        let noteSecurity = treasury.convertibleNotes.map(\.security)
        self.noteSecurity = noteSecurity
        let securedNotes = noteSecurity.indices.filter { noteSecurity[$0] != nil }
        self.securedNotes = securedNotes
        self.triggerSlots = TriggerSlots(loans: treasury.loans.map(\.id), notes: treasury.convertibleNotes.map(\.id),
                                         securedNotes: securedNotes, covenants: treasury.covenants.map(\.id))
        var offset = 0
        var terms: [CallTerms] = []
        for (i, note) in treasury.convertibleNotes.enumerated() {
            guard let call = note.issuerCall else { continue }
            let fromDay = treasury.asOf.days(until: call.from)
            terms.append(CallTerms(note: i, threshold: call.triggerRatio * treasury.convertibleNotes[i].conversionPrice,
                                   fromDay: fromDay, firstCountedDay: fromDay - call.windowDays * 7 / 5 - 7,
                                   requiredDays: call.requiredDays, windowDays: call.windowDays, flagOffset: offset))
            offset += call.windowDays
        }
        self.callTerms = terms
        self.callFlagCount = offset
        self.callStartOrder = terms.indices.sorted { (terms[$0].firstCountedDay, $0) < (terms[$1].firstCountedDay, $1) }
        self.callsByThreshold = terms.indices.sorted { (terms[$0].threshold, $0) < (terms[$1].threshold, $1) }
        self.tradingDays = terms.isEmpty ? [] : (0...max(0, horizonDays)).map { treasury.asOf.adding(days: $0).isWeekday }
        self.firstCallCountDay = terms.map(\.firstCountedDay).min() ?? Int.max
        self.fundBTCPerShare = treasury.holdings.fundStakes.flatMap { stake in
            (0...max(0, horizonDays)).map { stake.btcPerShare(afterDays: $0) }
        }
        self.fundPremium = treasury.holdings.fundStakes.map(\.premium)
        self.covenantReportsOnly = treasury.covenants.map { $0.consequence == .report }
        hasReserveFloor = treasury.policy.reserveFloorMonths != nil
        accumulates = treasury.policy.accumulate != nil
        buysBack = treasury.policy.buyback != nil
        let refinance = treasury.policy.refinance
        self.rollableNotes = treasury.convertibleNotes.map { refinance?.covers($0.id) ?? false }
        self.rollableLoans = treasury.loans.map { refinance?.covers($0.id) ?? false }
        pathStart = PathStart(treasury)
        let days = max(0, horizonDays) + 1
        fundBTCPerShareRange = (0..<treasury.holdings.fundStakes.count).map { [fundBTCPerShare] stake in
            let perDay = fundBTCPerShare[(stake * days)..<((stake + 1) * days)]
            return (perDay.min() ?? 0, perDay.max() ?? 0)
        }
        quietCalendar = TreasurySimulator.quietDays(
            horizonDays: horizonDays, schedule: schedule, prefundDays: treasury.policy.prefundDays,
            firstCallCountDay: firstCallCountDay, tradingDays: tradingDays,
            actsDaily: accumulates || buysBack || impact != nil)
        leanDays = LeanDays(calendar: quietCalendar, targets: prefundBaseTarget, instruments: prefundWindowInstruments,
                            horizonDays: horizonDays)
    }

    /// `quietCalendar`: every day busy where the treasury acts daily whatever the price (it buys
    /// BTC or shares back while mNAV allows, or its sales move the price).
    private static func quietDays(horizonDays: Int, schedule: PaymentSchedule, prefundDays: Int, firstCallCountDay: Int,
                                  tradingDays: [Bool], actsDaily: Bool) -> [QuietDay] {
        guard horizonDays > 1, !actsDaily else { return Array(repeating: .busy, count: max(0, horizonDays) + 1) }
        return (0...horizonDays).map { day in
            guard day > 0, day < horizonDays else { return .busy }
            if schedule.firstItem[day] != schedule.firstItem[day + 1] { return .busy }
            let prefunds = prefundDays > 0
                && schedule.firstItem[day + 1] != schedule.firstItem[min(horizonDays, day + prefundDays) + 1]
            let counts = day >= firstCallCountDay && tradingDays.indices.contains(day) && tradingDays[day]
            switch (prefunds, counts) {
            case (false, false): return .quiet
            case (false, true): return .countingCalls
            case (true, false): return .prefunding
            case (true, true): return .prefundingAndCountingCalls
            }
        }
    }

    /// Whether the USD reserve may fund a payment of this use.
    @inline(__always)
    func reserveCovers(_ use: ObligationKind.Use) -> Bool {
        switch use {
        case .interest: return reserveUses.interest
        case .dividends: return reserveUses.dividends
        case .principal: return reserveUses.principal
        case .operating: return reserveUses.operating
        }
    }

    /// Instrument `index`'s bit in a set of instruments (`SimulatedTreasury.changedInstruments`):
    /// its position in the instrument order, the 64th and later sharing the last bit (a change to
    /// one of them counts as a change to all, which costs speed, never the answer).
    @inline(__always)
    static func instrumentBit(_ index: InstrumentIndex) -> UInt64 {
        1 << UInt64(min(max(index.position, 0), 63))
    }

    /// BTC NAV at the as-of date in USD: (BTC + fund BTC) · price.
    static func startNAV(_ treasury: Treasury) -> Double {
        let fundBTC = treasury.holdings.fundStakes.reduce(0) { $0 + $1.shares * $1.btcPerShare }
        return (treasury.holdings.bitcoinUnits + fundBTC) * treasury.market.btcPrice
    }

    /// Every trigger this treasury can fire, in ladder order.
    public var possibleTriggers: [Trigger] { triggerSlots.all }

    /// Simulates days 0…horizon along `prices` under `conditions`: a loop of `SimulatedTreasury.step`.
    ///
    /// - Parameters:
    ///   - prices: the BTC price source (a precomputed path or an impact model).
    ///   - conditions: equity shock, fund discount, rate shift, closed markets.
    ///   - recordEvents: keep the event log (off for Monte Carlo and reverse stress).
    ///   - recordSeries: keep the daily states (for charts).
    public func run(
        prices: some BTCPriceSource, conditions: ScenarioConditions = .calm,
        recordEvents: Bool = true, recordSeries: Bool = true
    ) -> ScenarioOutcome {
        var observer = NoDailyObserver()
        return run(prices: prices, conditions: conditions, observer: &observer,
                   recordEvents: recordEvents, recordSeries: recordSeries)
    }

    /// Simulates days 0…horizon, reporting each day's end state to `observer` (Monte Carlo fans).
    public func run<Observer: DailyObserver, Source: BTCPriceSource>(
        prices: Source, conditions: ScenarioConditions = .calm, observer: inout Observer,
        recordEvents: Bool, recordSeries: Bool
    ) -> ScenarioOutcome {
        run(prices: prices, conditions: conditions, observer: &observer, recordEvents: recordEvents,
            recordSeries: recordSeries, balanceSheetOnly: false, stopWhen: nil)
    }

    /// `run`, ending after the first day on which `stopWhen` holds for the path so far (nil: the
    /// whole horizon); the days after it are not simulated, so the outcome covers only those before.
    /// It is asked only after a day on which some trigger first fires: a condition on triggers (the
    /// first forced sale, missed payment, margin call…) can turn true on no other day, and the
    /// path is not handed over on every day of every path. With `balanceSheetOnly`, only what can
    /// move the balance sheet is simulated: covenants that only report are not tested and the
    /// liquidity low is not kept (a run that asks only whether sales, missed payments and margin
    /// calls happen needs neither).
    func run<Observer: DailyObserver, Source: BTCPriceSource>(
        prices: Source, conditions: ScenarioConditions = .calm, observer: inout Observer,
        recordEvents: Bool, recordSeries: Bool, balanceSheetOnly: Bool,
        stopWhen: ((borrowing SimulatedTreasury) -> Bool)?
    ) -> ScenarioOutcome {
        var simulation = SimulatedTreasury(simulator: self, conditions: conditions,
                                           recordEvents: recordEvents, recordSeries: recordSeries)
        if balanceSheetOnly { simulation.trackOnlyTheBalanceSheet() }
        drive(&simulation, prices: prices, observer: &observer, stopWhen: stopWhen)
        return simulation.finish()
    }

    /// One Monte Carlo path along `prices` (calm conditions, no events or series kept), as `run`
    /// steps it, in a state whose arrays come from `buffers`: the state after its last day, not yet
    /// finished. The caller reads what it needs (`finishWithoutTriggerDays`, `triggerDay`) and
    /// hands the arrays back (`giveBuffers(to:)`), so a worker allocates none per path.
    func runPath<Observer: DailyObserver, Source: BTCPriceSource>(
        prices: Source, observer: inout Observer, buffers: inout PathBuffers, balanceSheetOnly: Bool = false,
        stopWhen: ((borrowing SimulatedTreasury) -> Bool)? = nil
    ) -> SimulatedTreasury {
        var simulation = SimulatedTreasury(simulator: self, conditions: .calm, recordEvents: false, recordSeries: false,
                                           buffers: &buffers)
        if balanceSheetOnly { simulation.trackOnlyTheBalanceSheet() }
        drive(&simulation, prices: prices, observer: &observer, stopWhen: stopWhen)
        return simulation
    }

    /// Steps `simulation` through days 0…horizon along `prices` (see `run`).
    @inline(__always)
    func drive<Observer: DailyObserver, Source: BTCPriceSource>(
        _ simulation: inout SimulatedTreasury, prices: Source, observer: inout Observer,
        stopWhen: ((borrowing SimulatedTreasury) -> Bool)?
    ) {
        // A treasury with price impact moves an exogenous path with its own sales (a source that
        // already answers to sales, the systemic run's, carries everyone's impact itself).
        if let impact, !Source.answersToSales {
            loop(&simulation, prices: ImpactedPrices(exogenous: prices, terms: impact, conditions: simulation.conditions),
                 observer: &observer, stopWhen: stopWhen)
        } else {
            loop(&simulation, prices: prices, observer: &observer, stopWhen: stopWhen)
        }
    }

    @inline(__always)
    func loop<Observer: DailyObserver, Source: BTCPriceSource>(
        _ simulation: inout SimulatedTreasury, prices: Source, observer: inout Observer,
        stopWhen: ((borrowing SimulatedTreasury) -> Bool)?
    ) {
        if Source.walksLogPrice && !Source.answersToSales && !simulation.recordEvents && !simulation.recordSeries {
            loopSkippingQuietDays(simulation: &simulation, prices: prices, observer: &observer, stopWhen: stopWhen)
            return
        }
        let recordSeries = simulation.recordSeries
        var source = prices
        var previous: DayFlows?
        var triggersSeen = 0
        for day in 0...horizonDays {
            let price = source.price(onDay: day, after: previous)
            if recordSeries { simulation.exogenousPrice = source.exogenousToday }
            let flows = simulation.step(day: day, price: price, observer: &observer)
            if Source.answersToSales { previous = flows }
            if let stopWhen, simulation.triggersFired != triggersSeen {
                triggersSeen = simulation.triggersFired
                if stopWhen(simulation) { break }
            }
        }
    }

    /// `loop` for a Monte Carlo path (a log walk, no events or series kept): a day the calendar
    /// leaves quiet whose log price lies inside the band the balance sheet allows after the last
    /// day that changed it (`SimulatedTreasury.quietBand`) is stepped without its price or its
    /// `exp` (`stepQuietly`), or, on a day the observer records, with its price alone; the outcome
    /// and what the observer sees are the full loop's, to the bit.
    ///
    /// A quiet day at or near the lowest log price so far is priced too, for the outcome's lowest
    /// price (`exp` rises with its argument, so a day more than a billionth above the lowest log
    /// price is not the lowest price). A day on which soft calls count is quiet too when its log
    /// price says on which side of each call's trigger the share price lies and no call is made
    /// (`countCallsQuietly`); stepped in full, it may have made one, so the band is drawn again. A
    /// day in a prefunding window is quiet below the band's `prefundHigh`, where the ATM is shut;
    /// elsewhere in the band, a band drawn `lean` lets it prefund without the rest of a full step
    /// (`SimulatedTreasury.stepPrefunding`), after which only such days use the band.
    @inline(__always)
    func loopSkippingQuietDays<Observer: DailyObserver, Source: BTCPriceSource>(
        simulation: inout SimulatedTreasury, prices: Source, observer: inout Observer,
        stopWhen: ((borrowing SimulatedTreasury) -> Bool)?
    ) {
        var loop = QuietLoop(source: prices)
        for day in 0...horizonDays {
            guard stepSkippingQuietDays(day, &loop, &simulation, &observer, stopWhen: stopWhen) else { break }
        }
    }

    /// `loopSkippingQuietDays`'s day `day` for one path, or nothing for a day a lean run stepped
    /// (`SimulatedTreasury.stepLeanDays`, up to the loop's `leanRunEnd`); false once `stopWhen`
    /// holds (the path's later days are not stepped).
    @inline(__always)
    func stepSkippingQuietDays<Observer: DailyObserver, Source: BTCPriceSource>(
        _ day: Int, _ loop: inout QuietLoop<Source>, _ simulation: inout SimulatedTreasury, _ observer: inout Observer,
        stopWhen: ((borrowing SimulatedTreasury) -> Bool)?
    ) -> Bool {
        let logReturn = loop.source.logReturn(onDay: day)
        let calendar = quietCalendar[day]
        let band = loop.band
        let inBand = calendar != .busy && logReturn > band.low
            && logReturn < (calendar.prefunds ? band.prefundHigh : band.high)
        if inBand && (!calendar.countsCalls || simulation.countCallsQuietly(day: day, logReturn: logReturn)) {
            // A fan day, or one that may be the lowest so far, needs the price, not the rest of the step.
            let atLow = logReturn <= loop.aboveLowest
            if atLow || (Observer.observesDays && observer.observes(day: day)) {
                let price = loop.source.price(onDay: day, atLogReturn: logReturn)
                if atLow {
                    simulation.noteLowestPrice(price)
                    loop.aboveLowest = min(loop.aboveLowest, logReturn + SimulatedTreasury.quietMargin)
                }
                if Observer.observesDays && observer.observes(day: day) {
                    simulation.stepQuietly(day: day, showing: price, to: &observer)
                    return true
                }
            }
            simulation.stepQuietly(day: day)
            return true
        }
        // A day a lean run stepped is never in the band: the run emptied it for such days.
        guard day >= loop.leanRunEnd else { return true }
        loop.aboveLowest = min(loop.aboveLowest, logReturn + SimulatedTreasury.quietMargin)
        let price = loop.source.price(onDay: day, atLogReturn: logReturn)
        // Below the band but above its loans' calls: at most a new peak LTV. (The band's top is
        // written out as in `inBand`: held in one constant for both, the loop ran 1 % more
        // instructions on every example.)
        if logReturn <= band.low && calendar != .busy && logReturn > simulation.quietPeakLow
            && logReturn < (calendar.prefunds ? band.prefundHigh : band.high)
            && (!calendar.countsCalls || simulation.countCallsQuietly(day: day, logReturn: logReturn)) {
            simulation.noteLowestPrice(price)
            loop.band.low = simulation.stepAtLTVPeak(day: day, price: price, observer: &observer)
            return true
        }
        // A lean run (the day a soft call would be made on, where one ended, is stepped in full).
        if calendar.prefunds && logReturn > band.low && logReturn < band.leanHigh && day != loop.leanRunCallDay {
            let run = simulation.stepLeanDays(from: day, calendar: calendar, price: price, low: band.low, leanHigh: band.leanHigh,
                                              prices: loop.source, aboveLowest: loop.aboveLowest, observer: &observer)
            loop.aboveLowest = run.aboveLowest
            if run.next > day {
                // The ATM may have raised cash and shares: the band still holds for lean days (it
                // was drawn to), but not for quiet ones until it is drawn again.
                (loop.band.high, loop.band.prefundHigh) = (-.infinity, -.infinity)
                loop.leanRunEnd = run.next
                if run.callMade { loop.leanRunCallDay = run.next }
                return true
            }
        }
        _ = simulation.step(day: day, price: price, observer: &observer)
        if let stopWhen, simulation.triggersFired != loop.triggersSeen {
            loop.triggersSeen = simulation.triggersFired
            if stopWhen(simulation) { return false }
        }
        // A soft call counted in full may have been made: the band is drawn again.
        if !inBand || calendar.countsCalls {
            loop.band = day < horizonDays && quietCalendar[day + 1] != .busy ? simulation.quietBand() : .empty
        }
        return true
    }

    /// Whether a forced sale, a missed payment and a margin call (any loan's or secured note's)
    /// happen within the horizon along `prices`: the probability map's question. The run stops on
    /// the day all three are known (those this treasury cannot have count as known), since later
    /// days cannot change the answer.
    func firstEvents(prices: some BTCPriceSource) -> (forcedSale: Bool, missedPayment: Bool, marginCall: Bool) {
        var buffers = PathBuffers()
        return firstEvents(prices: prices, buffers: &buffers)
    }

    /// `firstEvents(prices:)`, the path's state in arrays lent by `buffers` (`runPath`).
    func firstEvents(prices: some BTCPriceSource, buffers: inout PathBuffers)
        -> (forcedSale: Bool, missedPayment: Bool, marginCall: Bool) {
        let callPossible = !triggerSlots.marginCalls.isEmpty
        var observer = NoDailyObserver()
        // A covenant that only reports, or the liquidity low, cannot change any of the three.
        var path = runPath(prices: prices, observer: &observer, buffers: &buffers, balanceSheetOnly: true) { path in
            path.out.firstForcedSaleDay != nil && path.out.firstDefaultDay != nil && (!callPossible || path.marginCalled)
        }
        let answer = (path.out.firstForcedSaleDay != nil, path.out.firstDefaultDay != nil, path.marginCalled)
        path.giveBuffers(to: &buffers)
        return answer
    }

    /// Simulates a precomputed path.
    public func run(path: PricePath, conditions: ScenarioConditions = .calm,
                    recordEvents: Bool = true, recordSeries: Bool = true) -> ScenarioOutcome {
        run(prices: path, conditions: conditions, recordEvents: recordEvents, recordSeries: recordSeries)
    }
}

/// Sees the end of every simulated day (for Monte Carlo fan charts).
public protocol DailyObserver {
    /// False for an observer that ignores days, so the simulator skips the call and its inputs.
    static var observesDays: Bool { get }
    /// Whether `day` is one the observer records (the others skip computing its inputs).
    func observes(day: Int) -> Bool
    /// The day's BTC price (USD), BTC exposure held (BTC) and highest loan LTV.
    mutating func observe(day: Int, btcPrice: Double, btcHeld: Double, maxLTV: Double)
}

/// An observer that watches nothing.
public struct NoDailyObserver: DailyObserver {
    public static var observesDays: Bool { false }
    /// Creates the observer.
    public init() {}
    /// Never: no day is recorded.
    public func observes(day: Int) -> Bool { false }
    /// Does nothing.
    public func observe(day: Int, btcPrice: Double, btcHeld: Double, maxLTV: Double) {}
}

/// What the calendar alone says of a Monte Carlo day (`TreasurySimulator.quietCalendar`): a set
/// of bits (1 not busy, 2 soft calls count, 4 prefunding), read every day. A struct rather than
/// an enum with these raw values, whose cases are stored as their positions: reading a bit then
/// went through a jump table on every day of every path.
struct QuietDay: Equatable, Sendable {
    /// The bits.
    let bits: UInt8

    /// Something is due or done whatever the price: the day is stepped in full.
    @inline(__always) static var busy: QuietDay { QuietDay(bits: 0) }
    /// Nothing happens unless the price leaves the quiet band.
    @inline(__always) static var quiet: QuietDay { QuietDay(bits: 1) }
    /// As quiet, but soft calls count the day (`SimulatedTreasury.countCallsQuietly`).
    @inline(__always) static var countingCalls: QuietDay { QuietDay(bits: 3) }
    /// As quiet, but a payment falls due within the prefunding window: the ATM raises cash for it
    /// unless the price keeps it shut (the band's `prefundHigh`).
    @inline(__always) static var prefunding: QuietDay { QuietDay(bits: 5) }
    /// Both of the last two.
    @inline(__always) static var prefundingAndCountingCalls: QuietDay { QuietDay(bits: 7) }

    /// Whether soft calls count the day.
    @inline(__always) var countsCalls: Bool { bits & 2 != 0 }
    /// Whether the day lies in a prefunding window.
    @inline(__always) var prefunds: Bool { bits & 4 != 0 }
}

/// A soft call's terms as the daily loop reads them.
struct CallTerms: Sendable {
    /// The note, by index into the treasury's notes.
    let note: Int
    /// The share price that qualifies a day: the trigger multiple × the conversion price, USD.
    let threshold: Double
    /// The first callable day, and the first day that can count towards it (a day more than a
    /// window's trading days before it drops out of the ring before it matters).
    let fromDay: Int
    let firstCountedDay: Int
    let requiredDays: Int
    let windowDays: Int
    /// Where this call's ring starts in the flat ring of all calls.
    let flagOffset: Int
}

/// A loan's terms as the daily loop reads them.
struct LoanTerms: Sendable {
    let rate: Double
    let floating: Bool
    let marginCallLTV: Double
    let liquidationLTV: Double
    let targetLTV: Double
    let cureDays: Int

    init(_ loan: BTCLoan) {
        rate = loan.rate
        floating = loan.floating
        marginCallLTV = loan.marginCallLTV
        liquidationLTV = loan.liquidationLTV
        targetLTV = loan.targetLTV
        cureDays = loan.cureDays
    }
}

/// A covenant's test as the daily loop reads it.
struct CovenantTerms: Sendable {
    /// What a covenant measures, when it measures one instrument.
    enum Subject: Sendable {
        /// An `ltv` covenant's loan, by position in `Treasury.loans`.
        case loan(Int)
        /// A `coverage` covenant's instrument.
        case instrument(InstrumentIndex)
        /// Company-wide metrics.
        case none
    }

    let metric: CovenantMetric
    let subject: Subject
    let minimum: Double
    let maximum: Double

    @inline(__always)
    func isBreached(by value: Double) -> Bool { value < minimum || value > maximum }
}

/// A convertible's terms as the daily loop reads them.
struct NoteTerms: Sendable {
    let coupon: Double
    let couponsPerYear: Int
    let conversionPrice: Double
    let election: SettlementElection
    let repayment: RepaymentForm

    init(_ note: ConvertibleNote) {
        coupon = note.coupon
        couponsPerYear = note.couponsPerYear
        conversionPrice = note.conversionPrice
        election = note.election
        repayment = note.repayment
    }

    /// Coupon on `principal` for one period, USD.
    func couponAmount(on principal: Double) -> Double {
        couponsPerYear > 0 ? principal * coupon / Double(couponsPerYear) : 0
    }
}

/// A preferred series' terms as the daily loop reads them.
struct PreferredTerms: Sendable {
    let rate: Double
    let paymentsPerYear: Int
    /// Whether a dividend may be paid in shares, and whether an unpaid one accrues.
    let stockable: Bool
    let cumulative: Bool

    init(_ series: PreferredStock) {
        rate = series.rate
        paymentsPerYear = series.paymentsPerYear
        stockable = series.payableIn == .cashOrStock
        cumulative = series.cumulative
    }

    /// One regular dividend on `notional`, USD.
    func dividend(on notional: Double) -> Double { notional * rate / Double(paymentsPerYear) }
}

/// A path's balance sheet at the as-of date as plain numbers (`SimulatedTreasury.init` copies
/// them): building it from the treasury on every path copied its notes, loans and stakes, strings
/// and all, a retain and a release each on counters every thread shares.
struct PathStart: Sendable {
    /// BTC not pledged to any loan or note; free cash and the USD reserve (USD); shares; ATM
    /// capacity left (USD).
    let btcFree: Double
    let cash: Double
    let reserve: Double
    let shares: Double
    let atmRemaining: Double
    /// Debt and preferred notional outstanding (USD), and BTC held directly (free and pledged).
    let debtTotal: Double
    let preferredTotal: Double
    let directBTCTotal: Double
    /// Per stake, fund shares not pledged.
    let fundFree: [Double]
    /// Per note, principal (USD) and BTC pledged to it.
    let notePrincipal: [Double]
    let noteCollateral: [Double]
    /// Per loan, principal (USD), collateral (BTC or fund shares) and its stake (nil for BTC).
    let loanPrincipal: [Double]
    let loanCollateral: [Double]
    let loanFundIndex: [Int?]
    /// Per preferred series, notional (USD).
    let prefNotional: [Double]

    init(_ t: Treasury) {
        let h = t.holdings
        var pledgedBTC = 0.0
        var pledgedShares = Array(repeating: 0.0, count: h.fundStakes.count)
        var fundIndex: [Int?] = []
        var collateral: [Double] = []
        for loan in t.loans {
            switch loan.collateral {
            case .bitcoin(let units):
                pledgedBTC += units
                fundIndex.append(nil)
                collateral.append(units)
            case .fundShares(let stakeID, let count):
                let index = h.fundStakes.firstIndex { $0.id == stakeID }
                if let index { pledgedShares[index] += count }
                fundIndex.append(index)
                collateral.append(index == nil ? 0 : count)
            }
        }
        noteCollateral = t.convertibleNotes.map { $0.security?.collateralBTC ?? 0 }
        pledgedBTC += noteCollateral.reduce(0, +)
        btcFree = max(0, h.bitcoinUnits - pledgedBTC)
        cash = h.cashUSD
        reserve = h.reserve.usd
        fundFree = zip(h.fundStakes, pledgedShares).map { max(0, $0.shares - $1) }
        shares = t.equity.sharesOutstanding
        atmRemaining = t.equity.atm?.capacityUSD ?? 0
        notePrincipal = t.convertibleNotes.map(\.principal)
        loanPrincipal = t.loans.map(\.principal)
        loanCollateral = collateral
        loanFundIndex = fundIndex
        prefNotional = t.preferreds.map(\.notional)
        debtTotal = t.debtUSD
        preferredTotal = t.preferredUSD
        directBTCTotal = btcFree + pledgedBTC
    }
}

extension Array {
    /// A copy in a buffer of its own: the path writes it, and sharing the simulator's would
    /// retain and release a buffer every thread shares, then copy it on the first write anyway.
    @inline(__always)
    func freshCopy() -> [Element] {
        withUnsafeBufferPointer { Array($0) }
    }
}

/// The quiet-day loop's own variables for one path (`TreasurySimulator.loopSkippingQuietDays`):
/// its prices, the band drawn after its last full step, its lowest log price so far and the
/// triggers it has fired.
struct QuietLoop<Source: BTCPriceSource> {
    var source: Source
    var band = QuietBand.empty
    /// The lowest log price so far, plus the margin that keeps the day's price above the lowest
    /// one to the bit.
    var aboveLowest = Double.infinity
    var triggersSeen = 0
    /// The day after the last a lean run stepped (`SimulatedTreasury.stepLeanDays`): the day loop
    /// passes over the days before it.
    var leanRunEnd = 0
    /// The day a lean run ended on because a soft call would be made on it (-1: none): the day
    /// loop steps it in full rather than try it leanly again.
    var leanRunCallDay = -1
}
