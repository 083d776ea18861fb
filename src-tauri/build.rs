//! Tauri's build step: the app's own commands become permissions (`allow-list-programs`, …),
//! and the capabilities in src-tauri/capabilities grant them to the main window only.

const COMMANDS: &[&str] = &[
    "list_programs",
    "program_overview",
    "program_status",
    "remove_program",
    "reset_program",
    "chart_names",
    "chart_svg",
    "roadmap",
    "export_chart_png",
    "export_tables",
    "export_csv",
    "import_pack",
    "export_pack",
    "ready",
    "startup_problem",
    "list_backups",
    "restore_backup",
    "list_registers",
    "list_items",
    "list_searchable",
    "get_item",
    "item_titles",
    "item_referrers",
    "apply_edit",
    "check_edit",
    "undo",
    "redo",
    "history",
    "record_measurement",
    "log_communication",
    "realise_risk",
    "rebaseline",
    "update_progress",
    "scenario_brief",
    "start_attempt",
    "list_attempts",
    "get_attempt",
    "inbox",
    "advance",
    "report_status",
    "status_reports",
    "finish_attempt",
    "debrief",
    "export_attempt",
    "import_attempt",
    "export_debrief_png",
    "export_debrief_csv",
    "debrief_svg",
    "lrs_settings",
    "save_lrs_settings",
    "send_attempt_to_lrs",
];

fn main() {
    // tauri-build watches neither a custom capabilities path nor its files, and
    // generate_context! reads them only when the crate recompiles: without this line an edited
    // capability takes effect at some later, unrelated rebuild.
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        eprintln!("tauri build step failed: {e:#}");
        std::process::exit(1);
    }
}
