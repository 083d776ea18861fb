//! The desktop shell: opens the store, loads the bundled programs on first start, and serves
//! the UI's commands. Everything else is in flightdeck-core.

mod actions;
mod commands;
mod error;
mod menu;
mod practice;
mod registers;

use std::path::PathBuf;
use std::sync::Mutex;

use flightdeck_core::{Store, files};
use tauri::{App, Builder, Context, Manager, Runtime};

/// Where the database lives, by core's one rule (`FLIGHTDECK_DB` when set, else
/// `flightdeck.db` in the app-data folder), with the app-data folder as Tauri resolves it.
pub fn database_path<R: Runtime>(app: &App<R>) -> Result<PathBuf, String> {
    let app_data = app.path().app_data_dir().ok();
    files::database_path(app_data.as_deref())
        .ok_or_else(|| "cannot find the app-data folder; set FLIGHTDECK_DB".to_string())
}

fn open_store<R: Runtime>(app: &App<R>) -> Result<Store, String> {
    let path = database_path(app)?;
    let mut store = Store::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    store.load_bundled_if_empty().map_err(|e| e.to_string())?;
    Ok(store)
}

/// The app's configuration, capabilities and embedded UI, on any runtime (tests use Tauri's
/// mock runtime with the real capabilities).
pub fn context<R: Runtime>() -> Context<R> {
    tauri::generate_context!()
}

/// Builds the app on any runtime and opens its store, so that tests can drive the real
/// commands through Tauri's mock runtime. The store is managed before the event loop starts,
/// so no window can call a command before it exists.
pub fn build_app<R: Runtime>(builder: Builder<R>, context: Context<R>) -> Result<App<R>, String> {
    let app = builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .menu(menu::build)
        .on_menu_event(|app, event| menu::chosen(app, event.id().as_ref()))
        .invoke_handler(tauri::generate_handler![
            commands::list_programs,
            commands::program_overview,
            commands::program_status,
            commands::remove_program,
            commands::reset_program,
            commands::chart_names,
            commands::chart_svg,
            commands::gantt_rows,
            practice::scenario_brief,
            practice::start_attempt,
            practice::list_attempts,
            practice::get_attempt,
            practice::inbox,
            practice::advance,
            practice::report_status,
            practice::status_reports,
            practice::finish_attempt,
            practice::debrief,
            practice::export_attempt,
            practice::import_attempt,
            practice::export_debrief_png,
            practice::export_debrief_csv,
            practice::debrief_svg,
            commands::export_chart_png,
            commands::export_tables,
            commands::export_csv,
            commands::import_pack,
            commands::export_pack,
            commands::ready,
            registers::list_registers,
            registers::list_items,
            registers::get_item,
            registers::item_titles,
            registers::item_referrers,
            registers::apply_edit,
            registers::check_edit,
            registers::undo,
            registers::redo,
            registers::history,
            actions::record_measurement,
            actions::log_communication,
            actions::realise_risk,
            actions::rebaseline,
            actions::update_progress,
        ])
        .build(context)
        .map_err(|e| e.to_string())?;
    let store = open_store(&app)?;
    app.manage(commands::AppStore(Mutex::new(store)));
    Ok(app)
}

pub fn run() {
    match build_app(Builder::default(), context()) {
        Ok(app) => app.run(|_, _| {}),
        Err(message) => {
            eprintln!("flightdeck: {message}");
            std::process::exit(1);
        }
    }
}
