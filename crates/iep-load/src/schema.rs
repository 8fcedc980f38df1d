//! The JSON Schema of each kind of file, derived from the loader's own serde
//! types (`raw/`), so the schemas in `docs/schemas/` and the format reference
//! cannot drift from what the loader accepts. Generated only on request
//! (`cargo xtask docs`, `iep init`, `iep new`): loading a case never runs this.

use schemars::generate::SchemaSettings;
use serde_json::{Value, json};

use crate::raw;

/// The schema of the files of `kind` (one of `KINDS`), as a JSON value.
pub fn schema(kind: &str) -> Option<Value> {
    let settings = SchemaSettings::draft07();
    let schema = match kind {
        "case" => settings.into_generator().into_root_schema_for::<raw::RawCase>(),
        "school-calendar" => settings.into_generator().into_root_schema_for::<raw::RawCalendar>(),
        "iep" => settings.into_generator().into_root_schema_for::<raw::RawIep>(),
        "progress-report" => settings.into_generator().into_root_schema_for::<raw::RawReport>(),
        "service-log" => settings.into_generator().into_root_schema_for::<raw::RawServiceLog>(),
        "meeting" => settings.into_generator().into_root_schema_for::<raw::RawMeeting>(),
        "prior-written-notice" => settings.into_generator().into_root_schema_for::<raw::RawNotice>(),
        "letter" => settings.into_generator().into_root_schema_for::<raw::RawLetter>(),
        "communications" => settings.into_generator().into_root_schema_for::<raw::RawCommunications>(),
        "observations" => settings.into_generator().into_root_schema_for::<raw::RawObservations>(),
        "evaluation" => settings.into_generator().into_root_schema_for::<raw::RawEvaluation>(),
        "consent" => settings.into_generator().into_root_schema_for::<raw::RawConsent>(),
        "check-ins" => settings.into_generator().into_root_schema_for::<raw::RawCheckIns>(),
        _ => return None,
    };
    let mut value = schema.to_value();
    finish(kind, &mut value);
    Some(value)
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
        for kind in crate::KINDS {
            let schema = super::schema(kind).expect(kind);
            assert_eq!(schema["additionalProperties"], false, "{kind}");
            assert_eq!(schema["properties"]["kind"]["const"], kind, "{kind}");
            assert_eq!(schema["required"][0], "kind", "{kind}");
        }
    }
}
