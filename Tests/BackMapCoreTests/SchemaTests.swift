import Foundation
import Testing
@testable import BackMapCore

/// A checker for the part of JSON Schema that `Assets/session.schema.json` uses.
///
/// Small on purpose: it is enough to hold every example file and every file
/// backmap writes against the schema's required keys, types, enums and limits,
/// without a dependency. A keyword it does not know is reported, so the schema
/// cannot quietly grow past what this test checks.
private struct SchemaChecker {
    let root: [String: JSONValue]

    static let ignored: Set<String> = ["$schema", "$id", "title", "description", "default", "additionalProperties", "$defs"]

    func errors(in value: JSONValue) -> [String] {
        errors(value, schema: root, at: "$")
    }

    private func errors(_ value: JSONValue, schema: [String: JSONValue], at path: String) -> [String] {
        var found: [String] = []
        for (keyword, rule) in schema.sorted(by: { $0.key < $1.key }) where !Self.ignored.contains(keyword) {
            switch (keyword, rule) {
            case ("$ref", .string(let ref)):
                guard ref.hasPrefix("#/$defs/"), case .object(let defs)? = root["$defs"],
                      case .object(let target)? = defs[String(ref.dropFirst("#/$defs/".count))]
                else { found.append("\(path): cannot follow \(ref)"); continue }
                found += errors(value, schema: target, at: path)
            case ("type", .string(let type)):
                if !has(value, type: type) { found.append("\(path): not of type \(type)") }
            case ("const", let expected):
                if value != expected { found.append("\(path): not the constant \(expected)") }
            case ("enum", .array(let allowed)):
                if !allowed.contains(value) { found.append("\(path): \(value) is not one of the allowed values") }
            case ("required", .array(let keys)):
                guard case .object(let object) = value else { continue }
                for case .string(let key) in keys where object[key] == nil {
                    found.append("\(path): missing \(key)")
                }
            case ("properties", .object(let properties)):
                guard case .object(let object) = value else { continue }
                for (key, sub) in properties {
                    guard let child = object[key], case .object(let subSchema) = sub else { continue }
                    found += errors(child, schema: subSchema, at: "\(path).\(key)")
                }
            case ("items", .object(let itemSchema)):
                guard case .array(let items) = value else { continue }
                for (index, item) in items.enumerated() {
                    found += errors(item, schema: itemSchema, at: "\(path)[\(index)]")
                }
            case ("minimum", .number(let limit)):
                if case .number(let n) = value, n < limit { found.append("\(path): \(n) is below \(limit)") }
            case ("maximum", .number(let limit)):
                if case .number(let n) = value, n > limit { found.append("\(path): \(n) is above \(limit)") }
            case ("minLength", .number(let limit)):
                if case .string(let s) = value, Double(s.unicodeScalars.count) < limit.double { found.append("\(path): too short") }
            case ("maxLength", .number(let limit)):
                if case .string(let s) = value, Double(s.unicodeScalars.count) > limit.double { found.append("\(path): too long") }
            case ("maxItems", .number(let limit)):
                if case .array(let a) = value, Double(a.count) > limit.double { found.append("\(path): too many items") }
            case ("pattern", .string(let pattern)):
                guard case .string(let s) = value else { continue }
                guard let regex = try? NSRegularExpression(pattern: pattern) else {
                    found.append("\(path): the pattern \(pattern) does not compile")
                    continue
                }
                if regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) == nil {
                    found.append("\(path): \"\(s)\" does not match \(pattern)")
                }
            default:
                found.append("\(path): the checker does not know the keyword \(keyword)")
            }
        }
        return found
    }

    private func has(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null), ("number", .number):
            true
        case ("integer", .number(let n)):
            n.double == n.double.rounded()
        default:
            false
        }
    }
}

private var schemaURL: URL { repositoryRoot.appendingPathComponent("Assets/session.schema.json") }

private func loadSchema() throws -> [String: JSONValue] {
    let value = try JSONDecoder().decode(JSONValue.self, from: try Data(contentsOf: schemaURL))
    guard case .object(let object) = value else {
        Issue.record("the schema is not a JSON object")
        return [:]
    }
    return object
}

private func exampleFiles() throws -> [URL] {
    let folder = exampleStoreURL.appendingPathComponent("sessions")
    return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        .filter { $0.pathExtension == "json" }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
}

/// The value at a path of keys in the schema, for checking it against the code.
private func schemaValue(_ schema: [String: JSONValue], _ keys: String...) -> JSONValue? {
    var current: JSONValue = .object(schema)
    for key in keys {
        guard case .object(let object) = current, let next = object[key] else { return nil }
        current = next
    }
    return current
}

