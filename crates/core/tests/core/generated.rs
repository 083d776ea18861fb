//! Files generated from the Rust types are committed; these tests fail when they drift.
//! `script/gen-types` (which sets UPDATE_GENERATED) rewrites them.

use std::path::PathBuf;

fn check(relative: &str, generated: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative);
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&path, generated).expect("write the generated file");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{relative} has drifted from the Rust types: run script/gen-types and commit"
    );
}

#[test]
fn committed_typescript_bindings_match_the_rust_types() {
    check(
        "ui/src/lib/bindings.ts",
        &flightdeck_core::ipc::typescript_bindings(),
    );
}

#[test]
fn committed_pack_schema_matches_the_rust_types() {
    let schema = flightdeck_core::pack::json_schema();
    let parsed: serde_json::Value = serde_json::from_str(&schema).expect("the schema is JSON");
    assert_eq!(parsed["title"], "Pack");
    assert!(
        parsed["properties"]["milestones"].is_object(),
        "sections are described"
    );
    check("docs/pack.schema.json", &schema);
}
