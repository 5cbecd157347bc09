/// Limits on the shape of markup, checked by a byte scan before libxml2 parses a document.
///
/// libxml2 checks an element's attributes for duplicates pairwise, so one start tag with 200,000
/// attributes takes about a minute to parse and longer to validate; and an attribute value over
/// libxml2's 10 MB limit is reported as "Extra content at the end of the document", far from the
/// cause. No published schema has an element with more than a few dozen attributes or a value
/// longer than a few kilobytes, so these limits refuse only hostile or broken files, with a
/// located message, in one pass.
enum MarkupLimits {
    /// Most attributes one element may carry.
    static let maxAttributesPerElement = 100
    /// Longest attribute value accepted, in bytes (1 MiB).
    static let maxAttributeValueBytes = 1 << 20

    /// What is wrong and the byte offset of the start tag at fault.
    struct Violation: Equatable {
        let offset: Int
        let message: String
    }

    /// The first start tag in `data` (UTF-8) that breaks a limit, if any. Comments, processing
    /// instructions and CDATA sections are skipped; a `=` outside quotes inside a start tag is
    /// one attribute.
    static func firstViolation(in data: [UInt8]) -> Violation? {
        let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), bang = UInt8(ascii: "!"), question = UInt8(ascii: "?")
        let slash = UInt8(ascii: "/"), equals = UInt8(ascii: "="), dquote = UInt8(ascii: "\""), squote = UInt8(ascii: "'")
        let count = data.count
        var i = 0
        while i < count {
            guard data[i] == lt, i + 1 < count else { i += 1; continue }
            let next = data[i + 1]
            if next == bang {
                if starts(data, at: i, with: "<!--") {
                    i = end(of: data, from: i + 4, marker: "-->")
                } else if starts(data, at: i, with: "<![CDATA[") {
                    i = end(of: data, from: i + 9, marker: "]]>")
                } else {
                    i = end(of: data, from: i + 2, marker: ">")
                }
                continue
            }
            if next == question { i = end(of: data, from: i + 2, marker: "?>"); continue }
            if next == slash { i = end(of: data, from: i + 2, marker: ">"); continue }
            // A start tag: count its attributes and measure its quoted values.
            let tagStart = i
            var attributes = 0
            i += 1
            scanTag: while i < count {
                let byte = data[i]
                if byte == gt { i += 1; break scanTag }
                if byte == equals {
                    attributes += 1
                    if attributes > maxAttributesPerElement {
                        return Violation(offset: tagStart, message:
                            "this element has more than \(maxAttributesPerElement) attributes; no element of the schema has that many (remove the extra attributes)")
                    }
                } else if byte == dquote || byte == squote {
                    let valueStart = i + 1
                    var j = valueStart
                    while j < count && data[j] != byte { j += 1 }
                    if j - valueStart > maxAttributeValueBytes {
                        return Violation(offset: tagStart, message:
                            "an attribute value of this element is \(j - valueStart) bytes long; values are limited to \(maxAttributeValueBytes) bytes (shorten it)")
                    }
                    i = j
                }
                i += 1
            }
        }
        return nil
    }

    private static func starts(_ data: [UInt8], at offset: Int, with marker: StaticString) -> Bool {
        let length = marker.utf8CodeUnitCount
        guard offset + length <= data.count else { return false }
        return marker.withUTF8Buffer { bytes in
            for k in 0..<length where data[offset + k] != bytes[k] { return false }
            return true
        }
    }

    /// The offset just past the first `marker` at or after `from`, or the end of the data.
    private static func end(of data: [UInt8], from: Int, marker: StaticString) -> Int {
        var i = from
        while i < data.count {
            if starts(data, at: i, with: marker) { return i + marker.utf8CodeUnitCount }
            i += 1
        }
        return data.count
    }
}
