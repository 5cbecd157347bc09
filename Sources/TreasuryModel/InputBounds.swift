/// The ranges a number in an input may take, beyond what the schema says: wide enough for any
/// real treasury (Strategy's balance sheet fits with room to spare), narrow enough that every
/// accepted number can be simulated and printed without overflow. The README lists them.
public enum InputBounds {
    /// USD amounts (cash, reserve, principal, notional, ATM capacity, daily volume): up to ten
    /// trillion dollars.
    public static let usd: ClosedRange<Double> = 0...1e13
    /// Operating cash flow a year, USD (negative for a burn).
    public static let operatingUSDPerYear: ClosedRange<Double> = -1e12...1e12
    /// BTC units: no more than will ever exist.
    public static let btc: ClosedRange<Double> = 0...21e6
    /// BTC price and share prices, USD: a cent to a hundred million.
    public static let price: ClosedRange<Double> = 0.01...1e8
    /// Share counts (outstanding, authorised, fund shares, pledged shares).
    public static let shares: ClosedRange<Double> = 0...1e14
    /// BTC behind one fund share.
    public static let btcPerShare: ClosedRange<Double> = 1e-9...1
    /// Rates a year (coupons, loan and dividend rates), fund expense ratios.
    public static let rate: ClosedRange<Double> = 0...1
    /// Loan-to-value thresholds.
    public static let ltv: ClosedRange<Double> = 0.01...1
    /// Fractions below one: discounts, slippage, a fund's discount in a scenario.
    public static let fraction: ClosedRange<Double> = 0...0.99
    /// Days: cure periods, prefunding windows.
    public static let days: ClosedRange<Int> = 0...365
    /// mNAV levels (floor, cap, ATM minimum).
    public static let mnav: ClosedRange<Double> = 0...1000
    /// Exponents of the equity model (mNAV elasticity, beta).
    public static let exponent: ClosedRange<Double> = -10...10
    /// A fund's premium to NAV (−0.9 = a 90 % discount).
    public static let premium: ClosedRange<Double> = -0.9...10
    /// Covenant limits, in the metric's unit.
    public static let covenantLimit: ClosedRange<Double> = -1e15...1e15
    /// Scenario moves as fractions: BTC and equity shocks (−0.99 to +100×), rate shifts.
    public static let shock: ClosedRange<Double> = -0.99...100
    public static let rateShift: ClosedRange<Double> = -0.2...1
    /// A waypoint's BTC price as a multiple of today's.
    public static let multiple: ClosedRange<Double> = 0.0001...1000
    /// Monte Carlo parameters a year (drift, volatility) and per jump (mean, standard deviation).
    public static let annualMoment: ClosedRange<Double> = -10...10
    public static let jumpMoment: ClosedRange<Double> = -5...5

    /// Most elements of a kind one file may hold: far above any real treasury or board set, and
    /// low enough that the largest accepted file runs in seconds (README, "Ranges").
    public static let maxInstruments = 300
    public static let maxCovenants = 100
    public static let maxFundStakes = 50
    public static let maxDates = 400
    public static let maxScenarios = 100
    public static let maxMonteCarloRuns = 10
    public static let maxWaypoints = 3650
    /// Most holders in a system file (each is simulated twice per scenario and per Monte Carlo path).
    public static let maxHolders = 50

    /// "NAME (VALUE) must be between LOW and HIGH", or nil when the value is inside.
    public static func problem(_ name: String, _ value: Double, _ range: ClosedRange<Double>) -> String? {
        range.contains(value) ? nil : "\(name) (\(value)) must be between \(range.lowerBound) and \(range.upperBound)"
    }

    /// The same for whole numbers.
    public static func problem(_ name: String, _ value: Int, _ range: ClosedRange<Int>) -> String? {
        range.contains(value) ? nil : "\(name) (\(value)) must be between \(range.lowerBound) and \(range.upperBound)"
    }
}

