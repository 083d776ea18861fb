//! Errors at the IPC boundary: core's errors as `{kind, message, problems}` for the UI, which
//! switches on `kind` and shows each problem beside the field its `path` names.

use std::panic::{AssertUnwindSafe, catch_unwind};

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

/// Commands the window calls as the learner types: their refusals are shown beside the field
/// and would fill the log a keystroke at a time, so they are logged below the log's level.
const AS_YOU_TYPE: &[&str] = &["check_edit"];

/// Runs a command's body at the IPC boundary. An error is logged with its kind before it is
/// answered. A panic is caught, logged and answered as an internal error: it never takes the
/// window down, nor leaves the window waiting for a reply that would never come. Core writes
/// in transactions, so what the command was writing is rolled back as the panic unwinds.
pub fn guarded<T>(command: &str, body: impl FnOnce() -> CommandResult<T>) -> CommandResult<T> {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => {
            // the kind as the window receives it: `not_found`, `validation`, …
            let kind = serde_json::to_value(e.0.kind)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_else(|| format!("{:?}", e.0.kind));
            if AS_YOU_TYPE.contains(&command) {
                log::debug!("{command}: {kind}: {}", e.0.message);
            } else {
                log::warn!("{command}: {kind}: {}", e.0.message);
            }
            Err(e)
        }
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".into());
            log::error!("{command}: panicked: {what}");
            Err(CommandError::internal(format!(
                "Flightdeck hit a fault it did not expect ({command}: {what}). What it was \
                 doing was not saved; the fault is in the log (Help → Open logs folder)."
            )))
        }
    }
}

#[cfg(test)]
// Tests may panic on a broken fixture: that is their failure report.
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_a_command_is_answered_as_an_internal_error() {
        let answer: CommandResult<()> = guarded("chart_svg", || panic!("index out of bounds"));
        let error = answer.expect_err("a panic is an error");
        assert!(matches!(error.0.kind, ErrorKind::Internal));
        assert!(
            error.0.message.contains("chart_svg: index out of bounds"),
            "{}",
            error.0.message
        );
        let formatted: CommandResult<()> = guarded("undo", || panic!("{} of {}", 3, 2));
        assert!(
            formatted
                .expect_err("error")
                .0
                .message
                .contains("undo: 3 of 2")
        );
    }

    #[test]
    fn an_answer_or_an_error_passes_through_unchanged() {
        assert_eq!(guarded("list", || Ok(7)).ok(), Some(7));
        let refused: CommandResult<()> = guarded("list", || {
            Err(flightdeck_core::Error::not_found("program", "x").into())
        });
        assert!(matches!(
            refused.expect_err("error").0.kind,
            ErrorKind::NotFound
        ));
    }

    /// Every command that can fail runs through `guarded`: read from the sources, so that a
    /// command added later without it fails here.
    #[test]
    fn every_command_is_guarded() {
        let sources = [
            include_str!("actions.rs"),
            include_str!("backups.rs"),
            include_str!("commands.rs"),
            include_str!("practice.rs"),
            include_str!("registers.rs"),
        ];
        let mut seen = 0;
        for source in sources {
            for command in source.split("#[tauri::command").skip(1) {
                let (signature, body) = command.split_once("{\n").expect("a body");
                if !signature.contains("-> CommandResult") {
                    continue;
                }
                seen += 1;
                let name = signature
                    .split("pub fn ")
                    .nth(1)
                    .and_then(|s| s.split(['(', '<']).next())
                    .expect("a name");
                assert!(
                    body.trim_start()
                        .starts_with(&format!("guarded(\"{name}\"")),
                    "{name} runs through guarded(\"{name}\", …)"
                );
            }
        }
        assert!(seen >= 44, "{seen} commands found");
    }
}
