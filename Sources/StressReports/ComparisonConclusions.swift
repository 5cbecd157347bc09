import StressResults
import TreasuryModel

/// What a comparison concludes, in sentences: which structure does best on each measure and
/// why, which columns are the base's in all but name, and where a structure looks better only
/// because its debt falls due after the horizon.
enum ComparisonConclusions {
    /// The sentences for `structures` (the first is the base).
    static func sentences(_ structures: [StructureComparison.Structure]) -> [String] {
        guard let base = structures.first, structures.count > 1 else { return [] }
        var lines: [String] = []
        func name(_ s: StructureComparison.Structure) -> String { BidiIsolation.isolate(s.name) }
        // Measures over the scenario set: lower is better for each.
        let measures: [(String, (StressReport) -> Double, (Double) -> String)] = [
            ("Least BTC sold across all scenarios", { $0.scenarios.reduce(0) { $0 + $1.btcSold } }, { DisplayFormat.btc($0) }),
            ("Least dilution in the worst scenario", { $0.scenarios.map(\.dilution).max() ?? 0 }, { DisplayFormat.signedPercent($0) }),
            ("Fewest scenarios with a forced sale or worse", { Double($0.scenarios.filter { $0.status != .survived }.count) }, { String(Int($0)) }),
            ("Lowest BTC price at which the first forced sale fires", { report in
                guard let rung = report.ladder.first(where: { $0.trigger.kind == .forcedSale }) else { return 0 }
                switch rung.status {
                case .fires: return rung.btcPrice ?? 0
                case .always: return .infinity
                case .never: return 0
                }
            }, { $0.isInfinite ? "any price" : $0 == 0 ? "never" : DisplayFormat.price($0) }),
        ]
        for (label, measure, format) in measures {
            let values = structures.map { measure($0.report) }
            guard let best = values.min(), values.contains(where: { $0 != best }) else {
                lines.append("\(label): the same for every structure (\(format(values.first ?? 0))).")
                continue
            }
            let winners = structures.indices.filter { values[$0] == best }
            var line = "\(label): " + DriverWording.list(winners.map { name(structures[$0]) })
                + (winners.contains(0) ? " (\(format(best)); the base is among them)." : " (\(format(best)), against \(format(values[0])) for \(name(base))).")
            if let winner = winners.first, winner != 0 {
                let why = reason(label, base: base, winner: structures[winner], name: name)
                if !why.isEmpty { line += " " + why }
            }
            lines.append(line)
        }
        // Columns that are the base's in all but name.
        let same = structures.dropFirst().filter { $0.report.scenarios == base.report.scenarios && $0.report.ladder == base.report.ladder }
        if !same.isEmpty {
            lines.append("Identical to \(name(base)) in every scenario and on the ladder: \(DriverWording.list(same.map(name))).")
        }
        // Debt due after the horizon is not stressed: less of it due inside looks safer than it is.
        let end = base.report.asOf.adding(days: base.report.horizonDays)
        func dueInside(_ r: StressReport) -> Double {
            r.instruments.filter { $0.kind != "preferred" && ($0.maturity.map { $0 <= end } ?? false) }.reduce(0) { $0 + $1.notionalUSD }
        }
        for s in structures.dropFirst() where dueInside(s.report) < dueInside(base.report) - 0.5 {
            let later = s.report.instruments.filter { $0.kind != "preferred" && ($0.maturity.map { $0 > end } ?? false) }
            lines.append("Caution: \(name(s)) has \(DisplayFormat.usd(dueInside(base.report) - dueInside(s.report))) less debt maturing "
                + "within the horizon (to \(end)) than \(name(base))"
                + (later.isEmpty ? "" : "; \(DriverWording.list(later.map { "\(DriverWording.instrument($0.id, in: s.report)) matures \($0.maturity?.description ?? "")" }))")
                + ": what falls due after the horizon is not stressed, so part of its advantage is timing.")
        }
        // The settlement advisor, per structure: the BTC another election saves across the set.
        for s in structures {
            let advised = s.report.scenarios.compactMap(\.settlementAdvice).filter(\.changesAnything)
            guard !advised.isEmpty else { continue }
            let saved = advised.reduce(0) { $0 + max(0, $1.ownBTCSold - $1.btcSold) }
            let avoided = advised.filter { $0.ownDefaulted && !$0.defaulted }.count
            lines.append("Settlement advisor for \(name(s)): other elections sell \(DisplayFormat.btc(saved)) less BTC across \(advised.count) scenario\(advised.count == 1 ? "" : "s")"
                + (avoided > 0 ? " and avoid a missed payment in \(avoided)" : "")
                + " (see its report for the elections).")
        }
        return lines
    }

