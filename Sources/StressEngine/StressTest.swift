public import TreasuryModel
public import StressResults
import Foundation

/// A stress test: one treasury through a scenario set, gathered into the report value: the
/// trigger ladder, each scenario's outcome, Monte Carlo runs, coverage by seniority, the maturity
/// wall and the stated assumptions (as values; StressReports words them).
public enum StressTest {
    /// Runs every scenario of `set` on `treasury`.
    ///
    /// - Parameters:
    ///   - inputs: the input files' roles, names and hashes, recorded in the report.
    ///   - progress: called after each scenario with (done, total).
    /// - Throws: `InputError` when a scenario cannot be built (a historical window outside the
    ///   embedded history).
    public static func run(
        treasury: Treasury, scenarios set: ScenarioSet, inputs: [ReportInput] = [], jobs: Int? = nil,
        progress: (@Sendable (Int, Int) -> Void)? = nil,
        monteCarloProgress: (@Sendable (String, Int, Int) -> Void)? = nil,
        monteCarloShards: [MonteCarloPartial]? = nil
    ) throws(InputError) -> StressReport {
        let simulator = TreasurySimulator(treasury: treasury, horizonDays: set.horizonDays)
        var paths: [PricePath] = []
        for scenario in set.scenarios {
            paths.append(try PricePath.forScenario(scenario.path, start: treasury.market.btcPrice,
                                                   horizonDays: set.horizonDays, location: scenario.location))
        }
        var reports: [ScenarioReport] = []
        for (scenario, path) in zip(set.scenarios, paths) {
            let outcome = simulator.run(path: path, conditions: ScenarioConditions(scenario))
            var report = scenarioReport(scenario, path: path, outcome: outcome, treasury: treasury)
            // The survival period: the same path with capital markets closed from day 1.
            var closed = ScenarioConditions(scenario)
            if set.horizonDays >= 1 { closed.marketsClosed = 1...set.horizonDays }
            let shut = simulator.run(path: path, conditions: closed, recordEvents: true, recordSeries: false)
            report.closedMarkets = SurvivalPeriod(firstDefaultDay: shut.firstDefaultDay,
                                                  missed: shut.events.first { $0.kind == .missedPayment }, btcSold: shut.btcSold)
            report.settlementAdvice = SettlementAdvisor.advise(treasury, horizonDays: set.horizonDays, path: path,
                                                               conditions: ScenarioConditions(scenario), ownOutcome: outcome)
            reports.append(report)
            progress?(reports.count, set.scenarios.count + 1)
        }
        let ladder = TriggerLadder.build(simulator)
        progress?(set.scenarios.count + 1, set.scenarios.count + 1)
        var monteCarlo: [MonteCarloResult] = []
        for spec in set.monteCarlo {
            // Shards run elsewhere (`run --paths-shard`) are merged instead of run again.
            if let monteCarloShards {
                monteCarlo.append(try MonteCarloSimulation.merge(spec, simulator: simulator,
                                                                 shards: monteCarloShards.filter { $0.specID == spec.id }))
                continue
            }
            let pathProgress = runProgress(of: spec.id, monteCarloProgress)
            monteCarlo.append(try MonteCarloSimulation.run(spec, simulator: simulator, jobs: jobs, progress: pathProgress))
        }
        let calm = simulator.run(path: .instant(start: treasury.market.btcPrice, shock: 0, horizonDays: 0),
                                 recordEvents: false, recordSeries: true)
        let map = try set.probabilityMap.map { spec throws(InputError) in
            try ProbabilityMapRun.run(spec, treasury: treasury, horizonDays: set.horizonDays, jobs: jobs,
                                      progress: runProgress(of: spec.id, monteCarloProgress))
        }
        var report = StressReport(
            toolVersion: ToolVersion.current, treasuryName: treasury.name, asOf: treasury.asOf, scenarioSetName: set.name,
            horizonDays: set.horizonDays, inputs: inputs, start: snapshot(treasury, calm),
            instruments: instruments(treasury, coverage: calm.coverageStart),
            maturityWall: maturityWall(treasury, horizonDays: set.horizonDays), ladder: ladder, scenarios: reports,
            monteCarlo: monteCarlo, assumptions: assumptions(treasury, simulator: simulator))
        report.probabilityMap = map
        return report
    }

