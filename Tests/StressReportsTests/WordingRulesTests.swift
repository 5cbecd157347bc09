import Foundation
import Testing
import StressResults
import TreasuryModel
import TreasuryXML
@testable import StressReports

/// Board-facing text never shows the engine's identifiers (`forcedSale`, `couponPaid`,
/// `covenantBreach`…): checked on the visible text of every page the tool renders (issue 11).
@Suite struct WordingRulesTests {
    /// The engine's camel-case identifiers: event kinds, trigger kinds, scenario statuses, missed
    /// obligations, event particulars and covenant metrics.
    static let identifiers: Set<String> = {
        var all = Set<String>()
        all.formUnion(SimulationEvent.Kind.allCases.map(\.rawValue))
        all.formUnion(Trigger.Kind.allCases.map(\.rawValue))
        all.formUnion(ScenarioReport.Status.allCases.map(\.rawValue))
        all.formUnion(MissedObligation.allCases.map(\.rawValue))
        all.formUnion(CovenantMetric.allCases.map(\.rawValue))
        all.formUnion(["convertibleNote", "btcLoan", "fundedByATM", "operatingCashReceived", "bitcoinSold", "covenantCured",
                       "marginCallCured", "sharesDelivered", "parRepaid", "conversionMixed", "conversionPaidInCash"])
        return all.filter { $0.contains(where: \.isUppercase) }
    }()

    /// The text a reader sees: no style, script, tags or SVG tooltips' markup.
    static func visibleText(_ html: String) -> String {
        var text = html
        for pattern in ["<style[\\s\\S]*?</style>", "<script[\\s\\S]*?</script>", "<[^>]+>"] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"")
    }

    static func rawIdentifiers(in html: String) -> [String] {
        let words = Set(visibleText(html).split { !$0.isLetter && !$0.isNumber }.map(String.init))
        return identifiers.filter { words.contains($0) }.sorted()
    }

    func sample(_ name: String) throws -> StressReport {
        try InputReader.report(try bytes("reports/samples/\(name).xml"), fileName: "\(name).xml")
    }

    @Test(arguments: ["strategy-like", "nakamoto-like", "ibit-fund"])
    func theBoardReportShowsNoIdentifier(_ name: String) throws {
        let html = try BoardReportRenderer().render(try sample(name))
        #expect(Self.rawIdentifiers(in: html).isEmpty, "\(Self.rawIdentifiers(in: html))")
    }

    @Test func theComparisonAndTheBatchIndexShowNoIdentifier() throws {
        let strategy = try sample("strategy-like"), nakamoto = try sample("nakamoto-like")
        let comparison = StructureComparison(structures: [
            .init(id: "strategy-like", name: strategy.treasuryName, source: "s.xml", sha256: "", report: strategy),
            .init(id: "nakamoto-like", name: nakamoto.treasuryName, source: "n.xml", sha256: "", report: nakamoto),
        ])
        let page = try BoardReportRenderer().renderComparison(comparison)
        #expect(Self.rawIdentifiers(in: page).isEmpty, "\(Self.rawIdentifiers(in: page))")
        var entries: [BatchEntry] = []
        for (report, status, trigger) in [(strategy, "forcedSales", "covenantBreach liquidity"), (nakamoto, "defaulted", "forcedSale (at any price)")] {
            var entry = BatchEntry(treasury: report.treasuryName, scenarioSet: "standard", outcome: .ok)
            var summary = QuarterSummary(quarter: "2026-Q1", treasury: entry.treasury, scenarioSet: "standard")
            summary.status = status
            summary.worstTrigger = trigger
            summary.worstTriggerPrice = trigger.hasSuffix("price)") ? nil : 54_367
            entry.summary = summary
            entries.append(entry)
        }
        let index = try BoardReportRenderer().renderIndex(quarter: "2026-Q1", entries: entries)
        #expect(Self.rawIdentifiers(in: index).isEmpty, "\(Self.rawIdentifiers(in: index))")
    }

    /// The check itself finds an identifier in visible text and ignores one in markup.
    @Test func theCheckFindsAnIdentifier() {
        #expect(Self.rawIdentifiers(in: "<p>3 × couponPaid</p>") == ["couponPaid"])
        #expect(Self.rawIdentifiers(in: "<p class=\"forcedSale\">Forced sale</p>").isEmpty)
    }
}
