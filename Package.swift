// swift-tools-version: 6.0
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

// Layers point one way (README "Layout", DESIGN §1):
// TreasuryModel → StressResults → StressEngine / TreasuryXML / StressReports → TreasuryStressKit → treasury-stress.
// No unsafe flags anywhere: every library product can be used by a package that depends on this one by version.
let package = Package(
    name: "TreasuryStress",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "treasury-stress", targets: ["treasury-stress"]),
        .library(name: "TreasuryModel", targets: ["TreasuryModel"]),
        .library(name: "StressResults", targets: ["StressResults"]),
        .library(name: "StressEngine", targets: ["StressEngine"]),
        .library(name: "TreasuryXML", targets: ["TreasuryXML"]),
        .library(name: "StressReports", targets: ["StressReports"]),
        .library(name: "TreasuryStressKit", targets: ["TreasuryStressKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "TreasuryModel",
            exclude: ["MarketData/README.md", "MarketData/strategy-metrics-daily.csv"],
            resources: [.embedInCode("MarketData/btc-usd-daily.csv")],
            swiftSettings: strictSettings
        ),
        .target(name: "StressResults", dependencies: ["TreasuryModel"], swiftSettings: strictSettings),
        .target(name: "StressEngine", dependencies: ["TreasuryModel", "StressResults"], swiftSettings: strictSettings),
        .target(
            name: "TreasuryXML",
            dependencies: ["CLibXML2", "TreasuryModel", "StressResults"],
            resources: [.embedInCode("Schemas")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StressReports",
            dependencies: [
                "TreasuryModel", "StressResults",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.embedInCode("Templates")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TreasuryStressKit",
            dependencies: [
                "TreasuryModel", "StressResults", "StressEngine", "TreasuryXML", "StressReports",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "treasury-stress",
            dependencies: [
                // Exactly the modules its files import.
                "TreasuryStressKit", "TreasuryModel", "TreasuryXML", "StressReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "treasury-stress-bench",
            dependencies: ["TreasuryModel", "StressResults", "StressEngine", "TreasuryXML"],
            path: "bench/TreasuryStressBench",
            swiftSettings: strictSettings
        ),
        .testTarget(name: "TreasuryModelTests", dependencies: ["TreasuryModel"], swiftSettings: strictSettings),
        .testTarget(
            name: "StressEngineTests", dependencies: ["StressEngine", "StressResults", "TreasuryModel"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TreasuryXMLTests",
            dependencies: ["TreasuryXML", "StressResults", "StressEngine", "TreasuryModel"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StressReportsTests",
            dependencies: ["StressReports", "TreasuryXML", "StressResults", "StressEngine", "TreasuryModel"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TreasuryStressKitTests",
            dependencies: [
                "TreasuryStressKit", "StressReports", "TreasuryXML", "StressResults", "StressEngine", "TreasuryModel",
                "treasury-stress", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