    /// Shard `k` (0-based) of `n` of every Monte Carlo run of `set` on `treasury`: each run's
    /// paths ⌊k·P/n⌋ ..< ⌊(k+1)·P/n⌋, for `run(…, monteCarloShards:)` to merge with the others.
    public static func monteCarloShard(
        treasury: Treasury, scenarios set: ScenarioSet, shard k: Int, of n: Int, jobs: Int? = nil,
        monteCarloProgress: (@Sendable (String, Int, Int) -> Void)? = nil
    ) throws(InputError) -> [MonteCarloPartial] {
        let simulator = TreasurySimulator(treasury: treasury, horizonDays: set.horizonDays)
        var shards: [MonteCarloPartial] = []
        for spec in set.monteCarlo {
            let pathProgress = runProgress(of: spec.id, monteCarloProgress)
            shards.append(try MonteCarloSimulation.runShard(spec, simulator: simulator,
                                                            paths: MonteCarloPartial.range(shard: k, of: n, paths: spec.paths),
                                                            jobs: jobs, progress: pathProgress))
        }
        return shards
    }

    /// A run's or a map's path progress, reported under its id.
    static func runProgress(of id: String, _ report: (@Sendable (String, Int, Int) -> Void)?) -> (@Sendable (Int, Int) -> Void)? {
        guard let report else { return nil }
        return { done, total in report(id, done, total) }
    }

    static func snapshot(_ treasury: Treasury, _ calm: ScenarioOutcome) -> BalanceSnapshot {
        let day0 = calm.series.first
        let fixed = max(0, -treasury.operatingCashFlowUSDPerYear)
            + treasury.convertibleNotes.reduce(0) { $0 + $1.principal * $1.coupon }
            + treasury.loans.reduce(0) { $0 + $1.principal * $1.rate }
            + treasury.preferreds.reduce(0) { $0 + $1.annualDividendUSD }
        return BalanceSnapshot(
            btcPrice: treasury.market.btcPrice, btcHeld: calm.btcHeldStart, shares: calm.sharesStart,
            sharePrice: day0?.sharePrice ?? treasury.equity.sharePrice, mnav: day0?.mnav ?? 0,
            navUSD: calm.btcHeldStart * treasury.market.btcPrice, debtUSD: treasury.debtUSD,
            preferredUSD: treasury.preferredUSD, liquidityUSD: calm.liquidityStart, annualFixedChargesUSD: fixed)
    }

