//! Errors at the IPC boundary: core's errors as `{kind, message, problems}` for the UI, which
//! switches on `kind` and shows each problem beside the field its `path` names.

use flightdeck_core::ipc::{ErrorKind, ErrorPayload};
use serde::Serialize;

/// What a command returns on failure; serializes as core's `ErrorPayload`, unchanged.
#[derive(Debug)]
pub struct CommandError(ErrorPayload);

impl From<flightdeck_core::Error> for CommandError {
    fn from(e: flightdeck_core::Error) -> Self {
        CommandError(ErrorPayload::from(&e))
    }
}

impl CommandError {
    /// A fault in the shell itself, not in what the user asked for.
    pub fn internal(message: impl Into<String>) -> Self {
        CommandError(ErrorPayload {
            kind: ErrorKind::Internal,
            message: message.into(),
            problems: Vec::new(),
        })
    }
}

impl Serialize for CommandError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
