import Foundation
import Testing
import TreasuryModel
@testable import StressEngine
import StressResults

/// Quiet days (issue 10): a Monte Carlo path steps the days on which nothing can happen without
/// their price. The outcome and the fans must be exactly those of stepping every day in full.
@Suite struct QuietDayTests {
    /// A Monte Carlo path that hides its log walk, so the simulator steps every day in full.
    struct EveryDayInFull: BTCPriceSource {
        static var answersToSales: Bool { false }
        var path: MonteCarloPath
        mutating func price(onDay day: Int, after previousDay: DayFlows?) -> Double { path.price(onDay: day, after: nil) }
    }

    /// Records every fifth day's end state as a Monte Carlo fan would see it.
    struct EveryFifthDay: DailyObserver {
        static var observesDays: Bool { true }
        var seen: [[Double]] = []
        func observes(day: Int) -> Bool { day % 5 == 0 }
        mutating func observe(day: Int, btcPrice: Double, btcHeld: Double, maxLTV: Double) {
            seen.append([Double(day), btcPrice, btcHeld, maxLTV])
        }
    }

    /// An IBIT-like fund: 20M fund shares (0.000568 BTC each, 0.25 % a year in fees, 1 % below NAV)
    /// and 500 BTC, 6M shares pledged to a $150M margin loan (LTV 150e6 / (3,408 · 0.99 · 100,000)
    /// = 0.445), monthly interest and burn, and a covenant on every metric a band
    /// can be drawn for, some accelerating, some reporting, some breached as BTC falls and some as
    /// it rises.
    static func fundTreasury() -> Treasury {
        Treasury(
            name: "Fund Co", asOf: Fixtures.date("2025-09-30"), market: MarketConditions(btcPrice: 100_000),
            holdings: Holdings(bitcoinUnits: 500, cashUSD: 20e6,
                               fundStakes: [FundStake(id: "ibit", ticker: "IBIT", shares: 20e6, btcPerShare: 0.000568,
                                                      expenseRatio: 0.0025, premium: -0.01)]),
            equity: Equity(sharesOutstanding: 100e6, sharePrice: 12, model: .mnav(elasticity: 0, floor: 0.5, cap: 2)),
            loans: [BTCLoan(id: "margin", principal: 150e6, rate: 0.065, floating: true, maturity: Fixtures.date("2027-09-30"),
                            collateral: .fundShares(stakeID: "ibit", shares: 6e6), marginCallLTV: 0.7,
                            liquidationLTV: 0.85, targetLTV: 0.5)],
            preferreds: [PreferredStock(id: "pref", notional: 100e6, rate: 0.1, paymentsPerYear: 4, cumulative: true,
                                        payableIn: .cash, seniority: 3)],
            covenants: [
                Covenant(id: "leverage", metric: .leverage, maximum: 0.45, consequence: .accelerate, accelerates: ["margin"]),
                Covenant(id: "ltv", metric: .ltv, subject: "margin", maximum: 0.6),
                Covenant(id: "asset-cover", metric: .assetCoverage, minimum: 3.5),
                Covenant(id: "dividend-years", metric: .dividendCoverageYears, minimum: 50, maximum: 250),
                Covenant(id: "pref-cover", metric: .coverage, subject: "pref", minimum: 2.5, consequence: .accelerate,
                         accelerates: ["pref"]),
                Covenant(id: "cash", metric: .liquidityUSD, minimum: 5e6),
                // Breached as BTC rises (from day 0's 11,860 BTC: above $151,770, $140,528 and,
                // for dividend-years, $210,793), on days above the lowest price: only the band
                // sees them coming.
                Covenant(id: "asset-cap", metric: .assetCoverage, maximum: 12),
                Covenant(id: "leverage-floor", metric: .leverage, minimum: 0.15),
            ],
            policy: FundingPolicy(fundingOrder: [.cash, .fundStakes], minCashUSD: 2e6, marginCall: .topUp),
            operatingCashFlowUSDPerYear: -12e6)
    }

