//! The trainer's learning record store: its settings, with the password in the operating
//! system's keychain (never in the database), and a finished attempt sent to it with progress.
//! Nothing is sent unless the trainer asks.

use flightdeck_core::Error;
use flightdeck_core::practice::lrs::Lrs;
use flightdeck_core::practice::xapi::{LrsSettings, LrsState, Sent};
use serde::Serialize;
use tauri::State;
use tauri::ipc::Channel;

use crate::commands::AppStore;
use crate::error::{CommandResult, guarded};

/// Statements per request, and retries of a request the store fails or drops.
const BATCH: usize = 50;
const RETRIES: u8 = 5;

/// How far a send has come: statements dealt with, of how many.
#[derive(Clone, Serialize)]
pub struct Progress {
    done: usize,
    total: usize,
}

/// The keychain's entry for this store and user.
fn keychain(settings: &LrsSettings) -> Result<keyring::Entry, Error> {
    let service = format!("Flightdeck LRS {}", settings.endpoint.trim());
    keyring::Entry::new(&service, settings.user.trim()).map_err(keychain_error)
}

fn keychain_error(e: keyring::Error) -> Error {
    Error::Conflict(format!("the system keychain refused: {e}"))
}

fn state(settings: Option<LrsSettings>) -> LrsState {
    let password_saved = settings
        .as_ref()
        .is_some_and(|s| keychain(s).is_ok_and(|entry| entry.get_password().is_ok()));
    LrsState {
        settings,
        password_saved,
    }
}

#[tauri::command(async)]
pub fn lrs_settings(store: State<'_, AppStore>) -> CommandResult<LrsState> {
    guarded("lrs_settings", || {
        let settings = store.lock()?.lrs_settings()?;
        Ok(state(settings))
    })
}

/// Saves the settings, each wrong field named; a password given goes to the keychain.
#[tauri::command(async)]
pub fn save_lrs_settings(
    store: State<'_, AppStore>,
    settings: LrsSettings,
    password: Option<String>,
) -> CommandResult<LrsState> {
    guarded("save_lrs_settings", || {
        store.lock()?.save_lrs_settings(&settings)?;
        if let Some(password) = password.filter(|p| !p.is_empty()) {
            keychain(&settings)?
                .set_password(&password)
                .map_err(|e| {
                    Error::Conflict(format!(
                        "the settings are saved, but the password could not be kept in the system keychain: {e}"
                    ))
                })?;
        }
        Ok(state(Some(settings)))
    })
}

/// Sends a finished attempt to the trainer's store; `progress` hears after each batch.
#[tauri::command(async)]
pub fn send_attempt_to_lrs(
    store: State<'_, AppStore>,
    id: i64,
    progress: Channel<Progress>,
) -> CommandResult<Sent> {
    guarded("send_attempt_to_lrs", || {
        // the statements are made under the lock; the sending, which may take a while, is not
        let (settings, statements) = {
            let store = store.lock()?;
            let settings = store.lrs_settings()?.ok_or_else(|| {
                Error::Conflict(
                    "no learning record store is set: enter its address in the LRS settings first"
                        .into(),
                )
            })?;
            let statements = store.xapi_statements(id, &settings.options())?;
            (settings, statements)
        };
        let password = keychain(&settings)?.get_password().map_err(|e| match e {
            keyring::Error::NoEntry => Error::Conflict(format!(
                "no password is kept for {} at {}: enter it in the LRS settings",
                settings.user, settings.endpoint
            )),
            e => keychain_error(e),
        })?;
        let lrs = Lrs::new(&settings.endpoint, &settings.user, &password, RETRIES)?;
        let total = statements.len();
        let _ = progress.send(Progress { done: 0, total });
        Ok(lrs.send(&statements, BATCH, &mut |done| {
            // a window that closed meanwhile hears nothing: the sending goes on
            let _ = progress.send(Progress { done, total });
        }))
    })
}