extension Treasury {
    /// Every number of the treasury checked against `InputBounds`, located at its element.
    func boundsProblems() -> [InputDiagnostic] {
        var problems: [InputDiagnostic] = []
        func check(_ message: String?, _ at: SourceLocation?) {
            if let message { problems.append(InputDiagnostic(message, at: at ?? location)) }
        }
        typealias B = InputBounds
        func count(_ what: String, _ n: Int, _ limit: Int, _ at: SourceLocation?) {
            if n > limit { check("\(n) \(what); a treasury may hold at most \(limit)", at) }
        }
        count("instruments (convertible notes, loans and preferreds)", instrumentIDs.count, B.maxInstruments, location)
        count("covenants", covenants.count, B.maxCovenants, location)
        count("fund stakes", holdings.fundStakes.count, B.maxFundStakes, location)
        for note in convertibleNotes { count("put dates in convertibleNote \"\(note.id)\"", note.putDates.count, B.maxDates, note.location) }
        for series in preferreds {
            count("payment dates in preferred \"\(series.id)\"", series.paymentDates.count, B.maxDates, series.location)
        }
        check(B.problem("market btcPrice", market.btcPrice, B.price), location)
        check(B.problem("market btcDailyVolumeUSD", market.btcDailyVolumeUSD, 1e6...B.usd.upperBound), location)
        if let impact = market.priceImpact {
            for message in impact.boundsProblems() { check(message, impact.location ?? location) }
        }
        check(B.problem("bitcoin units", holdings.bitcoinUnits, B.btc), location)
        check(B.problem("bitcoin costBasisUSD", holdings.costBasisUSD, B.usd), location)
        check(B.problem("cash usd", holdings.cashUSD, B.usd), location)
        check(B.problem("reserve usd", holdings.reserve.usd, B.usd), location)
        for stake in holdings.fundStakes {
            let label = "fundStake \"\(stake.id)\""
            check(B.problem("\(label): shares", stake.shares, B.shares), stake.location)
            check(B.problem("\(label): btcPerShare", stake.btcPerShare, B.btcPerShare), stake.location)
            check(B.problem("\(label): expenseRatio", stake.expenseRatio, B.rate), stake.location)
            check(B.problem("\(label): premium", stake.premium, B.premium), stake.location)
            check(B.problem("\(label): saleCost", stake.saleCost, 0...0.5), stake.location)
        }
        check(B.problem("equity sharesOutstanding", equity.sharesOutstanding, 1...B.shares.upperBound), location)
        check(B.problem("equity sharePrice", equity.sharePrice, B.price), location)
        if equity.authorizedShares.isFinite {
            check(B.problem("equity authorizedShares", equity.authorizedShares, B.shares), location)
        }
        switch equity.model {
        case .mnav(let elasticity, let floor, let cap):
            check(B.problem("mnav elasticity", elasticity, B.exponent), location)
            check(B.problem("mnav floor", floor, B.mnav), location)
            check(B.problem("mnav cap", cap, B.mnav), location)
        case .beta(let beta):
            check(B.problem("beta value", beta, B.exponent), location)
        }
        if let atm = equity.atm {
            check(B.problem("atm capacityUSD", atm.capacityUSD, B.usd), location)
            check(B.problem("atm maxDailyUSD", atm.maxDailyUSD, B.usd), location)
            check(B.problem("atm minMNAV", atm.minMNAV, B.mnav), location)
            check(B.problem("atm discount", atm.discount, B.fraction), location)
        }
        for note in convertibleNotes {
            let label = "convertibleNote \"\(note.id)\""
            check(B.problem("\(label): principal", note.principal, B.usd), note.location)
            check(B.problem("\(label): coupon", note.coupon, B.rate), note.location)
            check(B.problem("\(label): conversionPrice", note.conversionPrice, B.price), note.location)
            check(B.problem("\(label): stockRepaymentDiscount", note.stockRepaymentDiscount, B.fraction), note.location)
            if let call = note.issuerCall {
                check(B.problem("\(label): callTrigger", call.triggerRatio, 0.5...10), note.location)
                check(B.problem("\(label): callWindowDays", call.windowDays, 1...250), note.location)
                if call.requiredDays < 1 || call.requiredDays > call.windowDays {
                    check("\(label): callDays (\(call.requiredDays)) must be between 1 and callWindowDays (\(call.windowDays))", note.location)
                }
            }
        }
        for loan in loans {
            let label = "btcLoan \"\(loan.id)\""
            check(B.problem("\(label): principal", loan.principal, B.usd), loan.location)
            check(B.problem("\(label): rate", loan.rate, B.rate), loan.location)
            check(B.problem("\(label): marginCallLTV", loan.marginCallLTV, B.ltv), loan.location)
            check(B.problem("\(label): liquidationLTV", loan.liquidationLTV, B.ltv), loan.location)
            check(B.problem("\(label): targetLTV", loan.targetLTV, B.ltv), loan.location)
            check(B.problem("\(label): cureDays", loan.cureDays, B.days), loan.location)
            switch loan.collateral {
            case .bitcoin(let units): check(B.problem("\(label): collateralBTC", units, B.btc), loan.location)
            case .fundShares(_, let shares): check(B.problem("\(label): collateralShares", shares, B.shares), loan.location)
            }
        }
        for series in preferreds {
            let label = "preferred \"\(series.id)\""
            check(B.problem("\(label): notional", series.notional, B.usd), series.location)
            check(B.problem("\(label): rate", series.rate, B.rate), series.location)
        }
        for covenant in covenants {
            let label = "covenant \"\(covenant.id)\""
            if let minimum = covenant.minimum { check(B.problem("\(label): min", minimum, B.covenantLimit), covenant.location) }
            if let maximum = covenant.maximum { check(B.problem("\(label): max", maximum, B.covenantLimit), covenant.location) }
        }
        check(B.problem("policy minCashUSD", policy.minCashUSD, B.usd), location)
        check(B.problem("policy btcSaleSlippage", policy.btcSaleSlippage, B.fraction), location)
        check(B.problem("policy prefundDays", policy.prefundDays, B.days), policy.location ?? location)
        if let months = policy.reserveFloorMonths {
            check(B.problem("policy reserveFloorMonths", months, 0...120), policy.location ?? location)
        }
        if let threshold = policy.sellBitcoinBelowMNAV {
            check(B.problem("policy sellBitcoinBelowMNAV", threshold, B.mnav), policy.location ?? location)
        }
        if let accumulate = policy.accumulate {
            let at = accumulate.location ?? policy.location ?? location
            check(B.problem("policy accumulate minMNAV", accumulate.minMNAV, B.mnav), at)
            check(B.problem("policy accumulate maxDailyUSD", accumulate.maxDailyUSD, B.usd), at)
            if equity.atm == nil { check("policy accumulate: issues through the ATM; add an <atm> programme to <equity>", at) }
        }
        if let buyback = policy.buyback {
            let at = buyback.location ?? policy.location ?? location
            check(B.problem("policy buyback maxMNAV", buyback.maxMNAV, B.mnav), at)
            check(B.problem("policy buyback maxDailyUSD", buyback.maxDailyUSD, B.usd), at)
            check(B.problem("policy buyback capacityUSD", buyback.capacityUSD, B.usd), at)
            if let limit = buyback.maxLeverage { check(B.problem("policy buyback maxLeverage", limit, 0...100), at) }
        }
        if let refinance = policy.refinance {
            let at = refinance.location ?? policy.location ?? location
            check(B.problem("policy refinance spread", refinance.spread, B.rate), at)
            check(B.problem("policy refinance termYears", refinance.termYears, 0.25...30), at)
            if let minimum = refinance.minMNAV { check(B.problem("policy refinance minMNAV", minimum, B.mnav), at) }
            let rollable = Set(convertibleNotes.map(\.id) + loans.map(\.id))
            for id in refinance.instruments where !rollable.contains(id) {
                check("policy refinance instruments: \"\(id)\" is not a convertible note or BTC-backed loan of this treasury"
                      + (preferreds.contains { $0.id == id } ? " (preferred stock has no maturity to roll)" : ""), at)
            }
        }
        check(B.problem("treasury operatingCashFlowUSDPerYear", operatingCashFlowUSDPerYear, B.operatingUSDPerYear), location)
        return problems
    }
}

