extension Treasury {
    /// Checks the treasury's meaning (what a schema cannot): dates in order, LTV thresholds rising,
    /// references to instruments that exist, collateral that is held. Returns every problem found,
    /// each located at the element it is about; empty when the treasury can be simulated.
    public func validationProblems() -> [InputDiagnostic] {
        var problems: [InputDiagnostic] = []
        func problem(_ message: String, _ location: SourceLocation?) {
            problems.append(InputDiagnostic(message, at: location ?? self.location))
        }

        if equity.sharesOutstanding > equity.authorizedShares {
            problem("equity sharesOutstanding (\(equity.sharesOutstanding)) exceeds authorizedShares (\(equity.authorizedShares))", location)
        }
        if case .mnav(_, let floor, let cap) = equity.model, !(floor < cap) {
            problem("mnav floor (\(floor)) must be below cap (\(cap))", location)
        }

        var seen: [String: SourceLocation?] = [:]
        let declared: [(String, SourceLocation?)] =
            convertibleNotes.map { ($0.id, $0.location) } + loans.map { ($0.id, $0.location) }
            + preferreds.map { ($0.id, $0.location) } + holdings.fundStakes.map { ($0.id, $0.location) }
            + covenants.map { ($0.id, $0.location) }
        for (id, location) in declared {
            if seen[id] != nil {
                problem("id \"\(id)\" is used twice; every instrument, fund stake and covenant needs its own id", location)
            }
            seen[id] = location
        }

        for note in convertibleNotes {
            let label = "convertibleNote \"\(note.id)\""
            if note.maturity <= asOf {
                problem("\(label): maturity (\(note.maturity)) must be after asOf (\(asOf))", note.location)
            }
            if note.couponsPerYear < 0 || (note.couponsPerYear > 0 && 12 % note.couponsPerYear != 0) {
                problem("\(label): couponsPerYear (\(note.couponsPerYear)) must be 1, 2, 3, 4, 6 or 12", note.location)
            }
            for (a, b) in zip(note.putDates, note.putDates.dropFirst()) where !(a < b) {
                problem("\(label): putDates must be in increasing order (\(a) then \(b))", note.location)
            }
            for date in note.putDates where date <= asOf || date >= note.maturity {
                problem("\(label): put date \(date) must fall after asOf (\(asOf)) and before maturity (\(note.maturity))", note.location)
            }
        }

        var pledgedBTC = 0.0
        var pledgedShares: [String: Double] = [:]
        for loan in loans {
            let label = "btcLoan \"\(loan.id)\""
            if loan.maturity <= asOf {
                problem("\(label): maturity (\(loan.maturity)) must be after asOf (\(asOf))", loan.location)
            }
            if !(loan.liquidationLTV > loan.marginCallLTV) {
                problem("\(label): liquidationLTV (\(loan.liquidationLTV)) must be above marginCallLTV (\(loan.marginCallLTV))", loan.location)
            }
            if !(loan.targetLTV < loan.marginCallLTV) {
                problem("\(label): targetLTV (\(loan.targetLTV)) must be below marginCallLTV (\(loan.marginCallLTV))", loan.location)
            }
            switch loan.collateral {
            case .bitcoin(let units):
                if !(units > 0) { problem("\(label): collateralBTC (\(units)) must be above 0", loan.location) }
                pledgedBTC += units
            case .fundShares(let stakeID, let shares):
                if !holdings.fundStakes.contains(where: { $0.id == stakeID }) {
                    let known = holdings.fundStakes.map(\.id).joined(separator: ", ")
                    problem("\(label): collateralFund \"\(stakeID)\" is not a fundStake (known: \(known.isEmpty ? "none" : known))", loan.location)
                }
                if !(shares > 0) { problem("\(label): collateralShares (\(shares)) must be above 0", loan.location) }
                pledgedShares[stakeID, default: 0] += shares
            }
        }
        for note in convertibleNotes {
            guard let security = note.security else { continue }
            let label = "convertibleNote \"\(note.id)\""
            if !(security.collateralBTC > 0) { problem("\(label): collateralBTC (\(security.collateralBTC)) must be above 0", note.location) }
            if !(security.advanceRate > 0 && security.advanceRate <= 1) {
                problem("\(label): advanceRate (\(security.advanceRate)) must be above 0 and at most 1", note.location)
            }
            if let r = security.redemptionCoverage, !(r > 0 && r <= 10) {
                problem("\(label): redemptionCoverage (\(r)) must be above 0 and at most 10", note.location)
            }
            if !(0...365).contains(security.cureDays) {
                problem("\(label): collateralCureDays (\(security.cureDays)) must be between 0 and 365", note.location)
            }
            pledgedBTC += security.collateralBTC
        }
        if pledgedBTC > holdings.bitcoinUnits * (1 + 1e-12) {
            problem("loans and secured notes pledge \(pledgedBTC) BTC but the treasury holds \(holdings.bitcoinUnits) BTC", location)
        }
        for stake in holdings.fundStakes where (pledgedShares[stake.id] ?? 0) > stake.shares * (1 + 1e-12) {
            problem("fundStake \"\(stake.id)\": loans pledge \(pledgedShares[stake.id] ?? 0) shares but it holds \(stake.shares)", stake.location)
        }

        for preferred in preferreds where ![1, 2, 4, 12].contains(preferred.paymentsPerYear) {
            problem("preferred \"\(preferred.id)\": paymentsPerYear (\(preferred.paymentsPerYear)) must be 1, 2, 4 or 12", preferred.location)
        }

        let instruments = Set(instrumentIDs)
        let loanIDs = Set(loans.map(\.id))
        for covenant in covenants {
            let label = "covenant \"\(covenant.id)\""
            if covenant.minimum == nil && covenant.maximum == nil {
                problem("\(label): give min or max", covenant.location)
            }
            if let minimum = covenant.minimum, let maximum = covenant.maximum, !(minimum < maximum) {
                problem("\(label): min (\(minimum)) must be below max (\(maximum))", covenant.location)
            }
            switch covenant.metric {
            case .ltv:
                if let subject = covenant.subject {
                    if !loanIDs.contains(subject) {
                        problem("\(label): subject \"\(subject)\" is not a btcLoan (known: \(loanIDs.sorted().joined(separator: ", ")))", covenant.location)
                    }
                } else {
                    problem("\(label): metric ltv needs subject=\"LOAN-ID\"", covenant.location)
                }
            case .coverage:
                if let subject = covenant.subject {
                    if !instruments.contains(subject) {
                        problem("\(label): subject \"\(subject)\" is not an instrument", covenant.location)
                    }
                } else {
                    problem("\(label): metric coverage needs subject=\"INSTRUMENT-ID\"", covenant.location)
                }
            default: break
            }
            for id in covenant.accelerates where !instruments.contains(id) {
                problem("\(label): instruments names \"\(id)\", which is not a convertibleNote, btcLoan or preferred", covenant.location)
            }
            if covenant.consequence == .accelerate && covenant.accelerates.isEmpty {
                problem("\(label): consequence accelerate needs instruments=\"ID …\"", covenant.location)
            }
        }

        var sources = Set<FundingSource>()
        for source in policy.fundingOrder where !sources.insert(source).inserted {
            problem("policy fundingOrder lists \(source.rawValue) twice", location)
        }
        return problems + boundsProblems()
    }