    /// Every kind of treasury the band covers: a BTC loan, a secured note with a redemption test,
    /// a fund-backed loan with covenants, the mixed company (prefunding, ATM, reserve, soft
    /// calls absent), a note accelerated by a covenant, a company watching its mNAV, and soft
    /// calls counted on quiet days under each equity model.
    static var treasuries: [Treasury] {
        var noteCo = Fixtures.cashNoteTreasury(name: "Note Co", bitcoin: 1_000, principal: 120e6)
        noteCo.covenants = [Covenant(id: "leverage", metric: .leverage, maximum: 2, consequence: .accelerate, accelerates: ["cb"])]
        return [Fixtures.loanTreasury(), SecuredNoteTests.treasury(free: 500, redemption: 1.2), fundTreasury(),
                Fixtures.mixedTreasury(), noteCo, mnavTreasury(), callTreasury(), callTreasury(model: .beta(1.5))]
    }

    /// Soft calls on every trading day: 10,000 BTC at $100,000, no cash, 50M shares at $30, so
    /// mNAV m₀ = (1.5e9 + 0.4e9) / 1e9 = 1.9 (elasticity 0.5, floor 0.6, cap 4); a $300M note
    /// converting at $20 (trigger $26, callable from 2026-04-18) settled in stock and a $100M one
    /// at $40 (trigger $52, from 2026-01-07) in cash. Under the mNAV model, mNAV is watched at a
    /// minimum of 1 and liquidity at a maximum of $13.5M; a reserve floor of 12 months of fixed
    /// charges ($1M coupon and $12M burn a year) starts empty, refilled by an ATM open at mNAV 1.5
    /// and above ($5M a day), which also prefunds payments over the 10 days before each.
    static func callTreasury(model: EquityModel = .mnav(elasticity: 0.5, floor: 0.6, cap: 4)) -> Treasury {
        var treasury = Fixtures.loanTreasury(freeCash: 0)
        treasury.name = "Call Co"
        treasury.loans = []
        treasury.equity = Equity(sharesOutstanding: 50e6, sharePrice: 30, authorizedShares: 1e9, model: model)
        treasury.convertibleNotes = [
            ConvertibleNote(id: "cb-a", principal: 300e6, coupon: 0, couponsPerYear: 2, maturity: Fixtures.date("2029-09-30"),
                            conversionPrice: 20, election: .stock, issuerCall: IssuerCall(from: Fixtures.date("2026-04-18"))),
            ConvertibleNote(id: "cb-b", principal: 100e6, coupon: 0.01, couponsPerYear: 2, maturity: Fixtures.date("2029-09-30"),
                            conversionPrice: 40, election: .cash, issuerCall: IssuerCall(from: Fixtures.date("2026-01-07"))),
        ]
        // Beside a beta model an mNAV covenant, and a reserve short of its floor, leave no band.
        if case .mnav = model {
            // Prefunding lifts liquidity through the cap within each window (the reserve holds $13M).
            treasury.covenants = [Covenant(id: "mnav", metric: .mnav, minimum: 1),
                                  Covenant(id: "liquidity-cap", metric: .liquidityUSD, maximum: 13.5e6)]
            treasury.equity.atm = ATMProgram(capacityUSD: 1e9, minMNAV: 1.5, maxDailyUSD: 5e6, discount: 0.02)
            treasury.policy.reserveFloorMonths = 12
            treasury.policy.prefundDays = 10
            treasury.operatingCashFlowUSDPerYear = -12e6
        }
        return treasury
    }

