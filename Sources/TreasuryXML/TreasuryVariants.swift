import CLibXML2
public import TreasuryModel
import Foundation

/// A named variant of a base treasury: the base with XPath-addressed edits applied, re-read
/// through the schema and meaning checks like any treasury file.
public struct TreasuryVariant: Sendable {
    /// Identifier (for example "cash-settlement").
    public var id: String
    /// Display name.
    public var name: String
    /// The edited treasury.
    public var treasury: Treasury
    /// The edited treasury XML (what was validated), for its SHA-256.
    public var xml: [UInt8]
}

/// Reads a variants file (`urn:treasury-stress:variants:1`) and applies each variant's edits to
/// the base treasury with libxml2's XPath: `set` an attribute, `add` children, `replace` or
/// `remove` elements. An XPath that matches nothing is a located error, not a no-op.
public enum TreasuryVariants {
    /// The treasury namespace, bound to the prefix `t` in variant XPaths.
    public static let treasuryNamespace = "urn:treasury-stress:treasury:1"

    /// Applies every variant in `variants` to `base`.
    public static func apply(variants: [UInt8], fileName: String, base: [UInt8], baseName: String) throws(InputError) -> [TreasuryVariant] {
        let document = try InputReader.open(variants, fileName: fileName, expecting: .variants)
        guard let root = document.root else { throw InputError("empty document", at: nil) }
        var result: [TreasuryVariant] = []
        var problems: [InputDiagnostic] = []
        var ids = Set<String>()
        for variant in root.children where variant.name == "variant" {
            if let id = variant.attribute("id"), !ids.insert(id).inserted {
                problems.append(InputDiagnostic("variant \"\(id)\": id is used twice; give each variant its own id", at: variant.location))
                continue
            }
            do {
                result.append(try apply(variant, base: base, baseName: baseName))
            } catch {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw InputError(problems) }
        return result
    }

    static func apply(_ variant: XMLElement, base: [UInt8], baseName: String) throws(InputError) -> TreasuryVariant {
        let id = try variant.string("id")
        let label = "variant \"\(id)\""
        let target = try SecureXMLParser.parse(base, fileName: baseName)
        for edit in variant.children {
            let xpath = try edit.string("xpath")
            let nodes = try select(xpath, in: target, edit: edit, label: label)
            switch edit.name {
            case "set":
                let attribute = try edit.string("attribute"), value = try edit.string("value")
                for node in nodes {
                    guard node.pointee.type == XML_ELEMENT_NODE else {
                        throw InputError("\(label): xpath \"\(xpath)\" selects something that is not an element", at: edit.location)
                    }
                    xmlSetProp(node, attribute, value)
                }
            case "remove":
                for node in outermost(nodes) {
                    xmlUnlinkNode(node)
                    xmlFreeNode(node)
                }
            case "add", "replace":
                let content = edit.children.map(\.node)
                // A replaced element frees its descendants: edit only the outermost selected.
                for node in edit.name == "replace" ? outermost(nodes) : nodes {
                    for child in content {
                        guard let copy = xmlDocCopyNode(child, target.doc, 1) else {
                            throw InputError("\(label): cannot copy the content (out of memory?)", at: edit.location)
                        }
                        if edit.name == "add" {
                            xmlAddChild(node, copy)
                        } else {
                            xmlAddPrevSibling(node, copy)
                        }
                        xmlReconciliateNs(target.doc, copy)
                    }
                    if edit.name == "replace" {
                        xmlUnlinkNode(node)
                        xmlFreeNode(node)
                    }
                }
            default:
                throw InputError("\(label): unknown edit", at: edit.location)
            }
        }
        let bytes = serialize(target)
        let name = "\(baseName) [\(label)]"
        do {
            let treasury = try InputReader.treasury(bytes, fileName: name)
            return TreasuryVariant(id: id, name: variant.attribute("name") ?? id, treasury: treasury, xml: bytes)
        } catch {
            let reasons = error.diagnostics.map(\.message).joined(separator: "; ")
            throw variant.fail("the edited treasury is not valid: \(reasons)")
        }
    }

    /// The elements `xpath` selects in `document` (prefix `t` = treasury namespace).
    static func select(_ xpath: String, in document: XMLDocument, edit: XMLElement, label: String) throws(InputError) -> [xmlNodePtr] {
        guard let context = xmlXPathNewContext(document.doc) else { throw InputError("\(label): cannot create an XPath context", at: edit.location) }
        defer { xmlXPathFreeContext(context) }
        xmlXPathRegisterNs(context, "t", treasuryNamespace)
        guard let result = xmlXPathEvalExpression(xpath, context) else {
            throw InputError("\(label): xpath \"\(xpath)\" is not a valid XPath 1.0 expression", at: edit.location)
        }
        defer { xmlXPathFreeObject(result) }
        var nodes: [xmlNodePtr] = []
        if result.pointee.type == XPATH_NODESET, let set = result.pointee.nodesetval, let table = set.pointee.nodeTab {
            for i in 0..<Int(set.pointee.nodeNr) {
                if let node = table[i] { nodes.append(node) }
            }
        }
        if nodes.isEmpty {
            throw InputError("\(label): xpath \"\(xpath)\" matches nothing in the base treasury (use the prefix t: for its elements)", at: edit.location)
        }
        if nodes.contains(where: { $0.pointee.type != XML_ELEMENT_NODE }) {
            throw InputError("\(label): xpath \"\(xpath)\" must select elements", at: edit.location)
        }
        return nodes
    }

    /// The selected elements that have no selected ancestor: removing or replacing those removes
    /// the rest with them, and touching a descendant after its ancestor was freed would use freed
    /// memory (an XPath such as `//t:btcLoan | //t:liabilities` selects both).
    static func outermost(_ nodes: [xmlNodePtr]) -> [xmlNodePtr] {
        let selected = Set(nodes.map { UnsafeMutableRawPointer($0) })
        return nodes.filter { node in
            var parent = node.pointee.parent
            while let ancestor = parent {
                if selected.contains(UnsafeMutableRawPointer(ancestor)) { return false }
                parent = ancestor.pointee.parent
            }
            return true
        }
    }

    static func serialize(_ document: XMLDocument) -> [UInt8] {
        var buffer: UnsafeMutablePointer<xmlChar>?
        var size: Int32 = 0
        xmlDocDumpMemory(document.doc, &buffer, &size)
        guard let buffer else { return [] }
        defer { ts_xmlFree(buffer) }
        return Array(UnsafeBufferPointer(start: buffer, count: Int(size)))
    }
}
