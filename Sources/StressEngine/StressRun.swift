public import TreasuryModel
public import StressResults
import Foundation

/// Runs a scenario set over a treasury and gathers the report: the ladder, each scenario's
/// outcome, coverage by seniority, the maturity wall and the stated assumptions.
public enum StressRun {

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
        monteCarloProgress: (@Sendable (String, Int, Int) -> Void)? = nil
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
            reports.append(scenarioReport(scenario, path: path, outcome: outcome, treasury: treasury))
            progress?(reports.count, set.scenarios.count + 1)
        }
        let ladder = TriggerLadder.build(simulator)
        progress?(set.scenarios.count + 1, set.scenarios.count + 1)
        var monteCarlo: [MonteCarloResult] = []
        for spec in set.monteCarlo {
            var pathProgress: (@Sendable (Int, Int) -> Void)?
            if let monteCarloProgress {
                let id = spec.id
                pathProgress = { done, total in monteCarloProgress(id, done, total) }
            }
            monteCarlo.append(try MonteCarloRunner.run(spec, simulator: simulator, jobs: jobs, progress: pathProgress))
        }
        let calm = simulator.run(path: .instant(start: treasury.market.btcPrice, shock: 0, horizonDays: 0),
                                 recordEvents: false, recordSeries: true)
        return StressReport(
            toolVersion: ToolVersion.current, treasuryName: treasury.name, asOf: treasury.asOf, scenarioSetName: set.name,
            horizonDays: set.horizonDays, inputs: inputs, start: snapshot(treasury, calm),
            instruments: instruments(treasury, coverage: calm.coverageStart),
            maturityWall: maturityWall(treasury, horizonDays: set.horizonDays), ladder: ladder, scenarios: reports,
            monteCarlo: monteCarlo, assumptions: assumptions(treasury, simulator: simulator))
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

    static func instruments(_ treasury: Treasury, coverage: [Double]) -> [InstrumentSummary] {
        var rows: [InstrumentSummary] = []
        for note in treasury.convertibleNotes {
            let puts = note.putDates.map(\.description).joined(separator: ", ")
            let terms = "converts at $\(String(format: "%.2f", note.conversionPrice)); \(note.election.rawValue) settlement; "
                + "repayment \(note.repayment.rawValue)" + (puts.isEmpty ? "" : "; holder put \(puts)")
            rows.append(InstrumentSummary(id: note.id, kind: "convertibleNote", seniority: note.seniority,
                                          notionalUSD: note.principal, rate: note.coupon, maturity: note.maturity,
                                          terms: terms, coverage: nil))
        }
        for loan in treasury.loans {
            let collateral: String
            switch loan.collateral {
            case .bitcoin(let units): collateral = String(format: "%.2f BTC", units)
            case .fundShares(let id, let shares): collateral = String(format: "%.0f shares of %@", shares, id)
            }
            let terms = "secured by \(collateral); margin call at LTV \(Int((loan.marginCallLTV * 100).rounded()))%, "
                + "liquidation at \(Int((loan.liquidationLTV * 100).rounded()))%, cure \(loan.cureDays) days"
                + (loan.floating ? "; floating rate" : "")
            rows.append(InstrumentSummary(id: loan.id, kind: "btcLoan", seniority: loan.seniority,
                                          notionalUSD: loan.principal, rate: loan.rate, maturity: loan.maturity,
                                          terms: terms, coverage: nil))
        }
        for series in treasury.preferreds {
            let terms = "\(series.paymentsPerYear)× a year, \(series.cumulative ? "cumulative" : "non-cumulative"), "
                + "paid in \(series.payableIn == .cash ? "cash" : "cash or stock")"
            rows.append(InstrumentSummary(id: series.id, kind: "preferred", seniority: series.seniority,
                                          notionalUSD: series.notional, rate: series.rate, maturity: nil,
                                          terms: terms, coverage: nil))
        }
        for i in rows.indices where i < coverage.count { rows[i].coverage = finite(coverage[i]) }
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

    static func assumptions(_ treasury: Treasury, simulator: TreasurySimulator) -> [Assumption] {
        var rows: [Assumption] = []
        switch treasury.equity.model {
        case .mnav(let elasticity, let floor, let cap):
            rows.append(Assumption(key: "equity model", value: String(
                format: "mNAV = clamp(%.3f · (P/P0)^%.2f, %.2f, %.2f); market cap = mNAV · BTC NAV − debt − preferred + cash",
                simulator.startMNAV, elasticity, floor, cap)))
            rows.append(Assumption(key: "mNAV elasticity", value: String(
                format: "%.2f in this treasury file; the default %.2f is the OLS slope of ln mNAV on ln BTC price over Strategy's published daily metrics (373 trading days, 2024-12-31 to 2026-06-29, R² 0.27)",
                elasticity, Calibration.mnavElasticity)))
        case .beta(let beta):
            rows.append(Assumption(key: "equity model", value: String(format: "share price = S0 · (P/P0)^%.2f", beta)))
        }
        let order = treasury.policy.fundingOrder.map(\.rawValue).joined(separator: " → ")
        rows.append(Assumption(key: "funding order", value: order + "; minimum cash \(Money.usd(treasury.policy.minCashUSD))"))
        if let atm = treasury.equity.atm {
            rows.append(Assumption(key: "ATM", value: String(
                format: "$%.2fB capacity, up to $%.0fM a day, only while mNAV ≥ %.2f, at a %.1f%% discount",
                atm.capacityUSD / 1e9, atm.maxDailyUSD / 1e6, atm.minMNAV, atm.discount * 100)))
        }
        rows.append(Assumption(key: "margin calls", value: "answered by \(treasury.policy.marginCall.rawValue); LTV = principal / collateral value"))
        rows.append(Assumption(key: "dividends", value: treasury.policy.dividends == .payOrDefer
            ? "paid through the whole waterfall; shortfalls deferred (cumulative) or skipped"
            : "paid from cash, reserve and ATM only; never by selling BTC; shortfalls deferred or skipped"))
        rows.append(Assumption(key: "BTC sales", value: String(format: "at the day's price less %.2f%% slippage; no price impact", treasury.policy.btcSaleSlippage * 100)))
        rows.append(Assumption(key: "prefunding", value: treasury.policy.prefundDays > 0
            ? "ATM raises for known payments over the \(treasury.policy.prefundDays) days before they fall due"
            : "none: payments are funded on the day"))
        rows.append(Assumption(key: "convertibles", value: "holders convert when conversion value exceeds par at a put or maturity, else put or are repaid at par"))
        rows.append(Assumption(key: "ladder", value: "highest BTC price at which a trigger fires after an instant shock held flat over the horizon, by bisection (0.001 % of today's price)"))
        rows.append(Assumption(key: "history", value: "BTC/USD daily close at 24:00 UTC (Bitstamp), \(BTCHistory.embedded.firstDate) to \(BTCHistory.embedded.lastDate); replays apply the window's daily returns to today's price"))
        rows.append(Assumption(key: "Monte Carlo", value: String(
            format: "Philox4x32-10 streams (path i depends only on seed and i), ziggurat normals; defaults from BTC daily log returns 2014-01-01 to 2026-08-21: volatility %.1f %%, zero drift (price a martingale); jumps %.2f a day with mean %.1f %% (FACTS), std %.0f %% (returns beyond 3 robust sigmas), diffusion %.1f %%; bootstrap in %d-day blocks, demeaned",
            Calibration.btcVolatility * 100, Calibration.jumpIntensityPerDay, Calibration.jumpMean * 100,
            Calibration.jumpStdDev * 100, Calibration.jumpDiffusionVolatility * 100, Calibration.bootstrapBlockDays)))
        rows.append(Assumption(key: "day count", value: "calendar days, actual/365; loan interest monthly in arrears; dividends at period ends"))
        return rows
    }

    static func scenarioReport(_ scenario: Scenario, path: PricePath, outcome: ScenarioOutcome,
                               treasury: Treasury) -> ScenarioReport {
        let status: ScenarioReport.Status = !outcome.survived ? .defaulted
            : outcome.firstForcedSale != nil ? .forcedSales : .survived
        let ids = treasury.instrumentIDs
        let coverage = ids.indices.map { i in
            CoverageRow(ref: ids[i],
                        start: i < outcome.coverageStart.count ? finite(outcome.coverageStart[i]) : nil,
                        worst: i < outcome.coverageWorst.count ? finite(outcome.coverageWorst[i]) : nil)
        }
        let peaks = treasury.loans.indices.map { LoanPeak(ref: treasury.loans[$0].id, peakLTV: outcome.peakLTV[$0]) }
        return ScenarioReport(
            id: scenario.id, name: scenario.name, kind: scenario.path.kind, status: status,
            minBTCPrice: outcome.minBTCPrice, endBTCPrice: outcome.endBTCPrice,
            firstForcedSaleDay: outcome.firstForcedSale?.day, firstForcedSalePrice: outcome.firstForcedSale?.btcPrice,
            firstDefaultDay: outcome.firstDefaultDay, btcSold: outcome.btcSold, btcHeldStart: outcome.btcHeldStart,
            btcHeldEnd: outcome.btcHeldEnd, sharesStart: outcome.sharesStart, sharesEnd: outcome.sharesEnd,
            minLiquidityUSD: outcome.minLiquidityUSD, minLiquidityDay: outcome.minLiquidityDay,
            peakLeverage: outcome.peakLeverage, deferredDividendsUSD: outcome.deferredDividendsUSD,
            unpaidUSD: outcome.unpaidUSD, worstDay: outcome.worstDay, peakLTV: peaks, coverage: coverage,
            series: outcome.series, events: outcome.events)
    }
}
