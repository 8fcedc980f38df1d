//! The JSON Schema of each kind of file, derived from the loader's own serde
//! types (`raw/`), so the schemas in `docs/schemas/` and the format reference
//! cannot drift from what the loader accepts. Generated only on request
//! (`cargo xtask docs`, `iep init`, `iep new`): loading a case never runs this.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::{Value, json};

/// The schema of the files of `kind` (a row of [`KINDS`](crate::KINDS)), as a JSON value.
pub fn schema(kind: &str) -> Option<Value> {
    let mut value = (crate::kind(kind)?.schema)().to_value();
    finish(kind, &mut value);
    Some(value)
}

/// The root schema of a raw type: what a row of the kinds table derives its schema from.
pub(crate) fn schema_of<T: JsonSchema>() -> Schema {
    SchemaSettings::draft07().into_generator().into_root_schema_for::<T>()
}

/// The schema of `kind` as the text of `docs/schemas/<kind>.json`.
pub fn schema_text(kind: &str) -> Option<String> {
    let value = schema(kind)?;
    serde_json::to_string_pretty(&value).ok().map(|text| text + "\n")
}

/// The file name of a kind's schema: `<kind>.json`.
pub fn schema_file(kind: &str) -> String {
    format!("{kind}.json")
}

/// What the derive cannot say: the title, and `kind:` as the one required
/// word the loader dispatches on (the raw types ignore it once dispatched).
fn finish(kind: &str, value: &mut Value) {
    let Some(root) = value.as_object_mut() else { return };
    root.insert("title".into(), json!(format!("kind: {kind}")));
    if let Some(Value::Object(properties)) = root.get_mut("properties") {
        properties.insert("kind".into(), json!({"description": "What this file is.", "const": kind}));
    }
    let required = root.entry("required").or_insert_with(|| json!([]));
    if let Value::Array(list) = required
        && !list.iter().any(|v| v == "kind")
    {
        list.insert(0, json!("kind"));
    }
    strip_null_defaults(value);
}

/// `#[serde(default)]` on an optional field shows as `"default": null`,
/// which says nothing a parent needs.
fn strip_null_defaults(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("default") == Some(&Value::Null) {
                map.shift_remove("default");
            }
            map.values_mut().for_each(strip_null_defaults);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_null_defaults),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_kind_has_a_schema_that_rejects_unknown_fields() {
        for kind in crate::kind_names() {
            let schema = super::schema(kind).expect(kind);
            assert_eq!(schema["additionalProperties"], false, "{kind}");
            assert_eq!(schema["properties"]["kind"]["const"], kind, "{kind}");
            assert_eq!(schema["required"][0], "kind", "{kind}");
        }
    }
}
