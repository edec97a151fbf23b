//! The TypeScript declarations of the values that cross the boundary, derived from the core's
//! JSON schemas (schemars) in this one place, and kept equal to the committed
//! `src/types/*.d.ts` that the modules embed. `UPDATE_TYPES=1 cargo test -p castmatch-wasm
//! --test typescript` rewrites them after a change to a core type.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::fmt::Write;

use schemars::generate::{SchemaGenerator, SchemaSettings};
use schemars::JsonSchema;
use serde_json::{Map, Value};

/// The types each module hands to JavaScript (outputs, as serialised) or takes from it (inputs,
/// as deserialised: fields with defaults may be left out); what they refer to follows.
fn casting_types() -> Types {
    let mut types = Types::default();
    types.input::<castmatch_core::Requirements>();
    types.input::<castmatch_core::Talent>();
    types.add::<castmatch_core::Requirements>();
    types.add::<castmatch_core::Talent>();
    types.add::<castmatch_core::Match>();
    types.add::<castmatch_core::brief::Parsed>();
    types.add::<castmatch_core::assistant::Answer>();
    types.add::<castmatch_core::memory::Preference>();
    types.add::<castmatch_core::memory::MemoryView>();
    types.add::<castmatch_core::memory::RoleSummary>();
    types.add::<castmatch_core::memory::Episode>();
    types
}

fn dashboard_types() -> Types {
    let mut types = Types::default();
    types.add::<castmatch_progress::Evaluation>();
    types.add::<castmatch_progress::Plan>();
    types.input::<castmatch_progress::Update>();
    types
}

#[test]
fn committed_declarations_are_current() {
    for (file, types) in [
        ("casting.d.ts", casting_types()),
        ("dashboard.d.ts", dashboard_types()),
    ] {
        let path = format!("{}/src/types/{file}", env!("CARGO_MANIFEST_DIR"));
        let fresh = types.declarations();
        if std::env::var_os("UPDATE_TYPES").is_some() {
            std::fs::write(&path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{path} is out of date: run UPDATE_TYPES=1 cargo test -p castmatch-wasm --test typescript"
        );
    }
}

#[test]
fn every_type_the_bindings_name_is_declared() {
    let sources = ["engine.rs", "brief.rs", "memory.rs", "dashboard.rs"];
    let declared: BTreeSet<String> = [casting_types(), dashboard_types()]
        .iter()
        .flat_map(|types| types.definitions.keys().cloned())
        .collect();
    for source in sources {
        let path = format!("{}/src/{source}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        for named in text.split("unchecked_").skip(1) {
            let Some(ty) = named.split('"').nth(1) else {
                continue;
            };
            for name in ty
                .split(|c: char| !c.is_alphanumeric())
                .filter(|n| !n.is_empty())
            {
                let builtin = ["undefined", "null", "string", "number", "boolean"];
                assert!(
                    builtin.contains(&name) || declared.contains(name),
                    "{source} names `{name}`, which no declaration defines"
                );
            }
        }
    }
}

#[test]
fn schemas_become_typescript() {
    let object = serde_json::json!({
        "type": "object",
        "properties": {
            "a": {"type": ["integer", "null"], "description": "An age."},
            "b": {"type": "array", "items": {"$ref": "#/$defs/Gender"}},
            "c": {"type": "object", "additionalProperties": {"type": "number"}},
            "d": {"oneOf": [{"const": "x"}, {"type": "object", "properties": {"y": {"type": "string"}}, "required": ["y"]}]},
            "e": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "boolean"}]},
        },
        "required": ["b"],
    });
    let mut out = String::new();
    declare(&mut out, "Thing", &object);
    assert_eq!(
        out,
        "export interface Thing {\n    /**\n     * An age.\n     */\n    a?: number | null;\n    b: Gender[];\n    c?: Record<string, number>;\n    d?: \"x\" | { y: string };\n    e?: [string, boolean];\n}\n"
    );
}

/// Definitions gathered from root types, one generator per direction so each type is declared
/// once. An input type whose deserialised shape differs from the serialised one is declared
/// again as `NameInput`.
struct Types {
    outputs: SchemaGenerator,
    inputs: SchemaGenerator,
    definitions: Map<String, Value>,
}

impl Default for Types {
    fn default() -> Self {
        let settings = SchemaSettings::draft2020_12();
        Types {
            outputs: settings.clone().for_serialize().into_generator(),
            inputs: settings.for_deserialize().into_generator(),
            definitions: Map::new(),
        }
    }
}

impl Types {
    fn add<T: JsonSchema>(&mut self) {
        named::<T>(self.outputs.subschema_for::<T>());
        self.merge();
    }

    fn input<T: JsonSchema>(&mut self) {
        named::<T>(self.inputs.subschema_for::<T>());
        self.merge();
    }

