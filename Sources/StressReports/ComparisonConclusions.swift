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
            // Why, for the forced-sale price: what drives the base's first sale and the winner's.
            if label.hasPrefix("Lowest BTC price"), let winner = winners.first, winner != 0 {
                let driver = { (s: StructureComparison.Structure) -> String? in
                    s.report.ladder.first { $0.trigger.kind == .forcedSale }.flatMap { DriverWording.sentence($0, in: s.report) }
                }
                if let why = driver(base) { line += " \(name(base)): \(why)" }
                if let why = driver(structures[winner]) { line += " \(name(structures[winner])): \(why)" }
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
                + (later.isEmpty ? "" : "; \(DriverWording.list(later.map { "\($0.id) matures \($0.maturity?.description ?? "")" }))")
                + ": what falls due after the horizon is not stressed, so part of its advantage is timing.")
        }
        return lines
    }
}
