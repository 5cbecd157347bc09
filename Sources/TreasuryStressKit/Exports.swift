public import TreasuryXML

/// The JSON exports as the commands write them (DESIGN §8).
public enum Exports {
    /// The JSON bytes of `xml`, a document the tool wrote; a failure is internal (the XML passed
    /// its schema, so the JSON form must exist).
    public static func json(xml: String, document: JSONExport.Document) throws(ToolError) -> [UInt8] {
        do {
            return Array(try JSONExport.json(xml: xml, document: document).utf8)
        } catch {
            throw .internal("cannot write the \(document.rawValue) as JSON: \(error)")
        }
    }
}

extension Exports {
    /// The JSON Schema of `document`'s JSON form (published in `json-schemas/`).
    public static func jsonSchema(_ document: JSONExport.Document) throws(ToolError) -> String {
        do {
            return try JSONExport.schema(document)
        } catch {
            throw .internal("cannot derive the \(document.rawValue) JSON Schema: \(error)")
        }
    }
}
