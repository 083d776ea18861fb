//! Tauri's build step: the app's own commands become permissions (`allow-list-programs`, …),
//! and the capabilities in src-tauri/capabilities grant them to the main window only.

const COMMANDS: &[&str] = &[
    "list_programs",
    "program_overview",
    "program_status",
    "chart_names",
    "chart_svg",
    "export_chart_png",
    "export_csv",
    "import_pack",
    "ready",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        eprintln!("tauri build step failed: {e:#}");
        std::process::exit(1);
    }
}
