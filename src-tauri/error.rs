//! Errors at the IPC boundary: core's errors as `{kind, message}` for the UI.

use flightdeck_core::ipc::ErrorPayload;
use serde::Serialize;

/// What a command returns on failure; serializes as `{kind, message}`.
#[derive(Debug)]
pub struct CommandError(ErrorPayload);

impl From<flightdeck_core::Error> for CommandError {
    fn from(e: flightdeck_core::Error) -> Self {
        CommandError(ErrorPayload::from(&e))
    }
}

impl CommandError {
    pub fn internal(message: impl Into<String>) -> Self {
        CommandError(ErrorPayload {
            kind: "internal".into(),
            message: message.into(),
        })
    }
}

impl Serialize for CommandError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
