//! The commands the UI calls about whole programs, charts and exports. Each takes its
//! arguments, calls one core function and maps the error; nothing else lives here. Register
//! items and the actions on them are in `registers.rs` and `actions.rs`.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, PoisonError};

use flightdeck_core::chart::Size;
use flightdeck_core::edit::Action;
use flightdeck_core::files::write_atomically;
use flightdeck_core::overview::Overview;
use flightdeck_core::status::ProgramStatus;
use flightdeck_core::store::{OnLoaded, ProgramSummary};
use flightdeck_core::{Roadmap, Store};
use tauri::State;

use crate::error::{CommandResult, guarded};

/// The app's one database connection.
pub struct AppStore(pub Mutex<Store>);

impl AppStore {
    /// The store. A command that panicked while holding it left it poisoned; it is taken
    /// anyway: what that command was writing was rolled back with its transaction.
    pub(crate) fn lock(&self) -> CommandResult<MutexGuard<'_, Store>> {
        Ok(self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

#[tauri::command(async)]
pub fn list_programs(store: State<'_, AppStore>) -> CommandResult<Vec<ProgramSummary>> {
    guarded("list_programs", || Ok(store.lock()?.programs()?))
}

#[tauri::command(async)]
pub fn program_overview(store: State<'_, AppStore>, id: i64) -> CommandResult<Overview> {
    guarded("program_overview", || Ok(store.lock()?.overview(id)?))
}

#[tauri::command(async)]
pub fn program_status(store: State<'_, AppStore>, id: i64) -> CommandResult<ProgramStatus> {
    guarded("program_status", || Ok(store.lock()?.status(id)?))
}

/// Removes the program and everything in it.
#[tauri::command(async)]
pub fn remove_program(store: State<'_, AppStore>, id: i64) -> CommandResult<()> {
    guarded("remove_program", || Ok(store.lock()?.remove_program(id)?))
}

/// Puts the program back as its pack shipped it; recorded, never undone.
#[tauri::command(async)]
pub fn reset_program(store: State<'_, AppStore>, id: i64) -> CommandResult<Action> {
    guarded("reset_program", || Ok(store.lock()?.reset_program(id)?))
}

#[tauri::command(async)]
pub fn chart_names(store: State<'_, AppStore>, id: i64) -> CommandResult<Vec<String>> {
    guarded("chart_names", || Ok(store.lock()?.chart_names(id)?))
}

/// The chart drawn to fill a place `width`×`height` big in the window, at its text's own
/// size: taller than the place where its content needs it (see `chart::fitted_size`). The
/// store is locked only to load what the chart is drawn from: the guard is a temporary of the
/// `let` statement, so it is dropped before the chart renders.
#[tauri::command(async)]
pub fn chart_svg(
    store: State<'_, AppStore>,
    id: i64,
    chart: String,
    width: u32,
    height: u32,
) -> CommandResult<String> {
    guarded("chart_svg", || {
        let pane = Size::new(width, height)?;
        let data = store.lock()?.chart(id, &chart)?;
        Ok(data.svg(data.fitted(pane))?)
    })
}

/// The roadmap drawn to fill a place `width`×`height` big, as `chart_svg` draws the `gantt`
/// chart, with where each milestone is on it (the window's hover and click): the plan is
/// loaded and analysed once for both, and drawn after the store is let go.
#[tauri::command(async)]
pub fn roadmap(
    store: State<'_, AppStore>,
    id: i64,
    width: u32,
    height: u32,
) -> CommandResult<Roadmap> {
    guarded("roadmap", || {
        let pane = Size::new(width, height)?;
        let data = store.lock()?.roadmap(id)?;
        Ok(data.draw(pane)?)
    })
}

/// `path` comes from the native save dialog; Rust does the writing. Rendering and writing
/// happen after the store is let go, as in `chart_svg`.
#[tauri::command(async)]
pub fn export_chart_png(
    store: State<'_, AppStore>,
    id: i64,
    chart: String,
    path: PathBuf,
) -> CommandResult<()> {
    guarded("export_chart_png", || {
        let data = store.lock()?.chart(id, &chart)?;
        Ok(write_atomically(&path, &data.png(None)?)?)
    })
}

/// What exports as CSV: every register, and `evm` (earned value by week).
#[tauri::command(async)]
pub fn export_tables() -> Vec<&'static str> {
    flightdeck_core::export::tables()
}

/// `path` comes from the native save dialog; Rust does the writing.
#[tauri::command(async)]
pub fn export_csv(
    store: State<'_, AppStore>,
    id: i64,
    register: String,
    path: PathBuf,
) -> CommandResult<()> {
    guarded("export_csv", || {
        Ok(store.lock()?.export_csv(id, &register, true, &path)?)
    })
}

/// `path` comes from the native open dialog or a file dropped on the window; `on` says what
/// to do when its program is loaded already (by default, refuse with `already_loaded`).
/// Returns the new program's id.
#[tauri::command(async)]
pub fn import_pack(
    store: State<'_, AppStore>,
    path: PathBuf,
    on: Option<OnLoaded>,
) -> CommandResult<i64> {
    guarded("import_pack", || {
        Ok(store
            .lock()?
            .import_file_as(&path, on.unwrap_or_default())?)
    })
}

/// Writes the program as a pack file where the native save dialog said.
#[tauri::command(async)]
pub fn export_pack(store: State<'_, AppStore>, id: i64, path: PathBuf) -> CommandResult<()> {
    guarded("export_pack", || {
        Ok(store.lock()?.export_pack(id, &path)?)
    })
}

/// The UI calls this once the program list is painted. The cold-start benchmark sets
/// `FLIGHTDECK_REPORT_READY` and waits for the line; a normal run prints nothing.
#[tauri::command]
pub fn ready() {
    if std::env::var_os("FLIGHTDECK_REPORT_READY").is_some() {
        println!("flightdeck: ready");
    }
}
