import Foundation
import Testing
@testable import BackMapCore

private var schemaURL: URL { repositoryRoot.appendingPathComponent("Assets/session.schema.json") }

private func loadSchema() throws -> [String: JSONValue] {
    let value = try JSONDecoder().decode(JSONValue.self, from: try Data(contentsOf: schemaURL))
    guard case .object(let object) = value else {
        Issue.record("the schema is not a JSON object")
        return [:]
    }
    return object
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

/// The schema's structure against the code's own lists and limits. Files are
/// checked against the schema with a real validator in `SchemaValidationTests`.
@Suite("The session file schema")
struct SchemaTests {
    @Test func theBundleSchemaNamesTheBundleAndRefersToTheSessionSchema() throws {
        let url = repositoryRoot.appendingPathComponent("Assets/bundle.schema.json")
        let value = try JSONDecoder().decode(JSONValue.self, from: try Data(contentsOf: url))
        guard case .object(let bundle) = value else {
            Issue.record("the bundle schema is not a JSON object")
            return
        }
        let session = try loadSchema()
        #expect(bundle["$schema"] == .string("https://json-schema.org/draft/2020-12/schema"))
        #expect(schemaValue(bundle, "properties", "format", "const") == .string(SessionBundle.formatName))
        #expect(schemaValue(bundle, "properties", "version", "maximum") == .number(Double(SessionBundle.currentVersion)))
        // The ids name the files (the reserved .invalid domain: nothing to fetch), so the reference is the file name.
        #expect(schemaValue(bundle, "properties", "sessions", "items", "$ref") == .string("session.schema.json"))
        #expect(session["$id"] == .string("https://backmap.invalid/schema/session.schema.json"))
        #expect(bundle["$id"] == .string("https://backmap.invalid/schema/bundle.schema.json"))
        #expect(strings(schemaValue(bundle, "required")) == ["format", "version", "sessions"])
    }

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
        // Version 1 files name a known technique (or null); a newer version may name any.
        #expect(schemaValue(schema, "if", "properties", "version", "maximum") == .number(Double(Session.currentVersion)))
        #expect(schemaValue(schema, "then", "properties", "technique", "enum") == .array(Technique.allCases.map { .string($0.rawValue) } + [.null]))
        #expect(strings(schemaValue(schema, "$defs", "mark", "required")) == ["at", "pass", "side", "segment", "tightness"])
        #expect(strings(schemaValue(schema, "$defs", "mark", "properties", "side", "enum")) == Side.allCases.map(\.rawValue))
        #expect(strings(schemaValue(schema, "$defs", "mark", "properties", "segment", "enum")) == Segment.allCases.map(\.name))
        #expect(schemaValue(schema, "$defs", "mark", "properties", "tightness", "enum")
            == .array(Tightness.allCases.map { .number(Double($0.rawValue)) } + [.null]))
        #expect(schemaValue(schema, "properties", "marks", "maxItems") == .number(Double(SessionLimits.marks)))
        #expect(schemaValue(schema, "$defs", "note", "maxLength") == .number(Double(SessionLimits.noteCharacters)))
        #expect(schemaValue(schema, "properties", "subject", "maxLength") == .number(Double(SessionLimits.subjectCharacters)))
        #expect(schemaValue(schema, "properties", "tags", "maxItems") == .number(Double(SessionLimits.tags)))
        #expect(schemaValue(schema, "properties", "tags", "items", "maxLength") == .number(Double(SessionLimits.tagCharacters)))
        #expect(schemaValue(schema, "$defs", "mark", "properties", "pass", "maximum") == .number(Double(SessionLimits.passes)))
        #expect(schemaValue(schema, "$defs", "time", "format") == .string("date-time"))
        // Optional keys may hold null, as the program reads it as missing.
        for key in ["subject", "tags"] {
            guard case .array(let types)? = schemaValue(schema, "properties", key, "type") else {
                Issue.record("\(key) has no list of types")
                continue
            }
            #expect(types.contains(.string("null")), "\(key)")
        }
        for name in ["pain", "note"] {
            guard case .array(let types)? = schemaValue(schema, "$defs", name, "type") else {
                Issue.record("\(name) has no list of types")
                continue
            }
            #expect(types.contains(.string("null")), "\(name)")
        }
    }
}