    /// Throws every validation problem at once, or returns when there is none.
    public func validate() throws(InputError) {
        let problems = validationProblems()
        if !problems.isEmpty { throw InputError(problems) }
    }
}

extension ScenarioSet {
    /// Checks the set's meaning: a positive horizon, waypoints in order, windows forward in time.
    public func validationProblems() -> [InputDiagnostic] {
        var problems: [InputDiagnostic] = []
        if !(1...3650).contains(horizonDays) {
            problems.append(InputDiagnostic("scenarioSet horizonDays (\(horizonDays)) must be between 1 and 3650", at: location))
        }
        var ids = Set<String>()
        for scenario in scenarios {
            let label = "scenario \"\(scenario.id)\""
            let at = scenario.location ?? location
            if !ids.insert(scenario.id).inserted {
                problems.append(InputDiagnostic("\(label): id is used twice", at: at))
            }
            switch scenario.path {
            case .instant:
                break  // its range is checked with the other numbers (`boundsProblems`)
            case .waypoints(let points):
                if points.isEmpty { problems.append(InputDiagnostic("\(label): a path needs at least one point", at: at)) }
                var previous = 0
                for point in points {
                    if point.day <= previous {
                        problems.append(InputDiagnostic("\(label): point days must increase from 1 (day \(point.day) after day \(previous))", at: at))
                    }
                    previous = point.day
                }
            case .historical(let from, let to):
                if !(from < to) {
                    problems.append(InputDiagnostic("\(label): from (\(from)) must be before to (\(to))", at: at))
                }
            }
        }
        for spec in monteCarlo {
            if !ids.insert(spec.id).inserted {
                problems.append(InputDiagnostic("monteCarlo \"\(spec.id)\": id is used twice", at: spec.location ?? location))
            }
            problems += spec.validationProblems()
        }
        return problems + boundsProblems()
    }

    /// Throws every validation problem at once, or returns when there is none.
    public func validate() throws(InputError) {
        let problems = validationProblems()
        if !problems.isEmpty { throw InputError(problems) }
    }
}
