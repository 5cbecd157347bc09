import CLibXML2
import Foundation

/// Writes XML through libxml2's `xmlTextWriter` into memory; libxml2 escapes every attribute
/// value and text node, so user strings cannot break the document.
final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    init?() {
        guard let buffer = xmlBufferCreate() else { return nil }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            return nil
        }
        self.buffer = buffer
        self.writer = writer
        xmlTextWriterSetIndent(writer, 1)
        xmlTextWriterSetIndentString(writer, "  ")
        xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    func start(_ name: String) { xmlTextWriterStartElement(writer, name) }
    func end() { xmlTextWriterEndElement(writer) }

    func attribute(_ name: String, _ value: String?) {
        guard let value else { return }
        xmlTextWriterWriteAttribute(writer, name, value)
    }

    func element(_ name: String, _ attributes: KeyValuePairs<String, String?>) {
        start(name)
        for (key, value) in attributes { attribute(key, value) }
        end()
    }

    /// Ends the document and returns its text.
    func finish() -> String {
        xmlTextWriterEndDocument(writer)
        xmlTextWriterFlush(writer)
        guard let content = xmlBufferContent(buffer) else { return "" }
        return String(cString: content)
    }
}

/// Fixed-precision number text for reports: rounding happens here and only here, so the same
/// value always prints the same way and a report read back prints identically.
enum ReportNumber {
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "0" }
        var text = printf(value, decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        return text
    }

    /// `%.Nf` through the C library, as `String(format:)` formats it, without Foundation's
    /// overhead (a report writes a hundred thousand numbers). Falls back to `String(format:)`
    /// for numbers too long for the buffer.
    static func printf(_ value: Double, _ decimals: Int) -> String {
        let text: String? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { out in
            let written = withVaList([Int32(decimals), value]) { args in vsnprintf(out.baseAddress, out.count, "%.*f", args) }
            guard written >= 0 && written < out.count else { return nil }
            return UnsafeRawBufferPointer(start: out.baseAddress, count: Int(written))
                .withMemoryRebound(to: UInt8.self) { String(decoding: $0, as: UTF8.self) }
        }
        return text ?? String(format: "%.\(decimals)f", value)
    }

    static func usd(_ value: Double) -> String { fixed(value, 2) }
    static func btc(_ value: Double) -> String { fixed(value, 8) }
    static func ratio(_ value: Double) -> String { fixed(value, 6) }
    static func shares(_ value: Double) -> String { fixed(value, 2) }
    static func optional(_ value: Double?, _ format: (Double) -> String) -> String? { value.map(format) }
}
