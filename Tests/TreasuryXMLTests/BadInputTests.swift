import Foundation
import Testing
import TreasuryModel
@testable import TreasuryXML

/// One test per class of bad input: each is rejected with `file:line:column: what to fix`.
@Suite struct BadInputTests {
    static let good = """
    <?xml version="1.0" encoding="UTF-8"?>
    <treasury xmlns="urn:treasury-stress:treasury:1" name="T" asOf="2025-09-30">
      <market btcPrice="100000"/>
      <holdings>
        <bitcoin units="1000"/>
        <cash usd="5e6"/>
      </holdings>
      <equity sharesOutstanding="1e6" sharePrice="10"/>
      <liabilities>
        <btcLoan id="loan-a" principal="10e6" rate="0.08" maturity="2027-01-01" collateralBTC="500"
            marginCallLTV="0.65" liquidationLTV="0.8" targetLTV="0.5"/>
      </liabilities>
      <covenants>
        <covenant id="lev" metric="leverage" max="0.5" consequence="accelerate" instruments="loan-a"/>
      </covenants>
    </treasury>
    """

    func problem(_ text: String) throws -> InputError {
        do {
            _ = try InputReader.treasury(Array(text.utf8), fileName: "treasury.xml")
        } catch {
            return error
        }
        Issue.record("accepted a bad input")
        return InputError([])
    }

    func edited(_ from: String, _ to: String) -> String {
        let text = Self.good.replacingOccurrences(of: from, with: to)
        #expect(text != Self.good, "the edit \(from) did not apply")
        return text
    }

    @Test func theGoodFileIsAccepted() throws {
        let treasury = try InputReader.treasury(Array(Self.good.utf8), fileName: "treasury.xml")
        #expect(treasury.loans.first?.liquidationPrice == 25_000)
    }

    @Test func anOmittedElasticityIsTheFittedDefault() throws {
        let text = Self.good.replacingOccurrences(
            of: "<equity sharesOutstanding=\"1e6\" sharePrice=\"10\"/>",
            with: "<equity sharesOutstanding=\"1e6\" sharePrice=\"10\"><mnav floor=\"0.5\" cap=\"3\"/></equity>")
        let treasury = try InputReader.treasury(Array(text.utf8), fileName: "treasury.xml")
        #expect(treasury.equity.model == .mnav(elasticity: Calibration.mnavElasticity, floor: 0.5, cap: 3))
    }

