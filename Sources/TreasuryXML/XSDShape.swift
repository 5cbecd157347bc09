import CLibXML2
import TreasuryModel

/// The shape of a published document as its XSD declares it, read from the embedded schema:
/// which attributes an element has and of what type, which child elements and how many. The JSON
/// export converts documents and derives its JSON Schema from it, so the XML, the JSON and both
/// schemas cannot drift apart. It reads the subset of XSD the tool's schemas use and refuses
/// anything else (a construct added to a schema fails the export tests, not a user's export).
struct XSDShape {
    /// An attribute value's type.
    indirect enum ValueType: Equatable {
        /// Text; with its allowed values, a pattern (anchored, as XSD's are) or as an ISO date.
        case string(enumeration: [String], pattern: String?, date: Bool)
        case number
        /// An integer; with its least value.
        case integer(minimum: Int?)
        case boolean
        /// A whitespace-separated list.
        case list(ValueType)
    }

    struct Attribute {
        var name: String
        var type: ValueType
        var required: Bool
        /// The XSD comment just before the declaration.
        var note: String?
    }

    struct Child {
        var name: String
        var element: Element
        /// maxOccurs above 1: an array in JSON.
        var repeated: Bool
        var required: Bool
        var note: String?
    }

    /// An element's content; `typeName` names a shared complex type (`eventType`).
    final class Element {
        var typeName: String?
        var attributes: [Attribute] = []
        var children: [Child] = []
        init(typeName: String?) { self.typeName = typeName }

        /// A list wrapper (`<scenarios>` holding only `<scenario>`s: no attributes, one child
        /// that repeats): JSON gives it as the array itself.
        var wrapped: Child? {
            guard attributes.isEmpty, children.count == 1, children[0].repeated else { return nil }
            return children[0]
        }
    }

    /// The root element's name, its shape and the comment that opens the schema file.
    var rootName: String
    var root: Element
    var note: String?
    /// Every named complex type used, by name.
    var namedTypes: [String: Element]

    /// Reads `schema`; an internal error names the construct it cannot read.
    init(_ schema: Schema) throws(InputError) {
        let document = try SecureXMLParser.parse(Array(schema.text.utf8), fileName: schema.fileName)
        var reader = Reader(schema: schema)
        guard let top = xmlDocGetRootElement(document.doc) else { throw reader.fail("no schema element") }
        for node in Reader.nodes(top) where node.kind == "simpleType" || node.kind == "complexType" || node.kind == "attributeGroup" {
            guard let name = Reader.attribute(node.pointer, "name") else { throw reader.fail("a top-level xs:\(node.kind) without a name") }
            reader.declarations[node.kind + ":" + name] = node.pointer
        }
        let elements = Reader.nodes(top).filter { $0.kind == "element" }
        guard elements.count == 1, let rootName = Reader.attribute(elements[0].pointer, "name") else {
            throw reader.fail("expected exactly one top-level xs:element")
        }
        self.rootName = rootName
        self.root = try reader.elementShape(elements[0].pointer)
        self.namedTypes = reader.namedTypes
        var leading: String?
        var node = document.doc.pointee.children
        while let current = node, current.pointee.type == XML_COMMENT_NODE {
            leading = Reader.content(current)
            node = current.pointee.next
        }
        self.note = leading
    }

    private struct Reader {
        let schema: Schema
        var declarations: [String: xmlNodePtr] = [:]
        var namedTypes: [String: Element] = [:]

        func fail(_ message: String) -> InputError {
            InputError("internal: \(schema.fileName): the JSON export cannot read this schema: \(message)", at: nil)
        }

        /// Element children in the XSD namespace with the comment just before each.
        static func nodes(_ parent: xmlNodePtr) -> [(kind: String, pointer: xmlNodePtr, note: String?)] {
            var result: [(String, xmlNodePtr, String?)] = []
            var pending: String?
            var child = parent.pointee.children
            while let current = child {
                if current.pointee.type == XML_COMMENT_NODE {
                    pending = content(current)
                } else if current.pointee.type == XML_ELEMENT_NODE, let name = current.pointee.name {
                    result.append((String(cString: name), current, pending))
                    pending = nil
                }
                child = current.pointee.next
            }
            return result
        }

        static func content(_ node: xmlNodePtr) -> String? {
            guard let raw = xmlNodeGetContent(node) else { return nil }
            defer { ts_xmlFree(raw) }
            let words = String(cString: raw).split(whereSeparator: \.isWhitespace)
            return words.isEmpty ? nil : words.joined(separator: " ")
        }

        static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
            guard let value = xmlGetProp(node, name) else { return nil }
            defer { ts_xmlFree(value) }
            return String(cString: value)
        }

        static func local(_ qualified: String) -> String {
            qualified.split(separator: ":").last.map(String.init) ?? qualified
        }