    /// Each path, stepped with quiet days and stepped in full, gives the same outcome (every
    /// field: trigger days, BTC sold, lowest price and liquidity, peak LTVs…) and shows the same
    /// fan days, on volatile paths that cross every threshold; and quiet days do happen.
    @Test(arguments: 0..<8) func quietDaysChangeNoPath(treasury index: Int) throws {
        let treasury = Self.treasuries[index]
        let simulator = TreasurySimulator(treasury: treasury, horizonDays: 730)
        #expect(simulator.quietCalendar.contains(.quiet), "\(treasury.name)")
        if !simulator.callTerms.isEmpty { #expect(simulator.quietCalendar.contains(.countingCalls)) }
        if treasury.policy.prefundDays > 0 { #expect(simulator.quietCalendar.contains(.prefunding)) }
        let differing = try Self.differingPaths(simulator)
        #expect(differing == 0, "\(treasury.name): \(differing) of 120 paths differ")
    }

    /// A lean run reads the calendar and the as-of prefunding targets from the simulator's own
    /// copy (`LeanDays`), unchecked: every day 0…horizon reads what the arrays say (a changed
    /// instrument due in the window drops the target), and a treasury without prefunding, whose
    /// target arrays are empty, reads busy days with no target.
    @Test func leanDaysReadWhatTheCalendarAndTargetsSay() {
        for treasury in [Self.callTreasury(), Fixtures.loanTreasury(freeCash: 0)] {
            let simulator = TreasurySimulator(treasury: treasury, horizonDays: 400)
            let prefunds = treasury.policy.prefundDays > 0
            #expect(simulator.prefundBaseTarget.isEmpty == !prefunds, "\(treasury.name)")
            var targets = 0, noteDays = 0
            for day in 0...400 {
                #expect(simulator.leanDays.calendar(uncheckedDay: day) == simulator.quietCalendar[day], "\(treasury.name) day \(day)")
                let expected: Double? = prefunds && !simulator.prefundBaseTarget[day].isNaN ? simulator.prefundBaseTarget[day] : nil
                #expect(simulator.leanDays.baseTarget(uncheckedDay: day, changed: 0) == expected, "\(treasury.name) day \(day)")
                guard let target = expected else { continue }
                targets += 1
                // The instruments due in the window (none where only operating costs are).
                let due = simulator.prefundWindowInstruments[day]
                if due != 0 {
                    noteDays += 1
                    #expect(simulator.leanDays.baseTarget(uncheckedDay: day, changed: due) == nil)
                }
                #expect(simulator.leanDays.baseTarget(uncheckedDay: day, changed: ~due) == target)
            }
            #expect(prefunds == (targets > 0 && noteDays > 0), "\(treasury.name): \(targets) days with a target, \(noteDays) with a note due")
        }
    }

    /// How many of 120 paths at 90 % volatility (−20 % drift a year) give another outcome stepped
    /// with quiet days than stepped every day in full: as a Monte Carlo run (every fifth day's
    /// fan values too), or as the probability map runs them (`map`: only what moves the balance
    /// sheet, stopping once a forced sale and a missed payment are known). Each path runs with
    /// quiet days three times: from its walk drawn as it goes, from the walk held in memory, which
    /// lets lean prefunding days run on without the day loop (`SimulatedTreasury.stepLeanDays`) and
    /// steps the ordinary ones on values held across them (`LeanRunState`), and from that walk held
    /// with its prices, as the map's.
    static func differingPaths(_ simulator: TreasurySimulator, map: Bool = false) throws -> Int {
        let model = try CompiledPriceModel(.gbm(drift: -0.2, volatility: 0.9))
        let stop: (borrowing SimulatedTreasury) -> Bool = { $0.out.firstForcedSaleDay != nil && $0.out.firstDefaultDay != nil }
        let start = simulator.treasury.market.btcPrice
        let held = StoredWalks(capacity: 120, horizonDays: simulator.horizonDays, withGrowth: true)
        held.draw(0..<120, model: model, seed: 11)
        var differing = 0
        for path in 0..<120 {
            let walk = MonteCarloPath(model: model, seed: 11, index: UInt64(path), start: start)
            var quietFans = EveryFifthDay(), heldFans = EveryFifthDay(), grownFans = EveryFifthDay(), fullFans = EveryFifthDay()
            let quiet = simulator.run(prices: walk, observer: &quietFans, recordEvents: false, recordSeries: false,
                                      balanceSheetOnly: map, stopWhen: map ? stop : nil)
            let fromHeld = simulator.run(prices: held.path(path, start: start), observer: &heldFans, recordEvents: false,
                                         recordSeries: false, balanceSheetOnly: map, stopWhen: map ? stop : nil)
            let grown = try #require(held.grownPath(path, start: start))
            let fromGrown = simulator.run(prices: grown, observer: &grownFans, recordEvents: false, recordSeries: false,
                                          balanceSheetOnly: map, stopWhen: map ? stop : nil)
            let full = simulator.run(prices: EveryDayInFull(path: walk), observer: &fullFans, recordEvents: false,
                                     recordSeries: false, balanceSheetOnly: map, stopWhen: map ? stop : nil)
            if quiet != full || fromHeld != full || fromGrown != full || quietFans.seen != fullFans.seen
                || heldFans.seen != fullFans.seen || grownFans.seen != fullFans.seen {
                differing += 1
            }
        }
        return differing
    }

    /// Loan Co (no free cash) stepped through day 0 at $100,000, its loan's LTV 0.4, over 30 days.
    static func loanCoAfterDayZero() -> SimulatedTreasury {
        let simulator = TreasurySimulator(treasury: Fixtures.loanTreasury(freeCash: 0), horizonDays: 30)
        var simulation = SimulatedTreasury(simulator: simulator, recordEvents: false, recordSeries: false)
        _ = simulation.step(day: 0, price: 100_000)
        return simulation
    }

    /// Loan Co after day 0 at $100,000: the loan's LTV is 200e6 / (5,000 · 100,000) = 0.4, its
    /// peak so far, so a quiet day must price above $100,000 (a new peak is a change): the band
    /// starts at ln 1 plus the margin and has no top. After a day at $70,000 (LTV 0.571, the new
    /// peak) it starts at ln 0.7; after one at $60,000 the loan is in its margin call and topped
    /// up: the band is empty until it is cured.
    @Test func theLoanBandStartsAtTheLTVPeak() {
        var simulation = Self.loanCoAfterDayZero()
        var band = simulation.quietBand()
        // Edges are moved in by 1e-5 over a ln taken within 1.2e-6.
        let margin = SimulatedTreasury.quietEdgeMargin
        #expect(abs(band.low - margin) < 1.2e-6)
        #expect(band.high == .infinity)
        _ = simulation.step(day: 1, price: 70_000)
        band = simulation.quietBand()
        #expect(abs(band.low - (log(0.7) + margin)) < 1.2e-6)
        _ = simulation.step(day: 2, price: 60_000)
        #expect(simulation.loanCallDeadline[0] == nil, "topped up to the target LTV at once")
        band = simulation.quietBand()
        // Topped up to LTV 0.5 at $60,000: 200e6 / 0.5 / 60,000 = 6,666.67 BTC pledged; the
        // peak is 200e6 / (5,000 · 60,000) = 0.667, so the margin call (0.65) is the edge:
        // P = 200e6 / (6,666.67 · 0.65) = $46,153.85.
        #expect(abs(band.low - (log(200e6 / (200e6 / 0.5 / 60_000 * 0.65) / 100_000) + margin)) < 1.2e-6)
    }

    /// Loan Co after day 0 at $100,000 (LTV 0.4, its peak): quiet days need a price above $100,000,
    /// but down to the margin call at 200e6 / (5,000 · 0.65) = $61,538.46 a day can only raise the
    /// peak. A day at $80,000 stepped so (`stepAtLTVPeak`) records the peak 200e6 / (5,000 · 80,000)
    /// = 0.5, defers its interest as a quiet day does, and leaves the band at ln 0.8: what a full
    /// step on that day records and draws.
    @Test func aDayBelowTheBandCanOnlyRaiseTheLTVPeak() {
        var simulation = Self.loanCoAfterDayZero()
        var band = simulation.quietBand()
        let margin = SimulatedTreasury.quietEdgeMargin
        #expect(abs(band.low - margin) < 1.2e-6)
        #expect(abs(simulation.quietPeakLow - (log(200e6 / (5_000 * 0.65) / 100_000) + margin)) < 1.2e-6)
        var full = simulation
        var observer = NoDailyObserver()
        band.low = simulation.stepAtLTVPeak(day: 1, price: 80_000, observer: &observer)
        #expect(simulation.peakLTV == [0.5])
        #expect(simulation.quietAccrualDays == 1)
        #expect(abs(band.low - (log(0.8) + margin)) < 1.2e-6)
        _ = full.step(day: 1, price: 80_000)
        #expect(full.peakLTV == simulation.peakLTV)
        let drawn = full.quietBand()
        #expect(drawn.low == band.low)
        // Interest deferred to the next full step is added as the full step added it.
        _ = full.step(day: 2, price: 80_000)
        _ = simulation.step(day: 2, price: 80_000)
        #expect(simulation.loanAccrued == full.loanAccrued)
    }

    /// Call Co's soft calls on quiet days: once a day inside every edge's margin counts quietly, the
    /// range between the edges around it is kept (at ln 1: from ln u for $26,
    /// (2/3) · ln(1.7 / 1.9) = −0.074, to that for $52, (2/3) · ln(3 / 1.9) = 0.305, each moved in
    /// by the margin), and a later day inside it reads no edge. It is dropped when a call starts
    /// counting (the new call's edge is not known yet) and when the edges are drawn again: with
    /// half as many shares again, $26 is reached at (2/3) · ln(2.35 / 1.9) = 0.142, inside the
    /// old range, and a day there is left to a full step.
    @Test func quietCallDaysKeepTheGapBetweenEdges() throws {
        let simulator = TreasurySimulator(treasury: Self.callTreasury(), horizonDays: 730)
        var simulation = SimulatedTreasury(simulator: simulator, recordEvents: false, recordSeries: false)
        _ = simulation.step(day: 0, price: 100_000)
        let margin = SimulatedTreasury.quietEdgeMargin
        let starts = simulator.callStartOrder.map { simulator.callTerms[$0].firstCountedDay }
        let (b, a) = (simulator.callStartOrder[0], simulator.callStartOrder[1])
        #expect(starts[0] < starts[1], "the $52 call (from January) counts before the $26 one (from April)")
        // Only the $52 call counts: the range has no floor.
        let first = try #require((starts[0]..<starts[1]).first { simulator.quietCalendar[$0].countsCalls })
        _ = simulation.quietBand()
        let alone = simulation.countCallsQuietly(day: first, logReturn: 0)
        #expect(alone)
        let edgeB = 2.0 / 3 * log(3.0 / 1.9)
        #expect(abs(simulation.callEdges[b] - edgeB) < 1e-12)
        #expect(simulation.callGapLow == -.infinity && simulation.callGapHigh == simulation.callEdges[b] - margin)
        // The $26 call starts counting: a day at its edge, inside the old range, is not quiet.
        let second = try #require((starts[1]...730).first { simulator.quietCalendar[$0].countsCalls })
        let edgeA = 2.0 / 3 * log(1.7 / 1.9)
        let atNewEdge = simulation.countCallsQuietly(day: second, logReturn: edgeA)
        #expect(!atNewEdge)
        _ = simulation.quietBand()
        let both = simulation.countCallsQuietly(day: second, logReturn: 0)
        #expect(both)
        #expect(abs(simulation.callEdges[a] - edgeA) < 1e-12)
        #expect(simulation.callGapLow == simulation.callEdges[a] + margin && simulation.callGapHigh == simulation.callEdges[b] - margin)
        // Inside the range no edge is read: a day there counts even with the edges made unreadable.
        var blind = simulation
        blind.callEdges = blind.callEdges.map { _ in .nan }
        let inside = blind.countCallsQuietly(day: second + 1, logReturn: 0.1)
        #expect(inside)
        // Half as many shares again, the edges drawn again: $26 now at (2/3) · ln(2.35 / 1.9).
        simulation.shares *= 1.5
        _ = simulation.quietBand()
        let moved = 2.0 / 3 * log(2.35 / 1.9)
        #expect(abs(simulation.callEdge(threshold: 26) - moved) < 1e-12)
        let atMovedEdge = simulation.countCallsQuietly(day: second + 1, logReturn: moved)
        #expect(!atMovedEdge)
        let belowBoth = simulation.countCallsQuietly(day: second + 1, logReturn: 0)
        #expect(belowBoth)
        #expect(simulation.callGapLow == -.infinity && simulation.callGapHigh == simulation.callEdges[a] - margin)
    }

    /// Call Co with both calls counting: their edges rise with their triggers, $26 at
    /// (2/3) · ln(1.7 / 1.9) = −0.074 and $52 at (2/3) · ln(3 / 1.9) = 0.305. A day at ln 0.8 =
    /// −0.223 lies below the $26 edge, so below both triggers: the scan works out that edge alone
    /// (the $52 one reads +∞, not reached) and keeps the gap below it. After the balance sheet
    /// moves (a band drawn again), a day at ln 1 works out the $26 edge, passes above it, and
    /// works out the $52 one, below which it lies.
    @Test func aDayBelowTheLowestTriggerWorksOutNoOtherEdge() throws {
        let simulator = TreasurySimulator(treasury: Self.callTreasury(), horizonDays: 730)
        var simulation = SimulatedTreasury(simulator: simulator, recordEvents: false, recordSeries: false)
        _ = simulation.step(day: 0, price: 100_000)
        let (b, a) = (simulator.callStartOrder[0], simulator.callStartOrder[1])
        #expect(simulator.callsByThreshold == [a, b])
        let start = simulator.callTerms[a].firstCountedDay
        let day = try #require((start...730).first { simulator.quietCalendar[$0].countsCalls })
        _ = simulation.quietBand()
        let margin = SimulatedTreasury.quietEdgeMargin
        let (edgeA, edgeB) = (2.0 / 3 * log(1.7 / 1.9), 2.0 / 3 * log(3.0 / 1.9))
        let low = simulation.countCallsQuietly(day: day, logReturn: log(0.8))
        #expect(low)
        #expect(abs(simulation.callEdges[a] - edgeA) < 1e-12 && simulation.callEdges[b] == .infinity)
        #expect(simulation.callGapLow == -.infinity && simulation.callGapHigh == simulation.callEdges[a] - margin)
        _ = simulation.quietBand()
        let between = simulation.countCallsQuietly(day: day + 1, logReturn: 0)
        #expect(between)
        #expect(abs(simulation.callEdges[a] - edgeA) < 1e-12 && abs(simulation.callEdges[b] - edgeB) < 1e-12)
        #expect(simulation.callGapLow == simulation.callEdges[a] + margin && simulation.callGapHigh == simulation.callEdges[b] - margin)
    }

    /// Call Co's $52 call counts alone from day 50 (49 days before it is callable on day 99, the
    /// 7th of January 2026) in a ring of 30 trading days. Forty quiet days at ln 1, below its edge
    /// (2/3) · ln(3 / 1.9) = 0.305, wait, and the rings take them at once: the empty ring only
    /// turns, to 40 mod 30 = 10, and stays empty. A day at ln 1.5 = 0.405, above the edge, then
    /// qualifies at position 10: one day counted, the cursor at 11.
    @Test func anEmptyRingThatNoWaitingDayReachesOnlyTurns() throws {
        let simulator = TreasurySimulator(treasury: Self.callTreasury(), horizonDays: 730)
        var simulation = SimulatedTreasury(simulator: simulator, recordEvents: false, recordSeries: false)
        _ = simulation.step(day: 0, price: 100_000)
        let b = simulator.callStartOrder[0]
        let call = simulator.callTerms[b]
        #expect(call.firstCountedDay == 50 && call.fromDay == 99 && call.windowDays == 30)
        _ = simulation.quietBand()
        for day in 50..<90 {
            let quiet = simulation.countCallsQuietly(day: day, logReturn: 0)
            #expect(quiet)
        }
        #expect(simulation.quietCallDayCount == 40)
        simulation.countQuietCallDays()
        let ring = { (s: SimulatedTreasury) in Array(s.callFlags[call.flagOffset..<call.flagOffset + call.windowDays]) }
        #expect(simulation.callCursor[b] == 10 && simulation.callCount[b] == 0)
        #expect(!ring(simulation).contains(true))
        let above = simulation.countCallsQuietly(day: 90, logReturn: log(1.5))
        #expect(above)
        simulation.countQuietCallDays()
        #expect(simulation.callCursor[b] == 11 && simulation.callCount[b] == 1)
        #expect(ring(simulation).firstIndex(of: true) == 10 && ring(simulation).lastIndex(of: true) == 10)
    }

    /// A treasury with no debt whose share price follows BTC one for one through the mNAV model:
    /// 10,000 BTC at $100,000, $5M cash, 100M shares at $12: mNAV = (1.2e9 − 5e6) / 1e9 = 1.195,
    /// watched by a covenant at a minimum of 1 (accelerating nothing, so tested every day).
    static func mnavTreasury() -> Treasury {
        var treasury = Fixtures.loanTreasury()
        treasury.loans = []
        treasury.equity.sharePrice = 12
        treasury.equity.model = .mnav(elasticity: 1, floor: 0.5, cap: 4)
        treasury.covenants = [Covenant(id: "mnav", metric: .mnav, minimum: 1, consequence: .accelerate)]
        return treasury
    }

    /// The mNAV covenant's band is where the model's mNAV stays at its minimum or above:
    /// M(P) = 1.195 · P / 100,000 ≥ 1 above P = 100,000 / 1.195 = $83,682.01 (the minimum raised
    /// by a millionth, then the edge margin). Once in breach, a covenant on mNAV leaves no band.
    @Test func theMNAVBandStartsWhereTheModelReachesTheMinimum() {
        let simulator = TreasurySimulator(treasury: Self.mnavTreasury(), horizonDays: 30)
        #expect(abs(simulator.startMNAV - 1.195) < 1e-12)
        var simulation = SimulatedTreasury(simulator: simulator, recordEvents: false, recordSeries: false)
        _ = simulation.step(day: 0, price: 100_000)
        var band = simulation.quietBand()
        let edge = log(1.000001 / 1.195) + SimulatedTreasury.quietEdgeMargin
        #expect(abs(band.low - edge) < 1.2e-6)
        #expect(band.high == .infinity)
        _ = simulation.step(day: 1, price: 80_000)
        #expect(simulation.covenantInBreach[0])
        band = simulation.quietBand()
        #expect(band.low > band.high)
    }

    /// Call Co's edges. In the mNAV model the share price reaches a trigger T where
    /// 1.9 · √u · u · 1e9 − 4e8 = T · 5e7 (u = P / $100,000), between the floor and the cap:
    /// u = ((T · 5e7 + 4e8) / 1.9e9)^(2/3), for $26 ln u = (2/3) · ln(1.7 / 1.9); on a floor
    /// of 1.8, reached at u = (1.8 / 1.9)² = 0.8975 where 1.8 · u = 1.6155, a trigger of $20
    /// (1.4 needed) is met on the floor: u = 1.4 / 1.8. With beta 1.5, 30 · u^1.5 = 26 at
    /// ln u = ln(26 / 30) / 1.5. A full step just above each edge qualifies and just below does not.
    @Test func theCallEdgeIsWhereTheSharePriceReachesTheTrigger() {
        func check(_ treasury: Treasury, threshold: Double, edge expected: Double) {
            let simulator = TreasurySimulator(treasury: treasury, horizonDays: 30)
            var simulation = SimulatedTreasury(simulator: simulator, recordEvents: false, recordSeries: false)
            _ = simulation.step(day: 0, price: 100_000)
            let edge = simulation.callEdge(threshold: threshold)
            #expect(abs(edge - expected) < 1e-12, "\(edge) against \(expected)")
            for (shift, qualifies) in [(1e-6, true), (-1e-6, false)] {
                var next = simulation
                _ = next.step(day: 1, price: 100_000 * exp(edge + shift))
                #expect((next.sharePrice >= threshold) == qualifies)
            }
        }
        check(Self.callTreasury(), threshold: 26, edge: 2.0 / 3 * log(1.7 / 1.9))
        check(Self.callTreasury(), threshold: 52, edge: 2.0 / 3 * log(3.0 / 1.9))
        check(Self.callTreasury(model: .mnav(elasticity: 0.5, floor: 1.8, cap: 4)), threshold: 20, edge: log(1.4 / 1.8))
        check(Self.callTreasury(model: .beta(1.5)), threshold: 26, edge: log(26.0 / 30) / 1.5)
    }

    /// Call Co starts with its reserve $13M short of its floor, which only the ATM refills: the band
    /// is where the ATM stays shut, below M = 1.5 (less a millionth), 1.9 · √u = 1.5 at
    /// u = (1.5 / 1.9)², and above the mNAV covenant's edge at u = (1 / 1.9)² (plus a millionth).
    @Test func aShortReserveBandsTheDaysBelowTheATMGate() {
        let simulator = TreasurySimulator(treasury: Self.callTreasury(), horizonDays: 30)
        var simulation = SimulatedTreasury(simulator: simulator, recordEvents: false, recordSeries: false)
        _ = simulation.step(day: 0, price: 100_000)
        #expect(abs(simulation.reserveFloorUSD() - 13e6) < 1e-3)
        let band = simulation.quietBand()
        let margin = SimulatedTreasury.quietEdgeMargin
        #expect(abs(band.high - (2 * log(1.5 * (1 - 1e-6) / 1.9) - margin)) < 1.2e-6)
        #expect(abs(band.low - (2 * log(1.000001 / 1.9) + margin)) < 1.2e-6)
        // Just above the gate the ATM refills the reserve; just below it raises nothing.
        for (shift, refilled) in [(1e-4, true), (-1e-4, false)] {
            var next = simulation
            _ = next.step(day: 1, price: 100_000 * exp(band.high + margin + shift))
            #expect((next.reserve > 0) == refilled)
        }
    }

    /// Call Co at the edges of what the bands assume: a negative mNAV elasticity (no call edge, no
    /// ATM gate), beta models of 0 and 2, an mNAV elasticity of 0 and of 2; calls that need 1 day
    /// and 200 of a 250-day window; an ATM open at any mNAV prefunding a year ahead with a 24-month
    /// reserve floor; an ATM with $20M of capacity (spent within weeks, then shut for good); and the
    /// mixed company without its loan and fund stake (lean prefunding days beside a reserve).
    static var edgeCases: [Treasury] {
        var cases = [EquityModel.mnav(elasticity: -0.5, floor: 0.6, cap: 4), .beta(0), .mnav(elasticity: 0, floor: 0.6, cap: 4),
                     .mnav(elasticity: 2, floor: 0.6, cap: 4), .beta(2)].map { model in
            var treasury = callTreasury()
            treasury.equity.model = model
            return treasury
        }
        var windows = callTreasury()
        windows.convertibleNotes[0].issuerCall = IssuerCall(from: Fixtures.date("2025-11-01"), requiredDays: 1, windowDays: 250)
        windows.convertibleNotes[1].issuerCall = IssuerCall(from: Fixtures.date("2026-06-01"), requiredDays: 200, windowDays: 250)
        var openATM = callTreasury()
        openATM.equity.atm = ATMProgram(capacityUSD: 1e9, minMNAV: 0, maxDailyUSD: 5e6, discount: 0.02)
        openATM.policy.prefundDays = 365
        openATM.policy.reserveFloorMonths = 24
        var spentATM = callTreasury()
        spentATM.equity.atm = ATMProgram(capacityUSD: 20e6, minMNAV: 1.2, maxDailyUSD: 5e6, discount: 0.02)
        var mixed = Fixtures.mixedTreasury()
        mixed.holdings.fundStakes = []
        mixed.loans = []
        cases += [windows, openATM, spentATM, mixed]
        return cases
    }

    /// Each edge case, as a Monte Carlo path (outcome and fan days) and as the probability map runs
    /// it (only what moves the balance sheet, stopping once a forced sale and a missed payment are
    /// known), gives with quiet days what it gives stepping every day in full.
    @Test(arguments: 0..<9) func edgeCasesChangeNoPath(_ index: Int) throws {
        let simulator = TreasurySimulator(treasury: Self.edgeCases[index], horizonDays: 730)
        let differing = try Self.differingPaths(simulator), differingMaps = try Self.differingPaths(simulator, map: true)
        #expect(differing == 0, "edge case \(index): \(differing) of 120 paths differ")
        #expect(differingMaps == 0, "edge case \(index): \(differingMaps) of 120 map paths differ")
    }
}
