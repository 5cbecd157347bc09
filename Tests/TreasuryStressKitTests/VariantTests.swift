import Foundation
import Testing
import TreasuryModel
import TreasuryXML
import StressEngine
import StressResults
@testable import TreasuryStressKit

@Suite struct VariantTests {
    let base = [UInt8](FileManager.default.contents(atPath: path("examples/strategy-like.xml")) ?? Data())

    func apply(_ text: String) throws(InputError) -> [TreasuryVariant] {
        try TreasuryVariants.apply(variants: Array(text.utf8), fileName: "variants.xml", base: base, baseName: "strategy-like.xml")
    }

    func variants(_ body: String) -> String {
        """
        <variants xmlns="urn:treasury-stress:variants:1">
          <variant id="v" name="V">
        \(body)
          </variant>
        </variants>
        """
    }

    @Test func theExampleVariantsApply() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path("examples/strategy-variants.xml"))))
        let all = try TreasuryVariants.apply(variants: bytes, fileName: "strategy-variants.xml", base: base, baseName: "strategy-like.xml")
        #expect(all.map(\.id) == ["cash-settlement", "stock-settlement", "mixed-settlement", "2028-as-btc-loan", "atm-min-mnav-1.2",
                                  "refinance", "buyback-below-0.9"])
        #expect(all[0].treasury.convertibleNotes.allSatisfy { $0.election == .cash })
        #expect(all[2].treasury.convertibleNotes.allSatisfy { $0.election == .mixed })
        let loanVariant = all[3].treasury
        #expect(!loanVariant.convertibleNotes.contains { $0.id == "2028" })
        #expect(loanVariant.convertibleNotes.count == 5)
        #expect(loanVariant.loans.map(\.id) == ["btc-loan-2028"])
        #expect(loanVariant.loans.first?.principal == 1.01e9)
        #expect(all[4].treasury.equity.atm?.minMNAV == 1.2)
        #expect(all[5].treasury.policy.refinance == Refinancing(spread: 0.02, minMNAV: 1, termYears: 5))
        #expect(all[6].treasury.policy.buyback == Buyback(maxMNAV: 0.9, maxDailyUSD: 50e6, capacityUSD: 1e9, maxLeverage: 0.5, fundedBy: .bitcoin))
        #expect(all[6].treasury.policy.minCashUSD == 50e6)
    }

    @Test func addAndRemoveEditTheTree() throws {
        let text = variants("""
            <remove xpath="//t:covenant[@id='leverage']"/>
            <add xpath="/t:treasury/t:covenants">
              <covenant xmlns="urn:treasury-stress:treasury:1" id="cash-floor" metric="liquidityUSD" min="100e6"/>
            </add>
        """)
        let treasury = try #require(try apply(text).first).treasury
        #expect(treasury.covenants.map(\.id) == ["liquidity", "mnav-below-1", "STRD-coverage", "cash-floor"])
    }

    /// An XPath that selects an element and one of its descendants removes or replaces the outer
    /// one once (it used to free the inner one twice).
    @Test func nestedSelectionsAreEditedOnce() throws {
        let removed = try #require(try apply(variants("""
            <remove xpath="//t:covenants | //t:covenant"/>
        """)).first).treasury
        #expect(removed.covenants.isEmpty)
        let replaced = try #require(try apply(variants("""
            <replace xpath="//t:covenants | //t:covenant[@id='leverage']">
              <covenants xmlns="urn:treasury-stress:treasury:1"><covenant id="cash-floor" metric="liquidityUSD" min="100e6"/></covenants>
            </replace>
        """)).first).treasury
        #expect(replaced.covenants.map(\.id) == ["cash-floor"])
    }

    @Test func twoVariantsWithOneIdAreRefused() throws {
        let text = """
            <variants xmlns="urn:treasury-stress:variants:1">
              <variant id="v" name="A"><set xpath="/t:treasury/t:market" attribute="btcPrice" value="100000"/></variant>
              <variant id="v" name="B"><set xpath="/t:treasury/t:market" attribute="btcPrice" value="90000"/></variant>
            </variants>
            """
        do {
            _ = try apply(text)
            Issue.record("accepted two variants with one id")
        } catch {
            #expect(error.description == "variants.xml:3:3: variant \"v\": id is used twice; give each variant its own id")
        }
    }

    @Test func anXPathThatMatchesNothingIsALocatedError() throws {
        let text = variants("""
            <set xpath="//t:convertibleNote[@id='2099']" attribute="election" value="cash"/>
        """)
        #expect(throws: InputError.self) { try apply(text) }
        do { _ = try apply(text) } catch {
            #expect(error.description == "variants.xml:3:5: variant \"v\": xpath \"//t:convertibleNote[@id='2099']\" matches nothing in the base treasury (use the prefix t: for its elements)")
        }
    }

    @Test func anXPathWithoutThePrefixIsExplained() throws {
        do {
            _ = try apply(variants("""
                <set xpath="//convertibleNote" attribute="election" value="cash"/>
            """))
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("matches nothing in the base treasury (use the prefix t: for its elements)"))
        }
    }

    @Test func aBrokenXPathIsAnError() throws {
        do {
            _ = try apply(variants("""
                <remove xpath="//t:convertibleNote["/>
            """))
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("is not a valid XPath 1.0 expression"))
        }
    }

    @Test func anEditThatBreaksTheTreasuryIsRevalidated() throws {
        do {
            _ = try apply(variants("""
                <set xpath="//t:convertibleNote[@id='2028']" attribute="maturity" value="2024-01-01"/>
            """))
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix("variants.xml:2:3: variant \"v\": the edited treasury is not valid: convertibleNote \"2028\": maturity (2024-01-01) must be after asOf (2025-09-30)"))
        }
        do {
            _ = try apply(variants("""
                <set xpath="/t:treasury/t:market" attribute="btcPrice" value="cheap"/>
            """))
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("the edited treasury is not valid"))
            #expect(error.description.contains("btcPrice"))
        }
    }

    @Test func compareRunsEveryStructureOnOneSet() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(quickSet, to: folder + "/quick.xml")
        let calls = ProgressCalls()
        let output = try ComparisonCommand.run(
            base: path("examples/strategy-like.xml"), others: [path("examples/nakamoto-like.xml")],
            variants: path("examples/strategy-variants.xml"), scenarios: folder + "/quick.xml", outDirectory: folder,
            progress: { name, done, total in calls.append("\(done)/\(total) \(name)") })
        // Progress names each structure before it runs, then says all are done.
        #expect(calls.values.count == 10)
        #expect(calls.values.first == "0/9 Strategy-like (illustrative)")
        #expect(calls.values.last == "9/9 ")
        #expect(output.comparison.structures.map(\.id)
                == ["strategy-like", "nakamoto-like", "cash-settlement", "stock-settlement", "mixed-settlement", "2028-as-btc-loan", "atm-min-mnav-1.2",
                    "refinance", "buyback-below-0.9"])
        #expect(output.xml.contains("<comparison xmlns=\"urn:treasury-stress:comparison:1\""))
        #expect(output.html.contains("Convertibles settled in cash"))
        #expect(!output.html.lowercased().contains("<script"))
        #expect(files(under: folder).contains("strategy-like-comparison.html"))
        // The loan variant has a margin call; the all-convertible base has none.
        let loan = output.comparison.structures[5].report.ladder
        #expect(loan.contains { $0.trigger.kind == .marginCall && $0.status == .fires })
    }
}

/// Progress reports collected from any thread.
final class ProgressCalls: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func append(_ value: String) { lock.lock(); storage.append(value); lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return storage }
}