        mutating func elementShape(_ node: xmlNodePtr) throws(InputError) -> Element {
            if let type = Reader.attribute(node, "type") {
                let name = Reader.local(type)
                if let shared = namedTypes[name] { return shared }
                guard let declaration = declarations["complexType:" + name] else { throw fail("unknown type \(type)") }
                let shape = Element(typeName: name)
                namedTypes[name] = shape
                try fill(shape, from: declaration)
                return shape
            }
            let shape = Element(typeName: nil)
            for child in Reader.nodes(node) {
                guard child.kind == "complexType" else { throw fail("xs:\(child.kind) in an element") }
                try fill(shape, from: child.pointer)
            }
            return shape
        }

        mutating func fill(_ shape: Element, from complexType: xmlNodePtr) throws(InputError) {
            for node in Reader.nodes(complexType) {
                switch node.kind {
                case "sequence":
                    for item in Reader.nodes(node.pointer) {
                        guard item.kind == "element", let name = Reader.attribute(item.pointer, "name") else {
                            throw fail("xs:\(item.kind) in a sequence")
                        }
                        let minimum = Reader.attribute(item.pointer, "minOccurs") ?? "1"
                        let maximum = Reader.attribute(item.pointer, "maxOccurs") ?? "1"
                        let element = try elementShape(item.pointer)
                        shape.children.append(Child(name: name, element: element, repeated: maximum != "1",
                                                    required: minimum != "0", note: item.note))
                    }
                case "attribute":
                    shape.attributes.append(try attributeShape(node.pointer, note: node.note))
                case "attributeGroup":
                    guard let ref = Reader.attribute(node.pointer, "ref"),
                          let group = declarations["attributeGroup:" + Reader.local(ref)] else { throw fail("an attribute group without a known ref") }
                    for member in Reader.nodes(group) where member.kind == "attribute" {
                        shape.attributes.append(try attributeShape(member.pointer, note: member.note))
                    }
                default:
                    throw fail("xs:\(node.kind) in a complex type")
                }
            }
            let attributes = Set(shape.attributes.map(\.name))
            if let clash = shape.children.first(where: { attributes.contains($0.name) }) {
                throw fail("\"\(clash.name)\" is both an attribute and a child element")
            }
        }

        func attributeShape(_ node: xmlNodePtr, note: String?) throws(InputError) -> Attribute {
            guard let name = Reader.attribute(node, "name") else { throw fail("an attribute without a name") }
            let type: ValueType
            if let typeName = Reader.attribute(node, "type") {
                type = try valueType(named: typeName)
            } else if let inline = Reader.nodes(node).first(where: { $0.kind == "simpleType" }) {
                type = try simpleType(inline.pointer)
            } else {
                throw fail("attribute \(name) has no type")
            }
            return Attribute(name: name, type: type, required: Reader.attribute(node, "use") == "required", note: note)
        }

        func valueType(named qualified: String) throws(InputError) -> ValueType {
            if qualified.hasPrefix("xs:") {
                switch String(qualified.dropFirst(3)) {
                case "double", "decimal", "float": return .number
                case "int", "integer", "long", "short": return .integer(minimum: nil)
                case "nonNegativeInteger", "unsignedLong", "unsignedInt": return .integer(minimum: 0)
                case "positiveInteger": return .integer(minimum: 1)
                case "boolean": return .boolean
                case "date": return .string(enumeration: [], pattern: nil, date: true)
                case "string", "token", "normalizedString", "NCName", "ID", "anyURI": return .string(enumeration: [], pattern: nil, date: false)
                default: throw fail("built-in type \(qualified)")
                }
            }
            guard let declaration = declarations["simpleType:" + Reader.local(qualified)] else { throw fail("unknown type \(qualified)") }
            return try simpleType(declaration)
        }

        func simpleType(_ node: xmlNodePtr) throws(InputError) -> ValueType {
            for child in Reader.nodes(node) {
                switch child.kind {
                case "list":
                    guard let item = Reader.attribute(child.pointer, "itemType") else { throw fail("xs:list without itemType") }
                    return .list(try valueType(named: item))
                case "restriction":
                    guard let base = Reader.attribute(child.pointer, "base") else { throw fail("xs:restriction without base") }
                    let facets = Reader.nodes(child.pointer)
                    let values = facets.filter { $0.kind == "enumeration" }.compactMap { Reader.attribute($0.pointer, "value") }
                    let patterns = facets.filter { $0.kind == "pattern" }.compactMap { Reader.attribute($0.pointer, "value") }
                    if let other = facets.first(where: { $0.kind != "enumeration" && $0.kind != "pattern" }) {
                        throw fail("the facet xs:\(other.kind)")
                    }
                    guard case .string = try valueType(named: base) else {
                        if values.isEmpty && patterns.isEmpty { return try valueType(named: base) }
                        throw fail("a restricted \(base)")
                    }
                    return .string(enumeration: values, pattern: patterns.first.map { "^(" + $0 + ")$" }, date: false)
                default:
                    throw fail("xs:\(child.kind) in a simple type")
                }
            }
            throw fail("an empty simple type")
        }
    }
}