    /// Why `winner` beats `base` on the measure `label`: the scenario where the gap is widest and
    /// what drove it (which obligation sold BTC, what issued the shares), in one or two sentences.
    static func reason(_ label: String, base: StructureComparison.Structure, winner: StructureComparison.Structure,
                       name: (StructureComparison.Structure) -> String) -> String {
        let pairs = Array(zip(base.report.scenarios, winner.report.scenarios))
        if label.hasPrefix("Least BTC sold") {
            guard let (b, w) = pairs.max(by: { $0.0.btcSold - $0.1.btcSold < $1.0.btcSold - $1.1.btcSold }),
                  b.btcSold > w.btcSold else { return "" }
            var why = "Why: the gap is widest in \(BidiIsolation.isolate(b.name)), where \(name(base)) sells \(DisplayFormat.btc(b.btcSold))"
            if let first = b.events.first(where: EventWording.soldBitcoin) {
                why += ", first for \(DriverWording.instrument(first.ref, in: base.report))'s \(DriverWording.obligation(first)) on "
                    + base.report.asOf.adding(days: first.day).description
            }
            return why + "; \(name(winner)) sells " + (w.btcSold > 0 ? DisplayFormat.btc(w.btcSold) : "none") + "."
        }
        if label.hasPrefix("Least dilution") {
            func worst(_ s: StructureComparison.Structure) -> ScenarioReport? { s.report.scenarios.max { $0.dilution < $1.dilution } }
            guard let b = worst(base), let w = worst(winner) else { return "" }
            func issued(_ s: ScenarioReport) -> String {
                let total = s.sharesEnd - s.sharesStart
                guard total > 0.5 else { return "issues no shares" }
                let sources = shareSources(s).sorted { $0.1 > $1.1 }
                let main = sources.count == 1 ? ", all through \(sources[0].0)"
                    : sources.first.map { ", mostly through \($0.0) (\(DisplayFormat.shares($0.1)))" } ?? ""
                return "issues \(DisplayFormat.shares(total)) shares (\(DisplayFormat.signedPercent(s.dilution)))\(main)"
            }
            return "Why: in its worst case, \(BidiIsolation.isolate(b.name)), \(name(base)) \(issued(b)); "
                + (w.id == b.id ? "\(name(winner)) there " : "\(name(winner))'s worst, \(BidiIsolation.isolate(w.name)), ")
                + "\(issued(w))."
        }
        if label.hasPrefix("Fewest scenarios") {
            let spared = pairs.filter { $0.0.status != .survived && $0.1.status == .survived }.map { BidiIsolation.isolate($0.0.name) }
            guard !spared.isEmpty else { return "" }
            return "Why: \(name(winner)) passes \(DriverWording.list(spared)) with no forced sale, where \(name(base)) does not."
        }
        if label.hasPrefix("Lowest BTC price") {
            let driver = { (s: StructureComparison.Structure) -> String? in
                s.report.ladder.first { $0.trigger.kind == .forcedSale }.flatMap { DriverWording.sentence($0, in: s.report) }
            }
            return [driver(base).map { "\(name(base)): \($0)" }, driver(winner).map { "\(name(winner)): \($0)" }]
                .compactMap { $0 }.joined(separator: " ")
        }
        return ""
    }

    /// Shares issued in a scenario by what issued them: stock delivered for conversions,
    /// repayments and dividends (each an event), and the ATM for the rest (it also raises ahead of
    /// payments, prefunding, which is no event of its own).
    static func shareSources(_ s: ScenarioReport) -> [(String, Double)] {
        var conversions = 0.0, repayments = 0.0, dividends = 0.0
        for event in s.events {
            switch event.kind {
            case .conversion:
                if case .conversionMixed = event.detail { conversions += event.shares } else if event.detail.funding == nil { conversions += event.shares }
            case .repaidInStock: repayments += event.shares
            case .dividendPaidInStock: dividends += event.shares
            default: break
            }
        }
        let atm = max(0, s.sharesEnd - s.sharesStart - conversions - repayments - dividends)
        return [("ATM issuance to prefund and pay obligations", atm), ("conversions settled in stock", conversions),
                ("notes repaid in stock", repayments), ("dividends paid in stock", dividends)].filter { $0.1 > 0.5 }
    }
}
