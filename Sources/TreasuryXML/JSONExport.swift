import CLibXML2
import Foundation
public import TreasuryModel

/// The JSON form of the tool's published documents (DESIGN §8): the same content as the XML,
/// under the same names, so one set of definitions serves both. An element becomes an object;
/// its attributes become members typed as the XSD declares them (numbers keep the XML's decimal
/// text: USD at cents, BTC at satoshis, ratios at six decimals; an infinite value is null); a child element that may repeat
/// becomes an array under its own name, always present, and a list wrapper (`<scenarios>` of
/// `<scenario>`s) is that array itself. The JSON Schema (draft 2020-12) is derived
/// from the same XSD and published under `schemas/json/`.
public enum JSONExport {
    /// A document the tool writes.
    public enum Document: String, Sendable, CaseIterable {
        /// A stress report (`run`), `urn:treasury-stress:report:2`.
        case report
        /// A comparison of structures (`compare`).
        case comparison
        /// A quarter's batch summary (`batch`).
        case batchSummary
        /// A treasury's quarterly trend (`history`).
        case history
        /// A systemic run (`system`).
        case systemReport

        var schema: Schema {
            switch self {
            case .report: return .report
            case .comparison: return .comparison
            case .batchSummary: return .batchSummary
            case .history: return .history
            case .systemReport: return .systemReport
            }
        }

        /// The published JSON Schema's file name.
        public var schemaFileName: String {
            (schema.fileName.hasSuffix(".xsd") ? String(schema.fileName.dropLast(4)) : schema.fileName) + ".schema.json"
        }
    }

    /// The JSON text of `xml`, a document of kind `document` that the tool wrote (and validated).
    public static func json(xml: String, document: Document) throws(InputError) -> String {
        let shape = try XSDShape(document.schema)
        let parsed = try SecureXMLParser.parse(Array(xml.utf8), fileName: document.rawValue + ".xml")
        guard let root = parsed.root, root.name == shape.rootName else {
            throw InputError("internal: the \(document.rawValue) XML has no \(shape.rootName) element", at: nil)
        }
        return try value(of: root.node, shape.root, document: document).text()
    }

