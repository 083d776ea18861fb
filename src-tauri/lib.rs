//! The desktop shell: opens the store, loads the bundled programs on first start, and serves
//! the UI's commands. Everything else is in flightdeck-core.

mod commands;
mod error;

use std::path::PathBuf;
use std::sync::Mutex;

use flightdeck_core::Store;
use tauri::{Manager, Runtime};

/// Where the database lives: `FLIGHTDECK_DB` when set (tests), else the OS app-data folder.
fn database_path<R: Runtime>(app: &tauri::App<R>) -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("FLIGHTDECK_DB") {
        return Ok(PathBuf::from(path));
    }
    app.path()
        .app_data_dir()
        .map(|dir| dir.join("flightdeck.db"))
        .map_err(|e| format!("cannot find the app-data folder: {e}"))
}

fn open_store<R: Runtime>(app: &tauri::App<R>) -> Result<Store, String> {
    let path = database_path(app)?;
    let mut store = Store::open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    store.load_bundled_if_empty().map_err(|e| e.to_string())?;
    Ok(store)
}

/// Builds the app on any runtime, so tests can use Tauri's mock runtime.
pub fn build_app<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .setup(|app| {
            let store = open_store(app).map_err(|message| {
                eprintln!("flightdeck: {message}");
                message
            })?;
            app.manage(commands::AppStore(Mutex::new(store)));
            Ok(())
        })
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(tauri::generate_handler![
            commands::list_programs,
            commands::program_overview,
            commands::program_status,
            commands::chart_names,
            commands::chart_svg,
            commands::export_chart_png,
            commands::export_csv,
            commands::import_pack,
            commands::ready,
        ])
}

pub fn run() {
    let result = build_app(tauri::Builder::default()).run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("flightdeck: {e}");
        std::process::exit(1);
    }
}
