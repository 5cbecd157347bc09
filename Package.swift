// swift-tools-version: 6.0
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "TreasuryStress",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "treasury-stress", targets: ["treasury-stress"]),
        .library(name: "TreasuryModel", targets: ["TreasuryModel"]),
        .library(name: "StressEngine", targets: ["StressEngine"]),
        .library(name: "TreasuryXML", targets: ["TreasuryXML"]),
        .library(name: "StressReports", targets: ["StressReports"]),
        .library(name: "TreasuryStressKit", targets: ["TreasuryStressKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "TreasuryModel", swiftSettings: strictSettings),
        // The simulator runs millions of path-days in tests too: optimise it even in debug builds.
        .target(
            name: "StressEngine", dependencies: ["TreasuryModel"],
            swiftSettings: strictSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        .target(
            name: "TreasuryXML",
            dependencies: ["CLibXML2", "TreasuryModel", "StressEngine"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StressReports",
            dependencies: [
                "TreasuryModel", "StressEngine",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TreasuryStressKit",
            dependencies: [
                "TreasuryModel", "StressEngine", "TreasuryXML", "StressReports",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "treasury-stress",
            dependencies: [
                "TreasuryStressKit", "TreasuryModel", "StressEngine", "TreasuryXML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "treasury-stress-bench",
            dependencies: ["TreasuryModel", "StressEngine", "TreasuryXML"],
            path: "bench/TreasuryStressBench",
            swiftSettings: strictSettings
        ),
        .testTarget(name: "TreasuryModelTests", dependencies: ["TreasuryModel"], swiftSettings: strictSettings),
        .testTarget(name: "StressEngineTests", dependencies: ["StressEngine", "TreasuryModel"], swiftSettings: strictSettings),
        .testTarget(
            name: "TreasuryXMLTests",
            dependencies: ["TreasuryXML", "StressEngine", "TreasuryModel"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StressReportsTests",
            dependencies: ["StressReports", "TreasuryXML", "StressEngine", "TreasuryModel", "TreasuryStressKit"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TreasuryStressKitTests",
            dependencies: ["TreasuryStressKit", "StressReports", "TreasuryXML", "StressEngine", "TreasuryModel", "treasury-stress"],
            swiftSettings: strictSettings
        ),
    ]
)