extension ScenarioSet {
    /// Every number of the set checked against `InputBounds`, located at its element.
    func boundsProblems() -> [InputDiagnostic] {
        var problems: [InputDiagnostic] = []
        typealias B = InputBounds
        if scenarios.count > B.maxScenarios {
            problems.append(InputDiagnostic("\(scenarios.count) scenarios; a set may hold at most \(B.maxScenarios)", at: location))
        }
        if monteCarlo.count > B.maxMonteCarloRuns {
            problems.append(InputDiagnostic("\(monteCarlo.count) monteCarlo runs; a set may hold at most \(B.maxMonteCarloRuns)", at: location))
        }
        for scenario in scenarios {
            let label = "scenario \"\(scenario.id)\""
            let at = scenario.location ?? location
            func check(_ message: String?) { if let message { problems.append(InputDiagnostic(message, at: at)) } }
            switch scenario.path {
            case .instant(let shock): check(B.problem("\(label): btcShock", shock, B.shock))
            case .waypoints(let points):
                if points.count > B.maxWaypoints { check("\(label): \(points.count) points; a path may hold at most \(B.maxWaypoints)") }
                for point in points.prefix(B.maxWaypoints) {
                    check(B.problem("\(label): point btc", point.multiple, B.multiple))
                    check(B.problem("\(label): point day", point.day, 1...horizonDays))
                }
            case .historical: break
            }
            check(B.problem("\(label): equityShock", scenario.equityShock, B.shock))
            check(B.problem("\(label): fundDiscount", scenario.fundDiscount, -B.fraction.upperBound...B.fraction.upperBound))
            check(B.problem("\(label): rateShift", scenario.rateShift, B.rateShift))
            if let closed = scenario.marketsClosed {
                check(B.problem("\(label): marketsClosed from", closed.lowerBound, 0...horizonDays))
                check(B.problem("\(label): marketsClosed to", closed.upperBound, 0...horizonDays))
            }
            check(B.problem("\(label): volumeShock", scenario.volumeShock, B.shock))
            if let days = scenario.volumeShockDays {
                check(B.problem("\(label): volumeShock from", days.lowerBound, 0...horizonDays))
                check(B.problem("\(label): volumeShock to", days.upperBound, 0...horizonDays))
            }
        }
        for spec in monteCarlo {
            let label = "monteCarlo \"\(spec.id)\""
            let at = spec.location ?? location
            func check(_ message: String?) { if let message { problems.append(InputDiagnostic(message, at: at)) } }
            switch spec.model {
            case .gbm(let drift, let volatility):
                check(B.problem("\(label): drift", drift, B.annualMoment))
                check(B.problem("\(label): volatility", volatility, 0...B.annualMoment.upperBound))
            case .jumpDiffusion(let drift, let volatility, _, let mean, let std):
                check(B.problem("\(label): drift", drift, B.annualMoment))
                check(B.problem("\(label): volatility", volatility, 0...B.annualMoment.upperBound))
                check(B.problem("\(label): jumpMean", mean, B.jumpMoment))
                check(B.problem("\(label): jumpStdDev", std, 0...B.jumpMoment.upperBound))
            case .bootstrap: break
            }
        }
        if let map = probabilityMap {
            let label = "probabilityMap \"\(map.id)\""
            let at = map.location ?? location
            func check(_ message: String?) { if let message { problems.append(InputDiagnostic(message, at: at)) } }
            check(B.problem("\(label): paths", map.paths, 1...100_000))
            check(B.problem("\(label): priceSteps", map.priceMultiples.count, 1...40))
            check(B.problem("\(label): mnavSteps", map.mnavs.count, 1...40))
            if let low = map.priceMultiples.first, let high = map.priceMultiples.last {
                check(B.problem("\(label): priceFrom", low, 0.01...100))
                check(B.problem("\(label): priceTo", high, 0.01...100))
                if low > high { check("\(label): priceFrom (\(low)) must not be above priceTo (\(high))") }
            }
            if let low = map.mnavs.first, let high = map.mnavs.last {
                check(B.problem("\(label): mnavFrom", low, 0.01...100))
                check(B.problem("\(label): mnavTo", high, 0.01...100))
                if low > high { check("\(label): mnavFrom (\(low)) must not be above mnavTo (\(high))") }
            }
            // Each cell runs every path: cap the work a file can ask for.
            let work = map.paths * map.priceMultiples.count * map.mnavs.count
            if work > 20_000_000 { check("\(label): \(work) cell-paths; at most 20,000,000 (paths × priceSteps × mnavSteps)") }
        }
        return problems
    }
}

