//! The desktop shell: opens the store, loads the bundled programs on first start, and serves
//! the UI's commands. Everything else is in flightdeck-core.

mod actions;
mod backups;
mod commands;
mod error;
mod lrs;
mod menu;
mod practice;
mod registers;

use std::path::PathBuf;
use std::sync::Mutex;

use flightdeck_core::ipc::StartSnapshot;
use flightdeck_core::{Store, files};
use tauri::{App, Builder, Context, Manager, Runtime, WebviewWindowBuilder};

/// Where the database lives, by core's one rule (`FLIGHTDECK_DB` when set, else
/// `flightdeck.db` in the app-data folder), with the app-data folder as Tauri resolves it.
pub fn database_path<R: Runtime>(app: &App<R>) -> Result<PathBuf, String> {
    let app_data = app.path().app_data_dir().ok();
    files::database_path(app_data.as_deref())
        .ok_or_else(|| "cannot find the app-data folder; set FLIGHTDECK_DB".to_string())
}

/// Opens the app's database. One too damaged to open is not the end: the window starts on an
/// empty store in memory and offers the database's backups (see `backups.rs`).
fn open_store<R: Runtime>(app: &App<R>) -> Result<(Store, backups::Startup), String> {
    let path = database_path(app)?;
    let opened = Store::create(&path).and_then(|mut store| {
        store.load_bundled_if_empty()?;
        Ok(store)
    });
    let (store, problem) = match opened {
        Ok(store) => (store, None),
        Err(e) if e.is_damage() => {
            let store = Store::open_in_memory().map_err(|e| e.to_string())?;
            (store, Some(flightdeck_core::ipc::ErrorPayload::from(&e)))
        }
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let startup = backups::Startup {
        path,
        problem: Mutex::new(problem),
    };
    Ok((store, startup))
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
        .plugin(tauri_plugin_opener::init())
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
            commands::roadmap,
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
            lrs::lrs_settings,
            lrs::save_lrs_settings,
            lrs::send_attempt_to_lrs,
            commands::export_chart_png,
            commands::export_tables,
            commands::export_csv,
            commands::import_pack,
            commands::export_pack,
            commands::ready,
            backups::startup_problem,
            backups::list_backups,
            backups::restore_backup,
            registers::list_registers,
            registers::list_items,
            registers::list_searchable,
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
    let (store, startup) = open_store(&app)?;
    app.manage(commands::AppStore::new(store));
    app.manage(startup);
    Ok(app)
}

/// Opens the main window (`tauri.conf.json` has it with `"create": false`) with an
/// initialization script that sets `window.__FLIGHTDECK_START__` to the start snapshot. When the
/// snapshot cannot be taken, the page asks by command as it would anyway, and says why.
fn open_main_window<R: Runtime>(app: &App<R>) -> Result<(), Box<dyn std::error::Error>> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .ok_or("tauri.conf.json has no window labelled main")?
        .clone();
    let mut window = WebviewWindowBuilder::from_config(app.handle(), &config)?;
    if let Some(snapshot) = start_snapshot(app) {
        // JSON is a JavaScript expression; the script runs before the page's own, under no CSP
        window = window.initialization_script(format!("window.__FLIGHTDECK_START__ = {snapshot};"));
    }
    window.build()?;
    Ok(())
}

fn start_snapshot<R: Runtime>(app: &App<R>) -> Option<String> {
    let programs = app
        .state::<commands::AppStore>()
        .lock()
        .ok()?
        .programs()
        .ok()?;
    let problem = app.state::<backups::Startup>().problem.lock().ok()?.clone();
    serde_json::to_string(&StartSnapshot { programs, problem }).ok()
}

/// Moves the app-data folder from where 0.2.0 and earlier builds kept it (see
/// `files::adopt_former_folder`), by core's rule for the folder, which is Tauri's
/// (`tests/ipc/mock_app.rs` checks that they agree). Says what it moved, from where to where.
fn adopt_former_folder() -> Result<Option<(PathBuf, PathBuf)>, String> {
    let Some(folder) = files::default_data_folder() else {
        return Ok(None);
    };
    let moved = files::adopt_former_folder(&folder).map_err(|e| e.to_string())?;
    Ok(moved.map(|former| (former, folder)))
}

/// The app's log: a file in its log folder, kept to five of 1 MB each, and standard error.
fn log() -> tauri_plugin_log::Builder {
    use tauri_plugin_log::{RotationStrategy, Target, TargetKind};
    tauri_plugin_log::Builder::new()
        .targets([
            Target::new(TargetKind::LogDir { file_name: None }),
            Target::new(TargetKind::Stderr),
        ])
        .level(log::LevelFilter::Info)
        .max_file_size(1_000_000)
        .rotation_strategy(RotationStrategy::KeepSome(5))
}

pub fn run() {
    // before any plugin makes a folder under the app's identifier (the log's is one)
    let moved = match adopt_former_folder() {
        Ok(moved) => moved,
        Err(message) => {
            eprintln!("flightdeck: {message}");
            std::process::exit(1);
        }
    };
    // one window per user: a second launch brings the first to the front and exits; and one
    // logger per process (the mock runtime's tests build several apps in one process, so both
    // are only in the real one)
    let builder = Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _, _| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(log().build())
        .setup(move |app| {
            if let Some((former, folder)) = &moved {
                log::info!("moved {} to {}", former.display(), folder.display());
            }
            open_main_window(app)
        });
    match build_app(builder, context()) {
        Ok(app) => app.run(|_, _| {}),
        Err(message) => {
            log::error!("cannot start: {message}");
            eprintln!("flightdeck: {message}");
            std::process::exit(1);
        }
    }
}