private func strings(_ value: JSONValue?) -> [String] {
    guard case .array(let items)? = value else { return [] }
    return items.compactMap { if case .string(let s) = $0 { s } else { nil } }
}

@Suite("The session file schema")
struct SchemaTests {
    @Test func schemaIsValidJSONAndDeclaresDraft2020_12() throws {
        let data = try Data(contentsOf: schemaURL)
        #expect(JSONSyntax.firstError(in: data) == nil)
        #expect(try JSONSerialization.jsonObject(with: data) is [String: Any])
        let schema = try loadSchema()
        #expect(schema["$schema"] == .string("https://json-schema.org/draft/2020-12/schema"))
        #expect(schema["type"] == .string("object"))
        // Unknown keys must survive, so the schema must not forbid them.
        #expect(schema["additionalProperties"] != .bool(false))
        #expect(schemaValue(schema, "$defs", "mark", "additionalProperties") != .bool(false))
    }

    @Test func schemaAgreesWithTheCode() throws {
        let schema = try loadSchema()
        #expect(strings(schemaValue(schema, "required")) == ["format", "version", "id", "startedAt", "marks"])
        #expect(schemaValue(schema, "properties", "format", "const") == .string(Session.formatName))
        #expect(strings(schemaValue(schema, "properties", "technique", "enum")) == Technique.allCases.map(\.rawValue))
        #expect(strings(schemaValue(schema, "$defs", "mark", "required")) == ["at", "pass", "side", "segment", "tightness"])
        #expect(strings(schemaValue(schema, "$defs", "mark", "properties", "side", "enum")) == Side.allCases.map(\.rawValue))
        #expect(strings(schemaValue(schema, "$defs", "mark", "properties", "segment", "enum")) == Segment.allCases.map(\.name))
        #expect(schemaValue(schema, "$defs", "mark", "properties", "tightness", "enum")
            == .array(Tightness.allCases.map { .number(JSONNumber($0.rawValue)) } + [.null]))
        #expect(schemaValue(schema, "properties", "marks", "maxItems") == .number(JSONNumber(SessionLimits.marks)))
        #expect(schemaValue(schema, "$defs", "note", "maxLength") == .number(JSONNumber(SessionLimits.noteCharacters)))
        #expect(schemaValue(schema, "properties", "subject", "maxLength") == .number(JSONNumber(SessionLimits.subjectCharacters)))
        #expect(schemaValue(schema, "properties", "tags", "maxItems") == .number(JSONNumber(SessionLimits.tags)))
        #expect(schemaValue(schema, "properties", "tags", "items", "maxLength") == .number(JSONNumber(SessionLimits.tagCharacters)))
    }

    @Test func everyExampleFileMeetsTheSchema() throws {
        let checker = SchemaChecker(root: try loadSchema())
        let files = try exampleFiles()
        #expect(files.count >= 5)
        for file in files {
            let value = try JSONDecoder().decode(JSONValue.self, from: try Data(contentsOf: file))
            #expect(checker.errors(in: value) == [], "\(file.lastPathComponent)")
        }
    }

    @Test func whatBackmapWritesMeetsTheSchema() throws {
        var s = try session(marks: [
            mark(.left, .s1, .veryTight, note: "knot"),
            mark(.right, .t1, nil, pass: 2),
        ])
        s.painBefore = 0
        s.painAfter = 10
        s.tags = ["a"]
        s.note = "n"
        s.extra = ["future": .array([.number(1)])]
        let value = try JSONDecoder().decode(JSONValue.self, from: try SessionCodec.encode(s))
        #expect(SchemaChecker(root: try loadSchema()).errors(in: value) == [])
    }

    @Test func theCheckerCatchesBrokenFiles() throws {
        let checker = SchemaChecker(root: try loadSchema())
        let good = try JSONDecoder().decode(JSONValue.self, from: try SessionCodec.encode(try session(marks: [mark(.left, .t1, .mild)])))
        guard case .object(var top) = good, case .array(var marks)? = top["marks"], case .object(var first) = marks[0] else {
            Issue.record("unexpected shape")
            return
        }
        first["tightness"] = .number(7)
        first["side"] = .string("middle")
        first.removeValue(forKey: "at")
        marks[0] = .object(first)
        top["marks"] = .array(marks)
        top["id"] = .string("../x")
        top["painBefore"] = .number(11)
        top["technique"] = .string("cupping")
        top["startedAt"] = .string("2026-11-24T19:02:11")
        top.removeValue(forKey: "version")
        let found = Set(checker.errors(in: .object(top)).map { $0.components(separatedBy: ":").first ?? $0 })
        #expect(found == ["$", "$.id", "$.painBefore", "$.technique", "$.startedAt", "$.marks[0]", "$.marks[0].tightness", "$.marks[0].side"])
    }
}