extension PriceImpact {
    /// Each parameter outside its range, as a message.
    func boundsProblems() -> [String] {
        typealias B = InputBounds
        return [
            B.problem("priceImpact: coefficient", coefficient, 0.001...10),
            dailyVolatility.flatMap { B.problem("priceImpact: dailyVolatility", $0, 0.0001...1) },
            B.problem("priceImpact: permanentFraction", permanentFraction, 0...1),
            B.problem("priceImpact: halfLifeDays", halfLifeDays, 0.1...3650),
            B.problem("priceImpact: maxParticipation", maxParticipation, 0.0001...1),
        ].compactMap { $0 }
    }
}

extension MarketSystem {
    /// Every number of the system file (holders aside) checked against `InputBounds`, located.
    public func validationProblems() -> [InputDiagnostic] {
        typealias B = InputBounds
        var problems: [InputDiagnostic] = []
        func check(_ message: String?, _ at: SourceLocation?) {
            if let message { problems.append(InputDiagnostic(message, at: at ?? location)) }
        }
        check(B.problem("system btcPrice", btcPrice, B.price), location)
        check(B.problem("system horizonDays", horizonDays, 1...3650), location)
        check(B.problem("market btcDailyVolumeUSD", btcDailyVolumeUSD, 1e6...B.usd.upperBound), location)
        for message in priceImpact.boundsProblems() { check(message, priceImpact.location ?? location) }
        for band in leveragedLongs {
            check(B.problem("band: liquidationPrice", band.liquidationPrice, B.price), band.location)
            check(B.problem("band: notionalUSD", band.notionalUSD, B.usd), band.location)
        }
        if let flows = fundFlows {
            check(B.problem("fundFlows: outflowUSDPerPercentDrawdown", flows.outflowUSDPerPercentDrawdown, 0...1e12), location)
            check(B.problem("fundFlows: lagDays", flows.lagDays, B.days), location)
        }
        return problems
    }
}
