import CLibXML2
import TreasuryModel
import Foundation

/// A parsed XML document owned by this wrapper (freed when it goes), with the source text kept
/// so that errors can give a column for an element. Not shared between tasks.
final class XMLDocument {
    let doc: xmlDocPtr
    /// The file name shown in errors.
    let fileName: String
    /// The source text.
    let text: String
    /// Source lines, for locating an element's column: split only when an error needs one (a
    /// report read back is megabytes long and usually needs none).
    lazy var lines: [Substring] = text.split(separator: "\n", omittingEmptySubsequences: false)

    init(doc: xmlDocPtr, fileName: String, text: String) {
        self.doc = doc
        self.fileName = fileName
        self.text = text
    }

    deinit { xmlFreeDoc(doc) }

    var root: XMLElement? {
        guard let node = xmlDocGetRootElement(doc) else { return nil }
        return XMLElement(node: node, document: self)
    }

    /// The location of an element: the line and column of its start tag. libxml2 gives the line
    /// where the start tag ends, so a tag spread over several lines is found by looking back.
    func location(of node: xmlNodePtr) -> SourceLocation {
        let reported = Int(xmlGetLineNo(node))
        guard reported >= 1 && reported <= lines.count, let name = node.pointee.name else {
            return SourceLocation(file: fileName, line: max(1, reported))
        }
        let element = String(cString: name)
        let prefix = node.pointee.ns?.pointee.prefix.map { String(cString: $0) + ":" } ?? ""
        let tag = "<" + prefix + element
        // Several elements of one name on one line: this one is the n-th of them.
        var skip = sameNameEarlierOnLine(node, line: reported)
        for line in stride(from: reported, through: max(1, reported - 50), by: -1) {
            let text = lines[line - 1]
            var search = text[...]
            while let range = search.range(of: tag) {
                let after = text[range.upperBound...].first
                if after == nil || after == " " || after == ">" || after == "/" || after == "\t" || after == "\r" {
                    if line == reported && skip > 0 {
                        skip -= 1
                    } else {
                        return SourceLocation(file: fileName, line: line,
                                              column: text.distance(from: text.startIndex, to: range.lowerBound) + 1)
                    }
                }
                search = text[range.upperBound...]
            }
        }
        return SourceLocation(file: fileName, line: reported)
    }
}

extension XMLDocument {
    /// How many elements with `node`'s name come before it in document order on the same line.
    func sameNameEarlierOnLine(_ node: xmlNodePtr, line: Int) -> Int {
        guard let root = xmlDocGetRootElement(doc), let name = node.pointee.name else { return 0 }
        var count = 0
        var found = false
        func visit(_ current: xmlNodePtr) {
            var child: xmlNodePtr? = current
            while let element = child, !found {
                if element == node { found = true; return }
                if element.pointee.type == XML_ELEMENT_NODE, let other = element.pointee.name,
                   xmlStrEqual(other, name) != 0, Int(xmlGetLineNo(element)) == line {
                    count += 1
                }
                if let children = element.pointee.children { visit(children) }
                child = element.pointee.next
            }
        }
        visit(root)
        return found ? count : 0
    }
}

/// Secure parsing of untrusted XML with libxml2: no network, no entity substitution, no DTD
/// loading, no XInclude, documents with a DOCTYPE rejected, size capped.
public enum SecureXMLParser {
    /// Largest input accepted, in bytes (16 MiB).
    public static let maxInputBytes = 16 * 1024 * 1024

    private static let setUp: Void = {
        xmlInitParser()
        // No external entity is ever fetched, from the network or the file system.
        xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader)
    }()

    /// The libxml2 options used for every document.
    /// `XML_PARSE_BIG_LINES` keeps line numbers past 65,535 (without it every later error says 65535).
    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
        | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue)

    /// The document as text, for locating columns: UTF-16 (by its byte-order mark) or UTF-8.
    static func decodedText(_ data: [UInt8]) -> String {
        if data.count >= 2 && (data[0], data[1]) == (0xFE, 0xFF) || data.count >= 2 && (data[0], data[1]) == (0xFF, 0xFE) {
            let bigEndian = data[0] == 0xFE
            var units: [UInt16] = []
            units.reserveCapacity(data.count / 2)
            var i = 2
            while i + 1 < data.count {
                units.append(bigEndian ? UInt16(data[i]) << 8 | UInt16(data[i + 1]) : UInt16(data[i + 1]) << 8 | UInt16(data[i]))
                i += 2
            }
            return String(decoding: units, as: UTF16.self)
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The byte offset of the first `<!DOCTYPE` or `<!ENTITY`, if any (a byte scan: inputs reach 16 MiB).
    static func declarationOffset(in data: [UInt8]) -> Int? {
        let doctype = Array("<!DOCTYPE".utf8), entity = Array("<!ENTITY".utf8)
        var i = 0
        while i + 1 < data.count {
            if data[i] == 0x3C && data[i + 1] == 0x21 {  // "<!"
                for marker in [doctype, entity] where i + marker.count <= data.count {
                    if data[i..<(i + marker.count)].elementsEqual(marker) { return i }
                }
            }
            i += 1
        }
        return nil
    }

    /// Parses `data` named `fileName` (for errors) into a document.
    static func parse(_ data: [UInt8], fileName: String) throws(InputError) -> XMLDocument {
        _ = setUp
        if data.count > maxInputBytes {
            throw InputError("\(fileName) is \(data.count) bytes; inputs are capped at \(maxInputBytes) bytes",
                             at: SourceLocation(file: fileName, line: 1))
        }
        let text = decodedText(data)
        // Scan what the text is in UTF-8: a UTF-16 file interleaves its ASCII with zero bytes.
        let scanned = text.utf8.count == data.count ? data : Array(text.utf8)
        if let offset = declarationOffset(in: scanned) {
            let before = String(decoding: scanned[..<offset], as: UTF8.self)
            let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            let column = before.distance(from: before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex,
                                         to: before.endIndex) + 1
            throw InputError("DOCTYPE and entity declarations are not allowed (they can read files or expand without bound); remove them",
                             at: SourceLocation(file: fileName, line: line, column: column))
        }
        guard let context = xmlNewParserCtxt() else {
            throw InputError("cannot create an XML parser (out of memory?)", at: nil)
        }
        defer { xmlFreeParserCtxt(context) }
        let parsed: xmlDocPtr? = data.withUnsafeBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                xmlCtxtReadMemory(context, base, Int32(buffer.count), fileName, nil, options)
            }
        }
        let wellFormed = context.pointee.wellFormed != 0
        guard let doc = parsed, wellFormed else {
            if let parsed { xmlFreeDoc(parsed) }
            var location = SourceLocation(file: fileName, line: 1)
            var message = "not well-formed XML"
            if let error = xmlCtxtGetLastError(context) {
                location = SourceLocation(file: fileName, line: max(1, Int(error.pointee.line)),
                                          column: max(1, Int(error.pointee.int2)))
                if let text = error.pointee.message {
                    message = "not well-formed XML: " + String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
            if data.isEmpty { message = "the file is empty; expected an XML document" }
            throw InputError(message, at: location)
        }
        let document = XMLDocument(doc: doc, fileName: fileName, text: text)
        if doc.pointee.intSubset != nil || doc.pointee.extSubset != nil {
            throw InputError("DOCTYPE declarations are not allowed; remove it", at: SourceLocation(file: fileName, line: 1))
        }
        return document
    }
}