    static func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }

    static func instruments(_ treasury: Treasury, coverage: PerInstrument<Double>) -> [InstrumentSummary] {
        var rows: [InstrumentSummary] = []
        for note in treasury.convertibleNotes {
            rows.append(InstrumentSummary(
                id: note.id, kind: "convertibleNote", seniority: note.seniority, notionalUSD: note.principal,
                rate: note.coupon, maturity: note.maturity,
                terms: .convertibleNote(conversionPrice: note.conversionPrice, election: note.election,
                                        repayment: note.repayment, putDates: note.putDates),
                coverage: nil))
        }
        for loan in treasury.loans {
            rows.append(InstrumentSummary(
                id: loan.id, kind: "btcLoan", seniority: loan.seniority, notionalUSD: loan.principal, rate: loan.rate,
                maturity: loan.maturity,
                terms: .btcLoan(collateral: loan.collateral, marginCallLTV: loan.marginCallLTV,
                                liquidationLTV: loan.liquidationLTV, cureDays: loan.cureDays, floating: loan.floating),
                coverage: nil))
        }
        for series in treasury.preferreds {
            rows.append(InstrumentSummary(
                id: series.id, kind: "preferred", seniority: series.seniority, notionalUSD: series.notional,
                rate: series.rate, maturity: nil,
                terms: .preferred(paymentsPerYear: series.paymentsPerYear, cumulative: series.cumulative,
                                  payableIn: series.payableIn),
                coverage: nil))
        }
        for (row, index) in zip(rows.indices, treasury.instrumentOrder.indices) {
            rows[row].coverage = coverage.value(at: index).flatMap(finite)
        }
        return rows
    }

    /// Contractual amounts due per calendar year within the horizon (puts counted as principal).
    static func maturityWall(_ treasury: Treasury, horizonDays: Int) -> [MaturityWallYear] {
        let schedule = PaymentSchedule(treasury: treasury, horizonDays: max(horizonDays, 365 * 8))
        var years: [Int: MaturityWallYear] = [:]
        var putDone = Set<Int>()
        for item in schedule.items {
            let year = treasury.asOf.adding(days: item.day).year
            var row = years[year] ?? MaturityWallYear(year: year, principalUSD: 0, interestUSD: 0, dividendsUSD: 0)
            switch item.kind {
            case .operating: break
            case .coupon: row.interestUSD += treasury.convertibleNotes[item.index].couponAmount
            case .loanInterest:
                let loan = treasury.loans[item.index]
                row.interestUSD += loan.principal * loan.rate / 12
            case .dividend: row.dividendsUSD += treasury.preferreds[item.index].dividendAmount
            case .notePut:
                // Shown at the first put date: holders put when the stock is below conversion.
                if putDone.insert(item.index).inserted { row.principalUSD += treasury.convertibleNotes[item.index].principal }
            case .noteMaturity:
                if putDone.insert(item.index).inserted { row.principalUSD += treasury.convertibleNotes[item.index].principal }
            case .loanMaturity: row.principalUSD += treasury.loans[item.index].principal
            }
            years[year] = row
        }
        return years.values.sorted { $0.year < $1.year }
    }

    static func assumptions(_ treasury: Treasury, simulator: TreasurySimulator) -> ModelAssumptions {
        let history = BTCHistory.embedded
        var assumptions = ModelAssumptions(equityModel: treasury.equity.model, startMNAV: simulator.startMNAV,
                                           policy: treasury.policy, atm: treasury.equity.atm,
                                           historyFirstDate: history.firstDate, historyLastDate: history.lastDate)
        if var impact = treasury.market.priceImpact {
            impact.dailyVolatility = impact.dailyVolatility ?? ImpactTerms.defaultDailyVolatility
            assumptions.priceImpact = impact
            assumptions.btcDailyVolumeUSD = treasury.market.btcDailyVolumeUSD
        }
        return assumptions
    }

    static func scenarioReport(_ scenario: Scenario, path: PricePath, outcome: ScenarioOutcome,
                               treasury: Treasury) -> ScenarioReport {
        let worstCoverage = treasury.instrumentOrder.indices.compactMap { outcome.coverageWorst.value(at: $0) }.min() ?? .infinity
        let status: ScenarioReport.Status = !outcome.survived ? .defaulted
            : worstCoverage < 1 ? .insolvent
            : outcome.firstForcedSale != nil ? .forcedSales : .survived
        let coverage = zip(treasury.instrumentIDs, treasury.instrumentOrder.indices).map { id, index in
            CoverageRow(ref: id, start: outcome.coverageStart.value(at: index).flatMap(finite),
                        worst: outcome.coverageWorst.value(at: index).flatMap(finite))
        }
        let peaks = treasury.loans.indices.map { LoanPeak(ref: treasury.loans[$0].id, peakLTV: outcome.peakLTV[loan: $0]) }
        var report = ScenarioReport(
            id: scenario.id, name: scenario.name, kind: scenario.path.kind, status: status,
            minBTCPrice: outcome.minBTCPrice, endBTCPrice: outcome.endBTCPrice,
            firstForcedSaleDay: outcome.firstForcedSale?.day, firstForcedSalePrice: outcome.firstForcedSale?.btcPrice,
            firstDefaultDay: outcome.firstDefaultDay, btcSold: outcome.btcSold, btcHeldStart: outcome.btcHeldStart,
            btcHeldEnd: outcome.btcHeldEnd, sharesStart: outcome.sharesStart, sharesEnd: outcome.sharesEnd,
            minLiquidityUSD: outcome.minLiquidityUSD, minLiquidityDay: outcome.minLiquidityDay,
            peakLeverage: outcome.peakLeverage, deferredDividendsUSD: outcome.deferredDividendsUSD,
            unpaidUSD: outcome.unpaidUSD, worstDay: outcome.worstDay, peakLTV: peaks, coverage: coverage,
            series: outcome.series, events: outcome.events)
        if case .historical(let from, let to) = scenario.path { report.replayWindow = (from, to) }
        return report
    }
}
