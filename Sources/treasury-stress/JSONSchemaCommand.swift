import ArgumentParser
import TreasuryStressKit
import TreasuryXML

/// `json-schema DOCUMENT`: prints the JSON Schema of an export (also in `json-schemas/`).
struct JSONSchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "json-schema",
        abstract: "Print the JSON Schema (draft 2020-12) of a JSON export: report, comparison, batchSummary, history or systemReport.")

    @Argument(help: "report, comparison, batchSummary, history or systemReport.")
    var document: String

    func run() throws {
        guard let kind = JSONExport.Document(rawValue: document) else {
            throw ValidationError("\"\(document)\" is not report, comparison, batchSummary, history or systemReport")
        }
        do {
            print(try Exports.jsonSchema(kind), terminator: "")
        } catch {
            throw fail(error)
        }
    }
}
