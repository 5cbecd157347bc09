public import TreasuryModel
public import StressResults

/// Reads TreasuryStress XML inputs: secure parse, namespace check, XSD validation, decoding,
/// then validation of meaning. Every failure is an `InputError` with `file:line:column`.
public enum InputReader {
    /// The kinds of document the tool reads.
    public enum DocumentKind: String, Sendable, CaseIterable {
        case treasury, scenarioSet, report, variants, batch, system

        var schema: Schema {
            switch self {
            case .treasury: return .treasury
            case .scenarioSet: return .scenarios
            case .report: return .report
            case .variants: return .variants
            case .batch: return .batch
            case .system: return .system
            }
        }

        /// Most child elements one element may have, and most elements in the document, checked
        /// before schema validation: libxml2 checks identity constraints (unique ids) pairwise, so
        /// 200,000 covenants took minutes to refuse. Far above the model limits (`InputBounds`),
        /// which then give the precise message; nil for reports, which the tool writes itself.
        var shapeLimits: (children: Int, elements: Int)? {
            switch self {
            case .treasury, .variants, .batch, .system: return (4_000, 10_000)
            case .scenarioSet: return (4_000, 400_000)
            case .report: return nil
            }
        }

        /// The root element's name.
        var rootName: String { self == .scenarioSet ? "scenarioSet" : rawValue }
    }

    /// Reads a treasury file.
    public static func treasury(_ data: [UInt8], fileName: String) throws(InputError) -> Treasury {
        let document = try open(data, fileName: fileName, expecting: .treasury)
        guard let root = document.root else { throw InputError("empty document", at: nil) }
        let treasury = try TreasuryDecoder.decode(root)
        try treasury.validate()
        return treasury
    }

    /// Reads a scenario-set file; historical windows are checked against the embedded history.
    public static func scenarioSet(_ data: [UInt8], fileName: String) throws(InputError) -> ScenarioSet {
        let document = try open(data, fileName: fileName, expecting: .scenarioSet)
        guard let root = document.root else { throw InputError("empty document", at: nil) }
        let set = try ScenarioSetDecoder.decode(root)
        let problems = set.validationProblems() + set.historyProblems(.embedded)
        if !problems.isEmpty { throw InputError(problems) }
        return set
    }

    /// Reads a report XML written by `ReportWriter`.
    public static func report(_ data: [UInt8], fileName: String) throws(InputError) -> StressReport {
        let document = try open(data, fileName: fileName, expecting: .report)
        guard let root = document.root else { throw InputError("empty document", at: nil) }
        return try ReportDecoder.decode(root)
    }

    /// The kind of a document, from its root element's namespace; nil when it is none of ours.
    public static func kind(of data: [UInt8], fileName: String) throws(InputError) -> DocumentKind {
        let document = try SecureXMLParser.parse(data, fileName: fileName)
        guard let root = document.root else { throw InputError("empty document", at: nil) }
        guard let kind = DocumentKind.allCases.first(where: { $0.schema.namespace == root.namespace }) else {
            let expected = DocumentKind.allCases.map(\.schema.namespace).joined(separator: ", ")
            throw InputError("root element <\(root.name)> is in namespace \"\(root.namespace ?? "none")\"; expected one of \(expected)",
                             at: root.location)
        }
        return kind
    }

    /// Validates any of our documents by its namespace: schema and meaning. Returns its kind.
    @discardableResult
    public static func validate(_ data: [UInt8], fileName: String) throws(InputError) -> DocumentKind {
        let kind = try kind(of: data, fileName: fileName)
        switch kind {
        case .treasury: _ = try treasury(data, fileName: fileName)
        case .scenarioSet: _ = try scenarioSet(data, fileName: fileName)
        case .report: _ = try report(data, fileName: fileName)
        case .variants, .batch, .system: _ = try open(data, fileName: fileName, expecting: kind)
        }
        return kind
    }

    static func open(_ data: [UInt8], fileName: String, expecting kind: DocumentKind) throws(InputError) -> XMLDocument {
        let document = try SecureXMLParser.parse(data, fileName: fileName)
        guard let root = document.root else { throw InputError("empty document", at: SourceLocation(file: fileName, line: 1)) }
        let expectedName = kind.rootName
        if root.namespace != kind.schema.namespace || root.name != expectedName {
            throw InputError(
                "root element <\(root.name)> in namespace \"\(root.namespace ?? "none")\" is not a \(kind.rawValue) file; expected <\(expectedName) xmlns=\"\(kind.schema.namespace)\">",
                at: root.location)
        }
        if let limits = kind.shapeLimits, let problem = document.shapeProblem(maxChildren: limits.children, maxElements: limits.elements) {
            throw InputError([problem])
        }
        try SchemaValidator.validate(document, schema: kind.schema)
        return document
    }
}
