/// Where a value came from in an input file, so that an error can say `file:line:column`.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file name as the user gave it.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column (libxml2 gives 1 when it does not know).
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }
}

/// One problem found in an input, with where it is and what to fix.
///
/// Rendered as `treasury.xml:12:5: btcLoan "loan-a": liquidationLTV (0.6) must be above marginCallLTV (0.65)`.
public struct InputDiagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the problem is; nil when the whole file is at fault (for example too large).
    public var location: SourceLocation?
    /// What is wrong and what to do about it.
    public var message: String

    /// Creates a diagnostic.
    public init(_ message: String, at location: SourceLocation?) {
        self.location = location
        self.message = message
    }

    public var description: String {
        if let location { return "\(location): \(message)" }
        return message
    }
}

/// Every problem found in one input, in file order. Thrown when an input cannot be used.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// The diagnostics, at least one.
    public var diagnostics: [InputDiagnostic]

    /// Creates an error from its diagnostics.
    public init(_ diagnostics: [InputDiagnostic]) { self.diagnostics = diagnostics }

    /// Creates an error from one diagnostic.
    public init(_ message: String, at location: SourceLocation?) {
        self.diagnostics = [InputDiagnostic(message, at: location)]
    }

    /// Most problems printed: past that, a file is usually broken throughout and the rest is noise.
    public static let printedDiagnostics = 20

    public var description: String {
        let shown = diagnostics.prefix(InputError.printedDiagnostics).map(\.description)
        let rest = diagnostics.count - shown.count
        return (shown + (rest > 0 ? ["… and \(rest) more problems; fix these first"] : [])).joined(separator: "\n")
    }
}
