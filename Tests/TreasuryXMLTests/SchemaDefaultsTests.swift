import Foundation
import Testing
import TreasuryModel
@testable import TreasuryXML

/// Every default the treasury decoder applies is written in the schema (issue 9), and the ones
/// a user could be surprised by are what the schema says.
@Suite struct SchemaDefaultsTests {
    /// Each optional attribute of treasury.xsd carries an annotation that says what its absence
    /// means ("Default …", or "Absent: …" for one whose absence has a meaning of its own).
    @Test func everyOptionalTreasuryAttributeStatesItsDefault() throws {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("schemas/treasury.xsd"), encoding: .utf8)
        // One attribute declaration at a time: its own text up to the next declaration.
        let pieces = text.components(separatedBy: "<xs:attribute ").dropFirst()
        var undocumented: [String] = []
        for piece in pieces {
            let head = piece.prefix { $0 != ">" }
            guard !head.contains("use=\"required\""), let name = head.split(separator: "\"").dropFirst().first else { continue }
            let body = piece.components(separatedBy: "<xs:attribute").first ?? ""
            let declaration = head.hasSuffix("/") ? "" : body.components(separatedBy: "</xs:attribute>").first ?? ""
            if !(declaration.contains("Default") || declaration.contains("Absent")) { undocumented.append(String(name)) }
        }
        #expect(undocumented.isEmpty, "optional attributes without a stated default: \(undocumented)")
    }

    /// An instrument that says nothing of cross-default has none: a missed payment elsewhere does
    /// not make it due.
    @Test func crossDefaultIsOffUnlessSaid() throws {
        let xml = """
        <treasury xmlns="urn:treasury-stress:treasury:1" name="T" asOf="2025-09-30">
          <market btcPrice="100000"/>
          <holdings><bitcoin units="100"/></holdings>
          <equity sharesOutstanding="1e6" sharePrice="10"/>
          <liabilities>
            <convertibleNote id="cb" principal="1e6" coupon="0" maturity="2030-01-01" conversionPrice="100"/>
            <btcLoan id="l" principal="1e6" rate="0.05" maturity="2030-01-01" collateralBTC="50" marginCallLTV="0.5"
                     liquidationLTV="0.8" targetLTV="0.4"/>
          </liabilities>
        </treasury>
        """
        let treasury = try InputReader.treasury(Array(xml.utf8), fileName: "t.xml")
        #expect(treasury.convertibleNotes.first?.crossDefault == false)
        #expect(treasury.loans.first?.crossDefault == false)
    }
}
