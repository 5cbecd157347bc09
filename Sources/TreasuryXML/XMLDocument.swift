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
    /// Walks back in document order and stops at the first element on an earlier line (start
    /// tags come in line order), so locating every element of a long file stays linear.
    func sameNameEarlierOnLine(_ node: xmlNodePtr, line: Int) -> Int {
        guard let name = node.pointee.name else { return 0 }
        var count = 0
        var current = Self.previousInDocumentOrder(node)
        while let element = current {
            if element.pointee.type == XML_ELEMENT_NODE {
                let elementLine = Int(xmlGetLineNo(element))
                if elementLine < line { break }
                if elementLine == line, let other = element.pointee.name, xmlStrEqual(other, name) != 0 { count += 1 }
            }
            current = Self.previousInDocumentOrder(element)
        }
        return count
    }

    /// The node before `node` in document order (its previous sibling's last descendant, or its
    /// parent); nil at the root.
    static func previousInDocumentOrder(_ node: xmlNodePtr) -> xmlNodePtr? {
        if var previous = node.pointee.prev {
            while let last = previous.pointee.last { previous = last }
            return previous
        }
        guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return parent
    }

    /// The first element with more than `maxChildren` child elements, or the element past
    /// `maxElements` in document order, as a located problem; nil when the shape is within both.
    func shapeProblem(maxChildren: Int, maxElements: Int) -> InputDiagnostic? {
        guard let root = xmlDocGetRootElement(doc) else { return nil }
        var elements = 0
        var stack: [xmlNodePtr] = [root]
        while let element = stack.popLast() {
            elements += 1
            if elements > maxElements {
                return InputDiagnostic("the file has more than \(maxElements) elements; no input of this kind needs that many (split it or remove the extra elements)",
                                       at: location(of: element))
            }
            var children = 0
            var child = element.pointee.last
            while let node = child {
                if node.pointee.type == XML_ELEMENT_NODE {
                    children += 1
                    if children > maxChildren {
                        let name = element.pointee.name.map { String(cString: $0) } ?? "element"
                        return InputDiagnostic("<\(name)> has more than \(maxChildren) child elements; no input of this kind needs that many (remove the extra elements)",
                                               at: location(of: element))
                    }
                    stack.append(node)
                }
                child = node.pointee.prev
            }
        }
        return nil
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

    /// The line and column (in characters) of byte `offset` of UTF-8 `data`.
    static func location(ofByte offset: Int, in data: [UInt8], fileName: String) -> SourceLocation {
        var line = 1, lineStart = 0
        for i in 0..<min(offset, data.count) where data[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        let column = String(decoding: data[lineStart..<min(offset, data.count)], as: UTF8.self).count + 1
        return SourceLocation(file: fileName, line: line, column: column)
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
            throw InputError("DOCTYPE and entity declarations are not allowed (they can read files or expand without bound); remove them",
                             at: location(ofByte: offset, in: scanned, fileName: fileName))
        }
        if let violation = MarkupLimits.firstViolation(in: scanned) {
            throw InputError(violation.message, at: location(ofByte: violation.offset, in: scanned, fileName: fileName))
        }
        guard let context = xmlNewParserCtxt() else {
            throw InputError("cannot create an XML parser (out of memory?)", at: nil)
        }
        defer { xmlFreeParserCtxt(context) }
        let firstError = FirstParseError()
        let parsed: xmlDocPtr? = withExtendedLifetime(firstError) {
            context.pointee._private = Unmanaged.passUnretained(firstError).toOpaque()
            ts_xmlCtxtSetStructuredErrors(context, keepFirstParseError)
            defer { context.pointee._private = nil }
            return data.withUnsafeBufferPointer { buffer in
                buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                    xmlCtxtReadMemory(context, base, Int32(buffer.count), fileName, nil, options)
                }
            }
        }
        let wellFormed = context.pointee.wellFormed != 0
        guard let doc = parsed, wellFormed else {
            if let parsed { xmlFreeDoc(parsed) }
            var location = SourceLocation(file: fileName, line: 1)
            var message = "not well-formed XML"
            if let first = firstError.error {
                location = SourceLocation(file: fileName, line: first.line, column: first.column)
                message = "not well-formed XML: " + first.message
            } else if let error = xmlCtxtGetLastError(context) {
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

/// The first error libxml2 reports while parsing one document (the later ones are mostly its
/// consequences).
final class FirstParseError {
    var error: (line: Int, column: Int, message: String)?
}

/// libxml2 structured error callback for the parser: `context` is the parser context, whose
/// `_private` holds the `FirstParseError` of this parse.
private func keepFirstParseError(_ context: UnsafeMutableRawPointer?, _ untypedError: UnsafeRawPointer?) {
    guard let context, let untypedError else { return }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let box = parser.pointee._private else { return }
    let first = Unmanaged<FirstParseError>.fromOpaque(box).takeUnretainedValue()
    guard first.error == nil else { return }
    let error = untypedError.assumingMemoryBound(to: xmlError.self)
    let text = error.pointee.message.map { String(cString: $0) } ?? "invalid"
    first.error = (max(1, Int(error.pointee.line)), max(1, Int(error.pointee.int2)),
                   text.trimmingCharacters(in: .whitespacesAndNewlines))
}