    /// Outputs under their names; inputs under theirs where the shapes agree, else `NameInput`
    /// with references to other differing inputs renamed to match.
    fn merge(&mut self) {
        let outputs = self.outputs.definitions();
        let inputs = self.inputs.definitions();
        let differs = |name: &String| {
            outputs
                .get(name)
                .is_some_and(|output| Some(output) != inputs.get(name))
        };
        let mut definitions = outputs.clone();
        for (name, schema) in inputs {
            if !outputs.contains_key(name) {
                definitions.insert(name.clone(), schema.clone());
            } else if differs(name) {
                let mut text = schema.to_string();
                for other in inputs.keys().filter(|n| differs(n)) {
                    text = text.replace(
                        &format!("\"#/$defs/{other}\""),
                        &format!("\"#/$defs/{other}Input\""),
                    );
                }
                definitions.insert(format!("{name}Input"), serde_json::from_str(&text).unwrap());
            }
        }
        self.definitions = definitions;
    }

    fn declarations(&self) -> String {
        let mut out = String::from(
            "// Generated from the core's JSON schemas by crates/castmatch-wasm/tests/typescript.rs;\n// do not edit.\n",
        );
        for (name, schema) in &self.definitions {
            out.push('\n');
            declare(&mut out, name, schema);
        }
        out
    }
}

fn named<T: JsonSchema>(root: schemars::Schema) {
    assert!(
        root.get("$ref").is_some(),
        "{} must be a named definition",
        T::schema_name()
    );
}

fn declare(out: &mut String, name: &str, schema: &Value) {
    doc(out, schema, "");
    if schema.get("properties").is_some() && schema.get("oneOf").is_none() {
        writeln!(out, "export interface {name} {}", members(schema, "")).unwrap();
    } else {
        writeln!(out, "export type {name} = {};", ts(schema)).unwrap();
    }
}

fn doc(out: &mut String, schema: &Value, indent: &str) {
    if let Some(text) = schema.get("description").and_then(Value::as_str) {
        writeln!(out, "{indent}/**").unwrap();
        for line in text.lines() {
            writeln!(out, "{}", format!("{indent} * {line}").trim_end()).unwrap();
        }
        writeln!(out, "{indent} */").unwrap();
    }
}

/// `{ ... }` of an object schema, one member a line, with docs.
fn members(schema: &Value, indent: &str) -> String {
    let required: BTreeSet<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut out = String::from("{\n");
    let inner = format!("{indent}    ");
    for (field, property) in schema["properties"].as_object().into_iter().flatten() {
        doc(&mut out, property, &inner);
        let optional = if required.contains(field.as_str()) {
            ""
        } else {
            "?"
        };
        writeln!(out, "{inner}{field}{optional}: {};", ts(property)).unwrap();
    }
    out.push_str(indent);
    out.push('}');
    out
}

/// The TypeScript type of a schema, inline.
fn ts(schema: &Value) -> String {
    let Some(object) = schema.as_object() else {
        return "unknown".into(); // `true`: any value
    };
    if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
        return reference
            .rsplit('/')
            .next()
            .unwrap_or(reference)
            .to_string();
    }
    if let Some(value) = object.get("const") {
        return value.to_string();
    }
    if let Some(values) = object.get("enum").and_then(Value::as_array) {
        return union(values.iter().map(Value::to_string));
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(variants) = object.get(key).and_then(Value::as_array) {
            return union(variants.iter().map(ts));
        }
    }
    if let Some([only]) = object
        .get("allOf")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
    {
        return ts(only);
    }
    match object.get("type") {
        Some(Value::Array(kinds)) => union(kinds.iter().map(|kind| {
            let mut single = object.clone();
            single.insert("type".into(), kind.clone());
            ts(&Value::Object(single))
        })),
        Some(Value::String(kind)) => match kind.as_str() {
            "string" => "string".into(),
            "integer" | "number" => "number".into(),
            "boolean" => "boolean".into(),
            "null" => "null".into(),
            "array" => array(object),
            "object" => record(schema),
            other => panic!("unknown JSON schema type {other}"),
        },
        _ if object.is_empty() => "unknown".into(),
        _ => panic!("no TypeScript for schema {schema}"),
    }
}

fn array(object: &Map<String, Value>) -> String {
    if let Some(items) = object.get("prefixItems").and_then(Value::as_array) {
        let items: Vec<String> = items.iter().map(ts).collect();
        return format!("[{}]", items.join(", "));
    }
    let item = object.get("items").map_or("unknown".into(), ts);
    if item.contains(' ') {
        format!("({item})[]")
    } else {
        format!("{item}[]")
    }
}

fn record(schema: &Value) -> String {
    if schema.get("properties").is_some() {
        // Inline objects (enum variants) stay on one line.
        let single_line = members(schema, "")
            .replace("\n    ", " ")
            .replace(";\n}", " }");
        return single_line.replace('\n', " ");
    }
    match schema.get("additionalProperties") {
        Some(Value::Bool(false)) => "Record<string, never>".into(),
        Some(value) => format!("Record<string, {}>", ts(value)),
        None => "Record<string, unknown>".into(),
    }
}

fn union(parts: impl Iterator<Item = String>) -> String {
    let mut seen = Vec::new();
    for part in parts {
        if !seen.contains(&part) {
            seen.push(part);
        }
    }
    seen.join(" | ")
}