    /// The JSON Schema (draft 2020-12) of `document`'s JSON form.
    public static func schema(_ document: Document) throws(InputError) -> String {
        let shape = try XSDShape(document.schema)
        var members: [(String, JSONValue)] = [
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string(document.schema.namespace + ":json")),
            ("title", .string("TreasuryStress \(document.rawValue) (JSON form of \(document.schema.fileName), \(document.schema.namespace))")),
        ]
        if let note = shape.note { members.append(("description", .string(note))) }
        if case .object(let body) = objectSchema(shape.root, inline: true) { members += body }
        let named = shape.namedTypes.keys.sorted()
        if !named.isEmpty {
            members.append(("$defs", .object(named.compactMap { name in
                shape.namedTypes[name].map { (name, objectSchema($0, inline: true)) }
            })))
        }
        return JSONValue.object(members).text()
    }

    // MARK: Conversion

    private static func value(of node: xmlNodePtr, _ shape: XSDShape.Element, document: Document) throws(InputError) -> JSONValue {
        let built = try objectValue(of: node, shape, document: document)
        if shape.wrapped != nil, let list = built.onlyMember { return list }
        return built
    }

    private static func objectValue(of node: xmlNodePtr, _ shape: XSDShape.Element, document: Document) throws(InputError) -> JSONValue {
        var members: [(String, JSONValue)] = []
        var seen = 0
        for attribute in shape.attributes {
            guard let text = attributeText(node, attribute.name) else { continue }
            seen += 1
            members.append((attribute.name, try typed(text, attribute.type, name: attribute.name, document: document)))
        }
        var present = 0
        var property = node.pointee.properties
        while let current = property {
            present += 1
            property = current.pointee.next
        }
        if present != seen { throw InputError("internal: the \(document.rawValue) XML has an attribute its schema shape lacks", at: nil) }
        var byName: [String: [xmlNodePtr]] = [:]
        var total = 0
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, let name = current.pointee.name {
                byName[String(cString: name), default: []].append(current)
                total += 1
            }
            child = current.pointee.next
        }
        var used = 0
        for declared in shape.children {
            let nodes = byName[declared.name] ?? []
            used += nodes.count
            if declared.repeated {
                var items: [JSONValue] = []
                items.reserveCapacity(nodes.count)
                for item in nodes { items.append(try value(of: item, declared.element, document: document)) }
                members.append((declared.name, .array(items)))
            } else if let only = nodes.first {
                members.append((declared.name, try value(of: only, declared.element, document: document)))
            }
        }
        if used != total { throw InputError("internal: the \(document.rawValue) XML has an element its schema shape lacks", at: nil) }
        return .object(members)
    }

    private static func attributeText(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { ts_xmlFree(value) }
        return String(cString: value)
    }

    private static func typed(_ text: String, _ type: XSDShape.ValueType, name: String,
                              document: Document) throws(InputError) -> JSONValue {
        func bad() -> InputError {
            InputError("internal: the \(document.rawValue) XML's \(name)=\"\(text)\" does not convert to JSON", at: nil)
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch type {
        case .string: return .string(text)
        case .boolean:
            switch trimmed {
            case "true", "1": return .bool(true)
            case "false", "0": return .bool(false)
            default: throw bad()
            }
        case .number, .integer:
            let lexeme = trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed
            if JSONValue.isNumber(lexeme) { return .number(lexeme) }
            // JSON has no infinity: an xs:double of INF (months of liquidity when nothing is due) is null.
            if case .number = type, ["INF", "-INF", "NaN"].contains(lexeme) { return .null }
            guard let number = Double(lexeme), number.isFinite else { throw bad() }
            return .number("\(number)")
        case .list(let item):
            var items: [JSONValue] = []
            for word in text.split(whereSeparator: \.isWhitespace) {
                items.append(try typed(String(word), item, name: name, document: document))
            }
            return .array(items)
        }
    }

    // MARK: Schema

    private static func objectSchema(_ shape: XSDShape.Element, inline: Bool) -> JSONValue {
        if !inline, let name = shape.typeName { return .object([("$ref", .string("#/$defs/" + name))]) }
        if !inline, let list = shape.wrapped {
            let items = objectSchema(list.element, inline: false)
            var members: [(String, JSONValue)] = [("type", .string("array")), ("items", items)]
            if list.required { members.append(("minItems", .number("1"))) }
            return .object(members)
        }
        var properties: [(String, JSONValue)] = []
        var required: [JSONValue] = []
        for attribute in shape.attributes {
            var schema = valueSchema(attribute.type)
            if let note = attribute.note, case .object(let members) = schema {
                schema = .object([("description", .string(note))] + members)
            }
            properties.append((attribute.name, schema))
            if attribute.required { required.append(.string(attribute.name)) }
        }
        for child in shape.children {
            var schema = objectSchema(child.element, inline: false)
            if child.repeated {
                var members: [(String, JSONValue)] = [("type", .string("array")), ("items", schema)]
                if child.required { members.append(("minItems", .number("1"))) }
                schema = .object(members)
            }
            if let note = child.note, case .object(let members) = schema {
                schema = .object([("description", .string(note))] + members)
            }
            properties.append((child.name, schema))
            if child.repeated || child.required { required.append(.string(child.name)) }
        }
        return .object([
            ("type", .string("object")), ("properties", .object(properties)), ("required", .array(required)),
            ("additionalProperties", .bool(false)),
        ])
    }

    private static func valueSchema(_ type: XSDShape.ValueType) -> JSONValue {
        switch type {
        case .number:
            return .object([("type", .array([.string("number"), .string("null")])),
                            ("$comment", .string("null where the XML has INF, -INF or NaN"))])
        case .boolean: return .object([("type", .string("boolean"))])
        case .integer(let minimum):
            return .object([("type", .string("integer"))] + (minimum.map { [("minimum", .number(String($0)))] } ?? []))
        case .list(let item): return .object([("type", .string("array")), ("items", valueSchema(item))])
        case .string(let values, let pattern, let date):
            var members: [(String, JSONValue)] = [("type", .string("string"))]
            if !values.isEmpty { members.append(("enum", .array(values.map(JSONValue.string)))) }
            if let pattern { members.append(("pattern", .string(pattern))) }
            if date { members.append(("format", .string("date"))) }
            return .object(members)
        }
    }
}
