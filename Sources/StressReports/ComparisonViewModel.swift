import Foundation
import StressResults
import TreasuryModel

/// The strings the comparison page shows: structures as columns, scenarios as rows, ladders
/// side by side, and BTC held per structure in one chart.
enum ComparisonViewModel {
    static func build(_ comparison: StructureComparison, css: String) -> [String: Any] {
        let structures = comparison.structures
        guard let base = structures.first else { return ["css": css] }
        let headers = structures.enumerated().map { i, s in
            ["name": s.name, "source": s.source, "color": SVGChart.palette[i % SVGChart.palette.count]]
        }
        let rows: [[String: Any]] = base.report.scenarios.indices.map { index in
            let cells: [[String: String]] = structures.map { structure in
                guard structure.report.scenarios.indices.contains(index) else { return ["css": "", "status": "—", "lines": ""] }
                let s = structure.report.scenarios[index]
                let status = BoardReportViewModel.statusWord(s.status)
                let change = s.btcPerShareStart > 0 ? s.btcPerShareEnd / s.btcPerShareStart - 1 : 0
                let sale = s.firstForcedSalePrice.map { "first forced sale at \(DisplayFormat.price($0))" } ?? "no forced sale"
                return ["css": status.css, "status": status.word,
                        "sold": "sold \(s.btcSold > 0 ? DisplayFormat.btc(s.btcSold) : "0 BTC")",
                        "dilution": "dilution \(DisplayFormat.signedPercent(s.dilution))",
                        "perShare": "BTC/share \(DisplayFormat.signedPercent(change))",
                        "liquidity": "low liquidity \(DisplayFormat.usd(s.minLiquidityUSD))", "sale": sale]
            }
            return ["scenario": base.report.scenarios[index].name, "cells": cells]
        }
        // Ladder rows: every trigger any structure has, in ladder order.
        var triggers: [Trigger] = []
        for s in structures { for rung in s.report.ladder where !triggers.contains(rung.trigger) { triggers.append(rung.trigger) } }
        triggers.sort()
        let ladder: [[String: Any]] = triggers.map { trigger in
            ["trigger": TriggerWording.name(trigger),
             "cells": structures.map { s -> [String: String] in
                 guard let rung = s.report.ladder.first(where: { $0.trigger == trigger }) else { return ["value": "—"] }
                 switch rung.status {
                 case .fires: return ["value": "\(DisplayFormat.price(rung.btcPrice ?? 0)) (\(DisplayFormat.signedPercent(rung.drawdown ?? 0)))"]
                 case .always: return ["value": "any price"]
                 case .never: return ["value": "never"]
                 }
             }]
        }
        var probabilities: [[String: Any]] = []
        if let run = base.report.monteCarlo.first {
            for kind in [Trigger.Kind.forcedSale, .defaultEvent] {
                probabilities.append([
                    "trigger": "P(\(kind == .forcedSale ? "forced sale" : "missed payment")), \(run.id), 95 % CI",
                    "cells": structures.map { s -> [String: String] in
                        guard let p = s.report.monteCarlo.first?.triggers.first(where: { $0.trigger.kind == kind }) else { return ["value": "—"] }
                        let interval = p.interval
                        return ["value": "\(DisplayFormat.percent(p.probability, decimals: 1)) (\(DisplayFormat.percent(interval.low, decimals: 1))–\(DisplayFormat.percent(interval.high, decimals: 1)))"]
                    },
                ])
            }
        }
        let chartID = comparison.chartScenario
        let chartName = base.report.scenarios.first { $0.id == chartID }?.name ?? chartID
        let series = structures.enumerated().map { i, s in
            SVGChart.Series(name: s.name,
                            points: ChartSampling.sampled(s.report.scenarios.first { $0.id == chartID }?.series ?? []).map { (Double($0.day), $0.btcHeld) },
                            color: SVGChart.palette[i % SVGChart.palette.count])
        }
        let chart = SVGChart.lines(series, title: "BTC held per structure: \(BidiIsolation.isolate(chartName))", xLabel: "days after \(base.report.asOf)",
                                   yFormat: { DisplayFormat.btc($0) }, yMin: 0)
        let alternatives = structures.dropFirst().map { BidiIsolation.isolate($0.name) }.joined(separator: ", ")
        let compared = "\(structures.count) debt structures compared"
        let conclusions = ComparisonConclusions.sentences(structures)
        return ["css": css, "title": "\(BidiIsolation.isolate(base.report.treasuryName)): \(compared)", "asOf": base.report.asOf.description,
                "conclusions": conclusions, "hasConclusions": !conclusions.isEmpty, "alternatives": "the base vs \(alternatives)",
                "scenarioSetName": base.report.scenarioSetName, "horizonDays": String(base.report.horizonDays),
                "toolVersion": base.report.toolVersion, "structures": headers, "rows": rows, "ladder": ladder,
                "probabilities": probabilities, "hasProbabilities": !probabilities.isEmpty, "chart": chart]
    }
}
