//! The database's backups from the window: list them, put one back, and start on a database
//! too damaged to open by offering them instead of only an error.

use std::path::PathBuf;
use std::sync::Mutex;

use flightdeck_core::Store;
use flightdeck_core::ipc::ErrorPayload;
use flightdeck_core::store::{Backup, list_backups as backups_of};
use tauri::State;

use crate::commands::AppStore;
use crate::error::{CommandError, CommandResult, guarded};

/// Where the database is, and why it could not be opened at start, if it could not: the
/// window then offers its backups, and the store in use is an empty one in memory.
pub struct Startup {
    pub path: PathBuf,
    pub problem: Mutex<Option<ErrorPayload>>,
}

/// Why the database could not be opened at start; nothing when it opened.
#[tauri::command(async)]
pub fn startup_problem(startup: State<'_, Startup>) -> CommandResult<Option<ErrorPayload>> {
    guarded("startup_problem", || {
        Ok(startup
            .problem
            .lock()
            .map_err(|_| CommandError::internal("the start-up state is unavailable"))?
            .clone())
    })
}

/// The database's good backups, newest first.
#[tauri::command(async)]
pub fn list_backups(startup: State<'_, Startup>) -> CommandResult<Vec<Backup>> {
    guarded("list_backups", || Ok(backups_of(&startup.path)?))
}

/// Puts the backup called `name` back, the database as it is backed up first; at start, in
/// place of a database too damaged to open, which is kept aside.
#[tauri::command(async)]
pub fn restore_backup(
    store: State<'_, AppStore>,
    startup: State<'_, Startup>,
    name: String,
) -> CommandResult<()> {
    guarded("restore_backup", || {
        let mut problem = startup
            .problem
            .lock()
            .map_err(|_| CommandError::internal("the start-up state is unavailable"))?;
        if problem.is_some() {
            // the store in use is in memory: the file is no connection's until it is put back
            store.replace(Store::restore_at(&startup.path, &name)?)?;
            *problem = None;
        } else {
            store.lock()?.restore(&name)?;
        }
        Ok(())
    })
}
