import Foundation
import Testing
import StressResults
import TreasuryModel
@testable import TreasuryXML

/// The JSON exports: the XML's content under the same names and typed by the XSD, checked
/// against the published JSON Schema.
@Suite struct JSONExportTests {
    func sample(_ name: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent("reports/samples/\(name).xml"), encoding: .utf8)
    }

    func parse(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    /// Every number of the report reads back from the JSON equal to the report's own value as
    /// the XML rounds it (cents, satoshis, six decimals), and types follow the XSD.
    @Test func theReportJSONCarriesTheReportsNumbers() throws {
        let xml = try sample("nakamoto-like")
        let report = try InputReader.report(Array(xml.utf8), fileName: "nakamoto-like.xml")
        let text = try JSONExport.json(xml: xml, document: .report)
        let json = try parse(text)
        #expect(json["treasury"] as? String == report.treasuryName)
        #expect(json["asOf"] as? String == report.asOf.description)
        #expect(json["horizonDays"] as? Int == report.horizonDays)
        let start = try #require(json["start"] as? [String: Any])
        #expect(start["btcPrice"] as? Double == report.start.btcPrice)
        #expect(start["btcHeld"] as? Double == report.start.btcHeld)
        // List wrappers are arrays; every scenario, point and event is there with its numbers.
        let scenarios = try #require(json["scenarios"] as? [[String: Any]])
        #expect(scenarios.count == report.scenarios.count)
        for (object, scenario) in zip(scenarios, report.scenarios) {
            #expect(object["id"] as? String == scenario.id)
            #expect(object["minBTCPrice"] as? Double == scenario.minBTCPrice)
            #expect(object["btcSold"] as? Double == scenario.btcSold)
            #expect(object["sharesEnd"] as? Double == scenario.sharesEnd)
            #expect((object["firstForcedSaleDay"] as? Int) == scenario.firstForcedSaleDay)
            let series = try #require(object["series"] as? [[String: Any]])
            #expect(series.count == scenario.series.count)
            #expect(series.last?["btcHeld"] as? Double == scenario.series.last?.btcHeld)
            let events = try #require(object["events"] as? [[String: Any]])
            #expect(events.map { $0["kind"] as? String } == scenario.events.map(\.kind.rawValue))
            #expect(events.map { $0["amountUSD"] as? Double } == scenario.events.map(\.amountUSD))
        }
        let ladder = try #require(json["ladder"] as? [[String: Any]])
        #expect(ladder.map { $0["btcPrice"] as? Double } == report.ladder.map(\.btcPrice))
        // xs:boolean is a JSON boolean, xs:unsignedLong an integer, an xs:list an array.
        #expect(text.contains("\"monotonic\": true") && !text.contains("\"monotonic\": \"true\""))
        let runs = try #require(json["monteCarlo"] as? [[String: Any]])
        #expect(runs.first?["seed"] as? UInt64 == report.monteCarlo.first?.seed)
        let instruments = try #require(json["instruments"] as? [[String: Any]])
        #expect(instruments.contains { $0["kind"] as? String == "btcLoan" })
        #expect(text.contains("\"floating\": false") || text.contains("\"floating\": true"))
    }

    /// The JSON of every sample validates against its published schema (a subset validator:
    /// types, required members, no member the schema lacks, enumerations, `$ref`).
    @Test(arguments: ["strategy-like", "nakamoto-like", "ibit-fund"])
    func everySampleValidatesAgainstTheReportSchema(_ name: String) throws {
        let schema = try parse(try JSONExport.schema(.report))
        let instance = try JSONSerialization.jsonObject(with: Data(try JSONExport.json(xml: try sample(name), document: .report).utf8))
        let problems = SchemaCheck(root: schema).problems(instance, schema, at: "$")
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }

    /// The checker itself finds a wrong type, a missing member and an unknown member.
    @Test func theSchemaCheckFindsWhatIsWrong() throws {
        let schema = try parse(try JSONExport.schema(.history))
        let good: [String: Any] = ["treasury": "t", "tool": "treasury-stress", "version": "1", "entry": [
            ["quarter": "2026-Q1", "scenarioSet": "standard", "forcedSaleProbability": 0.25] as [String: Any]]]
        #expect(SchemaCheck(root: schema).problems(good, schema, at: "$").isEmpty)
        var bad = good
        bad["entry"] = [["quarter": "2026-Q1", "scenarioSet": 7, "extra": 1] as [String: Any]]
        bad["tool"] = nil
        let problems = SchemaCheck(root: schema).problems(bad, schema, at: "$")
        #expect(problems.count == 3, "\(problems)")
    }

    /// `json-schemas/` holds exactly what the tool derives from its XSDs.
    @Test func thePublishedJSONSchemasAreCurrent() throws {
        let folder = packageRoot.appendingPathComponent("json-schemas")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == JSONExport.Document.allCases.map(\.schemaFileName).sorted())
        for document in JSONExport.Document.allCases {
            let published = try String(contentsOf: folder.appendingPathComponent(document.schemaFileName), encoding: .utf8)
            #expect(published == (try JSONExport.schema(document)),
                    "json-schemas/\(document.schemaFileName) is stale: treasury-stress json-schema \(document.rawValue) > it")
        }
    }

    /// Names with quotes, backslashes, commas, control characters and non-ASCII survive.
    @Test func namesAreEscaped() throws {
        let name = "Fund \"A\", \\ tab\there, 東京 ü"
        var row = QuarterSummary(quarter: "2026-Q1", treasury: name, scenarioSet: "set, \"quoted\"")
        row.forcedSalePrice = 54_366.77
        let xml = try HistoryWriter.xml(treasury: name, toolVersion: "1", rows: [row])
        let json = try parse(try JSONExport.json(xml: xml, document: .history))
        #expect(json["treasury"] as? String == name)
        let entry = try #require((json["entry"] as? [[String: Any]])?.first)
        #expect(entry["scenarioSet"] as? String == "set, \"quoted\"")
        #expect(entry["forcedSalePrice"] as? Double == 54_366.77)
        #expect(entry["status"] == nil)
    }

    @Test func jsonNumberGrammar() {
        for good in ["0", "-0", "12", "1.5", "-0.000001", "1e5", "2.5E-3"] { #expect(JSONValue.isNumber(good), "\(good)") }
        for bad in ["", "-", "01", "1.", ".5", "+1", "INF", "NaN", "1e", "0x1", "1 "] { #expect(!JSONValue.isNumber(bad), "\(bad)") }
    }

    /// A schema construct the export does not know is refused with an internal error that names
    /// it, rather than exported wrongly.
    @Test func anUnknownSchemaConstructIsRefused() throws {
        let text = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x" elementFormDefault="qualified">
          <xs:element name="r"><xs:complexType><xs:choice><xs:element name="a"/></xs:choice></xs:complexType></xs:element>
        </xs:schema>
        """
        #expect {
            try XSDShape(Schema(fileName: "x.xsd", text: text, namespace: "urn:x"))
        } throws: { error in
            "\(error)".contains("xs:choice in a complex type")
        }
    }
}

/// A JSON Schema checker for the subset the exports' schemas use.
struct SchemaCheck {
    let root: [String: Any]

    func problems(_ value: Any, _ schema: [String: Any], at path: String) -> [String] {
        var schema = schema
        if let ref = schema["$ref"] as? String, let name = ref.split(separator: "/").last,
           let defs = root["$defs"] as? [String: Any], let target = defs[String(name)] as? [String: Any] {
            schema = target
        }
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { return ["\(path): not an object"] }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            var found: [String] = []
            for name in schema["required"] as? [String] ?? [] where object[name] == nil { found.append("\(path).\(name): missing") }
            for (key, member) in object.sorted(by: { $0.key < $1.key }) {
                guard let sub = properties[key] as? [String: Any] else { found.append("\(path).\(key): not in the schema"); continue }
                found += problems(member, sub, at: "\(path).\(key)")
            }
            return found
        case "array":
            guard let array = value as? [Any] else { return ["\(path): not an array"] }
            let items = schema["items"] as? [String: Any] ?? [:]
            return array.enumerated().flatMap { problems($1, items, at: "\(path)[\($0)]") }
        case "string":
            guard let text = value as? String else { return ["\(path): not a string"] }
            if let allowed = schema["enum"] as? [String], !allowed.contains(text) { return ["\(path): \(text) not allowed"] }
            return []
        case "number":
            return value is NSNumber ? [] : ["\(path): not a number"]
        case nil where (schema["type"] as? [String]) == ["number", "null"]:
            return value is NSNumber || value is NSNull ? [] : ["\(path): not a number or null"]
        case "integer":
            guard let number = value as? NSNumber, number.doubleValue == number.doubleValue.rounded() else { return ["\(path): not an integer"] }
            return []
        case "boolean":
            return value is Bool ? [] : ["\(path): not a boolean"]
        default:
            return []
        }
    }
}
