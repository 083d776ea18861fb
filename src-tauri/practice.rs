//! Practice mode's commands: attempts, their clock, inbox and weekly status, and the debrief.
//! An attempt is a program of its own, so the register commands work on it by its id.

use std::path::PathBuf;

use flightdeck_core::practice::{
    Attempt, Debrief, InboxEntry, ScenarioBrief, StatusDraft, StatusReport,
};
use tauri::State;

use crate::commands::AppStore;
use crate::error::{CommandResult, guarded};

#[tauri::command(async)]
pub fn scenario_brief(store: State<'_, AppStore>, id: i64) -> CommandResult<Option<ScenarioBrief>> {
    guarded("scenario_brief", || Ok(store.lock()?.scenario_brief(id)?))
}

#[tauri::command(async)]
pub fn start_attempt(
    store: State<'_, AppStore>,
    id: i64,
    learner: String,
) -> CommandResult<Attempt> {
    guarded("start_attempt", || {
        Ok(store.lock()?.start_attempt(id, &learner)?)
    })
}

/// The attempts started on the program with this slug, newest first.
#[tauri::command(async)]
pub fn list_attempts(store: State<'_, AppStore>, program: String) -> CommandResult<Vec<Attempt>> {
    guarded("list_attempts", || {
        Ok(store.lock()?.attempts(Some(&program))?)
    })
}

/// The attempt with this id, or `null` when the program is not an attempt.
#[tauri::command(async)]
pub fn get_attempt(store: State<'_, AppStore>, id: i64) -> CommandResult<Option<Attempt>> {
    guarded("get_attempt", || {
        let store = store.lock()?;
        match store.attempt(id) {
            Ok(attempt) => Ok(Some(attempt)),
            Err(flightdeck_core::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    })
}

#[tauri::command(async)]
pub fn inbox(store: State<'_, AppStore>, id: i64) -> CommandResult<Vec<InboxEntry>> {
    guarded("inbox", || Ok(store.lock()?.inbox(id)?))
}

/// Moves the clock `days` forward; returns the events that fired.
#[tauri::command(async)]
pub fn advance(store: State<'_, AppStore>, id: i64, days: u32) -> CommandResult<Vec<InboxEntry>> {
    guarded("advance", || Ok(store.lock()?.advance(id, days)?))
}

#[tauri::command(async)]
pub fn report_status(
    store: State<'_, AppStore>,
    id: i64,
    draft: StatusDraft,
) -> CommandResult<StatusReport> {
    guarded("report_status", || {
        Ok(store.lock()?.report_status(id, &draft)?)
    })
}

#[tauri::command(async)]
pub fn status_reports(store: State<'_, AppStore>, id: i64) -> CommandResult<Vec<StatusReport>> {
    guarded("status_reports", || Ok(store.lock()?.status_reports(id)?))
}

#[tauri::command(async)]
pub fn finish_attempt(store: State<'_, AppStore>, id: i64) -> CommandResult<Attempt> {
    guarded("finish_attempt", || Ok(store.lock()?.finish_attempt(id)?))
}

#[tauri::command(async)]
pub fn debrief(store: State<'_, AppStore>, id: i64) -> CommandResult<Debrief> {
    guarded("debrief", || Ok(store.lock()?.debrief(id)?))
}

/// `path` comes from the native save dialog.
#[tauri::command(async)]
pub fn export_attempt(store: State<'_, AppStore>, id: i64, path: PathBuf) -> CommandResult<()> {
    guarded("export_attempt", || {
        Ok(store.lock()?.export_attempt(id, &path)?)
    })
}

/// `path` comes from the native open dialog; returns the imported attempt.
#[tauri::command(async)]
pub fn import_attempt(store: State<'_, AppStore>, path: PathBuf) -> CommandResult<Attempt> {
    guarded("import_attempt", || {
        let mut store = store.lock()?;
        let id = store.import_attempt(&path)?;
        Ok(store.attempt(id)?)
    })
}

/// The debrief as a one-page PNG; `path` comes from the native save dialog.
#[tauri::command(async)]
pub fn export_debrief_png(store: State<'_, AppStore>, id: i64, path: PathBuf) -> CommandResult<()> {
    guarded("export_debrief_png", || {
        Ok(store.lock()?.export_debrief_png(id, &path)?)
    })
}

/// Every rubric item of the debrief as CSV; `path` comes from the native save dialog.
#[tauri::command(async)]
pub fn export_debrief_csv(store: State<'_, AppStore>, id: i64, path: PathBuf) -> CommandResult<()> {
    guarded("export_debrief_csv", || {
        Ok(store.lock()?.export_debrief_csv(id, &path)?)
    })
}

/// The debrief's scores and timeline drawn at this size, for the window.
#[tauri::command(async)]
pub fn debrief_svg(
    store: State<'_, AppStore>,
    id: i64,
    width: u32,
    height: u32,
) -> CommandResult<String> {
    guarded("debrief_svg", || {
        let size = flightdeck_core::chart::Size::new(width, height)?;
        Ok(store.lock()?.debrief_svg(id, size, false)?)
    })
}
