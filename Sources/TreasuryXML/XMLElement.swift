import CLibXML2
import TreasuryModel
import Foundation

/// A read-only view of one element of an `XMLDocument`, with typed attribute readers whose
/// errors name the element, the attribute, the bad value and its location.
struct XMLElement {
    let node: xmlNodePtr
    let document: XMLDocument

    var name: String { node.pointee.name.map { String(cString: $0) } ?? "" }
    var namespace: String? { node.pointee.ns?.pointee.href.map { String(cString: $0) } }
    var location: SourceLocation { document.location(of: node) }

    /// Child elements in document order.
    var children: [XMLElement] {
        var result: [XMLElement] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(XMLElement(node: current, document: document)) }
            child = current.pointee.next
        }
        return result
    }

    func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }

    /// How errors name this element: `btcLoan "loan-a"` or `market`.
    var label: String {
        if let id = attribute("id") { return "\(name) \"\(id)\"" }
        return name
    }

    func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { ts_xmlFree(value) }
        return String(cString: value)
    }

    func fail(_ message: String) -> InputError { InputError("\(label): \(message)", at: location) }

    func string(_ name: String) throws(InputError) -> String {
        guard let value = attribute(name) else { throw fail("missing attribute \(name)") }
        return value
    }

    func double(_ name: String) throws(InputError) -> Double {
        try parseDouble(name, try string(name))
    }

    func double(_ name: String, default value: Double) throws(InputError) -> Double {
        guard let text = attribute(name) else { return value }
        return try parseDouble(name, text)
    }

    func optionalDouble(_ name: String) throws(InputError) -> Double? {
        guard let text = attribute(name) else { return nil }
        return try parseDouble(name, text)
    }

    private func parseDouble(_ name: String, _ text: String) throws(InputError) -> Double {
        // Trimming is slow on long documents, and numbers a tool writes carry no spaces.
        let padded = text.first.map { $0 == " " || $0 == "\t" } == true || text.last.map { $0 == " " || $0 == "\t" } == true
        let trimmed = padded ? text.trimmingCharacters(in: .whitespaces) : text
        guard let value = Double(trimmed) else { throw fail("\(name) (\"\(text)\") must be a number") }
        guard value.isFinite else { throw fail("\(name) (\(text)) must be a finite number, not NaN or infinity") }
        return value
    }

    /// A non-negative amount (USD, BTC, shares).
    func amount(_ name: String) throws(InputError) -> Double {
        let value = try double(name)
        if value < 0 { throw fail("\(name) (\(value)) must not be negative") }
        return value
    }

    func amount(_ name: String, default fallback: Double) throws(InputError) -> Double {
        guard attribute(name) != nil else { return fallback }
        return try amount(name)
    }

    func int(_ name: String, default fallback: Int) throws(InputError) -> Int {
        guard let text = attribute(name) else { return fallback }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw fail("\(name) (\"\(text)\") must be a whole number")
        }
        return value
    }

    func bool(_ name: String, default fallback: Bool) throws(InputError) -> Bool {
        guard let text = attribute(name)?.trimmingCharacters(in: .whitespaces) else { return fallback }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default: throw fail("\(name) (\"\(text)\") must be true or false")
        }
    }

    func date(_ name: String) throws(InputError) -> CalendarDate {
        let text = try string(name)
        guard let date = CalendarDate(iso: text.trimmingCharacters(in: .whitespaces)) else {
            throw fail("\(name) (\"\(text)\") must be a date YYYY-MM-DD")
        }
        return date
    }

    func dates(_ name: String) throws(InputError) -> [CalendarDate] {
        guard let text = attribute(name) else { return [] }
        var dates: [CalendarDate] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
            guard let date = CalendarDate(iso: word) else { throw fail("\(name): \"\(word)\" must be a date YYYY-MM-DD") }
            dates.append(date)
        }
        return dates
    }

    func words(_ name: String) -> [String] {
        (attribute(name) ?? "").split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
    }

    func choice<T: RawRepresentable & CaseIterable>(_ name: String, default fallback: T) throws(InputError) -> T
    where T.RawValue == String {
        guard let text = attribute(name) else { return fallback }
        guard let value = T(rawValue: text.trimmingCharacters(in: .whitespaces)) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail("\(name) (\"\(text)\") must be one of: \(allowed)")
        }
        return value
    }
}
