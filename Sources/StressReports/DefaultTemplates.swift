/// The default HTML templates and stylesheet (`Sources/StressReports/Templates`, linked from the
/// package root as `templates/`), embedded by SwiftPM so that an installed binary still finds them.
enum DefaultTemplates {
    /// File path relative to `templates/` → contents.
    static let files: [String: String] = [
        "compare.mustache": text(PackageResources.compare_mustache),
        "index.mustache": text(PackageResources.index_mustache),
        "report.css": text(PackageResources.report_css),
        "report.mustache": text(PackageResources.report_mustache),
        "partials/scenario-table.mustache": text(PackageResources.scenario_table_mustache),
        "system.mustache": text(PackageResources.system_mustache),
    ]

    private static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
