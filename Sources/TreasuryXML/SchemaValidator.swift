import CLibXML2
import TreasuryModel
import Foundation

/// Validates documents against one of the published XSDs (embedded in the product).
struct SchemaValidator {
    /// Collects structured errors from libxml2's C callbacks.
    final class Collector {
        var diagnostics: [InputDiagnostic] = []
        let fileName: String
        let document: XMLDocument?
        init(fileName: String, document: XMLDocument?) {
            self.fileName = fileName
            self.document = document
        }
    }

    /// Validates `document` against the schema text; throws every error, located.
    static func validate(_ document: XMLDocument, schema: Schema) throws(InputError) {
        let schemaDocument = try SecureXMLParser.parse(Array(schema.text.utf8), fileName: schema.fileName)
        guard let parserContext = xmlSchemaNewDocParserCtxt(schemaDocument.doc) else {
            throw InputError("internal: cannot read schema \(schema.fileName)", at: nil)
        }
        defer { xmlSchemaFreeParserCtxt(parserContext) }
        let schemaCollector = Collector(fileName: schema.fileName, document: nil)
        let schemaContext = Unmanaged.passUnretained(schemaCollector).toOpaque()
        ts_xmlSchemaSetParserStructuredErrors(parserContext, collect, schemaContext)
        guard let compiled = xmlSchemaParse(parserContext) else {
            throw InputError(schemaCollector.diagnostics.isEmpty
                ? [InputDiagnostic("internal: schema \(schema.fileName) does not compile", at: nil)]
                : schemaCollector.diagnostics)
        }
        defer { xmlSchemaFree(compiled) }
        guard let validContext = xmlSchemaNewValidCtxt(compiled) else {
            throw InputError("internal: cannot create a schema validator", at: nil)
        }
        defer { xmlSchemaFreeValidCtxt(validContext) }
        let collector = Collector(fileName: document.fileName, document: document)
        withExtendedLifetime(collector) {
            ts_xmlSchemaSetValidStructuredErrors(validContext, collect, Unmanaged.passUnretained(collector).toOpaque())
            _ = xmlSchemaValidateDoc(validContext, document.doc)
        }
        if !collector.diagnostics.isEmpty { throw InputError(collector.diagnostics) }
    }
}

/// libxml2 structured error callback: turns each error into a located diagnostic. The error
/// arrives untyped (see `ts_structured_error_callback` in the shim: libxml2 2.12 made it const).
private func collect(_ context: UnsafeMutableRawPointer?, _ untypedError: UnsafeRawPointer?) {
    guard let context, let untypedError else { return }
    let error = untypedError.assumingMemoryBound(to: xmlError.self)
    let collector = Unmanaged<SchemaValidator.Collector>.fromOpaque(context).takeUnretainedValue()
    // Past what is printed only the count matters: locating an element walks the document, and a
    // file broken throughout would make that quadratic.
    if collector.diagnostics.count >= InputError.printedDiagnostics {
        collector.diagnostics.append(InputDiagnostic("invalid", at: nil))
        return
    }
    var location = SourceLocation(file: collector.fileName, line: max(1, Int(error.pointee.line)))
    if let node = error.pointee.node, let document = collector.document {
        let nodePointer = node.assumingMemoryBound(to: xmlNode.self)
        if nodePointer.pointee.type == XML_ELEMENT_NODE { location = document.location(of: nodePointer) }
    }
    let raw = error.pointee.message.map { String(cString: $0) } ?? "invalid"
    collector.diagnostics.append(InputDiagnostic(SchemaMessage.humanize(raw), at: location))
}

/// Rewrites libxml2's schema messages into the words a user needs.
enum SchemaMessage {
    static func humanize(_ raw: String) -> String {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        // "Element '{urn:…}btcLoan', attribute 'x': …" → "btcLoan, attribute 'x': …"
        while let open = text.range(of: "{urn:"), let close = text[open.lowerBound...].range(of: "}") {
            text.removeSubrange(open.lowerBound..<close.upperBound)
        }
        text = text.replacingOccurrences(of: "Element '", with: "element '")
        if text.contains("This element is not expected") {
            text += " (check the element's name and order against the schema)"
        }
        if text.contains("is not allowed") && text.contains("attribute") {
            text += " (remove it or fix its spelling)"
        }
        return text
    }
}

/// A published schema: its text and the file name used in errors.
struct Schema {
    let fileName: String
    let text: String
    let namespace: String

    static let treasury = Schema(fileName: "treasury.xsd", text: String(decoding: PackageResources.treasury_xsd, as: UTF8.self),
                                 namespace: "urn:treasury-stress:treasury:1")
    static let scenarios = Schema(fileName: "scenarios.xsd", text: String(decoding: PackageResources.scenarios_xsd, as: UTF8.self),
                                  namespace: "urn:treasury-stress:scenarios:1")
    static let report = Schema(fileName: "report.xsd", text: String(decoding: PackageResources.report_xsd, as: UTF8.self),
                               namespace: "urn:treasury-stress:report:2")
    static let variants = Schema(fileName: "variants.xsd", text: String(decoding: PackageResources.variants_xsd, as: UTF8.self),
                                 namespace: "urn:treasury-stress:variants:1")
    static let batch = Schema(fileName: "batch.xsd", text: String(decoding: PackageResources.batch_xsd, as: UTF8.self),
                              namespace: "urn:treasury-stress:batch:1")
    static let comparison = Schema(fileName: "comparison.xsd", text: String(decoding: PackageResources.comparison_xsd, as: UTF8.self),
                                   namespace: "urn:treasury-stress:comparison:1")
    /// Every published schema.
    static let all: [Schema] = [treasury, scenarios, report, variants, batch, comparison, batchSummary, history, system, systemReport]

    static let batchSummary = Schema(fileName: "batch-summary.xsd", text: String(decoding: PackageResources.batch_summary_xsd, as: UTF8.self),
                                     namespace: "urn:treasury-stress:batch-summary:1")
    static let system = Schema(fileName: "system.xsd", text: String(decoding: PackageResources.system_xsd, as: UTF8.self),
                               namespace: "urn:treasury-stress:system:1")
    static let systemReport = Schema(fileName: "system-report.xsd",
                                     text: String(decoding: PackageResources.system_report_xsd, as: UTF8.self),
                                     namespace: "urn:treasury-stress:system-report:1")
    static let history = Schema(fileName: "history.xsd", text: String(decoding: PackageResources.history_xsd, as: UTF8.self),
                                namespace: "urn:treasury-stress:history:1")
}
