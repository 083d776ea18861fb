//! The commands for a TPM's everyday actions, each recorded and undoable in core: record a
//! KPI reading, log a communication, realise a risk, re-baseline, update progress.

use chrono::NaiveDate;
use flightdeck_core::edit::{Action, Progress};
use flightdeck_core::model::Communication;
use tauri::State;

use crate::commands::AppStore;
use crate::error::{CommandResult, guarded};

/// `date` is an ISO date, `YYYY-MM-DD`.
#[tauri::command(async)]
pub fn record_measurement(
    store: State<'_, AppStore>,
    id: i64,
    kpi: String,
    date: NaiveDate,
    value: f64,
) -> CommandResult<Action> {
    guarded("record_measurement", || {
        Ok(store.lock()?.record_measurement(id, &kpi, date, value)?)
    })
}

#[tauri::command(async)]
pub fn log_communication(
    store: State<'_, AppStore>,
    id: i64,
    entry: Communication,
) -> CommandResult<Action> {
    guarded("log_communication", || {
        Ok(store.lock()?.log_communication(id, &entry)?)
    })
}

/// Marks the risk realised and opens the issue it became.
#[tauri::command(async)]
pub fn realise_risk(store: State<'_, AppStore>, id: i64, risk: String) -> CommandResult<Action> {
    guarded("realise_risk", || {
        Ok(store.lock()?.realise_risk(id, &risk)?)
    })
}

/// Re-baselines one milestone, or every milestone when none is named.
#[tauri::command(async)]
pub fn rebaseline(
    store: State<'_, AppStore>,
    id: i64,
    milestone: Option<String>,
) -> CommandResult<Action> {
    guarded("rebaseline", || {
        Ok(store.lock()?.rebaseline(id, milestone.as_deref())?)
    })
}

#[tauri::command(async)]
pub fn update_progress(
    store: State<'_, AppStore>,
    id: i64,
    milestone: String,
    progress: Progress,
) -> CommandResult<Action> {
    guarded("update_progress", || {
        Ok(store.lock()?.update_progress(id, &milestone, &progress)?)
    })
}
