//! App-level tests of the IPC surface: the command list agrees in every place that names it,
//! and the real commands answer real IPC requests on Tauri's mock runtime, through the app's
//! own capabilities. And the app's binary is the command line when called by its name.

// Tests may panic on a broken fixture: that is their failure report.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod command_list;
mod every_command;
mod harness;
mod mock_app;
mod multi_call;