    /// Price impact: the defaults the schema states, and a participation above the whole volume
    /// refused where the element is (issue 8).
    @Test func priceImpactDefaultsAndBounds() throws {
        let text = edited("<market btcPrice=\"100000\"/>", "<market btcPrice=\"100000\">\n    <priceImpact/></market>")
        let treasury = try InputReader.treasury(Array(text.utf8), fileName: "treasury.xml")
        let impact = try #require(treasury.market.priceImpact)
        #expect(impact.coefficient == 1 && impact.dailyVolatility == nil && impact.permanentFraction == 0.25
            && impact.halfLifeDays == 3 && impact.maxParticipation == 0.1)
        #expect(treasury.market.btcDailyVolumeUSD == 40e9)
        let error = try problem(edited("<market btcPrice=\"100000\"/>",
                                       "<market btcPrice=\"100000\">\n    <priceImpact maxParticipation=\"1.5\"/></market>"))
        #expect(error.description == "treasury.xml:4:5: priceImpact: maxParticipation (1.5) must be between 0.0001 and 1.0")
    }

    /// Policy rules (issue 9): the schema's defaults (each off when absent), an accumulation
    /// policy with no ATM to issue from, and a reserve floor out of bounds, located where they are.
    @Test func policyRulesDefaultsAndBadValues() throws {
        let plain = try InputReader.treasury(Array(Self.good.utf8), fileName: "treasury.xml")
        #expect(plain.policy.reserveFloorMonths == nil && !plain.policy.sellBitcoinForReserve
            && plain.policy.sellBitcoinBelowMNAV == nil && plain.policy.accumulate == nil)
        let rules = try InputReader.treasury(Array(edited("</covenants>", """
            </covenants>
              <policy reserveFloorMonths="24" sellBitcoinForReserve="true" sellBitcoinBelowMNAV="1">
                <accumulate minMNAV="1.5" maxDailyUSD="1e8"/>
              </policy>
            """).replacingOccurrences(of: "<equity sharesOutstanding=\"1e6\" sharePrice=\"10\"/>", with:
                "<equity sharesOutstanding=\"1e6\" sharePrice=\"10\"><atm capacityUSD=\"1e9\" maxDailyUSD=\"1e8\"/></equity>").utf8),
            fileName: "treasury.xml")
        #expect(rules.policy.reserveFloorMonths == 24 && rules.policy.sellBitcoinForReserve && rules.policy.sellBitcoinBelowMNAV == 1)
        #expect(rules.policy.accumulate == Accumulation(minMNAV: 1.5, maxDailyUSD: 1e8))
        let noATM = try problem(edited("</covenants>", "</covenants>\n  <policy>\n    <accumulate minMNAV=\"1.5\" maxDailyUSD=\"1e8\"/>\n  </policy>"))
        #expect(noATM.description == "treasury.xml:17:5: policy accumulate: issues through the ATM; add an <atm> programme to <equity>")
        let call = try problem(edited("<liabilities>", "<liabilities>\n    <convertibleNote id=\"cb\" principal=\"1e6\" coupon=\"0\" maturity=\"2030-01-01\" conversionPrice=\"10\" callableFrom=\"2026-01-01\" callDays=\"31\"/>"))
        #expect(call.description == "treasury.xml:10:5: convertibleNote \"cb\": callDays (31) must be between 1 and callWindowDays (30)")
        let floor = try problem(edited("</covenants>", "</covenants>\n  <policy reserveFloorMonths=\"200\"/>"))
        #expect(floor.description == "treasury.xml:16:3: policy reserveFloorMonths (200.0) must be between 0.0 and 120.0")
        let roll = try InputReader.treasury(Array(edited("</covenants>", "</covenants>\n  <policy><buyback maxMNAV=\"0.9\" maxDailyUSD=\"1e6\" capacityUSD=\"1e8\"/><refinance/></policy>").utf8),
                                            fileName: "treasury.xml")
        #expect(roll.policy.refinance == Refinancing(instruments: [], spread: 0.02, minMNAV: nil, termYears: 5))
        #expect(roll.policy.buyback == Buyback(maxMNAV: 0.9, maxDailyUSD: 1e6, capacityUSD: 1e8, maxLeverage: nil, fundedBy: .cash))
        let unknown = try problem(edited("</covenants>", "</covenants>\n  <policy>\n    <refinance instruments=\"loan-a loan-b\"/>\n  </policy>"))
        #expect(unknown.description == "treasury.xml:17:5: policy refinance instruments: \"loan-b\" is not a convertible note or BTC-backed loan of this treasury")
        let term = try problem(edited("</covenants>", "</covenants>\n  <policy>\n    <refinance termYears=\"50\"/>\n  </policy>"))
        #expect(term.description == "treasury.xml:17:5: policy refinance termYears (50.0) must be between 0.25 and 30.0")
    }

    @Test func malformedXML() throws {
        let error = try problem(edited("</holdings>", "</holding>"))
        #expect(error.description.hasPrefix("treasury.xml:7:"))
        #expect(error.description.contains("not well-formed XML"))
    }

    /// The first parse error is the one reported: a broken attribute, not its consequence
    /// ("Extra content at the end of the document", libxml2's last error).
    @Test func theFirstParseErrorIsReported() throws {
        let error = try problem(edited("<cash usd=\"5e6\"/>", "<cash usd=5e6/>"))
        #expect(error.description.hasPrefix("treasury.xml:6:"))
        #expect(error.description.contains("AttValue"))
        #expect(!error.description.contains("Extra content"))
    }

    /// A start tag with 200,000 attributes took libxml2 about a minute (it checks duplicates
    /// pairwise) and validation minutes more; a 15 MB value was "Extra content at the end".
    /// Both are refused at their start tag before parsing.
    @Test func hostileStartTagsAreRefusedAtTheTag() throws {
        let many = (0..<200_000).map { " a\($0)=\"1\"" }.joined()
        let crowded = try problem(edited("<cash usd=\"5e6\"/>", "<cash usd=\"5e6\"\(many)/>"))
        #expect(crowded.description == "treasury.xml:6:5: this element has more than 100 attributes; "
                + "no element of the schema has that many (remove the extra attributes)")
        let huge = String(repeating: "x", count: 15_000_000)
        let long = try problem(edited("name=\"T\"", "name=\"\(huge)\""))
        #expect(long.description == "treasury.xml:2:1: an attribute value of this element is 15000000 bytes long; "
                + "values are limited to 1048576 bytes (shorten it)")
        // Markup inside comments, CDATA and quoted values is not counted.
        let quoted = edited("name=\"T\"", "name=\"a=b=c x&lt;y=z>\"")
        #expect(throws: Never.self) { try InputReader.treasury(Array(quoted.utf8), fileName: "treasury.xml") }
        let commented = edited("<holdings>", "<!-- \(many) --><holdings>")
        #expect(throws: Never.self) { try InputReader.treasury(Array(commented.utf8), fileName: "treasury.xml") }
    }

    /// 3,990 invalid covenants with one id: the first 20 are located, the rest only counted
    /// (locating each walked the whole document, and libxml2 compares duplicate ids pairwise).
    @Test func aFileBrokenThroughoutIsReportedQuickly() throws {
        let covenant = "<covenant id=\"c\" metric=\"leverage\" max=\"0.5\" consequence=\"accelerate\" bogus=\"1\"/>\n"
        let error = try problem(edited("</covenants>", String(repeating: covenant, count: 3_990) + "</covenants>"))
        #expect(error.diagnostics.count >= 3_990)
        #expect(error.diagnostics.prefix(20).allSatisfy { $0.location != nil })
        #expect(error.description.split(separator: "\n").count == 21)
    }

    /// 200,000 covenants are refused at their parent before schema validation.
    @Test func tooManyChildElementsAreRefusedBeforeValidation() throws {
        let covenant = "<covenant id=\"c\" metric=\"leverage\" max=\"0.5\" consequence=\"accelerate\"/>\n"
        let error = try problem(edited("</covenants>", String(repeating: covenant, count: 200_000) + "</covenants>"))
        #expect(error.description == "treasury.xml:13:3: <covenants> has more than 4000 child elements; "
                + "no input of this kind needs that many (remove the extra elements)")
    }

    @Test func doctypeAndEntities() throws {
        let text = Self.good.replacingOccurrences(
            of: "<treasury ", with: "<!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<treasury ")
        #expect(try problem(text).description
                == "treasury.xml:2:1: DOCTYPE and entity declarations are not allowed (they can read files or expand without bound); remove them")
        let laughs = "<?xml version=\"1.0\"?>\n<!ENTITY a \"aaaa\">"
        #expect(try problem(laughs).description.hasPrefix("treasury.xml:2:1: DOCTYPE and entity"))
    }

    @Test func wrongNamespace() throws {
        let error = try problem(edited("urn:treasury-stress:treasury:1", "urn:example:other"))
        #expect(error.description.hasPrefix("treasury.xml:2:1: root element <treasury> in namespace \"urn:example:other\" is not a treasury file"))
    }

    @Test func unknownElement() throws {
        let error = try problem(edited("<cash usd=\"5e6\"/>", "<cash usd=\"5e6\"/>\n    <gold ounces=\"3\"/>"))
        #expect(error.description.hasPrefix("treasury.xml:7:5: element 'gold': This element is not expected."))
    }

    @Test func missingAttribute() throws {
        let error = try problem(edited(" targetLTV=\"0.5\"", ""))
        #expect(error.description == "treasury.xml:10:5: element 'btcLoan': The attribute 'targetLTV' is required but missing.")
    }

    @Test func negativeAmount() throws {
        let error = try problem(edited("<cash usd=\"5e6\"/>", "<cash usd=\"-5e6\"/>"))
        #expect(error.description.hasPrefix("treasury.xml:6:5: element 'cash', attribute 'usd': [facet 'minInclusive'] The value '-5e6' is less than the minimum value allowed ('0')."))
    }

    @Test func notANumber() throws {
        let error = try problem(edited("principal=\"10e6\"", "principal=\"NaN\""))
        #expect(error.description.hasPrefix("treasury.xml:10:5: "))
        #expect(error.description.contains("principal"))
    }

    @Test func datesOutOfOrder() throws {
        let error = try problem(edited("maturity=\"2027-01-01\"", "maturity=\"2025-01-01\""))
        #expect(error.description == "treasury.xml:10:5: btcLoan \"loan-a\": maturity (2025-01-01) must be after asOf (2025-09-30)")
    }

    @Test func ltvThresholdsOutOfOrder() throws {
        let error = try problem(edited("liquidationLTV=\"0.8\"", "liquidationLTV=\"0.6\""))
        #expect(error.description == "treasury.xml:10:5: btcLoan \"loan-a\": liquidationLTV (0.6) must be above marginCallLTV (0.65)")
    }

    /// A model may hold only so many elements of a kind, so that every accepted file runs in seconds.
    @Test func tooManyCovenantsAreRefused() throws {
        let line = "    <covenant id=\"lev\" metric=\"leverage\" max=\"0.5\" consequence=\"accelerate\" instruments=\"loan-a\"/>"
        let many = (0...100).map { "    <covenant id=\"c\($0)\" metric=\"leverage\" max=\"0.5\"/>" }.joined(separator: "\n")
        let error = try problem(edited(line, many))
        #expect(error.description.contains("101 covenants; a treasury may hold at most 100"))
    }

    /// The second of two elements on one line is located at its own column.
    @Test func aSecondElementOnALineGetsItsOwnColumn() throws {
        let line = "    <covenant id=\"lev\" metric=\"leverage\" max=\"0.5\" consequence=\"accelerate\" instruments=\"loan-a\"/>"
        let twice = line + "<covenant id=\"x\" metric=\"lev\" max=\"1\"/>"
        let error = try problem(edited(line, twice))
        #expect(error.description.hasPrefix("treasury.xml:14:\(line.count + 1): element 'covenant', attribute 'metric'"), "\(error)")
    }

    /// A UTF-16 file's errors point where a UTF-8 file's do.
    @Test(arguments: [true, false])
    func utf16ErrorsAreLocatedLikeUTF8(bigEndian: Bool) throws {
        let text = edited("liquidationLTV=\"0.8\"", "liquidationLTV=\"0.6\"")
            .replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 {
            bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        do {
            _ = try InputReader.treasury(bytes, fileName: "treasury.xml")
            Issue.record("accepted")
        } catch {
            #expect(error.description == "treasury.xml:10:5: btcLoan \"loan-a\": liquidationLTV (0.6) must be above marginCallLTV (0.65)")
        }
    }

    /// An error past line 65,535 names its own line (libxml2 stores 16-bit line numbers unless told).
    @Test func errorsFarDownAFileNameTheirLine() throws {
        let padding = String(repeating: "\n", count: 70_000)
        let text = edited("<covenants>", padding + "<covenants>").replacingOccurrences(of: "metric=\"leverage\"", with: "metric=\"lev\"")
        let error = try problem(text)
        #expect(error.description.hasPrefix("treasury.xml:70014:"), "\(error)")
    }

    @Test func anEmptyFundingOrderIsRefused() throws {
        let withPolicy = Self.good.replacingOccurrences(of: "</treasury>", with: "  <policy fundingOrder=\" \"/>\n</treasury>")
        let error = try problem(withPolicy)
        #expect(error.description.contains("fundingOrder is empty; list the sources in order"))
    }

    /// A file broken throughout prints its first 20 problems and a count of the rest.
    @Test func manyProblemsAreCappedAtTwenty() {
        let error = InputError((1...30).map { InputDiagnostic("problem \($0)", at: SourceLocation(file: "f.xml", line: $0)) })
        let lines = error.description.split(separator: "\n")
        #expect(lines.count == 21)
        #expect(lines.last == "… and 10 more problems; fix these first")
        #expect(error.diagnostics.count == 30)
    }

    /// Numbers the schema allows but no treasury has: refused at their element, with the range.
    @Test func anLTVAboveOneIsOutOfBounds() throws {
        let error = try problem(edited("liquidationLTV=\"0.8\"", "liquidationLTV=\"1.5\""))
        #expect(error.description == "treasury.xml:10:5: btcLoan \"loan-a\": liquidationLTV (1.5) must be between 0.01 and 1.0")
    }

    @Test func aHugeCurePeriodIsOutOfBounds() throws {
        let error = try problem(edited("liquidationLTV=\"0.8\"", "liquidationLTV=\"0.8\" cureDays=\"9000000000000000000\""))
        #expect(error.description == "treasury.xml:10:5: btcLoan \"loan-a\": cureDays (9000000000000000000) must be between 0 and 365")
    }

    @Test func anAstronomicalPriceIsOutOfBounds() throws {
        let error = try problem(edited("btcPrice=\"100000\"", "btcPrice=\"1e300\""))
        #expect(error.description.contains("market btcPrice (1e+300) must be between 0.01 and 100000000.0"))
    }

    @Test func unknownInstrumentReference() throws {
        let error = try problem(edited("instruments=\"loan-a\"", "instruments=\"loan-b\""))
        #expect(error.description == "treasury.xml:14:5: covenant \"lev\": instruments names \"loan-b\", which is not a convertibleNote, btcLoan or preferred")
    }

    /// A valid treasury padded after its root element: accepted at exactly the cap, refused one
    /// byte over it, for its size and nothing else.
    @Test func oversizedInput() throws {
        let valid = try exampleBytes("nakamoto-like.xml")
        // Short comments after the root element: libxml2 limits a single token, not their number.
        func padded(to size: Int) -> [UInt8] {
            let comment = Array("<!-- padding -->\n".utf8)
            var bytes = valid
            bytes.reserveCapacity(size)
            while bytes.count + comment.count <= size { bytes += comment }
            return bytes + [UInt8](repeating: 0x0A, count: size - bytes.count)
        }
        _ = try InputReader.treasury(padded(to: SecureXMLParser.maxInputBytes), fileName: "treasury.xml")
        do {
            _ = try InputReader.treasury(padded(to: SecureXMLParser.maxInputBytes + 1), fileName: "treasury.xml")
            Issue.record("accepted a file over the cap")
        } catch {
            #expect(error.description.contains("inputs are capped at \(SecureXMLParser.maxInputBytes) bytes"))
        }
    }

    @Test func scenarioWindowOutsideHistory() throws {
        let text = """
        <scenarioSet xmlns="urn:treasury-stress:scenarios:1" name="S" horizonDays="30">
          <historical id="old" from="2009-01-03" to="2009-06-01"/>
        </scenarioSet>
        """
        do {
            _ = try InputReader.scenarioSet(Array(text.utf8), fileName: "set.xml")
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix("set.xml:2:3: scenario \"old\": window 2009-01-03 to 2009-06-01 leaves the embedded BTC history"))
        }
    }

    /// A volume shock reads with its window; one whose window runs backwards is refused where the
    /// scenario is (issue 8).
    @Test func volumeShockWindows() throws {
        let good = """
        <scenarioSet xmlns="urn:treasury-stress:scenarios:1" name="S" horizonDays="30">
          <instant id="crash" btcShock="-0.2" volumeShock="-0.9" volumeShockFrom="1" volumeShockTo="3"/>
        </scenarioSet>
        """
        let set = try InputReader.scenarioSet(Array(good.utf8), fileName: "set.xml")
        #expect(set.scenarios.first?.volumeShock == -0.9 && set.scenarios.first?.volumeShockDays == 1...3)
        let bad = good.replacingOccurrences(of: "volumeShockTo=\"3\"", with: "volumeShockTo=\"0\"")
        do {
            _ = try InputReader.scenarioSet(Array(bad.utf8), fileName: "set.xml")
            Issue.record("accepted")
        } catch {
            #expect(error.description == "set.xml:2:3: instant \"crash\": volumeShockFrom (1) must not be after volumeShockTo (0)")
        }
    }

    /// The probability map (issue 10): the schema's defaults (13 prices from 40 % to 160 %, 9 mNAVs
    /// from 0.6 to 3.0, 1,000 paths a cell), and a map too large, too fine or doubled refused where it is.
    @Test func probabilityMapDefaultsAndLimits() throws {
        func set(_ map: String) -> [UInt8] {
            Array("""
            <scenarioSet xmlns="urn:treasury-stress:scenarios:1" name="S" horizonDays="30">
              <instant id="crash" btcShock="-0.2"/>
              \(map)
            </scenarioSet>
            """.utf8)
        }
        func error(_ map: String) -> String {
            do {
                _ = try InputReader.scenarioSet(set(map), fileName: "set.xml")
                return "accepted"
            } catch {
                return error.description
            }
        }
        let plain = try #require(try InputReader.scenarioSet(set("<probabilityMap id=\"map\" model=\"gbm\"/>"), fileName: "set.xml").probabilityMap)
        #expect(plain.paths == 1_000 && plain.seed == 42)
        #expect(plain.priceMultiples.count == 13 && plain.priceMultiples.first == 0.4 && abs((plain.priceMultiples.last ?? 0) - 1.6) < 1e-12)
        #expect(plain.mnavs.count == 9 && plain.mnavs.first == 0.6 && abs((plain.mnavs.last ?? 0) - 3.0) < 1e-12 && abs(plain.mnavs[1] - 0.9) < 1e-12)
        #expect(error("<probabilityMap id=\"map\" model=\"gbm\" paths=\"200000\"/>")
                .hasPrefix("set.xml:3:3: probabilityMap \"map\": paths (200000) must be between 1 and 100000"))
        #expect(error("<probabilityMap id=\"map\" model=\"gbm\" priceSteps=\"41\"/>").hasPrefix("set.xml:3:"))
        #expect(error("<probabilityMap id=\"map\" model=\"gbm\" priceFrom=\"2\" priceTo=\"1\"/>")
                == "set.xml:3:3: probabilityMap \"map\": priceFrom (2.0) must not be above priceTo (1.0)")
        #expect(error("<probabilityMap id=\"a\" model=\"gbm\"/><probabilityMap id=\"b\" model=\"gbm\"/>").contains("at most one probabilityMap"))
    }
}
