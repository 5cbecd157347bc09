public import TreasuryModel
public import StressResults

/// The settlement advisor (issue 9): for one scenario, the election per convertible (stock,
/// cash or mixed) that sells the least BTC without a missed payment. Ranked: no missed payment
/// first, then less unpaid, less BTC sold, less dilution; ties keep the treasury's own election.
/// Every combination is tried up to four notes (81 runs); beyond, one note at a time from the
/// treasury's own elections, until a pass changes nothing (at most three passes).
public enum SettlementAdvisor {
    /// Most notes searched exhaustively.
    public static let exhaustiveNotes = 4

    /// The advice for `treasury` on `path` under `conditions` over `horizonDays`; nil without convertibles.
    ///
    /// `ownOutcome`, the scenario already run with the treasury's own elections and its events,
    /// saves the search where no note converts: until a first conversion every election gives
    /// the same run, so without one no election can change anything.
    public static func advise(_ treasury: Treasury, horizonDays: Int, path: PricePath,
                              conditions: ScenarioConditions, ownOutcome: ScenarioOutcome? = nil) -> SettlementAdvice? {
        let notes = treasury.convertibleNotes
        guard !notes.isEmpty else { return nil }
        let own = notes.map(\.election)
        if let ownOutcome, !ownOutcome.events.contains(where: { $0.kind == .conversion }) {
            return SettlementAdvice(
                elections: notes.map { .init(note: $0.id, election: $0.election, own: $0.election) },
                btcSold: ownOutcome.btcSold, dilution: ownOutcome.dilution, defaulted: !ownOutcome.survived,
                ownBTCSold: ownOutcome.btcSold, ownDilution: ownOutcome.dilution, ownDefaulted: !ownOutcome.survived,
                exhaustive: notes.count <= exhaustiveNotes)
        }
        struct Score: Comparable {
            var defaulted: Bool, unpaid: Double, btcSold: Double, dilution: Double
            static func < (a: Score, b: Score) -> Bool {
                (a.defaulted ? 1 : 0, a.unpaid, a.btcSold, a.dilution) < (b.defaulted ? 1 : 0, b.unpaid, b.btcSold, b.dilution)
            }
        }
        var cache: [[SettlementElection]: Score] = [:]
        func score(_ elections: [SettlementElection]) -> Score {
            if let known = cache[elections] { return known }
            var variant = treasury
            for i in variant.convertibleNotes.indices { variant.convertibleNotes[i].election = elections[i] }
            let outcome = TreasurySimulator(treasury: variant, horizonDays: horizonDays)
                .run(path: path, conditions: conditions, recordEvents: false, recordSeries: false)
            // Amounts within a cent or a satoshi of each other count as equal, so a tie keeps the own election.
            let result = Score(defaulted: !outcome.survived, unpaid: (outcome.unpaidUSD * 100).rounded(),
                               btcSold: (outcome.btcSold * 1e8).rounded(), dilution: (outcome.dilution * 1e8).rounded())
            cache[elections] = result
            return result
        }
        let options = SettlementElection.allCases
        var best = own
        var bestScore = score(own)
        let exhaustive = notes.count <= exhaustiveNotes
        if exhaustive {
            var combination = Array(repeating: 0, count: notes.count)
            while true {
                let elections = combination.map { options[$0] }
                let s = score(elections)
                if s < bestScore { (best, bestScore) = (elections, s) }
                var k = 0
                while k < combination.count {
                    combination[k] += 1
                    if combination[k] < options.count { break }
                    combination[k] = 0
                    k += 1
                }
                if k == combination.count { break }
            }
        } else {
            for _ in 0..<3 {
                var changed = false
                for i in notes.indices {
                    for option in options where option != best[i] {
                        var trial = best
                        trial[i] = option
                        let s = score(trial)
                        if s < bestScore { (best, bestScore, changed) = (trial, s, true) }
                    }
                }
                if !changed { break }
            }
        }
        let mine = score(own)
        return SettlementAdvice(
            elections: notes.indices.map { .init(note: notes[$0].id, election: best[$0], own: own[$0]) },
            btcSold: bestScore.btcSold / 1e8, dilution: bestScore.dilution / 1e8, defaulted: bestScore.defaulted,
            ownBTCSold: mine.btcSold / 1e8, ownDilution: mine.dilution / 1e8, ownDefaulted: mine.defaulted, exhaustive: exhaustive)
    }
}
