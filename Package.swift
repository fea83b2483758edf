// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "backmap",
    products: [
        .executable(name: "backmap", targets: ["backmap"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // ncursesw, seen through a module map and a shim for what Swift cannot import.
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses"),
        // Async-signal-safe pieces that must be plain C: signal flags and a self-pipe.
        .target(name: "CTerminalSupport", path: "Sources/CTerminalSupport"),
        // statfs(2), which Glibc's module leaves out: whether the store is on a local disk.
        .systemLibrary(name: "CFileSystem", path: "Sources/CFileSystem"),
        // The commit a build came from, set by `make install` and the release script.
        .target(name: "CBuildInfo", path: "Sources/CBuildInfo"),
        // The domain and the store. Foundation, and statfs for the store's watch.
        .target(
            name: "BackMapCore",
            dependencies: ["CFileSystem"],
            path: "Sources/BackMapCore",
            // Assets/ is linked in for the drawings; the rest of it is for people and tests.
            exclude: ["Assets/README.md", "Assets/session.schema.json", "Assets/bundle.schema.json", "Assets/example-store"],
            resources: [
                .embedInCode("Assets/back.txt"),
                .embedInCode("Assets/back-ascii.txt"),
            ],
            // Optimised in debug builds too: the session decoder and encoder walk files byte by
            // byte, which unoptimised code does many times slower, and the tests that kill
            // writers or feed hostile files measure how fast a debug build gets through them.
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        // The terminal front end: screens, canvas, and the one ncurses adapter.
        .target(
            name: "BackMapTUI",
            dependencies: ["BackMapCore", "CNCurses", "CTerminalSupport"],
            path: "Sources/BackMapTUI"
        ),
        .executableTarget(
            name: "backmap",
            dependencies: [
                "BackMapCore", "BackMapTUI", "CBuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/backmap"
        ),
        // Measures SPEC 7 on a synthetic store: `swift run -c release backmap-bench`.
        .executableTarget(name: "backmap-bench", dependencies: ["BackMapCore", "BackMapTUI"], path: "Sources/backmap-bench"),
        // Not shipped: a helper the end-to-end tests run and kill (saving in a loop,
        // holding a lock, a screen that crashes). It uses the same code as backmap.
        .executableTarget(name: "backmap-testhelper", dependencies: ["BackMapCore", "BackMapTUI", "TestSupport"], path: "Tests/TestHelper"),
        // What the test suites share: the seeded generator of the property tests.
        .target(name: "TestSupport", dependencies: ["BackMapCore"], path: "Tests/TestSupport"),
        .testTarget(name: "BackMapCoreTests", dependencies: ["BackMapCore", "TestSupport"], path: "Tests/BackMapCoreTests"),
        .testTarget(name: "BackMapTUITests", dependencies: ["BackMapTUI", "BackMapCore", "TestSupport"], path: "Tests/BackMapTUITests",
                    exclude: ["__Goldens__", "Hardening/__Goldens__"]),
        .testTarget(name: "EndToEndTests", dependencies: ["BackMapCore", "TestSupport"], path: "Tests/EndToEndTests"),
    ]
)
