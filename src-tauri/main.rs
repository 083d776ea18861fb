// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::Path;
use std::process::ExitCode;

/// One binary, two programs: called `flightdeck-cli` (the Linux package's link to it), it is
/// the trainer's command line, so the package holds core once; otherwise it is the app.
fn main() -> ExitCode {
    let called = std::env::args_os().next().unwrap_or_default();
    if Path::new(&called)
        .file_stem()
        .is_some_and(|name| name == "flightdeck-cli")
    {
        return flightdeck_cli::run();
    }
    flightdeck_app::run();
    ExitCode::SUCCESS
}
